/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-lost-flow.h"

#include "kp-date-text.h"
#include "kp-form-flow.h"
#include "kp-found-register.h"
#include "kp-lost-report.h"
#include "kp-object-steps.h"
#include "kp-submission-send.h"

#include <glib/gi18n.h>

#define NOT_MINE    "not-mine"
#define MAX_MATCHES 8

struct _KpLostFlow
{
  AdwBin parent_instance;

  KpConfig *config;
  KpOutbox *outbox;
  KpPrinter *printer;
  KpLostReport *report;
  KpObjectSteps *object_steps;
  KpFoundRegister *found_register;
  GCancellable *search_cancellable;
  KpFormFlow *flow;
};

G_DEFINE_FINAL_TYPE (KpLostFlow, kp_lost_flow, ADW_TYPE_BIN)

static gboolean
set_object_kind (gpointer model, const char *slug, GError **error)
{
  return kp_lost_report_set_object_kind (model, slug, error);
}

static gboolean
set_colour (gpointer model, const char *slug, GError **error)
{
  return kp_lost_report_set_colour (model, slug, error);
}

static gboolean
set_lost_on (gpointer model, const GDate *date, GError **error)
{
  return kp_lost_report_set_lost_on (model, date, error);
}

static const GDate *
get_lost_on (gpointer model)
{
  return kp_lost_report_get_lost_on (model);
}

static const KpObjectStepsModel object_steps_model = {
  .set_object_kind = set_object_kind,
  .set_colour = set_colour,
  .set_date = set_lost_on,
  .get_date = get_lost_on,
};

/* SQLite is disk work: the register is searched off the UI thread. */
static void
search_in_thread (GTask *task,
                  gpointer source_object,
                  gpointer task_data,
                  GCancellable *cancellable)
{
  KpFoundRegisterQuery *query = task_data;
  g_autoptr (GError) error = NULL;
  GPtrArray *entries
      = kp_found_register_search (KP_FOUND_REGISTER (source_object), query, MAX_MATCHES, &error);

  if (entries == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
}

static void
on_searched (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  KpFormStep *step = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (entries == NULL)
    g_message ("Searching the found objects failed: %s", error->message);
  kp_form_step_clear_choices (step);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      const KpFoundRegisterEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *day = kp_date_text_format_day (&entry->found_on);
      g_autofree char *detail = g_strdup_printf ("%s, %s", entry->place, day);

      kp_form_step_add_choice (step, entry->reference, NULL, entry->description, detail);
    }
  kp_form_step_add_choice (step, NOT_MINE, NULL, _ ("None of these is mine"), NULL);
}

/* Found since the day it was lost, of its kind and colour. */
static void
prepare_matches (KpFormStep *step, gpointer user_data)
{
  KpLostFlow *self = user_data;
  KpFoundRegisterQuery *query = g_new0 (KpFoundRegisterQuery, 1);
  const KpFoundItemColour *colour = kp_lost_report_get_colour (self->report);
  const GDate *lost_on = kp_lost_report_get_lost_on (self->report);
  g_autoptr (GTask) task = NULL;

  kp_form_step_clear_choices (step);
  query->object_kind = kp_lost_report_get_object_kind (self->report)->slug;
  query->colour = colour != NULL ? colour->slug : NULL;
  if (lost_on != NULL)
    query->from = *lost_on;

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  self->search_cancellable = g_cancellable_new ();
  task = g_task_new (self->found_register, self->search_cancellable, on_searched, step);
  g_task_set_task_data (task, query, g_free);
  g_task_run_in_thread (task, search_in_thread);
}

/* A match is good news: the resident is told where to go, and nothing is sent. */
static gboolean
commit_match (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpLostFlow *self = user_data;

  if (g_strcmp0 (answer, NOT_MINE) == 0)
    return TRUE;
  g_set_error (error, KP_SUBMISSION_ERROR, KP_SUBMISSION_ERROR_NOT_ALLOWED,
               _ ("This may be yours! Call the municipality on %s and give the number %s. Or "
                  "ask a volunteer."),
               kp_config_get_phone (self->config), answer);
  return FALSE;
}

static gboolean
commit_place (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpLostFlow *self = user_data;

  return kp_lost_report_set_place (self->report, answer, error);
}

static gboolean
commit_description (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpLostFlow *self = user_data;

  return kp_lost_report_set_description (self->report, answer, error);
}

static gboolean
commit_name (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpLostFlow *self = user_data;

  return kp_lost_report_set_name (self->report, answer, error);
}

static gboolean
commit_email (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpLostFlow *self = user_data;

  return kp_lost_report_set_email (self->report, answer, error);
}

static gboolean
commit_phone (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpLostFlow *self = user_data;

  return kp_lost_report_set_phone (self->report, answer, error);
}

static void
send (KpFormFlow *flow, GTask *task, gpointer user_data)
{
  KpLostFlow *self = user_data;

  kp_submission_send (task, KP_SUBMISSION (self->report), self->outbox, self->config, self->printer,
                      _ ("Lost object reported"),
                      _ ("Thank you. We have received your report of a lost object."), NULL, NULL);
}

