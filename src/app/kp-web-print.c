/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-web-print.h"

#include "kp-printer.h"
#include "kp-window.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#define RESOURCE_PATH "/nl/kernpunt/Kernpunt"
/* A submission report is a few pages; anything this large is not one, and fills the tmpfs. */
#define MAX_DOCUMENT_BYTES (20 * 1024 * 1024)
#define PDF_MAGIC          "%PDF-"

typedef enum
{
  CARD_NONE,
  CARD_READY,    /* the form's document is here: Print or Close */
  CARD_PRINTING, /* a page or the document is on its way to the printer */
  CARD_PRINTED,
  CARD_SAVED, /* demo mode: no printer, the PDF went into the slip folder */
  CARD_FAILED,
  CARD_REFUSED, /* what the form offered as a PDF was not one */
} Card;

struct _KpWebPrint
{
  AdwBin parent_instance;

  WebKitWebView *view; /* our child */
  WebKitNetworkSession *network_session;
  KpPrinter *printer;
  char *folder;
  char *form_id;
  GCancellable *cancellable; /* reading files and printing; cancelled with the session */
  guint n_files;
  Card card; /* what is shown over the page */

  char *pending_download_uri; /* the PDF response turned into a download, until it starts */
  WebKitDownload *download;
  char *document_path;
  GBytes *document;

  GtkOverlay *overlay;
  GtkWidget *card_box;
  GtkLabel *title_label;
  GtkLabel *text_label;
  GtkSpinner *spinner;
  GtkWidget *print_button;
  GtkWidget *close_button;
};

G_DEFINE_FINAL_TYPE (KpWebPrint, kp_web_print, ADW_TYPE_BIN)

/* A new file name in the session's folder, never one a page chose. (transfer full) */
static char *
dup_new_path (KpWebPrint *self, const char *kind)
{
  g_autofree char *name = g_strdup_printf ("%s-%u.pdf", kind, ++self->n_files);

  return g_build_filename (self->folder, name, NULL);
}

static void
show_card (KpWebPrint *self, Card card, const char *detail)
{
  const char *title = NULL;
  const char *text = detail;

  self->card = card;
  switch (card)
    {
      case CARD_NONE:
        gtk_widget_set_visible (self->card_box, FALSE);
        return;
      case CARD_READY:
        title = _ ("Your document is ready");
        text = _ ("The form made a document for you. You can print it. When you are done, the "
                  "kiosk deletes it.");
        break;
      case CARD_PRINTING:
        title = _ ("Printing…");
        text = _ ("Please wait.");
        break;
      case CARD_PRINTED:
        title = _ ("Printed");
        text = _ ("Take it from the printer.");
        break;
      case CARD_SAVED:
        title = _ ("Saved as a file");
        text = _ ("This kiosk has no printer. The document was saved as a file.");
        break;
      case CARD_FAILED:
        title = _ ("Not printed");
        break;
      case CARD_REFUSED:
        title = _ ("This file cannot be opened here");
        text = _ ("Ask a volunteer for help.");
        break;
      default:
        g_assert_not_reached ();
    }
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->text_label, text);
  gtk_spinner_set_spinning (self->spinner, card == CARD_PRINTING);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), card == CARD_PRINTING);
  gtk_widget_set_visible (self->print_button, self->document != NULL && card != CARD_PRINTING);
  gtk_widget_set_visible (self->close_button, card != CARD_PRINTING);
  gtk_widget_set_visible (self->card_box, TRUE);
  gtk_widget_grab_focus (card == CARD_READY ? self->print_button : self->close_button);
}

/* B1 words for a print that did not work; the printer's own state when it has one. */
static const char *
describe_failure (const GError *error)
{
  if (error != NULL && kp_printer_error_get_state (error) != KP_PRINTER_STATE_READY)
    return kp_printer_error_describe (error);
  return _ ("The printer could not print it. Ask a volunteer for help.");
}

