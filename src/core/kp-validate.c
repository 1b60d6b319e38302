/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-validate.h"

#include <string.h>

#include <glib/gi18n-lib.h>

/* RFC 5321's limits: what mail servers accept at all. */
#define EMAIL_MAX_CHARS       254
#define EMAIL_LOCAL_MAX_CHARS 64

/* E.164: a country code and number have at most 15 digits. */
#define PHONE_MIN_INTERNATIONAL_DIGITS 8
#define PHONE_MAX_INTERNATIONAL_DIGITS 15
/* A Dutch number without its leading 0, e.g. 6 12345678. */
#define PHONE_DUTCH_NATIONAL_DIGITS 9

/* Written out: clang-format would put spaces into G_DEFINE_QUARK's name. */
GQuark
kp_validate_error_quark (void)
{
  return g_quark_from_static_string ("kp-validate-error-quark");
}

/* The text without leading and trailing white space (transfer full), or NULL for none. */
static char *
dup_trimmed (const char *text)
{
  char *trimmed;

  if (text == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    g_clear_pointer (&trimmed, g_free);
  return trimmed;
}

/* ---- Names ---- */

/* The apostrophes people type: the straight one and the typographic ’ of phones. */
static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019;
}

/*
 * Appends @c to @name as stored: one straight apostrophe, one space for a
 * run of spaces. Returns FALSE for a character a name cannot hold.
 */
static gboolean
append_name_char (GString *name, gunichar c, gboolean *has_letter)
{
  if (g_unichar_isalpha (c) || g_unichar_ismark (c))
    {
      *has_letter = *has_letter || g_unichar_isalpha (c);
      g_string_append_unichar (name, c);
    }
  else if (c == ' ')
    {
      if (name->len > 0 && name->str[name->len - 1] != ' ')
        g_string_append_c (name, ' ');
    }
  else if (is_apostrophe (c))
    g_string_append_c (name, '\'');
  else if (c == '-')
    g_string_append_c (name, '-');
  else
    return FALSE;
  return TRUE;
}

static char *
refuse_name_characters (GError **error)
{
  g_set_error_literal (error, KP_VALIDATE_ERROR, KP_VALIDATE_ERROR_CHARACTERS,
                       _ ("A name can only have letters, spaces, ' and -."));
  return NULL;
}

/* (transfer full) */
char *
kp_validate_name (const char *text, GError **error)
{
  g_autofree char *trimmed = dup_trimmed (text);
  g_autofree char *composed = NULL;
  g_autoptr (GString) name = NULL;
  gboolean has_letter = FALSE;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (trimmed == NULL)
    {
      g_set_error_literal (error, KP_VALIDATE_ERROR, KP_VALIDATE_ERROR_EMPTY,
                           _ ("Please fill in your name."));
      return NULL;
    }
  if (!g_utf8_validate (trimmed, -1, NULL))
    return refuse_name_characters (error);

  /* Composed, so "é" typed as e + accent counts as one letter, as people count. */
  composed = g_utf8_normalize (trimmed, -1, G_NORMALIZE_NFC);
  name = g_string_new (NULL);
  for (const char *p = composed; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!append_name_char (name, g_utf8_get_char (p), &has_letter))
        return refuse_name_characters (error);
    }
  if (!has_letter)
    return refuse_name_characters (error);
  if (g_utf8_strlen (name->str, -1) > KP_VALIDATE_NAME_MAX_CHARS)
    {
      g_set_error (error, KP_VALIDATE_ERROR, KP_VALIDATE_ERROR_TOO_LONG,
                   _ ("This name is too long. Use at most %d letters."),
                   KP_VALIDATE_NAME_MAX_CHARS);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&name), FALSE);
}

/* ---- E-mail addresses ---- */

static char *
refuse_email_format (GError **error)
{
  g_set_error_literal (error, KP_VALIDATE_ERROR, KP_VALIDATE_ERROR_FORMAT,
                       _ ("This e-mail address is not complete. It looks like name@example.nl."));
  return NULL;
}

/* Characters that need quoting in an address, which no resident's address uses. */
static gboolean
is_email_special (gunichar c)
{
  return c < 0x80 && strchr ("()<>[]\\,;:\"", (int) c) != NULL;
}

static gboolean
has_space_or_control (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        return TRUE;
    }
  return FALSE;
}

/* Dots only between characters: ".a", "a." and "a..b" are typos. */
static gboolean
has_stray_dot (const char *part)
{
  gsize length = strlen (part);

  return part[0] == '.' || part[length - 1] == '.' || strstr (part, "..") != NULL;
}

