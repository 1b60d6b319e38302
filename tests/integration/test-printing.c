/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-ipp-test-helpers.h"
#include "kp-outbox.h"
#include "kp-pdf-test-helpers.h"
#include "kp-printer.h"
#include "kp-reference.h"
#include "kp-slip.h"
#include "kp-store.h"
#include "kp-test-helpers.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#define REFERENCE   "KP-7H3Q-9MXC"
#define QR_TEMPLATE "https://www.lindeveen.nl/status?ref={reference}"
#define QR_PAYLOAD  "https://www.lindeveen.nl/status?ref=" REFERENCE
/* A print that cannot finish must end within its job timeout and a little. */
#define JOB_TIMEOUT_SECONDS 3
#define WAIT_SLACK_USEC     (3 * G_USEC_PER_SEC)

/* A kiosk's folder, the printer it prints on and the slip a resident is waiting for. */
typedef struct
{
  char *dir;
  KpTestIppPrinter *ipp;
  KpPrinter *printer;
  GBytes *pdf;
} Fixture;

/* A config file for kernpunt-ctl with the data folder and @printer_lines. (transfer full) */
static char *
write_config (const char *dir, const char *printer_lines)
{
  g_autofree char *contents = g_strdup_printf ("[storage]\ndata-dir=%s\n%s"
                                               "[slip]\nqr-url-template=" QR_TEMPLATE "\n",
                                               dir, printer_lines);

  kp_test_write_file (dir, "kernpunt.conf", contents);
  return g_build_filename (dir, "kernpunt.conf", NULL);
}

/* The kiosk's configuration for @printer_lines, as the kiosk reads it. (transfer full) */
static KpConfig *
load_config (const char *dir, const char *printer_lines)
{
  g_autofree char *path = write_config (dir, printer_lines);
  g_autoptr (GError) error = NULL;
  KpConfig *config = kp_config_new_from_file (path, &error);

  g_assert_no_error (error);
  return config;
}

/* An appointment slip for @config's kiosk, rendered for its printer's paper. (transfer full) */
static GBytes *
render_slip (KpConfig *config, KpSlipLayout layout)
{
  g_autoptr (KpSlip) slip = kp_slip_new_for_kiosk (config, "Appointment", REFERENCE);
  g_autoptr (GError) error = NULL;
  GBytes *pdf;

  kp_slip_add_line (slip, "When", "Tuesday 4 June, 10:30");
  kp_slip_add_bring_item (slip, "Your passport");
  pdf = kp_slip_render_pdf (slip, layout, &error);
  g_assert_no_error (error);
  return pdf;
}

