/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-backend-test-fixture.h"
#include "kp-test-helpers.h"
#include "kp-test-prism.h"
#include "kp-zgw-backend.h"
#include "kp-zgw-server.h"

/*
 * Contract test: every request KpZgwClient sends is checked against the
 * published Zaken and Catalogi documents (../shared/specs/). Stoplight
 * Prism runs as a validating proxy in front of the stateful test server,
 * one per API; a request that breaks the document gets a 4xx problem from
 * Prism instead of reaching the server. The documents are rewritten first
 * (tests/helpers/kp-rewrite-nullable.py), or Prism lets everything through.
 */

#define SECRET "geheim-van-de-gemeente"
#define RSIN   "002564440"

/* One submission of each kind the kiosk sends to a case system. */
static const struct
{
  const char *kind;
  const char *payload;
} submissions[] = {
  { "report", "{\"kind\":\"report\",\"version\":1,\"main_category\":\"afval\","
              "\"sub_category\":\"afval/grofvuil\",\"place\":{\"kind\":\"address\","
              "\"street\":\"Lindelaan\",\"town\":\"Lindeveen\",\"latitude\":52.8712,"
              "\"longitude\":6.5384},\"photo\":false,\"personal\":{\"description\":"
              "\"Bank op de stoep\",\"email\":\"melder@example.nl\"}}" },
  { "found", "{\"kind\":\"found\",\"version\":1,\"object\":\"wallet\",\"personal\":"
             "{\"marks\":\"Zwart, met een sticker\",\"finder_name\":\"Els de Vries\","
             "\"finder_phone\":\"0612345678\"}}" },
  { "callback", "{\"kind\":\"callback\",\"version\":1,\"call_before_end_of\":\"2026-12-01\","
                "\"personal\":{\"subject\":\"Vraag over mijn aanslag\",\"name\":\"Jan Smit\","
                "\"phone\":\"0201234567\"}}" },
};

typedef struct
{
  KpBackendTestFixture base;
  KpZgwServer *server;
  KpTestPrism zaken;
  KpTestPrism catalogi;
  KpTestPrism documenten;
  KpTestPrism openzaak; /* only for numbering=reserve: Open Zaak's own Zaken API document */
  KpDeliveryAgent *agent;
} Fixture;

/*
 * Open Zaak's document, with its one reference to a document on the web
 * (the zaaktype in the answer to ?expand=, which we never ask for) made a
 * plain object: Prism would try to download it and the tests run offline.
 * (transfer full)
 */
static char *
prepare_open_zaak_spec (const char *dir)
{
  g_autoptr (JsonNode) spec = kp_test_prism_load_spec (dir, "openzaak-zaken");
  JsonObject *schemas = json_object_get_object_member (
      json_object_get_object_member (json_node_get_object (spec), "components"), "schemas");
  JsonObject *expand = json_object_get_object_member (
      json_array_get_object_element (
          json_object_get_array_member (json_object_get_object_member (schemas, "ExpandZaak"),
                                        "allOf"),
          1),
      "properties");
  JsonObject *zaaktype = json_object_get_object_member (
      json_object_get_object_member (json_object_get_object_member (expand, "_expand"),
                                     "properties"),
      "zaaktype");
  JsonObject *plain = json_object_new ();

  kp_test_assert_contains (
      json_object_get_string_member (
          json_array_get_object_element (json_object_get_array_member (zaaktype, "allOf"), 0),
          "$ref"),
      "https://");
  json_object_set_string_member (plain, "type", "object");
  json_object_set_array_member (zaaktype, "allOf", json_array_new ());
  json_array_add_object_element (json_object_get_array_member (zaaktype, "allOf"), plain);
  return kp_test_prism_save_spec (dir, "openzaak-zaken", spec);
}

