/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-keyboard.h"

#include "kp-accessible-label.h"

#include <glib/gi18n.h>

/*
 * Widths are in half keys: a letter key is 2 wide and every sheet is
 * SHEET_WIDTH wide, so rows of different lengths share one grid and
 * shorter rows sit in the middle.
 */
#define SHEET_WIDTH         20
#define DEFAULT_KEY_HEIGHT  80
#define ACCENTS_SHEET       "accents"
#define KEYBOARD_STYLESHEET "/nl/kernpunt/Kernpunt/kp-keyboard.css"
/* "␣", the open box that stands for a space */
#define SPACE_SIGN "\u2423"

typedef enum
{
  KEY_END,        /* ends a row */
  KEY_CHARACTERS, /* one key for each character of the text */
  KEY_TEXT,       /* one key that types all of its text, such as ".nl" */
  KEY_GAP,        /* room left empty; the grid drops columns that no row uses */
  KEY_SPACE,
  KEY_SHIFT,
  KEY_ACCENTS,
  KEY_BACKSPACE,
  KEY_ENTER,
  KEY_NUMBERS,
  KEY_LETTERS,
} KeyKind;

typedef struct
{
  KeyKind kind;
  const char *text;
  int width;
} KeySpec;

typedef struct
{
  const char *id;     /* widget name, for the stylesheet and for tests */
  const char *action; /* what the key does */
  const char *target; /* the action's parameter, if it takes one */
  const char *symbol; /* shown before the name, or instead of it */
  const char *name;   /* the accessible label; also shown when name_shown */
  gboolean name_shown;
  gboolean latches; /* stays pressed until the next character */
} FunctionKey;

/* One key on screen, made from a KeySpec; every key that types is KEY_TEXT. */
typedef struct
{
  KeyKind kind;
  char *text;
  int width;
  GtkWidget *button; /* owned by its sheet */
} Key;

static const FunctionKey function_keys[] = {
  [KEY_SPACE] = { "kp-key-space", "keyboard.type", " ", NULL, N_ ("Space"), TRUE, FALSE },
  [KEY_SHIFT] = { "kp-key-shift", "keyboard.shift", NULL, "⇧", N_ ("Shift"), TRUE, TRUE },
  [KEY_ACCENTS] = { "kp-key-accents", "keyboard.accents", NULL, "àé", N_ ("Accents"), FALSE, TRUE },
  [KEY_BACKSPACE]
  = { "kp-key-backspace", "keyboard.backspace", NULL, "⌫", N_ ("Backspace"), TRUE, FALSE },
  [KEY_ENTER] = { "kp-key-enter", "keyboard.enter", NULL, "⏎", N_ ("Enter"), TRUE, FALSE },
  [KEY_NUMBERS]
  = { "kp-key-numbers", "keyboard.show-numbers", NULL, "123", N_ ("Numbers"), FALSE, FALSE },
  [KEY_LETTERS]
  = { "kp-key-letters", "keyboard.show-letters", NULL, "abc", N_ ("Letters"), FALSE, FALSE },
};

/* Translators: what a screen reader says for a key; it would say nothing or noise for the sign. */
static const struct
{
  const char *text;
  const char *name;
} spoken_names[] = {
  { "@", N_ ("at sign") },    { ".", N_ ("full stop") },  { "-", N_ ("hyphen") },
  { "_", N_ ("underscore") }, { "'", N_ ("apostrophe") }, { "+", N_ ("plus sign") },
  { ".nl", N_ ("dot N L") },  { ".com", N_ ("dot com") },
};

/* Dutch QWERTY; the e-mail sheet shares its letter rows. */
static const KeySpec qwerty_top[] = { { KEY_CHARACTERS, "qwertyuiop", 2 }, { KEY_END } };
static const KeySpec qwerty_middle[] = { { KEY_CHARACTERS, "asdfghjkl", 2 }, { KEY_END } };
static const KeySpec qwerty_bottom[] = {
  { KEY_SHIFT, NULL, 3 }, { KEY_CHARACTERS, "zxcvbnm", 2 }, { KEY_BACKSPACE, NULL, 3 }, { KEY_END }
};
/* Hyphen and apostrophe for names such as Jan-Willem and 's-Hertogenbosch. */
static const KeySpec letters_last[] = { { KEY_NUMBERS, NULL, 3 },
                                        { KEY_ACCENTS, NULL, 2 },
                                        { KEY_CHARACTERS, "-", 2 },
                                        { KEY_SPACE, NULL, 6 },
                                        { KEY_CHARACTERS, "'.", 2 },
                                        { KEY_ENTER, NULL, 3 },
                                        { KEY_END } };

