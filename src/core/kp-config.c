/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-config.h"
#include "kp-config-private.h"
#include "kp-e-form-catalogue-private.h"

#include "kp-report-category.h"

#include "kp-slip.h"
#include "kp-speaker.h"
#include "kp-web-allow-list.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#define N_WEEKDAYS 7
/* A key or secret is some dozens of characters; a bigger file is not a key file. */
#define KP_CONFIG_MAX_SECRET_BYTES 4096
#define KP_CONFIG_N_KINDS          5

/* The keypad's keys that [speech-mode] key-COMMAND maps. */
#define KP_CONFIG_N_SPEECH_KEYS 7
static const char *const speech_mode_commands[KP_CONFIG_N_SPEECH_KEYS]
    = { "up", "down", "action", "help", "back", "louder", "softer" };

/* The kinds of submission that [delivery] routes and [zgw] zaaktype-KIND names. */
static const char *const submission_kinds[KP_CONFIG_N_KINDS]
    = { "report", "found", "lost", "callback", "appointment" };

struct _KpConfig
{
  GObject parent_instance;

  char *source;
  gboolean demo;

  char *municipality_name;
  char *phone;
  char *location_name;
  char *location_town;
  double location_latitude;
  double location_longitude;

  GStrv report_categories;
  guint found_low_value_euros;

  /* Indexed by GDateWeekday - 1, so Monday comes first. */
  GArray *opening_hours[N_WEEKDAYS];
  /* [volunteers]: when a volunteer is present, indexed the same way. */
  GArray *volunteer_hours[N_WEEKDAYS];
  guint feedback_min_interval_seconds;
  guint stats_keep_days;
  guint speech_volume;

  guint idle_seconds;
  guint countdown_seconds;

  char *default_language;
  GStrv languages;

  char *data_dir;

  double screen_width_mm;
  double min_target_mm;
  double viewing_distance_mm;
  double screen_lower_edge_mm;
  double screen_upper_edge_mm;

  char *speech_output_folder;
  char *speech_log_file;
  /* [speech-mode]: keypad key names, indexed like speech_mode_commands. */
  char *speech_mode_keys[KP_CONFIG_N_SPEECH_KEYS];
  guint speech_mode_idle_factor;
  char *speech_mode_headset;

  char *appointment_backend;
  char *agenda_file;
  char *qmatic_url;
  char *qmatic_api_key_file;
  guint qmatic_timeout_seconds;

  char *printer_queue;
  char *printer_uri;
  char *printer_layout;
  char *slip_folder;
  guint printer_job_timeout;
  char *slip_qr_url_template;

  /* [zgw] and [delivery], indexed like submission_kinds. */
  char *zgw_zaken_url;
  char *zgw_catalogi_url;
  char *zgw_client_id;
  char *zgw_secret_file;
  char *zgw_rsin;
  char *zgw_catalogus;
  char *zgw_user_representation;
  guint zgw_timeout_seconds;
  gboolean zgw_set_initial_status;
  char *zgw_zaaktypen[KP_CONFIG_N_KINDS];
  char *delivery_routes[KP_CONFIG_N_KINDS];
  /* [zgw] documents and numbering: an optional Documenten API, and who numbers a zaak. */
  char *zgw_documenten_url;
  char *zgw_document_type;
  char *zgw_photo_type;
  char *zgw_numbering;

  /* [signalen] and [klantinteracties]: the MOR and customer-contact systems. */
  char *signalen_url;
  char *signalen_token_file;
  char *signalen_category_base_url;
  KpBoundingBox signalen_bounding_box;
  gboolean signalen_has_bounding_box;
  guint signalen_timeout_seconds;
  char *klantinteracties_url;
  char *klantinteracties_token_file;
  char *klantinteracties_actor;
  char *klantinteracties_kanaal;
  guint klantinteracties_timeout_seconds;

  /* [open-formulieren] and the [form:ID] groups (element-type KpEForm). */
  char *open_formulieren_url;
  char *open_formulieren_token_file;
  guint open_formulieren_refresh_minutes;
  guint open_formulieren_timeout_seconds;
  GPtrArray *e_forms;
  /* [network] and each remote system's group: group → ca-file; [network] proxy (nullable). */
  GHashTable *ca_files;
  char *network_proxy;

  /* [case-status]: B1 texts per case-system status word, with their translations. */
  GKeyFile *case_status_texts;
  /* [status-refresh] days: how long after delivery kernpunt-syncd refreshes a case's status. */
  guint status_refresh_days;

  /* [web-forms]: the web view for municipal e-forms. */
  GStrv web_forms_allowed_hosts;
  gboolean web_forms_allow_loopback_http;
  guint web_forms_idle_seconds;
  guint web_forms_memory_limit_mb;
};

G_DEFINE_FINAL_TYPE (KpConfig, kp_config, G_TYPE_OBJECT)

/* Written out: clang-format would put spaces into G_DEFINE_QUARK's name. */
GQuark
kp_config_error_quark (void)
{
  return g_quark_from_static_string ("kp-config-error-quark");
}

/*
 * The demo defaults, written as a key file so they go through the same
 * checks as a real one. [storage] data-dir is left out on purpose: a real
 * file must name it, the demo uses the user's data folder.
 */
static const char default_key_file[] = "[municipality]\n"
                                       "name=Gemeente Lindeveen\n"
                                       "phone=14 0123\n"
                                       "[location]\n"
                                       "name=Bibliotheek De Linde, Dorpsstraat 4\n"
                                       "town=Lindeveen\n"
                                       "latitude=52.8712\n"
                                       "longitude=6.5384\n"
                                       "[found-objects]\n"
                                       "low-value-euros=450\n"
                                       "[opening-hours]\n"
                                       "monday=09:00-17:00\n"
                                       "tuesday=09:00-17:00\n"
                                       "wednesday=09:00-12:30, 13:30-17:00\n"
                                       "thursday=09:00-17:00\n"
                                       "friday=09:00-17:00\n"
                                       "saturday=10:00-13:00\n"
                                       "sunday=closed\n"
                                       "[volunteers]\n"
                                       "monday=10:00-16:00\n"
                                       "tuesday=10:00-16:00\n"
                                       "wednesday=10:00-12:30\n"
                                       "thursday=10:00-16:00\n"
                                       "friday=10:00-16:00\n"
                                       "saturday=closed\n"
                                       "sunday=closed\n"
                                       "[feedback]\n"
                                       "min-interval-seconds=10\n"
                                       "[stats]\n"
                                       "keep-days=400\n"
                                       "[appointments]\n"
                                       "backend=embedded\n"
                                       "[qmatic]\n"
                                       "timeout-seconds=15\n"
                                       "[session]\n"
                                       "idle-seconds=90\n"
                                       "countdown-seconds=20\n"
                                       "[languages]\n"
                                       "default=nl\n"
                                       "available=nl;en\n"
                                       "[screen]\n"
                                       "width-mm=344\n"
                                       "min-target-mm=12\n"
                                       "viewing-distance-mm=500\n"
                                       "lower-edge-mm=900\n"
                                       "upper-edge-mm=1080\n"
                                       "[speech]\n"
                                       "volume=100\n"
                                       "[speech-mode]\n"
                                       "key-up=Up\n"
                                       "key-down=Down\n"
                                       "key-action=Return\n"
                                       "key-help=F1\n"
                                       "key-back=Escape\n"
                                       "key-louder=XF86AudioRaiseVolume\n"
                                       "key-softer=XF86AudioLowerVolume\n"
                                       "idle-factor=2\n"
                                       "headset=auto\n"
                                       "[kiosk]\n"
                                       "demo=true\n"
                                       "[web-forms]\n"
                                       "allow-loopback-http=false\n"
                                       "idle-seconds=600\n"
                                       "memory-limit-mb=1024\n"
                                       "[printer]\n"
                                       "layout=receipt\n"
                                       "job-timeout-seconds=60\n"
                                       "[slip]\n"
                                       "qr-url-template={reference}\n"
                                       "[zgw]\n"
                                       "timeout-seconds=30\n"
                                       "set-initial-status=true\n"
                                       "numbering=reference\n"
                                       "[signalen]\n"
                                       "timeout-seconds=30\n"
                                       "[klantinteracties]\n"
                                       "kanaal=informatiepunt\n"
                                       "timeout-seconds=30\n"
                                       "[open-formulieren]\n"
                                       "refresh-minutes=60\n"
                                       "timeout-seconds=30\n"
                                       "[status-refresh]\n"
                                       "days=14\n"
                                       "[delivery]\n"
                                       "report=embedded\n"
                                       "found=embedded\n"
                                       "lost=embedded\n"
                                       "callback=embedded\n"
                                       "appointment=embedded\n";

/* The languages the kiosk has translations and a voice for. */
static const char *const known_languages[] = { "nl", "en", NULL };

static const char *const weekday_keys[N_WEEKDAYS] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

static const char *const weekday_names[N_WEEKDAYS] = {
  N_ ("Monday"), N_ ("Tuesday"),  N_ ("Wednesday"), N_ ("Thursday"),
  N_ ("Friday"), N_ ("Saturday"), N_ ("Sunday"),
};

/*
 * Sets an INVALID_VALUE error that names the place of the value, what was
 * expected there and what was found, so whoever edits the file can fix it
 * without reading code.
 */
static gboolean
set_invalid_value_error (
    GError **error, const char *group, const char *key, const char *expected, const char *found)
{
  /* TRANSLATORS: "[group] key: expected <description>, got “value”" */
  g_set_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_INVALID_VALUE,
               _ ("[%s] %s: expected %s, got “%s”"), group, key, expected, found);
  return FALSE;
}

/* The value with the whitespace around it removed (transfer full). */
static char *
dup_raw_value (GKeyFile *file, const char *group, const char *key)
{
  g_autofree char *value = g_key_file_get_value (file, group, key, NULL);

  return g_strstrip (g_steal_pointer (&value));
}

static gboolean
parse_text (GKeyFile *file, const char *group, const char *key, char **out, GError **error)
{
  g_autofree char *text = g_key_file_get_string (file, group, key, NULL);

  if (text == NULL || *g_strstrip (text) == '\0')
    {
      g_autofree char *raw = dup_raw_value (file, group, key);

      return set_invalid_value_error (error, group, key, _ ("a text that is not empty"), raw);
    }
  g_free (*out);
  *out = g_steal_pointer (&text);
  return TRUE;
}

