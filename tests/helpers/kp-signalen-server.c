/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-signalen-server.h"

#include "kp-test-http-server.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#define SIGNALS_PATH "/signals/v1/public/signals"

typedef struct
{
  char *uuid;
  char *state;
  char *text_extra; /* (nullable): where the kiosk names its reference */
  guint n_attachments;
} Signal;

struct _KpSignalenServer
{
  char *token;
  char *url;

  GMutex lock;
  GPtrArray *signals; /* (element-type Signal) */
  char *last_signal;
  guint n_requests;
  KpSignalenServerBehaviour behaviour;
  guint delay_ms;
  gboolean stopping;

  KpTestHttpServer *http;
};

static void
signal_free (Signal *signal)
{
  g_free (signal->uuid);
  g_free (signal->state);
  g_free (signal->text_extra);
  g_free (signal);
}

static Signal *
find_signal (KpSignalenServer *self, const char *uuid)
{
  for (guint i = 0; i < self->signals->len; i++)
    {
      Signal *signal = g_ptr_array_index (self->signals, i);

      if (g_str_equal (signal->uuid, uuid))
        return signal;
    }
  return NULL;
}

static void
respond_signal (SoupServerMessage *message, guint status, Signal *signal)
{
  g_autofree char *json = g_strdup_printf (
      "{\"_display\":\"SIA-%u\",\"signal_id\":\"%s\",\"status\":{\"state\":\"%s\","
      "\"state_display\":\"%s\"}}",
      g_str_hash (signal->uuid) % 100000, signal->uuid, signal->state, signal->state);

  kp_test_http_respond_json (message, status, json);
}

/* A string member at @path ("location.geometrie.type"), or NULL. */
static const char *
get_path (JsonNode *root, const char *path)
{
  g_auto (GStrv) names = g_strsplit (path, ".", -1);
  JsonNode *node = root;

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (!JSON_NODE_HOLDS_OBJECT (node)
          || (node = json_object_get_member (json_node_get_object (node), names[i])) == NULL)
        return NULL;
    }
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
             ? json_node_get_string (node)
             : NULL;
}

/* What signalen-openapi.yaml requires, and what Signalen itself refuses without. */
static gboolean
is_valid_signal (JsonNode *root)
{
  static const char *const required[]
      = { "text", "incident_date_start", "location.geometrie.type", "category.sub_category" };
  JsonObject *geometrie;
  JsonArray *coordinates;

  for (gsize i = 0; i < G_N_ELEMENTS (required); i++)
    {
      if (get_path (root, required[i]) == NULL)
        return FALSE;
    }
  geometrie = json_object_get_object_member (
      json_object_get_object_member (json_node_get_object (root), "location"), "geometrie");
  coordinates = json_object_has_member (geometrie, "coordinates")
                    ? json_object_get_array_member (geometrie, "coordinates")
                    : NULL;
  return g_str_equal (get_path (root, "location.geometrie.type"), "Point") && coordinates != NULL
         && json_array_get_length (coordinates) == 2
         && g_str_has_prefix (get_path (root, "category.sub_category"), "http");
}

static void
create_signal (KpSignalenServer *self, SoupServerMessage *message)
{
  g_autoptr (JsonNode) root = NULL;
  Signal *signal;

  g_free (self->last_signal);
  root = kp_test_http_parse_body (message, &self->last_signal);
  if (root == NULL || !is_valid_signal (root))
    {
      kp_test_http_respond_json (message, SOUP_STATUS_BAD_REQUEST,
                                 "{\"detail\":\"invalid signal\"}");
      return;
    }
  signal = g_new0 (Signal, 1);
  signal->uuid = g_uuid_string_random ();
  signal->state = g_strdup ("OPEN");
  signal->text_extra = g_strdup (get_path (root, "text_extra"));
  g_ptr_array_add (self->signals, signal);
  respond_signal (message, SOUP_STATUS_CREATED, signal);
}

