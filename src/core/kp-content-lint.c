/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-content-lint.h"

#include "kp-guide-private.h"
#include "kp-guide.h"

#include <hyphen.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#define B1_LANGUAGE      "nl"
#define ALLOW_WORDS_FILE "allow-words.txt"
#define GROUPS_FILE      "groups.txt"

struct _KpContentLint
{
  GObject parent_instance;

  HyphenDict *hyphenation;
  GPtrArray *findings;
  GHashTable *finding_keys; /* "file:line:rule:message", so nothing is reported twice */
  guint n_errors;
  guint n_files;
};

G_DEFINE_FINAL_TYPE (KpContentLint, kp_content_lint, G_TYPE_OBJECT)

/* Whole words or phrases, matched on lower-case words. */
static const char *const officialese[] = {
  "middels",    "indien",    "ten behoeve van", "conform",    "derhalve",
  "alsmede",    "teneinde",  "aangaande",       "dienen te",  "zorgdragen",
  "onderhavig", "voornoemd", "desgewenst",      "bijgevoegd", "terzake",
  "ingevolge",  "mits",      "omtrent",         "reeds",      "tevens",
  NULL,
};

/* What was loaded of one language folder. */
typedef struct
{
  char *code;
  char *folder;
  GHashTable *topics; /* slug → KpGuideTopic */
  GHashTable *paths;  /* slug → its file's path */
  /* id → KpGuideEntry by KpGuideEntriesKind; NULL when the file did not load */
  GHashTable *entries[3];
  char *entry_paths[3];
} Language;

/* One run of kp_content_lint_check(). */
typedef struct
{
  KpContentLint *lint;
  const char *folder;
  GPtrArray *languages; /* of Language, sorted by code */
  GHashTable *allowed;  /* lower-case words allowed to be long */
  GHashTable *grouped;  /* slugs some group lists */
} Check;

/* Counts for the Flesch–Douma score of one topic. */
typedef struct
{
  guint words;
  guint sentences;
  guint syllables;
} Counts;

/* ---- Findings ---- */

static void
add_finding (KpContentLint *self,
             KpLintSeverity severity,
             const char *file,
             guint line,
             const char *rule,
             const char *message)
{
  g_autofree char *key = g_strdup_printf ("%s:%u:%s:%s", file, line, rule, message);
  KpLintFinding *finding;

  if (g_hash_table_contains (self->finding_keys, key))
    return;
  g_hash_table_add (self->finding_keys, g_steal_pointer (&key));

  finding = g_new0 (KpLintFinding, 1);
  finding->severity = severity;
  finding->file = g_strdup (file);
  finding->line = line;
  finding->rule = g_strdup (rule);
  finding->message = g_strdup (message);
  g_ptr_array_add (self->findings, finding);
  if (severity == KP_LINT_SEVERITY_ERROR)
    self->n_errors++;
}

static void
add_error (Check *check, const char *file, guint line, const char *rule, const char *format, ...)
    G_GNUC_PRINTF (5, 6);

static void
add_error (Check *check, const char *file, guint line, const char *rule, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  add_finding (check->lint, KP_LINT_SEVERITY_ERROR, file, line, rule, message);
}

/* The rule a parser's error breaks. */
static const char *
rule_for_error (const GError *error)
{
  static const char *const rules[] = {
    [KP_GUIDE_ERROR_READ] = "read",     [KP_GUIDE_ERROR_ENCODING] = "encoding",
    [KP_GUIDE_ERROR_SYNTAX] = "syntax", [KP_GUIDE_ERROR_MISSING] = "required",
    [KP_GUIDE_ERROR_VALUE] = "value",   [KP_GUIDE_ERROR_DUPLICATE] = "duplicate",
    [KP_GUIDE_ERROR_INDEX] = "read",
  };

  if (error->domain == KP_GUIDE_ERROR && (gsize) error->code < G_N_ELEMENTS (rules))
    return rules[error->code];
  return "read";
}

