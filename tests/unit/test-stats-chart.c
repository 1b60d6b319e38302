/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-stats-chart.h"
#include "kp-test-helpers.h"

#include <string.h>

#define WIDTH  480
#define HEIGHT 320

/* The bar colour, as cairo stores it in an RGB24 pixel. */
#define BAR_RED   41
#define BAR_GREEN 97
#define BAR_BLUE  163

static gboolean
is_bar_pixel (guint32 pixel)
{
  int red = (pixel >> 16) & 0xff;
  int green = (pixel >> 8) & 0xff;
  int blue = pixel & 0xff;

  return ABS (red - BAR_RED) <= 2 && ABS (green - BAR_GREEN) <= 2 && ABS (blue - BAR_BLUE) <= 2;
}

/* How many pixels of column @x have the bar colour. */
static guint
bar_height_at (cairo_surface_t *surface, int x)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint height = 0;

  for (int y = 0; y < HEIGHT; y++)
    height += is_bar_pixel (*(const guint32 *) (data + y * stride + x * 4));
  return height;
}

/*
 * The bars as a person sees them, left to right: the height at the middle
 * of each run of columns that have the bar colour. A bar of 0 is no run.
 */
static GArray *
measure_bars (cairo_surface_t *surface)
{
  GArray *heights = g_array_new (FALSE, FALSE, sizeof (guint));
  int run_start = -1;

  for (int x = 0; x <= WIDTH; x++)
    {
      gboolean in_bar = x < WIDTH && bar_height_at (surface, x) > 0;

      if (in_bar && run_start < 0)
        run_start = x;
      else if (!in_bar && run_start >= 0)
        {
          guint height = bar_height_at (surface, (run_start + x) / 2);

          g_array_append_val (heights, height);
          run_start = -1;
        }
    }
  return heights;
}

static void
test_bars_proportional (void)
{
  const char *labels[] = { "ma", "di", "wo", "do", "vr" };
  const guint values[] = { 1, 0, 2, 4, 3 };
  g_autoptr (KpStatsChart) chart = kp_stats_chart_new ("Test", labels, values, 5);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  g_autoptr (GArray) heights = NULL;
  guint unit;

  kp_stats_chart_draw (chart, cr, WIDTH, HEIGHT);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  heights = measure_bars (surface);

  /* Four bars: the day with 0 visitors has none. */
  g_assert_cmpuint (heights->len, ==, 4);
  unit = g_array_index (heights, guint, 0);
  g_assert_cmpuint (unit, >, 10);
  g_assert_cmpuint (g_array_index (heights, guint, 1), >=, 2 * unit - 2);
  g_assert_cmpuint (g_array_index (heights, guint, 1), <=, 2 * unit + 2);
  g_assert_cmpuint (g_array_index (heights, guint, 2), >=, 4 * unit - 2);
  g_assert_cmpuint (g_array_index (heights, guint, 2), <=, 4 * unit + 2);
  g_assert_cmpuint (g_array_index (heights, guint, 3), >=, 3 * unit - 2);
  g_assert_cmpuint (g_array_index (heights, guint, 3), <=, 3 * unit + 2);
  cairo_surface_destroy (surface);
}

static void
test_empty_chart_has_no_bars (void)
{
  const char *labels[] = { "ma", "di" };
  const guint values[] = { 0, 0 };
  g_autoptr (KpStatsChart) chart = kp_stats_chart_new ("Test", labels, values, 2);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  g_autoptr (GArray) heights = NULL;

  kp_stats_chart_draw (chart, cr, WIDTH, HEIGHT);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  heights = measure_bars (surface);
  g_assert_cmpuint (heights->len, ==, 0);
  cairo_surface_destroy (surface);
}

typedef struct
{
  gboolean in_title;
  GString *title;
} TitleSeen;

static void
title_start (GMarkupParseContext *context,
             const char *element,
             const char **names,
             const char **values,
             gpointer user_data,
             GError **error)
{
  ((TitleSeen *) user_data)->in_title = g_str_equal (element, "title");
}

static void
title_end (GMarkupParseContext *context, const char *element, gpointer user_data, GError **error)
{
  ((TitleSeen *) user_data)->in_title = FALSE;
}

static void
title_text (GMarkupParseContext *context,
            const char *text,
            gsize length,
            gpointer user_data,
            GError **error)
{
  TitleSeen *seen = user_data;

  if (seen->in_title)
    g_string_append_len (seen->title, text, (gssize) length);
}

/* The SVG is well-formed XML whose <title> holds both charts' titles, markup escaped. */
static void
test_svg_well_formed_with_title (void)
{
  static const GMarkupParser parser = { title_start, title_end, title_text, NULL, NULL };
  const char *labels[] = { "9", "10" };
  const guint values[] = { 3, 5 };
  g_autoptr (KpStatsChart) day = kp_stats_chart_new ("Bezoekers & uren", labels, values, 2);
  g_autoptr (KpStatsChart) week = kp_stats_chart_new ("<Week>", labels, values, 2);
  KpStatsChart *const charts[] = { day, week };
  g_autofree char *dir = kp_test_make_tmpdir ("stats-chart");
  g_autofree char *path = g_build_filename (dir, "chart.svg", NULL);
  g_autofree char *unwritable = g_build_filename (dir, "missing", "chart.svg", NULL);
  g_autofree char *svg = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GMarkupParseContext) context = NULL;
  TitleSeen seen = { FALSE, g_string_new (NULL) };

  g_assert_true (kp_stats_chart_write_svg (charts, 2, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &svg, NULL, &error));
  g_assert_true (g_str_has_prefix (svg, "<?xml"));
  context = g_markup_parse_context_new (&parser, 0, &seen, NULL);
  /* GMarkup does not read the XML declaration; the document starts after it. */
  g_assert_true (g_markup_parse_context_parse (context, strstr (svg, "<svg"), -1, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (seen.title->str, ==, "Bezoekers & uren / <Week>");
  g_string_free (seen.title, TRUE);

  /* A folder that is not there: refused, and nothing half-written. */
  g_assert_false (kp_stats_chart_write_svg (charts, 2, unwritable, &error));
  g_assert_error (error, KP_STATS_CHART_ERROR, KP_STATS_CHART_ERROR_WRITE);
  kp_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/stats-chart/bars-proportional", test_bars_proportional);
  g_test_add_func ("/stats-chart/empty-chart-has-no-bars", test_empty_chart_has_no_bars);
  g_test_add_func ("/stats-chart/svg-well-formed-with-title", test_svg_well_formed_with_title);
  return g_test_run ();
}
