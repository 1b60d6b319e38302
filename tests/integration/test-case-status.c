/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-case-status-text.h"
#include "kp-circuit-breaker.h"
#include "kp-klantinteracties-backend.h"
#include "kp-klantinteracties-server.h"
#include "kp-outbox.h"
#include "kp-signalen-server.h"
#include "kp-status-checker.h"
#include "kp-status-requests.h"
#include "kp-test-helpers.h"
#include "kp-zgw-server.h"

#include <glib/gstdio.h>
#include <signal.h>

/*
 * The status screen's question, answered by kernpunt-syncd itself against
 * the stand-in case systems: the case system's word comes back and reads
 * as B1 in either language; a case system that is down, or refuses our
 * token, is told as "cannot reach", with the last known status kept.
 */

#define ZGW_SECRET    "geheim-van-de-gemeente"
#define KLANT_TOKEN   "open-klant-token"
#define ACTOR         "5d3b6f4e-2c1a-4f7b-9e8d-0a1b2c3d4e5f"
#define RSIN          "002564440"
#define CATEGORY_BASE "https://meldingen.example.nl/signals/v1/public/terms/categories/"
#define REPORT_PAYLOAD                                                                             \
  "{\"kind\":\"report\",\"version\":1,\"main_category\":\"afval\","                                \
  "\"sub_category\":\"grofvuil\",\"place\":{\"kind\":\"address\",\"street\":\"Lindelaan\","        \
  "\"town\":\"Lindeveen\",\"latitude\":52.8712,\"longitude\":6.5384},\"photo\":false,"             \
  "\"personal\":{\"description\":\"Bank op de stoep\",\"email\":\"melder@example.nl\"}}"
#define CALLBACK_PAYLOAD                                                                           \
  "{\"kind\":\"callback\",\"version\":1,\"part_of_day\":\"morning\","                              \
  "\"requested_on\":\"2026-12-01\",\"call_before_end_of\":\"2026-12-03\","                         \
  "\"personal\":{\"subject\":\"Vraag over mijn afvalpas\",\"name\":\"J. de Vries\","               \
  "\"phone\":\"06-1234 5678\"}}"
/* The municipality's own B1 text for one of its statustypen, in two languages. */
#define CASE_STATUS_TEXTS                                                                          \
  "[case-status]\nAfgehandeld=Your report is finished. Thank you!\n"                               \
  "Afgehandeld[nl]=Uw melding is klaar. Dank u wel!\n"
/* kernpunt-syncd looks for requests every second: an answer comes well within this. */
#define ANSWER_WITHIN (8 * G_TIME_SPAN_SECOND)

typedef enum
{
  BACKEND_ZGW,
  BACKEND_SIGNALEN,
  BACKEND_KLANTINTERACTIES,
} Backend;

typedef struct
{
  char *dir;
  char *config_path;
  KpZgwServer *zgw;
  KpSignalenServer *signalen;
  KpKlantinteractiesServer *klantinteracties;
  KpConfig *config;
  KpStore *store;
  KpOutbox *outbox;
  KpStatusRequests *requests;
} Fixture;

static void
write_secret (const char *dir, const char *name, const char *secret)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  kp_test_write_file (dir, name, secret);
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
}

