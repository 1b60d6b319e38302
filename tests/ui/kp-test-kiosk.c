/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-test-kiosk.h"

#include "kp-accessible-label.h"
#include "kp-guide.h"
#include "kp-keyboard.h"
#include "kp-page-bar.h"
#include "kp-topic.h"

void
kp_test_kiosk_setup (KpTestKiosk *kiosk, gconstpointer data)
{
  const char *extra_config = data;
  g_autofree char *data_dir = kp_test_make_tmpdir ("data");
  g_autofree char *slip_dir = kp_test_make_tmpdir ("slips");
  g_autofree char *config_text = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr (GError) error = NULL;

  kiosk->speech_dir = kp_test_make_tmpdir ("speech");
  kiosk->log_path = g_build_filename (kiosk->speech_dir, "said.txt", NULL);
  config_text = g_strdup_printf ("[storage]\ndata-dir=%s\n[speech]\noutput-folder=%s\n"
                                 "log-file=%s\n[session]\nidle-seconds=3600\n"
                                 "[printer]\npdf-folder=%s\n%s",
                                 data_dir, kiosk->speech_dir, kiosk->log_path, slip_dir,
                                 extra_config != NULL ? extra_config : "");
  kiosk->config = kp_config_new_from_data (config_text, &error);
  g_assert_no_error (error);

  db_path = kp_config_dup_database_path (kiosk->config);
  kiosk->store = kp_store_open (db_path, &error);
  g_assert_no_error (error);
  kiosk->outbox = kp_outbox_new (kiosk->store);
  kiosk->speaker = kp_speaker_new ();
  kp_speaker_set_output_folder (kiosk->speaker, kp_config_get_speech_output_folder (kiosk->config));
  kp_speaker_set_log_file (kiosk->speaker, kp_config_get_speech_log_file (kiosk->config));

  /*
   * Speech mode moves the focus ring over hundreds of widgets; each move
   * restarts libadwaita's CSS transitions, and GTK 4.8 now and then loses
   * one such style object (a leak LeakSanitizer reports from GTK's own
   * frames, never ours). The walks test what is spoken and focused, not
   * how it fades, so they run without animations.
   */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  kiosk->window = kp_ui_test_open_window (kiosk->config, kiosk->outbox, kiosk->speaker);
}

gboolean
kp_test_kiosk_speaker_is_quiet (gpointer user_data)
{
  return !kp_speaker_is_speaking (KP_SPEAKER (user_data));
}

void
kp_test_kiosk_teardown (KpTestKiosk *kiosk, gconstpointer data)
{
  kp_ui_test_close_window (kiosk->window);
  kp_speaker_stop (kiosk->speaker);
  g_assert_true (kp_ui_test_wait_until (kp_test_kiosk_speaker_is_quiet, kiosk->speaker, 5000));
  kp_ui_test_spin (50);
  g_assert_finalize_object (kiosk->speaker);
  g_assert_finalize_object (kiosk->outbox);
  g_assert_finalize_object (kiosk->store);
  g_assert_finalize_object (kiosk->config);
  kp_test_remove_tree (kiosk->speech_dir);
  g_free (kiosk->speech_dir);
  g_free (kiosk->log_path);
}

KpSpeechMode *
kp_test_kiosk_speech_mode (KpTestKiosk *kiosk)
{
  return kp_window_get_speech_mode (kiosk->window);
}

/* (transfer container) what speech mode walks through on the screen now */
GPtrArray *
kp_test_kiosk_list_screen (KpTestKiosk *kiosk)
{
  return kp_speech_mode_list_elements (kp_window_get_reading_root (kiosk->window));
}

/* (transfer full) every line the speaker logged, oldest first */
GStrv
kp_test_kiosk_read_log (KpTestKiosk *kiosk)
{
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;

  if (!g_file_get_contents (kiosk->log_path, &text, NULL, &error))
    return g_new0 (char *, 1);
  g_strchomp (text);
  return g_strsplit (text, "\n", -1);
}

/* (transfer full) */
char *
kp_test_kiosk_last_said (KpTestKiosk *kiosk)
{
  g_auto (GStrv) lines = kp_test_kiosk_read_log (kiosk);
  guint n = g_strv_length (lines);

  return g_strdup (n > 0 ? lines[n - 1] : "");
}

