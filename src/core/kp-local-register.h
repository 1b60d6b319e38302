/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib-object.h>

#include "kp-backend.h"
#include "kp-case.h"
#include "kp-store.h"

G_BEGIN_DECLS

#define KP_LOCAL_REGISTER_ERROR (kp_local_register_error_quark ())

typedef enum
{
  KP_LOCAL_REGISTER_ERROR_NOT_FOUND, /* no case for that reference */
  KP_LOCAL_REGISTER_ERROR_STATUS,    /* a status this register does not know */
} KpLocalRegisterError;

/*
 * The embedded case register: a KpBackend that files each submission as a
 * case in the store's "cases" table, so a kiosk works with no network (demo
 * mode, tests) and kernpunt-ctl can list what arrived. A second delivery
 * with the same idempotency key returns the case made the first time.
 */
#define KP_TYPE_LOCAL_REGISTER (kp_local_register_get_type ())
G_DECLARE_FINAL_TYPE (KpLocalRegister, kp_local_register, KP, LOCAL_REGISTER, GObject)

GQuark kp_local_register_error_quark (void);

KpLocalRegister *kp_local_register_new (KpStore *store);

/*
 * The statuses a case moves through in this register, like a
 * municipality's case system: it arrives as "received", someone starts on
 * it, and it is done.
 */
#define KP_CASE_STATUS_RECEIVED    "received"
#define KP_CASE_STATUS_IN_PROGRESS "in-progress"
#define KP_CASE_STATUS_DONE        "done"

/* One entry of a case's status history. */
typedef struct
{
  char *status;
  gint64 changed_at; /* microseconds since the epoch */
} KpCaseStatusChange;

void kp_case_status_change_free (KpCaseStatusChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KpCaseStatusChange, kp_case_status_change_free)

/* (element-type KpCase) (transfer full): oldest first */
GPtrArray *kp_local_register_list_cases (KpLocalRegister *self, GError **error);
/* The case filed for the outbox row with @reference. (transfer full) */
KpCase *kp_local_register_lookup (KpLocalRegister *self, const char *reference, GError **error);
/*
 * Moves the case for @reference on to @status (one of KP_CASE_STATUS_*),
 * adding it to the history. Setting the status it has is not a change.
 */
gboolean kp_local_register_set_status (KpLocalRegister *self,
                                       const char *reference,
                                       const char *status,
                                       GError **error);
/* (element-type KpCaseStatusChange) (transfer full): oldest first, from "received" on */
GPtrArray *
kp_local_register_list_history (KpLocalRegister *self, const char *reference, GError **error);

G_END_DECLS
