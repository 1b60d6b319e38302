/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gtk/gtk.h>

#include "kp-config.h"

G_BEGIN_DECLS

/*
 * How to get help today when the kiosk cannot: the municipality's phone
 * number, its opening hours and the volunteer's Help. For the pages that
 * have to say "not here" (coming soon, no forms).
 */
#define KP_TYPE_CONTACT_BOX (kp_contact_box_get_type ())
G_DECLARE_FINAL_TYPE (KpContactBox, kp_contact_box, KP, CONTACT_BOX, GtkBox)

GtkWidget *kp_contact_box_new (KpConfig *config);
/* Fills in @config's phone and opening hours; for a box made by a template. */
void kp_contact_box_set_config (KpContactBox *self, KpConfig *config);

G_END_DECLS