/* One keypad key pressed and let go, as a finger does. */
void
kp_test_kiosk_tap (KpTestKiosk *kiosk, guint keyval)
{
  g_assert_true (kp_speech_mode_key_pressed (kp_test_kiosk_speech_mode (kiosk), keyval, 0));
  kp_speech_mode_key_released (kp_test_kiosk_speech_mode (kiosk), keyval);
  kiosk->presses++;
  if (keyval == KP_TEST_KIOSK_KEY_ACTION)
    kp_ui_test_spin (KP_TEST_KIOSK_SETTLE_MS);
}

/* The log keeps one utterance on one line: line breaks become spaces. */
static char *
as_logged (const char *text)
{
  return g_strdelimit (g_strstrip (g_strdup (text)), "\r\n", ' ');
}

/* The sentence for @element has its words, and is what the speaker was given last. */
void
kp_test_kiosk_assert_spoken (KpTestKiosk *kiosk, GtkWidget *element)
{
  g_autofree char *said = kp_test_kiosk_last_said (kiosk);
  g_autofree char *sentence
      = as_logged (kp_speech_mode_get_last_sentence (kp_test_kiosk_speech_mode (kiosk)));
  g_autofree char *words = GTK_IS_LABEL (element)
                               ? g_strdup (gtk_label_get_text (GTK_LABEL (element)))
                               : kp_accessible_label_dup (element);
  g_autofree char *label = as_logged (words);

  g_assert_cmpstr (said, ==, sentence);
  if (*label == '\0')
    g_error ("An element of “%s” was spoken without words: “%s”",
             kp_window_get_page_name (kiosk->window), said);
  /*
   * Personal details on screen are named, not read, on the loudspeaker;
   * the first time, the resident is asked whether they may be.
   */
  if (kp_speech_mode_get_asking (kp_test_kiosk_speech_mode (kiosk)))
    kp_test_assert_contains (said, kp_ui_test_tr ("Say your details out loud?"));
  else if (!g_str_equal (said, kp_ui_test_tr ("Your details, not said on the loudspeaker")))
    kp_test_assert_contains (said, label);
}

/* The element spoken is the one with the focus, where it can take it, and wears the ring. */
void
kp_test_kiosk_assert_spoken_and_focused (KpTestKiosk *kiosk, GtkWidget *current)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (kiosk->window));

  g_assert_nonnull (current);
  kp_test_kiosk_assert_spoken (kiosk, current);
  if (kp_speech_mode_is_interactive (current) && focus != current
      && (focus == NULL || !gtk_widget_is_ancestor (focus, current)))
    g_error ("“%s” was spoken but did not get the focus",
             kp_speech_mode_get_last_sentence (kp_test_kiosk_speech_mode (kiosk)));
  g_assert_true (gtk_widget_has_css_class (current, "speech-focus"));
}

/*
 * Once round the screen with Down, back to where it began: every element
 * is reached, focused when it can be, and spoken with its words. The
 * keyboard comes and goes with the focus on the way, so the round is not
 * counted in advance. These presses are counted apart.
 */
void
kp_test_kiosk_tour_screen (KpTestKiosk *kiosk)
{
  g_autoptr (GPtrArray) elements = kp_test_kiosk_list_screen (kiosk);
  g_autoptr (GHashTable) reached = g_hash_table_new (NULL, NULL);
  GtkWidget *start = kp_speech_mode_get_current (kp_test_kiosk_speech_mode (kiosk));
  guint presses = kiosk->presses;

  g_assert_cmpuint (elements->len, >, 0);
  for (guint step = 0; step < KP_TEST_KIOSK_MAX_STEPS; step++)
    {
      GtkWidget *current;

      kp_test_kiosk_tap (kiosk, KP_TEST_KIOSK_KEY_DOWN);
      current = kp_speech_mode_get_current (kp_test_kiosk_speech_mode (kiosk));
      kp_test_kiosk_assert_spoken_and_focused (kiosk, current);
      if (start == NULL)
        start = current;
      else if (current == start)
        break;
      g_hash_table_add (reached, current);
    }
  g_hash_table_add (reached, start);
  for (guint i = 0; i < elements->len; i++)
    {
      if (!g_hash_table_contains (reached, g_ptr_array_index (elements, i)))
        {
          g_autofree char *missed
              = kp_speech_mode_describe (g_ptr_array_index (elements, i), FALSE);

          g_error ("On “%s”, “%s” was never reached", kp_window_get_page_name (kiosk->window),
                   missed);
        }
    }
  kiosk->tour_presses += kiosk->presses - presses;
  kiosk->presses = presses;
}

