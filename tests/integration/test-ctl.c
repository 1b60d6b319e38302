/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-delivery-agent.h"
#include "kp-local-register.h"
#include "kp-outbox.h"
#include "kp-reference.h"
#include "kp-store-private.h"
#include "kp-test-helpers.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* Bytes of the two attachments of the delivered row, so checksums can be compared. */
#define PHOTO_BYTES  "not really a JPEG, but bytes all the same"
#define LETTER_BYTES "%PDF-1.4 a letter"

/*
 * A kiosk's database as an admin would find it: one row delivered with two
 * attachments, one rejected, one waiting for a retry that is two hours
 * old, one just submitted.
 */
typedef struct
{
  char *dir;
  char *config_path;
  char *db_path;
  char *delivered;
  char *rejected;
  char *retrying;
  char *fresh;
  char *case_id;
  gint64 retry_at;
} Fixture;

/* The shared folder layout: a config file that points at a data folder of its own. */
static void
write_config (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *config = g_strdup_printf ("[storage]\ndata-dir=%s\n", fixture->dir);

  fixture->config_path = g_build_filename (fixture->dir, "kernpunt.conf", NULL);
  fixture->db_path = g_build_filename (fixture->dir, "kernpunt.db", NULL);
  g_file_set_contents (fixture->config_path, config, -1, &error);
  g_assert_no_error (error);
}

/* (transfer full) */
static GPtrArray *
make_attachments (Fixture *fixture)
{
  g_autoptr (GPtrArray) attachments
      = g_ptr_array_new_with_free_func ((GDestroyNotify) kp_attachment_free);
  g_autoptr (GBytes) photo = g_bytes_new_static (PHOTO_BYTES, strlen (PHOTO_BYTES));
  g_autofree char *letter_path = g_build_filename (fixture->dir, "letter.pdf", NULL);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (letter_path, LETTER_BYTES, -1, &error);
  g_assert_no_error (error);
  g_ptr_array_add (attachments, kp_attachment_new_from_bytes ("photo.jpg", "image/jpeg", photo));
  g_ptr_array_add (attachments, kp_attachment_new_from_file ("letter.pdf", "application/pdf",
                                                             letter_path, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&attachments);
}

/* (transfer full) */
static char *
submit (KpOutbox *outbox, const char *kind, const char *payload, GPtrArray *attachments)
{
  g_autoptr (GError) error = NULL;
  char *reference = kp_outbox_submit (outbox, kind, payload, attachments, &error);

  g_assert_no_error (error);
  return reference;
}

/* Claims the oldest due row, which must be @reference. */
static void
claim (KpOutbox *outbox, const char *reference)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpOutboxItem) item = kp_outbox_claim_due (outbox, g_get_real_time (), &error);

  g_assert_no_error (error);
  g_assert_cmpstr (kp_outbox_item_get_reference (item), ==, reference);
}

