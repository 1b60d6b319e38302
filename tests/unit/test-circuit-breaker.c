/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-backend-router.h"
#include "kp-circuit-breaker.h"
#include "kp-delivery-agent.h"
#include "kp-fake-backend.h"
#include "kp-test-helpers.h"

#include <string.h>

/*
 * The circuit breaker on its own, with the times chosen by the test, and
 * in KpBackendRouter: a case system that is down is left alone for the
 * cool-down while rows for another backend keep being delivered.
 */

#define THRESHOLD 3
#define COOL_DOWN (5 * G_TIME_SPAN_MINUTE)
#define T0        ((gint64) 1767225600 * G_USEC_PER_SEC) /* 2026-01-01 00:00 UTC */

typedef enum
{
  END,     /* the case has no more steps */
  ASK,     /* expect kp_circuit_breaker_allows() to say @allows */
  OK,      /* a call that went through */
  DOWN,    /* a temporary failure: network, timeout, 5xx */
  REFUSED, /* a permanent refusal: the system answered */
  STOPPED, /* cancelled halfway */
} Event;

typedef struct
{
  Event event;
  GTimeSpan at; /* after T0 */
  gboolean allows;
} Step;

typedef struct
{
  const char *name;
  Step steps[12];
} Case;

static const Case cases[] = {
  { "opens-after-threshold",
    { { DOWN, 0 },
      { DOWN, 1 },
      { ASK, 2, TRUE },
      { DOWN, 2 },
      { ASK, 3, FALSE },
      { ASK, COOL_DOWN, FALSE },
      { ASK, COOL_DOWN + 2, TRUE } } },
  { "success-resets-count",
    { { DOWN, 0 }, { DOWN, 1 }, { OK, 2 }, { DOWN, 3 }, { DOWN, 4 }, { ASK, 5, TRUE } } },
  { "refusal-is-an-answer",
    { { DOWN, 0 }, { DOWN, 1 }, { REFUSED, 2 }, { DOWN, 3 }, { ASK, 4, TRUE } } },
  { "cancel-counts-nothing",
    { { DOWN, 0 }, { DOWN, 1 }, { STOPPED, 2 }, { STOPPED, 3 }, { ASK, 4, TRUE } } },
  { "failed-try-reopens",
    { { DOWN, 0 },
      { DOWN, 1 },
      { DOWN, 2 },
      { DOWN, COOL_DOWN + 3 },
      { ASK, COOL_DOWN + 4, FALSE },
      { ASK, 2 * COOL_DOWN + 3, TRUE } } },
  { "good-try-closes",
    { { DOWN, 0 },
      { DOWN, 1 },
      { DOWN, 2 },
      { OK, COOL_DOWN + 3 },
      { DOWN, COOL_DOWN + 4 },
      { ASK, COOL_DOWN + 5, TRUE } } },
};

static void
record (KpCircuitBreaker *breaker, Event event, gint64 now)
{
  g_autoptr (GError) failure = NULL;

  if (event == DOWN)
    failure = g_error_new_literal (KP_BACKEND_ERROR, KP_BACKEND_ERROR_TEMPORARY, "HTTP 503");
  else if (event == REFUSED)
    failure = g_error_new_literal (KP_BACKEND_ERROR, KP_BACKEND_ERROR_PERMANENT, "HTTP 400");
  else if (event == STOPPED)
    failure = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
  kp_circuit_breaker_record (breaker, failure, now);
}

static void
test_breaker_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr (KpCircuitBreaker) breaker = kp_circuit_breaker_new (THRESHOLD, COOL_DOWN);

  for (gsize i = 0; i < G_N_ELEMENTS (c->steps) && c->steps[i].event != END; i++)
    {
      const Step *step = &c->steps[i];
      gint64 open_until = 0;

      if (step->event != ASK)
        {
          record (breaker, step->event, T0 + step->at);
          continue;
        }
      g_test_message ("%s, step %zu", c->name, i);
      g_assert_cmpint (kp_circuit_breaker_allows (breaker, T0 + step->at, &open_until), ==,
                       step->allows);
      if (!step->allows)
        g_assert_cmpint (open_until, >, T0 + step->at);
    }
}