typedef gboolean (*KpTestKioskMatch) (GtkWidget *element, const char *words);

gboolean
kp_test_kiosk_label_is (GtkWidget *element, const char *words)
{
  g_autofree char *label = kp_accessible_label_dup (element);

  return kp_speech_mode_is_interactive (element) && g_str_equal (label, words);
}

/* A guide card says its title and then its summary. */
gboolean
kp_test_kiosk_label_starts_with (GtkWidget *element, const char *words)
{
  g_autofree char *label = kp_accessible_label_dup (element);

  return kp_speech_mode_is_interactive (element) && g_str_has_prefix (label, words);
}

static gboolean
is_key (GtkWidget *element)
{
  return gtk_widget_get_ancestor (element, KP_TYPE_KEYBOARD) != NULL;
}

/* The step's field: on it, the on-screen keyboard comes up. */
gboolean
kp_test_kiosk_is_text_field (GtkWidget *element, const char *words)
{
  return GTK_IS_EDITABLE (element);
}

gboolean
kp_test_kiosk_is_page_button (GtkWidget *element, const char *words)
{
  return GTK_IS_BUTTON (element) && gtk_widget_get_ancestor (element, KP_TYPE_PAGE_BAR) == NULL;
}

int
kp_test_kiosk_find_element (GPtrArray *elements, KpTestKioskMatch match, const char *words)
{
  for (guint i = 0; i < elements->len; i++)
    {
      if (match (g_ptr_array_index (elements, i), words))
        return (int) i;
    }
  return -1;
}

static G_NORETURN void
fail_not_found (GPtrArray *elements, const char *words)
{
  g_autoptr (GString) screen = g_string_new (NULL);

  for (guint i = 0; i < elements->len; i++)
    {
      g_autofree char *sentence = kp_speech_mode_describe (g_ptr_array_index (elements, i), FALSE);

      g_string_append_printf (screen, "  %s\n", sentence);
    }
  g_error ("Nothing called “%s” to walk to; speech mode would say:\n%s", words, screen->str);
}

/*
 * Up or Down, whichever is shorter, until speech mode is on the element
 * @match finds; the screen is looked at anew after each press, as the
 * keyboard comes and goes with the focus.
 */
void
kp_test_kiosk_walk_to (KpTestKiosk *kiosk, KpTestKioskMatch match, const char *words)
{
  guint key = 0;

  for (guint step = 0; step < KP_TEST_KIOSK_MAX_STEPS; step++)
    {
      g_autoptr (GPtrArray) elements = kp_test_kiosk_list_screen (kiosk);
      GtkWidget *current = kp_speech_mode_get_current (kp_test_kiosk_speech_mode (kiosk));
      int target = kp_test_kiosk_find_element (elements, match, words);
      guint index;
      int n = (int) elements->len;
      int down;

      if (target < 0)
        fail_not_found (elements, words);
      /*
       * Already there, as for a letter typed twice, the last sentence is
       * what the key typed ("Typed" in a field of personal details).
       */
      if (current == g_ptr_array_index (elements, target) && step == 0)
        return;
      if (current == g_ptr_array_index (elements, target))
        {
          kp_test_kiosk_assert_spoken_and_focused (kiosk, current);
          return;
        }
      /* Chosen once: the keyboard showing up on the way must not turn the walk round. */
      if (key == 0)
        {
          down = current != NULL && g_ptr_array_find (elements, current, &index)
                     ? (target - (int) index + n) % n
                     : target + 1;
          key = down <= n - down ? KP_TEST_KIOSK_KEY_DOWN : KP_TEST_KIOSK_KEY_UP;
          /*
           * Round the end of the screen, the focus would leave the field
           * and the keyboard go down: keys are reached without wrapping.
           */
          if (is_key (g_ptr_array_index (elements, target)) && current != NULL
              && g_ptr_array_find (elements, current, &index))
            key = (int) index < target ? KP_TEST_KIOSK_KEY_DOWN : KP_TEST_KIOSK_KEY_UP;
        }
      kp_test_kiosk_tap (kiosk, key);
    }
  g_error ("“%s” not reached in %d presses", words, KP_TEST_KIOSK_MAX_STEPS);
}

