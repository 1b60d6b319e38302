/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-delivery-agent.h"
#include "kp-fake-backend.h"
#include "kp-local-register.h"
#include "kp-test-helpers.h"

#include <glib/gstdio.h>

/* ---- Fixture: a fresh database, its outbox and a fake backend ---- */

typedef struct
{
  char *dir;
  KpStore *store;
  KpOutbox *outbox;
  KpFakeBackend *backend;
  KpDeliveryAgent *agent;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = kp_test_make_tmpdir ("agent");
  path = g_build_filename (fixture->dir, "kernpunt.db", NULL);
  fixture->store = kp_store_open (path, &error);
  g_assert_no_error (error);
  fixture->outbox = kp_outbox_new (fixture->store);
  fixture->backend = g_object_new (KP_TYPE_FAKE_BACKEND, NULL);
  fixture->agent = kp_delivery_agent_new (fixture->outbox, KP_BACKEND (fixture->backend));
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_assert_finalize_object (fixture->agent);
  g_assert_finalize_object (fixture->backend);
  g_assert_finalize_object (fixture->outbox);
  g_assert_finalize_object (fixture->store);
  kp_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* (transfer full): the reference */
static char *
submit (Fixture *fixture, GPtrArray *attachments)
{
  g_autoptr (GError) error = NULL;
  char *reference = kp_outbox_submit (fixture->outbox, "report",
                                      "{\"description\":\"Bench broken\"}", attachments, &error);

  g_assert_no_error (error);
  return reference;
}

/* (transfer full) */
static KpOutboxItem *
lookup (Fixture *fixture, const char *reference)
{
  g_autoptr (GError) error = NULL;
  KpOutboxItem *item = kp_outbox_lookup (fixture->outbox, reference, &error);

  g_assert_no_error (error);
  return item;
}

/* Runs one pass at @now that must not fail, and returns how many rows it tried. */
static guint
deliver_due (Fixture *fixture, gint64 now)
{
  g_autoptr (GError) error = NULL;
  guint n_handled = G_MAXUINT;

  g_assert_true (kp_delivery_agent_deliver_due (fixture->agent, now, NULL, &n_handled, &error));
  g_assert_no_error (error);
  return n_handled;
}

/* ---- Back-off ---- */

static void
assert_backoff_within_jitter (guint attempt, GTimeSpan base, GTimeSpan max, GTimeSpan nominal)
{
  GTimeSpan low = (GTimeSpan) (nominal * (1.0 - KP_DELIVERY_AGENT_JITTER));
  GTimeSpan high = MIN ((GTimeSpan) (nominal * (1.0 + KP_DELIVERY_AGENT_JITTER)), max);

  /* 0.5 is the middle of the jitter: exactly the doubled delay. */
  g_assert_cmpint (kp_delivery_agent_compute_backoff (attempt, base, max, 0.5), ==, nominal);
  /* Allow a microsecond for rounding. */
  g_assert_cmpint (kp_delivery_agent_compute_backoff (attempt, base, max, 0.0), >=, low - 1);
  g_assert_cmpint (kp_delivery_agent_compute_backoff (attempt, base, max, 0.0), <=, low + 1);
  g_assert_cmpint (kp_delivery_agent_compute_backoff (attempt, base, max, 0.999999), <=, high);
  g_assert_cmpint (kp_delivery_agent_compute_backoff (attempt, base, max, 0.999999), >=,
                   high - high / 10000);
  for (int i = 0; i < 100; i++)
    {
      GTimeSpan delay = kp_delivery_agent_compute_backoff (attempt, base, max, g_random_double ());

      g_assert_cmpint (delay, >=, low - 1);
      g_assert_cmpint (delay, <=, high);
    }
}

static void
test_backoff_table (void)
{
  const GTimeSpan s = G_TIME_SPAN_SECOND;
  const struct
  {
    guint attempt;
    GTimeSpan base;
    GTimeSpan max;
    GTimeSpan nominal;
  } cases[] = {
    { 1, 5 * s, G_TIME_SPAN_HOUR, 5 * s },
    { 2, 5 * s, G_TIME_SPAN_HOUR, 10 * s },
    { 3, 5 * s, G_TIME_SPAN_HOUR, 20 * s },
    { 4, 5 * s, G_TIME_SPAN_HOUR, 40 * s },
    { 8, 5 * s, G_TIME_SPAN_HOUR, 640 * s },
    { 10, 5 * s, G_TIME_SPAN_HOUR, 2560 * s },
    { 11, 5 * s, G_TIME_SPAN_HOUR, G_TIME_SPAN_HOUR }, /* 5120 s, capped */
    { 12, 5 * s, G_TIME_SPAN_HOUR, G_TIME_SPAN_HOUR },
    { 1000, 5 * s, G_TIME_SPAN_HOUR, G_TIME_SPAN_HOUR },
    { G_MAXUINT, 5 * s, G_TIME_SPAN_HOUR, G_TIME_SPAN_HOUR },
    { 1, s, 10 * s, s },
    { 4, s, 10 * s, 8 * s },
    { 5, s, 10 * s, 10 * s },
    { 3, 7 * s, 7 * s, 7 * s }, /* base and cap the same: no doubling at all */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_backoff_within_jitter (cases[i].attempt, cases[i].base, cases[i].max, cases[i].nominal);
}

/* A delay of zero would make the row due again within the same pass. */
static void
test_backoff_never_zero (void)
{
  g_assert_cmpint (kp_delivery_agent_compute_backoff (1, 1, 1, 0.0), ==, 1);
  g_assert_cmpint (kp_delivery_agent_compute_backoff (1, 1, 10, 0.0), ==, 1);
}

/* ---- Delivery ---- */

static void
test_success_marks_delivered (Fixture *fixture, gconstpointer data)
{
  g_autofree char *first = submit (fixture, NULL);
  g_autofree char *second = submit (fixture, NULL);
  gint64 now = g_get_real_time () + G_TIME_SPAN_SECOND;
  const char *references[] = { first, second };

  g_assert_cmpuint (deliver_due (fixture, now), ==, 2);

  g_assert_cmpuint (fixture->backend->calls->len, ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (references); i++)
    {
      g_autoptr (KpOutboxItem) item = lookup (fixture, references[i]);
      g_autofree char *remote_id = g_strdup_printf ("FAKE-%u", i + 1);

      /* Oldest first, each once, under its own idempotency key. */
      g_assert_cmpstr (g_ptr_array_index (fixture->backend->calls, i), ==,
                       kp_outbox_item_get_idempotency_key (item));
      g_assert_cmpint (kp_outbox_item_get_state (item), ==, KP_OUTBOX_STATE_DELIVERED);
      g_assert_cmpstr (kp_outbox_item_get_remote_id (item), ==, remote_id);
      g_assert_cmpstr (kp_outbox_item_get_remote_status (item), ==, "open");
      g_assert_cmpint (kp_outbox_item_get_delivered_at (item), ==, now);
      g_assert_cmpuint (kp_outbox_item_get_attempts (item), ==, 1);
    }

  /* Nothing is left to do, now or much later. */
  g_assert_cmpuint (deliver_due (fixture, now + G_TIME_SPAN_DAY), ==, 0);
  g_assert_cmpuint (fixture->backend->calls->len, ==, 2);
}

static void
assert_due_within_jitter (
    Fixture *fixture, const char *reference, gint64 failed_at, GTimeSpan nominal, guint attempts)
{
  g_autoptr (KpOutboxItem) item = lookup (fixture, reference);
  gint64 next = kp_outbox_item_get_next_attempt_at (item);

  g_assert_cmpint (kp_outbox_item_get_state (item), ==, KP_OUTBOX_STATE_PENDING);
  g_assert_cmpuint (kp_outbox_item_get_attempts (item), ==, attempts);
  g_assert_cmpstr (kp_outbox_item_get_last_error (item), ==, "Case system unavailable (503)");
  g_assert_cmpint (next, >=, failed_at + nominal - nominal / 5);
  g_assert_cmpint (next, <=, failed_at + nominal + nominal / 5);
}

static void
test_temporary_failure_retries_with_backoff (Fixture *fixture, gconstpointer data)
{
  g_autofree char *reference = submit (fixture, NULL);
  gint64 t0 = g_get_real_time () + G_TIME_SPAN_SECOND;
  gint64 t1, t2;

  fixture->backend->n_temporary_failures = 2;
  kp_delivery_agent_set_retry_delays (fixture->agent, 5 * G_TIME_SPAN_SECOND, G_TIME_SPAN_HOUR);

  /* First failure: due again 5 s later, give or take 20%. */
  g_assert_cmpuint (deliver_due (fixture, t0), ==, 1);
  assert_due_within_jitter (fixture, reference, t0, 5 * G_TIME_SPAN_SECOND, 1);

  /* Before that time nothing happens. */
  g_assert_cmpuint (deliver_due (fixture, t0 + 3 * G_TIME_SPAN_SECOND), ==, 0);
  g_assert_cmpuint (fixture->backend->calls->len, ==, 1);

  /* Second failure, at the time it was due: the wait doubles. */
  {
    g_autoptr (KpOutboxItem) item = lookup (fixture, reference);
    t1 = kp_outbox_item_get_next_attempt_at (item);
  }
  g_assert_cmpuint (deliver_due (fixture, t1), ==, 1);
  assert_due_within_jitter (fixture, reference, t1, 10 * G_TIME_SPAN_SECOND, 2);

  /* Third try succeeds, with the same idempotency key every time. */
  {
    g_autoptr (KpOutboxItem) item = lookup (fixture, reference);
    t2 = kp_outbox_item_get_next_attempt_at (item);
  }
  g_assert_cmpuint (deliver_due (fixture, t2), ==, 1);
  {
    g_autoptr (KpOutboxItem) item = lookup (fixture, reference);

    g_assert_cmpint (kp_outbox_item_get_state (item), ==, KP_OUTBOX_STATE_DELIVERED);
    g_assert_cmpstr (kp_outbox_item_get_remote_id (item), ==, "FAKE-3");
    g_assert_cmpint (kp_outbox_item_get_delivered_at (item), ==, t2);
    g_assert_cmpuint (kp_outbox_item_get_attempts (item), ==, 3);
    g_assert_cmpuint (fixture->backend->calls->len, ==, 3);
    for (guint i = 0; i < 3; i++)
      g_assert_cmpstr (g_ptr_array_index (fixture->backend->calls, i), ==,
                       kp_outbox_item_get_idempotency_key (item));
  }
}

static void
test_permanent_failure_rejects (Fixture *fixture, gconstpointer data)
{
  g_autofree char *reference = submit (fixture, NULL);
  gint64 now = g_get_real_time () + G_TIME_SPAN_SECOND;
  g_autoptr (KpOutboxItem) item = NULL;

  fixture->backend->refuse = TRUE;
  g_assert_cmpuint (deliver_due (fixture, now), ==, 1);

  item = lookup (fixture, reference);
  g_assert_cmpint (kp_outbox_item_get_state (item), ==, KP_OUTBOX_STATE_REJECTED);
  g_assert_cmpstr (kp_outbox_item_get_last_error (item), ==, "Case type unknown (400)");
  g_assert_null (kp_outbox_item_get_remote_id (item));

  /* Rejected is for good: no retry, however long we wait. */
  g_assert_cmpuint (deliver_due (fixture, now + G_TIME_SPAN_DAY), ==, 0);
  g_assert_cmpuint (fixture->backend->calls->len, ==, 1);
}

/* The backend finishes the row it has; the rows after it stay untouched. */
static void
test_cancel_stops_between_rows (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *first = submit (fixture, NULL);
  g_autofree char *second = submit (fixture, NULL);
  g_autofree char *third = submit (fixture, NULL);
  const char *untouched[] = { second, third };
  gint64 now = g_get_real_time () + G_TIME_SPAN_SECOND;
  guint n_handled = 0;

  fixture->backend->cancel_on_call = cancellable;
  g_assert_false (
      kp_delivery_agent_deliver_due (fixture->agent, now, cancellable, &n_handled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (n_handled, ==, 1);
  g_assert_cmpuint (fixture->backend->calls->len, ==, 1);

  {
    g_autoptr (KpOutboxItem) item = lookup (fixture, first);

    g_assert_cmpint (kp_outbox_item_get_state (item), ==, KP_OUTBOX_STATE_DELIVERED);
  }
  for (guint i = 0; i < G_N_ELEMENTS (untouched); i++)
    {
      g_autoptr (KpOutboxItem) item = lookup (fixture, untouched[i]);

      g_assert_cmpint (kp_outbox_item_get_state (item), ==, KP_OUTBOX_STATE_PENDING);
      g_assert_cmpuint (kp_outbox_item_get_attempts (item), ==, 0);
    }
  fixture->backend->cancel_on_call = NULL;
}

/*
 * A backend that gives up because we are stopping says nothing about the
 * case system: the row is due again at once, not after a back-off.
 */
static void
test_cancel_during_delivery_keeps_row_due (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *reference = submit (fixture, NULL);
  gint64 now = g_get_real_time () + G_TIME_SPAN_SECOND;
  guint n_handled = 0;

  fixture->backend->cancel_on_call = cancellable;
  fixture->backend->abandon_when_cancelled = TRUE;
  g_assert_false (
      kp_delivery_agent_deliver_due (fixture->agent, now, cancellable, &n_handled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (n_handled, ==, 1);
  {
    g_autoptr (KpOutboxItem) item = lookup (fixture, reference);

    g_assert_cmpint (kp_outbox_item_get_state (item), ==, KP_OUTBOX_STATE_PENDING);
    g_assert_cmpint (kp_outbox_item_get_next_attempt_at (item), ==, now);
  }

  /* The next run delivers it. */
  fixture->backend->cancel_on_call = NULL;
  g_assert_cmpuint (deliver_due (fixture, now), ==, 1);
  {
    g_autoptr (KpOutboxItem) item = lookup (fixture, reference);

    g_assert_cmpint (kp_outbox_item_get_state (item), ==, KP_OUTBOX_STATE_DELIVERED);
    g_assert_cmpuint (kp_outbox_item_get_attempts (item), ==, 2);
  }
}

static void
change_file (const char *path)
{
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, "another photo", -1, &error);
  g_assert_no_error (error);
}

static void
remove_file (const char *path)
{
  g_assert_cmpint (g_unlink (path), ==, 0);
}

/*
 * What the resident handed in is checked before it goes out: a file that
 * changed never will be right again, one that is missing may come back.
 */
static void
test_attachment_checked_before_delivery (Fixture *fixture, gconstpointer data)
{
  const struct
  {
    const char *what;
    void (*damage) (const char *path);
    KpOutboxState state;
  } cases[] = {
    { "changed", change_file, KP_OUTBOX_STATE_REJECTED },
    { "missing", remove_file, KP_OUTBOX_STATE_PENDING },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *path = g_build_filename (fixture->dir, "photo.jpg", NULL);
      g_autoptr (GPtrArray) attachments
          = g_ptr_array_new_with_free_func ((GDestroyNotify) kp_attachment_free);
      g_autofree char *reference = NULL;
      g_autoptr (KpOutboxItem) item = NULL;
      guint n_calls = fixture->backend->calls->len;

      g_test_message ("attachment %s", cases[i].what);
      g_file_set_contents (path, "the photo", -1, &error);
      g_assert_no_error (error);
      g_ptr_array_add (attachments,
                       kp_attachment_new_from_file ("photo.jpg", "image/jpeg", path, &error));
      g_assert_no_error (error);
      reference = submit (fixture, attachments);

      cases[i].damage (path);
      deliver_due (fixture, g_get_real_time () + G_TIME_SPAN_SECOND);

      item = lookup (fixture, reference);
      g_assert_cmpint (kp_outbox_item_get_state (item), ==, cases[i].state);
      g_assert_true (g_str_has_prefix (kp_outbox_item_get_last_error (item), "Attachment 1 "));
      g_assert_cmpuint (fixture->backend->calls->len, ==, n_calls);
    }
}

static void
on_pass_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_deliver_due_async (Fixture *fixture, gconstpointer data)
{
  g_autofree char *reference = submit (fixture, NULL);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (KpOutboxItem) item = NULL;
  g_autoptr (GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  guint n_handled = 0;

  kp_delivery_agent_deliver_due_async (fixture->agent, g_get_real_time () + G_TIME_SPAN_SECOND,
                                       NULL, on_pass_done, &result);
  while (result == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_assert_nonnull (result);
  g_assert_true (kp_delivery_agent_deliver_due_finish (fixture->agent, result, &n_handled, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_handled, ==, 1);
  item = lookup (fixture, reference);
  g_assert_cmpint (kp_outbox_item_get_state (item), ==, KP_OUTBOX_STATE_DELIVERED);

  /* The worker thread lets go of the task, and so of the agent, just after the result. */
  g_clear_object (&result);
  while (g_atomic_int_get (&G_OBJECT (fixture->agent)->ref_count) > 1
         && g_get_monotonic_time () < deadline)
    g_usleep (1000);
}

/*
 * Exactly once: the agent dies after the case system filed the case but
 * before the outbox heard of it. After recovery the retry, with the same
 * idempotency key, finds that case instead of filing a second one.
 */
static void
test_crash_after_delivery_files_one_case (Fixture *fixture, gconstpointer data)
{
  g_autoptr (KpLocalRegister) local_register = kp_local_register_new (fixture->store);
  g_autoptr (KpDeliveryAgent) agent
      = kp_delivery_agent_new (fixture->outbox, KP_BACKEND (local_register));
  g_autoptr (GPtrArray) attachments = g_ptr_array_new ();
  g_autoptr (GPtrArray) cases = NULL;
  g_autoptr (KpOutboxItem) claimed = NULL;
  g_autoptr (KpOutboxItem) item = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *reference = submit (fixture, NULL);
  g_autofree char *remote_id = NULL;
  g_autofree char *remote_status = NULL;
  gint64 now = g_get_real_time () + G_TIME_SPAN_SECOND;
  guint n_handled = 0;

  /* What the agent does up to the crash: claim, then deliver. */
  claimed = kp_outbox_claim_due (fixture->outbox, now, &error);
  g_assert_no_error (error);
  g_assert_true (kp_backend_deliver (KP_BACKEND (local_register), claimed, attachments, &remote_id,
                                     &remote_status, NULL, &error));
  g_assert_no_error (error);

  /* What kernpunt-syncd does when it starts again. */
  g_assert_cmpuint (kp_outbox_recover_interrupted (fixture->outbox, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_true (kp_delivery_agent_deliver_due (agent, now, NULL, &n_handled, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_handled, ==, 1);

  item = lookup (fixture, reference);
  g_assert_cmpint (kp_outbox_item_get_state (item), ==, KP_OUTBOX_STATE_DELIVERED);
  g_assert_cmpstr (kp_outbox_item_get_remote_id (item), ==, remote_id);
  cases = kp_local_register_list_cases (local_register, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 1);
  g_assert_cmpstr (kp_case_get_case_id (g_ptr_array_index (cases, 0)), ==, remote_id);

  g_assert_finalize_object (g_steal_pointer (&agent));
  g_assert_finalize_object (g_steal_pointer (&local_register));
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/delivery-agent/backoff/table", test_backoff_table);
  g_test_add_func ("/delivery-agent/backoff/never-zero", test_backoff_never_zero);
  g_test_add ("/delivery-agent/success-marks-delivered", Fixture, NULL, fixture_set_up,
              test_success_marks_delivered, fixture_tear_down);
  g_test_add ("/delivery-agent/temporary-failure-retries-with-backoff", Fixture, NULL,
              fixture_set_up, test_temporary_failure_retries_with_backoff, fixture_tear_down);
  g_test_add ("/delivery-agent/permanent-failure-rejects", Fixture, NULL, fixture_set_up,
              test_permanent_failure_rejects, fixture_tear_down);
  g_test_add ("/delivery-agent/cancel-stops-between-rows", Fixture, NULL, fixture_set_up,
              test_cancel_stops_between_rows, fixture_tear_down);
  g_test_add ("/delivery-agent/cancel-during-delivery-keeps-row-due", Fixture, NULL, fixture_set_up,
              test_cancel_during_delivery_keeps_row_due, fixture_tear_down);
  g_test_add ("/delivery-agent/attachment-checked-before-delivery", Fixture, NULL, fixture_set_up,
              test_attachment_checked_before_delivery, fixture_tear_down);
  g_test_add ("/delivery-agent/deliver-due-async", Fixture, NULL, fixture_set_up,
              test_deliver_due_async, fixture_tear_down);
  g_test_add ("/delivery-agent/crash-after-delivery-files-one-case", Fixture, NULL, fixture_set_up,
              test_crash_after_delivery_files_one_case, fixture_tear_down);

  return g_test_run ();
}
