/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-backend-router.h"
#include "kp-circuit-breaker.h"
#include "kp-delivery-steps.h"
#include "kp-klantinteracties-backend.h"
#include "kp-klantinteracties-server.h"
#include "kp-local-register.h"
#include "kp-signalen-backend.h"
#include "kp-signalen-server.h"
#include "kp-syncd-harness.h"
#include "kp-test-helpers.h"

#include <string.h>

/*
 * Exactly once through kernpunt-syncd itself, with reports routed to
 * Signalen and call-back requests to Klantinteracties (Open Klant), each
 * against its stateful stand-in server: the same failure modes for both
 * (down, 500, slow beyond the timeout, malformed JSON, token refused), an
 * outage of an hour, and SIGKILL at 100 random moments. Every report ends
 * as one signal with its photo, every call-back request as one
 * klantcontact with one betrokkene, one digitaal adres and one internetaak.
 *
 * Signalen has no idempotency key, and neither its public API nor the
 * private one finds a signal by text_extra (the private list filters on
 * address, category, dates and the like, and needs an employee account),
 * so our client cannot look a signal up before a repeat POST. Nor does the
 * public API list a signal's attachments. So a kill after Signalen made the
 * signal and before we stored its uuid makes a second signal when the row
 * is tried again, and a kill after it took the photo and before we stored
 * that makes a second copy of the photo. The SIGKILL test counts those and
 * checks that each belongs to a row a kill cut short in that window;
 * everything else is exactly once.
 */

#define TOKEN         "token-van-de-gemeente"
#define CATEGORY_BASE "https://meldingen.example.nl/signals/v1/public/terms/categories/"
#define ACTOR         "5d3b6f4e-2c1a-4f7b-9e8d-0a1b2c3d4e5f"
#define EMAIL         "melder@example.nl"
#define PHONE         "06-1234 5678"
#define REPORT                                                                                     \
  "{\"kind\":\"report\",\"version\":1,\"main_category\":\"afval\","                                \
  "\"sub_category\":\"grofvuil\",\"place\":{\"kind\":\"address\",\"street\":\"Lindelaan\","        \
  "\"house_number\":\"12a\",\"town\":\"Lindeveen\",\"latitude\":52.8712,\"longitude\":6.5384},"    \
  "\"photo\":true,\"keep_informed\":true,"                                                         \
  "\"personal\":{\"description\":\"Bank op de stoep\",\"email\":\"" EMAIL "\"}}"
#define CALLBACK                                                                                   \
  "{\"kind\":\"callback\",\"version\":1,\"part_of_day\":\"morning\","                              \
  "\"requested_on\":\"2026-12-01\",\"call_before_end_of\":\"2026-12-03\","                         \
  "\"personal\":{\"subject\":\"Vraag over mijn afvalpas\",\"name\":\"J. de Vries\","               \
  "\"phone\":\"" PHONE "\"}}"
/* More than the circuit breaker's threshold, so its part is seen too. */
#define N_ROWS     8
#define N_KILLS    100
#define KILL_BATCH 10
#define OUTAGE     G_TIME_SPAN_HOUR
/* Past the clients' timeout-seconds=1. */
#define SLOW_MS 1500

typedef enum
{
  FAILURE_DOWN,
  FAILURE_SERVER_ERROR,
  FAILURE_SLOW,
  FAILURE_MALFORMED,
  FAILURE_TOKEN_REFUSED,
} Failure;

/* How the error of the first row that met a failure reads. */
static const char *const failure_errors[] = {
  [FAILURE_DOWN] = "Could not connect",
  [FAILURE_SERVER_ERROR] = "HTTP 500",
  [FAILURE_SLOW] = "no answer within 1 second",
  [FAILURE_MALFORMED] = "the answer is not what the API sends",
  [FAILURE_TOKEN_REFUSED] = "the token was refused",
};

typedef struct _Fixture Fixture;

