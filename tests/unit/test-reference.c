/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-reference.h"
#include "kp-test-helpers.h"

#include <string.h>

/* A valid reference worked out by hand: see check_sum() in kp-reference.c. */
#define VALID "KP-7H3Q-9MXJ"

/* Where the eight code characters sit in "KP-XXXX-XXXX". */
static const gsize code_positions[] = { 3, 4, 5, 6, 8, 9, 10, 11 };

#define N_GENERATED 1000
#define N_CHECKED   300

static void
assert_canonical_shape (const char *reference)
{
  const char *alphabet = kp_reference_get_alphabet ();

  g_assert_cmpuint (strlen (reference), ==, 12);
  g_assert_true (g_str_has_prefix (reference, "KP-"));
  g_assert_cmpint (reference[7], ==, '-');
  for (gsize i = 0; i < G_N_ELEMENTS (code_positions); i++)
    g_assert_nonnull (strchr (alphabet, reference[code_positions[i]]));
}

static void
test_alphabet (void)
{
  const char *alphabet = kp_reference_get_alphabet ();

  g_assert_cmpstr (alphabet, ==, "23456789ABCDEFGHJKMNPQRSTUVWXYZ");
  /* Characters that are read or typed as each other are left out. */
  for (const char *confusable = "01ILO"; *confusable != '\0'; confusable++)
    g_assert_null (strchr (alphabet, *confusable));
}

static void
test_generate (void)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (int i = 0; i < N_GENERATED; i++)
    {
      g_autofree char *reference = kp_reference_generate ();
      g_autofree char *normalized = NULL;
      g_autoptr (GError) error = NULL;

      assert_canonical_shape (reference);
      g_assert_true (kp_reference_is_valid (reference));
      normalized = kp_reference_normalize (reference, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (normalized, ==, reference);
      g_hash_table_add (seen, g_steal_pointer (&reference));
    }
  /* Two equal ones among a thousand out of 31^7 would be a broken random source. */
  g_assert_cmpuint (g_hash_table_size (seen), ==, N_GENERATED);
}

static void
test_normalize (void)
{
  const struct
  {
    const char *input;
    const char *expected; /* NULL: an error */
    int code;             /* a KpReferenceError */
  } cases[] = {
    { VALID, VALID },
    { "kp-7h3q-9mxj", VALID },
    { "KP 7H3Q 9MXJ", VALID },
    { "kp7h3q9mxj", VALID },
    { "7H3Q9MXJ", VALID },
    { "7h3q-9mxj", VALID },
    { "KP--7H3Q--9MXJ-", VALID },
    { "  kp - 7h3q - 9mxj \n", VALID }, /* a scanner ends with a newline */
    { "K P 7 H 3 Q 9 M X J", VALID },
    { "KP23456X", "KP-KP23-456X" }, /* eight characters: the code itself starts with KP */
    { "kp-kp23-456x", "KP-KP23-456X" },
    { "", NULL, KP_REFERENCE_ERROR_FORMAT },
    { "   ", NULL, KP_REFERENCE_ERROR_FORMAT },
    { "KP-7H3Q-9MX", NULL, KP_REFERENCE_ERROR_FORMAT },
    { "KP-7H3Q-9MXJ2", NULL, KP_REFERENCE_ERROR_FORMAT },
    { "XX-7H3Q-9MXJ", NULL, KP_REFERENCE_ERROR_FORMAT },
    { "KP-7H3Q-9MXO", NULL, KP_REFERENCE_ERROR_FORMAT }, /* O is never guessed to be 0 or Q */
    { "KP-7H3Q-9M1J", NULL, KP_REFERENCE_ERROR_FORMAT },
    { "KP-7H3Q-9MXÉ", NULL, KP_REFERENCE_ERROR_FORMAT },
    { "KP_7H3Q_9MXJ", NULL, KP_REFERENCE_ERROR_FORMAT },
    { "KP-7H3Q-9MXK", NULL, KP_REFERENCE_ERROR_CHECK },
    { "KP-H73Q-9MXJ", NULL, KP_REFERENCE_ERROR_CHECK },
    { "8H3Q9MXJ", NULL, KP_REFERENCE_ERROR_CHECK },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *normalized = kp_reference_normalize (cases[i].input, &error);

      g_test_message ("normalize '%s'", cases[i].input);
      if (cases[i].expected != NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (normalized, ==, cases[i].expected);
        }
      else
        {
          g_assert_error (error, KP_REFERENCE_ERROR, cases[i].code);
          g_assert_null (normalized);
          g_assert_cmpstr (error->message, !=, "");
        }
    }
}