static void
make_retry_two_hours_old (KpStore *store, const char *reference)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (kp_store_get_db (store),
                                       "UPDATE outbox SET created_at = created_at - ?1"
                                       " WHERE reference = ?2",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, 2 * G_TIME_SPAN_HOUR);
  sqlite3_bind_text (stmt, 2, reference, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpStore) store = NULL;
  g_autoptr (KpOutbox) outbox = NULL;
  g_autoptr (KpLocalRegister) local_register = NULL;
  g_autoptr (KpDeliveryAgent) agent = NULL;
  g_autoptr (GPtrArray) attachments = NULL;
  g_autoptr (KpOutboxItem) delivered = NULL;

  fixture->dir = kp_test_make_tmpdir ("ctl");
  write_config (fixture);
  store = kp_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  outbox = kp_outbox_new (store);
  local_register = kp_local_register_new (store);
  agent = kp_delivery_agent_new (outbox, KP_BACKEND (local_register));

  attachments = make_attachments (fixture);
  fixture->delivered = submit (
      outbox, "report", "{\"name\":\"Jan Jansen\",\"description\":\"Bench broken\"}", attachments);
  g_assert_true (kp_delivery_agent_deliver_due (agent, g_get_real_time (), NULL, NULL, &error));
  g_assert_no_error (error);
  delivered = kp_outbox_lookup (outbox, fixture->delivered, &error);
  g_assert_no_error (error);
  fixture->case_id = g_strdup (kp_outbox_item_get_remote_id (delivered));

  fixture->rejected = submit (outbox, "found-item", "{\"what\":\"umbrella\"}", NULL);
  claim (outbox, fixture->rejected);
  g_assert_true (
      kp_outbox_mark_rejected (outbox, fixture->rejected, "Case type unknown (400)", &error));
  g_assert_no_error (error);

  fixture->retrying = submit (outbox, "callback", "{\"phone\":\"0612345678\"}", NULL);
  claim (outbox, fixture->retrying);
  fixture->retry_at = g_get_real_time () + G_TIME_SPAN_HOUR;
  g_assert_true (kp_outbox_mark_retry (outbox, fixture->retrying, "Case system unavailable (503)",
                                       fixture->retry_at, &error));
  g_assert_no_error (error);
  make_retry_two_hours_old (store, fixture->retrying);

  fixture->fresh = submit (outbox, "report", "{\"description\":\"Graffiti\"}", NULL);

  g_assert_finalize_object (g_steal_pointer (&agent));
  g_assert_finalize_object (g_steal_pointer (&local_register));
  g_assert_finalize_object (g_steal_pointer (&outbox));
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  kp_test_remove_tree (fixture->dir);
  g_free (fixture->case_id);
  g_free (fixture->fresh);
  g_free (fixture->retrying);
  g_free (fixture->rejected);
  g_free (fixture->delivered);
  g_free (fixture->db_path);
  g_free (fixture->config_path);
  g_free (fixture->dir);
}

/* Runs kernpunt-ctl --config FIXTURE'S FILE followed by @first_arg and the rest. */
static void
run_ctl (Fixture *fixture, KpTestRun *run, const char *first_arg, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  va_list list;

  g_ptr_array_add (args, "--config");
  g_ptr_array_add (args, fixture->config_path);
  va_start (list, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (list, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (list);
  g_ptr_array_add (args, NULL);

  kp_test_run_ctl_args (run, (const char *const *) args->pdata);
}

/* The object in @array whose "reference" is @reference. (transfer none) */
static JsonObject *
find_by_reference (JsonArray *array, const char *reference)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (object, "reference"), reference) == 0)
        return object;
    }
  g_error ("%s not in the JSON array", reference);
}

static gint64
parse_iso8601 (const char *text)
{
  g_autoptr (GDateTime) when = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (when);
  return g_date_time_to_unix (when);
}

/* ---- status ---- */