/* The letters Dutch names and words need, grouped by vowel; Shift gives capitals. */
static const KeySpec accents_top[] = { { KEY_CHARACTERS, "éëèêáàäâ", 2 }, { KEY_END } };
static const KeySpec accents_middle[] = { { KEY_CHARACTERS, "óöòôúüùû", 2 }, { KEY_END } };
static const KeySpec accents_bottom[]
    = { { KEY_SHIFT, NULL, 3 }, { KEY_GAP, NULL, 2 },       { KEY_CHARACTERS, "íïîçñ", 2 },
        { KEY_GAP, NULL, 2 },   { KEY_BACKSPACE, NULL, 3 }, { KEY_END } };

/* A phone pad, with the keys that act on the text in one column on the right. */
static const KeySpec numbers_top[]
    = { { KEY_CHARACTERS, "123", 4 }, { KEY_BACKSPACE, NULL, 8 }, { KEY_END } };
static const KeySpec numbers_upper_middle[]
    = { { KEY_CHARACTERS, "456", 4 }, { KEY_SPACE, NULL, 8 }, { KEY_END } };
static const KeySpec numbers_lower_middle[]
    = { { KEY_CHARACTERS, "789", 4 }, { KEY_LETTERS, NULL, 8 }, { KEY_END } };
static const KeySpec numbers_bottom[]
    = { { KEY_CHARACTERS, "-0+", 4 }, { KEY_ENTER, NULL, 8 }, { KEY_END } };

/* No space key: an e-mail address has none. */
static const KeySpec email_last[]
    = { { KEY_NUMBERS, NULL, 3 }, { KEY_CHARACTERS, "@_-.", 2 }, { KEY_TEXT, ".nl", 3 },
        { KEY_TEXT, ".com", 3 },  { KEY_ENTER, NULL, 3 },        { KEY_END } };

static const KeySpec *const letters_rows[]
    = { qwerty_top, qwerty_middle, qwerty_bottom, letters_last, NULL };
static const KeySpec *const accents_rows[]
    = { accents_top, accents_middle, accents_bottom, letters_last, NULL };
static const KeySpec *const numbers_rows[]
    = { numbers_top, numbers_upper_middle, numbers_lower_middle, numbers_bottom, NULL };
static const KeySpec *const email_rows[]
    = { qwerty_top, qwerty_middle, qwerty_bottom, email_last, NULL };

/* Sheets are named after the layouts' nicks, plus the accents sheet of the letters layout. */
static const struct
{
  const char *name;
  const KeySpec *const *rows;
} sheets[] = {
  { "letters", letters_rows },
  { ACCENTS_SHEET, accents_rows },
  { "numbers", numbers_rows },
  { "email", email_rows },
};

struct _KpKeyboard
{
  GtkWidget parent_instance;

  GtkStack *sheets;

  GPtrArray *keys;
  GtkEditable *target;  /* weak */
  KpKeyboardSink *sink; /* weak: a field of a web page, when keys type there instead */
  KpKeyboardLayout layout;
  /* Where the "abc" key returns to: letters, or e-mail when the target wants an address. */
  KpKeyboardLayout letters_layout;
  int key_height;
  gboolean shift;
  gboolean accents;
  /* Function keys show their signs only, so keys with large letters still fit across the screen. */
  gboolean large_text;
};