/* What differs between the two case systems; the tests are the same. */
typedef struct
{
  const char *name; /* as the router and its breaker name the backend */
  const char *kind; /* the submissions [delivery] routes to it */
  void (*start_server) (Fixture *fixture);
  void (*stop_server) (Fixture *fixture);
  /* The [section] and [delivery] route, with @url for the server. */
  void (*write_config) (Fixture *fixture, const char *url);
  const char *(*get_url) (Fixture *fixture);
  void (*submit) (Fixture *fixture);
  /* FAILURE_DOWN and FAILURE_TOKEN_REFUSED are not the server's doing: NORMAL. */
  void (*set_failing) (Fixture *fixture, Failure failure, gboolean failing);
  /* Signals, or klantcontacten: what a first request makes. */
  guint (*count_made) (Fixture *fixture);
  guint (*count_requests) (Fixture *fixture);
  KpBackend *(*new_backend) (Fixture *fixture, KpConfig *config);
  /* What SIGKILL left behind, after each kill. */
  KpSyncdHarnessFunc after_kill;
  /* Returns the extra objects made in a window the test accepts (see above). */
  guint (*assert_each_once) (Fixture *fixture);
} CaseSystem;

struct _Fixture
{
  const CaseSystem *system;
  KpSyncdHarness *harness;
  char *token_path;
  KpSignalenServer *signalen;
  KpKlantinteractiesServer *klantinteracties;
  /* Kills that cut a delivery after its first step and before its last. */
  guint n_cut_between_steps;
  /* Rows a kill cut short, reference → how often: before the signal's uuid was stored… */
  GHashTable *cut_before_uuid;
  /* …and after that, before the photo was. */
  GHashTable *cut_before_photo;
};

typedef struct
{
  const CaseSystem *system;
  Failure failure;
} TestCase;

/* ---- Both ---- */

static void
submit_batch (KpSyncdHarness *harness, gpointer user_data)
{
  Fixture *fixture = user_data;

  for (guint i = 0; i < KILL_BATCH; i++)
    fixture->system->submit (fixture);
}

/* (transfer full) */
static char *
lookup_step (Fixture *fixture, const char *reference, const char *step)
{
  g_autoptr (GError) error = NULL;
  char *value = kp_delivery_steps_lookup (kp_syncd_harness_get_store (fixture->harness), reference,
                                          step, &error);

  g_assert_no_error (error);
  return value;
}

static guint
count_cuts (GHashTable *cuts, const char *reference)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (cuts, reference));
}

static void
add_cut (GHashTable *cuts, const char *reference)
{
  g_hash_table_insert (cuts, g_strdup (reference),
                       GUINT_TO_POINTER (count_cuts (cuts, reference) + 1));
}

/* The one submission a kill left in "delivering", or NULL. (transfer full) */
static char *
dup_reference_cut_short (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items
      = kp_outbox_list (kp_syncd_harness_get_outbox (fixture->harness), &error);
  char *reference = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    {
      KpOutboxItem *item = g_ptr_array_index (items, i);

      if (kp_outbox_item_get_state (item) != KP_OUTBOX_STATE_DELIVERING)
        continue;
      g_assert_null (reference);
      reference = g_strdup (kp_outbox_item_get_reference (item));
    }
  return reference;
}

static void
assert_all_delivered (Fixture *fixture)
{
  guint n = kp_syncd_harness_get_references (fixture->harness)->len;

  g_assert_cmpuint (kp_syncd_harness_count (fixture->harness, KP_OUTBOX_STATE_DELIVERED), ==, n);
  g_assert_cmpuint (kp_syncd_harness_count (fixture->harness, KP_OUTBOX_STATE_PENDING), ==, 0);
  g_assert_cmpuint (kp_syncd_harness_count (fixture->harness, KP_OUTBOX_STATE_DELIVERING), ==, 0);
}

/* ---- Signalen ---- */

static void
signalen_start (Fixture *fixture)
{
  fixture->signalen = kp_signalen_server_new (TOKEN);
}

static void
signalen_stop (Fixture *fixture)
{
  g_clear_pointer (&fixture->signalen, kp_signalen_server_free);
}

static void
signalen_write_config (Fixture *fixture, const char *url)
{
  g_autofree char *sections
      = g_strdup_printf ("[signalen]\nurl=%s\ncategory-base-url=" CATEGORY_BASE "\n"
                         "bounding-box=6.4,52.8,6.7,53.0\ntimeout-seconds=1\ntoken-file=%s\n"
                         "[delivery]\nreport=signalen\n",
                         url, fixture->token_path);

  kp_syncd_harness_write_config (fixture->harness, sections);
}

static const char *
signalen_get_url (Fixture *fixture)
{
  return kp_signalen_server_get_url (fixture->signalen);
}

