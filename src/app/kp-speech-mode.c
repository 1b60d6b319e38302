/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-speech-mode.h"

#include "kp-accessible-label.h"
#include "kp-headset-monitor.h"
#include "kp-keyboard.h"
#include "kp-receipt-page.h"
#include "kp-window.h"

#include <glib/gi18n.h>
#include <string.h>
#include <webkit/webkit.h>

/* Help held this long repeats the last sentence instead (EN 301 549 5.1.3.4). */
#define HELP_HOLD_MS 1000
/*
 * After Action or Back the screen may change; the stack slides for 150 ms.
 * Then the first element of a new screen is said, so a resident knows
 * where they landed.
 */
#define SETTLE_MS 250
/*
 * Some screens come only when work in the background is done (a receipt
 * once the request is stored): until then it is looked for again.
 */
#define SETTLE_TRIES       12
#define SPEECH_MODE_CLASS  "speech-mode"
#define SPEECH_FOCUS_CLASS "speech-focus"
#define PRIVATE_CLASS      "private-details"

typedef enum
{
  COMMAND_NONE,
  COMMAND_UP,
  COMMAND_DOWN,
  COMMAND_ACTION,
  COMMAND_HELP,
  COMMAND_BACK,
  COMMAND_LOUDER,
  COMMAND_SOFTER,
  N_COMMANDS
} Command;

/* "Say your details out loud?": asked once a session, when details are first to be said. */
typedef enum
{
  CONSENT_UNASKED,
  CONSENT_ASKING,
  CONSENT_GIVEN,
  CONSENT_REFUSED,
} Consent;

/* The config's names for the commands, and the keys every keyboard has for them too. */
static const struct
{
  const char *config_name;
  guint keyboard_keys[2];
} command_keys[N_COMMANDS] = {
  [COMMAND_UP] = { "up", { GDK_KEY_Up, GDK_KEY_KP_Up } },
  [COMMAND_DOWN] = { "down", { GDK_KEY_Down, GDK_KEY_KP_Down } },
  [COMMAND_ACTION] = { "action", { GDK_KEY_Return, GDK_KEY_KP_Enter } },
  [COMMAND_HELP] = { "help", { GDK_KEY_F1, GDK_KEY_Help } },
  [COMMAND_BACK] = { "back", { GDK_KEY_Escape, GDK_KEY_Escape } },
  [COMMAND_LOUDER] = { "louder", { GDK_KEY_AudioRaiseVolume, GDK_KEY_AudioRaiseVolume } },
  [COMMAND_SOFTER] = { "softer", { GDK_KEY_AudioLowerVolume, GDK_KEY_AudioLowerVolume } },
};

struct _KpSpeechMode
{
  GObject parent_instance;

  GtkWidget *window; /* not owned: the window owns us */
  KpSpeaker *speaker;
  guint keypad_keys[N_COMMANDS]; /* from [speech-mode]; 0 where the name is no key */
  KpHeadsetMonitor *headset;

  gboolean active;
  GWeakRef current;
  char *last_sentence;
  /* The previous command was Help on this screen: the next Help lists what can be done. */
  gboolean help_said_where;
  gboolean help_down;
  guint help_hold_source;
  guint settle_source;
  guint settle_tries_left;

  Consent consent;
  GtkWidget *question; /* shown over the screen while asking; the window's overlay owns it */
  GWeakRef asked_for;  /* the element whose details made us ask */
};

G_DEFINE_FINAL_TYPE (KpSpeechMode, kp_speech_mode, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static Command
command_for_key (KpSpeechMode *self, guint keyval)
{
  for (Command command = COMMAND_UP; command < N_COMMANDS; command++)
    {
      if (keyval == self->keypad_keys[command] || keyval == command_keys[command].keyboard_keys[0]
          || keyval == command_keys[command].keyboard_keys[1])
        return command;
    }
  return COMMAND_NONE;
}

/*
 * Arrows, Enter and Escape of a keyboard: keys a text field and a web page
 * have uses of their own for (the caret, sending, closing a list).
 */
static gboolean
is_editing_key (guint keyval)
{
  static const Command editing_commands[]
      = { COMMAND_UP, COMMAND_DOWN, COMMAND_ACTION, COMMAND_BACK };

  for (gsize i = 0; i < G_N_ELEMENTS (editing_commands); i++)
    {
      const guint *keys = command_keys[editing_commands[i]].keyboard_keys;

      if (keyval == keys[0] || keyval == keys[1])
        return TRUE;
    }
  return FALSE;
}

typedef enum
{
  FOCUS_ELSEWHERE,
  FOCUS_IN_FIELD, /* typing: an entry's text, a spin button */
  FOCUS_IN_PAGE,  /* a web form's own page */
} FocusPlace;

static FocusPlace
find_focus_place (KpSpeechMode *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self->window));

  if (focus == NULL)
    return FOCUS_ELSEWHERE;
  if (WEBKIT_IS_WEB_VIEW (focus) || gtk_widget_get_ancestor (focus, WEBKIT_TYPE_WEB_VIEW) != NULL)
    return FOCUS_IN_PAGE;
  if (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus))
    return FOCUS_IN_FIELD;
  return FOCUS_ELSEWHERE;
}

