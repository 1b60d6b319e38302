/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib-object.h>

#include "kp-backend.h"
#include "kp-config.h"
#include "kp-store.h"
#include "kp-zgw-client.h"

G_BEGIN_DECLS

/*
 * A KpBackend that registers each submission as a zaak in the ZGW Zaken
 * API: POST /zaken, an initiator POST /rollen and, when [zgw]
 * set-initial-status is true, the first POST /statussen. When the client
 * has a Documenten API, the submission as a PDF (kp-submission-pdf.h) and
 * each photo follow as enkelvoudiginformatieobjecten (identificatie
 * "REFERENCE-1", "-2", …), each linked with POST /zaakinformatieobjecten.
 * With [zgw] numbering=reserve the identificatie is first reserved with
 * POST /zaaknummer_reserveren and kept before the zaak is made.
 *
 * Exactly once: the zaak's identificatie is fixed before the first POST
 * (the submission's reference, or the reserved number), and each step's
 * result is kept in the store's zgw_deliveries table (documents and the
 * reserved number in delivery_steps). A retry, after an error or a crash,
 * redoes only the steps that did not finish, and first asks the server
 * whether the step's object exists (GET /zaken?identificatie=…,
 * /rollen?zaak=…, /statussen?zaak=…, /enkelvoudiginformatieobjecten?
 * identificatie=…, /zaakinformatieobjecten?zaak=…&informatieobject=…),
 * because a crash may come between the server's answer and our
 * bookkeeping. remote_id is the zaak's URL, remote_status
 * the statustype's omschrijving (NULL when the case system sets it).
 */
#define KP_TYPE_ZGW_BACKEND (kp_zgw_backend_get_type ())
G_DECLARE_FINAL_TYPE (KpZgwBackend, kp_zgw_backend, KP, ZGW_BACKEND, GObject)

/* Reads [zgw] from @config; @client talks to the server. (transfer full) */
KpZgwBackend *kp_zgw_backend_new (KpStore *store, KpZgwClient *client, KpConfig *config);

/* The zaak identificatie for our reference "KP-7H3Q-9MXC". (transfer full) */
char *kp_zgw_backend_dup_identificatie (const char *reference);

/* The client it talks to the server with, for the status screen's questions. (transfer none) */
KpZgwClient *kp_zgw_backend_get_client (KpZgwBackend *self);

G_END_DECLS
