/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-guide-index.h"

#include "kp-guide.h"
#include "kp-store-private.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

/* A stem keeps at least this many letters, so short words are not cut to nothing. */
#define MIN_STEM 3
/* Words longer than this are not words a resident types; they are left out of the query. */
#define MAX_WORD_CHARS 40
/* A query is a question, not a letter: the words after these are ignored. */
#define MAX_QUERY_WORDS 16
/* How many known terms one unknown word may stand for. */
#define MAX_EXPANSIONS 8

/*
 * How much a query term counts, by how it was found: a word as typed
 * counts fully, a guess (a typo's nearest term, half a compound, the
 * start of a word still being typed) counts less.
 */
#define WEIGHT_EXACT    1.0
#define WEIGHT_COMPOUND 0.8
#define WEIGHT_TYPO     0.6
#define WEIGHT_PREFIX   0.5

/* bm25's usual constants: term frequency saturation and length normalisation. */
#define BM25_K1 1.2
#define BM25_B  0.75

#define SEARCH_SQL                                                                                 \
  "SELECT slug, kp_rank (topic, ?3) AS score FROM topic"                                           \
  " WHERE topic MATCH ?1 ORDER BY score DESC, slug LIMIT ?2"
#define SEARCH_TRIGRAM_SQL                                                                         \
  "SELECT slug, -bm25 (topic_trigram) AS score FROM topic_trigram"                                 \
  " WHERE topic_trigram MATCH ?1 ORDER BY score DESC, slug LIMIT ?2"

/*
 * Column weights, in the order of the topic table: a word in the title or
 * the keywords says far more about a topic than the same word somewhere
 * in its body.
 */
static const double column_weights[] = { 0.0, 10.0, 4.0, 8.0, 1.0 };

/*
 * What kp_rank() needs to know of each phrase of a query: which query
 * word it stands for (a word's alternatives count once, by the best of
 * them) and how much it counts. Passed to SQLite as a blob.
 */
typedef struct
{
  int word;
  double weight;
} PhraseWeight;

/*
 * One word of the vocabulary as it was written (normalised, not stemmed),
 * with its characters ready for the distance and the stem it was indexed
 * as: a typo is nearer to the word than to its stem.
 */
typedef struct
{
  char *text;
  gunichar *chars;
  glong n_chars;
  const char *stem; /* owned by the index's stems */
} Term;

struct _KpGuideIndex
{
  GObject parent_instance;

  char *language;
  GHashTable *stop_words; /* borrowed strings */
  sqlite3 *db;
  sqlite3_stmt *search;
  sqlite3_stmt *search_trigram;
  GHashTable *stems;                              /* the terms in the index */
  GHashTable *words;                              /* word → Term */
  GPtrArray *terms_by_length[MAX_WORD_CHARS + 1]; /* of Term, borrowed from words */
};

G_DEFINE_FINAL_TYPE (KpGuideIndex, kp_guide_index, G_TYPE_OBJECT)

/*
 * Words that say nothing about a topic. Left out of the index and of
 * queries, so "hoe kan ik mijn paspoort verlengen" is about the passport.
 */
static const char *const stop_words_nl[] = {
  "aan",   "al",     "als",  "ben",  "bent",  "bij", "dan",  "dat", "de",   "deze",
  "die",   "dit",    "door", "een",  "en",    "er",  "geen", "had", "heb",  "hebt",
  "heeft", "het",    "hij",  "hoe",  "hun",   "ik",  "in",   "is",  "je",   "jij",
  "jouw",  "kan",    "kun",  "kunt", "maar",  "me",  "mag",  "met", "mij",  "mijn",
  "moet",  "moeten", "na",   "naar", "niet",  "nog", "nu",   "of",  "om",   "omdat",
  "ons",   "onze",   "ook",  "op",   "te",    "tot", "u",    "uw",  "van",  "veel",
  "voor",  "waar",   "wat",  "we",   "welke", "wie", "wij",  "wil", "wilt", "word",
  "wordt", "worden", "ze",   "zij",  "zijn",  "zo",  "zou",  NULL,
};

static const char *const stop_words_en[] = {
  "a",     "about",  "am",   "an",     "and",   "are",  "as",   "at",    "be",   "been",
  "but",   "by",     "can",  "could",  "did",   "do",   "does", "for",   "from", "had",
  "has",   "have",   "he",   "her",    "his",   "how",  "i",    "if",    "in",   "into",
  "is",    "it",     "its",  "me",     "my",    "no",   "not",  "of",    "on",   "or",
  "our",   "please", "she",  "should", "so",    "that", "the",  "their", "them", "there",
  "they",  "this",   "to",   "want",   "was",   "we",   "were", "what",  "when", "where",
  "which", "who",    "will", "with",   "would", "you",  "your", NULL,
};

/* ---- Words ---- */

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == 0x2018;
}

static void
take_word (GString *word, GPtrArray *words)
{
  if (word->len > 0)
    g_ptr_array_add (words, g_strndup (word->str, word->len));
  g_string_truncate (word, 0);
}