static void
add_parse_error (Check *check, const char *file, guint line, const GError *error)
{
  add_finding (check->lint, KP_LINT_SEVERITY_ERROR, file, line, rule_for_error (error),
               error->message);
}

static int
compare_findings (gconstpointer a, gconstpointer b)
{
  const KpLintFinding *x = *(const KpLintFinding *const *) a;
  const KpLintFinding *y = *(const KpLintFinding *const *) b;
  int by_file = g_strcmp0 (x->file, y->file);

  if (by_file != 0)
    return by_file;
  return x->line < y->line ? -1 : x->line > y->line;
}

/* ---- Syllables ---- */

/* For a word the patterns' character set cannot hold: groups of vowels. */
static guint
count_vowel_groups (const char *word)
{
  g_autofree char *decomposed = g_utf8_normalize (word, -1, G_NORMALIZE_NFD);
  gboolean in_vowel = FALSE;
  guint n = 0;

  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean vowel;

      if (g_unichar_ismark (c))
        continue;
      vowel = c < 128 && strchr ("aeiouy", (char) c) != NULL;
      if (vowel && !in_vowel)
        n++;
      in_vowel = vowel;
    }
  return MAX (n, 1);
}

static void
free_replacements (char **rep, int *pos, int *cut, gsize length)
{
  for (gsize i = 0; rep != NULL && i < length; i++)
    free (rep[i]);
  free (rep);
  free (pos);
  free (cut);
}

/* One part of a word: lower case, letters only. */
static guint
count_part_syllables (KpContentLint *self, const char *part)
{
  g_autofree char *encoded = NULL;
  g_autofree char *hyphens = NULL;
  gsize length = 0;
  char **rep = NULL;
  int *pos = NULL, *cut = NULL;
  guint n = 1;

  /* The patterns are in the character set their first line names. */
  if (self->hyphenation->utf8)
    encoded = g_strdup (part);
  else
    encoded = g_convert (part, -1, self->hyphenation->cset, "UTF-8", NULL, NULL, NULL);
  if (encoded == NULL)
    return count_vowel_groups (part);
  length = strlen (encoded);
  if (length == 0)
    return 0;

  hyphens = g_malloc0 (length + 5);
  if (hnj_hyphen_hyphenate2 (self->hyphenation, encoded, length, hyphens, NULL, &rep, &pos, &cut)
      != 0)
    n = count_vowel_groups (part);
  else
    for (gsize i = 0; i < length; i++)
      n += hyphens[i] & 1;
  free_replacements (rep, pos, cut, length);
  return n;
}

/* ---- Text ---- */

typedef enum
{
  TOKEN_WORD,
  TOKEN_NUMBER,
  TOKEN_END, /* of a sentence */
} TokenKind;

typedef struct
{
  TokenKind kind;
  char *text;
} Token;

static void
token_clear (Token *token)
{
  g_free (token->text);
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* A hyphen or apostrophe inside a word, or a "." "," ":" inside a number (14.00, € 7,50). */
static gboolean
is_joiner (gunichar previous, gunichar c, gunichar next)
{
  if (!is_word_char (previous) || !is_word_char (next))
    return FALSE;
  if (c == '-' || c == '\'' || c == 0x2019)
    return TRUE;
  return (c == '.' || c == ',' || c == ':') && g_unichar_isdigit (previous)
         && g_unichar_isdigit (next);
}

static void
add_token (GArray *tokens, TokenKind kind, char *text)
{
  Token token = { kind, text };

  /* "0599 123 456" and "14 0123" are one phone number: one word to read. */
  if (kind == TOKEN_NUMBER && tokens->len > 0
      && g_array_index (tokens, Token, tokens->len - 1).kind == TOKEN_NUMBER)
    {
      g_free (text);
      return;
    }
  if (kind == TOKEN_END
      && (tokens->len == 0 || g_array_index (tokens, Token, tokens->len - 1).kind == TOKEN_END))
    return;
  g_array_append_val (tokens, token);
}

/*
 * The words and numbers of one line, with a TOKEN_END after each sentence:
 * at ".", "?" and "!" and at the end of the line.
 */
static GArray *
tokenize_line (const char *text)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  const char *p = text;
  gunichar previous = 0;

  g_array_set_clear_func (tokens, (GDestroyNotify) token_clear);
  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);

      if (is_word_char (c))
        {
          const char *start = p;
          gboolean has_letter = FALSE;

          while (*p != '\0')
            {
              gunichar here = g_utf8_get_char (p);
              const char *next = g_utf8_next_char (p);

              if (!is_word_char (here) && !is_joiner (previous, here, g_utf8_get_char (next)))
                break;
              has_letter = has_letter || g_unichar_isalpha (here);
              previous = here;
              p = next;
            }
          add_token (tokens, has_letter ? TOKEN_WORD : TOKEN_NUMBER, g_strndup (start, p - start));
          continue;
        }
      if (c == '.' || c == '?' || c == '!')
        add_token (tokens, TOKEN_END, NULL);
      previous = c;
      p = g_utf8_next_char (p);
    }
  add_token (tokens, TOKEN_END, NULL);
  return tokens;
}

