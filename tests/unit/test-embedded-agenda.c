/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-config.h"
#include "kp-embedded-agenda.h"
#include "kp-store-private.h"
#include "kp-test-helpers.h"

#include <string.h>

#define ZONE "Europe/Amsterdam"

/*
 * A town hall open Monday 09:00–10:00 in 20-minute slots with two places
 * each, Wednesday morning and afternoon in 15-minute slots, closed on
 * CLOSED_DAY (a Wednesday the test fills in), and a library that only
 * offers help on Tuesday.
 */
static const char agenda_template[] = "[product paspoort]\n"
                                      "name=Paspoort of ID-kaart\n"
                                      "[product digitale-hulp]\n"
                                      "name=Hulp met DigiD\n"
                                      "[location stadhuis]\n"
                                      "name=Stadhuis\n"
                                      "address=Markt 1, Lindeveen\n"
                                      "products=paspoort\n"
                                      "time-zone=" ZONE "\n"
                                      "slot-minutes=%s\n"
                                      "capacity=%s\n"
                                      "monday=09:00-10:00\n"
                                      "wednesday=09:00-09:30, 13:00-13:45\n"
                                      "closed=%s\n"
                                      "[location bibliotheek]\n"
                                      "name=Bibliotheek\n"
                                      "products=digitale-hulp\n"
                                      "tuesday=10:00-12:00\n";

typedef struct
{
  char *dir;
  KpStore *store;
  KpEmbeddedAgenda *agenda;
  KpAppointmentBackend *backend; /* the agenda, as callers see it */
  GDate monday;                  /* a Monday at least a week ahead */
  GDate closed_wednesday;        /* the Wednesday after it, closed */
} Fixture;

/* The first @weekday at least @min_days ahead of today. */
static void
find_weekday_ahead (GDate *date, GDateWeekday weekday, guint min_days)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
  g_date_add_days (date, min_days);
  while (g_date_get_weekday (date) != weekday)
    g_date_add_days (date, 1);
}

static char *
format_date (const GDate *date)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  return g_strdup (text);
}

/* (transfer full) */
static char *
make_agenda (const GDate *closed, const char *slot_minutes, const char *capacity)
{
  g_autofree char *closed_text = format_date (closed);

  return g_strdup_printf (agenda_template, slot_minutes, capacity, closed_text);
}

static void
open_agenda (Fixture *fixture, const char *slot_minutes, const char *capacity)
{
  g_autofree char *path = g_build_filename (fixture->dir, "kernpunt.db", NULL);
  g_autofree char *agenda = make_agenda (&fixture->closed_wednesday, slot_minutes, capacity);
  g_autoptr (GError) error = NULL;

  fixture->store = kp_store_open (path, &error);
  g_assert_no_error (error);
  fixture->agenda = kp_embedded_agenda_new_from_data (fixture->store, agenda, &error);
  g_assert_no_error (error);
  fixture->backend = KP_APPOINTMENT_BACKEND (fixture->agenda);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  fixture->dir = kp_test_make_tmpdir ("agenda");
  find_weekday_ahead (&fixture->monday, G_DATE_MONDAY, 7);
  fixture->closed_wednesday = fixture->monday;
  g_date_add_days (&fixture->closed_wednesday, 9);
  open_agenda (fixture, "20", "2");
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_assert_finalize_object (fixture->agenda);
  g_assert_finalize_object (fixture->store);
  kp_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* "09:00+01" for each time, joined with spaces, as a person would check them. (transfer full) */
static char *
format_times (GPtrArray *times)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < times->len; i++)
    {
      g_autofree char *time = g_date_time_format (g_ptr_array_index (times, i), "%H:%M%:::z");

      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, time);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
format_dates (GPtrArray *dates)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < dates->len; i++)
    {
      g_autofree char *date = format_date (g_ptr_array_index (dates, i));

      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, date);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
list_times_text (KpAppointmentBackend *backend,
                 const char *product,
                 const char *location,
                 const GDate *date)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) times
      = kp_appointment_backend_list_times (backend, product, location, date, NULL, &error);

  g_assert_no_error (error);
  return format_times (times);
}

/* The offset of Amsterdam on @date: "+01" in winter, "+02" in summer. */
static const char *
amsterdam_offset (const GDate *date)
{
  g_autoptr (GTimeZone) zone = g_time_zone_new_identifier (ZONE);
  g_autoptr (GDateTime) noon = g_date_time_new (
      zone, g_date_get_year (date), g_date_get_month (date), g_date_get_day (date), 12, 0, 0);

  return g_date_time_get_utc_offset (noon) == 2 * G_TIME_SPAN_HOUR ? "+02" : "+01";
}

