/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-backend-test-fixture.h"
#include "kp-delivery-agent.h"
#include "kp-delivery-steps.h"
#include "kp-klantinteracties-backend.h"
#include "kp-klantinteracties-server.h"
#include "kp-outbox-item.h"
#include "kp-outbox.h"
#include "kp-store-private.h"
#include "kp-test-helpers.h"

/*
 * KpKlantinteractiesBackend against a stateful Open Klant stand-in that
 * can be told to fail: every call-back request ends as exactly one
 * klantcontact with one betrokkene, one digitaal adres and one internetaak,
 * however often delivery fails on the way.
 */

#define TOKEN "open-klant-token"
#define ACTOR "5d3b6f4e-2c1a-4f7b-9e8d-0a1b2c3d4e5f"
#define PAYLOAD_WITH_PHONE(phone)                                                                  \
  "{\"kind\":\"callback\",\"version\":1,\"part_of_day\":\"morning\","                              \
  "\"requested_on\":\"2026-12-01\",\"call_before_end_of\":\"2026-12-03\","                         \
  "\"personal\":{\"subject\":\"Vraag over mijn afvalpas\",\"name\":\"J. de Vries\","               \
  "\"phone\":\"" phone "\"}}"
#define PAYLOAD PAYLOAD_WITH_PHONE ("06-1234 5678")

typedef struct
{
  KpBackendTestFixture base;
  KpKlantinteractiesServer *server;
  KpDeliveryAgent *agent;
} Fixture;

static KpKlantinteractiesBackend *
new_backend (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  KpKlantinteractiesBackend *backend
      = kp_klantinteracties_backend_new (fixture->base.store, fixture->base.config, TOKEN, &error);

  g_assert_no_error (error);
  return backend;
}

/* A new backend and agent, as kernpunt-syncd makes them when it starts (again). */
static KpDeliveryAgent *
new_agent (Fixture *fixture)
{
  g_autoptr (KpKlantinteractiesBackend) backend = new_backend (fixture);

  return kp_delivery_agent_new (fixture->base.outbox, KP_BACKEND (backend));
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *key_file = NULL;

  kp_backend_test_fixture_make_dir (&fixture->base, "klantinteracties-XXXXXX");
  fixture->server = kp_klantinteracties_server_new (TOKEN);
  key_file
      = g_strdup_printf ("[storage]\ndata-dir=%s\n"
                         "[klantinteracties]\nurl=%s\ntoken-file=%s/token\n"
                         "actor=%sactoren/" ACTOR "/\nkanaal=informatiepunt\n"
                         "timeout-seconds=1\n"
                         "[delivery]\ncallback=klantinteracties\n",
                         fixture->base.dir, kp_klantinteracties_server_get_url (fixture->server),
                         fixture->base.dir, kp_klantinteracties_server_get_url (fixture->server));
  kp_backend_test_fixture_open (&fixture->base, key_file);
  fixture->agent = new_agent (fixture);
  kp_delivery_agent_set_retry_delays (fixture->agent, G_TIME_SPAN_SECOND, G_TIME_SPAN_MINUTE);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->agent);
  g_clear_pointer (&fixture->server, kp_klantinteracties_server_free);
  kp_backend_test_fixture_close (&fixture->base);
}

static char *
submit_payload (Fixture *fixture, const char *payload)
{
  return kp_backend_test_fixture_submit (&fixture->base, "callback", payload, NULL);
}

static void
assert_one_of_each (Fixture *fixture, const char *reference)
{
  static const char *const resources[]
      = { "klantcontacten", "betrokkenen", "digitaleadressen", "internetaken" };
  g_autoptr (KpOutboxItem) item = kp_backend_test_fixture_lookup (&fixture->base, reference);
  g_autoptr (GError) error = NULL;
  g_autofree char *nummer = NULL;

  g_assert_cmpint (kp_outbox_item_get_state (item), ==, KP_OUTBOX_STATE_DELIVERED);
  for (gsize i = 0; i < G_N_ELEMENTS (resources); i++)
    g_assert_cmpuint (kp_klantinteracties_server_count (fixture->server, resources[i]), ==, 1);
  g_assert_true (g_uuid_string_is_valid (kp_outbox_item_get_remote_id (item)));
  g_assert_cmpstr (kp_outbox_item_get_remote_status (item), ==, "te_verwerken");
  /* Open Klant's number for the klantcontact, the one a resident can read out, is kept. */
  nummer = kp_delivery_steps_lookup (fixture->base.store, reference, "klantcontact-nummer", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nummer, ==, "0000000001");
}

