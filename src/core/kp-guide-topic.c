/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-guide-topic.h"

#include "kp-guide-private.h"

#include <string.h>

#include <glib/gi18n-lib.h>

struct _KpGuideTopic
{
  GObject parent_instance;

  char *language;
  /* The header values as written, indexed by KpGuideField; NULL when absent. */
  char *fields[KP_GUIDE_N_FIELDS];
  guint field_lines[KP_GUIDE_N_FIELDS];
  GStrv keywords;
  GStrv partners;
  KpGuideNextKind next_kind;
  char *next_target;
  GPtrArray *sections;
};

G_DEFINE_FINAL_TYPE (KpGuideTopic, kp_guide_topic, G_TYPE_OBJECT)

static const char *const field_names[KP_GUIDE_N_FIELDS] = {
  "Slug", "Title", "Summary", "Pictogram", "Checked", "Keywords", "Next", "Partners",
};

static const char *const section_names[KP_GUIDE_N_SECTIONS] = {
  "Steps", "Bring", "Costs", "Duration", "Where",
};

static const char *const section_headings[KP_GUIDE_N_SECTIONS] = {
  N_ ("What to do"), N_ ("What to bring"), N_ ("Costs"), N_ ("How long it takes"), N_ ("Where"),
};

static const char *const next_kind_names[] = {
  [KP_GUIDE_NEXT_APPOINTMENT] = "appointment",
  [KP_GUIDE_NEXT_FORM] = "form",
  [KP_GUIDE_NEXT_REPORT] = "report",
  [KP_GUIDE_NEXT_CALLBACK] = "callback",
  [KP_GUIDE_NEXT_TOPIC] = "topic",
  [KP_GUIDE_NEXT_PARTNER] = "partner",
};

static const char *const report_targets[] = { "mor", "found", "lost", NULL };

/* ---- Blocks and sections ---- */

static KpGuideBlock *
block_new (KpGuideBlockKind kind, guint number, const char *text, guint line)
{
  KpGuideBlock *block = g_new0 (KpGuideBlock, 1);

  block->kind = kind;
  block->number = number;
  block->text = g_strdup (text);
  block->line = line;
  return block;
}

static void
block_free (KpGuideBlock *block)
{
  g_free (block->text);
  g_free (block);
}

static KpGuideSection *
section_new (KpGuideSectionKind kind, guint line)
{
  KpGuideSection *section = g_new0 (KpGuideSection, 1);

  section->kind = kind;
  section->line = line;
  section->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  return section;
}

static void
section_free (KpGuideSection *section)
{
  g_ptr_array_unref (section->blocks);
  g_free (section);
}

/* ---- Names ---- */

/* The index of @name in @names, or -1. */
static int
find_name (const char *const *names, int n_names, const char *name)
{
  for (int i = 0; i < n_names; i++)
    if (g_strcmp0 (names[i], name) == 0)
      return i;
  return -1;
}

/* ---- Header ---- */

/* YYYY-MM-DD, and a day that exists. */
static gboolean
is_valid_date (const char *text)
{
  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  return g_date_valid_dmy (g_ascii_strtoull (text + 8, NULL, 10),
                           g_ascii_strtoull (text + 5, NULL, 10),
                           g_ascii_strtoull (text, NULL, 10));
}

static gboolean
parse_next (KpGuideTopic *self, const char *value, GError **error)
{
  const char *colon = strchr (value, ':');
  g_autofree char *kind_name = colon != NULL ? g_strndup (value, colon - value) : g_strdup (value);
  const char *target = colon != NULL ? colon + 1 : NULL;
  int kind = find_name (next_kind_names, G_N_ELEMENTS (next_kind_names), kind_name);

  if (kind < 0)
    {
      g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_VALUE,
                   _ ("“%s” is not a next step. Use appointment:, form:, report:, callback, topic: "
                      "or partner:."),
                   value);
      return FALSE;
    }
  if (kind == KP_GUIDE_NEXT_CALLBACK && target != NULL)
    {
      g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_VALUE,
                   _ ("“callback” takes nothing after it."));
      return FALSE;
    }
  if (kind != KP_GUIDE_NEXT_CALLBACK && (target == NULL || !kp_guide_is_valid_id (target)))
    {
      g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_VALUE,
                   _ ("“%s” needs an id after “%s:”: lower-case letters, digits and “-”."), value,
                   kind_name);
      return FALSE;
    }
  if (kind == KP_GUIDE_NEXT_REPORT && !g_strv_contains (report_targets, target))
    {
      g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_VALUE,
                   _ ("A report is “report:mor”, “report:found” or “report:lost”."));
      return FALSE;
    }

  self->next_kind = kind;
  self->next_target = g_strdup (target);
  return TRUE;
}

