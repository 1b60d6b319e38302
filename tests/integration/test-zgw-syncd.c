/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-outbox-item.h"
#include "kp-outbox.h"
#include "kp-store-private.h"
#include "kp-test-helpers.h"
#include "kp-zgw-server.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

/*
 * Exactly once through kernpunt-syncd itself, with reports routed to the
 * ZGW case system: killed at random moments between any two steps of a
 * delivery, or facing a case system that fails for a while, every
 * submission still ends as one zaak with one rol and one status.
 */

#define SECRET     "geheim-van-de-gemeente"
#define RSIN       "002564440"
#define N_ROWS     30
#define MAX_ROUNDS 40
#define PAYLOAD                                                                                    \
  "{\"kind\":\"report\",\"version\":1,\"main_category\":\"afval\","                                \
  "\"sub_category\":\"afval/grofvuil\",\"place\":{\"kind\":\"address\",\"street\":\"Lindelaan\","  \
  "\"town\":\"Lindeveen\",\"latitude\":52.8712,\"longitude\":6.5384},\"photo\":false,"             \
  "\"personal\":{\"description\":\"Bank op de stoep %u\",\"email\":\"melder@example.nl\"}}"

typedef struct
{
  char *dir;
  char *config_path;
  char *secret_path;
  KpZgwServer *server;
  KpStore *store;
  KpOutbox *outbox;
  GPtrArray *references;
} Fixture;

static void
write_secret (Fixture *fixture, const char *secret)
{
  g_autoptr (GError) error = NULL;

  g_file_set_contents (fixture->secret_path, secret, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (fixture->secret_path, 0600), ==, 0);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *config = NULL;
  g_autofree char *db_path = NULL;

  fixture->dir = kp_test_make_tmpdir ("zgw-syncd-XXXXXX");
  fixture->server = kp_zgw_server_new (SECRET);
  fixture->secret_path = g_build_filename (fixture->dir, "zgw-secret", NULL);
  write_secret (fixture, SECRET "\n");

  fixture->config_path = g_build_filename (fixture->dir, "kernpunt.conf", NULL);
  config = g_strdup_printf ("[storage]\ndata-dir=%s\n"
                            "[zgw]\nzaken-url=%s\ncatalogi-url=%s\nclient-id=kernpunt-test\n"
                            "secret-file=%s\nrsin=" RSIN "\ncatalogus=%s\n"
                            "user-representation=Kiosk Bibliotheek De Linde\n"
                            "zaaktype-report=MOR\ntimeout-seconds=5\n"
                            "[delivery]\nreport=zgw\n",
                            fixture->dir, kp_zgw_server_get_zaken_url (fixture->server),
                            kp_zgw_server_get_catalogi_url (fixture->server), fixture->secret_path,
                            kp_zgw_server_get_catalogus_url (fixture->server));
  g_file_set_contents (fixture->config_path, config, -1, &error);
  g_assert_no_error (error);

  db_path = g_build_filename (fixture->dir, "kernpunt.db", NULL);
  fixture->store = kp_store_open (db_path, &error);
  g_assert_no_error (error);
  fixture->outbox = kp_outbox_new (fixture->store);
  fixture->references = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_pointer (&fixture->references, g_ptr_array_unref);
  g_assert_finalize_object (fixture->outbox);
  g_assert_finalize_object (fixture->store);
  g_clear_pointer (&fixture->server, kp_zgw_server_free);
  kp_test_remove_tree (fixture->dir);
  g_free (fixture->secret_path);
  g_free (fixture->config_path);
  g_free (fixture->dir);
}