/* Starts a printer running @command per job and a KpPrinter for it from the configuration. */
static void
start_printer (Fixture *fixture, const char *command)
{
  g_autofree char *spool = g_build_filename (fixture->dir, "spool", NULL);
  g_autofree char *lines = NULL;
  g_autoptr (KpConfig) config = NULL;

  fixture->ipp = kp_test_ipp_printer_start (spool, command);
  lines = g_strdup_printf ("[printer]\nuri=%s\njob-timeout-seconds=60\n",
                           kp_test_ipp_printer_get_uri (fixture->ipp));
  config = load_config (fixture->dir, lines);
  fixture->printer = kp_printer_new_from_config (config);
  kp_printer_set_job_timeout (fixture->printer, JOB_TIMEOUT_SECONDS);
  fixture->pdf = render_slip (config, kp_printer_get_layout (fixture->printer));
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  fixture->dir = kp_test_make_tmpdir ("printing");
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_pointer (&fixture->pdf, g_bytes_unref);
  if (fixture->printer != NULL)
    g_assert_finalize_object (g_steal_pointer (&fixture->printer));
  g_clear_pointer (&fixture->ipp, kp_test_ipp_printer_free);
  kp_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static guint
count_occurrences (const char *text, const char *needle)
{
  guint n = 0;

  for (const char *at = strstr (text, needle); at != NULL; at = strstr (at + 1, needle))
    n++;
  return n;
}

/* A shell script in the fixture's folder, for ippeveprinter's -c. (transfer full) */
static char *
write_script (Fixture *fixture, const char *name, const char *body)
{
  g_autofree char *script = g_strdup_printf ("#!/bin/sh\n%s\n", body);
  char *path = g_build_filename (fixture->dir, name, NULL);

  kp_test_write_file (fixture->dir, name, script);
  g_assert_cmpint (g_chmod (path, 0700), ==, 0);
  return path;
}

static void
on_print_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Prints the fixture's slip the way the kiosk does: in a thread, the main loop free. */
static KpPrintResult *
print_async (Fixture *fixture, GCancellable *cancellable, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  gpointer task = NULL;
  gint64 give_up
      = g_get_monotonic_time () + JOB_TIMEOUT_SECONDS * G_USEC_PER_SEC + 2 * WAIT_SLACK_USEC;
  KpPrintResult *printed;

  kp_printer_print_async (fixture->printer, fixture->pdf, REFERENCE, cancellable, on_print_done,
                          &result);
  while (result == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, give_up);
      g_main_context_iteration (NULL, TRUE);
    }
  printed = kp_printer_print_finish (fixture->printer, result, error);

  /* The worker thread lets go of the task (and the printer) just after the callback. */
  task = result;
  g_object_add_weak_pointer (task, &task);
  g_clear_object (&result);
  while (task != NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, give_up);
      g_usleep (1000);
    }
  return printed;
}

/* The one document the printer received is exactly the slip, and its QR reads right. */
static void
assert_printed_exactly (KpTestIppPrinter *ipp, GBytes *pdf, guint n_documents)
{
  g_autoptr (GPtrArray) documents = kp_test_ipp_printer_list_documents (ipp);
  const char *document;
  g_autoptr (GError) error = NULL;
  g_autoptr (GMappedFile) printed = NULL;
  g_autoptr (GBytes) printed_bytes = NULL;
  g_autofree char *decoded = NULL;

  g_assert_cmpuint (documents->len, ==, n_documents);
  document = g_ptr_array_index (documents, n_documents - 1);
  printed = g_mapped_file_new (document, FALSE, &error);
  g_assert_no_error (error);
  printed_bytes = g_mapped_file_get_bytes (printed);
  g_assert_true (g_bytes_equal (printed_bytes, pdf));
  decoded = kp_test_pdf_decode_qr (document);
  g_assert_cmpstr (decoded, ==, QR_PAYLOAD "\n");
}

/* A kernpunt-ctl run against a kiosk whose printer is @uri; returns its parsed JSON. */
static JsonObject *
run_printer_status (Fixture *fixture, const char *uri)
{
  g_autofree char *lines = g_strdup_printf ("[printer]\nuri=%s\n", uri);
  g_autofree char *config_path = write_config (fixture->dir, lines);
  g_autofree char *db_path = g_build_filename (fixture->dir, "kernpunt.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (KpStore) store = kp_store_open (db_path, &error);
  g_auto (KpTestRun) run = { 0 };
  g_autoptr (JsonNode) root = NULL;

  g_assert_no_error (error);
  kp_test_run_ctl (&run, "--config", config_path, "--json", "printer", "status", NULL);
  kp_test_assert_success (&run);
  root = kp_test_parse_json (run.out);
  return json_object_ref (json_node_get_object (root));
}

static void
test_print_completes (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpPrintResult) result = NULL;
  g_autoptr (JsonObject) status = NULL;

  kp_test_set_language ("en");
  start_printer (fixture, "/bin/true");
  g_assert_cmpint (kp_printer_query_state (fixture->printer, NULL), ==, KP_PRINTER_STATE_READY);

  result = print_async (fixture, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kp_print_result_get_outcome (result), ==, KP_PRINT_OUTCOME_PRINTED);
  g_assert_cmpint (kp_print_result_get_job_id (result), >, 0);
  g_assert_cmpint (kp_print_result_get_printer_state (result), ==, KP_PRINTER_STATE_READY);
  g_assert_cmpint (kp_print_result_get_accepted_usec (result), >, 0);
  g_assert_null (kp_print_result_get_path (result));
  assert_printed_exactly (fixture->ipp, fixture->pdf, 1);

  status = run_printer_status (fixture, kp_test_ipp_printer_get_uri (fixture->ipp));
  g_assert_cmpstr (json_object_get_string_member (status, "state"), ==, "ready");
  g_assert_cmpstr (json_object_get_string_member (status, "description"), ==,
                   "The printer is ready.");
  g_assert_true (json_object_get_boolean_member (status, "can_print"));
  g_assert_finalize_object (g_steal_pointer (&result));
}

