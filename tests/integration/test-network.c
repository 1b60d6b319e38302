/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-delivery-agent.h"
#include "kp-http-session.h"
#include "kp-outbox-item.h"
#include "kp-outbox.h"
#include "kp-signalen-backend.h"
#include "kp-signalen-server.h"
#include "kp-test-helpers.h"
#include "kp-test-http-server.h"

#include <gnutls/gnutls.h>
#include <libsoup/soup.h>
#include <string.h>

/*
 * The network settings every client shares (kp-http-session.h), seen
 * through a real delivery to the Signalen stand-in: a server whose
 * certificate is signed by nobody the kiosk trusts is refused until its
 * CA is named in ca-file, and [network] proxy carries the requests,
 * while a proxy in the environment is ignored.
 */

typedef struct
{
  char *dir;
  char *cert_path;
  KpSignalenServer *server;
  KpStore *store;
  KpOutbox *outbox;
} Fixture;

/* A self-signed certificate for 127.0.0.1, valid for a day, made afresh for each test. */
static GTlsCertificate *
make_certificate (Fixture *fixture)
{
  g_autofree char *key_path = g_build_filename (fixture->dir, "server.key", NULL);
  const char *argv[] = { "openssl",  "req",           "-x509",   "-newkey",
                         "rsa:2048", "-nodes",        "-days",   "1",
                         "-subj",    "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                         "-keyout",  key_path,        "-out",    fixture->cert_path,
                         NULL };
  g_auto (KpTestRun) run = { 0 };
  g_autoptr (GError) error = NULL;
  GTlsCertificate *certificate;

  kp_test_run_argv (&run, argv);
  g_assert_cmpint (run.status, ==, 0);
  certificate = g_tls_certificate_new_from_files (fixture->cert_path, key_path, &error);
  g_assert_no_error (error);
  return certificate;
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GTlsCertificate) certificate = NULL;
  g_autofree char *db = NULL;
  gboolean tls = GPOINTER_TO_INT (data);

  fixture->dir = kp_test_make_tmpdir ("network-XXXXXX");
  fixture->cert_path = g_build_filename (fixture->dir, "server.pem", NULL);
  if (tls)
    certificate = make_certificate (fixture);
  fixture->server = kp_signalen_server_new_tls (NULL, certificate);
  db = g_build_filename (fixture->dir, "kernpunt.db", NULL);
  fixture->store = kp_store_open (db, &error);
  g_assert_no_error (error);
  fixture->outbox = kp_outbox_new (fixture->store);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_assert_finalize_object (fixture->outbox);
  g_assert_finalize_object (fixture->store);
  g_clear_pointer (&fixture->server, kp_signalen_server_free);
  kp_test_remove_tree (fixture->dir);
  g_free (fixture->cert_path);
  g_free (fixture->dir);
}

/* Reports go to the Signalen stand-in; @extra adds network keys. */
static KpConfig *
new_config (Fixture *fixture, const char *extra)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *key_file
      = g_strdup_printf ("[storage]\ndata-dir=%s\n" KP_SIGNALEN_SERVER_KEYS ("5") "%s",
                         fixture->dir, kp_signalen_server_get_url (fixture->server), extra);
  KpConfig *config = kp_config_new_from_data (key_file, &error);

  g_assert_no_error (error);
  return config;
}

/* Submits one report and lets a fresh agent try it once; returns the row afterwards. */
static KpOutboxItem *
deliver_one (Fixture *fixture, KpConfig *config)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpSignalenBackend) backend
      = kp_signalen_backend_new (fixture->store, config, NULL, &error);
  g_autoptr (KpDeliveryAgent) agent = NULL;
  g_autofree char *reference = NULL;
  KpOutboxItem *item;

  g_assert_no_error (error);
  agent = kp_delivery_agent_new (fixture->outbox, KP_BACKEND (backend));
  reference = kp_outbox_submit (fixture->outbox, "report", KP_SIGNALEN_SERVER_REPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (kp_delivery_agent_deliver_due (agent, g_get_real_time (), NULL, NULL, &error));
  g_assert_no_error (error);
  item = kp_outbox_lookup (fixture->outbox, reference, &error);
  g_assert_no_error (error);
  return item;
}

/* "[@group]\nca-file=…" naming the test's certificate, or nothing for a NULL @group. */
static char *
ca_file_key (Fixture *fixture, const char *group)
{
  if (group == NULL)
    return g_strdup ("");
  return g_strdup_printf ("[%s]\nca-file=%s\n", group, fixture->cert_path);
}

