/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-config.h"
#include "kp-test-helpers.h"
#include "kp-zgw-jwt.h"

#define SECRET "geheim-van-de-gemeente"
#define IAT    1767225600 /* 2026-01-01T00:00:00Z, from the test's own clock */

static const KpZgwJwtIdentity identity = {
  .client_id = "kernpunt-lindeveen",
  .user_id = "kernpunt-lindeveen",
  .user_representation = "Kiosk Bibliotheek De Linde",
};

static void
test_token_verifies_and_carries_claims (void)
{
  g_autofree char *token = kp_zgw_jwt_encode (&identity, SECRET, IAT);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) claims = kp_zgw_jwt_verify (token, SECRET, IAT + 10, 3600, &error);

  g_assert_no_error (error);
  g_assert_nonnull (claims);
  g_assert_cmpstr (json_object_get_string_member (claims, "iss"), ==, "kernpunt-lindeveen");
  g_assert_cmpstr (json_object_get_string_member (claims, "client_id"), ==, "kernpunt-lindeveen");
  g_assert_cmpstr (json_object_get_string_member (claims, "user_id"), ==, "kernpunt-lindeveen");
  g_assert_cmpstr (json_object_get_string_member (claims, "user_representation"), ==,
                   "Kiosk Bibliotheek De Linde");
  g_assert_cmpint (json_object_get_int_member (claims, "iat"), ==, IAT);
  /* base64url without padding: three parts and none of "+/=". */
  g_assert_null (strpbrk (token, "+/="));
}

static void
test_tampered_token_refused (void)
{
  g_autofree char *token = kp_zgw_jwt_encode (&identity, SECRET, IAT);
  g_autofree char *other_claims = kp_zgw_jwt_encode (&identity, SECRET, IAT + 1);
  g_auto (GStrv) parts = g_strsplit (token, ".", 3);
  g_auto (GStrv) other = g_strsplit (other_claims, ".", 3);
  g_autofree char *swapped = g_strjoin (".", parts[0], other[1], parts[2], NULL);
  const struct
  {
    const char *token;
    const char *secret;
    gint64 now;
    int code;
  } cases[] = {
    { token, "een ander geheim", IAT, KP_ZGW_JWT_ERROR_SIGNATURE },
    { swapped, SECRET, IAT, KP_ZGW_JWT_ERROR_SIGNATURE },
    { "not.a-token", SECRET, IAT, KP_ZGW_JWT_ERROR_MALFORMED },
    { token, SECRET, IAT + 3601, KP_ZGW_JWT_ERROR_EXPIRED },
    { token, SECRET, IAT - 3600, KP_ZGW_JWT_ERROR_EXPIRED },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonObject) claims
          = kp_zgw_jwt_verify (cases[i].token, cases[i].secret, cases[i].now, 3600, &error);

      g_assert_null (claims);
      g_assert_error (error, KP_ZGW_JWT_ERROR, cases[i].code);
    }
}

static void
test_rsin_eleven_test (void)
{
  const struct
  {
    const char *rsin;
    gboolean valid;
  } cases[] = {
    { "002564440", TRUE },   { "123456782", TRUE },  { "111222333", TRUE },
    { "123456789", FALSE },  { "000000000", FALSE }, { "12345678", FALSE },
    { "1234567820", FALSE }, { "12345678a", FALSE }, { "", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (kp_config_is_valid_rsin (cases[i].rsin), ==, cases[i].valid);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = NULL;

  g_test_init (&argc, &argv, NULL);
  home = kp_test_init_home ();
  g_test_add_func ("/zgw-jwt/verifies-with-claims", test_token_verifies_and_carries_claims);
  g_test_add_func ("/zgw-jwt/tampered-refused", test_tampered_token_refused);
  g_test_add_func ("/zgw-jwt/rsin-eleven-test", test_rsin_eleven_test);
  return g_test_run ();
}
