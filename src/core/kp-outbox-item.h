/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  KP_OUTBOX_STATE_PENDING,    /* waiting for (another) delivery attempt */
  KP_OUTBOX_STATE_DELIVERING, /* claimed by kernpunt-syncd; back to pending if it crashed */
  KP_OUTBOX_STATE_DELIVERED,  /* the case system confirmed it */
  KP_OUTBOX_STATE_REJECTED,   /* the case system refused it for good: an admin must look */
} KpOutboxState;

#define KP_OUTBOX_N_STATES 4

const char *kp_outbox_state_to_string (KpOutboxState state);
gboolean kp_outbox_state_from_string (const char *text, KpOutboxState *state);

/* An immutable snapshot of one outbox row. */
#define KP_TYPE_OUTBOX_ITEM (kp_outbox_item_get_type ())
G_DECLARE_FINAL_TYPE (KpOutboxItem, kp_outbox_item, KP, OUTBOX_ITEM, GObject)

gint64 kp_outbox_item_get_id (KpOutboxItem *self);
const char *kp_outbox_item_get_kind (KpOutboxItem *self);
const char *kp_outbox_item_get_reference (KpOutboxItem *self);
const char *kp_outbox_item_get_idempotency_key (KpOutboxItem *self);
const char *kp_outbox_item_get_payload (KpOutboxItem *self);
KpOutboxState kp_outbox_item_get_state (KpOutboxItem *self);
guint kp_outbox_item_get_attempts (KpOutboxItem *self);
guint kp_outbox_item_get_n_attachments (KpOutboxItem *self);
/* Times are microseconds since the epoch (g_get_real_time); 0 when unset. */
gint64 kp_outbox_item_get_created_at (KpOutboxItem *self);
gint64 kp_outbox_item_get_next_attempt_at (KpOutboxItem *self);
gint64 kp_outbox_item_get_delivered_at (KpOutboxItem *self);
/* (nullable) */
const char *kp_outbox_item_get_last_error (KpOutboxItem *self);
const char *kp_outbox_item_get_remote_id (KpOutboxItem *self);
const char *kp_outbox_item_get_remote_status (KpOutboxItem *self);

G_END_DECLS
