/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * An immutable snapshot of one case in the embedded case register: what the
 * municipality's case system would hold after a submission arrived there.
 */
#define KP_TYPE_CASE (kp_case_get_type ())
G_DECLARE_FINAL_TYPE (KpCase, kp_case, KP, CASE, GObject)

KpCase *kp_case_new (const char *case_id,
                     const char *idempotency_key,
                     const char *reference,
                     const char *kind,
                     const char *payload,
                     const char *status,
                     gint64 received_at);

/* A readable case number such as "ZAAK-2026-000123". */
const char *kp_case_get_case_id (KpCase *self);
const char *kp_case_get_idempotency_key (KpCase *self);
/* The outbox reference on the resident's slip, e.g. "KP-7H3Q-9MXC". */
const char *kp_case_get_reference (KpCase *self);
const char *kp_case_get_kind (KpCase *self);
/* The submission as JSON: personal data, never for logs. */
const char *kp_case_get_payload (KpCase *self);
const char *kp_case_get_status (KpCase *self);
/* Microseconds since the epoch (g_get_real_time). */
gint64 kp_case_get_received_at (KpCase *self);

G_END_DECLS
