/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib-object.h>

#include "kp-attachment.h"
#include "kp-config.h"
#include "kp-place.h"
#include "kp-report-category.h"
#include "kp-submission.h"

G_BEGIN_DECLS

/*
 * A report about a problem in public space (melding openbare ruimte,
 * MOR): what (category), where, a description, an optional photo and,
 * when the resident wants to hear back, an e-mail address or phone number
 * with their explicit consent. Implements KpSubmission with kind "report".
 *
 * Each setter checks its answer and, when it is wrong, leaves the report
 * as it was and sets a KP_SUBMISSION_ERROR (or the validator's error) with
 * a B1 message for the resident.
 */

#define KP_REPORT_KIND "report"

/* Field ids, for KpSubmissionLine and kp_submission_validate(). */
#define KP_REPORT_FIELD_CATEGORY    "category"
#define KP_REPORT_FIELD_PLACE       "place"
#define KP_REPORT_FIELD_DESCRIPTION "description"
#define KP_REPORT_FIELD_PHOTO       "photo"
#define KP_REPORT_FIELD_EMAIL       "email"
#define KP_REPORT_FIELD_PHONE       "phone"
#define KP_REPORT_FIELD_CONSENT     "consent"

/* The description's length, in characters (not counting spaces around it). */
#define KP_REPORT_DESCRIPTION_MIN 10
#define KP_REPORT_DESCRIPTION_MAX 1000
/* Bigger photos are refused: a phone camera's photo is well below this. */
#define KP_REPORT_PHOTO_MAX_BYTES (8 * 1024 * 1024)

#define KP_TYPE_REPORT (kp_report_get_type ())
G_DECLARE_FINAL_TYPE (KpReport, kp_report, KP, REPORT, GObject)

/* The categories offered and "here" come from @config. (transfer full) */
KpReport *kp_report_new (KpConfig *config);

/* A sub category of a main category that @config offers. */
gboolean kp_report_set_category (KpReport *self,
                                 const char *main_slug,
                                 const char *sub_slug,
                                 GError **error);
/* (nullable) (transfer none) */
const KpReportCategory *kp_report_get_main_category (KpReport *self);
const KpReportCategory *kp_report_get_sub_category (KpReport *self);

/* Copies @place. */
void kp_report_set_place (KpReport *self, const KpPlace *place);
/* (nullable) (transfer none) */
const KpPlace *kp_report_get_place (KpReport *self);

/* Stored exactly as given; judged on its length without the spaces around it. */
gboolean kp_report_set_description (KpReport *self, const char *description, GError **error);
const char *kp_report_get_description (KpReport *self);

/*
 * A PNG or JPEG photo (recognised by its bytes, not its name) of at most
 * KP_REPORT_PHOTO_MAX_BYTES. NULL @data removes the photo.
 */
gboolean kp_report_set_photo (KpReport *self, GBytes *data, GError **error);
/* (nullable) (transfer none) */
const KpAttachment *kp_report_get_photo (KpReport *self);

/*
 * How to keep the resident informed: an e-mail address and/or a phone
 * number, checked with kp-validate; NULL, "" or only spaces for none.
 * When either is given, kp_submission_validate() asks for the consent to
 * keep it (field "consent"). Neither means "do not keep me informed".
 */
gboolean kp_report_set_email (KpReport *self, const char *email, GError **error);
gboolean kp_report_set_phone (KpReport *self, const char *phone, GError **error);
void kp_report_set_consent (KpReport *self, gboolean consent);
/* (nullable): as kp-validate returns them */
const char *kp_report_get_email (KpReport *self);
const char *kp_report_get_phone (KpReport *self);
gboolean kp_report_get_consent (KpReport *self);

G_END_DECLS
