/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-syncd-harness.h"
#include "kp-test-helpers.h"
#include "kp-zgw-server.h"

#include <string.h>

/*
 * Exactly once through kernpunt-syncd itself, with reports routed to the
 * ZGW case system: killed at 100 random moments between any two steps of
 * a delivery, or facing a case system that fails for a while, every
 * submission still ends as one zaak with one rol, one status and its two
 * documents (the submission as a PDF, and its photo), each linked to the
 * zaak once.
 */

#define SECRET  "geheim-van-de-gemeente"
#define RSIN    "002564440"
#define N_ROWS  30
#define N_KILLS 100
/* The submission as a PDF, and its photo. */
#define N_DOCUMENTS 2
#define PAYLOAD                                                                                    \
  "{\"kind\":\"report\",\"version\":1,\"main_category\":\"afval\","                                \
  "\"sub_category\":\"afval/grofvuil\",\"place\":{\"kind\":\"address\",\"street\":\"Lindelaan\","  \
  "\"town\":\"Lindeveen\",\"latitude\":52.8712,\"longitude\":6.5384},\"photo\":true,"              \
  "\"personal\":{\"description\":\"Bank op de stoep %u\",\"email\":\"melder@example.nl\"}}"

typedef struct
{
  KpSyncdHarness *harness;
  KpZgwServer *server;
  /* Kills after which a zaak on the server missed its rol, status or a document. */
  guint n_cut_between_steps;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autofree char *secret_path = NULL;
  g_autofree char *sections = NULL;

  fixture->harness = kp_syncd_harness_new ("zgw-syncd");
  fixture->server = kp_zgw_server_new (SECRET);
  secret_path = kp_syncd_harness_write_secret (fixture->harness, "zgw-secret", SECRET "\n");
  sections = g_strdup_printf ("[zgw]\nzaken-url=%s\ncatalogi-url=%s\nclient-id=kernpunt-test\n"
                              "secret-file=%s\nrsin=" RSIN "\ncatalogus=%s\n"
                              "user-representation=Kiosk Bibliotheek De Linde\n"
                              "zaaktype-report=MOR\ntimeout-seconds=5\n"
                              "documenten-url=%s\ndocument-type=Melding\nphoto-type=Foto\n"
                              "[delivery]\nreport=zgw\n",
                              kp_zgw_server_get_zaken_url (fixture->server),
                              kp_zgw_server_get_catalogi_url (fixture->server), secret_path,
                              kp_zgw_server_get_catalogus_url (fixture->server),
                              kp_zgw_server_get_documenten_url (fixture->server));
  kp_syncd_harness_write_config (fixture->harness, sections);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_pointer (&fixture->harness, kp_syncd_harness_free);
  g_clear_pointer (&fixture->server, kp_zgw_server_free);
}

/* N_ROWS reports, each with a photo. */
static void
submit_rows (KpSyncdHarness *harness, gpointer user_data)
{
  g_autoptr (KpAttachment) photo = kp_syncd_harness_new_photo ();
  g_autoptr (GPtrArray) attachments = g_ptr_array_new ();

  g_ptr_array_add (attachments, photo);
  for (guint i = 0; i < N_ROWS; i++)
    {
      g_autofree char *payload = g_strdup_printf (PAYLOAD, i);

      kp_syncd_harness_submit (harness, "report", payload, attachments);
    }
}

/* A zaak on the server whose rol, status or a document is still missing: a delivery cut between steps. */
static gboolean
server_has_partial_zaak (Fixture *fixture)
{
  return !kp_zgw_server_each_zaak_complete (fixture->server)
         || !kp_zgw_server_each_zaak_has_documents (fixture->server, N_DOCUMENTS);
}

static void
note_partial_zaak (KpSyncdHarness *harness, gpointer user_data)
{
  Fixture *fixture = user_data;

  fixture->n_cut_between_steps += server_has_partial_zaak (fixture);
}

