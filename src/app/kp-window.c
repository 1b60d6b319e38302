/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-window.h"

#include "kp-booking-flow.h"
#include "kp-coming-soon-page.h"
#include "kp-countdown.h"
#include "kp-follow-page.h"
#include "kp-guide-group-page.h"
#include "kp-guide-page.h"
#include "kp-guide-topic-page.h"
#include "kp-help-notice.h"
#include "kp-home-page.h"
#include "kp-idle-guard.h"
#include "kp-keyboard.h"
#include "kp-page-bar.h"
#include "kp-callback-flow.h"
#include "kp-found-flow.h"
#include "kp-found-lost-page.h"
#include "kp-lost-flow.h"
#include "kp-report-flow.h"
#include "kp-resources.h"
#include "kp-topic.h"
#include "kp-visible-text.h"

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

struct _KpWindow
{
  AdwApplicationWindow parent_instance;

  KpConfig *config;
  KpOutbox *outbox;
  KpSpeaker *speaker;
  GHashTable *guides; /* language → KpGuide; a language whose guide failed to load is absent */
  KpIdleGuard *idle_guard;
  GCancellable *speech_cancellable;
  char *language;
  GPtrArray *history; /* names of the pages Back returns to, oldest first */
  GtkCssProvider *style_provider;
  GtkCssProvider *target_size_provider;
  KpKeyboard *keyboard;
  int min_target_px;            /* 0 until the window knows its monitor */
  KpPrinterState printer_state; /* as the last print found it; outlives sessions */
  /* Made at the first booking or look-up. */
  KpAppointmentBackend *appointments;
  KpAppointmentBackend *local_agenda; /* nullable: the information point's own agenda */
  KpPrinter *printer;

  AdwBin *bar_slot;
  GtkStack *stack;
  GtkRevealer *keyboard_revealer;
  GtkWidget *help_slot;
  GtkWidget *countdown_slot;
};

G_DEFINE_FINAL_TYPE (KpWindow, kp_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_CONFIG,
  PROP_OUTBOX,
  PROP_SPEAKER,
  PROP_LANGUAGE,
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
 * in the new language.
 */
static void
apply_language (KpWindow *self)
{
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
  return flow;
}

/* (nullable): the flows that send a submission through the outbox */
static GtkWidget *
create_submission_page (KpWindow *self, const char *name)
{
  if (g_str_equal (name, "report-outside"))
    return kp_report_flow_new (self->config, self->outbox, get_printer (self));
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
  page = create_submission_page (self, name);
  if (page != NULL)
    return page;
  topic = kp_topic_lookup (name);
  if (topic != NULL)
    return kp_coming_soon_page_new (self->config, topic);
  return NULL;
}

/*
 * The focus is dropped before the switch. A page that wants it (an entry
 * with the keyboard up) takes it when it maps; GtkStack would otherwise
 * move a focus it finds in the old page on into the new one, past that
 * entry, and a keyboard could stay up for an entry no longer on screen.
 */
static void
show_page (KpWindow *self, const char *name)
{
  KpPageBar *bar = KP_PAGE_BAR (adw_bin_get_child (self->bar_slot));

  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_stack_set_visible_child_name (self->stack, name);
  kp_page_bar_set_show_navigation (bar, !g_str_equal (name, HOME_PAGE));
}

static void
remove_all_pages (KpWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stack))) != NULL)
    gtk_stack_remove (self->stack, child);
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
  gtk_revealer_set_child (self->keyboard_revealer, GTK_WIDGET (self->keyboard));

  adw_bin_set_child (self->bar_slot, kp_page_bar_new ());
  adw_bin_set_child (ADW_BIN (self->help_slot), kp_help_notice_new ());
  kp_help_notice_set_printer_state (KP_HELP_NOTICE (adw_bin_get_child (ADW_BIN (self->help_slot))),
                                    self->printer_state);
  adw_bin_set_child (ADW_BIN (self->countdown_slot), kp_countdown_new ());
  gtk_widget_set_visible (self->help_slot, FALSE);
  gtk_widget_set_visible (self->countdown_slot, FALSE);

  remove_all_pages (self);
  g_ptr_array_set_size (self->history, 0);
  gtk_stack_add_named (self->stack, create_page (self, HOME_PAGE), HOME_PAGE);
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
speak (KpWindow *self, const char *text)
{
  stop_speaking (self);
  if (text == NULL || *text == '\0')
    return;
  self->speech_cancellable = g_cancellable_new ();
  kp_speaker_speak_async (self->speaker, text, self->language, self->speech_cancellable,
                          on_speech_done, NULL);
}

