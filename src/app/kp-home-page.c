/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-home-page.h"

#include "kp-accessible-label.h"
#include "kp-topic.h"

#include <glib/gi18n.h>

#define TILE_COLUMNS 3
/* Enough for the longest tile label ("Probleem buiten melden") on two lines. */
#define TILE_LABEL_MIN_CHARS 14
/* Long enough that a resident leaning on the name does not open it by chance. */
#define VOLUNTEER_HOLD_MS 3000

struct _KpHomePage
{
  AdwBin parent_instance;

  KpConfig *config;
  guint hold_source;

  GtkLabel *municipality_label;
  GtkLabel *location_label;
  GtkBox *language_box;
  GtkGrid *tile_grid;
};

G_DEFINE_FINAL_TYPE (KpHomePage, kp_home_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_CONFIG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/*
 * Each language is named in itself, never translated: a resident who does
 * not read the current language must still recognise their own.
 */
static const struct
{
  const char *code;
  const char *native_name;
} language_names[] = {
  { "nl", "Nederlands" },
  { "en", "English" },
};

static const char *
native_language_name (const char *code)
{
  for (gsize i = 0; i < G_N_ELEMENTS (language_names); i++)
    {
      if (g_str_equal (language_names[i].code, code))
        return language_names[i].native_name;
    }
  return code;
}

static GtkWidget *
create_tile (const KpTopic *topic)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 16);
  /* The label says it all; a screen reader need not announce the picture. */
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE, "icon-name", topic->icon_name, "pixel-size", 112,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  GtkWidget *label = gtk_label_new (_ (topic->label));

  /*
   * A wrapping label is measured at its narrowest, one word a line, which
   * made the home screen taller than a 1080-pixel screen. Two lines at most
   * is what the tile needs.
   */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_width_chars (GTK_LABEL (label), TILE_LABEL_MIN_CHARS);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);

  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "tile");
  gtk_widget_set_name (button, topic->id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "kiosk.open");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", topic->id);
  kp_accessible_label_set (button, _ (topic->label));
  return button;
}

static void
fill_tiles (KpHomePage *self)
{
  guint n_topics;
  const KpTopic *topics = kp_topic_get_all (&n_topics);

  for (guint i = 0; i < n_topics; i++)
    gtk_grid_attach (self->tile_grid, create_tile (&topics[i]), (int) (i % TILE_COLUMNS),
                     (int) (i / TILE_COLUMNS), 1, 1);
}

/* Toggle buttons on the window's stateful "kiosk.language" action show the current one. */
static void
fill_languages (KpHomePage *self)
{
  const char *const *languages = kp_config_get_languages (self->config);

  for (gsize i = 0; languages[i] != NULL; i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (native_language_name (languages[i]));

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "kiosk.language");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", languages[i]);
      gtk_widget_add_css_class (button, "language-button");
      gtk_box_append (self->language_box, button);
    }
}

static gboolean
on_name_held (gpointer user_data)
{
  KpHomePage *self = user_data;

  self->hold_source = 0;
  gtk_widget_activate_action (GTK_WIDGET (self), "kiosk.volunteer-pin", NULL);
  return G_SOURCE_REMOVE;
}

static void
on_name_pressed (GtkGestureClick *gesture, int n_press, double x, double y, KpHomePage *self)
{
  g_clear_handle_id (&self->hold_source, g_source_remove);
  self->hold_source = g_timeout_add (VOLUNTEER_HOLD_MS, on_name_held, self);
}

/* Let go, or the press was taken over, before the time: nothing happens. */
static void
on_name_let_go (KpHomePage *self)
{
  g_clear_handle_id (&self->hold_source, g_source_remove);
}

/*
 * The volunteer's hidden way in: holding the municipality's name. A press
 * and a timer rather than GtkGestureLongPress, whose delay cannot be made
 * this long.
 */
static void
add_volunteer_gesture (KpHomePage *self)
{
  GtkGesture *hold = gtk_gesture_click_new ();

  g_signal_connect (hold, "pressed", G_CALLBACK (on_name_pressed), self);
  g_signal_connect_swapped (hold, "released", G_CALLBACK (on_name_let_go), self);
  /* Not "stopped": that comes once the double-click time is over, long before 3 s. */
  g_signal_connect_swapped (hold, "cancel", G_CALLBACK (on_name_let_go), self);
  gtk_widget_add_controller (GTK_WIDGET (self->municipality_label), GTK_EVENT_CONTROLLER (hold));
}

static void
kp_home_page_constructed (GObject *object)
{
  KpHomePage *self = KP_HOME_PAGE (object);

  G_OBJECT_CLASS (kp_home_page_parent_class)->constructed (object);

  gtk_label_set_label (self->municipality_label, kp_config_get_municipality_name (self->config));
  gtk_label_set_label (self->location_label, kp_config_get_location_name (self->config));
  fill_languages (self);
  fill_tiles (self);
  add_volunteer_gesture (self);
}

static void
kp_home_page_dispose (GObject *object)
{
  KpHomePage *self = KP_HOME_PAGE (object);

  g_clear_handle_id (&self->hold_source, g_source_remove);
  g_clear_object (&self->config);

  G_OBJECT_CLASS (kp_home_page_parent_class)->dispose (object);
}

static void
kp_home_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KpHomePage *self = KP_HOME_PAGE (object);

  switch (prop_id)
    {
      case PROP_CONFIG:
        self->config = g_value_dup_object (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kp_home_page_class_init (KpHomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kp_home_page_constructed;
  object_class->dispose = kp_home_page_dispose;
  object_class->set_property = kp_home_page_set_property;

  properties[PROP_CONFIG]
      = g_param_spec_object ("config", NULL, NULL, KP_TYPE_CONFIG,
                             G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/nl/kernpunt/Kernpunt/kp-home-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KpHomePage, municipality_label);
  gtk_widget_class_bind_template_child (widget_class, KpHomePage, location_label);
  gtk_widget_class_bind_template_child (widget_class, KpHomePage, language_box);
  gtk_widget_class_bind_template_child (widget_class, KpHomePage, tile_grid);
}

static void
kp_home_page_init (KpHomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kp_home_page_new (KpConfig *config)
{
  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);

  return g_object_new (KP_TYPE_HOME_PAGE, "config", config, NULL);
}
