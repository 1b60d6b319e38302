/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-config.h"
#include "kp-events.h"
#include "kp-feedback-page.h"
#include "kp-ipp-test-helpers.h"
#include "kp-outbox.h"
#include "kp-speaker.h"
#include "kp-store.h"
#include "kp-ui-test-helpers.h"
#include "kp-volunteer-pad.h"
#include "kp-volunteer-page.h"
#include "kp-volunteers.h"
#include "kp-window.h"

#include <glib/gi18n.h>
#include <unistd.h>

#define VOLUNTEER     "Anna"
#define RIGHT_PIN     "24680"
#define WRONG_PIN     "13579"
#define WAIT_MS       10000
#define HOLD_MS       3600
#define SHORT_HOLD_MS 1000
#define PRINTER_BANNER                                                                             \
  "The printer does not work right now. You can still go on: you will see your number and QR "     \
  "code on the screen."

/* Whether a volunteer is around in the test: all day, or never. */
typedef enum
{
  HOURS_ALWAYS,
  HOURS_NEVER,
} Hours;

typedef struct
{
  char *speech_dir;
  KpConfig *config;
  KpStore *store;
  KpOutbox *outbox;
  KpSpeaker *speaker;
  KpVolunteers *volunteers;
  KpWindow *window;
  KpTestIppPrinter *ipp; /* nullable: the kiosk has a real IPP printer */
} Kiosk;

