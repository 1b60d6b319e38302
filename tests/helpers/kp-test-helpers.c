/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-test-helpers.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>

char *
kp_test_init_home (void)
{
  g_autoptr (GError) error = NULL;
  char *home = g_dir_make_tmp ("kernpunt-test-XXXXXX", &error);
  const struct
  {
    const char *var;
    const char *sub;
  } xdg[] = {
    { "XDG_CONFIG_HOME", ".config" },
    { "XDG_DATA_HOME", ".local/share" },
    { "XDG_CACHE_HOME", ".cache" },
    { "XDG_STATE_HOME", ".local/state" },
  };

  g_assert_no_error (error);
  g_setenv ("HOME", home, TRUE);
  for (gsize i = 0; i < G_N_ELEMENTS (xdg); i++)
    {
      g_autofree char *path = g_build_filename (home, xdg[i].sub, NULL);

      g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
      g_setenv (xdg[i].var, path, TRUE);
    }
  return home;
}

char *
kp_test_make_tmpdir (const char *prefix)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *tmpl = g_strdup_printf ("%s-XXXXXX", prefix);
  g_autofree char *base = g_build_filename (g_get_home_dir (), tmpl, NULL);
  char *path = g_mkdtemp (g_steal_pointer (&base));

  g_assert_nonnull (path);
  g_assert_no_error (error);
  return path;
}

static void
remove_recursively (GFile *file)
{
  g_autoptr (GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFile *child;

      while (g_file_enumerator_iterate (children, NULL, &child, NULL, NULL) && child != NULL)
        remove_recursively (child);
    }
  g_file_delete (file, NULL, NULL);
}

void
kp_test_remove_tree (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);

  remove_recursively (file);
}

char *
kp_test_program (const char *env_name)
{
  const char *path = g_getenv (env_name);

  if (path == NULL)
    g_error ("%s is not set: run the tests through meson test", env_name);
  return g_strdup (path);
}

char *
kp_test_source_path (const char *first_element, ...)
{
  const char *root = g_getenv ("KERNPUNT_SOURCE_DIR");
  g_autoptr (GPtrArray) parts = g_ptr_array_new ();
  const char *element;
  va_list args;

  if (root == NULL)
    g_error ("KERNPUNT_SOURCE_DIR is not set: run the tests through meson test");
  g_ptr_array_add (parts, (gpointer) root);
  va_start (args, first_element);
  for (element = first_element; element != NULL; element = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) element);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

void
kp_test_write_file (const char *dir, const char *name, const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

void
kp_test_run_clear (KpTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

void
kp_test_run_argv (KpTestRun *run, const char *const *argv)
{
  kp_test_run_argv_with_input (run, argv, NULL);
}

void
kp_test_run_argv_with_input (KpTestRun *run, const char *const *argv, const char *input)
{
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  GSubprocessFlags stdin_flag
      = input != NULL ? G_SUBPROCESS_FLAGS_STDIN_PIPE : G_SUBPROCESS_FLAGS_NONE;

  kp_test_run_clear (run);
  process = g_subprocess_newv (
      argv, stdin_flag | G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
}

void
kp_test_run_ctl_args (KpTestRun *run, const char *const *args)
{
  g_autofree char *ctl = kp_test_program ("KERNPUNT_CTL");
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, ctl);
  for (gsize i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  kp_test_run_argv (run, (const char *const *) argv->pdata);
}

void
kp_test_run_ctl_with_config (KpTestRun *run, const char *config_path, const char *const *args)
{
  g_autoptr (GPtrArray) all = g_ptr_array_new ();

  g_ptr_array_add (all, "--config");
  g_ptr_array_add (all, (gpointer) config_path);
  for (gsize i = 0; args[i] != NULL; i++)
    g_ptr_array_add (all, (gpointer) args[i]);
  g_ptr_array_add (all, NULL);
  kp_test_run_ctl_args (run, (const char *const *) all->pdata);
}

void
kp_test_run_ctl (KpTestRun *run, const char *first_arg, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  va_list list;

  va_start (list, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (list, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (list);
  g_ptr_array_add (args, NULL);
  kp_test_run_ctl_args (run, (const char *const *) args->pdata);
}

void
kp_test_assert_success (KpTestRun *run)
{
  if (run->status != 0)
    g_test_message ("stderr: %s", run->err);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
}

void
kp_test_assert_contains (const char *haystack, const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

JsonNode *
kp_test_parse_json (const char *text)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

/* gettext caches translations; naming the domain again makes it look afresh. */
static void
switch_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  textdomain (GETTEXT_PACKAGE);
}

void
kp_test_set_language (const char *language)
{
  static gboolean decided;
  const char *localedir = g_getenv ("KERNPUNT_LOCALEDIR");

  g_assert_nonnull (localedir);
  /* gettext ignores LANGUAGE in the plain "C" locale. */
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  /*
   * g_dgettext() decides once, at its first lookup, whether to translate
   * at all, and decides against it when that lookup finds no catalogue (as
   * for "en"). The kiosk starts in Dutch, which always has one; so do we.
   */
  if (!decided)
    {
      switch_language ("nl");
      g_dgettext (GETTEXT_PACKAGE, "");
      decided = TRUE;
    }
  switch_language (language);
}

static void
on_process_waited (GObject *source, GAsyncResult *result, gpointer user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *done = TRUE;
}

gboolean
kp_test_wait_process (GSubprocess *process, guint seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_TIME_SPAN_SECOND;
  gboolean done = FALSE;

  g_subprocess_wait_async (process, NULL, on_process_waited, &done);
  while (!done && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  /* A test that fails here aborts, so the pending wait never outlives @done. */
  return done;
}

/* Binary files such as a database hold NUL bytes, so strstr() would stop early. */
gboolean
kp_test_file_contains (const char *path, const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  gsize needle_length = strlen (needle);

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  for (gsize i = 0; i + needle_length <= length; i++)
    {
      if (memcmp (contents + i, needle, needle_length) == 0)
        return TRUE;
    }
  return FALSE;
}

double
kp_test_run_measured (const char *const *argv, long *peak_kib)
{
  g_autoptr (GError) error = NULL;
  struct rusage usage;
  gint64 start = g_get_monotonic_time ();
  GPid pid;
  int status = 0;

  g_spawn_async (NULL, (char **) argv, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL
                     | G_SPAWN_STDERR_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  *peak_kib = usage.ru_maxrss;
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

guint16
kp_test_pick_free_port (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocket) socket
      = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;

  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, any_port, FALSE, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_close (socket, &error));
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}
