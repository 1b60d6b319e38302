/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-qmatic-backend.h"

#include "kp-appointment-private.h"
#include "kp-http-session.h"
#include "kp-store-private.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#define BACKEND_NAME "qmatic"

/* An API key is a token of some dozens of characters; a bigger file is not a key file. */
#define MAX_API_KEY_BYTES 4096

struct _KpQmaticBackend
{
  GObject parent_instance;

  KpStore *store;
  /*
   * Worker threads share the store's one connection. Both locks are taken with a
   * G_GNUC_UNUSED GMutexLocker: clang calls a variable that only unlocks unused.
   */
  GMutex store_lock;

  char *base_url; /* ends in "/" */
  char *api_key;
  SoupSession *session;

  /* Branch id → GTimeZone: a branch does not move, so it is asked once. */
  GHashTable *zones;
  GMutex zones_lock;
};

static void kp_qmatic_backend_backend_init (KpAppointmentBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KpQmaticBackend,
                               kp_qmatic_backend,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KP_TYPE_APPOINTMENT_BACKEND,
                                                      kp_qmatic_backend_backend_init))

/* ---- HTTP ---- */

/* One request: what goes into every message about it. */
typedef struct
{
  const char *method;
  char *path; /* below the base URL, e.g. "v1/services" */
} Request;

static void
request_clear (Request *request)
{
  g_clear_pointer (&request->path, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Request, request_clear)

static void
set_error (GError **error,
           KpAppointmentBackendError code,
           const Request *request,
           const char *detail)
{
  /* TRANSLATORS: "Qmatic GET v1/services: <what went wrong>" */
  g_set_error (error, KP_APPOINTMENT_BACKEND_ERROR, code, _ ("Qmatic %s %s: %s"), request->method,
               request->path, detail);
}

/* A path segment: ids come from Qmatic, but are not trusted to be URL-safe. (transfer full) */
static char *
escape (const char *segment)
{
  return g_uri_escape_string (segment, NULL, FALSE);
}

/*
 * The error for an HTTP status other than 2xx, as Qmatic uses them: 401
 * for a wrong or missing API key, 404 for an unknown branch, service or
 * appointment, 409 when the time was booked by someone else first, 400
 * for a request it refuses, 5xx when it fails itself.
 */
static void
set_status_error (GError **error, const Request *request, guint status)
{
  g_autofree char *detail = NULL;
  KpAppointmentBackendError code;

  switch (status)
    {
      case SOUP_STATUS_UNAUTHORIZED:
      case SOUP_STATUS_FORBIDDEN:
        detail = g_strdup_printf (_ ("HTTP %u: the API key was refused"), status);
        code = KP_APPOINTMENT_BACKEND_ERROR_UNAVAILABLE;
        break;
      case SOUP_STATUS_NOT_FOUND:
        code = KP_APPOINTMENT_BACKEND_ERROR_NOT_FOUND;
        break;
      case SOUP_STATUS_CONFLICT:
        code = KP_APPOINTMENT_BACKEND_ERROR_SLOT_TAKEN;
        break;
      case SOUP_STATUS_BAD_REQUEST:
      case SOUP_STATUS_UNPROCESSABLE_ENTITY:
        code = KP_APPOINTMENT_BACKEND_ERROR_INVALID;
        break;
      default:
        code = KP_APPOINTMENT_BACKEND_ERROR_UNAVAILABLE;
        break;
    }
  if (detail == NULL)
    detail = g_strdup_printf ("HTTP %u %s", status, soup_status_get_phrase (status));
  set_error (error, code, request, detail);
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
  set_error (error, KP_APPOINTMENT_BACKEND_ERROR_UNAVAILABLE, request, detail);
}

static void
set_malformed_error (GError **error, const Request *request)
{
  set_error (error, KP_APPOINTMENT_BACKEND_ERROR_UNAVAILABLE, request,
             _ ("the answer is not what Qmatic sends"));
}

/*
 * Sends @request with @body (nullable) and parses the answer. Returns the
 * JSON root (transfer full), or NULL with no error for an empty answer
 * (DELETE), or NULL with @error set.
 */
static gboolean
send_request (KpQmaticBackend *self,
              const Request *request,
              JsonNode *body,
              JsonNode **answer,
              GCancellable *cancellable,
              GError **error)
{
  g_autofree char *url = g_strconcat (self->base_url, request->path, NULL);
  g_autoptr (SoupMessage) message = soup_message_new (request->method, url);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  guint status;

  *answer = NULL;
  if (message == NULL)
    {
      set_error (error, KP_APPOINTMENT_BACKEND_ERROR_INVALID, request, _ ("not a valid address"));
      return FALSE;
    }
  soup_message_headers_replace (soup_message_get_request_headers (message), "X-Api-Key",
                                self->api_key);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept",
                                "application/json");
  if (body != NULL)
    {
      char *text = json_to_string (body, FALSE);
      g_autoptr (GBytes) request_body = g_bytes_new_take (text, strlen (text));

      soup_message_set_request_body_from_bytes (message, "application/json", request_body);
    }

  bytes = soup_session_send_and_read (self->session, message, cancellable, &local_error);
  if (bytes == NULL)
    {
      set_transport_error (error, request, local_error, soup_session_get_timeout (self->session));
      return FALSE;
    }
  status = soup_message_get_status (message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      set_status_error (error, request, status);
      return FALSE;
    }
  if (g_bytes_get_size (bytes) == 0)
    return TRUE;
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   (gssize) g_bytes_get_size (bytes), NULL))
    {
      set_malformed_error (error, request);
      return FALSE;
    }
  *answer = json_parser_steal_root (parser);
  return TRUE;
}

