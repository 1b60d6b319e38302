/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-config.h"
#include "kp-idle-guard.h"
#include "kp-keyboard.h"
#include "kp-outbox.h"
#include "kp-reference.h"
#include "kp-speaker.h"
#include "kp-store.h"
#include "kp-topic.h"
#include "kp-ui-test-helpers.h"
#include "kp-visible-text.h"
#include "kp-window.h"

#include <glib/gi18n.h>

/* Seconds before the countdown in tests that wait for it; the others never see it. */
#define SHORT_IDLE_SECONDS 5
#define COUNTDOWN_SECONDS  3
#define LONG_IDLE_SECONDS  3600

typedef struct
{
  char *speech_dir;
  KpConfig *config;
  KpStore *store;
  KpOutbox *outbox;
  KpSpeaker *speaker;
  KpWindow *window;
} Shell;

static void
shell_setup (Shell *shell, gconstpointer data)
{
  guint idle_seconds = GPOINTER_TO_UINT (data) != 0 ? GPOINTER_TO_UINT (data) : LONG_IDLE_SECONDS;
  g_autofree char *data_dir = kp_test_make_tmpdir ("data");
  g_autofree char *config_text = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr (GError) error = NULL;

  shell->speech_dir = kp_test_make_tmpdir ("speech");
  config_text = g_strdup_printf ("[storage]\ndata-dir=%s\n"
                                 "[speech]\noutput-folder=%s\n"
                                 "[session]\nidle-seconds=%u\ncountdown-seconds=%u\n"
                                 /* A volunteer is always there, so Help says one is coming. */
                                 "[volunteers]\nmonday=00:00-24:00\ntuesday=00:00-24:00\n"
                                 "wednesday=00:00-24:00\nthursday=00:00-24:00\n"
                                 "friday=00:00-24:00\nsaturday=00:00-24:00\nsunday=00:00-24:00\n",
                                 data_dir, shell->speech_dir, idle_seconds, COUNTDOWN_SECONDS);
  shell->config = kp_config_new_from_data (config_text, &error);
  g_assert_no_error (error);

  db_path = kp_config_dup_database_path (shell->config);
  shell->store = kp_store_open (db_path, &error);
  g_assert_no_error (error);
  shell->outbox = kp_outbox_new (shell->store);
  shell->speaker = kp_speaker_new ();
  kp_speaker_set_output_folder (shell->speaker, kp_config_get_speech_output_folder (shell->config));

  shell->window = kp_ui_test_open_window (shell->config, shell->outbox, shell->speaker);
}

static gboolean
speaker_is_quiet (gpointer user_data)
{
  return !kp_speaker_is_speaking (KP_SPEAKER (user_data));
}

static void
shell_teardown (Shell *shell, gconstpointer data)
{
  kp_ui_test_close_window (shell->window);
  kp_speaker_stop (shell->speaker);
  g_assert_true (kp_ui_test_wait_until (speaker_is_quiet, shell->speaker, 5000));
  /* Let the speaker's last callbacks run before it goes. */
  kp_ui_test_spin (50);
  g_assert_finalize_object (shell->speaker);
  g_assert_finalize_object (shell->outbox);
  g_assert_finalize_object (shell->store);
  g_assert_finalize_object (shell->config);
  g_free (shell->speech_dir);
}

static GtkWidget *
root (Shell *shell)
{
  return GTK_WIDGET (shell->window);
}

/* Presses the shown button with these words, as a finger would. */
static void
press (Shell *shell, const char *words)
{
  kp_ui_test_press (root (shell), words);
}

static void
assert_shows (Shell *shell, const char *text)
{
  if (!kp_ui_test_shows (root (shell), text))
    {
      g_autofree char *shown = kp_ui_test_shown_text (root (shell));

      g_error ("“%s” is not on screen; the screen shows:\n%s", text, shown);
    }
}