static gboolean
parse_seconds (GKeyFile *file,
               const char *group,
               const char *key,
               guint min,
               guint max,
               guint *out,
               GError **error)
{
  g_autofree char *raw = dup_raw_value (file, group, key);
  guint64 number;

  if (!g_ascii_string_to_unsigned (raw, 10, min, max, &number, NULL))
    {
      /* TRANSLATORS: used in "expected %s"; the numbers are the lowest and highest allowed */
      g_autofree char *expected
          = g_strdup_printf (_ ("a whole number of seconds from %u to %u"), min, max);

      return set_invalid_value_error (error, group, key, expected, raw);
    }
  *out = (guint) number;
  return TRUE;
}

static gboolean
parse_millimetres (GKeyFile *file,
                   const char *group,
                   const char *key,
                   double min,
                   double max,
                   double *out,
                   GError **error)
{
  g_autofree char *raw = dup_raw_value (file, group, key);
  char *end = NULL;
  double number = g_ascii_strtod (raw, &end);

  if (*raw == '\0' || *end != '\0' || !isfinite (number) || number < min || number > max)
    {
      /* TRANSLATORS: used in "expected %s"; the numbers are the lowest and highest allowed */
      g_autofree char *expected
          = g_strdup_printf (_ ("a number of millimetres from %g to %g"), min, max);

      return set_invalid_value_error (error, group, key, expected, raw);
    }
  *out = number;
  return TRUE;
}

static gboolean
parse_absolute_path (GKeyFile *file, const char *group, const char *key, char **out, GError **error)
{
  g_autofree char *path = g_key_file_get_string (file, group, key, NULL);

  if (path == NULL || !g_path_is_absolute (g_strstrip (path)))
    {
      g_autofree char *raw = dup_raw_value (file, group, key);

      return set_invalid_value_error (error, group, key, _ ("an absolute folder path"), raw);
    }
  g_free (*out);
  *out = g_canonicalize_filename (path, NULL);
  return TRUE;
}

/*
 * A phone number is shown to residents and may be dialled, so it holds
 * digits with the usual separators and nothing else.
 */
static gboolean
is_phone_number (const char *text)
{
  gboolean has_digit = FALSE;

  for (const char *c = text; *c != '\0'; c++)
    {
      if (g_ascii_isdigit (*c))
        has_digit = TRUE;
      else if (strchr ("+-() ", *c) == NULL)
        return FALSE;
    }
  return has_digit;
}

/* Parses "9:00" or "09:00" up to "24:00" into minutes after midnight. */
static gboolean
parse_clock_time (const char *text, guint16 *minutes)
{
  guint hours = 0;
  guint mins;
  const char *c = text;

  if (!g_ascii_isdigit (*c))
    return FALSE;
  while (g_ascii_isdigit (*c) && hours <= 24)
    hours = hours * 10 + (guint) (*c++ - '0');
  if (*c != ':' || c - text > 2 || !g_ascii_isdigit (c[1]) || !g_ascii_isdigit (c[2])
      || c[3] != '\0')
    return FALSE;
  mins = (guint) (c[1] - '0') * 10 + (guint) (c[2] - '0');
  if (mins > 59 || hours > 24 || (hours == 24 && mins != 0))
    return FALSE;
  *minutes = (guint16) (hours * 60 + mins);
  return TRUE;
}

/* Parses one "09:00-12:30" range; opening must come before closing. */
static gboolean
parse_time_range (const char *text, KpTimeRange *range)
{
  g_auto (GStrv) ends = g_strsplit (text, "-", -1);

  return g_strv_length (ends) == 2 && parse_clock_time (g_strstrip (ends[0]), &range->opens)
         && parse_clock_time (g_strstrip (ends[1]), &range->closes) && range->opens < range->closes;
}

/*
 * Parses a day's opening hours: "closed", or ranges separated by commas.
 * Ranges that are out of order or overlap are most likely a typo, so they
 * are refused rather than sorted.
 */
static gboolean
parse_day_hours (GKeyFile *file, const char *group, const char *key, GArray *ranges, GError **error)
{
  const char *hours_form
      = _ ("opening times like “09:00-17:00” or “09:00-12:30, 13:30-17:00”, or “closed”");
  g_autofree char *raw = dup_raw_value (file, group, key);
  g_auto (GStrv) parts = NULL;

  g_array_set_size (ranges, 0);
  if (g_ascii_strcasecmp (raw, "closed") == 0)
    return TRUE;

  parts = g_strsplit (raw, ",", -1);
  if (parts[0] == NULL)
    return set_invalid_value_error (error, group, key, hours_form, raw);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      KpTimeRange range;

      if (!parse_time_range (parts[i], &range))
        return set_invalid_value_error (error, group, key, hours_form, raw);
      if (i > 0 && range.opens < g_array_index (ranges, KpTimeRange, i - 1).closes)
        return set_invalid_value_error (
            error, group, key, _ ("opening times in the order of the day, not overlapping"), raw);
      g_array_append_val (ranges, range);
    }
  return TRUE;
}

static gboolean
is_known_language (const char *code)
{
  return g_strv_contains ((const char *const *) known_languages, code);
}

/* "nl, en": the known languages, for error messages (transfer full). */
static char *
dup_known_languages_list (void)
{
  return g_strjoinv (", ", (char **) known_languages);
}

typedef gboolean (*KpConfigParser) (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error);

static gboolean
parse_municipality_name (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_text (file, group, key, &self->municipality_name, error);
}

static gboolean
parse_phone (KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  g_autofree char *raw = dup_raw_value (file, group, key);

  if (!is_phone_number (raw))
    return set_invalid_value_error (
        error, group, key, _ ("a phone number of digits, spaces and “+-()”, like “14 0123”"), raw);
  g_free (self->phone);
  self->phone = g_steal_pointer (&raw);
  return TRUE;
}

static gboolean
parse_location_name (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_text (file, group, key, &self->location_name, error);
}

static gboolean
parse_location_town (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_text (file, group, key, &self->location_town, error);
}

/* Decimal degrees as a map shows them, e.g. "52.8712"; @limit is 90 or 180. */
static gboolean
parse_degrees (
    GKeyFile *file, const char *group, const char *key, double limit, double *out, GError **error)
{
  g_autofree char *raw = dup_raw_value (file, group, key);
  char *end = NULL;
  double number = g_ascii_strtod (raw, &end);

  if (*raw == '\0' || *end != '\0' || !isfinite (number) || fabs (number) > limit)
    {
      /* TRANSLATORS: used in "expected %s"; %g is 90 or 180 */
      g_autofree char *expected
          = g_strdup_printf (_ ("decimal degrees from -%g to %g, like “52.8712”"), limit, limit);

      return set_invalid_value_error (error, group, key, expected, raw);
    }
  *out = number;
  return TRUE;
}

static gboolean
parse_location_latitude (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_degrees (file, group, key, 90, &self->location_latitude, error);
}

static gboolean
parse_location_longitude (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_degrees (file, group, key, 180, &self->location_longitude, error);
}

/* "main/sub" paths of the report category table, each once, in the order offered. */
static gboolean
parse_report_categories (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  g_autofree char *raw = dup_raw_value (file, group, key);
  g_auto (GStrv) paths = g_key_file_get_string_list (file, group, key, NULL, NULL);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_paths = paths != NULL ? g_strv_length (paths) : 0;

  for (guint i = 0; i < n_paths; i++)
    {
      const char *path = g_strstrip (paths[i]);

      if (!kp_report_category_parse_path (path, NULL, NULL)
          || !g_hash_table_add (seen, (char *) path))
        return set_invalid_value_error (
            error, group, key,
            _ ("different categories like “afval/grofvuil”, separated by “;”, from the list in "
               "kernpunt.conf.example"),
            raw);
      g_strv_builder_add (builder, path);
    }
  if (n_paths == 0)
    return set_invalid_value_error (error, group, key, _ ("at least one category"), raw);
  g_strfreev (self->report_categories);
  self->report_categories = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
parse_found_low_value (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  g_autofree char *raw = dup_raw_value (file, group, key);
  guint64 euros;

  if (!g_ascii_string_to_unsigned (raw, 10, 1, 100000, &euros, NULL))
    return set_invalid_value_error (error, group, key,
                                    _ ("a whole number of euros from 1 to 100000"), raw);
  self->found_low_value_euros = (guint) euros;
  return TRUE;
}

/* The index of a weekday key, "monday" first; the key table only has these. */
static guint
weekday_index (const char *key)
{
  guint day = 0;

  while (day < N_WEEKDAYS && !g_str_equal (key, weekday_keys[day]))
    day++;
  g_assert (day < N_WEEKDAYS);
  return day;
}

static gboolean
parse_opening_hours (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_day_hours (file, group, key, self->opening_hours[weekday_index (key)], error);
}

static gboolean
parse_volunteer_hours (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_day_hours (file, group, key, self->volunteer_hours[weekday_index (key)], error);
}

static gboolean
parse_feedback_min_interval (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_seconds (file, group, key, 0, 3600, &self->feedback_min_interval_seconds, error);
}

static gboolean
parse_stats_keep_days (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  g_autofree char *raw = dup_raw_value (file, group, key);
  guint64 days;

  if (!g_ascii_string_to_unsigned (raw, 10, 1, 3660, &days, NULL))
    return set_invalid_value_error (error, group, key, _ ("a whole number of days from 1 to 3660"),
                                    raw);
  self->stats_keep_days = (guint) days;
  return TRUE;
}

static gboolean
parse_idle_seconds (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_seconds (file, group, key, 5, 3600, &self->idle_seconds, error);
}

static gboolean
parse_countdown_seconds (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_seconds (file, group, key, 3, 300, &self->countdown_seconds, error);
}

static gboolean
parse_default_language (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  g_autofree char *raw = dup_raw_value (file, group, key);

  if (!is_known_language (raw))
    {
      g_autofree char *known = dup_known_languages_list ();
      /* TRANSLATORS: used in "expected %s"; %s is a list of language codes */
      g_autofree char *expected = g_strdup_printf (_ ("one of the languages %s"), known);

      return set_invalid_value_error (error, group, key, expected, raw);
    }
  g_free (self->default_language);
  self->default_language = g_steal_pointer (&raw);
  return TRUE;
}

static gboolean
parse_available_languages (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  g_autofree char *raw = dup_raw_value (file, group, key);
  g_auto (GStrv) codes = g_key_file_get_string_list (file, group, key, NULL, NULL);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GPtrArray) seen = g_ptr_array_new ();

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      const char *code = g_strstrip (codes[i]);

      if (!is_known_language (code)
          || g_ptr_array_find_with_equal_func (seen, code, g_str_equal, NULL))
        break;
      g_ptr_array_add (seen, (gpointer) code);
      g_strv_builder_add (builder, code);
    }
  if (codes == NULL || seen->len == 0 || seen->len != g_strv_length (codes))
    {
      g_autofree char *known = dup_known_languages_list ();
      /* TRANSLATORS: used in "expected %s"; %s is a list of language codes */
      g_autofree char *expected
          = g_strdup_printf (_ ("a list of different languages from %s, separated by “;”"), known);

      return set_invalid_value_error (error, group, key, expected, raw);
    }
  g_strfreev (self->languages);
  self->languages = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
