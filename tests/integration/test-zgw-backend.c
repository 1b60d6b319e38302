/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-delivery-agent.h"
#include "kp-outbox-item.h"
#include "kp-outbox.h"
#include "kp-store-private.h"
#include "kp-test-helpers.h"
#include "kp-zgw-backend.h"
#include "kp-zgw-server.h"

/*
 * KpZgwBackend against a stateful ZGW server that can be told to fail:
 * every submission ends as exactly one zaak with one rol and one status,
 * however often delivery fails on the way.
 */

#define SECRET "geheim-van-de-gemeente"
#define RSIN   "002564440"
#define PAYLOAD                                                                                    \
  "{\"kind\":\"report\",\"version\":1,\"main_category\":\"afval\","                                \
  "\"sub_category\":\"afval/grofvuil\",\"place\":{\"kind\":\"address\",\"street\":\"Lindelaan\","  \
  "\"town\":\"Lindeveen\",\"latitude\":52.8712,\"longitude\":6.5384},\"photo\":false,"             \
  "\"personal\":{\"description\":\"Bank op de stoep\",\"email\":\"melder@example.nl\"}}"

typedef struct
{
  char *dir;
  KpZgwServer *server;
  KpConfig *config;
  KpStore *store;
  KpOutbox *outbox;
  KpDeliveryAgent *agent;
} Fixture;

static KpDeliveryAgent *
new_agent (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpZgwClient) client
      = kp_zgw_client_new (kp_zgw_server_get_zaken_url (fixture->server),
                           kp_zgw_server_get_catalogi_url (fixture->server), "kernpunt-test",
                           SECRET, "Kiosk Bibliotheek De Linde", 1, &error);
  g_autoptr (KpZgwBackend) backend = NULL;

  g_assert_no_error (error);
  backend = kp_zgw_backend_new (fixture->store, client, fixture->config);
  return kp_delivery_agent_new (fixture->outbox, KP_BACKEND (backend));
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *key_file = NULL;
  g_autofree char *db = NULL;

  fixture->dir = kp_test_make_tmpdir ("zgw-XXXXXX");
  fixture->server = kp_zgw_server_new (SECRET);
  key_file = g_strdup_printf ("[storage]\ndata-dir=%s\n"
                              "[zgw]\nzaken-url=%s\ncatalogi-url=%s\nclient-id=kernpunt-test\n"
                              "secret-file=%s/secret\nrsin=" RSIN "\ncatalogus=%s\n"
                              "user-representation=Kiosk Bibliotheek De Linde\n"
                              "zaaktype-report=MOR\n"
                              "[delivery]\nreport=zgw\n",
                              fixture->dir, kp_zgw_server_get_zaken_url (fixture->server),
                              kp_zgw_server_get_catalogi_url (fixture->server), fixture->dir,
                              kp_zgw_server_get_catalogus_url (fixture->server));
  fixture->config = kp_config_new_from_data (key_file, &error);
  g_assert_no_error (error);
  db = g_build_filename (fixture->dir, "kernpunt.db", NULL);
  fixture->store = kp_store_open (db, &error);
  g_assert_no_error (error);
  fixture->outbox = kp_outbox_new (fixture->store);
  fixture->agent = new_agent (fixture);
  kp_delivery_agent_set_retry_delays (fixture->agent, G_TIME_SPAN_SECOND, G_TIME_SPAN_MINUTE);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->agent);
  g_clear_object (&fixture->outbox);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->config);
  g_clear_pointer (&fixture->server, kp_zgw_server_free);
  kp_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static char *
submit (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) attachments = g_ptr_array_new ();
  char *reference = kp_outbox_submit (fixture->outbox, "report", PAYLOAD, attachments, &error);

  g_assert_no_error (error);
  return reference;
}

static void
deliver_at (Fixture *fixture, gint64 now)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (kp_delivery_agent_deliver_due (fixture->agent, now, NULL, NULL, &error));
  g_assert_no_error (error);
}

static KpOutboxItem *
lookup (Fixture *fixture, const char *reference)
{
  g_autoptr (GError) error = NULL;
  KpOutboxItem *item = kp_outbox_lookup (fixture->outbox, reference, &error);

  g_assert_no_error (error);
  return item;
}

