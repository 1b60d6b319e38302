/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib.h>

#include "kp-store.h"

G_BEGIN_DECLS

/*
 * The embedded agenda's definition, read from a key file: groups
 * "[product ID]" (name) and "[location ID]" (name, address, products,
 * time-zone, slot-minutes, capacity, one key per weekday with opening
 * times as [opening-hours] takes them, closed dates).
 * kiosk-image/agenda.conf.example documents every key.
 */

/* The built-in demo agenda of the fictional Gemeente Lindeveen. (transfer none) */
const char *kp_agenda_file_get_demo_data (void);

/*
 * Checks @file and replaces the agenda tables in @store with it, in the
 * caller's transaction. A file of the wrong form fails with a
 * KP_CONFIG_ERROR naming the group and key, and nothing is written.
 */
gboolean kp_agenda_file_write_to_store (GKeyFile *file, KpStore *store, GError **error);

G_END_DECLS
