/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-delivery-agent.h"
#include "kp-outbox-item.h"
#include "kp-outbox.h"
#include "kp-test-helpers.h"
#include "kp-zgw-backend.h"
#include "kp-zgw-jwt.h"
#include "kp-zgw-server.h"

#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>

/*
 * Contract test: every request KpZgwClient sends is checked against the
 * published Zaken and Catalogi documents (../shared/specs/). Stoplight
 * Prism runs as a validating proxy in front of the stateful test server,
 * one per API; a request that breaks the document gets a 4xx problem from
 * Prism instead of reaching the server. The documents are rewritten first
 * (tests/helpers/kp-rewrite-nullable.py), or Prism lets everything through.
 */

#define SECRET        "geheim-van-de-gemeente"
#define RSIN          "002564440"
#define STARTUP_LIMIT (60 * G_TIME_SPAN_SECOND)
#define PRISM_ERRORS  "stoplight.io/prism/errors"

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

/* One Prism, validating one API's document and passing requests on. */
typedef struct
{
  GSubprocess *process;
  char *url; /* "http://127.0.0.1:PORT/" */
  char *log_path;
} Prism;

typedef struct
{
  char *dir;
  KpZgwServer *server;
  Prism zaken;
  Prism catalogi;
  KpConfig *config;
  KpStore *store;
  KpOutbox *outbox;
  KpDeliveryAgent *agent;
} Fixture;

/* A port the system has just handed out, free again for Prism to take. */
static guint16
pick_free_port (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocket) socket
      = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;

  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, any_port, FALSE, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static gboolean
port_accepts (guint16 port)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketConnection) connection
      = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);

  return connection != NULL;
}

/* Prism takes seconds to read a document of 15,000 lines. */
static void
wait_for_prism (Prism *prism, guint16 port)
{
  gint64 deadline = g_get_monotonic_time () + STARTUP_LIMIT;

  while (!port_accepts (port))
    {
      if (g_subprocess_get_identifier (prism->process) == NULL
          || g_get_monotonic_time () > deadline)
        {
          g_autofree char *log = NULL;

          g_file_get_contents (prism->log_path, &log, NULL, NULL);
          g_error ("Prism did not start on port %u:\n%s", port, log);
        }
      g_usleep (100 * 1000);
    }
}

/* Rewrites ../shared/specs/@name.yaml into @dir/@name.json, ready for Prism. */
static char *
prepare_spec (const char *specs_dir, const char *dir, const char *name)
{
  g_autofree char *script
      = kp_test_source_path ("tests", "helpers", "kp-rewrite-nullable.py", NULL);
  g_autofree char *yaml_name = g_strconcat (name, "-openapi.yaml", NULL);
  g_autofree char *json_name = g_strconcat (name, "-openapi.json", NULL);
  g_autofree char *source = g_build_filename (specs_dir, yaml_name, NULL);
  char *target = g_build_filename (dir, json_name, NULL);
  const char *argv[] = { "python3", script, source, target, NULL };
  g_auto (KpTestRun) run = { 0 };

  kp_test_run_argv (&run, argv);
  kp_test_assert_success (&run);
  return target;
}

static void
prism_start (Prism *prism, const char *dir, const char *name, const char *upstream)
{
  const char *prism_path = g_getenv ("KERNPUNT_PRISM");
  g_autofree char *spec = prepare_spec (g_getenv ("KERNPUNT_SPECS_DIR"), dir, name);
  g_autofree char *log_name = g_strconcat ("prism-", name, ".log", NULL);
  g_autoptr (GSubprocessLauncher) launcher
      = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autoptr (GError) error = NULL;
  guint16 port = pick_free_port ();
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  /* Prism joins the request's path to the upstream's: no final "/". */
  g_autofree char *upstream_root = g_strndup (upstream, strlen (upstream) - 1);

  prism->log_path = g_build_filename (dir, log_name, NULL);
  prism->url = g_strdup_printf ("http://127.0.0.1:%u/", port);
  g_subprocess_launcher_set_stdout_file_path (launcher, prism->log_path);
  prism->process
      = g_subprocess_launcher_spawn (launcher, &error, prism_path, "proxy", "--errors", "--host",
                                     "127.0.0.1", "--port", port_text, spec, upstream_root, NULL);
  g_assert_no_error (error);
  wait_for_prism (prism, port);
}

