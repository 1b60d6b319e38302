/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-delivery-agent.h"

#include <glib/gi18n-lib.h>

struct _KpDeliveryAgent
{
  GObject parent_instance;

  KpOutbox *outbox;
  KpBackend *backend;
  GTimeSpan retry_base;
  GTimeSpan retry_max;
};

G_DEFINE_FINAL_TYPE (KpDeliveryAgent, kp_delivery_agent, G_TYPE_OBJECT)

/*
 * The attachments of @item, each read back and checked against its
 * checksum. (element-type KpAttachment) (transfer full) A file that changed
 * since submission will never be right again, so that is a permanent
 * failure; a list or file that cannot be read now may be readable later.
 */
static GPtrArray *
load_attachments (KpDeliveryAgent *self, KpOutboxItem *item, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GPtrArray) attachments
      = kp_outbox_get_attachments (self->outbox, kp_outbox_item_get_reference (item), &local_error);

  if (attachments == NULL)
    {
      g_set_error (error, KP_BACKEND_ERROR, KP_BACKEND_ERROR_TEMPORARY,
                   _ ("The attachments could not be read: %s"), local_error->message);
      return NULL;
    }

  for (guint i = 0; i < attachments->len; i++)
    {
      const KpAttachment *attachment = g_ptr_array_index (attachments, i);
      g_autoptr (GBytes) data = kp_attachment_load (attachment, &local_error);

      if (data == NULL)
        {
          gboolean changed
              = g_error_matches (local_error, KP_ATTACHMENT_ERROR, KP_ATTACHMENT_ERROR_CHANGED);

          /* By number, not name: a name the resident chose could end up in the log. */
          g_set_error (error, KP_BACKEND_ERROR,
                       changed ? KP_BACKEND_ERROR_PERMANENT : KP_BACKEND_ERROR_TEMPORARY,
                       _ ("Attachment %u cannot be sent: %s"), i + 1, local_error->message);
          return NULL;
        }
    }
  return g_steal_pointer (&attachments);
}

static gboolean
book_failure (KpDeliveryAgent *self,
              KpOutboxItem *item,
              const GError *failure,
              gint64 now,
              GCancellable *cancellable,
              GError **error)
{
  const char *reference = kp_outbox_item_get_reference (item);
  const char *kind = kp_outbox_item_get_kind (item);
  GTimeSpan delay;

  if (g_error_matches (failure, KP_BACKEND_ERROR, KP_BACKEND_ERROR_PERMANENT))
    {
      g_message ("Rejected %s (%s): %s", reference, kind, failure->message);
      return kp_outbox_mark_rejected (self->outbox, reference, failure->message, error);
    }

  /*
   * Every other failure is worth another try. One that happened because
   * we are stopping says nothing about the case system, so that row is due
   * again at once instead of waiting out a back-off.
   */
  if (g_cancellable_is_cancelled (cancellable))
    delay = 0;
  else
    delay = kp_delivery_agent_compute_backoff (kp_outbox_item_get_attempts (item), self->retry_base,
                                               self->retry_max, g_random_double ());

  g_message ("Delivery of %s (%s) failed, next try in %" G_GINT64_FORMAT " s: %s", reference, kind,
             delay / G_TIME_SPAN_SECOND, failure->message);
  return kp_outbox_mark_retry (self->outbox, reference, failure->message, now + delay, error);
}

/* Returns FALSE only when the outcome could not be booked in the store. */
static gboolean
deliver_item (KpDeliveryAgent *self,
              KpOutboxItem *item,
              gint64 now,
              GCancellable *cancellable,
              GError **error)
{
  g_autoptr (GError) failure = NULL;
  g_autoptr (GPtrArray) attachments = load_attachments (self, item, &failure);
  g_autofree char *remote_id = NULL;
  g_autofree char *remote_status = NULL;

  if (attachments == NULL
      || !kp_backend_deliver (self->backend, item, attachments, &remote_id, &remote_status,
                              cancellable, &failure))
    return book_failure (self, item, failure, now, cancellable, error);

  g_message ("Delivered %s (%s) to %s as %s", kp_outbox_item_get_reference (item),
             kp_outbox_item_get_kind (item), kp_backend_get_name (self->backend), remote_id);
  return kp_outbox_mark_delivered (self->outbox, kp_outbox_item_get_reference (item), remote_id,
                                   remote_status, now, error);
}

