/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-klantinteracties-server.h"

#include "kp-test-http-server.h"

#include <json-glib/json-glib.h>
#include <string.h>

#define API_PATH "/klantinteracties/api/v1/"

struct _KpKlantinteractiesServer
{
  char *token;
  char *url;

  GMutex lock;
  GHashTable *resources;   /* resource → GPtrArray of JsonObject */
  GHashTable *last_bodies; /* resource → body text */
  guint n_requests;
  KpKlantinteractiesServerBehaviour behaviour;
  guint delay_ms;
  gboolean stopping;

  KpTestHttpServer *http;
};

/*
 * The members klantinteracties-openapi.yaml requires in a request body
 * (readOnly ones left out), as paths: "hadKlantcontact.uuid".
 */
static const struct
{
  const char *resource;
  const char *members[5];
} required_members[] = {
  { "klantcontacten", { "kanaal", "onderwerp", "taal", "vertrouwelijk", NULL } },
  { "betrokkenen", { "hadKlantcontact.uuid", "initiator", "rol", NULL } },
  { "digitaleadressen", { "adres", "soortDigitaalAdres", NULL } },
  { "internetaken", { "aanleidinggevendKlantcontact.uuid", "gevraagdeHandeling", "status", NULL } },
};

/*
 * What Open Klant adds to a new object before it answers, so the answers
 * have the shape the document gives them: a url beside each reference's
 * uuid, and the readOnly members it requires.
 */
static const struct
{
  const char *member;
  const char *resource;
} reference_members[] = {
  { "hadKlantcontact", "klantcontacten" },
  { "aanleidinggevendKlantcontact", "klantcontacten" },
  { "verstrektDoorBetrokkene", "betrokkenen" },
  { "verstrektDoorPartij", "partijen" },
  { "wasPartij", "partijen" },
  { "toegewezenAanActor", "actoren" },
};
static const char *const klantcontact_lists[] = {
  "gingOverOnderwerpobjecten", "hadBetrokkenActoren",
  "omvatteBijlagen",           "hadBetrokkenen",
  "leiddeTotInterneTaken",     NULL,
};

static void
add_reference_url (KpKlantinteractiesServer *self, JsonNode *node, const char *resource)
{
  JsonObject *reference;
  g_autofree char *url = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  reference = json_node_get_object (node);
  if (!json_object_has_member (reference, "uuid") || json_object_has_member (reference, "url"))
    return;
  url = g_strconcat (self->url, resource, "/", json_object_get_string_member (reference, "uuid"),
                     NULL);
  json_object_set_string_member (reference, "url", url);
}

static void
add_reference_urls (KpKlantinteractiesServer *self, JsonObject *created)
{
  JsonNode *actors = json_object_get_member (created, "toegewezenAanActoren");

  for (gsize i = 0; i < G_N_ELEMENTS (reference_members); i++)
    add_reference_url (self, json_object_get_member (created, reference_members[i].member),
                       reference_members[i].resource);
  for (guint i = 0; actors != NULL && JSON_NODE_HOLDS_ARRAY (actors)
                    && i < json_array_get_length (json_node_get_array (actors));
       i++)
    add_reference_url (self, json_array_get_element (json_node_get_array (actors), i), "actoren");
}

static void
complete_as_open_klant (KpKlantinteractiesServer *self, const char *resource, JsonObject *created)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_text = g_date_time_format_iso8601 (now);

  add_reference_urls (self, created);
  if (g_str_equal (resource, "klantcontacten"))
    for (guint i = 0; klantcontact_lists[i] != NULL; i++)
      json_object_set_array_member (created, klantcontact_lists[i], json_array_new ());
  if (g_str_equal (resource, "betrokkenen"))
    {
      json_object_set_array_member (created, "digitaleAdressen", json_array_new ());
      json_object_set_string_member (created, "volledigeNaam", "");
    }
  if (g_str_equal (resource, "internetaken"))
    json_object_set_string_member (created, "toegewezenOp", now_text);
}

