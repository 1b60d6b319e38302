/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-test-helpers.h"
#include "kp-validate.h"

#include <string.h>

/* A code for "accepted": the cases below list the stored value instead of an error. */
#define OK -1

typedef struct
{
  const char *input;
  int code;             /* a KpValidateError, or OK */
  const char *expected; /* what is stored when OK */
} ValidateCase;

typedef char *(*Validator) (const char *text, GError **error);

/*
 * Runs @validate on every case. A refusal must carry a message a resident
 * can read and must not echo what was typed (it may end up in a log).
 */
static void
check_cases (Validator validate, const ValidateCase *cases, gsize n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *value = validate (cases[i].input, &error);
      /* Escaped: a line with a control character or broken UTF-8 would break the TAP output. */
      g_autofree char *shown = cases[i].input != NULL ? g_strescape (cases[i].input, NULL) : NULL;

      g_test_message ("input “%s”", shown != NULL ? shown : "(null)");
      if (cases[i].code == OK)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (value, ==, cases[i].expected);
          continue;
        }
      g_assert_error (error, KP_VALIDATE_ERROR, cases[i].code);
      g_assert_null (value);
      g_assert_cmpuint (strlen (error->message), >, 10);
      g_assert_true (g_str_has_suffix (error->message, "."));
      if (cases[i].input != NULL && strlen (cases[i].input) > 3)
        g_assert_null (strstr (error->message, cases[i].input));
    }
}

/* @text @times over. (transfer full) */
static char *
repeat (const char *text, guint times)
{
  g_autoptr (GString) repeated = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (repeated, text);
  return g_string_free (g_steal_pointer (&repeated), FALSE);
}

static void
test_name (void)
{
  g_autofree char *longest = g_strnfill (KP_VALIDATE_NAME_MAX_CHARS, 'a');
  g_autofree char *too_long = g_strnfill (KP_VALIDATE_NAME_MAX_CHARS + 1, 'a');
  g_autofree char *accents = repeat ("é", KP_VALIDATE_NAME_MAX_CHARS);
  const ValidateCase cases[] = {
    { "Jan Jansen", OK, "Jan Jansen" },
    { "  Jan   Jansen  ", OK, "Jan Jansen" },
    { "Fatma Yılmaz", OK, "Fatma Yılmaz" },
    { "Zoë Çelik-de Vries", OK, "Zoë Çelik-de Vries" },
    { "D'Artagnan", OK, "D'Artagnan" },
    { "Anne ’t Hart", OK, "Anne 't Hart" }, /* a phone's typographic apostrophe */
    { "Jose\xcc\x81 Garci\xcc\x81"
      "a",
      OK, "José García" }, /* decomposed accents are composed */
    { "Ольга Петрова", OK, "Ольга Петрова" },
    { "محمد", OK, "محمد" },
    { "李", OK, "李" },
    { longest, OK, longest },
    /* 100 letters "é" are 200 bytes: the limit counts what a person counts. */
    { accents, OK, accents },
    { NULL, KP_VALIDATE_ERROR_EMPTY },
    { "", KP_VALIDATE_ERROR_EMPTY },
    { "   ", KP_VALIDATE_ERROR_EMPTY },
    { too_long, KP_VALIDATE_ERROR_TOO_LONG },
    { "Jan2 Jansen", KP_VALIDATE_ERROR_CHARACTERS },
    { "J. Jansen", KP_VALIDATE_ERROR_CHARACTERS },
    { "Jan@Jansen", KP_VALIDATE_ERROR_CHARACTERS },
    { "Jan\tJansen", KP_VALIDATE_ERROR_CHARACTERS },
    { "Jan\nJansen", KP_VALIDATE_ERROR_CHARACTERS },
    { "Jan\x7f", KP_VALIDATE_ERROR_CHARACTERS },
    { "Jan <script>", KP_VALIDATE_ERROR_CHARACTERS },
    { "- ' -", KP_VALIDATE_ERROR_CHARACTERS },    /* no letter at all */
    { "Jan \xff", KP_VALIDATE_ERROR_CHARACTERS }, /* not UTF-8 */
  };

  check_cases (kp_validate_name, cases, G_N_ELEMENTS (cases));
}

