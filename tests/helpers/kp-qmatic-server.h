/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A local HTTP server that answers as Qmatic Orchestra's public calendar
 * API answers, for the tests of KpQmaticBackend. It runs in a thread of
 * its own on 127.0.0.1 and a port the system picks. kp-qmatic-server.c
 * says for each answer what it copies, marked "as Qmatic answers", so the
 * behaviour can be checked against a real instance later.
 */
typedef struct _KpQmaticServer KpQmaticServer;

typedef enum
{
  KP_QMATIC_SERVER_NORMAL,      /* answers as Qmatic does */
  KP_QMATIC_SERVER_SLOW,        /* answers correctly, but only after the delay */
  KP_QMATIC_SERVER_FAILING,     /* 500 with Qmatic's error body to every request */
  KP_QMATIC_SERVER_MALFORMED,   /* 200 with a body that is not JSON */
  KP_QMATIC_SERVER_WRONG_SHAPE, /* 200 with JSON, but not the members Qmatic sends */
} KpQmaticServerBehaviour;

/* Starts the server; requests must carry @api_key in X-Api-Key. */
KpQmaticServer *kp_qmatic_server_new (const char *api_key);
void kp_qmatic_server_free (KpQmaticServer *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KpQmaticServer, kp_qmatic_server_free)

/* "http://127.0.0.1:PORT/calendar-backend/public/api/" */
const char *kp_qmatic_server_get_url (KpQmaticServer *self);

void kp_qmatic_server_add_service (KpQmaticServer *self,
                                   const char *id,
                                   const char *name,
                                   guint duration_minutes,
                                   gboolean public_enabled);
void kp_qmatic_server_add_branch (KpQmaticServer *self,
                                  const char *id,
                                  const char *name,
                                  const char *time_zone,
                                  const char *address_line,
                                  const char *city,
                                  const char *const *service_ids);
/* Times ("09:00 09:30") on @date ("2026-12-01") for @service at @branch, @capacity places each. */
void kp_qmatic_server_add_times (KpQmaticServer *self,
                                 const char *branch_id,
                                 const char *service_id,
                                 const char *date,
                                 const char *times,
                                 guint capacity);

void kp_qmatic_server_set_behaviour (KpQmaticServer *self,
                                     KpQmaticServerBehaviour behaviour,
                                     guint delay_ms);

/* "GET /calendar-backend/public/api/v1/services" for every request so far. (transfer full) */
GStrv kp_qmatic_server_dup_requests (KpQmaticServer *self);
/* The body of the last booking request, as sent. (transfer full) (nullable) */
char *kp_qmatic_server_dup_last_booking (KpQmaticServer *self);
/* How many appointments are booked (not deleted). */
guint kp_qmatic_server_count_appointments (KpQmaticServer *self);

G_END_DECLS
