/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-accessible-label.h"
#include "kp-callback-request.h"
#include "kp-date-text.h"
#include "kp-fake-pactl.h"
#include "kp-guide.h"
#include "kp-pdf-test-helpers.h"
#include "kp-receipt-page.h"
#include "kp-reference.h"
#include "kp-test-kiosk.h"

#include <glib/gstdio.h>

#define WAIT_MS           KP_TEST_KIOSK_WAIT_MS
#define SETTLE_MS         KP_TEST_KIOSK_SETTLE_MS
#define N_LATENCY_SAMPLES 50

/*
 * The keypad of this kiosk types the number pad's keys, as many USB
 * keypads do; the walks press those, so the [speech-mode] mapping is used.
 */
#define KEYPAD_CONFIG                                                                              \
  "[speech-mode]\nkey-up=KP_8\nkey-down=KP_2\nkey-action=KP_5\nkey-help=KP_0\nkey-back=KP_"        \
  "Decimal\nkey-louder=KP_Add\nkey-softer=KP_Subtract\nheadset=no\n"
/* The keypad on a kiosk whose audio server tells when a headset is plugged in. */
#define AUDIO_SERVER_CONFIG                                                                        \
  "[speech-mode]\nkey-up=KP_8\nkey-down=KP_2\nkey-action=KP_5\nkey-help=KP_0\nkey-back=KP_"        \
  "Decimal\nheadset=auto\n"
/* A session that goes idle after the shortest time allowed, twice that in speech mode. */
#define IDLE_SECONDS 5
#define SHORT_IDLE_CONFIG                                                                          \
  "[session]\nidle-seconds=5\ncountdown-seconds=30\n[speech-mode]\nidle-factor=2\n"
/* The same keypad with a headset always plugged in: a kiosk without jack sensing. */
#define HEADSET_CONFIG                                                                             \
  "[speech-mode]\nkey-up=KP_8\nkey-down=KP_2\nkey-action=KP_5\nkey-help=KP_0\nkey-back=KP_"        \
  "Decimal\nheadset=yes\n"
#define KEY_UP     GDK_KEY_KP_8
#define KEY_DOWN   GDK_KEY_KP_2
#define KEY_ACTION GDK_KEY_KP_5
#define KEY_HELP   GDK_KEY_KP_0
#define KEY_BACK   GDK_KEY_KP_Decimal

/* A kiosk whose audio server (a stand-in) tells when a headset is plugged in. */
typedef struct
{
  KpTestKiosk kiosk;
  KpFakePactl *pactl;
} AudioKiosk;

/* The audio server says no headset is plugged in, until the test plugs one. */
static void
audio_kiosk_setup (AudioKiosk *audio, gconstpointer data)
{
  audio->pactl = kp_fake_pactl_new ();
  kp_test_kiosk_setup (&audio->kiosk, data);
}

static void
audio_kiosk_teardown (AudioKiosk *audio, gconstpointer data)
{
  kp_test_kiosk_teardown (&audio->kiosk, data);
  g_clear_pointer (&audio->pactl, kp_fake_pactl_free);
}

/* The log keeps one utterance on one line: line breaks become spaces. */
static char *
as_logged (const char *text)
{
  return g_strdelimit (g_strstrip (g_strdup (text)), "\r\n", ' ');
}

/* (nullable) (transfer full): the first sentence said that holds @words */
static char *
find_said (KpTestKiosk *kiosk, const char *words)
{
  g_auto (GStrv) said = kp_test_kiosk_read_log (kiosk);

  for (guint i = 0; said[i] != NULL; i++)
    {
      if (strstr (said[i], words) != NULL)
        return g_strdup (said[i]);
    }
  return NULL;
}

/* Home, Find information, a theme, a topic: the topic's page opens. */
static void
test_walk_guidance_topic (KpTestKiosk *kiosk, gconstpointer data)
{
  g_autofree char *folder = kp_guide_dup_default_folder ();
  g_autoptr (GError) error = NULL;
  g_autoptr (KpGuide) guide
      = kp_guide_load (folder, kp_window_get_language (kiosk->window), &error);
  const KpGuideGroup *group;
  KpGuideTopic *topic;
  g_autofree char *topic_page = NULL;

  g_assert_no_error (error);
  group = g_ptr_array_index (kp_guide_get_groups (guide), 0);
  topic = kp_guide_lookup_topic (guide, group->topics[0]);
  g_assert_nonnull (topic);

  kp_test_kiosk_start_speech_mode (kiosk);
  kp_test_kiosk_tour_and_choose (kiosk, "Find information");
  kp_test_kiosk_wait_for_page (kiosk, "information");
  kp_test_kiosk_tour_screen (kiosk);
  kp_test_kiosk_choose (kiosk, group->title);
  kp_test_kiosk_tour_screen (kiosk);
  kp_test_kiosk_walk_to (kiosk, kp_test_kiosk_label_starts_with, kp_guide_topic_get_title (topic));
  kp_test_kiosk_tap (kiosk, KEY_ACTION);
  topic_page = g_strconcat ("topic:", group->topics[0], NULL);
  kp_test_kiosk_wait_for_page (kiosk, topic_page);
  kp_test_kiosk_tour_screen (kiosk);
  kp_test_kiosk_report_presses (kiosk, "guidance topic");
}

