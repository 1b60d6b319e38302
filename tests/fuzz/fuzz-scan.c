/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-fuzz.h"
#include "kp-reference.h"

#include <string.h>

#define DEFAULT_TEMPLATE "https://lindeveen.example/status/{reference}"

/*
 * What a barcode reader types from a slip's QR code. An input with a line
 * break carries its own URL template on the first line, so templates are
 * fuzzed too; the rest is what was scanned.
 */
int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = kp_fuzz_dup_string (data, size);
  g_autoptr (GError) error = NULL;
  g_autofree char *reference = NULL;
  const char *url_template = DEFAULT_TEMPLATE;
  char *scanned = text;
  char *newline = strchr (text, '\n');

  if (newline != NULL)
    {
      *newline = '\0';
      url_template = text;
      scanned = newline + 1;
    }
  reference = kp_reference_from_scan (scanned, url_template, &error);
  if (reference == NULL)
    g_assert_true (error != NULL && error->domain == KP_REFERENCE_ERROR);
  else
    g_assert_true (kp_reference_is_valid (reference));
  return 0;
}
