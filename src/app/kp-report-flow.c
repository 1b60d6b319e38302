/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-report-flow.h"

#include "kp-form-flow.h"
#include "kp-photo-input.h"
#include "kp-place-steps.h"
#include "kp-report.h"
#include "kp-submission-send.h"

#include <glib/gi18n.h>

struct _KpReportFlow
{
  AdwBin parent_instance;

  KpConfig *config;
  KpOutbox *outbox;
  KpPrinter *printer;
  KpCamera *camera; /* (nullable): no camera, no photo step */
  KpReport *report;
  KpPlaceSteps *place_steps;
  KpFormFlow *flow;
  char *main_slug; /* (nullable): the main category chosen */
};

G_DEFINE_FINAL_TYPE (KpReportFlow, kp_report_flow, ADW_TYPE_BIN)

static char *
pictogram_icon (const char *pictogram)
{
  return g_strconcat ("kp-pictogram-", pictogram, NULL);
}

static void
add_category_choice (KpFormStep *step, const KpReportCategory *category)
{
  g_autofree char *icon = pictogram_icon (category->pictogram);

  kp_form_step_add_choice (step, category->slug, icon, kp_report_category_get_label (category),
                           NULL);
}

/* A new main category asks for its sub category afresh. */
static gboolean
commit_main_category (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpReportFlow *self = user_data;

  if (g_strcmp0 (answer, self->main_slug) != 0)
    kp_form_step_reset (kp_form_flow_get_step (self->flow, "subcategory"));
  g_free (self->main_slug);
  self->main_slug = g_strdup (answer);
  return TRUE;
}

static void
prepare_sub_categories (KpFormStep *step, gpointer user_data)
{
  KpReportFlow *self = user_data;
  g_autoptr (GPtrArray) subs = kp_report_category_list_sub (self->config, self->main_slug);

  kp_form_step_clear_choices (step);
  for (guint i = 0; i < subs->len; i++)
    add_category_choice (step, g_ptr_array_index (subs, i));
}

static gboolean
commit_sub_category (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpReportFlow *self = user_data;

  return kp_report_set_category (self->report, self->main_slug, answer, error);
}

static void
on_place (const KpPlace *place, gpointer user_data)
{
  KpReportFlow *self = user_data;

  kp_report_set_place (self->report, place);
}

static gboolean
commit_description (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpReportFlow *self = user_data;

  return kp_report_set_description (self->report, answer, error);
}

/* Skipping drops a photo taken before, from the report and from the screen. */
static gboolean
commit_photo (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpReportFlow *self = user_data;
  KpPhotoInput *input = KP_PHOTO_INPUT (kp_form_step_get_custom_input (step));

  if (answer == NULL)
    {
      kp_photo_input_forget (input);
      return kp_report_set_photo (self->report, NULL, error);
    }
  return kp_report_set_photo (self->report, kp_photo_input_get_photo (input), error);
}

static char *
summarize_photo (KpFormStep *step, gpointer user_data)
{
  KpReportFlow *self = user_data;

  return g_strdup (kp_report_get_photo (self->report) != NULL ? _ ("Yes") : _ ("No"));
}

/* Not wanting to hear back means no contact details are kept at all. */
static gboolean
commit_keep_informed (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpReportFlow *self = user_data;

  if (g_strcmp0 (answer, KP_FORM_STEP_YES) == 0)
    return TRUE;
  kp_report_set_consent (self->report, FALSE);
  return kp_report_set_email (self->report, NULL, error)
         && kp_report_set_phone (self->report, NULL, error);
}

static gboolean
wants_to_hear_back (KpFormStep *step, gpointer user_data)
{
  KpReportFlow *self = user_data;
  KpFormStep *keep_informed = kp_form_flow_get_step (self->flow, "keep-informed");

  return g_strcmp0 (kp_form_step_get_answer (keep_informed), KP_FORM_STEP_YES) == 0;
}

static gboolean
commit_email (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpReportFlow *self = user_data;

  return kp_report_set_email (self->report, answer, error);
}

static char *
summarize_email (KpFormStep *step, gpointer user_data)
{
  KpReportFlow *self = user_data;

  return g_strdup (kp_report_get_email (self->report));
}

static gboolean
commit_phone (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpReportFlow *self = user_data;

  return kp_report_set_phone (self->report, answer, error);
}

