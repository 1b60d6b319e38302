/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib-object.h>

#include "kp-config.h"
#include "kp-place.h"
#include "kp-submission.h"

G_BEGIN_DECLS

/*
 * An object someone found (Dutch Civil Code, book 5, articles 5-12: the
 * finder must report it to the municipality). Implements KpSubmission
 * with kind "found". The object is handed in here, or kept by the finder
 * until the owner turns up; the finder may give a name and contact to
 * become the owner when nobody claims it within a year.
 *
 * ID documents and bank cards (kind "id-document") take their own path:
 * always handed in, never kept by the finder, nobody becomes their owner,
 * and nothing from the document (brand, marks: a name, a number) is typed
 * into the kiosk.
 */

#define KP_FOUND_ITEM_KIND "found"

#define KP_FOUND_ITEM_FIELD_OBJECT       "object"
#define KP_FOUND_ITEM_FIELD_COLOUR       "colour"
#define KP_FOUND_ITEM_FIELD_BRAND        "brand"
#define KP_FOUND_ITEM_FIELD_MARKS        "marks"
#define KP_FOUND_ITEM_FIELD_PLACE        "place"
#define KP_FOUND_ITEM_FIELD_DATE         "date"
#define KP_FOUND_ITEM_FIELD_CUSTODY      "custody"
#define KP_FOUND_ITEM_FIELD_RECEIPT      "receipt"
#define KP_FOUND_ITEM_FIELD_OWNERSHIP    "ownership"
#define KP_FOUND_ITEM_FIELD_FINDER_NAME  "finder-name"
#define KP_FOUND_ITEM_FIELD_FINDER_EMAIL "finder-email"
#define KP_FOUND_ITEM_FIELD_FINDER_PHONE "finder-phone"

/* Maximum lengths in characters. */
#define KP_FOUND_ITEM_BRAND_MAX 60
#define KP_FOUND_ITEM_MARKS_MAX 300
/* An object found longer ago than this is not reported here any more. */
#define KP_FOUND_ITEM_MAX_DAYS_AGO 365

/* The object kinds, as pictograms on the kiosk. */
typedef struct
{
  const char
      *slug; /* "keys", "wallet", "phone", "bike", "bag", "jewellery", "id-document", "other" */
  const char *label;     /* untranslated: use kp_found_item_kind_get_label() */
  const char *pictogram; /* a name from ui/guide/README.md's pictogram list */
} KpFoundItemKind;

/* The colours a resident chooses from. */
typedef struct
{
  const char *slug;  /* "black", "white", ... "multi" */
  const char *label; /* untranslated: use kp_found_item_colour_get_label() */
} KpFoundItemColour;

/* (array length=n_kinds) (transfer none) */
const KpFoundItemKind *kp_found_item_list_kinds (guint *n_kinds);
/* (nullable) (transfer none) */
const KpFoundItemKind *kp_found_item_lookup_kind (const char *slug);
const char *kp_found_item_kind_get_label (const KpFoundItemKind *kind);
/* (array length=n_colours) (transfer none) */
const KpFoundItemColour *kp_found_item_list_colours (guint *n_colours);
const KpFoundItemColour *kp_found_item_lookup_colour (const char *slug);
const char *kp_found_item_colour_get_label (const KpFoundItemColour *colour);
/*
 * For the setters of found and lost objects: the kind with @slug, or NULL
 * with a KP_SUBMISSION_ERROR_INVALID in B1. (transfer none)
 */
const KpFoundItemKind *kp_found_item_check_kind (const char *slug, GError **error);
/*
 * Sets @colour to the colour with @slug, or to NULL ("I do not know") for
 * a NULL slug; another slug leaves it and gives the same error.
 */
gboolean
kp_found_item_check_colour (const char *slug, const KpFoundItemColour **colour, GError **error);

/*
 * The finder's rights and duties in B1, paragraph by paragraph, in the
 * current gettext language, with the day-value limit of @config.
 * (transfer full)
 */
