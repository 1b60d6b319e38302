/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <adwaita.h>

#include "kp-config.h"

G_BEGIN_DECLS

/*
 * The start screen: where the resident is, six large tiles, the language
 * switch and "Follow your report".
 */
#define KP_TYPE_HOME_PAGE (kp_home_page_get_type ())
G_DECLARE_FINAL_TYPE (KpHomePage, kp_home_page, KP, HOME_PAGE, AdwBin)

GtkWidget *kp_home_page_new (KpConfig *config);

G_END_DECLS