static void
test_status_json (Fixture *fixture, gconstpointer data)
{
  g_auto (KpTestRun) run = { 0 };
  g_autoptr (JsonNode) root = NULL;
  JsonObject *status, *outbox;
  gint64 age;

  run_ctl (fixture, &run, "status", "--json", NULL);
  kp_test_assert_success (&run);
  root = kp_test_parse_json (run.out);
  status = json_node_get_object (root);

  g_assert_cmpstr (json_object_get_string_member (status, "config_source"), ==,
                   fixture->config_path);
  g_assert_cmpstr (json_object_get_string_member (status, "database"), ==, fixture->db_path);
  g_assert_cmpint (json_object_get_int_member (status, "schema_version"), ==,
                   kp_store_get_latest_schema_version ());
  outbox = json_object_get_object_member (status, "outbox");
  g_assert_cmpint (json_object_get_int_member (outbox, "pending"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (outbox, "delivering"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (outbox, "delivered"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (outbox, "rejected"), ==, 1);
  age = json_object_get_int_member (status, "oldest_pending_age_seconds");
  g_assert_cmpint (age, >=, 2 * 3600);
  g_assert_cmpint (age, <, 2 * 3600 + 60);
  g_assert_cmpint (json_object_get_int_member (status, "cases"), ==, 1);
}

static void
test_status_text (Fixture *fixture, gconstpointer data)
{
  g_auto (KpTestRun) run = { 0 };
  g_autofree char *database_line = NULL;
  g_autofree char *schema_line = NULL;

  run_ctl (fixture, &run, "status", NULL);
  kp_test_assert_success (&run);

  /* Labels and values in two aligned columns. */
  database_line = g_strdup_printf ("Database:        %s\n", fixture->db_path);
  kp_test_assert_contains (run.out, database_line);
  kp_test_assert_contains (run.out, fixture->config_path);
  schema_line = g_strdup_printf ("Schema version:  %d\n", kp_store_get_latest_schema_version ());
  kp_test_assert_contains (run.out, schema_line);
  kp_test_assert_contains (
      run.out, "Outbox:          2 pending, 0 being delivered, 1 delivered, 1 rejected");
  kp_test_assert_contains (run.out, "Oldest waiting:  2 h ");
  kp_test_assert_contains (run.out, "Cases:           1\n");
}

/* ---- outbox list ---- */

static void
test_outbox_list_json (Fixture *fixture, gconstpointer data)
{
  g_auto (KpTestRun) run = { 0 };
  g_autoptr (JsonNode) root = NULL;
  JsonArray *rows;
  JsonObject *row;

  run_ctl (fixture, &run, "--json", "outbox", "list", NULL);
  kp_test_assert_success (&run);
  root = kp_test_parse_json (run.out);
  rows = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (rows), ==, 4);

  row = find_by_reference (rows, fixture->delivered);
  g_assert_cmpstr (json_object_get_string_member (row, "state"), ==, "delivered");
  g_assert_cmpstr (json_object_get_string_member (row, "kind"), ==, "report");
  g_assert_cmpint (json_object_get_int_member (row, "attempts"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (row, "attachment_count"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (row, "remote_id"), ==, fixture->case_id);
  g_assert_cmpstr (json_object_get_string_member (row, "remote_status"), ==, "received");
  g_assert_true (json_object_get_null_member (row, "last_error"));
  g_assert_false (json_object_get_null_member (row, "delivered_at"));
  /* A list is for looking around: it carries no personal data. */
  g_assert_false (json_object_has_member (row, "payload"));

  row = find_by_reference (rows, fixture->rejected);
  g_assert_cmpstr (json_object_get_string_member (row, "state"), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (row, "last_error"), ==,
                   "Case type unknown (400)");
  g_assert_true (json_object_get_null_member (row, "remote_id"));

  row = find_by_reference (rows, fixture->retrying);
  g_assert_cmpstr (json_object_get_string_member (row, "state"), ==, "pending");
  g_assert_cmpint (parse_iso8601 (json_object_get_string_member (row, "next_attempt_at")), ==,
                   fixture->retry_at / G_USEC_PER_SEC);

  row = find_by_reference (rows, fixture->fresh);
  g_assert_cmpstr (json_object_get_string_member (row, "state"), ==, "pending");
  g_assert_cmpint (json_object_get_int_member (row, "attempts"), ==, 0);
}

/* Every row's cells start where their column's heading starts. */
static void
assert_aligned_under (char **lines, const char *heading, const char *value_on_row)
{
  glong column = g_utf8_pointer_to_offset (lines[0], strstr (lines[0], heading));
  gboolean found = FALSE;

  for (gsize i = 1; lines[i] != NULL; i++)
    {
      const char *at = strstr (lines[i], value_on_row);

      if (at == NULL)
        continue;
      g_assert_cmpint (g_utf8_pointer_to_offset (lines[i], at), ==, column);
      found = TRUE;
    }
  g_assert_true (found);
}

static void
test_outbox_list_text (Fixture *fixture, gconstpointer data)
{
  g_auto (KpTestRun) run = { 0 };
  g_auto (GStrv) lines = NULL;

  run_ctl (fixture, &run, "outbox", "list", NULL);
  kp_test_assert_success (&run);
  lines = g_strsplit (g_strchomp (run.out), "\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_true (g_str_has_prefix (lines[0], "Reference"));
  assert_aligned_under (lines, "Reference", fixture->delivered);
  assert_aligned_under (lines, "Reference", fixture->rejected);
  assert_aligned_under (lines, "Reference", fixture->retrying);
  assert_aligned_under (lines, "Reference", fixture->fresh);
  assert_aligned_under (lines, "State", "rejected");
  assert_aligned_under (lines, "Kind", "found-item");
  assert_aligned_under (lines, "Case", fixture->case_id);
  assert_aligned_under (lines, "Kind", "callback");
  /* The rejected row has no case: a dash, not an empty cell. */
  for (gsize i = 1; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], fixture->rejected))
        g_assert_true (g_str_has_suffix (lines[i], "  —"));
    }
}

/* ---- outbox show ---- */

/* As a volunteer might type it from the slip: lower case, spaces for dashes. */
static char *
typed_like_a_person (const char *reference)
{
  g_autofree char *lower = g_ascii_strdown (reference, -1);

  return g_strdelimit (g_steal_pointer (&lower), "-", ' ');
}

static void
test_outbox_show_text (Fixture *fixture, gconstpointer data)
{
  g_auto (KpTestRun) run = { 0 };
  g_autofree char *typed = typed_like_a_person (fixture->delivered);
  g_autofree char *photo_sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, PHOTO_BYTES, -1);
  g_autofree char *letter_sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, LETTER_BYTES, -1);
  g_autofree char *reference_line = g_strdup_printf ("Reference:        %s\n", fixture->delivered);
  g_autofree char *photo_size = g_strdup_printf ("%zu bytes", strlen (PHOTO_BYTES));

  run_ctl (fixture, &run, "outbox", "show", typed, NULL);
  kp_test_assert_success (&run);

  kp_test_assert_contains (run.out, reference_line);
  kp_test_assert_contains (run.out, "State:            delivered\n");
  kp_test_assert_contains (run.out, fixture->case_id);
  kp_test_assert_contains (run.out, "\"name\" : \"Jan Jansen\"");
  kp_test_assert_contains (run.out, "photo.jpg");
  kp_test_assert_contains (run.out, "letter.pdf");
  kp_test_assert_contains (run.out, photo_sum);
  kp_test_assert_contains (run.out, letter_sum);
  kp_test_assert_contains (run.out, photo_size);
}

