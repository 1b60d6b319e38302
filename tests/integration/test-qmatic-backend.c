/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-qmatic-backend.h"
#include "kp-qmatic-server.h"
#include "kp-store-private.h"
#include "kp-test-helpers.h"

#include <glib/gstdio.h>
#include <string.h>

#define API_KEY         "test-key-3f9a1c"
#define SERVICE         "1e0c3d34acb5a4ad0133b2927959e896d844b"
#define BRANCH          "f364d92b7fa07a48c4ecc862de30c475"
#define BRANCH_NEW_YORK "b0a9e1"

/* Short, so the slow server is tested in a second; a kiosk uses 15. */
#define TIMEOUT_SECONDS 1

typedef struct
{
  char *dir;
  KpQmaticServer *server;
  KpStore *store;
  KpQmaticBackend *qmatic;
  KpAppointmentBackend *backend;
  GDate day;      /* a day with three times, one place each */
  GDate next_day; /* the day after, with one time */
  char *day_text;
} Fixture;

static char *
format_date (const GDate *date)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  return g_strdup (text);
}

/* A backend for the fixture's server and store, with @api_key. (transfer full) */
static KpQmaticBackend *
new_backend (Fixture *fixture, const char *api_key)
{
  g_autoptr (GError) error = NULL;
  KpQmaticBackend *qmatic = kp_qmatic_backend_new (
      fixture->store, kp_qmatic_server_get_url (fixture->server), api_key, TIMEOUT_SECONDS, &error);

  g_assert_no_error (error);
  return qmatic;
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  static const char *const services[] = { SERVICE, NULL };
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *path = NULL;
  g_autofree char *next_day_text = NULL;
  g_autoptr (GError) error = NULL;

  fixture->dir = kp_test_make_tmpdir ("qmatic");
  path = g_build_filename (fixture->dir, "kernpunt.db", NULL);
  fixture->store = kp_store_open (path, &error);
  g_assert_no_error (error);

  g_date_clear (&fixture->day, 1);
  g_date_set_dmy (&fixture->day, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
  g_date_add_days (&fixture->day, 30);
  fixture->next_day = fixture->day;
  g_date_add_days (&fixture->next_day, 1);
  fixture->day_text = format_date (&fixture->day);
  next_day_text = format_date (&fixture->next_day);

  fixture->server = kp_qmatic_server_new (API_KEY);
  kp_qmatic_server_add_service (fixture->server, SERVICE, "Paspoort aanvragen", 10, TRUE);
  kp_qmatic_server_add_service (fixture->server, "intern", "Intern overleg", 30, FALSE);
  kp_qmatic_server_add_branch (fixture->server, BRANCH, "Stadskantoor", "Europe/Amsterdam",
                               "Markt 1", "Lindeveen", services);
  kp_qmatic_server_add_branch (fixture->server, BRANCH_NEW_YORK, "Consulaat", "America/New_York",
                               NULL, "New York", services);
  kp_qmatic_server_add_times (fixture->server, BRANCH, SERVICE, fixture->day_text,
                              "09:20 09:00 09:10", 1);
  kp_qmatic_server_add_times (fixture->server, BRANCH, SERVICE, next_day_text, "10:00", 1);
  kp_qmatic_server_add_times (fixture->server, BRANCH_NEW_YORK, SERVICE, fixture->day_text, "09:00",
                              1);

  fixture->qmatic = new_backend (fixture, API_KEY);
  fixture->backend = KP_APPOINTMENT_BACKEND (fixture->qmatic);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_assert_finalize_object (fixture->qmatic);
  g_clear_pointer (&fixture->server, kp_qmatic_server_free);
  g_assert_finalize_object (fixture->store);
  kp_test_remove_tree (fixture->dir);
  g_free (fixture->day_text);
  g_free (fixture->dir);
}

/* @hour:@minute on @date at @zone_name. (transfer full) */
static GDateTime *
new_time (const GDate *date, const char *zone_name, int hour, int minute)
{
  g_autoptr (GTimeZone) zone = g_time_zone_new_identifier (zone_name);

  return g_date_time_new (zone, g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date), hour, minute, 0);
}

