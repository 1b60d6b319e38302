/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-store-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

/*
 * The kiosk and the delivery agent write to the same file at the same
 * time. A writer waits this long for the other before giving up; real
 * transactions take milliseconds, so only a stuck process hits it.
 */
#define BUSY_TIMEOUT_MS 10000

struct _KpStore
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  int schema_version;
};

G_DEFINE_FINAL_TYPE (KpStore, kp_store, G_TYPE_OBJECT)

/* Written out: clang-format would put spaces into the name given to G_DEFINE_QUARK. */
GQuark
kp_store_error_quark (void)
{
  return g_quark_from_static_string ("kp-store-error-quark");
}

/*
 * Migration N is entry N - 1. A new schema version is one more entry at
 * the end; entries already released are never edited, because databases
 * in the field have run them.
 */
static const char *const migrations[] = {
  /* 1: the outbox, with its attachments kept as bytes or as a file. */
  "CREATE TABLE outbox ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL CHECK (kind <> ''),"
  "  reference TEXT NOT NULL UNIQUE,"
  "  idempotency_key TEXT NOT NULL UNIQUE,"
  "  payload TEXT NOT NULL,"
  "  state TEXT NOT NULL DEFAULT 'pending'"
  "    CHECK (state IN ('pending', 'delivering', 'delivered', 'rejected')),"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  next_attempt_at INTEGER NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  delivered_at INTEGER,"
  "  last_error TEXT,"
  "  remote_id TEXT,"
  "  remote_status TEXT"
  ");"
  "CREATE INDEX outbox_due ON outbox (state, next_attempt_at);"
  "CREATE TABLE outbox_attachment ("
  "  id INTEGER PRIMARY KEY,"
  "  outbox_id INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"
  "  content_type TEXT NOT NULL,"
  "  data BLOB,"
  "  path TEXT,"
  "  size INTEGER NOT NULL,"
  "  sha256 TEXT NOT NULL,"
  "  CHECK ((data IS NULL) <> (path IS NULL))"
  ");"
  "CREATE INDEX outbox_attachment_by_outbox ON outbox_attachment (outbox_id);",

  /* 2: the embedded case register that KpLocalRegister fills. */
  "CREATE TABLE cases ("
  "  id INTEGER PRIMARY KEY,"
  "  case_id TEXT NOT NULL UNIQUE,"
  "  idempotency_key TEXT NOT NULL UNIQUE,"
  "  reference TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  payload TEXT NOT NULL,"
  "  status TEXT NOT NULL,"
  "  received_at INTEGER NOT NULL"
  ");",

  /*
   * 3: appointments booked at this kiosk (any backend), and the embedded
   * agenda: its definition, rewritten from the agenda file at start, and
   * its bookings, one row per place taken. A booking has no foreign key to
   * its location, so changing the agenda file never drops a booking.
   */
  "CREATE TABLE appointments ("
  "  id INTEGER PRIMARY KEY,"
  "  reference TEXT NOT NULL UNIQUE,"
  "  backend TEXT NOT NULL,"
  "  remote_id TEXT NOT NULL,"
  "  state TEXT NOT NULL CHECK (state IN ('booked', 'cancelled')),"
  "  product_id TEXT NOT NULL,"
  "  product_name TEXT NOT NULL,"
  "  location_id TEXT NOT NULL,"
  "  location_name TEXT NOT NULL,"
  "  location_address TEXT,"
  "  starts_at INTEGER NOT NULL,"
  "  time_zone TEXT NOT NULL,"
  "  duration_minutes INTEGER NOT NULL,"
  "  name TEXT,"
  "  email TEXT,"
  "  phone TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  cancelled_at INTEGER"
  ");"
  "CREATE INDEX appointments_by_start ON appointments (starts_at);"
  "CREATE TABLE agenda_products ("
  "  id TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  position INTEGER NOT NULL"
  ");"
  "CREATE TABLE agenda_locations ("
  "  id TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  address TEXT,"
  "  time_zone TEXT NOT NULL,"
  "  slot_minutes INTEGER NOT NULL CHECK (slot_minutes > 0),"
  "  capacity INTEGER NOT NULL CHECK (capacity > 0),"
  "  position INTEGER NOT NULL"
  ");"
  "CREATE TABLE agenda_offers ("
  "  location_id TEXT NOT NULL REFERENCES agenda_locations (id) ON DELETE CASCADE,"
  "  product_id TEXT NOT NULL REFERENCES agenda_products (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (location_id, product_id)"
  ");"
  "CREATE TABLE agenda_hours ("
  "  location_id TEXT NOT NULL REFERENCES agenda_locations (id) ON DELETE CASCADE,"
  "  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),"
  "  opens INTEGER NOT NULL,"
  "  closes INTEGER NOT NULL,"
  "  CHECK (opens < closes)"
  ");"
  "CREATE TABLE agenda_closed ("
  "  location_id TEXT NOT NULL REFERENCES agenda_locations (id) ON DELETE CASCADE,"
  "  day TEXT NOT NULL,"
  "  PRIMARY KEY (location_id, day)"
  ");"
  "CREATE TABLE agenda_bookings ("
  "  id INTEGER PRIMARY KEY,"
  "  location_id TEXT NOT NULL,"
  "  starts_at INTEGER NOT NULL,"
  "  seat INTEGER NOT NULL CHECK (seat >= 0),"
  "  reference TEXT NOT NULL UNIQUE,"
  "  UNIQUE (location_id, starts_at, seat)"
  ");",

  /*
   * 4: the status history of each case in the embedded case register,
   * starting with the status every case already has.
   */
  "CREATE TABLE case_status_history ("
  "  id INTEGER PRIMARY KEY,"
  "  case_id TEXT NOT NULL REFERENCES cases (case_id) ON DELETE CASCADE,"
  "  status TEXT NOT NULL,"
  "  changed_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX case_status_history_by_case ON case_status_history (case_id);"
  "INSERT INTO case_status_history (case_id, status, changed_at)"
  "  SELECT case_id, status, received_at FROM cases;",

  /*
   * 5: how far each delivery to a ZGW case system got, so a retry redoes
   * only the steps that did not finish. No personal data: URLs and our
   * reference only.
   */
  "CREATE TABLE zgw_deliveries ("
  "  reference TEXT PRIMARY KEY,"
  "  identificatie TEXT NOT NULL,"
  "  zaak_url TEXT,"
  "  rol_url TEXT,"
  "  status_url TEXT,"
  "  status_omschrijving TEXT"
  ");",

  /*
   * 6: the finished steps of a delivery to Signalen or Klantinteracties
   * ("signal" → its uuid, "klantcontact" → its uuid, …), so a retry redoes
   * only the steps that did not finish. No personal data: identifiers only.
   */
  "CREATE TABLE delivery_steps ("
  "  reference TEXT NOT NULL,"
  "  step TEXT NOT NULL,"
  "  value TEXT NOT NULL,"
  "  PRIMARY KEY (reference, step)"
  ");",

  /*
   * 7: volunteers with an Argon2id hash of their PIN (never the PIN), the
   * PIN pad's lock that must survive a restart, the audit of volunteer
   * actions, and the pilot's anonymous counts: per day (a Julian day
   * number) and hour only, and search words per day with the number of
   * sessions that searched them. No visit's own time, no free text.
   */
  "CREATE TABLE volunteers ("
  "  name TEXT PRIMARY KEY,"
  "  pin_hash TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE pin_lock ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  wrong_pins INTEGER NOT NULL,"
  "  locked_until INTEGER NOT NULL"
  ");"
  "CREATE TABLE volunteer_audit ("
  "  id INTEGER PRIMARY KEY,"
  "  volunteer TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  at INTEGER NOT NULL"
  ");"
  "CREATE TABLE event_counts ("
  "  day INTEGER NOT NULL,"
  "  hour INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),"
  "  measure TEXT NOT NULL,"
  "  value TEXT NOT NULL,"
  "  count INTEGER NOT NULL,"
  "  PRIMARY KEY (day, hour, measure, value)"
  ") WITHOUT ROWID;"
  "CREATE TABLE search_words ("
  "  day INTEGER NOT NULL,"
  "  word TEXT NOT NULL,"
  "  sessions INTEGER NOT NULL,"
  "  PRIMARY KEY (day, word)"
  ") WITHOUT ROWID;",

  /*
   * 8: the status screen asks kernpunt-syncd, which alone holds the case
   * systems' secrets, for a case's status now (status_requests), and
   * kernpunt-syncd keeps the last answer or failure per reference
   * (case_status). The case system's word and its own text only: no
   * personal data.
   */
  "CREATE TABLE status_requests ("
  "  reference TEXT PRIMARY KEY,"
  "  asked_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE case_status ("
  "  reference TEXT PRIMARY KEY,"
  "  backend TEXT NOT NULL,"
  "  status TEXT,"
  "  status_text TEXT,"
  "  checked_at INTEGER,"
  "  last_error_class TEXT,"
  "  last_error_at INTEGER"
  ");",

  /*
   * 10: the e-forms kernpunt-syncd refreshed from Open Formulieren, in
   * its order, each with its titles as a JSON object (language → text,
   * "" untranslated) and why it is hidden (NULL: shown); and when the
   * last refresh worked, or what went wrong since. No personal data.
   */
  "CREATE TABLE e_forms ("
  "  position INTEGER PRIMARY KEY,"
  "  id TEXT NOT NULL UNIQUE,"
  "  start_url TEXT NOT NULL,"
  "  titles TEXT NOT NULL,"
  "  needs_digid INTEGER NOT NULL CHECK (needs_digid IN (0, 1)),"
  "  hidden TEXT"
  ");"
  "CREATE TABLE e_form_refresh ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  refreshed_at INTEGER NOT NULL,"
  "  failed_at INTEGER,"
  "  error TEXT"
  ");",
};

