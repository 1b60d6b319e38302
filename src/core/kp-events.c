/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-events.h"

#include "kp-store-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define MAX_DETAIL_LENGTH 64
#define DICTIONARY_DIR    "/usr/share/hunspell"

/* Debian's spelling dictionaries: a search word is kept only when one of them lists it. */
static const char *const dictionary_files[] = { "nl.dic", "en_US.dic" };

struct _KpEvents
{
  GObject parent_instance;

  /*
   * A connection of our own to the same file, so a flush in a worker
   * thread never shares a transaction with the UI's connection.
   */
  KpStore *store;
  guint min_interval_seconds;
  guint keep_days;
  /* Held for a whole flush: one writer at a time. */
  GMutex flush_lock;
  guint last_drop_day;

  /* Guards everything below; held only for moments. */
  GMutex lock;
  GDateTime *fixed_now;
  gboolean testing;
  /* "day\thour\tmeasure\tvalue" → count, not yet written. */
  GHashTable *pending;
  /* "day\tword" → sessions, not yet filtered or written. */
  GHashTable *pending_words;
  /* The words this session searched already, so each counts once per session. */
  GHashTable *session_words;
  gint64 session_started_at;
  gint64 last_answer_at;
  gboolean answer_open;
};

G_DEFINE_FINAL_TYPE (KpEvents, kp_events, G_TYPE_OBJECT)

