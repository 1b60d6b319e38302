/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-callback-request.h"
#include "kp-forms-page.h"
#include "kp-submission.h"
#include "kp-test-kiosk.h"

/*
 * The resident flows not walked in test-eyes-free.c, by keypad alone:
 * booking an appointment, registering a found object and the status of
 * a request by its reference. Every screen on the way is heard whole and
 * its labels linted; the two flows walked there (call-me-back, report a
 * problem) get the same lint on every screen here, driven by touch.
 */

#define WAIT_MS KP_TEST_KIOSK_WAIT_MS

/* Every element reached and spoken, then the labels: words, focus order, screen reader. */
static void
check_screen (KpTestKiosk *kiosk)
{
  g_autofree char *problem = NULL;

  kp_test_kiosk_tour_screen (kiosk);
  problem = kp_test_kiosk_lint_screen (kiosk);
  if (problem != NULL)
    g_error ("%s: %s", kp_window_get_page_name (kiosk->window), problem);
}

/*
 * A choice by the words it starts with: a place is said with its address
 * after its name, a day with its date.
 */
static void
check_and_choose_data (KpTestKiosk *kiosk, const char *words)
{
  check_screen (kiosk);
  kp_test_kiosk_walk_to (kiosk, kp_test_kiosk_label_starts_with, words);
  kp_test_kiosk_tap (kiosk, KP_TEST_KIOSK_KEY_ACTION);
}

static void
check_and_choose_tr (KpTestKiosk *kiosk, const char *words)
{
  check_screen (kiosk);
  kp_test_kiosk_choose_tr (kiosk, words);
}

static void
check_and_answer (KpTestKiosk *kiosk, const char *text)
{
  check_screen (kiosk);
  kp_test_kiosk_type_text (kiosk, text);
  kp_test_kiosk_choose_tr (kiosk, "Next");
}

typedef struct
{
  KpTestKiosk *kiosk;
  const char *question;
} ChoicesWait;

/* The agenda answers from a thread: its days or times are on screen under their question. */
static gboolean
choices_are_shown (gpointer user_data)
{
  ChoicesWait *wait = user_data;
  g_autoptr (GPtrArray) elements = kp_test_kiosk_list_screen (wait->kiosk);

  return kp_ui_test_shows (GTK_WIDGET (wait->kiosk->window), kp_ui_test_tr (wait->question))
         && kp_test_kiosk_find_element (elements, kp_test_kiosk_is_page_button, NULL) >= 0;
}

/* The first day or time offered: the first button of the page. */
static void
check_and_choose_first (KpTestKiosk *kiosk, const char *question)
{
  ChoicesWait wait = { kiosk, question };

  g_assert_true (kp_ui_test_wait_until (choices_are_shown, &wait, WAIT_MS));
  check_screen (kiosk);
  kp_test_kiosk_walk_to (kiosk, kp_test_kiosk_is_page_button, "the first choice");
  kp_test_kiosk_tap (kiosk, KP_TEST_KIOSK_KEY_ACTION);
}

/* Product, place, day, time, name; the contact question skipped; then Book. */
static void
test_walk_appointment (KpTestKiosk *kiosk, gconstpointer data)
{
  kp_test_kiosk_start_speech_mode (kiosk);
  check_and_choose_tr (kiosk, "Make an appointment");
  kp_test_kiosk_wait_for_page (kiosk, "appointment");
  check_and_choose_data (kiosk, "Paspoort of ID-kaart");
  check_and_choose_data (kiosk, "Gemeentehuis Lindeveen");
  check_and_choose_first (kiosk, "Which day suits you?");
  check_and_choose_first (kiosk, "Which time suits you?");
  check_and_answer (kiosk, "jan");
  check_and_choose_tr (kiosk, "Skip this question");
  kp_test_kiosk_assert_never_said (kiosk, "jan");
  check_and_choose_tr (kiosk, "Book");
  /* Booked in the agenda itself, not sent through the outbox. */
  kp_ui_test_wait_for_text (GTK_WIDGET (kiosk->window),
                            kp_ui_test_tr ("Your appointment is booked"), WAIT_MS);
  kp_ui_test_spin (KP_TEST_KIOSK_SETTLE_MS);
  check_screen (kiosk);
  kp_test_kiosk_report_presses (kiosk, "book an appointment");
}

