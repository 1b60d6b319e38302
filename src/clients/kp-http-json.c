/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-http-json.h"

#include "kp-backend.h"
#include "kp-http-session.h"

#include <string.h>

#include <glib/gi18n-lib.h>

/* libsoup 3.2 has no name for it. */
#define HTTP_TOO_MANY_REQUESTS 429

static void
set_error (GError **error, KpBackendError code, const KpHttpRequest *request, const char *detail)
{
  /* TRANSLATORS: "Signalen POST signals: <what went wrong>" */
  g_set_error (error, KP_BACKEND_ERROR, code, _ ("%s %s %s: %s"), request->service, request->method,
               request->resource, detail);
}

/*
 * 408 and 429 ask to come back later, 401 and 403 mean our token or
 * configuration is wrong: none of these is the submission's fault, so the
 * row waits. Every other 4xx refuses the request itself.
 */
static KpBackendError
classify_status (guint status)
{
  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN
      || status == SOUP_STATUS_REQUEST_TIMEOUT || status == HTTP_TOO_MANY_REQUESTS)
    return KP_BACKEND_ERROR_TEMPORARY;
  if (status >= 400 && status < 500)
    return KP_BACKEND_ERROR_PERMANENT;
  return KP_BACKEND_ERROR_TEMPORARY;
}

static void
set_status_error (GError **error, const KpHttpRequest *request, guint status)
{
  g_autofree char *detail = NULL;

  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    {
      /* An administrator must act; the resident's submission waits safely meanwhile. */
      g_message ("%s %s %s: HTTP %u: the server refused our token; check its token-file",
                 request->service, request->method, request->resource, status);
      detail = g_strdup_printf (_ ("HTTP %u: the token was refused"), status);
    }
  else
    detail = g_strdup_printf ("HTTP %u %s", status, soup_status_get_phrase (status));
  set_error (error, classify_status (status), request, detail);
}

static void
set_transport_error (GError **error,
                     const KpHttpRequest *request,
                     GError *transport_error,
                     guint timeout)
{
  g_autofree char *detail = NULL;

  if (g_error_matches (transport_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_error_copy (transport_error));
      return;
    }
  detail = kp_http_session_describe_error (transport_error, timeout);
  set_error (error, KP_BACKEND_ERROR_TEMPORARY, request, detail);
}

gboolean
kp_http_json_is_http_url (const char *url)
{
  g_autoptr (GUri) uri = NULL;

  g_return_val_if_fail (url != NULL, FALSE);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  return uri != NULL && g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0'
         && (g_str_equal (g_uri_get_scheme (uri), "https")
             || g_str_equal (g_uri_get_scheme (uri), "http"));
}

/* (transfer full) */
char *
kp_http_json_dup_with_slash (const char *url)
{
  g_return_val_if_fail (url != NULL, NULL);

  return g_str_has_suffix (url, "/") ? g_strdup (url) : g_strconcat (url, "/", NULL);
}

/* (transfer full) */
SoupMessage *
kp_http_json_new_message (const KpHttpRequest *request,
                          const char *url,
                          JsonNode *body,
                          const char *authorization,
                          GError **error)
{
  g_autoptr (SoupMessage) message = NULL;
  SoupMessageHeaders *headers;

  g_return_val_if_fail (request != NULL && url != NULL, NULL);

  message = soup_message_new (request->method, url);
  if (message == NULL)
    {
      set_error (error, KP_BACKEND_ERROR_PERMANENT, request, _ ("not a valid address"));
      return NULL;
    }
  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (authorization != NULL)
    soup_message_headers_replace (headers, "Authorization", authorization);
  if (body != NULL)
    {
      char *text = json_to_string (body, FALSE);
      g_autoptr (GBytes) bytes = g_bytes_new_take (text, strlen (text));

      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }
  return g_steal_pointer (&message);
}

/* (transfer full) */
JsonObject *
kp_http_json_send (SoupSession *session,
                   const KpHttpRequest *request,
                   SoupMessage *message,
                   GCancellable *cancellable,
                   GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;
  guint status;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (request != NULL && SOUP_IS_MESSAGE (message), NULL);

  bytes = soup_session_send_and_read (session, message, cancellable, &local_error);
  if (bytes == NULL)
    {
      set_transport_error (error, request, local_error, soup_session_get_timeout (session));
      return NULL;
    }
  status = soup_message_get_status (message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      set_status_error (error, request, status);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   (gssize) g_bytes_get_size (bytes), NULL)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      /* Most likely a proxy's error page or a half answer: worth another try later. */
      set_error (error, KP_BACKEND_ERROR_TEMPORARY, request,
                 _ ("the answer is not what the API sends"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

/* (transfer none) */
const char *
kp_http_json_get_text (JsonObject *object, const char *name)
{
  const char *text;

  g_return_val_if_fail (name != NULL, NULL);

  if (object == NULL || !json_object_has_member (object, name)
      || !JSON_NODE_HOLDS_VALUE (json_object_get_member (object, name)))
    return NULL;
  text = json_object_get_string_member_with_default (object, name, NULL);
  return text != NULL && *text != '\0' ? text : NULL;
}
