/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-booking-flow.h"

#include "kp-date-text.h"
#include "kp-form-flow.h"
#include "kp-guide-topic.h"
#include "kp-receipt-page.h"
#include "kp-slip.h"

#include <glib/gi18n.h>

/* How far ahead free days are looked for, and how many get a big button first. */
#define DAYS_AHEAD      60
#define FIRST_FREE_DAYS 6
#define LATER_FREE_DAYS 18
#define LATER_CHOICE    "later"

#define STEP_PRODUCT  "product"
#define STEP_LOCATION "location"
#define STEP_DATE     "date"
#define STEP_LATER    "later-date"
#define STEP_TIME     "time"
#define STEP_NAME     "name"
#define STEP_CONTACT  "contact"

struct _KpBookingFlow
{
  AdwBin parent_instance;

  KpConfig *config;
  KpAppointmentBackend *backend;
  KpPrinter *printer;
  KpGuide *guide;
  char *product_id; /* nullable: asked when not given */
  KpAppointment *appointment;
  GCancellable *cancellable;      /* cancelled when the flow goes away */
  GCancellable *load_cancellable; /* the one list being fetched for the step on screen */
  GPtrArray *products;            /* of KpAppointmentProduct, once fetched */
  GPtrArray *locations;           /* of KpAppointmentLocation, for the chosen product */
  GPtrArray *times;               /* of GDateTime, on the chosen day */
  GDate chosen_day;

  KpFormFlow *flow;
};

G_DEFINE_FINAL_TYPE (KpBookingFlow, kp_booking_flow, ADW_TYPE_BIN)

/* The lists a step's choices come from, each a blocking backend call. */
typedef enum
{
  LOAD_PRODUCTS,
  LOAD_LOCATIONS,
  LOAD_DATES,
  LOAD_TIMES,
} LoadKind;

typedef struct
{
  LoadKind kind;
  KpAppointmentBackend *backend;
  KpFormStep *step;
  char *product_id;
  char *location_id;
  GDate day;
} Load;

static void
load_free (gpointer data)
{
  Load *load = data;

  g_clear_object (&load->backend);
  g_clear_object (&load->step);
  g_clear_pointer (&load->product_id, g_free);
  g_clear_pointer (&load->location_id, g_free);
  g_free (load);
}

static void
load_in_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  Load *load = task_data;
  g_autoptr (GError) error = NULL;
  GPtrArray *list = NULL;
  GDate last;

  switch (load->kind)
    {
      case LOAD_PRODUCTS:
        list = kp_appointment_backend_list_products (load->backend, cancellable, &error);
        break;
      case LOAD_LOCATIONS:
        list = kp_appointment_backend_list_locations (load->backend, load->product_id, cancellable,
                                                      &error);
        break;
      case LOAD_DATES:
        last = load->day;
        g_date_add_days (&last, DAYS_AHEAD);
        list
            = kp_appointment_backend_list_dates (load->backend, load->product_id, load->location_id,
                                                 &load->day, &last, cancellable, &error);
        break;
      case LOAD_TIMES:
      default:
        list = kp_appointment_backend_list_times (
            load->backend, load->product_id, load->location_id, &load->day, cancellable, &error);
        break;
    }
  if (list == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, list, (GDestroyNotify) g_ptr_array_unref);
}

static void
add_product_choices (KpBookingFlow *self, KpFormStep *step, GPtrArray *products)
{
  g_clear_pointer (&self->products, g_ptr_array_unref);
  self->products = g_ptr_array_ref (products);
  for (guint i = 0; i < products->len; i++)
    {
      const KpAppointmentProduct *product = g_ptr_array_index (products, i);

      kp_form_step_add_choice (step, product->id, "kp-topic-appointment", product->name, NULL);
    }
}

static void
add_location_choices (KpBookingFlow *self, KpFormStep *step, GPtrArray *locations)
{
  g_clear_pointer (&self->locations, g_ptr_array_unref);
  self->locations = g_ptr_array_ref (locations);
  for (guint i = 0; i < locations->len; i++)
    {
      const KpAppointmentLocation *location = g_ptr_array_index (locations, i);

      kp_form_step_add_choice (step, location->id, NULL, location->name, location->address);
    }
}

