/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-booking-flow.h"

#include "kp-appointment-case.h"
#include "kp-calendar.h"
#include "kp-date-text.h"
#include "kp-form-flow.h"
#include "kp-receipt-page.h"
#include "kp-slip.h"
#include "kp-window.h"

#include <glib/gi18n.h>

/* How far ahead free days are looked for, and how many get a big button first. */
#define DAYS_AHEAD      60
#define FIRST_FREE_DAYS 6
#define LATER_CHOICE    "later"

#define STEP_PRODUCT  "product"
#define STEP_LOCATION "location"
#define STEP_DATE     "date"
#define STEP_LATER    "later-date"
#define STEP_TIME     "time"
#define STEP_NAME     "name"
#define STEP_CONTACT  "contact"

/* The choices a step offers instead of its own when the agenda does not answer. */
#define WAY_ON_PREFIX   "way-on:"
#define WAY_ON_RETRY    WAY_ON_PREFIX "retry"
#define WAY_ON_CALLBACK WAY_ON_PREFIX "callback"
#define WAY_ON_LOCAL    WAY_ON_PREFIX "local"
#define CALLBACK_PAGE   "callback"

struct _KpBookingFlow
{
  AdwBin parent_instance;

  KpConfig *config;
  KpAppointmentBackend *backend;
  KpAppointmentBackend
      *local_agenda; /* nullable: the information point's own, next to a remote one */
  KpOutbox *outbox;  /* nullable: where a booking goes on to the case system, if configured */
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
  LOAD_MONTH, /* the free days of the calendar's month */
  LOAD_TIMES,
} LoadKind;

typedef struct
{
  LoadKind kind;
  KpAppointmentBackend *backend;
  KpAppointmentBackend *local_agenda; /* nullable: asked when the backend does not answer */
  KpFormStep *step;
  char *product_id;
  char *location_id;
  GDate day;
  GDate last;            /* dates and month: the last day asked for */
  gboolean local_offers; /* out: the local agenda has the product (or, without one, any) */
} Load;

static void
load_free (gpointer data)
{
  Load *load = data;

  g_clear_object (&load->backend);
  g_clear_object (&load->local_agenda);
  g_clear_object (&load->step);
  g_clear_pointer (&load->product_id, g_free);
  g_clear_pointer (&load->location_id, g_free);
  g_free (load);
}

/* Whether @agenda offers @product_id, or any product when it is NULL. Blocking. */
static gboolean
agenda_offers (KpAppointmentBackend *agenda, const char *product_id, GCancellable *cancellable)
{
  g_autoptr (GPtrArray) products = kp_appointment_backend_list_products (agenda, cancellable, NULL);

  for (guint i = 0; products != NULL && i < products->len; i++)
    {
      const KpAppointmentProduct *product = g_ptr_array_index (products, i);

      if (product_id == NULL || g_str_equal (product->id, product_id))
        return TRUE;
    }
  return FALSE;
}

static void
load_in_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  Load *load = task_data;
  g_autoptr (GError) error = NULL;
  GPtrArray *list = NULL;

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
      case LOAD_MONTH:
        list
            = kp_appointment_backend_list_dates (load->backend, load->product_id, load->location_id,
                                                 &load->day, &load->last, cancellable, &error);
        break;
      case LOAD_TIMES:
      default:
        list = kp_appointment_backend_list_times (
            load->backend, load->product_id, load->location_id, &load->day, cancellable, &error);
        break;
    }
  if (list == NULL && load->local_agenda != NULL
      && g_error_matches (error, KP_APPOINTMENT_BACKEND_ERROR,
                          KP_APPOINTMENT_BACKEND_ERROR_UNAVAILABLE))
    load->local_offers = agenda_offers (load->local_agenda, load->product_id, cancellable);
  if (list == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, list, (GDestroyNotify) g_ptr_array_unref);
}

/*
 * The product's name in the session's language: the guide's, when it has
 * the product, for an agenda may name its products in Dutch only.
 */
static const char *
product_name (KpBookingFlow *self, const char *id, const char *agenda_name)
{
  return self->guide != NULL ? kp_guide_name_product (self->guide, id, agenda_name) : agenda_name;
}

