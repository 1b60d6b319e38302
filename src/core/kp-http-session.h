/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <libsoup/soup.h>

#include "kp-config.h"

G_BEGIN_DECLS

/*
 * The one place where a SoupSession to a remote system (ZGW, Signalen,
 * Klantinteracties, Qmatic) is made, so each gets the same network
 * settings: the timeout, the certificate authorities of [GROUP] ca-file or
 * [network] ca-file (else the system's), and [network] proxy. The
 * environment's proxy settings are never used, and TLS certificates are
 * always verified: there is no way to turn that off.
 */

/*
 * A session for the remote system of [@group] in @config (nullable: no
 * proxy, the system's certificate authorities) that gives up after
 * @timeout_seconds. Fails with KP_CONFIG_ERROR when the CA file cannot be
 * read. Make it before any worker thread sends on it, as libsoup
 * requires. (transfer full)
 */
SoupSession *
kp_http_session_new (KpConfig *config, const char *group, guint timeout_seconds, GError **error);

/*
 * What went wrong on the way to the server, for an admin: the timeout, a
 * certificate that is not trusted, or libsoup's own words. (transfer full)
 */
char *kp_http_session_describe_error (const GError *transport_error, guint timeout_seconds);

G_END_DECLS
