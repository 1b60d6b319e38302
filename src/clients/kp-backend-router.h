/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib-object.h>

#include "kp-backend.h"

G_BEGIN_DECLS

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

G_END_DECLS