/* How many times @sentence was said, whole. */
static guint
count_said (KpTestKiosk *kiosk, const char *sentence)
{
  g_auto (GStrv) said = kp_test_kiosk_read_log (kiosk);
  guint n = 0;

  for (guint i = 0; said[i] != NULL; i++)
    n += g_str_equal (said[i], sentence);
  return n;
}

/* Call me back, filled in and sent by keypad alone; returns the request stored. */
static KpOutboxItem *
walk_callback (KpTestKiosk *kiosk)
{
  KpOutboxItem *item;

  kp_test_kiosk_start_speech_mode (kiosk);
  kp_test_kiosk_tour_and_choose (kiosk, "Call me back");
  kp_test_kiosk_wait_for_page (kiosk, "callback");
  kp_test_kiosk_answer (kiosk, "huurtoeslag");
  kp_test_kiosk_answer (kiosk, "wim");
  kp_test_kiosk_answer (kiosk, "0612345678");
  kp_test_kiosk_tour_screen (kiosk);
  kp_test_kiosk_choose (kiosk, kp_part_of_day_get_label (KP_PART_OF_DAY_MORNING));
  kp_test_kiosk_tour_screen (kiosk);
  kp_test_kiosk_choose_tr (kiosk, "Send request");
  item = kp_test_kiosk_wait_for_receipt (kiosk, "callback");
  kp_test_assert_contains (kp_outbox_item_get_payload (item), "0612345678");
  kp_test_assert_contains (kp_outbox_item_get_payload (item), "huurtoeslag");
  /* The receipt is said as it comes: the slip, whole. */
  kp_ui_test_spin (SETTLE_MS);
  g_assert_true (gtk_widget_has_css_class (
      kp_speech_mode_get_current (kp_test_kiosk_speech_mode (kiosk)), "receipt-heading"));
  return item;
}

/* (transfer full) the reference as speech spells it */
static char *
spell_reference (KpOutboxItem *item)
{
  return kp_reference_spell (kp_outbox_item_get_reference (item));
}

/*
 * On the loudspeaker: asked once whether details may be said, and going
 * on (Down) is no. Typed, read back, checked and on the receipt, the name,
 * phone number and reference were never said.
 */
static void
test_walk_callback (KpTestKiosk *kiosk, gconstpointer data)
{
  g_autoptr (KpOutboxItem) item = walk_callback (kiosk);
  g_autofree char *spelled = spell_reference (item);
  g_autofree char *question = as_logged (kp_ui_test_tr (
      "Say your details out loud? People nearby can hear them. Press Action for yes, "
      "or Back for no."));

  kp_test_kiosk_tour_screen (kiosk);
  kp_test_kiosk_report_presses (kiosk, "call-me-back");
  kp_test_kiosk_assert_never_said (kiosk, "0612345678");
  kp_test_kiosk_assert_never_said (kiosk, "wim");
  kp_test_kiosk_assert_never_said (kiosk, spelled);
  kp_test_kiosk_assert_never_said (kiosk, kp_outbox_item_get_reference (item));
  g_assert_cmpuint (count_said (kiosk, question), ==, 1);
}

static void
test_walk_report (KpTestKiosk *kiosk, gconstpointer data)
{
  g_autoptr (KpOutboxItem) item = NULL;

  kp_test_kiosk_start_speech_mode (kiosk);
  kp_test_kiosk_tour_and_choose (kiosk, "Report a problem outside");
  kp_test_kiosk_wait_for_page (kiosk, "report-outside");
  kp_test_kiosk_tour_and_choose (kiosk, "Waste");
  kp_test_kiosk_tour_and_choose (kiosk, "Container is full");
  kp_test_kiosk_tour_and_choose (kiosk, "Here, near this information point");
  kp_test_kiosk_answer (kiosk, "de container is vol");
  kp_test_kiosk_tour_and_choose (kiosk, "No, that is not needed");
  kp_test_kiosk_tour_and_choose (kiosk, "Send report");
  item = kp_test_kiosk_wait_for_receipt (kiosk, "report");
  kp_test_assert_contains (kp_outbox_item_get_payload (item), "de container is vol");
  kp_ui_test_spin (SETTLE_MS);
  kp_test_kiosk_tour_screen (kiosk);
  kp_test_kiosk_report_presses (kiosk, "report a problem");
}

/*
 * Help says where you are, pressed again what you can do; held for a
 * second it repeats the last sentence. Back goes back. Done ends the
 * session, and speech mode with it.
 */
