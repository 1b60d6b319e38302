/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * `kernpunt-ctl appointment products|locations|dates|times|book|cancel|show`
 * with --json: the appointment backend of the configuration (the embedded
 * agenda, or Qmatic) from a terminal, through the same core code as the
 * kiosk. `book` takes the fields the kiosk asks for and checks them the
 * same way: a wrong one gives exit status 2 and a message naming the flag.
 *
 * The appointment commands have a command line of their own: `submit`
 * already holds the flags --name, --email, --phone and --date on the
 * shared one, for its own fields. main.c hands @argv over whole when
 * ctl_appointment_is_command () says its first word is "appointment".
 */
gboolean ctl_appointment_is_command (int argc, char **argv);
/* Runs the command and returns the exit status (see ctl-guide.h). */
int ctl_appointment_main (int argc, char **argv);

G_END_DECLS