static void
add_day_choice (KpFormStep *step, const GDate *day)
{
  g_autofree char *id = kp_date_text_to_iso (day);
  g_autofree char *label = kp_date_text_format_day (day);

  kp_form_step_add_choice (step, id, NULL, label, NULL);
}

/* The first free days as big buttons, and a way to the later ones. */
static void
add_date_choices (KpFormStep *step, GPtrArray *dates)
{
  gboolean later = g_str_equal (kp_form_step_get_id (step), STEP_LATER);
  guint first = later ? FIRST_FREE_DAYS : 0;
  guint end = later ? FIRST_FREE_DAYS + LATER_FREE_DAYS : FIRST_FREE_DAYS;

  for (guint i = first; i < MIN (end, dates->len); i++)
    add_day_choice (step, g_ptr_array_index (dates, i));
  if (!later && dates->len > FIRST_FREE_DAYS)
    kp_form_step_add_choice (step, LATER_CHOICE, NULL, _ ("Another day"), NULL);
}

static void
add_time_choices (KpBookingFlow *self, KpFormStep *step, GPtrArray *times)
{
  g_clear_pointer (&self->times, g_ptr_array_unref);
  self->times = g_ptr_array_ref (times);
  for (guint i = 0; i < times->len; i++)
    {
      g_autofree char *label = kp_date_text_format_time (g_ptr_array_index (times, i));

      kp_form_step_add_choice (step, label, NULL, label, NULL);
    }
}

static void
on_load_done (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = g_task_propagate_pointer (G_TASK (result), &error);
  Load *load = g_task_get_task_data (G_TASK (result));
  KpBookingFlow *self;

  /* Cancelled: the flow is gone, or the resident went to another step. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = KP_BOOKING_FLOW (user_data);
  if (list == NULL)
    {
      g_message ("An appointment list could not be fetched: %s", error->message);
      kp_form_step_set_explanation (load->step,
                                    kp_appointment_backend_error_get_resident_message (error));
      return;
    }
  if (list->len == 0 && load->kind != LOAD_PRODUCTS)
    kp_form_step_set_explanation (load->step, _ ("There are no free times. Choose something "
                                                 "else, or ask us to call you back."));
  switch (load->kind)
    {
      case LOAD_PRODUCTS:
        add_product_choices (self, load->step, list);
        break;
      case LOAD_LOCATIONS:
        add_location_choices (self, load->step, list);
        break;
      case LOAD_DATES:
        add_date_choices (load->step, list);
        break;
      case LOAD_TIMES:
      default:
        add_time_choices (self, load->step, list);
        break;
    }
}

/* Replaces @step's choices with a fresh list from the backend, fetched in a thread. */
static void
start_load (KpBookingFlow *self, KpFormStep *step, LoadKind kind)
{
  g_autoptr (GTask) task = NULL;
  Load *load = g_new0 (Load, 1);

  load->kind = kind;
  load->backend = g_object_ref (self->backend);
  load->step = g_object_ref (step);
  load->product_id = g_strdup (kp_appointment_get_product_id (self->appointment));
  load->location_id = g_strdup (kp_appointment_get_location_id (self->appointment));
  load->day = self->chosen_day;
  if (kind == LOAD_DATES)
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();

      g_date_clear (&load->day, 1);
      g_date_set_dmy (&load->day, (GDateDay) g_date_time_get_day_of_month (now),
                      (GDateMonth) g_date_time_get_month (now),
                      (GDateYear) g_date_time_get_year (now));
    }

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  kp_form_step_clear_choices (step);
  kp_form_step_set_explanation (step, NULL);

  task = g_task_new (NULL, self->load_cancellable, on_load_done, self);
  g_task_set_source_tag (task, start_load);
  g_task_set_task_data (task, load, load_free);
  g_task_run_in_thread (task, load_in_thread);
}

static void
prepare_product (KpFormStep *step, gpointer user_data)
{
  start_load (KP_BOOKING_FLOW (user_data), step, LOAD_PRODUCTS);
}

static void
prepare_location (KpFormStep *step, gpointer user_data)
{
  start_load (KP_BOOKING_FLOW (user_data), step, LOAD_LOCATIONS);
}

static void
prepare_date (KpFormStep *step, gpointer user_data)
{
  start_load (KP_BOOKING_FLOW (user_data), step, LOAD_DATES);
}

