/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gio/gio.h>

#include "kp-store.h"

G_BEGIN_DECLS

/*
 * How the kiosk learns a case's status now from a case system whose
 * secrets only kernpunt-syncd may read (ARCHITECTURE.md): the status
 * screen writes a request into the shared database (status_requests), and
 * kernpunt-syncd, which polls for requests, asks the case system and
 * keeps the answer, or why there is none, in case_status. The kiosk then
 * reads case_status. kernpunt-syncd also refreshes the rows of recent
 * deliveries now and then, so the last known status is seldom old.
 *
 * Only the case system's own word and text are kept, never personal data.
 */

/* Why the last check failed, as kept in case_status.last_error_class. */
#define KP_CASE_STATUS_ERROR_UNREACHABLE "unreachable" /* network, timeout, 5xx, token refused */
#define KP_CASE_STATUS_ERROR_REFUSED     "refused"     /* the case system refused the question */
#define KP_CASE_STATUS_ERROR_RESTING     "resting" /* the circuit breaker keeps it from being asked */

/* A delivered submission as its case system knows it. */
typedef struct
{
  char *reference;
  char *backend; /* "zgw", "signalen" or "klantinteracties" */
  char *key;     /* the zaak's identificatie, the signal's or the internetaak's uuid */
  /*
   * (nullable) the case system's number that people read: the zaak's
   * identificatie, the signal's "SIA-123", the klantcontact's nummer.
   */
  char *number;
} KpRemoteCase;

void kp_remote_case_free (KpRemoteCase *remote_case);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KpRemoteCase, kp_remote_case_free)

/* What is known of a case's status in its case system. */
typedef struct
{
  char *backend;
  char *status;      /* (nullable) the case system's word: "Afgehandeld", "OPEN", "verwerkt" */
  char *status_text; /* (nullable) its own text for the resident (ZGW statustekst) */
  gint64 checked_at; /* microseconds since the epoch of the last answer; 0 for never */
  char *error_class; /* (nullable) KP_CASE_STATUS_ERROR_* of the last failed check */
  gint64 error_at;   /* when that check failed; 0 for never */
} KpCaseStatus;

void kp_case_status_free (KpCaseStatus *status);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KpCaseStatus, kp_case_status_free)

#define KP_TYPE_STATUS_REQUESTS (kp_status_requests_get_type ())
G_DECLARE_FINAL_TYPE (KpStatusRequests, kp_status_requests, KP, STATUS_REQUESTS, GObject)

/* Every function blocks on the database: call them off the UI thread. (transfer full) */
KpStatusRequests *kp_status_requests_new (KpStore *store);

/*
 * The case system that has @reference, or NULL (with no error) when it is
 * not delivered to one: still in the outbox, or in the embedded register.
 * (transfer full)
 */
KpRemoteCase *
kp_status_requests_find_case (KpStatusRequests *self, const char *reference, GError **error);

/* The kiosk's side. */

/* Asks kernpunt-syncd for @reference's status now; @now in microseconds since the epoch. */
gboolean
kp_status_requests_ask (KpStatusRequests *self, const char *reference, gint64 now, GError **error);
/* What is known of @reference's status, or NULL (with no error) when nothing. (transfer full) */
KpCaseStatus *
kp_status_requests_lookup (KpStatusRequests *self, const char *reference, GError **error);
/*
 * Waits, checking every @interval, until kernpunt-syncd has answered a
 * request made at @asked_at (with a status or a failure) or @timeout has
 * passed, and returns what is known then (NULL with no error when
 * nothing). @answered tells whether the answer is from after @asked_at.
 * Cancelling gives G_IO_ERROR_CANCELLED. (transfer full)
 */
KpCaseStatus *kp_status_requests_wait (KpStatusRequests *self,
                                       const char *reference,
                                       gint64 asked_at,
                                       GTimeSpan timeout,
                                       GTimeSpan interval,
                                       gboolean *answered,
                                       GCancellable *cancellable,
                                       GError **error);

/* kernpunt-syncd's side. */

/*
 * At most @limit requests asked at or after @asked_since, oldest first,
 * as the cases they are about. Requests from before @asked_since, and
 * those about references no case system has, are dropped: nobody waits
 * for them any more. (element-type KpRemoteCase) (transfer full)
 */
GPtrArray *kp_status_requests_take_asked (KpStatusRequests *self,
                                          gint64 asked_since,
                                          guint limit,
                                          GError **error);
/*
 * At most @limit cases delivered at or after @delivered_since whose status
 * was last checked (or failed) before @checked_before, least recently
 * checked first. (element-type KpRemoteCase) (transfer full)
 */
GPtrArray *kp_status_requests_list_stale (KpStatusRequests *self,
                                          gint64 delivered_since,
                                          gint64 checked_before,
                                          guint limit,
                                          GError **error);
/* Keeps the case system's answer and closes the request for it. */
gboolean kp_status_requests_record_answer (KpStatusRequests *self,
                                           const KpRemoteCase *remote_case,
                                           const char *status,
                                           const char *status_text,
                                           gint64 now,
                                           GError **error);
/* Keeps why there is no answer (the last known status stays) and closes the request. */
gboolean kp_status_requests_record_failure (KpStatusRequests *self,
                                            const KpRemoteCase *remote_case,
                                            const char *error_class,
                                            gint64 now,
                                            GError **error);

G_END_DECLS
