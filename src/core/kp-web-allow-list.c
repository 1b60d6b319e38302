/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-web-allow-list.h"

#include <json-glib/json-glib.h>
#include <string.h>

#define MAX_HOST_LENGTH 253

struct _KpWebAllowList
{
  GObject parent_instance;

  GPtrArray *hosts; /* normalised: lower case, without a trailing dot */
  gboolean allow_loopback_http;
};

G_DEFINE_FINAL_TYPE (KpWebAllowList, kp_web_allow_list, G_TYPE_OBJECT)

/* Lower case and without the trailing dot of a fully qualified name, so "DigiD.nl." is "digid.nl". (transfer full) */
static char *
normalise_host (const char *host)
{
  char *normal = g_ascii_strdown (host, -1);
  gsize length = strlen (normal);

  if (length > 1 && normal[length - 1] == '.')
    normal[length - 1] = '\0';
  return normal;
}

static gboolean
is_loopback_host (const char *host)
{
  return g_str_equal (host, "127.0.0.1") || g_str_equal (host, "localhost")
         || g_str_equal (host, "::1");
}

static gboolean
is_listed (KpWebAllowList *self, const char *host)
{
  for (guint i = 0; i < self->hosts->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (self->hosts, i), host))
        return TRUE;
    }
  return FALSE;
}

/* "about:blank" alone: with a fragment or query it is still empty, but nothing needs those. */
static KpWebVerdict
check_about (const char *uri)
{
  return g_ascii_strcasecmp (uri, "about:blank") == 0 ? KP_WEB_VERDICT_BLANK
                                                      : KP_WEB_VERDICT_REFUSED_SCHEME;
}

static KpWebVerdict
check_web_address (KpWebAllowList *self, const char *uri, const char *scheme)
{
  g_autoptr (GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL);
  g_autofree char *host = NULL;

  /* "https://digid.nl@elsewhere.example/" reads as digid.nl to a person: refused outright. */
  if (parsed == NULL || g_uri_get_userinfo (parsed) != NULL || g_uri_get_host (parsed) == NULL
      || *g_uri_get_host (parsed) == '\0')
    return KP_WEB_VERDICT_REFUSED_MALFORMED;

  host = normalise_host (g_uri_get_host (parsed));
  if (!is_listed (self, host))
    return KP_WEB_VERDICT_REFUSED_HOST;
  if (g_str_equal (scheme, "https"))
    return KP_WEB_VERDICT_ALLOWED;
  return self->allow_loopback_http && is_loopback_host (host) ? KP_WEB_VERDICT_ALLOWED
                                                              : KP_WEB_VERDICT_REFUSED_INSECURE;
}

/* "127.0.0.1" as a content-blocker pattern: every character that is not a letter or digit escaped. */
static char *
escape_for_pattern (const char *text)
{
  GString *pattern = g_string_new (NULL);

  for (const char *c = text; *c != '\0'; c++)
    {
      if (!g_ascii_isalnum (*c) && *c != '-')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *c);
    }
  return g_string_free (pattern, FALSE);
}

/*
 * Every kind of load a page makes, but for a pop-up: a pop-up is the
 * view's own question (create, new-window decisions), checked against the
 * list there, so a resident who taps a link to elsewhere is told why
 * nothing opens instead of seeing nothing happen.
 */
static const char *const page_loads[]
    = { "document", "image", "style-sheet", "script", "font",  "svg-document",
        "media",    "fetch", "websocket",   "ping",   "other", NULL };
/* Pictures and fonts written into a page's own style sheet. */
static const char *const inline_loads[] = { "image", "font", NULL };

static void
add_rule (JsonBuilder *builder,
          const char *url_filter,
          const char *action,
          const char *const *resource_types)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "trigger");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "url-filter");
  json_builder_add_string_value (builder, url_filter);
  if (resource_types != NULL)
    {
      json_builder_set_member_name (builder, "resource-type");
      json_builder_begin_array (builder);
      for (gsize i = 0; resource_types[i] != NULL; i++)
        json_builder_add_string_value (builder, resource_types[i]);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "action");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, action);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

/*
 * A listed host over @scheme, followed by a port or the path: the ":" or
 * "/" after the name keeps "digid.nl.elsewhere.example" out.
 */