static void
prepare_time (KpFormStep *step, gpointer user_data)
{
  start_load (KP_BOOKING_FLOW (user_data), step, LOAD_TIMES);
}

static gboolean
set_not_available (GError **error)
{
  g_set_error_literal (error, KP_APPOINTMENT_BACKEND_ERROR, KP_APPOINTMENT_BACKEND_ERROR_NOT_FOUND,
                       _ ("This is no longer available. Please choose again."));
  return FALSE;
}

static gboolean
commit_product (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpBookingFlow *self = KP_BOOKING_FLOW (user_data);

  for (guint i = 0; self->products != NULL && i < self->products->len; i++)
    {
      const KpAppointmentProduct *product = g_ptr_array_index (self->products, i);

      if (g_str_equal (product->id, answer))
        {
          kp_appointment_set_product (self->appointment, product->id, product->name);
          return TRUE;
        }
    }
  return set_not_available (error);
}

static gboolean
commit_location (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpBookingFlow *self = KP_BOOKING_FLOW (user_data);

  for (guint i = 0; self->locations != NULL && i < self->locations->len; i++)
    {
      const KpAppointmentLocation *location = g_ptr_array_index (self->locations, i);

      if (g_str_equal (location->id, answer))
        {
          kp_appointment_set_location (self->appointment, location->id, location->name,
                                       location->address);
          return TRUE;
        }
    }
  return set_not_available (error);
}

/* "Another day" chooses nothing yet: the later days are the next question. */
static gboolean
commit_date (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpBookingFlow *self = KP_BOOKING_FLOW (user_data);

  if (g_strcmp0 (answer, LATER_CHOICE) == 0)
    return TRUE;
  if (!kp_date_text_parse_iso (answer, &self->chosen_day))
    return set_not_available (error);
  return TRUE;
}

static gboolean
later_is_asked (KpFormStep *step, gpointer user_data)
{
  KpBookingFlow *self = KP_BOOKING_FLOW (user_data);
  KpFormStep *date_step = kp_form_flow_get_step (self->flow, STEP_DATE);

  return g_strcmp0 (kp_form_step_get_answer (date_step), LATER_CHOICE) == 0;
}

static gboolean
product_is_asked (KpFormStep *step, gpointer user_data)
{
  return KP_BOOKING_FLOW (user_data)->product_id == NULL;
}

static guint
chosen_product_duration (KpBookingFlow *self)
{
  const char *id = kp_appointment_get_product_id (self->appointment);

  for (guint i = 0; self->products != NULL && i < self->products->len; i++)
    {
      const KpAppointmentProduct *product = g_ptr_array_index (self->products, i);

      if (g_str_equal (product->id, id))
        return product->duration_minutes;
    }
  return 0;
}

static gboolean
commit_time (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpBookingFlow *self = KP_BOOKING_FLOW (user_data);

  for (guint i = 0; self->times != NULL && i < self->times->len; i++)
    {
      GDateTime *start = g_ptr_array_index (self->times, i);
      g_autofree char *label = kp_date_text_format_time (start);

      if (g_str_equal (label, answer))
        {
          kp_appointment_set_start (self->appointment, start, chosen_product_duration (self));
          return TRUE;
        }
    }
  return set_not_available (error);
}

static gboolean
commit_name (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  return kp_appointment_set_name (KP_BOOKING_FLOW (user_data)->appointment, answer, error);
}

/* One field for either: an @ makes it an e-mail address, anything else a phone number. */
static gboolean
commit_contact (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpAppointment *appointment = KP_BOOKING_FLOW (user_data)->appointment;
  gboolean is_email = answer != NULL && strchr (answer, '@') != NULL;

  if (is_email)
    return kp_appointment_set_email (appointment, answer, error)
           && kp_appointment_set_phone (appointment, NULL, error);
  return kp_appointment_set_phone (appointment, answer, error)
         && kp_appointment_set_email (appointment, NULL, error);
}

/*
 * The day and the time as they will be booked: after a lost race, the
 * offered next time, which may be on another day.
 */
