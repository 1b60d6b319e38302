/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib-object.h>

#include "kp-backend.h"
#include "kp-circuit-breaker.h"
#include "kp-outbox.h"

G_BEGIN_DECLS

/* Rows a second, at most, that come back to a case system after its outage. */
#define KP_BACKEND_ROUTER_RECOVERY_RATE 10

/*
 * A KpBackend that hands each outbox row to the backend routed for its
 * kind ([delivery] report=zgw, …), or to the default one. It decides when
 * the row is delivered, not when it was written, so rows already waiting
 * follow a changed route.
 *
 * Each backend has a circuit breaker (kp-circuit-breaker.h): after
 * KP_CIRCUIT_BREAKER_DEFAULT_THRESHOLD temporary failures in a row, rows
 * for that backend fail at once, without a call, for the cool-down, so a
 * case system that is down is not flooded and rows routed elsewhere keep
 * flowing.
 *
 * With an outbox given (kp_backend_router_set_outbox()), the router also
 * paces the backend's waiting rows: while the breaker rests they are lined
 * up one per cool-down, so a try comes as soon as it may; when a try finds
 * the backend back they all become due soon, KP_BACKEND_ROUTER_RECOVERY_RATE
 * a second, instead of each waiting out the back-off it built up during
 * the outage.
 */
#define KP_TYPE_BACKEND_ROUTER (kp_backend_router_get_type ())
G_DECLARE_FINAL_TYPE (KpBackendRouter, kp_backend_router, KP, BACKEND_ROUTER, GObject)

/* Microseconds since the epoch; tests move it to see the cool-down pass. */
typedef gint64 (*KpBackendRouterClock) (void);

/* (transfer full) */
KpBackendRouter *kp_backend_router_new (KpBackend *default_backend);
/* Rows of @kind go to @backend from now on. */
void kp_backend_router_add_route (KpBackendRouter *self, const char *kind, KpBackend *backend);
void kp_backend_router_set_clock (KpBackendRouter *self, KpBackendRouterClock clock);

/* Every backend it routes to, the default one too. (element-type KpBackend) (transfer container) */
GPtrArray *kp_backend_router_list_backends (KpBackendRouter *self);
/*
 * The circuit breaker of @backend, so that asking it for statuses obeys
 * (and feeds) the same breaker as delivering to it. (transfer none)
 * (nullable): NULL for a backend the router does not know.
 */
KpCircuitBreaker *kp_backend_router_get_breaker (KpBackendRouter *self, KpBackend *backend);
/* The outbox whose rows this router delivers, for the return after an outage. */
void kp_backend_router_set_outbox (KpBackendRouter *self, KpOutbox *outbox);

G_END_DECLS