/*
 * Appends the words of @text to @words: lower case, without diacritics,
 * split at everything that is not a letter or a digit. Apostrophes join
 * ("auto's" is "autos"). A hyphenated word is split, and with
 * @add_hyphenated also kept whole, so "id-kaart" finds "idkaart" too.
 */
static void
split_words (const char *text, gboolean add_hyphenated, GPtrArray *words)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  g_autoptr (GString) word = g_string_new (NULL);
  g_autoptr (GString) whole = g_string_new (NULL);
  gboolean hyphenated = FALSE;

  if (decomposed == NULL)
    return;
  for (const char *p = decomposed;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c) || is_apostrophe (c))
        continue;
      if (g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, g_unichar_tolower (c));
          g_string_append_unichar (whole, g_unichar_tolower (c));
          continue;
        }
      if (c == '-' && word->len > 0 && g_unichar_isalnum (g_utf8_get_char (p + 1)))
        {
          take_word (word, words);
          hyphenated = TRUE;
          continue;
        }
      take_word (word, words);
      if (hyphenated && add_hyphenated)
        take_word (whole, words);
      g_string_truncate (whole, 0);
      hyphenated = FALSE;
      if (c == 0)
        break;
    }
}

/* ---- Stemming ---- */

static gboolean
is_vowel (char c)
{
  return c != '\0' && strchr ("aeiouy", c) != NULL;
}

/* Removes @suffix from the end of @word when at least MIN_STEM bytes stay. */
static gboolean
strip_suffix (GString *word, const char *suffix)
{
  gsize length = strlen (suffix);

  if (word->len < length + MIN_STEM || !g_str_has_suffix (word->str, suffix))
    return FALSE;
  g_string_truncate (word, word->len - length);
  return TRUE;
}

/* "stemm" → "stem", "kapott" → "kapot". */
static void
undouble_final_consonant (GString *word)
{
  gsize n = word->len;

  if (n > MIN_STEM && word->str[n - 1] == word->str[n - 2] && g_ascii_isalpha (word->str[n - 1])
      && !is_vowel (word->str[n - 1]))
    g_string_truncate (word, n - 1);
}

/* The plural -s of "tafels", "kamers", "auto's", but not the s of "huis" or "rijbewijs". */
static gboolean
is_dutch_plural_s (GString *word)
{
  const char *s = word->str;
  gsize n = word->len;

  if (n <= MIN_STEM || s[n - 1] != 's')
    return FALSE;
  if (strchr ("lrnm", s[n - 2]) != NULL && s[n - 3] == 'e')
    return TRUE;
  return is_vowel (s[n - 2]) && !is_vowel (s[n - 3]);
}

static void
strip_dutch_suffix (GString *word)
{
  static const char *const suffixes[] = {
    "heden", "heid", "etjes", "etje", "tjes", "tje", "pjes", "pje",
    "jes",   "je",   "ingen", "ing",  "en",   "e",   NULL,
  };

  /* "kinderen", "goederen": the plural of "kind", "goed". */
  if (strip_suffix (word, "deren"))
    {
      g_string_append_c (word, 'd');
      return;
    }
  for (guint i = 0; suffixes[i] != NULL; i++)
    if (strip_suffix (word, suffixes[i]))
      return;
  if (is_dutch_plural_s (word))
    g_string_truncate (word, word->len - 1);
}

/* The -d, -t or -dt of a verb ("verhuisd", "meldt"), and so also of "paspoort". */
static void
strip_dutch_d_t (GString *word)
{
  if (!strip_suffix (word, "dt") && !strip_suffix (word, "d"))
    strip_suffix (word, "t");
}

/* "straat", "straten" → "stra"; "aanvraag", "aanvragen" → "aanvrag". */
static void
undouble_final_vowel (GString *word)
{
  const char *s = word->str;
  gsize n = word->len;

  if (n <= MIN_STEM)
    return;
  if (s[n - 1] == s[n - 2] && strchr ("aeou", s[n - 1]) != NULL)
    g_string_truncate (word, n - 1);
  else if (n > MIN_STEM + 1 && !is_vowel (s[n - 1]) && s[n - 2] == s[n - 3]
           && strchr ("aeou", s[n - 2]) != NULL && !is_vowel (s[n - 4]))
    g_string_erase (word, n - 2, 1);
}

/*
 * A light Dutch stemmer: it need not find the true root, only give the
 * forms a resident types the same stem. "verhuizen", "verhuizing",
 * "verhuisd" and "verhuist" all become "verhuis".
 */
static void
stem_dutch (GString *word)
{
  strip_dutch_suffix (word);
  undouble_final_consonant (word);
  strip_dutch_d_t (word);
  /* The z/s and v/f alternation: "verhuizen" / "verhuis", "brieven" / "brief". */
  if (word->len > MIN_STEM && word->str[word->len - 1] == 'z')
    word->str[word->len - 1] = 's';
  if (word->len > MIN_STEM && word->str[word->len - 1] == 'v')
    word->str[word->len - 1] = 'f';
  undouble_final_vowel (word);
}

