/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-open-forms-client.h"

#include "kp-e-form.h"
#include "kp-http-session.h"

#include <string.h>

#include <glib/gi18n-lib.h>

/*
 * The shape of the answer was read from open-formulieren/open-forms at
 * commit 5e5813168708e7ec6dd670f8d36c302ec6743ad6:
 * - src/openforms/forms/api/viewsets.py, FormViewSet: no pagination
 *   class (and none by default in src/openforms/conf/base.py, which also
 *   sets TokenAuthentication: "Authorization: Token KEY"), so the list is
 *   a plain JSON array; without staff rights it holds only active forms.
 * - src/openforms/forms/api/serializers/form.py, FormSerializer: camelCase
 *   members "uuid", "name", "slug", "loginRequired", "active",
 *   "maintenanceMode", "submissionAllowed", "submissionLimitReached", and
 *   for staff tokens "translations": {"nl": {"name": …}, "en": {…}}.
 * - src/openforms/forms/constants.py, SubmissionAllowedChoices: "yes",
 *   "no_with_overview", "no_without_overview".
 * - src/openforms/urls.py and src/openforms/forms/urls.py: the API at
 *   api/v2/ and a form's page at SLUG/, both below the instance's root.
 */

#define FORMS_PATH      "api/v2/forms"
#define MAX_ID_LENGTH   64
#define REQUEST_SUMMARY "Open Formulieren GET " FORMS_PATH

struct _KpOpenFormsClient
{
  GObject parent_instance;

  SoupSession *session;
  char *url; /* the instance's root, ending in "/" */
  char *authorization;
  guint timeout_seconds;
};

G_DEFINE_FINAL_TYPE (KpOpenFormsClient, kp_open_forms_client, G_TYPE_OBJECT)

/* Written out: clang-format would put spaces into G_DEFINE_QUARK's name. */
GQuark
kp_open_forms_client_error_quark (void)
{
  return g_quark_from_static_string ("kp-open-forms-client-error-quark");
}

static void
set_error (GError **error, KpOpenFormsClientError code, const char *detail)
{
  /* TRANSLATORS: "Open Formulieren GET api/v2/forms: <what went wrong>" */
  g_set_error (error, KP_OPEN_FORMS_CLIENT_ERROR, code, _ ("%s: %s"), REQUEST_SUMMARY, detail);
}

static gboolean
get_boolean (JsonObject *object, const char *name, gboolean missing)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return missing;
  return json_node_get_boolean (node);
}

/* (nullable) (transfer none): a string member that is there and not empty */
static const char *
get_text (JsonObject *object, const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;
  const char *text;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  text = json_node_get_string (node);
  return *text != '\0' ? text : NULL;
}

/*
 * The kiosk's id for a form: its slug in lower case, with anything else
 * than [a-z0-9_-] made "-", so it can name a page and a count. (transfer full)
 */
static char *
dup_id_from_slug (const char *slug, guint index)
{
  g_autofree char *id = g_ascii_strdown (slug != NULL ? slug : "", -1);

  if (strlen (id) > MAX_ID_LENGTH)
    id[MAX_ID_LENGTH] = '\0';
  g_strcanon (id, "abcdefghijklmnopqrstuvwxyz0123456789_-", '-');
  if (!kp_e_form_is_valid_id (id))
    return g_strdup_printf ("form-%u", index);
  return g_steal_pointer (&id);
}

/* The first reason a resident may not start this form, or KP_E_FORM_SHOWN. */
static KpEFormVisibility
find_visibility (JsonObject *object)
{
  const char *allowed = get_text (object, "submissionAllowed");

  if (get_text (object, "name") == NULL || get_text (object, "slug") == NULL)
    return KP_E_FORM_HIDDEN_UNUSABLE;
  if (!get_boolean (object, "active", TRUE))
    return KP_E_FORM_HIDDEN_INACTIVE;
  if (get_boolean (object, "maintenanceMode", FALSE))
    return KP_E_FORM_HIDDEN_MAINTENANCE;
  if (allowed != NULL && !g_str_equal (allowed, "yes"))
    return KP_E_FORM_HIDDEN_NOT_ACCEPTING;
  if (get_boolean (object, "submissionLimitReached", FALSE))
    return KP_E_FORM_HIDDEN_LIMIT_REACHED;
  return KP_E_FORM_SHOWN;
}

/* "translations": {"nl": {"name": "…"}, …}, present for staff tokens only. */
static void
add_translated_titles (KpEForm *form, JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "translations");
  JsonObject *translations
      = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  g_autoptr (GList) languages
      = translations != NULL ? json_object_get_members (translations) : NULL;

  for (GList *l = languages; l != NULL; l = l->next)
    {
      JsonNode *language = json_object_get_member (translations, l->data);
      const char *name = JSON_NODE_HOLDS_OBJECT (language)
                             ? get_text (json_node_get_object (language), "name")
                             : NULL;

      if (name != NULL)
        kp_e_form_set_title (form, l->data, name);
    }
}

