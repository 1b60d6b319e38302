/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/*
 * The volunteer's way in: a large number pad (0–9, erase, OK) that shows
 * a dot per digit, never the digit. It only collects the PIN; the window
 * checks it and tells the pad the outcome. While locked the pad shows how
 * many minutes are left instead of the keys, so nobody thinks it broke.
 *
 * Signals: "submitted" (const char *pin) when OK is pressed; the pad
 * forgets the digits right after. Actions: "pad.digit" (s), "pad.erase",
 * "pad.ok", and the window's "kiosk.volunteer-leave" on Cancel.
 */
#define KP_TYPE_VOLUNTEER_PAD (kp_volunteer_pad_get_type ())
G_DECLARE_FINAL_TYPE (KpVolunteerPad, kp_volunteer_pad, KP, VOLUNTEER_PAD, AdwBin)

GtkWidget *kp_volunteer_pad_new (void);

/* The number of digits typed so far (the dots on screen). */
guint kp_volunteer_pad_get_n_digits (KpVolunteerPad *self);
/* After a wrong PIN: says so, with @attempts_left before the pad locks. */
void kp_volunteer_pad_show_refused (KpVolunteerPad *self, guint attempts_left);
/* Locks the keys and shows the minutes left (rounded up); 0 unlocks. */
void kp_volunteer_pad_set_locked_seconds (KpVolunteerPad *self, guint seconds_left);
gboolean kp_volunteer_pad_get_locked (KpVolunteerPad *self);

G_END_DECLS