/* Without the CA the row waits, saying why; no request reached the server. */
static void
test_untrusted_certificate_waits (Fixture *fixture, gconstpointer data)
{
  /* Another system's CA file does not count for Signalen. */
  const char *const groups[] = { NULL, "zgw" };

  for (gsize i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      g_autofree char *extra = ca_file_key (fixture, groups[i]);
      g_autoptr (KpConfig) config = new_config (fixture, extra);
      g_autoptr (KpOutboxItem) item = deliver_one (fixture, config);

      g_assert_cmpint (kp_outbox_item_get_state (item), ==, KP_OUTBOX_STATE_PENDING);
      kp_test_assert_contains (kp_outbox_item_get_last_error (item), "certificate is not trusted");
      g_assert_cmpuint (kp_signalen_server_count_requests (fixture->server), ==, 0);
    }
}

/* With the CA in [signalen] ca-file, or in [network] ca-file for every system, it goes through. */
static void
test_ca_file_trusts (Fixture *fixture, gconstpointer data)
{
  const char *const groups[] = { "signalen", "network" };

  for (gsize i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      g_autofree char *extra = ca_file_key (fixture, groups[i]);
      g_autoptr (KpConfig) config = new_config (fixture, extra);
      g_autoptr (KpOutboxItem) item = deliver_one (fixture, config);

      g_assert_cmpint (kp_outbox_item_get_state (item), ==, KP_OUTBOX_STATE_DELIVERED);
      g_assert_cmpuint (kp_signalen_server_count_signals (fixture->server), ==, i + 1);
    }
}

/* A CA file that cannot be read stops the backend from starting, naming the key. */
static void
test_unreadable_ca_file_refused (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *extra = g_strdup_printf ("[signalen]\nca-file=%s/missing.pem\n", fixture->dir);
  g_autoptr (KpConfig) config = new_config (fixture, extra);
  g_autoptr (KpSignalenBackend) backend
      = kp_signalen_backend_new (fixture->store, config, NULL, &error);

  g_assert_null (backend);
  g_assert_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_INVALID_VALUE);
  kp_test_assert_contains (error->message, "[signalen] ca-file");
}

/* A forwarding HTTP proxy that counts the absolute-URI requests it carries. */
typedef struct
{
  KpTestHttpServer *http;
  SoupSession *upstream;
  GMutex lock;
  GPtrArray *seen; /* "POST http://127.0.0.1:PORT/…" */
} Proxy;

