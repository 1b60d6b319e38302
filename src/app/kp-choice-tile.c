/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-choice-tile.h"

void
kp_choice_tile_open_page (GtkWidget *button, const char *page)
{
  g_return_if_fail (GTK_IS_BUTTON (button));
  g_return_if_fail (page != NULL);

  gtk_widget_add_css_class (button, "choice-tile");
  gtk_widget_set_hexpand (button, TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "kiosk.open");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", page);
}
