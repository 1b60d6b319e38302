/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-ipp-test-helpers.h"
#include "kp-pdf-test-helpers.h"
#include "kp-printer.h"
#include "kp-speaker.h"
#include "kp-test-http-server.h"
#include "kp-ui-test-helpers.h"
#include "kp-web-form-page.h"
#include "kp-web-print.h"
#include "kp-web-test-helpers.h"

#include <unistd.h>

/*
 * A web form's print button and its PDFs go through the kiosk's own
 * printer, never a dialog: to a real IPP printer (ippeveprinter), or in
 * demo mode into the slip folder. What the form offers as a PDF must be
 * one; and nothing of it stays in the temporary folder after the session.
 */

#define WAIT_MS       15000
#define PRINT_WAIT_MS (KP_PRINTER_DEFAULT_JOB_TIMEOUT_SECONDS * 1000)
#define PAGE_TEXT     "Licence plate AB-123-C"
#define REPORT_TEXT   "Inzendingsbewijs kapvergunning"

typedef enum
{
  TO_PRINTER,
  TO_FOLDER, /* demo mode */
} Destination;

typedef struct
{
  KpTestHttpServer *site;
  KpTestIppPrinter *printer;
  char *demo_folder;
  KpConfig *config;
  KpSpeaker *speaker;
  GtkWindow *window;
  GtkWidget *page;
  char *files_before; /* the temporary folder before the form opened */
} Fixture;

static char *home;
static char *tmp;
static gboolean ipp_available;

static void
respond (SoupServerMessage *message, const char *mime_type, const void *data, gsize size)
{
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, mime_type, SOUP_MEMORY_COPY, data, size);
}

static void
serve_site (SoupServer *server,
            SoupServerMessage *message,
            const char *path,
            GHashTable *query,
            gpointer user_data)
{
  static const char page[]
      = "<html lang=\"en\"><body><h1>Your answers</h1><p>" PAGE_TEXT "</p>"
        "<button id=print onclick=\"window.print()\">Print this page</button>"
        "<button id=print-thrice onclick=\"window.print(); window.print(); window.print()\">"
        "Print</button>"
        "<a id=report href=\"/report.pdf\">Report</a> <a id=fake href=\"/fake.pdf\">Fake</a>"
        "</body></html>";

  if (g_str_equal (path, "/report.pdf"))
    {
      g_autoptr (GBytes) pdf = kp_web_test_make_pdf (REPORT_TEXT);

      respond (message, "application/pdf", g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
    }
  else if (g_str_equal (path, "/fake.pdf"))
    respond (message, "application/pdf", "MZ-not-a-document", 17);
  else
    respond (message, "text/html", page, strlen (page));
}

static KpConfig *
make_config (Fixture *fixture, Destination destination)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data_dir = kp_test_make_tmpdir ("data");
  g_autofree char *printer = NULL;
  g_autofree char *text = NULL;
  KpConfig *config;

  if (destination == TO_PRINTER)
    printer = g_strdup_printf ("uri=%s\n", kp_test_ipp_printer_get_uri (fixture->printer));
  else
    printer = g_strdup_printf ("pdf-folder=%s\n", fixture->demo_folder);
  text = g_strdup_printf ("[storage]\ndata-dir=%s\n[printer]\n%slayout=a4\n"
                          "[web-forms]\nallowed-hosts=127.0.0.1\nallow-loopback-http=true\n",
                          data_dir, printer);
  config = kp_config_new_from_data (text, &error);
  g_assert_no_error (error);
  return config;
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  Destination destination = GPOINTER_TO_INT (data);
  g_autofree char *spool = kp_test_make_tmpdir ("spool");
  g_autofree char *url = NULL;

  fixture->site = kp_test_http_server_start (serve_site, fixture);
  fixture->demo_folder = g_build_filename (home, "demo-slips", NULL);
  if (destination == TO_PRINTER)
    fixture->printer = kp_test_ipp_printer_start (spool, NULL);
  fixture->config = make_config (fixture, destination);
  fixture->speaker = kp_speaker_new ();

  url = g_strconcat (kp_test_http_server_get_base (fixture->site), "/answers", NULL);
  fixture->files_before = kp_web_test_list_tmp (tmp, home);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1920, 1080);
  fixture->page = g_object_ref (
      kp_web_form_page_new (fixture->config, fixture->speaker, "kapvergunning", url));
  gtk_window_set_child (fixture->window, fixture->page);
  gtk_window_present (fixture->window);
  kp_web_test_wait_until_at (fixture->page, "/answers", WAIT_MS);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (fixture->window);
  kp_ui_test_spin (200);
  g_assert_finalize_object (fixture->page);
  g_assert_finalize_object (fixture->speaker);
  g_assert_finalize_object (fixture->config);
  g_clear_pointer (&fixture->printer, kp_test_ipp_printer_free);
  kp_test_http_server_stop (fixture->site);
  g_clear_pointer (&fixture->demo_folder, g_free);
  g_clear_pointer (&fixture->files_before, g_free);
}

