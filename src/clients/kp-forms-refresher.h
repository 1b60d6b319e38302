/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gio/gio.h>

#include "kp-config.h"

G_BEGIN_DECLS

/*
 * kernpunt-syncd's part of the e-forms: fetches the forms from Open
 * Formulieren and stores them for the kiosk (see KpEFormCatalogue), at
 * start and every [open-formulieren] refresh-minutes. When Open
 * Formulieren is down or refuses the token, the last list stays and the
 * failure is stored for kernpunt-ctl. The token is read here only: the
 * kiosk never holds it.
 */
#define KP_TYPE_FORMS_REFRESHER (kp_forms_refresher_get_type ())
G_DECLARE_FINAL_TYPE (KpFormsRefresher, kp_forms_refresher, KP, FORMS_REFRESHER, GObject)

/*
 * For a @config with [open-formulieren] url: reads its token-file and
 * opens a database connection of its own, so refreshing never shares a
 * transaction with delivering. (transfer full)
 */
KpFormsRefresher *kp_forms_refresher_new (KpConfig *config, GError **error);

/* Fetches and stores once, blocking; a failure is stored as well as returned. */
gboolean
kp_forms_refresher_refresh (KpFormsRefresher *self, GCancellable *cancellable, GError **error);

/*
 * Refreshes in a worker thread now and then every refresh-minutes, until
 * @cancellable is cancelled or the refresher is freed.
 */
void kp_forms_refresher_start (KpFormsRefresher *self, GCancellable *cancellable);

G_END_DECLS
