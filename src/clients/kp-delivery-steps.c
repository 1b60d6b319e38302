/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-delivery-steps.h"

#include "kp-store-private.h"

/* (transfer full) */
char *
kp_delivery_steps_lookup (KpStore *store, const char *reference, const char *step, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int status;

  g_return_val_if_fail (KP_IS_STORE (store), NULL);
  g_return_val_if_fail (reference != NULL && step != NULL, NULL);

  if (sqlite3_prepare_v2 (kp_store_get_db (store),
                          "SELECT value FROM delivery_steps WHERE reference = ?1 AND step = ?2", -1,
                          &stmt, NULL)
          != SQLITE_OK
      || sqlite3_bind_text (stmt, 1, reference, -1, SQLITE_STATIC) != SQLITE_OK
      || sqlite3_bind_text (stmt, 2, step, -1, SQLITE_STATIC) != SQLITE_OK
      || ((status = sqlite3_step (stmt)) != SQLITE_ROW && status != SQLITE_DONE))
    {
      kp_store_set_error (store, error, "delivery_steps");
      return NULL;
    }
  return status == SQLITE_ROW ? g_strdup ((const char *) sqlite3_column_text (stmt, 0)) : NULL;
}

gboolean
kp_delivery_steps_save (
    KpStore *store, const char *reference, const char *step, const char *value, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (KP_IS_STORE (store), FALSE);
  g_return_val_if_fail (reference != NULL && step != NULL && value != NULL, FALSE);

  if (sqlite3_prepare_v2 (kp_store_get_db (store),
                          "INSERT INTO delivery_steps (reference, step, value) VALUES (?1, ?2, ?3)"
                          " ON CONFLICT (reference, step) DO UPDATE SET value = excluded.value",
                          -1, &stmt, NULL)
          != SQLITE_OK
      || sqlite3_bind_text (stmt, 1, reference, -1, SQLITE_STATIC) != SQLITE_OK
      || sqlite3_bind_text (stmt, 2, step, -1, SQLITE_STATIC) != SQLITE_OK
      || sqlite3_bind_text (stmt, 3, value, -1, SQLITE_STATIC) != SQLITE_OK
      || sqlite3_step (stmt) != SQLITE_DONE)
    {
      kp_store_set_error (store, error, "delivery_steps");
      return FALSE;
    }
  return TRUE;
}