/* "-es" is a plural ending after s, x, z, ch and sh: "taxes", "boxes", "wishes". */
static gboolean
strip_english_es (GString *word)
{
  static const char *const endings[] = { "ses", "xes", "zes", "ches", "shes", NULL };

  for (guint i = 0; endings[i] != NULL; i++)
    if (g_str_has_suffix (word->str, endings[i]))
      return strip_suffix (word, "es");
  return FALSE;
}

static void
strip_english_suffix (GString *word)
{
  if (strip_suffix (word, "ies") || strip_suffix (word, "ied"))
    {
      g_string_append_c (word, 'y');
      return;
    }
  if (strip_english_es (word) || strip_suffix (word, "ing") || strip_suffix (word, "ed"))
    return;
  if (!g_str_has_suffix (word->str, "ss") && !g_str_has_suffix (word->str, "us")
      && !g_str_has_suffix (word->str, "is"))
    strip_suffix (word, "s");
}

/* "move", "moves", "moved" and "moving" all become "mov". */
static void
stem_english (GString *word)
{
  strip_english_suffix (word);
  strip_suffix (word, "e");
  undouble_final_consonant (word);
}

/* @word is already split and normalised. (transfer full) */
static char *
stem_word (const char *language, const char *word)
{
  GString *stem = g_string_new (word);

  if (g_str_equal (language, "nl"))
    stem_dutch (stem);
  else if (g_str_equal (language, "en"))
    stem_english (stem);
  return g_string_free (stem, FALSE);
}

/* ---- Vocabulary and distance ---- */

static void
term_free (Term *term)
{
  g_free (term->chars);
  g_free (term->text);
  g_free (term);
}

/*
 * The optimal string alignment distance, cut short as soon as every cell
 * of a row exceeds @max: most vocabulary terms are far from the word
 * typed, and that is known after a character or two.
 */