/* Signalen's own check: the "file" part of a multipart form, an image. */
static void
add_attachment (SoupServerMessage *message, Signal *signal)
{
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  g_autoptr (GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr (SoupMultipart) multipart
      = soup_multipart_new_from_message (soup_server_message_get_request_headers (message), bytes);
  SoupMessageHeaders *part_headers = NULL;
  GBytes *part = NULL;
  g_autoptr (GHashTable) params = NULL;
  const char *type;

  if (multipart == NULL || !soup_multipart_get_part (multipart, 0, &part_headers, &part)
      || !soup_message_headers_get_content_disposition (part_headers, NULL, &params)
      || g_strcmp0 (g_hash_table_lookup (params, "name"), "file") != 0
      || (type = soup_message_headers_get_content_type (part_headers, NULL)) == NULL
      || !(g_str_equal (type, "image/png") || g_str_equal (type, "image/jpeg")
           || g_str_equal (type, "image/gif")))
    {
      kp_test_http_respond_json (message, SOUP_STATUS_BAD_REQUEST, "{\"detail\":\"invalid file\"}");
      return;
    }
  signal->n_attachments++;
  kp_test_http_respond_json (message, SOUP_STATUS_CREATED,
                             "{\"_display\":\"Attachment\",\"is_image\":true}");
}

/* Like Signalen's router, this takes every path with or without its final "/". */
static void
route (KpSignalenServer *self, SoupServerMessage *message, const char *method, const char *path)
{
  g_autofree char *trimmed = g_strdup (path + strlen (SIGNALS_PATH));
  g_auto (GStrv) parts = NULL;
  Signal *signal;

  if (g_str_has_suffix (trimmed, "/"))
    trimmed[strlen (trimmed) - 1] = '\0';
  if (g_str_equal (method, "POST") && *trimmed == '\0')
    {
      create_signal (self, message);
      return;
    }
  /* "/UUID" or "/UUID/attachments" */
  parts = g_strsplit (trimmed, "/", -1);
  signal = g_strv_length (parts) >= 2 && *parts[0] == '\0' ? find_signal (self, parts[1]) : NULL;
  if (signal == NULL)
    kp_test_http_respond_json (message, SOUP_STATUS_NOT_FOUND, "{\"detail\":\"not found\"}");
  else if (g_str_equal (method, "POST") && g_strv_length (parts) == 3
           && g_str_equal (parts[2], "attachments"))
    add_attachment (message, signal);
  else if (g_str_equal (method, "GET") && g_strv_length (parts) == 2)
    respond_signal (message, SOUP_STATUS_OK, signal);
  else
    kp_test_http_respond_json (message, SOUP_STATUS_METHOD_NOT_ALLOWED,
                               "{\"detail\":\"not allowed\"}");
}

static gboolean
is_still_slow (gpointer data)
{
  KpSignalenServer *self = data;
  gboolean still_slow;

  g_mutex_lock (&self->lock);
  still_slow = !self->stopping
               && (self->behaviour == KP_SIGNALEN_SERVER_SLOW
                   || self->behaviour == KP_SIGNALEN_SERVER_LATE);
  g_mutex_unlock (&self->lock);
  return still_slow;
}

static gboolean
token_is_valid (KpSignalenServer *self, SoupServerMessage *message)
{
  return self->token == NULL
         || kp_test_http_header_is (message, "Authorization", "Bearer ", self->token);
}

static void
handle_request (SoupServer *server,
                SoupServerMessage *message,
                const char *path,
                GHashTable *query,
                gpointer user_data)
{
  KpSignalenServer *self = user_data;
  const char *method = soup_server_message_get_method (message);
  KpSignalenServerBehaviour behaviour;

  g_mutex_lock (&self->lock);
  self->n_requests++;
  behaviour = self->behaviour;
  g_mutex_unlock (&self->lock);
  if (behaviour == KP_SIGNALEN_SERVER_SLOW || behaviour == KP_SIGNALEN_SERVER_LATE)
    kp_test_http_sleep_while_slow (self->delay_ms, is_still_slow, self);

  g_mutex_lock (&self->lock);
  if (behaviour == KP_SIGNALEN_SERVER_TOKEN_REJECTED || !token_is_valid (self, message))
    kp_test_http_respond_json (message, SOUP_STATUS_UNAUTHORIZED, "{\"detail\":\"token\"}");
  else if (!g_str_has_prefix (path, SIGNALS_PATH))
    kp_test_http_respond_json (message, SOUP_STATUS_NOT_FOUND, "{\"detail\":\"not found\"}");
  else if (behaviour == KP_SIGNALEN_SERVER_SLOW)
    kp_test_http_respond_json (message, SOUP_STATUS_GATEWAY_TIMEOUT,
                               "{\"detail\":\"gateway timeout\"}");
  else if (behaviour == KP_SIGNALEN_SERVER_FAILING
           || (behaviour == KP_SIGNALEN_SERVER_FAIL_AFTER_SIGNAL && strstr (path, "/attachments")))
    kp_test_http_respond_json (message, SOUP_STATUS_INTERNAL_SERVER_ERROR,
                               "{\"detail\":\"server error\"}");
  else if (behaviour == KP_SIGNALEN_SERVER_MALFORMED)
    kp_test_http_respond_json (message, SOUP_STATUS_CREATED, "{\"signal_id\": ");
  else
    route (self, message, method, path);
  g_mutex_unlock (&self->lock);
}

KpSignalenServer *
kp_signalen_server_new (const char *token)
{
  return kp_signalen_server_new_tls (token, NULL);
}

KpSignalenServer *
kp_signalen_server_new_tls (const char *token, GTlsCertificate *certificate)
{
  KpSignalenServer *self = g_new0 (KpSignalenServer, 1);

  self->token = g_strdup (token);
  g_mutex_init (&self->lock);
  self->signals = g_ptr_array_new_with_free_func ((GDestroyNotify) signal_free);
  self->http = kp_test_http_server_start_tls (handle_request, self, certificate);
  self->url = g_strconcat (kp_test_http_server_get_base (self->http), "/", NULL);
  return self;
}

void
kp_signalen_server_free (KpSignalenServer *self)
{
  if (self == NULL)
    return;

  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_mutex_unlock (&self->lock);
  kp_test_http_server_stop (self->http);
  g_ptr_array_unref (self->signals);
  g_mutex_clear (&self->lock);
  g_free (self->last_signal);
  g_free (self->url);
  g_free (self->token);
  g_free (self);
}

const char *
kp_signalen_server_get_url (KpSignalenServer *self)
{
  return self->url;
}

void
kp_signalen_server_set_behaviour (KpSignalenServer *self,
                                  KpSignalenServerBehaviour behaviour,
                                  guint delay_ms)
{
  g_mutex_lock (&self->lock);
  self->behaviour = behaviour;
  self->delay_ms = delay_ms;
  g_mutex_unlock (&self->lock);
}

guint
kp_signalen_server_count_requests (KpSignalenServer *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->n_requests;
  g_mutex_unlock (&self->lock);
  return n;
}

guint
kp_signalen_server_count_signals (KpSignalenServer *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->signals->len;
  g_mutex_unlock (&self->lock);
  return n;
}

guint
kp_signalen_server_count_attachments (KpSignalenServer *self, const char *uuid)
{
  Signal *signal;
  guint n;

  g_mutex_lock (&self->lock);
  signal = find_signal (self, uuid);
  n = signal != NULL ? signal->n_attachments : 0;
  g_mutex_unlock (&self->lock);
  return n;
}

guint
kp_signalen_server_count_signals_mentioning (KpSignalenServer *self, const char *text)
{
  guint n = 0;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->signals->len; i++)
    {
      Signal *signal = g_ptr_array_index (self->signals, i);

      n += signal->text_extra != NULL && strstr (signal->text_extra, text) != NULL;
    }
  g_mutex_unlock (&self->lock);
  return n;
}

guint
kp_signalen_server_count_all_attachments (KpSignalenServer *self)
{
  guint n = 0;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->signals->len; i++)
    n += ((Signal *) g_ptr_array_index (self->signals, i))->n_attachments;
  g_mutex_unlock (&self->lock);
  return n;
}

char *
kp_signalen_server_dup_last_signal (KpSignalenServer *self)
{
  char *body;

  g_mutex_lock (&self->lock);
  body = g_strdup (self->last_signal);
  g_mutex_unlock (&self->lock);
  return body;
}

void
kp_signalen_server_set_state (KpSignalenServer *self, const char *uuid, const char *state)
{
  Signal *signal;

  g_mutex_lock (&self->lock);
  signal = find_signal (self, uuid);
  if (signal == NULL)
    g_error ("No signal %s on the test server", uuid);
  g_free (signal->state);
  signal->state = g_strdup (state);
  g_mutex_unlock (&self->lock);
}
