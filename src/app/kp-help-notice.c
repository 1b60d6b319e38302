/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-help-notice.h"

#include <glib/gi18n.h>

struct _KpHelpNotice
{
  AdwBin parent_instance;

  GtkWidget *coming_box;
  GtkLabel *title_label;
  GtkLabel *body_label;
  GtkWidget *away_box;
  GtkLabel *phone_label;
  GtkLabel *printer_label;
};

G_DEFINE_FINAL_TYPE (KpHelpNotice, kp_help_notice, ADW_TYPE_BIN)

static void
kp_help_notice_class_init (KpHelpNoticeClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/nl/kernpunt/Kernpunt/kp-help-notice.ui");
  gtk_widget_class_bind_template_child (widget_class, KpHelpNotice, coming_box);
  gtk_widget_class_bind_template_child (widget_class, KpHelpNotice, title_label);
  gtk_widget_class_bind_template_child (widget_class, KpHelpNotice, body_label);
  gtk_widget_class_bind_template_child (widget_class, KpHelpNotice, away_box);
  gtk_widget_class_bind_template_child (widget_class, KpHelpNotice, phone_label);
  gtk_widget_class_bind_template_child (widget_class, KpHelpNotice, printer_label);
}

static void
kp_help_notice_init (KpHelpNotice *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kp_help_notice_new (void)
{
  return g_object_new (KP_TYPE_HELP_NOTICE, NULL);
}

void
kp_help_notice_set_printer_state (KpHelpNotice *self, KpPrinterState state)
{
  g_autofree char *text = NULL;
  gboolean problem = state != KP_PRINTER_STATE_READY && state != KP_PRINTER_STATE_NONE;

  g_return_if_fail (KP_IS_HELP_NOTICE (self));

  /* TRANSLATORS: %s says how the printer is, e.g. "The printer has no paper." */
  text = g_strdup_printf (_ ("For the volunteer: %s"), kp_printer_state_describe (state));
  gtk_label_set_label (self->printer_label, problem ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->printer_label), problem);
}

void
kp_help_notice_set_acknowledged (KpHelpNotice *self)
{
  g_return_if_fail (KP_IS_HELP_NOTICE (self));

  gtk_label_set_label (self->title_label, _ ("A volunteer has seen you"));
  gtk_label_set_label (self->body_label, _ ("The volunteer is on the way. Please stay here."));
}

void
kp_help_notice_set_away (KpHelpNotice *self, const char *phone)
{
  g_return_if_fail (KP_IS_HELP_NOTICE (self));
  g_return_if_fail (phone != NULL);

  gtk_label_set_label (self->phone_label, phone);
  gtk_widget_set_visible (self->coming_box, FALSE);
  gtk_widget_set_visible (self->away_box, TRUE);
}
