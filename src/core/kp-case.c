/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-case.h"

struct _KpCase
{
  GObject parent_instance;

  char *case_id;
  char *idempotency_key;
  char *reference;
  char *kind;
  char *payload;
  char *status;
  gint64 received_at;
};

G_DEFINE_FINAL_TYPE (KpCase, kp_case, G_TYPE_OBJECT)

static void
kp_case_finalize (GObject *object)
{
  KpCase *self = KP_CASE (object);

  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->payload, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->reference, g_free);
  g_clear_pointer (&self->idempotency_key, g_free);
  g_clear_pointer (&self->case_id, g_free);

  G_OBJECT_CLASS (kp_case_parent_class)->finalize (object);
}

static void
kp_case_class_init (KpCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kp_case_finalize;
}

static void
kp_case_init (KpCase *self)
{
}

/* (transfer full) */
KpCase *
kp_case_new (const char *case_id,
             const char *idempotency_key,
             const char *reference,
             const char *kind,
             const char *payload,
             const char *status,
             gint64 received_at)
{
  KpCase *self;

  g_return_val_if_fail (case_id != NULL, NULL);
  g_return_val_if_fail (idempotency_key != NULL, NULL);
  g_return_val_if_fail (reference != NULL, NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (payload != NULL, NULL);
  g_return_val_if_fail (status != NULL, NULL);

  self = g_object_new (KP_TYPE_CASE, NULL);
  self->case_id = g_strdup (case_id);
  self->idempotency_key = g_strdup (idempotency_key);
  self->reference = g_strdup (reference);
  self->kind = g_strdup (kind);
  self->payload = g_strdup (payload);
  self->status = g_strdup (status);
  self->received_at = received_at;
  return self;
}

const char *
kp_case_get_case_id (KpCase *self)
{
  g_return_val_if_fail (KP_IS_CASE (self), NULL);

  return self->case_id;
}

const char *
kp_case_get_idempotency_key (KpCase *self)
{
  g_return_val_if_fail (KP_IS_CASE (self), NULL);

  return self->idempotency_key;
}

const char *
kp_case_get_reference (KpCase *self)
{
  g_return_val_if_fail (KP_IS_CASE (self), NULL);

  return self->reference;
}

const char *
kp_case_get_kind (KpCase *self)
{
  g_return_val_if_fail (KP_IS_CASE (self), NULL);

  return self->kind;
}

const char *
kp_case_get_payload (KpCase *self)
{
  g_return_val_if_fail (KP_IS_CASE (self), NULL);

  return self->payload;
}

const char *
kp_case_get_status (KpCase *self)
{
  g_return_val_if_fail (KP_IS_CASE (self), NULL);

  return self->status;
}

gint64
kp_case_get_received_at (KpCase *self)
{
  g_return_val_if_fail (KP_IS_CASE (self), 0);

  return self->received_at;
}
