/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gio/gio.h>

#include "kp-config.h"

G_BEGIN_DECLS

/*
 * What a resident submitted, as an A4 PDF for the case worker: the kind,
 * our reference, when it was sent in, where (the kiosk's location), and
 * every answer in the payload with its label, contact details included
 * when given. Drawn with the slip's layout (kp-slip.h) in the current
 * gettext language: Dutch in kernpunt-syncd, whose unit sets LANGUAGE=nl.
 * Made in memory when a delivery needs it and never written to disk: it
 * holds personal data.
 */

/*
 * @kind as in the outbox ("report", "found", …), @created_at in
 * microseconds since the epoch, @payload_json the outbox row's payload.
 * Fails with KP_SLIP_ERROR_RENDER, or a KP_QR_ERROR for a reference the
 * QR code cannot hold. (transfer full)
 */
GBytes *kp_submission_pdf_render (KpConfig *config,
                                  const char *kind,
                                  const char *reference,
                                  gint64 created_at,
                                  const char *payload_json,
                                  GError **error);

/*
 * The kind as a case worker reads it, in the current gettext language:
 * "Found object" for "found"; an unknown kind as it is. (transfer none)
 */
const char *kp_submission_pdf_get_kind_title (const char *kind);

G_END_DECLS
