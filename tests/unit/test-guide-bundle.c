/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-guide.h"
#include "kp-test-helpers.h"

#include <glib/gstdio.h>
#include <string.h>

/* The 30 topics of issue 3; other parts of the kiosk link to these slugs. */
static const char *const shipped_slugs[] = {
  "afspraak-maken",
  "afval",
  "belastingen-woz",
  "bijstand",
  "contact-terugbellen",
  "digid",
  "digitale-hulp",
  "evenement",
  "geboorte",
  "geldzorgen",
  "gevonden-verloren",
  "grofvuil",
  "jeugdhulp",
  "kapvergunning",
  "klacht-compliment",
  "kwijtschelding",
  "leerlingenvervoer",
  "mantelzorg",
  "melding-openbare-ruimte",
  "omgevingsvergunning",
  "overlijden",
  "parkeervergunning",
  "paspoort-id-kaart",
  "rijbewijs",
  "stemmen",
  "trouwen-partnerschap",
  "uittreksel-brp",
  "verhuizing",
  "vog",
  "wmo-hulp",
};

/* Every key, comments, a paragraph of two lines, bullets and steps. */
static const char good_topic[] = "# Checked with the passport desk.\n"   /* 1 */
                                 "Slug: paspoort\n"                      /* 2 */
                                 "Title: Paspoort aanvragen\n"           /* 3 */
                                 "Summary: Maak een afspraak.\n"         /* 4 */
                                 "Pictogram: passport\n"                 /* 5 */
                                 "Checked: 2026-02-28\n"                 /* 6 */
                                 "Keywords: paspoort,  op reis ,kwijt\n" /* 7 */
                                 "Next: appointment:paspoort\n"          /* 8 */
                                 "Partners: digitale-hulp, schuldhulp\n" /* 9 */
                                 "\n"                                    /* 10 */
                                 "== Steps\n"                            /* 11 */
                                 "1. Maak een afspraak.\n"               /* 12 */
                                 "2. Kom zelf.\n"                        /* 13 */
                                 "Het duurt niet lang.\n"                /* 14 */
                                 "# A comment inside a paragraph.\n"     /* 15 */
                                 "Neem de tijd.\n"                       /* 16 */
                                 "\n"                                    /* 17 */
                                 "Daarna is het klaar.\n"                /* 18 */
                                 "== Bring\n"                            /* 19 */
                                 "- Uw oude paspoort.\n"                 /* 20 */
                                 "- Een pasfoto.\r\n"                    /* 21 */
                                 "== Costs\n"                            /* 22 */
                                 "Gratis.\n"                             /* 23 */
                                 "== Where\n"                            /* 24 */
                                 "Gemeentehuis, Raadhuisplein 1.\n";     /* 25 */

static const char good_topic_text[] = "Paspoort aanvragen\n"
                                      "\n"
                                      "Maak een afspraak.\n"
                                      "\n"
                                      "What to do\n"
                                      "1. Maak een afspraak.\n"
                                      "2. Kom zelf.\n"
                                      "Het duurt niet lang.\n"
                                      "Neem de tijd.\n"
                                      "\n"
                                      "Daarna is het klaar.\n"
                                      "\n"
                                      "What to bring\n"
                                      "- Uw oude paspoort.\n"
                                      "- Een pasfoto.\n"
                                      "\n"
                                      "Costs\n"
                                      "Gratis.\n"
                                      "\n"
                                      "Where\n"
                                      "Gemeentehuis, Raadhuisplein 1.\n";

/* A minimal topic that parses; cases below change one line of it. */
#define HEADER                                                                                     \
  "Slug: afval\nTitle: Afval\nSummary: Kort.\nPictogram: bin\nChecked: 2026-01-05\n"               \
  "Keywords: afval\nNext: callback\n"
#define BODY "\n== Steps\n1. Scheid uw afval.\n== Where\nThuis.\n"

static void
write_file (const char *path, const char *contents, gssize length)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static void
assert_block (const KpGuideSection *section,
              guint i,
              KpGuideBlockKind kind,
              guint number,
              const char *text,
              guint line)
{
  const KpGuideBlock *block = g_ptr_array_index (section->blocks, i);

  g_assert_cmpint (block->kind, ==, kind);
  g_assert_cmpuint (block->number, ==, number);
  g_assert_cmpstr (block->text, ==, text);
  g_assert_cmpuint (block->line, ==, line);
}