static void
test_email (void)
{
  const ValidateCase cases[] = {
    { "jan@example.nl", OK, "jan@example.nl" },
    { " Jan.Jansen@Example.NL ", OK, "Jan.Jansen@example.nl" },
    { "jan+kiosk@mail.example.com", OK, "jan+kiosk@mail.example.com" },
    { "o'brien@example.ie", OK, "o'brien@example.ie" },
    { "jan@gemeente-lindeveen.nl", OK, "jan@gemeente-lindeveen.nl" },
    { "zoë@bücher.de", OK, "zoë@bücher.de" },
    { NULL, KP_VALIDATE_ERROR_EMPTY },
    { "  ", KP_VALIDATE_ERROR_EMPTY },
    { "jan jansen@example.nl", KP_VALIDATE_ERROR_CHARACTERS },
    { "jan@exa\tmple.nl", KP_VALIDATE_ERROR_CHARACTERS },
    { "jan.example.nl", KP_VALIDATE_ERROR_FORMAT },
    { "jan@example", KP_VALIDATE_ERROR_FORMAT },
    { "jan@example.n", KP_VALIDATE_ERROR_FORMAT },
    { "jan@@example.nl", KP_VALIDATE_ERROR_FORMAT },
    { "jan@ex@ample.nl", KP_VALIDATE_ERROR_FORMAT },
    { "@lindeveen.nl", KP_VALIDATE_ERROR_FORMAT },
    { "jan@", KP_VALIDATE_ERROR_FORMAT },
    { "jan@.example.nl", KP_VALIDATE_ERROR_FORMAT },
    { "jan@example..nl", KP_VALIDATE_ERROR_FORMAT },
    { "jan.@example.nl", KP_VALIDATE_ERROR_FORMAT },
    { "jan..jansen@example.nl", KP_VALIDATE_ERROR_FORMAT },
    { "jan@example.nl.", KP_VALIDATE_ERROR_FORMAT },
    { "jan@exam_ple.nl", KP_VALIDATE_ERROR_FORMAT },
    { "jan@example.123", KP_VALIDATE_ERROR_FORMAT },
    { "<jan@example.nl>", KP_VALIDATE_ERROR_FORMAT },
    { "jan,piet@example.nl", KP_VALIDATE_ERROR_FORMAT },
  };

  check_cases (kp_validate_email, cases, G_N_ELEMENTS (cases));
}

static void
test_email_too_long (void)
{
  g_autofree char *local = g_strnfill (64, 'a');
  g_autofree char *label = g_strnfill (60, 'b');
  /* 64 + 1 + 4 × 61 + 2 = 311 characters: over the 254 mail servers take. */
  g_autofree char *address
      = g_strdup_printf ("%s@%s.%s.%s.%s.nl", local, label, label, label, label);
  g_autofree char *long_local = g_strnfill (65, 'a');
  g_autofree char *long_local_address = g_strconcat (long_local, "@example.nl", NULL);
  g_autofree char *fitting = g_strconcat (local, "@example.nl", NULL);
  const ValidateCase cases[] = {
    { address, KP_VALIDATE_ERROR_TOO_LONG },
    { long_local_address, KP_VALIDATE_ERROR_FORMAT },
    { fitting, OK, fitting },
  };

  check_cases (kp_validate_email, cases, G_N_ELEMENTS (cases));
}