static const char *const *
find_required (const char *resource)
{
  for (gsize i = 0; i < G_N_ELEMENTS (required_members); i++)
    {
      if (g_str_equal (required_members[i].resource, resource))
        return required_members[i].members;
    }
  return NULL;
}

static GPtrArray *
get_objects (KpKlantinteractiesServer *self, const char *resource)
{
  GPtrArray *objects = g_hash_table_lookup (self->resources, resource);

  if (objects == NULL)
    {
      objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
      g_hash_table_insert (self->resources, g_strdup (resource), objects);
    }
  return objects;
}

/* The member at @path ("hadKlantcontact.uuid", or "hadKlantcontact__uuid" as filters write it). */
static JsonNode *
get_path (JsonObject *object, const char *path)
{
  g_autofree char *dotted = g_strdup (path);
  g_auto (GStrv) names = NULL;
  JsonNode *node = NULL;
  char *underscores;

  while ((underscores = strstr (dotted, "__")) != NULL)
    {
      *underscores = '.';
      memmove (underscores + 1, underscores + 2, strlen (underscores + 2) + 1);
    }
  names = g_strsplit (dotted, ".", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (object == NULL || (node = json_object_get_member (object, names[i])) == NULL)
        return NULL;
      object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
    }
  return node;
}

static void
respond_object (SoupServerMessage *message, guint status, JsonObject *object)
{
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (root, object);
  kp_test_http_respond_node (message, status, root);
}

/* Whether the member of @object at @path is the string @value. */
static gboolean
member_is (JsonObject *object, const char *path, const char *value)
{
  JsonNode *node = get_path (object, path);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && g_strcmp0 (json_node_get_string (node), value) == 0;
}

static gboolean
matches_query (JsonObject *object, GHashTable *query)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, query);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!g_str_equal (key, "page") && !member_is (object, key, value))
        return FALSE;
    }
  return TRUE;
}

static void
respond_list (KpKlantinteractiesServer *self,
              SoupServerMessage *message,
              const char *resource,
              GHashTable *query)
{
  GPtrArray *objects = get_objects (self, resource);
  g_autoptr (JsonObject) answer = json_object_new ();
  JsonArray *results = json_array_new ();

  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *object = g_ptr_array_index (objects, i);

      if (query == NULL || matches_query (object, query))
        json_array_add_object_element (results, json_object_ref (object));
    }
  json_object_set_int_member (answer, "count", json_array_get_length (results));
  json_object_set_null_member (answer, "next");
  json_object_set_null_member (answer, "previous");
  json_object_set_array_member (answer, "results", results);
  respond_object (message, SOUP_STATUS_OK, answer);
}

static gboolean
is_valid (const char *resource, const char *const *required, JsonObject *request)
{
  g_autoptr (GRegex) phone = NULL;
  JsonNode *adres;

  for (guint i = 0; required[i] != NULL; i++)
    {
      if (get_path (request, required[i]) == NULL)
        return FALSE;
    }
  if (!g_str_equal (resource, "digitaleadressen"))
    return TRUE;
  /* digitaleadressen: the pattern Open Klant applies to telefoonnummers. */
  phone = g_regex_new ("^(0[1-9][0-9]{8}|\\+[0-9]{9,15}|00[0-9]{7,13})$", 0, 0, NULL);
  adres = get_path (request, "adres");
  return !g_str_equal (json_object_get_string_member (request, "soortDigitaalAdres"),
                       "telefoonnummer")
         || g_regex_match (phone, json_node_get_string (adres), 0, NULL);
}

