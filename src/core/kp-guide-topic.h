/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * One guidance topic in one language, parsed from a .topic file that a
 * municipal editor wrote (format: ui/guide/README.md). Immutable once
 * parsed. Every line a person sees keeps the line number it came from, so
 * the content linter can point an editor at the place to change.
 */

/* Where the Next line sends a resident, so no topic is a dead end. */
typedef enum
{
  KP_GUIDE_NEXT_APPOINTMENT, /* target: a product id in products.txt */
  KP_GUIDE_NEXT_FORM,        /* target: a form id in forms.txt */
  KP_GUIDE_NEXT_REPORT,      /* target: "mor", "found" or "lost" */
  KP_GUIDE_NEXT_CALLBACK,    /* no target */
  KP_GUIDE_NEXT_TOPIC,       /* target: another topic's slug */
  KP_GUIDE_NEXT_PARTNER,     /* target: a partner id in partners.txt */
} KpGuideNextKind;

/* The header lines, in the order a file must have them. */
typedef enum
{
  KP_GUIDE_FIELD_SLUG,
  KP_GUIDE_FIELD_TITLE,
  KP_GUIDE_FIELD_SUMMARY,
  KP_GUIDE_FIELD_PICTOGRAM,
  KP_GUIDE_FIELD_CHECKED,
  KP_GUIDE_FIELD_KEYWORDS,
  KP_GUIDE_FIELD_NEXT,
  KP_GUIDE_FIELD_PARTNERS, /* the only optional one */
  KP_GUIDE_N_FIELDS,
} KpGuideField;

/* The sections, in the order a file must have them. */
typedef enum
{
  KP_GUIDE_SECTION_STEPS, /* required */
  KP_GUIDE_SECTION_BRING,
  KP_GUIDE_SECTION_COSTS,
  KP_GUIDE_SECTION_DURATION,
  KP_GUIDE_SECTION_WHERE, /* required */
  KP_GUIDE_N_SECTIONS,
} KpGuideSectionKind;

typedef enum
{
  KP_GUIDE_BLOCK_PARAGRAPH,
  KP_GUIDE_BLOCK_BULLET,
  KP_GUIDE_BLOCK_STEP,
} KpGuideBlockKind;

/*
 * One paragraph, bullet or numbered step. A paragraph of several lines
 * keeps them apart with "\n": the format makes every line a sentence, and
 * the linter counts lines from @line.
 */
typedef struct
{
  KpGuideBlockKind kind;
  guint number; /* the number written before a step; 0 for the others */
  char *text;
  guint line;
} KpGuideBlock;

typedef struct
{
  KpGuideSectionKind kind;
  guint line;        /* of its "== Name" line */
  GPtrArray *blocks; /* of KpGuideBlock, in file order */
} KpGuideSection;

#define KP_TYPE_GUIDE_TOPIC (kp_guide_topic_get_type ())
G_DECLARE_FINAL_TYPE (KpGuideTopic, kp_guide_topic, KP, GUIDE_TOPIC, GObject)

/*
 * Parses @path as a topic in @language. Errors are in KP_GUIDE_ERROR and
 * their message starts with "PATH:LINE: ". (transfer full)
 */
KpGuideTopic *kp_guide_topic_new_from_file (const char *path, const char *language, GError **error);

const char *kp_guide_topic_get_slug (KpGuideTopic *self);
const char *kp_guide_topic_get_language (KpGuideTopic *self);
const char *kp_guide_topic_get_title (KpGuideTopic *self);
const char *kp_guide_topic_get_summary (KpGuideTopic *self);
const char *kp_guide_topic_get_pictogram (KpGuideTopic *self);
/* The date the text was last checked, as written: YYYY-MM-DD. */
const char *kp_guide_topic_get_checked (KpGuideTopic *self);
/* (transfer none): the words residents use for it, trimmed, in file order */
const char *const *kp_guide_topic_get_keywords (KpGuideTopic *self);
KpGuideNextKind kp_guide_topic_get_next_kind (KpGuideTopic *self);
/* (nullable) (transfer none): NULL for a callback */
const char *kp_guide_topic_get_next_target (KpGuideTopic *self);
/* (transfer none): partner ids, empty when the topic names none */
const char *const *kp_guide_topic_get_partners (KpGuideTopic *self);
/* The line a header field is on, or 0 when the (optional) field is absent. */
guint kp_guide_topic_get_field_line (KpGuideTopic *self, KpGuideField field);

/* (transfer none): of KpGuideSection, in file order */
GPtrArray *kp_guide_topic_get_sections (KpGuideTopic *self);
/* (nullable) (transfer none) */
const KpGuideSection *kp_guide_topic_lookup_section (KpGuideTopic *self, KpGuideSectionKind kind);

/*
 * The topic as plain text, the way the kiosk shows and reads it: title,
 * summary, then each section under its heading, bullets as "- ", steps
 * with their number. Headings are translated. (transfer full)
 */
char *kp_guide_topic_dup_text (KpGuideTopic *self);

/* "appointment", "form", ...: the word used in files and in JSON. */
const char *kp_guide_next_kind_to_string (KpGuideNextKind kind);
/* "Slug", "Title", ...: the key as written in files. */
const char *kp_guide_field_to_string (KpGuideField field);
/* "Steps", "Bring", ...: the name as written in files and in JSON. */
const char *kp_guide_section_kind_to_string (KpGuideSectionKind kind);
/* The heading a resident sees above the section, translated. */
const char *kp_guide_section_kind_get_heading (KpGuideSectionKind kind);

G_END_DECLS
