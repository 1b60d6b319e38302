/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-delivery-agent.h"
#include "kp-keyboard.h"
#include "kp-outbox.h"
#include "kp-signalen-backend.h"
#include "kp-signalen-server.h"
#include "kp-speaker.h"
#include "kp-store.h"
#include "kp-ui-test-helpers.h"
#include "kp-window.h"

#include <glib/gi18n.h>
#include <signal.h>
#include <string.h>

/*
 * The follow page with a report that went to Signalen: the page asks
 * kernpunt-syncd (the only one with the case system's secrets) and shows
 * the state there now in B1; with the case system down, or with nobody
 * answering, it says so honestly, with what it knew last.
 */

#define WAIT_MS 10000
/* The page's own wait is 10 seconds; the "no answer" message comes a little after. */
#define NO_ANSWER_MS 14000

typedef struct
{
  char *dir;
  char *config_path;
  KpSignalenServer *server;
  KpConfig *config;
  KpStore *store;
  KpOutbox *outbox;
  KpSpeaker *speaker;
  KpWindow *window;
  GSubprocess *syncd;
} Kiosk;

static void
kiosk_setup (Kiosk *kiosk, gconstpointer data)
{
  g_autofree char *speech_dir = kp_test_make_tmpdir ("speech");
  g_autofree char *config_text = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr (GError) error = NULL;

  kiosk->dir = kp_test_make_tmpdir ("follow-status");
  kiosk->server = kp_signalen_server_new (NULL);
  config_text
      = g_strdup_printf ("[storage]\ndata-dir=%s\n[speech]\noutput-folder=%s\n"
                         "[session]\nidle-seconds=3600\n" KP_SIGNALEN_SERVER_KEYS ("2"),
                         kiosk->dir, speech_dir, kp_signalen_server_get_url (kiosk->server));
  kp_test_write_file (kiosk->dir, "kernpunt.conf", config_text);
  kiosk->config_path = g_build_filename (kiosk->dir, "kernpunt.conf", NULL);
  kiosk->config = kp_config_new_from_data (config_text, &error);
  g_assert_no_error (error);
  db_path = kp_config_dup_database_path (kiosk->config);
  kiosk->store = kp_store_open (db_path, &error);
  g_assert_no_error (error);
  kiosk->outbox = kp_outbox_new (kiosk->store);
  kiosk->speaker = kp_speaker_new ();
  kp_speaker_set_output_folder (kiosk->speaker, speech_dir);
  kiosk->window = kp_ui_test_open_window (kiosk->config, kiosk->outbox, kiosk->speaker);
}

static void
stop_syncd (Kiosk *kiosk)
{
  if (kiosk->syncd == NULL)
    return;
  g_subprocess_send_signal (kiosk->syncd, SIGTERM);
  g_assert_true (kp_test_wait_process (kiosk->syncd, 10));
  g_clear_object (&kiosk->syncd);
}

static void
kiosk_teardown (Kiosk *kiosk, gconstpointer data)
{
  stop_syncd (kiosk);
  kp_ui_test_close_window (kiosk->window);
  g_assert_finalize_object (kiosk->speaker);
  g_assert_finalize_object (kiosk->outbox);
  g_assert_finalize_object (kiosk->store);
  g_assert_finalize_object (kiosk->config);
  g_clear_pointer (&kiosk->server, kp_signalen_server_free);
  kp_test_remove_tree (kiosk->dir);
  g_free (kiosk->config_path);
  g_free (kiosk->dir);
}

static GtkWidget *
root (Kiosk *kiosk)
{
  return GTK_WIDGET (kiosk->window);
}

