/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib-object.h>

#include "kp-attachment.h"
#include "kp-backend.h"
#include "kp-config.h"
#include "kp-store.h"

G_BEGIN_DECLS

/* What Signalen takes as a photo (signalen-openapi.yaml, attachments). */
#define KP_SIGNALEN_MAX_PHOTO_BYTES (20 * 1024 * 1024)

/*
 * A KpBackend that sends reports about public space (kind "report") to
 * Signalen: POST /signals/v1/public/signals/ with the description, the
 * place (WGS 84, refused before sending when outside [signalen]
 * bounding-box), the sub-category URL, the resident's e-mail and phone
 * when they agreed to be kept informed, and the date; then each photo as
 * its own attachment POST.
 *
 * Exactly once, as far as the public API allows: the signal's uuid is
 * stored (delivery_steps "signal") the moment the server answers, and a
 * retry that finds it sends only the attachments not yet marked sent. The
 * public endpoint has no idempotency key and no lookup by our reference,
 * so one window remains: a crash after the server created the signal and
 * before the uuid is stored gives a second signal on the retry. Our
 * reference is in text_extra, so a case worker can spot and merge it.
 *
 * remote_id is the signal's uuid, remote_status its public state ("OPEN").
 */
#define KP_TYPE_SIGNALEN_BACKEND (kp_signalen_backend_get_type ())
G_DECLARE_FINAL_TYPE (KpSignalenBackend, kp_signalen_backend, KP, SIGNALEN_BACKEND, GObject)

/*
 * Reads [signalen] from @config; @token (nullable) is sent as a bearer
 * token where a municipality's gateway asks for one. Fails with
 * KP_BACKEND_ERROR_PERMANENT for an address that is not http(s).
 * (transfer full)
 */
KpSignalenBackend *
kp_signalen_backend_new (KpStore *store, KpConfig *config, const char *token, GError **error);

/*
 * The state of signal @uuid now (GET /signals/v1/public/signals/{uuid}),
 * e.g. "OPEN" or "CLOSED", for the status screen. Blocks: call it from a
 * worker thread. (transfer full)
 */
char *kp_signalen_backend_fetch_state (KpSignalenBackend *self,
                                       const char *uuid,
                                       GCancellable *cancellable,
                                       GError **error);

/*
 * Whether @photo is what Signalen takes: PNG, JPEG or GIF by its bytes
 * (not only its name), at most KP_SIGNALEN_MAX_PHOTO_BYTES, unchanged
 * since it was taken. KP_BACKEND_ERROR_PERMANENT otherwise.
 */
gboolean kp_signalen_backend_check_photo (const KpAttachment *photo, GError **error);

G_END_DECLS
