/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-accessible-label.h"
#include "kp-reference.h"
#include "kp-test-http-server.h"
#include "kp-test-kiosk.h"
#include "kp-volunteer-pad.h"
#include "kp-web-form-page.h"
#include "kp-web-test-helpers.h"

/*
 * Whose a key is: speech mode's, or the text field's or web page's that
 * has the focus. Real keys on the virtual screen's keyboard, through the
 * window, as a USB scanner, a keyboard or a keypad sends them.
 */

#define WAIT_MS KP_TEST_KIOSK_WAIT_MS
/* Long enough for a key that reached the wrong place to have shown it. */
#define SETTLE_MS 300

/* A form of the municipality on a local test site, plain http on loopback. */
#define WEB_FORM_CONFIG                                                                            \
  "[web-forms]\nallowed-hosts=127.0.0.1;localhost\nallow-loopback-http=true\n"                     \
  "[form:parking]\ntitle=Parkeervergunning aanvragen\ntitle[en]=Apply for a parking permit\n"      \
  "start-url=%s/form\nicon=bin\nminutes=10\n"

/* One real key, then the window's answer to it. */
static void
press_real_key (const char *key)
{
  kp_ui_test_send_key (key);
  kp_ui_test_spin (SETTLE_MS);
}

/* @text typed fast, then Enter: what a barcode scanner does. */
static void
scan (const char *text)
{
  kp_ui_test_send_text (text);
  kp_ui_test_send_key ("Return");
}

static KpSpeechMode *
speech_mode (KpTestKiosk *kiosk)
{
  return kp_test_kiosk_speech_mode (kiosk);
}

static gboolean
speech_mode_is_on (gpointer user_data)
{
  return kp_speech_mode_get_active (speech_mode (user_data));
}

static void
assert_nothing_said (KpTestKiosk *kiosk)
{
  g_auto (GStrv) said = kp_test_kiosk_read_log (kiosk);

  if (said[0] != NULL)
    g_error ("Said while speech mode was off: “%s”", said[0]);
}

/* The follow page, its reference field holding the focus. (transfer none) */
static GtkWidget *
open_follow_page (KpTestKiosk *kiosk)
{
  GtkWidget *entry;
  GtkWidget *focus;

  gtk_widget_activate_action (GTK_WIDGET (kiosk->window), "kiosk.open", "s", "follow");
  kp_test_kiosk_wait_for_page (kiosk, "follow");
  kp_ui_test_spin (SETTLE_MS);
  entry = kp_ui_test_find_with_css_class (kp_window_get_reading_root (kiosk->window),
                                          "reference-entry");
  g_assert_nonnull (entry);
  focus = gtk_root_get_focus (GTK_ROOT (kiosk->window));
  g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, entry));
  return entry;
}

typedef struct
{
  GtkWidget *root;
  GtkWidget *entry;
  const char *reference;
} Scan;

/* The field holds @reference alone, and its look-up is done: the focus is back on the button. */
static gboolean
looked_up (gpointer user_data)
{
  Scan *expected = user_data;

  return g_str_equal (gtk_editable_get_text (GTK_EDITABLE (expected->entry)), expected->reference)
         && GTK_IS_BUTTON (gtk_root_get_focus (GTK_ROOT (expected->root)))
         && kp_ui_test_shows (expected->root, kp_ui_test_tr ("We cannot find this number."));
}

/*
 * A sighted resident scans a slip: the scanner types the number and Enter
 * into the field. The number is looked up; speech mode stays off and
 * nothing is said. The look-up leaves the focus on its button, yet the
 * next slip's number lands in the field, in place of the first, and is
 * looked up too. Enter alone on that button, out of any field, does start
 * speech mode.
 */
