/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-fake-backend.h"

static void kp_fake_backend_backend_init (KpBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KpFakeBackend,
                               kp_fake_backend,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KP_TYPE_BACKEND,
                                                      kp_fake_backend_backend_init))

static const char *
kp_fake_backend_get_name (KpBackend *backend)
{
  KpFakeBackend *self = KP_FAKE_BACKEND (backend);

  return self->name != NULL ? self->name : "fake";
}

static gboolean
kp_fake_backend_deliver (KpBackend *backend,
                         KpOutboxItem *item,
                         GPtrArray *attachments,
                         char **remote_id,
                         char **remote_status,
                         GCancellable *cancellable,
                         GError **error)
{
  KpFakeBackend *self = KP_FAKE_BACKEND (backend);

  g_ptr_array_add (self->calls, g_strdup (kp_outbox_item_get_idempotency_key (item)));

  if (self->cancel_on_call != NULL)
    g_cancellable_cancel (self->cancel_on_call);
  if (self->abandon_when_cancelled && g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (self->n_temporary_failures > 0)
    {
      self->n_temporary_failures--;
      g_set_error_literal (error, KP_BACKEND_ERROR, KP_BACKEND_ERROR_TEMPORARY,
                           "Case system unavailable (503)");
      return FALSE;
    }
  if (self->refuse)
    {
      g_set_error_literal (error, KP_BACKEND_ERROR, KP_BACKEND_ERROR_PERMANENT,
                           "Case type unknown (400)");
      return FALSE;
    }

  *remote_id = g_strdup_printf ("FAKE-%u", self->calls->len);
  *remote_status = g_strdup ("open");
  return TRUE;
}

static void
kp_fake_backend_backend_init (KpBackendInterface *iface)
{
  iface->get_name = kp_fake_backend_get_name;
  iface->deliver = kp_fake_backend_deliver;
}

static void
kp_fake_backend_finalize (GObject *object)
{
  KpFakeBackend *self = KP_FAKE_BACKEND (object);

  g_clear_pointer (&self->calls, g_ptr_array_unref);

  G_OBJECT_CLASS (kp_fake_backend_parent_class)->finalize (object);
}

static void
kp_fake_backend_class_init (KpFakeBackendClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kp_fake_backend_finalize;
}

static void
kp_fake_backend_init (KpFakeBackend *self)
{
  self->calls = g_ptr_array_new_with_free_func (g_free);
}
