/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib-object.h>

#include "kp-store.h"

G_BEGIN_DECLS

/*
 * The register of found objects, for a resident who lost something. It
 * lists the found objects submitted at this kiosk from their outbox rows,
 * showing only what describes the object (kind, colour, brand, the place
 * and date it was found). Never the finder, and never the distinguishing
 * marks: those stay with the municipality, to check that someone who
 * claims the object is its owner.
 */

/* One found object as the register shows it. */
typedef struct
{
  char *reference;   /* of the found report */
  char *object_kind; /* a KpFoundItemKind slug */
  char *colour;      /* a KpFoundItemColour slug, or NULL */
  char *brand;       /* or NULL */
  char *place;       /* kp_place_dup_label() of where it was found */
  GDate found_on;
  char *description; /* "Black wallet, Leder & Co" in the current gettext language */
} KpFoundRegisterEntry;

void kp_found_register_entry_free (KpFoundRegisterEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KpFoundRegisterEntry, kp_found_register_entry_free)

/* What to search for; NULL or an invalid date means "any". */
typedef struct
{
  const char *object_kind; /* a kind slug */
  const char *colour;      /* a colour slug */
  const char *place;       /* any part of the place, case and accents ignored */
  GDate from;              /* found on or after */
  GDate to;                /* found on or before */
} KpFoundRegisterQuery;

#define KP_TYPE_FOUND_REGISTER (kp_found_register_get_type ())
G_DECLARE_FINAL_TYPE (KpFoundRegister, kp_found_register, KP, FOUND_REGISTER, GObject)

/* (transfer full) */
KpFoundRegister *kp_found_register_new (KpStore *store);

/*
 * The found objects that fit @query, most recently found first, at most
 * @max_results. Blocks on the database. (element-type KpFoundRegisterEntry) (transfer full)
 */
GPtrArray *kp_found_register_search (KpFoundRegister *self,
                                     const KpFoundRegisterQuery *query,
                                     guint max_results,
                                     GError **error);

G_END_DECLS
