/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-fake-pactl.h"

#include "kp-test-helpers.h"

#include <glib/gstdio.h>

/* One sink as `pactl --format=json list sinks` shows it, with only what the monitor reads. */
#define SINKS_FORMAT                                                                               \
  "[{\"index\":0,\"name\":\"alsa_output.pci-0000_00_1f.3.analog-stereo\",\"ports\":["              \
  "{\"name\":\"analog-output-speaker\",\"type\":\"Speaker\",\"availability\":\"availability "      \
  "unknown\"},"                                                                                    \
  "{\"name\":\"analog-output-headphones\",\"type\":\"Headphones\",\"availability\":\"%s\"}],"      \
  "\"active_port\":\"%s\"}]\n"

struct _KpFakePactl
{
  char *dir;
  char *sinks_path;
  char *events_path;
  char *old_path;
};

KpFakePactl *
kp_fake_pactl_new (void)
{
  KpFakePactl *self = g_new0 (KpFakePactl, 1);
  g_autofree char *script = NULL;
  g_autofree char *script_path = NULL;
  g_autofree char *path = NULL;

  self->dir = kp_test_make_tmpdir ("fake-pactl");
  self->sinks_path = g_build_filename (self->dir, "sinks.json", NULL);
  self->events_path = g_build_filename (self->dir, "events", NULL);
  kp_fake_pactl_set_headset (self, FALSE);
  /* subscribe follows the events file as the real one follows the server. */
  script = g_strdup_printf ("#!/bin/sh\n"
                            "case \"$1\" in\n"
                            "  subscribe) exec tail -n 0 -f '%s' ;;\n"
                            "  *) exec cat '%s' ;;\n"
                            "esac\n",
                            self->events_path, self->sinks_path);
  kp_test_write_file (self->dir, "pactl", script);
  script_path = g_build_filename (self->dir, "pactl", NULL);
  g_assert_cmpint (g_chmod (script_path, 0700), ==, 0);

  self->old_path = g_strdup (g_getenv ("PATH"));
  path = g_strconcat (self->dir, ":", self->old_path, NULL);
  g_setenv ("PATH", path, TRUE);
  return self;
}

void
kp_fake_pactl_set_headset (KpFakePactl *self, gboolean plugged)
{
  g_autofree char *sinks
      = g_strdup_printf (SINKS_FORMAT, plugged ? "available" : "not available",
                         plugged ? "analog-output-headphones" : "analog-output-speaker");
  g_autoptr (GError) error = NULL;
  FILE *events;

  g_file_set_contents (self->sinks_path, sinks, -1, &error);
  g_assert_no_error (error);
  events = g_fopen (self->events_path, "a");
  g_assert_nonnull (events);
  fprintf (events, "Event 'change' on sink #0\n");
  fclose (events);
}

void
kp_fake_pactl_free (KpFakePactl *self)
{
  if (self == NULL)
    return;
  g_setenv ("PATH", self->old_path, TRUE);
  kp_test_remove_tree (self->dir);
  g_free (self->old_path);
  g_free (self->events_path);
  g_free (self->sinks_path);
  g_free (self->dir);
  g_free (self);
}
