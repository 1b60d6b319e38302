/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-window.h"

#include "kp-booking-flow.h"
#include "kp-clipboard.h"
#include "kp-coming-soon-page.h"
#include "kp-countdown.h"
#include "kp-events.h"
#include "kp-feedback-page.h"
#include "kp-follow-page.h"
#include "kp-form-start-page.h"
#include "kp-forms-page.h"
#include "kp-forms-speech-page.h"
#include "kp-guide-group-page.h"
#include "kp-guide-page.h"
#include "kp-guide-topic-page.h"
#include "kp-help-notice.h"
#include "kp-home-page.h"
#include "kp-idle-guard.h"
#include "kp-keyboard.h"
#include "kp-large-text.h"
#include "kp-page-bar.h"
#include "kp-reach.h"
#include "kp-receipt-page.h"
#include "kp-registration-panel.h"
#include "kp-callback-flow.h"
#include "kp-found-flow.h"
#include "kp-found-lost-page.h"
#include "kp-lost-flow.h"
#include "kp-report-flow.h"
#include "kp-resources.h"
#include "kp-speech-mode.h"
#include "kp-topic.h"
#include "kp-visible-text.h"
#include "kp-web-form-page.h"
#include "kp-volunteer-pad.h"
#include "kp-volunteer-page.h"
#include "kp-volunteers.h"

#include <glib/gi18n.h>
#include <libintl.h>
#include <math.h>

#define RESOURCE_PATH "/nl/kernpunt/Kernpunt"
#define HOME_PAGE     "home"
#define FOLLOW_PAGE   "follow"
#define GUIDE_PAGE    "information"
#define GROUP_PREFIX  "group:"
#define TOPIC_PREFIX  "topic:"
#define BOOKING_PAGE  "appointment"
#define BOOK_PREFIX   "appointment:"
#define FORMS_PAGE    "digid-form"
/* Volunteer mode closes after this long without a touch. */
#define VOLUNTEER_IDLE_SECONDS 120
/* "Did this help?" goes away by itself when nobody answers. */
#define FEEDBACK_SECONDS 60

struct _KpWindow
{
  AdwApplicationWindow parent_instance;

  KpConfig *config;
  KpOutbox *outbox;
  KpSpeaker *speaker;
  KpSpeechMode *speech_mode;
  GHashTable *guides; /* language → KpGuide; a language whose guide failed to load is absent */
  KpIdleGuard *idle_guard;
  GCancellable *speech_cancellable;
  char *language;
  GPtrArray *history; /* names of the pages Back returns to, oldest first */
  GtkCssProvider *style_provider;
  GtkCssProvider *target_size_provider;
  GtkCssProvider *large_text_provider; /* empty unless large text is on */
  gboolean large_text;
  KpKeyboard *keyboard;
  int min_target_px;            /* 0 until the window knows its monitor */
  KpPrinterState printer_state; /* as the last print found it; outlives sessions */
  /* Made at the first booking or look-up. */
  KpAppointmentBackend *appointments;
  KpAppointmentBackend *local_agenda; /* nullable: the information point's own agenda */
  KpPrinter *printer;
  KpCamera *camera; /* nullable: a kiosk without one asks for no photo */
  KpEvents *events; /* nullable: a kiosk whose counts fail still works */
  /* The e-forms, read again at each session's start; the one being filled in, until finished or left. */
  KpEFormCatalogue *e_forms;
  GCancellable *e_forms_cancellable;
  char *open_e_form;
  KpVolunteers *volunteers;
  char *volunteer; /* the name, while volunteer mode is open */
  guint volunteer_idle_seconds;
  guint volunteer_idle_source;
  guint pad_lock_source;
  GCancellable *volunteer_cancellable; /* the PIN check and printer queries of volunteer mode */
  gboolean help_waiting;               /* Help was touched and no volunteer answered yet */
  char *feedback_language;             /* the language "Did this help?" was asked in */
  guint feedback_source;

  AdwBin *bar_slot;
  GtkLabel *printer_banner;
  GtkStack *stack;
  GtkRevealer *keyboard_revealer;
  GtkWidget *help_slot;
  GtkWidget *countdown_slot;
  GtkWidget *feedback_slot;
  GtkWidget *volunteer_slot;
};

