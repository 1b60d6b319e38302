/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gtk/gtk.h>
#include <webkit/webkit.h>

G_BEGIN_DECLS

/*
 * For tests of the kiosk's web forms: finding the web view, waiting for
 * its pages, asking the page what a person would see in it, and the
 * documents and processes a form session leaves (or must not leave).
 */

/*
 * kp_test_init_home(), in a temporary folder (TMPDIR) of the test's own,
 * set before GLib settles on one: the session folders of the web forms
 * land there, so a test can check that a session leaves nothing behind.
 * Returns HOME, which is inside *@tmp. (transfer full)
 */
char *kp_web_test_init_home (char **tmp);
/* Every file and folder below the temporary folder but outside HOME, sorted. (transfer full) */
char *kp_web_test_list_tmp (const char *tmp, const char *home);

/* (nullable) (transfer none): the first web view below @root */
WebKitWebView *kp_web_test_find_view (GtkWidget *root);
/* Waits until the view below @root shows an address ending in @suffix, loaded; fails if not. */
void kp_web_test_wait_until_at (GtkWidget *root, const char *suffix, guint timeout_ms);
/* Runs @script in the page below @root and returns its value as text. (transfer full) */
char *kp_web_test_run_script (GtkWidget *root, const char *script, guint timeout_ms);
/* A one-page A4 PDF that reads @text, as a form's submission report. (transfer full) */
GBytes *kp_web_test_make_pdf (const char *text);
/*
 * The ids of this process's descendants whose name starts with @name
 * (e.g. "WebKitWebProces"; the kernel keeps 15 characters). (transfer full)
 */
GArray *kp_web_test_find_descendants (const char *name);
/*
 * Memory of process @pid in KiB, from smaps_rollup: its proportional set
 * size, and what is its alone (private pages; not shared with any other
 * process, so steady when other programs come and go). 0 when it is gone.
 */
void kp_web_test_memory_kib (int pid, guint64 *pss_kib, guint64 *private_kib);

G_END_DECLS
