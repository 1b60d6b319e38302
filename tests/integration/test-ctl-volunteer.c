/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-events.h"
#include "kp-store.h"
#include "kp-test-helpers.h"
#include "kp-volunteers.h"

#include <string.h>

/*
 * `kernpunt-ctl volunteer ...` and `kernpunt-ctl stats ...` against a
 * database of the test's own, with the counts recorded through the same
 * core API the kiosk's pages use.
 */

#define PIN "24680"

typedef struct
{
  char *dir;
  char *config_path;
  char *db_path;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autofree char *config = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KpStore) store = NULL;

  fixture->dir = kp_test_make_tmpdir ("ctl-volunteer");
  config = g_strdup_printf ("[storage]\ndata-dir=%s\n", fixture->dir);
  kp_test_write_file (fixture->dir, "kernpunt.conf", config);
  fixture->config_path = g_build_filename (fixture->dir, "kernpunt.conf", NULL);
  /* kernpunt-ctl never makes the database; the kiosk does, at its first start. */
  fixture->db_path = g_build_filename (fixture->dir, "kernpunt.db", NULL);
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
}

/* kernpunt-ctl --config … @args, with @input (nullable) on its standard input. */
static void
run_ctl (KpTestRun *run, const Fixture *fixture, const char *input, const char *const *args)
{
  g_autofree char *ctl = kp_test_program ("KERNPUNT_CTL");
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, ctl);
  g_ptr_array_add (argv, "--config");
  g_ptr_array_add (argv, fixture->config_path);
  for (gsize i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  kp_test_run_argv_with_input (run, (const char *const *) argv->pdata, input);
}

static void
add_volunteer (const Fixture *fixture, const char *name, const char *pin_line)
{
  g_auto (KpTestRun) run = { 0 };
  const char *args[] = { "volunteer", "add", name, "--pin-stdin", NULL };

  run_ctl (&run, fixture, pin_line, args);
  kp_test_assert_success (&run);
  kp_test_assert_contains (run.out, name);
}

/* The volunteers `list --json` shows, as one "name,name" line; checks each has only name and created. */
static char *
list_names (const Fixture *fixture)
{
  g_auto (KpTestRun) run = { 0 };
  const char *args[] = { "volunteer", "list", "--json", NULL };
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GString) names = g_string_new (NULL);
  JsonArray *array;

  run_ctl (&run, fixture, NULL, args);
  kp_test_assert_success (&run);
  root = kp_test_parse_json (run.out);
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *volunteer = json_array_get_object_element (array, i);

      g_assert_cmpuint (json_object_get_size (volunteer), ==, 2);
      g_assert_nonnull (json_object_get_string_member (volunteer, "created"));
      g_string_append_printf (names, "%s%s", i > 0 ? "," : "",
                              json_object_get_string_member (volunteer, "name"));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
test_add_list_remove (Fixture *fixture, gconstpointer data)
{
  g_auto (KpTestRun) run = { 0 };
  const char *remove_args[] = { "volunteer", "remove", "Anna", NULL };
  g_autofree char *names = NULL;
  g_autofree char *after_remove = NULL;
  g_autofree char *wal_path = g_strconcat (fixture->db_path, "-wal", NULL);
  g_autoptr (KpStore) store = NULL;
  g_autoptr (KpVolunteers) volunteers = NULL;
  g_autofree char *who = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GError) error = NULL;

  add_volunteer (fixture, "Anna", PIN "\n");
  add_volunteer (fixture, "Bram", "97531\n");
  names = list_names (fixture);
  g_assert_cmpstr (names, ==, "Anna,Bram");

  /* Stored as a hash the kiosk can check, never as the digits themselves. */
  g_assert_false (kp_test_file_contains (fixture->db_path, PIN));
  g_assert_false (kp_test_file_contains (wal_path, PIN));
  store = kp_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  volunteers = kp_volunteers_new (store);
  who = kp_volunteers_verify (volunteers, PIN, now, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (who, ==, "Anna");

  run_ctl (&run, fixture, NULL, remove_args);
  kp_test_assert_success (&run);
  after_remove = list_names (fixture);
  g_assert_cmpstr (after_remove, ==, "Bram");

  /* Removing her again is refused: she is gone. */
  run_ctl (&run, fixture, NULL, remove_args);
  g_assert_cmpint (run.status, ==, 1);
}

static void
test_wrong_pin_refused (Fixture *fixture, gconstpointer data)
{
  const char *wrong_pins[] = { "1234\n", "12a45\n", "\n", "", "12 345\n" };
  const char *args[] = { "volunteer", "add", "Anna", "--pin-stdin", NULL };
  g_autofree char *names = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (wrong_pins); i++)
    {
      g_auto (KpTestRun) run = { 0 };

      run_ctl (&run, fixture, wrong_pins[i], args);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
    }
  names = list_names (fixture);
  g_assert_cmpstr (names, ==, "");
}

