/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-qmatic-server.h"

#include "kp-test-http-server.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#define BASE_PATH "/calendar-backend/public/api/"

typedef struct
{
  char *id;
  char *name;
  guint duration;
  gboolean public_enabled;
} Service;

typedef struct
{
  char *id;
  char *name;
  char *time_zone;
  char *address_line;
  char *city;
  GStrv service_ids;
} Branch;

typedef struct
{
  char *branch_id;
  char *service_id;
  char *date; /* "2026-12-01" */
  char *time; /* "09:30" */
  guint capacity;
  guint taken;
} Slot;

struct _KpQmaticServer
{
  char *api_key;
  char *url;

  /* Everything below is shared between the test's thread and the server's. */
  GMutex lock;
  GPtrArray *services;
  GPtrArray *branches;
  GPtrArray *slots;
  GHashTable *appointments; /* publicId → Slot (owned by slots) */
  guint n_booked;
  KpQmaticServerBehaviour behaviour;
  guint delay_ms;
  GPtrArray *requests;
  char *last_booking;
  gboolean stopping;

  KpTestHttpServer *http;
};

static void
service_free (Service *service)
{
  g_free (service->id);
  g_free (service->name);
  g_free (service);
}

static void
branch_free (Branch *branch)
{
  g_free (branch->id);
  g_free (branch->name);
  g_free (branch->time_zone);
  g_free (branch->address_line);
  g_free (branch->city);
  g_strfreev (branch->service_ids);
  g_free (branch);
}

static void
slot_free (Slot *slot)
{
  g_free (slot->branch_id);
  g_free (slot->service_id);
  g_free (slot->date);
  g_free (slot->time);
  g_free (slot);
}

/* ---- Answers ---- */

static void
respond_json (SoupServerMessage *message, guint status, JsonBuilder *builder)
{
  g_autoptr (JsonNode) root = json_builder_get_root (builder);

  kp_test_http_respond_node (message, status, root);
}

/*
 * As Qmatic answers an error: the status, and a body {"msg": "..."} (Open
 * Formulieren's recorded error.json).
 */
static void
respond_error (SoupServerMessage *message, guint status, const char *text)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "msg");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
  respond_json (message, status, builder);
}

static void
add_string (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* As Qmatic answers lists: the list, then "meta" and "notifications", which clients ignore. */
static void
end_list (JsonBuilder *builder, guint n_results)
{
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "meta");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "totalResults");
  json_builder_add_int_value (builder, n_results);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "notifications");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_service (JsonBuilder *builder, const Service *service)
{
  json_builder_begin_object (builder);
  add_string (builder, "publicId", service->id);
  add_string (builder, "name", service->name);
  json_builder_set_member_name (builder, "duration");
  json_builder_add_int_value (builder, service->duration);
  json_builder_set_member_name (builder, "additionalCustomerDuration");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "active");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "publicEnabled");
  json_builder_add_boolean_value (builder, service->public_enabled);
  add_string (builder, "custom", NULL);
  json_builder_end_object (builder);
}

/* As Qmatic answers a branch: address lines, zip, city, and the branch's own time zone. */
static void
add_branch (JsonBuilder *builder, const Branch *branch)
{
  json_builder_begin_object (builder);
  add_string (builder, "publicId", branch->id);
  add_string (builder, "name", branch->name);
  add_string (builder, "timeZone", branch->time_zone);
  add_string (builder, "fullTimeZone", branch->time_zone);
  add_string (builder, "addressLine1", branch->address_line);
  add_string (builder, "addressLine2", NULL);
  add_string (builder, "addressZip", "9999 ZZ");
  add_string (builder, "addressCity", branch->city);
  add_string (builder, "phone", "14 0123");
  json_builder_end_object (builder);
}

static Service *
find_service (KpQmaticServer *self, const char *id)
{
  for (guint i = 0; i < self->services->len; i++)
    {
      Service *service = g_ptr_array_index (self->services, i);

      if (g_str_equal (service->id, id))
        return service;
    }
  return NULL;
}

static Branch *
find_branch (KpQmaticServer *self, const char *id)
{
  for (guint i = 0; i < self->branches->len; i++)
    {
      Branch *branch = g_ptr_array_index (self->branches, i);

      if (g_str_equal (branch->id, id))
        return branch;
    }
  return NULL;
}

/* GET v1/services: {"serviceList": [...]} with every service, public or not. */
static void
answer_services (KpQmaticServer *self, SoupServerMessage *message)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "serviceList");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->services->len; i++)
    add_service (builder, g_ptr_array_index (self->services, i));
  end_list (builder, self->services->len);
  respond_json (message, SOUP_STATUS_OK, builder);
}