parse_data_dir (KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_absolute_path (file, group, key, &self->data_dir, error);
}

static gboolean
parse_screen_width (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_millimetres (file, group, key, 50, 3000, &self->screen_width_mm, error);
}

static gboolean
parse_min_target (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_millimetres (file, group, key, 5, 50, &self->min_target_mm, error);
}

static gboolean
parse_viewing_distance (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_millimetres (file, group, key, 200, 2000, &self->viewing_distance_mm, error);
}

static gboolean
parse_lower_edge (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_millimetres (file, group, key, 0, 2500, &self->screen_lower_edge_mm, error);
}

static gboolean
parse_upper_edge (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_millimetres (file, group, key, 0, 2500, &self->screen_upper_edge_mm, error);
}

static gboolean
parse_speech_volume (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  g_autofree char *raw = dup_raw_value (file, group, key);
  guint64 volume;

  if (!g_ascii_string_to_unsigned (raw, 10, 0, KP_SPEAKER_MAX_VOLUME, &volume, NULL))
    return set_invalid_value_error (error, group, key, _ ("a whole number from 0 to 200"), raw);
  self->speech_volume = (guint) volume;
  return TRUE;
}

static gboolean
parse_speech_output_folder (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_absolute_path (file, group, key, &self->speech_output_folder, error);
}

static gboolean
parse_speech_log_file (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  g_autofree char *raw = dup_raw_value (file, group, key);

  if (!g_path_is_absolute (raw))
    return set_invalid_value_error (error, group, key, _ ("an absolute file path"), raw);
  g_free (self->speech_log_file);
  self->speech_log_file = g_steal_pointer (&raw);
  return TRUE;
}

static guint
speech_key_index (const char *key)
{
  for (guint i = 0; i < KP_CONFIG_N_SPEECH_KEYS; i++)
    {
      if (g_str_equal (key + strlen ("key-"), speech_mode_commands[i]))
        return i;
    }
  g_return_val_if_reached (0);
}

