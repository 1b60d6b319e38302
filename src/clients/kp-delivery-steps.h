/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include "kp-store.h"

G_BEGIN_DECLS

/*
 * The finished steps of one delivery, kept in the store's delivery_steps
 * table against our reference: "signal" → the signal's uuid,
 * "attachment-0" → "sent", … A step is saved the moment the server
 * confirms it, so a retry after an error or a crash skips it. Values are
 * identifiers only, never personal data.
 */

/*
 * What @step of @reference stored, or NULL (with no error) when it has not
 * finished yet. (transfer full)
 */
char *
kp_delivery_steps_lookup (KpStore *store, const char *reference, const char *step, GError **error);
gboolean kp_delivery_steps_save (
    KpStore *store, const char *reference, const char *step, const char *value, GError **error);

G_END_DECLS
