/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gio/gio.h>

#include "kp-appointment.h"
#include "kp-config.h"
#include "kp-store.h"

G_BEGIN_DECLS

#define KP_APPOINTMENT_BACKEND_ERROR (kp_appointment_backend_error_quark ())

/*
 * What went wrong, as a caller can act on it. The message is detailed, for
 * the log and kernpunt-ctl, and never holds personal data; the resident
 * sees kp_appointment_backend_error_get_resident_message () instead.
 */
typedef enum
{
  KP_APPOINTMENT_BACKEND_ERROR_UNAVAILABLE, /* backend down, timed out or answering nonsense */
  KP_APPOINTMENT_BACKEND_ERROR_SLOT_TAKEN,  /* someone else booked the last place first */
  KP_APPOINTMENT_BACKEND_ERROR_INVALID,     /* the backend refuses this request as it is */
  KP_APPOINTMENT_BACKEND_ERROR_NOT_FOUND,   /* no such product, location or appointment */
} KpAppointmentBackendError;

/* Something a resident can book, e.g. "Paspoort of ID-kaart". */
typedef struct
{
  char *id;
  char *name;
  guint duration_minutes; /* 0 when the backend does not say */
} KpAppointmentProduct;

/* Where an appointment takes place. */
typedef struct
{
  char *id;
  char *name;
  char *address; /* (nullable) one line, e.g. "Markt 1, Lindeveen" */
} KpAppointmentLocation;

#define KP_TYPE_APPOINTMENT_PRODUCT (kp_appointment_product_get_type ())
GType kp_appointment_product_get_type (void) G_GNUC_CONST;
KpAppointmentProduct *
kp_appointment_product_new (const char *id, const char *name, guint duration_minutes);
KpAppointmentProduct *kp_appointment_product_copy (const KpAppointmentProduct *self);
void kp_appointment_product_free (KpAppointmentProduct *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KpAppointmentProduct, kp_appointment_product_free)

#define KP_TYPE_APPOINTMENT_LOCATION (kp_appointment_location_get_type ())
GType kp_appointment_location_get_type (void) G_GNUC_CONST;
KpAppointmentLocation *
kp_appointment_location_new (const char *id, const char *name, const char *address);
KpAppointmentLocation *kp_appointment_location_copy (const KpAppointmentLocation *self);
void kp_appointment_location_free (KpAppointmentLocation *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KpAppointmentLocation, kp_appointment_location_free)

/*
 * Where appointments are booked: the embedded agenda (KpEmbeddedAgenda) or
 * a municipality's appointment system (KpQmaticBackend), shaped like the
 * appointment plugins of Open Formulieren.
 *
 * Every method blocks (SQLite or HTTP): call it from a worker thread
 * (g_task_run_in_thread), never on the UI thread. An implementation may be
 * used from several threads at once. Cancelling @cancellable makes a call
 * return G_IO_ERROR_CANCELLED soon.
 *
 * A booked appointment is also recorded in the local store under its
 * reference, so lookup() and cancel() work from the reference on the
 * slip. Personal fields are kept there only as long as needed.
 */
#define KP_TYPE_APPOINTMENT_BACKEND (kp_appointment_backend_get_type ())
G_DECLARE_INTERFACE (KpAppointmentBackend, kp_appointment_backend, KP, APPOINTMENT_BACKEND, GObject)

struct _KpAppointmentBackendInterface
{
  GTypeInterface parent_iface;

  const char *(*get_name) (KpAppointmentBackend *self);
  GPtrArray *(*list_products) (KpAppointmentBackend *self,
                               GCancellable *cancellable,
                               GError **error);
  GPtrArray *(*list_locations) (KpAppointmentBackend *self,
                                const char *product_id,
                                GCancellable *cancellable,
                                GError **error);
  GPtrArray *(*list_dates) (KpAppointmentBackend *self,
                            const char *product_id,
                            const char *location_id,
                            const GDate *from,
                            const GDate *to,
                            GCancellable *cancellable,
                            GError **error);
  GPtrArray *(*list_times) (KpAppointmentBackend *self,
                            const char *product_id,
                            const char *location_id,
                            const GDate *date,
                            GCancellable *cancellable,
                            GError **error);
  gboolean (*book) (KpAppointmentBackend *self,
                    KpAppointment *appointment,
                    GCancellable *cancellable,
                    GError **error);
  gboolean (*cancel) (KpAppointmentBackend *self,
                      KpAppointment *appointment,
                      GCancellable *cancellable,
                      GError **error);
  KpAppointment *(*lookup) (KpAppointmentBackend *self,
                            const char *reference,
                            GCancellable *cancellable,
                            GError **error);
};

