/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-stats-chart.h"

#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#define SVG_WIDTH        720.0
#define SVG_CHART_HEIGHT 300.0
#define MARGIN           12.0
#define TITLE_SIZE       18.0
#define LABEL_SIZE       11.0

struct _KpStatsChart
{
  GObject parent_instance;

  char *title;
  GStrv labels;
  GArray *values;
};

G_DEFINE_FINAL_TYPE (KpStatsChart, kp_stats_chart, G_TYPE_OBJECT)

/* Written out: clang-format would put spaces into G_DEFINE_QUARK's name. */
GQuark
kp_stats_chart_error_quark (void)
{
  return g_quark_from_static_string ("kp-stats-chart-error-quark");
}

static guint
highest_value (KpStatsChart *self)
{
  guint highest = 0;

  for (guint i = 0; i < self->values->len; i++)
    highest = MAX (highest, g_array_index (self->values, guint, i));
  return highest;
}

static void
draw_centred_text (cairo_t *cr, const char *text, double centre_x, double baseline_y)
{
  cairo_text_extents_t extents;

  cairo_text_extents (cr, text, &extents);
  cairo_move_to (cr, centre_x - extents.width / 2 - extents.x_bearing, baseline_y);
  cairo_show_text (cr, text);
}

static void
kp_stats_chart_finalize (GObject *object)
{
  KpStatsChart *self = KP_STATS_CHART (object);

  g_clear_pointer (&self->values, g_array_unref);
  g_clear_pointer (&self->labels, g_strfreev);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (kp_stats_chart_parent_class)->finalize (object);
}

static void
kp_stats_chart_class_init (KpStatsChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kp_stats_chart_finalize;
}

static void
kp_stats_chart_init (KpStatsChart *self)
{
  self->values = g_array_new (FALSE, TRUE, sizeof (guint));
}

/* (transfer full) */
KpStatsChart *
kp_stats_chart_new (const char *title, const char *const *labels, const guint *values, guint n_bars)
{
  KpStatsChart *self;

  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (n_bars == 0 || (labels != NULL && values != NULL), NULL);

  self = g_object_new (KP_TYPE_STATS_CHART, NULL);
  self->title = g_strdup (title);
  self->labels = g_new0 (char *, n_bars + 1);
  for (guint i = 0; i < n_bars; i++)
    self->labels[i] = g_strdup (labels[i]);
  g_array_append_vals (self->values, values, n_bars);
  return self;
}

/* (transfer full) */
KpStatsChart *
kp_stats_chart_new_day (KpEvents *events, const GDate *day, GError **error)
{
  guint per_hour[24];
  char labels[24][4];
  const char *label_pointers[24];

  g_return_val_if_fail (KP_IS_EVENTS (events), NULL);

  if (!kp_events_count_sessions_by_hour (events, day, per_hour, error))
    return NULL;
  for (guint hour = 0; hour < 24; hour++)
    {
      g_snprintf (labels[hour], sizeof labels[hour], "%u", hour);
      label_pointers[hour] = labels[hour];
    }
  return kp_stats_chart_new (_ ("Visitors today, per hour"), label_pointers, per_hour, 24);
}

/* (transfer full) */
KpStatsChart *
kp_stats_chart_new_week (KpEvents *events, const GDate *day, GError **error)
{
  /* TRANSLATORS: short weekday names under the bars of a chart, Monday first */
  const char *labels[7]
      = { N_ ("Mon"), N_ ("Tue"), N_ ("Wed"), N_ ("Thu"), N_ ("Fri"), N_ ("Sat"), N_ ("Sun") };
  guint per_day[7];

  g_return_val_if_fail (KP_IS_EVENTS (events), NULL);

  if (!kp_events_count_sessions_by_day (events, day, per_day, error))
    return NULL;
  for (guint i = 0; i < 7; i++)
    labels[i] = _ (labels[i]);
  return kp_stats_chart_new (_ ("Visitors this week, per day"), labels, per_day, 7);
}

const char *
kp_stats_chart_get_title (KpStatsChart *self)
{
  g_return_val_if_fail (KP_IS_STATS_CHART (self), NULL);

  return self->title;
}

guint
kp_stats_chart_get_n_bars (KpStatsChart *self)
{
  g_return_val_if_fail (KP_IS_STATS_CHART (self), 0);

  return self->values->len;
}

