/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <adwaita.h>

#include "kp-appointment-backend.h"
#include "kp-config.h"
#include "kp-outbox.h"

G_BEGIN_DECLS

/*
 * "Follow your report": the resident types the reference from their slip
 * and sees in plain words where their report is, from the local outbox.
 * The reference of an appointment (typed, or scanned from the slip's QR by
 * a barcode reader that types it and presses Enter) shows the appointment,
 * with Cancel and an "Are you sure?" step.
 */
#define KP_TYPE_FOLLOW_PAGE (kp_follow_page_get_type ())
G_DECLARE_FINAL_TYPE (KpFollowPage, kp_follow_page, KP, FOLLOW_PAGE, AdwBin)

/* @appointments is nullable: a kiosk without appointments follows reports only. */
GtkWidget *
kp_follow_page_new (KpConfig *config, KpOutbox *outbox, KpAppointmentBackend *appointments);

G_END_DECLS
