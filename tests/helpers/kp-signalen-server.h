/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * A stateful stand-in for Signalen's public API, for the tests of
 * KpSignalenBackend: POST /signals/v1/public/signals/ checks the members
 * signalen-openapi.yaml requires (text, location with a Point,
 * incident_date_start) and keeps the signal; POST …/{uuid}/attachments/
 * takes a multipart "file" part; GET …/{uuid} answers the state. With a
 * token, every request must carry it as a bearer token. It runs in a
 * thread of its own on 127.0.0.1 and a port the system picks.
 */
typedef struct _KpSignalenServer KpSignalenServer;

/* What the tests set as [signalen] category-base-url. */
#define KP_SIGNALEN_SERVER_CATEGORY_BASE                                                           \
  "https://meldingen.example.nl/signals/v1/public/terms/categories/"
/*
 * The key-file groups that send reports to the server near Lindeveen: a
 * format whose one %s is the server's url; @timeout is a string literal.
 */
#define KP_SIGNALEN_SERVER_KEYS(timeout)                                                           \
  "[signalen]\nurl=%s\ncategory-base-url=" KP_SIGNALEN_SERVER_CATEGORY_BASE "\n"                   \
  "bounding-box=6.4,52.8,6.7,53.0\ntimeout-seconds=" timeout "\n"                                  \
  "[delivery]\nreport=signalen\n"
/* A report without a photo, in the place the bounding box holds. */
#define KP_SIGNALEN_SERVER_REPORT                                                                  \
  "{\"kind\":\"report\",\"version\":1,\"main_category\":\"afval\","                                \
  "\"sub_category\":\"grofvuil\",\"place\":{\"kind\":\"address\",\"street\":\"Lindelaan\","        \
  "\"town\":\"Lindeveen\",\"latitude\":52.8712,\"longitude\":6.5384},\"photo\":false,"             \
  "\"personal\":{\"description\":\"Bank op de stoep\",\"email\":\"melder@example.nl\"}}"

typedef enum
{
  KP_SIGNALEN_SERVER_NORMAL,
  KP_SIGNALEN_SERVER_FAILING,           /* 500 to every request */
  KP_SIGNALEN_SERVER_SLOW,              /* a gateway's 504 after the delay; Signalen saw nothing */
  KP_SIGNALEN_SERVER_LATE,              /* handles the request after the delay, answer or not */
  KP_SIGNALEN_SERVER_MALFORMED,         /* 201 with a body that is not JSON */
  KP_SIGNALEN_SERVER_TOKEN_REJECTED,    /* 401 to every request */
  KP_SIGNALEN_SERVER_FAIL_AFTER_SIGNAL, /* makes signals, then 500 to attachments */
} KpSignalenServerBehaviour;

/* @token (nullable): the bearer token to demand. */
KpSignalenServer *kp_signalen_server_new (const char *token);
/* The same over https with @certificate (nullable: plain http). */
KpSignalenServer *kp_signalen_server_new_tls (const char *token, GTlsCertificate *certificate);
void kp_signalen_server_free (KpSignalenServer *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KpSignalenServer, kp_signalen_server_free)

/* "http://127.0.0.1:PORT/", or "https://…" */
const char *kp_signalen_server_get_url (KpSignalenServer *self);
void kp_signalen_server_set_behaviour (KpSignalenServer *self,
                                       KpSignalenServerBehaviour behaviour,
                                       guint delay_ms);
/* Every request that reached the server, whatever it answered. */
guint kp_signalen_server_count_requests (KpSignalenServer *self);
guint kp_signalen_server_count_signals (KpSignalenServer *self);
/* Attachments received for signal @uuid. */
guint kp_signalen_server_count_attachments (KpSignalenServer *self, const char *uuid);
/* Signals whose text_extra holds @text (the kiosk names its reference there). */
guint kp_signalen_server_count_signals_mentioning (KpSignalenServer *self, const char *text);
/* Attachments received for all signals together. */
guint kp_signalen_server_count_all_attachments (KpSignalenServer *self);
/* The body of the last POST of a signal. (transfer full) (nullable) */
char *kp_signalen_server_dup_last_signal (KpSignalenServer *self);
/* Sets the public state of signal @uuid, as a case worker would. */
void kp_signalen_server_set_state (KpSignalenServer *self, const char *uuid, const char *state);

G_END_DECLS
