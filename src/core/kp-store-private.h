/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <sqlite3.h>

#include "kp-store.h"

G_BEGIN_DECLS

/* So every core file can write g_autoptr (sqlite3_stmt) and never leak a statement. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* For the other core types that keep their tables in the store. */
sqlite3 *kp_store_get_db (KpStore *self);
gboolean kp_store_exec (KpStore *self, const char *sql, GError **error);
gboolean kp_store_begin_immediate (KpStore *self, GError **error);
gboolean kp_store_commit (KpStore *self, GError **error);
void kp_store_rollback (KpStore *self);
void kp_store_set_error (KpStore *self, GError **error, const char *what);

/*
 * Opens @path and migrates it no further than @version. For tests that
 * need a database as an older Kernpunt left it. (transfer full)
 */
KpStore *kp_store_open_at_version (const char *path, int version, GError **error);

G_END_DECLS
