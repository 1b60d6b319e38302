/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-backend-router.h"
#include "kp-delivery-agent.h"
#include "kp-local-register.h"
#include "kp-store-private.h"
#include "kp-syncd-harness.h"
#include "kp-test-helpers.h"
#include "kp-zgw-backend.h"
#include "kp-zgw-server.h"

#include <glib/gstdio.h>

/*
 * Delivery to the ZGW case system (the local stateful test server):
 *  1. how fast `kernpunt-syncd --once` empties an outbox of N_SUBMISSIONS
 *     reports into zaken with their rol, status and the submission's PDF
 *     as a linked document, and its peak memory;
 *  2. after a one-hour outage with N_OUTAGE_ROWS waiting, how long from
 *     the moment the case system is back until the outbox is empty. The
 *     hour is simulated: the agent and the circuit breaker run on a clock
 *     the benchmark moves from one due time to the next, so back-off and
 *     cool-down behave as in a real hour, and only the work is real time.
 *     The router is set up as kernpunt-syncd sets it up: when the case
 *     system answers again, the waiting rows come back at the router's
 *     recovery rate instead of each waiting out its own back-off.
 * Prints figures; asserts only that everything arrived exactly once.
 *   meson test -C BUILD --benchmark zgw-delivery
 */

#define SECRET        "geheim-van-de-gemeente"
#define RSIN          "002564440"
#define N_SUBMISSIONS 10000
#define N_OUTAGE_ROWS 1000
#define OUTAGE        G_TIME_SPAN_HOUR
#define PAYLOAD                                                                                    \
  "{\"kind\":\"report\",\"version\":1,\"main_category\":\"afval\","                                \
  "\"sub_category\":\"afval/grofvuil\",\"place\":{\"kind\":\"address\",\"street\":\"Lindelaan\","  \
  "\"town\":\"Lindeveen\",\"latitude\":52.8712,\"longitude\":6.5384},\"photo\":false,"             \
  "\"personal\":{\"description\":\"Melding %u: grofvuil op de stoep\","                            \
  "\"email\":\"melder@example.nl\"}}"

/* A data folder whose configuration routes reports, with their PDF, to @server. */
static KpConfig *
write_config (const char *dir, KpZgwServer *server, char **config_path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *secret_path = g_build_filename (dir, "zgw-secret", NULL);
  g_autofree char *text = NULL;
  KpConfig *config;

  g_file_set_contents (secret_path, SECRET "\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (secret_path, 0600), ==, 0);
  text = g_strdup_printf ("[storage]\ndata-dir=%s\n"
                          "[zgw]\nzaken-url=%s\ncatalogi-url=%s\nclient-id=kernpunt-bench\n"
                          "secret-file=%s\nrsin=" RSIN "\ncatalogus=%s\n"
                          "user-representation=Kiosk Bibliotheek De Linde\n"
                          "zaaktype-report=MOR\n"
                          "documenten-url=%s\ndocument-type=Melding\n"
                          "[delivery]\nreport=zgw\n",
                          dir, kp_zgw_server_get_zaken_url (server),
                          kp_zgw_server_get_catalogi_url (server), secret_path,
                          kp_zgw_server_get_catalogus_url (server),
                          kp_zgw_server_get_documenten_url (server));
  *config_path = g_build_filename (dir, "kernpunt.conf", NULL);
  g_file_set_contents (*config_path, text, -1, &error);
  g_assert_no_error (error);
  config = kp_config_new_from_data (text, &error);
  g_assert_no_error (error);
  return config;
}

/* Only this set-up connection skips waiting for the disk; what is measured runs as configured. */
static KpOutbox *
queue_reports (const char *dir, guint n_rows)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *db_path = g_build_filename (dir, "kernpunt.db", NULL);
  g_autoptr (KpStore) store = kp_store_open (db_path, &error);
  g_autoptr (KpOutbox) outbox = NULL;

  g_assert_no_error (error);
  g_assert_true (kp_store_exec (store, "PRAGMA synchronous = OFF", &error));
  outbox = kp_outbox_new (store);
  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *payload = g_strdup_printf (PAYLOAD, i);
      g_autofree char *reference = kp_outbox_submit (outbox, "report", payload, NULL, &error);

      g_assert_no_error (error);
    }
  g_assert_true (kp_store_exec (store, "PRAGMA synchronous = FULL", &error));
  return g_steal_pointer (&outbox);
}

static guint
count_delivered (KpOutbox *outbox)
{
  g_autoptr (GError) error = NULL;
  guint counts[KP_OUTBOX_N_STATES] = { 0 };

  g_assert_true (kp_outbox_count_by_state (outbox, counts, &error));
  g_assert_no_error (error);
  return counts[KP_OUTBOX_STATE_DELIVERED];
}

static void
assert_once_each (KpZgwServer *server, KpOutbox *outbox, guint n_rows)
{
  g_assert_cmpuint (count_delivered (outbox), ==, n_rows);
  g_assert_cmpuint (kp_zgw_server_count (server, "zaken"), ==, n_rows);
  g_assert_cmpuint (kp_zgw_server_count (server, "rollen"), ==, n_rows);
  g_assert_cmpuint (kp_zgw_server_count (server, "statussen"), ==, n_rows);
  g_assert_true (kp_zgw_server_each_zaak_has_documents (server, 1));
}