static char *
summarize_phone (KpFormStep *step, gpointer user_data)
{
  KpReportFlow *self = user_data;

  return g_strdup (kp_report_get_phone (self->report));
}

static gboolean
asks_consent (KpFormStep *step, gpointer user_data)
{
  KpReportFlow *self = user_data;

  return wants_to_hear_back (step, self)
         && (kp_report_get_email (self->report) != NULL
             || kp_report_get_phone (self->report) != NULL);
}

/* "No" takes the contact details away again: nothing is kept without consent. */
static gboolean
commit_consent (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpReportFlow *self = user_data;
  gboolean consent = g_strcmp0 (answer, KP_FORM_STEP_YES) == 0;

  kp_report_set_consent (self->report, consent);
  if (consent)
    return TRUE;
  return kp_report_set_email (self->report, NULL, error)
         && kp_report_set_phone (self->report, NULL, error);
}

static void
send (KpFormFlow *flow, GTask *task, gpointer user_data)
{
  KpReportFlow *self = user_data;

  kp_submission_send (task, KP_SUBMISSION (self->report), self->outbox, self->config, self->printer,
                      _ ("Report received"), _ ("Thank you. We have received your report."), NULL,
                      NULL);
}

static void
add_category_steps (KpReportFlow *self)
{
  g_autoptr (GPtrArray) mains = kp_report_category_list_main (self->config);
  KpFormStep *step;

  step = kp_form_flow_add_step (
      self->flow, kp_form_step_new_choices ("category", _ ("What is the problem about?")));
  kp_form_step_set_explanation (step, _ ("Touch the picture that fits best."));
  kp_form_step_set_summary_label (step, _ ("Kind of problem"));
  for (guint i = 0; i < mains->len; i++)
    add_category_choice (step, g_ptr_array_index (mains, i));
  kp_form_step_set_commit_func (step, commit_main_category, self, NULL);

  step = kp_form_flow_add_step (
      self->flow, kp_form_step_new_choices ("subcategory", _ ("What is the problem?")));
  kp_form_step_set_explanation (step, _ ("Touch the picture that fits best."));
  kp_form_step_set_summary_label (step, _ ("Problem"));
  kp_form_step_set_prepare_func (step, prepare_sub_categories, self, NULL);
  kp_form_step_set_commit_func (step, commit_sub_category, self, NULL);
}

static void
add_description_step (KpReportFlow *self)
{
  g_autofree char *explanation = NULL;
  KpFormStep *step;

  step = kp_form_flow_add_step (
      self->flow,
      kp_form_step_new_text ("description", _ ("What do you see?"), KP_REPORT_DESCRIPTION_MAX));
  explanation = g_strdup_printf (_ ("Write in a few words what is wrong. Use at least %d "
                                    "letters. Do not write your name here."),
                                 KP_REPORT_DESCRIPTION_MIN);
  kp_form_step_set_explanation (step, explanation);
  kp_form_step_set_summary_label (step, _ ("What you see"));
  kp_form_step_set_commit_func (step, commit_description, self, NULL);
}

/* Only a kiosk with a camera has this step; the input runs the camera only while on screen. */
static void
add_photo_step (KpReportFlow *self)
{
  KpFormStep *step;

  if (self->camera == NULL)
    return;
  step = kp_form_flow_add_step (self->flow,
                                kp_form_step_new_custom ("photo", _ ("Do you want to add a photo?"),
                                                         kp_photo_input_new (self->camera)));
  kp_form_step_set_explanation (
      step, _ ("The photo goes to the municipality with your report. Take a photo of the "
               "problem. Try to keep people's faces and number plates out of the photo."));
  kp_form_step_set_summary_label (step, _ ("Photo"));
  kp_form_step_set_optional (step, TRUE);
  kp_form_step_set_commit_func (step, commit_photo, self, NULL);
  kp_form_step_set_summary_func (step, summarize_photo, self, NULL);
}

