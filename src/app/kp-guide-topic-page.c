/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-guide-topic-page.h"

#include "kp-guide-card.h"
#include "kp-topic.h"

#include <glib/gi18n.h>

/* Room above a partner card scrolled into view, so its edge is not cut off. */
#define SCROLL_MARGIN_PX 24

struct _KpGuideTopicPage
{
  AdwBin parent_instance;

  KpGuideTopic *topic;
  GHashTable *partner_cards; /* partner id → its card, owned by the page's widget tree */

  GtkScrolledWindow *scroller;
  GtkImage *icon;
  GtkLabel *title_label;
  GtkLabel *summary_label;
  GtkBox *section_box;
  GtkLabel *location_label;
  GtkLabel *phone_label;
  GtkLabel *hours_label;
  GtkBox *partner_box;
  GtkLabel *next_heading_label;
  GtkImage *next_icon;
  GtkLabel *next_label;
};

G_DEFINE_FINAL_TYPE (KpGuideTopicPage, kp_guide_topic_page, ADW_TYPE_BIN)

static GtkWidget *
create_label (const char *text, const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

/*
 * A bullet is drawn, not written: a "•" in a label would be read aloud as
 * a word. A step keeps its number as text, which a voice reads well.
 */
static GtkWidget *
create_marker (const KpGuideBlock *block)
{
  g_autofree char *number = NULL;
  GtkWidget *marker;

  if (block->kind == KP_GUIDE_BLOCK_STEP)
    {
      number = g_strdup_printf ("%u.", block->number);
      marker = gtk_label_new (number);
      gtk_label_set_xalign (GTK_LABEL (marker), 1);
      gtk_widget_add_css_class (marker, "step-number");
    }
  else
    {
      marker
          = g_object_new (GTK_TYPE_BOX, "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
      gtk_widget_add_css_class (marker, "bullet");
    }
  gtk_widget_set_valign (marker, GTK_ALIGN_START);
  return marker;
}

static GtkWidget *
create_block (const KpGuideBlock *block)
{
  GtkWidget *row;

  if (block->kind == KP_GUIDE_BLOCK_PARAGRAPH)
    return create_label (block->text, "topic-text");

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  gtk_box_append (GTK_BOX (row), create_marker (block));
  gtk_box_append (GTK_BOX (row), create_label (block->text, "topic-text"));
  return row;
}

static GtkWidget *
create_section (const KpGuideSection *section)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 14);
  GtkWidget *heading = create_label (kp_guide_section_kind_get_heading (section->kind), "title-2");

  gtk_widget_add_css_class (heading, "section-heading");
  gtk_widget_add_css_class (box, "topic-section");
  gtk_box_append (GTK_BOX (box), heading);
  for (guint i = 0; i < section->blocks->len; i++)
    gtk_box_append (GTK_BOX (box), create_block (g_ptr_array_index (section->blocks, i)));
  return box;
}

static void
fill_sections (KpGuideTopicPage *self)
{
  GPtrArray *sections = kp_guide_topic_get_sections (self->topic);

  for (guint i = 0; i < sections->len; i++)
    gtk_box_append (self->section_box, create_section (g_ptr_array_index (sections, i)));
}

static GtkWidget *
create_partner_card (const KpGuideEntry *partner)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  g_autofree char *widget_name = g_strconcat ("partner-", partner->id, NULL);

  gtk_widget_add_css_class (card, "partner-card");
  gtk_widget_set_name (card, widget_name);
  gtk_box_append (GTK_BOX (card), create_label (partner->name, "title-2"));
  gtk_box_append (GTK_BOX (card), create_label (partner->helps, "topic-text"));
  gtk_box_append (GTK_BOX (card), create_label (partner->phone, "partner-phone"));
  gtk_box_append (GTK_BOX (card), create_label (partner->address, "topic-text"));
  return card;
}