static void
assert_one_complete_zaak (Fixture *fixture, const char *reference)
{
  g_autoptr (KpOutboxItem) item = lookup (fixture, reference);

  g_assert_cmpint (kp_outbox_item_get_state (item), ==, KP_OUTBOX_STATE_DELIVERED);
  g_assert_cmpuint (kp_zgw_server_count_zaken_with (fixture->server, reference), ==, 1);
  g_assert_cmpuint (kp_zgw_server_count (fixture->server, "zaken"), ==, 1);
  g_assert_true (kp_zgw_server_each_zaak_complete (fixture->server));
  g_assert_true (g_str_has_prefix (kp_outbox_item_get_remote_id (item),
                                   kp_zgw_server_get_zaken_url (fixture->server)));
  g_assert_cmpstr (kp_outbox_item_get_remote_status (item), ==, "Ontvangen");
}

static void
test_delivers_zaak_rol_status (Fixture *fixture, gconstpointer data)
{
  g_autofree char *reference = submit (fixture);
  g_autofree char *zaak_body = NULL;
  g_autofree char *rol_body = NULL;
  g_autoptr (JsonNode) zaak = NULL;
  g_autoptr (JsonNode) rol = NULL;
  JsonObject *object;
  JsonArray *coordinates;
  JsonObject *kenmerk;

  deliver_at (fixture, g_get_real_time ());
  assert_one_complete_zaak (fixture, reference);

  zaak_body = kp_zgw_server_dup_last_body (fixture->server, "zaken");
  zaak = kp_test_parse_json (zaak_body);
  object = json_node_get_object (zaak);
  g_assert_cmpstr (json_object_get_string_member (object, "identificatie"), ==, reference);
  g_assert_cmpstr (json_object_get_string_member (object, "bronorganisatie"), ==, RSIN);
  g_assert_cmpstr (json_object_get_string_member (object, "verantwoordelijkeOrganisatie"), ==,
                   RSIN);
  /* The version valid today, not the one that ended in 2020. */
  g_assert_cmpstr (json_object_get_string_member (object, "zaaktype"), ==,
                   kp_zgw_server_get_current_zaaktype_url (fixture->server));
  g_assert_cmpstr (json_object_get_string_member (object, "omschrijving"), ==,
                   "Report about public space: afval/grofvuil");
  g_assert_cmpstr (json_object_get_string_member (object, "toelichting"), ==, "Bank op de stoep");
  coordinates = json_object_get_array_member (
      json_object_get_object_member (object, "zaakgeometrie"), "coordinates");
  g_assert_cmpfloat_with_epsilon (json_array_get_double_element (coordinates, 0), 6.5384, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_array_get_double_element (coordinates, 1), 52.8712, 1e-9);
  kenmerk = json_array_get_object_element (json_object_get_array_member (object, "kenmerken"), 0);
  g_assert_cmpstr (json_object_get_string_member (kenmerk, "kenmerk"), ==, reference);

  rol_body = kp_zgw_server_dup_last_body (fixture->server, "rollen");
  rol = kp_test_parse_json (rol_body);
  object = json_node_get_object (rol);
  g_assert_cmpstr (json_object_get_string_member (object, "betrokkeneType"), ==,
                   "natuurlijk_persoon");
  g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (object, "contactpersoonRol"), "emailadres"),
                   ==, "melder@example.nl");
}

