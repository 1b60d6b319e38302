/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-object-steps.h"

#include "kp-date-choices.h"
#include "kp-date-text.h"
#include "kp-found-item.h"

#include <glib/gi18n.h>

#define COLOUR_UNKNOWN "unknown"

struct _KpObjectSteps
{
  GObject parent_instance;

  const KpObjectStepsModel *vfuncs;
  GObject *model;
};

G_DEFINE_FINAL_TYPE (KpObjectSteps, kp_object_steps, G_TYPE_OBJECT)

static gboolean
commit_object (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpObjectSteps *self = user_data;

  return self->vfuncs->set_object_kind (self->model, answer, error);
}

static gboolean
commit_colour (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpObjectSteps *self = user_data;

  return self->vfuncs->set_colour (self->model,
                                   g_strcmp0 (answer, COLOUR_UNKNOWN) == 0 ? NULL : answer, error);
}

static gboolean
set_date (KpObjectSteps *self, const char *answer, GError **error)
{
  GDate date;

  return kp_date_choices_parse (answer, &date, error)
         && self->vfuncs->set_date (self->model, &date, error);
}

/* "Earlier" sets nothing yet: the typed date that follows does. */
static gboolean
commit_date (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  if (g_strcmp0 (answer, KP_DATE_CHOICES_EARLIER) == 0)
    return TRUE;
  return set_date (user_data, answer, error);
}

static char *
summarize_date (KpFormStep *step, gpointer user_data)
{
  KpObjectSteps *self = user_data;
  const GDate *date = self->vfuncs->get_date (self->model);

  return date != NULL ? kp_date_text_format_day (date) : NULL;
}

static gboolean
asks_typed_date (KpFormStep *step, gpointer user_data)
{
  KpFormStep *date_step = user_data;

  return g_strcmp0 (kp_form_step_get_answer (date_step), KP_DATE_CHOICES_EARLIER) == 0;
}

static gboolean
commit_typed_date (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  return set_date (user_data, answer, error);
}

static void
kp_object_steps_finalize (GObject *object)
{
  KpObjectSteps *self = KP_OBJECT_STEPS (object);

  g_clear_object (&self->model);

  G_OBJECT_CLASS (kp_object_steps_parent_class)->finalize (object);
}

static void
kp_object_steps_class_init (KpObjectStepsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kp_object_steps_finalize;
}

static void
kp_object_steps_init (KpObjectSteps *self)
{
}

KpObjectSteps *
kp_object_steps_new (const KpObjectStepsModel *vfuncs, gpointer model)
{
  KpObjectSteps *self;

  g_return_val_if_fail (vfuncs != NULL, NULL);
  g_return_val_if_fail (G_IS_OBJECT (model), NULL);

  self = g_object_new (KP_TYPE_OBJECT_STEPS, NULL);
  self->vfuncs = vfuncs;
  self->model = g_object_ref (model);
  return self;
}

void
kp_object_steps_add_what (KpObjectSteps *self, KpFormFlow *flow, const char *question)
{
  guint n_kinds;
  guint n_colours;
  const KpFoundItemKind *kinds = kp_found_item_list_kinds (&n_kinds);
  const KpFoundItemColour *colours = kp_found_item_list_colours (&n_colours);
  KpFormStep *step;

  g_return_if_fail (KP_IS_OBJECT_STEPS (self));
  g_return_if_fail (KP_IS_FORM_FLOW (flow));
  g_return_if_fail (question != NULL);

  step = kp_form_flow_add_step (flow, kp_form_step_new_choices ("object", question));
  kp_form_step_set_summary_label (step, _ ("What"));
  for (guint i = 0; i < n_kinds; i++)
    {
      g_autofree char *icon = g_strconcat ("kp-pictogram-", kinds[i].pictogram, NULL);

      kp_form_step_add_choice (step, kinds[i].slug, icon, kp_found_item_kind_get_label (&kinds[i]),
                               NULL);
    }
  kp_form_step_set_commit_func (step, commit_object, g_object_ref (self), g_object_unref);

  step
      = kp_form_flow_add_step (flow, kp_form_step_new_choices ("colour", _ ("What colour is it?")));
  kp_form_step_set_summary_label (step, _ ("Colour"));
  for (guint i = 0; i < n_colours; i++)
    {
      g_autofree char *icon = g_strconcat ("kp-colour-", colours[i].slug, NULL);

      kp_form_step_add_choice (step, colours[i].slug, icon,
                               kp_found_item_colour_get_label (&colours[i]), NULL);
    }
  kp_form_step_add_choice (step, COLOUR_UNKNOWN, "kp-pictogram-more", _ ("I do not know"), NULL);
  kp_form_step_set_commit_func (step, commit_colour, g_object_ref (self), g_object_unref);
}

void
kp_object_steps_add_when (KpObjectSteps *self, KpFormFlow *flow, const char *question)
{
  KpFormStep *date_step;
  KpFormStep *step;

  g_return_if_fail (KP_IS_OBJECT_STEPS (self));
  g_return_if_fail (KP_IS_FORM_FLOW (flow));
  g_return_if_fail (question != NULL);

  date_step = kp_form_flow_add_step (flow, kp_form_step_new_choices ("date", question));
  kp_form_step_set_summary_label (date_step, _ ("When"));
  kp_date_choices_add (date_step);
  kp_form_step_set_commit_func (date_step, commit_date, g_object_ref (self), g_object_unref);
  kp_form_step_set_summary_func (date_step, summarize_date, g_object_ref (self), g_object_unref);

  step = kp_form_flow_add_step (
      flow, kp_form_step_new_entry ("typed-date", _ ("On what date?"), GTK_INPUT_PURPOSE_DIGITS));
  kp_form_step_set_explanation (step, _ ("Type day-month-year, for example 15-11-2025."));
  kp_form_step_set_summary_label (step, _ ("Date"));
  /* Both steps belong to @flow, which asks this condition only while they live. */
  kp_form_step_set_condition_func (step, asks_typed_date, date_step, NULL);
  kp_form_step_set_commit_func (step, commit_typed_date, g_object_ref (self), g_object_unref);
}
