/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-appointment-case.h"
#include "kp-appointment-private.h"
#include "kp-backend-test-fixture.h"
#include "kp-delivery-agent.h"
#include "kp-outbox-item.h"
#include "kp-outbox.h"
#include "kp-store-private.h"
#include "kp-test-helpers.h"
#include "kp-zgw-backend.h"
#include "kp-zgw-server.h"

#include "kp-pdf-test-helpers.h"

/*
 * KpZgwBackend against a stateful ZGW server that can be told to fail:
 * every submission ends as exactly one zaak with one rol, one status and
 * its documents (the PDF, and a photo if any), however often delivery
 * fails on the way.
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
  KpBackendTestFixture base;
  KpZgwServer *server;
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
  g_assert_true (kp_zgw_client_set_documenten_url (
      client, kp_zgw_server_get_documenten_url (fixture->server), &error));
  g_assert_no_error (error);
  backend = kp_zgw_backend_new (fixture->base.store, client, fixture->base.config);
  return kp_delivery_agent_new (fixture->base.outbox, KP_BACKEND (backend));
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *key_file = NULL;

  kp_backend_test_fixture_make_dir (&fixture->base, "zgw-XXXXXX");
  fixture->server = kp_zgw_server_new (SECRET);
  key_file = g_strdup_printf ("[storage]\ndata-dir=%s\n"
                              "[zgw]\nzaken-url=%s\ncatalogi-url=%s\nclient-id=kernpunt-test\n"
                              "secret-file=%s/secret\nrsin=" RSIN "\ncatalogus=%s\n"
                              "user-representation=Kiosk Bibliotheek De Linde\n"
                              "zaaktype-report=MOR\nzaaktype-appointment=MOR\n"
                              "documenten-url=%s\ndocument-type=Melding\nphoto-type=Foto\n"
                              "[delivery]\nreport=zgw\nappointment=zgw\n%s",
                              fixture->base.dir, kp_zgw_server_get_zaken_url (fixture->server),
                              kp_zgw_server_get_catalogi_url (fixture->server), fixture->base.dir,
                              kp_zgw_server_get_catalogus_url (fixture->server),
                              kp_zgw_server_get_documenten_url (fixture->server),
                              data != NULL ? (const char *) data : "");
  kp_backend_test_fixture_open (&fixture->base, key_file);
  fixture->agent = new_agent (fixture);
  kp_delivery_agent_set_retry_delays (fixture->agent, G_TIME_SPAN_SECOND, G_TIME_SPAN_MINUTE);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->agent);
  g_clear_pointer (&fixture->server, kp_zgw_server_free);
  kp_backend_test_fixture_close (&fixture->base);
}

static char *
submit (Fixture *fixture)
{
  return kp_backend_test_fixture_submit (&fixture->base, "report", PAYLOAD, NULL);
}

static void
assert_one_complete_zaak (Fixture *fixture, const char *reference)
{
  g_autoptr (KpOutboxItem) item = kp_backend_test_fixture_lookup (&fixture->base, reference);

  g_assert_cmpint (kp_outbox_item_get_state (item), ==, KP_OUTBOX_STATE_DELIVERED);
  g_assert_cmpuint (kp_zgw_server_count_zaken_with (fixture->server, reference), ==, 1);
  g_assert_cmpuint (kp_zgw_server_count (fixture->server, "zaken"), ==, 1);
  g_assert_true (kp_zgw_server_each_zaak_complete (fixture->server));
  g_assert_true (kp_zgw_server_each_zaak_has_documents (fixture->server, 1));
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

  kp_test_deliver_due (fixture->agent, g_get_real_time ());
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
      kp_test_deliver_due (fixture->agent, now);
      item = kp_backend_test_fixture_lookup (&fixture->base, reference);
      g_assert_cmpint (kp_outbox_item_get_state (item), ==, KP_OUTBOX_STATE_PENDING);
      g_assert_nonnull (kp_outbox_item_get_last_error (item));
      g_assert_null (strstr (kp_outbox_item_get_last_error (item), "melder@"));
    }
  kp_zgw_server_set_behaviour (fixture->server, KP_ZGW_SERVER_NORMAL, 0);
  kp_test_deliver_due (fixture->agent, now + G_TIME_SPAN_HOUR);
  assert_one_complete_zaak (fixture, reference);
}

/* kernpunt-syncd starting again after a crash: a new backend and agent deliver at @now. */
static void
restart_and_deliver (Fixture *fixture, gint64 now)
{
  g_clear_object (&fixture->agent);
  fixture->agent = new_agent (fixture);
  kp_test_deliver_due (fixture->agent, now);
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
  kp_test_deliver_due (fixture->agent, now);
  g_assert_cmpuint (kp_zgw_server_count (fixture->server, "zaken"), ==, 1);
  g_assert_cmpuint (kp_zgw_server_count (fixture->server, "rollen"), ==, 0);
  g_assert_true (
      kp_store_exec (fixture->base.store, "UPDATE zgw_deliveries SET zaak_url = NULL", &error));
  g_assert_no_error (error);

  kp_zgw_server_set_behaviour (fixture->server, KP_ZGW_SERVER_NORMAL, 0);
  restart_and_deliver (fixture, now + G_TIME_SPAN_HOUR);
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

static JsonObject *
parse_last_body (Fixture *fixture, const char *resource, JsonNode **root)
{
  g_autofree char *body = kp_zgw_server_dup_last_body (fixture->server, resource);

  g_assert_nonnull (body);
  *root = kp_test_parse_json (body);
  return json_node_get_object (*root);
}

/* The text a case worker reads in document @number of @reference. (transfer full) */
static char *
dup_document_text (Fixture *fixture, const char *reference, guint number)
{
  g_autofree char *identificatie = g_strdup_printf ("%s-%u", reference, number);
  g_autoptr (GBytes) pdf = kp_zgw_server_dup_document_content (fixture->server, identificatie);
  g_autofree char *path = NULL;

  g_assert_nonnull (pdf);
  path = kp_test_save_pdf (fixture->base.dir, "document.pdf", pdf);
  return kp_test_pdf_text (path);
}

/* The submission as a PDF and its photo: two documents, each linked to the zaak once. */
static void
test_documents_with_the_zaak (Fixture *fixture, gconstpointer data)
{
  static const char photo_bytes[] = "\xff\xd8\xff\xe0 not really a jpeg";
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) attachments
      = g_ptr_array_new_with_free_func ((GDestroyNotify) kp_attachment_free);
  g_autoptr (GBytes) photo = g_bytes_new_static (photo_bytes, sizeof photo_bytes);
  g_autoptr (GBytes) sent_photo = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *text = NULL;
  g_autofree char *photo_id = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (JsonNode) link_root = NULL;
  JsonObject *document;
  JsonObject *link;

  g_ptr_array_add (attachments, kp_attachment_new_from_bytes ("photo.jpg", "image/jpeg", photo));
  reference = kp_backend_test_fixture_submit (&fixture->base, "report", PAYLOAD, attachments);
  kp_test_deliver_due (fixture->agent, g_get_real_time ());

  g_assert_cmpuint (kp_zgw_server_count (fixture->server, "zaken"), ==, 1);
  g_assert_true (kp_zgw_server_each_zaak_has_documents (fixture->server, 2));
  text = dup_document_text (fixture, reference, 1);
  photo_id = g_strconcat (reference, "-2", NULL);
  kp_test_assert_contains (text, reference);
  kp_test_assert_contains (text, "Bank op de stoep");
  kp_test_assert_contains (text, "melder@example.nl");
  sent_photo = kp_zgw_server_dup_document_content (fixture->server, photo_id);
  g_assert_nonnull (sent_photo);
  g_assert_true (g_bytes_equal (sent_photo, photo));

  /* The last document is the photo, of the zaaktype's photo type. */
  document = parse_last_body (fixture, "enkelvoudiginformatieobjecten", &root);
  g_assert_cmpstr (json_object_get_string_member (document, "taal"), ==, "dut");
  g_assert_cmpstr (json_object_get_string_member (document, "bronorganisatie"), ==, RSIN);
  g_assert_cmpstr (json_object_get_string_member (document, "formaat"), ==, "image/jpeg");
  g_assert_cmpstr (json_object_get_string_member (document, "vertrouwelijkheidaanduiding"), ==,
                   "vertrouwelijk");
  g_assert_cmpstr (json_object_get_string_member (document, "auteur"), ==,
                   "Kiosk Bibliotheek De Linde");
  kp_test_assert_contains (json_object_get_string_member (document, "bestandsnaam"), reference);
  link = parse_last_body (fixture, "zaakinformatieobjecten", &link_root);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (link, "zaak"),
                                   kp_zgw_server_get_zaken_url (fixture->server)));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (link, "informatieobject"),
                                   kp_zgw_server_get_documenten_url (fixture->server)));
}