G_DEFINE_FINAL_TYPE (KpKeyboard, kp_keyboard, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (KpKeyboardLayout,
                    kp_keyboard_layout,
                    G_DEFINE_ENUM_VALUE (KP_KEYBOARD_LAYOUT_LETTERS, "letters"),
                    G_DEFINE_ENUM_VALUE (KP_KEYBOARD_LAYOUT_NUMBERS, "numbers"),
                    G_DEFINE_ENUM_VALUE (KP_KEYBOARD_LAYOUT_EMAIL, "email"))

enum
{
  PROP_0,
  PROP_TARGET,
  PROP_LAYOUT,
  PROP_KEY_HEIGHT,
  PROP_SHIFT,
  PROP_ACCENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
key_free (Key *key)
{
  g_free (key->text);
  g_free (key);
}

static gboolean
is_one_letter (const char *text)
{
  return g_utf8_strlen (text, -1) == 1 && g_unichar_isalpha (g_utf8_get_char (text));
}

/* What a key types, and so what it shows: Shift makes a letter a capital. (transfer full) */
static char *
typed_text (KpKeyboard *self, const char *text)
{
  if (self->shift && is_one_letter (text))
    return g_utf8_strup (text, -1);
  return g_strdup (text);
}

static const char *
spoken_name (const char *text)
{
  for (gsize i = 0; i < G_N_ELEMENTS (spoken_names); i++)
    {
      if (g_str_equal (spoken_names[i].text, text))
        return _ (spoken_names[i].name);
    }
  return NULL;
}

static char *
key_label (KpKeyboard *self, const Key *key)
{
  const FunctionKey *function_key = &function_keys[key->kind];

  if (key->kind == KEY_TEXT)
    return typed_text (self, key->text);
  /* Only Space has no sign of its own; in large text it shows the sign for a space. */
  if (self->large_text)
    return g_strdup (function_key->symbol != NULL ? function_key->symbol : SPACE_SIGN);
  if (!function_key->name_shown)
    return g_strdup (function_key->symbol);
  if (function_key->symbol == NULL)
    return g_strdup (_ (function_key->name));
  return g_strdup_printf ("%s %s", function_key->symbol, _ (function_key->name));
}

static char *
key_accessible_label (KpKeyboard *self, const Key *key)
{
  const char *name;

  if (key->kind != KEY_TEXT)
    return g_strdup (_ (function_keys[key->kind].name));
  name = spoken_name (key->text);
  return name != NULL ? g_strdup (name) : typed_text (self, key->text);
}

/* Also called when the target changes, because the language may have changed since. */
static void
relabel_keys (KpKeyboard *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("On-screen keyboard"), -1);
  for (guint i = 0; i < self->keys->len; i++)
    {
      const Key *key = g_ptr_array_index (self->keys, i);
      g_autofree char *label = key_label (self, key);
      g_autofree char *accessible_label = key_accessible_label (self, key);

      gtk_button_set_label (GTK_BUTTON (key->button), label);
      kp_accessible_label_set (key->button, accessible_label);
    }
}

/* Every two width units are at least a key's height wide: a key is as easy to hit across as down. */
static void
size_key (KpKeyboard *self, const Key *key)
{
  gtk_widget_set_size_request (key->button, self->key_height * key->width / 2, self->key_height);
}

static GtkWidget *
create_key_button (KeyKind kind, const char *text)
{
  const FunctionKey *function_key = &function_keys[kind];
  GtkWidget *button;

  if (kind == KEY_TEXT)
    {
      button = gtk_button_new ();
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "keyboard.type");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", text);
    }
  else
    {
      button = function_key->latches ? gtk_toggle_button_new () : gtk_button_new ();
      gtk_widget_set_name (button, function_key->id);
      gtk_widget_add_css_class (button, "kp-function-key");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), function_key->action);
      if (function_key->target != NULL)
        gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", function_key->target);
    }
  gtk_widget_add_css_class (button, "kp-key");
  /* The entry keeps the focus, and with it its caret and selection, whatever is pressed. */
  gtk_widget_set_focus_on_click (button, FALSE);
  return button;
}

static void
add_key (
    KpKeyboard *self, GtkGrid *grid, KeyKind kind, const char *text, int width, int column, int row)
{
  Key *key = g_new0 (Key, 1);

  key->kind = kind;
  key->text = g_strdup (text);
  key->width = width;
  key->button = create_key_button (kind, text);
  size_key (self, key);
  gtk_grid_attach (grid, key->button, column, row, width, 1);
  g_ptr_array_add (self->keys, key);
}

static int
row_width (const KeySpec *row)
{
  int width = 0;

  for (const KeySpec *spec = row; spec->kind != KEY_END; spec++)
    {
      int count = spec->kind == KEY_CHARACTERS ? g_utf8_strlen (spec->text, -1) : 1;

      width += count * spec->width;
    }
  return width;
}