GStrv kp_found_item_dup_finder_rights (KpConfig *config);

typedef enum
{
  KP_FOUND_ITEM_HANDED_IN, /* left at this information point; a volunteer confirms receipt */
  KP_FOUND_ITEM_KEPT_BY_FINDER,
} KpFoundItemCustody;

#define KP_TYPE_FOUND_ITEM (kp_found_item_get_type ())
G_DECLARE_FINAL_TYPE (KpFoundItem, kp_found_item, KP, FOUND_ITEM, GObject)

/* (transfer full) */
KpFoundItem *kp_found_item_new (void);

/*
 * Choosing "id-document" sets the custody to handed in and clears brand,
 * marks and the finder's wish to become the owner.
 */
gboolean kp_found_item_set_object_kind (KpFoundItem *self, const char *slug, GError **error);
/* (nullable) (transfer none) */
const KpFoundItemKind *kp_found_item_get_object_kind (KpFoundItem *self);
/* True for kind "id-document": the special path described above. */
gboolean kp_found_item_is_document (KpFoundItem *self);

/* A colour slug, or NULL for "I do not know". */
gboolean kp_found_item_set_colour (KpFoundItem *self, const char *slug, GError **error);
const KpFoundItemColour *kp_found_item_get_colour (KpFoundItem *self);
/* Optional texts, stored exactly as given; NOT_ALLOWED for a document. */
gboolean kp_found_item_set_brand (KpFoundItem *self, const char *brand, GError **error);
const char *kp_found_item_get_brand (KpFoundItem *self);
gboolean kp_found_item_set_marks (KpFoundItem *self, const char *marks, GError **error);
const char *kp_found_item_get_marks (KpFoundItem *self);

/* Copies @place. */
void kp_found_item_set_place (KpFoundItem *self, const KpPlace *place);
const KpPlace *kp_found_item_get_place (KpFoundItem *self);
/* Not in the future and at most KP_FOUND_ITEM_MAX_DAYS_AGO days ago. */
gboolean kp_found_item_set_found_on (KpFoundItem *self, const GDate *date, GError **error);
/* (nullable) (transfer none) */
const GDate *kp_found_item_get_found_on (KpFoundItem *self);

/* NOT_ALLOWED: a document cannot be kept by the finder. */
gboolean kp_found_item_set_custody (KpFoundItem *self, KpFoundItemCustody custody, GError **error);
KpFoundItemCustody kp_found_item_get_custody (KpFoundItem *self);
/*
 * A volunteer confirms that the object was really left here; a handed-in
 * object is not valid without it. Changing the custody clears it.
 */
void kp_found_item_set_receipt_confirmed (KpFoundItem *self, gboolean confirmed);
gboolean kp_found_item_get_receipt_confirmed (KpFoundItem *self);

/*
 * Whether the finder wants to become the owner when nobody claims the
 * object (default: no, the finder gives it up). NOT_ALLOWED for a
 * document. Then kp_submission_validate() asks for the finder's name and
 * an e-mail address and/or phone number; without the wish, they are
 * cleared and never stored.
 */
gboolean
kp_found_item_set_finder_wants_ownership (KpFoundItem *self, gboolean wants, GError **error);
gboolean kp_found_item_get_finder_wants_ownership (KpFoundItem *self);
/* Checked with kp-validate; NULL, "" or only spaces clears. NOT_ALLOWED without the wish. */
gboolean kp_found_item_set_finder_name (KpFoundItem *self, const char *name, GError **error);
gboolean kp_found_item_set_finder_email (KpFoundItem *self, const char *email, GError **error);
gboolean kp_found_item_set_finder_phone (KpFoundItem *self, const char *phone, GError **error);
/* (nullable) */
const char *kp_found_item_get_finder_name (KpFoundItem *self);
const char *kp_found_item_get_finder_email (KpFoundItem *self);
const char *kp_found_item_get_finder_phone (KpFoundItem *self);

G_END_DECLS