static void
test_outbox_show_json (Fixture *fixture, gconstpointer data)
{
  g_auto (KpTestRun) run = { 0 };
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *photo_sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, PHOTO_BYTES, -1);
  g_autofree char *letter_sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, LETTER_BYTES, -1);
  const struct
  {
    const char *name;
    const char *content_type;
    gint64 size;
    const char *sha256;
    gboolean in_file;
  } expected[] = {
    { "photo.jpg", "image/jpeg", strlen (PHOTO_BYTES), photo_sum, FALSE },
    { "letter.pdf", "application/pdf", strlen (LETTER_BYTES), letter_sum, TRUE },
  };
  JsonObject *row, *payload;
  JsonArray *attachments;

  run_ctl (fixture, &run, "outbox", "show", fixture->delivered, "--json", NULL);
  kp_test_assert_success (&run);
  root = kp_test_parse_json (run.out);
  row = json_node_get_object (root);

  g_assert_cmpstr (json_object_get_string_member (row, "reference"), ==, fixture->delivered);
  g_assert_cmpstr (json_object_get_string_member (row, "state"), ==, "delivered");
  g_assert_cmpstr (json_object_get_string_member (row, "remote_id"), ==, fixture->case_id);
  g_assert_cmpuint (strlen (json_object_get_string_member (row, "idempotency_key")), >, 0);
  payload = json_object_get_object_member (row, "payload");
  g_assert_cmpstr (json_object_get_string_member (payload, "name"), ==, "Jan Jansen");

  attachments = json_object_get_array_member (row, "attachments");
  g_assert_cmpuint (json_array_get_length (attachments), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      JsonObject *attachment = json_array_get_object_element (attachments, i);

      g_assert_cmpstr (json_object_get_string_member (attachment, "name"), ==, expected[i].name);
      g_assert_cmpstr (json_object_get_string_member (attachment, "content_type"), ==,
                       expected[i].content_type);
      g_assert_cmpint (json_object_get_int_member (attachment, "size"), ==, expected[i].size);
      g_assert_cmpstr (json_object_get_string_member (attachment, "sha256"), ==,
                       expected[i].sha256);
      g_assert_cmpint (json_object_get_null_member (attachment, "path"), ==, !expected[i].in_file);
    }
}

