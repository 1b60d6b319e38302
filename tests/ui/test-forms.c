/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-e-form-catalogue.h"
#include "kp-forms-page.h"
#include "kp-outbox.h"
#include "kp-speaker.h"
#include "kp-store.h"
#include "kp-test-http-server.h"
#include "kp-topic.h"
#include "kp-ui-test-helpers.h"
#include "kp-visible-text.h"
#include "kp-web-form-page.h"

#include <glib/gi18n.h>

/*
 * The "Form with DigiD" tile: the forms list (from the configuration and
 * as kernpunt-syncd refreshed them), "Before you start", the Start button
 * that opens the form's web page, and the counts of forms opened,
 * finished and abandoned. Without forms: the honest page with other ways.
 */

#define WAIT_MS 5000

#define PRIVACY_LINE "Only you type your DigiD password. The volunteer helps, but does not look."
#define APP_LINE     "The DigiD app on your phone. With the app you scan a QR code on this screen."
#define SMS_LINE     "Or your DigiD password and your phone. You get a code by text message (SMS)."

typedef enum
{
  WITH_FORMS,
  WITHOUT_FORMS,
} Forms;

typedef struct
{
  KpTestHttpServer *site;
  KpConfig *config;
  KpStore *store;
  KpOutbox *outbox;
  KpSpeaker *speaker;
  KpWindow *window;
} Fixture;

/* The municipality's form site, on this machine: one plain page. */
static void
on_site_request (SoupServer *server,
                 SoupServerMessage *message,
                 const char *path,
                 GHashTable *query,
                 gpointer user_data)
{
  const char *page = "<html lang=\"nl\"><body><h1>Grofvuil laten ophalen</h1></body></html>";

  soup_server_message_set_response (message, "text/html", SOUP_MEMORY_COPY, page, strlen (page));
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
}

static char *
dup_config_text (Fixture *fixture, Forms forms)
{
  g_autofree char *data_dir = kp_test_make_tmpdir ("data");
  g_autofree char *speech_dir = kp_test_make_tmpdir ("speech");
  g_autofree char *form_groups = NULL;

  if (forms == WITH_FORMS)
    form_groups = g_strdup_printf (
        "[form:grofvuil]\ntitle=Grofvuil laten ophalen\ntitle[en]=Have bulky waste collected\n"
        "start-url=%s/grofvuil\nneeds=Het adres waar het grofvuil staat.\n"
        "needs[en]=The address where the bulky waste is.\nicon=bulky-waste\nminutes=10\n"
        "digid=true\n"
        "[form:afvalpas]\ntitle=Afvalpas aanvragen\nstart-url=%s/afvalpas\nicon=bin\n",
        kp_test_http_server_get_base (fixture->site), kp_test_http_server_get_base (fixture->site));
  return g_strdup_printf ("[storage]\ndata-dir=%s\n[speech]\noutput-folder=%s\n"
                          "[web-forms]\nallowed-hosts=127.0.0.1\nallow-loopback-http=true\n%s",
                          data_dir, speech_dir, form_groups != NULL ? form_groups : "");
}

