/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "ctl-guide.h"

#include "kp-content-lint.h"
#include "kp-guide.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

/* As many results as fit on the kiosk's results page. */
#define MAX_RESULTS 10

#define DEFAULT_LANGUAGE "nl"

/* ---- Output ---- */

static void
print_json (JsonNode *root)
{
  g_autofree char *text = json_to_string (root, TRUE);

  /* JSON is UTF-8 whatever the locale, so it bypasses g_print's conversion. */
  fputs (text, stdout);
  fputc ('\n', stdout);
}

static void
set_nullable_string (JsonObject *object, const char *name, const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

/* (transfer full) */
static JsonArray *
new_string_array (const char *const *strings)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strings[i] != NULL; i++)
    json_array_add_string_element (array, strings[i]);
  return array;
}

static int
print_object (JsonObject *object)
{
  g_autoptr (JsonNode) root = json_node_init_object (json_node_alloc (), object);

  print_json (root);
  return EXIT_OK;
}

/* ---- Loading ---- */

/* A language code as the bundle's folders are named: two or three lower-case letters. */
static gboolean
is_language_code (const char *language)
{
  gsize length = strlen (language);

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_islower (language[i]))
      return FALSE;
  return length >= 2 && length <= 3;
}

/* Sets @status to EXIT_USAGE or EXIT_FAILED with @error when it fails. (transfer full) */
static KpGuide *
load_guide (const KpCtlGuideOptions *options, int *status, GError **error)
{
  const char *language = options->language != NULL ? options->language : DEFAULT_LANGUAGE;
  g_autofree char *folder = options->content_folder != NULL ? g_strdup (options->content_folder)
                                                            : kp_guide_dup_default_folder ();
  KpGuide *guide;

  if (!is_language_code (language))
    {
      *status = EXIT_USAGE;
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("“%s” is not a language such as nl or en."), language);
      return NULL;
    }
  guide = kp_guide_load (folder, language, error);
  *status = guide != NULL ? EXIT_OK : EXIT_FAILED;
  return guide;
}

/* ---- guide list ---- */

static guint
max_slug_length (GPtrArray *topics)
{
  guint width = 0;

  for (guint i = 0; i < topics->len; i++)
    width = MAX (width, strlen (kp_guide_topic_get_slug (g_ptr_array_index (topics, i))));
  return width;
}

static int
print_list_json (KpGuide *guide)
{
  GPtrArray *topics = kp_guide_get_topics (guide);
  g_autoptr (JsonObject) object = json_object_new ();
  JsonArray *array = json_array_new ();

  json_object_set_string_member (object, "language", kp_guide_get_language (guide));
  for (guint i = 0; i < topics->len; i++)
    {
      KpGuideTopic *topic = g_ptr_array_index (topics, i);
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "slug", kp_guide_topic_get_slug (topic));
      json_object_set_string_member (item, "title", kp_guide_topic_get_title (topic));
      json_object_set_string_member (item, "pictogram", kp_guide_topic_get_pictogram (topic));
      json_object_set_string_member (item, "checked", kp_guide_topic_get_checked (topic));
      json_array_add_object_element (array, item);
    }
  json_object_set_array_member (object, "topics", array);
  return print_object (object);
}

int
ctl_guide_list (const KpCtlGuideOptions *options, const char *argument, GError **error)
{
  int status;
  g_autoptr (KpGuide) guide = load_guide (options, &status, error);
  GPtrArray *topics;
  guint width;

  if (guide == NULL)
    return status;
  if (options->json)
    return print_list_json (guide);

  /* Slugs are ASCII, so printf's padding lines the titles up. */
  topics = kp_guide_get_topics (guide);
  width = max_slug_length (topics);
  for (guint i = 0; i < topics->len; i++)
    {
      KpGuideTopic *topic = g_ptr_array_index (topics, i);

      g_print ("%-*s  %s\n", (int) width, kp_guide_topic_get_slug (topic),
               kp_guide_topic_get_title (topic));
    }
  return EXIT_OK;
}

/* ---- guide search ---- */

static int
print_search_json (KpGuide *guide, const char *query, GPtrArray *hits)
{
  g_autoptr (JsonObject) object = json_object_new ();
  JsonArray *results = json_array_new ();

  json_object_set_string_member (object, "query", query);
  json_object_set_string_member (object, "language", kp_guide_get_language (guide));
  for (guint i = 0; i < hits->len; i++)
    {
      const KpGuideHit *hit = g_ptr_array_index (hits, i);
      KpGuideTopic *topic = kp_guide_lookup_topic (guide, hit->slug);
      JsonObject *result = json_object_new ();

      json_object_set_string_member (result, "slug", hit->slug);
      json_object_set_string_member (result, "title", kp_guide_topic_get_title (topic));
      json_object_set_double_member (result, "score", hit->score);
      json_array_add_object_element (results, result);
    }
  json_object_set_array_member (object, "results", results);
  return print_object (object);
}

