/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-reference.h"
#include "kp-store-private.h"
#include "kp-test-helpers.h"

#include <string.h>

/*
 * End to end, as an admin or a test script does it: kernpunt-ctl submit
 * writes each kind to the outbox, kernpunt-syncd --once delivers it to the
 * embedded case register, kernpunt-ctl status shows where it is. After
 * delivery no personal value is left in the database file.
 */

typedef struct
{
  char *dir;
  char *config_path;
  char *db_path;
  char *today;
} Fixture;

/* Personal values that appear nowhere else in the file. */
static const char *const personal_values[] = {
  "Omschrijving-E2E van een kapotte lamp",
  "melder.e2e@example.nl",
  "0687650001",
  "Vinder Vanderveen",
  "Kras-E2E-77",
  "Eigenaar Oosterhout",
  "Terugbel-onderwerp E2E",
};

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpStore) store = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *config = NULL;

  fixture->dir = kp_test_make_tmpdir ("submit");
  fixture->config_path = g_build_filename (fixture->dir, "kernpunt.conf", NULL);
  fixture->db_path = g_build_filename (fixture->dir, "kernpunt.db", NULL);
  fixture->today = g_date_time_format (now, "%Y-%m-%d");
  config = g_strdup_printf ("[storage]\ndata-dir=%s\n", fixture->dir);
  g_file_set_contents (fixture->config_path, config, -1, &error);
  g_assert_no_error (error);
  /* kernpunt-ctl does not make a database; the kiosk would have. */
  store = kp_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  kp_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->config_path);
  g_free (fixture->db_path);
  g_free (fixture->today);
}

static void
run_ctl (Fixture *fixture, KpTestRun *run, const char *const *args)
{
  kp_test_run_ctl_with_config (run, fixture->config_path, args);
}

/* Submits and returns the reference printed on stdout. (transfer full) */
static char *
submit (Fixture *fixture, const char *const *args)
{
  g_auto (KpTestRun) run = { 0 };

  run_ctl (fixture, &run, args);
  kp_test_assert_success (&run);
  g_assert_true (g_str_has_suffix (run.out, "\n"));
  run.out[strlen (run.out) - 1] = '\0';
  g_assert_true (kp_reference_is_valid (run.out));
  return g_steal_pointer (&run.out);
}

static guint
count_outbox_rows (Fixture *fixture)
{
  g_auto (KpTestRun) run = { 0 };
  const char *args[] = { "--json", "outbox", "list", NULL };
  g_autoptr (JsonNode) root = NULL;

  run_ctl (fixture, &run, args);
  kp_test_assert_success (&run);
  root = kp_test_parse_json (run.out);
  return json_array_get_length (json_node_get_array (root));
}

/* The status of @reference as JSON. (transfer full) */
static JsonNode *
get_status (Fixture *fixture, const char *reference)
{
  g_auto (KpTestRun) run = { 0 };
  const char *args[] = { "--json", "status", reference, NULL };

  run_ctl (fixture, &run, args);
  kp_test_assert_success (&run);
  return kp_test_parse_json (run.out);
}

