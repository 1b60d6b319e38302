/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-keyboard.h"
#include "kp-large-text.h"
#include "kp-reach.h"
#include "kp-speech-mode.h"
#include "kp-test-kiosk.h"
#include "kp-ui-test-helpers.h"

#include <math.h>

/*
 * Large text and reach, measured on the demo screen as configured: a
 * 344 mm wide panel, here 1920 pixels, whose visible area runs from 900
 * to 1080 mm above the floor, read from 500 mm.
 */

#define HIGH_MOUNTING "[screen]\nlower-edge-mm=1050\nupper-edge-mm=1250\n"
#define LOW_MOUNTING  "[screen]\nlower-edge-mm=300\nupper-edge-mm=520\n"

static void
get_screen (KpTestKiosk *kiosk, GdkRectangle *geometry)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (kiosk->window));
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (kiosk->window));

  gdk_monitor_get_geometry (gdk_display_get_monitor_at_surface (display, surface), geometry);
}

/* Pixels to millimetres across the panel: the monitor's width over [screen] width-mm. */
static double
pixels_to_mm (KpTestKiosk *kiosk, double pixels)
{
  GdkRectangle screen;

  get_screen (kiosk, &screen);
  return pixels * kp_config_get_screen_width_mm (kiosk->config) / screen.width;
}

static double
cap_height_mm (KpTestKiosk *kiosk, GtkLabel *label)
{
  return pixels_to_mm (kiosk, kp_large_text_measure_cap_height (gtk_label_get_layout (label)));
}

static void
open_page (KpTestKiosk *kiosk, const char *name)
{
  gtk_widget_activate_action (GTK_WIDGET (kiosk->window), "kiosk.open", "s", name);
  kp_ui_test_spin (300);
  g_assert_cmpstr (kp_window_get_page_name (kiosk->window), ==, name);
}

typedef struct
{
  double smallest_mm;
  char *smallest_text;
  double smallest_key_mm; /* on the on-screen keyboard */
} CapSurvey;

static void
survey_labels (KpTestKiosk *kiosk, GtkWidget *root, CapSurvey *survey)
{
  g_autoptr (GPtrArray) labels = kp_ui_test_find_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);
      double mm;

      if (!gtk_widget_get_mapped (GTK_WIDGET (label)) || *gtk_label_get_text (label) == '\0')
        continue;
      mm = cap_height_mm (kiosk, label);
      if (gtk_widget_get_ancestor (GTK_WIDGET (label), KP_TYPE_KEYBOARD) != NULL)
        survey->smallest_key_mm = MIN (survey->smallest_key_mm, mm);
      else if (mm < survey->smallest_mm)
        {
          survey->smallest_mm = mm;
          g_free (survey->smallest_text);
          survey->smallest_text = g_strdup (gtk_label_get_text (label));
        }
    }
}

/* The home page's line saying where the kiosk stands: plain text of ordinary size. */
static GtkLabel *
find_plain_label (KpTestKiosk *kiosk)
{
  GtkWidget *label = kp_ui_test_find_with_css_class (GTK_WIDGET (kiosk->window), "location");

  g_assert_true (GTK_IS_LABEL (label));
  return GTK_LABEL (label);
}

/*
 * (nullable) (transfer full): how the window's content does not fit the
 * screen, or NULL when nothing is pushed off its edges.
 */
static char *
check_fits (KpTestKiosk *kiosk)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (kiosk->window));
  GdkRectangle screen;
  int min_width = 0;
  int min_height = 0;

  get_screen (kiosk, &screen);
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, screen.width, &min_height, NULL, NULL,
                      NULL);
  if (min_width <= screen.width && min_height <= screen.height)
    return NULL;
  return g_strdup_printf ("needs %d × %d pixels; the screen has %d × %d", min_width, min_height,
                          screen.width, screen.height);
}

static void
test_min_cap_height (void)
{
  static const struct
  {
    double distance_mm;
    double cap_mm;
  } cases[] = { { 500, 6.109 }, { 1000, 12.217 }, { 300, 3.665 } };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpfloat_with_epsilon (kp_large_text_min_cap_height_mm (cases[i].distance_mm),
                                    cases[i].cap_mm, 0.001);
}

