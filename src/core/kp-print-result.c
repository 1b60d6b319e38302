/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-print-result-private.h"

struct _KpPrintResult
{
  GObject parent_instance;

  KpPrintOutcome outcome;
  int job_id;
  char *path;
  KpPrinterState printer_state;
  gint64 accepted_usec;
};

G_DEFINE_FINAL_TYPE (KpPrintResult, kp_print_result, G_TYPE_OBJECT)

static void
kp_print_result_finalize (GObject *object)
{
  KpPrintResult *self = KP_PRINT_RESULT (object);

  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (kp_print_result_parent_class)->finalize (object);
}

static void
kp_print_result_class_init (KpPrintResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kp_print_result_finalize;
}

static void
kp_print_result_init (KpPrintResult *self)
{
}

KpPrintResult *
kp_print_result_new (KpPrintOutcome outcome,
                     int job_id,
                     const char *path,
                     KpPrinterState printer_state,
                     gint64 accepted_usec)
{
  KpPrintResult *self = g_object_new (KP_TYPE_PRINT_RESULT, NULL);

  self->outcome = outcome;
  self->job_id = job_id;
  self->path = g_strdup (path);
  self->printer_state = printer_state;
  self->accepted_usec = accepted_usec;
  return self;
}

KpPrintOutcome
kp_print_result_get_outcome (KpPrintResult *self)
{
  g_return_val_if_fail (KP_IS_PRINT_RESULT (self), KP_PRINT_OUTCOME_PRINTED);

  return self->outcome;
}

int
kp_print_result_get_job_id (KpPrintResult *self)
{
  g_return_val_if_fail (KP_IS_PRINT_RESULT (self), 0);

  return self->job_id;
}

const char *
kp_print_result_get_path (KpPrintResult *self)
{
  g_return_val_if_fail (KP_IS_PRINT_RESULT (self), NULL);

  return self->path;
}

KpPrinterState
kp_print_result_get_printer_state (KpPrintResult *self)
{
  g_return_val_if_fail (KP_IS_PRINT_RESULT (self), KP_PRINTER_STATE_MISSING);

  return self->printer_state;
}

gint64
kp_print_result_get_accepted_usec (KpPrintResult *self)
{
  g_return_val_if_fail (KP_IS_PRINT_RESULT (self), 0);

  return self->accepted_usec;
}