/* Reports go to ZGW or to Signalen, as the test says; call-back requests to Klantinteracties. */
static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  Backend backend = GPOINTER_TO_INT (data);
  g_autoptr (GError) error = NULL;
  g_autofree char *key_file = NULL;
  g_autofree char *db = NULL;

  fixture->dir = kp_test_make_tmpdir ("case-status-XXXXXX");
  fixture->zgw = kp_zgw_server_new (ZGW_SECRET);
  fixture->signalen = kp_signalen_server_new (NULL);
  fixture->klantinteracties = kp_klantinteracties_server_new (KLANT_TOKEN);
  write_secret (fixture->dir, "zgw-secret", ZGW_SECRET);
  write_secret (fixture->dir, "klant-token", KLANT_TOKEN);
  key_file = g_strdup_printf (
      "[storage]\ndata-dir=%s\n"
      "[zgw]\nzaken-url=%s\ncatalogi-url=%s\nclient-id=kernpunt-test\n"
      "secret-file=%s/zgw-secret\nrsin=" RSIN "\ncatalogus=%s\n"
      "user-representation=Kiosk Bibliotheek De Linde\nzaaktype-report=MOR\ntimeout-seconds=2\n"
      "[signalen]\nurl=%s\ncategory-base-url=" CATEGORY_BASE "\n"
      "bounding-box=6.4,52.8,6.7,53.0\ntimeout-seconds=2\n"
      "[klantinteracties]\nurl=%s\ntoken-file=%s/klant-token\n"
      "actor=%sactoren/" ACTOR "/\ntimeout-seconds=2\n"
      "[delivery]\nreport=%s\ncallback=klantinteracties\n" CASE_STATUS_TEXTS,
      fixture->dir, kp_zgw_server_get_zaken_url (fixture->zgw),
      kp_zgw_server_get_catalogi_url (fixture->zgw), fixture->dir,
      kp_zgw_server_get_catalogus_url (fixture->zgw),
      kp_signalen_server_get_url (fixture->signalen),
      kp_klantinteracties_server_get_url (fixture->klantinteracties), fixture->dir,
      kp_klantinteracties_server_get_url (fixture->klantinteracties),
      backend == BACKEND_SIGNALEN ? "signalen" : "zgw");
  kp_test_write_file (fixture->dir, "kernpunt.conf", key_file);
  fixture->config_path = g_build_filename (fixture->dir, "kernpunt.conf", NULL);
  fixture->config = kp_config_new_from_data (key_file, &error);
  g_assert_no_error (error);

  db = g_build_filename (fixture->dir, "kernpunt.db", NULL);
  fixture->store = kp_store_open (db, &error);
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
  g_assert_finalize_object (fixture->config);
  g_clear_pointer (&fixture->klantinteracties, kp_klantinteracties_server_free);
  g_clear_pointer (&fixture->signalen, kp_signalen_server_free);
  g_clear_pointer (&fixture->zgw, kp_zgw_server_free);
  kp_test_remove_tree (fixture->dir);
  g_free (fixture->config_path);
  g_free (fixture->dir);
}

/* One run of kernpunt-syncd --once: it answers the waiting requests, then delivers what is due. */
static void
run_syncd_once (Fixture *fixture)
{
  g_auto (KpTestRun) run = { 0 };
  g_autofree char *syncd = kp_test_program ("KERNPUNT_SYNCD");
  const char *argv[] = { syncd, "--config", fixture->config_path, "--once", NULL };

  kp_test_run_argv (&run, argv);
  if (run.status != 0)
    g_error ("kernpunt-syncd --once failed: %s", run.err);
}

/* Submits one row for @backend and delivers it. (transfer full) */
static char *
submit_and_deliver (Fixture *fixture, Backend backend)
{
  g_autoptr (GError) error = NULL;
  gboolean callback = backend == BACKEND_KLANTINTERACTIES;
  char *reference = kp_outbox_submit (fixture->outbox, callback ? "callback" : "report",
                                      callback ? CALLBACK_PAYLOAD : REPORT_PAYLOAD, NULL, &error);
  g_autoptr (KpOutboxItem) item = NULL;

  g_assert_no_error (error);
  run_syncd_once (fixture);
  item = kp_outbox_lookup (fixture->outbox, reference, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kp_outbox_item_get_state (item), ==, KP_OUTBOX_STATE_DELIVERED);
  return reference;
}

/* What a case worker does: the case moves on to its last status. */
static void
finish_case (Fixture *fixture, Backend backend, const char *reference)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpOutboxItem) item = kp_outbox_lookup (fixture->outbox, reference, &error);

  g_assert_no_error (error);
  switch (backend)
    {
      case BACKEND_ZGW:
        g_assert_true (kp_zgw_server_set_zaak_status (fixture->zgw, reference, "Afgehandeld",
                                                      "Uw melding is opgelost."));
        break;
      case BACKEND_SIGNALEN:
        kp_signalen_server_set_state (fixture->signalen, kp_outbox_item_get_remote_id (item),
                                      "CLOSED");
        break;
      case BACKEND_KLANTINTERACTIES:
      default:
        kp_klantinteracties_server_set_status (fixture->klantinteracties,
                                               kp_outbox_item_get_remote_id (item), "verwerkt");
        break;
    }
}

