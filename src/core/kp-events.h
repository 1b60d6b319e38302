/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gio/gio.h>

#include "kp-config.h"
#include "kp-store.h"

G_BEGIN_DECLS

/*
 * The one place pages report what happens, for the pilot's anonymous
 * counts. Recording only adds one to a counter in memory (cheap enough for
 * every page change); the counters are written to the store per day and
 * hour when a session ends, or on kp_events_flush(). No row holds a
 * visit's own time, a device identifier or free text: a search without
 * result keeps only the words found in the Dutch or English spelling
 * dictionary, counted once per session, and such a word is shown only
 * once it was searched in KP_EVENTS_MIN_WORD_SESSIONS sessions.
 */

#define KP_EVENTS_ERROR (kp_events_error_quark ())

typedef enum
{
  KP_EVENTS_ERROR_FAILED, /* the database failed */
} KpEventsError;

#define KP_EVENTS_MIN_WORD_SESSIONS 3

/*
 * What happened. The detail passed with each kind is a short slug
 * ([a-z0-9_/-], at most 64 characters), never text a resident typed —
 * except for SEARCH_NO_RESULT, whose words are filtered.
 */
typedef enum
{
  KP_EVENT_SESSION_STARTED, /* detail: NULL */
  KP_EVENT_SESSION_ENDED, /* detail: "done", "idle" or "volunteer"; counted with its duration bucket */
  KP_EVENT_LANGUAGE,      /* detail: the language code chosen, "nl", "en", … */
  KP_EVENT_TILE_OPENED,      /* detail: the tile, "report", "appointment", … */
  KP_EVENT_TOPIC_OPENED,     /* detail: the guidance topic's id */
  KP_EVENT_SEARCH_NO_RESULT, /* detail: what was typed; only dictionary words are kept */
  KP_EVENT_SUBMISSION,       /* detail: the submission kind, "report", "found", … */
  KP_EVENT_HELP_CALL,        /* detail: NULL, or "outside-hours" */
  KP_EVENT_FORM_OPENED,      /* detail: the form, "report", "found", … */
  KP_EVENT_FORM_FINISHED,    /* detail: as FORM_OPENED */
  KP_EVENT_FORM_ABANDONED,   /* detail: as FORM_OPENED; an e-form left before it was finished */
} KpEventKind;

/* "Did this help?": four smileys, no neutral one. */
typedef enum
{
  KP_SATISFACTION_VERY_UNHAPPY,
  KP_SATISFACTION_UNHAPPY,
  KP_SATISFACTION_HAPPY,
  KP_SATISFACTION_VERY_HAPPY,
} KpSatisfaction;

/* The optional follow-up after an answer; stored as its code. */
typedef enum
{
  KP_FOLLOW_UP_NOT_FOUND,     /* "I could not find it" */
  KP_FOLLOW_UP_TOO_DIFFICULT, /* "Too difficult" */
  KP_FOLLOW_UP_NEED_PERSON,   /* "I need a person" */
  KP_FOLLOW_UP_SOMETHING_ELSE /* "Something else" */
} KpFollowUp;

/* The national registration of library information points: what was asked about… */
typedef enum
{
  KP_ORGANISATION_MUNICIPALITY,
  KP_ORGANISATION_BELASTINGDIENST, /* Belastingdienst/Toeslagen */
  KP_ORGANISATION_UWV,
  KP_ORGANISATION_SVB,
  KP_ORGANISATION_DUO,
  KP_ORGANISATION_CAK,
  KP_ORGANISATION_CIZ,
  KP_ORGANISATION_CJIB,
  KP_ORGANISATION_CBR,
  KP_ORGANISATION_OTHER,
  KP_N_ORGANISATIONS,
} KpOrganisation;

/* …and what help was given. */
typedef enum
{
  KP_HELP_GIVEN_DIGITAL_CONTACT, /* help with digital contact */
  KP_HELP_GIVEN_COURSE,          /* guidance to a course */
  KP_HELP_GIVEN_DIGITAL_SOCIETY, /* information about the digital society */
  KP_HELP_GIVEN_GENERAL,         /* general information */
  KP_HELP_GIVEN_REFERRAL,        /* referral */
  KP_N_HELP_GIVEN,
} KpHelpGiven;

