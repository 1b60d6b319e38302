/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-test-helpers.h"
#include "kp-test-http-server.h"

#include <glib/gstdio.h>
#include <signal.h>

/*
 * kernpunt-syncd refreshes the e-forms from a stand-in Open Formulieren
 * on 127.0.0.1, and kernpunt-ctl forms list shows what the kiosk will
 * offer: hidden forms with their reason, and a failed refresh (refused
 * token, server down) keeping the last list.
 */

#define TOKEN       "open-formulieren-token-0123456789"
#define WRONG_TOKEN "an-old-token"

/* Four forms, each a rule of Open Formulieren's list (src/openforms/forms/api/serializers/form.py). */
#define FORMS_JSON                                                                                 \
  "[{\"uuid\":\"0b7e\",\"name\":\"Parkeervergunning aanvragen\",\"slug\":\"parkeervergunning\","   \
  "\"loginRequired\":true,\"active\":true,\"maintenanceMode\":false,"                              \
  "\"submissionAllowed\":\"yes\",\"translations\":{\"en\":{\"name\":\"Apply for a parking "        \
  "permit\"}}},"                                                                                   \
  "{\"uuid\":\"1c8f\",\"name\":\"Kapvergunning\",\"slug\":\"kapvergunning\",\"loginRequired\":"    \
  "true,\"active\":true,\"maintenanceMode\":true,\"submissionAllowed\":\"yes\"},"                  \
  "{\"uuid\":\"2d9a\",\"name\":\"Evenement melden\",\"slug\":\"evenement\",\"loginRequired\":"     \
  "false,\"active\":true,\"maintenanceMode\":false,\"submissionAllowed\":\"no_with_overview\"},"   \
  "{\"uuid\":\"3eab\",\"name\":\"Oud formulier\",\"slug\":\"oud\",\"loginRequired\":false,"        \
  "\"active\":false,\"maintenanceMode\":false,\"submissionAllowed\":\"yes\"}]"

typedef struct
{
  char *dir;
  char *config_path;
  char *token_path;
  KpTestHttpServer *server;
  char *root_url;
  gint n_requests;
  gint n_refused;
} Fixture;

/* Open Formulieren's GET /api/v2/forms, with DRF's "Token" authentication. */
static void
on_request (SoupServer *server,
            SoupServerMessage *message,
            const char *path,
            GHashTable *query,
            gpointer user_data)
{
  Fixture *fixture = user_data;

  g_atomic_int_inc (&fixture->n_requests);
  if (!g_str_equal (soup_server_message_get_method (message), "GET")
      || !g_str_equal (path, "/api/v2/forms"))
    {
      kp_test_http_respond_json (message, SOUP_STATUS_NOT_FOUND, "{\"detail\":\"Not found.\"}");
      return;
    }
  if (!kp_test_http_header_is (message, "Authorization", "Token ", TOKEN))
    {
      g_atomic_int_inc (&fixture->n_refused);
      kp_test_http_respond_json (message, SOUP_STATUS_UNAUTHORIZED,
                                 "{\"detail\":\"Ongeldige token.\"}");
      return;
    }
  kp_test_http_respond_json (message, SOUP_STATUS_OK, FORMS_JSON);
}

