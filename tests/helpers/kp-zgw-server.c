/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-zgw-server.h"

#include "kp-test-http-server.h"

#include "kp-zgw-jwt.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#define ZAKEN_PATH      "/zaken/api/v1/"
#define CATALOGI_PATH   "/catalogi/api/v1/"
#define DOCUMENTEN_PATH "/documenten/api/v1/"
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
  char *documenten_url;
  GPtrArray *reserved_numbers;   /* zaaknummers handed out by /zaaknummer_reserveren */
  GHashTable *document_contents; /* document identificatie → its inhoud as posted (base64) */

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
  const char *members[7];
} required_members[] = {
  { "zaken",
    { "bronorganisatie", "verantwoordelijkeOrganisatie", "zaaktype", "startdatum", NULL } },
  { "rollen", { "zaak", "betrokkeneType", "roltype", "roltoelichting", NULL } },
  { "statussen", { "zaak", "statustype", "datumStatusGezet", NULL } },
  /* documenten-openapi.yaml and, for the last, Open Zaak's zaken document. */
  { "enkelvoudiginformatieobjecten",
    { "bronorganisatie", "creatiedatum", "titel", "auteur", "taal", "informatieobjecttype",
      NULL } },
  { "zaakinformatieobjecten", { "informatieobject", "zaak", NULL } },
  { "zaaknummer_reserveren", { "bronorganisatie", NULL } },
};

/* Documents, their links and reserved numbers: defined at the end of this file. */
static void add_document_types (KpZgwServer *self, const char *zaaktype_url);
static gboolean handle_document_post (KpZgwServer *self,
                                      SoupServerMessage *message,
                                      const char *resource,
                                      JsonObject *request);
static gboolean respond_bare_list (KpZgwServer *self,
                                   SoupServerMessage *message,
                                   const char *resource,
                                   GHashTable *query);
/* One object by its URL, and a zaak's link to its latest status: also at the end. */
static gboolean
respond_one_object (KpZgwServer *self, SoupServerMessage *message, const char *resource);
static void link_zaak_to_status (KpZgwServer *self, JsonObject *status);

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
  add_document_types (self, self->zaaktype_url);
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
      /* Every type here is valid today, so the day a type must be valid on changes nothing. */
      if (g_str_equal (key, "page") || g_str_equal (key, "datumGeldigheid"))
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
      /* Open Zaak's document requires this one too (EXPERIMENTEEL). */
      json_object_set_string_member (created, "laatstGemuteerd", now_text);
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
      link_zaak_to_status (self, created);
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
  if (handle_document_post (self, message, resource, request))
    return;
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
  else if (g_str_has_prefix (path, DOCUMENTEN_PATH))
    resource = path + strlen (DOCUMENTEN_PATH);
  else
    {
      respond_problem (message, SOUP_STATUS_NOT_FOUND, "Not found");
      return;
    }
  if (g_str_equal (method, "GET") && respond_bare_list (self, message, resource, query))
    return;
  if (g_str_equal (method, "GET") && respond_one_object (self, message, resource))
    return;
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
  /* Open Zaak's document (openzaak-zaken-openapi.yaml) requires it on every answer about zaken. */
  if (g_str_equal (path, ZAKEN_PATH "zaken"))
    soup_message_headers_replace (soup_server_message_get_response_headers (message), "Content-Crs",
                                  "EPSG:4326");

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
  self->documenten_url
      = g_strconcat (kp_test_http_server_get_base (self->http), DOCUMENTEN_PATH, NULL);
  self->reserved_numbers = g_ptr_array_new_with_free_func (g_free);
  self->document_contents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
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
  g_clear_pointer (&self->document_contents, g_hash_table_unref);
  g_clear_pointer (&self->reserved_numbers, g_ptr_array_unref);
  g_free (self->documenten_url);
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

/* ---- Documenten, zaakinformatieobjecten and reserved zaaknummers ---- */

static void
add_informatieobjecttype (KpZgwServer *self,
                          const char *omschrijving,
                          const char *vertrouwelijkheid)
{
  JsonObject *type = add_object (self, self->catalogi_url, "informatieobjecttypen");

  /* What catalogi-openapi.yaml requires of an InformatieObjectType. */
  json_object_set_string_member (type, "catalogus", self->catalogus_url);
  json_object_set_string_member (type, "omschrijving", omschrijving);
  json_object_set_string_member (type, "vertrouwelijkheidaanduiding", vertrouwelijkheid);
  json_object_set_string_member (type, "beginGeldigheid", "2020-01-01");
  json_object_set_null_member (type, "eindeGeldigheid");
  json_object_set_string_member (type, "informatieobjectcategorie", "melding");
  json_object_set_boolean_member (type, "concept", FALSE);
  json_object_set_array_member (type, "besluittypen", json_array_new ());
  json_object_set_string_member (type, "zaaktypen", "");
}