static void
add_search_steps (KpLostFlow *self)
{
  KpFormStep *step;

  kp_object_steps_add_what (self->object_steps, self->flow, _ ("What did you lose?"));
  kp_object_steps_add_when (self->object_steps, self->flow, _ ("When did you lose it?"));

  step = kp_form_flow_add_step (self->flow,
                                kp_form_step_new_choices ("matches", _ ("Is one of these yours?")));
  kp_form_step_set_explanation (step,
                                _ ("People found these objects and handed them in. Touch yours, "
                                   "or touch None of these is mine."));
  kp_form_step_set_summary_label (step, _ ("Found objects"));
  kp_form_step_set_prepare_func (step, prepare_matches, self, NULL);
  kp_form_step_set_commit_func (step, commit_match, self, NULL);
}

static void
add_report_steps (KpLostFlow *self)
{
  KpFormStep *step;

  step = kp_form_flow_add_step (
      self->flow,
      kp_form_step_new_text ("place", _ ("Where did you lose it?"), KP_LOST_REPORT_PLACE_MAX));
  kp_form_step_set_explanation (step, _ ("In your own words, for example: on the bus to the "
                                         "market."));
  kp_form_step_set_summary_label (step, _ ("Where"));
  kp_form_step_set_optional (step, TRUE);
  kp_form_step_set_commit_func (step, commit_place, self, NULL);

  step = kp_form_flow_add_step (self->flow,
                                kp_form_step_new_text ("description", _ ("What does it look like?"),
                                                       KP_LOST_REPORT_DESCRIPTION_MAX));
  kp_form_step_set_explanation (step, _ ("For example the brand, a sticker or a key ring."));
  kp_form_step_set_summary_label (step, _ ("What it looks like"));
  kp_form_step_set_optional (step, TRUE);
  kp_form_step_set_commit_func (step, commit_description, self, NULL);

  step
      = kp_form_flow_add_step (self->flow, kp_form_step_new_entry ("name", _ ("What is your name?"),
                                                                   GTK_INPUT_PURPOSE_NAME));
  kp_form_step_set_summary_label (step, _ ("Your name"));
  kp_form_step_set_commit_func (step, commit_name, self, NULL);

  step = kp_form_flow_add_step (self->flow,
                                kp_form_step_new_entry ("email", _ ("What is your e-mail address?"),
                                                        GTK_INPUT_PURPOSE_EMAIL));
  kp_form_step_set_explanation (step, _ ("We need an e-mail address or a phone number, so the "
                                         "municipality can reach you."));
  kp_form_step_set_summary_label (step, _ ("E-mail"));
  kp_form_step_set_optional (step, TRUE);
  kp_form_step_set_commit_func (step, commit_email, self, NULL);

  step = kp_form_flow_add_step (
      self->flow,
      kp_form_step_new_entry ("phone", _ ("What is your phone number?"), GTK_INPUT_PURPOSE_PHONE));
  kp_form_step_set_summary_label (step, _ ("Phone"));
  kp_form_step_set_optional (step, TRUE);
  kp_form_step_set_commit_func (step, commit_phone, self, NULL);
}

static void
kp_lost_flow_dispose (GObject *object)
{
  KpLostFlow *self = KP_LOST_FLOW (object);

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  /* The flow's steps call back into this object: they go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  self->flow = NULL;
  g_clear_object (&self->found_register);
  g_clear_object (&self->object_steps);
  g_clear_object (&self->report);
  g_clear_object (&self->printer);
  g_clear_object (&self->outbox);
  g_clear_object (&self->config);

  G_OBJECT_CLASS (kp_lost_flow_parent_class)->dispose (object);
}

static void
kp_lost_flow_class_init (KpLostFlowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kp_lost_flow_dispose;
}

static void
kp_lost_flow_init (KpLostFlow *self)
{
}

GtkWidget *
kp_lost_flow_new (KpConfig *config, KpOutbox *outbox, KpPrinter *printer)
{
  KpLostFlow *self;

  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);
  g_return_val_if_fail (KP_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (KP_IS_PRINTER (printer), NULL);

  self = g_object_new (KP_TYPE_LOST_FLOW, NULL);
  self->config = g_object_ref (config);
  self->outbox = g_object_ref (outbox);
  self->printer = g_object_ref (printer);
  self->report = kp_lost_report_new ();
  self->object_steps = kp_object_steps_new (&object_steps_model, self->report);
  self->found_register = kp_found_register_new (kp_outbox_get_store (outbox));
  self->flow = KP_FORM_FLOW (kp_form_flow_new (_ ("I lost something")));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->flow));

  add_search_steps (self);
  add_report_steps (self);
  kp_form_flow_set_send_func (self->flow, _ ("Send report"), send, self, NULL);
  return GTK_WIDGET (self);
}