static void
test_help_back_and_session_end (KpTestKiosk *kiosk, gconstpointer data)
{
  KpSpeechMode *mode = kp_test_kiosk_speech_mode (kiosk);
  g_autofree char *where = NULL;
  g_autofree char *can = NULL;
  g_autofree char *repeated = NULL;
  g_autofree char *before = NULL;

  kp_test_kiosk_start_speech_mode (kiosk);
  kp_test_kiosk_choose_tr (kiosk, "Call me back");
  kp_test_kiosk_wait_for_page (kiosk, "callback");
  kp_test_kiosk_tap (kiosk, KEY_HELP);
  where = kp_test_kiosk_last_said (kiosk);
  kp_test_assert_contains (where, kp_ui_test_tr ("Press Help again to hear what you can do here."));
  kp_test_kiosk_tap (kiosk, KEY_HELP);
  can = kp_test_kiosk_last_said (kiosk);
  kp_test_assert_contains (can, kp_ui_test_tr ("You can choose:"));
  kp_test_assert_contains (can, kp_ui_test_tr ("Next"));

  /* Held: nothing new on the press; the last sentence again after a second. */
  before = g_strdup (kp_speech_mode_get_last_sentence (mode));
  g_assert_true (kp_speech_mode_key_pressed (mode, KEY_HELP, 0));
  kp_ui_test_spin (1200);
  kp_speech_mode_key_released (mode, KEY_HELP);
  repeated = kp_test_kiosk_last_said (kiosk);
  g_assert_cmpstr (repeated, ==, before);

  /* A letter typed on a keyboard is not the keypad's: it goes on to the field. */
  g_assert_false (kp_speech_mode_key_pressed (mode, GDK_KEY_a, 0));
  /* Nor is Alt+Left, the volunteer's Back. */
  g_assert_false (kp_speech_mode_key_pressed (mode, GDK_KEY_Up, GDK_ALT_MASK));

  g_assert_true (kp_speech_mode_key_pressed (mode, GDK_KEY_Escape, 0));
  kp_ui_test_spin (SETTLE_MS);
  g_assert_cmpstr (kp_window_get_page_name (kiosk->window), ==, "home");

  gtk_widget_activate_action (GTK_WIDGET (kiosk->window), "kiosk.done", NULL);
  g_assert_false (kp_speech_mode_get_active (mode));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (kiosk->window), "speech-mode"));
  g_assert_cmpstr (kp_speech_mode_get_last_sentence (mode), ==, "");
}

/* On the step's field, with its keyboard up, types @text. */
static void
type_into_field (KpTestKiosk *kiosk, const char *text)
{
  kp_ui_test_spin (SETTLE_MS);
  kp_test_kiosk_walk_to (kiosk, kp_test_kiosk_is_text_field, "the step's field");
  /* Waits, there, for the keyboard to come up. */
  kp_test_kiosk_type_text (kiosk, text);
}

/* Call me back up to the name: "wim" typed, then the field itself said. */
static void
type_name_and_return_to_it (KpTestKiosk *kiosk)
{
  kp_test_kiosk_choose_tr (kiosk, "Call me back");
  kp_test_kiosk_wait_for_page (kiosk, "callback");
  type_into_field (kiosk, "huurtoeslag");
  kp_test_kiosk_choose_tr (kiosk, "Next");
  type_into_field (kiosk, "wim");
  kp_test_kiosk_walk_to (kiosk, kp_test_kiosk_is_text_field, "the name field");
}

typedef struct
{
  guint answer_key;
  gboolean said;
} ConsentCase;

/*
 * "Say your details out loud?", asked once, shown as well as said:
 * Action says them from then on, Back keeps them off the loudspeaker.
 */
static void
test_details_asked_once (KpTestKiosk *kiosk, gconstpointer data)
{
  static const ConsentCase cases[] = { { KEY_BACK, FALSE }, { KEY_ACTION, TRUE } };
  KpSpeechMode *mode = kp_test_kiosk_speech_mode (kiosk);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *answered = NULL;
      g_autofree char *again = NULL;

      kp_test_kiosk_start_speech_mode (kiosk);
      type_name_and_return_to_it (kiosk);
      g_assert_true (kp_speech_mode_get_asking (mode));
      g_assert_true (kp_ui_test_shows (GTK_WIDGET (kiosk->window),
                                       kp_ui_test_tr ("Say your details out loud?")));
      kp_test_kiosk_assert_never_said (kiosk, "wim");
      kp_test_kiosk_tap (kiosk, cases[i].answer_key);
      g_assert_false (kp_speech_mode_get_asking (mode));
      g_assert_false (kp_ui_test_shows (GTK_WIDGET (kiosk->window),
                                        kp_ui_test_tr ("Say your details out loud?")));
      answered = kp_test_kiosk_last_said (kiosk);
      /* Once answered, not asked again: away and back to the field. */
      kp_test_kiosk_tap (kiosk, KEY_UP);
      kp_test_kiosk_tap (kiosk, KEY_DOWN);
      again = kp_test_kiosk_last_said (kiosk);
      g_assert_cmpstr (again, ==, answered);
      g_assert_false (kp_speech_mode_get_asking (mode));
      if (cases[i].said)
        kp_test_assert_contains (answered, "wim");
      else
        kp_test_kiosk_assert_never_said (kiosk, "wim");
      /* The next resident is asked afresh. */
      gtk_widget_activate_action (GTK_WIDGET (kiosk->window), "kiosk.done", NULL);
      gtk_widget_activate_action (GTK_WIDGET (kiosk->window), "kiosk.feedback-close", NULL);
    }
}

