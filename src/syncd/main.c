/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-backend-router.h"
#include "kp-config-private.h"
#include "kp-config.h"
#include "kp-delivery-agent.h"
#include "kp-forms-refresher.h"
#include "kp-http-session.h"
#include "kp-klantinteracties-backend.h"
#include "kp-local-register.h"
#include "kp-outbox.h"
#include "kp-signalen-backend.h"
#include "kp-status-checker.h"
#include "kp-store.h"
#include "kp-zgw-backend.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <signal.h>

/*
 * kernpunt-syncd: delivers the outbox that the kiosk fills. It keeps no
 * state of its own between passes: everything is in the shared database,
 * so it may be stopped or killed at any moment and started again.
 */

#define DEFAULT_POLL_SECONDS 5

typedef struct
{
  GMainLoop *loop;
  GCancellable *cancellable;
  KpOutbox *outbox;
  KpDeliveryAgent *agent;
  KpStatusChecker *status_checker; /* answers the status screen's requests */
  /* The e-forms from Open Formulieren; NULL without [open-formulieren] url. */
  KpFormsRefresher *forms_refresher;
  guint poll_seconds;
  gboolean once;
  gboolean pass_running;
  guint wake_id;
  int exit_status;
} KpSyncd;

static void start_pass (KpSyncd *syncd);

static void
stop (KpSyncd *syncd, int exit_status)
{
  syncd->exit_status = exit_status;
  g_main_loop_quit (syncd->loop);
}

static void
on_wake (gpointer user_data)
{
  KpSyncd *syncd = user_data;

  syncd->wake_id = 0;
  start_pass (syncd);
}

/*
 * The kiosk adds rows at any time and says nothing, so even when no row is
 * due the agent looks again after the poll interval.
 */
static void
schedule_next_pass (KpSyncd *syncd)
{
  g_autoptr (GError) error = NULL;
  GTimeSpan delay = syncd->poll_seconds * G_TIME_SPAN_SECOND;
  gint64 next_due = kp_outbox_get_next_due (syncd->outbox, &error);

  if (error != NULL)
    {
      g_printerr ("kernpunt-syncd: %s\n", error->message);
      stop (syncd, EXIT_FAILURE);
      return;
    }
  if (next_due >= 0)
    delay = CLAMP (next_due - g_get_real_time (), 0, delay);

  /* Rounded up, so the pass does not start a moment before the row is due. */
  syncd->wake_id = g_timeout_add_once ((delay + 999) / 1000, on_wake, syncd);
}

static void
on_pass_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  KpSyncd *syncd = user_data;
  g_autoptr (GError) error = NULL;
  guint n_handled = 0;

  syncd->pass_running = FALSE;

  if (!kp_delivery_agent_deliver_due_finish (syncd->agent, result, &n_handled, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        stop (syncd, EXIT_SUCCESS);
      else
        {
          /* The store failed: better to exit and be restarted than to spin. */
          g_printerr ("kernpunt-syncd: %s\n", error->message);
          stop (syncd, EXIT_FAILURE);
        }
      return;
    }

  g_debug ("Delivery pass tried %u rows", n_handled);
  if (syncd->once || g_cancellable_is_cancelled (syncd->cancellable))
    stop (syncd, EXIT_SUCCESS);
  else
    schedule_next_pass (syncd);
}

static void
start_pass (KpSyncd *syncd)
{
  syncd->pass_running = TRUE;
  kp_delivery_agent_deliver_due_async (syncd->agent, g_get_real_time (), syncd->cancellable,
                                       on_pass_done, syncd);
}

/*
 * A pass in progress finishes the row it is on and then stops; between
 * passes there is nothing to finish.
 */
static gboolean
on_stop_signal (gpointer user_data)
{
  KpSyncd *syncd = user_data;

  g_message ("Stopping");
  g_cancellable_cancel (syncd->cancellable);
  if (!syncd->pass_running)
    {
      g_clear_handle_id (&syncd->wake_id, g_source_remove);
      stop (syncd, EXIT_SUCCESS);
    }
  return G_SOURCE_CONTINUE;
}