/* ---- In the router ---- */

static gint64 fake_now;

static gint64
fake_clock (void)
{
  return fake_now;
}

typedef struct
{
  char *dir;
  KpStore *store;
  KpOutbox *outbox;
  KpFakeBackend *embedded;
  KpFakeBackend *zgw;
  KpDeliveryAgent *agent;
  GPtrArray *reports;
  gint64 t0; /* when the test starts delivering: every row is due */
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (KpBackendRouter) router = NULL;

  fixture->dir = kp_test_make_tmpdir ("breaker");
  path = g_build_filename (fixture->dir, "kernpunt.db", NULL);
  fixture->store = kp_store_open (path, &error);
  g_assert_no_error (error);
  fixture->outbox = kp_outbox_new (fixture->store);
  fixture->embedded = g_object_new (KP_TYPE_FAKE_BACKEND, NULL);
  fixture->embedded->name = "embedded";
  fixture->zgw = g_object_new (KP_TYPE_FAKE_BACKEND, NULL);
  fixture->zgw->name = "zgw";

  router = kp_backend_router_new (KP_BACKEND (fixture->embedded));
  kp_backend_router_add_route (router, "report", KP_BACKEND (fixture->zgw));
  kp_backend_router_set_clock (router, fake_clock);
  kp_backend_router_set_outbox (router, fixture->outbox);
  fixture->agent = kp_delivery_agent_new (fixture->outbox, KP_BACKEND (router));
  kp_delivery_agent_set_retry_delays (fixture->agent, G_TIME_SPAN_SECOND, G_TIME_SPAN_MINUTE);
  fixture->reports = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_pointer (&fixture->reports, g_ptr_array_unref);
  g_assert_finalize_object (fixture->agent);
  g_assert_finalize_object (fixture->zgw);
  g_assert_finalize_object (fixture->embedded);
  g_assert_finalize_object (fixture->outbox);
  g_assert_finalize_object (fixture->store);
  kp_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static char *
submit (Fixture *fixture, const char *kind)
{
  g_autoptr (GError) error = NULL;
  char *reference
      = kp_outbox_submit (fixture->outbox, kind, "{\"description\":\"x\"}", NULL, &error);

  g_assert_no_error (error);
  return reference;
}

static void
deliver_at (Fixture *fixture, GTimeSpan after_t0)
{
  g_autoptr (GError) error = NULL;

  fake_now = fixture->t0 + after_t0;
  g_assert_true (kp_delivery_agent_deliver_due (fixture->agent, fake_now, NULL, NULL, &error));
  g_assert_no_error (error);
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

static void
test_router_rests_a_failing_backend (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpOutboxItem) last = NULL;
  const guint n_reports = KP_CIRCUIT_BREAKER_DEFAULT_THRESHOLD + 3;

  fixture->zgw->n_temporary_failures = G_MAXUINT;
  for (guint i = 0; i < n_reports; i++)
    {
      g_ptr_array_add (fixture->reports, submit (fixture, "report"));
      g_free (submit (fixture, "found"));
    }

  fixture->t0 = g_get_real_time ();

  /* The case system is called until the breaker opens; the found objects all go through. */
  deliver_at (fixture, 0);
  g_assert_cmpuint (fixture->zgw->calls->len, ==, KP_CIRCUIT_BREAKER_DEFAULT_THRESHOLD);
  g_assert_cmpuint (fixture->embedded->calls->len, ==, n_reports);
  g_assert_cmpuint (count_in_state (fixture, KP_OUTBOX_STATE_DELIVERED), ==, n_reports);
  g_assert_cmpuint (count_in_state (fixture, KP_OUTBOX_STATE_PENDING), ==, n_reports);
  last = kp_outbox_lookup (fixture->outbox, g_ptr_array_index (fixture->reports, n_reports - 1),
                           &error);
  g_assert_no_error (error);
  kp_test_assert_contains (kp_outbox_item_get_last_error (last), "zgw failed 5 times in a row");

  /* Rows due again during the cool-down: not one call. */
  deliver_at (fixture, 2 * G_TIME_SPAN_MINUTE);
  g_assert_cmpuint (fixture->zgw->calls->len, ==, KP_CIRCUIT_BREAKER_DEFAULT_THRESHOLD);

  /* After it, one try; it fails, so the breaker opens again at once. */
  deliver_at (fixture, KP_CIRCUIT_BREAKER_DEFAULT_COOL_DOWN + G_TIME_SPAN_MINUTE);
  g_assert_cmpuint (fixture->zgw->calls->len, ==, KP_CIRCUIT_BREAKER_DEFAULT_THRESHOLD + 1);

  /* Back up: the next try after the cool-down closes it, and every row follows. */
  fixture->zgw->n_temporary_failures = 0;
  deliver_at (fixture, 2 * KP_CIRCUIT_BREAKER_DEFAULT_COOL_DOWN + 2 * G_TIME_SPAN_MINUTE);
  g_assert_cmpuint (count_in_state (fixture, KP_OUTBOX_STATE_DELIVERED), ==, 2 * n_reports);
  g_assert_cmpuint (fixture->zgw->calls->len, ==,
                    KP_CIRCUIT_BREAKER_DEFAULT_THRESHOLD + 1 + n_reports);
}

static gint64
next_attempt_of (Fixture *fixture, const char *reference)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpOutboxItem) item = kp_outbox_lookup (fixture->outbox, reference, &error);

  g_assert_no_error (error);
  g_assert_cmpint (kp_outbox_item_get_state (item), ==, KP_OUTBOX_STATE_PENDING);
  return kp_outbox_item_get_next_attempt_at (item);
}