static void
handle_post (KpKlantinteractiesServer *self,
             SoupServerMessage *message,
             const char *resource,
             const char *const *required)
{
  char *text = NULL;
  g_autoptr (JsonNode) root = kp_test_http_parse_body (message, &text);
  JsonObject *created;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *url = g_strconcat (self->url, resource, "/", uuid, NULL);

  g_hash_table_replace (self->last_bodies, g_strdup (resource), text);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || !is_valid (resource, required, json_node_get_object (root)))
    {
      kp_test_http_respond_json (message, SOUP_STATUS_BAD_REQUEST, "{\"title\":\"Invalid input\"}");
      return;
    }
  created = json_object_ref (json_node_get_object (root));
  json_object_set_string_member (created, "uuid", uuid);
  json_object_set_string_member (created, "url", url);
  complete_as_open_klant (self, resource, created);
  /* Open Klant numbers a klantcontact itself (its number_generator) when given none. */
  if (g_str_equal (resource, "klantcontacten") && !json_object_has_member (created, "nummer"))
    {
      g_autofree char *nummer = g_strdup_printf ("%010u", get_objects (self, resource)->len + 1);

      json_object_set_string_member (created, "nummer", nummer);
    }
  g_ptr_array_add (get_objects (self, resource), created);
  respond_object (message, SOUP_STATUS_CREATED, created);
}

static void
respond_one (KpKlantinteractiesServer *self,
             SoupServerMessage *message,
             const char *resource,
             const char *uuid)
{
  GPtrArray *objects = get_objects (self, resource);

  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *object = g_ptr_array_index (objects, i);

      if (g_str_equal (json_object_get_string_member (object, "uuid"), uuid))
        {
          respond_object (message, SOUP_STATUS_OK, object);
          return;
        }
    }
  kp_test_http_respond_json (message, SOUP_STATUS_NOT_FOUND, "{\"title\":\"Not found\"}");
}

static void
route (KpKlantinteractiesServer *self,
       SoupServerMessage *message,
       const char *method,
       const char *path,
       GHashTable *query)
{
  g_auto (GStrv) parts = g_strsplit (path + strlen (API_PATH), "/", 2);
  const char *resource = parts[0];
  const char *const *required = find_required (resource);

  if (required == NULL)
    kp_test_http_respond_json (message, SOUP_STATUS_NOT_FOUND, "{\"title\":\"Not found\"}");
  else if (g_str_equal (method, "POST") && parts[1] == NULL)
    handle_post (self, message, resource, required);
  else if (g_str_equal (method, "GET") && parts[1] == NULL)
    respond_list (self, message, resource, query);
  else if (g_str_equal (method, "GET"))
    respond_one (self, message, resource, parts[1]);
  else
    kp_test_http_respond_json (message, SOUP_STATUS_METHOD_NOT_ALLOWED,
                               "{\"title\":\"Not allowed\"}");
}

static gboolean
is_still_slow (gpointer data)
{
  KpKlantinteractiesServer *self = data;
  gboolean still_slow;

  g_mutex_lock (&self->lock);
  still_slow = !self->stopping && self->behaviour == KP_KLANTINTERACTIES_SERVER_SLOW;
  g_mutex_unlock (&self->lock);
  return still_slow;
}

static void
handle_request (SoupServer *server,
                SoupServerMessage *message,
                const char *path,
                GHashTable *query,
                gpointer user_data)
{
  KpKlantinteractiesServer *self = user_data;
  const char *method = soup_server_message_get_method (message);
  KpKlantinteractiesServerBehaviour behaviour;
  gboolean is_klantcontact_post
      = g_str_equal (method, "POST") && g_str_equal (path, API_PATH "klantcontacten");

  g_mutex_lock (&self->lock);
  self->n_requests++;
  behaviour = self->behaviour;
  g_mutex_unlock (&self->lock);
  if (behaviour == KP_KLANTINTERACTIES_SERVER_SLOW)
    kp_test_http_sleep_while_slow (self->delay_ms, is_still_slow, self);

  g_mutex_lock (&self->lock);
  if (behaviour == KP_KLANTINTERACTIES_SERVER_TOKEN_REJECTED
      || !kp_test_http_header_is (message, "Authorization", "Token ", self->token))
    kp_test_http_respond_json (message, SOUP_STATUS_UNAUTHORIZED, "{\"title\":\"Token refused\"}");
  else if (!g_str_has_prefix (path, API_PATH))
    kp_test_http_respond_json (message, SOUP_STATUS_NOT_FOUND, "{\"title\":\"Not found\"}");
  else if (behaviour == KP_KLANTINTERACTIES_SERVER_FAILING
           || (behaviour == KP_KLANTINTERACTIES_SERVER_FAIL_AFTER_KLANTCONTACT
               && g_str_equal (method, "POST") && !is_klantcontact_post))
    kp_test_http_respond_json (message, SOUP_STATUS_INTERNAL_SERVER_ERROR,
                               "{\"title\":\"Server error\"}");
  else if (behaviour == KP_KLANTINTERACTIES_SERVER_MALFORMED)
    kp_test_http_respond_json (message, SOUP_STATUS_OK, "{\"results\": [");
  else
    route (self, message, method, path, query);
  g_mutex_unlock (&self->lock);
}