/* A finger on a link or button of the page. */
static void
tap (Fixture *fixture, const char *id)
{
  g_autofree char *script = g_strdup_printf ("document.getElementById('%s').click(); 'tapped'", id);
  g_autofree char *tapped = kp_web_test_run_script (fixture->page, script, WAIT_MS);

  g_assert_cmpstr (tapped, ==, "tapped");
}

/* The session ends as the page leaves the screen: the window closes. */
static void
end_session (Fixture *fixture)
{
  gtk_window_destroy (g_steal_pointer (&fixture->window));
  kp_ui_test_spin (300);
}

static guint
count_printed (Fixture *fixture)
{
  g_autoptr (GPtrArray) documents = kp_test_ipp_printer_list_documents (fixture->printer);

  return documents->len;
}

static void
assert_printed (Fixture *fixture, const char *text)
{
  g_autoptr (GPtrArray) documents = kp_test_ipp_printer_list_documents (fixture->printer);
  g_autofree char *printed = NULL;
  g_autofree char *contents = NULL;
  gsize size = 0;

  g_assert_cmpuint (documents->len, ==, 1);
  g_assert_true (g_file_get_contents (g_ptr_array_index (documents, 0), &contents, &size, NULL));
  g_assert_cmpuint (size, >, 0);
  printed = kp_test_pdf_text (g_ptr_array_index (documents, 0));
  kp_test_assert_contains (printed, text);
}

/*
 * window.print(): no dialog, no window; the page arrives at the printer
 * once, however often the page asks, and its file is gone.
 */
static void
test_page_to_printer (Fixture *fixture, gconstpointer data)
{
  g_autofree char *recent = NULL;
  g_autofree char *files_after = NULL;

  tap (fixture, "print-thrice");
  kp_ui_test_wait_for_text (fixture->page, kp_ui_test_tr ("Printing…"), WAIT_MS);
  kp_ui_test_wait_for_text (fixture->page, kp_ui_test_tr ("Take it from the printer."),
                            PRINT_WAIT_MS);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, 1);
  assert_printed (fixture, PAGE_TEXT);
  kp_ui_test_screenshot (GTK_WIDGET (fixture->window), "web-form-printed");
  kp_ui_test_press (fixture->page, kp_ui_test_tr ("Close"));
  g_assert_false (kp_ui_test_shows (fixture->page, kp_ui_test_tr ("Printed")));
  /* GTK's list of recent files names no printed file (it may exist, empty). */
  recent = g_build_filename (g_get_user_data_dir (), "recently-used.xbel", NULL);
  g_assert_false (kp_test_file_contains (recent, "<bookmark "));

  end_session (fixture);
  files_after = kp_web_test_list_tmp (tmp, home);
  g_assert_cmpstr (files_after, ==, fixture->files_before);
}