/*
 * Out of paper: the volunteer is told in words, and the slip is not sent,
 * so it cannot come out later when the resident has gone.
 */
static void
test_no_paper (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpPrintResult) result = NULL;
  g_autoptr (GPtrArray) documents = NULL;
  g_autoptr (JsonObject) status = NULL;

  kp_test_set_language ("en");
  start_printer (fixture, "/bin/true");
  kp_test_ipp_printer_empty_trays (fixture->ipp);
  g_assert_cmpint (kp_printer_query_state (fixture->printer, NULL), ==, KP_PRINTER_STATE_NO_PAPER);

  result = kp_printer_print (fixture->printer, fixture->pdf, REFERENCE, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, KP_PRINTER_ERROR, KP_PRINTER_ERROR_NO_PAPER);
  g_assert_cmpint (kp_printer_error_get_state (error), ==, KP_PRINTER_STATE_NO_PAPER);
  g_assert_cmpstr (kp_printer_error_describe (error), ==, "The printer has no paper.");
  documents = kp_test_ipp_printer_list_documents (fixture->ipp);
  g_assert_cmpuint (documents->len, ==, 0);

  status = run_printer_status (fixture, kp_test_ipp_printer_get_uri (fixture->ipp));
  g_assert_cmpstr (json_object_get_string_member (status, "state"), ==, "no-paper");
  g_assert_cmpstr (json_object_get_string_member (status, "description"), ==,
                   "The printer has no paper.");
  g_assert_false (json_object_get_boolean_member (status, "can_print"));
}

/* The printer takes the job and then fails it: the print fails, and says so. */
static void
test_job_fails (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpPrintResult) result = NULL;

  kp_test_set_language ("en");
  start_printer (fixture, "/bin/false");
  result = print_async (fixture, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, KP_PRINTER_ERROR, KP_PRINTER_ERROR_JOB_FAILED);
  kp_test_assert_contains (error->message, "aborted");
  g_assert_null (strstr (error->message, "Tuesday"));
  g_assert_cmpstr (kp_printer_error_describe (error), ==, "The printer could not print your slip.");
}

/* A job that does not finish in time is cancelled on the printer itself. */
static void
test_slow_job_times_out (Fixture *fixture, gconstpointer data)
{
  g_autofree char *slow = write_script (fixture, "slow-printer.sh", "sleep 30");
  g_autoptr (GError) error = NULL;
  g_autoptr (KpPrintResult) result = NULL;
  g_autofree char *log = NULL;
  gint64 start;

  kp_test_set_language ("en");
  start_printer (fixture, slow);
  start = g_get_monotonic_time ();
  result = kp_printer_print (fixture->printer, fixture->pdf, REFERENCE, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, KP_PRINTER_ERROR, KP_PRINTER_ERROR_TIMEOUT);
  g_assert_cmpstr (kp_printer_error_describe (error), ==,
                   "The printer took too long. Your slip was not printed.");
  g_assert_cmpint (g_get_monotonic_time () - start, <,
                   JOB_TIMEOUT_SECONDS * G_USEC_PER_SEC + WAIT_SLACK_USEC);
  log = kp_test_ipp_printer_dup_log (fixture->ipp);
  g_assert_cmpuint (count_occurrences (log, "Cancel-Job successful-ok"), ==, 1);
}

