/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-store-private.h"
#include "kp-test-helpers.h"

#include <glib/gstdio.h>
#include <unistd.h>

#define N_OPENERS 4

/* A connection of the test's own, to look at the file the way another process would. */
static sqlite3 *
open_raw (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  return db;
}

static void
exec_raw (sqlite3 *db, const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gint64
query_int (sqlite3 *db, const char *sql)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static char *
query_text (sqlite3 *db, const char *sql)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static gboolean
has_table (sqlite3 *db, const char *name)
{
  g_autofree char *sql = g_strdup_printf (
      "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '%s'", name);

  return query_int (db, sql) == 1;
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
assert_mode (const char *path, guint mode)
{
  GStatBuf info;

  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpuint (info.st_mode & 0777, ==, mode);
}

static void
test_new_database (void)
{
  g_autofree char *dir = kp_test_make_tmpdir ("store");
  g_autofree char *folder = g_build_filename (dir, "data", "kernpunt", NULL);
  g_autofree char *path = g_build_filename (folder, "kernpunt.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *journal_mode = NULL;
  gint64 before = g_get_real_time ();
  gint64 after;
  KpStore *store;
  sqlite3 *db;
  sqlite3 *raw;

  store = kp_store_open (path, &error);
  after = g_get_real_time ();
  g_assert_no_error (error);
  g_assert_cmpstr (kp_store_get_path (store), ==, path);
  g_assert_cmpint (kp_store_get_schema_version (store), ==, kp_store_get_latest_schema_version ());
  g_assert_cmpint (kp_store_get_latest_schema_version (), >=, 3);

  /* The missing folders were made, for the kiosk's user only, as is the file. */
  assert_mode (folder, 0700);
  assert_mode (path, 0600);

  /* The settings that belong to the connection. */
  db = kp_store_get_db (store);
  g_assert_cmpint (query_int (db, "PRAGMA synchronous"), ==, 2 /* FULL */);
  g_assert_cmpint (query_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (db, "PRAGMA busy_timeout"), >=, 1000);

  /* What another process finds in the file. */
  raw = open_raw (path);
  journal_mode = query_text (raw, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "wal");
  g_assert_true (has_table (raw, "outbox"));
  g_assert_true (has_table (raw, "outbox_attachment"));
  g_assert_true (has_table (raw, "cases"));
  g_assert_true (has_table (raw, "appointments"));
  g_assert_true (has_table (raw, "agenda_bookings"));
  /* Every step once, numbered from 1 without gaps. */
  g_assert_cmpint (query_int (raw, "SELECT count(*) FROM schema_migrations"), ==,
                   kp_store_get_latest_schema_version ());
  g_assert_cmpint (query_int (raw, "SELECT min (version) = 1 AND max (version) = count(*) FROM"
                                   " schema_migrations"),
                   ==, 1);
  g_assert_cmpint (query_int (raw, "SELECT min (applied_at) FROM schema_migrations"), >=, before);
  g_assert_cmpint (query_int (raw, "SELECT max (applied_at) FROM schema_migrations"), <=, after);
  g_assert_cmpint (query_int (raw, "SELECT count(*) FROM pragma_index_list ('outbox')"
                                   " WHERE name = 'outbox_due'"),
                   ==, 1);
  sqlite3_close (raw);

  g_assert_finalize_object (store);
  kp_test_remove_tree (dir);
}

static void
test_migrate_from_older (void)
{
  g_autofree char *dir = kp_test_make_tmpdir ("store");
  g_autofree char *path = g_build_filename (dir, "kernpunt.db", NULL);
  g_autoptr (GError) error = NULL;
  gint64 first_applied_at;
  KpStore *store;
  sqlite3 *db;

  /* The database as a Kernpunt with only the outbox left it, with a row in it. */
  store = kp_store_open_at_version (path, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kp_store_get_schema_version (store), ==, 1);
  db = kp_store_get_db (store);
  g_assert_false (has_table (db, "cases"));
  exec_raw (db, "INSERT INTO outbox (kind, reference, idempotency_key, payload, next_attempt_at,"
                "                    created_at)"
                " VALUES ('report', 'KP-7H3Q-9MXJ', 'key-1', '{}', 1, 1)");
  first_applied_at = query_int (db, "SELECT applied_at FROM schema_migrations WHERE version = 1");
  g_assert_finalize_object (store);

  store = kp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kp_store_get_schema_version (store), ==, kp_store_get_latest_schema_version ());
  db = kp_store_get_db (store);
  g_assert_true (has_table (db, "cases"));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM schema_migrations"), ==,
                   kp_store_get_latest_schema_version ());
  g_assert_cmpint (query_int (db, "SELECT applied_at FROM schema_migrations WHERE version = 1"), ==,
                   first_applied_at);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM outbox WHERE reference = 'KP-7H3Q-9MXJ'"),
                   ==, 1);
  g_assert_finalize_object (store);

  /* Opening an up-to-date database changes nothing. */
  store = kp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (kp_store_get_db (store), "SELECT count(*) FROM schema_migrations"),
                   ==, kp_store_get_latest_schema_version ());
  g_assert_finalize_object (store);
  kp_test_remove_tree (dir);
}