/* (transfer full) */
static KpEForm *
form_from_object (const char *url, JsonObject *object, guint index, GHashTable *ids)
{
  const char *slug = get_text (object, "slug");
  const char *name = get_text (object, "name");
  g_autofree char *id = dup_id_from_slug (slug, index);
  g_autofree char *escaped = g_uri_escape_string (slug != NULL ? slug : "", NULL, FALSE);
  g_autofree char *start_url = g_strconcat (url, escaped, "/", NULL);
  KpEForm *form;

  /* "Afval" and "afval" are different slugs but would be one id. */
  if (g_hash_table_contains (ids, id))
    {
      g_free (id);
      id = g_strdup_printf ("form-%u", index);
    }
  g_hash_table_add (ids, g_strdup (id));
  form = kp_e_form_new (KP_E_FORM_SOURCE_OPEN_FORMULIEREN, id, start_url);
  if (name != NULL)
    kp_e_form_set_title (form, NULL, name);
  add_translated_titles (form, object);
  kp_e_form_set_needs_digid (form, get_boolean (object, "loginRequired", FALSE));
  kp_e_form_set_visibility (form, find_visibility (object));
  return form;
}

/* (transfer full) */
GPtrArray *
kp_open_forms_client_parse_forms (const char *url, JsonNode *root, GError **error)
{
  g_autoptr (GPtrArray) forms = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *base = NULL;
  JsonArray *array;

  g_return_val_if_fail (url != NULL, NULL);

  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      set_error (error, KP_OPEN_FORMS_CLIENT_ERROR_BAD_ANSWER,
                 _ ("the answer is not what the API sends"));
      return NULL;
    }
  base = g_str_has_suffix (url, "/") ? g_strdup (url) : g_strconcat (url, "/", NULL);
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      /* One odd element does not cost the resident the other forms. */
      if (JSON_NODE_HOLDS_OBJECT (element))
        g_ptr_array_add (forms, form_from_object (base, json_node_get_object (element), i, ids));
    }
  return g_steal_pointer (&forms);
}

static void
kp_open_forms_client_finalize (GObject *object)
{
  KpOpenFormsClient *self = KP_OPEN_FORMS_CLIENT (object);

  /* The token is a secret: no copy of it stays in freed memory. */
  if (self->authorization != NULL)
    memset (self->authorization, 0, strlen (self->authorization));
  g_clear_pointer (&self->authorization, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (kp_open_forms_client_parent_class)->finalize (object);
}

static void
kp_open_forms_client_class_init (KpOpenFormsClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kp_open_forms_client_finalize;
}

static void
kp_open_forms_client_init (KpOpenFormsClient *self)
{
}

/* (transfer full) */
KpOpenFormsClient *
kp_open_forms_client_new (KpConfig *config, const char *token, GError **error)
{
  g_autoptr (KpOpenFormsClient) self = NULL;
  const char *url;

  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);
  g_return_val_if_fail (token != NULL, NULL);
  url = kp_config_get_open_formulieren_url (config);
  g_return_val_if_fail (url != NULL, NULL);

  self = g_object_new (KP_TYPE_OPEN_FORMS_CLIENT, NULL);
  self->timeout_seconds = kp_config_get_open_formulieren_timeout_seconds (config);
  self->session = kp_http_session_new (config, "open-formulieren", self->timeout_seconds, error);
  if (self->session == NULL)
    return NULL;
  self->url = g_str_has_suffix (url, "/") ? g_strdup (url) : g_strconcat (url, "/", NULL);
  self->authorization = g_strconcat ("Token ", token, NULL);
  return g_steal_pointer (&self);
}

static void
set_status_error (GError **error, guint status)
{
  g_autofree char *detail = NULL;

  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    {
      detail = g_strdup_printf (_ ("HTTP %u: the token was refused"), status);
      set_error (error, KP_OPEN_FORMS_CLIENT_ERROR_REFUSED, detail);
      return;
    }
  detail = g_strdup_printf ("HTTP %u %s", status, soup_status_get_phrase (status));
  set_error (error,
             status >= 500 ? KP_OPEN_FORMS_CLIENT_ERROR_UNREACHABLE
                           : KP_OPEN_FORMS_CLIENT_ERROR_BAD_ANSWER,
             detail);
}

/* (transfer full) */
GPtrArray *
kp_open_forms_client_fetch (KpOpenFormsClient *self, GCancellable *cancellable, GError **error)
{
  g_autofree char *forms_url = NULL;
  g_autoptr (SoupMessage) message = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  SoupMessageHeaders *headers;
  guint status;

  g_return_val_if_fail (KP_IS_OPEN_FORMS_CLIENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  forms_url = g_strconcat (self->url, FORMS_PATH, NULL);
  message = soup_message_new (SOUP_METHOD_GET, forms_url);
  if (message == NULL)
    {
      set_error (error, KP_OPEN_FORMS_CLIENT_ERROR_BAD_ANSWER, _ ("not a valid address"));
      return NULL;
    }
  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  soup_message_headers_replace (headers, "Authorization", self->authorization);

  bytes = soup_session_send_and_read (self->session, message, cancellable, &local_error);
  if (bytes == NULL)
    {
      g_autofree char *detail = kp_http_session_describe_error (local_error, self->timeout_seconds);

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        set_error (error, KP_OPEN_FORMS_CLIENT_ERROR_UNREACHABLE, detail);
      return NULL;
    }
  status = soup_message_get_status (message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      set_status_error (error, status);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   (gssize) g_bytes_get_size (bytes), NULL))
    {
      set_error (error, KP_OPEN_FORMS_CLIENT_ERROR_BAD_ANSWER,
                 _ ("the answer is not what the API sends"));
      return NULL;
    }
  return kp_open_forms_client_parse_forms (self->url, json_parser_get_root (parser), error);
}
