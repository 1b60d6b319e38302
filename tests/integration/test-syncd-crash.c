/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-local-register.h"
#include "kp-outbox.h"
#include "kp-store-private.h"
#include "kp-test-helpers.h"

#include <signal.h>
#include <string.h>

#define N_ROWS     300
#define MAX_ROUNDS 100

/* A data folder with a configuration that points at it, and its database. */
typedef struct
{
  char *dir;
  char *config_path;
  KpStore *store;
  KpOutbox *outbox;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *config = NULL;
  g_autofree char *db_path = NULL;

  fixture->dir = kp_test_make_tmpdir ("syncd");
  fixture->config_path = g_build_filename (fixture->dir, "kernpunt.conf", NULL);
  config = g_strdup_printf ("[storage]\ndata-dir=%s\n", fixture->dir);
  g_file_set_contents (fixture->config_path, config, -1, &error);
  g_assert_no_error (error);

  db_path = g_build_filename (fixture->dir, "kernpunt.db", NULL);
  fixture->store = kp_store_open (db_path, &error);
  g_assert_no_error (error);
  fixture->outbox = kp_outbox_new (fixture->store);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_assert_finalize_object (fixture->outbox);
  g_assert_finalize_object (fixture->store);
  kp_test_remove_tree (fixture->dir);
  g_free (fixture->config_path);
  g_free (fixture->dir);
}

static void
submit_rows (Fixture *fixture, guint n_rows)
{
  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *payload = g_strdup_printf ("{\"description\":\"Loose tile %u\"}", i);
      g_autofree char *reference
          = kp_outbox_submit (fixture->outbox, "report", payload, NULL, &error);

      g_assert_no_error (error);
    }
}

static guint
count_in_state (Fixture *fixture, KpOutboxState state)
{
  g_autoptr (GError) error = NULL;
  guint counts[KP_OUTBOX_N_STATES];

  g_assert_true (kp_outbox_count_by_state (fixture->outbox, counts, &error));
  g_assert_no_error (error);
  return counts[state];
}

static gint64
query_int (Fixture *fixture, const char *sql)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (kp_store_get_db (fixture->store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* (transfer full) */
static GSubprocess *
spawn_syncd (Fixture *fixture, GSubprocessFlags flags, const char *first_option, ...)
{
  g_autofree char *syncd = kp_test_program ("KERNPUNT_SYNCD");
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  GSubprocess *process;
  va_list options;

  g_ptr_array_add (argv, syncd);
  g_ptr_array_add (argv, "--config");
  g_ptr_array_add (argv, fixture->config_path);
  va_start (options, first_option);
  for (const char *option = first_option; option != NULL; option = va_arg (options, const char *))
    g_ptr_array_add (argv, (gpointer) option);
  va_end (options);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char *const *) argv->pdata, flags, &error);
  g_assert_no_error (error);
  return process;
}

/* Rows a kill left in "delivering" whose case the register had already filed. */
static gint64
count_delivered_but_unbooked (Fixture *fixture)
{
  return query_int (fixture, "SELECT count(*) FROM outbox o JOIN cases c"
                             " ON c.idempotency_key = o.idempotency_key"
                             " WHERE o.state = 'delivering'");
}

static void
assert_each_row_has_its_one_case (Fixture *fixture)
{
  g_autoptr (KpLocalRegister) local_register = kp_local_register_new (fixture->store);
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (count_in_state (fixture, KP_OUTBOX_STATE_DELIVERED), ==, N_ROWS);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM cases"), ==, N_ROWS);
  g_assert_cmpint (query_int (fixture, "SELECT count(DISTINCT idempotency_key) FROM cases"), ==,
                   N_ROWS);
  g_assert_cmpint (query_int (fixture, "SELECT count(DISTINCT reference) FROM cases"), ==, N_ROWS);

  items = kp_outbox_list (fixture->outbox, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, N_ROWS);
  for (guint i = 0; i < items->len; i++)
    {
      KpOutboxItem *item = g_ptr_array_index (items, i);
      g_autoptr (KpCase) kase
          = kp_local_register_lookup (local_register, kp_outbox_item_get_reference (item), &error);

      g_assert_no_error (error);
      g_assert_cmpstr (kp_outbox_item_get_remote_id (item), ==, kp_case_get_case_id (kase));
      g_assert_cmpstr (kp_outbox_item_get_remote_status (item), ==, kp_case_get_status (kase));
      g_assert_cmpstr (kp_outbox_item_get_idempotency_key (item), ==,
                       kp_case_get_idempotency_key (kase));
    }
}