/* Sizes below the minimum are raised, larger ones kept; rules without a size in pixels are left out. */
static void
test_css (void)
{
  static const struct
  {
    const char *stylesheet;
    const char *expected;
  } cases[] = {
    { ".kiosk {\n  color: #1a1a1a;\n  font-size: 24px;\n}\n", ".kiosk { font-size: 48px; }\n" },
    { "a,\nb.c label { font-size:12px; }", "a,\nb.c label { font-size: 48px; }\n" },
    { ".title { font-size: 64px; }", ".title { font-size: 64px; }\n" },
    { "/* .x { font-size: 10px; } */ .y { font-weight: 700; }", "" },
    { ".em { font-size: 1.5em; }", "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *css = kp_large_text_dup_css (cases[i].stylesheet, 48);

      g_assert_cmpstr (css, ==, cases[i].expected);
    }
}

/* The first field of the page takes the focus, so the on-screen keyboard comes up. */
static void
bring_up_keyboard (KpTestKiosk *kiosk)
{
  GtkWidget *entry
      = kp_ui_test_find_first (kp_window_get_reading_root (kiosk->window), GTK_TYPE_ENTRY);

  if (entry == NULL || !gtk_widget_get_mapped (entry))
    return;
  gtk_widget_grab_focus (entry);
  kp_ui_test_spin (400);
}

/* Whether @field shows whole on the screen, inside any scrolled area it is in, and above @keyboard. */
static gboolean
shows_above_keyboard (KpTestKiosk *kiosk, GtkWidget *field, GtkWidget *keyboard)
{
  GtkWidget *window = GTK_WIDGET (kiosk->window);
  graphene_rect_t field_bounds;
  graphene_rect_t keyboard_bounds;

  if (!gtk_widget_compute_bounds (field, window, &field_bounds)
      || !gtk_widget_compute_bounds (keyboard, window, &keyboard_bounds))
    return FALSE;
  for (GtkWidget *area = gtk_widget_get_ancestor (field, GTK_TYPE_SCROLLED_WINDOW); area != NULL;
       area = gtk_widget_get_ancestor (gtk_widget_get_parent (area), GTK_TYPE_SCROLLED_WINDOW))
    {
      graphene_rect_t view;

      if (!gtk_widget_compute_bounds (area, window, &view)
          || !graphene_rect_contains_rect (&view, &field_bounds))
        return FALSE;
    }
  return field_bounds.origin.y >= 0
         && field_bounds.origin.y + field_bounds.size.height <= keyboard_bounds.origin.y;
}

/*
 * On @name, with its first field focused, every sheet of the on-screen
 * keyboard in turn: its key labels go into @survey, the screen still fits,
 * and the field shows above the keyboard.
 */
static void
survey_keyboard (KpTestKiosk *kiosk, const char *name, CapSurvey *survey)
{
  static const struct
  {
    KpKeyboardLayout layout;
    gboolean accents;
  } sheets[] = {
    { KP_KEYBOARD_LAYOUT_LETTERS, FALSE },
    { KP_KEYBOARD_LAYOUT_LETTERS, TRUE },
    { KP_KEYBOARD_LAYOUT_NUMBERS, FALSE },
    { KP_KEYBOARD_LAYOUT_EMAIL, FALSE },
  };
  GtkWidget *keyboard;
  GtkWidget *field;

  open_page (kiosk, name);
  bring_up_keyboard (kiosk);
  keyboard = kp_ui_test_find_first (GTK_WIDGET (kiosk->window), KP_TYPE_KEYBOARD);
  g_assert_true (gtk_widget_get_mapped (keyboard));
  g_assert_true (kp_keyboard_get_large_text (KP_KEYBOARD (keyboard)));
  field = GTK_WIDGET (kp_keyboard_get_target (KP_KEYBOARD (keyboard)));
  g_assert_nonnull (field);
  for (gsize i = 0; i < G_N_ELEMENTS (sheets); i++)
    {
      g_autofree char *problem = NULL;

      kp_keyboard_set_layout (KP_KEYBOARD (keyboard), sheets[i].layout);
      g_object_set (keyboard, "accents", sheets[i].accents, NULL);
      kp_ui_test_spin (200);
      survey_labels (kiosk, keyboard, survey);
      problem = check_fits (kiosk);
      if (problem != NULL)
        g_error ("On “%s”, with keyboard sheet %" G_GSIZE_FORMAT ", the screen %s", name, i,
                 problem);
    }
  if (!shows_above_keyboard (kiosk, field, keyboard))
    g_error ("On “%s”, the field being typed in is hidden by the keyboard in large text", name);
  kp_keyboard_set_layout (KP_KEYBOARD (keyboard), KP_KEYBOARD_LAYOUT_LETTERS);
  kp_ui_test_spin (200);
  kp_ui_test_screenshot (GTK_WIDGET (kiosk->window), "large-text-keyboard");
}

/*
 * Large text, switched on with the bar's button as a resident would: on
 * every page every capital H is at least 6.1 mm high, and the page still
 * fits across the screen. Normal text is smaller (so the check bites)
 * and is back as it was after the session.
 */
static void
test_large_text_every_page (KpTestKiosk *kiosk, gconstpointer data)
{
  g_autoptr (GPtrArray) names = kp_test_kiosk_list_page_names ();
  double needed_mm
      = kp_large_text_min_cap_height_mm (kp_config_get_viewing_distance_mm (kiosk->config));
  GtkWidget *root = GTK_WIDGET (kiosk->window);
  CapSurvey survey = { G_MAXDOUBLE, NULL, G_MAXDOUBLE };
  double normal_mm = cap_height_mm (kiosk, find_plain_label (kiosk));
  double large_mm;
  g_autofree char *problem = NULL;
  g_autoptr (GString) overflows = g_string_new (NULL);

  g_assert_cmpfloat (normal_mm, <, needed_mm);
  kp_ui_test_press (root, kp_ui_test_tr ("Large text"));
  kp_ui_test_spin (200);
  g_assert_true (kp_window_get_large_text (kiosk->window));
  g_assert_true (gtk_widget_has_css_class (root, "large-text"));
  large_mm = cap_height_mm (kiosk, find_plain_label (kiosk));
  kp_ui_test_screenshot (root, "large-text-home");

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      open_page (kiosk, name);
      survey_labels (kiosk, kp_window_get_reading_root (kiosk->window), &survey);
      problem = check_fits (kiosk);
      if (problem != NULL)
        g_string_append_printf (overflows, "\n  %s %s", name, problem);
      g_clear_pointer (&problem, g_free);
      if (survey.smallest_mm < needed_mm)
        g_error ("On “%s”, “%s” has a capital H of %.2f mm; it needs %.2f mm", name,
                 survey.smallest_text, survey.smallest_mm, needed_mm);
    }
  if (overflows->len > 0)
    g_error ("In large text, pages run off the screen:%s", overflows->str);
  /* The keys' labels too, on every sheet, on a form's page and on the follow page. */
  survey_keyboard (kiosk, "follow", &survey);
  survey_keyboard (kiosk, "callback", &survey);
  g_assert_cmpfloat (survey.smallest_key_mm, <, G_MAXDOUBLE);
  if (survey.smallest_key_mm < needed_mm)
    g_error ("In large text, the on-screen keyboard's capital H is %.2f mm; it needs %.2f mm",
             survey.smallest_key_mm, needed_mm);
  open_page (kiosk, "appointment");
  kp_ui_test_screenshot (root, "large-text-appointment");
  g_print ("# large text: plain text H %.2f mm (normal %.2f mm), smallest H on any page %.2f mm "
           "(“%s”), on the keyboard %.2f mm; needed %.2f mm at %.0f mm\n",
           large_mm, normal_mm, survey.smallest_mm, survey.smallest_text, survey.smallest_key_mm,
           needed_mm, kp_config_get_viewing_distance_mm (kiosk->config));
  g_free (survey.smallest_text);

  /* The next visitor gets the usual sizes. */
  gtk_widget_activate_action (root, "kiosk.done", NULL);
  kp_ui_test_spin (200);
  g_assert_false (kp_window_get_large_text (kiosk->window));
  g_assert_false (gtk_widget_has_css_class (root, "large-text"));
  g_assert_cmpfloat (cap_height_mm (kiosk, find_plain_label (kiosk)), ==, normal_mm);
}

