/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-outbox.h"

#include "kp-attachment-private.h"
#include "kp-outbox-item-private.h"
#include "kp-reference.h"
#include "kp-store-private.h"
#include "kp-submission.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

/*
 * With 31^7 possible references a second draw is already rare; the bound
 * only keeps a broken random source from looping for ever.
 */
#define MAX_REFERENCE_DRAWS 16

struct _KpOutbox
{
  GObject parent_instance;

  KpStore *store;
};

G_DEFINE_FINAL_TYPE (KpOutbox, kp_outbox, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Written out: clang-format would put spaces into the name given to G_DEFINE_QUARK. */
GQuark
kp_outbox_error_quark (void)
{
  return g_quark_from_static_string ("kp-outbox-error-quark");
}

static sqlite3 *
get_db (KpOutbox *self)
{
  return kp_store_get_db (self->store);
}

/* SQLite's messages name tables and constraints, never the values in them. */
static void
set_store_failure (GError **error, const char *reason)
{
  g_set_error (error, KP_OUTBOX_ERROR, KP_OUTBOX_ERROR_STORE, _ ("The outbox database failed: %s"),
               reason);
}

static void
set_store_error (KpOutbox *self, GError **error)
{
  set_store_failure (error, sqlite3_errmsg (get_db (self)));
}

/* Calls a transaction step of the store, giving its error the outbox's domain. */
static gboolean
store_call (KpOutbox *self, gboolean (*call) (KpStore *, GError **), GError **error)
{
  g_autoptr (GError) store_error = NULL;

  if (call (self->store, &store_error))
    return TRUE;
  set_store_failure (error, store_error->message);
  return FALSE;
}

/* (transfer full) */
static sqlite3_stmt *
prepare (KpOutbox *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (get_db (self), sql, -1, &stmt, NULL) == SQLITE_OK)
    return stmt;
  set_store_error (self, error);
  sqlite3_finalize (stmt);
  return NULL;
}

/* Every string bound outlives the statement's one step, so SQLite need not copy it. */
static void
bind_text (sqlite3_stmt *stmt, int index, const char *text)
{
  sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

/*
 * Returns the first row's item, or NULL: with @error set when reading
 * failed. The statement is reset, so it holds nothing open.
 */
static KpOutboxItem *
step_to_item (KpOutbox *self, sqlite3_stmt *stmt, GError **error)
{
  KpOutboxItem *item = NULL;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    item = kp_outbox_item_new_from_row (stmt);
  else if (rc != SQLITE_DONE)
    set_store_error (self, error);
  sqlite3_reset (stmt);
  return item;
}

static void
set_not_found (GError **error, const char *reference)
{
  g_set_error (error, KP_OUTBOX_ERROR, KP_OUTBOX_ERROR_NOT_FOUND,
               _ ("No submission has the reference %s."), reference);
}

/*
 * Runs one writing statement under the write lock and tells how many rows
 * it changed.
 */
static gboolean
step_in_write_transaction (KpOutbox *self, sqlite3_stmt *stmt, int *n_changed, GError **error)
{
  if (!store_call (self, kp_store_begin_immediate, error))
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_store_error (self, error);
      kp_store_rollback (self->store);
      return FALSE;
    }
  *n_changed = sqlite3_changes (get_db (self));
  if (!store_call (self, kp_store_commit, error))
    {
      kp_store_rollback (self->store);
      return FALSE;
    }
  return TRUE;
}

/* Why a transition out of "delivering" changed nothing. Always sets @error. */
static gboolean
explain_refused_transition (KpOutbox *self, const char *reference, GError **error)
{
  g_autoptr (KpOutboxItem) item = kp_outbox_lookup (self, reference, error);

  if (item != NULL)
    g_set_error (error, KP_OUTBOX_ERROR, KP_OUTBOX_ERROR_INVALID_TRANSITION,
                 _ ("Submission %s is %s, not being delivered."), reference,
                 kp_outbox_state_to_string (kp_outbox_item_get_state (item)));
  return FALSE;
}