static void
test_parse_good_topic (void)
{
  g_autofree char *dir = kp_test_make_tmpdir ("guide");
  g_autofree char *path = g_build_filename (dir, "paspoort.topic", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (KpGuideTopic) topic = NULL;
  g_autofree char *text = NULL;
  const char *const keywords[] = { "paspoort", "op reis", "kwijt", NULL };
  const char *const partners[] = { "digitale-hulp", "schuldhulp", NULL };
  const KpGuideSection *section;

  write_file (path, good_topic, -1);
  topic = kp_guide_topic_new_from_file (path, "nl", &error);
  g_assert_no_error (error);

  g_assert_cmpstr (kp_guide_topic_get_slug (topic), ==, "paspoort");
  g_assert_cmpstr (kp_guide_topic_get_language (topic), ==, "nl");
  g_assert_cmpstr (kp_guide_topic_get_title (topic), ==, "Paspoort aanvragen");
  g_assert_cmpstr (kp_guide_topic_get_summary (topic), ==, "Maak een afspraak.");
  g_assert_cmpstr (kp_guide_topic_get_pictogram (topic), ==, "passport");
  g_assert_cmpstr (kp_guide_topic_get_checked (topic), ==, "2026-02-28");
  g_assert_true (g_strv_equal (kp_guide_topic_get_keywords (topic), keywords));
  g_assert_cmpint (kp_guide_topic_get_next_kind (topic), ==, KP_GUIDE_NEXT_APPOINTMENT);
  g_assert_cmpstr (kp_guide_topic_get_next_target (topic), ==, "paspoort");
  g_assert_true (g_strv_equal (kp_guide_topic_get_partners (topic), partners));
  g_assert_cmpuint (kp_guide_topic_get_field_line (topic, KP_GUIDE_FIELD_SLUG), ==, 2);
  g_assert_cmpuint (kp_guide_topic_get_field_line (topic, KP_GUIDE_FIELD_PARTNERS), ==, 9);

  g_assert_cmpuint (kp_guide_topic_get_sections (topic)->len, ==, 4);
  section = kp_guide_topic_lookup_section (topic, KP_GUIDE_SECTION_STEPS);
  g_assert_cmpuint (section->line, ==, 11);
  g_assert_cmpuint (section->blocks->len, ==, 4);
  assert_block (section, 0, KP_GUIDE_BLOCK_STEP, 1, "Maak een afspraak.", 12);
  assert_block (section, 1, KP_GUIDE_BLOCK_STEP, 2, "Kom zelf.", 13);
  assert_block (section, 2, KP_GUIDE_BLOCK_PARAGRAPH, 0, "Het duurt niet lang.\nNeem de tijd.", 14);
  assert_block (section, 3, KP_GUIDE_BLOCK_PARAGRAPH, 0, "Daarna is het klaar.", 18);
  section = kp_guide_topic_lookup_section (topic, KP_GUIDE_SECTION_BRING);
  assert_block (section, 1, KP_GUIDE_BLOCK_BULLET, 0, "Een pasfoto.", 21);
  g_assert_null (kp_guide_topic_lookup_section (topic, KP_GUIDE_SECTION_DURATION));

  /* What is read aloud and what `guide show` prints. */
  text = kp_guide_topic_dup_text (topic);
  g_assert_cmpstr (text, ==, good_topic_text);

  g_assert_finalize_object (g_steal_pointer (&topic));
  kp_test_remove_tree (dir);
}

/* Each case is one mistake an editor could make, with the line the error must name. */
static void
test_malformed_topics (void)
{
  static const struct
  {
    const char *name;
    const char *contents;
    gssize length; /* -1: up to the NUL */
    int code;      /* a KpGuideError */
    guint line;
  } cases[] = {
    { "missing-field",
      "Slug: afval\nTitle: Afval\nSummary: Kort.\nPictogram: bin\n"
      "Keywords: afval\nNext: callback\n" BODY,
      -1, KP_GUIDE_ERROR_MISSING, 7 },
    { "empty-value", "Slug: afval\nTitle:   \n", -1, KP_GUIDE_ERROR_MISSING, 2 },
    { "unknown-key", "Slug: afval\nColour: red\n", -1, KP_GUIDE_ERROR_SYNTAX, 2 },
    { "lower-case-key", "slug: afval\n", -1, KP_GUIDE_ERROR_SYNTAX, 1 },
    { "duplicate-key", "Slug: afval\nSlug: afval\n", -1, KP_GUIDE_ERROR_SYNTAX, 2 },
    { "key-out-of-order", "Slug: afval\nSummary: Kort.\nTitle: Afval\n", -1, KP_GUIDE_ERROR_SYNTAX,
      3 },
    { "no-colon", "Slug: afval\nJust some text\n", -1, KP_GUIDE_ERROR_SYNTAX, 2 },
    { "bad-date",
      "Slug: afval\nTitle: Afval\nSummary: Kort.\nPictogram: bin\n"
      "Checked: 2026-02-30\n",
      -1, KP_GUIDE_ERROR_VALUE, 5 },
    { "date-shape",
      "Slug: afval\nTitle: Afval\nSummary: Kort.\nPictogram: bin\n"
      "Checked: 5 januari 2026\n",
      -1, KP_GUIDE_ERROR_VALUE, 5 },
    { "bad-next-kind",
      "Slug: afval\nTitle: Afval\nSummary: Kort.\nPictogram: bin\n"
      "Checked: 2026-01-05\nKeywords: afval\nNext: website:afval\n",
      -1, KP_GUIDE_ERROR_VALUE, 7 },
    { "next-without-target",
      "Slug: afval\nTitle: Afval\nSummary: Kort.\nPictogram: bin\n"
      "Checked: 2026-01-05\nKeywords: afval\nNext: form:\n",
      -1, KP_GUIDE_ERROR_VALUE, 7 },
    { "bad-report",
      "Slug: afval\nTitle: Afval\nSummary: Kort.\nPictogram: bin\n"
      "Checked: 2026-01-05\nKeywords: afval\nNext: report:fire\n",
      -1, KP_GUIDE_ERROR_VALUE, 7 },
    { "callback-with-target",
      "Slug: afval\nTitle: Afval\nSummary: Kort.\nPictogram: bin\n"
      "Checked: 2026-01-05\nKeywords: afval\nNext: callback:now\n",
      -1, KP_GUIDE_ERROR_VALUE, 7 },
    { "bad-slug", "Slug: Afval Scheiden\n", -1, KP_GUIDE_ERROR_VALUE, 1 },
    { "empty-keyword",
      "Slug: afval\nTitle: Afval\nSummary: Kort.\nPictogram: bin\n"
      "Checked: 2026-01-05\nKeywords: afval, ,bak\n",
      -1, KP_GUIDE_ERROR_VALUE, 6 },
    { "bad-partner-id", HEADER "Partners: Schuld Hulp\n" BODY, -1, KP_GUIDE_ERROR_VALUE, 8 },
    { "section-in-header", HEADER "== Steps\n1. Scheid uw afval.\n", -1, KP_GUIDE_ERROR_SYNTAX, 8 },
    { "text-before-section", HEADER "\nScheid uw afval.\n== Steps\n", -1, KP_GUIDE_ERROR_SYNTAX,
      9 },
    { "unknown-section", HEADER "\n== Steps\n1. Scheid.\n== Tips\nKort.\n", -1,
      KP_GUIDE_ERROR_SYNTAX, 11 },
    { "section-order", HEADER "\n== Where\nThuis.\n== Steps\n1. Scheid.\n", -1,
      KP_GUIDE_ERROR_SYNTAX, 11 },
    { "duplicate-section", HEADER "\n== Steps\n1. A.\n== Steps\n1. B.\n", -1, KP_GUIDE_ERROR_SYNTAX,
      11 },
    { "empty-section", HEADER "\n== Steps\n1. Scheid.\n== Costs\n\n== Where\nThuis.\n", -1,
      KP_GUIDE_ERROR_SYNTAX, 11 },
    { "empty-bullet", HEADER "\n== Steps\n-  \n== Where\nThuis.\n", -1, KP_GUIDE_ERROR_SYNTAX, 10 },
    { "missing-where", HEADER "\n== Steps\n1. Scheid uw afval.\n", -1, KP_GUIDE_ERROR_MISSING, 10 },
    { "header-only", HEADER, -1, KP_GUIDE_ERROR_MISSING, 7 },
    { "invalid-utf8", HEADER "\n== Steps\n1. Scheid uw \xff afval.\n== Where\nThuis.\n", -1,
      KP_GUIDE_ERROR_ENCODING, 10 },
    { "latin-1", "Slug: afval\nTitle: Caf\xe9\n", -1, KP_GUIDE_ERROR_ENCODING, 2 },
    { "nul-byte", "Slug: afval\nTitle: A\0B\n", 22, KP_GUIDE_ERROR_ENCODING, 2 },
    { "empty-file", "", -1, KP_GUIDE_ERROR_MISSING, 1 },
    { "comments-only", "# nothing yet\n# really\n", -1, KP_GUIDE_ERROR_MISSING, 2 },
  };
  g_autofree char *dir = kp_test_make_tmpdir ("guide");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (dir, "afval.topic", NULL);
      g_autofree char *place = g_strdup_printf ("%s:%u: ", path, cases[i].line);
      g_autoptr (GError) error = NULL;
      g_autoptr (KpGuideTopic) topic = NULL;

      write_file (path, cases[i].contents, cases[i].length);
      topic = kp_guide_topic_new_from_file (path, "nl", &error);
      g_test_message ("%s: %s", cases[i].name, error != NULL ? error->message : "no error");
      g_assert_null (topic);
      g_assert_error (error, KP_GUIDE_ERROR, cases[i].code);
      g_assert_true (g_str_has_prefix (error->message, place));
      /* A message an editor can act on, not just a place. */
      g_assert_cmpuint (strlen (error->message), >, strlen (place) + 10);
    }
  kp_test_remove_tree (dir);
}

