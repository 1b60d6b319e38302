/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-local-register.h"
#include "kp-outbox.h"
#include "kp-store-private.h"
#include "kp-test-helpers.h"

typedef struct
{
  char *dir;
  KpStore *store;
  KpOutbox *outbox;
  KpLocalRegister *local_register;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = kp_test_make_tmpdir ("register");
  path = g_build_filename (fixture->dir, "kernpunt.db", NULL);
  fixture->store = kp_store_open (path, &error);
  g_assert_no_error (error);
  fixture->outbox = kp_outbox_new (fixture->store);
  fixture->local_register = kp_local_register_new (fixture->store);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_assert_finalize_object (fixture->local_register);
  g_assert_finalize_object (fixture->outbox);
  g_assert_finalize_object (fixture->store);
  kp_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Submits a row and reads it back as the delivery agent would get it. (transfer full) */
static KpOutboxItem *
submit (Fixture *fixture, const char *kind, const char *payload)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *reference = kp_outbox_submit (fixture->outbox, kind, payload, NULL, &error);
  KpOutboxItem *item;

  g_assert_no_error (error);
  item = kp_outbox_lookup (fixture->outbox, reference, &error);
  g_assert_no_error (error);
  return item;
}

/* Delivers @item and returns the case id the register answered. (transfer full) */
static char *
deliver (Fixture *fixture, KpOutboxItem *item)
{
  g_autoptr (GPtrArray) attachments = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *remote_status = NULL;
  char *remote_id = NULL;

  g_assert_true (kp_backend_deliver (KP_BACKEND (fixture->local_register), item, attachments,
                                     &remote_id, &remote_status, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (remote_status, ==, "received");
  return remote_id;
}

/* Counted in SQL, not through the register, so a hidden second row cannot slip by. */
static int
count_case_rows (Fixture *fixture)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (kp_store_get_db (fixture->store),
                                       "SELECT count(*) FROM cases", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int (stmt, 0);
}

static void
test_deliver_files_case (Fixture *fixture, gconstpointer data)
{
  const char *payload = "{\"description\":\"Street light out\",\"street\":\"Dorpsstraat\"}";
  g_autoptr (KpOutboxItem) item = submit (fixture, "report", payload);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) cases = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *expected_id = g_strdup_printf ("ZAAK-%04d-000001", g_date_time_get_year (now));
  gint64 before = g_get_real_time ();
  g_autofree char *case_id = deliver (fixture, item);
  gint64 after = g_get_real_time ();
  KpCase *kase;

  g_assert_cmpstr (case_id, ==, expected_id);
  g_assert_cmpint (count_case_rows (fixture), ==, 1);

  cases = kp_local_register_list_cases (fixture->local_register, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 1);
  kase = g_ptr_array_index (cases, 0);
  g_assert_cmpstr (kp_case_get_case_id (kase), ==, case_id);
  g_assert_cmpstr (kp_case_get_reference (kase), ==, kp_outbox_item_get_reference (item));
  g_assert_cmpstr (kp_case_get_idempotency_key (kase), ==,
                   kp_outbox_item_get_idempotency_key (item));
  g_assert_cmpstr (kp_case_get_kind (kase), ==, "report");
  g_assert_cmpstr (kp_case_get_payload (kase), ==, payload);
  g_assert_cmpstr (kp_case_get_status (kase), ==, "received");
  g_assert_cmpint (kp_case_get_received_at (kase), >=, before);
  g_assert_cmpint (kp_case_get_received_at (kase), <=, after);

  g_assert_cmpstr (kp_backend_get_name (KP_BACKEND (fixture->local_register)), ==, "local");
}

/* A retry after a crash must find the first case, however often it comes. */
static void
test_redelivery_returns_same_case (Fixture *fixture, gconstpointer data)
{
  g_autoptr (KpOutboxItem) item = submit (fixture, "report", "{\"description\":\"Pothole\"}");
  g_autofree char *first = deliver (fixture, item);

  for (int i = 0; i < 3; i++)
    {
      g_autofree char *again = deliver (fixture, item);

      g_assert_cmpstr (again, ==, first);
    }
  g_assert_cmpint (count_case_rows (fixture), ==, 1);
}

static void
test_list_and_lookup (Fixture *fixture, gconstpointer data)
{
  const char *kinds[] = { "report", "found-item", "callback" };
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) case_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) cases = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr (KpOutboxItem) item = submit (fixture, kinds[i], "{\"n\":1}");

      g_ptr_array_add (case_ids, deliver (fixture, item));
      g_ptr_array_add (items, g_steal_pointer (&item));
    }

  cases = kp_local_register_list_cases (fixture->local_register, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, G_N_ELEMENTS (kinds));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      KpOutboxItem *item = g_ptr_array_index (items, i);
      g_autoptr (KpCase) found = kp_local_register_lookup (
          fixture->local_register, kp_outbox_item_get_reference (item), &error);

      /* Oldest first, each with a number of its own. */
      g_assert_cmpstr (kp_case_get_case_id (g_ptr_array_index (cases, i)), ==,
                       g_ptr_array_index (case_ids, i));
      g_assert_no_error (error);
      g_assert_cmpstr (kp_case_get_case_id (found), ==, g_ptr_array_index (case_ids, i));
      g_assert_cmpstr (kp_case_get_kind (found), ==, kinds[i]);
      g_assert_true (
          g_regex_match_simple ("^ZAAK-[0-9]{4}-[0-9]{6}$", kp_case_get_case_id (found), 0, 0));
      g_assert_finalize_object (g_steal_pointer (&found));
    }
  g_assert_cmpstr (g_ptr_array_index (case_ids, 0), !=, g_ptr_array_index (case_ids, 1));
  g_assert_cmpstr (g_ptr_array_index (case_ids, 1), !=, g_ptr_array_index (case_ids, 2));
}

static void
test_lookup_unknown_reference (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpCase) kase
      = kp_local_register_lookup (fixture->local_register, "KP-2345-6789", &error);

  g_assert_null (kase);
  g_assert_error (error, KP_LOCAL_REGISTER_ERROR, KP_LOCAL_REGISTER_ERROR_NOT_FOUND);
}

static void
test_empty_register (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) cases = kp_local_register_list_cases (fixture->local_register, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 0);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/local-register/deliver-files-case", Fixture, NULL, fixture_set_up,
              test_deliver_files_case, fixture_tear_down);
  g_test_add ("/local-register/redelivery-returns-same-case", Fixture, NULL, fixture_set_up,
              test_redelivery_returns_same_case, fixture_tear_down);
  g_test_add ("/local-register/list-and-lookup", Fixture, NULL, fixture_set_up,
              test_list_and_lookup, fixture_tear_down);
  g_test_add ("/local-register/lookup-unknown-reference", Fixture, NULL, fixture_set_up,
              test_lookup_unknown_reference, fixture_tear_down);
  g_test_add ("/local-register/empty-register", Fixture, NULL, fixture_set_up, test_empty_register,
              fixture_tear_down);

  return g_test_run ();
}
