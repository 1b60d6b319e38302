/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-follow-page.h"

#include "kp-accessible-label.h"
#include "kp-case-status-text.h"
#include "kp-date-text.h"
#include "kp-entry-helpers.h"
#include "kp-reference.h"
#include "kp-speech-mode.h"
#include "kp-status-requests.h"
#include "kp-submission-status.h"
#include "kp-window.h"

#include <glib/gi18n.h>

/*
 * How long a resident waits for kernpunt-syncd to ask the case system,
 * and how often the page looks whether it has answered.
 */
#define ASK_TIMEOUT  (10 * G_TIME_SPAN_SECOND)
#define ASK_INTERVAL (250 * G_TIME_SPAN_MILLISECOND)
/*
 * How long the page keeps an answer in view while the screen settles: the
 * on-screen keyboard slides away in 150 ms (kp-window.ui), and the page
 * grows as it goes. Room left around the answer when it is scrolled to.
 */
#define SETTLE_TIME    (500 * G_TIME_SPAN_MILLISECOND)
#define VIEW_MARGIN_PX 24

struct _KpFollowPage
{
  AdwBin parent_instance;

  KpConfig *config;
  KpOutbox *outbox;
  KpLocalRegister *local_register;    /* where kernpunt-syncd files the cases: their history */
  KpAppointmentBackend *appointments; /* nullable: no appointments on this kiosk */
  KpAppointment *appointment;         /* the one shown, for Cancel */
  GCancellable *cancellable;

  GtkEntry *reference_entry;
  GtkWidget *look_up_button;
  GtkWidget *asking_box;
  GtkSpinner *asking_spinner;
  GtkWidget *result_box;
  GtkLabel *result_label;
  GtkLabel *detail_label;
  GtkWidget *history_box;
  GtkWidget *history_list;
  GtkWidget *cancel_button;
  GtkWidget *confirm_box;

  guint settle_tick_id; /* keeps the answer in view while the screen settles */
  gint64 settle_until;  /* frame time at which that ends */
};

G_DEFINE_FINAL_TYPE (KpFollowPage, kp_follow_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_CONFIG,
  PROP_OUTBOX,
  PROP_APPOINTMENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_history (KpFollowPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->history_list)) != NULL)
    gtk_box_remove (GTK_BOX (self->history_list), child);
  gtk_widget_set_visible (self->history_box, FALSE);
}

static void
show_asking (KpFollowPage *self, gboolean asking)
{
  gtk_spinner_set_spinning (self->asking_spinner, asking);
  gtk_widget_set_visible (self->asking_box, asking);
}

/*
 * Scrolls the window's page area so the whole answer is in view, or its
 * top when it is taller than the view: a resident reads from the top.
 */
static void
scroll_result_into_view (KpFollowPage *self)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  graphene_rect_t box;
  double top, bottom, shift = 0;

  if (scroller == NULL || !gtk_widget_get_visible (self->result_box)
      || !gtk_widget_compute_bounds (self->result_box, scroller, &box))
    return;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  top = box.origin.y - VIEW_MARGIN_PX;
  bottom = box.origin.y + box.size.height + VIEW_MARGIN_PX;
  if (bottom > gtk_adjustment_get_page_size (adjustment))
    shift = bottom - gtk_adjustment_get_page_size (adjustment);
  if (top - shift < 0)
    shift = top;
  if (shift != 0)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + shift);
}

/*
 * Layout lags a frame behind, and the view grows while the keyboard slides
 * away, so the page scrolls on each frame until the screen has settled.
 */
static gboolean
on_settle_tick (GtkWidget *widget, GdkFrameClock *frame_clock, gpointer user_data)
{
  KpFollowPage *self = KP_FOLLOW_PAGE (widget);

  scroll_result_into_view (self);
  if (gdk_frame_clock_get_frame_time (frame_clock) < self->settle_until)
    return G_SOURCE_CONTINUE;
  self->settle_tick_id = 0;
  return G_SOURCE_REMOVE;
}

static void
stop_keeping_result_in_view (KpFollowPage *self)
{
  if (self->settle_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->settle_tick_id);
  self->settle_tick_id = 0;
}

static void
keep_result_in_view (KpFollowPage *self)
{
  self->settle_until = g_get_monotonic_time () + SETTLE_TIME;
  if (self->settle_tick_id == 0)
    self->settle_tick_id
        = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_settle_tick, NULL, NULL);
}