/* Opens the database and puts back rows that a crash left half delivered. */
static KpOutbox *
open_outbox (KpConfig *config, GError **error)
{
  g_autofree char *path = kp_config_dup_database_path (config);
  g_autoptr (KpStore) store = kp_store_open (path, error);
  g_autoptr (KpOutbox) outbox = NULL;
  g_autoptr (GError) local_error = NULL;
  guint n_recovered;

  if (store == NULL)
    return NULL;

  outbox = kp_outbox_new (store);
  n_recovered = kp_outbox_recover_interrupted (outbox, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (n_recovered > 0)
    g_message ("Put %u interrupted deliveries back in the queue", n_recovered);
  return g_steal_pointer (&outbox);
}

static KpBackend *
new_zgw_backend (KpConfig *config, KpStore *store, GError **error)
{
  g_autofree char *secret = kp_config_read_secret_file (
      "zgw", "secret-file", kp_config_get_zgw_secret_file (config), error);
  g_autoptr (KpZgwClient) client = NULL;
  g_autoptr (SoupSession) session = NULL;

  if (secret == NULL)
    return NULL;
  client = kp_zgw_client_new (
      kp_config_get_zgw_zaken_url (config), kp_config_get_zgw_catalogi_url (config),
      kp_config_get_zgw_client_id (config), secret, kp_config_get_zgw_user_representation (config),
      kp_config_get_zgw_timeout_seconds (config), error);
  if (client == NULL)
    return NULL;
  session = kp_http_session_new (config, "zgw", kp_config_get_zgw_timeout_seconds (config), error);
  if (session == NULL)
    return NULL;
  kp_zgw_client_set_session (client, session);
  if (kp_config_get_zgw_documenten_url (config) != NULL
      && !kp_zgw_client_set_documenten_url (client, kp_config_get_zgw_documenten_url (config),
                                            error))
    return NULL;
  return KP_BACKEND (kp_zgw_backend_new (store, client, config));
}

/* The public Signalen endpoint needs no token; a gateway in front of it may. */
static KpBackend *
new_signalen_backend (KpConfig *config, KpStore *store, GError **error)
{
  const char *token_file = kp_config_get_signalen_token_file (config);
  g_autofree char *token = NULL;

  if (token_file != NULL
      && (token = kp_config_read_secret_file ("signalen", "token-file", token_file, error)) == NULL)
    return NULL;
  return KP_BACKEND (kp_signalen_backend_new (store, config, token, error));
}

static KpBackend *
new_klantinteracties_backend (KpConfig *config, KpStore *store, GError **error)
{
  g_autofree char *token = kp_config_read_secret_file (
      "klantinteracties", "token-file", kp_config_get_klantinteracties_token_file (config), error);

  if (token == NULL)
    return NULL;
  return KP_BACKEND (kp_klantinteracties_backend_new (store, config, token, error));
}

/*
 * The embedded case register for every kind, and the ZGW case system for
 * the kinds [delivery] routes there. The router picks when a row is
 * delivered, so rows written before a route changed follow the new route.
 */
static KpBackend *
new_backend (KpConfig *config, KpStore *store, GError **error)
{
  static const char *const kinds[] = { "report", "found", "lost", "callback", "appointment" };
  g_autoptr (KpLocalRegister) local_register = kp_local_register_new (store);
  g_autoptr (KpBackendRouter) router = kp_backend_router_new (KP_BACKEND (local_register));
  g_autoptr (KpOutbox) outbox = kp_outbox_new (store);
  g_autoptr (KpBackend) zgw = NULL;

  kp_backend_router_set_outbox (router, outbox);

  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      const char *route = kp_config_get_delivery_route (config, kinds[i]);

      if (g_str_equal (route, "signalen") || g_str_equal (route, "klantinteracties"))
        {
          g_autoptr (KpBackend) backend = g_str_equal (route, "signalen")
                                              ? new_signalen_backend (config, store, error)
                                              : new_klantinteracties_backend (config, store, error);

          if (backend == NULL)
            return NULL;
          g_message ("Delivering %s submissions to %s", kinds[i], route);
          kp_backend_router_add_route (router, kinds[i], backend);
        }
      if (!g_str_equal (route, "zgw"))
        continue;
      if (zgw == NULL && (zgw = new_zgw_backend (config, store, error)) == NULL)
        return NULL;
      g_message ("Delivering %s submissions to the ZGW case system", kinds[i]);
      kp_backend_router_add_route (router, kinds[i], zgw);
    }
  return KP_BACKEND (g_steal_pointer (&router));
}

/*
 * The kiosk's e-forms from Open Formulieren: once with --once, else now
 * and every refresh-minutes. Without its token the forms are not
 * refreshed, but residents' submissions are still delivered.
 */
static void
start_forms_refresh (KpSyncd *syncd, KpConfig *config)
{
  g_autoptr (GError) error = NULL;

  if (kp_config_get_open_formulieren_url (config) == NULL)
    return;
  syncd->forms_refresher = kp_forms_refresher_new (config, &error);
  if (syncd->forms_refresher == NULL)
    g_message ("The e-forms cannot be refreshed: %s", error->message);
  else if (syncd->once)
    /* Failures are logged and stored by the refresher; the last list stays. */
    kp_forms_refresher_refresh (syncd->forms_refresher, syncd->cancellable, NULL);
  else
    kp_forms_refresher_start (syncd->forms_refresher, syncd->cancellable);
}