static KpAppointment *
new_appointment (const char *branch, GDateTime *start)
{
  g_autoptr (KpAppointment) appointment = kp_appointment_new ();
  g_autoptr (GError) error = NULL;

  kp_appointment_set_product (appointment, SERVICE, "Paspoort aanvragen");
  kp_appointment_set_location (appointment, branch, "Stadskantoor", "Markt 1, Lindeveen");
  kp_appointment_set_start (appointment, start, 10);
  kp_appointment_set_name (appointment, "Zoë de Vries", &error);
  g_assert_no_error (error);
  kp_appointment_set_email (appointment, "zoe@example.nl", &error);
  g_assert_no_error (error);
  kp_appointment_set_phone (appointment, "06 12345678", &error);
  g_assert_no_error (error);
  return g_steal_pointer (&appointment);
}

static gboolean
has_request (Fixture *fixture, const char *request)
{
  g_auto (GStrv) requests = kp_qmatic_server_dup_requests (fixture->server);

  return g_strv_contains ((const char *const *) requests, request);
}

static int
query_int (KpStore *store, const char *sql)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (kp_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int (stmt, 0);
}

/* ---- Tests ---- */

/* Only the services residents may book, with their duration. */
static void
test_products (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) products
      = kp_appointment_backend_list_products (fixture->backend, NULL, &error);
  KpAppointmentProduct *product;

  g_assert_no_error (error);
  g_assert_cmpuint (products->len, ==, 1);
  product = g_ptr_array_index (products, 0);
  g_assert_cmpstr (product->id, ==, SERVICE);
  g_assert_cmpstr (product->name, ==, "Paspoort aanvragen");
  g_assert_cmpuint (product->duration_minutes, ==, 10);
  g_assert_true (has_request (fixture, "GET /calendar-backend/public/api/v1/services"));
  g_assert_cmpstr (kp_appointment_backend_get_name (fixture->backend), ==, "qmatic");
}

static void
test_locations (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) locations
      = kp_appointment_backend_list_locations (fixture->backend, SERVICE, NULL, &error);
  KpAppointmentLocation *location;

  g_assert_no_error (error);
  g_assert_cmpuint (locations->len, ==, 2);
  location = g_ptr_array_index (locations, 0);
  g_assert_cmpstr (location->id, ==, BRANCH);
  g_assert_cmpstr (location->name, ==, "Stadskantoor");
  g_assert_cmpstr (location->address, ==, "Markt 1, Lindeveen");
  g_assert_true (
      has_request (fixture, "GET /calendar-backend/public/api/v1/services/" SERVICE "/branches"));

  /* Wrong on purpose: a service Qmatic does not know. */
  g_clear_pointer (&locations, g_ptr_array_unref);
  locations
      = kp_appointment_backend_list_locations (fixture->backend, "bestaat-niet", NULL, &error);
  g_assert_error (error, KP_APPOINTMENT_BACKEND_ERROR, KP_APPOINTMENT_BACKEND_ERROR_NOT_FOUND);
  g_assert_null (locations);
}

/* Qmatic has no range: the days outside the one asked for are left out here. */
static void
test_dates (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) dates = NULL;
  GDate until = fixture->day;

  g_date_add_days (&until, 5);
  dates = kp_appointment_backend_list_dates (fixture->backend, SERVICE, BRANCH, &fixture->day,
                                             &until, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dates->len, ==, 2);
  g_assert_cmpint (g_date_compare (g_ptr_array_index (dates, 0), &fixture->day), ==, 0);
  g_assert_cmpint (g_date_compare (g_ptr_array_index (dates, 1), &fixture->next_day), ==, 0);
  g_assert_true (has_request (fixture, "GET /calendar-backend/public/api/v2/branches/" BRANCH
                                       "/dates;servicePublicId=" SERVICE));

  g_clear_pointer (&dates, g_ptr_array_unref);
  dates = kp_appointment_backend_list_dates (fixture->backend, SERVICE, BRANCH, &fixture->next_day,
                                             &fixture->next_day, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dates->len, ==, 1);
}

