/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-form-flow.h"

#include "kp-accessible-label.h"
#include "kp-entry-helpers.h"
#include "kp-speech-mode.h"

#include <glib/gi18n.h>

#define CHOICE_COLUMNS    3
#define CHOICE_ICON_SIZE  96
#define SEARCH_MIN_LENGTH 2

/* The widgets of one step's screen; they live in the stack as long as the flow. */
typedef struct
{
  KpFormStep *step;
  GtkWidget *page;
  GtkWidget *entry;         /* entry, text and search steps */
  GtkWidget *counter;       /* text steps: "12 of 1000 characters" */
  GtkWidget *choice_box;    /* choices, yes/no and search steps */
  GtkWidget *nothing_found; /* search steps */
  GtkWidget *explanation_label;
  GtkWidget *error_label;
} StepView;

struct _KpFormFlow
{
  AdwBin parent_instance;

  GPtrArray *steps;    /* of KpFormStep, in the order asked */
  GHashTable *views;   /* step id → StepView */
  KpFormStep *current; /* (nullable): the step on screen */
  gboolean started;
  gboolean changing;     /* came from the check screen through Change */
  char *error;           /* the message on screen, if any */
  guint shown_position;  /* of the screen on show, counted from 1; the check screen last */
  double shown_fraction; /* what the progress bar shows */
  GCancellable *cancellable;
  KpFormFlowSendFunc send_func;
  gpointer send_data;
  GDestroyNotify send_destroy;

  GtkWidget *progress_box;
  GtkLabel *title_label;
  GtkLabel *progress_label;
  GtkProgressBar *progress_bar;
  GtkStack *screens;
  GtkLabel *send_error_label;
  GtkWidget *check_list;
  GtkLabel *check_note_label;
  GtkSpinner *sending_spinner;
  AdwBin *receipt_slot;
  GtkWidget *nav_box;
  GtkWidget *back_button;
  GtkWidget *skip_button;
  GtkWidget *next_button;
  GtkWidget *send_button;
};

G_DEFINE_FINAL_TYPE (KpFormFlow, kp_form_flow, ADW_TYPE_BIN)

static void
step_view_free (StepView *view)
{
  g_signal_handlers_disconnect_by_data (view->step, view);
  g_clear_object (&view->step);
  g_free (view);
}

static void
set_error (KpFormFlow *self, const char *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
}

static gboolean
is_choice_kind (KpFormStep *step)
{
  return kp_form_step_get_kind (step) != KP_FORM_STEP_ENTRY
         && kp_form_step_get_kind (step) != KP_FORM_STEP_TEXT;
}

/* (transfer container): the steps asked, given the answers so far */
static GPtrArray *
list_asked_steps (KpFormFlow *self)
{
  GPtrArray *asked = g_ptr_array_new ();

  for (guint i = 0; i < self->steps->len; i++)
    {
      KpFormStep *step = g_ptr_array_index (self->steps, i);

      if (kp_form_step_is_asked (step))
        g_ptr_array_add (asked, step);
    }
  return asked;
}

static guint
index_of_step (KpFormFlow *self, KpFormStep *step)
{
  guint index = 0;

  g_ptr_array_find (self->steps, step, &index);
  return index;
}

/* (nullable): the next step asked after @step; with @only_open, the next not answered yet */
static KpFormStep *
find_next_step (KpFormFlow *self, KpFormStep *step, gboolean only_open)
{
  for (guint i = index_of_step (self, step) + 1; i < self->steps->len; i++)
    {
      KpFormStep *next = g_ptr_array_index (self->steps, i);

      if (kp_form_step_is_asked (next) && !(only_open && kp_form_step_get_done (next)))
        return next;
    }
  return NULL;
}

/* (nullable) */
static KpFormStep *
find_previous_step (KpFormFlow *self, KpFormStep *step)
{
  for (guint i = index_of_step (self, step); i > 0; i--)
    {
      KpFormStep *previous = g_ptr_array_index (self->steps, i - 1);

      if (kp_form_step_is_asked (previous))
        return previous;
    }
  return NULL;
}

