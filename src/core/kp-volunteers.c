/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-volunteers.h"

#include "kp-store-private.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#define MAX_NAME_CHARS 64

struct _KpVolunteers
{
  GObject parent_instance;

  KpStore *store;
};

G_DEFINE_FINAL_TYPE (KpVolunteers, kp_volunteers, G_TYPE_OBJECT)

/* Written out: clang-format would put spaces into G_DEFINE_QUARK's name. */
GQuark
kp_volunteers_error_quark (void)
{
  return g_quark_from_static_string ("kp-volunteers-error-quark");
}

void
kp_volunteer_free (KpVolunteer *volunteer)
{
  if (volunteer == NULL)
    return;
  g_free (volunteer->name);
  g_clear_pointer (&volunteer->created, g_date_time_unref);
  g_free (volunteer);
}

void
kp_volunteer_audit_free (KpVolunteerAudit *audit)
{
  if (audit == NULL)
    return;
  g_free (audit->volunteer);
  g_free (audit->action);
  g_clear_pointer (&audit->at, g_date_time_unref);
  g_free (audit);
}

/* libsodium must be initialised once before its first use, from any thread. */
static gboolean
ensure_sodium (GError **error)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    g_once_init_leave (&initialised, sodium_init () >= 0 ? 1 : 2);
  if (initialised == 1)
    return TRUE;
  g_set_error_literal (error, KP_VOLUNTEERS_ERROR, KP_VOLUNTEERS_ERROR_FAILED,
                       _ ("The PIN check cannot start"));
  return FALSE;
}

static gboolean
is_strong_pin (const char *pin)
{
  size_t length = strlen (pin);

  if (length < KP_VOLUNTEERS_MIN_PIN_DIGITS)
    return FALSE;
  for (size_t i = 0; i < length; i++)
    {
      if (!g_ascii_isdigit (pin[i]))
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_valid_name (const char *name)
{
  glong n_chars;

  if (!g_utf8_validate (name, -1, NULL))
    return FALSE;
  n_chars = g_utf8_strlen (name, -1);
  if (n_chars == 0 || n_chars > MAX_NAME_CHARS || g_ascii_isspace (name[0]))
    return FALSE;
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_iscntrl (g_utf8_get_char (p)))
        return FALSE;
    }
  return TRUE;
}

static GDateTime *
date_time_from_column (sqlite3_stmt *stmt, int column)
{
  return g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, column));
}

static const char *
column_text (sqlite3_stmt *stmt, int column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/*
 * Runs one statement with ?1 = @first, ?2 = @second and ?3 = @seconds;
 * a statement without some of these parameters leaves them unbound.
 */
static gboolean
exec_bound (KpVolunteers *self,
            const char *sql,
            const char *first,
            const char *second,
            gint64 seconds,
            GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (kp_store_get_db (self->store), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      kp_store_set_error (self->store, error, "volunteers");
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, first, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, second, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, seconds);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      kp_store_set_error (self->store, error, "volunteers");
      return FALSE;
    }
  return TRUE;
}

static gboolean
audit_at (KpVolunteers *self, const char *volunteer, const char *action, gint64 at, GError **error)
{
  return exec_bound (self,
                     "INSERT INTO volunteer_audit (volunteer, action, at) VALUES (?1, ?2, ?3)",
                     volunteer, action, at, error);
}

/* The PIN pad's state; a missing row is an unlocked pad. */
typedef struct
{
  guint wrong_pins;
  gint64 locked_until;
} PinLock;

static PinLock
read_pin_lock (KpVolunteers *self, gint64 now)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  PinLock lock = { 0, 0 };

  if (sqlite3_prepare_v2 (kp_store_get_db (self->store),
                          "SELECT wrong_pins, locked_until FROM pin_lock WHERE id = 1", -1, &stmt,
                          NULL)
          == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    {
      lock.wrong_pins = (guint) sqlite3_column_int (stmt, 0);
      lock.locked_until = sqlite3_column_int64 (stmt, 1);
    }
  /* A lock that has run out starts the count of wrong PINs again. */
  if (lock.locked_until != 0 && lock.locked_until <= now)
    lock = (PinLock){ 0, 0 };
  return lock;
}

