/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

/*
 * The cost of counting, for the closing notes:
 *   meson test -C BUILD --benchmark events
 * 1. the time kp_events_record() adds to a page change: median over
 *    10,000 events;
 * 2. the database size of a year of counts for a busy kiosk: 150 visits a
 *    day, each with a language, three tiles, two topics, a form, and now
 *    and then a search without result, a help call and an answer.
 */

#include "kp-config.h"
#include "kp-events.h"
#include "kp-store-private.h"
#include "kp-test-helpers.h"

#include <glib/gstdio.h>

#define N_EVENTS       10000
#define VISITS_PER_DAY 150

static const char *const tiles[] = { "report", "appointment", "found", "lost", "guide", "status" };
static const char *const topics[] = { "paspoort", "afval", "toeslagen", "parkeren", "digid" };

static int
compare_gint64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static void
measure_record (KpEvents *events)
{
  g_autofree gint64 *nanoseconds = g_new (gint64, N_EVENTS);

  for (guint i = 0; i < N_EVENTS; i++)
    {
      gint64 start = g_get_monotonic_time ();

      kp_events_record (events, KP_EVENT_TILE_OPENED, tiles[i % G_N_ELEMENTS (tiles)]);
      nanoseconds[i] = (g_get_monotonic_time () - start) * 1000;
    }
  qsort (nanoseconds, N_EVENTS, sizeof *nanoseconds, compare_gint64);
  g_print ("# record: median %" G_GINT64_FORMAT " ns, 99th percentile %" G_GINT64_FORMAT
           " ns over %d events (microsecond clock)\n",
           nanoseconds[N_EVENTS / 2], nanoseconds[N_EVENTS * 99 / 100], N_EVENTS);
}

static void
simulate_visit (KpEvents *events, guint visit)
{
  kp_events_record (events, KP_EVENT_SESSION_STARTED, NULL);
  kp_events_record (events, KP_EVENT_LANGUAGE, visit % 5 == 0 ? "en" : "nl");
  for (guint t = 0; t < 3; t++)
    kp_events_record (events, KP_EVENT_TILE_OPENED, tiles[(visit + t) % G_N_ELEMENTS (tiles)]);
  for (guint t = 0; t < 2; t++)
    kp_events_record (events, KP_EVENT_TOPIC_OPENED, topics[(visit + t) % G_N_ELEMENTS (topics)]);
  kp_events_record (events, KP_EVENT_FORM_OPENED, "report");
  if (visit % 3 == 0)
    kp_events_record (events, KP_EVENT_FORM_FINISHED, "report");
  if (visit % 7 == 0)
    kp_events_record (events, KP_EVENT_SEARCH_NO_RESULT, "rijbewijs verlengen");
  if (visit % 10 == 0)
    kp_events_record (events, KP_EVENT_HELP_CALL, NULL);
  kp_events_record_satisfaction (events, (KpSatisfaction) (visit % 4));
  kp_events_record (events, KP_EVENT_SESSION_ENDED, "done");
}

static void
simulate_year (KpEvents *events, const char *db_path)
{
  g_autoptr (GDateTime) start = g_date_time_new_local (2025, 1, 1, 9, 0, 0);
  g_autoptr (GError) error = NULL;
  GStatBuf info;

  for (guint day = 0; day < 365; day++)
    {
      for (guint visit = 0; visit < VISITS_PER_DAY; visit++)
        {
          /* Spread over opening hours, a minute apart: 9:00 to 11:30 and on. */
          g_autoptr (GDateTime) when
              = g_date_time_add_minutes (start, (gint) (day * 24 * 60 + visit * 3));

          kp_events_set_now (events, when);
          simulate_visit (events, visit);
        }
      g_assert_true (kp_events_flush (events, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (g_stat (db_path, &info), ==, 0);
  g_print ("# a year of counts (%d visits a day): database %" G_GINT64_FORMAT " bytes\n",
           VISITS_PER_DAY, (gint64) info.st_size);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr (KpConfig) config = NULL;
  g_autoptr (KpStore) store = NULL;
  g_autoptr (KpEvents) events = NULL;
  g_autoptr (GError) error = NULL;

  g_test_init (&argc, &argv, NULL);
  home = kp_test_init_home ();
  db_path = g_build_filename (home, "kernpunt.db", NULL);
  config = kp_config_new_default ();
  store = kp_store_open (db_path, &error);
  g_assert_no_error (error);
  events = kp_events_new (store, config, &error);
  g_assert_no_error (error);

  measure_record (events);
  simulate_year (events, db_path);
  g_assert_true (kp_store_exec (store, "PRAGMA wal_checkpoint (TRUNCATE)", &error));
  g_clear_object (&events);
  g_clear_object (&store);
  {
    GStatBuf info;

    g_assert_cmpint (g_stat (db_path, &info), ==, 0);
    g_print ("# after a checkpoint: %" G_GINT64_FORMAT " bytes\n", (gint64) info.st_size);
  }
  kp_test_remove_tree (home);
  return 0;
}