static void
link_informatieobjecttype (KpZgwServer *self,
                           const char *zaaktype_url,
                           const char *omschrijving,
                           gint64 volgnummer)
{
  JsonObject *link = add_object (self, self->catalogi_url, "zaaktype-informatieobjecttypen");

  json_object_set_string_member (link, "zaaktype", zaaktype_url);
  json_object_set_string_member (link, "zaaktypeIdentificatie", "MOR");
  json_object_set_string_member (link, "catalogus", self->catalogus_url);
  json_object_set_string_member (link, "informatieobjecttype", omschrijving);
  json_object_set_int_member (link, "volgnummer", volgnummer);
  json_object_set_string_member (link, "richting", "inkomend");
}

/*
 * "Melding" and "Foto" belong to the current zaaktype, linked by
 * omschrijving as in Catalogi 1.3; "Besluit" is in the catalogue but not
 * the zaaktype's, so a client that takes every type picks wrong.
 */
static void
add_document_types (KpZgwServer *self, const char *zaaktype_url)
{
  add_informatieobjecttype (self, "Besluit", "openbaar");
  add_informatieobjecttype (self, "Melding", "zaakvertrouwelijk");
  add_informatieobjecttype (self, "Foto", "vertrouwelijk");
  link_informatieobjecttype (self, zaaktype_url, "Melding", 1);
  link_informatieobjecttype (self, zaaktype_url, "Foto", 2);
}

static JsonObject *
find_by_two (KpZgwServer *self,
             const char *resource,
             const char *first,
             JsonObject *request_a,
             const char *second,
             JsonObject *request_b)
{
  GPtrArray *objects = get_objects (self, resource);

  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *object = g_ptr_array_index (objects, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (object, first, NULL),
                     json_object_get_string_member_with_default (request_a, first, NULL))
              == 0
          && g_strcmp0 (json_object_get_string_member_with_default (object, second, NULL),
                        json_object_get_string_member_with_default (request_b, second, NULL))
                 == 0)
        return object;
    }
  return NULL;
}

static void
respond_created (SoupServerMessage *message, JsonObject *created)
{
  g_autoptr (JsonNode) answer = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (answer, created);
  kp_test_http_respond_node (message, SOUP_STATUS_CREATED, answer);
}

static void
copy_members (JsonObject *to, JsonObject *from)
{
  g_autoptr (GList) members = json_object_get_members (from);

  for (GList *m = members; m != NULL; m = m->next)
    json_object_set_member (to, m->data, json_object_dup_member (from, m->data));
}

/* The inhoud must be base64 of exactly bestandsomvang bytes, as Open Zaak checks. */
static gboolean
has_whole_content (JsonObject *request)
{
  const char *inhoud = json_object_get_string_member_with_default (request, "inhoud", NULL);
  g_autofree guchar *bytes = NULL;
  gsize size = 0;

  if (inhoud == NULL || *inhoud == '\0')
    return FALSE;
  bytes = g_base64_decode (inhoud, &size);
  return size > 0
         && (!json_object_has_member (request, "bestandsomvang")
             || json_object_get_int_member (request, "bestandsomvang") == (gint64) size);
}

static void
create_document (KpZgwServer *self, SoupServerMessage *message, JsonObject *request)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_text = g_date_time_format_iso8601 (now);
  g_autofree char *download = NULL;
  JsonObject *created;

  if (find_by_two (self, "enkelvoudiginformatieobjecten", "identificatie", request,
                   "bronorganisatie", request)
          != NULL
      || find_object (self, "informatieobjecttypen",
                      json_object_get_string_member (request, "informatieobjecttype"))
             == NULL
      || !has_whole_content (request))
    {
      respond_problem (message, SOUP_STATUS_BAD_REQUEST, "identificatie, type or inhoud");
      return;
    }
  created = add_object (self, self->documenten_url, "enkelvoudiginformatieobjecten");
  copy_members (created, request);
  g_hash_table_replace (
      self->document_contents,
      g_strdup (json_object_get_string_member_with_default (request, "identificatie", "")),
      g_strdup (json_object_get_string_member (request, "inhoud")));
  /* Answered as a download link, like Open Zaak; and what SchemaEIO requires besides. */
  download = g_strconcat (json_object_get_string_member (created, "url"), "/download", NULL);
  json_object_set_string_member (created, "inhoud", download);
  json_object_set_string_member (created, "beginRegistratie", now_text);
  json_object_set_array_member (created, "bestandsdelen", json_array_new ());
  json_object_set_boolean_member (created, "locked", FALSE);
  json_object_set_int_member (created, "versie", 1);
  respond_created (message, created);
}