/* Times are the branch's clock times, in the branch's zone, earliest first. */
static void
test_times_in_branch_zone (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) times = kp_appointment_backend_list_times (
      fixture->backend, SERVICE, BRANCH, &fixture->day, NULL, &error);
  g_autoptr (GPtrArray) new_york = NULL;
  g_autoptr (GDateTime) nine_in_new_york = new_time (&fixture->day, "America/New_York", 9, 0);
  g_autofree char *path = g_strdup_printf ("GET /calendar-backend/public/api/v2/branches/" BRANCH
                                           "/dates/%s/times;servicePublicId=" SERVICE,
                                           fixture->day_text);

  g_assert_no_error (error);
  g_assert_cmpuint (times->len, ==, 3);
  for (guint i = 0; i < times->len; i++)
    {
      g_autoptr (GDateTime) expected
          = new_time (&fixture->day, "Europe/Amsterdam", 9, 10 * (int) i);

      g_assert_true (g_date_time_equal (g_ptr_array_index (times, i), expected));
      g_assert_cmpstr (
          g_time_zone_get_identifier (g_date_time_get_timezone (g_ptr_array_index (times, i))), ==,
          "Europe/Amsterdam");
    }
  g_assert_true (has_request (fixture, path));
  g_assert_true (has_request (fixture, "GET /calendar-backend/public/api/v1/branches/" BRANCH));

  new_york = kp_appointment_backend_list_times (fixture->backend, SERVICE, BRANCH_NEW_YORK,
                                                &fixture->day, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (new_york->len, ==, 1);
  g_assert_true (g_date_time_equal (g_ptr_array_index (new_york, 0), nine_in_new_york));
  g_assert_cmpint (g_date_time_get_hour (g_ptr_array_index (new_york, 0)), ==, 9);
}

/* What goes over the wire, what Qmatic gives back, and what stays at the kiosk. */
static void
test_book (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GDateTime) start = new_time (&fixture->day, "Europe/Amsterdam", 9, 10);
  /* The same instant, as a machine in another zone would hold it. */
  g_autoptr (GDateTime) start_utc = g_date_time_to_utc (start);
  g_autoptr (KpAppointment) appointment = new_appointment (BRANCH, start_utc);
  g_autoptr (KpAppointment) found = NULL;
  g_autoptr (GPtrArray) times = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) body = NULL;
  g_autofree char *booking = NULL;
  g_autofree char *path = g_strdup_printf ("POST /calendar-backend/public/api/v2/branches/" BRANCH
                                           "/dates/%s/times/09:10/book",
                                           fixture->day_text);
  g_autofree char *sql = NULL;
  JsonObject *customer;

  g_assert_true (kp_appointment_backend_book (fixture->backend, appointment, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kp_appointment_get_state (appointment), ==, KP_APPOINTMENT_STATE_BOOKED);
  g_assert_cmpstr (kp_appointment_get_remote_id (appointment), ==,
                   "fa67a4692bb4c3fab9a0fbcc5511ff346b01");
  g_assert_cmpint (g_date_time_get_hour (kp_appointment_get_start (appointment)), ==, 9);
  g_assert_true (has_request (fixture, path));

  booking = kp_qmatic_server_dup_last_booking (fixture->server);
  body = kp_test_parse_json (booking);
  g_assert_cmpstr (
      json_object_get_string_member (
          json_array_get_object_element (
              json_object_get_array_member (json_node_get_object (body), "services"), 0),
          "publicId"),
      ==, SERVICE);
  customer = json_array_get_object_element (
      json_object_get_array_member (json_node_get_object (body), "customers"), 0);
  g_assert_cmpstr (json_object_get_string_member (customer, "lastName"), ==, "Zoë de Vries");
  g_assert_cmpstr (json_object_get_string_member (customer, "email"), ==, "zoe@example.nl");
  g_assert_cmpstr (json_object_get_string_member (customer, "phone"), ==, "0612345678");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (body), "notes"), ==,
                   kp_appointment_get_reference (appointment));

  /* The time is gone from what is offered. */
  times = kp_appointment_backend_list_times (fixture->backend, SERVICE, BRANCH, &fixture->day, NULL,
                                             &error);
  g_assert_no_error (error);
  g_assert_cmpuint (times->len, ==, 2);

  /* Locally: the reference, what and when, Qmatic's id; no name or contact. */
  sql = g_strdup_printf ("SELECT count(*) FROM appointments WHERE reference = '%s'"
                         " AND remote_id = 'fa67a4692bb4c3fab9a0fbcc5511ff346b01'"
                         " AND backend = 'qmatic' AND time_zone = 'Europe/Amsterdam'"
                         " AND name IS NULL AND email IS NULL AND phone IS NULL",
                         kp_appointment_get_reference (appointment));
  g_assert_cmpint (query_int (fixture->store, sql), ==, 1);

  found = kp_appointment_backend_lookup (fixture->backend,
                                         kp_appointment_get_reference (appointment), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kp_appointment_get_state (found), ==, KP_APPOINTMENT_STATE_BOOKED);
  g_assert_true (g_date_time_equal (kp_appointment_get_start (found), start));
  g_assert_cmpint (g_date_time_get_hour (kp_appointment_get_start (found)), ==, 9);
  g_assert_true (has_request (fixture, "GET /calendar-backend/public/api/v1/appointments/"
                                       "fa67a4692bb4c3fab9a0fbcc5511ff346b01"));
}

