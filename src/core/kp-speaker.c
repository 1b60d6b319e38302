/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-speaker.h"

#include <errno.h>
#include <fcntl.h>
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

struct _KpSpeaker
{
  GObject parent_instance;

  char *output_folder;
  guint volume; /* espeak-ng's amplitude, 0–KP_SPEAKER_MAX_VOLUME */
  /* The number of the last WAV file written, to name the next one. */
  guint last_file_number;
  /* The utterance being spoken, or NULL when silent. */
  GTask *current;
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
  g_free (utterance);
}

static const char *
voice_for_language (const char *language)
{
  static const struct
  {
    const char *language;
    const char *voice;
  } voices[] = {
    { "nl", "nl" },
    { "en", "en-gb" },
  };

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

static void
kp_speaker_finalize (GObject *object)
{
  KpSpeaker *self = KP_SPEAKER (object);

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

  voice = voice_for_language (language);
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
    }
  utterance->process = spawn_espeak (voice, self->volume, utterance->wav_path, &error);
  if (utterance->process == NULL)
    {
      discard_wav (utterance);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  utterance->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      utterance->caller_cancellable = g_object_ref (cancellable);
      utterance->caller_handler = g_cancellable_connect (
          cancellable, G_CALLBACK (on_caller_cancelled), utterance->cancellable, NULL);
    }
  self->current = g_object_ref (task);
  g_subprocess_communicate_utf8_async (utterance->process, text, utterance->cancellable,
                                       on_communicated, g_steal_pointer (&task));
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
  g_subprocess_force_exit (utterance->process);
  g_cancellable_cancel (utterance->cancellable);
}

gboolean
kp_speaker_is_speaking (KpSpeaker *self)
{
  g_return_val_if_fail (KP_IS_SPEAKER (self), FALSE);

  return self->current != NULL;
}
