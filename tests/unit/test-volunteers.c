/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-store.h"
#include "kp-test-helpers.h"
#include "kp-volunteers.h"

#define PIN "4815162342"

typedef struct
{
  char *home;
  char *db_path;
  KpStore *store;
  KpVolunteers *volunteers;
} Fixture;

static void
fixture_set_up (Fixture *fixture, G_GNUC_UNUSED gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->home = kp_test_init_home ();
  fixture->db_path = g_build_filename (fixture->home, "kernpunt.db", NULL);
  fixture->store = kp_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  fixture->volunteers = kp_volunteers_new (fixture->store);
  g_assert_true (kp_volunteers_add (fixture->volunteers, "Anja", PIN, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, G_GNUC_UNUSED gconstpointer data)
{
  g_assert_finalize_object (fixture->volunteers);
  g_assert_finalize_object (fixture->store);
  g_free (fixture->db_path);
  kp_test_remove_tree (fixture->home);
  g_free (fixture->home);
}

static GDateTime *
at_minute (guint minute)
{
  return g_date_time_new_utc (2025, 3, 10, 9, (gint) minute, 0);
}

static void
test_right_pin (Fixture *fixture, G_GNUC_UNUSED gconstpointer data)
{
  g_autoptr (GDateTime) now = at_minute (0);
  g_autoptr (GError) error = NULL;
  g_autofree char *name = kp_volunteers_verify (fixture->volunteers, PIN, now, &error);
  g_autoptr (GPtrArray) audit = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "Anja");
  audit = kp_volunteers_list_audit (fixture->volunteers, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 2);
  g_assert_cmpstr (((KpVolunteerAudit *) audit->pdata[0])->action, ==, "signed-in");
  g_assert_cmpstr (((KpVolunteerAudit *) audit->pdata[1])->action, ==, "added");
}

static void
test_wrong_pin (Fixture *fixture, G_GNUC_UNUSED gconstpointer data)
{
  g_autoptr (GDateTime) now = at_minute (0);
  g_autoptr (GError) error = NULL;
  g_autofree char *name = kp_volunteers_verify (fixture->volunteers, "48151", now, &error);

  g_assert_null (name);
  g_assert_error (error, KP_VOLUNTEERS_ERROR, KP_VOLUNTEERS_ERROR_WRONG_PIN);
  g_assert_cmpuint (kp_volunteers_get_attempts_left (fixture->volunteers, now), ==, 4);
}

/* Five wrong PINs lock the pad, even for the right PIN, across a restart, for five minutes. */
static void
test_lock_out_and_expiry (Fixture *fixture, G_GNUC_UNUSED gconstpointer data)
{
  g_autoptr (GDateTime) now = at_minute (0);
  g_autoptr (GDateTime) almost = g_date_time_add_seconds (now, KP_VOLUNTEERS_LOCK_SECONDS - 1);
  g_autoptr (GDateTime) after = g_date_time_add_seconds (now, KP_VOLUNTEERS_LOCK_SECONDS);
  g_autoptr (GDateTime) until = NULL;
  g_autoptr (KpStore) store = NULL;
  g_autoptr (KpVolunteers) restarted = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;

  for (guint i = 0; i < KP_VOLUNTEERS_MAX_WRONG_PINS - 1; i++)
    {
      g_assert_null (kp_volunteers_verify (fixture->volunteers, "00000", now, &error));
      g_assert_error (error, KP_VOLUNTEERS_ERROR, KP_VOLUNTEERS_ERROR_WRONG_PIN);
      g_clear_error (&error);
    }
  g_assert_null (kp_volunteers_verify (fixture->volunteers, "00000", now, &error));
  g_assert_error (error, KP_VOLUNTEERS_ERROR, KP_VOLUNTEERS_ERROR_LOCKED);
  g_clear_error (&error);

  /* The kiosk restarts: the lock holds. */
  store = kp_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  restarted = kp_volunteers_new (store);
  until = kp_volunteers_dup_locked_until (restarted, almost);
  g_assert_nonnull (until);
  g_assert_true (g_date_time_equal (until, after));
  g_assert_null (kp_volunteers_verify (restarted, PIN, almost, &error));
  g_assert_error (error, KP_VOLUNTEERS_ERROR, KP_VOLUNTEERS_ERROR_LOCKED);
  g_clear_error (&error);

  g_assert_null (kp_volunteers_dup_locked_until (restarted, after));
  g_assert_cmpuint (kp_volunteers_get_attempts_left (restarted, after), ==,
                    KP_VOLUNTEERS_MAX_WRONG_PINS);
  name = kp_volunteers_verify (restarted, PIN, after, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "Anja");
}

static void
test_pin_never_stored (Fixture *fixture, G_GNUC_UNUSED gconstpointer data)
{
  g_autoptr (GDateTime) now = at_minute (0);
  g_autoptr (GError) error = NULL;
  g_autofree char *name = kp_volunteers_verify (fixture->volunteers, PIN, now, &error);
  g_autofree char *wal = g_strconcat (fixture->db_path, "-wal", NULL);
  const char *files[] = { fixture->db_path, wal };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_assert_false (kp_test_file_contains (files[i], PIN));
  /* The check bites: the name is in the file. */
  g_assert_true (kp_test_file_contains (fixture->db_path, "Anja")
                 || kp_test_file_contains (wal, "Anja"));
}

static const struct
{
  const char *name;
  const char *pin;
  int code;
} refused_additions[] = {
  { "Bert", "1234", KP_VOLUNTEERS_ERROR_WEAK_PIN },
  { "Bert", "12a45", KP_VOLUNTEERS_ERROR_WEAK_PIN },
  { "", "12345", KP_VOLUNTEERS_ERROR_NAME },
  { "Bert\nErnie", "12345", KP_VOLUNTEERS_ERROR_NAME },
  { "Anja", "12345", KP_VOLUNTEERS_ERROR_EXISTS },
};

static void
test_refused_additions (Fixture *fixture, G_GNUC_UNUSED gconstpointer data)
{
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (refused_additions); i++)
    {
      g_assert_false (kp_volunteers_add (fixture->volunteers, refused_additions[i].name,
                                         refused_additions[i].pin, &error));
      g_assert_error (error, KP_VOLUNTEERS_ERROR, refused_additions[i].code);
      g_clear_error (&error);
    }
  g_assert_false (kp_volunteers_remove (fixture->volunteers, "Nobody", &error));
  g_assert_error (error, KP_VOLUNTEERS_ERROR, KP_VOLUNTEERS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (kp_volunteers_remove (fixture->volunteers, "Anja", &error));
  list = kp_volunteers_list (fixture->volunteers, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/volunteers/right-pin", Fixture, NULL, fixture_set_up, test_right_pin,
              fixture_tear_down);
  g_test_add ("/volunteers/wrong-pin", Fixture, NULL, fixture_set_up, test_wrong_pin,
              fixture_tear_down);
  g_test_add ("/volunteers/lock-out-and-expiry", Fixture, NULL, fixture_set_up,
              test_lock_out_and_expiry, fixture_tear_down);
  g_test_add ("/volunteers/pin-never-stored", Fixture, NULL, fixture_set_up, test_pin_never_stored,
              fixture_tear_down);
  g_test_add ("/volunteers/refused-additions", Fixture, NULL, fixture_set_up,
              test_refused_additions, fixture_tear_down);
  return g_test_run ();
}
