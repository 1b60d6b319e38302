/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A stand-in for PulseAudio's and PipeWire's `pactl`, first on PATH, so
 * KpHeadsetMonitor can be tested without an audio server: `pactl
 * --format=json list sinks` prints one sink whose headphones port is
 * available or not, and `pactl subscribe` reports a change to the sink
 * whenever the test plugs or unplugs the headset.
 */
typedef struct _KpFakePactl KpFakePactl;

/* Puts the stand-in first on PATH, with nothing plugged in. (transfer full) */
KpFakePactl *kp_fake_pactl_new (void);
/* Plugs the headset in or pulls it out, as the jack would tell the audio server. */
void kp_fake_pactl_set_headset (KpFakePactl *self, gboolean plugged);
/* Restores PATH and removes the stand-in. */
void kp_fake_pactl_free (KpFakePactl *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KpFakePactl, kp_fake_pactl_free)

G_END_DECLS
