/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-submission-pdf.h"

#include "kp-callback-request.h"
#include "kp-found-item.h"
#include "kp-place.h"
#include "kp-report-category.h"
#include "kp-slip.h"
#include "kp-submission.h"

#include <json-glib/json-glib.h>

#include <glib/gi18n-lib.h>

/* A payload member's value as a case worker reads it, or NULL to fall back to its text. */
typedef char *(*FormatValue) (JsonObject *payload, JsonNode *value);

typedef struct
{
  const char *member;
  const char *label;
  FormatValue format; /* NULL: the value as it is */
} FieldLabel;

/* Members that only steer the program, not answers. */
static const char *const hidden_members[] = { "kind", "version", "main_category", NULL };

static const char *
get_text (JsonNode *value)
{
  return JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING
             ? json_node_get_string (value)
             : NULL;
}

/* "Waste: Large waste on the street", as the kiosk showed it. */
static char *
format_category (JsonObject *payload, JsonNode *value)
{
  const char *main_slug = json_object_get_string_member_with_default (payload, "main_category", "");
  const KpReportCategory *main = kp_report_category_lookup_main (main_slug);
  const KpReportCategory *sub
      = get_text (value) != NULL ? kp_report_category_lookup (main_slug, get_text (value)) : NULL;

  if (main == NULL || sub == NULL)
    return NULL;
  /* TRANSLATORS: a main category and its sub category, e.g. "Waste: Container is full" */
  return g_strdup_printf (_ ("%s: %s"), kp_report_category_get_label (main),
                          kp_report_category_get_label (sub));
}

static char *
format_object_kind (JsonObject *payload, JsonNode *value)
{
  const KpFoundItemKind *kind
      = get_text (value) != NULL ? kp_found_item_lookup_kind (get_text (value)) : NULL;

  return kind != NULL ? g_strdup (kp_found_item_kind_get_label (kind)) : NULL;
}

static char *
format_colour (JsonObject *payload, JsonNode *value)
{
  const KpFoundItemColour *colour
      = get_text (value) != NULL ? kp_found_item_lookup_colour (get_text (value)) : NULL;

  return colour != NULL ? g_strdup (kp_found_item_colour_get_label (colour)) : NULL;
}

static char *
format_place (JsonObject *payload, JsonNode *value)
{
  g_autoptr (KpPlace) place = kp_place_new_from_json (value);

  return place != NULL ? kp_place_dup_label (place) : NULL;
}

static char *
format_custody (JsonObject *payload, JsonNode *value)
{
  if (g_strcmp0 (get_text (value), "handed-in") == 0)
    return g_strdup (_ ("Handed in here"));
  if (g_strcmp0 (get_text (value), "kept-by-finder") == 0)
    return g_strdup (_ ("The finder keeps it"));
  return NULL;
}

static char *
format_part_of_day (JsonObject *payload, JsonNode *value)
{
  KpPartOfDay part;

  if (get_text (value) == NULL || !kp_part_of_day_from_string (get_text (value), &part))
    return NULL;
  return g_strdup (kp_part_of_day_get_label (part));
}

/* "2026-12-01T10:30:00+01:00" as "01-12-2026 10:30", on the clock it was given in. */
static char *
format_date_time (JsonObject *payload, JsonNode *value)
{
  g_autoptr (GDateTime) when
      = get_text (value) != NULL ? g_date_time_new_from_iso8601 (get_text (value), NULL) : NULL;

  return when != NULL ? g_date_time_format (when, "%d-%m-%Y %H:%M") : NULL;
}

/* The labels the kiosk's own screens use for the same answers, where there is one. */
static const FieldLabel field_labels[] = {
  { "sub_category", N_ ("What"), format_category },
  { "object", N_ ("What"), format_object_kind },
  { "product", N_ ("What"), NULL },
  { "colour", N_ ("Colour"), format_colour },
  { "brand", N_ ("Brand"), NULL },
  { "marks", N_ ("Special marks"), NULL },
  { "description", N_ ("Description"), NULL },
  { "subject", N_ ("About"), NULL },
  { "place", N_ ("Where"), format_place },
  { "location", N_ ("Where"), NULL },
  { "found_on", N_ ("When found"), NULL },
  { "lost_on", N_ ("When lost"), NULL },
  { "starts_at", N_ ("When"), format_date_time },
  { "part_of_day", N_ ("When"), format_part_of_day },
  { "call_before_end_of", N_ ("Call back by"), NULL },
  { "custody", N_ ("The object"), format_custody },
  { "finder_wants_ownership", N_ ("Become the owner"), NULL },
  { "photo", N_ ("Photo"), NULL },
  { "keep_informed", N_ ("Keep me informed"), NULL },
  { "appointment_reference", N_ ("Appointment reference"), NULL },
  { "name", N_ ("Name"), NULL },
  { "finder_name", N_ ("Name"), NULL },
  { "email", N_ ("E-mail"), NULL },
  { "finder_email", N_ ("E-mail"), NULL },
  { "phone", N_ ("Phone"), NULL },
  { "finder_phone", N_ ("Phone"), NULL },
};

