/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gio/gio.h>

#include "kp-config.h"
#include "kp-print-result.h"
#include "kp-printer-state.h"
#include "kp-slip.h"

G_BEGIN_DECLS

/*
 * Printing a slip's PDF through CUPS: to a CUPS queue, or straight to an
 * IPP printer by its ipp:// URI (no cupsd needed). A print follows the job
 * until the printer says it is done, it failed, or the configured time ran
 * out; a job that cannot finish is cancelled, so a slip with a resident's
 * details never comes out of the printer after they have left.
 *
 * With no printer configured (demo mode) the PDF is written into a folder
 * instead, and the result says where, so the kiosk can show it on screen.
 *
 * A failed print loses nothing: the caller still holds the PDF bytes and
 * can print them again.
 */

#define KP_PRINTER_ERROR (kp_printer_error_quark ())

/*
 * Messages are technical, for the log, and hold no personal data; show a
 * resident kp_printer_error_describe() instead.
 */
typedef enum
{
  KP_PRINTER_ERROR_MISSING,    /* the printer cannot be reached, or there is no such queue */
  KP_PRINTER_ERROR_OFFLINE,    /* the printer answers, but is stopped, offline or jammed */
  KP_PRINTER_ERROR_NO_PAPER,   /* the printer is out of paper */
  KP_PRINTER_ERROR_DOOR_OPEN,  /* a door or cover of the printer is open */
  KP_PRINTER_ERROR_JOB_FAILED, /* the printer refused the job, or aborted or cancelled it */
  KP_PRINTER_ERROR_TIMEOUT,    /* the job did not complete in time; it was cancelled */
  KP_PRINTER_ERROR_SAVE,       /* demo mode: the PDF could not be written to the folder */
} KpPrinterError;

GQuark kp_printer_error_quark (void);

/*
 * The printer's state that an error stems from, for the volunteer's help
 * signal: missing, offline, no-paper or door-open; READY for the others,
 * where the printer itself may be fine.
 */
KpPrinterState kp_printer_error_get_state (const GError *error);
/*
 * B1 words for an error from kp_printer_print(), in the current gettext
 * language; also for one from another domain, e.g. a cancelled print.
 */
const char *kp_printer_error_describe (const GError *error);

#define KP_TYPE_PRINTER (kp_printer_get_type ())
G_DECLARE_FINAL_TYPE (KpPrinter, kp_printer, KP, PRINTER, GObject)

#define KP_PRINTER_DEFAULT_JOB_TIMEOUT_SECONDS 60

/* From [printer]: queue, uri, or neither (demo mode, into pdf-folder). (transfer full) */
KpPrinter *kp_printer_new_from_config (KpConfig *config);
/* A CUPS queue name, printed through the local cupsd. (transfer full) */
KpPrinter *kp_printer_new_for_queue (const char *queue);
/* An IPP printer by URI, e.g. ipp://192.0.2.7/ipp/print; no cupsd needed. (transfer full) */
KpPrinter *kp_printer_new_for_uri (const char *uri);
/* Demo mode: slips are written as PDF files into @folder (created 0700). (transfer full) */
KpPrinter *kp_printer_new_for_folder (const char *folder);

/* The paper this printer takes, so callers render the slip to fit. Default receipt. */
KpSlipLayout kp_printer_get_layout (KpPrinter *self);
void kp_printer_set_layout (KpPrinter *self, KpSlipLayout layout);
guint kp_printer_get_job_timeout (KpPrinter *self);
void kp_printer_set_job_timeout (KpPrinter *self, guint seconds);
/* The queue name, the URI, or the folder in demo mode. (transfer none) */
const char *kp_printer_get_destination (KpPrinter *self);
gboolean kp_printer_is_demo (KpPrinter *self);

/*
 * Asks the printer how it is. Blocks on the network: call it from a
 * thread, or use the async variant. Never fails: a printer that cannot be
 * reached is KP_PRINTER_STATE_MISSING.
 */
KpPrinterState kp_printer_query_state (KpPrinter *self, GCancellable *cancellable);
void kp_printer_query_state_async (KpPrinter *self,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data);
KpPrinterState
kp_printer_query_state_finish (KpPrinter *self, GAsyncResult *result, GError **error);

/*
 * Prints @pdf and follows the job until it completes, fails or times out.
 * @document_name names the job on the printer's queue: use the slip's
 * reference, never a resident's name. Blocking; the async variant runs it in
 * a GTask thread. Cancelling cancels the printer's job too. (transfer full)
 */
KpPrintResult *kp_printer_print (KpPrinter *self,
                                 GBytes *pdf,
                                 const char *document_name,
                                 GCancellable *cancellable,
                                 GError **error);
void kp_printer_print_async (KpPrinter *self,
                             GBytes *pdf,
                             const char *document_name,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data);
KpPrintResult *kp_printer_print_finish (KpPrinter *self, GAsyncResult *result, GError **error);

G_END_DECLS
