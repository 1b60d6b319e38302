/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-appointment.h"
#include "kp-appointment-private.h"

#include "kp-appointment-backend.h"
#include "kp-reference.h"
#include "kp-store-private.h"
#include "kp-validate.h"

#include <glib/gi18n-lib.h>

struct _KpAppointment
{
  GObject parent_instance;

  char *reference;
  KpAppointmentState state;

  char *product_id;
  char *product_name;
  char *location_id;
  char *location_name;
  char *location_address;
  GDateTime *start;
  guint duration_minutes;

  char *name;
  char *email;
  char *phone;

  char *backend_name;
  char *remote_id;
};

G_DEFINE_FINAL_TYPE (KpAppointment, kp_appointment, G_TYPE_OBJECT)

static const char *const state_names[] = { "new", "booked", "cancelled" };

/* In a date, so a language can write them as it does there (Dutch: small letters). */
static const char *const weekday_names[] = {
  NC_ ("in a date", "Monday"),   NC_ ("in a date", "Tuesday"), NC_ ("in a date", "Wednesday"),
  NC_ ("in a date", "Thursday"), NC_ ("in a date", "Friday"),  NC_ ("in a date", "Saturday"),
  NC_ ("in a date", "Sunday"),
};

static const char *const month_names[] = {
  NC_ ("in a date", "January"), NC_ ("in a date", "February"), NC_ ("in a date", "March"),
  NC_ ("in a date", "April"),   NC_ ("in a date", "May"),      NC_ ("in a date", "June"),
  NC_ ("in a date", "July"),    NC_ ("in a date", "August"),   NC_ ("in a date", "September"),
  NC_ ("in a date", "October"), NC_ ("in a date", "November"), NC_ ("in a date", "December"),
};

/* Replaces *@field with a copy of @value. */
static void
replace_string (char **field, const char *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

/*
 * Stores @text in *@field after @validate accepted it. An optional field
 * (@required FALSE) is cleared by NULL or only spaces.
 */
static gboolean
set_validated (char **field,
               const char *text,
               char *(*validate) (const char *text, GError **error),
               gboolean required,
               GError **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  char *valid;

  if (!required && *trimmed == '\0')
    {
      g_clear_pointer (field, g_free);
      return TRUE;
    }
  valid = validate (trimmed, error);
  if (valid == NULL)
    return FALSE;
  g_free (*field);
  *field = valid;
  return TRUE;
}

static void
kp_appointment_finalize (GObject *object)
{
  KpAppointment *self = KP_APPOINTMENT (object);

  g_clear_pointer (&self->remote_id, g_free);
  g_clear_pointer (&self->backend_name, g_free);
  kp_appointment_forget_contact (self);
  g_clear_pointer (&self->start, g_date_time_unref);
  g_clear_pointer (&self->location_address, g_free);
  g_clear_pointer (&self->location_name, g_free);
  g_clear_pointer (&self->location_id, g_free);
  g_clear_pointer (&self->product_name, g_free);
  g_clear_pointer (&self->product_id, g_free);
  g_clear_pointer (&self->reference, g_free);

  G_OBJECT_CLASS (kp_appointment_parent_class)->finalize (object);
}

static void
kp_appointment_class_init (KpAppointmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kp_appointment_finalize;
}

static void
kp_appointment_init (KpAppointment *self)
{
  self->state = KP_APPOINTMENT_STATE_NEW;
}

/* (transfer full) */
KpAppointment *
kp_appointment_new (void)
{
  KpAppointment *self = g_object_new (KP_TYPE_APPOINTMENT, NULL);

  self->reference = kp_reference_generate ();
  return self;
}

const char *
kp_appointment_get_reference (KpAppointment *self)
{
  g_return_val_if_fail (KP_IS_APPOINTMENT (self), NULL);

  return self->reference;
}

KpAppointmentState
kp_appointment_get_state (KpAppointment *self)
{
  g_return_val_if_fail (KP_IS_APPOINTMENT (self), KP_APPOINTMENT_STATE_NEW);

  return self->state;
}

const char *
kp_appointment_state_to_string (KpAppointmentState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (state_names), NULL);

  return state_names[state];
}

void
kp_appointment_set_product (KpAppointment *self, const char *id, const char *name)
{
  g_return_if_fail (KP_IS_APPOINTMENT (self));
  g_return_if_fail (id != NULL && name != NULL);

  replace_string (&self->product_id, id);
  replace_string (&self->product_name, name);
}

const char *
kp_appointment_get_product_id (KpAppointment *self)
{
  g_return_val_if_fail (KP_IS_APPOINTMENT (self), NULL);

  return self->product_id;
}