/* The @name member of the object @answer when it is an array, or NULL. (transfer none) */
static JsonArray *
get_array_member (JsonNode *answer, const char *name)
{
  JsonObject *object
      = answer != NULL && JSON_NODE_HOLDS_OBJECT (answer) ? json_node_get_object (answer) : NULL;
  JsonNode *member = object != NULL ? json_object_get_member (object, name) : NULL;

  return member != NULL && JSON_NODE_HOLDS_ARRAY (member) ? json_node_get_array (member) : NULL;
}

/* The @name member of @object when it is an object, or NULL. (transfer none) */
static JsonObject *
get_object_member (JsonObject *object, const char *name)
{
  JsonNode *member = object != NULL ? json_object_get_member (object, name) : NULL;

  return member != NULL && JSON_NODE_HOLDS_OBJECT (member) ? json_node_get_object (member) : NULL;
}

/* The string member @name, or NULL when it is missing, null or not a string. (transfer none) */
static const char *
get_string_member (JsonObject *object, const char *name)
{
  JsonNode *member = json_object_get_member (object, name);

  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member)
      || json_node_get_value_type (member) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (member);
}

/* Sends a GET and returns its answer, which must be a JSON object. (transfer full) */
static JsonNode *
get_json (KpQmaticBackend *self, const Request *request, GCancellable *cancellable, GError **error)
{
  JsonNode *answer = NULL;

  if (!send_request (self, request, NULL, &answer, cancellable, error))
    return NULL;
  if (answer == NULL || !JSON_NODE_HOLDS_OBJECT (answer))
    {
      g_clear_pointer (&answer, json_node_unref);
      set_malformed_error (error, request);
    }
  return answer;
}

/* ---- Branches and their time zones ---- */

/* (transfer full) */
static GTimeZone *
lookup_cached_zone (KpQmaticBackend *self, const char *branch_id)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->zones_lock);
  GTimeZone *zone = g_hash_table_lookup (self->zones, branch_id);

  return zone != NULL ? g_time_zone_ref (zone) : NULL;
}

