/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-found-item.h"

#include "kp-submission-private.h"
#include "kp-validate.h"

#include <glib/gi18n-lib.h>

#define DOCUMENT_KIND "id-document"

struct _KpFoundItem
{
  GObject parent_instance;

  const KpFoundItemKind *object_kind;
  const KpFoundItemColour *colour;
  char *brand;
  char *marks;
  KpPlace *place;
  GDate found_on;
  KpFoundItemCustody custody;
  gboolean receipt_confirmed;
  gboolean finder_wants_ownership;
  char *finder_name;
  char *finder_email;
  char *finder_phone;
};

static void kp_found_item_submission_init (KpSubmissionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KpFoundItem,
                               kp_found_item,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KP_TYPE_SUBMISSION,
                                                      kp_found_item_submission_init))

static const KpFoundItemKind object_kinds[] = {
  { "keys", N_ ("Keys"), "keys" },
  { "wallet", N_ ("Wallet or purse"), "wallet" },
  { "phone", N_ ("Phone"), "phone" },
  { "bike", N_ ("Bike"), "bike" },
  { "bag", N_ ("Bag"), "bag" },
  { "jewellery", N_ ("Jewellery"), "jewellery" },
  { DOCUMENT_KIND, N_ ("ID document or bank card"), "passport" },
  { "other", N_ ("Something else"), "more" },
};

static const KpFoundItemColour colours[] = {
  { "black", N_ ("Black") },   { "white", N_ ("White") },
  { "grey", N_ ("Grey") },     { "brown", N_ ("Brown") },
  { "red", N_ ("Red") },       { "orange", N_ ("Orange") },
  { "yellow", N_ ("Yellow") }, { "green", N_ ("Green") },
  { "blue", N_ ("Blue") },     { "purple", N_ ("Purple") },
  { "pink", N_ ("Pink") },     { "silver", N_ ("Silver") },
  { "gold", N_ ("Gold") },     { "multi", N_ ("Several colours") },
};

/* ---- The tables ---- */

/* (array length=n_kinds) (transfer none) */
const KpFoundItemKind *
kp_found_item_list_kinds (guint *n_kinds)
{
  g_return_val_if_fail (n_kinds != NULL, NULL);

  *n_kinds = G_N_ELEMENTS (object_kinds);
  return object_kinds;
}

/* (nullable) (transfer none) */
const KpFoundItemKind *
kp_found_item_lookup_kind (const char *slug)
{
  for (guint i = 0; slug != NULL && i < G_N_ELEMENTS (object_kinds); i++)
    {
      if (g_str_equal (object_kinds[i].slug, slug))
        return &object_kinds[i];
    }
  return NULL;
}

/* (transfer none) */
const char *
kp_found_item_kind_get_label (const KpFoundItemKind *kind)
{
  g_return_val_if_fail (kind != NULL, NULL);

  return _ (kind->label);
}

/* (array length=n_colours) (transfer none) */
const KpFoundItemColour *
kp_found_item_list_colours (guint *n_colours)
{
  g_return_val_if_fail (n_colours != NULL, NULL);

  *n_colours = G_N_ELEMENTS (colours);
  return colours;
}

/* (nullable) (transfer none) */
const KpFoundItemColour *
kp_found_item_lookup_colour (const char *slug)
{
  for (guint i = 0; slug != NULL && i < G_N_ELEMENTS (colours); i++)
    {
      if (g_str_equal (colours[i].slug, slug))
        return &colours[i];
    }
  return NULL;
}

/* (transfer none) */
const char *
kp_found_item_colour_get_label (const KpFoundItemColour *colour)
{
  g_return_val_if_fail (colour != NULL, NULL);

  return _ (colour->label);
}

/* (nullable) (transfer none) */
const KpFoundItemKind *
kp_found_item_check_kind (const char *slug, GError **error)
{
  const KpFoundItemKind *kind = kp_found_item_lookup_kind (slug);

  if (kind == NULL)
    g_set_error_literal (error, KP_SUBMISSION_ERROR, KP_SUBMISSION_ERROR_INVALID,
                         _ ("Please choose one of the pictures on the screen."));
  return kind;
}

gboolean
kp_found_item_check_colour (const char *slug, const KpFoundItemColour **colour, GError **error)
{
  const KpFoundItemColour *found = kp_found_item_lookup_colour (slug);

  if (slug == NULL || found != NULL)
    {
      *colour = found;
      return TRUE;
    }
  g_set_error_literal (error, KP_SUBMISSION_ERROR, KP_SUBMISSION_ERROR_INVALID,
                       _ ("Please choose one of the colours on the screen."));
  return FALSE;
}