/* One character off, as when a slip is misread: caught by the check character. */
static void
test_outbox_show_typo (Fixture *fixture, gconstpointer data)
{
  g_auto (KpTestRun) run = { 0 };
  g_autofree char *typo = g_strdup (fixture->delivered);

  /* "KP-" then the first character: swap it for another from the alphabet. */
  typo[3] = typo[3] == '2' ? '3' : '2';
  run_ctl (fixture, &run, "outbox", "show", typo, NULL);

  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  kp_test_assert_contains (run.err, typo);
  kp_test_assert_contains (run.err, "typing error");
}

static void
test_outbox_show_unknown (Fixture *fixture, gconstpointer data)
{
  g_auto (KpTestRun) run = { 0 };
  g_autofree char *unknown = kp_reference_generate ();

  run_ctl (fixture, &run, "outbox", "show", unknown, NULL);

  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  kp_test_assert_contains (run.err, unknown);
}

/* ---- cases list ---- */

static void
test_cases_list_json (Fixture *fixture, gconstpointer data)
{
  g_auto (KpTestRun) run = { 0 };
  g_autoptr (JsonNode) root = NULL;
  JsonArray *cases;
  JsonObject *kase;
  gint64 received;

  run_ctl (fixture, &run, "cases", "list", "--json", NULL);
  kp_test_assert_success (&run);
  root = kp_test_parse_json (run.out);
  cases = json_node_get_array (root);

  g_assert_cmpuint (json_array_get_length (cases), ==, 1);
  kase = json_array_get_object_element (cases, 0);
  g_assert_cmpstr (json_object_get_string_member (kase, "case_id"), ==, fixture->case_id);
  g_assert_cmpstr (json_object_get_string_member (kase, "reference"), ==, fixture->delivered);
  g_assert_cmpstr (json_object_get_string_member (kase, "kind"), ==, "report");
  g_assert_cmpstr (json_object_get_string_member (kase, "status"), ==, "received");
  received = parse_iso8601 (json_object_get_string_member (kase, "received_at"));
  g_assert_cmpint (ABS (received - g_get_real_time () / G_USEC_PER_SEC), <, 600);
  g_assert_false (json_object_has_member (kase, "payload"));
}