static void
deliver_due_in_thread (GTask *task,
                       gpointer source_object,
                       gpointer task_data,
                       GCancellable *cancellable)
{
  KpDeliveryAgent *self = source_object;
  gint64 now = *(gint64 *) task_data;
  g_autoptr (GError) error = NULL;
  guint n_handled = 0;

  if (kp_delivery_agent_deliver_due (self, now, cancellable, &n_handled, &error))
    g_task_return_int (task, n_handled);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
kp_delivery_agent_dispose (GObject *object)
{
  KpDeliveryAgent *self = KP_DELIVERY_AGENT (object);

  g_clear_object (&self->backend);
  g_clear_object (&self->outbox);

  G_OBJECT_CLASS (kp_delivery_agent_parent_class)->dispose (object);
}

static void
kp_delivery_agent_class_init (KpDeliveryAgentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kp_delivery_agent_dispose;
}

static void
kp_delivery_agent_init (KpDeliveryAgent *self)
{
  self->retry_base = KP_DELIVERY_AGENT_DEFAULT_RETRY_BASE;
  self->retry_max = KP_DELIVERY_AGENT_DEFAULT_RETRY_MAX;
}

GTimeSpan
kp_delivery_agent_compute_backoff (guint attempt, GTimeSpan base, GTimeSpan max, double random)
{
  GTimeSpan nominal = base;
  GTimeSpan jittered;

  g_return_val_if_fail (attempt >= 1, base);
  g_return_val_if_fail (base > 0 && max >= base, base);
  g_return_val_if_fail (random >= 0.0 && random < 1.0, base);

  /* Doubling stops at @max, so no attempt count can overflow. */
  for (guint i = 1; i < attempt && nominal < max; i++)
    nominal = nominal > max / 2 ? max : nominal * 2;

  jittered = nominal + (GTimeSpan) (nominal * KP_DELIVERY_AGENT_JITTER * (2.0 * random - 1.0));
  return MIN (jittered, max);
}

/* (transfer full) */
KpDeliveryAgent *
kp_delivery_agent_new (KpOutbox *outbox, KpBackend *backend)
{
  KpDeliveryAgent *self;

  g_return_val_if_fail (KP_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (KP_IS_BACKEND (backend), NULL);

  self = g_object_new (KP_TYPE_DELIVERY_AGENT, NULL);
  self->outbox = g_object_ref (outbox);
  self->backend = g_object_ref (backend);
  return self;
}

void
kp_delivery_agent_set_retry_delays (KpDeliveryAgent *self, GTimeSpan base, GTimeSpan max)
{
  g_return_if_fail (KP_IS_DELIVERY_AGENT (self));
  g_return_if_fail (base > 0 && max >= base);

  self->retry_base = base;
  self->retry_max = max;
}

gboolean
kp_delivery_agent_deliver_due (
    KpDeliveryAgent *self, gint64 now, GCancellable *cancellable, guint *n_handled, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  guint handled = 0;

  g_return_val_if_fail (KP_IS_DELIVERY_AGENT (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /*
   * Each row handled here ends up finished or due later than @now, so
   * claiming at a fixed @now stops once every due row was tried once.
   */
  while (!g_cancellable_set_error_if_cancelled (cancellable, &local_error))
    {
      g_autoptr (KpOutboxItem) item = kp_outbox_claim_due (self->outbox, now, &local_error);

      if (item == NULL)
        break;
      handled++;
      if (!deliver_item (self, item, now, cancellable, &local_error))
        break;
    }

  if (n_handled != NULL)
    *n_handled = handled;
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

void
kp_delivery_agent_deliver_due_async (KpDeliveryAgent *self,
                                     gint64 now,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (KP_IS_DELIVERY_AGENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kp_delivery_agent_deliver_due_async);
  g_task_set_task_data (task, g_memdup2 (&now, sizeof now), g_free);
  g_task_run_in_thread (task, deliver_due_in_thread);
}

gboolean
kp_delivery_agent_deliver_due_finish (KpDeliveryAgent *self,
                                      GAsyncResult *result,
                                      guint *n_handled,
                                      GError **error)
{
  gssize handled;

  g_return_val_if_fail (KP_IS_DELIVERY_AGENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  handled = g_task_propagate_int (G_TASK (result), error);
  if (n_handled != NULL)
    *n_handled = MAX (handled, 0);
  return handled >= 0;
}