/* Files no editor wrote: a line or a file too big to be text, or no file at all. */
static void
test_oversized_topics (void)
{
  g_autofree char *dir = kp_test_make_tmpdir ("guide");
  g_autofree char *path = g_build_filename (dir, "afval.topic", NULL);
  g_autofree char *missing = g_build_filename (dir, "none.topic", NULL);
  g_autoptr (GString) contents = g_string_new (HEADER "\n== Steps\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (KpGuideTopic) topic = NULL;
  g_autofree char *place = g_strdup_printf ("%s:10: ", path);

  /* A line of 5000 bytes on line 10. */
  for (guint i = 0; i < 1000; i++)
    g_string_append (contents, "afval");
  g_string_append (contents, "\n== Where\nThuis.\n");
  write_file (path, contents->str, contents->len);
  topic = kp_guide_topic_new_from_file (path, "nl", &error);
  g_assert_null (topic);
  g_assert_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, place));
  g_clear_error (&error);

  /* Two megabytes of short lines. */
  while (contents->len < 2 * 1024 * 1024)
    g_string_append (contents, "Thuis.\n");
  write_file (path, contents->str, contents->len);
  topic = kp_guide_topic_new_from_file (path, "nl", &error);
  g_assert_null (topic);
  g_assert_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_READ);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  topic = kp_guide_topic_new_from_file (missing, "nl", &error);
  g_assert_null (topic);
  g_assert_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_READ);
  g_assert_nonnull (strstr (error->message, missing));
  kp_test_remove_tree (dir);
}

