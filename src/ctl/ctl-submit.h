/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib.h>

#include "kp-config.h"
#include "kp-local-register.h"
#include "kp-outbox.h"

G_BEGIN_DECLS

/*
 * `kernpunt-ctl submit report|found|lost|callback` and `kernpunt-ctl
 * status REF`. The submit flags are one option group that main.c adds to
 * its command line, so they can stand anywhere on it; each is checked by
 * the same core model the kiosk uses. A wrong value gives exit status 2
 * and a message naming the flag and what it expects, and nothing is stored.
 */

/* The "--help-submit" group of every submit flag. (transfer full) */
GOptionGroup *ctl_submit_get_option_group (void);
/* TRUE when the command line used a submit flag, for a command that takes none. */
gboolean ctl_submit_has_flags (void);

/*
 * Submits a @kind ("report", "found", "lost", "callback") from the flags
 * and prints its reference, or a JSON object with --json. Returns an exit
 * status; @error is set with EXIT_USAGE and EXIT_FAILED.
 */
int
ctl_submit (KpConfig *config, KpOutbox *outbox, gboolean json, const char *kind, GError **error);
/*
 * Prints the status and history of the submission @typed_reference, typed
 * or scanned from a slip's QR code.
 */
int ctl_submit_status (KpConfig *config,
                       KpOutbox *outbox,
                       KpLocalRegister *local_register,
                       gboolean json,
                       const char *typed_reference,
                       GError **error);

G_END_DECLS
