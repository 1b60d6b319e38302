/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-accessible-label.h"

#define LABEL_KEY "kp-accessible-label"

void
kp_accessible_label_set (GtkWidget *widget, const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (label != NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_object_set_data_full (G_OBJECT (widget), LABEL_KEY, g_strdup (label), g_free);
}

static void
collect_words (GtkWidget *widget, GString *words)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      if (*text != '\0')
        g_string_append_printf (words, "%s%s", words->len > 0 ? " " : "", text);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_words (child, words);
}

char *
kp_accessible_label_dup_words (GtkWidget *widget)
{
  GString *words;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  words = g_string_new (NULL);
  collect_words (widget, words);
  return g_string_free (words, FALSE);
}

/* (nullable) (transfer none) */
static const char *
placeholder_of (GtkWidget *widget)
{
  return GTK_IS_ENTRY (widget) ? gtk_entry_get_placeholder_text (GTK_ENTRY (widget)) : NULL;
}

char *
kp_accessible_label_dup (GtkWidget *widget)
{
  const char *remembered;
  const char *fallback;
  g_autofree char *words = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  remembered = g_object_get_data (G_OBJECT (widget), LABEL_KEY);
  if (remembered != NULL)
    return g_strdup (remembered);
  /* What an entry shows is what was typed, not what it is called. */
  words = GTK_IS_EDITABLE (widget) ? g_strdup ("") : kp_accessible_label_dup_words (widget);
  if (*words != '\0')
    return g_steal_pointer (&words);
  fallback = placeholder_of (widget);
  if (fallback == NULL || *fallback == '\0')
    fallback = gtk_widget_get_tooltip_text (widget);
  return g_strdup (fallback != NULL ? fallback : "");
}