static void
test_scanner_looks_up (KpTestKiosk *kiosk, gconstpointer data)
{
  GtkWidget *root = GTK_WIDGET (kiosk->window);
  GtkWidget *entry = open_follow_page (kiosk);
  g_autofree char *first = kp_reference_generate ();
  g_autofree char *second = kp_reference_generate ();
  Scan scanned = { root, entry, first };

  scan (first);
  g_assert_true (kp_ui_test_wait_until (looked_up, &scanned, WAIT_MS));
  scanned.reference = second;
  scan (second);
  g_assert_true (kp_ui_test_wait_until (looked_up, &scanned, WAIT_MS));
  g_assert_false (kp_speech_mode_get_active (speech_mode (kiosk)));
  assert_nothing_said (kiosk);

  /* The look-up left the focus on its button: there Enter is speech mode's. */
  g_assert_true (GTK_IS_BUTTON (gtk_root_get_focus (GTK_ROOT (root))));
  press_real_key ("Return");
  g_assert_true (kp_ui_test_wait_until (speech_mode_is_on, kiosk, WAIT_MS));
}

/*
 * In a field, the arrows move the caret and Escape starts nothing. (Up
 * and Down in a one-line field move the focus on, as GTK does; from
 * there, the next arrow is speech mode's.)
 */
static void
test_arrows_move_caret (KpTestKiosk *kiosk, gconstpointer data)
{
  GtkWidget *entry = open_follow_page (kiosk);

  kp_ui_test_send_text ("KP12");
  kp_ui_test_spin (SETTLE_MS);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "KP12");
  g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (entry)), ==, 4);
  press_real_key ("Left");
  press_real_key ("Left");
  g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (entry)), ==, 2);
  press_real_key ("Right");
  g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (entry)), ==, 3);
  press_real_key ("Home");
  g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (entry)), ==, 0);
  press_real_key ("Escape");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "KP12");
  g_assert_false (kp_speech_mode_get_active (speech_mode (kiosk)));
  assert_nothing_said (kiosk);
}

/*
 * F1 in a field starts speech mode; then Up and Down walk on from the
 * field instead of moving its caret, and the keypad works there too.
 */
static void
test_walk_from_field (KpTestKiosk *kiosk, gconstpointer data)
{
  GtkWidget *entry = open_follow_page (kiosk);
  GtkWidget *focus;

  press_real_key ("F1");
  g_assert_true (kp_speech_mode_get_active (speech_mode (kiosk)));
  kp_test_assert_contains (
      kp_speech_mode_get_last_sentence (speech_mode (kiosk)),
      kp_ui_test_tr ("Speech is on. Up and Down go through the screen. Action "
                     "chooses. Back goes back. Help tells you where you are."));

  kp_test_kiosk_walk_to (kiosk, kp_test_kiosk_is_text_field, "the slip's number");
  g_assert_true (kp_speech_mode_get_current (speech_mode (kiosk)) == entry);
  focus = gtk_root_get_focus (GTK_ROOT (kiosk->window));
  g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, entry));

  press_real_key ("Down");
  g_assert_true (kp_speech_mode_get_current (speech_mode (kiosk)) != entry);
  kp_test_kiosk_assert_spoken (kiosk, kp_speech_mode_get_current (speech_mode (kiosk)));
  press_real_key ("Up");
  g_assert_true (kp_speech_mode_get_current (speech_mode (kiosk)) == entry);
  kp_test_kiosk_assert_spoken (kiosk, entry);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
}

typedef struct
{
  KpTestKiosk kiosk;
  KpTestHttpServer *site;
} WebKiosk;

static void
respond_html (SoupServerMessage *message, const char *html)
{
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "text/html", SOUP_MEMORY_COPY, html, strlen (html));
}

