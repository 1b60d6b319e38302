/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-speaker.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

/*
 * espeak-ng speaks at 175 words a minute by default; a little slower is
 * easier to follow for older residents and for those learning Dutch.
 */
#define WORDS_PER_MINUTE "150"
/* espeak-ng's own amplitude; above it speech gets louder until it clips. */
#define DEFAULT_VOLUME 100
/* One press of a volume key: ten steps from silence to the loudest. */
#define VOLUME_STEP 20
/* The chime: a soft A5 of a quarter of a second, faded in and out so it does not click. */
#define CHIME_RATE    22050
#define CHIME_HZ      880.0
#define CHIME_SECONDS 0.25

struct _KpSpeaker
{
  GObject parent_instance;

  char *output_folder;
  char *log_file; /* test mode only: what was said, one line per utterance */
  guint volume;   /* espeak-ng's amplitude, 0–KP_SPEAKER_MAX_VOLUME */
  /* The number of the last WAV file written, to name the next one. */
  guint last_file_number;
  /* The utterance being spoken, or NULL when silent. */
  GTask *current;
  /* The chime still playing, which the next utterance waits for. */
  GSubprocess *chime;
};

G_DEFINE_FINAL_TYPE (KpSpeaker, kp_speaker, G_TYPE_OBJECT)

/* Written out: clang-format would put spaces into G_DEFINE_QUARK's name. */
GQuark
kp_speaker_error_quark (void)
{
  return g_quark_from_static_string ("kp-speaker-error-quark");
}

enum
{
  PROP_0,
  PROP_OUTPUT_FOLDER,
  PROP_LOG_FILE,
  PROP_VOLUME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What one utterance needs until it ends: the task data of its GTask. */
typedef struct
{
  GSubprocess *process;
  /* Cancelled by kp_speaker_stop() or by the caller's cancellable. */
  GCancellable *cancellable;
  GCancellable *caller_cancellable;
  gulong caller_handler;
  char *wav_path;
  /* What to say, kept until a chime before it has ended. */
  char *text;
  const char *voice;
  guint volume;
} Utterance;

static void
utterance_free (Utterance *utterance)
{
  if (utterance->caller_handler != 0)
    g_cancellable_disconnect (utterance->caller_cancellable, utterance->caller_handler);
  g_clear_object (&utterance->caller_cancellable);
  g_clear_object (&utterance->cancellable);
  g_clear_object (&utterance->process);
  g_clear_pointer (&utterance->wav_path, g_free);
  g_clear_pointer (&utterance->text, g_free);
  g_free (utterance);
}

const char *
kp_speaker_get_voice (const char *language)
{
  static const struct
  {
    const char *language;
    const char *voice;
  } voices[] = {
    { "nl", "nl" },
    { "en", "en-gb" },
  };

  g_return_val_if_fail (language != NULL, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (voices); i++)
    {
      if (g_str_equal (voices[i].language, language))
        return voices[i].voice;
    }
  return NULL;
}

/*
 * Claims the next free "speech-N.wav" in the output folder by creating it,
 * so two speakers writing to one folder never share a file. The file is
 * only readable by us: it holds what was read out to a resident.
 */
static char *
claim_wav_path (KpSpeaker *self, GError **error)
{
  int saved_errno;

  if (g_mkdir_with_parents (self->output_folder, 0700) != 0)
    {
      saved_errno = errno;
      g_set_error (error, KP_SPEAKER_ERROR, KP_SPEAKER_ERROR_FAILED,
                   _ ("Cannot write speech to %s: %s"), self->output_folder,
                   g_strerror (saved_errno));
      return NULL;
    }

  /* Ends at the first number not yet taken; the folder holds finitely many. */
  for (;;)
    {
      g_autofree char *name = g_strdup_printf ("speech-%u.wav", ++self->last_file_number);
      g_autofree char *path = g_build_filename (self->output_folder, name, NULL);
      int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

      if (fd >= 0)
        {
          g_close (fd, NULL);
          return g_steal_pointer (&path);
        }
      saved_errno = errno;
      if (saved_errno != EEXIST)
        {
          g_set_error (error, KP_SPEAKER_ERROR, KP_SPEAKER_ERROR_FAILED,
                       _ ("Cannot write speech to %s: %s"), path, g_strerror (saved_errno));
          return NULL;
        }
    }
}

/*
 * One line per utterance, so a test can compare what was said line by
 * line. Written at once, as the WAV file is claimed: both are test mode's
 * small local files, and the line must be there when the test looks.
 */
static void
append_to_log (KpSpeaker *self, const char *text)
{
  g_autofree char *line = g_strdup (text);
  FILE *log;

  g_strdelimit (g_strstrip (line), "\r\n", ' ');
  log = g_fopen (self->log_file, "ae");
  if (log == NULL)
    {
      int saved_errno = errno;

      g_message ("Cannot write the speech log %s: %s", self->log_file, g_strerror (saved_errno));
      return;
    }
  fprintf (log, "%s\n", line);
  fclose (log);
}

/*
 * The text itself is not in the arguments: it goes through standard input,
 * because anyone on the machine can read a process's command line.
 */
static GSubprocess *
spawn_espeak (const char *voice, guint volume, const char *wav_path, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *amplitude = g_strdup_printf ("%u", volume);
  const char *const options[]
      = { "espeak-ng", "--stdin", "-b", "1", "-v", voice, "-s", WORDS_PER_MINUTE, "-a", amplitude };

  for (gsize i = 0; i < G_N_ELEMENTS (options); i++)
    g_ptr_array_add (argv, (gpointer) options[i]);
  /* Without a WAV file espeak-ng plays through the speakers. */
  if (wav_path != NULL)
    {
      g_ptr_array_add (argv, (gpointer) "-w");
      g_ptr_array_add (argv, (gpointer) wav_path);
    }
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char *const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                   | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &local_error);
  if (g_error_matches (local_error, G_SPAWN_ERROR, G_SPAWN_ERROR_NOENT))
    g_set_error (error, KP_SPEAKER_ERROR, KP_SPEAKER_ERROR_UNAVAILABLE,
                 _ ("Speech is not available: espeak-ng is not installed"));
  else if (local_error != NULL)
    g_set_error (error, KP_SPEAKER_ERROR, KP_SPEAKER_ERROR_FAILED, _ ("Cannot start speech: %s"),
                 local_error->message);
  return g_steal_pointer (&process);
}

