/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-keyboard.h"
#include "kp-resources.h"
#include "kp-ui-test-helpers.h"

#include <math.h>

/* The screen the kiosk is sized for: 15.6 inch, 1920 x 1080 pixels, 344 mm wide. */
#define SCREEN_WIDTH_PX  1920
#define SCREEN_WIDTH_MM  344.0
#define MIN_KEY_MM       12.0
#define WAIT_LIMIT_MS    5000
#define MAX_KEYS_PRESSED 8
#define MAX_TAB_PRESSES  200
#define ENTER_KEY_BLUE   0x0b4a8f
#define WHITE            0xffffff
#define LATCHED_YELLOW   0xffd23f

typedef struct
{
  GtkWidget *window;
  GtkWidget *entry;
  KpKeyboard *keyboard;
} Fixture;

typedef struct
{
  int drawn;
  int wanted;
} FrameCount;

static gboolean
count_frame (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  FrameCount *frames = data;

  frames->drawn++;
  return G_SOURCE_CONTINUE;
}

static gboolean
enough_frames (gpointer data)
{
  FrameCount *frames = data;

  return frames->drawn >= frames->wanted;
}

/* Runs the main loop until @widget has drawn @wanted more frames, so layout is done. */
static void
wait_for_frames (GtkWidget *widget, int wanted)
{
  FrameCount frames = { 0, wanted };
  guint tick = gtk_widget_add_tick_callback (widget, count_frame, &frames, NULL);

  g_assert_true (kp_ui_test_wait_until (enough_frames, &frames, WAIT_LIMIT_MS));
  gtk_widget_remove_tick_callback (widget, tick);
}

/* Every key on every sheet, shown or not. (transfer container) */
static GPtrArray *
all_keys (KpKeyboard *keyboard)
{
  return kp_ui_test_find_all (GTK_WIDGET (keyboard), GTK_TYPE_BUTTON);
}

/* The keys a person can see and press now. (transfer container) */
static GPtrArray *
shown_keys (KpKeyboard *keyboard)
{
  GPtrArray *keys = all_keys (keyboard);

  for (guint i = keys->len; i > 0; i--)
    {
      if (!gtk_widget_get_mapped (g_ptr_array_index (keys, i - 1)))
        g_ptr_array_remove_index (keys, i - 1);
    }
  return keys;
}

static gboolean
has_accessible_label (GtkWidget *widget, const char *label)
{
  g_autofree char *mismatch = gtk_test_accessible_check_property (
      GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label);

  return mismatch == NULL;
}

/* A shown key by what it shows or by the name a screen reader says, or NULL. */
static GtkWidget *
find_shown_key (KpKeyboard *keyboard, const char *label)
{
  g_autoptr (GPtrArray) keys = shown_keys (keyboard);
  GtkWidget *key = kp_ui_test_find_button (GTK_WIDGET (keyboard), label);

  for (guint i = 0; i < keys->len && key == NULL; i++)
    {
      if (has_accessible_label (g_ptr_array_index (keys, i), label))
        key = g_ptr_array_index (keys, i);
    }
  return key;
}

static GtkWidget *
focused_widget (Fixture *fixture)
{
  return gtk_root_get_focus (GTK_ROOT (fixture->window));
}

/* Presses a shown key as a finger would, and checks the focus stayed where it was. */
static void
press_key (Fixture *fixture, const char *label)
{
  GtkWidget *focus_before = focused_widget (fixture);
  GtkWidget *key = find_shown_key (fixture->keyboard, label);

  if (key == NULL)
    g_test_message ("no key “%s” is shown", label);
  g_assert_nonnull (key);
  g_assert_true (gtk_widget_is_sensitive (key));
  g_signal_emit_by_name (key, "clicked");
  g_assert_true (focused_widget (fixture) == focus_before);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);

  fixture->window = g_object_ref (gtk_window_new ());
  fixture->entry = g_object_ref (gtk_entry_new ());
  fixture->keyboard = KP_KEYBOARD (g_object_ref (kp_keyboard_new ()));
  gtk_window_set_decorated (GTK_WINDOW (fixture->window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), SCREEN_WIDTH_PX, -1);
  gtk_widget_set_margin_top (fixture->entry, 24);
  gtk_widget_set_margin_start (fixture->entry, 24);
  gtk_widget_set_margin_end (fixture->entry, 24);
  gtk_box_append (GTK_BOX (box), fixture->entry);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->keyboard));
  gtk_window_set_child (GTK_WINDOW (fixture->window), box);
  kp_keyboard_set_target (fixture->keyboard, GTK_EDITABLE (fixture->entry));
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_widget_grab_focus (fixture->entry);
  wait_for_frames (fixture->window, 2);
  g_assert_true (gtk_widget_is_ancestor (focused_widget (fixture), fixture->entry));
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (fixture->window);
  g_assert_finalize_object (fixture->keyboard);
  g_assert_finalize_object (fixture->entry);
}