static void
assert_exited_with (GSubprocess *process, int status)
{
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, status);
}

/*
 * Kills kernpunt-syncd at random moments while it delivers, then lets one
 * run finish: every row must end delivered exactly once, however many of
 * its deliveries were cut short.
 */
static void
test_sigkill_during_delivery (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GSubprocess) last = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *errors = NULL;
  guint n_kills = 0;
  guint n_cut_mid_row = 0;
  guint n_cut_after_case = 0;
  /*
   * Kills land in the later half of a window that starts at a few
   * milliseconds. When a kill comes before the first row (a slow start, as
   * under ASan), the window grows by a quarter: doubling could jump past the
   * whole batch in one run, and then no kill would land mid-row.
   */
  guint max_delay_ms = 4;

  submit_rows (fixture, N_ROWS);

  for (guint round = 0;
       round < MAX_ROUNDS && count_in_state (fixture, KP_OUTBOX_STATE_DELIVERED) < N_ROWS; round++)
    {
      g_autoptr (GSubprocess) syncd = NULL;
      guint delivered_before = count_in_state (fixture, KP_OUTBOX_STATE_DELIVERED);
      gboolean cut_mid_row;

      syncd = spawn_syncd (
          fixture, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, NULL);
      g_usleep (g_random_int_range (max_delay_ms / 2 + 1, max_delay_ms + 1) * 1000);
      g_subprocess_send_signal (syncd, SIGKILL);
      g_assert_true (kp_test_wait_process (syncd, 10));
      /* It never ends by itself without --once: that would be a failure. */
      g_assert_true (g_subprocess_get_if_signaled (syncd));
      g_assert_cmpint (g_subprocess_get_term_sig (syncd), ==, SIGKILL);

      n_kills++;
      cut_mid_row = count_in_state (fixture, KP_OUTBOX_STATE_DELIVERING) > 0;
      n_cut_mid_row += cut_mid_row;
      n_cut_after_case += count_delivered_but_unbooked (fixture) > 0;
      if (!cut_mid_row && count_in_state (fixture, KP_OUTBOX_STATE_DELIVERED) == delivered_before)
        max_delay_ms = MIN (max_delay_ms + max_delay_ms / 4 + 1, 1000);
    }
  g_test_message ("%u kills, %u in the middle of a row, %u after the case was filed", n_kills,
                  n_cut_mid_row, n_cut_after_case);
  /* Otherwise the kills all missed the deliveries and nothing was tested. */
  g_assert_cmpuint (n_cut_mid_row, >, 0);

  last = spawn_syncd (fixture, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                      "--once", NULL);
  g_subprocess_communicate_utf8 (last, NULL, NULL, NULL, &errors, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (last))
    g_test_message ("kernpunt-syncd --once said: %s", errors);
  assert_exited_with (last, 0);

  g_assert_cmpuint (count_in_state (fixture, KP_OUTBOX_STATE_DELIVERING), ==, 0);
  g_assert_cmpuint (count_in_state (fixture, KP_OUTBOX_STATE_PENDING), ==, 0);
  assert_each_row_has_its_one_case (fixture);
}