/*
 * The parts of a word, lower case: "id-kaart" is "id" and "kaart";
 * "auto's" is "autos", since the apostrophe adds no syllable. (transfer full)
 */
static GStrv
split_word_parts (const char *word)
{
  g_autofree char *lower = g_utf8_strdown (word, -1);
  g_autoptr (GString) plain = g_string_new (NULL);

  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != '\'' && c != 0x2019)
        g_string_append_unichar (plain, c);
    }
  return g_strsplit (plain->str, "-", -1);
}

/* The start of a sentence, so an editor finds it in a long paragraph. (transfer full) */
static char *
dup_sentence_start (GArray *tokens, guint from)
{
  GString *start = g_string_new (NULL);

  for (guint i = from; i < tokens->len && i < from + 6; i++)
    {
      Token *token = &g_array_index (tokens, Token, i);

      if (token->kind == TOKEN_END)
        break;
      if (start->len > 0)
        g_string_append_c (start, ' ');
      g_string_append (start, token->text);
    }
  g_string_append (start, "…");
  return g_string_free (start, FALSE);
}

static void
check_sentence_lengths (Check *check, const char *file, guint line, GArray *tokens, Counts *counts)
{
  guint n_words = 0;
  guint start = 0;

  for (guint i = 0; i < tokens->len; i++)
    {
      Token *token = &g_array_index (tokens, Token, i);

      if (token->kind != TOKEN_END)
        {
          n_words++;
          continue;
        }
      if (n_words > KP_CONTENT_LINT_MAX_WORDS)
        {
          g_autofree char *sentence = dup_sentence_start (tokens, start);

          add_error (check, file, line, "sentence-length",
                     _ ("This sentence has %u words; use at most %d: “%s”"), n_words,
                     KP_CONTENT_LINT_MAX_WORDS, sentence);
        }
      counts->words += n_words;
      counts->sentences += n_words > 0;
      n_words = 0;
      start = i + 1;
    }
}

static void
check_word_lengths (Check *check, const char *file, guint line, GArray *tokens, Counts *counts)
{
  for (guint i = 0; i < tokens->len; i++)
    {
      Token *token = &g_array_index (tokens, Token, i);
      g_autofree char *lower = NULL;
      guint n;

      if (token->kind == TOKEN_NUMBER)
        counts->syllables++;
      if (token->kind != TOKEN_WORD)
        continue;

      n = kp_content_lint_count_syllables (check->lint, token->text);
      counts->syllables += n;

      lower = g_utf8_strdown (token->text, -1);
      if (n > KP_CONTENT_LINT_MAX_SYLLABLES && !g_hash_table_contains (check->allowed, lower))
        add_error (check, file, line, "long-word",
                   _ ("“%s” has %u syllables; use a word of at most %d, or add it to %s."),
                   token->text, n, KP_CONTENT_LINT_MAX_SYLLABLES, ALLOW_WORDS_FILE);
    }
}

