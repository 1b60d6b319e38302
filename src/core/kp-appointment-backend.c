/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-appointment-backend.h"

#include "kp-embedded-agenda.h"
#include "kp-http-session.h"
#include "kp-qmatic-backend.h"

#include <glib/gi18n-lib.h>

/* How far ahead a resident who lost a place is offered another one. */
#define NEXT_FREE_HORIZON_DAYS 60

/* ---- Products and locations ---- */

G_DEFINE_BOXED_TYPE (KpAppointmentProduct,
                     kp_appointment_product,
                     kp_appointment_product_copy,
                     kp_appointment_product_free)

/* (transfer full) */
KpAppointmentProduct *
kp_appointment_product_new (const char *id, const char *name, guint duration_minutes)
{
  KpAppointmentProduct *self;

  g_return_val_if_fail (id != NULL && name != NULL, NULL);

  self = g_new0 (KpAppointmentProduct, 1);
  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->duration_minutes = duration_minutes;
  return self;
}

KpAppointmentProduct *
kp_appointment_product_copy (const KpAppointmentProduct *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return kp_appointment_product_new (self->id, self->name, self->duration_minutes);
}

void
kp_appointment_product_free (KpAppointmentProduct *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->id);
  g_free (self);
}

G_DEFINE_BOXED_TYPE (KpAppointmentLocation,
                     kp_appointment_location,
                     kp_appointment_location_copy,
                     kp_appointment_location_free)

/* (transfer full) */
KpAppointmentLocation *
kp_appointment_location_new (const char *id, const char *name, const char *address)
{
  KpAppointmentLocation *self;

  g_return_val_if_fail (id != NULL && name != NULL, NULL);

  self = g_new0 (KpAppointmentLocation, 1);
  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->address = g_strdup (address);
  return self;
}

KpAppointmentLocation *
kp_appointment_location_copy (const KpAppointmentLocation *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return kp_appointment_location_new (self->id, self->name, self->address);
}

void
kp_appointment_location_free (KpAppointmentLocation *self)
{
  if (self == NULL)
    return;
  g_free (self->address);
  g_free (self->name);
  g_free (self->id);
  g_free (self);
}

/* ---- The interface ---- */

G_DEFINE_INTERFACE (KpAppointmentBackend, kp_appointment_backend, G_TYPE_OBJECT)

static void
kp_appointment_backend_default_init (KpAppointmentBackendInterface *iface)
{
}

/* Written out because clang-format would put spaces into G_DEFINE_QUARK's name. */
GQuark
kp_appointment_backend_error_quark (void)
{
  return g_quark_from_static_string ("kp-appointment-backend-error-quark");
}

/* (transfer full) */
KpAppointmentBackend *
kp_appointment_backend_new_for_config (KpConfig *config, KpStore *store, GError **error)
{
  g_autofree char *api_key = NULL;
  g_autoptr (SoupSession) session = NULL;
  g_autoptr (KpQmaticBackend) qmatic = NULL;
  guint timeout_seconds;

  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);
  g_return_val_if_fail (KP_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_str_equal (kp_config_get_appointment_backend (config), "embedded"))
    return KP_APPOINTMENT_BACKEND (
        kp_embedded_agenda_new (store, kp_config_get_agenda_file (config), error));

  api_key = kp_qmatic_backend_read_api_key (kp_config_get_qmatic_api_key_file (config), error);
  if (api_key == NULL)
    return NULL;
  timeout_seconds = kp_config_get_qmatic_timeout_seconds (config);
  session = kp_http_session_new (config, "qmatic", timeout_seconds, error);
  if (session == NULL)
    return NULL;
  qmatic = kp_qmatic_backend_new (store, kp_config_get_qmatic_url (config), api_key,
                                  timeout_seconds, error);
  if (qmatic == NULL)
    return NULL;
  kp_qmatic_backend_set_session (qmatic, session);
  return KP_APPOINTMENT_BACKEND (g_steal_pointer (&qmatic));
}