/* With a headset, details are said at once, nobody asked. */
static void
test_details_into_headset (KpTestKiosk *kiosk, gconstpointer data)
{
  g_autofree char *said = NULL;

  kp_test_kiosk_start_speech_mode (kiosk);
  type_name_and_return_to_it (kiosk);
  g_assert_false (kp_speech_mode_get_asking (kp_test_kiosk_speech_mode (kiosk)));
  said = kp_test_kiosk_last_said (kiosk);
  kp_test_assert_contains (said, "wim");
}

/*
 * Everything printed on the slip is said on the receipt, in its words
 * (the reference spelled in its groups), and Action on it says it again.
 */
static void
test_receipt_spoken_like_slip (KpTestKiosk *kiosk, gconstpointer data)
{
  g_autoptr (KpOutboxItem) item = walk_callback (kiosk);
  GtkWidget *heading = kp_speech_mode_get_current (kp_test_kiosk_speech_mode (kiosk));
  KpReceiptPage *receipt
      = KP_RECEIPT_PAGE (gtk_widget_get_ancestor (heading, KP_TYPE_RECEIPT_PAGE));
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) pdf
      = kp_slip_render_pdf (kp_receipt_page_get_slip (receipt), KP_SLIP_LAYOUT_A4, &error);
  g_autofree char *pdf_path = NULL;
  g_autofree char *said = kp_test_kiosk_last_said (kiosk);
  g_autofree char *unsaid = NULL;
  g_autofree char *spelled = spell_reference (item);
  g_autofree char *repeated = NULL;

  g_assert_no_error (error);
  pdf_path = kp_test_save_pdf (kiosk->speech_dir, "slip.pdf", pdf);
  unsaid = kp_test_find_unsaid_word (pdf_path, said, kp_outbox_item_get_reference (item));
  if (unsaid != NULL)
    g_error ("“%s” is printed on the slip but was not said: “%s”", unsaid, said);
  kp_test_assert_contains (said, spelled);
  kp_test_assert_contains (said, "0612345678");
  /* The check bites: a word the slip does not print is not found in what was said. */
  g_assert_null (strstr (said, "Rotterdam"));

  kp_test_kiosk_tap (kiosk, KEY_ACTION);
  repeated = kp_test_kiosk_last_said (kiosk);
  g_assert_cmpstr (repeated, ==, said);
}

/* Plugging in a headset starts speech mode, and details go straight to it. */
static void
test_headset_plugged (AudioKiosk *audio, gconstpointer data)
{
  KpTestKiosk *kiosk = &audio->kiosk;
  KpFakePactl *pactl = audio->pactl;
  g_autofree char *said = NULL;

  kp_ui_test_spin (300);
  g_assert_false (kp_speech_mode_get_active (kp_test_kiosk_speech_mode (kiosk)));
  kp_fake_pactl_set_headset (pactl, TRUE);
  for (guint i = 0;
       i < WAIT_MS / 50 && !kp_speech_mode_get_active (kp_test_kiosk_speech_mode (kiosk)); i++)
    kp_ui_test_spin (50);
  g_assert_true (kp_speech_mode_get_active (kp_test_kiosk_speech_mode (kiosk)));
  said = kp_test_kiosk_last_said (kiosk);
  kp_test_assert_contains (
      said, kp_ui_test_tr ("Speech is on. Up and Down go through the screen. Action chooses. Back "
                           "goes back. Help tells you where you are."));
  type_name_and_return_to_it (kiosk);
  g_assert_false (kp_speech_mode_get_asking (kp_test_kiosk_speech_mode (kiosk)));
  g_clear_pointer (&said, g_free);
  said = kp_test_kiosk_last_said (kiosk);
  kp_test_assert_contains (said, "wim");
}

/*
 * Leaving a field, what it holds is read back; an error is said with the
 * question it is about as soon as it appears, and not talked over.
 */
