/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/*
 * A client for the VNG ZGW Catalogi 1.3 and Zaken 1.5 APIs
 * (../shared/specs/catalogi-openapi.yaml, zaken-openapi.yaml), as Open Zaak
 * serves them. Every request carries a fresh JWT (kp-zgw-jwt.h) and gives
 * up after the timeout.
 *
 * Errors are KP_BACKEND_ERROR, so the delivery agent knows what to do:
 * TEMPORARY for network trouble, timeouts, 5xx, 429, 408 and answers that
 * are not what the API sends, and also for 401/403 (a token or
 * configuration problem at our end, never the resident's: it is logged
 * once per request as such); PERMANENT for the other 4xx, where the server
 * refuses the request itself. Cancelling gives G_IO_ERROR_CANCELLED.
 * Messages name the request and the HTTP status, never the secret or
 * anything the resident typed.
 */

typedef struct
{
  char *url;
  char *omschrijving;
  char *omschrijving_generiek;       /* roltypen: "initiator", …; statustypen: may be empty */
  gint64 volgnummer;                 /* statustypen: their order; roltypen: 0 */
  char *vertrouwelijkheidaanduiding; /* informatieobjecttypen: e.g. "zaakvertrouwelijk" */
} KpZgwType;

/*
 * One zaaktype version, with the statustypen (in volgnummer order) and
 * roltypen it has, and the informatieobjecttypen its zaken may hold
 * (valid on the day it was resolved for).
 */
typedef struct
{
  char *url;
  char *identificatie;
  GPtrArray *statustypen;           /* (element-type KpZgwType) */
  GPtrArray *roltypen;              /* (element-type KpZgwType) */
  GPtrArray *informatieobjecttypen; /* (element-type KpZgwType) */
} KpZgwZaaktype;

/* (nullable) (transfer none): the first status a zaak gets, lowest volgnummer */
const KpZgwType *kp_zgw_zaaktype_get_initial_statustype (const KpZgwZaaktype *zaaktype);
/* (nullable) (transfer none): e.g. "initiator" */
const KpZgwType *kp_zgw_zaaktype_find_roltype (const KpZgwZaaktype *zaaktype,
                                               const char *omschrijving_generiek);

/* What POST /zaken gets; the optional members are NULL (or has_point FALSE) when absent. */
typedef struct
{
  const char *identificatie;
  const char *bronorganisatie; /* RSIN, also the verantwoordelijke organisatie */
  const char *zaaktype;        /* URL */
  const char *startdatum;      /* "2026-03-14" */
  const char *omschrijving;    /* cut to 80 characters */
  const char *toelichting;     /* cut to 1000 characters */
  gboolean has_point;
  double longitude;
  double latitude;
  const char *kenmerk; /* our reference, for the case worker */
  const char *kenmerk_bron;
} KpZgwNewZaak;

/* The resident as initiator: only what they gave; all NULL for an anonymous one. */
typedef struct
{
  const char *name;
  const char *email;
  const char *phone;
} KpZgwContact;

/* Seconds since the epoch; tests put the clock wrong to see tokens refused. */
typedef gint64 (*KpZgwClock) (void);

#define KP_TYPE_ZGW_CLIENT (kp_zgw_client_get_type ())
G_DECLARE_FINAL_TYPE (KpZgwClient, kp_zgw_client, KP, ZGW_CLIENT, GObject)

/*
 * @zaken_url and @catalogi_url are the API roots, e.g.
 * "https://zaken.example.nl/zaken/api/v1/" (a missing final "/" is added).
 * Fails with KP_BACKEND_ERROR_PERMANENT for an address that is not http(s).
 * (transfer full)
 */
KpZgwClient *kp_zgw_client_new (const char *zaken_url,
                                const char *catalogi_url,
                                const char *client_id,
                                const char *secret,
                                const char *user_representation,
                                guint timeout_seconds,
                                GError **error);
void kp_zgw_client_set_clock (KpZgwClient *self, KpZgwClock clock);
/*
 * Sends on @session from now on instead of a plain one: made with
 * kp_http_session_new() it knows the kiosk's CA file and proxy. Call it
 * before the first request.
 */
void kp_zgw_client_set_session (KpZgwClient *self, SoupSession *session);

/* The catalogus of @domein (e.g. "ABR") and @rsin. (transfer full) */
char *kp_zgw_client_find_catalogus (KpZgwClient *self,
                                    const char *domein,
                                    const char *rsin,
                                    GCancellable *cancellable,
                                    GError **error);
/*
 * The version of zaaktype @identificatie in @catalogus (URL) that is valid
 * on @day, with its statustypen and roltypen. Asked once per client and
 * day, then kept. (transfer none): valid as long as @self.
 */
const KpZgwZaaktype *kp_zgw_client_resolve_zaaktype (KpZgwClient *self,
                                                     const char *catalogus,
                                                     const char *identificatie,
                                                     GDate *day,
                                                     GCancellable *cancellable,
                                                     GError **error);

/*
 * The URL of the zaak with @identificatie at @bronorganisatie, or NULL
 * with no error when there is none. (transfer full)
 */
char *kp_zgw_client_find_zaak (KpZgwClient *self,
                               const char *identificatie,
                               const char *bronorganisatie,
                               GCancellable *cancellable,
                               GError **error);
