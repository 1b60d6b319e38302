/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/*
 * The bar on top of every page: Back, Home, Read aloud, Help and Done.
 * Its buttons only name the window's "kiosk." actions.
 */
#define KP_TYPE_PAGE_BAR (kp_page_bar_get_type ())
G_DECLARE_FINAL_TYPE (KpPageBar, kp_page_bar, KP, PAGE_BAR, AdwBin)

GtkWidget *kp_page_bar_new (void);
/* Back and Home are hidden on the home screen, where they lead nowhere. */
void kp_page_bar_set_show_navigation (KpPageBar *self, gboolean show_navigation);
gboolean kp_page_bar_get_show_navigation (KpPageBar *self);

G_END_DECLS
