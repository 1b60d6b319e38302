/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gio/gio.h>

#include "kp-store.h"

G_BEGIN_DECLS

/*
 * The volunteers who may open volunteer mode, each with a PIN of at least
 * five digits. Only an Argon2id hash of a PIN is stored (libsodium), never
 * the PIN. Five wrong PINs in a row lock the pad for five minutes; the
 * lock is stored, so restarting the kiosk does not lift it. Every
 * volunteer action lands in an audit table: who, what, when — never a
 * resident's data.
 */

#define KP_VOLUNTEERS_ERROR (kp_volunteers_error_quark ())

typedef enum
{
  KP_VOLUNTEERS_ERROR_WRONG_PIN, /* no volunteer has this PIN */
  KP_VOLUNTEERS_ERROR_LOCKED,    /* too many wrong PINs: try again after the lock */
  KP_VOLUNTEERS_ERROR_WEAK_PIN,  /* not at least KP_VOLUNTEERS_MIN_PIN_DIGITS digits */
  KP_VOLUNTEERS_ERROR_NAME,      /* empty, too long, or not one line */
  KP_VOLUNTEERS_ERROR_EXISTS,    /* a volunteer of this name exists */
  KP_VOLUNTEERS_ERROR_NOT_FOUND, /* no volunteer of this name */
  KP_VOLUNTEERS_ERROR_FAILED,    /* the database or the hashing failed */
} KpVolunteersError;

#define KP_VOLUNTEERS_MIN_PIN_DIGITS 5
#define KP_VOLUNTEERS_MAX_WRONG_PINS 5
#define KP_VOLUNTEERS_LOCK_SECONDS   (5 * 60)

/* One volunteer as `kernpunt-ctl volunteer list` shows it: no PIN, no hash. */
typedef struct
{
  char *name;
  GDateTime *created; /* UTC */
} KpVolunteer;

void kp_volunteer_free (KpVolunteer *volunteer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KpVolunteer, kp_volunteer_free)

/* One line of the audit table. */
typedef struct
{
  char *volunteer;
  char *action;
  GDateTime *at; /* UTC */
} KpVolunteerAudit;

void kp_volunteer_audit_free (KpVolunteerAudit *audit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KpVolunteerAudit, kp_volunteer_audit_free)

#define KP_TYPE_VOLUNTEERS (kp_volunteers_get_type ())
G_DECLARE_FINAL_TYPE (KpVolunteers, kp_volunteers, KP, VOLUNTEERS, GObject)

GQuark kp_volunteers_error_quark (void);

/* (transfer full) */
KpVolunteers *kp_volunteers_new (KpStore *store);

/* Adding and removing; both audited. Blocking (hashing takes ~0.1 s). */
gboolean kp_volunteers_add (KpVolunteers *self, const char *name, const char *pin, GError **error);
gboolean kp_volunteers_remove (KpVolunteers *self, const char *name, GError **error);
/* Ordered by name. (element-type KpVolunteer) (transfer full) */
GPtrArray *kp_volunteers_list (KpVolunteers *self, GError **error);

/*
 * Whose PIN @pin is, at @now (the clock is injected for tests). Returns
 * the volunteer's name, or NULL with WRONG_PIN or LOCKED. Blocking: checks
 * the hash of every volunteer, so call it from a thread, or use the async
 * variant from the UI. (transfer full)
 */
char *kp_volunteers_verify (KpVolunteers *self, const char *pin, GDateTime *now, GError **error);
void kp_volunteers_verify_async (KpVolunteers *self,
                                 const char *pin,
                                 GDateTime *now,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data);
/* (transfer full) */
char *kp_volunteers_verify_finish (KpVolunteers *self, GAsyncResult *result, GError **error);

/*
 * When the pad is locked at @now, the moment it opens again (UTC);
 * otherwise NULL. The pad shows it: "Try again at 14:35". (transfer full) (nullable)
 */
GDateTime *kp_volunteers_dup_locked_until (KpVolunteers *self, GDateTime *now);
/* How many wrong PINs may still be typed before the pad locks. */
guint kp_volunteers_get_attempts_left (KpVolunteers *self, GDateTime *now);

/*
 * Writes "@volunteer did @action now" to the audit table. @action is a
 * short fixed word such as "test-print", "reprint", "end-session",
 * "acknowledge-help", "leave" — never a resident's data.
 */
gboolean
kp_volunteers_audit (KpVolunteers *self, const char *volunteer, const char *action, GError **error);
/* The newest first, at most @max. (element-type KpVolunteerAudit) (transfer full) */
GPtrArray *kp_volunteers_list_audit (KpVolunteers *self, guint max, GError **error);

G_END_DECLS
