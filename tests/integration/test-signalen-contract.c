/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-backend-test-fixture.h"
#include "kp-signalen-backend.h"
#include "kp-signalen-server.h"
#include "kp-test-helpers.h"
#include "kp-test-prism.h"

#include <string.h>

/*
 * Contract test: every request KpSignalenBackend sends (the signal, its
 * photo, the state asked for later) is checked by Prism against
 * ../shared/specs/signalen-openapi.yaml on its way to the stand-in
 * server, and every answer the backend reads is checked on its way back.
 *
 * One known mistake in the document is corrected in the test's copy:
 * _NestedLocationRequestData's "geometrie" is written "type: string",
 * yet Signalen reads it as a GeoJSON Point object (geo_field "geometrie"
 * in Amsterdam/signals app/signals/apps/api/serializers/nested/location.py),
 * which is what the kiosk sends. The paths are used as the document
 * writes them, without a final "/" on the signals list, which Signalen
 * takes too (kp-signalen-backend.c says why).
 */

#define PAYLOAD                                                                                    \
  "{\"kind\":\"report\",\"version\":1,\"main_category\":\"afval\","                                \
  "\"sub_category\":\"grofvuil\",\"place\":{\"kind\":\"address\",\"street\":\"Lindelaan\","        \
  "\"house_number\":\"12a\",\"postcode\":\"9411 AB\",\"town\":\"Lindeveen\","                      \
  "\"latitude\":52.8712,\"longitude\":6.5384},\"photo\":true,\"keep_informed\":true,"              \
  "\"personal\":{\"description\":\"Bank op de stoep\",\"email\":\"melder@example.nl\"}}"
#define PNG_SIGNATURE "\x89PNG\r\n\x1a\n"

typedef struct
{
  KpBackendTestFixture base;
  KpSignalenServer *server;
  KpTestPrism prism;
  KpSignalenBackend *backend;
} Fixture;

/* The document, with the one correction named at the top of this file. (transfer full) */
static char *
prepare_corrected_spec (const char *dir)
{
  g_autoptr (JsonNode) spec = kp_test_prism_load_spec (dir, "signalen");
  JsonObject *schemas = json_object_get_object_member (
      json_object_get_object_member (json_node_get_object (spec), "components"), "schemas");
  JsonObject *location = json_object_get_object_member (
      json_object_get_object_member (schemas, "_NestedLocationRequestData"), "properties");
  JsonObject *geometrie = json_object_get_object_member (location, "geometrie");

  g_assert_cmpstr (json_object_get_string_member (geometrie, "type"), ==, "string");
  json_object_set_string_member (geometrie, "type", "object");
  return kp_test_prism_save_spec (dir, "signalen", spec);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *spec = NULL;
  g_autofree char *key_file = NULL;

  kp_backend_test_fixture_make_dir (&fixture->base, "signalen-contract-XXXXXX");
  fixture->server = kp_signalen_server_new (NULL);
  spec = prepare_corrected_spec (fixture->base.dir);
  kp_test_prism_start_with_spec (&fixture->prism, fixture->base.dir, spec,
                                 kp_signalen_server_get_url (fixture->server));

  /* Prism answers slowly on its first requests. */
  key_file = g_strdup_printf ("[storage]\ndata-dir=%s\n" KP_SIGNALEN_SERVER_KEYS ("30"),
                              fixture->base.dir, fixture->prism.url);
  kp_backend_test_fixture_open (&fixture->base, key_file);
  fixture->backend
      = kp_signalen_backend_new (fixture->base.store, fixture->base.config, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->backend);
  kp_test_prism_stop (&fixture->prism);
  g_clear_pointer (&fixture->server, kp_signalen_server_free);
  kp_backend_test_fixture_close (&fixture->base);
}

static char *
submit_with_photo (Fixture *fixture)
{
  g_autoptr (GByteArray) png = g_byte_array_new ();
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GPtrArray) attachments
      = g_ptr_array_new_with_free_func ((GDestroyNotify) kp_attachment_free);

  g_byte_array_append (png, (const guint8 *) PNG_SIGNATURE, strlen (PNG_SIGNATURE));
  g_byte_array_set_size (png, 1024);
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&png));
  g_ptr_array_add (attachments, kp_attachment_new_from_bytes ("foto", "image/png", bytes));
  return kp_backend_test_fixture_submit (&fixture->base, "report", PAYLOAD, attachments);
}

/* A report with its photo passes Prism both ways, arrives once, and its state can be read. */
static void
test_requests_follow_the_document (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *reference = submit_with_photo (fixture);
  g_autoptr (KpDeliveryAgent) agent
      = kp_delivery_agent_new (fixture->base.outbox, KP_BACKEND (fixture->backend));
  g_autoptr (KpOutboxItem) item = NULL;
  g_autofree char *state = NULL;
  const char *uuid;

  kp_test_deliver_due (agent, g_get_real_time ());
  item = kp_backend_test_fixture_assert_delivered (&fixture->base, reference);
  uuid = kp_outbox_item_get_remote_id (item);
  g_assert_cmpuint (kp_signalen_server_count_signals (fixture->server), ==, 1);
  g_assert_cmpuint (kp_signalen_server_count_attachments (fixture->server, uuid), ==, 1);

  state = kp_signalen_backend_fetch_state (fixture->backend, uuid, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (state, ==, "OPEN");
  kp_test_prism_assert_found_nothing (&fixture->prism);
}

/* The check bites: a signal whose text is a number never reaches the server. */
static void
test_wrong_signal_refused (Fixture *fixture, gconstpointer data)
{
  g_autoptr (SoupMessage) message
      = kp_test_prism_new_post (&fixture->prism, "signals/v1/public/signals", "{\"text\": 5}");

  kp_test_prism_assert_refused (message, "text");
  g_assert_cmpuint (kp_signalen_server_count_requests (fixture->server), ==, 0);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = NULL;

  g_test_init (&argc, &argv, NULL);
  home = kp_test_init_home ();
  if (kp_test_prism_skip_when_missing ("/signalen-contract/skipped"))
    return g_test_run ();
  g_test_add ("/signalen-contract/requests-follow-the-document", Fixture, NULL, fixture_set_up,
              test_requests_follow_the_document, fixture_tear_down);
  g_test_add ("/signalen-contract/wrong-signal-refused", Fixture, NULL, fixture_set_up,
              test_wrong_signal_refused, fixture_tear_down);
  return g_test_run ();
}