/* Someone else was first: SLOT_TAKEN, and the next free time is offered. */
static void
test_slot_taken (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GDateTime) nine_ten = new_time (&fixture->day, "Europe/Amsterdam", 9, 10);
  g_autoptr (GDateTime) nine_twenty = new_time (&fixture->day, "Europe/Amsterdam", 9, 20);
  g_autoptr (KpAppointment) first = new_appointment (BRANCH, nine_ten);
  g_autoptr (KpAppointment) second = new_appointment (BRANCH, nine_ten);
  g_autoptr (GDateTime) next = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (kp_appointment_backend_book (fixture->backend, first, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (kp_appointment_backend_book (fixture->backend, second, NULL, &error));
  g_assert_error (error, KP_APPOINTMENT_BACKEND_ERROR, KP_APPOINTMENT_BACKEND_ERROR_SLOT_TAKEN);
  g_assert_nonnull (strstr (error->message, "409"));
  g_assert_cmpint (kp_appointment_get_state (second), ==, KP_APPOINTMENT_STATE_NEW);
  g_clear_error (&error);

  next = kp_appointment_backend_find_next_free (fixture->backend, SERVICE, BRANCH, nine_ten, NULL,
                                                &error);
  g_assert_no_error (error);
  g_assert_true (g_date_time_equal (next, nine_twenty));
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM appointments"), ==, 1);
}

/* A time the branch does not offer is refused as the request being wrong. */
static void
test_refuses_unknown_time (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GDateTime) quarter_past = new_time (&fixture->day, "Europe/Amsterdam", 9, 15);
  g_autoptr (KpAppointment) appointment = new_appointment (BRANCH, quarter_past);
  g_autoptr (GError) error = NULL;

  g_assert_false (kp_appointment_backend_book (fixture->backend, appointment, NULL, &error));
  g_assert_error (error, KP_APPOINTMENT_BACKEND_ERROR, KP_APPOINTMENT_BACKEND_ERROR_INVALID);
  g_assert_cmpuint (kp_qmatic_server_count_appointments (fixture->server), ==, 0);
}

static void
test_cancel (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GDateTime) nine = new_time (&fixture->day, "Europe/Amsterdam", 9, 0);
  g_autoptr (KpAppointment) appointment = new_appointment (BRANCH, nine);
  g_autoptr (KpAppointment) found = NULL;
  g_autoptr (GPtrArray) times = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *delete = NULL;

  kp_appointment_backend_book (fixture->backend, appointment, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kp_qmatic_server_count_appointments (fixture->server), ==, 1);

  g_assert_true (kp_appointment_backend_cancel (fixture->backend, appointment, NULL, &error));
  g_assert_no_error (error);
  delete = g_strdup_printf ("DELETE /calendar-backend/public/api/v1/appointments/%s",
                            kp_appointment_get_remote_id (appointment));
  g_assert_true (has_request (fixture, delete));
  g_assert_cmpuint (kp_qmatic_server_count_appointments (fixture->server), ==, 0);
  g_assert_cmpint (kp_appointment_get_state (appointment), ==, KP_APPOINTMENT_STATE_CANCELLED);

  /* The place is offered again. */
  times = kp_appointment_backend_list_times (fixture->backend, SERVICE, BRANCH, &fixture->day, NULL,
                                             &error);
  g_assert_no_error (error);
  g_assert_cmpuint (times->len, ==, 3);

  found = kp_appointment_backend_lookup (fixture->backend,
                                         kp_appointment_get_reference (appointment), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kp_appointment_get_state (found), ==, KP_APPOINTMENT_STATE_CANCELLED);

  /* Wrong on purpose: cancelling twice. */
  g_assert_false (kp_appointment_backend_cancel (fixture->backend, appointment, NULL, &error));
  g_assert_error (error, KP_APPOINTMENT_BACKEND_ERROR, KP_APPOINTMENT_BACKEND_ERROR_INVALID);
}