static void
show_result (KpFollowPage *self, const char *message, const char *detail)
{
  show_asking (self, FALSE);
  clear_history (self);
  gtk_label_set_label (self->result_label, message);
  gtk_label_set_label (self->detail_label, detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), detail != NULL);
  gtk_widget_set_visible (self->cancel_button, FALSE);
  gtk_widget_set_visible (self->confirm_box, FALSE);
  gtk_widget_set_visible (self->result_box, TRUE);
  keep_result_in_view (self);
}

/*
 * A number that cannot be used: shown under the field, and in speech mode
 * said with the field's name (EN 301 549 5.1.3.15).
 */
static void
show_number_problem (KpFollowPage *self, const char *message)
{
  g_autofree char *field_name = kp_accessible_label_dup (GTK_WIDGET (self->reference_entry));

  show_result (self, message, NULL);
  kp_speech_mode_announce_error (GTK_WIDGET (self), field_name, message);
}

/* A person can always get further: a volunteer in the room, or the phone. */
static void
show_ask_for_help (KpFollowPage *self)
{
  g_autofree char *message
      = g_strdup_printf (_ ("Something went wrong. Please ask a volunteer or call %s."),
                         kp_config_get_phone (self->config));

  show_result (self, message, NULL);
  kp_speech_mode_announce (self->result_box);
}

/* The day of a step in words, "Monday 3 March"; NULL when its time is not known. */
static char *
dup_step_day (const KpStatusStep *step)
{
  g_autoptr (GDateTime) at = NULL;
  GDate day;

  if (step->at <= 0)
    return NULL;
  at = g_date_time_new_from_unix_local (step->at / G_USEC_PER_SEC);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, (GDateDay) g_date_time_get_day_of_month (at),
                  (GDateMonth) g_date_time_get_month (at), (GDateYear) g_date_time_get_year (at));
  return kp_date_text_format_day (&day);
}

static GtkWidget *
new_label (const char *text, const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

/* One step: its day on a line of its own, then what happened in B1. */
static GtkWidget *
new_step_row (const KpStatusStep *step)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autofree char *day = dup_step_day (step);

  gtk_widget_add_css_class (row, "status-step");
  if (day != NULL)
    gtk_box_append (GTK_BOX (row), new_label (day, "title-3"));
  gtk_box_append (GTK_BOX (row), new_label (step->text, "body-large"));
  return row;
}

/*
 * The headline says where the submission is now; the history below reads
 * oldest first, top to bottom, like a letter telling what happened, and
 * ends at that same "now". Newest first would make a resident read back in
 * time, which people who are not at ease with screens find confusing.
 */
static void
show_status_with (KpFollowPage *self,
                  KpSubmissionStatus *status,
                  const char *headline,
                  const char *more)
{
  const char *case_number = kp_submission_status_get_case_number (status);
  GPtrArray *history = kp_submission_status_get_history (status);
  g_autoptr (GString) detail = g_string_new (NULL);

  /* A submission that could not be sent needs a person: the phone number too. */
  if (g_str_equal (kp_submission_status_get_status (status), KP_SUBMISSION_STATUS_PROBLEM))
    show_ask_for_help (self);
  else
    {
      if (case_number != NULL)
        g_string_append_printf (detail, _ ("Case number: %s"), case_number);
      if (more != NULL)
        g_string_append_printf (detail, "%s%s", detail->len > 0 ? "\n" : "", more);
      show_result (self, headline != NULL ? headline : kp_submission_status_get_text (status),
                   detail->len > 0 ? detail->str : NULL);
      /* The answer the resident waited for; the reference they typed is not in it. */
      kp_speech_mode_announce (self->result_box);
    }
  for (guint i = 0; i < history->len; i++)
    gtk_box_append (GTK_BOX (self->history_list), new_step_row (g_ptr_array_index (history, i)));
  gtk_widget_set_visible (self->history_box, TRUE);
}

