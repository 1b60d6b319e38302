/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include "kp-config.h"

G_BEGIN_DECLS

/*
 * Reach (EN 301 549 8.3): every control between 380 and 1220 mm above
 * the floor, within reach from a wheelchair and for a short person. The
 * screen's mounting, [screen] lower-edge-mm and upper-edge-mm, says where
 * each row of pixels is; the rows outside the band are kept free of controls.
 */
#define KP_REACH_LOW_MM  380.0
#define KP_REACH_HIGH_MM 1220.0

/* How high above the floor row @y_px (0 at the top) of a screen @height_px rows high is. */
double kp_reach_height_above_floor_mm (KpConfig *config, int height_px, double y_px);
/*
 * How many rows at the top and at the bottom of a screen @height_px rows
 * high lie outside the band. Each is at most half the screen, so a screen
 * mounted wholly out of reach still shows its pages.
 */
void kp_reach_get_bands_px (KpConfig *config, int height_px, int *top_px, int *bottom_px);

G_END_DECLS
