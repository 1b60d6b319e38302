/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <sqlite3.h>

#include "kp-appointment.h"
#include "kp-store.h"

G_BEGIN_DECLS

/*
 * For the backends: the state changes only they may make, and the local
 * record of a booked appointment in the store's "appointments" table.
 */

void
kp_appointment_mark_booked (KpAppointment *self, const char *backend_name, const char *remote_id);
void kp_appointment_mark_cancelled (KpAppointment *self);

/*
 * Writes the record of @self as booked by @backend_name under @remote_id
 * (inside the caller's transaction, if any); mark it booked once that is
 * committed. With @keep_contact FALSE the name, e-mail and phone are not
 * written.
 */
gboolean kp_appointment_insert_record (KpAppointment *self,
                                       KpStore *store,
                                       const char *backend_name,
                                       const char *remote_id,
                                       gboolean keep_contact,
                                       GError **error);
/* The record with @reference; NOT_FOUND when there is none. (transfer full) */
KpAppointment *kp_appointment_load_record (KpStore *store, const char *reference, GError **error);
gboolean kp_appointment_mark_record_cancelled (KpAppointment *self, KpStore *store, GError **error);
/* Erases name, e-mail and phone of every appointment that ended before @now (unix seconds). */
gboolean kp_appointment_erase_past_contacts (KpStore *store, gint64 now, GError **error);

/* A store failure as the backend error callers act on: the agenda is unavailable. */
void kp_appointment_set_store_error (GError **error, KpStore *store, const char *what);

G_END_DECLS