/* The form of a key's name as X and GDK spell it: "Up", "KP_8", "F1", "Return". */
static gboolean
is_key_name (const char *text)
{
  gsize length = strlen (text);

  if (length == 0 || length > 32)
    return FALSE;
  for (const char *c = text; *c != '\0'; c++)
    {
      if (!g_ascii_isalnum (*c) && *c != '_')
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_speech_mode_key (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  g_autofree char *raw = dup_raw_value (file, group, key);
  guint index = speech_key_index (key);

  if (!is_key_name (raw))
    return set_invalid_value_error (error, group, key, _ ("a key name like “Up”, “KP_8” or “F1”"),
                                    raw);
  g_free (self->speech_mode_keys[index]);
  self->speech_mode_keys[index] = g_steal_pointer (&raw);
  return TRUE;
}

static gboolean
parse_speech_mode_idle_factor (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  g_autofree char *raw = dup_raw_value (file, group, key);
  guint64 factor;

  if (!g_ascii_string_to_unsigned (raw, 10, 1, 4, &factor, NULL))
    return set_invalid_value_error (error, group, key, _ ("a whole number from 1 to 4"), raw);
  self->speech_mode_idle_factor = (guint) factor;
  return TRUE;
}

static gboolean
parse_speech_mode_headset (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  g_autofree char *raw = dup_raw_value (file, group, key);

  if (!g_str_equal (raw, "auto") && !g_str_equal (raw, "yes") && !g_str_equal (raw, "no"))
    return set_invalid_value_error (error, group, key, _ ("“auto”, “yes” or “no”"), raw);
  g_free (self->speech_mode_headset);
  self->speech_mode_headset = g_steal_pointer (&raw);
  return TRUE;
}

static gboolean
parse_appointment_backend (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  g_autofree char *raw = dup_raw_value (file, group, key);

  if (!g_str_equal (raw, "embedded") && !g_str_equal (raw, "qmatic"))
    return set_invalid_value_error (error, group, key, _ ("“embedded” or “qmatic”"), raw);
  g_free (self->appointment_backend);
  self->appointment_backend = g_steal_pointer (&raw);
  return TRUE;
}

static gboolean
parse_absolute_file (GKeyFile *file, const char *group, const char *key, char **out, GError **error)
{
  g_autofree char *path = g_key_file_get_string (file, group, key, NULL);

  if (path == NULL || !g_path_is_absolute (g_strstrip (path)))
    {
      g_autofree char *raw = dup_raw_value (file, group, key);

      return set_invalid_value_error (error, group, key, _ ("an absolute file path"), raw);
    }
  g_free (*out);
  *out = g_canonicalize_filename (path, NULL);
  return TRUE;
}

static gboolean
parse_agenda_file (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_absolute_file (file, group, key, &self->agenda_file, error);
}

/* The root of Qmatic's public calendar API; the key travels in it, so only https or a test's http. */
static gboolean
parse_qmatic_url (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  g_autofree char *raw = dup_raw_value (file, group, key);
  g_autoptr (GUri) uri = g_uri_parse (raw, G_URI_FLAGS_NONE, NULL);
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : "";

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0'
      || (!g_str_equal (scheme, "https") && !g_str_equal (scheme, "http")))
    return set_invalid_value_error (
        error, group, key,
        _ ("an address like “https://agenda.example.nl/calendar-backend/public/api/”"), raw);
  g_free (self->qmatic_url);
  self->qmatic_url = g_steal_pointer (&raw);
  return TRUE;
}

static gboolean
parse_qmatic_api_key_file (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_absolute_file (file, group, key, &self->qmatic_api_key_file, error);
}

static gboolean
parse_qmatic_timeout (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_seconds (file, group, key, 1, 120, &self->qmatic_timeout_seconds, error);
}

static gboolean
parse_demo (KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  g_autofree char *raw = dup_raw_value (file, group, key);

  if (g_str_equal (raw, "true"))
    self->demo = TRUE;
  else if (g_str_equal (raw, "false"))
    self->demo = FALSE;
  else
    return set_invalid_value_error (error, group, key, _ ("“true” or “false”"), raw);
  return TRUE;
}

/*
 * A CUPS queue name as lpadmin accepts it: printable, without spaces, "/"
 * or "#", at most 127 bytes.
 */
static gboolean
is_queue_name (const char *text)
{
  if (*text == '\0' || strlen (text) > 127)
    return FALSE;
  for (const char *c = text; *c != '\0'; c++)
    {
      if (!g_ascii_isgraph (*c) || *c == '/' || *c == '#')
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_printer_queue (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  g_autofree char *raw = dup_raw_value (file, group, key);

  if (!is_queue_name (raw))
    return set_invalid_value_error (error, group, key,
                                    _ ("a CUPS queue name without spaces, “/” or “#”"), raw);
  g_free (self->printer_queue);
  self->printer_queue = g_steal_pointer (&raw);
  return TRUE;
}

static gboolean
parse_printer_uri (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  g_autofree char *raw = dup_raw_value (file, group, key);
  g_autoptr (GUri) uri = g_uri_parse (raw, G_URI_FLAGS_NONE, NULL);
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : "";

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0'
      || (!g_str_equal (scheme, "ipp") && !g_str_equal (scheme, "ipps")))
    return set_invalid_value_error (error, group, key,
                                    _ ("a printer address like “ipp://192.0.2.7/ipp/print”"), raw);
  g_free (self->printer_uri);
  self->printer_uri = g_steal_pointer (&raw);
  return TRUE;
}

static gboolean
parse_printer_layout (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  g_autofree char *raw = dup_raw_value (file, group, key);
  KpSlipLayout layout;

  if (!kp_slip_layout_from_string (raw, &layout))
    return set_invalid_value_error (error, group, key, _ ("“receipt” or “a4”"), raw);
  g_free (self->printer_layout);
  self->printer_layout = g_strdup (kp_slip_layout_to_string (layout));
  return TRUE;
}

static gboolean
parse_slip_folder (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_absolute_path (file, group, key, &self->slip_folder, error);
}

static gboolean
parse_printer_job_timeout (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_seconds (file, group, key, 5, 600, &self->printer_job_timeout, error);
}

static gboolean
parse_slip_qr_url_template (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  g_autofree char *raw = dup_raw_value (file, group, key);

  if (strstr (raw, "{reference}") == NULL)
    return set_invalid_value_error (
        error, group, key,
        _ ("a text with “{reference}” in it, like “https://example.nl/status/{reference}”"), raw);
  g_free (self->slip_qr_url_template);
  self->slip_qr_url_template = g_steal_pointer (&raw);
  return TRUE;
}

static gboolean
parse_http_url (GKeyFile *file, const char *group, const char *key, char **out, GError **error)
{
  g_autofree char *raw = dup_raw_value (file, group, key);
  g_autoptr (GUri) uri = g_uri_parse (raw, G_URI_FLAGS_NONE, NULL);
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : "";

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0'
      || (!g_str_equal (scheme, "https") && !g_str_equal (scheme, "http")))
    return set_invalid_value_error (error, group, key,
                                    _ ("an address like “https://zaken.example.nl/api/v1/”"), raw);
  g_free (*out);
  *out = g_steal_pointer (&raw);
  return TRUE;
}

static gboolean
parse_zgw_zaken_url (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_http_url (file, group, key, &self->zgw_zaken_url, error);
}

static gboolean
parse_zgw_catalogi_url (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_http_url (file, group, key, &self->zgw_catalogi_url, error);
}

static gboolean
parse_zgw_client_id (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_text (file, group, key, &self->zgw_client_id, error);
}

static gboolean
parse_zgw_secret_file (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_absolute_file (file, group, key, &self->zgw_secret_file, error);
}

static gboolean
parse_zgw_rsin (KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  g_autofree char *raw = dup_raw_value (file, group, key);

  if (!kp_config_is_valid_rsin (raw))
    return set_invalid_value_error (error, group, key,
                                    _ ("an RSIN of nine digits that passes the eleven test"), raw);
  g_free (self->zgw_rsin);
  self->zgw_rsin = g_steal_pointer (&raw);
  return TRUE;
}

static gboolean
parse_zgw_catalogus (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_text (file, group, key, &self->zgw_catalogus, error);
}

static gboolean
parse_zgw_user_representation (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_text (file, group, key, &self->zgw_user_representation, error);
}

static gboolean
parse_zgw_timeout (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_seconds (file, group, key, 1, 300, &self->zgw_timeout_seconds, error);
}

static gboolean
parse_true_false (GKeyFile *file, const char *group, const char *key, gboolean *out, GError **error)
{
  g_autofree char *raw = dup_raw_value (file, group, key);

  if (g_str_equal (raw, "true"))
    *out = TRUE;
  else if (g_str_equal (raw, "false"))
    *out = FALSE;
  else
    return set_invalid_value_error (error, group, key, _ ("“true” or “false”"), raw);
  return TRUE;
}

static gboolean
parse_zgw_set_initial_status (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_true_false (file, group, key, &self->zgw_set_initial_status, error);
}

/* The index in submission_kinds of "report" in "zaaktype-report" or "report". */
static guint
kind_index (const char *key)
{
  const char *kind = g_str_has_prefix (key, "zaaktype-") ? key + strlen ("zaaktype-") : key;
  guint i = 0;

  while (i < KP_CONFIG_N_KINDS && !g_str_equal (kind, submission_kinds[i]))
    i++;
  g_assert (i < KP_CONFIG_N_KINDS);
  return i;
}

static gboolean
parse_zgw_zaaktype (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_text (file, group, key, &self->zgw_zaaktypen[kind_index (key)], error);
}

static gboolean
parse_zgw_documenten_url (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_http_url (file, group, key, &self->zgw_documenten_url, error);
}

static gboolean
parse_zgw_document_type (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_text (file, group, key, &self->zgw_document_type, error);
}

static gboolean
parse_zgw_photo_type (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_text (file, group, key, &self->zgw_photo_type, error);
}

static gboolean
parse_zgw_numbering (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  g_autofree char *raw = dup_raw_value (file, group, key);

  if (!g_str_equal (raw, "reference") && !g_str_equal (raw, "reserve"))
    return set_invalid_value_error (error, group, key, _ ("“reference” or “reserve”"), raw);
  g_free (self->zgw_numbering);
  self->zgw_numbering = g_steal_pointer (&raw);
  return TRUE;
}

static gboolean
parse_delivery_route (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  g_autofree char *raw = dup_raw_value (file, group, key);
  guint kind = kind_index (key);

  /* Only reports fit Signalen, and only call-back requests a customer-contact system. */
  const char *extra = g_str_equal (key, "report")     ? "signalen"
                      : g_str_equal (key, "callback") ? "klantinteracties"
                                                      : NULL;

  if (!g_str_equal (raw, "embedded") && !g_str_equal (raw, "zgw") && g_strcmp0 (raw, extra) != 0)
    {
      /* TRANSLATORS: used in "expected %s"; %s is “signalen” or “klantinteracties” */
      g_autofree char *expected = extra != NULL
                                      ? g_strdup_printf (_ ("“embedded”, “zgw” or “%s”"), extra)
                                      : g_strdup (_ ("“embedded” or “zgw”"));

      return set_invalid_value_error (error, group, key, expected, raw);
    }
  g_free (self->delivery_routes[kind]);
  self->delivery_routes[kind] = g_steal_pointer (&raw);
  return TRUE;
}

static gboolean
parse_signalen_url (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_http_url (file, group, key, &self->signalen_url, error);
}

static gboolean
parse_signalen_token_file (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_absolute_file (file, group, key, &self->signalen_token_file, error);
}

static gboolean
parse_signalen_category_base_url (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_http_url (file, group, key, &self->signalen_category_base_url, error);
}

/* "min-lon,min-lat,max-lon,max-lat" in WGS 84 degrees, each minimum below its maximum. */
static gboolean
parse_signalen_bounding_box (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  g_autofree char *raw = dup_raw_value (file, group, key);
  g_auto (GStrv) parts = g_strsplit (raw, ",", -1);
  double values[4];
  gboolean numbers = g_strv_length (parts) == G_N_ELEMENTS (values);

  for (guint i = 0; numbers && i < G_N_ELEMENTS (values); i++)
    {
      char *end = NULL;

      values[i] = g_ascii_strtod (g_strstrip (parts[i]), &end);
      numbers = end != parts[i] && *end == '\0' && isfinite (values[i]);
    }
  if (!numbers || values[0] < -180 || values[2] > 180 || values[1] < -90 || values[3] > 90
      || values[0] >= values[2] || values[1] >= values[3])
    return set_invalid_value_error (
        error, group, key,
        _ ("four numbers “min-lon,min-lat,max-lon,max-lat”, like “6.4,52.8,6.7,53.0”"), raw);
  self->signalen_bounding_box = (KpBoundingBox){ values[0], values[1], values[2], values[3] };
  self->signalen_has_bounding_box = TRUE;
  return TRUE;
}

static gboolean
parse_signalen_timeout (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_seconds (file, group, key, 1, 300, &self->signalen_timeout_seconds, error);
}

static gboolean
parse_klantinteracties_url (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_http_url (file, group, key, &self->klantinteracties_url, error);
}

static gboolean
parse_klantinteracties_token_file (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_absolute_file (file, group, key, &self->klantinteracties_token_file, error);
}

static gboolean
parse_klantinteracties_actor (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_text (file, group, key, &self->klantinteracties_actor, error);
}

static gboolean
parse_klantinteracties_kanaal (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_text (file, group, key, &self->klantinteracties_kanaal, error);
}

static gboolean
parse_klantinteracties_timeout (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_seconds (file, group, key, 1, 300, &self->klantinteracties_timeout_seconds, error);
}

/* The certificate authorities to trust for one remote system, or for all ([network]). */
static gboolean
parse_ca_file (KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  g_autofree char *path = NULL;

  if (!parse_absolute_file (file, group, key, &path, error))
    return FALSE;
  g_hash_table_replace (self->ca_files, g_strdup (group), g_steal_pointer (&path));
  return TRUE;
}

/* Empty means no proxy: the environment's proxy settings are never used. */
static gboolean
parse_network_proxy (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  g_autofree char *raw = dup_raw_value (file, group, key);
  g_autoptr (GUri) uri = NULL;

  g_clear_pointer (&self->network_proxy, g_free);
  if (*g_strstrip (raw) == '\0')
    return TRUE;
  uri = g_uri_parse (raw, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 || g_uri_get_host (uri) == NULL
      || *g_uri_get_host (uri) == '\0' || g_uri_get_port (uri) <= 0)
    return set_invalid_value_error (
        error, group, key, _ ("an address like “http://proxy.example.nl:8080”, or nothing"), raw);
  self->network_proxy = g_steal_pointer (&raw);
  return TRUE;
}

/* Exact host names, each checked, so a typo is not a host that never matches. */
static gboolean
parse_web_forms_allowed_hosts (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  g_autofree char *raw = dup_raw_value (file, group, key);
  g_auto (GStrv) hosts = g_key_file_get_string_list (file, group, key, NULL, NULL);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; hosts != NULL && hosts[i] != NULL; i++)
    {
      const char *host = g_strstrip (hosts[i]);

      if (!kp_web_allow_list_is_valid_host (host))
        return set_invalid_value_error (error, group, key,
                                        _ ("host names like “digid.nl”, separated by “;”"), raw);
      g_strv_builder_add (builder, host);
    }
  g_strfreev (self->web_forms_allowed_hosts);
  self->web_forms_allowed_hosts = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
parse_web_forms_allow_loopback_http (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_true_false (file, group, key, &self->web_forms_allow_loopback_http, error);
}

/* Open Formulieren ends a DigiD form session after 15 minutes; the kiosk never waits longer. */
static gboolean
parse_web_forms_idle_seconds (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_seconds (file, group, key, 5, 900, &self->web_forms_idle_seconds, error);
}

static gboolean
parse_web_forms_memory_limit (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  g_autofree char *raw = dup_raw_value (file, group, key);
  guint64 megabytes;

  if (!g_ascii_string_to_unsigned (raw, 10, 256, 8192, &megabytes, NULL))
    return set_invalid_value_error (error, group, key,
                                    _ ("a whole number of megabytes from 256 to 8192"), raw);
  self->web_forms_memory_limit_mb = (guint) megabytes;
  return TRUE;
}

static gboolean
parse_status_refresh_days (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  g_autofree char *raw = dup_raw_value (file, group, key);
  guint64 days;

  if (!g_ascii_string_to_unsigned (raw, 10, 0, 365, &days, NULL))
    return set_invalid_value_error (error, group, key, _ ("a whole number of days from 0 to 365"),
                                    raw);
  self->status_refresh_days = (guint) days;
  return TRUE;
}

/* Open Formulieren's root, e.g. "https://formulieren.example.nl/"; the API is below it. */
static gboolean
parse_open_formulieren_url (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_http_url (file, group, key, &self->open_formulieren_url, error);
}

static gboolean
parse_open_formulieren_token_file (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_absolute_file (file, group, key, &self->open_formulieren_token_file, error);
}

static gboolean
parse_open_formulieren_refresh_minutes (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  g_autofree char *raw = dup_raw_value (file, group, key);
  guint64 minutes;

  if (!g_ascii_string_to_unsigned (raw, 10, 1, 1440, &minutes, NULL))
    return set_invalid_value_error (error, group, key,
                                    _ ("a whole number of minutes from 1 to 1440"), raw);
  self->open_formulieren_refresh_minutes = (guint) minutes;
  return TRUE;
}

static gboolean
parse_open_formulieren_timeout (
    KpConfig *self, GKeyFile *file, const char *group, const char *key, GError **error)
{
  return parse_seconds (file, group, key, 1, 300, &self->open_formulieren_timeout_seconds, error);
}

/* Every key there is: anything else in a file is refused as a likely typo. */
static const struct
{
  const char *group;
  const char *key;
  KpConfigParser parse;
} config_keys[] = {
  { "municipality", "name", parse_municipality_name },
  { "municipality", "phone", parse_phone },
  { "location", "name", parse_location_name },
  { "location", "town", parse_location_town },
  { "location", "latitude", parse_location_latitude },
  { "location", "longitude", parse_location_longitude },
  { "reports", "categories", parse_report_categories },
  { "found-objects", "low-value-euros", parse_found_low_value },
  { "opening-hours", "monday", parse_opening_hours },
  { "opening-hours", "tuesday", parse_opening_hours },
  { "opening-hours", "wednesday", parse_opening_hours },
  { "opening-hours", "thursday", parse_opening_hours },
  { "opening-hours", "friday", parse_opening_hours },
  { "opening-hours", "saturday", parse_opening_hours },
  { "opening-hours", "sunday", parse_opening_hours },
  { "volunteers", "monday", parse_volunteer_hours },
  { "volunteers", "tuesday", parse_volunteer_hours },
  { "volunteers", "wednesday", parse_volunteer_hours },
  { "volunteers", "thursday", parse_volunteer_hours },
  { "volunteers", "friday", parse_volunteer_hours },
  { "volunteers", "saturday", parse_volunteer_hours },
  { "volunteers", "sunday", parse_volunteer_hours },
  { "feedback", "min-interval-seconds", parse_feedback_min_interval },
  { "stats", "keep-days", parse_stats_keep_days },
  { "session", "idle-seconds", parse_idle_seconds },
  { "session", "countdown-seconds", parse_countdown_seconds },
  { "languages", "default", parse_default_language },
  { "languages", "available", parse_available_languages },
  { "storage", "data-dir", parse_data_dir },
  { "screen", "width-mm", parse_screen_width },
  { "screen", "min-target-mm", parse_min_target },
  { "screen", "viewing-distance-mm", parse_viewing_distance },
  { "screen", "lower-edge-mm", parse_lower_edge },
  { "screen", "upper-edge-mm", parse_upper_edge },
  { "speech", "output-folder", parse_speech_output_folder },
  { "speech", "volume", parse_speech_volume },
  { "speech", "log-file", parse_speech_log_file },
  { "speech-mode", "key-up", parse_speech_mode_key },
  { "speech-mode", "key-down", parse_speech_mode_key },
  { "speech-mode", "key-action", parse_speech_mode_key },
  { "speech-mode", "key-help", parse_speech_mode_key },
  { "speech-mode", "key-back", parse_speech_mode_key },
  { "speech-mode", "key-louder", parse_speech_mode_key },
  { "speech-mode", "key-softer", parse_speech_mode_key },
  { "speech-mode", "idle-factor", parse_speech_mode_idle_factor },
  { "speech-mode", "headset", parse_speech_mode_headset },
  { "appointments", "backend", parse_appointment_backend },
  { "appointments", "agenda-file", parse_agenda_file },
  { "qmatic", "url", parse_qmatic_url },
  { "qmatic", "api-key-file", parse_qmatic_api_key_file },
  { "qmatic", "timeout-seconds", parse_qmatic_timeout },
  { "kiosk", "demo", parse_demo },
  { "printer", "queue", parse_printer_queue },
  { "printer", "uri", parse_printer_uri },
  { "printer", "layout", parse_printer_layout },
  { "printer", "pdf-folder", parse_slip_folder },
  { "printer", "job-timeout-seconds", parse_printer_job_timeout },
  { "slip", "qr-url-template", parse_slip_qr_url_template },
  { "zgw", "zaken-url", parse_zgw_zaken_url },
  { "zgw", "catalogi-url", parse_zgw_catalogi_url },
  { "zgw", "client-id", parse_zgw_client_id },
  { "zgw", "secret-file", parse_zgw_secret_file },
  { "zgw", "rsin", parse_zgw_rsin },
  { "zgw", "catalogus", parse_zgw_catalogus },
  { "zgw", "user-representation", parse_zgw_user_representation },
  { "zgw", "timeout-seconds", parse_zgw_timeout },
  { "zgw", "set-initial-status", parse_zgw_set_initial_status },
  { "zgw", "zaaktype-report", parse_zgw_zaaktype },
  { "zgw", "zaaktype-found", parse_zgw_zaaktype },
  { "zgw", "zaaktype-lost", parse_zgw_zaaktype },
  { "zgw", "zaaktype-callback", parse_zgw_zaaktype },
  { "zgw", "zaaktype-appointment", parse_zgw_zaaktype },
  { "zgw", "documenten-url", parse_zgw_documenten_url },
  { "zgw", "document-type", parse_zgw_document_type },
  { "zgw", "photo-type", parse_zgw_photo_type },
  { "zgw", "numbering", parse_zgw_numbering },
  { "delivery", "report", parse_delivery_route },
  { "delivery", "found", parse_delivery_route },
  { "delivery", "lost", parse_delivery_route },
  { "delivery", "callback", parse_delivery_route },
  { "delivery", "appointment", parse_delivery_route },
  { "signalen", "url", parse_signalen_url },
  { "signalen", "token-file", parse_signalen_token_file },
  { "signalen", "category-base-url", parse_signalen_category_base_url },
  { "signalen", "bounding-box", parse_signalen_bounding_box },
  { "signalen", "timeout-seconds", parse_signalen_timeout },
  { "klantinteracties", "url", parse_klantinteracties_url },
  { "klantinteracties", "token-file", parse_klantinteracties_token_file },
  { "klantinteracties", "actor", parse_klantinteracties_actor },
  { "klantinteracties", "kanaal", parse_klantinteracties_kanaal },
  { "klantinteracties", "timeout-seconds", parse_klantinteracties_timeout },
  { "open-formulieren", "url", parse_open_formulieren_url },
  { "open-formulieren", "token-file", parse_open_formulieren_token_file },
  { "open-formulieren", "ca-file", parse_ca_file },
  { "open-formulieren", "refresh-minutes", parse_open_formulieren_refresh_minutes },
  { "open-formulieren", "timeout-seconds", parse_open_formulieren_timeout },
  { "network", "ca-file", parse_ca_file },
  { "network", "proxy", parse_network_proxy },
  { "zgw", "ca-file", parse_ca_file },
  { "signalen", "ca-file", parse_ca_file },
  { "klantinteracties", "ca-file", parse_ca_file },
  { "qmatic", "ca-file", parse_ca_file },
  { "status-refresh", "days", parse_status_refresh_days },
  { "web-forms", "allowed-hosts", parse_web_forms_allowed_hosts },
  { "web-forms", "allow-loopback-http", parse_web_forms_allow_loopback_http },
  { "web-forms", "idle-seconds", parse_web_forms_idle_seconds },
  { "web-forms", "memory-limit-mb", parse_web_forms_memory_limit },
};

static gboolean
is_known_group (const char *group)
{
  for (gsize i = 0; i < G_N_ELEMENTS (config_keys); i++)
    {
      if (g_str_equal (config_keys[i].group, group))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_known_key (const char *group, const char *key)
{
  for (gsize i = 0; i < G_N_ELEMENTS (config_keys); i++)
    {
      if (g_str_equal (config_keys[i].group, group) && g_str_equal (config_keys[i].key, key))
        return TRUE;
    }
  return FALSE;
}

#define CASE_STATUS_GROUP "case-status"

/*
 * [case-status] maps the case systems' own status words to B1 texts, so
 * its keys are the municipality's words, not ours: any key may appear,
 * each with a text and translations for the kiosk's languages
 * ("Afgehandeld=…", "Afgehandeld[nl]=…").
 */
static gboolean
check_case_status_texts (GKeyFile *file, GError **error)
{
  g_auto (GStrv) keys = g_key_file_get_keys (file, CASE_STATUS_GROUP, NULL, NULL);

  for (guint k = 0; keys[k] != NULL; k++)
    {
      const char *bracket = strchr (keys[k], '[');
      g_autofree char *language
          = bracket != NULL ? g_strndup (bracket + 1, strcspn (bracket + 1, "]")) : NULL;
      g_autofree char *text = g_key_file_get_string (file, CASE_STATUS_GROUP, keys[k], NULL);

      if (language != NULL && !is_known_language (language))
        {
          g_autofree char *known = dup_known_languages_list ();

          /* TRANSLATORS: "[case-status] Afgehandeld[xx]: expected a language of nl, en" */
          g_set_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_INVALID_VALUE,
                       _ ("[%s] %s: expected a language of %s"), CASE_STATUS_GROUP, keys[k], known);
          return FALSE;
        }
      if (text == NULL || *g_strstrip (text) == '\0')
        return set_invalid_value_error (error, CASE_STATUS_GROUP, keys[k],
                                        _ ("a text that is not empty"), "");
    }
  return TRUE;
}

/* A copy of the checked [case-status] group, to look its texts up in the session's language. */
static void
keep_case_status_texts (KpConfig *self, GKeyFile *file)
{
  g_auto (GStrv) keys = g_key_file_get_keys (file, CASE_STATUS_GROUP, NULL, NULL);

  for (guint k = 0; keys != NULL && keys[k] != NULL; k++)
    {
      g_autofree char *value = g_key_file_get_value (file, CASE_STATUS_GROUP, keys[k], NULL);

      g_key_file_set_value (self->case_status_texts, CASE_STATUS_GROUP, keys[k], value);
    }
}

static gboolean
check_known_keys (GKeyFile *file, GError **error)
{
  g_auto (GStrv) groups = g_key_file_get_groups (file, NULL);

  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_auto (GStrv) keys = NULL;

      if (g_str_equal (groups[i], CASE_STATUS_GROUP))
        {
          if (!check_case_status_texts (file, error))
            return FALSE;
          continue;
        }
      /* The forms catalogue checks its own groups. */
      if (kp_e_form_catalogue_is_config_group (groups[i]))
        continue;
      if (!is_known_group (groups[i]))
        {
          g_set_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_UNKNOWN_KEY,
                       _ ("[%s]: unknown group; check the spelling"), groups[i]);
          return FALSE;
        }
      keys = g_key_file_get_keys (file, groups[i], NULL, NULL);
      for (guint k = 0; keys[k] != NULL; k++)
        {
          if (!is_known_key (groups[i], keys[k]))
            {
              g_set_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_UNKNOWN_KEY,
                           _ ("[%s] %s: unknown key; check the spelling"), groups[i], keys[k]);
              return FALSE;
            }
        }
    }
  return TRUE;
}

