/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-config.h"
#include "kp-speaker.h"
#include "kp-test-helpers.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#define SHORT_DUTCH "Welkom bij het informatiepunt van de gemeente."
#define LONG_DUTCH                                                                                 \
  "U kunt hier een melding doen over de openbare ruimte, bijvoorbeeld over een kapotte "           \
  "lantaarnpaal, zwerfafval of een losse stoeptegel. U krijgt daarna een bonnetje met een "        \
  "nummer mee, zodat u later kunt zien wat de gemeente met uw melding heeft gedaan."
#define ENGLISH                                                                                    \
  "You can report a broken street light, litter or a loose paving stone here, and you get a "      \
  "slip with a number."

/* The speaker's pace; a duration far from it means the text was not read. */
#define WORDS_PER_MINUTE 150.0

/* The samples of a complete 16-bit PCM WAV file, as far as a test needs them. */
typedef struct
{
  guint channels;
  guint sample_rate;
  double seconds;
  /* The mean of the squared samples, from -1 to 1: the square of the RMS. */
  double mean_square;
} WavFacts;

typedef struct
{
  GAsyncResult *result;
  char *wav_path;
  GError *error;
  gint64 finished_at;
} Outcome;

static void
outcome_clear (Outcome *outcome)
{
  g_clear_object (&outcome->result);
  g_clear_pointer (&outcome->wav_path, g_free);
  g_clear_error (&outcome->error);
}

static void
on_spoken (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Outcome *outcome = user_data;

  outcome->wav_path = kp_speaker_speak_finish (KP_SPEAKER (source), result, &outcome->error);
  outcome->result = g_object_ref (result);
  outcome->finished_at = g_get_monotonic_time ();
}

static gboolean
on_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main context until @outcome is filled in, for at most @timeout_ms. */
static void
wait_for (Outcome *outcome, guint timeout_ms)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add (timeout_ms, on_timeout, &timed_out);

  while (outcome->result == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);
  g_assert_nonnull (outcome->result);
}

static guint32
read_le32 (const guint8 *bytes)
{
  return (guint32) bytes[0] | (guint32) bytes[1] << 8 | (guint32) bytes[2] << 16
         | (guint32) bytes[3] << 24;
}

static guint16
read_le16 (const guint8 *bytes)
{
  return (guint16) (bytes[0] | bytes[1] << 8);
}

/*
 * Parses the RIFF header by hand and checks that the sizes it states are
 * the sizes on disk: a file whose writer was killed does not pass.
 */
static WavFacts
read_wav (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree guint8 *bytes = NULL;
  gsize length = 0;
  gsize offset = 12;
  guint bits = 0;
  gboolean has_format = FALSE;
  WavFacts facts = { 0 };

  g_file_get_contents (path, (char **) &bytes, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >=, 44);
  g_assert_cmpmem (bytes, 4, "RIFF", 4);
  g_assert_cmpmem (bytes + 8, 4, "WAVE", 4);
  g_assert_cmpuint (read_le32 (bytes + 4), ==, length - 8);

  while (offset + 8 <= length)
    {
      const guint8 *chunk = bytes + offset;
      guint32 size = read_le32 (chunk + 4);

      g_assert_cmpuint (size, <=, length - offset - 8);
      if (memcmp (chunk, "fmt ", 4) == 0)
        {
          g_assert_cmpuint (size, >=, 16);
          g_assert_cmpuint (read_le16 (chunk + 8), ==, 1); /* PCM */
          facts.channels = read_le16 (chunk + 10);
          facts.sample_rate = read_le32 (chunk + 12);
          bits = read_le16 (chunk + 22);
          has_format = TRUE;
        }
      else if (memcmp (chunk, "data", 4) == 0)
        {
          const guint8 *samples = chunk + 8;
          guint32 n_samples = size / 2;
          double sum = 0;

          g_assert_true (has_format);
          g_assert_cmpuint (bits, ==, 16);
          g_assert_cmpuint (facts.channels, >=, 1);
          g_assert_cmpuint (facts.sample_rate, >=, 8000);
          /* The data runs to the end of the file: nothing was cut off. */
          g_assert_cmpuint (offset + 8 + size, ==, length);
          for (guint32 i = 0; i < n_samples; i++)
            {
              double sample = (gint16) read_le16 (samples + 2 * i) / 32768.0;

              sum += sample * sample;
            }
          facts.mean_square = n_samples > 0 ? sum / n_samples : 0;
          facts.seconds = (double) n_samples / facts.channels / facts.sample_rate;
          return facts;
        }
      offset += 8 + size + (size & 1);
    }
  g_assert_not_reached ();
}