/* Cancelled at the desk, behind the kiosk's back: the lookup shows it cancelled. */
static void
test_cancelled_elsewhere (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GDateTime) nine = new_time (&fixture->day, "Europe/Amsterdam", 9, 0);
  g_autoptr (KpAppointment) appointment = new_appointment (BRANCH, nine);
  g_autoptr (KpAppointment) desk_copy = NULL;
  g_autoptr (KpAppointment) found = NULL;
  g_autoptr (KpQmaticBackend) desk = NULL;
  g_autoptr (GError) error = NULL;

  kp_appointment_backend_book (fixture->backend, appointment, NULL, &error);
  g_assert_no_error (error);
  /* Another client of the same agenda deletes it; this kiosk's record still says booked. */
  desk = new_backend (fixture, API_KEY);
  desk_copy = kp_appointment_backend_lookup (
      KP_APPOINTMENT_BACKEND (desk), kp_appointment_get_reference (appointment), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (
      kp_appointment_backend_cancel (KP_APPOINTMENT_BACKEND (desk), desk_copy, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (kp_store_exec (
      fixture->store, "UPDATE appointments SET state = 'booked', cancelled_at = NULL", &error));
  g_assert_no_error (error);

  found = kp_appointment_backend_lookup (fixture->backend,
                                         kp_appointment_get_reference (appointment), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kp_appointment_get_state (found), ==, KP_APPOINTMENT_STATE_CANCELLED);
  g_assert_cmpint (
      query_int (fixture->store, "SELECT count(*) FROM appointments WHERE state = 'cancelled'"), ==,
      1);
}

/*
 * A backend that is slow, failing, talking nonsense, refusing the key or
 * gone: every call ends within the timeout as UNAVAILABLE, with a detailed
 * message for the log that holds neither the key nor personal data, and
 * one B1 sentence for the resident.
 */
static void
test_failures (Fixture *fixture, gconstpointer data)
{
  const struct
  {
    KpQmaticServerBehaviour behaviour;
    const char *api_key;
    const char *message_part;
  } cases[] = {
    { KP_QMATIC_SERVER_FAILING, API_KEY, "HTTP 500" },
    { KP_QMATIC_SERVER_MALFORMED, API_KEY, "not what Qmatic sends" },
    { KP_QMATIC_SERVER_WRONG_SHAPE, API_KEY, "not what Qmatic sends" },
    { KP_QMATIC_SERVER_NORMAL, "wrong-key-77", "API key was refused" },
    { KP_QMATIC_SERVER_SLOW, API_KEY, "no answer within 1 second" },
  };
  g_autoptr (GDateTime) nine = new_time (&fixture->day, "Europe/Amsterdam", 9, 0);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (KpQmaticBackend) qmatic = new_backend (fixture, cases[i].api_key);
      KpAppointmentBackend *backend = KP_APPOINTMENT_BACKEND (qmatic);
      g_autoptr (KpAppointment) appointment = new_appointment (BRANCH, nine);
      g_autoptr (GPtrArray) products = NULL;
      g_autoptr (GError) error = NULL;
      gint64 started;
      gint64 took_ms;

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      kp_qmatic_server_set_behaviour (fixture->server, cases[i].behaviour, 3000);
      started = g_get_monotonic_time ();
      products = kp_appointment_backend_list_products (backend, NULL, &error);
      took_ms = (g_get_monotonic_time () - started) / 1000;
      g_assert_null (products);
      g_assert_error (error, KP_APPOINTMENT_BACKEND_ERROR,
                      KP_APPOINTMENT_BACKEND_ERROR_UNAVAILABLE);
      g_test_message ("%s (%" G_GINT64_FORMAT " ms)", error->message, took_ms);
      g_assert_nonnull (strstr (error->message, cases[i].message_part));
      g_assert_nonnull (strstr (error->message, "GET v1/services"));
      g_assert_null (strstr (error->message, cases[i].api_key));
      g_assert_cmpint (took_ms, <, 2500);
      g_assert_cmpstr (kp_appointment_backend_error_get_resident_message (error), ==,
                       "The agenda cannot be reached right now. Please try again later, or ask a "
                       "volunteer for help.");
      g_clear_error (&error);

      /* A booking that fails says nothing about the resident. */
      g_assert_false (kp_appointment_backend_book (backend, appointment, NULL, &error));
      g_assert_error (error, KP_APPOINTMENT_BACKEND_ERROR,
                      KP_APPOINTMENT_BACKEND_ERROR_UNAVAILABLE);
      g_assert_null (strstr (error->message, "Zoë"));
      g_assert_null (strstr (error->message, "0612345678"));
      g_assert_null (strstr (error->message, "zoe@"));
    }
  kp_qmatic_server_set_behaviour (fixture->server, KP_QMATIC_SERVER_NORMAL, 0);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM appointments"), ==, 0);
}

/* Nobody listening at all. */
static void
test_server_gone (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) products = NULL;

  g_clear_pointer (&fixture->server, kp_qmatic_server_free);
  products = kp_appointment_backend_list_products (fixture->backend, NULL, &error);
  g_assert_null (products);
  g_assert_error (error, KP_APPOINTMENT_BACKEND_ERROR, KP_APPOINTMENT_BACKEND_ERROR_UNAVAILABLE);
}

