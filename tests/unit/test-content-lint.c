/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-content-lint.h"
#include "kp-guide.h"
#include "kp-test-helpers.h"

#include <glib/gstdio.h>
#include <string.h>

/*
 * A bundle of two topics in two languages that keeps every rule. Each
 * case below breaks one rule in one file and expects exactly that finding.
 */
#define AFVAL_NL                                                                                   \
  "Slug: afval\n"                      /* 1 */                                                     \
  "Title: Afval scheiden\n"            /* 2 */                                                     \
  "Summary: Zo scheidt u uw afval.\n"  /* 3 */                                                     \
  "Pictogram: bin\n"                   /* 4 */                                                     \
  "Checked: 2026-01-05\n"              /* 5 */                                                     \
  "Keywords: afval, kliko\n"           /* 6 */                                                     \
  "Next: form:container\n"             /* 7 */                                                     \
  "Partners: bieb\n"                   /* 8 */                                                     \
  "\n"                                 /* 9 */                                                     \
  "== Steps\n"                         /* 10 */                                                    \
  "1. Doe plastic in de oranje bak.\n" /* 11 */                                                    \
  "2. Doe papier in de blauwe bak.\n"  /* 12 */                                                    \
  "3. Zet de bak op tijd buiten.\n"    /* 13 */                                                    \
  "== Costs\n"                         /* 14 */                                                    \
  "Gratis.\n"                          /* 15 */                                                    \
  "== Where\n"                         /* 16 */                                                    \
  "Bij uw huis.\n"                     /* 17 */

static const struct
{
  const char *path;
  const char *contents;
} bundle[] = {
  { "groups.txt", "Id: alles\nPictogram: document\nTitle-nl: Alles\nTitle-en: Everything\n"
                  "Topics: afval, paspoort\n" },
  { "nl/afval.topic", AFVAL_NL },
  { "nl/paspoort.topic", "Slug: paspoort\nTitle: Paspoort aanvragen\nSummary: Maak een afspraak.\n"
                         "Pictogram: passport\nChecked: 2026-01-05\nKeywords: paspoort\n"
                         "Next: appointment:paspoort\n\n== Steps\n1. Maak een afspraak.\n"
                         "2. Kom zelf naar het gemeentehuis.\n== Where\nIn het gemeentehuis.\n" },
  { "nl/partners.txt", "Id: bieb\nName: Bibliotheek De Linde\nHelps: Hulp met de computer.\n"
                       "Phone: 0599 100 200\nAddress: Dorpsstraat 4, Lindeveen\n" },
  { "nl/products.txt", "Id: paspoort\nName: Paspoort of ID-kaart\n" },
  { "nl/forms.txt", "Id: container\nName: Container aanvragen\n\nId: klacht\nName: Klacht\n" },
  { "nl/allow-words.txt", "# Long words residents need.\nomgevingsvergunning\n" },
  { "en/afval.topic", "Slug: afval\nTitle: Sorting waste\nSummary: How to sort your waste.\n"
                      "Pictogram: bin\nChecked: 2026-01-05\nKeywords: waste, bin\n"
                      "Next: form:container\nPartners: bieb\n\n== Steps\n"
                      "1. Put plastic in the orange bin.\n== Costs\nFree.\n"
                      "== Where\nAt your home.\n" },
  { "en/paspoort.topic", "Slug: paspoort\nTitle: Apply for a passport\nSummary: Make an "
                         "appointment.\nPictogram: passport\nChecked: 2026-01-05\n"
                         "Keywords: passport\nNext: appointment:paspoort\n\n== Steps\n"
                         "1. Make an appointment.\n== Where\nAt the town hall.\n" },
  { "en/partners.txt", "Id: bieb\nName: Library De Linde\nHelps: Help with computers.\n"
                       "Phone: 0599 100 200\nAddress: Dorpsstraat 4, Lindeveen\n" },
  { "en/products.txt", "Id: paspoort\nName: Passport or ID card\n" },
  { "en/forms.txt", "Id: container\nName: Ask for a bin\n\nId: klacht\nName: Complaint\n" },
};

static void
write_file (const char *path, const char *contents)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static char *
write_bundle (void)
{
  char *dir = kp_test_make_tmpdir ("lint");

  for (gsize i = 0; i < G_N_ELEMENTS (bundle); i++)
    {
      g_autofree char *path = g_build_filename (dir, bundle[i].path, NULL);

      write_file (path, bundle[i].contents);
    }
  return dir;
}

/* (transfer full) */
static KpContentLint *
lint_folder (const char *dir)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpContentLint) lint = kp_content_lint_new (&error);

  g_assert_no_error (error);
  g_assert_true (kp_content_lint_check (lint, dir, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&lint);
}