/* @extra_config: more lines for the kiosk's configuration, e.g. its [printer]. */
static void
kiosk_open (Kiosk *kiosk, Hours hours, const char *extra_config)
{
  const char *day_hours = hours == HOURS_ALWAYS ? "00:00-24:00" : "closed";
  const char *days[]
      = { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" };
  g_autofree char *data_dir = kp_test_make_tmpdir ("data");
  g_autoptr (GString) config_text = g_string_new (NULL);
  g_autofree char *db_path = NULL;
  g_autoptr (GError) error = NULL;

  kiosk->speech_dir = kp_test_make_tmpdir ("speech");
  g_string_append_printf (config_text,
                          "[storage]\ndata-dir=%s\n[speech]\noutput-folder=%s\n"
                          "[session]\nidle-seconds=3600\n"
                          "[feedback]\nmin-interval-seconds=600\n[volunteers]\n",
                          data_dir, kiosk->speech_dir);
  for (gsize i = 0; i < G_N_ELEMENTS (days); i++)
    g_string_append_printf (config_text, "%s=%s\n", days[i], day_hours);
  g_string_append (config_text, extra_config);
  kiosk->config = kp_config_new_from_data (config_text->str, &error);
  g_assert_no_error (error);

  db_path = kp_config_dup_database_path (kiosk->config);
  kiosk->store = kp_store_open (db_path, &error);
  g_assert_no_error (error);
  kiosk->outbox = kp_outbox_new (kiosk->store);
  kiosk->speaker = kp_speaker_new ();
  kp_speaker_set_output_folder (kiosk->speaker, kiosk->speech_dir);
  kiosk->volunteers = kp_volunteers_new (kiosk->store);
  kp_volunteers_add (kiosk->volunteers, VOLUNTEER, RIGHT_PIN, &error);
  g_assert_no_error (error);

  kiosk->window = kp_ui_test_open_window (kiosk->config, kiosk->outbox, kiosk->speaker);
}

static void
kiosk_setup (Kiosk *kiosk, gconstpointer data)
{
  kiosk_open (kiosk, GPOINTER_TO_INT (data), "");
}

/* A kiosk printing to ippeveprinter, as in tests/integration/test-printing.c. */
static void
kiosk_setup_with_printer (Kiosk *kiosk, gconstpointer data)
{
  g_autofree char *spool = kp_test_make_tmpdir ("spool");
  g_autofree char *printer_config = NULL;

  kiosk->ipp = kp_test_ipp_printer_start (spool, NULL);
  printer_config = g_strdup_printf ("[printer]\nuri=%s\njob-timeout-seconds=60\n",
                                    kp_test_ipp_printer_get_uri (kiosk->ipp));
  kiosk_open (kiosk, GPOINTER_TO_INT (data), printer_config);
}

static gboolean
speaker_is_quiet (gpointer user_data)
{
  return !kp_speaker_is_speaking (KP_SPEAKER (user_data));
}

static void
kiosk_teardown (Kiosk *kiosk, gconstpointer data)
{
  kp_ui_test_close_window (kiosk->window);
  kp_speaker_stop (kiosk->speaker);
  g_assert_true (kp_ui_test_wait_until (speaker_is_quiet, kiosk->speaker, 5000));
  kp_ui_test_spin (50);
  g_assert_finalize_object (kiosk->volunteers);
  g_assert_finalize_object (kiosk->speaker);
  g_assert_finalize_object (kiosk->outbox);
  g_assert_finalize_object (kiosk->store);
  g_assert_finalize_object (kiosk->config);
  g_clear_pointer (&kiosk->ipp, kp_test_ipp_printer_free);
  g_free (kiosk->speech_dir);
}

static GtkWidget *
root (Kiosk *kiosk)
{
  return GTK_WIDGET (kiosk->window);
}

static void
press (Kiosk *kiosk, const char *words)
{
  kp_ui_test_press (root (kiosk), kp_ui_test_tr (words));
}

static void
wait_for (Kiosk *kiosk, const char *text)
{
  kp_ui_test_wait_for_text (root (kiosk), kp_ui_test_tr (text), WAIT_MS);
}

static gboolean
shows (Kiosk *kiosk, const char *text)
{
  return kp_ui_test_shows (root (kiosk), kp_ui_test_tr (text));
}

static KpVolunteerPad *
find_pad (Kiosk *kiosk)
{
  GtkWidget *pad = kp_ui_test_find_first (root (kiosk), KP_TYPE_VOLUNTEER_PAD);

  return pad != NULL && gtk_widget_get_mapped (pad) ? KP_VOLUNTEER_PAD (pad) : NULL;
}

static KpVolunteerPage *
find_volunteer_page (Kiosk *kiosk)
{
  GtkWidget *page = kp_ui_test_find_first (root (kiosk), KP_TYPE_VOLUNTEER_PAGE);

  return page != NULL && gtk_widget_get_mapped (page) ? KP_VOLUNTEER_PAGE (page) : NULL;
}

/* Types @pin on the pad's keys and presses OK, as a volunteer's finger would. */
static void
type_pin (Kiosk *kiosk, const char *pin)
{
  for (const char *digit = pin; *digit != '\0'; digit++)
    {
      char key[2] = { *digit, '\0' };

      kp_ui_test_press (root (kiosk), key);
    }
  g_assert_cmpuint (kp_volunteer_pad_get_n_digits (find_pad (kiosk)), ==, strlen (pin));
  /* Dots, never the digits. */
  g_assert_false (kp_ui_test_shows (root (kiosk), pin));
  press (kiosk, "OK");
}

static void
open_pad (Kiosk *kiosk)
{
  gtk_widget_activate_action (root (kiosk), "kiosk.volunteer-pin", NULL);
  wait_for (kiosk, "For volunteers: type your PIN");
}

static gboolean
page_counts_loaded (gpointer user_data)
{
  Kiosk *kiosk = user_data;
  KpVolunteerPage *page = find_volunteer_page (kiosk);

  return page != NULL && kp_volunteer_page_get_counts_loaded (page);
}

static void
enter_volunteer_mode (Kiosk *kiosk)
{
  open_pad (kiosk);
  type_pin (kiosk, RIGHT_PIN);
  g_assert_true (kp_ui_test_wait_until (page_counts_loaded, kiosk, WAIT_MS));
}

/* Whether the audit table's newest line is @action by the volunteer. */
static void
assert_last_audit (Kiosk *kiosk, const char *action)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) lines = kp_volunteers_list_audit (kiosk->volunteers, 1, &error);
  KpVolunteerAudit *line;

  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 1);
  line = g_ptr_array_index (lines, 0);
  g_assert_cmpstr (line->volunteer, ==, VOLUNTEER);
  g_assert_cmpstr (line->action, ==, action);
}

