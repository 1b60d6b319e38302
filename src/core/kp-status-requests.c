/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-status-requests.h"

#include "kp-store-private.h"

struct _KpStatusRequests
{
  GObject parent_instance;

  KpStore *store;
};

G_DEFINE_FINAL_TYPE (KpStatusRequests, kp_status_requests, G_TYPE_OBJECT)

/*
 * Which case system has a delivered row, read from what each backend
 * stored while delivering, not from today's [delivery] routes: a row
 * delivered before a route changed is still asked where it went. Rows
 * in the embedded register are left out: their history is there.
 */
#define REMOTE_CASES_SQL                                                                           \
  "SELECT o.reference,"                                                                            \
  "  CASE WHEN z.zaak_url IS NOT NULL THEN 'zgw'"                                                  \
  "       WHEN s.value IS NOT NULL THEN 'signalen'"                                                \
  "       WHEN k.value IS NOT NULL THEN 'klantinteracties' END AS backend,"                        \
  "  coalesce (z.identificatie, s.value, k.value),"                                                \
  "  CASE WHEN z.zaak_url IS NOT NULL THEN z.identificatie"                                        \
  "       WHEN s.value IS NOT NULL THEN sd.value ELSE kn.value END AS number"                      \
  " FROM outbox o"                                                                                 \
  " LEFT JOIN zgw_deliveries z ON z.reference = o.reference AND z.zaak_url IS NOT NULL"            \
  " LEFT JOIN delivery_steps s ON s.reference = o.reference AND s.step = 'signal'"                 \
  " LEFT JOIN delivery_steps sd ON sd.reference = o.reference AND sd.step = 'signal-id-display'"   \
  " LEFT JOIN delivery_steps k ON k.reference = o.reference AND k.step = 'internetaak'"            \
  " LEFT JOIN delivery_steps kn ON kn.reference = o.reference AND kn.step = 'klantcontact-nummer'" \
  " LEFT JOIN case_status c ON c.reference = o.reference"                                          \
  " WHERE o.state = 'delivered'"                                                                   \
  "   AND (z.zaak_url IS NOT NULL OR s.value IS NOT NULL OR k.value IS NOT NULL)"

void
kp_remote_case_free (KpRemoteCase *remote_case)
{
  if (remote_case == NULL)
    return;
  g_free (remote_case->reference);
  g_free (remote_case->backend);
  g_free (remote_case->key);
  g_free (remote_case->number);
  g_free (remote_case);
}

void
kp_case_status_free (KpCaseStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->backend);
  g_free (status->status);
  g_free (status->status_text);
  g_free (status->error_class);
  g_free (status);
}

