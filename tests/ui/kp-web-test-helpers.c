/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-web-test-helpers.h"

#include "kp-ui-test-helpers.h"

#include <cairo-pdf.h>
#include <string.h>
#include <unistd.h>

WebKitWebView *
kp_web_test_find_view (GtkWidget *root)
{
  GtkWidget *view = kp_ui_test_find_first (root, WEBKIT_TYPE_WEB_VIEW);

  return view != NULL ? WEBKIT_WEB_VIEW (view) : NULL;
}

typedef struct
{
  GtkWidget *root;
  const char *suffix;
} Place;

static gboolean
view_is_at (gpointer user_data)
{
  Place *place = user_data;
  WebKitWebView *view = kp_web_test_find_view (place->root);
  const char *uri = view != NULL ? webkit_web_view_get_uri (view) : NULL;

  return uri != NULL && g_str_has_suffix (uri, place->suffix) && !webkit_web_view_is_loading (view);
}

void
kp_web_test_wait_until_at (GtkWidget *root, const char *suffix, guint timeout_ms)
{
  Place place = { root, suffix };
  WebKitWebView *view;

  if (kp_ui_test_wait_until (view_is_at, &place, timeout_ms))
    return;
  view = kp_web_test_find_view (root);
  g_error ("The view did not reach %s; it is at %s", suffix,
           view != NULL ? webkit_web_view_get_uri (view) : "none");
}

static void
on_script_done (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  KpUiTestTextResult *script_result = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JSCValue) value = webkit_web_view_evaluate_javascript_finish (
      WEBKIT_WEB_VIEW (source_object), result, &error);

  script_result->text = value != NULL ? jsc_value_to_string (value) : g_strdup (error->message);
  script_result->done = TRUE;
}

char *
kp_web_test_run_script (GtkWidget *root, const char *script, guint timeout_ms)
{
  WebKitWebView *view = kp_web_test_find_view (root);
  KpUiTestTextResult result = { FALSE, NULL };

  g_assert_nonnull (view);
  webkit_web_view_evaluate_javascript (view, script, -1, NULL, NULL, NULL, on_script_done, &result);
  if (!kp_ui_test_wait_for_result (&result, timeout_ms))
    g_error ("The page did not answer the script “%s”", script);
  return result.text;
}

static cairo_status_t
append_to_array (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
kp_web_test_make_pdf (const char *text)
{
  GByteArray *pdf = g_byte_array_new ();
  /* A4 in points. */
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_to_array, pdf, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 20);
  cairo_move_to (cr, 60, 100);
  cairo_show_text (cr, text);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (pdf);
}

char *
kp_web_test_init_home (char **tmp)
{
  const char *system_tmp = g_getenv ("TMPDIR");
  g_autofree char *own_tmp
      = g_build_filename (system_tmp != NULL ? system_tmp : "/tmp", "kernpunt-tmp-XXXXXX", NULL);

  g_assert_nonnull (g_mkdtemp (own_tmp));
  g_setenv ("TMPDIR", own_tmp, TRUE);
  g_assert_cmpstr (g_get_tmp_dir (), ==, own_tmp);
  *tmp = g_steal_pointer (&own_tmp);
  return kp_test_init_home ();
}

static void
list_files (const char *folder, const char *skip, GPtrArray *paths)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (g_str_equal (path, skip))
        continue;
      if (!g_file_test (path, G_FILE_TEST_IS_SYMLINK) && g_file_test (path, G_FILE_TEST_IS_DIR))
        list_files (path, skip, paths);
      g_ptr_array_add (paths, g_steal_pointer (&path));
    }
}

char *
kp_web_test_list_tmp (const char *tmp, const char *home)
{
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  list_files (tmp, home, paths);
  g_ptr_array_sort (paths, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (paths, NULL);
  return g_strjoinv ("\n", (char **) paths->pdata);
}

/* The parent of @pid from /proc, or 0. */
static int
read_parent (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *stat = NULL;
  const char *after_name;

  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return 0;
  /* "pid (name) state ppid ...": the name may hold spaces and brackets. */
  after_name = strrchr (stat, ')');
  return after_name != NULL ? (int) g_ascii_strtoll (after_name + 4, NULL, 10) : 0;
}

static gboolean
descends_from (int pid, int ancestor)
{
  for (guint depth = 0; pid > 1 && depth < 64; depth++)
    {
      pid = read_parent (pid);
      if (pid == ancestor)
        return TRUE;
    }
  return FALSE;
}

static gboolean
name_starts_with (int pid, const char *name)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/comm", pid);
  g_autofree char *comm = NULL;

  return g_file_get_contents (path, &comm, NULL, NULL) && g_str_has_prefix (comm, name);
}

GArray *
kp_web_test_find_descendants (const char *name)
{
  g_autoptr (GDir) proc = g_dir_open ("/proc", 0, NULL);
  GArray *pids = g_array_new (FALSE, FALSE, sizeof (int));
  const char *entry;

  g_assert_nonnull (proc);
  while ((entry = g_dir_read_name (proc)) != NULL)
    {
      int pid = (int) g_ascii_strtoll (entry, NULL, 10);

      if (pid > 0 && name_starts_with (pid, name) && descends_from (pid, getpid ()))
        g_array_append_val (pids, pid);
    }
  return pids;
}

static guint64
read_rollup_field (const char *rollup, const char *field)
{
  g_autofree char *key = g_strdup_printf ("\n%s:", field);
  const char *line = strstr (rollup, key);

  return line != NULL ? g_ascii_strtoull (line + strlen (key), NULL, 10) : 0;
}

void
kp_web_test_memory_kib (int pid, guint64 *pss_kib, guint64 *private_kib)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/smaps_rollup", pid);
  g_autofree char *rollup = NULL;

  *pss_kib = 0;
  *private_kib = 0;
  if (!g_file_get_contents (path, &rollup, NULL, NULL))
    return;
  *pss_kib = read_rollup_field (rollup, "Pss");
  *private_kib
      = read_rollup_field (rollup, "Private_Clean") + read_rollup_field (rollup, "Private_Dirty");
}