void
kp_test_kiosk_choose (KpTestKiosk *kiosk, const char *words)
{
  kp_test_kiosk_walk_to (kiosk, kp_test_kiosk_label_is, words);
  kp_test_kiosk_tap (kiosk, KP_TEST_KIOSK_KEY_ACTION);
}

void
kp_test_kiosk_choose_tr (KpTestKiosk *kiosk, const char *words)
{
  kp_test_kiosk_choose (kiosk, kp_ui_test_tr (words));
}

/* The on-screen keyboard slides up a moment after its field takes the focus. */
static gboolean
keys_are_up (gpointer user_data)
{
  g_autoptr (GPtrArray) elements = kp_test_kiosk_list_screen (user_data);

  return kp_test_kiosk_find_element (elements, kp_test_kiosk_label_is, kp_ui_test_tr ("Space"))
         >= 0;
}

/* Types lower-case @text on the on-screen keyboard with the keypad alone, switching layouts. */
void
kp_test_kiosk_type_text (KpTestKiosk *kiosk, const char *text)
{
  for (const char *c = text; *c != '\0'; c++)
    {
      char key[2] = { *c, '\0' };
      const char *words = *c == ' ' ? kp_ui_test_tr ("Space") : key;
      g_autoptr (GPtrArray) elements = kp_test_kiosk_list_screen (kiosk);

      if (kp_test_kiosk_find_element (elements, kp_test_kiosk_label_is, words) < 0
          && kp_test_kiosk_find_element (elements, kp_test_kiosk_label_is, kp_ui_test_tr ("Space"))
                 < 0)
        {
          kp_test_kiosk_walk_to (kiosk, kp_test_kiosk_is_text_field, "a text field");
          g_assert_true (kp_ui_test_wait_until (keys_are_up, kiosk, KP_TEST_KIOSK_WAIT_MS));
        }
      g_clear_pointer (&elements, g_ptr_array_unref);
      elements = kp_test_kiosk_list_screen (kiosk);
      if (kp_test_kiosk_find_element (elements, kp_test_kiosk_label_is, words) < 0)
        kp_test_kiosk_choose_tr (kiosk, g_ascii_isdigit (*c) ? "Numbers" : "Letters");
      kp_test_kiosk_choose (kiosk, words);
    }
}

void
kp_test_kiosk_tour_and_choose (KpTestKiosk *kiosk, const char *words)
{
  kp_test_kiosk_tour_screen (kiosk);
  kp_test_kiosk_choose_tr (kiosk, words);
}

void
kp_test_kiosk_start_speech_mode (KpTestKiosk *kiosk)
{
  g_autofree char *said = NULL;

  g_assert_false (kp_speech_mode_get_active (kp_test_kiosk_speech_mode (kiosk)));
  kp_test_kiosk_tap (kiosk, KP_TEST_KIOSK_KEY_DOWN);
  g_assert_true (kp_speech_mode_get_active (kp_test_kiosk_speech_mode (kiosk)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (kiosk->window), "speech-mode"));
  said = kp_test_kiosk_last_said (kiosk);
  kp_test_assert_contains (
      said, kp_ui_test_tr ("Speech is on. Up and Down go through the screen. Action "
                           "chooses. Back goes back. Help tells you where you are."));
}

void
kp_test_kiosk_wait_for_page (KpTestKiosk *kiosk, const char *page)
{
  for (guint i = 0; i < KP_TEST_KIOSK_WAIT_MS / 50
                    && g_strcmp0 (kp_window_get_page_name (kiosk->window), page) != 0;
       i++)
    kp_ui_test_spin (50);
  g_assert_cmpstr (kp_window_get_page_name (kiosk->window), ==, page);
}

/* @details was in no sentence said so far, not even in part of one. */
void
kp_test_kiosk_assert_never_said (KpTestKiosk *kiosk, const char *details)
{
  g_auto (GStrv) said = kp_test_kiosk_read_log (kiosk);

  for (guint i = 0; said[i] != NULL; i++)
    {
      if (strstr (said[i], details) != NULL)
        g_error ("“%s” was said on the loudspeaker: “%s”", details, said[i]);
    }
}

void
kp_test_kiosk_report_presses (KpTestKiosk *kiosk, const char *flow)
{
  g_test_message ("%s eyes-free: %u key presses to complete, %u more to hear every screen whole",
                  flow, kiosk->presses, kiosk->tour_presses);
  g_print ("# %s eyes-free: %u key presses to complete, %u more to hear every screen whole\n", flow,
           kiosk->presses, kiosk->tour_presses);
}