static void
signalen_submit (Fixture *fixture)
{
  g_autoptr (KpAttachment) photo = kp_syncd_harness_new_photo ();
  g_autoptr (GPtrArray) attachments = g_ptr_array_new ();

  g_ptr_array_add (attachments, photo);
  kp_syncd_harness_submit (fixture->harness, "report", REPORT, attachments);
}

static void
signalen_set_failing (Fixture *fixture, Failure failure, gboolean failing)
{
  static const KpSignalenServerBehaviour behaviours[] = {
    [FAILURE_DOWN] = KP_SIGNALEN_SERVER_NORMAL,
    [FAILURE_SERVER_ERROR] = KP_SIGNALEN_SERVER_FAILING,
    /* A gateway's 504 after the delay: Signalen itself never saw the request. */
    [FAILURE_SLOW] = KP_SIGNALEN_SERVER_SLOW,
    [FAILURE_MALFORMED] = KP_SIGNALEN_SERVER_MALFORMED,
    [FAILURE_TOKEN_REFUSED] = KP_SIGNALEN_SERVER_NORMAL,
  };

  kp_signalen_server_set_behaviour (
      fixture->signalen, failing ? behaviours[failure] : KP_SIGNALEN_SERVER_NORMAL, SLOW_MS);
}

static guint
signalen_count_made (Fixture *fixture)
{
  return kp_signalen_server_count_signals (fixture->signalen);
}

static guint
signalen_count_requests (Fixture *fixture)
{
  return kp_signalen_server_count_requests (fixture->signalen);
}

static KpBackend *
signalen_new_backend (Fixture *fixture, KpConfig *config)
{
  g_autoptr (GError) error = NULL;
  KpSignalenBackend *backend = kp_signalen_backend_new (
      kp_syncd_harness_get_store (fixture->harness), config, TOKEN, &error);

  g_assert_no_error (error);
  return KP_BACKEND (backend);
}

/* Which window, if any, the kill cut the row in delivery short in. */
static void
signalen_after_kill (KpSyncdHarness *harness, gpointer user_data)
{
  Fixture *fixture = user_data;
  g_autofree char *cut_short = dup_reference_cut_short (fixture);
  g_autofree char *uuid = NULL;
  g_autofree char *photo = NULL;

  if (cut_short == NULL)
    return;
  uuid = lookup_step (fixture, cut_short, "signal");
  photo = lookup_step (fixture, cut_short, "attachment-0");
  if (uuid == NULL)
    add_cut (fixture->cut_before_uuid, cut_short);
  else if (photo == NULL)
    {
      add_cut (fixture->cut_before_photo, cut_short);
      fixture->n_cut_between_steps++;
    }
}

/*
 * Each report is the signal whose uuid we stored, with its photo. Only a
 * row that a kill cut short before its uuid was stored has another signal
 * (without a photo), and only one cut short before its photo was stored
 * has another copy of it; no more often than that happened.
 */
static guint
signalen_assert_each_once (Fixture *fixture)
{
  GPtrArray *references = kp_syncd_harness_get_references (fixture->harness);
  guint n_extra_signals = 0;
  guint n_extra_photos = 0;

  assert_all_delivered (fixture);
  for (guint i = 0; i < references->len; i++)
    {
      const char *reference = g_ptr_array_index (references, i);
      g_autoptr (KpOutboxItem) item = kp_syncd_harness_lookup (fixture->harness, reference);
      g_autofree char *uuid = lookup_step (fixture, reference, "signal");
      guint n_signals = kp_signalen_server_count_signals_mentioning (fixture->signalen, reference);
      guint n_photos = kp_signalen_server_count_attachments (fixture->signalen, uuid);

      g_assert_cmpstr (kp_outbox_item_get_remote_id (item), ==, uuid);
      g_assert_cmpuint (n_signals, >=, 1);
      g_assert_cmpuint (n_signals - 1, <=, count_cuts (fixture->cut_before_uuid, reference));
      g_assert_cmpuint (n_photos, >=, 1);
      g_assert_cmpuint (n_photos - 1, <=, count_cuts (fixture->cut_before_photo, reference));
      n_extra_signals += n_signals - 1;
      n_extra_photos += n_photos - 1;
    }
  g_assert_cmpuint (kp_signalen_server_count_signals (fixture->signalen), ==,
                    references->len + n_extra_signals);
  g_assert_cmpuint (kp_signalen_server_count_all_attachments (fixture->signalen), ==,
                    references->len + n_extra_photos);
  g_test_message ("rows cut short before the uuid was stored: %u, leaving %u second signals; "
                  "before the photo was stored: %u, leaving %u second photos",
                  g_hash_table_size (fixture->cut_before_uuid), n_extra_signals,
                  g_hash_table_size (fixture->cut_before_photo), n_extra_photos);
  return n_extra_signals + n_extra_photos;
}

