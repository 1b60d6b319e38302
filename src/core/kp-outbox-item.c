/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-outbox-item-private.h"

/* The positions of KP_OUTBOX_ITEM_COLUMNS. */
enum
{
  COLUMN_ID,
  COLUMN_KIND,
  COLUMN_REFERENCE,
  COLUMN_IDEMPOTENCY_KEY,
  COLUMN_PAYLOAD,
  COLUMN_STATE,
  COLUMN_ATTEMPTS,
  COLUMN_N_ATTACHMENTS,
  COLUMN_CREATED_AT,
  COLUMN_NEXT_ATTEMPT_AT,
  COLUMN_DELIVERED_AT,
  COLUMN_LAST_ERROR,
  COLUMN_REMOTE_ID,
  COLUMN_REMOTE_STATUS,
};

struct _KpOutboxItem
{
  GObject parent_instance;

  gint64 id;
  char *kind;
  char *reference;
  char *idempotency_key;
  char *payload;
  KpOutboxState state;
  guint attempts;
  guint n_attachments;
  gint64 created_at;
  gint64 next_attempt_at;
  gint64 delivered_at;
  char *last_error;
  char *remote_id;
  char *remote_status;
};

G_DEFINE_FINAL_TYPE (KpOutboxItem, kp_outbox_item, G_TYPE_OBJECT)

/* In the order of KpOutboxState; these are also the values in the database. */
static const char *const state_names[KP_OUTBOX_N_STATES] = {
  "pending",
  "delivering",
  "delivered",
  "rejected",
};

static char *
dup_column_text (sqlite3_stmt *stmt, int column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static void
kp_outbox_item_finalize (GObject *object)
{
  KpOutboxItem *self = KP_OUTBOX_ITEM (object);

  g_clear_pointer (&self->remote_status, g_free);
  g_clear_pointer (&self->remote_id, g_free);
  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->payload, g_free);
  g_clear_pointer (&self->idempotency_key, g_free);
  g_clear_pointer (&self->reference, g_free);
  g_clear_pointer (&self->kind, g_free);

  G_OBJECT_CLASS (kp_outbox_item_parent_class)->finalize (object);
}

static void
kp_outbox_item_class_init (KpOutboxItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kp_outbox_item_finalize;
}

static void
kp_outbox_item_init (KpOutboxItem *self)
{
}

const char *
kp_outbox_state_to_string (KpOutboxState state)
{
  g_return_val_if_fail (state < KP_OUTBOX_N_STATES, NULL);

  return state_names[state];
}

gboolean
kp_outbox_state_from_string (const char *text, KpOutboxState *state)
{
  g_return_val_if_fail (state != NULL, FALSE);

  for (guint i = 0; i < KP_OUTBOX_N_STATES; i++)
    {
      if (g_strcmp0 (text, state_names[i]) == 0)
        {
          *state = (KpOutboxState) i;
          return TRUE;
        }
    }
  return FALSE;
}

KpOutboxItem *
kp_outbox_item_new_from_row (sqlite3_stmt *stmt)
{
  KpOutboxItem *self;
  const char *state;

  g_return_val_if_fail (stmt != NULL, NULL);

  state = (const char *) sqlite3_column_text (stmt, COLUMN_STATE);
  self = g_object_new (KP_TYPE_OUTBOX_ITEM, NULL);
  self->id = sqlite3_column_int64 (stmt, COLUMN_ID);
  self->kind = dup_column_text (stmt, COLUMN_KIND);
  self->reference = dup_column_text (stmt, COLUMN_REFERENCE);
  self->idempotency_key = dup_column_text (stmt, COLUMN_IDEMPOTENCY_KEY);
  self->payload = dup_column_text (stmt, COLUMN_PAYLOAD);
  /* The table's CHECK constraint allows no other states. */
  if (!kp_outbox_state_from_string (state, &self->state))
    g_critical ("Outbox row %" G_GINT64_FORMAT " has an unknown state", self->id);
  self->attempts = sqlite3_column_int (stmt, COLUMN_ATTEMPTS);
  self->n_attachments = sqlite3_column_int (stmt, COLUMN_N_ATTACHMENTS);
  self->created_at = sqlite3_column_int64 (stmt, COLUMN_CREATED_AT);
  self->next_attempt_at = sqlite3_column_int64 (stmt, COLUMN_NEXT_ATTEMPT_AT);
  self->delivered_at = sqlite3_column_int64 (stmt, COLUMN_DELIVERED_AT);
  self->last_error = dup_column_text (stmt, COLUMN_LAST_ERROR);
  self->remote_id = dup_column_text (stmt, COLUMN_REMOTE_ID);
  self->remote_status = dup_column_text (stmt, COLUMN_REMOTE_STATUS);
  return self;
}

gint64
kp_outbox_item_get_id (KpOutboxItem *self)
{
  g_return_val_if_fail (KP_IS_OUTBOX_ITEM (self), 0);

  return self->id;
}

const char *
kp_outbox_item_get_kind (KpOutboxItem *self)
{
  g_return_val_if_fail (KP_IS_OUTBOX_ITEM (self), NULL);

  return self->kind;
}

const char *
kp_outbox_item_get_reference (KpOutboxItem *self)
{
  g_return_val_if_fail (KP_IS_OUTBOX_ITEM (self), NULL);

  return self->reference;
}

const char *
kp_outbox_item_get_idempotency_key (KpOutboxItem *self)
{
  g_return_val_if_fail (KP_IS_OUTBOX_ITEM (self), NULL);

  return self->idempotency_key;
}

/* The JSON object as submitted. It is personal data: never log it. */
const char *
kp_outbox_item_get_payload (KpOutboxItem *self)
{
  g_return_val_if_fail (KP_IS_OUTBOX_ITEM (self), NULL);

  return self->payload;
}

KpOutboxState
kp_outbox_item_get_state (KpOutboxItem *self)
{
  g_return_val_if_fail (KP_IS_OUTBOX_ITEM (self), KP_OUTBOX_STATE_PENDING);

  return self->state;
}

guint
kp_outbox_item_get_attempts (KpOutboxItem *self)
{
  g_return_val_if_fail (KP_IS_OUTBOX_ITEM (self), 0);

  return self->attempts;
}

guint
kp_outbox_item_get_n_attachments (KpOutboxItem *self)
{
  g_return_val_if_fail (KP_IS_OUTBOX_ITEM (self), 0);

  return self->n_attachments;
}

gint64
kp_outbox_item_get_created_at (KpOutboxItem *self)
{
  g_return_val_if_fail (KP_IS_OUTBOX_ITEM (self), 0);

  return self->created_at;
}

gint64
kp_outbox_item_get_next_attempt_at (KpOutboxItem *self)
{
  g_return_val_if_fail (KP_IS_OUTBOX_ITEM (self), 0);

  return self->next_attempt_at;
}

gint64
kp_outbox_item_get_delivered_at (KpOutboxItem *self)
{
  g_return_val_if_fail (KP_IS_OUTBOX_ITEM (self), 0);

  return self->delivered_at;
}

const char *
kp_outbox_item_get_last_error (KpOutboxItem *self)
{
  g_return_val_if_fail (KP_IS_OUTBOX_ITEM (self), NULL);

  return self->last_error;
}

const char *
kp_outbox_item_get_remote_id (KpOutboxItem *self)
{
  g_return_val_if_fail (KP_IS_OUTBOX_ITEM (self), NULL);

  return self->remote_id;
}

const char *
kp_outbox_item_get_remote_status (KpOutboxItem *self)
{
  g_return_val_if_fail (KP_IS_OUTBOX_ITEM (self), NULL);

  return self->remote_status;
}