static const char *const satisfaction_codes[] = {
  "very-unhappy",
  "unhappy",
  "happy",
  "very-happy",
};
static const char *const satisfaction_labels[] = {
  N_ ("Very unhappy"),
  N_ ("Unhappy"),
  N_ ("Happy"),
  N_ ("Very happy"),
};
static const char *const follow_up_codes[] = {
  "not-found",
  "too-difficult",
  "need-person",
  "something-else",
};
static const char *const follow_up_labels[] = {
  N_ ("I could not find it"),
  N_ ("Too difficult"),
  N_ ("I need a person"),
  N_ ("Something else"),
};
static const char *const organisation_codes[] = {
  "municipality", "belastingdienst", "uwv", "svb", "duo", "cak", "ciz", "cjib", "cbr", "other",
};
static const char *const organisation_labels[] = {
  N_ ("Municipality"),
  "Belastingdienst/Toeslagen",
  "UWV",
  "SVB",
  "DUO",
  "CAK",
  "CIZ",
  "CJIB",
  "CBR",
  N_ ("Other"),
};
static const char *const help_given_codes[] = {
  "digital-contact", "course", "digital-society", "general-information", "referral",
};
static const char *const help_given_labels[] = {
  N_ ("Help with digital contact"),
  N_ ("Guidance to a course"),
  N_ ("Information about the digital society"),
  N_ ("General information"),
  N_ ("Referral"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (organisation_codes) == KP_N_ORGANISATIONS);
G_STATIC_ASSERT (G_N_ELEMENTS (organisation_labels) == KP_N_ORGANISATIONS);
G_STATIC_ASSERT (G_N_ELEMENTS (help_given_codes) == KP_N_HELP_GIVEN);
G_STATIC_ASSERT (G_N_ELEMENTS (help_given_labels) == KP_N_HELP_GIVEN);

/* The measure each kind is counted under; SESSION_ENDED also counts its length. */
static const char *const kind_measures[] = {
  [KP_EVENT_SESSION_STARTED] = "sessions",
  [KP_EVENT_SESSION_ENDED] = "session-end",
  [KP_EVENT_LANGUAGE] = "language",
  [KP_EVENT_TILE_OPENED] = "tile",
  [KP_EVENT_TOPIC_OPENED] = "topic",
  [KP_EVENT_SEARCH_NO_RESULT] = "search-without-result",
  [KP_EVENT_SUBMISSION] = "submission",
  [KP_EVENT_HELP_CALL] = "help-call",
  [KP_EVENT_FORM_OPENED] = "form-opened",
  [KP_EVENT_FORM_FINISHED] = "form-finished",
  [KP_EVENT_FORM_ABANDONED] = "form-abandoned",
};

/* Written out: clang-format would put spaces into G_DEFINE_QUARK's name. */
GQuark
kp_events_error_quark (void)
{
  return g_quark_from_static_string ("kp-events-error-quark");
}

void
kp_event_count_free (KpEventCount *count)
{
  if (count == NULL)
    return;
  g_free (count->measure);
  g_free (count->value);
  g_free (count);
}

const char *
kp_satisfaction_to_code (KpSatisfaction answer)
{
  g_return_val_if_fail (answer <= KP_SATISFACTION_VERY_HAPPY, NULL);
  return satisfaction_codes[answer];
}

const char *
kp_satisfaction_get_label (KpSatisfaction answer)
{
  g_return_val_if_fail (answer <= KP_SATISFACTION_VERY_HAPPY, NULL);
  return _ (satisfaction_labels[answer]);
}

const char *
kp_follow_up_to_code (KpFollowUp follow_up)
{
  g_return_val_if_fail (follow_up <= KP_FOLLOW_UP_SOMETHING_ELSE, NULL);
  return follow_up_codes[follow_up];
}

const char *
kp_follow_up_get_label (KpFollowUp follow_up)
{
  g_return_val_if_fail (follow_up <= KP_FOLLOW_UP_SOMETHING_ELSE, NULL);
  return _ (follow_up_labels[follow_up]);
}

const char *
kp_organisation_to_code (KpOrganisation organisation)
{
  g_return_val_if_fail (organisation < KP_N_ORGANISATIONS, NULL);
  return organisation_codes[organisation];
}

/* The organisations' own names are the same in every language. */
const char *
kp_organisation_get_label (KpOrganisation organisation)
{
  g_return_val_if_fail (organisation < KP_N_ORGANISATIONS, NULL);
  if (organisation == KP_ORGANISATION_MUNICIPALITY || organisation == KP_ORGANISATION_OTHER)
    return _ (organisation_labels[organisation]);
  return organisation_labels[organisation];
}

const char *
kp_help_given_to_code (KpHelpGiven help)
{
  g_return_val_if_fail (help < KP_N_HELP_GIVEN, NULL);
  return help_given_codes[help];
}

const char *
kp_help_given_get_label (KpHelpGiven help)
{
  g_return_val_if_fail (help < KP_N_HELP_GIVEN, NULL);
  return _ (help_given_labels[help]);
}

/* A detail must be a short slug, so no text a resident typed reaches the counts. */
static gboolean
is_slug (const char *detail)
{
  size_t length = strlen (detail);

  if (length > MAX_DETAIL_LENGTH)
    return FALSE;
  for (size_t i = 0; i < length; i++)
    {
      char c = detail[i];

      if (!g_ascii_islower (c) && !g_ascii_isdigit (c) && c != '-' && c != '_' && c != '/')
        return FALSE;
    }
  return TRUE;
}

/* (transfer full) */
static GDateTime *
dup_now_locked (KpEvents *self)
{
  return self->fixed_now != NULL ? g_date_time_ref (self->fixed_now) : g_date_time_new_now_local ();
}

static guint
julian_day_of (GDateTime *when)
{
  g_autoptr (GDate) date = g_date_new_dmy ((GDateDay) g_date_time_get_day_of_month (when),
                                           (GDateMonth) g_date_time_get_month (when),
                                           (GDateYear) g_date_time_get_year (when));

  return g_date_get_julian (date);
}

static void
add_count (GHashTable *counts, const char *key, guint count)
{
  gpointer old = NULL;

  if (g_hash_table_lookup_extended (counts, key, NULL, &old))
    g_hash_table_replace (counts, g_strdup (key),
                          GUINT_TO_POINTER (GPOINTER_TO_UINT (old) + count));
  else
    g_hash_table_insert (counts, g_strdup (key), GUINT_TO_POINTER (count));
}

static void
count_locked (KpEvents *self, GDateTime *now, const char *measure, const char *value)
{
  char key[160];

  g_snprintf (key, sizeof key, "%u\t%d\t%s\t%s", julian_day_of (now), g_date_time_get_hour (now),
              measure, value != NULL ? value : "");
  add_count (self->pending, key, 1);
}

/* Buckets wide enough that a length says nothing about one visit. */
static const char *
session_length_bucket (gint64 seconds)
{
  if (seconds < 60)
    return "0-1 min";
  if (seconds < 3 * 60)
    return "1-3 min";
  if (seconds < 10 * 60)
    return "3-10 min";
  if (seconds < 30 * 60)
    return "10-30 min";
  return "30+ min";
}

/*
 * Keeps the typed words, lower case, once per session, in memory only:
 * the flush drops those that are not in a dictionary before anything is
 * written.
 */
static void
count_search_words_locked (KpEvents *self, GDateTime *now, const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);
  g_auto (GStrv) tokens = NULL;

  for (char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalnum (c) && c != '-')
        memset (p, ' ', (size_t) (g_utf8_next_char (p) - p));
    }
  tokens = g_strsplit (lower, " ", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      g_autofree char *key = NULL;

      if (*tokens[i] == '\0' || strlen (tokens[i]) > MAX_DETAIL_LENGTH
          || g_hash_table_contains (self->session_words, tokens[i]))
        continue;
      g_hash_table_add (self->session_words, g_strdup (tokens[i]));
      key = g_strdup_printf ("%u\t%s", julian_day_of (now), tokens[i]);
      add_count (self->pending_words, key, 1);
    }
}