static const CaseSystem signalen = {
  "signalen",
  "report",
  signalen_start,
  signalen_stop,
  signalen_write_config,
  signalen_get_url,
  signalen_submit,
  signalen_set_failing,
  signalen_count_made,
  signalen_count_requests,
  signalen_new_backend,
  signalen_after_kill,
  signalen_assert_each_once,
};

/* ---- Klantinteracties ---- */

static void
klantinteracties_start (Fixture *fixture)
{
  fixture->klantinteracties = kp_klantinteracties_server_new (TOKEN);
}

static void
klantinteracties_stop (Fixture *fixture)
{
  g_clear_pointer (&fixture->klantinteracties, kp_klantinteracties_server_free);
}

static void
klantinteracties_write_config (Fixture *fixture, const char *url)
{
  g_autofree char *sections
      = g_strdup_printf ("[klantinteracties]\nurl=%s\ntoken-file=%s\n"
                         "actor=%sactoren/" ACTOR "/\nkanaal=informatiepunt\ntimeout-seconds=1\n"
                         "[delivery]\ncallback=klantinteracties\n",
                         url, fixture->token_path, url);

  kp_syncd_harness_write_config (fixture->harness, sections);
}

static const char *
klantinteracties_get_url (Fixture *fixture)
{
  return kp_klantinteracties_server_get_url (fixture->klantinteracties);
}

static void
klantinteracties_submit (Fixture *fixture)
{
  kp_syncd_harness_submit (fixture->harness, "callback", CALLBACK, NULL);
}

static void
klantinteracties_set_failing (Fixture *fixture, Failure failure, gboolean failing)
{
  static const KpKlantinteractiesServerBehaviour behaviours[] = {
    [FAILURE_DOWN] = KP_KLANTINTERACTIES_SERVER_NORMAL,
    [FAILURE_SERVER_ERROR] = KP_KLANTINTERACTIES_SERVER_FAILING,
    /* Open Klant handles the request after the delay, whether we still wait or not. */
    [FAILURE_SLOW] = KP_KLANTINTERACTIES_SERVER_SLOW,
    [FAILURE_MALFORMED] = KP_KLANTINTERACTIES_SERVER_MALFORMED,
    [FAILURE_TOKEN_REFUSED] = KP_KLANTINTERACTIES_SERVER_NORMAL,
  };

  kp_klantinteracties_server_set_behaviour (
      fixture->klantinteracties, failing ? behaviours[failure] : KP_KLANTINTERACTIES_SERVER_NORMAL,
      SLOW_MS);
}

static guint
klantinteracties_count_made (Fixture *fixture)
{
  return kp_klantinteracties_server_count (fixture->klantinteracties, "klantcontacten");
}

static guint
klantinteracties_count_requests (Fixture *fixture)
{
  return kp_klantinteracties_server_count_requests (fixture->klantinteracties);
}

static KpBackend *
klantinteracties_new_backend (Fixture *fixture, KpConfig *config)
{
  g_autoptr (GError) error = NULL;
  KpKlantinteractiesBackend *backend = kp_klantinteracties_backend_new (
      kp_syncd_harness_get_store (fixture->harness), config, TOKEN, &error);

  g_assert_no_error (error);
  return KP_BACKEND (backend);
}

/* Cut between steps: the klantcontact is there, its internetaak is not yet. */
static void
klantinteracties_after_kill (KpSyncdHarness *harness, gpointer user_data)
{
  Fixture *fixture = user_data;
  g_autofree char *cut_short = dup_reference_cut_short (fixture);
  g_autofree char *klantcontact = NULL;
  g_autofree char *internetaak = NULL;

  if (cut_short == NULL)
    return;
  klantcontact = lookup_step (fixture, cut_short, "klantcontact");
  internetaak = lookup_step (fixture, cut_short, "internetaak");
  fixture->n_cut_between_steps += klantcontact != NULL && internetaak == NULL;
}