static char *
summarize_day (KpFormStep *step, gpointer user_data)
{
  KpBookingFlow *self = KP_BOOKING_FLOW (user_data);

  /* "Another day" led to the later days: that step shows the day. */
  if (g_strcmp0 (kp_form_step_get_answer (step), LATER_CHOICE) == 0)
    return g_strdup (_ ("Another day"));
  return g_date_valid (&self->chosen_day) ? kp_date_text_format_day (&self->chosen_day) : NULL;
}

static char *
summarize_time (KpFormStep *step, gpointer user_data)
{
  GDateTime *start = kp_appointment_get_start (KP_BOOKING_FLOW (user_data)->appointment);

  return start != NULL ? kp_date_text_format_time (start) : NULL;
}

static KpFormStep *
add_choice_step (KpBookingFlow *self,
                 const char *id,
                 const char *question,
                 const char *summary_label,
                 KpFormStepPrepareFunc prepare,
                 KpFormStepCommitFunc commit)
{
  /* The flow takes the step over. */
  KpFormStep *step = kp_form_flow_add_step (self->flow, kp_form_step_new_choices (id, question));

  kp_form_step_set_summary_label (step, summary_label);
  kp_form_step_set_prepare_func (step, prepare, self, NULL);
  kp_form_step_set_commit_func (step, commit, self, NULL);
  return step;
}

static void
add_steps (KpBookingFlow *self)
{
  KpFormStep *step;
  KpFormStep *name;
  KpFormStep *contact;

  step = add_choice_step (self, STEP_PRODUCT, _ ("What is your appointment for?"), _ ("What"),
                          prepare_product, commit_product);
  kp_form_step_set_condition_func (step, product_is_asked, self, NULL);
  add_choice_step (self, STEP_LOCATION, _ ("Where do you want to go?"), _ ("Where"),
                   prepare_location, commit_location);
  step = add_choice_step (self, STEP_DATE, _ ("Which day suits you?"), _ ("Day"), prepare_date,
                          commit_date);
  kp_form_step_set_summary_func (step, summarize_day, self, NULL);
  step = add_choice_step (self, STEP_LATER, _ ("Which day suits you?"), _ ("Day"), prepare_date,
                          commit_date);
  kp_form_step_set_condition_func (step, later_is_asked, self, NULL);
  kp_form_step_set_summary_func (step, summarize_day, self, NULL);
  step = add_choice_step (self, STEP_TIME, _ ("Which time suits you?"), _ ("Time"), prepare_time,
                          commit_time);
  kp_form_step_set_summary_func (step, summarize_time, self, NULL);

  name = kp_form_flow_add_step (
      self->flow,
      kp_form_step_new_entry (STEP_NAME, _ ("What is your name?"), GTK_INPUT_PURPOSE_NAME));
  kp_form_step_set_summary_label (name, _ ("Name"));
  kp_form_step_set_explanation (name, _ ("The staff at the desk need your name to find your "
                                         "appointment."));
  kp_form_step_set_commit_func (name, commit_name, self, NULL);

  contact = kp_form_flow_add_step (
      self->flow, kp_form_step_new_entry (STEP_CONTACT, _ ("Your e-mail address or phone number"),
                                          GTK_INPUT_PURPOSE_EMAIL));
  kp_form_step_set_summary_label (contact, _ ("E-mail or phone"));
  kp_form_step_set_explanation (contact,
                                _ ("You do not have to fill this in. We only use it to tell you "
                                   "if your appointment changes. We delete it after your "
                                   "appointment."));
  kp_form_step_set_optional (contact, TRUE);
  kp_form_step_set_commit_func (contact, commit_contact, self, NULL);
}

/* What one booking needs in its thread. */
typedef struct
{
  KpBookingFlow *self; /* unowned: the flow's cancellable is cancelled before it goes */
  KpAppointmentBackend *backend;
  KpAppointment *appointment;
  GDateTime *next_free; /* out: after a lost race, the time to offer */
} Booking;

static void
booking_free (gpointer data)
{
  Booking *booking = data;

  g_clear_object (&booking->backend);
  g_clear_object (&booking->appointment);
  g_clear_pointer (&booking->next_free, g_date_time_unref);
  g_free (booking);
}