/* With @data "reserve", a Prism with Open Zaak's document stands in front of the Zaken API too. */
static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpZgwClient) client = NULL;
  g_autoptr (KpZgwBackend) backend = NULL;
  g_autofree char *key_file = NULL;
  gboolean reserve = g_strcmp0 (data, "reserve") == 0;
  const char *dir;
  const char *zaken_url;

  kp_backend_test_fixture_make_dir (&fixture->base, "zgw-contract-XXXXXX");
  dir = fixture->base.dir;
  fixture->server = kp_zgw_server_new (SECRET);
  kp_test_prism_start (&fixture->zaken, dir, "zaken",
                       kp_zgw_server_get_zaken_url (fixture->server));
  kp_test_prism_start (&fixture->catalogi, dir, "catalogi",
                       kp_zgw_server_get_catalogi_url (fixture->server));
  kp_test_prism_start (&fixture->documenten, dir, "documenten",
                       kp_zgw_server_get_documenten_url (fixture->server));
  if (reserve)
    {
      g_autofree char *spec = prepare_open_zaak_spec (dir);

      kp_test_prism_start_with_spec (&fixture->openzaak, dir, spec,
                                     kp_zgw_server_get_zaken_url (fixture->server));
    }
  zaken_url = fixture->zaken.url;

  key_file = g_strdup_printf ("[storage]\ndata-dir=%s\n"
                              "[zgw]\nzaken-url=%s\ncatalogi-url=%s\nclient-id=kernpunt-test\n"
                              "secret-file=%s/secret\nrsin=" RSIN "\ncatalogus=%s\n"
                              "user-representation=Kiosk Bibliotheek De Linde\n"
                              "zaaktype-report=MOR\nzaaktype-found=MOR\nzaaktype-callback=MOR\n"
                              "documenten-url=%s\ndocument-type=Melding\nphoto-type=Foto\n"
                              "[delivery]\nreport=zgw\nfound=zgw\ncallback=zgw\n",
                              dir, zaken_url, fixture->catalogi.url, dir,
                              kp_zgw_server_get_catalogus_url (fixture->server),
                              fixture->documenten.url);
  kp_backend_test_fixture_open (&fixture->base, key_file);

  /* Prism answers slowly on its first requests. */
  client = kp_zgw_client_new (zaken_url, fixture->catalogi.url, "kernpunt-test", SECRET,
                              "Kiosk Bibliotheek De Linde", 30, &error);
  g_assert_no_error (error);
  g_assert_true (kp_zgw_client_set_documenten_url (client, fixture->documenten.url, &error));
  g_assert_no_error (error);
  backend = kp_zgw_backend_new (fixture->base.store, client, fixture->base.config);
  fixture->agent = kp_delivery_agent_new (fixture->base.outbox, KP_BACKEND (backend));
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->agent);
  kp_test_prism_stop (&fixture->openzaak);
  kp_test_prism_stop (&fixture->documenten);
  kp_test_prism_stop (&fixture->catalogi);
  kp_test_prism_stop (&fixture->zaken);
  g_clear_pointer (&fixture->server, kp_zgw_server_free);
  kp_backend_test_fixture_close (&fixture->base);
}

/* A report comes with a photo, so its document goes through the contract too. */
static char *
submit (Fixture *fixture, const char *kind, const char *payload)
{
  static const char photo_bytes[] = "\xff\xd8\xff\xe0 a photo";
  g_autoptr (GPtrArray) attachments
      = g_ptr_array_new_with_free_func ((GDestroyNotify) kp_attachment_free);
  g_autoptr (GBytes) photo = g_bytes_new_static (photo_bytes, sizeof photo_bytes);

  if (g_str_equal (kind, "report"))
    g_ptr_array_add (attachments, kp_attachment_new_from_bytes ("photo.jpg", "image/jpeg", photo));
  return kp_backend_test_fixture_submit (&fixture->base, kind, payload, attachments);
}

static void
assert_delivered (Fixture *fixture, const char *reference)
{
  g_autoptr (KpOutboxItem) item
      = kp_backend_test_fixture_assert_delivered (&fixture->base, reference);

  g_assert_cmpuint (kp_zgw_server_count_zaken_with (fixture->server, reference), ==, 1);
}

/* Every kind passes Prism both ways and ends as one zaak with its rol, status and documents. */
static void
test_requests_follow_the_documents (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) references = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  guint n_handled = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (submissions); i++)
    g_ptr_array_add (references, submit (fixture, submissions[i].kind, submissions[i].payload));

  g_assert_true (
      kp_delivery_agent_deliver_due (fixture->agent, g_get_real_time (), NULL, &n_handled, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_handled, ==, G_N_ELEMENTS (submissions));

  for (guint i = 0; i < references->len; i++)
    assert_delivered (fixture, g_ptr_array_index (references, i));
  g_assert_cmpuint (kp_zgw_server_count (fixture->server, "zaken"), ==, references->len);
  g_assert_true (kp_zgw_server_each_zaak_complete (fixture->server));
  /* A PDF for each, and the report's photo. */
  g_assert_cmpuint (kp_zgw_server_count (fixture->server, "enkelvoudiginformatieobjecten"), ==,
                    references->len + 1);
  g_assert_cmpuint (kp_zgw_server_count (fixture->server, "zaakinformatieobjecten"), ==,
                    references->len + 1);
  kp_test_prism_assert_found_nothing (&fixture->zaken);
  kp_test_prism_assert_found_nothing (&fixture->catalogi);
  kp_test_prism_assert_found_nothing (&fixture->documenten);
}

