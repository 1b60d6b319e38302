/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-backend-test-fixture.h"
#include "kp-test-helpers.h"
#include "kp-test-prism.h"
#include "kp-zgw-backend.h"
#include "kp-zgw-server.h"

/*
 * Contract test of the status screen's questions to a ZGW case system:
 * GET /zaken?identificatie=…&bronorganisatie=…, GET the zaak's status and
 * GET its statustype, each checked by Prism against the Zaken and
 * Catalogi documents (and the answers too) before the stand-in server
 * sees it. The client follows the links in the answers at the configured
 * APIs, so here they go through Prism as well.
 */

#define SECRET "geheim-van-de-gemeente"
#define RSIN   "002564440"
#define REPORT                                                                                     \
  "{\"kind\":\"report\",\"version\":1,\"main_category\":\"afval\","                                \
  "\"sub_category\":\"afval/grofvuil\",\"place\":{\"kind\":\"address\","                           \
  "\"street\":\"Lindelaan\",\"town\":\"Lindeveen\",\"latitude\":52.8712,"                          \
  "\"longitude\":6.5384},\"photo\":false,\"personal\":{\"description\":"                           \
  "\"Bank op de stoep\",\"email\":\"melder@example.nl\"}}"

typedef struct
{
  KpBackendTestFixture base;
  KpZgwServer *server;
  KpTestPrism zaken;
  KpTestPrism catalogi;
  KpZgwClient *client;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *key_file = NULL;

  kp_backend_test_fixture_make_dir (&fixture->base, "zgw-status-contract-XXXXXX");
  fixture->server = kp_zgw_server_new (SECRET);
  kp_test_prism_start (&fixture->zaken, fixture->base.dir, "zaken",
                       kp_zgw_server_get_zaken_url (fixture->server));
  kp_test_prism_start (&fixture->catalogi, fixture->base.dir, "catalogi",
                       kp_zgw_server_get_catalogi_url (fixture->server));
  key_file = g_strdup_printf ("[storage]\ndata-dir=%s\n"
                              "[zgw]\nzaken-url=%s\ncatalogi-url=%s\nclient-id=kernpunt-test\n"
                              "secret-file=%s/secret\nrsin=" RSIN "\ncatalogus=%s\n"
                              "user-representation=Kiosk Bibliotheek De Linde\n"
                              "zaaktype-report=MOR\n[delivery]\nreport=zgw\n",
                              fixture->base.dir, fixture->zaken.url, fixture->catalogi.url,
                              fixture->base.dir, kp_zgw_server_get_catalogus_url (fixture->server));
  kp_backend_test_fixture_open (&fixture->base, key_file);
  /* Prism answers slowly on its first requests. */
  fixture->client = kp_zgw_client_new (fixture->zaken.url, fixture->catalogi.url, "kernpunt-test",
                                       SECRET, "Kiosk Bibliotheek De Linde", 30, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_assert_finalize_object (fixture->client);
  kp_test_prism_stop (&fixture->catalogi);
  kp_test_prism_stop (&fixture->zaken);
  g_clear_pointer (&fixture->server, kp_zgw_server_free);
  kp_backend_test_fixture_close (&fixture->base);
}

/* A report delivered as a zaak, through Prism as well. (transfer full) */
static char *
deliver_report (Fixture *fixture)
{
  g_autoptr (KpZgwBackend) backend
      = kp_zgw_backend_new (fixture->base.store, fixture->client, fixture->base.config);
  g_autoptr (KpDeliveryAgent) agent
      = kp_delivery_agent_new (fixture->base.outbox, KP_BACKEND (backend));
  char *reference = kp_backend_test_fixture_submit (&fixture->base, "report", REPORT, NULL);
  g_autoptr (KpOutboxItem) item = NULL;

  kp_test_deliver_due (agent, g_get_real_time ());
  item = kp_backend_test_fixture_assert_delivered (&fixture->base, reference);
  return reference;
}

static void
assert_status (Fixture *fixture,
               const char *identificatie,
               const char *omschrijving,
               const char *statustekst)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *statustype
      = kp_zgw_client_fetch_zaak_statustype (fixture->client, identificatie, RSIN, NULL, &error);
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (statustype);
  g_assert_true (
      kp_zgw_client_fetch_statustype (fixture->client, statustype, &name, &text, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, omschrijving);
  g_assert_cmpstr (text, ==, statustekst);
}

static void
test_status_follows_the_documents (Fixture *fixture, gconstpointer data)
{
  g_autofree char *reference = deliver_report (fixture);

  /* The first status, set at delivery, then the case worker's last one. */
  assert_status (fixture, reference, "Ontvangen", NULL);
  g_assert_true (kp_zgw_server_set_zaak_status (fixture->server, reference, "Afgehandeld",
                                                "Uw melding is opgelost."));
  assert_status (fixture, reference, "Afgehandeld", "Uw melding is opgelost.");
  kp_test_prism_assert_found_nothing (&fixture->zaken);
  kp_test_prism_assert_found_nothing (&fixture->catalogi);
}

/* A zaak the case system does not have is a refusal, not a status. */
static void
test_unknown_zaak (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *statustype
      = kp_zgw_client_fetch_zaak_statustype (fixture->client, "KP-7H3Q-9MXC", RSIN, NULL, &error);

  g_assert_null (statustype);
  g_assert_error (error, KP_BACKEND_ERROR, KP_BACKEND_ERROR_PERMANENT);
  kp_test_prism_assert_found_nothing (&fixture->zaken);
}

/* The check bites: a search for zaken without the coordinate headers never reaches the server. */
static void
test_wrong_search_refused (Fixture *fixture, gconstpointer data)
{
  g_autofree char *url = g_strconcat (
      fixture->zaken.url, "zaken?identificatie=KP-7H3Q-9MXC&bronorganisatie=" RSIN, NULL);
  g_autoptr (SoupMessage) message = soup_message_new ("GET", url);

  kp_zgw_server_authorize (fixture->server, message);
  /* The stand-in server would have answered 200 with an empty list. */
  kp_test_prism_assert_refused (message, "accept-crs");
}

int
main (int argc, char **argv)
{
  g_autofree char *home = NULL;

  g_test_init (&argc, &argv, NULL);
  home = kp_test_init_home ();
  if (kp_test_prism_skip_when_missing ("/zgw-status-contract/skipped"))
    return g_test_run ();
  g_test_add ("/zgw-status-contract/status-follows-the-documents", Fixture, NULL, fixture_set_up,
              test_status_follows_the_documents, fixture_tear_down);
  g_test_add ("/zgw-status-contract/unknown-zaak", Fixture, NULL, fixture_set_up, test_unknown_zaak,
              fixture_tear_down);
  g_test_add ("/zgw-status-contract/wrong-search-refused", Fixture, NULL, fixture_set_up,
              test_wrong_search_refused, fixture_tear_down);
  return g_test_run ();
}
