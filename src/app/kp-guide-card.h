/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gtk/gtk.h>

#include "kp-guide-topic.h"

G_BEGIN_DECLS

/*
 * The pieces the guidance screens share: a topic as one large button
 * (pictogram, title, summary) that opens it, and the icon that draws a
 * content pictogram name.
 */

/* A button that opens @topic's page through "kiosk.open". (transfer floating) */
GtkWidget *kp_guide_card_new (KpGuideTopic *topic);
/*
 * The same for any page: a large button named @name with the pictogram
 * @icon_name, @title and @summary (read together as its accessible
 * label), that opens @page_name through "kiosk.open". (transfer floating)
 */
GtkWidget *kp_guide_card_new_for_page (const char *name,
                                       const char *icon_name,
                                       const char *title,
                                       const char *summary,
                                       const char *page_name);

/*
 * The icon for a Pictogram name of ui/guide/README.md; an unknown name
 * gets the information sign, so a typo in content never leaves a hole.
 */
const char *kp_guide_card_get_icon_name (const char *pictogram);

/* "topic:SLUG", the window's page name for a topic. (transfer full) */
char *kp_guide_card_dup_topic_page_name (const char *slug);

G_END_DECLS