static void
set_text (Fixture *fixture, const char *text, int selection_start, int selection_end)
{
  GtkEditable *entry = GTK_EDITABLE (fixture->entry);

  gtk_editable_set_text (entry, text);
  gtk_editable_select_region (entry, selection_start, selection_end);
}

static void
assert_text (Fixture *fixture, const char *expected, int expected_position)
{
  GtkEditable *entry = GTK_EDITABLE (fixture->entry);

  g_assert_cmpstr (gtk_editable_get_text (entry), ==, expected);
  g_assert_cmpint (gtk_editable_get_position (entry), ==, expected_position);
}

typedef struct
{
  const char *name;
  const char *text; /* in the entry before the keys are pressed */
  int selection_start;
  int selection_end; /* the same as the start: only a caret */
  const char *keys[MAX_KEYS_PRESSED];
  const char *expected;
  int expected_position;
} EditCase;

static const EditCase edit_cases[] = {
  { "type-word", "", 0, 0, { "h", "a", "l", "l", "o" }, "hallo", 5 },
  { "insert-at-cursor", "Kerstraat", 3, 3, { "k" }, "Kerkstraat", 4 },
  { "replace-selection", "Jan Jansen", 4, 10, { "p", "i", "e", "t" }, "Jan piet", 8 },
  { "backspace-selection", "Jan Jansen", 0, 4, { "Backspace" }, "Jansen", 0 },
  { "backspace-in-middle", "Kerkstraat", 4, 4, { "Backspace" }, "Kerstraat", 3 },
  { "backspace-at-start", "Kerk", 0, 0, { "Backspace" }, "Kerk", 0 },
  { "backspace-accent", "café", 4, 4, { "Backspace" }, "caf", 3 },
  { "backspace-combining-accent", "cafe\u0301", 5, 5, { "Backspace" }, "caf", 3 },
  { "backspace-emoji", "ok 👍", 4, 4, { "Backspace" }, "ok ", 3 },
  { "backspace-emoji-skin-tone", "ok 👍🏽", 5, 5, { "Backspace" }, "ok ", 3 },
  { "backspace-emoji-family", "ja👨‍👩‍👧", 7, 7, { "Backspace" }, "ja", 2 },
  { "shift-one-shot", "", 0, 0, { "Shift", "J", "a", "n" }, "Jan", 3 },
  { "shift-twice-cancels", "", 0, 0, { "Shift", "Shift", "a" }, "a", 1 },
  { "accents-one-shot", "No", 2, 2, { "Accents", "ë", "l" }, "Noël", 4 },
  { "capital-accent", "", 0, 0, { "Shift", "Accents", "É", "Accents", "é", "n" }, "Één", 3 },
  { "space", "Jan", 3, 3, { "Space", "d", "e" }, "Jan de", 6 },
  { "place-name", "", 0, 0, { "apostrophe", "s", "hyphen", "Shift", "H" }, "'s-H", 4 },
  { "numbers-and-back", "", 0, 0, { "Numbers", "1", "2", "Letters", "a" }, "12a", 3 },
  { "phone-number", "", 0, 0, { "Numbers", "plus sign", "3", "1", "Space", "6" }, "+31 6", 5 },
};

static void
test_edit (Fixture *fixture, gconstpointer data)
{
  const EditCase *edit = data;

  set_text (fixture, edit->text, edit->selection_start, edit->selection_end);
  for (guint i = 0; i < G_N_ELEMENTS (edit->keys) && edit->keys[i] != NULL; i++)
    press_key (fixture, edit->keys[i]);
  assert_text (fixture, edit->expected, edit->expected_position);
}