/* GET v1/services/{id}/branches: {"branchList": [...]}; 404 for an unknown service. */
static void
answer_service_branches (KpQmaticServer *self, SoupServerMessage *message, const char *service_id)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  guint n_branches = 0;

  if (find_service (self, service_id) == NULL)
    {
      respond_error (message, SOUP_STATUS_NOT_FOUND, "Service not found");
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "branchList");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->branches->len; i++)
    {
      Branch *branch = g_ptr_array_index (self->branches, i);

      if (g_strv_contains ((const char *const *) branch->service_ids, service_id))
        {
          add_branch (builder, branch);
          n_branches++;
        }
    }
  end_list (builder, n_branches);
  respond_json (message, SOUP_STATUS_OK, builder);
}

/* GET v1/branches/{id}: {"branch": {...}}; 404 for an unknown branch. */
static void
answer_branch (KpQmaticServer *self, SoupServerMessage *message, const char *branch_id)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  Branch *branch = find_branch (self, branch_id);

  if (branch == NULL)
    {
      respond_error (message, SOUP_STATUS_NOT_FOUND, "Branch not found");
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "branch");
  add_branch (builder, branch);
  json_builder_set_member_name (builder, "notifications");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  respond_json (message, SOUP_STATUS_OK, builder);
}

static gboolean
slot_is_free (const Slot *slot)
{
  return slot->taken < slot->capacity;
}

/*
 * GET v2/branches/{id}/dates;servicePublicId={id}: {"dates":
 * ["2016-11-08T00:00:00", ...]}, the days with a free time, as Qmatic
 * writes them (midnight, no zone).
 */
static void
answer_dates (KpQmaticServer *self,
              SoupServerMessage *message,
              const char *branch_id,
              const char *service_id)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "dates");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->slots->len; i++)
    {
      Slot *slot = g_ptr_array_index (self->slots, i);
      g_autofree char *date = NULL;

      if (!g_str_equal (slot->branch_id, branch_id) || !g_str_equal (slot->service_id, service_id)
          || !slot_is_free (slot) || !g_hash_table_add (seen, slot->date))
        continue;
      date = g_strconcat (slot->date, "T00:00:00", NULL);
      json_builder_add_string_value (builder, date);
    }
  end_list (builder, g_hash_table_size (seen));
  respond_json (message, SOUP_STATUS_OK, builder);
}

/* GET v2/branches/{id}/dates/{date}/times;servicePublicId={id}: {"times": ["09:00", ...]}. */
static void
answer_times (KpQmaticServer *self,
              SoupServerMessage *message,
              const char *branch_id,
              const char *date,
              const char *service_id)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  guint n_times = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "times");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->slots->len; i++)
    {
      Slot *slot = g_ptr_array_index (self->slots, i);

      if (g_str_equal (slot->branch_id, branch_id) && g_str_equal (slot->service_id, service_id)
          && g_str_equal (slot->date, date) && slot_is_free (slot))
        {
          json_builder_add_string_value (builder, slot->time);
          n_times++;
        }
    }
  end_list (builder, n_times);
  respond_json (message, SOUP_STATUS_OK, builder);
}

static Slot *
find_slot (KpQmaticServer *self,
           const char *branch_id,
           const char *service_id,
           const char *date,
           const char *time)
{
  for (guint i = 0; i < self->slots->len; i++)
    {
      Slot *slot = g_ptr_array_index (self->slots, i);

      if (g_str_equal (slot->branch_id, branch_id) && g_str_equal (slot->service_id, service_id)
          && g_str_equal (slot->date, date) && g_str_equal (slot->time, time))
        return slot;
    }
  return NULL;
}

/* "2016-11-10T11:30:00.000+0000": as Qmatic writes an appointment's start, in UTC. (transfer full) */
static char *
format_start_utc (KpQmaticServer *self, const Slot *slot)
{
  Branch *branch = find_branch (self, slot->branch_id);
  g_autoptr (GTimeZone) zone = NULL;
  g_autofree char *iso = NULL;
  g_autoptr (GDateTime) local = NULL;
  g_autoptr (GDateTime) utc = NULL;

  /* Times are only ever added for branches the test made. */
  if (branch == NULL)
    g_error ("The test added times for branch %s, which it did not add", slot->branch_id);
  zone = g_time_zone_new_identifier (branch->time_zone);
  iso = g_strdup_printf ("%sT%s:00", slot->date, slot->time);
  local = g_date_time_new_from_iso8601 (iso, zone);
  utc = g_date_time_to_utc (local);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.000+0000");
}