static void
show_step_error (StepView *view, const char *message)
{
  gtk_label_set_label (GTK_LABEL (view->error_label), message != NULL ? message : "");
  gtk_widget_set_visible (view->error_label, message != NULL);
  if (view->entry == NULL)
    return;
  if (message != NULL)
    gtk_widget_add_css_class (view->entry, "error");
  else
    gtk_widget_remove_css_class (view->entry, "error");
  gtk_accessible_update_state (
      GTK_ACCESSIBLE (view->entry), GTK_ACCESSIBLE_STATE_INVALID,
      message != NULL ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);
  /* Heard as it appears, with the question it is about (EN 301 549 5.1.3.15). */
  if (message != NULL)
    kp_speech_mode_announce_error (view->page, kp_form_step_get_question (view->step), message);
}

static void
update_counter (StepView *view)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (view->entry));
  guint max_chars = kp_form_step_get_max_chars (view->step);
  g_autofree char *counter = NULL;

  counter = g_strdup_printf (_ ("%ld of %u characters"), g_utf8_strlen (text, -1), max_chars);
  gtk_label_set_label (GTK_LABEL (view->counter), counter);
}

static GtkWidget *
new_label (const char *text, const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
new_choice_button (StepView *view, const char *id, const char *icon_name, const char *label)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *text = gtk_label_new (label);

  if (icon_name != NULL)
    {
      GtkWidget *image = gtk_image_new_from_icon_name (icon_name);

      gtk_image_set_pixel_size (GTK_IMAGE (image), CHOICE_ICON_SIZE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, "",
                                      -1);
      gtk_box_append (GTK_BOX (box), image);
    }
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_justify (GTK_LABEL (text), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (box), text);
  /* A time "9:10" is read "nine ten" by a speech engine; people say "ten past nine". */
  if (kp_form_step_lookup_choice_spoken (view->step, id) != NULL)
    kp_accessible_label_set (button, kp_form_step_lookup_choice_spoken (view->step, id));
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "choice-tile");
  gtk_widget_set_hexpand (button, TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "flow.choose");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
  if (g_strcmp0 (kp_form_step_get_answer (view->step), id) == 0)
    gtk_widget_add_css_class (button, "chosen");
  return button;
}

/* A search match: its name large, its detail (a postcode, a town) below. */
static GtkWidget *
new_match_button (const char *id, const char *label, const char *detail)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  gtk_box_append (GTK_BOX (box), new_label (label, "match-title"));
  if (detail != NULL)
    gtk_box_append (GTK_BOX (box), new_label (detail, "match-detail"));
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "match-row");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "flow.choose");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
  return button;
}

typedef struct
{
  StepView *view;
  guint n;
} FillContext;

static void
add_choice (const char *id,
            const char *icon_name,
            const char *label,
            const char *detail,
            gpointer user_data)
{
  FillContext *context = user_data;
  StepView *view = context->view;
  GtkWidget *button;

  switch (kp_form_step_get_kind (view->step))
    {
      case KP_FORM_STEP_SEARCH:
        gtk_box_append (GTK_BOX (view->choice_box), new_match_button (id, label, detail));
        break;
      case KP_FORM_STEP_YES_NO:
        button = new_choice_button (view, id, icon_name, label);
        gtk_grid_attach (GTK_GRID (view->choice_box), button, context->n, 0, 1, 1);
        break;
      case KP_FORM_STEP_CHOICES:
      default:
        button = new_choice_button (view, id, icon_name, label);
        gtk_grid_attach (GTK_GRID (view->choice_box), button, context->n % CHOICE_COLUMNS,
                         context->n / CHOICE_COLUMNS, 1, 1);
        break;
    }
  context->n++;
}

static void
remove_children (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_widget_unparent (child);
}

static void
fill_choices (StepView *view)
{
  FillContext context = { view, 0 };

  remove_children (view->choice_box);
  kp_form_step_foreach_choice (view->step, add_choice, &context);
  if (view->nothing_found != NULL)
    {
      const char *query = gtk_editable_get_text (GTK_EDITABLE (view->entry));

      gtk_widget_set_visible (view->nothing_found,
                              context.n == 0 && g_utf8_strlen (query, -1) >= SEARCH_MIN_LENGTH);
    }
}

static void
on_entry_activate (GtkEntry *entry, gpointer user_data)
{
  gtk_widget_activate_action (GTK_WIDGET (entry), "flow.next", NULL);
}

static void
on_text_changed (GtkEditable *editable, StepView *view)
{
  update_counter (view);
}

static void
on_search_changed (GtkEditable *editable, StepView *view)
{
  kp_form_step_search (view->step, gtk_editable_get_text (editable));
}

