/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gio/gio.h>

#include "kp-outbox-item.h"

G_BEGIN_DECLS

#define KP_BACKEND_ERROR (kp_backend_error_quark ())

typedef enum
{
  KP_BACKEND_ERROR_TEMPORARY, /* try again later with the same idempotency key */
  KP_BACKEND_ERROR_PERMANENT, /* the case system refuses this submission for good */
} KpBackendError;

/*
 * Where the outbox delivers to: the embedded case register now, the
 * municipality's case system (ZGW, Signalen, Klantinteracties) later.
 * deliver() may be called again for an item that already reached the case
 * system (a crash between delivery and bookkeeping); it must then return
 * the case it made the first time, found by the item's idempotency key.
 */
#define KP_TYPE_BACKEND (kp_backend_get_type ())
G_DECLARE_INTERFACE (KpBackend, kp_backend, KP, BACKEND, GObject)

struct _KpBackendInterface
{
  GTypeInterface parent_iface;

  const char *(*get_name) (KpBackend *self);
  gboolean (*deliver) (KpBackend *self,
                       KpOutboxItem *item,
                       GPtrArray *attachments,
                       char **remote_id,
                       char **remote_status,
                       GCancellable *cancellable,
                       GError **error);
};

GQuark kp_backend_error_quark (void);

const char *kp_backend_get_name (KpBackend *self);
gboolean kp_backend_deliver (KpBackend *self,
                             KpOutboxItem *item,
                             GPtrArray *attachments,
                             char **remote_id,
                             char **remote_status,
                             GCancellable *cancellable,
                             GError **error);

G_END_DECLS
