/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gio/gio.h>

#include "kp-attachment.h"
#include "kp-outbox-item.h"
#include "kp-store.h"

G_BEGIN_DECLS

#define KP_OUTBOX_ERROR (kp_outbox_error_quark ())

typedef enum
{
  KP_OUTBOX_ERROR_NOT_FOUND,          /* no row with that reference */
  KP_OUTBOX_ERROR_INVALID_PAYLOAD,    /* payload is not a JSON object, or kind is empty */
  KP_OUTBOX_ERROR_INVALID_TRANSITION, /* e.g. delivering a row that is already delivered */
  KP_OUTBOX_ERROR_STORE,              /* the database failed; see the message */
} KpOutboxError;

#define KP_TYPE_OUTBOX (kp_outbox_get_type ())
G_DECLARE_FINAL_TYPE (KpOutbox, kp_outbox, KP, OUTBOX, GObject)

GQuark kp_outbox_error_quark (void);

KpOutbox *kp_outbox_new (KpStore *store);
KpStore *kp_outbox_get_store (KpOutbox *self);

/*
 * Writes one submission in a single transaction: payload, attachments, a
 * fresh reference and idempotency key. Returns the reference (transfer
 * full) only after the transaction is durable on disk, so whatever a
 * resident was told "received" survives a power cut.
 */
char *kp_outbox_submit (KpOutbox *self,
                        const char *kind,
                        const char *payload_json,
                        GPtrArray *attachments,
                        GError **error);

/* Queries. (transfer full) */
KpOutboxItem *kp_outbox_lookup (KpOutbox *self, const char *reference, GError **error);
GPtrArray *kp_outbox_list (KpOutbox *self, GError **error);
GPtrArray *kp_outbox_get_attachments (KpOutbox *self, const char *reference, GError **error);
gboolean
kp_outbox_count_by_state (KpOutbox *self, guint counts[KP_OUTBOX_N_STATES], GError **error);
/* The rows of one @kind ("report", …) per state: what the volunteer sees per backend. */
gboolean kp_outbox_count_by_kind_and_state (KpOutbox *self,
                                            const char *kind,
                                            guint counts[KP_OUTBOX_N_STATES],
                                            GError **error);
/* The earliest next_attempt_at of a pending row, or -1 when none is pending. */
gint64 kp_outbox_get_next_due (KpOutbox *self, GError **error);

/* The delivery state machine, used by kernpunt-syncd. */

/* Moves rows left in "delivering" by a crash back to "pending". Returns how many. */
guint kp_outbox_recover_interrupted (KpOutbox *self, GError **error);
/*
 * Claims the oldest pending row due at @now: it becomes "delivering" and
 * its attempt count goes up, in one transaction, so two agents never claim
 * the same row. Returns NULL with no error when nothing is due.
 */
KpOutboxItem *kp_outbox_claim_due (KpOutbox *self, gint64 now, GError **error);
gboolean kp_outbox_mark_delivered (KpOutbox *self,
                                   const char *reference,
                                   const char *remote_id,
                                   const char *remote_status,
                                   gint64 now,
                                   GError **error);
gboolean kp_outbox_mark_retry (KpOutbox *self,
                               const char *reference,
                               const char *error_text,
                               gint64 next_attempt_at,
                               GError **error);
gboolean kp_outbox_mark_rejected (KpOutbox *self,
                                  const char *reference,
                                  const char *error_text,
                                  GError **error);
/* pending or rejected -> pending, due at @now; the attempts are kept. */
gboolean kp_outbox_retry_now (KpOutbox *self, const char *reference, gint64 now, GError **error);
/*
 * For a case system that is back after an outage: its waiting rows, those
 * of @kinds (or, with @all_but, of every kind not in @kinds), become due
 * one after another from @start, @spacing apart, oldest first, so they
 * return soon but not all at once. A row due before its place keeps its
 * time. Sets @n_moved (optional) to how many rows were moved.
 */
gboolean kp_outbox_spread_due (KpOutbox *self,
                               const char *const *kinds,
                               gboolean all_but,
                               gint64 start,
                               GTimeSpan spacing,
                               guint *n_moved,
                               GError **error);

G_END_DECLS
