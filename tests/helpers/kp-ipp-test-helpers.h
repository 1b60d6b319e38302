/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A real IPP printer for tests: CUPS's ippeveprinter on a port of its own,
 * keeping every document it receives, so a test can look at exactly what
 * was printed. ippeveprinter needs avahi, and avahi the system D-Bus.
 */

/*
 * Starts the system D-Bus and avahi-daemon when they are not running, and
 * holds a lock so that two test programs do not start and stop them under
 * each other. Returns FALSE and says why in @why_not when they cannot be
 * started (not root), so the caller can skip. Call once, before the tests.
 */
gboolean kp_test_ipp_services_start (const char **why_not);
/* Stops what kp_test_ipp_services_start() started, and nothing else. */
void kp_test_ipp_services_stop (void);

typedef struct _KpTestIppPrinter KpTestIppPrinter;

/*
 * Starts ippeveprinter on a free port, keeping documents in @spool_dir.
 * @command (nullable) is run for every job, as with "-c": a command that
 * fails makes the job fail. Returns once the printer answers. (transfer full)
 */
KpTestIppPrinter *kp_test_ipp_printer_start (const char *spool_dir, const char *command);
/* ipp://127.0.0.1:PORT/ipp/print */
const char *kp_test_ipp_printer_get_uri (KpTestIppPrinter *printer);
/* Empties both paper trays through the printer's own web form. */
void kp_test_ipp_printer_empty_trays (KpTestIppPrinter *printer);
/* Freezes the printer's process (SIGSTOP): it takes connections and never answers. */
void kp_test_ipp_printer_freeze (KpTestIppPrinter *printer);
/* Ends the printer's process, as a printer switched off. */
void kp_test_ipp_printer_kill (KpTestIppPrinter *printer);
/* What the printer logged so far, one request a line (transfer full). */
char *kp_test_ipp_printer_dup_log (KpTestIppPrinter *printer);
/* The PDF documents received, oldest job first (transfer full). */
GPtrArray *kp_test_ipp_printer_list_documents (KpTestIppPrinter *printer);
void kp_test_ipp_printer_free (KpTestIppPrinter *printer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KpTestIppPrinter, kp_test_ipp_printer_free)

G_END_DECLS
