/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* "Are you still there?": shown before an idle session is wiped. */
#define KP_TYPE_COUNTDOWN (kp_countdown_get_type ())
G_DECLARE_FINAL_TYPE (KpCountdown, kp_countdown, KP, COUNTDOWN, AdwBin)

GtkWidget *kp_countdown_new (void);
void kp_countdown_set_seconds_left (KpCountdown *self, guint seconds_left);

G_END_DECLS