static gboolean
check_default_language_available (KpConfig *self, GError **error)
{
  if (g_strv_contains ((const char *const *) self->languages, self->default_language))
    return TRUE;

  /* TRANSLATORS: %s is a language code such as “nl” */
  g_set_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_INVALID_VALUE,
               _ ("[languages] default: expected one of the languages in [languages] available, "
                  "got “%s”"),
               self->default_language);
  return FALSE;
}

/*
 * The log holds what residents typed and heard; it is for tests, which
 * write speech to files. A kiosk that speaks aloud never logs it.
 */
static gboolean
check_speech_log_in_test_mode (KpConfig *self, GError **error)
{
  if (self->speech_log_file == NULL || self->speech_output_folder != NULL)
    return TRUE;

  g_set_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_INVALID_VALUE,
               _ ("[speech] log-file: only for tests; it needs [speech] output-folder"));
  return FALSE;
}

/* A screen upside down or without height cannot say where its controls are. */
static gboolean
check_screen_edges (KpConfig *self, GError **error)
{
  if (self->screen_upper_edge_mm > self->screen_lower_edge_mm)
    return TRUE;

  g_set_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_INVALID_VALUE,
               _ ("[screen] upper-edge-mm: expected more than lower-edge-mm, got %g and %g"),
               self->screen_upper_edge_mm, self->screen_lower_edge_mm);
  return FALSE;
}