static void
test_read_back_and_errors (KpTestKiosk *kiosk, gconstpointer data)
{
  g_autofree char *read_back = NULL;
  g_autofree char *error = NULL;
  g_autofree char *question = NULL;
  g_autofree char *quoted = NULL;
  GtkWidget *field;

  kp_test_kiosk_start_speech_mode (kiosk);
  kp_test_kiosk_choose_tr (kiosk, "Call me back");
  kp_test_kiosk_wait_for_page (kiosk, "callback");
  type_into_field (kiosk, "huurtoeslag");
  /* Typing said each letter; the word whole is said only as the field is left. */
  g_assert_null (find_said (kiosk, "huurtoeslag"));
  kp_test_kiosk_walk_to (kiosk, kp_test_kiosk_label_is, kp_ui_test_tr ("Next"));
  read_back = find_said (kiosk, "huurtoeslag");
  g_assert_nonnull (read_back);
  kp_test_kiosk_tap (kiosk, KEY_ACTION);

  /* The name left empty: Next refuses, and says why, for which question. */
  kp_ui_test_spin (SETTLE_MS);
  kp_test_kiosk_walk_to (kiosk, kp_test_kiosk_is_text_field, "the name field");
  field = kp_speech_mode_get_current (kp_test_kiosk_speech_mode (kiosk));
  question = kp_accessible_label_dup (field);
  kp_test_kiosk_walk_to (kiosk, kp_test_kiosk_label_is, kp_ui_test_tr ("Next"));
  kp_test_kiosk_tap (kiosk, KEY_ACTION);
  kp_ui_test_spin (SETTLE_MS);
  error = kp_test_kiosk_last_said (kiosk);
  quoted = g_strdup_printf (kp_ui_test_tr ("Check “%s”: %s"), question, "");
  kp_test_assert_contains (error, quoted);
  g_assert_cmpstr (kp_window_get_page_name (kiosk->window), ==, "callback");
}

typedef struct
{
  int hour;
  int minute;
  const char *english;
  const char *dutch;
} SpokenTimeCase;

/* Times on the booking screen's buttons are said as people say them (issue 10, point 2). */
static void
test_spoken_time (void)
{
  static const SpokenTimeCase cases[] = {
    { 9, 0, "nine o'clock", "negen uur" },
    { 9, 10, "ten past nine", "tien over negen" },
    { 9, 15, "quarter past nine", "kwart over negen" },
    { 9, 20, "twenty past nine", "tien voor half tien" },
    { 9, 30, "half past nine", "half tien" },
    { 9, 40, "twenty to ten", "tien over half tien" },
    { 9, 45, "quarter to ten", "kwart voor tien" },
    { 9, 55, "five to ten", "vijf voor tien" },
    { 12, 5, "five past twelve", "vijf over twaalf" },
    { 13, 25, "twenty-five past one", "vijf voor half twee" },
    { 23, 50, "ten to twelve", "tien voor twaalf" },
  };
  static const char *const languages[] = { "en", "nl" };

  for (gsize l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      kp_test_set_language (languages[l]);
      /* Until nl.po has these words, Dutch is said in English: reported, not hidden. */
      if (g_str_equal (languages[l], "nl")
          && g_str_equal (g_dpgettext2 (GETTEXT_PACKAGE, "spoken time", "ten"), "ten"))
        {
          g_test_incomplete ("nl.po does not translate the spoken time yet");
          continue;
        }
      for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
        {
          g_autoptr (GDateTime) time
              = g_date_time_new_local (2026, 12, 8, cases[i].hour, cases[i].minute, 0);
          g_autofree char *spoken = kp_date_text_format_spoken_time (time);

          g_assert_cmpstr (spoken, ==, l == 0 ? cases[i].english : cases[i].dutch);
        }
    }
  kp_test_set_language ("en");
}

typedef struct
{
  KpTestKiosk *kiosk;
  guint n_chimes;
} ChimeWait;

static gboolean
has_chimed (gpointer user_data)
{
  ChimeWait *wait = user_data;

  return count_said (wait->kiosk, "(chime)") >= wait->n_chimes;
}

/* How long the WAV file test mode wrote for the @line-th thing said lasts, in seconds. */
static double
seconds_of_line (KpTestKiosk *kiosk, guint line)
{
  g_autofree char *name = g_strdup_printf ("speech-%u.wav", line);
  g_autofree char *path = g_build_filename (kiosk->speech_dir, name, NULL);
  g_autofree guint8 *bytes = NULL;
  gsize length = 0;
  guint32 byte_rate;

  g_assert_true (g_file_get_contents (path, (char **) &bytes, &length, NULL));
  g_assert_cmpuint (length, >, 44);
  /* The canonical header: bytes per second at 28, the samples after 44. */
  byte_rate = bytes[28] | bytes[29] << 8 | bytes[30] << 16 | (guint32) bytes[31] << 24;
  g_assert_cmpuint (byte_rate, >, 0);
  return (double) (length - 44) / byte_rate;
}

/* The number of the line the speaker logged last, counting from 1. */
static guint
count_lines (KpTestKiosk *kiosk)
{
  g_auto (GStrv) said = kp_test_kiosk_read_log (kiosk);

  return g_strv_length (said);
}

/*
 * The idle countdown is announced by a chime and in words as well as on
 * screen; a key extends the session, as often as needed; in speech mode
 * the idle time is twice as long (idle-factor 2). Nothing said unasked
 * lasts longer than 3 s.
 */