/* Keywords and Partners: a list of one or more items. */
static gboolean
parse_list (const char *value, gboolean ids, GStrv *out, GError **error)
{
  g_auto (GStrv) items = kp_guide_split_list (value);

  if (items == NULL)
    {
      g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_VALUE,
                   _ ("There is an empty item between two commas."));
      return FALSE;
    }
  for (guint i = 0; ids && items[i] != NULL; i++)
    if (!kp_guide_is_valid_id (items[i]))
      {
        g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_VALUE,
                     _ ("“%s” is not an id: use lower-case letters, digits and “-”."), items[i]);
        return FALSE;
      }
  *out = g_steal_pointer (&items);
  return TRUE;
}

static gboolean
check_field_value (KpGuideTopic *self, KpGuideField field, const char *value, GError **error)
{
  switch (field)
    {
      case KP_GUIDE_FIELD_SLUG:
      case KP_GUIDE_FIELD_PICTOGRAM:
        if (kp_guide_is_valid_id (value))
          return TRUE;
        g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_VALUE,
                     _ ("“%s” is not a valid name: use lower-case letters, digits and “-”."),
                     value);
        return FALSE;
      case KP_GUIDE_FIELD_CHECKED:
        if (is_valid_date (value))
          return TRUE;
        g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_VALUE,
                     _ ("“%s” is not a date of the form YYYY-MM-DD."), value);
        return FALSE;
      case KP_GUIDE_FIELD_KEYWORDS:
        return parse_list (value, FALSE, &self->keywords, error);
      case KP_GUIDE_FIELD_NEXT:
        return parse_next (self, value, error);
      case KP_GUIDE_FIELD_PARTNERS:
        return parse_list (value, TRUE, &self->partners, error);
      case KP_GUIDE_FIELD_TITLE:
      case KP_GUIDE_FIELD_SUMMARY:
      case KP_GUIDE_N_FIELDS:
        break;
    }
  return TRUE;
}

/* The field before which @field should have come, or KP_GUIDE_N_FIELDS when it is in order. */
static KpGuideField
find_field_after (KpGuideTopic *self, KpGuideField field)
{
  for (KpGuideField later = field + 1; later < KP_GUIDE_N_FIELDS; later++)
    if (self->field_lines[later] != 0)
      return later;
  return KP_GUIDE_N_FIELDS;
}

static gboolean
parse_header_line (KpGuideTopic *self, const char *line, guint line_number, GError **error)
{
  const char *colon = strchr (line, ':');
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;
  KpGuideField later;
  int field;

  if (g_str_has_prefix (line, "=="))
    {
      g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_SYNTAX,
                   _ ("A section starts before the blank line that ends the header."));
      return FALSE;
    }
  if (colon == NULL)
    {
      g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_SYNTAX,
                   _ ("Expected “Key: value”, or a blank line before the sections."));
      return FALSE;
    }

  key = g_strndup (line, colon - line);
  field = find_name (field_names, KP_GUIDE_N_FIELDS, key);
  if (field < 0)
    {
      g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_SYNTAX,
                   _ ("Unknown key “%s”. The keys are Slug, Title, Summary, Pictogram, Checked, "
                      "Keywords, Next and Partners."),
                   key);
      return FALSE;
    }
  if (self->field_lines[field] != 0)
    {
      g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_SYNTAX, _ ("“%s” is already on line %u."),
                   key, self->field_lines[field]);
      return FALSE;
    }
  later = find_field_after (self, field);
  if (later != KP_GUIDE_N_FIELDS)
    {
      g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_SYNTAX, _ ("“%s” must come before “%s”."),
                   key, field_names[later]);
      return FALSE;
    }

  value = g_strstrip (g_strdup (colon + 1));
  if (*value == '\0')
    {
      g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_MISSING, _ ("“%s” has no value."), key);
      return FALSE;
    }
  if (!check_field_value (self, field, value, error))
    return FALSE;

  self->fields[field] = g_steal_pointer (&value);
  self->field_lines[field] = line_number;
  return TRUE;
}

static gboolean
check_header_complete (KpGuideTopic *self, GError **error)
{
  for (KpGuideField field = 0; field < KP_GUIDE_N_FIELDS; field++)
    if (field != KP_GUIDE_FIELD_PARTNERS && self->fields[field] == NULL)
      {
        g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_MISSING,
                     _ ("“%s” is missing from the header."), field_names[field]);
        return FALSE;
      }
  if (self->partners == NULL)
    self->partners = g_new0 (char *, 1);
  return TRUE;
}

