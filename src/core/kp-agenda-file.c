/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-agenda-file.h"

#include "kp-config-private.h"
#include "kp-store-private.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#define N_WEEKDAYS 7

#define DEFAULT_TIME_ZONE    "Europe/Amsterdam"
#define DEFAULT_SLOT_MINUTES 15
#define DEFAULT_CAPACITY     1

/*
 * The demo agenda: the municipal desks at the town hall, with the product
 * ids of ui/guide/nl/products.txt so a guidance topic's "book an
 * appointment" step goes straight to its product, and the volunteers'
 * help at this information point in the library.
 */
static const char demo_agenda[]
    = "[product paspoort]\n"
      "name=Paspoort of ID-kaart\n"
      "[product rijbewijs]\n"
      "name=Rijbewijs\n"
      "[product uittreksel]\n"
      "name=Uittreksel of verklaring\n"
      "[product geboorte]\n"
      "name=Aangifte van een geboorte\n"
      "[product overlijden]\n"
      "name=Aangifte van een overlijden\n"
      "[product trouwen]\n"
      "name=Trouwen of partnerschap melden\n"
      "[product vog]\n"
      "name=VOG aanvragen\n"
      "[product werk-inkomen]\n"
      "name=Gesprek over bijstand\n"
      "[product bouwen-advies]\n"
      "name=Gesprek over bouwen of verbouwen\n"
      "[product balie]\n"
      "name=Andere vraag aan de balie\n"
      "[product digitale-hulp]\n"
      "name=Hulp van een vrijwilliger met DigiD en de computer\n"
      "[location gemeentehuis]\n"
      "name=Gemeentehuis Lindeveen\n"
      "address=Markt 1, Lindeveen\n"
      "products=paspoort;rijbewijs;uittreksel;geboorte;overlijden;trouwen;vog;werk-inkomen;"
      "bouwen-advies;balie\n"
      "slot-minutes=15\n"
      "capacity=2\n"
      "monday=09:00-12:30, 13:30-16:30\n"
      "tuesday=09:00-12:30, 13:30-16:30\n"
      "wednesday=09:00-12:30\n"
      "thursday=09:00-12:30, 13:30-16:30, 18:00-20:00\n"
      "friday=09:00-12:30\n"
      "closed=2026-12-24;2026-12-25;2026-12-26;2026-12-31;2027-01-01;2027-04-27;2027-05-05\n"
      "[location bibliotheek]\n"
      "name=Informatiepunt in Bibliotheek De Linde\n"
      "address=Dorpsstraat 4, Lindeveen\n"
      "products=digitale-hulp\n"
      "slot-minutes=30\n"
      "capacity=2\n"
      "tuesday=10:00-12:00\n"
      "thursday=14:00-16:00\n"
      "saturday=10:00-12:00\n"
      "closed=2026-12-26;2027-01-01\n";

static const char *const weekday_keys[N_WEEKDAYS] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

static const char *const product_keys[] = { "name", NULL };
static const char *const location_keys[] = {
  "name",    "address",   "products", "time-zone", "slot-minutes", "capacity", "closed", "monday",
  "tuesday", "wednesday", "thursday", "friday",    "saturday",     "sunday",   NULL,
};

/* (transfer none) */
const char *
kp_agenda_file_get_demo_data (void)
{
  return demo_agenda;
}

/* ---- Checking values ---- */

/* Ids go into groups, URLs of the kiosk's pages and guidance topics: keep them plain. */
static gboolean
is_id (const char *id)
{
  if (*id == '\0')
    return FALSE;
  for (const char *c = id; *c != '\0'; c++)
    {
      if (!g_ascii_islower (*c) && !g_ascii_isdigit (*c) && *c != '-')
        return FALSE;
    }
  return TRUE;
}

/* The value with the white space around it removed (transfer full), "" when missing. */
static char *
dup_raw_value (GKeyFile *file, const char *group, const char *key)
{
  g_autofree char *value = g_key_file_get_value (file, group, key, NULL);

  return g_strstrip (value != NULL ? g_steal_pointer (&value) : g_strdup (""));
}

static gboolean
set_missing_error (GError **error, const char *group, const char *key, const char *expected)
{
  /* TRANSLATORS: "[group] key: missing; expected <description>" */
  g_set_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_MISSING_KEY,
               _ ("[%s] %s: missing; expected %s"), group, key, expected);
  return FALSE;
}

/* A text that is not empty. (transfer full) */
static char *
dup_text (GKeyFile *file, const char *group, const char *key, GError **error)
{
  g_autofree char *text = g_key_file_get_string (file, group, key, NULL);

  if (text == NULL || *g_strstrip (text) == '\0')
    {
      g_autofree char *raw = dup_raw_value (file, group, key);

      kp_config_set_invalid_value_error (error, group, key, _ ("a text that is not empty"), raw);
      return NULL;
    }
  return g_steal_pointer (&text);
}

