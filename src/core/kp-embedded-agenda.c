/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-embedded-agenda.h"

#include "kp-agenda-file.h"
#include "kp-appointment-private.h"
#include "kp-store-private.h"

#include <glib/gi18n-lib.h>

#define BACKEND_NAME "embedded"

/* A longer range is a mistake of the caller, and would keep the lock for long. */
#define MAX_RANGE_DAYS 400

struct _KpEmbeddedAgenda
{
  GObject parent_instance;

  KpStore *store;
  /*
   * The store's one connection runs one transaction at a time, so one call at a time.
   * Taken with a G_GNUC_UNUSED GMutexLocker: clang calls a variable that only unlocks unused.
   */
  GMutex lock;
};

static void kp_embedded_agenda_backend_init (KpAppointmentBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KpEmbeddedAgenda,
                               kp_embedded_agenda,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KP_TYPE_APPOINTMENT_BACKEND,
                                                      kp_embedded_agenda_backend_init))

/* A location as one product is offered there. */
typedef struct
{
  char *id;
  char *name;
  char *address;
  GTimeZone *zone;
  guint slot_minutes;
  guint capacity;
} Location;

static void
location_clear (Location *location)
{
  g_clear_pointer (&location->zone, g_time_zone_unref);
  g_clear_pointer (&location->address, g_free);
  g_clear_pointer (&location->name, g_free);
  g_clear_pointer (&location->id, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Location, location_clear)

/* ---- Reading the agenda ---- */

static sqlite3_stmt *
prepare (KpEmbeddedAgenda *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (kp_store_get_db (self->store), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      kp_appointment_set_store_error (error, self->store, "agenda");
      return NULL;
    }
  return stmt;
}

static char *
dup_column_text (sqlite3_stmt *stmt, int column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* Fills @location for @location_id when it offers @product_id; NOT_FOUND otherwise. */
static gboolean
load_location (KpEmbeddedAgenda *self,
               const char *product_id,
               const char *location_id,
               Location *location,
               GError **error)
{
  g_autoptr (sqlite3_stmt) stmt
      = prepare (self,
                 "SELECT l.id, l.name, l.address, l.time_zone, l.slot_minutes, l.capacity"
                 " FROM agenda_locations l JOIN agenda_offers o ON o.location_id = l.id"
                 " WHERE l.id = ?1 AND o.product_id = ?2",
                 error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, location_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, product_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, KP_APPOINTMENT_BACKEND_ERROR, KP_APPOINTMENT_BACKEND_ERROR_NOT_FOUND,
                   _ ("The agenda has no product “%s” at location “%s”"), product_id, location_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      kp_appointment_set_store_error (error, self->store, "agenda_locations");
      return FALSE;
    }
  location->id = dup_column_text (stmt, 0);
  location->name = dup_column_text (stmt, 1);
  location->address = dup_column_text (stmt, 2);
  location->zone = g_time_zone_new_identifier ((const char *) sqlite3_column_text (stmt, 3));
  /* The agenda file was checked against this machine's zones when it was read. */
  if (location->zone == NULL)
    location->zone = g_time_zone_new_utc ();
  location->slot_minutes = (guint) sqlite3_column_int (stmt, 4);
  location->capacity = (guint) sqlite3_column_int (stmt, 5);
  return TRUE;
}

/* "2026-12-25", as closed days are stored. (transfer full) */
static char *
format_iso_date (const GDate *date)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  return g_strdup (text);
}

static gboolean
is_closed_day (KpEmbeddedAgenda *self,
               const Location *location,
               const GDate *date,
               gboolean *closed,
               GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = prepare (
      self, "SELECT count(*) FROM agenda_closed WHERE location_id = ?1 AND day = ?2", error);
  g_autofree char *day = format_iso_date (date);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, location->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, day, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      kp_appointment_set_store_error (error, self->store, "agenda_closed");
      return FALSE;
    }
  *closed = sqlite3_column_int (stmt, 0) > 0;
  return TRUE;
}

/*
 * The wall-clock time @minutes after midnight on @date in @zone, or NULL
 * when the clock skips it that day (the hour lost when summer time starts).
 * (transfer full)
 */