static void
add_partner (KpGuideTopicPage *self, KpGuide *guide, const char *id)
{
  const KpGuideEntry *partner = kp_guide_lookup_partner (guide, id);
  GtkWidget *card;

  /* The loader checks the ids; one that slipped through is left out, not shown broken. */
  if (partner == NULL || g_hash_table_contains (self->partner_cards, id))
    return;
  card = create_partner_card (partner);
  g_hash_table_insert (self->partner_cards, g_strdup (id), card);
  gtk_box_append (self->partner_box, card);
  gtk_widget_set_visible (GTK_WIDGET (self->partner_box), TRUE);
}

/* The topic's partners, and the one its Next button points at, so that button has a card to show. */
static void
fill_partners (KpGuideTopicPage *self, KpGuide *guide)
{
  const char *const *partners = kp_guide_topic_get_partners (self->topic);

  for (gsize i = 0; partners[i] != NULL; i++)
    add_partner (self, guide, partners[i]);
  if (kp_guide_topic_get_next_kind (self->topic) == KP_GUIDE_NEXT_PARTNER)
    add_partner (self, guide, kp_guide_topic_get_next_target (self->topic));
}

/* (nullable) (transfer full): the window page a Next leads to; NULL for a partner on this page */
static char *
dup_next_page_name (KpGuideTopic *topic)
{
  const char *target = kp_guide_topic_get_next_target (topic);

  switch (kp_guide_topic_get_next_kind (topic))
    {
      case KP_GUIDE_NEXT_APPOINTMENT:
        /* Straight into the booking flow, with this topic's product chosen. */
        return g_strconcat ("appointment:", target, NULL);
      case KP_GUIDE_NEXT_FORM:
        return g_strdup ("digid-form");
      case KP_GUIDE_NEXT_REPORT:
        /* report:found and report:lost open their flows; report:mor the report outside. */
        return g_strdup (g_strcmp0 (target, "mor") == 0 ? "report-outside" : target);
      case KP_GUIDE_NEXT_CALLBACK:
        return g_strdup ("callback");
      case KP_GUIDE_NEXT_TOPIC:
        return kp_guide_card_dup_topic_page_name (target);
      case KP_GUIDE_NEXT_PARTNER:
      default:
        return NULL;
    }
}

/* What the button will do, said above it: the button itself carries only a name. */
static const char *
get_next_heading (KpGuideNextKind kind)
{
  switch (kind)
    {
      case KP_GUIDE_NEXT_APPOINTMENT:
        return _ ("Make an appointment for:");
      case KP_GUIDE_NEXT_FORM:
        return _ ("Fill in the form:");
      case KP_GUIDE_NEXT_TOPIC:
        return _ ("Read more about:");
      case KP_GUIDE_NEXT_PARTNER:
        return _ ("They can help you:");
      case KP_GUIDE_NEXT_REPORT:
      case KP_GUIDE_NEXT_CALLBACK:
      default:
        return _ ("What you can do now:");
    }
}

static const char *
get_next_icon_name (KpGuide *guide, KpGuideTopic *topic)
{
  g_autofree char *page_name = dup_next_page_name (topic);
  g_auto (GStrv) parts = page_name != NULL ? g_strsplit (page_name, ":", 2) : NULL;
  /* "appointment:PRODUCT" has the appointment tile's pictogram. */
  const KpTopic *tile = parts != NULL ? kp_topic_lookup (parts[0]) : NULL;
  KpGuideTopic *next_topic;

  if (tile != NULL)
    return tile->icon_name;
  if (kp_guide_topic_get_next_kind (topic) == KP_GUIDE_NEXT_PARTNER)
    return kp_guide_card_get_icon_name ("phone");
  next_topic = kp_guide_lookup_topic (guide, kp_guide_topic_get_next_target (topic));
  return kp_guide_card_get_icon_name (next_topic != NULL ? kp_guide_topic_get_pictogram (next_topic)
                                                         : "");
}

static void
fill_next_step (KpGuideTopicPage *self, KpGuide *guide)
{
  g_autofree char *name = kp_guide_dup_next_name (guide, self->topic);

  gtk_label_set_label (self->next_heading_label,
                       get_next_heading (kp_guide_topic_get_next_kind (self->topic)));
  gtk_label_set_label (self->next_label, name);
  gtk_image_set_from_icon_name (self->next_icon, get_next_icon_name (guide, self->topic));
}