static void
end_session_locked (KpEvents *self, GDateTime *now)
{
  if (self->session_started_at != 0)
    count_locked (self, now, "session-length",
                  session_length_bucket (g_date_time_to_unix (now) - self->session_started_at));
  self->session_started_at = 0;
  self->answer_open = FALSE;
  g_hash_table_remove_all (self->session_words);
}

static GHashTable *
new_counts (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
merge_counts (GHashTable *into, GHashTable *from)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &key, &value))
    add_count (into, key, GPOINTER_TO_UINT (value));
}

/* The word of a "day\tword" key. */
static const char *
word_of_key (const char *key)
{
  return strchr (key, '\t') + 1;
}

/* Marks in @wanted (word → FALSE) each word a dictionary lists in lower case. */
static void
look_up_in_dictionary (const char *file_name, GHashTable *wanted)
{
  g_autofree char *path = g_build_filename (DICTIONARY_DIR, file_name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInputStream) stream = g_file_read (file, NULL, NULL);
  g_autoptr (GDataInputStream) lines = NULL;
  char *line;

  /* Without the dictionary no word is kept: the safe side. */
  if (stream == NULL)
    return;
  lines = g_data_input_stream_new (G_INPUT_STREAM (stream));
  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, NULL)) != NULL)
    {
      char *flags = strchr (line, '/');

      if (flags != NULL)
        *flags = '\0';
      /* Capitalised entries are names ("Pieter", "Smeenge"): never kept. */
      if (g_hash_table_contains (wanted, line))
        g_hash_table_replace (wanted, g_strdup (line), GINT_TO_POINTER (TRUE));
      g_free (line);
    }
}

/* Drops from @words every word that no dictionary lists. */
static void
keep_dictionary_words (GHashTable *words)
{
  g_autoptr (GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, words);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_insert (known, g_strdup (word_of_key (key)), GINT_TO_POINTER (FALSE));
  if (g_hash_table_size (known) == 0)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (dictionary_files); i++)
    look_up_in_dictionary (dictionary_files[i], known);
  g_hash_table_iter_init (&iter, words);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (!GPOINTER_TO_INT (g_hash_table_lookup (known, word_of_key (key))))
        g_hash_table_iter_remove (&iter);
    }
}