/* Each way the server can fail leaves the row waiting, and the next try delivers it once. */
static void
test_failures_then_exactly_once (Fixture *fixture, gconstpointer data)
{
  const KpZgwServerBehaviour failures[] = {
    KP_ZGW_SERVER_FAILING,         KP_ZGW_SERVER_SLOW,
    KP_ZGW_SERVER_MALFORMED,       KP_ZGW_SERVER_TOKEN_REJECTED,
    KP_ZGW_SERVER_FAIL_AFTER_ZAAK,
  };
  g_autofree char *reference = submit (fixture);
  gint64 now = g_get_real_time ();

  for (gsize i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      g_autoptr (KpOutboxItem) item = NULL;

      kp_zgw_server_set_behaviour (fixture->server, failures[i], 3000);
      now += G_TIME_SPAN_HOUR;
      deliver_at (fixture, now);
      item = lookup (fixture, reference);
      g_assert_cmpint (kp_outbox_item_get_state (item), ==, KP_OUTBOX_STATE_PENDING);
      g_assert_nonnull (kp_outbox_item_get_last_error (item));
      g_assert_null (strstr (kp_outbox_item_get_last_error (item), "melder@"));
    }
  kp_zgw_server_set_behaviour (fixture->server, KP_ZGW_SERVER_NORMAL, 0);
  deliver_at (fixture, now + G_TIME_SPAN_HOUR);
  assert_one_complete_zaak (fixture, reference);
}

/*
 * A crash after POST /zaken reached the server but before we booked it:
 * the bookkeeping is lost with the process, and kernpunt-syncd starts
 * again with a new backend. The retry finds the zaak by identificatie.
 */
static void
test_crash_after_zaak_makes_no_second (Fixture *fixture, gconstpointer data)
{
  g_autofree char *reference = submit (fixture);
  g_autoptr (GError) error = NULL;
  gint64 now = g_get_real_time ();

  kp_zgw_server_set_behaviour (fixture->server, KP_ZGW_SERVER_FAIL_AFTER_ZAAK, 0);
  deliver_at (fixture, now);
  g_assert_cmpuint (kp_zgw_server_count (fixture->server, "zaken"), ==, 1);
  g_assert_cmpuint (kp_zgw_server_count (fixture->server, "rollen"), ==, 0);
  g_assert_true (
      kp_store_exec (fixture->store, "UPDATE zgw_deliveries SET zaak_url = NULL", &error));
  g_assert_no_error (error);

  kp_zgw_server_set_behaviour (fixture->server, KP_ZGW_SERVER_NORMAL, 0);
  g_clear_object (&fixture->agent);
  fixture->agent = new_agent (fixture);
  deliver_at (fixture, now + G_TIME_SPAN_HOUR);
  assert_one_complete_zaak (fixture, reference);
}

/* The check bites: a second zaak with the same identificatie is refused for good. */
static void
test_duplicate_zaak_refused (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpZgwClient) client
      = kp_zgw_client_new (kp_zgw_server_get_zaken_url (fixture->server),
                           kp_zgw_server_get_catalogi_url (fixture->server), "kernpunt-test",
                           SECRET, "Kiosk", 5, &error);
  KpZgwNewZaak zaak = {
    .identificatie = "KP-TEST-0001",
    .bronorganisatie = RSIN,
    .zaaktype = kp_zgw_server_get_current_zaaktype_url (fixture->server),
    .startdatum = "2026-01-05",
    .omschrijving = "Test",
  };
  g_autofree char *first = kp_zgw_client_create_zaak (client, &zaak, NULL, &error);
  g_autofree char *second = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (first);
  second = kp_zgw_client_create_zaak (client, &zaak, NULL, &error);
  g_assert_null (second);
  g_assert_error (error, KP_BACKEND_ERROR, KP_BACKEND_ERROR_PERMANENT);
  g_assert_cmpuint (kp_zgw_server_count (fixture->server, "zaken"), ==, 1);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = NULL;

  g_test_init (&argc, &argv, NULL);
  home = kp_test_init_home ();
  g_test_add ("/zgw-backend/delivers", Fixture, NULL, fixture_set_up, test_delivers_zaak_rol_status,
              fixture_tear_down);
  g_test_add ("/zgw-backend/failures-then-once", Fixture, NULL, fixture_set_up,
              test_failures_then_exactly_once, fixture_tear_down);
  g_test_add ("/zgw-backend/crash-after-zaak", Fixture, NULL, fixture_set_up,
              test_crash_after_zaak_makes_no_second, fixture_tear_down);
  g_test_add ("/zgw-backend/duplicate-refused", Fixture, NULL, fixture_set_up,
              test_duplicate_zaak_refused, fixture_tear_down);
  return g_test_run ();
}