static void
add_product_choices (KpBookingFlow *self, KpFormStep *step, GPtrArray *products)
{
  g_clear_pointer (&self->products, g_ptr_array_unref);
  self->products = g_ptr_array_ref (products);
  for (guint i = 0; i < products->len; i++)
    {
      const KpAppointmentProduct *product = g_ptr_array_index (products, i);

      kp_form_step_add_choice (step, product->id, "kp-topic-appointment",
                               product_name (self, product->id, product->name), NULL);
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

/* The first free days as big buttons, and a way to the calendar for later ones. */
static void
add_date_choices (KpFormStep *step, GPtrArray *dates)
{
  for (guint i = 0; i < MIN (FIRST_FREE_DAYS, dates->len); i++)
    add_day_choice (step, g_ptr_array_index (dates, i));
  if (dates->len > FIRST_FREE_DAYS)
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
      g_autofree char *spoken = kp_date_text_format_spoken_time (g_ptr_array_index (times, i));

      kp_form_step_add_choice (step, label, NULL, label, NULL);
      kp_form_step_set_choice_spoken (step, label, spoken);
    }
}

/*
 * The agenda does not answer: never a dead end. The resident can try
 * again, ask to be called back, or book in the information point's own
 * agenda when it has this product.
 */
static void
offer_ways_on (KpFormStep *step, gboolean local_offers)
{
  kp_form_step_set_explanation (step, _ ("The agenda does not answer right now. "
                                         "Choose what you want to do."));
  kp_form_step_add_choice (step, WAY_ON_RETRY, NULL, _ ("Try again"), NULL);
  kp_form_step_add_choice (step, WAY_ON_CALLBACK, NULL, _ ("Ask us to call you back"), NULL);
  if (local_offers)
    kp_form_step_add_choice (step, WAY_ON_LOCAL, NULL, _ ("Book at this information point"), NULL);
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
      /* The calendar has no room for the ways on; the day step before it has them. */
      if (g_error_matches (error, KP_APPOINTMENT_BACKEND_ERROR,
                           KP_APPOINTMENT_BACKEND_ERROR_UNAVAILABLE)
          && load->kind != LOAD_MONTH)
        offer_ways_on (load->step, load->local_offers);
      else
        kp_form_step_set_explanation (load->step,
                                      kp_appointment_backend_error_get_resident_message (error));
      return;
    }
  if (list->len == 0 && load->kind == LOAD_MONTH)
    kp_form_step_set_explanation (
        load->step, _ ("There are no free times in this month. Choose another month."));
  else if (list->len == 0 && load->kind != LOAD_PRODUCTS)
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
      case LOAD_MONTH:
        kp_calendar_set_free_days (KP_CALENDAR (kp_form_step_get_custom_input (load->step)), list);
        break;
      case LOAD_TIMES:
      default:
        add_time_choices (self, load->step, list);
        break;
    }
}

static void
set_today (GDate *day)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (day, 1);
  g_date_set_dmy (day, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
}

/* The days of the calendar's month from today on: a past day is never free. */
static void
set_month_range (KpFormStep *step, GDate *first, GDate *last)
{
  GDate today;

  kp_calendar_get_month (KP_CALENDAR (kp_form_step_get_custom_input (step)), first);
  *last = *first;
  g_date_set_day (last,
                  g_date_get_days_in_month (g_date_get_month (first), g_date_get_year (first)));
  set_today (&today);
  g_date_clamp (first, &today, NULL);
}

/* Replaces @step's choices with a fresh list from the backend, fetched in a thread. */
static void
start_load (KpBookingFlow *self, KpFormStep *step, LoadKind kind)
{
  g_autoptr (GTask) task = NULL;
  Load *load = g_new0 (Load, 1);

  load->kind = kind;
  load->backend = g_object_ref (self->backend);
  /* Once a location is chosen, its id is the remote agenda's: too late to switch. */
  if (kind == LOAD_PRODUCTS || kind == LOAD_LOCATIONS)
    g_set_object (&load->local_agenda, self->local_agenda);
  load->step = g_object_ref (step);
  load->product_id = g_strdup (kp_appointment_get_product_id (self->appointment));
  load->location_id = g_strdup (kp_appointment_get_location_id (self->appointment));
  load->day = self->chosen_day;
  if (kind == LOAD_DATES)
    {
      set_today (&load->day);
      load->last = load->day;
      g_date_add_days (&load->last, DAYS_AHEAD);
    }
  else if (kind == LOAD_MONTH)
    set_month_range (step, &load->day, &load->last);

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
prepare_month (KpFormStep *step, gpointer user_data)
{
  start_load (KP_BOOKING_FLOW (user_data), step, LOAD_MONTH);
}

static void
on_month_changed (KpCalendar *calendar, gpointer user_data)
{
  KpBookingFlow *self = KP_BOOKING_FLOW (user_data);

  start_load (self, kp_form_flow_get_step (self->flow, STEP_LATER), LOAD_MONTH);
}

/* A day touched in the calendar answers the step, as a choice button does. */
static void
on_day_chosen (KpCalendar *calendar, const char *iso_day, gpointer user_data)
{
  gtk_widget_activate_action (GTK_WIDGET (calendar), "flow.choose", "s", iso_day);
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

/*
 * A way on that a step offered when the agenda did not answer: carried out
 * here, so the flow stays on the step (see KpFormStepCommitFunc).
 */
static gboolean
take_way_on (KpBookingFlow *self, KpFormStep *step, const char *way)
{
  if (g_str_equal (way, WAY_ON_CALLBACK))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "kiosk.open", "s", CALLBACK_PAGE);
      return FALSE;
    }
  if (g_str_equal (way, WAY_ON_LOCAL) && self->local_agenda != NULL)
    {
      /* From now on this flow books in the local agenda; it has no other to switch to. */
      g_set_object (&self->backend, self->local_agenda);
      g_clear_object (&self->local_agenda);
    }
  kp_form_step_prepare (step);
  return FALSE;
}

