/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-form-start-page.h"

#include "kp-guide-card.h"
#include "kp-web-form-page.h"

#include <glib/gi18n.h>

struct _KpFormStartPage
{
  AdwBin parent_instance;

  GtkImage *icon;
  GtkLabel *title_label;
  GtkLabel *duration_label;
  GtkWidget *needs_box;
  GtkLabel *needs_label;
  GtkWidget *digid_box;
  GtkButton *start_button;
};

G_DEFINE_FINAL_TYPE (KpFormStartPage, kp_form_start_page, ADW_TYPE_BIN)

static void
kp_form_start_page_class_init (KpFormStartPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/nl/kernpunt/Kernpunt/kp-form-start-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KpFormStartPage, icon);
  gtk_widget_class_bind_template_child (widget_class, KpFormStartPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, KpFormStartPage, duration_label);
  gtk_widget_class_bind_template_child (widget_class, KpFormStartPage, needs_box);
  gtk_widget_class_bind_template_child (widget_class, KpFormStartPage, needs_label);
  gtk_widget_class_bind_template_child (widget_class, KpFormStartPage, digid_box);
  gtk_widget_class_bind_template_child (widget_class, KpFormStartPage, start_button);
}

static void
kp_form_start_page_init (KpFormStartPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* What is not known is left out rather than guessed. The page keeps nothing of @form. */
GtkWidget *
kp_form_start_page_new (KpEForm *form, const char *language)
{
  KpFormStartPage *self;
  const char *needs;
  guint minutes;
  g_autofree char *duration = NULL;
  g_autofree char *page_name = NULL;

  g_return_val_if_fail (KP_IS_E_FORM (form), NULL);
  g_return_val_if_fail (language != NULL, NULL);

  self = g_object_new (KP_TYPE_FORM_START_PAGE, NULL);
  needs = kp_e_form_get_needs (form, language);
  minutes = kp_e_form_get_minutes (form);

  gtk_image_set_from_icon_name (self->icon,
                                kp_guide_card_get_icon_name (kp_e_form_get_icon (form)));
  gtk_label_set_label (self->title_label, kp_e_form_get_title (form, language));
  if (minutes > 0)
    duration = g_strdup_printf (
        ngettext ("It takes about %u minute.", "It takes about %u minutes.", minutes), minutes);
  gtk_label_set_label (self->duration_label, duration != NULL ? duration : "");
  gtk_widget_set_visible (GTK_WIDGET (self->duration_label), duration != NULL);
  gtk_label_set_label (self->needs_label, needs != NULL ? needs : "");
  gtk_widget_set_visible (self->needs_box, needs != NULL);
  gtk_widget_set_visible (self->digid_box, kp_e_form_get_needs_digid (form));

  page_name = g_strconcat (KP_WEB_FORM_PAGE_PREFIX, kp_e_form_get_id (form), NULL);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->start_button), "s", page_name);
  return GTK_WIDGET (self);
}
