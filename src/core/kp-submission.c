/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-submission-private.h"

#include "kp-validate.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

G_DEFINE_INTERFACE (KpSubmission, kp_submission, G_TYPE_OBJECT)

/* What a worker thread needs to write one submission: no model, only its results. */
typedef struct
{
  KpOutbox *outbox;
  char *kind;
  char *payload;
  GPtrArray *attachments;
} SubmitData;

/* Written out: clang-format would put spaces into G_DEFINE_QUARK's name. */
GQuark
kp_submission_error_quark (void)
{
  return g_quark_from_static_string ("kp-submission-error-quark");
}

static GPtrArray *
kp_submission_real_dup_attachments (KpSubmission *self)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) kp_attachment_free);
}

static void
kp_submission_default_init (KpSubmissionInterface *iface)
{
  iface->dup_attachments = kp_submission_real_dup_attachments;
}

static void
submit_data_free (SubmitData *data)
{
  g_clear_object (&data->outbox);
  g_clear_pointer (&data->kind, g_free);
  g_clear_pointer (&data->payload, g_free);
  g_clear_pointer (&data->attachments, g_ptr_array_unref);
  g_free (data);
}

void
kp_submission_line_free (KpSubmissionLine *line)
{
  if (line == NULL)
    return;
  g_free (line->label);
  g_free (line->value);
  g_free (line);
}

const char *
kp_submission_get_kind (KpSubmission *self)
{
  g_return_val_if_fail (KP_IS_SUBMISSION (self), NULL);

  return KP_SUBMISSION_GET_IFACE (self)->get_kind (self);
}

gboolean
kp_submission_validate (KpSubmission *self, const char **field, GError **error)
{
  const char *unused = NULL;

  g_return_val_if_fail (KP_IS_SUBMISSION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return KP_SUBMISSION_GET_IFACE (self)->validate (self, field != NULL ? field : &unused, error);
}

/* (transfer full) */
char *
kp_submission_dup_payload (KpSubmission *self)
{
  g_autoptr (JsonNode) payload = NULL;

  g_return_val_if_fail (KP_IS_SUBMISSION (self), NULL);

  payload = KP_SUBMISSION_GET_IFACE (self)->to_payload (self);
  return json_to_string (payload, FALSE);
}

/* (element-type KpAttachment) (transfer full) */
GPtrArray *
kp_submission_dup_attachments (KpSubmission *self)
{
  g_return_val_if_fail (KP_IS_SUBMISSION (self), NULL);

  return KP_SUBMISSION_GET_IFACE (self)->dup_attachments (self);
}

/* (element-type KpSubmissionLine) (transfer full) */
GPtrArray *
kp_submission_dup_lines (KpSubmission *self)
{
  g_return_val_if_fail (KP_IS_SUBMISSION (self), NULL);

  return KP_SUBMISSION_GET_IFACE (self)->dup_lines (self);
}

/*
 * Everything the outbox needs, taken from the model on the caller's
 * thread, so the model is never touched by a worker. (transfer full)
 */
static SubmitData *
prepare_submit (KpSubmission *self, KpOutbox *outbox, GError **error)
{
  SubmitData *data;

  if (!kp_submission_validate (self, NULL, error))
    return NULL;

  data = g_new0 (SubmitData, 1);
  data->outbox = g_object_ref (outbox);
  data->kind = g_strdup (kp_submission_get_kind (self));
  data->payload = kp_submission_dup_payload (self);
  data->attachments = kp_submission_dup_attachments (self);
  return data;
}

static char *
write_submission (SubmitData *data, GError **error)
{
  return kp_outbox_submit (data->outbox, data->kind, data->payload, data->attachments, error);
}

/* (transfer full) */
char *
kp_submission_submit (KpSubmission *self, KpOutbox *outbox, GError **error)
{
  SubmitData *data;
  char *reference;

  g_return_val_if_fail (KP_IS_SUBMISSION (self), NULL);
  g_return_val_if_fail (KP_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = prepare_submit (self, outbox, error);
  if (data == NULL)
    return NULL;
  reference = write_submission (data, error);
  submit_data_free (data);
  return reference;
}

static void
submit_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  char *reference = write_submission (task_data, &error);

  if (reference == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, reference, g_free);
}

void
kp_submission_submit_async (KpSubmission *self,
                            KpOutbox *outbox,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  GError *error = NULL;
  SubmitData *data;

  g_return_if_fail (KP_IS_SUBMISSION (self));
  g_return_if_fail (KP_IS_OUTBOX (outbox));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kp_submission_submit_async);
  data = prepare_submit (self, outbox, &error);
  if (data == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, data, (GDestroyNotify) submit_data_free);
  /* Once the write starts it finishes: a resident told "received" must really be received. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, submit_in_thread);
}

/* (transfer full) */
char *
kp_submission_submit_finish (KpSubmission *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (KP_IS_SUBMISSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* (transfer full) */
char *
kp_submission_payload_without_personal (const char *payload_json)
{
  g_autoptr (JsonNode) root = NULL;

  g_return_val_if_fail (payload_json != NULL, NULL);

  root = json_from_string (payload_json, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return g_strdup ("{}");
  /* Left byte for byte as it was when there is nothing to erase. */
  if (!json_object_has_member (json_node_get_object (root), KP_SUBMISSION_PERSONAL_MEMBER))
    return g_strdup (payload_json);
  json_object_remove_member (json_node_get_object (root), KP_SUBMISSION_PERSONAL_MEMBER);
  return json_to_string (root, FALSE);
}

/* ---- Shared by the models (kp-submission-private.h) ---- */

/* The payload's shape: a later change bumps it, so a case system can tell. */
#define PAYLOAD_VERSION 1

/* (transfer full) */
KpSubmissionLine *
kp_submission_line_new (const char *field, const char *label, const char *value)
{
  KpSubmissionLine *line = g_new0 (KpSubmissionLine, 1);

  line->field = field;
  line->label = g_strdup (label);
  line->value = g_strdup (value);
  return line;
}

/* (element-type KpSubmissionLine) (transfer full) */
GPtrArray *
kp_submission_lines_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) kp_submission_line_free);
}

void
kp_submission_lines_add (GPtrArray *lines, const char *field, const char *label, const char *value)
{
  g_ptr_array_add (lines, kp_submission_line_new (field, label, value));
}

void
kp_submission_lines_add_personal (GPtrArray *lines,
                                  const char *field,
                                  const char *label,
                                  const char *value)
{
  KpSubmissionLine *line = kp_submission_line_new (field, label, value);

  line->personal = TRUE;
  g_ptr_array_add (lines, line);
}

gboolean
kp_submission_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isspace (*p))
        return FALSE;
    }
  return TRUE;
}