/* Two destinations would leave it to chance where a resident's slip comes out. */
static gboolean
check_one_printer (KpConfig *self, GError **error)
{
  if (self->printer_queue == NULL || self->printer_uri == NULL)
    return TRUE;

  g_set_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_INVALID_VALUE,
               _ ("[printer] queue and uri: expected one of them, not both"));
  return FALSE;
}

/* Booking through Qmatic needs to know where it is and how to get in. */
static gboolean
check_qmatic_complete (KpConfig *self, GError **error)
{
  if (!g_str_equal (self->appointment_backend, "qmatic"))
    return TRUE;
  if (self->qmatic_url == NULL)
    {
      g_set_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_MISSING_KEY,
                   _ ("[qmatic] url: missing; [appointments] backend is “qmatic”"));
      return FALSE;
    }
  if (self->qmatic_api_key_file == NULL)
    {
      g_set_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_MISSING_KEY,
                   _ ("[qmatic] api-key-file: missing; [appointments] backend is “qmatic”"));
      return FALSE;
    }
  return TRUE;
}

/* A kind routed to a ZGW case system needs the whole [zgw] group and its zaaktype. */
static gboolean
check_zgw_complete (KpConfig *self, GError **error)
{
  const struct
  {
    const char *key;
    const char *value;
  } required[] = {
    { "zaken-url", self->zgw_zaken_url },
    { "catalogi-url", self->zgw_catalogi_url },
    { "client-id", self->zgw_client_id },
    { "secret-file", self->zgw_secret_file },
    { "rsin", self->zgw_rsin },
    { "catalogus", self->zgw_catalogus },
    { "user-representation", self->zgw_user_representation },
  };

  for (guint kind = 0; kind < KP_CONFIG_N_KINDS; kind++)
    {
      if (!g_str_equal (self->delivery_routes[kind], "zgw"))
        continue;
      for (gsize i = 0; i < G_N_ELEMENTS (required); i++)
        {
          if (required[i].value == NULL)
            {
              /* TRANSLATORS: "[zgw] rsin: missing; [delivery] report is “zgw”" */
              g_set_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_MISSING_KEY,
                           _ ("[zgw] %s: missing; [delivery] %s is “zgw”"), required[i].key,
                           submission_kinds[kind]);
              return FALSE;
            }
        }
      if (self->zgw_zaaktypen[kind] == NULL)
        {
          /* TRANSLATORS: "[zgw] zaaktype-report: missing; [delivery] report is “zgw”" */
          g_set_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_MISSING_KEY,
                       _ ("[zgw] zaaktype-%s: missing; [delivery] %s is “zgw”"),
                       submission_kinds[kind], submission_kinds[kind]);
          return FALSE;
        }
    }
  return TRUE;
}

/* Documents go to the Documenten API as the informatieobjecttype that document-type names. */
static gboolean
check_zgw_documents_complete (KpConfig *self, GError **error)
{
  if (self->zgw_documenten_url == NULL || self->zgw_document_type != NULL)
    return TRUE;
  g_set_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_MISSING_KEY,
               _ ("[zgw] document-type: missing; [zgw] documenten-url is set"));
  return FALSE;
}

/*
 * A route to Signalen or Klantinteracties needs the keys of its group that
 * have no default; @keys and @values are NULL-terminated alike.
 */
static gboolean
check_route_complete (KpConfig *self,
                      const char *kind,
                      const char *route,
                      const char *const *keys,
                      const char *const *values,
                      GError **error)
{
  if (!g_str_equal (kp_config_get_delivery_route (self, kind), route))
    return TRUE;
  for (guint i = 0; keys[i] != NULL; i++)
    {
      if (values[i] == NULL)
        {
          /* TRANSLATORS: "[signalen] url: missing; [delivery] report is “signalen”" */
          g_set_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_MISSING_KEY,
                       _ ("[%s] %s: missing; [delivery] %s is “%s”"), route, keys[i], kind, route);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_signalen_and_klantinteracties_complete (KpConfig *self, GError **error)
{
  const char *const signalen_keys[] = { "url", "category-base-url", "bounding-box", NULL };
  const char *const signalen_values[] = { self->signalen_url, self->signalen_category_base_url,
                                          self->signalen_has_bounding_box ? "" : NULL, NULL };
  const char *const klantinteracties_keys[] = { "url", "token-file", "actor", NULL };
  const char *const klantinteracties_values[]
      = { self->klantinteracties_url, self->klantinteracties_token_file,
          self->klantinteracties_actor, NULL };

  return check_route_complete (self, "report", "signalen", signalen_keys, signalen_values, error)
         && check_route_complete (self, "callback", "klantinteracties", klantinteracties_keys,
                                  klantinteracties_values, error);
}

/*
 * Applies @file on top of the embedded defaults, key by key. A real file
 * must say where the data lives, because a kiosk that quietly writes
 * residents' submissions to some default folder may lose them.
 */
static gboolean
apply_key_file (KpConfig *self, GKeyFile *file, gboolean data_dir_required, GError **error)
{
  g_autoptr (GKeyFile) defaults = g_key_file_new ();

  if (!g_key_file_load_from_data (defaults, default_key_file, -1, G_KEY_FILE_NONE, error))
    return FALSE;
  if (!check_known_keys (file, error))
    return FALSE;
  g_clear_pointer (&self->e_forms, g_ptr_array_unref);
  self->e_forms = kp_e_form_catalogue_parse_config (file, known_languages, error);
  if (self->e_forms == NULL)
    return FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (config_keys); i++)
    {
      const char *group = config_keys[i].group;
      const char *key = config_keys[i].key;
      GKeyFile *source = g_key_file_has_key (file, group, key, NULL) ? file : defaults;

      if (g_key_file_has_key (source, group, key, NULL)
          && !config_keys[i].parse (self, source, group, key, error))
        return FALSE;
    }
  keep_case_status_texts (self, file);

  if (self->data_dir == NULL && data_dir_required)
    {
      g_set_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_MISSING_KEY,
                   _ ("[storage] data-dir: missing; expected an absolute folder path"));
      return FALSE;
    }
  if (self->data_dir == NULL)
    self->data_dir = g_build_filename (g_get_user_data_dir (), "kernpunt", NULL);

  return check_default_language_available (self, error) && check_screen_edges (self, error)
         && check_one_printer (self, error) && check_speech_log_in_test_mode (self, error)
         && check_qmatic_complete (self, error) && check_zgw_complete (self, error)
         && check_zgw_documents_complete (self, error)
         && check_signalen_and_klantinteracties_complete (self, error);
}

static KpConfig *
kp_config_new_from_key_file (GKeyFile *file,
                             const char *source,
                             gboolean data_dir_required,
                             GError **error)
{
  g_autoptr (KpConfig) self = g_object_new (KP_TYPE_CONFIG, NULL);

  if (!apply_key_file (self, file, data_dir_required, error))
    return NULL;
  self->source = g_strdup (source);
  return g_steal_pointer (&self);
}

/*
 * Wraps GKeyFile's own errors so they say which file could not be read.
 * Translated keys ("name[nl]") are kept, so that they are refused as
 * unknown instead of being dropped without a word.
 */
static gboolean
load_key_file (GKeyFile *file, const char *data, const char *path, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  gboolean loaded;

  if (path != NULL)
    loaded = g_key_file_load_from_file (file, path, G_KEY_FILE_KEEP_TRANSLATIONS, &local_error);
  else
    loaded = g_key_file_load_from_data (file, data, -1, G_KEY_FILE_KEEP_TRANSLATIONS, &local_error);
  if (loaded)
    return TRUE;

  if (path != NULL)
    /* TRANSLATORS: the first %s is a file path, the second the reason */
    g_set_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_READ,
                 _ ("Cannot read configuration file %s: %s"), path, local_error->message);
  else
    /* TRANSLATORS: %s is the reason */
    g_set_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_READ, _ ("Cannot read configuration: %s"),
                 local_error->message);
  return FALSE;
}