/* ---- Bundles ---- */

static void
write_bundle (const char *dir)
{
  static const struct
  {
    const char *path;
    const char *contents;
  } files[] = {
    { "groups.txt", "Id: papieren\nPictogram: document\nTitle-nl: Papieren\nTitle-en: Papers\n"
                    "Topics: paspoort, verhuizing\n\n"
                    "# Waste comes later.\n"
                    "Id: contact\nPictogram: phone\nTitle-nl: Contact\nTitle-en: Contact\n"
                    "Topics: verhuizing\n" },
    { "nl/paspoort.topic", "Slug: paspoort\nTitle: Paspoort aanvragen\nSummary: Kort.\n"
                           "Pictogram: passport\nChecked: 2026-01-05\nKeywords: paspoort\n"
                           "Next: appointment:paspoort\nPartners: bibliotheek\n" BODY },
    { "nl/verhuizing.topic", "Slug: verhuizing\nTitle: Verhuizing doorgeven\nSummary: Kort.\n"
                             "Pictogram: moving\nChecked: 2026-01-05\nKeywords: verhuizen\n"
                             "Next: form:verhuizing\n" BODY },
    { "nl/partners.txt", "Id: bibliotheek\nName: Bibliotheek De Linde\nHelps: Hulp met DigiD.\n"
                         "Phone: 0599 100 200\nAddress: Dorpsstraat 4, Lindeveen\n" },
    { "nl/products.txt", "# Appointments\nId: paspoort\nName: Paspoort of ID-kaart\n" },
    { "nl/forms.txt", "Id: verhuizing\nName: Verhuizing doorgeven\n\nId: klacht\nName: Klacht\n" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i].path, NULL);

      write_file (path, files[i].contents, -1);
    }
}