/*
 * The branch's time zone, as GET v1/branches/{id} gives it in
 * "branch"."timeZone" (e.g. "Europe/Amsterdam"). (transfer full)
 */
static GTimeZone *
get_branch_zone (KpQmaticBackend *self,
                 const char *branch_id,
                 GCancellable *cancellable,
                 GError **error)
{
  g_autofree char *escaped = escape (branch_id);
  g_auto (Request) request = { "GET", g_strconcat ("v1/branches/", escaped, NULL) };
  g_autoptr (JsonNode) answer = NULL;
  JsonObject *branch;
  const char *identifier;
  GTimeZone *zone = lookup_cached_zone (self, branch_id);

  if (zone != NULL)
    return zone;
  answer = get_json (self, &request, cancellable, error);
  if (answer == NULL)
    return NULL;
  branch = get_object_member (json_node_get_object (answer), "branch");
  identifier = branch != NULL ? get_string_member (branch, "timeZone") : NULL;
  zone = identifier != NULL ? g_time_zone_new_identifier (identifier) : NULL;
  if (zone == NULL)
    {
      set_malformed_error (error, &request);
      return NULL;
    }

  g_mutex_lock (&self->zones_lock);
  g_hash_table_replace (self->zones, g_strdup (branch_id), g_time_zone_ref (zone));
  g_mutex_unlock (&self->zones_lock);
  return zone;
}

/* ---- Parsing answers ---- */

/* A boolean member that may be missing; Qmatic leaves out what is not set. */
static gboolean
get_flag (JsonObject *object, const char *name, gboolean missing)
{
  JsonNode *member = json_object_get_member (object, name);

  if (member == NULL || json_node_get_value_type (member) != G_TYPE_BOOLEAN)
    return missing;
  return json_node_get_boolean (member);
}

/*
 * A service of "serviceList", or NULL for one residents cannot book
 * ("active" or "publicEnabled" false) or one without id or name.
 * (transfer full)
 */
static KpAppointmentProduct *
new_product_from_service (JsonObject *service)
{
  const char *id = get_string_member (service, "publicId");
  const char *name = get_string_member (service, "name");
  gint64 duration = json_object_get_int_member_with_default (service, "duration", 0);

  if (id == NULL || name == NULL || !get_flag (service, "active", TRUE)
      || !get_flag (service, "publicEnabled", TRUE))
    return NULL;
  return kp_appointment_product_new (id, name, (guint) CLAMP (duration, 0, 24 * 60));
}

/* "Kon. Wilhelminalaan 2, Leidschendam" from the address lines and the city. (transfer full) */
static char *
dup_branch_address (JsonObject *branch)
{
  const char *parts[] = {
    get_string_member (branch, "addressLine1"),
    get_string_member (branch, "addressLine2"),
    get_string_member (branch, "addressCity"),
  };
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) present = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] != NULL && *parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  present = g_strv_builder_end (builder);
  return present[0] != NULL ? g_strjoinv (", ", present) : NULL;
}

/* A branch of "branchList", or NULL without id or name. (transfer full) */
static KpAppointmentLocation *
new_location_from_branch (JsonObject *branch)
{
  const char *id = get_string_member (branch, "publicId");
  const char *name = get_string_member (branch, "name");
  g_autofree char *address = NULL;

  if (id == NULL || name == NULL)
    return NULL;
  address = dup_branch_address (branch);
  return kp_appointment_location_new (id, name, address);
}

