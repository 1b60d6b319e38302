/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * The JSON Web Token that the VNG ZGW APIs take as "Authorization: Bearer":
 * HS256 over the client's shared secret, with the claims iss, iat,
 * client_id, user_id and user_representation. Servers refuse tokens older
 * than about an hour, so callers make a fresh one for every request.
 */

#define KP_ZGW_JWT_ERROR (kp_zgw_jwt_error_quark ())

typedef enum
{
  KP_ZGW_JWT_ERROR_MALFORMED, /* not three base64url parts with JSON in them */
  KP_ZGW_JWT_ERROR_SIGNATURE, /* not signed with this secret, or not HS256 */
  KP_ZGW_JWT_ERROR_EXPIRED,   /* issued too long ago, or in the future */
} KpZgwJwtError;

/* Who signs: ZGW servers look the secret up by client_id. */
typedef struct
{
  const char *client_id;
  const char *user_id;
  const char *user_representation;
} KpZgwJwtIdentity;

GQuark kp_zgw_jwt_error_quark (void);

/* A token issued at @issued_at (seconds since the epoch). (transfer full) */
char *kp_zgw_jwt_encode (const KpZgwJwtIdentity *identity, const char *secret, gint64 issued_at);

/*
 * Checks that @token is HS256-signed with @secret and was issued no more
 * than @max_age seconds before @now (and not later than a minute after
 * it, for clocks that differ a little). Returns its claims. (transfer full)
 */
JsonObject *kp_zgw_jwt_verify (
    const char *token, const char *secret, gint64 now, gint64 max_age, GError **error);

G_END_DECLS