/* A stopped or failed utterance leaves no half-written file behind. */
static void
discard_wav (Utterance *utterance)
{
  if (utterance->wav_path != NULL)
    g_unlink (utterance->wav_path);
}

static void
on_caller_cancelled (GCancellable *caller_cancellable, gpointer user_data)
{
  GCancellable *utterance_cancellable = user_data;

  g_cancellable_cancel (utterance_cancellable);
}

static void
on_communicated (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  KpSpeaker *self = g_task_get_source_object (task);
  Utterance *utterance = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autofree char *errors = NULL;

  if (self->current == task)
    g_clear_object (&self->current);

  if (!g_subprocess_communicate_utf8_finish (utterance->process, result, NULL, &errors, &error))
    {
      /* Whatever was still being said must stop now. */
      g_subprocess_force_exit (utterance->process);
      discard_wav (utterance);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, KP_SPEAKER_ERROR, KP_SPEAKER_ERROR_FAILED,
                                 _ ("Speech failed: %s"), error->message);
      return;
    }
  if (!g_subprocess_get_successful (utterance->process))
    {
      discard_wav (utterance);
      g_task_return_new_error (task, KP_SPEAKER_ERROR, KP_SPEAKER_ERROR_FAILED,
                               _ ("Speech failed: %s"), g_strstrip (errors));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&utterance->wav_path), g_free);
}

