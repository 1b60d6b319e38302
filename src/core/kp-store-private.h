/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <sqlite3.h>

#include "kp-store.h"

G_BEGIN_DECLS

/* For the other core types that keep their tables in the store. */
sqlite3 *kp_store_get_db (KpStore *self);
gboolean kp_store_exec (KpStore *self, const char *sql, GError **error);
gboolean kp_store_begin_immediate (KpStore *self, GError **error);
gboolean kp_store_commit (KpStore *self, GError **error);
void kp_store_rollback (KpStore *self);
void kp_store_set_error (KpStore *self, GError **error, const char *what);

G_END_DECLS