static guint
count_where (Fixture *fixture, const char *resource, const char *path, const char *value)
{
  return kp_klantinteracties_server_count_where (fixture->klantinteracties, resource, path, value);
}

/* Each request is one klantcontact with its betrokkene, digitaal adres and internetaak. */
static guint
klantinteracties_assert_each_once (Fixture *fixture)
{
  static const char *const resources[]
      = { "klantcontacten", "betrokkenen", "digitaleadressen", "internetaken" };
  GPtrArray *references = kp_syncd_harness_get_references (fixture->harness);

  assert_all_delivered (fixture);
  for (gsize i = 0; i < G_N_ELEMENTS (resources); i++)
    g_assert_cmpuint (kp_klantinteracties_server_count (fixture->klantinteracties, resources[i]),
                      ==, references->len);
  for (guint i = 0; i < references->len; i++)
    {
      const char *reference = g_ptr_array_index (references, i);
      g_autoptr (KpOutboxItem) item = kp_syncd_harness_lookup (fixture->harness, reference);
      g_autofree char *number = kp_klantinteracties_backend_dup_referentienummer (reference);
      g_autofree char *klantcontact = lookup_step (fixture, reference, "klantcontact");
      g_autofree char *internetaak = lookup_step (fixture, reference, "internetaak");

      g_assert_cmpuint (count_where (fixture, "klantcontacten", "referentienummer", number), ==, 1);
      g_assert_cmpuint (count_where (fixture, "klantcontacten", "uuid", klantcontact), ==, 1);
      g_assert_cmpuint (count_where (fixture, "betrokkenen", "hadKlantcontact.uuid", klantcontact),
                        ==, 1);
      g_assert_cmpuint (count_where (fixture, "digitaleadressen", "referentie", reference), ==, 1);
      g_assert_cmpuint (
          count_where (fixture, "internetaken", "aanleidinggevendKlantcontact.uuid", klantcontact),
          ==, 1);
      g_assert_cmpstr (kp_outbox_item_get_remote_id (item), ==, internetaak);
    }
  return 0;
}

static const CaseSystem klantinteracties = {
  "klantinteracties",
  "callback",
  klantinteracties_start,
  klantinteracties_stop,
  klantinteracties_write_config,
  klantinteracties_get_url,
  klantinteracties_submit,
  klantinteracties_set_failing,
  klantinteracties_count_made,
  klantinteracties_count_requests,
  klantinteracties_new_backend,
  klantinteracties_after_kill,
  klantinteracties_assert_each_once,
};

/* ---- Fixture ---- */

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  const TestCase *test_case = data;

  fixture->system = test_case->system;
  fixture->harness = kp_syncd_harness_new (fixture->system->name);
  fixture->token_path = kp_syncd_harness_write_secret (fixture->harness, "token", TOKEN "\n");
  fixture->cut_before_uuid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fixture->cut_before_photo = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fixture->system->start_server (fixture);
  fixture->system->write_config (fixture, fixture->system->get_url (fixture));
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  fixture->system->stop_server (fixture);
  g_clear_pointer (&fixture->cut_before_photo, g_hash_table_unref);
  g_clear_pointer (&fixture->cut_before_uuid, g_hash_table_unref);
  g_clear_pointer (&fixture->harness, kp_syncd_harness_free);
  g_free (fixture->token_path);
}

/* ---- Tests ---- */

/* "http://127.0.0.1:PORT/" where nothing listens: a case system that is down. (transfer full) */
static char *
dup_closed_url (void)
{
  return g_strdup_printf ("http://127.0.0.1:%u/", kp_test_pick_free_port ());
}

static void
start_failing (Fixture *fixture, Failure failure)
{
  g_autofree char *closed_url = NULL;

  if (failure == FAILURE_DOWN)
    {
      closed_url = dup_closed_url ();
      fixture->system->write_config (fixture, closed_url);
    }
  if (failure == FAILURE_TOKEN_REFUSED)
    g_free (kp_syncd_harness_write_secret (fixture->harness, "token", "een-ander-token\n"));
  fixture->system->set_failing (fixture, failure, TRUE);
}

/*
 * A slow server takes one request at a time, so requests we gave up on may
 * still wait their turn. Each row tried once until the breaker opened; the
 * server stays slow until it has seen all those tries, so it answers none
 * of them as a server that is well again.
 */