static void
prism_stop (Prism *prism)
{
  if (prism->process != NULL)
    {
      g_subprocess_send_signal (prism->process, SIGTERM);
      if (!kp_test_wait_process (prism->process, 10))
        g_subprocess_force_exit (prism->process);
    }
  g_clear_object (&prism->process);
  g_clear_pointer (&prism->url, g_free);
  g_clear_pointer (&prism->log_path, g_free);
}

/* What Prism said about requests it refused or answers it found wrong. */
static void
assert_prism_found_nothing (Prism *prism)
{
  g_autofree char *log = NULL;
  g_auto (GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (prism->log_path, &log, NULL, NULL));
  lines = g_strsplit (log, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      /* Not a bare "error": the routes Prism lists at start-up carry random example values. */
      if (strstr (lines[i], "✖") != NULL || strstr (lines[i], "Violation") != NULL)
        g_error ("Prism found a fault: %s\n(whole log in %s)", lines[i], prism->log_path);
    }
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpZgwClient) client = NULL;
  g_autoptr (KpZgwBackend) backend = NULL;
  g_autofree char *key_file = NULL;
  g_autofree char *db = NULL;

  fixture->dir = kp_test_make_tmpdir ("zgw-contract-XXXXXX");
  fixture->server = kp_zgw_server_new (SECRET);
  prism_start (&fixture->zaken, fixture->dir, "zaken",
               kp_zgw_server_get_zaken_url (fixture->server));
  prism_start (&fixture->catalogi, fixture->dir, "catalogi",
               kp_zgw_server_get_catalogi_url (fixture->server));

  key_file = g_strdup_printf ("[storage]\ndata-dir=%s\n"
                              "[zgw]\nzaken-url=%s\ncatalogi-url=%s\nclient-id=kernpunt-test\n"
                              "secret-file=%s/secret\nrsin=" RSIN "\ncatalogus=%s\n"
                              "user-representation=Kiosk Bibliotheek De Linde\n"
                              "zaaktype-report=MOR\nzaaktype-found=MOR\nzaaktype-callback=MOR\n"
                              "[delivery]\nreport=zgw\nfound=zgw\ncallback=zgw\n",
                              fixture->dir, fixture->zaken.url, fixture->catalogi.url, fixture->dir,
                              kp_zgw_server_get_catalogus_url (fixture->server));
  fixture->config = kp_config_new_from_data (key_file, &error);
  g_assert_no_error (error);
  db = g_build_filename (fixture->dir, "kernpunt.db", NULL);
  fixture->store = kp_store_open (db, &error);
  g_assert_no_error (error);
  fixture->outbox = kp_outbox_new (fixture->store);

  /* Prism answers slowly on its first requests. */
  client = kp_zgw_client_new (fixture->zaken.url, fixture->catalogi.url, "kernpunt-test", SECRET,
                              "Kiosk Bibliotheek De Linde", 30, &error);
  g_assert_no_error (error);
  backend = kp_zgw_backend_new (fixture->store, client, fixture->config);
  fixture->agent = kp_delivery_agent_new (fixture->outbox, KP_BACKEND (backend));
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->agent);
  g_clear_object (&fixture->outbox);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->config);
  prism_stop (&fixture->catalogi);
  prism_stop (&fixture->zaken);
  g_clear_pointer (&fixture->server, kp_zgw_server_free);
  kp_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static char *
submit (Fixture *fixture, const char *kind, const char *payload)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) attachments = g_ptr_array_new ();
  char *reference = kp_outbox_submit (fixture->outbox, kind, payload, attachments, &error);

  g_assert_no_error (error);
  return reference;
}