static void
add_row (KpKeyboard *self, GtkGrid *grid, const KeySpec *row, int row_index)
{
  int column = (SHEET_WIDTH - row_width (row)) / 2;

  g_assert (row_width (row) <= SHEET_WIDTH);
  for (const KeySpec *spec = row; spec->kind != KEY_END; spec++)
    {
      if (spec->kind == KEY_CHARACTERS)
        {
          for (const char *c = spec->text; *c != '\0'; c = g_utf8_next_char (c))
            {
              g_autofree char *character = g_strndup (c, g_utf8_next_char (c) - c);

              add_key (self, grid, KEY_TEXT, character, spec->width, column, row_index);
              column += spec->width;
            }
          continue;
        }
      if (spec->kind != KEY_GAP)
        add_key (self, grid, spec->kind, spec->text, spec->width, column, row_index);
      column += spec->width;
    }
}

static GtkWidget *
create_sheet (KpKeyboard *self, const KeySpec *const *rows)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_row_homogeneous (GTK_GRID (grid), TRUE);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_widget_add_css_class (grid, "kp-keyboard-sheet");
  for (int row = 0; rows[row] != NULL; row++)
    add_row (self, GTK_GRID (grid), rows[row], row);
  return grid;
}

static void
create_sheets (KpKeyboard *self)
{
  for (gsize i = 0; i < G_N_ELEMENTS (sheets); i++)
    gtk_stack_add_named (self->sheets, create_sheet (self, sheets[i].rows), sheets[i].name);
}

/* Whether a key of the sheet on screen has the focus, while the keys type into a field. */
static gboolean
sheet_has_focus (KpKeyboard *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *sheet = gtk_stack_get_visible_child (self->sheets);

  return self->target != NULL && focus != NULL && sheet != NULL
         && gtk_widget_is_ancestor (focus, sheet);
}

/* The field's caret, not a selection of its text: the next key adds to what is there. */
static void
focus_target (KpKeyboard *self)
{
  GtkEditable *delegate = gtk_editable_get_delegate (self->target);
  GtkWidget *text = GTK_WIDGET (delegate != NULL ? delegate : self->target);

  if (GTK_IS_TEXT (text))
    gtk_text_grab_focus_without_selecting (GTK_TEXT (text));
}

static void
show_sheet (KpKeyboard *self)
{
  g_autoptr (GEnumClass) layouts = g_type_class_ref (KP_TYPE_KEYBOARD_LAYOUT);
  const char *name = g_enum_get_value (layouts, self->layout)->value_nick;
  gboolean keep_focus = sheet_has_focus (self);

  if (self->accents && self->layout == KP_KEYBOARD_LAYOUT_LETTERS)
    name = ACCENTS_SHEET;
  /*
   * A keypad or Tab user who pressed Numbers has the focus on a key of the
   * sheet going away; lost, it would take the keyboard down with it. It
   * goes to the new sheet's first key, by way of the field, so the window
   * keeps the keyboard up for that field.
   */
  if (keep_focus)
    focus_target (self);
  gtk_stack_set_visible_child_name (self->sheets, name);
  if (keep_focus)
    gtk_widget_child_focus (gtk_stack_get_visible_child (self->sheets), GTK_DIR_TAB_FORWARD);
}

static void
set_shift (KpKeyboard *self, gboolean shift)
{
  shift = !!shift;
  if (self->shift == shift)
    return;

  self->shift = shift;
  relabel_keys (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHIFT]);
}

static void
set_accents (KpKeyboard *self, gboolean accents)
{
  accents = !!accents;
  if (self->accents == accents)
    return;

  self->accents = accents;
  show_sheet (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCENTS]);
}

/* Shift and accents are one-shot, as on a phone: they hold for the next character only. */
static void
release_latches (KpKeyboard *self)
{
  set_shift (self, FALSE);
  set_accents (self, FALSE);
}

static void
replace_selection (GtkEditable *editable, const char *text)
{
  int position;

  gtk_editable_delete_selection (editable);
  position = gtk_editable_get_position (editable);
  gtk_editable_insert_text (editable, text, -1, &position);
  gtk_editable_set_position (editable, position);
}

/*
 * Where the character before @position starts, in characters. A person sees
 * "é" written as e plus an accent, or an emoji made of several code points,
 * as one character, so Backspace removes the whole cluster.
 */
static int
previous_cursor_position (const char *text, int position)
{
  int n_chars = g_utf8_strlen (text, -1);
  g_autofree PangoLogAttr *attrs = g_new0 (PangoLogAttr, n_chars + 1);
  int previous = position - 1;

  pango_get_log_attrs (text, strlen (text), -1, pango_language_get_default (), attrs, n_chars + 1);
  while (previous > 0 && !attrs[previous].is_cursor_position)
    previous--;
  return previous;
}