/* Presses and holds the pointer on @widget for @ms, through the X server as a hand would. */
static void
hold_pointer_on (GtkWidget *widget, guint ms)
{
  graphene_point_t centre = GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0f,
                                                 gtk_widget_get_height (widget) / 2.0f);
  graphene_point_t on_window;
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (gtk_widget_get_root (widget)),
                                           &centre, &on_window));
  x = g_strdup_printf ("%d", (int) on_window.x);
  y = g_strdup_printf ("%d", (int) on_window.y);
  {
    const char *down[] = { "xdotool", "mousemove", x, y, "mousedown", "1", NULL };
    const char *up[] = { "xdotool", "mouseup", "1", NULL };

    g_spawn_sync (NULL, (char **) down, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status,
                  &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    kp_ui_test_spin (ms);
    g_spawn_sync (NULL, (char **) up, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status,
                  &error);
    g_assert_no_error (error);
    kp_ui_test_spin (200);
  }
}

static GtkWidget *
find_municipality_name (Kiosk *kiosk)
{
  GtkWidget *name = kp_ui_test_find_with_css_class (root (kiosk), "municipality");

  g_assert_nonnull (name);
  return name;
}

/* A short press does nothing; three seconds of holding the name opens the PIN pad. */
static void
test_hold_opens_pad (Kiosk *kiosk, gconstpointer data)
{
  hold_pointer_on (find_municipality_name (kiosk), SHORT_HOLD_MS);
  g_assert_null (find_pad (kiosk));

  hold_pointer_on (find_municipality_name (kiosk), HOLD_MS);
  g_assert_nonnull (find_pad (kiosk));
  g_assert_true (shows (kiosk, "For volunteers: type your PIN"));
  kp_ui_test_assert_usable (GTK_WIDGET (find_pad (kiosk)), kiosk->config, "PIN pad");

  /* Erase takes back a digit; Cancel closes the pad. */
  kp_ui_test_press (root (kiosk), "7");
  press (kiosk, "Erase");
  g_assert_cmpuint (kp_volunteer_pad_get_n_digits (find_pad (kiosk)), ==, 0);
  press (kiosk, "Cancel");
  g_assert_null (find_pad (kiosk));
}

static gboolean
pad_is_locked (gpointer user_data)
{
  KpVolunteerPad *pad = find_pad (user_data);

  return pad != NULL && kp_volunteer_pad_get_locked (pad);
}

/* Five wrong PINs lock the pad for five minutes, and the pad says so. */
static void
test_wrong_pins_lock (Kiosk *kiosk, gconstpointer data)
{
  g_autofree char *four_left = NULL;
  g_autofree char *locked = NULL;

  open_pad (kiosk);
  type_pin (kiosk, WRONG_PIN);
  four_left = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "This PIN is not right. You can try %u more time.",
                                            "This PIN is not right. You can try %u more times.", 4),
                               4);
  kp_ui_test_wait_for_text (root (kiosk), four_left, WAIT_MS);
  for (guint i = 1; i < KP_VOLUNTEERS_MAX_WRONG_PINS; i++)
    {
      g_autofree char *left = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "This PIN is not right. You can try %u more time.",
                       "This PIN is not right. You can try %u more times.",
                       KP_VOLUNTEERS_MAX_WRONG_PINS - 1 - i),
          KP_VOLUNTEERS_MAX_WRONG_PINS - 1 - i);

      type_pin (kiosk, WRONG_PIN);
      if (i < KP_VOLUNTEERS_MAX_WRONG_PINS - 1)
        kp_ui_test_wait_for_text (root (kiosk), left, WAIT_MS);
    }
  g_assert_true (kp_ui_test_wait_until (pad_is_locked, kiosk, WAIT_MS));
  locked = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE,
                   "Too many wrong PINs. The pad is locked. Try again in %u minute.",
                   "Too many wrong PINs. The pad is locked. Try again in %u minutes.", 5),
      5);
  kp_ui_test_wait_for_text (root (kiosk), locked, WAIT_MS);

  /* Even the right PIN is refused now: the keys take no digits. */
  kp_ui_test_press (root (kiosk), "2");
  g_assert_cmpuint (kp_volunteer_pad_get_n_digits (find_pad (kiosk)), ==, 0);
  g_assert_null (find_volunteer_page (kiosk));

  /* Closing and opening the pad does not lift the lock. */
  press (kiosk, "Cancel");
  open_pad (kiosk);
  g_assert_true (pad_is_locked (kiosk));
  kp_ui_test_wait_for_text (root (kiosk), locked, WAIT_MS);
}

