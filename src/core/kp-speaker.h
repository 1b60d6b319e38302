/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KP_SPEAKER_ERROR (kp_speaker_error_quark ())

typedef enum
{
  KP_SPEAKER_ERROR_UNAVAILABLE, /* no speech engine installed */
  KP_SPEAKER_ERROR_FAILED,      /* the engine ran but failed */
} KpSpeakerError;

/*
 * Reads text aloud with espeak-ng in the session's language. The text goes
 * through a pipe, never the command line, so it cannot be seen in the
 * process list. With an output folder set (tests, or a kiosk without
 * speakers), each utterance is written there as a WAV file instead.
 */
#define KP_TYPE_SPEAKER (kp_speaker_get_type ())
G_DECLARE_FINAL_TYPE (KpSpeaker, kp_speaker, KP, SPEAKER, GObject)

GQuark kp_speaker_error_quark (void);

KpSpeaker *kp_speaker_new (void);
void kp_speaker_set_output_folder (KpSpeaker *self, const char *folder);
const char *kp_speaker_get_output_folder (KpSpeaker *self);
/*
 * Test mode only: with an output folder set, each utterance is also
 * appended to @path as one line of text, so a test can read what was
 * said. Without an output folder nothing is logged: what a resident
 * hears may hold their personal data. NULL stops the log.
 */
void kp_speaker_set_log_file (KpSpeaker *self, const char *path);
const char *kp_speaker_get_log_file (KpSpeaker *self);
/*
 * The "volume" property: how loud, from 0 (silent) to KP_SPEAKER_MAX_VOLUME;
 * 100 (the default) is espeak-ng's normal amplitude. There is no system
 * volume in the kiosk's stack, so this is the kiosk's own. Applies from the
 * next utterance.
 */
#define KP_SPEAKER_MAX_VOLUME 200
void kp_speaker_set_volume (KpSpeaker *self, guint volume);
guint kp_speaker_get_volume (KpSpeaker *self);
/*
 * One step louder (@steps > 0) or softer (< 0), as the volume keys and a
 * volunteer's Louder and Softer do, within 0–KP_SPEAKER_MAX_VOLUME.
 * Returns the new volume.
 */
guint kp_speaker_step_volume (KpSpeaker *self, int steps);

/*
 * (nullable): the espeak-ng voice that speaks @language ("nl", "en"), or
 * NULL when the kiosk has none for it.
 */
const char *kp_speaker_get_voice (const char *language);

/*
 * Stops whatever is being said and starts @text. An utterance that is
 * stopped (kp_speaker_stop(), a newer one, or @cancellable) finishes with
 * G_IO_ERROR_CANCELLED; an unknown language or a missing espeak-ng with
 * KP_SPEAKER_ERROR_UNAVAILABLE.
 */
void kp_speaker_speak_async (KpSpeaker *self,
                             const char *text,
                             const char *language,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data);
/* Returns the WAV file written in test mode (transfer full), or NULL when spoken aloud. */
char *kp_speaker_speak_finish (KpSpeaker *self, GAsyncResult *result, GError **error);
/*
 * A short tone of a quarter of a second, before something the resident
 * did not ask for (the idle countdown), so it is noticed by ear as well as
 * on screen. The next utterance waits for it to end. In test mode it is
 * written as a WAV file, and logged as "(chime)".
 */
void kp_speaker_chime (KpSpeaker *self);
/* The samples the chime plays, as a complete WAV file: for measuring it. (transfer full) */
GBytes *kp_speaker_dup_chime_wav (void);

/* Stops speaking at once: at the end of a session nothing goes on talking. */
void kp_speaker_stop (KpSpeaker *self);
gboolean kp_speaker_is_speaking (KpSpeaker *self);

G_END_DECLS