/* "09:00+01 09:20+01 09:40+01" for those clock times on @date. (transfer full) */
static char *
expected_times (const GDate *date, const char *const *clock_times)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; clock_times[i] != NULL; i++)
    g_string_append_printf (text, "%s%s%s", i > 0 ? " " : "", clock_times[i],
                            amsterdam_offset (date));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A new appointment for @product at @location at @start, ready to book. (transfer full) */
static KpAppointment *
new_appointment (const char *product, const char *location, GDateTime *start, const char *name)
{
  g_autoptr (KpAppointment) appointment = kp_appointment_new ();
  g_autoptr (GError) error = NULL;

  kp_appointment_set_product (appointment, product, "Paspoort of ID-kaart");
  kp_appointment_set_location (appointment, location, "Stadhuis", NULL);
  kp_appointment_set_start (appointment, start, 0);
  kp_appointment_set_name (appointment, name, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&appointment);
}

/* @clock ("09:20") on @date in Amsterdam. (transfer full) */
static GDateTime *
new_amsterdam_time (const GDate *date, int hour, int minute)
{
  g_autoptr (GTimeZone) zone = g_time_zone_new_identifier (ZONE);

  return g_date_time_new (zone, g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date), hour, minute, 0);
}

/* ---- Tests ---- */

/* Every product the guidance links to can be booked in the demo agenda. */
static void
test_demo_agenda (void)
{
  g_autofree char *dir = kp_test_make_tmpdir ("agenda");
  g_autofree char *path = g_build_filename (dir, "kernpunt.db", NULL);
  g_autofree char *products_file = kp_test_source_path ("ui", "guide", "nl", "products.txt", NULL);
  g_autofree char *products_text = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) products = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (KpConfig) config = kp_config_new_default ();
  KpAppointmentBackend *backend;
  KpStore *store;
  guint n_guide_products = 0;

  store = kp_store_open (path, &error);
  g_assert_no_error (error);
  backend = kp_appointment_backend_new_for_config (config, store, &error);
  g_assert_no_error (error);
  g_assert_true (KP_IS_EMBEDDED_AGENDA (backend));
  g_assert_cmpstr (kp_appointment_backend_get_name (backend), ==, "embedded");

  g_file_get_contents (products_file, &products_text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (products_text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr (GPtrArray) locations = NULL;

      if (!g_str_has_prefix (lines[i], "Id: "))
        continue;
      locations = kp_appointment_backend_list_locations (backend, lines[i] + 4, NULL, &error);
      g_assert_no_error (error);
      g_test_message ("product %s", lines[i] + 4);
      g_assert_cmpuint (locations->len, >=, 1);
      n_guide_products++;
    }
  g_assert_cmpuint (n_guide_products, >=, 10);

  /* And the information point's own agenda: volunteers' help in the library. */
  products = kp_appointment_backend_list_products (backend, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (products->len, ==, n_guide_products + 1);
  {
    g_autoptr (GPtrArray) locations
        = kp_appointment_backend_list_locations (backend, "digitale-hulp", NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (locations->len, ==, 1);
    g_assert_cmpstr (((KpAppointmentLocation *) g_ptr_array_index (locations, 0))->address, ==,
                     "Dorpsstraat 4, Lindeveen");
  }

  g_assert_finalize_object (backend);
  g_assert_finalize_object (store);
  kp_test_remove_tree (dir);
}

/* Every row of the agenda's definition, as one text to compare. (transfer full) */
static char *
dump_agenda (KpStore *store)
{
  static const char *const queries[] = {
    "SELECT id, name, position FROM agenda_products ORDER BY id",
    "SELECT id, name, address, time_zone, slot_minutes, capacity, position"
    " FROM agenda_locations ORDER BY id",
    "SELECT location_id, product_id FROM agenda_offers ORDER BY 1, 2",
    "SELECT location_id, weekday, opens, closes FROM agenda_hours ORDER BY 1, 2, 3",
    "SELECT location_id, day FROM agenda_closed ORDER BY 1, 2",
  };
  g_autoptr (GString) dump = g_string_new (NULL);

  for (gsize q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr (sqlite3_stmt) stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (kp_store_get_db (store), queries[q], -1, &stmt, NULL),
                       ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (dump, "%s|", (const char *) sqlite3_column_text (stmt, c));
          g_string_append_c (dump, '\n');
        }
    }
  return g_string_free (g_steal_pointer (&dump), FALSE);
}

/* kiosk-image/agenda.conf.example documents the demo agenda: it must be the same agenda. */
static void
test_example_is_the_demo (void)
{
  g_autofree char *dir = kp_test_make_tmpdir ("agenda");
  g_autofree char *demo_path = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *example_path = g_build_filename (dir, "example.db", NULL);
  g_autofree char *example = kp_test_source_path ("kiosk-image", "agenda.conf.example", NULL);
  g_autoptr (GError) error = NULL;
  KpStore *demo_store = kp_store_open (demo_path, &error);
  KpStore *example_store = kp_store_open (example_path, &error);
  KpEmbeddedAgenda *demo = kp_embedded_agenda_new (demo_store, NULL, &error);
  KpEmbeddedAgenda *from_example = kp_embedded_agenda_new (example_store, example, &error);
  g_autofree char *demo_dump = NULL;
  g_autofree char *example_dump = NULL;

  g_assert_no_error (error);
  demo_dump = dump_agenda (demo_store);
  example_dump = dump_agenda (example_store);
  g_assert_cmpuint (strlen (demo_dump), >, 500);
  g_assert_cmpstr (example_dump, ==, demo_dump);

  g_assert_finalize_object (from_example);
  g_assert_finalize_object (demo);
  g_assert_finalize_object (example_store);
  g_assert_finalize_object (demo_store);
  kp_test_remove_tree (dir);
}

static void
test_products_and_locations (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) products
      = kp_appointment_backend_list_products (fixture->backend, NULL, &error);
  g_autoptr (GPtrArray) locations = NULL;
  KpAppointmentProduct *product;
  KpAppointmentLocation *location;

  g_assert_no_error (error);
  g_assert_cmpuint (products->len, ==, 2);
  product = g_ptr_array_index (products, 0);
  g_assert_cmpstr (product->id, ==, "paspoort");
  g_assert_cmpstr (product->name, ==, "Paspoort of ID-kaart");

  locations = kp_appointment_backend_list_locations (fixture->backend, "paspoort", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (locations->len, ==, 1);
  location = g_ptr_array_index (locations, 0);
  g_assert_cmpstr (location->id, ==, "stadhuis");
  g_assert_cmpstr (location->name, ==, "Stadhuis");
  g_assert_cmpstr (location->address, ==, "Markt 1, Lindeveen");

  g_clear_pointer (&locations, g_ptr_array_unref);
  locations = kp_appointment_backend_list_locations (fixture->backend, "rijbewijs", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (locations->len, ==, 0);
}

/* Slots follow the opening hours, skip the closed day, and fit before closing. */
static void
test_slots (Fixture *fixture, gconstpointer data)
{
  static const char *const monday_times[] = { "09:00", "09:20", "09:40", NULL };
  static const char *const wednesday_times[] = { "09:00", "13:00", "13:20", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) dates = NULL;
  g_autofree char *dates_text = NULL;
  g_autofree char *times = NULL;
  g_autofree char *expected = NULL;
  GDate from = fixture->monday;
  GDate to = fixture->monday;
  GDate wednesday = fixture->monday;
  GDate sunday = fixture->monday;
  g_autofree char *monday_text = format_date (&fixture->monday);
  g_autofree char *wednesday_text = NULL;
  g_autofree char *next_monday_text = NULL;

  /* Two weeks from a Monday: both Mondays, the first Wednesday; the second is closed. */
  g_date_add_days (&to, 13);
  g_date_add_days (&wednesday, 2);
  dates = kp_appointment_backend_list_dates (fixture->backend, "paspoort", "stadhuis", &from, &to,
                                             NULL, &error);
  g_assert_no_error (error);
  wednesday_text = format_date (&wednesday);
  g_date_add_days (&from, 7);
  next_monday_text = format_date (&from);
  dates_text = format_dates (dates);
  expected = g_strdup_printf ("%s %s %s", monday_text, wednesday_text, next_monday_text);
  g_assert_cmpstr (dates_text, ==, expected);

  /* 09:00–10:00 in slots of 20 minutes. */
  times = list_times_text (fixture->backend, "paspoort", "stadhuis", &fixture->monday);
  g_clear_pointer (&expected, g_free);
  expected = expected_times (&fixture->monday, monday_times);
  g_assert_cmpstr (times, ==, expected);

  /* 09:00–09:30 holds one slot of 20; 13:00–13:45 two. */
  g_clear_pointer (&times, g_free);
  times = list_times_text (fixture->backend, "paspoort", "stadhuis", &wednesday);
  g_clear_pointer (&expected, g_free);
  expected = expected_times (&wednesday, wednesday_times);
  g_assert_cmpstr (times, ==, expected);

  /* Closed days have none: by the calendar and by the weekday. */
  g_clear_pointer (&times, g_free);
  times = list_times_text (fixture->backend, "paspoort", "stadhuis", &fixture->closed_wednesday);
  g_assert_cmpstr (times, ==, "");
  g_date_add_days (&sunday, 6);
  g_clear_pointer (&times, g_free);
  times = list_times_text (fixture->backend, "paspoort", "stadhuis", &sunday);
  g_assert_cmpstr (times, ==, "");
}

/* The next day on which Amsterdam's clock changes, searching from @start forward. */
static void
find_clock_change (GDate *date, const GDate *start, gboolean to_summer)
{
  g_autoptr (GTimeZone) zone = g_time_zone_new_identifier (ZONE);

  *date = *start;
  for (int i = 0; i < 400; i++, g_date_add_days (date, 1))
    {
      g_autoptr (GDateTime) midnight = g_date_time_new (
          zone, g_date_get_year (date), g_date_get_month (date), g_date_get_day (date), 0, 0, 0);
      g_autoptr (GDateTime) evening = g_date_time_add_hours (midnight, 23);
      GTimeSpan before = g_date_time_get_utc_offset (midnight);
      GTimeSpan after = g_date_time_get_utc_offset (evening);

      if ((to_summer && after > before) || (!to_summer && after < before))
        return;
    }
  g_assert_not_reached ();
}

/*
 * On the days the clocks change, a location that opens at 09:00 still has
 * its first slot at 09:00 on the wall clock, and a night-time opening
 * skips the hour that does not exist.
 */
static void
test_clock_changes (Fixture *fixture, gconstpointer data)
{
  static const char *const every_day = "[product nacht]\n"
                                       "name=Nachtloket\n"
                                       "[location loket]\n"
                                       "name=Loket\n"
                                       "products=nacht\n"
                                       "time-zone=" ZONE "\n"
                                       "slot-minutes=30\n"
                                       "capacity=1\n"
                                       "monday=01:00-04:00, 09:00-10:00\n"
                                       "tuesday=01:00-04:00, 09:00-10:00\n"
                                       "wednesday=01:00-04:00, 09:00-10:00\n"
                                       "thursday=01:00-04:00, 09:00-10:00\n"
                                       "friday=01:00-04:00, 09:00-10:00\n"
                                       "saturday=01:00-04:00, 09:00-10:00\n"
                                       "sunday=01:00-04:00, 09:00-10:00\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (KpEmbeddedAgenda) agenda
      = kp_embedded_agenda_new_from_data (fixture->store, every_day, &error);
  KpAppointmentBackend *backend = KP_APPOINTMENT_BACKEND (agenda);
  GDate spring;
  GDate autumn;
  GDate before_spring;
  g_autofree char *times = NULL;
  g_autoptr (GPtrArray) autumn_times = NULL;

  g_assert_no_error (error);
  find_clock_change (&spring, &fixture->monday, TRUE);
  find_clock_change (&autumn, &fixture->monday, FALSE);
  g_test_message ("summer time starts %d-%d, ends %d-%d", g_date_get_month (&spring),
                  g_date_get_day (&spring), g_date_get_month (&autumn), g_date_get_day (&autumn));

  /* 02:00 becomes 03:00: no 02:00 and 02:30; 09:00 is summer time. */
  times = list_times_text (backend, "nacht", "loket", &spring);
  g_assert_cmpstr (times, ==, "01:00+01 01:30+01 03:00+02 03:30+02 09:00+02 09:30+02");
  before_spring = spring;
  g_date_subtract_days (&before_spring, 1);
  g_clear_pointer (&times, g_free);
  times = list_times_text (backend, "nacht", "loket", &before_spring);
  g_assert_cmpstr (times, ==,
                   "01:00+01 01:30+01 02:00+01 02:30+01 03:00+01 03:30+01 09:00+01 09:30+01");

  /*
   * 03:00 becomes 02:00 again: each clock time once (the hour that comes
   * twice counts as winter time, as GLib reads it), always later than the
   * one before.
   */
  autumn_times
      = kp_appointment_backend_list_times (backend, "nacht", "loket", &autumn, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&times, g_free);
  times = format_times (autumn_times);
  g_assert_cmpstr (times, ==,
                   "01:00+02 01:30+02 02:00+01 02:30+01 03:00+01 03:30+01 09:00+01 09:30+01");
  for (guint i = 1; i < autumn_times->len; i++)
    g_assert_cmpint (g_date_time_compare (g_ptr_array_index (autumn_times, i - 1),
                                          g_ptr_array_index (autumn_times, i)),
                     <, 0);
}

/* Two places per slot: the third booker is refused, and a full slot is no longer offered. */
static void
test_capacity (Fixture *fixture, gconstpointer data)
{
  static const char *const two_left[] = { "09:20", "09:40", NULL };
  g_autoptr (GDateTime) nine = new_amsterdam_time (&fixture->monday, 9, 0);
  g_autofree char *times = NULL;
  g_autofree char *expected = NULL;

  for (int i = 0; i < 3; i++)
    {
      g_autoptr (KpAppointment) appointment = new_appointment ("paspoort", "stadhuis", nine, "Jan");
      g_autoptr (GError) error = NULL;
      gboolean booked = kp_appointment_backend_book (fixture->backend, appointment, NULL, &error);

      if (i < 2)
        {
          g_assert_no_error (error);
          g_assert_true (booked);
          g_assert_cmpint (kp_appointment_get_state (appointment), ==, KP_APPOINTMENT_STATE_BOOKED);
          /* The agenda's slot length, so the slip can say until when. */
          g_assert_cmpuint (kp_appointment_get_duration_minutes (appointment), ==, 20);
          continue;
        }
      g_assert_error (error, KP_APPOINTMENT_BACKEND_ERROR, KP_APPOINTMENT_BACKEND_ERROR_SLOT_TAKEN);
      g_assert_false (booked);
      g_assert_cmpint (kp_appointment_get_state (appointment), ==, KP_APPOINTMENT_STATE_NEW);
      g_assert_null (kp_appointment_get_remote_id (appointment));
    }

  times = list_times_text (fixture->backend, "paspoort", "stadhuis", &fixture->monday);
  expected = expected_times (&fixture->monday, two_left);
  g_assert_cmpstr (times, ==, expected);
}

/* A day whose every slot is full is not offered as a date. */
static void
test_full_day_not_offered (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) dates = NULL;
  g_autoptr (GPtrArray) times = NULL;
  GDate sunday = fixture->monday;

  g_date_add_days (&sunday, 6);
  times = kp_appointment_backend_list_times (fixture->backend, "paspoort", "stadhuis",
                                             &fixture->monday, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < times->len; i++)
    for (int place = 0; place < 2; place++)
      {
        g_autoptr (KpAppointment) appointment
            = new_appointment ("paspoort", "stadhuis", g_ptr_array_index (times, i), "Jan");

        kp_appointment_backend_book (fixture->backend, appointment, NULL, &error);
        g_assert_no_error (error);
      }

  dates = kp_appointment_backend_list_dates (fixture->backend, "paspoort", "stadhuis",
                                             &fixture->monday, &sunday, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dates->len, ==, 1);
  g_assert_cmpint (g_date_get_weekday (g_ptr_array_index (dates, 0)), ==, G_DATE_WEDNESDAY);
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

/* The booking is kept under its reference, with what the slip and the volunteer need. */
static void
test_record_and_lookup (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GDateTime) start = new_amsterdam_time (&fixture->monday, 9, 40);
  g_autoptr (KpAppointment) appointment
      = new_appointment ("paspoort", "stadhuis", start, "Zoë Çelik");
  g_autoptr (KpAppointment) found = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *when = NULL;

  kp_appointment_set_phone (appointment, "06 12345678", &error);
  g_assert_no_error (error);
  kp_appointment_backend_book (fixture->backend, appointment, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kp_appointment_get_backend_name (appointment), ==, "embedded");
  g_assert_nonnull (kp_appointment_get_remote_id (appointment));
  /* The location as the agenda has it, for the slip. */
  g_assert_cmpstr (kp_appointment_get_location_address (appointment), ==, "Markt 1, Lindeveen");

  found = kp_appointment_backend_lookup (fixture->backend,
                                         kp_appointment_get_reference (appointment), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kp_appointment_get_state (found), ==, KP_APPOINTMENT_STATE_BOOKED);
  g_assert_cmpstr (kp_appointment_get_product_id (found), ==, "paspoort");
  g_assert_cmpstr (kp_appointment_get_location_name (found), ==, "Stadhuis");
  g_assert_cmpstr (kp_appointment_get_name (found), ==, "Zoë Çelik");
  g_assert_cmpstr (kp_appointment_get_phone (found), ==, "0612345678");
  g_assert_null (kp_appointment_get_email (found));
  g_assert_cmpstr (kp_appointment_get_remote_id (found), ==,
                   kp_appointment_get_remote_id (appointment));
  g_assert_cmpuint (kp_appointment_get_duration_minutes (found), ==, 20);
  /* The time as the location's clock reads it, whatever this machine's zone. */
  when = g_date_time_format (kp_appointment_get_start (found), "%H:%M");
  g_assert_cmpstr (when, ==, "09:40");
  g_assert_true (g_date_time_equal (kp_appointment_get_start (found), start));

  g_assert_finalize_object (g_steal_pointer (&found));
  found = kp_appointment_backend_lookup (fixture->backend, "KP-7H3Q-9MXJ", NULL, &error);
  g_assert_error (error, KP_APPOINTMENT_BACKEND_ERROR, KP_APPOINTMENT_BACKEND_ERROR_NOT_FOUND);
  g_assert_null (found);
}

/* Cancelling frees the place for the next resident and forgets who it was. */
static void
test_cancel_frees_slot (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GDateTime) nine = new_amsterdam_time (&fixture->monday, 9, 0);
  g_autoptr (KpAppointment) first = new_appointment ("paspoort", "stadhuis", nine, "Jan");
  g_autoptr (KpAppointment) second = new_appointment ("paspoort", "stadhuis", nine, "Piet");
  g_autoptr (KpAppointment) third = new_appointment ("paspoort", "stadhuis", nine, "Klaas");
  g_autoptr (KpAppointment) found = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) times = NULL;

  kp_appointment_backend_book (fixture->backend, first, NULL, &error);
  g_assert_no_error (error);
  kp_appointment_backend_book (fixture->backend, second, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (kp_appointment_backend_book (fixture->backend, third, NULL, &error));
  g_assert_error (error, KP_APPOINTMENT_BACKEND_ERROR, KP_APPOINTMENT_BACKEND_ERROR_SLOT_TAKEN);
  g_clear_error (&error);

  g_assert_true (kp_appointment_backend_cancel (fixture->backend, first, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kp_appointment_get_state (first), ==, KP_APPOINTMENT_STATE_CANCELLED);
  g_assert_null (kp_appointment_get_name (first));

  times = kp_appointment_backend_list_times (fixture->backend, "paspoort", "stadhuis",
                                             &fixture->monday, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_date_time_equal (g_ptr_array_index (times, 0), nine));
  g_assert_true (kp_appointment_backend_book (fixture->backend, third, NULL, &error));
  g_assert_no_error (error);

  found = kp_appointment_backend_lookup (fixture->backend, kp_appointment_get_reference (first),
                                         NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kp_appointment_get_state (found), ==, KP_APPOINTMENT_STATE_CANCELLED);
  g_assert_null (kp_appointment_get_name (found));
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM appointments"
                                              " WHERE state = 'cancelled' AND name IS NULL"),
                   ==, 1);

  /* Wrong on purpose: cancelling twice is refused. */
  g_assert_false (kp_appointment_backend_cancel (fixture->backend, first, NULL, &error));
  g_assert_error (error, KP_APPOINTMENT_BACKEND_ERROR, KP_APPOINTMENT_BACKEND_ERROR_INVALID);
}

