/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-large-text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Measured large, so rounding to whole pixels hardly changes the proportion. */
#define REFERENCE_FONT_PX 200
/* Font sizes are whole pixels; a few steps up cover any rounding of the first guess. */
#define MAX_ROUNDING_STEPS 8

double
kp_large_text_min_cap_height_mm (double viewing_distance_mm)
{
  double half_angle = KP_LARGE_TEXT_MIN_DEGREES / 2 * G_PI / 180;

  return 2 * viewing_distance_mm * tan (half_angle);
}

int
kp_large_text_measure_cap_height (PangoLayout *layout)
{
  g_autoptr (PangoLayout) capital = NULL;
  PangoRectangle ink;

  g_return_val_if_fail (PANGO_IS_LAYOUT (layout), 0);

  /* A copy keeps the label's font and markup; its own text may have no capital at all. */
  capital = pango_layout_copy (layout);
  pango_layout_set_text (capital, "H", -1);
  pango_layout_get_pixel_extents (capital, &ink, NULL);
  return ink.height;
}

static int
measure_cap_at (PangoContext *context, int font_px)
{
  g_autoptr (PangoLayout) layout = pango_layout_new (context);
  g_autoptr (PangoFontDescription) font
      = pango_font_description_copy (pango_context_get_font_description (context));

  pango_font_description_set_absolute_size (font, font_px * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  return kp_large_text_measure_cap_height (layout);
}

int
kp_large_text_font_px_for_cap (PangoContext *context, double cap_px)
{
  int reference_cap;
  int font_px;

  g_return_val_if_fail (PANGO_IS_CONTEXT (context), 0);
  g_return_val_if_fail (cap_px > 0, 0);

  reference_cap = measure_cap_at (context, REFERENCE_FONT_PX);
  g_return_val_if_fail (reference_cap > 0, 0);
  font_px = (int) ceil (cap_px * REFERENCE_FONT_PX / reference_cap);
  for (guint step = 0; step < MAX_ROUNDING_STEPS && measure_cap_at (context, font_px) < cap_px;
       step++)
    font_px++;
  return font_px;
}

/* Whether @declarations set a font-size in pixels, and if so how many. */
static gboolean
find_font_px (const char *declarations, int *px)
{
  const char *found = strstr (declarations, "font-size");
  char *end = NULL;
  long value;

  if (found == NULL)
    return FALSE;
  found += strlen ("font-size");
  while (g_ascii_isspace (*found) || *found == ':')
    found++;
  value = strtol (found, &end, 10);
  if (end == found || !g_str_has_prefix (end, "px"))
    return FALSE;
  *px = (int) value;
  return TRUE;
}

/* @stylesheet without its comments. (transfer full) */
static char *
dup_without_comments (const char *stylesheet)
{
  GString *text = g_string_new (NULL);
  const char *rest = stylesheet;
  const char *start;

  while ((start = strstr (rest, "/*")) != NULL)
    {
      const char *end = strstr (start + 2, "*/");

      g_string_append_len (text, rest, start - rest);
      if (end == NULL)
        return g_string_free (text, FALSE);
      rest = end + 2;
    }
  g_string_append (text, rest);
  return g_string_free (text, FALSE);
}

char *
kp_large_text_dup_css (const char *stylesheet, int min_px)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) rules = NULL;
  GString *css;

  g_return_val_if_fail (stylesheet != NULL, NULL);

  css = g_string_new (NULL);
  text = dup_without_comments (stylesheet);
  rules = g_strsplit (text, "}", -1);
  for (guint i = 0; rules[i] != NULL; i++)
    {
      g_auto (GStrv) parts = g_strsplit (rules[i], "{", 2);
      int px;

      if (g_strv_length (parts) == 2 && find_font_px (parts[1], &px))
        g_string_append_printf (css, "%s { font-size: %dpx; }\n", g_strstrip (parts[0]),
                                MAX (px, min_px));
    }
  return g_string_free (css, FALSE);
}
