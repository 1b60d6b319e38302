/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The exit statuses of every kernpunt-ctl command. */
enum
{
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
};

/*
 * The guidance commands work on a content bundle, not on the kiosk's
 * database, so they need none of the store.
 */
typedef struct
{
  const char *content_folder; /* NULL: kp_guide_dup_default_folder () */
  const char *language;       /* NULL: "nl" */
  gboolean json;
} KpCtlGuideOptions;

/*
 * A guidance command. It returns an exit status; @error is set with
 * EXIT_USAGE (what is wrong with the command line) and with EXIT_FAILED
 * when the command could not run, but not when it ran and found problems
 * it has printed itself (content lint).
 */
typedef int (*KpCtlGuideCommand) (const KpCtlGuideOptions *options,
                                  const char *argument,
                                  GError **error);

int ctl_guide_list (const KpCtlGuideOptions *options, const char *argument, GError **error);
int ctl_guide_search (const KpCtlGuideOptions *options, const char *query, GError **error);
int ctl_guide_show (const KpCtlGuideOptions *options, const char *slug, GError **error);
int ctl_content_lint (const KpCtlGuideOptions *options, const char *folder, GError **error);

G_END_DECLS