static guint
distance_chars (const gunichar *a, glong n_a, const gunichar *b, glong n_b, guint max)
{
  g_autofree guint *rows = NULL;
  guint *previous2, *previous, *current;

  if ((guint) ABS (n_a - n_b) > max)
    return max + 1;

  rows = g_new (guint, 3 * (n_b + 1));
  previous2 = rows;
  previous = rows + (n_b + 1);
  current = rows + 2 * (n_b + 1);
  for (glong j = 0; j <= n_b; j++)
    previous[j] = j;

  for (glong i = 1; i <= n_a; i++)
    {
      guint row_min;

      current[0] = i;
      row_min = current[0];
      for (glong j = 1; j <= n_b; j++)
        {
          guint cost = a[i - 1] == b[j - 1] ? 0 : 1;
          guint best = MIN (MIN (previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);

          if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
            best = MIN (best, previous2[j - 2] + 1);
          current[j] = best;
          row_min = MIN (row_min, best);
        }
      if (row_min > max)
        return max + 1;

      /* Rotate the three rows. */
      {
        guint *oldest = previous2;

        previous2 = previous;
        previous = current;
        current = oldest;
      }
    }
  return MIN (previous[n_b], max + 1);
}

/* Adds @word and its @stem to the vocabulary. (transfer none): the stem as the index keeps it */
static const char *
add_term (KpGuideIndex *self, const char *word, const char *stem)
{
  const char *kept_stem = g_hash_table_lookup (self->stems, stem);
  Term *term;

  if (kept_stem == NULL)
    {
      char *copy = g_strdup (stem);

      g_hash_table_add (self->stems, copy);
      kept_stem = copy;
    }
  if (g_hash_table_contains (self->words, word))
    return kept_stem;

  term = g_new0 (Term, 1);
  term->text = g_strdup (word);
  term->chars = g_utf8_to_ucs4_fast (word, -1, &term->n_chars);
  term->stem = kept_stem;
  g_hash_table_insert (self->words, term->text, term);
  if (term->n_chars <= MAX_WORD_CHARS)
    g_ptr_array_add (self->terms_by_length[term->n_chars], term);
  return kept_stem;
}

/* How far a typed word may be from a known term: none for short words, where it guesses wildly. */
static guint
allowed_distance (glong n_chars)
{
  if (n_chars >= 8)
    return 2;
  return n_chars >= 4 ? 1 : 0;
}

/*
 * Adds to @nearest the stems of the known words closest to @chars within
 * @max, and lowers @max to the distance found, so only the nearest stay.
 */
static void
collect_nearest (
    KpGuideIndex *self, const gunichar *chars, glong n_chars, guint *max, GPtrArray *nearest)
{
  glong from = MAX (n_chars - (glong) *max, 1);
  glong to = MIN (n_chars + (glong) *max, MAX_WORD_CHARS);

  for (glong length = from; length <= to; length++)
    {
      GPtrArray *terms = self->terms_by_length[length];

      for (guint i = 0; i < terms->len; i++)
        {
          Term *term = g_ptr_array_index (terms, i);
          guint distance = distance_chars (chars, n_chars, term->chars, term->n_chars, *max);

          if (distance > *max)
            continue;
          if (distance < *max)
            {
              g_ptr_array_set_size (nearest, 0);
              *max = distance;
            }
          if (!g_ptr_array_find_with_equal_func (nearest, term->stem, g_str_equal, NULL))
            g_ptr_array_add (nearest, (gpointer) term->stem);
        }
    }
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/*
 * The stems of the known words nearest to @word as typed or to its @stem
 * (the stemmer may not recognise a misspelt ending). (transfer container)
 */
static GPtrArray *
find_nearest_terms (KpGuideIndex *self, const char *word, const char *stem)
{
  g_autoptr (GPtrArray) nearest = g_ptr_array_new ();
  glong n_word = g_utf8_strlen (word, -1);
  g_autofree gunichar *word_chars = g_utf8_to_ucs4_fast (word, -1, NULL);
  g_autofree gunichar *stem_chars = NULL;
  glong n_stem = 0;
  guint max = allowed_distance (n_word);

  if (max == 0)
    return g_steal_pointer (&nearest);
  stem_chars = g_utf8_to_ucs4_fast (stem, -1, &n_stem);
  collect_nearest (self, stem_chars, n_stem, &max, nearest);
  if (!g_str_equal (word, stem))
    collect_nearest (self, word_chars, n_word, &max, nearest);

  g_ptr_array_sort (nearest, compare_strings);
  if (nearest->len > MAX_EXPANSIONS)
    g_ptr_array_set_size (nearest, MAX_EXPANSIONS);
  return g_steal_pointer (&nearest);
}

/*
 * Dutch glues words together: "paspoortaanvraag" is "paspoort" and
 * "aanvraag". Finds the one split (with an optional linking "s" or "e")
 * whose two halves are both known terms. (transfer container)
 */
static GPtrArray *
split_compound (KpGuideIndex *self, const char *word)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new ();
  gsize length = strlen (word);

  for (gsize cut = MIN_STEM; cut + MIN_STEM <= length; cut++)
    {
      g_autofree char *head = g_strndup (word, cut);
      g_autofree char *head_stem = stem_word (self->language, head);
      const char *tail = word + cut;
      g_autofree char *tail_stem = NULL;
      const char *head_term = g_hash_table_lookup (self->stems, head_stem);
      const char *tail_term;

      if (head_term == NULL)
        continue;
      if ((tail[0] == 's' || tail[0] == 'e') && strlen (tail) > MIN_STEM
          && !g_hash_table_contains (self->words, tail))
        tail++;
      tail_stem = stem_word (self->language, tail);
      tail_term = g_hash_table_lookup (self->stems, tail_stem);
      if (tail_term != NULL)
        {
          g_ptr_array_add (parts, (gpointer) head_term);
          g_ptr_array_add (parts, (gpointer) tail_term);
          break;
        }
    }
  return g_steal_pointer (&parts);
}

typedef enum
{
  EXPANDED_NOT,      /* nothing known is near */
  EXPANDED_EXACT,    /* the index knows the word's stem */
  EXPANDED_TYPO,     /* the nearest known terms */
  EXPANDED_COMPOUND, /* the two known words it is made of */
} Expansion;

/*
 * The terms @word stands for, as in kp_guide_index_expand_word(), which
 * @terms is filled with, and how they were found. The strings belong to
 * the vocabulary.
 */
static Expansion
expand_word (KpGuideIndex *self, const char *word, GPtrArray *terms)
{
  g_autofree char *stem = stem_word (self->language, word);
  const char *known = g_hash_table_lookup (self->stems, stem);
  g_autoptr (GPtrArray) nearest = NULL;
  g_autoptr (GPtrArray) parts = NULL;

  if (known != NULL)
    {
      g_ptr_array_add (terms, (gpointer) known);
      return EXPANDED_EXACT;
    }
  nearest = find_nearest_terms (self, word, stem);
  if (nearest->len > 0)
    {
      g_ptr_array_extend (terms, nearest, NULL, NULL);
      return EXPANDED_TYPO;
    }
  parts = split_compound (self, word);
  g_ptr_array_extend (terms, parts, NULL, NULL);
  return parts->len > 0 ? EXPANDED_COMPOUND : EXPANDED_NOT;
}

/* ---- Indexing ---- */

/* The words of @text as stems, separated by spaces, each added to the vocabulary. (transfer full) */
static char *
analyse_text (KpGuideIndex *self, const char *text)
{
  g_autoptr (GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  GString *stems = g_string_new (NULL);

  split_words (text, TRUE, words);
  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      g_autofree char *stem = NULL;

      if (g_hash_table_contains (self->stop_words, word))
        continue;
      stem = stem_word (self->language, word);
      if (stems->len > 0)
        g_string_append_c (stems, ' ');
      g_string_append (stems, add_term (self, word, stem));
    }
  return g_string_free (stems, FALSE);
}

/* Every block of every section, one after another. (transfer full) */
static char *
dup_body_text (KpGuideTopic *topic)
{
  GPtrArray *sections = kp_guide_topic_get_sections (topic);
  GString *body = g_string_new (NULL);

  for (guint s = 0; s < sections->len; s++)
    {
      const KpGuideSection *section = g_ptr_array_index (sections, s);

      for (guint b = 0; b < section->blocks->len; b++)
        {
          const KpGuideBlock *block = g_ptr_array_index (section->blocks, b);

          g_string_append (body, block->text);
          g_string_append_c (body, '\n');
        }
    }
  return g_string_free (body, FALSE);
}

static gboolean
set_sqlite_error (KpGuideIndex *self, GError **error)
{
  g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_INDEX, _ ("The search index failed: %s"),
               sqlite3_errmsg (self->db));
  return FALSE;
}