static void
book_in_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  Booking *booking = task_data;
  KpAppointment *appointment = booking->appointment;
  g_autoptr (GError) error = NULL;

  if (kp_appointment_backend_book (booking->backend, appointment, cancellable, &error))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (g_error_matches (error, KP_APPOINTMENT_BACKEND_ERROR,
                       KP_APPOINTMENT_BACKEND_ERROR_SLOT_TAKEN))
    booking->next_free = kp_appointment_backend_find_next_free (
        booking->backend, kp_appointment_get_product_id (appointment),
        kp_appointment_get_location_id (appointment), kp_appointment_get_start (appointment),
        cancellable, NULL);
  g_task_return_error (task, g_steal_pointer (&error));
}

/* The guidance topic that leads to this product says what to bring. */
static void
add_bring_items (KpBookingFlow *self, KpSlip *slip)
{
  const char *product_id = kp_appointment_get_product_id (self->appointment);
  GPtrArray *topics = self->guide != NULL ? kp_guide_get_topics (self->guide) : NULL;

  for (guint i = 0; topics != NULL && i < topics->len; i++)
    {
      KpGuideTopic *topic = g_ptr_array_index (topics, i);
      const KpGuideSection *bring;

      if (kp_guide_topic_get_next_kind (topic) != KP_GUIDE_NEXT_APPOINTMENT
          || g_strcmp0 (kp_guide_topic_get_next_target (topic), product_id) != 0)
        continue;
      bring = kp_guide_topic_lookup_section (topic, KP_GUIDE_SECTION_BRING);
      for (guint j = 0; bring != NULL && j < bring->blocks->len; j++)
        kp_slip_add_bring_item (slip,
                                ((KpGuideBlock *) g_ptr_array_index (bring->blocks, j))->text);
      return;
    }
}

/* (transfer full) */
static KpSlip *
make_slip (KpBookingFlow *self)
{
  KpAppointment *appointment = self->appointment;
  g_autoptr (KpSlip) slip = kp_slip_new_for_kiosk (self->config, _ ("Appointment"),
                                                   kp_appointment_get_reference (appointment));
  g_autofree char *when = kp_date_text_format_day_and_time (kp_appointment_get_start (appointment));
  const char *address = kp_appointment_get_location_address (appointment);
  g_autofree char *where
      = address != NULL
            ? g_strdup_printf ("%s\n%s", kp_appointment_get_location_name (appointment), address)
            : g_strdup (kp_appointment_get_location_name (appointment));

  kp_slip_add_line (slip, _ ("What"), kp_appointment_get_product_name (appointment));
  kp_slip_add_line (slip, _ ("When"), when);
  kp_slip_add_line (slip, _ ("Where"), where);
  add_bring_items (self, slip);
  return g_steal_pointer (&slip);
}

/*
 * The place went to someone else: the next free time is taken into the
 * appointment, so the check screen shows it and Book takes it.
 */
static char *
offer_next_free (KpBookingFlow *self, GDateTime *next_free)
{
  g_autofree char *when = NULL;

  if (next_free == NULL)
    return g_strdup (_ ("Someone else just took this time, and there is no other free time. "
                        "Please ask us to call you back."));
  kp_appointment_set_start (self->appointment, next_free,
                            kp_appointment_get_duration_minutes (self->appointment));
  g_date_clear (&self->chosen_day, 1);
  g_date_set_dmy (&self->chosen_day, (GDateDay) g_date_time_get_day_of_month (next_free),
                  (GDateMonth) g_date_time_get_month (next_free),
                  (GDateYear) g_date_time_get_year (next_free));
  when = kp_date_text_format_day_and_time (next_free);
  /* TRANSLATORS: %s is a day and time, "Tuesday 8 December at 9:20" */
  return g_strdup_printf (_ ("Someone else just took this time. The next free time is %s. "
                             "Touch Book to take it, or choose another time."),
                          when);
}

static void
on_booked (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) send_task = user_data;
  Booking *booking = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  KpBookingFlow *self = booking->self;
  g_autoptr (KpSlip) slip = NULL;
  GtkWidget *receipt;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (send_task, g_steal_pointer (&error));
          return;
        }
      g_message ("Booking an appointment failed: %s", error->message);
      if (g_error_matches (error, KP_APPOINTMENT_BACKEND_ERROR,
                           KP_APPOINTMENT_BACKEND_ERROR_SLOT_TAKEN))
        message = offer_next_free (self, booking->next_free);
      else
        /* TRANSLATORS: %s is the backend's B1 sentence about what went wrong */
        message = g_strdup_printf (_ ("%s Choose another time, or ask us to call you back."),
                                   kp_appointment_backend_error_get_resident_message (error));
      g_task_return_new_error (send_task, KP_APPOINTMENT_BACKEND_ERROR, error->code, "%s", message);
      return;
    }

  slip = make_slip (self);
  receipt = kp_receipt_page_new (self->printer, slip, _ ("Your appointment is booked"));
  /* The slip has what the resident needs; the model need not keep who they are. */
  kp_appointment_forget_contact (self->appointment);
  g_task_return_pointer (send_task, g_object_ref_sink (receipt), g_object_unref);
}

