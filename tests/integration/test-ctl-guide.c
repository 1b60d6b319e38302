/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-test-helpers.h"

#include <json-glib/json-glib.h>
#include <string.h>

/*
 * kernpunt-ctl's guide and content commands, as a volunteer or an editor
 * runs them: on a small bundle of our own, where every line of output is
 * known, and on the bundle the kiosk ships (KERNPUNT_CONTENT_DIR).
 */

static const struct
{
  const char *path;
  const char *contents;
} bundle[] = {
  { "groups.txt", "Id: papieren\nPictogram: document\nTitle-nl: Papieren\nTitle-en: Papers\n"
                  "Topics: paspoort, verhuizing\n" },
  { "nl/paspoort.topic",
    "Slug: paspoort\nTitle: Paspoort aanvragen\nSummary: Maak een afspraak.\nPictogram: passport\n"
    "Checked: 2026-03-02\nKeywords: paspoort, reisdocument\nNext: appointment:paspoort\n"
    "Partners: bieb\n\n== Steps\n1. Maak een afspraak.\n2. Kom zelf.\n== Bring\n"
    "- Een pasfoto.\n== Where\nIn het gemeentehuis.\n" },
  { "nl/verhuizing.topic",
    "Slug: verhuizing\nTitle: Verhuizing doorgeven\nSummary: Geef uw adres door.\n"
    "Pictogram: moving\nChecked: 2026-03-02\nKeywords: verhuizen, nieuw adres\n"
    "Next: form:verhuizing\n\n== Steps\n1. Vul het formulier in.\n== Where\nHier.\n" },
  { "nl/partners.txt", "Id: bieb\nName: Bibliotheek De Linde\nHelps: Hulp met de computer.\n"
                       "Phone: 0599 100 200\nAddress: Dorpsstraat 4, Lindeveen\n" },
  { "nl/products.txt", "Id: paspoort\nName: Paspoort of ID-kaart\n" },
  { "nl/forms.txt", "Id: verhuizing\nName: Verhuizing doorgeven\n" },
};

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  fixture->dir = kp_test_make_tmpdir ("ctl-guide");
  for (gsize i = 0; i < G_N_ELEMENTS (bundle); i++)
    kp_test_write_file (fixture->dir, bundle[i].path, bundle[i].contents);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  kp_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* ---- guide list ---- */

static void
test_list_text (Fixture *fixture, gconstpointer data)
{
  g_auto (KpTestRun) run = { 0 };

  kp_test_run_ctl (&run, "--content", fixture->dir, "guide", "list", NULL);
  kp_test_assert_success (&run);
  /* Slugs in a column, titles lined up after them. */
  g_assert_cmpstr (run.out, ==,
                   "paspoort    Paspoort aanvragen\n"
                   "verhuizing  Verhuizing doorgeven\n");
}

static void
test_list_shipped_json (Fixture *fixture, gconstpointer data)
{
  const char *const languages[] = { "nl", "en" };

  for (gsize l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_auto (KpTestRun) run = { 0 };
      g_autoptr (JsonNode) root = NULL;
      JsonObject *object;
      JsonArray *topics;

      /* No --content: the bundle KERNPUNT_CONTENT_DIR names. */
      kp_test_run_ctl (&run, "--json", "--lang", languages[l], "guide", "list", NULL);
      kp_test_assert_success (&run);
      root = kp_test_parse_json (run.out);
      object = json_node_get_object (root);
      g_assert_cmpstr (json_object_get_string_member (object, "language"), ==, languages[l]);
      topics = json_object_get_array_member (object, "topics");
      g_assert_cmpuint (json_array_get_length (topics), ==, 30);
      g_assert_cmpstr (
          json_object_get_string_member (json_array_get_object_element (topics, 0), "slug"), ==,
          "afspraak-maken");
    }
}

/* ---- guide search ---- */

static void
test_search_text (Fixture *fixture, gconstpointer data)
{
  g_auto (KpTestRun) run = { 0 };
  g_auto (GStrv) lines = NULL;

  kp_test_run_ctl (&run, "--content", fixture->dir, "guide", "search", "paspoord", NULL);
  kp_test_assert_success (&run);
  lines = g_strsplit (run.out, "\n", -1);
  /* "SCORE  SLUG  TITLE", best first. */
  g_assert_true (g_str_has_suffix (lines[0], "  paspoort  Paspoort aanvragen"));
  g_assert_cmpfloat (g_ascii_strtod (lines[0], NULL), >, 0);
  g_assert_cmpstr (lines[1], ==, "");
}

