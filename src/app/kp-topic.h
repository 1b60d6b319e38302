/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The six things a resident can come to the kiosk for. The home screen
 * shows one tile per topic; a topic whose feature is not built yet opens
 * a "coming soon" page. Labels and purposes are marked with N_() and
 * translated where they reach the screen, so a language switch works.
 */
typedef struct
{
  const char *id;        /* the page name, e.g. "appointment" */
  const char *icon_name; /* a pictogram in ui/icons/ */
  const char *label;     /* two to four words on the tile */
  const char *purpose;   /* one or two sentences: what the page will do */
} KpTopic;

/* (array length=n_topics) (transfer none): in the order of the home screen */
const KpTopic *kp_topic_get_all (guint *n_topics);
/* (nullable) (transfer none) */
const KpTopic *kp_topic_lookup (const char *id);

G_END_DECLS