static void
send_booking (KpFormFlow *flow, GTask *task, gpointer user_data)
{
  KpBookingFlow *self = KP_BOOKING_FLOW (user_data);
  g_autoptr (GTask) booking_task = NULL;
  Booking *booking = g_new0 (Booking, 1);

  booking->self = self;
  booking->backend = g_object_ref (self->backend);
  booking->appointment = g_object_ref (self->appointment);
  booking_task = g_task_new (NULL, g_task_get_cancellable (task), on_booked, g_object_ref (task));
  g_task_set_source_tag (booking_task, send_booking);
  g_task_set_task_data (booking_task, booking, booking_free);
  g_task_run_in_thread (booking_task, book_in_thread);
}

static void
kp_booking_flow_dispose (GObject *object)
{
  KpBookingFlow *self = KP_BOOKING_FLOW (object);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->times, g_ptr_array_unref);
  g_clear_pointer (&self->locations, g_ptr_array_unref);
  g_clear_pointer (&self->products, g_ptr_array_unref);
  g_clear_object (&self->appointment);
  g_clear_pointer (&self->product_id, g_free);
  g_clear_object (&self->guide);
  g_clear_object (&self->printer);
  g_clear_object (&self->backend);
  g_clear_object (&self->config);

  G_OBJECT_CLASS (kp_booking_flow_parent_class)->dispose (object);
}

static void
kp_booking_flow_class_init (KpBookingFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kp_booking_flow_dispose;
}

static void
kp_booking_flow_init (KpBookingFlow *self)
{
  self->appointment = kp_appointment_new ();
  self->cancellable = g_cancellable_new ();
  g_date_clear (&self->chosen_day, 1);
}

/*
 * A product given by a guidance topic is committed at once, with its name
 * from the guide: the product question is then not asked.
 */
static void
preset_product (KpBookingFlow *self)
{
  const KpGuideEntry *entry
      = self->guide != NULL ? kp_guide_lookup_product (self->guide, self->product_id) : NULL;

  kp_appointment_set_product (self->appointment, self->product_id,
                              entry != NULL ? entry->name : self->product_id);
}

GtkWidget *
kp_booking_flow_new (KpConfig *config,
                     KpAppointmentBackend *backend,
                     KpPrinter *printer,
                     KpGuide *guide,
                     const char *product_id)
{
  KpBookingFlow *self;

  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);
  g_return_val_if_fail (KP_IS_APPOINTMENT_BACKEND (backend), NULL);
  g_return_val_if_fail (KP_IS_PRINTER (printer), NULL);
  g_return_val_if_fail (guide == NULL || KP_IS_GUIDE (guide), NULL);

  self = g_object_new (KP_TYPE_BOOKING_FLOW, NULL);
  self->config = g_object_ref (config);
  self->backend = g_object_ref (backend);
  self->printer = g_object_ref (printer);
  self->guide = guide != NULL ? g_object_ref (guide) : NULL;
  self->product_id = g_strdup (product_id);
  if (self->product_id != NULL)
    preset_product (self);

  self->flow = KP_FORM_FLOW (kp_form_flow_new (_ ("Make an appointment")));
  add_steps (self);
  kp_form_flow_set_send_func (self->flow, _ ("Book"), send_booking, self, NULL);
  kp_form_flow_set_check_note (
      self->flow, _ ("When you touch Book, the appointment is made and you get a slip."));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->flow));
  return GTK_WIDGET (self);
}

KpAppointment *
kp_booking_flow_get_appointment (KpBookingFlow *self)
{
  g_return_val_if_fail (KP_IS_BOOKING_FLOW (self), NULL);

  return self->appointment;
}
