/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-fake-pactl.h"
#include "kp-headset-monitor.h"
#include "kp-test-helpers.h"

#define WAIT_MS 10000

/* A sink with one port, as `pactl --format=json list sinks` prints it. */
#define ONE_PORT(name, type, availability)                                                         \
  "[{\"name\":\"alsa_output.analog-stereo\",\"ports\":[{\"name\":\"" name "\",\"type\":\"" type    \
  "\",\"availability\":\"" availability "\"}]}]"

typedef struct
{
  const char *json;
  gboolean headset;
  gboolean refused;
} SinksCase;

static void
test_sinks_are_read (void)
{
  static const SinksCase cases[] = {
    { ONE_PORT ("analog-output-headphones", "Headphones", "available"), TRUE, FALSE },
    { ONE_PORT ("analog-output-headphones", "Headphones", "not available"), FALSE, FALSE },
    { ONE_PORT ("analog-output-headphones", "Headphones", "availability unknown"), FALSE, FALSE },
    { ONE_PORT ("headset-output", "Headset", "available"), TRUE, FALSE },
    /* Older drivers give no type, only the name. */
    { ONE_PORT ("analog-output-headphones", "Unknown", "available"), TRUE, FALSE },
    { ONE_PORT ("analog-output-speaker", "Speaker", "available"), FALSE, FALSE },
    { "[]", FALSE, FALSE },
    { "[{\"name\":\"hdmi\"}]", FALSE, FALSE },
    /* What is no list of sinks is refused, not taken for "no headset" unnoticed. */
    { "{}", FALSE, TRUE },
    { "[1]", FALSE, TRUE },
    { "Connection failure: Connection refused", FALSE, TRUE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      gboolean headset = kp_headset_monitor_sinks_have_headset (cases[i].json, &error);

      g_test_message ("%s", cases[i].json);
      g_assert_cmpint (headset, ==, cases[i].headset);
      if (cases[i].refused)
        g_assert_error (error, KP_HEADSET_MONITOR_ERROR, KP_HEADSET_MONITOR_ERROR_PARSE);
      else
        g_assert_no_error (error);
    }
}

/* Kiosks without jack sensing say it in the config; no audio server is asked. */
static void
test_setting_overrides (void)
{
  g_autoptr (KpHeadsetMonitor) always = kp_headset_monitor_new ("yes");
  g_autoptr (KpHeadsetMonitor) never = kp_headset_monitor_new ("no");

  g_assert_true (kp_headset_monitor_get_plugged (always));
  g_assert_false (kp_headset_monitor_get_plugged (never));
  g_assert_finalize_object (g_steal_pointer (&always));
  g_assert_finalize_object (g_steal_pointer (&never));
}

/* Lets the monitor's subprocesses answer for @ms milliseconds. */
static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
}

static gboolean
wait_for_plugged (KpHeadsetMonitor *monitor, gboolean plugged)
{
  for (guint i = 0; i < WAIT_MS / 10 && kp_headset_monitor_get_plugged (monitor) != plugged; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  return kp_headset_monitor_get_plugged (monitor) == plugged;
}

static void
on_notify (GObject *object, GParamSpec *pspec, guint *n_notified)
{
  (*n_notified)++;
}

/* "auto": the jack is followed as the audio server reports it, in and out again. */
static void
test_plugging_is_followed (void)
{
  g_autoptr (KpFakePactl) pactl = kp_fake_pactl_new ();
  g_autoptr (KpHeadsetMonitor) monitor = kp_headset_monitor_new ("auto");
  guint n_notified = 0;

  g_signal_connect (monitor, "notify::plugged", G_CALLBACK (on_notify), &n_notified);
  /* Time for the first answer: still nothing plugged in. */
  spin (300);
  g_assert_false (kp_headset_monitor_get_plugged (monitor));
  g_assert_cmpuint (n_notified, ==, 0);

  kp_fake_pactl_set_headset (pactl, TRUE);
  g_assert_true (wait_for_plugged (monitor, TRUE));
  g_assert_cmpuint (n_notified, ==, 1);
  kp_fake_pactl_set_headset (pactl, FALSE);
  g_assert_true (wait_for_plugged (monitor, FALSE));
  g_assert_cmpuint (n_notified, ==, 2);
  g_assert_finalize_object (g_steal_pointer (&monitor));
}

/* No pactl at all: no headset, and the kiosk goes on. */
static void
test_without_pactl (void)
{
  g_autofree char *empty = kp_test_make_tmpdir ("no-pactl");
  g_autofree char *old_path = g_strdup (g_getenv ("PATH"));
  g_autoptr (KpHeadsetMonitor) monitor = NULL;

  g_setenv ("PATH", empty, TRUE);
  monitor = kp_headset_monitor_new ("auto");
  g_setenv ("PATH", old_path, TRUE);
  spin (200);
  g_assert_false (kp_headset_monitor_get_plugged (monitor));
  g_assert_finalize_object (g_steal_pointer (&monitor));
  kp_test_remove_tree (empty);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/headset-monitor/sinks-are-read", test_sinks_are_read);
  g_test_add_func ("/headset-monitor/setting-overrides", test_setting_overrides);
  g_test_add_func ("/headset-monitor/plugging-is-followed", test_plugging_is_followed);
  g_test_add_func ("/headset-monitor/without-pactl", test_without_pactl);
  return g_test_run ();
}
