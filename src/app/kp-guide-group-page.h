/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <adwaita.h>

#include "kp-guide.h"

G_BEGIN_DECLS

/* One theme of the guide: its topics as large buttons, in the order of groups.txt. */
#define KP_TYPE_GUIDE_GROUP_PAGE (kp_guide_group_page_get_type ())
G_DECLARE_FINAL_TYPE (KpGuideGroupPage, kp_guide_group_page, KP, GUIDE_GROUP_PAGE, AdwBin)

/* @group belongs to @guide; the page keeps neither. */
GtkWidget *kp_guide_group_page_new (KpGuide *guide, const KpGuideGroup *group);

G_END_DECLS