/*
 * Whether an arrow, Enter or Escape is left to the widget with the focus.
 * In a text field it is, until speech mode is on: a USB scanner types a
 * slip's number and then Enter, which must look it up, and a sighted
 * resident's arrows move the caret. Once on, speech mode keeps them, so
 * Up and Down walk on from a field. In a web page it always is: the web
 * forms need sight, so speech mode is not offered there, and the page's
 * own fields and buttons need Enter. F1, the volume keys and the keypad's
 * own keys stay speech mode's everywhere: it can be started, and a page
 * left, from anywhere.
 */
static gboolean
is_left_to_focus (KpSpeechMode *self, guint keyval)
{
  FocusPlace place;

  if (!is_editing_key (keyval))
    return FALSE;
  place = find_focus_place (self);
  return place == FOCUS_IN_PAGE || (place == FOCUS_IN_FIELD && !self->active);
}

/* (nullable) (transfer none): the shown on-screen keyboard with a target, if any */
static KpKeyboard *
find_typing_keyboard (GtkWidget *widget)
{
  if (KP_IS_KEYBOARD (widget))
    return gtk_widget_get_mapped (widget) && kp_keyboard_get_target (KP_KEYBOARD (widget)) != NULL
               ? KP_KEYBOARD (widget)
               : NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      KpKeyboard *found = find_typing_keyboard (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_text (GtkWidget *label)
{
  const char *text = gtk_label_get_text (GTK_LABEL (label));

  for (const char *c = text; *c != '\0'; c = g_utf8_next_char (c))
    {
      if (!g_unichar_isspace (g_utf8_get_char (c)))
        return TRUE;
    }
  return FALSE;
}

static void collect_children (GtkWidget *widget, KpKeyboard *keyboard, GPtrArray *elements);

/*
 * The keyboard is walked only where it types, right after its field;
 * sliding away without a field, its keys would type nowhere.
 */
static void
collect (GtkWidget *widget, KpKeyboard *keyboard, GPtrArray *elements)
{
  if (!gtk_widget_get_mapped (widget) || KP_IS_KEYBOARD (widget))
    return;
  if (kp_speech_mode_is_interactive (widget))
    {
      if (gtk_widget_is_sensitive (widget))
        g_ptr_array_add (elements, widget);
      /* The keys come where the typing happens, not at the bottom of the screen. */
      if (keyboard != NULL && GTK_IS_EDITABLE (widget)
          && kp_keyboard_get_target (keyboard) == GTK_EDITABLE (widget))
        collect_children (GTK_WIDGET (keyboard), NULL, elements);
      return;
    }
  if (GTK_IS_LABEL (widget))
    {
      if (has_text (widget))
        g_ptr_array_add (elements, widget);
      return;
    }
  collect_children (widget, keyboard, elements);
}

static void
collect_children (GtkWidget *widget, KpKeyboard *keyboard, GPtrArray *elements)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, keyboard, elements);
}

/* Inside a tile or a key, the labels are the button's words, not elements of their own. */
gboolean
kp_speech_mode_is_interactive (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  return GTK_IS_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) || GTK_IS_SWITCH (widget)
         || GTK_IS_ENTRY (widget) || GTK_IS_PASSWORD_ENTRY (widget) || GTK_IS_SPIN_BUTTON (widget)
         || GTK_IS_TEXT (widget) || GTK_IS_DROP_DOWN (widget) || GTK_IS_SCALE (widget)
         || (GTK_IS_LIST_BOX_ROW (widget)
             && gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)));
}

void
kp_speech_mode_mark_private (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_widget_add_css_class (widget, PRIVATE_CLASS);
}

gboolean
kp_speech_mode_purpose_is_private (GtkInputPurpose purpose)
{
  return purpose == GTK_INPUT_PURPOSE_NAME || purpose == GTK_INPUT_PURPOSE_PHONE
         || purpose == GTK_INPUT_PURPOSE_EMAIL || purpose == GTK_INPUT_PURPOSE_PIN
         || purpose == GTK_INPUT_PURPOSE_PASSWORD;
}

GPtrArray *
kp_speech_mode_list_elements (GtkWidget *root)
{
  GPtrArray *elements;
  GtkRoot *toplevel;

  g_return_val_if_fail (GTK_IS_WIDGET (root), NULL);

  elements = g_ptr_array_new ();
  toplevel = gtk_widget_get_root (root);
  collect (root, toplevel != NULL ? find_typing_keyboard (GTK_WIDGET (toplevel)) : NULL, elements);
  return elements;
}

static gboolean
is_heading (GtkWidget *label)
{
  return gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (label)) == GTK_ACCESSIBLE_ROLE_HEADING
         || gtk_widget_has_css_class (label, "title-1")
         || gtk_widget_has_css_class (label, "title-2");
}

static gboolean
is_key (GtkWidget *button)
{
  return gtk_widget_get_ancestor (button, KP_TYPE_KEYBOARD) != NULL;
}

/* PINs and passwords: what is typed is never said, only how much. */
static gboolean
is_masked (GtkWidget *entry)
{
  return GTK_IS_PASSWORD_ENTRY (entry)
         || (GTK_IS_ENTRY (entry) && !gtk_entry_get_visibility (GTK_ENTRY (entry)));
}

/* Names, phone numbers, e-mail addresses and references: said only to the resident's ear. */
static gboolean
holds_details (GtkWidget *widget)
{
  return gtk_widget_has_css_class (widget, PRIVATE_CLASS)
         || gtk_widget_has_css_class (widget, "reference-entry")
         || (GTK_IS_ENTRY (widget)
             && kp_speech_mode_purpose_is_private (
                 gtk_entry_get_input_purpose (GTK_ENTRY (widget))));
}

