/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-forms-page.h"
#include "kp-ipp-test-helpers.h"
#include "kp-outbox.h"
#include "kp-pdf-test-helpers.h"
#include "kp-printer.h"
#include "kp-speaker.h"
#include "kp-store.h"
#include "kp-test-http-server.h"
#include "kp-topic.h"
#include "kp-ui-test-helpers.h"
#include "kp-web-print.h"
#include "kp-web-test-helpers.h"

#include <unistd.h>

/*
 * A DigiD login from a municipal e-form, the way Open Formulieren does it,
 * with a fake forms server (127.0.0.1) and a fake DigiD (localhost) on
 * loopback: start → auto-submitted POST → DigiD's username and password →
 * the SMS code → back to the form with an artifact → the form → submit →
 * the submission report as a PDF, printed on a real IPP printer. Then the
 * session ends and nothing of it is left.
 */

#define WAIT_MS 15000
/* A print may wait for the printer's job before it (KpPrinter's own time limit). */
#define PRINT_WAIT_MS (KP_PRINTER_DEFAULT_JOB_TIMEOUT_SECONDS * 1000)
#define USERNAME      "jvdberg"
#define PASSWORD      "geheim2024x"
/* As long as PASSWORD: a field that shows only dots looks the same with either. */
#define PASSWORD_2 "anders9876q"
#define SMS_CODE   "482913"
#define REPORT     "Inzendingsbewijs parkeervergunning"
#define SESSION    "formsession=s3cr3t"

typedef struct
{
  KpTestHttpServer *forms;
  KpTestHttpServer *digid;
  char *digid_base;
  GMutex lock;
  char *password_received; /* what DigiD's login form sent, under lock */
  gint codes_accepted;
  gint reports_served;
  gint session_cookies_seen;
  KpTestIppPrinter *printer;
  KpConfig *config;
  KpStore *store;
  KpOutbox *outbox;
  KpSpeaker *speaker;
  KpWindow *window;
} Fixture;

static void
respond_html (SoupServerMessage *message, const char *html)
{
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "text/html", SOUP_MEMORY_COPY, html, strlen (html));
}

static void
redirect (SoupServerMessage *message, const char *location)
{
  soup_server_message_set_redirect (message, 302, location);
}

/* A form field from a POSTed body. (transfer full) */
static char *
dup_posted (SoupServerMessage *message, const char *name)
{
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  g_autoptr (GBytes) data = soup_message_body_flatten (body);
  g_autofree char *text = g_strndup (g_bytes_get_data (data, NULL), g_bytes_get_size (data));
  g_autoptr (GHashTable) fields = soup_form_decode (text);

  return g_strdup (g_hash_table_lookup (fields, name));
}

static gboolean
has_session_cookie (SoupServerMessage *message)
{
  const char *cookie
      = soup_message_headers_get_one (soup_server_message_get_request_headers (message), "Cookie");

  return cookie != NULL && strstr (cookie, SESSION) != NULL;
}

static void
serve_report (Fixture *fixture, SoupServerMessage *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  g_autoptr (GBytes) pdf = kp_web_test_make_pdf (REPORT);

  g_atomic_int_inc (&fixture->reports_served);
  soup_message_headers_replace (headers, "Content-Disposition",
                                "attachment; filename=\"inzendingsbewijs.pdf\"");
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/pdf", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
}

/* The pages of the form itself, which need the session DigiD gave. */
static void
serve_form_pages (Fixture *fixture, SoupServerMessage *message, const char *path)
{
  if (!has_session_cookie (message))
    {
      soup_server_message_set_status (message, 403, NULL);
      return;
    }
  if (g_str_equal (path, "/parking/"))
    respond_html (message, "<html lang=\"en\"><body><main><h1>Apply for a parking permit</h1>"
                           "<form method=post action=\"/parking/submit\"><label>Licence plate "
                           "<input id=plate name=plate></label><button>Send</button></form>"
                           "</main></body></html>");
  else if (g_str_equal (path, "/parking/submit"))
    respond_html (message, "<html lang=\"en\"><body><h1>Thank you</h1>"
                           "<a id=report href=\"/parking/report.pdf\">Download your report</a> "
                           "<a id=zip href=\"/parking/all.zip\">All files</a></body></html>");
  else if (g_str_equal (path, "/parking/report.pdf"))
    serve_report (fixture, message);
  else if (g_str_equal (path, "/parking/all.zip"))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                    "Content-Disposition", "attachment; filename=\"all.zip\"");
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "application/zip", SOUP_MEMORY_STATIC, "PK", 2);
    }
  else
    soup_server_message_set_status (message, 404, NULL);
}

