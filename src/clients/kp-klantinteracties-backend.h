/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib-object.h>

#include "kp-backend.h"
#include "kp-config.h"
#include "kp-store.h"

G_BEGIN_DECLS

/*
 * A KpBackend that registers call-back requests (kind "callback") in the
 * Klantinteracties API (Open Klant 2; klantinteracties-openapi.yaml),
 * with "Authorization: Token …": a klantcontact (kanaal, onderwerp, the
 * kiosk's location), a betrokkene, the phone number as its digitaal adres
 * and an internetaak "call back" for the configured actor, with the
 * promised date in its toelichting.
 *
 * Exactly once: each step's uuid is stored (delivery_steps) the moment the
 * server answers, and a retry first asks the server for the step's object
 * by what we fixed before the POST: the klantcontact's referentienummer
 * (our reference without dashes), the digitaal adres's referentie (our
 * reference), and the betrokkene and internetaak by their klantcontact.
 * remote_id is the internetaak's uuid, remote_status its status
 * ("te_verwerken").
 */
#define KP_TYPE_KLANTINTERACTIES_BACKEND (kp_klantinteracties_backend_get_type ())
G_DECLARE_FINAL_TYPE (
    KpKlantinteractiesBackend, kp_klantinteracties_backend, KP, KLANTINTERACTIES_BACKEND, GObject)

/*
 * Reads [klantinteracties] from @config; @token is the API token. Fails
 * with KP_BACKEND_ERROR_PERMANENT for an address that is not http(s) or
 * an actor that is not a uuid (or a URL ending in one). (transfer full)
 */
KpKlantinteractiesBackend *kp_klantinteracties_backend_new (KpStore *store,
                                                            KpConfig *config,
                                                            const char *token,
                                                            GError **error);

/*
 * The status of internetaak @uuid now: "te_verwerken" or "verwerkt", for
 * the status screen. Blocks: call it from a worker thread. (transfer full)
 */
char *kp_klantinteracties_backend_fetch_status (KpKlantinteractiesBackend *self,
                                                const char *uuid,
                                                GCancellable *cancellable,
                                                GError **error);

/* The referentienummer (at most 10 characters) for our reference. (transfer full) */
char *kp_klantinteracties_backend_dup_referentienummer (const char *reference);

G_END_DECLS
