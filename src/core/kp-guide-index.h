/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib-object.h>

#include "kp-guide-topic.h"

G_BEGIN_DECLS

/*
 * Finds topics for what a resident types, the way they type it: with
 * typos, other word forms and everyday words. An in-memory SQLite FTS5
 * table holds each topic's title, summary, keywords and body as
 * normalised, lightly stemmed terms. Results are ranked by bm25 with the
 * title and keywords weighing most, and an inverse document frequency
 * that stays positive for words most topics share. A query word the index
 * does not know stands for its nearest known words (Damerau–Levenshtein
 * distance 1, or 2 for words of eight letters or more), or for the two
 * known words it is a compound of, each counting less than a word found
 * as typed. When nothing matches at all, a trigram table finds the
 * query's words inside longer words.
 */

/* One search result. A higher score is a better match. */
typedef struct
{
  char *slug;
  double score;
} KpGuideHit;

#define KP_TYPE_GUIDE_INDEX (kp_guide_index_get_type ())
G_DECLARE_FINAL_TYPE (KpGuideIndex, kp_guide_index, KP, GUIDE_INDEX, GObject)

/* Indexes @topics (of KpGuideTopic, all in @language). (transfer full) */
KpGuideIndex *kp_guide_index_new (const char *language, GPtrArray *topics, GError **error);

const char *kp_guide_index_get_language (KpGuideIndex *self);
/* How many distinct terms the index holds: the vocabulary typos are matched against. */
guint kp_guide_index_get_n_terms (KpGuideIndex *self);

/*
 * At most @max_results topics for @query, best first. While a resident
 * types, the last word may be unfinished: when @query does not end in a
 * space, its last word also matches terms it is the start of. An empty
 * query finds nothing. (transfer full): of KpGuideHit
 */
GPtrArray *
kp_guide_index_search (KpGuideIndex *self, const char *query, guint max_results, GError **error);

/*
 * The indexed terms one query word stands for: its own stem when the
 * index knows it, else its nearest known stems. Empty when nothing is near.
 * For tests and for explaining a search. (transfer full)
 */
GStrv kp_guide_index_expand_word (KpGuideIndex *self, const char *word);

/*
 * The stem of one word in @language ("nl" or "en"; other languages are
 * only normalised): lower case, without diacritics, without the common
 * suffixes of plurals, verb forms and diminutives. (transfer full)
 */
char *kp_guide_index_stem (const char *language, const char *word);

/*
 * The Damerau–Levenshtein distance (optimal string alignment) between @a
 * and @b in characters, or @max + 1 when it is larger than @max.
 */
guint kp_guide_index_distance (const char *a, const char *b, guint max);

void kp_guide_hit_free (KpGuideHit *hit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KpGuideHit, kp_guide_hit_free)

G_END_DECLS