/* A print cancelled at the kiosk (the session ended) stops at once, and on the printer too. */
static void
test_print_is_cancelled (Fixture *fixture, gconstpointer data)
{
  g_autofree char *slow = write_script (fixture, "slow-printer.sh", "sleep 30");
  g_autoptr (GError) error = NULL;
  g_autoptr (KpPrintResult) result = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *log = NULL;
  gint64 start;

  start_printer (fixture, slow);
  g_timeout_add_once (500, (GSourceOnceFunc) g_cancellable_cancel, cancellable);
  start = g_get_monotonic_time ();
  result = print_async (fixture, cancellable, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, WAIT_SLACK_USEC);
  log = kp_test_ipp_printer_dup_log (fixture->ipp);
  g_assert_cmpuint (count_occurrences (log, "Cancel-Job successful-ok"), ==, 1);
}

/*
 * A printer that hangs, then one switched off: the print fails in words
 * within its time, and the same PDF prints once a printer is back.
 */
static void
test_printer_stopped (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) frozen_error = NULL;
  g_autoptr (GError) gone_error = NULL;
  g_autoptr (GError) reprint_error = NULL;
  g_autoptr (KpPrintResult) result = NULL;
  g_autoptr (KpPrinter) replacement = NULL;
  g_autoptr (KpTestIppPrinter) second = NULL;
  g_autofree char *second_spool = g_build_filename (fixture->dir, "second-spool", NULL);
  gint64 start;

  kp_test_set_language ("en");
  start_printer (fixture, "/bin/true");

  kp_test_ipp_printer_freeze (fixture->ipp);
  start = g_get_monotonic_time ();
  result = kp_printer_print (fixture->printer, fixture->pdf, REFERENCE, NULL, &frozen_error);
  g_assert_null (result);
  /*
   * Whether the hang is met while asking the printer's state (missing) or
   * while following the job (timeout) depends on how far the request got
   * before the process stopped; both end in words, in time.
   */
  g_assert_true (g_error_matches (frozen_error, KP_PRINTER_ERROR, KP_PRINTER_ERROR_MISSING)
                 || g_error_matches (frozen_error, KP_PRINTER_ERROR, KP_PRINTER_ERROR_TIMEOUT));
  g_assert_nonnull (kp_printer_error_describe (frozen_error));
  g_assert_cmpint (g_get_monotonic_time () - start, <,
                   JOB_TIMEOUT_SECONDS * G_USEC_PER_SEC + WAIT_SLACK_USEC);

  kp_test_ipp_printer_kill (fixture->ipp);
  g_assert_cmpint (kp_printer_query_state (fixture->printer, NULL), ==, KP_PRINTER_STATE_MISSING);
  result = print_async (fixture, NULL, &gone_error);
  g_assert_null (result);
  g_assert_error (gone_error, KP_PRINTER_ERROR, KP_PRINTER_ERROR_MISSING);
  kp_test_assert_contains (gone_error->message, kp_test_ipp_printer_get_uri (fixture->ipp));
  g_assert_cmpstr (kp_printer_error_describe (gone_error), ==, "The printer cannot be found.");

  /* Nothing is lost: the caller kept the PDF and prints it again. */
  second = kp_test_ipp_printer_start (second_spool, "/bin/true");
  replacement = kp_printer_new_for_uri (kp_test_ipp_printer_get_uri (second));
  result = kp_printer_print (replacement, fixture->pdf, REFERENCE, NULL, &reprint_error);
  g_assert_no_error (reprint_error);
  g_assert_cmpint (kp_print_result_get_outcome (result), ==, KP_PRINT_OUTCOME_PRINTED);
  assert_printed_exactly (second, fixture->pdf, 1);
}

