/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Checks for the contact fields a resident types at the kiosk (an
 * appointment, a callback request, a report). Each returns the value as it
 * should be stored (transfer full), or NULL with a KP_VALIDATE_ERROR whose
 * message is a short B1 sentence for the resident, already translated, that
 * says what is wrong and what a right value looks like. The message never
 * repeats what was typed, so it is also safe for a log.
 */

#define KP_VALIDATE_ERROR (kp_validate_error_quark ())

typedef enum
{
  KP_VALIDATE_ERROR_EMPTY,      /* nothing filled in (only spaces) */
  KP_VALIDATE_ERROR_TOO_LONG,   /* more characters than the field takes */
  KP_VALIDATE_ERROR_CHARACTERS, /* characters that do not belong in this field */
  KP_VALIDATE_ERROR_FORMAT,     /* the right characters, but not shaped like the field */
  KP_VALIDATE_ERROR_TOO_SHORT,  /* fewer characters than the field needs */
  KP_VALIDATE_ERROR_DATE,       /* a date in the future, or too long ago */
} KpValidateError;

/* The most characters a name may have. */
#define KP_VALIDATE_NAME_MAX_CHARS 100

GQuark kp_validate_error_quark (void);

/*
 * A person's name: 1 to 100 characters of letters (with accents, in any
 * script), spaces, apostrophes and hyphens, with at least one letter.
 * Returns it trimmed, in Unicode NFC, runs of spaces made one and the
 * typographic apostrophe ’ made '.
 */
char *kp_validate_name (const char *text, GError **error);

/*
 * An e-mail address, checked pragmatically: one @, something before it, a
 * domain with a dot after it, no spaces or control characters, at most 254
 * characters. Returns it trimmed, with the domain in lower case.
 */
char *kp_validate_email (const char *text, GError **error);

/*
 * A Dutch (06…, 010…, 0800…) or international (+44…, 0044…) phone number,
 * typed with any spaces, hyphens, dots, brackets or a "(0)" after the
 * country code. Returns the bare number: "0612345678", or "+31612345678"
 * for an international one.
 */
char *kp_validate_phone (const char *text, GError **error);

/*
 * Free text a resident writes (a description, a subject): @min_chars to
 * @max_chars characters, not counting the spaces around it, with no
 * control characters; line breaks and tabs only when @multi_line. Emoji,
 * any script and any punctuation are fine. Returns it exactly as given.
 */
char *kp_validate_text (
    const char *text, guint min_chars, guint max_chars, gboolean multi_line, GError **error);

/*
 * A Dutch postcode: four digits (the first not 0) and two letters, with or
 * without a space, in any case ("1234ab"). Returns it as "1234 AB".
 */
char *kp_validate_postcode (const char *text, GError **error);

/*
 * A house number with an optional addition: "12", "12a", "12 A", "12-2",
 * "12/2", "12 bis", "12a-3". Returns it trimmed with runs of spaces made
 * one, and sets @number (optional) to the number itself, 12.
 */
char *kp_validate_house_number (const char *text, guint *number, GError **error);

/* @date lies between @max_days_ago days before @today and @today itself. */
gboolean
kp_validate_recent_date (const GDate *date, const GDate *today, guint max_days_ago, GError **error);

G_END_DECLS