/* The file's bytes once the write-ahead log is folded in. (transfer full) */
static GBytes *
read_database_bytes (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpStore) store = kp_store_open (fixture->db_path, &error);
  g_autofree char *wal_path = g_strconcat (fixture->db_path, "-wal", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *wal = NULL;
  gsize length = 0;
  gsize wal_length = 0;

  g_assert_no_error (error);
  g_assert_true (kp_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
  g_file_get_contents (fixture->db_path, &contents, &length, &error);
  g_assert_no_error (error);
  if (g_file_get_contents (wal_path, &wal, &wal_length, NULL))
    {
      contents = g_realloc (contents, length + wal_length);
      memcpy (contents + length, wal, wal_length);
      length += wal_length;
    }
  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

static gboolean
bytes_contain (GBytes *bytes, const char *text)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  gsize length = strlen (text);

  for (gsize at = 0; at + length <= size; at++)
    {
      if (memcmp (data + at, text, length) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
run_syncd_once (Fixture *fixture)
{
  g_autofree char *syncd = kp_test_program ("KERNPUNT_SYNCD");
  const char *argv[] = { syncd, "--config", fixture->config_path, "--once", NULL };
  g_auto (KpTestRun) run = { 0 };

  kp_test_run_argv (&run, argv);
  g_assert_cmpint (run.status, ==, 0);
  /* The log names references and kinds, never what a resident typed. */
  for (guint i = 0; i < G_N_ELEMENTS (personal_values); i++)
    g_assert_null (strstr (run.err, personal_values[i]));
}

static GPtrArray *
submit_each_kind (Fixture *fixture)
{
  GPtrArray *references = g_ptr_array_new_with_free_func (g_free);
  const char *report[]
      = { "submit",         "report",
          "--category",     "wegen-verkeer-straatmeubilair/straatverlichting-openbare-klok",
          "--street",       "dorpsstraat",
          "--house-number", "12a",
          "--description",  personal_values[0],
          "--email",        personal_values[1],
          "--phone",        personal_values[2],
          "--consent",      NULL };
  const char *found[] = {
    "submit",  "found",        "--object",   "wallet",           "--colour",   "black",
    "--brand", "Leder & Co",   "--marks",    personal_values[4], "--landmark", "park de linde",
    "--date",  fixture->today, "--received", "--become-owner",   "--name",     personal_values[3],
    "--phone", "06 8765 0002", NULL
  };
  const char *lost[] = { "submit",   "lost",
                         "--object", "keys",
                         "--date",   fixture->today,
                         "--where",  "In de bus",
                         "--name",   personal_values[5],
                         "--email",  "eigenaar@example.nl",
                         NULL };
  const char *callback[]
      = { "--json",     "submit",  "callback",        "--subject",     personal_values[6], "--name",
          "Ali Yılmaz", "--phone", "+31 6 8765 0003", "--part-of-day", "morning",          NULL };
  g_auto (KpTestRun) run = { 0 };
  g_autoptr (JsonNode) root = NULL;
  JsonObject *object;

  g_ptr_array_add (references, submit (fixture, report));
  g_ptr_array_add (references, submit (fixture, found));
  g_ptr_array_add (references, submit (fixture, lost));

  run_ctl (fixture, &run, callback);
  kp_test_assert_success (&run);
  root = kp_test_parse_json (run.out);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "callback");
  kp_test_assert_contains (json_object_get_string_member (object, "promise"),
                           "We call you within 2 working days");
  g_ptr_array_add (references, g_strdup (json_object_get_string_member (object, "reference")));
  return references;
}

static void
test_each_kind (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) references = submit_each_kind (fixture);
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  const char *kinds[] = { "report", "found", "lost", "callback" };

  g_assert_cmpuint (count_outbox_rows (fixture), ==, 4);
  for (guint i = 0; i < references->len; i++)
    {
      g_autoptr (JsonNode) status = get_status (fixture, g_ptr_array_index (references, i));
      JsonObject *object = json_node_get_object (status);

      g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, kinds[i]);
      g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "saved");
      g_assert_true (json_object_get_null_member (object, "case_id"));
    }
  before = read_database_bytes (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (personal_values); i++)
    g_assert_true (bytes_contain (before, personal_values[i]));

  run_syncd_once (fixture);

  for (guint i = 0; i < references->len; i++)
    {
      g_autoptr (JsonNode) status = get_status (fixture, g_ptr_array_index (references, i));
      JsonObject *object = json_node_get_object (status);
      JsonArray *history = json_object_get_array_member (object, "history");

      g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "received");
      g_assert_cmpstr (json_object_get_string_member (object, "text"), ==,
                       "The municipality has received it.");
      g_assert_true (g_str_has_prefix (json_object_get_string_member (object, "case_id"), "ZAAK-"));
      g_assert_cmpuint (json_array_get_length (history), ==, 2);
    }
  after = read_database_bytes (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (personal_values); i++)
    {
      g_test_message ("looking for “%s”", personal_values[i]);
      g_assert_false (bytes_contain (after, personal_values[i]));
    }
  for (guint i = 0; i < references->len; i++)
    g_assert_true (bytes_contain (after, g_ptr_array_index (references, i)));
}