/* No CUPS service and no such queue: missing, not a hang. */
static void
test_queue_missing (Fixture *fixture, gconstpointer data)
{
  g_autoptr (KpPrinter) printer = kp_printer_new_for_queue ("KernpuntNoSuchQueue");
  g_autoptr (GBytes) pdf = g_bytes_new_static ("%PDF-1.5", 8);
  g_autoptr (GError) error = NULL;
  g_autoptr (KpPrintResult) result = NULL;

  kp_printer_set_job_timeout (printer, JOB_TIMEOUT_SECONDS);
  g_assert_cmpint (kp_printer_query_state (printer, NULL), ==, KP_PRINTER_STATE_MISSING);
  result = kp_printer_print (printer, pdf, REFERENCE, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, KP_PRINTER_ERROR, KP_PRINTER_ERROR_MISSING);
}

/* Demo mode: no printer, so the slip is a PDF in the folder, for the screen. */
static void
test_demo_folder (Fixture *fixture, gconstpointer data)
{
  g_autoptr (KpConfig) config = load_config (fixture->dir, "");
  g_autoptr (KpPrinter) printer = kp_printer_new_from_config (config);
  g_autoptr (GBytes) pdf = render_slip (config, kp_printer_get_layout (printer));
  g_autofree char *folder = g_build_filename (fixture->dir, "slips", NULL);
  g_autofree char *expected = g_build_filename (folder, REFERENCE ".pdf", NULL);
  g_autoptr (GError) error = NULL;
  GStatBuf folder_stat, file_stat;

  g_assert_true (kp_printer_is_demo (printer));
  g_assert_cmpint (kp_printer_query_state (printer, NULL), ==, KP_PRINTER_STATE_NONE);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (KpPrintResult) result = kp_printer_print (printer, pdf, REFERENCE, NULL, &error);
      g_autoptr (GMappedFile) saved = NULL;
      g_autoptr (GBytes) saved_bytes = NULL;
      g_autofree char *decoded = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (kp_print_result_get_outcome (result), ==, KP_PRINT_OUTCOME_SAVED);
      g_assert_cmpstr (kp_print_result_get_path (result), ==, expected);
      saved = g_mapped_file_new (expected, FALSE, &error);
      g_assert_no_error (error);
      saved_bytes = g_mapped_file_get_bytes (saved);
      g_assert_true (g_bytes_equal (saved_bytes, pdf));
      decoded = kp_test_pdf_decode_qr (expected);
      g_assert_cmpstr (decoded, ==, QR_PAYLOAD "\n");
    }
  g_assert_cmpint (g_stat (folder, &folder_stat), ==, 0);
  g_assert_cmpint (g_stat (expected, &file_stat), ==, 0);
  g_assert_cmpint (folder_stat.st_mode & 0777, ==, 0700);
  g_assert_cmpint (file_stat.st_mode & 0777, ==, 0600);

  g_assert_finalize_object (g_steal_pointer (&printer));
}

/* A folder that cannot be made is an error the kiosk can show, not a slip lost in silence. */
static void
test_demo_folder_unwritable (Fixture *fixture, gconstpointer data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "not-a-folder", "slips", NULL);
  g_autoptr (KpPrinter) printer = kp_printer_new_for_folder (folder);
  g_autoptr (GBytes) pdf = g_bytes_new_static ("%PDF-1.5", 8);
  g_autoptr (GError) error = NULL;
  g_autoptr (KpPrintResult) result = NULL;

  kp_test_set_language ("en");
  kp_test_write_file (fixture->dir, "not-a-folder", "a file where the folder should be");
  result = kp_printer_print (printer, pdf, REFERENCE, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, KP_PRINTER_ERROR, KP_PRINTER_ERROR_SAVE);
  g_assert_cmpstr (kp_printer_error_describe (error), ==, "The slip could not be saved.");
}