/* In speech mode the bar's button is walked to and pressed like any other. */
static void
test_large_text_by_keypad (KpTestKiosk *kiosk, gconstpointer data)
{
  g_autofree char *said = NULL;

  kp_test_kiosk_start_speech_mode (kiosk);
  kp_test_kiosk_choose_tr (kiosk, "Large text");
  g_assert_true (kp_window_get_large_text (kiosk->window));
  kp_test_kiosk_tap (kiosk, KP_TEST_KIOSK_KEY_UP);
  kp_test_kiosk_tap (kiosk, KP_TEST_KIOSK_KEY_DOWN);
  said = kp_test_kiosk_last_said (kiosk);
  kp_test_assert_contains (said, kp_ui_test_tr ("Large text"));
}

/*
 * Where @control shows, in the window's pixels. Inside a scrolled area it
 * shows only within that area; scrolled out of sight, it comes into view
 * there. FALSE when it is not in the window.
 */
static gboolean
compute_shown_bounds (KpTestKiosk *kiosk, GtkWidget *control, graphene_rect_t *shown)
{
  GtkWidget *window = GTK_WIDGET (kiosk->window);

  if (!gtk_widget_compute_bounds (control, window, shown))
    return FALSE;
  for (GtkWidget *area = gtk_widget_get_ancestor (control, GTK_TYPE_SCROLLED_WINDOW); area != NULL;
       area = gtk_widget_get_ancestor (gtk_widget_get_parent (area), GTK_TYPE_SCROLLED_WINDOW))
    {
      graphene_rect_t view;

      if (!gtk_widget_compute_bounds (area, window, &view))
        return FALSE;
      if (!graphene_rect_intersection (shown, &view, shown))
        *shown = view;
    }
  return TRUE;
}