static GtkWidget *
new_entry (StepView *view)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_input_purpose (GTK_ENTRY (entry), kp_form_step_get_purpose (view->step));
  gtk_widget_set_hexpand (entry, TRUE);
  kp_accessible_label_set (entry, kp_form_step_get_question (view->step));
  kp_entry_helpers_disable_context_menu (GTK_ENTRY (entry));
  return entry;
}

static void
build_input (StepView *view, GtkBox *page)
{
  switch (kp_form_step_get_kind (view->step))
    {
      case KP_FORM_STEP_TEXT:
        view->entry = new_entry (view);
        gtk_entry_set_max_length (GTK_ENTRY (view->entry),
                                  (int) kp_form_step_get_max_chars (view->step));
        view->counter = new_label (NULL, "char-counter");
        g_signal_connect (view->entry, "changed", G_CALLBACK (on_text_changed), view);
        g_signal_connect (view->entry, "activate", G_CALLBACK (on_entry_activate), NULL);
        gtk_box_append (page, view->entry);
        gtk_box_append (page, view->counter);
        update_counter (view);
        break;
      case KP_FORM_STEP_SEARCH:
        view->entry = new_entry (view);
        gtk_widget_add_css_class (view->entry, "search-entry");
        view->choice_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
        view->nothing_found
            = new_label (_ ("Nothing found. Check how you wrote it, or type less."), "form-error");
        gtk_widget_set_visible (view->nothing_found, FALSE);
        g_signal_connect (view->entry, "changed", G_CALLBACK (on_search_changed), view);
        gtk_box_append (page, view->entry);
        gtk_box_append (page, view->nothing_found);
        gtk_box_append (page, view->choice_box);
        break;
      case KP_FORM_STEP_CHOICES:
      case KP_FORM_STEP_YES_NO:
        view->choice_box = gtk_grid_new ();
        gtk_grid_set_row_spacing (GTK_GRID (view->choice_box), 20);
        gtk_grid_set_column_spacing (GTK_GRID (view->choice_box), 20);
        gtk_grid_set_column_homogeneous (GTK_GRID (view->choice_box), TRUE);
        gtk_box_append (page, view->choice_box);
        break;
      case KP_FORM_STEP_CUSTOM:
        gtk_box_append (page, kp_form_step_get_custom_input (view->step));
        break;
      case KP_FORM_STEP_ENTRY:
      default:
        view->entry = new_entry (view);
        g_signal_connect (view->entry, "activate", G_CALLBACK (on_entry_activate), NULL);
        gtk_box_append (page, view->entry);
        break;
    }
}

static void
on_choices_changed (KpFormStep *step, StepView *view)
{
  fill_choices (view);
}

/* An owner may explain later, e.g. why the choices could not be loaded. */
static void
show_explanation (KpFormStep *step, StepView *view)
{
  const char *explanation = kp_form_step_get_explanation (step);

  gtk_label_set_label (GTK_LABEL (view->explanation_label), explanation != NULL ? explanation : "");
  gtk_widget_set_visible (view->explanation_label, explanation != NULL);
}

/*
 * The error sits right under the question's input, so the eye and Read
 * aloud find it next to what has to change.
 */
static StepView *
ensure_step_view (KpFormFlow *self, KpFormStep *step)
{
  StepView *view = g_hash_table_lookup (self->views, kp_form_step_get_id (step));
  GtkWidget *page;

  if (view != NULL)
    return view;

  view = g_new0 (StepView, 1);
  view->step = g_object_ref (step);
  page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 20);
  gtk_widget_add_css_class (page, "form-step");
  gtk_box_append (GTK_BOX (page), new_label (kp_form_step_get_question (step), "title-1"));
  view->explanation_label = new_label (NULL, "body-large");
  gtk_box_append (GTK_BOX (page), view->explanation_label);
  show_explanation (step, view);
  g_signal_connect (step, "explanation-changed", G_CALLBACK (show_explanation), view);
  view->error_label = new_label (NULL, "form-error");
  gtk_widget_set_visible (view->error_label, FALSE);
  build_input (view, GTK_BOX (page));
  gtk_box_append (GTK_BOX (page), view->error_label);
  if (view->choice_box != NULL)
    {
      fill_choices (view);
      g_signal_connect (step, "choices-changed", G_CALLBACK (on_choices_changed), view);
    }

  view->page = page;
  gtk_stack_add_named (self->screens, page, kp_form_step_get_id (step));
  g_hash_table_insert (self->views, g_strdup (kp_form_step_get_id (step)), view);
  return view;
}

