/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-lost-report.h"

#include "kp-submission-private.h"
#include "kp-validate.h"

#include <glib/gi18n-lib.h>

struct _KpLostReport
{
  GObject parent_instance;

  const KpFoundItemKind *object_kind;
  const KpFoundItemColour *colour;
  char *brand;
  char *description;
  char *place;
  GDate lost_on;
  char *name;
  char *email;
  char *phone;
};

static void kp_lost_report_submission_init (KpSubmissionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KpLostReport,
                               kp_lost_report,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KP_TYPE_SUBMISSION,
                                                      kp_lost_report_submission_init))

static gboolean
kp_lost_report_validate (KpSubmission *submission, const char **field, GError **error)
{
  KpLostReport *self = KP_LOST_REPORT (submission);

  if (self->object_kind == NULL)
    return kp_submission_set_missing (field, KP_LOST_REPORT_FIELD_OBJECT,
                                      _ ("Please choose what you lost."), error);
  if (!g_date_valid (&self->lost_on))
    return kp_submission_set_missing (field, KP_LOST_REPORT_FIELD_DATE,
                                      _ ("Please choose the day you lost it."), error);
  if (self->name == NULL)
    return kp_submission_set_missing (field, KP_LOST_REPORT_FIELD_NAME,
                                      _ ("Please fill in your name."), error);
  if (self->email == NULL && self->phone == NULL)
    return kp_submission_set_missing (field, KP_LOST_REPORT_FIELD_PHONE,
                                      _ ("Please give your phone number or e-mail address, so "
                                         "the municipality can reach you."),
                                      error);
  return TRUE;
}

static const char *
kp_lost_report_get_kind (KpSubmission *submission)
{
  return KP_LOST_REPORT_KIND;
}

/* The owner's own words may name people and places they live; the contact is theirs. */
static void
add_personal (KpLostReport *self, JsonBuilder *builder)
{
  json_builder_set_member_name (builder, KP_SUBMISSION_PERSONAL_MEMBER);
  json_builder_begin_object (builder);
  kp_submission_add_string (builder, "description", self->description);
  kp_submission_add_string (builder, "place", self->place);
  kp_submission_add_string (builder, "name", self->name);
  kp_submission_add_string (builder, "email", self->email);
  kp_submission_add_string (builder, "phone", self->phone);
  json_builder_end_object (builder);
}