static char *
dup_column (sqlite3_stmt *stmt, int column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static sqlite3_stmt *
prepare (KpStatusRequests *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (kp_store_get_db (self->store), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      kp_store_set_error (self->store, error, "case_status");
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

/* Steps @stmt to its end, for statements that return no rows. */
static gboolean
run (KpStatusRequests *self, sqlite3_stmt *stmt, GError **error)
{
  if (sqlite3_step (stmt) == SQLITE_DONE)
    return TRUE;
  kp_store_set_error (self->store, error, "case_status");
  return FALSE;
}

/* The remote cases that @stmt (REMOTE_CASES_SQL and more) selects. (transfer full) */
static GPtrArray *
collect_cases (KpStatusRequests *self, sqlite3_stmt *stmt, GError **error)
{
  g_autoptr (GPtrArray) cases
      = g_ptr_array_new_with_free_func ((GDestroyNotify) kp_remote_case_free);
  int status;

  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KpRemoteCase *remote_case = g_new0 (KpRemoteCase, 1);

      remote_case->reference = dup_column (stmt, 0);
      remote_case->backend = dup_column (stmt, 1);
      remote_case->key = dup_column (stmt, 2);
      remote_case->number = dup_column (stmt, 3);
      g_ptr_array_add (cases, remote_case);
    }
  if (status != SQLITE_DONE)
    {
      kp_store_set_error (self->store, error, "case_status");
      return NULL;
    }
  return g_steal_pointer (&cases);
}

static void
kp_status_requests_finalize (GObject *object)
{
  KpStatusRequests *self = KP_STATUS_REQUESTS (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (kp_status_requests_parent_class)->finalize (object);
}

static void
kp_status_requests_class_init (KpStatusRequestsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kp_status_requests_finalize;
}

static void
kp_status_requests_init (KpStatusRequests *self)
{
}

/* (transfer full) */
KpStatusRequests *
kp_status_requests_new (KpStore *store)
{
  KpStatusRequests *self;

  g_return_val_if_fail (KP_IS_STORE (store), NULL);

  self = g_object_new (KP_TYPE_STATUS_REQUESTS, NULL);
  self->store = g_object_ref (store);
  return self;
}

/* (transfer full) (nullable) */
KpRemoteCase *
kp_status_requests_find_case (KpStatusRequests *self, const char *reference, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) cases = NULL;

  g_return_val_if_fail (KP_IS_STATUS_REQUESTS (self), NULL);
  g_return_val_if_fail (reference != NULL, NULL);

  stmt = prepare (self, REMOTE_CASES_SQL " AND o.reference = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, reference, -1, SQLITE_STATIC);
  cases = collect_cases (self, stmt, error);
  if (cases == NULL || cases->len == 0)
    return NULL;
  return g_ptr_array_steal_index (cases, 0);
}

gboolean
kp_status_requests_ask (KpStatusRequests *self, const char *reference, gint64 now, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (KP_IS_STATUS_REQUESTS (self), FALSE);
  g_return_val_if_fail (reference != NULL, FALSE);

  stmt = prepare (self,
                  "INSERT INTO status_requests (reference, asked_at) VALUES (?1, ?2)"
                  " ON CONFLICT (reference) DO UPDATE SET asked_at = excluded.asked_at",
                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, reference, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, now);
  return run (self, stmt, error);
}

/* (transfer full) (nullable) */
KpCaseStatus *
kp_status_requests_lookup (KpStatusRequests *self, const char *reference, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  KpCaseStatus *status;
  int result;

  g_return_val_if_fail (KP_IS_STATUS_REQUESTS (self), NULL);
  g_return_val_if_fail (reference != NULL, NULL);

  stmt = prepare (self,
                  "SELECT backend, status, status_text, coalesce (checked_at, 0),"
                  " last_error_class, coalesce (last_error_at, 0)"
                  " FROM case_status WHERE reference = ?1",
                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, reference, -1, SQLITE_STATIC);
  result = sqlite3_step (stmt);
  if (result == SQLITE_DONE)
    return NULL;
  if (result != SQLITE_ROW)
    {
      kp_store_set_error (self->store, error, "case_status");
      return NULL;
    }
  status = g_new0 (KpCaseStatus, 1);
  status->backend = dup_column (stmt, 0);
  status->status = dup_column (stmt, 1);
  status->status_text = dup_column (stmt, 2);
  status->checked_at = sqlite3_column_int64 (stmt, 3);
  status->error_class = dup_column (stmt, 4);
  status->error_at = sqlite3_column_int64 (stmt, 5);
  return status;
}

static gboolean
is_answer_since (const KpCaseStatus *status, gint64 asked_at)
{
  return status != NULL && MAX (status->checked_at, status->error_at) >= asked_at;
}

/* (transfer full) (nullable) */
KpCaseStatus *
kp_status_requests_wait (KpStatusRequests *self,
                         const char *reference,
                         gint64 asked_at,
                         GTimeSpan timeout,
                         GTimeSpan interval,
                         gboolean *answered,
                         GCancellable *cancellable,
                         GError **error)
{
  gint64 deadline = g_get_monotonic_time () + timeout;

  g_return_val_if_fail (KP_IS_STATUS_REQUESTS (self), NULL);
  g_return_val_if_fail (reference != NULL && answered != NULL, NULL);
  g_return_val_if_fail (interval > 0, NULL);

  *answered = FALSE;
  for (;;)
    {
      g_autoptr (GError) local_error = NULL;
      g_autoptr (KpCaseStatus) status = kp_status_requests_lookup (self, reference, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (is_answer_since (status, asked_at) || g_get_monotonic_time () >= deadline)
        {
          *answered = is_answer_since (status, asked_at);
          return g_steal_pointer (&status);
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      g_usleep (MIN (interval, MAX (deadline - g_get_monotonic_time (), 0)));
    }
}

static gboolean
close_request (KpStatusRequests *self, const char *reference, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt
      = prepare (self, "DELETE FROM status_requests WHERE reference = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, reference, -1, SQLITE_STATIC);
  return run (self, stmt, error);
}

/* The references asked about, oldest first. (element-type utf8) (transfer full) */
static GStrv
dup_asked_references (KpStatusRequests *self, gint64 asked_since, guint limit, GError **error)
{
  g_autoptr (sqlite3_stmt) drop = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GStrvBuilder) references = g_strv_builder_new ();
  int status;

  drop = prepare (self, "DELETE FROM status_requests WHERE asked_at < ?1", error);
  if (drop == NULL)
    return NULL;
  sqlite3_bind_int64 (drop, 1, asked_since);
  if (!run (self, drop, error))
    return NULL;
  stmt = prepare (self, "SELECT reference FROM status_requests ORDER BY asked_at LIMIT ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit);
  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (references, (const char *) sqlite3_column_text (stmt, 0));
  if (status != SQLITE_DONE)
    {
      kp_store_set_error (self->store, error, "status_requests");
      return NULL;
    }
  return g_strv_builder_end (references);
}

/*
 * One indexed lookup per request, so a round with nobody asking is one
 * query on an empty table, however many rows the outbox holds.
 * (element-type KpRemoteCase) (transfer full)
 */
GPtrArray *
kp_status_requests_take_asked (KpStatusRequests *self,
                               gint64 asked_since,
                               guint limit,
                               GError **error)
{
  g_autoptr (GPtrArray) cases = NULL;
  g_auto (GStrv) references = NULL;

  g_return_val_if_fail (KP_IS_STATUS_REQUESTS (self), NULL);

  references = dup_asked_references (self, asked_since, limit, error);
  if (references == NULL)
    return NULL;
  cases = g_ptr_array_new_with_free_func ((GDestroyNotify) kp_remote_case_free);
  for (guint i = 0; references[i] != NULL; i++)
    {
      g_autoptr (GError) local_error = NULL;
      KpRemoteCase *remote_case = kp_status_requests_find_case (self, references[i], &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      /* No case system has it: nobody could answer, so nobody should wait. */
      if (remote_case == NULL && !close_request (self, references[i], error))
        return NULL;
      if (remote_case != NULL)
        g_ptr_array_add (cases, remote_case);
    }
  return g_steal_pointer (&cases);
}

/* (element-type KpRemoteCase) (transfer full) */
GPtrArray *
kp_status_requests_list_stale (KpStatusRequests *self,
                               gint64 delivered_since,
                               gint64 checked_before,
                               guint limit,
                               GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (KP_IS_STATUS_REQUESTS (self), NULL);

  stmt = prepare (self,
                  REMOTE_CASES_SQL " AND o.delivered_at >= ?1"
                                   " AND max (coalesce (c.checked_at, 0),"
                                   " coalesce (c.last_error_at, 0)) < ?2"
                                   " ORDER BY max (coalesce (c.checked_at, 0),"
                                   " coalesce (c.last_error_at, 0))"
                                   " LIMIT ?3",
                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, delivered_since);
  sqlite3_bind_int64 (stmt, 2, checked_before);
  sqlite3_bind_int64 (stmt, 3, limit);
  return collect_cases (self, stmt, error);
}

/*
 * Runs @sql, an upsert of case_status taking ?1 reference, ?2 backend,
 * ?3 @now, ?4 @value4 and, when it has one, ?5 @value5, and closes the
 * request in the same transaction.
 */
static gboolean
record (KpStatusRequests *self,
        const KpRemoteCase *remote_case,
        const char *sql,
        gint64 now,
        const char *value4,
        const char *value5,
        GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (!kp_store_begin_immediate (self->store, error))
    return FALSE;
  stmt = prepare (self, sql, error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, remote_case->reference, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, remote_case->backend, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, now);
      sqlite3_bind_text (stmt, 4, value4, -1, SQLITE_STATIC);
      if (sqlite3_bind_parameter_count (stmt) >= 5)
        sqlite3_bind_text (stmt, 5, value5, -1, SQLITE_STATIC);
    }
  if (stmt != NULL && run (self, stmt, error) && close_request (self, remote_case->reference, error)
      && kp_store_commit (self->store, error))
    return TRUE;
  kp_store_rollback (self->store);
  return FALSE;
}

gboolean
kp_status_requests_record_answer (KpStatusRequests *self,
                                  const KpRemoteCase *remote_case,
                                  const char *status,
                                  const char *status_text,
                                  gint64 now,
                                  GError **error)
{
  g_return_val_if_fail (KP_IS_STATUS_REQUESTS (self), FALSE);
  g_return_val_if_fail (remote_case != NULL && status != NULL, FALSE);

  return record (self, remote_case,
                 "INSERT INTO case_status (reference, backend, checked_at, status, status_text)"
                 " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (reference) DO UPDATE SET"
                 " backend = excluded.backend, checked_at = excluded.checked_at,"
                 " status = excluded.status, status_text = excluded.status_text",
                 now, status, status_text, error);
}

gboolean
kp_status_requests_record_failure (KpStatusRequests *self,
                                   const KpRemoteCase *remote_case,
                                   const char *error_class,
                                   gint64 now,
                                   GError **error)
{
  g_return_val_if_fail (KP_IS_STATUS_REQUESTS (self), FALSE);
  g_return_val_if_fail (remote_case != NULL && error_class != NULL, FALSE);

  return record (self, remote_case,
                 "INSERT INTO case_status (reference, backend, last_error_at, last_error_class)"
                 " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (reference) DO UPDATE SET"
                 " backend = excluded.backend, last_error_at = excluded.last_error_at,"
                 " last_error_class = excluded.last_error_class",
                 now, error_class, NULL, error);
}
