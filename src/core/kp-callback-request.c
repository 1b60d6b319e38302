/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-callback-request.h"

#include "kp-submission-private.h"
#include "kp-validate.h"
#include "kp-working-days.h"

#include <glib/gi18n-lib.h>

struct _KpCallbackRequest
{
  GObject parent_instance;

  GDate requested_on;
  GDate promised_on;
  char *subject;
  char *name;
  char *phone;
  KpPartOfDay part_of_day;
};

static void kp_callback_request_submission_init (KpSubmissionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KpCallbackRequest,
                               kp_callback_request,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KP_TYPE_SUBMISSION,
                                                      kp_callback_request_submission_init))

static const char *const part_of_day_names[] = { "any", "morning", "afternoon" };

/* ---- Parts of the day ---- */

const char *
kp_part_of_day_to_string (KpPartOfDay part)
{
  g_return_val_if_fail (part < G_N_ELEMENTS (part_of_day_names), NULL);

  return part_of_day_names[part];
}

gboolean
kp_part_of_day_from_string (const char *text, KpPartOfDay *part)
{
  g_return_val_if_fail (part != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (part_of_day_names); i++)
    {
      if (g_str_equal (text, part_of_day_names[i]))
        {
          *part = (KpPartOfDay) i;
          return TRUE;
        }
    }
  return FALSE;
}

/* (transfer none) */
const char *
kp_part_of_day_get_label (KpPartOfDay part)
{
  switch (part)
    {
      case KP_PART_OF_DAY_ANY:
        return _ ("Any time of the day");
      case KP_PART_OF_DAY_MORNING:
        return _ ("In the morning (9:00 - 12:00)");
      case KP_PART_OF_DAY_AFTERNOON:
        return _ ("In the afternoon (12:00 - 17:00)");
      default:
        g_return_val_if_reached (NULL);
    }
}

/* ---- KpSubmission ---- */

static gboolean
kp_callback_request_validate (KpSubmission *submission, const char **field, GError **error)
{
  KpCallbackRequest *self = KP_CALLBACK_REQUEST (submission);

  if (self->subject == NULL)
    return kp_submission_set_missing (field, KP_CALLBACK_REQUEST_FIELD_SUBJECT,
                                      _ ("Please tell us what the call is about."), error);
  if (self->name == NULL)
    return kp_submission_set_missing (field, KP_CALLBACK_REQUEST_FIELD_NAME,
                                      _ ("Please fill in your name."), error);
  if (self->phone == NULL)
    return kp_submission_set_missing (field, KP_CALLBACK_REQUEST_FIELD_PHONE,
                                      _ ("Please fill in your phone number."), error);
  return TRUE;
}

static const char *
kp_callback_request_get_kind (KpSubmission *submission)
{
  return KP_CALLBACK_REQUEST_KIND;
}

static JsonNode *
kp_callback_request_to_payload (KpSubmission *submission)
{
  KpCallbackRequest *self = KP_CALLBACK_REQUEST (submission);
  g_autoptr (JsonBuilder) builder = kp_submission_begin_payload (KP_CALLBACK_REQUEST_KIND);
  g_autofree char *requested_on = kp_submission_format_iso_date (&self->requested_on);
  g_autofree char *promised_on = kp_submission_format_iso_date (&self->promised_on);

  kp_submission_add_string (builder, "part_of_day", kp_part_of_day_to_string (self->part_of_day));
  kp_submission_add_string (builder, "requested_on", requested_on);
  kp_submission_add_string (builder, "call_before_end_of", promised_on);
  /* The subject is the resident's own words and may say anything about them. */
  json_builder_set_member_name (builder, KP_SUBMISSION_PERSONAL_MEMBER);
  json_builder_begin_object (builder);
  kp_submission_add_string (builder, "subject", self->subject);
  kp_submission_add_string (builder, "name", self->name);
  kp_submission_add_string (builder, "phone", self->phone);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static GPtrArray *
kp_callback_request_dup_lines (KpSubmission *submission)
{
  KpCallbackRequest *self = KP_CALLBACK_REQUEST (submission);
  GPtrArray *lines = kp_submission_lines_new ();
  g_autofree char *promised = kp_submission_format_date (&self->promised_on);

  kp_submission_lines_add (lines, KP_CALLBACK_REQUEST_FIELD_SUBJECT, _ ("About"), self->subject);
  kp_submission_lines_add_personal (lines, KP_CALLBACK_REQUEST_FIELD_NAME, _ ("Name"), self->name);
  kp_submission_lines_add_personal (lines, KP_CALLBACK_REQUEST_FIELD_PHONE, _ ("Phone"),
                                    self->phone);
  kp_submission_lines_add (lines, KP_CALLBACK_REQUEST_FIELD_PART_OF_DAY, _ ("When"),
                           kp_part_of_day_get_label (self->part_of_day));
  /* Not an answer to change, so no field: the promise that goes on the slip. */
  kp_submission_lines_add (lines, NULL, _ ("We call you at the latest on"), promised);
  return lines;
}

static void
kp_callback_request_submission_init (KpSubmissionInterface *iface)
{
  iface->get_kind = kp_callback_request_get_kind;
  iface->validate = kp_callback_request_validate;
  iface->to_payload = kp_callback_request_to_payload;
  iface->dup_lines = kp_callback_request_dup_lines;
}

/* ---- The request ---- */

static void
kp_callback_request_finalize (GObject *object)
{
  KpCallbackRequest *self = KP_CALLBACK_REQUEST (object);

  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->subject, g_free);

  G_OBJECT_CLASS (kp_callback_request_parent_class)->finalize (object);
}