static gboolean
get_number (GKeyFile *file,
            const char *group,
            const char *key,
            guint min,
            guint max,
            guint fallback,
            guint *out,
            GError **error)
{
  g_autofree char *raw = NULL;
  guint64 number;

  if (!g_key_file_has_key (file, group, key, NULL))
    {
      *out = fallback;
      return TRUE;
    }
  raw = dup_raw_value (file, group, key);
  if (!g_ascii_string_to_unsigned (raw, 10, min, max, &number, NULL))
    {
      /* TRANSLATORS: used in "expected %s"; the numbers are the lowest and highest allowed */
      g_autofree char *expected = g_strdup_printf (_ ("a whole number from %u to %u"), min, max);

      return kp_config_set_invalid_value_error (error, group, key, expected, raw);
    }
  *out = (guint) number;
  return TRUE;
}

/* (transfer full) */
static char *
dup_time_zone (GKeyFile *file, const char *group, GError **error)
{
  g_autofree char *raw = NULL;
  g_autoptr (GTimeZone) zone = NULL;

  if (!g_key_file_has_key (file, group, "time-zone", NULL))
    return g_strdup (DEFAULT_TIME_ZONE);
  raw = dup_raw_value (file, group, "time-zone");
  zone = g_time_zone_new_identifier (raw);
  if (zone == NULL)
    {
      kp_config_set_invalid_value_error (error, group, "time-zone",
                                         _ ("a time zone like “Europe/Amsterdam”"), raw);
      return NULL;
    }
  return g_steal_pointer (&raw);
}

/* "2026-12-25": a real date, written the one way, so lists are easy to read and compare. */
static gboolean
is_iso_date (const char *text)
{
  unsigned year;
  unsigned month;
  unsigned day;
  int length = 0;

  return strlen (text) == 10 && sscanf (text, "%4u-%2u-%2u%n", &year, &month, &day, &length) == 3
         && length == 10 && g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

/* Items of a ";" list, trimmed and without empty ones (a trailing ";"). (transfer full) */
static GStrv
dup_list (GKeyFile *file, const char *group, const char *key)
{
  g_auto (GStrv) items = g_key_file_get_string_list (file, group, key, NULL, NULL);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      if (*g_strstrip (items[i]) != '\0')
        g_strv_builder_add (builder, items[i]);
    }
  return g_strv_builder_end (builder);
}

/* ---- Groups ---- */

static gboolean
check_known_keys (GKeyFile *file, const char *group, const char *const *known, GError **error)
{
  g_auto (GStrv) keys = g_key_file_get_keys (file, group, NULL, NULL);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      if (!g_strv_contains (known, keys[i]))
        {
          g_set_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_UNKNOWN_KEY,
                       _ ("[%s] %s: unknown key; check the spelling"), group, keys[i]);
          return FALSE;
        }
    }
  return TRUE;
}

/* "product paspoort" → "paspoort" for @kind "product"; NULL for another kind of group. */
static const char *
group_id (const char *group, const char *kind)
{
  gsize length = strlen (kind);

  if (strncmp (group, kind, length) != 0 || group[length] != ' ')
    return NULL;
  return group + length + 1;
}

static gboolean
check_groups (GKeyFile *file, GError **error)
{
  g_auto (GStrv) groups = g_key_file_get_groups (file, NULL);
  guint n_products = 0;
  guint n_locations = 0;

  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *product = group_id (groups[i], "product");
      const char *location = group_id (groups[i], "location");
      const char *id = product != NULL ? product : location;

      if (id == NULL || !is_id (id))
        {
          g_set_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_UNKNOWN_KEY,
                       _ ("[%s]: unknown group; expected “[product ID]” or “[location ID]” with "
                          "an ID of small letters, digits and “-”"),
                       groups[i]);
          return FALSE;
        }
      if (!check_known_keys (file, groups[i], product != NULL ? product_keys : location_keys,
                             error))
        return FALSE;
      n_products += product != NULL;
      n_locations += location != NULL;
    }
  if (n_products == 0 || n_locations == 0)
    {
      g_set_error_literal (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_MISSING_KEY,
                           _ ("The agenda needs at least one [product ID] and one [location ID]."));
      return FALSE;
    }
  return TRUE;
}

/* ---- Writing ---- */

/*
 * Runs @sql with its parameters bound in order from @types: 't' a string,
 * 'i' an int. Keeps each insert below a single line.
 */