static guint
count_words (const char *text)
{
  g_auto (GStrv) words = g_strsplit_set (text, " ", -1);

  return g_strv_length (words);
}

/* Says @text at @volume into a fresh folder and returns what was written. */
static WavFacts
speak_to_file_at (const char *text, const char *language, guint volume)
{
  g_autofree char *folder = kp_test_make_tmpdir ("speech");
  g_autofree char *expected_path = g_build_filename (folder, "speech-1.wav", NULL);
  KpSpeaker *speaker = kp_speaker_new ();
  Outcome outcome = { 0 };
  WavFacts facts;

  kp_speaker_set_output_folder (speaker, folder);
  kp_speaker_set_volume (speaker, volume);
  kp_speaker_speak_async (speaker, text, language, NULL, on_spoken, &outcome);
  g_assert_true (kp_speaker_is_speaking (speaker));
  wait_for (&outcome, 30000);
  g_assert_no_error (outcome.error);
  g_assert_false (kp_speaker_is_speaking (speaker));
  g_assert_cmpstr (outcome.wav_path, ==, expected_path);
  facts = read_wav (outcome.wav_path);

  outcome_clear (&outcome);
  g_assert_finalize_object (speaker);
  kp_test_remove_tree (folder);
  return facts;
}

/* At the speaker's default volume. */
static WavFacts
speak_to_file (const char *text, const char *language)
{
  g_autoptr (KpSpeaker) speaker = kp_speaker_new ();

  return speak_to_file_at (text, language, kp_speaker_get_volume (speaker));
}

static void
assert_duration_fits (const WavFacts *facts, const char *text)
{
  double estimate = count_words (text) * 60.0 / WORDS_PER_MINUTE;

  g_test_message ("%.2f s for %u words, estimated %.2f s", facts->seconds, count_words (text),
                  estimate);
  g_assert_cmpfloat (facts->seconds, >, estimate * 0.6);
  g_assert_cmpfloat (facts->seconds, <, estimate * 1.8);
  /* Not silence: an RMS above 0.02, where espeak-ng's speech is far above. */
  g_assert_cmpfloat (facts->mean_square, >, 0.02 * 0.02);
}

static void
test_dutch_is_written_as_speech (void)
{
  WavFacts short_facts = speak_to_file (SHORT_DUTCH, "nl");
  WavFacts long_facts = speak_to_file (LONG_DUTCH, "nl");

  assert_duration_fits (&short_facts, SHORT_DUTCH);
  assert_duration_fits (&long_facts, LONG_DUTCH);
  g_assert_cmpfloat (long_facts.seconds, >, short_facts.seconds * 2);
}

static void
test_english_is_written_as_speech (void)
{
  WavFacts facts = speak_to_file (ENGLISH, "en");

  assert_duration_fits (&facts, ENGLISH);
}

/*
 * Text long enough that espeak-ng, which writes files far faster than it
 * speaks, is still busy when the test stops it (transfer full).
 */
static char *
make_long_text (void)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < 2000; i++)
    g_string_append (text, "Dit is een lange tekst die nog heel lang doorgaat. ");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The espeak-ng processes this test started that are still alive (transfer full). */
static GArray *
find_espeak_children (void)
{
  g_autoptr (GArray) pids = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;

  g_assert_nonnull (proc);
  while ((name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *stat_path = g_build_filename ("/proc", name, "stat", NULL);
      g_autofree char *stat = NULL;
      const char *after_name;
      char state;
      int parent;

      if (!g_ascii_isdigit (name[0]) || !g_file_get_contents (stat_path, &stat, NULL, NULL))
        continue;
      /* "pid (comm) state ppid ..."; comm may hold spaces, so go from the last ')'. */
      after_name = strrchr (stat, ')');
      if (after_name == NULL || sscanf (after_name, ") %c %d", &state, &parent) != 2)
        continue;
      if (parent == getpid () && state != 'Z' && strstr (stat, "(espeak-ng)") != NULL)
        {
          int pid = atoi (name);

          g_array_append_val (pids, pid);
        }
    }
  return g_steal_pointer (&pids);
}

static char *
read_command_line (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/cmdline", pid);
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  /* The arguments are separated by NUL bytes. */
  for (gsize i = 0; i + 1 < length; i++)
    {
      if (contents[i] == '\0')
        contents[i] = ' ';
    }
  return contents;
}

static void
wait_until_no_espeak_children (void)
{
  gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autoptr (GArray) children = find_espeak_children ();

      if (children->len == 0)
        return;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (10000);
    }
}

