/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-signalen-backend.h"

#include "kp-delivery-steps.h"
#include "kp-http-json.h"
#include "kp-http-session.h"
#include "kp-submission.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#define SERVICE "Signalen"
/*
 * Without a final "/", as signalen-openapi.yaml writes the path. Signalen
 * itself takes both (its router's trailing_slash is "/?", in
 * app/signals/apps/api/generics/routers.py), so the document decides.
 */
#define SIGNALS_PATH "signals/v1/public/signals"
/* Names of our steps in delivery_steps. */
#define STEP_SIGNAL     "signal"
#define STEP_ID_DISPLAY "signal-id-display"
#define STEP_STATE      "signal-state"

struct _KpSignalenBackend
{
  GObject parent_instance;

  KpStore *store;
  KpConfig *config;
  char *signals_url; /* ".../signals/v1/public/signals" */
  char *authorization;
  SoupSession *session;
};

static void kp_signalen_backend_backend_init (KpBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KpSignalenBackend,
                               kp_signalen_backend,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KP_TYPE_BACKEND,
                                                      kp_signalen_backend_backend_init))

static gboolean
set_refused (GError **error, const char *detail)
{
  /* TRANSLATORS: "Signalen: <why the report cannot go there>" */
  g_set_error (error, KP_BACKEND_ERROR, KP_BACKEND_ERROR_PERMANENT, _ ("Signalen: %s"), detail);
  return FALSE;
}

/* ---- The payload ---- */

/* The object member @name of @object, or NULL. (transfer none) */
static JsonObject *
get_object (JsonObject *object, const char *name)
{
  JsonNode *member = object != NULL ? json_object_get_member (object, name) : NULL;

  return member != NULL && JSON_NODE_HOLDS_OBJECT (member) ? json_node_get_object (member) : NULL;
}

