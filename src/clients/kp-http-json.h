/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/*
 * Sending a request to a case system's JSON API and sorting what goes
 * wrong into KP_BACKEND_ERROR, as the delivery agent needs it: TEMPORARY
 * for network trouble, timeouts, an untrusted TLS certificate, 5xx,
 * 408, 429, 401/403 (our token or
 * configuration, never the resident's) and answers that are not JSON
 * objects; PERMANENT for the other 4xx. Cancelling gives
 * G_IO_ERROR_CANCELLED. Messages name the service, the request and the
 * HTTP status, never a token or anything the resident typed.
 */

/* What every message about one request names: "Signalen POST signals". */
typedef struct
{
  const char *service;
  const char *method;
  const char *resource;
} KpHttpRequest;

/* TRUE for an http(s) address with a host. */
gboolean kp_http_json_is_http_url (const char *url);
/* @url with a final "/". (transfer full) */
char *kp_http_json_dup_with_slash (const char *url);

/*
 * A message for @request to @url, with @body (nullable) as JSON and
 * @authorization (nullable) as its Authorization header. NULL with a
 * PERMANENT error for an address libsoup cannot use. (transfer full)
 */
SoupMessage *kp_http_json_new_message (const KpHttpRequest *request,
                                       const char *url,
                                       JsonNode *body,
                                       const char *authorization,
                                       GError **error);

/* Sends @message and returns the JSON object it answers. (transfer full) */
JsonObject *kp_http_json_send (SoupSession *session,
                               const KpHttpRequest *request,
                               SoupMessage *message,
                               GCancellable *cancellable,
                               GError **error);

/* A string member of @object that is present and not empty, or NULL. (transfer none) */
const char *kp_http_json_get_text (JsonObject *object, const char *name);

G_END_DECLS
