/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-local-register.h"
#include "kp-outbox.h"
#include "kp-store-private.h"
#include "kp-syncd-harness.h"
#include "kp-test-helpers.h"

#include <string.h>

#define N_ROWS  300
#define N_KILLS 100

/* A data folder with a configuration that points at it, and its database. */
typedef struct
{
  KpSyncdHarness *harness;
  guint n_cut_after_case;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  fixture->harness = kp_syncd_harness_new ("syncd");
  kp_syncd_harness_write_config (fixture->harness, "");
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_pointer (&fixture->harness, kp_syncd_harness_free);
}

static void
submit_rows (KpSyncdHarness *harness, guint n_rows)
{
  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *payload = g_strdup_printf ("{\"description\":\"Loose tile %u\"}", i);

      kp_syncd_harness_submit (harness, "report", payload, NULL);
    }
}

static guint
count_in_state (Fixture *fixture, KpOutboxState state)
{
  return kp_syncd_harness_count (fixture->harness, state);
}

static gint64
query_int (Fixture *fixture, const char *sql)
{
  KpStore *store = kp_syncd_harness_get_store (fixture->harness);
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (kp_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
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
after_kill (KpSyncdHarness *harness, gpointer user_data)
{
  Fixture *fixture = user_data;

  fixture->n_cut_after_case += count_delivered_but_unbooked (fixture) > 0;
}

/* The kills may outlast a batch: then another one comes. */
static void
submit_batch (KpSyncdHarness *harness, gpointer user_data)
{
  submit_rows (harness, N_ROWS);
}

static void
assert_each_row_has_its_one_case (Fixture *fixture)
{
  g_autoptr (KpLocalRegister) local_register
      = kp_local_register_new (kp_syncd_harness_get_store (fixture->harness));
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GError) error = NULL;
  guint n_rows = kp_syncd_harness_get_references (fixture->harness)->len;

  g_assert_cmpuint (count_in_state (fixture, KP_OUTBOX_STATE_DELIVERED), ==, n_rows);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM cases"), ==, n_rows);
  g_assert_cmpint (query_int (fixture, "SELECT count(DISTINCT idempotency_key) FROM cases"), ==,
                   n_rows);
  g_assert_cmpint (query_int (fixture, "SELECT count(DISTINCT reference) FROM cases"), ==, n_rows);

  items = kp_outbox_list (kp_syncd_harness_get_outbox (fixture->harness), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, n_rows);
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
  submit_rows (fixture->harness, N_ROWS);
  kp_syncd_harness_kill_repeatedly (fixture->harness, N_KILLS, submit_batch, after_kill, fixture);
  g_test_message ("%u kills after the case was filed", fixture->n_cut_after_case);

  kp_syncd_harness_run_once (fixture->harness);
  g_assert_cmpuint (count_in_state (fixture, KP_OUTBOX_STATE_DELIVERING), ==, 0);
  g_assert_cmpuint (count_in_state (fixture, KP_OUTBOX_STATE_PENDING), ==, 0);
  assert_each_row_has_its_one_case (fixture);
}

/* Stopped in the middle of a pass, it finishes its row and leaves none half done. */
static void
test_sigterm_during_delivery (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GSubprocess) syncd = NULL;

  submit_rows (fixture->harness, N_ROWS);
  syncd = kp_syncd_harness_start (fixture->harness, NULL);

  g_assert_cmpuint (kp_syncd_harness_wait_for_delivered (fixture->harness, 1, 10), >, 0);
  kp_syncd_harness_stop (syncd);

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
  g_autoptr (GSubprocess) syncd = kp_syncd_harness_start (fixture->harness, "600");

  g_usleep (300 * 1000);
  kp_syncd_harness_stop (syncd);
}

/* The kiosk writes rows while the agent runs; the agent notices them by polling. */
static void
test_notices_new_rows (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GSubprocess) syncd = kp_syncd_harness_start (fixture->harness, "1");

  g_usleep (300 * 1000);
  submit_rows (fixture->harness, 3);
  g_assert_cmpuint (kp_syncd_harness_wait_for_delivered (fixture->harness, 3, 10), ==, 3);
  kp_syncd_harness_stop (syncd);
}

/* A typo in the configuration stops it with the key named, instead of a guess. */
static void
test_bad_config (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GSubprocess) syncd = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  kp_syncd_harness_write_config (fixture->harness, "[session]\nidle-secnods=90\n");
  syncd = kp_syncd_harness_spawn (fixture->harness,
                                  G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
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

  syncd = kp_syncd_harness_spawn (
      fixture->harness, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
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