/* SQLite is disk work: it runs off the UI thread, so the screen never freezes. */
static void
look_up_in_thread (GTask *task,
                   gpointer source_object,
                   gpointer task_data,
                   GCancellable *cancellable)
{
  KpFollowPage *self = KP_FOLLOW_PAGE (source_object);
  const char *reference = task_data;
  g_autoptr (GError) error = NULL;
  GObject *found = G_OBJECT (
      kp_submission_status_lookup (self->outbox, self->local_register, reference, &error));

  /* A slip's reference is a report's or an appointment's: they share one form. */
  if (found == NULL && self->appointments != NULL
      && g_error_matches (error, KP_OUTBOX_ERROR, KP_OUTBOX_ERROR_NOT_FOUND))
    {
      g_clear_error (&error);
      found = G_OBJECT (
          kp_appointment_backend_lookup (self->appointments, reference, cancellable, &error));
      if (g_error_matches (error, KP_APPOINTMENT_BACKEND_ERROR,
                           KP_APPOINTMENT_BACKEND_ERROR_NOT_FOUND))
        {
          g_clear_error (&error);
          g_set_error_literal (&error, KP_OUTBOX_ERROR, KP_OUTBOX_ERROR_NOT_FOUND, "not found");
        }
    }
  if (found == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, found, g_object_unref);
}

static void
show_appointment (KpFollowPage *self, KpAppointment *appointment)
{
  gboolean cancelled = kp_appointment_get_state (appointment) == KP_APPOINTMENT_STATE_CANCELLED;
  GDateTime *start = kp_appointment_get_start (appointment);
  g_autofree char *when = start != NULL ? kp_date_text_format_day_and_time (start) : NULL;
  g_autofree char *detail = NULL;

  /* TRANSLATORS: what, when and where of an appointment, one per line */
  detail = g_strdup_printf (_ ("What: %s\nWhen: %s\nWhere: %s"),
                            kp_appointment_get_product_name (appointment), when != NULL ? when : "",
                            kp_appointment_get_location_name (appointment));
  show_result (self,
               cancelled ? _ ("This appointment is cancelled.") : _ ("You have an appointment."),
               detail);
  g_set_object (&self->appointment, appointment);
  gtk_widget_set_visible (self->cancel_button, !cancelled);
  kp_speech_mode_announce (self->result_box);
}

/* What kernpunt-syncd told about one case, or that it did not answer in time. */
typedef struct
{
  KpCaseStatus *known; /* nullable: nothing known at all */
  gboolean answered;
} AskResult;

static void
ask_result_free (AskResult *result)
{
  g_clear_pointer (&result->known, kp_case_status_free);
  g_free (result);
}

/*
 * Only kernpunt-syncd may read the case systems' secrets, so the page asks
 * through the database and waits, off the UI thread, for the answer.
 */
static void
ask_in_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  KpFollowPage *self = KP_FOLLOW_PAGE (source_object);
  const char *reference = kp_submission_status_get_reference (KP_SUBMISSION_STATUS (task_data));
  g_autoptr (KpStatusRequests) requests
      = kp_status_requests_new (kp_outbox_get_store (self->outbox));
  g_autoptr (GError) error = NULL;
  gint64 asked_at = g_get_real_time ();
  AskResult *result = g_new0 (AskResult, 1);

  if (kp_status_requests_ask (requests, reference, asked_at, &error))
    result->known = kp_status_requests_wait (requests, reference, asked_at, ASK_TIMEOUT,
                                             ASK_INTERVAL, &result->answered, cancellable, &error);
  if (error != NULL)
    {
      ask_result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, result, (GDestroyNotify) ask_result_free);
}

/* "What we knew last, on Monday 3 March at 14:05: …" (transfer full) (nullable) */
static char *
dup_last_known (KpFollowPage *self, const KpCaseStatus *known)
{
  g_autoptr (GDateTime) at = NULL;
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;

  if (known == NULL || known->checked_at <= 0 || known->status == NULL)
    return NULL;
  at = g_date_time_new_from_unix_local (known->checked_at / G_USEC_PER_SEC);
  when = kp_date_text_format_day_and_time (at);
  text = kp_case_status_text_dup (self->config, known->status, NULL);
  /* TRANSLATORS: "What we knew last, on Monday 3 March at 14:05: The municipality is working on it." */
  return g_strdup_printf (_ ("What we knew last, on %s: %s"), when, text);
}