const char *
kp_appointment_get_product_name (KpAppointment *self)
{
  g_return_val_if_fail (KP_IS_APPOINTMENT (self), NULL);

  return self->product_name;
}

void
kp_appointment_set_location (KpAppointment *self,
                             const char *id,
                             const char *name,
                             const char *address)
{
  g_return_if_fail (KP_IS_APPOINTMENT (self));
  g_return_if_fail (id != NULL && name != NULL);

  replace_string (&self->location_id, id);
  replace_string (&self->location_name, name);
  replace_string (&self->location_address, address);
}

const char *
kp_appointment_get_location_id (KpAppointment *self)
{
  g_return_val_if_fail (KP_IS_APPOINTMENT (self), NULL);

  return self->location_id;
}

const char *
kp_appointment_get_location_name (KpAppointment *self)
{
  g_return_val_if_fail (KP_IS_APPOINTMENT (self), NULL);

  return self->location_name;
}

const char *
kp_appointment_get_location_address (KpAppointment *self)
{
  g_return_val_if_fail (KP_IS_APPOINTMENT (self), NULL);

  return self->location_address;
}

void
kp_appointment_set_start (KpAppointment *self, GDateTime *start, guint duration_minutes)
{
  g_return_if_fail (KP_IS_APPOINTMENT (self));
  g_return_if_fail (start != NULL);

  g_date_time_ref (start);
  g_clear_pointer (&self->start, g_date_time_unref);
  self->start = start;
  self->duration_minutes = duration_minutes;
}

/* (transfer none) */
GDateTime *
kp_appointment_get_start (KpAppointment *self)
{
  g_return_val_if_fail (KP_IS_APPOINTMENT (self), NULL);

  return self->start;
}

guint
kp_appointment_get_duration_minutes (KpAppointment *self)
{
  g_return_val_if_fail (KP_IS_APPOINTMENT (self), 0);

  return self->duration_minutes;
}

