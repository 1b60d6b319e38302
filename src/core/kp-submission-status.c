/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-submission-status.h"

#include "kp-case-status-text.h"
#include "kp-reference.h"

#include <string.h>

#include <glib/gi18n-lib.h>

struct _KpSubmissionStatus
{
  GObject parent_instance;

  char *reference;
  char *kind;
  char *case_id;
  char *case_number;  /* nullable: none a person could read */
  char *backend;      /* nullable: no case system to ask */
  GPtrArray *history; /* of KpStatusStep, oldest first */
};

G_DEFINE_FINAL_TYPE (KpSubmissionStatus, kp_submission_status, G_TYPE_OBJECT)

void
kp_status_step_free (KpStatusStep *step)
{
  if (step == NULL)
    return;
  g_free (step->status);
  g_free (step->text);
  g_free (step);
}

/* What a status word of the case system means for the resident. (transfer full) */
static char *
dup_status_text (const char *status)
{
  if (g_str_equal (status, KP_SUBMISSION_STATUS_SAVED))
    return g_strdup (_ ("Saved at the information point. It goes to the municipality soon."));
  if (g_str_equal (status, KP_SUBMISSION_STATUS_PROBLEM))
    return g_strdup (_ ("It could not be sent to the municipality. Please ask a volunteer for "
                        "help."));
  if (g_str_equal (status, KP_CASE_STATUS_RECEIVED))
    return g_strdup (_ ("The municipality has received it."));
  if (g_str_equal (status, KP_CASE_STATUS_IN_PROGRESS))
    return g_strdup (_ ("The municipality is working on it."));
  if (g_str_equal (status, KP_CASE_STATUS_DONE))
    return g_strdup (_ ("The municipality has finished it."));
  /* TRANSLATORS: a status word from the municipality's case system that we have no words for */
  return g_strdup_printf (_ ("The municipality says: %s"), status);
}

/* (transfer full) @text */
static void
add_step_with_text (KpSubmissionStatus *self, gint64 at, const char *status, char *text)
{
  KpStatusStep *step = g_new0 (KpStatusStep, 1);

  step->at = at;
  step->status = g_strdup (status);
  step->text = text;
  g_ptr_array_add (self->history, step);
}

static void
add_step (KpSubmissionStatus *self, gint64 at, const char *status)
{
  add_step_with_text (self, at, status, dup_status_text (status));
}

/*
 * Whether @number is one a resident can read out and a case worker can
 * find: not a link or a uuid, which mean nothing to a person, and not
 * our own reference again, which the resident typed a moment ago.
 */
static gboolean
is_for_people (KpSubmissionStatus *self, const char *number)
{
  return number != NULL && *number != '\0' && !g_uuid_string_is_valid (number)
         && strstr (number, "://") == NULL && g_ascii_strcasecmp (number, self->reference) != 0;
}

/*
 * The case system to ask and the number it gave the case, read from what
 * the delivery stored. A delivered row that no case system has went to
 * the embedded register, whose case id (ZAAK-2026-000123) is made to be
 * read out over the phone.
 */
static gboolean
find_case_system (KpSubmissionStatus *self, KpOutbox *outbox, KpOutboxItem *item, GError **error)
{
  g_autoptr (KpStatusRequests) requests = kp_status_requests_new (kp_outbox_get_store (outbox));
  g_autoptr (GError) local_error = NULL;
  g_autoptr (KpRemoteCase) remote_case
      = kp_status_requests_find_case (requests, self->reference, &local_error);
  const char *number;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (remote_case != NULL)
    number = remote_case->number;
  else if (kp_outbox_item_get_state (item) == KP_OUTBOX_STATE_DELIVERED)
    number = kp_outbox_item_get_remote_id (item);
  else
    number = NULL;
  self->backend = remote_case != NULL ? g_strdup (remote_case->backend) : NULL;
  self->case_number = is_for_people (self, number) ? g_strdup (number) : NULL;
  return TRUE;
}

static gboolean
is_own_word (const char *status)
{
  return g_str_equal (status, KP_CASE_STATUS_RECEIVED)
         || g_str_equal (status, KP_CASE_STATUS_IN_PROGRESS)
         || g_str_equal (status, KP_CASE_STATUS_DONE);
}

/*
 * A case in a remote system: the status it answered with at delivery when
 * that is one of our words, else simply received. A case system's own
 * word ("OPEN") is never shown raw; what it says now comes through
 * kernpunt-syncd, in B1 (kp_submission_status_add_case_status()).
 */
static void
add_remote_step (KpSubmissionStatus *self, KpOutboxItem *item)
{
  const char *remote_status = kp_outbox_item_get_remote_status (item);

  add_step (self, kp_outbox_item_get_delivered_at (item),
            remote_status != NULL && is_own_word (remote_status) ? remote_status
                                                                 : KP_CASE_STATUS_RECEIVED);
}

/*
 * After delivery: the case's own history in the embedded register, or,
 * when the case lives elsewhere (no register, or one that never had it),
 * the status it answered with.
 */
static gboolean
add_case_steps (KpSubmissionStatus *self,
                KpOutboxItem *item,
                KpLocalRegister *local_register,
                GError **error)
{
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GError) local_error = NULL;

  if (local_register == NULL)
    {
      add_remote_step (self, item);
      return TRUE;
    }
  changes = kp_local_register_list_history (local_register, self->reference, &local_error);
  if (g_error_matches (local_error, KP_LOCAL_REGISTER_ERROR, KP_LOCAL_REGISTER_ERROR_NOT_FOUND))
    {
      add_remote_step (self, item);
      return TRUE;
    }
  if (changes == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  for (guint i = 0; i < changes->len; i++)
    {
      KpCaseStatusChange *change = g_ptr_array_index (changes, i);

      add_step (self, change->changed_at, change->status);
    }
  return TRUE;
}