static gboolean
exec_sql (KpGuideIndex *self, const char *sql, GError **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return set_sqlite_error (self, error);
  return TRUE;
}

static gboolean
step_done (KpGuideIndex *self, sqlite3_stmt *stmt, GError **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (self, error);
  return TRUE;
}

static gboolean
index_topic (KpGuideIndex *self,
             KpGuideTopic *topic,
             sqlite3_stmt *insert,
             sqlite3_stmt *insert_trigram,
             GError **error)
{
  g_autofree char *keywords = g_strjoinv (", ", (GStrv) kp_guide_topic_get_keywords (topic));
  g_autofree char *body = dup_body_text (topic);
  const char *texts[]
      = { kp_guide_topic_get_title (topic), kp_guide_topic_get_summary (topic), keywords, body };
  g_autoptr (GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *all_words = NULL;

  sqlite3_reset (insert);
  sqlite3_bind_text (insert, 1, kp_guide_topic_get_slug (topic), -1, SQLITE_STATIC);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      sqlite3_bind_text (insert, i + 2, analyse_text (self, texts[i]), -1, g_free);
      split_words (texts[i], TRUE, words);
    }
  if (!step_done (self, insert, error))
    return FALSE;

  /* Unstemmed, so the trigram table finds a typed word inside a longer one. */
  g_ptr_array_add (words, NULL);
  all_words = g_strjoinv (" ", (GStrv) words->pdata);
  sqlite3_reset (insert_trigram);
  sqlite3_bind_text (insert_trigram, 1, kp_guide_topic_get_slug (topic), -1, SQLITE_STATIC);
  sqlite3_bind_text (insert_trigram, 2, all_words, -1, SQLITE_TRANSIENT);
  return step_done (self, insert_trigram, error);
}

static gboolean
create_tables (KpGuideIndex *self, GError **error)
{
  return exec_sql (self,
                   "CREATE VIRTUAL TABLE topic USING fts5"
                   " (slug UNINDEXED, title, summary, keywords, body,"
                   "  tokenize = 'unicode61 remove_diacritics 0');"
                   "CREATE VIRTUAL TABLE topic_trigram USING fts5"
                   " (slug UNINDEXED, words, tokenize = 'trigram');",
                   error);
}

static gboolean
prepare (KpGuideIndex *self, const char *sql, sqlite3_stmt **stmt, GError **error)
{
  if (sqlite3_prepare_v2 (self->db, sql, -1, stmt, NULL) != SQLITE_OK)
    return set_sqlite_error (self, error);
  return TRUE;
}

static gboolean
index_topics (KpGuideIndex *self, GPtrArray *topics, GError **error)
{
  g_autoptr (sqlite3_stmt) insert = NULL;
  g_autoptr (sqlite3_stmt) insert_trigram = NULL;

  if (!prepare (self, "INSERT INTO topic VALUES (?1, ?2, ?3, ?4, ?5)", &insert, error)
      || !prepare (self, "INSERT INTO topic_trigram VALUES (?1, ?2)", &insert_trigram, error)
      || !exec_sql (self, "BEGIN", error))
    return FALSE;
  for (guint i = 0; i < topics->len; i++)
    if (!index_topic (self, g_ptr_array_index (topics, i), insert, insert_trigram, error))
      return FALSE;
  return exec_sql (self, "COMMIT", error);
}

/* ---- Ranking ---- */

/*
 * What kp_rank() computes once per query: each phrase's inverse document
 * frequency and each column's average length.
 */
typedef struct
{
  const PhraseWeight *phrases;
  int n_phrases;
  int n_words;
  int n_columns;
  double *idf;
  double *average_length;
} RankData;

static void
rank_data_free (void *pointer)
{
  RankData *data = pointer;

  g_free (data->average_length);
  g_free (data->idf);
  g_free (data);
}

static int
count_row (const Fts5ExtensionApi *api, Fts5Context *fts, void *user_data)
{
  (*(sqlite3_int64 *) user_data)++;
  return SQLITE_OK;
}

/*
 * bm25 as SQLite has it clamps the inverse document frequency of a term
 * found in more than half of the topics to almost nothing; with thirty
 * topics that silences words like "paspoort". This is Lucene's form,
 * which stays positive.
 */