static void
assert_not_shows (Shell *shell, const char *text)
{
  if (kp_ui_test_shows (root (shell), text))
    g_error ("“%s” should not be on screen", text);
}

static void
screenshot (Shell *shell, const char *name)
{
  kp_ui_test_screenshot (root (shell), name);
}

/*
 * The kiosk is full screen at the demo screen's 1920 x 1080: a page whose
 * minimum height is larger would push its lowest buttons off the screen.
 */
static void
assert_fits_screen (Shell *shell)
{
  int minimum_height;

  gtk_widget_measure (root (shell), GTK_ORIENTATION_VERTICAL, 1920, &minimum_height, NULL, NULL,
                      NULL);
  g_assert_cmpint (minimum_height, <=, 1080);
}

static void
test_home_screen (Shell *shell, gconstpointer data)
{
  guint n_topics;
  const KpTopic *topics = kp_topic_get_all (&n_topics);

  g_assert_cmpuint (n_topics, ==, 6);
  g_assert_cmpstr (kp_window_get_page_name (shell->window), ==, "home");
  g_assert_cmpstr (kp_window_get_language (shell->window), ==, "nl");
  assert_shows (shell, kp_config_get_municipality_name (shell->config));
  assert_shows (shell, kp_config_get_location_name (shell->config));
  assert_shows (shell, "Nederlands");
  assert_shows (shell, "English");
  for (guint i = 0; i < n_topics; i++)
    assert_shows (shell, g_dgettext (GETTEXT_PACKAGE, topics[i].label));
  assert_shows (shell, g_dgettext (GETTEXT_PACKAGE, "Follow your report"));
  assert_fits_screen (shell);
  /* Back and Home lead nowhere from home, so they are not there. */
  g_assert_null (kp_ui_test_find_button (root (shell), g_dgettext (GETTEXT_PACKAGE, "Back")));
  g_assert_nonnull (kp_ui_test_find_button (root (shell), g_dgettext (GETTEXT_PACKAGE, "Help")));
  screenshot (shell, "home-nl");

  press (shell, "English");
  g_assert_cmpstr (kp_window_get_language (shell->window), ==, "en");
  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "en");
  for (guint i = 0; i < n_topics; i++)
    assert_shows (shell, topics[i].label);
  assert_shows (shell, "Read aloud");
  assert_fits_screen (shell);
  screenshot (shell, "home-en");

  press (shell, "Nederlands");
  g_assert_cmpstr (kp_window_get_language (shell->window), ==, "nl");
  assert_shows (shell, g_dgettext (GETTEXT_PACKAGE, "Read aloud"));
}

/* The printer banner takes room above the tiles; every tile must still be on the screen. */
static void
test_home_fits_with_printer_banner (Shell *shell, gconstpointer data)
{
  const char *languages[] = { "nl", "en" };

  gtk_widget_activate_action (root (shell), "kiosk.printer-problem", "s", "no-paper");
  for (gsize i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *name = g_strdup_printf ("home-no-paper-%s", languages[i]);

      kp_window_set_language (shell->window, languages[i]);
      assert_shows (shell, g_dgettext (GETTEXT_PACKAGE, "The printer does not work right now. You "
                                                        "can still go on: you will see your number "
                                                        "and QR code on the screen."));
      assert_fits_screen (shell);
      screenshot (shell, name);
    }
}

/* Every Dutch string the shell shows is in the catalogue, so nl is really Dutch. */
static void
test_dutch_is_complete (Shell *shell, gconstpointer data)
{
  const char *samples[] = { "Find information", "Read aloud", "Help", "Done" };

  if (g_strcmp0 (g_dgettext (GETTEXT_PACKAGE, "Help"), "Help") == 0)
    {
      g_test_skip ("locales/nl.po has no translations for the shell yet");
      return;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      assert_shows (shell, g_dgettext (GETTEXT_PACKAGE, samples[i]));
      assert_not_shows (shell, samples[i]);
    }
}

