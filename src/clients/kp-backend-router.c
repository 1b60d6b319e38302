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
  KpOutbox *outbox; /* (nullable): where the rows of a backend that is back wait */
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

/*
 * The kinds whose rows go to @backend: those routed to it, or for the
 * default backend every kind except those routed elsewhere (@all_but).
 * (transfer container)
 */
static GPtrArray *
dup_kinds_of (KpBackendRouter *self, KpBackend *backend, gboolean *all_but)
{
  GPtrArray *kinds = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer kind, routed;

  *all_but = backend == self->default_backend;
  g_hash_table_iter_init (&iter, self->routes);
  while (g_hash_table_iter_next (&iter, &kind, &routed))
    {
      if ((routed == (gpointer) backend) != *all_but)
        g_ptr_array_add (kinds, kind);
    }
  g_ptr_array_add (kinds, NULL);
  return kinds;
}

/*
 * Makes @backend's waiting rows due from @start, @spacing apart. A failure
 * here only costs the early return: the rows keep their own times.
 */
static guint
spread_waiting_rows (KpBackendRouter *self, KpBackend *backend, gint64 start, GTimeSpan spacing)
{
  g_autoptr (GPtrArray) kinds = NULL;
  g_autoptr (GError) error = NULL;
  gboolean all_but = FALSE;
  guint n_moved = 0;

  kinds = dup_kinds_of (self, backend, &all_but);
  if (!kp_outbox_spread_due (self->outbox, (const char *const *) kinds->pdata, all_but, start,
                             spacing, &n_moved, &error))
    g_warning ("The waiting rows for %s keep their times: %s", kp_backend_get_name (backend),
               error->message);
  return n_moved;
}

/*
 * Rows wait out a back-off that grows with every failure, up to an hour,
 * also while the breaker refuses them without a call. So when @breaker
 * opens, the waiting rows are lined up one per cool-down, and a try comes
 * as soon as the breaker allows one. When that try finds the system back
 * they all come back soon, KP_BACKEND_ROUTER_RECOVERY_RATE a second, the
 * try itself being the first: no flood, and no hour of waiting.
 */
static void
pace_waiting_rows (KpBackendRouter *self,
                   KpBackend *backend,
                   KpCircuitBreaker *breaker,
                   KpCircuitBreakerChange change,
                   gint64 now)
{
  const GTimeSpan spacing = G_USEC_PER_SEC / KP_BACKEND_ROUTER_RECOVERY_RATE;
  gint64 open_until = 0;
  guint n_moved;

  if (self->outbox == NULL)
    return;
  if (change == KP_CIRCUIT_BREAKER_OPENED && !kp_circuit_breaker_allows (breaker, now, &open_until))
    spread_waiting_rows (self, backend, open_until, open_until - now);
  else if (change == KP_CIRCUIT_BREAKER_CLOSED)
    {
      n_moved = spread_waiting_rows (self, backend, now + spacing, spacing);
      g_message ("%s is back: %u waiting rows are due again within %u s",
                 kp_backend_get_name (backend), n_moved,
                 n_moved / KP_BACKEND_ROUTER_RECOVERY_RATE + 1);
    }
}

/*
 * A row refused while @backend rests gets the back-off of its own
 * attempts, up to an hour, which can pass the breaker's next try by far;
 * when every waiting row had been refused, no try would come until the
 * first of those back-offs. So each refusal lines the rows refused before
 * it up again, one per cool-down from @open_until.
 */
static void
line_up_refused_rows (KpBackendRouter *self, KpBackend *backend, gint64 open_until)
{
  if (self->outbox != NULL)
    spread_waiting_rows (self, backend, open_until, KP_CIRCUIT_BREAKER_DEFAULT_COOL_DOWN);
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
      line_up_refused_rows (self, target, open_until);
      set_resting_error (error, target, breaker, open_until);
      return FALSE;
    }
  delivered = kp_backend_deliver (target, item, attachments, remote_id, remote_status, cancellable,
                                  &failure);
  pace_waiting_rows (self, target, breaker,
                     kp_circuit_breaker_record (breaker, failure, self->clock ()), self->clock ());
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

  g_clear_object (&self->outbox);
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

void
kp_backend_router_set_outbox (KpBackendRouter *self, KpOutbox *outbox)
{
  g_return_if_fail (KP_IS_BACKEND_ROUTER (self));
  g_return_if_fail (KP_IS_OUTBOX (outbox));

  g_set_object (&self->outbox, outbox);
}

/* (element-type KpBackend) (transfer container) */
GPtrArray *
kp_backend_router_list_backends (KpBackendRouter *self)
{
  g_return_val_if_fail (KP_IS_BACKEND_ROUTER (self), NULL);

  GPtrArray *backends = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer backend;

  /* Every backend has exactly one breaker, so its keys are the backends. */
  g_hash_table_iter_init (&iter, self->breakers);
  while (g_hash_table_iter_next (&iter, &backend, NULL))
    g_ptr_array_add (backends, backend);
  return backends;
}

/* (transfer none) (nullable) */
KpCircuitBreaker *
kp_backend_router_get_breaker (KpBackendRouter *self, KpBackend *backend)
{
  g_return_val_if_fail (KP_IS_BACKEND_ROUTER (self), NULL);
  g_return_val_if_fail (KP_IS_BACKEND (backend), NULL);

  return g_hash_table_lookup (self->breakers, backend);
}