/* The status as a volunteer reads it: typed loosely, in words. */
static void
test_status_text (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) references = submit_each_kind (fixture);
  g_autofree char *typed = g_ascii_strdown (g_ptr_array_index (references, 0), -1);
  g_autofree char *typo = g_strdup (g_ptr_array_index (references, 0));
  g_autofree char *unknown = kp_reference_generate ();
  const char *status_args[] = { "status", typed, NULL };
  const char *typo_args[] = { "status", typo, NULL };
  const char *unknown_args[] = { "status", unknown, NULL };
  g_auto (KpTestRun) run = { 0 };

  run_syncd_once (fixture);
  run_ctl (fixture, &run, status_args);
  kp_test_assert_success (&run);
  kp_test_assert_contains (run.out, g_ptr_array_index (references, 0));
  kp_test_assert_contains (run.out, "ZAAK-");
  kp_test_assert_contains (run.out, "Saved at the information point.");
  kp_test_assert_contains (run.out, "The municipality has received it.");

  /* A swap of two characters is caught by the check character. */
  typo[3] = ((char *) g_ptr_array_index (references, 0))[4];
  typo[4] = ((char *) g_ptr_array_index (references, 0))[3];
  if (typo[3] != typo[4])
    {
      run_ctl (fixture, &run, typo_args);
      g_assert_cmpint (run.status, ==, 1);
      kp_test_assert_contains (run.err, "is not a valid reference");
    }
  run_ctl (fixture, &run, unknown_args);
  g_assert_cmpint (run.status, ==, 1);
  kp_test_assert_contains (run.err, "No submission has the reference");
}