/* The right PIN opens the volunteer screen: printer, counts, charts; no resident's data. */
static void
test_volunteer_screen (Kiosk *kiosk, gconstpointer data)
{
  g_autofree char *who = NULL;
  g_autofree char *shown = NULL;

  enter_volunteer_mode (kiosk);
  who = g_strdup_printf (kp_ui_test_tr ("Volunteer mode: %s"), VOLUNTEER);
  g_assert_true (kp_ui_test_shows (root (kiosk), who));
  /* Demo mode: no printer, slips go to a folder; the volunteer reads that. */
  kp_ui_test_wait_for_text (root (kiosk), kp_printer_state_describe (KP_PRINTER_STATE_NONE),
                            WAIT_MS);
  wait_for (kiosk, "Waiting to be sent");
  g_assert_false (shows (kiosk, "A resident asks for help."));
  assert_last_audit (kiosk, "enter");
  kp_ui_test_assert_usable (GTK_WIDGET (find_volunteer_page (kiosk)), kiosk->config,
                            "volunteer screen");
  kp_ui_test_screenshot (root (kiosk), "volunteer-nl");

  /* A fake paper-out, as a failed print reports it: said in plain words. */
  gtk_widget_activate_action (root (kiosk), "kiosk.printer-problem", "s", "no-paper");
  kp_ui_test_wait_for_text (root (kiosk), kp_printer_state_describe (KP_PRINTER_STATE_NO_PAPER),
                            WAIT_MS);
  kp_ui_test_screenshot (root (kiosk), "volunteer-no-paper-nl");

  /* The test print goes to the demo folder and is not counted anywhere. */
  press (kiosk, "Test print");
  assert_last_audit (kiosk, "test-print");
  wait_for (kiosk, "The test print is done.");
  g_assert_cmpuint (kp_ui_test_count_today (kiosk->window, "submission", "test"), ==, 0);

  shown = kp_ui_test_shown_text (root (kiosk));
  g_assert_null (strstr (shown, RIGHT_PIN));

  press (kiosk, "Leave");
  g_assert_null (find_volunteer_page (kiosk));
  assert_last_audit (kiosk, "leave");
  g_assert_cmpstr (kp_window_get_page_name (kiosk->window), ==, "home");

  /* Residents read it before they start a flow that needs paper, in every new session. */
  gtk_widget_activate_action (root (kiosk), "kiosk.printer-problem", "s", "no-paper");
  wait_for (kiosk, PRINTER_BANNER);
  press (kiosk, "Done");
  press (kiosk, "Skip");
  wait_for (kiosk, PRINTER_BANNER);
  kp_ui_test_screenshot (root (kiosk), "home-no-paper-nl");
  gtk_widget_activate_action (root (kiosk), "kiosk.printer-problem", "s", "ready");
  g_assert_false (shows (kiosk, PRINTER_BANNER));
}

/*
 * Every flow that ends with a slip says so at its start; pages that need no
 * paper stay calm, and a printer that works again takes the banner away.
 */
