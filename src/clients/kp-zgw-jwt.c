/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-zgw-jwt.h"

#include <string.h>

/* Clocks of kiosk and server may differ a little; more than this is a wrong clock. */
#define CLOCK_SKEW_SECONDS 60

/* Written out: clang-format would put spaces into G_DEFINE_QUARK's name. */
GQuark
kp_zgw_jwt_error_quark (void)
{
  return g_quark_from_static_string ("kp-zgw-jwt-error-quark");
}

/* RFC 7515 base64url: "-" and "_" for "+" and "/", no "=" padding. (transfer full) */
static char *
base64url_encode (const guint8 *data, gsize length)
{
  char *text = g_base64_encode (data, length);

  for (char *c = text; *c != '\0'; c++)
    {
      if (*c == '+')
        *c = '-';
      else if (*c == '/')
        *c = '_';
      else if (*c == '=')
        {
          *c = '\0';
          break;
        }
    }
  return text;
}

/* NULL when @text is not base64url. (transfer full) */
static GBytes *
base64url_decode (const char *text, gsize length)
{
  g_autoptr (GString) padded = g_string_new_len (text, (gssize) length);
  guchar *data;
  gsize size;

  for (gsize i = 0; i < padded->len; i++)
    {
      char c = padded->str[i];

      if (c == '-')
        padded->str[i] = '+';
      else if (c == '_')
        padded->str[i] = '/';
      else if (!g_ascii_isalnum (c))
        return NULL;
    }
  if (padded->len % 4 == 1)
    return NULL;
  while (padded->len % 4 != 0)
    g_string_append_c (padded, '=');
  data = g_base64_decode (padded->str, &size);
  return g_bytes_new_take (data, size);
}

/* base64url (HMAC-SHA256 (@secret, @signing_input)) (transfer full) */
static char *
sign (const char *secret, const char *signing_input)
{
  g_autoptr (GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) secret, strlen (secret));
  guint8 digest[32];
  gsize digest_length = sizeof digest;

  g_hmac_update (hmac, (const guchar *) signing_input, (gssize) strlen (signing_input));
  g_hmac_get_digest (hmac, digest, &digest_length);
  return base64url_encode (digest, digest_length);
}

static char *
encode_json_part (JsonBuilder *builder)
{
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  g_autofree char *json = json_to_string (root, FALSE);

  return base64url_encode ((const guint8 *) json, strlen (json));
}

static void
add_string (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

/* (transfer full) */
char *
kp_zgw_jwt_encode (const KpZgwJwtIdentity *identity, const char *secret, gint64 issued_at)
{
  g_autoptr (JsonBuilder) header = json_builder_new ();
  g_autoptr (JsonBuilder) claims = json_builder_new ();
  g_autofree char *header_part = NULL;
  g_autofree char *claims_part = NULL;
  g_autofree char *signing_input = NULL;
  g_autofree char *signature = NULL;

  g_return_val_if_fail (identity != NULL && identity->client_id != NULL, NULL);
  g_return_val_if_fail (secret != NULL, NULL);

  json_builder_begin_object (header);
  add_string (header, "alg", "HS256");
  add_string (header, "typ", "JWT");
  json_builder_end_object (header);

  json_builder_begin_object (claims);
  add_string (claims, "iss", identity->client_id);
  json_builder_set_member_name (claims, "iat");
  json_builder_add_int_value (claims, issued_at);
  add_string (claims, "client_id", identity->client_id);
  add_string (claims, "user_id", identity->user_id);
  add_string (claims, "user_representation", identity->user_representation);
  json_builder_end_object (claims);

  header_part = encode_json_part (header);
  claims_part = encode_json_part (claims);
  signing_input = g_strconcat (header_part, ".", claims_part, NULL);
  signature = sign (secret, signing_input);
  return g_strconcat (signing_input, ".", signature, NULL);
}

/* The JSON object in one base64url part, or NULL. (transfer full) */
static JsonObject *
decode_json_part (const char *part, gsize length)
{
  g_autoptr (GBytes) bytes = base64url_decode (part, length);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (bytes == NULL
      || !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                      (gssize) g_bytes_get_size (bytes), NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_object_ref (json_node_get_object (root));
}

static gboolean
verify_signature (const char *token, const char *secret, GError **error)
{
  const char *last_dot = strrchr (token, '.');
  g_autofree char *signing_input = g_strndup (token, (gsize) (last_dot - token));
  g_autofree char *expected = sign (secret, signing_input);
  gsize length = strlen (expected);
  guint difference = strlen (last_dot + 1) != length;

  /* Compared in constant time, so timing tells nothing about the secret. */
  for (gsize i = 0; difference == 0 && i < length; i++)
    difference |= (guint) (expected[i] ^ last_dot[1 + i]);
  if (difference != 0)
    {
      g_set_error_literal (error, KP_ZGW_JWT_ERROR, KP_ZGW_JWT_ERROR_SIGNATURE,
                           "The token is not signed with this secret");
      return FALSE;
    }
  return TRUE;
}

/* (transfer full) */
JsonObject *
kp_zgw_jwt_verify (
    const char *token, const char *secret, gint64 now, gint64 max_age, GError **error)
{
  g_auto (GStrv) parts = NULL;
  g_autoptr (JsonObject) header = NULL;
  g_autoptr (JsonObject) claims = NULL;
  gint64 issued_at;

  g_return_val_if_fail (token != NULL && secret != NULL, NULL);

  parts = g_strsplit (token, ".", -1);
  if (g_strv_length (parts) == 3)
    {
      header = decode_json_part (parts[0], strlen (parts[0]));
      claims = decode_json_part (parts[1], strlen (parts[1]));
    }
  if (header == NULL || claims == NULL
      || json_object_get_int_member_with_default (claims, "iat", -1) < 0)
    {
      g_set_error_literal (error, KP_ZGW_JWT_ERROR, KP_ZGW_JWT_ERROR_MALFORMED,
                           "The token is not a JSON Web Token with an “iat” claim");
      return NULL;
    }
  if (g_strcmp0 (json_object_get_string_member_with_default (header, "alg", NULL), "HS256") != 0)
    {
      /* "none" and the asymmetric algorithms are not what we agreed: refuse them all. */
      g_set_error_literal (error, KP_ZGW_JWT_ERROR, KP_ZGW_JWT_ERROR_SIGNATURE,
                           "The token is not signed with HS256");
      return NULL;
    }
  if (!verify_signature (token, secret, error))
    return NULL;
  issued_at = json_object_get_int_member (claims, "iat");
  if (issued_at > now + CLOCK_SKEW_SECONDS || now - issued_at > max_age)
    {
      g_set_error (error, KP_ZGW_JWT_ERROR, KP_ZGW_JWT_ERROR_EXPIRED,
                   "The token was issued at %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
                   " seconds from now",
                   issued_at, issued_at - now);
      return NULL;
    }
  return g_steal_pointer (&claims);
}
