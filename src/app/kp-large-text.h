/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * Large text (EN 301 549 5.1.4): every capital H on the screen at least
 * 0.7° high at the configured viewing distance, 6.1 mm at 500 mm. The
 * kiosk's stylesheets give sizes in pixels, which no font setting scales,
 * so large text raises each size below the smallest that meets the angle.
 */

/* The visual angle a capital letter must at least subtend, in degrees. */
#define KP_LARGE_TEXT_MIN_DEGREES 0.7

/* How high, in millimetres, a capital must be to subtend the angle from @viewing_distance_mm. */
double kp_large_text_min_cap_height_mm (double viewing_distance_mm);
/* The height in pixels of a capital H drawn with @layout's font and attributes. */
int kp_large_text_measure_cap_height (PangoLayout *layout);
/* The smallest font size in pixels whose capital H in @context's font is @cap_px high or more. */
int kp_large_text_font_px_for_cap (PangoContext *context, double cap_px);
/*
 * The font sizes of @stylesheet, each raised to at least @min_px: one rule
 * per rule that sets a size in pixels, with the same selector, so the
 * rules keep their order of precedence and headings stay larger than body
 * text. (transfer full)
 */
char *kp_large_text_dup_css (const char *stylesheet, int min_px);

G_END_DECLS