static void
test_countdown_announced_and_extended (KpTestKiosk *kiosk, gconstpointer data)
{
  ChimeWait wait = { kiosk, 0 };
  GtkWidget *window = GTK_WIDGET (kiosk->window);

  for (guint round = 1; round <= 2; round++)
    {
      gint64 pressed = g_get_monotonic_time ();
      double idle_seconds;
      g_auto (GStrv) said = NULL;
      guint chime_line;

      /* The first key starts the session and speech mode; the second extends the countdown. */
      kp_ui_test_send_key ("Down");
      for (guint i = 0; i < 100 && !kp_speech_mode_get_active (kp_test_kiosk_speech_mode (kiosk));
           i++)
        kp_ui_test_spin (20);
      g_assert_true (kp_speech_mode_get_active (kp_test_kiosk_speech_mode (kiosk)));
      wait.n_chimes = round;
      g_assert_true (kp_ui_test_wait_until (has_chimed, &wait, 3 * IDLE_SECONDS * 1000));
      idle_seconds = (double) (g_get_monotonic_time () - pressed) / G_USEC_PER_SEC;
      g_test_message ("countdown after %.1f s idle", idle_seconds);
      g_assert_cmpfloat (idle_seconds, >=, 2 * IDLE_SECONDS - 0.1);
      g_assert_true (kp_ui_test_shows (window, kp_ui_test_tr ("Are you still there?")));
      g_assert_true (
          kp_ui_test_wait_until (kp_test_kiosk_speaker_is_quiet, kiosk->speaker, WAIT_MS));

      said = kp_test_kiosk_read_log (kiosk);
      chime_line = g_strv_length (said) - 1;
      g_assert_cmpstr (said[chime_line - 1], ==, "(chime)");
      g_assert_cmpstr (said[chime_line], ==, kp_ui_test_tr ("Still there? Press a key."));
      g_test_message ("chime %.2f s, then “%s” %.2f s", seconds_of_line (kiosk, chime_line),
                      said[chime_line], seconds_of_line (kiosk, chime_line + 1));
      g_assert_cmpfloat (seconds_of_line (kiosk, chime_line), <, 3.0);
      g_assert_cmpfloat (seconds_of_line (kiosk, chime_line + 1), <, 3.0);
      g_assert_cmpuint (count_lines (kiosk), ==, chime_line + 1);
    }
  kp_ui_test_send_key ("Down");
  for (guint i = 0;
       i < WAIT_MS / 50 && kp_ui_test_shows (window, kp_ui_test_tr ("Are you still there?")); i++)
    kp_ui_test_spin (50);
  g_assert_false (kp_ui_test_shows (window, kp_ui_test_tr ("Are you still there?")));
  g_assert_true (kp_speech_mode_get_active (kp_test_kiosk_speech_mode (kiosk)));
}

/*
 * The volume keys (a keyboard's and the keypad's own) change the volume in
 * steps and say so; the next session starts at the configured volume.
 */
static void
test_volume_keys (KpTestKiosk *kiosk, gconstpointer data)
{
  guint configured = kp_config_get_speech_volume (kiosk->config);
  g_autofree char *louder = NULL;
  g_autofree char *softer = NULL;

  kp_test_kiosk_start_speech_mode (kiosk);
  g_assert_cmpuint (kp_speaker_get_volume (kiosk->speaker), ==, configured);
  kp_test_kiosk_tap (kiosk, GDK_KEY_KP_Add);
  kp_test_kiosk_tap (kiosk, GDK_KEY_AudioRaiseVolume);
  louder = kp_test_kiosk_last_said (kiosk);
  g_assert_cmpstr (louder, ==, kp_ui_test_tr ("Louder"));
  g_assert_cmpuint (kp_speaker_get_volume (kiosk->speaker), >, configured);
  kp_test_kiosk_tap (kiosk, GDK_KEY_AudioLowerVolume);
  kp_test_kiosk_tap (kiosk, GDK_KEY_KP_Subtract);
  kp_test_kiosk_tap (kiosk, GDK_KEY_KP_Subtract);
  softer = kp_test_kiosk_last_said (kiosk);
  g_assert_cmpstr (softer, ==, kp_ui_test_tr ("Softer"));
  g_assert_cmpuint (kp_speaker_get_volume (kiosk->speaker), <, configured);

  gtk_widget_activate_action (GTK_WIDGET (kiosk->window), "kiosk.done", NULL);
  g_assert_cmpuint (kp_speaker_get_volume (kiosk->speaker), ==, configured);
}

/* A real key on the X server, through the window's own key controller. */
static void
test_real_key_starts_speech_mode (KpTestKiosk *kiosk, gconstpointer data)
{
  kp_ui_test_send_key ("Down");
  for (guint i = 0; i < 100 && !kp_speech_mode_get_active (kp_test_kiosk_speech_mode (kiosk)); i++)
    kp_ui_test_spin (20);
  g_assert_true (kp_speech_mode_get_active (kp_test_kiosk_speech_mode (kiosk)));
}