/* Puts a delivered row back as a crash would have left it, with the given steps forgotten. */
static void
forget_steps (Fixture *fixture, const char *zgw_columns_sql, const char *steps_sql)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (
      kp_store_exec (fixture->base.store, "UPDATE outbox SET state = 'pending'", &error));
  g_assert_true (kp_store_exec (fixture->base.store, zgw_columns_sql, &error));
  g_assert_true (kp_store_exec (fixture->base.store, steps_sql, &error));
  g_assert_no_error (error);
}

/*
 * A crash after the documents and their links reached the server, before
 * we booked them: the retry finds each by its identificatie and link, and
 * makes none twice (the server refuses a second document with the same
 * identificatie, so a retry that did not look would fail).
 */
static void
test_crash_after_documents_makes_no_second (Fixture *fixture, gconstpointer data)
{
  g_autofree char *reference = submit (fixture);
  gint64 now = g_get_real_time ();

  kp_test_deliver_due (fixture->agent, now);
  assert_one_complete_zaak (fixture, reference);
  forget_steps (fixture, "UPDATE zgw_deliveries SET zaak_url = NULL",
                "DELETE FROM delivery_steps WHERE step LIKE 'zgw-document%'");
  restart_and_deliver (fixture, now + G_TIME_SPAN_HOUR);
  assert_one_complete_zaak (fixture, reference);
}

