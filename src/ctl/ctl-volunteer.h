/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * `kernpunt-ctl volunteer add NAME | remove NAME | list [--json]`: who may
 * open volunteer mode. `add` reads the PIN from standard input — asked
 * twice, without echo, on a terminal; one line with --pin-stdin, for
 * scripts — so it never shows in the process list or the shell's history.
 * `list` shows names and when they were added, never a PIN or its hash.
 * main.c hands @argv over whole when ctl_volunteer_is_command () says its
 * first word is "volunteer".
 */
gboolean ctl_volunteer_is_command (int argc, char **argv);
/* Runs the command and returns the exit status (see ctl-guide.h). */
int ctl_volunteer_main (int argc, char **argv);

G_END_DECLS
