/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-countdown.h"

#include <glib/gi18n.h>

struct _KpCountdown
{
  AdwBin parent_instance;

  GtkLabel *seconds_label;
};

G_DEFINE_FINAL_TYPE (KpCountdown, kp_countdown, ADW_TYPE_BIN)

static void
kp_countdown_class_init (KpCountdownClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/nl/kernpunt/Kernpunt/kp-countdown.ui");
  gtk_widget_class_bind_template_child (widget_class, KpCountdown, seconds_label);
}

static void
kp_countdown_init (KpCountdown *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kp_countdown_new (void)
{
  return g_object_new (KP_TYPE_COUNTDOWN, NULL);
}

void
kp_countdown_set_seconds_left (KpCountdown *self, guint seconds_left)
{
  g_autofree char *text = NULL;

  g_return_if_fail (KP_IS_COUNTDOWN (self));

  text = g_strdup_printf (ngettext ("%u second left", "%u seconds left", seconds_left),
                          seconds_left);
  gtk_label_set_label (self->seconds_label, text);
}
