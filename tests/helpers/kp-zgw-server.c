/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-zgw-server.h"

#include "kp-test-http-server.h"

#include "kp-zgw-jwt.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#define ZAKEN_PATH    "/zaken/api/v1/"
#define CATALOGI_PATH "/catalogi/api/v1/"
/* Open Zaak accepts tokens up to an hour old (JWT_EXPIRY). */
#define TOKEN_MAX_AGE 3600
/* The zaaktype's statustypen are numbered 1 and 2. */
#define LAST_VOLGNUMMER 2

struct _KpZgwServer
{
  char *secret;
  char *zaken_url;
  char *catalogi_url;
  char *catalogus_url;
  char *zaaktype_url;
  char *zaakobjecttype_url;

  GMutex lock;
  /* resource ("zaken", "zaaktypen", …) → GPtrArray of JsonObject */
  GHashTable *resources;
  GHashTable *last_bodies; /* resource → body text */
  KpZgwServerBehaviour behaviour;
  guint delay_ms;
  gboolean stopping;

  KpTestHttpServer *http;
};

/* The members zaken-openapi.yaml requires in a request body (readOnly ones left out). */
static const struct
{
  const char *resource;
  const char *members[5];
} required_members[] = {
  { "zaken",
    { "bronorganisatie", "verantwoordelijkeOrganisatie", "zaaktype", "startdatum", NULL } },
  { "rollen", { "zaak", "betrokkeneType", "roltype", "roltoelichting", NULL } },
  { "statussen", { "zaak", "statustype", "datumStatusGezet", NULL } },
};

static GPtrArray *
get_objects (KpZgwServer *self, const char *resource)
{
  GPtrArray *objects = g_hash_table_lookup (self->resources, resource);

  if (objects == NULL)
    {
      objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
      g_hash_table_insert (self->resources, g_strdup (resource), objects);
    }
  return objects;
}

static JsonObject *
add_object (KpZgwServer *self, const char *base, const char *resource)
{
  JsonObject *object = json_object_new ();
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *url = g_strconcat (base, resource, "/", uuid, NULL);

  json_object_set_string_member (object, "url", url);
  json_object_set_string_member (object, "uuid", uuid);
  g_ptr_array_add (get_objects (self, resource), object);
  return object;
}

static void
add_type (KpZgwServer *self,
          const char *resource,
          const char *zaaktype,
          const char *omschrijving,
          const char *generiek,
          gint64 volgnummer)
{
  JsonObject *type = add_object (self, self->catalogi_url, resource);

  json_object_set_string_member (type, "zaaktype", zaaktype);
  json_object_set_string_member (type, "zaaktypeIdentificatie", "MOR");
  json_object_set_string_member (type, "omschrijving", omschrijving);
  json_object_set_string_member (type, "omschrijvingGeneriek", generiek);
  if (volgnummer > 0)
    {
      /* The rest of what catalogi-openapi.yaml requires of a StatusType. */
      json_object_set_int_member (type, "volgnummer", volgnummer);
      json_object_set_boolean_member (type, "isEindstatus", volgnummer == LAST_VOLGNUMMER);
      json_object_set_string_member (type, "catalogus", self->catalogus_url);
      json_object_set_string_member (type, "zaakobjecttype", self->zaakobjecttype_url);
    }
}

/* Two versions of zaaktype "MOR": one ended last year, one valid since then, with their types. */
static void
add_catalogue (KpZgwServer *self)
{
  JsonObject *catalogus = add_object (self, self->catalogi_url, "catalogussen");
  JsonObject *old = NULL;
  JsonObject *current = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) last_year = g_date_time_add_years (now, -1);
  g_autofree char *year_ago = g_date_time_format (last_year, "%Y-%m-%d");

  json_object_set_string_member (catalogus, "domein", "KPNT");
  json_object_set_string_member (catalogus, "rsin", "002564440");
  self->catalogus_url = g_strdup (json_object_get_string_member (catalogus, "url"));
  self->zaakobjecttype_url = g_strconcat (self->catalogi_url, "zaakobjecttypen/none", NULL);

  old = add_object (self, self->catalogi_url, "zaaktypen");
  json_object_set_string_member (old, "beginGeldigheid", "2020-01-01");
  json_object_set_string_member (old, "eindeGeldigheid", "2020-12-31");
  current = add_object (self, self->catalogi_url, "zaaktypen");
  json_object_set_string_member (current, "beginGeldigheid", year_ago);
  json_object_set_null_member (current, "eindeGeldigheid");
  for (JsonObject **version = (JsonObject *[]){ old, current, NULL }; *version != NULL; version++)
    {
      const char *url = json_object_get_string_member (*version, "url");

      json_object_set_string_member (*version, "catalogus", self->catalogus_url);
      json_object_set_string_member (*version, "identificatie", "MOR");
      /* Out of order on purpose: the client must sort by volgnummer. */
      add_type (self, "statustypen", url, "Afgehandeld", "", LAST_VOLGNUMMER);
      add_type (self, "statustypen", url, "Ontvangen", "", 1);
      add_type (self, "roltypen", url, "Melder", "initiator", 0);
      add_type (self, "roltypen", url, "Behandelaar", "behandelaar", 0);
    }
  self->zaaktype_url = g_strdup (json_object_get_string_member (current, "url"));
}

