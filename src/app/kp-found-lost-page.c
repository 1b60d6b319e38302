/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-found-lost-page.h"

#include "kp-choice-tile.h"

#include <glib/gi18n.h>

#define ICON_SIZE 128

struct _KpFoundLostPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (KpFoundLostPage, kp_found_lost_page, ADW_TYPE_BIN)

static GtkWidget *
new_choice (const char *page, const char *icon_name, const char *label)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 16);
  GtkWidget *image = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *text = gtk_label_new (label);

  gtk_image_set_pixel_size (GTK_IMAGE (image), ICON_SIZE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), text);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_button_set_child (GTK_BUTTON (button), box);
  kp_choice_tile_open_page (button, page);
  return button;
}

static void
kp_found_lost_page_class_init (KpFoundLostPageClass *klass)
{
}

static void
kp_found_lost_page_init (KpFoundLostPage *self)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 32);
  GtkWidget *title = gtk_label_new (_ ("Did you find something, or lose something?"));
  GtkWidget *choices = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 32);

  gtk_widget_add_css_class (page, "page");
  gtk_widget_add_css_class (title, "title-1");
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_box_set_homogeneous (GTK_BOX (choices), TRUE);
  gtk_box_append (GTK_BOX (choices), new_choice (KP_FOUND_LOST_PAGE_FOUND, "kp-pictogram-here",
                                                 _ ("I found something")));
  gtk_box_append (GTK_BOX (choices), new_choice (KP_FOUND_LOST_PAGE_LOST, "kp-pictogram-wallet",
                                                 _ ("I lost something")));
  gtk_box_append (GTK_BOX (page), title);
  gtk_box_append (GTK_BOX (page), choices);
  adw_bin_set_child (ADW_BIN (self), page);
}

GtkWidget *
kp_found_lost_page_new (void)
{
  return g_object_new (KP_TYPE_FOUND_LOST_PAGE, NULL);
}