/*
 * Every tile opens its page, and Back and Home both lead home again. The
 * "coming soon" page that unbuilt tiles had is tested in test-guide.c,
 * where a broken guide shows it.
 */
static void
test_every_tile_and_back (Shell *shell, gconstpointer data)
{
  guint n_topics;
  const KpTopic *topics = kp_topic_get_all (&n_topics);

  for (guint i = 0; i < n_topics; i++)
    {
      const char *label = g_dgettext (GETTEXT_PACKAGE, topics[i].label);

      press (shell, label);
      g_assert_cmpstr (kp_window_get_page_name (shell->window), ==, topics[i].id);
      assert_not_shows (shell,
                        g_dgettext (GETTEXT_PACKAGE, "This is not ready yet. It will come soon."));

      press (shell, g_dgettext (GETTEXT_PACKAGE, "Back"));
      g_assert_cmpstr (kp_window_get_page_name (shell->window), ==, "home");
      assert_shows (shell, label);

      press (shell, label);
      g_assert_cmpstr (kp_window_get_page_name (shell->window), ==, topics[i].id);
      press (shell, g_dgettext (GETTEXT_PACKAGE, "Home"));
      g_assert_cmpstr (kp_window_get_page_name (shell->window), ==, "home");
    }

  /* A big way out on the page itself, for whoever does not look up at the bar. */
  press (shell, g_dgettext (GETTEXT_PACKAGE, kp_topic_lookup ("digid-form")->label));
  press (shell, g_dgettext (GETTEXT_PACKAGE, "Choose something else"));
  g_assert_cmpstr (kp_window_get_page_name (shell->window), ==, "home");
}

/* Back walks the way the resident came, one page at a time. */
static void
test_back_history (Shell *shell, gconstpointer data)
{
  gtk_widget_activate_action (root (shell), "kiosk.open", "s", "follow");
  gtk_widget_activate_action (root (shell), "kiosk.open", "s", "callback");
  g_assert_cmpstr (kp_window_get_page_name (shell->window), ==, "callback");
  press (shell, g_dgettext (GETTEXT_PACKAGE, "Back"));
  g_assert_cmpstr (kp_window_get_page_name (shell->window), ==, "follow");
  press (shell, g_dgettext (GETTEXT_PACKAGE, "Back"));
  g_assert_cmpstr (kp_window_get_page_name (shell->window), ==, "home");
}

static GPtrArray *
list_wav_files (const char *folder)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_suffix (name, ".wav"))
        g_ptr_array_add (files, g_build_filename (folder, name, NULL));
    }
  return files;
}

typedef struct
{
  Shell *shell;
  guint n_files;
} SpeechWait;

static gboolean
speech_written (gpointer user_data)
{
  SpeechWait *wait = user_data;
  g_autoptr (GPtrArray) files = list_wav_files (wait->shell->speech_dir);

  return files->len >= wait->n_files && !kp_speaker_is_speaking (wait->shell->speaker);
}

