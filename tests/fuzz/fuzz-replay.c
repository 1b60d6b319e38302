/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-fuzz.h"
#include "kp-test-helpers.h"

#include <gio/gio.h>

/*
 * Feeds every file of the seed corpora in $KERNPUNT_FUZZ_CORPUS (folders
 * separated by ":") through the fuzz target it is linked with. Every
 * build runs this, so the harness is known to work and the seeds, which
 * hold the shapes that once mattered, are checked on each change.
 */

static guint
replay_folder (const char *folder)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = g_dir_open (folder, 0, &error);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_build_filename (folder, name, NULL));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);

  for (guint i = 0; i < names->len; i++)
    {
      const char *path = g_ptr_array_index (names, i);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      g_file_get_contents (path, &contents, &length, &error);
      g_assert_no_error (error);
      g_test_message ("%s", path);
      LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
    }
  return names->len;
}

static void
test_replay (void)
{
  g_auto (GStrv) folders = NULL;
  guint n_inputs = 0;

  folders = g_strsplit (g_getenv ("KERNPUNT_FUZZ_CORPUS"), G_SEARCHPATH_SEPARATOR_S, -1);
  for (guint i = 0; folders[i] != NULL; i++)
    n_inputs += replay_folder (folders[i]);
  g_assert_cmpuint (n_inputs, >, 0);

  /* What no corpus file can be: nothing at all. */
  LLVMFuzzerTestOneInput ((const uint8_t *) "", 0);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();
  int result;

  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("KERNPUNT_FUZZ_CORPUS"));

  g_test_add_func ("/fuzz/replay", test_replay);

  result = g_test_run ();
  kp_test_remove_tree (home);
  return result;
}