/* Open Formulieren's side of the DigiD login, then the form. */
static void
serve_forms (SoupServer *server,
             SoupServerMessage *message,
             const char *path,
             GHashTable *query,
             gpointer user_data)
{
  Fixture *fixture = user_data;

  if (has_session_cookie (message))
    g_atomic_int_inc (&fixture->session_cookies_seen);
  if (g_str_equal (path, "/auth/parking/digid/start"))
    redirect (message, "/digid/login/");
  else if (g_str_equal (path, "/digid/login/"))
    {
      g_autofree char *html = g_strdup_printf (
          "<form id=f method=post action=\"%s/saml/idp/request_authentication\">"
          "<input type=hidden name=SAMLRequest value=PHNhbWw+><input type=hidden "
          "name=RelayState value=parking></form><script>f.submit()</script>",
          fixture->digid_base);

      respond_html (message, html);
    }
  else if (g_str_equal (path, "/digid/acs/") && query != NULL
           && g_strcmp0 (g_hash_table_lookup (query, "SAMLart"), "AAQAAM3k") == 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                    "Set-Cookie", SESSION "; Path=/; HttpOnly");
      redirect (message, "/auth/parking/digid/return");
    }
  else if (g_str_equal (path, "/auth/parking/digid/return"))
    redirect (message, "/parking/");
  else
    serve_form_pages (fixture, message, path);
}

/* DigiD: username and password, then the code sent by SMS, then back with an artifact. */
static void
serve_digid (SoupServer *server,
             SoupServerMessage *message,
             const char *path,
             GHashTable *query,
             gpointer user_data)
{
  Fixture *fixture = user_data;

  if (g_str_equal (path, "/saml/idp/request_authentication"))
    respond_html (message,
                  "<html lang=\"nl\"><body><h1>Inloggen bij DigiD</h1>"
                  "<form method=post action=\"/saml/idp/login\">"
                  "<label>DigiD gebruikersnaam <input id=username name=username></label>"
                  "<label>Wachtwoord <input id=password name=password type=password></label>"
                  "<button>Inloggen</button></form></body></html>");
  else if (g_str_equal (path, "/saml/idp/login"))
    {
      g_mutex_lock (&fixture->lock);
      g_free (fixture->password_received);
      fixture->password_received = dup_posted (message, "password");
      g_mutex_unlock (&fixture->lock);
      respond_html (message, "<html lang=\"nl\"><body><h1>Sms-code</h1>"
                             "<form method=post action=\"/saml/idp/sms\">"
                             "<label>Code <input id=code name=code inputmode=numeric "
                             "autocomplete=one-time-code></label><button>Ga verder</button>"
                             "</form></body></html>");
    }
  else if (g_str_equal (path, "/saml/idp/sms"))
    {
      g_autofree char *code = dup_posted (message, "code");
      g_autofree char *back = g_strdup_printf ("%s/digid/acs/?SAMLart=AAQAAM3k&RelayState=parking",
                                               kp_test_http_server_get_base (fixture->forms));

      if (g_strcmp0 (code, SMS_CODE) == 0)
        {
          g_atomic_int_inc (&fixture->codes_accepted);
          redirect (message, back);
        }
      else
        respond_html (message, "<h1>De code is niet juist</h1>");
    }
  else
    soup_server_message_set_status (message, 404, NULL);
}

