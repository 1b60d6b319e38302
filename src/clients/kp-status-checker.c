/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-status-checker.h"

#include "kp-klantinteracties-backend.h"
#include "kp-signalen-backend.h"
#include "kp-status-requests.h"
#include "kp-zgw-backend.h"

/* How often a round runs, and how often one also refreshes stale cases. */
#define ROUND_INTERVAL_SECONDS 1
#define REFRESH_INTERVAL       G_TIME_SPAN_MINUTE
/* What a zaak without any status yet is: received, as the embedded register says it. */
#define ZGW_NO_STATUS_YET "received"

struct _KpStatusChecker
{
  GObject parent_instance;

  KpStatusRequests *requests;
  KpConfig *config;
  GHashTable *backends; /* name → KpBackend */
  GHashTable *breakers; /* name → KpCircuitBreaker */

  GCancellable *cancellable; /* of the running rounds; NULL before kp_status_checker_start () */
  guint timer_id;
  gboolean round_running;
  gint64 last_refresh;

  /* statustype URL → StatusType: published statustypen do not change, so each is asked once. */
  GHashTable *statustypen;
  GMutex statustypen_lock;
};

G_DEFINE_FINAL_TYPE (KpStatusChecker, kp_status_checker, G_TYPE_OBJECT)

typedef struct
{
  char *omschrijving;
  char *statustekst; /* nullable */
} StatusType;

static void
status_type_free (StatusType *type)
{
  g_free (type->omschrijving);
  g_free (type->statustekst);
  g_free (type);
}

/* The case system's answer: its word and (nullable) its own text. */
typedef struct
{
  char *status;
  char *text;
} Answer;

static void
answer_clear (Answer *answer)
{
  g_clear_pointer (&answer->status, g_free);
  g_clear_pointer (&answer->text, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Answer, answer_clear)

/* The statustype at @url, from the cache or else from Catalogi. */
static gboolean
get_statustype (KpStatusChecker *self,
                KpZgwClient *client,
                const char *url,
                Answer *answer,
                GCancellable *cancellable,
                GError **error)
{
  StatusType *cached;

  g_mutex_lock (&self->statustypen_lock);
  cached = g_hash_table_lookup (self->statustypen, url);
  if (cached != NULL)
    {
      answer->status = g_strdup (cached->omschrijving);
      answer->text = g_strdup (cached->statustekst);
    }
  g_mutex_unlock (&self->statustypen_lock);
  if (cached != NULL)
    return TRUE;

  if (!kp_zgw_client_fetch_statustype (client, url, &answer->status, &answer->text, cancellable,
                                       error))
    return FALSE;
  cached = g_new0 (StatusType, 1);
  cached->omschrijving = g_strdup (answer->status);
  cached->statustekst = g_strdup (answer->text);
  g_mutex_lock (&self->statustypen_lock);
  g_hash_table_replace (self->statustypen, g_strdup (url), cached);
  g_mutex_unlock (&self->statustypen_lock);
  return TRUE;
}

static gboolean
ask_zgw (KpStatusChecker *self,
         KpBackend *backend,
         const KpRemoteCase *remote_case,
         Answer *answer,
         GCancellable *cancellable,
         GError **error)
{
  KpZgwClient *client = kp_zgw_backend_get_client (KP_ZGW_BACKEND (backend));
  g_autoptr (GError) local_error = NULL;
  g_autofree char *statustype = kp_zgw_client_fetch_zaak_statustype (
      client, remote_case->key, kp_config_get_zgw_rsin (self->config), cancellable, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (statustype == NULL)
    {
      answer->status = g_strdup (ZGW_NO_STATUS_YET);
      return TRUE;
    }
  return get_statustype (self, client, statustype, answer, cancellable, error);
}

/* Asks @backend for @remote_case's status now. */
static gboolean
ask (KpStatusChecker *self,
     KpBackend *backend,
     const KpRemoteCase *remote_case,
     Answer *answer,
     GCancellable *cancellable,
     GError **error)
{
  if (KP_IS_ZGW_BACKEND (backend))
    return ask_zgw (self, backend, remote_case, answer, cancellable, error);
  if (KP_IS_SIGNALEN_BACKEND (backend))
    answer->status = kp_signalen_backend_fetch_state (KP_SIGNALEN_BACKEND (backend),
                                                      remote_case->key, cancellable, error);
  else
    answer->status = kp_klantinteracties_backend_fetch_status (
        KP_KLANTINTERACTIES_BACKEND (backend), remote_case->key, cancellable, error);
  return answer->status != NULL;
}

static const char *
classify_failure (const GError *failure)
{
  if (g_error_matches (failure, KP_BACKEND_ERROR, KP_BACKEND_ERROR_PERMANENT))
    return KP_CASE_STATUS_ERROR_REFUSED;
  return KP_CASE_STATUS_ERROR_UNREACHABLE;
}

/*
 * Asks about one case and keeps the answer, or why there is none. Only a
 * failing database (or cancelling) stops the round; a case system's
 * failure is kept for the kiosk to tell.
 */
static gboolean
check_case (KpStatusChecker *self,
            const KpRemoteCase *remote_case,
            gint64 now,
            GCancellable *cancellable,
            GError **error)
{
  KpBackend *backend = g_hash_table_lookup (self->backends, remote_case->backend);
  KpCircuitBreaker *breaker = g_hash_table_lookup (self->breakers, remote_case->backend);
  g_auto (Answer) answer = { 0 };
  g_autoptr (GError) failure = NULL;

  /* Delivered there once, but that system is no longer configured: nobody to ask. */
  if (backend == NULL)
    return kp_status_requests_record_failure (self->requests, remote_case,
                                              KP_CASE_STATUS_ERROR_UNREACHABLE, now, error);
  if (!kp_circuit_breaker_allows (breaker, g_get_real_time (), NULL))
    return kp_status_requests_record_failure (self->requests, remote_case,
                                              KP_CASE_STATUS_ERROR_RESTING, now, error);

  ask (self, backend, remote_case, &answer, cancellable, &failure);
  if (g_error_matches (failure, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&failure));
      return FALSE;
    }
  kp_circuit_breaker_record (breaker, failure, g_get_real_time ());
  if (failure != NULL)
    {
      /* The clients' messages name the request and the HTTP status, nothing a resident gave. */
      g_message ("Asking %s for a case's status failed: %s", remote_case->backend,
                 failure->message);
      return kp_status_requests_record_failure (self->requests, remote_case,
                                                classify_failure (failure), now, error);
    }
  return kp_status_requests_record_answer (self->requests, remote_case, answer.status, answer.text,
                                           now, error);
}

static gboolean
check_all (KpStatusChecker *self,
           GPtrArray *cases,
           gint64 now,
           guint *n_checked,
           GCancellable *cancellable,
           GError **error)
{
  for (guint i = 0; i < cases->len; i++)
    {
      if (!check_case (self, g_ptr_array_index (cases, i), now, cancellable, error))
        return FALSE;
      (*n_checked)++;
    }
  return TRUE;
}

static void
kp_status_checker_dispose (GObject *object)
{
  KpStatusChecker *self = KP_STATUS_CHECKER (object);

  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kp_status_checker_parent_class)->dispose (object);
}

