/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <json-glib/json-glib.h>

#include "kp-config.h"

G_BEGIN_DECLS

/*
 * Where something is: an address from the local address table, a
 * landmark from it, or "here, near this information point". Always with
 * coordinates, so a case system can put it on a map. An immutable boxed
 * value.
 */
typedef enum
{
  KP_PLACE_ADDRESS,  /* street, house number, postcode, town */
  KP_PLACE_LANDMARK, /* a named place such as a park or a square */
  KP_PLACE_HERE,     /* near this information point, at its configured coordinates */
} KpPlaceKind;

typedef struct _KpPlace KpPlace;

#define KP_TYPE_PLACE (kp_place_get_type ())
GType kp_place_get_type (void) G_GNUC_CONST;

/* @house_number as kp_validate_house_number() gives it, e.g. "12a" or "12-2". (transfer full) */
KpPlace *kp_place_new_address (const char *street,
                               const char *house_number,
                               const char *postcode,
                               const char *town,
                               double latitude,
                               double longitude);
KpPlace *
kp_place_new_landmark (const char *name, const char *town, double latitude, double longitude);
/* At the kiosk's [location] name and coordinates. (transfer full) */
KpPlace *kp_place_new_here (KpConfig *config);
KpPlace *kp_place_copy (const KpPlace *self);
void kp_place_free (KpPlace *self);

KpPlaceKind kp_place_get_kind (const KpPlace *self);
/* (nullable): NULL except for an address */
const char *kp_place_get_street (const KpPlace *self);
const char *kp_place_get_house_number (const KpPlace *self);
const char *kp_place_get_postcode (const KpPlace *self);
/* The landmark's or information point's name; NULL for an address. */
const char *kp_place_get_name (const KpPlace *self);
const char *kp_place_get_town (const KpPlace *self);
double kp_place_get_latitude (const KpPlace *self);
double kp_place_get_longitude (const KpPlace *self);
/*
 * One line for a screen or a slip: "Lindelaan 12a, 7461 AB Lindeveen",
 * "Park De Linde, Lindeveen", "Near Bibliotheek De Linde". (transfer full)
 */
char *kp_place_dup_label (const KpPlace *self);
/*
 * The place as a JSON object ("kind", "street", "house_number",
 * "postcode", "name", "town", "latitude", "longitude"). (transfer full)
 */
JsonNode *kp_place_to_json (const KpPlace *self);
/* Back from kp_place_to_json(); NULL when @node is not shaped like one. (transfer full) */
KpPlace *kp_place_new_from_json (JsonNode *node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KpPlace, kp_place_free)

G_END_DECLS