static gboolean
is_way_on (const char *answer)
{
  return answer != NULL && g_str_has_prefix (answer, WAY_ON_PREFIX);
}

static gboolean
commit_product (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpBookingFlow *self = KP_BOOKING_FLOW (user_data);

  if (is_way_on (answer))
    return take_way_on (self, step, answer);
  for (guint i = 0; self->products != NULL && i < self->products->len; i++)
    {
      const KpAppointmentProduct *product = g_ptr_array_index (self->products, i);

      if (g_str_equal (product->id, answer))
        {
          kp_appointment_set_product (self->appointment, product->id,
                                      product_name (self, product->id, product->name));
          return TRUE;
        }
    }
  return set_not_available (error);
}

static gboolean
commit_location (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpBookingFlow *self = KP_BOOKING_FLOW (user_data);

  if (is_way_on (answer))
    return take_way_on (self, step, answer);
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

  if (is_way_on (answer))
    return take_way_on (self, step, answer);
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

  if (is_way_on (answer))
    return take_way_on (self, step, answer);
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

/* The later days as a month to page through; the flow shows the calendar under the question. */
static KpFormStep *
add_calendar_step (KpBookingFlow *self)
{
  GtkWidget *calendar = kp_calendar_new ();
  KpFormStep *step = kp_form_flow_add_step (
      self->flow, kp_form_step_new_custom (STEP_LATER, _ ("Which day suits you?"), calendar));

  kp_form_step_set_summary_label (step, _ ("Day"));
  kp_form_step_set_prepare_func (step, prepare_month, self, NULL);
  kp_form_step_set_commit_func (step, commit_date, self, NULL);
  g_signal_connect_object (calendar, "month-changed", G_CALLBACK (on_month_changed), self, 0);
  g_signal_connect_object (calendar, "day-chosen", G_CALLBACK (on_day_chosen), self, 0);
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
  step = add_calendar_step (self);
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
  KpConfig *config;
  KpOutbox *outbox;     /* nullable */
  GDateTime *next_free; /* out: after a lost race, the time to offer */
} Booking;

static void
booking_free (gpointer data)
{
  Booking *booking = data;

  g_clear_object (&booking->outbox);
  g_clear_object (&booking->config);
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
      /* The appointment stands either way: a case that cannot be queued is only logged. */
      if (booking->outbox != NULL
          && !kp_appointment_case_submit (appointment, booking->config, booking->outbox, &error))
        g_message ("A booked appointment was not registered as a case: %s", error->message);
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
      else if (g_error_matches (error, KP_APPOINTMENT_BACKEND_ERROR,
                                KP_APPOINTMENT_BACKEND_ERROR_UNAVAILABLE))
        /* The check screen keeps every answer, so Book is the way to try again. */
        message = g_strdup (_ ("The agenda does not answer right now. Touch Book to try again."));
      else
        message = g_strdup (kp_appointment_backend_error_get_resident_message (error));
      g_task_return_new_error (send_task, KP_APPOINTMENT_BACKEND_ERROR, error->code, "%s", message);
      return;
    }

  slip = kp_appointment_new_slip (self->appointment, self->config, self->guide);
  receipt = kp_receipt_page_new (self->printer, slip, _ ("Your appointment is booked"));
  kp_window_record_event_for (GTK_WIDGET (self), KP_EVENT_SUBMISSION, "appointment");
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
  booking->config = g_object_ref (self->config);
  booking->outbox = self->outbox != NULL ? g_object_ref (self->outbox) : NULL;
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
  g_clear_object (&self->outbox);
  g_clear_object (&self->local_agenda);
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
  kp_appointment_set_product (self->appointment, self->product_id,
                              product_name (self, self->product_id, self->product_id));
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

void
kp_booking_flow_set_local_agenda (KpBookingFlow *self, KpAppointmentBackend *local_agenda)
{
  g_return_if_fail (KP_IS_BOOKING_FLOW (self));
  g_return_if_fail (local_agenda == NULL || KP_IS_APPOINTMENT_BACKEND (local_agenda));

  g_set_object (&self->local_agenda, local_agenda);
}

void
kp_booking_flow_set_outbox (KpBookingFlow *self, KpOutbox *outbox)
{
  g_return_if_fail (KP_IS_BOOKING_FLOW (self));
  g_return_if_fail (outbox == NULL || KP_IS_OUTBOX (outbox));

  g_set_object (&self->outbox, outbox);
}

KpAppointment *
kp_booking_flow_get_appointment (KpBookingFlow *self)
{
  g_return_val_if_fail (KP_IS_BOOKING_FLOW (self), NULL);

  return self->appointment;
}