/*
 * Answers open steps of their own ("At an address" adds the street and the
 * house number), so any total shown up front would grow under a resident's
 * hands: "Step 1 of 5", then "Step 4 of 7". A total that can only be a
 * guess is not honest, and a jump makes people think they did something
 * wrong. So the words name only the step, which is always true, and the
 * bar estimates from the steps known so far; while the resident goes
 * forward, the bar never moves back. Going back moves it back, as expected.
 */
static void
show_progress (KpFormFlow *self)
{
  g_autoptr (GPtrArray) asked = list_asked_steps (self);
  g_autofree char *progress = NULL;
  guint position = 0;
  double fraction;

  if (self->current != NULL)
    {
      g_ptr_array_find (asked, self->current, &position);
      position++;
      progress = g_strdup_printf (_ ("Step %u"), position);
      fraction = (double) position / (asked->len + 1);
    }
  else
    {
      position = asked->len + 1;
      progress = g_strdup (_ ("Last step: check and send"));
      fraction = (double) asked->len / (asked->len + 1);
    }
  if (position > self->shown_position)
    fraction = MAX (fraction, self->shown_fraction);
  self->shown_position = position;
  self->shown_fraction = fraction;
  gtk_label_set_label (self->progress_label, progress);
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_widget_set_visible (self->progress_box, TRUE);
}

static void
show_buttons (KpFormFlow *self, gboolean on_step)
{
  KpFormStep *step = self->current;

  gtk_widget_set_visible (self->nav_box, TRUE);
  gtk_widget_set_visible (self->skip_button, on_step && kp_form_step_get_optional (step));
  gtk_widget_set_visible (self->next_button,
                          on_step && (!is_choice_kind (step) || kp_form_step_get_done (step)));
  gtk_widget_set_visible (self->send_button, !on_step);
}

static void
focus_input (KpFormFlow *self)
{
  GtkWidget *input = kp_form_flow_get_input (self);

  /* Selecting the text would make the next key replace what the resident typed. */
  if (input != NULL && gtk_widget_get_mapped (input))
    gtk_entry_grab_focus_without_selecting (GTK_ENTRY (input));
}

/*
 * GtkStack would carry a focus it finds in the old screen into the new
 * one, and an entry focused that way selects all its text: the next key
 * would wipe out the answer. The flow places the focus itself.
 */
static void
drop_focus (KpFormFlow *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (root != NULL)
    gtk_root_set_focus (root, NULL);
}

static void
show_step (KpFormFlow *self, KpFormStep *step)
{
  StepView *view;

  kp_form_step_prepare (step);
  view = ensure_step_view (self, step);
  if (kp_form_step_get_kind (step) == KP_FORM_STEP_SEARCH)
    kp_form_step_search (step, gtk_editable_get_text (GTK_EDITABLE (view->entry)));
  else if (view->choice_box != NULL)
    fill_choices (view);

  self->current = step;
  set_error (self, NULL);
  show_step_error (view, NULL);
  drop_focus (self);
  gtk_stack_set_visible_child (self->screens, view->page);
  show_progress (self);
  show_buttons (self, TRUE);
  focus_input (self);
}

static void
add_check_row (KpFormFlow *self, KpFormStep *step)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *change = gtk_button_new_with_label (_ ("Change"));
  g_autofree char *summary = kp_form_step_dup_summary (step);
  g_autofree char *change_label = NULL;
  GtkWidget *value = new_label (summary != NULL ? summary : _ ("Not filled in"), "check-value");

  /* A name or phone number on the check screen is said only into a headset. */
  if (kp_speech_mode_purpose_is_private (kp_form_step_get_purpose (step)))
    kp_speech_mode_mark_private (value);
  gtk_widget_add_css_class (row, "check-row");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts),
                  new_label (kp_form_step_get_summary_label (step), "check-label"));
  gtk_box_append (GTK_BOX (texts), value);
  gtk_box_append (GTK_BOX (row), texts);

  change_label = g_strdup_printf (_ ("Change: %s"), kp_form_step_get_summary_label (step));
  kp_accessible_label_set (change, change_label);
  gtk_widget_set_valign (change, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (change, "change-button");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (change), "flow.change");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (change), "s", kp_form_step_get_id (step));
  gtk_box_append (GTK_BOX (row), change);
  gtk_box_append (GTK_BOX (self->check_list), row);
}

