/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-reference.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/*
 * 31 characters, a prime number of them; see check_sum() for why that
 * matters. Digits and letters that look alike (0/O, 1/I/L) are left out.
 */
static const char alphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
#define ALPHABET_SIZE    31
#define PREFIX           "KP"
#define N_RANDOM         7
#define N_CODE           (N_RANDOM + 1)
#define CANONICAL_LENGTH (sizeof "KP-XXXX-XXXX" - 1)

G_STATIC_ASSERT (sizeof alphabet - 1 == ALPHABET_SIZE);

/* Written out: clang-format would put spaces into the name given to G_DEFINE_QUARK. */
GQuark
kp_reference_error_quark (void)
{
  return g_quark_from_static_string ("kp-reference-error-quark");
}

static int
value_of (char c)
{
  const char *found = c != '\0' ? strchr (alphabet, c) : NULL;

  return found != NULL ? (int) (found - alphabet) : -1;
}

/*
 * The weighted sum of the code's values, weights 1, 2, ... 8 by position.
 * A valid code sums to 0 modulo 31. Because 31 is prime, a product of two
 * numbers that are not multiples of 31 is never a multiple of 31:
 * - changing the character at position i by d (1 <= |d| <= 30) changes the
 *   sum by weight_i * d, and 1 <= weight_i <= 8, so every single
 *   substitution changes the sum modulo 31;
 * - swapping neighbours a != b at positions i and i + 1 changes the sum by
 *   (weight_i - weight_i+1) * (b - a) = -(b - a), again never 0 modulo 31.
 */
static int
check_sum (const int *values, gsize n)
{
  int sum = 0;

  for (gsize i = 0; i < n; i++)
    sum += (int) (i + 1) * values[i];
  return sum % ALPHABET_SIZE;
}

/*
 * The check character c sits at position 8 and must make the sum 0:
 * 8 * c = -sum (mod 31). The inverse of 8 modulo 31 is 4 (8 * 4 = 32).
 */
static int
check_value (const int *random_values)
{
  int rest = (ALPHABET_SIZE - check_sum (random_values, N_RANDOM)) % ALPHABET_SIZE;

  return (rest * 4) % ALPHABET_SIZE;
}

static char *
format_canonical (const int *values)
{
  GString *text = g_string_sized_new (CANONICAL_LENGTH);

  g_string_append (text, PREFIX);
  for (int i = 0; i < N_CODE; i++)
    {
      if (i % 4 == 0)
        g_string_append_c (text, '-');
      g_string_append_c (text, alphabet[values[i]]);
    }
  return g_string_free (text, FALSE);
}

/*
 * What people and scanners add or leave out: spaces, dashes, lower case.
 * Returns the bare characters in upper case. (transfer full)
 */
static char *
strip_separators (const char *input)
{
  GString *bare = g_string_new (NULL);

  for (const char *p = input; *p != '\0'; p++)
    {
      if (*p != '-' && !g_ascii_isspace (*p))
        g_string_append_c (bare, g_ascii_toupper (*p));
    }
  return g_string_free (bare, FALSE);
}

/* Fills @values from the eight code characters, with or without the prefix before them. */
static gboolean
parse_code (const char *bare, int *values)
{
  const char *code = bare;

  if (strlen (bare) == strlen (PREFIX) + N_CODE && g_str_has_prefix (bare, PREFIX))
    code += strlen (PREFIX);
  if (strlen (code) != N_CODE)
    return FALSE;

  for (int i = 0; i < N_CODE; i++)
    {
      values[i] = value_of (code[i]);
      if (values[i] < 0)
        return FALSE;
    }
  return TRUE;
}

/* The 31 characters a reference is made of, in order of their value. */
const char *
kp_reference_get_alphabet (void)
{
  return alphabet;
}