static gboolean
run_sql (KpStore *store, GError **error, const char *sql, const char *types, ...)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  va_list args;

  if (sqlite3_prepare_v2 (kp_store_get_db (store), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      kp_store_set_error (store, error, "agenda");
      return FALSE;
    }
  va_start (args, types);
  for (int i = 0; types[i] != '\0'; i++)
    {
      if (types[i] == 't')
        sqlite3_bind_text (stmt, i + 1, va_arg (args, const char *), -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_int (stmt, i + 1, va_arg (args, int));
    }
  va_end (args);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      kp_store_set_error (store, error, "agenda");
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_product (GKeyFile *file, const char *group, int position, KpStore *store, GError **error)
{
  g_autofree char *name = NULL;

  if (!g_key_file_has_key (file, group, "name", NULL))
    return set_missing_error (error, group, "name", _ ("a text that is not empty"));
  name = dup_text (file, group, "name", error);
  return name != NULL
         && run_sql (store, error,
                     "INSERT INTO agenda_products (id, name, position) VALUES (?1, ?2, ?3)", "tti",
                     group_id (group, "product"), name, position);
}

static gboolean
write_offers (GKeyFile *file, const char *group, const char *id, KpStore *store, GError **error)
{
  g_auto (GStrv) products = dup_list (file, group, "products");
  g_autofree char *raw = dup_raw_value (file, group, "products");
  g_autofree char *product_group = NULL;

  if (products[0] == NULL)
    return set_missing_error (error, group, "products",
                              _ ("product IDs from the [product ID] groups, separated by “;”"));
  for (guint i = 0; products[i] != NULL; i++)
    {
      g_free (product_group);
      product_group = g_strconcat ("product ", products[i], NULL);
      if (!g_key_file_has_group (file, product_group))
        return kp_config_set_invalid_value_error (
            error, group, "products",
            _ ("product IDs from the [product ID] groups, separated by “;”"), raw);
      if (!run_sql (store, error,
                    "INSERT OR IGNORE INTO agenda_offers (location_id, product_id) VALUES (?1, ?2)",
                    "tt", id, products[i]))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_hours (GKeyFile *file, const char *group, const char *id, KpStore *store, GError **error)
{
  g_autoptr (GArray) ranges = g_array_new (FALSE, FALSE, sizeof (KpTimeRange));

  for (int day = 0; day < N_WEEKDAYS; day++)
    {
      if (!g_key_file_has_key (file, group, weekday_keys[day], NULL))
        continue;
      if (!kp_config_parse_day_hours (file, group, weekday_keys[day], ranges, error))
        return FALSE;
      for (guint i = 0; i < ranges->len; i++)
        {
          const KpTimeRange *range = &g_array_index (ranges, KpTimeRange, i);

          if (!run_sql (store, error,
                        "INSERT INTO agenda_hours (location_id, weekday, opens, closes)"
                        " VALUES (?1, ?2, ?3, ?4)",
                        "tiii", id, day + G_DATE_MONDAY, (int) range->opens, (int) range->closes))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
write_closed_days (
    GKeyFile *file, const char *group, const char *id, KpStore *store, GError **error)
{
  g_auto (GStrv) days = dup_list (file, group, "closed");
  g_autofree char *raw = dup_raw_value (file, group, "closed");

  for (guint i = 0; days[i] != NULL; i++)
    {
      if (!is_iso_date (days[i]))
        return kp_config_set_invalid_value_error (
            error, group, "closed", _ ("dates like “2026-12-25”, separated by “;”"), raw);
      if (!run_sql (store, error,
                    "INSERT OR IGNORE INTO agenda_closed (location_id, day) VALUES (?1, ?2)", "tt",
                    id, days[i]))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_location (GKeyFile *file, const char *group, int position, KpStore *store, GError **error)
{
  const char *id = group_id (group, "location");
  g_autofree char *name = NULL;
  g_autofree char *address = NULL;
  g_autofree char *zone = NULL;
  guint slot_minutes;
  guint capacity;

  if (!g_key_file_has_key (file, group, "name", NULL))
    return set_missing_error (error, group, "name", _ ("a text that is not empty"));
  if ((name = dup_text (file, group, "name", error)) == NULL
      || (g_key_file_has_key (file, group, "address", NULL)
          && (address = dup_text (file, group, "address", error)) == NULL)
      || (zone = dup_time_zone (file, group, error)) == NULL
      || !get_number (file, group, "slot-minutes", 5, 240, DEFAULT_SLOT_MINUTES, &slot_minutes,
                      error)
      || !get_number (file, group, "capacity", 1, 100, DEFAULT_CAPACITY, &capacity, error))
    return FALSE;

  return run_sql (store, error,
                  "INSERT INTO agenda_locations (id, name, address, time_zone, slot_minutes,"
                  "  capacity, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                  "ttttiii", id, name, address, zone, (int) slot_minutes, (int) capacity, position)
         && write_offers (file, group, id, store, error)
         && write_hours (file, group, id, store, error)
         && write_closed_days (file, group, id, store, error);
}

/* Products first: the locations' "products" refer to them. */
static gboolean
write_groups (GKeyFile *file, KpStore *store, GError **error)
{
  g_auto (GStrv) groups = g_key_file_get_groups (file, NULL);

  for (int i = 0; groups[i] != NULL; i++)
    {
      if (group_id (groups[i], "product") != NULL
          && !write_product (file, groups[i], i, store, error))
        return FALSE;
    }
  for (int i = 0; groups[i] != NULL; i++)
    {
      if (group_id (groups[i], "location") != NULL
          && !write_location (file, groups[i], i, store, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
kp_agenda_file_write_to_store (GKeyFile *file, KpStore *store, GError **error)
{
  g_return_val_if_fail (file != NULL, FALSE);
  g_return_val_if_fail (KP_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Offers, hours and closed days go with their location or product (ON DELETE CASCADE). */
  return check_groups (file, error)
         && kp_store_exec (store, "DELETE FROM agenda_locations; DELETE FROM agenda_products;",
                           error)
         && write_groups (file, store, error);
}
