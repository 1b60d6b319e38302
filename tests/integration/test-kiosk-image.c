/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-test-helpers.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

/*
 * The exposure score of kernpunt-syncd.service in tenths, as
 * `systemd-analyze security` gives it: 1.1 of 10 when this was written
 * (what is left is the network it needs, the group-writable umask for the
 * shared database and the clock device that ProtectClock= allows).
 * systemd fails only above the threshold, so any weakening fails the test.
 */
#define SYNCD_EXPOSURE_THRESHOLD "11"

/* Placeholder programs: verify only checks that they exist and run. */
#define PLACEHOLDER_PROGRAM "#!/bin/sh\nexit 0\n"

static const char *const units[] = { "kernpunt-kiosk.service", "kernpunt-syncd.service" };

typedef struct
{
  char *root;
} ImageFixture;

static void
on_communicated (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
on_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
}

/* Runs a command for at most a minute; returns its exit status. */
static int
run_command (const char *const *argv, char **output)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *text = NULL;
  gboolean timed_out = FALSE;
  guint timer;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  /* Plain text, whatever the terminal: the test reads the output. */
  g_subprocess_launcher_setenv (launcher, "SYSTEMD_COLORS", "0", TRUE);
  g_subprocess_launcher_setenv (launcher, "SYSTEMD_PAGER", "cat", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_communicated, &result);
  timer = g_timeout_add_once (60 * 1000, on_timeout, &timed_out);
  while (result == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    {
      g_subprocess_force_exit (process);
      g_error ("%s did not finish within a minute", argv[0]);
    }
  g_source_remove (timer);
  g_subprocess_communicate_utf8_finish (process, result, &text, NULL, &error);
  g_assert_no_error (error);

  g_test_message ("%s: %s", argv[0], text);
  if (output != NULL)
    *output = g_steal_pointer (&text);
  return g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
}

static void
write_file (const char *path, const char *contents, int mode)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
}

static char *
read_kiosk_image_file (const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = kp_test_source_path ("kiosk-image", name, NULL);
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* Copies a file of kiosk-image/ to where an image recipe installs it. */
static void
install_file (const char *root, const char *name, const char *destination)
{
  g_autofree char *contents = read_kiosk_image_file (name);
  g_autofree char *path = g_build_filename (root, destination, NULL);

  write_file (path, contents, 0644);
}

/*
 * Every absolute program a unit's Exec lines name gets a placeholder in the
 * root, so verify can resolve it: cage and the kiosk behind its "--" too.
 */
static void
install_placeholder_programs (const char *root, const char *unit_text)
{
  g_auto (GStrv) lines = g_strsplit (unit_text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) words = NULL;

      if (!g_str_has_prefix (lines[i], "Exec"))
        continue;
      words = g_strsplit_set (strchr (lines[i], '=') + 1, " ", -1);
      for (guint w = 0; words[w] != NULL; w++)
        {
          g_autofree char *path = NULL;

          if (!g_str_has_prefix (words[w], "/usr/bin/"))
            continue;
          path = g_build_filename (root, words[w], NULL);
          write_file (path, PLACEHOLDER_PROGRAM, 0755);
        }
    }
}

/*
 * An image root as the recipe builds it: the system's own units (so
 * targets such as sysinit.target exist, as on a Debian image with systemd),
 * then ours, the programs they start, and the PAM, user and folder files.
 */
static void
image_fixture_set_up (ImageFixture *fixture, gconstpointer data)
{
  g_autofree char *unit_parent = NULL;

  fixture->root = kp_test_make_tmpdir ("image");
  unit_parent = g_build_filename (fixture->root, "usr", "lib", "systemd", NULL);
  g_assert_cmpint (g_mkdir_with_parents (unit_parent, 0755), ==, 0);
  g_assert_cmpint (
      run_command ((const char *[]){ "cp", "-a", "/usr/lib/systemd/system", unit_parent, NULL },
                   NULL),
      ==, 0);

  for (gsize i = 0; i < G_N_ELEMENTS (units); i++)
    {
      g_autofree char *destination = g_build_filename ("etc/systemd/system", units[i], NULL);
      g_autofree char *unit_text = read_kiosk_image_file (units[i]);

      install_file (fixture->root, units[i], destination);
      install_placeholder_programs (fixture->root, unit_text);
    }
  install_file (fixture->root, "pam.d/cage", "etc/pam.d/cage");
  install_file (fixture->root, "sysusers.d/kernpunt.conf", "usr/lib/sysusers.d/kernpunt.conf");
  install_file (fixture->root, "tmpfiles.d/kernpunt.conf", "usr/lib/tmpfiles.d/kernpunt.conf");
}

