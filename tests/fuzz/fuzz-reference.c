/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-fuzz.h"
#include "kp-reference.h"

/*
 * What a resident types as a reference. Whatever comes in, the answer is
 * a valid reference that normalises to itself, or an error of our domain.
 */
int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *typed = kp_fuzz_dup_string (data, size);
  g_autoptr (GError) error = NULL;
  g_autofree char *reference = kp_reference_normalize (typed, &error);
  g_autofree char *again = NULL;

  if (reference == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == KP_REFERENCE_ERROR);
      return 0;
    }
  g_assert_true (kp_reference_is_valid (reference));
  again = kp_reference_normalize (reference, NULL);
  g_assert_cmpstr (again, ==, reference);
  return 0;
}