static void
kp_config_finalize (GObject *object)
{
  KpConfig *self = KP_CONFIG (object);

  g_clear_pointer (&self->network_proxy, g_free);
  g_clear_pointer (&self->ca_files, g_hash_table_unref);
  g_clear_pointer (&self->web_forms_allowed_hosts, g_strfreev);
  for (guint i = 0; i < KP_CONFIG_N_SPEECH_KEYS; i++)
    g_clear_pointer (&self->speech_mode_keys[i], g_free);
  g_clear_pointer (&self->speech_mode_headset, g_free);
  g_clear_pointer (&self->speech_log_file, g_free);
  for (guint kind = 0; kind < KP_CONFIG_N_KINDS; kind++)
    {
      g_clear_pointer (&self->delivery_routes[kind], g_free);
      g_clear_pointer (&self->zgw_zaaktypen[kind], g_free);
    }
  g_clear_pointer (&self->zgw_numbering, g_free);
  g_clear_pointer (&self->zgw_photo_type, g_free);
  g_clear_pointer (&self->zgw_document_type, g_free);
  g_clear_pointer (&self->zgw_documenten_url, g_free);
  g_clear_pointer (&self->case_status_texts, g_key_file_unref);
  g_clear_pointer (&self->e_forms, g_ptr_array_unref);
  g_clear_pointer (&self->open_formulieren_token_file, g_free);
  g_clear_pointer (&self->open_formulieren_url, g_free);
  g_clear_pointer (&self->klantinteracties_kanaal, g_free);
  g_clear_pointer (&self->klantinteracties_actor, g_free);
  g_clear_pointer (&self->klantinteracties_token_file, g_free);
  g_clear_pointer (&self->klantinteracties_url, g_free);
  g_clear_pointer (&self->signalen_category_base_url, g_free);
  g_clear_pointer (&self->signalen_token_file, g_free);
  g_clear_pointer (&self->signalen_url, g_free);
  g_clear_pointer (&self->zgw_user_representation, g_free);
  g_clear_pointer (&self->zgw_catalogus, g_free);
  g_clear_pointer (&self->zgw_rsin, g_free);
  g_clear_pointer (&self->zgw_secret_file, g_free);
  g_clear_pointer (&self->zgw_client_id, g_free);
  g_clear_pointer (&self->zgw_catalogi_url, g_free);
  g_clear_pointer (&self->zgw_zaken_url, g_free);
  g_clear_pointer (&self->slip_qr_url_template, g_free);
  g_clear_pointer (&self->slip_folder, g_free);
  g_clear_pointer (&self->printer_layout, g_free);
  g_clear_pointer (&self->printer_uri, g_free);
  g_clear_pointer (&self->printer_queue, g_free);
  g_clear_pointer (&self->qmatic_api_key_file, g_free);
  g_clear_pointer (&self->qmatic_url, g_free);
  g_clear_pointer (&self->agenda_file, g_free);
  g_clear_pointer (&self->appointment_backend, g_free);
  g_clear_pointer (&self->speech_output_folder, g_free);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->languages, g_strfreev);
  g_clear_pointer (&self->default_language, g_free);
  for (guint day = 0; day < N_WEEKDAYS; day++)
    {
      g_clear_pointer (&self->volunteer_hours[day], g_array_unref);
      g_clear_pointer (&self->opening_hours[day], g_array_unref);
    }
  g_clear_pointer (&self->report_categories, g_strfreev);
  g_clear_pointer (&self->location_town, g_free);
  g_clear_pointer (&self->location_name, g_free);
  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->municipality_name, g_free);
  g_clear_pointer (&self->source, g_free);

  G_OBJECT_CLASS (kp_config_parent_class)->finalize (object);
}

static void
kp_config_class_init (KpConfigClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kp_config_finalize;
}

static void
kp_config_init (KpConfig *self)
{
  for (guint day = 0; day < N_WEEKDAYS; day++)
    {
      self->opening_hours[day] = g_array_new (FALSE, FALSE, sizeof (KpTimeRange));
      self->volunteer_hours[day] = g_array_new (FALSE, FALSE, sizeof (KpTimeRange));
    }
  self->case_status_texts = g_key_file_new ();
  self->ca_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* (transfer full) */
KpConfig *
kp_config_new_default (void)
{
  g_autoptr (GKeyFile) empty = g_key_file_new ();
  g_autoptr (GError) error = NULL;
  KpConfig *self = kp_config_new_from_key_file (empty, NULL, FALSE, &error);

  /* The defaults are part of the program; tests make sure they load. */
  if (self == NULL)
    g_error ("The embedded configuration is broken: %s", error->message);
  return self;
}

/* (transfer full) */
KpConfig *
kp_config_new_from_file (const char *path, GError **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!load_key_file (file, NULL, path, error))
    return NULL;
  return kp_config_new_from_key_file (file, path, TRUE, error);
}

/* The contents of a configuration file, with the same rules. (transfer full) */
KpConfig *
kp_config_new_from_data (const char *data, GError **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!load_key_file (file, data, NULL, error))
    return NULL;
  return kp_config_new_from_key_file (file, NULL, TRUE, error);
}

KpConfig *
kp_config_load (const char *path, GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (path != NULL)
    return kp_config_new_from_file (path, error);
  if (g_file_test (KP_CONFIG_DEFAULT_PATH, G_FILE_TEST_EXISTS))
    return kp_config_new_from_file (KP_CONFIG_DEFAULT_PATH, error);
  return kp_config_new_default ();
}

const char *
kp_config_get_source (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);

  return self->source;
}

gboolean
kp_config_get_demo (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), FALSE);

  return self->demo;
}

const char *
kp_config_get_municipality_name (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);

  return self->municipality_name;
}

const char *
kp_config_get_location_name (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);

  return self->location_name;
}

const char *
kp_config_get_location_town (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);

  return self->location_town;
}

double
kp_config_get_location_latitude (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), 0);

  return self->location_latitude;
}

double
kp_config_get_location_longitude (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), 0);

  return self->location_longitude;
}

/* (nullable) (transfer none): NULL when the municipality offers every category */
const char *const *
kp_config_get_report_categories (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);

  return (const char *const *) self->report_categories;
}

guint
kp_config_get_found_low_value_euros (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), 0);

  return self->found_low_value_euros;
}

const char *
kp_config_get_phone (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);

  return self->phone;
}

const KpTimeRange *
kp_config_get_opening_hours (KpConfig *self, GDateWeekday day, guint *n_ranges)
{
  GArray *ranges;

  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);
  g_return_val_if_fail (g_date_valid_weekday (day), NULL);
  g_return_val_if_fail (n_ranges != NULL, NULL);

  ranges = self->opening_hours[day - G_DATE_MONDAY];
  *n_ranges = ranges->len;
  return (const KpTimeRange *) (gpointer) ranges->data;
}

static void
append_day_hours (GString *text, const KpTimeRange *ranges, guint n_ranges)
{
  if (n_ranges == 0)
    {
      g_string_append (text, C_ ("opening hours", "closed"));
      return;
    }
  for (guint i = 0; i < n_ranges; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      /* TRANSLATORS: a time range, opening hour and minutes – closing hour and minutes;
       * Dutch may prefer "%u.%02u – %u.%02u" */
      g_string_append_printf (text, _ ("%u:%02u – %u:%02u"), ranges[i].opens / 60u,
                              ranges[i].opens % 60u, ranges[i].closes / 60u,
                              ranges[i].closes % 60u);
    }
}

/* (transfer full) */
char *
kp_config_format_opening_hours (KpConfig *self)
{
  g_autoptr (GString) text = g_string_new (NULL);

  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);

  for (GDateWeekday day = G_DATE_MONDAY; day <= G_DATE_SUNDAY; day++)
    {
      g_autoptr (GString) hours = NULL;
      const KpTimeRange *ranges;
      guint n_ranges;

      if (day > G_DATE_MONDAY)
        g_string_append_c (text, '\n');
      ranges = kp_config_get_opening_hours (self, day, &n_ranges);
      hours = g_string_new (NULL);
      append_day_hours (hours, ranges, n_ranges);
      /* TRANSLATORS: a weekday, then its opening hours, e.g. "Monday: 9:00 – 17:00" */
      g_string_append_printf (text, _ ("%s: %s"), _ (weekday_names[day - G_DATE_MONDAY]),
                              hours->str);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

const KpTimeRange *
kp_config_get_volunteer_hours (KpConfig *self, GDateWeekday day, guint *n_ranges)
{
  GArray *ranges;

  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);
  g_return_val_if_fail (g_date_valid_weekday (day), NULL);
  g_return_val_if_fail (n_ranges != NULL, NULL);

  ranges = self->volunteer_hours[day - G_DATE_MONDAY];
  *n_ranges = ranges->len;
  return (const KpTimeRange *) (gpointer) ranges->data;
}

gboolean
kp_config_is_volunteer_time (KpConfig *self, GDateTime *when)
{
  const KpTimeRange *ranges;
  guint n_ranges;
  guint minute;

  g_return_val_if_fail (KP_IS_CONFIG (self), FALSE);
  g_return_val_if_fail (when != NULL, FALSE);

  ranges = kp_config_get_volunteer_hours (self, (GDateWeekday) g_date_time_get_day_of_week (when),
                                          &n_ranges);
  minute = (guint) (g_date_time_get_hour (when) * 60 + g_date_time_get_minute (when));
  for (guint i = 0; i < n_ranges; i++)
    {
      if (minute >= ranges[i].opens && minute < ranges[i].closes)
        return TRUE;
    }
  return FALSE;
}

guint
kp_config_get_feedback_min_interval_seconds (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), 0);

  return self->feedback_min_interval_seconds;
}

guint
kp_config_get_stats_keep_days (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), 0);

  return self->stats_keep_days;
}

guint
kp_config_get_idle_seconds (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), 0);

  return self->idle_seconds;
}

guint
kp_config_get_countdown_seconds (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), 0);

  return self->countdown_seconds;
}

const char *
kp_config_get_default_language (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);

  return self->default_language;
}

const char *const *
kp_config_get_languages (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);

  return (const char *const *) self->languages;
}

const char *
kp_config_get_data_dir (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);

  return self->data_dir;
}

char *
kp_config_dup_database_path (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);

  return g_build_filename (self->data_dir, "kernpunt.db", NULL);
}

double
kp_config_get_screen_width_mm (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), 0);

  return self->screen_width_mm;
}

double
kp_config_get_viewing_distance_mm (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), 0);

  return self->viewing_distance_mm;
}

double
kp_config_get_screen_lower_edge_mm (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), 0);

  return self->screen_lower_edge_mm;
}

double
kp_config_get_screen_upper_edge_mm (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), 0);

  return self->screen_upper_edge_mm;
}

double
kp_config_get_min_target_mm (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), 0);

  return self->min_target_mm;
}

guint
kp_config_get_speech_volume (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), 100);

  return self->speech_volume;
}