static void
forward (SoupServer *server,
         SoupServerMessage *message,
         const char *path,
         GHashTable *query,
         gpointer user_data)
{
  Proxy *proxy = user_data;
  g_autofree char *target = g_uri_to_string (soup_server_message_get_uri (message));
  g_autoptr (SoupMessage) onward
      = soup_message_new (soup_server_message_get_method (message), target);
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  g_autoptr (GBytes) request = soup_message_body_flatten (body);
  g_autoptr (GBytes) answer = NULL;
  g_autoptr (GError) error = NULL;
  SoupMessageHeadersIter iter;
  const char *name, *value;

  g_mutex_lock (&proxy->lock);
  g_ptr_array_add (proxy->seen,
                   g_strdup_printf ("%s %s", soup_server_message_get_method (message), target));
  g_mutex_unlock (&proxy->lock);

  soup_message_headers_iter_init (&iter, soup_server_message_get_request_headers (message));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    soup_message_headers_append (soup_message_get_request_headers (onward), name, value);
  if (g_bytes_get_size (request) > 0)
    soup_message_set_request_body_from_bytes (
        onward,
        soup_message_headers_get_content_type (soup_server_message_get_request_headers (message),
                                               NULL),
        request);
  answer = soup_session_send_and_read (proxy->upstream, onward, NULL, &error);
  if (answer == NULL)
    {
      soup_server_message_set_status (message, SOUP_STATUS_BAD_GATEWAY, NULL);
      return;
    }
  soup_server_message_set_status (message, soup_message_get_status (onward), NULL);
  soup_server_message_set_response (
      message,
      soup_message_headers_get_content_type (soup_message_get_response_headers (onward), NULL),
      SOUP_MEMORY_COPY, g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
}

static void
proxy_start (Proxy *proxy)
{
  g_mutex_init (&proxy->lock);
  proxy->seen = g_ptr_array_new_with_free_func (g_free);
  /* Straight to the server: this session must not go through a proxy itself. */
  proxy->upstream = kp_http_session_new (NULL, NULL, 5, NULL);
  proxy->http = kp_test_http_server_start (forward, proxy);
}

static void
proxy_stop (Proxy *proxy)
{
  kp_test_http_server_stop (proxy->http);
  g_clear_object (&proxy->upstream);
  g_clear_pointer (&proxy->seen, g_ptr_array_unref);
  g_mutex_clear (&proxy->lock);
}

static guint
proxy_count (Proxy *proxy)
{
  guint n;

  g_mutex_lock (&proxy->lock);
  n = proxy->seen->len;
  g_mutex_unlock (&proxy->lock);
  return n;
}

/* [network] proxy carries the requests, and the report still arrives. */
static void
test_proxy_carries_requests (Fixture *fixture, gconstpointer data)
{
  Proxy proxy = { 0 };
  g_autofree char *extra = NULL;
  g_autofree char *expected = NULL;
  g_autoptr (KpConfig) config = NULL;
  g_autoptr (KpOutboxItem) item = NULL;

  proxy_start (&proxy);
  extra = g_strdup_printf ("[network]\nproxy=%s\n", kp_test_http_server_get_base (proxy.http));
  config = new_config (fixture, extra);
  item = deliver_one (fixture, config);

  g_assert_cmpint (kp_outbox_item_get_state (item), ==, KP_OUTBOX_STATE_DELIVERED);
  g_assert_cmpuint (kp_signalen_server_count_signals (fixture->server), ==, 1);
  g_assert_cmpuint (proxy_count (&proxy), ==, 1);
  expected = g_strconcat ("POST ", kp_signalen_server_get_url (fixture->server),
                          "signals/v1/public/signals", NULL);
  g_assert_cmpstr (g_ptr_array_index (proxy.seen, 0), ==, expected);
  proxy_stop (&proxy);
}

/*
 * A proxy in the environment is not used: only [network] proxy counts. A
 * session that does take the environment's proxy reaches it, so the
 * environment really points at the proxy and the check can fail. (That
 * session is given the value by hand, so the check does not depend on
 * which proxy module this machine's GIO has.)
 */
static void
test_environment_proxy_ignored (Fixture *fixture, gconstpointer data)
{
  Proxy proxy = { 0 };
  g_autoptr (KpConfig) config = NULL;
  g_autoptr (KpOutboxItem) item = NULL;
  g_autoptr (GProxyResolver) resolver = NULL;
  g_autoptr (SoupSession) plain = NULL;
  g_autoptr (SoupMessage) message = NULL;
  g_autoptr (GBytes) answer = NULL;
  g_autofree char *url = NULL;

  proxy_start (&proxy);
  g_setenv ("http_proxy", kp_test_http_server_get_base (proxy.http), TRUE);
  config = new_config (fixture, "");
  item = deliver_one (fixture, config);
  g_assert_cmpint (kp_outbox_item_get_state (item), ==, KP_OUTBOX_STATE_DELIVERED);
  g_assert_cmpuint (proxy_count (&proxy), ==, 0);

  resolver = g_simple_proxy_resolver_new (g_getenv ("http_proxy"), NULL);
  plain = soup_session_new_with_options ("proxy-resolver", resolver, NULL);
  url = g_strconcat (kp_signalen_server_get_url (fixture->server), "signals/v1/public/signals/",
                     NULL);
  message = soup_message_new ("GET", url);
  answer = soup_session_send_and_read (plain, message, NULL, NULL);
  g_unsetenv ("http_proxy");
  g_assert_cmpuint (proxy_count (&proxy), ==, 1);
  proxy_stop (&proxy);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = NULL;

  /*
   * GnuTLS and p11-kit keep thread-local data. Loaded later by GIO's TLS
   * module they get dynamic thread-local blocks, which LeakSanitizer (GCC
   * 12) misreads at exit and crashes on; linked in from the start, their
   * blocks are static. Asking GnuTLS its version keeps the link.
   */
  g_assert_nonnull (gnutls_check_version (NULL));
  g_test_init (&argc, &argv, NULL);
  home = kp_test_init_home ();
  g_test_add ("/network/untrusted-certificate-waits", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_untrusted_certificate_waits, fixture_tear_down);
  g_test_add ("/network/ca-file-trusts", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up,
              test_ca_file_trusts, fixture_tear_down);
  g_test_add ("/network/unreadable-ca-file-refused", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_unreadable_ca_file_refused, fixture_tear_down);
  g_test_add ("/network/proxy-carries-requests", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up,
              test_proxy_carries_requests, fixture_tear_down);
  g_test_add ("/network/environment-proxy-ignored", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_environment_proxy_ignored, fixture_tear_down);
  return g_test_run ();
}