/* A report delivered to Signalen, as kernpunt-syncd would. (transfer full) */
static char *
deliver_report (Kiosk *kiosk)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpSignalenBackend) backend
      = kp_signalen_backend_new (kiosk->store, kiosk->config, NULL, &error);
  g_autoptr (KpDeliveryAgent) agent = NULL;
  char *reference
      = kp_outbox_submit (kiosk->outbox, "report", KP_SIGNALEN_SERVER_REPORT, NULL, &error);
  guint n_handled = 0;

  g_assert_no_error (error);
  agent = kp_delivery_agent_new (kiosk->outbox, KP_BACKEND (backend));
  g_assert_true (
      kp_delivery_agent_deliver_due (agent, g_get_real_time (), NULL, &n_handled, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_handled, ==, 1);
  return reference;
}

static void
start_syncd (Kiosk *kiosk)
{
  g_autofree char *syncd = kp_test_program ("KERNPUNT_SYNCD");
  g_autoptr (GError) error = NULL;

  /* Not on the test's stdout: a failing test then reports at once, not at the run's timeout. */
  kiosk->syncd
      = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                          &error, syncd, "--config", kiosk->config_path, NULL);
  g_assert_no_error (error);
}

/* The slip's QR code under the scanner: the reference typed in one burst, then Enter. */
static void
scan (Kiosk *kiosk, const char *reference)
{
  GtkStack *stack = GTK_STACK (kp_ui_test_find_first (root (kiosk), GTK_TYPE_STACK));
  GtkWidget *entry = kp_ui_test_find_first (gtk_stack_get_visible_child (stack), GTK_TYPE_ENTRY);
  int position = 0;

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_editable_insert_text (GTK_EDITABLE (entry), reference, -1, &position);
  g_signal_emit_by_name (entry, "activate");
}

static gboolean
is_asking (gpointer user_data)
{
  GtkWidget *spinner = kp_ui_test_find_first (user_data, GTK_TYPE_SPINNER);

  return spinner != NULL && gtk_widget_get_mapped (spinner)
         && gtk_spinner_get_spinning (GTK_SPINNER (spinner));
}

/* Whether the on-screen keyboard is up, as a person would see it. */
static gboolean
keyboard_is_up (GtkWidget *root)
{
  GtkWidget *keyboard = kp_ui_test_find_first (root, KP_TYPE_KEYBOARD);

  return keyboard != NULL && gtk_widget_get_mapped (keyboard)
         && gtk_widget_get_height (keyboard) > 0;
}

/*
 * Whether the whole answer is on the screen: its box inside the visible
 * part of the page, from top to bottom, and above the keyboard if it is up.
 */
static gboolean
answer_in_view (gpointer user_data)
{
  GtkWidget *root = user_data;
  GtkWidget *box = kp_ui_test_find_with_css_class (root, "result-box");
  GtkWidget *scroller
      = box != NULL ? gtk_widget_get_ancestor (box, GTK_TYPE_SCROLLED_WINDOW) : NULL;
  GtkWidget *keyboard = kp_ui_test_find_first (root, KP_TYPE_KEYBOARD);
  graphene_rect_t answer, view, keys;
  double bottom;

  if (scroller == NULL || !gtk_widget_get_mapped (box)
      || !gtk_widget_compute_bounds (box, root, &answer)
      || !gtk_widget_compute_bounds (scroller, root, &view))
    return FALSE;
  bottom = answer.origin.y + answer.size.height;
  if (keyboard_is_up (root) && gtk_widget_compute_bounds (keyboard, root, &keys)
      && bottom > keys.origin.y)
    return FALSE;
  /* Taller than the view, it is read from its top: that much must be there. */
  if (answer.size.height > view.size.height)
    return answer.origin.y >= view.origin.y
           && answer.origin.y < view.origin.y + view.size.height / 4;
  return answer.origin.y >= view.origin.y && bottom <= view.origin.y + view.size.height
         && bottom <= gtk_widget_get_height (root);
}