/* A black wallet, found here today and handed in; the finder does not want it. */
static void
test_walk_found_object (KpTestKiosk *kiosk, gconstpointer data)
{
  g_autoptr (KpOutboxItem) item = NULL;

  kp_test_kiosk_start_speech_mode (kiosk);
  check_and_choose_tr (kiosk, "Found or lost something");
  kp_test_kiosk_wait_for_page (kiosk, "found-lost");
  check_and_choose_tr (kiosk, "I found something");
  kp_test_kiosk_wait_for_page (kiosk, "found");
  check_and_choose_tr (kiosk, "Wallet or purse");
  check_and_choose_tr (kiosk, "Black");
  check_and_answer (kiosk, "leder");
  check_and_choose_tr (kiosk, "Skip this question");
  check_and_choose_tr (kiosk, "Here, near this information point");
  check_and_choose_data (kiosk, kp_ui_test_tr ("Today"));
  check_and_choose_tr (kiosk, "Yes, I give it to the volunteer here");
  check_and_choose_tr (kiosk, "Yes, I have it");
  check_and_choose_tr (kiosk, "No, I do not want it");
  check_and_choose_tr (kiosk, "Send report");
  item = kp_test_kiosk_wait_for_receipt (kiosk, "found");
  kp_test_assert_contains (kp_outbox_item_get_payload (item), "leder");
  kp_ui_test_spin (KP_TEST_KIOSK_SETTLE_MS);
  check_screen (kiosk);
  kp_test_kiosk_report_presses (kiosk, "register a found object");
}

/* (transfer full) the reference of a call-back request sent earlier, straight through the core */
static char *
submit_callback_request (KpTestKiosk *kiosk)
{
  g_autoptr (KpCallbackRequest) request = kp_callback_request_new (NULL);
  g_autoptr (GError) error = NULL;
  char *reference;

  g_assert_true (kp_callback_request_set_subject (request, "huurtoeslag", &error));
  g_assert_true (kp_callback_request_set_name (request, "Wim", &error));
  g_assert_true (kp_callback_request_set_phone (request, "0612345678", &error));
  reference = kp_submission_submit (KP_SUBMISSION (request), kiosk->outbox, &error);
  g_assert_no_error (error);
  return reference;
}

/* Letters and digits as the keypad types them; the kiosk reads it as the slip prints it. */
static char *
dup_as_typed (const char *reference)
{
  g_autoptr (GString) typed = g_string_new (NULL);

  for (const char *c = reference; *c != '\0'; c++)
    {
      if (g_ascii_isalnum (*c))
        g_string_append_c (typed, g_ascii_tolower (*c));
    }
  return g_strdup (typed->str);
}

/* The answer comes from a thread. */
static gboolean
answer_is_shown (gpointer user_data)
{
  KpTestKiosk *kiosk = user_data;

  return kp_ui_test_shows (GTK_WIDGET (kiosk->window), kp_ui_test_tr ("What happened so far"));
}

/* On the field, Numbers is chosen: the digits come up, and the keyboard stays for the field. */
static gboolean
numbers_stay_up (KpTestKiosk *kiosk)
{
  g_autoptr (GPtrArray) elements = NULL;

  kp_test_kiosk_walk_to (kiosk, kp_test_kiosk_is_text_field, "the number field");
  kp_ui_test_spin (KP_TEST_KIOSK_SETTLE_MS);
  kp_test_kiosk_choose_tr (kiosk, "Numbers");
  elements = kp_test_kiosk_list_screen (kiosk);
  return kp_test_kiosk_find_element (elements, kp_test_kiosk_label_is, "9") >= 0;
}

/* The number from the slip, typed with the keypad; Look up; the status heard whole. */
static void
test_walk_status (KpTestKiosk *kiosk, gconstpointer data)
{
  g_autofree char *reference = submit_callback_request (kiosk);
  g_autofree char *typed = dup_as_typed (reference);

  kp_test_kiosk_start_speech_mode (kiosk);
  check_and_choose_tr (kiosk, "Follow your report");
  kp_test_kiosk_wait_for_page (kiosk, "follow");
  check_screen (kiosk);
  /* Letters and digits: the keyboard switches to digits and back, and stays up. */
  g_assert_true (numbers_stay_up (kiosk));
  kp_test_kiosk_type_text (kiosk, typed);
  kp_test_kiosk_choose_tr (kiosk, "Look up");
  g_assert_true (kp_ui_test_wait_until (answer_is_shown, kiosk, WAIT_MS));
  kp_ui_test_spin (KP_TEST_KIOSK_SETTLE_MS);
  check_screen (kiosk);
  kp_test_kiosk_report_presses (kiosk, "status by reference");
}

