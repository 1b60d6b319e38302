/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "guide-questions.h"
#include "kp-guide.h"
#include "kp-test-helpers.h"

#include <string.h>

/* The share of residents' questions whose topic must be among the first three results. */
#define MIN_HIT_RATE 0.9
#define TOP          3

/* ---- A small bundle of our own, so the vocabulary is known exactly ---- */

static const struct
{
  const char *slug;
  const char *title;
  const char *keywords;
  const char *body;
} fixture_topics[] = {
  { "paspoort", "Paspoort aanvragen", "paspoort, reisdocument, verlopen",
    "Maak een afspraak voor een nieuw paspoort." },
  { "verhuizing", "Verhuizing doorgeven", "verhuizen, nieuw adres", "Geef uw nieuwe adres door." },
  { "fiets", "Fiets stallen", "fiets", "Zet uw fiets in de fietsenstalling." },
  { "afval", "Afval en containers", "kliko, container, vuilnisbak",
    "Zet de container op de ophaaldag aan de straat." },
};

static char *
fixture_topic_text (guint i)
{
  return g_strdup_printf ("Slug: %s\nTitle: %s\nSummary: Wat u moet weten.\nPictogram: document\n"
                          "Checked: 2026-01-05\nKeywords: %s\nNext: callback\n\n"
                          "== Steps\n%s\n== Where\nIn het gemeentehuis.\n",
                          fixture_topics[i].slug, fixture_topics[i].title,
                          fixture_topics[i].keywords, fixture_topics[i].body);
}

/* (transfer full) */
static KpGuideIndex *
new_fixture_index (void)
{
  g_autofree char *dir = kp_test_make_tmpdir ("guide-search");
  g_autoptr (GPtrArray) topics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  KpGuideIndex *index;

  for (guint i = 0; i < G_N_ELEMENTS (fixture_topics); i++)
    {
      g_autofree char *name = g_strconcat (fixture_topics[i].slug, ".topic", NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = fixture_topic_text (i);

      g_file_set_contents (path, text, -1, &error);
      g_assert_no_error (error);
      g_ptr_array_add (topics, kp_guide_topic_new_from_file (path, "nl", &error));
      g_assert_no_error (error);
    }

  index = kp_guide_index_new ("nl", topics, &error);
  g_assert_no_error (error);
  kp_test_remove_tree (dir);
  return index;
}

/* (transfer full) */
static GPtrArray *
search (KpGuideIndex *index, const char *query, guint max_results)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *hits = kp_guide_index_search (index, query, max_results, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

static const char *
hit_slug (GPtrArray *hits, guint i)
{
  return ((const KpGuideHit *) g_ptr_array_index (hits, i))->slug;
}

/* ---- Residents' questions against the shipped bundle ---- */

/* The position of @slug in @hits, or -1. */
static int
find_hit (GPtrArray *hits, const char *slug)
{
  for (guint i = 0; i < hits->len; i++)
    if (g_str_equal (hit_slug (hits, i), slug))
      return i;
  return -1;
}

static char *
describe_hits (GPtrArray *hits)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < hits->len; i++)
    {
      const KpGuideHit *hit = g_ptr_array_index (hits, i);

      g_string_append_printf (text, "%s%s (%.2f)", i > 0 ? ", " : "", hit->slug, hit->score);
    }
  if (hits->len == 0)
    g_string_append (text, "nothing");
  return g_string_free (text, FALSE);
}

static void
test_questions (void)
{
  g_autofree char *folder = kp_guide_dup_default_folder ();
  g_autoptr (GError) error = NULL;
  g_autoptr (KpGuide) nl = kp_guide_load (folder, "nl", &error);
  g_autoptr (KpGuide) en = NULL;
  guint n_hits = 0;
  double rate;

  g_assert_no_error (error);
  en = kp_guide_load (folder, "en", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (guide_questions); i++)
    {
      const GuideQuestion *question = &guide_questions[i];
      KpGuide *guide = g_str_equal (question->language, "nl") ? nl : en;
      g_autoptr (GPtrArray) hits = search (kp_guide_get_index (guide), question->question, TOP);

      /* Every question's topic must exist, or the table has a typo of its own. */
      g_assert_nonnull (kp_guide_lookup_topic (guide, question->slug));
      if (find_hit (hits, question->slug) >= 0)
        n_hits++;
      else
        {
          g_autofree char *found = describe_hits (hits);

          g_test_message ("miss: [%s] “%s” should find %s, found %s", question->language,
                          question->question, question->slug, found);
        }
    }

  rate = (double) n_hits / G_N_ELEMENTS (guide_questions);
  g_test_message ("hit rate: %u of %u questions (%.1f%%) have their topic in the top %d", n_hits,
                  (guint) G_N_ELEMENTS (guide_questions), 100 * rate, TOP);
  g_assert_cmpuint (G_N_ELEMENTS (guide_questions), >=, 60);
  g_assert_cmpfloat (rate, >=, MIN_HIT_RATE);

  g_assert_finalize_object (g_steal_pointer (&en));
  g_assert_finalize_object (g_steal_pointer (&nl));
}

