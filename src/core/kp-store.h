/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KP_STORE_ERROR (kp_store_error_quark ())

typedef enum
{
  KP_STORE_ERROR_OPEN,      /* the file cannot be opened or created */
  KP_STORE_ERROR_TOO_NEW,   /* written by a newer Kernpunt: refuse rather than guess */
  KP_STORE_ERROR_MIGRATION, /* a migration step failed; nothing was changed */
  KP_STORE_ERROR_SQL,       /* any other SQLite failure */
} KpStoreError;

#define KP_TYPE_STORE (kp_store_get_type ())
G_DECLARE_FINAL_TYPE (KpStore, kp_store, KP, STORE, GObject)

GQuark kp_store_error_quark (void);

KpStore *kp_store_open (const char *path, GError **error);
const char *kp_store_get_path (KpStore *self);
int kp_store_get_schema_version (KpStore *self);
int kp_store_get_latest_schema_version (void);

G_END_DECLS