static void
measure_throughput (void)
{
  g_autofree char *dir = kp_test_make_tmpdir ("bench-zgw-XXXXXX");
  g_autoptr (KpZgwServer) server = kp_zgw_server_new (SECRET);
  g_autofree char *config_path = NULL;
  g_autoptr (KpConfig) config = write_config (dir, server, &config_path);
  g_autoptr (KpOutbox) outbox = queue_reports (dir, N_SUBMISSIONS);
  g_autofree char *syncd = kp_test_program ("KERNPUNT_SYNCD");
  const char *argv[] = { syncd, "--config", config_path, "--once", NULL };
  long peak_kib = 0;
  double seconds = kp_test_run_measured (argv, &peak_kib);

  assert_once_each (server, outbox, N_SUBMISSIONS);
  g_print ("kernpunt-syncd --once delivered %d reports to the ZGW test server (zaak, rol, "
           "status and the PDF as a linked document each) in %.1f s: %.0f per second, "
           "%.2f ms each\n",
           N_SUBMISSIONS, seconds, N_SUBMISSIONS / seconds, seconds * 1000 / N_SUBMISSIONS);
  g_print ("kernpunt-syncd peak memory (maximum resident set size): %.1f MiB\n", peak_kib / 1024.0);
  g_clear_object (&outbox);
  kp_test_remove_tree (dir);
}

static void
measure_recovery (void)
{
  g_autofree char *dir = kp_test_make_tmpdir ("bench-zgw-outage-XXXXXX");
  g_autoptr (KpZgwServer) server = kp_zgw_server_new (SECRET);
  g_autofree char *config_path = NULL;
  g_autoptr (KpConfig) config = write_config (dir, server, &config_path);
  g_autoptr (KpOutbox) outbox = queue_reports (dir, N_OUTAGE_ROWS);
  KpStore *store = kp_outbox_get_store (outbox);
  g_autoptr (GError) error = NULL;
  g_autoptr (KpZgwClient) client = kp_zgw_client_new (
      kp_zgw_server_get_zaken_url (server), kp_zgw_server_get_catalogi_url (server),
      "kernpunt-bench", SECRET, "Kiosk Bibliotheek De Linde", 5, &error);
  g_autoptr (KpZgwBackend) zgw = kp_zgw_backend_new (store, client, config);
  g_autoptr (KpLocalRegister) local_register = kp_local_register_new (store);
  g_autoptr (KpBackendRouter) router = kp_backend_router_new (KP_BACKEND (local_register));
  g_autoptr (KpDeliveryAgent) agent = NULL;
  gint64 back_online;
  gint64 work_start;
  guint outage_passes;
  guint recovery_passes;

  g_assert_no_error (error);
  kp_backend_router_add_route (router, "report", KP_BACKEND (zgw));
  kp_backend_router_set_clock (router, kp_syncd_harness_simulated_clock);
  kp_backend_router_set_outbox (router, outbox);
  agent = kp_delivery_agent_new (outbox, KP_BACKEND (router));

  /*
   * The hour down: every pass the agent would make, on the simulated
   * clock. Only what the rows look like afterwards matters, so this part
   * skips waiting for the disk; the recovery that is measured does not.
   */
  kp_syncd_harness_set_simulated_time (g_get_real_time ());
  back_online = kp_syncd_harness_simulated_clock () + OUTAGE;
  kp_zgw_server_set_behaviour (server, KP_ZGW_SERVER_FAILING, 0);
  g_assert_true (kp_store_exec (store, "PRAGMA synchronous = OFF", &error));
  outage_passes = kp_syncd_harness_run_passes_until (agent, outbox, back_online);
  g_assert_true (kp_store_exec (store, "PRAGMA synchronous = FULL", &error));
  g_assert_cmpuint (count_delivered (outbox), ==, 0);

  kp_zgw_server_set_behaviour (server, KP_ZGW_SERVER_NORMAL, 0);
  kp_syncd_harness_set_simulated_time (MAX (kp_syncd_harness_simulated_clock (), back_online));
  work_start = g_get_monotonic_time ();
  recovery_passes = kp_syncd_harness_run_passes_until (agent, outbox, G_MAXINT64);

  assert_once_each (server, outbox, N_OUTAGE_ROWS);
  g_print ("one-hour outage with %d rows waiting: %u passes while down; back online, the outbox "
           "was empty after %.1f min on the clock (%u passes, %.1f s of real delivery work)\n",
           N_OUTAGE_ROWS, outage_passes,
           (double) (kp_syncd_harness_simulated_clock () - back_online) / G_TIME_SPAN_MINUTE,
           recovery_passes, (double) (g_get_monotonic_time () - work_start) / G_USEC_PER_SEC);
  g_clear_object (&agent);
  g_clear_object (&router);
  g_clear_object (&zgw);
  g_clear_object (&local_register);
  g_clear_object (&outbox);
  kp_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();

  measure_throughput ();
  measure_recovery ();
  kp_test_remove_tree (home);
  return 0;
}