static void
write_token (Fixture *fixture, const char *token, int mode)
{
  g_autoptr (GError) error = NULL;

  g_file_set_contents (fixture->token_path, token, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (fixture->token_path, mode), ==, 0);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *config = NULL;

  fixture->dir = kp_test_make_tmpdir ("forms-refresh-XXXXXX");
  fixture->server = kp_test_http_server_start (on_request, fixture);
  fixture->root_url = g_strconcat (kp_test_http_server_get_base (fixture->server), "/", NULL);
  fixture->token_path = g_build_filename (fixture->dir, "open-formulieren-token", NULL);
  write_token (fixture, TOKEN "\n", 0600);

  fixture->config_path = g_build_filename (fixture->dir, "kernpunt.conf", NULL);
  config = g_strdup_printf ("[storage]\ndata-dir=%s\n"
                            "[open-formulieren]\nurl=%s\ntoken-file=%s\ntimeout-seconds=5\n"
                            "[form:grofvuil]\ntitle=Grofvuil laten ophalen\n"
                            "start-url=https://formulieren.lindeveen.nl/grofvuil/\ndigid=true\n",
                            fixture->dir, fixture->root_url, fixture->token_path);
  g_file_set_contents (fixture->config_path, config, -1, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_pointer (&fixture->server, kp_test_http_server_stop);
  kp_test_remove_tree (fixture->dir);
  g_free (fixture->root_url);
  g_free (fixture->token_path);
  g_free (fixture->config_path);
  g_free (fixture->dir);
}

/* kernpunt-syncd --once: refreshes, delivers what is due (nothing), exits 0; its log, returned. */
static char *
run_syncd_once (Fixture *fixture)
{
  g_autofree char *syncd = kp_test_program ("KERNPUNT_SYNCD");
  const char *argv[] = { syncd, "--once", "--config", fixture->config_path, NULL };
  g_auto (KpTestRun) run = { 0 };

  kp_test_run_argv (&run, argv);
  if (run.status != 0)
    g_error ("kernpunt-syncd --once failed (%d): %s", run.status, run.err);
  /* Whatever went wrong, the token never reaches the log. */
  g_assert_null (strstr (run.err, TOKEN));
  g_assert_null (strstr (run.out, TOKEN));
  return g_steal_pointer (&run.err);
}

/* `kernpunt-ctl forms list --json` (transfer full) */
static JsonNode *
list_forms (Fixture *fixture)
{
  const char *args[] = { "forms", "list", "--json", NULL };
  g_auto (KpTestRun) run = { 0 };

  kp_test_run_ctl_with_config (&run, fixture->config_path, args);
  kp_test_assert_success (&run);
  return kp_test_parse_json (run.out);
}

static JsonObject *
get_form (JsonNode *list, guint index)
{
  JsonArray *forms = json_object_get_array_member (json_node_get_object (list), "forms");

  return json_array_get_object_element (forms, index);
}

static guint
count_forms (JsonNode *list)
{
  return json_array_get_length (
      json_object_get_array_member (json_node_get_object (list), "forms"));
}

static JsonObject *
get_refresh (JsonNode *list)
{
  return json_object_get_object_member (json_node_get_object (list), "open_formulieren");
}

/* One line a form: what the kiosk does with it. */
static void
assert_refreshed_list (Fixture *fixture, JsonNode *list)
{
  const struct
  {
    const char *id;
    const char *source;
    const char *hidden;
    gboolean needs_digid;
  } expected[] = {
    { "grofvuil", "config", NULL, TRUE },
    { "parkeervergunning", "open-formulieren", NULL, TRUE },
    { "kapvergunning", "open-formulieren", "maintenance", TRUE },
    { "evenement", "open-formulieren", "not-accepting", FALSE },
    { "oud", "open-formulieren", "inactive", FALSE },
  };
  g_autofree char *parking_url = g_strconcat (fixture->root_url, "parkeervergunning/", NULL);

  g_assert_cmpuint (count_forms (list), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      JsonObject *form = get_form (list, i);

      g_assert_cmpstr (json_object_get_string_member (form, "id"), ==, expected[i].id);
      g_assert_cmpstr (json_object_get_string_member (form, "source"), ==, expected[i].source);
      g_assert_cmpstr (json_object_get_string_member (form, "hidden"), ==, expected[i].hidden);
      g_assert_cmpint (json_object_get_boolean_member (form, "shown"), ==,
                       expected[i].hidden == NULL);
      g_assert_cmpint (json_object_get_boolean_member (form, "needs_digid"), ==,
                       expected[i].needs_digid);
    }
  g_assert_cmpstr (json_object_get_string_member (get_form (list, 1), "start_url"), ==,
                   parking_url);
  g_assert_cmpstr (json_object_get_string_member (get_form (list, 1), "title"), ==,
                   "Parkeervergunning aanvragen");
}

static void
test_refresh_and_list (Fixture *fixture, gconstpointer data)
{
  g_autoptr (JsonNode) list = NULL;
  g_autofree char *log = NULL;
  const char *args[] = { "forms", "list", NULL };
  g_auto (KpTestRun) text = { 0 };

  log = run_syncd_once (fixture);
  g_assert_cmpint (g_atomic_int_get (&fixture->n_requests), ==, 1);
  g_assert_cmpint (g_atomic_int_get (&fixture->n_refused), ==, 0);
  kp_test_assert_contains (log, "Open Formulieren: 1 shown of 4");

  list = list_forms (fixture);
  assert_refreshed_list (fixture, list);
  g_assert_nonnull (json_object_get_string_member (get_refresh (list), "refreshed_at"));
  g_assert_null (json_object_get_string_member (get_refresh (list), "error"));
  g_assert_cmpstr (json_object_get_string_member (get_refresh (list), "url"), ==,
                   fixture->root_url);

  /* The same for a person: each hidden form says why. */
  kp_test_run_ctl_with_config (&text, fixture->config_path, args);
  kp_test_assert_success (&text);
  kp_test_assert_contains (text.out, "Open Formulieren: refreshed ");
  kp_test_assert_contains (text.out, "kapvergunning");
  kp_test_assert_contains (text.out, "in maintenance mode");
  kp_test_assert_contains (text.out, "does not accept submissions");
  kp_test_assert_contains (text.out, "not active in Open Formulieren");
}

/* A refused token or a server that is down: the last list stays, and ctl says what happened. */
static void
test_failures_keep_the_last_list (Fixture *fixture, gconstpointer data)
{
  g_autoptr (JsonNode) refused = NULL;
  g_autoptr (JsonNode) down = NULL;
  g_autofree char *first_log = run_syncd_once (fixture);
  g_autofree char *refused_log = NULL;
  g_autofree char *down_log = NULL;

  write_token (fixture, WRONG_TOKEN "\n", 0600);
  refused_log = run_syncd_once (fixture);
  g_assert_cmpint (g_atomic_int_get (&fixture->n_refused), ==, 1);
  kp_test_assert_contains (refused_log, "the last list stays");
  g_assert_null (strstr (refused_log, WRONG_TOKEN));
  refused = list_forms (fixture);
  assert_refreshed_list (fixture, refused);
  kp_test_assert_contains (json_object_get_string_member (get_refresh (refused), "error"),
                           "HTTP 401: the token was refused");

  write_token (fixture, TOKEN "\n", 0600);
  g_clear_pointer (&fixture->server, kp_test_http_server_stop);
  down_log = run_syncd_once (fixture);
  kp_test_assert_contains (down_log, "the last list stays");
  down = list_forms (fixture);
  assert_refreshed_list (fixture, down);
  g_assert_nonnull (json_object_get_string_member (get_refresh (down), "error"));
  g_assert_cmpstr (json_object_get_string_member (get_refresh (down), "refreshed_at"), ==,
                   json_object_get_string_member (get_refresh (refused), "refreshed_at"));
}

/* A token file others may read is refused: no request is made, and deliveries go on. */
static void
test_token_file_others_may_read (Fixture *fixture, gconstpointer data)
{
  g_autoptr (JsonNode) list = NULL;
  g_autofree char *log = NULL;

  write_token (fixture, TOKEN "\n", 0644);
  log = run_syncd_once (fixture);
  kp_test_assert_contains (log, "The e-forms cannot be refreshed");
  kp_test_assert_contains (log, "chmod 600");
  g_assert_cmpint (g_atomic_int_get (&fixture->n_requests), ==, 0);
  list = list_forms (fixture);
  g_assert_cmpuint (count_forms (list), ==, 1);
  g_assert_null (json_object_get_string_member (get_refresh (list), "refreshed_at"));
}

static gboolean
has_requests (Fixture *fixture)
{
  return g_atomic_int_get (&fixture->n_requests) > 0;
}

/* Running as the service does, kernpunt-syncd refreshes at start, and stops cleanly on SIGTERM. */
static void
test_refresh_at_start (Fixture *fixture, gconstpointer data)
{
  g_autofree char *syncd = kp_test_program ("KERNPUNT_SYNCD");
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (JsonNode) list = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error, syncd, "--config",
                              fixture->config_path, NULL);
  g_assert_no_error (error);
  for (guint i = 0; i < 100 && !has_requests (fixture); i++)
    g_usleep (100 * 1000);
  g_assert_true (has_requests (fixture));
  /* The request was answered; give the worker a moment to store the list. */
  for (guint i = 0; i < 50; i++)
    {
      g_clear_pointer (&list, json_node_unref);
      list = list_forms (fixture);
      if (count_forms (list) == 5)
        break;
      g_usleep (100 * 1000);
    }
  assert_refreshed_list (fixture, list);
  g_subprocess_send_signal (process, SIGTERM);
  g_assert_true (kp_test_wait_process (process, 10));
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_autofree char *home = kp_test_init_home ();

  g_test_init (&argc, &argv, NULL);
  kp_test_servers_need_whole_stacks ();

  g_test_add ("/forms-refresh/refresh-and-list", Fixture, NULL, fixture_set_up,
              test_refresh_and_list, fixture_tear_down);
  g_test_add ("/forms-refresh/failures-keep-the-last-list", Fixture, NULL, fixture_set_up,
              test_failures_keep_the_last_list, fixture_tear_down);
  g_test_add ("/forms-refresh/token-file-others-may-read", Fixture, NULL, fixture_set_up,
              test_token_file_others_may_read, fixture_tear_down);
  g_test_add ("/forms-refresh/refresh-at-start", Fixture, NULL, fixture_set_up,
              test_refresh_at_start, fixture_tear_down);

  return g_test_run ();
}
