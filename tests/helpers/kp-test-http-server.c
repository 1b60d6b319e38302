/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-test-http-server.h"
#include "kp-test-helpers.h"

#include <string.h>

/* A slow answer sleeps in steps this long. */
#define SLEEP_STEP_MS 20

struct _KpTestHttpServer
{
  SoupServerCallback callback;
  gpointer user_data;
  GTlsCertificate *certificate; /* (nullable): serve https with it */
  char *base;

  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  GMutex ready_lock;
  GCond ready_cond;
  gboolean ready;
};

static gpointer
run_server (gpointer data)
{
  KpTestHttpServer *self = data;
  SoupServer *server;
  g_autoptr (GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);
  server = soup_server_new ("tls-certificate", self->certificate, NULL);
  soup_server_add_handler (server, NULL, self->callback, self->user_data, NULL);
  soup_server_listen_local (server, 0,
                            SOUP_SERVER_LISTEN_IPV4_ONLY
                                | (self->certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0),
                            &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  self->base = g_strdup_printf ("%s://127.0.0.1:%d", self->certificate != NULL ? "https" : "http",
                                g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_mutex_lock (&self->ready_lock);
  self->ready = TRUE;
  g_cond_signal (&self->ready_cond);
  g_mutex_unlock (&self->ready_lock);

  g_main_loop_run (self->loop);
  soup_server_disconnect (server);
  g_object_unref (server);
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

KpTestHttpServer *
kp_test_http_server_start (SoupServerCallback callback, gpointer user_data)
{
  return kp_test_http_server_start_tls (callback, user_data, NULL);
}

KpTestHttpServer *
kp_test_http_server_start_tls (SoupServerCallback callback,
                               gpointer user_data,
                               GTlsCertificate *certificate)
{
  KpTestHttpServer *self = g_new0 (KpTestHttpServer, 1);

  kp_test_servers_need_whole_stacks ();

  self->callback = callback;
  self->user_data = user_data;
  self->certificate = certificate != NULL ? g_object_ref (certificate) : NULL;
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  g_mutex_init (&self->ready_lock);
  g_cond_init (&self->ready_cond);

  self->thread = g_thread_new ("test-http-server", run_server, self);
  g_mutex_lock (&self->ready_lock);
  while (!self->ready)
    g_cond_wait (&self->ready_cond, &self->ready_lock);
  g_mutex_unlock (&self->ready_lock);
  return self;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
kp_test_http_server_stop (KpTestHttpServer *self)
{
  if (self == NULL)
    return;

  g_main_context_invoke (self->context, quit_loop, self->loop);
  g_thread_join (self->thread);
  g_cond_clear (&self->ready_cond);
  g_mutex_clear (&self->ready_lock);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_clear_object (&self->certificate);
  g_free (self->base);
  g_free (self);
}

const char *
kp_test_http_server_get_base (KpTestHttpServer *self)
{
  return self->base;
}

void
kp_test_http_respond_json (SoupServerMessage *message, guint status, const char *json)
{
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, json,
                                    strlen (json));
}

void
kp_test_http_respond_node (SoupServerMessage *message, guint status, JsonNode *root)
{
  g_autofree char *text = json_to_string (root, FALSE);

  kp_test_http_respond_json (message, status, text);
}

JsonNode *
kp_test_http_parse_body (SoupServerMessage *message, char **text)
{
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  g_autoptr (JsonParser) parser = json_parser_new ();

  *text = g_strndup (body->data, (gsize) body->length);
  if (!json_parser_load_from_data (parser, body->data, body->length, NULL))
    return NULL;
  return json_parser_steal_root (parser);
}

gboolean
kp_test_http_header_is (SoupServerMessage *message,
                        const char *name,
                        const char *scheme,
                        const char *value)
{
  const char *header
      = soup_message_headers_get_one (soup_server_message_get_request_headers (message), name);
  g_autofree char *expected = g_strconcat (scheme, value, NULL);

  return g_strcmp0 (header, expected) == 0;
}

void
kp_test_http_sleep_while_slow (guint delay_ms, KpTestStillSlowFunc still_slow, gpointer user_data)
{
  for (guint slept = 0; slept < delay_ms; slept += SLEEP_STEP_MS)
    {
      if (!still_slow (user_data))
        return;
      g_usleep (SLEEP_STEP_MS * G_TIME_SPAN_MILLISECOND);
    }
}