/* The slug stored and printed by `kernpunt-ctl stats`, and the button text (gettext). */
const char *kp_satisfaction_to_code (KpSatisfaction answer);
const char *kp_satisfaction_get_label (KpSatisfaction answer);
const char *kp_follow_up_to_code (KpFollowUp follow_up);
const char *kp_follow_up_get_label (KpFollowUp follow_up);
const char *kp_organisation_to_code (KpOrganisation organisation);
const char *kp_organisation_get_label (KpOrganisation organisation);
const char *kp_help_given_to_code (KpHelpGiven help);
const char *kp_help_given_get_label (KpHelpGiven help);

/* One counter row as `kernpunt-ctl stats` prints it. */
typedef struct
{
  GDate day;     /* local day of the kiosk */
  guint hour;    /* 0–23; for search words (counted per day) always 0 */
  char *measure; /* "sessions", "session-length", "tile", "search-word", "satisfaction", … */
  char *value;   /* the detail, e.g. "report", "3-10 min", "paspoort"; "" when none */
  guint count;   /* events, or for "search-word" the number of sessions */
} KpEventCount;

void kp_event_count_free (KpEventCount *count);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KpEventCount, kp_event_count_free)

#define KP_TYPE_EVENTS (kp_events_get_type ())
G_DECLARE_FINAL_TYPE (KpEvents, kp_events, KP, EVENTS, GObject)

GQuark kp_events_error_quark (void);

/*
 * Counts into @store; @config gives [feedback] min-interval-seconds and
 * [stats] keep-days. Drops counts older than keep-days now and then
 * daily, blocking once on the database. (transfer full)
 */
KpEvents *kp_events_new (KpStore *store, KpConfig *config, GError **error);

/*
 * Tests and simulations: use @now (local time) instead of the clock; NULL
 * returns to the clock.
 */
void kp_events_set_now (KpEvents *self, GDateTime *now);

/*
 * While TRUE (a volunteer's test print or test submission), nothing is
 * counted, so tests are left out of the pilot's figures.
 */
void kp_events_set_testing (KpEvents *self, gboolean testing);
gboolean kp_events_get_testing (KpEvents *self);

/* Counts @kind with @detail (see KpEventKind). Never blocks. */
void kp_events_record (KpEvents *self, KpEventKind kind, const char *detail);
/*
 * Counts an answer to "Did this help?", unless another answer was counted
 * less than [feedback] min-interval-seconds ago. TRUE when counted.
 */
gboolean kp_events_record_satisfaction (KpEvents *self, KpSatisfaction answer);
/* The follow-up to the answer just counted; FALSE (not counted) if that answer was not. */
gboolean kp_events_record_follow_up (KpEvents *self, KpFollowUp follow_up);
/* The volunteer's two-tap registration after helping someone. */
void kp_events_record_registration (KpEvents *self, KpOrganisation organisation, KpHelpGiven help);

/*
 * Writes the counters kept in memory to the store. The async variant runs
 * in a worker thread, for the UI; a session's end starts it by itself.
 */
gboolean kp_events_flush (KpEvents *self, GError **error);
void kp_events_flush_async (KpEvents *self,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data);
gboolean kp_events_flush_finish (KpEvents *self, GAsyncResult *result, GError **error);

/* Drops counts of days more than keep-days before today. */
gboolean kp_events_drop_expired (KpEvents *self, GError **error);

/*
 * The stored counts of the days @from to @to (inclusive), by day, hour,
 * measure and value; search words only once searched in at least
 * KP_EVENTS_MIN_WORD_SESSIONS sessions over those days (then one row per
 * word, on @to). Blocking. (element-type KpEventCount) (transfer full)
 */
GPtrArray *kp_events_query (KpEvents *self, const GDate *from, const GDate *to, GError **error);
/* Sessions started per hour of @day, into @per_hour. Blocking. */
gboolean kp_events_count_sessions_by_hour (KpEvents *self,
                                           const GDate *day,
                                           guint per_hour[24],
                                           GError **error);
/* Sessions started on each of the 7 days from Monday of @day's week. Blocking. */
gboolean kp_events_count_sessions_by_day (KpEvents *self,
                                          const GDate *day,
                                          guint per_day[7],
                                          GError **error);

G_END_DECLS
