/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib-object.h>

#include "kp-submission.h"

G_BEGIN_DECLS

/*
 * "Call me back": what about, who, which number, and when in the day suits
 * the resident. The municipality promises to call within
 * KP_CALLBACK_REQUEST_WORKING_DAYS working days (kp-working-days.h); the
 * date is computed from the day the request is made. Implements
 * KpSubmission with kind "callback".
 */

#define KP_CALLBACK_REQUEST_KIND "callback"

#define KP_CALLBACK_REQUEST_FIELD_SUBJECT     "subject"
#define KP_CALLBACK_REQUEST_FIELD_NAME        "name"
#define KP_CALLBACK_REQUEST_FIELD_PHONE       "phone"
#define KP_CALLBACK_REQUEST_FIELD_PART_OF_DAY "part-of-day"

#define KP_CALLBACK_REQUEST_WORKING_DAYS 2
#define KP_CALLBACK_REQUEST_SUBJECT_MIN  3
#define KP_CALLBACK_REQUEST_SUBJECT_MAX  200

typedef enum
{
  KP_PART_OF_DAY_ANY,       /* no preference */
  KP_PART_OF_DAY_MORNING,   /* 9:00 - 12:00 */
  KP_PART_OF_DAY_AFTERNOON, /* 12:00 - 17:00 */
} KpPartOfDay;

/* "any", "morning", "afternoon" */
const char *kp_part_of_day_to_string (KpPartOfDay part);
gboolean kp_part_of_day_from_string (const char *text, KpPartOfDay *part);
/* In the current gettext language: "In the morning (9:00 - 12:00)". (transfer none) */
const char *kp_part_of_day_get_label (KpPartOfDay part);

#define KP_TYPE_CALLBACK_REQUEST (kp_callback_request_get_type ())
G_DECLARE_FINAL_TYPE (KpCallbackRequest, kp_callback_request, KP, CALLBACK_REQUEST, GObject)

/* The promise counts from @today (NULL: the local date now). (transfer full) */
KpCallbackRequest *kp_callback_request_new (const GDate *today);

gboolean
kp_callback_request_set_subject (KpCallbackRequest *self, const char *subject, GError **error);
const char *kp_callback_request_get_subject (KpCallbackRequest *self);
gboolean kp_callback_request_set_name (KpCallbackRequest *self, const char *name, GError **error);
const char *kp_callback_request_get_name (KpCallbackRequest *self);
gboolean kp_callback_request_set_phone (KpCallbackRequest *self, const char *phone, GError **error);
const char *kp_callback_request_get_phone (KpCallbackRequest *self);
void kp_callback_request_set_part_of_day (KpCallbackRequest *self, KpPartOfDay part);
KpPartOfDay kp_callback_request_get_part_of_day (KpCallbackRequest *self);

/* The last day the municipality will have called. (transfer none) */
const GDate *kp_callback_request_get_promised_date (KpCallbackRequest *self);
/*
 * The promise in B1 with the real date, in the current gettext language:
 * "We call you within 2 working days: at the latest on Tuesday 1 December."
 * (transfer full)
 */
char *kp_callback_request_dup_promise (KpCallbackRequest *self);

G_END_DECLS
