/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "kp-config.h"

G_BEGIN_DECLS

/*
 * Reads the municipality's e-forms from Open Formulieren: GET
 * {url}api/v2/forms with "Authorization: Token …". Each form becomes a
 * KpEForm that opens at {url}{slug}/; a form that is not active, in
 * maintenance, not accepting submissions or at its submission limit is
 * kept but hidden, with the reason; "loginRequired" means it needs DigiD.
 * Messages name the request and the HTTP status, never the token.
 */
#define KP_OPEN_FORMS_CLIENT_ERROR (kp_open_forms_client_error_quark ())

typedef enum
{
  KP_OPEN_FORMS_CLIENT_ERROR_UNREACHABLE, /* network, timeout, TLS or a 5xx: try again later */
  KP_OPEN_FORMS_CLIENT_ERROR_REFUSED,     /* 401/403: the token is wrong; an admin must act */
  KP_OPEN_FORMS_CLIENT_ERROR_BAD_ANSWER,  /* any other status, or not the list the API sends */
} KpOpenFormsClientError;

#define KP_TYPE_OPEN_FORMS_CLIENT (kp_open_forms_client_get_type ())
G_DECLARE_FINAL_TYPE (KpOpenFormsClient, kp_open_forms_client, KP, OPEN_FORMS_CLIENT, GObject)

GQuark kp_open_forms_client_error_quark (void);

/*
 * For [open-formulieren] of @config, which must have a url; @token is the
 * contents of its token-file. Fails on an unusable ca-file. (transfer full)
 */
KpOpenFormsClient *kp_open_forms_client_new (KpConfig *config, const char *token, GError **error);

/* Fetches the forms. Blocking: call it from a worker thread. (element-type KpEForm) (transfer full) */
GPtrArray *
kp_open_forms_client_fetch (KpOpenFormsClient *self, GCancellable *cancellable, GError **error);

/*
 * The forms in @root, a list as GET /api/v2/forms answers it, each to be
 * opened below @url. (element-type KpEForm) (transfer full)
 */
GPtrArray *kp_open_forms_client_parse_forms (const char *url, JsonNode *root, GError **error);

G_END_DECLS