static void
wait_for_tries (Fixture *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

  while (fixture->system->count_requests (fixture) < KP_CIRCUIT_BREAKER_DEFAULT_THRESHOLD)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (20 * G_TIME_SPAN_MILLISECOND);
    }
  g_assert_cmpuint (fixture->system->count_requests (fixture), ==,
                    KP_CIRCUIT_BREAKER_DEFAULT_THRESHOLD);
}

static void
stop_failing (Fixture *fixture, Failure failure)
{
  if (failure == FAILURE_SLOW)
    wait_for_tries (fixture);
  fixture->system->set_failing (fixture, failure, FALSE);
  g_free (kp_syncd_harness_write_secret (fixture->harness, "token", TOKEN "\n"));
  fixture->system->write_config (fixture, fixture->system->get_url (fixture));
}

/* Every row waits with an error that says why, but nothing personal; none is refused. */
static void
assert_all_waiting (Fixture *fixture, Failure failure)
{
  GPtrArray *references = kp_syncd_harness_get_references (fixture->harness);
  g_autoptr (KpOutboxItem) first
      = kp_syncd_harness_lookup (fixture->harness, g_ptr_array_index (references, 0));
  g_autoptr (KpOutboxItem) last = kp_syncd_harness_lookup (
      fixture->harness, g_ptr_array_index (references, references->len - 1));
  g_autofree char *breaker = g_strdup_printf ("%s failed %u times in a row", fixture->system->name,
                                              KP_CIRCUIT_BREAKER_DEFAULT_THRESHOLD);
  const char *error = kp_outbox_item_get_last_error (first);

  g_assert_cmpuint (kp_syncd_harness_count (fixture->harness, KP_OUTBOX_STATE_PENDING), ==,
                    references->len);
  g_assert_cmpuint (fixture->system->count_made (fixture), ==, 0);
  kp_test_assert_contains (error, failure_errors[failure]);
  g_assert_null (strstr (error, EMAIL));
  g_assert_null (strstr (error, "1234"));
  g_assert_null (strstr (error, TOKEN));
  /* After a few failures in a row the rest are not sent at all. */
  kp_test_assert_contains (kp_outbox_item_get_last_error (last), breaker);
}

/*
 * The case system fails in one way: the rows wait, nothing arrives. Once
 * it answers again and the rows' back-off has passed, each arrives once.
 */
static void
test_failure_then_exactly_once (Fixture *fixture, gconstpointer data)
{
  const TestCase *test_case = data;

  for (guint i = 0; i < N_ROWS; i++)
    fixture->system->submit (fixture);
  start_failing (fixture, test_case->failure);
  kp_syncd_harness_run_once (fixture->harness);
  assert_all_waiting (fixture, test_case->failure);

  stop_failing (fixture, test_case->failure);
  kp_syncd_harness_make_all_due (fixture->harness);
  kp_syncd_harness_run_once (fixture->harness);
  g_assert_cmpuint (fixture->system->assert_each_once (fixture), ==, 0);
}

/*
 * SIGKILL at 100 random moments while kernpunt-syncd delivers, then one
 * run with --once: no submission is lost or doubled, however its steps
 * were cut (for Signalen: but for the window described at the top).
 */
static void
test_sigkill_between_steps (Fixture *fixture, gconstpointer data)
{
  kp_syncd_harness_kill_repeatedly (fixture->harness, N_KILLS, submit_batch,
                                    fixture->system->after_kill, fixture);
  g_test_message ("%u kills between the steps of a delivery on the server",
                  fixture->n_cut_between_steps);
  /* Otherwise no delivery was cut where a retry must pick it up halfway. */
  g_assert_cmpuint (fixture->n_cut_between_steps, >, 0);

  kp_syncd_harness_run_once (fixture->harness);
  fixture->system->assert_each_once (fixture);
}

/*
 * An hour down, on a simulated clock, with the router and breaker set up
 * as kernpunt-syncd sets them up: while down the case system gets a few
 * tries per cool-down, not one per row; back up, every row arrives once
 * within a cool-down.
 */