static void
print_findings (KpContentLint *lint)
{
  GPtrArray *findings = kp_content_lint_get_findings (lint);

  for (guint i = 0; i < findings->len; i++)
    {
      const KpLintFinding *finding = g_ptr_array_index (findings, i);

      g_test_message ("%s:%u: %s: %s", finding->file, finding->line, finding->rule,
                      finding->message);
    }
}

static guint
count_findings (KpContentLint *lint, KpLintSeverity severity, const char *rule)
{
  GPtrArray *findings = kp_content_lint_get_findings (lint);
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    {
      const KpLintFinding *finding = g_ptr_array_index (findings, i);

      if (finding->severity == severity && g_str_equal (finding->rule, rule))
        n++;
    }
  return n;
}

static gboolean
has_error (KpContentLint *lint, const char *file, guint line, const char *rule)
{
  GPtrArray *findings = kp_content_lint_get_findings (lint);

  for (guint i = 0; i < findings->len; i++)
    {
      const KpLintFinding *finding = g_ptr_array_index (findings, i);

      if (finding->severity == KP_LINT_SEVERITY_ERROR && g_str_equal (finding->file, file)
          && finding->line == line && g_str_equal (finding->rule, rule))
        return TRUE;
    }
  return FALSE;
}

static void
test_clean_bundle (void)
{
  g_autofree char *dir = write_bundle ();
  g_autoptr (KpContentLint) lint = lint_folder (dir);

  print_findings (lint);
  g_assert_cmpuint (kp_content_lint_get_n_errors (lint), ==, 0);
  g_assert_cmpuint (kp_content_lint_get_n_files (lint), ==, G_N_ELEMENTS (bundle));
  /* Each Dutch topic's score is reported. */
  g_assert_cmpuint (count_findings (lint, KP_LINT_SEVERITY_NOTE, "flesch-douma"), ==, 2);
  g_assert_finalize_object (g_steal_pointer (&lint));
  kp_test_remove_tree (dir);
}

/* Sentences of the Dutch B1 cases. */
#define SIXTEEN_WORDS                                                                              \
  "2. Doe het papier en het karton samen in de blauwe bak aan de straat voor ons.\n"
#define LONG_WORDS                                                                                 \
  "1. Verschillende medewerkers ondersteunen automatisch alle afdelingen.\n"                       \
  "2. Verschillende afdelingen ondersteunen automatisch alle medewerkers.\n"