/* The newest WAV, once the speaker has finished it: a RIFF/WAVE file with sound in it. */
static void
assert_speech_written (Shell *shell, guint n_files)
{
  SpeechWait wait = { shell, n_files };
  g_autoptr (GPtrArray) files = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (kp_ui_test_wait_until (speech_written, &wait, 20000));
  files = list_wav_files (shell->speech_dir);
  g_assert_cmpuint (files->len, ==, n_files);
  g_ptr_array_sort (files, (GCompareFunc) g_strcmp0);
  g_assert_true (
      g_file_get_contents (g_ptr_array_index (files, files->len - 1), &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8000);
  g_assert_cmpmem (contents, 4, "RIFF", 4);
  g_assert_cmpmem (contents + 8, 4, "WAVE", 4);
}

static void
test_help (Shell *shell, gconstpointer data)
{
  GtkWidget *signal;

  press (shell, g_dgettext (GETTEXT_PACKAGE, "Help"));
  assert_shows (shell, g_dgettext (GETTEXT_PACKAGE, "A volunteer is coming"));
  /* The pulsing light that catches a volunteer's eye. */
  signal = kp_ui_test_find_with_css_class (root (shell), "help-signal");
  g_assert_nonnull (signal);
  g_assert_true (gtk_widget_get_mapped (signal));
  assert_speech_written (shell, 1);
  screenshot (shell, "help");

  press (shell, g_dgettext (GETTEXT_PACKAGE, "Close"));
  assert_not_shows (shell, g_dgettext (GETTEXT_PACKAGE, "A volunteer is coming"));
  g_assert_cmpstr (kp_window_get_page_name (shell->window), ==, "home");
}

static void
test_read_aloud (Shell *shell, gconstpointer data)
{
  const KpTopic *topic = kp_topic_lookup ("digid-form");
  GtkWidget *stack;
  g_autofree char *text = NULL;

  press (shell, "English");
  press (shell, topic->label);
  stack = kp_ui_test_find_first (root (shell), GTK_TYPE_STACK);
  text = kp_visible_text_collect (gtk_stack_get_visible_child (GTK_STACK (stack)));
  /* The page, in English, and only the page: not the home screen behind it. */
  g_assert_nonnull (strstr (text, "You cannot fill in a form here yet."));
  g_assert_nonnull (strstr (text, kp_config_get_phone (shell->config)));
  g_assert_null (strstr (text, "Find information"));

  press (shell, "Read aloud");
  assert_speech_written (shell, 1);
}

static gboolean
keyboard_is_up (gpointer user_data)
{
  return gtk_revealer_get_child_revealed (GTK_REVEALER (user_data));
}

static void
assert_keyboard_types_into (Shell *shell, GtkEditable *target)
{
  KpKeyboard *keyboard = KP_KEYBOARD (kp_ui_test_find_first (root (shell), KP_TYPE_KEYBOARD));
  GtkRevealer *revealer = GTK_REVEALER (gtk_widget_get_parent (GTK_WIDGET (keyboard)));

  g_assert_true (kp_ui_test_wait_until (keyboard_is_up, revealer, 2000));
  g_assert_true (kp_keyboard_get_target (keyboard) == target);
}

static GtkEditable *
open_follow_page (Shell *shell)
{
  GtkWidget *entry;

  press (shell, g_dgettext (GETTEXT_PACKAGE, "Follow your report"));
  g_assert_cmpstr (kp_window_get_page_name (shell->window), ==, "follow");
  entry = kp_ui_test_find_first (gtk_stack_get_visible_child (GTK_STACK (
                                     kp_ui_test_find_first (root (shell), GTK_TYPE_STACK))),
                                 GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  /* Nothing else to do on this page: the keyboard is up for the entry at once. */
  assert_keyboard_types_into (shell, GTK_EDITABLE (entry));
  return GTK_EDITABLE (entry);
}

typedef struct
{
  Shell *shell;
  const char *text;
} ShowWait;

static gboolean
text_is_shown (gpointer user_data)
{
  ShowWait *wait = user_data;

  return kp_ui_test_shows (root (wait->shell), wait->text);
}

static void
look_up (Shell *shell, GtkEditable *entry, const char *typed, const char *expected)
{
  ShowWait wait = { shell, expected };
  g_autofree char *lower_case = g_ascii_strdown (typed, -1);

  gtk_editable_set_text (entry, "");
  /* The last look-up put the keyboard away: a tap on the entry brings it back. */
  gtk_widget_grab_focus (GTK_WIDGET (entry));
  kp_ui_test_spin (300);
  /* Without Shift the keys type small letters; a reference is read either way. */
  kp_ui_test_type_on_keyboard (root (shell), typed);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, lower_case);
  /* Enter on the on-screen keyboard looks the number up. */
  g_signal_emit_by_name (kp_ui_test_find_key (root (shell), "kp-key-enter"), "clicked");
  if (!kp_ui_test_wait_until (text_is_shown, &wait, 5000))
    {
      g_autofree char *shown = kp_ui_test_shown_text (root (shell));

      g_error ("After looking up “%s”, “%s” is not shown; the screen shows:\n%s", typed, expected,
               shown);
    }
}

static char *
submit_report (Shell *shell)
{
  g_autoptr (GError) error = NULL;
  char *reference = kp_outbox_submit (shell->outbox, "report", "{\"text\":\"lamp\"}", NULL, &error);

  g_assert_no_error (error);
  return reference;
}

/* A reference with one character changed: the check character catches it. */
static char *
with_typo (const char *reference)
{
  char *typo = g_strdup (reference);
  const char *alphabet = kp_reference_get_alphabet ();
  char *c = &typo[3];

  *c = (*c == alphabet[0]) ? alphabet[1] : alphabet[0];
  return typo;
}

static void
test_follow_your_report (Shell *shell, gconstpointer data)
{
  GtkEditable *entry = open_follow_page (shell);
  g_autofree char *pending = submit_report (shell);
  g_autofree char *delivered = submit_report (shell);
  g_autofree char *rejected = submit_report (shell);
  g_autofree char *typo = with_typo (pending);
  g_autofree char *unknown = NULL;
  g_autofree char *rejected_text = NULL;
  g_autoptr (GError) error = NULL;

  do
    {
      g_clear_pointer (&unknown, g_free);
      unknown = kp_reference_generate ();
    }
  while (g_str_equal (unknown, pending) || g_str_equal (unknown, delivered)
         || g_str_equal (unknown, rejected));

  /* The delivery agent's part, as kernpunt-syncd does it: claim all three, then decide. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (KpOutboxItem) claimed
          = kp_outbox_claim_due (shell->outbox, g_get_real_time (), &error);
      const char *reference;

      g_assert_no_error (error);
      g_assert_nonnull (claimed);
      reference = kp_outbox_item_get_reference (claimed);
      if (g_str_equal (reference, delivered))
        kp_outbox_mark_delivered (shell->outbox, reference, "ZAAK-2024-0042", "received",
                                  g_get_real_time (), &error);
      else if (g_str_equal (reference, rejected))
        kp_outbox_mark_rejected (shell->outbox, reference, "refused", &error);
      else
        kp_outbox_mark_retry (shell->outbox, reference, "offline",
                              g_get_real_time () + G_TIME_SPAN_HOUR, &error);
      g_assert_no_error (error);
    }

  look_up (shell, entry, pending,
           g_dgettext (GETTEXT_PACKAGE,
                       "Saved at the information point. It goes to the municipality soon."));
  screenshot (shell, "follow-keyboard");
  look_up (shell, entry, delivered,
           g_dgettext (GETTEXT_PACKAGE, "The municipality has received it."));
  assert_shows (shell, "ZAAK-2024-0042");
  rejected_text = g_strdup_printf (
      g_dgettext (GETTEXT_PACKAGE, "Something went wrong. Please ask a volunteer or call %s."),
      kp_config_get_phone (shell->config));
  look_up (shell, entry, rejected, rejected_text);
  look_up (shell, entry, typo,
           g_dgettext (GETTEXT_PACKAGE, "This number has a typo. Check it and try again."));
  look_up (shell, entry, unknown, g_dgettext (GETTEXT_PACKAGE, "We cannot find this number."));
  look_up (shell, entry, "kp",
           g_dgettext (GETTEXT_PACKAGE, "This number has a typo. Check it and try again."));
}

/* The keyboard comes with the entry and goes when the focus leaves it. */
static void
test_keyboard_follows_focus (Shell *shell, gconstpointer data)
{
  GtkEditable *entry = open_follow_page (shell);
  GtkWidget *keyboard = kp_ui_test_find_first (root (shell), KP_TYPE_KEYBOARD);
  GtkWidget *look_up_button
      = kp_ui_test_find_button (root (shell), g_dgettext (GETTEXT_PACKAGE, "Look up"));

  kp_ui_test_type_on_keyboard (root (shell), "kp");
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "kp");
  /* Keys never steal the focus, so the keyboard stays up while typing. */
  assert_keyboard_types_into (shell, entry);

  gtk_widget_grab_focus (look_up_button);
  kp_ui_test_spin (300);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_parent (keyboard))));
  g_assert_null (kp_keyboard_get_target (KP_KEYBOARD (keyboard)));
}

