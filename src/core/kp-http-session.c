/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-http-session.h"

#include <glib/gi18n-lib.h>

/* (transfer full) */
static GTlsDatabase *
open_ca_file (const char *group, const char *path, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  GTlsDatabase *database = g_tls_file_database_new (path, &local_error);

  if (database == NULL)
    /* TRANSLATORS: "[zgw] ca-file: /etc/kernpunt/ca.pem: <why it cannot be used>" */
    g_set_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_INVALID_VALUE, _ ("[%s] ca-file: %s: %s"),
                 group, path, local_error->message);
  return database;
}

/* (transfer full) */
SoupSession *
kp_http_session_new (KpConfig *config, const char *group, guint timeout_seconds, GError **error)
{
  g_autoptr (SoupSession) session = NULL;
  const char *ca_file = NULL;
  const char *proxy = NULL;

  g_return_val_if_fail (config == NULL || KP_IS_CONFIG (config), NULL);
  g_return_val_if_fail (config == NULL || group != NULL, NULL);
  g_return_val_if_fail (timeout_seconds > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (config != NULL)
    {
      ca_file = kp_config_get_ca_file (config, group);
      proxy = kp_config_get_network_proxy (config);
    }
  /* No proxy resolver at all unless one is configured: libsoup's default reads the environment. */
  session = soup_session_new_with_options (
      "timeout", timeout_seconds, "idle-timeout", timeout_seconds, "user-agent",
      PACKAGE_NAME "/" PACKAGE_VERSION, "proxy-resolver", NULL, NULL);
  if (proxy != NULL)
    {
      g_autoptr (GProxyResolver) resolver = g_simple_proxy_resolver_new (proxy, NULL);

      soup_session_set_proxy_resolver (session, resolver);
    }
  if (ca_file != NULL)
    {
      g_autoptr (GTlsDatabase) database = open_ca_file (group, ca_file, error);

      if (database == NULL)
        return NULL;
      soup_session_set_tls_database (session, database);
    }
  return g_steal_pointer (&session);
}

/* (transfer full) */
char *
kp_http_session_describe_error (const GError *transport_error, guint timeout_seconds)
{
  g_return_val_if_fail (transport_error != NULL, NULL);

  if (g_error_matches (transport_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "no answer within %u second",
                                         "no answer within %u seconds", timeout_seconds),
                            timeout_seconds);
  /* Most often an internal CA missing from the ca-file: say so, and in the admin's language. */
  if (g_error_matches (transport_error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    return g_strdup_printf (_ ("the server's TLS certificate is not trusted (%s)"),
                            transport_error->message);
  return g_strdup (transport_error->message);
}
