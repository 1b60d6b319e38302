/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-place.h"

#include <glib/gi18n-lib.h>

struct _KpPlace
{
  KpPlaceKind kind;
  char *street;
  char *house_number;
  char *postcode;
  char *name;
  char *town;
  double latitude;
  double longitude;
};

G_DEFINE_BOXED_TYPE (KpPlace, kp_place, kp_place_copy, kp_place_free)

static KpPlace *
place_new (KpPlaceKind kind, const char *town, double latitude, double longitude)
{
  KpPlace *self = g_new0 (KpPlace, 1);

  self->kind = kind;
  self->town = g_strdup (town);
  self->latitude = latitude;
  self->longitude = longitude;
  return self;
}

/* (transfer full) */
KpPlace *
kp_place_new_address (const char *street,
                      const char *house_number,
                      const char *postcode,
                      const char *town,
                      double latitude,
                      double longitude)
{
  KpPlace *self;

  g_return_val_if_fail (street != NULL, NULL);
  g_return_val_if_fail (house_number != NULL, NULL);
  g_return_val_if_fail (postcode != NULL, NULL);
  g_return_val_if_fail (town != NULL, NULL);

  self = place_new (KP_PLACE_ADDRESS, town, latitude, longitude);
  self->street = g_strdup (street);
  self->house_number = g_strdup (house_number);
  self->postcode = g_strdup (postcode);
  return self;
}

/* (transfer full) */
KpPlace *
kp_place_new_landmark (const char *name, const char *town, double latitude, double longitude)
{
  KpPlace *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (town != NULL, NULL);

  self = place_new (KP_PLACE_LANDMARK, town, latitude, longitude);
  self->name = g_strdup (name);
  return self;
}

/* (transfer full) */
KpPlace *
kp_place_new_here (KpConfig *config)
{
  KpPlace *self;

  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);

  self = place_new (KP_PLACE_HERE, kp_config_get_location_town (config),
                    kp_config_get_location_latitude (config),
                    kp_config_get_location_longitude (config));
  self->name = g_strdup (kp_config_get_location_name (config));
  return self;
}

/* (transfer full) */
KpPlace *
kp_place_copy (const KpPlace *self)
{
  KpPlace *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = place_new (self->kind, self->town, self->latitude, self->longitude);
  copy->street = g_strdup (self->street);
  copy->house_number = g_strdup (self->house_number);
  copy->postcode = g_strdup (self->postcode);
  copy->name = g_strdup (self->name);
  return copy;
}

void
kp_place_free (KpPlace *self)
{
  if (self == NULL)
    return;
  g_free (self->street);
  g_free (self->house_number);
  g_free (self->postcode);
  g_free (self->name);
  g_free (self->town);
  g_free (self);
}

KpPlaceKind
kp_place_get_kind (const KpPlace *self)
{
  g_return_val_if_fail (self != NULL, KP_PLACE_HERE);

  return self->kind;
}

const char *
kp_place_get_street (const KpPlace *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->street;
}

const char *
kp_place_get_house_number (const KpPlace *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->house_number;
}

const char *
kp_place_get_postcode (const KpPlace *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->postcode;
}

const char *
kp_place_get_name (const KpPlace *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->name;
}

const char *
kp_place_get_town (const KpPlace *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->town;
}

double
kp_place_get_latitude (const KpPlace *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->latitude;
}

double
kp_place_get_longitude (const KpPlace *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->longitude;
}

/* (transfer full) */
char *
kp_place_dup_label (const KpPlace *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  switch (self->kind)
    {
      case KP_PLACE_ADDRESS:
        /* TRANSLATORS: an address: street, house number, postcode and town */
        return g_strdup_printf (_ ("%s %s, %s %s"), self->street, self->house_number,
                                self->postcode, self->town);
      case KP_PLACE_LANDMARK:
        /* TRANSLATORS: a landmark and its town, e.g. "Park De Linde, Lindeveen" */
        return g_strdup_printf (_ ("%s, %s"), self->name, self->town);
      case KP_PLACE_HERE:
        /* TRANSLATORS: %s is the information point, e.g. "Bibliotheek De Linde" */
        return g_strdup_printf (_ ("Near %s"), self->name);
      default:
        g_return_val_if_reached (NULL);
    }
}

static const char *
kind_to_string (KpPlaceKind kind)
{
  switch (kind)
    {
      case KP_PLACE_ADDRESS:
        return "address";
      case KP_PLACE_LANDMARK:
        return "landmark";
      case KP_PLACE_HERE:
        return "here";
      default:
        g_return_val_if_reached (NULL);
    }
}

static void
add_string (JsonBuilder *builder, const char *name, const char *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* (transfer full) */
JsonNode *
kp_place_to_json (const KpPlace *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  add_string (builder, "kind", kind_to_string (self->kind));
  add_string (builder, "street", self->street);
  add_string (builder, "house_number", self->house_number);
  add_string (builder, "postcode", self->postcode);
  add_string (builder, "name", self->name);
  add_string (builder, "town", self->town);
  json_builder_set_member_name (builder, "latitude");
  json_builder_add_double_value (builder, self->latitude);
  json_builder_set_member_name (builder, "longitude");
  json_builder_add_double_value (builder, self->longitude);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
kind_from_string (const char *text, KpPlaceKind *kind)
{
  for (KpPlaceKind k = KP_PLACE_ADDRESS; k <= KP_PLACE_HERE; k++)
    {
      if (g_strcmp0 (text, kind_to_string (k)) == 0)
        {
          *kind = k;
          return TRUE;
        }
    }
  return FALSE;
}

/* (nullable) (transfer none) */
static const char *
get_string (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
get_number (JsonObject *object, const char *name, double *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  *value = json_node_get_double (node);
  return TRUE;
}

/* The fields each kind of place must have, as the constructors ask for them. */
static gboolean
has_fields_for (KpPlaceKind kind, JsonObject *object)
{
  if (get_string (object, "town") == NULL)
    return FALSE;
  if (kind == KP_PLACE_ADDRESS)
    return get_string (object, "street") != NULL && get_string (object, "house_number") != NULL
           && get_string (object, "postcode") != NULL;
  return get_string (object, "name") != NULL;
}

/* (transfer full) (nullable) */
KpPlace *
kp_place_new_from_json (JsonNode *node)
{
  JsonObject *object;
  KpPlaceKind kind;
  KpPlace *self;
  double latitude;
  double longitude;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  if (!kind_from_string (get_string (object, "kind"), &kind) || !has_fields_for (kind, object)
      || !get_number (object, "latitude", &latitude)
      || !get_number (object, "longitude", &longitude))
    return NULL;

  self = place_new (kind, get_string (object, "town"), latitude, longitude);
  self->street = g_strdup (get_string (object, "street"));
  self->house_number = g_strdup (get_string (object, "house_number"));
  self->postcode = g_strdup (get_string (object, "postcode"));
  self->name = g_strdup (get_string (object, "name"));
  return self;
}