/* Asks as the kiosk does, lets --once answer, and returns what the kiosk then reads. */
static KpCaseStatus *
ask_once (Fixture *fixture, const char *reference, gboolean *answered)
{
  g_autoptr (GError) error = NULL;
  gint64 asked_at = g_get_real_time ();
  KpCaseStatus *known;

  g_assert_true (kp_status_requests_ask (fixture->requests, reference, asked_at, &error));
  g_assert_no_error (error);
  run_syncd_once (fixture);
  known = kp_status_requests_wait (fixture->requests, reference, asked_at, 0,
                                   G_TIME_SPAN_MILLISECOND, answered, NULL, &error);
  g_assert_no_error (error);
  return known;
}

static void
assert_text (Fixture *fixture, const char *language, const char *status, const char *expected)
{
  g_autofree char *text = NULL;

  kp_test_set_language (language);
  text = kp_case_status_text_dup (fixture->config, status, NULL);
  g_assert_cmpstr (text, ==, expected);
}

static const struct
{
  Backend backend;
  const char *received;    /* the word right after delivery */
  const char *finished;    /* and after the case worker's step */
  const char *status_text; /* the case system's own text then */
  const char *english;
  const char *dutch;
} answers[] = {
  { BACKEND_ZGW, "Ontvangen", "Afgehandeld", "Uw melding is opgelost.",
    "Your report is finished. Thank you!", "Uw melding is klaar. Dank u wel!" },
  { BACKEND_SIGNALEN, "OPEN", "CLOSED", NULL, "The municipality has finished it.",
    "De gemeente is ermee klaar." },
  { BACKEND_KLANTINTERACTIES, "te_verwerken", "verwerkt", NULL,
    "The municipality has handled your question.", NULL },
};

/*
 * kernpunt-syncd running as a service answers within a couple of seconds,
 * with the case system's word now, which reads as B1 in both languages.
 */