/* The loser of the last place is told so and offered the next free time. */
static void
test_next_free_after_losing (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GDateTime) last_slot = new_amsterdam_time (&fixture->monday, 9, 40);
  g_autoptr (KpAppointment) winner = new_appointment ("paspoort", "stadhuis", last_slot, "Jan");
  g_autoptr (KpAppointment) loser = new_appointment ("paspoort", "stadhuis", last_slot, "Piet");
  g_autoptr (GDateTime) nine = new_amsterdam_time (&fixture->monday, 9, 0);
  g_autoptr (GDateTime) next = NULL;
  g_autoptr (GDateTime) expected = NULL;
  g_autoptr (GError) error = NULL;
  GDate wednesday = fixture->monday;

  g_clear_object (&fixture->agenda);
  g_clear_object (&fixture->store);
  open_agenda (fixture, "20", "1");

  kp_appointment_backend_book (fixture->backend, winner, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (kp_appointment_backend_book (fixture->backend, loser, NULL, &error));
  g_assert_error (error, KP_APPOINTMENT_BACKEND_ERROR, KP_APPOINTMENT_BACKEND_ERROR_SLOT_TAKEN);
  g_assert_nonnull (kp_appointment_backend_error_get_resident_message (error));
  g_clear_error (&error);

  /* 09:40 was the Monday's last slot: the next free time is Wednesday 09:00. */
  next = kp_appointment_backend_find_next_free (fixture->backend, "paspoort", "stadhuis", last_slot,
                                                NULL, &error);
  g_assert_no_error (error);
  g_date_add_days (&wednesday, 2);
  expected = new_amsterdam_time (&wednesday, 9, 0);
  g_assert_true (g_date_time_equal (next, expected));

  /* Earlier on Monday, the earliest free slot not before the one asked for. */
  g_clear_pointer (&next, g_date_time_unref);
  next = kp_appointment_backend_find_next_free (fixture->backend, "paspoort", "stadhuis", nine,
                                                NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_date_time_equal (next, nine));

  /* The loser books what was offered. */
  kp_appointment_set_start (loser, next, 0);
  g_assert_true (kp_appointment_backend_book (fixture->backend, loser, NULL, &error));
  g_assert_no_error (error);
}

