/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-guide-page.h"

#include "kp-accessible-label.h"
#include "kp-entry-helpers.h"
#include "kp-guide-card.h"
#include "kp-window.h"

#define SEARCH_DELAY_MS 150
#define N_BEST_RESULTS  3
#define MAX_RESULTS     10
#define GROUP_COLUMNS   5

struct _KpGuidePage
{
  AdwBin parent_instance;

  KpGuide *guide;
  guint search_timeout_id;

  GtkEntry *search_entry;
  GtkWidget *results_box;
  GtkBox *best_results_box;
  GtkWidget *more_results_box;
  GtkWidget *more_button;
  GtkWidget *no_result_box;
  GtkGrid *group_grid;
};

G_DEFINE_FINAL_TYPE (KpGuidePage, kp_guide_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_GUIDE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
remove_all_children (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

static void
clear_results (KpGuidePage *self)
{
  remove_all_children (GTK_WIDGET (self->best_results_box));
  remove_all_children (self->more_results_box);
  gtk_widget_set_visible (self->more_results_box, FALSE);
  gtk_widget_set_visible (self->more_button, FALSE);
  gtk_widget_set_visible (self->results_box, FALSE);
  gtk_widget_set_visible (self->no_result_box, FALSE);
}

/* The best few as cards at once; the rest wait behind "More results". */
static void
show_hits (KpGuidePage *self, GPtrArray *hits)
{
  for (guint i = 0; i < hits->len; i++)
    {
      const KpGuideHit *hit = g_ptr_array_index (hits, i);
      KpGuideTopic *topic = kp_guide_lookup_topic (self->guide, hit->slug);
      GtkWidget *box
          = i < N_BEST_RESULTS ? GTK_WIDGET (self->best_results_box) : self->more_results_box;

      if (topic != NULL)
        gtk_box_append (GTK_BOX (box), kp_guide_card_new (topic));
    }
  gtk_widget_set_visible (self->more_button, hits->len > N_BEST_RESULTS);
  gtk_widget_set_visible (self->results_box, hits->len > 0);
  gtk_widget_set_visible (self->no_result_box, hits->len == 0);
}

/*
 * The index answers in well under a millisecond (about 0.06 ms for a
 * five-word query with typos on the build machine), and its prepared
 * statements belong to one thread; so it runs here, on the main thread.
 */
static void
search (KpGuidePage *self)
{
  g_autofree char *query
      = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  g_autoptr (GPtrArray) hits = NULL;
  g_autoptr (GError) error = NULL;

  g_clear_handle_id (&self->search_timeout_id, g_source_remove);
  clear_results (self);
  if (*query == '\0')
    return;

  /* The untrimmed text: a trailing space tells the index the last word is finished. */
  hits = kp_guide_index_search (kp_guide_get_index (self->guide),
                                gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                MAX_RESULTS, &error);
  if (hits == NULL)
    {
      /* Only the error class: what a resident typed is theirs, not the log's. */
      g_message ("The guide search failed: %s %d", g_quark_to_string (error->domain), error->code);
      hits = g_ptr_array_new ();
    }
  /* The counts keep only the dictionary words of it (see KpEvents). */
  if (hits->len == 0)
    kp_window_record_event_for (GTK_WIDGET (self), KP_EVENT_SEARCH_NO_RESULT, query);
  show_hits (self, hits);
}

static gboolean
on_search_timeout (gpointer user_data)
{
  KpGuidePage *self = KP_GUIDE_PAGE (user_data);

  self->search_timeout_id = 0;
  search (self);
  return G_SOURCE_REMOVE;
}

/* Each key restarts the wait, so results settle once the resident pauses. */
static void
on_search_changed (KpGuidePage *self)
{
  g_clear_handle_id (&self->search_timeout_id, g_source_remove);
  self->search_timeout_id = g_timeout_add (SEARCH_DELAY_MS, on_search_timeout, self);
}

/*
 * Enter means "I am done typing": the focus leaves the entry, so the
 * keyboard goes down and the results and the themes come into view.
 */
static void
on_search_activate (KpGuidePage *self)
{
  GtkWidget *first_card;

  search (self);
  first_card = gtk_widget_get_first_child (GTK_WIDGET (self->best_results_box));
  if (first_card != NULL)
    gtk_widget_grab_focus (first_card);
  else
    gtk_widget_grab_focus (gtk_widget_get_first_child (GTK_WIDGET (self->group_grid)));
}

static void
more_results_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpGuidePage *self = KP_GUIDE_PAGE (widget);

  gtk_widget_set_visible (self->more_results_box, TRUE);
  gtk_widget_set_visible (self->more_button, FALSE);
  /* The first new card takes the focus, so a keyboard user goes on where the list grew. */
  gtk_widget_grab_focus (gtk_widget_get_first_child (self->more_results_box));
}

static GtkWidget *
create_group_tile (const KpGuideGroup *group)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *icon
      = g_object_new (GTK_TYPE_IMAGE, "icon-name", kp_guide_card_get_icon_name (group->pictogram),
                      "pixel-size", 96, "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  GtkWidget *label = gtk_label_new (group->title);
  g_autofree char *page_name = g_strconcat ("group:", group->id, NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);

  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "tile");
  gtk_widget_add_css_class (button, "group-tile");
  gtk_widget_set_name (button, group->id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "kiosk.open");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", page_name);
  kp_accessible_label_set (button, group->title);
  return button;
}

