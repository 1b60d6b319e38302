/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

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

/* Writes @contents to @dir/@name, making folders as needed. */
void kp_test_write_file (const char *dir, const char *name, const char *contents);
/* Whether the bytes of the file at @path hold @needle anywhere; FALSE when it cannot be read. */
gboolean kp_test_file_contains (const char *path, const char *needle);

/* What one run of a program printed and how it ended. */
typedef struct
{
  int status;
  char *out;
  char *err;
} KpTestRun;

void kp_test_run_clear (KpTestRun *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KpTestRun, kp_test_run_clear)

/* Runs @argv (NULL-terminated) to its end, collecting its output. */
void kp_test_run_argv (KpTestRun *run, const char *const *argv);
/* The same with @input (nullable) on its standard input. */
void kp_test_run_argv_with_input (KpTestRun *run, const char *const *argv, const char *input);
/* Runs kernpunt-ctl with exactly @args (NULL-terminated). */
void kp_test_run_ctl_args (KpTestRun *run, const char *const *args);
/* Runs kernpunt-ctl --config @config_path with exactly @args (NULL-terminated). */
void kp_test_run_ctl_with_config (KpTestRun *run, const char *config_path, const char *const *args);
/* Runs kernpunt-ctl with @first_arg and the rest, up to NULL. */
void kp_test_run_ctl (KpTestRun *run, const char *first_arg, ...) G_GNUC_NULL_TERMINATED;
/* Exit status 0 and nothing on stderr (shown when it fails). */
void kp_test_assert_success (KpTestRun *run);
void kp_test_assert_contains (const char *haystack, const char *needle);
/*
 * Runs @argv (NULL-terminated) to its end, which must be a success, for a
 * benchmark: returns its wall time in seconds and sets @peak_kib to its
 * peak memory (maximum resident set size).
 */
double kp_test_run_measured (const char *const *argv, long *peak_kib);
/*
 * A port on 127.0.0.1 the operating system has just handed out, closed
 * again: free for a program the test starts, or one where nothing listens.
 */
guint16 kp_test_pick_free_port (void);
/* Waits at most @seconds for @process to end; TRUE when it did. */
gboolean kp_test_wait_process (GSubprocess *process, guint seconds);
/* Parses @text as JSON and fails the test when it is not. (transfer full) */
JsonNode *kp_test_parse_json (const char *text);

/*
 * Switches gettext to @language ("nl", "en") with the catalogues of the
 * build tree ($KERNPUNT_LOCALEDIR), as the kiosk does for a session.
 */
void kp_test_set_language (const char *language);

/*
 * Called by the test servers (libsoup), so that the test program links
 * kp-test-asan-options.c and LeakSanitizer can tell libsoup's leaks apart.
 */
void kp_test_servers_need_whole_stacks (void);

G_END_DECLS
