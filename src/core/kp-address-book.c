/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-address-book.h"

#include "kp-guide-index.h"
#include "kp-guide.h"
#include "kp-validate.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* A hand-written table of one municipality: anything bigger is not that. */
#define MAX_FILE_BYTES (4 * 1024 * 1024)
#define MAX_LINE_BYTES 1024

#define FILE_NAME "addresses.txt"

typedef enum
{
  NUMBERS_ALL,
  NUMBERS_ODD,
  NUMBERS_EVEN,
} NumberParity;

/* One line "street | name | numbers | postcode | town | lat | lon". */
typedef struct
{
  char *name;
  char *folded;
  guint first;
  guint last;
  NumberParity parity;
  char *postcode;
  char *town;
  double latitude;
  double longitude;
} StreetRange;

struct _KpAddressBook
{
  GObject parent_instance;

  GPtrArray *streets;   /* of StreetRange, in file order */
  GPtrArray *landmarks; /* of KpPlace, in file order */
  GPtrArray *landmark_folded;
};

G_DEFINE_FINAL_TYPE (KpAddressBook, kp_address_book, G_TYPE_OBJECT)

/* Written out: clang-format would put spaces into G_DEFINE_QUARK's name. */
GQuark
kp_address_book_error_quark (void)
{
  return g_quark_from_static_string ("kp-address-book-error-quark");
}

static void
street_range_free (StreetRange *range)
{
  g_free (range->name);
  g_free (range->folded);
  g_free (range->postcode);
  g_free (range->town);
  g_free (range);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StreetRange, street_range_free)

/* (transfer full) */
char *
kp_address_book_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  GString *folded = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, NULL);

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* "'t Hoogeland" and "t Hoogeland" are the same street. */
      if (g_unichar_ismark (c) || c == '\'' || c == 0x2019)
        continue;
      if (g_unichar_isalnum (c))
        g_string_append_unichar (folded, g_unichar_tolower (c));
      else if (folded->len > 0 && folded->str[folded->len - 1] != ' ')
        g_string_append_c (folded, ' ');
    }
  if (folded->len > 0 && folded->str[folded->len - 1] == ' ')
    g_string_truncate (folded, folded->len - 1);
  return g_string_free (folded, FALSE);
}

/* ---- Reading the file ---- */

static gboolean
set_syntax_error (GError **error, guint line, const char *what)
{
  /* TRANSLATORS: "line 12: <what is wrong>" in the address file */
  g_set_error (error, KP_ADDRESS_BOOK_ERROR, KP_ADDRESS_BOOK_ERROR_SYNTAX, _ ("line %u: %s"), line,
               what);
  return FALSE;
}

static gboolean
parse_degrees (const char *text, double limit, double *value)
{
  char *end = NULL;

  if (*text == '\0')
    return FALSE;
  *value = g_ascii_strtod (text, &end);
  return *end == '\0' && isfinite (*value) && fabs (*value) <= limit;
}

static gboolean
parse_coordinates (char **fields, double *latitude, double *longitude)
{
  return parse_degrees (fields[0], 90, latitude) && parse_degrees (fields[1], 180, longitude);
}

static gboolean
parse_number (const char *text, guint *number)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, 99999, &value, NULL))
    return FALSE;
  *number = (guint) value;
  return TRUE;
}

/* "12", "1-41", "1-41 odd", "2-60 even". */
static gboolean
parse_numbers (const char *text, StreetRange *range)
{
  g_auto (GStrv) words = g_strsplit (text, " ", -1);
  g_auto (GStrv) ends = NULL;
  guint n_words = g_strv_length (words);

  range->parity = NUMBERS_ALL;
  if (n_words == 2 && g_str_equal (words[1], "odd"))
    range->parity = NUMBERS_ODD;
  else if (n_words == 2 && g_str_equal (words[1], "even"))
    range->parity = NUMBERS_EVEN;
  else if (n_words != 1)
    return FALSE;

  /* A single number is a range from it to itself. */
  ends = g_strsplit (words[0], "-", -1);
  if (g_strv_length (ends) == 1)
    return parse_number (ends[0], &range->first) && parse_number (ends[0], &range->last);
  return g_strv_length (ends) == 2 && parse_number (ends[0], &range->first)
         && parse_number (ends[1], &range->last) && range->first <= range->last;
}