static void
fill_groups (KpGuidePage *self)
{
  GPtrArray *groups = kp_guide_get_groups (self->guide);

  for (guint i = 0; i < groups->len; i++)
    gtk_grid_attach (self->group_grid, create_group_tile (g_ptr_array_index (groups, i)),
                     (int) (i % GROUP_COLUMNS), (int) (i / GROUP_COLUMNS), 1, 1);
}

/* Typing is the quickest way for most: the caret waits in the entry and the keyboard comes up. */
static void
kp_guide_page_map (GtkWidget *widget)
{
  KpGuidePage *self = KP_GUIDE_PAGE (widget);

  GTK_WIDGET_CLASS (kp_guide_page_parent_class)->map (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
kp_guide_page_constructed (GObject *object)
{
  KpGuidePage *self = KP_GUIDE_PAGE (object);

  G_OBJECT_CLASS (kp_guide_page_parent_class)->constructed (object);

  fill_groups (self);
}

static void
kp_guide_page_dispose (GObject *object)
{
  KpGuidePage *self = KP_GUIDE_PAGE (object);

  g_clear_handle_id (&self->search_timeout_id, g_source_remove);
  g_clear_object (&self->guide);

  G_OBJECT_CLASS (kp_guide_page_parent_class)->dispose (object);
}

static void
kp_guide_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KpGuidePage *self = KP_GUIDE_PAGE (object);

  switch (prop_id)
    {
      case PROP_GUIDE:
        self->guide = g_value_dup_object (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kp_guide_page_class_init (KpGuidePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kp_guide_page_constructed;
  object_class->dispose = kp_guide_page_dispose;
  object_class->set_property = kp_guide_page_set_property;
  widget_class->map = kp_guide_page_map;

  properties[PROP_GUIDE]
      = g_param_spec_object ("guide", NULL, NULL, KP_TYPE_GUIDE,
                             G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/nl/kernpunt/Kernpunt/kp-guide-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KpGuidePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KpGuidePage, results_box);
  gtk_widget_class_bind_template_child (widget_class, KpGuidePage, best_results_box);
  gtk_widget_class_bind_template_child (widget_class, KpGuidePage, more_results_box);
  gtk_widget_class_bind_template_child (widget_class, KpGuidePage, more_button);
  gtk_widget_class_bind_template_child (widget_class, KpGuidePage, no_result_box);
  gtk_widget_class_bind_template_child (widget_class, KpGuidePage, group_grid);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);

  gtk_widget_class_install_action (widget_class, "guide.more-results", NULL, more_results_action);
}

static void
kp_guide_page_init (KpGuidePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  kp_entry_helpers_disable_context_menu (self->search_entry);
}

GtkWidget *
kp_guide_page_new (KpGuide *guide)
{
  g_return_val_if_fail (KP_IS_GUIDE (guide), NULL);

  return g_object_new (KP_TYPE_GUIDE_PAGE, "guide", guide, NULL);
}
