/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-report-category.h"

#include <glib/gi18n-lib.h>

/*
 * Signalen's main categories for public space, then their sub categories,
 * each naming its parent, in the order the kiosk offers them.
 */
static const KpReportCategory main_categories[] = {
  { "afval", NULL, N_ ("Waste"), "bin" },
  { "openbaar-groen-en-water", NULL, N_ ("Trees, parks and water"), "tree" },
  { "wegen-verkeer-straatmeubilair", NULL, N_ ("Streets and traffic"), "street" },
  { "overlast-in-de-openbare-ruimte", NULL, N_ ("Nuisance in the street"), "nuisance" },
  { "overlast-van-dieren", NULL, N_ ("Animals"), "animal" },
  { "overig", NULL, N_ ("Something else"), "more" },
};

static const KpReportCategory sub_categories[] = {
  { "grofvuil", "afval", N_ ("Large waste on the street"), "bulky-waste" },
  { "huisafval", "afval", N_ ("Rubbish bags on the street"), "rubbish-bag" },
  { "veeg-zwerfvuil", "afval", N_ ("Litter on the street"), "litter" },
  { "container-is-vol", "afval", N_ ("Container is full"), "container-full" },
  { "container-is-kapot", "afval", N_ ("Container is broken"), "container-broken" },
  { "prullenbak-is-vol", "afval", N_ ("Litter bin is full"), "litter-bin" },
  { "boom", "openbaar-groen-en-water", N_ ("Tree"), "tree" },
  { "maaien-snoeien", "openbaar-groen-en-water", N_ ("Grass or bushes too long"), "mowing" },
  { "onkruid", "openbaar-groen-en-water", N_ ("Weeds"), "weeds" },
  { "drijfvuil", "openbaar-groen-en-water", N_ ("Rubbish in the water"), "water-litter" },
  { "onderhoud-stoep-straat-en-fietspad", "wegen-verkeer-straatmeubilair",
    N_ ("Broken pavement, street or cycle path"), "pavement" },
  { "straatverlichting-openbare-klok", "wegen-verkeer-straatmeubilair",
    N_ ("Street light or clock"), "street-light" },
  { "verkeerslicht", "wegen-verkeer-straatmeubilair", N_ ("Traffic light"), "traffic-light" },
  { "gladheid", "wegen-verkeer-straatmeubilair", N_ ("Slippery road: ice or snow"), "ice" },
  { "put-riolering-verstopt", "wegen-verkeer-straatmeubilair", N_ ("Blocked drain"), "drain" },
  { "speelplaats", "wegen-verkeer-straatmeubilair", N_ ("Playground"), "playground" },
  { "fietswrak", "overlast-in-de-openbare-ruimte", N_ ("Abandoned bike"), "bike-wreck" },
  { "hondenpoep", "overlast-in-de-openbare-ruimte", N_ ("Dog poo"), "dog" },
  { "graffiti-wildplak", "overlast-in-de-openbare-ruimte", N_ ("Graffiti or posters"), "graffiti" },
  { "parkeeroverlast", "overlast-in-de-openbare-ruimte", N_ ("Parking problems"), "parking" },
  { "auto-scooter-bromfietswrak", "overlast-in-de-openbare-ruimte", N_ ("Abandoned car or scooter"),
    "car-wreck" },
  { "ratten", "overlast-van-dieren", N_ ("Rats"), "rat" },
  { "wespen", "overlast-van-dieren", N_ ("Wasps"), "wasp" },
  { "dode-dieren", "overlast-van-dieren", N_ ("Dead animal"), "dead-animal" },
  { "overig", "overig", N_ ("Something else"), "more" },
};

/* (nullable) (transfer none) */
const KpReportCategory *
kp_report_category_lookup_main (const char *slug)
{
  for (gsize i = 0; slug != NULL && i < G_N_ELEMENTS (main_categories); i++)
    {
      if (g_str_equal (main_categories[i].slug, slug))
        return &main_categories[i];
    }
  return NULL;
}

/* (nullable) (transfer none) */
const KpReportCategory *
kp_report_category_lookup (const char *main_slug, const char *slug)
{
  for (gsize i = 0; main_slug != NULL && slug != NULL && i < G_N_ELEMENTS (sub_categories); i++)
    {
      if (g_str_equal (sub_categories[i].parent, main_slug)
          && g_str_equal (sub_categories[i].slug, slug))
        return &sub_categories[i];
    }
  return NULL;
}

/* (transfer none) */
const char *
kp_report_category_get_label (const KpReportCategory *category)
{
  g_return_val_if_fail (category != NULL, NULL);

  return _ (category->label);
}

gboolean
kp_report_category_parse_path (const char *path,
                               const KpReportCategory **main,
                               const KpReportCategory **sub)
{
  g_auto (GStrv) slugs = NULL;
  const KpReportCategory *found;

  g_return_val_if_fail (path != NULL, FALSE);

  slugs = g_strsplit (path, "/", -1);
  if (g_strv_length (slugs) != 2)
    return FALSE;
  found = kp_report_category_lookup (slugs[0], slugs[1]);
  if (found == NULL)
    return FALSE;
  if (main != NULL)
    *main = kp_report_category_lookup_main (slugs[0]);
  if (sub != NULL)
    *sub = found;
  return TRUE;
}

/* The sub categories @config offers, in its order. (element-type KpReportCategory) (transfer container) */
static GPtrArray *
list_offered (KpConfig *config)
{
  const char *const *paths = kp_config_get_report_categories (config);
  GPtrArray *offered = g_ptr_array_new ();

  if (paths == NULL)
    {
      for (gsize i = 0; i < G_N_ELEMENTS (sub_categories); i++)
        g_ptr_array_add (offered, (gpointer) &sub_categories[i]);
      return offered;
    }
  /* The configuration checked every path when it was loaded. */
  for (gsize i = 0; paths[i] != NULL; i++)
    {
      const KpReportCategory *sub = NULL;

      if (kp_report_category_parse_path (paths[i], NULL, &sub))
        g_ptr_array_add (offered, (gpointer) sub);
    }
  return offered;
}

/* (element-type KpReportCategory) (transfer container) */
GPtrArray *
kp_report_category_list_main (KpConfig *config)
{
  g_autoptr (GPtrArray) offered = NULL;
  GPtrArray *mains = g_ptr_array_new ();

  g_return_val_if_fail (KP_IS_CONFIG (config), mains);

  offered = list_offered (config);
  for (guint i = 0; i < offered->len; i++)
    {
      const KpReportCategory *sub = g_ptr_array_index (offered, i);
      const KpReportCategory *main = kp_report_category_lookup_main (sub->parent);

      if (!g_ptr_array_find (mains, main, NULL))
        g_ptr_array_add (mains, (gpointer) main);
    }
  return mains;
}

/* (element-type KpReportCategory) (transfer container) */
GPtrArray *
kp_report_category_list_sub (KpConfig *config, const char *main_slug)
{
  g_autoptr (GPtrArray) offered = NULL;
  GPtrArray *subs = g_ptr_array_new ();

  g_return_val_if_fail (KP_IS_CONFIG (config), subs);
  g_return_val_if_fail (main_slug != NULL, subs);

  offered = list_offered (config);
  for (guint i = 0; i < offered->len; i++)
    {
      const KpReportCategory *sub = g_ptr_array_index (offered, i);

      if (g_str_equal (sub->parent, main_slug))
        g_ptr_array_add (subs, (gpointer) sub);
    }
  return subs;
}