static KpConfig *
make_config (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data_dir = kp_test_make_tmpdir ("data");
  g_autofree char *speech_dir = kp_test_make_tmpdir ("speech");
  g_autofree char *text = g_strdup_printf (
      "[storage]\ndata-dir=%s\n[speech]\noutput-folder=%s\n[printer]\nuri=%s\nlayout=a4\n"
      "[web-forms]\nallowed-hosts=127.0.0.1;localhost\nallow-loopback-http=true\n"
      "[form:parking]\ntitle=Parkeervergunning aanvragen\ntitle[en]=Apply for a parking permit\n"
      "start-url=%s/auth/parking/digid/start\ndigid=true\nminutes=10\n",
      data_dir, speech_dir, kp_test_ipp_printer_get_uri (fixture->printer),
      kp_test_http_server_get_base (fixture->forms));
  KpConfig *config = kp_config_new_from_data (text, &error);

  g_assert_no_error (error);
  return config;
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *spool = kp_test_make_tmpdir ("spool");
  g_autofree char *db_path = NULL;

  g_mutex_init (&fixture->lock);
  fixture->forms = kp_test_http_server_start (serve_forms, fixture);
  fixture->digid = kp_test_http_server_start (serve_digid, fixture);
  /* The same loopback server, by another name: a host of its own for the web view. */
  fixture->digid_base = g_strdup_printf (
      "http://localhost:%s", strrchr (kp_test_http_server_get_base (fixture->digid), ':') + 1);
  fixture->printer = kp_test_ipp_printer_start (spool, NULL);
  fixture->config = make_config (fixture);
  db_path = kp_config_dup_database_path (fixture->config);
  fixture->store = kp_store_open (db_path, &error);
  g_assert_no_error (error);
  fixture->outbox = kp_outbox_new (fixture->store);
  fixture->speaker = kp_speaker_new ();
  fixture->window = kp_ui_test_open_window (fixture->config, fixture->outbox, fixture->speaker);
  kp_window_set_language (fixture->window, "en");
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  kp_ui_test_close_window (fixture->window);
  g_assert_finalize_object (fixture->speaker);
  g_assert_finalize_object (fixture->outbox);
  g_assert_finalize_object (fixture->store);
  g_assert_finalize_object (fixture->config);
  kp_test_ipp_printer_free (fixture->printer);
  kp_test_http_server_stop (fixture->digid);
  kp_test_http_server_stop (fixture->forms);
  g_clear_pointer (&fixture->digid_base, g_free);
  g_clear_pointer (&fixture->password_received, g_free);
  g_mutex_clear (&fixture->lock);
}

static GtkWidget *
root (Fixture *fixture)
{
  return GTK_WIDGET (fixture->window);
}

static void
focus_field (Fixture *fixture, const char *id)
{
  g_autofree char *script
      = g_strdup_printf ("var f = document.getElementById('%s'); f.value = ''; f.focus(); "
                         "document.activeElement.id",
                         id);
  g_autofree char *focused = kp_web_test_run_script (root (fixture), script, WAIT_MS);

  g_assert_cmpstr (focused, ==, id);
  gtk_widget_grab_focus (GTK_WIDGET (kp_web_test_find_view (root (fixture))));
  kp_ui_test_spin (200);
}

static char *
field_value (Fixture *fixture, const char *id)
{
  g_autofree char *script = g_strdup_printf ("document.getElementById('%s').value", id);

  return kp_web_test_run_script (root (fixture), script, WAIT_MS);
}

/*
 * The page's one button, tapped. (Return is not used: speech mode takes
 * it at the window, before the page sees it.)
 */
static void
tap_button (Fixture *fixture)
{
  g_autofree char *tapped = kp_web_test_run_script (
      root (fixture), "document.querySelector('button').click(); 'tapped'", WAIT_MS);

  g_assert_cmpstr (tapped, ==, "tapped");
}

/* Types @text into field @id and waits, a bounded time, until the page has all of it. */
static void
type_into (Fixture *fixture, const char *id, const char *text)
{
  g_autofree char *value = NULL;

  focus_field (fixture, id);
  kp_ui_test_type_on_keyboard (root (fixture), text);
  for (guint tries = 0; tries < WAIT_MS / 100; tries++)
    {
      g_free (value);
      value = field_value (fixture, id);
      if (g_str_equal (value, text))
        break;
      kp_ui_test_spin (100);
    }
  g_assert_cmpstr (value, ==, text);
}