static void
test_load_bundle (void)
{
  g_autofree char *dir = kp_test_make_tmpdir ("bundle");
  g_autoptr (GError) error = NULL;
  g_autoptr (KpGuide) guide = NULL;
  GPtrArray *topics, *groups;
  const KpGuideEntry *partner;
  const KpGuideGroup *group;
  g_autofree char *next_name = NULL;
  const char *const papers[] = { "paspoort", "verhuizing", NULL };

  write_bundle (dir);
  guide = kp_guide_load (dir, "nl", &error);
  g_assert_no_error (error);

  g_assert_cmpstr (kp_guide_get_language (guide), ==, "nl");
  topics = kp_guide_get_topics (guide);
  g_assert_cmpuint (topics->len, ==, 2);
  g_assert_cmpstr (kp_guide_topic_get_slug (g_ptr_array_index (topics, 0)), ==, "paspoort");
  g_assert_true (kp_guide_lookup_topic (guide, "verhuizing") == g_ptr_array_index (topics, 1));
  g_assert_null (kp_guide_lookup_topic (guide, "afval"));

  partner = kp_guide_lookup_partner (guide, "bibliotheek");
  g_assert_cmpstr (partner->name, ==, "Bibliotheek De Linde");
  g_assert_cmpstr (partner->phone, ==, "0599 100 200");
  g_assert_cmpstr (partner->address, ==, "Dorpsstraat 4, Lindeveen");
  g_assert_cmpuint (partner->line, ==, 1);
  g_assert_cmpstr (kp_guide_lookup_product (guide, "paspoort")->name, ==, "Paspoort of ID-kaart");
  g_assert_null (kp_guide_lookup_product (guide, "paspoort")->helps);
  g_assert_cmpstr (kp_guide_lookup_form (guide, "klacht")->name, ==, "Klacht");
  g_assert_cmpuint (kp_guide_lookup_form (guide, "klacht")->line, ==, 4);

  groups = kp_guide_get_groups (guide);
  g_assert_cmpuint (groups->len, ==, 2);
  group = g_ptr_array_index (groups, 0);
  g_assert_cmpstr (group->id, ==, "papieren");
  g_assert_cmpstr (group->title, ==, "Papieren");
  g_assert_true (g_strv_equal ((const char *const *) group->topics, papers));
  g_assert_cmpuint (((KpGuideGroup *) g_ptr_array_index (groups, 1))->line, ==, 8);

  /* The Next button says where it leads, in the bundle's words. */
  next_name = kp_guide_dup_next_name (guide, kp_guide_lookup_topic (guide, "paspoort"));
  g_assert_cmpstr (next_name, ==, "Paspoort of ID-kaart");
  g_clear_pointer (&next_name, g_free);
  next_name = kp_guide_dup_next_name (guide, kp_guide_lookup_topic (guide, "verhuizing"));
  g_assert_cmpstr (next_name, ==, "Verhuizing doorgeven");

  g_assert_cmpuint (kp_guide_index_get_n_terms (kp_guide_get_index (guide)), >, 5);
  g_assert_finalize_object (g_steal_pointer (&guide));
  kp_test_remove_tree (dir);
}