/* Brings a partner's card into view and marks it, so the eye finds it after the jump. */
static void
show_partner (KpGuideTopicPage *self, const char *id)
{
  GtkWidget *card = g_hash_table_lookup (self->partner_cards, id);
  GtkWidget *content = gtk_scrolled_window_get_child (self->scroller);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  graphene_point_t top;

  g_return_if_fail (card != NULL);
  gtk_widget_add_css_class (card, "highlighted");
  if (gtk_widget_compute_point (card, content, &GRAPHENE_POINT_INIT (0, 0), &top))
    gtk_adjustment_set_value (adjustment, top.y - SCROLL_MARGIN_PX);
}

static void
next_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpGuideTopicPage *self = KP_GUIDE_TOPIC_PAGE (widget);
  g_autofree char *page_name = dup_next_page_name (self->topic);

  if (page_name != NULL)
    gtk_widget_activate_action (widget, "kiosk.open", "s", page_name);
  else
    show_partner (self, kp_guide_topic_get_next_target (self->topic));
}

static void
kp_guide_topic_page_dispose (GObject *object)
{
  KpGuideTopicPage *self = KP_GUIDE_TOPIC_PAGE (object);

  g_clear_pointer (&self->partner_cards, g_hash_table_unref);
  g_clear_object (&self->topic);

  G_OBJECT_CLASS (kp_guide_topic_page_parent_class)->dispose (object);
}

static void
kp_guide_topic_page_class_init (KpGuideTopicPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kp_guide_topic_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/nl/kernpunt/Kernpunt/kp-guide-topic-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KpGuideTopicPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, KpGuideTopicPage, icon);
  gtk_widget_class_bind_template_child (widget_class, KpGuideTopicPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, KpGuideTopicPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, KpGuideTopicPage, section_box);
  gtk_widget_class_bind_template_child (widget_class, KpGuideTopicPage, location_label);
  gtk_widget_class_bind_template_child (widget_class, KpGuideTopicPage, phone_label);
  gtk_widget_class_bind_template_child (widget_class, KpGuideTopicPage, hours_label);
  gtk_widget_class_bind_template_child (widget_class, KpGuideTopicPage, partner_box);
  gtk_widget_class_bind_template_child (widget_class, KpGuideTopicPage, next_heading_label);
  gtk_widget_class_bind_template_child (widget_class, KpGuideTopicPage, next_icon);
  gtk_widget_class_bind_template_child (widget_class, KpGuideTopicPage, next_label);

  gtk_widget_class_install_action (widget_class, "topic.next", NULL, next_action);
}

static void
kp_guide_topic_page_init (KpGuideTopicPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->partner_cards = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/*
 * The page is rebuilt for each session and each language, so the texts
 * are set once here; it keeps only the topic, for its Next button.
 */
GtkWidget *
kp_guide_topic_page_new (KpConfig *config, KpGuide *guide, KpGuideTopic *topic)
{
  KpGuideTopicPage *self;
  g_autofree char *hours = NULL;

  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);
  g_return_val_if_fail (KP_IS_GUIDE (guide), NULL);
  g_return_val_if_fail (KP_IS_GUIDE_TOPIC (topic), NULL);

  self = g_object_new (KP_TYPE_GUIDE_TOPIC_PAGE, NULL);
  self->topic = g_object_ref (topic);
  hours = kp_config_format_opening_hours (config);

  gtk_image_set_from_icon_name (self->icon,
                                kp_guide_card_get_icon_name (kp_guide_topic_get_pictogram (topic)));
  gtk_label_set_label (self->title_label, kp_guide_topic_get_title (topic));
  gtk_label_set_label (self->summary_label, kp_guide_topic_get_summary (topic));
  fill_sections (self);
  gtk_label_set_label (self->location_label, kp_config_get_location_name (config));
  gtk_label_set_label (self->phone_label, kp_config_get_phone (config));
  gtk_label_set_label (self->hours_label, hours);
  fill_partners (self, guide);
  fill_next_step (self, guide);
  return GTK_WIDGET (self);
}