static void
test_shift_is_shown (Fixture *fixture, gconstpointer data)
{
  GtkWidget *shift = find_shown_key (fixture->keyboard, "Shift");

  g_assert_nonnull (find_shown_key (fixture->keyboard, "q"));
  press_key (fixture, "Shift");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (shift)));
  g_assert_true (gtk_widget_has_css_class (shift, "kp-key"));
  g_assert_nonnull (find_shown_key (fixture->keyboard, "Q"));
  g_assert_null (find_shown_key (fixture->keyboard, "q"));
  press_key (fixture, "Q");
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (shift)));
  g_assert_nonnull (find_shown_key (fixture->keyboard, "q"));
  assert_text (fixture, "Q", 1);
}

static void
on_activate (GtkEntry *entry, gpointer data)
{
  int *activations = data;

  (*activations)++;
}

static void
test_enter_activates (Fixture *fixture, gconstpointer data)
{
  int activations = 0;

  g_signal_connect (fixture->entry, "activate", G_CALLBACK (on_activate), &activations);
  set_text (fixture, "KP-7H3-Q9M", 10, 10);
  press_key (fixture, "Enter");
  g_assert_cmpint (activations, ==, 1);
  assert_text (fixture, "KP-7H3-Q9M", 10);
  press_key (fixture, "Numbers");
  press_key (fixture, "Enter");
  g_assert_cmpint (activations, ==, 2);
}

static void
test_read_only_target (Fixture *fixture, gconstpointer data)
{
  set_text (fixture, "Kerk", 4, 4);
  gtk_editable_set_editable (GTK_EDITABLE (fixture->entry), FALSE);
  press_key (fixture, "a");
  press_key (fixture, "Backspace");
  assert_text (fixture, "Kerk", 4);
}

typedef struct
{
  GtkInputPurpose purpose;
  KpKeyboardLayout layout;
  const char *shown;  /* a key that must be shown for this purpose */
  const char *hidden; /* and one that must not be */
} PurposeCase;

static const PurposeCase purpose_cases[] = {
  { GTK_INPUT_PURPOSE_FREE_FORM, KP_KEYBOARD_LAYOUT_LETTERS, "q", "at sign" },
  { GTK_INPUT_PURPOSE_NAME, KP_KEYBOARD_LAYOUT_LETTERS, "Accents", "at sign" },
  { GTK_INPUT_PURPOSE_EMAIL, KP_KEYBOARD_LAYOUT_EMAIL, "at sign", "Space" },
  { GTK_INPUT_PURPOSE_PHONE, KP_KEYBOARD_LAYOUT_NUMBERS, "plus sign", "q" },
  { GTK_INPUT_PURPOSE_NUMBER, KP_KEYBOARD_LAYOUT_NUMBERS, "5", "q" },
  { GTK_INPUT_PURPOSE_DIGITS, KP_KEYBOARD_LAYOUT_NUMBERS, "0", "a" },
  { GTK_INPUT_PURPOSE_PIN, KP_KEYBOARD_LAYOUT_NUMBERS, "9", "z" },
};

static void
test_layout_follows_purpose (Fixture *fixture, gconstpointer data)
{
  for (gsize i = 0; i < G_N_ELEMENTS (purpose_cases); i++)
    {
      const PurposeCase *purpose = &purpose_cases[i];
      GtkWidget *entry = g_object_ref_sink (gtk_entry_new ());

      gtk_entry_set_input_purpose (GTK_ENTRY (entry), purpose->purpose);
      kp_keyboard_set_target (fixture->keyboard, GTK_EDITABLE (entry));
      g_assert_true (kp_keyboard_get_target (fixture->keyboard) == GTK_EDITABLE (entry));
      g_assert_cmpint (kp_keyboard_get_layout (fixture->keyboard), ==, purpose->layout);
      g_assert_nonnull (find_shown_key (fixture->keyboard, purpose->shown));
      g_assert_null (find_shown_key (fixture->keyboard, purpose->hidden));
      kp_keyboard_set_target (fixture->keyboard, GTK_EDITABLE (fixture->entry));
      g_assert_finalize_object (entry);
    }
}

static void
test_resident_can_switch (Fixture *fixture, gconstpointer data)
{
  gtk_entry_set_input_purpose (GTK_ENTRY (fixture->entry), GTK_INPUT_PURPOSE_EMAIL);
  kp_keyboard_set_target (fixture->keyboard, NULL);
  kp_keyboard_set_target (fixture->keyboard, GTK_EDITABLE (fixture->entry));
  press_key (fixture, "Numbers");
  g_assert_cmpint (kp_keyboard_get_layout (fixture->keyboard), ==, KP_KEYBOARD_LAYOUT_NUMBERS);
  press_key (fixture, "Letters");
  g_assert_cmpint (kp_keyboard_get_layout (fixture->keyboard), ==, KP_KEYBOARD_LAYOUT_EMAIL);
  press_key (fixture, "j");
  press_key (fixture, "at sign");
  press_key (fixture, "x");
  press_key (fixture, ".nl");
  assert_text (fixture, "j@x.nl", 6);
}