static void
kp_status_checker_finalize (GObject *object)
{
  KpStatusChecker *self = KP_STATUS_CHECKER (object);

  g_mutex_clear (&self->statustypen_lock);
  g_clear_pointer (&self->statustypen, g_hash_table_unref);
  g_clear_pointer (&self->breakers, g_hash_table_unref);
  g_clear_pointer (&self->backends, g_hash_table_unref);
  g_clear_object (&self->config);
  g_clear_object (&self->requests);

  G_OBJECT_CLASS (kp_status_checker_parent_class)->finalize (object);
}

static void
kp_status_checker_class_init (KpStatusCheckerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kp_status_checker_dispose;
  object_class->finalize = kp_status_checker_finalize;
}

static void
kp_status_checker_init (KpStatusChecker *self)
{
  self->backends = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->breakers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->statustypen
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) status_type_free);
  g_mutex_init (&self->statustypen_lock);
}

/* (transfer full) */
KpStatusChecker *
kp_status_checker_new (KpStore *store, KpConfig *config)
{
  KpStatusChecker *self;

  g_return_val_if_fail (KP_IS_STORE (store), NULL);
  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);

  self = g_object_new (KP_TYPE_STATUS_CHECKER, NULL);
  self->requests = kp_status_requests_new (store);
  self->config = g_object_ref (config);
  return self;
}

void
kp_status_checker_add_backend (KpStatusChecker *self, KpBackend *backend, KpCircuitBreaker *breaker)
{
  const char *name;

  g_return_if_fail (KP_IS_STATUS_CHECKER (self));
  g_return_if_fail (KP_IS_BACKEND (backend) && KP_IS_CIRCUIT_BREAKER (breaker));

  if (!KP_IS_ZGW_BACKEND (backend) && !KP_IS_SIGNALEN_BACKEND (backend)
      && !KP_IS_KLANTINTERACTIES_BACKEND (backend))
    return;
  name = kp_backend_get_name (backend);
  g_hash_table_replace (self->backends, g_strdup (name), g_object_ref (backend));
  g_hash_table_replace (self->breakers, g_strdup (name), g_object_ref (breaker));
}

