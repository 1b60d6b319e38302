/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <adwaita.h>

#include "kp-printer.h"
#include "kp-slip.h"

G_BEGIN_DECLS

/*
 * The last page of a flow that gives a resident a slip: an appointment
 * booked, a report received. It shows a heading, the slip's lines, the
 * reference in large type and the QR code large, so a resident without a
 * printer can photograph it; and it prints the slip at once, off the UI
 * thread, saying in plain words how that goes.
 *
 * Nothing is lost when printing fails: the page keeps the slip, shows the
 * QR and a Reprint button, and activates "kiosk.printer-problem" with the
 * printer's state ("no-paper", "missing", ...; see
 * kp_printer_state_to_string()) so the volunteer's Help signal names the
 * problem. In demo mode the slip's PDF goes into the folder and a picture
 * of the slip is shown on screen.
 *
 * Actions: "receipt.reprint" prints the kept slip again.
 */

typedef enum
{
  KP_RECEIPT_PRINT_PRINTING, /* "Your slip is printing…" */
  KP_RECEIPT_PRINT_PRINTED,  /* "Take your slip" */
  KP_RECEIPT_PRINT_SHOWN,    /* demo mode: saved as PDF, and the slip is shown on screen */
  KP_RECEIPT_PRINT_FAILED,   /* the B1 printer message, the QR and Reprint */
} KpReceiptPrintState;

GType kp_receipt_print_state_get_type (void);
#define KP_TYPE_RECEIPT_PRINT_STATE (kp_receipt_print_state_get_type ())

#define KP_TYPE_RECEIPT_PAGE (kp_receipt_page_get_type ())
G_DECLARE_FINAL_TYPE (KpReceiptPage, kp_receipt_page, KP, RECEIPT_PAGE, AdwBin)

/*
 * @heading is what was done, translated: "Your appointment is booked".
 * @slip is filled in and translated (see kp_slip_new_for_kiosk()); the
 * page shows its lines and reference, and its QR payload as the code.
 * Printing through @printer starts at once. Build the page while the
 * session's language is active: the slip is rendered in it.
 */
GtkWidget *kp_receipt_page_new (KpPrinter *printer, KpSlip *slip, const char *heading);

/* (transfer none) */
KpSlip *kp_receipt_page_get_slip (KpReceiptPage *self);
/* Notified as "print-state". */
KpReceiptPrintState kp_receipt_page_get_print_state (KpReceiptPage *self);
/*
 * The QR code exactly as drawn on screen, black on white with its quiet
 * zone; for a test that decodes it. (transfer none)
 */
GdkTexture *kp_receipt_page_get_qr_texture (KpReceiptPage *self);

G_END_DECLS