static int
compute_rank_data (const Fts5ExtensionApi *api, Fts5Context *fts, RankData *data)
{
  sqlite3_int64 n_rows = 0;
  int status = api->xRowCount (fts, &n_rows);

  data->idf = g_new0 (double, data->n_phrases);
  data->average_length = g_new0 (double, data->n_columns);
  for (int p = 0; status == SQLITE_OK && p < data->n_phrases; p++)
    {
      sqlite3_int64 n_hits = 0;

      status = api->xQueryPhrase (fts, p, &n_hits, count_row);
      data->idf[p] = log (1.0 + (n_rows - n_hits + 0.5) / (n_hits + 0.5));
    }
  for (int c = 0; status == SQLITE_OK && c < data->n_columns; c++)
    {
      sqlite3_int64 total = 0;

      status = api->xColumnTotalSize (fts, c, &total);
      data->average_length[c] = n_rows > 0 ? MAX ((double) total / n_rows, 1.0) : 1.0;
    }
  return status;
}

/* (nullable) (transfer none): owned by the query, NULL after an error result */
static RankData *
get_rank_data (const Fts5ExtensionApi *api,
               Fts5Context *fts,
               sqlite3_context *context,
               sqlite3_value *weights)
{
  RankData *data = api->xGetAuxdata (fts, 0);
  int n_phrases = api->xPhraseCount (fts);
  int status;

  if (data != NULL)
    return data;
  if (sqlite3_value_bytes (weights) != (int) (n_phrases * sizeof (PhraseWeight))
      || api->xColumnCount (fts) != (int) G_N_ELEMENTS (column_weights))
    {
      sqlite3_result_error (context, "kp_rank: one weight per phrase is needed", -1);
      return NULL;
    }

  data = g_new0 (RankData, 1);
  data->phrases = sqlite3_value_blob (weights);
  data->n_phrases = n_phrases;
  data->n_columns = G_N_ELEMENTS (column_weights);
  for (int p = 0; p < n_phrases; p++)
    data->n_words = MAX (data->n_words, data->phrases[p].word + 1);
  status = compute_rank_data (api, fts, data);
  if (status == SQLITE_OK)
    status = api->xSetAuxdata (fts, data, rank_data_free);
  else
    rank_data_free (data);
  if (status != SQLITE_OK)
    {
      sqlite3_result_error_code (context, status);
      return NULL;
    }
  return data;
}

/* The bm25 score of every phrase in every column of the current row. (transfer full) */
static double *
score_phrases (const Fts5ExtensionApi *api, Fts5Context *fts, RankData *data)
{
  g_autofree int *counts = g_new0 (int, data->n_phrases * data->n_columns);
  double *scores = g_new0 (double, data->n_phrases);
  int n_instances = 0;

  api->xInstCount (fts, &n_instances);
  for (int i = 0; i < n_instances; i++)
    {
      int phrase, column, offset;

      if (api->xInst (fts, i, &phrase, &column, &offset) == SQLITE_OK)
        counts[phrase * data->n_columns + column]++;
    }
  for (int p = 0; p < data->n_phrases; p++)
    for (int c = 0; c < data->n_columns; c++)
      {
        double frequency = counts[p * data->n_columns + c];
        int length = 0;

        if (frequency == 0)
          continue;
        api->xColumnSize (fts, c, &length);
        scores[p]
            += column_weights[c] * data->idf[p] * frequency * (BM25_K1 + 1)
               / (frequency + BM25_K1 * (1 - BM25_B + BM25_B * length / data->average_length[c]));
      }
  return scores;
}

/*
 * kp_rank (table, weights): a query word counts by the best of its
 * alternatives, times the alternative's weight, and the topic's score is
 * the sum over the query's words. Higher is better.
 */
static void
rank_topic (const Fts5ExtensionApi *api,
            Fts5Context *fts,
            sqlite3_context *context,
            int n_args,
            sqlite3_value **args)
{
  RankData *data;
  g_autofree double *scores = NULL;
  g_autofree double *best = NULL;
  double total = 0;

  if (n_args != 1)
    {
      sqlite3_result_error (context, "kp_rank: one argument, the weights, is needed", -1);
      return;
    }
  data = get_rank_data (api, fts, context, args[0]);
  if (data == NULL)
    return;

  scores = score_phrases (api, fts, data);
  best = g_new0 (double, data->n_words);
  for (int p = 0; p < data->n_phrases; p++)
    {
      const PhraseWeight *phrase = &data->phrases[p];

      best[phrase->word] = MAX (best[phrase->word], phrase->weight * scores[p]);
    }
  for (int w = 0; w < data->n_words; w++)
    total += best[w];
  sqlite3_result_double (context, total);
}

static gboolean
register_rank_function (KpGuideIndex *self, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  fts5_api *api = NULL;

  if (!prepare (self, "SELECT fts5 (?1)", &stmt, error))
    return FALSE;
  sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  if (api == NULL || api->xCreateFunction (api, "kp_rank", NULL, rank_topic, NULL) != SQLITE_OK)
    return set_sqlite_error (self, error);
  return TRUE;
}

