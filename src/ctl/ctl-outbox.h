/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib.h>

#include "kp-config.h"
#include "kp-outbox.h"

G_BEGIN_DECLS

/*
 * `kernpunt-ctl outbox`: per delivery route ([delivery] in the
 * configuration: embedded, zgw, …) how many submissions wait, how long
 * the oldest has waited, how many were refused and the last error, so an
 * admin sees at once which case system is behind. Returns an exit status.
 */
int ctl_outbox_summary (KpConfig *config, KpOutbox *outbox, gboolean json, GError **error);
/*
 * `kernpunt-ctl outbox retry REF`: a waiting or refused submission is due
 * again now; kernpunt-syncd takes it at its next pass.
 */
int ctl_outbox_retry (KpOutbox *outbox, gboolean json, const char *reference, GError **error);

/* How long something has waited, as a volunteer says it: "2 h 5 min". (transfer full) */
char *ctl_format_age (gint64 seconds);

G_END_DECLS