/* Stopped in the middle of a pass, it finishes its row and leaves none half done. */
static void
test_sigterm_during_delivery (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GSubprocess) syncd = NULL;
  gint64 deadline;

  submit_rows (fixture, N_ROWS);
  syncd = spawn_syncd (fixture,
                       G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, NULL);

  deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (count_in_state (fixture, KP_OUTBOX_STATE_DELIVERED) == 0
         && g_get_monotonic_time () < deadline)
    g_usleep (2000);
  g_assert_cmpuint (count_in_state (fixture, KP_OUTBOX_STATE_DELIVERED), >, 0);

  g_subprocess_send_signal (syncd, SIGTERM);
  g_assert_true (kp_test_wait_process (syncd, 5));
  assert_exited_with (syncd, 0);

  g_test_message ("%u of %u rows delivered before SIGTERM",
                  count_in_state (fixture, KP_OUTBOX_STATE_DELIVERED), N_ROWS);
  g_assert_cmpuint (count_in_state (fixture, KP_OUTBOX_STATE_DELIVERING), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM cases"), ==,
                   count_in_state (fixture, KP_OUTBOX_STATE_DELIVERED));
}

/* Asleep between passes (a long poll interval), it still stops at once. */
static void
test_sigterm_while_idle (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GSubprocess) syncd
      = spawn_syncd (fixture, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                     "--poll-seconds", "600", NULL);

  g_usleep (300 * 1000);
  g_subprocess_send_signal (syncd, SIGTERM);
  g_assert_true (kp_test_wait_process (syncd, 5));
  assert_exited_with (syncd, 0);
}

/* The kiosk writes rows while the agent runs; the agent notices them by polling. */
static void
test_notices_new_rows (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GSubprocess) syncd
      = spawn_syncd (fixture, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                     "--poll-seconds", "1", NULL);
  gint64 deadline;

  g_usleep (300 * 1000);
  submit_rows (fixture, 3);
  deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (count_in_state (fixture, KP_OUTBOX_STATE_DELIVERED) < 3
         && g_get_monotonic_time () < deadline)
    g_usleep (20 * 1000);
  g_assert_cmpuint (count_in_state (fixture, KP_OUTBOX_STATE_DELIVERED), ==, 3);

  g_subprocess_send_signal (syncd, SIGTERM);
  g_assert_true (kp_test_wait_process (syncd, 5));
  assert_exited_with (syncd, 0);
}

/* A typo in the configuration stops it with the key named, instead of a guess. */
static void
test_bad_config (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GSubprocess) syncd = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *config = g_strdup_printf ("[storage]\ndata-dir=%s\n"
                                             "[session]\nidle-secnods=90\n",
                                             fixture->dir);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_file_set_contents (fixture->config_path, config, -1, &error);
  g_assert_no_error (error);
  syncd = spawn_syncd (fixture, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                       "--once", NULL);
  g_subprocess_communicate_utf8 (syncd, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);

  assert_exited_with (syncd, 1);
  g_assert_nonnull (strstr (err, "idle-secnods"));
}

static void
test_bad_option (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GSubprocess) syncd = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;

  syncd = spawn_syncd (fixture, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                       "--poll-seconds", "0", NULL);
  g_subprocess_communicate_utf8 (syncd, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);

  assert_exited_with (syncd, 2);
  g_assert_nonnull (strstr (err, "--poll-seconds"));
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/syncd/sigkill-during-delivery", Fixture, NULL, fixture_set_up,
              test_sigkill_during_delivery, fixture_tear_down);
  g_test_add ("/syncd/sigterm-during-delivery", Fixture, NULL, fixture_set_up,
              test_sigterm_during_delivery, fixture_tear_down);
  g_test_add ("/syncd/sigterm-while-idle", Fixture, NULL, fixture_set_up, test_sigterm_while_idle,
              fixture_tear_down);
  g_test_add ("/syncd/notices-new-rows", Fixture, NULL, fixture_set_up, test_notices_new_rows,
              fixture_tear_down);
  g_test_add ("/syncd/bad-config", Fixture, NULL, fixture_set_up, test_bad_config,
              fixture_tear_down);
  g_test_add ("/syncd/bad-option", Fixture, NULL, fixture_set_up, test_bad_option,
              fixture_tear_down);

  return g_test_run ();
}