/* The key file is refused unless only its owner can read it. */
static void
test_api_key_file (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "qmatic-key", NULL);
  g_autofree char *config_text = NULL;
  g_autofree char *key = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KpConfig) config = NULL;
  g_autoptr (KpAppointmentBackend) backend = NULL;
  g_autoptr (GPtrArray) products = NULL;

  kp_test_write_file (fixture->dir, "qmatic-key", API_KEY "\n");
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  key = kp_qmatic_backend_read_api_key (path, &error);
  g_assert_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "chmod 600"));
  g_assert_null (key);
  g_clear_error (&error);

  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  key = kp_qmatic_backend_read_api_key (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, API_KEY);

  /* The whole way from the configuration. */
  config_text = g_strdup_printf ("[storage]\ndata-dir=%s\n"
                                 "[appointments]\nbackend=qmatic\n"
                                 "[qmatic]\nurl=%s\napi-key-file=%s\ntimeout-seconds=5\n",
                                 fixture->dir, kp_qmatic_server_get_url (fixture->server), path);
  config = kp_config_new_from_data (config_text, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kp_config_get_qmatic_timeout_seconds (config), ==, 5);
  backend = kp_appointment_backend_new_for_config (config, fixture->store, &error);
  g_assert_no_error (error);
  g_assert_true (KP_IS_QMATIC_BACKEND (backend));
  products = kp_appointment_backend_list_products (backend, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (products->len, ==, 1);

  /* Wrong on purpose: a missing key file. */
  g_clear_pointer (&key, g_free);
  key = kp_qmatic_backend_read_api_key ("/nonexistent/qmatic-key", &error);
  g_assert_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_INVALID_VALUE);
  g_assert_null (key);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);
  home = kp_test_init_home ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/qmatic/products", test_products);
  ADD ("/qmatic/locations", test_locations);
  ADD ("/qmatic/dates", test_dates);
  ADD ("/qmatic/times-in-branch-zone", test_times_in_branch_zone);
  ADD ("/qmatic/book", test_book);
  ADD ("/qmatic/slot-taken", test_slot_taken);
  ADD ("/qmatic/refuses-unknown-time", test_refuses_unknown_time);
  ADD ("/qmatic/cancel", test_cancel);
  ADD ("/qmatic/cancelled-elsewhere", test_cancelled_elsewhere);
  ADD ("/qmatic/failures", test_failures);
  ADD ("/qmatic/server-gone", test_server_gone);
  ADD ("/qmatic/api-key-file", test_api_key_file);
#undef ADD

  result = g_test_run ();
  kp_test_remove_tree (home);
  return result;
}