static JsonObject *
parse_payload (KpOutboxItem *item, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, kp_outbox_item_get_payload (item), -1, NULL)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      set_refused (error, _ ("the submission is not a JSON object"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

/* The place's WGS 84 position, which a report must have and Signalen must cover. */
static gboolean
get_position (
    KpSignalenBackend *self, JsonObject *place, double *longitude, double *latitude, GError **error)
{
  KpBoundingBox box;

  if (place == NULL || !json_object_has_member (place, "longitude")
      || !json_object_has_member (place, "latitude"))
    return set_refused (error, _ ("the report has no place on the map"));
  *longitude = json_object_get_double_member (place, "longitude");
  *latitude = json_object_get_double_member (place, "latitude");
  if (!kp_config_get_signalen_bounding_box (self->config, &box) || *longitude < box.min_longitude
      || *longitude > box.max_longitude || *latitude < box.min_latitude
      || *latitude > box.max_latitude)
    return set_refused (error, _ ("the place is outside the area of [signalen] bounding-box"));
  return TRUE;
}

static void
add_string (JsonBuilder *builder, const char *name, const char *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* "12a" → huisnummer 12 and huisletter "a", as the BAG and Signalen keep them. */
static void
add_house_number (JsonBuilder *builder, const char *house_number)
{
  char *end = NULL;
  guint64 number;

  if (house_number == NULL || !g_ascii_isdigit (*house_number))
    return;
  number = g_ascii_strtoull (house_number, &end, 10);
  json_builder_set_member_name (builder, "huisnummer");
  json_builder_add_int_value (builder, (gint64) number);
  if (g_ascii_isalpha (end[0]) && end[1] == '\0')
    add_string (builder, "huisletter", end);
}

static void
add_location (JsonBuilder *builder, JsonObject *place, double longitude, double latitude)
{
  json_builder_set_member_name (builder, "location");
  json_builder_begin_object (builder);
  /*
   * A GeoJSON Point, as Signalen reads it (geo_field "geometrie" in
   * app/signals/apps/api/serializers/nested/location.py); the document's
   * "type: string" for it is a mistake the contract test corrects.
   */
  json_builder_set_member_name (builder, "geometrie");
  json_builder_begin_object (builder);
  add_string (builder, "type", "Point");
  json_builder_set_member_name (builder, "coordinates");
  json_builder_begin_array (builder);
  json_builder_add_double_value (builder, longitude);
  json_builder_add_double_value (builder, latitude);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  if (kp_http_json_get_text (place, "street") != NULL)
    {
      json_builder_set_member_name (builder, "address");
      json_builder_begin_object (builder);
      add_string (builder, "openbare_ruimte", kp_http_json_get_text (place, "street"));
      add_house_number (builder, kp_http_json_get_text (place, "house_number"));
      add_string (builder, "postcode", kp_http_json_get_text (place, "postcode"));
      add_string (builder, "woonplaats", kp_http_json_get_text (place, "town"));
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

/*
 * The payload holds e-mail and phone only when the resident agreed to be
 * kept informed. That consent is not one to share them with others
 * (contractors), so sharing_allowed stays false.
 */
static void
add_reporter (JsonBuilder *builder, JsonObject *personal)
{
  const char *email = kp_http_json_get_text (personal, "email");
  const char *phone = kp_http_json_get_text (personal, "phone");

  if (email == NULL && phone == NULL)
    return;
  json_builder_set_member_name (builder, "reporter");
  json_builder_begin_object (builder);
  add_string (builder, "email", email);
  add_string (builder, "phone", phone);
  json_builder_set_member_name (builder, "sharing_allowed");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_end_object (builder);
}

static char *
dup_incident_date (KpOutboxItem *item)
{
  g_autoptr (GDateTime) created
      = g_date_time_new_from_unix_local (kp_outbox_item_get_created_at (item) / G_USEC_PER_SEC);

  return g_date_time_format (created, "%Y-%m-%dT%H:%M:%S%:z");
}

/* The body of POST signals, or NULL when the report cannot go to Signalen. (transfer full) */
static JsonNode *
build_signal (KpSignalenBackend *self, KpOutboxItem *item, JsonObject *payload, GError **error)
{
  JsonObject *place = get_object (payload, "place");
  JsonObject *personal = get_object (payload, KP_SUBMISSION_PERSONAL_MEMBER);
  const char *main_slug = kp_http_json_get_text (payload, "main_category");
  const char *sub_slug = kp_http_json_get_text (payload, "sub_category");
  const char *text = kp_http_json_get_text (personal, "description");
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *category = NULL;
  g_autofree char *date = NULL;
  g_autofree char *extra = NULL;
  double longitude, latitude;

  if (!get_position (self, place, &longitude, &latitude, error))
    return NULL;
  if (main_slug == NULL || sub_slug == NULL || text == NULL)
    {
      set_refused (error, _ ("the report has no category or no description"));
      return NULL;
    }
  category = g_strconcat (kp_config_get_signalen_category_base_url (self->config), main_slug,
                          "/sub_categories/", sub_slug, NULL);
  date = dup_incident_date (item);
  /* TRANSLATORS: for the case worker; %s is our reference, e.g. KP-7H3Q-9MXC */
  extra = g_strdup_printf (_ ("Sent in at an information point, reference %s"),
                           kp_outbox_item_get_reference (item));

  json_builder_begin_object (builder);
  add_string (builder, "text", text);
  add_string (builder, "text_extra", extra);
  add_location (builder, place, longitude, latitude);
  json_builder_set_member_name (builder, "category");
  json_builder_begin_object (builder);
  add_string (builder, "sub_category", category);
  json_builder_end_object (builder);
  add_reporter (builder, personal);
  add_string (builder, "incident_date_start", date);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* ---- Photos ---- */

static gboolean
has_image_signature (GBytes *bytes)
{
  static const struct
  {
    const char *magic;
    gsize length;
  } signatures[] = {
    { "\x89PNG\r\n\x1a\n", 8 },
    { "\xff\xd8\xff", 3 },
    { "GIF87a", 6 },
    { "GIF89a", 6 },
  };
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  for (gsize i = 0; i < G_N_ELEMENTS (signatures); i++)
    {
      if (size >= signatures[i].length
          && memcmp (data, signatures[i].magic, signatures[i].length) == 0)
        return TRUE;
    }
  return FALSE;
}

gboolean
kp_signalen_backend_check_photo (const KpAttachment *photo, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) load_error = NULL;

  g_return_val_if_fail (photo != NULL, FALSE);

  if (kp_attachment_get_size (photo) > KP_SIGNALEN_MAX_PHOTO_BYTES)
    return set_refused (error, _ ("the photo is larger than 20 MB"));
  bytes = kp_attachment_load (photo, &load_error);
  if (bytes == NULL)
    return set_refused (error, _ ("the photo cannot be read or has changed"));
  if (g_bytes_get_size (bytes) > KP_SIGNALEN_MAX_PHOTO_BYTES)
    return set_refused (error, _ ("the photo is larger than 20 MB"));
  if (!has_image_signature (bytes))
    return set_refused (error, _ ("the photo is not a PNG, JPEG or GIF image"));
  return TRUE;
}

static gboolean
check_photos (GPtrArray *attachments, GError **error)
{
  for (guint i = 0; attachments != NULL && i < attachments->len; i++)
    {
      if (!kp_signalen_backend_check_photo (g_ptr_array_index (attachments, i), error))
        return FALSE;
    }
  return TRUE;
}

/* ---- The requests ---- */

/* POST signals: keeps the new signal's uuid, display id and state as finished steps. */
static char *
create_signal (KpSignalenBackend *self,
               const char *reference,
               JsonNode *body,
               GCancellable *cancellable,
               GError **error)
{
  KpHttpRequest request = { SERVICE, "POST", "signals" };
  g_autoptr (SoupMessage) message
      = kp_http_json_new_message (&request, self->signals_url, body, self->authorization, error);
  g_autoptr (JsonObject) answer = NULL;
  const char *uuid;
  const char *state;

  if (message == NULL)
    return NULL;
  answer = kp_http_json_send (self->session, &request, message, cancellable, error);
  if (answer == NULL)
    return NULL;
  uuid = kp_http_json_get_text (answer, "signal_id");
  if (uuid == NULL || !g_uuid_string_is_valid (uuid))
    {
      g_set_error (error, KP_BACKEND_ERROR, KP_BACKEND_ERROR_TEMPORARY,
                   _ ("Signalen POST signals: the answer has no signal_id"));
      return NULL;
    }
  state = kp_http_json_get_text (get_object (answer, "status"), "state");
  /* The uuid first: it is what keeps a retry from making a second signal. */
  if (!kp_delivery_steps_save (self->store, reference, STEP_SIGNAL, uuid, error)
      || (kp_http_json_get_text (answer, "_display") != NULL
          && !kp_delivery_steps_save (self->store, reference, STEP_ID_DISPLAY,
                                      kp_http_json_get_text (answer, "_display"), error))
      || (state != NULL
          && !kp_delivery_steps_save (self->store, reference, STEP_STATE, state, error)))
    return NULL;
  return g_strdup (uuid);
}

static gboolean
send_photo (KpSignalenBackend *self,
            const char *uuid,
            const KpAttachment *photo,
            GCancellable *cancellable,
            GError **error)
{
  KpHttpRequest request = { SERVICE, "POST", "attachments" };
  g_autofree char *url = g_strconcat (self->signals_url, "/", uuid, "/attachments/", NULL);
  g_autoptr (SoupMultipart) multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  g_autoptr (GBytes) bytes = kp_attachment_load (photo, error);
  g_autoptr (SoupMessage) message = NULL;
  g_autoptr (JsonObject) answer = NULL;
  SoupMessageHeaders *headers;

  if (bytes == NULL)
    return FALSE;
  soup_multipart_append_form_file (multipart, "file", kp_attachment_get_name (photo),
                                   kp_attachment_get_content_type (photo), bytes);
  message = soup_message_new_from_multipart (url, multipart);
  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (self->authorization != NULL)
    soup_message_headers_replace (headers, "Authorization", self->authorization);
  answer = kp_http_json_send (self->session, &request, message, cancellable, error);
  return answer != NULL;
}

static gboolean
send_photos (KpSignalenBackend *self,
             const char *reference,
             const char *uuid,
             GPtrArray *attachments,
             GCancellable *cancellable,
             GError **error)
{
  for (guint i = 0; attachments != NULL && i < attachments->len; i++)
    {
      g_autofree char *step = g_strdup_printf ("attachment-%u", i);
      g_autoptr (GError) local_error = NULL;
      g_autofree char *sent = kp_delivery_steps_lookup (self->store, reference, step, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (sent != NULL)
        continue;
      if (!send_photo (self, uuid, g_ptr_array_index (attachments, i), cancellable, error)
          || !kp_delivery_steps_save (self->store, reference, step, "sent", error))
        return FALSE;
    }
  return TRUE;
}

/* ---- KpBackend ---- */

static const char *
kp_signalen_backend_get_name (KpBackend *backend)
{
  return "signalen";
}

static gboolean
kp_signalen_backend_deliver (KpBackend *backend,
                             KpOutboxItem *item,
                             GPtrArray *attachments,
                             char **remote_id,
                             char **remote_status,
                             GCancellable *cancellable,
                             GError **error)
{
  KpSignalenBackend *self = KP_SIGNALEN_BACKEND (backend);
  const char *reference = kp_outbox_item_get_reference (item);
  g_autoptr (JsonObject) payload = NULL;
  g_autoptr (JsonNode) body = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *uuid = NULL;

  if (!g_str_equal (kp_outbox_item_get_kind (item), "report"))
    return set_refused (error, _ ("only reports about public space go to Signalen"));
  /* Everything the kiosk can check is checked before the first request. */
  payload = parse_payload (item, error);
  if (payload == NULL || (body = build_signal (self, item, payload, error)) == NULL
      || !check_photos (attachments, error))
    return FALSE;

  uuid = kp_delivery_steps_lookup (self->store, reference, STEP_SIGNAL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (uuid == NULL && (uuid = create_signal (self, reference, body, cancellable, error)) == NULL)
    return FALSE;
  if (!send_photos (self, reference, uuid, attachments, cancellable, error))
    return FALSE;

  *remote_status = kp_delivery_steps_lookup (self->store, reference, STEP_STATE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *remote_id = g_steal_pointer (&uuid);
  return TRUE;
}

static void
kp_signalen_backend_backend_init (KpBackendInterface *iface)
{
  iface->get_name = kp_signalen_backend_get_name;
  iface->deliver = kp_signalen_backend_deliver;
}

/* ---- GObject ---- */

static void
kp_signalen_backend_finalize (GObject *object)
{
  KpSignalenBackend *self = KP_SIGNALEN_BACKEND (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->authorization, g_free);
  g_clear_pointer (&self->signals_url, g_free);
  g_clear_object (&self->config);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kp_signalen_backend_parent_class)->finalize (object);
}

static void
kp_signalen_backend_class_init (KpSignalenBackendClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kp_signalen_backend_finalize;
}

static void
kp_signalen_backend_init (KpSignalenBackend *self)
{
}

/* ---- Public ---- */

/* (transfer full) */
KpSignalenBackend *
kp_signalen_backend_new (KpStore *store, KpConfig *config, const char *token, GError **error)
{
  g_autoptr (KpSignalenBackend) self = NULL;
  const char *url;
  g_autofree char *root = NULL;

  g_return_val_if_fail (KP_IS_STORE (store), NULL);
  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  url = kp_config_get_signalen_url (config);
  if (url == NULL || !kp_http_json_is_http_url (url)
      || kp_config_get_signalen_category_base_url (config) == NULL)
    {
      set_refused (error, _ ("[signalen] url and category-base-url must be http(s) addresses"));
      return NULL;
    }
  self = g_object_new (KP_TYPE_SIGNALEN_BACKEND, NULL);
  self->store = g_object_ref (store);
  self->config = g_object_ref (config);
  root = kp_http_json_dup_with_slash (url);
  self->signals_url = g_strconcat (root, SIGNALS_PATH, NULL);
  self->authorization = token != NULL ? g_strconcat ("Bearer ", token, NULL) : NULL;
  /* Set up here, before any worker thread sends on it, as libsoup requires. */
  self->session = kp_http_session_new (config, "signalen",
                                       kp_config_get_signalen_timeout_seconds (config), error);
  if (self->session == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

/* (transfer full) */
char *
kp_signalen_backend_fetch_state (KpSignalenBackend *self,
                                 const char *uuid,
                                 GCancellable *cancellable,
                                 GError **error)
{
  KpHttpRequest request = { SERVICE, "GET", "signals" };
  g_autofree char *url = NULL;
  g_autoptr (SoupMessage) message = NULL;
  g_autoptr (JsonObject) answer = NULL;
  const char *state;

  g_return_val_if_fail (KP_IS_SIGNALEN_BACKEND (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  /* Only a uuid goes into the path, never text that could change the request. */
  if (!g_uuid_string_is_valid (uuid))
    {
      set_refused (error, _ ("not a signal uuid"));
      return NULL;
    }
  url = g_strconcat (self->signals_url, "/", uuid, NULL);
  message = kp_http_json_new_message (&request, url, NULL, self->authorization, error);
  if (message == NULL
      || (answer = kp_http_json_send (self->session, &request, message, cancellable, error))
             == NULL)
    return NULL;
  state = kp_http_json_get_text (get_object (answer, "status"), "state");
  if (state == NULL)
    {
      g_set_error (error, KP_BACKEND_ERROR, KP_BACKEND_ERROR_TEMPORARY,
                   _ ("Signalen GET signals: the answer has no state"));
      return NULL;
    }
  return g_strdup (state);
}