/* Each wrong request is refused with the code a caller acts on, and books nothing. */
static void
test_refuses_wrong_requests (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GDateTime) between_slots = new_amsterdam_time (&fixture->monday, 9, 10);
  g_autoptr (GDateTime) after_closing = new_amsterdam_time (&fixture->monday, 10, 0);
  g_autoptr (GDateTime) on_closed_day = new_amsterdam_time (&fixture->closed_wednesday, 9, 0);
  g_autoptr (GDateTime) nine = new_amsterdam_time (&fixture->monday, 9, 0);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) past = g_date_time_add_days (now, -7);
  const struct
  {
    const char *product;
    const char *location;
    GDateTime *start;
    int code;
  } cases[] = {
    { "paspoort", "stadhuis", between_slots, KP_APPOINTMENT_BACKEND_ERROR_INVALID },
    { "paspoort", "stadhuis", after_closing, KP_APPOINTMENT_BACKEND_ERROR_INVALID },
    { "paspoort", "stadhuis", on_closed_day, KP_APPOINTMENT_BACKEND_ERROR_INVALID },
    { "paspoort", "stadhuis", past, KP_APPOINTMENT_BACKEND_ERROR_INVALID },
    { "digitale-hulp", "stadhuis", nine, KP_APPOINTMENT_BACKEND_ERROR_NOT_FOUND },
    { "paspoort", "nergens", nine, KP_APPOINTMENT_BACKEND_ERROR_NOT_FOUND },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) times = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (KpAppointment) appointment
          = new_appointment (cases[i].product, cases[i].location, cases[i].start, "Jan");

      g_assert_false (kp_appointment_backend_book (fixture->backend, appointment, NULL, &error));
      g_assert_error (error, KP_APPOINTMENT_BACKEND_ERROR, cases[i].code);
      g_clear_error (&error);
    }
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM agenda_bookings"), ==, 0);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM appointments"), ==, 0);

  times = kp_appointment_backend_list_times (fixture->backend, "paspoort", "nergens",
                                             &fixture->monday, NULL, &error);
  g_assert_error (error, KP_APPOINTMENT_BACKEND_ERROR, KP_APPOINTMENT_BACKEND_ERROR_NOT_FOUND);
  g_assert_null (times);
}