static gboolean
write_counts (KpEvents *self, GHashTable *counts, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (sqlite3_prepare_v2 (kp_store_get_db (self->store),
                          "INSERT INTO event_counts (day, hour, measure, value, count)"
                          " VALUES (?1, ?2, ?3, ?4, ?5)"
                          " ON CONFLICT (day, hour, measure, value)"
                          " DO UPDATE SET count = count + excluded.count",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    {
      kp_store_set_error (self->store, error, "event_counts");
      return FALSE;
    }
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_auto (GStrv) parts = g_strsplit (key, "\t", 4);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, g_ascii_strtoll (parts[0], NULL, 10));
      sqlite3_bind_int64 (stmt, 2, g_ascii_strtoll (parts[1], NULL, 10));
      sqlite3_bind_text (stmt, 3, parts[2], -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, parts[3], -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 5, GPOINTER_TO_UINT (value));
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          kp_store_set_error (self->store, error, "event_counts");
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
write_words (KpEvents *self, GHashTable *words, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (sqlite3_prepare_v2 (
          kp_store_get_db (self->store),
          "INSERT INTO search_words (day, word, sessions) VALUES (?1, ?2, ?3)"
          " ON CONFLICT (day, word) DO UPDATE SET sessions = sessions + excluded.sessions",
          -1, &stmt, NULL)
      != SQLITE_OK)
    {
      kp_store_set_error (self->store, error, "search_words");
      return FALSE;
    }
  g_hash_table_iter_init (&iter, words);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, g_ascii_strtoll (key, NULL, 10));
      sqlite3_bind_text (stmt, 2, word_of_key (key), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, GPOINTER_TO_UINT (value));
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          kp_store_set_error (self->store, error, "search_words");
          return FALSE;
        }
    }
  return TRUE;
}

static guint
today (KpEvents *self)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr (GDateTime) now = dup_now_locked (self);

  return julian_day_of (now);
}

/* Called with flush_lock held. */
static gboolean
drop_expired_flushing (KpEvents *self, guint day, GError **error)
{
  g_autofree char *sql = NULL;
  gint64 oldest = (gint64) day - self->keep_days;

  sql = g_strdup_printf ("DELETE FROM event_counts WHERE day < %" G_GINT64_FORMAT ";"
                         "DELETE FROM search_words WHERE day < %" G_GINT64_FORMAT ";",
                         oldest, oldest);
  if (!kp_store_exec (self->store, sql, error))
    return FALSE;
  self->last_drop_day = day;
  return TRUE;
}

static gboolean
flush (KpEvents *self, GError **error)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) flushing = g_mutex_locker_new (&self->flush_lock);
  g_autoptr (GHashTable) counts = NULL;
  g_autoptr (GHashTable) words = NULL;
  guint day = today (self);

  g_mutex_lock (&self->lock);
  counts = g_steal_pointer (&self->pending);
  words = g_steal_pointer (&self->pending_words);
  self->pending = new_counts ();
  self->pending_words = new_counts ();
  g_mutex_unlock (&self->lock);

  keep_dictionary_words (words);
  if ((g_hash_table_size (counts) > 0 || g_hash_table_size (words) > 0)
      && (!kp_store_begin_immediate (self->store, error) || !write_counts (self, counts, error)
          || !write_words (self, words, error) || !kp_store_commit (self->store, error)))
    {
      kp_store_rollback (self->store);
      /* Kept for the next try; the words are dictionary words by now. */
      g_mutex_lock (&self->lock);
      merge_counts (self->pending, counts);
      merge_counts (self->pending_words, words);
      g_mutex_unlock (&self->lock);
      return FALSE;
    }
  /* Retention also runs once a day on a kiosk that stays on for months. */
  return day == self->last_drop_day || drop_expired_flushing (self, day, error);
}

