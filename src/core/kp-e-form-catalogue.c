/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-e-form-catalogue.h"
#include "kp-e-form-catalogue-private.h"

#include "kp-config-private.h"
#include "kp-e-form-private.h"
#include "kp-store-private.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#define CONFIG_GROUP_PREFIX "form:"
/* Longer than any form a resident should start at the kiosk. */
#define MAX_MINUTES 240

struct _KpEFormCatalogue
{
  GObject parent_instance;

  KpConfig *config;
  KpStore *store; /* nullable */
  GPtrArray *forms;
  gint64 refreshed_at;
  char *refresh_error;
};

G_DEFINE_FINAL_TYPE (KpEFormCatalogue, kp_e_form_catalogue, G_TYPE_OBJECT)

/* What one read of the store found, handed from the worker thread. */
typedef struct
{
  GPtrArray *forms;
  gint64 refreshed_at;
  char *refresh_error;
} Refreshed;

static void
refreshed_free (Refreshed *refreshed)
{
  g_clear_pointer (&refreshed->forms, g_ptr_array_unref);
  g_free (refreshed->refresh_error);
  g_free (refreshed);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Refreshed, refreshed_free)

/* ---- The configuration's [form:ID] groups ---- */

static gboolean
set_missing_error (GError **error, const char *group, const char *key)
{
  /* TRANSLATORS: "[form:afval] title: missing" */
  g_set_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_MISSING_KEY, _ ("[%s] %s: missing"), group,
               key);
  return FALSE;
}

/* The value with the whitespace around it removed. (transfer full) */
static char *
dup_value (GKeyFile *file, const char *group, const char *key)
{
  g_autofree char *value = g_key_file_get_string (file, group, key, NULL);

  return value != NULL ? g_strstrip (g_steal_pointer (&value)) : g_strdup ("");
}

/*
 * "title" or "title[nl]": the base key and the language (NULL when
 * untranslated). FALSE for a key or language the group does not know.
 */
static gboolean
split_text_key (const char *key, const char *const *languages, char **base, char **language)
{
  const char *bracket = strchr (key, '[');
  g_autofree char *code = NULL;

  if (bracket == NULL)
    {
      *base = g_strdup (key);
      *language = NULL;
      return TRUE;
    }
  if (!g_str_has_suffix (bracket, "]"))
    return FALSE;
  code = g_strndup (bracket + 1, strlen (bracket) - 2);
  if (!g_strv_contains (languages, code))
    return FALSE;
  *base = g_strndup (key, (gsize) (bracket - key));
  *language = g_steal_pointer (&code);
  return TRUE;
}

/*
 * The web view opens this address, so it must be https; plain http only
 * to this machine, where the tests' stand-in servers run.
 */
static gboolean
is_start_url (const char *text)
{
  g_autoptr (GUri) uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  if (host == NULL || *host == '\0')
    return FALSE;
  if (g_str_equal (g_uri_get_scheme (uri), "https"))
    return TRUE;
  return g_str_equal (g_uri_get_scheme (uri), "http")
         && (g_str_equal (host, "127.0.0.1") || g_str_equal (host, "localhost"));
}