/* "2016-11-08T00:00:00" or "2016-11-08" → the date; FALSE for anything else. */
static gboolean
parse_date (const char *text, GDate *date)
{
  unsigned year;
  unsigned month;
  unsigned day;
  int length = 0;

  if (sscanf (text, "%4u-%2u-%2u%n", &year, &month, &day, &length) != 3 || length != 10
      || (text[10] != '\0' && text[10] != 'T')
      || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

/* "09:05" on @date in the branch's @zone; NULL for anything else. (transfer full) */
static GDateTime *
new_time_on_date (const char *text, const GDate *date, GTimeZone *zone)
{
  unsigned hour;
  unsigned minute;
  int length = 0;

  if (sscanf (text, "%2u:%2u%n", &hour, &minute, &length) != 2 || length != 5 || text[5] != '\0'
      || hour > 23 || minute > 59)
    return NULL;
  return g_date_time_new (zone, g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date), (int) hour, (int) minute, 0);
}

/* For g_ptr_array_sort (), which passes pointers to the elements. */
static int
compare_dates (gconstpointer a, gconstpointer b)
{
  return g_date_compare (*(const GDate *const *) a, *(const GDate *const *) b);
}

static int
compare_times (gconstpointer a, gconstpointer b)
{
  return g_date_time_compare (*(GDateTime *const *) a, *(GDateTime *const *) b);
}

/* "2026-12-01" (transfer full) */
static char *
format_date (const GDate *date)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  return g_strdup (text);
}

/* ---- KpAppointmentBackend ---- */

static const char *
qmatic_get_name (KpAppointmentBackend *backend)
{
  return BACKEND_NAME;
}

/* GET v1/services: {"serviceList": [{"publicId", "name", "duration", "active", "publicEnabled"}]} */
static GPtrArray *
qmatic_list_products (KpAppointmentBackend *backend, GCancellable *cancellable, GError **error)
{
  KpQmaticBackend *self = KP_QMATIC_BACKEND (backend);
  g_auto (Request) request = { "GET", g_strdup ("v1/services") };
  g_autoptr (JsonNode) answer = get_json (self, &request, cancellable, error);
  g_autoptr (GPtrArray) products = NULL;
  JsonArray *services;

  if (answer == NULL)
    return NULL;
  services = get_array_member (answer, "serviceList");
  if (services == NULL)
    {
      set_malformed_error (error, &request);
      return NULL;
    }
  products = g_ptr_array_new_with_free_func ((GDestroyNotify) kp_appointment_product_free);
  for (guint i = 0; i < json_array_get_length (services); i++)
    {
      JsonNode *node = json_array_get_element (services, i);
      KpAppointmentProduct *product = JSON_NODE_HOLDS_OBJECT (node)
                                          ? new_product_from_service (json_node_get_object (node))
                                          : NULL;

      if (product != NULL)
        g_ptr_array_add (products, product);
    }
  return g_steal_pointer (&products);
}

/* GET v1/services/{id}/branches: {"branchList": [{"publicId", "name", "addressLine1", ...}]} */
static GPtrArray *
qmatic_list_locations (KpAppointmentBackend *backend,
                       const char *product_id,
                       GCancellable *cancellable,
                       GError **error)
{
  KpQmaticBackend *self = KP_QMATIC_BACKEND (backend);
  g_autofree char *service = escape (product_id);
  g_auto (Request) request = { "GET", g_strconcat ("v1/services/", service, "/branches", NULL) };
  g_autoptr (JsonNode) answer = get_json (self, &request, cancellable, error);
  g_autoptr (GPtrArray) locations = NULL;
  JsonArray *branches;

  if (answer == NULL)
    return NULL;
  branches = get_array_member (answer, "branchList");
  if (branches == NULL)
    {
      set_malformed_error (error, &request);
      return NULL;
    }
  locations = g_ptr_array_new_with_free_func ((GDestroyNotify) kp_appointment_location_free);
  for (guint i = 0; i < json_array_get_length (branches); i++)
    {
      JsonNode *node = json_array_get_element (branches, i);
      KpAppointmentLocation *location = JSON_NODE_HOLDS_OBJECT (node)
                                            ? new_location_from_branch (json_node_get_object (node))
                                            : NULL;

      if (location != NULL)
        g_ptr_array_add (locations, location);
    }
  return g_steal_pointer (&locations);
}