/* The appointment object, as Qmatic answers a booking and GET v1/appointments/{id}. */
static void
add_appointment (KpQmaticServer *self, JsonBuilder *builder, const char *id, const Slot *slot)
{
  g_autofree char *start = format_start_utc (self, slot);

  json_builder_begin_object (builder);
  add_string (builder, "publicId", id);
  add_string (builder, "start", start);
  add_string (builder, "title", "Online booking");
  json_builder_set_member_name (builder, "services");
  json_builder_begin_array (builder);
  add_service (builder, find_service (self, slot->service_id));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "branch");
  add_branch (builder, find_branch (self, slot->branch_id));
  json_builder_end_object (builder);
}

/* The first element of array member @name of @object when it is an object, or NULL. */
static JsonObject *
get_first_object (JsonObject *object, const char *name)
{
  JsonNode *member = json_object_get_member (object, name);
  JsonArray *array
      = member != NULL && JSON_NODE_HOLDS_ARRAY (member) ? json_node_get_array (member) : NULL;
  JsonNode *first = array != NULL && json_array_get_length (array) > 0
                        ? json_array_get_element (array, 0)
                        : NULL;

  return first != NULL && JSON_NODE_HOLDS_OBJECT (first) ? json_node_get_object (first) : NULL;
}

/* A string member, or NULL when it is missing or not a string. */
static const char *
get_string (JsonObject *object, const char *name)
{
  JsonNode *member = object != NULL ? json_object_get_member (object, name) : NULL;

  return member != NULL && json_node_get_value_type (member) == G_TYPE_STRING
             ? json_node_get_string (member)
             : NULL;
}

/*
 * The service a booking names in "services"[0]."publicId", when it also
 * names a customer with a "lastName"; NULL otherwise. (transfer none)
 */
static const char *
get_booking_service (JsonNode *root)
{
  JsonObject *booking = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;

  if (booking == NULL || get_string (get_first_object (booking, "customers"), "lastName") == NULL)
    return NULL;
  return get_string (get_first_object (booking, "services"), "publicId");
}

/*
 * POST v2/branches/{id}/dates/{date}/times/{hh:mm}/book, the service and
 * customer in the body: 200 with the appointment. As Qmatic answers: 409
 * when the time is no longer free. Assumed, to be checked: 400 for a body
 * without service or customer, or a time the branch does not offer.
 */
static void
answer_book (KpQmaticServer *self,
             SoupServerMessage *message,
             const char *branch_id,
             const char *date,
             const char *time)
{
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *id = NULL;
  const char *service_id = NULL;
  Slot *slot;

  g_free (self->last_booking);
  root = kp_test_http_parse_body (message, &self->last_booking);
  if (root != NULL)
    service_id = get_booking_service (root);
  if (service_id == NULL)
    {
      respond_error (message, SOUP_STATUS_BAD_REQUEST, "Invalid request body");
      return;
    }
  slot = find_slot (self, branch_id, service_id, date, time);
  if (slot == NULL)
    {
      respond_error (message, SOUP_STATUS_BAD_REQUEST, "Invalid timeslot");
      return;
    }
  if (!slot_is_free (slot))
    {
      respond_error (message, SOUP_STATUS_CONFLICT, "Timeslot not available");
      return;
    }

  slot->taken++;
  self->n_booked++;
  id = g_strdup_printf ("fa67a4692bb4c3fab9a0fbcc5511ff346b%02u", self->n_booked);
  g_hash_table_insert (self->appointments, g_strdup (id), slot);
  add_appointment (self, builder, id, slot);
  respond_json (message, SOUP_STATUS_OK, builder);
}

/* GET v1/appointments/{id}: {"appointment": {...}}; 404 for one that is unknown or deleted. */
static void
answer_appointment (KpQmaticServer *self, SoupServerMessage *message, const char *id)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  Slot *slot = g_hash_table_lookup (self->appointments, id);

  if (slot == NULL)
    {
      respond_error (message, SOUP_STATUS_NOT_FOUND, "Appointment not found");
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "appointment");
  add_appointment (self, builder, id, slot);
  json_builder_end_object (builder);
  respond_json (message, SOUP_STATUS_OK, builder);
}

/* DELETE v1/appointments/{id}: 204 without a body, which frees the time; 404 when unknown. */
static void
answer_delete (KpQmaticServer *self, SoupServerMessage *message, const char *id)
{
  Slot *slot = g_hash_table_lookup (self->appointments, id);

  if (slot == NULL)
    {
      respond_error (message, SOUP_STATUS_NOT_FOUND, "Appointment not found");
      return;
    }
  slot->taken--;
  g_hash_table_remove (self->appointments, id);
  soup_server_message_set_status (message, SOUP_STATUS_NO_CONTENT, NULL);
}