static void
test_rules (void)
{
  static const struct
  {
    const char *name;
    const char *path;     /* the file to write over the bundle's */
    const char *contents; /* NULL: remove @path */
    const char *file;     /* where the finding must be */
    guint line;
    const char *rule;
  } cases[] = {
    { "missing field", "nl/afval.topic",
      "Slug: afval\nTitle: A\nSummary: K.\nPictogram: bin\nKeywords: a\nNext: callback\n\n"
      "== Steps\n1. A.\n== Where\nB.\n",
      "nl/afval.topic", 7, "required" },
    { "unknown key", "nl/afval.topic", "Slug: afval\nTitle: A\nColour: red\n", "nl/afval.topic", 3,
      "syntax" },
    { "bad date", "nl/afval.topic",
      "Slug: afval\nTitle: A\nSummary: K.\nPictogram: bin\nChecked: 2026-13-01\n", "nl/afval.topic",
      5, "value" },
    { "not UTF-8", "nl/afval.topic",
      "Slug: afval\nTitle: A\nSummary: K.\nPictogram: bin\nChecked: 2026-01-05\nKeywords: a\n"
      "Next: callback\n\n== Steps\n1. Caf\xe9.\n",
      "nl/afval.topic", 10, "encoding" },
    { "slug is not the file name", "nl/afval.topic",
      "Slug: vuil\nTitle: A\nSummary: K.\nPictogram: bin\nChecked: 2026-01-05\nKeywords: a\n"
      "Next: callback\n\n== Steps\n1. A.\n== Where\nB.\n",
      "nl/afval.topic", 1, "slug" },
    { "a topic only in Dutch", "en/paspoort.topic", NULL, "nl/paspoort.topic", 1, "languages" },
    { "a form only in Dutch", "en/forms.txt", "Id: container\nName: Ask for a bin\n",
      "nl/forms.txt", 4, "languages" },
    { "Next to a missing product", "nl/afval.topic",
      "Slug: afval\nTitle: A\nSummary: K.\nPictogram: bin\nChecked: 2026-01-05\nKeywords: a\n"
      "Next: appointment:afval\n\n== Steps\n1. A.\n== Where\nB.\n",
      "nl/afval.topic", 7, "link" },
    { "Next to itself", "nl/afval.topic",
      "Slug: afval\nTitle: A\nSummary: K.\nPictogram: bin\nChecked: 2026-01-05\nKeywords: a\n"
      "Next: topic:afval\n\n== Steps\n1. A.\n== Where\nB.\n",
      "nl/afval.topic", 7, "link" },
    { "a missing partner", "nl/afval.topic",
      "Slug: afval\nTitle: A\nSummary: K.\nPictogram: bin\nChecked: 2026-01-05\nKeywords: a\n"
      "Next: callback\nPartners: bieb, schuldhulp\n\n== Steps\n1. A.\n== Where\nB.\n",
      "nl/afval.topic", 8, "link" },
    { "a group with a missing topic", "groups.txt",
      "Id: alles\nPictogram: document\nTitle-nl: Alles\nTitle-en: All\n"
      "Topics: afval, paspoort, grofvuil\n",
      "groups.txt", 5, "group" },
    /* Reported once, in the first language folder. */
    { "a topic in no group", "groups.txt",
      "Id: alles\nPictogram: document\nTitle-nl: Alles\nTitle-en: All\nTopics: afval\n",
      "en/paspoort.topic", 1, "group" },
    { "a group without a title", "groups.txt",
      "Id: alles\nPictogram: document\nTitle-nl: Alles\nTopics: afval, paspoort\n", "groups.txt", 1,
      "required" },
    { "a partner without a phone", "nl/partners.txt",
      "Id: bieb\nName: Bibliotheek\nHelps: Hulp.\nAddress: Dorpsstraat 4\n", "nl/partners.txt", 1,
      "required" },
    { "two forms with one id", "nl/forms.txt",
      "Id: container\nName: Container\n\nId: container\nName: Klacht\n", "nl/forms.txt", 4,
      "duplicate" },
    { "no products", "nl/products.txt", NULL, "nl/products.txt", 0, "read" },
    { "a web address", "en/afval.topic",
      "Slug: afval\nTitle: A\nSummary: K.\nPictogram: bin\nChecked: 2026-01-05\nKeywords: a\n"
      "Next: callback\n\n== Steps\n1. See https://lindeveen.example for more.\n== Where\nB.\n",
      "en/afval.topic", 10, "web-address" },
    { "a sentence of 16 words", "nl/afval.topic",
      "Slug: afval\nTitle: A\nSummary: K.\nPictogram: bin\nChecked: 2026-01-05\nKeywords: a\n"
      "Next: callback\n\n== Steps\n1. Kort.\n" SIXTEEN_WORDS "== Where\nThuis.\n",
      "nl/afval.topic", 11, "sentence-length" },
    { "a sentence of 16 words in a paragraph", "nl/afval.topic",
      "Slug: afval\nTitle: A\nSummary: K.\nPictogram: bin\nChecked: 2026-01-05\nKeywords: a\n"
      "Next: callback\n\n== Steps\n1. Kort.\nEerst dit.\nDoe het papier en het karton samen "
      "in de blauwe bak aan de straat voor ons. Dan klaar.\n== Where\nThuis.\n",
      "nl/afval.topic", 12, "sentence-length" },
    { "a word of five syllables", "nl/afval.topic",
      "Slug: afval\nTitle: A\nSummary: K.\nPictogram: bin\nChecked: 2026-01-05\nKeywords: a\n"
      "Next: callback\n\n== Steps\n1. Bel de gemeentelijke dienst.\n== Where\nThuis.\n",
      "nl/afval.topic", 10, "long-word" },
    { "officialese", "nl/afval.topic",
      "Slug: afval\nTitle: A\nSummary: K.\nPictogram: bin\nChecked: 2026-01-05\nKeywords: a\n"
      "Next: callback\n\n== Steps\n1. Bel ons.\n== Where\nIndien u wilt, thuis.\n",
      "nl/afval.topic", 12, "officialese" },
    { "an officialese phrase in the summary", "nl/afval.topic",
      "Slug: afval\nTitle: A\nSummary: U dienen te bellen.\nPictogram: bin\n"
      "Checked: 2026-01-05\nKeywords: a\nNext: callback\n\n== Steps\n1. Bel ons.\n"
      "== Where\nThuis.\n",
      "nl/afval.topic", 3, "officialese" },
    { "hard to read", "nl/afval.topic",
      "Slug: afval\nTitle: A\nSummary: K.\nPictogram: bin\nChecked: 2026-01-05\nKeywords: a\n"
      "Next: callback\n\n== Steps\n" LONG_WORDS "== Where\nThuis.\n",
      "nl/afval.topic", 1, "flesch-douma" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dir = write_bundle ();
      g_autofree char *path = g_build_filename (dir, cases[i].path, NULL);
      g_autofree char *file = g_build_filename (dir, cases[i].file, NULL);
      g_autoptr (KpContentLint) lint = NULL;

      if (cases[i].contents != NULL)
        write_file (path, cases[i].contents);
      else
        g_assert_cmpint (g_remove (path), ==, 0);
      lint = lint_folder (dir);

      g_test_message ("%s:", cases[i].name);
      print_findings (lint);
      g_assert_true (has_error (lint, file, cases[i].line, cases[i].rule));
      g_assert_cmpuint (kp_content_lint_get_n_errors (lint), >, 0);
      g_assert_finalize_object (g_steal_pointer (&lint));
      kp_test_remove_tree (dir);
    }
}

/* English is not held to the Dutch B1 rules; long Dutch words on the allow-list pass. */
static void
test_rules_apply_where_they_should (void)
{
  g_autofree char *dir = write_bundle ();
  g_autofree char *nl_path = g_build_filename (dir, "nl", "afval.topic", NULL);
  g_autofree char *en_path = g_build_filename (dir, "en", "afval.topic", NULL);
  g_autoptr (KpContentLint) lint = NULL;

  write_file (nl_path, "Slug: afval\nTitle: A\nSummary: K.\nPictogram: bin\nChecked: 2026-01-05\n"
                       "Keywords: gemeentelijke omgevingsvergunning\nNext: callback\n\n"
                       "== Steps\n1. Vraag een Omgevingsvergunning aan.\n== Where\nThuis.\n");
  write_file (en_path, "Slug: afval\nTitle: A\nSummary: K.\nPictogram: bin\nChecked: 2026-01-05\n"
                       "Keywords: a\nNext: callback\n\n== Steps\n"
                       "1. Notwithstanding the aforementioned considerations, municipal "
                       "administrations occasionally communicate unnecessarily complicated "
                       "instructions indeed.\n== Where\nAt home.\n");
  lint = lint_folder (dir);
  print_findings (lint);
  g_assert_cmpuint (kp_content_lint_get_n_errors (lint), ==, 0);
  g_assert_finalize_object (g_steal_pointer (&lint));
  kp_test_remove_tree (dir);
}

static void
test_syllables (void)
{
  static const struct
  {
    const char *word;
    guint syllables;
  } cases[] = {
    { "paspoort", 2 },
    { "gemeente", 3 },
    { "Gemeente", 3 },
    { "gemeentelijke", 5 },
    { "omgevingsvergunning", 6 },
    { "kwijtschelding", 3 },
    { "ID-kaart", 2 },
    { "auto's", 2 },
    /* Outside the patterns' Latin-1: counted by vowel groups. */
    { "Şehir", 2 },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (KpContentLint) lint = kp_content_lint_new (&error);

  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].word);
      g_assert_cmpuint (kp_content_lint_count_syllables (lint, cases[i].word), ==,
                        cases[i].syllables);
    }
  g_assert_cmpfloat_with_epsilon (kp_content_lint_flesch_douma (100, 10, 150), 82.04, 1e-9);
  g_assert_cmpfloat_with_epsilon (kp_content_lint_flesch_douma (15, 1, 60), 206.84 - 308 - 13.95,
                                  1e-9);
  g_assert_finalize_object (g_steal_pointer (&lint));
}

