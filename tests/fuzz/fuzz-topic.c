/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-fuzz.h"
#include "kp-guide-private.h"

/*
 * A guidance topic file as an editor might write it (ui/guide/README.md).
 * Any input is a topic or an error of the guide's domain, never a crash.
 */
int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (KpGuideTopic) topic = NULL;
  guint line = 0;

  topic = kp_guide_topic_parse (bytes, "nl", &line, &error);
  if (topic == NULL)
    g_assert_true (error != NULL && error->domain == KP_GUIDE_ERROR);
  else
    g_free (kp_guide_topic_dup_text (topic));
  return 0;
}