/* What the server holds: one complete zaak per submission, and nothing more. */
static void
assert_each_submission_one_zaak (Fixture *fixture)
{
  GPtrArray *references = kp_syncd_harness_get_references (fixture->harness);
  guint n = references->len;

  g_assert_cmpuint (kp_syncd_harness_count (fixture->harness, KP_OUTBOX_STATE_DELIVERED), ==, n);
  g_assert_cmpuint (kp_zgw_server_count (fixture->server, "zaken"), ==, n);
  g_assert_cmpuint (kp_zgw_server_count (fixture->server, "rollen"), ==, n);
  g_assert_cmpuint (kp_zgw_server_count (fixture->server, "statussen"), ==, n);
  g_assert_true (kp_zgw_server_each_zaak_complete (fixture->server));
  g_assert_cmpuint (kp_zgw_server_count (fixture->server, "enkelvoudiginformatieobjecten"), ==,
                    n * N_DOCUMENTS);
  g_assert_cmpuint (kp_zgw_server_count (fixture->server, "zaakinformatieobjecten"), ==,
                    n * N_DOCUMENTS);
  g_assert_true (kp_zgw_server_each_zaak_has_documents (fixture->server, N_DOCUMENTS));
  for (guint i = 0; i < n; i++)
    {
      const char *reference = g_ptr_array_index (references, i);
      g_autoptr (KpOutboxItem) item = kp_syncd_harness_lookup (fixture->harness, reference);

      g_assert_cmpuint (kp_zgw_server_count_zaken_with (fixture->server, reference), ==, 1);
      g_assert_true (g_str_has_prefix (kp_outbox_item_get_remote_id (item),
                                       kp_zgw_server_get_zaken_url (fixture->server)));
    }
}

/*
 * SIGKILL at 100 random moments while kernpunt-syncd delivers, then one
 * run with --once: no submission is lost or doubled, however its steps
 * were cut.
 */
static void
test_sigkill_between_steps (Fixture *fixture, gconstpointer data)
{
  kp_syncd_harness_kill_repeatedly (fixture->harness, N_KILLS, submit_rows, note_partial_zaak,
                                    fixture);
  g_test_message ("%u kills between a zaak and its other parts; %u of %u delivered meanwhile",
                  fixture->n_cut_between_steps,
                  kp_syncd_harness_count (fixture->harness, KP_OUTBOX_STATE_DELIVERED),
                  kp_syncd_harness_get_references (fixture->harness)->len);
  /* Otherwise no delivery was cut where a retry must pick it up halfway. */
  g_assert_cmpuint (fixture->n_cut_between_steps, >, 0);

  kp_syncd_harness_run_once (fixture->harness);
  assert_each_submission_one_zaak (fixture);
}

/* Waits until the last submission has failed at least once; returns its error. (transfer full) */
static char *
wait_for_last_failure (Fixture *fixture)
{
  GPtrArray *references = kp_syncd_harness_get_references (fixture->harness);
  const char *last_reference = g_ptr_array_index (references, references->len - 1);
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr (KpOutboxItem) last = kp_syncd_harness_lookup (fixture->harness, last_reference);

      if (kp_outbox_item_get_last_error (last) != NULL)
        return g_strdup (kp_outbox_item_get_last_error (last));
      g_usleep (50 * G_TIME_SPAN_MILLISECOND);
    }
  g_error ("the submissions never failed during the outage");
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
  submit_rows (fixture->harness, fixture);
  during = kp_syncd_harness_start (fixture->harness, "1");
  last_error = wait_for_last_failure (fixture);
  kp_syncd_harness_stop (during);
  kp_test_assert_contains (last_error, "zgw failed 5 times in a row");
  g_assert_cmpuint (kp_syncd_harness_count (fixture->harness, KP_OUTBOX_STATE_DELIVERED), ==, 0);
  g_assert_cmpuint (kp_syncd_harness_count (fixture->harness, KP_OUTBOX_STATE_PENDING), ==, N_ROWS);
  g_assert_cmpuint (kp_zgw_server_count (fixture->server, "zaken"), ==, 0);

  kp_zgw_server_set_behaviour (fixture->server, KP_ZGW_SERVER_NORMAL, 0);
  after = kp_syncd_harness_start (fixture->harness, "1");
  /* The first retry comes after 5 s, give or take a fifth; the second after 10 s. */
  kp_syncd_harness_wait_for_delivered (fixture->harness, N_ROWS, 60);
  kp_syncd_harness_stop (after);
  assert_each_submission_one_zaak (fixture);
}

/* The check bites: signed with another secret, every request is refused and nothing is made. */
static void
test_wrong_secret_refused (Fixture *fixture, gconstpointer data)
{
  g_autoptr (KpOutboxItem) first = NULL;

  g_free (kp_syncd_harness_write_secret (fixture->harness, "zgw-secret", "een-ander-geheim\n"));
  submit_rows (fixture->harness, fixture);
  kp_syncd_harness_run_once (fixture->harness);

  g_assert_cmpuint (kp_syncd_harness_count (fixture->harness, KP_OUTBOX_STATE_PENDING), ==, N_ROWS);
  g_assert_cmpuint (kp_zgw_server_count (fixture->server, "zaken"), ==, 0);
  first = kp_syncd_harness_lookup (
      fixture->harness, g_ptr_array_index (kp_syncd_harness_get_references (fixture->harness), 0));
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