/* One field; Enter in it sends the form, as a browser does with a single field. */
static void
serve_site (SoupServer *server,
            SoupServerMessage *message,
            const char *path,
            GHashTable *query,
            gpointer user_data)
{
  if (g_str_equal (path, "/form"))
    respond_html (message, "<html lang=\"en\"><body><h1>Apply for a parking permit</h1>"
                           "<form method=get action=\"/sent\"><label>Licence plate "
                           "<input id=plate name=plate></label></form></body></html>");
  else if (g_str_equal (path, "/sent"))
    respond_html (message, "<html lang=\"en\"><body><h1>Sent</h1></body></html>");
  else
    soup_server_message_set_status (message, 404, NULL);
}

static void
web_kiosk_setup (WebKiosk *web, gconstpointer data)
{
  g_autofree char *config = NULL;

  web->site = kp_test_http_server_start (serve_site, web);
  config = g_strdup_printf (WEB_FORM_CONFIG, kp_test_http_server_get_base (web->site));
  kp_test_kiosk_setup (&web->kiosk, config);
}

static void
web_kiosk_teardown (WebKiosk *web, gconstpointer data)
{
  kp_test_kiosk_teardown (&web->kiosk, data);
  kp_test_http_server_stop (web->site);
}

/*
 * Typing and Enter in a web page's field belong to the page: the form is
 * sent, speech mode stays off. F1 there still starts it.
 */
static void
test_enter_in_web_page (WebKiosk *web, gconstpointer data)
{
  GtkWidget *root = GTK_WIDGET (web->kiosk.window);
  g_autofree char *focused = NULL;

  gtk_widget_activate_action (root, "kiosk.open", "s", KP_WEB_FORM_PAGE_PREFIX "parking");
  kp_web_test_wait_until_at (root, "/form", WAIT_MS);
  gtk_widget_grab_focus (GTK_WIDGET (kp_web_test_find_view (root)));
  focused = kp_web_test_run_script (root, "plate.focus (); document.activeElement.id", WAIT_MS);
  g_assert_cmpstr (focused, ==, "plate");

  kp_ui_test_send_text ("AB12CD");
  press_real_key ("Return");
  kp_web_test_wait_until_at (root, "/sent?plate=AB12CD", WAIT_MS);
  g_assert_false (kp_speech_mode_get_active (speech_mode (&web->kiosk)));
  assert_nothing_said (&web->kiosk);

  press_real_key ("F1");
  g_assert_true (kp_speech_mode_get_active (speech_mode (&web->kiosk)));
}

/* The sentence speech mode says for an error about the field @name. (transfer full) */
static char *
dup_error_sentence (const char *name, const char *message)
{
  return g_strdup_printf (kp_ui_test_tr ("Check “%s”: %s"), name, message);
}

static void
look_up (GtkWidget *entry, const char *typed)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), typed);
  gtk_widget_activate_action (entry, "follow.look-up", NULL);
}

/*
 * On the follow page, a typo and a number not found are said with the
 * field's name in speech mode, and not at all without it.
 */
static void
test_follow_errors_said (KpTestKiosk *kiosk, gconstpointer data)
{
  GtkWidget *root = GTK_WIDGET (kiosk->window);
  GtkWidget *entry = open_follow_page (kiosk);
  const char *typo = kp_ui_test_tr ("This number has a typo. Check it and try again.");
  const char *not_found = kp_ui_test_tr ("We cannot find this number.");
  g_autofree char *reference = kp_reference_generate ();
  g_autofree char *name = kp_accessible_label_dup (entry);
  g_autofree char *typo_said = dup_error_sentence (name, typo);
  g_autofree char *not_found_said = dup_error_sentence (name, not_found);
  g_autofree char *last = NULL;

  g_assert_cmpstr (name, ==, kp_ui_test_tr ("Number from your slip"));
  look_up (entry, "KP-12");
  kp_ui_test_wait_for_text (root, typo, WAIT_MS);
  assert_nothing_said (kiosk);

  kp_test_kiosk_start_speech_mode (kiosk);
  look_up (entry, "KP-12");
  kp_ui_test_wait_for_text (root, typo, WAIT_MS);
  g_assert_cmpstr (kp_speech_mode_get_last_sentence (speech_mode (kiosk)), ==, typo_said);
  last = kp_test_kiosk_last_said (kiosk);
  g_assert_cmpstr (last, ==, typo_said);

  look_up (entry, reference);
  kp_ui_test_wait_for_text (root, not_found, WAIT_MS);
  g_assert_cmpstr (kp_speech_mode_get_last_sentence (speech_mode (kiosk)), ==, not_found_said);
  /* The number itself is a detail: it is in no sentence. */
  kp_test_kiosk_assert_never_said (kiosk, reference);
}

