/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-syncd-harness.h"

#include "kp-test-helpers.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

/* The window of the kills' moments, after the start: from a few milliseconds to two seconds. */
#define MIN_KILL_DELAY_MS 4
#define MAX_KILL_DELAY_MS 2000
#define PHOTO_SIZE        2048

struct _KpSyncdHarness
{
  char *dir;
  char *config_path;
  KpStore *store;
  KpOutbox *outbox;
  GPtrArray *references;
};

static gint64 simulated_now;

/* ---- The folder and the outbox ---- */

KpSyncdHarness *
kp_syncd_harness_new (const char *prefix)
{
  KpSyncdHarness *self = g_new0 (KpSyncdHarness, 1);
  g_autoptr (GError) error = NULL;
  g_autofree char *db_path = NULL;

  self->dir = kp_test_make_tmpdir (prefix);
  self->config_path = g_build_filename (self->dir, "kernpunt.conf", NULL);
  db_path = g_build_filename (self->dir, "kernpunt.db", NULL);
  self->store = kp_store_open (db_path, &error);
  g_assert_no_error (error);
  self->outbox = kp_outbox_new (self->store);
  self->references = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
kp_syncd_harness_free (KpSyncdHarness *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->references);
  g_assert_finalize_object (self->outbox);
  g_assert_finalize_object (self->store);
  kp_test_remove_tree (self->dir);
  g_free (self->config_path);
  g_free (self->dir);
  g_free (self);
}

KpStore *
kp_syncd_harness_get_store (KpSyncdHarness *self)
{
  return self->store;
}

KpOutbox *
kp_syncd_harness_get_outbox (KpSyncdHarness *self)
{
  return self->outbox;
}

GPtrArray *
kp_syncd_harness_get_references (KpSyncdHarness *self)
{
  return self->references;
}

void
kp_syncd_harness_write_config (KpSyncdHarness *self, const char *sections)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *config = g_strdup_printf ("[storage]\ndata-dir=%s\n%s", self->dir, sections);

  g_file_set_contents (self->config_path, config, -1, &error);
  g_assert_no_error (error);
}

KpConfig *
kp_syncd_harness_load_config (KpSyncdHarness *self)
{
  g_autoptr (GError) error = NULL;
  KpConfig *config = kp_config_load (self->config_path, &error);

  g_assert_no_error (error);
  return config;
}

char *
kp_syncd_harness_write_secret (KpSyncdHarness *self, const char *name, const char *contents)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (self->dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  return path;
}

const char *
kp_syncd_harness_submit (KpSyncdHarness *self,
                         const char *kind,
                         const char *payload,
                         GPtrArray *attachments)
{
  g_autoptr (GError) error = NULL;
  char *reference = kp_outbox_submit (self->outbox, kind, payload, attachments, &error);

  g_assert_no_error (error);
  g_ptr_array_add (self->references, reference);
  return reference;
}

KpAttachment *
kp_syncd_harness_new_photo (void)
{
  static const char png_signature[] = "\x89PNG\r\n\x1a\n";
  g_autofree guint8 *data = g_malloc0 (PHOTO_SIZE);
  g_autoptr (GBytes) bytes = NULL;

  /* The signature is all the kiosk's photo check and the stand-in servers look at. */
  memcpy (data, png_signature, strlen (png_signature));
  bytes = g_bytes_new_take (g_steal_pointer (&data), PHOTO_SIZE);
  return kp_attachment_new_from_bytes ("foto", "image/png", bytes);
}

guint
kp_syncd_harness_count (KpSyncdHarness *self, KpOutboxState state)
{
  g_autoptr (GError) error = NULL;
  guint counts[KP_OUTBOX_N_STATES];

  g_assert_true (kp_outbox_count_by_state (self->outbox, counts, &error));
  g_assert_no_error (error);
  return counts[state];
}

KpOutboxItem *
kp_syncd_harness_lookup (KpSyncdHarness *self, const char *reference)
{
  g_autoptr (GError) error = NULL;
  KpOutboxItem *item = kp_outbox_lookup (self->outbox, reference, &error);

  g_assert_no_error (error);
  return item;
}

void
kp_syncd_harness_make_all_due (KpSyncdHarness *self)
{
  gint64 now = g_get_real_time ();

  for (guint i = 0; i < self->references->len; i++)
    {
      const char *reference = g_ptr_array_index (self->references, i);
      g_autoptr (KpOutboxItem) item = kp_syncd_harness_lookup (self, reference);
      g_autoptr (GError) error = NULL;

      if (kp_outbox_item_get_state (item) == KP_OUTBOX_STATE_PENDING)
        g_assert_true (kp_outbox_retry_now (self->outbox, reference, now, &error));
      g_assert_no_error (error);
    }
}

/* ---- kernpunt-syncd ---- */

GSubprocess *
kp_syncd_harness_spawn (KpSyncdHarness *self, GSubprocessFlags flags, const char *first_option, ...)
{
  g_autofree char *syncd = kp_test_program ("KERNPUNT_SYNCD");
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  GSubprocess *process;
  va_list options;

  g_ptr_array_add (argv, syncd);
  g_ptr_array_add (argv, "--config");
  g_ptr_array_add (argv, self->config_path);
  va_start (options, first_option);
  for (const char *option = first_option; option != NULL; option = va_arg (options, const char *))
    g_ptr_array_add (argv, (gpointer) option);
  va_end (options);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char *const *) argv->pdata, flags, &error);
  g_assert_no_error (error);
  return process;
}