static void
end_session (KpWindow *self)
{
  kp_idle_guard_end_session (self->idle_guard);
  stop_speaking (self);
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
  if (gtk_widget_get_visible (self->countdown_slot))
    return self->countdown_slot;
  if (gtk_widget_get_visible (self->help_slot))
    return self->help_slot;
  return gtk_stack_get_visible_child (self->stack);
}

static void
open_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpWindow *self = KP_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  const char *current = kp_window_get_page_name (self);

  kp_idle_guard_note_activity (self->idle_guard);
  if (g_str_equal (name, current))
    return;
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

/* Seen, heard and beeped: the volunteer may be across the room. */
static void
help_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpWindow *self = KP_WINDOW (widget);
  g_autofree char *notice = NULL;

  kp_idle_guard_note_activity (self->idle_guard);
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
          self->printer_state = state;
          kp_help_notice_set_printer_state (
              KP_HELP_NOTICE (adw_bin_get_child (ADW_BIN (self->help_slot))), state);
          return;
        }
    }
}

static void
read_aloud_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpWindow *self = KP_WINDOW (widget);
  g_autofree char *text = kp_visible_text_collect (get_visible_layer (self));

  kp_idle_guard_note_activity (self->idle_guard);
  speak (self, text);
}

static void
done_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  end_session (KP_WINDOW (widget));
}

static void
continue_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  kp_idle_guard_note_activity (KP_WINDOW (widget)->idle_guard);
}

static void
on_countdown (KpWindow *self, guint seconds_left)
{
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

static void
update_target_size (KpWindow *self)
{
  GdkMonitor *monitor = find_monitor (self);
  GdkRectangle geometry;
  int min_px;
  g_autofree char *css = NULL;

  if (monitor == NULL)
    return;
  gdk_monitor_get_geometry (monitor, &geometry);
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

static void
kp_window_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (kp_window_parent_class)->realize (widget);

  update_target_size (KP_WINDOW (widget));
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
  g_clear_object (&self->target_size_provider);
  g_clear_object (&self->style_provider);
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
  g_signal_connect_swapped (self->idle_guard, "expired", G_CALLBACK (end_session), self);

  add_display_style (self);
  rebuild (self);
  update_target_size (self);
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
  if (self->speaker != NULL)
    stop_speaking (self);
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
  g_clear_object (&self->printer);
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
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/kp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KpWindow, bar_slot);
  gtk_widget_class_bind_template_child (widget_class, KpWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, KpWindow, keyboard_revealer);
  gtk_widget_class_bind_template_child (widget_class, KpWindow, help_slot);
  gtk_widget_class_bind_template_child (widget_class, KpWindow, countdown_slot);

  gtk_widget_class_install_action (widget_class, "kiosk.open", "s", open_action);
  gtk_widget_class_install_action (widget_class, "kiosk.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "kiosk.home", NULL, home_action);
  gtk_widget_class_install_action (widget_class, "kiosk.help", NULL, help_action);
  gtk_widget_class_install_action (widget_class, "kiosk.help-close", NULL, help_close_action);
  gtk_widget_class_install_action (widget_class, "kiosk.read-aloud", NULL, read_aloud_action);
  gtk_widget_class_install_action (widget_class, "kiosk.printer-problem", "s",
                                   printer_problem_action);
  gtk_widget_class_install_action (widget_class, "kiosk.done", NULL, done_action);
  gtk_widget_class_install_action (widget_class, "kiosk.continue", NULL, continue_action);
  gtk_widget_class_install_property_action (widget_class, "kiosk.language", "language");

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
  stop_speaking (self);
  apply_language (self);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

const char *
kp_window_get_page_name (KpWindow *self)
{
  g_return_val_if_fail (KP_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}