static void
set_open_error (KpStore *self, GError **error, const char *reason)
{
  g_set_error (error, KP_STORE_ERROR, KP_STORE_ERROR_OPEN, _ ("Cannot open the database “%s”: %s"),
               self->path, reason);
}

/* The database holds personal data: only the kiosk's own user may read it. */
static gboolean
create_private_file (KpStore *self, GError **error)
{
  g_autofree char *parent = g_path_get_dirname (self->path);
  int fd;

  if (g_mkdir_with_parents (parent, 0700) != 0)
    {
      set_open_error (self, error, g_strerror (errno));
      return FALSE;
    }

  /* SQLite gives its -wal and -shm files the mode of the main file. */
  fd = g_open (self->path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_open_error (self, error, g_strerror (errno));
      return FALSE;
    }
  g_close (fd, NULL);
  return TRUE;
}

static gboolean
open_connection (KpStore *self, GError **error)
{
  if (sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      set_open_error (self, error, sqlite3_errmsg (self->db));
      return FALSE;
    }

  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  /*
   * These settings belong to the connection and leave the file alone, so
   * they are safe before we know whether we may touch the file at all.
   * secure_delete zeroes what a row held when it is deleted or shrinks, so
   * personal data erased after delivery is gone from the file's bytes.
   */
  if (sqlite3_exec (self->db,
                    "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;"
                    " PRAGMA secure_delete = ON;",
                    NULL, NULL, NULL)
      != SQLITE_OK)
    {
      set_open_error (self, error, sqlite3_errmsg (self->db));
      return FALSE;
    }
  return TRUE;
}