static void
assert_delivered (Fixture *fixture, const char *reference)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpOutboxItem) item = kp_outbox_lookup (fixture->outbox, reference, &error);

  g_assert_no_error (error);
  if (kp_outbox_item_get_state (item) != KP_OUTBOX_STATE_DELIVERED)
    g_error ("%s not delivered: %s", reference, kp_outbox_item_get_last_error (item));
  g_assert_cmpuint (kp_zgw_server_count_zaken_with (fixture->server, reference), ==, 1);
}

/* Every kind passes Prism both ways and ends as one zaak with its rol and status. */
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
  assert_prism_found_nothing (&fixture->zaken);
  assert_prism_found_nothing (&fixture->catalogi);
}

/* POSTs @body to Prism's /zaken with a valid token; returns the HTTP status. */
static guint
post_zaak (Fixture *fixture, const char *body, char **answer)
{
  const KpZgwJwtIdentity identity = { "kernpunt-test", "kernpunt-test", "Kiosk" };
  g_autofree char *token
      = kp_zgw_jwt_encode (&identity, SECRET, g_get_real_time () / G_USEC_PER_SEC);
  g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
  g_autofree char *url = g_strconcat (fixture->zaken.url, "zaken", NULL);
  g_autoptr (SoupSession) session = soup_session_new_with_options ("timeout", 30, NULL);
  g_autoptr (SoupMessage) message = soup_message_new ("POST", url);
  g_autoptr (GBytes) request = g_bytes_new (body, strlen (body));
  g_autoptr (GBytes) response = NULL;
  g_autoptr (GError) error = NULL;
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);

  soup_message_headers_replace (headers, "Authorization", bearer);
  soup_message_headers_replace (headers, "Accept-Crs", "EPSG:4326");
  soup_message_headers_replace (headers, "Content-Crs", "EPSG:4326");
  soup_message_set_request_body_from_bytes (message, "application/json", request);
  response = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  *answer = g_strndup (g_bytes_get_data (response, NULL), g_bytes_get_size (response));
  return soup_message_get_status (message);
}

/* The check bites: a bronorganisatie that is a number never reaches the server. */
static void
test_wrong_zaak_refused (Fixture *fixture, gconstpointer data)
{
  g_autofree char *answer = NULL;
  guint status = post_zaak (fixture, "{\"bronorganisatie\": 123}", &answer);

  g_assert_cmpuint (status, >=, 400);
  g_assert_cmpuint (status, <, 500);
  kp_test_assert_contains (answer, PRISM_ERRORS);
  kp_test_assert_contains (answer, "bronorganisatie");
  g_assert_cmpuint (kp_zgw_server_count (fixture->server, "zaken"), ==, 0);
}

static void
test_skip (gconstpointer reason)
{
  g_test_skip (reason);
}

/* Why the contract cannot be checked here, or NULL when it can. */
static const char *
find_missing_tool (void)
{
  const char *prism = g_getenv ("KERNPUNT_PRISM");
  const char *specs = g_getenv ("KERNPUNT_SPECS_DIR");

  if (prism == NULL || !g_file_test (prism, G_FILE_TEST_IS_EXECUTABLE))
    return "Prism is not installed: `make check` puts it in BUILD/prism "
           "(npm install @stoplight/prism-cli@5.16)";
  if (specs == NULL || !g_file_test (specs, G_FILE_TEST_IS_DIR))
    return "No API documents: KERNPUNT_SPECS_DIR (../shared/specs) is missing";
  return NULL;
}

int
main (int argc, char **argv)
{
  g_autofree char *home = NULL;
  const char *missing;

  g_test_init (&argc, &argv, NULL);
  home = kp_test_init_home ();
  missing = find_missing_tool ();
  if (missing != NULL)
    {
      g_test_add_data_func ("/zgw-contract/skipped", missing, test_skip);
      return g_test_run ();
    }
  g_test_add ("/zgw-contract/requests-follow-the-documents", Fixture, NULL, fixture_set_up,
              test_requests_follow_the_documents, fixture_tear_down);
  g_test_add ("/zgw-contract/wrong-zaak-refused", Fixture, NULL, fixture_set_up,
              test_wrong_zaak_refused, fixture_tear_down);
  return g_test_run ();
}