static gboolean
is_email_local_part (const char *local)
{
  if (*local == '\0' || g_utf8_strlen (local, -1) > EMAIL_LOCAL_MAX_CHARS || has_stray_dot (local))
    return FALSE;
  for (const char *p = local; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (is_email_special (g_utf8_get_char (p)))
        return FALSE;
    }
  return TRUE;
}

/*
 * Letters (of any script, for international domains), digits and hyphens,
 * in labels separated by dots, with a top-level domain of two or more
 * letters.
 */
static gboolean
is_email_domain (const char *domain)
{
  const char *last_dot = strrchr (domain, '.');

  if (*domain == '\0' || last_dot == NULL || has_stray_dot (domain)
      || g_utf8_strlen (last_dot + 1, -1) < 2)
    return FALSE;
  for (const char *p = domain; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalnum (c) && c != '-' && c != '.')
        return FALSE;
    }
  for (const char *p = last_dot + 1; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isalpha (g_utf8_get_char (p)))
        return FALSE;
    }
  return TRUE;
}

/* (transfer full) */
char *
kp_validate_email (const char *text, GError **error)
{
  g_autofree char *trimmed = dup_trimmed (text);
  g_autofree char *domain = NULL;
  const char *at;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (trimmed == NULL)
    {
      g_set_error_literal (error, KP_VALIDATE_ERROR, KP_VALIDATE_ERROR_EMPTY,
                           _ ("Please fill in your e-mail address."));
      return NULL;
    }
  if (!g_utf8_validate (trimmed, -1, NULL) || has_space_or_control (trimmed))
    {
      g_set_error_literal (error, KP_VALIDATE_ERROR, KP_VALIDATE_ERROR_CHARACTERS,
                           _ ("An e-mail address has no spaces. It looks like name@example.nl."));
      return NULL;
    }
  if (g_utf8_strlen (trimmed, -1) > EMAIL_MAX_CHARS)
    {
      g_set_error_literal (error, KP_VALIDATE_ERROR, KP_VALIDATE_ERROR_TOO_LONG,
                           _ ("This e-mail address is too long."));
      return NULL;
    }

  at = strchr (trimmed, '@');
  if (at == NULL || strchr (at + 1, '@') != NULL)
    return refuse_email_format (error);
  /* Mail servers ignore the case of the domain; writing it one way makes addresses comparable. */
  domain = g_utf8_strdown (at + 1, -1);
  trimmed[at - trimmed] = '\0';
  if (!is_email_local_part (trimmed) || !is_email_domain (domain))
    return refuse_email_format (error);
  return g_strconcat (trimmed, "@", domain, NULL);
}

/* ---- Phone numbers ---- */

static char *
refuse_phone_format (GError **error)
{
  g_set_error_literal (
      error, KP_VALIDATE_ERROR, KP_VALIDATE_ERROR_FORMAT,
      _ ("This phone number is not complete. It looks like 06 12345678 or +31 6 12345678."));
  return NULL;
}

static gboolean
is_phone_separator (char c)
{
  return c == ' ' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')';
}

/*
 * The digits of @text with a leading "+" kept, or NULL when it holds
 * anything but digits, separators and that one "+". The "(0)" people
 * write after a country code ("+31 (0)6 …") is dropped, because it is not
 * dialled.
 */
static char *
dup_phone_digits (const char *text)
{
  g_autoptr (GString) digits = g_string_new (NULL);

  for (const char *c = text; *c != '\0'; c++)
    {
      if (g_str_has_prefix (c, "(0)") && digits->len > 0)
        c += 2;
      else if (g_ascii_isdigit (*c) || (*c == '+' && c == text))
        g_string_append_c (digits, *c);
      else if (!is_phone_separator (*c))
        return NULL;
    }
  return g_string_free (g_steal_pointer (&digits), FALSE);
}

/* Free (0800) and paid (0900, 0906, 0909) service numbers are shorter or longer. */
static gboolean
is_dutch_service_number (const char *number)
{
  static const char *const prefixes[] = { "0800", "0900", "0906", "0909" };
  gsize length = strlen (number);

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      if (g_str_has_prefix (number, prefixes[i]))
        return length >= 8 && length <= 11;
    }
  return FALSE;
}

/* 06 12345678, 010 1234567, 0599 123456: ten digits from a 0, or a service number. */
static gboolean
is_dutch_number (const char *number)
{
  if (number[0] != '0' || number[1] == '0')
    return FALSE;
  return strlen (number) == PHONE_DUTCH_NATIONAL_DIGITS + 1 || is_dutch_service_number (number);
}