static GDateTime *
new_wall_clock_time (GTimeZone *zone, const GDate *date, guint minutes)
{
  g_autoptr (GDateTime) time
      = g_date_time_new (zone, g_date_get_year (date), g_date_get_month (date),
                         g_date_get_day (date), (int) (minutes / 60), (int) (minutes % 60), 0);

  if (time == NULL || g_date_time_get_hour (time) != (int) (minutes / 60)
      || g_date_time_get_minute (time) != (int) (minutes % 60))
    return NULL;
  return g_steal_pointer (&time);
}

/*
 * Every slot start on @date, open or taken, earliest first: from each
 * opening time in steps of the slot length, as long as the slot ends by
 * closing time. (element-type GDateTime) (transfer full)
 */
static GPtrArray *
list_day_slots (KpEmbeddedAgenda *self, const Location *location, const GDate *date, GError **error)
{
  g_autoptr (GPtrArray) slots = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gboolean closed;
  int rc;

  if (!is_closed_day (self, location, date, &closed, error))
    return NULL;
  if (closed)
    return g_steal_pointer (&slots);

  stmt = prepare (self,
                  "SELECT opens, closes FROM agenda_hours WHERE location_id = ?1 AND weekday = ?2"
                  " ORDER BY opens",
                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, location->id, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, g_date_get_weekday (date));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint closes = (guint) sqlite3_column_int (stmt, 1);

      for (guint start = (guint) sqlite3_column_int (stmt, 0);
           start + location->slot_minutes <= closes; start += location->slot_minutes)
        {
          GDateTime *slot = new_wall_clock_time (location->zone, date, start);

          if (slot != NULL)
            g_ptr_array_add (slots, slot);
        }
    }
  if (rc != SQLITE_DONE)
    {
      kp_appointment_set_store_error (error, self->store, "agenda_hours");
      return NULL;
    }
  return g_steal_pointer (&slots);
}

/*
 * How many places are taken per slot start (unix seconds) from @from up
 * to @until at @location. (element-type gint64 guint) (transfer full)
 */
static GHashTable *
load_taken (
    KpEmbeddedAgenda *self, const Location *location, gint64 from, gint64 until, GError **error)
{
  g_autoptr (GHashTable) taken = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (sqlite3_stmt) stmt
      = prepare (self,
                 "SELECT starts_at, count(*) FROM agenda_bookings"
                 " WHERE location_id = ?1 AND starts_at >= ?2 AND starts_at < ?3"
                 " GROUP BY starts_at",
                 error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, location->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, from);
  sqlite3_bind_int64 (stmt, 3, until);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *start = g_new (gint64, 1);

      *start = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (taken, start, GUINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    {
      kp_appointment_set_store_error (error, self->store, "agenda_bookings");
      return NULL;
    }
  return g_steal_pointer (&taken);
}

/* Midnight at the start of @date in @zone, as unix seconds. */
static gint64
day_start_unix (GTimeZone *zone, const GDate *date)
{
  g_autoptr (GDateTime) midnight = g_date_time_new (
      zone, g_date_get_year (date), g_date_get_month (date), g_date_get_day (date), 0, 0, 0);

  return g_date_time_to_unix (midnight);
}

/* Removes from @slots those that have started by now or are full in @taken. */
static void
keep_free_slots (GPtrArray *slots, const Location *location, GHashTable *taken)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = slots->len; i > 0; i--)
    {
      gint64 start = g_date_time_to_unix (g_ptr_array_index (slots, i - 1));

      if (start <= now
          || GPOINTER_TO_UINT (g_hash_table_lookup (taken, &start)) >= location->capacity)
        g_ptr_array_remove_index (slots, i - 1);
    }
}

/* The free slots of @date. (element-type GDateTime) (transfer full) */
static GPtrArray *
list_free_slots (KpEmbeddedAgenda *self,
                 const Location *location,
                 const GDate *date,
                 GHashTable *taken,
                 GError **error)
{
  GPtrArray *slots = list_day_slots (self, location, date, error);

  if (slots != NULL)
    keep_free_slots (slots, location, taken);
  return slots;
}

