/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-local-register.h"

#include "kp-store-private.h"
#include "kp-submission.h"

#include <glib/gi18n-lib.h>

/* The status a case has when it has just arrived; the case system moves it on later. */
#define STATUS_RECEIVED KP_CASE_STATUS_RECEIVED

static const char *const known_statuses[] = {
  KP_CASE_STATUS_RECEIVED,
  KP_CASE_STATUS_IN_PROGRESS,
  KP_CASE_STATUS_DONE,
  NULL,
};

#define CASE_COLUMNS "case_id, idempotency_key, reference, kind, payload, status, received_at"

struct _KpLocalRegister
{
  GObject parent_instance;

  KpStore *store;
};

static void kp_local_register_backend_init (KpBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KpLocalRegister,
                               kp_local_register,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KP_TYPE_BACKEND,
                                                      kp_local_register_backend_init))

static KpCase *
case_from_row (sqlite3_stmt *stmt)
{
  return kp_case_new (
      (const char *) sqlite3_column_text (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
      (const char *) sqlite3_column_text (stmt, 2), (const char *) sqlite3_column_text (stmt, 3),
      (const char *) sqlite3_column_text (stmt, 4), (const char *) sqlite3_column_text (stmt, 5),
      sqlite3_column_int64 (stmt, 6));
}

/*
 * All cases, or with @column (a fixed column name, never user input) equal
 * to @value, oldest first. (element-type KpCase) (transfer full)
 */
static GPtrArray *
select_cases (KpLocalRegister *self, const char *column, const char *value, GError **error)
{
  g_autoptr (GPtrArray) cases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  int rc;

  if (column != NULL)
    sql = g_strdup_printf ("SELECT " CASE_COLUMNS " FROM cases WHERE %s = ?1 ORDER BY id", column);
  else
    sql = g_strdup ("SELECT " CASE_COLUMNS " FROM cases ORDER BY id");

  if (sqlite3_prepare_v2 (kp_store_get_db (self->store), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      kp_store_set_error (self->store, error, "read the case register");
      return NULL;
    }
  if (value != NULL)
    sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (cases, case_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      kp_store_set_error (self->store, error, "read the case register");
      return NULL;
    }
  return g_steal_pointer (&cases);
}

/* The case with @value in @column, or NULL without an error when there is none. */
static KpCase *
find_case (KpLocalRegister *self, const char *column, const char *value, GError **error)
{
  g_autoptr (GPtrArray) cases = select_cases (self, column, value, error);

  if (cases == NULL || cases->len == 0)
    return NULL;
  return g_object_ref (g_ptr_array_index (cases, 0));
}

/*
 * A case number that a volunteer can read out over the phone. The number
 * is the row id, so it only has to be unique within this register.
 */
static char *
format_case_id (gint64 number, gint64 received_at)
{
  g_autoptr (GDateTime) when = g_date_time_new_from_unix_local (received_at / G_USEC_PER_SEC);

  return g_strdup_printf ("ZAAK-%04d-%06" G_GINT64_FORMAT, g_date_time_get_year (when), number);
}

static gint64
next_case_number (KpLocalRegister *self, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (kp_store_get_db (self->store),
                          "SELECT COALESCE(MAX(id), 0) + 1 FROM cases", -1, &stmt, NULL)
          != SQLITE_OK
      || sqlite3_step (stmt) != SQLITE_ROW)
    {
      kp_store_set_error (self->store, error, "number a new case");
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
add_history (
    KpLocalRegister *self, const char *case_id, const char *status, gint64 at, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (kp_store_get_db (self->store),
                          "INSERT INTO case_status_history (case_id, status, changed_at)"
                          " VALUES (?1, ?2, ?3)",
                          -1, &stmt, NULL)
          != SQLITE_OK
      || sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_STATIC) != SQLITE_OK
      || sqlite3_bind_text (stmt, 2, status, -1, SQLITE_STATIC) != SQLITE_OK
      || sqlite3_bind_int64 (stmt, 3, at) != SQLITE_OK || sqlite3_step (stmt) != SQLITE_DONE)
    {
      kp_store_set_error (self->store, error, "record a case status");
      return FALSE;
    }
  return TRUE;
}

/*
 * Must run inside a write transaction, so the number cannot be taken twice.
 * This register lives in the kiosk's own database, which keeps no personal
 * data once a submission is delivered, so it files the payload without its
 * personal part: what a case system would show the kiosk back.
 */
static KpCase *
insert_case (KpLocalRegister *self, KpOutboxItem *item, GError **error)
{
  gint64 received_at = g_get_real_time ();
  gint64 number = next_case_number (self, error);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *case_id = NULL;
  g_autofree char *payload
      = kp_submission_payload_without_personal (kp_outbox_item_get_payload (item));

  if (number < 0)
    return NULL;

  case_id = format_case_id (number, received_at);
  if (sqlite3_prepare_v2 (kp_store_get_db (self->store),
                          "INSERT INTO cases (id, " CASE_COLUMNS ") "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    {
      kp_store_set_error (self->store, error, "file a new case");
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, number);
  sqlite3_bind_text (stmt, 2, case_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, kp_outbox_item_get_idempotency_key (item), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, kp_outbox_item_get_reference (item), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, kp_outbox_item_get_kind (item), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, payload, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, STATUS_RECEIVED, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, received_at);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      kp_store_set_error (self->store, error, "file a new case");
      return NULL;
    }
  if (!add_history (self, case_id, STATUS_RECEIVED, received_at, error))
    return NULL;

  return kp_case_new (case_id, kp_outbox_item_get_idempotency_key (item),
                      kp_outbox_item_get_reference (item), kp_outbox_item_get_kind (item), payload,
                      STATUS_RECEIVED, received_at);
}

/*
 * Looking up the idempotency key and inserting happen in one write
 * transaction, so even two deliveries of the same row racing each other
 * file one case between them.
 */
static KpCase *
find_or_file_case (KpLocalRegister *self, KpOutboxItem *item, GError **error)
{
  g_autoptr (KpCase) kase = NULL;
  g_autoptr (GError) local_error = NULL;

  if (!kp_store_begin_immediate (self->store, error))
    return NULL;

  kase = find_case (self, "idempotency_key", kp_outbox_item_get_idempotency_key (item),
                    &local_error);
  if (kase == NULL && local_error == NULL)
    kase = insert_case (self, item, &local_error);

  if (kase == NULL || !kp_store_commit (self->store, &local_error))
    {
      kp_store_rollback (self->store);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&kase);
}

static const char *
kp_local_register_get_name (KpBackend *backend)
{
  return "local";
}

static gboolean
kp_local_register_deliver (KpBackend *backend,
                           KpOutboxItem *item,
                           GPtrArray *attachments,
                           char **remote_id,
                           char **remote_status,
                           GCancellable *cancellable,
                           GError **error)
{
  KpLocalRegister *self = KP_LOCAL_REGISTER (backend);
  g_autoptr (GError) local_error = NULL;
  g_autoptr (KpCase) kase = find_or_file_case (self, item, &local_error);

  /* A database that is busy or full may work on the next attempt. */
  if (kase == NULL)
    {
      g_set_error (error, KP_BACKEND_ERROR, KP_BACKEND_ERROR_TEMPORARY,
                   _ ("The case register could not be written: %s"), local_error->message);
      return FALSE;
    }

  *remote_id = g_strdup (kp_case_get_case_id (kase));
  *remote_status = g_strdup (kp_case_get_status (kase));
  return TRUE;
}

static void
kp_local_register_backend_init (KpBackendInterface *iface)
{
  iface->get_name = kp_local_register_get_name;
  iface->deliver = kp_local_register_deliver;
}

static void
kp_local_register_dispose (GObject *object)
{
  KpLocalRegister *self = KP_LOCAL_REGISTER (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (kp_local_register_parent_class)->dispose (object);
}

static void
kp_local_register_class_init (KpLocalRegisterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kp_local_register_dispose;
}

static void
kp_local_register_init (KpLocalRegister *self)
{
}

/* (transfer full) */
KpLocalRegister *
kp_local_register_new (KpStore *store)
{
  KpLocalRegister *self;

  g_return_val_if_fail (KP_IS_STORE (store), NULL);

  self = g_object_new (KP_TYPE_LOCAL_REGISTER, NULL);
  self->store = g_object_ref (store);
  return self;
}

GPtrArray *
kp_local_register_list_cases (KpLocalRegister *self, GError **error)
{
  g_return_val_if_fail (KP_IS_LOCAL_REGISTER (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return select_cases (self, NULL, NULL, error);
}

KpCase *
kp_local_register_lookup (KpLocalRegister *self, const char *reference, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  KpCase *kase;

  g_return_val_if_fail (KP_IS_LOCAL_REGISTER (self), NULL);
  g_return_val_if_fail (reference != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  kase = find_case (self, "reference", reference, &local_error);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (kase == NULL)
    g_set_error (error, KP_LOCAL_REGISTER_ERROR, KP_LOCAL_REGISTER_ERROR_NOT_FOUND,
                 _ ("No case has the reference %s."), reference);
  return kase;
}

/* Written out because clang-format would put spaces into G_DEFINE_QUARK's name. */
GQuark
kp_local_register_error_quark (void)
{
  return g_quark_from_static_string ("kp-local-register-error-quark");
}

void
kp_case_status_change_free (KpCaseStatusChange *change)
{
  if (change == NULL)
    return;
  g_free (change->status);
  g_free (change);
}

static gboolean
update_status (KpLocalRegister *self, const char *case_id, const char *status, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (kp_store_get_db (self->store),
                          "UPDATE cases SET status = ?2 WHERE case_id = ?1", -1, &stmt, NULL)
          != SQLITE_OK
      || sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_STATIC) != SQLITE_OK
      || sqlite3_bind_text (stmt, 2, status, -1, SQLITE_STATIC) != SQLITE_OK
      || sqlite3_step (stmt) != SQLITE_DONE)
    {
      kp_store_set_error (self->store, error, "change a case status");
      return FALSE;
    }
  return TRUE;
}

/* Inside one write transaction, so the status and its history never disagree. */
static gboolean
change_status (KpLocalRegister *self, const char *reference, const char *status, GError **error)
{
  g_autoptr (KpCase) kase = kp_local_register_lookup (self, reference, error);

  if (kase == NULL)
    return FALSE;
  if (g_str_equal (kp_case_get_status (kase), status))
    return TRUE;
  return update_status (self, kp_case_get_case_id (kase), status, error)
         && add_history (self, kp_case_get_case_id (kase), status, g_get_real_time (), error);
}

gboolean
kp_local_register_set_status (KpLocalRegister *self,
                              const char *reference,
                              const char *status,
                              GError **error)
{
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (KP_IS_LOCAL_REGISTER (self), FALSE);
  g_return_val_if_fail (reference != NULL, FALSE);
  g_return_val_if_fail (status != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_strv_contains (known_statuses, status))
    {
      g_autofree char *known = g_strjoinv (", ", (char **) known_statuses);

      g_set_error (error, KP_LOCAL_REGISTER_ERROR, KP_LOCAL_REGISTER_ERROR_STATUS,
                   _ ("Unknown case status “%s”: expected one of %s."), status, known);
      return FALSE;
    }
  if (!kp_store_begin_immediate (self->store, error))
    return FALSE;
  if (!change_status (self, reference, status, &local_error)
      || !kp_store_commit (self->store, &local_error))
    {
      kp_store_rollback (self->store);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* (element-type KpCaseStatusChange) (transfer full) */
GPtrArray *
kp_local_register_list_history (KpLocalRegister *self, const char *reference, GError **error)
{
  g_autoptr (KpCase) kase = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) history = NULL;
  int rc;

  g_return_val_if_fail (KP_IS_LOCAL_REGISTER (self), NULL);
  g_return_val_if_fail (reference != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  kase = kp_local_register_lookup (self, reference, error);
  if (kase == NULL)
    return NULL;
  if (sqlite3_prepare_v2 (kp_store_get_db (self->store),
                          "SELECT status, changed_at FROM case_status_history"
                          " WHERE case_id = ?1 ORDER BY changed_at, id",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    {
      kp_store_set_error (self->store, error, "read a case's history");
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, kp_case_get_case_id (kase), -1, SQLITE_STATIC);

  history = g_ptr_array_new_with_free_func ((GDestroyNotify) kp_case_status_change_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KpCaseStatusChange *change = g_new0 (KpCaseStatusChange, 1);

      change->status = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      change->changed_at = sqlite3_column_int64 (stmt, 1);
      g_ptr_array_add (history, change);
    }
  if (rc != SQLITE_DONE)
    {
      kp_store_set_error (self->store, error, "read a case's history");
      return NULL;
    }
  return g_steal_pointer (&history);
}