static void
test_printer_banner_on_paper_flows (Kiosk *kiosk, gconstpointer data)
{
  const struct
  {
    const char *page;
    gboolean needs_paper;
  } pages[] = {
    { "appointment", TRUE },  { "report-outside", TRUE }, { "found-lost", TRUE },
    { "found", TRUE },        { "lost", TRUE },           { "callback", TRUE },
    { "information", FALSE }, { "follow", FALSE },
  };

  gtk_widget_activate_action (root (kiosk), "kiosk.printer-problem", "s", "no-paper");
  for (gsize i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      gtk_widget_activate_action (root (kiosk), "kiosk.open", "s", pages[i].page);
      g_assert_cmpstr (kp_window_get_page_name (kiosk->window), ==, pages[i].page);
      if (shows (kiosk, PRINTER_BANNER) != pages[i].needs_paper)
        g_error ("On “%s” the printer banner should %sshow", pages[i].page,
                 pages[i].needs_paper ? "" : "not ");
    }
  gtk_widget_activate_action (root (kiosk), "kiosk.open", "s", "callback");
  kp_ui_test_screenshot (root (kiosk), "callback-no-paper-nl");
  gtk_widget_activate_action (root (kiosk), "kiosk.printer-problem", "s", "ready");
  g_assert_false (shows (kiosk, PRINTER_BANNER));
}

static void
assert_volume_shown (Kiosk *kiosk, guint volume)
{
  g_autofree char *text = g_strdup_printf (kp_ui_test_tr ("Read-aloud volume: %u%%"), volume);

  kp_ui_test_wait_for_text (root (kiosk), text, WAIT_MS);
  g_assert_cmpuint (kp_speaker_get_volume (kiosk->speaker), ==, volume);
}

/* Louder and Softer change the read-aloud volume for this session only. */
static void
test_volume (Kiosk *kiosk, gconstpointer data)
{
  enter_volunteer_mode (kiosk);
  assert_volume_shown (kiosk, 100);
  press (kiosk, "Louder");
  press (kiosk, "Louder");
  assert_volume_shown (kiosk, 140);
  assert_last_audit (kiosk, "volume-louder");
  press (kiosk, "Softer");
  assert_volume_shown (kiosk, 120);
  assert_last_audit (kiosk, "volume-softer");

  /* The next visitor starts at the configured volume again. */
  press (kiosk, "End the current session");
  g_assert_cmpuint (kp_speaker_get_volume (kiosk->speaker), ==,
                    kp_config_get_speech_volume (kiosk->config));
  enter_volunteer_mode (kiosk);
  assert_volume_shown (kiosk, 100);
}

static gboolean
counts_are_loaded (gpointer user_data)
{
  return kp_volunteer_page_get_counts_loaded (KP_VOLUNTEER_PAGE (user_data));
}

static void
submit (Kiosk *kiosk, const char *kind)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *reference
      = kp_outbox_submit (kiosk->outbox, kind, "{\"where\":\"Dorpsstraat 12\"}", NULL, &error);

  g_assert_no_error (error);
}

static void
assert_backend_line (GtkWidget *window, const char *backend, guint waiting, gboolean shown)
{
  g_autofree char *line
      = g_strdup_printf (kp_ui_test_tr ("%s: %u waiting, %u being sent, %u sent, %u refused"),
                         backend, waiting, 0, 0, 0);

  if (kp_ui_test_shows (window, line) != shown)
    g_error ("“%s” should %sbe on screen", line, shown ? "" : "not ");
}

/*
 * The outbox per backend, as the [delivery] routes send it: reports to
 * Signalen, the rest to the kiosk's own register. Counts only, no contents.
 */
static void
test_outbox_per_backend (Kiosk *kiosk, gconstpointer data)
{
  g_autofree char *data_dir = kp_test_make_tmpdir ("routes");
  g_autofree char *config_text = g_strdup_printf (
      "[storage]\ndata-dir=%s\n[delivery]\nreport=signalen\n"
      "[signalen]\nurl=https://meldingen.lindeveen.example/\n"
      "category-base-url=https://meldingen.lindeveen.example/signals/v1/public/terms/categories/\n"
      "bounding-box=6.4,52.8,6.7,53.0\n",
      data_dir);
  g_autoptr (GError) error = NULL;
  g_autoptr (KpConfig) config = kp_config_new_from_data (config_text, &error);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page;

  g_assert_no_error (error);
  submit (kiosk, "report");
  submit (kiosk, "report");
  submit (kiosk, "found");
  submit (kiosk, "callback");
  page = kp_volunteer_page_new (VOLUNTEER, config, kiosk->outbox, NULL);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (kp_ui_test_wait_until (counts_are_loaded, page, WAIT_MS));

  assert_backend_line (window, "Signalen", 2, TRUE);
  assert_backend_line (window, kp_ui_test_tr ("The kiosk's own register"), 2, TRUE);
  /* The check bites: all four together are not one backend's count. */
  assert_backend_line (window, kp_ui_test_tr ("The kiosk's own register"), 4, FALSE);
  g_assert_false (kp_ui_test_shows (window, "Dorpsstraat"));
  gtk_window_destroy (GTK_WINDOW (window));
  kp_ui_test_spin (100);
}