/* (transfer full) (nullable) */
KpAppointmentBackend *
kp_appointment_backend_new_local_for_config (KpConfig *config, KpStore *store, GError **error)
{
  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);
  g_return_val_if_fail (KP_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Without a file of its own the agenda would be the demo's: never a place to book for real. */
  if (g_str_equal (kp_config_get_appointment_backend (config), "embedded")
      || kp_config_get_agenda_file (config) == NULL)
    return NULL;
  return KP_APPOINTMENT_BACKEND (
      kp_embedded_agenda_new (store, kp_config_get_agenda_file (config), error));
}

/* (transfer none) */
const char *
kp_appointment_backend_get_name (KpAppointmentBackend *self)
{
  g_return_val_if_fail (KP_IS_APPOINTMENT_BACKEND (self), NULL);

  return KP_APPOINTMENT_BACKEND_GET_IFACE (self)->get_name (self);
}

GPtrArray *
kp_appointment_backend_list_products (KpAppointmentBackend *self,
                                      GCancellable *cancellable,
                                      GError **error)
{
  g_return_val_if_fail (KP_IS_APPOINTMENT_BACKEND (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return KP_APPOINTMENT_BACKEND_GET_IFACE (self)->list_products (self, cancellable, error);
}

GPtrArray *
kp_appointment_backend_list_locations (KpAppointmentBackend *self,
                                       const char *product_id,
                                       GCancellable *cancellable,
                                       GError **error)
{
  g_return_val_if_fail (KP_IS_APPOINTMENT_BACKEND (self), NULL);
  g_return_val_if_fail (product_id != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return KP_APPOINTMENT_BACKEND_GET_IFACE (self)->list_locations (self, product_id, cancellable,
                                                                  error);
}

GPtrArray *
kp_appointment_backend_list_dates (KpAppointmentBackend *self,
                                   const char *product_id,
                                   const char *location_id,
                                   const GDate *from,
                                   const GDate *to,
                                   GCancellable *cancellable,
                                   GError **error)
{
  g_return_val_if_fail (KP_IS_APPOINTMENT_BACKEND (self), NULL);
  g_return_val_if_fail (product_id != NULL && location_id != NULL, NULL);
  g_return_val_if_fail (from != NULL && g_date_valid (from), NULL);
  g_return_val_if_fail (to != NULL && g_date_valid (to), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return KP_APPOINTMENT_BACKEND_GET_IFACE (self)->list_dates (self, product_id, location_id, from,
                                                              to, cancellable, error);
}

GPtrArray *
kp_appointment_backend_list_times (KpAppointmentBackend *self,
                                   const char *product_id,
                                   const char *location_id,
                                   const GDate *date,
                                   GCancellable *cancellable,
                                   GError **error)
{
  g_return_val_if_fail (KP_IS_APPOINTMENT_BACKEND (self), NULL);
  g_return_val_if_fail (product_id != NULL && location_id != NULL, NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return KP_APPOINTMENT_BACKEND_GET_IFACE (self)->list_times (self, product_id, location_id, date,
                                                              cancellable, error);
}

gboolean
kp_appointment_backend_book (KpAppointmentBackend *self,
                             KpAppointment *appointment,
                             GCancellable *cancellable,
                             GError **error)
{
  g_return_val_if_fail (KP_IS_APPOINTMENT_BACKEND (self), FALSE);
  g_return_val_if_fail (KP_IS_APPOINTMENT (appointment), FALSE);
  g_return_val_if_fail (kp_appointment_is_complete (appointment), FALSE);
  g_return_val_if_fail (kp_appointment_get_state (appointment) == KP_APPOINTMENT_STATE_NEW, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return KP_APPOINTMENT_BACKEND_GET_IFACE (self)->book (self, appointment, cancellable, error);
}

gboolean
kp_appointment_backend_cancel (KpAppointmentBackend *self,
                               KpAppointment *appointment,
                               GCancellable *cancellable,
                               GError **error)
{
  g_return_val_if_fail (KP_IS_APPOINTMENT_BACKEND (self), FALSE);
  g_return_val_if_fail (KP_IS_APPOINTMENT (appointment), FALSE);
  g_return_val_if_fail (kp_appointment_get_remote_id (appointment) != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return KP_APPOINTMENT_BACKEND_GET_IFACE (self)->cancel (self, appointment, cancellable, error);
}

/* (transfer full) */
KpAppointment *
kp_appointment_backend_lookup (KpAppointmentBackend *self,
                               const char *reference,
                               GCancellable *cancellable,
                               GError **error)
{
  g_return_val_if_fail (KP_IS_APPOINTMENT_BACKEND (self), NULL);
  g_return_val_if_fail (reference != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return KP_APPOINTMENT_BACKEND_GET_IFACE (self)->lookup (self, reference, cancellable, error);
}

/* The first of @times not before @after, or NULL. (transfer full) */
static GDateTime *
dup_first_not_before (GPtrArray *times, GDateTime *after)
{
  for (guint i = 0; i < times->len; i++)
    {
      GDateTime *time = g_ptr_array_index (times, i);

      if (g_date_time_compare (time, after) >= 0)
        return g_date_time_ref (time);
    }
  return NULL;
}

/* (transfer full) */
GDateTime *
kp_appointment_backend_find_next_free (KpAppointmentBackend *self,
                                       const char *product_id,
                                       const char *location_id,
                                       GDateTime *after,
                                       GCancellable *cancellable,
                                       GError **error)
{
  g_autoptr (GPtrArray) dates = NULL;
  GDate from;
  GDate to;
  int year;
  int month;
  int day;

  g_return_val_if_fail (KP_IS_APPOINTMENT_BACKEND (self), NULL);
  g_return_val_if_fail (product_id != NULL && location_id != NULL, NULL);
  g_return_val_if_fail (after != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* @after is in the location's zone, so its calendar day is the location's. */
  g_date_time_get_ymd (after, &year, &month, &day);
  g_date_clear (&from, 1);
  g_date_set_dmy (&from, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  to = from;
  g_date_add_days (&to, NEXT_FREE_HORIZON_DAYS);

  dates = kp_appointment_backend_list_dates (self, product_id, location_id, &from, &to, cancellable,
                                             error);
  if (dates == NULL)
    return NULL;
  for (guint i = 0; i < dates->len; i++)
    {
      g_autoptr (GPtrArray) times = kp_appointment_backend_list_times (
          self, product_id, location_id, g_ptr_array_index (dates, i), cancellable, error);
      GDateTime *first;

      if (times == NULL)
        return NULL;
      first = dup_first_not_before (times, after);
      if (first != NULL)
        return first;
    }
  g_set_error (error, KP_APPOINTMENT_BACKEND_ERROR, KP_APPOINTMENT_BACKEND_ERROR_NOT_FOUND,
               _ ("No free time in the next %d days"), NEXT_FREE_HORIZON_DAYS);
  return NULL;
}

/* (transfer none) */
const char *
kp_appointment_backend_error_get_resident_message (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return NULL;
  if (error->domain != KP_APPOINTMENT_BACKEND_ERROR)
    return _ ("Something went wrong. Please ask a volunteer for help.");

  switch ((KpAppointmentBackendError) error->code)
    {
      case KP_APPOINTMENT_BACKEND_ERROR_SLOT_TAKEN:
        return _ ("Someone else just booked this time. Please choose another time.");
      case KP_APPOINTMENT_BACKEND_ERROR_INVALID:
        return _ ("The agenda did not accept this appointment. Please check your choices.");
      case KP_APPOINTMENT_BACKEND_ERROR_NOT_FOUND:
        return _ ("We cannot find this appointment. Check the number on your slip.");
      case KP_APPOINTMENT_BACKEND_ERROR_UNAVAILABLE:
      default:
        return _ ("The agenda cannot be reached right now. Please try again later, or ask a "
                  "volunteer for help.");
    }
}
