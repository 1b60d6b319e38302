/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * What a widget is called, for a screen reader and for the kiosk's own
 * speech mode alike. GTK 4.8 can set an accessible label but not read it
 * back (gtk_accessible_get_* arrived in 4.10), so the kiosk sets labels
 * through kp_accessible_label_set(), which also remembers the text.
 */

/* Sets @widget's accessible label to @label and remembers it for kp_accessible_label_dup(). */
void kp_accessible_label_set (GtkWidget *widget, const char *label);
/*
 * The words of @widget's visible labels, in widget order and separated by
 * spaces; "" when it shows none. (transfer full)
 */
char *kp_accessible_label_dup_words (GtkWidget *widget);
/*
 * What @widget is called: the label set with kp_accessible_label_set(),
 * else its visible words, else an entry's placeholder, else its tooltip;
 * "" when it has none of those. (transfer full)
 */
char *kp_accessible_label_dup (GtkWidget *widget);

G_END_DECLS
