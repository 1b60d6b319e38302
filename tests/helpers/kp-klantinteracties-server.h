/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A stateful stand-in for Open Klant's Klantinteracties API, for the tests
 * of KpKlantinteractiesBackend: klantcontacten, betrokkenen,
 * digitaleadressen and internetaken kept in memory, POSTs checked for the
 * members klantinteracties-openapi.yaml requires (and the phone pattern of
 * a digitaal adres), lists filtered as the backend asks, and every request
 * checked for "Authorization: Token <token>". It runs in a thread of its
 * own on 127.0.0.1 and a port the system picks.
 */
typedef struct _KpKlantinteractiesServer KpKlantinteractiesServer;

typedef enum
{
  KP_KLANTINTERACTIES_SERVER_NORMAL,
  KP_KLANTINTERACTIES_SERVER_FAILING,                 /* 500 to every request */
  KP_KLANTINTERACTIES_SERVER_SLOW,                    /* handles each request after the delay */
  KP_KLANTINTERACTIES_SERVER_MALFORMED,               /* 200 with a body that is not JSON */
  KP_KLANTINTERACTIES_SERVER_TOKEN_REJECTED,          /* 401 to every request */
  KP_KLANTINTERACTIES_SERVER_FAIL_AFTER_KLANTCONTACT, /* makes klantcontacten, 500 to other POSTs */
} KpKlantinteractiesServerBehaviour;

KpKlantinteractiesServer *kp_klantinteracties_server_new (const char *token);
void kp_klantinteracties_server_free (KpKlantinteractiesServer *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KpKlantinteractiesServer, kp_klantinteracties_server_free)

/* "http://127.0.0.1:PORT/klantinteracties/api/v1/" */
const char *kp_klantinteracties_server_get_url (KpKlantinteractiesServer *self);
void kp_klantinteracties_server_set_behaviour (KpKlantinteractiesServer *self,
                                               KpKlantinteractiesServerBehaviour behaviour,
                                               guint delay_ms);
guint kp_klantinteracties_server_count (KpKlantinteractiesServer *self, const char *resource);
/* Objects of @resource whose string member at @path ("hadKlantcontact.uuid") is @value. */
guint kp_klantinteracties_server_count_where (KpKlantinteractiesServer *self,
                                              const char *resource,
                                              const char *path,
                                              const char *value);
guint kp_klantinteracties_server_count_requests (KpKlantinteractiesServer *self);
/* The body of the last POST to @resource. (transfer full) (nullable) */
char *kp_klantinteracties_server_dup_last_body (KpKlantinteractiesServer *self,
                                                const char *resource);
/* Sets the status of internetaak @uuid, as the contact centre would. */
void kp_klantinteracties_server_set_status (KpKlantinteractiesServer *self,
                                            const char *uuid,
                                            const char *status);

G_END_DECLS