/* What kernpunt-syncd would have stored: one form to show, one in maintenance. */
static void
store_refreshed_forms (Fixture *fixture)
{
  g_autoptr (KpEFormCatalogue) catalogue
      = kp_e_form_catalogue_new (fixture->config, fixture->store);
  g_autoptr (GPtrArray) forms = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  KpEForm *form;

  form = kp_e_form_new (KP_E_FORM_SOURCE_OPEN_FORMULIEREN, "parkeervergunning",
                        "https://open-formulieren.lindeveen.nl/parkeervergunning/");
  kp_e_form_set_title (form, NULL, "Parkeervergunning aanvragen");
  kp_e_form_set_title (form, "en", "Apply for a parking permit");
  kp_e_form_set_needs_digid (form, TRUE);
  g_ptr_array_add (forms, form);
  form = kp_e_form_new (KP_E_FORM_SOURCE_OPEN_FORMULIEREN, "kapvergunning",
                        "https://open-formulieren.lindeveen.nl/kapvergunning/");
  kp_e_form_set_title (form, NULL, "Kapvergunning aanvragen");
  kp_e_form_set_visibility (form, KP_E_FORM_HIDDEN_MAINTENANCE);
  g_ptr_array_add (forms, form);
  g_assert_true (
      kp_e_form_catalogue_store_refreshed (catalogue, forms, g_get_real_time (), &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture *fixture, gconstpointer data)
{
  Forms forms = GPOINTER_TO_INT (data);
  g_autofree char *config_text = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr (GError) error = NULL;

  fixture->site = kp_test_http_server_start (on_site_request, NULL);
  config_text = dup_config_text (fixture, forms);
  fixture->config = kp_config_new_from_data (config_text, &error);
  g_assert_no_error (error);
  db_path = kp_config_dup_database_path (fixture->config);
  fixture->store = kp_store_open (db_path, &error);
  g_assert_no_error (error);
  if (forms == WITH_FORMS)
    store_refreshed_forms (fixture);
  fixture->outbox = kp_outbox_new (fixture->store);
  fixture->speaker = kp_speaker_new ();
  kp_speaker_set_output_folder (fixture->speaker,
                                kp_config_get_speech_output_folder (fixture->config));
  fixture->window = kp_ui_test_open_window (fixture->config, fixture->outbox, fixture->speaker);
}

static void
fixture_teardown (Fixture *fixture, gconstpointer data)
{
  kp_ui_test_close_window (fixture->window);
  kp_speaker_stop (fixture->speaker);
  kp_ui_test_spin (50);
  g_assert_finalize_object (fixture->speaker);
  g_assert_finalize_object (fixture->outbox);
  g_assert_finalize_object (fixture->store);
  g_assert_finalize_object (fixture->config);
  kp_test_http_server_stop (fixture->site);
}

static GtkWidget *
root (Fixture *fixture)
{
  return GTK_WIDGET (fixture->window);
}

static void
assert_shows (Fixture *fixture, const char *text)
{
  kp_ui_test_wait_for_text (root (fixture), text, WAIT_MS);
}

static void
assert_not_shows (Fixture *fixture, const char *text)
{
  if (kp_ui_test_shows (root (fixture), text))
    g_error ("“%s” should not be on screen", text);
}

static void
assert_page (Fixture *fixture, const char *name)
{
  g_assert_cmpstr (kp_window_get_page_name (fixture->window), ==, name);
}

/*
 * The kiosk's full screen is 1920 x 1080: a taller page would hide its
 * lowest buttons, or leave them below the fold of its scrolled window,
 * where a resident does not look.
 */
static void
assert_fits_screen (Fixture *fixture)
{
  g_autoptr (GPtrArray) buttons = kp_ui_test_find_all (root (fixture), GTK_TYPE_BUTTON);
  int minimum_height;

  gtk_widget_measure (root (fixture), GTK_ORIENTATION_VERTICAL, 1920, &minimum_height, NULL, NULL,
                      NULL);
  g_assert_cmpint (minimum_height, <=, 1080);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);
      graphene_rect_t bounds;

      if (gtk_widget_get_mapped (button)
          && gtk_widget_compute_bounds (button, root (fixture), &bounds))
        g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=,
                           gtk_widget_get_height (root (fixture)));
    }
}

static void
open_forms_list (Fixture *fixture)
{
  kp_ui_test_press (root (fixture), kp_ui_test_tr (kp_topic_lookup ("digid-form")->label));
  assert_page (fixture, "digid-form");
}

/* (transfer none) */
static KpEForm *
config_form (Fixture *fixture, guint index)
{
  return g_ptr_array_index (kp_config_get_e_forms (fixture->config), index);
}

