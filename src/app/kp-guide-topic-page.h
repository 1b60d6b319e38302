/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <adwaita.h>

#include "kp-config.h"
#include "kp-guide.h"

G_BEGIN_DECLS

/*
 * One guidance topic in large text: pictogram, title, summary, the
 * sections under translated headings, where to go and when the
 * municipality is open, the partners who help, and one big button for the
 * next step, so a resident never reaches a dead end.
 */
#define KP_TYPE_GUIDE_TOPIC_PAGE (kp_guide_topic_page_get_type ())
G_DECLARE_FINAL_TYPE (KpGuideTopicPage, kp_guide_topic_page, KP, GUIDE_TOPIC_PAGE, AdwBin)

/* @topic belongs to @guide. */
GtkWidget *kp_guide_topic_page_new (KpConfig *config, KpGuide *guide, KpGuideTopic *topic);

G_END_DECLS