static gboolean
entry_text_is_nowhere (gpointer user_data)
{
  g_autoptr (GPtrArray) entries = kp_ui_test_find_all (GTK_WIDGET (user_data), GTK_TYPE_ENTRY);

  for (guint i = 0; i < entries->len; i++)
    {
      if (*gtk_editable_get_text (GTK_EDITABLE (g_ptr_array_index (entries, i))) != '\0')
        return FALSE;
    }
  return TRUE;
}

/* Whether this process offers any text on the display's clipboard or primary selection. */
static gboolean
holds_clipboard_text (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);

  return gdk_clipboard_get_content (gdk_display_get_clipboard (display)) != NULL
         || gdk_clipboard_get_content (gdk_display_get_primary_clipboard (display)) != NULL;
}

/*
 * What the next visitor must find: home, in Dutch, nothing typed, no
 * keyboard, nothing to paste.
 */
static void
assert_fresh_session (Shell *shell)
{
  GtkWidget *keyboard = kp_ui_test_find_first (root (shell), KP_TYPE_KEYBOARD);

  g_assert_cmpstr (kp_window_get_page_name (shell->window), ==, "home");
  g_assert_cmpstr (kp_window_get_language (shell->window), ==, "nl");
  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "nl");
  g_assert_true (entry_text_is_nowhere (shell->window));
  g_assert_false (holds_clipboard_text (root (shell)));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_parent (keyboard))));
  g_assert_null (kp_keyboard_get_target (KP_KEYBOARD (keyboard)));
  g_assert_false (kp_speaker_is_speaking (shell->speaker));
  assert_not_shows (shell, g_dgettext (GETTEXT_PACKAGE, "Are you still there?"));
  assert_shows (shell, g_dgettext (GETTEXT_PACKAGE, "Find information"));
}

