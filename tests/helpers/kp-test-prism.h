/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/*
 * Stoplight Prism as a validating proxy for the contract tests: it checks
 * every request against one API document from ../shared/specs/ (and the
 * answers coming back), passes good ones on to a stand-in server, and
 * answers a request that breaks the document with a 4xx problem itself.
 * The document is rewritten first (tests/helpers/kp-rewrite-nullable.py),
 * or Prism lets everything through; see TEST-TOOLS.md.
 */
typedef struct
{
  GSubprocess *process;
  char *url; /* "http://127.0.0.1:PORT/" */
  char *log_path;
} KpTestPrism;

/* What Prism puts in the "type" of a problem it answers. */
#define KP_TEST_PRISM_ERRORS "stoplight.io/prism/errors"

/*
 * When the contract cannot be checked here (no Prism, no documents),
 * registers @path as a skipped test saying why, and returns TRUE: the
 * test's main() then runs only that.
 */
gboolean kp_test_prism_skip_when_missing (const char *path);

/*
 * The document ../shared/specs/@name-openapi.yaml with nullable rewritten,
 * parsed, for a test that must correct a known mistake in it before Prism
 * reads it. (transfer full)
 */
JsonNode *kp_test_prism_load_spec (const char *dir, const char *name);
/* Writes @spec to @dir/@name-openapi.json; returns the path. (transfer full) */
char *kp_test_prism_save_spec (const char *dir, const char *name, JsonNode *spec);

/* Starts Prism for the document at @spec_path in front of @upstream (ending in "/"). */
void kp_test_prism_start_with_spec (KpTestPrism *prism,
                                    const char *dir,
                                    const char *spec_path,
                                    const char *upstream);
/* The same for ../shared/specs/@name-openapi.yaml as it is. */
void
kp_test_prism_start (KpTestPrism *prism, const char *dir, const char *name, const char *upstream);
void kp_test_prism_stop (KpTestPrism *prism);
/* Fails the test on any request Prism refused or answer it found wrong. */
void kp_test_prism_assert_found_nothing (KpTestPrism *prism);

/* A POST of the JSON @body to @resource (no leading "/") behind @prism. (transfer full) */
SoupMessage *kp_test_prism_new_post (KpTestPrism *prism, const char *resource, const char *body);
/*
 * Sends @message, which breaks the document, and asserts Prism answered
 * it itself: a 4xx problem of its own that names @member.
 */
void kp_test_prism_assert_refused (SoupMessage *message, const char *member);

G_END_DECLS