/* A cancelled call does nothing and says so. */
static void
test_cancelled_call (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GDateTime) nine = new_amsterdam_time (&fixture->monday, 9, 0);
  g_autoptr (KpAppointment) appointment = new_appointment ("paspoort", "stadhuis", nine, "Jan");
  g_autoptr (GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (kp_appointment_backend_book (fixture->backend, appointment, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (kp_appointment_backend_error_get_resident_message (error));
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM agenda_bookings"), ==, 0);
}

/* Names and contacts of appointments that are over are erased at the next booking. */
static void
test_past_contacts_erased (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GDateTime) nine = new_amsterdam_time (&fixture->monday, 9, 0);
  g_autoptr (KpAppointment) appointment = new_appointment ("paspoort", "stadhuis", nine, "Jan");
  g_autoptr (GError) error = NULL;

  g_assert_true (kp_store_exec (fixture->store,
                                "INSERT INTO appointments (reference, backend, remote_id, state,"
                                "  product_id, product_name, location_id, location_name,"
                                "  starts_at, time_zone, duration_minutes, name, phone, created_at)"
                                " VALUES ('KP-7H3Q-9MXJ', 'embedded', '1', 'booked', 'paspoort',"
                                "  'Paspoort', 'stadhuis', 'Stadhuis', 1000000, 'UTC', 20,"
                                "  'Oud Persoon', '0612345678', 1000000)",
                                &error));
  g_assert_no_error (error);
  kp_appointment_backend_book (fixture->backend, appointment, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM appointments"
                                              " WHERE name IS NULL AND phone IS NULL"
                                              "  AND reference = 'KP-7H3Q-9MXJ'"),
                   ==, 1);
  /* The coming appointment keeps its name: the volunteer needs to know who comes. */
  g_assert_cmpint (
      query_int (fixture->store, "SELECT count(*) FROM appointments WHERE name = 'Jan'"), ==, 1);
}

