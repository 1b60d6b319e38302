/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-reference.h"
#include "kp-store-private.h"
#include "kp-test-helpers.h"

#include <gio/gio.h>
#include <signal.h>

/*
 * A power cut at the wrong moment must not lose a submission the resident
 * was told about. kp-outbox-writer prints each reference only after
 * kp_outbox_submit() returned it; this test kills the writer at random
 * moments and checks that every printed reference is in the database,
 * once, with its attachment, and that the database is sound.
 */

#define N_ROUNDS 200
/* From "still starting up" to "dozens of transactions in". */
#define MIN_DELAY_US 2000
#define MAX_DELAY_US 50000

typedef struct
{
  char *writer;
  char *database;
  GHashTable *acknowledged; /* the set of references the writer printed */
} Crash;

/* Starts the writer, lets it run for @delay_us, kills it and returns what it printed. */
static char *
run_writer_and_kill (Crash *crash, gint64 delay_us)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) writer = NULL;
  g_autofree char *output = NULL;

  writer = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, crash->writer, crash->database,
                             NULL);
  g_assert_no_error (error);
  g_usleep (delay_us);
  g_subprocess_send_signal (writer, SIGKILL);

  g_subprocess_communicate_utf8 (writer, NULL, NULL, &output, NULL, &error);
  g_assert_no_error (error);
  /* Had it stopped by itself, it would have failed to submit. */
  g_assert_true (g_subprocess_get_if_signaled (writer));
  g_assert_cmpint (g_subprocess_get_term_sig (writer), ==, SIGKILL);
  return g_steal_pointer (&output);
}

/* Only whole lines count: a reference cut off by the kill was never shown. */
static guint
collect_references (Crash *crash, const char *output)
{
  g_auto (GStrv) lines = g_strsplit (output, "\n", -1);
  guint n_lines = g_strv_length (lines);
  guint n_new = 0;

  for (guint i = 0; i + 1 < n_lines; i++)
    {
      g_assert_true (kp_reference_is_valid (lines[i]));
      /* The writer never hands out a reference twice. */
      g_assert_true (g_hash_table_add (crash->acknowledged, g_strdup (lines[i])));
      n_new++;
    }
  return n_new;
}

static char *
query_text (sqlite3 *db, const char *sql)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* reference -> number of rows with it */
static GHashTable *
count_stored_references (sqlite3 *db)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  GHashTable *stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT reference, count(*) FROM outbox GROUP BY reference",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (stored, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  return stored;
}

/* Opens the database as the next program would, and holds it to the writer's promises. */
static guint
check_database (Crash *crash)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) stored = NULL;
  g_autofree char *integrity = NULL;
  g_autofree char *orphans = NULL;
  GHashTableIter iter;
  gpointer reference;
  KpStore *store;
  sqlite3 *db;
  guint n_stored;

  store = kp_store_open (crash->database, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kp_store_get_schema_version (store), ==, kp_store_get_latest_schema_version ());
  db = kp_store_get_db (store);

  integrity = query_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  /* Row and attachment are written in one transaction: never one without the other. */
  orphans = query_text (db, "SELECT count(*) FROM outbox"
                            " WHERE id NOT IN (SELECT outbox_id FROM outbox_attachment)");
  g_assert_cmpstr (orphans, ==, "0");

  stored = count_stored_references (db);
  g_hash_table_iter_init (&iter, crash->acknowledged);
  while (g_hash_table_iter_next (&iter, &reference, NULL))
    {
      if (GPOINTER_TO_INT (g_hash_table_lookup (stored, reference)) != 1)
        g_error ("acknowledged reference %s is stored %d times", (const char *) reference,
                 GPOINTER_TO_INT (g_hash_table_lookup (stored, reference)));
    }
  n_stored = g_hash_table_size (stored);

  g_assert_finalize_object (store);
  return n_stored;
}

static void
test_kill_while_submitting (void)
{
  g_autofree char *dir = kp_test_make_tmpdir ("crash");
  Crash crash = {
    .writer = kp_test_program ("KERNPUNT_OUTBOX_WRITER"),
    .database = g_build_filename (dir, "data", "kernpunt.db", NULL),
    .acknowledged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
  };
  guint n_stored = 0;
  guint n_acknowledged;
  guint n_productive_rounds = 0;

  for (int round = 0; round < N_ROUNDS; round++)
    {
      gint64 delay_us = g_test_rand_int_range (MIN_DELAY_US, MAX_DELAY_US);
      g_autofree char *output = run_writer_and_kill (&crash, delay_us);
      guint n_new = collect_references (&crash, output);

      if (n_new > 0)
        n_productive_rounds++;
      n_stored = check_database (&crash);
    }

  n_acknowledged = g_hash_table_size (crash.acknowledged);
  g_test_message ("%u submissions acknowledged in %d runs (%u of them acknowledged any); "
                  "%u rows stored, %u committed but killed before they were acknowledged",
                  n_acknowledged, N_ROUNDS, n_productive_rounds, n_stored,
                  n_stored - n_acknowledged);
  /*
   * Most runs live long enough to submit (on a busy machine fewer start up
   * in time); if hardly any did, this test would test nothing.
   */
  g_assert_cmpuint (n_productive_rounds, >=, N_ROUNDS / 4);
  g_assert_cmpuint (n_stored, >=, n_acknowledged);

  g_hash_table_unref (crash.acknowledged);
  g_free (crash.database);
  g_free (crash.writer);
  kp_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);
  home = kp_test_init_home ();

  g_test_add_func ("/outbox-crash/kill-while-submitting", test_kill_while_submitting);

  result = g_test_run ();
  kp_test_remove_tree (home);
  return result;
}
