/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-backend-test-fixture.h"
#include "kp-klantinteracties-backend.h"
#include "kp-klantinteracties-server.h"
#include "kp-test-helpers.h"
#include "kp-test-prism.h"

#include <glib/gstdio.h>

/*
 * Contract test: every request KpKlantinteractiesBackend sends for a
 * call-back request (the klantcontact, betrokkene, digitaal adres and
 * internetaak, the look-ups a retry makes, the status asked for later) is
 * checked by Prism against ../shared/specs/klantinteracties-openapi.yaml
 * on its way to the stand-in server, and every answer on its way back.
 * The document is used as it is, only with nullable rewritten.
 */

#define TOKEN "open-klant-token"
#define ACTOR "5d3b6f4e-2c1a-4f7b-9e8d-0a1b2c3d4e5f"
#define PAYLOAD                                                                                    \
  "{\"kind\":\"callback\",\"version\":1,\"part_of_day\":\"morning\","                              \
  "\"requested_on\":\"2026-12-01\",\"call_before_end_of\":\"2026-12-03\","                         \
  "\"personal\":{\"subject\":\"Vraag over mijn afvalpas\",\"name\":\"J. de Vries\","               \
  "\"phone\":\"06-1234 5678\"}}"

typedef struct
{
  KpBackendTestFixture base;
  KpKlantinteractiesServer *server;
  KpTestPrism prism;
  KpKlantinteractiesBackend *backend;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *token_path = NULL;
  g_autofree char *key_file = NULL;

  kp_backend_test_fixture_make_dir (&fixture->base, "klantinteracties-contract-XXXXXX");
  fixture->server = kp_klantinteracties_server_new (TOKEN);
  kp_test_prism_start (&fixture->prism, fixture->base.dir, "klantinteracties",
                       kp_klantinteracties_server_get_url (fixture->server));

  token_path = g_build_filename (fixture->base.dir, "token", NULL);
  g_file_set_contents (token_path, TOKEN, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (token_path, 0600), ==, 0);
  /* Prism answers slowly on its first requests. */
  key_file = g_strdup_printf ("[storage]\ndata-dir=%s\n"
                              "[klantinteracties]\nurl=%s\ntoken-file=%s\n"
                              "actor=" ACTOR "\nkanaal=informatiepunt\ntimeout-seconds=30\n"
                              "[delivery]\ncallback=klantinteracties\n",
                              fixture->base.dir, fixture->prism.url, token_path);
  kp_backend_test_fixture_open (&fixture->base, key_file);
  fixture->backend
      = kp_klantinteracties_backend_new (fixture->base.store, fixture->base.config, TOKEN, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->backend);
  kp_test_prism_stop (&fixture->prism);
  g_clear_pointer (&fixture->server, kp_klantinteracties_server_free);
  kp_backend_test_fixture_close (&fixture->base);
}

/*
 * A call-back request passes Prism both ways, the look-ups that make a
 * retry safe included; it ends as one of each part, and the internetaak's
 * status can be read. (A server told to fail answers with statuses the
 * document does not list, so failures are left to the other tests.)
 */
static void
test_requests_follow_the_document (Fixture *fixture, gconstpointer data)
{
  static const char *const resources[]
      = { "klantcontacten", "betrokkenen", "digitaleadressen", "internetaken" };
  g_autoptr (GError) error = NULL;
  g_autoptr (KpDeliveryAgent) agent
      = kp_delivery_agent_new (fixture->base.outbox, KP_BACKEND (fixture->backend));
  g_autoptr (KpOutboxItem) item = NULL;
  g_autofree char *reference
      = kp_backend_test_fixture_submit (&fixture->base, "callback", PAYLOAD, NULL);
  g_autofree char *status = NULL;

  kp_test_deliver_due (agent, g_get_real_time ());
  kp_test_prism_assert_found_nothing (&fixture->prism);
  item = kp_backend_test_fixture_assert_delivered (&fixture->base, reference);
  for (gsize i = 0; i < G_N_ELEMENTS (resources); i++)
    g_assert_cmpuint (kp_klantinteracties_server_count (fixture->server, resources[i]), ==, 1);

  status = kp_klantinteracties_backend_fetch_status (
      fixture->backend, kp_outbox_item_get_remote_id (item), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (status, ==, "te_verwerken");
  kp_test_prism_assert_found_nothing (&fixture->prism);
}

/* The check bites: a klantcontact whose kanaal is a number never reaches the server. */
static void
test_wrong_klantcontact_refused (Fixture *fixture, gconstpointer data)
{
  g_autoptr (SoupMessage) message
      = kp_test_prism_new_post (&fixture->prism, "klantcontacten", "{\"kanaal\": 5}");

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                "Token " TOKEN);
  kp_test_prism_assert_refused (message, "kanaal");
  g_assert_cmpuint (kp_klantinteracties_server_count_requests (fixture->server), ==, 0);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = NULL;

  g_test_init (&argc, &argv, NULL);
  home = kp_test_init_home ();
  if (kp_test_prism_skip_when_missing ("/klantinteracties-contract/skipped"))
    return g_test_run ();
  g_test_add ("/klantinteracties-contract/requests-follow-the-document", Fixture, NULL,
              fixture_set_up, test_requests_follow_the_document, fixture_tear_down);
  g_test_add ("/klantinteracties-contract/wrong-klantcontact-refused", Fixture, NULL,
              fixture_set_up, test_wrong_klantcontact_refused, fixture_tear_down);
  return g_test_run ();
}