/* (transfer none) (nullable) */
const char *
kp_config_get_speech_log_file (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);

  return self->speech_log_file;
}

/* (transfer none) */
const char *
kp_config_get_speech_mode_key (KpConfig *self, const char *command)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);
  g_return_val_if_fail (command != NULL, NULL);

  for (guint i = 0; i < KP_CONFIG_N_SPEECH_KEYS; i++)
    {
      if (g_str_equal (command, speech_mode_commands[i]))
        return self->speech_mode_keys[i];
    }
  g_return_val_if_reached (NULL);
}

guint
kp_config_get_speech_mode_idle_factor (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), 1);

  return self->speech_mode_idle_factor;
}

/* (transfer none) */
const char *
kp_config_get_speech_mode_headset (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);

  return self->speech_mode_headset;
}

const char *
kp_config_get_speech_output_folder (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);

  return self->speech_output_folder;
}

const char *
kp_config_get_appointment_backend (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);

  return self->appointment_backend;
}

const char *
kp_config_get_agenda_file (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);

  return self->agenda_file;
}

const char *
kp_config_get_qmatic_url (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);

  return self->qmatic_url;
}

const char *
kp_config_get_qmatic_api_key_file (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);

  return self->qmatic_api_key_file;
}

guint
kp_config_get_qmatic_timeout_seconds (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), 0);

  return self->qmatic_timeout_seconds;
}

/*
 * For other readers of key files (the embedded agenda's): the same message
 * form and the same opening-hours syntax as this file.
 */
gboolean
kp_config_set_invalid_value_error (
    GError **error, const char *group, const char *key, const char *expected, const char *found)
{
  return set_invalid_value_error (error, group, key, expected, found);
}

gboolean
kp_config_parse_day_hours (
    GKeyFile *file, const char *group, const char *key, GArray *ranges, GError **error)
{
  g_return_val_if_fail (file != NULL && group != NULL && key != NULL, FALSE);
  g_return_val_if_fail (ranges != NULL, FALSE);

  return parse_day_hours (file, group, key, ranges, error);
}

const char *
kp_config_get_printer_queue (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);

  return self->printer_queue;
}

const char *
kp_config_get_printer_uri (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);

  return self->printer_uri;
}

const char *
kp_config_get_printer_layout (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);

  return self->printer_layout;
}

guint
kp_config_get_printer_job_timeout (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), 0);

  return self->printer_job_timeout;
}

char *
kp_config_dup_slip_folder (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);

  if (self->slip_folder != NULL)
    return g_strdup (self->slip_folder);
  return g_build_filename (self->data_dir, "slips", NULL);
}

const char *
kp_config_get_slip_qr_url_template (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);

  return self->slip_qr_url_template;
}

gboolean
kp_config_is_valid_rsin (const char *rsin)
{
  int sum = 0;
  gboolean all_zero = TRUE;

  g_return_val_if_fail (rsin != NULL, FALSE);

  if (strlen (rsin) != 9)
    return FALSE;
  for (int i = 0; i < 9; i++)
    {
      int digit = rsin[i] - '0';

      if (!g_ascii_isdigit (rsin[i]))
        return FALSE;
      all_zero = all_zero && digit == 0;
      /* Weights 9 down to 2, and -1 for the check digit. */
      sum += i < 8 ? (9 - i) * digit : -digit;
    }
  return !all_zero && sum % 11 == 0;
}

const char *
kp_config_get_zgw_zaken_url (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);

  return self->zgw_zaken_url;
}

const char *
kp_config_get_zgw_catalogi_url (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);

  return self->zgw_catalogi_url;
}

const char *
kp_config_get_zgw_client_id (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);

  return self->zgw_client_id;
}

const char *
kp_config_get_zgw_secret_file (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);

  return self->zgw_secret_file;
}

const char *
kp_config_get_zgw_rsin (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);

  return self->zgw_rsin;
}

const char *
kp_config_get_zgw_catalogus (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);

  return self->zgw_catalogus;
}

const char *
kp_config_get_zgw_user_representation (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);

  return self->zgw_user_representation;
}

guint
kp_config_get_zgw_timeout_seconds (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), 0);

  return self->zgw_timeout_seconds;
}

gboolean
kp_config_get_zgw_set_initial_status (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), TRUE);

  return self->zgw_set_initial_status;
}

/* The index of @kind in submission_kinds, or -1. */
static int
find_kind (const char *kind)
{
  for (int i = 0; i < KP_CONFIG_N_KINDS; i++)
    {
      if (g_str_equal (submission_kinds[i], kind))
        return i;
    }
  return -1;
}

const char *
kp_config_get_zgw_zaaktype (KpConfig *self, const char *kind)
{
  int index;

  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  index = find_kind (kind);
  return index >= 0 ? self->zgw_zaaktypen[index] : NULL;
}

const char *
kp_config_get_delivery_route (KpConfig *self, const char *kind)
{
  int index;

  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  index = find_kind (kind);
  return index >= 0 ? self->delivery_routes[index] : "embedded";
}

const char *
kp_config_get_zgw_documenten_url (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);

  return self->zgw_documenten_url;
}

const char *
kp_config_get_zgw_document_type (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);

  return self->zgw_document_type;
}

const char *
kp_config_get_zgw_photo_type (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);

  return self->zgw_photo_type != NULL ? self->zgw_photo_type : self->zgw_document_type;
}

gboolean
kp_config_get_zgw_reserves_numbers (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), FALSE);

  return g_str_equal (self->zgw_numbering, "reserve");
}

const char *
kp_config_get_signalen_url (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);
  return self->signalen_url;
}

const char *
kp_config_get_signalen_token_file (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);
  return self->signalen_token_file;
}

const char *
kp_config_get_signalen_category_base_url (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);
  return self->signalen_category_base_url;
}

gboolean
kp_config_get_signalen_bounding_box (KpConfig *self, KpBoundingBox *box)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), FALSE);
  g_return_val_if_fail (box != NULL, FALSE);

  *box = self->signalen_bounding_box;
  return self->signalen_has_bounding_box;
}

guint
kp_config_get_signalen_timeout_seconds (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), 0);
  return self->signalen_timeout_seconds;
}

const char *
kp_config_get_klantinteracties_url (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);
  return self->klantinteracties_url;
}

const char *
kp_config_get_klantinteracties_token_file (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);
  return self->klantinteracties_token_file;
}

const char *
kp_config_get_klantinteracties_actor (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);
  return self->klantinteracties_actor;
}

const char *
kp_config_get_klantinteracties_kanaal (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);
  return self->klantinteracties_kanaal;
}

guint
kp_config_get_klantinteracties_timeout_seconds (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), 0);
  return self->klantinteracties_timeout_seconds;
}

/* (transfer full) (nullable) */
char *
kp_config_dup_case_status_text (KpConfig *self, const char *status)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);
  g_return_val_if_fail (status != NULL, NULL);

  /* With no locale given, GKeyFile follows g_get_language_names (): the session's LANGUAGE. */
  return g_key_file_get_locale_string (self->case_status_texts, CASE_STATUS_GROUP, status, NULL,
                                       NULL);
}

guint
kp_config_get_status_refresh_days (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), 0);
  return self->status_refresh_days;
}

static gboolean
set_secret_file_error (
    GError **error, const char *group, const char *key, const char *path, const char *reason)
{
  g_set_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_INVALID_VALUE, _ ("[%s] %s: %s: %s"), group,
               key, path, reason);
  return FALSE;
}

/* (transfer full) */
char *
kp_config_read_secret_file (const char *group, const char *key, const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  g_autoptr (GError) local_error = NULL;
  GStatBuf info;
  gsize length;

  g_return_val_if_fail (group != NULL && key != NULL && path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_stat (path, &info) != 0)
    {
      set_secret_file_error (error, group, key, path, g_strerror (errno));
      return NULL;
    }
  if ((info.st_mode & 077) != 0)
    {
      set_secret_file_error (error, group, key, path,
                             _ ("others may read it; only its owner may (chmod 600)"));
      return NULL;
    }
  if (info.st_size > KP_CONFIG_MAX_SECRET_BYTES
      || !g_file_get_contents (path, &contents, &length, &local_error))
    {
      set_secret_file_error (error, group, key, path,
                             local_error != NULL ? local_error->message : _ ("too big for a key"));
      return NULL;
    }
  g_strstrip (contents);
  if (*contents == '\0' || !g_utf8_validate (contents, -1, NULL) || strchr (contents, '\n') != NULL)
    {
      set_secret_file_error (error, group, key, path, _ ("expected the key on one line"));
      return NULL;
    }
  return g_steal_pointer (&contents);
}

const char *const *
kp_config_get_web_forms_allowed_hosts (KpConfig *self)
{
  static const char *const none[] = { NULL };

  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);

  return self->web_forms_allowed_hosts != NULL ? (const char *const *) self->web_forms_allowed_hosts
                                               : none;
}

gboolean
kp_config_get_web_forms_allow_loopback_http (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), FALSE);

  return self->web_forms_allow_loopback_http;
}

guint
kp_config_get_web_forms_idle_seconds (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), 0);

  return self->web_forms_idle_seconds;
}

guint
kp_config_get_web_forms_memory_limit_mb (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), 0);

  return self->web_forms_memory_limit_mb;
}

/* (nullable) */
const char *
kp_config_get_ca_file (KpConfig *self, const char *group)
{
  const char *path;

  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);
  g_return_val_if_fail (group != NULL, NULL);

  path = g_hash_table_lookup (self->ca_files, group);
  return path != NULL ? path : g_hash_table_lookup (self->ca_files, "network");
}

/* (nullable) */
const char *
kp_config_get_network_proxy (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);

  return self->network_proxy;
}

/* (element-type KpEForm) (transfer none) */
GPtrArray *
kp_config_get_e_forms (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);
  return self->e_forms;
}

const char *
kp_config_get_open_formulieren_url (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);
  return self->open_formulieren_url;
}

const char *
kp_config_get_open_formulieren_token_file (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), NULL);
  return self->open_formulieren_token_file;
}

guint
kp_config_get_open_formulieren_refresh_minutes (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), 0);
  return self->open_formulieren_refresh_minutes;
}

guint
kp_config_get_open_formulieren_timeout_seconds (KpConfig *self)
{
  g_return_val_if_fail (KP_IS_CONFIG (self), 0);
  return self->open_formulieren_timeout_seconds;
}