/*
 * @update moves the row of @reference out of "delivering" (its WHERE says
 * so), so a row in any other state is left as it was and refused.
 */
static gboolean
leave_delivering (KpOutbox *self, sqlite3_stmt *update, const char *reference, GError **error)
{
  int n_changed = 0;

  if (!step_in_write_transaction (self, update, &n_changed, error))
    return FALSE;
  if (n_changed == 0)
    return explain_refused_transition (self, reference, error);
  return TRUE;
}

static gboolean
validate_submission (const char *kind, const char *payload_json, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (kind == NULL || *kind == '\0')
    {
      g_set_error_literal (error, KP_OUTBOX_ERROR, KP_OUTBOX_ERROR_INVALID_PAYLOAD,
                           _ ("A submission needs a kind."));
      return FALSE;
    }
  /* The parser's own message may quote the payload, so it is not passed on. */
  if (payload_json == NULL || !json_parser_load_from_data (parser, payload_json, -1, NULL)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, KP_OUTBOX_ERROR, KP_OUTBOX_ERROR_INVALID_PAYLOAD,
                           _ ("The payload of a submission must be a JSON object."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
reference_is_taken (KpOutbox *self, const char *reference, gboolean *taken, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt
      = prepare (self, "SELECT 1 FROM outbox WHERE reference = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, reference);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_store_error (self, error);
      return FALSE;
    }
  *taken = rc == SQLITE_ROW;
  return TRUE;
}

/*
 * Called under the write lock, so a reference found free stays free until
 * the row is written. (transfer full)
 */
static char *
draw_free_reference (KpOutbox *self, GError **error)
{
  for (int draw = 0; draw < MAX_REFERENCE_DRAWS; draw++)
    {
      g_autofree char *reference = kp_reference_generate ();
      gboolean taken = FALSE;

      if (!reference_is_taken (self, reference, &taken, error))
        return NULL;
      if (!taken)
        return g_steal_pointer (&reference);
    }
  g_set_error_literal (error, KP_OUTBOX_ERROR, KP_OUTBOX_ERROR_STORE,
                       _ ("No free reference was found. Try again."));
  return NULL;
}

static gboolean
insert_row (KpOutbox *self,
            const char *kind,
            const char *payload_json,
            const char *reference,
            gint64 *id,
            GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *idempotency_key = g_uuid_string_random ();
  gint64 now = g_get_real_time ();

  stmt = prepare (self,
                  "INSERT INTO outbox (kind, reference, idempotency_key, payload, state,"
                  "                    next_attempt_at, created_at)"
                  " VALUES (?1, ?2, ?3, ?4, 'pending', ?5, ?5)",
                  error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, kind);
  bind_text (stmt, 2, reference);
  bind_text (stmt, 3, idempotency_key);
  bind_text (stmt, 4, payload_json);
  sqlite3_bind_int64 (stmt, 5, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_store_error (self, error);
      return FALSE;
    }
  *id = sqlite3_last_insert_rowid (get_db (self));
  return TRUE;
}

/* An empty attachment still has bytes, not none: bind a zero-length blob, not NULL. */
static void
bind_bytes (sqlite3_stmt *stmt, int index, GBytes *bytes)
{
  gsize size = 0;
  gconstpointer data = g_bytes_get_data (bytes, &size);

  if (size == 0)
    sqlite3_bind_zeroblob (stmt, index, 0);
  else
    sqlite3_bind_blob64 (stmt, index, data, size, SQLITE_STATIC);
}

static gboolean
insert_attachment (KpOutbox *self, gint64 outbox_id, const KpAttachment *attachment, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  GBytes *data = kp_attachment_get_data (attachment);

  stmt = prepare (self,
                  "INSERT INTO outbox_attachment (outbox_id, name, content_type, data, path,"
                  "                               size, sha256)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, outbox_id);
  bind_text (stmt, 2, kp_attachment_get_name (attachment));
  bind_text (stmt, 3, kp_attachment_get_content_type (attachment));
  if (data != NULL)
    bind_bytes (stmt, 4, data);
  bind_text (stmt, 5, kp_attachment_get_path (attachment));
  sqlite3_bind_int64 (stmt, 6, (sqlite3_int64) kp_attachment_get_size (attachment));
  bind_text (stmt, 7, kp_attachment_get_sha256 (attachment));
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_store_error (self, error);
      return FALSE;
    }
  return TRUE;
}

/* The writes of one submission, inside its transaction. (transfer full) */
static char *
write_submission (KpOutbox *self,
                  const char *kind,
                  const char *payload_json,
                  GPtrArray *attachments,
                  GError **error)
{
  g_autofree char *reference = draw_free_reference (self, error);
  gint64 id = 0;

  if (reference == NULL || !insert_row (self, kind, payload_json, reference, &id, error))
    return NULL;
  for (guint i = 0; attachments != NULL && i < attachments->len; i++)
    {
      if (!insert_attachment (self, id, g_ptr_array_index (attachments, i), error))
        return NULL;
    }
  return g_steal_pointer (&reference);
}

static KpAttachment *
attachment_from_row (sqlite3_stmt *stmt)
{
  g_autoptr (GBytes) data = NULL;

  if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
    data = g_bytes_new (sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2));
  return kp_attachment_new_stored (
      (const char *) sqlite3_column_text (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
      data, (const char *) sqlite3_column_text (stmt, 3), (gsize) sqlite3_column_int64 (stmt, 4),
      (const char *) sqlite3_column_text (stmt, 5));
}

static void
kp_outbox_dispose (GObject *object)
{
  KpOutbox *self = KP_OUTBOX (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (kp_outbox_parent_class)->dispose (object);
}

static void
kp_outbox_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KpOutbox *self = KP_OUTBOX (object);

  switch (prop_id)
    {
      case PROP_STORE:
        g_value_set_object (value, self->store);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kp_outbox_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KpOutbox *self = KP_OUTBOX (object);

  switch (prop_id)
    {
      case PROP_STORE:
        self->store = g_value_dup_object (value);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kp_outbox_class_init (KpOutboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kp_outbox_dispose;
  object_class->get_property = kp_outbox_get_property;
  object_class->set_property = kp_outbox_set_property;

  properties[PROP_STORE]
      = g_param_spec_object ("store", NULL, NULL, KP_TYPE_STORE,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kp_outbox_init (KpOutbox *self)
{
}

/* (transfer full) */
KpOutbox *
kp_outbox_new (KpStore *store)
{
  g_return_val_if_fail (KP_IS_STORE (store), NULL);

  return g_object_new (KP_TYPE_OUTBOX, "store", store, NULL);
}

/* (transfer none) */
KpStore *
kp_outbox_get_store (KpOutbox *self)
{
  g_return_val_if_fail (KP_IS_OUTBOX (self), NULL);

  return self->store;
}

char *
kp_outbox_submit (KpOutbox *self,
                  const char *kind,
                  const char *payload_json,
                  GPtrArray *attachments,
                  GError **error)
{
  g_autofree char *reference = NULL;

  g_return_val_if_fail (KP_IS_OUTBOX (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!validate_submission (kind, payload_json, error)
      || !store_call (self, kp_store_begin_immediate, error))
    return NULL;

  reference = write_submission (self, kind, payload_json, attachments, error);
  if (reference == NULL || !store_call (self, kp_store_commit, error))
    {
      kp_store_rollback (self->store);
      return NULL;
    }

  g_debug ("Outbox: stored %s (%s)", reference, kind);
  return g_steal_pointer (&reference);
}

/* KP_OUTBOX_ERROR_NOT_FOUND when no row has @reference. (transfer full) */
KpOutboxItem *
kp_outbox_lookup (KpOutbox *self, const char *reference, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GError) local_error = NULL;
  KpOutboxItem *item;

  g_return_val_if_fail (KP_IS_OUTBOX (self), NULL);
  g_return_val_if_fail (reference != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt
      = prepare (self, "SELECT " KP_OUTBOX_ITEM_COLUMNS " FROM outbox WHERE reference = ?1", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, reference);
  item = step_to_item (self, stmt, &local_error);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (item == NULL)
    set_not_found (error, reference);
  return item;
}

/* Every row, oldest first. (transfer full) (element-type KpOutboxItem) */
GPtrArray *
kp_outbox_list (KpOutbox *self, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  g_return_val_if_fail (KP_IS_OUTBOX (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = prepare (self, "SELECT " KP_OUTBOX_ITEM_COLUMNS " FROM outbox ORDER BY created_at, id",
                  error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, kp_outbox_item_new_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      set_store_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&items);
}

/* In the order they were submitted. (transfer full) (element-type KpAttachment) */
GPtrArray *
kp_outbox_get_attachments (KpOutbox *self, const char *reference, GError **error)
{
  g_autoptr (KpOutboxItem) item = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) attachments = NULL;
  int rc;

  g_return_val_if_fail (KP_IS_OUTBOX (self), NULL);
  g_return_val_if_fail (reference != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  item = kp_outbox_lookup (self, reference, error);
  if (item == NULL)
    return NULL;
  stmt = prepare (self,
                  "SELECT name, content_type, data, path, size, sha256 FROM outbox_attachment"
                  " WHERE outbox_id = ?1 ORDER BY id",
                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, kp_outbox_item_get_id (item));

  attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) kp_attachment_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (attachments, attachment_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      set_store_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&attachments);
}

/* Fills @counts, indexed by KpOutboxState, with the number of rows in each state. */
/* Of every kind when @kind is NULL. */
static gboolean
count_states (KpOutbox *self, const char *kind, guint counts[KP_OUTBOX_N_STATES], GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare (self,
                  "SELECT state, count(*) FROM outbox WHERE ?1 IS NULL OR kind = ?1 GROUP BY state",
                  error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, kind);
  memset (counts, 0, sizeof (guint) * KP_OUTBOX_N_STATES);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KpOutboxState state;

      if (kp_outbox_state_from_string ((const char *) sqlite3_column_text (stmt, 0), &state))
        counts[state] = sqlite3_column_int (stmt, 1);
    }
  if (rc != SQLITE_DONE)
    {
      set_store_error (self, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
kp_outbox_count_by_state (KpOutbox *self, guint counts[KP_OUTBOX_N_STATES], GError **error)
{
  g_return_val_if_fail (KP_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return count_states (self, NULL, counts, error);
}

gboolean
kp_outbox_count_by_kind_and_state (KpOutbox *self,
                                   const char *kind,
                                   guint counts[KP_OUTBOX_N_STATES],
                                   GError **error)
{
  g_return_val_if_fail (KP_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return count_states (self, kind, counts, error);
}

gint64
kp_outbox_get_next_due (KpOutbox *self, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (KP_IS_OUTBOX (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  stmt = prepare (self, "SELECT min (next_attempt_at) FROM outbox WHERE state = 'pending'", error);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_store_error (self, error);
      return -1;
    }
  if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

/*
 * A row stays "delivering" only while an agent works on it; at the
 * agent's start any such row was abandoned by a crash and is due again.
 * Returns 0 with @error set when the database failed.
 */
guint
kp_outbox_recover_interrupted (KpOutbox *self, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int n_changed = 0;

  g_return_val_if_fail (KP_IS_OUTBOX (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  stmt = prepare (self, "UPDATE outbox SET state = 'pending' WHERE state = 'delivering'", error);
  if (stmt == NULL || !step_in_write_transaction (self, stmt, &n_changed, error))
    return 0;
  if (n_changed > 0)
    g_debug ("Outbox: %d interrupted deliveries are pending again", n_changed);
  return n_changed;
}

/* (transfer full) (nullable) */
KpOutboxItem *
kp_outbox_claim_due (KpOutbox *self, gint64 now, GError **error)
{
  g_autoptr (sqlite3_stmt) claim = NULL;
  g_autoptr (sqlite3_stmt) fetch = NULL;
  g_autoptr (KpOutboxItem) item = NULL;
  g_autoptr (GError) local_error = NULL;
  int rc;

  g_return_val_if_fail (KP_IS_OUTBOX (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  claim = prepare (self,
                   "UPDATE outbox SET state = 'delivering', attempts = attempts + 1"
                   " WHERE id = (SELECT id FROM outbox"
                   "             WHERE state = 'pending' AND next_attempt_at <= ?1"
                   "             ORDER BY created_at, id LIMIT 1)"
                   " RETURNING id",
                   error);
  if (claim == NULL)
    return NULL;
  fetch = prepare (self, "SELECT " KP_OUTBOX_ITEM_COLUMNS " FROM outbox WHERE id = ?1", error);
  if (fetch == NULL)
    return NULL;
  sqlite3_bind_int64 (claim, 1, now);

  if (!store_call (self, kp_store_begin_immediate, error))
    return NULL;
  rc = sqlite3_step (claim);
  if (rc == SQLITE_ROW)
    {
      sqlite3_bind_int64 (fetch, 1, sqlite3_column_int64 (claim, 0));
      /* The claim must be finished before the transaction can commit. */
      rc = sqlite3_step (claim);
      if (rc == SQLITE_DONE)
        item = step_to_item (self, fetch, &local_error);
    }
  if (rc != SQLITE_DONE)
    set_store_error (self, &local_error);

  if (local_error != NULL || !store_call (self, kp_store_commit, &local_error))
    {
      kp_store_rollback (self->store);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&item);
}

/*
 * The payload of @reference as it stays after delivery: without the
 * personal data, which the case system now holds. (transfer full)
 */
static char *
dup_payload_after_delivery (KpOutbox *self, const char *reference, GError **error)
{
  g_autoptr (KpOutboxItem) item = kp_outbox_lookup (self, reference, error);

  if (item == NULL)
    return NULL;
  return kp_submission_payload_without_personal (kp_outbox_item_get_payload (item));
}

/*
 * delivering -> delivered, with what the case system answered. In the
 * same step the personal data is erased from the payload (the store's
 * secure_delete zeroes the old bytes); reference, kind and the rest stay.
 */
gboolean
kp_outbox_mark_delivered (KpOutbox *self,
                          const char *reference,
                          const char *remote_id,
                          const char *remote_status,
                          gint64 now,
                          GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *payload = NULL;

  g_return_val_if_fail (KP_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (reference != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  payload = dup_payload_after_delivery (self, reference, error);
  if (payload == NULL)
    return FALSE;
  stmt = prepare (self,
                  "UPDATE outbox SET state = 'delivered', delivered_at = ?2, remote_id = ?3,"
                  "                  remote_status = ?4, payload = ?5"
                  " WHERE reference = ?1 AND state = 'delivering'",
                  error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, reference);
  sqlite3_bind_int64 (stmt, 2, now);
  bind_text (stmt, 3, remote_id);
  bind_text (stmt, 4, remote_status);
  bind_text (stmt, 5, payload);
  return leave_delivering (self, stmt, reference, error);
}

/*
 * delivering -> pending, due again at @next_attempt_at. @error_text is
 * kept for admins: it must not contain personal data.
 */
gboolean
kp_outbox_mark_retry (KpOutbox *self,
                      const char *reference,
                      const char *error_text,
                      gint64 next_attempt_at,
                      GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (KP_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (reference != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = prepare (self,
                  "UPDATE outbox SET state = 'pending', last_error = ?2, next_attempt_at = ?3"
                  " WHERE reference = ?1 AND state = 'delivering'",
                  error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, reference);
  bind_text (stmt, 2, error_text);
  sqlite3_bind_int64 (stmt, 3, next_attempt_at);
  return leave_delivering (self, stmt, reference, error);
}

/* delivering -> rejected, for good. @error_text as for kp_outbox_mark_retry(). */
gboolean
kp_outbox_mark_rejected (KpOutbox *self,
                         const char *reference,
                         const char *error_text,
                         GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (KP_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (reference != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = prepare (self,
                  "UPDATE outbox SET state = 'rejected', last_error = ?2"
                  " WHERE reference = ?1 AND state = 'delivering'",
                  error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, reference);
  bind_text (stmt, 2, error_text);
  return leave_delivering (self, stmt, reference, error);
}

/*
 * pending or rejected -> pending, due at @now: an admin's "try again now",
 * after the case system was mended or a refusal was resolved. The attempt
 * count stays, so the history of the row is not lost.
 */
gboolean
kp_outbox_retry_now (KpOutbox *self, const char *reference, gint64 now, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (KpOutboxItem) item = NULL;
  int n_changed = 0;

  g_return_val_if_fail (KP_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (reference != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = prepare (self,
                  "UPDATE outbox SET state = 'pending', next_attempt_at = ?2"
                  " WHERE reference = ?1 AND state IN ('pending', 'rejected')",
                  error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, reference);
  sqlite3_bind_int64 (stmt, 2, now);
  if (!step_in_write_transaction (self, stmt, &n_changed, error))
    return FALSE;
  if (n_changed > 0)
    return TRUE;

  item = kp_outbox_lookup (self, reference, error);
  if (item != NULL)
    g_set_error (error, KP_OUTBOX_ERROR, KP_OUTBOX_ERROR_INVALID_TRANSITION,
                 _ ("Submission %s is %s; only a waiting or refused one can be tried again."),
                 reference, kp_outbox_state_to_string (kp_outbox_item_get_state (item)));
  return FALSE;
}

/* @kinds as a JSON array, for SQLite's json_each(). (transfer full) */
static char *
dup_kinds_json (const char *const *kinds)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; kinds != NULL && kinds[i] != NULL; i++)
    json_builder_add_string_value (builder, kinds[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

gboolean
kp_outbox_spread_due (KpOutbox *self,
                      const char *const *kinds,
                      gboolean all_but,
                      gint64 start,
                      GTimeSpan spacing,
                      guint *n_moved,
                      GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *kinds_json = NULL;
  int n_changed = 0;

  g_return_val_if_fail (KP_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (spacing >= 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Each row's place counts all the rows before it, so the pace holds even where some keep an earlier time. */
  stmt
      = prepare (self,
                 "UPDATE outbox SET next_attempt_at = ?3 + ranked.place * ?4"
                 " FROM (SELECT id, row_number () OVER (ORDER BY created_at, id) - 1 AS place"
                 "       FROM outbox WHERE state = 'pending'"
                 "       AND (kind IN (SELECT value FROM json_each (?1))) != ?2) AS ranked"
                 " WHERE outbox.id = ranked.id AND outbox.next_attempt_at > ?3 + ranked.place * ?4",
                 error);
  if (stmt == NULL)
    return FALSE;
  kinds_json = dup_kinds_json (kinds);
  bind_text (stmt, 1, kinds_json);
  sqlite3_bind_int (stmt, 2, all_but ? 1 : 0);
  sqlite3_bind_int64 (stmt, 3, start);
  sqlite3_bind_int64 (stmt, 4, spacing);
  if (!step_in_write_transaction (self, stmt, &n_changed, error))
    return FALSE;
  if (n_moved != NULL)
    *n_moved = n_changed;
  return TRUE;
}