/*
 * After an outage the rows have backed off for 16 minutes or more. When an
 * admin's retry finds the case system back, the other reports are due
 * again at once, one every 1/KP_BACKEND_ROUTER_RECOVERY_RATE s, oldest
 * first; a found object waiting for the other backend keeps its time.
 */
static void
test_router_spreads_rows_of_a_backend_that_is_back (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *found = NULL;
  const GTimeSpan spacing = G_USEC_PER_SEC / KP_BACKEND_ROUTER_RECOVERY_RATE;
  const guint n_reports = 2 * KP_BACKEND_ROUTER_RECOVERY_RATE;
  const GTimeSpan back_at = KP_CIRCUIT_BREAKER_DEFAULT_COOL_DOWN + G_TIME_SPAN_MINUTE;
  gint64 found_due;

  kp_delivery_agent_set_retry_delays (fixture->agent, 20 * G_TIME_SPAN_MINUTE, G_TIME_SPAN_HOUR);
  fixture->zgw->n_temporary_failures = G_MAXUINT;
  fixture->embedded->n_temporary_failures = 1;
  for (guint i = 0; i < n_reports; i++)
    g_ptr_array_add (fixture->reports, submit (fixture, "report"));
  found = submit (fixture, "found");
  fixture->t0 = g_get_real_time ();
  deliver_at (fixture, 0);
  found_due = next_attempt_of (fixture, found);
  g_assert_cmpint (found_due, >, fixture->t0 + back_at);
  /* While the breaker rests, the oldest report is due when it allows a try, the next one later. */
  g_assert_cmpint (next_attempt_of (fixture, g_ptr_array_index (fixture->reports, 0)), ==,
                   fixture->t0 + KP_CIRCUIT_BREAKER_DEFAULT_COOL_DOWN);
  g_assert_cmpint (next_attempt_of (fixture, g_ptr_array_index (fixture->reports, 1)), ==,
                   fixture->t0 + 2 * KP_CIRCUIT_BREAKER_DEFAULT_COOL_DOWN);

  fixture->zgw->n_temporary_failures = 0;
  g_assert_true (kp_outbox_retry_now (fixture->outbox, g_ptr_array_index (fixture->reports, 0),
                                      fixture->t0 + back_at, &error));
  g_assert_no_error (error);
  deliver_at (fixture, back_at);
  g_assert_cmpuint (count_in_state (fixture, KP_OUTBOX_STATE_DELIVERED), ==, 1);

  for (guint i = 1; i < n_reports; i++)
    g_assert_cmpint (next_attempt_of (fixture, g_ptr_array_index (fixture->reports, i)), ==,
                     fake_now + i * spacing);
  g_assert_cmpint (next_attempt_of (fixture, found), ==, found_due);

  /* One pass a second later sends those due by then, no more. */
  deliver_at (fixture, back_at + G_USEC_PER_SEC);
  g_assert_cmpuint (count_in_state (fixture, KP_OUTBOX_STATE_DELIVERED), ==,
                    1 + KP_BACKEND_ROUTER_RECOVERY_RATE);
}

