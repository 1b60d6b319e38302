/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-zgw-client.h"

#include "kp-backend.h"
#include "kp-config.h"
#include "kp-http-json.h"
#include "kp-http-session.h"
#include "kp-zgw-jwt.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

/* The Zaken API's limits (zaken-openapi.yaml, Zaak). */
#define OMSCHRIJVING_MAX_CHARS 80
#define TOELICHTING_MAX_CHARS  1000
/* A lookup by identificatie finds one zaak, a zaaktype a few versions: more pages are an error. */
#define MAX_PAGES 20
/* Every answer and position: WGS 84 longitude/latitude, as the kiosk knows places. */
#define CRS "EPSG:4326"
/* libsoup 3.2 has no name for it. */
#define HTTP_TOO_MANY_REQUESTS 429

struct _KpZgwClient
{
  GObject parent_instance;

  char *zaken_url;      /* ends in "/" */
  char *catalogi_url;   /* ends in "/" */
  char *documenten_url; /* (nullable) ends in "/" */
  char *client_id;
  char *secret;
  char *user_representation;
  KpZgwClock clock;
  SoupSession *session;

  /* "catalogus|identificatie|day" → KpZgwZaaktype; worker threads may share the client. */
  GHashTable *zaaktypen;
  GMutex zaaktypen_lock;
};

G_DEFINE_FINAL_TYPE (KpZgwClient, kp_zgw_client, G_TYPE_OBJECT)

static void
zgw_type_free (KpZgwType *type)
{
  g_free (type->url);
  g_free (type->omschrijving);
  g_free (type->omschrijving_generiek);
  g_free (type->vertrouwelijkheidaanduiding);
  g_free (type);
}

static void
zaaktype_free (KpZgwZaaktype *zaaktype)
{
  g_free (zaaktype->url);
  g_free (zaaktype->identificatie);
  g_clear_pointer (&zaaktype->statustypen, g_ptr_array_unref);
  g_clear_pointer (&zaaktype->roltypen, g_ptr_array_unref);
  g_clear_pointer (&zaaktype->informatieobjecttypen, g_ptr_array_unref);
  g_free (zaaktype);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KpZgwZaaktype, zaaktype_free)

