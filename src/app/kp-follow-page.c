/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-follow-page.h"

#include "kp-reference.h"

#include <glib/gi18n.h>

struct _KpFollowPage
{
  AdwBin parent_instance;

  KpConfig *config;
  KpOutbox *outbox;
  GCancellable *cancellable;

  GtkEntry *reference_entry;
  GtkWidget *result_box;
  GtkLabel *result_label;
  GtkLabel *detail_label;
};

G_DEFINE_FINAL_TYPE (KpFollowPage, kp_follow_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_CONFIG,
  PROP_OUTBOX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_result (KpFollowPage *self, const char *message, const char *detail)
{
  gtk_label_set_label (self->result_label, message);
  gtk_label_set_label (self->detail_label, detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), detail != NULL);
  gtk_widget_set_visible (self->result_box, TRUE);
}

/* A person can always get further: a volunteer in the room, or the phone. */
static void
show_ask_for_help (KpFollowPage *self)
{
  g_autofree char *message
      = g_strdup_printf (_ ("Something went wrong. Please ask a volunteer or call %s."),
                         kp_config_get_phone (self->config));

  show_result (self, message, NULL);
}

static void
show_item (KpFollowPage *self, KpOutboxItem *item)
{
  const char *case_id = kp_outbox_item_get_remote_id (item);
  g_autofree char *detail = NULL;

  switch (kp_outbox_item_get_state (item))
    {
      case KP_OUTBOX_STATE_PENDING:
      case KP_OUTBOX_STATE_DELIVERING:
        show_result (self, _ ("We have your report. We will send it to the municipality soon."),
                     NULL);
        break;
      case KP_OUTBOX_STATE_DELIVERED:
        if (case_id != NULL && *case_id != '\0')
          detail = g_strdup_printf (_ ("Case number: %s"), case_id);
        show_result (self, _ ("The municipality has your report."), detail);
        break;
      case KP_OUTBOX_STATE_REJECTED:
      default:
        show_ask_for_help (self);
        break;
    }
}

/* SQLite is disk work: it runs off the UI thread, so the screen never freezes. */
static void
look_up_in_thread (GTask *task,
                   gpointer source_object,
                   gpointer task_data,
                   GCancellable *cancellable)
{
  KpOutbox *outbox = KP_OUTBOX (source_object);
  const char *reference = task_data;
  g_autoptr (GError) error = NULL;
  KpOutboxItem *item = kp_outbox_lookup (outbox, reference, &error);

  if (item == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, item, g_object_unref);
}

static void
on_look_up_done (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpOutboxItem) item = g_task_propagate_pointer (G_TASK (result), &error);
  KpFollowPage *self;

  /* Cancelled means the page is gone (the session ended): touch nothing. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = KP_FOLLOW_PAGE (user_data);
  if (item != NULL)
    show_item (self, item);
  else if (g_error_matches (error, KP_OUTBOX_ERROR, KP_OUTBOX_ERROR_NOT_FOUND))
    show_result (self, _ ("We cannot find this number."), NULL);
  else
    {
      g_message ("Looking up a reference failed: %s", error->message);
      show_ask_for_help (self);
    }
}

static void
look_up (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpFollowPage *self = KP_FOLLOW_PAGE (widget);
  g_autoptr (GError) error = NULL;
  g_autoptr (GTask) task = NULL;
  g_autofree char *reference = NULL;

  reference = kp_reference_normalize (gtk_editable_get_text (GTK_EDITABLE (self->reference_entry)),
                                      &error);
  if (reference == NULL)
    {
      show_result (self, _ ("This number has a typo. Check it and try again."), NULL);
      return;
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  task = g_task_new (self->outbox, self->cancellable, on_look_up_done, self);
  g_task_set_source_tag (task, look_up);
  g_task_set_task_data (task, g_steal_pointer (&reference), g_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, look_up_in_thread);
}

static void
on_entry_activate (KpFollowPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "follow.look-up", NULL);
}

/* An answer about another number would mislead: hide it while typing. */
static void
on_entry_changed (KpFollowPage *self)
{
  gtk_widget_set_visible (self->result_box, FALSE);
}

/* The page has one thing to do: the caret waits in the entry, and the keyboard comes up. */
static void
kp_follow_page_map (GtkWidget *widget)
{
  KpFollowPage *self = KP_FOLLOW_PAGE (widget);

  GTK_WIDGET_CLASS (kp_follow_page_parent_class)->map (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->reference_entry));
}

static void
kp_follow_page_dispose (GObject *object)
{
  KpFollowPage *self = KP_FOLLOW_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->outbox);
  g_clear_object (&self->config);

  G_OBJECT_CLASS (kp_follow_page_parent_class)->dispose (object);
}

static void
kp_follow_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KpFollowPage *self = KP_FOLLOW_PAGE (object);

  switch (prop_id)
    {
      case PROP_CONFIG:
        self->config = g_value_dup_object (value);
        break;
      case PROP_OUTBOX:
        self->outbox = g_value_dup_object (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kp_follow_page_class_init (KpFollowPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kp_follow_page_dispose;
  object_class->set_property = kp_follow_page_set_property;
  widget_class->map = kp_follow_page_map;

  properties[PROP_CONFIG]
      = g_param_spec_object ("config", NULL, NULL, KP_TYPE_CONFIG,
                             G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OUTBOX]
      = g_param_spec_object ("outbox", NULL, NULL, KP_TYPE_OUTBOX,
                             G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/nl/kernpunt/Kernpunt/kp-follow-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KpFollowPage, reference_entry);
  gtk_widget_class_bind_template_child (widget_class, KpFollowPage, result_box);
  gtk_widget_class_bind_template_child (widget_class, KpFollowPage, result_label);
  gtk_widget_class_bind_template_child (widget_class, KpFollowPage, detail_label);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);

  gtk_widget_class_install_action (widget_class, "follow.look-up", NULL, look_up);
}

/* No menus in a kiosk: the entry's right-click / long-press menu stays shut. */
static void
disable_context_menu (GtkEntry *entry)
{
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (entry));

  gtk_widget_action_set_enabled (GTK_WIDGET (text), "menu.popup", FALSE);
}

static void
kp_follow_page_init (KpFollowPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  disable_context_menu (self->reference_entry);
}

GtkWidget *
kp_follow_page_new (KpConfig *config, KpOutbox *outbox)
{
  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);
  g_return_val_if_fail (KP_IS_OUTBOX (outbox), NULL);

  return g_object_new (KP_TYPE_FOLLOW_PAGE, "config", config, "outbox", outbox, NULL);
}
