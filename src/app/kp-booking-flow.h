/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <adwaita.h>

#include "kp-appointment-backend.h"
#include "kp-config.h"
#include "kp-guide.h"
#include "kp-outbox.h"
#include "kp-printer.h"

G_BEGIN_DECLS

/*
 * Making an appointment at the kiosk, on the one form flow: product,
 * location, day (the first free days as big buttons, later days after
 * "Another day"), time, name, optionally e-mail or phone, the check
 * screen, then booking through @backend and the receipt page with the
 * slip. Every backend call runs in a thread.
 *
 * When someone else takes the chosen time first, the check screen says so
 * and offers the next free time. When the backend does not answer, the
 * step offers "Try again", "Ask us to call you back" (the kiosk's
 * "callback" page) and, with a local agenda that has the product, booking
 * there instead; product names are the guide's, in the session language.
 */
#define KP_TYPE_BOOKING_FLOW (kp_booking_flow_get_type ())
G_DECLARE_FINAL_TYPE (KpBookingFlow, kp_booking_flow, KP, BOOKING_FLOW, AdwBin)

/*
 * @product_id (nullable) skips the product question, for a guidance
 * topic's "make an appointment for" step. @guide (nullable) gives the
 * product's "what to bring" for the slip.
 */
GtkWidget *kp_booking_flow_new (KpConfig *config,
                                KpAppointmentBackend *backend,
                                KpPrinter *printer,
                                KpGuide *guide,
                                const char *product_id);

/*
 * @local_agenda (nullable): the information point's own agenda
 * (kp_appointment_backend_new_local_for_config) to offer while choosing
 * the product or the location, when the flow's backend does not answer.
 */
void kp_booking_flow_set_local_agenda (KpBookingFlow *self, KpAppointmentBackend *local_agenda);
/*
 * @outbox (nullable): where a booked appointment is also written as a case
 * (kp_appointment_case_submit), when [delivery] appointment is "zgw".
 */
void kp_booking_flow_set_outbox (KpBookingFlow *self, KpOutbox *outbox);

/* (transfer none): the appointment being made, for tests */
KpAppointment *kp_booking_flow_get_appointment (KpBookingFlow *self);

G_END_DECLS