/*
 * POSTs @body to @prism's @resource with a valid token and the coordinate
 * headers, and asserts Prism refused it before the server, naming @member.
 */
static void
assert_post_refused (Fixture *fixture,
                     KpTestPrism *prism,
                     const char *resource,
                     const char *body,
                     const char *member)
{
  g_autoptr (SoupMessage) message = kp_test_prism_new_post (prism, resource, body);
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);

  kp_zgw_server_authorize (fixture->server, message);
  soup_message_headers_replace (headers, "Accept-Crs", "EPSG:4326");
  soup_message_headers_replace (headers, "Content-Crs", "EPSG:4326");
  kp_test_prism_assert_refused (message, member);
}

/* The check bites: a bronorganisatie that is a number never reaches the server. */
static void
test_wrong_zaak_refused (Fixture *fixture, gconstpointer data)
{
  assert_post_refused (fixture, &fixture->zaken, "zaken", "{\"bronorganisatie\": 123}",
                       "bronorganisatie");
  g_assert_cmpuint (kp_zgw_server_count (fixture->server, "zaken"), ==, 0);
}

/* And for documents: a taal of more than three letters. */
static void
test_wrong_document_refused (Fixture *fixture, gconstpointer data)
{
  g_autofree char *body = g_strdup_printf (
      "{\"bronorganisatie\": \"" RSIN "\", \"creatiedatum\": \"2026-03-14\", \"titel\": \"T\","
      " \"auteur\": \"Kiosk\", \"taal\": \"nederlands\", \"informatieobjecttype\": \"%s\","
      " \"inhoud\": \"UERG\"}",
      kp_zgw_server_get_catalogi_url (fixture->server));

  assert_post_refused (fixture, &fixture->documenten, "enkelvoudiginformatieobjecten", body,
                       "taal");
  g_assert_cmpuint (kp_zgw_server_count (fixture->server, "enkelvoudiginformatieobjecten"), ==, 0);
}

/* And for their links: a zaak that is a number. */
static void
test_wrong_link_refused (Fixture *fixture, gconstpointer data)
{
  assert_post_refused (fixture, &fixture->zaken, "zaakinformatieobjecten",
                       "{\"zaak\": 5, \"informatieobject\": \"http://127.0.0.1/x\"}", "zaak");
  g_assert_cmpuint (kp_zgw_server_count (fixture->server, "zaakinformatieobjecten"), ==, 0);
}

/*
 * The reservation of a zaaknummer ([zgw] numbering=reserve) passes Open
 * Zaak's document both ways, and one without a bronorganisatie does not.
 * Only the reservation: Prism cannot check a rol against that document,
 * whose Rol is a oneOf that every rol matches more than once.
 */
static void
test_reserved_number_follows_open_zaak (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpZgwClient) client
      = kp_zgw_client_new (fixture->openzaak.url, fixture->catalogi.url, "kernpunt-test", SECRET,
                           "Kiosk Bibliotheek De Linde", 30, &error);
  g_autofree char *number = NULL;

  g_assert_no_error (error);
  number = kp_zgw_client_reserve_zaaknummer (client, RSIN, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (number, ==, "ZAAK-2026-0000000001");
  g_assert_cmpuint (kp_zgw_server_count_reserved_numbers (fixture->server), ==, 1);
  kp_test_prism_assert_found_nothing (&fixture->openzaak);

  assert_post_refused (fixture, &fixture->openzaak, "zaaknummer_reserveren", "{\"aantal\": 1}",
                       "bronorganisatie");
  g_assert_cmpuint (kp_zgw_server_count_reserved_numbers (fixture->server), ==, 1);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = NULL;

  g_test_init (&argc, &argv, NULL);
  home = kp_test_init_home ();
  if (kp_test_prism_skip_when_missing ("/zgw-contract/skipped"))
    return g_test_run ();
  g_test_add ("/zgw-contract/requests-follow-the-documents", Fixture, NULL, fixture_set_up,
              test_requests_follow_the_documents, fixture_tear_down);
  g_test_add ("/zgw-contract/wrong-zaak-refused", Fixture, NULL, fixture_set_up,
              test_wrong_zaak_refused, fixture_tear_down);
  g_test_add ("/zgw-contract/wrong-document-refused", Fixture, NULL, fixture_set_up,
              test_wrong_document_refused, fixture_tear_down);
  g_test_add ("/zgw-contract/wrong-link-refused", Fixture, NULL, fixture_set_up,
              test_wrong_link_refused, fixture_tear_down);
  g_test_add ("/zgw-contract/reserved-number", Fixture, "reserve", fixture_set_up,
              test_reserved_number_follows_open_zaak, fixture_tear_down);
  return g_test_run ();
}
