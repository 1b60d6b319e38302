/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * `kernpunt-ctl forms list [--json]`: the e-forms the kiosk offers, from
 * the configuration and from Open Formulieren as kernpunt-syncd last
 * refreshed them, with the hidden ones and why, and when the refresh last
 * worked or what went wrong since. main.c hands @argv over whole when
 * ctl_forms_is_command () says its first word is "forms".
 */
gboolean ctl_forms_is_command (int argc, char **argv);
/* Runs the command and returns the exit status (see ctl-guide.h). */
int ctl_forms_main (int argc, char **argv);

G_END_DECLS
