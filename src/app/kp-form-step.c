/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-form-step.h"

typedef struct
{
  char *id;
  char *icon_name;
  char *label;
  char *detail;
  char *spoken; /* (nullable): how speech says the label, when not as written */
} Choice;

/* A function the owner gives, with its data and how to let go of it. */
typedef struct
{
  GCallback func;
  gpointer user_data;
  GDestroyNotify destroy;
} Callback;

struct _KpFormStep
{
  GObject parent_instance;

  KpFormStepKind kind;
  char *id;
  char *question;
  char *explanation;
  char *summary_label;
  GtkInputPurpose purpose;
  guint max_chars;
  gboolean optional;
  GArray *choices;         /* of Choice */
  GtkWidget *custom_input; /* custom steps */
  char *answer;
  gboolean done;

  Callback commit;
  Callback condition;
  Callback prepare;
  Callback summary;
  Callback search;
};

G_DEFINE_FINAL_TYPE (KpFormStep, kp_form_step, G_TYPE_OBJECT)

enum
{
  CHOICES_CHANGED,
  EXPLANATION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
choice_clear (Choice *choice)
{
  g_clear_pointer (&choice->id, g_free);
  g_clear_pointer (&choice->icon_name, g_free);
  g_clear_pointer (&choice->label, g_free);
  g_clear_pointer (&choice->detail, g_free);
  g_clear_pointer (&choice->spoken, g_free);
}

static void
callback_clear (Callback *callback)
{
  if (callback->destroy != NULL)
    callback->destroy (callback->user_data);
  *callback = (Callback){ NULL, NULL, NULL };
}

static void
callback_set (Callback *callback, GCallback func, gpointer user_data, GDestroyNotify destroy)
{
  callback_clear (callback);
  *callback = (Callback){ func, user_data, destroy };
}

static KpFormStep *
step_new (KpFormStepKind kind, const char *id, const char *question)
{
  KpFormStep *self = g_object_new (KP_TYPE_FORM_STEP, NULL);

  self->kind = kind;
  self->id = g_strdup (id);
  self->question = g_strdup (question);
  return self;
}

static void
kp_form_step_finalize (GObject *object)
{
  KpFormStep *self = KP_FORM_STEP (object);

  callback_clear (&self->search);
  callback_clear (&self->summary);
  callback_clear (&self->prepare);
  callback_clear (&self->condition);
  callback_clear (&self->commit);
  g_clear_pointer (&self->answer, g_free);
  g_clear_pointer (&self->choices, g_array_unref);
  g_clear_object (&self->custom_input);
  g_clear_pointer (&self->summary_label, g_free);
  g_clear_pointer (&self->explanation, g_free);
  g_clear_pointer (&self->question, g_free);
  g_clear_pointer (&self->id, g_free);

  G_OBJECT_CLASS (kp_form_step_parent_class)->finalize (object);
}

static void
kp_form_step_class_init (KpFormStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kp_form_step_finalize;

  signals[CHOICES_CHANGED] = g_signal_new ("choices-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[EXPLANATION_CHANGED]
      = g_signal_new ("explanation-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 0);
}

static void
kp_form_step_init (KpFormStep *self)
{
  self->purpose = GTK_INPUT_PURPOSE_FREE_FORM;
  self->choices = g_array_new (FALSE, TRUE, sizeof (Choice));
  g_array_set_clear_func (self->choices, (GDestroyNotify) choice_clear);
}

KpFormStep *
kp_form_step_new_entry (const char *id, const char *question, GtkInputPurpose purpose)
{
  KpFormStep *self;

  g_return_val_if_fail (id != NULL && question != NULL, NULL);

  self = step_new (KP_FORM_STEP_ENTRY, id, question);
  self->purpose = purpose;
  return self;
}

KpFormStep *
kp_form_step_new_text (const char *id, const char *question, guint max_chars)
{
  KpFormStep *self;

  g_return_val_if_fail (id != NULL && question != NULL, NULL);

  self = step_new (KP_FORM_STEP_TEXT, id, question);
  self->max_chars = max_chars;
  return self;
}

KpFormStep *
kp_form_step_new_choices (const char *id, const char *question)
{
  g_return_val_if_fail (id != NULL && question != NULL, NULL);

  return step_new (KP_FORM_STEP_CHOICES, id, question);
}

KpFormStep *
kp_form_step_new_yes_no (const char *id,
                         const char *question,
                         const char *yes_label,
                         const char *no_label)
{
  KpFormStep *self;

  g_return_val_if_fail (id != NULL && question != NULL, NULL);
  g_return_val_if_fail (yes_label != NULL && no_label != NULL, NULL);

  self = step_new (KP_FORM_STEP_YES_NO, id, question);
  kp_form_step_add_choice (self, KP_FORM_STEP_YES, NULL, yes_label, NULL);
  kp_form_step_add_choice (self, KP_FORM_STEP_NO, NULL, no_label, NULL);
  return self;
}

KpFormStep *
kp_form_step_new_search (const char *id,
                         const char *question,
                         KpFormStepSearchFunc search_func,
                         gpointer user_data,
                         GDestroyNotify destroy)
{
  KpFormStep *self;

  g_return_val_if_fail (id != NULL && question != NULL, NULL);
  g_return_val_if_fail (search_func != NULL, NULL);

  self = step_new (KP_FORM_STEP_SEARCH, id, question);
  callback_set (&self->search, G_CALLBACK (search_func), user_data, destroy);
  return self;
}

KpFormStep *
kp_form_step_new_custom (const char *id, const char *question, GtkWidget *input)
{
  KpFormStep *self;

  g_return_val_if_fail (id != NULL && question != NULL, NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (input), NULL);

  self = step_new (KP_FORM_STEP_CUSTOM, id, question);
  self->custom_input = g_object_ref_sink (input);
  return self;
}

const char *
kp_form_step_get_id (KpFormStep *self)
{
  g_return_val_if_fail (KP_IS_FORM_STEP (self), NULL);

  return self->id;
}

KpFormStepKind
kp_form_step_get_kind (KpFormStep *self)
{
  g_return_val_if_fail (KP_IS_FORM_STEP (self), KP_FORM_STEP_ENTRY);

  return self->kind;
}

const char *
kp_form_step_get_question (KpFormStep *self)
{
  g_return_val_if_fail (KP_IS_FORM_STEP (self), NULL);

  return self->question;
}

void
kp_form_step_set_explanation (KpFormStep *self, const char *explanation)
{
  g_return_if_fail (KP_IS_FORM_STEP (self));

  g_free (self->explanation);
  self->explanation = g_strdup (explanation);
  g_signal_emit (self, signals[EXPLANATION_CHANGED], 0);
}

const char *
kp_form_step_get_explanation (KpFormStep *self)
{
  g_return_val_if_fail (KP_IS_FORM_STEP (self), NULL);

  return self->explanation;
}

void
kp_form_step_set_summary_label (KpFormStep *self, const char *summary_label)
{
  g_return_if_fail (KP_IS_FORM_STEP (self));

  g_free (self->summary_label);
  self->summary_label = g_strdup (summary_label);
}

const char *
kp_form_step_get_summary_label (KpFormStep *self)
{
  g_return_val_if_fail (KP_IS_FORM_STEP (self), NULL);

  return self->summary_label != NULL ? self->summary_label : self->question;
}

void
kp_form_step_set_optional (KpFormStep *self, gboolean optional)
{
  g_return_if_fail (KP_IS_FORM_STEP (self));

  self->optional = optional;
}

gboolean
kp_form_step_get_optional (KpFormStep *self)
{
  g_return_val_if_fail (KP_IS_FORM_STEP (self), FALSE);

  return self->optional;
}

guint
kp_form_step_get_max_chars (KpFormStep *self)
{
  g_return_val_if_fail (KP_IS_FORM_STEP (self), 0);

  return self->max_chars;
}

GtkInputPurpose
kp_form_step_get_purpose (KpFormStep *self)
{
  g_return_val_if_fail (KP_IS_FORM_STEP (self), GTK_INPUT_PURPOSE_FREE_FORM);

  return self->purpose;
}

GtkWidget *
kp_form_step_get_custom_input (KpFormStep *self)
{
  g_return_val_if_fail (KP_IS_FORM_STEP (self), NULL);

  return self->custom_input;
}

void
kp_form_step_add_choice (
    KpFormStep *self, const char *id, const char *icon_name, const char *label, const char *detail)
{
  Choice choice;

  g_return_if_fail (KP_IS_FORM_STEP (self));
  g_return_if_fail (id != NULL && label != NULL);

  choice
      = (Choice){ g_strdup (id), g_strdup (icon_name), g_strdup (label), g_strdup (detail), NULL };
  g_array_append_val (self->choices, choice);
  g_signal_emit (self, signals[CHOICES_CHANGED], 0);
}

void
kp_form_step_clear_choices (KpFormStep *self)
{
  g_return_if_fail (KP_IS_FORM_STEP (self));

  if (self->choices->len == 0)
    return;
  g_array_set_size (self->choices, 0);
  g_signal_emit (self, signals[CHOICES_CHANGED], 0);
}

guint
kp_form_step_get_n_choices (KpFormStep *self)
{
  g_return_val_if_fail (KP_IS_FORM_STEP (self), 0);

  return self->choices->len;
}

/* (nullable) (transfer none) */
static Choice *
find_choice (KpFormStep *self, const char *id)
{
  for (guint i = 0; id != NULL && i < self->choices->len; i++)
    {
      Choice *choice = &g_array_index (self->choices, Choice, i);

      if (g_str_equal (choice->id, id))
        return choice;
    }
  return NULL;
}

const char *
kp_form_step_lookup_choice_label (KpFormStep *self, const char *id)
{
  Choice *choice;

  g_return_val_if_fail (KP_IS_FORM_STEP (self), NULL);

  choice = find_choice (self, id);
  return choice != NULL ? choice->label : NULL;
}

void
kp_form_step_set_choice_spoken (KpFormStep *self, const char *id, const char *spoken)
{
  Choice *choice;

  g_return_if_fail (KP_IS_FORM_STEP (self));

  choice = find_choice (self, id);
  g_return_if_fail (choice != NULL);
  g_free (choice->spoken);
  choice->spoken = g_strdup (spoken);
}

const char *
kp_form_step_lookup_choice_spoken (KpFormStep *self, const char *id)
{
  Choice *choice;

  g_return_val_if_fail (KP_IS_FORM_STEP (self), NULL);

  choice = find_choice (self, id);
  return choice != NULL ? choice->spoken : NULL;
}

void
kp_form_step_foreach_choice (KpFormStep *self, KpFormStepChoiceFunc func, gpointer user_data)
{
  g_return_if_fail (KP_IS_FORM_STEP (self));
  g_return_if_fail (func != NULL);

  for (guint i = 0; i < self->choices->len; i++)
    {
      const Choice *choice = &g_array_index (self->choices, Choice, i);

      func (choice->id, choice->icon_name, choice->label, choice->detail, user_data);
    }
}

void
kp_form_step_set_commit_func (KpFormStep *self,
                              KpFormStepCommitFunc func,
                              gpointer user_data,
                              GDestroyNotify destroy)
{
  g_return_if_fail (KP_IS_FORM_STEP (self));

  callback_set (&self->commit, G_CALLBACK (func), user_data, destroy);
}

void
kp_form_step_set_condition_func (KpFormStep *self,
                                 KpFormStepConditionFunc func,
                                 gpointer user_data,
                                 GDestroyNotify destroy)
{
  g_return_if_fail (KP_IS_FORM_STEP (self));

  callback_set (&self->condition, G_CALLBACK (func), user_data, destroy);
}

void
kp_form_step_set_prepare_func (KpFormStep *self,
                               KpFormStepPrepareFunc func,
                               gpointer user_data,
                               GDestroyNotify destroy)
{
  g_return_if_fail (KP_IS_FORM_STEP (self));

  callback_set (&self->prepare, G_CALLBACK (func), user_data, destroy);
}

void
kp_form_step_set_summary_func (KpFormStep *self,
                               KpFormStepSummaryFunc func,
                               gpointer user_data,
                               GDestroyNotify destroy)
{
  g_return_if_fail (KP_IS_FORM_STEP (self));

  callback_set (&self->summary, G_CALLBACK (func), user_data, destroy);
}

const char *
kp_form_step_get_answer (KpFormStep *self)
{
  g_return_val_if_fail (KP_IS_FORM_STEP (self), NULL);

  return self->answer;
}

gboolean
kp_form_step_get_done (KpFormStep *self)
{
  g_return_val_if_fail (KP_IS_FORM_STEP (self), FALSE);

  return self->done;
}

gboolean
kp_form_step_is_asked (KpFormStep *self)
{
  g_return_val_if_fail (KP_IS_FORM_STEP (self), FALSE);

  if (self->condition.func == NULL)
    return TRUE;
  return ((KpFormStepConditionFunc) self->condition.func) (self, self->condition.user_data);
}

gboolean
kp_form_step_commit (KpFormStep *self, const char *answer, GError **error)
{
  KpFormStepCommitFunc commit;

  g_return_val_if_fail (KP_IS_FORM_STEP (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  commit = (KpFormStepCommitFunc) self->commit.func;
  if (commit != NULL && !commit (self, answer, self->commit.user_data, error))
    return FALSE;

  g_free (self->answer);
  self->answer = g_strdup (answer);
  self->done = TRUE;
  return TRUE;
}

void
kp_form_step_reset (KpFormStep *self)
{
  g_return_if_fail (KP_IS_FORM_STEP (self));

  g_clear_pointer (&self->answer, g_free);
  self->done = FALSE;
}

char *
kp_form_step_dup_summary (KpFormStep *self)
{
  const char *label;

  g_return_val_if_fail (KP_IS_FORM_STEP (self), NULL);

  if (self->summary.func != NULL)
    return ((KpFormStepSummaryFunc) self->summary.func) (self, self->summary.user_data);
  label = kp_form_step_lookup_choice_label (self, self->answer);
  return g_strdup (label != NULL ? label : self->answer);
}

void
kp_form_step_prepare (KpFormStep *self)
{
  g_return_if_fail (KP_IS_FORM_STEP (self));

  if (self->prepare.func != NULL)
    ((KpFormStepPrepareFunc) self->prepare.func) (self, self->prepare.user_data);
}

void
kp_form_step_search (KpFormStep *self, const char *query)
{
  g_return_if_fail (KP_IS_FORM_STEP (self));

  if (self->search.func != NULL)
    ((KpFormStepSearchFunc) self->search.func) (self, query != NULL ? query : "",
                                                self->search.user_data);
}
