/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-ui-test-helpers.h"

#include "kp-accessible-label.h"
#include "kp-application.h"

#include <adwaita.h>
#include <math.h>

#if defined(__SANITIZE_ADDRESS__)
#include <gdk/x11/gdkx.h>
#include <sanitizer/lsan_interface.h>

/*
 * GTK 4.8's X11 code leaks a short list each time another program on the
 * display asks this one for a selection's formats (fixed in later GTK; the
 * kiosk itself runs on Wayland). On the test display WebKit's web
 * processes ask as soon as a page's selection reaches the primary
 * selection, a moment before the kiosk takes it back. What GTK allocates
 * while it answers such a request is not counted as a leak; counting
 * resumes when that main loop round is over.
 */
static gboolean
resume_leak_counting (gpointer user_data)
{
  __lsan_enable ();
  return G_SOURCE_REMOVE;
}

static gboolean
on_x_event (GSignalInvocationHint *hint, guint n_values, const GValue *values, gpointer user_data)
{
  const XEvent *event = g_value_get_pointer (&values[1]);

  if (event->type == SelectionRequest)
    {
      __lsan_disable ();
      g_idle_add_full (G_PRIORITY_HIGH, resume_leak_counting, NULL, NULL);
    }
  return TRUE;
}

static void
skip_gtk_selection_leak (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  if (GDK_IS_X11_DISPLAY (display))
    g_signal_add_emission_hook (g_signal_lookup ("xevent", GDK_TYPE_X11_DISPLAY), 0, on_x_event,
                                NULL, NULL);
}
#else
static void
skip_gtk_selection_leak (void)
{
}
#endif

static gboolean
window_is_mapped (gpointer user_data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (user_data));
}

void
kp_ui_test_init (int *argc, char ***argv)
{
  g_test_init (argc, argv, NULL);
  adw_init ();
  kp_application_setup_locale ();
  skip_gtk_selection_leak ();
}

