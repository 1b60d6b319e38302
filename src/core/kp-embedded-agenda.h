/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib-object.h>

#include "kp-appointment-backend.h"
#include "kp-store.h"

G_BEGIN_DECLS

/*
 * The embedded agenda: a KpAppointmentBackend in the local SQLite store,
 * for demo mode, for a municipality without an online agenda, and for the
 * information point's own agenda ("help with DigiD from a volunteer,
 * Tuesday 10–12").
 *
 * Its products and locations, each location's opening hours per weekday,
 * slot length, capacity (places per slot) and closed dates come from an
 * agenda file (see kiosk-image/agenda.conf.example) or, without one, from
 * the built-in demo agenda whose product ids match the guidance's
 * products.txt. The definition is written to the store's agenda tables
 * when the agenda is made, so every process on the database books against
 * the same slots.
 *
 * Slots are wall-clock times in the location's time zone, so a location
 * that opens at 09:00 has its first slot at 09:00 on the days clocks
 * change too; a time that does not exist that day is skipped. The capacity
 * check and the booking are one BEGIN IMMEDIATE transaction and each place
 * is a UNIQUE (location, start, seat) row, so of two processes racing for
 * the last place exactly one wins; the other gets SLOT_TAKEN.
 *
 * The name, e-mail and phone of a booking stay in the store until the
 * appointment is over (the volunteer needs to know who is coming), then
 * they are erased.
 */
#define KP_TYPE_EMBEDDED_AGENDA (kp_embedded_agenda_get_type ())
G_DECLARE_FINAL_TYPE (KpEmbeddedAgenda, kp_embedded_agenda, KP, EMBEDDED_AGENDA, GObject)

/*
 * Reads the agenda file at @agenda_path (NULL: the built-in demo agenda)
 * and writes it to @store. A file of the wrong form fails with a
 * KP_CONFIG_ERROR that names the group and key. (transfer full)
 */
KpEmbeddedAgenda *kp_embedded_agenda_new (KpStore *store, const char *agenda_path, GError **error);
/* The same, from the contents of an agenda file. (transfer full) */
KpEmbeddedAgenda *
kp_embedded_agenda_new_from_data (KpStore *store, const char *agenda_data, GError **error);

G_END_DECLS