static gboolean
set_error_if_cancelled (GCancellable *cancellable, GError **error)
{
  return g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* ---- KpAppointmentBackend ---- */

static const char *
embedded_get_name (KpAppointmentBackend *backend)
{
  return BACKEND_NAME;
}

static GPtrArray *
embedded_list_products (KpAppointmentBackend *backend, GCancellable *cancellable, GError **error)
{
  KpEmbeddedAgenda *self = KP_EMBEDDED_AGENDA (backend);
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr (GPtrArray) products
      = g_ptr_array_new_with_free_func ((GDestroyNotify) kp_appointment_product_free);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  if (set_error_if_cancelled (cancellable, error))
    return NULL;
  stmt = prepare (self, "SELECT id, name FROM agenda_products ORDER BY position", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (products,
                     kp_appointment_product_new ((const char *) sqlite3_column_text (stmt, 0),
                                                 (const char *) sqlite3_column_text (stmt, 1), 0));
  if (rc != SQLITE_DONE)
    {
      kp_appointment_set_store_error (error, self->store, "agenda_products");
      return NULL;
    }
  return g_steal_pointer (&products);
}

static GPtrArray *
embedded_list_locations (KpAppointmentBackend *backend,
                         const char *product_id,
                         GCancellable *cancellable,
                         GError **error)
{
  KpEmbeddedAgenda *self = KP_EMBEDDED_AGENDA (backend);
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr (GPtrArray) locations
      = g_ptr_array_new_with_free_func ((GDestroyNotify) kp_appointment_location_free);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  if (set_error_if_cancelled (cancellable, error))
    return NULL;
  stmt = prepare (self,
                  "SELECT l.id, l.name, l.address FROM agenda_locations l"
                  " JOIN agenda_offers o ON o.location_id = l.id"
                  " WHERE o.product_id = ?1 ORDER BY l.position",
                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, product_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (locations,
                     kp_appointment_location_new ((const char *) sqlite3_column_text (stmt, 0),
                                                  (const char *) sqlite3_column_text (stmt, 1),
                                                  (const char *) sqlite3_column_text (stmt, 2)));
  if (rc != SQLITE_DONE)
    {
      kp_appointment_set_store_error (error, self->store, "agenda_locations");
      return NULL;
    }
  return g_steal_pointer (&locations);
}

static GPtrArray *
embedded_list_dates (KpAppointmentBackend *backend,
                     const char *product_id,
                     const char *location_id,
                     const GDate *from,
                     const GDate *to,
                     GCancellable *cancellable,
                     GError **error)
{
  KpEmbeddedAgenda *self = KP_EMBEDDED_AGENDA (backend);
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr (GPtrArray) dates = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_free);
  g_autoptr (GHashTable) taken = NULL;
  g_auto (Location) location = { 0 };
  GDate day = *from;
  GDate after_last = *to;

  if (set_error_if_cancelled (cancellable, error)
      || !load_location (self, product_id, location_id, &location, error))
    return NULL;
  if (g_date_days_between (from, to) > MAX_RANGE_DAYS)
    {
      g_set_error (error, KP_APPOINTMENT_BACKEND_ERROR, KP_APPOINTMENT_BACKEND_ERROR_INVALID,
                   _ ("Ask for at most %d days at a time"), MAX_RANGE_DAYS);
      return NULL;
    }
  if (g_date_compare (from, to) > 0)
    return g_steal_pointer (&dates);

  g_date_add_days (&after_last, 1);
  taken = load_taken (self, &location, day_start_unix (location.zone, from),
                      day_start_unix (location.zone, &after_last), error);
  if (taken == NULL)
    return NULL;
  for (; g_date_compare (&day, to) <= 0; g_date_add_days (&day, 1))
    {
      g_autoptr (GPtrArray) slots = NULL;

      if (set_error_if_cancelled (cancellable, error))
        return NULL;
      slots = list_free_slots (self, &location, &day, taken, error);
      if (slots == NULL)
        return NULL;
      if (slots->len > 0)
        g_ptr_array_add (dates, g_date_copy (&day));
    }
  return g_steal_pointer (&dates);
}

/* The free slots on @date, with the lock held. */
static GPtrArray *
list_times_locked (KpEmbeddedAgenda *self,
                   const Location *location,
                   const GDate *date,
                   GError **error)
{
  GDate next_day = *date;
  g_autoptr (GHashTable) taken = NULL;

  g_date_add_days (&next_day, 1);
  taken = load_taken (self, location, day_start_unix (location->zone, date),
                      day_start_unix (location->zone, &next_day), error);
  if (taken == NULL)
    return NULL;
  return list_free_slots (self, location, date, taken, error);
}

static GPtrArray *
embedded_list_times (KpAppointmentBackend *backend,
                     const char *product_id,
                     const char *location_id,
                     const GDate *date,
                     GCancellable *cancellable,
                     GError **error)
{
  KpEmbeddedAgenda *self = KP_EMBEDDED_AGENDA (backend);
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_auto (Location) location = { 0 };

  if (set_error_if_cancelled (cancellable, error)
      || !load_location (self, product_id, location_id, &location, error))
    return NULL;
  return list_times_locked (self, &location, date, error);
}

/* "2026-12-01 10:30" in the location's zone, for messages. (transfer full) */
static char *
format_slot (GDateTime *start)
{
  return g_date_time_format (start, "%Y-%m-%d %H:%M");
}

/*
 * @start as a slot of @location that has not begun: one of the day's slot
 * starts, in the location's zone. INVALID otherwise. (transfer full)
 */
static GDateTime *
dup_bookable_slot (KpEmbeddedAgenda *self,
                   const Location *location,
                   GDateTime *start,
                   GError **error)
{
  g_autoptr (GDateTime) local = g_date_time_to_timezone (start, location->zone);
  g_autoptr (GPtrArray) slots = NULL;
  g_autofree char *text = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (local),
                  (GDateMonth) g_date_time_get_month (local),
                  (GDateYear) g_date_time_get_year (local));
  slots = list_day_slots (self, location, &date, error);
  if (slots == NULL)
    return NULL;
  for (guint i = 0; i < slots->len; i++)
    {
      if (g_date_time_equal (g_ptr_array_index (slots, i), local)
          && g_date_time_to_unix (local) > g_get_real_time () / G_USEC_PER_SEC)
        return g_steal_pointer (&local);
    }
  text = format_slot (local);
  g_set_error (error, KP_APPOINTMENT_BACKEND_ERROR, KP_APPOINTMENT_BACKEND_ERROR_INVALID,
               _ ("%s is not a time that can be booked at location “%s”"), text, location->id);
  return NULL;
}

/* The lowest place number still free in the slot, or -1 when all are taken. */
static int
find_free_seat (KpEmbeddedAgenda *self, const Location *location, gint64 start, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = prepare (
      self,
      "SELECT seat FROM agenda_bookings WHERE location_id = ?1 AND starts_at = ?2 ORDER BY seat",
      error);
  int seat = 0;
  int rc;

  if (stmt == NULL)
    return -2;
  sqlite3_bind_text (stmt, 1, location->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, start);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && sqlite3_column_int (stmt, 0) == seat)
    seat++;
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      kp_appointment_set_store_error (error, self->store, "agenda_bookings");
      return -2;
    }
  return seat < (int) location->capacity ? seat : -1;
}