/*
 * Rows tried again while the breaker rests (here by hand, as with
 * `kernpunt-ctl outbox retry`) are refused, and each gets a back-off of
 * most of an hour. Still the oldest is due when the breaker allows a try,
 * and that try is made: the case system is not left untried for an hour.
 */
static void
test_router_keeps_a_try_due_while_resting (Fixture *fixture, gconstpointer data)
{
  const gint64 open_until = KP_CIRCUIT_BREAKER_DEFAULT_COOL_DOWN;

  kp_delivery_agent_set_retry_delays (fixture->agent, G_TIME_SPAN_HOUR, G_TIME_SPAN_HOUR);
  fixture->zgw->n_temporary_failures = G_MAXUINT;
  for (guint i = 0; i < KP_CIRCUIT_BREAKER_DEFAULT_THRESHOLD; i++)
    g_ptr_array_add (fixture->reports, submit (fixture, "report"));
  fixture->t0 = g_get_real_time ();
  deliver_at (fixture, 0);
  g_assert_cmpuint (fixture->zgw->calls->len, ==, KP_CIRCUIT_BREAKER_DEFAULT_THRESHOLD);

  for (guint i = 0; i < fixture->reports->len; i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_true (kp_outbox_retry_now (fixture->outbox, g_ptr_array_index (fixture->reports, i),
                                          fixture->t0 + G_TIME_SPAN_MINUTE, &error));
      g_assert_no_error (error);
    }
  deliver_at (fixture, G_TIME_SPAN_MINUTE);
  g_assert_cmpuint (fixture->zgw->calls->len, ==, KP_CIRCUIT_BREAKER_DEFAULT_THRESHOLD);
  g_assert_cmpint (next_attempt_of (fixture, g_ptr_array_index (fixture->reports, 0)), ==,
                   fixture->t0 + open_until);

  deliver_at (fixture, open_until);
  g_assert_cmpuint (fixture->zgw->calls->len, ==, KP_CIRCUIT_BREAKER_DEFAULT_THRESHOLD + 1);
}

/* A row already due before its place in the spread keeps its earlier time. */
static void
test_spread_never_delays (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  const gint64 start = g_get_real_time () + G_TIME_SPAN_HOUR;
  const char *const kinds[] = { "report", NULL };
  guint n_moved = 0;

  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (fixture->reports, submit (fixture, "report"));
  g_assert_true (kp_outbox_spread_due (fixture->outbox, kinds, FALSE, start, G_USEC_PER_SEC,
                                       &n_moved, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_moved, ==, 0);
  for (guint i = 0; i < fixture->reports->len; i++)
    g_assert_cmpint (next_attempt_of (fixture, g_ptr_array_index (fixture->reports, i)), <, start);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = NULL;

  g_test_init (&argc, &argv, NULL);
  home = kp_test_init_home ();
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/circuit-breaker/", cases[i].name, NULL);

      g_test_add_data_func (path, &cases[i], test_breaker_case);
    }
  g_test_add ("/circuit-breaker/router-rests-a-failing-backend", Fixture, NULL, fixture_set_up,
              test_router_rests_a_failing_backend, fixture_tear_down);
  g_test_add ("/circuit-breaker/router-spreads-rows-of-a-backend-that-is-back", Fixture, NULL,
              fixture_set_up, test_router_spreads_rows_of_a_backend_that_is_back,
              fixture_tear_down);
  g_test_add ("/circuit-breaker/router-keeps-a-try-due-while-resting", Fixture, NULL,
              fixture_set_up, test_router_keeps_a_try_due_while_resting, fixture_tear_down);
  g_test_add ("/circuit-breaker/spread-never-delays", Fixture, NULL, fixture_set_up,
              test_spread_never_delays, fixture_tear_down);
  return g_test_run ();
}