static char *
dots_for (const char *text)
{
  GString *dots = g_string_new (NULL);

  for (glong n = g_utf8_strlen (text, -1); n > 0; n--)
    g_string_append_printf (dots, "%s%s", dots->len > 0 ? " " : "",
                            /* TRANSLATORS: said for each character typed in a PIN or password */
                            _ ("dot"));
  return g_string_free (dots, FALSE);
}

static char *
describe_field (GtkWidget *entry, const char *label, gboolean say_details)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *dots = NULL;

  /* TRANSLATORS: speech mode; %s is what the field is called, e.g. "Text field: Postcode, empty" */
  if (*text == '\0')
    return g_strdup_printf (_ ("Text field: %s, empty"), label);
  if (is_masked (entry))
    {
      dots = dots_for (text);
      /* TRANSLATORS: speech mode, a PIN or password field: "Hidden field: PIN, dot dot dot" */
      return g_strdup_printf (_ ("Hidden field: %s, %s"), label, dots);
    }
  if (holds_details (entry) && !say_details)
    /* TRANSLATORS: speech mode, a field whose personal content is not said on the loudspeaker */
    return g_strdup_printf (_ ("Text field: %s, filled in"), label);
  /* TRANSLATORS: speech mode: "Text field: Postcode, 1234 AB" */
  return g_strdup_printf (_ ("Text field: %s, %s"), label, text);
}

char *
kp_speech_mode_describe (GtkWidget *element, gboolean say_details)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (element), NULL);

  if (GTK_IS_LABEL (element))
    {
      g_autofree char *text = g_strstrip (g_strdup (gtk_label_get_text (GTK_LABEL (element))));

      if (holds_details (element) && !say_details)
        /* TRANSLATORS: speech mode, instead of a name or phone number shown on screen */
        return g_strdup (_ ("Your details, not said on the loudspeaker"));
      /* TRANSLATORS: speech mode, a page's title: "Heading: Make an appointment" */
      return is_heading (element) ? g_strdup_printf (_ ("Heading: %s"), text)
                                  : g_steal_pointer (&text);
    }
  label = kp_accessible_label_dup (element);
  if (GTK_IS_EDITABLE (element))
    return describe_field (element, label, say_details);
  if (GTK_IS_CHECK_BUTTON (element))
    return g_strdup_printf (gtk_check_button_get_active (GTK_CHECK_BUTTON (element))
                                /* TRANSLATORS: speech mode: "Tick box, ticked: Keep me informed" */
                                ? _ ("Tick box, ticked: %s")
                                : _ ("Tick box, not ticked: %s"),
                            label);
  if (GTK_IS_TOGGLE_BUTTON (element) && gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (element)))
    /* TRANSLATORS: speech mode, a button that stays pressed: "Button, chosen: Waste" */
    return g_strdup_printf (_ ("Button, chosen: %s"), label);
  if (is_key (element))
    /* TRANSLATORS: speech mode, a key of the on-screen keyboard: "Key: a" */
    return g_strdup_printf (_ ("Key: %s"), label);
  if (GTK_IS_BUTTON (element))
    /* TRANSLATORS: speech mode: "Button: Make an appointment" */
    return g_strdup_printf (_ ("Button: %s"), label);
  return g_steal_pointer (&label);
}

static void
on_spoken (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *wav_path = kp_speaker_speak_finish (KP_SPEAKER (source_object), result, &error);

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Speech mode could not speak: %s", error->message);
}

static void
say (KpSpeechMode *self, const char *sentence)
{
  /* @sentence may be the last sentence itself, when Help held repeats it. */
  char *copy = g_strdup (sentence);

  g_free (self->last_sentence);
  self->last_sentence = copy;
  kp_speaker_speak_async (self->speaker, self->last_sentence,
                          kp_window_get_language (KP_WINDOW (self->window)), NULL, on_spoken, NULL);
}

static void
set_current (KpSpeechMode *self, GtkWidget *element)
{
  g_autoptr (GtkWidget) previous = g_weak_ref_get (&self->current);

  if (previous != NULL)
    gtk_widget_remove_css_class (previous, SPEECH_FOCUS_CLASS);
  g_weak_ref_set (&self->current, element);
  if (element == NULL)
    return;
  gtk_widget_add_css_class (element, SPEECH_FOCUS_CLASS);
  /*
   * Text cannot hold the focus; it stays where it was, so an entry keeps
   * its keyboard while its question is read. The stylesheet shows only
   * the speech ring in speech mode.
   */
  if (kp_speech_mode_is_interactive (element))
    gtk_widget_grab_focus (element);
  gtk_window_set_focus_visible (GTK_WINDOW (self->window), TRUE);
}

/* Into a headset directly; on the loudspeaker only once the resident said yes. */
static gboolean
say_details (KpSpeechMode *self)
{
  return kp_headset_monitor_get_plugged (self->headset) || self->consent == CONSENT_GIVEN;
}

/* The receipt's heading stands for the whole slip: what, when, where, what to bring, the reference. */
static gboolean
is_receipt_heading (GtkWidget *element)
{
  return GTK_IS_LABEL (element) && gtk_widget_has_css_class (element, "receipt-heading")
         && gtk_widget_get_ancestor (element, KP_TYPE_RECEIPT_PAGE) != NULL;
}