static void
create_link (KpZgwServer *self, SoupServerMessage *message, JsonObject *request)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_text = g_date_time_format_iso8601 (now);
  JsonObject *created;

  if (find_object (self, "zaken", json_object_get_string_member (request, "zaak")) == NULL
      || find_object (self, "enkelvoudiginformatieobjecten",
                      json_object_get_string_member (request, "informatieobject"))
             == NULL
      || find_by_two (self, "zaakinformatieobjecten", "zaak", request, "informatieobject", request)
             != NULL)
    {
      respond_problem (message, SOUP_STATUS_BAD_REQUEST, "zaak or informatieobject");
      return;
    }
  created = add_object (self, self->zaken_url, "zaakinformatieobjecten");
  copy_members (created, request);
  json_object_set_string_member (created, "aardRelatieWeergave", "Hoort bij, omgekeerd: kent");
  json_object_set_string_member (created, "registratiedatum", now_text);
  respond_created (message, created);
}

static void
reserve_number (KpZgwServer *self, SoupServerMessage *message)
{
  g_autoptr (JsonObject) answer = json_object_new ();
  char *number = g_strdup_printf ("ZAAK-2026-%010u", self->reserved_numbers->len + 1);

  g_ptr_array_add (self->reserved_numbers, number);
  json_object_set_string_member (answer, "zaaknummer", number);
  respond_created (message, answer);
}

/* The POSTs that are not plain zaak parts; FALSE for the others. */
static gboolean
handle_document_post (KpZgwServer *self,
                      SoupServerMessage *message,
                      const char *resource,
                      JsonObject *request)
{
  if (g_str_equal (resource, "enkelvoudiginformatieobjecten"))
    create_document (self, message, request);
  else if (g_str_equal (resource, "zaakinformatieobjecten"))
    create_link (self, message, request);
  else if (g_str_equal (resource, "zaaknummer_reserveren"))
    reserve_number (self, message);
  else
    return FALSE;
  return TRUE;
}

/* GET /zaakinformatieobjecten answers a bare array, without pages; FALSE for other lists. */
static gboolean
respond_bare_list (KpZgwServer *self,
                   SoupServerMessage *message,
                   const char *resource,
                   GHashTable *query)
{
  GPtrArray *objects;
  g_autoptr (JsonNode) root = NULL;
  JsonArray *results;

  if (!g_str_equal (resource, "zaakinformatieobjecten"))
    return FALSE;
  objects = get_objects (self, resource);
  results = json_array_new ();
  for (guint i = 0; i < objects->len; i++)
    {
      if (matches_query (g_ptr_array_index (objects, i), query))
        json_array_add_object_element (results, json_object_ref (g_ptr_array_index (objects, i)));
    }
  root = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (root, results);
  kp_test_http_respond_node (message, SOUP_STATUS_OK, root);
  return TRUE;
}

const char *
kp_zgw_server_get_documenten_url (KpZgwServer *self)
{
  return self->documenten_url;
}

void
kp_zgw_server_authorize (KpZgwServer *self, SoupMessage *message)
{
  const KpZgwJwtIdentity identity = { "kernpunt-test", "kernpunt-test", "Kiosk" };
  g_autofree char *token
      = kp_zgw_jwt_encode (&identity, self->secret, g_get_real_time () / G_USEC_PER_SEC);
  g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                bearer);
}

guint
kp_zgw_server_count_reserved_numbers (KpZgwServer *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->reserved_numbers->len;
  g_mutex_unlock (&self->lock);
  return n;
}

static guint
count_links_of_document (KpZgwServer *self, const char *document_url)
{
  GPtrArray *links = get_objects (self, "zaakinformatieobjecten");
  guint n = 0;

  for (guint i = 0; i < links->len; i++)
    n += g_strcmp0 (
             json_object_get_string_member (g_ptr_array_index (links, i), "informatieobject"),
             document_url)
         == 0;
  return n;
}

gboolean
kp_zgw_server_each_zaak_has_documents (KpZgwServer *self, guint n_per_zaak)
{
  GPtrArray *zaken;
  GPtrArray *documents;
  gboolean complete;

  g_mutex_lock (&self->lock);
  zaken = get_objects (self, "zaken");
  documents = get_objects (self, "enkelvoudiginformatieobjecten");
  complete = documents->len == zaken->len * n_per_zaak
             && get_objects (self, "zaakinformatieobjecten")->len == documents->len;
  for (guint i = 0; complete && i < zaken->len; i++)
    complete
        = count_pointing_at (self, "zaakinformatieobjecten",
                             json_object_get_string_member (g_ptr_array_index (zaken, i), "url"))
          == n_per_zaak;
  for (guint i = 0; complete && i < documents->len; i++)
    complete = count_links_of_document (
                   self, json_object_get_string_member (g_ptr_array_index (documents, i), "url"))
               == 1;
  g_mutex_unlock (&self->lock);
  return complete;
}

