/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-case-status-text.h"

#include <glib/gi18n-lib.h>

/*
 * The words the case systems define themselves: Signalen's public states
 * and its states for case workers (signalen-openapi.yaml,
 * StatusStateChoices), the internetaak statuses of Klantinteracties, and
 * the omschrijvingen most ZGW zaaktypen use. Several share a sentence on
 * purpose: a resident needs to know where it is, not the case workers'
 * steps.
 */
static const struct
{
  const char *status;
  const char *text;
} built_in_texts[] = {
  { "OPEN", N_ ("The municipality is working on it.") },
  { "CLOSED", N_ ("The municipality has finished it.") },
  { "m", N_ ("The municipality has received it.") },
  { "i", N_ ("It is waiting for its turn at the municipality.") },
  { "b", N_ ("The municipality is working on it.") },
  { "h", N_ ("The work on it has stopped for a while.") },
  { "o", N_ ("The municipality has finished it.") },
  { "a", N_ ("The municipality has stopped working on it.") },
  { "s", N_ ("The municipality has split it into more than one case.") },
  { "reopened", N_ ("The municipality is working on it.") },
  { "closure requested", N_ ("The municipality is working on it.") },
  { "ingepland", N_ ("The work on it is planned.") },
  { "reopen requested", N_ ("The municipality is working on it.") },
  { "reaction requested", N_ ("The municipality has a question for you. Look in your e-mail.") },
  { "reaction received", N_ ("The municipality is working on it.") },
  { "forward to external", N_ ("Another organisation does the work for the municipality.") },
  { "ready to send", N_ ("Another organisation does the work for the municipality.") },
  { "sent", N_ ("Another organisation does the work for the municipality.") },
  { "send failed", N_ ("Another organisation does the work for the municipality.") },
  { "done external", N_ ("The municipality has finished it.") },
  { "te_verwerken", N_ ("Someone from the municipality will call you back.") },
  { "verwerkt", N_ ("The municipality has handled your question.") },
  /* A zaak that has no status yet, as kernpunt-syncd records it. */
  { "received", N_ ("The municipality has received it.") },
  { "Ontvangen", N_ ("The municipality has received it.") },
  { "In behandeling", N_ ("The municipality is working on it.") },
  { "Afgehandeld", N_ ("The municipality has finished it.") },
};

static const char *
find_built_in (const char *status)
{
  for (gsize i = 0; i < G_N_ELEMENTS (built_in_texts); i++)
    {
      if (g_str_equal (built_in_texts[i].status, status))
        return _ (built_in_texts[i].text);
    }
  return NULL;
}

/* (transfer full) */
char *
kp_case_status_text_dup (KpConfig *config, const char *status, gboolean *is_known)
{
  char *configured;
  const char *built_in;

  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);
  g_return_val_if_fail (status != NULL, NULL);

  if (is_known != NULL)
    *is_known = TRUE;
  configured = kp_config_dup_case_status_text (config, status);
  if (configured != NULL)
    return configured;
  built_in = find_built_in (status);
  if (built_in != NULL)
    return g_strdup (built_in);
  if (is_known != NULL)
    *is_known = FALSE;
  return g_strdup (_ ("The municipality is handling it."));
}
