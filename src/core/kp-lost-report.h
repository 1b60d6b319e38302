/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib-object.h>

#include "kp-found-item.h"
#include "kp-submission.h"

G_BEGIN_DECLS

/*
 * An object someone lost and did not find in the register of found
 * objects (KpFoundRegister): what it is, what it looks like, where and
 * when it was lost, and how the municipality can reach the owner.
 * Implements KpSubmission with kind "lost". The object kinds and colours
 * are those of KpFoundItem, so a lost and a found report can be matched.
 */

#define KP_LOST_REPORT_KIND "lost"

#define KP_LOST_REPORT_FIELD_OBJECT      "object"
#define KP_LOST_REPORT_FIELD_COLOUR      "colour"
#define KP_LOST_REPORT_FIELD_BRAND       "brand"
#define KP_LOST_REPORT_FIELD_DESCRIPTION "description"
#define KP_LOST_REPORT_FIELD_PLACE       "place"
#define KP_LOST_REPORT_FIELD_DATE        "date"
#define KP_LOST_REPORT_FIELD_NAME        "name"
#define KP_LOST_REPORT_FIELD_EMAIL       "email"
#define KP_LOST_REPORT_FIELD_PHONE       "phone"

#define KP_LOST_REPORT_DESCRIPTION_MAX 300
#define KP_LOST_REPORT_PLACE_MAX       200

#define KP_TYPE_LOST_REPORT (kp_lost_report_get_type ())
G_DECLARE_FINAL_TYPE (KpLostReport, kp_lost_report, KP, LOST_REPORT, GObject)

/* (transfer full) */
KpLostReport *kp_lost_report_new (void);

gboolean kp_lost_report_set_object_kind (KpLostReport *self, const char *slug, GError **error);
const KpFoundItemKind *kp_lost_report_get_object_kind (KpLostReport *self);
/* A colour slug, or NULL for "I do not know". */
gboolean kp_lost_report_set_colour (KpLostReport *self, const char *slug, GError **error);
const KpFoundItemColour *kp_lost_report_get_colour (KpLostReport *self);
/* Optional texts, stored exactly as given. */
gboolean kp_lost_report_set_brand (KpLostReport *self, const char *brand, GError **error);
const char *kp_lost_report_get_brand (KpLostReport *self);
gboolean kp_lost_report_set_description (KpLostReport *self, const char *text, GError **error);
const char *kp_lost_report_get_description (KpLostReport *self);
/* Where the owner thinks it was lost, in their own words ("on the bus to the market"). */
gboolean kp_lost_report_set_place (KpLostReport *self, const char *text, GError **error);
const char *kp_lost_report_get_place (KpLostReport *self);
/* Not in the future, at most KP_FOUND_ITEM_MAX_DAYS_AGO days ago. */
gboolean kp_lost_report_set_lost_on (KpLostReport *self, const GDate *date, GError **error);
const GDate *kp_lost_report_get_lost_on (KpLostReport *self);

/* Required: the owner's name (kp-validate). */
gboolean kp_lost_report_set_name (KpLostReport *self, const char *name, GError **error);
const char *kp_lost_report_get_name (KpLostReport *self);
/*
 * An e-mail address and/or a phone number: kp_submission_validate() asks
 * for at least one. NULL, "" or only spaces clears.
 */
gboolean kp_lost_report_set_email (KpLostReport *self, const char *email, GError **error);
gboolean kp_lost_report_set_phone (KpLostReport *self, const char *phone, GError **error);
const char *kp_lost_report_get_email (KpLostReport *self);
const char *kp_lost_report_get_phone (KpLostReport *self);

G_END_DECLS