static gboolean
on_deadline (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
kp_ui_test_wait_until (KpUiTestCondition condition, gpointer user_data, guint timeout_ms)
{
  gboolean expired = FALSE;
  guint deadline = g_timeout_add (timeout_ms, on_deadline, &expired);
  gboolean met;

  while (!(met = condition (user_data)) && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (deadline);
  return met;
}

static gboolean
never (gpointer user_data)
{
  return FALSE;
}

void
kp_ui_test_spin (guint ms)
{
  kp_ui_test_wait_until (never, NULL, ms);
}

static gboolean
result_is_done (gpointer user_data)
{
  return ((KpUiTestTextResult *) user_data)->done;
}

gboolean
kp_ui_test_wait_for_result (KpUiTestTextResult *result, guint timeout_ms)
{
  return kp_ui_test_wait_until (result_is_done, result, timeout_ms);
}

static void
on_clipboard_text (GObject *source, GAsyncResult *result, gpointer user_data)
{
  KpUiTestTextResult *read = user_data;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  read->done = TRUE;
}

char *
kp_ui_test_read_clipboard_text (GdkClipboard *clipboard)
{
  KpUiTestTextResult read = { FALSE, NULL };

  gdk_clipboard_read_text_async (clipboard, NULL, on_clipboard_text, &read);
  g_assert_true (kp_ui_test_wait_for_result (&read, 5000));
  return read.text;
}

static void
collect_shown (GtkWidget *widget, GString *text)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    {
      g_string_append (text, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (text, '\n');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shown (child, text);
}

char *
kp_ui_test_shown_text (GtkWidget *root)
{
  GString *text = g_string_new (NULL);

  collect_shown (root, text);
  return g_string_free (text, FALSE);
}

gboolean
kp_ui_test_shows (GtkWidget *root, const char *text)
{
  g_autofree char *shown = kp_ui_test_shown_text (root);

  return strstr (shown, text) != NULL;
}

static void
find_all (GtkWidget *widget, GType type, GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_all (child, type, found);
}

GPtrArray *
kp_ui_test_find_all (GtkWidget *root, GType type)
{
  GPtrArray *found = g_ptr_array_new ();

  find_all (root, type, found);
  return found;
}

GtkWidget *
kp_ui_test_find_with_css_class (GtkWidget *root, const char *css_class)
{
  g_autoptr (GPtrArray) widgets = kp_ui_test_find_all (root, GTK_TYPE_WIDGET);

  for (guint i = 0; i < widgets->len; i++)
    {
      if (gtk_widget_has_css_class (g_ptr_array_index (widgets, i), css_class))
        return g_ptr_array_index (widgets, i);
    }
  return NULL;
}

GtkWidget *
kp_ui_test_find_first (GtkWidget *root, GType type)
{
  g_autoptr (GPtrArray) found = kp_ui_test_find_all (root, type);

  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

char *
kp_ui_test_button_words (GtkWidget *button)
{
  return kp_accessible_label_dup_words (button);
}

GtkWidget *
kp_ui_test_find_button (GtkWidget *root, const char *label)
{
  g_autoptr (GPtrArray) buttons = kp_ui_test_find_all (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);
      g_autofree char *words = kp_ui_test_button_words (button);

      if (gtk_widget_get_mapped (button) && g_str_equal (words, label))
        return button;
    }
  return NULL;
}

/* The smallest a touch target may be on @root's monitor: min-target-mm in pixels. */
int
kp_ui_test_min_target_px (GtkWidget *root, KpConfig *config)
{
  GdkMonitor *monitor = gdk_display_get_monitor_at_surface (
      gtk_widget_get_display (root), gtk_native_get_surface (gtk_widget_get_native (root)));
  GdkRectangle geometry;

  gdk_monitor_get_geometry (monitor, &geometry);
  return (int) ceil (kp_config_get_min_target_mm (config) * geometry.width
                     / kp_config_get_screen_width_mm (config));
}

static void
assert_button_usable (GtkWidget *button, int min_px, const char *where)
{
  g_autofree char *words = kp_accessible_label_dup (button);
  graphene_rect_t bounds;

  if (*words == '\0')
    g_error ("%s: a button has no words and no accessible label", where);
  /* What a finger can hit is the border box, not only the content. */
  g_assert_true (gtk_widget_compute_bounds (button, button, &bounds));
  if (bounds.size.height < min_px || bounds.size.width < min_px)
    g_error ("%s: button “%s” is %.0f×%.0f px; a finger needs %d px", where, words,
             bounds.size.width, bounds.size.height, min_px);
  if (!gtk_widget_get_focusable (button))
    g_error ("%s: button “%s” cannot be reached with Tab", where, words);
}

void
kp_ui_test_assert_usable (GtkWidget *root, KpConfig *config, const char *where)
{
  g_autoptr (GPtrArray) buttons = kp_ui_test_find_all (root, GTK_TYPE_BUTTON);
  g_autoptr (GPtrArray) entries = kp_ui_test_find_all (root, GTK_TYPE_ENTRY);
  int min_px = kp_ui_test_min_target_px (root, config);

  /* Let the run-time target size reach the layout. */
  kp_ui_test_spin (300);
  for (guint i = 0; i < buttons->len; i++)
    {
      if (gtk_widget_get_mapped (g_ptr_array_index (buttons, i)))
        assert_button_usable (g_ptr_array_index (buttons, i), min_px, where);
    }
  for (guint i = 0; i < entries->len; i++)
    {
      GtkWidget *entry = g_ptr_array_index (entries, i);

      if (gtk_widget_get_mapped (entry)
          && !gtk_test_accessible_has_property (GTK_ACCESSIBLE (entry),
                                                GTK_ACCESSIBLE_PROPERTY_LABEL))
        g_error ("%s: an entry has no accessible label", where);
    }
}

char *
kp_ui_test_save_screenshot (GtkWidget *widget, const char *name)
{
  const char *folder = g_getenv ("KERNPUNT_SCREENSHOT_DIR");
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *file_name = g_strconcat (name, ".png", NULL);
  char *path;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  g_assert_nonnull (folder);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  path = g_build_filename (folder, file_name, NULL);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  return path;
}

void
kp_ui_test_screenshot (GtkWidget *root, const char *name)
{
  g_autofree char *path = NULL;

  /* Let animations and the layout settle, so the picture shows what a person sees. */
  kp_ui_test_spin (250);
  path = kp_ui_test_save_screenshot (root, name);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

KpWindow *
kp_ui_test_open_window (KpConfig *config, KpOutbox *outbox, KpSpeaker *speaker)
{
  /* GTK owns a toplevel; the test's own reference lets it check nothing leaks. */
  KpWindow *window = g_object_ref (kp_window_new (NULL, config, outbox, speaker));

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (kp_ui_test_wait_until (window_is_mapped, window, 5000));
  kp_ui_test_spin (100);
  return window;
}

void
kp_ui_test_close_window (KpWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  /* Let threads that were cancelled with their pages finish first. */
  kp_ui_test_spin (200);
  g_assert_finalize_object (window);
}

void
kp_ui_test_press (GtkWidget *root, const char *words)
{
  GtkWidget *button = kp_ui_test_find_button (root, words);

  if (button == NULL)
    {
      g_autofree char *shown = kp_ui_test_shown_text (root);

      g_error ("No button “%s” on screen; the screen shows:\n%s", words, shown);
    }
  /* What a finger lifted from the button does (activate would wait for a timeout). */
  g_signal_emit_by_name (button, "clicked");
  kp_ui_test_spin (30);
}

typedef struct
{
  GtkWidget *root;
  const char *text;
} TextWait;

static gboolean
text_is_shown (gpointer user_data)
{
  TextWait *wait = user_data;

  return kp_ui_test_shows (wait->root, wait->text);
}

void
kp_ui_test_wait_for_text (GtkWidget *root, const char *text, guint timeout_ms)
{
  TextWait wait = { root, text };

  if (!kp_ui_test_wait_until (text_is_shown, &wait, timeout_ms))
    {
      g_autofree char *shown = kp_ui_test_shown_text (root);

      g_error ("“%s” is not on screen; the screen shows:\n%s", text, shown);
    }
}

GtkWidget *
kp_ui_test_find_key (GtkWidget *root, const char *label)
{
  GtkWidget *keyboard = kp_ui_test_find_with_css_class (root, "kp-keyboard");
  g_autoptr (GPtrArray) buttons = NULL;

  g_assert_nonnull (keyboard);
  buttons = kp_ui_test_find_all (keyboard, GTK_TYPE_BUTTON);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);

      if (gtk_widget_get_mapped (button)
          && (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), label) == 0
              || g_strcmp0 (gtk_widget_get_name (button), label) == 0))
        return button;
    }
  return NULL;
}