/* Runs the main context until @name in @folder holds @size bytes, for at most 5 s. */
static void
wait_until_file_grows (const char *folder, const char *name, goffset size)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  GStatBuf status = { 0 };

  while (g_stat (path, &status) == 0 && status.st_size < size)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpint (status.st_size, >=, size);
}

static void
test_stop_silences_at_once (void)
{
  g_autofree char *folder = kp_test_make_tmpdir ("speech");
  g_autofree char *text = make_long_text ();
  g_autofree char *command_line = NULL;
  g_autoptr (GArray) children = NULL;
  KpSpeaker *speaker = kp_speaker_new ();
  Outcome outcome = { 0 };
  gint64 stopped_at;
  g_autoptr (GDir) dir = NULL;

  kp_speaker_set_output_folder (speaker, folder);
  kp_speaker_speak_async (speaker, text, "nl", NULL, on_spoken, &outcome);

  /* The text is not on espeak-ng's command line, where anyone could read it. */
  children = find_espeak_children ();
  g_assert_cmpuint (children->len, ==, 1);
  command_line = read_command_line (g_array_index (children, int, 0));
  g_assert_true (g_str_has_prefix (command_line, "espeak-ng "));
  g_assert_null (strstr (command_line, "lange tekst"));

  /* Stopped in the middle: part of the speech is already written. */
  wait_until_file_grows (folder, "speech-1.wav", 1024 * 1024);
  stopped_at = g_get_monotonic_time ();
  kp_speaker_stop (speaker);
  g_assert_false (kp_speaker_is_speaking (speaker));
  wait_for (&outcome, 5000);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (outcome.wav_path);
  g_assert_cmpint (outcome.finished_at - stopped_at, <, G_USEC_PER_SEC / 2);
  wait_until_no_espeak_children ();

  /* A stopped utterance leaves no half file behind. */
  dir = g_dir_open (folder, 0, NULL);
  g_assert_null (g_dir_read_name (dir));

  outcome_clear (&outcome);
  g_assert_finalize_object (speaker);
  kp_test_remove_tree (folder);
}