static gboolean
is_pictogram_name (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (const char *c = text; *c != '\0'; c++)
    {
      if (!g_ascii_islower (*c) && *c != '-')
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_text_key (KpEForm *form,
                GKeyFile *file,
                const char *group,
                const char *key,
                const char *base,
                const char *language,
                GError **error)
{
  g_autofree char *value = dup_value (file, group, key);

  if (*value == '\0')
    return kp_config_set_invalid_value_error (error, group, key, _ ("a text that is not empty"),
                                              value);
  if (g_str_equal (base, "title"))
    kp_e_form_set_title (form, language, value);
  else
    kp_e_form_set_needs (form, language, value);
  return TRUE;
}

static gboolean
parse_plain_key (KpEForm *form, GKeyFile *file, const char *group, const char *key, GError **error)
{
  g_autofree char *value = dup_value (file, group, key);
  guint64 minutes;

  if (g_str_equal (key, "icon"))
    {
      if (!is_pictogram_name (value))
        return kp_config_set_invalid_value_error (
            error, group, key, _ ("a pictogram name like “document”, from ui/guide/README.md"),
            value);
      kp_e_form_set_icon (form, value);
    }
  else if (g_str_equal (key, "minutes"))
    {
      if (!g_ascii_string_to_unsigned (value, 10, 1, MAX_MINUTES, &minutes, NULL))
        return kp_config_set_invalid_value_error (
            error, group, key, _ ("a whole number of minutes from 1 to 240"), value);
      kp_e_form_set_minutes (form, (guint) minutes);
    }
  else if (g_str_equal (key, "digid"))
    {
      if (!g_str_equal (value, "true") && !g_str_equal (value, "false"))
        return kp_config_set_invalid_value_error (error, group, key, _ ("“true” or “false”"),
                                                  value);
      kp_e_form_set_needs_digid (form, g_str_equal (value, "true"));
    }
  return TRUE;
}

/* One key of a [form:ID] group; an unknown one is refused as a likely typo. */
static gboolean
parse_form_key (KpEForm *form,
                GKeyFile *file,
                const char *group,
                const char *key,
                const char *const *languages,
                GError **error)
{
  static const char *const plain_keys[] = { "start-url", "icon", "minutes", "digid", NULL };
  g_autofree char *base = NULL;
  g_autofree char *language = NULL;

  if (split_text_key (key, languages, &base, &language)
      && (g_str_equal (base, "title") || g_str_equal (base, "needs")))
    return parse_text_key (form, file, group, key, base, language, error);
  if (g_strv_contains (plain_keys, key))
    return parse_plain_key (form, file, group, key, error);
  g_set_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_UNKNOWN_KEY,
               _ ("[%s] %s: unknown key; check the spelling"), group, key);
  return FALSE;
}

/* (transfer full) */
static KpEForm *
parse_form_group (GKeyFile *file, const char *group, const char *const *languages, GError **error)
{
  static const char *const required_keys[] = { "title", "start-url" };
  const char *id = group + strlen (CONFIG_GROUP_PREFIX);
  g_autofree char *start_url = NULL;
  g_autoptr (KpEForm) form = NULL;
  g_auto (GStrv) keys = NULL;

  if (!kp_e_form_is_valid_id (id))
    {
      /* TRANSLATORS: %s is a group name like “form:Afval!” */
      g_set_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_INVALID_VALUE,
                   _ ("[%s]: expected a form id of lower-case letters, digits, “-” and “_”"),
                   group);
      return NULL;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (required_keys); i++)
    {
      if (!g_key_file_has_key (file, group, required_keys[i], NULL))
        {
          set_missing_error (error, group, required_keys[i]);
          return NULL;
        }
    }
  start_url = dup_value (file, group, "start-url");
  if (!is_start_url (start_url))
    {
      kp_config_set_invalid_value_error (
          error, group, "start-url",
          _ ("an https address like “https://formulieren.example.nl/afval/”"), start_url);
      return NULL;
    }

  form = kp_e_form_new (KP_E_FORM_SOURCE_CONFIG, id, start_url);
  keys = g_key_file_get_keys (file, group, NULL, NULL);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      if (!parse_form_key (form, file, group, keys[i], languages, error))
        return NULL;
    }
  return g_steal_pointer (&form);
}

gboolean
kp_e_form_catalogue_is_config_group (const char *group)
{
  g_return_val_if_fail (group != NULL, FALSE);

  return g_str_has_prefix (group, CONFIG_GROUP_PREFIX);
}

/* (transfer full) */
GPtrArray *
kp_e_form_catalogue_parse_config (GKeyFile *file, const char *const *languages, GError **error)
{
  g_autoptr (GPtrArray) forms = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto (GStrv) groups = NULL;

  g_return_val_if_fail (file != NULL && languages != NULL, NULL);

  groups = g_key_file_get_groups (file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      KpEForm *form;

      if (!kp_e_form_catalogue_is_config_group (groups[i]))
        continue;
      form = parse_form_group (file, groups[i], languages, error);
      if (form == NULL)
        return NULL;
      g_ptr_array_add (forms, form);
    }
  return g_steal_pointer (&forms);
}

/* ---- The refreshed forms in the store ---- */