/* @text was said, in some sentence so far. */
static void
assert_said (KpTestKiosk *kiosk, const char *text)
{
  g_auto (GStrv) said = kp_test_kiosk_read_log (kiosk);

  for (guint i = 0; said[i] != NULL; i++)
    {
      if (strstr (said[i], text) != NULL)
        return;
    }
  g_error ("“%s” was never said", text);
}

/*
 * The forms tile: with sight, the list of the municipality's web forms; in
 * speech mode, even after the list was seen, the honest notice that they
 * need sight, offering an appointment or a call back instead.
 */
static void
test_forms_need_sight (KpTestKiosk *kiosk, gconstpointer data)
{
  GtkWidget *root = GTK_WIDGET (kiosk->window);
  const char *notice = kp_ui_test_tr ("The municipality's forms need you to see the screen");

  kp_ui_test_press (root, kp_ui_test_tr ("Form with DigiD"));
  kp_test_kiosk_wait_for_page (kiosk, "digid-form");
  g_assert_nonnull (kp_ui_test_find_first (root, KP_TYPE_FORMS_PAGE));
  g_assert_false (kp_ui_test_shows (root, notice));
  kp_ui_test_press (root, kp_ui_test_tr ("Home"));

  kp_test_kiosk_start_speech_mode (kiosk);
  check_and_choose_tr (kiosk, "Form with DigiD");
  kp_test_kiosk_wait_for_page (kiosk, "digid-form");
  g_assert_null (
      kp_ui_test_find_first (kp_window_get_reading_root (kiosk->window), KP_TYPE_FORMS_PAGE));
  check_screen (kiosk);
  assert_said (kiosk, notice);
  kp_ui_test_screenshot (root, "eyes-free-forms-need-sight");
  check_and_choose_tr (kiosk, "Call me back");
  kp_test_kiosk_wait_for_page (kiosk, "callback");
}

/*
 * A flow the way a finger goes through it, for the lint of every screen:
 * a step touches a button by the words its label starts with (a day has
 * its date after it), or types into the screen's field.
 */
typedef struct
{
  const char *press; /* English, as in the source */
  const char *type;  /* typed into the first field, then Next */
} TouchStep;

typedef struct
{
  const char *page;
  const char *kind; /* of the submission its last press sends */
  const TouchStep *steps;
} TouchFlow;

static const TouchStep callback_steps[] = {
  { NULL, "huurtoeslag" },  { NULL, "wim" },
  { NULL, "0612345678" },   { "In the morning (9:00 - 12:00)", NULL },
  { "Send request", NULL }, { NULL, NULL },
};

static const TouchStep lost_steps[] = {
  { "Wallet or purse", NULL },
  { "Black", NULL },
  { "Yesterday", NULL },
  { "None of these is mine", NULL },
  { NULL, "in de bus" },
  { "Skip this question", NULL },
  { NULL, "jan de vries" },
  { "Skip this question", NULL },
  { NULL, "0612345678" },
  { "Send report", NULL },
  { NULL, NULL },
};

static const TouchStep report_steps[] = {
  { "Waste", NULL },
  { "Container is full", NULL },
  { "Here, near this information point", NULL },
  { NULL, "de container is vol" },
  { "No, that is not needed", NULL },
  { "Send report", NULL },
  { NULL, NULL },
};

/* The step's field takes the caret by itself, and the on-screen keyboard comes up. */
static gboolean
keyboard_is_up (gpointer user_data)
{
  KpTestKiosk *kiosk = user_data;

  return kp_ui_test_find_key (GTK_WIDGET (kiosk->window), "kp-key-enter") != NULL;
}

static void
type_in_field (KpTestKiosk *kiosk, const char *text)
{
  if (!kp_ui_test_wait_until (keyboard_is_up, kiosk, WAIT_MS))
    {
      g_autofree char *shown = kp_ui_test_shown_text (GTK_WIDGET (kiosk->window));

      g_error ("No field to type “%s” into; the screen shows:\n%s", text, shown);
    }
  kp_ui_test_type_on_keyboard (GTK_WIDGET (kiosk->window), text);
  kp_ui_test_press (GTK_WIDGET (kiosk->window), kp_ui_test_tr ("Next"));
}

static void
touch (KpTestKiosk *kiosk, const char *words)
{
  g_autoptr (GPtrArray) elements = kp_test_kiosk_list_screen (kiosk);
  int found = kp_test_kiosk_find_element (elements, kp_test_kiosk_label_starts_with,
                                          kp_ui_test_tr (words));

  if (found < 0)
    kp_ui_test_press (GTK_WIDGET (kiosk->window),
                      kp_ui_test_tr (words)); /* fails, showing the screen */
  g_signal_emit_by_name (g_ptr_array_index (elements, found), "clicked");
}