static void
check_officialese (Check *check, const char *file, guint line, GArray *tokens)
{
  g_autoptr (GPtrArray) words = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < tokens->len; i++)
    {
      Token *token = &g_array_index (tokens, Token, i);

      if (token->kind == TOKEN_WORD)
        g_ptr_array_add (words, g_utf8_strdown (token->text, -1));
    }

  for (guint o = 0; officialese[o] != NULL; o++)
    {
      g_auto (GStrv) phrase = g_strsplit (officialese[o], " ", -1);
      guint n = g_strv_length (phrase);

      for (guint start = 0; start + n <= words->len; start++)
        {
          guint k = 0;

          while (k < n && g_str_equal (g_ptr_array_index (words, start + k), phrase[k]))
            k++;
          if (k == n)
            {
              add_error (check, file, line, "officialese",
                         _ ("“%s” is officialese: say it in everyday words."), officialese[o]);
              break;
            }
        }
    }
}

static void
check_b1_line (Check *check, const char *file, const char *text, guint line, Counts *counts)
{
  g_autoptr (GArray) tokens = tokenize_line (text);

  check_sentence_lengths (check, file, line, tokens, counts);
  check_word_lengths (check, file, line, tokens, counts);
  check_officialese (check, file, line, tokens);
}

typedef void (*TextLineFunc) (
    Check *check, const char *file, const char *text, guint line, Counts *counts);

/* Calls @func for the title, the summary and every line of every section. */
static void
foreach_text_line (
    Check *check, const char *file, KpGuideTopic *topic, TextLineFunc func, Counts *counts)
{
  GPtrArray *sections = kp_guide_topic_get_sections (topic);

  func (check, file, kp_guide_topic_get_title (topic),
        kp_guide_topic_get_field_line (topic, KP_GUIDE_FIELD_TITLE), counts);
  func (check, file, kp_guide_topic_get_summary (topic),
        kp_guide_topic_get_field_line (topic, KP_GUIDE_FIELD_SUMMARY), counts);
  for (guint s = 0; s < sections->len; s++)
    {
      const KpGuideSection *section = g_ptr_array_index (sections, s);

      for (guint b = 0; b < section->blocks->len; b++)
        {
          const KpGuideBlock *block = g_ptr_array_index (section->blocks, b);
          g_auto (GStrv) lines = g_strsplit (block->text, "\n", -1);

          for (guint l = 0; lines[l] != NULL; l++)
            func (check, file, lines[l], block->line + l, counts);
        }
    }
}

static void
check_web_address (Check *check, const char *file, const char *text, guint line, Counts *counts)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);

  if (strstr (lower, "http://") != NULL || strstr (lower, "https://") != NULL
      || strstr (lower, "www.") != NULL)
    add_error (check, file, line, "web-address",
               _ ("The kiosk cannot open web pages: give a phone number or a place instead."));
}

static void
check_b1 (Check *check, const char *file, KpGuideTopic *topic)
{
  Counts counts = { 0 };
  double score;
  g_autofree char *message = NULL;
  guint line = kp_guide_topic_get_field_line (topic, KP_GUIDE_FIELD_SLUG);

  foreach_text_line (check, file, topic, check_b1_line, &counts);
  if (counts.words == 0)
    return;

  score = kp_content_lint_flesch_douma (counts.words, counts.sentences, counts.syllables);
  if (score < KP_CONTENT_LINT_MIN_SCORE)
    {
      add_error (check, file, line, "flesch-douma",
                 _ ("The Flesch–Douma score is %.1f; it must be at least %.0f. Use shorter "
                    "sentences and shorter words."),
                 score, KP_CONTENT_LINT_MIN_SCORE);
      return;
    }
  message = g_strdup_printf (_ ("Flesch–Douma score %.1f (%u words, %u sentences, %u syllables)."),
                             score, counts.words, counts.sentences, counts.syllables);
  add_finding (check->lint, KP_LINT_SEVERITY_NOTE, file, line, "flesch-douma", message);
}

/* ---- Loading ---- */

