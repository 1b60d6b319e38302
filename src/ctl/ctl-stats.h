/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * `kernpunt-ctl stats --from DAY --to DAY [--json|--csv]`: the pilot's
 * anonymous counts per day and hour, exactly as KpEvents stores and shows
 * them (a search word only once searched in enough sessions).
 * `kernpunt-ctl stats --svg FILE`: today by hour and this week by day as
 * bar charts, for a report. main.c hands @argv over whole when
 * ctl_stats_is_command () says its first word is "stats".
 */
gboolean ctl_stats_is_command (int argc, char **argv);
/* Runs the command and returns the exit status (see ctl-guide.h). */
int ctl_stats_main (int argc, char **argv);

G_END_DECLS
