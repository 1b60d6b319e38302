/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include "kp-config.h"
#include "kp-store.h"

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * What the commands with a command line of their own (volunteer, stats)
 * share: finding their first word, opening the kiosk's database without
 * ever making one, parsing a day, and printing.
 */

/* Whether the first word of @argv that is not an option (nor --config's value) is @word. */
gboolean ctl_first_word_is (int argc, char **argv, const char *word);

/*
 * Loads the configuration at @config_path (NULL: the default) and opens
 * its database; fails when there is none yet, so an admin running this as
 * another user never leaves a file the kiosk cannot write. (transfer full)
 */
KpStore *ctl_open_store (const char *config_path, KpConfig **config, GError **error);

/* "2026-12-01", strictly, into @date; EXIT_USAGE naming --@flag otherwise. */
int ctl_parse_day (const char *flag, const char *text, GDate *date, GError **error);
/* Sets @error to a wrong command line and returns EXIT_USAGE. */
int ctl_usage (GError **error, const char *message);

/* Prints @root as indented UTF-8 JSON, whatever the locale. */
void ctl_print_json (JsonNode *root);

/*
 * Prints @error (if any) after "kernpunt-ctl: ", with @context's help when
 * the command line as such is wrong (EXIT_USAGE with a GOptionError), and
 * returns @status.
 */
int ctl_report (GOptionContext *context, int status, const GError *error);

G_END_DECLS