/* POST /zaken; the new zaak's URL. (transfer full) */
char *kp_zgw_client_create_zaak (KpZgwClient *self,
                                 const KpZgwNewZaak *zaak,
                                 GCancellable *cancellable,
                                 GError **error);

/* The URL of @zaak's rol of @roltype, or NULL with no error. (transfer full) */
char *kp_zgw_client_find_rol (KpZgwClient *self,
                              const char *zaak,
                              const char *roltype,
                              GCancellable *cancellable,
                              GError **error);
/* POST /rollen: a natuurlijk_persoon with @contact's details, if any. (transfer full) */
char *kp_zgw_client_create_rol (KpZgwClient *self,
                                const char *zaak,
                                const char *roltype,
                                const char *roltoelichting,
                                const KpZgwContact *contact,
                                GCancellable *cancellable,
                                GError **error);

/* The URL of @zaak's status of @statustype, or NULL with no error. (transfer full) */
char *kp_zgw_client_find_status (KpZgwClient *self,
                                 const char *zaak,
                                 const char *statustype,
                                 GCancellable *cancellable,
                                 GError **error);
/* POST /statussen, set at @set_at. (transfer full) */
char *kp_zgw_client_create_status (KpZgwClient *self,
                                   const char *zaak,
                                   const char *statustype,
                                   GDateTime *set_at,
                                   GCancellable *cancellable,
                                   GError **error);

/* ---- Documents (Documenten 1.5), their links to a zaak, and reserved numbers ---- */

/* (nullable) (transfer none): the informatieobjecttype with this omschrijving */
const KpZgwType *kp_zgw_zaaktype_find_informatieobjecttype (const KpZgwZaaktype *zaaktype,
                                                            const char *omschrijving);

/* What POST /enkelvoudiginformatieobjecten gets. */
typedef struct
{
  const char *identificatie; /* fixed before the POST, so a retry can look it up */
  const char *bronorganisatie;
  const char *creatiedatum; /* "2026-03-14" */
  const char *titel;        /* cut to 200 characters */
  const char *auteur;
  const char *formaat; /* "application/pdf" */
  const char *bestandsnaam;
  const char *vertrouwelijkheidaanduiding;
  const char *informatieobjecttype; /* URL */
  GBytes *inhoud;                   /* sent as base64 */
} KpZgwNewDocument;

/*
 * The Documenten API's root, e.g. "https://zaken.example.nl/documenten/api/v1/".
 * Without it the client sends no documents. Fails with
 * KP_BACKEND_ERROR_PERMANENT for an address that is not http(s).
 */
gboolean kp_zgw_client_set_documenten_url (KpZgwClient *self, const char *url, GError **error);
gboolean kp_zgw_client_has_documenten (KpZgwClient *self);

/* The URL of the document with @identificatie at @bronorganisatie, or NULL with no error. */
char *kp_zgw_client_find_document (KpZgwClient *self,
                                   const char *identificatie,
                                   const char *bronorganisatie,
                                   GCancellable *cancellable,
                                   GError **error);
/* POST /enkelvoudiginformatieobjecten; the new document's URL. (transfer full) */
char *kp_zgw_client_create_document (KpZgwClient *self,
                                     const KpZgwNewDocument *document,
                                     GCancellable *cancellable,
                                     GError **error);

/* The URL of the link between @zaak and @document, or NULL with no error. (transfer full) */
char *kp_zgw_client_find_zaakinformatieobject (KpZgwClient *self,
                                               const char *zaak,
                                               const char *document,
                                               GCancellable *cancellable,
                                               GError **error);
/* POST /zaakinformatieobjecten (Zaken API): links @document to @zaak. (transfer full) */
char *kp_zgw_client_create_zaakinformatieobject (KpZgwClient *self,
                                                 const char *zaak,
                                                 const char *document,
                                                 const char *titel,
                                                 GCancellable *cancellable,
                                                 GError **error);

/*
 * POST /zaaknummer_reserveren (Open Zaak, EXPERIMENTEEL): a zaak
 * identificatie that the next zaak created with it at @bronorganisatie
 * gets. (transfer full)
 */
char *kp_zgw_client_reserve_zaaknummer (KpZgwClient *self,
                                        const char *bronorganisatie,
                                        GCancellable *cancellable,
                                        GError **error);

/*
 * For the status screen: the URL of the statustype of the latest status of
 * the zaak with @identificatie at @bronorganisatie (GET /zaken?…, then GET
 * its status). NULL with no error while the zaak has no status; a
 * KP_BACKEND_ERROR_PERMANENT when there is no such zaak. (transfer full)
 */
char *kp_zgw_client_fetch_zaak_statustype (KpZgwClient *self,
                                           const char *identificatie,
                                           const char *bronorganisatie,
                                           GCancellable *cancellable,
                                           GError **error);
/*
 * GET the statustype that @url points at, from the configured Catalogi API: its
 * omschrijving and its statustekst for the initiator (NULL when empty).
 */
gboolean kp_zgw_client_fetch_statustype (KpZgwClient *self,
                                         const char *url,
                                         char **omschrijving,
                                         char **statustekst,
                                         GCancellable *cancellable,
                                         GError **error);

G_END_DECLS