static gboolean
write_pin_lock (KpVolunteers *self, PinLock lock, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (kp_store_get_db (self->store),
                          "INSERT OR REPLACE INTO pin_lock (id, wrong_pins, locked_until)"
                          " VALUES (1, ?1, ?2)",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    {
      kp_store_set_error (self->store, error, "pin_lock");
      return FALSE;
    }
  sqlite3_bind_int (stmt, 1, (int) lock.wrong_pins);
  sqlite3_bind_int64 (stmt, 2, lock.locked_until);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      kp_store_set_error (self->store, error, "pin_lock");
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_locked_error (GError **error, gint64 locked_until)
{
  g_autoptr (GDateTime) until = g_date_time_new_from_unix_local (locked_until);
  g_autofree char *time = g_date_time_format (until, "%H:%M");

  g_set_error (error, KP_VOLUNTEERS_ERROR, KP_VOLUNTEERS_ERROR_LOCKED,
               _ ("Too many wrong PINs. Try again at %s."), time);
  return FALSE;
}

/*
 * The name of the volunteer whose hash @pin fits, or NULL. Every hash is
 * checked: a PIN cannot be looked up, as each hash has its own salt.
 * (transfer full)
 */
static char *
find_volunteer_by_pin (KpVolunteers *self, const char *pin, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int status;

  if (sqlite3_prepare_v2 (kp_store_get_db (self->store),
                          "SELECT name, pin_hash FROM volunteers ORDER BY name", -1, &stmt, NULL)
      != SQLITE_OK)
    {
      kp_store_set_error (self->store, error, "volunteers");
      return NULL;
    }
  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (crypto_pwhash_str_verify (column_text (stmt, 1), pin, strlen (pin)) == 0)
        return g_strdup (column_text (stmt, 0));
    }
  if (status != SQLITE_DONE)
    kp_store_set_error (self->store, error, "volunteers");
  return NULL;
}

/* Counts one wrong PIN; the last one allowed locks the pad. Always sets @error. */
static void
count_wrong_pin (KpVolunteers *self, PinLock lock, gint64 now, GError **error)
{
  g_autoptr (GError) local_error = NULL;

  lock.wrong_pins++;
  if (lock.wrong_pins >= KP_VOLUNTEERS_MAX_WRONG_PINS)
    lock = (PinLock){ 0, now + KP_VOLUNTEERS_LOCK_SECONDS };
  if (!write_pin_lock (self, lock, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return;
    }
  if (lock.locked_until != 0)
    {
      set_locked_error (error, lock.locked_until);
      return;
    }
  g_set_error_literal (error, KP_VOLUNTEERS_ERROR, KP_VOLUNTEERS_ERROR_WRONG_PIN,
                       _ ("This PIN is not right."));
}

static void
kp_volunteers_dispose (GObject *object)
{
  KpVolunteers *self = KP_VOLUNTEERS (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (kp_volunteers_parent_class)->dispose (object);
}

static void
kp_volunteers_class_init (KpVolunteersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kp_volunteers_dispose;
}

static void
kp_volunteers_init (KpVolunteers *self)
{
}

/* (transfer full) */
KpVolunteers *
kp_volunteers_new (KpStore *store)
{
  KpVolunteers *self;

  g_return_val_if_fail (KP_IS_STORE (store), NULL);

  self = g_object_new (KP_TYPE_VOLUNTEERS, NULL);
  self->store = g_object_ref (store);
  return self;
}

gboolean
kp_volunteers_add (KpVolunteers *self, const char *name, const char *pin, GError **error)
{
  char hash[crypto_pwhash_STRBYTES];
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (KP_IS_VOLUNTEERS (self), FALSE);
  g_return_val_if_fail (name != NULL && pin != NULL, FALSE);

  if (!is_valid_name (name))
    {
      g_set_error (error, KP_VOLUNTEERS_ERROR, KP_VOLUNTEERS_ERROR_NAME,
                   _ ("A name must be one line of 1 to %d characters."), MAX_NAME_CHARS);
      return FALSE;
    }
  if (!is_strong_pin (pin))
    {
      g_set_error (error, KP_VOLUNTEERS_ERROR, KP_VOLUNTEERS_ERROR_WEAK_PIN,
                   _ ("A PIN must be at least %d digits, and only digits."),
                   KP_VOLUNTEERS_MIN_PIN_DIGITS);
      return FALSE;
    }
  if (!ensure_sodium (error))
    return FALSE;
  if (crypto_pwhash_str (hash, pin, strlen (pin), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE)
      != 0)
    {
      g_set_error_literal (error, KP_VOLUNTEERS_ERROR, KP_VOLUNTEERS_ERROR_FAILED,
                           _ ("There is not enough memory to protect the PIN."));
      return FALSE;
    }
  if (!kp_store_begin_immediate (self->store, error))
    return FALSE;
  if (!exec_bound (self, "INSERT INTO volunteers (name, pin_hash, created_at) VALUES (?1, ?2, ?3)",
                   name, hash, now, &local_error))
    {
      gboolean exists = sqlite3_extended_errcode (kp_store_get_db (self->store))
                        == SQLITE_CONSTRAINT_PRIMARYKEY;

      kp_store_rollback (self->store);
      if (exists)
        {
          g_set_error (error, KP_VOLUNTEERS_ERROR, KP_VOLUNTEERS_ERROR_EXISTS,
                       _ ("There is already a volunteer called “%s”."), name);
          return FALSE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!audit_at (self, name, "added", now, error))
    {
      kp_store_rollback (self->store);
      return FALSE;
    }
  return kp_store_commit (self->store, error);
}

gboolean
kp_volunteers_remove (KpVolunteers *self, const char *name, GError **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_val_if_fail (KP_IS_VOLUNTEERS (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!kp_store_begin_immediate (self->store, error))
    return FALSE;
  if (!exec_bound (self, "DELETE FROM volunteers WHERE name = ?1", name, NULL, now, error))
    {
      kp_store_rollback (self->store);
      return FALSE;
    }
  if (sqlite3_changes (kp_store_get_db (self->store)) == 0)
    {
      kp_store_rollback (self->store);
      g_set_error (error, KP_VOLUNTEERS_ERROR, KP_VOLUNTEERS_ERROR_NOT_FOUND,
                   _ ("There is no volunteer called “%s”."), name);
      return FALSE;
    }
  if (!audit_at (self, name, "removed", now, error))
    {
      kp_store_rollback (self->store);
      return FALSE;
    }
  return kp_store_commit (self->store, error);
}

/* (element-type KpVolunteer) (transfer full) */
GPtrArray *
kp_volunteers_list (KpVolunteers *self, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) volunteers = NULL;
  int status;

  g_return_val_if_fail (KP_IS_VOLUNTEERS (self), NULL);

  if (sqlite3_prepare_v2 (kp_store_get_db (self->store),
                          "SELECT name, created_at FROM volunteers ORDER BY name", -1, &stmt, NULL)
      != SQLITE_OK)
    {
      kp_store_set_error (self->store, error, "volunteers");
      return NULL;
    }
  volunteers = g_ptr_array_new_with_free_func ((GDestroyNotify) kp_volunteer_free);
  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KpVolunteer *volunteer = g_new0 (KpVolunteer, 1);

      volunteer->name = g_strdup (column_text (stmt, 0));
      volunteer->created = date_time_from_column (stmt, 1);
      g_ptr_array_add (volunteers, volunteer);
    }
  if (status != SQLITE_DONE)
    {
      kp_store_set_error (self->store, error, "volunteers");
      return NULL;
    }
  return g_steal_pointer (&volunteers);
}

/* (transfer full) */
char *
kp_volunteers_verify (KpVolunteers *self, const char *pin, GDateTime *now, GError **error)
{
  gint64 now_seconds;
  PinLock lock;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (KP_IS_VOLUNTEERS (self), NULL);
  g_return_val_if_fail (pin != NULL && now != NULL, NULL);

  if (!ensure_sodium (error))
    return NULL;
  now_seconds = g_date_time_to_unix (now);
  lock = read_pin_lock (self, now_seconds);
  if (lock.locked_until != 0)
    {
      set_locked_error (error, lock.locked_until);
      return NULL;
    }
  name = find_volunteer_by_pin (self, pin, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (name == NULL)
    {
      count_wrong_pin (self, lock, now_seconds, error);
      return NULL;
    }
  if (!write_pin_lock (self, (PinLock){ 0, 0 }, error)
      || !audit_at (self, name, "signed-in", now_seconds, error))
    return NULL;
  return g_steal_pointer (&name);
}

typedef struct
{
  char *pin;
  GDateTime *now;
} VerifyData;

static void
verify_data_free (VerifyData *data)
{
  /* The PIN is wiped, not only freed, so no copy lingers in the heap. */
  sodium_memzero (data->pin, strlen (data->pin));
  g_free (data->pin);
  g_date_time_unref (data->now);
  g_free (data);
}

static void
verify_in_thread (GTask *task,
                  gpointer source_object,
                  gpointer task_data,
                  G_GNUC_UNUSED GCancellable *cancellable)
{
  VerifyData *data = task_data;
  GError *error = NULL;
  char *name = kp_volunteers_verify (KP_VOLUNTEERS (source_object), data->pin, data->now, &error);

  if (name != NULL)
    g_task_return_pointer (task, name, g_free);
  else
    g_task_return_error (task, error);
}

void
kp_volunteers_verify_async (KpVolunteers *self,
                            const char *pin,
                            GDateTime *now,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  VerifyData *data;

  g_return_if_fail (KP_IS_VOLUNTEERS (self));
  g_return_if_fail (pin != NULL && now != NULL);

  data = g_new0 (VerifyData, 1);
  data->pin = g_strdup (pin);
  data->now = g_date_time_ref (now);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kp_volunteers_verify_async);
  g_task_set_task_data (task, data, (GDestroyNotify) verify_data_free);
  g_task_run_in_thread (task, verify_in_thread);
}

/* (transfer full) */
char *
kp_volunteers_verify_finish (KpVolunteers *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* (transfer full) (nullable) */
GDateTime *
kp_volunteers_dup_locked_until (KpVolunteers *self, GDateTime *now)
{
  PinLock lock;

  g_return_val_if_fail (KP_IS_VOLUNTEERS (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  lock = read_pin_lock (self, g_date_time_to_unix (now));
  return lock.locked_until != 0 ? g_date_time_new_from_unix_utc (lock.locked_until) : NULL;
}

guint
kp_volunteers_get_attempts_left (KpVolunteers *self, GDateTime *now)
{
  PinLock lock;

  g_return_val_if_fail (KP_IS_VOLUNTEERS (self), 0);
  g_return_val_if_fail (now != NULL, 0);

  lock = read_pin_lock (self, g_date_time_to_unix (now));
  return lock.locked_until != 0 ? 0 : KP_VOLUNTEERS_MAX_WRONG_PINS - lock.wrong_pins;
}

gboolean
kp_volunteers_audit (KpVolunteers *self, const char *volunteer, const char *action, GError **error)
{
  g_return_val_if_fail (KP_IS_VOLUNTEERS (self), FALSE);
  g_return_val_if_fail (volunteer != NULL && action != NULL, FALSE);

  return audit_at (self, volunteer, action, g_get_real_time () / G_USEC_PER_SEC, error);
}

/* (element-type KpVolunteerAudit) (transfer full) */
GPtrArray *
kp_volunteers_list_audit (KpVolunteers *self, guint max, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) lines = NULL;
  int status;

  g_return_val_if_fail (KP_IS_VOLUNTEERS (self), NULL);

  if (sqlite3_prepare_v2 (kp_store_get_db (self->store),
                          "SELECT volunteer, action, at FROM volunteer_audit"
                          " ORDER BY id DESC LIMIT ?1",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    {
      kp_store_set_error (self->store, error, "volunteer_audit");
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, max);
  lines = g_ptr_array_new_with_free_func ((GDestroyNotify) kp_volunteer_audit_free);
  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KpVolunteerAudit *line = g_new0 (KpVolunteerAudit, 1);

      line->volunteer = g_strdup (column_text (stmt, 0));
      line->action = g_strdup (column_text (stmt, 1));
      line->at = date_time_from_column (stmt, 2);
      g_ptr_array_add (lines, line);
    }
  if (status != SQLITE_DONE)
    {
      kp_store_set_error (self->store, error, "volunteer_audit");
      return NULL;
    }
  return g_steal_pointer (&lines);
}