static void
test_outage_of_an_hour (Fixture *fixture, gconstpointer data)
{
  g_autoptr (KpConfig) config = kp_syncd_harness_load_config (fixture->harness);
  KpStore *store = kp_syncd_harness_get_store (fixture->harness);
  KpOutbox *outbox = kp_syncd_harness_get_outbox (fixture->harness);
  g_autoptr (KpBackend) backend = fixture->system->new_backend (fixture, config);
  g_autoptr (KpLocalRegister) local_register = kp_local_register_new (store);
  g_autoptr (KpBackendRouter) router = kp_backend_router_new (KP_BACKEND (local_register));
  g_autoptr (KpDeliveryAgent) agent = NULL;
  gint64 back_online;
  guint n_requests_down;

  kp_backend_router_add_route (router, fixture->system->kind, backend);
  kp_backend_router_set_clock (router, kp_syncd_harness_simulated_clock);
  kp_backend_router_set_outbox (router, outbox);
  agent = kp_delivery_agent_new (outbox, KP_BACKEND (router));
  for (guint i = 0; i < N_ROWS; i++)
    fixture->system->submit (fixture);

  kp_syncd_harness_set_simulated_time (g_get_real_time ());
  back_online = kp_syncd_harness_simulated_clock () + OUTAGE;
  fixture->system->set_failing (fixture, FAILURE_SERVER_ERROR, TRUE);
  kp_syncd_harness_run_passes_until (agent, outbox, back_online);
  n_requests_down = fixture->system->count_requests (fixture);
  g_assert_cmpuint (kp_syncd_harness_count (fixture->harness, KP_OUTBOX_STATE_PENDING), ==, N_ROWS);
  g_assert_cmpuint (fixture->system->count_made (fixture), ==, 0);
  g_assert_cmpuint (n_requests_down, <=,
                    KP_CIRCUIT_BREAKER_DEFAULT_THRESHOLD
                        + OUTAGE / KP_CIRCUIT_BREAKER_DEFAULT_COOL_DOWN + 1);

  fixture->system->set_failing (fixture, FAILURE_SERVER_ERROR, FALSE);
  kp_syncd_harness_set_simulated_time (MAX (kp_syncd_harness_simulated_clock (), back_online));
  kp_syncd_harness_run_passes_until (agent, outbox, G_MAXINT64);
  g_test_message ("%u requests during the hour down; back up, the outbox was empty after %.1f min",
                  n_requests_down,
                  (double) (kp_syncd_harness_simulated_clock () - back_online)
                      / G_TIME_SPAN_MINUTE);
  g_assert_cmpint (kp_syncd_harness_simulated_clock () - back_online, <=,
                   KP_CIRCUIT_BREAKER_DEFAULT_COOL_DOWN + G_TIME_SPAN_SECOND * N_ROWS);
  g_assert_cmpuint (fixture->system->assert_each_once (fixture), ==, 0);
}

static const char *const failure_names[] = {
  [FAILURE_DOWN] = "down",
  [FAILURE_SERVER_ERROR] = "server-error",
  [FAILURE_SLOW] = "slow",
  [FAILURE_MALFORMED] = "malformed",
  [FAILURE_TOKEN_REFUSED] = "token-refused",
};

/* @cases: one per failure, kept by the caller while the tests run. */
static void
add_tests (const CaseSystem *system, TestCase cases[G_N_ELEMENTS (failure_names)])
{
  g_autofree char *kill_path
      = g_strdup_printf ("/case-systems-syncd/%s/sigkill-between-steps", system->name);
  g_autofree char *outage_path
      = g_strdup_printf ("/case-systems-syncd/%s/outage-of-an-hour", system->name);

  for (gsize i = 0; i < G_N_ELEMENTS (failure_names); i++)
    {
      g_autofree char *path
          = g_strdup_printf ("/case-systems-syncd/%s/%s", system->name, failure_names[i]);

      cases[i] = (TestCase){ system, (Failure) i };
      g_test_add (path, Fixture, &cases[i], fixture_set_up, test_failure_then_exactly_once,
                  fixture_tear_down);
    }
  g_test_add (kill_path, Fixture, &cases[0], fixture_set_up, test_sigkill_between_steps,
              fixture_tear_down);
  g_test_add (outage_path, Fixture, &cases[0], fixture_set_up, test_outage_of_an_hour,
              fixture_tear_down);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();
  TestCase signalen_cases[G_N_ELEMENTS (failure_names)];
  TestCase klantinteracties_cases[G_N_ELEMENTS (failure_names)];

  g_test_init (&argc, &argv, NULL);
  add_tests (&signalen, signalen_cases);
  add_tests (&klantinteracties, klantinteracties_cases);
  return g_test_run ();
}