GBytes *
kp_zgw_server_dup_document_content (KpZgwServer *self, const char *identificatie)
{
  const char *inhoud;
  guchar *bytes = NULL;
  gsize size = 0;

  g_mutex_lock (&self->lock);
  inhoud = g_hash_table_lookup (self->document_contents, identificatie);
  if (inhoud != NULL)
    bytes = g_base64_decode (inhoud, &size);
  g_mutex_unlock (&self->lock);
  return bytes != NULL ? g_bytes_new_take (bytes, size) : NULL;
}

/* ---- Statuses, for the status screen ---- */

/*
 * GET …/RESOURCE/UUID: the object whose URL ends so, as its own answer.
 * FALSE for a path that is a list.
 */
static gboolean
respond_one_object (KpZgwServer *self, SoupServerMessage *message, const char *resource)
{
  const char *slash = strchr (resource, '/');
  g_autofree char *collection = NULL;
  GPtrArray *objects;

  if (slash == NULL || slash[1] == '\0')
    return FALSE;
  collection = g_strndup (resource, slash - resource);
  objects = get_objects (self, collection);
  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *object = g_ptr_array_index (objects, i);

      if (g_str_has_suffix (json_object_get_string_member (object, "url"), resource))
        {
          g_autoptr (JsonNode) root = json_node_new (JSON_NODE_OBJECT);

          json_node_set_object (root, object);
          kp_test_http_respond_node (message, SOUP_STATUS_OK, root);
          return TRUE;
        }
    }
  respond_problem (message, SOUP_STATUS_NOT_FOUND, "Not found");
  return TRUE;
}

/* As Open Zaak does: a zaak's "status" is the URL of its latest status. */
static void
link_zaak_to_status (KpZgwServer *self, JsonObject *status)
{
  JsonObject *zaak = find_object (self, "zaken", json_object_get_string_member (status, "zaak"));

  if (zaak != NULL)
    json_object_set_string_member (zaak, "status", json_object_get_string_member (status, "url"));
}

static JsonObject *
find_zaak_with (KpZgwServer *self, const char *identificatie)
{
  GPtrArray *zaken = get_objects (self, "zaken");

  for (guint i = 0; i < zaken->len; i++)
    {
      JsonObject *zaak = g_ptr_array_index (zaken, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (zaak, "identificatie", NULL),
                     identificatie)
          == 0)
        return zaak;
    }
  return NULL;
}

static JsonObject *
find_statustype (KpZgwServer *self, const char *zaaktype, const char *omschrijving)
{
  GPtrArray *types = get_objects (self, "statustypen");

  for (guint i = 0; i < types->len; i++)
    {
      JsonObject *type = g_ptr_array_index (types, i);

      if (g_str_equal (json_object_get_string_member (type, "zaaktype"), zaaktype)
          && g_str_equal (json_object_get_string_member (type, "omschrijving"), omschrijving))
        return type;
    }
  return NULL;
}

gboolean
kp_zgw_server_set_zaak_status (KpZgwServer *self,
                               const char *identificatie,
                               const char *omschrijving,
                               const char *statustekst)
{
  JsonObject *zaak;
  JsonObject *statustype = NULL;
  JsonObject *status;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_text = g_date_time_format_iso8601 (now);

  g_mutex_lock (&self->lock);
  zaak = find_zaak_with (self, identificatie);
  if (zaak != NULL)
    statustype
        = find_statustype (self, json_object_get_string_member (zaak, "zaaktype"), omschrijving);
  if (statustype != NULL)
    {
      json_object_set_string_member (statustype, "statustekst",
                                     statustekst != NULL ? statustekst : "");
      status = add_object (self, self->zaken_url, "statussen");
      json_object_set_string_member (status, "zaak", json_object_get_string_member (zaak, "url"));
      json_object_set_string_member (status, "statustype",
                                     json_object_get_string_member (statustype, "url"));
      json_object_set_string_member (status, "datumStatusGezet", now_text);
      json_object_set_boolean_member (status, "indicatieLaatstGezetteStatus", TRUE);
      set_empty_arrays (status, (const char *const[]){ "zaakinformatieobjecten", NULL });
      link_zaak_to_status (self, status);
    }
  g_mutex_unlock (&self->lock);
  return statustype != NULL;
}
