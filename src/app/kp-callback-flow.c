/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-callback-flow.h"

#include "kp-callback-request.h"
#include "kp-form-flow.h"
#include "kp-submission-send.h"

#include <glib/gi18n.h>

struct _KpCallbackFlow
{
  AdwBin parent_instance;

  KpConfig *config;
  KpOutbox *outbox;
  KpPrinter *printer;
  KpCallbackRequest *request;
  KpFormFlow *flow;
};

G_DEFINE_FINAL_TYPE (KpCallbackFlow, kp_callback_flow, ADW_TYPE_BIN)

static gboolean
commit_subject (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpCallbackFlow *self = user_data;

  return kp_callback_request_set_subject (self->request, answer, error);
}

static gboolean
commit_name (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpCallbackFlow *self = user_data;

  return kp_callback_request_set_name (self->request, answer, error);
}

static gboolean
commit_phone (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpCallbackFlow *self = user_data;

  return kp_callback_request_set_phone (self->request, answer, error);
}

static gboolean
commit_part_of_day (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpCallbackFlow *self = user_data;
  KpPartOfDay part = KP_PART_OF_DAY_ANY;

  kp_part_of_day_from_string (answer, &part);
  kp_callback_request_set_part_of_day (self->request, part);
  return TRUE;
}

static void
add_promise (KpSlip *slip, gpointer user_data)
{
  KpCallbackFlow *self = user_data;
  g_autofree char *promise = kp_callback_request_dup_promise (self->request);

  kp_slip_add_line (slip, _ ("When"), promise);
}

static void
send (KpFormFlow *flow, GTask *task, gpointer user_data)
{
  KpCallbackFlow *self = user_data;
  g_autofree char *promise = kp_callback_request_dup_promise (self->request);

  kp_submission_send (task, KP_SUBMISSION (self->request), self->outbox, self->config,
                      self->printer, _ ("Call-back request"), promise, add_promise, self);
}

static void
add_steps (KpCallbackFlow *self)
{
  g_autofree char *explanation = NULL;
  KpFormStep *step;

  step = kp_form_flow_add_step (
      self->flow, kp_form_step_new_text ("subject", _ ("What is your question about?"),
                                         KP_CALLBACK_REQUEST_SUBJECT_MAX));
  explanation = g_strdup_printf (_ ("A few words are enough, for example: my rent allowance. "
                                    "Use at least %d letters."),
                                 KP_CALLBACK_REQUEST_SUBJECT_MIN);
  kp_form_step_set_explanation (step, explanation);
  kp_form_step_set_summary_label (step, _ ("Question about"));
  kp_form_step_set_commit_func (step, commit_subject, self, NULL);

  step
      = kp_form_flow_add_step (self->flow, kp_form_step_new_entry ("name", _ ("What is your name?"),
                                                                   GTK_INPUT_PURPOSE_NAME));
  kp_form_step_set_summary_label (step, _ ("Your name"));
  kp_form_step_set_commit_func (step, commit_name, self, NULL);

  step = kp_form_flow_add_step (self->flow, kp_form_step_new_entry ("phone",
                                                                    _ ("On what number can we call "
                                                                       "you?"),
                                                                    GTK_INPUT_PURPOSE_PHONE));
  kp_form_step_set_explanation (step, _ ("For example: 06 12345678."));
  kp_form_step_set_summary_label (step, _ ("Phone"));
  kp_form_step_set_commit_func (step, commit_phone, self, NULL);

  step = kp_form_flow_add_step (
      self->flow, kp_form_step_new_choices ("part-of-day", _ ("When may we call you?")));
  kp_form_step_set_summary_label (step, _ ("Best time"));
  for (KpPartOfDay part = KP_PART_OF_DAY_MORNING; part <= KP_PART_OF_DAY_AFTERNOON; part++)
    kp_form_step_add_choice (step, kp_part_of_day_to_string (part), NULL,
                             kp_part_of_day_get_label (part), NULL);
  kp_form_step_add_choice (step, kp_part_of_day_to_string (KP_PART_OF_DAY_ANY), NULL,
                           kp_part_of_day_get_label (KP_PART_OF_DAY_ANY), NULL);
  kp_form_step_set_commit_func (step, commit_part_of_day, self, NULL);
}

static void
kp_callback_flow_dispose (GObject *object)
{
  KpCallbackFlow *self = KP_CALLBACK_FLOW (object);

  /* The flow's steps call back into this object: they go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  self->flow = NULL;
  g_clear_object (&self->request);
  g_clear_object (&self->printer);
  g_clear_object (&self->outbox);
  g_clear_object (&self->config);

  G_OBJECT_CLASS (kp_callback_flow_parent_class)->dispose (object);
}

static void
kp_callback_flow_class_init (KpCallbackFlowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kp_callback_flow_dispose;
}

static void
kp_callback_flow_init (KpCallbackFlow *self)
{
}

GtkWidget *
kp_callback_flow_new (KpConfig *config, KpOutbox *outbox, KpPrinter *printer)
{
  KpCallbackFlow *self;
  g_autofree char *promise = NULL;

  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);
  g_return_val_if_fail (KP_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (KP_IS_PRINTER (printer), NULL);

  self = g_object_new (KP_TYPE_CALLBACK_FLOW, NULL);
  self->config = g_object_ref (config);
  self->outbox = g_object_ref (outbox);
  self->printer = g_object_ref (printer);
  self->request = kp_callback_request_new (NULL);
  self->flow = KP_FORM_FLOW (kp_form_flow_new (_ ("Call me back")));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->flow));

  add_steps (self);
  promise = kp_callback_request_dup_promise (self->request);
  kp_form_flow_set_check_note (self->flow, promise);
  kp_form_flow_set_send_func (self->flow, _ ("Send request"), send, self, NULL);
  return GTK_WIDGET (self);
}