/* As Open Zaak answers a refusal: application/problem+json with a title. */
static void
respond_problem (SoupServerMessage *message, guint status, const char *title)
{
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (JsonObject) problem = json_object_new ();

  json_object_set_string_member (problem, "title", title);
  json_object_set_int_member (problem, "status", status);
  json_node_set_object (root, problem);
  kp_test_http_respond_node (message, status, root);
}

static gboolean
matches_query (JsonObject *object, GHashTable *query)
{
  GHashTableIter iter;
  gpointer key, value;

  if (query == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, query);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_str_equal (key, "page"))
        continue;
      if (g_strcmp0 (json_object_get_string_member_with_default (object, key, NULL), value) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
respond_list (KpZgwServer *self,
              SoupServerMessage *message,
              const char *resource,
              GHashTable *query)
{
  GPtrArray *objects = get_objects (self, resource);
  g_autoptr (JsonObject) answer = json_object_new ();
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonArray *results = json_array_new ();

  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *object = g_ptr_array_index (objects, i);

      if (matches_query (object, query))
        json_array_add_object_element (results, json_object_ref (object));
    }
  json_object_set_int_member (answer, "count", json_array_get_length (results));
  json_object_set_null_member (answer, "next");
  json_object_set_null_member (answer, "previous");
  json_object_set_array_member (answer, "results", results);
  json_node_set_object (root, answer);
  kp_test_http_respond_node (message, SOUP_STATUS_OK, root);
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

static gboolean
has_zaak (KpZgwServer *self, JsonObject *zaak)
{
  GPtrArray *zaken = get_objects (self, "zaken");

  for (guint i = 0; i < zaken->len; i++)
    {
      JsonObject *other = g_ptr_array_index (zaken, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (other, "identificatie", NULL),
                     json_object_get_string_member_with_default (zaak, "identificatie", NULL))
              == 0
          && g_strcmp0 (json_object_get_string_member (other, "bronorganisatie"),
                        json_object_get_string_member (zaak, "bronorganisatie"))
                 == 0)
        return TRUE;
    }
  return FALSE;
}

static JsonObject *
find_object (KpZgwServer *self, const char *resource, const char *url)
{
  GPtrArray *objects = get_objects (self, resource);

  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *object = g_ptr_array_index (objects, i);

      if (g_strcmp0 (json_object_get_string_member (object, "url"), url) == 0)
        return object;
    }
  return NULL;
}

static void
set_empty_arrays (JsonObject *object, const char *const *members)
{
  for (gsize i = 0; members[i] != NULL; i++)
    json_object_set_array_member (object, members[i], json_array_new ());
}

/*
 * The read-only members Open Zaak adds to what was posted, as far as
 * zaken-openapi.yaml requires them in an answer: Prism checks answers too.
 */
static void
add_read_only_members (KpZgwServer *self, const char *resource, JsonObject *created)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_text = g_date_time_format_iso8601 (now);

  if (g_str_equal (resource, "zaken"))
    {
      set_empty_arrays (created,
                        (const char *const[]){ "deelzaken", "eigenschappen", "rollen",
                                               "zaakinformatieobjecten", "zaakobjecten", NULL });
      json_object_set_string_member (created, "betalingsindicatieWeergave", "");
      json_object_set_null_member (created, "einddatum");
      json_object_set_null_member (created, "resultaat");
      json_object_set_null_member (created, "status");
    }
  else if (g_str_equal (resource, "rollen"))
    {
      JsonObject *roltype
          = find_object (self, "roltypen", json_object_get_string_member (created, "roltype"));

      json_object_set_string_member (
          created, "omschrijving",
          roltype != NULL ? json_object_get_string_member (roltype, "omschrijving") : "");
      json_object_set_string_member (
          created, "omschrijvingGeneriek",
          roltype != NULL ? json_object_get_string_member (roltype, "omschrijvingGeneriek") : "");
      json_object_set_string_member (created, "registratiedatum", now_text);
      set_empty_arrays (created, (const char *const[]){ "statussen", NULL });
    }
  else if (g_str_equal (resource, "statussen"))
    {
      json_object_set_boolean_member (created, "indicatieLaatstGezetteStatus", TRUE);
      set_empty_arrays (created, (const char *const[]){ "zaakinformatieobjecten", NULL });
    }
}

