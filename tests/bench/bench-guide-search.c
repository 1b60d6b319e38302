/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "../unit/guide-questions.h"
#include "kp-guide.h"
#include "kp-test-helpers.h"

#include <stdlib.h>
#include <string.h>

/*
 * How long a search takes: for the residents' questions of
 * test-guide-search, whole and as typed (every prefix, as the kiosk
 * searches on each key), on the shipped bundle and on a generated bundle
 * of 1,000 topics. Prints figures; asserts nothing about them (timing
 * belongs in a benchmark, not in a test).
 *   meson test -C BUILD --benchmark guide-search
 */

#define ROUNDS           5
#define MAX_RESULTS      10
#define SYNTHETIC_TOPICS 1000
#define SYNTHETIC_WORDS  6000
#define BODY_WORDS       160

typedef struct
{
  GArray *whole;     /* of gint64 microseconds, one per question and round */
  GArray *keystroke; /* one per prefix and round */
} Timings;

static int
compare_times (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The value below which @fraction of @samples lie (sorts them). */
static gint64
percentile (GArray *samples, double fraction)
{
  guint i;

  g_array_sort (samples, compare_times);
  i = MIN ((guint) (fraction * samples->len), samples->len - 1);
  return g_array_index (samples, gint64, i);
}

static void
print_figures (const char *what, GArray *samples)
{
  g_print ("  %-34s median %6.3f ms   p99 %6.3f ms   max %6.3f ms   (%u searches)\n", what,
           percentile (samples, 0.5) / 1000.0, percentile (samples, 0.99) / 1000.0,
           percentile (samples, 1.0) / 1000.0, samples->len);
}

static gint64
time_search (KpGuideIndex *index, const char *query)
{
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  g_autoptr (GPtrArray) hits = kp_guide_index_search (index, query, MAX_RESULTS, &error);
  gint64 elapsed = g_get_monotonic_time () - start;

  if (hits == NULL)
    g_error ("searching “%s”: %s", query, error->message);
  return elapsed;
}

/* Every question of @language, whole and by each prefix, ROUNDS times. */
static void
time_questions (KpGuideIndex *index, const char *language, Timings *timings)
{
  for (guint round = 0; round < ROUNDS; round++)
    for (gsize q = 0; q < G_N_ELEMENTS (guide_questions); q++)
      {
        const char *question = guide_questions[q].question;
        gint64 elapsed;

        if (!g_str_equal (guide_questions[q].language, language))
          continue;
        elapsed = time_search (index, question);
        g_array_append_val (timings->whole, elapsed);
        for (const char *end = g_utf8_next_char (question);; end = g_utf8_next_char (end))
          {
            g_autofree char *prefix = g_strndup (question, end - question);

            elapsed = time_search (index, prefix);
            g_array_append_val (timings->keystroke, elapsed);
            if (*end == '\0')
              break;
          }
      }
}

static void
timings_init (Timings *timings)
{
  timings->whole = g_array_new (FALSE, FALSE, sizeof (gint64));
  timings->keystroke = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static void
timings_clear (Timings *timings)
{
  g_array_unref (timings->keystroke);
  g_array_unref (timings->whole);
}

/* (transfer full) */
static KpGuide *
load_timed (const char *folder, const char *language, gint64 *elapsed)
{
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  KpGuide *guide = kp_guide_load (folder, language, &error);

  *elapsed = g_get_monotonic_time () - start;
  if (guide == NULL)
    g_error ("loading %s/%s: %s", folder, language, error->message);
  return guide;
}

static void
bench_bundle (const char *title, const char *folder, const char *const *languages)
{
  g_print ("%s (%s)\n", title, folder);
  for (guint l = 0; languages[l] != NULL; l++)
    {
      gint64 load_time;
      g_autoptr (KpGuide) guide = load_timed (folder, languages[l], &load_time);
      KpGuideIndex *index = kp_guide_get_index (guide);
      Timings timings;
      g_autofree char *whole = g_strdup_printf ("%s questions, whole:", languages[l]);
      g_autofree char *typed = g_strdup_printf ("%s questions, each keystroke:", languages[l]);

      g_print ("  %s: %u topics, %u terms, loaded and indexed in %.1f ms\n", languages[l],
               kp_guide_get_topics (guide)->len, kp_guide_index_get_n_terms (index),
               load_time / 1000.0);
      timings_init (&timings);
      time_questions (index, languages[l], &timings);
      print_figures (whole, timings.whole);
      print_figures (typed, timings.keystroke);
      timings_clear (&timings);
    }
}

/* ---- A generated bundle ---- */

/*
 * Made-up Dutch-looking words, and the real words of the questions among
 * them, so the questions find something and typos have neighbours.
 * (transfer full)
 */
static GPtrArray *
make_word_pool (GRand *rand)
{
  static const char *const onsets[] = { "b", "d", "g", "k", "l",  "m",  "n",  "p",  "r",   "s",
                                        "t", "v", "w", "z", "st", "tr", "gr", "kl", "sch", "" };
  static const char *const vowels[]
      = { "a", "e", "i", "o", "u", "aa", "ee", "oo", "ui", "ij", "ou" };
  static const char *const codas[] = { "", "n", "r", "s", "t", "l", "k", "ng", "rt", "ld" };
  GPtrArray *pool = g_ptr_array_new_with_free_func (g_free);

  for (gsize q = 0; q < G_N_ELEMENTS (guide_questions); q++)
    {
      g_auto (GStrv) words = g_strsplit (guide_questions[q].question, " ", -1);

      for (guint w = 0; words[w] != NULL; w++)
        if (*words[w] != '\0')
          g_ptr_array_add (pool, g_strdup (words[w]));
    }
  while (pool->len < SYNTHETIC_WORDS)
    {
      GString *word = g_string_new (NULL);
      guint n_syllables = g_rand_int_range (rand, 1, 5);

      for (guint s = 0; s < n_syllables; s++)
        {
          g_string_append (word, onsets[g_rand_int_range (rand, 0, G_N_ELEMENTS (onsets))]);
          g_string_append (word, vowels[g_rand_int_range (rand, 0, G_N_ELEMENTS (vowels))]);
          g_string_append (word, codas[g_rand_int_range (rand, 0, G_N_ELEMENTS (codas))]);
        }
      g_ptr_array_add (pool, g_string_free (word, FALSE));
    }
  return pool;
}

/* Common words are common: a rough Zipf distribution over the pool. */
static const char *
pick_word (GRand *rand, GPtrArray *pool)
{
  double u = g_rand_double (rand);
  guint i = (guint) (pool->len * u * u * u);

  return g_ptr_array_index (pool, MIN (i, pool->len - 1));
}

static void
append_words (GString *text, GRand *rand, GPtrArray *pool, guint n, const char *separator)
{
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (text, separator);
      g_string_append (text, pick_word (rand, pool));
    }
}

static void
write_file (const char *folder, const char *name, const char *contents)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr (GError) error = NULL;

  if (!g_file_set_contents (path, contents, -1, &error))
    g_error ("%s", error->message);
}