G_DEFINE_FINAL_TYPE (KpWindow, kp_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_CONFIG,
  PROP_OUTBOX,
  PROP_SPEAKER,
  PROP_LANGUAGE,
  PROP_LARGE_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_available_language (KpWindow *self, const char *language)
{
  return g_strv_contains (kp_config_get_languages (self->config), language);
}

/*
 * gettext reads LANGUAGE on every lookup, but caches translations; calling
 * textdomain() again makes it look afresh, so pages built after this are
 * in the new language. The environment is changed only when the language
 * really changes: setenv() while GIO's worker threads run is safe only
 * because glibc never frees an old environment string, so keep it rare
 * (a resident's own language switch and the reset after them).
 */
static void
apply_language (KpWindow *self)
{
  if (g_strcmp0 (g_getenv ("LANGUAGE"), self->language) == 0)
    return;
  g_setenv ("LANGUAGE", self->language, TRUE);
  textdomain (GETTEXT_PACKAGE);
}

/*
 * Both languages are loaded once, at start-up, so a language switch is
 * instant. A broken bundle must not stop the kiosk: its tile then shows
 * the "coming soon" page with the phone number, and the log says why
 * (file and line of the content, nothing a resident typed).
 */
static void
load_guides (KpWindow *self)
{
  const char *const *languages = kp_config_get_languages (self->config);
  g_autofree char *folder = kp_guide_dup_default_folder ();

  for (gsize i = 0; languages[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      KpGuide *guide = kp_guide_load (folder, languages[i], &error);

      if (guide == NULL)
        g_message ("The guide in “%s” is not available: %s", languages[i], error->message);
      else
        g_hash_table_insert (self->guides, g_strdup (languages[i]), guide);
    }
}

/* (nullable) (transfer none) */
static const KpGuideGroup *
lookup_group (KpGuide *guide, const char *id)
{
  GPtrArray *groups = kp_guide_get_groups (guide);

  for (guint i = 0; i < groups->len; i++)
    {
      const KpGuideGroup *group = g_ptr_array_index (groups, i);

      if (g_str_equal (group->id, id))
        return group;
    }
  return NULL;
}

/* (nullable): the guide's own pages, "information", "group:ID" and "topic:SLUG" */
static GtkWidget *
create_guide_page (KpWindow *self, KpGuide *guide, const char *name)
{
  const KpGuideGroup *group;
  KpGuideTopic *topic;

  if (g_str_equal (name, GUIDE_PAGE))
    return kp_guide_page_new (guide);
  if (g_str_has_prefix (name, GROUP_PREFIX))
    {
      group = lookup_group (guide, name + strlen (GROUP_PREFIX));
      return group != NULL ? kp_guide_group_page_new (guide, group) : NULL;
    }
  if (g_str_has_prefix (name, TOPIC_PREFIX))
    {
      topic = kp_guide_lookup_topic (guide, name + strlen (TOPIC_PREFIX));
      return topic != NULL ? kp_guide_topic_page_new (self->config, guide, topic) : NULL;
    }
  return NULL;
}

/*
 * (nullable) (transfer none): made when first needed, so a kiosk where
 * nobody books never writes an agenda. Without it, booking is "coming soon".
 */
static KpAppointmentBackend *
get_appointments (KpWindow *self)
{
  g_autoptr (GError) error = NULL;

  if (self->appointments == NULL)
    {
      self->appointments = kp_appointment_backend_new_for_config (
          self->config, kp_outbox_get_store (self->outbox), &error);
      if (self->appointments == NULL)
        g_message ("Appointments cannot be made: %s", error->message);
      else
        self->local_agenda = kp_appointment_backend_new_local_for_config (
            self->config, kp_outbox_get_store (self->outbox), &error);
      if (self->appointments != NULL && error != NULL)
        g_message ("The local agenda cannot be used: %s", error->message);
    }
  return self->appointments;
}

/* Made on first use: a kiosk that never prints never looks for its printer. (transfer none) */
static KpPrinter *
get_printer (KpWindow *self)
{
  if (self->printer == NULL)
    self->printer = kp_printer_new_from_config (self->config);
  return self->printer;
}

/* (nullable): "appointment", or "appointment:PRODUCT" from a guidance topic */
static GtkWidget *
create_booking_page (KpWindow *self, KpGuide *guide, const char *name)
{
  const char *product_id
      = g_str_has_prefix (name, BOOK_PREFIX) ? name + strlen (BOOK_PREFIX) : NULL;
  GtkWidget *flow;

  if (get_appointments (self) == NULL)
    return kp_coming_soon_page_new (self->config, kp_topic_lookup (BOOKING_PAGE));
  flow = kp_booking_flow_new (self->config, self->appointments, get_printer (self), guide,
                              product_id);
  kp_booking_flow_set_local_agenda (KP_BOOKING_FLOW (flow), self->local_agenda);
  kp_booking_flow_set_outbox (KP_BOOKING_FLOW (flow), self->outbox);
  return flow;
}

/* (nullable): the flows that send a submission through the outbox */
static GtkWidget *
create_submission_page (KpWindow *self, const char *name)
{
  if (g_str_equal (name, "report-outside"))
    return kp_report_flow_new (self->config, self->outbox, get_printer (self), self->camera);
  if (g_str_equal (name, "found-lost"))
    return kp_found_lost_page_new ();
  if (g_str_equal (name, KP_FOUND_LOST_PAGE_FOUND))
    return kp_found_flow_new (self->config, self->outbox, get_printer (self));
  if (g_str_equal (name, KP_FOUND_LOST_PAGE_LOST))
    return kp_lost_flow_new (self->config, self->outbox, get_printer (self));
  if (g_str_equal (name, "callback"))
    return kp_callback_flow_new (self->config, self->outbox, get_printer (self));
  return NULL;
}

/*
 * (nullable): the forms list "digid-form", a form's "form-start:ID" and its
 * web page "web-form:ID"; a form no longer offered leads back to the list.
 */
static GtkWidget *
create_e_form_page (KpWindow *self, const char *name)
{
  const char *id = NULL;
  KpEForm *form;

  if (g_str_has_prefix (name, KP_FORMS_PAGE_START_PREFIX))
    id = name + strlen (KP_FORMS_PAGE_START_PREFIX);
  else if (g_str_has_prefix (name, KP_WEB_FORM_PAGE_PREFIX))
    id = name + strlen (KP_WEB_FORM_PAGE_PREFIX);
  else if (!g_str_equal (name, "digid-form"))
    return NULL;
  form = id != NULL ? kp_e_form_catalogue_lookup_shown (self->e_forms, id) : NULL;
  if (form != NULL && g_str_has_prefix (name, KP_WEB_FORM_PAGE_PREFIX))
    return kp_web_form_page_new (self->config, self->speaker, id, kp_e_form_get_start_url (form));
  if (form != NULL)
    return kp_form_start_page_new (form, self->language);
  return kp_forms_page_new (self->config, self->e_forms, self->language);
}

static GtkWidget *
create_page (KpWindow *self, const char *name)
{
  KpGuide *guide = g_hash_table_lookup (self->guides, self->language);
  const KpTopic *topic;
  GtkWidget *page;

  if (g_str_equal (name, HOME_PAGE))
    return kp_home_page_new (self->config);
  if (g_str_equal (name, FOLLOW_PAGE))
    return kp_follow_page_new (self->config, self->outbox, get_appointments (self));
  if (g_str_equal (name, BOOKING_PAGE) || g_str_has_prefix (name, BOOK_PREFIX))
    return create_booking_page (self, guide, name);
  if (guide != NULL
      && (g_str_equal (name, GUIDE_PAGE) || g_str_has_prefix (name, GROUP_PREFIX)
          || g_str_has_prefix (name, TOPIC_PREFIX)))
    return create_guide_page (self, guide, name);
  /* The web forms need sight: in speech mode the tile offers what does not. */
  if (g_str_equal (name, FORMS_PAGE) && kp_speech_mode_get_active (self->speech_mode))
    return kp_forms_speech_page_new ();
  page = create_submission_page (self, name);
  if (page == NULL)
    page = create_e_form_page (self, name);
  if (page != NULL)
    return page;
  topic = kp_topic_lookup (name);
  if (topic != NULL)
    return kp_coming_soon_page_new (self->config, topic);
  return NULL;
}

/* Home and the start of every flow that ends with a slip. */
static gboolean
page_leads_to_paper (const char *name)
{
  const char *paper_pages[] = { HOME_PAGE,
                                BOOKING_PAGE,
                                "report-outside",
                                "found-lost",
                                KP_FOUND_LOST_PAGE_FOUND,
                                KP_FOUND_LOST_PAGE_LOST,
                                "callback",
                                NULL };

  return g_strv_contains (paper_pages, name) || g_str_has_prefix (name, BOOK_PREFIX);
}

/*
 * One banner for all those pages, so a resident reads that no slip will
 * come before typing anything; the flows then show the number and QR code
 * on screen instead.
 */
static void
update_printer_banner (KpWindow *self)
{
  const char *name = kp_window_get_page_name (self);
  gboolean show = !kp_printer_state_can_print (self->printer_state) && name != NULL
                  && page_leads_to_paper (name);

  gtk_widget_set_visible (GTK_WIDGET (self->printer_banner), show);
}

/*
 * The focus is dropped before the switch. A page that wants it (an entry
 * with the keyboard up) takes it when it maps; GtkStack would otherwise
 * move a focus it finds in the old page on into the new one, past that
 * entry, and a keyboard could stay up for an entry no longer on screen.
 */
static void record_event (KpWindow *self, KpEventKind kind, const char *detail);

/* "e-form/ID": the detail of an e-form's counts, apart from the kiosk's own forms. (transfer full) */
static char *
dup_e_form_detail (const char *form_id)
{
  return g_strconcat ("e-form/", form_id, NULL);
}

/*
 * An e-form whose web page leaves the screen unfinished (Back, Home, the
 * session's end) is forgotten by that page, so it counts as abandoned.
 */
static void
leave_e_form (KpWindow *self, const char *next_page)
{
  g_autofree char *detail = NULL;

  if (self->open_e_form == NULL || g_str_has_prefix (next_page, KP_WEB_FORM_PAGE_PREFIX))
    return;
  detail = dup_e_form_detail (self->open_e_form);
  record_event (self, KP_EVENT_FORM_ABANDONED, detail);
  g_clear_pointer (&self->open_e_form, g_free);
}

static void update_idle_seconds (KpWindow *self);

static void
show_page (KpWindow *self, const char *name)
{
  KpPageBar *bar = KP_PAGE_BAR (adw_bin_get_child (self->bar_slot));

  leave_e_form (self, name);
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_stack_set_visible_child_name (self->stack, name);
  kp_page_bar_set_show_navigation (bar, !g_str_equal (name, HOME_PAGE));
  /* A web form brings its own bar: Back and Home within the form, and the page's address. */
  gtk_widget_set_visible (GTK_WIDGET (self->bar_slot),
                          !g_str_has_prefix (name, KP_WEB_FORM_PAGE_PREFIX));
  update_printer_banner (self);
  update_idle_seconds (self);
}

static void
remove_all_pages (KpWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stack))) != NULL)
    gtk_stack_remove (self->stack, child);
}

