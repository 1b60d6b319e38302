/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Why an address may or may not be opened in the kiosk's web view. */
typedef enum
{
  KP_WEB_VERDICT_ALLOWED, /* https (or loopback http under the test switch) to a listed host */
  KP_WEB_VERDICT_BLANK,   /* about:blank: empty, harmless, allowed */
  KP_WEB_VERDICT_REFUSED_SCHEME,    /* data:, blob:, file:, javascript:, other about: pages, … */
  KP_WEB_VERDICT_REFUSED_INSECURE,  /* plain http to a listed host */
  KP_WEB_VERDICT_REFUSED_HOST,      /* a host that is not on the list */
  KP_WEB_VERDICT_REFUSED_MALFORMED, /* not an address, or one with a user name or password in it */
} KpWebVerdict;

/*
 * The one decision of which web addresses the kiosk's web view may open:
 * exact host names from [web-forms] allowed-hosts, https only. Plain http
 * is allowed only to loopback hosts (127.0.0.1, localhost, ::1) that are
 * on the list, and only when the test switch allows it. No GTK, no
 * WebKit: the web view asks this for every navigation and gets the same
 * rules as a WebKit content-blocker list for every subresource.
 */
#define KP_TYPE_WEB_ALLOW_LIST (kp_web_allow_list_get_type ())
G_DECLARE_FINAL_TYPE (KpWebAllowList, kp_web_allow_list, KP, WEB_ALLOW_LIST, GObject)

/* @hosts: exact host names, NULL-terminated; none allows nothing. (transfer full) */
KpWebAllowList *kp_web_allow_list_new (const char *const *hosts, gboolean allow_loopback_http);

KpWebVerdict kp_web_allow_list_check (KpWebAllowList *self, const char *uri);
/*
 * The same rules as a WebKit content-blocker list (JSON): everything is
 * blocked except what comes from a listed host over an allowed scheme, and
 * images and fonts inlined as data: addresses. (transfer full)
 */
char *kp_web_allow_list_dup_content_rules (KpWebAllowList *self);

gboolean kp_web_verdict_is_allowed (KpWebVerdict verdict);
/* Whether @host is a host name or IP address as [web-forms] allowed-hosts expects. */
gboolean kp_web_allow_list_is_valid_host (const char *host);
/*
 * What may be logged of @uri: its host, never a path or query (they carry
 * tokens); "-" when it has none. (transfer full)
 */
char *kp_web_allow_list_dup_loggable (const char *uri);

G_END_DECLS
