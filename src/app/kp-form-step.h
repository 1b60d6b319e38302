/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * One question of a form flow (see kp-form-flow.h): the question, the way
 * a resident answers it, how the answer is checked and how it reads on the
 * check screen. The flow's owner creates the steps and hands them to a
 * KpFormFlow, which builds the input widgets and keeps the answers.
 *
 * Kinds of input:
 *  - entry:   one line of text, with an input purpose that picks the
 *             on-screen keyboard's layout (digits for a phone number);
 *  - text:    several lines of free text, with a character limit shown;
 *  - choices: a grid of large pictogram buttons; one touch answers and
 *             moves on;
 *  - yes/no:  two large buttons; one touch answers and moves on;
 *  - search:  an entry with a list of matches below it (an address, a
 *             landmark); touching a match answers and moves on;
 *  - custom:  a widget of the owner's (a calendar), shown under the
 *             question; it answers by activating "flow.choose" with the
 *             answer, as a choice button does.
 *
 * Every answer is a string: the typed text, a choice's id, "yes"/"no".
 * Texts passed in are shown as given: translate them first.
 */

#define KP_FORM_STEP_YES "yes"
#define KP_FORM_STEP_NO  "no"

typedef enum
{
  KP_FORM_STEP_ENTRY,
  KP_FORM_STEP_TEXT,
  KP_FORM_STEP_CHOICES,
  KP_FORM_STEP_YES_NO,
  KP_FORM_STEP_SEARCH,
  KP_FORM_STEP_CUSTOM,
} KpFormStepKind;

#define KP_TYPE_FORM_STEP (kp_form_step_get_type ())
G_DECLARE_FINAL_TYPE (KpFormStep, kp_form_step, KP, FORM_STEP, GObject)

/*
 * Called with the answer when the resident touches Next (or a choice).
 * Apply it to the model and return TRUE, or return FALSE with a B1 error
 * (a core validator's GError is fine as it is): the flow shows its message
 * next to the field, keeps what was typed and stays on the step. Return
 * FALSE without an error for an answer that is no answer but a command the
 * owner has carried out (e.g. "Try again", which loads the choices again):
 * the flow then stays on the step and shows no message. @answer is NULL
 * when an optional step is skipped.
 */
typedef gboolean (*KpFormStepCommitFunc) (KpFormStep *step,
                                          const char *answer,
                                          gpointer user_data,
                                          GError **error);
/* Whether the step is asked at all, given the answers so far. */
typedef gboolean (*KpFormStepConditionFunc) (KpFormStep *step, gpointer user_data);
/*
 * Called each time just before the step is shown, e.g. to fill its
 * choices from an earlier answer (the sub categories of a main category).
 */
typedef void (*KpFormStepPrepareFunc) (KpFormStep *step, gpointer user_data);
/* For a search step: fills @step's choices with what matches @query. */
typedef void (*KpFormStepSearchFunc) (KpFormStep *step, const char *query, gpointer user_data);
/* The answer as the check screen shows it. (transfer full) (nullable) */
typedef char *(*KpFormStepSummaryFunc) (KpFormStep *step, gpointer user_data);

/* @id names the step in "flow.change" and in tests; @question is the screen's title. */
KpFormStep *kp_form_step_new_entry (const char *id, const char *question, GtkInputPurpose purpose);
KpFormStep *kp_form_step_new_text (const char *id, const char *question, guint max_chars);
KpFormStep *kp_form_step_new_choices (const char *id, const char *question);
KpFormStep *kp_form_step_new_yes_no (const char *id,
                                     const char *question,
                                     const char *yes_label,
                                     const char *no_label);
KpFormStep *kp_form_step_new_search (const char *id,
                                     const char *question,
                                     KpFormStepSearchFunc search_func,
                                     gpointer user_data,
                                     GDestroyNotify destroy);

/* The step keeps @input (sinking a floating reference) for the flow to show. */
KpFormStep *kp_form_step_new_custom (const char *id, const char *question, GtkWidget *input);

const char *kp_form_step_get_id (KpFormStep *self);
KpFormStepKind kp_form_step_get_kind (KpFormStep *self);
const char *kp_form_step_get_question (KpFormStep *self);