static void
language_free (Language *language)
{
  for (gsize i = 0; i < G_N_ELEMENTS (language->entries); i++)
    {
      g_clear_pointer (&language->entries[i], g_hash_table_unref);
      g_free (language->entry_paths[i]);
    }
  g_hash_table_unref (language->paths);
  g_hash_table_unref (language->topics);
  g_free (language->folder);
  g_free (language->code);
  g_free (language);
}

/* (nullable) (transfer full): NULL after a finding */
static GBytes *
read_file (Check *check, const char *path)
{
  g_autoptr (GError) error = NULL;
  GBytes *bytes = kp_guide_read_file (path, &error);

  check->lint->n_files++;
  if (bytes == NULL)
    add_parse_error (check, path, 0, error);
  return bytes;
}

static void
load_topic (Check *check, Language *language, const char *name)
{
  g_autofree char *path = g_build_filename (language->folder, name, NULL);
  g_autoptr (GBytes) bytes = read_file (check, path);
  g_autoptr (KpGuideTopic) topic = NULL;
  g_autoptr (GError) error = NULL;
  guint error_line = 0;
  const char *slug;

  if (bytes == NULL)
    return;
  topic = kp_guide_topic_parse (bytes, language->code, &error_line, &error);
  if (topic == NULL)
    {
      add_parse_error (check, path, error_line, error);
      return;
    }
  if (!kp_guide_check_slug (topic, path, &error))
    {
      add_finding (check->lint, KP_LINT_SEVERITY_ERROR, path,
                   kp_guide_topic_get_field_line (topic, KP_GUIDE_FIELD_SLUG), "slug",
                   error->message);
      return;
    }
  slug = kp_guide_topic_get_slug (topic);
  g_hash_table_insert (language->paths, g_strdup (slug), g_steal_pointer (&path));
  g_hash_table_insert (language->topics, g_strdup (slug), g_steal_pointer (&topic));
}

static void
load_entries (Check *check, Language *language, KpGuideEntriesKind kind)
{
  g_autofree char *path
      = g_build_filename (language->folder, kp_guide_entries_file_name (kind), NULL);
  g_autoptr (GBytes) bytes = read_file (check, path);
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) error = NULL;
  guint error_line = 0;

  if (bytes == NULL)
    return;
  entries = kp_guide_parse_entries (bytes, kind, &error_line, &error);
  if (entries == NULL)
    {
      add_parse_error (check, path, error_line, error);
      return;
    }
  language->entries[kind]
      = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) kp_guide_entry_free);
  for (guint i = 0; i < entries->len; i++)
    {
      KpGuideEntry *entry = g_ptr_array_index (entries, i);

      g_hash_table_insert (language->entries[kind], entry->id, entry);
    }
  g_ptr_array_set_free_func (entries, NULL);
  language->entry_paths[kind] = g_steal_pointer (&path);
}

static Language *
load_language (Check *check, const char *code)
{
  Language *language = g_new0 (Language, 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) names = NULL;

  language->code = g_strdup (code);
  language->folder = g_build_filename (check->folder, code, NULL);
  language->topics = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  language->paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  names = kp_guide_list_topic_files (language->folder, &error);
  if (names == NULL)
    add_parse_error (check, language->folder, 0, error);
  else if (names->len == 0)
    add_error (check, language->folder, 0, "required", _ ("There are no .topic files."));
  for (guint i = 0; names != NULL && i < names->len; i++)
    load_topic (check, language, g_ptr_array_index (names, i));
  for (KpGuideEntriesKind kind = 0; kind < G_N_ELEMENTS (language->entries); kind++)
    load_entries (check, language, kind);
  return language;
}