static void
on_printed (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KpWebPrint) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (KpPrintResult) print_result
      = kp_printer_print_finish (KP_PRINTER (source_object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (print_result == NULL)
    {
      g_message ("Web form: printing failed: %s", error->message);
      show_card (self, CARD_FAILED, describe_failure (error));
      return;
    }
  show_card (self,
             kp_print_result_get_outcome (print_result) == KP_PRINT_OUTCOME_SAVED ? CARD_SAVED
                                                                                  : CARD_PRINTED,
             NULL);
}

/* The job is named after the form, never after anything a resident typed. */
static void
print_pdf (KpWebPrint *self, GBytes *pdf)
{
  show_card (self, CARD_PRINTING, NULL);
  kp_printer_print_async (self->printer, pdf, self->form_id, self->cancellable, on_printed,
                          g_object_ref (self));
}

static gboolean
is_pdf (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return size > strlen (PDF_MAGIC) && memcmp (data, PDF_MAGIC, strlen (PDF_MAGIC)) == 0;
}

/* What the page printed, read back, handed to the printer, and the file deleted. */
static void
on_page_pdf_read (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KpWebPrint) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) pdf = g_file_load_bytes_finish (G_FILE (source_object), result, NULL, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_file_delete_async (G_FILE (source_object), G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  if (pdf == NULL || !is_pdf (pdf))
    {
      g_message ("Web form: the printed page could not be read: %s",
                 error != NULL ? error->message : "not a PDF");
      show_card (self, CARD_FAILED, describe_failure (error));
      return;
    }
  print_pdf (self, pdf);
}

static void
on_print_operation_finished (WebKitPrintOperation *operation, KpWebPrint *self)
{
  GtkPrintSettings *settings = webkit_print_operation_get_print_settings (operation);
  g_autoptr (GFile) file
      = g_file_new_for_uri (gtk_print_settings_get (settings, GTK_PRINT_SETTINGS_OUTPUT_URI));

  g_signal_handlers_disconnect_by_data (operation, self);
  g_file_load_bytes_async (file, self->cancellable, on_page_pdf_read, g_object_ref (self));
}

static void
on_print_operation_failed (WebKitPrintOperation *operation, GError *error, KpWebPrint *self)
{
  g_signal_handlers_disconnect_by_data (operation, self);
  g_message ("Web form: the page could not be printed: %s", error->message);
  show_card (self, CARD_FAILED, describe_failure (error));
}

/*
 * window.print() and print buttons: no dialog. WebKit draws the page into
 * a PDF file in the session's folder, on A4, and the kiosk's printer takes
 * it from there, as it takes a slip.
 */
static gboolean
on_print (WebKitWebView *view, WebKitPrintOperation *operation, KpWebPrint *self)
{
  g_autoptr (GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autoptr (GtkPageSetup) page_setup = gtk_page_setup_new ();
  g_autoptr (GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autofree char *path = dup_new_path (self, "page");
  g_autofree char *uri = NULL;

  /* One print at a time: a page that calls print() in a loop prints once. */
  if (self->card == CARD_PRINTING)
    {
      g_message ("Web form: refused printing while a print is under way");
      return TRUE;
    }
  uri = g_filename_to_uri (path, NULL, NULL);
  /* GTK names its file printer in the session's language ("Afdrukken naar bestand"). */
  gtk_print_settings_set_printer (settings, g_dgettext ("gtk40", "Print to File"));
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_URI, uri);
  gtk_page_setup_set_paper_size_and_default_margins (page_setup, a4);
  webkit_print_operation_set_print_settings (operation, settings);
  webkit_print_operation_set_page_setup (operation, page_setup);
  g_signal_connect (operation, "finished", G_CALLBACK (on_print_operation_finished), self);
  g_signal_connect (operation, "failed", G_CALLBACK (on_print_operation_failed), self);
  show_card (self, CARD_PRINTING, NULL);
  webkit_print_operation_print (operation);
  return TRUE;
}

/*
 * A PDF the form shows as its page (the submission report) becomes a
 * download into the session's folder. Any other response is the web form
 * page's to decide.
 */
static gboolean
on_decide_policy (WebKitWebView *view,
                  WebKitPolicyDecision *decision,
                  WebKitPolicyDecisionType type,
                  KpWebPrint *self)
{
  WebKitResponsePolicyDecision *response_decision;
  WebKitURIResponse *response;

  if (type != WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
    return FALSE;
  response_decision = WEBKIT_RESPONSE_POLICY_DECISION (decision);
  response = webkit_response_policy_decision_get_response (response_decision);
  if (!webkit_response_policy_decision_is_main_frame_main_resource (response_decision)
      || g_strcmp0 (webkit_uri_response_get_mime_type (response), "application/pdf") != 0)
    return FALSE;
  g_free (self->pending_download_uri);
  self->pending_download_uri = g_strdup (webkit_uri_response_get_uri (response));
  webkit_policy_decision_download (decision);
  return TRUE;
}

static void
forget_document (KpWebPrint *self)
{
  g_clear_pointer (&self->document, g_bytes_unref);
  if (self->document_path != NULL)
    g_unlink (self->document_path);
  g_clear_pointer (&self->document_path, g_free);
}

static void
refuse_document (KpWebPrint *self, const char *why)
{
  g_message ("Web form: refused the offered document: %s", why);
  forget_document (self);
  show_card (self, CARD_REFUSED, NULL);
}

static void
on_document_read (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KpWebPrint) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) pdf = g_file_load_bytes_finish (G_FILE (source_object), result, NULL, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (pdf == NULL || !is_pdf (pdf))
    {
      refuse_document (self, error != NULL ? error->message : "not a PDF");
      return;
    }
  self->document = g_steal_pointer (&pdf);
  show_card (self, CARD_READY, NULL);
  /* The report is what a form gives when it went through: the form is finished. */
  kp_window_record_e_form_finished_for (GTK_WIDGET (self), self->form_id);
}

static void
clear_download (KpWebPrint *self)
{
  if (self->download == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->download, self);
  g_clear_object (&self->download);
}

static gboolean
on_decide_destination (WebKitDownload *download, const char *suggested_name, KpWebPrint *self)
{
  forget_document (self);
  self->document_path = dup_new_path (self, "document");
  webkit_download_set_allow_overwrite (download, FALSE);
  webkit_download_set_destination (download, self->document_path);
  return TRUE;
}

static void
on_download_received_data (WebKitDownload *download, guint64 length, KpWebPrint *self)
{
  if (webkit_download_get_received_data_length (download) <= MAX_DOCUMENT_BYTES)
    return;
  clear_download (self);
  webkit_download_cancel (download);
  refuse_document (self, "too large");
}

/* The message may name the address, whose path and query carry tokens: only the code is logged. */
static void
on_download_failed (WebKitDownload *download, GError *error, KpWebPrint *self)
{
  g_autofree char *why
      = g_strdup_printf ("download failed (%s %d)", g_quark_to_string (error->domain), error->code);

  clear_download (self);
  refuse_document (self, why);
}

static void
on_download_finished (WebKitDownload *download, KpWebPrint *self)
{
  g_autoptr (GFile) file = g_file_new_for_path (self->document_path);

  clear_download (self);
  g_file_load_bytes_async (file, self->cancellable, on_document_read, g_object_ref (self));
}

/*
 * Only the download this object asked for is taken, and the page's own
 * handler (which refuses every download) does not see it. Others go on.
 */
static void
on_download_started (WebKitNetworkSession *session, WebKitDownload *download, KpWebPrint *self)
{
  const char *uri = webkit_uri_request_get_uri (webkit_download_get_request (download));

  if (self->pending_download_uri == NULL || g_strcmp0 (uri, self->pending_download_uri) != 0)
    return;
  g_clear_pointer (&self->pending_download_uri, g_free);
  g_signal_stop_emission_by_name (session, "download-started");
  clear_download (self);
  self->download = g_object_ref (download);
  g_signal_connect (download, "decide-destination", G_CALLBACK (on_decide_destination), self);
  g_signal_connect (download, "received-data", G_CALLBACK (on_download_received_data), self);
  g_signal_connect (download, "failed", G_CALLBACK (on_download_failed), self);
  g_signal_connect (download, "finished", G_CALLBACK (on_download_finished), self);
}

static void
print_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpWebPrint *self = KP_WEB_PRINT (widget);

  if (self->document != NULL && self->card != CARD_PRINTING)
    print_pdf (self, self->document);
}

static void
close_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  show_card (KP_WEB_PRINT (widget), CARD_NONE, NULL);
}