static void
test_phone (void)
{
  const ValidateCase cases[] = {
    /* Dutch numbers as people write them. */
    { "0612345678", OK, "0612345678" },
    { "06 12345678", OK, "0612345678" },
    { "06-12 34 56 78", OK, "0612345678" },
    { "(06) 123 456 78", OK, "0612345678" },
    { "010 123 4567", OK, "0101234567" },
    { "0599-123456", OK, "0599123456" },
    { "020.123.45.67", OK, "0201234567" },
    { "0800 1234", OK, "08001234" },
    { "0900-1234567", OK, "09001234567" },
    /* Dutch numbers written internationally. */
    { "+31612345678", OK, "+31612345678" },
    { "+31 6 12345678", OK, "+31612345678" },
    { "+31 (0)6 12345678", OK, "+31612345678" },
    { "0031 6 12345678", OK, "+31612345678" },
    { "+31 20 123 4567", OK, "+31201234567" },
    /* Other countries. */
    { "+32 470 12 34 56", OK, "+32470123456" },
    { "+44 20 7946 0958", OK, "+442079460958" },
    { "+90 532 123 45 67", OK, "+905321234567" },
    { "0049 30 1234567", OK, "+49301234567" },
    { "+1 202 555 0143", OK, "+12025550143" },
    { NULL, KP_VALIDATE_ERROR_EMPTY },
    { " ", KP_VALIDATE_ERROR_EMPTY },
    { "06 1234 567a", KP_VALIDATE_ERROR_CHARACTERS },
    { "06#12345678", KP_VALIDATE_ERROR_CHARACTERS },
    { "06+12345678", KP_VALIDATE_ERROR_CHARACTERS },
    { "tel 0612345678", KP_VALIDATE_ERROR_CHARACTERS },
    { "061234567", KP_VALIDATE_ERROR_FORMAT },       /* one digit short */
    { "06123456789", KP_VALIDATE_ERROR_FORMAT },     /* one digit too many */
    { "612345678", KP_VALIDATE_ERROR_FORMAT },       /* no leading 0 */
    { "+3161234567", KP_VALIDATE_ERROR_FORMAT },     /* +31 with a digit short */
    { "+31 06 12345678", KP_VALIDATE_ERROR_FORMAT }, /* the 0 kept after +31 */
    { "+0612345678", KP_VALIDATE_ERROR_FORMAT },
    { "+44 123", KP_VALIDATE_ERROR_FORMAT },
    { "+1234567890123456", KP_VALIDATE_ERROR_FORMAT }, /* 16 digits: longer than E.164 */
    { "0800 123", KP_VALIDATE_ERROR_FORMAT },
    { "-", KP_VALIDATE_ERROR_FORMAT },
  };

  check_cases (kp_validate_phone, cases, G_N_ELEMENTS (cases));
}

/* The description of a report: 10 to 1000 characters, on several lines. */
static char *
validate_description (const char *text, GError **error)
{
  return kp_validate_text (text, 10, 1000, TRUE, error);
}

/* A brand: one line of at most 60 characters. */
static char *
validate_one_line (const char *text, GError **error)
{
  return kp_validate_text (text, 1, 60, FALSE, error);
}

/*
 * Whatever a resident may write is stored exactly as given, spaces around
 * it included; what cannot be right is refused with a reason.
 */