/* (transfer full) @task: speaks now, as the chime before it has ended. */
static void
start_utterance (GTask *task)
{
  KpSpeaker *self = g_task_get_source_object (task);
  Utterance *utterance = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  utterance->process
      = spawn_espeak (utterance->voice, utterance->volume, utterance->wav_path, &error);
  if (utterance->process == NULL)
    {
      if (self->current == task)
        g_clear_object (&self->current);
      discard_wav (utterance);
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  g_subprocess_communicate_utf8_async (utterance->process, utterance->text, utterance->cancellable,
                                       on_communicated, task);
}

static void
on_chime_ended (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  KpSpeaker *self = g_task_get_source_object (task);
  Utterance *utterance = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  /* A chime that failed to play is no reason to stay silent; a stop is. */
  if (!g_subprocess_wait_finish (G_SUBPROCESS (source_object), result, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (self->current == task)
        g_clear_object (&self->current);
      discard_wav (utterance);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  start_utterance (g_steal_pointer (&task));
}

/* A WAV file's 44-byte header for @n_samples of 16-bit mono at @rate. */
static void
append_wav_header (GByteArray *wav, guint32 rate, guint32 n_samples)
{
  guint32 data_size = n_samples * 2;
  guint32 riff_size = 36 + data_size;
  guint32 byte_rate = rate * 2;
  guint32 fmt_size = 16;
  guint16 pcm = 1, channels = 1, block_align = 2, bits = 16;

  /* WAV is little-endian, as are the machines a kiosk runs on; GUINT32_TO_LE keeps it so. */
  riff_size = GUINT32_TO_LE (riff_size);
  fmt_size = GUINT32_TO_LE (fmt_size);
  rate = GUINT32_TO_LE (rate);
  byte_rate = GUINT32_TO_LE (byte_rate);
  data_size = GUINT32_TO_LE (data_size);
  g_byte_array_append (wav, (const guint8 *) "RIFF", 4);
  g_byte_array_append (wav, (const guint8 *) &riff_size, 4);
  g_byte_array_append (wav, (const guint8 *) "WAVEfmt ", 8);
  g_byte_array_append (wav, (const guint8 *) &fmt_size, 4);
  g_byte_array_append (wav, (const guint8 *) &pcm, 2);
  g_byte_array_append (wav, (const guint8 *) &channels, 2);
  g_byte_array_append (wav, (const guint8 *) &rate, 4);
  g_byte_array_append (wav, (const guint8 *) &byte_rate, 4);
  g_byte_array_append (wav, (const guint8 *) &block_align, 2);
  g_byte_array_append (wav, (const guint8 *) &bits, 2);
  g_byte_array_append (wav, (const guint8 *) "data", 4);
  g_byte_array_append (wav, (const guint8 *) &data_size, 4);
}

/* (transfer full) */
GBytes *
kp_speaker_dup_chime_wav (void)
{
  guint32 n_samples = (guint32) (CHIME_RATE * CHIME_SECONDS);
  GByteArray *wav = g_byte_array_sized_new (44 + n_samples * 2);

  append_wav_header (wav, CHIME_RATE, n_samples);
  for (guint32 i = 0; i < n_samples; i++)
    {
      /* A sine, faded in and out over its whole length (a Hann window). */
      double fade = 0.5 - 0.5 * cos (2 * G_PI * i / n_samples);
      gint16 sample = GINT16_TO_LE (
          (gint16) (0.3 * G_MAXINT16 * fade * sin (2 * G_PI * CHIME_HZ * i / CHIME_RATE)));

      g_byte_array_append (wav, (const guint8 *) &sample, 2);
    }
  return g_byte_array_free_to_bytes (wav);
}

static void
on_chime_played (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KpSpeaker) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_subprocess_communicate_finish (G_SUBPROCESS (source_object), result, NULL, NULL, &error))
    g_message ("The chime could not be played: %s", error->message);
  if (self->chime == G_SUBPROCESS (source_object))
    g_clear_object (&self->chime);
}

/* Test mode: the chime is a file, as speech is, and a line in the log. */
static void
write_chime (KpSpeaker *self, GBytes *wav)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = claim_wav_path (self, &error);

  if (path == NULL
      || !g_file_set_contents (path, g_bytes_get_data (wav, NULL), (gssize) g_bytes_get_size (wav),
                               &error))
    {
      g_message ("The chime could not be written: %s", error->message);
      return;
    }
  if (self->log_file != NULL)
    append_to_log (self, "(chime)");
}

