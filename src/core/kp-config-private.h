/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include "kp-config.h"

G_BEGIN_DECLS

/*
 * For core files that read key files of their own (the embedded agenda's),
 * so their errors read like the configuration's and opening hours are
 * written the same way everywhere.
 */

/* Sets KP_CONFIG_ERROR_INVALID_VALUE: "[group] key: expected …, got “…”". Returns FALSE. */
gboolean kp_config_set_invalid_value_error (
    GError **error, const char *group, const char *key, const char *expected, const char *found);
/*
 * Parses one day's hours as [opening-hours] takes them ("closed",
 * "09:00-17:00", "09:00-12:30, 13:30-17:00") into @ranges
 * (element-type KpTimeRange), replacing what was there.
 */
gboolean kp_config_parse_day_hours (
    GKeyFile *file, const char *group, const char *key, GArray *ranges, GError **error);

/*
 * Reads a secret (API key, client secret) from @path, refusing a file that
 * others than its owner may read or write. Errors name [@group] @key and
 * the path, never the contents. (transfer full)
 */
char *
kp_config_read_secret_file (const char *group, const char *key, const char *path, GError **error);

G_END_DECLS
