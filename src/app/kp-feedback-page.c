/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-feedback-page.h"

#include "kp-accessible-label.h"
#include "kp-events.h"

struct _KpFeedbackPage
{
  AdwBin parent_instance;

  GtkStack *stack;
  GtkBox *smiley_box;
  GtkGrid *follow_up_grid;
};

G_DEFINE_FINAL_TYPE (KpFeedbackPage, kp_feedback_page, ADW_TYPE_BIN)

enum
{
  SIGNAL_ANSWERED,
  SIGNAL_FOLLOWED_UP,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define FOLLOW_UP_COLUMNS 2

/* By KpSatisfaction, from very unhappy to very happy. No neutral face. */
static const char *const smiley_icons[] = {
  "kp-smiley-very-unhappy",
  "kp-smiley-unhappy",
  "kp-smiley-happy",
  "kp-smiley-very-happy",
};

/* By KpFollowUp; the core stores the code and gives the words. */
static const char *const follow_up_icons[] = {
  "kp-search",
  "kp-feedback-difficult",
  "kp-help",
  "kp-more",
};

/* A big picture with its words below; the words are what Read aloud says. */
static GtkWidget *
create_choice (const char *icon_name, const char *label, int pixel_size)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE, "icon-name", icon_name, "pixel-size", pixel_size,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  GtkWidget *words = gtk_label_new (label);

  gtk_label_set_wrap (GTK_LABEL (words), TRUE);
  gtk_label_set_justify (GTK_LABEL (words), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), words);
  gtk_button_set_child (GTK_BUTTON (button), box);
  kp_accessible_label_set (button, label);
  return button;
}

static void
fill_choices (KpFeedbackPage *self)
{
  for (KpSatisfaction answer = 0; answer < G_N_ELEMENTS (smiley_icons); answer++)
    {
      GtkWidget *button
          = create_choice (smiley_icons[answer], kp_satisfaction_get_label (answer), 160);

      gtk_widget_add_css_class (button, "smiley");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "feedback.answer");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "i", (int) answer);
      gtk_box_append (self->smiley_box, button);
    }
  for (KpFollowUp i = 0; i < G_N_ELEMENTS (follow_up_icons); i++)
    {
      GtkWidget *button = create_choice (follow_up_icons[i], kp_follow_up_get_label (i), 96);

      gtk_widget_add_css_class (button, "tile");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "feedback.follow-up");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "i", (int) i);
      gtk_grid_attach (self->follow_up_grid, button, (int) (i % FOLLOW_UP_COLUMNS),
                       (int) (i / FOLLOW_UP_COLUMNS), 1, 1);
    }
}

/* One answer per question: a second touch of a smiley finds the follow-up already. */
static void
answer_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpFeedbackPage *self = KP_FEEDBACK_PAGE (widget);

  if (!g_str_equal (kp_feedback_page_get_screen (self), KP_FEEDBACK_SCREEN_SMILEYS))
    return;
  gtk_stack_set_visible_child_name (self->stack, KP_FEEDBACK_SCREEN_FOLLOW_UP);
  g_signal_emit (self, signals[SIGNAL_ANSWERED], 0, g_variant_get_int32 (parameter));
}

static void
follow_up_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_FOLLOWED_UP], 0, g_variant_get_int32 (parameter));
}

static void
kp_feedback_page_class_init (KpFeedbackPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[SIGNAL_ANSWERED] = g_signal_new ("answered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[SIGNAL_FOLLOWED_UP]
      = g_signal_new ("followed-up", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/nl/kernpunt/Kernpunt/kp-feedback-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KpFeedbackPage, stack);
  gtk_widget_class_bind_template_child (widget_class, KpFeedbackPage, smiley_box);
  gtk_widget_class_bind_template_child (widget_class, KpFeedbackPage, follow_up_grid);

  gtk_widget_class_install_action (widget_class, "feedback.answer", "i", answer_action);
  gtk_widget_class_install_action (widget_class, "feedback.follow-up", "i", follow_up_action);
}

static void
kp_feedback_page_init (KpFeedbackPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_choices (self);
}

GtkWidget *
kp_feedback_page_new (void)
{
  return g_object_new (KP_TYPE_FEEDBACK_PAGE, NULL);
}

const char *
kp_feedback_page_get_screen (KpFeedbackPage *self)
{
  g_return_val_if_fail (KP_IS_FEEDBACK_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}
