/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-entry-helpers.h"

void
kp_entry_helpers_disable_context_menu (GtkEntry *entry)
{
  GtkEditable *text;

  g_return_if_fail (GTK_IS_ENTRY (entry));

  /* The menu belongs to the GtkText inside the entry. */
  text = gtk_editable_get_delegate (GTK_EDITABLE (entry));
  gtk_widget_action_set_enabled (GTK_WIDGET (text), "menu.popup", FALSE);
}
