/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <adwaita.h>

#include "kp-config.h"
#include "kp-topic.h"

G_BEGIN_DECLS

/*
 * An honest page for a topic that is not built yet: what it will do, that
 * it is not ready, and how to get help today (phone and opening hours).
 */
#define KP_TYPE_COMING_SOON_PAGE (kp_coming_soon_page_get_type ())
G_DECLARE_FINAL_TYPE (KpComingSoonPage, kp_coming_soon_page, KP, COMING_SOON_PAGE, AdwBin)

GtkWidget *kp_coming_soon_page_new (KpConfig *config, const KpTopic *topic);

G_END_DECLS