static void
set_slot_taken_error (GError **error, const Location *location, GDateTime *start)
{
  g_autofree char *text = format_slot (start);

  g_set_error (error, KP_APPOINTMENT_BACKEND_ERROR, KP_APPOINTMENT_BACKEND_ERROR_SLOT_TAKEN,
               _ ("Every place at %s at location “%s” is taken"), text, location->id);
}

/*
 * Takes place @seat and writes the appointment's record, inside the
 * caller's transaction. Returns the booking's id (transfer full).
 */
static char *
insert_booking (KpEmbeddedAgenda *self,
                KpAppointment *appointment,
                const Location *location,
                int seat,
                GError **error)
{
  g_autoptr (sqlite3_stmt) stmt
      = prepare (self,
                 "INSERT INTO agenda_bookings (location_id, starts_at, seat, reference)"
                 " VALUES (?1, ?2, ?3, ?4)",
                 error);
  GDateTime *start = kp_appointment_get_start (appointment);
  g_autofree char *remote_id = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, location->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, g_date_time_to_unix (start));
  sqlite3_bind_int (stmt, 3, seat);
  sqlite3_bind_text (stmt, 4, kp_appointment_get_reference (appointment), -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  /* The UNIQUE place guards the capacity even if a writer skipped the count. */
  if (rc == SQLITE_CONSTRAINT)
    {
      set_slot_taken_error (error, location, start);
      return NULL;
    }
  if (rc != SQLITE_DONE)
    {
      kp_appointment_set_store_error (error, self->store, "agenda_bookings");
      return NULL;
    }
  remote_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                               (gint64) sqlite3_last_insert_rowid (kp_store_get_db (self->store)));
  if (!kp_appointment_insert_record (appointment, self->store, BACKEND_NAME, remote_id, TRUE, error)
      || !kp_appointment_erase_past_contacts (self->store, g_get_real_time () / G_USEC_PER_SEC,
                                              error))
    return NULL;
  return g_steal_pointer (&remote_id);
}