/* Everything printed on the slip, after the heading (EN 301 549 5.1.3.16). (transfer full) */
static char *
describe_receipt (GtkWidget *heading, gboolean details)
{
  KpReceiptPage *page = KP_RECEIPT_PAGE (gtk_widget_get_ancestor (heading, KP_TYPE_RECEIPT_PAGE));
  g_autofree char *slip_text = kp_slip_dup_spoken_text (kp_receipt_page_get_slip (page), details);

  return g_strdup_printf ("%s. %s", gtk_label_get_text (GTK_LABEL (heading)), slip_text);
}

/* Whether saying @element now would say a name, phone number, e-mail address or reference. */
static gboolean
shows_details (GtkWidget *element)
{
  if (is_receipt_heading (element))
    return TRUE;
  if (!holds_details (element))
    return FALSE;
  if (GTK_IS_EDITABLE (element))
    return !is_masked (element) && *gtk_editable_get_text (GTK_EDITABLE (element)) != '\0';
  return TRUE;
}

static void
show_question (KpSpeechMode *self, gboolean shown)
{
  if (self->question != NULL)
    gtk_widget_set_visible (self->question, shown);
}

static void
ask_consent (KpSpeechMode *self, GtkWidget *element)
{
  self->consent = CONSENT_ASKING;
  g_weak_ref_set (&self->asked_for, element);
  show_question (self, TRUE);
  say (self, _ ("Say your details out loud? People nearby can hear them. Press Action for yes, "
                "or Back for no."));
}

/* The receipt's heading says the whole slip; personal details first ask whether they may. */
static void
say_element (KpSpeechMode *self, GtkWidget *element)
{
  g_autofree char *sentence = NULL;

  set_current (self, element);
  if (self->consent == CONSENT_UNASKED && !say_details (self) && shows_details (element))
    {
      ask_consent (self, element);
      return;
    }
  sentence = is_receipt_heading (element) ? describe_receipt (element, say_details (self))
                                          : kp_speech_mode_describe (element, say_details (self));
  say (self, sentence);
}

/* Yes or no; either way the element that made us ask is said, as the answer allows. */
static void
answer_consent (KpSpeechMode *self, gboolean yes)
{
  g_autoptr (GtkWidget) element = g_weak_ref_get (&self->asked_for);

  self->consent = yes ? CONSENT_GIVEN : CONSENT_REFUSED;
  g_weak_ref_set (&self->asked_for, NULL);
  show_question (self, FALSE);
  if (element != NULL && gtk_widget_get_mapped (element))
    say_element (self, element);
}

static void
on_yes_clicked (KpSpeechMode *self)
{
  answer_consent (self, TRUE);
}

static void
on_no_clicked (KpSpeechMode *self)
{
  answer_consent (self, FALSE);
}

static GtkWidget *
make_answer_button (KpSpeechMode *self, const char *label, GCallback on_clicked)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_add_css_class (button, "large-button");
  g_signal_connect_object (button, "clicked", on_clicked, self, G_CONNECT_SWAPPED);
  return button;
}

/*
 * The question is shown as well as spoken, over the screen, for whoever
 * stands with the resident; touching its buttons answers it too.
 */
static void
build_question (KpSpeechMode *self)
{
  GtkWidget *overlay = adw_application_window_get_content (ADW_APPLICATION_WINDOW (self->window));
  GtkWidget *title;
  GtkWidget *text;
  GtkWidget *buttons;

  if (!GTK_IS_OVERLAY (overlay))
    return;
  title = gtk_label_new (_ ("Say your details out loud?"));
  gtk_widget_add_css_class (title, "title-1");
  text = gtk_label_new (_ ("People nearby can hear your name, phone number or reference. Yes: "
                           "press Action. No: press Back."));
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 40);
  gtk_widget_add_css_class (text, "body-large");
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  gtk_box_append (GTK_BOX (buttons),
                  make_answer_button (self, _ ("Yes, say them"), G_CALLBACK (on_yes_clicked)));
  gtk_box_append (GTK_BOX (buttons),
                  make_answer_button (self, _ ("No"), G_CALLBACK (on_no_clicked)));

  self->question = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_add_css_class (self->question, "details-question");
  gtk_widget_add_css_class (self->question, "card");
  gtk_widget_set_halign (self->question, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->question, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (self->question), title);
  gtk_box_append (GTK_BOX (self->question), text);
  gtk_box_append (GTK_BOX (self->question), buttons);
  gtk_widget_set_visible (self->question, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->question);
}

/* (transfer container) */
static GPtrArray *
list_screen (KpSpeechMode *self)
{
  return kp_speech_mode_list_elements (kp_window_get_reading_root (KP_WINDOW (self->window)));
}

/* (nullable) (transfer none): the field the on-screen keyboard types into, if it is up */
static GtkWidget *
find_typed_field (KpSpeechMode *self)
{
  KpKeyboard *keyboard = find_typing_keyboard (self->window);

  return keyboard != NULL ? GTK_WIDGET (kp_keyboard_get_target (keyboard)) : NULL;
}

/* On the field, or on one of the keys that type into it. */
static gboolean
is_at_field (GtkWidget *element, GtkWidget *field)
{
  return element != NULL && (element == field || is_key (element));
}

/*
 * Leaving a field that was typed in, the resident hears what it holds
 * now ("Text field: Postcode, 1234 AB"), then where they went.
 */