/* The strings of array member @name of @answer; NULL when it is not such an array. (transfer full) */
static GStrv
dup_string_array (JsonNode *answer, const char *name)
{
  JsonArray *array = get_array_member (answer, name);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  if (array == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return NULL;
      g_strv_builder_add (builder, json_node_get_string (node));
    }
  return g_strv_builder_end (builder);
}

/*
 * GET v2/branches/{id}/dates;servicePublicId={id}: {"dates": ["2016-11-08T00:00:00", ...]}.
 * The API has no range, so the range is applied here.
 */
static GPtrArray *
qmatic_list_dates (KpAppointmentBackend *backend,
                   const char *product_id,
                   const char *location_id,
                   const GDate *from,
                   const GDate *to,
                   GCancellable *cancellable,
                   GError **error)
{
  KpQmaticBackend *self = KP_QMATIC_BACKEND (backend);
  g_autofree char *branch = escape (location_id);
  g_autofree char *service = escape (product_id);
  g_auto (Request) request
      = { "GET", g_strconcat ("v2/branches/", branch, "/dates;servicePublicId=", service, NULL) };
  g_autoptr (JsonNode) answer = get_json (self, &request, cancellable, error);
  g_autoptr (GPtrArray) dates = NULL;
  g_auto (GStrv) texts = NULL;

  if (answer == NULL)
    return NULL;
  texts = dup_string_array (answer, "dates");
  if (texts == NULL)
    {
      set_malformed_error (error, &request);
      return NULL;
    }
  dates = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_free);
  for (guint i = 0; texts[i] != NULL; i++)
    {
      GDate date;

      if (!parse_date (texts[i], &date))
        {
          set_malformed_error (error, &request);
          return NULL;
        }
      if (g_date_compare (&date, from) >= 0 && g_date_compare (&date, to) <= 0)
        g_ptr_array_add (dates, g_date_copy (&date));
    }
  g_ptr_array_sort (dates, compare_dates);
  return g_steal_pointer (&dates);
}

/*
 * GET v2/branches/{id}/dates/{date}/times;servicePublicId={id}: {"times": ["09:00", ...]},
 * times of day on the branch's clock.
 */
static GPtrArray *
qmatic_list_times (KpAppointmentBackend *backend,
                   const char *product_id,
                   const char *location_id,
                   const GDate *date,
                   GCancellable *cancellable,
                   GError **error)
{
  KpQmaticBackend *self = KP_QMATIC_BACKEND (backend);
  g_autofree char *branch = escape (location_id);
  g_autofree char *service = escape (product_id);
  g_autofree char *day = format_date (date);
  g_auto (Request) request = { "GET", g_strconcat ("v2/branches/", branch, "/dates/", day,
                                                   "/times;servicePublicId=", service, NULL) };
  g_autoptr (GTimeZone) zone = get_branch_zone (self, location_id, cancellable, error);
  g_autoptr (JsonNode) answer = NULL;
  g_autoptr (GPtrArray) times = NULL;
  g_auto (GStrv) texts = NULL;

  if (zone == NULL || (answer = get_json (self, &request, cancellable, error)) == NULL)
    return NULL;
  texts = dup_string_array (answer, "times");
  if (texts == NULL)
    {
      set_malformed_error (error, &request);
      return NULL;
    }
  times = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  for (guint i = 0; texts[i] != NULL; i++)
    {
      GDateTime *time = new_time_on_date (texts[i], date, zone);

      if (time == NULL)
        {
          set_malformed_error (error, &request);
          return NULL;
        }
      g_ptr_array_add (times, time);
    }
  g_ptr_array_sort (times, compare_times);
  return g_steal_pointer (&times);
}