static void
test_missing_folder (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpContentLint) lint = kp_content_lint_new (&error);
  g_autofree char *dir = kp_test_make_tmpdir ("lint");
  g_autofree char *missing = g_build_filename (dir, "none", NULL);

  g_assert_no_error (error);
  g_assert_false (kp_content_lint_check (lint, missing, &error));
  g_assert_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_READ);
  g_clear_error (&error);

  /* A folder without languages is a finding, not a failure. */
  g_assert_true (kp_content_lint_check (lint, dir, &error));
  g_assert_no_error (error);
  g_assert_true (has_error (lint, dir, 0, "required"));
  g_assert_finalize_object (g_steal_pointer (&lint));
  kp_test_remove_tree (dir);
}

/* The content the kiosk ships keeps every rule. */
static void
test_shipped_content (void)
{
  g_autofree char *folder = kp_guide_dup_default_folder ();
  g_autoptr (KpContentLint) lint = lint_folder (folder);

  print_findings (lint);
  g_assert_cmpuint (kp_content_lint_get_n_errors (lint), ==, 0);
  g_assert_cmpuint (count_findings (lint, KP_LINT_SEVERITY_NOTE, "flesch-douma"), ==, 30);
  g_assert_finalize_object (g_steal_pointer (&lint));
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/content-lint/clean-bundle", test_clean_bundle);
  g_test_add_func ("/content-lint/rules", test_rules);
  g_test_add_func ("/content-lint/rules-apply-where-they-should",
                   test_rules_apply_where_they_should);
  g_test_add_func ("/content-lint/syllables", test_syllables);
  g_test_add_func ("/content-lint/missing-folder", test_missing_folder);
  g_test_add_func ("/content-lint/shipped-content", test_shipped_content);
  return g_test_run ();
}