static void
test_search_shipped_json (Fixture *fixture, gconstpointer data)
{
  g_auto (KpTestRun) run = { 0 };
  g_autoptr (JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *results;
  double previous = G_MAXDOUBLE;

  kp_test_run_ctl (&run, "guide", "search", "lantaarnpaal kapot", "--json", NULL);
  kp_test_assert_success (&run);
  root = kp_test_parse_json (run.out);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "query"), ==, "lantaarnpaal kapot");
  g_assert_cmpstr (json_object_get_string_member (object, "language"), ==, "nl");
  results = json_object_get_array_member (object, "results");
  g_assert_cmpuint (json_array_get_length (results), >, 0);
  g_assert_cmpuint (json_array_get_length (results), <=, 10);
  g_assert_cmpstr (
      json_object_get_string_member (json_array_get_object_element (results, 0), "slug"), ==,
      "melding-openbare-ruimte");
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *result = json_array_get_object_element (results, i);
      double score = json_object_get_double_member (result, "score");

      g_assert_nonnull (json_object_get_string_member (result, "title"));
      g_assert_cmpfloat (score, <=, previous);
      previous = score;
    }
}

static void
test_search_english (Fixture *fixture, gconstpointer data)
{
  g_auto (KpTestRun) run = { 0 };
  g_auto (GStrv) lines = NULL;

  kp_test_run_ctl (&run, "--lang", "en", "guide", "search", "pasport expired", NULL);
  kp_test_assert_success (&run);
  lines = g_strsplit (run.out, "\n", -1);
  kp_test_assert_contains (lines[0], "  paspoort-id-kaart  ");
  g_assert_true (g_str_has_suffix (lines[0], "  Apply for a passport or ID card"));
}

static void
test_search_nothing (Fixture *fixture, gconstpointer data)
{
  g_auto (KpTestRun) text = { 0 };
  g_auto (KpTestRun) json = { 0 };
  g_autoptr (JsonNode) root = NULL;

  kp_test_run_ctl (&text, "--content", fixture->dir, "guide", "search", "qqq zzz", NULL);
  kp_test_assert_success (&text);
  g_assert_cmpstr (text.out, ==, "No topic found for “qqq zzz”.\n");

  kp_test_run_ctl (&json, "--content", fixture->dir, "--json", "guide", "search", "qqq zzz", NULL);
  kp_test_assert_success (&json);
  root = kp_test_parse_json (json.out);
  g_assert_cmpuint (
      json_array_get_length (json_object_get_array_member (json_node_get_object (root), "results")),
      ==, 0);
}

/* ---- guide show ---- */

static void
test_show_text (Fixture *fixture, gconstpointer data)
{
  g_auto (KpTestRun) run = { 0 };

  kp_test_run_ctl (&run, "--content", fixture->dir, "guide", "show", "paspoort", NULL);
  kp_test_assert_success (&run);
  g_assert_cmpstr (run.out, ==,
                   "Paspoort aanvragen\n"
                   "\n"
                   "Maak een afspraak.\n"
                   "\n"
                   "What to do\n"
                   "1. Maak een afspraak.\n"
                   "2. Kom zelf.\n"
                   "\n"
                   "What to bring\n"
                   "- Een pasfoto.\n"
                   "\n"
                   "Where\n"
                   "In het gemeentehuis.\n"
                   "\n"
                   "Next step: Paspoort of ID-kaart (appointment:paspoort)\n"
                   "\n"
                   "Partners:\n"
                   "- Bibliotheek De Linde\n"
                   "  Hulp met de computer.\n"
                   "  Phone: 0599 100 200\n"
                   "  Address: Dorpsstraat 4, Lindeveen\n"
                   "\n"
                   "Checked: 2026-03-02\n");
}