/* A step that fails is rolled back whole, and the steps before it stay. */
static void
test_failed_migration (void)
{
  g_autofree char *dir = kp_test_make_tmpdir ("store");
  g_autofree char *path = g_build_filename (dir, "kernpunt.db", NULL);
  g_autoptr (GError) error = NULL;
  KpStore *store;
  sqlite3 *raw;

  store = kp_store_open_at_version (path, 1, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  /* Someone made a table of the name migration 2 needs. */
  raw = open_raw (path);
  exec_raw (raw, "CREATE TABLE cases (something TEXT); INSERT INTO cases VALUES ('kept')");
  sqlite3_close (raw);

  store = kp_store_open (path, &error);
  g_assert_error (error, KP_STORE_ERROR, KP_STORE_ERROR_MIGRATION);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "schema 2"));

  raw = open_raw (path);
  g_assert_cmpint (query_int (raw, "SELECT max (version) FROM schema_migrations"), ==, 1);
  g_assert_cmpint (query_int (raw, "SELECT count(*) FROM cases WHERE something = 'kept'"), ==, 1);
  sqlite3_close (raw);
  kp_test_remove_tree (dir);
}

static void
test_refuses_newer (void)
{
  g_autofree char *dir = kp_test_make_tmpdir ("store");
  g_autofree char *path = g_build_filename (dir, "kernpunt.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  g_autofree char *latest = NULL;
  KpStore *store;
  sqlite3 *raw;

  /* What a future Kernpunt might leave, written with the plain SQLite API. */
  raw = open_raw (path);
  exec_raw (raw, "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY,"
                 "                                applied_at INTEGER NOT NULL);"
                 "INSERT INTO schema_migrations VALUES (999, 1);"
                 "CREATE TABLE future (x);");
  sqlite3_close (raw);
  before = read_bytes (path);

  store = kp_store_open (path, &error);
  g_assert_error (error, KP_STORE_ERROR, KP_STORE_ERROR_TOO_NEW);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "schema 999"));
  latest = g_strdup_printf ("up to %d", kp_store_get_latest_schema_version ());
  g_assert_nonnull (strstr (error->message, latest));

  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  kp_test_remove_tree (dir);
}

static void
write_garbage (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = g_strnfill (4096, 'x');

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
make_folder (const char *path)
{
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
}

static void
test_open_errors (void)
{
  const struct
  {
    const char *description;
    const char *made;   /* the file or folder prepared, below the test's folder */
    const char *opened; /* the path given to kp_store_open() */
    void (*prepare) (const char *made);
  } cases[] = {
    { "a file that is no database", "notes.txt", "notes.txt", write_garbage },
    { "a folder", "folder.db", "folder.db", make_folder },
    { "a file where a folder should be", "file", "file/kernpunt.db", write_garbage },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dir = kp_test_make_tmpdir ("store");
      g_autofree char *made = g_build_filename (dir, cases[i].made, NULL);
      g_autofree char *opened = g_build_filename (dir, cases[i].opened, NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (KpStore) store = NULL;

      g_test_message ("%s", cases[i].description);
      cases[i].prepare (made);
      store = kp_store_open (opened, &error);
      g_assert_error (error, KP_STORE_ERROR, KP_STORE_ERROR_OPEN);
      g_assert_null (store);
      g_assert_nonnull (strstr (error->message, opened));
      kp_test_remove_tree (dir);
    }
}

/* Root reads every file, so this case only means something for other users. */
static void
test_unreadable (void)
{
  g_autofree char *dir = kp_test_make_tmpdir ("store");
  g_autofree char *path = g_build_filename (dir, "kernpunt.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (KpStore) store = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root can read a file without permissions");
      kp_test_remove_tree (dir);
      return;
    }
  g_assert_finalize_object (kp_store_open (path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0), ==, 0);

  store = kp_store_open (path, &error);
  g_assert_error (error, KP_STORE_ERROR, KP_STORE_ERROR_OPEN);
  g_assert_null (store);
  kp_test_remove_tree (dir);
}

static gpointer
open_in_thread (gpointer path)
{
  g_autoptr (GError) error = NULL;
  KpStore *store = kp_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (kp_store_get_schema_version (store), ==, kp_store_get_latest_schema_version ());
  return store;
}

/* The kiosk and the delivery agent may start together on a new data folder. */
static void
test_open_concurrently (void)
{
  g_autofree char *dir = kp_test_make_tmpdir ("store");
  g_autofree char *path = g_build_filename (dir, "kernpunt.db", NULL);
  GThread *threads[N_OPENERS];

  for (int i = 0; i < N_OPENERS; i++)
    threads[i] = g_thread_new ("opener", open_in_thread, path);
  for (int i = 0; i < N_OPENERS; i++)
    {
      KpStore *store = g_thread_join (threads[i]);

      g_assert_cmpint (
          query_int (kp_store_get_db (store), "SELECT count(*) FROM schema_migrations"), ==,
          kp_store_get_latest_schema_version ());
      g_assert_finalize_object (store);
    }
  kp_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);
  home = kp_test_init_home ();

  g_test_add_func ("/store/new-database", test_new_database);
  g_test_add_func ("/store/migrate-from-older", test_migrate_from_older);
  g_test_add_func ("/store/failed-migration", test_failed_migration);
  g_test_add_func ("/store/refuses-newer", test_refuses_newer);
  g_test_add_func ("/store/open-errors", test_open_errors);
  g_test_add_func ("/store/unreadable", test_unreadable);
  g_test_add_func ("/store/open-concurrently", test_open_concurrently);

  result = g_test_run ();
  kp_test_remove_tree (home);
  return result;
}