/* The form's report: ready, printed when asked, and deleted with the session. */
static void
test_report_to_printer (Fixture *fixture, gconstpointer data)
{
  g_autofree char *files_after = NULL;
  g_autofree char *document = NULL;
  KpWebPrint *web_print;

  tap (fixture, "report");
  kp_ui_test_wait_for_text (fixture->page, kp_ui_test_tr ("Your document is ready"), WAIT_MS);
  web_print = KP_WEB_PRINT (kp_ui_test_find_first (fixture->page, KP_TYPE_WEB_PRINT));
  document = g_strdup (kp_web_print_get_document_path (web_print));
  g_assert_true (g_str_has_prefix (document, tmp));
  /* Nothing is printed before the resident asks. */
  g_assert_cmpuint (count_printed (fixture), ==, 0);
  kp_ui_test_press (fixture->page, kp_ui_test_tr ("Print"));
  kp_ui_test_wait_for_text (fixture->page, kp_ui_test_tr ("Take it from the printer."),
                            PRINT_WAIT_MS);
  assert_printed (fixture, REPORT_TEXT);

  g_object_add_weak_pointer (G_OBJECT (web_print), (gpointer *) &web_print);
  end_session (fixture);
  g_assert_null (web_print);
  g_assert_false (g_file_test (document, G_FILE_TEST_EXISTS));
  files_after = kp_web_test_list_tmp (tmp, home);
  g_assert_cmpstr (files_after, ==, fixture->files_before);
}

/* Something that says it is a PDF and is not: refused, and not kept. */
static void
test_not_a_pdf (Fixture *fixture, gconstpointer data)
{
  g_autofree char *files_during = NULL;

  tap (fixture, "fake");
  kp_ui_test_wait_for_text (fixture->page, kp_ui_test_tr ("This file cannot be opened here"),
                            WAIT_MS);
  g_assert_null (kp_web_print_get_document_path (
      KP_WEB_PRINT (kp_ui_test_find_first (fixture->page, KP_TYPE_WEB_PRINT))));
  g_assert_null (kp_ui_test_find_button (fixture->page, kp_ui_test_tr ("Print")));
  files_during = kp_web_test_list_tmp (tmp, home);
  g_assert_null (strstr (files_during, "/document-"));
  g_assert_cmpuint (count_printed (fixture), ==, 0);
}

/* Demo mode: no printer, the page is saved as a PDF file where slips go. */
static void
test_page_to_demo_folder (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GDir) dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  const char *name;

  tap (fixture, "print");
  kp_ui_test_wait_for_text (
      fixture->page, kp_ui_test_tr ("This kiosk has no printer. The document was saved as a file."),
      PRINT_WAIT_MS);
  g_assert_true (kp_ui_test_shows (fixture->page, kp_ui_test_tr ("Saved as a file")));
  dir = g_dir_open (fixture->demo_folder, 0, NULL);
  g_assert_nonnull (dir);
  name = g_dir_read_name (dir);
  g_assert_cmpstr (name, ==, "kapvergunning.pdf");
  g_assert_null (g_dir_read_name (dir));
  path = g_build_filename (fixture->demo_folder, name, NULL);
  text = kp_test_pdf_text (path);
  kp_test_assert_contains (text, PAGE_TEXT);
}

static void
skip_with_reason (gconstpointer why_not)
{
  g_test_skip (why_not);
}

static void
add_printer_test (const char *path, void (*test) (Fixture *, gconstpointer), const char *why_not)
{
  if (ipp_available)
    g_test_add (path, Fixture, GINT_TO_POINTER (TO_PRINTER), fixture_set_up, test,
                fixture_tear_down);
  else
    g_test_add_data_func (path, why_not, skip_with_reason);
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
  ipp_available = kp_test_ipp_services_start (&why_not);
  /* As root, CI can start the printer: not being able to is a failure, not a skip. */
  if (!ipp_available && geteuid () == 0)
    g_error ("ippeveprinter cannot be started: %s", why_not);

  add_printer_test ("/web-print/page-to-printer", test_page_to_printer, why_not);
  add_printer_test ("/web-print/report-to-printer", test_report_to_printer, why_not);
  add_printer_test ("/web-print/not-a-pdf", test_not_a_pdf, why_not);
  g_test_add ("/web-print/page-to-demo-folder", Fixture, GINT_TO_POINTER (TO_FOLDER),
              fixture_set_up, test_page_to_demo_folder, fixture_tear_down);

  result = g_test_run ();
  if (ipp_available)
    kp_test_ipp_services_stop ();
  kp_test_remove_tree (tmp);
  g_free (home);
  g_free (tmp);
  return result;
}