static void
test_text (void)
{
  g_autofree char *longest = repeat ("a", 1000);
  g_autofree char *too_long = repeat ("a", 1001);
  g_autofree char *longest_accented = repeat ("é", 1000);
  g_autofree char *ten_emoji = repeat ("💡", 10);
  g_autofree char *very_long = repeat ("Een heel lange tekst. ", 5000);
  const ValidateCase cases[] = {
    { "De lantaarnpaal is kapot.", OK, "De lantaarnpaal is kapot." },
    { "  De lantaarnpaal is kapot.  ", OK, "  De lantaarnpaal is kapot.  " },
    { "Regel een\nRegel twee", OK, "Regel een\nRegel twee" },
    { "Kapotte lamp 💡🔥 bij school", OK, "Kapotte lamp 💡🔥 bij school" },
    { ten_emoji, OK, ten_emoji },
    { "المصباح في الشارع مكسور", OK, "المصباح في الشارع مكسور" },
    { "Lamp kapot: مكسور, bij nr. 12", OK, "Lamp kapot: مكسور, bij nr. 12" },
    { "'; DROP TABLE outbox; --", OK, "'; DROP TABLE outbox; --" },
    { "Robert\"); DELETE FROM cases;", OK, "Robert\"); DELETE FROM cases;" },
    { "<b>kapot</b> <script>alert(1)</script>", OK, "<b>kapot</b> <script>alert(1)</script>" },
    { "&amp; &lt;gevaar&gt; %s %n {reference}", OK, "&amp; &lt;gevaar&gt; %s %n {reference}" },
    { longest, OK, longest },
    { longest_accented, OK, longest_accented },
    { NULL, KP_VALIDATE_ERROR_EMPTY },
    { "", KP_VALIDATE_ERROR_EMPTY },
    { "   \t\n  ", KP_VALIDATE_ERROR_EMPTY },
    { "kort", KP_VALIDATE_ERROR_TOO_SHORT },
    { "   kort    ", KP_VALIDATE_ERROR_TOO_SHORT },
    { "Lamp\akapot bij de school", KP_VALIDATE_ERROR_CHARACTERS },
    { "Lamp \x1b[31mkapot bij school", KP_VALIDATE_ERROR_CHARACTERS },
    { "Lamp \xc2\x85 kapot bij school", KP_VALIDATE_ERROR_CHARACTERS }, /* U+0085, a C1 control */
    { "Lamp \x7f kapot bij school", KP_VALIDATE_ERROR_CHARACTERS },
    { "Lamp \xff kapot bij school", KP_VALIDATE_ERROR_CHARACTERS }, /* not UTF-8 */
    { too_long, KP_VALIDATE_ERROR_TOO_LONG },
    { very_long, KP_VALIDATE_ERROR_TOO_LONG },
  };
  const ValidateCase one_line_cases[] = {
    { "Gazelle", OK, "Gazelle" },
    { "Leder & Co", OK, "Leder & Co" },
    { "Gazelle\nfiets", KP_VALIDATE_ERROR_CHARACTERS },
    { "Gazelle\tfiets", KP_VALIDATE_ERROR_CHARACTERS },
    { " ", KP_VALIDATE_ERROR_EMPTY },
  };

  check_cases (validate_description, cases, G_N_ELEMENTS (cases));
  check_cases (validate_one_line, one_line_cases, G_N_ELEMENTS (one_line_cases));
}

static void
test_postcode (void)
{
  const ValidateCase cases[] = {
    { "1234 AB", OK, "1234 AB" },
    { "1234AB", OK, "1234 AB" },
    { "1234ab", OK, "1234 AB" },
    { " 9431  ac ", OK, "9431 AC" },
    { "9999 ZZ", OK, "9999 ZZ" },
    { NULL, KP_VALIDATE_ERROR_EMPTY },
    { "  ", KP_VALIDATE_ERROR_EMPTY },
    { "0123 AB", KP_VALIDATE_ERROR_FORMAT }, /* no postcode starts with 0 */
    { "1234 SA", KP_VALIDATE_ERROR_FORMAT }, /* SA, SD and SS are not used */
    { "1234 SD", KP_VALIDATE_ERROR_FORMAT },
    { "1234 ss", KP_VALIDATE_ERROR_FORMAT },
    { "123 AB", KP_VALIDATE_ERROR_FORMAT },
    { "12345 AB", KP_VALIDATE_ERROR_FORMAT },
    { "1234 B", KP_VALIDATE_ERROR_FORMAT },
    { "1234 ABC", KP_VALIDATE_ERROR_FORMAT },
    { "1234-AB", KP_VALIDATE_ERROR_FORMAT },
    { "AB 1234", KP_VALIDATE_ERROR_FORMAT },
    { "１２３４ AB", KP_VALIDATE_ERROR_FORMAT }, /* full-width digits */
    { "1234 ÄB", KP_VALIDATE_ERROR_FORMAT },
    { "1234 AB'--", KP_VALIDATE_ERROR_FORMAT },
  };

  check_cases (kp_validate_postcode, cases, G_N_ELEMENTS (cases));
}