static void
on_e_forms_loaded (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  /* The forms read before stay; a kiosk that cannot read them offers the configured ones. */
  if (!kp_e_form_catalogue_load_finish (KP_E_FORM_CATALOGUE (source_object), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("The refreshed e-forms cannot be read: %s", error->message);
}

/* kernpunt-syncd may have refreshed the forms since the last session. */
static void
reload_e_forms (KpWindow *self)
{
  g_cancellable_cancel (self->e_forms_cancellable);
  g_clear_object (&self->e_forms_cancellable);
  self->e_forms_cancellable = g_cancellable_new ();
  kp_e_form_catalogue_load_async (self->e_forms, self->e_forms_cancellable, on_e_forms_loaded,
                                  NULL);
}

/*
 * Everything a visitor could have touched is thrown away and made anew:
 * simpler and safer than clearing each field, and it also re-translates
 * every template.
 */
static void
rebuild (KpWindow *self)
{
  gtk_revealer_set_reveal_child (self->keyboard_revealer, FALSE);
  self->keyboard = KP_KEYBOARD (kp_keyboard_new ());
  if (self->min_target_px > 0)
    kp_keyboard_set_key_height (self->keyboard, self->min_target_px);
  kp_keyboard_set_large_text (self->keyboard, self->large_text);
  gtk_revealer_set_child (self->keyboard_revealer, GTK_WIDGET (self->keyboard));

  adw_bin_set_child (self->bar_slot, kp_page_bar_new ());
  adw_bin_set_child (ADW_BIN (self->help_slot), kp_help_notice_new ());
  kp_help_notice_set_printer_state (KP_HELP_NOTICE (adw_bin_get_child (ADW_BIN (self->help_slot))),
                                    self->printer_state);
  adw_bin_set_child (ADW_BIN (self->countdown_slot), kp_countdown_new ());
  gtk_widget_set_visible (self->help_slot, FALSE);
  gtk_widget_set_visible (self->countdown_slot, FALSE);

  reload_e_forms (self);
  remove_all_pages (self);
  g_ptr_array_set_size (self->history, 0);
  gtk_stack_add_named (self->stack, create_page (self, HOME_PAGE), HOME_PAGE);
  /* Set here, not in the template: the frame is not rebuilt when the language changes. */
  gtk_label_set_label (self->printer_banner,
                       _ ("The printer does not work right now. You can still go on: you will "
                          "see your number and QR code on the screen."));
  show_page (self, HOME_PAGE);
}

static void
stop_speaking (KpWindow *self)
{
  g_cancellable_cancel (self->speech_cancellable);
  g_clear_object (&self->speech_cancellable);
  kp_speaker_stop (self->speaker);
}

static void
on_speech_done (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *wav_path = kp_speaker_speak_finish (KP_SPEAKER (source_object), result, &error);

  /* A kiosk without a voice still works; a volunteer can read the screen. */
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not read aloud: %s", error->message);
}

static void
speak_in (KpWindow *self, const char *text, const char *language)
{
  stop_speaking (self);
  if (text == NULL || *text == '\0')
    return;
  self->speech_cancellable = g_cancellable_new ();
  kp_speaker_speak_async (self->speaker, text, language, self->speech_cancellable, on_speech_done,
                          NULL);
}

static void
speak (KpWindow *self, const char *text)
{
  speak_in (self, text, self->language);
}

/* The one way pages' happenings reach the pilot's counts. */
static void
record_event (KpWindow *self, KpEventKind kind, const char *detail)
{
  if (self->events != NULL)
    kp_events_record (self->events, kind, detail);
}

static KpHelpNotice *
get_help_notice (KpWindow *self)
{
  return KP_HELP_NOTICE (adw_bin_get_child (ADW_BIN (self->help_slot)));
}

static void
close_feedback (KpWindow *self)
{
  g_clear_handle_id (&self->feedback_source, g_source_remove);
  g_clear_pointer (&self->feedback_language, g_free);
  adw_bin_set_child (ADW_BIN (self->feedback_slot), NULL);
  gtk_widget_set_visible (self->feedback_slot, FALSE);
}

/* A volunteer's Louder or Softer lasts one session; each visitor starts at the configured volume. */
static void
reset_volume (KpWindow *self)
{
  kp_speaker_set_volume (self->speaker, kp_config_get_speech_volume (self->config));
}

/* @reason: "done", "idle" or "volunteer", for the counts. */
static void
end_session (KpWindow *self, const char *reason)
{
  if (kp_idle_guard_get_in_session (self->idle_guard))
    record_event (self, KP_EVENT_SESSION_ENDED, reason);
  kp_idle_guard_end_session (self->idle_guard);
  kp_clipboard_forget_all (gtk_widget_get_display (GTK_WIDGET (self)));
  self->help_waiting = FALSE;
  close_feedback (self);
  stop_speaking (self);
  kp_speech_mode_set_active (self->speech_mode, FALSE);
  kp_window_set_large_text (self, FALSE);
  reset_volume (self);
  if (!g_str_equal (self->language, kp_config_get_default_language (self->config)))
    {
      g_free (self->language);
      self->language = g_strdup (kp_config_get_default_language (self->config));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
    }
  apply_language (self);
  rebuild (self);
}

/* The top layer a person sees: a notice over the page, or the page itself. */
static GtkWidget *
get_visible_layer (KpWindow *self)
{
  if (gtk_widget_get_visible (self->volunteer_slot))
    return self->volunteer_slot;
  if (gtk_widget_get_visible (self->feedback_slot))
    return self->feedback_slot;
  if (gtk_widget_get_visible (self->countdown_slot))
    return self->countdown_slot;
  if (gtk_widget_get_visible (self->help_slot))
    return self->help_slot;
  return gtk_stack_get_visible_child (self->stack);
}

/* (nullable) (transfer none): the volunteer screen, when it is open */
static KpVolunteerPage *
get_volunteer_page (KpWindow *self)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (self->volunteer_slot));

  return KP_IS_VOLUNTEER_PAGE (child) ? KP_VOLUNTEER_PAGE (child) : NULL;
}

/* (nullable) (transfer none): the PIN pad, when it is open */
static KpVolunteerPad *
get_volunteer_pad (KpWindow *self)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (self->volunteer_slot));

  return KP_IS_VOLUNTEER_PAD (child) ? KP_VOLUNTEER_PAD (child) : NULL;
}

/* Who did what, never a resident's data; a failing audit does not stop the volunteer. */
static void
audit (KpWindow *self, const char *action)
{
  g_autoptr (GError) error = NULL;

  if (self->volunteer != NULL
      && !kp_volunteers_audit (self->volunteers, self->volunteer, action, &error))
    g_message ("The volunteer's action could not be audited: %s", error->message);
}

static void
show_printer_state (KpWindow *self, KpPrinterState state)
{
  KpVolunteerPage *page = get_volunteer_page (self);

  self->printer_state = state;
  kp_help_notice_set_printer_state (get_help_notice (self), state);
  update_printer_banner (self);
  if (page != NULL)
    kp_volunteer_page_set_printer_state (page, state);
}

