/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-page-bar.h"

struct _KpPageBar
{
  AdwBin parent_instance;

  GtkWidget *back_button;
  GtkWidget *home_button;
};

G_DEFINE_FINAL_TYPE (KpPageBar, kp_page_bar, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_SHOW_NAVIGATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kp_page_bar_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KpPageBar *self = KP_PAGE_BAR (object);

  switch (prop_id)
    {
      case PROP_SHOW_NAVIGATION:
        g_value_set_boolean (value, kp_page_bar_get_show_navigation (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kp_page_bar_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KpPageBar *self = KP_PAGE_BAR (object);

  switch (prop_id)
    {
      case PROP_SHOW_NAVIGATION:
        kp_page_bar_set_show_navigation (self, g_value_get_boolean (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kp_page_bar_class_init (KpPageBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = kp_page_bar_get_property;
  object_class->set_property = kp_page_bar_set_property;

  properties[PROP_SHOW_NAVIGATION]
      = g_param_spec_boolean ("show-navigation", NULL, NULL, TRUE,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/nl/kernpunt/Kernpunt/kp-page-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, KpPageBar, back_button);
  gtk_widget_class_bind_template_child (widget_class, KpPageBar, home_button);
}

static void
kp_page_bar_init (KpPageBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kp_page_bar_new (void)
{
  return g_object_new (KP_TYPE_PAGE_BAR, NULL);
}

void
kp_page_bar_set_show_navigation (KpPageBar *self, gboolean show_navigation)
{
  g_return_if_fail (KP_IS_PAGE_BAR (self));

  show_navigation = !!show_navigation;
  if (kp_page_bar_get_show_navigation (self) == show_navigation)
    return;

  gtk_widget_set_visible (self->back_button, show_navigation);
  gtk_widget_set_visible (self->home_button, show_navigation);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_NAVIGATION]);
}

gboolean
kp_page_bar_get_show_navigation (KpPageBar *self)
{
  g_return_val_if_fail (KP_IS_PAGE_BAR (self), FALSE);

  return gtk_widget_get_visible (self->back_button);
}