/* Adds a string member only when there is a value: Qmatic takes a missing one as not given. */
static void
add_optional_member (JsonBuilder *builder, const char *name, const char *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/*
 * The booking as Open Formulieren sends it: the service, one customer
 * (the whole name as lastName, because a name is not reliably split into
 * first and last), and our reference in the notes so the desk can match
 * the slip. (transfer full)
 */
static JsonNode *
build_booking (KpAppointment *appointment)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *title
      = g_strdup_printf ("Kernpunt: %s", kp_appointment_get_product_name (appointment));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "services");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  add_optional_member (builder, "publicId", kp_appointment_get_product_id (appointment));
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "customers");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  add_optional_member (builder, "lastName", kp_appointment_get_name (appointment));
  add_optional_member (builder, "email", kp_appointment_get_email (appointment));
  add_optional_member (builder, "phone", kp_appointment_get_phone (appointment));
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  add_optional_member (builder, "title", title);
  add_optional_member (builder, "notes", kp_appointment_get_reference (appointment));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* The request that books @appointment at @start (on the branch's clock). */
static void
init_book_request (Request *request, KpAppointment *appointment, GDateTime *start)
{
  g_autofree char *branch = escape (kp_appointment_get_location_id (appointment));
  g_autofree char *day = g_date_time_format (start, "%Y-%m-%d");
  g_autofree char *time = g_date_time_format (start, "%H:%M");

  request->method = "POST";
  request->path
      = g_strconcat ("v2/branches/", branch, "/dates/", day, "/times/", time, "/book", NULL);
}

static gboolean
delete_remote (KpQmaticBackend *self,
               const char *remote_id,
               GCancellable *cancellable,
               GError **error)
{
  g_autofree char *escaped = escape (remote_id);
  g_auto (Request) request = { "DELETE", g_strconcat ("v1/appointments/", escaped, NULL) };
  g_autoptr (JsonNode) answer = NULL;

  return send_request (self, &request, NULL, &answer, cancellable, error);
}

static gboolean
insert_record_locked (KpQmaticBackend *self,
                      KpAppointment *appointment,
                      const char *remote_id,
                      GError **error)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->store_lock);

  /* The name and contact went to Qmatic, which keeps them; this kiosk need not. */
  return kp_appointment_insert_record (appointment, self->store, BACKEND_NAME, remote_id, FALSE,
                                       error);
}

/*
 * POST v2/branches/{id}/dates/{date}/times/{hh:mm}/book → the appointment,
 * with its "publicId". 409 when the time was taken first.
 */
static gboolean
qmatic_book (KpAppointmentBackend *backend,
             KpAppointment *appointment,
             GCancellable *cancellable,
             GError **error)
{
  KpQmaticBackend *self = KP_QMATIC_BACKEND (backend);
  g_autoptr (GTimeZone) zone
      = get_branch_zone (self, kp_appointment_get_location_id (appointment), cancellable, error);
  g_autoptr (GDateTime) start = NULL;
  g_autoptr (JsonNode) body = NULL;
  g_autoptr (JsonNode) answer = NULL;
  g_auto (Request) request = { NULL, NULL };
  const char *remote_id;

  if (zone == NULL)
    return FALSE;
  start = g_date_time_to_timezone (kp_appointment_get_start (appointment), zone);
  init_book_request (&request, appointment, start);
  body = build_booking (appointment);
  if (!send_request (self, &request, body, &answer, cancellable, error))
    return FALSE;
  remote_id = answer != NULL && JSON_NODE_HOLDS_OBJECT (answer)
                  ? get_string_member (json_node_get_object (answer), "publicId")
                  : NULL;
  if (remote_id == NULL)
    {
      set_malformed_error (error, &request);
      return FALSE;
    }

  kp_appointment_set_start (appointment, start, kp_appointment_get_duration_minutes (appointment));
  if (!insert_record_locked (self, appointment, remote_id, error))
    {
      /* Without a record the resident could not cancel it: better no appointment than a lost one. */
      delete_remote (self, remote_id, NULL, NULL);
      return FALSE;
    }
  kp_appointment_mark_booked (appointment, BACKEND_NAME, remote_id);
  return TRUE;
}

