/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include "kp-print-result.h"

G_BEGIN_DECLS

/* Only KpPrinter makes these. @path is NULL unless @outcome is SAVED. (transfer full) */
KpPrintResult *kp_print_result_new (KpPrintOutcome outcome,
                                    int job_id,
                                    const char *path,
                                    KpPrinterState printer_state,
                                    gint64 accepted_usec);

G_END_DECLS