/*
 * A few plain sentences under the question: why it is asked, what the
 * limits are, or why the choices could not be loaded. Emits
 * "explanation-changed", so a shown step says the new sentences.
 */
void kp_form_step_set_explanation (KpFormStep *self, const char *explanation);
const char *kp_form_step_get_explanation (KpFormStep *self);
/* The short name of the answer on the check screen ("Where"); the question when unset. */
void kp_form_step_set_summary_label (KpFormStep *self, const char *summary_label);
const char *kp_form_step_get_summary_label (KpFormStep *self);
/* An optional step has a Skip button. */
void kp_form_step_set_optional (KpFormStep *self, gboolean optional);
gboolean kp_form_step_get_optional (KpFormStep *self);
/* For entry and text steps: the text's limit (0: none) and the keyboard's purpose. */
guint kp_form_step_get_max_chars (KpFormStep *self);
GtkInputPurpose kp_form_step_get_purpose (KpFormStep *self);
/* For a custom step: the owner's widget. (nullable) (transfer none) */
GtkWidget *kp_form_step_get_custom_input (KpFormStep *self);

/* Choices (and search matches), in the order shown. @icon_name and @detail are nullable. */
void kp_form_step_add_choice (
    KpFormStep *self, const char *id, const char *icon_name, const char *label, const char *detail);
void kp_form_step_clear_choices (KpFormStep *self);
/* Both emit "choices-changed", so a shown step redraws its buttons. */
guint kp_form_step_get_n_choices (KpFormStep *self);
/* (nullable) (transfer none): the label of the choice @id */
const char *kp_form_step_lookup_choice_label (KpFormStep *self, const char *id);
/*
 * How speech says the choice @id when the label would be read wrong: a
 * time "9:10" is "ten past nine". Set after adding the choice; the tile
 * shows the label as it is.
 */
void kp_form_step_set_choice_spoken (KpFormStep *self, const char *id, const char *spoken);
/* (nullable) (transfer none) */
const char *kp_form_step_lookup_choice_spoken (KpFormStep *self, const char *id);

void kp_form_step_set_commit_func (KpFormStep *self,
                                   KpFormStepCommitFunc func,
                                   gpointer user_data,
                                   GDestroyNotify destroy);
void kp_form_step_set_condition_func (KpFormStep *self,
                                      KpFormStepConditionFunc func,
                                      gpointer user_data,
                                      GDestroyNotify destroy);
void kp_form_step_set_prepare_func (KpFormStep *self,
                                    KpFormStepPrepareFunc func,
                                    gpointer user_data,
                                    GDestroyNotify destroy);
void kp_form_step_set_summary_func (KpFormStep *self,
                                    KpFormStepSummaryFunc func,
                                    gpointer user_data,
                                    GDestroyNotify destroy);

/* (nullable): the committed answer; NULL when not answered yet or skipped */
const char *kp_form_step_get_answer (KpFormStep *self);
/* Whether the step was answered or skipped (so the check screen can show it). */
gboolean kp_form_step_get_done (KpFormStep *self);
/* Whether the step is asked, given the answers so far. */
gboolean kp_form_step_is_asked (KpFormStep *self);
/*
 * Runs the commit function and, when it accepts, keeps @answer (NULL:
 * skipped) and marks the step done. The flow calls this; an owner may too,
 * to fill in an answer it already knows.
 */
gboolean kp_form_step_commit (KpFormStep *self, const char *answer, GError **error);
/*
 * Forgets the answer, so the flow asks the step again, also after a
 * Change: for a step that depends on an earlier answer that changed.
 */
void kp_form_step_reset (KpFormStep *self);
/*
 * The answer for the check screen: the summary function's, else the
 * choice's label or the answer itself. (transfer full) (nullable)
 */
char *kp_form_step_dup_summary (KpFormStep *self);
void kp_form_step_prepare (KpFormStep *self);
void kp_form_step_search (KpFormStep *self, const char *query);

/* Each choice as (id, icon_name, label, detail), for the flow that draws them. */
typedef void (*KpFormStepChoiceFunc) (const char *id,
                                      const char *icon_name,
                                      const char *label,
                                      const char *detail,
                                      gpointer user_data);
void kp_form_step_foreach_choice (KpFormStep *self, KpFormStepChoiceFunc func, gpointer user_data);

G_END_DECLS