static void
test_cases_list_text (Fixture *fixture, gconstpointer data)
{
  g_auto (KpTestRun) run = { 0 };
  g_auto (GStrv) lines = NULL;

  run_ctl (fixture, &run, "cases", "list", NULL);
  kp_test_assert_success (&run);
  lines = g_strsplit (g_strchomp (run.out), "\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_true (g_str_has_prefix (lines[0], "Case"));
  g_assert_true (g_str_has_prefix (lines[1], fixture->case_id));
  assert_aligned_under (lines, "Reference", fixture->delivered);
  assert_aligned_under (lines, "Status", "received");
}

/* ---- the command line itself ---- */

static void
test_usage_errors (Fixture *fixture, gconstpointer data)
{
  const char *const no_command[] = { NULL };
  const char *const unknown_command[] = { "frobnicate", NULL };
  const char *const unknown_subcommand[] = { "outbox", "burn", NULL };
  const char *const missing_reference[] = { "outbox", "show", NULL };
  const char *const extra_argument[] = { "status", "KP-2345-6789", "now", NULL };
  const char *const two_references[] = { "outbox", "show", "KP-2345-6789", "KP-2345-6789", NULL };
  const char *const unknown_option[] = { "--color", "status", NULL };
  const char *const *cases[]
      = { no_command,     unknown_command, unknown_subcommand, missing_reference,
          extra_argument, two_references,  unknown_option };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (KpTestRun) run = { 0 };
      g_autofree char *joined = g_strjoinv (" ", (char **) cases[i]);

      g_test_message ("kernpunt-ctl %s", joined);
      kp_test_run_ctl_args (&run, cases[i]);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      kp_test_assert_contains (run.err, "Usage:");
      kp_test_assert_contains (run.err, "outbox show REF");
    }
}

static void
test_help (Fixture *fixture, gconstpointer data)
{
  const char *const args[] = { "--help", NULL };
  g_auto (KpTestRun) run = { 0 };

  kp_test_run_ctl_args (&run, args);
  kp_test_assert_success (&run);
  kp_test_assert_contains (run.out, "Usage:");
  kp_test_assert_contains (run.out, "--json");
  kp_test_assert_contains (run.out, "--config");
  kp_test_assert_contains (run.out, "cases list");
}

/* It reports a missing database instead of making one as whoever runs it. */
static void
test_missing_database (Fixture *fixture, gconstpointer data)
{
  g_auto (KpTestRun) run = { 0 };

  g_assert_cmpint (g_unlink (fixture->db_path), ==, 0);
  run_ctl (fixture, &run, "status", NULL);

  g_assert_cmpint (run.status, ==, 1);
  kp_test_assert_contains (run.err, fixture->db_path);
  g_assert_false (g_file_test (fixture->db_path, G_FILE_TEST_EXISTS));
}

static void
test_bad_config (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_auto (KpTestRun) run = { 0 };

  g_file_set_contents (fixture->config_path, "[storage]\ndata-dir=relative/path\n", -1, &error);
  g_assert_no_error (error);
  run_ctl (fixture, &run, "status", NULL);

  g_assert_cmpint (run.status, ==, 1);
  kp_test_assert_contains (run.err, "data-dir");
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();
  const struct
  {
    const char *path;
    void (*test) (Fixture *fixture, gconstpointer data);
  } tests[] = {
    { "/ctl/status/json", test_status_json },
    { "/ctl/status/text", test_status_text },
    { "/ctl/outbox-list/json", test_outbox_list_json },
    { "/ctl/outbox-list/text", test_outbox_list_text },
    { "/ctl/outbox-show/text", test_outbox_show_text },
    { "/ctl/outbox-show/json", test_outbox_show_json },
    { "/ctl/outbox-show/typo", test_outbox_show_typo },
    { "/ctl/outbox-show/unknown", test_outbox_show_unknown },
    { "/ctl/cases-list/json", test_cases_list_json },
    { "/ctl/cases-list/text", test_cases_list_text },
    { "/ctl/usage-errors", test_usage_errors },
    { "/ctl/help", test_help },
    { "/ctl/missing-database", test_missing_database },
    { "/ctl/bad-config", test_bad_config },
  };

  g_test_init (&argc, &argv, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (tests); i++)
    g_test_add (tests[i].path, Fixture, NULL, fixture_set_up, tests[i].test, fixture_tear_down);

  return g_test_run ();
}