KpKlantinteractiesServer *
kp_klantinteracties_server_new (const char *token)
{
  KpKlantinteractiesServer *self = g_new0 (KpKlantinteractiesServer, 1);

  self->token = g_strdup (token);
  g_mutex_init (&self->lock);
  self->resources
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  self->last_bodies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->http = kp_test_http_server_start (handle_request, self);
  self->url = g_strconcat (kp_test_http_server_get_base (self->http), API_PATH, NULL);
  return self;
}

void
kp_klantinteracties_server_free (KpKlantinteractiesServer *self)
{
  if (self == NULL)
    return;

  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_mutex_unlock (&self->lock);
  kp_test_http_server_stop (self->http);
  g_hash_table_unref (self->last_bodies);
  g_hash_table_unref (self->resources);
  g_mutex_clear (&self->lock);
  g_free (self->url);
  g_free (self->token);
  g_free (self);
}

const char *
kp_klantinteracties_server_get_url (KpKlantinteractiesServer *self)
{
  return self->url;
}

void
kp_klantinteracties_server_set_behaviour (KpKlantinteractiesServer *self,
                                          KpKlantinteractiesServerBehaviour behaviour,
                                          guint delay_ms)
{
  g_mutex_lock (&self->lock);
  self->behaviour = behaviour;
  self->delay_ms = delay_ms;
  g_mutex_unlock (&self->lock);
}

guint
kp_klantinteracties_server_count (KpKlantinteractiesServer *self, const char *resource)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = get_objects (self, resource)->len;
  g_mutex_unlock (&self->lock);
  return n;
}

guint
kp_klantinteracties_server_count_where (KpKlantinteractiesServer *self,
                                        const char *resource,
                                        const char *path,
                                        const char *value)
{
  GPtrArray *objects;
  guint n = 0;

  g_mutex_lock (&self->lock);
  objects = get_objects (self, resource);
  for (guint i = 0; i < objects->len; i++)
    n += member_is (g_ptr_array_index (objects, i), path, value);
  g_mutex_unlock (&self->lock);
  return n;
}

guint
kp_klantinteracties_server_count_requests (KpKlantinteractiesServer *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->n_requests;
  g_mutex_unlock (&self->lock);
  return n;
}

char *
kp_klantinteracties_server_dup_last_body (KpKlantinteractiesServer *self, const char *resource)
{
  char *body;

  g_mutex_lock (&self->lock);
  body = g_strdup (g_hash_table_lookup (self->last_bodies, resource));
  g_mutex_unlock (&self->lock);
  return body;
}

void
kp_klantinteracties_server_set_status (KpKlantinteractiesServer *self,
                                       const char *uuid,
                                       const char *status)
{
  GPtrArray *taken;

  g_mutex_lock (&self->lock);
  taken = get_objects (self, "internetaken");
  for (guint i = 0; i < taken->len; i++)
    {
      JsonObject *taak = g_ptr_array_index (taken, i);

      if (g_str_equal (json_object_get_string_member (taak, "uuid"), uuid))
        json_object_set_string_member (taak, "status", status);
    }
  g_mutex_unlock (&self->lock);
}
