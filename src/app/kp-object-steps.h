/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib-object.h>

#include "kp-form-flow.h"

G_BEGIN_DECLS

/*
 * The questions about an object that a found and a lost report share:
 * what it is and its colour (pictograms from KpFoundItem's lists), and
 * when it was found or lost (kp-date-choices: a recent day by name, or
 * "Earlier" and a typed date). The answers go to the flow's model through
 * a KpObjectStepsModel, so the two models keep their own setters.
 *
 * Step ids: "object", "colour", "date", "typed-date".
 */

/* How the steps hand their answers to the model (a KpFoundItem or a KpLostReport). */
typedef struct
{
  gboolean (*set_object_kind) (gpointer model, const char *slug, GError **error);
  /* @slug is NULL for "I do not know". */
  gboolean (*set_colour) (gpointer model, const char *slug, GError **error);
  gboolean (*set_date) (gpointer model, const GDate *date, GError **error);
  /* (nullable): the date set, for the check screen */
  const GDate *(*get_date) (gpointer model);
} KpObjectStepsModel;

#define KP_TYPE_OBJECT_STEPS (kp_object_steps_get_type ())
G_DECLARE_FINAL_TYPE (KpObjectSteps, kp_object_steps, KP, OBJECT_STEPS, GObject)

/* @vfuncs is static; @model is a GObject the steps keep a reference to. (transfer full) */
KpObjectSteps *kp_object_steps_new (const KpObjectStepsModel *vfuncs, gpointer model);

/* Adds "object" and "colour" to @flow; @question heads the first ("What did you find?"). */
void kp_object_steps_add_what (KpObjectSteps *self, KpFormFlow *flow, const char *question);
/* Adds "date" and "typed-date" to @flow; @question heads the first ("When did you find it?"). */
void kp_object_steps_add_when (KpObjectSteps *self, KpFormFlow *flow, const char *question);

G_END_DECLS