static void
flush_in_thread (GTask *task,
                 gpointer source_object,
                 G_GNUC_UNUSED gpointer task_data,
                 G_GNUC_UNUSED GCancellable *cancellable)
{
  GError *error = NULL;

  if (flush (KP_EVENTS (source_object), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
kp_events_dispose (GObject *object)
{
  KpEvents *self = KP_EVENTS (object);

  /* The counts of the last moments before the kiosk stops; blocks once, at exit. */
  if (self->store != NULL)
    flush (self, NULL);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kp_events_parent_class)->dispose (object);
}

static void
kp_events_finalize (GObject *object)
{
  KpEvents *self = KP_EVENTS (object);

  g_clear_pointer (&self->session_words, g_hash_table_unref);
  g_clear_pointer (&self->pending_words, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->fixed_now, g_date_time_unref);
  g_mutex_clear (&self->lock);
  g_mutex_clear (&self->flush_lock);

  G_OBJECT_CLASS (kp_events_parent_class)->finalize (object);
}

static void
kp_events_class_init (KpEventsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kp_events_dispose;
  object_class->finalize = kp_events_finalize;
}

static void
kp_events_init (KpEvents *self)
{
  g_mutex_init (&self->flush_lock);
  g_mutex_init (&self->lock);
  self->pending = new_counts ();
  self->pending_words = new_counts ();
  self->session_words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* (transfer full) */
KpEvents *
kp_events_new (KpStore *store, KpConfig *config, GError **error)
{
  g_autoptr (KpEvents) self = NULL;

  g_return_val_if_fail (KP_IS_STORE (store), NULL);
  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);

  self = g_object_new (KP_TYPE_EVENTS, NULL);
  self->min_interval_seconds = kp_config_get_feedback_min_interval_seconds (config);
  self->keep_days = kp_config_get_stats_keep_days (config);
  self->store = kp_store_open (kp_store_get_path (store), error);
  if (self->store == NULL || !kp_events_drop_expired (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
kp_events_set_now (KpEvents *self, GDateTime *now)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = NULL;

  g_return_if_fail (KP_IS_EVENTS (self));

  locker = g_mutex_locker_new (&self->lock);
  g_clear_pointer (&self->fixed_now, g_date_time_unref);
  self->fixed_now = now != NULL ? g_date_time_ref (now) : NULL;
}

void
kp_events_set_testing (KpEvents *self, gboolean testing)
{
  g_return_if_fail (KP_IS_EVENTS (self));

  g_atomic_int_set (&self->testing, testing);
}

gboolean
kp_events_get_testing (KpEvents *self)
{
  g_return_val_if_fail (KP_IS_EVENTS (self), FALSE);

  return g_atomic_int_get (&self->testing);
}

void
kp_events_record (KpEvents *self, KpEventKind kind, const char *detail)
{
  g_autoptr (GDateTime) now = NULL;
  gboolean ended;

  g_return_if_fail (KP_IS_EVENTS (self));
  g_return_if_fail (kind < G_N_ELEMENTS (kind_measures));
  g_return_if_fail (detail == NULL || kind == KP_EVENT_SEARCH_NO_RESULT || is_slug (detail));

  if (kp_events_get_testing (self))
    return;
  g_mutex_lock (&self->lock);
  now = dup_now_locked (self);
  if (kind == KP_EVENT_SEARCH_NO_RESULT)
    {
      count_locked (self, now, kind_measures[kind], NULL);
      if (detail != NULL)
        count_search_words_locked (self, now, detail);
    }
  else
    count_locked (self, now, kind_measures[kind], detail);
  if (kind == KP_EVENT_SESSION_STARTED)
    {
      g_hash_table_remove_all (self->session_words);
      self->session_started_at = g_date_time_to_unix (now);
    }
  ended = kind == KP_EVENT_SESSION_ENDED;
  if (ended)
    end_session_locked (self, now);
  g_mutex_unlock (&self->lock);

  if (ended)
    kp_events_flush_async (self, NULL, NULL, NULL);
}

gboolean
kp_events_record_satisfaction (KpEvents *self, KpSatisfaction answer)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GDateTime) now = NULL;
  gint64 seconds;

  g_return_val_if_fail (KP_IS_EVENTS (self), FALSE);
  g_return_val_if_fail (answer <= KP_SATISFACTION_VERY_HAPPY, FALSE);

  if (kp_events_get_testing (self))
    return FALSE;
  locker = g_mutex_locker_new (&self->lock);
  now = dup_now_locked (self);
  seconds = g_date_time_to_unix (now);
  /* As smiley terminals do: one person pressing twenty times counts once. */
  if (self->last_answer_at != 0 && seconds - self->last_answer_at < self->min_interval_seconds)
    {
      self->answer_open = FALSE;
      return FALSE;
    }
  count_locked (self, now, "satisfaction", satisfaction_codes[answer]);
  self->last_answer_at = seconds;
  self->answer_open = TRUE;
  return TRUE;
}

gboolean
kp_events_record_follow_up (KpEvents *self, KpFollowUp follow_up)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GDateTime) now = NULL;

  g_return_val_if_fail (KP_IS_EVENTS (self), FALSE);
  g_return_val_if_fail (follow_up <= KP_FOLLOW_UP_SOMETHING_ELSE, FALSE);

  locker = g_mutex_locker_new (&self->lock);
  if (!self->answer_open)
    return FALSE;
  now = dup_now_locked (self);
  count_locked (self, now, "follow-up", follow_up_codes[follow_up]);
  self->answer_open = FALSE;
  return TRUE;
}

