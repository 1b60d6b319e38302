/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * Decides when a visitor has gone. The first activity starts a session.
 * After idle-seconds without activity the countdown starts: "countdown" is
 * emitted at once and then every second with the seconds left. Activity
 * during the countdown emits "continued"; without it "expired" is emitted
 * and the session is over until the next activity.
 *
 * The guard only keeps time; the window feeds it input and decides what a
 * session end means on screen.
 */
#define KP_TYPE_IDLE_GUARD (kp_idle_guard_get_type ())
G_DECLARE_FINAL_TYPE (KpIdleGuard, kp_idle_guard, KP, IDLE_GUARD, GObject)

KpIdleGuard *kp_idle_guard_new (guint idle_seconds, guint countdown_seconds);

/*
 * The "idle-seconds" property: how long without activity before the
 * countdown. Changed in a session (speech mode gives more time), it counts
 * from the last activity; a countdown already running goes on.
 */
void kp_idle_guard_set_idle_seconds (KpIdleGuard *self, guint idle_seconds);
guint kp_idle_guard_get_idle_seconds (KpIdleGuard *self);

gboolean kp_idle_guard_get_in_session (KpIdleGuard *self);
gboolean kp_idle_guard_get_counting_down (KpIdleGuard *self);

/* A touch, a click or a key: starts a session, or keeps it going. */
void kp_idle_guard_note_activity (KpIdleGuard *self);
/* Ends the session now (e.g. "Done"): no timers run until the next activity. */
void kp_idle_guard_end_session (KpIdleGuard *self);

G_END_DECLS