static void
test_answer (Fixture *fixture, gconstpointer data)
{
  Backend backend = GPOINTER_TO_INT (data);
  g_autofree char *syncd_path = kp_test_program ("KERNPUNT_SYNCD");
  g_autofree char *reference = submit_and_deliver (fixture, backend);
  g_autoptr (GSubprocess) syncd = NULL;
  g_autoptr (KpCaseStatus) first = NULL;
  g_autoptr (KpCaseStatus) second = NULL;
  g_autoptr (GError) error = NULL;
  gboolean answered = FALSE;
  gint64 asked_at;
  gint64 started;
  gsize i = 0;

  while (answers[i].backend != backend)
    i++;
  syncd = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error, syncd_path, "--config",
                            fixture->config_path, NULL);
  g_assert_no_error (error);

  asked_at = g_get_real_time ();
  started = g_get_monotonic_time ();
  g_assert_true (kp_status_requests_ask (fixture->requests, reference, asked_at, &error));
  first = kp_status_requests_wait (fixture->requests, reference, asked_at, ANSWER_WITHIN,
                                   50 * G_TIME_SPAN_MILLISECOND, &answered, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (answered);
  g_test_message ("answered in %" G_GINT64_FORMAT " ms",
                  (g_get_monotonic_time () - started) / G_TIME_SPAN_MILLISECOND);
  g_assert_cmpstr (first->status, ==, answers[i].received);
  g_assert_null (first->error_class);

  finish_case (fixture, backend, reference);
  asked_at = g_get_real_time ();
  g_assert_true (kp_status_requests_ask (fixture->requests, reference, asked_at, &error));
  second = kp_status_requests_wait (fixture->requests, reference, asked_at, ANSWER_WITHIN,
                                    50 * G_TIME_SPAN_MILLISECOND, &answered, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (answered);
  g_assert_cmpstr (second->status, ==, answers[i].finished);
  g_assert_cmpstr (second->status_text, ==, answers[i].status_text);

  assert_text (fixture, "en", second->status, answers[i].english);
  if (answers[i].dutch != NULL)
    assert_text (fixture, "nl", second->status, answers[i].dutch);
  kp_test_set_language ("nl");

  g_subprocess_send_signal (syncd, SIGTERM);
  g_assert_true (kp_test_wait_process (syncd, 10));
  g_assert_true (g_subprocess_get_if_exited (syncd));
  g_assert_cmpint (g_subprocess_get_exit_status (syncd), ==, 0);
}

/* kernpunt-ctl status REF tells what the status screen knows: the last answer and the failure. */
static void
assert_ctl_shows (Fixture *fixture, const char *reference)
{
  g_auto (KpTestRun) text = { 0 };
  g_auto (KpTestRun) json = { 0 };
  const char *const text_args[] = { "status", reference, NULL };
  const char *const json_args[] = { "--json", "status", reference, NULL };
  g_autoptr (JsonNode) root = NULL;
  JsonObject *case_system;

  kp_test_set_language ("en");
  kp_test_run_ctl_with_config (&text, fixture->config_path, text_args);
  kp_test_assert_success (&text);
  kp_test_assert_contains (text.out, "Your report is finished. Thank you!");
  kp_test_assert_contains (text.out, "Case system:");
  kp_test_assert_contains (text.out, "zgw");
  kp_test_assert_contains (text.out, "Last failure:");
  kp_test_assert_contains (text.out, KP_CASE_STATUS_ERROR_UNREACHABLE);

  kp_test_run_ctl_with_config (&json, fixture->config_path, json_args);
  kp_test_assert_success (&json);
  root = kp_test_parse_json (json.out);
  case_system = json_object_get_object_member (json_node_get_object (root), "case_system");
  g_assert_cmpstr (json_object_get_string_member (case_system, "status"), ==, "Afgehandeld");
  g_assert_cmpstr (json_object_get_string_member (case_system, "status_text"), ==,
                   "Uw melding is opgelost.");
  g_assert_cmpstr (json_object_get_string_member (case_system, "last_error_class"), ==,
                   KP_CASE_STATUS_ERROR_UNREACHABLE);
  kp_test_set_language ("nl");
}

/* A case system that is down: "cannot reach", and what it said last is still there. */
static void
test_server_down (Fixture *fixture, gconstpointer data)
{
  g_autofree char *reference = submit_and_deliver (fixture, BACKEND_ZGW);
  g_autoptr (KpCaseStatus) before = NULL;
  g_autoptr (KpCaseStatus) after = NULL;
  gboolean answered = FALSE;

  finish_case (fixture, BACKEND_ZGW, reference);
  before = ask_once (fixture, reference, &answered);
  g_assert_true (answered);
  g_assert_cmpstr (before->status, ==, "Afgehandeld");

  g_clear_pointer (&fixture->zgw, kp_zgw_server_free);
  after = ask_once (fixture, reference, &answered);
  g_assert_true (answered);
  g_assert_cmpstr (after->error_class, ==, KP_CASE_STATUS_ERROR_UNREACHABLE);
  g_assert_cmpint (after->error_at, >, after->checked_at);
  g_assert_cmpstr (after->status, ==, "Afgehandeld");
  g_assert_cmpint (after->checked_at, ==, before->checked_at);

  assert_ctl_shows (fixture, reference);
}

/* Our token refused: the resident hears "cannot reach", the log tells the administrator. */
static void
test_token_rejected (Fixture *fixture, gconstpointer data)
{
  g_autofree char *reference = submit_and_deliver (fixture, BACKEND_KLANTINTERACTIES);
  g_autoptr (KpCaseStatus) known = NULL;
  gboolean answered = FALSE;

  kp_klantinteracties_server_set_behaviour (fixture->klantinteracties,
                                            KP_KLANTINTERACTIES_SERVER_TOKEN_REJECTED, 0);
  known = ask_once (fixture, reference, &answered);
  g_assert_true (answered);
  g_assert_cmpstr (known->error_class, ==, KP_CASE_STATUS_ERROR_UNREACHABLE);
  g_assert_null (known->status);
}

/*
 * Without anybody asking, each run refreshes the statuses of recent
 * deliveries, but never more than a small batch at a time.
 */
static void
test_refresh_in_batches (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) references = g_ptr_array_new_with_free_func (g_free);
  guint known = 0;
  guint requests_before;

  for (guint i = 0; i < 7; i++)
    {
      g_autoptr (GError) error = NULL;

      g_ptr_array_add (references,
                       kp_outbox_submit (fixture->outbox, "report", REPORT_PAYLOAD, NULL, &error));
      g_assert_no_error (error);
    }
  /* A run asks before it delivers: nothing was delivered yet, so nothing to refresh. */
  run_syncd_once (fixture);
  requests_before = kp_signalen_server_count_requests (fixture->signalen);
  run_syncd_once (fixture);
  g_assert_cmpuint (kp_signalen_server_count_requests (fixture->signalen) - requests_before, ==, 5);
  for (guint i = 0; i < references->len; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (KpCaseStatus) status = kp_status_requests_lookup (
          fixture->requests, g_ptr_array_index (references, i), &error);

      g_assert_no_error (error);
      if (status != NULL)
        {
          g_assert_cmpstr (status->status, ==, "OPEN");
          known++;
        }
    }
  g_assert_cmpuint (known, ==, 5);
}