/* Two taps after helping someone: the organisation, then the help given; counted and audited. */
static void
test_registration (Kiosk *kiosk, gconstpointer data)
{
  const char *referral = kp_help_given_get_label (KP_HELP_GIVEN_REFERRAL);
  g_autofree char *value = g_strdup_printf ("%s/%s", kp_organisation_to_code (KP_ORGANISATION_UWV),
                                            kp_help_given_to_code (KP_HELP_GIVEN_REFERRAL));

  enter_volunteer_mode (kiosk);
  press (kiosk, "Register a question");
  wait_for (kiosk, "1. Which organisation was the question about?");
  for (int i = 0; i < KP_N_ORGANISATIONS; i++)
    g_assert_nonnull (
        kp_ui_test_find_button (root (kiosk), kp_organisation_get_label ((KpOrganisation) i)));
  kp_ui_test_assert_usable (root (kiosk), kiosk->config, "registration");
  kp_ui_test_screenshot (root (kiosk), "registration-nl");

  /* The help given alone is refused: it cannot be tapped before the organisation. */
  g_assert_false (gtk_widget_is_sensitive (kp_ui_test_find_button (root (kiosk), referral)));
  g_assert_false (shows (kiosk, "Saved"));

  kp_ui_test_press (root (kiosk), kp_organisation_get_label (KP_ORGANISATION_UWV));
  kp_ui_test_press (root (kiosk), referral);
  wait_for (kiosk, "Saved");
  assert_last_audit (kiosk, "registration");
  g_assert_cmpuint (kp_ui_test_count_today (kiosk->window, "registration", value), ==, 1);
  /* Ready for the next person: a new organisation first. */
  g_assert_false (gtk_widget_is_sensitive (kp_ui_test_find_button (root (kiosk), referral)));

  press (kiosk, "Back to the volunteer screen");
  g_assert_nonnull (find_volunteer_page (kiosk));
}

/*
 * A real printer out of paper: the volunteer reads it in plain words and,
 * after leaving, residents see the banner before they start.
 */
static void
test_real_printer_states (Kiosk *kiosk, gconstpointer data)
{
  enter_volunteer_mode (kiosk);
  /* The check bites: a full printer is not reported as empty. */
  kp_ui_test_wait_for_text (root (kiosk), kp_printer_state_describe (KP_PRINTER_STATE_READY),
                            WAIT_MS);
  g_assert_false (shows (kiosk, kp_printer_state_describe (KP_PRINTER_STATE_NO_PAPER)));
  press (kiosk, "Leave");
  g_assert_false (shows (kiosk, PRINTER_BANNER));

  kp_test_ipp_printer_empty_trays (kiosk->ipp);
  enter_volunteer_mode (kiosk);
  kp_ui_test_wait_for_text (root (kiosk), kp_printer_state_describe (KP_PRINTER_STATE_NO_PAPER),
                            WAIT_MS);
  kp_ui_test_screenshot (root (kiosk), "volunteer-real-no-paper-nl");
  press (kiosk, "Leave");
  g_assert_cmpstr (kp_window_get_page_name (kiosk->window), ==, "home");
  wait_for (kiosk, PRINTER_BANNER);

  /* A printer that is stopped or gone is said in words too. */
  kp_test_ipp_printer_kill (kiosk->ipp);
  enter_volunteer_mode (kiosk);
  kp_ui_test_wait_for_text (root (kiosk), kp_printer_state_describe (KP_PRINTER_STATE_MISSING),
                            WAIT_MS);
  g_assert_false (shows (kiosk, kp_printer_state_describe (KP_PRINTER_STATE_NO_PAPER)));
  press (kiosk, "Leave");
  wait_for (kiosk, PRINTER_BANNER);
}