static void
show_check (KpFormFlow *self, const char *send_error)
{
  g_autoptr (GPtrArray) asked = list_asked_steps (self);

  remove_children (self->check_list);
  for (guint i = 0; i < asked->len; i++)
    add_check_row (self, g_ptr_array_index (asked, i));

  self->current = NULL;
  self->changing = FALSE;
  set_error (self, send_error);
  gtk_label_set_label (self->send_error_label, send_error != NULL ? send_error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->send_error_label), send_error != NULL);
  drop_focus (self);
  gtk_stack_set_visible_child_name (self->screens, KP_FORM_FLOW_SCREEN_CHECK);
  show_progress (self);
  show_buttons (self, FALSE);
}

/* After a Change, only the steps that the new answer opened are asked before the check screen. */
static void
advance (KpFormFlow *self)
{
  KpFormStep *next = find_next_step (self, self->current, self->changing);

  if (next != NULL)
    show_step (self, next);
  else
    show_check (self, NULL);
}

static void
commit_answer (KpFormFlow *self, const char *answer)
{
  StepView *view = g_hash_table_lookup (self->views, kp_form_step_get_id (self->current));
  g_autoptr (GError) error = NULL;

  if (!kp_form_step_commit (self->current, answer, &error))
    {
      /* Without an error the owner took care of the answer itself, e.g. by loading again. */
      set_error (self, error != NULL ? error->message : NULL);
      show_step_error (view, error != NULL ? error->message : NULL);
      focus_input (self);
      return;
    }
  advance (self);
}

static void
next_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpFormFlow *self = KP_FORM_FLOW (widget);
  StepView *view;
  g_autofree char *answer = NULL;

  if (self->current == NULL)
    return;
  view = g_hash_table_lookup (self->views, kp_form_step_get_id (self->current));
  if (is_choice_kind (self->current))
    answer = g_strdup (kp_form_step_get_answer (self->current));
  else
    answer = g_strdup (gtk_editable_get_text (GTK_EDITABLE (view->entry)));
  commit_answer (self, answer);
}

static void
choose_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpFormFlow *self = KP_FORM_FLOW (widget);

  if (self->current == NULL || !is_choice_kind (self->current))
    return;
  commit_answer (self, g_variant_get_string (parameter, NULL));
}

/* A skipped question leaves nothing behind: what was typed is cleared too. */
static void
skip_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpFormFlow *self = KP_FORM_FLOW (widget);
  StepView *view;

  if (self->current == NULL || !kp_form_step_get_optional (self->current))
    return;
  view = g_hash_table_lookup (self->views, kp_form_step_get_id (self->current));
  if (view->entry != NULL)
    gtk_editable_set_text (GTK_EDITABLE (view->entry), "");
  commit_answer (self, NULL);
}

static void
back_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpFormFlow *self = KP_FORM_FLOW (widget);
  const char *screen = kp_form_flow_get_screen (self);
  KpFormStep *previous;
  g_autoptr (GPtrArray) asked = NULL;

  if (g_strcmp0 (screen, KP_FORM_FLOW_SCREEN_CHECK) == 0)
    {
      asked = list_asked_steps (self);
      if (asked->len > 0)
        show_step (self, g_ptr_array_index (asked, asked->len - 1));
      return;
    }
  if (self->current == NULL)
    return;
  if (self->changing)
    {
      show_check (self, NULL);
      return;
    }
  previous = find_previous_step (self, self->current);
  if (previous != NULL)
    show_step (self, previous);
  else
    gtk_widget_activate_action (widget, "kiosk.back", NULL);
}

static void
change_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpFormFlow *self = KP_FORM_FLOW (widget);
  KpFormStep *step = kp_form_flow_get_step (self, g_variant_get_string (parameter, NULL));

  if (step == NULL || g_strcmp0 (kp_form_flow_get_screen (self), KP_FORM_FLOW_SCREEN_CHECK) != 0)
    return;
  show_step (self, step);
  self->changing = TRUE;
}

