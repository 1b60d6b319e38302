/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-report.h"

#include "kp-submission-private.h"
#include "kp-validate.h"

#include <glib/gi18n-lib.h>
#include <string.h>

struct _KpReport
{
  GObject parent_instance;

  KpConfig *config;
  const KpReportCategory *main_category;
  const KpReportCategory *sub_category;
  KpPlace *place;
  char *description;
  KpAttachment *photo;
  char *email;
  char *phone;
  gboolean consent;
};

static void kp_report_submission_init (KpSubmissionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KpReport,
                               kp_report,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KP_TYPE_SUBMISSION,
                                                      kp_report_submission_init))

/* The first bytes of each image format we accept, and its type. */
static const struct
{
  const char *magic;
  gsize length;
  const char *content_type;
  const char *name;
} photo_formats[] = {
  { "\x89PNG\r\n\x1a\n", 8, "image/png", "photo.png" },
  { "\xff\xd8\xff", 3, "image/jpeg", "photo.jpg" },
};

static gboolean
is_offered (KpReport *self, const KpReportCategory *sub)
{
  g_autoptr (GPtrArray) offered = kp_report_category_list_sub (self->config, sub->parent);

  return g_ptr_array_find (offered, sub, NULL);
}

static gboolean
kp_report_validate (KpSubmission *submission, const char **field, GError **error)
{
  KpReport *self = KP_REPORT (submission);

  if (self->sub_category == NULL)
    return kp_submission_set_missing (field, KP_REPORT_FIELD_CATEGORY,
                                      _ ("Please choose what the problem is about."), error);
  if (self->place == NULL)
    return kp_submission_set_missing (field, KP_REPORT_FIELD_PLACE,
                                      _ ("Please tell us where the problem is."), error);
  if (self->description == NULL)
    return kp_submission_set_missing (field, KP_REPORT_FIELD_DESCRIPTION,
                                      _ ("Please describe the problem."), error);
  if ((self->email != NULL || self->phone != NULL) && !self->consent)
    return kp_submission_set_missing (
        field, KP_REPORT_FIELD_CONSENT,
        _ ("May we keep your e-mail address or phone number to tell you how it goes? Please say "
           "yes, or leave them out."),
        error);
  return TRUE;
}

static const char *
kp_report_get_kind (KpSubmission *submission)
{
  return KP_REPORT_KIND;
}

/*
 * The description is free text and may name people, so it is personal
 * along with the contact details. Without consent no contact is kept.
 */
static void
add_personal (KpReport *self, JsonBuilder *builder)
{
  json_builder_set_member_name (builder, KP_SUBMISSION_PERSONAL_MEMBER);
  json_builder_begin_object (builder);
  kp_submission_add_string (builder, "description", self->description);
  kp_submission_add_string (builder, "email", self->consent ? self->email : NULL);
  kp_submission_add_string (builder, "phone", self->consent ? self->phone : NULL);
  json_builder_end_object (builder);
}

static JsonNode *
kp_report_to_payload (KpSubmission *submission)
{
  KpReport *self = KP_REPORT (submission);
  g_autoptr (JsonBuilder) builder = kp_submission_begin_payload (KP_REPORT_KIND);

  kp_submission_add_string (builder, "main_category", self->main_category->slug);
  kp_submission_add_string (builder, "sub_category", self->sub_category->slug);
  json_builder_set_member_name (builder, "place");
  json_builder_add_value (builder, kp_place_to_json (self->place));
  kp_submission_add_boolean (builder, "photo", self->photo != NULL);
  kp_submission_add_boolean (builder, "keep_informed",
                             self->consent && (self->email != NULL || self->phone != NULL));
  add_personal (self, builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static GPtrArray *
kp_report_dup_attachments (KpSubmission *submission)
{
  KpReport *self = KP_REPORT (submission);
  GPtrArray *attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) kp_attachment_free);

  if (self->photo != NULL)
    g_ptr_array_add (attachments, kp_attachment_copy (self->photo));
  return attachments;
}