/* The kind as the case worker reads it; the same words as the zaak's omschrijving. */
static const struct
{
  const char *kind;
  const char *title;
} kind_titles[] = {
  { "report", N_ ("Report about public space") },
  { "found", N_ ("Found object") },
  { "lost", N_ ("Lost object") },
  { "callback", N_ ("Call-back request") },
  { "appointment", N_ ("Appointment") },
};

static const FieldLabel *
find_field_label (const char *member)
{
  for (gsize i = 0; i < G_N_ELEMENTS (field_labels); i++)
    {
      if (g_str_equal (field_labels[i].member, member))
        return &field_labels[i];
    }
  return NULL;
}

/* A value without a formatter of its own: text as it is, yes or no, a number, or its JSON. */
static char *
dup_plain_value (JsonNode *value)
{
  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (value) ? _ ("Yes") : _ ("No"));
  if (get_text (value) != NULL)
    return g_strdup (get_text (value));
  return json_to_string (value, FALSE);
}

/*
 * Adds a line for each member of @object, in the payload's order. An
 * answer the kiosk has no label for still goes on the page, under its
 * member name, so nothing the resident gave is left out.
 */
static void
add_member_lines (KpSlip *slip, JsonObject *payload, JsonObject *object)
{
  g_autoptr (GList) members = json_object_get_members (object);

  for (GList *m = members; m != NULL; m = m->next)
    {
      const char *member = m->data;
      JsonNode *value = json_object_get_member (object, member);
      const FieldLabel *field = find_field_label (member);
      g_autofree char *text = NULL;

      if (g_strv_contains (hidden_members, member) || JSON_NODE_HOLDS_NULL (value))
        continue;
      if (g_str_equal (member, KP_SUBMISSION_PERSONAL_MEMBER) && JSON_NODE_HOLDS_OBJECT (value))
        {
          add_member_lines (slip, payload, json_node_get_object (value));
          continue;
        }
      if (field != NULL && field->format != NULL)
        text = field->format (payload, value);
      if (text == NULL)
        text = dup_plain_value (value);
      kp_slip_add_line (slip, field != NULL ? _ (field->label) : member, text);
    }
}

/* (transfer none) */
const char *
kp_submission_pdf_get_kind_title (const char *kind)
{
  g_return_val_if_fail (kind != NULL, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (kind_titles); i++)
    {
      if (g_str_equal (kind_titles[i].kind, kind))
        return _ (kind_titles[i].title);
    }
  return kind;
}

/* (transfer full) */
GBytes *
kp_submission_pdf_render (KpConfig *config,
                          const char *kind,
                          const char *reference,
                          gint64 created_at,
                          const char *payload_json,
                          GError **error)
{
  g_autoptr (KpSlip) slip = NULL;
  g_autoptr (JsonNode) payload = NULL;
  g_autoptr (GDateTime) created = NULL;
  g_autofree char *created_text = NULL;

  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);
  g_return_val_if_fail (kind != NULL && reference != NULL && payload_json != NULL, NULL);

  slip = kp_slip_new_for_kiosk (config, kp_submission_pdf_get_kind_title (kind), reference);
  created = g_date_time_new_from_unix_local (created_at / G_USEC_PER_SEC);
  created_text = g_date_time_format (created, "%d-%m-%Y %H:%M");
  kp_slip_add_line (slip, _ ("Sent in"), created_text);
  payload = json_from_string (payload_json, NULL);
  if (payload != NULL && JSON_NODE_HOLDS_OBJECT (payload))
    add_member_lines (slip, json_node_get_object (payload), json_node_get_object (payload));
  return kp_slip_render_pdf (slip, KP_SLIP_LAYOUT_A4, error);
}
