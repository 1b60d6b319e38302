/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * No menus in a kiosk: the right-click / long-press menu of @entry stays
 * shut, so nobody lands in Cut, Paste or Insert Emoji by accident.
 */
void kp_entry_helpers_disable_context_menu (GtkEntry *entry);

G_END_DECLS
