/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/*
 * What a resident sees after touching Help: "A volunteer is coming", with
 * a pulsing light so a volunteer across the room notices it too.
 */
#define KP_TYPE_HELP_NOTICE (kp_help_notice_get_type ())
G_DECLARE_FINAL_TYPE (KpHelpNotice, kp_help_notice, KP, HELP_NOTICE, AdwBin)

GtkWidget *kp_help_notice_new (void);

G_END_DECLS
