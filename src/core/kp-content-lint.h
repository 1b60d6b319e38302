/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * Checks a guidance bundle (ui/guide/README.md) before it reaches a kiosk:
 * every file parses, slugs match file names, every language has the same
 * topics, every Next and partner leads somewhere, every topic is in a
 * group, and the Dutch text keeps to B1: sentences of at most 15 words,
 * words of at most four syllables (Dutch hyphenation patterns through
 * libhyphen) unless allowed, no officialese, and a Flesch–Douma score of
 * at least 60 per topic.
 *
 * Rule names in findings: read, encoding, syntax, required, value,
 * duplicate, slug, languages, link, group, web-address, sentence-length,
 * long-word, officialese, flesch-douma.
 */

#define KP_CONTENT_LINT_HYPHENATION   "/usr/share/hyphen/hyph_nl_NL.dic"
#define KP_CONTENT_LINT_MAX_WORDS     15
#define KP_CONTENT_LINT_MAX_SYLLABLES 4
#define KP_CONTENT_LINT_MIN_SCORE     60.0

typedef enum
{
  KP_LINT_SEVERITY_ERROR,
  KP_LINT_SEVERITY_NOTE, /* information, such as a score that passes */
} KpLintSeverity;

typedef struct
{
  KpLintSeverity severity;
  char *file; /* the folder given to kp_content_lint_check() joined with the file's path */
  guint line; /* 0 when the finding is about the file as a whole */
  char *rule;
  char *message;
} KpLintFinding;

#define KP_TYPE_CONTENT_LINT (kp_content_lint_get_type ())
G_DECLARE_FINAL_TYPE (KpContentLint, kp_content_lint, KP, CONTENT_LINT, GObject)

/* Loads the Dutch hyphenation patterns; KP_GUIDE_ERROR_READ without them. (transfer full) */
KpContentLint *kp_content_lint_new (GError **error);

/*
 * Checks every file below @folder. Fails only when @folder cannot be
 * read at all; whatever is wrong inside it becomes a finding.
 */
gboolean kp_content_lint_check (KpContentLint *self, const char *folder, GError **error);

/* (transfer none): of KpLintFinding, by file and line, from the last check */
GPtrArray *kp_content_lint_get_findings (KpContentLint *self);
guint kp_content_lint_get_n_errors (KpContentLint *self);
guint kp_content_lint_get_n_files (KpContentLint *self);

/* Hyphenation points + 1, the way the B1 rules count; for a Dutch word. */
guint kp_content_lint_count_syllables (KpContentLint *self, const char *word);

/* 206.84 − 0.77 × syllables per 100 words − 0.93 × words per sentence. */
double kp_content_lint_flesch_douma (guint n_words, guint n_sentences, guint n_syllables);

void kp_lint_finding_free (KpLintFinding *finding);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KpLintFinding, kp_lint_finding_free)

G_END_DECLS
