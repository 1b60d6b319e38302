/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-found-flow.h"

#include "kp-date-text.h"
#include "kp-form-flow.h"
#include "kp-found-item.h"
#include "kp-object-steps.h"
#include "kp-place-steps.h"
#include "kp-receipt-page.h"
#include "kp-submission-send.h"

#include <glib/gi18n.h>

#define CUSTODY_HERE "here"
#define CUSTODY_KEPT "kept"

struct _KpFoundFlow
{
  AdwBin parent_instance;

  KpConfig *config;
  KpOutbox *outbox;
  KpPrinter *printer;
  KpFoundItem *item;
  KpObjectSteps *object_steps;
  KpPlaceSteps *place_steps;
  KpFormFlow *flow;
};

G_DEFINE_FINAL_TYPE (KpFoundFlow, kp_found_flow, ADW_TYPE_BIN)

static gboolean
answer_is (KpFoundFlow *self, const char *step_id, const char *answer)
{
  return g_strcmp0 (kp_form_step_get_answer (kp_form_flow_get_step (self->flow, step_id)), answer)
         == 0;
}

static gboolean
is_not_document (KpFormStep *step, gpointer user_data)
{
  KpFoundFlow *self = user_data;

  return !kp_found_item_is_document (self->item);
}

static gboolean
set_object_kind (gpointer model, const char *slug, GError **error)
{
  return kp_found_item_set_object_kind (model, slug, error);
}

static gboolean
set_colour (gpointer model, const char *slug, GError **error)
{
  return kp_found_item_set_colour (model, slug, error);
}

static gboolean
set_found_on (gpointer model, const GDate *date, GError **error)
{
  return kp_found_item_set_found_on (model, date, error);
}

static const GDate *
get_found_on (gpointer model)
{
  return kp_found_item_get_found_on (model);
}

static const KpObjectStepsModel object_steps_model = {
  .set_object_kind = set_object_kind,
  .set_colour = set_colour,
  .set_date = set_found_on,
  .get_date = get_found_on,
};

static gboolean
commit_brand (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpFoundFlow *self = user_data;

  return kp_found_item_set_brand (self->item, answer, error);
}

static gboolean
commit_marks (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpFoundFlow *self = user_data;

  return kp_found_item_set_marks (self->item, answer, error);
}

static void
on_place (const KpPlace *place, gpointer user_data)
{
  KpFoundFlow *self = user_data;

  kp_found_item_set_place (self->item, place);
}

static gboolean
commit_custody (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpFoundFlow *self = user_data;

  return kp_found_item_set_custody (self->item,
                                    g_strcmp0 (answer, CUSTODY_KEPT) == 0
                                        ? KP_FOUND_ITEM_KEPT_BY_FINDER
                                        : KP_FOUND_ITEM_HANDED_IN,
                                    error);
}

static gboolean
is_handed_in (KpFormStep *step, gpointer user_data)
{
  KpFoundFlow *self = user_data;

  return kp_found_item_is_document (self->item) || answer_is (self, "custody", CUSTODY_HERE);
}

/* Only a volunteer who has the object in hand says yes; until then the report waits. */
static gboolean
commit_receipt (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpFoundFlow *self = user_data;

  if (g_strcmp0 (answer, KP_FORM_STEP_YES) != 0)
    {
      g_set_error_literal (error, KP_SUBMISSION_ERROR, KP_SUBMISSION_ERROR_MISSING,
                           _ ("First give the object to a volunteer. Touch Help to call one."));
      return FALSE;
    }
  kp_found_item_set_receipt_confirmed (self->item, TRUE);
  return TRUE;
}

static gboolean
commit_ownership (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpFoundFlow *self = user_data;

  return kp_found_item_set_finder_wants_ownership (
      self->item, g_strcmp0 (answer, KP_FORM_STEP_YES) == 0, error);
}

static gboolean
wants_ownership (KpFormStep *step, gpointer user_data)
{
  KpFoundFlow *self = user_data;

  return !kp_found_item_is_document (self->item)
         && kp_found_item_get_finder_wants_ownership (self->item);
}

static gboolean
commit_finder_name (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpFoundFlow *self = user_data;

  return kp_found_item_set_finder_name (self->item, answer, error);
}

static gboolean
commit_finder_email (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpFoundFlow *self = user_data;

  return kp_found_item_set_finder_email (self->item, answer, error);
}

static gboolean
commit_finder_phone (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpFoundFlow *self = user_data;

  return kp_found_item_set_finder_phone (self->item, answer, error);
}

/* The label on the object: what it is and its reference, nothing about the finder. */
static KpSlip *
build_label (KpFoundFlow *self, const char *reference)
{
  KpSlip *label = kp_slip_new_for_kiosk (self->config, _ ("Found object"), reference);
  const KpFoundItemColour *colour = kp_found_item_get_colour (self->item);
  const GDate *found_on = kp_found_item_get_found_on (self->item);

  kp_slip_add_line (label, _ ("What"),
                    kp_found_item_kind_get_label (kp_found_item_get_object_kind (self->item)));
  if (colour != NULL)
    kp_slip_add_line (label, _ ("Colour"), kp_found_item_colour_get_label (colour));
  if (found_on != NULL)
    {
      g_autofree char *day = kp_date_text_format_day (found_on);

      kp_slip_add_line (label, _ ("Found on"), day);
    }
  return label;
}