static void
delete_before_cursor (GtkEditable *editable)
{
  int position;

  if (gtk_editable_get_selection_bounds (editable, NULL, NULL))
    {
      gtk_editable_delete_selection (editable);
      return;
    }
  position = gtk_editable_get_position (editable);
  if (position > 0)
    gtk_editable_delete_text (
        editable, previous_cursor_position (gtk_editable_get_text (editable), position), position);
}

static gboolean
target_takes_text (KpKeyboard *self)
{
  return self->target != NULL && gtk_editable_get_editable (self->target);
}

static GtkInputPurpose
input_purpose_of (GtkEditable *editable)
{
  GtkInputPurpose purpose = GTK_INPUT_PURPOSE_FREE_FORM;

  /* GtkEntry and GtkText say what they want; a spin button leaves it to the GtkText it delegates to. */
  for (; editable != NULL; editable = gtk_editable_get_delegate (editable))
    {
      if (g_object_class_find_property (G_OBJECT_GET_CLASS (editable), "input-purpose") != NULL)
        {
          g_object_get (editable, "input-purpose", &purpose, NULL);
          break;
        }
    }
  return purpose;
}

/* A password or PIN: a key that lights up when pressed would show it to anyone watching. */
static gboolean
is_private (GtkInputPurpose purpose)
{
  return purpose == GTK_INPUT_PURPOSE_PASSWORD || purpose == GTK_INPUT_PURPOSE_PIN;
}

static KpKeyboardLayout
layout_for_purpose (GtkInputPurpose purpose)
{
  switch (purpose)
    {
      case GTK_INPUT_PURPOSE_EMAIL:
        return KP_KEYBOARD_LAYOUT_EMAIL;
      case GTK_INPUT_PURPOSE_DIGITS:
      case GTK_INPUT_PURPOSE_NUMBER:
      case GTK_INPUT_PURPOSE_PHONE:
      case GTK_INPUT_PURPOSE_PIN:
        return KP_KEYBOARD_LAYOUT_NUMBERS;
      default:
        return KP_KEYBOARD_LAYOUT_LETTERS;
    }
}

/*
 * The layout for what the field wants (when there is a field), and for a
 * password no pressed key that lights up (the "private" style class).
 */
static void
follow_purpose (KpKeyboard *self, GtkInputPurpose purpose, gboolean has_field)
{
  if (has_field)
    kp_keyboard_set_layout (self, layout_for_purpose (purpose));
  if (is_private (purpose))
    gtk_widget_add_css_class (GTK_WIDGET (self), "private");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "private");
}

static void
type_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpKeyboard *self = KP_KEYBOARD (widget);
  g_autofree char *text = typed_text (self, g_variant_get_string (parameter, NULL));

  if (target_takes_text (self))
    replace_selection (self->target, text);
  else if (self->sink != NULL)
    kp_keyboard_sink_commit (self->sink, text);
  release_latches (self);
}

static void
backspace_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpKeyboard *self = KP_KEYBOARD (widget);

  if (target_takes_text (self))
    delete_before_cursor (self->target);
  else if (self->sink != NULL)
    kp_keyboard_sink_delete_before_cursor (self->sink);
}

/*
 * Enter does what a physical Enter key does: GtkText, which does the editing
 * inside a GtkEntry or a spin button, binds it to its "activate" signal, and
 * the entry passes that on as its own "activate". gtk_widget_activate() does
 * not reach it in GTK 4.8: neither GtkEntry nor GtkText sets an activate signal.
 */
static void
activate_editable (GtkEditable *editable)
{
  while (gtk_editable_get_delegate (editable) != NULL)
    editable = gtk_editable_get_delegate (editable);
  if (g_signal_lookup ("activate", G_OBJECT_TYPE (editable)) != 0)
    g_signal_emit_by_name (editable, "activate");
}

static void
enter_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpKeyboard *self = KP_KEYBOARD (widget);

  if (self->target != NULL)
    activate_editable (self->target);
  else if (self->sink != NULL)
    kp_keyboard_sink_activate (self->sink);
}

static void
show_numbers_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  kp_keyboard_set_layout (KP_KEYBOARD (widget), KP_KEYBOARD_LAYOUT_NUMBERS);
}

static void
show_letters_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpKeyboard *self = KP_KEYBOARD (widget);

  kp_keyboard_set_layout (self, self->letters_layout);
}