/* The answer, all of it, comes into view once the screen settles; the keyboard has gone. */
static void
assert_answer_in_view (Kiosk *kiosk)
{
  if (!kp_ui_test_wait_until (answer_in_view, root (kiosk), WAIT_MS))
    g_error ("The answer is not all on the screen (keyboard up: %s):\n%s",
             keyboard_is_up (root (kiosk)) ? "yes" : "no", kp_ui_test_shown_text (root (kiosk)));
  g_assert_false (keyboard_is_up (root (kiosk)));
}

/*
 * The case number a resident reads is Signalen's own (SIA-123), never the
 * signal's uuid, which is only for asking Signalen.
 */
static void
assert_case_number (Kiosk *kiosk, const char *reference)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpOutboxItem) item = kp_outbox_lookup (kiosk->outbox, reference, &error);
  g_autofree char *number = g_strdup_printf (kp_ui_test_tr ("Case number: %s"), "SIA-");
  g_autofree char *shown = kp_ui_test_shown_text (root (kiosk));

  g_assert_no_error (error);
  kp_test_assert_contains (shown, number);
  g_assert_null (strstr (shown, kp_outbox_item_get_remote_id (item)));
  g_assert_null (strstr (shown, "://"));
}

/* "What we knew last, on " in the current language: the sentence up to its first %s. (transfer full) */
static char *
dup_last_known_start (void)
{
  const char *format = kp_ui_test_tr ("What we knew last, on %s: %s");

  return g_strndup (format, (gsize) (strstr (format, "%s") - format));
}

/* "follow-asking-nl": a picture of the screen in the test's language. */
static void
screenshot (Kiosk *kiosk, const char *name, const char *language)
{
  g_autofree char *file = g_strdup_printf ("%s-%s", name, language);

  kp_ui_test_screenshot (root (kiosk), file);
}

/*
 * Nobody answers (kernpunt-syncd is not running): a spinner that says what
 * happens, then, after the wait, the honest message.
 */
static void
test_no_answer (Kiosk *kiosk, gconstpointer data)
{
  const char *language = data;
  g_autofree char *reference = deliver_report (kiosk);
  g_autofree char *last_known = NULL;
  GtkWidget *spinner;

  kp_window_set_language (kiosk->window, language);
  kp_ui_test_press (root (kiosk), kp_ui_test_tr ("Follow your report"));
  /* The page opens ready to type: the keyboard is up. */
  g_assert_true (kp_ui_test_wait_until ((KpUiTestCondition) keyboard_is_up, root (kiosk), WAIT_MS));
  scan (kiosk, reference);
  g_assert_true (kp_ui_test_wait_until (is_asking, root (kiosk), WAIT_MS));
  g_assert_true (kp_ui_test_shows (root (kiosk), kp_ui_test_tr ("Asking the municipality…")));
  /* Looking up is the end of typing: the keyboard goes down at once. */
  kp_ui_test_spin (300);
  g_assert_false (keyboard_is_up (root (kiosk)));
  spinner = kp_ui_test_find_first (root (kiosk), GTK_TYPE_SPINNER);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       kp_ui_test_tr ("Asking the municipality…"));
  screenshot (kiosk, "follow-asking", language);

  kp_ui_test_wait_for_text (
      root (kiosk), kp_ui_test_tr ("We cannot reach the municipality's system now."), NO_ANSWER_MS);
  g_assert_false (is_asking (root (kiosk)));
  /* Nothing was ever known, so nothing "last known" is made up. */
  last_known = dup_last_known_start ();
  g_assert_false (kp_ui_test_shows (root (kiosk), last_known));
  g_assert_true (
      kp_ui_test_shows (root (kiosk), kp_ui_test_tr ("Saved at the information point.")));
  assert_case_number (kiosk, reference);
  assert_answer_in_view (kiosk);
}

/*
 * kernpunt-syncd answers: the state in Signalen, in B1. Then Signalen goes
 * down: "cannot reach", with what the page knew last and when.
 */
