/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-test-helpers.h"
#include "kp-web-allow-list.h"

static const char *const hosts[] = { "forms.example.nl", "DigiD.nl.", "127.0.0.1", "::1", NULL };

static const struct
{
  const char *uri;
  gboolean loopback_http; /* the test switch */
  KpWebVerdict expected;
} check_cases[] = {
  { "https://forms.example.nl/auth/aanvraag/digid/start", FALSE, KP_WEB_VERDICT_ALLOWED },
  { "https://FORMS.example.nl:8443/", FALSE, KP_WEB_VERDICT_ALLOWED },
  { "https://digid.nl/saml/idp/request_authentication", FALSE, KP_WEB_VERDICT_ALLOWED },
  { "https://digid.nl./", FALSE, KP_WEB_VERDICT_ALLOWED },
  { "HTTPS://digid.nl/", FALSE, KP_WEB_VERDICT_ALLOWED },
  { "about:blank", FALSE, KP_WEB_VERDICT_BLANK },
  { "ABOUT:BLANK", FALSE, KP_WEB_VERDICT_BLANK },
  { "https://example.nl/", FALSE, KP_WEB_VERDICT_REFUSED_HOST },
  { "https://www.digid.nl/", FALSE, KP_WEB_VERDICT_REFUSED_HOST },
  { "https://digid.nl.elsewhere.example/", FALSE, KP_WEB_VERDICT_REFUSED_HOST },
  { "https://127.0.0.2/", TRUE, KP_WEB_VERDICT_REFUSED_HOST },
  { "http://localhost/", TRUE, KP_WEB_VERDICT_REFUSED_HOST },
  { "https://digid.nl@elsewhere.example/", FALSE, KP_WEB_VERDICT_REFUSED_MALFORMED },
  { "https://user:secret@digid.nl/", FALSE, KP_WEB_VERDICT_REFUSED_MALFORMED },
  { "https:///nohost", FALSE, KP_WEB_VERDICT_REFUSED_MALFORMED },
  { "not an address", FALSE, KP_WEB_VERDICT_REFUSED_MALFORMED },
  { "", FALSE, KP_WEB_VERDICT_REFUSED_MALFORMED },
  { NULL, FALSE, KP_WEB_VERDICT_REFUSED_MALFORMED },
  { "http://forms.example.nl/", TRUE, KP_WEB_VERDICT_REFUSED_INSECURE },
  { "http://127.0.0.1:8080/form", FALSE, KP_WEB_VERDICT_REFUSED_INSECURE },
  { "http://127.0.0.1:8080/form", TRUE, KP_WEB_VERDICT_ALLOWED },
  { "http://[::1]:8080/", TRUE, KP_WEB_VERDICT_ALLOWED },
  { "data:text/html,<h1>hi</h1>", TRUE, KP_WEB_VERDICT_REFUSED_SCHEME },
  { "blob:https://forms.example.nl/1b9d6bcd", TRUE, KP_WEB_VERDICT_REFUSED_SCHEME },
  { "file:///etc/passwd", TRUE, KP_WEB_VERDICT_REFUSED_SCHEME },
  { "javascript:alert(1)", TRUE, KP_WEB_VERDICT_REFUSED_SCHEME },
  { "JavaScript:alert(1)", TRUE, KP_WEB_VERDICT_REFUSED_SCHEME },
  { "about:srcdoc", TRUE, KP_WEB_VERDICT_REFUSED_SCHEME },
  { "about:config", TRUE, KP_WEB_VERDICT_REFUSED_SCHEME },
  { "ftp://forms.example.nl/", TRUE, KP_WEB_VERDICT_REFUSED_SCHEME },
  { "webkit-pdfjs-viewer://pdfjs/web/viewer.html", TRUE, KP_WEB_VERDICT_REFUSED_SCHEME },
  { "ws://127.0.0.1/", TRUE, KP_WEB_VERDICT_REFUSED_SCHEME },
};

static void
test_check (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (check_cases); i++)
    {
      g_autoptr (KpWebAllowList) list = kp_web_allow_list_new (hosts, check_cases[i].loopback_http);

      g_test_message ("%s", check_cases[i].uri);
      g_assert_cmpint (kp_web_allow_list_check (list, check_cases[i].uri), ==,
                       check_cases[i].expected);
    }
}

static void
test_empty_list_allows_nothing (void)
{
  g_autoptr (KpWebAllowList) list = kp_web_allow_list_new (NULL, TRUE);

  g_assert_cmpint (kp_web_allow_list_check (list, "https://digid.nl/"), ==,
                   KP_WEB_VERDICT_REFUSED_HOST);
  g_assert_true (kp_web_verdict_is_allowed (kp_web_allow_list_check (list, "about:blank")));
}

/*
 * WebKit applies the rules in order: "block" marks a load, a later
 * "ignore-previous-rules" lifts every earlier mark. The patterns are the
 * regular expressions GRegex knows too.
 */