static void
read_back_then_say (KpSpeechMode *self, GtkWidget *field, GtkWidget *element)
{
  g_autofree char *field_text = kp_speech_mode_describe (field, say_details (self));
  g_autofree char *element_text = NULL;
  g_autofree char *sentence = NULL;

  if (self->consent == CONSENT_UNASKED && !say_details (self) && shows_details (element))
    {
      say_element (self, element);
      return;
    }
  set_current (self, element);
  element_text = kp_speech_mode_describe (element, say_details (self));
  sentence = g_strdup_printf ("%s. %s", field_text, element_text);
  say (self, sentence);
}

static void
move (KpSpeechMode *self, int step)
{
  g_autoptr (GPtrArray) elements = list_screen (self);
  g_autoptr (GtkWidget) current = g_weak_ref_get (&self->current);
  GtkWidget *field = find_typed_field (self);
  GtkWidget *next;
  guint index;

  if (elements->len == 0)
    return;
  if (current == NULL || !g_ptr_array_find (elements, current, &index))
    next = g_ptr_array_index (elements, step > 0 ? 0 : elements->len - 1);
  else
    /* Round the end to the start again, so nothing is out of reach. */
    next = g_ptr_array_index (elements,
                              ((int) index + step + (int) elements->len) % (int) elements->len);
  if (field != NULL && is_at_field (current, field) && !is_at_field (next, field)
      && *gtk_editable_get_text (GTK_EDITABLE (field)) != '\0' && !is_receipt_heading (next))
    read_back_then_say (self, field, next);
  else
    say_element (self, next);
}

/* Action says yes, Back no; Up and Down mean "go on", so no as well; anything else asks again. */
static void
answer_question (KpSpeechMode *self, Command command)
{
  switch (command)
    {
      case COMMAND_ACTION:
        answer_consent (self, TRUE);
        break;
      case COMMAND_BACK:
        answer_consent (self, FALSE);
        break;
      case COMMAND_UP:
      case COMMAND_DOWN:
        answer_consent (self, FALSE);
        move (self, command == COMMAND_UP ? -1 : 1);
        break;
      case COMMAND_HELP:
      case COMMAND_LOUDER:
      case COMMAND_SOFTER:
      case COMMAND_NONE:
      case N_COMMANDS:
      default:
        say (self, self->last_sentence);
        break;
    }
}

/* The volume keys work with or without speech mode; the word says how loud it is now. */
static void
change_volume (KpSpeechMode *self, int steps)
{
  kp_speaker_step_volume (self->speaker, steps);
  /* TRANSLATORS: said after a volume key, at the new volume */
  say (self, steps > 0 ? _ ("Louder") : _ ("Softer"));
}

static GtkWidget *
find_title (GPtrArray *elements)
{
  for (guint i = 0; i < elements->len; i++)
    {
      GtkWidget *element = g_ptr_array_index (elements, i);

      if (GTK_IS_LABEL (element) && is_heading (element))
        return element;
    }
  return NULL;
}

/* First "where am I", then, pressed again, "what can I do here". */
static void
help (KpSpeechMode *self)
{
  g_autoptr (GPtrArray) elements = list_screen (self);
  g_autoptr (GString) sentence = g_string_new (NULL);
  GtkWidget *title = find_title (elements);
  g_autofree char *title_text = NULL;

  if (!self->help_said_where)
    {
      self->help_said_where = TRUE;
      if (title != NULL)
        {
          title_text = g_strstrip (g_strdup (gtk_label_get_text (GTK_LABEL (title))));
          /* TRANSLATORS: speech mode, Help: %s is the screen's title */
          g_string_printf (sentence, _ ("You are at: %s."), title_text);
        }
      g_string_append_printf (sentence, "%s%s", sentence->len > 0 ? " " : "",
                              _ ("Press Help again to hear what you can do here."));
      say (self, sentence->str);
      return;
    }
  self->help_said_where = FALSE;
  g_string_append (sentence, _ ("You can choose:"));
  for (guint i = 0; i < elements->len; i++)
    {
      GtkWidget *element = g_ptr_array_index (elements, i);
      g_autofree char *label = NULL;

      if (!kp_speech_mode_is_interactive (element) || is_key (element))
        continue;
      label = kp_accessible_label_dup (element);
      g_string_append_printf (sentence, " %s", label);
      /* A pause between choices, unless the label brings its own ("Where is it?"). */
      if (!g_unichar_ispunct (
              g_utf8_get_char (g_utf8_find_prev_char (label, label + strlen (label)))))
        g_string_append_c (sentence, '.');
    }
  say (self, sentence->str);
}

/* (nullable): a receipt's heading on the screen; the slip is what matters there */
static GtkWidget *
find_receipt_heading (GPtrArray *elements)
{
  for (guint i = 0; i < elements->len; i++)
    {
      if (is_receipt_heading (g_ptr_array_index (elements, i)))
        return g_ptr_array_index (elements, i);
    }
  return NULL;
}

/* (nullable) (transfer none): the on-screen key among @elements that has the focus */
static GtkWidget *
focused_key_of (KpSpeechMode *self, GPtrArray *elements)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self->window));

  return focus != NULL && is_key (focus) && g_ptr_array_find (elements, focus, NULL) ? focus : NULL;
}

/*
 * Says where an Action or Back landed: the first element of a new screen,
 * or on a receipt everything the slip says.
 */