static void
test_target_goes_away (Fixture *fixture, gconstpointer data)
{
  GtkWidget *entry = g_object_ref_sink (gtk_entry_new ());

  set_text (fixture, "Kerk", 4, 4);
  kp_keyboard_set_target (fixture->keyboard, GTK_EDITABLE (entry));
  g_assert_finalize_object (entry);
  g_assert_null (kp_keyboard_get_target (fixture->keyboard));
  press_key (fixture, "a");
  press_key (fixture, "Backspace");
  press_key (fixture, "Enter");
  assert_text (fixture, "Kerk", 4);
}

static void
test_keys_do_not_take_focus (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) keys = all_keys (fixture->keyboard);
  g_autoptr (GPtrArray) shown = shown_keys (fixture->keyboard);
  g_autoptr (GHashTable) reached = g_hash_table_new (NULL, NULL);

  g_assert_cmpuint (keys->len, >, shown->len);
  for (guint i = 0; i < keys->len; i++)
    {
      GtkWidget *key = g_ptr_array_index (keys, i);

      g_assert_false (gtk_widget_get_focus_on_click (key));
      g_assert_true (gtk_widget_get_focusable (key));
    }

  /* Eyes-free: Tab from the entry reaches every shown key. */
  for (int i = 0; i < MAX_TAB_PRESSES && g_hash_table_size (reached) < shown->len; i++)
    {
      gtk_widget_child_focus (fixture->window, GTK_DIR_TAB_FORWARD);
      if (gtk_widget_is_ancestor (focused_widget (fixture), GTK_WIDGET (fixture->keyboard)))
        g_hash_table_add (reached, focused_widget (fixture));
    }
  g_assert_cmpuint (g_hash_table_size (reached), ==, shown->len);
}

static const char *const sheets_to_check[] = { "letters", "accents", "numbers", "email" };

/* Shows a sheet the way a resident reaches it, and waits until it is laid out. */
static void
show_sheet (Fixture *fixture, const char *sheet)
{
  g_autoptr (GEnumClass) layouts = g_type_class_ref (KP_TYPE_KEYBOARD_LAYOUT);
  gboolean accents = g_str_equal (sheet, "accents");
  GEnumValue *layout = g_enum_get_value_by_nick (layouts, accents ? "letters" : sheet);

  g_assert_nonnull (layout);
  kp_keyboard_set_layout (fixture->keyboard, layout->value);
  g_object_set (fixture->keyboard, "accents", accents, "shift", FALSE, NULL);
  wait_for_frames (fixture->window, 2);
}

static void
assert_keys_at_least (Fixture *fixture, const char *sheet, int min_px)
{
  g_autoptr (GPtrArray) keys = NULL;

  show_sheet (fixture, sheet);
  keys = shown_keys (fixture->keyboard);
  g_assert_cmpuint (keys->len, >=, 16);
  for (guint i = 0; i < keys->len; i++)
    {
      GtkWidget *key = g_ptr_array_index (keys, i);
      graphene_rect_t bounds;

      /* The key a finger sees and hits: its border box. */
      g_assert_true (gtk_widget_compute_bounds (key, key, &bounds));
      g_assert_cmpfloat (bounds.size.height, >=, min_px);
      g_assert_cmpfloat (bounds.size.width, >=, min_px);
    }
}

static void
test_keys_are_large (Fixture *fixture, gconstpointer data)
{
  int min_px = (int) ceil (MIN_KEY_MM * SCREEN_WIDTH_PX / SCREEN_WIDTH_MM);

  g_assert_cmpint (min_px, ==, 67);
  for (gsize i = 0; i < G_N_ELEMENTS (sheets_to_check); i++)
    assert_keys_at_least (fixture, sheets_to_check[i], min_px);

  /* A shell on a smaller or denser screen scales the keys up. */
  kp_keyboard_set_key_height (fixture->keyboard, 100);
  for (gsize i = 0; i < G_N_ELEMENTS (sheets_to_check); i++)
    assert_keys_at_least (fixture, sheets_to_check[i], 100);
}