/* A report kernpunt-syncd delivered, with the case number it got. (transfer full) */
static char *
deliver_report (KpTestKiosk *kiosk, const char *case_number)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *reference
      = kp_outbox_submit (kiosk->outbox, "report", "{\"text\":\"lamp\"}", NULL, &error);
  g_autoptr (KpOutboxItem) claimed = NULL;

  g_assert_no_error (error);
  claimed = kp_outbox_claim_due (kiosk->outbox, g_get_real_time (), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kp_outbox_item_get_reference (claimed), ==, reference);
  g_assert_true (kp_outbox_mark_delivered (kiosk->outbox, reference, case_number, "received",
                                           g_get_real_time (), &error));
  g_assert_no_error (error);
  return g_steal_pointer (&reference);
}

/*
 * In speech mode the answer to a look-up is said as soon as it shows: the
 * state and the case number, never the reference typed. Out of speech
 * mode nothing is said.
 */
static void
test_follow_result_said (KpTestKiosk *kiosk, gconstpointer data)
{
  GtkWidget *root = GTK_WIDGET (kiosk->window);
  GtkWidget *entry = open_follow_page (kiosk);
  g_autofree char *reference = deliver_report (kiosk, "ZAAK-2026-000123");
  const char *received = kp_ui_test_tr ("The municipality has received it.");
  g_autofree char *case_number
      = g_strdup_printf (kp_ui_test_tr ("Case number: %s"), "ZAAK-2026-000123");
  g_autofree char *said = NULL;

  look_up (entry, reference);
  kp_ui_test_wait_for_text (root, received, WAIT_MS);
  assert_nothing_said (kiosk);

  kp_test_kiosk_start_speech_mode (kiosk);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  look_up (entry, reference);
  kp_ui_test_wait_for_text (root, received, WAIT_MS);
  said = kp_test_kiosk_last_said (kiosk);
  kp_test_assert_contains (said, received);
  kp_test_assert_contains (said, case_number);
  kp_test_kiosk_assert_never_said (kiosk, reference);
}

static KpVolunteerPad *
find_pad (KpTestKiosk *kiosk)
{
  GtkWidget *pad = kp_ui_test_find_first (GTK_WIDGET (kiosk->window), KP_TYPE_VOLUNTEER_PAD);

  return pad != NULL && gtk_widget_get_mapped (pad) ? KP_VOLUNTEER_PAD (pad) : NULL;
}

static guint
count_said (KpTestKiosk *kiosk, const char *sentence)
{
  g_auto (GStrv) said = kp_test_kiosk_read_log (kiosk);
  guint count = 0;

  for (guint i = 0; said[i] != NULL; i++)
    count += g_str_equal (said[i], sentence);
  return count;
}

static gboolean
pad_is_locked (gpointer user_data)
{
  KpVolunteerPad *pad = find_pad (user_data);

  return pad != NULL && kp_volunteer_pad_get_locked (pad);
}

/*
 * The volunteer's PIN pad in speech mode: a wrong PIN is said with what
 * it is about, and the lock once as it comes, not at every second of it.
 */
