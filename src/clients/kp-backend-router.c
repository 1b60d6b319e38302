/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-backend-router.h"

#include "kp-circuit-breaker.h"

#include <glib/gi18n-lib.h>

struct _KpBackendRouter
{
  GObject parent_instance;

  KpBackend *default_backend;
  GHashTable *routes;   /* kind → KpBackend */
  GHashTable *breakers; /* KpBackend → KpCircuitBreaker, one per backend, not per kind */
  KpBackendRouterClock clock;
};

static void kp_backend_router_backend_init (KpBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KpBackendRouter,
                               kp_backend_router,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KP_TYPE_BACKEND,
                                                      kp_backend_router_backend_init))

static KpBackend *
pick_backend (KpBackendRouter *self, const char *kind)
{
  KpBackend *backend = g_hash_table_lookup (self->routes, kind);

  return backend != NULL ? backend : self->default_backend;
}

static void
add_breaker (KpBackendRouter *self, KpBackend *backend)
{
  if (g_hash_table_contains (self->breakers, backend))
    return;
  g_hash_table_insert (self->breakers, g_object_ref (backend),
                       kp_circuit_breaker_new (KP_CIRCUIT_BREAKER_DEFAULT_THRESHOLD,
                                               KP_CIRCUIT_BREAKER_DEFAULT_COOL_DOWN));
}

static void
set_resting_error (GError **error, KpBackend *backend, KpCircuitBreaker *breaker, gint64 until)
{
  g_autoptr (GDateTime) when = g_date_time_new_from_unix_local (until / G_USEC_PER_SEC);
  g_autofree char *clock_time = g_date_time_format (when, "%H:%M:%S");

  /* TRANSLATORS: "zgw failed 5 times in a row; next try after 14:05:00" */
  g_set_error (error, KP_BACKEND_ERROR, KP_BACKEND_ERROR_TEMPORARY,
               _ ("%s failed %u times in a row; next try after %s"), kp_backend_get_name (backend),
               kp_circuit_breaker_get_failures_in_a_row (breaker), clock_time);
}

static const char *
kp_backend_router_get_name (KpBackend *backend)
{
  return "router";
}

static gboolean
kp_backend_router_deliver (KpBackend *backend,
                           KpOutboxItem *item,
                           GPtrArray *attachments,
                           char **remote_id,
                           char **remote_status,
                           GCancellable *cancellable,
                           GError **error)
{
  KpBackendRouter *self = KP_BACKEND_ROUTER (backend);
  KpBackend *target = pick_backend (self, kp_outbox_item_get_kind (item));
  KpCircuitBreaker *breaker = g_hash_table_lookup (self->breakers, target);
  g_autoptr (GError) failure = NULL;
  gint64 open_until = 0;
  gboolean delivered;

  /* A case system that is down fails this row at once; rows for the others go on. */
  if (!kp_circuit_breaker_allows (breaker, self->clock (), &open_until))
    {
      set_resting_error (error, target, breaker, open_until);
      return FALSE;
    }
  delivered = kp_backend_deliver (target, item, attachments, remote_id, remote_status, cancellable,
                                  &failure);
  kp_circuit_breaker_record (breaker, failure, self->clock ());
  if (!delivered)
    g_propagate_error (error, g_steal_pointer (&failure));
  return delivered;
}

static void
kp_backend_router_backend_init (KpBackendInterface *iface)
{
  iface->get_name = kp_backend_router_get_name;
  iface->deliver = kp_backend_router_deliver;
}

static void
kp_backend_router_finalize (GObject *object)
{
  KpBackendRouter *self = KP_BACKEND_ROUTER (object);

  g_clear_pointer (&self->breakers, g_hash_table_unref);
  g_clear_pointer (&self->routes, g_hash_table_unref);
  g_clear_object (&self->default_backend);

  G_OBJECT_CLASS (kp_backend_router_parent_class)->finalize (object);
}

static void
kp_backend_router_class_init (KpBackendRouterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kp_backend_router_finalize;
}

static void
kp_backend_router_init (KpBackendRouter *self)
{
  self->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->breakers
      = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref, g_object_unref);
  self->clock = g_get_real_time;
}

/* (transfer full) */
KpBackendRouter *
kp_backend_router_new (KpBackend *default_backend)
{
  KpBackendRouter *self;

  g_return_val_if_fail (KP_IS_BACKEND (default_backend), NULL);

  self = g_object_new (KP_TYPE_BACKEND_ROUTER, NULL);
  self->default_backend = g_object_ref (default_backend);
  add_breaker (self, default_backend);
  return self;
}

void
kp_backend_router_add_route (KpBackendRouter *self, const char *kind, KpBackend *backend)
{
  g_return_if_fail (KP_IS_BACKEND_ROUTER (self));
  g_return_if_fail (kind != NULL && KP_IS_BACKEND (backend));

  g_hash_table_replace (self->routes, g_strdup (kind), g_object_ref (backend));
  add_breaker (self, backend);
}

void
kp_backend_router_set_clock (KpBackendRouter *self, KpBackendRouterClock clock)
{
  g_return_if_fail (KP_IS_BACKEND_ROUTER (self));
  g_return_if_fail (clock != NULL);

  self->clock = clock;
}