/* (nullable) (transfer none): the first widget of @type below @widget, depth first */
static GtkWidget *
find_descendant (GtkWidget *widget, GType type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found
          = G_TYPE_CHECK_INSTANCE_TYPE (child, type) ? child : find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* (nullable) (transfer none): the receipt of this session, which keeps its slip */
static KpReceiptPage *
find_receipt_page (KpWindow *self)
{
  GtkWidget *receipt = find_descendant (GTK_WIDGET (self->stack), KP_TYPE_RECEIPT_PAGE);

  return receipt != NULL ? KP_RECEIPT_PAGE (receipt) : NULL;
}

static void
leave_volunteer_mode (KpWindow *self)
{
  g_cancellable_cancel (self->volunteer_cancellable);
  g_clear_object (&self->volunteer_cancellable);
  g_clear_handle_id (&self->volunteer_idle_source, g_source_remove);
  g_clear_handle_id (&self->pad_lock_source, g_source_remove);
  g_clear_pointer (&self->volunteer, g_free);
  adw_bin_set_child (ADW_BIN (self->volunteer_slot), NULL);
  gtk_widget_set_visible (self->volunteer_slot, FALSE);
}

static gboolean
on_volunteer_idle (gpointer user_data)
{
  KpWindow *self = user_data;

  self->volunteer_idle_source = 0;
  audit (self, "timeout");
  leave_volunteer_mode (self);
  return G_SOURCE_REMOVE;
}

/* Any touch in volunteer mode keeps it open a while longer. */
static void
restart_volunteer_idle (KpWindow *self)
{
  g_clear_handle_id (&self->volunteer_idle_source, g_source_remove);
  self->volunteer_idle_source
      = g_timeout_add_seconds (self->volunteer_idle_seconds, on_volunteer_idle, self);
}

static void
on_printer_state (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KpWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  KpPrinterState state = kp_printer_query_state_finish (KP_PRINTER (source_object), result, &error);

  if (error == NULL)
    show_printer_state (self, state);
}

static void
query_printer_state (KpWindow *self)
{
  kp_printer_query_state_async (get_printer (self), self->volunteer_cancellable, on_printer_state,
                                g_object_ref (self));
}

static void
show_volunteer_page (KpWindow *self)
{
  GtkWidget *page
      = kp_volunteer_page_new (self->volunteer, self->config, self->outbox, self->events);

  adw_bin_set_child (ADW_BIN (self->volunteer_slot), page);
  kp_volunteer_page_set_printer_state (KP_VOLUNTEER_PAGE (page), self->printer_state);
  kp_volunteer_page_set_help_waiting (KP_VOLUNTEER_PAGE (page), self->help_waiting);
  kp_volunteer_page_set_can_reprint (KP_VOLUNTEER_PAGE (page), find_receipt_page (self) != NULL);
  kp_volunteer_page_set_volume (KP_VOLUNTEER_PAGE (page), kp_speaker_get_volume (self->speaker));
  query_printer_state (self);
}

static void
open_volunteer_page (KpWindow *self, const char *volunteer)
{
  self->volunteer = g_strdup (volunteer);
  show_volunteer_page (self);
  audit (self, "enter");
}

static guint
seconds_until (GDateTime *later)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  GTimeSpan span = g_date_time_difference (later, now);

  return span > 0 ? (guint) ((span + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND) : 0;
}

/* Shows the lock with the minutes left, and lifts it when its time is over. */
static gboolean
update_pad_lock (gpointer user_data)
{
  KpWindow *self = user_data;
  KpVolunteerPad *pad = get_volunteer_pad (self);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) until = kp_volunteers_dup_locked_until (self->volunteers, now);
  guint seconds_left = until != NULL ? seconds_until (until) : 0;

  if (pad != NULL)
    kp_volunteer_pad_set_locked_seconds (pad, seconds_left);
  if (pad != NULL && seconds_left > 0)
    {
      if (self->pad_lock_source == 0)
        self->pad_lock_source = g_timeout_add_seconds (1, update_pad_lock, self);
      return G_SOURCE_CONTINUE;
    }
  self->pad_lock_source = 0;
  return G_SOURCE_REMOVE;
}

static void
on_pin_checked (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KpWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *volunteer
      = kp_volunteers_verify_finish (KP_VOLUNTEERS (source_object), result, &error);
  KpVolunteerPad *pad = get_volunteer_pad (self);
  g_autoptr (GDateTime) now = NULL;

  if (pad == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (volunteer != NULL)
    {
      open_volunteer_page (self, volunteer);
      return;
    }
  now = g_date_time_new_now_utc ();
  if (g_error_matches (error, KP_VOLUNTEERS_ERROR, KP_VOLUNTEERS_ERROR_WRONG_PIN)
      && kp_volunteers_get_attempts_left (self->volunteers, now) > 0)
    kp_volunteer_pad_show_refused (pad, kp_volunteers_get_attempts_left (self->volunteers, now));
  else if (g_error_matches (error, KP_VOLUNTEERS_ERROR, KP_VOLUNTEERS_ERROR_WRONG_PIN)
           || g_error_matches (error, KP_VOLUNTEERS_ERROR, KP_VOLUNTEERS_ERROR_LOCKED))
    update_pad_lock (self);
  else
    g_message ("The PIN could not be checked: %s", error->message);
}

static void
on_pin_submitted (KpWindow *self, const char *pin)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  kp_volunteers_verify_async (self->volunteers, pin, now, self->volunteer_cancellable,
                              on_pin_checked, g_object_ref (self));
}

static gboolean
on_feedback_timeout (gpointer user_data)
{
  KpWindow *self = user_data;

  self->feedback_source = 0;
  close_feedback (self);
  return G_SOURCE_REMOVE;
}

static void
on_feedback_answered (KpWindow *self, int answer)
{
  if (self->events != NULL)
    kp_events_record_satisfaction (self->events, (KpSatisfaction) answer);
}

static void
on_feedback_followed_up (KpWindow *self, int follow_up)
{
  if (self->events != NULL)
    kp_events_record_follow_up (self->events, (KpFollowUp) follow_up);
  close_feedback (self);
}

/*
 * @page was made in the language of the session that just ended, so the
 * resident reads their own; the session's pages are gone already.
 */
static void
ask_feedback (KpWindow *self, GtkWidget *page, char *language)
{
  g_signal_connect_swapped (page, "answered", G_CALLBACK (on_feedback_answered), self);
  g_signal_connect_swapped (page, "followed-up", G_CALLBACK (on_feedback_followed_up), self);
  adw_bin_set_child (ADW_BIN (self->feedback_slot), page);
  gtk_widget_set_visible (self->feedback_slot, TRUE);
  self->feedback_language = language;
  self->feedback_source = g_timeout_add_seconds (FEEDBACK_SECONDS, on_feedback_timeout, self);
}

/* Start on "Before you start": the resident opens the form; it counts until finished or left. */
static void
open_e_form (KpWindow *self, const char *form_id)
{
  g_autofree char *detail = NULL;

  /* A form no longer offered opens the list instead (see create_e_form_page). */
  if (kp_e_form_catalogue_lookup_shown (self->e_forms, form_id) == NULL)
    return;
  detail = dup_e_form_detail (form_id);
  g_free (self->open_e_form);
  self->open_e_form = g_strdup (form_id);
  record_event (self, KP_EVENT_FORM_OPENED, detail);
}

/* The forms list made before speech mode started is made anew, as the notice, and back again. */
static void
drop_stale_forms_page (KpWindow *self, const char *name)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->stack, name);

  if (page != NULL && g_str_equal (name, FORMS_PAGE)
      && KP_IS_FORMS_SPEECH_PAGE (page) != kp_speech_mode_get_active (self->speech_mode))
    gtk_stack_remove (self->stack, page);
}

static void
open_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpWindow *self = KP_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  const char *current = kp_window_get_page_name (self);

  close_feedback (self);
  gtk_widget_set_visible (self->help_slot, FALSE);
  kp_idle_guard_note_activity (self->idle_guard);
  if (g_str_equal (name, current))
    return;
  if (kp_topic_lookup (name) != NULL)
    record_event (self, KP_EVENT_TILE_OPENED, name);
  else if (g_str_has_prefix (name, TOPIC_PREFIX))
    record_event (self, KP_EVENT_TOPIC_OPENED, name + strlen (TOPIC_PREFIX));
  else if (g_str_has_prefix (name, KP_WEB_FORM_PAGE_PREFIX))
    open_e_form (self, name + strlen (KP_WEB_FORM_PAGE_PREFIX));
  drop_stale_forms_page (self, name);
  if (gtk_stack_get_child_by_name (self->stack, name) == NULL)
    {
      GtkWidget *page = create_page (self, name);

      g_return_if_fail (page != NULL);
      gtk_stack_add_named (self->stack, page, name);
    }
  g_ptr_array_add (self->history, g_strdup (current));
  show_page (self, name);
}

static void
back_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpWindow *self = KP_WINDOW (widget);
  g_autofree char *previous = NULL;

  kp_idle_guard_note_activity (self->idle_guard);
  if (self->history->len == 0)
    return;
  previous = g_ptr_array_steal_index (self->history, self->history->len - 1);
  show_page (self, previous);
}

static void
home_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpWindow *self = KP_WINDOW (widget);

  kp_idle_guard_note_activity (self->idle_guard);
  g_ptr_array_set_size (self->history, 0);
  show_page (self, HOME_PAGE);
}