static void
kp_speaker_finalize (GObject *object)
{
  KpSpeaker *self = KP_SPEAKER (object);

  g_clear_pointer (&self->log_file, g_free);
  g_clear_pointer (&self->output_folder, g_free);

  G_OBJECT_CLASS (kp_speaker_parent_class)->finalize (object);
}

static void
kp_speaker_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KpSpeaker *self = KP_SPEAKER (object);

  switch (prop_id)
    {
      case PROP_OUTPUT_FOLDER:
        g_value_set_string (value, self->output_folder);
        break;

      case PROP_LOG_FILE:
        g_value_set_string (value, self->log_file);
        break;

      case PROP_VOLUME:
        g_value_set_uint (value, self->volume);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kp_speaker_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KpSpeaker *self = KP_SPEAKER (object);

  switch (prop_id)
    {
      case PROP_OUTPUT_FOLDER:
        kp_speaker_set_output_folder (self, g_value_get_string (value));
        break;

      case PROP_LOG_FILE:
        kp_speaker_set_log_file (self, g_value_get_string (value));
        break;

      case PROP_VOLUME:
        kp_speaker_set_volume (self, g_value_get_uint (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kp_speaker_class_init (KpSpeakerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kp_speaker_finalize;
  object_class->get_property = kp_speaker_get_property;
  object_class->set_property = kp_speaker_set_property;

  /* A folder to write speech to as WAV files, or NULL to speak aloud. */
  properties[PROP_OUTPUT_FOLDER]
      = g_param_spec_string ("output-folder", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Test mode: a file that gets each utterance as a line; ignored without an output folder. */
  properties[PROP_LOG_FILE]
      = g_param_spec_string ("log-file", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* How loud: 0 is silent, 100 espeak-ng's normal amplitude; applies from the next utterance. */
  properties[PROP_VOLUME]
      = g_param_spec_uint ("volume", NULL, NULL, 0, KP_SPEAKER_MAX_VOLUME, DEFAULT_VOLUME,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /*
   * When espeak-ng ends before it has read all of the text, writing the
   * rest would raise SIGPIPE and end the whole kiosk. Ignored here, as
   * GSocket does, so that the write fails with EPIPE instead.
   */
  signal (SIGPIPE, SIG_IGN);
}

static void
kp_speaker_init (KpSpeaker *self)
{
  self->volume = DEFAULT_VOLUME;
}

/* (transfer full) */
KpSpeaker *
kp_speaker_new (void)
{
  return g_object_new (KP_TYPE_SPEAKER, NULL);
}

void
kp_speaker_set_output_folder (KpSpeaker *self, const char *folder)
{
  g_return_if_fail (KP_IS_SPEAKER (self));

  if (g_strcmp0 (self->output_folder, folder) == 0)
    return;
  g_free (self->output_folder);
  self->output_folder = g_strdup (folder);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTPUT_FOLDER]);
}

/* (transfer none) (nullable) */
const char *
kp_speaker_get_output_folder (KpSpeaker *self)
{
  g_return_val_if_fail (KP_IS_SPEAKER (self), NULL);

  return self->output_folder;
}

void
kp_speaker_set_log_file (KpSpeaker *self, const char *path)
{
  g_return_if_fail (KP_IS_SPEAKER (self));

  if (g_strcmp0 (self->log_file, path) == 0)
    return;
  g_free (self->log_file);
  self->log_file = g_strdup (path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOG_FILE]);
}

/* (transfer none) (nullable) */
const char *
kp_speaker_get_log_file (KpSpeaker *self)
{
  g_return_val_if_fail (KP_IS_SPEAKER (self), NULL);

  return self->log_file;
}

void
kp_speaker_set_volume (KpSpeaker *self, guint volume)
{
  g_return_if_fail (KP_IS_SPEAKER (self));
  g_return_if_fail (volume <= KP_SPEAKER_MAX_VOLUME);

  if (self->volume == volume)
    return;
  self->volume = volume;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOLUME]);
}

guint
kp_speaker_get_volume (KpSpeaker *self)
{
  g_return_val_if_fail (KP_IS_SPEAKER (self), DEFAULT_VOLUME);

  return self->volume;
}

void
kp_speaker_speak_async (KpSpeaker *self,
                        const char *text,
                        const char *language,
                        GCancellable *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  Utterance *utterance;
  const char *voice;

  g_return_if_fail (KP_IS_SPEAKER (self));
  g_return_if_fail (text != NULL);
  g_return_if_fail (language != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  kp_speaker_stop (self);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kp_speaker_speak_async);
  utterance = g_new0 (Utterance, 1);
  g_task_set_task_data (task, utterance, (GDestroyNotify) utterance_free);

  voice = kp_speaker_get_voice (language);
  if (voice == NULL)
    {
      g_task_return_new_error (task, KP_SPEAKER_ERROR, KP_SPEAKER_ERROR_UNAVAILABLE,
                               _ ("Speech is not available in the language “%s”"), language);
      return;
    }
  if (self->output_folder != NULL)
    {
      utterance->wav_path = claim_wav_path (self, &error);
      if (utterance->wav_path == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (self->log_file != NULL)
        append_to_log (self, text);
    }
  utterance->voice = voice;
  utterance->volume = self->volume;
  utterance->text = g_strdup (text);
  utterance->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      utterance->caller_cancellable = g_object_ref (cancellable);
      utterance->caller_handler = g_cancellable_connect (
          cancellable, G_CALLBACK (on_caller_cancelled), utterance->cancellable, NULL);
    }
  self->current = g_object_ref (task);
  if (self->chime != NULL)
    g_subprocess_wait_async (self->chime, utterance->cancellable, on_chime_ended,
                             g_steal_pointer (&task));
  else
    start_utterance (g_steal_pointer (&task));
}

/* (transfer full) (nullable) */
char *
kp_speaker_speak_finish (KpSpeaker *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (KP_IS_SPEAKER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kp_speaker_speak_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
kp_speaker_stop (KpSpeaker *self)
{
  g_autoptr (GTask) task = NULL;
  Utterance *utterance;

  g_return_if_fail (KP_IS_SPEAKER (self));

  task = g_steal_pointer (&self->current);
  if (task == NULL)
    return;
  utterance = g_task_get_task_data (task);
  /* Killed here rather than when the task completes, so silence is immediate. */
  if (utterance->process != NULL)
    g_subprocess_force_exit (utterance->process);
  g_cancellable_cancel (utterance->cancellable);
}

gboolean
kp_speaker_is_speaking (KpSpeaker *self)
{
  g_return_val_if_fail (KP_IS_SPEAKER (self), FALSE);

  return self->current != NULL;
}

/*
 * Played with pacat, which PulseAudio and PipeWire both serve; the
 * samples go through its standard input, as speech goes to espeak-ng.
 */
void
kp_speaker_chime (KpSpeaker *self)
{
  g_autoptr (GBytes) wav = kp_speaker_dup_chime_wav ();
  g_autoptr (GBytes) samples = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *rate = g_strdup_printf ("--rate=%d", CHIME_RATE);

  g_return_if_fail (KP_IS_SPEAKER (self));

  if (self->output_folder != NULL)
    {
      write_chime (self, wav);
      return;
    }
  if (self->chime != NULL)
    return;
  samples = g_bytes_new_from_bytes (wav, 44, g_bytes_get_size (wav) - 44);
  self->chime = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                      | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                                  &error, "pacat", "--playback", "--format=s16le", "--channels=1",
                                  rate, NULL);
  if (self->chime == NULL)
    {
      g_message ("The chime could not be played: %s", error->message);
      return;
    }
  g_subprocess_communicate_async (self->chime, samples, NULL, on_chime_played, g_object_ref (self));
}

guint
kp_speaker_step_volume (KpSpeaker *self, int steps)
{
  int volume;

  g_return_val_if_fail (KP_IS_SPEAKER (self), DEFAULT_VOLUME);

  volume = CLAMP ((int) self->volume + steps * VOLUME_STEP, 0, KP_SPEAKER_MAX_VOLUME);
  kp_speaker_set_volume (self, (guint) volume);
  return self->volume;
}