static gboolean
home_is_shown (gpointer user_data)
{
  Shell *shell = user_data;

  return g_str_equal (kp_window_get_page_name (shell->window), "home");
}

static GtkEditable *
start_english_session_with_text (Shell *shell)
{
  GtkEditable *entry;

  press (shell, "English");
  entry = open_follow_page (shell);
  kp_ui_test_type_on_keyboard (root (shell), "kp7h");
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "kp7h");
  return entry;
}

/* The visitor selects what they typed (GTK offers it as the primary selection) and copies it. */
static void
select_and_copy (Shell *shell, GtkEditable *entry)
{
  GdkDisplay *display = gtk_widget_get_display (root (shell));
  g_autofree char *copied = NULL;

  gtk_editable_select_region (entry, 0, -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (gtk_editable_get_delegate (entry)),
                                             "clipboard.copy", NULL));
  /* The check bites: both hold the text now. */
  g_assert_true (gdk_clipboard_is_local (gdk_display_get_clipboard (display)));
  g_assert_nonnull (gdk_clipboard_get_content (gdk_display_get_primary_clipboard (display)));
  copied = kp_ui_test_read_clipboard_text (gdk_display_get_clipboard (display));
  g_assert_cmpstr (copied, ==, "kp7h");
}

static void
wait_for_countdown (Shell *shell)
{
  ShowWait wait = { shell, "Are you still there?" };

  g_assert_true (kp_ui_test_wait_until (text_is_shown, &wait, (SHORT_IDLE_SECONDS + 2) * 1000));
  assert_shows (shell, "Yes, continue");
  g_assert_true (kp_ui_test_shows (root (shell), "3 seconds left")
                 || kp_ui_test_shows (root (shell), "2 seconds left"));
}

