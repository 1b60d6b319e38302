/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-delivery-agent.h"
#include "kp-delivery-steps.h"
#include "kp-lost-report.h"
#include "kp-reference.h"
#include "kp-store-private.h"
#include "kp-submission-status.h"
#include "kp-test-helpers.h"

#include <string.h>

typedef struct
{
  char *dir;
  KpStore *store;
  KpOutbox *outbox;
  KpLocalRegister *local_register;
  char *reference;
} Fixture;

/* A lost report, as the owner leaves it at the kiosk. (transfer full) */
static char *
submit_lost (KpOutbox *outbox)
{
  g_autoptr (KpLostReport) lost = kp_lost_report_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  char *reference;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  kp_lost_report_set_object_kind (lost, "bag", &error);
  kp_lost_report_set_lost_on (lost, &today, &error);
  kp_lost_report_set_name (lost, "Els de Vries", &error);
  kp_lost_report_set_email (lost, "els@example.nl", &error);
  g_assert_no_error (error);
  reference = kp_submission_submit (KP_SUBMISSION (lost), outbox, &error);
  g_assert_no_error (error);
  return reference;
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = kp_test_make_tmpdir ("status");
  path = g_build_filename (fixture->dir, "kernpunt.db", NULL);
  fixture->store = kp_store_open (path, &error);
  g_assert_no_error (error);
  fixture->outbox = kp_outbox_new (fixture->store);
  fixture->local_register = kp_local_register_new (fixture->store);
  fixture->reference = submit_lost (fixture->outbox);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_assert_finalize_object (fixture->local_register);
  g_assert_finalize_object (fixture->outbox);
  g_assert_finalize_object (fixture->store);
  kp_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->reference);
}

static void
deliver (Fixture *fixture)
{
  g_autoptr (KpDeliveryAgent) agent
      = kp_delivery_agent_new (fixture->outbox, KP_BACKEND (fixture->local_register));
  g_autoptr (GError) error = NULL;

  g_assert_true (kp_delivery_agent_deliver_due (agent, g_get_real_time (), NULL, NULL, &error));
  g_assert_no_error (error);
}

static KpSubmissionStatus *
look_up (Fixture *fixture, const char *typed)
{
  g_autoptr (GError) error = NULL;
  KpSubmissionStatus *status
      = kp_submission_status_lookup (fixture->outbox, fixture->local_register, typed, &error);

  g_assert_no_error (error);
  return status;
}

/* The history as "status: text" lines, for comparing with what a resident should read. */
static char *
dup_history (KpSubmissionStatus *status)
{
  GPtrArray *history = kp_submission_status_get_history (status);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < history->len; i++)
    {
      KpStatusStep *step = g_ptr_array_index (history, i);

      g_string_append_printf (text, "%s: %s\n", step->status, step->text);
    }
  return g_string_free (text, FALSE);
}

static void
test_waiting (Fixture *fixture, gconstpointer data)
{
  g_autoptr (KpSubmissionStatus) status = look_up (fixture, fixture->reference);
  g_autofree char *history = dup_history (status);

  g_assert_cmpstr (kp_submission_status_get_reference (status), ==, fixture->reference);
  g_assert_cmpstr (kp_submission_status_get_kind (status), ==, "lost");
  g_assert_null (kp_submission_status_get_case_id (status));
  g_assert_cmpstr (kp_submission_status_get_status (status), ==, "saved");
  g_assert_cmpstr (history, ==,
                   "saved: Saved at the information point. It goes to the municipality soon.\n");
}