/*
 * Seen, heard and beeped: the volunteer may be across the room. Outside
 * the volunteer hours nobody would come, so the notice offers the phone,
 * a call back and an appointment instead.
 */
static void
help_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpWindow *self = KP_WINDOW (widget);
  g_autofree char *notice = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  gboolean volunteer_time = kp_config_is_volunteer_time (self->config, now);
  KpVolunteerPage *volunteer_page = get_volunteer_page (self);

  close_feedback (self);
  kp_idle_guard_note_activity (self->idle_guard);
  if (gtk_widget_get_visible (self->help_slot))
    return;
  record_event (self, KP_EVENT_HELP_CALL, volunteer_time ? NULL : "outside-hours");
  if (!volunteer_time)
    kp_help_notice_set_away (get_help_notice (self), kp_config_get_phone (self->config));
  self->help_waiting = volunteer_time;
  if (volunteer_page != NULL)
    kp_volunteer_page_set_help_waiting (volunteer_page, self->help_waiting);
  gtk_widget_set_visible (self->help_slot, TRUE);
  notice = kp_visible_text_collect (self->help_slot);
  speak (self, notice);
  gdk_display_beep (gtk_widget_get_display (widget));
}

static void
help_close_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpWindow *self = KP_WINDOW (widget);

  kp_idle_guard_note_activity (self->idle_guard);
  stop_speaking (self);
  gtk_widget_set_visible (self->help_slot, FALSE);
}

/* The volunteer's "I am coming": the resident's notice says the call was seen. */
static void
help_acknowledge_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpWindow *self = KP_WINDOW (widget);

  if (!self->help_waiting)
    return;
  self->help_waiting = FALSE;
  audit (self, "acknowledge-help");
  kp_help_notice_set_acknowledged (get_help_notice (self));
  kp_volunteer_page_set_help_waiting (get_volunteer_page (self), FALSE);
}

/* The hidden gesture on the home screen opens the PIN pad, locked if it is. */
static void
volunteer_pin_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpWindow *self = KP_WINDOW (widget);
  GtkWidget *pad;

  if (gtk_widget_get_visible (self->volunteer_slot))
    return;
  pad = kp_volunteer_pad_new ();
  g_signal_connect_swapped (pad, "submitted", G_CALLBACK (on_pin_submitted), self);
  adw_bin_set_child (ADW_BIN (self->volunteer_slot), pad);
  gtk_widget_set_visible (self->volunteer_slot, TRUE);
  self->volunteer_cancellable = g_cancellable_new ();
  update_pad_lock (self);
  restart_volunteer_idle (self);
}

static void
volunteer_leave_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpWindow *self = KP_WINDOW (widget);

  audit (self, "leave");
  leave_volunteer_mode (self);
}

/* For a resident who walked away from an open session while the volunteer was near. */
static void
volunteer_end_session_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpWindow *self = KP_WINDOW (widget);

  audit (self, "end-session");
  leave_volunteer_mode (self);
  end_session (self, "volunteer");
}

static void
on_test_printed (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KpWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (KpPrintResult) printed
      = kp_printer_print_finish (KP_PRINTER (source_object), result, &error);
  KpVolunteerPage *page = get_volunteer_page (self);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || page == NULL)
    return;
  kp_volunteer_page_set_print_message (page, printed != NULL ? _ ("The test print is done.")
                                                             : kp_printer_error_describe (error));
  if (error != NULL)
    show_printer_state (self, kp_printer_error_get_state (error));
  else
    query_printer_state (self);
}

/*
 * A slip marked as a test, with no resident's data; printing is not an
 * event, so nothing of it reaches the counts.
 */
static void
volunteer_test_print_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpWindow *self = KP_WINDOW (widget);
  KpPrinter *printer = get_printer (self);
  g_autoptr (KpSlip) slip = kp_slip_new_for_kiosk (self->config, _ ("Test print"), "TEST");
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) pdf = NULL;

  audit (self, "test-print");
  kp_slip_add_line (slip, _ ("Test print"), _ ("This is a test. Nothing to do."));
  pdf = kp_slip_render_pdf (slip, kp_printer_get_layout (printer), &error);
  if (pdf == NULL)
    {
      g_message ("The test slip cannot be made: %s", error->message);
      return;
    }
  kp_volunteer_page_set_print_message (get_volunteer_page (self),
                                       _ ("The test print is printing…"));
  kp_printer_print_async (printer, pdf, "TEST", self->volunteer_cancellable, on_test_printed,
                          g_object_ref (self));
}

/* The receipt page prints its own slip again, the same way its "Print again" does. */
static void
volunteer_reprint_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpWindow *self = KP_WINDOW (widget);
  KpReceiptPage *receipt = find_receipt_page (self);

  if (receipt == NULL)
    return;
  audit (self, "reprint");
  gtk_widget_activate_action (GTK_WIDGET (receipt), "receipt.reprint", NULL);
  kp_volunteer_page_set_print_message (get_volunteer_page (self),
                                       _ ("The slip is printing again."));
}

/* The second tap of the national registration: counted and audited, without who was helped. */
static void
on_registered (KpWindow *self, int organisation, int help, KpRegistrationPanel *panel)
{
  if (self->events != NULL)
    kp_events_record_registration (self->events, (KpOrganisation) organisation, (KpHelpGiven) help);
  audit (self, "registration");
}

static void
volunteer_register_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpWindow *self = KP_WINDOW (widget);
  GtkWidget *panel;

  if (self->volunteer == NULL)
    return;
  panel = kp_registration_panel_new ();
  g_signal_connect_object (panel, "registered", G_CALLBACK (on_registered), self,
                           G_CONNECT_SWAPPED);
  adw_bin_set_child (ADW_BIN (self->volunteer_slot), panel);
}

static void
volunteer_back_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpWindow *self = KP_WINDOW (widget);

  if (self->volunteer != NULL)
    show_volunteer_page (self);
}

/* "kiosk.volunteer-louder" and "kiosk.volunteer-softer"; a sentence read aloud lets the volunteer hear it. */
static void
volunteer_volume_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpWindow *self = KP_WINDOW (widget);
  KpVolunteerPage *page = get_volunteer_page (self);
  gboolean louder = g_str_equal (action_name, "kiosk.volunteer-louder");
  guint volume;

  if (page == NULL)
    return;
  audit (self, louder ? "volume-louder" : "volume-softer");
  volume = kp_speaker_step_volume (self->speaker, louder ? 1 : -1);
  kp_volunteer_page_set_volume (page, volume);
  speak (self, _ ("This is how loud the kiosk reads aloud."));
}

static void
feedback_close_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  close_feedback (KP_WINDOW (widget));
}

/* A page that printed says how the printer is, so the volunteer's Help names a problem. */
static void
printer_problem_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpWindow *self = KP_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  for (KpPrinterState state = KP_PRINTER_STATE_READY; state <= KP_PRINTER_STATE_NONE; state++)
    {
      if (g_str_equal (name, kp_printer_state_to_string (state)))
        {
          show_printer_state (self, state);
          return;
        }
    }
}

static void
read_aloud_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpWindow *self = KP_WINDOW (widget);
  GtkWidget *layer = get_visible_layer (self);
  g_autofree char *text = kp_visible_text_collect (layer);

  kp_idle_guard_note_activity (self->idle_guard);
  /* "Did this help?" outlives its session, and speaks in that session's language. */
  if (layer == self->feedback_slot)
    speak_in (self, text, self->feedback_language);
  else
    speak (self, text);
}

/*
 * The session is wiped at once, so nothing of it stays on screen; "Did
 * this help?" is asked over the fresh home screen, in the language the
 * resident used.
 */
static void
done_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpWindow *self = KP_WINDOW (widget);
  GtkWidget *feedback = kp_feedback_page_new ();
  char *language = g_strdup (self->language);

  end_session (self, "done");
  ask_feedback (self, feedback, language);
}

static void
on_expired (KpWindow *self)
{
  end_session (self, "idle");
}