/* ---- Searching ---- */

typedef struct
{
  GString *match;   /* the FTS5 query over the stemmed table */
  GArray *phrases;  /* of PhraseWeight, one per phrase in match */
  int n_words;      /* query words so far */
  GString *trigram; /* the words as typed, for the trigram table */
} Query;

static void
query_clear (Query *query)
{
  g_string_free (query->trigram, TRUE);
  g_array_unref (query->phrases);
  g_string_free (query->match, TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Query, query_clear)

/* A term for an FTS5 query: quoted, and with "*" to match the terms it starts. */
static void
append_term (GString *match, const char *term, gboolean prefix)
{
  if (match->len > 0)
    g_string_append (match, " OR ");
  /* Terms are letters and digits only, so the quotes cannot be escaped. */
  g_string_append_printf (match, "\"%s\"%s", term, prefix ? " *" : "");
}

static void
add_phrase (Query *query, int word, const char *term, gboolean prefix, double weight)
{
  PhraseWeight phrase = { word, weight };

  append_term (query->match, term, prefix);
  g_array_append_val (query->phrases, phrase);
}

static void
add_query_word (KpGuideIndex *self, Query *query, const char *word, gboolean unfinished)
{
  g_autoptr (GPtrArray) terms = g_ptr_array_new ();
  Expansion expansion = expand_word (self, word, terms);
  int index = query->n_words++;

  for (guint i = 0; i < terms->len; i++)
    {
      const char *term = g_ptr_array_index (terms, i);

      if (expansion == EXPANDED_EXACT)
        add_phrase (query, index, term, FALSE, WEIGHT_EXACT);
      else if (expansion == EXPANDED_TYPO)
        add_phrase (query, index, term, FALSE, WEIGHT_TYPO);
      else
        /* Both halves of a compound count, each as a word of its own. */
        add_phrase (query, i == 0 ? index : query->n_words++, term, FALSE, WEIGHT_COMPOUND);
    }

  /* The word being typed: "pasp" should already find "paspoort". */
  if (unfinished && g_utf8_strlen (word, -1) >= 2)
    {
      g_autofree char *stem = stem_word (self->language, word);

      add_phrase (query, index, word, TRUE, WEIGHT_PREFIX);
      if (!g_str_equal (stem, word))
        add_phrase (query, index, stem, TRUE, WEIGHT_PREFIX);
    }
  /* Trigrams need three characters. */
  if (g_utf8_strlen (word, -1) >= 3)
    append_term (query->trigram, word, FALSE);
}

static void
build_query (KpGuideIndex *self, const char *text, Query *query)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autoptr (GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  gsize length = strlen (valid);
  gboolean typing = length > 0 && !g_ascii_isspace (valid[length - 1]);

  split_words (valid, FALSE, words);
  for (guint i = 0; i < words->len && query->n_words < MAX_QUERY_WORDS; i++)
    {
      const char *word = g_ptr_array_index (words, i);

      if (g_hash_table_contains (self->stop_words, word)
          || g_utf8_strlen (word, -1) > MAX_WORD_CHARS)
        continue;
      add_query_word (self, query, word, typing && i + 1 == words->len);
    }
}

/* Appends to @hits what @stmt finds; its first parameter is the query, the second the limit. */
static gboolean
run_query (
    KpGuideIndex *self, sqlite3_stmt *stmt, guint max_results, GPtrArray *hits, GError **error)
{
  int status;

  sqlite3_bind_int (stmt, 2, max_results);
  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KpGuideHit *hit = g_new0 (KpGuideHit, 1);

      hit->slug = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      hit->score = sqlite3_column_double (stmt, 1);
      g_ptr_array_add (hits, hit);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (status != SQLITE_DONE)
    return set_sqlite_error (self, error);
  return TRUE;
}

static gboolean
search_stems (KpGuideIndex *self, Query *query, guint max_results, GPtrArray *hits, GError **error)
{
  if (query->match->len == 0)
    return TRUE;
  sqlite3_bind_text (self->search, 1, query->match->str, -1, SQLITE_STATIC);
  sqlite3_bind_blob (self->search, 3, query->phrases->data,
                     query->phrases->len * sizeof (PhraseWeight), SQLITE_STATIC);
  return run_query (self, self->search, max_results, hits, error);
}

static gboolean
search_trigrams (
    KpGuideIndex *self, Query *query, guint max_results, GPtrArray *hits, GError **error)
{
  if (query->trigram->len == 0)
    return TRUE;
  sqlite3_bind_text (self->search_trigram, 1, query->trigram->str, -1, SQLITE_STATIC);
  return run_query (self, self->search_trigram, max_results, hits, error);
}

/* ---- GObject ---- */

static void
kp_guide_index_finalize (GObject *object)
{
  KpGuideIndex *self = KP_GUIDE_INDEX (object);

  for (guint i = 0; i <= MAX_WORD_CHARS; i++)
    g_clear_pointer (&self->terms_by_length[i], g_ptr_array_unref);
  g_clear_pointer (&self->words, g_hash_table_unref);
  g_clear_pointer (&self->stems, g_hash_table_unref);
  g_clear_pointer (&self->search_trigram, sqlite3_finalize);
  g_clear_pointer (&self->search, sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->stop_words, g_hash_table_unref);
  g_clear_pointer (&self->language, g_free);

  G_OBJECT_CLASS (kp_guide_index_parent_class)->finalize (object);
}

static void
kp_guide_index_class_init (KpGuideIndexClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kp_guide_index_finalize;
}

static void
kp_guide_index_init (KpGuideIndex *self)
{
  self->stop_words = g_hash_table_new (g_str_hash, g_str_equal);
  self->stems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->words = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) term_free);
  for (guint i = 0; i <= MAX_WORD_CHARS; i++)
    self->terms_by_length[i] = g_ptr_array_new ();
}

