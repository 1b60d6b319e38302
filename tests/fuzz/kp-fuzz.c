/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-fuzz.h"

/* (transfer full) */
char *
kp_fuzz_dup_string (const uint8_t *data, size_t size)
{
  return g_strndup ((const char *) data, size);
}
