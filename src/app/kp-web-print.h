/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <adwaita.h>
#include <webkit/webkit.h>

#include "kp-config.h"

G_BEGIN_DECLS

/*
 * Printing and documents of one web form session, around its web view.
 * The page's window.print() and print buttons go to the kiosk's own
 * printer (KpPrinter, from [printer]: a CUPS queue, an IPP printer, or a
 * PDF file in demo mode), never to a print dialog. A PDF the form offers,
 * such as the submission report, is saved in the session's folder, shown
 * as "Your document is ready" with Print, and deleted with the session.
 * Every other download is left to the web form page, which refuses it.
 *
 * Made with the view before the page connects its own handlers, so the
 * print and PDF decisions reach this object first.
 */
#define KP_TYPE_WEB_PRINT (kp_web_print_get_type ())
G_DECLARE_FINAL_TYPE (KpWebPrint, kp_web_print, KP, WEB_PRINT, AdwBin)

/*
 * Takes @view as its child. @folder is the session's temporary folder;
 * @form_id names the print jobs and the "form finished" count.
 */
GtkWidget *
kp_web_print_new (WebKitWebView *view, KpConfig *config, const char *folder, const char *form_id);

/* The document the form offered, saved in the session's folder; NULL when none. (transfer none) */
const char *kp_web_print_get_document_path (KpWebPrint *self);

G_END_DECLS