/*
 * Added again with every keyboard, so it comes after the stylesheet a
 * window adds when it is made: at one priority the later provider wins
 * whatever the selectors, and the keys must keep their own look (and a
 * password's keys their unlit one) in every window, not only the first.
 */
static void
load_stylesheet (void)
{
  static GtkCssProvider *provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (provider == NULL)
    {
      provider = gtk_css_provider_new ();
      gtk_css_provider_load_from_resource (provider, KEYBOARD_STYLESHEET);
    }
  else
    gtk_style_context_remove_provider_for_display (display, GTK_STYLE_PROVIDER (provider));
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
kp_keyboard_dispose (GObject *object)
{
  KpKeyboard *self = KP_KEYBOARD (object);

  g_clear_weak_pointer (&self->target);
  g_clear_weak_pointer (&self->sink);
  g_clear_pointer (&self->keys, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), KP_TYPE_KEYBOARD);

  G_OBJECT_CLASS (kp_keyboard_parent_class)->dispose (object);
}

static void
kp_keyboard_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KpKeyboard *self = KP_KEYBOARD (object);

  switch (prop_id)
    {
      case PROP_TARGET:
        g_value_set_object (value, self->target);
        break;
      case PROP_LAYOUT:
        g_value_set_enum (value, self->layout);
        break;
      case PROP_KEY_HEIGHT:
        g_value_set_int (value, self->key_height);
        break;
      case PROP_SHIFT:
        g_value_set_boolean (value, self->shift);
        break;
      case PROP_ACCENTS:
        g_value_set_boolean (value, self->accents);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kp_keyboard_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KpKeyboard *self = KP_KEYBOARD (object);

  switch (prop_id)
    {
      case PROP_TARGET:
        kp_keyboard_set_target (self, g_value_get_object (value));
        break;
      case PROP_LAYOUT:
        kp_keyboard_set_layout (self, g_value_get_enum (value));
        break;
      case PROP_KEY_HEIGHT:
        kp_keyboard_set_key_height (self, g_value_get_int (value));
        break;
      case PROP_SHIFT:
        set_shift (self, g_value_get_boolean (value));
        break;
      case PROP_ACCENTS:
        set_accents (self, g_value_get_boolean (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kp_keyboard_class_init (KpKeyboardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = kp_keyboard_dispose;
  object_class->get_property = kp_keyboard_get_property;
  object_class->set_property = kp_keyboard_set_property;

  properties[PROP_TARGET] = g_param_spec_object ("target", NULL, NULL, GTK_TYPE_EDITABLE, flags);
  properties[PROP_LAYOUT] = g_param_spec_enum ("layout", NULL, NULL, KP_TYPE_KEYBOARD_LAYOUT,
                                               KP_KEYBOARD_LAYOUT_LETTERS, flags);
  properties[PROP_KEY_HEIGHT]
      = g_param_spec_int ("key-height", NULL, NULL, 1, G_MAXINT, DEFAULT_KEY_HEIGHT, flags);
  /* TRUE while the next letter will be a capital. */
  properties[PROP_SHIFT] = g_param_spec_boolean ("shift", NULL, NULL, FALSE, flags);
  /* TRUE while the letters sheet shows the accented letters, for one character. */
  properties[PROP_ACCENTS] = g_param_spec_boolean ("accents", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/nl/kernpunt/Kernpunt/kp-keyboard.ui");
  gtk_widget_class_bind_template_child (widget_class, KpKeyboard, sheets);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_install_action (widget_class, "keyboard.type", "s", type_action);
  gtk_widget_class_install_action (widget_class, "keyboard.backspace", NULL, backspace_action);
  gtk_widget_class_install_action (widget_class, "keyboard.enter", NULL, enter_action);
  gtk_widget_class_install_action (widget_class, "keyboard.show-numbers", NULL,
                                   show_numbers_action);
  gtk_widget_class_install_action (widget_class, "keyboard.show-letters", NULL,
                                   show_letters_action);
  gtk_widget_class_install_property_action (widget_class, "keyboard.shift", "shift");
  gtk_widget_class_install_property_action (widget_class, "keyboard.accents", "accents");
}

static void
kp_keyboard_init (KpKeyboard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  load_stylesheet ();

  self->keys = g_ptr_array_new_with_free_func ((GDestroyNotify) key_free);
  self->layout = KP_KEYBOARD_LAYOUT_LETTERS;
  self->letters_layout = KP_KEYBOARD_LAYOUT_LETTERS;
  self->key_height = DEFAULT_KEY_HEIGHT;
  create_sheets (self);
  relabel_keys (self);
  show_sheet (self);
}

GtkWidget *
kp_keyboard_new (void)
{
  return g_object_new (KP_TYPE_KEYBOARD, NULL);
}

/*
 * Keys type into @target from now on, and the layout follows its input
 * purpose: e-mail, numbers (digits, numbers, phone, PIN) or letters.
 */
void
kp_keyboard_set_target (KpKeyboard *self, GtkEditable *target)
{
  g_return_if_fail (KP_IS_KEYBOARD (self));
  g_return_if_fail (target == NULL || GTK_IS_EDITABLE (target));

  if (self->target == target)
    return;

  g_set_weak_pointer (&self->target, target);
  g_clear_weak_pointer (&self->sink);
  release_latches (self);
  relabel_keys (self);
  follow_purpose (self, target != NULL ? input_purpose_of (target) : GTK_INPUT_PURPOSE_FREE_FORM,
                  target != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET]);
}

/*
 * Keys type into @sink from now on, in place of an editable target; the
 * layout follows what the sink wants now. Called again for the same sink
 * when the page's focus moved on to another field.
 */
void
kp_keyboard_set_sink (KpKeyboard *self, KpKeyboardSink *sink)
{
  g_return_if_fail (KP_IS_KEYBOARD (self));
  g_return_if_fail (sink == NULL || KP_IS_KEYBOARD_SINK (sink));

  if (self->target != NULL)
    kp_keyboard_set_target (self, NULL);
  g_set_weak_pointer (&self->sink, sink);
  release_latches (self);
  relabel_keys (self);
  follow_purpose (
      self, sink != NULL ? kp_keyboard_sink_get_input_purpose (sink) : GTK_INPUT_PURPOSE_FREE_FORM,
      sink != NULL);
}

/* Returns: (transfer none) (nullable): the web page field the keys type into */
KpKeyboardSink *
kp_keyboard_get_sink (KpKeyboard *self)
{
  g_return_val_if_fail (KP_IS_KEYBOARD (self), NULL);

  return self->sink;
}

/* Returns: (transfer none) (nullable): the editable the keys type into */
GtkEditable *
kp_keyboard_get_target (KpKeyboard *self)
{
  g_return_val_if_fail (KP_IS_KEYBOARD (self), NULL);

  return self->target;
}

void
kp_keyboard_set_layout (KpKeyboard *self, KpKeyboardLayout layout)
{
  g_return_if_fail (KP_IS_KEYBOARD (self));
  g_return_if_fail (layout >= KP_KEYBOARD_LAYOUT_LETTERS && layout <= KP_KEYBOARD_LAYOUT_EMAIL);

  if (self->layout == layout)
    return;

  self->layout = layout;
  if (layout != KP_KEYBOARD_LAYOUT_NUMBERS)
    self->letters_layout = layout;
  release_latches (self);
  show_sheet (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYOUT]);
}

KpKeyboardLayout
kp_keyboard_get_layout (KpKeyboard *self)
{
  g_return_val_if_fail (KP_IS_KEYBOARD (self), KP_KEYBOARD_LAYOUT_LETTERS);

  return self->layout;
}

void
kp_keyboard_set_key_height (KpKeyboard *self, int key_height)
{
  g_return_if_fail (KP_IS_KEYBOARD (self));
  g_return_if_fail (key_height > 0);

  if (self->key_height == key_height)
    return;

  self->key_height = key_height;
  for (guint i = 0; i < self->keys->len; i++)
    size_key (self, g_ptr_array_index (self->keys, i));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY_HEIGHT]);
}

int
kp_keyboard_get_key_height (KpKeyboard *self)
{
  g_return_val_if_fail (KP_IS_KEYBOARD (self), DEFAULT_KEY_HEIGHT);

  return self->key_height;
}

/* In large text the function keys show only their signs; their accessible names stay. */
void
kp_keyboard_set_large_text (KpKeyboard *self, gboolean large_text)
{
  g_return_if_fail (KP_IS_KEYBOARD (self));

  self->large_text = !!large_text;
  relabel_keys (self);
}

gboolean
kp_keyboard_get_large_text (KpKeyboard *self)
{
  g_return_val_if_fail (KP_IS_KEYBOARD (self), FALSE);

  return self->large_text;
}