static void
image_fixture_tear_down (ImageFixture *fixture, gconstpointer data)
{
  kp_test_remove_tree (fixture->root);
  g_clear_pointer (&fixture->root, g_free);
}

static int
verify_units (const char *root, const char *const *names, gsize n_names, char **output)
{
  g_autofree char *root_option = g_strdup_printf ("--root=%s", root);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) "systemd-analyze");
  g_ptr_array_add (argv, (gpointer) "verify");
  g_ptr_array_add (argv, root_option);
  for (gsize i = 0; i < n_names; i++)
    g_ptr_array_add (argv, (gpointer) names[i]);
  g_ptr_array_add (argv, NULL);
  return run_command ((const char *const *) argv->pdata, output);
}

static void
test_units_verify_cleanly (ImageFixture *fixture, gconstpointer data)
{
  g_autofree char *output = NULL;

  g_assert_cmpint (verify_units (fixture->root, units, G_N_ELEMENTS (units), &output), ==, 0);
  /* verify exits 0 on unknown keys and bad values: only silence is clean. */
  g_assert_null (strstr (output, "kernpunt"));
  g_assert_null (strstr (output, "cage"));
}

/* The check above would be worthless if verify let these pass. */
static void
test_verify_catches_mistakes (ImageFixture *fixture, gconstpointer data)
{
  const struct
  {
    const char *mistake;
    const char *correct;
    const char *complaint;
  } cases[] = {
    { "NoNewPrivilege=yes", "NoNewPrivileges=yes", "Unknown key 'NoNewPrivilege'" },
    { "Restart=sometimes", "Restart=on-failure", "Failed to parse service restart specifier" },
    { "ExecStart=/usr/bin/kernpunt-sync", "ExecStart=/usr/bin/kernpunt-syncd",
      "Command /usr/bin/kernpunt-sync is not executable" },
  };
  g_autofree char *syncd_unit = read_kiosk_image_file ("kernpunt-syncd.service");
  const char *broken_name = "kernpunt-broken.service";
  g_autofree char *broken_path
      = g_build_filename (fixture->root, "etc", "systemd", "system", broken_name, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GString) broken_unit = g_string_new (syncd_unit);
      g_autofree char *output = NULL;

      g_assert_cmpuint (g_string_replace (broken_unit, cases[i].correct, cases[i].mistake, 1), ==,
                        1);
      write_file (broken_path, broken_unit->str, 0644);
      verify_units (fixture->root, &broken_name, 1, &output);
      g_assert_nonnull (strstr (output, cases[i].complaint));
    }
}

static int
score_unit (const char *root, const char *unit)
{
  g_autofree char *root_option = g_strdup_printf ("--root=%s", root);
  const char *argv[] = {
    "systemd-analyze",
    "security",
    "--offline=true",
    root_option,
    unit,
    "--threshold=" SYNCD_EXPOSURE_THRESHOLD,
    NULL,
  };

  return run_command (argv, NULL);
}

static void
test_syncd_is_hardened (ImageFixture *fixture, gconstpointer data)
{
  g_assert_cmpint (score_unit (fixture->root, "kernpunt-syncd.service"), ==, 0);
  /* The kiosk unit needs the screen and devices; it shows the threshold bites. */
  g_assert_cmpint (score_unit (fixture->root, "kernpunt-kiosk.service"), !=, 0);
}

/* Finds a line of /etc/passwd or /etc/group by its first field (transfer full). */
static char **
find_account (const char *root, const char *file, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (root, "etc", file, NULL);
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) fields = g_strsplit (lines[i], ":", -1);

      if (g_str_equal (fields[0], name))
        return g_steal_pointer (&fields);
    }
  g_assert_not_reached ();
}

static void
assert_group_has_member (const char *root, const char *group, const char *user)
{
  g_auto (GStrv) fields = find_account (root, "group", group);
  g_auto (GStrv) members = g_strsplit (fields[3], ",", -1);

  g_test_message ("group %s: %s", group, fields[3]);
  g_assert_true (g_strv_contains ((const char *const *) members, user));
}

/*
 * Creates the users and the data folder in the root as the image build
 * does, and checks that both services can write the shared database.
 */