void
kp_events_record_registration (KpEvents *self, KpOrganisation organisation, KpHelpGiven help)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GDateTime) now = NULL;
  g_autofree char *value = NULL;

  g_return_if_fail (KP_IS_EVENTS (self));
  g_return_if_fail (organisation < KP_N_ORGANISATIONS);
  g_return_if_fail (help < KP_N_HELP_GIVEN);

  locker = g_mutex_locker_new (&self->lock);
  now = dup_now_locked (self);
  value = g_strdup_printf ("%s/%s", organisation_codes[organisation], help_given_codes[help]);
  count_locked (self, now, "registration", value);
}

gboolean
kp_events_flush (KpEvents *self, GError **error)
{
  g_return_val_if_fail (KP_IS_EVENTS (self), FALSE);

  return flush (self, error);
}

void
kp_events_flush_async (KpEvents *self,
                       GCancellable *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (KP_IS_EVENTS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kp_events_flush_async);
  g_task_run_in_thread (task, flush_in_thread);
}

gboolean
kp_events_flush_finish (KpEvents *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
kp_events_drop_expired (KpEvents *self, GError **error)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) flushing = NULL;

  g_return_val_if_fail (KP_IS_EVENTS (self), FALSE);

  flushing = g_mutex_locker_new (&self->flush_lock);
  return drop_expired_flushing (self, today (self), error);
}