/* A tile's words, as a finger would find it: its title, then its summary. (transfer full) */
static char *
dup_tile_words (KpEForm *form, const char *language)
{
  g_autofree char *summary = kp_forms_page_dup_form_summary (form);

  return g_strconcat (kp_e_form_get_title (form, language), " ", summary, NULL);
}

/*
 * The list shows every form a resident may start, configured ones first,
 * each saying whether it needs DigiD and how long it takes; a form in
 * maintenance is not there.
 */
static void
test_forms_list (Fixture *fixture, gconstpointer data)
{
  const char *languages[] = { "nl", "en" };

  for (gsize i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *screenshot = g_strdup_printf ("forms-list-%s", languages[i]);
      g_autofree char *waste = NULL;
      g_autofree char *bin = NULL;
      g_autofree char *needs_digid = NULL;
      const char *parking = g_str_equal (languages[i], "en") ? "Apply for a parking permit"
                                                             : "Parkeervergunning aanvragen";

      /* The tiles' words in the session's language, as the page makes them. */
      kp_window_set_language (fixture->window, languages[i]);
      waste = dup_tile_words (config_form (fixture, 0), languages[i]);
      bin = dup_tile_words (config_form (fixture, 1), languages[i]);
      open_forms_list (fixture);
      assert_shows (fixture, parking);
      g_assert_nonnull (kp_ui_test_find_button (root (fixture), waste));
      g_assert_nonnull (kp_ui_test_find_button (root (fixture), bin));
      /* The tile's line is made of two sentences, as the page makes it. */
      needs_digid = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%s About %u minute.", "%s About %u minutes.", 10),
          kp_ui_test_tr ("You need DigiD."), 10);
      assert_shows (fixture, needs_digid);
      assert_shows (fixture, kp_ui_test_tr ("No DigiD needed."));
      assert_not_shows (fixture, "Kapvergunning aanvragen");
      assert_not_shows (fixture, kp_ui_test_tr ("You cannot fill in a form here yet."));
      kp_ui_test_assert_usable (root (fixture), fixture->config, screenshot);
      assert_fits_screen (fixture);
      kp_ui_test_screenshot (root (fixture), screenshot);
    }

  /* A tile opens that form's "Before you start". */
  kp_ui_test_press (root (fixture), "Have bulky waste collected You need DigiD. About 10 minutes.");
  assert_page (fixture, KP_FORMS_PAGE_START_PREFIX "grofvuil");
}

static void
open_start_page (Fixture *fixture, const char *form_id)
{
  g_autofree char *name = g_strconcat (KP_FORMS_PAGE_START_PREFIX, form_id, NULL);

  open_forms_list (fixture);
  gtk_widget_activate_action (root (fixture), "kiosk.open", "s", name);
  assert_page (fixture, name);
}