static void
add_contact_steps (KpReportFlow *self)
{
  KpFormStep *step;

  step = kp_form_flow_add_step (
      self->flow, kp_form_step_new_yes_no (
                      "keep-informed", _ ("Do you want to hear what happens with your report?"),
                      _ ("Yes, keep me informed"), _ ("No, that is not needed")));
  kp_form_step_set_explanation (step, _ ("The municipality can send you a message when they "
                                         "work on your report. You do not have to give your "
                                         "details."));
  kp_form_step_set_summary_label (step, _ ("Keep me informed"));
  kp_form_step_set_commit_func (step, commit_keep_informed, self, NULL);

  step = kp_form_flow_add_step (self->flow,
                                kp_form_step_new_entry ("email", _ ("What is your e-mail address?"),
                                                        GTK_INPUT_PURPOSE_EMAIL));
  kp_form_step_set_explanation (step, _ ("For example: name@example.nl. No e-mail? Touch Skip "
                                         "this question."));
  kp_form_step_set_summary_label (step, _ ("E-mail"));
  kp_form_step_set_optional (step, TRUE);
  kp_form_step_set_condition_func (step, wants_to_hear_back, self, NULL);
  kp_form_step_set_commit_func (step, commit_email, self, NULL);
  kp_form_step_set_summary_func (step, summarize_email, self, NULL);

  step = kp_form_flow_add_step (
      self->flow,
      kp_form_step_new_entry ("phone", _ ("What is your phone number?"), GTK_INPUT_PURPOSE_PHONE));
  kp_form_step_set_explanation (step, _ ("For example: 06 12345678. No phone? Touch Skip this "
                                         "question."));
  kp_form_step_set_summary_label (step, _ ("Phone"));
  kp_form_step_set_optional (step, TRUE);
  kp_form_step_set_condition_func (step, wants_to_hear_back, self, NULL);
  kp_form_step_set_commit_func (step, commit_phone, self, NULL);
  kp_form_step_set_summary_func (step, summarize_phone, self, NULL);

  step = kp_form_flow_add_step (
      self->flow, kp_form_step_new_yes_no ("consent", _ ("May the municipality keep your details?"),
                                           _ ("Yes, that is fine"), _ ("No, do not keep them")));
  kp_form_step_set_explanation (
      step, _ ("The municipality uses your e-mail or phone number only to tell you about this "
               "report. This computer deletes them as soon as the municipality has your report."));
  kp_form_step_set_summary_label (step, _ ("You agree"));
  kp_form_step_set_condition_func (step, asks_consent, self, NULL);
  kp_form_step_set_commit_func (step, commit_consent, self, NULL);
}

static void
kp_report_flow_dispose (GObject *object)
{
  KpReportFlow *self = KP_REPORT_FLOW (object);

  /* The flow's steps call back into this object: they go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  self->flow = NULL;
  g_clear_object (&self->place_steps);
  g_clear_object (&self->report);
  g_clear_object (&self->camera);
  g_clear_object (&self->printer);
  g_clear_object (&self->outbox);
  g_clear_object (&self->config);
  g_clear_pointer (&self->main_slug, g_free);

  G_OBJECT_CLASS (kp_report_flow_parent_class)->dispose (object);
}

static void
kp_report_flow_class_init (KpReportFlowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kp_report_flow_dispose;
}

static void
kp_report_flow_init (KpReportFlow *self)
{
}

GtkWidget *
kp_report_flow_new (KpConfig *config, KpOutbox *outbox, KpPrinter *printer, KpCamera *camera)
{
  KpReportFlow *self;
  g_autoptr (KpAddressBook) book = NULL;

  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);
  g_return_val_if_fail (KP_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (KP_IS_PRINTER (printer), NULL);
  g_return_val_if_fail (camera == NULL || KP_IS_CAMERA (camera), NULL);

  self = g_object_new (KP_TYPE_REPORT_FLOW, NULL);
  self->config = g_object_ref (config);
  self->outbox = g_object_ref (outbox);
  self->printer = g_object_ref (printer);
  g_set_object (&self->camera, camera);
  self->report = kp_report_new (config);
  book = kp_place_steps_load_address_book ();
  self->place_steps = kp_place_steps_new (config, book);
  self->flow = KP_FORM_FLOW (kp_form_flow_new (_ ("Report a problem outside")));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->flow));

  add_category_steps (self);
  kp_place_steps_add_to (self->place_steps, self->flow, _ ("Where is the problem?"), on_place,
                         self);
  add_description_step (self);
  add_photo_step (self);
  add_contact_steps (self);
  kp_form_flow_set_send_func (self->flow, _ ("Send report"), send, self, NULL);
  kp_form_flow_set_check_note (self->flow, _ ("Touch Send report when everything is right. You "
                                              "get a slip with a number to follow your report."));
  return GTK_WIDGET (self);
}