/* @number is "+" and digits: a country code that does not start with 0, then the number. */
static gboolean
is_international_number (const char *number)
{
  gsize digits = strlen (number + 1);

  if (number[1] == '0' || digits < PHONE_MIN_INTERNATIONAL_DIGITS
      || digits > PHONE_MAX_INTERNATIONAL_DIGITS)
    return FALSE;
  /* Dutch numbers we know exactly: the national number without its 0. */
  if (g_str_has_prefix (number, "+31"))
    return strlen (number + 3) == PHONE_DUTCH_NATIONAL_DIGITS && number[3] != '0';
  return TRUE;
}

/* (transfer full) */
char *
kp_validate_phone (const char *text, GError **error)
{
  g_autofree char *trimmed = dup_trimmed (text);
  g_autofree char *digits = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (trimmed == NULL)
    {
      g_set_error_literal (error, KP_VALIDATE_ERROR, KP_VALIDATE_ERROR_EMPTY,
                           _ ("Please fill in your phone number."));
      return NULL;
    }
  digits = dup_phone_digits (trimmed);
  if (digits == NULL)
    {
      g_set_error_literal (error, KP_VALIDATE_ERROR, KP_VALIDATE_ERROR_CHARACTERS,
                           _ ("A phone number can only have digits, spaces, + and -."));
      return NULL;
    }

  /* 0044 is dialled as +44. */
  if (g_str_has_prefix (digits, "00"))
    {
      g_autofree char *international = g_strconcat ("+", digits + 2, NULL);

      g_free (digits);
      digits = g_steal_pointer (&international);
    }
  if (digits[0] == '+' ? is_international_number (digits) : is_dutch_number (digits))
    return g_steal_pointer (&digits);
  return refuse_phone_format (error);
}

/* ---- Free text ---- */

static gboolean
is_allowed_text_char (gunichar c, gboolean multi_line)
{
  if (c == '\n' || c == '\t')
    return multi_line;
  /* Also refuses the C1 controls and DEL, which no keyboard types. */
  return !g_unichar_iscntrl (c);
}

static gboolean
has_only_text_chars (const char *text, gboolean multi_line)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!is_allowed_text_char (g_utf8_get_char (p), multi_line))
        return FALSE;
    }
  return TRUE;
}

