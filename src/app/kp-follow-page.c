/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-follow-page.h"

#include "kp-date-text.h"
#include "kp-entry-helpers.h"
#include "kp-reference.h"
#include "kp-submission-status.h"

#include <glib/gi18n.h>

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
  GtkWidget *result_box;
  GtkLabel *result_label;
  GtkLabel *detail_label;
  GtkWidget *history_box;
  GtkWidget *history_list;
  GtkWidget *cancel_button;
  GtkWidget *confirm_box;
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
show_result (KpFollowPage *self, const char *message, const char *detail)
{
  clear_history (self);
  gtk_label_set_label (self->result_label, message);
  gtk_label_set_label (self->detail_label, detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), detail != NULL);
  gtk_widget_set_visible (self->cancel_button, FALSE);
  gtk_widget_set_visible (self->confirm_box, FALSE);
  gtk_widget_set_visible (self->result_box, TRUE);
}

/* A person can always get further: a volunteer in the room, or the phone. */
static void
show_ask_for_help (KpFollowPage *self)
{
  g_autofree char *message
      = g_strdup_printf (_ ("Something went wrong. Please ask a volunteer or call %s."),
                         kp_config_get_phone (self->config));

  show_result (self, message, NULL);
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
show_status (KpFollowPage *self, KpSubmissionStatus *status)
{
  const char *case_id = kp_submission_status_get_case_id (status);
  GPtrArray *history = kp_submission_status_get_history (status);
  g_autofree char *detail = NULL;

  /* A submission that could not be sent needs a person: the phone number too. */
  if (g_str_equal (kp_submission_status_get_status (status), KP_SUBMISSION_STATUS_PROBLEM))
    show_ask_for_help (self);
  else
    {
      if (case_id != NULL && *case_id != '\0')
        detail = g_strdup_printf (_ ("Case number: %s"), case_id);
      show_result (self, kp_submission_status_get_text (status), detail);
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
    show_status (self, KP_SUBMISSION_STATUS (found));
  else if (g_error_matches (error, KP_OUTBOX_ERROR, KP_OUTBOX_ERROR_NOT_FOUND))
    show_result (self, _ ("We cannot find this number."), NULL);
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
      show_result (self, _ ("This number has a typo. Check it and try again."), NULL);
      return;
    }
  /* The entry then shows the number as the slip prints it, not a long link. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->reference_entry)), reference) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->reference_entry), reference);

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
  gtk_widget_set_visible (self->result_box, FALSE);
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