static void
on_sent (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  KpFormFlow *self = KP_FORM_FLOW (source_object);
  g_autoptr (GError) error = NULL;
  g_autoptr (GtkWidget) receipt = g_task_propagate_pointer (G_TASK (result), &error);

  /* Cancelled means the session ended and the flow is going away. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_stop (self->sending_spinner);
  if (receipt == NULL)
    {
      show_check (self, error->message);
      return;
    }
  adw_bin_set_child (self->receipt_slot, receipt);
  gtk_stack_set_visible_child_name (self->screens, KP_FORM_FLOW_SCREEN_RECEIPT);
  gtk_widget_set_visible (self->progress_box, FALSE);
  gtk_widget_set_visible (self->nav_box, FALSE);
}

static void
send_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpFormFlow *self = KP_FORM_FLOW (widget);
  g_autoptr (GTask) task = NULL;
  g_autoptr (GPtrArray) asked = NULL;

  if (self->send_func == NULL
      || g_strcmp0 (kp_form_flow_get_screen (self), KP_FORM_FLOW_SCREEN_CHECK) != 0)
    return;

  /* A question the resident has not answered yet is asked first. */
  asked = list_asked_steps (self);
  for (guint i = 0; i < asked->len; i++)
    {
      KpFormStep *step = g_ptr_array_index (asked, i);

      if (!kp_form_step_get_done (step))
        {
          show_step (self, step);
          return;
        }
    }

  set_error (self, NULL);
  gtk_widget_set_visible (self->nav_box, FALSE);
  gtk_widget_set_visible (self->progress_box, FALSE);
  gtk_spinner_start (self->sending_spinner);
  gtk_stack_set_visible_child_name (self->screens, KP_FORM_FLOW_SCREEN_SENDING);

  task = g_task_new (self, self->cancellable, on_sent, NULL);
  g_task_set_source_tag (task, send_action);
  self->send_func (self, task, self->send_data);
}

static void
kp_form_flow_map (GtkWidget *widget)
{
  KpFormFlow *self = KP_FORM_FLOW (widget);

  GTK_WIDGET_CLASS (kp_form_flow_parent_class)->map (widget);

  if (kp_form_flow_get_screen (self) == NULL)
    kp_form_flow_start (self);
  else
    focus_input (self);
}

/* Taken off the window: the session ended, so sending work still under way is abandoned. */
static void
kp_form_flow_unroot (GtkWidget *widget)
{
  KpFormFlow *self = KP_FORM_FLOW (widget);

  g_cancellable_cancel (self->cancellable);

  GTK_WIDGET_CLASS (kp_form_flow_parent_class)->unroot (widget);
}

static void
kp_form_flow_dispose (GObject *object)
{
  KpFormFlow *self = KP_FORM_FLOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->views, g_hash_table_unref);
  if (self->send_destroy != NULL)
    self->send_destroy (self->send_data);
  self->send_destroy = NULL;
  self->send_func = NULL;

  G_OBJECT_CLASS (kp_form_flow_parent_class)->dispose (object);
}

static void
kp_form_flow_finalize (GObject *object)
{
  KpFormFlow *self = KP_FORM_FLOW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->steps, g_ptr_array_unref);

  G_OBJECT_CLASS (kp_form_flow_parent_class)->finalize (object);
}

static void
kp_form_flow_class_init (KpFormFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kp_form_flow_dispose;
  object_class->finalize = kp_form_flow_finalize;
  widget_class->map = kp_form_flow_map;
  widget_class->unroot = kp_form_flow_unroot;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/nl/kernpunt/Kernpunt/kp-form-flow.ui");
  gtk_widget_class_bind_template_child (widget_class, KpFormFlow, progress_box);
  gtk_widget_class_bind_template_child (widget_class, KpFormFlow, title_label);
  gtk_widget_class_bind_template_child (widget_class, KpFormFlow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, KpFormFlow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, KpFormFlow, screens);
  gtk_widget_class_bind_template_child (widget_class, KpFormFlow, send_error_label);
  gtk_widget_class_bind_template_child (widget_class, KpFormFlow, check_list);
  gtk_widget_class_bind_template_child (widget_class, KpFormFlow, check_note_label);
  gtk_widget_class_bind_template_child (widget_class, KpFormFlow, sending_spinner);
  gtk_widget_class_bind_template_child (widget_class, KpFormFlow, receipt_slot);
  gtk_widget_class_bind_template_child (widget_class, KpFormFlow, nav_box);
  gtk_widget_class_bind_template_child (widget_class, KpFormFlow, back_button);
  gtk_widget_class_bind_template_child (widget_class, KpFormFlow, skip_button);
  gtk_widget_class_bind_template_child (widget_class, KpFormFlow, next_button);
  gtk_widget_class_bind_template_child (widget_class, KpFormFlow, send_button);

  gtk_widget_class_install_action (widget_class, "flow.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "flow.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "flow.skip", NULL, skip_action);
  gtk_widget_class_install_action (widget_class, "flow.choose", "s", choose_action);
  gtk_widget_class_install_action (widget_class, "flow.change", "s", change_action);
  gtk_widget_class_install_action (widget_class, "flow.send", NULL, send_action);
}

