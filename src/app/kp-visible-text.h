/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * The text a person sees in @root: every visible label, in widget order,
 * one per line. Each line ends in punctuation so a voice pauses between
 * a tile label and the next. Hidden stack pages and closed revealers are
 * skipped. (transfer full)
 */
char *kp_visible_text_collect (GtkWidget *root);

G_END_DECLS
