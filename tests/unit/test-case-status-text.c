/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-case-status-text.h"
#include "kp-test-helpers.h"

/*
 * A case system's status word becomes one B1 sentence in the session's
 * language: the municipality's [case-status] text first, then ours, then
 * a general sentence, never the case worker's word alone.
 */

#define CONFIG                                                                                     \
  "[storage]\ndata-dir=/tmp/kernpunt-case-status-text\n"                                           \
  "[case-status]\n"                                                                                \
  "Afgehandeld=Your case is finished.\n"                                                           \
  "Afgehandeld[nl]=Uw zaak is klaar.\n"                                                            \
  "Advies gevraagd=We asked for advice.\n"                                                         \
  "o=Done, thank you!\n"

static const struct
{
  const char *language;
  const char *status;
  const char *expected;
  gboolean known;
} cases[] = {
  /* The municipality's own texts, per language, before our built-in ones. */
  { "en", "Afgehandeld", "Your case is finished.", TRUE },
  { "nl", "Afgehandeld", "Uw zaak is klaar.", TRUE },
  { "en", "o", "Done, thank you!", TRUE },
  /* No Dutch given: the text there is, rather than none. */
  { "nl", "Advies gevraagd", "We asked for advice.", TRUE },
  /* Built in: Signalen's states and Klantinteracties' statuses. */
  { "en", "OPEN", "The municipality is working on it.", TRUE },
  { "nl", "OPEN", "De gemeente is ermee bezig.", TRUE },
  { "nl", "CLOSED", "De gemeente is ermee klaar.", TRUE },
  { "en", "m", "The municipality has received it.", TRUE },
  { "en", "reaction requested", "The municipality has a question for you. Look in your e-mail.",
    TRUE },
  { "en", "te_verwerken", "Someone from the municipality will call you back.", TRUE },
  { "en", "verwerkt", "The municipality has handled your question.", TRUE },
  { "en", "received", "The municipality has received it.", TRUE },
  /* A word nobody gave a text for: the general sentence, never the word. */
  { "en", "Wacht op externe partij", "The municipality is handling it.", FALSE },
  /* Words are the case system's, exactly: another case is another word. */
  { "en", "afgehandeld", "The municipality is handling it.", FALSE },
};

static void
test_texts (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpConfig) config = kp_config_new_from_data (CONFIG, &error);

  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = NULL;
      gboolean known = !cases[i].known;

      kp_test_set_language (cases[i].language);
      text = kp_case_status_text_dup (config, cases[i].status, &known);
      g_test_message ("%s %s", cases[i].language, cases[i].status);
      g_assert_cmpstr (text, ==, cases[i].expected);
      g_assert_cmpint (known, ==, cases[i].known);
    }
  kp_test_set_language ("nl");
}

/* The demo configuration has no [case-status]: the built-in texts still work. */
static void
test_defaults (void)
{
  g_autoptr (KpConfig) config = kp_config_new_default ();
  g_autofree char *text = NULL;

  kp_test_set_language ("en");
  text = kp_case_status_text_dup (config, "CLOSED", NULL);
  g_assert_cmpstr (text, ==, "The municipality has finished it.");
  g_assert_cmpuint (kp_config_get_status_refresh_days (config), ==, 14);
  kp_test_set_language ("nl");
}

static const struct
{
  const char *config;
  int code;
  const char *message;
} bad_configs[] = {
  { "[case-status]\nAfgehandeld[fr]=Votre dossier est clos.\n", KP_CONFIG_ERROR_INVALID_VALUE,
    "[case-status] Afgehandeld[fr]" },
  { "[case-status]\nAfgehandeld=\n", KP_CONFIG_ERROR_INVALID_VALUE, "[case-status] Afgehandeld" },
  { "[case-status]\nAfgehandeld[nl]=  \n", KP_CONFIG_ERROR_INVALID_VALUE,
    "[case-status] Afgehandeld[nl]" },
  { "[status-refresh]\ndays=often\n", KP_CONFIG_ERROR_INVALID_VALUE, "[status-refresh] days" },
  { "[status-refresh]\ndays=400\n", KP_CONFIG_ERROR_INVALID_VALUE, "[status-refresh] days" },
  { "[status-refresh]\nhours=3\n", KP_CONFIG_ERROR_UNKNOWN_KEY, "[status-refresh] hours" },
};

/* A mistake in the file names its group and key, as every other configuration error does. */
static void
test_bad_config (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (bad_configs); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *data
          = g_strconcat ("[storage]\ndata-dir=/tmp/kernpunt\n", bad_configs[i].config, NULL);
      g_autoptr (KpConfig) config = kp_config_new_from_data (data, &error);

      g_test_message ("%s", bad_configs[i].config);
      g_assert_null (config);
      g_assert_error (error, KP_CONFIG_ERROR, bad_configs[i].code);
      kp_test_assert_contains (error->message, bad_configs[i].message);
    }
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();

  g_test_init (&argc, &argv, NULL);
  kp_test_set_language ("nl");

  g_test_add_func ("/case-status-text/texts", test_texts);
  g_test_add_func ("/case-status-text/defaults", test_defaults);
  g_test_add_func ("/case-status-text/bad-config", test_bad_config);

  return g_test_run ();
}