static void
on_session_started (KpWindow *self)
{
  record_event (self, KP_EVENT_SESSION_STARTED, NULL);
  record_event (self, KP_EVENT_LANGUAGE, self->language);
}

static void
continue_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  kp_idle_guard_note_activity (KP_WINDOW (widget)->idle_guard);
}

/*
 * Announced to more than one sense (the EAA's timed response): on screen,
 * by a chime and in words, once as the countdown starts. Short, so it is
 * over well within three seconds.
 */
static void
announce_countdown (KpWindow *self)
{
  kp_speaker_chime (self->speaker);
  speak (self, _ ("Still there? Press a key."));
}

static void
on_countdown (KpWindow *self, guint seconds_left)
{
  if (!gtk_widget_get_visible (self->countdown_slot))
    announce_countdown (self);
  kp_countdown_set_seconds_left (KP_COUNTDOWN (adw_bin_get_child (ADW_BIN (self->countdown_slot))),
                                 seconds_left);
  gtk_widget_set_visible (self->countdown_slot, TRUE);
}

static void
on_continued (KpWindow *self)
{
  gtk_widget_set_visible (self->countdown_slot, FALSE);
}

/*
 * Only deliberate input counts as presence: a press, a touch, a key, a
 * scroll. A mouse drifting over the screen does not keep a session open.
 */
static gboolean
on_input_event (KpWindow *self, GdkEvent *event)
{
  switch (gdk_event_get_event_type (event))
    {
      case GDK_BUTTON_PRESS:
      case GDK_KEY_PRESS:
      case GDK_TOUCH_BEGIN:
      case GDK_SCROLL:
        if (gtk_widget_get_visible (self->volunteer_slot))
          restart_volunteer_idle (self);
        /* Answering "Did this help?" is the end of a visit, not the start of one. */
        if (!gtk_widget_get_visible (self->feedback_slot))
          kp_idle_guard_note_activity (self->idle_guard);
        break;
      default:
        break;
    }
  return GDK_EVENT_PROPAGATE;
}

/*
 * The focused widget may be the GtkText inside a GtkEntry; the keyboard
 * wants the outermost editable, the one that has "activate" and a purpose.
 */
static GtkEditable *
find_focused_editable (GtkWidget *focus)
{
  GtkEditable *found = NULL;

  for (GtkWidget *widget = focus; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      if (GTK_IS_EDITABLE (widget))
        found = GTK_EDITABLE (widget);
      else if (found != NULL)
        break;
    }
  return found;
}

static void
on_focus_widget_changed (KpWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkEditable *editable;

  /* Tabbing through the keys themselves must not close the keyboard. */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->keyboard)))
    return;

  editable = find_focused_editable (focus);
  /* A web page's field is no GTK editable: its input method says when it loses the focus. */
  if (editable == NULL && kp_keyboard_get_sink (self->keyboard) != NULL)
    return;
  kp_keyboard_set_target (self->keyboard, editable);
  gtk_revealer_set_reveal_child (self->keyboard_revealer, editable != NULL);
}

/*
 * Touch targets are sized in millimetres on the real screen: the monitor's
 * width in pixels over the configured physical width gives pixels per mm.
 * Before the window is on a screen, the display's first monitor stands in.
 */
static GdkMonitor *
find_monitor (KpWindow *self)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (self));
  g_autoptr (GdkMonitor) first = NULL;

  if (surface != NULL)
    return gdk_display_get_monitor_at_surface (display, surface);
  first = g_list_model_get_item (gdk_display_get_monitors (display), 0);
  return first;
}

/* Whether the window knows its screen; fills in the screen's size in pixels. */
static gboolean
get_screen_geometry (KpWindow *self, GdkRectangle *geometry)
{
  GdkMonitor *monitor = find_monitor (self);

  if (monitor == NULL)
    return FALSE;
  gdk_monitor_get_geometry (monitor, geometry);
  return TRUE;
}

static void
update_target_size (KpWindow *self)
{
  GdkRectangle geometry;
  int min_px;
  g_autofree char *css = NULL;

  if (!get_screen_geometry (self, &geometry))
    return;
  min_px = (int) ceil (kp_config_get_min_target_mm (self->config) * geometry.width
                       / kp_config_get_screen_width_mm (self->config));
  if (min_px == self->min_target_px)
    return;

  self->min_target_px = min_px;
  /* The keyboard sizes its own keys, so rows of keys can share the width evenly. */
  css = g_strdup_printf ("button:not(.kp-key), entry { min-height: %dpx; min-width: %dpx; }",
                         min_px, min_px);
  gtk_css_provider_load_from_data (self->target_size_provider, css, -1);
  kp_keyboard_set_key_height (self->keyboard, min_px);
}

/*
 * The rows of the screen out of reach stay empty: the whole frame, notices
 * over the page included, is laid out between them (see KpReach).
 */
static void
update_reach (KpWindow *self)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (self));
  GdkRectangle geometry;
  int top_px;
  int bottom_px;

  if (!get_screen_geometry (self, &geometry))
    return;
  kp_reach_get_bands_px (self->config, geometry.height, &top_px, &bottom_px);
  gtk_widget_set_margin_top (content, top_px);
  gtk_widget_set_margin_bottom (content, bottom_px);
}

/* (transfer full) a stylesheet of the kiosk's resources */
static char *
dup_stylesheet (const char *path)
{
  g_autoptr (GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  g_return_val_if_fail (bytes != NULL, g_strdup (""));
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/*
 * (transfer full) every font size raised to at least @min_px, the
 * on-screen keyboard's too: in large text its function keys show signs
 * instead of words, which would not fit across the screen at that size.
 */
static char *
dup_large_text_css (int min_px)
{
  g_autofree char *page_style = dup_stylesheet (RESOURCE_PATH "/style.css");
  g_autofree char *keyboard_style = dup_stylesheet (RESOURCE_PATH "/kp-keyboard.css");
  g_autofree char *pages = kp_large_text_dup_css (page_style, min_px);
  g_autofree char *keyboard = kp_large_text_dup_css (keyboard_style, min_px);

  return g_strconcat (pages, keyboard, NULL);
}

/*
 * The smallest font size, in pixels, whose capital H is 0.7° high at the
 * viewing distance on this screen; 0 before the window knows its screen.
 */
static int
find_large_text_px (KpWindow *self)
{
  GdkRectangle geometry;
  double pixels_per_mm;
  double cap_mm
      = kp_large_text_min_cap_height_mm (kp_config_get_viewing_distance_mm (self->config));

  if (!get_screen_geometry (self, &geometry))
    return 0;
  pixels_per_mm = geometry.width / kp_config_get_screen_width_mm (self->config);
  return kp_large_text_font_px_for_cap (gtk_widget_get_pango_context (GTK_WIDGET (self)),
                                        cap_mm * pixels_per_mm);
}

static void
apply_large_text (KpWindow *self)
{
  g_autofree char *css = NULL;
  int min_px = self->large_text ? find_large_text_px (self) : 0;

  if (min_px > 0)
    css = dup_large_text_css (min_px);
  gtk_css_provider_load_from_data (self->large_text_provider, css != NULL ? css : "", -1);
  if (self->keyboard != NULL)
    kp_keyboard_set_large_text (self->keyboard, self->large_text);
  if (self->large_text)
    gtk_widget_add_css_class (GTK_WIDGET (self), "large-text");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "large-text");
}

static void
kp_window_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (kp_window_parent_class)->realize (widget);

  update_target_size (KP_WINDOW (widget));
  update_reach (KP_WINDOW (widget));
  apply_large_text (KP_WINDOW (widget));
}

/* A visitor cannot close the kiosk: Alt+F4 and the like are refused. */
static gboolean
kp_window_close_request (GtkWindow *window)
{
  return TRUE;
}

