/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-outbox.h"
#include "kp-test-helpers.h"

#include <string.h>

/*
 * `kernpunt-ctl outbox` and `outbox retry REF`: what an admin sees per
 * delivery route, and a waiting or refused submission made due again.
 */

#define ZGW_ERROR "ZGW POST zaken: HTTP 503 Service Unavailable"

typedef struct
{
  char *dir;
  char *config_path;
  KpStore *store;
  KpOutbox *outbox;
  char *waiting_report;
  char *refused_report;
  char *delivered_found;
  char *waiting_found;
} Fixture;

static char *
submit (Fixture *fixture, const char *kind)
{
  g_autoptr (GError) error = NULL;
  char *reference
      = kp_outbox_submit (fixture->outbox, kind, "{\"description\":\"x\"}", NULL, &error);

  g_assert_no_error (error);
  return reference;
}

/* Claims every row, as an agent would one by one, so the test can book their outcomes. */
static void
claim_all (Fixture *fixture, guint n_rows)
{
  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (KpOutboxItem) item
          = kp_outbox_claim_due (fixture->outbox, g_get_real_time () + G_TIME_SPAN_DAY, &error);

      g_assert_no_error (error);
      g_assert_nonnull (item);
    }
}

/* Reports go to the ZGW case system; one waits after an error, one was refused. */
static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *config = NULL;
  g_autofree char *db_path = NULL;

  fixture->dir = kp_test_make_tmpdir ("ctl-outbox");
  fixture->config_path = g_build_filename (fixture->dir, "kernpunt.conf", NULL);
  config = g_strdup_printf ("[storage]\ndata-dir=%s\n"
                            "[zgw]\nzaken-url=http://127.0.0.1:9/zaken/api/v1/\n"
                            "catalogi-url=http://127.0.0.1:9/catalogi/api/v1/\n"
                            "client-id=kernpunt-test\nsecret-file=%s/secret\nrsin=002564440\n"
                            "catalogus=http://127.0.0.1:9/catalogi/api/v1/catalogussen/1\n"
                            "user-representation=Kiosk\nzaaktype-report=MOR\n"
                            "[delivery]\nreport=zgw\n",
                            fixture->dir, fixture->dir);
  g_file_set_contents (fixture->config_path, config, -1, &error);
  g_assert_no_error (error);
  db_path = g_build_filename (fixture->dir, "kernpunt.db", NULL);
  fixture->store = kp_store_open (db_path, &error);
  g_assert_no_error (error);
  fixture->outbox = kp_outbox_new (fixture->store);

  fixture->refused_report = submit (fixture, "report");
  fixture->waiting_report = submit (fixture, "report");
  fixture->delivered_found = submit (fixture, "found");
  fixture->waiting_found = submit (fixture, "found");

  claim_all (fixture, 4);
  g_assert_true (kp_outbox_mark_rejected (fixture->outbox, fixture->refused_report,
                                          "ZGW POST zaken: HTTP 400 Bad Request", &error));
  g_assert_true (kp_outbox_mark_retry (fixture->outbox, fixture->waiting_report, ZGW_ERROR,
                                       g_get_real_time () + G_TIME_SPAN_HOUR, &error));
  g_assert_true (kp_outbox_mark_delivered (fixture->outbox, fixture->delivered_found, "Z-1", "open",
                                           g_get_real_time (), &error));
  /* Never tried yet, as far as an admin can tell: no error. */
  g_assert_true (kp_outbox_mark_retry (fixture->outbox, fixture->waiting_found, NULL,
                                       g_get_real_time (), &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_assert_finalize_object (fixture->outbox);
  g_assert_finalize_object (fixture->store);
  kp_test_remove_tree (fixture->dir);
  g_free (fixture->waiting_found);
  g_free (fixture->delivered_found);
  g_free (fixture->refused_report);
  g_free (fixture->waiting_report);
  g_free (fixture->config_path);
  g_free (fixture->dir);
}

static JsonObject *
find_route (JsonArray *routes, const char *name)
{
  for (guint i = 0; i < json_array_get_length (routes); i++)
    {
      JsonObject *route = json_array_get_object_element (routes, i);

      if (g_str_equal (json_object_get_string_member (route, "route"), name))
        return route;
    }
  g_error ("no route %s in the summary", name);
}

static void
test_summary_per_route (Fixture *fixture, gconstpointer data)
{
  const char *const json_args[] = { "--json", "outbox", NULL };
  const char *const text_args[] = { "outbox", NULL };
  g_auto (KpTestRun) run = { 0 };
  g_auto (KpTestRun) text = { 0 };
  g_autoptr (JsonNode) root = NULL;
  JsonArray *routes;
  JsonObject *zgw;
  JsonObject *embedded;

  kp_test_run_ctl_with_config (&run, fixture->config_path, json_args);
  kp_test_assert_success (&run);
  root = kp_test_parse_json (run.out);
  routes = json_object_get_array_member (json_node_get_object (root), "routes");
  g_assert_cmpuint (json_array_get_length (routes), ==, 2);

  zgw = find_route (routes, "zgw");
  g_assert_cmpint (json_object_get_int_member (zgw, "waiting"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (zgw, "rejected"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (zgw, "oldest_waiting_age_seconds"), >=, 0);
  g_assert_cmpstr (json_object_get_string_member (zgw, "last_error"), ==, ZGW_ERROR);

  /* Found objects stay in the embedded register; the delivered one is not counted. */
  embedded = find_route (routes, "embedded");
  g_assert_cmpint (json_object_get_int_member (embedded, "waiting"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (embedded, "rejected"), ==, 0);
  g_assert_true (json_object_get_null_member (embedded, "last_error"));

  kp_test_run_ctl_with_config (&text, fixture->config_path, text_args);
  kp_test_assert_success (&text);
  kp_test_assert_contains (text.out, "Route zgw");
  kp_test_assert_contains (text.out, ZGW_ERROR);
}

static KpOutboxItem *
lookup (Fixture *fixture, const char *reference)
{
  g_autoptr (GError) error = NULL;
  KpOutboxItem *item = kp_outbox_lookup (fixture->outbox, reference, &error);

  g_assert_no_error (error);
  return item;
}

/* A refused row waits again, due now, with its attempts kept; so does a waiting one. */
static void
test_retry_makes_due_now (Fixture *fixture, gconstpointer data)
{
  const char *const waiting[] = { fixture->refused_report, fixture->waiting_report };

  for (gsize i = 0; i < G_N_ELEMENTS (waiting); i++)
    {
      const char *const args[] = { "outbox", "retry", waiting[i], NULL };
      g_auto (KpTestRun) run = { 0 };
      g_autoptr (KpOutboxItem) item = NULL;
      gint64 before = g_get_real_time ();

      kp_test_run_ctl_with_config (&run, fixture->config_path, args);
      kp_test_assert_success (&run);
      kp_test_assert_contains (run.out, waiting[i]);

      item = lookup (fixture, waiting[i]);
      g_assert_cmpint (kp_outbox_item_get_state (item), ==, KP_OUTBOX_STATE_PENDING);
      g_assert_cmpuint (kp_outbox_item_get_attempts (item), ==, 1);
      g_assert_cmpint (kp_outbox_item_get_next_attempt_at (item), <=, g_get_real_time ());
      g_assert_cmpint (kp_outbox_item_get_next_attempt_at (item), >=, before - G_TIME_SPAN_SECOND);
    }
}

/* The check bites: a delivered row or an unknown reference is refused, and nothing changes. */
static void
test_retry_refuses_delivered_and_unknown (Fixture *fixture, gconstpointer data)
{
  const char *const delivered[] = { "outbox", "retry", fixture->delivered_found, NULL };
  const char *const unknown[] = { "outbox", "retry", "KP-AAAA-AAAA", NULL };
  g_auto (KpTestRun) run = { 0 };
  g_auto (KpTestRun) missing = { 0 };
  g_autoptr (KpOutboxItem) item = NULL;

  kp_test_run_ctl_with_config (&run, fixture->config_path, delivered);
  g_assert_cmpint (run.status, ==, 1);
  kp_test_assert_contains (run.err, "delivered");
  item = lookup (fixture, fixture->delivered_found);
  g_assert_cmpint (kp_outbox_item_get_state (item), ==, KP_OUTBOX_STATE_DELIVERED);

  kp_test_run_ctl_with_config (&missing, fixture->config_path, unknown);
  g_assert_cmpint (missing.status, ==, 1);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();

  g_test_init (&argc, &argv, NULL);
  g_test_add ("/ctl-outbox/summary-per-route", Fixture, NULL, fixture_set_up,
              test_summary_per_route, fixture_tear_down);
  g_test_add ("/ctl-outbox/retry-makes-due-now", Fixture, NULL, fixture_set_up,
              test_retry_makes_due_now, fixture_tear_down);
  g_test_add ("/ctl-outbox/retry-refuses-delivered-and-unknown", Fixture, NULL, fixture_set_up,
              test_retry_refuses_delivered_and_unknown, fixture_tear_down);
  return g_test_run ();
}