static void
test_idle_wipe (Shell *shell, gconstpointer data)
{
  gint64 start = g_get_monotonic_time ();

  select_and_copy (shell, start_english_session_with_text (shell));
  wait_for_countdown (shell);
  /* Not before its time: the visitor had the idle time without being asked. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, (SHORT_IDLE_SECONDS - 1) * G_USEC_PER_SEC);
  g_assert_cmpstr (kp_window_get_page_name (shell->window), ==, "follow");
  screenshot (shell, "countdown");

  g_assert_true (kp_ui_test_wait_until (home_is_shown, shell, (COUNTDOWN_SECONDS + 2) * 1000));
  assert_fresh_session (shell);
}

static void
test_idle_continue (Shell *shell, gconstpointer data)
{
  GtkEditable *entry;

  start_english_session_with_text (shell);
  wait_for_countdown (shell);
  press (shell, "Yes, continue");
  assert_not_shows (shell, "Are you still there?");

  /* Longer than the countdown: the session goes on, with the visitor's text. */
  kp_ui_test_spin ((COUNTDOWN_SECONDS + 1) * 1000);
  g_assert_cmpstr (kp_window_get_page_name (shell->window), ==, "follow");
  g_assert_cmpstr (kp_window_get_language (shell->window), ==, "en");
  entry = GTK_EDITABLE (kp_ui_test_find_first (root (shell), GTK_TYPE_ENTRY));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "kp7h");
}

static void
test_done (Shell *shell, gconstpointer data)
{
  start_english_session_with_text (shell);
  press (shell, "Help");
  press (shell, "Done");
  assert_fresh_session (shell);
  assert_not_shows (shell, g_dgettext (GETTEXT_PACKAGE, "A volunteer is coming"));
}

/* The smallest a touch target may be on this screen, which is as wide as the kiosk's. */
static int
min_target_px (Shell *shell)
{
  GdkDisplay *display = gtk_widget_get_display (root (shell));
  GdkMonitor *monitor = gdk_display_get_monitor_at_surface (
      display, gtk_native_get_surface (GTK_NATIVE (shell->window)));
  GdkRectangle geometry;

  gdk_monitor_get_geometry (monitor, &geometry);
  g_assert_cmpint (geometry.width, ==, 1920);
  return kp_ui_test_min_target_px (root (shell), shell->config);
}

/* Every shown button is usable, and a screen without a few buttons is not what we meant to check. */
static void
assert_buttons_usable (Shell *shell, const char *where)
{
  g_autoptr (GPtrArray) buttons = kp_ui_test_find_all (root (shell), GTK_TYPE_BUTTON);
  guint n_shown = 0;

  kp_ui_test_assert_usable (root (shell), shell->config, where);
  for (guint i = 0; i < buttons->len; i++)
    {
      if (gtk_widget_get_mapped (g_ptr_array_index (buttons, i)))
        n_shown++;
    }
  g_assert_cmpuint (n_shown, >=, 3);
}

static void
test_touch_targets_and_labels (Shell *shell, gconstpointer data)
{
  guint n_topics;
  const KpTopic *topics = kp_topic_get_all (&n_topics);

  g_assert_cmpint (min_target_px (shell), >=, 60);
  assert_buttons_usable (shell, "home");
  for (guint i = 0; i < n_topics; i++)
    {
      gtk_widget_activate_action (root (shell), "kiosk.open", "s", topics[i].id);
      kp_ui_test_spin (50);
      assert_buttons_usable (shell, topics[i].id);
    }
  gtk_widget_activate_action (root (shell), "kiosk.home", NULL);
  open_follow_page (shell);
  assert_buttons_usable (shell, "follow, with the keyboard up");
  press (shell, g_dgettext (GETTEXT_PACKAGE, "Help"));
  assert_buttons_usable (shell, "help");
}