/* ---- Public ---- */

/* (transfer full) */
KpGuideIndex *
kp_guide_index_new (const char *language, GPtrArray *topics, GError **error)
{
  g_autoptr (KpGuideIndex) self = NULL;
  const char *const *stop_words = NULL;

  g_return_val_if_fail (language != NULL, NULL);
  g_return_val_if_fail (topics != NULL, NULL);

  self = g_object_new (KP_TYPE_GUIDE_INDEX, NULL);
  self->language = g_strdup (language);
  if (g_str_equal (language, "nl"))
    stop_words = stop_words_nl;
  else if (g_str_equal (language, "en"))
    stop_words = stop_words_en;
  for (guint i = 0; stop_words != NULL && stop_words[i] != NULL; i++)
    g_hash_table_add (self->stop_words, (gpointer) stop_words[i]);

  if (sqlite3_open_v2 (":memory:", &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL)
      != SQLITE_OK)
    {
      set_sqlite_error (self, error);
      return NULL;
    }
  if (!register_rank_function (self, error) || !create_tables (self, error)
      || !index_topics (self, topics, error) || !prepare (self, SEARCH_SQL, &self->search, error)
      || !prepare (self, SEARCH_TRIGRAM_SQL, &self->search_trigram, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
kp_guide_index_get_language (KpGuideIndex *self)
{
  g_return_val_if_fail (KP_IS_GUIDE_INDEX (self), NULL);

  return self->language;
}

guint
kp_guide_index_get_n_terms (KpGuideIndex *self)
{
  g_return_val_if_fail (KP_IS_GUIDE_INDEX (self), 0);

  return g_hash_table_size (self->stems);
}

/* (transfer full) */
GPtrArray *
kp_guide_index_search (KpGuideIndex *self, const char *query, guint max_results, GError **error)
{
  g_autoptr (GPtrArray) hits = NULL;
  g_auto (Query) built = { NULL };

  g_return_val_if_fail (KP_IS_GUIDE_INDEX (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  hits = g_ptr_array_new_with_free_func ((GDestroyNotify) kp_guide_hit_free);
  built.match = g_string_new (NULL);
  built.phrases = g_array_new (FALSE, FALSE, sizeof (PhraseWeight));
  built.trigram = g_string_new (NULL);
  build_query (self, query, &built);

  if (!search_stems (self, &built, max_results, hits, error))
    return NULL;
  if (hits->len == 0 && !search_trigrams (self, &built, max_results, hits, error))
    return NULL;
  return g_steal_pointer (&hits);
}

/* (transfer full) */
GStrv
kp_guide_index_expand_word (KpGuideIndex *self, const char *word)
{
  g_autoptr (GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (KP_IS_GUIDE_INDEX (self), NULL);
  g_return_val_if_fail (word != NULL, NULL);

  split_words (word, FALSE, words);
  if (words->len > 0)
    {
      g_autoptr (GPtrArray) terms = g_ptr_array_new ();

      expand_word (self, g_ptr_array_index (words, 0), terms);
      for (guint i = 0; i < terms->len; i++)
        g_strv_builder_add (builder, g_ptr_array_index (terms, i));
    }
  return g_strv_builder_end (builder);
}

/* (transfer full) */
char *
kp_guide_index_stem (const char *language, const char *word)
{
  g_autoptr (GPtrArray) words = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (language != NULL, NULL);
  g_return_val_if_fail (word != NULL, NULL);

  split_words (word, FALSE, words);
  if (words->len == 0)
    return g_strdup ("");
  return stem_word (language, g_ptr_array_index (words, 0));
}

guint
kp_guide_index_distance (const char *a, const char *b, guint max)
{
  g_autofree gunichar *a_chars = NULL;
  g_autofree gunichar *b_chars = NULL;
  glong n_a = 0, n_b = 0;

  g_return_val_if_fail (a != NULL && b != NULL, max + 1);

  a_chars = g_utf8_to_ucs4_fast (a, -1, &n_a);
  b_chars = g_utf8_to_ucs4_fast (b, -1, &n_b);
  return distance_chars (a_chars, n_a, b_chars, n_b, max);
}

void
kp_guide_hit_free (KpGuideHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->slug);
  g_free (hit);
}
