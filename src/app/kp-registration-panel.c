/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-registration-panel.h"

#include <glib/gi18n.h>

/* Large targets in a few rows: ten organisations fit two rows, five kinds of help one. */
#define COLUMNS 5

struct _KpRegistrationPanel
{
  AdwBin parent_instance;

  GtkWidget *organisation_buttons[KP_N_ORGANISATIONS];
  GtkWidget *help_grid;
  GtkWidget *saved_label;
  int organisation; /* the one tapped, or -1 */
};

G_DEFINE_FINAL_TYPE (KpRegistrationPanel, kp_registration_panel, ADW_TYPE_BIN)

enum
{
  SIGNAL_REGISTERED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define CHOICE_INDEX "kp-choice-index"

static void
select_organisation (KpRegistrationPanel *self, int organisation)
{
  for (int i = 0; i < KP_N_ORGANISATIONS; i++)
    {
      if (i == organisation)
        gtk_widget_add_css_class (self->organisation_buttons[i], "suggested-action");
      else
        gtk_widget_remove_css_class (self->organisation_buttons[i], "suggested-action");
    }
  self->organisation = organisation;
  /* The help given only means something once the organisation is known. */
  gtk_widget_set_sensitive (self->help_grid, organisation >= 0);
}

static void
on_organisation_clicked (GtkButton *button, KpRegistrationPanel *self)
{
  gtk_widget_set_visible (self->saved_label, FALSE);
  select_organisation (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), CHOICE_INDEX)));
}

static void
on_help_clicked (GtkButton *button, KpRegistrationPanel *self)
{
  int help = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), CHOICE_INDEX));

  g_return_if_fail (self->organisation >= 0);

  g_signal_emit (self, signals[SIGNAL_REGISTERED], 0, self->organisation, help);
  select_organisation (self, -1);
  gtk_widget_set_visible (self->saved_label, TRUE);
}

static GtkWidget *
new_heading (const char *text, const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

/* A button in @grid at @index, which it hands to @on_clicked. (transfer none) */
static GtkWidget *
add_choice (
    KpRegistrationPanel *self, GtkGrid *grid, int index, const char *label, GCallback on_clicked)
{
  GtkWidget *button = gtk_button_new_with_label (label);
  GtkWidget *child = gtk_button_get_child (GTK_BUTTON (button));

  gtk_label_set_wrap (GTK_LABEL (child), TRUE);
  gtk_label_set_justify (GTK_LABEL (child), GTK_JUSTIFY_CENTER);
  gtk_widget_set_hexpand (button, TRUE);
  gtk_widget_add_css_class (button, "choice-button");
  g_object_set_data (G_OBJECT (button), CHOICE_INDEX, GINT_TO_POINTER (index));
  g_signal_connect (button, "clicked", on_clicked, self);
  gtk_grid_attach (grid, button, index % COLUMNS, index / COLUMNS, 1, 1);
  return button;
}

static GtkWidget *
new_grid (void)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_row_spacing (GTK_GRID (grid), 16);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 16);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  return grid;
}

static GtkWidget *
new_back_button (void)
{
  GtkWidget *back = gtk_button_new_with_label (_ ("Back to the volunteer screen"));

  gtk_actionable_set_action_name (GTK_ACTIONABLE (back), "kiosk.volunteer-back");
  gtk_widget_set_halign (back, GTK_ALIGN_START);
  return back;
}

static void
kp_registration_panel_class_init (KpRegistrationPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /* (organisation: KpOrganisation, help: KpHelpGiven) */
  signals[SIGNAL_REGISTERED]
      = g_signal_new ("registered", G_TYPE_FROM_CLASS (object_class), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);
}

static void
kp_registration_panel_init (KpRegistrationPanel *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *organisation_grid = new_grid ();

  gtk_widget_add_css_class (GTK_WIDGET (self), "volunteer-page");
  gtk_widget_add_css_class (box, "page");
  gtk_box_append (GTK_BOX (box), new_back_button ());
  gtk_box_append (GTK_BOX (box), new_heading (_ ("Register a question"), "title-1"));
  gtk_box_append (GTK_BOX (box),
                  new_heading (_ ("1. Which organisation was the question about?"), "title-3"));
  for (int i = 0; i < KP_N_ORGANISATIONS; i++)
    self->organisation_buttons[i] = add_choice (self, GTK_GRID (organisation_grid), i,
                                                kp_organisation_get_label ((KpOrganisation) i),
                                                G_CALLBACK (on_organisation_clicked));
  gtk_box_append (GTK_BOX (box), organisation_grid);

  gtk_box_append (GTK_BOX (box), new_heading (_ ("2. What help did you give?"), "title-3"));
  self->help_grid = new_grid ();
  for (int i = 0; i < KP_N_HELP_GIVEN; i++)
    add_choice (self, GTK_GRID (self->help_grid), i, kp_help_given_get_label ((KpHelpGiven) i),
                G_CALLBACK (on_help_clicked));
  gtk_box_append (GTK_BOX (box), self->help_grid);

  self->saved_label = new_heading (_ ("Saved"), "title-2");
  gtk_widget_set_visible (self->saved_label, FALSE);
  gtk_box_append (GTK_BOX (box), self->saved_label);

  adw_bin_set_child (ADW_BIN (self), box);
  select_organisation (self, -1);
}

GtkWidget *
kp_registration_panel_new (void)
{
  return g_object_new (KP_TYPE_REGISTRATION_PANEL, NULL);
}