void
kp_ui_test_type_on_keyboard (GtkWidget *root, const char *text)
{
  for (const char *c = text; *c != '\0'; c++)
    {
      char key_text[2] = { g_ascii_tolower (*c), '\0' };
      GtkWidget *key = kp_ui_test_find_key (root, *c == ' ' ? "kp-key-space" : key_text);

      if (key == NULL)
        {
          GtkWidget *switch_key = kp_ui_test_find_key (
              root, g_ascii_isalpha (*c) ? "kp-key-letters" : "kp-key-numbers");

          g_assert_nonnull (switch_key);
          g_signal_emit_by_name (switch_key, "clicked");
          key = kp_ui_test_find_key (root, key_text);
        }
      if (key == NULL)
        g_error ("No key “%s” on the on-screen keyboard", key_text);
      g_signal_emit_by_name (key, "clicked");
    }
  kp_ui_test_spin (30);
}

/* xdotool's @actions, the pointer first moved over the window so its keys go there. */
static void
run_xdotool (const char *const *actions)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) argv = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_strv_builder_add_many (builder, "xdotool", "mousemove", "400", "400", NULL);
  g_strv_builder_addv (builder, (const char **) actions);
  argv = g_strv_builder_end (builder);
  g_assert_true (g_spawn_sync (NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

void
kp_ui_test_send_key (const char *key)
{
  const char *actions[] = { "key", key, NULL };

  run_xdotool (actions);
}

void
kp_ui_test_send_text (const char *text)
{
  const char *actions[] = { "type", "--delay", "5", text, NULL };

  run_xdotool (actions);
}

const char *
kp_ui_test_tr (const char *text)
{
  return g_dgettext (GETTEXT_PACKAGE, text);
}

guint
kp_ui_test_count_today (KpWindow *window, const char *measure, const char *value)
{
  KpEvents *events = kp_window_get_events (window);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  GDate today;
  guint sum = 0;

  g_assert_true (kp_events_flush (events, &error));
  g_assert_no_error (error);
  g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
  rows = kp_events_query (events, &today, &today, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      KpEventCount *row = g_ptr_array_index (rows, i);

      if (g_str_equal (row->measure, measure) && g_str_equal (row->value, value))
        sum += row->count;
    }
  return sum;
}