/* ---- Body ---- */

typedef struct
{
  KpGuideTopic *topic;
  KpGuideSection *section; /* the one being read, or NULL before the first */
  KpGuideBlock *paragraph; /* the paragraph a plain line continues, or NULL */
} BodyParser;

static gboolean
check_section_not_empty (KpGuideSection *section, guint *error_line, GError **error)
{
  if (section == NULL || section->blocks->len > 0)
    return TRUE;
  *error_line = section->line;
  g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_SYNTAX, _ ("The section “%s” is empty."),
               section_names[section->kind]);
  return FALSE;
}

static gboolean
start_section (BodyParser *parser, const char *line, guint line_number, GError **error)
{
  g_autofree char *name = g_strstrip (g_strdup (line + 2));
  int kind = find_name (section_names, KP_GUIDE_N_SECTIONS, name);
  GPtrArray *sections = parser->topic->sections;
  KpGuideSection *last = sections->len > 0 ? g_ptr_array_index (sections, sections->len - 1) : NULL;

  if (kind < 0)
    {
      g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_SYNTAX,
                   _ ("Unknown section “%s”. The sections are Steps, Bring, Costs, Duration and "
                      "Where."),
                   name);
      return FALSE;
    }
  if (last != NULL && (int) last->kind >= kind)
    {
      g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_SYNTAX,
                   (int) last->kind == kind ? _ ("The section “%s” is already on line %u.")
                                            : _ ("The section “%s” must come before line %u."),
                   name, last->line);
      return FALSE;
    }

  parser->section = section_new (kind, line_number);
  parser->paragraph = NULL;
  g_ptr_array_add (sections, parser->section);
  return TRUE;
}

/* The number of a step line "12. Text", or 0 when @line is no step; @text points after it. */
static guint
parse_step_number (const char *line, const char **text)
{
  const char *p = line;
  guint64 number;

  while (g_ascii_isdigit (*p))
    p++;
  if (p == line || p - line > 3 || p[0] != '.' || p[1] != ' ')
    return 0;
  number = g_ascii_strtoull (line, NULL, 10);
  *text = p + 2;
  return (guint) number;
}

static gboolean
add_block (BodyParser *parser, const char *line, guint line_number, GError **error)
{
  const char *text = NULL;
  guint number = parse_step_number (line, &text);
  KpGuideBlockKind kind = KP_GUIDE_BLOCK_STEP;
  g_autofree char *stripped = NULL;

  if (number == 0 && g_str_has_prefix (line, "- "))
    {
      kind = KP_GUIDE_BLOCK_BULLET;
      text = line + 2;
    }
  else if (number == 0)
    {
      kind = KP_GUIDE_BLOCK_PARAGRAPH;
      text = line;
    }

  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    {
      g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_SYNTAX,
                   _ ("A bullet or a step needs text after it."));
      return FALSE;
    }

  if (kind == KP_GUIDE_BLOCK_PARAGRAPH && parser->paragraph != NULL)
    {
      char *joined = g_strconcat (parser->paragraph->text, "\n", stripped, NULL);

      g_free (parser->paragraph->text);
      parser->paragraph->text = joined;
      return TRUE;
    }

  g_ptr_array_add (parser->section->blocks, block_new (kind, number, stripped, line_number));
  parser->paragraph
      = kind == KP_GUIDE_BLOCK_PARAGRAPH
            ? g_ptr_array_index (parser->section->blocks, parser->section->blocks->len - 1)
            : NULL;
  return TRUE;
}

static gboolean
parse_body_line (
    BodyParser *parser, const char *line, guint line_number, guint *error_line, GError **error)
{
  *error_line = line_number;
  if (*line == '\0')
    {
      parser->paragraph = NULL;
      return TRUE;
    }
  if (g_str_has_prefix (line, "=="))
    return check_section_not_empty (parser->section, error_line, error)
           && start_section (parser, line, line_number, error);
  if (parser->section == NULL)
    {
      g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_SYNTAX,
                   _ ("Text must be inside a section: start one with a line such as “== Steps”."));
      return FALSE;
    }
  return add_block (parser, line, line_number, error);
}

