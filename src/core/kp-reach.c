/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-reach.h"

#include <math.h>

double
kp_reach_height_above_floor_mm (KpConfig *config, int height_px, double y_px)
{
  double upper;
  double lower;

  g_return_val_if_fail (KP_IS_CONFIG (config), 0);
  g_return_val_if_fail (height_px > 0, 0);

  upper = kp_config_get_screen_upper_edge_mm (config);
  lower = kp_config_get_screen_lower_edge_mm (config);
  return upper - (upper - lower) * y_px / height_px;
}

/* Whole rows covering @mm of the screen's height, rounded up: a part-row is out of reach too. */
static int
rows_for_mm (KpConfig *config, int height_px, double mm)
{
  double span
      = kp_config_get_screen_upper_edge_mm (config) - kp_config_get_screen_lower_edge_mm (config);

  return mm > 0 ? MIN ((int) ceil (mm * height_px / span), height_px / 2) : 0;
}

void
kp_reach_get_bands_px (KpConfig *config, int height_px, int *top_px, int *bottom_px)
{
  g_return_if_fail (KP_IS_CONFIG (config));
  g_return_if_fail (height_px > 0);

  *top_px = rows_for_mm (config, height_px,
                         kp_config_get_screen_upper_edge_mm (config) - KP_REACH_HIGH_MM);
  *bottom_px = rows_for_mm (config, height_px,
                            KP_REACH_LOW_MM - kp_config_get_screen_lower_edge_mm (config));
}