static void
test_show_json (Fixture *fixture, gconstpointer data)
{
  g_auto (KpTestRun) run = { 0 };
  g_autoptr (JsonNode) root = NULL;
  JsonObject *topic, *next, *partner, *section, *block;
  JsonArray *sections, *blocks;

  kp_test_run_ctl (&run, "--content", fixture->dir, "--json", "guide", "show", "paspoort", NULL);
  kp_test_assert_success (&run);
  root = kp_test_parse_json (run.out);
  topic = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (topic, "slug"), ==, "paspoort");
  g_assert_cmpstr (json_object_get_string_member (topic, "title"), ==, "Paspoort aanvragen");
  g_assert_cmpstr (json_object_get_string_member (topic, "checked"), ==, "2026-03-02");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (topic, "keywords")), ==,
                    2);

  next = json_object_get_object_member (topic, "next");
  g_assert_cmpstr (json_object_get_string_member (next, "kind"), ==, "appointment");
  g_assert_cmpstr (json_object_get_string_member (next, "target"), ==, "paspoort");
  g_assert_cmpstr (json_object_get_string_member (next, "name"), ==, "Paspoort of ID-kaart");

  sections = json_object_get_array_member (topic, "sections");
  g_assert_cmpuint (json_array_get_length (sections), ==, 3);
  section = json_array_get_object_element (sections, 0);
  g_assert_cmpstr (json_object_get_string_member (section, "name"), ==, "Steps");
  g_assert_cmpstr (json_object_get_string_member (section, "heading"), ==, "What to do");
  blocks = json_object_get_array_member (section, "blocks");
  block = json_array_get_object_element (blocks, 1);
  g_assert_cmpstr (json_object_get_string_member (block, "kind"), ==, "step");
  g_assert_cmpint (json_object_get_int_member (block, "number"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (block, "text"), ==, "Kom zelf.");

  partner = json_array_get_object_element (json_object_get_array_member (topic, "partners"), 0);
  g_assert_cmpstr (json_object_get_string_member (partner, "id"), ==, "bieb");
  g_assert_cmpstr (json_object_get_string_member (partner, "phone"), ==, "0599 100 200");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (topic, "text"),
                                   "Paspoort aanvragen\n\nMaak een afspraak.\n"));
}

static void
test_show_unknown (Fixture *fixture, gconstpointer data)
{
  g_auto (KpTestRun) run = { 0 };

  kp_test_run_ctl (&run, "--content", fixture->dir, "guide", "show", "afval", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  kp_test_assert_contains (run.err, "kernpunt-ctl: There is no topic “afval” in “nl”.");
}

/* ---- content lint ---- */

static void
test_lint_shipped (Fixture *fixture, gconstpointer data)
{
  g_autofree char *folder = kp_test_source_path ("ui", "guide", NULL);
  g_auto (KpTestRun) text = { 0 };
  g_auto (KpTestRun) json = { 0 };
  g_autoptr (JsonNode) root = NULL;
  JsonObject *report;

  kp_test_run_ctl (&text, "content", "lint", folder, NULL);
  kp_test_assert_success (&text);
  kp_test_assert_contains (text.out, "/nl/paspoort-id-kaart.topic:1: flesch-douma: note: ");
  g_assert_true (g_str_has_suffix (text.out, " Errors: 0.\n"));

  kp_test_run_ctl (&json, "--json", "content", "lint", folder, NULL);
  kp_test_assert_success (&json);
  root = kp_test_parse_json (json.out);
  report = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (report, "errors"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (report, "files"), >=, 60);
}

static void
test_lint_findings (Fixture *fixture, gconstpointer data)
{
  g_auto (KpTestRun) text = { 0 };
  g_auto (KpTestRun) json = { 0 };
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *expected = NULL;
  JsonObject *report, *finding;

  /* Officialese on line 14. A bundle of one language is fine. */
  kp_test_write_file (
      fixture->dir, "nl/verhuizing.topic",
      "Slug: verhuizing\nTitle: Verhuizing doorgeven\nSummary: Geef uw adres door.\n"
      "Pictogram: moving\nChecked: 2026-03-02\nKeywords: verhuizen\n"
      "Next: form:verhuizing\n\n== Steps\n1. Vul het formulier in.\n== Where\n"
      "Hier.\n\nIndien u wilt, thuis.\n");

  kp_test_run_ctl (&text, "content", "lint", fixture->dir, NULL);
  g_assert_cmpint (text.status, ==, 1);
  expected = g_strdup_printf ("%s/nl/verhuizing.topic:14: officialese: “indien” is officialese: "
                              "say it in everyday words.\n",
                              fixture->dir);
  kp_test_assert_contains (text.out, expected);
  kp_test_assert_contains (text.out, "Files checked: 6. Errors: 1.\n");

  kp_test_run_ctl (&json, "--json", "content", "lint", fixture->dir, NULL);
  g_assert_cmpint (json.status, ==, 1);
  root = kp_test_parse_json (json.out);
  report = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (report, "errors"), ==, 1);
  for (guint i = 0; i < json_array_get_length (json_object_get_array_member (report, "findings"));
       i++)
    {
      finding
          = json_array_get_object_element (json_object_get_array_member (report, "findings"), i);
      if (g_str_equal (json_object_get_string_member (finding, "severity"), "error"))
        {
          g_assert_cmpstr (json_object_get_string_member (finding, "rule"), ==, "officialese");
          g_assert_cmpint (json_object_get_int_member (finding, "line"), ==, 14);
        }
    }
}