static void
load_allowed_words (Check *check)
{
  g_autofree char *path = g_build_filename (check->folder, B1_LANGUAGE, ALLOW_WORDS_FILE, NULL);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  guint error_line = 0;

  /* The list is optional: without it, no long word is allowed. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return;
  bytes = read_file (check, path);
  if (bytes == NULL)
    return;
  lines = kp_guide_split_lines (bytes, &error_line, &error);
  if (lines == NULL)
    {
      add_parse_error (check, path, error_line, error);
      return;
    }
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *word = g_utf8_strdown (g_strstrip (lines[i]), -1);

      if (*word != '\0' && *word != '#')
        g_hash_table_add (check->allowed, g_steal_pointer (&word));
    }
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* Language folders: names of two or three lower-case letters. (transfer full) */
static GPtrArray *
list_language_codes (const char *folder, GError **error)
{
  g_autoptr (GError) dir_error = NULL;
  g_autoptr (GDir) dir = g_dir_open (folder, 0, &dir_error);
  g_autoptr (GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    {
      g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_READ, "%s", dir_error->message);
      return NULL;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      gsize length = strlen (name);
      gboolean lower = TRUE;

      for (gsize i = 0; i < length; i++)
        lower = lower && g_ascii_islower (name[i]);
      if (lower && length >= 2 && length <= 3 && g_file_test (path, G_FILE_TEST_IS_DIR))
        g_ptr_array_add (codes, g_strdup (name));
    }
  g_ptr_array_sort (codes, compare_strings);
  return g_steal_pointer (&codes);
}

/* ---- Checks across files ---- */

/* Every language has the topics and entries that any other one has. */
static void
check_languages (Check *check, Language *language, Language *other)
{
  GHashTableIter iter;
  gpointer slug, topic;

  g_hash_table_iter_init (&iter, language->topics);
  while (g_hash_table_iter_next (&iter, &slug, &topic))
    if (!g_hash_table_contains (other->topics, slug))
      add_error (check, g_hash_table_lookup (language->paths, slug),
                 kp_guide_topic_get_field_line (topic, KP_GUIDE_FIELD_SLUG), "languages",
                 _ ("There is no %s/%s.topic."), other->code, (char *) slug);

  for (gsize kind = 0; kind < G_N_ELEMENTS (language->entries); kind++)
    {
      KpGuideEntry *entry;
      gpointer id;

      if (language->entries[kind] == NULL || other->entries[kind] == NULL)
        continue;
      g_hash_table_iter_init (&iter, language->entries[kind]);
      while (g_hash_table_iter_next (&iter, &id, (gpointer *) &entry))
        if (!g_hash_table_contains (other->entries[kind], id))
          add_error (check, language->entry_paths[kind], entry->line, "languages",
                     _ ("“%s” is not in %s."), (char *) id, other->entry_paths[kind]);
    }
}

/* Whether @id is among @language's entries of @kind; TRUE when that file did not load. */
static gboolean
has_entry (Language *language, KpGuideEntriesKind kind, const char *id)
{
  return language->entries[kind] == NULL || g_hash_table_contains (language->entries[kind], id);
}

static void
check_next (Check *check, Language *language, const char *path, KpGuideTopic *topic)
{
  const char *target = kp_guide_topic_get_next_target (topic);
  guint line = kp_guide_topic_get_field_line (topic, KP_GUIDE_FIELD_NEXT);

  switch (kp_guide_topic_get_next_kind (topic))
    {
      case KP_GUIDE_NEXT_APPOINTMENT:
        if (!has_entry (language, KP_GUIDE_ENTRIES_PRODUCTS, target))
          add_error (check, path, line, "link", _ ("There is no product “%s” in %s."), target,
                     kp_guide_entries_file_name (KP_GUIDE_ENTRIES_PRODUCTS));
        break;
      case KP_GUIDE_NEXT_FORM:
        if (!has_entry (language, KP_GUIDE_ENTRIES_FORMS, target))
          add_error (check, path, line, "link", _ ("There is no form “%s” in %s."), target,
                     kp_guide_entries_file_name (KP_GUIDE_ENTRIES_FORMS));
        break;
      case KP_GUIDE_NEXT_PARTNER:
        if (!has_entry (language, KP_GUIDE_ENTRIES_PARTNERS, target))
          add_error (check, path, line, "link", _ ("There is no partner “%s” in %s."), target,
                     kp_guide_entries_file_name (KP_GUIDE_ENTRIES_PARTNERS));
        break;
      case KP_GUIDE_NEXT_TOPIC:
        if (g_str_equal (target, kp_guide_topic_get_slug (topic)))
          add_error (check, path, line, "link", _ ("Next leads back to this topic."));
        else if (!g_hash_table_contains (language->topics, target))
          add_error (check, path, line, "link", _ ("There is no topic “%s”."), target);
        break;
      case KP_GUIDE_NEXT_REPORT:
      case KP_GUIDE_NEXT_CALLBACK:
        break;
    }
}

static void
check_links (Check *check, Language *language, const char *path, KpGuideTopic *topic)
{
  const char *const *partners = kp_guide_topic_get_partners (topic);

  check_next (check, language, path, topic);
  for (guint i = 0; partners[i] != NULL; i++)
    if (!has_entry (language, KP_GUIDE_ENTRIES_PARTNERS, partners[i]))
      add_error (check, path, kp_guide_topic_get_field_line (topic, KP_GUIDE_FIELD_PARTNERS),
                 "link", _ ("There is no partner “%s” in %s."), partners[i],
                 kp_guide_entries_file_name (KP_GUIDE_ENTRIES_PARTNERS));
}

static void
check_topics (Check *check, Language *language)
{
  GHashTableIter iter;
  gpointer slug, topic;

  g_hash_table_iter_init (&iter, language->topics);
  while (g_hash_table_iter_next (&iter, &slug, &topic))
    {
      const char *path = g_hash_table_lookup (language->paths, slug);

      check_links (check, language, path, topic);
      foreach_text_line (check, path, topic, check_web_address, NULL);
      if (g_str_equal (language->code, B1_LANGUAGE))
        check_b1 (check, path, topic);
    }
}

/* Parses groups.txt with the titles of @language; records which slugs are grouped. */
static void
check_groups_in (Check *check, const char *path, GBytes *bytes, Language *language)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) groups = NULL;
  guint error_line = 0;

  groups = kp_guide_parse_groups (bytes, language->code, &error_line, &error);
  if (groups == NULL)
    {
      add_parse_error (check, path, error_line, error);
      return;
    }
  for (guint g = 0; g < groups->len; g++)
    {
      KpGuideGroup *group = g_ptr_array_index (groups, g);

      for (guint i = 0; group->topics[i] != NULL; i++)
        {
          g_hash_table_add (check->grouped, g_strdup (group->topics[i]));
          if (!g_hash_table_contains (language->topics, group->topics[i]))
            add_error (check, path, group->topics_line, "group",
                       _ ("There is no topic “%s” in %s/."), group->topics[i], language->code);
        }
    }
}

