/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-help-notice.h"

struct _KpHelpNotice
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (KpHelpNotice, kp_help_notice, ADW_TYPE_BIN)

static void
kp_help_notice_class_init (KpHelpNoticeClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/nl/kernpunt/Kernpunt/kp-help-notice.ui");
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