static gboolean
build_history (KpSubmissionStatus *self,
               KpOutboxItem *item,
               KpLocalRegister *local_register,
               GError **error)
{
  add_step (self, kp_outbox_item_get_created_at (item), KP_SUBMISSION_STATUS_SAVED);
  switch (kp_outbox_item_get_state (item))
    {
      case KP_OUTBOX_STATE_PENDING:
      case KP_OUTBOX_STATE_DELIVERING:
        return TRUE;
      case KP_OUTBOX_STATE_REJECTED:
        /* The outbox keeps no time of the refusal. */
        add_step (self, 0, KP_SUBMISSION_STATUS_PROBLEM);
        return TRUE;
      case KP_OUTBOX_STATE_DELIVERED:
        return add_case_steps (self, item, local_register, error);
      default:
        g_return_val_if_reached (FALSE);
    }
}

/*
 * "It goes to the municipality soon" is true only while it has not gone:
 * once a later step follows, the first one says just what happened then.
 */
static void
settle_saved_step (KpSubmissionStatus *self)
{
  KpStatusStep *saved = g_ptr_array_index (self->history, 0);

  if (self->history->len < 2)
    return;
  g_free (saved->text);
  saved->text = g_strdup (_ ("Saved at the information point."));
}

static void
kp_submission_status_finalize (GObject *object)
{
  KpSubmissionStatus *self = KP_SUBMISSION_STATUS (object);

  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->backend, g_free);
  g_clear_pointer (&self->case_number, g_free);
  g_clear_pointer (&self->case_id, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->reference, g_free);

  G_OBJECT_CLASS (kp_submission_status_parent_class)->finalize (object);
}

static void
kp_submission_status_class_init (KpSubmissionStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kp_submission_status_finalize;
}

static void
kp_submission_status_init (KpSubmissionStatus *self)
{
  self->history = g_ptr_array_new_with_free_func ((GDestroyNotify) kp_status_step_free);
}

/* (transfer full) */
KpSubmissionStatus *
kp_submission_status_lookup (KpOutbox *outbox,
                             KpLocalRegister *local_register,
                             const char *typed_reference,
                             GError **error)
{
  g_autoptr (KpSubmissionStatus) self = NULL;
  g_autoptr (KpOutboxItem) item = NULL;
  g_autofree char *reference = NULL;

  g_return_val_if_fail (KP_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (local_register == NULL || KP_IS_LOCAL_REGISTER (local_register), NULL);
  g_return_val_if_fail (typed_reference != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  reference = kp_reference_normalize (typed_reference, error);
  if (reference == NULL)
    return NULL;
  item = kp_outbox_lookup (outbox, reference, error);
  if (item == NULL)
    return NULL;

  self = g_object_new (KP_TYPE_SUBMISSION_STATUS, NULL);
  self->reference = g_steal_pointer (&reference);
  self->kind = g_strdup (kp_outbox_item_get_kind (item));
  self->case_id = g_strdup (kp_outbox_item_get_remote_id (item));
  if (!build_history (self, item, local_register, error)
      || !find_case_system (self, outbox, item, error))
    return NULL;
  settle_saved_step (self);
  return g_steal_pointer (&self);
}

const char *
kp_submission_status_get_reference (KpSubmissionStatus *self)
{
  g_return_val_if_fail (KP_IS_SUBMISSION_STATUS (self), NULL);

  return self->reference;
}

const char *
kp_submission_status_get_kind (KpSubmissionStatus *self)
{
  g_return_val_if_fail (KP_IS_SUBMISSION_STATUS (self), NULL);

  return self->kind;
}

/* (nullable) */
const char *
kp_submission_status_get_case_id (KpSubmissionStatus *self)
{
  g_return_val_if_fail (KP_IS_SUBMISSION_STATUS (self), NULL);

  return self->case_id;
}

/* (nullable) */
const char *
kp_submission_status_get_case_number (KpSubmissionStatus *self)
{
  g_return_val_if_fail (KP_IS_SUBMISSION_STATUS (self), NULL);

  return self->case_number;
}

static KpStatusStep *
get_latest (KpSubmissionStatus *self)
{
  return g_ptr_array_index (self->history, self->history->len - 1);
}

const char *
kp_submission_status_get_status (KpSubmissionStatus *self)
{
  g_return_val_if_fail (KP_IS_SUBMISSION_STATUS (self), NULL);

  return get_latest (self)->status;
}

/* (transfer none) */
const char *
kp_submission_status_get_text (KpSubmissionStatus *self)
{
  g_return_val_if_fail (KP_IS_SUBMISSION_STATUS (self), NULL);

  return get_latest (self)->text;
}

/* (element-type KpStatusStep) (transfer none) */
GPtrArray *
kp_submission_status_get_history (KpSubmissionStatus *self)
{
  g_return_val_if_fail (KP_IS_SUBMISSION_STATUS (self), NULL);

  return self->history;
}

/* (nullable) */
const char *
kp_submission_status_get_backend (KpSubmissionStatus *self)
{
  g_return_val_if_fail (KP_IS_SUBMISSION_STATUS (self), NULL);

  return self->backend;
}

void
kp_submission_status_add_case_status (KpSubmissionStatus *self,
                                      KpConfig *config,
                                      const KpCaseStatus *known)
{
  g_return_if_fail (KP_IS_SUBMISSION_STATUS (self));
  g_return_if_fail (KP_IS_CONFIG (config));
  g_return_if_fail (known != NULL);

  if (known->checked_at <= 0 || known->status == NULL)
    return;
  add_step_with_text (self, known->checked_at, known->status,
                      kp_case_status_text_dup (config, known->status, NULL));
  settle_saved_step (self);
}
