/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <adwaita.h>

#include "kp-printer-state.h"

G_BEGIN_DECLS

/*
 * What a resident sees after touching Help: "A volunteer is coming", with
 * a pulsing light so a volunteer across the room notices it too.
 */
#define KP_TYPE_HELP_NOTICE (kp_help_notice_get_type ())
G_DECLARE_FINAL_TYPE (KpHelpNotice, kp_help_notice, KP, HELP_NOTICE, AdwBin)

GtkWidget *kp_help_notice_new (void);
/*
 * Names a printer problem for the volunteer who comes, so a slip that did
 * not print gets seen to; READY or NONE shows nothing.
 */
void kp_help_notice_set_printer_state (KpHelpNotice *self, KpPrinterState state);
/* The volunteer answered "I am coming": the resident reads that someone saw the call. */
void kp_help_notice_set_acknowledged (KpHelpNotice *self);
/*
 * Outside the volunteer hours nobody would come: the notice offers
 * @phone, a call back and an appointment instead.
 */
void kp_help_notice_set_away (KpHelpNotice *self, const char *phone);

G_END_DECLS