/* "dates;servicePublicId=X" → "dates" and "X"; FALSE without the parameter. */
static gboolean
split_service_parameter (const char *segment, const char *name, char **service_id)
{
  g_autofree char *prefix = g_strconcat (name, ";servicePublicId=", NULL);

  if (!g_str_has_prefix (segment, prefix))
    return FALSE;
  *service_id = g_strdup (segment + strlen (prefix));
  return TRUE;
}

/* Sends @message to the answer its method and path ask for; 404 for any other. */
static void
route (KpQmaticServer *self, SoupServerMessage *message, const char *method, char **parts)
{
  guint n = g_strv_length (parts);
  g_autofree char *service_id = NULL;
  gboolean get = g_str_equal (method, "GET");

  if (get && n == 2 && g_str_equal (parts[0], "v1") && g_str_equal (parts[1], "services"))
    answer_services (self, message);
  else if (get && n == 4 && g_str_equal (parts[0], "v1") && g_str_equal (parts[1], "services")
           && g_str_equal (parts[3], "branches"))
    answer_service_branches (self, message, parts[2]);
  else if (get && n == 3 && g_str_equal (parts[0], "v1") && g_str_equal (parts[1], "branches"))
    answer_branch (self, message, parts[2]);
  else if (get && n == 4 && g_str_equal (parts[0], "v2") && g_str_equal (parts[1], "branches")
           && split_service_parameter (parts[3], "dates", &service_id))
    answer_dates (self, message, parts[2], service_id);
  else if (get && n == 6 && g_str_equal (parts[0], "v2") && g_str_equal (parts[1], "branches")
           && g_str_equal (parts[3], "dates")
           && split_service_parameter (parts[5], "times", &service_id))
    answer_times (self, message, parts[2], parts[4], service_id);
  else if (g_str_equal (method, "POST") && n == 8 && g_str_equal (parts[0], "v2")
           && g_str_equal (parts[1], "branches") && g_str_equal (parts[3], "dates")
           && g_str_equal (parts[5], "times") && g_str_equal (parts[7], "book"))
    answer_book (self, message, parts[2], parts[4], parts[6]);
  else if (n == 3 && g_str_equal (parts[0], "v1") && g_str_equal (parts[1], "appointments"))
    {
      if (get)
        answer_appointment (self, message, parts[2]);
      else if (g_str_equal (method, "DELETE"))
        answer_delete (self, message, parts[2]);
      else
        respond_error (message, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method not allowed");
    }
  else
    respond_error (message, SOUP_STATUS_NOT_FOUND, "Not found");
}

/*
 * A slow answer holds up every other too, the server having one thread,
 * until the test stops the server or its slowness.
 */
static gboolean
is_still_slow (gpointer data)
{
  KpQmaticServer *self = data;
  gboolean still_slow;

  g_mutex_lock (&self->lock);
  still_slow = !self->stopping && self->behaviour == KP_QMATIC_SERVER_SLOW;
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
  KpQmaticServer *self = user_data;
  const char *method = soup_server_message_get_method (message);
  g_auto (GStrv) parts = NULL;
  KpQmaticServerBehaviour behaviour;
  guint delay_ms;

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->requests, g_strdup_printf ("%s %s", method, path));
  behaviour = self->behaviour;
  delay_ms = self->delay_ms;
  g_mutex_unlock (&self->lock);

  if (behaviour == KP_QMATIC_SERVER_SLOW)
    kp_test_http_sleep_while_slow (delay_ms, is_still_slow, self);

  g_mutex_lock (&self->lock);
  /* As Qmatic's API gateway answers a missing or wrong key. */
  if (!kp_test_http_header_is (message, "X-Api-Key", "", self->api_key))
    respond_error (message, SOUP_STATUS_UNAUTHORIZED, "Unauthorized");
  else if (behaviour == KP_QMATIC_SERVER_FAILING)
    respond_error (message, SOUP_STATUS_INTERNAL_SERVER_ERROR, "An error occured.");
  else if (behaviour == KP_QMATIC_SERVER_MALFORMED)
    kp_test_http_respond_json (message, SOUP_STATUS_OK, "{\"serviceList\": [");
  else if (behaviour == KP_QMATIC_SERVER_WRONG_SHAPE)
    kp_test_http_respond_json (message, SOUP_STATUS_OK, "{\"result\": 42}");
  else if (!g_str_has_prefix (path, BASE_PATH))
    respond_error (message, SOUP_STATUS_NOT_FOUND, "Not found");
  else
    {
      parts = g_strsplit (path + strlen (BASE_PATH), "/", -1);
      route (self, message, method, parts);
    }
  g_mutex_unlock (&self->lock);
}