static void
add_display_style (KpWindow *self)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  GtkIconTheme *icon_theme = gtk_icon_theme_get_for_display (display);
  g_auto (GStrv) icon_paths = gtk_icon_theme_get_resource_path (icon_theme);

  if (icon_paths == NULL
      || !g_strv_contains ((const char *const *) icon_paths, RESOURCE_PATH "/icons"))
    gtk_icon_theme_add_resource_path (icon_theme, RESOURCE_PATH "/icons");

  self->style_provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (self->style_provider, RESOURCE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (self->style_provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  self->target_size_provider = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (display,
                                              GTK_STYLE_PROVIDER (self->target_size_provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);

  /* Above both the stylesheets and the keyboard's, whose sizes it raises. */
  self->large_text_provider = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (display,
                                              GTK_STYLE_PROVIDER (self->large_text_provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 2);
}

static void
remove_display_style (KpWindow *self)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));

  if (self->style_provider != NULL)
    gtk_style_context_remove_provider_for_display (display,
                                                   GTK_STYLE_PROVIDER (self->style_provider));
  if (self->target_size_provider != NULL)
    gtk_style_context_remove_provider_for_display (display,
                                                   GTK_STYLE_PROVIDER (self->target_size_provider));
  if (self->large_text_provider != NULL)
    gtk_style_context_remove_provider_for_display (display,
                                                   GTK_STYLE_PROVIDER (self->large_text_provider));
  g_clear_object (&self->large_text_provider);
  g_clear_object (&self->target_size_provider);
  g_clear_object (&self->style_provider);
}

/* Counting is for the pilot; a kiosk whose counts cannot be kept still serves residents. */
static void
open_events (KpWindow *self)
{
  g_autoptr (GError) error = NULL;

  self->events = kp_events_new (kp_outbox_get_store (self->outbox), self->config, &error);
  if (self->events == NULL)
    g_message ("Visits are not counted: %s", error->message);
}

/*
 * Walking a screen by ear takes longer: speech mode has [speech-mode]
 * idle-factor times the time. A web form has its own time, [web-forms]
 * idle-seconds: typing a form takes longer than reading a screen.
 */
static void
update_idle_seconds (KpWindow *self)
{
  const char *page = kp_window_get_page_name (self);
  guint factor = kp_speech_mode_get_active (self->speech_mode)
                     ? kp_config_get_speech_mode_idle_factor (self->config)
                     : 1;

  if (page != NULL && g_str_has_prefix (page, KP_WEB_FORM_PAGE_PREFIX))
    kp_idle_guard_set_idle_seconds (self->idle_guard,
                                    kp_config_get_web_forms_idle_seconds (self->config));
  else
    kp_idle_guard_set_idle_seconds (self->idle_guard,
                                    kp_config_get_idle_seconds (self->config) * factor);
}

static void
kp_window_constructed (GObject *object)
{
  KpWindow *self = KP_WINDOW (object);

  G_OBJECT_CLASS (kp_window_parent_class)->constructed (object);

  self->language = g_strdup (kp_config_get_default_language (self->config));
  apply_language (self);
  load_guides (self);

  self->idle_guard = kp_idle_guard_new (kp_config_get_idle_seconds (self->config),
                                        kp_config_get_countdown_seconds (self->config));
  g_signal_connect_swapped (self->idle_guard, "countdown", G_CALLBACK (on_countdown), self);
  g_signal_connect_swapped (self->idle_guard, "continued", G_CALLBACK (on_continued), self);
  g_signal_connect_swapped (self->idle_guard, "expired", G_CALLBACK (on_expired), self);
  g_signal_connect_swapped (self->idle_guard, "session-started", G_CALLBACK (on_session_started),
                            self);
  open_events (self);
  self->volunteers = kp_volunteers_new (kp_outbox_get_store (self->outbox));
  self->e_forms = kp_e_form_catalogue_new (self->config, kp_outbox_get_store (self->outbox));
  reset_volume (self);
  self->speech_mode = kp_speech_mode_new (GTK_WIDGET (self), self->config, self->speaker);
  g_signal_connect_object (self->speech_mode, "notify::active", G_CALLBACK (update_idle_seconds),
                           self, G_CONNECT_SWAPPED);

  add_display_style (self);
  rebuild (self);
  update_target_size (self);
  update_reach (self);
}

static void
kp_window_dispose (GObject *object)
{
  KpWindow *self = KP_WINDOW (object);

  /* The pages and the keyboard are torn down next; focus moves as they go. */
  g_signal_handlers_disconnect_by_func (self, on_focus_widget_changed, NULL);
  self->keyboard = NULL;
  if (self->idle_guard != NULL)
    g_signal_handlers_disconnect_by_data (self->idle_guard, self);
  g_clear_object (&self->idle_guard);
  g_clear_object (&self->speech_mode);
  if (self->speaker != NULL)
    stop_speaking (self);
  leave_volunteer_mode (self);
  g_clear_handle_id (&self->feedback_source, g_source_remove);
  g_cancellable_cancel (self->e_forms_cancellable);
  g_clear_object (&self->e_forms_cancellable);
  remove_display_style (self);

  G_OBJECT_CLASS (kp_window_parent_class)->dispose (object);
}

static void
kp_window_finalize (GObject *object)
{
  KpWindow *self = KP_WINDOW (object);

  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->guides, g_hash_table_unref);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->feedback_language, g_free);
  g_clear_object (&self->volunteers);
  g_clear_pointer (&self->open_e_form, g_free);
  g_clear_object (&self->e_forms);
  g_clear_object (&self->events);
  g_clear_object (&self->printer);
  g_clear_object (&self->camera);
  g_clear_object (&self->local_agenda);
  g_clear_object (&self->appointments);
  g_clear_object (&self->speaker);
  g_clear_object (&self->outbox);
  g_clear_object (&self->config);

  G_OBJECT_CLASS (kp_window_parent_class)->finalize (object);
}