static gint64
real_clock (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* ---- HTTP ---- */

/* What every message about one request names: "ZGW POST zaken". */
typedef struct
{
  const char *method;
  const char *resource;
} Request;

static void
set_error (GError **error, KpBackendError code, const Request *request, const char *detail)
{
  /* TRANSLATORS: "ZGW POST zaken: <what went wrong>" */
  g_set_error (error, KP_BACKEND_ERROR, code, _ ("ZGW %s %s: %s"), request->method,
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
set_status_error (GError **error, const Request *request, guint status)
{
  g_autofree char *detail = NULL;

  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    {
      /* An administrator must act; the resident's submission waits safely meanwhile. */
      g_message ("ZGW %s %s: HTTP %u: the server refused our token; check [zgw] client-id, "
                 "secret-file and the kiosk's clock",
                 request->method, request->resource, status);
      detail = g_strdup_printf (_ ("HTTP %u: the token was refused"), status);
    }
  else
    detail = g_strdup_printf ("HTTP %u %s", status, soup_status_get_phrase (status));
  set_error (error, classify_status (status), request, detail);
}

static void
set_transport_error (GError **error, const Request *request, GError *transport_error, guint timeout)
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

static void
set_malformed_error (GError **error, const Request *request)
{
  /* Most likely a proxy's error page or a half answer: worth another try later. */
  set_error (error, KP_BACKEND_ERROR_TEMPORARY, request,
             _ ("the answer is not what the ZGW API sends"));
}

static char *
dup_bearer (KpZgwClient *self)
{
  KpZgwJwtIdentity identity = {
    .client_id = self->client_id,
    .user_id = self->client_id,
    .user_representation = self->user_representation,
  };
  g_autofree char *token = kp_zgw_jwt_encode (&identity, self->secret, self->clock ());

  return g_strconcat ("Bearer ", token, NULL);
}

/*
 * Sends @method to @url with @body (nullable) and returns the JSON it
 * answers (transfer full), or NULL with @error set. @with_crs adds the
 * coordinate headers that the Zaken API requires on /zaken.
 */
static JsonNode *
send_request_for_node (KpZgwClient *self,
                       const Request *request,
                       const char *url,
                       JsonNode *body,
                       gboolean with_crs,
                       GCancellable *cancellable,
                       GError **error)
{
  KpHttpRequest http_request = { "ZGW", request->method, request->resource };
  g_autofree char *bearer = dup_bearer (self);
  g_autoptr (SoupMessage) message
      = kp_http_json_new_message (&http_request, url, body, bearer, error);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;
  guint status;

  if (message == NULL)
    return NULL;
  if (with_crs)
    {
      SoupMessageHeaders *headers = soup_message_get_request_headers (message);

      soup_message_headers_replace (headers, "Accept-Crs", CRS);
      soup_message_headers_replace (headers, "Content-Crs", CRS);
    }

  bytes = soup_session_send_and_read (self->session, message, cancellable, &local_error);
  if (bytes == NULL)
    {
      set_transport_error (error, request, local_error, soup_session_get_timeout (self->session));
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
      || (root = json_parser_get_root (parser)) == NULL)
    {
      set_malformed_error (error, request);
      return NULL;
    }
  return json_node_copy (root);
}

/* As send_request_for_node(), for the JSON object that nearly every answer is. (transfer full) */
static JsonObject *
send_request (KpZgwClient *self,
              const Request *request,
              const char *url,
              JsonNode *body,
              gboolean with_crs,
              GCancellable *cancellable,
              GError **error)
{
  g_autoptr (JsonNode) root
      = send_request_for_node (self, request, url, body, with_crs, cancellable, error);

  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      set_malformed_error (error, request);
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

/* "name=value" with the value escaped for a query. (transfer full) */
static char *
query_pair (const char *name, const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  return g_strconcat (name, "=", escaped, NULL);
}

/* "first=…&second=…", the two-part question that most lookups ask. (transfer full) */
static char *
query_two (const char *first_name,
           const char *first_value,
           const char *second_name,
           const char *second_value)
{
  g_autofree char *first = query_pair (first_name, first_value);
  g_autofree char *second = query_pair (second_name, second_value);

  return g_strconcat (first, "&", second, NULL);
}

/*
 * GET @base@resource?@query and every page after it: the "results" of a
 * paginated list ({count, next, previous, results}). (transfer full)
 * (element-type JsonObject)
 */
static GPtrArray *
get_list (KpZgwClient *self,
          const char *base,
          const char *resource,
          const char *query,
          gboolean with_crs,
          GCancellable *cancellable,
          GError **error)
{
  Request request = { "GET", resource };
  g_autoptr (GPtrArray) results
      = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *url = g_strconcat (base, resource, "?", query, NULL);

  for (guint page = 0; url != NULL; page++)
    {
      g_autoptr (JsonObject) answer = NULL;
      JsonArray *items;

      if (page == MAX_PAGES)
        {
          set_malformed_error (error, &request);
          return NULL;
        }
      answer = send_request (self, &request, url, NULL, with_crs, cancellable, error);
      if (answer == NULL)
        return NULL;
      items = json_object_has_member (answer, "results")
                      && JSON_NODE_HOLDS_ARRAY (json_object_get_member (answer, "results"))
                  ? json_object_get_array_member (answer, "results")
                  : NULL;
      if (items == NULL)
        {
          set_malformed_error (error, &request);
          return NULL;
        }
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonNode *item = json_array_get_element (items, i);

          if (!JSON_NODE_HOLDS_OBJECT (item))
            {
              set_malformed_error (error, &request);
              return NULL;
            }
          g_ptr_array_add (results, json_object_ref (json_node_get_object (item)));
        }
      g_free (url);
      url = g_strdup (json_object_get_string_member_with_default (answer, "next", NULL));
    }
  return g_steal_pointer (&results);
}

/* The string @member of @object, or NULL with @error set when it is missing or empty. */
static const char *
get_required_string (JsonObject *object, const char *member, const Request *request, GError **error)
{
  const char *value = kp_http_json_get_text (object, member);

  if (value == NULL)
    {
      set_malformed_error (error, request);
      return NULL;
    }
  return value;
}

/*
 * The URL in @member of @object: "url" names a created or found object,
 * which every ZGW resource has; other members link to one. (transfer full)
 */
static char *
dup_url_member (JsonObject *object, const char *member, const Request *request, GError **error)
{
  const char *url = get_required_string (object, member, request, error);

  if (url == NULL)
    return NULL;
  if (!g_str_has_prefix (url, "http"))
    {
      set_malformed_error (error, request);
      return NULL;
    }
  return g_strdup (url);
}

/* POST @body to @base and @request's resource: the object answered. (transfer full) */
static JsonObject *
post_for_answer (KpZgwClient *self,
                 const Request *request,
                 const char *base,
                 JsonBuilder *body,
                 gboolean with_crs,
                 GCancellable *cancellable,
                 GError **error)
{
  g_autofree char *url = g_strconcat (base, request->resource, NULL);
  g_autoptr (JsonNode) root = json_builder_get_root (body);

  return send_request (self, request, url, root, with_crs, cancellable, error);
}

/* POST @body to @base@resource: the new object's URL. (transfer full) */
static char *
post (KpZgwClient *self,
      const char *base,
      const char *resource,
      JsonBuilder *body,
      gboolean with_crs,
      GCancellable *cancellable,
      GError **error)
{
  Request request = { "POST", resource };
  g_autoptr (JsonObject) answer
      = post_for_answer (self, &request, base, body, with_crs, cancellable, error);

  if (answer == NULL)
    return NULL;
  return dup_url_member (answer, "url", &request, error);
}

/*
 * GET the list @base@resource?@query: the URL of its first object, NULL
 * without @error when the list is empty. (transfer full)
 */
static char *
find_first_url (KpZgwClient *self,
                const char *base,
                const char *resource,
                const char *query,
                gboolean with_crs,
                GCancellable *cancellable,
                GError **error)
{
  Request request = { "GET", resource };
  g_autoptr (GPtrArray) results
      = get_list (self, base, resource, query, with_crs, cancellable, error);

  if (results == NULL || results->len == 0)
    return NULL;
  return dup_url_member (g_ptr_array_index (results, 0), "url", &request, error);
}

/* ---- JSON ---- */

static void
add_string (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* @text cut to @max_chars characters, never in the middle of one. (transfer full) */
static char *
dup_cut (const char *text, glong max_chars)
{
  if (g_utf8_strlen (text, -1) <= max_chars)
    return g_strdup (text);
  return g_utf8_substring (text, 0, max_chars);
}

/* "2026-03-14" as a GDate; FALSE for anything else. */
static gboolean
parse_iso_date (const char *text, GDate *date)
{
  guint year, month, day;
  char end;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3
      || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

/* beginGeldigheid ≤ @day ≤ eindeGeldigheid, where an open end is valid for ever. */
static gboolean
is_valid_on (JsonObject *version, const GDate *day)
{
  GDate begin, end;
  const char *end_text
      = json_object_get_string_member_with_default (version, "eindeGeldigheid", NULL);

  if (!parse_iso_date (
          json_object_get_string_member_with_default (version, "beginGeldigheid", NULL), &begin)
      || g_date_compare (&begin, day) > 0)
    return FALSE;
  return end_text == NULL || (parse_iso_date (end_text, &end) && g_date_compare (day, &end) <= 0);
}

static KpZgwType *
zgw_type_new (JsonObject *object)
{
  KpZgwType *type = g_new0 (KpZgwType, 1);

  type->url = g_strdup (json_object_get_string_member_with_default (object, "url", NULL));
  type->omschrijving
      = g_strdup (json_object_get_string_member_with_default (object, "omschrijving", ""));
  type->omschrijving_generiek
      = g_strdup (json_object_get_string_member_with_default (object, "omschrijvingGeneriek", ""));
  type->volgnummer = json_object_get_int_member_with_default (object, "volgnummer", 0);
  type->vertrouwelijkheidaanduiding = g_strdup (
      json_object_get_string_member_with_default (object, "vertrouwelijkheidaanduiding", ""));
  return type;
}

static int
compare_volgnummer (gconstpointer a, gconstpointer b)
{
  const KpZgwType *first = *(KpZgwType *const *) a;
  const KpZgwType *second = *(KpZgwType *const *) b;

  return (first->volgnummer > second->volgnummer) - (first->volgnummer < second->volgnummer);
}

/* The statustypen or roltypen of @zaaktype_url. (transfer full) (element-type KpZgwType) */
static GPtrArray *
get_types (KpZgwClient *self,
           const char *resource,
           const char *zaaktype_url,
           GCancellable *cancellable,
           GError **error)
{
  g_autofree char *query = query_pair ("zaaktype", zaaktype_url);
  g_autoptr (GPtrArray) results
      = get_list (self, self->catalogi_url, resource, query, FALSE, cancellable, error);
  g_autoptr (GPtrArray) types = NULL;

  if (results == NULL)
    return NULL;
  types = g_ptr_array_new_with_free_func ((GDestroyNotify) zgw_type_free);
  for (guint i = 0; i < results->len; i++)
    {
      KpZgwType *type = zgw_type_new (g_ptr_array_index (results, i));

      g_ptr_array_add (types, type);
      if (type->url == NULL)
        {
          Request request = { "GET", resource };

          set_malformed_error (error, &request);
          return NULL;
        }
    }
  g_ptr_array_sort (types, compare_volgnummer);
  return g_steal_pointer (&types);
}

/* With the other document functions at the end of this file. */
static GPtrArray *get_informatieobjecttypen (KpZgwClient *self,
                                             const char *catalogus,
                                             const char *zaaktype_url,
                                             const char *day,
                                             GCancellable *cancellable,
                                             GError **error);

/* ---- GObject ---- */

static void
kp_zgw_client_finalize (GObject *object)
{
  KpZgwClient *self = KP_ZGW_CLIENT (object);

  g_clear_pointer (&self->zaaktypen, g_hash_table_unref);
  g_mutex_clear (&self->zaaktypen_lock);
  g_clear_object (&self->session);
  g_free (self->user_representation);
  /* The secret opens the municipality's case system: leave no copy in freed memory. */
  if (self->secret != NULL)
    memset (self->secret, 0, strlen (self->secret));
  g_clear_pointer (&self->secret, g_free);
  g_free (self->client_id);
  g_free (self->documenten_url);
  g_free (self->catalogi_url);
  g_free (self->zaken_url);

  G_OBJECT_CLASS (kp_zgw_client_parent_class)->finalize (object);
}

static void
kp_zgw_client_class_init (KpZgwClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kp_zgw_client_finalize;
}

static void
kp_zgw_client_init (KpZgwClient *self)
{
  g_mutex_init (&self->zaaktypen_lock);
  self->zaaktypen
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) zaaktype_free);
  self->clock = real_clock;
}

/* ---- Public ---- */

const KpZgwType *
kp_zgw_zaaktype_get_initial_statustype (const KpZgwZaaktype *zaaktype)
{
  g_return_val_if_fail (zaaktype != NULL, NULL);

  return zaaktype->statustypen->len > 0 ? g_ptr_array_index (zaaktype->statustypen, 0) : NULL;
}

const KpZgwType *
kp_zgw_zaaktype_find_roltype (const KpZgwZaaktype *zaaktype, const char *omschrijving_generiek)
{
  g_return_val_if_fail (zaaktype != NULL && omschrijving_generiek != NULL, NULL);

  for (guint i = 0; i < zaaktype->roltypen->len; i++)
    {
      const KpZgwType *type = g_ptr_array_index (zaaktype->roltypen, i);

      if (g_str_equal (type->omschrijving_generiek, omschrijving_generiek))
        return type;
    }
  return NULL;
}

/* (transfer full) */
KpZgwClient *
kp_zgw_client_new (const char *zaken_url,
                   const char *catalogi_url,
                   const char *client_id,
                   const char *secret,
                   const char *user_representation,
                   guint timeout_seconds,
                   GError **error)
{
  g_autoptr (KpZgwClient) self = NULL;

  g_return_val_if_fail (zaken_url != NULL && catalogi_url != NULL, NULL);
  g_return_val_if_fail (client_id != NULL && secret != NULL && user_representation != NULL, NULL);
  g_return_val_if_fail (timeout_seconds > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!kp_http_json_is_http_url (zaken_url) || !kp_http_json_is_http_url (catalogi_url))
    {
      g_set_error (error, KP_BACKEND_ERROR, KP_BACKEND_ERROR_PERMANENT,
                   _ ("“%s” is not an http or https address"),
                   kp_http_json_is_http_url (zaken_url) ? catalogi_url : zaken_url);
      return NULL;
    }

  self = g_object_new (KP_TYPE_ZGW_CLIENT, NULL);
  self->zaken_url = kp_http_json_dup_with_slash (zaken_url);
  self->catalogi_url = kp_http_json_dup_with_slash (catalogi_url);
  self->client_id = g_strdup (client_id);
  self->secret = g_strdup (secret);
  self->user_representation = g_strdup (user_representation);
  /* Set up here, before any worker thread sends on it, as libsoup requires. */
  self->session = kp_http_session_new (NULL, NULL, timeout_seconds, NULL);
  return g_steal_pointer (&self);
}

void
kp_zgw_client_set_session (KpZgwClient *self, SoupSession *session)
{
  g_return_if_fail (KP_IS_ZGW_CLIENT (self));
  g_return_if_fail (SOUP_IS_SESSION (session));

  g_set_object (&self->session, session);
}

void
kp_zgw_client_set_clock (KpZgwClient *self, KpZgwClock clock)
{
  g_return_if_fail (KP_IS_ZGW_CLIENT (self));
  g_return_if_fail (clock != NULL);

  self->clock = clock;
}

/* (transfer full) */
char *
kp_zgw_client_find_catalogus (KpZgwClient *self,
                              const char *domein,
                              const char *rsin,
                              GCancellable *cancellable,
                              GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *query = NULL;
  g_autofree char *url = NULL;

  g_return_val_if_fail (KP_IS_ZGW_CLIENT (self), NULL);
  g_return_val_if_fail (domein != NULL && rsin != NULL, NULL);

  query = query_two ("domein", domein, "rsin", rsin);
  url = find_first_url (self, self->catalogi_url, "catalogussen", query, FALSE, cancellable,
                        &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (url == NULL)
    {
      Request request = { "GET", "catalogussen" };

      set_error (error, KP_BACKEND_ERROR_TEMPORARY, &request,
                 _ ("no catalogue with this domain and RSIN; check [zgw] catalogus"));
    }
  return g_steal_pointer (&url);
}

/* The version of the zaaktype valid on @day, without its types yet. */
static KpZgwZaaktype *
fetch_zaaktype (KpZgwClient *self,
                const char *catalogus,
                const char *identificatie,
                const GDate *day,
                GCancellable *cancellable,
                GError **error)
{
  g_autofree char *query = query_two ("catalogus", catalogus, "identificatie", identificatie);
  g_autoptr (GPtrArray) versions
      = get_list (self, self->catalogi_url, "zaaktypen", query, FALSE, cancellable, error);
  Request request = { "GET", "zaaktypen" };
  KpZgwZaaktype *zaaktype;

  if (versions == NULL)
    return NULL;
  for (guint i = 0; i < versions->len; i++)
    {
      JsonObject *version = g_ptr_array_index (versions, i);
      const char *url = json_object_get_string_member_with_default (version, "url", NULL);

      if (url == NULL || !is_valid_on (version, day))
        continue;
      zaaktype = g_new0 (KpZgwZaaktype, 1);
      zaaktype->url = g_strdup (url);
      zaaktype->identificatie = g_strdup (identificatie);
      return zaaktype;
    }
  /* A configuration problem, not the submission's: it waits until it is fixed. */
  set_error (error, KP_BACKEND_ERROR_TEMPORARY, &request,
             _ ("no version of this zaaktype is valid today; check the zaaktype setting"));
  return NULL;
}

/* (transfer none) */
const KpZgwZaaktype *
kp_zgw_client_resolve_zaaktype (KpZgwClient *self,
                                const char *catalogus,
                                const char *identificatie,
                                GDate *day,
                                GCancellable *cancellable,
                                GError **error)
{
  char day_text[16];
  g_autofree char *key = NULL;
  g_autoptr (KpZgwZaaktype) zaaktype = NULL;
  const KpZgwZaaktype *cached;

  g_return_val_if_fail (KP_IS_ZGW_CLIENT (self), NULL);
  g_return_val_if_fail (catalogus != NULL && identificatie != NULL, NULL);
  g_return_val_if_fail (day != NULL && g_date_valid (day), NULL);

  g_date_strftime (day_text, sizeof day_text, "%Y-%m-%d", day);
  key = g_strjoin ("|", catalogus, identificatie, day_text, NULL);
  g_mutex_lock (&self->zaaktypen_lock);
  cached = g_hash_table_lookup (self->zaaktypen, key);
  g_mutex_unlock (&self->zaaktypen_lock);
  if (cached != NULL)
    return cached;

  zaaktype = fetch_zaaktype (self, catalogus, identificatie, day, cancellable, error);
  if (zaaktype == NULL)
    return NULL;
  zaaktype->statustypen = get_types (self, "statustypen", zaaktype->url, cancellable, error);
  if (zaaktype->statustypen == NULL)
    return NULL;
  zaaktype->roltypen = get_types (self, "roltypen", zaaktype->url, cancellable, error);
  if (zaaktype->roltypen == NULL)
    return NULL;
  zaaktype->informatieobjecttypen
      = get_informatieobjecttypen (self, catalogus, zaaktype->url, day_text, cancellable, error);
  if (zaaktype->informatieobjecttypen == NULL)
    return NULL;

  g_mutex_lock (&self->zaaktypen_lock);
  cached = zaaktype;
  g_hash_table_replace (self->zaaktypen, g_steal_pointer (&key), g_steal_pointer (&zaaktype));
  g_mutex_unlock (&self->zaaktypen_lock);
  return cached;
}

/* (transfer full) */
char *
kp_zgw_client_find_zaak (KpZgwClient *self,
                         const char *identificatie,
                         const char *bronorganisatie,
                         GCancellable *cancellable,
                         GError **error)
{
  g_autofree char *query = NULL;

  g_return_val_if_fail (KP_IS_ZGW_CLIENT (self), NULL);
  g_return_val_if_fail (identificatie != NULL && bronorganisatie != NULL, NULL);

  query = query_two ("identificatie", identificatie, "bronorganisatie", bronorganisatie);
  return find_first_url (self, self->zaken_url, "zaken", query, TRUE, cancellable, error);
}

static void
add_point (JsonBuilder *builder, double longitude, double latitude)
{
  json_builder_set_member_name (builder, "zaakgeometrie");
  json_builder_begin_object (builder);
  add_string (builder, "type", "Point");
  json_builder_set_member_name (builder, "coordinates");
  /* GeoJSON puts longitude first. */
  json_builder_begin_array (builder);
  json_builder_add_double_value (builder, longitude);
  json_builder_add_double_value (builder, latitude);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_kenmerk (JsonBuilder *builder, const char *kenmerk, const char *bron)
{
  json_builder_set_member_name (builder, "kenmerken");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  add_string (builder, "kenmerk", kenmerk);
  add_string (builder, "bron", bron);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
}

/* (transfer full) */
char *
kp_zgw_client_create_zaak (KpZgwClient *self,
                           const KpZgwNewZaak *zaak,
                           GCancellable *cancellable,
                           GError **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *omschrijving = NULL;

  g_return_val_if_fail (KP_IS_ZGW_CLIENT (self), NULL);
  g_return_val_if_fail (zaak != NULL && zaak->identificatie != NULL && zaak->zaaktype != NULL,
                        NULL);
  g_return_val_if_fail (zaak->startdatum != NULL && zaak->omschrijving != NULL, NULL);

  if (zaak->bronorganisatie == NULL || !kp_config_is_valid_rsin (zaak->bronorganisatie))
    {
      Request request = { "POST", "zaken" };

      /* Every zaak would be refused the same way: wait for the configuration to be fixed. */
      set_error (error, KP_BACKEND_ERROR_TEMPORARY, &request,
                 _ ("the RSIN fails the eleven test; check [zgw] rsin"));
      return NULL;
    }

  omschrijving = dup_cut (zaak->omschrijving, OMSCHRIJVING_MAX_CHARS);
  json_builder_begin_object (builder);
  add_string (builder, "identificatie", zaak->identificatie);
  add_string (builder, "bronorganisatie", zaak->bronorganisatie);
  add_string (builder, "verantwoordelijkeOrganisatie", zaak->bronorganisatie);
  add_string (builder, "zaaktype", zaak->zaaktype);
  add_string (builder, "startdatum", zaak->startdatum);
  add_string (builder, "omschrijving", omschrijving);
  if (zaak->toelichting != NULL)
    {
      g_autofree char *toelichting = dup_cut (zaak->toelichting, TOELICHTING_MAX_CHARS);

      add_string (builder, "toelichting", toelichting);
    }
  if (zaak->has_point)
    add_point (builder, zaak->longitude, zaak->latitude);
  if (zaak->kenmerk != NULL)
    add_kenmerk (builder, zaak->kenmerk, zaak->kenmerk_bron);
  json_builder_end_object (builder);
  return post (self, self->zaken_url, "zaken", builder, TRUE, cancellable, error);
}

/* GET @resource?zaak=…&@type_name=…: the URL of the first, or NULL. (transfer full) */
static char *
find_by_zaak (KpZgwClient *self,
              const char *resource,
              const char *zaak,
              const char *type_name,
              const char *type_url,
              GCancellable *cancellable,
              GError **error)
{
  g_autofree char *query = query_two ("zaak", zaak, type_name, type_url);

  return find_first_url (self, self->zaken_url, resource, query, FALSE, cancellable, error);
}

/* (transfer full) */
char *
kp_zgw_client_find_rol (KpZgwClient *self,
                        const char *zaak,
                        const char *roltype,
                        GCancellable *cancellable,
                        GError **error)
{
  g_return_val_if_fail (KP_IS_ZGW_CLIENT (self), NULL);
  g_return_val_if_fail (zaak != NULL && roltype != NULL, NULL);

  return find_by_zaak (self, "rollen", zaak, "roltype", roltype, cancellable, error);
}

static void
add_optional_string (JsonBuilder *builder, const char *name, const char *value)
{
  if (value != NULL)
    add_string (builder, name, value);
}

/*
 * The resident's contact as contactpersoonRol, whose "naam" the API
 * requires: when they gave no name, the contact details stand in for it.
 */
static void
add_contact (JsonBuilder *builder, const KpZgwContact *contact)
{
  const char *naam = contact->name != NULL    ? contact->name
                     : contact->email != NULL ? contact->email
                                              : contact->phone;

  if (naam == NULL)
    return;
  json_builder_set_member_name (builder, "contactpersoonRol");
  json_builder_begin_object (builder);
  add_string (builder, "naam", naam);
  add_optional_string (builder, "emailadres", contact->email);
  add_optional_string (builder, "telefoonnummer", contact->phone);
  json_builder_end_object (builder);
}

/* (transfer full) */
char *
kp_zgw_client_create_rol (KpZgwClient *self,
                          const char *zaak,
                          const char *roltype,
                          const char *roltoelichting,
                          const KpZgwContact *contact,
                          GCancellable *cancellable,
                          GError **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (KP_IS_ZGW_CLIENT (self), NULL);
  g_return_val_if_fail (zaak != NULL && roltype != NULL && roltoelichting != NULL, NULL);
  g_return_val_if_fail (contact != NULL, NULL);

  json_builder_begin_object (builder);
  add_string (builder, "zaak", zaak);
  add_string (builder, "betrokkeneType", "natuurlijk_persoon");
  add_string (builder, "roltype", roltype);
  add_string (builder, "roltoelichting", roltoelichting);
  add_contact (builder, contact);
  json_builder_end_object (builder);
  return post (self, self->zaken_url, "rollen", builder, FALSE, cancellable, error);
}

/* (transfer full) */
char *
kp_zgw_client_find_status (KpZgwClient *self,
                           const char *zaak,
                           const char *statustype,
                           GCancellable *cancellable,
                           GError **error)
{
  g_return_val_if_fail (KP_IS_ZGW_CLIENT (self), NULL);
  g_return_val_if_fail (zaak != NULL && statustype != NULL, NULL);

  return find_by_zaak (self, "statussen", zaak, "statustype", statustype, cancellable, error);
}

/* (transfer full) */
char *
kp_zgw_client_create_status (KpZgwClient *self,
                             const char *zaak,
                             const char *statustype,
                             GDateTime *set_at,
                             GCancellable *cancellable,
                             GError **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (GDateTime) utc = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (KP_IS_ZGW_CLIENT (self), NULL);
  g_return_val_if_fail (zaak != NULL && statustype != NULL && set_at != NULL, NULL);

  utc = g_date_time_to_utc (set_at);
  when = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  json_builder_begin_object (builder);
  add_string (builder, "zaak", zaak);
  add_string (builder, "statustype", statustype);
  add_string (builder, "datumStatusGezet", when);
  json_builder_end_object (builder);
  return post (self, self->zaken_url, "statussen", builder, FALSE, cancellable, error);
}

/* ---- Documents, their links to a zaak, and reserved numbers ---- */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KpZgwType, zgw_type_free)

/*
 * The omschrijvingen of the informatieobjecttypen that @zaaktype_url
 * allows: Catalogi 1.3 links them by omschrijving, not by URL.
 * (transfer full) (element-type utf8)
 */
static GHashTable *
get_allowed_omschrijvingen (KpZgwClient *self,
                            const char *zaaktype_url,
                            GCancellable *cancellable,
                            GError **error)
{
  g_autofree char *query = query_pair ("zaaktype", zaaktype_url);
  g_autoptr (GPtrArray) links = get_list (
      self, self->catalogi_url, "zaaktype-informatieobjecttypen", query, FALSE, cancellable, error);
  GHashTable *allowed;

  if (links == NULL)
    return NULL;
  allowed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < links->len; i++)
    {
      const char *omschrijving = json_object_get_string_member_with_default (
          g_ptr_array_index (links, i), "informatieobjecttype", NULL);

      if (omschrijving != NULL)
        g_hash_table_add (allowed, g_strdup (omschrijving));
    }
  return allowed;
}

/*
 * The informatieobjecttypen of @catalogus valid on @day (as "2026-03-14")
 * that @zaaktype_url allows. (transfer full) (element-type KpZgwType)
 */
static GPtrArray *
get_informatieobjecttypen (KpZgwClient *self,
                           const char *catalogus,
                           const char *zaaktype_url,
                           const char *day,
                           GCancellable *cancellable,
                           GError **error)
{
  g_autoptr (GHashTable) allowed
      = get_allowed_omschrijvingen (self, zaaktype_url, cancellable, error);
  g_autoptr (GPtrArray) types = NULL;
  g_autoptr (GPtrArray) results = NULL;
  g_autofree char *query = NULL;

  if (allowed == NULL)
    return NULL;
  types = g_ptr_array_new_with_free_func ((GDestroyNotify) zgw_type_free);
  /* A zaaktype without documents needs no second question. */
  if (g_hash_table_size (allowed) == 0)
    return g_steal_pointer (&types);

  query = query_two ("catalogus", catalogus, "datumGeldigheid", day);
  results = get_list (self, self->catalogi_url, "informatieobjecttypen", query, FALSE, cancellable,
                      error);
  if (results == NULL)
    return NULL;
  for (guint i = 0; i < results->len; i++)
    {
      g_autoptr (KpZgwType) type = zgw_type_new (g_ptr_array_index (results, i));

      if (type->url != NULL && g_hash_table_contains (allowed, type->omschrijving))
        g_ptr_array_add (types, g_steal_pointer (&type));
    }
  return g_steal_pointer (&types);
}

const KpZgwType *
kp_zgw_zaaktype_find_informatieobjecttype (const KpZgwZaaktype *zaaktype, const char *omschrijving)
{
  g_return_val_if_fail (zaaktype != NULL && omschrijving != NULL, NULL);

  for (guint i = 0; i < zaaktype->informatieobjecttypen->len; i++)
    {
      const KpZgwType *type = g_ptr_array_index (zaaktype->informatieobjecttypen, i);

      if (g_str_equal (type->omschrijving, omschrijving))
        return type;
    }
  return NULL;
}

gboolean
kp_zgw_client_set_documenten_url (KpZgwClient *self, const char *url, GError **error)
{
  g_return_val_if_fail (KP_IS_ZGW_CLIENT (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  if (!kp_http_json_is_http_url (url))
    {
      g_set_error (error, KP_BACKEND_ERROR, KP_BACKEND_ERROR_PERMANENT,
                   _ ("“%s” is not an http or https address"), url);
      return FALSE;
    }
  g_free (self->documenten_url);
  self->documenten_url = kp_http_json_dup_with_slash (url);
  return TRUE;
}

gboolean
kp_zgw_client_has_documenten (KpZgwClient *self)
{
  g_return_val_if_fail (KP_IS_ZGW_CLIENT (self), FALSE);

  return self->documenten_url != NULL;
}

/* (transfer full) */
char *
kp_zgw_client_find_document (KpZgwClient *self,
                             const char *identificatie,
                             const char *bronorganisatie,
                             GCancellable *cancellable,
                             GError **error)
{
  g_autofree char *query = NULL;

  g_return_val_if_fail (KP_IS_ZGW_CLIENT (self), NULL);
  g_return_val_if_fail (self->documenten_url != NULL, NULL);
  g_return_val_if_fail (identificatie != NULL && bronorganisatie != NULL, NULL);

  query = query_two ("identificatie", identificatie, "bronorganisatie", bronorganisatie);
  return find_first_url (self, self->documenten_url, "enkelvoudiginformatieobjecten", query, FALSE,
                         cancellable, error);
}

/* (transfer full) */
char *
kp_zgw_client_create_document (KpZgwClient *self,
                               const KpZgwNewDocument *document,
                               GCancellable *cancellable,
                               GError **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *titel = NULL;
  g_autofree char *inhoud = NULL;
  gsize size;
  const guchar *bytes;

  g_return_val_if_fail (KP_IS_ZGW_CLIENT (self), NULL);
  g_return_val_if_fail (self->documenten_url != NULL, NULL);
  g_return_val_if_fail (document != NULL && document->identificatie != NULL, NULL);
  g_return_val_if_fail (document->informatieobjecttype != NULL && document->inhoud != NULL, NULL);

  bytes = g_bytes_get_data (document->inhoud, &size);
  inhoud = g_base64_encode (bytes, size);
  titel = dup_cut (document->titel, 200);
  json_builder_begin_object (builder);
  add_string (builder, "identificatie", document->identificatie);
  add_string (builder, "bronorganisatie", document->bronorganisatie);
  add_string (builder, "creatiedatum", document->creatiedatum);
  add_string (builder, "titel", titel);
  add_string (builder, "auteur", document->auteur);
  add_string (builder, "taal", "dut");
  add_string (builder, "formaat", document->formaat);
  add_string (builder, "bestandsnaam", document->bestandsnaam);
  add_optional_string (builder, "vertrouwelijkheidaanduiding",
                       document->vertrouwelijkheidaanduiding);
  add_string (builder, "informatieobjecttype", document->informatieobjecttype);
  add_string (builder, "inhoud", inhoud);
  json_builder_set_member_name (builder, "bestandsomvang");
  json_builder_add_int_value (builder, (gint64) size);
  json_builder_end_object (builder);
  return post (self, self->documenten_url, "enkelvoudiginformatieobjecten", builder, FALSE,
               cancellable, error);
}

/* (transfer full) */
char *
kp_zgw_client_find_zaakinformatieobject (KpZgwClient *self,
                                         const char *zaak,
                                         const char *document,
                                         GCancellable *cancellable,
                                         GError **error)
{
  Request request = { "GET", "zaakinformatieobjecten" };
  g_autofree char *query = NULL;
  g_autofree char *url = NULL;
  g_autoptr (JsonNode) answer = NULL;
  JsonArray *links;

  g_return_val_if_fail (KP_IS_ZGW_CLIENT (self), NULL);
  g_return_val_if_fail (zaak != NULL && document != NULL, NULL);

  query = query_two ("zaak", zaak, "informatieobject", document);
  url = g_strconcat (self->zaken_url, "zaakinformatieobjecten?", query, NULL);
  /* Unlike the other lists, this one is a bare array, without pages. */
  answer = send_request_for_node (self, &request, url, NULL, FALSE, cancellable, error);
  if (answer == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (answer))
    {
      set_malformed_error (error, &request);
      return NULL;
    }
  links = json_node_get_array (answer);
  if (json_array_get_length (links) == 0)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (links, 0)))
    {
      set_malformed_error (error, &request);
      return NULL;
    }
  return dup_url_member (json_array_get_object_element (links, 0), "url", &request, error);
}

/* (transfer full) */
char *
kp_zgw_client_create_zaakinformatieobject (KpZgwClient *self,
                                           const char *zaak,
                                           const char *document,
                                           const char *titel,
                                           GCancellable *cancellable,
                                           GError **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *cut_titel = NULL;

  g_return_val_if_fail (KP_IS_ZGW_CLIENT (self), NULL);
  g_return_val_if_fail (zaak != NULL && document != NULL && titel != NULL, NULL);

  cut_titel = dup_cut (titel, 200);
  json_builder_begin_object (builder);
  add_string (builder, "informatieobject", document);
  add_string (builder, "zaak", zaak);
  add_string (builder, "titel", cut_titel);
  json_builder_end_object (builder);
  return post (self, self->zaken_url, "zaakinformatieobjecten", builder, FALSE, cancellable, error);
}

/* (transfer full) */
char *
kp_zgw_client_reserve_zaaknummer (KpZgwClient *self,
                                  const char *bronorganisatie,
                                  GCancellable *cancellable,
                                  GError **error)
{
  Request request = { "POST", "zaaknummer_reserveren" };
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonObject) answer = NULL;

  g_return_val_if_fail (KP_IS_ZGW_CLIENT (self), NULL);
  g_return_val_if_fail (bronorganisatie != NULL, NULL);

  json_builder_begin_object (builder);
  add_string (builder, "bronorganisatie", bronorganisatie);
  json_builder_end_object (builder);
  answer = post_for_answer (self, &request, self->zaken_url, builder, FALSE, cancellable, error);
  if (answer == NULL)
    return NULL;
  return g_strdup (get_required_string (answer, "zaaknummer", &request, error));
}

/* ---- The status screen: a zaak's status now ---- */

/*
 * GET the object of @resource that @link (a URL from an answer) points at,
 * asked at @root, the configured API, by the uuid at the end of @link:
 * our token goes nowhere else, and nothing else from the answer goes into
 * the path. (transfer full)
 */
static JsonObject *
get_linked_object (KpZgwClient *self,
                   const char *root,
                   const char *resource,
                   const char *link,
                   GCancellable *cancellable,
                   GError **error)
{
  Request request = { "GET", resource };
  g_autofree char *segment = g_strconcat ("/", resource, "/", NULL);
  const char *found = link != NULL ? g_strrstr (link, segment) : NULL;
  const char *uuid = found != NULL ? found + strlen (segment) : NULL;
  g_autofree char *url = NULL;

  if (uuid == NULL || !g_uuid_string_is_valid (uuid))
    {
      set_malformed_error (error, &request);
      return NULL;
    }
  url = g_strconcat (root, resource, "/", uuid, NULL);
  return send_request (self, &request, url, NULL, FALSE, cancellable, error);
}

/* (transfer full) (nullable) */
char *
kp_zgw_client_fetch_zaak_statustype (KpZgwClient *self,
                                     const char *identificatie,
                                     const char *bronorganisatie,
                                     GCancellable *cancellable,
                                     GError **error)
{
  Request request = { "GET", "statussen" };
  g_autofree char *query = NULL;
  g_autoptr (GPtrArray) zaken = NULL;
  g_autoptr (JsonObject) status = NULL;
  const char *status_url;

  g_return_val_if_fail (KP_IS_ZGW_CLIENT (self), NULL);
  g_return_val_if_fail (identificatie != NULL && bronorganisatie != NULL, NULL);

  query = query_two ("identificatie", identificatie, "bronorganisatie", bronorganisatie);
  zaken = get_list (self, self->zaken_url, "zaken", query, TRUE, cancellable, error);
  if (zaken == NULL)
    return NULL;
  if (zaken->len == 0)
    {
      Request zaken_request = { "GET", "zaken" };

      set_error (error, KP_BACKEND_ERROR_PERMANENT, &zaken_request,
                 _ ("no zaak with this identificatie"));
      return NULL;
    }
  /* The Zaak's "status" is the URL of its latest status, null before the first. */
  status_url
      = json_object_get_string_member_with_default (g_ptr_array_index (zaken, 0), "status", NULL);
  if (status_url == NULL)
    return NULL;
  status = get_linked_object (self, self->zaken_url, "statussen", status_url, cancellable, error);
  if (status == NULL)
    return NULL;
  return dup_url_member (status, "statustype", &request, error);
}

gboolean
kp_zgw_client_fetch_statustype (KpZgwClient *self,
                                const char *url,
                                char **omschrijving,
                                char **statustekst,
                                GCancellable *cancellable,
                                GError **error)
{
  Request request = { "GET", "statustypen" };
  g_autoptr (JsonObject) statustype = NULL;
  const char *name;

  g_return_val_if_fail (KP_IS_ZGW_CLIENT (self), FALSE);
  g_return_val_if_fail (url != NULL && omschrijving != NULL && statustekst != NULL, FALSE);

  statustype = get_linked_object (self, self->catalogi_url, "statustypen", url, cancellable, error);
  if (statustype == NULL)
    return FALSE;
  name = get_required_string (statustype, "omschrijving", &request, error);
  if (name == NULL)
    return FALSE;
  *omschrijving = g_strdup (name);
  /* statustekst is optional and may be empty: then there is no text for the initiator. */
  *statustekst
      = g_strdup (json_object_get_string_member_with_default (statustype, "statustekst", ""));
  if (**statustekst == '\0')
    g_clear_pointer (statustekst, g_free);
  return TRUE;
}
