/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-backend.h"

G_DEFINE_INTERFACE (KpBackend, kp_backend, G_TYPE_OBJECT)

static void
kp_backend_default_init (KpBackendInterface *iface)
{
}

/* A short name for logs and for kernpunt-ctl, e.g. "local". (transfer none) */
const char *
kp_backend_get_name (KpBackend *self)
{
  g_return_val_if_fail (KP_IS_BACKEND (self), NULL);

  return KP_BACKEND_GET_IFACE (self)->get_name (self);
}

/*
 * Hands @item and its @attachments (element-type KpAttachment) to the case
 * system. On success @remote_id and @remote_status are set (transfer full);
 * on failure @error is in KP_BACKEND_ERROR, so the caller knows whether to
 * try again later or give up.
 */
gboolean
kp_backend_deliver (KpBackend *self,
                    KpOutboxItem *item,
                    GPtrArray *attachments,
                    char **remote_id,
                    char **remote_status,
                    GCancellable *cancellable,
                    GError **error)
{
  g_return_val_if_fail (KP_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (KP_IS_OUTBOX_ITEM (item), FALSE);
  g_return_val_if_fail (attachments != NULL, FALSE);
  g_return_val_if_fail (remote_id != NULL && *remote_id == NULL, FALSE);
  g_return_val_if_fail (remote_status != NULL && *remote_status == NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return KP_BACKEND_GET_IFACE (self)->deliver (self, item, attachments, remote_id, remote_status,
                                               cancellable, error);
}

/* Written out because clang-format would put spaces into G_DEFINE_QUARK's name. */
GQuark
kp_backend_error_quark (void)
{
  return g_quark_from_static_string ("kp-backend-error-quark");
}
