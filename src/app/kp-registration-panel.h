/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <adwaita.h>

#include "kp-events.h"

G_BEGIN_DECLS

/*
 * The volunteer's two-tap registration after helping someone, as library
 * information points register it nationally: one tap for the
 * organisation asked about, one for the help given. The second tap emits
 * "registered" (organisation, help) and shows "Saved"; the panel is then
 * ready for the next person.
 */
#define KP_TYPE_REGISTRATION_PANEL (kp_registration_panel_get_type ())
G_DECLARE_FINAL_TYPE (KpRegistrationPanel, kp_registration_panel, KP, REGISTRATION_PANEL, AdwBin)

GtkWidget *kp_registration_panel_new (void);

G_END_DECLS
