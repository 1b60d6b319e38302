/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-guide-card.h"

#include "kp-accessible-label.h"

#define FALLBACK_ICON "kp-topic-information"

/*
 * Content names on the left, icons on the right. A pictogram that means
 * the same as a home tile reuses the tile's icon, so a resident sees one
 * picture for one thing.
 */
static const struct
{
  const char *pictogram;
  const char *icon_name;
} pictogram_icons[] = {
  { "appointment", "kp-topic-appointment" },
  { "baby", "kp-pictogram-baby" },
  { "ballot", "kp-pictogram-ballot" },
  { "bin", "kp-pictogram-bin" },
  { "building", "kp-pictogram-building" },
  { "bulky-waste", "kp-pictogram-bulky-waste" },
  { "bus", "kp-pictogram-bus" },
  { "callback", "kp-topic-callback" },
  { "candle", "kp-pictogram-candle" },
  { "care", "kp-pictogram-care" },
  { "certificate", "kp-pictogram-certificate" },
  { "child", "kp-pictogram-child" },
  { "computer", "kp-pictogram-computer" },
  { "document", "kp-pictogram-document" },
  { "driving-licence", "kp-pictogram-driving-licence" },
  { "event", "kp-pictogram-event" },
  { "found-lost", "kp-topic-found-lost" },
  { "heart", "kp-pictogram-heart" },
  { "house", "kp-pictogram-house" },
  { "money", "kp-pictogram-money" },
  { "moving", "kp-pictogram-moving" },
  { "parking", "kp-pictogram-parking" },
  { "passport", "kp-pictogram-passport" },
  { "phone", "kp-pictogram-phone" },
  { "rings", "kp-pictogram-rings" },
  { "speech", "kp-pictogram-speech" },
  { "street", "kp-pictogram-street" },
  { "tax", "kp-pictogram-tax" },
  { "tree", "kp-pictogram-tree" },
};

const char *
kp_guide_card_get_icon_name (const char *pictogram)
{
  g_return_val_if_fail (pictogram != NULL, FALLBACK_ICON);

  for (gsize i = 0; i < G_N_ELEMENTS (pictogram_icons); i++)
    {
      if (g_str_equal (pictogram_icons[i].pictogram, pictogram))
        return pictogram_icons[i].icon_name;
    }
  return FALLBACK_ICON;
}

char *
kp_guide_card_dup_topic_page_name (const char *slug)
{
  g_return_val_if_fail (slug != NULL, NULL);

  return g_strconcat ("topic:", slug, NULL);
}

static GtkWidget *
create_text_label (const char *text, const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

GtkWidget *
kp_guide_card_new_for_page (const char *name,
                            const char *icon_name,
                            const char *title,
                            const char *summary,
                            const char *page_name)
{
  GtkWidget *button;
  GtkWidget *box;
  GtkWidget *text_box;
  GtkWidget *icon;
  g_autofree char *accessible_label = NULL;

  g_return_val_if_fail (name != NULL && icon_name != NULL && page_name != NULL, NULL);
  g_return_val_if_fail (title != NULL && summary != NULL, NULL);

  button = gtk_button_new ();
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 28);
  text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  /* The words say it all; a screen reader need not announce the picture. */
  icon = g_object_new (GTK_TYPE_IMAGE, "icon-name", icon_name, "pixel-size", 88, "valign",
                       GTK_ALIGN_CENTER, "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);

  gtk_widget_set_hexpand (text_box, TRUE);
  gtk_widget_set_valign (text_box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (text_box), create_text_label (title, "card-title"));
  gtk_box_append (GTK_BOX (text_box), create_text_label (summary, "card-summary"));
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), text_box);

  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "topic-card");
  gtk_widget_set_name (button, name);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "kiosk.open");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", page_name);
  accessible_label = g_strdup_printf ("%s. %s", title, summary);
  kp_accessible_label_set (button, accessible_label);
  return button;
}

GtkWidget *
kp_guide_card_new (KpGuideTopic *topic)
{
  g_autofree char *page_name = NULL;

  g_return_val_if_fail (KP_IS_GUIDE_TOPIC (topic), NULL);

  page_name = kp_guide_card_dup_topic_page_name (kp_guide_topic_get_slug (topic));
  return kp_guide_card_new_for_page (
      kp_guide_topic_get_slug (topic),
      kp_guide_card_get_icon_name (kp_guide_topic_get_pictogram (topic)),
      kp_guide_topic_get_title (topic), kp_guide_topic_get_summary (topic), page_name);
}
