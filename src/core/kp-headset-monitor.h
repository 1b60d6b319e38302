/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KP_HEADSET_MONITOR_ERROR (kp_headset_monitor_error_quark ())

typedef enum
{
  KP_HEADSET_MONITOR_ERROR_PARSE, /* the audio server's answer was not the list of sinks expected */
} KpHeadsetMonitorError;

/*
 * Whether a resident's headset is plugged into the kiosk's jack, so that
 * speech mode may say personal details directly (EN 301 549 5.1.3.8).
 *
 * With the setting "auto" it asks the audio server: PulseAudio and
 * PipeWire both answer `pactl`, which lists the sinks' ports and whether
 * each is available (a jack with something in it). The answer is read
 * again whenever the server reports a change to a sink or a card, which
 * `pactl subscribe` tells as it happens. No shell runs: pactl is started
 * with its arguments, its output read asynchronously, never on the UI
 * thread's time. A kiosk without an audio server or without pactl has no
 * headset, and says so once in the log.
 *
 * "yes" and "no" are for kiosks without jack sensing: always a headset,
 * or always the loudspeaker.
 *
 * The "plugged" property is notified when a headset comes or goes.
 */
#define KP_TYPE_HEADSET_MONITOR (kp_headset_monitor_get_type ())
G_DECLARE_FINAL_TYPE (KpHeadsetMonitor, kp_headset_monitor, KP, HEADSET_MONITOR, GObject)

GQuark kp_headset_monitor_error_quark (void);

/* @setting: "auto", "yes" or "no", as [speech-mode] headset. (transfer full) */
KpHeadsetMonitor *kp_headset_monitor_new (const char *setting);
gboolean kp_headset_monitor_get_plugged (KpHeadsetMonitor *self);

/*
 * Reads the output of `pactl --format=json list sinks`: TRUE when a port
 * for headphones or a headset is available. FALSE without error when none
 * is; FALSE with KP_HEADSET_MONITOR_ERROR_PARSE when @json is not a list
 * of sinks.
 */
gboolean kp_headset_monitor_sinks_have_headset (const char *json, GError **error);

G_END_DECLS