static gboolean
on_settled (gpointer user_data)
{
  KpSpeechMode *self = user_data;
  g_autoptr (GPtrArray) elements = list_screen (self);
  g_autoptr (GtkWidget) current = g_weak_ref_get (&self->current);
  GtkWidget *receipt_heading = find_receipt_heading (elements);

  if (current != NULL && g_ptr_array_find (elements, current, NULL))
    {
      /* Still the same screen: nothing to say, unless a new one is on its way. */
      if (--self->settle_tries_left > 0)
        return G_SOURCE_CONTINUE;
      self->settle_source = 0;
      return G_SOURCE_REMOVE;
    }
  self->settle_source = 0;
  if (receipt_heading != NULL)
    say_element (self, receipt_heading);
  else if (current != NULL && is_key (current) && focused_key_of (self, elements) != NULL)
    /* Letters or Numbers swapped the keys; the keyboard put the focus on the first new one. */
    say_element (self, focused_key_of (self, elements));
  else if (elements->len > 0)
    say_element (self, g_ptr_array_index (elements, 0));
  else
    set_current (self, NULL);
  return G_SOURCE_REMOVE;
}

static void
settle_then_announce (KpSpeechMode *self)
{
  g_clear_handle_id (&self->settle_source, g_source_remove);
  self->settle_tries_left = SETTLE_TRIES;
  self->settle_source = g_timeout_add (SETTLE_MS, on_settled, self);
}

/* What a key typed, said at once; a PIN only as "dot", personal details only to a headset. */
static void
echo_key (KpSpeechMode *self, GtkWidget *key, KpKeyboard *keyboard)
{
  GtkEditable *target = kp_keyboard_get_target (keyboard);
  g_autofree char *label = kp_accessible_label_dup (key);
  gboolean types
      = g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (key)), "keyboard.type") == 0;

  if (types && target != NULL && is_masked (GTK_WIDGET (target)))
    say (self, _ ("dot"));
  else if (types && target != NULL && holds_details (GTK_WIDGET (target)) && !say_details (self))
    /* TRANSLATORS: speech mode, after a key typed into a field with personal details */
    say (self, _ ("Typed"));
  else
    say (self, label);
}

/*
 * GtkButton's own activate presses it visibly for a moment before it
 * clicks; the resident cannot see that, so the click comes at once.
 * Entries and the on-screen keyboard's Enter send "activate", which the
 * flows take as "Next".
 */
static void
activate_element (KpSpeechMode *self, GtkWidget *element)
{
  KpKeyboard *keyboard = KP_KEYBOARD (gtk_widget_get_ancestor (element, KP_TYPE_KEYBOARD));

  /* Said first: an error that Enter brings up must not be talked over. */
  if (keyboard != NULL)
    echo_key (self, element, keyboard);
  if (GTK_IS_BUTTON (element))
    g_signal_emit_by_name (element, "clicked");
  else if (GTK_IS_ENTRY (element) || GTK_IS_PASSWORD_ENTRY (element))
    g_signal_emit_by_name (element, "activate");
  else
    gtk_widget_activate (element);

  if (GTK_IS_CHECK_BUTTON (element) || GTK_IS_TOGGLE_BUTTON (element))
    say_element (self, element);
  settle_then_announce (self);
}

/* On text, Action says it again: on a receipt's heading, the whole slip once more. */
static void
action (KpSpeechMode *self)
{
  g_autoptr (GtkWidget) current = g_weak_ref_get (&self->current);

  if (current == NULL || !gtk_widget_get_mapped (current))
    {
      move (self, 1);
      return;
    }
  if (kp_speech_mode_is_interactive (current))
    activate_element (self, current);
  else
    say_element (self, current);
}

static gboolean
on_help_held (gpointer user_data)
{
  KpSpeechMode *self = user_data;

  self->help_hold_source = 0;
  say (self, self->last_sentence);
  return G_SOURCE_REMOVE;
}

static void
run_command (KpSpeechMode *self, Command command)
{
  if (command != COMMAND_HELP)
    self->help_said_where = FALSE;
  switch (command)
    {
      case COMMAND_UP:
        move (self, -1);
        break;
      case COMMAND_DOWN:
        move (self, 1);
        break;
      case COMMAND_ACTION:
        action (self);
        break;
      case COMMAND_BACK:
        gtk_widget_activate_action (self->window, "kiosk.back", NULL);
        settle_then_announce (self);
        break;
      case COMMAND_HELP:
        /* Decided when the key comes up: a short press helps, a long one repeats. */
        if (!self->help_down)
          {
            self->help_down = TRUE;
            self->help_hold_source = g_timeout_add (HELP_HOLD_MS, on_help_held, self);
          }
        break;
      case COMMAND_LOUDER:
      case COMMAND_SOFTER:
        change_volume (self, command == COMMAND_LOUDER ? 1 : -1);
        break;
      case COMMAND_NONE:
      case N_COMMANDS:
      default:
        break;
    }
}

/*
 * A key speech mode takes goes no further, so it tells the window itself
 * that someone is there: it starts a session or extends it, as any key does.
 */
static gboolean
on_key_pressed (KpSpeechMode *self,
                guint keyval,
                guint keycode,
                GdkModifierType state,
                GtkEventControllerKey *controller)
{
  if (!kp_speech_mode_key_pressed (self, keyval, state))
    return GDK_EVENT_PROPAGATE;
  gtk_widget_activate_action (self->window, "kiosk.continue", NULL);
  return GDK_EVENT_STOP;
}

