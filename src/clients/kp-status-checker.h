/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gio/gio.h>

#include "kp-backend.h"
#include "kp-circuit-breaker.h"
#include "kp-config.h"
#include "kp-store.h"

G_BEGIN_DECLS

/*
 * kernpunt-syncd's side of the status screen (kp-status-requests.h): it
 * answers the kiosk's requests, asking each case where it went (the
 * zaak's status and its statustype in ZGW, the signal's state in Signalen,
 * the internetaak's status in Klantinteracties), and now and then
 * refreshes the cases delivered in the last [status-refresh] days, a few
 * at a time. Each backend is asked only while its circuit breaker allows,
 * and every answer feeds that breaker, so a case system that is down is
 * not flooded with status questions either.
 */
#define KP_TYPE_STATUS_CHECKER (kp_status_checker_get_type ())
G_DECLARE_FINAL_TYPE (KpStatusChecker, kp_status_checker, KP, STATUS_CHECKER, GObject)

/* A kiosk waits about 10 seconds; a request older than this has nobody waiting for it. */
#define KP_STATUS_CHECKER_REQUEST_MAX_AGE (30 * G_TIME_SPAN_SECOND)
/* Requests answered, and cases refreshed, in one round at most. */
#define KP_STATUS_CHECKER_MAX_REQUESTS  10
#define KP_STATUS_CHECKER_REFRESH_BATCH 5
/* A case whose status is younger than this is not refreshed. */
#define KP_STATUS_CHECKER_REFRESH_AGE (G_TIME_SPAN_HOUR)

/*
 * @store should be a connection of its own, so checking never waits for a
 * delivery's transaction. Reads [zgw] rsin and [status-refresh] from
 * @config. (transfer full)
 */
KpStatusChecker *kp_status_checker_new (KpStore *store, KpConfig *config);
/*
 * Asks @backend ("zgw", "signalen" or "klantinteracties" by its name)
 * for the statuses of its cases, while @breaker (transfer none, kept)
 * allows. Backends of other names are left out.
 */
void kp_status_checker_add_backend (KpStatusChecker *self,
                                    KpBackend *backend,
                                    KpCircuitBreaker *breaker);

/*
 * One round at @now: answers the waiting requests, then, when @refresh,
 * refreshes a batch of stale cases. Blocks on the network and the
 * database; sets @n_checked (optional) to how many cases it asked about.
 * Fails only when the database does.
 */
gboolean kp_status_checker_run (KpStatusChecker *self,
                                gint64 now,
                                gboolean refresh,
                                guint *n_checked,
                                GCancellable *cancellable,
                                GError **error);
/* The same in a worker thread. */
void kp_status_checker_run_async (KpStatusChecker *self,
                                  gint64 now,
                                  gboolean refresh,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data);
gboolean kp_status_checker_run_finish (KpStatusChecker *self,
                                       GAsyncResult *result,
                                       guint *n_checked,
                                       GError **error);

/*
 * Runs a round every second, as long as @cancellable is not cancelled:
 * when nobody asks, that is one cheap query. One round in a minute also
 * refreshes a batch of stale cases. A round that takes longer delays the
 * next; they never overlap.
 */
void kp_status_checker_start (KpStatusChecker *self, GCancellable *cancellable);

G_END_DECLS