/* The case's statuses, each with its B1 text, in the order they came. */
static void
test_case_history (Fixture *fixture, gconstpointer data)
{
  g_autoptr (KpSubmissionStatus) received = NULL;
  g_autoptr (KpSubmissionStatus) done = NULL;
  g_autoptr (KpCase) kase = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *history = NULL;

  deliver (fixture);
  received = look_up (fixture, fixture->reference);
  kase = kp_local_register_lookup (fixture->local_register, fixture->reference, &error);
  g_assert_cmpstr (kp_submission_status_get_case_id (received), ==, kp_case_get_case_id (kase));
  g_assert_cmpstr (kp_submission_status_get_text (received), ==,
                   "The municipality has received it.");

  g_assert_true (kp_local_register_set_status (fixture->local_register, fixture->reference,
                                               KP_CASE_STATUS_IN_PROGRESS, &error));
  /* The same status again is no change and no new step. */
  g_assert_true (kp_local_register_set_status (fixture->local_register, fixture->reference,
                                               KP_CASE_STATUS_IN_PROGRESS, &error));
  g_assert_true (kp_local_register_set_status (fixture->local_register, fixture->reference,
                                               KP_CASE_STATUS_DONE, &error));
  g_assert_no_error (error);
  /* A status the register does not know is refused and changes nothing. */
  g_assert_false (kp_local_register_set_status (fixture->local_register, fixture->reference,
                                                "lost-in-the-post", &error));
  g_assert_error (error, KP_LOCAL_REGISTER_ERROR, KP_LOCAL_REGISTER_ERROR_STATUS);

  done = look_up (fixture, fixture->reference);
  history = dup_history (done);
  /* Once sent, the first step no longer promises that it goes soon. */
  g_assert_cmpstr (history, ==,
                   "saved: Saved at the information point.\n"
                   "received: The municipality has received it.\n"
                   "in-progress: The municipality is working on it.\n"
                   "done: The municipality has finished it.\n");
  g_assert_cmpstr (kp_submission_status_get_status (done), ==, "done");
}

/* What a resident types or scans: any case, spaces, no dashes. */
static void
test_typed_reference (Fixture *fixture, gconstpointer data)
{
  g_autofree char *lower = g_ascii_strdown (fixture->reference, -1);
  g_auto (GStrv) parts = g_strsplit (lower, "-", -1);
  g_autofree char *spaced = g_strjoinv (" ", parts);
  g_autofree char *bare = g_strjoinv ("", parts + 1);
  const char *typed[] = { lower, spaced, bare };

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autoptr (KpSubmissionStatus) status = look_up (fixture, typed[i]);

      g_assert_cmpstr (kp_submission_status_get_reference (status), ==, fixture->reference);
    }
}

/* A mistyped reference is caught by its check character, not looked up as another one. */
static void
test_wrong_reference (Fixture *fixture, gconstpointer data)
{
  g_autofree char *typo = g_strdup (fixture->reference);
  g_autofree char *unknown = kp_reference_generate ();
  const char *alphabet = kp_reference_get_alphabet ();
  const struct
  {
    const char *typed;
    GQuark domain;
    int code;
  } cases[] = {
    { typo, KP_REFERENCE_ERROR, KP_REFERENCE_ERROR_CHECK },
    { "hello", KP_REFERENCE_ERROR, KP_REFERENCE_ERROR_FORMAT },
    { "'; DROP TABLE outbox; --", KP_REFERENCE_ERROR, KP_REFERENCE_ERROR_FORMAT },
    { unknown, KP_OUTBOX_ERROR, KP_OUTBOX_ERROR_NOT_FOUND },
  };

  /* One character changed to its neighbour in the alphabet. */
  typo[3] = alphabet[(strchr (alphabet, typo[3]) - alphabet + 1) % strlen (alphabet)];
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (KpSubmissionStatus) status = kp_submission_status_lookup (
          fixture->outbox, fixture->local_register, cases[i].typed, &error);

      g_assert_null (status);
      g_assert_error (error, cases[i].domain, cases[i].code);
    }
}

static void
test_rejected (Fixture *fixture, gconstpointer data)
{
  g_autoptr (KpOutboxItem) claimed = NULL;
  g_autoptr (KpSubmissionStatus) status = NULL;
  g_autoptr (GError) error = NULL;

  claimed = kp_outbox_claim_due (fixture->outbox, g_get_real_time (), &error);
  g_assert_no_error (error);
  g_assert_true (kp_outbox_mark_rejected (fixture->outbox, fixture->reference,
                                          "refused by the case system", &error));
  status = look_up (fixture, fixture->reference);
  g_assert_cmpstr (kp_submission_status_get_status (status), ==, "problem");
  g_assert_cmpstr (kp_submission_status_get_text (status), ==,
                   "It could not be sent to the municipality. Please ask a volunteer for help.");
}