/* (transfer full) */
static KpAppointment *
load_record_locked (KpQmaticBackend *self, const char *reference, GError **error)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->store_lock);

  return kp_appointment_load_record (self->store, reference, error);
}

static gboolean
mark_cancelled_locked (KpQmaticBackend *self, KpAppointment *appointment, GError **error)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->store_lock);

  return kp_appointment_mark_record_cancelled (appointment, self->store, error);
}

/* DELETE v1/appointments/{id}: 204 when cancelled, 404 when Qmatic has no such appointment. */
static gboolean
qmatic_cancel (KpAppointmentBackend *backend,
               KpAppointment *appointment,
               GCancellable *cancellable,
               GError **error)
{
  KpQmaticBackend *self = KP_QMATIC_BACKEND (backend);
  g_autoptr (KpAppointment) record
      = load_record_locked (self, kp_appointment_get_reference (appointment), error);
  g_autoptr (GError) local_error = NULL;

  if (record == NULL)
    return FALSE;
  if (kp_appointment_get_state (record) != KP_APPOINTMENT_STATE_BOOKED)
    {
      g_set_error (error, KP_APPOINTMENT_BACKEND_ERROR, KP_APPOINTMENT_BACKEND_ERROR_INVALID,
                   _ ("Appointment %s is already cancelled"),
                   kp_appointment_get_reference (record));
      return FALSE;
    }
  if (!delete_remote (self, kp_appointment_get_remote_id (record), cancellable, &local_error)
      && !g_error_matches (local_error, KP_APPOINTMENT_BACKEND_ERROR,
                           KP_APPOINTMENT_BACKEND_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* Gone already (cancelled at the desk): the resident's wish is fulfilled either way. */
  return mark_cancelled_locked (self, appointment, error);
}

/*
 * GET v1/appointments/{id}: {"appointment": {...}} while it stands, 404
 * once cancelled. Our record is brought in line with what Qmatic says.
 */
static KpAppointment *
qmatic_lookup (KpAppointmentBackend *backend,
               const char *reference,
               GCancellable *cancellable,
               GError **error)
{
  KpQmaticBackend *self = KP_QMATIC_BACKEND (backend);
  g_autoptr (KpAppointment) record = load_record_locked (self, reference, error);
  g_autofree char *escaped = NULL;
  g_auto (Request) request = { "GET", NULL };
  g_autoptr (JsonNode) answer = NULL;
  g_autoptr (GError) local_error = NULL;

  if (record == NULL)
    return NULL;
  if (!g_str_equal (kp_appointment_get_backend_name (record), BACKEND_NAME)
      || kp_appointment_get_state (record) != KP_APPOINTMENT_STATE_BOOKED)
    return g_steal_pointer (&record);

  escaped = escape (kp_appointment_get_remote_id (record));
  request.path = g_strconcat ("v1/appointments/", escaped, NULL);
  if (send_request (self, &request, NULL, &answer, cancellable, &local_error))
    {
      if (answer == NULL
          || get_object_member (json_node_get_object (answer), "appointment") == NULL)
        {
          set_malformed_error (error, &request);
          return NULL;
        }
      return g_steal_pointer (&record);
    }
  if (!g_error_matches (local_error, KP_APPOINTMENT_BACKEND_ERROR,
                        KP_APPOINTMENT_BACKEND_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!mark_cancelled_locked (self, record, error))
    return NULL;
  return g_steal_pointer (&record);
}

static void
kp_qmatic_backend_backend_init (KpAppointmentBackendInterface *iface)
{
  iface->get_name = qmatic_get_name;
  iface->list_products = qmatic_list_products;
  iface->list_locations = qmatic_list_locations;
  iface->list_dates = qmatic_list_dates;
  iface->list_times = qmatic_list_times;
  iface->book = qmatic_book;
  iface->cancel = qmatic_cancel;
  iface->lookup = qmatic_lookup;
}

/* ---- Object ---- */

static void
kp_qmatic_backend_finalize (GObject *object)
{
  KpQmaticBackend *self = KP_QMATIC_BACKEND (object);

  g_mutex_clear (&self->zones_lock);
  g_clear_pointer (&self->zones, g_hash_table_unref);
  g_clear_object (&self->session);
  /* The key does not linger in freed memory. */
  if (self->api_key != NULL)
    memset (self->api_key, 0, strlen (self->api_key));
  g_clear_pointer (&self->api_key, g_free);
  g_clear_pointer (&self->base_url, g_free);
  g_mutex_clear (&self->store_lock);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kp_qmatic_backend_parent_class)->finalize (object);
}

static void
kp_qmatic_backend_class_init (KpQmaticBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kp_qmatic_backend_finalize;
}

static void
kp_qmatic_backend_init (KpQmaticBackend *self)
{
  g_mutex_init (&self->store_lock);
  g_mutex_init (&self->zones_lock);
  self->zones
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_time_zone_unref);
}

/* (transfer full) */
KpQmaticBackend *
kp_qmatic_backend_new (KpStore *store,
                       const char *base_url,
                       const char *api_key,
                       guint timeout_seconds,
                       GError **error)
{
  g_autoptr (KpQmaticBackend) self = NULL;
  g_autoptr (GUri) uri = NULL;

  g_return_val_if_fail (KP_IS_STORE (store), NULL);
  g_return_val_if_fail (base_url != NULL && api_key != NULL, NULL);
  g_return_val_if_fail (timeout_seconds > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL
      || (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0
          && g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
    {
      g_set_error (error, KP_APPOINTMENT_BACKEND_ERROR, KP_APPOINTMENT_BACKEND_ERROR_INVALID,
                   _ ("“%s” is not an http or https address"), base_url);
      return NULL;
    }

  self = g_object_new (KP_TYPE_QMATIC_BACKEND, NULL);
  self->store = g_object_ref (store);
  self->base_url
      = g_str_has_suffix (base_url, "/") ? g_strdup (base_url) : g_strconcat (base_url, "/", NULL);
  self->api_key = g_strdup (api_key);
  /* Set up here, before any worker thread sends on it, as libsoup requires. */
  self->session = kp_http_session_new (NULL, NULL, timeout_seconds, NULL);
  return g_steal_pointer (&self);
}

void
kp_qmatic_backend_set_session (KpQmaticBackend *self, SoupSession *session)
{
  g_return_if_fail (KP_IS_QMATIC_BACKEND (self));
  g_return_if_fail (SOUP_IS_SESSION (session));

  g_set_object (&self->session, session);
}

static gboolean
set_key_file_error (GError **error, const char *path, const char *reason)
{
  g_set_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_INVALID_VALUE,
               _ ("[qmatic] api-key-file: %s: %s"), path, reason);
  return FALSE;
}

/* (transfer full) */
char *
kp_qmatic_backend_read_api_key (const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  g_autoptr (GError) local_error = NULL;
  GStatBuf info;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_stat (path, &info) != 0)
    {
      set_key_file_error (error, path, g_strerror (errno));
      return NULL;
    }
  if ((info.st_mode & 077) != 0)
    {
      set_key_file_error (error, path, _ ("others may read it; only its owner may (chmod 600)"));
      return NULL;
    }
  if (info.st_size > MAX_API_KEY_BYTES
      || !g_file_get_contents (path, &contents, &length, &local_error))
    {
      set_key_file_error (error, path,
                          local_error != NULL ? local_error->message : _ ("too big for a key"));
      return NULL;
    }
  g_strstrip (contents);
  if (*contents == '\0' || !g_utf8_validate (contents, -1, NULL) || strchr (contents, '\n') != NULL)
    {
      set_key_file_error (error, path, _ ("expected the API key on one line"));
      return NULL;
    }
  return g_steal_pointer (&contents);
}