static void
on_ask_done (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  AskResult *answer = g_task_propagate_pointer (G_TASK (result), &error);
  KpSubmissionStatus *status = g_task_get_task_data (G_TASK (result));
  KpFollowPage *self;
  g_autofree char *case_text = NULL;
  g_autofree char *last_known = NULL;
  g_autofree char *next_step = NULL;

  /* Cancelled means the page is gone or another number was typed: touch nothing. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = KP_FOLLOW_PAGE (user_data);
  if (answer == NULL)
    {
      g_message ("Asking for a case's status failed: %s", error->message);
      show_ask_for_help (self);
      return;
    }
  if (answer->answered && answer->known->checked_at >= answer->known->error_at)
    {
      kp_submission_status_add_case_status (status, self->config, answer->known);
      /* The case system's own words for the resident, beside our B1 sentence, never alone. */
      if (answer->known->status_text != NULL)
        case_text
            = g_strdup_printf (_ ("The municipality writes: “%s”"), answer->known->status_text);
      show_status_with (self, status, NULL, case_text);
    }
  else
    {
      /*
       * No answer, or "cannot reach": say so, with what we knew last and
       * when, and what the resident can do, so it is never a dead end.
       */
      last_known = dup_last_known (self, answer->known);
      if (answer->known != NULL)
        kp_submission_status_add_case_status (status, self->config, answer->known);
      next_step = g_strjoin ("\n", _ ("Nothing is lost. Try again later, or ask a volunteer."),
                             last_known, NULL);
      show_status_with (self, status, _ ("We cannot reach the municipality's system now."),
                        next_step);
    }
  ask_result_free (answer);
}

/*
 * A case in a case system: its status there now is what the resident
 * came for, so the page asks before it shows anything.
 */
static void
ask_or_show_status (KpFollowPage *self, KpSubmissionStatus *status)
{
  g_autoptr (GTask) task = NULL;

  if (kp_submission_status_get_backend (status) == NULL)
    {
      show_status_with (self, status, NULL, NULL);
      return;
    }
  gtk_widget_set_visible (self->result_box, FALSE);
  show_asking (self, TRUE);
  task = g_task_new (self, self->cancellable, on_ask_done, self);
  g_task_set_source_tag (task, ask_or_show_status);
  g_task_set_task_data (task, g_object_ref (status), g_object_unref);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, ask_in_thread);
}

static void
on_look_up_done (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GObject) found = g_task_propagate_pointer (G_TASK (result), &error);
  KpFollowPage *self;

  /* Cancelled means the page is gone (the session ended): touch nothing. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = KP_FOLLOW_PAGE (user_data);
  if (KP_IS_APPOINTMENT (found))
    show_appointment (self, KP_APPOINTMENT (found));
  else if (found != NULL)
    ask_or_show_status (self, KP_SUBMISSION_STATUS (found));
  else if (g_error_matches (error, KP_OUTBOX_ERROR, KP_OUTBOX_ERROR_NOT_FOUND))
    show_number_problem (self, _ ("We cannot find this number."));
  else
    {
      g_message ("Looking up a reference failed: %s", error->message);
      show_ask_for_help (self);
    }
}

static void
look_up (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpFollowPage *self = KP_FOLLOW_PAGE (widget);
  g_autoptr (GError) error = NULL;
  g_autoptr (GTask) task = NULL;
  g_autofree char *reference = NULL;

  /* A barcode reader types the slip's QR code: the reference, or the status link holding it. */
  reference = kp_reference_from_scan (gtk_editable_get_text (GTK_EDITABLE (self->reference_entry)),
                                      kp_config_get_slip_qr_url_template (self->config), &error);
  if (reference == NULL)
    {
      show_number_problem (self, _ ("This number has a typo. Check it and try again."));
      return;
    }
  /* The entry then shows the number as the slip prints it, not a long link. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->reference_entry)), reference) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->reference_entry), reference);
  /*
   * Typing is over: the focus leaves the entry, so the on-screen keyboard
   * goes down and the answer has the screen. It rests on the button, where
   * a volunteer's keyboard or a switch user goes on from.
   */
  gtk_widget_grab_focus (self->look_up_button);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  task = g_task_new (self, self->cancellable, on_look_up_done, self);
  g_task_set_source_tag (task, look_up);
  g_task_set_task_data (task, g_steal_pointer (&reference), g_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, look_up_in_thread);
}