static void
check_groups (Check *check)
{
  g_autofree char *path = g_build_filename (check->folder, GROUPS_FILE, NULL);
  g_autoptr (GBytes) bytes = read_file (check, path);

  if (bytes == NULL)
    return;
  for (guint i = 0; i < check->languages->len; i++)
    check_groups_in (check, path, bytes, g_ptr_array_index (check->languages, i));

  /* Reported once, in the first language that has the topic. */
  for (guint i = 0; i < check->languages->len; i++)
    {
      Language *language = g_ptr_array_index (check->languages, i);
      GHashTableIter iter;
      gpointer slug, topic;

      g_hash_table_iter_init (&iter, language->topics);
      while (g_hash_table_iter_next (&iter, &slug, &topic))
        if (!g_hash_table_contains (check->grouped, slug))
          {
            add_error (check, g_hash_table_lookup (language->paths, slug),
                       kp_guide_topic_get_field_line (topic, KP_GUIDE_FIELD_SLUG), "group",
                       _ ("The topic is in no group of %s."), GROUPS_FILE);
            g_hash_table_add (check->grouped, g_strdup (slug));
          }
    }
}

/* ---- GObject ---- */

static void
kp_content_lint_finalize (GObject *object)
{
  KpContentLint *self = KP_CONTENT_LINT (object);

  g_clear_pointer (&self->finding_keys, g_hash_table_unref);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->hyphenation, hnj_hyphen_free);

  G_OBJECT_CLASS (kp_content_lint_parent_class)->finalize (object);
}

