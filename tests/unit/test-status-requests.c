/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-delivery-steps.h"
#include "kp-outbox.h"
#include "kp-status-requests.h"
#include "kp-store-private.h"
#include "kp-test-helpers.h"

/*
 * The status screen asks kernpunt-syncd through the database: what the
 * kiosk writes, what kernpunt-syncd takes and keeps, and what the kiosk
 * reads back, including when nobody answers.
 */

#define PAYLOAD "{\"kind\":\"report\",\"version\":1}"
/* Schema 8 added status_requests and case_status. */
#define STATUS_SCHEMA 8

typedef struct
{
  char *dir;
  char *path;
  KpStore *store;
  KpOutbox *outbox;
  KpStatusRequests *requests;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = kp_test_make_tmpdir ("status-requests");
  fixture->path = g_build_filename (fixture->dir, "kernpunt.db", NULL);
  fixture->store = kp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->outbox = kp_outbox_new (fixture->store);
  fixture->requests = kp_status_requests_new (fixture->store);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_assert_finalize_object (fixture->requests);
  g_assert_finalize_object (fixture->outbox);
  g_assert_finalize_object (fixture->store);
  kp_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

typedef enum
{
  WHERE_EMBEDDED,
  WHERE_ZGW,
  WHERE_SIGNALEN,
  WHERE_KLANTINTERACTIES,
} Where;

/* A submission as the backend left it: its own bookkeeping, then delivered (or not). (transfer full) */
static char *
submit (Fixture *fixture, Where where, gboolean delivered, gint64 delivered_at)
{
  g_autoptr (GError) error = NULL;
  char *reference = kp_outbox_submit (fixture->outbox, "report", PAYLOAD, NULL, &error);
  g_autofree char *sql = NULL;

  g_assert_no_error (error);
  switch (where)
    {
      case WHERE_ZGW:
        sql = g_strdup_printf ("INSERT INTO zgw_deliveries (reference, identificatie, zaak_url)"
                               " VALUES ('%s', 'ZAAK-%s', 'https://zaken.example.nl/zaken/1')",
                               reference, reference);
        g_assert_true (kp_store_exec (fixture->store, sql, &error));
        break;
      case WHERE_SIGNALEN:
        kp_delivery_steps_save (fixture->store, reference, "signal",
                                "5a4b7a2c-29e0-4e5e-8a3b-6f0c1d2e3f40", &error);
        kp_delivery_steps_save (fixture->store, reference, "signal-id-display", "SIA-123", &error);
        break;
      case WHERE_KLANTINTERACTIES:
        kp_delivery_steps_save (fixture->store, reference, "klantcontact",
                                "11111111-29e0-4e5e-8a3b-6f0c1d2e3f40", &error);
        kp_delivery_steps_save (fixture->store, reference, "klantcontact-nummer", "0000000042",
                                &error);
        kp_delivery_steps_save (fixture->store, reference, "internetaak",
                                "22222222-29e0-4e5e-8a3b-6f0c1d2e3f40", &error);
        break;
      case WHERE_EMBEDDED:
      default:
        break;
    }
  g_assert_no_error (error);
  if (delivered)
    {
      g_autoptr (KpOutboxItem) item = kp_outbox_claim_due (fixture->outbox, G_MAXINT64, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (kp_outbox_item_get_reference (item), ==, reference);
      g_assert_true (kp_outbox_mark_delivered (fixture->outbox, reference, "remote", "OPEN",
                                               delivered_at, &error));
      g_assert_no_error (error);
    }
  return reference;
}

static const struct
{
  Where where;
  gboolean delivered;
  const char *backend; /* NULL: nothing to ask */
  const char *key_prefix;
  const char *number_prefix; /* the number people read */
} find_cases[] = {
  { WHERE_EMBEDDED, TRUE, NULL, NULL, NULL },
  { WHERE_ZGW, TRUE, "zgw", "ZAAK-KP-", "ZAAK-KP-" },
  { WHERE_SIGNALEN, TRUE, "signalen", "5a4b7a2c-", "SIA-123" },
  { WHERE_KLANTINTERACTIES, TRUE, "klantinteracties", "22222222-", "0000000042" },
  /* Last: a row left pending would be claimed instead of the next one. */
  { WHERE_ZGW, FALSE, NULL, NULL, NULL },
};

/* Where a case went is read from what its delivery stored, so only delivered remote cases count. */
static void
test_find_case (Fixture *fixture, gconstpointer data)
{
  for (gsize i = 0; i < G_N_ELEMENTS (find_cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *reference
          = submit (fixture, find_cases[i].where, find_cases[i].delivered, g_get_real_time ());
      g_autoptr (KpRemoteCase) found
          = kp_status_requests_find_case (fixture->requests, reference, &error);

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_no_error (error);
      if (find_cases[i].backend == NULL)
        {
          g_assert_null (found);
          continue;
        }
      g_assert_nonnull (found);
      g_assert_cmpstr (found->reference, ==, reference);
      g_assert_cmpstr (found->backend, ==, find_cases[i].backend);
      g_assert_true (g_str_has_prefix (found->key, find_cases[i].key_prefix));
      g_assert_true (g_str_has_prefix (found->number, find_cases[i].number_prefix));
    }
}

/* The whole round: the kiosk asks, kernpunt-syncd takes the request and answers, the kiosk reads. */
static void
test_ask_and_answer (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *reference = submit (fixture, WHERE_ZGW, TRUE, g_get_real_time ());
  g_autoptr (GPtrArray) asked = NULL;
  g_autoptr (GPtrArray) again = NULL;
  g_autoptr (KpCaseStatus) known = NULL;
  gint64 asked_at = g_get_real_time ();
  gboolean answered = FALSE;

  g_assert_true (kp_status_requests_ask (fixture->requests, reference, asked_at, &error));
  g_assert_no_error (error);
  asked = kp_status_requests_take_asked (fixture->requests, asked_at - G_TIME_SPAN_SECOND, 10,
                                         &error);
  g_assert_no_error (error);
  g_assert_cmpuint (asked->len, ==, 1);
  g_assert_true (kp_status_requests_record_answer (fixture->requests, g_ptr_array_index (asked, 0),
                                                   "Afgehandeld", "Uw melding is opgelost.",
                                                   asked_at + 5, &error));
  g_assert_no_error (error);

  known = kp_status_requests_wait (fixture->requests, reference, asked_at, G_TIME_SPAN_SECOND,
                                   G_TIME_SPAN_MILLISECOND, &answered, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (answered);
  g_assert_cmpstr (known->backend, ==, "zgw");
  g_assert_cmpstr (known->status, ==, "Afgehandeld");
  g_assert_cmpstr (known->status_text, ==, "Uw melding is opgelost.");
  g_assert_cmpint (known->checked_at, ==, asked_at + 5);
  g_assert_null (known->error_class);

  /* Answered means closed: the next round has nothing to do. */
  again = kp_status_requests_take_asked (fixture->requests, asked_at - G_TIME_SPAN_SECOND, 10,
                                         &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 0);
}

/* A failure is told as such, and the last known status stays beside it. */
static void
test_failure_keeps_last_known (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *reference = submit (fixture, WHERE_SIGNALEN, TRUE, g_get_real_time ());
  g_autoptr (KpRemoteCase) remote_case
      = kp_status_requests_find_case (fixture->requests, reference, &error);
  g_autoptr (KpCaseStatus) known = NULL;
  gboolean answered = FALSE;

  g_assert_true (kp_status_requests_record_answer (fixture->requests, remote_case, "OPEN", NULL,
                                                   1000, &error));
  g_assert_true (kp_status_requests_ask (fixture->requests, reference, 2000, &error));
  g_assert_true (kp_status_requests_record_failure (
      fixture->requests, remote_case, KP_CASE_STATUS_ERROR_UNREACHABLE, 3000, &error));
  g_assert_no_error (error);

  known = kp_status_requests_wait (fixture->requests, reference, 2000, G_TIME_SPAN_SECOND,
                                   G_TIME_SPAN_MILLISECOND, &answered, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (answered);
  g_assert_cmpstr (known->status, ==, "OPEN");
  g_assert_cmpint (known->checked_at, ==, 1000);
  g_assert_cmpstr (known->error_class, ==, KP_CASE_STATUS_ERROR_UNREACHABLE);
  g_assert_cmpint (known->error_at, ==, 3000);
}

/* Nobody answers: the wait ends at its timeout, says so, and gives what was known (nothing). */
static void
test_wait_times_out (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *reference = submit (fixture, WHERE_KLANTINTERACTIES, TRUE, g_get_real_time ());
  g_autoptr (KpCaseStatus) known = NULL;
  gint64 asked_at = g_get_real_time ();
  gint64 started = g_get_monotonic_time ();
  gint64 waited;
  gboolean answered = TRUE;

  g_assert_true (kp_status_requests_ask (fixture->requests, reference, asked_at, &error));
  known = kp_status_requests_wait (fixture->requests, reference, asked_at,
                                   300 * G_TIME_SPAN_MILLISECOND, 20 * G_TIME_SPAN_MILLISECOND,
                                   &answered, NULL, &error);
  waited = g_get_monotonic_time () - started;
  g_assert_no_error (error);
  g_assert_false (answered);
  g_assert_null (known);
  g_assert_cmpint (waited, >=, 300 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (waited, <, 2 * G_TIME_SPAN_SECOND);
}

/* An answer from before the question is old news, not an answer. */
static void
test_old_answer_is_no_answer (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *reference = submit (fixture, WHERE_ZGW, TRUE, g_get_real_time ());
  g_autoptr (KpRemoteCase) remote_case
      = kp_status_requests_find_case (fixture->requests, reference, &error);
  g_autoptr (KpCaseStatus) known = NULL;
  gboolean answered = TRUE;

  g_assert_true (kp_status_requests_record_answer (fixture->requests, remote_case, "Ontvangen",
                                                   NULL, 1000, &error));
  known = kp_status_requests_wait (fixture->requests, reference, 2000, 50 * G_TIME_SPAN_MILLISECOND,
                                   10 * G_TIME_SPAN_MILLISECOND, &answered, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (answered);
  g_assert_cmpstr (known->status, ==, "Ontvangen");
}

/* Requests nobody waits for any more, and requests about cases no system has, are dropped. */
static void
test_stale_requests_dropped (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *old = submit (fixture, WHERE_ZGW, TRUE, g_get_real_time ());
  g_autofree char *embedded = submit (fixture, WHERE_EMBEDDED, TRUE, g_get_real_time ());
  g_autofree char *fresh = submit (fixture, WHERE_SIGNALEN, TRUE, g_get_real_time ());
  g_autoptr (GPtrArray) asked = NULL;
  g_autoptr (GPtrArray) again = NULL;

  g_assert_true (kp_status_requests_ask (fixture->requests, old, 1000, &error));
  g_assert_true (kp_status_requests_ask (fixture->requests, embedded, 5000, &error));
  g_assert_true (kp_status_requests_ask (fixture->requests, fresh, 5000, &error));
  asked = kp_status_requests_take_asked (fixture->requests, 4000, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (asked->len, ==, 1);
  g_assert_cmpstr (((KpRemoteCase *) g_ptr_array_index (asked, 0))->reference, ==, fresh);

  /* Dropped for good: a round that would take old requests finds only the one still waiting. */
  again = kp_status_requests_take_asked (fixture->requests, 0, 10, &error);
  g_assert_cmpuint (again->len, ==, 1);
}

/* The refresh takes recent deliveries whose status is old, least recently checked first, in batches. */
static void
test_list_stale (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 now = g_get_real_time ();
  g_autofree char *long_ago = submit (fixture, WHERE_ZGW, TRUE, now - 30 * G_TIME_SPAN_DAY);
  g_autofree char *never = submit (fixture, WHERE_ZGW, TRUE, now - G_TIME_SPAN_DAY);
  g_autofree char *old_check = submit (fixture, WHERE_SIGNALEN, TRUE, now - G_TIME_SPAN_DAY);
  g_autofree char *new_check = submit (fixture, WHERE_SIGNALEN, TRUE, now - G_TIME_SPAN_DAY);
  g_autofree char *embedded = submit (fixture, WHERE_EMBEDDED, TRUE, now);
  g_autoptr (KpRemoteCase) old_case
      = kp_status_requests_find_case (fixture->requests, old_check, &error);
  g_autoptr (KpRemoteCase) new_case
      = kp_status_requests_find_case (fixture->requests, new_check, &error);
  g_autoptr (GPtrArray) stale = NULL;
  g_autoptr (GPtrArray) one = NULL;

  g_assert_true (kp_status_requests_record_answer (fixture->requests, old_case, "OPEN", NULL,
                                                   now - 2 * G_TIME_SPAN_HOUR, &error));
  g_assert_true (kp_status_requests_record_failure (fixture->requests, new_case,
                                                    KP_CASE_STATUS_ERROR_UNREACHABLE,
                                                    now - G_TIME_SPAN_MINUTE, &error));
  stale = kp_status_requests_list_stale (fixture->requests, now - 14 * G_TIME_SPAN_DAY,
                                         now - G_TIME_SPAN_HOUR, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stale->len, ==, 2);
  g_assert_cmpstr (((KpRemoteCase *) g_ptr_array_index (stale, 0))->reference, ==, never);
  g_assert_cmpstr (((KpRemoteCase *) g_ptr_array_index (stale, 1))->reference, ==, old_check);

  one = kp_status_requests_list_stale (fixture->requests, now - 14 * G_TIME_SPAN_DAY,
                                       now - G_TIME_SPAN_HOUR, 1, &error);
  g_assert_cmpuint (one->len, ==, 1);
}

static int
query_int (sqlite3 *db, const char *sql)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int (stmt, 0);
}

/* A database from before schema 8 gains the two tables and keeps its rows. */
static void
test_migration (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = kp_test_make_tmpdir ("status-migration");
  g_autofree char *path = g_build_filename (dir, "kernpunt.db", NULL);
  g_autoptr (KpStore) old = kp_store_open_at_version (path, STATUS_SCHEMA - 1, &error);
  g_autoptr (KpStore) store = NULL;
  g_autoptr (KpOutbox) outbox = NULL;
  g_autofree char *reference = NULL;
  sqlite3 *db;

  g_assert_no_error (error);
  outbox = kp_outbox_new (old);
  reference = kp_outbox_submit (outbox, "report", PAYLOAD, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (kp_store_get_db (old), "SELECT count(*) FROM sqlite_master"
                                                     " WHERE name = 'case_status'"),
                   ==, 0);
  g_clear_object (&outbox);
  g_clear_object (&old);

  store = kp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kp_store_get_schema_version (store), >=, STATUS_SCHEMA);
  db = kp_store_get_db (store);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM outbox"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                                  " AND name IN ('status_requests', 'case_status')"),
                   ==, 2);
  /* The deliberate mistake: a request without a time is refused by the schema. */
  g_assert_false (
      kp_store_exec (store, "INSERT INTO status_requests (reference) VALUES ('KP')", &error));
  g_assert_error (error, KP_STORE_ERROR, KP_STORE_ERROR_SQL);
  g_clear_object (&store);
  kp_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/status-requests/find-case", test_find_case);
  ADD ("/status-requests/ask-and-answer", test_ask_and_answer);
  ADD ("/status-requests/failure-keeps-last-known", test_failure_keeps_last_known);
  ADD ("/status-requests/wait-times-out", test_wait_times_out);
  ADD ("/status-requests/old-answer-is-no-answer", test_old_answer_is_no_answer);
  ADD ("/status-requests/stale-requests-dropped", test_stale_requests_dropped);
  ADD ("/status-requests/list-stale", test_list_stale);
#undef ADD
  g_test_add_func ("/status-requests/migration", test_migration);

  return g_test_run ();
}
