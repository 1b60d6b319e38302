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

/* (element-type KpCase) (transfer full): oldest first */
GPtrArray *kp_local_register_list_cases (KpLocalRegister *self, GError **error);
/* The case filed for the outbox row with @reference. (transfer full) */
KpCase *kp_local_register_lookup (KpLocalRegister *self, const char *reference, GError **error);

G_END_DECLS