/* ---- The command line ---- */

static void
test_exit_codes (Fixture *fixture, gconstpointer data)
{
  static const struct
  {
    const char *args[6];
    int status;
    const char *err; /* a part of what stderr must say */
  } cases[] = {
    /* Usage errors: 2, with the help text. */
    { { "guide", "search", NULL }, 2, "Unknown command, or the wrong number of arguments." },
    { { "guide", "show", "a", "b", NULL }, 2, "guide show SLUG" },
    { { "guide", "find", "paspoort", NULL }, 2, "Unknown command" },
    { { "content", "lint", NULL }, 2, "content lint DIR" },
    { { "--lang", "NL!", "guide", "list", NULL }, 2, "“NL!” is not a language such as nl or en." },
    /* Commands that could not run: 1. */
    { { "--lang", "de", "guide", "list", NULL }, 1, "/de" },
    { { "--content", "/nonexistent/guide", "guide", "list", NULL }, 1, "/nonexistent/guide/nl" },
    { { "content", "lint", "/nonexistent/guide", NULL }, 1, "/nonexistent/guide" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (KpTestRun) run = { 0 };
      const char *const *args = cases[i].args;

      kp_test_run_ctl (&run, args[0], args[1], args[2], args[3], args[4], args[5], NULL);
      g_test_message ("%s %s: %d %s", args[0], args[1], run.status, run.err);
      g_assert_cmpint (run.status, ==, cases[i].status);
      g_assert_cmpstr (run.out, ==, "");
      kp_test_assert_contains (run.err, cases[i].err);
    }
}

/* The guide commands need no kiosk database: a fresh machine can run them. */
static void
test_no_database_needed (Fixture *fixture, gconstpointer data)
{
  g_autofree char *config = g_build_filename (fixture->dir, "kernpunt.conf", NULL);
  g_autofree char *contents = g_strdup_printf ("[storage]\ndata-dir=%s/data\n", fixture->dir);
  g_auto (KpTestRun) guide = { 0 };
  g_auto (KpTestRun) status = { 0 };

  kp_test_write_file (fixture->dir, "kernpunt.conf", contents);
  kp_test_run_ctl (&guide, "--config", config, "--content", fixture->dir, "guide", "list", NULL);
  kp_test_assert_success (&guide);

  /* Where the database is needed, its absence is still an error. */
  kp_test_run_ctl (&status, "--config", config, "status", NULL);
  g_assert_cmpint (status.status, ==, 1);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();

  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ctl-guide/list/text", test_list_text);
  ADD ("/ctl-guide/list/shipped-json", test_list_shipped_json);
  ADD ("/ctl-guide/search/text", test_search_text);
  ADD ("/ctl-guide/search/shipped-json", test_search_shipped_json);
  ADD ("/ctl-guide/search/english", test_search_english);
  ADD ("/ctl-guide/search/nothing", test_search_nothing);
  ADD ("/ctl-guide/show/text", test_show_text);
  ADD ("/ctl-guide/show/json", test_show_json);
  ADD ("/ctl-guide/show/unknown", test_show_unknown);
  ADD ("/ctl-guide/lint/shipped", test_lint_shipped);
  ADD ("/ctl-guide/lint/findings", test_lint_findings);
  ADD ("/ctl-guide/exit-codes", test_exit_codes);
  ADD ("/ctl-guide/no-database-needed", test_no_database_needed);
#undef ADD
  return g_test_run ();
}