static void
kp_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KpWindow *self = KP_WINDOW (object);

  switch (prop_id)
    {
      case PROP_LANGUAGE:
        g_value_set_string (value, self->language);
        break;
      case PROP_LARGE_TEXT:
        g_value_set_boolean (value, self->large_text);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kp_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KpWindow *self = KP_WINDOW (object);

  switch (prop_id)
    {
      case PROP_CONFIG:
        self->config = g_value_dup_object (value);
        break;
      case PROP_OUTBOX:
        self->outbox = g_value_dup_object (value);
        break;
      case PROP_SPEAKER:
        self->speaker = g_value_dup_object (value);
        break;
      case PROP_LANGUAGE:
        kp_window_set_language (self, g_value_get_string (value));
        break;
      case PROP_LARGE_TEXT:
        kp_window_set_large_text (self, g_value_get_boolean (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kp_window_class_init (KpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  /*
   * The resources are compiled into a static library; naming them here
   * makes the linker keep the object whose constructor registers them.
   */
  (void) kp_get_resource ();

  object_class->constructed = kp_window_constructed;
  object_class->dispose = kp_window_dispose;
  object_class->finalize = kp_window_finalize;
  object_class->get_property = kp_window_get_property;
  object_class->set_property = kp_window_set_property;
  widget_class->realize = kp_window_realize;
  window_class->close_request = kp_window_close_request;

  properties[PROP_CONFIG]
      = g_param_spec_object ("config", NULL, NULL, KP_TYPE_CONFIG,
                             G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OUTBOX]
      = g_param_spec_object ("outbox", NULL, NULL, KP_TYPE_OUTBOX,
                             G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPEAKER]
      = g_param_spec_object ("speaker", NULL, NULL, KP_TYPE_SPEAKER,
                             G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE]
      = g_param_spec_string ("language", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LARGE_TEXT]
      = g_param_spec_boolean ("large-text", NULL, NULL, FALSE,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/kp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KpWindow, bar_slot);
  gtk_widget_class_bind_template_child (widget_class, KpWindow, printer_banner);
  gtk_widget_class_bind_template_child (widget_class, KpWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, KpWindow, keyboard_revealer);
  gtk_widget_class_bind_template_child (widget_class, KpWindow, help_slot);
  gtk_widget_class_bind_template_child (widget_class, KpWindow, countdown_slot);
  gtk_widget_class_bind_template_child (widget_class, KpWindow, feedback_slot);
  gtk_widget_class_bind_template_child (widget_class, KpWindow, volunteer_slot);

  gtk_widget_class_install_action (widget_class, "kiosk.open", "s", open_action);
  gtk_widget_class_install_action (widget_class, "kiosk.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "kiosk.home", NULL, home_action);
  gtk_widget_class_install_action (widget_class, "kiosk.help", NULL, help_action);
  gtk_widget_class_install_action (widget_class, "kiosk.help-close", NULL, help_close_action);
  gtk_widget_class_install_action (widget_class, "kiosk.help-acknowledge", NULL,
                                   help_acknowledge_action);
  gtk_widget_class_install_action (widget_class, "kiosk.volunteer-pin", NULL, volunteer_pin_action);
  gtk_widget_class_install_action (widget_class, "kiosk.volunteer-leave", NULL,
                                   volunteer_leave_action);
  gtk_widget_class_install_action (widget_class, "kiosk.volunteer-end-session", NULL,
                                   volunteer_end_session_action);
  gtk_widget_class_install_action (widget_class, "kiosk.volunteer-test-print", NULL,
                                   volunteer_test_print_action);
  gtk_widget_class_install_action (widget_class, "kiosk.volunteer-reprint", NULL,
                                   volunteer_reprint_action);
  gtk_widget_class_install_action (widget_class, "kiosk.volunteer-register", NULL,
                                   volunteer_register_action);
  gtk_widget_class_install_action (widget_class, "kiosk.volunteer-back", NULL,
                                   volunteer_back_action);
  gtk_widget_class_install_action (widget_class, "kiosk.volunteer-louder", NULL,
                                   volunteer_volume_action);
  gtk_widget_class_install_action (widget_class, "kiosk.volunteer-softer", NULL,
                                   volunteer_volume_action);
  gtk_widget_class_install_action (widget_class, "kiosk.feedback-close", NULL,
                                   feedback_close_action);
  gtk_widget_class_install_action (widget_class, "kiosk.read-aloud", NULL, read_aloud_action);
  gtk_widget_class_install_action (widget_class, "kiosk.printer-problem", "s",
                                   printer_problem_action);
  gtk_widget_class_install_action (widget_class, "kiosk.done", NULL, done_action);
  gtk_widget_class_install_action (widget_class, "kiosk.continue", NULL, continue_action);
  gtk_widget_class_install_property_action (widget_class, "kiosk.language", "language");
  gtk_widget_class_install_property_action (widget_class, "kiosk.large-text", "large-text");

  /* For a volunteer with a keyboard, and for residents who do not use a mouse. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "kiosk.back",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_ALT_MASK, "kiosk.home",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F1, 0, "kiosk.help", NULL);
}

static void
kp_window_init (KpWindow *self)
{
  GtkEventController *input = gtk_event_controller_legacy_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->volunteer_idle_seconds = VOLUNTEER_IDLE_SECONDS;
  self->history = g_ptr_array_new_with_free_func (g_free);
  self->guides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  gtk_window_fullscreen (GTK_WINDOW (self));

  /* Capture phase: every touch counts, whichever widget it lands on. */
  gtk_event_controller_set_propagation_phase (input, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (input, "event", G_CALLBACK (on_input_event), self);
  gtk_widget_add_controller (GTK_WIDGET (self), input);

  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (on_focus_widget_changed), NULL);
}

KpWindow *
kp_window_new (GtkApplication *application, KpConfig *config, KpOutbox *outbox, KpSpeaker *speaker)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);
  g_return_val_if_fail (KP_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (KP_IS_SPEAKER (speaker), NULL);

  return g_object_new (KP_TYPE_WINDOW, "application", application, "config", config, "outbox",
                       outbox, "speaker", speaker, NULL);
}

const char *
kp_window_get_language (KpWindow *self)
{
  g_return_val_if_fail (KP_IS_WINDOW (self), NULL);

  return self->language;
}

void
kp_window_set_language (KpWindow *self, const char *language)
{
  g_return_if_fail (KP_IS_WINDOW (self));
  g_return_if_fail (language != NULL);

  if (g_strcmp0 (self->language, language) == 0 || !is_available_language (self, language))
    return;

  g_free (self->language);
  self->language = g_strdup (language);
  record_event (self, KP_EVENT_LANGUAGE, language);
  stop_speaking (self);
  apply_language (self);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

gboolean
kp_window_get_large_text (KpWindow *self)
{
  g_return_val_if_fail (KP_IS_WINDOW (self), FALSE);

  return self->large_text;
}

/* Lasts the session; the next visitor starts with the usual sizes. */
void
kp_window_set_large_text (KpWindow *self, gboolean large_text)
{
  g_return_if_fail (KP_IS_WINDOW (self));

  large_text = !!large_text;
  if (self->large_text == large_text)
    return;
  self->large_text = large_text;
  apply_large_text (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LARGE_TEXT]);
}

const char *
kp_window_get_page_name (KpWindow *self)
{
  g_return_val_if_fail (KP_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/* (transfer none) */
GtkWidget *
kp_window_get_reading_root (KpWindow *self)
{
  GtkWidget *layer;

  g_return_val_if_fail (KP_IS_WINDOW (self), NULL);

  /* Over the page, a notice is all there is to read; else the bar, page and keyboard. */
  layer = get_visible_layer (self);
  return layer == gtk_stack_get_visible_child (self->stack)
             ? gtk_widget_get_parent (GTK_WIDGET (self->bar_slot))
             : layer;
}

/* (transfer none) */
KpSpeechMode *
kp_window_get_speech_mode (KpWindow *self)
{
  g_return_val_if_fail (KP_IS_WINDOW (self), NULL);

  return self->speech_mode;
}

KpEvents *
kp_window_get_events (KpWindow *self)
{
  g_return_val_if_fail (KP_IS_WINDOW (self), NULL);

  return self->events;
}

void
kp_window_record_event_for (GtkWidget *widget, KpEventKind kind, const char *detail)
{
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  root = gtk_widget_get_root (widget);
  if (KP_IS_WINDOW (root))
    record_event (KP_WINDOW (root), kind, detail);
}

/* Pages made from now on use it: the next session's report asks for a photo. */
void
kp_window_set_camera (KpWindow *self, KpCamera *camera)
{
  g_return_if_fail (KP_IS_WINDOW (self));
  g_return_if_fail (camera == NULL || KP_IS_CAMERA (camera));

  g_set_object (&self->camera, camera);
}

void
kp_window_set_volunteer_idle_seconds (KpWindow *self, guint seconds)
{
  g_return_if_fail (KP_IS_WINDOW (self));
  g_return_if_fail (seconds > 0);

  self->volunteer_idle_seconds = seconds;
}

void
kp_window_record_e_form_finished_for (GtkWidget *widget, const char *form_id)
{
  GtkRoot *root;
  KpWindow *self;
  g_autofree char *detail = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (form_id != NULL);

  root = gtk_widget_get_root (widget);
  if (!KP_IS_WINDOW (root))
    return;
  self = KP_WINDOW (root);
  if (g_strcmp0 (self->open_e_form, form_id) != 0)
    return;
  detail = dup_e_form_detail (form_id);
  record_event (self, KP_EVENT_FORM_FINISHED, detail);
  g_clear_pointer (&self->open_e_form, g_free);
}

void
kp_window_show_keyboard_for_sink (GtkWidget *widget, KpKeyboardSink *sink, gboolean focused)
{
  GtkRoot *root;
  KpWindow *self;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (KP_IS_KEYBOARD_SINK (sink));

  root = gtk_widget_get_root (widget);
  if (!KP_IS_WINDOW (root))
    return;
  self = KP_WINDOW (root);
  if (focused)
    kp_keyboard_set_sink (self->keyboard, sink);
  else if (kp_keyboard_get_sink (self->keyboard) == sink)
    kp_keyboard_set_sink (self->keyboard, NULL);
  else
    return;
  gtk_revealer_set_reveal_child (self->keyboard_revealer, focused);
}