static void
test_answer_then_down (Kiosk *kiosk, gconstpointer data)
{
  const char *language = data;
  g_autofree char *reference = deliver_report (kiosk);
  g_autoptr (GError) error = NULL;
  g_autoptr (KpOutboxItem) item = kp_outbox_lookup (kiosk->outbox, reference, &error);
  g_autofree char *shown = NULL;
  g_autofree char *last_known = NULL;

  g_assert_no_error (error);
  kp_signalen_server_set_state (kiosk->server, kp_outbox_item_get_remote_id (item), "CLOSED");
  start_syncd (kiosk);
  kp_window_set_language (kiosk->window, language);
  last_known = dup_last_known_start ();
  kp_ui_test_press (root (kiosk), kp_ui_test_tr ("Follow your report"));
  scan (kiosk, reference);
  kp_ui_test_wait_for_text (root (kiosk), kp_ui_test_tr ("The municipality has finished it."),
                            WAIT_MS);
  /* The case system's own words are never shown raw, at delivery ("OPEN") or now. */
  g_assert_false (kp_ui_test_shows (root (kiosk), "CLOSED"));
  g_assert_false (kp_ui_test_shows (root (kiosk), "OPEN"));
  assert_case_number (kiosk, reference);
  assert_answer_in_view (kiosk);
  kp_ui_test_assert_usable (root (kiosk), kiosk->config, "the follow page with a case status");
  screenshot (kiosk, "follow-case-status", language);

  g_clear_pointer (&kiosk->server, kp_signalen_server_free);
  scan (kiosk, reference);
  kp_ui_test_wait_for_text (
      root (kiosk), kp_ui_test_tr ("We cannot reach the municipality's system now."), WAIT_MS);
  shown = kp_ui_test_shown_text (root (kiosk));
  kp_test_assert_contains (shown, last_known);
  kp_test_assert_contains (shown, kp_ui_test_tr ("The municipality has finished it."));
  /* Never a dead end: the resident reads what to do now. */
  kp_test_assert_contains (shown,
                           kp_ui_test_tr ("Nothing is lost. Try again later, or ask a volunteer."));
  assert_case_number (kiosk, reference);
  assert_answer_in_view (kiosk);
  screenshot (kiosk, "follow-cannot-reach", language);
}

/*
 * With large text the answer reaches below the screen's edge: the page
 * scrolls so the resident sees it without having to know about scrolling.
 */
static void
test_large_text_answer (Kiosk *kiosk, gconstpointer data)
{
  g_autofree char *reference = deliver_report (kiosk);

  start_syncd (kiosk);
  kp_window_set_language (kiosk->window, "nl");
  kp_ui_test_press (root (kiosk), kp_ui_test_tr ("Large text"));
  g_assert_true (kp_window_get_large_text (kiosk->window));
  kp_ui_test_press (root (kiosk), kp_ui_test_tr ("Follow your report"));
  scan (kiosk, reference);
  kp_ui_test_wait_for_text (root (kiosk), kp_ui_test_tr ("The municipality has received it."),
                            WAIT_MS);
  assert_answer_in_view (kiosk);
  screenshot (kiosk, "follow-large-text", "nl");
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();

  kp_ui_test_init (&argc, &argv);

  /* English, and Dutch as most residents read it. */
  g_test_add ("/follow-status/no-answer/en", Kiosk, "en", kiosk_setup, test_no_answer,
              kiosk_teardown);
  g_test_add ("/follow-status/no-answer/nl", Kiosk, "nl", kiosk_setup, test_no_answer,
              kiosk_teardown);
  g_test_add ("/follow-status/answer-then-down/en", Kiosk, "en", kiosk_setup, test_answer_then_down,
              kiosk_teardown);
  g_test_add ("/follow-status/answer-then-down/nl", Kiosk, "nl", kiosk_setup, test_answer_then_down,
              kiosk_teardown);

  g_test_add ("/follow-status/large-text-answer", Kiosk, NULL, kiosk_setup, test_large_text_answer,
              kiosk_teardown);

  return g_test_run ();
}
