/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * What one visitor copied or selected stays with that visitor. GTK and
 * WebKit put text on the display's clipboard (Ctrl+C) and on its primary
 * selection (any selected text, for middle-click paste), where the next
 * visitor could paste it and where every program on the display may read
 * it. These take back what this process holds there: the text and the
 * offer of it (a NULL content drops the display's owner, on X11 and on
 * Wayland alike). Text another program holds is not ours to touch.
 */

/* Forgets what this process holds on @display's primary selection. */
void kp_clipboard_forget_primary (GdkDisplay *display);
/* Forgets what this process holds on @display's clipboard and its primary selection. */
void kp_clipboard_forget_all (GdkDisplay *display);

G_END_DECLS