/*
 * (nullable) (transfer full): the first control on the screen now that is
 * out of reach by @mounting's numbers, or NULL when all are within.
 */
static char *
find_out_of_reach (KpTestKiosk *kiosk, KpConfig *mounting, double *lowest, double *highest)
{
  g_autoptr (GPtrArray) elements = kp_test_kiosk_list_screen (kiosk);
  GdkRectangle screen;

  get_screen (kiosk, &screen);
  for (guint i = 0; i < elements->len; i++)
    {
      GtkWidget *control = g_ptr_array_index (elements, i);
      graphene_rect_t shown;
      double top_mm;
      double bottom_mm;

      if (!kp_speech_mode_is_interactive (control))
        continue;
      g_assert_true (compute_shown_bounds (kiosk, control, &shown));
      top_mm = kp_reach_height_above_floor_mm (mounting, screen.height, shown.origin.y);
      bottom_mm = kp_reach_height_above_floor_mm (mounting, screen.height,
                                                  shown.origin.y + shown.size.height);
      *highest = MAX (*highest, top_mm);
      *lowest = MIN (*lowest, bottom_mm);
      if (shown.origin.y < 0 || shown.origin.y + shown.size.height > screen.height)
        {
          g_autofree char *said = kp_speech_mode_describe (control, FALSE);

          return g_strdup_printf ("“%s” is off the screen, at %.0f to %.0f pixels from its top",
                                  said, shown.origin.y, shown.origin.y + shown.size.height);
        }
      if (top_mm > KP_REACH_HIGH_MM || bottom_mm < KP_REACH_LOW_MM)
        {
          g_autofree char *said = kp_speech_mode_describe (control, FALSE);

          return g_strdup_printf ("“%s” spans %.0f to %.0f mm above the floor", said, bottom_mm,
                                  top_mm);
        }
    }
  return NULL;
}

