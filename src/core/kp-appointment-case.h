/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gio/gio.h>

#include "kp-appointment.h"
#include "kp-config.h"
#include "kp-outbox.h"

G_BEGIN_DECLS

/* The outbox kind of a booked appointment on its way to the case system. */
#define KP_APPOINTMENT_CASE_KIND "appointment"

/*
 * Registers a booked @appointment as a case when [delivery] appointment is
 * "zgw": writes it to @outbox as kind "appointment" (what, where, when,
 * the appointment's reference, and the name and contact details only when
 * given, under "personal"), and kernpunt-syncd delivers it as a zaak like
 * any submission. With another route it writes nothing and returns TRUE.
 * Called by whatever books, right after the backend confirmed. Blocks on
 * the database: call it from the booking's worker thread. Cancelling the
 * appointment later does not change the zaak.
 */
gboolean kp_appointment_case_submit (KpAppointment *appointment,
                                     KpConfig *config,
                                     KpOutbox *outbox,
                                     GError **error);

G_END_DECLS