/* Every wrong value: exit status 2, the flag named with what it expects, nothing stored. */
static void
test_bad_input (Fixture *fixture, gconstpointer data)
{
  g_autofree char *text_file = g_build_filename (fixture->dir, "photo.jpg", NULL);
  const char *report[] = { "submit",   "report",      "--category",     "afval/grofvuil",
                           "--street", "Dorpsstraat", "--house-number", "4" };
#define REPORT                                                                                     \
  report[0], report[1], report[2], report[3], report[4], report[5], report[6], report[7]
  const char *description = "Een bank op de stoep.";
  const struct
  {
    const char *args[24];
    const char *message;
  } cases[] = {
    { { REPORT, "--description", "kort" }, "--description: Please write a bit more" },
    { { REPORT, "--description", "Lamp\x1b[31m kapot hier" }, "--description: " },
    { { REPORT, "--description", description, "--email", "piet@", "--consent" }, "--email: " },
    { { REPORT, "--description", description, "--email", "piet@example.nl" }, "--consent: " },
    { { REPORT, "--description", description, "--phone", "0612" }, "--phone: " },
    { { REPORT, "--description", description, "--photo", "/nonexistent/photo.jpg" }, "--photo: " },
    { { REPORT, "--description", description, "--photo", text_file },
      "--photo: This is not a photo" },
    { { "submit", "report", "--category", "afval/onbekend", "--here", "--description",
        description },
      "--category: " },
    { { "submit", "report", "--category", "afval", "--here", "--description", description },
      "--category: expected MAIN/SUB" },
    { { "submit", "report", "--category", "afval/grofvuil", "--description", description },
      "--street, --postcode, --landmark or --here: Please tell us where" },
    { { "submit", "report", "--category", "afval/grofvuil", "--street", "Dorpstraat",
        "--house-number", "4", "--description", description },
      "Did you mean: Dorpsstraat?" },
    { { "submit", "report", "--category", "afval/grofvuil", "--street", "Dorpsstraat",
        "--house-number", "999", "--description", description },
      "--house-number: " },
    { { "submit", "report", "--category", "afval/grofvuil", "--street", "Dorpsstraat",
        "--description", description },
      "--house-number: " },
    { { "submit", "report", "--category", "afval/grofvuil", "--postcode", "1234", "--house-number",
        "4", "--description", description },
      "--postcode: A postcode has 4 digits and 2 letters" },
    { { "submit", "report", "--category", "afval/grofvuil", "--here", "--landmark", "Gemeentehuis",
        "--description", description },
      "--street, --postcode, --landmark or --here: give one place, not more" },
    { { "submit", "report", "--category", "afval/grofvuil", "--landmark", "Kasteel",
        "--description", description },
      "--landmark: " },
    { { "submit", "found", "--object", "id-document", "--here", "--date", fixture->today,
        "--kept-by-finder", "--received" },
      "--kept-by-finder: " },
    { { "submit", "found", "--object", "id-document", "--here", "--date", fixture->today, "--marks",
        "J. Jansen", "--received" },
      "--marks: Do not type anything" },
    { { "submit", "found", "--object", "wallet", "--here", "--date", fixture->today },
      "--received: " },
    { { "submit", "found", "--object", "car", "--here", "--date", fixture->today, "--received" },
      "--object: " },
    { { "submit", "found", "--object", "wallet", "--here", "--date", "2099-01-01", "--received" },
      "--date: This date is in the future" },
    { { "submit", "found", "--object", "wallet", "--here", "--date", "27-11-2026", "--received" },
      "--date: expected a day as YYYY-MM-DD" },
    { { "submit", "found", "--object", "wallet", "--here", "--date", fixture->today, "--received",
        "--name", "Jan Jansen" },
      "--name: We only need your details" },
    { { "submit", "lost", "--object", "keys", "--date", fixture->today, "--name", "Jan 😀",
        "--phone", "0612345678" },
      "--name: " },
    { { "submit", "lost", "--object", "keys", "--date", fixture->today, "--name", "Jan" },
      "--phone: Please give your phone number or e-mail address" },
    { { "submit", "callback", "--subject", "Vraag over de WOZ", "--name", "Ali", "--phone",
        "0612" },
      "--phone: " },
    { { "submit", "callback", "--subject", "Vraag over de WOZ", "--name", "Ali", "--phone",
        "0612345678", "--part-of-day", "evening" },
      "--part-of-day: expected any, morning or afternoon" },
    { { "submit", "callback", "--subject", "Vraag", "--marks", "x" },
      "--marks: not a field of “submit callback”" },
    { { "submit", "parcel" }, "Unknown kind “parcel”" },
    { { "outbox", "list", "--category", "afval/grofvuil" }, "only go with “submit”" },
  };
#undef REPORT

  kp_test_write_file (fixture->dir, "photo.jpg", "not a photo at all");
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (KpTestRun) run = { 0 };

      g_test_message ("case %" G_GSIZE_FORMAT ": expecting “%s”", i, cases[i].message);
      run_ctl (fixture, &run, cases[i].args);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      kp_test_assert_contains (run.err, cases[i].message);
    }
  g_assert_cmpuint (count_outbox_rows (fixture), ==, 0);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();
  int result;

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/submit/each-kind", Fixture, NULL, fixture_set_up, test_each_kind,
              fixture_tear_down);
  g_test_add ("/submit/status-text", Fixture, NULL, fixture_set_up, test_status_text,
              fixture_tear_down);
  g_test_add ("/submit/bad-input", Fixture, NULL, fixture_set_up, test_bad_input,
              fixture_tear_down);

  result = g_test_run ();
  kp_test_remove_tree (home);
  return result;
}