gboolean
kp_submission_take_checked (char **field, char *checked)
{
  if (checked == NULL)
    return FALSE;
  g_free (*field);
  *field = checked;
  return TRUE;
}

gboolean
kp_submission_set_optional_text (
    char **field, const char *text, guint max_chars, gboolean multi_line, GError **error)
{
  if (kp_submission_is_blank (text))
    {
      g_clear_pointer (field, g_free);
      return TRUE;
    }
  return kp_submission_take_checked (field,
                                     kp_validate_text (text, 1, max_chars, multi_line, error));
}

gboolean
kp_submission_set_optional_checked (char **field,
                                    const char *text,
                                    char *(*check) (const char *, GError **),
                                    GError **error)
{
  if (kp_submission_is_blank (text))
    {
      g_clear_pointer (field, g_free);
      return TRUE;
    }
  return kp_submission_take_checked (field, check (text, error));
}

gboolean
kp_submission_set_missing (const char **field,
                           const char *field_id,
                           const char *message,
                           GError **error)
{
  *field = field_id;
  g_set_error_literal (error, KP_SUBMISSION_ERROR, KP_SUBMISSION_ERROR_MISSING, message);
  return FALSE;
}

void
kp_submission_get_today (GDate *today)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (today, 1);
  g_date_set_dmy (today, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
}

/* (transfer full) */
char *
kp_submission_format_iso_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

gboolean
kp_submission_parse_iso_date (const char *text, GDate *date)
{
  guint year = 0;
  guint month = 0;
  guint day = 0;
  char end = '\0';

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3
      || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

/* (transfer full) */
char *
kp_submission_format_date (const GDate *date)
{
  g_autoptr (GDateTime) noon = g_date_time_new_local (
      g_date_get_year (date), g_date_get_month (date), g_date_get_day (date), 12, 0, 0);

  /* TRANSLATORS: a date for residents, e.g. "Friday 27 November 2026"; see g_date_time_format() */
  return g_date_time_format (noon, _ ("%A %-d %B %Y"));
}

void
kp_submission_add_string (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

void
kp_submission_add_boolean (JsonBuilder *builder, const char *name, gboolean value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

/* (transfer full) */
JsonBuilder *
kp_submission_begin_payload (const char *kind)
{
  JsonBuilder *builder = json_builder_new ();

  json_builder_begin_object (builder);
  kp_submission_add_string (builder, "kind", kind);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, PAYLOAD_VERSION);
  return builder;
}
