/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib-object.h>

#include "kp-printer-state.h"

G_BEGIN_DECLS

/* How a print ended that did not fail. */
typedef enum
{
  KP_PRINT_OUTCOME_PRINTED, /* the printer completed the job */
  KP_PRINT_OUTCOME_SAVED,   /* demo mode: written as a PDF into the folder */
} KpPrintOutcome;

/* An immutable account of one print that succeeded. */
#define KP_TYPE_PRINT_RESULT (kp_print_result_get_type ())
G_DECLARE_FINAL_TYPE (KpPrintResult, kp_print_result, KP, PRINT_RESULT, GObject)

KpPrintOutcome kp_print_result_get_outcome (KpPrintResult *self);
/* The printer's job id; 0 in demo mode. */
int kp_print_result_get_job_id (KpPrintResult *self);
/* (nullable) demo mode: the PDF file written */
const char *kp_print_result_get_path (KpPrintResult *self);
/* The printer's state right after the job, e.g. paper-low as a warning; none in demo mode. */
KpPrinterState kp_print_result_get_printer_state (KpPrintResult *self);
/* Microseconds from the start of the print until the printer had the whole document. */
gint64 kp_print_result_get_accepted_usec (KpPrintResult *self);

G_END_DECLS