static void
handle_post (KpZgwServer *self,
             SoupServerMessage *message,
             const char *resource,
             const char *const *required)
{
  char *text = NULL;
  g_autoptr (JsonNode) root = kp_test_http_parse_body (message, &text);
  JsonObject *request;
  JsonObject *created;
  g_autoptr (JsonNode) answer = json_node_new (JSON_NODE_OBJECT);
  GList *members;

  g_hash_table_replace (self->last_bodies, g_strdup (resource), text);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      respond_problem (message, SOUP_STATUS_BAD_REQUEST, "Invalid JSON");
      return;
    }
  request = json_node_get_object (root);
  for (guint i = 0; required[i] != NULL; i++)
    {
      if (json_object_get_string_member_with_default (request, required[i], NULL) == NULL)
        {
          respond_problem (message, SOUP_STATUS_BAD_REQUEST, required[i]);
          return;
        }
    }
  if (g_str_equal (resource, "zaken")
      && (soup_message_headers_get_one (soup_server_message_get_request_headers (message),
                                        "Content-Crs")
              == NULL
          || has_zaak (self, request)))
    {
      respond_problem (message, SOUP_STATUS_BAD_REQUEST, "identificatie or Content-Crs");
      return;
    }
  created = add_object (self, self->zaken_url, resource);
  members = json_object_get_members (request);
  for (GList *m = members; m != NULL; m = m->next)
    json_object_set_member (created, m->data, json_object_dup_member (request, m->data));
  g_list_free (members);
  add_read_only_members (self, resource, created);
  json_node_set_object (answer, created);
  kp_test_http_respond_node (message, SOUP_STATUS_CREATED, answer);
}

static gboolean
token_is_valid (KpZgwServer *self, SoupServerMessage *message)
{
  const char *header = soup_message_headers_get_one (
      soup_server_message_get_request_headers (message), "Authorization");
  g_autoptr (JsonObject) claims = NULL;

  if (header == NULL || !g_str_has_prefix (header, "Bearer "))
    return FALSE;
  claims = kp_zgw_jwt_verify (header + strlen ("Bearer "), self->secret,
                              g_get_real_time () / G_USEC_PER_SEC, TOKEN_MAX_AGE, NULL);
  return claims != NULL;
}

static void
route (KpZgwServer *self,
       SoupServerMessage *message,
       const char *method,
       const char *path,
       GHashTable *query)
{
  const char *resource;

  if (g_str_has_prefix (path, ZAKEN_PATH))
    resource = path + strlen (ZAKEN_PATH);
  else if (g_str_has_prefix (path, CATALOGI_PATH))
    resource = path + strlen (CATALOGI_PATH);
  else
    {
      respond_problem (message, SOUP_STATUS_NOT_FOUND, "Not found");
      return;
    }
  if (g_str_equal (method, "GET"))
    respond_list (self, message, resource, query);
  else if (g_str_equal (method, "POST") && find_required (resource) != NULL)
    handle_post (self, message, resource, find_required (resource));
  else
    respond_problem (message, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method not allowed");
}

static gboolean
is_still_slow (gpointer data)
{
  KpZgwServer *self = data;
  gboolean still_slow;

  g_mutex_lock (&self->lock);
  still_slow = !self->stopping && self->behaviour == KP_ZGW_SERVER_SLOW;
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
  KpZgwServer *self = user_data;
  const char *method = soup_server_message_get_method (message);
  KpZgwServerBehaviour behaviour;
  gboolean is_zaak_post = g_str_equal (method, "POST") && g_str_equal (path, ZAKEN_PATH "zaken");

  /*
   * One connection per request: connections the client drops while idle
   * otherwise stay half-open here (CLOSE-WAIT) until the process runs out
   * of file descriptors, some 20,000 requests into a benchmark.
   */
  soup_message_headers_replace (soup_server_message_get_response_headers (message), "Connection",
                                "close");

  g_mutex_lock (&self->lock);
  behaviour = self->behaviour;
  g_mutex_unlock (&self->lock);
  if (behaviour == KP_ZGW_SERVER_SLOW)
    kp_test_http_sleep_while_slow (self->delay_ms, is_still_slow, self);

  g_mutex_lock (&self->lock);
  if (behaviour == KP_ZGW_SERVER_TOKEN_REJECTED || !token_is_valid (self, message))
    respond_problem (message, SOUP_STATUS_FORBIDDEN, "Token refused");
  else if (behaviour == KP_ZGW_SERVER_FAILING
           || (behaviour == KP_ZGW_SERVER_FAIL_AFTER_ZAAK && !is_zaak_post
               && !g_str_has_prefix (path, CATALOGI_PATH) && !g_str_equal (method, "GET")))
    respond_problem (message, SOUP_STATUS_INTERNAL_SERVER_ERROR, "Server error");
  else if (behaviour == KP_ZGW_SERVER_MALFORMED)
    kp_test_http_respond_json (message, SOUP_STATUS_OK, "{\"results\": [");
  else
    route (self, message, method, path, query);
  g_mutex_unlock (&self->lock);
}

KpZgwServer *
kp_zgw_server_new (const char *secret)
{
  KpZgwServer *self = g_new0 (KpZgwServer, 1);

  self->secret = g_strdup (secret);
  g_mutex_init (&self->lock);
  self->resources
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  self->last_bodies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->http = kp_test_http_server_start (handle_request, self);

  g_mutex_lock (&self->lock);
  self->zaken_url = g_strconcat (kp_test_http_server_get_base (self->http), ZAKEN_PATH, NULL);
  self->catalogi_url = g_strconcat (kp_test_http_server_get_base (self->http), CATALOGI_PATH, NULL);
  add_catalogue (self);
  g_mutex_unlock (&self->lock);
  return self;
}

void
kp_zgw_server_free (KpZgwServer *self)
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
  g_free (self->zaakobjecttype_url);
  g_free (self->zaaktype_url);
  g_free (self->catalogus_url);
  g_free (self->catalogi_url);
  g_free (self->zaken_url);
  g_free (self->secret);
  g_free (self);
}