static gboolean
wav_has_samples (const char *path)
{
  GStatBuf info;

  /* A WAV header is 44 bytes; anything after it is sound. */
  return g_stat (path, &info) == 0 && info.st_size > 44;
}

static int
compare_times (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/*
 * From a key press to the first sample of the answer: here the first
 * bytes of sound in the WAV file test mode writes, which espeak-ng
 * produces as it goes, as it would feed a sound card.
 */
static void
test_latency (KpTestKiosk *kiosk, gconstpointer data)
{
  gint64 times[N_LATENCY_SAMPLES];
  g_auto (GStrv) said_before = NULL;
  guint first_file;

  kp_test_kiosk_start_speech_mode (kiosk);
  kp_ui_test_spin (500);
  said_before = kp_test_kiosk_read_log (kiosk);
  first_file = g_strv_length (said_before) + 1;
  for (guint i = 0; i < N_LATENCY_SAMPLES; i++)
    {
      g_autofree char *name = g_strdup_printf ("speech-%u.wav", first_file + i);
      g_autofree char *path = g_build_filename (kiosk->speech_dir, name, NULL);
      gint64 start = g_get_monotonic_time ();

      kp_test_kiosk_tap (kiosk, KEY_DOWN);
      while (!wav_has_samples (path) && g_get_monotonic_time () - start < 5 * G_TIME_SPAN_SECOND)
        g_main_context_iteration (NULL, FALSE);
      g_assert_true (wav_has_samples (path));
      times[i] = g_get_monotonic_time () - start;
      /* Let the sentence end, as a resident would listen before the next press. */
      g_assert_true (kp_ui_test_wait_until (kp_test_kiosk_speaker_is_quiet, kiosk->speaker, 5000));
    }
  qsort (times, N_LATENCY_SAMPLES, sizeof times[0], compare_times);
  g_print ("# key press to first sample: median %.1f ms, slowest %.1f ms (%d presses)\n",
           times[N_LATENCY_SAMPLES / 2] / 1000.0, times[N_LATENCY_SAMPLES - 1] / 1000.0,
           N_LATENCY_SAMPLES);
  /* The goal is 150 ms; on a shared test machine a second means something is broken. */
  g_assert_cmpint (times[N_LATENCY_SAMPLES / 2], <, G_TIME_SPAN_SECOND);
}

typedef struct
{
  gboolean masked;
  GtkInputPurpose purpose;
  gboolean say_details;
  const char *text;
  const char *expected;
} FieldCase;

/* Masked fields say dots on any output; personal details only with the resident's say-so. */
static void
test_private_fields (void)
{
  static const FieldCase cases[] = {
    { TRUE, GTK_INPUT_PURPOSE_PIN, FALSE, "4711", "Hidden field: PIN, dot dot dot dot" },
    { TRUE, GTK_INPUT_PURPOSE_PIN, TRUE, "4711", "Hidden field: PIN, dot dot dot dot" },
    { FALSE, GTK_INPUT_PURPOSE_PHONE, FALSE, "0612345678", "Text field: PIN, filled in" },
    { FALSE, GTK_INPUT_PURPOSE_PHONE, TRUE, "0612345678", "Text field: PIN, 0612345678" },
    { FALSE, GTK_INPUT_PURPOSE_EMAIL, FALSE, "jan@example.nl", "Text field: PIN, filled in" },
    { FALSE, GTK_INPUT_PURPOSE_NAME, FALSE, "Jan", "Text field: PIN, filled in" },
    { FALSE, GTK_INPUT_PURPOSE_FREE_FORM, FALSE, "vol", "Text field: PIN, vol" },
    { TRUE, GTK_INPUT_PURPOSE_PIN, FALSE, "", "Text field: PIN, empty" },
  };

  /* The cases are in English; a window of an earlier test may have left Dutch on. */
  kp_test_set_language ("en");
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GtkWidget *entry = g_object_ref_sink (gtk_entry_new ());
      g_autofree char *said = NULL;

      kp_accessible_label_set (entry, "PIN");
      gtk_entry_set_visibility (GTK_ENTRY (entry), !cases[i].masked);
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), cases[i].purpose);
      gtk_editable_set_text (GTK_EDITABLE (entry), cases[i].text);
      said = kp_speech_mode_describe (entry, cases[i].say_details);
      g_assert_cmpstr (said, ==, cases[i].expected);
      g_assert_finalize_object (entry);
    }
}

/*
 * Every interactive element speech mode walks to has words, can take the
 * keyboard focus, and says what a screen reader would: its GTK accessible
 * label, where it has one, is the label speech mode speaks.
 */