static void
kp_form_flow_init (KpFormFlow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->steps = g_ptr_array_new_with_free_func (g_object_unref);
  self->views
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) step_view_free);
  self->cancellable = g_cancellable_new ();
  gtk_button_set_label (GTK_BUTTON (self->send_button), _ ("Send"));
}

GtkWidget *
kp_form_flow_new (const char *title)
{
  KpFormFlow *self;

  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (KP_TYPE_FORM_FLOW, NULL);
  gtk_label_set_label (self->title_label, title);
  return GTK_WIDGET (self);
}

KpFormStep *
kp_form_flow_add_step (KpFormFlow *self, KpFormStep *step)
{
  g_return_val_if_fail (KP_IS_FORM_FLOW (self), NULL);
  g_return_val_if_fail (KP_IS_FORM_STEP (step), NULL);
  g_return_val_if_fail (kp_form_flow_get_step (self, kp_form_step_get_id (step)) == NULL, NULL);
  g_return_val_if_fail (
      gtk_stack_get_child_by_name (self->screens, kp_form_step_get_id (step)) == NULL, NULL);

  g_ptr_array_add (self->steps, step);
  return step;
}

KpFormStep *
kp_form_flow_get_step (KpFormFlow *self, const char *id)
{
  g_return_val_if_fail (KP_IS_FORM_FLOW (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->steps->len; i++)
    {
      KpFormStep *step = g_ptr_array_index (self->steps, i);

      if (g_str_equal (kp_form_step_get_id (step), id))
        return step;
    }
  return NULL;
}

void
kp_form_flow_set_send_func (KpFormFlow *self,
                            const char *send_label,
                            KpFormFlowSendFunc func,
                            gpointer user_data,
                            GDestroyNotify destroy)
{
  g_return_if_fail (KP_IS_FORM_FLOW (self));
  g_return_if_fail (send_label != NULL);

  if (self->send_destroy != NULL)
    self->send_destroy (self->send_data);
  self->send_func = func;
  self->send_data = user_data;
  self->send_destroy = destroy;
  gtk_button_set_label (GTK_BUTTON (self->send_button), send_label);
}

void
kp_form_flow_set_check_note (KpFormFlow *self, const char *note)
{
  g_return_if_fail (KP_IS_FORM_FLOW (self));

  gtk_label_set_label (self->check_note_label, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->check_note_label), note != NULL);
}

void
kp_form_flow_start (KpFormFlow *self)
{
  g_autoptr (GPtrArray) asked = NULL;

  g_return_if_fail (KP_IS_FORM_FLOW (self));

  asked = list_asked_steps (self);
  self->started = TRUE;
  self->changing = FALSE;
  self->shown_position = 0;
  self->shown_fraction = 0;
  if (asked->len > 0)
    show_step (self, g_ptr_array_index (asked, 0));
  else
    show_check (self, NULL);
}

const char *
kp_form_flow_get_screen (KpFormFlow *self)
{
  g_return_val_if_fail (KP_IS_FORM_FLOW (self), NULL);

  if (!self->started)
    return NULL;
  if (self->current != NULL)
    return kp_form_step_get_id (self->current);
  return gtk_stack_get_visible_child_name (self->screens);
}

GtkWidget *
kp_form_flow_get_input (KpFormFlow *self)
{
  StepView *view;

  g_return_val_if_fail (KP_IS_FORM_FLOW (self), NULL);

  if (self->current == NULL)
    return NULL;
  view = g_hash_table_lookup (self->views, kp_form_step_get_id (self->current));
  return view != NULL ? view->entry : NULL;
}

const char *
kp_form_flow_get_error (KpFormFlow *self)
{
  g_return_val_if_fail (KP_IS_FORM_FLOW (self), NULL);

  return self->error;
}