static gboolean
rules_block (JsonArray *rules, const char *uri, const char *resource_type)
{
  gboolean blocked = FALSE;

  for (guint i = 0; i < json_array_get_length (rules); i++)
    {
      JsonObject *rule = json_array_get_object_element (rules, i);
      JsonObject *trigger = json_object_get_object_member (rule, "trigger");
      const char *filter = json_object_get_string_member (trigger, "url-filter");
      const char *action
          = json_object_get_string_member (json_object_get_object_member (rule, "action"), "type");
      JsonArray *types = json_object_has_member (trigger, "resource-type")
                             ? json_object_get_array_member (trigger, "resource-type")
                             : NULL;
      gboolean type_matches = types == NULL;

      for (guint t = 0; types != NULL && t < json_array_get_length (types); t++)
        type_matches |= g_str_equal (json_array_get_string_element (types, t), resource_type);
      if (!type_matches || !g_regex_match_simple (filter, uri, G_REGEX_CASELESS, 0))
        continue;
      blocked = g_str_equal (action, "block");
    }
  return blocked;
}

static const struct
{
  const char *uri;
  const char *resource_type;
  gboolean blocked;
} rule_cases[] = {
  { "https://forms.example.nl/static/app.js", "script", FALSE },
  { "https://forms.example.nl:8443/api", "fetch", FALSE },
  { "https://digid.nl/", "document", FALSE },
  { "http://127.0.0.1:4000/style.css", "style-sheet", FALSE },
  { "http://[::1]:4000/x.png", "image", FALSE },
  { "data:image/png;base64,iVBORw0KGgo=", "image", FALSE },
  { "data:text/html,<script>alert(1)</script>", "document", TRUE },
  { "https://tracker.example/pixel.gif", "image", TRUE },
  { "https://forms.example.nl.elsewhere.example/x.js", "script", TRUE },
  { "https://forms-example.nl/x.js", "script", TRUE },
  { "http://forms.example.nl/x.js", "script", TRUE },
  { "http://127.0.0.2:4000/frame.html", "document", TRUE },
  { "http://localhost:4000/frame.html", "document", TRUE },
  { "blob:https://forms.example.nl/1b9d6bcd", "media", TRUE },
  { "https://tracker.example/collect", "fetch", TRUE },
  { "wss://tracker.example/live", "websocket", TRUE },
  { "https://tracker.example/beacon", "ping", TRUE },
  { "https://tracker.example/report", "other", TRUE },
  { "https://tracker.example/", "svg-document", TRUE },
  /* Left to the view, which refuses it with a notice the resident can read. */
  { "https://elsewhere.example/", "popup", FALSE },
};

static void
test_content_rules (void)
{
  g_autoptr (KpWebAllowList) list = kp_web_allow_list_new (hosts, TRUE);
  g_autofree char *json = kp_web_allow_list_dup_content_rules (list);
  g_autoptr (JsonNode) root = kp_test_parse_json (json);
  JsonArray *rules = json_node_get_array (root);

  for (gsize i = 0; i < G_N_ELEMENTS (rule_cases); i++)
    {
      g_test_message ("%s", rule_cases[i].uri);
      g_assert_cmpint (rules_block (rules, rule_cases[i].uri, rule_cases[i].resource_type), ==,
                       rule_cases[i].blocked);
    }
}

/* Without the test switch, no rule lets plain http through, not even to loopback. */
static void
test_content_rules_https_only (void)
{
  g_autoptr (KpWebAllowList) list = kp_web_allow_list_new (hosts, FALSE);
  g_autofree char *json = kp_web_allow_list_dup_content_rules (list);
  g_autoptr (JsonNode) root = kp_test_parse_json (json);

  g_assert_true (rules_block (json_node_get_array (root), "http://127.0.0.1:4000/", "document"));
  g_assert_false (rules_block (json_node_get_array (root), "https://127.0.0.1:4000/", "document"));
}

static void
test_valid_host (void)
{
  const char *valid[] = { "digid.nl", "forms.example-town.nl", "127.0.0.1", "::1", "localhost" };
  const char *invalid[]
      = { "",          "https://digid.nl", "digid.nl/",  "digid..nl",   ".digid.nl",
          "-digid.nl", "digid nl",         "*.digid.nl", "digid.nl:443" };

  for (gsize i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (kp_web_allow_list_is_valid_host (valid[i]));
  for (gsize i = 0; i < G_N_ELEMENTS (invalid); i++)
    g_assert_false (kp_web_allow_list_is_valid_host (invalid[i]));
}

/* Paths and queries carry tokens (SAMLart, session ids): only the host may be logged. */
static void
test_loggable (void)
{
  const struct
  {
    const char *uri;
    const char *loggable;
  } cases[] = {
    { "https://Forms.example.nl/digid/acs/?SAMLart=AAQAAFS2", "forms.example.nl" },
    { "https://user:secret@digid.nl/x", "digid.nl" },
    { "data:text/html,secret", "-" },
    { "javascript:alert(document.cookie)", "-" },
    { NULL, "-" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *loggable = kp_web_allow_list_dup_loggable (cases[i].uri);

      g_assert_cmpstr (loggable, ==, cases[i].loggable);
    }
}

int
main (int argc, char **argv)
{
  g_autofree char *home = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);
  home = kp_test_init_home ();

  g_test_add_func ("/web-allow-list/check", test_check);
  g_test_add_func ("/web-allow-list/empty", test_empty_list_allows_nothing);
  g_test_add_func ("/web-allow-list/content-rules", test_content_rules);
  g_test_add_func ("/web-allow-list/content-rules-https-only", test_content_rules_https_only);
  g_test_add_func ("/web-allow-list/valid-host", test_valid_host);
  g_test_add_func ("/web-allow-list/loggable", test_loggable);

  result = g_test_run ();
  kp_test_remove_tree (home);
  return result;
}