static char *
validate_house_number (const char *text, GError **error)
{
  return kp_validate_house_number (text, NULL, error);
}

static void
test_house_number (void)
{
  const ValidateCase cases[] = {
    { "12", OK, "12" },
    { "12a", OK, "12a" },
    { "12 A", OK, "12 A" },
    { "12-2", OK, "12-2" },
    { "12/2", OK, "12/2" },
    { "12 bis", OK, "12 bis" },
    { "12-II", OK, "12-II" },
    { "12a-3", OK, "12a-3" },
    { "12 hs", OK, "12 hs" },
    { "  7  ", OK, "7" },
    { "12  bis", OK, "12 bis" },
    { "1", OK, "1" },
    { "99999", OK, "99999" },
    { NULL, KP_VALIDATE_ERROR_EMPTY },
    { "", KP_VALIDATE_ERROR_EMPTY },
    { "0", KP_VALIDATE_ERROR_FORMAT },
    { "012", KP_VALIDATE_ERROR_FORMAT },
    { "100000", KP_VALIDATE_ERROR_FORMAT },
    { "a12", KP_VALIDATE_ERROR_FORMAT },
    { "12-", KP_VALIDATE_ERROR_FORMAT },
    { "12 abcde", KP_VALIDATE_ERROR_FORMAT },
    { "12ab", KP_VALIDATE_ERROR_FORMAT },
    { "-12", KP_VALIDATE_ERROR_FORMAT },
    { "12,5", KP_VALIDATE_ERROR_FORMAT },
    { "12 a b", OK, "12 a b" }, /* a house letter and an addition */
    { "12; DROP", KP_VALIDATE_ERROR_FORMAT },
    { "١٢", KP_VALIDATE_ERROR_FORMAT }, /* Arabic-Indic digits */
  };
  const struct
  {
    const char *input;
    guint number;
  } numbers[] = { { "12", 12 }, { "12a-3", 12 }, { "7 bis", 7 }, { "99999", 99999 } };

  check_cases (validate_house_number, cases, G_N_ELEMENTS (cases));
  for (gsize i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autoptr (GError) error = NULL;
      guint number = 0;
      g_autofree char *value = kp_validate_house_number (numbers[i].input, &number, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (number, ==, numbers[i].number);
    }
}

static void
test_recent_date (void)
{
  const struct
  {
    int days_ago;
    gboolean accepted;
  } cases[] = {
    { -1, FALSE }, { 0, TRUE }, { 1, TRUE }, { 365, TRUE }, { 366, FALSE }, { -400, FALSE },
  };
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 29, G_DATE_FEBRUARY, 2028);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      GDate date = today;

      if (cases[i].days_ago >= 0)
        g_date_subtract_days (&date, (guint) cases[i].days_ago);
      else
        g_date_add_days (&date, (guint) -cases[i].days_ago);
      g_assert_cmpint (kp_validate_recent_date (&date, &today, 365, &error), ==, cases[i].accepted);
      if (cases[i].accepted)
        g_assert_no_error (error);
      else
        g_assert_error (error, KP_VALIDATE_ERROR, KP_VALIDATE_ERROR_DATE);
    }
}

int
main (int argc, char **argv)
{
  g_autofree char *home = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);
  home = kp_test_init_home ();

  g_test_add_func ("/validate/name", test_name);
  g_test_add_func ("/validate/email", test_email);
  g_test_add_func ("/validate/email-too-long", test_email_too_long);
  g_test_add_func ("/validate/phone", test_phone);
  g_test_add_func ("/validate/text", test_text);
  g_test_add_func ("/validate/postcode", test_postcode);
  g_test_add_func ("/validate/house-number", test_house_number);
  g_test_add_func ("/validate/recent-date", test_recent_date);

  result = g_test_run ();
  kp_test_remove_tree (home);
  return result;
}
