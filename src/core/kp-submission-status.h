/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib-object.h>

#include "kp-config.h"
#include "kp-local-register.h"
#include "kp-outbox.h"
#include "kp-status-requests.h"

G_BEGIN_DECLS

/*
 * What a resident who comes back with a slip sees: where their submission
 * is now and what happened to it, in B1. Built from the outbox row and,
 * once delivered, the case's status history in the case register.
 */

/* The steps before the case system has it, as stable words for scripts and screens. */
#define KP_SUBMISSION_STATUS_SAVED   "saved"
#define KP_SUBMISSION_STATUS_PROBLEM "problem"

/* One step in the history, oldest first. */
typedef struct
{
  gint64 at;    /* microseconds since the epoch; 0 when not known */
  char *status; /* a stable word for scripts: "received", "sent", "in-progress", ... */
  char *text;   /* the step in B1, in the current gettext language */
} KpStatusStep;

void kp_status_step_free (KpStatusStep *step);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KpStatusStep, kp_status_step_free)

#define KP_TYPE_SUBMISSION_STATUS (kp_submission_status_get_type ())
G_DECLARE_FINAL_TYPE (KpSubmissionStatus, kp_submission_status, KP, SUBMISSION_STATUS, GObject)

/*
 * Looks up what a resident typed or scanned: normalised with
 * kp_reference_normalize(), so a typo is caught by the check character
 * (KP_REFERENCE_ERROR_CHECK) and "kp 7h3q 9mxc" works. A well-formed
 * reference this kiosk does not know gives KP_OUTBOX_ERROR_NOT_FOUND.
 * @local_register may be NULL when the cases live in a remote system.
 * Blocks on the database. (transfer full)
 */
KpSubmissionStatus *kp_submission_status_lookup (KpOutbox *outbox,
                                                 KpLocalRegister *local_register,
                                                 const char *typed_reference,
                                                 GError **error);

const char *kp_submission_status_get_reference (KpSubmissionStatus *self);
const char *kp_submission_status_get_kind (KpSubmissionStatus *self);
/* The case system's id of the case (a link or uuid, for staff), or NULL before delivery. */
const char *kp_submission_status_get_case_id (KpSubmissionStatus *self);
/*
 * The case system's number for the case as a resident may read it
 * ("SIA-123", "ZAAK-2026-000123"); NULL when it has none, or only a link,
 * a uuid or our own reference again.
 */
const char *kp_submission_status_get_case_number (KpSubmissionStatus *self);
/* The latest step's stable word, e.g. "in-progress". */
const char *kp_submission_status_get_status (KpSubmissionStatus *self);
/* The latest step in B1: "The municipality is working on it." (transfer none) */
const char *kp_submission_status_get_text (KpSubmissionStatus *self);
/* (element-type KpStatusStep) (transfer none): oldest first, never empty */
GPtrArray *kp_submission_status_get_history (KpSubmissionStatus *self);
/*
 * The case system that has the case now ("zgw", "signalen",
 * "klantinteracties"), to ask for its status through kernpunt-syncd; NULL
 * when there is none to ask: not delivered yet, or in the embedded
 * register, whose history is already here. (nullable)
 */
const char *kp_submission_status_get_backend (KpSubmissionStatus *self);
/*
 * Adds what the case system said at @known's last answer as the latest
 * step, in B1 through @config's [case-status] texts (kp-case-status-text.h).
 * Does nothing when it never answered.
 */
void kp_submission_status_add_case_status (KpSubmissionStatus *self,
                                           KpConfig *config,
                                           const KpCaseStatus *known);

G_END_DECLS