/* An agenda file of the wrong form names the group and key, and leaves the agenda as it was. */
static void
test_bad_agenda_files (Fixture *fixture, gconstpointer data)
{
  static const struct
  {
    const char *agenda;
    int code;
    const char *message_part;
  } cases[] = {
    { "[product a]\nname=A\n", KP_CONFIG_ERROR_MISSING_KEY, "[location ID]" },
    { "[product a]\nname=A\n[location b]\nname=B\n", KP_CONFIG_ERROR_MISSING_KEY,
      "[location b] products" },
    { "[product a]\n[location b]\nname=B\nproducts=a\n", KP_CONFIG_ERROR_MISSING_KEY,
      "[product a] name" },
    { "[product a]\nname=A\n[location b]\nname=B\nproducts=c\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[location b] products" },
    { "[product a]\nname=A\n[location b]\nname=B\nproducts=a\ncapacity=0\n",
      KP_CONFIG_ERROR_INVALID_VALUE, "[location b] capacity" },
    { "[product a]\nname=A\n[location b]\nname=B\nproducts=a\nslot-minutes=ten\n",
      KP_CONFIG_ERROR_INVALID_VALUE, "[location b] slot-minutes" },
    { "[product a]\nname=A\n[location b]\nname=B\nproducts=a\nmonday=9-17\n",
      KP_CONFIG_ERROR_INVALID_VALUE, "[location b] monday" },
    { "[product a]\nname=A\n[location b]\nname=B\nproducts=a\nclosed=25-12-2026\n",
      KP_CONFIG_ERROR_INVALID_VALUE, "[location b] closed" },
    { "[product a]\nname=A\n[location b]\nname=B\nproducts=a\ntime-zone=Europe/Lindeveen\n",
      KP_CONFIG_ERROR_INVALID_VALUE, "[location b] time-zone" },
    { "[product a]\nname=A\n[location b]\nname=B\nproducts=a\ncapcity=2\n",
      KP_CONFIG_ERROR_UNKNOWN_KEY, "[location b] capcity" },
    { "[product a]\nname=A\n[locatie b]\nname=B\n", KP_CONFIG_ERROR_UNKNOWN_KEY, "[locatie b]" },
    { "[product A]\nname=A\n", KP_CONFIG_ERROR_UNKNOWN_KEY, "[product A]" },
    { "name=A\n", KP_CONFIG_ERROR_READ, "agenda" },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) products = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (KpEmbeddedAgenda) agenda
          = kp_embedded_agenda_new_from_data (fixture->store, cases[i].agenda, &error);

      g_test_message ("agenda: %s", cases[i].agenda);
      g_assert_null (agenda);
      g_assert_error (error, KP_CONFIG_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].message_part));
      g_clear_error (&error);
    }

  /* Nothing of the refused files was written. */
  products = kp_appointment_backend_list_products (fixture->backend, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (products->len, ==, 2);
}