static JsonNode *
kp_lost_report_to_payload (KpSubmission *submission)
{
  KpLostReport *self = KP_LOST_REPORT (submission);
  g_autoptr (JsonBuilder) builder = kp_submission_begin_payload (KP_LOST_REPORT_KIND);
  g_autofree char *lost_on = kp_submission_format_iso_date (&self->lost_on);

  kp_submission_add_string (builder, "object", self->object_kind->slug);
  kp_submission_add_string (builder, "colour", self->colour != NULL ? self->colour->slug : NULL);
  kp_submission_add_string (builder, "brand", self->brand);
  kp_submission_add_string (builder, "lost_on", lost_on);
  add_personal (self, builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static GPtrArray *
kp_lost_report_dup_lines (KpSubmission *submission)
{
  KpLostReport *self = KP_LOST_REPORT (submission);
  GPtrArray *lines = kp_submission_lines_new ();
  g_autofree char *date
      = g_date_valid (&self->lost_on) ? kp_submission_format_date (&self->lost_on) : NULL;

  kp_submission_lines_add (
      lines, KP_LOST_REPORT_FIELD_OBJECT, _ ("What"),
      self->object_kind != NULL ? kp_found_item_kind_get_label (self->object_kind) : NULL);
  kp_submission_lines_add (lines, KP_LOST_REPORT_FIELD_COLOUR, _ ("Colour"),
                           self->colour != NULL ? kp_found_item_colour_get_label (self->colour)
                                                : NULL);
  kp_submission_lines_add (lines, KP_LOST_REPORT_FIELD_BRAND, _ ("Brand"), self->brand);
  kp_submission_lines_add (lines, KP_LOST_REPORT_FIELD_DESCRIPTION, _ ("Description"),
                           self->description);
  kp_submission_lines_add (lines, KP_LOST_REPORT_FIELD_PLACE, _ ("Where lost"), self->place);
  kp_submission_lines_add (lines, KP_LOST_REPORT_FIELD_DATE, _ ("When lost"), date);
  kp_submission_lines_add_personal (lines, KP_LOST_REPORT_FIELD_NAME, _ ("Name"), self->name);
  kp_submission_lines_add_personal (lines, KP_LOST_REPORT_FIELD_EMAIL, _ ("E-mail"), self->email);
  kp_submission_lines_add_personal (lines, KP_LOST_REPORT_FIELD_PHONE, _ ("Phone"), self->phone);
  return lines;
}

static void
kp_lost_report_submission_init (KpSubmissionInterface *iface)
{
  iface->get_kind = kp_lost_report_get_kind;
  iface->validate = kp_lost_report_validate;
  iface->to_payload = kp_lost_report_to_payload;
  iface->dup_lines = kp_lost_report_dup_lines;
}

static void
kp_lost_report_finalize (GObject *object)
{
  KpLostReport *self = KP_LOST_REPORT (object);

  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->place, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->brand, g_free);

  G_OBJECT_CLASS (kp_lost_report_parent_class)->finalize (object);
}

static void
kp_lost_report_class_init (KpLostReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kp_lost_report_finalize;
}

static void
kp_lost_report_init (KpLostReport *self)
{
  g_date_clear (&self->lost_on, 1);
}

/* (transfer full) */
KpLostReport *
kp_lost_report_new (void)
{
  return g_object_new (KP_TYPE_LOST_REPORT, NULL);
}

gboolean
kp_lost_report_set_object_kind (KpLostReport *self, const char *slug, GError **error)
{
  const KpFoundItemKind *kind;

  g_return_val_if_fail (KP_IS_LOST_REPORT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  kind = kp_found_item_check_kind (slug, error);
  if (kind == NULL)
    return FALSE;
  self->object_kind = kind;
  return TRUE;
}

/* (nullable) (transfer none) */
const KpFoundItemKind *
kp_lost_report_get_object_kind (KpLostReport *self)
{
  g_return_val_if_fail (KP_IS_LOST_REPORT (self), NULL);

  return self->object_kind;
}

gboolean
kp_lost_report_set_colour (KpLostReport *self, const char *slug, GError **error)
{
  g_return_val_if_fail (KP_IS_LOST_REPORT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return kp_found_item_check_colour (slug, &self->colour, error);
}

/* (nullable) (transfer none) */
const KpFoundItemColour *
kp_lost_report_get_colour (KpLostReport *self)
{
  g_return_val_if_fail (KP_IS_LOST_REPORT (self), NULL);

  return self->colour;
}

gboolean
kp_lost_report_set_brand (KpLostReport *self, const char *brand, GError **error)
{
  g_return_val_if_fail (KP_IS_LOST_REPORT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return kp_submission_set_optional_text (&self->brand, brand, KP_FOUND_ITEM_BRAND_MAX, FALSE,
                                          error);
}

/* (nullable) */
const char *
kp_lost_report_get_brand (KpLostReport *self)
{
  g_return_val_if_fail (KP_IS_LOST_REPORT (self), NULL);

  return self->brand;
}

gboolean
kp_lost_report_set_description (KpLostReport *self, const char *text, GError **error)
{
  g_return_val_if_fail (KP_IS_LOST_REPORT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return kp_submission_set_optional_text (&self->description, text, KP_LOST_REPORT_DESCRIPTION_MAX,
                                          TRUE, error);
}

/* (nullable) */
const char *
kp_lost_report_get_description (KpLostReport *self)
{
  g_return_val_if_fail (KP_IS_LOST_REPORT (self), NULL);

  return self->description;
}

gboolean
kp_lost_report_set_place (KpLostReport *self, const char *text, GError **error)
{
  g_return_val_if_fail (KP_IS_LOST_REPORT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return kp_submission_set_optional_text (&self->place, text, KP_LOST_REPORT_PLACE_MAX, FALSE,
                                          error);
}

/* (nullable) */
const char *
kp_lost_report_get_place (KpLostReport *self)
{
  g_return_val_if_fail (KP_IS_LOST_REPORT (self), NULL);

  return self->place;
}

gboolean
kp_lost_report_set_lost_on (KpLostReport *self, const GDate *date, GError **error)
{
  GDate today;

  g_return_val_if_fail (KP_IS_LOST_REPORT (self), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  kp_submission_get_today (&today);
  if (!kp_validate_recent_date (date, &today, KP_FOUND_ITEM_MAX_DAYS_AGO, error))
    return FALSE;
  self->lost_on = *date;
  return TRUE;
}

/* (nullable) (transfer none) */
const GDate *
kp_lost_report_get_lost_on (KpLostReport *self)
{
  g_return_val_if_fail (KP_IS_LOST_REPORT (self), NULL);

  return g_date_valid (&self->lost_on) ? &self->lost_on : NULL;
}

gboolean
kp_lost_report_set_name (KpLostReport *self, const char *name, GError **error)
{
  g_return_val_if_fail (KP_IS_LOST_REPORT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return kp_submission_take_checked (&self->name, kp_validate_name (name, error));
}

/* (nullable) */
const char *
kp_lost_report_get_name (KpLostReport *self)
{
  g_return_val_if_fail (KP_IS_LOST_REPORT (self), NULL);

  return self->name;
}

gboolean
kp_lost_report_set_email (KpLostReport *self, const char *email, GError **error)
{
  g_return_val_if_fail (KP_IS_LOST_REPORT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return kp_submission_set_optional_checked (&self->email, email, kp_validate_email, error);
}

gboolean
kp_lost_report_set_phone (KpLostReport *self, const char *phone, GError **error)
{
  g_return_val_if_fail (KP_IS_LOST_REPORT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return kp_submission_set_optional_checked (&self->phone, phone, kp_validate_phone, error);
}

/* (nullable) */
const char *
kp_lost_report_get_email (KpLostReport *self)
{
  g_return_val_if_fail (KP_IS_LOST_REPORT (self), NULL);

  return self->email;
}

/* (nullable) */
const char *
kp_lost_report_get_phone (KpLostReport *self)
{
  g_return_val_if_fail (KP_IS_LOST_REPORT (self), NULL);

  return self->phone;
}