/* A bundle with one thing wrong fails to load, naming the file and line. */
static void
test_load_bundle_errors (void)
{
  static const struct
  {
    const char *name;
    const char *path; /* a file to write over the good bundle; NULL to remove @remove */
    const char *contents;
    const char *remove;
    const char *language;
    int code;          /* a KpGuideError */
    const char *place; /* the start of the message, after the bundle's folder */
  } cases[] = {
    { "bad-partner", "nl/partners.txt", "Id: bibliotheek\nName: Bieb\nHelps: Hulp.\n", NULL, "nl",
      KP_GUIDE_ERROR_MISSING, "/nl/partners.txt:1: " },
    { "duplicate-form", "nl/forms.txt", "Id: klacht\nName: Klacht\n\nId: klacht\nName: Nog een\n",
      NULL, "nl", KP_GUIDE_ERROR_DUPLICATE, "/nl/forms.txt:4: " },
    { "unknown-key", "nl/products.txt", "Id: paspoort\nName: Paspoort\nPrice: 80\n", NULL, "nl",
      KP_GUIDE_ERROR_SYNTAX, "/nl/products.txt:3: " },
    { "slug-not-file-name", "nl/verhuizing.topic",
      "Slug: verhuizen\nTitle: V\nSummary: K.\nPictogram: moving\nChecked: 2026-01-05\n"
      "Keywords: v\nNext: callback\n" BODY,
      NULL, "nl", KP_GUIDE_ERROR_VALUE, "/nl/verhuizing.topic:1: " },
    { "bad-topic", "nl/paspoort.topic", "Slug: paspoort\nTitel: Paspoort\n", NULL, "nl",
      KP_GUIDE_ERROR_SYNTAX, "/nl/paspoort.topic:2: " },
    { "group-without-title", "groups.txt",
      "Id: papieren\nPictogram: document\nTitle-en: Papers\nTopics: paspoort\n", NULL, "nl",
      KP_GUIDE_ERROR_MISSING, "/groups.txt:1: " },
    { "no-groups", NULL, NULL, "groups.txt", "nl", KP_GUIDE_ERROR_READ, "" },
    { "no-products", NULL, NULL, "nl/products.txt", "nl", KP_GUIDE_ERROR_READ, "" },
    { "no-language", NULL, NULL, NULL, "de", KP_GUIDE_ERROR_READ, "" },
    { "bad-language", NULL, NULL, NULL, "../nl", KP_GUIDE_ERROR_VALUE, "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dir = kp_test_make_tmpdir ("bundle");
      g_autofree char *place = g_strconcat (dir, cases[i].place, NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (KpGuide) guide = NULL;

      write_bundle (dir);
      if (cases[i].path != NULL)
        {
          g_autofree char *path = g_build_filename (dir, cases[i].path, NULL);

          write_file (path, cases[i].contents, -1);
        }
      if (cases[i].remove != NULL)
        {
          g_autofree char *path = g_build_filename (dir, cases[i].remove, NULL);

          g_assert_cmpint (g_remove (path), ==, 0);
        }

      guide = kp_guide_load (dir, cases[i].language, &error);
      g_test_message ("%s: %s", cases[i].name, error != NULL ? error->message : "loaded");
      g_assert_null (guide);
      g_assert_error (error, KP_GUIDE_ERROR, cases[i].code);
      if (*cases[i].place != '\0')
        g_assert_true (g_str_has_prefix (error->message, place));
      kp_test_remove_tree (dir);
    }
}

/* The bundle the kiosk ships: the 30 topics, in Dutch and in English. */
static void
test_shipped_bundle (void)
{
  const char *const languages[] = { "nl", "en" };
  g_autofree char *folder = kp_guide_dup_default_folder ();

  g_assert_cmpstr (folder, ==, g_getenv ("KERNPUNT_CONTENT_DIR"));
  for (gsize l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (KpGuide) guide = kp_guide_load (folder, languages[l], &error);
      GPtrArray *topics;

      g_assert_no_error (error);
      topics = kp_guide_get_topics (guide);
      g_assert_cmpuint (topics->len, ==, G_N_ELEMENTS (shipped_slugs));
      for (guint i = 0; i < topics->len; i++)
        {
          KpGuideTopic *topic = g_ptr_array_index (topics, i);
          g_autofree char *next_name = kp_guide_dup_next_name (guide, topic);
          g_autofree char *dangling = g_strdup_printf (
              "%s:%s", kp_guide_next_kind_to_string (kp_guide_topic_get_next_kind (topic)),
              kp_guide_topic_get_next_target (topic));
          g_autofree char *text = kp_guide_topic_dup_text (topic);

          g_assert_cmpstr (kp_guide_topic_get_slug (topic), ==, shipped_slugs[i]);
          g_assert_cmpstr (kp_guide_topic_get_language (topic), ==, languages[l]);
          /* Never a dead end: the Next button has a name, not a dangling id. */
          g_assert_cmpstr (next_name, !=, dangling);
          g_assert_true (g_str_has_prefix (text, kp_guide_topic_get_title (topic)));
        }
      g_assert_cmpuint (kp_guide_get_groups (guide)->len, >=, 5);
      g_assert_finalize_object (g_steal_pointer (&guide));
    }
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/guide/parse-good-topic", test_parse_good_topic);
  g_test_add_func ("/guide/malformed-topics", test_malformed_topics);
  g_test_add_func ("/guide/oversized-topics", test_oversized_topics);
  g_test_add_func ("/guide/load-bundle", test_load_bundle);
  g_test_add_func ("/guide/load-bundle-errors", test_load_bundle_errors);
  g_test_add_func ("/guide/shipped-bundle", test_shipped_bundle);
  return g_test_run ();
}