static gboolean
volunteer_mode_closed (gpointer user_data)
{
  return find_volunteer_page (user_data) == NULL;
}

/* Two minutes without a touch close volunteer mode; here two seconds. */
static void
test_volunteer_timeout (Kiosk *kiosk, gconstpointer data)
{
  kp_window_set_volunteer_idle_seconds (kiosk->window, 2);
  enter_volunteer_mode (kiosk);
  kp_ui_test_spin (1000);
  g_assert_nonnull (find_volunteer_page (kiosk));
  g_assert_true (kp_ui_test_wait_until (volunteer_mode_closed, kiosk, 4000));
  assert_last_audit (kiosk, "timeout");
}

/* Help shows the resident a notice; the volunteer sees the call and answers it. */
static void
test_help_call (Kiosk *kiosk, gconstpointer data)
{
  press (kiosk, "Help");
  wait_for (kiosk, "A volunteer is coming");
  g_assert_cmpuint (kp_ui_test_count_today (kiosk->window, "help-call", ""), ==, 1);
  kp_ui_test_screenshot (root (kiosk), "help-nl");

  enter_volunteer_mode (kiosk);
  wait_for (kiosk, "A resident asks for help.");
  press (kiosk, "I am coming");
  assert_last_audit (kiosk, "acknowledge-help");
  g_assert_false (shows (kiosk, "A resident asks for help."));
  press (kiosk, "Leave");

  wait_for (kiosk, "A volunteer has seen you");
  g_assert_false (shows (kiosk, "A volunteer is coming"));
}

/* Outside the volunteer hours, Help offers the phone, a call back and an appointment. */
static void
test_help_outside_hours (Kiosk *kiosk, gconstpointer data)
{
  press (kiosk, "Help");
  wait_for (kiosk, "No volunteer is here right now");
  g_assert_true (kp_ui_test_shows (root (kiosk), kp_config_get_phone (kiosk->config)));
  g_assert_false (shows (kiosk, "A volunteer is coming"));
  g_assert_cmpuint (kp_ui_test_count_today (kiosk->window, "help-call", "outside-hours"), ==, 1);
  kp_ui_test_screenshot (root (kiosk), "help-away-nl");

  press (kiosk, "Ask to be called back");
  g_assert_cmpstr (kp_window_get_page_name (kiosk->window), ==, "callback");
  g_assert_false (shows (kiosk, "No volunteer is here right now"));
}

static void
answer_feedback (Kiosk *kiosk, KpSatisfaction answer, KpFollowUp follow_up)
{
  press (kiosk, "Done");
  g_assert_cmpstr (kp_window_get_page_name (kiosk->window), ==, "home");
  wait_for (kiosk, "Did this help you?");
  kp_ui_test_press (root (kiosk), kp_satisfaction_get_label (answer));
  wait_for (kiosk, "Thank you! Do you want to tell us more?");
  kp_ui_test_press (root (kiosk), kp_follow_up_get_label (follow_up));
  g_assert_false (shows (kiosk, "Did this help you?"));
  g_assert_false (shows (kiosk, "Thank you! Do you want to tell us more?"));
}