guint
kp_stats_chart_get_value (KpStatsChart *self, guint bar)
{
  g_return_val_if_fail (KP_IS_STATS_CHART (self), 0);
  g_return_val_if_fail (bar < self->values->len, 0);

  return g_array_index (self->values, guint, bar);
}

/*
 * Dark bars on white with the count above each bar that has one, so the
 * chart reads without an axis; a day without visitors shows no bars.
 */
void
kp_stats_chart_draw (KpStatsChart *self, cairo_t *cr, double width, double height)
{
  guint n_bars;
  guint highest;
  double plot_top, plot_bottom, slot;

  g_return_if_fail (KP_IS_STATS_CHART (self));
  g_return_if_fail (cr != NULL);

  n_bars = self->values->len;
  highest = highest_value (self);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, TITLE_SIZE);
  cairo_move_to (cr, MARGIN, MARGIN + TITLE_SIZE);
  cairo_show_text (cr, self->title);

  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, LABEL_SIZE);
  plot_top = 2 * MARGIN + TITLE_SIZE + LABEL_SIZE + 4;
  plot_bottom = height - MARGIN - LABEL_SIZE - 4;
  slot = n_bars > 0 ? (width - 2 * MARGIN) / n_bars : 0;
  for (guint i = 0; i < n_bars; i++)
    {
      guint value = g_array_index (self->values, guint, i);
      double centre = MARGIN + slot * (i + 0.5);
      double bar_height = highest > 0 ? (plot_bottom - plot_top) * value / (double) highest : 0;

      cairo_set_source_rgb (cr, 0.16, 0.38, 0.64);
      cairo_rectangle (cr, centre - slot * 0.35, plot_bottom - bar_height, slot * 0.7, bar_height);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      draw_centred_text (cr, self->labels[i], centre, height - MARGIN);
      if (value > 0)
        {
          char count[16];

          g_snprintf (count, sizeof count, "%u", value);
          draw_centred_text (cr, count, centre, plot_bottom - bar_height - 4);
        }
    }
  cairo_move_to (cr, MARGIN, plot_bottom + 0.5);
  cairo_line_to (cr, width - MARGIN, plot_bottom + 0.5);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static cairo_status_t
append_to_string (void *closure, const unsigned char *data, unsigned int length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

/*
 * Cairo draws text as glyph shapes, so the titles are not text in the
 * SVG; a <title> gives them to screen readers, search and reports.
 */
static void
insert_title (GString *svg, KpStatsChart *const *charts, guint n_charts)
{
  g_autoptr (GString) title = g_string_new ("\n<title>");
  const char *root = strstr (svg->str, "<svg");
  const char *root_end = root != NULL ? strchr (root, '>') : NULL;

  if (root_end == NULL)
    return;
  for (guint i = 0; i < n_charts; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (charts[i]->title, -1);

      g_string_append_printf (title, "%s%s", i > 0 ? " / " : "", escaped);
    }
  g_string_append (title, "</title>");
  g_string_insert (svg, (gssize) (root_end + 1 - svg->str), title->str);
}

/* Written whole or not at all, so a report never picks up half a chart. */
gboolean
kp_stats_chart_write_svg (KpStatsChart *const *charts,
                          guint n_charts,
                          const char *path,
                          GError **error)
{
  g_autoptr (GString) svg = g_string_new (NULL);
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  g_autoptr (GError) write_error = NULL;

  g_return_val_if_fail (charts != NULL || n_charts == 0, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  surface = cairo_svg_surface_create_for_stream (append_to_string, svg, SVG_WIDTH,
                                                 SVG_CHART_HEIGHT * MAX (n_charts, 1));
  cr = cairo_create (surface);
  for (guint i = 0; i < n_charts; i++)
    {
      cairo_save (cr);
      cairo_translate (cr, 0, SVG_CHART_HEIGHT * i);
      kp_stats_chart_draw (charts[i], cr, SVG_WIDTH, SVG_CHART_HEIGHT);
      cairo_restore (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    {
      insert_title (svg, charts, n_charts);
      if (g_file_set_contents (path, svg->str, (gssize) svg->len, &write_error))
        return TRUE;
    }
  {
    g_autofree char *display = g_filename_display_name (path);

    g_set_error (error, KP_STATS_CHART_ERROR, KP_STATS_CHART_ERROR_WRITE,
                 _ ("Cannot write the chart to “%s”: %s"), display,
                 write_error != NULL ? write_error->message : cairo_status_to_string (status));
  }
  return FALSE;
}
