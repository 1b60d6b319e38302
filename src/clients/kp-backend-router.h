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
 */
#define KP_TYPE_BACKEND_ROUTER (kp_backend_router_get_type ())
G_DECLARE_FINAL_TYPE (KpBackendRouter, kp_backend_router, KP, BACKEND_ROUTER, GObject)

/* (transfer full) */
KpBackendRouter *kp_backend_router_new (KpBackend *default_backend);
/* Rows of @kind go to @backend from now on. */
void kp_backend_router_add_route (KpBackendRouter *self, const char *kind, KpBackend *backend);

G_END_DECLS
