/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-photo-input.h"

#include <glib/gi18n.h>

/* About ten pictures a second: smooth enough to aim, light on a small kiosk computer. */
#define PREVIEW_INTERVAL_MS 100
#define PREVIEW_WIDTH       800
#define PREVIEW_HEIGHT      450

struct _KpPhotoInput
{
  AdwBin parent_instance;

  KpCamera *camera;
  GCancellable *cancellable; /* the still being made */
  GBytes *photo;             /* (nullable): the JPEG taken */
  guint preview_source;

  GtkPicture *picture;
  GtkLabel *message;
  GtkWidget *take_button;
  GtkWidget *still_buttons;
};

G_DEFINE_FINAL_TYPE (KpPhotoInput, kp_photo_input, ADW_TYPE_BIN)

static void
show_message (KpPhotoInput *self, const char *message)
{
  gtk_label_set_label (self->message, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), message != NULL);
}

/* Runs on the main thread; the camera's own thread did the capturing. */
static gboolean
show_latest_frame (gpointer user_data)
{
  KpPhotoInput *self = user_data;
  g_autoptr (GBytes) frame = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (GError) error = NULL;
  int width, height, stride;

  frame = kp_camera_dup_frame (self->camera, &width, &height, &stride, &error);
  if (frame == NULL)
    {
      if (!g_error_matches (error, KP_CAMERA_ERROR, KP_CAMERA_ERROR_NO_FRAME))
        show_message (self, _ ("The camera does not work. You can skip the photo."));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "photo.take", FALSE);
      return G_SOURCE_CONTINUE;
    }
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8, frame, (gsize) stride);
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "photo.take", TRUE);
  return G_SOURCE_CONTINUE;
}

static void
stop_preview (KpPhotoInput *self)
{
  g_clear_handle_id (&self->preview_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->camera != NULL)
    kp_camera_stop (self->camera);
}

static void
start_preview (KpPhotoInput *self)
{
  show_message (self, NULL);
  gtk_picture_set_paintable (self->picture, NULL);
  gtk_widget_set_visible (self->take_button, TRUE);
  gtk_widget_set_visible (self->still_buttons, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "photo.take", FALSE);
  kp_camera_start (self->camera);
  if (self->preview_source == 0)
    self->preview_source = g_timeout_add (PREVIEW_INTERVAL_MS, show_latest_frame, self);
}

static void
show_still (KpPhotoInput *self)
{
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (GError) error = NULL;

  texture = gdk_texture_new_from_bytes (self->photo, &error);
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (self->take_button, FALSE);
  gtk_widget_set_visible (self->still_buttons, TRUE);
}

static void
on_still_taken (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) photo = kp_camera_take_still_finish (KP_CAMERA (source), result, &error);
  KpPhotoInput *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  if (photo == NULL)
    {
      g_message ("No photo: %s", error->message);
      show_message (self, _ ("The photo did not work. Please try again."));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "photo.take", TRUE);
      return;
    }
  /* The still is all that is needed now: the camera stops. */
  stop_preview (self);
  self->photo = g_steal_pointer (&photo);
  show_still (self);
}

static void
take_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpPhotoInput *self = KP_PHOTO_INPUT (widget);

  if (self->cancellable != NULL)
    return;
  gtk_widget_action_set_enabled (widget, "photo.take", FALSE);
  self->cancellable = g_cancellable_new ();
  kp_camera_take_still_async (self->camera, self->cancellable, on_still_taken, self);
}

static void
use_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gtk_widget_activate_action (widget, "flow.choose", "s", KP_PHOTO_INPUT_ANSWER);
}

static void
again_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  kp_photo_input_forget (KP_PHOTO_INPUT (widget));
}

static void
on_map (KpPhotoInput *self)
{
  if (self->photo != NULL)
    show_still (self);
  else
    start_preview (self);
}

static GtkWidget *
new_big_button (const char *label, const char *action, gboolean suggested)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_add_css_class (button, "pill");
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  return button;
}

static void
kp_photo_input_dispose (GObject *object)
{
  KpPhotoInput *self = KP_PHOTO_INPUT (object);

  stop_preview (self);
  g_clear_pointer (&self->photo, g_bytes_unref);
  g_clear_object (&self->camera);

  G_OBJECT_CLASS (kp_photo_input_parent_class)->dispose (object);
}

static void
kp_photo_input_class_init (KpPhotoInputClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = kp_photo_input_dispose;
  gtk_widget_class_install_action (widget_class, "photo.take", NULL, take_action);
  gtk_widget_class_install_action (widget_class, "photo.use", NULL, use_action);
  gtk_widget_class_install_action (widget_class, "photo.again", NULL, again_action);
}

static void
kp_photo_input_init (KpPhotoInput *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  self->picture = GTK_PICTURE (gtk_picture_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->picture), PREVIEW_WIDTH, PREVIEW_HEIGHT);
  gtk_widget_set_halign (GTK_WIDGET (self->picture), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->picture), "photo-preview");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->picture), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("What the camera sees"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->picture));

  self->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->message), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->message), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->message));

  self->take_button = new_big_button (_ ("Take photo"), "photo.take", TRUE);
  gtk_widget_set_halign (self->take_button, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), self->take_button);

  self->still_buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  gtk_widget_set_halign (self->still_buttons, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (self->still_buttons),
                  new_big_button (_ ("Use this photo"), "photo.use", TRUE));
  gtk_box_append (GTK_BOX (self->still_buttons),
                  new_big_button (_ ("Take it again"), "photo.again", FALSE));
  gtk_widget_set_visible (self->still_buttons, FALSE);
  gtk_box_append (GTK_BOX (box), self->still_buttons);

  adw_bin_set_child (ADW_BIN (self), box);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  g_signal_connect (self, "unmap", G_CALLBACK (stop_preview), NULL);
}

GtkWidget *
kp_photo_input_new (KpCamera *camera)
{
  KpPhotoInput *self;

  g_return_val_if_fail (KP_IS_CAMERA (camera), NULL);

  self = g_object_new (KP_TYPE_PHOTO_INPUT, NULL);
  self->camera = g_object_ref (camera);
  return GTK_WIDGET (self);
}

GBytes *
kp_photo_input_get_photo (KpPhotoInput *self)
{
  g_return_val_if_fail (KP_IS_PHOTO_INPUT (self), NULL);

  return self->photo;
}

void
kp_photo_input_forget (KpPhotoInput *self)
{
  g_return_if_fail (KP_IS_PHOTO_INPUT (self));

  g_clear_pointer (&self->photo, g_bytes_unref);
  gtk_picture_set_paintable (self->picture, NULL);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    start_preview (self);
}