static void
test_bad_command_lines (Fixture *fixture, gconstpointer data)
{
  const char *const bad[][6] = {
    /* No terminal and no --pin-stdin: nowhere to ask the PIN. */
    { "volunteer", "add", "Anna", NULL },
    { "volunteer", "add", NULL },
    { "volunteer", "list", "--pin-stdin", NULL },
    { "volunteer", "fire", "Anna", NULL },
    { "stats", "--from", "2026-02-30", "--to", "2026-03-01", NULL },
    { "stats", "--from", "2026-03-02", "--to", "2026-03-01", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto (KpTestRun) run = { 0 };

      run_ctl (&run, fixture, "24680\n", bad[i]);
      g_assert_cmpint (run.status, ==, 2);
      kp_test_assert_contains (run.err, "kernpunt-ctl: ");
    }
}

/* Local time on 2 March 2026. */
static GDateTime *
at_hour (int hour, int minute)
{
  g_autoptr (GTimeZone) local = g_time_zone_new_local ();

  return g_date_time_new (local, 2026, 3, 2, hour, minute, 0);
}

/*
 * Three sessions at ten, one at eleven; "paspoort" searched in three of
 * them, "fiets" in two (too few to show); "report" opened twice.
 */
static void
record_a_morning (const Fixture *fixture)
{
  static const struct
  {
    int hour, minute;
    const char *search;
  } sessions[] = {
    { 10, 5, "paspoort" },
    { 10, 20, "paspoort fiets" },
    { 10, 40, "fiets" },
    { 11, 15, "paspoort" },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (KpConfig) config = kp_config_load (fixture->config_path, &error);
  g_autoptr (KpStore) store = kp_store_open (fixture->db_path, &error);
  g_autoptr (KpEvents) events = NULL;

  g_assert_no_error (error);
  events = kp_events_new (store, config, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (sessions); i++)
    {
      g_autoptr (GDateTime) now = at_hour (sessions[i].hour, sessions[i].minute);

      kp_events_set_now (events, now);
      kp_events_record (events, KP_EVENT_SESSION_STARTED, NULL);
      kp_events_record (events, KP_EVENT_SEARCH_NO_RESULT, sessions[i].search);
      if (i < 2)
        kp_events_record (events, KP_EVENT_TILE_OPENED, "report");
    }
  g_assert_true (kp_events_flush (events, &error));
  g_assert_no_error (error);
}

static const JsonObject *
find_row (JsonArray *rows, const char *measure, const char *value, gint64 hour)
{
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      if (g_str_equal (json_object_get_string_member (row, "measure"), measure)
          && g_str_equal (json_object_get_string_member (row, "value"), value)
          && json_object_get_int_member (row, "hour") == hour)
        return row;
    }
  return NULL;
}

static gint64
count_of (JsonArray *rows, const char *measure, const char *value, gint64 hour)
{
  const JsonObject *row = find_row (rows, measure, value, hour);

  if (row == NULL)
    return 0;
  g_assert_cmpstr (json_object_get_string_member ((JsonObject *) row, "day"), ==, "2026-03-02");
  return json_object_get_int_member ((JsonObject *) row, "count");
}

static void
test_stats_json_and_csv (Fixture *fixture, gconstpointer data)
{
  g_auto (KpTestRun) json_run = { 0 };
  g_auto (KpTestRun) csv_run = { 0 };
  g_auto (KpTestRun) day_before = { 0 };
  const char *json_args[]
      = { "stats", "--from", "2026-03-02", "--to", "2026-03-02", "--json", NULL };
  const char *csv_args[] = { "stats", "--from", "2026-03-01", "--to", "2026-03-02", "--csv", NULL };
  const char *before_args[]
      = { "stats", "--from", "2026-03-01", "--to", "2026-03-01", "--json", NULL };
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (JsonNode) before_root = NULL;
  JsonArray *rows;

  record_a_morning (fixture);

  run_ctl (&json_run, fixture, NULL, json_args);
  kp_test_assert_success (&json_run);
  root = kp_test_parse_json (json_run.out);
  rows = json_node_get_array (root);
  g_assert_cmpint (count_of (rows, "sessions", "", 10), ==, 3);
  g_assert_cmpint (count_of (rows, "sessions", "", 11), ==, 1);
  g_assert_cmpint (count_of (rows, "tile", "report", 10), ==, 2);
  g_assert_cmpint (count_of (rows, "search-word", "paspoort", 0), ==, 3);
  /* Searched in two sessions only: not shown. */
  g_assert_null (find_row (rows, "search-word", "fiets", 0));

  run_ctl (&csv_run, fixture, NULL, csv_args);
  kp_test_assert_success (&csv_run);
  g_assert_true (g_str_has_prefix (csv_run.out, "day,hour,measure,value,count\n"));
  kp_test_assert_contains (csv_run.out, "\n2026-03-02,10,sessions,,3\n");
  kp_test_assert_contains (csv_run.out, "\n2026-03-02,11,sessions,,1\n");
  kp_test_assert_contains (csv_run.out, "\n2026-03-02,10,tile,report,2\n");
  kp_test_assert_contains (csv_run.out, "\n2026-03-02,0,search-word,paspoort,3\n");
  g_assert_null (strstr (csv_run.out, "fiets"));

  /* The day before had no visitors. */
  run_ctl (&day_before, fixture, NULL, before_args);
  kp_test_assert_success (&day_before);
  before_root = kp_test_parse_json (day_before.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (before_root)), ==, 0);
}