static void
add_host_rule (JsonBuilder *builder, const char *scheme, const char *host)
{
  g_autofree char *escaped = escape_for_pattern (host);
  gboolean ipv6 = strchr (host, ':') != NULL;
  g_autofree char *filter
      = g_strdup_printf ("^%s://%s%s%s[:/]", scheme, ipv6 ? "\\[" : "", escaped, ipv6 ? "\\]" : "");

  add_rule (builder, filter, "ignore-previous-rules", NULL);
}

static void
kp_web_allow_list_finalize (GObject *object)
{
  KpWebAllowList *self = KP_WEB_ALLOW_LIST (object);

  g_clear_pointer (&self->hosts, g_ptr_array_unref);

  G_OBJECT_CLASS (kp_web_allow_list_parent_class)->finalize (object);
}

static void
kp_web_allow_list_class_init (KpWebAllowListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kp_web_allow_list_finalize;
}

static void
kp_web_allow_list_init (KpWebAllowList *self)
{
  self->hosts = g_ptr_array_new_with_free_func (g_free);
}

KpWebAllowList *
kp_web_allow_list_new (const char *const *hosts, gboolean allow_loopback_http)
{
  KpWebAllowList *self = g_object_new (KP_TYPE_WEB_ALLOW_LIST, NULL);

  for (gsize i = 0; hosts != NULL && hosts[i] != NULL; i++)
    g_ptr_array_add (self->hosts, normalise_host (hosts[i]));
  self->allow_loopback_http = allow_loopback_http;
  return self;
}

KpWebVerdict
kp_web_allow_list_check (KpWebAllowList *self, const char *uri)
{
  g_autofree char *written = NULL;
  g_autofree char *scheme = NULL;

  g_return_val_if_fail (KP_IS_WEB_ALLOW_LIST (self), KP_WEB_VERDICT_REFUSED_MALFORMED);

  written = uri != NULL ? g_uri_parse_scheme (uri) : NULL;
  if (written == NULL)
    return KP_WEB_VERDICT_REFUSED_MALFORMED;
  /* Schemes are case-insensitive: "ABOUT:BLANK" and "HTTPS://" are what they say. */
  scheme = g_ascii_strdown (written, -1);
  if (g_str_equal (scheme, "about"))
    return check_about (uri);
  if (g_str_equal (scheme, "https") || g_str_equal (scheme, "http"))
    return check_web_address (self, uri, scheme);
  return KP_WEB_VERDICT_REFUSED_SCHEME;
}

char *
kp_web_allow_list_dup_content_rules (KpWebAllowList *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  g_return_val_if_fail (KP_IS_WEB_ALLOW_LIST (self), NULL);

  json_builder_begin_array (builder);
  add_rule (builder, ".*", "block", page_loads);
  for (guint i = 0; i < self->hosts->len; i++)
    {
      const char *host = g_ptr_array_index (self->hosts, i);

      add_host_rule (builder, "https", host);
      if (self->allow_loopback_http && is_loopback_host (host))
        add_host_rule (builder, "http", host);
    }
  /* Pictures and fonts written into a page's own style sheet fetch nothing from elsewhere. */
  add_rule (builder, "^data:", "ignore-previous-rules", inline_loads);
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

gboolean
kp_web_verdict_is_allowed (KpWebVerdict verdict)
{
  return verdict == KP_WEB_VERDICT_ALLOWED || verdict == KP_WEB_VERDICT_BLANK;
}

gboolean
kp_web_allow_list_is_valid_host (const char *host)
{
  gsize length;

  g_return_val_if_fail (host != NULL, FALSE);

  length = strlen (host);
  if (length == 0 || length > MAX_HOST_LENGTH)
    return FALSE;
  if (g_hostname_is_ip_address (host))
    return TRUE;
  if (host[0] == '.' || host[0] == '-' || host[length - 1] == '-' || strstr (host, "..") != NULL)
    return FALSE;
  for (const char *c = host; *c != '\0'; c++)
    {
      if (!g_ascii_isalnum (*c) && *c != '-' && *c != '.')
        return FALSE;
    }
  return TRUE;
}

char *
kp_web_allow_list_dup_loggable (const char *uri)
{
  g_autoptr (GUri) parsed = uri != NULL ? g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL) : NULL;

  if (parsed == NULL || g_uri_get_host (parsed) == NULL || *g_uri_get_host (parsed) == '\0')
    return g_strdup ("-");
  return g_ascii_strdown (g_uri_get_host (parsed), -1);
}