static void
print_search_text (KpGuide *guide, const char *query, GPtrArray *hits)
{
  guint width = 0;

  if (hits->len == 0)
    {
      g_print (_ ("No topic found for “%s”.\n"), query);
      return;
    }
  for (guint i = 0; i < hits->len; i++)
    width = MAX (width, strlen (((const KpGuideHit *) g_ptr_array_index (hits, i))->slug));
  for (guint i = 0; i < hits->len; i++)
    {
      const KpGuideHit *hit = g_ptr_array_index (hits, i);
      KpGuideTopic *topic = kp_guide_lookup_topic (guide, hit->slug);

      g_print ("%6.2f  %-*s  %s\n", hit->score, (int) width, hit->slug,
               kp_guide_topic_get_title (topic));
    }
}

int
ctl_guide_search (const KpCtlGuideOptions *options, const char *query, GError **error)
{
  int status;
  g_autoptr (KpGuide) guide = load_guide (options, &status, error);
  g_autoptr (GPtrArray) hits = NULL;

  if (guide == NULL)
    return status;
  hits = kp_guide_index_search (kp_guide_get_index (guide), query, MAX_RESULTS, error);
  if (hits == NULL)
    return EXIT_FAILED;

  if (options->json)
    return print_search_json (guide, query, hits);
  print_search_text (guide, query, hits);
  return EXIT_OK;
}

/* ---- guide show ---- */

static const char *const block_kinds[] = {
  [KP_GUIDE_BLOCK_PARAGRAPH] = "paragraph",
  [KP_GUIDE_BLOCK_BULLET] = "bullet",
  [KP_GUIDE_BLOCK_STEP] = "step",
};

static JsonArray *
new_sections_array (KpGuideTopic *topic)
{
  GPtrArray *sections = kp_guide_topic_get_sections (topic);
  JsonArray *array = json_array_new ();

  for (guint s = 0; s < sections->len; s++)
    {
      const KpGuideSection *section = g_ptr_array_index (sections, s);
      JsonObject *object = json_object_new ();
      JsonArray *blocks = json_array_new ();

      json_object_set_string_member (object, "name",
                                     kp_guide_section_kind_to_string (section->kind));
      json_object_set_string_member (object, "heading",
                                     kp_guide_section_kind_get_heading (section->kind));
      for (guint b = 0; b < section->blocks->len; b++)
        {
          const KpGuideBlock *block = g_ptr_array_index (section->blocks, b);
          JsonObject *item = json_object_new ();

          json_object_set_string_member (item, "kind", block_kinds[block->kind]);
          if (block->kind == KP_GUIDE_BLOCK_STEP)
            json_object_set_int_member (item, "number", block->number);
          json_object_set_string_member (item, "text", block->text);
          json_array_add_object_element (blocks, item);
        }
      json_object_set_array_member (object, "blocks", blocks);
      json_array_add_object_element (array, object);
    }
  return array;
}

/* A partner the bundle lacks is shown by its id only: content lint reports it. */
static JsonArray *
new_partners_array (KpGuide *guide, KpGuideTopic *topic)
{
  const char *const *ids = kp_guide_topic_get_partners (topic);
  JsonArray *array = json_array_new ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      const KpGuideEntry *partner = kp_guide_lookup_partner (guide, ids[i]);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "id", ids[i]);
      set_nullable_string (object, "name", partner != NULL ? partner->name : NULL);
      set_nullable_string (object, "helps", partner != NULL ? partner->helps : NULL);
      set_nullable_string (object, "phone", partner != NULL ? partner->phone : NULL);
      set_nullable_string (object, "address", partner != NULL ? partner->address : NULL);
      json_array_add_object_element (array, object);
    }
  return array;
}

static int
print_show_json (KpGuide *guide, KpGuideTopic *topic)
{
  g_autoptr (JsonObject) object = json_object_new ();
  JsonObject *next = json_object_new ();
  g_autofree char *next_name = kp_guide_dup_next_name (guide, topic);
  g_autofree char *text = kp_guide_topic_dup_text (topic);

  json_object_set_string_member (object, "slug", kp_guide_topic_get_slug (topic));
  json_object_set_string_member (object, "language", kp_guide_topic_get_language (topic));
  json_object_set_string_member (object, "title", kp_guide_topic_get_title (topic));
  json_object_set_string_member (object, "summary", kp_guide_topic_get_summary (topic));
  json_object_set_string_member (object, "pictogram", kp_guide_topic_get_pictogram (topic));
  json_object_set_string_member (object, "checked", kp_guide_topic_get_checked (topic));
  json_object_set_array_member (object, "keywords",
                                new_string_array (kp_guide_topic_get_keywords (topic)));
  json_object_set_string_member (
      next, "kind", kp_guide_next_kind_to_string (kp_guide_topic_get_next_kind (topic)));
  set_nullable_string (next, "target", kp_guide_topic_get_next_target (topic));
  json_object_set_string_member (next, "name", next_name);
  json_object_set_object_member (object, "next", next);
  json_object_set_array_member (object, "sections", new_sections_array (topic));
  json_object_set_array_member (object, "partners", new_partners_array (guide, topic));
  json_object_set_string_member (object, "text", text);
  return print_object (object);
}

