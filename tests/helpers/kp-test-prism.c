/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-test-prism.h"
#include "kp-test-helpers.h"

#include <signal.h>
#include <string.h>

/* Prism takes seconds to read a document of 15,000 lines. */
#define STARTUP_LIMIT (60 * G_TIME_SPAN_SECOND)

static gboolean
port_accepts (guint16 port)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketConnection) connection
      = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);

  return connection != NULL;
}

static void
wait_for_prism (KpTestPrism *prism, guint16 port)
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

/* Rewrites ../shared/specs/@name-openapi.yaml into @dir/@name-openapi.json. (transfer full) */
static char *
prepare_spec (const char *dir, const char *name)
{
  g_autofree char *script
      = kp_test_source_path ("tests", "helpers", "kp-rewrite-nullable.py", NULL);
  g_autofree char *yaml_name = g_strconcat (name, "-openapi.yaml", NULL);
  g_autofree char *json_name = g_strconcat (name, "-openapi.json", NULL);
  g_autofree char *source = g_build_filename (g_getenv ("KERNPUNT_SPECS_DIR"), yaml_name, NULL);
  char *target = g_build_filename (dir, json_name, NULL);
  const char *argv[] = { "python3", script, source, target, NULL };
  g_auto (KpTestRun) run = { 0 };

  kp_test_run_argv (&run, argv);
  kp_test_assert_success (&run);
  return target;
}

/* Why the contract cannot be checked here, or NULL when it can. */
static const char *
find_missing (void)
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

static void
skip (gconstpointer reason)
{
  g_test_skip (reason);
}

gboolean
kp_test_prism_skip_when_missing (const char *path)
{
  const char *missing = find_missing ();

  if (missing != NULL)
    g_test_add_data_func (path, missing, skip);
  return missing != NULL;
}

/* (transfer full) */
JsonNode *
kp_test_prism_load_spec (const char *dir, const char *name)
{
  g_autofree char *path = prepare_spec (dir, name);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* (transfer full) */
char *
kp_test_prism_save_spec (const char *dir, const char *name, JsonNode *spec)
{
  g_autofree char *json_name = g_strconcat (name, "-openapi.json", NULL);
  char *path = g_build_filename (dir, json_name, NULL);
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (GError) error = NULL;

  json_generator_set_root (generator, spec);
  json_generator_to_file (generator, path, &error);
  g_assert_no_error (error);
  return path;
}

void
kp_test_prism_start_with_spec (KpTestPrism *prism,
                               const char *dir,
                               const char *spec_path,
                               const char *upstream)
{
  g_autofree char *base = g_path_get_basename (spec_path);
  g_autofree char *log_name = g_strconcat ("prism-", base, ".log", NULL);
  g_autoptr (GSubprocessLauncher) launcher
      = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autoptr (GError) error = NULL;
  guint16 port = kp_test_pick_free_port ();
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  /* Prism joins the request's path to the upstream's: no final "/". */
  g_autofree char *upstream_root = g_strndup (upstream, strlen (upstream) - 1);

  g_assert_true (g_str_has_suffix (upstream, "/"));
  prism->log_path = g_build_filename (dir, log_name, NULL);
  prism->url = g_strdup_printf ("http://127.0.0.1:%u/", port);
  g_subprocess_launcher_set_stdout_file_path (launcher, prism->log_path);
  prism->process = g_subprocess_launcher_spawn (
      launcher, &error, g_getenv ("KERNPUNT_PRISM"), "proxy", "--errors", "--host", "127.0.0.1",
      "--port", port_text, spec_path, upstream_root, NULL);
  g_assert_no_error (error);
  wait_for_prism (prism, port);
}

void
kp_test_prism_start (KpTestPrism *prism, const char *dir, const char *name, const char *upstream)
{
  g_autofree char *spec = prepare_spec (dir, name);

  kp_test_prism_start_with_spec (prism, dir, spec, upstream);
}

void
kp_test_prism_stop (KpTestPrism *prism)
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

void
kp_test_prism_assert_found_nothing (KpTestPrism *prism)
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

SoupMessage *
kp_test_prism_new_post (KpTestPrism *prism, const char *resource, const char *body)
{
  g_autofree char *url = g_strconcat (prism->url, resource, NULL);
  g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));
  SoupMessage *message = soup_message_new ("POST", url);

  soup_message_set_request_body_from_bytes (message, "application/json", bytes);
  return message;
}

void
kp_test_prism_assert_refused (SoupMessage *message, const char *member)
{
  /* Prism answers slowly on its first requests. */
  g_autoptr (SoupSession) session = soup_session_new_with_options ("timeout", 30, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) answer = soup_session_send_and_read (session, message, NULL, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
  g_assert_cmpuint (soup_message_get_status (message), >=, 400);
  g_assert_cmpuint (soup_message_get_status (message), <, 500);
  kp_test_assert_contains (text, KP_TEST_PRISM_ERRORS);
  kp_test_assert_contains (text, member);
}
