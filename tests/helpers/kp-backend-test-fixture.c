/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-backend-test-fixture.h"
#include "kp-test-helpers.h"

#include <string.h>

void
kp_backend_test_fixture_make_dir (KpBackendTestFixture *fixture, const char *template)
{
  fixture->dir = kp_test_make_tmpdir (template);
}

void
kp_backend_test_fixture_open (KpBackendTestFixture *fixture, const char *key_file)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *db = g_build_filename (fixture->dir, "kernpunt.db", NULL);

  fixture->config = kp_config_new_from_data (key_file, &error);
  g_assert_no_error (error);
  fixture->store = kp_store_open (db, &error);
  g_assert_no_error (error);
  fixture->outbox = kp_outbox_new (fixture->store);
}

void
kp_backend_test_fixture_close (KpBackendTestFixture *fixture)
{
  /* A reference left over would be a leak the test should show. */
  g_assert_finalize_object (g_steal_pointer (&fixture->outbox));
  g_assert_finalize_object (g_steal_pointer (&fixture->store));
  g_assert_finalize_object (g_steal_pointer (&fixture->config));
  kp_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

char *
kp_backend_test_fixture_submit (KpBackendTestFixture *fixture,
                                const char *kind,
                                const char *payload,
                                GPtrArray *attachments)
{
  g_autoptr (GError) error = NULL;
  char *reference = kp_outbox_submit (fixture->outbox, kind, payload, attachments, &error);

  g_assert_no_error (error);
  return reference;
}

KpOutboxItem *
kp_backend_test_fixture_lookup (KpBackendTestFixture *fixture, const char *reference)
{
  g_autoptr (GError) error = NULL;
  KpOutboxItem *item = kp_outbox_lookup (fixture->outbox, reference, &error);

  g_assert_no_error (error);
  return item;
}

KpOutboxItem *
kp_backend_test_fixture_assert_delivered (KpBackendTestFixture *fixture, const char *reference)
{
  KpOutboxItem *item = kp_backend_test_fixture_lookup (fixture, reference);

  if (kp_outbox_item_get_state (item) != KP_OUTBOX_STATE_DELIVERED)
    g_error ("%s not delivered: %s", reference, kp_outbox_item_get_last_error (item));
  return item;
}

void
kp_test_deliver_due (KpDeliveryAgent *agent, gint64 now)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (kp_delivery_agent_deliver_due (agent, now, NULL, NULL, &error));
  g_assert_no_error (error);
}

void
kp_backend_test_fixture_assert_try_fails (KpBackendTestFixture *fixture,
                                          KpDeliveryAgent *agent,
                                          gint64 now,
                                          const char *reference,
                                          const char *personal,
                                          const char *token)
{
  g_autoptr (KpOutboxItem) item = NULL;
  const char *last_error;

  kp_test_deliver_due (agent, now);
  item = kp_backend_test_fixture_lookup (fixture, reference);
  last_error = kp_outbox_item_get_last_error (item);
  g_assert_cmpint (kp_outbox_item_get_state (item), ==, KP_OUTBOX_STATE_PENDING);
  g_assert_nonnull (last_error);
  g_assert_null (strstr (last_error, personal));
  g_assert_null (strstr (last_error, token));
}