typedef struct
{
  guint bars;
  gboolean has_title;
  gboolean in_title;
} SvgSeen;

/* Cairo fills each bar as a <path> in the bar colour; a bar of 0 is not drawn. */
static void
svg_start (GMarkupParseContext *context,
           const char *element,
           const char **names,
           const char **values,
           gpointer user_data,
           GError **error)
{
  SvgSeen *seen = user_data;

  seen->in_title = g_str_equal (element, "title");
  if (!g_str_equal (element, "path"))
    return;
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_equal (names[i], "style") && strstr (values[i], "fill:rgb(16%,38%,64%)") != NULL)
        seen->bars++;
    }
}

static void
svg_text (GMarkupParseContext *context,
          const char *text,
          gsize length,
          gpointer user_data,
          GError **error)
{
  SvgSeen *seen = user_data;

  if (seen->in_title && g_strstr_len (text, (gssize) length, "Visitors today, per hour") != NULL)
    seen->has_title = TRUE;
}

static void
svg_end (GMarkupParseContext *context, const char *element, gpointer user_data, GError **error)
{
  ((SvgSeen *) user_data)->in_title = FALSE;
}

static SvgSeen
write_and_read_svg (const Fixture *fixture)
{
  static const GMarkupParser parser = { svg_start, svg_end, svg_text, NULL, NULL };
  g_autofree char *path = g_build_filename (fixture->dir, "stats.svg", NULL);
  const char *args[] = { "stats", "--svg", path, NULL };
  g_auto (KpTestRun) run = { 0 };
  g_autofree char *svg = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GMarkupParseContext) context = NULL;
  SvgSeen seen = { 0 };

  run_ctl (&run, fixture, NULL, args);
  kp_test_assert_success (&run);
  g_assert_true (g_file_get_contents (path, &svg, NULL, &error));
  context = g_markup_parse_context_new (&parser, 0, &seen, NULL);
  /* Skip the XML declaration: GMarkup reads it as text outside the root. */
  g_assert_true (g_markup_parse_context_parse (context, strstr (svg, "<svg"), -1, &error)
                 && g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  return seen;
}

static void
test_stats_svg (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpConfig) config = kp_config_load (fixture->config_path, &error);
  g_autoptr (KpStore) store = kp_store_open (fixture->db_path, &error);
  g_autoptr (KpEvents) events = NULL;
  SvgSeen empty = write_and_read_svg (fixture);
  SvgSeen busy;

  g_assert_cmpuint (empty.bars, ==, 0);
  g_assert_true (empty.has_title);

  g_assert_no_error (error);
  events = kp_events_new (store, config, &error);
  g_assert_no_error (error);
  /* Two visitors now: one bar in today's chart, one in this week's. */
  kp_events_record (events, KP_EVENT_SESSION_STARTED, NULL);
  kp_events_record (events, KP_EVENT_SESSION_STARTED, NULL);
  g_assert_true (kp_events_flush (events, &error));

  busy = write_and_read_svg (fixture);
  g_assert_cmpuint (busy.bars, ==, 2);
}

static void
test_svg_unwritable (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "no-such-folder", "stats.svg", NULL);
  const char *args[] = { "stats", "--svg", path, NULL };
  g_auto (KpTestRun) run = { 0 };

  run_ctl (&run, fixture, NULL, args);
  g_assert_cmpint (run.status, ==, 1);
  kp_test_assert_contains (run.err, "stats.svg");
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();

  g_test_init (&argc, &argv, NULL);
  g_test_add ("/ctl-volunteer/add-list-remove", Fixture, NULL, fixture_set_up, test_add_list_remove,
              fixture_tear_down);
  g_test_add ("/ctl-volunteer/wrong-pin-refused", Fixture, NULL, fixture_set_up,
              test_wrong_pin_refused, fixture_tear_down);
  g_test_add ("/ctl-volunteer/bad-command-lines", Fixture, NULL, fixture_set_up,
              test_bad_command_lines, fixture_tear_down);
  g_test_add ("/ctl-stats/json-and-csv", Fixture, NULL, fixture_set_up, test_stats_json_and_csv,
              fixture_tear_down);
  g_test_add ("/ctl-stats/svg", Fixture, NULL, fixture_set_up, test_stats_svg, fixture_tear_down);
  g_test_add ("/ctl-stats/svg-unwritable", Fixture, NULL, fixture_set_up, test_svg_unwritable,
              fixture_tear_down);
  return g_test_run ();
}