static gboolean
receipt_is_shown (gpointer user_data)
{
  KpTestKiosk *kiosk = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = kp_outbox_list (kiosk->outbox, &error);

  return items != NULL && items->len == 1
         && kp_ui_test_shows (GTK_WIDGET (kiosk->window),
                              kp_outbox_item_get_reference (g_ptr_array_index (items, 0)));
}

/* (transfer full) the one submission, once its receipt is on screen */
KpOutboxItem *
kp_test_kiosk_wait_for_receipt (KpTestKiosk *kiosk, const char *kind)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = NULL;

  g_assert_true (kp_ui_test_wait_until (receipt_is_shown, kiosk, KP_TEST_KIOSK_WAIT_MS));
  items = kp_outbox_list (kiosk->outbox, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kp_outbox_item_get_kind (g_ptr_array_index (items, 0)), ==, kind);
  return g_object_ref (g_ptr_array_index (items, 0));
}

/* Typed into the step's field with the keypad, then Next. */
void
kp_test_kiosk_answer (KpTestKiosk *kiosk, const char *text)
{
  kp_test_kiosk_tour_screen (kiosk);
  kp_test_kiosk_type_text (kiosk, text);
  kp_test_kiosk_choose_tr (kiosk, "Next");
}

/* Each page the window can open, at its first screen. (transfer full) */
GPtrArray *
kp_test_kiosk_list_page_names (void)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *folder = kp_guide_dup_default_folder ();
  g_autoptr (KpGuide) guide = kp_guide_load (folder, "nl", NULL);
  const KpTopic *topics;
  guint n_topics;
  GPtrArray *groups;

  topics = kp_topic_get_all (&n_topics);
  for (guint i = 0; i < n_topics; i++)
    g_ptr_array_add (names, g_strdup (topics[i].id));
  g_ptr_array_add (names, g_strdup ("home"));
  g_ptr_array_add (names, g_strdup ("follow"));
  g_ptr_array_add (names, g_strdup ("found-lost"));
  g_assert_nonnull (guide);
  groups = kp_guide_get_groups (guide);
  for (guint i = 0; i < groups->len; i++)
    {
      const KpGuideGroup *group = g_ptr_array_index (groups, i);

      g_ptr_array_add (names, g_strconcat ("group:", group->id, NULL));
      g_ptr_array_add (names, g_strconcat ("topic:", group->topics[0], NULL));
    }
  return names;
}

/* An entry takes the focus through the GtkText inside it. */
static gboolean
takes_focus (GtkWidget *element)
{
  GtkEditable *delegate
      = GTK_IS_EDITABLE (element) ? gtk_editable_get_delegate (GTK_EDITABLE (element)) : NULL;

  return gtk_widget_get_focusable (element)
         || (delegate != NULL && gtk_widget_get_focusable (GTK_WIDGET (delegate)));
}

/* (nullable) (transfer full): what is wrong with @element, or NULL */
static char *
lint_element (GtkWidget *element)
{
  g_autofree char *label = kp_accessible_label_dup (element);
  g_autofree char *mismatch = NULL;

  if (*label == '\0')
    return g_strdup_printf ("a %s has no label", G_OBJECT_TYPE_NAME (element));
  if (!takes_focus (element))
    return g_strdup_printf ("“%s” is not in the focus order", label);
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (element), GTK_ACCESSIBLE_PROPERTY_LABEL))
    mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (element),
                                                   GTK_ACCESSIBLE_PROPERTY_LABEL, label);
  if (mismatch != NULL)
    return g_strdup_printf ("speech mode says “%s”, a screen reader “%s”", label, mismatch);
  return NULL;
}

/* (nullable) (transfer full): the first problem on the screen now, or NULL */
char *
kp_test_kiosk_lint_screen (KpTestKiosk *kiosk)
{
  g_autoptr (GPtrArray) elements = kp_test_kiosk_list_screen (kiosk);
  guint n_interactive = 0;

  for (guint i = 0; i < elements->len; i++)
    {
      GtkWidget *element = g_ptr_array_index (elements, i);
      char *problem;

      if (!kp_speech_mode_is_interactive (element))
        continue;
      n_interactive++;
      problem = lint_element (element);
      if (problem != NULL)
        return problem;
    }
  return n_interactive > 0 ? NULL : g_strdup ("nothing to act on");
}