static gboolean
append_counts (KpEvents *self, GPtrArray *rows, guint from, guint to, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int status;

  if (sqlite3_prepare_v2 (kp_store_get_db (self->store),
                          "SELECT day, hour, measure, value, count FROM event_counts"
                          " WHERE day BETWEEN ?1 AND ?2 ORDER BY day, hour, measure, value",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    {
      kp_store_set_error (self->store, error, "event_counts");
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KpEventCount *row = g_new0 (KpEventCount, 1);

      g_date_set_julian (&row->day, (guint32) sqlite3_column_int64 (stmt, 0));
      row->hour = (guint) sqlite3_column_int (stmt, 1);
      row->measure = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      row->value = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      row->count = (guint) sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (rows, row);
    }
  if (status != SQLITE_DONE)
    {
      kp_store_set_error (self->store, error, "event_counts");
      return FALSE;
    }
  return TRUE;
}

static gboolean
append_words (KpEvents *self, GPtrArray *rows, guint from, guint to, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int status;

  if (sqlite3_prepare_v2 (kp_store_get_db (self->store),
                          "SELECT word, sum (sessions) FROM search_words"
                          " WHERE day BETWEEN ?1 AND ?2 GROUP BY word HAVING sum (sessions) >= ?3"
                          " ORDER BY word",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    {
      kp_store_set_error (self->store, error, "search_words");
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  sqlite3_bind_int (stmt, 3, KP_EVENTS_MIN_WORD_SESSIONS);
  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KpEventCount *row = g_new0 (KpEventCount, 1);

      g_date_set_julian (&row->day, to);
      row->measure = g_strdup ("search-word");
      row->value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      row->count = (guint) sqlite3_column_int64 (stmt, 1);
      g_ptr_array_add (rows, row);
    }
  if (status != SQLITE_DONE)
    {
      kp_store_set_error (self->store, error, "search_words");
      return FALSE;
    }
  return TRUE;
}

/* (element-type KpEventCount) (transfer full) */
GPtrArray *
kp_events_query (KpEvents *self, const GDate *from, const GDate *to, GError **error)
{
  g_autoptr (GPtrArray) rows = NULL;
  guint first, last;

  g_return_val_if_fail (KP_IS_EVENTS (self), NULL);
  g_return_val_if_fail (g_date_valid (from) && g_date_valid (to), NULL);

  first = g_date_get_julian (from);
  last = g_date_get_julian (to);
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) kp_event_count_free);
  if (!flush (self, error) || !append_counts (self, rows, first, last, error)
      || !append_words (self, rows, first, last, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/* Sums "sessions" per hour (by_hour) or per day from @first to @first + n - 1. */
static gboolean
count_sessions (KpEvents *self, guint first, guint n, gboolean by_hour, guint *out, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int status;

  memset (out, 0, n * sizeof *out);
  if (!flush (self, error))
    return FALSE;
  if (sqlite3_prepare_v2 (kp_store_get_db (self->store),
                          by_hour ? "SELECT hour, sum (count) FROM event_counts"
                                    " WHERE measure = 'sessions' AND day = ?1 GROUP BY hour"
                                  : "SELECT day - ?1, sum (count) FROM event_counts"
                                    " WHERE measure = 'sessions' AND day BETWEEN ?1 AND ?2"
                                    " GROUP BY day",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    {
      kp_store_set_error (self->store, error, "event_counts");
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, first);
  sqlite3_bind_int64 (stmt, 2, (gint64) first + n - 1);
  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 index = sqlite3_column_int64 (stmt, 0);

      if (index >= 0 && index < n)
        out[index] = (guint) sqlite3_column_int64 (stmt, 1);
    }
  if (status != SQLITE_DONE)
    {
      kp_store_set_error (self->store, error, "event_counts");
      return FALSE;
    }
  return TRUE;
}

gboolean
kp_events_count_sessions_by_hour (KpEvents *self,
                                  const GDate *day,
                                  guint per_hour[24],
                                  GError **error)
{
  g_return_val_if_fail (KP_IS_EVENTS (self), FALSE);
  g_return_val_if_fail (g_date_valid (day), FALSE);

  return count_sessions (self, g_date_get_julian (day), 24, TRUE, per_hour, error);
}

gboolean
kp_events_count_sessions_by_day (KpEvents *self, const GDate *day, guint per_day[7], GError **error)
{
  g_return_val_if_fail (KP_IS_EVENTS (self), FALSE);
  g_return_val_if_fail (g_date_valid (day), FALSE);

  return count_sessions (self, g_date_get_julian (day) - (g_date_get_weekday (day) - G_DATE_MONDAY),
                         7, FALSE, per_day, error);
}