/* {"": "Afval", "en": "Waste"} (transfer full) */
static char *
texts_to_json (GHashTable *texts)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  GHashTableIter iter;
  gpointer language, text;

  json_builder_begin_object (builder);
  g_hash_table_iter_init (&iter, texts);
  while (g_hash_table_iter_next (&iter, &language, &text))
    {
      json_builder_set_member_name (builder, language);
      json_builder_add_string_value (builder, text);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* The titles as texts_to_json() wrote them; FALSE when the row is not what we wrote. */
static gboolean
set_titles_from_json (KpEForm *form, const char *json)
{
  g_autoptr (JsonNode) root = json_from_string (json, NULL);
  JsonObject *object
      = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  g_autoptr (GList) members = object != NULL ? json_object_get_members (object) : NULL;

  if (object == NULL)
    return FALSE;
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *text = json_object_get_string_member_with_default (object, l->data, NULL);

      if (text == NULL)
        return FALSE;
      kp_e_form_set_title (form, *(const char *) l->data != '\0' ? l->data : NULL, text);
    }
  return TRUE;
}

static gboolean
prepare (KpStore *store, const char *sql, sqlite3_stmt **stmt, GError **error)
{
  if (sqlite3_prepare_v2 (kp_store_get_db (store), sql, -1, stmt, NULL) == SQLITE_OK)
    return TRUE;
  kp_store_set_error (store, error, "e_forms");
  return FALSE;
}

/* (nullable) (transfer full): a row that does not read back is left out, never shown half */
static KpEForm *
form_from_row (sqlite3_stmt *stmt)
{
  const char *id = (const char *) sqlite3_column_text (stmt, 0);
  const char *start_url = (const char *) sqlite3_column_text (stmt, 1);
  const char *titles = (const char *) sqlite3_column_text (stmt, 2);
  const char *hidden = (const char *) sqlite3_column_text (stmt, 4);
  KpEFormVisibility visibility = KP_E_FORM_SHOWN;
  g_autoptr (KpEForm) form = NULL;

  if (!kp_e_form_is_valid_id (id) || start_url == NULL || titles == NULL
      || !kp_e_form_visibility_from_code (hidden, &visibility))
    return NULL;
  form = kp_e_form_new (KP_E_FORM_SOURCE_OPEN_FORMULIEREN, id, start_url);
  if (!set_titles_from_json (form, titles))
    return NULL;
  kp_e_form_set_needs_digid (form, sqlite3_column_int (stmt, 3) != 0);
  kp_e_form_set_visibility (form, visibility);
  return g_steal_pointer (&form);
}

static gboolean
read_forms (KpStore *store, Refreshed *refreshed, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int status;

  if (!prepare (store,
                "SELECT id, start_url, titles, needs_digid, hidden FROM e_forms ORDER BY position",
                &stmt, error))
    return FALSE;
  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KpEForm *form = form_from_row (stmt);

      if (form != NULL)
        g_ptr_array_add (refreshed->forms, form);
    }
  if (status == SQLITE_DONE)
    return TRUE;
  kp_store_set_error (store, error, "e_forms");
  return FALSE;
}

static gboolean
read_refresh_state (KpStore *store, Refreshed *refreshed, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int status;

  if (!prepare (store, "SELECT refreshed_at, error FROM e_form_refresh WHERE id = 1", &stmt, error))
    return FALSE;
  status = sqlite3_step (stmt);
  if (status == SQLITE_ROW)
    {
      refreshed->refreshed_at = sqlite3_column_int64 (stmt, 0);
      refreshed->refresh_error = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      return TRUE;
    }
  if (status == SQLITE_DONE)
    return TRUE;
  kp_store_set_error (store, error, "e_form_refresh");
  return FALSE;
}

/* (transfer full) */
static Refreshed *
read_refreshed (KpStore *store, GError **error)
{
  g_autoptr (Refreshed) refreshed = g_new0 (Refreshed, 1);

  refreshed->forms = g_ptr_array_new_with_free_func (g_object_unref);
  if (store != NULL
      && (!read_forms (store, refreshed, error) || !read_refresh_state (store, refreshed, error)))
    return NULL;
  return g_steal_pointer (&refreshed);
}

static gboolean
has_config_form (KpEFormCatalogue *self, const char *id)
{
  GPtrArray *config_forms = kp_config_get_e_forms (self->config);

  for (guint i = 0; i < config_forms->len; i++)
    {
      if (g_str_equal (kp_e_form_get_id (g_ptr_array_index (config_forms, i)), id))
        return TRUE;
    }
  return FALSE;
}

/*
 * The configured forms first, then the refreshed ones; a refreshed form
 * with a configured form's id is hidden, since the administrator chose
 * that one on purpose.
 */
