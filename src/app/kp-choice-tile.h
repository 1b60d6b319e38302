/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * Makes @button one of a page's large choices, side by side with the
 * others, that opens the kiosk page @page when pressed.
 */
void kp_choice_tile_open_page (GtkWidget *button, const char *page);

G_END_DECLS
