/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-visible-text.h"

static gboolean
ends_in_punctuation (const char *text)
{
  gunichar last = g_utf8_get_char (g_utf8_find_prev_char (text, text + strlen (text)));

  return g_unichar_ispunct (last);
}

static void
collect (GtkWidget *widget, GString *text)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;

  if (GTK_IS_LABEL (widget))
    {
      g_autofree char *line = g_strstrip (g_strdup (gtk_label_get_text (GTK_LABEL (widget))));

      if (*line == '\0')
        return;
      g_string_append (text, line);
      if (!ends_in_punctuation (line))
        g_string_append_c (text, '.');
      g_string_append_c (text, '\n');
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, text);
}

char *
kp_visible_text_collect (GtkWidget *root)
{
  GString *text;

  g_return_val_if_fail (GTK_IS_WIDGET (root), NULL);

  text = g_string_new (NULL);
  collect (root, text);
  return g_string_free (text, FALSE);
}