/* "Before you start": what you need, how DigiD works here, and ways on without DigiD. */
static void
test_before_you_start (Fixture *fixture, gconstpointer data)
{
  const char *languages[] = { "nl", "en" };
  g_autofree char *spoken = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *screenshot = g_strdup_printf ("form-start-%s", languages[i]);
      g_autofree char *duration = NULL;

      /* What the page says, in the session's language. */
      kp_window_set_language (fixture->window, languages[i]);
      duration = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "It takes about %u minute.",
                                               "It takes about %u minutes.", 10),
                                  10);
      open_start_page (fixture, "grofvuil");
      assert_shows (fixture, kp_ui_test_tr ("Before you start"));
      assert_shows (fixture, kp_e_form_get_title (config_form (fixture, 0), languages[i]));
      assert_shows (fixture, kp_e_form_get_needs (config_form (fixture, 0), languages[i]));
      assert_shows (fixture, duration);
      assert_shows (fixture, kp_ui_test_tr (APP_LINE));
      assert_shows (fixture, kp_ui_test_tr (SMS_LINE));
      assert_shows (fixture, kp_ui_test_tr (PRIVACY_LINE));
      assert_shows (fixture, kp_ui_test_tr ("No DigiD yet?"));
      kp_ui_test_assert_usable (root (fixture), fixture->config, screenshot);
      assert_fits_screen (fixture);
      kp_ui_test_screenshot (root (fixture), screenshot);
    }

  /* Read aloud reads the page, the privacy line with it. */
  spoken = kp_visible_text_collect (root (fixture));
  kp_test_assert_contains (spoken, kp_ui_test_tr (PRIVACY_LINE));

  /* Without DigiD: how to get it, an appointment, or a call back; Back returns here. */
  kp_ui_test_press (root (fixture), kp_ui_test_tr ("How to get DigiD"));
  assert_page (fixture, "topic:digid");
  kp_ui_test_press (root (fixture), kp_ui_test_tr ("Back"));
  assert_page (fixture, KP_FORMS_PAGE_START_PREFIX "grofvuil");
  kp_ui_test_press (root (fixture), kp_ui_test_tr ("Make an appointment"));
  assert_page (fixture, "appointment");
  kp_ui_test_press (root (fixture), kp_ui_test_tr ("Back"));
  kp_ui_test_press (root (fixture), kp_ui_test_tr ("Call me back"));
  assert_page (fixture, "callback");

  /* A form without DigiD says nothing about DigiD. */
  kp_ui_test_press (root (fixture), kp_ui_test_tr ("Home"));
  open_start_page (fixture, "afvalpas");
  assert_shows (fixture, "Afvalpas aanvragen");
  assert_not_shows (fixture, kp_ui_test_tr (PRIVACY_LINE));
  assert_not_shows (fixture, kp_ui_test_tr ("No DigiD yet?"));
  g_assert_nonnull (kp_ui_test_find_button (root (fixture), kp_ui_test_tr ("Start the form")));
}

static guint
count (Fixture *fixture, const char *measure)
{
  return kp_ui_test_count_today (fixture->window, measure, "e-form/grofvuil");
}

static KpWebFormPage *
start_form (Fixture *fixture)
{
  GtkWidget *page;

  open_start_page (fixture, "grofvuil");
  kp_ui_test_press (root (fixture), kp_ui_test_tr ("Start the form"));
  assert_page (fixture, KP_WEB_FORM_PAGE_PREFIX "grofvuil");
  page = kp_ui_test_find_first (root (fixture), KP_TYPE_WEB_FORM_PAGE);
  g_assert_nonnull (page);
  g_assert_true (gtk_widget_get_mapped (page));
  g_assert_cmpstr (kp_web_form_page_get_form_id (KP_WEB_FORM_PAGE (page)), ==, "grofvuil");
  return KP_WEB_FORM_PAGE (page);
}

/*
 * Start opens the form's web page and counts "form-opened"; a form left
 * unfinished counts as abandoned, a finished one as finished, and only
 * once each. The counts say which form, never who or what was typed.
 */
static void
test_start_and_counts (Fixture *fixture, gconstpointer data)
{
  KpWebFormPage *page = start_form (fixture);

  g_assert_cmpuint (count (fixture, "form-opened"), ==, 1);
  g_assert_cmpuint (count (fixture, "form-abandoned"), ==, 0);
  gtk_widget_activate_action (root (fixture), "kiosk.volunteer-end-session", NULL);
  assert_page (fixture, "home");
  g_assert_cmpuint (count (fixture, "form-abandoned"), ==, 1);

  page = start_form (fixture);
  g_assert_cmpuint (count (fixture, "form-opened"), ==, 2);
  kp_window_record_e_form_finished_for (GTK_WIDGET (page), "grofvuil");
  /* Told twice, or about another form: counted once. */
  kp_window_record_e_form_finished_for (GTK_WIDGET (page), "grofvuil");
  kp_window_record_e_form_finished_for (GTK_WIDGET (page), "afvalpas");
  gtk_widget_activate_action (root (fixture), "kiosk.volunteer-end-session", NULL);
  assert_page (fixture, "home");
  g_assert_cmpuint (count (fixture, "form-finished"), ==, 1);
  g_assert_cmpuint (count (fixture, "form-abandoned"), ==, 1);
}