GQuark kp_appointment_backend_error_quark (void);

/*
 * The backend [appointments] backend names in @config, recording into
 * @store: the embedded agenda (from [appointments] agenda-file, or the
 * built-in demo agenda) or Qmatic ([qmatic] url, api-key-file,
 * timeout-seconds). (transfer full)
 */
KpAppointmentBackend *
kp_appointment_backend_new_for_config (KpConfig *config, KpStore *store, GError **error);

/*
 * The information point's own agenda next to a remote backend: the
 * embedded agenda of [appointments] agenda-file, where a resident can
 * still book when the remote one cannot be reached. NULL without an error
 * when the configured backend is the embedded agenda itself, or when no
 * agenda file is set (the built-in demo agenda is no place to book for
 * real). (transfer full) (nullable)
 */
KpAppointmentBackend *
kp_appointment_backend_new_local_for_config (KpConfig *config, KpStore *store, GError **error);

/* A short name for logs and kernpunt-ctl: "embedded", "qmatic". (transfer none) */
const char *kp_appointment_backend_get_name (KpAppointmentBackend *self);

/* (element-type KpAppointmentProduct) (transfer full), in the backend's order */
GPtrArray *kp_appointment_backend_list_products (KpAppointmentBackend *self,
                                                 GCancellable *cancellable,
                                                 GError **error);
/* The locations that offer @product_id. (element-type KpAppointmentLocation) (transfer full) */
GPtrArray *kp_appointment_backend_list_locations (KpAppointmentBackend *self,
                                                  const char *product_id,
                                                  GCancellable *cancellable,
                                                  GError **error);
/*
 * The days from @from to @to (both included, as the location's calendar
 * reads) with at least one free time, earliest first.
 * (element-type GDate) (transfer full)
 */
GPtrArray *kp_appointment_backend_list_dates (KpAppointmentBackend *self,
                                              const char *product_id,
                                              const char *location_id,
                                              const GDate *from,
                                              const GDate *to,
                                              GCancellable *cancellable,
                                              GError **error);
/*
 * The free start times on @date, earliest first, each in the location's
 * own time zone. (element-type GDateTime) (transfer full)
 */
GPtrArray *kp_appointment_backend_list_times (KpAppointmentBackend *self,
                                              const char *product_id,
                                              const char *location_id,
                                              const GDate *date,
                                              GCancellable *cancellable,
                                              GError **error);

/*
 * Books @appointment, which must be complete and new. On success it is
 * BOOKED with its remote id and backend name set, and recorded locally, so
 * a slip may be printed. When someone else took the last place first, the
 * error is SLOT_TAKEN: offer kp_appointment_backend_find_next_free ().
 */
gboolean kp_appointment_backend_book (KpAppointmentBackend *self,
                                      KpAppointment *appointment,
                                      GCancellable *cancellable,
                                      GError **error);
/* Cancels a booked @appointment: the place is free again and it becomes CANCELLED. */
gboolean kp_appointment_backend_cancel (KpAppointmentBackend *self,
                                        KpAppointment *appointment,
                                        GCancellable *cancellable,
                                        GError **error);
/*
 * The appointment with our @reference (as on the slip; normalize typed
 * input with kp_reference_normalize () first), as the backend knows it
 * now. NOT_FOUND when this kiosk never booked it. (transfer full)
 */
KpAppointment *kp_appointment_backend_lookup (KpAppointmentBackend *self,
                                              const char *reference,
                                              GCancellable *cancellable,
                                              GError **error);

/*
 * The first free time not before @after for @product_id at @location_id,
 * looking up to 60 days ahead: what to offer a resident who just lost a
 * place. NOT_FOUND when there is none. (transfer full)
 */
GDateTime *kp_appointment_backend_find_next_free (KpAppointmentBackend *self,
                                                  const char *product_id,
                                                  const char *location_id,
                                                  GDateTime *after,
                                                  GCancellable *cancellable,
                                                  GError **error);

/*
 * A short B1 sentence for the resident about @error from one of the
 * functions above, in the current language (transfer none). Cancelled
 * calls have no message: returns NULL.
 */
const char *kp_appointment_backend_error_get_resident_message (const GError *error);

G_END_DECLS