static void
on_label_printed (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpPrintResult) printed
      = kp_printer_print_finish (KP_PRINTER (source_object), result, &error);

  /* The receipt page tells the resident how printing goes; the label's fate is for the volunteer. */
  if (printed == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("The object's label was not printed: %s", error->message);
}

static void
print_label (KpFoundFlow *self, const char *reference, GCancellable *cancellable)
{
  g_autoptr (KpSlip) label = build_label (self, reference);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) pdf
      = kp_slip_render_pdf (label, kp_printer_get_layout (self->printer), &error);
  g_autofree char *job_name = NULL;

  if (pdf == NULL)
    {
      g_message ("The object's label could not be made: %s", error->message);
      return;
    }
  /* Its own job name: the finder's receipt carries the bare reference. */
  job_name = g_strconcat (reference, "-label", NULL);
  kp_printer_print_async (self->printer, pdf, job_name, cancellable, on_label_printed, NULL);
}

/* The receipt is for the finder; a handed-in object also gets its label. */
static void
on_sent (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) outer = user_data;
  KpFoundFlow *self = g_task_get_task_data (outer);
  g_autoptr (GError) error = NULL;
  GtkWidget *receipt = g_task_propagate_pointer (G_TASK (result), &error);

  if (receipt == NULL)
    {
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }
  if (kp_found_item_get_custody (self->item) == KP_FOUND_ITEM_HANDED_IN)
    print_label (self, kp_slip_get_reference (kp_receipt_page_get_slip (KP_RECEIPT_PAGE (receipt))),
                 g_task_get_cancellable (outer));
  g_task_return_pointer (outer, receipt, g_object_unref);
}

static void
send (KpFormFlow *flow, GTask *task, gpointer user_data)
{
  KpFoundFlow *self = user_data;
  /* The same source as @task: kp_submission_send() counts the submission on the flow's window. */
  g_autoptr (GTask) inner = g_task_new (
      g_task_get_source_object (task), g_task_get_cancellable (task), on_sent, g_object_ref (task));

  g_task_set_task_data (task, self, NULL);
  kp_submission_send (inner, KP_SUBMISSION (self->item), self->outbox, self->config, self->printer,
                      _ ("Found object reported"),
                      _ ("Thank you. We have received your report of a found object."), NULL, NULL);
}

/* After what it is and its colour, a found object's own details. */
static void
add_object_steps (KpFoundFlow *self)
{
  KpFormStep *step;

  kp_object_steps_add_what (self->object_steps, self->flow, _ ("What did you find?"));

  step
      = kp_form_flow_add_step (self->flow, kp_form_step_new_entry ("brand", _ ("What brand is it?"),
                                                                   GTK_INPUT_PURPOSE_FREE_FORM));
  kp_form_step_set_explanation (step, _ ("Only if you can see it. Otherwise touch Skip this "
                                         "question."));
  kp_form_step_set_summary_label (step, _ ("Brand"));
  kp_form_step_set_optional (step, TRUE);
  kp_form_step_set_condition_func (step, is_not_document, self, NULL);
  kp_form_step_set_commit_func (step, commit_brand, self, NULL);

  step = kp_form_flow_add_step (
      self->flow, kp_form_step_new_text ("marks", _ ("Does it have something special?"),
                                         KP_FOUND_ITEM_MARKS_MAX));
  kp_form_step_set_explanation (step, _ ("For example a sticker, a key ring or a scratch. The "
                                         "owner must tell us this to get it back. Others do not "
                                         "see it."));
  kp_form_step_set_summary_label (step, _ ("Special marks"));
  kp_form_step_set_optional (step, TRUE);
  kp_form_step_set_condition_func (step, is_not_document, self, NULL);
  kp_form_step_set_commit_func (step, commit_marks, self, NULL);
}

static void
add_custody_steps (KpFoundFlow *self)
{
  KpFormStep *step;

  step = kp_form_flow_add_step (
      self->flow, kp_form_step_new_choices ("custody", _ ("Do you hand it in here?")));
  kp_form_step_set_summary_label (step, _ ("Where is it now"));
  kp_form_step_add_choice (step, CUSTODY_HERE, "kp-pictogram-here",
                           _ ("Yes, I give it to the volunteer here"), NULL);
  kp_form_step_add_choice (step, CUSTODY_KEPT, "kp-pictogram-house",
                           _ ("No, I keep it safe at home"), NULL);
  kp_form_step_set_condition_func (step, is_not_document, self, NULL);
  kp_form_step_set_commit_func (step, commit_custody, self, NULL);

  step = kp_form_flow_add_step (
      self->flow,
      kp_form_step_new_yes_no ("handed-in", _ ("Volunteer: do you have the object now?"),
                               _ ("Yes, I have it"), _ ("No, not yet")));
  kp_form_step_set_explanation (step, _ ("The volunteer touches Yes when the object is in their "
                                         "hands. ID cards, passports and bank cards are always "
                                         "handed in here."));
  kp_form_step_set_summary_label (step, _ ("Handed in"));
  kp_form_step_set_condition_func (step, is_handed_in, self, NULL);
  kp_form_step_set_commit_func (step, commit_receipt, self, NULL);
}