/* What the window shows while @text is in field @id, as pixels. (transfer full) */
static GBytes *
picture_with (Fixture *fixture, const char *id, const char *text, const char *name)
{
  g_autofree char *path = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (GError) error = NULL;
  gsize stride;
  guint8 *pixels;

  type_into (fixture, id, text);
  kp_ui_test_spin (300);
  path = kp_ui_test_save_screenshot (root (fixture), name);
  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  stride = (gsize) gdk_texture_get_width (texture) * 4;
  pixels = g_malloc (stride * (gsize) gdk_texture_get_height (texture));
  gdk_texture_download (texture, pixels, stride);
  return g_bytes_new_take (pixels, stride * (gsize) gdk_texture_get_height (texture));
}

/*
 * A password typed on screen shows nothing of itself: the window looks the
 * same with two different passwords of one length. The check bites: two
 * usernames of one length do look different.
 */
static void
assert_password_unseen (Fixture *fixture)
{
  g_autoptr (GBytes) first = picture_with (fixture, "password", PASSWORD_2, "digid-password-1");
  g_autoptr (GBytes) second = picture_with (fixture, "password", PASSWORD, "digid-password");
  g_autoptr (GBytes) user_1 = picture_with (fixture, "username", "abcdefg", "digid-username-1");
  g_autoptr (GBytes) user_2 = picture_with (fixture, "username", USERNAME, "digid-username");

  g_assert_true (g_bytes_equal (first, second));
  g_assert_false (g_bytes_equal (user_1, user_2));
}

static void
log_in_with_digid (Fixture *fixture)
{
  kp_web_test_wait_until_at (root (fixture), "/saml/idp/request_authentication", WAIT_MS);
  kp_ui_test_wait_for_text (root (fixture), "localhost", WAIT_MS);
  assert_password_unseen (fixture);
  type_into (fixture, "password", PASSWORD);
  tap_button (fixture);
  kp_web_test_wait_until_at (root (fixture), "/saml/idp/login", WAIT_MS);
  g_mutex_lock (&fixture->lock);
  g_assert_cmpstr (fixture->password_received, ==, PASSWORD);
  g_mutex_unlock (&fixture->lock);

  type_into (fixture, "code", SMS_CODE);
  tap_button (fixture);
  kp_web_test_wait_until_at (root (fixture), "/parking/", WAIT_MS);
  g_assert_cmpint (g_atomic_int_get (&fixture->codes_accepted), ==, 1);
}

static void
submit_form (Fixture *fixture)
{
  g_autofree char *clicked = NULL;

  type_into (fixture, "plate", "ab123c");
  tap_button (fixture);
  kp_web_test_wait_until_at (root (fixture), "/parking/submit", WAIT_MS);
  clicked = kp_web_test_run_script (root (fixture), "report.click(); 'clicked'", WAIT_MS);
  g_assert_cmpstr (clicked, ==, "clicked");
}

/* The report is shown as ready, printed on request, and arrives at the printer whole. */
static void
print_report (Fixture *fixture)
{
  g_autoptr (GPtrArray) documents = NULL;
  g_autofree char *text = NULL;
  KpWebPrint *web_print;

  kp_ui_test_wait_for_text (root (fixture), kp_ui_test_tr ("Your document is ready"), WAIT_MS);
  web_print = KP_WEB_PRINT (kp_ui_test_find_first (root (fixture), KP_TYPE_WEB_PRINT));
  g_assert_true (g_str_has_prefix (kp_web_print_get_document_path (web_print), g_get_tmp_dir ()));
  g_assert_true (g_file_test (kp_web_print_get_document_path (web_print), G_FILE_TEST_EXISTS));
  kp_ui_test_screenshot (root (fixture), "web-form-document-ready");
  kp_ui_test_press (root (fixture), kp_ui_test_tr ("Print"));
  kp_ui_test_wait_for_text (root (fixture), kp_ui_test_tr ("Take it from the printer."),
                            PRINT_WAIT_MS);

  documents = kp_test_ipp_printer_list_documents (fixture->printer);
  g_assert_cmpuint (documents->len, ==, 1);
  text = kp_test_pdf_text (g_ptr_array_index (documents, 0));
  kp_test_assert_contains (text, REPORT);
  g_assert_cmpuint (kp_ui_test_count_today (fixture->window, "form-finished", "e-form/parking"), ==,
                    1);
  kp_ui_test_press (root (fixture), kp_ui_test_tr ("Close"));
}