static void
test_users_share_the_data_folder (ImageFixture *fixture, gconstpointer data)
{
  g_autofree char *root_option = g_strdup_printf ("--root=%s", fixture->root);
  g_autofree char *data_dir = g_build_filename (fixture->root, "var/lib/kernpunt", NULL);
  g_auto (GStrv) syncd_user = NULL;
  g_auto (GStrv) kernpunt_group = NULL;
  GStatBuf status;

  if (geteuid () != 0)
    {
      g_test_skip ("creating files for other users needs root");
      return;
    }

  g_assert_cmpint (run_command ((const char *[]){ "systemd-sysusers", root_option, NULL }, NULL),
                   ==, 0);
  g_assert_cmpint (
      run_command ((const char *[]){ "systemd-tmpfiles", root_option, "--create", NULL }, NULL), ==,
      0);

  syncd_user = find_account (fixture->root, "passwd", "kernpunt");
  kernpunt_group = find_account (fixture->root, "group", "kernpunt");
  assert_group_has_member (fixture->root, "kernpunt", "kiosk");
  assert_group_has_member (fixture->root, "video", "kiosk");
  assert_group_has_member (fixture->root, "render", "kiosk");
  assert_group_has_member (fixture->root, "input", "kiosk");

  g_assert_cmpint (g_stat (data_dir, &status), ==, 0);
  g_assert_cmpuint (status.st_uid, ==, g_ascii_strtoull (syncd_user[2], NULL, 10));
  g_assert_cmpuint (status.st_gid, ==, g_ascii_strtoull (kernpunt_group[2], NULL, 10));
  /* Group read-write, others nothing, and new files inherit the group. */
  g_assert_cmpuint (status.st_mode & 07777, ==, 02770);
}

/*
 * What made the kiosk session work when it was measured (see
 * KIOSK-SESSION.md): losing one of these lines broke it then.
 */
static void
test_kiosk_session_keeps_the_measured_facts (void)
{
  const struct
  {
    const char *file;
    const char *line;
  } facts[] = {
    { "kernpunt-kiosk.service", "User=kiosk" },
    { "kernpunt-kiosk.service", "PAMName=cage" },
    { "kernpunt-kiosk.service", "TTYPath=/dev/tty1" },
    { "kernpunt-kiosk.service", "StandardInput=tty-fail" },
    { "kernpunt-kiosk.service", "Conflicts=getty@tty1.service" },
    { "kernpunt-kiosk.service", "Environment=LIBSEAT_BACKEND=seatd" },
    { "kernpunt-kiosk.service", "Wants=seatd.service" },
    { "kernpunt-kiosk.service", "ExecStart=/usr/bin/cage -d -- /usr/bin/kernpunt" },
    { "kernpunt-kiosk.service", "Restart=always" },
    { "kernpunt-syncd.service", "ExecStart=/usr/bin/kernpunt-syncd" },
    { "kernpunt-syncd.service", "Restart=on-failure" },
    { "kernpunt-syncd.service", "StateDirectory=kernpunt" },
    { "pam.d/cage", "session  required pam_systemd.so" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (facts); i++)
    {
      g_autofree char *contents = read_kiosk_image_file (facts[i].file);
      g_auto (GStrv) lines = g_strsplit (contents, "\n", -1);

      g_test_message ("%s: %s", facts[i].file, facts[i].line);
      g_assert_true (g_strv_contains ((const char *const *) lines, facts[i].line));
    }
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/kiosk-image/units-verify-cleanly", ImageFixture, NULL, image_fixture_set_up,
              test_units_verify_cleanly, image_fixture_tear_down);
  g_test_add ("/kiosk-image/verify-catches-mistakes", ImageFixture, NULL, image_fixture_set_up,
              test_verify_catches_mistakes, image_fixture_tear_down);
  g_test_add ("/kiosk-image/syncd-is-hardened", ImageFixture, NULL, image_fixture_set_up,
              test_syncd_is_hardened, image_fixture_tear_down);
  g_test_add ("/kiosk-image/users-share-the-data-folder", ImageFixture, NULL, image_fixture_set_up,
              test_users_share_the_data_folder, image_fixture_tear_down);
  g_test_add_func ("/kiosk-image/kiosk-session-keeps-the-measured-facts",
                   test_kiosk_session_keeps_the_measured_facts);

  status = g_test_run ();
  kp_test_remove_tree (home);
  return status;
}