static void
kp_callback_request_class_init (KpCallbackRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kp_callback_request_finalize;
}

static void
kp_callback_request_init (KpCallbackRequest *self)
{
}

/* (transfer full) */
KpCallbackRequest *
kp_callback_request_new (const GDate *today)
{
  KpCallbackRequest *self;
  g_autoptr (GDate) promised = NULL;

  g_return_val_if_fail (today == NULL || g_date_valid (today), NULL);

  self = g_object_new (KP_TYPE_CALLBACK_REQUEST, NULL);
  if (today != NULL)
    self->requested_on = *today;
  else
    kp_submission_get_today (&self->requested_on);
  promised = kp_working_days_add (&self->requested_on, KP_CALLBACK_REQUEST_WORKING_DAYS);
  self->promised_on = *promised;
  return self;
}

gboolean
kp_callback_request_set_subject (KpCallbackRequest *self, const char *subject, GError **error)
{
  g_return_val_if_fail (KP_IS_CALLBACK_REQUEST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return kp_submission_take_checked (
      &self->subject, kp_validate_text (subject, KP_CALLBACK_REQUEST_SUBJECT_MIN,
                                        KP_CALLBACK_REQUEST_SUBJECT_MAX, TRUE, error));
}

/* (nullable) */
const char *
kp_callback_request_get_subject (KpCallbackRequest *self)
{
  g_return_val_if_fail (KP_IS_CALLBACK_REQUEST (self), NULL);

  return self->subject;
}

gboolean
kp_callback_request_set_name (KpCallbackRequest *self, const char *name, GError **error)
{
  g_return_val_if_fail (KP_IS_CALLBACK_REQUEST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return kp_submission_take_checked (&self->name, kp_validate_name (name, error));
}

/* (nullable) */
const char *
kp_callback_request_get_name (KpCallbackRequest *self)
{
  g_return_val_if_fail (KP_IS_CALLBACK_REQUEST (self), NULL);

  return self->name;
}

gboolean
kp_callback_request_set_phone (KpCallbackRequest *self, const char *phone, GError **error)
{
  g_return_val_if_fail (KP_IS_CALLBACK_REQUEST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return kp_submission_take_checked (&self->phone, kp_validate_phone (phone, error));
}

/* (nullable) */
const char *
kp_callback_request_get_phone (KpCallbackRequest *self)
{
  g_return_val_if_fail (KP_IS_CALLBACK_REQUEST (self), NULL);

  return self->phone;
}

void
kp_callback_request_set_part_of_day (KpCallbackRequest *self, KpPartOfDay part)
{
  g_return_if_fail (KP_IS_CALLBACK_REQUEST (self));
  g_return_if_fail (part <= KP_PART_OF_DAY_AFTERNOON);

  self->part_of_day = part;
}

KpPartOfDay
kp_callback_request_get_part_of_day (KpCallbackRequest *self)
{
  g_return_val_if_fail (KP_IS_CALLBACK_REQUEST (self), KP_PART_OF_DAY_ANY);

  return self->part_of_day;
}

/* (transfer none) */
const GDate *
kp_callback_request_get_promised_date (KpCallbackRequest *self)
{
  g_return_val_if_fail (KP_IS_CALLBACK_REQUEST (self), NULL);

  return &self->promised_on;
}

/* (transfer full) */
char *
kp_callback_request_dup_promise (KpCallbackRequest *self)
{
  g_autofree char *date = NULL;

  g_return_val_if_fail (KP_IS_CALLBACK_REQUEST (self), NULL);

  date = kp_submission_format_date (&self->promised_on);
  /* TRANSLATORS: %d is the number of working days, %s a date like "Tuesday 1 December 2026" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "We call you within %d working day: at the latest on %s.",
                                       "We call you within %d working days: at the latest on %s.",
                                       KP_CALLBACK_REQUEST_WORKING_DAYS),
                          KP_CALLBACK_REQUEST_WORKING_DAYS, date);
}
