/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-address-book.h"
#include "kp-test-helpers.h"
#include "kp-validate.h"

#include <string.h>

/* The demo table in the content bundle, as the kiosk loads it. (transfer full) */
static KpAddressBook *
load_demo (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = kp_address_book_dup_default_path ();
  KpAddressBook *book = kp_address_book_new_from_file (path, &error);

  g_assert_no_error (error);
  return book;
}

static KpAddressBook *
load_text (const char *text, GError **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));

  return kp_address_book_new_from_bytes (bytes, error);
}

static void
test_demo_file (void)
{
  g_autoptr (KpAddressBook) book = load_demo ();

  g_assert_cmpuint (kp_address_book_get_n_streets (book), ==, 28);
  g_assert_cmpuint (kp_address_book_get_n_landmarks (book), ==, 12);
  g_assert_finalize_object (g_steal_pointer (&book));
}

static void
test_fold (void)
{
  const struct
  {
    const char *input;
    const char *expected;
  } cases[] = {
    { "Dorpsstraat", "dorpsstraat" },
    { "  Café   De-Zon ", "cafe de zon" },
    { "'t Hoogeland", "t hoogeland" },
    { "’t Hoogeland", "t hoogeland" },
    { "ÉÈËÊ", "eeee" },
    { "!!", "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = kp_address_book_fold (cases[i].input);

      g_assert_cmpstr (folded, ==, cases[i].expected);
    }
}

/* What a resident types, and the street they should see first (NULL: none at all). */
static void
test_search_streets (void)
{
  g_autoptr (KpAddressBook) book = load_demo ();
  const struct
  {
    const char *typed;
    const char *first;
  } cases[] = {
    { "dorps", "Dorpsstraat" },
    { "DORPSSTRAAT", "Dorpsstraat" },
    { "dorpstraat", "Dorpsstraat" },  /* one letter left out */
    { "Dorspstraat", "Dorpsstraat" }, /* two letters swapped */
    { "molnweg", "Molenweg" },
    { "jansen", "Burgemeester Jansenstraat" }, /* a later word of the name */
    { "burg", "Burgemeester Jansenstraat" },
    { "hoogeland", "'t Hoogeland" },
    { "’t hoog", "'t Hoogeland" },
    { "kastanje", "Kastanjelaan" },
    { "linde", "Lindelaan" },
    { "xyzzy", NULL },
    { "", NULL },
    { "   ", NULL },
    { "'; DROP TABLE", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (GStrv) streets = kp_address_book_search_streets (book, cases[i].typed, 5);

      g_test_message ("typed “%s”", cases[i].typed);
      g_assert_cmpstr (streets[0], ==, cases[i].first);
    }
}

/* A street with three ranges is offered once. */
static void
test_search_streets_once (void)
{
  g_autoptr (KpAddressBook) book = load_demo ();
  g_auto (GStrv) streets = kp_address_book_search_streets (book, "d", 10);
  guint n_dorpsstraat = 0;

  for (guint i = 0; streets[i] != NULL; i++)
    n_dorpsstraat += g_str_equal (streets[i], "Dorpsstraat") ? 1 : 0;
  g_assert_cmpuint (n_dorpsstraat, ==, 1);
  g_assert_cmpstr (streets[0], ==, "De Brink");
  g_assert_cmpuint (g_strv_length (streets), ==, 2);
}

static void
test_search_landmarks (void)
{
  g_autoptr (KpAddressBook) book = load_demo ();
  const struct
  {
    const char *typed;
    const char *first;
  } cases[] = {
    { "park", "Park De Linde" },
    { "bibliotheek", "Bibliotheek De Linde" },
    { "bibliotehek", "Bibliotheek De Linde" },
    { "eekhoorn", "Speeltuin De Eekhoorn" },
    { "zwembad", "Zwembad De Plons" },
    { "station", "Station Lindeveen" },
    { "nergens", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GPtrArray) places = kp_address_book_search_landmarks (book, cases[i].typed, 3);

      g_test_message ("typed “%s”", cases[i].typed);
      if (cases[i].first == NULL)
        {
          g_assert_cmpuint (places->len, ==, 0);
          continue;
        }
      g_assert_cmpuint (places->len, >, 0);
      g_assert_cmpint (kp_place_get_kind (g_ptr_array_index (places, 0)), ==, KP_PLACE_LANDMARK);
      g_assert_cmpstr (kp_place_get_name (g_ptr_array_index (places, 0)), ==, cases[i].first);
    }
}

typedef struct
{
  const char *key; /* a street or a postcode */
  const char *house_number;
  GQuark domain;
  int code;
  const char *label; /* of the place found */
} FindCase;

static void
check_find (KpAddressBook *book,
            KpPlace *(*find) (KpAddressBook *, const char *, const char *, GError **),
            const FindCase *cases,
            gsize n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (KpPlace) place = find (book, cases[i].key, cases[i].house_number, &error);
      g_autofree char *label = NULL;

      g_test_message ("%s %s", cases[i].key, cases[i].house_number);
      if (cases[i].label == NULL)
        {
          g_assert_error (error, cases[i].domain, cases[i].code);
          g_assert_null (place);
          continue;
        }
      g_assert_no_error (error);
      label = kp_place_dup_label (place);
      g_assert_cmpstr (label, ==, cases[i].label);
      g_assert_cmpint (kp_place_get_kind (place), ==, KP_PLACE_ADDRESS);
      g_assert_cmpfloat (kp_place_get_latitude (place), >, 52.8);
      g_assert_cmpfloat (kp_place_get_longitude (place), >, 6.5);
    }
}

static void
test_find_address (void)
{
  g_autoptr (KpAddressBook) book = load_demo ();
  GQuark book_error = KP_ADDRESS_BOOK_ERROR;
  const FindCase cases[] = {
    { "Dorpsstraat", "4", 0, 0, "Dorpsstraat 4, 9431 AC Lindeveen" },
    { "dorpsstraat", "5", 0, 0, "Dorpsstraat 5, 9431 AB Lindeveen" },
    { "DORPSSTRAAT", "45", 0, 0, "Dorpsstraat 45, 9431 AD Lindeveen" },
    { "Dorpsstraat", " 4a ", 0, 0, "Dorpsstraat 4a, 9431 AC Lindeveen" },
    { "Dorpsstraat", "12 bis", 0, 0, "Dorpsstraat 12 bis, 9431 AC Lindeveen" },
    { "'t hoogeland", "3", 0, 0, "'t Hoogeland 3, 9431 DE Lindeveen" },
    { "Veenweg", "100", 0, 0, "Veenweg 100, 9432 AA Linderhoek" },
    { "Dorpsstraat", "90", book_error, KP_ADDRESS_BOOK_ERROR_HOUSE_NUMBER },
    { "Dorpsstraat", "44", book_error, KP_ADDRESS_BOOK_ERROR_HOUSE_NUMBER },
    { "Esdoornstraat", "3", book_error, KP_ADDRESS_BOOK_ERROR_HOUSE_NUMBER }, /* even only */
    { "Nergensstraat", "1", book_error, KP_ADDRESS_BOOK_ERROR_NOT_FOUND },
    { "Dorpsstraat", "x", KP_VALIDATE_ERROR, KP_VALIDATE_ERROR_FORMAT },
    { "Dorpsstraat", "", KP_VALIDATE_ERROR, KP_VALIDATE_ERROR_EMPTY },
  };

  check_find (book, kp_address_book_find_address, cases, G_N_ELEMENTS (cases));
}

static void
test_find_postcode (void)
{
  g_autoptr (KpAddressBook) book = load_demo ();
  GQuark book_error = KP_ADDRESS_BOOK_ERROR;
  const FindCase cases[] = {
    { "9431 AC", "4", 0, 0, "Dorpsstraat 4, 9431 AC Lindeveen" },
    { "9431ac", "40", 0, 0, "Dorpsstraat 40, 9431 AC Lindeveen" },
    { "9432 AB", "7", 0, 0, "Heideweg 7, 9432 AB Linderhoek" },
    { "9431 AC", "5", book_error, KP_ADDRESS_BOOK_ERROR_HOUSE_NUMBER },
    { "9999 ZZ", "1", book_error, KP_ADDRESS_BOOK_ERROR_NOT_FOUND },
    { "12", "1", KP_VALIDATE_ERROR, KP_VALIDATE_ERROR_FORMAT },
  };

  check_find (book, kp_address_book_find_postcode, cases, G_N_ELEMENTS (cases));
}

/* Every file the kiosk cannot use is refused with the line that is wrong. */
static void
test_bad_files (void)
{
  const struct
  {
    const char *text;
    int code;
    const char *where;
  } cases[] = {
    { "road | A | 1-3 | 1234 AB | T | 52 | 6\n", KP_ADDRESS_BOOK_ERROR_SYNTAX, "line 1" },
    { "# a comment\n\nstreet | A | 3-1 | 1234 AB | T | 52 | 6\n", KP_ADDRESS_BOOK_ERROR_SYNTAX,
      "line 3" },
    { "street | A | 1-3 | 0234 AB | T | 52 | 6\n", KP_ADDRESS_BOOK_ERROR_SYNTAX, "line 1" },
    { "street | A | 1-3 | 1234 AB | T | 95 | 6\n", KP_ADDRESS_BOOK_ERROR_SYNTAX, "line 1" },
    { "street | A | 1-3 | 1234 AB | T | 52,1 | 6\n", KP_ADDRESS_BOOK_ERROR_SYNTAX, "line 1" },
    { "street | A | 1-3 | 1234 AB | T | nan | 6\n", KP_ADDRESS_BOOK_ERROR_SYNTAX, "line 1" },
    { "street | A | 1-3 odd even | 1234 AB | T | 52 | 6\n", KP_ADDRESS_BOOK_ERROR_SYNTAX,
      "line 1" },
    { "street | A | 1-3 sometimes | 1234 AB | T | 52 | 6\n", KP_ADDRESS_BOOK_ERROR_SYNTAX,
      "line 1" },
    { "street | A | 0-3 | 1234 AB | T | 52 | 6\n", KP_ADDRESS_BOOK_ERROR_SYNTAX, "line 1" },
    { "street |  | 1-3 | 1234 AB | T | 52 | 6\n", KP_ADDRESS_BOOK_ERROR_SYNTAX, "line 1" },
    { "street | A | 1-3 | 1234 AB | T | 52 | 6 | extra\n", KP_ADDRESS_BOOK_ERROR_SYNTAX, "line 1" },
    { "landmark | P | T | 52\n", KP_ADDRESS_BOOK_ERROR_SYNTAX, "line 1" },
    { "street | A\xff | 1-3 | 1234 AB | T | 52 | 6\n", KP_ADDRESS_BOOK_ERROR_READ, NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (KpAddressBook) book = load_text (cases[i].text, &error);

      g_assert_null (book);
      g_assert_error (error, KP_ADDRESS_BOOK_ERROR, cases[i].code);
      if (cases[i].where != NULL)
        g_assert_true (g_str_has_prefix (error->message, cases[i].where));
    }
}

/* Lines saved on Windows, and an empty file, are fine. */
static void
test_good_files (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpAddressBook) crlf = load_text (
      "street | A-straat | 1-3 | 1234 AB | T | 52 | 6\r\nlandmark | Plein | T | 52 | 6\r\n",
      &error);
  g_autoptr (KpAddressBook) empty = NULL;
  g_autoptr (KpPlace) place = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (kp_address_book_get_n_streets (crlf), ==, 1);
  g_assert_cmpuint (kp_address_book_get_n_landmarks (crlf), ==, 1);
  place = kp_address_book_find_address (crlf, "a-straat", "2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kp_place_get_town (place), ==, "T");

  empty = load_text ("", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kp_address_book_get_n_streets (empty), ==, 0);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();
  int result;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/address-book/demo-file", test_demo_file);
  g_test_add_func ("/address-book/fold", test_fold);
  g_test_add_func ("/address-book/search-streets", test_search_streets);
  g_test_add_func ("/address-book/search-streets-once", test_search_streets_once);
  g_test_add_func ("/address-book/search-landmarks", test_search_landmarks);
  g_test_add_func ("/address-book/find-address", test_find_address);
  g_test_add_func ("/address-book/find-postcode", test_find_postcode);
  g_test_add_func ("/address-book/bad-files", test_bad_files);
  g_test_add_func ("/address-book/good-files", test_good_files);

  result = g_test_run ();
  kp_test_remove_tree (home);
  return result;
}