static void
submit_rows (Fixture *fixture)
{
  for (guint i = 0; i < N_ROWS; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *payload = g_strdup_printf (PAYLOAD, i);
      char *reference = kp_outbox_submit (fixture->outbox, "report", payload, NULL, &error);

      g_assert_no_error (error);
      g_ptr_array_add (fixture->references, reference);
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

/* (transfer full) */
static GSubprocess *
spawn_syncd (Fixture *fixture, GSubprocessFlags flags, const char *option, const char *value)
{
  g_autofree char *syncd = kp_test_program ("KERNPUNT_SYNCD");
  g_autoptr (GError) error = NULL;
  GSubprocess *process = g_subprocess_new (flags, &error, syncd, "--config", fixture->config_path,
                                           option, value, NULL);

  g_assert_no_error (error);
  return process;
}

/* A zaak on the server whose rol or status is still missing: a delivery cut between steps. */
static gboolean
server_has_partial_zaak (Fixture *fixture)
{
  return !kp_zgw_server_each_zaak_complete (fixture->server);
}

/* The last run: --once delivers everything due and exits 0. */
static void
finish_with_once (Fixture *fixture)
{
  g_autoptr (GSubprocess) last = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *errors = NULL;

  last = spawn_syncd (fixture, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                      "--once", NULL);
  g_subprocess_communicate_utf8 (last, NULL, NULL, NULL, &errors, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (last))
    g_error ("kernpunt-syncd --once failed: %s", errors);
}

/* What the server holds: one complete zaak per submission, and nothing more. */
static void
assert_each_submission_one_zaak (Fixture *fixture)
{
  g_assert_cmpuint (count_in_state (fixture, KP_OUTBOX_STATE_DELIVERED), ==, N_ROWS);
  g_assert_cmpuint (kp_zgw_server_count (fixture->server, "zaken"), ==, N_ROWS);
  g_assert_cmpuint (kp_zgw_server_count (fixture->server, "rollen"), ==, N_ROWS);
  g_assert_cmpuint (kp_zgw_server_count (fixture->server, "statussen"), ==, N_ROWS);
  g_assert_true (kp_zgw_server_each_zaak_complete (fixture->server));
  for (guint i = 0; i < fixture->references->len; i++)
    {
      const char *reference = g_ptr_array_index (fixture->references, i);
      g_autoptr (GError) error = NULL;
      g_autoptr (KpOutboxItem) item = kp_outbox_lookup (fixture->outbox, reference, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (kp_zgw_server_count_zaken_with (fixture->server, reference), ==, 1);
      g_assert_true (g_str_has_prefix (kp_outbox_item_get_remote_id (item),
                                       kp_zgw_server_get_zaken_url (fixture->server)));
    }
}

/*
 * SIGKILL at random moments while kernpunt-syncd delivers, then one run
 * with --once: no submission is lost or doubled, however its steps were cut.
 */
static void
test_sigkill_between_steps (Fixture *fixture, gconstpointer data)
{
  guint n_kills = 0;
  guint n_cut_mid_row = 0;
  guint n_cut_between_steps = 0;
  /* Each pass starts by asking the catalogue; the window grows while kills land before any row. */
  guint max_delay_ms = 20;

  submit_rows (fixture);
  for (guint round = 0;
       round < MAX_ROUNDS && count_in_state (fixture, KP_OUTBOX_STATE_DELIVERED) < N_ROWS; round++)
    {
      g_autoptr (GSubprocess) syncd = NULL;
      guint delivered_before = count_in_state (fixture, KP_OUTBOX_STATE_DELIVERED);
      gboolean cut_mid_row;

      syncd = spawn_syncd (fixture,
                           G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                           NULL, NULL);
      g_usleep (g_random_int_range (1, max_delay_ms + 1) * G_TIME_SPAN_MILLISECOND);
      g_subprocess_send_signal (syncd, SIGKILL);
      g_assert_true (kp_test_wait_process (syncd, 10));
      g_assert_true (g_subprocess_get_if_signaled (syncd));

      n_kills++;
      cut_mid_row = count_in_state (fixture, KP_OUTBOX_STATE_DELIVERING) > 0;
      n_cut_mid_row += cut_mid_row;
      n_cut_between_steps += server_has_partial_zaak (fixture);
      if (!cut_mid_row && count_in_state (fixture, KP_OUTBOX_STATE_DELIVERED) == delivered_before)
        max_delay_ms = MIN (max_delay_ms * 2, 2000);
    }
  g_test_message ("%u kills, %u in the middle of a row, %u between a zaak and its rol or status",
                  n_kills, n_cut_mid_row, n_cut_between_steps);
  /* Otherwise every kill missed the deliveries and nothing was tested. */
  g_assert_cmpuint (n_cut_mid_row, >, 0);

  finish_with_once (fixture);
  assert_each_submission_one_zaak (fixture);
}

static void
wait_until_delivered (Fixture *fixture, guint seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_TIME_SPAN_SECOND;

  while (count_in_state (fixture, KP_OUTBOX_STATE_DELIVERED) < N_ROWS
         && g_get_monotonic_time () < deadline)
    g_usleep (50 * G_TIME_SPAN_MILLISECOND);
}

/* Waits until the last submission has failed at least once; returns its error. (transfer full) */
static char *
wait_for_last_failure (Fixture *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (KpOutboxItem) last = kp_outbox_lookup (
          fixture->outbox, g_ptr_array_index (fixture->references, N_ROWS - 1), &error);

      g_assert_no_error (error);
      if (kp_outbox_item_get_last_error (last) != NULL)
        return g_strdup (kp_outbox_item_get_last_error (last));
      g_usleep (50 * G_TIME_SPAN_MILLISECOND);
    }
  g_error ("the submissions never failed during the outage");
}

static void
stop_syncd (GSubprocess *syncd)
{
  g_subprocess_send_signal (syncd, SIGTERM);
  g_assert_true (kp_test_wait_process (syncd, 10));
  g_assert_true (g_subprocess_get_successful (syncd));
}

/*
 * The case system answers 500 for a while: rows wait with their error, and
 * after a few failures the circuit breaker stops the calls, so the rest
 * fail without reaching the server. Once it recovers, kernpunt-syncd
 * (started again, which also clears the breaker instead of waiting out its
 * cool-down) delivers each submission once.
 */
static void
test_outage_then_exactly_once (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GSubprocess) during = NULL;
  g_autoptr (GSubprocess) after = NULL;
  g_autofree char *last_error = NULL;

  kp_zgw_server_set_behaviour (fixture->server, KP_ZGW_SERVER_FAILING, 0);
  submit_rows (fixture);
  during
      = spawn_syncd (fixture, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                     "--poll-seconds", "1");
  last_error = wait_for_last_failure (fixture);
  stop_syncd (during);
  kp_test_assert_contains (last_error, "zgw failed 5 times in a row");
  g_assert_cmpuint (count_in_state (fixture, KP_OUTBOX_STATE_DELIVERED), ==, 0);
  g_assert_cmpuint (count_in_state (fixture, KP_OUTBOX_STATE_PENDING), ==, N_ROWS);
  g_assert_cmpuint (kp_zgw_server_count (fixture->server, "zaken"), ==, 0);

  kp_zgw_server_set_behaviour (fixture->server, KP_ZGW_SERVER_NORMAL, 0);
  after
      = spawn_syncd (fixture, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                     "--poll-seconds", "1");
  /* The first retry comes after 5 s, give or take a fifth; the second after 10 s. */
  wait_until_delivered (fixture, 60);
  stop_syncd (after);
  assert_each_submission_one_zaak (fixture);
}

/* The check bites: signed with another secret, every request is refused and nothing is made. */
static void
test_wrong_secret_refused (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpOutboxItem) first = NULL;

  write_secret (fixture, "een-ander-geheim\n");
  submit_rows (fixture);
  finish_with_once (fixture);

  g_assert_cmpuint (count_in_state (fixture, KP_OUTBOX_STATE_PENDING), ==, N_ROWS);
  g_assert_cmpuint (kp_zgw_server_count (fixture->server, "zaken"), ==, 0);
  first = kp_outbox_lookup (fixture->outbox, g_ptr_array_index (fixture->references, 0), &error);
  g_assert_no_error (error);
  kp_test_assert_contains (kp_outbox_item_get_last_error (first), "token was refused");
  g_assert_null (strstr (kp_outbox_item_get_last_error (first), "geheim"));
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();

  g_test_init (&argc, &argv, NULL);
  g_test_add ("/zgw-syncd/sigkill-between-steps", Fixture, NULL, fixture_set_up,
              test_sigkill_between_steps, fixture_tear_down);
  g_test_add ("/zgw-syncd/outage-then-exactly-once", Fixture, NULL, fixture_set_up,
              test_outage_then_exactly_once, fixture_tear_down);
  g_test_add ("/zgw-syncd/wrong-secret-refused", Fixture, NULL, fixture_set_up,
              test_wrong_secret_refused, fixture_tear_down);
  return g_test_run ();
}
