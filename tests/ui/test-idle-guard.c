/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-idle-guard.h"
#include "kp-ui-test-helpers.h"

#define IDLE_SECONDS      2
#define COUNTDOWN_SECONDS 2
/* How late a timer may fire on a busy machine before a test calls it wrong. */
#define LATE_SECONDS 3

/* Everything the guard said, in order, with the time since the test began. */
typedef struct
{
  KpIdleGuard *guard;
  gint64 start;
  GString *events;
  gint64 countdown_at;
  gint64 expired_at;
} Recorder;

static double
elapsed (Recorder *recorder)
{
  return (double) (g_get_monotonic_time () - recorder->start) / G_USEC_PER_SEC;
}

static void
on_session_started (KpIdleGuard *guard, Recorder *recorder)
{
  g_string_append (recorder->events, "started ");
}

static void
on_countdown (KpIdleGuard *guard, guint seconds_left, Recorder *recorder)
{
  if (recorder->countdown_at == 0)
    recorder->countdown_at = g_get_monotonic_time ();
  g_assert_true (kp_idle_guard_get_counting_down (guard));
  g_string_append_printf (recorder->events, "countdown:%u ", seconds_left);
}

static void
on_continued (KpIdleGuard *guard, Recorder *recorder)
{
  g_assert_false (kp_idle_guard_get_counting_down (guard));
  g_string_append (recorder->events, "continued ");
}

static void
on_expired (KpIdleGuard *guard, Recorder *recorder)
{
  recorder->expired_at = g_get_monotonic_time ();
  g_assert_false (kp_idle_guard_get_in_session (guard));
  g_string_append (recorder->events, "expired ");
}

static void
recorder_setup (Recorder *recorder, gconstpointer data)
{
  recorder->guard = kp_idle_guard_new (IDLE_SECONDS, COUNTDOWN_SECONDS);
  recorder->events = g_string_new (NULL);
  recorder->start = g_get_monotonic_time ();
  g_signal_connect (recorder->guard, "session-started", G_CALLBACK (on_session_started), recorder);
  g_signal_connect (recorder->guard, "countdown", G_CALLBACK (on_countdown), recorder);
  g_signal_connect (recorder->guard, "continued", G_CALLBACK (on_continued), recorder);
  g_signal_connect (recorder->guard, "expired", G_CALLBACK (on_expired), recorder);
}

static void
recorder_teardown (Recorder *recorder, gconstpointer data)
{
  g_assert_finalize_object (recorder->guard);
  g_string_free (recorder->events, TRUE);
}

static gboolean
has_expired (gpointer user_data)
{
  Recorder *recorder = user_data;

  return recorder->expired_at != 0;
}

static gboolean
is_counting_down (gpointer user_data)
{
  Recorder *recorder = user_data;

  return kp_idle_guard_get_counting_down (recorder->guard);
}

static gboolean
has_counted_to_one (gpointer user_data)
{
  Recorder *recorder = user_data;

  return g_str_has_suffix (recorder->events->str, "countdown:1 ");
}

/* Nobody there, nothing to wipe: without a first touch no timer runs. */
static void
test_no_session_without_activity (Recorder *recorder, gconstpointer data)
{
  kp_ui_test_spin ((IDLE_SECONDS + 1) * 1000);
  g_assert_false (kp_idle_guard_get_in_session (recorder->guard));
  g_assert_cmpstr (recorder->events->str, ==, "");
}

static void
test_countdown_then_expiry (Recorder *recorder, gconstpointer data)
{
  double countdown_after;
  double expired_after;

  kp_idle_guard_note_activity (recorder->guard);
  g_assert_true (kp_idle_guard_get_in_session (recorder->guard));
  g_assert_true (
      kp_ui_test_wait_until (has_expired, recorder, (IDLE_SECONDS + COUNTDOWN_SECONDS + 2) * 1000));

  /* Every second of the countdown is shown, from the full count down to one. */
  g_assert_cmpstr (recorder->events->str, ==, "started countdown:2 countdown:1 expired ");
  countdown_after = (double) (recorder->countdown_at - recorder->start) / G_USEC_PER_SEC;
  expired_after = (double) (recorder->expired_at - recorder->start) / G_USEC_PER_SEC;
  g_assert_cmpfloat (countdown_after, >=, IDLE_SECONDS);
  /* Timers may fire late on a loaded machine, never early: the upper bounds are loose. */
  g_assert_cmpfloat (countdown_after, <, IDLE_SECONDS + LATE_SECONDS);
  g_assert_cmpfloat (expired_after, >=, IDLE_SECONDS + COUNTDOWN_SECONDS);
  g_assert_cmpfloat (expired_after, <, IDLE_SECONDS + COUNTDOWN_SECONDS + LATE_SECONDS);
  g_assert_false (kp_idle_guard_get_in_session (recorder->guard));
  g_assert_false (kp_idle_guard_get_counting_down (recorder->guard));
}

