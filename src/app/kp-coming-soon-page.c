/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-coming-soon-page.h"

#include "kp-contact-box.h"

#include <glib/gi18n.h>

struct _KpComingSoonPage
{
  AdwBin parent_instance;

  GtkImage *icon;
  GtkLabel *title_label;
  GtkLabel *purpose_label;
  KpContactBox *contact_box;
};

G_DEFINE_FINAL_TYPE (KpComingSoonPage, kp_coming_soon_page, ADW_TYPE_BIN)

static void
kp_coming_soon_page_class_init (KpComingSoonPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (KP_TYPE_CONTACT_BOX);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/nl/kernpunt/Kernpunt/kp-coming-soon-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KpComingSoonPage, icon);
  gtk_widget_class_bind_template_child (widget_class, KpComingSoonPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, KpComingSoonPage, purpose_label);
  gtk_widget_class_bind_template_child (widget_class, KpComingSoonPage, contact_box);
}

static void
kp_coming_soon_page_init (KpComingSoonPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/*
 * The page keeps nothing of @config or @topic: it is rebuilt for each
 * session and each language, so the texts are set once here.
 */
GtkWidget *
kp_coming_soon_page_new (KpConfig *config, const KpTopic *topic)
{
  KpComingSoonPage *self;

  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);
  g_return_val_if_fail (topic != NULL, NULL);

  self = g_object_new (KP_TYPE_COMING_SOON_PAGE, NULL);

  gtk_image_set_from_icon_name (self->icon, topic->icon_name);
  gtk_label_set_label (self->title_label, _ (topic->label));
  gtk_label_set_label (self->purpose_label, _ (topic->purpose));
  kp_contact_box_set_config (self->contact_box, config);
  return GTK_WIDGET (self);
}