static gboolean
check_body_complete (KpGuideTopic *self, guint *error_line, GError **error)
{
  const KpGuideSectionKind required[] = { KP_GUIDE_SECTION_STEPS, KP_GUIDE_SECTION_WHERE };
  KpGuideSection *last = self->sections->len > 0
                             ? g_ptr_array_index (self->sections, self->sections->len - 1)
                             : NULL;

  if (!check_section_not_empty (last, error_line, error))
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (required); i++)
    if (kp_guide_topic_lookup_section (self, required[i]) == NULL)
      {
        g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_MISSING,
                     _ ("The section “%s” is missing."), section_names[required[i]]);
        return FALSE;
      }
  return TRUE;
}

/* ---- Rendering ---- */

static void
append_block (GString *text, const KpGuideBlock *block, const KpGuideBlock *previous)
{
  /* A blank line keeps two paragraphs apart, as in the file. */
  if (previous != NULL && previous->kind == KP_GUIDE_BLOCK_PARAGRAPH
      && block->kind == KP_GUIDE_BLOCK_PARAGRAPH)
    g_string_append_c (text, '\n');

  switch (block->kind)
    {
      case KP_GUIDE_BLOCK_PARAGRAPH:
        g_string_append_printf (text, "%s\n", block->text);
        break;
      case KP_GUIDE_BLOCK_BULLET:
        g_string_append_printf (text, "- %s\n", block->text);
        break;
      case KP_GUIDE_BLOCK_STEP:
        g_string_append_printf (text, "%u. %s\n", block->number, block->text);
        break;
    }
}

/* ---- GObject ---- */

static void
kp_guide_topic_finalize (GObject *object)
{
  KpGuideTopic *self = KP_GUIDE_TOPIC (object);

  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->next_target, g_free);
  g_clear_pointer (&self->partners, g_strfreev);
  g_clear_pointer (&self->keywords, g_strfreev);
  for (int i = 0; i < KP_GUIDE_N_FIELDS; i++)
    g_clear_pointer (&self->fields[i], g_free);
  g_clear_pointer (&self->language, g_free);

  G_OBJECT_CLASS (kp_guide_topic_parent_class)->finalize (object);
}

static void
kp_guide_topic_class_init (KpGuideTopicClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kp_guide_topic_finalize;
}

static void
kp_guide_topic_init (KpGuideTopic *self)
{
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
}

/* ---- Public ---- */

/*
 * The header runs to the first blank line; the body is sections of
 * paragraphs, bullets and steps. Comment lines are skipped everywhere.
 * (transfer full)
 */
KpGuideTopic *
kp_guide_topic_parse (GBytes *bytes, const char *language, guint *error_line, GError **error)
{
  g_autoptr (KpGuideTopic) self = g_object_new (KP_TYPE_GUIDE_TOPIC, NULL);
  g_auto (GStrv) lines = NULL;
  BodyParser body = { self, NULL, NULL };
  gboolean in_header = TRUE;
  guint n_lines;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (language != NULL, NULL);
  g_return_val_if_fail (error_line != NULL, NULL);

  self->language = g_strdup (language);
  lines = kp_guide_split_lines (bytes, error_line, error);
  if (lines == NULL)
    return NULL;
  n_lines = g_strv_length (lines);

  for (guint i = 0; i < n_lines; i++)
    {
      const char *line = lines[i];

      *error_line = i + 1;
      if (line[0] == '#')
        continue;
      if (in_header && *line == '\0')
        {
          if (!check_header_complete (self, error))
            return NULL;
          in_header = FALSE;
        }
      else if (in_header && !parse_header_line (self, line, i + 1, error))
        return NULL;
      else if (!in_header && !parse_body_line (&body, line, i + 1, error_line, error))
        return NULL;
    }

  *error_line = n_lines;
  if (in_header && !check_header_complete (self, error))
    return NULL;
  if (!check_body_complete (self, error_line, error))
    return NULL;
  *error_line = 0;
  return g_steal_pointer (&self);
}

/* (transfer full) */
KpGuideTopic *
kp_guide_topic_new_from_file (const char *path, const char *language, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  KpGuideTopic *topic;
  guint error_line = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (language != NULL, NULL);

  bytes = kp_guide_read_file (path, error);
  if (bytes == NULL)
    return NULL;
  topic = kp_guide_topic_parse (bytes, language, &error_line, error);
  if (topic == NULL)
    kp_guide_prefix_error (error, path, error_line);
  return topic;
}

const char *
kp_guide_topic_get_slug (KpGuideTopic *self)
{
  g_return_val_if_fail (KP_IS_GUIDE_TOPIC (self), NULL);

  return self->fields[KP_GUIDE_FIELD_SLUG];
}

const char *
kp_guide_topic_get_language (KpGuideTopic *self)
{
  g_return_val_if_fail (KP_IS_GUIDE_TOPIC (self), NULL);

  return self->language;
}