static void
print_partners_text (KpGuide *guide, KpGuideTopic *topic)
{
  const char *const *ids = kp_guide_topic_get_partners (topic);

  if (ids[0] == NULL)
    return;
  g_print ("\n%s\n", _ ("Partners:"));
  for (guint i = 0; ids[i] != NULL; i++)
    {
      const KpGuideEntry *partner = kp_guide_lookup_partner (guide, ids[i]);

      if (partner == NULL)
        {
          g_print ("- %s\n", ids[i]);
          continue;
        }
      g_print ("- %s\n  %s\n", partner->name, partner->helps);
      g_print ("  %s %s\n", _ ("Phone:"), partner->phone);
      g_print ("  %s %s\n", _ ("Address:"), partner->address);
    }
}

static void
print_show_text (KpGuide *guide, KpGuideTopic *topic)
{
  g_autofree char *text = kp_guide_topic_dup_text (topic);
  g_autofree char *next_name = kp_guide_dup_next_name (guide, topic);
  const char *target = kp_guide_topic_get_next_target (topic);
  g_autofree char *next_link = g_strdup_printf (
      "%s%s%s", kp_guide_next_kind_to_string (kp_guide_topic_get_next_kind (topic)),
      target != NULL ? ":" : "", target != NULL ? target : "");

  g_print ("%s", text);
  g_print ("\n%s %s (%s)\n", _ ("Next step:"), next_name, next_link);
  print_partners_text (guide, topic);
  g_print ("\n%s %s\n", _ ("Checked:"), kp_guide_topic_get_checked (topic));
}

int
ctl_guide_show (const KpCtlGuideOptions *options, const char *slug, GError **error)
{
  int status;
  g_autoptr (KpGuide) guide = load_guide (options, &status, error);
  KpGuideTopic *topic;

  if (guide == NULL)
    return status;
  topic = kp_guide_lookup_topic (guide, slug);
  if (topic == NULL)
    {
      g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_MISSING,
                   _ ("There is no topic “%s” in “%s”. `kernpunt-ctl guide list` shows them all."),
                   slug, kp_guide_get_language (guide));
      return EXIT_FAILED;
    }

  if (options->json)
    return print_show_json (guide, topic);
  print_show_text (guide, topic);
  return EXIT_OK;
}

/* ---- content lint ---- */

static const char *const severities[] = {
  [KP_LINT_SEVERITY_ERROR] = "error",
  [KP_LINT_SEVERITY_NOTE] = "note",
};

static void
print_lint_json (KpContentLint *lint, const char *folder)
{
  GPtrArray *findings = kp_content_lint_get_findings (lint);
  g_autoptr (JsonObject) object = json_object_new ();
  JsonArray *array = json_array_new ();

  json_object_set_string_member (object, "folder", folder);
  json_object_set_int_member (object, "files", kp_content_lint_get_n_files (lint));
  json_object_set_int_member (object, "errors", kp_content_lint_get_n_errors (lint));
  for (guint i = 0; i < findings->len; i++)
    {
      const KpLintFinding *finding = g_ptr_array_index (findings, i);
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "file", finding->file);
      if (finding->line > 0)
        json_object_set_int_member (item, "line", finding->line);
      else
        json_object_set_null_member (item, "line");
      json_object_set_string_member (item, "severity", severities[finding->severity]);
      json_object_set_string_member (item, "rule", finding->rule);
      json_object_set_string_member (item, "message", finding->message);
      json_array_add_object_element (array, item);
    }
  json_object_set_array_member (object, "findings", array);
  print_object (object);
}

/* "FILE:LINE: rule: message", the way compilers report, so editors can jump there. */
static void
print_lint_text (KpContentLint *lint)
{
  GPtrArray *findings = kp_content_lint_get_findings (lint);

  for (guint i = 0; i < findings->len; i++)
    {
      const KpLintFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *place = finding->line > 0
                                   ? g_strdup_printf ("%s:%u", finding->file, finding->line)
                                   : g_strdup (finding->file);

      if (finding->severity == KP_LINT_SEVERITY_NOTE)
        g_print ("%s: %s: %s: %s\n", place, finding->rule, _ ("note"), finding->message);
      else
        g_print ("%s: %s: %s\n", place, finding->rule, finding->message);
    }
  g_print (_ ("Files checked: %u. Errors: %u.\n"), kp_content_lint_get_n_files (lint),
           kp_content_lint_get_n_errors (lint));
}

int
ctl_content_lint (const KpCtlGuideOptions *options, const char *folder, GError **error)
{
  g_autoptr (KpContentLint) lint = kp_content_lint_new (error);

  if (lint == NULL || !kp_content_lint_check (lint, folder, error))
    return EXIT_FAILED;

  if (options->json)
    print_lint_json (lint, folder);
  else
    print_lint_text (lint);
  return kp_content_lint_get_n_errors (lint) > 0 ? EXIT_FAILED : EXIT_OK;
}