/* Any other file the form offers is still refused, and nothing of it is saved. */
static void
refuse_other_download (Fixture *fixture)
{
  g_autofree char *clicked
      = kp_web_test_run_script (root (fixture), "zip.click(); 'clicked'", WAIT_MS);

  g_assert_cmpstr (clicked, ==, "clicked");
  kp_ui_test_wait_for_text (root (fixture), kp_ui_test_tr ("Files are not saved here"), WAIT_MS);
  kp_ui_test_press (root (fixture), kp_ui_test_tr ("Back"));
}

/* The test's HOME, in the kiosk's temporary folder. */
static char *home;
static char *tmp;

static gboolean
no_web_process_left (gpointer user_data)
{
  g_autoptr (GArray) web_processes = kp_web_test_find_descendants ("WebKitWebProces");

  return web_processes->len == 0;
}

/* The forms tile, the form's tile (its title and summary, in the kiosk's language), Start. */
static void
tap_form_tile (Fixture *fixture)
{
  KpEForm *form = g_ptr_array_index (kp_config_get_e_forms (fixture->config), 0);
  g_autofree char *summary = kp_forms_page_dup_form_summary (form);
  g_autofree char *tile = g_strconcat (
      kp_e_form_get_title (form, kp_window_get_language (fixture->window)), " ", summary, NULL);

  kp_ui_test_press (root (fixture), kp_ui_test_tr (kp_topic_lookup ("digid-form")->label));
  kp_ui_test_press (root (fixture), tile);
  kp_ui_test_press (root (fixture), kp_ui_test_tr ("Start the form"));
}

/* Done: the web process, the session's cookies and its files are gone. */
static void
end_session_and_check (Fixture *fixture, const char *files_before)
{
  g_autofree char *files_after = NULL;

  kp_ui_test_press (root (fixture), kp_ui_test_tr ("Done"));
  g_assert_null (kp_web_test_find_view (root (fixture)));
  g_assert_true (kp_ui_test_wait_until (no_web_process_left, NULL, WAIT_MS));
  files_after = kp_web_test_list_tmp (tmp, home);
  g_assert_cmpstr (files_after, ==, files_before);

  /* The next visitor starts the same form: no DigiD session comes with it. */
  g_assert_cmpint (g_atomic_int_get (&fixture->session_cookies_seen), >, 0);
  g_atomic_int_set (&fixture->session_cookies_seen, 0);
  tap_form_tile (fixture);
  kp_web_test_wait_until_at (root (fixture), "/saml/idp/request_authentication", WAIT_MS);
  g_assert_cmpint (g_atomic_int_get (&fixture->session_cookies_seen), ==, 0);
}

static void
test_digid_flow (Fixture *fixture, gconstpointer data)
{
  g_autofree char *files_before = kp_web_test_list_tmp (tmp, home);

  tap_form_tile (fixture);
  log_in_with_digid (fixture);
  submit_form (fixture);
  print_report (fixture);
  g_assert_cmpint (g_atomic_int_get (&fixture->reports_served), ==, 1);
  refuse_other_download (fixture);
  end_session_and_check (fixture, files_before);
}

static void
skip_with_reason (gconstpointer why_not)
{
  g_test_skip (why_not);
}

int
main (int argc, char *argv[])
{
  const char *why_not = NULL;
  int result;

  home = kp_web_test_init_home (&tmp);
  /* No GL on the virtual screen; without this WebKit tries it anyway and warns. */
  g_setenv ("WEBKIT_DISABLE_COMPOSITING_MODE", "1", TRUE);
  kp_ui_test_init (&argc, &argv);
  /* A blinking caret would make two pictures of one screen differ. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  if (kp_test_ipp_services_start (&why_not))
    g_test_add ("/digid-flow/whole", Fixture, NULL, fixture_set_up, test_digid_flow,
                fixture_tear_down);
  else if (geteuid () == 0)
    /* As root, CI can start the printer: not being able to is a failure, not a skip. */
    g_error ("ippeveprinter cannot be started: %s", why_not);
  else
    g_test_add_data_func ("/digid-flow/whole", why_not, skip_with_reason);

  result = g_test_run ();
  kp_test_ipp_services_stop ();
  kp_test_remove_tree (tmp);
  g_free (home);
  g_free (tmp);
  return result;
}