/* With the cases in a remote system, the status it answered at delivery. */
static void
test_without_register (Fixture *fixture, gconstpointer data)
{
  g_autoptr (KpSubmissionStatus) status = NULL;
  g_autoptr (GError) error = NULL;

  deliver (fixture);
  status = kp_submission_status_lookup (fixture->outbox, NULL, fixture->reference, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kp_submission_status_get_status (status), ==, "received");
  g_assert_cmpuint (kp_submission_status_get_history (status)->len, ==, 2);
}

/*
 * A case delivered to a remote system is not in the embedded register: the
 * status the remote system answered, not "not found".
 */
static void
test_case_elsewhere (Fixture *fixture, gconstpointer data)
{
  g_autoptr (KpOutboxItem) claimed = NULL;
  g_autoptr (KpSubmissionStatus) status = NULL;
  g_autoptr (GError) error = NULL;

  claimed = kp_outbox_claim_due (fixture->outbox, g_get_real_time (), &error);
  g_assert_no_error (error);
  g_assert_true (kp_outbox_mark_delivered (fixture->outbox, fixture->reference, "ZAAK-2026-0042",
                                           KP_CASE_STATUS_IN_PROGRESS, g_get_real_time (), &error));
  status = look_up (fixture, fixture->reference);
  g_assert_cmpstr (kp_submission_status_get_case_id (status), ==, "ZAAK-2026-0042");
  g_assert_cmpstr (kp_submission_status_get_text (status), ==,
                   "The municipality is working on it.");
  g_assert_cmpuint (kp_submission_status_get_history (status)->len, ==, 2);
}

/* What a delivery left behind for one case, and the number a resident should read. */
static const struct
{
  const char *where;     /* "zgw", "signalen", "klantinteracties" or "embedded" */
  const char *number;    /* the zaak identificatie, _display or klantcontact nummer; "=" is ours */
  const char *remote_id; /* what the backend gave the outbox */
  const char *expected;  /* NULL: nothing to show */
} number_cases[] = {
  /* A zaak numbered from our reference: the resident has that number already. */
  { "zgw", "=", "https://zaken.example.nl/zaken/1", NULL },
  { "zgw", "0123-2026-000042", "https://zaken.example.nl/zaken/2", "0123-2026-000042" },
  { "signalen", "SIA-123", "5a4b7a2c-29e0-4e5e-8a3b-6f0c1d2e3f40", "SIA-123" },
  /* Without its display id, a signal has only its uuid, which means nothing to a person. */
  { "signalen", NULL, "5a4b7a2c-29e0-4e5e-8a3b-6f0c1d2e3f41", NULL },
  { "klantinteracties", "0000000042", "22222222-29e0-4e5e-8a3b-6f0c1d2e3f40", "0000000042" },
  { "klantinteracties", NULL, "22222222-29e0-4e5e-8a3b-6f0c1d2e3f41", NULL },
  { "embedded", NULL, "ZAAK-2026-000007", "ZAAK-2026-000007" },
  /* The check bites: a link is never shown, wherever it comes from. */
  { "embedded", NULL, "https://zaken.example.nl/zaken/3", NULL },
};

/* The bookkeeping a backend keeps while it delivers, as the status screen finds it. */
static void
store_delivery (Fixture *fixture, const char *reference, gsize i)
{
  const char *where = number_cases[i].where;
  const char *number
      = g_strcmp0 (number_cases[i].number, "=") == 0 ? reference : number_cases[i].number;
  g_autoptr (GError) error = NULL;
  g_autofree char *sql = NULL;

  if (g_str_equal (where, "zgw"))
    {
      sql = g_strdup_printf ("INSERT INTO zgw_deliveries (reference, identificatie, zaak_url)"
                             " VALUES ('%s', '%s', '%s')",
                             reference, number, number_cases[i].remote_id);
      g_assert_true (kp_store_exec (fixture->store, sql, &error));
    }
  else if (g_str_equal (where, "signalen"))
    {
      kp_delivery_steps_save (fixture->store, reference, "signal", number_cases[i].remote_id,
                              &error);
      if (number != NULL)
        kp_delivery_steps_save (fixture->store, reference, "signal-id-display", number, &error);
    }
  else if (g_str_equal (where, "klantinteracties"))
    {
      kp_delivery_steps_save (fixture->store, reference, "internetaak", number_cases[i].remote_id,
                              &error);
      if (number != NULL)
        kp_delivery_steps_save (fixture->store, reference, "klantcontact-nummer", number, &error);
    }
  g_assert_no_error (error);
}