static void
write_synthetic_topic (const char *folder, guint n, GRand *rand, GPtrArray *pool)
{
  g_autofree char *slug = g_strdup_printf ("onderwerp-%04u", n);
  g_autofree char *name = g_strconcat (slug, ".topic", NULL);
  g_autoptr (GString) text = g_string_new (NULL);

  g_string_append_printf (text, "Slug: %s\nTitle: ", slug);
  append_words (text, rand, pool, g_rand_int_range (rand, 2, 6), " ");
  g_string_append (text, "\nSummary: ");
  append_words (text, rand, pool, 12, " ");
  g_string_append (text, ".\nPictogram: document\nChecked: 2026-01-05\nKeywords: ");
  append_words (text, rand, pool, 12, ", ");
  g_string_append (text, "\nNext: callback\n\n== Steps\n");
  for (guint step = 1; step <= 5; step++)
    {
      g_string_append_printf (text, "%u. ", step);
      append_words (text, rand, pool, BODY_WORDS / 10, " ");
      g_string_append (text, ".\n");
    }
  g_string_append (text, "== Where\n");
  append_words (text, rand, pool, BODY_WORDS / 2, " ");
  g_string_append (text, ".\n");
  write_file (folder, name, text->str);
}

static char *
write_synthetic_bundle (void)
{
  char *folder = kp_test_make_tmpdir ("bench-guide");
  g_autofree char *language = g_build_filename (folder, "nl", NULL);
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261127);
  g_autoptr (GPtrArray) pool = make_word_pool (rand);

  g_assert_cmpint (g_mkdir_with_parents (language, 0700), ==, 0);
  for (guint n = 0; n < SYNTHETIC_TOPICS; n++)
    write_synthetic_topic (language, n, rand, pool);
  write_file (language, "partners.txt",
              "Id: bieb\nName: Bieb\nHelps: Hulp.\nPhone: 1\nAddress: A\n");
  write_file (language, "products.txt", "Id: balie\nName: Balie\n");
  write_file (language, "forms.txt", "Id: klacht\nName: Klacht\n");
  write_file (folder, "groups.txt",
              "Id: alles\nPictogram: document\nTitle-nl: Alles\nTopics: onderwerp-0000\n");
  return folder;
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();
  g_autofree char *shipped = kp_guide_dup_default_folder ();
  g_autofree char *synthetic = NULL;
  const char *const both[] = { "nl", "en", NULL };
  const char *const dutch[] = { "nl", NULL };

  bench_bundle ("Shipped bundle", shipped, both);
  synthetic = write_synthetic_bundle ();
  bench_bundle ("Generated bundle of 1,000 topics", synthetic, dutch);
  kp_test_remove_tree (home);
  return EXIT_SUCCESS;
}
