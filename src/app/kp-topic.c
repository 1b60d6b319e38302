/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-topic.h"

#include <glib/gi18n.h>

static const KpTopic topics[] = {
  { "information", "kp-topic-information", N_ ("Find information"),
    N_ ("Here you will find answers to common questions. For example about waste, passports or "
        "benefits.") },
  { "appointment", "kp-topic-appointment", N_ ("Make an appointment"),
    N_ ("Here you will make an appointment at the town hall. For example for a passport or a "
        "driving licence.") },
  { "report-outside", "kp-topic-report-outside", N_ ("Report a problem outside"),
    N_ ("Here you will report a problem in the street. For example a broken street light or "
        "rubbish.") },
  { "found-lost", "kp-topic-found-lost", N_ ("Found or lost something"),
    N_ ("Here you will report something you found or lost.") },
  { "digid-form", "kp-topic-digid-form", N_ ("Form with DigiD"),
    N_ ("Here you will fill in a form of the municipality. You log in with DigiD.") },
  { "callback", "kp-topic-callback", N_ ("Call me back"),
    N_ ("Here you will ask the municipality to call you back.") },
};

const KpTopic *
kp_topic_get_all (guint *n_topics)
{
  g_return_val_if_fail (n_topics != NULL, NULL);

  *n_topics = G_N_ELEMENTS (topics);
  return topics;
}

const KpTopic *
kp_topic_lookup (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (topics); i++)
    {
      if (g_str_equal (topics[i].id, id))
        return &topics[i];
    }
  return NULL;
}
