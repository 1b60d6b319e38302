/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/*
 * A SoupServer on 127.0.0.1 and a port the system picks, running in a
 * thread of its own so a test can make blocking requests to it. The
 * stand-in servers of the case systems build on it.
 */
typedef struct _KpTestHttpServer KpTestHttpServer;

/* Starts serving every path with @callback; returns once it listens. */
KpTestHttpServer *kp_test_http_server_start (SoupServerCallback callback, gpointer user_data);
/* The same over https with @certificate (nullable: plain http). */
KpTestHttpServer *kp_test_http_server_start_tls (SoupServerCallback callback,
                                                 gpointer user_data,
                                                 GTlsCertificate *certificate);
/* Stops serving and waits for the thread. */
void kp_test_http_server_stop (KpTestHttpServer *self);
/* "http://127.0.0.1:PORT", or "https://…" (transfer none) */
const char *kp_test_http_server_get_base (KpTestHttpServer *self);

/* What the stand-in servers share in answering a request. */

/* Answers @status with @json as the body, copied. */
void kp_test_http_respond_json (SoupServerMessage *message, guint status, const char *json);
/* Answers @status with @root written out as the body. */
void kp_test_http_respond_node (SoupServerMessage *message, guint status, JsonNode *root);
/*
 * The request body as sent, in @text (transfer full), and parsed: the
 * root (transfer full), or NULL when the body is not JSON.
 */
JsonNode *kp_test_http_parse_body (SoupServerMessage *message, char **text);
/* Whether request header @name is @scheme followed by @value ("Bearer " and a token). */
gboolean kp_test_http_header_is (SoupServerMessage *message,
                                 const char *name,
                                 const char *scheme,
                                 const char *value);

/* Asked now and then while a slow server waits: whether it should still be slow. */
typedef gboolean (*KpTestStillSlowFunc) (gpointer user_data);
/*
 * Holds up the answer for @delay_ms, in short steps, until @still_slow says
 * otherwise, so stopping a server is never held up for long.
 */
void
kp_test_http_sleep_while_slow (guint delay_ms, KpTestStillSlowFunc still_slow, gpointer user_data);

G_END_DECLS