static void
lint_now (KpTestKiosk *kiosk, guint step)
{
  g_autofree char *problem = kp_test_kiosk_lint_screen (kiosk);

  if (problem != NULL)
    g_error ("%s, screen %u: %s", kp_window_get_page_name (kiosk->window), step + 1, problem);
}

static void
test_lint_every_screen (KpTestKiosk *kiosk, gconstpointer data)
{
  const TouchFlow *flow = data;
  g_autoptr (KpOutboxItem) item = NULL;
  guint step = 0;

  gtk_widget_activate_action (GTK_WIDGET (kiosk->window), "kiosk.open", "s", flow->page);
  kp_ui_test_spin (300);
  for (; flow->steps[step].press != NULL || flow->steps[step].type != NULL; step++)
    {
      lint_now (kiosk, step);
      if (flow->steps[step].type != NULL)
        type_in_field (kiosk, flow->steps[step].type);
      else
        touch (kiosk, flow->steps[step].press);
      kp_ui_test_spin (300);
    }
  item = kp_test_kiosk_wait_for_receipt (kiosk, flow->kind);
  lint_now (kiosk, step);
}

/* The lint walks need no keypad; the flow is the test's data, not the kiosk's. */
static void
touch_setup (KpTestKiosk *kiosk, gconstpointer data)
{
  kp_test_kiosk_setup (kiosk, NULL);
}

static const TouchFlow callback_flow = { "callback", "callback", callback_steps };
static const TouchFlow report_flow = { "report-outside", "report", report_steps };
static const TouchFlow lost_flow = { "lost", "lost", lost_steps };

/* The check bites: a field with no words at all, added to a screen, is refused. */
static void
test_lint_bites (KpTestKiosk *kiosk, gconstpointer data)
{
  GtkWidget *page;
  GtkWidget *nameless = gtk_entry_new ();
  g_autofree char *problem = NULL;

  gtk_widget_activate_action (GTK_WIDGET (kiosk->window), "kiosk.open", "s", "callback");
  kp_ui_test_spin (300);
  page = kp_ui_test_find_first (kp_window_get_reading_root (kiosk->window), GTK_TYPE_BOX);
  gtk_box_append (GTK_BOX (page), nameless);
  kp_ui_test_spin (100);
  problem = kp_test_kiosk_lint_screen (kiosk);
  g_assert_nonnull (problem);
  kp_test_assert_contains (problem, "has no label");
  gtk_box_remove (GTK_BOX (page), nameless);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();

  kp_ui_test_init (&argc, &argv);

  g_test_add ("/eyes-free-flows/walk/appointment", KpTestKiosk, KP_TEST_KIOSK_KEYPAD_CONFIG,
              kp_test_kiosk_setup, test_walk_appointment, kp_test_kiosk_teardown);
  g_test_add ("/eyes-free-flows/walk/found-object", KpTestKiosk, KP_TEST_KIOSK_KEYPAD_CONFIG,
              kp_test_kiosk_setup, test_walk_found_object, kp_test_kiosk_teardown);
  g_test_add ("/eyes-free-flows/walk/status", KpTestKiosk, KP_TEST_KIOSK_KEYPAD_CONFIG,
              kp_test_kiosk_setup, test_walk_status, kp_test_kiosk_teardown);
  g_test_add ("/eyes-free-flows/forms-need-sight", KpTestKiosk, KP_TEST_KIOSK_KEYPAD_CONFIG,
              kp_test_kiosk_setup, test_forms_need_sight, kp_test_kiosk_teardown);
  g_test_add ("/eyes-free-flows/lint/callback", KpTestKiosk, &callback_flow, touch_setup,
              test_lint_every_screen, kp_test_kiosk_teardown);
  g_test_add ("/eyes-free-flows/lint/report", KpTestKiosk, &report_flow, touch_setup,
              test_lint_every_screen, kp_test_kiosk_teardown);
  g_test_add ("/eyes-free-flows/lint/lost", KpTestKiosk, &lost_flow, touch_setup,
              test_lint_every_screen, kp_test_kiosk_teardown);
  g_test_add ("/eyes-free-flows/lint/bites", KpTestKiosk, NULL, kp_test_kiosk_setup,
              test_lint_bites, kp_test_kiosk_teardown);
  return g_test_run ();
}