static void
on_key_released (KpSpeechMode *self,
                 guint keyval,
                 guint keycode,
                 GdkModifierType state,
                 GtkEventControllerKey *controller)
{
  kp_speech_mode_key_released (self, keyval);
}

/* A touch stops the sentence too (5.1.3.5): the resident wants to do something else. */
static gboolean
on_input_event (KpSpeechMode *self, GdkEvent *event)
{
  GdkEventType type = gdk_event_get_event_type (event);

  if (self->active && (type == GDK_BUTTON_PRESS || type == GDK_TOUCH_BEGIN))
    kp_speaker_stop (self->speaker);
  return GDK_EVENT_PROPAGATE;
}

static void
listen_to_window (KpSpeechMode *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *touches = gtk_event_controller_legacy_new ();

  /* Capture phase: the keypad walks the screen whichever widget has the focus. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (keys, "key-released", G_CALLBACK (on_key_released), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->window, keys);

  gtk_event_controller_set_propagation_phase (touches, GTK_PHASE_CAPTURE);
  g_signal_connect_object (touches, "event", G_CALLBACK (on_input_event), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->window, touches);
}

/* Plugging in a headset is a way to start speech mode without sight (5.2). */
static void
on_headset_changed (KpSpeechMode *self)
{
  if (kp_headset_monitor_get_plugged (self->headset))
    kp_speech_mode_set_active (self, TRUE);
}

/* A name in the config that is no key is told once; the keyboard's own keys still work. */
static void
read_keypad_keys (KpSpeechMode *self, KpConfig *config)
{
  for (Command command = COMMAND_UP; command < N_COMMANDS; command++)
    {
      const char *name = kp_config_get_speech_mode_key (config, command_keys[command].config_name);
      guint keyval = gdk_keyval_from_name (name);

      if (keyval == GDK_KEY_VoidSymbol)
        {
          g_message ("[speech-mode] key-%s: “%s” is not a key name; using the keyboard's keys",
                     command_keys[command].config_name, name);
          keyval = 0;
        }
      self->keypad_keys[command] = keyval;
    }
}

static void
kp_speech_mode_dispose (GObject *object)
{
  KpSpeechMode *self = KP_SPEECH_MODE (object);

  g_clear_handle_id (&self->help_hold_source, g_source_remove);
  g_clear_handle_id (&self->settle_source, g_source_remove);
  if (self->headset != NULL)
    g_signal_handlers_disconnect_by_data (self->headset, self);
  g_clear_object (&self->headset);
  g_clear_object (&self->speaker);

  G_OBJECT_CLASS (kp_speech_mode_parent_class)->dispose (object);
}

static void
kp_speech_mode_finalize (GObject *object)
{
  KpSpeechMode *self = KP_SPEECH_MODE (object);

  g_weak_ref_clear (&self->asked_for);
  g_weak_ref_clear (&self->current);
  g_clear_pointer (&self->last_sentence, g_free);

  G_OBJECT_CLASS (kp_speech_mode_parent_class)->finalize (object);
}

static void
kp_speech_mode_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KpSpeechMode *self = KP_SPEECH_MODE (object);

  switch (prop_id)
    {
      case PROP_ACTIVE:
        g_value_set_boolean (value, self->active);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kp_speech_mode_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KpSpeechMode *self = KP_SPEECH_MODE (object);

  switch (prop_id)
    {
      case PROP_ACTIVE:
        kp_speech_mode_set_active (self, g_value_get_boolean (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kp_speech_mode_class_init (KpSpeechModeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kp_speech_mode_dispose;
  object_class->finalize = kp_speech_mode_finalize;
  object_class->get_property = kp_speech_mode_get_property;
  object_class->set_property = kp_speech_mode_set_property;

  properties[PROP_ACTIVE]
      = g_param_spec_boolean ("active", NULL, NULL, FALSE,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kp_speech_mode_init (KpSpeechMode *self)
{
  g_weak_ref_init (&self->current, NULL);
  g_weak_ref_init (&self->asked_for, NULL);
  self->last_sentence = g_strdup ("");
}

/* (transfer full) */
KpSpeechMode *
kp_speech_mode_new (GtkWidget *window, KpConfig *config, KpSpeaker *speaker)
{
  KpSpeechMode *self;

  g_return_val_if_fail (KP_IS_WINDOW (window), NULL);
  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);
  g_return_val_if_fail (KP_IS_SPEAKER (speaker), NULL);

  self = g_object_new (KP_TYPE_SPEECH_MODE, NULL);
  self->window = window;
  self->speaker = g_object_ref (speaker);
  self->headset = kp_headset_monitor_new (kp_config_get_speech_mode_headset (config));
  g_signal_connect_swapped (self->headset, "notify::plugged", G_CALLBACK (on_headset_changed),
                            self);
  read_keypad_keys (self, config);
  listen_to_window (self);
  build_question (self);
  return self;
}

gboolean
kp_speech_mode_get_active (KpSpeechMode *self)
{
  g_return_val_if_fail (KP_IS_SPEECH_MODE (self), FALSE);

  return self->active;
}

/* Off is the end of a session: the next resident is asked about their details afresh. */
void
kp_speech_mode_set_active (KpSpeechMode *self, gboolean active)
{
  g_return_if_fail (KP_IS_SPEECH_MODE (self));

  active = !!active;
  if (self->active == active)
    return;
  self->active = active;
  self->help_said_where = FALSE;
  self->help_down = FALSE;
  self->consent = CONSENT_UNASKED;
  g_weak_ref_set (&self->asked_for, NULL);
  show_question (self, FALSE);
  g_clear_handle_id (&self->help_hold_source, g_source_remove);
  g_clear_handle_id (&self->settle_source, g_source_remove);
  set_current (self, NULL);
  if (active)
    {
      gtk_widget_add_css_class (self->window, SPEECH_MODE_CLASS);
      say (self, _ ("Speech is on. Up and Down go through the screen. Action chooses. Back goes "
                    "back. Help tells you where you are."));
    }
  else
    {
      gtk_widget_remove_css_class (self->window, SPEECH_MODE_CLASS);
      g_free (self->last_sentence);
      self->last_sentence = g_strdup ("");
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

/* (nullable) (transfer none) */
GtkWidget *
kp_speech_mode_get_current (KpSpeechMode *self)
{
  g_autoptr (GtkWidget) current = NULL;

  g_return_val_if_fail (KP_IS_SPEECH_MODE (self), NULL);

  /* The window's widget tree holds it; the weak ref only says whether it still exists. */
  current = g_weak_ref_get (&self->current);
  return current;
}

/* (transfer none) */
const char *
kp_speech_mode_get_last_sentence (KpSpeechMode *self)
{
  g_return_val_if_fail (KP_IS_SPEECH_MODE (self), NULL);

  return self->last_sentence;
}

gboolean
kp_speech_mode_get_asking (KpSpeechMode *self)
{
  g_return_val_if_fail (KP_IS_SPEECH_MODE (self), FALSE);

  return self->consent == CONSENT_ASKING;
}

gboolean
kp_speech_mode_key_pressed (KpSpeechMode *self, guint keyval, GdkModifierType state)
{
  Command command;

  g_return_val_if_fail (KP_IS_SPEECH_MODE (self), FALSE);

  /* Alt+Left and the like are the volunteer's shortcuts, not the keypad. */
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return FALSE;
  command = command_for_key (self, keyval);
  if (self->active)
    kp_speaker_stop (self->speaker);
  if (command == COMMAND_NONE || is_left_to_focus (self, keyval))
    return FALSE;
  if (command == COMMAND_LOUDER || command == COMMAND_SOFTER)
    {
      run_command (self, command);
      return TRUE;
    }
  if (!self->active)
    {
      kp_speech_mode_set_active (self, TRUE);
      return TRUE;
    }
  if (self->consent == CONSENT_ASKING)
    answer_question (self, command);
  else
    run_command (self, command);
  return TRUE;
}

void
kp_speech_mode_key_released (KpSpeechMode *self, guint keyval)
{
  g_return_if_fail (KP_IS_SPEECH_MODE (self));

  if (!self->active || command_for_key (self, keyval) != COMMAND_HELP || !self->help_down)
    return;
  self->help_down = FALSE;
  /* Still pending: a short press, so Help; otherwise the hold has repeated already. */
  if (self->help_hold_source != 0)
    {
      g_clear_handle_id (&self->help_hold_source, g_source_remove);
      help (self);
    }
}

/* (nullable) (transfer none): the speech mode of the window @widget is in, when it is on */
static KpSpeechMode *
find_active (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  KpSpeechMode *self;

  if (!KP_IS_WINDOW (root))
    return NULL;
  self = kp_window_get_speech_mode (KP_WINDOW (root));
  return self != NULL && self->active ? self : NULL;
}

void
kp_speech_mode_announce_error (GtkWidget *widget, const char *name, const char *message)
{
  KpSpeechMode *self;
  g_autofree char *sentence = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (name != NULL && message != NULL);

  self = find_active (widget);
  if (self == NULL)
    return;
  /* TRANSLATORS: speech mode, an error as it appears: the question, then what is wrong */
  sentence = g_strdup_printf (_ ("Check “%s”: %s"), name, message);
  kp_speaker_stop (self->speaker);
  say (self, sentence);
}

/* A pause between the parts of one sentence, unless the part ends in one already. */
static void
append_part (GString *sentence, const char *part)
{
  if (sentence->len > 0 && strchr (".?!:", sentence->str[sentence->len - 1]) == NULL)
    g_string_append_c (sentence, '.');
  if (sentence->len > 0)
    g_string_append_c (sentence, ' ');
  g_string_append (sentence, part);
}

void
kp_speech_mode_announce (GtkWidget *region)
{
  KpSpeechMode *self;
  g_autoptr (GPtrArray) elements = NULL;
  g_autoptr (GString) sentence = g_string_new (NULL);

  g_return_if_fail (GTK_IS_WIDGET (region));

  self = find_active (region);
  if (self == NULL)
    return;
  elements = kp_speech_mode_list_elements (region);
  if (elements->len == 0)
    return;
  kp_speaker_stop (self->speaker);
  for (guint i = 0; i < elements->len; i++)
    {
      GtkWidget *element = g_ptr_array_index (elements, i);

      /* Personal details wait for the resident's yes, as when walked to. */
      if (self->consent == CONSENT_UNASKED && !say_details (self) && shows_details (element))
        {
          set_current (self, element);
          ask_consent (self, element);
          return;
        }
    }
  set_current (self, g_ptr_array_index (elements, 0));
  for (guint i = 0; i < elements->len; i++)
    {
      g_autofree char *part
          = kp_speech_mode_describe (g_ptr_array_index (elements, i), say_details (self));

      append_part (sentence, part);
    }
  say (self, sentence->str);
}