static JsonNode *
last_body (Fixture *fixture, const char *resource)
{
  g_autofree char *body = kp_klantinteracties_server_dup_last_body (fixture->server, resource);

  return kp_test_parse_json (body);
}

static void
test_delivers_contact_and_task (Fixture *fixture, gconstpointer data)
{
  g_autofree char *reference = submit_payload (fixture, PAYLOAD);
  g_autoptr (JsonNode) klantcontact = NULL;
  g_autoptr (JsonNode) adres = NULL;
  g_autoptr (JsonNode) taak = NULL;
  g_autoptr (KpOutboxItem) item = NULL;
  g_autoptr (KpKlantinteractiesBackend) backend = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *status = NULL;
  g_autofree char *done = NULL;
  g_autofree char *referentienummer = NULL;
  JsonObject *object;

  kp_test_deliver_due (fixture->agent, g_get_real_time ());
  assert_one_of_each (fixture, reference);

  /* The bytes on the wire. */
  klantcontact = last_body (fixture, "klantcontacten");
  object = json_node_get_object (klantcontact);
  g_assert_cmpstr (json_object_get_string_member (object, "kanaal"), ==, "informatiepunt");
  g_assert_cmpstr (json_object_get_string_member (object, "inhoud"), ==,
                   "Vraag over mijn afvalpas");
  referentienummer = kp_klantinteracties_backend_dup_referentienummer (reference);
  g_assert_cmpuint (strlen (referentienummer), <=, 10);
  g_assert_cmpstr (json_object_get_string_member (object, "referentienummer"), ==,
                   referentienummer);
  g_assert_cmpstr (
      json_object_get_string_member (json_object_get_object_member (object, "metadata"), "locatie"),
      ==, kp_config_get_location_name (fixture->base.config));
  adres = last_body (fixture, "digitaleadressen");
  object = json_node_get_object (adres);
  g_assert_cmpstr (json_object_get_string_member (object, "adres"), ==, "0612345678");
  g_assert_cmpstr (json_object_get_string_member (object, "soortDigitaalAdres"), ==,
                   "telefoonnummer");
  taak = last_body (fixture, "internetaken");
  object = json_node_get_object (taak);
  g_assert_cmpstr (json_object_get_string_member (object, "gevraagdeHandeling"), ==, "Terugbellen");
  kp_test_assert_contains (json_object_get_string_member (object, "toelichting"), "2026-12-03");
  g_assert_cmpstr (json_object_get_string_member (
                       json_array_get_object_element (
                           json_object_get_array_member (object, "toegewezenAanActoren"), 0),
                       "uuid"),
                   ==, ACTOR);

  /* The status the resident sees, as the contact centre changes it. */
  item = kp_backend_test_fixture_lookup (&fixture->base, reference);
  backend = new_backend (fixture);
  status = kp_klantinteracties_backend_fetch_status (backend, kp_outbox_item_get_remote_id (item),
                                                     NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (status, ==, "te_verwerken");
  kp_klantinteracties_server_set_status (fixture->server, kp_outbox_item_get_remote_id (item),
                                         "verwerkt");
  done = kp_klantinteracties_backend_fetch_status (backend, kp_outbox_item_get_remote_id (item),
                                                   NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (done, ==, "verwerkt");
  g_assert_finalize_object (g_steal_pointer (&backend));
}

/* Each way the server can fail leaves the row waiting, and the next try delivers it once. */
static void
test_failures_then_exactly_once (Fixture *fixture, gconstpointer data)
{
  const KpKlantinteractiesServerBehaviour failures[] = {
    KP_KLANTINTERACTIES_SERVER_FAILING,
    KP_KLANTINTERACTIES_SERVER_SLOW,
    KP_KLANTINTERACTIES_SERVER_MALFORMED,
    KP_KLANTINTERACTIES_SERVER_TOKEN_REJECTED,
    KP_KLANTINTERACTIES_SERVER_FAIL_AFTER_KLANTCONTACT,
  };
  g_autofree char *reference = submit_payload (fixture, PAYLOAD);
  gint64 now = g_get_real_time ();

  for (gsize i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      kp_klantinteracties_server_set_behaviour (fixture->server, failures[i], 3000);
      now += G_TIME_SPAN_HOUR;
      kp_backend_test_fixture_assert_try_fails (&fixture->base, fixture->agent, now, reference,
                                                "5678", TOKEN);
    }
  kp_klantinteracties_server_set_behaviour (fixture->server, KP_KLANTINTERACTIES_SERVER_NORMAL, 0);
  kp_test_deliver_due (fixture->agent, now + G_TIME_SPAN_HOUR);
  assert_one_of_each (fixture, reference);
}

/*
 * A crash after POST klantcontacten reached the server but before we
 * booked it: the bookkeeping is lost with the process. The retry finds the
 * klantcontact by its referentienummer and makes no second one.
 */
static void
test_crash_after_klantcontact_makes_no_second (Fixture *fixture, gconstpointer data)
{
  g_autofree char *reference = submit_payload (fixture, PAYLOAD);
  g_autoptr (GError) error = NULL;
  gint64 now = g_get_real_time ();

  kp_klantinteracties_server_set_behaviour (fixture->server,
                                            KP_KLANTINTERACTIES_SERVER_FAIL_AFTER_KLANTCONTACT, 0);
  kp_test_deliver_due (fixture->agent, now);
  g_assert_cmpuint (kp_klantinteracties_server_count (fixture->server, "klantcontacten"), ==, 1);
  g_assert_true (kp_store_exec (fixture->base.store, "DELETE FROM delivery_steps", &error));
  g_assert_no_error (error);

  kp_klantinteracties_server_set_behaviour (fixture->server, KP_KLANTINTERACTIES_SERVER_NORMAL, 0);
  g_clear_object (&fixture->agent);
  fixture->agent = new_agent (fixture);
  kp_test_deliver_due (fixture->agent, now + G_TIME_SPAN_HOUR);
  assert_one_of_each (fixture, reference);
}

/* A number the API would refuse (a 0900 line) is refused on the kiosk, without a request. */
static void
test_bad_phone_refused_without_request (Fixture *fixture, gconstpointer data)
{
  g_autofree char *reference = submit_payload (fixture, PAYLOAD_WITH_PHONE ("0900-1234"));
  g_autoptr (KpOutboxItem) item = NULL;

  kp_test_deliver_due (fixture->agent, g_get_real_time ());
  item = kp_backend_test_fixture_lookup (&fixture->base, reference);
  g_assert_cmpint (kp_outbox_item_get_state (item), ==, KP_OUTBOX_STATE_REJECTED);
  g_assert_cmpuint (kp_klantinteracties_server_count_requests (fixture->server), ==, 0);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = NULL;

  g_test_init (&argc, &argv, NULL);
  home = kp_test_init_home ();
  g_test_add ("/klantinteracties-backend/delivers", Fixture, NULL, fixture_set_up,
              test_delivers_contact_and_task, fixture_tear_down);
  g_test_add ("/klantinteracties-backend/failures-then-once", Fixture, NULL, fixture_set_up,
              test_failures_then_exactly_once, fixture_tear_down);
  g_test_add ("/klantinteracties-backend/crash-after-klantcontact", Fixture, NULL, fixture_set_up,
              test_crash_after_klantcontact_makes_no_second, fixture_tear_down);
  g_test_add ("/klantinteracties-backend/bad-phone-refused", Fixture, NULL, fixture_set_up,
              test_bad_phone_refused_without_request, fixture_tear_down);
  return g_test_run ();
}