/*
 * A case system that keeps failing opens the delivery's circuit breaker,
 * and then status questions wait as the deliveries do: told as "resting",
 * without a call.
 */
static void
test_breaker_obeyed (Fixture *fixture, gconstpointer data)
{
  g_autofree char *reference = submit_and_deliver (fixture, BACKEND_KLANTINTERACTIES);
  g_autoptr (GError) error = NULL;
  g_autoptr (KpKlantinteractiesBackend) backend
      = kp_klantinteracties_backend_new (fixture->store, fixture->config, KLANT_TOKEN, &error);
  g_autoptr (KpCircuitBreaker) breaker = kp_circuit_breaker_new (1, G_TIME_SPAN_HOUR);
  g_autoptr (KpStatusChecker) checker = kp_status_checker_new (fixture->store, fixture->config);
  g_autoptr (KpCaseStatus) first = NULL;
  g_autoptr (KpCaseStatus) second = NULL;
  guint requests_before;

  g_assert_no_error (error);
  kp_status_checker_add_backend (checker, KP_BACKEND (backend), breaker);
  kp_klantinteracties_server_set_behaviour (fixture->klantinteracties,
                                            KP_KLANTINTERACTIES_SERVER_FAILING, 0);

  g_assert_true (kp_status_requests_ask (fixture->requests, reference, g_get_real_time (), &error));
  g_assert_true (kp_status_checker_run (checker, g_get_real_time (), FALSE, NULL, NULL, &error));
  g_assert_no_error (error);
  first = kp_status_requests_lookup (fixture->requests, reference, &error);
  g_assert_cmpstr (first->error_class, ==, KP_CASE_STATUS_ERROR_UNREACHABLE);

  requests_before = kp_klantinteracties_server_count_requests (fixture->klantinteracties);
  g_assert_true (kp_status_requests_ask (fixture->requests, reference, g_get_real_time (), &error));
  g_assert_true (kp_status_checker_run (checker, g_get_real_time (), FALSE, NULL, NULL, &error));
  g_assert_no_error (error);
  second = kp_status_requests_lookup (fixture->requests, reference, &error);
  g_assert_cmpstr (second->error_class, ==, KP_CASE_STATUS_ERROR_RESTING);
  g_assert_cmpuint (kp_klantinteracties_server_count_requests (fixture->klantinteracties), ==,
                    requests_before);
}

/* The deliberate mistake: a reference no case system has is not asked about, and not answered. */
static void
test_unknown_reference_not_answered (Fixture *fixture, gconstpointer data)
{
  g_autoptr (KpCaseStatus) known = NULL;
  gboolean answered = TRUE;
  guint requests_before = kp_signalen_server_count_requests (fixture->signalen);

  known = ask_once (fixture, "KP-7H3Q-9MXC", &answered);
  g_assert_false (answered);
  g_assert_null (known);
  g_assert_cmpuint (kp_signalen_server_count_requests (fixture->signalen), ==, requests_before);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();

  g_test_init (&argc, &argv, NULL);
  kp_test_set_language ("nl");

#define ADD(path, backend, func)                                                                   \
  g_test_add (path, Fixture, GINT_TO_POINTER (backend), fixture_set_up, func, fixture_tear_down)
  ADD ("/case-status/answer/zgw", BACKEND_ZGW, test_answer);
  ADD ("/case-status/answer/signalen", BACKEND_SIGNALEN, test_answer);
  ADD ("/case-status/answer/klantinteracties", BACKEND_KLANTINTERACTIES, test_answer);
  ADD ("/case-status/server-down", BACKEND_ZGW, test_server_down);
  ADD ("/case-status/token-rejected", BACKEND_ZGW, test_token_rejected);
  ADD ("/case-status/unknown-reference", BACKEND_SIGNALEN, test_unknown_reference_not_answered);
  ADD ("/case-status/refresh-in-batches", BACKEND_SIGNALEN, test_refresh_in_batches);
  ADD ("/case-status/breaker-obeyed", BACKEND_ZGW, test_breaker_obeyed);
#undef ADD

  return g_test_run ();
}