static gboolean
is_filled (char **fields, guint n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    {
      if (*fields[i] == '\0')
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_street (KpAddressBook *self, char **fields, guint line, GError **error)
{
  g_autoptr (StreetRange) range = g_new0 (StreetRange, 1);

  if (g_strv_length (fields) != 6 || !is_filled (fields, 6))
    return set_syntax_error (
        error, line,
        _ ("a street needs: street | name | numbers | postcode | town | latitude | longitude"));
  if (!parse_numbers (fields[1], range))
    return set_syntax_error (
        error, line, _ ("house numbers are written like “12”, “1-41”, “1-41 odd” or “2-60 even”"));
  range->postcode = kp_validate_postcode (fields[2], NULL);
  if (range->postcode == NULL)
    return set_syntax_error (error, line, _ ("a postcode is written like “1234 AB”"));
  if (!parse_coordinates (fields + 4, &range->latitude, &range->longitude))
    return set_syntax_error (error, line,
                             _ ("latitude and longitude are decimal degrees, like “52.87”"));
  range->name = g_strdup (fields[0]);
  range->folded = kp_address_book_fold (fields[0]);
  range->town = g_strdup (fields[3]);
  g_ptr_array_add (self->streets, g_steal_pointer (&range));
  return TRUE;
}

static gboolean
parse_landmark (KpAddressBook *self, char **fields, guint line, GError **error)
{
  double latitude;
  double longitude;

  if (g_strv_length (fields) != 4 || !is_filled (fields, 4))
    return set_syntax_error (error, line,
                             _ ("a landmark needs: landmark | name | town | latitude | longitude"));
  if (!parse_coordinates (fields + 2, &latitude, &longitude))
    return set_syntax_error (error, line,
                             _ ("latitude and longitude are decimal degrees, like “52.87”"));
  g_ptr_array_add (self->landmarks,
                   kp_place_new_landmark (fields[0], fields[1], latitude, longitude));
  g_ptr_array_add (self->landmark_folded, kp_address_book_fold (fields[0]));
  return TRUE;
}

static gboolean
parse_line (KpAddressBook *self, const char *text, guint line, GError **error)
{
  g_auto (GStrv) fields = NULL;

  if (*text == '\0' || *text == '#')
    return TRUE;
  if (strlen (text) > MAX_LINE_BYTES)
    return set_syntax_error (error, line, _ ("the line is too long"));

  fields = g_strsplit (text, "|", -1);
  for (guint i = 0; fields[i] != NULL; i++)
    g_strstrip (fields[i]);
  if (g_str_equal (fields[0], "street"))
    return parse_street (self, fields + 1, line, error);
  if (g_str_equal (fields[0], "landmark"))
    return parse_landmark (self, fields + 1, line, error);
  return set_syntax_error (error, line, _ ("a line starts with “street” or “landmark”"));
}

static gboolean
parse_bytes (KpAddressBook *self, GBytes *bytes, GError **error)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;

  if (size > MAX_FILE_BYTES)
    {
      g_set_error_literal (error, KP_ADDRESS_BOOK_ERROR, KP_ADDRESS_BOOK_ERROR_READ,
                           _ ("The address file is too big."));
      return FALSE;
    }
  if (!g_utf8_validate_len (data, size, NULL))
    {
      g_set_error_literal (error, KP_ADDRESS_BOOK_ERROR, KP_ADDRESS_BOOK_ERROR_READ,
                           _ ("The address file is not UTF-8 text."));
      return FALSE;
    }

  if (size == 0)
    return TRUE;
  text = g_strndup (data, size);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      gsize length = strlen (lines[i]);

      /* A file saved on Windows ends its lines with "\r\n". */
      if (length > 0 && lines[i][length - 1] == '\r')
        lines[i][length - 1] = '\0';
      if (!parse_line (self, lines[i], i + 1, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- Searching ---- */

/* How many typos a typed text may have: none for short ones, where it guesses wildly. */
static guint
allowed_typos (glong n_chars)
{
  if (n_chars >= 8)
    return 2;
  return n_chars >= 4 ? 1 : 0;
}

/* The first @n_chars characters of @text. (transfer full) */
static char *
dup_prefix (const char *text, glong n_chars)
{
  const char *end = text;

  for (glong i = 0; i < n_chars && *end != '\0'; i++)
    end = g_utf8_next_char (end);
  return g_strndup (text, end - text);
}

/*
 * The typos between @query and the start of @word: the start as long as
 * the query, or a letter shorter or longer, for a letter left out or added.
 */
static guint
prefix_distance (const char *word, const char *query, glong n_query, guint max)
{
  guint best = max + 1;

  for (glong n_chars = MAX (n_query - 1, 1); n_chars <= n_query + 1; n_chars++)
    {
      g_autofree char *prefix = dup_prefix (word, n_chars);

      best = MIN (best, kp_guide_index_distance (prefix, query, max));
    }
  return best;
}

/*
 * How well @name (folded) fits @query (folded): 0 when it starts with it,
 * 1 when one of its words does, 2 + the typos when the start of the name
 * or of a word is within the allowed typos, or -1 when it does not fit.
 */
static int
rank_name (const char *name, const char *query)
{
  glong n_query = g_utf8_strlen (query, -1);
  guint max = allowed_typos (n_query);
  int best = -1;

  if (g_str_has_prefix (name, query))
    return 0;
  for (const char *word = name; word != NULL; word = strchr (word, ' '))
    {
      guint distance;

      word += *word == ' ' ? 1 : 0;
      if (g_str_has_prefix (word, query))
        return 1;
      distance = prefix_distance (word, query, n_query, max);
      if (distance <= max && (best < 0 || (int) distance + 2 < best))
        best = (int) distance + 2;
    }
  return best;
}

typedef struct
{
  int rank;
  guint index;
  const char *name;
} Match;

static int
compare_matches (gconstpointer a, gconstpointer b)
{
  const Match *match_a = a;
  const Match *match_b = b;

  if (match_a->rank != match_b->rank)
    return match_a->rank - match_b->rank;
  return g_utf8_collate (match_a->name, match_b->name);
}

static void
add_match (GArray *matches, int rank, guint index, const char *name)
{
  Match match = { rank, index, name };

  if (rank >= 0)
    g_array_append_val (matches, match);
}

/* Each street name once, however many ranges it has. (transfer full) */
static GArray *
match_streets (KpAddressBook *self, const char *query)
{
  GArray *matches = g_array_new (FALSE, FALSE, sizeof (Match));
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->streets->len; i++)
    {
      StreetRange *range = g_ptr_array_index (self->streets, i);

      if (g_hash_table_add (seen, range->folded))
        add_match (matches, rank_name (range->folded, query), i, range->name);
    }
  g_array_sort (matches, compare_matches);
  return matches;
}

static GArray *
match_landmarks (KpAddressBook *self, const char *query)
{
  GArray *matches = g_array_new (FALSE, FALSE, sizeof (Match));

  for (guint i = 0; i < self->landmarks->len; i++)
    add_match (matches, rank_name (g_ptr_array_index (self->landmark_folded, i), query), i,
               kp_place_get_name (g_ptr_array_index (self->landmarks, i)));
  g_array_sort (matches, compare_matches);
  return matches;
}

static gboolean
range_has_number (StreetRange *range, guint number)
{
  if (number < range->first || number > range->last)
    return FALSE;
  if (range->parity == NUMBERS_ODD)
    return number % 2 == 1;
  if (range->parity == NUMBERS_EVEN)
    return number % 2 == 0;
  return TRUE;
}

static KpPlace *
place_for (StreetRange *range, const char *house_number)
{
  return kp_place_new_address (range->name, house_number, range->postcode, range->town,
                               range->latitude, range->longitude);
}

/*
 * The address in the ranges for which @in_scope is TRUE. NOT_FOUND with
 * @not_found when none is, HOUSE_NUMBER when none has the number.
 */
static KpPlace *
find_in_ranges (KpAddressBook *self,
                gboolean (*in_scope) (StreetRange *range, const char *key),
                const char *key,
                const char *house_number,
                const char *not_found,
                GError **error)
{
  g_autofree char *checked = NULL;
  guint number = 0;
  guint lowest = G_MAXUINT;
  guint highest = 0;

  for (guint i = 0; i < self->streets->len; i++)
    {
      StreetRange *range = g_ptr_array_index (self->streets, i);

      if (!in_scope (range, key))
        continue;
      lowest = MIN (lowest, range->first);
      highest = MAX (highest, range->last);
      if (checked == NULL
          && (checked = kp_validate_house_number (house_number, &number, error)) == NULL)
        return NULL;
      if (range_has_number (range, number))
        return place_for (range, checked);
    }
  if (highest == 0)
    g_set_error_literal (error, KP_ADDRESS_BOOK_ERROR, KP_ADDRESS_BOOK_ERROR_NOT_FOUND, not_found);
  else
    g_set_error (error, KP_ADDRESS_BOOK_ERROR, KP_ADDRESS_BOOK_ERROR_HOUSE_NUMBER,
                 _ ("This house number is not in this street. The numbers go from %u to %u."),
                 lowest, highest);
  return NULL;
}

static gboolean
has_folded_name (StreetRange *range, const char *folded)
{
  return g_str_equal (range->folded, folded);
}

static gboolean
has_postcode (StreetRange *range, const char *postcode)
{
  return g_str_equal (range->postcode, postcode);
}

/* ---- The object ---- */

static void
kp_address_book_finalize (GObject *object)
{
  KpAddressBook *self = KP_ADDRESS_BOOK (object);

  g_clear_pointer (&self->landmark_folded, g_ptr_array_unref);
  g_clear_pointer (&self->landmarks, g_ptr_array_unref);
  g_clear_pointer (&self->streets, g_ptr_array_unref);

  G_OBJECT_CLASS (kp_address_book_parent_class)->finalize (object);
}

static void
kp_address_book_class_init (KpAddressBookClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kp_address_book_finalize;
}

static void
kp_address_book_init (KpAddressBook *self)
{
  self->streets = g_ptr_array_new_with_free_func ((GDestroyNotify) street_range_free);
  self->landmarks = g_ptr_array_new_with_free_func ((GDestroyNotify) kp_place_free);
  self->landmark_folded = g_ptr_array_new_with_free_func (g_free);
}

/* (transfer full) */
char *
kp_address_book_dup_default_path (void)
{
  g_autofree char *folder = kp_guide_dup_default_folder ();

  return g_build_filename (folder, FILE_NAME, NULL);
}

/* (transfer full) */
KpAddressBook *
kp_address_book_new_from_bytes (GBytes *bytes, GError **error)
{
  g_autoptr (KpAddressBook) self = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (KP_TYPE_ADDRESS_BOOK, NULL);
  if (!parse_bytes (self, bytes, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* (transfer full) */
KpAddressBook *
kp_address_book_new_from_file (const char *path, GError **error)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local_error = NULL;
  KpAddressBook *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  file = g_file_new_for_path (path);
  bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, KP_ADDRESS_BOOK_ERROR, KP_ADDRESS_BOOK_ERROR_READ, "%s: %s", path,
                   local_error->message);
      return NULL;
    }
  self = kp_address_book_new_from_bytes (bytes, &local_error);
  if (self == NULL)
    g_set_error (error, KP_ADDRESS_BOOK_ERROR, local_error->code, "%s: %s", path,
                 local_error->message);
  return self;
}

guint
kp_address_book_get_n_streets (KpAddressBook *self)
{
  g_return_val_if_fail (KP_IS_ADDRESS_BOOK (self), 0);

  return self->streets->len;
}

guint
kp_address_book_get_n_landmarks (KpAddressBook *self)
{
  g_return_val_if_fail (KP_IS_ADDRESS_BOOK (self), 0);

  return self->landmarks->len;
}

/* (transfer full) */
GStrv
kp_address_book_search_streets (KpAddressBook *self, const char *text, guint max_results)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *query = NULL;
  g_autoptr (GArray) matches = NULL;

  g_return_val_if_fail (KP_IS_ADDRESS_BOOK (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  query = kp_address_book_fold (text);
  if (*query == '\0')
    return g_strv_builder_end (builder);
  matches = match_streets (self, query);
  for (guint i = 0; i < matches->len && i < max_results; i++)
    g_strv_builder_add (builder, g_array_index (matches, Match, i).name);
  return g_strv_builder_end (builder);
}

/* (element-type KpPlace) (transfer full) */
GPtrArray *
kp_address_book_search_landmarks (KpAddressBook *self, const char *text, guint max_results)
{
  GPtrArray *places = g_ptr_array_new_with_free_func ((GDestroyNotify) kp_place_free);
  g_autofree char *query = NULL;
  g_autoptr (GArray) matches = NULL;

  g_return_val_if_fail (KP_IS_ADDRESS_BOOK (self), places);
  g_return_val_if_fail (text != NULL, places);

  query = kp_address_book_fold (text);
  if (*query == '\0')
    return places;
  matches = match_landmarks (self, query);
  for (guint i = 0; i < matches->len && i < max_results; i++)
    g_ptr_array_add (places, kp_place_copy (g_ptr_array_index (
                                 self->landmarks, g_array_index (matches, Match, i).index)));
  return places;
}

/* (transfer full) */
KpPlace *
kp_address_book_find_address (KpAddressBook *self,
                              const char *street,
                              const char *house_number,
                              GError **error)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (KP_IS_ADDRESS_BOOK (self), NULL);
  g_return_val_if_fail (street != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  folded = kp_address_book_fold (street);
  return find_in_ranges (self, has_folded_name, folded, house_number,
                         _ ("We cannot find this street. Check the name, or choose a place "
                            "nearby."),
                         error);
}

/* (transfer full) */
KpPlace *
kp_address_book_find_postcode (KpAddressBook *self,
                               const char *postcode,
                               const char *house_number,
                               GError **error)
{
  g_autofree char *checked = NULL;

  g_return_val_if_fail (KP_IS_ADDRESS_BOOK (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  checked = kp_validate_postcode (postcode, error);
  if (checked == NULL)
    return NULL;
  return find_in_ranges (self, has_postcode, checked, house_number,
                         _ ("We cannot find this postcode here. Check it, or search by street "
                            "name."),
                         error);
}
