/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "kp-events.h"

G_BEGIN_DECLS

/*
 * A simple bar chart of the pilot's counts: today by hour, or this week by
 * day. Drawn with cairo onto any cairo context (the volunteer screen) or
 * into an SVG file (`kernpunt-ctl stats --svg`).
 */

#define KP_STATS_CHART_ERROR (kp_stats_chart_error_quark ())

typedef enum
{
  KP_STATS_CHART_ERROR_WRITE, /* the SVG file cannot be written */
} KpStatsChartError;

#define KP_TYPE_STATS_CHART (kp_stats_chart_get_type ())
G_DECLARE_FINAL_TYPE (KpStatsChart, kp_stats_chart, KP, STATS_CHART, GObject)

GQuark kp_stats_chart_error_quark (void);

/* @title above @n_bars bars with a label under each. (transfer full) */
KpStatsChart *kp_stats_chart_new (const char *title,
                                  const char *const *labels,
                                  const guint *values,
                                  guint n_bars);
/* Sessions per hour of @day, and per day of @day's week. Blocking. (transfer full) */
KpStatsChart *kp_stats_chart_new_day (KpEvents *events, const GDate *day, GError **error);
KpStatsChart *kp_stats_chart_new_week (KpEvents *events, const GDate *day, GError **error);

const char *kp_stats_chart_get_title (KpStatsChart *self);
guint kp_stats_chart_get_n_bars (KpStatsChart *self);
guint kp_stats_chart_get_value (KpStatsChart *self, guint bar);

/* Draws into the rectangle (0, 0, @width, @height) of @cr. */
void kp_stats_chart_draw (KpStatsChart *self, cairo_t *cr, double width, double height);
/* Writes @charts one under the other into an SVG file at @path. */
gboolean kp_stats_chart_write_svg (KpStatsChart *const *charts,
                                   guint n_charts,
                                   const char *path,
                                   GError **error);

G_END_DECLS