static void
assert_screen_in_reach (KpTestKiosk *kiosk, const char *where, double *lowest, double *highest)
{
  g_autofree char *problem = find_out_of_reach (kiosk, kiosk->config, lowest, highest);

  if (problem != NULL)
    g_error ("%s: %s", where, problem);
}

/*
 * Every control of every page, with the keyboard up where a page has a
 * field, and of the notices over a page (Help, "Did this help?"), lies between 380 and 1220 mm
 * above the floor at this mounting. Read against a mounting the window
 * was not laid out for, some control is out of reach: the check bites.
 */
static void
test_reach (KpTestKiosk *kiosk, gconstpointer data)
{
  g_autoptr (GPtrArray) names = kp_test_kiosk_list_page_names ();
  g_autofree char *other_text = NULL;
  g_autoptr (KpConfig) other = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *problem = NULL;
  double lowest = G_MAXDOUBLE;
  double highest = 0;
  double ignored_low = G_MAXDOUBLE;
  double ignored_high = 0;

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      open_page (kiosk, name);
      assert_screen_in_reach (kiosk, name, &lowest, &highest);
      bring_up_keyboard (kiosk);
      assert_screen_in_reach (kiosk, name, &lowest, &highest);
    }
  gtk_widget_activate_action (GTK_WIDGET (kiosk->window), "kiosk.help", NULL);
  kp_ui_test_spin (200);
  assert_screen_in_reach (kiosk, "the help notice", &lowest, &highest);
  gtk_widget_activate_action (GTK_WIDGET (kiosk->window), "kiosk.done", NULL);
  kp_ui_test_spin (200);
  assert_screen_in_reach (kiosk, "“Did this help?”", &lowest, &highest);
  gtk_widget_activate_action (GTK_WIDGET (kiosk->window), "kiosk.feedback-close", NULL);
  g_print ("# reach at %.0f–%.0f mm: controls from %.0f to %.0f mm above the floor "
           "(%u pages)\n",
           kp_config_get_screen_lower_edge_mm (kiosk->config),
           kp_config_get_screen_upper_edge_mm (kiosk->config), lowest, highest, names->len);

  other_text
      = g_strdup_printf ("[storage]\ndata-dir=%s\n%s", kp_config_get_data_dir (kiosk->config),
                         g_strcmp0 (data, HIGH_MOUNTING) == 0 ? LOW_MOUNTING : HIGH_MOUNTING);
  other = kp_config_new_from_data (other_text, &error);
  g_assert_no_error (error);
  open_page (kiosk, "callback");
  bring_up_keyboard (kiosk);
  problem = find_out_of_reach (kiosk, other, &ignored_low, &ignored_high);
  g_assert_nonnull (problem);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();

  kp_ui_test_init (&argc, &argv);

  g_test_add_func ("/screen-fit/large-text/min-cap-height", test_min_cap_height);
  g_test_add_func ("/screen-fit/large-text/css", test_css);
  g_test_add ("/screen-fit/large-text/every-page", KpTestKiosk, NULL, kp_test_kiosk_setup,
              test_large_text_every_page, kp_test_kiosk_teardown);
  g_test_add ("/screen-fit/large-text/keypad", KpTestKiosk, KP_TEST_KIOSK_KEYPAD_CONFIG,
              kp_test_kiosk_setup, test_large_text_by_keypad, kp_test_kiosk_teardown);
  g_test_add ("/screen-fit/reach/demo", KpTestKiosk, NULL, kp_test_kiosk_setup, test_reach,
              kp_test_kiosk_teardown);
  g_test_add ("/screen-fit/reach/high", KpTestKiosk, HIGH_MOUNTING, kp_test_kiosk_setup, test_reach,
              kp_test_kiosk_teardown);
  g_test_add ("/screen-fit/reach/low", KpTestKiosk, LOW_MOUNTING, kp_test_kiosk_setup, test_reach,
              kp_test_kiosk_teardown);
  return g_test_run ();
}
