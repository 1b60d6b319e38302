/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-circuit-breaker.h"

#include "kp-backend.h"

struct _KpCircuitBreaker
{
  GObject parent_instance;

  guint threshold;
  GTimeSpan cool_down;

  /* The delivery agent's worker thread records; kernpunt-ctl may ask. */
  GMutex lock;
  guint failures_in_a_row;
  gint64 open_until; /* 0: closed */
};

G_DEFINE_FINAL_TYPE (KpCircuitBreaker, kp_circuit_breaker, G_TYPE_OBJECT)

/* Only trouble that may pass by itself says the system is down; a refusal is an answer. */
static gboolean
is_outage (const GError *failure)
{
  return g_error_matches (failure, KP_BACKEND_ERROR, KP_BACKEND_ERROR_TEMPORARY);
}

static void
kp_circuit_breaker_finalize (GObject *object)
{
  KpCircuitBreaker *self = KP_CIRCUIT_BREAKER (object);

  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (kp_circuit_breaker_parent_class)->finalize (object);
}

static void
kp_circuit_breaker_class_init (KpCircuitBreakerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kp_circuit_breaker_finalize;
}

static void
kp_circuit_breaker_init (KpCircuitBreaker *self)
{
  g_mutex_init (&self->lock);
}

/* (transfer full) */
KpCircuitBreaker *
kp_circuit_breaker_new (guint threshold, GTimeSpan cool_down)
{
  KpCircuitBreaker *self;

  g_return_val_if_fail (threshold >= 1, NULL);
  g_return_val_if_fail (cool_down > 0, NULL);

  self = g_object_new (KP_TYPE_CIRCUIT_BREAKER, NULL);
  self->threshold = threshold;
  self->cool_down = cool_down;
  return self;
}

gboolean
kp_circuit_breaker_allows (KpCircuitBreaker *self, gint64 now, gint64 *open_until)
{
  gboolean allows;

  g_return_val_if_fail (KP_IS_CIRCUIT_BREAKER (self), TRUE);

  g_mutex_lock (&self->lock);
  allows = now >= self->open_until;
  if (!allows && open_until != NULL)
    *open_until = self->open_until;
  g_mutex_unlock (&self->lock);
  return allows;
}

KpCircuitBreakerChange
kp_circuit_breaker_record (KpCircuitBreaker *self, const GError *failure, gint64 now)
{
  KpCircuitBreakerChange change = KP_CIRCUIT_BREAKER_UNCHANGED;

  g_return_val_if_fail (KP_IS_CIRCUIT_BREAKER (self), KP_CIRCUIT_BREAKER_UNCHANGED);

  /* Stopping halfway says nothing about the case system. */
  if (g_error_matches (failure, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return KP_CIRCUIT_BREAKER_UNCHANGED;

  g_mutex_lock (&self->lock);
  if (!is_outage (failure))
    {
      if (self->open_until != 0)
        change = KP_CIRCUIT_BREAKER_CLOSED;
      self->failures_in_a_row = 0;
      self->open_until = 0;
    }
  else if (++self->failures_in_a_row >= self->threshold)
    {
      /* Also the single try after a cool-down: still down, so rest again. */
      self->open_until = now + self->cool_down;
      change = KP_CIRCUIT_BREAKER_OPENED;
    }
  g_mutex_unlock (&self->lock);
  return change;
}

guint
kp_circuit_breaker_get_failures_in_a_row (KpCircuitBreaker *self)
{
  guint failures;

  g_return_val_if_fail (KP_IS_CIRCUIT_BREAKER (self), 0);

  g_mutex_lock (&self->lock);
  failures = self->failures_in_a_row;
  g_mutex_unlock (&self->lock);
  return failures;
}