/* A fresh random reference in its canonical form "KP-XXXX-XXXX". (transfer full) */
char *
kp_reference_generate (void)
{
  int values[N_CODE];

  for (int i = 0; i < N_RANDOM; i++)
    values[i] = g_random_int_range (0, ALPHABET_SIZE);
  values[N_RANDOM] = check_value (values);
  return format_canonical (values);
}

/*
 * Turns what a resident typed or a scanner sent ("kp 7h3q 9mxc",
 * "7H3Q9MXC", "KP--7H3Q-9MXC") into the canonical form. A character that
 * is not in the alphabet is a FORMAT error, never silently guessed: an O
 * might have been a 0 or a Q. (transfer full)
 */
char *
kp_reference_normalize (const char *input, GError **error)
{
  g_autofree char *bare = NULL;
  int values[N_CODE];

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bare = strip_separators (input);
  if (!parse_code (bare, values))
    {
      g_set_error_literal (error, KP_REFERENCE_ERROR, KP_REFERENCE_ERROR_FORMAT,
                           /*
                            * Translators: keep the example as it is. It fails its check on
                            * purpose, so typing it in never shows anyone's submission.
                            */
                           _ ("This is not a reference. A reference looks like KP-7H3Q-9MXC."));
      return NULL;
    }
  if (check_sum (values, N_CODE) != 0)
    {
      g_set_error_literal (error, KP_REFERENCE_ERROR, KP_REFERENCE_ERROR_CHECK,
                           _ ("This reference has a typing error. Compare it with the slip."));
      return NULL;
    }
  return format_canonical (values);
}

/* TRUE only for a reference in canonical form with a matching check character. */
gboolean
kp_reference_is_valid (const char *reference)
{
  g_autofree char *canonical = NULL;

  if (reference == NULL)
    return FALSE;
  canonical = kp_reference_normalize (reference, NULL);
  return canonical != NULL && strcmp (canonical, reference) == 0;
}

/*
 * The part of @scanned between the template's text before and after
 * "{reference}", or NULL when @scanned does not have that shape.
 * (transfer full)
 */
static char *
dup_templated_part (const char *scanned, const char *url_template)
{
  const char *placeholder = strstr (url_template, "{reference}");
  g_autofree char *before = NULL;
  const char *after;
  gsize length = strlen (scanned);

  if (placeholder == NULL || placeholder == url_template)
    return NULL;
  before = g_strndup (url_template, placeholder - url_template);
  after = placeholder + strlen ("{reference}");
  /* Scheme and host may come in either case from a scanner's keyboard layout. */
  if (length < strlen (before) + strlen (after)
      || g_ascii_strncasecmp (scanned, before, strlen (before)) != 0
      || strcmp (scanned + length - strlen (after), after) != 0)
    return NULL;
  return g_strndup (scanned + strlen (before), length - strlen (before) - strlen (after));
}

/* (transfer full) */
char *
kp_reference_from_scan (const char *scanned, const char *url_template, GError **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *part = NULL;

  g_return_val_if_fail (scanned != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A scanner ends with Enter, and some send a carriage return too. */
  trimmed = g_strstrip (g_strdup (scanned));
  if (url_template != NULL)
    part = dup_templated_part (trimmed, url_template);
  return kp_reference_normalize (part != NULL ? part : trimmed, error);
}

/* (transfer full) */
char *
kp_reference_spell (const char *reference)
{
  GString *spelled = g_string_new (NULL);
  gboolean group_start = TRUE;

  g_return_val_if_fail (reference != NULL, NULL);

  for (const char *c = reference; *c != '\0'; c = g_utf8_next_char (c))
    {
      gunichar character = g_utf8_get_char (c);

      if (character == '-' || g_unichar_isspace (character))
        {
          group_start = TRUE;
          continue;
        }
      if (spelled->len > 0)
        g_string_append (spelled, group_start ? ", " : " ");
      g_string_append_unichar (spelled, character);
      group_start = FALSE;
    }
  return g_string_free (spelled, FALSE);
}