/*
 * The status screen's requests, on a connection of its own so a question
 * never waits for a delivery's transaction. The backends and their
 * circuit breakers are the delivery's own. With --once, one round now.
 */
static gboolean
start_status_checks (KpSyncd *syncd, KpConfig *config, KpBackend *router, GError **error)
{
  g_autofree char *path = kp_config_dup_database_path (config);
  g_autoptr (KpStore) store = kp_store_open (path, error);
  g_autoptr (GPtrArray) backends = NULL;

  if (store == NULL)
    return FALSE;
  syncd->status_checker = kp_status_checker_new (store, config);
  backends = kp_backend_router_list_backends (KP_BACKEND_ROUTER (router));
  for (guint i = 0; i < backends->len; i++)
    {
      KpBackend *backend = g_ptr_array_index (backends, i);

      kp_status_checker_add_backend (
          syncd->status_checker, backend,
          kp_backend_router_get_breaker (KP_BACKEND_ROUTER (router), backend));
    }
  if (syncd->once)
    return kp_status_checker_run (syncd->status_checker, g_get_real_time (), TRUE, NULL,
                                  syncd->cancellable, error);
  kp_status_checker_start (syncd->status_checker, syncd->cancellable);
  return TRUE;
}

static int
run (KpSyncd *syncd, const char *config_path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpConfig) config = kp_config_load (config_path, &error);
  g_autoptr (KpBackend) backend = NULL;
  guint sigterm_id, sigint_id;

  if (config == NULL)
    {
      g_printerr (_ ("kernpunt-syncd: bad configuration: %s\n"), error->message);
      return EXIT_FAILURE;
    }

  syncd->outbox = open_outbox (config, &error);
  if (syncd->outbox == NULL)
    {
      g_printerr ("kernpunt-syncd: %s\n", error->message);
      return EXIT_FAILURE;
    }
  backend = new_backend (config, kp_outbox_get_store (syncd->outbox), &error);
  if (backend == NULL)
    {
      g_printerr (_ ("kernpunt-syncd: bad configuration: %s\n"), error->message);
      g_clear_object (&syncd->outbox);
      return EXIT_FAILURE;
    }
  syncd->agent = kp_delivery_agent_new (syncd->outbox, backend);
  syncd->cancellable = g_cancellable_new ();
  syncd->loop = g_main_loop_new (NULL, FALSE);

  sigterm_id = g_unix_signal_add (SIGTERM, on_stop_signal, syncd);
  sigint_id = g_unix_signal_add (SIGINT, on_stop_signal, syncd);
  g_message ("Delivering %s", kp_store_get_path (kp_outbox_get_store (syncd->outbox)));

  start_forms_refresh (syncd, config);
  /* Deliveries matter more than the status screen: they go on without it. */
  if (!start_status_checks (syncd, config, backend, &error))
    g_message ("Case statuses cannot be checked: %s", error->message);
  start_pass (syncd);
  g_main_loop_run (syncd->loop);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  g_clear_handle_id (&syncd->wake_id, g_source_remove);
  g_clear_pointer (&syncd->loop, g_main_loop_unref);
  g_clear_object (&syncd->cancellable);
  g_clear_object (&syncd->forms_refresher);
  g_clear_object (&syncd->status_checker);
  g_clear_object (&syncd->agent);
  g_clear_object (&syncd->outbox);
  return syncd->exit_status;
}

/* Bad options are a mistake in the unit file or the command line: say what and how. */
static int
usage_error (GOptionContext *context, const char *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  g_printerr ("kernpunt-syncd: %s\n\n%s", message, help);
  return 2;
}

int
main (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *config_path = NULL;
  gboolean once = FALSE;
  int poll_seconds = DEFAULT_POLL_SECONDS;
  KpSyncd syncd = { 0 };
  const GOptionEntry entries[] = {
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config_path,
      N_ ("Read the configuration from FILE"), N_ ("FILE") },
    { "once", 0, 0, G_OPTION_ARG_NONE, &once, N_ ("Deliver everything that is due now, then exit"),
      NULL },
    { "poll-seconds", 0, 0, G_OPTION_ARG_INT, &poll_seconds,
      N_ ("Look for new submissions every N seconds (default 5)"), N_ ("N") },
    { NULL },
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _ ("Delivers the kiosk's submissions to the case system."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc > 1)
    return usage_error (context, _ ("This program takes no arguments, only options."));
  if (poll_seconds < 1)
    return usage_error (context, _ ("--poll-seconds: expected a whole number, at least 1."));

  syncd.poll_seconds = poll_seconds;
  syncd.once = once;
  return run (&syncd, config_path);
}