/* "Waste: Large waste on the street" (transfer full) */
static char *
dup_category_text (KpReport *self)
{
  if (self->sub_category == NULL)
    return NULL;
  /* TRANSLATORS: a main category and its sub category, e.g. "Waste: Container is full" */
  return g_strdup_printf (_ ("%s: %s"), kp_report_category_get_label (self->main_category),
                          kp_report_category_get_label (self->sub_category));
}

static GPtrArray *
kp_report_dup_lines (KpSubmission *submission)
{
  KpReport *self = KP_REPORT (submission);
  GPtrArray *lines = kp_submission_lines_new ();
  g_autofree char *category = dup_category_text (self);
  g_autofree char *place = self->place != NULL ? kp_place_dup_label (self->place) : NULL;

  kp_submission_lines_add (lines, KP_REPORT_FIELD_CATEGORY, _ ("What"), category);
  kp_submission_lines_add (lines, KP_REPORT_FIELD_PLACE, _ ("Where"), place);
  kp_submission_lines_add (lines, KP_REPORT_FIELD_DESCRIPTION, _ ("Description"),
                           self->description);
  kp_submission_lines_add (lines, KP_REPORT_FIELD_PHOTO, _ ("Photo"),
                           self->photo != NULL ? _ ("Yes") : NULL);
  kp_submission_lines_add_personal (lines, KP_REPORT_FIELD_EMAIL, _ ("E-mail"), self->email);
  kp_submission_lines_add_personal (lines, KP_REPORT_FIELD_PHONE, _ ("Phone"), self->phone);
  kp_submission_lines_add (lines, KP_REPORT_FIELD_CONSENT, _ ("Keep me informed"),
                           self->consent ? _ ("Yes") : _ ("No"));
  return lines;
}

static void
kp_report_submission_init (KpSubmissionInterface *iface)
{
  iface->get_kind = kp_report_get_kind;
  iface->validate = kp_report_validate;
  iface->to_payload = kp_report_to_payload;
  iface->dup_attachments = kp_report_dup_attachments;
  iface->dup_lines = kp_report_dup_lines;
}

static void
kp_report_finalize (GObject *object)
{
  KpReport *self = KP_REPORT (object);

  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->photo, kp_attachment_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->place, kp_place_free);
  g_clear_object (&self->config);

  G_OBJECT_CLASS (kp_report_parent_class)->finalize (object);
}

static void
kp_report_class_init (KpReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kp_report_finalize;
}

static void
kp_report_init (KpReport *self)
{
}

/* (transfer full) */
KpReport *
kp_report_new (KpConfig *config)
{
  KpReport *self;

  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);

  self = g_object_new (KP_TYPE_REPORT, NULL);
  self->config = g_object_ref (config);
  return self;
}