/* A page name for a form that is no longer offered leads to the list, never to a dead end. */
static void
test_unknown_form (Fixture *fixture, gconstpointer data)
{
  gtk_widget_activate_action (root (fixture), "kiosk.open", "s",
                              KP_FORMS_PAGE_START_PREFIX "kapvergunning");
  assert_shows (fixture, "Parkeervergunning aanvragen");
  assert_not_shows (fixture, kp_ui_test_tr ("Before you start"));
  gtk_widget_activate_action (root (fixture), "kiosk.open", "s",
                              KP_WEB_FORM_PAGE_PREFIX "kapvergunning");
  g_assert_null (kp_ui_test_find_first (root (fixture), KP_TYPE_WEB_FORM_PAGE));
  assert_shows (fixture, "Parkeervergunning aanvragen");
  g_assert_cmpuint (kp_ui_test_count_today (fixture->window, "form-opened", "e-form/kapvergunning"),
                    ==, 0);
}

/* The demo has no forms: the page says so in plain words and offers the other ways. */
static void
test_no_forms (Fixture *fixture, gconstpointer data)
{
  g_autofree char *hours = kp_config_format_opening_hours (fixture->config);
  g_auto (GStrv) hour_lines = g_strsplit (hours, "\n", -1);

  open_forms_list (fixture);
  assert_shows (fixture, kp_ui_test_tr ("You cannot fill in a form here yet."));
  assert_not_shows (fixture, kp_ui_test_tr ("Choose a form. Then you see what you need."));
  assert_shows (fixture, kp_config_get_phone (fixture->config));
  assert_shows (fixture, hour_lines[0]);
  kp_ui_test_assert_usable (root (fixture), fixture->config, "no forms");
  assert_fits_screen (fixture);
  kp_ui_test_screenshot (root (fixture), "forms-none-nl");

  kp_ui_test_press (root (fixture), kp_ui_test_tr ("Call me back"));
  assert_page (fixture, "callback");
  kp_ui_test_press (root (fixture), kp_ui_test_tr ("Back"));
  kp_ui_test_press (root (fixture), kp_ui_test_tr ("Make an appointment"));
  assert_page (fixture, "appointment");
  kp_ui_test_press (root (fixture), kp_ui_test_tr ("Back"));
  kp_ui_test_press (root (fixture), kp_ui_test_tr ("Choose something else"));
  assert_page (fixture, "home");
}

static void
add_forms_test (const char *path, Forms forms, void (*test) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, GINT_TO_POINTER (forms), fixture_setup, test, fixture_teardown);
}

int
main (int argc, char *argv[])
{
  g_autofree char *home = kp_test_init_home ();

  /*
   * Start opens the form's web page. The virtual screen has no GL
   * (GDK_DEBUG=gl-disable); without this WebKit would try it anyway and
   * warn, and warnings are fatal.
   */
  g_setenv ("WEBKIT_DISABLE_COMPOSITING_MODE", "1", TRUE);
  kp_ui_test_init (&argc, &argv);

  add_forms_test ("/forms/list", WITH_FORMS, test_forms_list);
  add_forms_test ("/forms/before-you-start", WITH_FORMS, test_before_you_start);
  add_forms_test ("/forms/start-and-counts", WITH_FORMS, test_start_and_counts);
  add_forms_test ("/forms/unknown-form", WITH_FORMS, test_unknown_form);
  add_forms_test ("/forms/no-forms", WITHOUT_FORMS, test_no_forms);

  return g_test_run ();
}
