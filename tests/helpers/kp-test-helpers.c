/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-test-helpers.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

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