/* (transfer full) */
char *
kp_validate_text (
    const char *text, guint min_chars, guint max_chars, gboolean multi_line, GError **error)
{
  g_autofree char *trimmed = dup_trimmed (text);
  glong length;

  g_return_val_if_fail (min_chars <= max_chars, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (trimmed == NULL)
    {
      g_set_error_literal (error, KP_VALIDATE_ERROR, KP_VALIDATE_ERROR_EMPTY,
                           _ ("Please write something here."));
      return NULL;
    }
  if (!g_utf8_validate (text, -1, NULL) || !has_only_text_chars (text, multi_line))
    {
      g_set_error_literal (error, KP_VALIDATE_ERROR, KP_VALIDATE_ERROR_CHARACTERS,
                           multi_line
                               ? _ ("This text has a hidden sign in it. Please type it again.")
                               : _ ("Please write this on one line, without hidden signs."));
      return NULL;
    }
  length = g_utf8_strlen (trimmed, -1);
  if (length < (glong) min_chars)
    {
      g_set_error (error, KP_VALIDATE_ERROR, KP_VALIDATE_ERROR_TOO_SHORT,
                   g_dngettext (GETTEXT_PACKAGE, "Please write a bit more: at least %u letter.",
                                "Please write a bit more: at least %u letters.", min_chars),
                   min_chars);
      return NULL;
    }
  if (length > (glong) max_chars)
    {
      g_set_error (error, KP_VALIDATE_ERROR, KP_VALIDATE_ERROR_TOO_LONG,
                   g_dngettext (GETTEXT_PACKAGE, "This is too long. Use at most %u letter.",
                                "This is too long. Use at most %u letters.", max_chars),
                   max_chars);
      return NULL;
    }
  return g_strdup (text);
}

/* ---- Postcodes and house numbers ---- */

/* "1234AB" or "1234 AB": the shape, before the letters are checked. */
static gboolean
split_postcode (const char *text, char digits[5], char letters[3])
{
  const char *p = text;

  for (guint i = 0; i < 4; i++, p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      digits[i] = *p;
    }
  while (*p == ' ')
    p++;
  for (guint i = 0; i < 2; i++, p++)
    {
      if (!g_ascii_isalpha (*p))
        return FALSE;
      letters[i] = g_ascii_toupper (*p);
    }
  digits[4] = letters[2] = '\0';
  return *p == '\0' && digits[0] != '0';
}

/* PostNL does not hand out SA, SD and SS. */
static gboolean
is_used_postcode_letters (const char *letters)
{
  return !g_str_equal (letters, "SA") && !g_str_equal (letters, "SD")
         && !g_str_equal (letters, "SS");
}

/* (transfer full) */
char *
kp_validate_postcode (const char *text, GError **error)
{
  g_autofree char *trimmed = dup_trimmed (text);
  char digits[5];
  char letters[3];

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (trimmed == NULL)
    {
      g_set_error_literal (error, KP_VALIDATE_ERROR, KP_VALIDATE_ERROR_EMPTY,
                           _ ("Please fill in the postcode."));
      return NULL;
    }
  if (!split_postcode (trimmed, digits, letters) || !is_used_postcode_letters (letters))
    {
      g_set_error_literal (error, KP_VALIDATE_ERROR, KP_VALIDATE_ERROR_FORMAT,
                           _ ("A postcode has 4 digits and 2 letters, like 1234 AB."));
      return NULL;
    }
  return g_strdup_printf ("%s %s", digits, letters);
}

/* The numbers the Dutch address register (BAG) hands out. */
#define HOUSE_NUMBER_MAX          99999
#define HOUSE_NUMBER_ADDITION_MAX 4

/* "a", " A": one letter right after the number, as the BAG's "huisletter". */
static const char *
skip_house_letter (const char *p)
{
  if (g_ascii_isalpha (p[0]) && !g_ascii_isalnum (p[1]))
    return p + 1;
  if (p[0] == ' ' && g_ascii_isalpha (p[1]) && !g_ascii_isalnum (p[2]))
    return p + 2;
  return p;
}

/* "-2", "/2", " bis", "-II": a separator and up to four letters or digits. */
static const char *
skip_house_addition (const char *p)
{
  guint length = 0;

  if (*p != '-' && *p != '/' && *p != ' ')
    return p;
  while (g_ascii_isalnum (p[1 + length]))
    length++;
  return length >= 1 && length <= HOUSE_NUMBER_ADDITION_MAX ? p + 1 + length : p;
}

/* Runs of spaces made one, so "12  a" and "12 a" are the same number. (transfer full) */
static char *
dup_single_spaced (const char *text)
{
  GString *result = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p != ' ' || result->str[result->len - 1] != ' ')
        g_string_append_c (result, *p);
    }
  return g_string_free (result, FALSE);
}

/* (transfer full) */
char *
kp_validate_house_number (const char *text, guint *number, GError **error)
{
  g_autofree char *trimmed = dup_trimmed (text);
  g_autofree char *spaced = NULL;
  const char *p;
  guint value = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (trimmed == NULL)
    {
      g_set_error_literal (error, KP_VALIDATE_ERROR, KP_VALIDATE_ERROR_EMPTY,
                           _ ("Please fill in the house number."));
      return NULL;
    }
  spaced = dup_single_spaced (trimmed);
  for (p = spaced; g_ascii_isdigit (*p) && value <= HOUSE_NUMBER_MAX; p++)
    value = value * 10 + (guint) (*p - '0');
  if (spaced[0] != '0' && value >= 1 && value <= HOUSE_NUMBER_MAX)
    p = skip_house_addition (skip_house_letter (p));
  if (value < 1 || value > HOUSE_NUMBER_MAX || spaced[0] == '0' || *p != '\0')
    {
      g_set_error_literal (error, KP_VALIDATE_ERROR, KP_VALIDATE_ERROR_FORMAT,
                           _ ("A house number starts with a number, like 12, 12a or 12-2."));
      return NULL;
    }
  if (number != NULL)
    *number = value;
  return g_steal_pointer (&spaced);
}

/* ---- Dates ---- */

gboolean
kp_validate_recent_date (const GDate *date, const GDate *today, guint max_days_ago, GError **error)
{
  int days_ago;

  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  days_ago = g_date_days_between (date, today);
  if (days_ago < 0)
    {
      g_set_error_literal (error, KP_VALIDATE_ERROR, KP_VALIDATE_ERROR_DATE,
                           _ ("This date is in the future. Please choose today or a day before."));
      return FALSE;
    }
  if ((guint) days_ago > max_days_ago)
    {
      g_set_error (error, KP_VALIDATE_ERROR, KP_VALIDATE_ERROR_DATE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "This date is too long ago. Choose a day in the last %u day.",
                                "This date is too long ago. Choose a day in the last %u days.",
                                max_days_ago),
                   max_days_ago);
      return FALSE;
    }
  return TRUE;
}