static void
test_is_valid (void)
{
  const struct
  {
    const char *reference;
    gboolean valid;
  } cases[] = {
    { VALID, TRUE },
    { "KP-KP23-456X", TRUE },
    { "kp-7h3q-9mxj", FALSE }, /* valid only in canonical form */
    { "KP7H3Q9MXJ", FALSE },
    { "KP-7H3Q-9MXK", FALSE },
    { "", FALSE },
    { NULL, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (kp_reference_is_valid (cases[i].reference), ==, cases[i].valid);
}

static void
assert_caught (const char *typo)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *normalized = kp_reference_normalize (typo, &error);

  if (normalized != NULL)
    g_error ("the typo %s passed as valid", typo);
  g_assert_error (error, KP_REFERENCE_ERROR, KP_REFERENCE_ERROR_CHECK);
}

/* Every other alphabet character in every position. Returns how many were tried. */
static guint
check_substitutions (const char *reference)
{
  const char *alphabet = kp_reference_get_alphabet ();
  guint n_tried = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (code_positions); i++)
    {
      for (const char *c = alphabet; *c != '\0'; c++)
        {
          g_autofree char *typo = g_strdup (reference);

          if (*c == reference[code_positions[i]])
            continue;
          typo[code_positions[i]] = *c;
          assert_caught (typo);
          n_tried++;
        }
    }
  return n_tried;
}

/* Every pair of differing neighbours in the code, also across the dash. */
static guint
check_swaps (const char *reference)
{
  guint n_tried = 0;

  for (gsize i = 0; i + 1 < G_N_ELEMENTS (code_positions); i++)
    {
      g_autofree char *typo = g_strdup (reference);
      gsize left = code_positions[i];
      gsize right = code_positions[i + 1];

      if (typo[left] == typo[right])
        continue;
      typo[left] = reference[right];
      typo[right] = reference[left];
      assert_caught (typo);
      n_tried++;
    }
  return n_tried;
}

static void
test_catches_typos (void)
{
  guint n_substitutions = 0;
  guint n_swaps = 0;

  for (int i = 0; i < N_CHECKED; i++)
    {
      g_autofree char *reference = kp_reference_generate ();

      n_substitutions += check_substitutions (reference);
      n_swaps += check_swaps (reference);
    }

  g_test_message ("%u substitutions and %u swaps caught", n_substitutions, n_swaps);
  g_assert_cmpuint (n_substitutions, ==, N_CHECKED * 8 * 30);
  /* Seven neighbour pairs per reference, fewer only where two neighbours are equal. */
  g_assert_cmpuint (n_swaps, >, N_CHECKED * 6);
}

/* What a barcode reader types from a slip's QR code, with and without a URL around it. */
static void
test_from_scan (void)
{
  g_autofree char *reference = kp_reference_generate ();
  g_autofree char *url = g_strdup_printf ("https://lindeveen.example/status/%s\r\n", reference);
  g_autofree char *shouted = g_ascii_strup (url, -1);
  g_autofree char *other_site = g_strdup_printf ("https://elders.example/status/%s", reference);
  g_autofree char *query = g_strdup_printf ("https://lindeveen.example/s?r=%s&lang=nl", reference);
  const char *status_template = "https://lindeveen.example/status/{reference}";
  const struct
  {
    const char *scanned;
    const char *url_template;
    gboolean found;
  } cases[] = {
    { reference, NULL, TRUE },
    { reference, "{reference}", TRUE },
    { reference, status_template, TRUE },
    { url, status_template, TRUE },
    { shouted, status_template, TRUE },
    { query, "https://lindeveen.example/s?r={reference}&lang=nl", TRUE },
    { other_site, status_template, FALSE },
    { url, NULL, FALSE },
    { "https://lindeveen.example/status/", status_template, FALSE },
    { "", status_template, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *found
          = kp_reference_from_scan (cases[i].scanned, cases[i].url_template, &error);

      g_test_message ("scanned “%s”", cases[i].scanned);
      if (cases[i].found)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (found, ==, reference);
        }
      else
        {
          g_assert_error (error, KP_REFERENCE_ERROR, KP_REFERENCE_ERROR_FORMAT);
          g_assert_null (found);
        }
    }
}

/* Read aloud, a reference is spelled in its groups, never guessed at as a word. */
static void
test_spell (void)
{
  static const struct
  {
    const char *reference;
    const char *spelled;
  } cases[] = {
    { "KP-7H3Q-9MXC", "K P, 7 H 3 Q, 9 M X C" },
    { "KP-7H3", "K P, 7 H 3" },
    { "ABC", "A B C" },
    { "", "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *spelled = kp_reference_spell (cases[i].reference);

      g_assert_cmpstr (spelled, ==, cases[i].spelled);
    }
}

int
main (int argc, char **argv)
{
  g_autofree char *home = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);
  home = kp_test_init_home ();

  g_test_add_func ("/reference/alphabet", test_alphabet);
  g_test_add_func ("/reference/generate", test_generate);
  g_test_add_func ("/reference/normalize", test_normalize);
  g_test_add_func ("/reference/is-valid", test_is_valid);
  g_test_add_func ("/reference/catches-typos", test_catches_typos);
  g_test_add_func ("/reference/from-scan", test_from_scan);
  g_test_add_func ("/reference/spell", test_spell);

  result = g_test_run ();
  kp_test_remove_tree (home);
  return result;
}