static void
install (KpEFormCatalogue *self, Refreshed *refreshed)
{
  GPtrArray *config_forms = kp_config_get_e_forms (self->config);

  g_ptr_array_set_size (self->forms, 0);
  for (guint i = 0; i < config_forms->len; i++)
    g_ptr_array_add (self->forms, g_object_ref (g_ptr_array_index (config_forms, i)));
  for (guint i = 0; i < refreshed->forms->len; i++)
    {
      KpEForm *form = g_ptr_array_index (refreshed->forms, i);

      if (kp_e_form_is_shown (form) && has_config_form (self, kp_e_form_get_id (form)))
        kp_e_form_set_visibility (form, KP_E_FORM_HIDDEN_SAME_ID);
      g_ptr_array_add (self->forms, g_object_ref (form));
    }
  self->refreshed_at = refreshed->refreshed_at;
  g_free (self->refresh_error);
  self->refresh_error = g_steal_pointer (&refreshed->refresh_error);
}

static void
kp_e_form_catalogue_finalize (GObject *object)
{
  KpEFormCatalogue *self = KP_E_FORM_CATALOGUE (object);

  g_clear_pointer (&self->refresh_error, g_free);
  g_clear_pointer (&self->forms, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->config);

  G_OBJECT_CLASS (kp_e_form_catalogue_parent_class)->finalize (object);
}

static void
kp_e_form_catalogue_class_init (KpEFormCatalogueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kp_e_form_catalogue_finalize;
}

static void
kp_e_form_catalogue_init (KpEFormCatalogue *self)
{
  self->forms = g_ptr_array_new_with_free_func (g_object_unref);
}

/* (transfer full) */
KpEFormCatalogue *
kp_e_form_catalogue_new (KpConfig *config, KpStore *store)
{
  KpEFormCatalogue *self;
  g_autoptr (Refreshed) nothing = NULL;

  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);
  g_return_val_if_fail (store == NULL || KP_IS_STORE (store), NULL);

  self = g_object_new (KP_TYPE_E_FORM_CATALOGUE, NULL);
  self->config = g_object_ref (config);
  self->store = store != NULL ? g_object_ref (store) : NULL;
  /* The configured forms are there before anything is read. */
  nothing = read_refreshed (NULL, NULL);
  install (self, nothing);
  return self;
}

gboolean
kp_e_form_catalogue_load (KpEFormCatalogue *self, GError **error)
{
  g_autoptr (Refreshed) refreshed = NULL;

  g_return_val_if_fail (KP_IS_E_FORM_CATALOGUE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  refreshed = read_refreshed (self->store, error);
  if (refreshed == NULL)
    return FALSE;
  install (self, refreshed);
  return TRUE;
}

static void
load_in_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  KpStore *store = task_data;
  GError *error = NULL;
  Refreshed *refreshed = read_refreshed (store, &error);

  if (refreshed == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, refreshed, (GDestroyNotify) refreshed_free);
}

void
kp_e_form_catalogue_load_async (KpEFormCatalogue *self,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (KP_IS_E_FORM_CATALOGUE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kp_e_form_catalogue_load_async);
  /* The thread reads only the store; the catalogue changes in _finish, on the caller's thread. */
  if (self->store != NULL)
    g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, load_in_thread);
}

gboolean
kp_e_form_catalogue_load_finish (KpEFormCatalogue *self, GAsyncResult *result, GError **error)
{
  g_autoptr (Refreshed) refreshed = NULL;

  g_return_val_if_fail (KP_IS_E_FORM_CATALOGUE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  refreshed = g_task_propagate_pointer (G_TASK (result), error);
  if (refreshed == NULL)
    return FALSE;
  install (self, refreshed);
  return TRUE;
}

/* (transfer none) */
GPtrArray *
kp_e_form_catalogue_get_forms (KpEFormCatalogue *self)
{
  g_return_val_if_fail (KP_IS_E_FORM_CATALOGUE (self), NULL);

  return self->forms;
}

/* (transfer container) */
GPtrArray *
kp_e_form_catalogue_dup_shown (KpEFormCatalogue *self)
{
  GPtrArray *shown;

  g_return_val_if_fail (KP_IS_E_FORM_CATALOGUE (self), NULL);

  shown = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->forms->len; i++)
    {
      KpEForm *form = g_ptr_array_index (self->forms, i);

      if (kp_e_form_is_shown (form))
        g_ptr_array_add (shown, g_object_ref (form));
    }
  return shown;
}