static void
test_new_speech_replaces_the_old (void)
{
  g_autofree char *folder = kp_test_make_tmpdir ("speech");
  g_autofree char *text = make_long_text ();
  g_autofree char *second_path = g_build_filename (folder, "speech-2.wav", NULL);
  g_autoptr (GDir) dir = NULL;
  KpSpeaker *speaker = kp_speaker_new ();
  Outcome first = { 0 };
  Outcome second = { 0 };
  WavFacts facts;

  kp_speaker_set_output_folder (speaker, folder);
  kp_speaker_speak_async (speaker, text, "nl", NULL, on_spoken, &first);
  kp_speaker_speak_async (speaker, SHORT_DUTCH, "nl", NULL, on_spoken, &second);
  wait_for (&first, 5000);
  wait_for (&second, 30000);

  g_assert_error (first.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (first.wav_path);
  g_assert_no_error (second.error);
  g_assert_cmpstr (second.wav_path, ==, second_path);
  facts = read_wav (second.wav_path);
  assert_duration_fits (&facts, SHORT_DUTCH);

  /* Only the second utterance's file is there. */
  dir = g_dir_open (folder, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (dir), ==, "speech-2.wav");
  g_assert_null (g_dir_read_name (dir));
  wait_until_no_espeak_children ();

  outcome_clear (&first);
  outcome_clear (&second);
  g_assert_finalize_object (speaker);
  kp_test_remove_tree (folder);
}

static void
test_cancellable_stops_speech (void)
{
  g_autofree char *folder = kp_test_make_tmpdir ("speech");
  g_autofree char *text = make_long_text ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  KpSpeaker *speaker = kp_speaker_new ();
  Outcome outcome = { 0 };

  kp_speaker_set_output_folder (speaker, folder);
  kp_speaker_speak_async (speaker, text, "nl", cancellable, on_spoken, &outcome);
  g_cancellable_cancel (cancellable);
  wait_for (&outcome, 5000);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (kp_speaker_is_speaking (speaker));
  wait_until_no_espeak_children ();

  outcome_clear (&outcome);
  g_assert_finalize_object (speaker);
  kp_test_remove_tree (folder);
}

static void
assert_unavailable (KpSpeaker *speaker, const char *language, const char *message)
{
  Outcome outcome = { 0 };

  kp_speaker_speak_async (speaker, SHORT_DUTCH, language, NULL, on_spoken, &outcome);
  wait_for (&outcome, 5000);
  g_assert_error (outcome.error, KP_SPEAKER_ERROR, KP_SPEAKER_ERROR_UNAVAILABLE);
  g_assert_cmpstr (outcome.error->message, ==, message);
  g_assert_false (kp_speaker_is_speaking (speaker));
  outcome_clear (&outcome);
}

static void
test_unavailable_speech_is_reported (void)
{
  g_autofree char *folder = kp_test_make_tmpdir ("speech");
  g_autofree char *empty_bin = kp_test_make_tmpdir ("bin");
  g_autofree char *saved_path = g_strdup (g_getenv ("PATH"));
  g_autoptr (GDir) dir = NULL;
  KpSpeaker *speaker = kp_speaker_new ();

  kp_speaker_set_output_folder (speaker, folder);
  assert_unavailable (speaker, "de", "Speech is not available in the language “de”");

  /* A kiosk without espeak-ng. */
  g_setenv ("PATH", empty_bin, TRUE);
  assert_unavailable (speaker, "nl", "Speech is not available: espeak-ng is not installed");
  g_setenv ("PATH", saved_path, TRUE);

  dir = g_dir_open (folder, 0, NULL);
  g_assert_null (g_dir_read_name (dir));
  g_assert_finalize_object (speaker);
  kp_test_remove_tree (folder);
}

static void
speak_and_wait (KpSpeaker *speaker, const char *text)
{
  Outcome outcome = { 0 };

  kp_speaker_speak_async (speaker, text, "nl", NULL, on_spoken, &outcome);
  wait_for (&outcome, 30000);
  outcome_clear (&outcome);
}

/*
 * In test mode each utterance is one line of the log, so tests can check
 * what was said. Speaking aloud never logs: what a resident hears may be
 * their own details. (Without espeak-ng on the PATH, nothing is heard.)
 */
static void
test_log_is_for_test_mode_only (void)
{
  g_autofree char *folder = kp_test_make_tmpdir ("speech");
  g_autofree char *empty_bin = kp_test_make_tmpdir ("bin");
  g_autofree char *saved_path = g_strdup (g_getenv ("PATH"));
  g_autofree char *log_path = g_build_filename (empty_bin, "said.txt", NULL);
  g_autofree char *logged = NULL;
  KpSpeaker *speaker = kp_speaker_new ();

  kp_speaker_set_log_file (speaker, log_path);
  g_setenv ("PATH", empty_bin, TRUE);
  speak_and_wait (speaker, SHORT_DUTCH);
  g_setenv ("PATH", saved_path, TRUE);
  g_assert_false (g_file_test (log_path, G_FILE_TEST_EXISTS));

  kp_speaker_set_output_folder (speaker, folder);
  speak_and_wait (speaker, SHORT_DUTCH);
  speak_and_wait (speaker, "Knop: Volgende\nstap");
  g_assert_true (g_file_get_contents (log_path, &logged, NULL, NULL));
  g_assert_cmpstr (logged, ==, SHORT_DUTCH "\nKnop: Volgende stap\n");

  g_assert_finalize_object (speaker);
  kp_test_remove_tree (folder);
  kp_test_remove_tree (empty_bin);
}

/*
 * An engine that ends at once without reading its input, as a broken
 * espeak-ng would: a megabyte of text cannot fit in the pipe, so writing
 * it fails half way. The kiosk must report that, not die of SIGPIPE.
 */
static void
test_failing_engine_is_reported (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = kp_test_make_tmpdir ("speech");
  g_autofree char *bin = kp_test_make_tmpdir ("bin");
  g_autofree char *engine = g_build_filename (bin, "espeak-ng", NULL);
  g_autofree char *saved_path = g_strdup (g_getenv ("PATH"));
  g_autofree char *text = g_strnfill (1024 * 1024, 'a');
  g_autoptr (GDir) dir = NULL;
  KpSpeaker *speaker = kp_speaker_new ();
  Outcome outcome = { 0 };

  g_file_set_contents (engine, "#!/bin/sh\necho 'voice broken' >&2\nexit 1\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (engine, 0755), ==, 0);
  g_setenv ("PATH", bin, TRUE);

  kp_speaker_set_output_folder (speaker, folder);
  kp_speaker_speak_async (speaker, text, "nl", NULL, on_spoken, &outcome);
  g_setenv ("PATH", saved_path, TRUE);
  wait_for (&outcome, 5000);
  g_assert_error (outcome.error, KP_SPEAKER_ERROR, KP_SPEAKER_ERROR_FAILED);
  g_assert_true (g_str_has_prefix (outcome.error->message, "Speech failed: "));
  g_assert_false (kp_speaker_is_speaking (speaker));

  dir = g_dir_open (folder, 0, NULL);
  g_assert_null (g_dir_read_name (dir));
  outcome_clear (&outcome);
  g_assert_finalize_object (speaker);
  kp_test_remove_tree (folder);
}

/*
 * The volume is espeak-ng's amplitude: half of it gives about half the
 * RMS, double about double (until loud samples clip), and 0 is silence.
 */
static void
test_volume_sets_loudness (void)
{
  WavFacts normal = speak_to_file_at (SHORT_DUTCH, "nl", 100);
  WavFacts soft = speak_to_file_at (SHORT_DUTCH, "nl", 50);
  WavFacts loud = speak_to_file_at (SHORT_DUTCH, "nl", KP_SPEAKER_MAX_VOLUME);
  WavFacts silent = speak_to_file_at (SHORT_DUTCH, "nl", 0);
  double soft_ratio = sqrt (soft.mean_square / normal.mean_square);
  double loud_ratio = sqrt (loud.mean_square / normal.mean_square);

  g_test_message ("RMS at 0, 50, 100, 200: %.4f %.4f %.4f %.4f", sqrt (silent.mean_square),
                  sqrt (soft.mean_square), sqrt (normal.mean_square), sqrt (loud.mean_square));
  g_assert_cmpfloat (soft_ratio, >, 0.35);
  g_assert_cmpfloat (soft_ratio, <, 0.65);
  g_assert_cmpfloat (loud_ratio, >, 1.5);
  g_assert_cmpfloat (loud_ratio, <, 2.2);
  g_assert_cmpfloat (silent.mean_square, <, 1e-8);
  /* The words are still all read, only louder or softer. */
  g_assert_cmpfloat (fabs (soft.seconds - normal.seconds), <, 0.2);
}

/*
 * The chime before the idle countdown is short (nobody asked for it:
 * EN 301 549 5.1.3.10 wants such sounds under 3 s) and loud enough to hear.
 * In test mode it is a file of its own, and the speech after it another.
 */
static void
test_chime_is_short (void)
{
  g_autofree char *folder = kp_test_make_tmpdir ("chime");
  g_autofree char *log_path = g_build_filename (folder, "said.txt", NULL);
  g_autofree char *chime_path = g_build_filename (folder, "speech-1.wav", NULL);
  g_autofree char *logged = NULL;
  KpSpeaker *speaker = kp_speaker_new ();
  WavFacts facts;

  kp_speaker_set_output_folder (speaker, folder);
  kp_speaker_set_log_file (speaker, log_path);
  kp_speaker_chime (speaker);
  speak_and_wait (speaker, SHORT_DUTCH);
  facts = read_wav (chime_path);
  g_test_message ("chime: %.2f s, RMS %.3f", facts.seconds, sqrt (facts.mean_square));
  g_assert_cmpfloat (facts.seconds, >, 0.1);
  g_assert_cmpfloat (facts.seconds, <, 3.0);
  g_assert_cmpfloat (facts.mean_square, >, 0.02 * 0.02);
  g_file_get_contents (log_path, &logged, NULL, NULL);
  g_assert_cmpstr (logged, ==, "(chime)\n" SHORT_DUTCH "\n");
  g_assert_finalize_object (speaker);
  kp_test_remove_tree (folder);
}

/* The volume keys step within 0 and the maximum, never past them. */
static void
test_volume_steps (void)
{
  g_autoptr (KpSpeaker) speaker = kp_speaker_new ();
  guint previous;

  g_assert_cmpuint (kp_speaker_get_volume (speaker), ==, 100);
  g_assert_cmpuint (kp_speaker_step_volume (speaker, 1), >, 100);
  for (guint i = 0; i < 20; i++)
    kp_speaker_step_volume (speaker, 1);
  g_assert_cmpuint (kp_speaker_get_volume (speaker), ==, KP_SPEAKER_MAX_VOLUME);
  previous = kp_speaker_get_volume (speaker);
  g_assert_cmpuint (kp_speaker_step_volume (speaker, -1), <, previous);
  for (guint i = 0; i < 20; i++)
    kp_speaker_step_volume (speaker, -1);
  g_assert_cmpuint (kp_speaker_get_volume (speaker), ==, 0);
}

/* (transfer full) the voices espeak-ng has for @language, as `espeak-ng --voices=` lists them */
static GStrv
list_espeak_voices (const char *language)
{
  g_autofree char *option = g_strdup_printf ("--voices=%s", language);
  const char *argv[] = { "espeak-ng", option, NULL };
  g_auto (KpTestRun) run = { 0 };
  g_auto (GStrv) lines = NULL;
  GStrvBuilder *voices = g_strv_builder_new ();
  GStrv result;

  kp_test_run_argv (&run, argv);
  kp_test_assert_success (&run);
  lines = g_strsplit (run.out, "\n", -1);
  /* "Pty Language Age/Gender VoiceName File Other": the second column names the voice. */
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto (GStrv) words = g_strsplit (lines[i], " ", -1);
      guint column = 0;

      for (guint j = 0; words[j] != NULL && column < 2; j++)
        {
          if (*words[j] != '\0' && ++column == 2)
            g_strv_builder_add (voices, words[j]);
        }
    }
  result = g_strv_builder_end (voices);
  g_strv_builder_unref (voices);
  return result;
}

/* Each language a kiosk can offer is spoken by an installed espeak-ng voice (5.1.3.14). */
static void
test_every_language_has_a_voice (void)
{
  g_autoptr (KpConfig) config = kp_config_new_default ();
  const char *const *languages = kp_config_get_languages (config);

  g_assert_cmpuint (g_strv_length ((GStrv) languages), >, 0);
  for (guint i = 0; languages[i] != NULL; i++)
    {
      const char *voice = kp_speaker_get_voice (languages[i]);
      g_auto (GStrv) installed = NULL;

      g_test_message ("%s: voice %s", languages[i], voice);
      g_assert_nonnull (voice);
      installed = list_espeak_voices (languages[i]);
      g_assert_true (g_strv_contains ((const char *const *) installed, voice));
    }
  /* The check bites: a language nobody configured has no voice. */
  g_assert_null (kp_speaker_get_voice ("tlh"));
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/speaker/dutch-is-written-as-speech", test_dutch_is_written_as_speech);
  g_test_add_func ("/speaker/english-is-written-as-speech", test_english_is_written_as_speech);
  g_test_add_func ("/speaker/volume-sets-loudness", test_volume_sets_loudness);
  g_test_add_func ("/speaker/volume-steps", test_volume_steps);
  g_test_add_func ("/speaker/chime-is-short", test_chime_is_short);
  g_test_add_func ("/speaker/every-language-has-a-voice", test_every_language_has_a_voice);
  g_test_add_func ("/speaker/log-is-for-test-mode-only", test_log_is_for_test_mode_only);
  g_test_add_func ("/speaker/stop-silences-at-once", test_stop_silences_at_once);
  g_test_add_func ("/speaker/new-speech-replaces-the-old", test_new_speech_replaces_the_old);
  g_test_add_func ("/speaker/cancellable-stops-speech", test_cancellable_stops_speech);
  g_test_add_func ("/speaker/unavailable-speech-is-reported", test_unavailable_speech_is_reported);

  g_test_add_func ("/speaker/failing-engine-is-reported", test_failing_engine_is_reported);

  status = g_test_run ();
  kp_test_remove_tree (home);
  return status;
}