/* Done asks "Did this help?"; the answer and follow-up count once per interval. */
static void
test_feedback (Kiosk *kiosk, gconstpointer data)
{
  GtkWidget *feedback;

  press (kiosk, "Help");
  press (kiosk, "Done");
  wait_for (kiosk, "Did this help you?");
  /* The session is wiped under the question already. */
  g_assert_false (shows (kiosk, "A volunteer is coming"));
  feedback = kp_ui_test_find_first (root (kiosk), KP_TYPE_FEEDBACK_PAGE);
  kp_ui_test_assert_usable (feedback, kiosk->config, "Did this help?");
  kp_ui_test_screenshot (root (kiosk), "feedback-nl");
  press (kiosk, "Skip");
  g_assert_false (shows (kiosk, "Did this help you?"));

  answer_feedback (kiosk, KP_SATISFACTION_HAPPY, KP_FOLLOW_UP_TOO_DIFFICULT);
  g_assert_cmpuint (kp_ui_test_count_today (kiosk->window, "satisfaction", "happy"), ==, 1);
  g_assert_cmpuint (kp_ui_test_count_today (kiosk->window, "follow-up", "too-difficult"), ==, 1);

  /* Twenty presses by one person are one answer: the second is within the interval. */
  answer_feedback (kiosk, KP_SATISFACTION_VERY_UNHAPPY, KP_FOLLOW_UP_NEED_PERSON);
  g_assert_cmpuint (kp_ui_test_count_today (kiosk->window, "satisfaction", "very-unhappy"), ==, 0);
  g_assert_cmpuint (kp_ui_test_count_today (kiosk->window, "follow-up", "need-person"), ==, 0);
  g_assert_cmpuint (kp_ui_test_count_today (kiosk->window, "satisfaction", "happy"), ==, 1);
}

/* Visits of today drawn as bars on the volunteer screen. */
static void
test_charts (Kiosk *kiosk, gconstpointer data)
{
  g_autofree char *visitors = NULL;

  for (guint i = 0; i < 3; i++)
    {
      press (kiosk, "Help");
      press (kiosk, "Done");
      press (kiosk, "Skip");
    }
  g_assert_cmpuint (kp_ui_test_count_today (kiosk->window, "sessions", ""), ==, 3);
  enter_volunteer_mode (kiosk);
  visitors = g_strdup_printf (kp_ui_test_tr ("Visitors today: %u"), 3);
  g_assert_true (kp_ui_test_shows (root (kiosk), visitors));
  kp_ui_test_screenshot (root (kiosk), "charts-nl");
}

static void
skip_with_reason (gconstpointer why_not)
{
  g_test_skip (why_not);
}

static void
add_test (const char *path, Hours hours, void (*test) (Kiosk *, gconstpointer))
{
  g_test_add (path, Kiosk, GINT_TO_POINTER (hours), kiosk_setup, test, kiosk_teardown);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();
  const char *why_not = NULL;
  int status;

  kp_ui_test_init (&argc, &argv);

  add_test ("/volunteer/hold-opens-pad", HOURS_ALWAYS, test_hold_opens_pad);
  add_test ("/volunteer/wrong-pins-lock", HOURS_ALWAYS, test_wrong_pins_lock);
  add_test ("/volunteer/screen", HOURS_ALWAYS, test_volunteer_screen);
  add_test ("/volunteer/printer-banner", HOURS_ALWAYS, test_printer_banner_on_paper_flows);
  add_test ("/volunteer/volume", HOURS_ALWAYS, test_volume);
  add_test ("/volunteer/outbox-per-backend", HOURS_ALWAYS, test_outbox_per_backend);
  add_test ("/volunteer/registration", HOURS_ALWAYS, test_registration);
  add_test ("/volunteer/timeout", HOURS_ALWAYS, test_volunteer_timeout);
  add_test ("/volunteer/help-call", HOURS_ALWAYS, test_help_call);
  add_test ("/volunteer/help-outside-hours", HOURS_NEVER, test_help_outside_hours);
  add_test ("/volunteer/feedback", HOURS_ALWAYS, test_feedback);
  add_test ("/volunteer/charts", HOURS_ALWAYS, test_charts);
  if (kp_test_ipp_services_start (&why_not))
    g_test_add ("/volunteer/real-printer-states", Kiosk, GINT_TO_POINTER (HOURS_ALWAYS),
                kiosk_setup_with_printer, test_real_printer_states, kiosk_teardown);
  else if (geteuid () == 0)
    /* As root, CI can start the printer: not being able to is a failure, not a skip. */
    g_error ("ippeveprinter cannot be started: %s", why_not);
  else
    g_test_add_data_func ("/volunteer/real-printer-states", why_not, skip_with_reason);
  status = g_test_run ();
  kp_test_ipp_services_stop ();
  return status;
}