typedef struct
{
  const char *shown;
  const char *accessible;
} LabelCase;

static const LabelCase label_cases[] = {
  { "⌫ Backspace", "Backspace" },
  { "⇧ Shift", "Shift" },
  { "Space", "Space" },
  { "⏎ Enter", "Enter" },
  { "123", "Numbers" },
  { "abc", "Letters" },
  { "àé", "Accents" },
  { "@", "at sign" },
  { ".", "full stop" },
  { "-", "hyphen" },
  { "_", "underscore" },
  { "'", "apostrophe" },
  { "+", "plus sign" },
  { ".nl", "dot N L" },
  { ".com", "dot com" },
  { "q", "q" },
  { "é", "é" },
  { "7", "7" },
};

/* Every key shows something and has a name to be read by; @cases are shown and named so. */
static void
assert_keys_labelled (Fixture *fixture, const LabelCase *cases, gsize n_cases)
{
  g_autoptr (GPtrArray) keys = all_keys (fixture->keyboard);

  g_assert_true (has_accessible_label (GTK_WIDGET (fixture->keyboard), "On-screen keyboard"));
  for (guint i = 0; i < keys->len; i++)
    {
      GtkWidget *key = g_ptr_array_index (keys, i);
      g_autofree char *shown = g_strdup (gtk_button_get_label (GTK_BUTTON (key)));

      g_assert_nonnull (shown);
      g_assert_cmpstr (g_strstrip (shown), !=, "");
      g_assert_true (
          gtk_test_accessible_has_property (GTK_ACCESSIBLE (key), GTK_ACCESSIBLE_PROPERTY_LABEL));
    }
  for (gsize i = 0; i < n_cases; i++)
    {
      GtkWidget *key = NULL;

      for (guint k = 0; k < keys->len && key == NULL; k++)
        {
          GtkWidget *candidate = g_ptr_array_index (keys, k);

          if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (candidate)), cases[i].shown) == 0)
            key = candidate;
        }
      if (key == NULL)
        g_error ("No key shows “%s”", cases[i].shown);
      g_assert_true (has_accessible_label (key, cases[i].accessible));
    }
}

static void
test_every_key_has_a_label (Fixture *fixture, gconstpointer data)
{
  assert_keys_labelled (fixture, label_cases, G_N_ELEMENTS (label_cases));
}

/* In large text the function keys show their signs alone, and keep their names. */
static const LabelCase large_text_cases[] = {
  { "⌫", "Backspace" }, { "⇧", "Shift" },     { "␣", "Space" },    { "⏎", "Enter" },
  { "123", "Numbers" }, { "abc", "Letters" }, { "àé", "Accents" }, { "q", "q" },
};

static void
test_large_text_labels (Fixture *fixture, gconstpointer data)
{
  kp_keyboard_set_large_text (fixture->keyboard, TRUE);
  g_assert_true (kp_keyboard_get_large_text (fixture->keyboard));
  assert_keys_labelled (fixture, large_text_cases, G_N_ELEMENTS (large_text_cases));
  /* Shift still shows capitals. */
  press_key (fixture, "Shift");
  g_assert_nonnull (find_shown_key (fixture->keyboard, "Q"));
  press_key (fixture, "Shift");

  kp_keyboard_set_large_text (fixture->keyboard, FALSE);
  assert_keys_labelled (fixture, label_cases, G_N_ELEMENTS (label_cases));
}

/* The colour in the middle of the left edge of @widget, as the screenshot shows it. */
static guint32
colour_inside (GdkTexture *texture, GtkWidget *window, GtkWidget *widget)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *pixels = g_malloc (width * height * 4);
  graphene_rect_t bounds;
  const guchar *pixel;
  int x, y;

  g_assert_nonnull (widget);
  g_assert_true (gtk_widget_compute_bounds (widget, window, &bounds));
  x = bounds.origin.x + 12;
  y = bounds.origin.y + bounds.size.height / 2;
  g_assert_cmpint (x, <, width);
  g_assert_cmpint (y, <, height);
  gdk_texture_download (texture, pixels, width * 4);
  /* GDK_MEMORY_DEFAULT: B, G, R, A in memory, opaque here. */
  pixel = pixels + (y * width + x) * 4;
  return (pixel[2] << 16) | (pixel[1] << 8) | pixel[0];
}