const char *
kp_guide_topic_get_title (KpGuideTopic *self)
{
  g_return_val_if_fail (KP_IS_GUIDE_TOPIC (self), NULL);

  return self->fields[KP_GUIDE_FIELD_TITLE];
}

const char *
kp_guide_topic_get_summary (KpGuideTopic *self)
{
  g_return_val_if_fail (KP_IS_GUIDE_TOPIC (self), NULL);

  return self->fields[KP_GUIDE_FIELD_SUMMARY];
}

const char *
kp_guide_topic_get_pictogram (KpGuideTopic *self)
{
  g_return_val_if_fail (KP_IS_GUIDE_TOPIC (self), NULL);

  return self->fields[KP_GUIDE_FIELD_PICTOGRAM];
}

const char *
kp_guide_topic_get_checked (KpGuideTopic *self)
{
  g_return_val_if_fail (KP_IS_GUIDE_TOPIC (self), NULL);

  return self->fields[KP_GUIDE_FIELD_CHECKED];
}

const char *const *
kp_guide_topic_get_keywords (KpGuideTopic *self)
{
  g_return_val_if_fail (KP_IS_GUIDE_TOPIC (self), NULL);

  return (const char *const *) self->keywords;
}

KpGuideNextKind
kp_guide_topic_get_next_kind (KpGuideTopic *self)
{
  g_return_val_if_fail (KP_IS_GUIDE_TOPIC (self), KP_GUIDE_NEXT_CALLBACK);

  return self->next_kind;
}

const char *
kp_guide_topic_get_next_target (KpGuideTopic *self)
{
  g_return_val_if_fail (KP_IS_GUIDE_TOPIC (self), NULL);

  return self->next_target;
}

const char *const *
kp_guide_topic_get_partners (KpGuideTopic *self)
{
  g_return_val_if_fail (KP_IS_GUIDE_TOPIC (self), NULL);

  return (const char *const *) self->partners;
}

guint
kp_guide_topic_get_field_line (KpGuideTopic *self, KpGuideField field)
{
  g_return_val_if_fail (KP_IS_GUIDE_TOPIC (self), 0);
  g_return_val_if_fail (field < KP_GUIDE_N_FIELDS, 0);

  return self->field_lines[field];
}

GPtrArray *
kp_guide_topic_get_sections (KpGuideTopic *self)
{
  g_return_val_if_fail (KP_IS_GUIDE_TOPIC (self), NULL);

  return self->sections;
}

const KpGuideSection *
kp_guide_topic_lookup_section (KpGuideTopic *self, KpGuideSectionKind kind)
{
  g_return_val_if_fail (KP_IS_GUIDE_TOPIC (self), NULL);

  for (guint i = 0; i < self->sections->len; i++)
    {
      const KpGuideSection *section = g_ptr_array_index (self->sections, i);

      if (section->kind == kind)
        return section;
    }
  return NULL;
}

/* (transfer full) */
char *
kp_guide_topic_dup_text (KpGuideTopic *self)
{
  GString *text;

  g_return_val_if_fail (KP_IS_GUIDE_TOPIC (self), NULL);

  text = g_string_new (NULL);
  g_string_append_printf (text, "%s\n\n%s\n", kp_guide_topic_get_title (self),
                          kp_guide_topic_get_summary (self));
  for (guint i = 0; i < self->sections->len; i++)
    {
      const KpGuideSection *section = g_ptr_array_index (self->sections, i);

      g_string_append_printf (text, "\n%s\n", kp_guide_section_kind_get_heading (section->kind));
      for (guint b = 0; b < section->blocks->len; b++)
        append_block (text, g_ptr_array_index (section->blocks, b),
                      b > 0 ? g_ptr_array_index (section->blocks, b - 1) : NULL);
    }
  return g_string_free (text, FALSE);
}

const char *
kp_guide_next_kind_to_string (KpGuideNextKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (next_kind_names), NULL);

  return next_kind_names[kind];
}

const char *
kp_guide_field_to_string (KpGuideField field)
{
  g_return_val_if_fail (field < KP_GUIDE_N_FIELDS, NULL);

  return field_names[field];
}

const char *
kp_guide_section_kind_to_string (KpGuideSectionKind kind)
{
  g_return_val_if_fail (kind < KP_GUIDE_N_SECTIONS, NULL);

  return section_names[kind];
}

const char *
kp_guide_section_kind_get_heading (KpGuideSectionKind kind)
{
  g_return_val_if_fail (kind < KP_GUIDE_N_SECTIONS, NULL);

  return _ (section_headings[kind]);
}