static void
add_finder_steps (KpFoundFlow *self)
{
  g_auto (GStrv) rights = kp_found_item_dup_finder_rights (self->config);
  g_autofree char *explanation = g_strjoinv ("\n\n", rights);
  KpFormStep *step;

  step = kp_form_flow_add_step (
      self->flow,
      kp_form_step_new_yes_no ("ownership",
                               _ ("Do you want the object if nobody asks for it within a year?"),
                               _ ("Yes, I want it"), _ ("No, I do not want it")));
  kp_form_step_set_explanation (step, explanation);
  kp_form_step_set_summary_label (step, _ ("You want to become the owner"));
  kp_form_step_set_condition_func (step, is_not_document, self, NULL);
  kp_form_step_set_commit_func (step, commit_ownership, self, NULL);

  step = kp_form_flow_add_step (
      self->flow,
      kp_form_step_new_entry ("finder-name", _ ("What is your name?"), GTK_INPUT_PURPOSE_NAME));
  kp_form_step_set_summary_label (step, _ ("Your name"));
  kp_form_step_set_condition_func (step, wants_ownership, self, NULL);
  kp_form_step_set_commit_func (step, commit_finder_name, self, NULL);

  step = kp_form_flow_add_step (
      self->flow, kp_form_step_new_entry ("finder-email", _ ("What is your e-mail address?"),
                                          GTK_INPUT_PURPOSE_EMAIL));
  kp_form_step_set_explanation (step, _ ("We need an e-mail address or a phone number, so the "
                                         "municipality can reach you."));
  kp_form_step_set_summary_label (step, _ ("E-mail"));
  kp_form_step_set_optional (step, TRUE);
  kp_form_step_set_condition_func (step, wants_ownership, self, NULL);
  kp_form_step_set_commit_func (step, commit_finder_email, self, NULL);

  step = kp_form_flow_add_step (
      self->flow, kp_form_step_new_entry ("finder-phone", _ ("What is your phone number?"),
                                          GTK_INPUT_PURPOSE_PHONE));
  kp_form_step_set_summary_label (step, _ ("Phone"));
  kp_form_step_set_optional (step, TRUE);
  kp_form_step_set_condition_func (step, wants_ownership, self, NULL);
  kp_form_step_set_commit_func (step, commit_finder_phone, self, NULL);
}

static void
kp_found_flow_dispose (GObject *object)
{
  KpFoundFlow *self = KP_FOUND_FLOW (object);

  /* The flow's steps call back into this object: they go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  self->flow = NULL;
  g_clear_object (&self->place_steps);
  g_clear_object (&self->object_steps);
  g_clear_object (&self->item);
  g_clear_object (&self->printer);
  g_clear_object (&self->outbox);
  g_clear_object (&self->config);

  G_OBJECT_CLASS (kp_found_flow_parent_class)->dispose (object);
}

static void
kp_found_flow_class_init (KpFoundFlowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kp_found_flow_dispose;
}

static void
kp_found_flow_init (KpFoundFlow *self)
{
}

GtkWidget *
kp_found_flow_new (KpConfig *config, KpOutbox *outbox, KpPrinter *printer)
{
  KpFoundFlow *self;
  g_autoptr (KpAddressBook) book = NULL;

  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);
  g_return_val_if_fail (KP_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (KP_IS_PRINTER (printer), NULL);

  self = g_object_new (KP_TYPE_FOUND_FLOW, NULL);
  self->config = g_object_ref (config);
  self->outbox = g_object_ref (outbox);
  self->printer = g_object_ref (printer);
  self->item = kp_found_item_new ();
  self->object_steps = kp_object_steps_new (&object_steps_model, self->item);
  book = kp_place_steps_load_address_book ();
  self->place_steps = kp_place_steps_new (config, book);
  self->flow = KP_FORM_FLOW (kp_form_flow_new (_ ("I found something")));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->flow));

  add_object_steps (self);
  kp_place_steps_add_to (self->place_steps, self->flow, _ ("Where did you find it?"), on_place,
                         self);
  kp_object_steps_add_when (self->object_steps, self->flow, _ ("When did you find it?"));
  add_custody_steps (self);
  add_finder_steps (self);
  kp_form_flow_set_send_func (self->flow, _ ("Send report"), send, self, NULL);
  return GTK_WIDGET (self);
}