/* ---- Stemming, distance and typo expansion ---- */

static void
test_stemmer (void)
{
  static const struct
  {
    const char *language;
    const char *word;
    const char *stem;
  } cases[] = {
    /* Verb forms, nouns made of verbs, s/z alternation. */
    { "nl", "verhuizen", "verhuis" },
    { "nl", "verhuizing", "verhuis" },
    { "nl", "verhuisd", "verhuis" },
    { "nl", "verhuist", "verhuis" },
    { "nl", "verhuis", "verhuis" },
    /* A -d typo lands where the -t of the word does. */
    { "nl", "paspoort", "paspor" },
    { "nl", "paspoorten", "paspor" },
    { "nl", "paspoord", "paspor" },
    { "nl", "geboren", "gebor" },
    { "nl", "geboorte", "gebor" },
    /* The s of "rijbewijs" is not a plural. */
    { "nl", "rijbewijs", "rijbewijs" },
    { "nl", "rijbewijzen", "rijbewijs" },
    { "nl", "gezondheid", "gezon" },
    { "nl", "gezond", "gezon" },
    /* Diminutive and v/f alternation. */
    { "nl", "briefje", "brief" },
    { "nl", "brieven", "brief" },
    { "nl", "straat", "stra" },
    { "nl", "straten", "stra" },
    { "nl", "kinderen", "kin" },
    { "nl", "kind", "kin" },
    { "nl", "aanvraag", "aanvrag" },
    { "nl", "aanvragen", "aanvrag" },
    { "nl", "tafels", "tafel" },
    { "nl", "auto's", "auto" },
    { "nl", "huis", "huis" },
    /* Lower case and no diacritics. */
    { "nl", "Geëmigreerd", "geemigrer" },
    /* Short words stay as they are. */
    { "nl", "bak", "bak" },
    { "en", "moving", "mov" },
    { "en", "moved", "mov" },
    { "en", "move", "mov" },
    { "en", "moves", "mov" },
    { "en", "taxes", "tax" },
    { "en", "passports", "passport" },
    { "en", "applied", "apply" },
    { "en", "applying", "apply" },
    { "en", "stopped", "stop" },
    { "en", "houses", "hous" },
    { "en", "house", "hous" },
    /* Other languages are only normalised. */
    { "tr", "Başvurular", "basvurular" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *stem = kp_guide_index_stem (cases[i].language, cases[i].word);

      g_test_message ("%s %s → %s", cases[i].language, cases[i].word, stem);
      g_assert_cmpstr (stem, ==, cases[i].stem);
    }
}

static void
test_distance (void)
{
  static const struct
  {
    const char *a;
    const char *b;
    guint max;
    guint distance;
  } cases[] = {
    { "kitten", "sitting", 3, 3 },
    { "paspoort", "paspoord", 2, 1 },
    /* Two neighbours swapped are one typo. */
    { "verhuizing", "verhuiznig", 2, 1 },
    { "ab", "ba", 1, 1 },
    { "abc", "abc", 0, 0 },
    { "rijbewijs", "rijbewys", 2, 2 },
    /* Beyond the limit the answer is the limit plus one. */
    { "x", "yyyyy", 2, 3 },
    { "paspoort", "kliko", 2, 3 },
    /* Characters, not bytes: "é" is one. */
    { "één", "eén", 2, 1 },
    { "", "abc", 5, 3 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpuint (kp_guide_index_distance (cases[i].a, cases[i].b, cases[i].max), ==,
                        cases[i].distance);
      g_assert_cmpuint (kp_guide_index_distance (cases[i].b, cases[i].a, cases[i].max), ==,
                        cases[i].distance);
    }
}

static void
test_typo_expansion (void)
{
  static const struct
  {
    const char *word;
    const char *terms; /* space-separated; "" for none */
  } cases[] = {
    /* Known, possibly through the stemmer. */
    { "paspoord", "paspor" },
    { "pasport", "paspor" },
    { "verhuisen", "verhuis" },
    { "kliko", "kliko" },
    /* One typo away from a word of the fixture. */
    { "klikko", "kliko" },
    { "afvall", "afval" },
    { "sraat", "stra" },
    /* Eight letters or more: two typos. */
    { "containr", "container" },
    { "vuilnisbk", "vuilnisbak" },
    { "fietsenstaling", "fietsenstal" },
    /* Three letters: too short to guess. */
    { "fis", "" },
    { "xyzzy", "" },
    /* A compound of two known words. */
    { "paspoortadres", "paspor adre" },
  };
  g_autoptr (KpGuideIndex) index = new_fixture_index ();

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (GStrv) terms = kp_guide_index_expand_word (index, cases[i].word);
      g_autofree char *joined = g_strjoinv (" ", terms);

      g_test_message ("%s → %s", cases[i].word, joined);
      g_assert_cmpstr (joined, ==, cases[i].terms);
    }
  g_assert_finalize_object (g_steal_pointer (&index));
}

/* ---- Searching the fixture ---- */

static void
test_ranking (void)
{
  g_autoptr (KpGuideIndex) index = new_fixture_index ();
  g_autoptr (GPtrArray) hits = search (index, "nieuw adres ", 10);

  /* Both words are in the keywords of verhuizing, one in the body of paspoort. */
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_cmpstr (hit_slug (hits, 0), ==, "verhuizing");
  g_assert_cmpstr (hit_slug (hits, 1), ==, "paspoort");
  g_assert_cmpfloat (((KpGuideHit *) g_ptr_array_index (hits, 0))->score, >,
                     ((KpGuideHit *) g_ptr_array_index (hits, 1))->score);
  g_assert_cmpfloat (((KpGuideHit *) g_ptr_array_index (hits, 1))->score, >, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* At most as many as asked for. */
  hits = search (index, "de container en de fiets en het paspoort", 2);
  g_assert_cmpuint (hits->len, ==, 2);
  g_clear_pointer (&hits, g_ptr_array_unref);

  g_assert_finalize_object (g_steal_pointer (&index));
}

static void
test_typing (void)
{
  static const struct
  {
    const char *query;
    const char *first; /* NULL for no results */
  } cases[] = {
    /* The last word is still being typed. */
    { "pasp", "paspoort" },
    { "vuilnisb", "afval" },
    { "fiets", "fiets" },
    /* Words that say nothing find nothing. */
    { "", NULL },
    { "   ", NULL },
    { "hoe kan ik", NULL },
    { "?!", NULL },
    /* A finished word that is no known word, but part of one: the trigram table finds it. */
    { "pasp ", "paspoort" },
    { "haaldag ", "afval" },
  };
  g_autoptr (KpGuideIndex) index = new_fixture_index ();

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GPtrArray) hits = search (index, cases[i].query, 10);

      g_test_message ("“%s”: %u results", cases[i].query, hits->len);
      if (cases[i].first == NULL)
        g_assert_cmpuint (hits->len, ==, 0);
      else
        {
          g_assert_cmpuint (hits->len, >, 0);
          g_assert_cmpstr (hit_slug (hits, 0), ==, cases[i].first);
        }
    }
  g_assert_finalize_object (g_steal_pointer (&index));
}

/* What a kiosk keyboard, a paste or a broken scanner could send. */
static void
test_odd_queries (void)
{
  g_autoptr (KpGuideIndex) index = new_fixture_index ();
  g_autoptr (GString) long_query = g_string_new (NULL);
  g_autoptr (GPtrArray) hits = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append (long_query, "paspoort ");
  hits = search (index, long_query->str, 10);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Invalid UTF-8 around a word still finds the word. */
  hits = search (index, "\xff\xfe paspoort \xc3", 10);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* FTS5 syntax is just text. */
  hits = search (index, "paspoort\" OR NEAR(* \"fiets", 10);
  g_assert_cmpuint (hits->len, ==, 2);
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = search (index, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 10);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  g_assert_finalize_object (g_steal_pointer (&index));
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/guide-search/questions", test_questions);
  g_test_add_func ("/guide-search/stemmer", test_stemmer);
  g_test_add_func ("/guide-search/distance", test_distance);
  g_test_add_func ("/guide-search/typo-expansion", test_typo_expansion);
  g_test_add_func ("/guide-search/ranking", test_ranking);
  g_test_add_func ("/guide-search/typing", test_typing);
  g_test_add_func ("/guide-search/odd-queries", test_odd_queries);
  return g_test_run ();
}
