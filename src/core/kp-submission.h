/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "kp-outbox.h"

G_BEGIN_DECLS

/*
 * What every kind of submission (a report about public space, a found or
 * lost object, a call-back request) offers the one form flow, the check
 * screen, the receipt and kernpunt-ctl. Each field is set by its own
 * setter on the model, which checks it at once and explains in B1 what is
 * wrong; kp_submission_validate() then says which required answer is
 * still missing.
 *
 * The payload written to the outbox is a JSON object:
 *   { "kind": ..., "version": 1, <answers that name nobody>,
 *     "personal": { <names, contact details, free text> } }
 * Everything that may identify a person sits under "personal", so that
 * it can be erased whole once the case system has it
 * (kp_submission_payload_without_personal()).
 */

#define KP_SUBMISSION_ERROR (kp_submission_error_quark ())

typedef enum
{
  KP_SUBMISSION_ERROR_MISSING, /* a required answer is not given */
  KP_SUBMISSION_ERROR_INVALID, /* an answer of the wrong form; the message says what is expected */
  KP_SUBMISSION_ERROR_NOT_ALLOWED, /* an answer this case may not have (e.g. a document kept by the finder) */
} KpSubmissionError;

/* The member of the payload that holds everything personal. */
#define KP_SUBMISSION_PERSONAL_MEMBER "personal"

/* One answer, for the check screen and the receipt. */
typedef struct
{
  const char *field; /* the field id, e.g. KP_REPORT_FIELD_CATEGORY: which step changes it */
  char *label;       /* the question in short, translated: "Where" */
  char *value;       /* the answer as shown, or NULL when not given */
  gboolean personal; /* a name, phone number or e-mail address: said aloud only with consent */
} KpSubmissionLine;

void kp_submission_line_free (KpSubmissionLine *line);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KpSubmissionLine, kp_submission_line_free)

#define KP_TYPE_SUBMISSION (kp_submission_get_type ())
G_DECLARE_INTERFACE (KpSubmission, kp_submission, KP, SUBMISSION, GObject)

struct _KpSubmissionInterface
{
  GTypeInterface parent_iface;

  const char *(*get_kind) (KpSubmission *self);
  gboolean (*validate) (KpSubmission *self, const char **field, GError **error);
  JsonNode *(*to_payload) (KpSubmission *self);
  GPtrArray *(*dup_attachments) (KpSubmission *self);
  GPtrArray *(*dup_lines) (KpSubmission *self);
};

GQuark kp_submission_error_quark (void);

/* "report", "found", "lost" or "callback": the outbox row's kind. */
const char *kp_submission_get_kind (KpSubmission *self);
/*
 * Checks that every required answer is given. On failure @field (optional)
 * is set to the id of the first field to fill in, and @error explains it
 * in B1.
 */
gboolean kp_submission_validate (KpSubmission *self, const char **field, GError **error);
/* The payload described above. Only for a valid submission. (transfer full) */
char *kp_submission_dup_payload (KpSubmission *self);
/* (element-type KpAttachment) (transfer full): empty when there are none */
GPtrArray *kp_submission_dup_attachments (KpSubmission *self);
/* Every answer in the order of the questions. (element-type KpSubmissionLine) (transfer full) */
GPtrArray *kp_submission_dup_lines (KpSubmission *self);

/*
 * Validates, then writes the submission to @outbox in one transaction and
 * returns its reference. Blocks on the database: from the UI use the
 * async version. (transfer full)
 */
char *kp_submission_submit (KpSubmission *self, KpOutbox *outbox, GError **error);
void kp_submission_submit_async (KpSubmission *self,
                                 KpOutbox *outbox,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data);
char *kp_submission_submit_finish (KpSubmission *self, GAsyncResult *result, GError **error);

/*
 * @payload_json without its "personal" member: what stays in the kiosk's
 * database after delivery. A payload that is no JSON object becomes "{}".
 * (transfer full)
 */
char *kp_submission_payload_without_personal (const char *payload_json);

G_END_DECLS