/*
 * [zgw] numbering=reserve: the zaak is numbered by the case system, and a
 * crash after the zaak was made reserves no second number.
 */
static void
test_reserved_number (Fixture *fixture, gconstpointer data)
{
  g_autofree char *reference = submit (fixture);
  g_autoptr (JsonNode) root = NULL;
  gint64 now = g_get_real_time ();

  kp_test_deliver_due (fixture->agent, now);
  g_assert_cmpuint (kp_zgw_server_count_reserved_numbers (fixture->server), ==, 1);
  g_assert_cmpuint (kp_zgw_server_count_zaken_with (fixture->server, "ZAAK-2026-0000000001"), ==,
                    1);
  g_assert_cmpuint (kp_zgw_server_count_zaken_with (fixture->server, reference), ==, 0);
  g_assert_cmpstr (
      json_object_get_string_member (parse_last_body (fixture, "zaaknummer_reserveren", &root),
                                     "bronorganisatie"),
      ==, RSIN);

  forget_steps (fixture, "UPDATE zgw_deliveries SET zaak_url = NULL, rol_url = NULL",
                "DELETE FROM delivery_steps WHERE step LIKE 'zgw-document%'");
  restart_and_deliver (fixture, now + G_TIME_SPAN_HOUR);
  g_assert_cmpuint (kp_zgw_server_count_reserved_numbers (fixture->server), ==, 1);
  g_assert_cmpuint (kp_zgw_server_count (fixture->server, "zaken"), ==, 1);
  g_assert_true (kp_zgw_server_each_zaak_complete (fixture->server));
  g_assert_true (kp_zgw_server_each_zaak_has_documents (fixture->server, 1));
}