GSubprocess *
kp_syncd_harness_start (KpSyncdHarness *self, const char *poll_seconds)
{
  return kp_syncd_harness_spawn (
      self, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
      poll_seconds != NULL ? "--poll-seconds" : NULL, poll_seconds, NULL);
}

void
kp_syncd_harness_run_once (KpSyncdHarness *self)
{
  g_autoptr (GSubprocess) syncd = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *errors = NULL;

  syncd = kp_syncd_harness_spawn (
      self, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE, "--once", NULL);
  g_subprocess_communicate_utf8 (syncd, NULL, NULL, NULL, &errors, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (syncd))
    g_error ("kernpunt-syncd --once failed: %s", errors);
}

guint
kp_syncd_harness_wait_for_delivered (KpSyncdHarness *self, guint n_delivered, guint seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_TIME_SPAN_SECOND;
  guint delivered;

  while ((delivered = kp_syncd_harness_count (self, KP_OUTBOX_STATE_DELIVERED)) < n_delivered
         && g_get_monotonic_time () < deadline)
    g_usleep (2 * G_TIME_SPAN_MILLISECOND);
  return delivered;
}

void
kp_syncd_harness_stop (GSubprocess *syncd)
{
  g_subprocess_send_signal (syncd, SIGTERM);
  g_assert_true (kp_test_wait_process (syncd, 10));
  g_assert_true (g_subprocess_get_if_exited (syncd));
  g_assert_cmpint (g_subprocess_get_exit_status (syncd), ==, 0);
}

/* ---- Killed at random moments ---- */

/* One run of kernpunt-syncd, killed after @delay_ms. */
static void
run_and_kill (KpSyncdHarness *self, guint delay_ms)
{
  g_autoptr (GSubprocess) syncd = kp_syncd_harness_start (self, NULL);

  g_usleep (delay_ms * G_TIME_SPAN_MILLISECOND);
  g_subprocess_send_signal (syncd, SIGKILL);
  g_assert_true (kp_test_wait_process (syncd, 10));
  /* It never ends by itself without --once: that would be a failure. */
  g_assert_true (g_subprocess_get_if_signaled (syncd));
  g_assert_cmpint (g_subprocess_get_term_sig (syncd), ==, SIGKILL);
}

/*
 * The window follows the deliveries, so the kills land in them: it grows
 * by a quarter after a run that finished no row, also one cut in the
 * middle of its row (a slow start, or a row of many steps, where the kills
 * would otherwise all stay in one row), and shrinks by a fifth after a run
 * that finished every row before its kill.
 */
static guint
adjust_kill_window (guint max_delay_ms,
                    guint delivered_before,
                    guint delivered_after,
                    guint n_submitted)
{
  if (delivered_after == delivered_before)
    return MIN (max_delay_ms + max_delay_ms / 4 + 1, MAX_KILL_DELAY_MS);
  if (delivered_after == n_submitted)
    return MAX (max_delay_ms - max_delay_ms / 5, MIN_KILL_DELAY_MS);
  return max_delay_ms;
}

void
kp_syncd_harness_kill_repeatedly (KpSyncdHarness *self,
                                  guint n_kills,
                                  KpSyncdHarnessFunc submit_more,
                                  KpSyncdHarnessFunc after_kill,
                                  gpointer user_data)
{
  guint max_delay_ms = MIN_KILL_DELAY_MS;
  guint n_cut_mid_row = 0;

  for (guint kill = 0; kill < n_kills; kill++)
    {
      guint delivered_before;
      gboolean cut_mid_row;

      if (kp_syncd_harness_count (self, KP_OUTBOX_STATE_DELIVERED) == self->references->len)
        submit_more (self, user_data);
      delivered_before = kp_syncd_harness_count (self, KP_OUTBOX_STATE_DELIVERED);

      run_and_kill (self, g_random_int_range (max_delay_ms / 2 + 1, max_delay_ms + 1));
      cut_mid_row = kp_syncd_harness_count (self, KP_OUTBOX_STATE_DELIVERING) > 0;
      n_cut_mid_row += cut_mid_row;
      after_kill (self, user_data);
      max_delay_ms = adjust_kill_window (max_delay_ms, delivered_before,
                                         kp_syncd_harness_count (self, KP_OUTBOX_STATE_DELIVERED),
                                         self->references->len);
    }
  g_test_message ("%u kills, %u in the middle of a row, %u submissions", n_kills, n_cut_mid_row,
                  self->references->len);
  /* Otherwise the kills all missed the deliveries and nothing was tested. */
  g_assert_cmpuint (n_cut_mid_row, >, 0);
}

/* ---- Simulated time ---- */

gint64
kp_syncd_harness_simulated_clock (void)
{
  return simulated_now;
}

void
kp_syncd_harness_set_simulated_time (gint64 now)
{
  simulated_now = now;
}

guint
kp_syncd_harness_run_passes_until (KpDeliveryAgent *agent, KpOutbox *outbox, gint64 until)
{
  guint n_passes = 0;

  while (simulated_now <= until)
    {
      g_autoptr (GError) error = NULL;
      gint64 next_due;

      g_assert_true (kp_delivery_agent_deliver_due (agent, simulated_now, NULL, NULL, &error));
      g_assert_no_error (error);
      n_passes++;
      next_due = kp_outbox_get_next_due (outbox, &error);
      g_assert_no_error (error);
      if (next_due < 0)
        break;
      simulated_now = MAX (next_due, simulated_now + 1);
    }
  return n_passes;
}
