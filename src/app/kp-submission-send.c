/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-submission-send.h"

#include "kp-receipt-page.h"
#include "kp-window.h"

#include <glib/gi18n.h>

typedef struct
{
  KpSubmission *submission;
  KpConfig *config;
  KpPrinter *printer;
  char *slip_title;
  char *heading;
  KpSubmissionSlipFunc slip_func;
  gpointer user_data;
} SendJob;

static void
send_job_free (gpointer data)
{
  SendJob *job = data;

  g_clear_object (&job->submission);
  g_clear_object (&job->printer);
  g_clear_object (&job->config);
  g_free (job->slip_title);
  g_free (job->heading);
  g_free (job);
}

/* (transfer full): the slip with every answer given, in the order asked */
static KpSlip *
build_slip (SendJob *job, const char *reference)
{
  KpSlip *slip = kp_slip_new_for_kiosk (job->config, job->slip_title, reference);
  g_autoptr (GPtrArray) lines = kp_submission_dup_lines (job->submission);

  for (guint i = 0; i < lines->len; i++)
    {
      const KpSubmissionLine *line = g_ptr_array_index (lines, i);

      if (line->value != NULL && line->personal)
        kp_slip_add_private_line (slip, line->label, line->value);
      else if (line->value != NULL)
        kp_slip_add_line (slip, line->label, line->value);
    }
  if (job->slip_func != NULL)
    job->slip_func (slip, job->user_data);
  return slip;
}

static void
on_submitted (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SendJob *job = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autofree char *reference = NULL;
  g_autoptr (KpSlip) slip = NULL;
  GtkWidget *receipt;

  reference = kp_submission_submit_finish (KP_SUBMISSION (source_object), result, &error);
  if (g_task_return_error_if_cancelled (task))
    return;
  if (reference == NULL && error->domain == KP_SUBMISSION_ERROR)
    {
      /* An answer still missing: its message is B1 already and says what to do. */
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (reference == NULL)
    {
      /* The reason stays in the log (it names no person); the resident gets a way forward. */
      g_message ("A submission could not be stored: %s", error->message);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                               _ ("Sending did not work. We kept your answers. Touch the "
                                  "button again to try again, or ask a volunteer for help."));
      return;
    }

  /* The flow that sent it is the task's source; counted once it is stored. */
  if (GTK_IS_WIDGET (g_task_get_source_object (task)))
    kp_window_record_event_for (g_task_get_source_object (task), KP_EVENT_SUBMISSION,
                                kp_submission_get_kind (job->submission));
  slip = build_slip (job, reference);
  receipt = kp_receipt_page_new (job->printer, slip, job->heading);
  g_task_return_pointer (task, g_object_ref_sink (receipt), g_object_unref);
}

void
kp_submission_send (GTask *task,
                    KpSubmission *submission,
                    KpOutbox *outbox,
                    KpConfig *config,
                    KpPrinter *printer,
                    const char *slip_title,
                    const char *heading,
                    KpSubmissionSlipFunc slip_func,
                    gpointer user_data)
{
  SendJob *job;

  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (KP_IS_SUBMISSION (submission));
  g_return_if_fail (KP_IS_OUTBOX (outbox));
  g_return_if_fail (KP_IS_CONFIG (config));
  g_return_if_fail (KP_IS_PRINTER (printer));
  g_return_if_fail (slip_title != NULL && heading != NULL);

  job = g_new0 (SendJob, 1);
  job->submission = g_object_ref (submission);
  job->config = g_object_ref (config);
  job->printer = g_object_ref (printer);
  job->slip_title = g_strdup (slip_title);
  job->heading = g_strdup (heading);
  job->slip_func = slip_func;
  job->user_data = user_data;
  g_task_set_task_data (task, job, send_job_free);

  kp_submission_submit_async (submission, outbox, g_task_get_cancellable (task), on_submitted,
                              g_object_ref (task));
}
