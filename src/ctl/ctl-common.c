/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "ctl-common.h"

#include "ctl-guide.h"

#include <glib/gi18n.h>
#include <stdio.h>

gboolean
ctl_first_word_is (int argc, char **argv, const char *word)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--config") || g_str_equal (argv[i], "-c"))
        i++;
      else if (argv[i][0] != '-')
        return g_str_equal (argv[i], word);
    }
  return FALSE;
}

/* (transfer full) */
KpStore *
ctl_open_store (const char *config_path, KpConfig **config, GError **error)
{
  g_autoptr (KpConfig) loaded = kp_config_load (config_path, error);
  g_autofree char *path = NULL;
  KpStore *store;

  if (loaded == NULL)
    return NULL;
  path = kp_config_dup_database_path (loaded);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   _ ("There is no database at “%s” yet. Start the kiosk once to make it."), path);
      return NULL;
    }
  store = kp_store_open (path, error);
  if (store != NULL)
    *config = g_steal_pointer (&loaded);
  return store;
}

int
ctl_usage (GError **error, const char *message)
{
  g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, message);
  return EXIT_USAGE;
}

int
ctl_parse_day (const char *flag, const char *text, GDate *date, GError **error)
{
  unsigned year;
  unsigned month;
  unsigned day;
  int length = 0;

  if (sscanf (text, "%4u-%2u-%2u%n", &year, &month, &day, &length) != 3 || length != 10
      || text[10] != '\0'
      || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("--%s: expected a day like 2026-12-01, got “%s”"), flag, text);
      return EXIT_USAGE;
    }
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return EXIT_OK;
}

void
ctl_print_json (JsonNode *root)
{
  g_autofree char *text = json_to_string (root, TRUE);

  /* JSON is UTF-8 whatever the locale, so it bypasses g_print's conversion. */
  fputs (text, stdout);
  fputc ('\n', stdout);
}

int
ctl_report (GOptionContext *context, int status, const GError *error)
{
  g_autofree char *help = NULL;

  if (error == NULL)
    return status;
  /* Help for a command line that is wrong as such, not for a wrong value (a weak PIN). */
  if (status == EXIT_USAGE && error->domain == G_OPTION_ERROR)
    help = g_option_context_get_help (context, TRUE, NULL);
  g_printerr ("kernpunt-ctl: %s\n%s%s", error->message, help != NULL ? "\n" : "",
              help != NULL ? help : "");
  return status;
}