/* Each touch gives the visitor the full idle time again. */
static void
test_activity_postpones_countdown (Recorder *recorder, gconstpointer data)
{
  kp_idle_guard_note_activity (recorder->guard);
  /* Touches every quarter of the idle time: far enough apart to outlast it together. */
  for (guint i = 0; i < 6; i++)
    {
      kp_ui_test_spin (IDLE_SECONDS * 1000 / 4);
      kp_idle_guard_note_activity (recorder->guard);
    }
  g_assert_cmpstr (recorder->events->str, ==, "started ");
  g_assert_cmpfloat (elapsed (recorder), >=, IDLE_SECONDS);

  g_assert_true (
      kp_ui_test_wait_until (is_counting_down, recorder, (IDLE_SECONDS + LATE_SECONDS) * 1000));
  g_assert_cmpstr (recorder->events->str, ==, "started countdown:2 ");
}

static void
test_activity_during_countdown_continues (Recorder *recorder, gconstpointer data)
{
  kp_idle_guard_note_activity (recorder->guard);
  g_assert_true (
      kp_ui_test_wait_until (is_counting_down, recorder, (IDLE_SECONDS + LATE_SECONDS) * 1000));

  kp_idle_guard_note_activity (recorder->guard);
  g_assert_true (kp_idle_guard_get_in_session (recorder->guard));
  g_assert_false (kp_idle_guard_get_counting_down (recorder->guard));
  /* A whole new idle time and countdown go by: the first countdown left nothing behind. */
  g_assert_true (kp_ui_test_wait_until (has_counted_to_one, recorder,
                                        (IDLE_SECONDS + COUNTDOWN_SECONDS + LATE_SECONDS) * 1000));
  g_assert_true (kp_idle_guard_get_in_session (recorder->guard));
  g_assert_cmpstr (recorder->events->str, ==,
                   "started countdown:2 continued countdown:2 countdown:1 ");
}

/* "Done": the session is over at once, and nothing ticks until the next visitor. */
static void
test_end_session_stops_timers (Recorder *recorder, gconstpointer data)
{
  kp_idle_guard_note_activity (recorder->guard);
  kp_idle_guard_end_session (recorder->guard);
  g_assert_false (kp_idle_guard_get_in_session (recorder->guard));
  kp_ui_test_spin ((IDLE_SECONDS + COUNTDOWN_SECONDS + 1) * 1000);
  g_assert_cmpstr (recorder->events->str, ==, "started ");

  kp_idle_guard_note_activity (recorder->guard);
  g_assert_cmpstr (recorder->events->str, ==, "started started ");
}

static void
add_guard_test (const char *path, void (*test) (Recorder *, gconstpointer))
{
  g_test_add (path, Recorder, NULL, recorder_setup, test, recorder_teardown);
}

int
main (int argc, char *argv[])
{
  g_autofree char *home = kp_test_init_home ();

  kp_ui_test_init (&argc, &argv);

  add_guard_test ("/idle-guard/no-session-without-activity", test_no_session_without_activity);
  add_guard_test ("/idle-guard/countdown-then-expiry", test_countdown_then_expiry);
  add_guard_test ("/idle-guard/activity-postpones-countdown", test_activity_postpones_countdown);
  add_guard_test ("/idle-guard/activity-during-countdown-continues",
                  test_activity_during_countdown_continues);
  add_guard_test ("/idle-guard/end-session-stops-timers", test_end_session_stops_timers);

  return g_test_run ();
}
