/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "ctl-stats.h"

#include "ctl-common.h"
#include "ctl-guide.h"
#include "kp-events.h"
#include "kp-stats-chart.h"

#include <glib/gi18n.h>

typedef struct
{
  char *config_path;
  char *from;
  char *to;
  char *svg_path;
  gboolean json;
  gboolean csv;
} Flags;

static void
flags_clear (Flags *flags)
{
  g_clear_pointer (&flags->config_path, g_free);
  g_clear_pointer (&flags->from, g_free);
  g_clear_pointer (&flags->to, g_free);
  g_clear_pointer (&flags->svg_path, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Flags, flags_clear)

/* ---- Printing the counts ---- */

/* "2026-12-01" (transfer full) */
static char *
format_day (const GDate *day)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", day);
  return g_strdup (text);
}

static void
print_counts_json (GPtrArray *rows)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < rows->len; i++)
    {
      const KpEventCount *row = g_ptr_array_index (rows, i);
      g_autofree char *day = format_day (&row->day);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "day");
      json_builder_add_string_value (builder, day);
      json_builder_set_member_name (builder, "hour");
      json_builder_add_int_value (builder, row->hour);
      json_builder_set_member_name (builder, "measure");
      json_builder_add_string_value (builder, row->measure);
      json_builder_set_member_name (builder, "value");
      json_builder_add_string_value (builder, row->value);
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, row->count);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  ctl_print_json (root);
}

/* RFC 4180: a field with a comma, quote or line end goes in quotes, quotes doubled. */
static void
print_csv_field (const char *text, char end)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    g_print ("%s%c", text, end);
  else
    {
      g_auto (GStrv) parts = g_strsplit (text, "\"", -1);
      g_autofree char *doubled = g_strjoinv ("\"\"", parts);

      g_print ("\"%s\"%c", doubled, end);
    }
}

static void
print_counts_csv (GPtrArray *rows)
{
  g_print ("day,hour,measure,value,count\n");
  for (guint i = 0; i < rows->len; i++)
    {
      const KpEventCount *row = g_ptr_array_index (rows, i);
      g_autofree char *day = format_day (&row->day);

      g_print ("%s,%u,", day, row->hour);
      print_csv_field (row->measure, ',');
      print_csv_field (row->value, ',');
      g_print ("%u\n", row->count);
    }
}

static void
print_counts_text (GPtrArray *rows)
{
  if (rows->len == 0)
    {
      g_print ("%s\n", _ ("Nothing was counted on these days."));
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const KpEventCount *row = g_ptr_array_index (rows, i);
      g_autofree char *day = format_day (&row->day);

      g_print ("%s %02u:00  %-22s %-24s %6u\n", day, row->hour, row->measure, row->value,
               row->count);
    }
}

/* ---- Commands ---- */

static int
command_counts (KpEvents *events, const Flags *flags, GError **error)
{
  g_autoptr (GPtrArray) rows = NULL;
  GDate from;
  GDate to;

  if (flags->from == NULL || flags->to == NULL)
    return ctl_usage (error, _ ("Give the days with --from and --to, or a chart file with --svg."));
  if (ctl_parse_day ("from", flags->from, &from, error) != EXIT_OK
      || ctl_parse_day ("to", flags->to, &to, error) != EXIT_OK)
    return EXIT_USAGE;
  if (g_date_compare (&from, &to) > 0)
    return ctl_usage (error, _ ("--from must not be after --to."));

  rows = kp_events_query (events, &from, &to, error);
  if (rows == NULL)
    return EXIT_FAILED;
  if (flags->json)
    print_counts_json (rows);
  else if (flags->csv)
    print_counts_csv (rows);
  else
    print_counts_text (rows);
  return EXIT_OK;
}

static void
set_today (GDate *date)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
}

/* Today by hour above this week by day, as the volunteer screen shows them. */
static int
command_svg (KpEvents *events, const Flags *flags, GError **error)
{
  g_autoptr (KpStatsChart) day_chart = NULL;
  g_autoptr (KpStatsChart) week_chart = NULL;
  GDate today;

  set_today (&today);
  day_chart = kp_stats_chart_new_day (events, &today, error);
  if (day_chart == NULL)
    return EXIT_FAILED;
  week_chart = kp_stats_chart_new_week (events, &today, error);
  if (week_chart == NULL)
    return EXIT_FAILED;
  {
    KpStatsChart *const charts[] = { day_chart, week_chart };

    if (!kp_stats_chart_write_svg (charts, G_N_ELEMENTS (charts), flags->svg_path, error))
      return EXIT_FAILED;
  }
  return EXIT_OK;
}

/* --svg, --json and --csv each choose a different output; the days go with the counts only. */
static int
check_flags (const Flags *flags, char **words, GError **error)
{
  if (g_strv_length (words) != 1)
    return ctl_usage (error, _ ("“stats” takes no arguments, only flags."));
  if (flags->json && flags->csv)
    return ctl_usage (error, _ ("Choose --json or --csv, not both."));
  if (flags->svg_path != NULL
      && (flags->json || flags->csv || flags->from != NULL || flags->to != NULL))
    return ctl_usage (error, _ ("--svg draws today and this week; it takes no other flags."));
  return EXIT_OK;
}

gboolean
ctl_stats_is_command (int argc, char **argv)
{
  return ctl_first_word_is (argc, argv, "stats");
}

static GOptionContext *
new_option_context (Flags *flags)
{
  const GOptionEntry entries[] = {
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &flags->config_path,
      N_ ("Read the configuration from FILE"), N_ ("FILE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &flags->from, N_ ("The first day, as 2026-12-01"),
      N_ ("DAY") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &flags->to, N_ ("The last day, as 2026-12-31"), N_ ("DAY") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &flags->json, N_ ("Print JSON for scripts instead of text"),
      NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &flags->csv, N_ ("Print CSV for a spreadsheet"), NULL },
    { "svg", 0, 0, G_OPTION_ARG_FILENAME, &flags->svg_path,
      N_ ("Draw today and this week as bar charts into FILE"), N_ ("FILE") },
    { NULL },
  };
  GOptionContext *context = g_option_context_new (_ ("stats"));

  g_option_context_set_summary (
      context, _ ("The pilot's anonymous counts of this kiosk.\n"
                  "\n"
                  "  stats --from DAY --to DAY [--json|--csv]   Counts per day and hour\n"
                  "  stats --svg FILE                           Today and this week as charts"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

int
ctl_stats_main (int argc, char **argv)
{
  g_auto (Flags) flags = { 0 };
  g_autoptr (GOptionContext) context = new_option_context (&flags);
  g_autoptr (GError) error = NULL;
  g_autoptr (KpConfig) config = NULL;
  g_autoptr (KpStore) store = NULL;
  g_autoptr (KpEvents) events = NULL;
  int status;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ctl_report (context, EXIT_USAGE, error);
  status = check_flags (&flags, argv + 1, &error);
  if (status != EXIT_OK)
    return ctl_report (context, status, error);

  store = ctl_open_store (flags.config_path, &config, &error);
  if (store != NULL)
    events = kp_events_new (store, config, &error);
  if (events == NULL)
    return ctl_report (context, EXIT_FAILED, error);
  if (flags.svg_path != NULL)
    status = command_svg (events, &flags, &error);
  else
    status = command_counts (events, &flags, &error);
  return ctl_report (context, status, error);
}