gboolean
kp_appointment_set_name (KpAppointment *self, const char *name, GError **error)
{
  g_return_val_if_fail (KP_IS_APPOINTMENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return set_validated (&self->name, name, kp_validate_name, TRUE, error);
}

gboolean
kp_appointment_set_email (KpAppointment *self, const char *email, GError **error)
{
  g_return_val_if_fail (KP_IS_APPOINTMENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return set_validated (&self->email, email, kp_validate_email, FALSE, error);
}

gboolean
kp_appointment_set_phone (KpAppointment *self, const char *phone, GError **error)
{
  g_return_val_if_fail (KP_IS_APPOINTMENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return set_validated (&self->phone, phone, kp_validate_phone, FALSE, error);
}

const char *
kp_appointment_get_name (KpAppointment *self)
{
  g_return_val_if_fail (KP_IS_APPOINTMENT (self), NULL);

  return self->name;
}

const char *
kp_appointment_get_email (KpAppointment *self)
{
  g_return_val_if_fail (KP_IS_APPOINTMENT (self), NULL);

  return self->email;
}

const char *
kp_appointment_get_phone (KpAppointment *self)
{
  g_return_val_if_fail (KP_IS_APPOINTMENT (self), NULL);

  return self->phone;
}

void
kp_appointment_forget_contact (KpAppointment *self)
{
  g_return_if_fail (KP_IS_APPOINTMENT (self));

  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->name, g_free);
}

gboolean
kp_appointment_is_complete (KpAppointment *self)
{
  g_return_val_if_fail (KP_IS_APPOINTMENT (self), FALSE);

  return self->product_id != NULL && self->location_id != NULL && self->start != NULL
         && self->name != NULL;
}

const char *
kp_appointment_get_remote_id (KpAppointment *self)
{
  g_return_val_if_fail (KP_IS_APPOINTMENT (self), NULL);

  return self->remote_id;
}

const char *
kp_appointment_get_backend_name (KpAppointment *self)
{
  g_return_val_if_fail (KP_IS_APPOINTMENT (self), NULL);

  return self->backend_name;
}

/* (transfer full) */
char *
kp_appointment_format_start (KpAppointment *self)
{
  g_autofree char *clock = NULL;

  g_return_val_if_fail (KP_IS_APPOINTMENT (self), NULL);
  g_return_val_if_fail (self->start != NULL, NULL);

  clock = g_date_time_format (self->start, "%H:%M");
  /* TRANSLATORS: weekday, day of the month, month, year, clock time:
   * "Tuesday 1 December 2026 at 10:30"; Dutch "%1$s %2$d %3$s %4$d om %5$s" */
  return g_strdup_printf (
      _ ("%1$s %2$d %3$s %4$d at %5$s"),
      g_dpgettext2 (GETTEXT_PACKAGE, "in a date",
                    weekday_names[g_date_time_get_day_of_week (self->start) - 1]),
      g_date_time_get_day_of_month (self->start),
      g_dpgettext2 (GETTEXT_PACKAGE, "in a date",
                    month_names[g_date_time_get_month (self->start) - 1]),
      g_date_time_get_year (self->start), clock);
}

/* The "Bring" section of the guidance topic that leads to this product. */
static void
add_bring_items (KpSlip *slip, KpGuide *guide, const char *product_id)
{
  KpGuideTopic *topic = kp_guide_lookup_appointment_topic (guide, product_id);
  const KpGuideSection *bring
      = topic != NULL ? kp_guide_topic_lookup_section (topic, KP_GUIDE_SECTION_BRING) : NULL;

  for (guint i = 0; bring != NULL && i < bring->blocks->len; i++)
    kp_slip_add_bring_item (slip, ((KpGuideBlock *) g_ptr_array_index (bring->blocks, i))->text);
}

/* (transfer full) */
KpSlip *
kp_appointment_new_slip (KpAppointment *self, KpConfig *config, KpGuide *guide)
{
  g_autofree char *when = NULL;
  g_autofree char *where = NULL;
  KpSlip *slip;

  g_return_val_if_fail (KP_IS_APPOINTMENT (self), NULL);
  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);
  g_return_val_if_fail (guide == NULL || KP_IS_GUIDE (guide), NULL);
  g_return_val_if_fail (self->product_name != NULL && self->location_name != NULL, NULL);
  g_return_val_if_fail (self->start != NULL, NULL);

  when = kp_appointment_format_start (self);
  where = self->location_address != NULL
              ? g_strdup_printf ("%s\n%s", self->location_name, self->location_address)
              : g_strdup (self->location_name);
  slip = kp_slip_new_for_kiosk (config, _ ("Appointment"), self->reference);
  kp_slip_add_line (slip, _ ("What"),
                    guide != NULL
                        ? kp_guide_name_product (guide, self->product_id, self->product_name)
                        : self->product_name);
  kp_slip_add_line (slip, _ ("When"), when);
  kp_slip_add_line (slip, _ ("Where"), where);
  if (guide != NULL)
    add_bring_items (slip, guide, self->product_id);
  return slip;
}

/* ---- For the backends ---- */

void
kp_appointment_mark_booked (KpAppointment *self, const char *backend_name, const char *remote_id)
{
  g_return_if_fail (KP_IS_APPOINTMENT (self));
  g_return_if_fail (backend_name != NULL && remote_id != NULL);

  replace_string (&self->backend_name, backend_name);
  replace_string (&self->remote_id, remote_id);
  self->state = KP_APPOINTMENT_STATE_BOOKED;
}

void
kp_appointment_mark_cancelled (KpAppointment *self)
{
  g_return_if_fail (KP_IS_APPOINTMENT (self));

  self->state = KP_APPOINTMENT_STATE_CANCELLED;
}

void
kp_appointment_set_store_error (GError **error, KpStore *store, const char *what)
{
  g_set_error (error, KP_APPOINTMENT_BACKEND_ERROR, KP_APPOINTMENT_BACKEND_ERROR_UNAVAILABLE,
               "%s: %s", what, sqlite3_errmsg (kp_store_get_db (store)));
}

/* Binds @text, or NULL when @keep is FALSE. */
static void
bind_text_if (sqlite3_stmt *stmt, int column, const char *text, gboolean keep)
{
  sqlite3_bind_text (stmt, column, keep ? text : NULL, -1, SQLITE_TRANSIENT);
}

gboolean
kp_appointment_insert_record (KpAppointment *self,
                              KpStore *store,
                              const char *backend_name,
                              const char *remote_id,
                              gboolean keep_contact,
                              GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  GTimeZone *zone;

  g_return_val_if_fail (KP_IS_APPOINTMENT (self), FALSE);
  g_return_val_if_fail (kp_appointment_is_complete (self), FALSE);
  g_return_val_if_fail (backend_name != NULL && remote_id != NULL, FALSE);

  if (sqlite3_prepare_v2 (kp_store_get_db (store),
                          "INSERT INTO appointments (reference, backend, remote_id, state,"
                          "  product_id, product_name, location_id, location_name,"
                          "  location_address, starts_at, time_zone, duration_minutes,"
                          "  name, email, phone, created_at)"
                          " VALUES (?1, ?2, ?3, 'booked', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
                          "  ?12, ?13, ?14, ?15)",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    {
      kp_appointment_set_store_error (error, store, "appointments");
      return FALSE;
    }
  zone = g_date_time_get_timezone (self->start);
  sqlite3_bind_text (stmt, 1, self->reference, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, backend_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, remote_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, self->product_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, self->product_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, self->location_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, self->location_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, self->location_address, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 9, g_date_time_to_unix (self->start));
  sqlite3_bind_text (stmt, 10, g_time_zone_get_identifier (zone), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 11, (int) self->duration_minutes);
  bind_text_if (stmt, 12, self->name, keep_contact);
  bind_text_if (stmt, 13, self->email, keep_contact);
  bind_text_if (stmt, 14, self->phone, keep_contact);
  sqlite3_bind_int64 (stmt, 15, g_get_real_time () / G_USEC_PER_SEC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      kp_appointment_set_store_error (error, store, "appointments");
      return FALSE;
    }
  return TRUE;
}

static char *
dup_column_text (sqlite3_stmt *stmt, int column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* The start as the location's clock reads it, from the instant and the zone's name. */
static GDateTime *
new_start_from_row (sqlite3_stmt *stmt)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 9));
  g_autoptr (GTimeZone) zone
      = g_time_zone_new_identifier ((const char *) sqlite3_column_text (stmt, 10));

  /* A zone this machine no longer knows: UTC is wrong in the display, but never a wrong instant. */
  if (zone == NULL)
    zone = g_time_zone_new_utc ();
  return g_date_time_to_timezone (utc, zone);
}

static KpAppointment *
new_from_row (sqlite3_stmt *stmt)
{
  KpAppointment *self = g_object_new (KP_TYPE_APPOINTMENT, NULL);

  self->reference = dup_column_text (stmt, 0);
  self->backend_name = dup_column_text (stmt, 1);
  self->remote_id = dup_column_text (stmt, 2);
  self->state = g_str_equal ((const char *) sqlite3_column_text (stmt, 3), "cancelled")
                    ? KP_APPOINTMENT_STATE_CANCELLED
                    : KP_APPOINTMENT_STATE_BOOKED;
  self->product_id = dup_column_text (stmt, 4);
  self->product_name = dup_column_text (stmt, 5);
  self->location_id = dup_column_text (stmt, 6);
  self->location_name = dup_column_text (stmt, 7);
  self->location_address = dup_column_text (stmt, 8);
  self->start = new_start_from_row (stmt);
  self->duration_minutes = (guint) sqlite3_column_int (stmt, 11);
  self->name = dup_column_text (stmt, 12);
  self->email = dup_column_text (stmt, 13);
  self->phone = dup_column_text (stmt, 14);
  return self;
}

/* (transfer full) */
KpAppointment *
kp_appointment_load_record (KpStore *store, const char *reference, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (KP_IS_STORE (store), NULL);
  g_return_val_if_fail (reference != NULL, NULL);

  if (sqlite3_prepare_v2 (kp_store_get_db (store),
                          "SELECT reference, backend, remote_id, state, product_id, product_name,"
                          "  location_id, location_name, location_address, starts_at, time_zone,"
                          "  duration_minutes, name, email, phone"
                          " FROM appointments WHERE reference = ?1",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    {
      kp_appointment_set_store_error (error, store, "appointments");
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, reference, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return new_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, KP_APPOINTMENT_BACKEND_ERROR, KP_APPOINTMENT_BACKEND_ERROR_NOT_FOUND,
                 "No appointment with reference %s was booked at this kiosk", reference);
  else
    kp_appointment_set_store_error (error, store, "appointments");
  return NULL;
}

gboolean
kp_appointment_mark_record_cancelled (KpAppointment *self, KpStore *store, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (KP_IS_APPOINTMENT (self), FALSE);

  if (sqlite3_prepare_v2 (kp_store_get_db (store),
                          "UPDATE appointments SET state = 'cancelled', cancelled_at = ?2,"
                          "  name = NULL, email = NULL, phone = NULL"
                          " WHERE reference = ?1",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    {
      kp_appointment_set_store_error (error, store, "appointments");
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, self->reference, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      kp_appointment_set_store_error (error, store, "appointments");
      return FALSE;
    }
  kp_appointment_mark_cancelled (self);
  kp_appointment_forget_contact (self);
  return TRUE;
}

gboolean
kp_appointment_erase_past_contacts (KpStore *store, gint64 now, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (KP_IS_STORE (store), FALSE);

  if (sqlite3_prepare_v2 (kp_store_get_db (store),
                          "UPDATE appointments SET name = NULL, email = NULL, phone = NULL"
                          " WHERE starts_at + 60 * duration_minutes < ?1"
                          "  AND (name IS NOT NULL OR email IS NOT NULL OR phone IS NOT NULL)",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    {
      kp_appointment_set_store_error (error, store, "appointments");
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      kp_appointment_set_store_error (error, store, "appointments");
      return FALSE;
    }
  return TRUE;
}
