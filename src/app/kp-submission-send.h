/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gtk/gtk.h>

#include "kp-config.h"
#include "kp-outbox.h"
#include "kp-printer.h"
#include "kp-slip.h"
#include "kp-submission.h"

G_BEGIN_DECLS

/*
 * The send step every submission flow shares (a KpFormFlowSendFunc's
 * work): writes @submission to @outbox off the UI thread, then completes
 * @task with a KpReceiptPage that shows and prints (on @printer) a slip titled
 * @slip_title with the submission's answers and reference, under
 * @heading. A failure completes @task with a B1 message; the flow then
 * keeps every answer. @slip_func (nullable) may add to the slip, e.g. a
 * promised date, before it is shown.
 */
typedef void (*KpSubmissionSlipFunc) (KpSlip *slip, gpointer user_data);

void kp_submission_send (GTask *task,
                         KpSubmission *submission,
                         KpOutbox *outbox,
                         KpConfig *config,
                         KpPrinter *printer,
                         const char *slip_title,
                         const char *heading,
                         KpSubmissionSlipFunc slip_func,
                         gpointer user_data);

G_END_DECLS
