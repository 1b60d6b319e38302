/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/*
 * A stateful stand-in for Open Zaak's Catalogi and Zaken APIs, for the
 * tests of KpZgwClient and KpZgwBackend: one catalogus with one zaaktype
 * (two versions, one expired), its statustypen and roltypen; zaken, rollen
 * and statussen kept in memory. Every request must carry a JWT signed
 * with the secret and issued within the hour; POSTs are checked for the
 * members zaken-openapi.yaml requires. It runs in a thread of its own on
 * 127.0.0.1 and a port the system picks.
 */
typedef struct _KpZgwServer KpZgwServer;

typedef enum
{
  KP_ZGW_SERVER_NORMAL,
  KP_ZGW_SERVER_FAILING,        /* 500 to every request */
  KP_ZGW_SERVER_SLOW,           /* answers after the delay */
  KP_ZGW_SERVER_MALFORMED,      /* 200 with a body that is not JSON */
  KP_ZGW_SERVER_TOKEN_REJECTED, /* 403, as for a client id it does not know */
  KP_ZGW_SERVER_FAIL_AFTER_ZAAK /* makes zaken, then 500 to everything else: a crash between steps */
} KpZgwServerBehaviour;

KpZgwServer *kp_zgw_server_new (const char *secret);
void kp_zgw_server_free (KpZgwServer *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KpZgwServer, kp_zgw_server_free)

/* "http://127.0.0.1:PORT/zaken/api/v1/" and ".../catalogi/api/v1/" */
const char *kp_zgw_server_get_zaken_url (KpZgwServer *self);
const char *kp_zgw_server_get_catalogi_url (KpZgwServer *self);
const char *kp_zgw_server_get_catalogus_url (KpZgwServer *self);
/* The URL of the zaaktype version valid today. */
const char *kp_zgw_server_get_current_zaaktype_url (KpZgwServer *self);

void
kp_zgw_server_set_behaviour (KpZgwServer *self, KpZgwServerBehaviour behaviour, guint delay_ms);

guint kp_zgw_server_count (KpZgwServer *self, const char *resource);
/* How many zaken have @identificatie. */
guint kp_zgw_server_count_zaken_with (KpZgwServer *self, const char *identificatie);
/* Every rol and status points at a zaak that exists, and each zaak has exactly one of each. */
gboolean kp_zgw_server_each_zaak_complete (KpZgwServer *self);
/* The body of the last POST to @resource. (transfer full) (nullable) */
char *kp_zgw_server_dup_last_body (KpZgwServer *self, const char *resource);

/*
 * Documenten: "http://127.0.0.1:PORT/documenten/api/v1/". Its
 * enkelvoudiginformatieobjecten, the zaakinformatieobjecten that link them
 * to zaken, and Open Zaak's /zaaknummer_reserveren live in memory too. The
 * catalogue's zaaktype holds the informatieobjecttypen "Melding" and "Foto".
 */
const char *kp_zgw_server_get_documenten_url (KpZgwServer *self);
guint kp_zgw_server_count_reserved_numbers (KpZgwServer *self);
/* Signs @message with a fresh token the server takes, as a test's own request must be. */
void kp_zgw_server_authorize (KpZgwServer *self, SoupMessage *message);
/* Each zaak has exactly @n_per_zaak documents, each linked to it once, and no others exist. */
gboolean kp_zgw_server_each_zaak_has_documents (KpZgwServer *self, guint n_per_zaak);
/* The bytes of the document with @identificatie, as posted. (transfer full) (nullable) */
GBytes *kp_zgw_server_dup_document_content (KpZgwServer *self, const char *identificatie);

/*
 * Gives the zaak with @identificatie a new status of its zaaktype's
 * statustype @omschrijving ("Ontvangen", "Afgehandeld"), whose statustekst
 * becomes @statustekst (nullable: empty), as a case worker would. FALSE
 * when there is no such zaak or statustype.
 */
gboolean kp_zgw_server_set_zaak_status (KpZgwServer *self,
                                        const char *identificatie,
                                        const char *omschrijving,
                                        const char *statustekst);

G_END_DECLS
