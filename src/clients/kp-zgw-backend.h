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
 * set-initial-status is true, the first POST /statussen.
 *
 * Exactly once: the zaak's identificatie is the submission's reference,
 * fixed before the first POST, and each step's result is kept in the
 * store's zgw_deliveries table. A retry, after an error or a crash, redoes
 * only the steps that did not finish, and first asks the server whether
 * the step's object exists (GET /zaken?identificatie=…, /rollen?zaak=…,
 * /statussen?zaak=…), because a crash may come between the server's
 * answer and our bookkeeping. remote_id is the zaak's URL, remote_status
 * the statustype's omschrijving (NULL when the case system sets it).
 */
#define KP_TYPE_ZGW_BACKEND (kp_zgw_backend_get_type ())
G_DECLARE_FINAL_TYPE (KpZgwBackend, kp_zgw_backend, KP, ZGW_BACKEND, GObject)

/* Reads [zgw] from @config; @client talks to the server. (transfer full) */
KpZgwBackend *kp_zgw_backend_new (KpStore *store, KpZgwClient *client, KpConfig *config);

/* The zaak identificatie for our reference "KP-7H3Q-9MXC". (transfer full) */
char *kp_zgw_backend_dup_identificatie (const char *reference);

G_END_DECLS
