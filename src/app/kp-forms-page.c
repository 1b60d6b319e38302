/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-forms-page.h"

#include "kp-contact-box.h"
#include "kp-guide-card.h"

#include <glib/gi18n.h>

struct _KpFormsPage
{
  AdwBin parent_instance;

  GtkWidget *intro_label;
  GtkWidget *not_ready_label;
  GtkBox *form_list;
  GtkWidget *no_forms_box;
  KpContactBox *contact_box;
};

G_DEFINE_FINAL_TYPE (KpFormsPage, kp_forms_page, ADW_TYPE_BIN)

static void
kp_forms_page_class_init (KpFormsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (KP_TYPE_CONTACT_BOX);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/nl/kernpunt/Kernpunt/kp-forms-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KpFormsPage, intro_label);
  gtk_widget_class_bind_template_child (widget_class, KpFormsPage, not_ready_label);
  gtk_widget_class_bind_template_child (widget_class, KpFormsPage, form_list);
  gtk_widget_class_bind_template_child (widget_class, KpFormsPage, no_forms_box);
  gtk_widget_class_bind_template_child (widget_class, KpFormsPage, contact_box);
}

static void
kp_forms_page_init (KpFormsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* (transfer full) */
char *
kp_forms_page_dup_form_summary (KpEForm *form)
{
  guint minutes;
  const char *digid;

  g_return_val_if_fail (KP_IS_E_FORM (form), NULL);

  minutes = kp_e_form_get_minutes (form);
  digid = kp_e_form_get_needs_digid (form) ? _ ("You need DigiD.") : _ ("No DigiD needed.");
  if (minutes == 0)
    return g_strdup (digid);
  /* TRANSLATORS: "You need DigiD." and then "About 10 minutes." */
  return g_strdup_printf (ngettext ("%s About %u minute.", "%s About %u minutes.", minutes), digid,
                          minutes);
}

static GtkWidget *
create_form_tile (KpEForm *form, const char *language)
{
  g_autofree char *summary = kp_forms_page_dup_form_summary (form);
  g_autofree char *page_name
      = g_strconcat (KP_FORMS_PAGE_START_PREFIX, kp_e_form_get_id (form), NULL);

  return kp_guide_card_new_for_page (kp_e_form_get_id (form),
                                     kp_guide_card_get_icon_name (kp_e_form_get_icon (form)),
                                     kp_e_form_get_title (form, language), summary, page_name);
}

/* The page keeps nothing: it is rebuilt for each session and each language. */
GtkWidget *
kp_forms_page_new (KpConfig *config, KpEFormCatalogue *catalogue, const char *language)
{
  KpFormsPage *self;
  g_autoptr (GPtrArray) forms = NULL;

  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);
  g_return_val_if_fail (KP_IS_E_FORM_CATALOGUE (catalogue), NULL);
  g_return_val_if_fail (language != NULL, NULL);

  self = g_object_new (KP_TYPE_FORMS_PAGE, NULL);
  forms = kp_e_form_catalogue_dup_shown (catalogue);
  for (guint i = 0; i < forms->len; i++)
    gtk_box_append (self->form_list, create_form_tile (g_ptr_array_index (forms, i), language));
  gtk_widget_set_visible (self->intro_label, forms->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->form_list), forms->len > 0);
  gtk_widget_set_visible (self->not_ready_label, forms->len == 0);
  gtk_widget_set_visible (self->no_forms_box, forms->len == 0);
  kp_contact_box_set_config (self->contact_box, config);
  return GTK_WIDGET (self);
}