/* The session ends: what is printing is stopped, and no document stays behind. */
static void
kp_web_print_dispose (GObject *object)
{
  KpWebPrint *self = KP_WEB_PRINT (object);

  g_cancellable_cancel (self->cancellable);
  if (self->download != NULL)
    webkit_download_cancel (self->download);
  clear_download (self);
  forget_document (self);
  if (self->network_session != NULL)
    g_signal_handlers_disconnect_by_data (self->network_session, self);
  g_clear_object (&self->network_session);
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  self->view = NULL;

  G_OBJECT_CLASS (kp_web_print_parent_class)->dispose (object);
}

static void
kp_web_print_finalize (GObject *object)
{
  KpWebPrint *self = KP_WEB_PRINT (object);

  g_clear_pointer (&self->pending_download_uri, g_free);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->form_id, g_free);
  g_clear_pointer (&self->folder, g_free);
  g_clear_object (&self->printer);

  G_OBJECT_CLASS (kp_web_print_parent_class)->finalize (object);
}

static void
kp_web_print_class_init (KpWebPrintClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kp_web_print_dispose;
  object_class->finalize = kp_web_print_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/kp-web-print.ui");
  gtk_widget_class_bind_template_child (widget_class, KpWebPrint, overlay);
  gtk_widget_class_bind_template_child (widget_class, KpWebPrint, card_box);
  gtk_widget_class_bind_template_child (widget_class, KpWebPrint, title_label);
  gtk_widget_class_bind_template_child (widget_class, KpWebPrint, text_label);
  gtk_widget_class_bind_template_child (widget_class, KpWebPrint, spinner);
  gtk_widget_class_bind_template_child (widget_class, KpWebPrint, print_button);
  gtk_widget_class_bind_template_child (widget_class, KpWebPrint, close_button);

  gtk_widget_class_install_action (widget_class, "web-print.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "web-print.close", NULL, close_action);
}

static void
kp_web_print_init (KpWebPrint *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
kp_web_print_new (WebKitWebView *view, KpConfig *config, const char *folder, const char *form_id)
{
  KpWebPrint *self;

  g_return_val_if_fail (WEBKIT_IS_WEB_VIEW (view), NULL);
  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);
  g_return_val_if_fail (folder != NULL && g_path_is_absolute (folder), NULL);
  g_return_val_if_fail (form_id != NULL, NULL);

  self = g_object_new (KP_TYPE_WEB_PRINT, NULL);
  self->view = view;
  self->network_session = g_object_ref (webkit_web_view_get_network_session (view));
  self->printer = kp_printer_new_from_config (config);
  self->folder = g_strdup (folder);
  self->form_id = g_strdup (form_id);
  /*
   * GTK's "Print to File" adds the file to the recent files: with the list
   * switched off, that file on disk stays an empty list, never a trace.
   */
  g_object_set (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-recent-files-enabled", FALSE,
                NULL);
  gtk_overlay_set_child (self->overlay, GTK_WIDGET (view));
  g_signal_connect (view, "print", G_CALLBACK (on_print), self);
  g_signal_connect (view, "decide-policy", G_CALLBACK (on_decide_policy), self);
  g_signal_connect (self->network_session, "download-started", G_CALLBACK (on_download_started),
                    self);
  return GTK_WIDGET (self);
}

const char *
kp_web_print_get_document_path (KpWebPrint *self)
{
  g_return_val_if_fail (KP_IS_WEB_PRINT (self), NULL);

  return self->document != NULL ? self->document_path : NULL;
}