gboolean
kp_report_set_category (KpReport *self, const char *main_slug, const char *sub_slug, GError **error)
{
  const KpReportCategory *sub;

  g_return_val_if_fail (KP_IS_REPORT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  sub = kp_report_category_lookup (main_slug, sub_slug);
  if (sub == NULL || !is_offered (self, sub))
    {
      g_set_error_literal (error, KP_SUBMISSION_ERROR, KP_SUBMISSION_ERROR_INVALID,
                           _ ("Please choose one of the categories on the screen."));
      return FALSE;
    }
  self->main_category = kp_report_category_lookup_main (main_slug);
  self->sub_category = sub;
  return TRUE;
}

/* (nullable) (transfer none) */
const KpReportCategory *
kp_report_get_main_category (KpReport *self)
{
  g_return_val_if_fail (KP_IS_REPORT (self), NULL);

  return self->main_category;
}

/* (nullable) (transfer none) */
const KpReportCategory *
kp_report_get_sub_category (KpReport *self)
{
  g_return_val_if_fail (KP_IS_REPORT (self), NULL);

  return self->sub_category;
}

void
kp_report_set_place (KpReport *self, const KpPlace *place)
{
  g_return_if_fail (KP_IS_REPORT (self));
  g_return_if_fail (place != NULL);

  g_clear_pointer (&self->place, kp_place_free);
  self->place = kp_place_copy (place);
}

/* (nullable) (transfer none) */
const KpPlace *
kp_report_get_place (KpReport *self)
{
  g_return_val_if_fail (KP_IS_REPORT (self), NULL);

  return self->place;
}

gboolean
kp_report_set_description (KpReport *self, const char *description, GError **error)
{
  g_return_val_if_fail (KP_IS_REPORT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return kp_submission_take_checked (&self->description,
                                     kp_validate_text (description, KP_REPORT_DESCRIPTION_MIN,
                                                       KP_REPORT_DESCRIPTION_MAX, TRUE, error));
}

/* (nullable) */
const char *
kp_report_get_description (KpReport *self)
{
  g_return_val_if_fail (KP_IS_REPORT (self), NULL);

  return self->description;
}

static gboolean
find_photo_format (GBytes *data, guint *format)
{
  gsize size = 0;
  const guint8 *bytes = g_bytes_get_data (data, &size);

  for (guint i = 0; i < G_N_ELEMENTS (photo_formats); i++)
    {
      if (size > photo_formats[i].length
          && memcmp (bytes, photo_formats[i].magic, photo_formats[i].length) == 0)
        {
          *format = i;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
kp_report_set_photo (KpReport *self, GBytes *data, GError **error)
{
  guint format = 0;

  g_return_val_if_fail (KP_IS_REPORT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (data == NULL)
    {
      g_clear_pointer (&self->photo, kp_attachment_free);
      return TRUE;
    }
  if (g_bytes_get_size (data) > KP_REPORT_PHOTO_MAX_BYTES)
    {
      g_set_error (error, KP_SUBMISSION_ERROR, KP_SUBMISSION_ERROR_INVALID,
                   _ ("This photo is too big. It can be at most %d MB."),
                   KP_REPORT_PHOTO_MAX_BYTES / (1024 * 1024));
      return FALSE;
    }
  if (!find_photo_format (data, &format))
    {
      g_set_error_literal (error, KP_SUBMISSION_ERROR, KP_SUBMISSION_ERROR_INVALID,
                           _ ("This is not a photo we can send. Use a PNG or JPEG photo."));
      return FALSE;
    }
  g_clear_pointer (&self->photo, kp_attachment_free);
  self->photo = kp_attachment_new_from_bytes (photo_formats[format].name,
                                              photo_formats[format].content_type, data);
  return TRUE;
}

/* (nullable) (transfer none) */
const KpAttachment *
kp_report_get_photo (KpReport *self)
{
  g_return_val_if_fail (KP_IS_REPORT (self), NULL);

  return self->photo;
}

gboolean
kp_report_set_email (KpReport *self, const char *email, GError **error)
{
  g_return_val_if_fail (KP_IS_REPORT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return kp_submission_set_optional_checked (&self->email, email, kp_validate_email, error);
}

gboolean
kp_report_set_phone (KpReport *self, const char *phone, GError **error)
{
  g_return_val_if_fail (KP_IS_REPORT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return kp_submission_set_optional_checked (&self->phone, phone, kp_validate_phone, error);
}

void
kp_report_set_consent (KpReport *self, gboolean consent)
{
  g_return_if_fail (KP_IS_REPORT (self));

  self->consent = consent;
}

/* (nullable) */
const char *
kp_report_get_email (KpReport *self)
{
  g_return_val_if_fail (KP_IS_REPORT (self), NULL);

  return self->email;
}

/* (nullable) */
const char *
kp_report_get_phone (KpReport *self)
{
  g_return_val_if_fail (KP_IS_REPORT (self), NULL);

  return self->phone;
}

gboolean
kp_report_get_consent (KpReport *self)
{
  g_return_val_if_fail (KP_IS_REPORT (self), FALSE);

  return self->consent;
}