/*
 * Book 5 of the Dutch Civil Code, articles 5 to 12, in B1: what a finder
 * must do, what they may expect, and the special path for documents.
 * (transfer full)
 */
GStrv
kp_found_item_dup_finder_rights (KpConfig *config)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *low_value = NULL;

  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);

  low_value = g_strdup_printf (
      _ ("Did you hand it in here? Then the municipality keeps it. Is it worth less than about "
         "€ %u? Then the municipality may sell it, give it away or throw it away after 3 months. "
         "With other objects, the municipality waits 1 year."),
      kp_config_get_found_low_value_euros (config));
  g_strv_builder_add (builder, _ ("Did you find something? Then you must report it to the "
                                  "municipality. You are doing that now."));
  g_strv_builder_add (builder, _ ("Does nobody ask for it within 1 year? Then it can become "
                                  "yours. Only if you tell us that you want this."));
  g_strv_builder_add (builder, low_value);
  g_strv_builder_add (builder, _ ("The owner pays the costs of keeping it. The owner may give "
                                  "you a reward, but does not have to."));
  g_strv_builder_add (builder, _ ("A passport, ID card, driving licence or bank card is always "
                                  "handed in. Nobody can keep it. Do not type anything from the "
                                  "card."));
  return g_strv_builder_end (builder);
}

/* ---- KpSubmission ---- */

static const char *
custody_to_string (KpFoundItemCustody custody)
{
  return custody == KP_FOUND_ITEM_HANDED_IN ? "handed-in" : "kept-by-finder";
}

static gboolean
validate_finder (KpFoundItem *self, const char **field, GError **error)
{
  if (!self->finder_wants_ownership)
    return TRUE;
  if (self->finder_name == NULL)
    return kp_submission_set_missing (field, KP_FOUND_ITEM_FIELD_FINDER_NAME,
                                      _ ("Please fill in your name, so the object can become "
                                         "yours."),
                                      error);
  if (self->finder_email == NULL && self->finder_phone == NULL)
    return kp_submission_set_missing (field, KP_FOUND_ITEM_FIELD_FINDER_PHONE,
                                      _ ("Please give your phone number or e-mail address, so "
                                         "the municipality can reach you."),
                                      error);
  return TRUE;
}

static gboolean
kp_found_item_validate (KpSubmission *submission, const char **field, GError **error)
{
  KpFoundItem *self = KP_FOUND_ITEM (submission);

  if (self->object_kind == NULL)
    return kp_submission_set_missing (field, KP_FOUND_ITEM_FIELD_OBJECT,
                                      _ ("Please choose what you found."), error);
  if (self->place == NULL)
    return kp_submission_set_missing (field, KP_FOUND_ITEM_FIELD_PLACE,
                                      _ ("Please tell us where you found it."), error);
  if (!g_date_valid (&self->found_on))
    return kp_submission_set_missing (field, KP_FOUND_ITEM_FIELD_DATE,
                                      _ ("Please choose the day you found it."), error);
  if (self->custody == KP_FOUND_ITEM_HANDED_IN && !self->receipt_confirmed)
    return kp_submission_set_missing (field, KP_FOUND_ITEM_FIELD_RECEIPT,
                                      _ ("A volunteer must first confirm that you handed it in."),
                                      error);
  return validate_finder (self, field, error);
}

static const char *
kp_found_item_get_kind (KpSubmission *submission)
{
  return KP_FOUND_ITEM_KIND;
}

/* The distinguishing marks are free text and prove ownership; the finder is a person. */
static void
add_personal (KpFoundItem *self, JsonBuilder *builder)
{
  json_builder_set_member_name (builder, KP_SUBMISSION_PERSONAL_MEMBER);
  json_builder_begin_object (builder);
  kp_submission_add_string (builder, "marks", self->marks);
  kp_submission_add_string (builder, "finder_name", self->finder_name);
  kp_submission_add_string (builder, "finder_email", self->finder_email);
  kp_submission_add_string (builder, "finder_phone", self->finder_phone);
  json_builder_end_object (builder);
}

