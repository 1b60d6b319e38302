/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * One e-form of the municipality that a resident can fill in on the kiosk:
 * from a [form:ID] group of the configuration, or refreshed from Open
 * Formulieren by kernpunt-syncd. Texts may be given per language; a
 * language without its own text gets the untranslated one.
 */
#define KP_TYPE_E_FORM (kp_e_form_get_type ())
G_DECLARE_FINAL_TYPE (KpEForm, kp_e_form, KP, E_FORM, GObject)

/* Where a form came from. */
typedef enum
{
  KP_E_FORM_SOURCE_CONFIG,
  KP_E_FORM_SOURCE_OPEN_FORMULIEREN,
} KpEFormSource;

/* The pictogram of a form that names none. */
#define KP_E_FORM_DEFAULT_ICON "document"

/*
 * Why a refreshed form is not offered; stored and printed as the code.
 * A form with none of these is shown.
 */
typedef enum
{
  KP_E_FORM_SHOWN,
  KP_E_FORM_HIDDEN_INACTIVE,      /* "active" is false */
  KP_E_FORM_HIDDEN_MAINTENANCE,   /* "maintenanceMode" is true */
  KP_E_FORM_HIDDEN_NOT_ACCEPTING, /* "submissionAllowed" is not "yes" */
  KP_E_FORM_HIDDEN_LIMIT_REACHED, /* "submissionLimitReached" is true */
  KP_E_FORM_HIDDEN_UNUSABLE,      /* no name, or a slug the kiosk cannot use */
  KP_E_FORM_HIDDEN_SAME_ID,       /* a configured form has the same id */
} KpEFormVisibility;

/* @id: see kp_e_form_is_valid_id(); @start_url: where the web view opens it. (transfer full) */
KpEForm *kp_e_form_new (KpEFormSource source, const char *id, const char *start_url);

/* @language NULL sets the untranslated text, which every language falls back to. */
void kp_e_form_set_title (KpEForm *self, const char *language, const char *title);
/* What the resident needs at hand, in a sentence or two. */
void kp_e_form_set_needs (KpEForm *self, const char *language, const char *needs);
/* A pictogram name as the guidance uses them (ui/guide/README.md). */
void kp_e_form_set_icon (KpEForm *self, const char *icon);
/* About how long filling it in takes; 0 when nobody said. */
void kp_e_form_set_minutes (KpEForm *self, guint minutes);
void kp_e_form_set_needs_digid (KpEForm *self, gboolean needs_digid);
void kp_e_form_set_visibility (KpEForm *self, KpEFormVisibility visibility);

KpEFormSource kp_e_form_get_source (KpEForm *self);
const char *kp_e_form_get_id (KpEForm *self);
const char *kp_e_form_get_start_url (KpEForm *self);
/* The text in @language (NULL: untranslated), else the untranslated one. */
const char *kp_e_form_get_title (KpEForm *self, const char *language);
/* (nullable) */
const char *kp_e_form_get_needs (KpEForm *self, const char *language);
const char *kp_e_form_get_icon (KpEForm *self);
guint kp_e_form_get_minutes (KpEForm *self);
gboolean kp_e_form_get_needs_digid (KpEForm *self);
KpEFormVisibility kp_e_form_get_visibility (KpEForm *self);
gboolean kp_e_form_is_shown (KpEForm *self);

/* "inactive", "maintenance", …; NULL for a shown form. */
const char *kp_e_form_visibility_to_code (KpEFormVisibility visibility);
gboolean kp_e_form_visibility_from_code (const char *code, KpEFormVisibility *visibility);
/*
 * Whether @id can name a form: 1 to 64 of [a-z0-9_-], starting with a
 * letter or digit. It is the form's page name and its detail in the counts.
 */
gboolean kp_e_form_is_valid_id (const char *id);

G_END_DECLS
