/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib-object.h>
#include <libsoup/soup.h>

#include "kp-appointment-backend.h"
#include "kp-store.h"

G_BEGIN_DECLS

/*
 * A KpAppointmentBackend for Qmatic Orchestra's public calendar API, the
 * one Open Formulieren also speaks: GET v1/services, v1/services/{id}/branches,
 * v1/branches/{id}; GET v2/branches/{id}/dates;servicePublicId=… and
 * …/dates/{date}/times;servicePublicId=…; POST …/times/{hh:mm}/book;
 * GET and DELETE v1/appointments/{id}. Every request carries the API key in
 * the X-Api-Key header and gives up after the timeout.
 *
 * Times are in the branch's own time zone, which the branch tells us. The
 * resident's name and contact go to Qmatic only; the local record keeps the
 * reference, product, location, time and Qmatic's id.
 *
 * Errors: HTTP failures, timeouts and answers that are not what Qmatic
 * sends are UNAVAILABLE; 409 on booking is SLOT_TAKEN; 400 is INVALID; 404
 * is NOT_FOUND. Messages name the request and the HTTP status, never the
 * API key or anything the resident typed.
 */
#define KP_TYPE_QMATIC_BACKEND (kp_qmatic_backend_get_type ())
G_DECLARE_FINAL_TYPE (KpQmaticBackend, kp_qmatic_backend, KP, QMATIC_BACKEND, GObject)

/*
 * @base_url is the root of the public API, up to and including
 * ".../calendar-backend/public/api/" (a missing final "/" is added).
 * (transfer full)
 */
KpQmaticBackend *kp_qmatic_backend_new (KpStore *store,
                                        const char *base_url,
                                        const char *api_key,
                                        guint timeout_seconds,
                                        GError **error);

/*
 * Reads the API key from @path, refusing a file that others than its owner
 * may read or write, because the key opens the municipality's agenda.
 * Fails with a KP_CONFIG_ERROR. (transfer full)
 */
char *kp_qmatic_backend_read_api_key (const char *path, GError **error);
/*
 * Sends on @session from now on instead of a plain one: made with
 * kp_http_session_new() it knows the kiosk's CA file and proxy. Call it
 * before the first request.
 */
void kp_qmatic_backend_set_session (KpQmaticBackend *self, SoupSession *session);

G_END_DECLS