static void
test_label_lint (KpTestKiosk *kiosk, gconstpointer data)
{
  g_autoptr (GPtrArray) names = kp_test_kiosk_list_page_names ();
  g_autofree char *problem = NULL;
  GtkWidget *unlabelled;
  GtkWidget *page;

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *page_problem = NULL;

      gtk_widget_activate_action (GTK_WIDGET (kiosk->window), "kiosk.open", "s", name);
      kp_ui_test_spin (300);
      g_assert_cmpstr (kp_window_get_page_name (kiosk->window), ==, name);
      page_problem = kp_test_kiosk_lint_screen (kiosk);
      if (page_problem != NULL)
        g_error ("%s: %s", name, page_problem);
    }

  /* The check bites: a button with only a picture, put on the page, is refused. */
  page = kp_ui_test_find_first (kp_window_get_reading_root (kiosk->window), GTK_TYPE_BOX);
  unlabelled = gtk_button_new_from_icon_name ("kp-help");
  gtk_box_append (GTK_BOX (page), unlabelled);
  kp_ui_test_spin (100);
  problem = kp_test_kiosk_lint_screen (kiosk);
  g_assert_nonnull (problem);
  kp_test_assert_contains (problem, "has no label");
  gtk_box_remove (GTK_BOX (page), unlabelled);
}

/* The booking screen in speech mode, its spoken element ringed: look at the picture. */
static void
test_booking_screenshot (KpTestKiosk *kiosk, gconstpointer data)
{
  kp_test_kiosk_start_speech_mode (kiosk);
  kp_test_kiosk_choose_tr (kiosk, "Make an appointment");
  kp_test_kiosk_wait_for_page (kiosk, "appointment");
  /* Past the bar and the question, onto the first choice. */
  kp_test_kiosk_walk_to (kiosk, kp_test_kiosk_is_page_button, "a choice on the page");
  kp_ui_test_screenshot (GTK_WIDGET (kiosk->window), "eyes-free-booking");
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();

  kp_ui_test_init (&argc, &argv);

  g_test_add ("/eyes-free/walk/guidance-topic", KpTestKiosk, KEYPAD_CONFIG, kp_test_kiosk_setup,
              test_walk_guidance_topic, kp_test_kiosk_teardown);
  g_test_add ("/eyes-free/walk/callback", KpTestKiosk, KEYPAD_CONFIG, kp_test_kiosk_setup,
              test_walk_callback, kp_test_kiosk_teardown);
  g_test_add ("/eyes-free/walk/report", KpTestKiosk, KEYPAD_CONFIG, kp_test_kiosk_setup,
              test_walk_report, kp_test_kiosk_teardown);
  g_test_add ("/eyes-free/details/asked-once", KpTestKiosk, KEYPAD_CONFIG, kp_test_kiosk_setup,
              test_details_asked_once, kp_test_kiosk_teardown);
  g_test_add ("/eyes-free/details/into-headset", KpTestKiosk, HEADSET_CONFIG, kp_test_kiosk_setup,
              test_details_into_headset, kp_test_kiosk_teardown);
  g_test_add ("/eyes-free/details/headset-plugged", AudioKiosk, AUDIO_SERVER_CONFIG,
              audio_kiosk_setup, test_headset_plugged, audio_kiosk_teardown);
  g_test_add ("/eyes-free/receipt/spoken-like-the-slip", KpTestKiosk, HEADSET_CONFIG,
              kp_test_kiosk_setup, test_receipt_spoken_like_slip, kp_test_kiosk_teardown);
  g_test_add ("/eyes-free/countdown/announced-and-extended", KpTestKiosk, SHORT_IDLE_CONFIG,
              kp_test_kiosk_setup, test_countdown_announced_and_extended, kp_test_kiosk_teardown);
  g_test_add ("/eyes-free/volume-keys", KpTestKiosk, KEYPAD_CONFIG, kp_test_kiosk_setup,
              test_volume_keys, kp_test_kiosk_teardown);
  g_test_add ("/eyes-free/typing/read-back-and-errors", KpTestKiosk, KEYPAD_CONFIG,
              kp_test_kiosk_setup, test_read_back_and_errors, kp_test_kiosk_teardown);
  g_test_add_func ("/eyes-free/spoken-time", test_spoken_time);
  g_test_add ("/eyes-free/help-back-session-end", KpTestKiosk, KEYPAD_CONFIG, kp_test_kiosk_setup,
              test_help_back_and_session_end, kp_test_kiosk_teardown);
  g_test_add ("/eyes-free/real-key", KpTestKiosk, NULL, kp_test_kiosk_setup,
              test_real_key_starts_speech_mode, kp_test_kiosk_teardown);
  g_test_add ("/eyes-free/latency", KpTestKiosk, KEYPAD_CONFIG, kp_test_kiosk_setup, test_latency,
              kp_test_kiosk_teardown);
  g_test_add_func ("/eyes-free/private-fields", test_private_fields);
  g_test_add ("/eyes-free/label-lint", KpTestKiosk, NULL, kp_test_kiosk_setup, test_label_lint,
              kp_test_kiosk_teardown);
  g_test_add ("/eyes-free/booking-screenshot", KpTestKiosk, KEYPAD_CONFIG, kp_test_kiosk_setup,
              test_booking_screenshot, kp_test_kiosk_teardown);
  return g_test_run ();
}