/* (nullable) (transfer none) */
KpEForm *
kp_e_form_catalogue_lookup_shown (KpEFormCatalogue *self, const char *id)
{
  g_return_val_if_fail (KP_IS_E_FORM_CATALOGUE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->forms->len; i++)
    {
      KpEForm *form = g_ptr_array_index (self->forms, i);

      if (kp_e_form_is_shown (form) && g_str_equal (kp_e_form_get_id (form), id))
        return form;
    }
  return NULL;
}

gint64
kp_e_form_catalogue_get_refreshed_at (KpEFormCatalogue *self)
{
  g_return_val_if_fail (KP_IS_E_FORM_CATALOGUE (self), 0);

  return self->refreshed_at;
}

const char *
kp_e_form_catalogue_get_refresh_error (KpEFormCatalogue *self)
{
  g_return_val_if_fail (KP_IS_E_FORM_CATALOGUE (self), NULL);

  return self->refresh_error;
}

static gboolean
insert_form (KpStore *store, sqlite3_stmt *stmt, guint position, KpEForm *form, GError **error)
{
  g_autofree char *titles = texts_to_json (kp_e_form_get_titles (form));

  sqlite3_reset (stmt);
  sqlite3_bind_int (stmt, 1, (int) position);
  sqlite3_bind_text (stmt, 2, kp_e_form_get_id (form), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, kp_e_form_get_start_url (form), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, titles, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, kp_e_form_get_needs_digid (form) ? 1 : 0);
  sqlite3_bind_text (stmt, 6, kp_e_form_visibility_to_code (kp_e_form_get_visibility (form)), -1,
                     SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_DONE)
    return TRUE;
  kp_store_set_error (store, error, "e_forms");
  return FALSE;
}

static gboolean
replace_forms (KpStore *store, GPtrArray *forms, gint64 now, GError **error)
{
  g_autoptr (sqlite3_stmt) insert = NULL;
  g_autoptr (sqlite3_stmt) state = NULL;

  if (!kp_store_exec (store, "DELETE FROM e_forms", error)
      || !prepare (store,
                   "INSERT INTO e_forms (position, id, start_url, titles, needs_digid, hidden)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                   &insert, error))
    return FALSE;
  for (guint i = 0; i < forms->len; i++)
    {
      if (!insert_form (store, insert, i, g_ptr_array_index (forms, i), error))
        return FALSE;
    }
  if (!prepare (
          store,
          "INSERT OR REPLACE INTO e_form_refresh (id, refreshed_at, error) VALUES (1, ?1, NULL)",
          &state, error))
    return FALSE;
  sqlite3_bind_int64 (state, 1, now);
  if (sqlite3_step (state) == SQLITE_DONE)
    return TRUE;
  kp_store_set_error (store, error, "e_form_refresh");
  return FALSE;
}

gboolean
kp_e_form_catalogue_store_refreshed (KpEFormCatalogue *self,
                                     GPtrArray *forms,
                                     gint64 now,
                                     GError **error)
{
  g_return_val_if_fail (KP_IS_E_FORM_CATALOGUE (self), FALSE);
  g_return_val_if_fail (KP_IS_STORE (self->store), FALSE);
  g_return_val_if_fail (forms != NULL, FALSE);

  if (!kp_store_begin_immediate (self->store, error))
    return FALSE;
  if (!replace_forms (self->store, forms, now, error))
    {
      kp_store_rollback (self->store);
      return FALSE;
    }
  return kp_store_commit (self->store, error);
}

gboolean
kp_e_form_catalogue_store_refresh_failure (KpEFormCatalogue *self,
                                           const char *message,
                                           gint64 now,
                                           GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (KP_IS_E_FORM_CATALOGUE (self), FALSE);
  g_return_val_if_fail (KP_IS_STORE (self->store), FALSE);
  g_return_val_if_fail (message != NULL, FALSE);

  /* The time of the last success stays; 0 says there never was one. */
  if (!prepare (
          self->store,
          "INSERT INTO e_form_refresh (id, refreshed_at, failed_at, error) VALUES (1, 0, ?1, ?2)"
          " ON CONFLICT (id) DO UPDATE SET failed_at = ?1, error = ?2",
          &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_text (stmt, 2, message, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_DONE)
    return TRUE;
  kp_store_set_error (self->store, error, "e_form_refresh");
  return FALSE;
}