const char *
kp_zgw_server_get_zaken_url (KpZgwServer *self)
{
  return self->zaken_url;
}

const char *
kp_zgw_server_get_catalogi_url (KpZgwServer *self)
{
  return self->catalogi_url;
}

const char *
kp_zgw_server_get_catalogus_url (KpZgwServer *self)
{
  return self->catalogus_url;
}

const char *
kp_zgw_server_get_current_zaaktype_url (KpZgwServer *self)
{
  return self->zaaktype_url;
}

void
kp_zgw_server_set_behaviour (KpZgwServer *self, KpZgwServerBehaviour behaviour, guint delay_ms)
{
  g_mutex_lock (&self->lock);
  self->behaviour = behaviour;
  self->delay_ms = delay_ms;
  g_mutex_unlock (&self->lock);
}

guint
kp_zgw_server_count (KpZgwServer *self, const char *resource)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = get_objects (self, resource)->len;
  g_mutex_unlock (&self->lock);
  return n;
}

guint
kp_zgw_server_count_zaken_with (KpZgwServer *self, const char *identificatie)
{
  GPtrArray *zaken;
  guint n = 0;

  g_mutex_lock (&self->lock);
  zaken = get_objects (self, "zaken");
  for (guint i = 0; i < zaken->len; i++)
    n += g_strcmp0 (json_object_get_string_member_with_default (g_ptr_array_index (zaken, i),
                                                                "identificatie", NULL),
                    identificatie)
         == 0;
  g_mutex_unlock (&self->lock);
  return n;
}

static guint
count_pointing_at (KpZgwServer *self, const char *resource, const char *zaak_url)
{
  GPtrArray *objects = get_objects (self, resource);
  guint n = 0;

  for (guint i = 0; i < objects->len; i++)
    n += g_strcmp0 (json_object_get_string_member (g_ptr_array_index (objects, i), "zaak"),
                    zaak_url)
         == 0;
  return n;
}

gboolean
kp_zgw_server_each_zaak_complete (KpZgwServer *self)
{
  GPtrArray *zaken;
  gboolean complete;

  g_mutex_lock (&self->lock);
  zaken = get_objects (self, "zaken");
  complete = get_objects (self, "rollen")->len == zaken->len
             && get_objects (self, "statussen")->len == zaken->len;
  for (guint i = 0; complete && i < zaken->len; i++)
    {
      const char *url = json_object_get_string_member (g_ptr_array_index (zaken, i), "url");

      complete = count_pointing_at (self, "rollen", url) == 1
                 && count_pointing_at (self, "statussen", url) == 1;
    }
  g_mutex_unlock (&self->lock);
  return complete;
}

char *
kp_zgw_server_dup_last_body (KpZgwServer *self, const char *resource)
{
  char *body;

  g_mutex_lock (&self->lock);
  body = g_strdup (g_hash_table_lookup (self->last_bodies, resource));
  g_mutex_unlock (&self->lock);
  return body;
}