static void
kp_content_lint_class_init (KpContentLintClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kp_content_lint_finalize;
}

static void
kp_content_lint_init (KpContentLint *self)
{
  self->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) kp_lint_finding_free);
  self->finding_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* ---- Public ---- */

/* (transfer full) */
KpContentLint *
kp_content_lint_new (GError **error)
{
  g_autoptr (KpContentLint) self = g_object_new (KP_TYPE_CONTENT_LINT, NULL);

  self->hyphenation = hnj_hyphen_load (KP_CONTENT_LINT_HYPHENATION);
  if (self->hyphenation == NULL)
    {
      g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_READ,
                   _ ("Cannot load the Dutch hyphenation patterns %s: install hyphen-nl."),
                   KP_CONTENT_LINT_HYPHENATION);
      return NULL;
    }
  return g_steal_pointer (&self);
}

gboolean
kp_content_lint_check (KpContentLint *self, const char *folder, GError **error)
{
  g_autoptr (GPtrArray) codes = NULL;
  Check check = { self, folder, NULL, NULL, NULL };

  g_return_val_if_fail (KP_IS_CONTENT_LINT (self), FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);

  g_ptr_array_set_size (self->findings, 0);
  g_hash_table_remove_all (self->finding_keys);
  self->n_errors = 0;
  self->n_files = 0;

  codes = list_language_codes (folder, error);
  if (codes == NULL)
    return FALSE;
  if (codes->len == 0)
    add_error (&check, folder, 0, "required", _ ("There are no language folders such as nl/."));

  check.languages = g_ptr_array_new_with_free_func ((GDestroyNotify) language_free);
  check.allowed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  check.grouped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  load_allowed_words (&check);
  for (guint i = 0; i < codes->len; i++)
    g_ptr_array_add (check.languages, load_language (&check, g_ptr_array_index (codes, i)));
  for (guint i = 0; i < check.languages->len; i++)
    for (guint j = 0; j < check.languages->len; j++)
      if (i != j)
        check_languages (&check, g_ptr_array_index (check.languages, i),
                         g_ptr_array_index (check.languages, j));
  for (guint i = 0; i < check.languages->len; i++)
    check_topics (&check, g_ptr_array_index (check.languages, i));
  check_groups (&check);

  g_ptr_array_sort (self->findings, compare_findings);
  g_hash_table_unref (check.grouped);
  g_hash_table_unref (check.allowed);
  g_ptr_array_unref (check.languages);
  return TRUE;
}

GPtrArray *
kp_content_lint_get_findings (KpContentLint *self)
{
  g_return_val_if_fail (KP_IS_CONTENT_LINT (self), NULL);

  return self->findings;
}

guint
kp_content_lint_get_n_errors (KpContentLint *self)
{
  g_return_val_if_fail (KP_IS_CONTENT_LINT (self), 0);

  return self->n_errors;
}

guint
kp_content_lint_get_n_files (KpContentLint *self)
{
  g_return_val_if_fail (KP_IS_CONTENT_LINT (self), 0);

  return self->n_files;
}

guint
kp_content_lint_count_syllables (KpContentLint *self, const char *word)
{
  g_auto (GStrv) parts = NULL;
  guint n = 0;

  g_return_val_if_fail (KP_IS_CONTENT_LINT (self), 0);
  g_return_val_if_fail (word != NULL, 0);

  parts = split_word_parts (word);
  for (guint i = 0; parts[i] != NULL; i++)
    n += count_part_syllables (self, parts[i]);
  return n;
}

double
kp_content_lint_flesch_douma (guint n_words, guint n_sentences, guint n_syllables)
{
  g_return_val_if_fail (n_words > 0 && n_sentences > 0, 0.0);

  return 206.84 - 0.77 * (100.0 * n_syllables / n_words) - 0.93 * ((double) n_words / n_sentences);
}

void
kp_lint_finding_free (KpLintFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->message);
  g_free (finding->rule);
  g_free (finding->file);
  g_free (finding);
}