KpQmaticServer *
kp_qmatic_server_new (const char *api_key)
{
  KpQmaticServer *self = g_new0 (KpQmaticServer, 1);

  self->api_key = g_strdup (api_key);
  g_mutex_init (&self->lock);
  self->services = g_ptr_array_new_with_free_func ((GDestroyNotify) service_free);
  self->branches = g_ptr_array_new_with_free_func ((GDestroyNotify) branch_free);
  self->slots = g_ptr_array_new_with_free_func ((GDestroyNotify) slot_free);
  self->appointments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->requests = g_ptr_array_new_with_free_func (g_free);
  self->http = kp_test_http_server_start (handle_request, self);
  self->url = g_strconcat (kp_test_http_server_get_base (self->http), BASE_PATH, NULL);
  return self;
}

void
kp_qmatic_server_free (KpQmaticServer *self)
{
  if (self == NULL)
    return;

  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_mutex_unlock (&self->lock);
  kp_test_http_server_stop (self->http);
  g_free (self->last_booking);
  g_ptr_array_unref (self->requests);
  g_hash_table_unref (self->appointments);
  g_ptr_array_unref (self->slots);
  g_ptr_array_unref (self->branches);
  g_ptr_array_unref (self->services);
  g_mutex_clear (&self->lock);
  g_free (self->url);
  g_free (self->api_key);
  g_free (self);
}

const char *
kp_qmatic_server_get_url (KpQmaticServer *self)
{
  return self->url;
}

void
kp_qmatic_server_add_service (KpQmaticServer *self,
                              const char *id,
                              const char *name,
                              guint duration_minutes,
                              gboolean public_enabled)
{
  Service *service = g_new0 (Service, 1);

  service->id = g_strdup (id);
  service->name = g_strdup (name);
  service->duration = duration_minutes;
  service->public_enabled = public_enabled;
  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->services, service);
  g_mutex_unlock (&self->lock);
}

void
kp_qmatic_server_add_branch (KpQmaticServer *self,
                             const char *id,
                             const char *name,
                             const char *time_zone,
                             const char *address_line,
                             const char *city,
                             const char *const *service_ids)
{
  Branch *branch = g_new0 (Branch, 1);

  branch->id = g_strdup (id);
  branch->name = g_strdup (name);
  branch->time_zone = g_strdup (time_zone);
  branch->address_line = g_strdup (address_line);
  branch->city = g_strdup (city);
  branch->service_ids = g_strdupv ((char **) service_ids);
  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->branches, branch);
  g_mutex_unlock (&self->lock);
}

void
kp_qmatic_server_add_times (KpQmaticServer *self,
                            const char *branch_id,
                            const char *service_id,
                            const char *date,
                            const char *times,
                            guint capacity)
{
  g_auto (GStrv) each = g_strsplit (times, " ", -1);

  g_mutex_lock (&self->lock);
  for (guint i = 0; each[i] != NULL; i++)
    {
      Slot *slot = g_new0 (Slot, 1);

      slot->branch_id = g_strdup (branch_id);
      slot->service_id = g_strdup (service_id);
      slot->date = g_strdup (date);
      slot->time = g_strdup (each[i]);
      slot->capacity = capacity;
      g_ptr_array_add (self->slots, slot);
    }
  g_mutex_unlock (&self->lock);
}

void
kp_qmatic_server_set_behaviour (KpQmaticServer *self,
                                KpQmaticServerBehaviour behaviour,
                                guint delay_ms)
{
  g_mutex_lock (&self->lock);
  self->behaviour = behaviour;
  self->delay_ms = delay_ms;
  g_mutex_unlock (&self->lock);
}

GStrv
kp_qmatic_server_dup_requests (KpQmaticServer *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->requests->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->requests, i));
  g_mutex_unlock (&self->lock);
  return g_strv_builder_end (builder);
}

char *
kp_qmatic_server_dup_last_booking (KpQmaticServer *self)
{
  char *booking;

  g_mutex_lock (&self->lock);
  booking = g_strdup (self->last_booking);
  g_mutex_unlock (&self->lock);
  return booking;
}

guint
kp_qmatic_server_count_appointments (KpQmaticServer *self)
{
  guint count;

  g_mutex_lock (&self->lock);
  count = g_hash_table_size (self->appointments);
  g_mutex_unlock (&self->lock);
  return count;
}
