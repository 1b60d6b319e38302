/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-config.h"
#include "kp-events.h"
#include "kp-store-private.h"
#include "kp-test-helpers.h"

typedef struct
{
  char *home;
  char *db_path;
  KpConfig *config;
  KpStore *store;
  KpEvents *events;
} Fixture;

static void
fixture_set_up (Fixture *fixture, G_GNUC_UNUSED gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->home = kp_test_init_home ();
  fixture->db_path = g_build_filename (fixture->home, "kernpunt.db", NULL);
  fixture->config = kp_config_new_default ();
  fixture->store = kp_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  fixture->events = kp_events_new (fixture->store, fixture->config, &error);
  g_assert_no_error (error);
}

/*
 * The end of a session writes the counts in a worker thread, which holds
 * a reference until its result reaches this thread's main context.
 */
static void
finalize_events (KpEvents *events)
{
  gpointer weak = events;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_object_add_weak_pointer (G_OBJECT (events), &weak);
  g_object_unref (events);
  while (weak != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (weak);
}

static void
fixture_tear_down (Fixture *fixture, G_GNUC_UNUSED gconstpointer data)
{
  finalize_events (fixture->events);
  g_assert_finalize_object (fixture->store);
  g_assert_finalize_object (fixture->config);
  g_free (fixture->db_path);
  kp_test_remove_tree (fixture->home);
  g_free (fixture->home);
}

static void
set_time (Fixture *fixture, int day, int hour, int minute, int second)
{
  g_autoptr (GDateTime) now = g_date_time_new_local (2025, 3, day, hour, minute, second);

  kp_events_set_now (fixture->events, now);
}

/* The count of @measure = @value on 2025-03-@day at @hour; searches all days when @day is 0. */
static guint
stored_count (Fixture *fixture, int day, int hour, const char *measure, const char *value)
{
  g_autoptr (GDate) from = g_date_new_dmy (1, G_DATE_MARCH, 2025);
  g_autoptr (GDate) to = g_date_new_dmy (31, G_DATE_MARCH, 2025);
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;
  guint total = 0;

  rows = kp_events_query (fixture->events, from, to, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      KpEventCount *row = rows->pdata[i];

      if ((day == 0 || (g_date_get_day (&row->day) == day && row->hour == (guint) hour))
          && g_str_equal (row->measure, measure) && g_str_equal (row->value, value))
        total += row->count;
    }
  return total;
}

static void
visit (Fixture *fixture, const char *search)
{
  kp_events_record (fixture->events, KP_EVENT_SESSION_STARTED, NULL);
  if (search != NULL)
    kp_events_record (fixture->events, KP_EVENT_SEARCH_NO_RESULT, search);
  kp_events_record (fixture->events, KP_EVENT_SESSION_ENDED, "done");
}

static void
test_counts_per_day_and_hour (Fixture *fixture, G_GNUC_UNUSED gconstpointer data)
{
  set_time (fixture, 10, 9, 5, 0);
  kp_events_record (fixture->events, KP_EVENT_SESSION_STARTED, NULL);
  kp_events_record (fixture->events, KP_EVENT_TILE_OPENED, "report");
  kp_events_record (fixture->events, KP_EVENT_TILE_OPENED, "report");
  set_time (fixture, 10, 9, 9, 30);
  kp_events_record (fixture->events, KP_EVENT_SESSION_ENDED, "done");
  set_time (fixture, 10, 14, 0, 0);
  kp_events_record (fixture->events, KP_EVENT_SESSION_STARTED, NULL);
  kp_events_record (fixture->events, KP_EVENT_TILE_OPENED, "report");
  set_time (fixture, 11, 9, 0, 0);
  kp_events_record (fixture->events, KP_EVENT_TILE_OPENED, "report");
  kp_events_record_registration (fixture->events, KP_ORGANISATION_UWV, KP_HELP_GIVEN_REFERRAL);

  g_assert_cmpuint (stored_count (fixture, 10, 9, "tile", "report"), ==, 2);
  g_assert_cmpuint (stored_count (fixture, 10, 14, "tile", "report"), ==, 1);
  g_assert_cmpuint (stored_count (fixture, 11, 9, "tile", "report"), ==, 1);
  g_assert_cmpuint (stored_count (fixture, 10, 9, "sessions", ""), ==, 1);
  g_assert_cmpuint (stored_count (fixture, 10, 9, "session-length", "3-10 min"), ==, 1);
  g_assert_cmpuint (stored_count (fixture, 11, 9, "registration", "uwv/referral"), ==, 1);
}

static void
test_satisfaction_once_per_interval (Fixture *fixture, G_GNUC_UNUSED gconstpointer data)
{
  set_time (fixture, 10, 9, 0, 0);
  g_assert_true (kp_events_record_satisfaction (fixture->events, KP_SATISFACTION_HAPPY));
  g_assert_true (kp_events_record_follow_up (fixture->events, KP_FOLLOW_UP_NEED_PERSON));
  /* One follow-up per answer. */
  g_assert_false (kp_events_record_follow_up (fixture->events, KP_FOLLOW_UP_NOT_FOUND));
  for (int second = 1; second < 10; second++)
    {
      set_time (fixture, 10, 9, 0, second);
      g_assert_false (kp_events_record_satisfaction (fixture->events, KP_SATISFACTION_VERY_HAPPY));
      g_assert_false (kp_events_record_follow_up (fixture->events, KP_FOLLOW_UP_TOO_DIFFICULT));
    }
  set_time (fixture, 10, 9, 0, 30);
  g_assert_true (kp_events_record_satisfaction (fixture->events, KP_SATISFACTION_VERY_UNHAPPY));

  g_assert_cmpuint (stored_count (fixture, 10, 9, "satisfaction", "happy"), ==, 1);
  g_assert_cmpuint (stored_count (fixture, 10, 9, "satisfaction", "very-happy"), ==, 0);
  g_assert_cmpuint (stored_count (fixture, 10, 9, "satisfaction", "very-unhappy"), ==, 1);
  g_assert_cmpuint (stored_count (fixture, 10, 9, "follow-up", "need-person"), ==, 1);
  g_assert_cmpuint (stored_count (fixture, 10, 9, "follow-up", "too-difficult"), ==, 0);
}

static void
test_testing_left_out (Fixture *fixture, G_GNUC_UNUSED gconstpointer data)
{
  set_time (fixture, 10, 9, 0, 0);
  kp_events_set_testing (fixture->events, TRUE);
  kp_events_record (fixture->events, KP_EVENT_SUBMISSION, "report");
  kp_events_set_testing (fixture->events, FALSE);
  kp_events_record (fixture->events, KP_EVENT_SUBMISSION, "found");

  g_assert_cmpuint (stored_count (fixture, 10, 9, "submission", "report"), ==, 0);
  g_assert_cmpuint (stored_count (fixture, 10, 9, "submission", "found"), ==, 1);
}

static void
test_search_privacy (Fixture *fixture, G_GNUC_UNUSED gconstpointer data)
{
  /* Tokens of a name, a phone number and an address; "12" is too short to look for in bytes. */
  const char *private_tokens[] = { "Pieter", "pieter", "Smeenge", "smeenge", "0612345678" };
  g_autoptr (GError) error = NULL;
  g_autoptr (GDate) from = g_date_new_dmy (1, G_DATE_MARCH, 2025);
  g_autoptr (GDate) to = g_date_new_dmy (31, G_DATE_MARCH, 2025);
  g_autoptr (GPtrArray) rows = NULL;
  g_autofree char *wal = g_strconcat (fixture->db_path, "-wal", NULL);

  set_time (fixture, 10, 9, 0, 0);
  for (int i = 0; i < 3; i++)
    visit (fixture, "Pieter Smeenge 0612345678 Dorpsstraat 12");
  /* The same word twice in one session counts once. */
  kp_events_record (fixture->events, KP_EVENT_SESSION_STARTED, NULL);
  kp_events_record (fixture->events, KP_EVENT_SEARCH_NO_RESULT, "paspoort");
  kp_events_record (fixture->events, KP_EVENT_SEARCH_NO_RESULT, "Paspoort kwijt");
  kp_events_record (fixture->events, KP_EVENT_SESSION_ENDED, "idle");
  visit (fixture, "paspoort");
  g_assert_true (kp_events_flush (fixture->events, &error));
  g_assert_no_error (error);

  rows = kp_events_query (fixture->events, from, to, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      KpEventCount *row = rows->pdata[i];

      if (g_str_equal (row->measure, "search-word"))
        g_assert_cmpstr (row->value, ==, "dorpsstraat");
    }
  g_assert_cmpuint (stored_count (fixture, 0, 0, "search-word", "dorpsstraat"), ==, 3);
  g_assert_cmpuint (stored_count (fixture, 0, 0, "search-without-result", ""), ==, 6);

  g_assert_true (kp_store_exec (fixture->store, "PRAGMA wal_checkpoint (TRUNCATE)", &error));
  g_assert_no_error (error);
  /* The check bites: a dictionary word does reach the file. */
  g_assert_true (kp_test_file_contains (fixture->db_path, "dorpsstraat"));
  for (guint i = 0; i < G_N_ELEMENTS (private_tokens); i++)
    {
      g_assert_false (kp_test_file_contains (fixture->db_path, private_tokens[i]));
      g_assert_false (kp_test_file_contains (wal, private_tokens[i]));
    }

  /* "paspoort" was searched in two sessions: not shown yet; a third shows it. */
  g_assert_cmpuint (stored_count (fixture, 0, 0, "search-word", "paspoort"), ==, 0);
  visit (fixture, "PASPOORT");
  g_assert_cmpuint (stored_count (fixture, 0, 0, "search-word", "paspoort"), ==, 3);
}

static void
test_retention (Fixture *fixture, G_GNUC_UNUSED gconstpointer data)
{
  g_autoptr (GDateTime) old = g_date_time_new_local (2024, 1, 1, 10, 0, 0);
  g_autoptr (GDateTime) kept = g_date_time_new_local (2025, 2, 1, 10, 0, 0);
  g_autoptr (GDateTime) now = g_date_time_new_local (2025, 3, 1, 10, 0, 0);
  g_autoptr (GDate) from = g_date_new_dmy (1, G_DATE_JANUARY, 2023);
  g_autoptr (GDate) to = g_date_new_dmy (31, G_DATE_DECEMBER, 2025);
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;

  kp_events_set_now (fixture->events, old);
  kp_events_record (fixture->events, KP_EVENT_HELP_CALL, NULL);
  kp_events_set_now (fixture->events, kept);
  kp_events_record (fixture->events, KP_EVENT_HELP_CALL, NULL);
  g_assert_true (kp_events_flush (fixture->events, &error));
  kp_events_set_now (fixture->events, now);
  g_assert_true (kp_events_drop_expired (fixture->events, &error));
  g_assert_no_error (error);

  rows = kp_events_query (fixture->events, from, to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (g_date_get_year (&((KpEventCount *) rows->pdata[0])->day), ==, 2025);
}

static void
test_free_text_refused (Fixture *fixture, G_GNUC_UNUSED gconstpointer data)
{
  if (g_test_subprocess ())
    {
      kp_events_record (fixture->events, KP_EVENT_TILE_OPENED, "Pieter Smeenge");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*is_slug*");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/events/counts-per-day-and-hour", Fixture, NULL, fixture_set_up,
              test_counts_per_day_and_hour, fixture_tear_down);
  g_test_add ("/events/satisfaction-once-per-interval", Fixture, NULL, fixture_set_up,
              test_satisfaction_once_per_interval, fixture_tear_down);
  g_test_add ("/events/testing-left-out", Fixture, NULL, fixture_set_up, test_testing_left_out,
              fixture_tear_down);
  g_test_add ("/events/search-privacy", Fixture, NULL, fixture_set_up, test_search_privacy,
              fixture_tear_down);
  g_test_add ("/events/retention", Fixture, NULL, fixture_set_up, test_retention,
              fixture_tear_down);
  g_test_add ("/events/free-text-refused", Fixture, NULL, fixture_set_up, test_free_text_refused,
              fixture_tear_down);
  return g_test_run ();
}
