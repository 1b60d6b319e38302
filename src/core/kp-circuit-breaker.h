/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* After 5 temporary failures in a row a backend rests for 5 minutes. */
#define KP_CIRCUIT_BREAKER_DEFAULT_THRESHOLD 5
#define KP_CIRCUIT_BREAKER_DEFAULT_COOL_DOWN (5 * G_TIME_SPAN_MINUTE)

/*
 * Keeps a case system that is down from being called for every row in
 * the outbox: after @threshold temporary failures in a row (network,
 * timeouts, 5xx) it opens, and calls are refused until @cool_down has
 * passed. Then one call may try; if it fails too, the breaker opens again
 * at once, and a success closes it. A permanent refusal is an answer, so
 * it counts as the system working. Times are passed in (microseconds
 * since the epoch), so tests choose them. Safe to share between threads.
 */
#define KP_TYPE_CIRCUIT_BREAKER (kp_circuit_breaker_get_type ())
G_DECLARE_FINAL_TYPE (KpCircuitBreaker, kp_circuit_breaker, KP, CIRCUIT_BREAKER, GObject)

/* (transfer full) */
KpCircuitBreaker *kp_circuit_breaker_new (guint threshold, GTimeSpan cool_down);

/*
 * TRUE when a call may go through at @now. While the breaker is open it
 * returns FALSE and sets @open_until (optional) to when it lets one try.
 */
gboolean kp_circuit_breaker_allows (KpCircuitBreaker *self, gint64 now, gint64 *open_until);
/* What one recorded call did to the breaker. */
typedef enum
{
  KP_CIRCUIT_BREAKER_UNCHANGED,
  KP_CIRCUIT_BREAKER_OPENED, /* it opened, or opened again after a failed try */
  KP_CIRCUIT_BREAKER_CLOSED, /* it had opened, and this answer closed it: the system is back */
} KpCircuitBreakerChange;

/* How a call that went through at @now ended: @failure NULL for success. */
KpCircuitBreakerChange
kp_circuit_breaker_record (KpCircuitBreaker *self, const GError *failure, gint64 now);
guint kp_circuit_breaker_get_failures_in_a_row (KpCircuitBreaker *self);

G_END_DECLS
