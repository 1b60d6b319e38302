/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-backend-router.h"

struct _KpBackendRouter
{
  GObject parent_instance;

  KpBackend *default_backend;
  GHashTable *routes; /* kind → KpBackend */
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

  return kp_backend_deliver (pick_backend (self, kp_outbox_item_get_kind (item)), item, attachments,
                             remote_id, remote_status, cancellable, error);
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
}

/* (transfer full) */
KpBackendRouter *
kp_backend_router_new (KpBackend *default_backend)
{
  KpBackendRouter *self;

  g_return_val_if_fail (KP_IS_BACKEND (default_backend), NULL);

  self = g_object_new (KP_TYPE_BACKEND_ROUTER, NULL);
  self->default_backend = g_object_ref (default_backend);
  return self;
}

void
kp_backend_router_add_route (KpBackendRouter *self, const char *kind, KpBackend *backend)
{
  g_return_if_fail (KP_IS_BACKEND_ROUTER (self));
  g_return_if_fail (kind != NULL && KP_IS_BACKEND (backend));

  g_hash_table_replace (self->routes, g_strdup (kind), g_object_ref (backend));
}
