/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <json-glib/json-glib.h>

#include "kp-submission.h"

G_BEGIN_DECLS

/* What the submission models share: fields, answers, payload. */

/* (transfer full) */
KpSubmissionLine *kp_submission_line_new (const char *field, const char *label, const char *value);
/* A new, empty array of lines. (element-type KpSubmissionLine) (transfer full) */
GPtrArray *kp_submission_lines_new (void);
void
kp_submission_lines_add (GPtrArray *lines, const char *field, const char *label, const char *value);
/* The same, for an answer that is a name, phone number or e-mail address. */
void kp_submission_lines_add_personal (GPtrArray *lines,
                                       const char *field,
                                       const char *label,
                                       const char *value);

/* TRUE when @text is NULL, empty or only white space: an optional answer left out. */
gboolean kp_submission_is_blank (const char *text);

/*
 * Keeps @checked, what a kp-validate checker returned, in @field. NULL
 * means the checker refused the answer and set the error: @field is left
 * as it was and the result is FALSE.
 */
gboolean kp_submission_take_checked (char **field, char *checked);

/*
 * An optional free text of at most @max_chars: blank clears @field, else
 * kp_validate_text() decides and @field takes the text exactly as given.
 * On error @field is left as it was.
 */
gboolean kp_submission_set_optional_text (
    char **field, const char *text, guint max_chars, gboolean multi_line, GError **error);
/*
 * The same with a kp-validate checker that returns the value to keep
 * (kp_validate_name, kp_validate_email, kp_validate_phone).
 */
gboolean kp_submission_set_optional_checked (char **field,
                                             const char *text,
                                             char *(*check) (const char *, GError **),
                                             GError **error);

/* Sets KP_SUBMISSION_ERROR_MISSING with @message for @field_id; returns FALSE. */
gboolean kp_submission_set_missing (const char **field,
                                    const char *field_id,
                                    const char *message,
                                    GError **error);

/* Today in the kiosk's local time zone. */
void kp_submission_get_today (GDate *today);
/* "2026-11-27", for payloads. (transfer full) */
char *kp_submission_format_iso_date (const GDate *date);
/* Back from kp_submission_format_iso_date(); FALSE for anything else. */
gboolean kp_submission_parse_iso_date (const char *text, GDate *date);
/* "Friday 27 November 2026" in the current gettext language, for people. (transfer full) */
char *kp_submission_format_date (const GDate *date);

/* Members of a payload under construction. A NULL @value is written as null. */
void kp_submission_add_string (JsonBuilder *builder, const char *name, const char *value);
void kp_submission_add_boolean (JsonBuilder *builder, const char *name, gboolean value);
/* Starts the object every payload is: { "kind": @kind, "version": 1, ... */
JsonBuilder *kp_submission_begin_payload (const char *kind);

G_END_DECLS