typedef struct
{
  const char *name;
  const char *sheet;
  const char *press;  /* a key pressed before the picture, or NULL */
  const char *key;    /* a key whose colour is checked */
  guint32 key_colour; /* white keys type; a yellow key holds for the next character */
} ScreenshotCase;

static const ScreenshotCase screenshot_cases[] = {
  { "letters", "letters", NULL, "q", WHITE },
  { "letters-shift", "letters", "Shift", "Shift", LATCHED_YELLOW },
  { "accents", "accents", NULL, "Accents", LATCHED_YELLOW },
  { "numbers", "numbers", NULL, "0", WHITE },
  { "email", "email", NULL, "at sign", WHITE },
};

static void
test_screenshots (Fixture *fixture, gconstpointer data)
{
  set_text (fixture, "Kerkstraat 1", 12, 12);
  for (gsize i = 0; i < G_N_ELEMENTS (screenshot_cases); i++)
    {
      const ScreenshotCase *shot = &screenshot_cases[i];
      g_autofree char *name = g_strdup_printf ("keyboard-%s", shot->name);
      g_autofree char *path = NULL;
      g_autoptr (GdkTexture) saved = NULL;
      g_autoptr (GError) error = NULL;

      show_sheet (fixture, shot->sheet);
      if (shot->press != NULL)
        press_key (fixture, shot->press);
      wait_for_frames (fixture->window, 2);
      path = kp_ui_test_save_screenshot (fixture->window, name);
      saved = gdk_texture_new_from_filename (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (gdk_texture_get_width (saved), ==, gtk_widget_get_width (fixture->window));

      /* What the eye sees: a dark blue Enter key, and the colour of the checked key. */
      g_assert_cmphex (
          colour_inside (saved, fixture->window, find_shown_key (fixture->keyboard, "Enter")), ==,
          ENTER_KEY_BLUE);
      g_assert_cmphex (
          colour_inside (saved, fixture->window, find_shown_key (fixture->keyboard, shot->key)), ==,
          shot->key_colour);
      g_test_message ("saved %s", path);
    }
}

static void
test_finalize (void)
{
  GtkWidget *keyboard = g_object_ref_sink (kp_keyboard_new ());
  g_autoptr (GPtrArray) keys = all_keys (KP_KEYBOARD (keyboard));
  GtkWidget *last_key = g_ptr_array_index (keys, keys->len - 1);

  g_assert_cmpint (kp_keyboard_get_layout (KP_KEYBOARD (keyboard)), ==, KP_KEYBOARD_LAYOUT_LETTERS);
  /* The keys go with the keyboard. */
  g_object_add_weak_pointer (G_OBJECT (last_key), (gpointer *) &last_key);
  g_assert_finalize_object (keyboard);
  g_assert_null (last_key);
}

static void
add_fixture_test (const char *path, gconstpointer data, void (*test) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, data, fixture_set_up, test, fixture_tear_down);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = NULL;

  home = kp_test_init_home ();
  kp_ui_test_init (&argc, &argv);
  g_resources_register (kp_get_resource ());

  for (gsize i = 0; i < G_N_ELEMENTS (edit_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/keyboard/edit/%s", edit_cases[i].name);

      add_fixture_test (path, &edit_cases[i], test_edit);
    }
  add_fixture_test ("/keyboard/shift-is-shown", NULL, test_shift_is_shown);
  add_fixture_test ("/keyboard/enter-activates", NULL, test_enter_activates);
  add_fixture_test ("/keyboard/read-only-target", NULL, test_read_only_target);
  add_fixture_test ("/keyboard/layout-follows-purpose", NULL, test_layout_follows_purpose);
  add_fixture_test ("/keyboard/resident-can-switch", NULL, test_resident_can_switch);
  add_fixture_test ("/keyboard/target-goes-away", NULL, test_target_goes_away);
  add_fixture_test ("/keyboard/keys-do-not-take-focus", NULL, test_keys_do_not_take_focus);
  add_fixture_test ("/keyboard/keys-are-large", NULL, test_keys_are_large);
  add_fixture_test ("/keyboard/every-key-has-a-label", NULL, test_every_key_has_a_label);
  add_fixture_test ("/keyboard/large-text-labels", NULL, test_large_text_labels);
  add_fixture_test ("/keyboard/screenshots", NULL, test_screenshots);
  g_test_add_func ("/keyboard/finalize", test_finalize);

  return g_test_run ();
}