static void
cancel_appointment (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpFollowPage *self = KP_FOLLOW_PAGE (widget);

  gtk_widget_set_visible (self->cancel_button, FALSE);
  gtk_widget_set_visible (self->confirm_box, TRUE);
}

static void
keep_appointment (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpFollowPage *self = KP_FOLLOW_PAGE (widget);

  gtk_widget_set_visible (self->confirm_box, FALSE);
  gtk_widget_set_visible (self->cancel_button, TRUE);
}

static void
cancel_in_thread (GTask *task,
                  gpointer source_object,
                  gpointer task_data,
                  GCancellable *cancellable)
{
  KpFollowPage *self = KP_FOLLOW_PAGE (source_object);
  g_autoptr (GError) error = NULL;

  if (kp_appointment_backend_cancel (self->appointments, KP_APPOINTMENT (task_data), cancellable,
                                     &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
on_cancel_done (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  KpFollowPage *self;

  if (!g_task_propagate_boolean (G_TASK (result), &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = KP_FOLLOW_PAGE (user_data);
  if (error != NULL)
    {
      g_message ("Cancelling an appointment failed: %s", error->message);
      show_ask_for_help (self);
      return;
    }
  show_result (self, _ ("Your appointment is cancelled."), NULL);
}

static void
confirm_cancel (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpFollowPage *self = KP_FOLLOW_PAGE (widget);
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (self->appointment != NULL);
  gtk_widget_set_visible (self->confirm_box, FALSE);
  task = g_task_new (self, self->cancellable, on_cancel_done, self);
  g_task_set_source_tag (task, confirm_cancel);
  g_task_set_task_data (task, g_object_ref (self->appointment), g_object_unref);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, cancel_in_thread);
}

static void
on_entry_activate (KpFollowPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "follow.look-up", NULL);
}

/* An answer about another number would mislead: hide it while typing. */
static void
on_entry_changed (KpFollowPage *self)
{
  stop_keeping_result_in_view (self);
  gtk_widget_set_visible (self->result_box, FALSE);
  if (gtk_widget_get_visible (self->asking_box))
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      show_asking (self, FALSE);
    }
}

static gboolean
speech_mode_is_on (KpFollowPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  KpSpeechMode *speech_mode
      = KP_IS_WINDOW (root) ? kp_window_get_speech_mode (KP_WINDOW (root)) : NULL;

  return speech_mode != NULL && kp_speech_mode_get_active (speech_mode);
}

static gboolean
entry_has_focus (KpFollowPage *self)
{
  GtkWidget *entry = GTK_WIDGET (self->reference_entry);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (entry));

  return focus == entry || (focus != NULL && gtk_widget_is_ancestor (focus, entry));
}

/*
 * A barcode reader types like a keyboard, wherever the focus is. After a
 * look-up the focus rests on the button, so the next slip's number would
 * go nowhere and its Enter would start speech mode. A character typed
 * anywhere on the page therefore goes to the field, and the focus with it
 * (which selects the old number, so the new one replaces it): the rest of
 * the number and its Enter follow. In speech mode keys stay the keypad's.
 */
static gboolean
on_page_key_pressed (KpFollowPage *self,
                     guint keyval,
                     guint keycode,
                     GdkModifierType state,
                     GtkEventControllerKey *controller)
{
  gunichar character = gdk_keyval_to_unicode (keyval);
  GtkEditable *entry = GTK_EDITABLE (self->reference_entry);
  char text[8] = { 0 };
  int position;

  if (!g_unichar_isgraph (character)
      || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0 || entry_has_focus (self)
      || speech_mode_is_on (self))
    return GDK_EVENT_PROPAGATE;
  gtk_widget_grab_focus (GTK_WIDGET (entry));
  g_unichar_to_utf8 (character, text);
  gtk_editable_delete_selection (entry);
  position = gtk_editable_get_position (entry);
  gtk_editable_insert_text (entry, text, -1, &position);
  gtk_editable_set_position (entry, position);
  return GDK_EVENT_STOP;
}

static void
forward_typing_to_entry (KpFollowPage *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  /* Capture: before the focused button sees the key. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_page_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

/* The page has one thing to do: the caret waits in the entry, and the keyboard comes up. */
static void
kp_follow_page_map (GtkWidget *widget)
{
  KpFollowPage *self = KP_FOLLOW_PAGE (widget);

  GTK_WIDGET_CLASS (kp_follow_page_parent_class)->map (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->reference_entry));
}

static void
kp_follow_page_dispose (GObject *object)
{
  KpFollowPage *self = KP_FOLLOW_PAGE (object);

  stop_keeping_result_in_view (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->appointment);
  g_clear_object (&self->appointments);
  g_clear_object (&self->local_register);
  g_clear_object (&self->outbox);
  g_clear_object (&self->config);

  G_OBJECT_CLASS (kp_follow_page_parent_class)->dispose (object);
}

static void
kp_follow_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KpFollowPage *self = KP_FOLLOW_PAGE (object);

  switch (prop_id)
    {
      case PROP_CONFIG:
        self->config = g_value_dup_object (value);
        break;
      case PROP_OUTBOX:
        self->outbox = g_value_dup_object (value);
        break;
      case PROP_APPOINTMENTS:
        self->appointments = g_value_dup_object (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/*
 * kernpunt-syncd files every case in the embedded register of the same
 * database (ARCHITECTURE.md), so the page reads the history from there.
 */
static void
kp_follow_page_constructed (GObject *object)
{
  KpFollowPage *self = KP_FOLLOW_PAGE (object);

  G_OBJECT_CLASS (kp_follow_page_parent_class)->constructed (object);

  self->local_register = kp_local_register_new (kp_outbox_get_store (self->outbox));
}

static void
kp_follow_page_class_init (KpFollowPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kp_follow_page_constructed;
  object_class->dispose = kp_follow_page_dispose;
  object_class->set_property = kp_follow_page_set_property;
  widget_class->map = kp_follow_page_map;

  properties[PROP_CONFIG]
      = g_param_spec_object ("config", NULL, NULL, KP_TYPE_CONFIG,
                             G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OUTBOX]
      = g_param_spec_object ("outbox", NULL, NULL, KP_TYPE_OUTBOX,
                             G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_APPOINTMENTS]
      = g_param_spec_object ("appointments", NULL, NULL, KP_TYPE_APPOINTMENT_BACKEND,
                             G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/nl/kernpunt/Kernpunt/kp-follow-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KpFollowPage, reference_entry);
  gtk_widget_class_bind_template_child (widget_class, KpFollowPage, look_up_button);
  gtk_widget_class_bind_template_child (widget_class, KpFollowPage, asking_box);
  gtk_widget_class_bind_template_child (widget_class, KpFollowPage, asking_spinner);
  gtk_widget_class_bind_template_child (widget_class, KpFollowPage, result_box);
  gtk_widget_class_bind_template_child (widget_class, KpFollowPage, result_label);
  gtk_widget_class_bind_template_child (widget_class, KpFollowPage, detail_label);
  gtk_widget_class_bind_template_child (widget_class, KpFollowPage, history_box);
  gtk_widget_class_bind_template_child (widget_class, KpFollowPage, history_list);
  gtk_widget_class_bind_template_child (widget_class, KpFollowPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, KpFollowPage, confirm_box);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);

  gtk_widget_class_install_action (widget_class, "follow.look-up", NULL, look_up);
  gtk_widget_class_install_action (widget_class, "follow.cancel-appointment", NULL,
                                   cancel_appointment);
  gtk_widget_class_install_action (widget_class, "follow.keep-appointment", NULL, keep_appointment);
  gtk_widget_class_install_action (widget_class, "follow.confirm-cancel", NULL, confirm_cancel);
}

static void
kp_follow_page_init (KpFollowPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  kp_entry_helpers_disable_context_menu (self->reference_entry);
  forward_typing_to_entry (self);
  /* Set here, not in the template, so speech mode can read it too (kp-accessible-label.h). */
  kp_accessible_label_set (GTK_WIDGET (self->reference_entry), _ ("Number from your slip"));
}

GtkWidget *
kp_follow_page_new (KpConfig *config, KpOutbox *outbox, KpAppointmentBackend *appointments)
{
  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);
  g_return_val_if_fail (KP_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (appointments == NULL || KP_IS_APPOINTMENT_BACKEND (appointments), NULL);

  return g_object_new (KP_TYPE_FOLLOW_PAGE, "config", config, "outbox", outbox, "appointments",
                       appointments, NULL);
}