static gboolean
query_int (KpStore *self, const char *sql, int *value)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK
      || sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  *value = sqlite3_column_int (stmt, 0);
  return TRUE;
}

/*
 * The highest migration applied, or 0 for a new database. On failure the
 * caller explains, from SQLite's last message.
 */
static gboolean
read_schema_version (KpStore *self, int *version)
{
  int has_table = 0;

  *version = 0;
  return query_int (self,
                    "SELECT count(*) FROM sqlite_master"
                    " WHERE type = 'table' AND name = 'schema_migrations'",
                    &has_table)
         && (!has_table
             || query_int (self, "SELECT coalesce (max (version), 0) FROM schema_migrations",
                           version));
}

/* A file that is no database at all fails here, at the first read. */
static gboolean
read_schema_version_at_open (KpStore *self, int *version, GError **error)
{
  if (read_schema_version (self, version))
    return TRUE;
  set_open_error (self, error, sqlite3_errmsg (self->db));
  return FALSE;
}

/*
 * Switching a new file to write-ahead logging needs it to itself. When two
 * processes open a new file at once, SQLite answers one of them "busy" at
 * once instead of waiting (each holds a read lock the other waits for), so
 * that one steps back for a moment and tries again, within the busy timeout.
 */
static int
step_retrying_when_busy (sqlite3_stmt *stmt)
{
  gint64 deadline = g_get_monotonic_time () + BUSY_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_BUSY && g_get_monotonic_time () < deadline)
    {
      sqlite3_reset (stmt);
      g_usleep (g_random_int_range (1, 20) * G_TIME_SPAN_MILLISECOND);
    }
  return rc;
}