gboolean
kp_status_checker_run (KpStatusChecker *self,
                       gint64 now,
                       gboolean refresh,
                       guint *n_checked,
                       GCancellable *cancellable,
                       GError **error)
{
  g_autoptr (GPtrArray) asked = NULL;
  g_autoptr (GPtrArray) stale = NULL;
  guint checked = 0;
  gint64 refresh_since;

  g_return_val_if_fail (KP_IS_STATUS_CHECKER (self), FALSE);

  if (n_checked != NULL)
    *n_checked = 0;
  asked = kp_status_requests_take_asked (self->requests, now - KP_STATUS_CHECKER_REQUEST_MAX_AGE,
                                         KP_STATUS_CHECKER_MAX_REQUESTS, error);
  if (asked == NULL || !check_all (self, asked, now, &checked, cancellable, error))
    return FALSE;

  if (refresh)
    {
      refresh_since
          = now - (gint64) kp_config_get_status_refresh_days (self->config) * G_TIME_SPAN_DAY;
      stale = kp_status_requests_list_stale (self->requests, refresh_since,
                                             now - KP_STATUS_CHECKER_REFRESH_AGE,
                                             KP_STATUS_CHECKER_REFRESH_BATCH, error);
      if (stale == NULL || !check_all (self, stale, now, &checked, cancellable, error))
        return FALSE;
    }
  if (n_checked != NULL)
    *n_checked = checked;
  return TRUE;
}

typedef struct
{
  gint64 now;
  gboolean refresh;
} RunData;

static void
run_in_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  RunData *data = task_data;
  g_autoptr (GError) error = NULL;
  guint n_checked = 0;

  if (kp_status_checker_run (KP_STATUS_CHECKER (source_object), data->now, data->refresh,
                             &n_checked, cancellable, &error))
    g_task_return_int (task, n_checked);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
kp_status_checker_run_async (KpStatusChecker *self,
                             gint64 now,
                             gboolean refresh,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  RunData *data;

  g_return_if_fail (KP_IS_STATUS_CHECKER (self));

  data = g_new0 (RunData, 1);
  data->now = now;
  data->refresh = refresh;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kp_status_checker_run_async);
  g_task_set_task_data (task, data, g_free);
  g_task_run_in_thread (task, run_in_thread);
}

gboolean
kp_status_checker_run_finish (KpStatusChecker *self,
                              GAsyncResult *result,
                              guint *n_checked,
                              GError **error)
{
  g_autoptr (GError) local_error = NULL;
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  n = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (n_checked != NULL)
    *n_checked = (guint) n;
  return TRUE;
}

static void
on_round_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  KpStatusChecker *self = KP_STATUS_CHECKER (source);
  g_autoptr (GError) error = NULL;
  guint n_checked = 0;

  self->round_running = FALSE;
  if (!kp_status_checker_run_finish (self, result, &n_checked, &error))
    {
      /* The next round tries again; the deliveries go on meanwhile. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Checking case statuses failed: %s", error->message);
      return;
    }
  if (n_checked > 0)
    g_debug ("Checked the status of %u cases", n_checked);
}

static gboolean
on_tick (gpointer user_data)
{
  KpStatusChecker *self = user_data;
  gint64 now = g_get_real_time ();
  gboolean refresh;

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      self->timer_id = 0;
      return G_SOURCE_REMOVE;
    }
  if (self->round_running)
    return G_SOURCE_CONTINUE;
  refresh = now - self->last_refresh >= REFRESH_INTERVAL;
  if (refresh)
    self->last_refresh = now;
  self->round_running = TRUE;
  kp_status_checker_run_async (self, now, refresh, self->cancellable, on_round_done, NULL);
  return G_SOURCE_CONTINUE;
}

void
kp_status_checker_start (KpStatusChecker *self, GCancellable *cancellable)
{
  g_return_if_fail (KP_IS_STATUS_CHECKER (self));
  g_return_if_fail (G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (self->timer_id == 0);

  g_set_object (&self->cancellable, cancellable);
  self->timer_id = g_timeout_add_seconds (ROUND_INTERVAL_SECONDS, on_tick, self);
}
