/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-reach.h"
#include "kp-test-helpers.h"

/* A kiosk screen 1000 rows high, mounted as @lower and @upper say. (transfer full) */
static KpConfig *
new_mounting (double lower, double upper)
{
  g_autofree char *data_dir = kp_test_make_tmpdir ("data");
  g_autofree char *text
      = g_strdup_printf ("[storage]\ndata-dir=%s\n[screen]\nlower-edge-mm=%g\nupper-edge-mm=%g\n",
                         data_dir, lower, upper);
  g_autoptr (GError) error = NULL;
  KpConfig *config = kp_config_new_from_data (text, &error);

  g_assert_no_error (error);
  return config;
}

/* The rows kept free at the top and bottom, for mountings from the floor to above the head. */
static void
test_bands (void)
{
  static const struct
  {
    double lower;
    double upper;
    int top_px;
    int bottom_px;
  } cases[] = {
    { 900, 1080, 0, 0 },    /* the demo screen: all within reach */
    { 1020, 1220, 0, 0 },   /* the top edge just at the limit */
    { 1050, 1250, 150, 0 }, /* 30 of 200 mm too high */
    { 1100, 1301, 403, 0 }, /* a part-row counts as a row */
    { 350, 550, 0, 150 },   /* 30 of 200 mm too low */
    { 300, 1300, 80, 80 },  /* a tall screen loses both ends */
    { 1400, 1600, 500, 0 }, /* wholly out of reach: at most half the screen is kept free */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (KpConfig) config = new_mounting (cases[i].lower, cases[i].upper);
      int top_px = -1;
      int bottom_px = -1;

      kp_reach_get_bands_px (config, 1000, &top_px, &bottom_px);
      g_assert_cmpint (top_px, ==, cases[i].top_px);
      g_assert_cmpint (bottom_px, ==, cases[i].bottom_px);
    }
}

/* Row 0 is the upper edge, the last row the lower edge, straight in between. */
static void
test_height_above_floor (void)
{
  g_autoptr (KpConfig) config = new_mounting (900, 1080);

  g_assert_cmpfloat_with_epsilon (kp_reach_height_above_floor_mm (config, 1080, 0), 1080, 1e-9);
  g_assert_cmpfloat_with_epsilon (kp_reach_height_above_floor_mm (config, 1080, 540), 990, 1e-9);
  g_assert_cmpfloat_with_epsilon (kp_reach_height_above_floor_mm (config, 1080, 1080), 900, 1e-9);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/reach/bands", test_bands);
  g_test_add_func ("/reach/height-above-floor", test_height_above_floor);
  return g_test_run ();
}
