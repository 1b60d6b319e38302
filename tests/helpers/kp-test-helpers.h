/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Gives the test a fresh, empty HOME with its own XDG folders and returns
 * its path (transfer full). Call once, before g_test_run().
 */
char *kp_test_init_home (void);
/* A fresh temporary folder below the test's HOME (transfer full). */
char *kp_test_make_tmpdir (const char *prefix);
/* Removes a folder and everything below it. */
void kp_test_remove_tree (const char *path);
/* The path of a program built by Meson, from the environment variable @env_name. */
char *kp_test_program (const char *env_name);
/* A path inside the source tree (transfer full). */
char *kp_test_source_path (const char *first_element, ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