/*
 * Counting the places taken and taking one are one write transaction, so
 * another process booking the same slot waits for it and then counts this
 * booking too.
 */
static char *
book_in_transaction (KpEmbeddedAgenda *self,
                     KpAppointment *appointment,
                     const Location *location,
                     GError **error)
{
  g_autofree char *remote_id = NULL;
  GDateTime *start = kp_appointment_get_start (appointment);
  int seat;

  if (!kp_store_begin_immediate (self->store, error))
    return NULL;
  seat = find_free_seat (self, location, g_date_time_to_unix (start), error);
  if (seat == -1)
    set_slot_taken_error (error, location, start);
  if (seat >= 0)
    remote_id = insert_booking (self, appointment, location, seat, error);
  if (remote_id == NULL || !kp_store_commit (self->store, error))
    {
      kp_store_rollback (self->store);
      return NULL;
    }
  return g_steal_pointer (&remote_id);
}

static gboolean
embedded_book (KpAppointmentBackend *backend,
               KpAppointment *appointment,
               GCancellable *cancellable,
               GError **error)
{
  KpEmbeddedAgenda *self = KP_EMBEDDED_AGENDA (backend);
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_auto (Location) location = { 0 };
  g_autoptr (GDateTime) start = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *remote_id = NULL;

  if (set_error_if_cancelled (cancellable, error)
      || !load_location (self, kp_appointment_get_product_id (appointment),
                         kp_appointment_get_location_id (appointment), &location, error))
    return FALSE;
  start = dup_bookable_slot (self, &location, kp_appointment_get_start (appointment), error);
  if (start == NULL)
    return FALSE;

  /* As the agenda has it, so the slip shows what was booked. */
  kp_appointment_set_start (appointment, start, location.slot_minutes);
  kp_appointment_set_location (appointment, location.id, location.name, location.address);
  remote_id = book_in_transaction (self, appointment, &location, &local_error);
  if (remote_id == NULL)
    {
      /* A store error inside the transaction reads better as the backend being unavailable. */
      if (local_error->domain == KP_STORE_ERROR)
        g_set_error (error, KP_APPOINTMENT_BACKEND_ERROR, KP_APPOINTMENT_BACKEND_ERROR_UNAVAILABLE,
                     "%s", local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  kp_appointment_mark_booked (appointment, BACKEND_NAME, remote_id);
  return TRUE;
}

/* The record of @reference if this agenda booked it and it still stands. */
static KpAppointment *
load_own_booked (KpEmbeddedAgenda *self, const char *reference, GError **error)
{
  g_autoptr (KpAppointment) record = kp_appointment_load_record (self->store, reference, error);

  if (record == NULL)
    return NULL;
  if (!g_str_equal (kp_appointment_get_backend_name (record), BACKEND_NAME))
    {
      g_set_error (error, KP_APPOINTMENT_BACKEND_ERROR, KP_APPOINTMENT_BACKEND_ERROR_INVALID,
                   _ ("Appointment %s was booked in “%s”, not in this agenda"), reference,
                   kp_appointment_get_backend_name (record));
      return NULL;
    }
  if (kp_appointment_get_state (record) != KP_APPOINTMENT_STATE_BOOKED)
    {
      g_set_error (error, KP_APPOINTMENT_BACKEND_ERROR, KP_APPOINTMENT_BACKEND_ERROR_INVALID,
                   _ ("Appointment %s is already cancelled"), reference);
      return NULL;
    }
  return g_steal_pointer (&record);
}

static gboolean
free_place (KpEmbeddedAgenda *self, KpAppointment *appointment, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt
      = prepare (self, "DELETE FROM agenda_bookings WHERE reference = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kp_appointment_get_reference (appointment), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      kp_appointment_set_store_error (error, self->store, "agenda_bookings");
      return FALSE;
    }
  return TRUE;
}

static gboolean
embedded_cancel (KpAppointmentBackend *backend,
                 KpAppointment *appointment,
                 GCancellable *cancellable,
                 GError **error)
{
  KpEmbeddedAgenda *self = KP_EMBEDDED_AGENDA (backend);
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr (KpAppointment) record = NULL;
  g_autoptr (GError) local_error = NULL;

  if (set_error_if_cancelled (cancellable, error))
    return FALSE;
  record = load_own_booked (self, kp_appointment_get_reference (appointment), error);
  if (record == NULL)
    return FALSE;

  if (!kp_store_begin_immediate (self->store, &local_error)
      || !free_place (self, appointment, &local_error)
      || !kp_appointment_mark_record_cancelled (appointment, self->store, &local_error)
      || !kp_store_commit (self->store, &local_error))
    {
      kp_store_rollback (self->store);
      g_set_error (error, KP_APPOINTMENT_BACKEND_ERROR, KP_APPOINTMENT_BACKEND_ERROR_UNAVAILABLE,
                   "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

static KpAppointment *
embedded_lookup (KpAppointmentBackend *backend,
                 const char *reference,
                 GCancellable *cancellable,
                 GError **error)
{
  KpEmbeddedAgenda *self = KP_EMBEDDED_AGENDA (backend);
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  if (set_error_if_cancelled (cancellable, error))
    return NULL;
  return kp_appointment_load_record (self->store, reference, error);
}

static void
kp_embedded_agenda_backend_init (KpAppointmentBackendInterface *iface)
{
  iface->get_name = embedded_get_name;
  iface->list_products = embedded_list_products;
  iface->list_locations = embedded_list_locations;
  iface->list_dates = embedded_list_dates;
  iface->list_times = embedded_list_times;
  iface->book = embedded_book;
  iface->cancel = embedded_cancel;
  iface->lookup = embedded_lookup;
}

/* ---- Object ---- */

static void
kp_embedded_agenda_finalize (GObject *object)
{
  KpEmbeddedAgenda *self = KP_EMBEDDED_AGENDA (object);

  g_mutex_clear (&self->lock);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kp_embedded_agenda_parent_class)->finalize (object);
}

static void
kp_embedded_agenda_class_init (KpEmbeddedAgendaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kp_embedded_agenda_finalize;
}

static void
kp_embedded_agenda_init (KpEmbeddedAgenda *self)
{
  g_mutex_init (&self->lock);
}

/*
 * Replaces the agenda tables with @file in one transaction: all of it or
 * nothing. Contacts of appointments that are over go at the same time, so
 * a kiosk that books nothing for a while still forgets them.
 */
static KpEmbeddedAgenda *
new_from_key_file (KpStore *store, GKeyFile *file, GError **error)
{
  g_autoptr (KpEmbeddedAgenda) self = g_object_new (KP_TYPE_EMBEDDED_AGENDA, NULL);

  self->store = g_object_ref (store);
  if (!kp_store_begin_immediate (store, error))
    return NULL;
  if (!kp_agenda_file_write_to_store (file, store, error)
      || !kp_appointment_erase_past_contacts (store, g_get_real_time () / G_USEC_PER_SEC, error)
      || !kp_store_commit (store, error))
    {
      kp_store_rollback (store);
      return NULL;
    }
  return g_steal_pointer (&self);
}

/* (transfer full) */
KpEmbeddedAgenda *
kp_embedded_agenda_new (KpStore *store, const char *agenda_path, GError **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (GError) local_error = NULL;
  KpEmbeddedAgenda *self;

  g_return_val_if_fail (KP_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (agenda_path == NULL)
    return kp_embedded_agenda_new_from_data (store, kp_agenda_file_get_demo_data (), error);

  if (!g_key_file_load_from_file (file, agenda_path, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_READ,
                   _ ("Cannot read the agenda file %s: %s"), agenda_path, local_error->message);
      return NULL;
    }
  self = new_from_key_file (store, file, error);
  if (self == NULL)
    g_prefix_error (error, _ ("In the agenda file %s: "), agenda_path);
  return self;
}

/* (transfer full) */
KpEmbeddedAgenda *
kp_embedded_agenda_new_from_data (KpStore *store, const char *agenda_data, GError **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (KP_IS_STORE (store), NULL);
  g_return_val_if_fail (agenda_data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_key_file_load_from_data (file, agenda_data, -1, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_READ, _ ("Cannot read the agenda: %s"),
                   local_error->message);
      return NULL;
    }
  return new_from_key_file (store, file, error);
}