static void
test_pin_pad_errors_said (KpTestKiosk *kiosk, gconstpointer data)
{
  GtkWidget *root = GTK_WIDGET (kiosk->window);
  const char *pad_name = kp_ui_test_tr ("Volunteer PIN");
  g_autofree char *refused = NULL;
  g_autofree char *refused_said = NULL;
  g_autofree char *locked = NULL;
  g_autofree char *locked_said = NULL;

  kp_test_kiosk_start_speech_mode (kiosk);
  gtk_widget_activate_action (root, "kiosk.volunteer-pin", NULL);
  kp_ui_test_wait_for_text (root, kp_ui_test_tr ("For volunteers: type your PIN"), WAIT_MS);

  refused = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "This PIN is not right. You can try %u more time.",
                                          "This PIN is not right. You can try %u more times.", 4),
                             4);
  refused_said = dup_error_sentence (pad_name, refused);
  kp_ui_test_press (root, "1");
  kp_ui_test_press (root, kp_ui_test_tr ("OK"));
  kp_ui_test_wait_for_text (root, refused, WAIT_MS);
  g_assert_cmpuint (count_said (kiosk, refused_said), ==, 1);

  for (guint i = 0; i < 4; i++)
    {
      kp_ui_test_press (root, "1");
      kp_ui_test_press (root, kp_ui_test_tr ("OK"));
      kp_ui_test_spin (SETTLE_MS);
    }
  g_assert_true (kp_ui_test_wait_until (pad_is_locked, kiosk, WAIT_MS));
  locked = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE,
                   "Too many wrong PINs. The pad is locked. Try again in %u minute.",
                   "Too many wrong PINs. The pad is locked. Try again in %u minutes.", 5),
      5);
  locked_said = dup_error_sentence (pad_name, locked);
  /* The lock's countdown ticks each second; the sentence comes once. */
  kp_ui_test_spin (2500);
  g_assert_cmpuint (count_said (kiosk, locked_said), ==, 1);
}

int
main (int argc, char **argv)
{
  g_autofree char *tmp = NULL;
  /* The web form's session folders land in a temporary folder of this test's own. */
  g_autofree char *home = kp_web_test_init_home (&tmp);
  int result;

  /* No GL on the virtual screen; without this WebKit tries it anyway and warns. */
  g_setenv ("WEBKIT_DISABLE_COMPOSITING_MODE", "1", TRUE);
  kp_ui_test_init (&argc, &argv);

  g_test_add ("/speech-keys/scanner-looks-up", KpTestKiosk, NULL, kp_test_kiosk_setup,
              test_scanner_looks_up, kp_test_kiosk_teardown);
  g_test_add ("/speech-keys/arrows-move-caret", KpTestKiosk, NULL, kp_test_kiosk_setup,
              test_arrows_move_caret, kp_test_kiosk_teardown);
  g_test_add ("/speech-keys/walk-from-field", KpTestKiosk, KP_TEST_KIOSK_KEYPAD_CONFIG,
              kp_test_kiosk_setup, test_walk_from_field, kp_test_kiosk_teardown);
  g_test_add ("/speech-keys/enter-in-web-page", WebKiosk, NULL, web_kiosk_setup,
              test_enter_in_web_page, web_kiosk_teardown);
  g_test_add ("/speech-keys/follow-errors-said", KpTestKiosk, KP_TEST_KIOSK_KEYPAD_CONFIG,
              kp_test_kiosk_setup, test_follow_errors_said, kp_test_kiosk_teardown);
  g_test_add ("/speech-keys/follow-result-said", KpTestKiosk, KP_TEST_KIOSK_KEYPAD_CONFIG,
              kp_test_kiosk_setup, test_follow_result_said, kp_test_kiosk_teardown);
  g_test_add ("/speech-keys/pin-pad-errors-said", KpTestKiosk, KP_TEST_KIOSK_KEYPAD_CONFIG,
              kp_test_kiosk_setup, test_pin_pad_errors_said, kp_test_kiosk_teardown);
  result = g_test_run ();
  kp_test_remove_tree (tmp);
  return result;
}
