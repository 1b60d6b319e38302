/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-e-form.h"
#include "kp-e-form-private.h"

#include <string.h>

#define MAX_ID_LENGTH 64

struct _KpEForm
{
  GObject parent_instance;

  KpEFormSource source;
  char *id;
  char *start_url;
  /* language → text; "" holds the untranslated text */
  GHashTable *titles;
  GHashTable *needs;
  char *icon;
  guint minutes;
  gboolean needs_digid;
  KpEFormVisibility visibility;
};

G_DEFINE_FINAL_TYPE (KpEForm, kp_e_form, G_TYPE_OBJECT)

/* Indexed by KpEFormVisibility. */
static const char *const visibility_codes[] = {
  NULL, "inactive", "maintenance", "not-accepting", "limit-reached", "unusable", "same-id",
};

static void
set_text (GHashTable *texts, const char *language, const char *text)
{
  g_hash_table_replace (texts, g_strdup (language != NULL ? language : ""), g_strdup (text));
}

/* The text in @language, else the untranslated one. (nullable) */
static const char *
lookup_text (GHashTable *texts, const char *language)
{
  const char *text = language != NULL ? g_hash_table_lookup (texts, language) : NULL;

  return text != NULL ? text : g_hash_table_lookup (texts, "");
}

static void
kp_e_form_finalize (GObject *object)
{
  KpEForm *self = KP_E_FORM (object);

  g_clear_pointer (&self->icon, g_free);
  g_clear_pointer (&self->needs, g_hash_table_unref);
  g_clear_pointer (&self->titles, g_hash_table_unref);
  g_clear_pointer (&self->start_url, g_free);
  g_clear_pointer (&self->id, g_free);

  G_OBJECT_CLASS (kp_e_form_parent_class)->finalize (object);
}

static void
kp_e_form_class_init (KpEFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kp_e_form_finalize;
}

static void
kp_e_form_init (KpEForm *self)
{
  self->titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->needs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->icon = g_strdup (KP_E_FORM_DEFAULT_ICON);
}

/* (transfer full) */
KpEForm *
kp_e_form_new (KpEFormSource source, const char *id, const char *start_url)
{
  KpEForm *self;

  g_return_val_if_fail (kp_e_form_is_valid_id (id), NULL);
  g_return_val_if_fail (start_url != NULL, NULL);

  self = g_object_new (KP_TYPE_E_FORM, NULL);
  self->source = source;
  self->id = g_strdup (id);
  self->start_url = g_strdup (start_url);
  /* Never without a title: the id stands in until one is set. */
  set_text (self->titles, NULL, id);
  return self;
}

void
kp_e_form_set_title (KpEForm *self, const char *language, const char *title)
{
  g_return_if_fail (KP_IS_E_FORM (self));
  g_return_if_fail (title != NULL);

  set_text (self->titles, language, title);
}

void
kp_e_form_set_needs (KpEForm *self, const char *language, const char *needs)
{
  g_return_if_fail (KP_IS_E_FORM (self));
  g_return_if_fail (needs != NULL);

  set_text (self->needs, language, needs);
}

void
kp_e_form_set_icon (KpEForm *self, const char *icon)
{
  g_return_if_fail (KP_IS_E_FORM (self));
  g_return_if_fail (icon != NULL);

  g_free (self->icon);
  self->icon = g_strdup (icon);
}

void
kp_e_form_set_minutes (KpEForm *self, guint minutes)
{
  g_return_if_fail (KP_IS_E_FORM (self));

  self->minutes = minutes;
}

void
kp_e_form_set_needs_digid (KpEForm *self, gboolean needs_digid)
{
  g_return_if_fail (KP_IS_E_FORM (self));

  self->needs_digid = needs_digid;
}

void
kp_e_form_set_visibility (KpEForm *self, KpEFormVisibility visibility)
{
  g_return_if_fail (KP_IS_E_FORM (self));
  g_return_if_fail (visibility < G_N_ELEMENTS (visibility_codes));

  self->visibility = visibility;
}

KpEFormSource
kp_e_form_get_source (KpEForm *self)
{
  g_return_val_if_fail (KP_IS_E_FORM (self), KP_E_FORM_SOURCE_CONFIG);

  return self->source;
}

const char *
kp_e_form_get_id (KpEForm *self)
{
  g_return_val_if_fail (KP_IS_E_FORM (self), NULL);

  return self->id;
}

const char *
kp_e_form_get_start_url (KpEForm *self)
{
  g_return_val_if_fail (KP_IS_E_FORM (self), NULL);

  return self->start_url;
}

const char *
kp_e_form_get_title (KpEForm *self, const char *language)
{
  g_return_val_if_fail (KP_IS_E_FORM (self), NULL);

  return lookup_text (self->titles, language);
}

const char *
kp_e_form_get_needs (KpEForm *self, const char *language)
{
  g_return_val_if_fail (KP_IS_E_FORM (self), NULL);

  return lookup_text (self->needs, language);
}

const char *
kp_e_form_get_icon (KpEForm *self)
{
  g_return_val_if_fail (KP_IS_E_FORM (self), NULL);

  return self->icon;
}

guint
kp_e_form_get_minutes (KpEForm *self)
{
  g_return_val_if_fail (KP_IS_E_FORM (self), 0);

  return self->minutes;
}

gboolean
kp_e_form_get_needs_digid (KpEForm *self)
{
  g_return_val_if_fail (KP_IS_E_FORM (self), FALSE);

  return self->needs_digid;
}

KpEFormVisibility
kp_e_form_get_visibility (KpEForm *self)
{
  g_return_val_if_fail (KP_IS_E_FORM (self), KP_E_FORM_SHOWN);

  return self->visibility;
}

gboolean
kp_e_form_is_shown (KpEForm *self)
{
  g_return_val_if_fail (KP_IS_E_FORM (self), FALSE);

  return self->visibility == KP_E_FORM_SHOWN;
}

/* (transfer none) */
GHashTable *
kp_e_form_get_titles (KpEForm *self)
{
  g_return_val_if_fail (KP_IS_E_FORM (self), NULL);

  return self->titles;
}

/* (transfer none) */
GHashTable *
kp_e_form_get_needs_texts (KpEForm *self)
{
  g_return_val_if_fail (KP_IS_E_FORM (self), NULL);

  return self->needs;
}

const char *
kp_e_form_visibility_to_code (KpEFormVisibility visibility)
{
  g_return_val_if_fail (visibility < G_N_ELEMENTS (visibility_codes), NULL);

  return visibility_codes[visibility];
}

gboolean
kp_e_form_visibility_from_code (const char *code, KpEFormVisibility *visibility)
{
  g_return_val_if_fail (visibility != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (visibility_codes); i++)
    {
      if (g_strcmp0 (visibility_codes[i], code) == 0)
        {
          *visibility = (KpEFormVisibility) i;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
kp_e_form_is_valid_id (const char *id)
{
  gsize length;

  if (id == NULL || !(g_ascii_islower (id[0]) || g_ascii_isdigit (id[0])))
    return FALSE;
  length = strlen (id);
  if (length > MAX_ID_LENGTH)
    return FALSE;
  for (const char *c = id; *c != '\0'; c++)
    {
      if (!g_ascii_isdigit (*c) && !g_ascii_islower (*c) && *c != '-' && *c != '_')
        return FALSE;
    }
  return TRUE;
}
