/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gio/gio.h>

#include "kp-backend.h"
#include "kp-outbox.h"

G_BEGIN_DECLS

/* Retries start 5 s after a failure and double up to an hour, give or take 20%. */
#define KP_DELIVERY_AGENT_DEFAULT_RETRY_BASE (5 * G_TIME_SPAN_SECOND)
#define KP_DELIVERY_AGENT_DEFAULT_RETRY_MAX  G_TIME_SPAN_HOUR
#define KP_DELIVERY_AGENT_JITTER             0.2

/*
 * Moves due outbox rows to a backend, one row at a time: claim, check the
 * attachments, deliver, then book the outcome (delivered, retry later with
 * back-off, or rejected for good). Holds no state between rows, so a crash
 * at any point leaves at most one row in "delivering", which
 * kp_outbox_recover_interrupted() puts back for a retry with the same
 * idempotency key.
 */
#define KP_TYPE_DELIVERY_AGENT (kp_delivery_agent_get_type ())
G_DECLARE_FINAL_TYPE (KpDeliveryAgent, kp_delivery_agent, KP, DELIVERY_AGENT, GObject)

/*
 * The wait before the next attempt after failed attempt number @attempt
 * (1 for the first): @base doubled for each earlier attempt, up to @max,
 * then spread by ±KP_DELIVERY_AGENT_JITTER so kiosks that failed together
 * do not all retry together, and never more than @max. @random is in
 * [0, 1): 0.5 gives the exact doubling.
 */
GTimeSpan
kp_delivery_agent_compute_backoff (guint attempt, GTimeSpan base, GTimeSpan max, double random);

KpDeliveryAgent *kp_delivery_agent_new (KpOutbox *outbox, KpBackend *backend);

void kp_delivery_agent_set_retry_delays (KpDeliveryAgent *self, GTimeSpan base, GTimeSpan max);

/*
 * Delivers every row due at @now (microseconds since the epoch), one at a
 * time, and sets @n_handled (optional) to how many rows it tried. When
 * @cancellable is cancelled it finishes or abandons the current row safely
 * and stops with G_IO_ERROR_CANCELLED. Other errors mean the store failed:
 * what the backend says about a row is booked on that row, not returned.
 */
gboolean kp_delivery_agent_deliver_due (
    KpDeliveryAgent *self, gint64 now, GCancellable *cancellable, guint *n_handled, GError **error);
/* The same in a worker thread, so a main loop keeps answering signals. */
void kp_delivery_agent_deliver_due_async (KpDeliveryAgent *self,
                                          gint64 now,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data);
gboolean kp_delivery_agent_deliver_due_finish (KpDeliveryAgent *self,
                                               GAsyncResult *result,
                                               guint *n_handled,
                                               GError **error);

G_END_DECLS