static JsonNode *
kp_found_item_to_payload (KpSubmission *submission)
{
  KpFoundItem *self = KP_FOUND_ITEM (submission);
  g_autoptr (JsonBuilder) builder = kp_submission_begin_payload (KP_FOUND_ITEM_KIND);
  g_autofree char *found_on = kp_submission_format_iso_date (&self->found_on);

  kp_submission_add_string (builder, "object", self->object_kind->slug);
  kp_submission_add_string (builder, "colour", self->colour != NULL ? self->colour->slug : NULL);
  kp_submission_add_string (builder, "brand", self->brand);
  json_builder_set_member_name (builder, "place");
  json_builder_add_value (builder, kp_place_to_json (self->place));
  kp_submission_add_string (builder, "found_on", found_on);
  kp_submission_add_string (builder, "custody", custody_to_string (self->custody));
  kp_submission_add_boolean (builder, "finder_wants_ownership", self->finder_wants_ownership);
  add_personal (self, builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static GPtrArray *
kp_found_item_dup_lines (KpSubmission *submission)
{
  KpFoundItem *self = KP_FOUND_ITEM (submission);
  GPtrArray *lines = kp_submission_lines_new ();
  g_autofree char *place = self->place != NULL ? kp_place_dup_label (self->place) : NULL;
  g_autofree char *date
      = g_date_valid (&self->found_on) ? kp_submission_format_date (&self->found_on) : NULL;

  kp_submission_lines_add (
      lines, KP_FOUND_ITEM_FIELD_OBJECT, _ ("What"),
      self->object_kind != NULL ? kp_found_item_kind_get_label (self->object_kind) : NULL);
  kp_submission_lines_add (lines, KP_FOUND_ITEM_FIELD_COLOUR, _ ("Colour"),
                           self->colour != NULL ? kp_found_item_colour_get_label (self->colour)
                                                : NULL);
  kp_submission_lines_add (lines, KP_FOUND_ITEM_FIELD_BRAND, _ ("Brand"), self->brand);
  kp_submission_lines_add (lines, KP_FOUND_ITEM_FIELD_MARKS, _ ("Special marks"), self->marks);
  kp_submission_lines_add (lines, KP_FOUND_ITEM_FIELD_PLACE, _ ("Where found"), place);
  kp_submission_lines_add (lines, KP_FOUND_ITEM_FIELD_DATE, _ ("When found"), date);
  kp_submission_lines_add (lines, KP_FOUND_ITEM_FIELD_CUSTODY, _ ("The object"),
                           self->custody == KP_FOUND_ITEM_HANDED_IN ? _ ("Handed in here")
                                                                    : _ ("The finder keeps it"));
  kp_submission_lines_add (lines, KP_FOUND_ITEM_FIELD_OWNERSHIP, _ ("Become the owner"),
                           self->finder_wants_ownership ? _ ("Yes") : _ ("No"));
  kp_submission_lines_add_personal (lines, KP_FOUND_ITEM_FIELD_FINDER_NAME, _ ("Name"),
                                    self->finder_name);
  kp_submission_lines_add_personal (lines, KP_FOUND_ITEM_FIELD_FINDER_EMAIL, _ ("E-mail"),
                                    self->finder_email);
  kp_submission_lines_add_personal (lines, KP_FOUND_ITEM_FIELD_FINDER_PHONE, _ ("Phone"),
                                    self->finder_phone);
  return lines;
}

static void
kp_found_item_submission_init (KpSubmissionInterface *iface)
{
  iface->get_kind = kp_found_item_get_kind;
  iface->validate = kp_found_item_validate;
  iface->to_payload = kp_found_item_to_payload;
  iface->dup_lines = kp_found_item_dup_lines;
}

/* ---- The object ---- */

static void
clear_finder (KpFoundItem *self)
{
  self->finder_wants_ownership = FALSE;
  g_clear_pointer (&self->finder_name, g_free);
  g_clear_pointer (&self->finder_email, g_free);
  g_clear_pointer (&self->finder_phone, g_free);
}

static gboolean
refuse_for_document (GError **error)
{
  g_set_error_literal (error, KP_SUBMISSION_ERROR, KP_SUBMISSION_ERROR_NOT_ALLOWED,
                       _ ("Do not type anything from a passport, ID card, driving licence or "
                          "bank card."));
  return FALSE;
}

static void
kp_found_item_finalize (GObject *object)
{
  KpFoundItem *self = KP_FOUND_ITEM (object);

  clear_finder (self);
  g_clear_pointer (&self->place, kp_place_free);
  g_clear_pointer (&self->marks, g_free);
  g_clear_pointer (&self->brand, g_free);

  G_OBJECT_CLASS (kp_found_item_parent_class)->finalize (object);
}

static void
kp_found_item_class_init (KpFoundItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kp_found_item_finalize;
}

static void
kp_found_item_init (KpFoundItem *self)
{
  g_date_clear (&self->found_on, 1);
  self->custody = KP_FOUND_ITEM_HANDED_IN;
}

/* (transfer full) */
KpFoundItem *
kp_found_item_new (void)
{
  return g_object_new (KP_TYPE_FOUND_ITEM, NULL);
}

gboolean
kp_found_item_set_object_kind (KpFoundItem *self, const char *slug, GError **error)
{
  const KpFoundItemKind *kind;

  g_return_val_if_fail (KP_IS_FOUND_ITEM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  kind = kp_found_item_check_kind (slug, error);
  if (kind == NULL)
    return FALSE;
  self->object_kind = kind;
  if (kp_found_item_is_document (self))
    {
      g_clear_pointer (&self->brand, g_free);
      g_clear_pointer (&self->marks, g_free);
      clear_finder (self);
      if (self->custody != KP_FOUND_ITEM_HANDED_IN)
        self->receipt_confirmed = FALSE;
      self->custody = KP_FOUND_ITEM_HANDED_IN;
    }
  return TRUE;
}

/* (nullable) (transfer none) */
const KpFoundItemKind *
kp_found_item_get_object_kind (KpFoundItem *self)
{
  g_return_val_if_fail (KP_IS_FOUND_ITEM (self), NULL);

  return self->object_kind;
}

gboolean
kp_found_item_is_document (KpFoundItem *self)
{
  g_return_val_if_fail (KP_IS_FOUND_ITEM (self), FALSE);

  return self->object_kind != NULL && g_str_equal (self->object_kind->slug, DOCUMENT_KIND);
}

gboolean
kp_found_item_set_colour (KpFoundItem *self, const char *slug, GError **error)
{
  g_return_val_if_fail (KP_IS_FOUND_ITEM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return kp_found_item_check_colour (slug, &self->colour, error);
}

/* (nullable) (transfer none) */
const KpFoundItemColour *
kp_found_item_get_colour (KpFoundItem *self)
{
  g_return_val_if_fail (KP_IS_FOUND_ITEM (self), NULL);

  return self->colour;
}

gboolean
kp_found_item_set_brand (KpFoundItem *self, const char *brand, GError **error)
{
  g_return_val_if_fail (KP_IS_FOUND_ITEM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (kp_found_item_is_document (self) && !kp_submission_is_blank (brand))
    return refuse_for_document (error);
  return kp_submission_set_optional_text (&self->brand, brand, KP_FOUND_ITEM_BRAND_MAX, FALSE,
                                          error);
}

/* (nullable) */
const char *
kp_found_item_get_brand (KpFoundItem *self)
{
  g_return_val_if_fail (KP_IS_FOUND_ITEM (self), NULL);

  return self->brand;
}

gboolean
kp_found_item_set_marks (KpFoundItem *self, const char *marks, GError **error)
{
  g_return_val_if_fail (KP_IS_FOUND_ITEM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (kp_found_item_is_document (self) && !kp_submission_is_blank (marks))
    return refuse_for_document (error);
  return kp_submission_set_optional_text (&self->marks, marks, KP_FOUND_ITEM_MARKS_MAX, TRUE,
                                          error);
}

/* (nullable) */
const char *
kp_found_item_get_marks (KpFoundItem *self)
{
  g_return_val_if_fail (KP_IS_FOUND_ITEM (self), NULL);

  return self->marks;
}

void
kp_found_item_set_place (KpFoundItem *self, const KpPlace *place)
{
  g_return_if_fail (KP_IS_FOUND_ITEM (self));
  g_return_if_fail (place != NULL);

  g_clear_pointer (&self->place, kp_place_free);
  self->place = kp_place_copy (place);
}

/* (nullable) (transfer none) */
const KpPlace *
kp_found_item_get_place (KpFoundItem *self)
{
  g_return_val_if_fail (KP_IS_FOUND_ITEM (self), NULL);

  return self->place;
}

gboolean
kp_found_item_set_found_on (KpFoundItem *self, const GDate *date, GError **error)
{
  GDate today;

  g_return_val_if_fail (KP_IS_FOUND_ITEM (self), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  kp_submission_get_today (&today);
  if (!kp_validate_recent_date (date, &today, KP_FOUND_ITEM_MAX_DAYS_AGO, error))
    return FALSE;
  self->found_on = *date;
  return TRUE;
}

/* (nullable) (transfer none) */
const GDate *
kp_found_item_get_found_on (KpFoundItem *self)
{
  g_return_val_if_fail (KP_IS_FOUND_ITEM (self), NULL);

  return g_date_valid (&self->found_on) ? &self->found_on : NULL;
}

gboolean
kp_found_item_set_custody (KpFoundItem *self, KpFoundItemCustody custody, GError **error)
{
  g_return_val_if_fail (KP_IS_FOUND_ITEM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (custody == KP_FOUND_ITEM_KEPT_BY_FINDER && kp_found_item_is_document (self))
    {
      g_set_error_literal (error, KP_SUBMISSION_ERROR, KP_SUBMISSION_ERROR_NOT_ALLOWED,
                           _ ("A passport, ID card, driving licence or bank card must be handed "
                              "in here. Nobody can keep it."));
      return FALSE;
    }
  if (custody != self->custody)
    self->receipt_confirmed = FALSE;
  self->custody = custody;
  return TRUE;
}

KpFoundItemCustody
kp_found_item_get_custody (KpFoundItem *self)
{
  g_return_val_if_fail (KP_IS_FOUND_ITEM (self), KP_FOUND_ITEM_HANDED_IN);

  return self->custody;
}

void
kp_found_item_set_receipt_confirmed (KpFoundItem *self, gboolean confirmed)
{
  g_return_if_fail (KP_IS_FOUND_ITEM (self));

  self->receipt_confirmed = confirmed;
}

gboolean
kp_found_item_get_receipt_confirmed (KpFoundItem *self)
{
  g_return_val_if_fail (KP_IS_FOUND_ITEM (self), FALSE);

  return self->receipt_confirmed;
}

gboolean
kp_found_item_set_finder_wants_ownership (KpFoundItem *self, gboolean wants, GError **error)
{
  g_return_val_if_fail (KP_IS_FOUND_ITEM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (wants && kp_found_item_is_document (self))
    {
      g_set_error_literal (error, KP_SUBMISSION_ERROR, KP_SUBMISSION_ERROR_NOT_ALLOWED,
                           _ ("Nobody can become the owner of a passport, ID card, driving "
                              "licence or bank card."));
      return FALSE;
    }
  if (!wants)
    clear_finder (self);
  self->finder_wants_ownership = wants;
  return TRUE;
}

gboolean
kp_found_item_get_finder_wants_ownership (KpFoundItem *self)
{
  g_return_val_if_fail (KP_IS_FOUND_ITEM (self), FALSE);

  return self->finder_wants_ownership;
}

/* The finder's details are only asked for, and kept, when they want to become the owner. */
static gboolean
check_finder_detail (KpFoundItem *self, const char *text, GError **error)
{
  if (self->finder_wants_ownership || kp_submission_is_blank (text))
    return TRUE;
  g_set_error_literal (error, KP_SUBMISSION_ERROR, KP_SUBMISSION_ERROR_NOT_ALLOWED,
                       _ ("We only need your details if you want to become the owner."));
  return FALSE;
}

gboolean
kp_found_item_set_finder_name (KpFoundItem *self, const char *name, GError **error)
{
  g_return_val_if_fail (KP_IS_FOUND_ITEM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return check_finder_detail (self, name, error)
         && kp_submission_set_optional_checked (&self->finder_name, name, kp_validate_name, error);
}

gboolean
kp_found_item_set_finder_email (KpFoundItem *self, const char *email, GError **error)
{
  g_return_val_if_fail (KP_IS_FOUND_ITEM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return check_finder_detail (self, email, error)
         && kp_submission_set_optional_checked (&self->finder_email, email, kp_validate_email,
                                                error);
}

gboolean
kp_found_item_set_finder_phone (KpFoundItem *self, const char *phone, GError **error)
{
  g_return_val_if_fail (KP_IS_FOUND_ITEM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return check_finder_detail (self, phone, error)
         && kp_submission_set_optional_checked (&self->finder_phone, phone, kp_validate_phone,
                                                error);
}

/* (nullable) */
const char *
kp_found_item_get_finder_name (KpFoundItem *self)
{
  g_return_val_if_fail (KP_IS_FOUND_ITEM (self), NULL);

  return self->finder_name;
}

/* (nullable) */
const char *
kp_found_item_get_finder_email (KpFoundItem *self)
{
  g_return_val_if_fail (KP_IS_FOUND_ITEM (self), NULL);

  return self->finder_email;
}

/* (nullable) */
const char *
kp_found_item_get_finder_phone (KpFoundItem *self)
{
  g_return_val_if_fail (KP_IS_FOUND_ITEM (self), NULL);

  return self->finder_phone;
}
