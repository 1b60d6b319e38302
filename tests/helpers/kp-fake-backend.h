/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include "kp-backend.h"

G_BEGIN_DECLS

/*
 * A KpBackend whose answers the test decides, for the tests of what sits
 * between the outbox and a real backend (KpDeliveryAgent, KpBackendRouter).
 * Set the fields after g_object_new (KP_TYPE_FAKE_BACKEND, NULL).
 */
#define KP_TYPE_FAKE_BACKEND (kp_fake_backend_get_type ())
G_DECLARE_FINAL_TYPE (KpFakeBackend, kp_fake_backend, KP, FAKE_BACKEND, GObject)

struct _KpFakeBackend
{
  GObject parent_instance;

  /* What it answers: this many temporary failures, then success or, if set, refusal. */
  guint n_temporary_failures;
  gboolean refuse;
  /* Cancelled on the first call, as a signal arriving during a delivery would. */
  GCancellable *cancel_on_call;
  /* Then gives up on that delivery, as a backend honouring the cancellable does. */
  gboolean abandon_when_cancelled;

  /* What get_name() says; "fake" unless set. */
  const char *name;

  /* What it saw: the idempotency key of each call. */
  GPtrArray *calls;
};

G_END_DECLS
