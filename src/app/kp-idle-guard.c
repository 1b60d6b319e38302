/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-idle-guard.h"

struct _KpIdleGuard
{
  GObject parent_instance;

  guint idle_seconds;
  guint countdown_seconds;

  gboolean in_session;
  gint64 last_activity;      /* monotonic microseconds */
  gint64 countdown_deadline; /* monotonic microseconds; 0 when not counting down */
  guint timeout_id;
};

G_DEFINE_FINAL_TYPE (KpIdleGuard, kp_idle_guard, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_IDLE_SECONDS,
  PROP_COUNTDOWN_SECONDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SESSION_STARTED,
  COUNTDOWN,
  CONTINUED,
  EXPIRED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean on_timeout (gpointer user_data);

static void
arm_timer (KpIdleGuard *self, gint64 due)
{
  gint64 wait_ms = MAX (0, (due - g_get_monotonic_time () + 999) / 1000);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add ((guint) wait_ms, on_timeout, self);
}

static guint
seconds_left (KpIdleGuard *self, gint64 now)
{
  gint64 left = self->countdown_deadline - now;

  return left <= 0 ? 0 : (guint) ((left + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}

static void
expire (KpIdleGuard *self)
{
  kp_idle_guard_end_session (self);
  g_signal_emit (self, signals[EXPIRED], 0);
}

/* The next whole second of the countdown, so the number on screen steps evenly. */
static void
tick_countdown (KpIdleGuard *self, gint64 now)
{
  guint left = seconds_left (self, now);

  if (left == 0)
    {
      expire (self);
      return;
    }
  arm_timer (self, self->countdown_deadline - (gint64) (left - 1) * G_USEC_PER_SEC);
  g_signal_emit (self, signals[COUNTDOWN], 0, left);
}

static gboolean
on_timeout (gpointer user_data)
{
  KpIdleGuard *self = KP_IDLE_GUARD (user_data);
  gint64 now = g_get_monotonic_time ();
  gint64 idle_due = self->last_activity + (gint64) self->idle_seconds * G_USEC_PER_SEC;

  self->timeout_id = 0;

  if (self->countdown_deadline != 0)
    {
      tick_countdown (self, now);
    }
  else if (now < idle_due)
    {
      /* Activity since the timer was set only moved the time stamp. */
      arm_timer (self, idle_due);
    }
  else
    {
      self->countdown_deadline = now + (gint64) self->countdown_seconds * G_USEC_PER_SEC;
      tick_countdown (self, now);
    }
  return G_SOURCE_REMOVE;
}

static void
kp_idle_guard_dispose (GObject *object)
{
  KpIdleGuard *self = KP_IDLE_GUARD (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);

  G_OBJECT_CLASS (kp_idle_guard_parent_class)->dispose (object);
}

static void
kp_idle_guard_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KpIdleGuard *self = KP_IDLE_GUARD (object);

  switch (prop_id)
    {
      case PROP_IDLE_SECONDS:
        g_value_set_uint (value, self->idle_seconds);
        break;
      case PROP_COUNTDOWN_SECONDS:
        g_value_set_uint (value, self->countdown_seconds);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kp_idle_guard_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KpIdleGuard *self = KP_IDLE_GUARD (object);

  switch (prop_id)
    {
      case PROP_IDLE_SECONDS:
        kp_idle_guard_set_idle_seconds (self, g_value_get_uint (value));
        break;
      case PROP_COUNTDOWN_SECONDS:
        self->countdown_seconds = g_value_get_uint (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kp_idle_guard_class_init (KpIdleGuardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kp_idle_guard_dispose;
  object_class->get_property = kp_idle_guard_get_property;
  object_class->set_property = kp_idle_guard_set_property;

  properties[PROP_IDLE_SECONDS]
      = g_param_spec_uint ("idle-seconds", NULL, NULL, 1, G_MAXUINT / 1000, 90,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNTDOWN_SECONDS]
      = g_param_spec_uint ("countdown-seconds", NULL, NULL, 1, G_MAXUINT / 1000, 20,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SESSION_STARTED] = g_signal_new ("session-started", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[COUNTDOWN] = g_signal_new ("countdown", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[CONTINUED] = g_signal_new ("continued", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[EXPIRED] = g_signal_new ("expired", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);
}

static void
kp_idle_guard_init (KpIdleGuard *self)
{
}

KpIdleGuard *
kp_idle_guard_new (guint idle_seconds, guint countdown_seconds)
{
  return g_object_new (KP_TYPE_IDLE_GUARD, "idle-seconds", idle_seconds, "countdown-seconds",
                       countdown_seconds, NULL);
}

gboolean
kp_idle_guard_get_in_session (KpIdleGuard *self)
{
  g_return_val_if_fail (KP_IS_IDLE_GUARD (self), FALSE);

  return self->in_session;
}

gboolean
kp_idle_guard_get_counting_down (KpIdleGuard *self)
{
  g_return_val_if_fail (KP_IS_IDLE_GUARD (self), FALSE);

  return self->countdown_deadline != 0;
}

void
kp_idle_guard_note_activity (KpIdleGuard *self)
{
  gboolean was_counting_down;

  g_return_if_fail (KP_IS_IDLE_GUARD (self));

  self->last_activity = g_get_monotonic_time ();
  was_counting_down = self->countdown_deadline != 0;
  self->countdown_deadline = 0;

  if (!self->in_session)
    {
      self->in_session = TRUE;
      arm_timer (self, self->last_activity + (gint64) self->idle_seconds * G_USEC_PER_SEC);
      g_signal_emit (self, signals[SESSION_STARTED], 0);
    }
  else if (was_counting_down)
    {
      arm_timer (self, self->last_activity + (gint64) self->idle_seconds * G_USEC_PER_SEC);
      g_signal_emit (self, signals[CONTINUED], 0);
    }
}

void
kp_idle_guard_end_session (KpIdleGuard *self)
{
  g_return_if_fail (KP_IS_IDLE_GUARD (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->in_session = FALSE;
  self->countdown_deadline = 0;
}

void
kp_idle_guard_set_idle_seconds (KpIdleGuard *self, guint idle_seconds)
{
  g_return_if_fail (KP_IS_IDLE_GUARD (self));
  g_return_if_fail (idle_seconds > 0);

  if (self->idle_seconds == idle_seconds)
    return;
  self->idle_seconds = idle_seconds;
  if (self->in_session && self->countdown_deadline == 0)
    arm_timer (self, self->last_activity + (gint64) idle_seconds * G_USEC_PER_SEC);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IDLE_SECONDS]);
}

guint
kp_idle_guard_get_idle_seconds (KpIdleGuard *self)
{
  g_return_val_if_fail (KP_IS_IDLE_GUARD (self), 0);

  return self->idle_seconds;
}
