/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-guide-group-page.h"

#include "kp-guide-card.h"

struct _KpGuideGroupPage
{
  AdwBin parent_instance;

  GtkImage *icon;
  GtkLabel *title_label;
  GtkBox *topic_box;
};

G_DEFINE_FINAL_TYPE (KpGuideGroupPage, kp_guide_group_page, ADW_TYPE_BIN)

static void
kp_guide_group_page_class_init (KpGuideGroupPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/nl/kernpunt/Kernpunt/kp-guide-group-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KpGuideGroupPage, icon);
  gtk_widget_class_bind_template_child (widget_class, KpGuideGroupPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, KpGuideGroupPage, topic_box);
}

static void
kp_guide_group_page_init (KpGuideGroupPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/*
 * The page is rebuilt for each session and each language, so it is
 * filled once here and keeps no reference to the guide.
 */
GtkWidget *
kp_guide_group_page_new (KpGuide *guide, const KpGuideGroup *group)
{
  KpGuideGroupPage *self;

  g_return_val_if_fail (KP_IS_GUIDE (guide), NULL);
  g_return_val_if_fail (group != NULL, NULL);

  self = g_object_new (KP_TYPE_GUIDE_GROUP_PAGE, NULL);
  gtk_image_set_from_icon_name (self->icon, kp_guide_card_get_icon_name (group->pictogram));
  gtk_label_set_label (self->title_label, group->title);
  for (gsize i = 0; group->topics[i] != NULL; i++)
    {
      KpGuideTopic *topic = kp_guide_lookup_topic (guide, group->topics[i]);

      /* The loader checks every slug; a missing one is skipped rather than crashing. */
      if (topic != NULL)
        gtk_box_append (self->topic_box, kp_guide_card_new (topic));
    }
  return GTK_WIDGET (self);
}
