/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib-object.h>

#include "kp-config.h"
#include "kp-guide.h"
#include "kp-slip.h"

G_BEGIN_DECLS

typedef enum
{
  KP_APPOINTMENT_STATE_NEW,       /* being put together; no backend has seen it */
  KP_APPOINTMENT_STATE_BOOKED,    /* confirmed by the backend: a slip may be printed */
  KP_APPOINTMENT_STATE_CANCELLED, /* cancelled at the kiosk, by kernpunt-ctl or by the backend */
} KpAppointmentState;

/*
 * One appointment: what (product), where (location), when (start in the
 * location's own time zone, and how long), who (name, optional e-mail or
 * phone), with our short reference for the slip and the backend's own
 * identifier once booked.
 *
 * A page fills it in step by step. The contact setters validate with
 * kp_validate_*() and refuse a wrong value with that B1 message, keeping
 * the value they had. Booking, cancelling and looking up go through a
 * KpAppointmentBackend.
 */
#define KP_TYPE_APPOINTMENT (kp_appointment_get_type ())
G_DECLARE_FINAL_TYPE (KpAppointment, kp_appointment, KP, APPOINTMENT, GObject)

/* A new appointment with a fresh reference (kp_reference_generate ()). (transfer full) */
KpAppointment *kp_appointment_new (void);

const char *kp_appointment_get_reference (KpAppointment *self);
KpAppointmentState kp_appointment_get_state (KpAppointment *self);
/* "new", "booked", "cancelled": for kernpunt-ctl and the store; never shown to residents. */
const char *kp_appointment_state_to_string (KpAppointmentState state);

/* What. @name as the backend calls the product. */
void kp_appointment_set_product (KpAppointment *self, const char *id, const char *name);
const char *kp_appointment_get_product_id (KpAppointment *self);
const char *kp_appointment_get_product_name (KpAppointment *self);

/* Where. @address (nullable) is one line, e.g. "Markt 1, Lindeveen". */
void kp_appointment_set_location (KpAppointment *self,
                                  const char *id,
                                  const char *name,
                                  const char *address);
const char *kp_appointment_get_location_id (KpAppointment *self);
const char *kp_appointment_get_location_name (KpAppointment *self);
const char *kp_appointment_get_location_address (KpAppointment *self);

/*
 * When: @start as kp_appointment_backend_list_times() gave it, in the
 * location's time zone, so it is shown and printed as the location's clock
 * reads. @duration_minutes may be 0 when the backend does not say.
 */
void kp_appointment_set_start (KpAppointment *self, GDateTime *start, guint duration_minutes);
/* (nullable) (transfer none) */
GDateTime *kp_appointment_get_start (KpAppointment *self);
guint kp_appointment_get_duration_minutes (KpAppointment *self);

/*
 * Who. set_name refuses an empty name; set_email and set_phone take NULL or
 * "" to clear the field, because both are optional. On a refused value the
 * error is KP_VALIDATE_ERROR with a B1 message and the field keeps its value.
 */
gboolean kp_appointment_set_name (KpAppointment *self, const char *name, GError **error);
gboolean kp_appointment_set_email (KpAppointment *self, const char *email, GError **error);
gboolean kp_appointment_set_phone (KpAppointment *self, const char *phone, GError **error);
/* (nullable): NULL after kp_appointment_forget_contact () */
const char *kp_appointment_get_name (KpAppointment *self);
const char *kp_appointment_get_email (KpAppointment *self);
const char *kp_appointment_get_phone (KpAppointment *self);
/* Clears name, e-mail and phone, e.g. when the session ends after the slip is printed. */
void kp_appointment_forget_contact (KpAppointment *self);

/* Product, location, start and name are set: it can be booked. */
gboolean kp_appointment_is_complete (KpAppointment *self);

/*
 * The start as a resident reads it, in the current gettext language and
 * on the location's clock: "Tuesday 1 December 2026 at 10:30". For the
 * check screen, the confirmation and the slip. (transfer full)
 */
char *kp_appointment_format_start (KpAppointment *self);
/*
 * The slip of a booked appointment for this kiosk: what, when and where,
 * in the current gettext language, with the reference and its QR code.
 * With @guide (nullable), the product has its name from the guide's
 * products.txt when it is there, and the slip lists what to bring from
 * the topic that leads to this appointment (kp_guide_lookup_appointment_topic).
 * (transfer full)
 */
KpSlip *kp_appointment_new_slip (KpAppointment *self, KpConfig *config, KpGuide *guide);

/* The backend's identifier; NULL until booked. (nullable) */
const char *kp_appointment_get_remote_id (KpAppointment *self);
/* The short name of the backend that booked it ("embedded", "qmatic"); NULL until booked. */
const char *kp_appointment_get_backend_name (KpAppointment *self);

G_END_DECLS
