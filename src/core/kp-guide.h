/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib-object.h>

#include "kp-guide-index.h"
#include "kp-guide-topic.h"

G_BEGIN_DECLS

/*
 * The guidance bundle in one language: a folder that editors change
 * without a programmer (ui/guide/README.md), loaded at start-up. The files
 * come from outside, so every problem is an error that names the file and
 * the line, never a crash.
 */

#define KP_GUIDE_ERROR (kp_guide_error_quark ())

typedef enum
{
  KP_GUIDE_ERROR_READ,      /* a file or folder cannot be read, or is too big */
  KP_GUIDE_ERROR_ENCODING,  /* a file is not UTF-8 */
  KP_GUIDE_ERROR_SYNTAX,    /* a line that does not fit the format */
  KP_GUIDE_ERROR_MISSING,   /* a required field, section or file is missing */
  KP_GUIDE_ERROR_VALUE,     /* a value of the wrong shape: a date, a Next, an id */
  KP_GUIDE_ERROR_DUPLICATE, /* two topics, entries or groups with one id */
  KP_GUIDE_ERROR_INDEX,     /* the search index failed; see the message */
} KpGuideError;

/*
 * One block of partners.txt, products.txt or forms.txt. Helps, phone and
 * address are for partners only (and required there); NULL otherwise.
 */
typedef struct
{
  char *id;
  char *name;
  char *helps;
  char *phone;
  char *address;
  guint line; /* of its Id line */
} KpGuideEntry;

/* One browse group of groups.txt, with its title in the guide's language. */
typedef struct
{
  char *id;
  char *pictogram;
  char *title;
  GStrv topics; /* slugs in the order the kiosk shows them */
  guint line;   /* of its Id line */
  guint topics_line;
} KpGuideGroup;

#define KP_TYPE_GUIDE (kp_guide_get_type ())
G_DECLARE_FINAL_TYPE (KpGuide, kp_guide, KP, GUIDE, GObject)

GQuark kp_guide_error_quark (void);

/*
 * The bundle folder to use when none is given: $KERNPUNT_CONTENT_DIR, else
 * the installed one. (transfer full)
 */
char *kp_guide_dup_default_folder (void);

/*
 * Loads @folder/@language/ (topics, partners, products, forms) and
 * @folder/groups.txt, and builds the search index. Stops at the first
 * problem; `kernpunt-ctl content lint` lists them all. (transfer full)
 */
KpGuide *kp_guide_load (const char *folder, const char *language, GError **error);

const char *kp_guide_get_folder (KpGuide *self);
const char *kp_guide_get_language (KpGuide *self);
/* (transfer none): of KpGuideTopic, sorted by slug */
GPtrArray *kp_guide_get_topics (KpGuide *self);
/* (nullable) (transfer none) */
KpGuideTopic *kp_guide_lookup_topic (KpGuide *self, const char *slug);
/* (nullable) (transfer none) */
const KpGuideEntry *kp_guide_lookup_partner (KpGuide *self, const char *id);
/* (nullable) (transfer none) */
const KpGuideEntry *kp_guide_lookup_product (KpGuide *self, const char *id);
/* (nullable) (transfer none) */
const KpGuideEntry *kp_guide_lookup_form (KpGuide *self, const char *id);
/*
 * The product's name in the guide's language when products.txt has @id,
 * else @fallback (the agenda's own name): an agenda may name its products
 * in one language only. (transfer none)
 */
const char *kp_guide_name_product (KpGuide *self, const char *id, const char *fallback);
/*
 * The topic whose Next is appointment:@product_id: it says what to bring
 * to that appointment. (nullable) (transfer none)
 */
KpGuideTopic *kp_guide_lookup_appointment_topic (KpGuide *self, const char *product_id);
/* (transfer none): of KpGuideGroup, in file order */
GPtrArray *kp_guide_get_groups (KpGuide *self);
/* (transfer none) */
KpGuideIndex *kp_guide_get_index (KpGuide *self);

/*
 * What the topic's Next button leads to, in words: the product, form,
 * topic or partner's name from the bundle, or a translated name for a
 * report or a callback. A target the bundle lacks is shown as written, so
 * a mistake is visible rather than hidden. (transfer full)
 */
char *kp_guide_dup_next_name (KpGuide *self, KpGuideTopic *topic);

void kp_guide_entry_free (KpGuideEntry *entry);
void kp_guide_group_free (KpGuideGroup *group);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KpGuideEntry, kp_guide_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KpGuideGroup, kp_guide_group_free)

G_END_DECLS