/*
 * Write-ahead logging lets the kiosk write while the delivery agent reads.
 * It is the only setting kept in the file, so it comes after the version
 * check: a database we refuse is left byte for byte as it was.
 */
static gboolean
switch_to_wal (KpStore *self, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL) != SQLITE_OK
      || step_retrying_when_busy (stmt) != SQLITE_ROW)
    {
      set_open_error (self, error, sqlite3_errmsg (self->db));
      return FALSE;
    }
  if (g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") != 0)
    {
      set_open_error (self, error, _ ("the file system does not support write-ahead logging"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
record_migration (KpStore *self, int version, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (self->db,
                          "INSERT INTO schema_migrations (version, applied_at) VALUES (?1, ?2)", -1,
                          &stmt, NULL)
      != SQLITE_OK)
    {
      kp_store_set_error (self, error, "schema_migrations");
      return FALSE;
    }
  sqlite3_bind_int (stmt, 1, version);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      kp_store_set_error (self, error, "schema_migrations");
      return FALSE;
    }
  return TRUE;
}

/*
 * Runs inside the write lock, so when the kiosk and the agent start
 * together on a new file, the second one finds the step done and skips it.
 */
static gboolean
run_migration_step (KpStore *self, int version, GError **error)
{
  int current = 0;

  if (!kp_store_exec (self,
                      "CREATE TABLE IF NOT EXISTS schema_migrations ("
                      "  version INTEGER PRIMARY KEY,"
                      "  applied_at INTEGER NOT NULL"
                      ")",
                      error))
    return FALSE;
  if (!read_schema_version (self, &current))
    {
      kp_store_set_error (self, error, "schema_migrations");
      return FALSE;
    }
  if (current >= version)
    return TRUE;
  return kp_store_exec (self, migrations[version - 1], error)
         && record_migration (self, version, error);
}

/* Each step in its own transaction: a step that fails leaves the earlier ones in place. */
static gboolean
apply_migration (KpStore *self, int version, GError **error)
{
  g_autoptr (GError) local_error = NULL;

  if (kp_store_begin_immediate (self, &local_error)
      && run_migration_step (self, version, &local_error) && kp_store_commit (self, &local_error))
    return TRUE;

  kp_store_rollback (self);
  g_set_error (error, KP_STORE_ERROR, KP_STORE_ERROR_MIGRATION,
               _ ("Cannot upgrade the database “%s” to schema %d: %s"), self->path, version,
               local_error->message);
  return FALSE;
}

static gboolean
refuse_newer (KpStore *self, int version, GError **error)
{
  int latest = kp_store_get_latest_schema_version ();

  if (version <= latest)
    return TRUE;
  g_set_error (error, KP_STORE_ERROR, KP_STORE_ERROR_TOO_NEW,
               _ ("This database was written by a newer Kernpunt (schema %d, this program knows up "
                  "to %d). Update Kernpunt, or move “%s” aside to start with an empty database."),
               version, latest, self->path);
  return FALSE;
}

static void
kp_store_finalize (GObject *object)
{
  KpStore *self = KP_STORE (object);

  /* The last connection to close folds the write-ahead log back into the file. */
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (kp_store_parent_class)->finalize (object);
}

static void
kp_store_class_init (KpStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kp_store_finalize;
}

static void
kp_store_init (KpStore *self)
{
}

/*
 * kp_store_open:
 * Opens (creating it and its folder when missing) the database at @path
 * and brings its schema up to date. Refuses a database from a newer
 * Kernpunt with KP_STORE_ERROR_TOO_NEW. (transfer full)
 */
KpStore *
kp_store_open (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return kp_store_open_at_version (path, kp_store_get_latest_schema_version (), error);
}

KpStore *
kp_store_open_at_version (const char *path, int version, GError **error)
{
  g_autoptr (KpStore) self = NULL;
  int found = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (version >= 0 && version <= kp_store_get_latest_schema_version (), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (KP_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (!create_private_file (self, error) || !open_connection (self, error)
      || !read_schema_version_at_open (self, &found, error) || !refuse_newer (self, found, error)
      || !switch_to_wal (self, error))
    return NULL;

  for (int step = found + 1; step <= version; step++)
    {
      if (!apply_migration (self, step, error))
        return NULL;
    }
  self->schema_version = MAX (found, version);

  return g_steal_pointer (&self);
}

const char *
kp_store_get_path (KpStore *self)
{
  g_return_val_if_fail (KP_IS_STORE (self), NULL);

  return self->path;
}

/* The schema version of the file when it was opened (after migrating). */
int
kp_store_get_schema_version (KpStore *self)
{
  g_return_val_if_fail (KP_IS_STORE (self), 0);

  return self->schema_version;
}

int
kp_store_get_latest_schema_version (void)
{
  return G_N_ELEMENTS (migrations);
}

/* (transfer none): the connection stays owned by @self. */
sqlite3 *
kp_store_get_db (KpStore *self)
{
  g_return_val_if_fail (KP_IS_STORE (self), NULL);

  return self->db;
}

gboolean
kp_store_exec (KpStore *self, const char *sql, GError **error)
{
  g_return_val_if_fail (KP_IS_STORE (self), FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;
  g_set_error_literal (error, KP_STORE_ERROR, KP_STORE_ERROR_SQL, sqlite3_errmsg (self->db));
  return FALSE;
}

/*
 * Takes the write lock at the start, waiting for the other process if
 * need be, so a transaction never fails halfway because someone else
 * wrote first.
 */
gboolean
kp_store_begin_immediate (KpStore *self, GError **error)
{
  return kp_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
kp_store_commit (KpStore *self, GError **error)
{
  return kp_store_exec (self, "COMMIT", error);
}

/* Safe to call when SQLite already rolled back by itself after an error. */
void
kp_store_rollback (KpStore *self)
{
  g_return_if_fail (KP_IS_STORE (self));

  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Sets KP_STORE_ERROR_SQL with @what and SQLite's last message. */
void
kp_store_set_error (KpStore *self, GError **error, const char *what)
{
  g_return_if_fail (KP_IS_STORE (self));

  g_set_error (error, KP_STORE_ERROR, KP_STORE_ERROR_SQL, "%s: %s", what,
               sqlite3_errmsg (self->db));
}