/* kernpunt-ctl renders the slip of an outbox row; a wrong layout or reference is refused. */
static void
test_ctl_slip_render (Fixture *fixture, gconstpointer data)
{
  g_autofree char *config_path = write_config (fixture->dir, "");
  g_autofree char *db_path = g_build_filename (fixture->dir, "kernpunt.db", NULL);
  g_autofree char *out = g_build_filename (fixture->dir, "slip.pdf", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (KpStore) store = kp_store_open (db_path, &error);
  g_autoptr (KpOutbox) outbox = kp_outbox_new (store);
  g_autofree char *reference = kp_outbox_submit (outbox, "report", "{}", NULL, &error);
  g_autofree char *payload = NULL;
  g_autofree char *text = NULL;
  g_autofree char *decoded = NULL;
  g_autofree char *other = kp_reference_generate ();
  g_auto (KpTestRun) run = { 0 };
  double width, height;
  guint n_pages;

  g_assert_no_error (error);
  kp_test_run_ctl (&run, "--config", config_path, "slip", "render", reference, "--layout", "a4",
                   "--out", out, NULL);
  kp_test_assert_success (&run);
  kp_test_assert_contains (run.out, reference);

  kp_test_pdf_page_size (out, &width, &height, &n_pages);
  g_assert_cmpfloat_with_epsilon (width, 210, 0.1);
  g_assert_cmpfloat_with_epsilon (height, 297, 0.1);
  text = kp_test_pdf_text (out);
  kp_test_assert_contains (text, reference);
  kp_test_assert_contains (text, "Report received");
  kp_test_assert_contains (text, "Gemeente Lindeveen");
  payload = g_strconcat ("https://www.lindeveen.nl/status?ref=", reference, "\n", NULL);
  decoded = kp_test_pdf_decode_qr (out);
  g_assert_cmpstr (decoded, ==, payload);

  kp_test_run_ctl (&run, "--config", config_path, "slip", "render", reference, "--layout", "letter",
                   "--out", out, NULL);
  g_assert_cmpint (run.status, ==, 2);
  kp_test_assert_contains (run.err, "--layout");

  /* A valid reference that is not in the outbox. */
  g_assert_cmpstr (other, !=, reference);
  kp_test_run_ctl (&run, "--config", config_path, "slip", "render", other, "--out", out, NULL);
  g_assert_cmpint (run.status, ==, 1);
  kp_test_assert_contains (run.err, other);
}

int
main (int argc, char *argv[])
{
  g_autofree char *home = NULL;
  const char *why_not = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  home = kp_test_init_home ();
  if (!kp_test_ipp_services_start (&why_not))
    {
      g_test_skip (why_not);
      return g_test_run ();
    }

  g_test_add ("/printing/completes", Fixture, NULL, fixture_set_up, test_print_completes,
              fixture_tear_down);
  g_test_add ("/printing/no-paper", Fixture, NULL, fixture_set_up, test_no_paper,
              fixture_tear_down);
  g_test_add ("/printing/job-fails", Fixture, NULL, fixture_set_up, test_job_fails,
              fixture_tear_down);
  g_test_add ("/printing/slow-job-times-out", Fixture, NULL, fixture_set_up,
              test_slow_job_times_out, fixture_tear_down);
  g_test_add ("/printing/cancelled", Fixture, NULL, fixture_set_up, test_print_is_cancelled,
              fixture_tear_down);
  g_test_add ("/printing/printer-stopped", Fixture, NULL, fixture_set_up, test_printer_stopped,
              fixture_tear_down);
  g_test_add ("/printing/queue-missing", Fixture, NULL, fixture_set_up, test_queue_missing,
              fixture_tear_down);
  g_test_add ("/printing/demo-folder", Fixture, NULL, fixture_set_up, test_demo_folder,
              fixture_tear_down);
  g_test_add ("/printing/demo-folder-unwritable", Fixture, NULL, fixture_set_up,
              test_demo_folder_unwritable, fixture_tear_down);
  g_test_add ("/printing/ctl-slip-render", Fixture, NULL, fixture_set_up, test_ctl_slip_render,
              fixture_tear_down);

  status = g_test_run ();
  kp_test_ipp_services_stop ();
  kp_test_remove_tree (home);
  return status;
}
