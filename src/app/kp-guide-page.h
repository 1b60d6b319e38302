/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <adwaita.h>

#include "kp-guide.h"

G_BEGIN_DECLS

/*
 * "Find information": a search entry that finds topics while the resident
 * types, and the themed groups of the guide as large tiles for those who
 * would rather not type. A search that finds nothing says so in plain
 * words and still offers the groups, Help and a callback.
 */
#define KP_TYPE_GUIDE_PAGE (kp_guide_page_get_type ())
G_DECLARE_FINAL_TYPE (KpGuidePage, kp_guide_page, KP, GUIDE_PAGE, AdwBin)

GtkWidget *kp_guide_page_new (KpGuide *guide);

G_END_DECLS