/* The agenda file named in the configuration, read from disk. */
static void
test_agenda_file_from_config (Fixture *fixture, gconstpointer data)
{
  static const char *const half_hours[] = { "09:00", "09:30", NULL };
  g_autofree char *agenda = make_agenda (&fixture->closed_wednesday, "30", "4");
  g_autofree char *agenda_path = g_build_filename (fixture->dir, "agenda.conf", NULL);
  g_autofree char *config_text = NULL;
  g_autoptr (KpConfig) config = NULL;
  g_autoptr (KpAppointmentBackend) backend = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *times = NULL;
  g_autofree char *expected = NULL;

  kp_test_write_file (fixture->dir, "agenda.conf", agenda);
  config_text = g_strdup_printf ("[storage]\ndata-dir=%s\n[appointments]\nagenda-file=%s\n",
                                 fixture->dir, agenda_path);
  config = kp_config_new_from_data (config_text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kp_config_get_agenda_file (config), ==, agenda_path);

  backend = kp_appointment_backend_new_for_config (config, fixture->store, &error);
  g_assert_no_error (error);
  times = list_times_text (backend, "paspoort", "stadhuis", &fixture->monday);
  /* The file's slots of 30 minutes, not the 20 the agenda had before. */
  expected = expected_times (&fixture->monday, half_hours);
  g_assert_cmpstr (times, ==, expected);

  /* Wrong on purpose: a missing file is named in the error. */
  g_clear_object (&backend);
  g_clear_object (&config);
  g_clear_pointer (&config_text, g_free);
  config_text = g_strdup_printf ("[storage]\ndata-dir=%s\n[appointments]\nagenda-file=%s/none\n",
                                 fixture->dir, fixture->dir);
  config = kp_config_new_from_data (config_text, &error);
  g_assert_no_error (error);
  backend = kp_appointment_backend_new_for_config (config, fixture->store, &error);
  g_assert_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "/none"));
  g_assert_null (backend);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);
  home = kp_test_init_home ();

  g_test_add_func ("/embedded-agenda/demo", test_demo_agenda);
  g_test_add_func ("/embedded-agenda/example-is-the-demo", test_example_is_the_demo);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/embedded-agenda/products-and-locations", test_products_and_locations);
  ADD ("/embedded-agenda/slots", test_slots);
  ADD ("/embedded-agenda/clock-changes", test_clock_changes);
  ADD ("/embedded-agenda/capacity", test_capacity);
  ADD ("/embedded-agenda/full-day-not-offered", test_full_day_not_offered);
  ADD ("/embedded-agenda/record-and-lookup", test_record_and_lookup);
  ADD ("/embedded-agenda/cancel-frees-slot", test_cancel_frees_slot);
  ADD ("/embedded-agenda/next-free-after-losing", test_next_free_after_losing);
  ADD ("/embedded-agenda/refuses-wrong-requests", test_refuses_wrong_requests);
  ADD ("/embedded-agenda/cancelled-call", test_cancelled_call);
  ADD ("/embedded-agenda/past-contacts-erased", test_past_contacts_erased);
  ADD ("/embedded-agenda/bad-agenda-files", test_bad_agenda_files);
  ADD ("/embedded-agenda/agenda-file-from-config", test_agenda_file_from_config);
#undef ADD

  result = g_test_run ();
  kp_test_remove_tree (home);
  return result;
}