/*
 * The case number a resident reads is one made for people (SIA-123, a
 * zaak's identificatie, Open Klant's nummer), never a link or a uuid, and
 * not our own reference a second time.
 */
static void
test_case_number (Fixture *fixture, gconstpointer data)
{
  /* The fixture's row goes first, so each case below claims its own. */
  deliver (fixture);
  for (gsize i = 0; i < G_N_ELEMENTS (number_cases); i++)
    {
      g_autofree char *reference = submit_lost (fixture->outbox);
      g_autoptr (GError) error = NULL;
      g_autoptr (KpOutboxItem) claimed = kp_outbox_claim_due (fixture->outbox, G_MAXINT64, &error);
      g_autoptr (KpSubmissionStatus) status = NULL;

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, number_cases[i].where);
      g_assert_no_error (error);
      g_assert_cmpstr (kp_outbox_item_get_reference (claimed), ==, reference);
      store_delivery (fixture, reference, i);
      g_assert_true (kp_outbox_mark_delivered (
          fixture->outbox, reference, number_cases[i].remote_id, NULL, g_get_real_time (), &error));
      g_assert_no_error (error);
      status = kp_submission_status_lookup (fixture->outbox, NULL, reference, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (kp_submission_status_get_case_number (status), ==, number_cases[i].expected);
      g_assert_cmpstr (kp_submission_status_get_case_id (status), ==, number_cases[i].remote_id);
    }
}

/* A database from before the history existed gets one entry per case: its status then. */
static void
test_history_migration (void)
{
  g_autofree char *dir = kp_test_make_tmpdir ("history-migration");
  g_autofree char *path = g_build_filename (dir, "kernpunt.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (KpStore) old_store = kp_store_open_at_version (path, 3, &error);
  g_autoptr (KpStore) store = NULL;
  g_autoptr (KpLocalRegister) local_register = NULL;
  g_autoptr (GPtrArray) history = NULL;

  g_assert_no_error (error);
  g_assert_true (kp_store_exec (old_store,
                                "INSERT INTO cases (case_id, idempotency_key, reference, kind,"
                                " payload, status, received_at) VALUES ('ZAAK-2026-000001', 'k',"
                                " 'KP-2345-6789', 'lost', '{}', 'in-progress', 1000)",
                                &error));
  g_assert_finalize_object (g_steal_pointer (&old_store));

  store = kp_store_open (path, &error);
  g_assert_no_error (error);
  local_register = kp_local_register_new (store);
  history = kp_local_register_list_history (local_register, "KP-2345-6789", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_cmpstr (((KpCaseStatusChange *) g_ptr_array_index (history, 0))->status, ==,
                   "in-progress");
  g_assert_cmpint (((KpCaseStatusChange *) g_ptr_array_index (history, 0))->changed_at, ==, 1000);
  g_clear_pointer (&history, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&local_register));
  g_assert_finalize_object (g_steal_pointer (&store));
  kp_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();
  int result;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/submission-status/waiting", test_waiting);
  ADD ("/submission-status/case-history", test_case_history);
  ADD ("/submission-status/typed-reference", test_typed_reference);
  ADD ("/submission-status/wrong-reference", test_wrong_reference);
  ADD ("/submission-status/rejected", test_rejected);
  ADD ("/submission-status/without-register", test_without_register);
  ADD ("/submission-status/case-elsewhere", test_case_elsewhere);
  ADD ("/submission-status/case-number", test_case_number);
#undef ADD
  g_test_add_func ("/submission-status/history-migration", test_history_migration);

  result = g_test_run ();
  kp_test_remove_tree (home);
  return result;
}
