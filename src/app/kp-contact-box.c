/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-contact-box.h"

struct _KpContactBox
{
  GtkBox parent_instance;

  GtkLabel *phone_label;
  GtkLabel *hours_label;
};

G_DEFINE_FINAL_TYPE (KpContactBox, kp_contact_box, GTK_TYPE_BOX)

static void
kp_contact_box_class_init (KpContactBoxClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/nl/kernpunt/Kernpunt/kp-contact-box.ui");
  gtk_widget_class_bind_template_child (widget_class, KpContactBox, phone_label);
  gtk_widget_class_bind_template_child (widget_class, KpContactBox, hours_label);
}

static void
kp_contact_box_init (KpContactBox *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kp_contact_box_new (KpConfig *config)
{
  KpContactBox *self;

  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);

  self = g_object_new (KP_TYPE_CONTACT_BOX, NULL);
  kp_contact_box_set_config (self, config);
  return GTK_WIDGET (self);
}

/* The box keeps nothing of @config: pages are rebuilt for each session and language. */
void
kp_contact_box_set_config (KpContactBox *self, KpConfig *config)
{
  g_autofree char *hours = NULL;

  g_return_if_fail (KP_IS_CONTACT_BOX (self));
  g_return_if_fail (KP_IS_CONFIG (config));

  hours = kp_config_format_opening_hours (config);
  gtk_label_set_label (self->phone_label, kp_config_get_phone (config));
  gtk_label_set_label (self->hours_label, hours);
}