static KpAppointment *
new_booked_appointment (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GTimeZone) zone = g_time_zone_new_identifier ("Europe/Amsterdam");
  g_autoptr (GDateTime) start = g_date_time_new (zone, 2026, 12, 1, 10, 30, 0);
  KpAppointment *appointment = kp_appointment_new ();

  kp_appointment_set_product (appointment, "paspoort", "Paspoort");
  kp_appointment_set_location (appointment, "stadskantoor", "Stadskantoor", "Markt 1, Lindeveen");
  kp_appointment_set_start (appointment, start, 10);
  g_assert_true (kp_appointment_set_name (appointment, "Jan Smit", &error));
  g_assert_true (kp_appointment_set_phone (appointment, "0201234567", &error));
  g_assert_no_error (error);
  kp_appointment_mark_booked (appointment, "embedded", "local-1");
  return appointment;
}

/* [delivery] appointment=zgw: a booked appointment becomes a zaak with the resident as initiator. */
static void
test_appointment_as_zaak (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpAppointment) appointment = new_booked_appointment ();
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (JsonNode) zaak_root = NULL;
  g_autoptr (JsonNode) rol_root = NULL;
  g_autofree char *text = NULL;
  KpOutboxItem *row;
  JsonObject *rol;

  g_assert_true (
      kp_appointment_case_submit (appointment, fixture->base.config, fixture->base.outbox, &error));
  g_assert_no_error (error);
  rows = kp_outbox_list (fixture->base.outbox, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (kp_outbox_item_get_kind (row), ==, KP_APPOINTMENT_CASE_KIND);
  kp_test_deliver_due (fixture->agent, g_get_real_time ());

  assert_one_complete_zaak (fixture, kp_outbox_item_get_reference (row));
  g_assert_cmpstr (json_object_get_string_member (parse_last_body (fixture, "zaken", &zaak_root),
                                                  "omschrijving"),
                   ==, "Appointment: Paspoort");
  rol = json_object_get_object_member (parse_last_body (fixture, "rollen", &rol_root),
                                       "contactpersoonRol");
  g_assert_cmpstr (json_object_get_string_member (rol, "naam"), ==, "Jan Smit");
  g_assert_cmpstr (json_object_get_string_member (rol, "telefoonnummer"), ==, "0201234567");
  text = dup_document_text (fixture, kp_outbox_item_get_reference (row), 1);
  kp_test_assert_contains (text, kp_appointment_get_reference (appointment));
  kp_test_assert_contains (text, "01-12-2026 10:30");
  kp_test_assert_contains (text, "Markt 1, Lindeveen");
}

/* The check bites: with another route, booking writes nothing to the outbox. */
static void
test_appointment_not_routed (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpAppointment) appointment = new_booked_appointment ();
  g_autoptr (GPtrArray) rows = NULL;

  g_assert_true (
      kp_appointment_case_submit (appointment, fixture->base.config, fixture->base.outbox, &error));
  g_assert_no_error (error);
  rows = kp_outbox_list (fixture->base.outbox, &error);
  g_assert_cmpuint (rows->len, ==, 0);
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
  g_test_add ("/zgw-backend/documents", Fixture, NULL, fixture_set_up, test_documents_with_the_zaak,
              fixture_tear_down);
  g_test_add ("/zgw-backend/crash-after-documents", Fixture, NULL, fixture_set_up,
              test_crash_after_documents_makes_no_second, fixture_tear_down);
  g_test_add ("/zgw-backend/reserved-number", Fixture, "[zgw]\nnumbering=reserve\n", fixture_set_up,
              test_reserved_number, fixture_tear_down);
  g_test_add ("/zgw-backend/appointment", Fixture, NULL, fixture_set_up, test_appointment_as_zaak,
              fixture_tear_down);
  g_test_add ("/zgw-backend/appointment-not-routed", Fixture, "[delivery]\nappointment=embedded\n",
              fixture_set_up, test_appointment_not_routed, fixture_tear_down);
  return g_test_run ();
}
