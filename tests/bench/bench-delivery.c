/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-local-register.h"
#include "kp-lost-report.h"
#include "kp-report.h"
#include "kp-store-private.h"
#include "kp-test-helpers.h"

/*
 * How fast kernpunt-syncd empties a full outbox into the embedded case
 * register, and how much memory it takes doing so: N_SUBMISSIONS reports
 * and lost reports are queued, then `kernpunt-syncd --once` delivers them
 * all. Prints figures; asserts only that everything arrived.
 *   meson test -C BUILD --benchmark delivery
 */

#define N_SUBMISSIONS 10000

static KpSubmission *
new_submission (KpConfig *config, guint i)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *description
      = g_strdup_printf ("Melding %u: er ligt grofvuil op de stoep bij de school.", i);

  if (i % 2 == 0)
    {
      g_autoptr (KpReport) report = kp_report_new (config);
      g_autoptr (KpPlace) here = kp_place_new_here (config);

      kp_report_set_category (report, "afval", "grofvuil", &error);
      kp_report_set_place (report, here);
      kp_report_set_description (report, description, &error);
      kp_report_set_email (report, "melder@example.nl", &error);
      kp_report_set_consent (report, TRUE);
      g_assert_no_error (error);
      return KP_SUBMISSION (g_steal_pointer (&report));
    }
  else
    {
      g_autoptr (KpLostReport) lost = kp_lost_report_new ();
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();
      GDate today;

      g_date_clear (&today, 1);
      g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                      g_date_time_get_year (now));
      kp_lost_report_set_object_kind (lost, "keys", &error);
      kp_lost_report_set_lost_on (lost, &today, &error);
      kp_lost_report_set_description (lost, description, &error);
      kp_lost_report_set_name (lost, "Els de Vries", &error);
      kp_lost_report_set_phone (lost, "0612345678", &error);
      g_assert_no_error (error);
      return KP_SUBMISSION (g_steal_pointer (&lost));
    }
}

/*
 * Queues the submissions through the same code as the kiosk. Only this
 * set-up connection skips waiting for the disk after each one; what is
 * measured, kernpunt-syncd, runs as configured.
 */
static void
queue_submissions (KpConfig *config, const char *db_path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpStore) store = kp_store_open (db_path, &error);
  g_autoptr (KpOutbox) outbox = NULL;

  g_assert_no_error (error);
  g_assert_true (kp_store_exec (store, "PRAGMA synchronous = OFF", &error));
  outbox = kp_outbox_new (store);
  for (guint i = 0; i < N_SUBMISSIONS; i++)
    {
      g_autoptr (KpSubmission) submission = new_submission (config, i);
      g_autofree char *reference = kp_submission_submit (submission, outbox, &error);

      g_assert_no_error (error);
    }
}

static void
assert_all_delivered (const char *db_path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpStore) store = kp_store_open (db_path, &error);
  g_autoptr (KpOutbox) outbox = kp_outbox_new (store);
  g_autoptr (KpLocalRegister) local_register = kp_local_register_new (store);
  g_autoptr (GPtrArray) cases = NULL;
  guint counts[KP_OUTBOX_N_STATES] = { 0 };

  g_assert_true (kp_outbox_count_by_state (outbox, counts, &error));
  g_assert_cmpuint (counts[KP_OUTBOX_STATE_DELIVERED], ==, N_SUBMISSIONS);
  cases = kp_local_register_list_cases (local_register, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, N_SUBMISSIONS);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();
  g_autofree char *dir = kp_test_make_tmpdir ("bench-delivery");
  g_autofree char *config_path = g_build_filename (dir, "kernpunt.conf", NULL);
  g_autofree char *db_path = g_build_filename (dir, "kernpunt.db", NULL);
  g_autofree char *config_text = g_strdup_printf ("[storage]\ndata-dir=%s\n", dir);
  g_autofree char *syncd = kp_test_program ("KERNPUNT_SYNCD");
  g_autoptr (KpConfig) config = kp_config_new_default ();
  g_autoptr (GError) error = NULL;
  const char *syncd_argv[] = { syncd, "--config", config_path, "--once", NULL };
  gint64 queue_start;
  double queue_seconds;
  double seconds;
  long peak_kib = 0;

  g_file_set_contents (config_path, config_text, -1, &error);
  g_assert_no_error (error);

  queue_start = g_get_monotonic_time ();
  queue_submissions (config, db_path);
  queue_seconds = (double) (g_get_monotonic_time () - queue_start) / G_USEC_PER_SEC;

  seconds = kp_test_run_measured (syncd_argv, &peak_kib);
  assert_all_delivered (db_path);

  g_print ("queued %d submissions in %.1f s (set-up, without waiting for the disk)\n",
           N_SUBMISSIONS, queue_seconds);
  g_print ("kernpunt-syncd --once delivered %d submissions to the embedded case register in "
           "%.1f s: %.0f per second, %.2f ms each\n",
           N_SUBMISSIONS, seconds, N_SUBMISSIONS / seconds, seconds * 1000 / N_SUBMISSIONS);
  g_print ("kernpunt-syncd peak memory (maximum resident set size): %.1f MiB\n", peak_kib / 1024.0);

  kp_test_remove_tree (dir);
  kp_test_remove_tree (home);
  return 0;
}