/* Tab alone reaches every tile and every button of the bar. */
static void
test_tab_order (Shell *shell, gconstpointer data)
{
  g_autoptr (GPtrArray) buttons = kp_ui_test_find_all (root (shell), GTK_TYPE_BUTTON);
  g_autoptr (GHashTable) reached = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < 60; i++)
    {
      GtkWidget *focus;

      gtk_widget_child_focus (root (shell), GTK_DIR_TAB_FORWARD);
      focus = gtk_root_get_focus (GTK_ROOT (shell->window));
      if (focus != NULL)
        g_hash_table_add (reached, focus);
    }
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);
      g_autofree char *words = kp_ui_test_button_words (button);

      if (gtk_widget_get_mapped (button) && !g_hash_table_contains (reached, button))
        g_error ("Tab never reaches “%s”", words);
    }
}

/* A visitor cannot close the kiosk, nor open a menu in it. */
static void
test_no_way_out (Shell *shell, gconstpointer data)
{
  GtkEditable *entry = open_follow_page (shell);
  GtkWidget *text = GTK_WIDGET (gtk_editable_get_delegate (entry));

  gtk_window_close (GTK_WINDOW (shell->window));
  kp_ui_test_spin (100);
  g_assert_true (gtk_widget_get_mapped (root (shell)));
  g_assert_true (gtk_window_is_fullscreen (GTK_WINDOW (shell->window))
                 || gtk_widget_get_width (root (shell)) >= 1900);
  g_assert_false (gtk_window_get_decorated (GTK_WINDOW (shell->window)));

  /* Right click or long press on the entry would open this menu. */
  gtk_widget_activate_action (text, "menu.popup", NULL);
  kp_ui_test_spin (100);
  g_assert_null (kp_ui_test_find_first (text, GTK_TYPE_POPOVER));
}

static void
add_shell_test (const char *path, guint idle_seconds, void (*test) (Shell *, gconstpointer))
{
  g_test_add (path, Shell, GUINT_TO_POINTER (idle_seconds), shell_setup, test, shell_teardown);
}

int
main (int argc, char *argv[])
{
  g_autofree char *home = kp_test_init_home ();

  kp_ui_test_init (&argc, &argv);

  add_shell_test ("/shell/home-screen", 0, test_home_screen);
  add_shell_test ("/shell/home-fits-with-printer-banner", 0, test_home_fits_with_printer_banner);
  add_shell_test ("/shell/dutch-is-complete", 0, test_dutch_is_complete);
  add_shell_test ("/shell/every-tile-and-back", 0, test_every_tile_and_back);
  add_shell_test ("/shell/back-history", 0, test_back_history);
  add_shell_test ("/shell/help", 0, test_help);
  add_shell_test ("/shell/read-aloud", 0, test_read_aloud);
  add_shell_test ("/shell/follow-your-report", 0, test_follow_your_report);
  add_shell_test ("/shell/keyboard-follows-focus", 0, test_keyboard_follows_focus);
  add_shell_test ("/shell/idle-wipe", SHORT_IDLE_SECONDS, test_idle_wipe);
  add_shell_test ("/shell/idle-continue", SHORT_IDLE_SECONDS, test_idle_continue);
  add_shell_test ("/shell/done", 0, test_done);
  add_shell_test ("/shell/no-way-out", 0, test_no_way_out);
  add_shell_test ("/shell/touch-targets-and-labels", 0, test_touch_targets_and_labels);
  add_shell_test ("/shell/tab-order", 0, test_tab_order);

  return g_test_run ();
}
