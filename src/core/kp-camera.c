/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-camera.h"

#include "kp-v4l2-camera.h"

#include <gdk-pixbuf/gdk-pixbuf.h>

G_DEFINE_INTERFACE (KpCamera, kp_camera, G_TYPE_OBJECT)

static void
kp_camera_default_init (KpCameraInterface *iface)
{
}

GQuark
kp_camera_error_quark (void)
{
  return g_quark_from_static_string ("kp-camera-error-quark");
}

KpCamera *
kp_camera_find_default (void)
{
  return KP_CAMERA (kp_v4l2_camera_find_first ());
}

const char *
kp_camera_get_name (KpCamera *self)
{
  g_return_val_if_fail (KP_IS_CAMERA (self), NULL);

  return KP_CAMERA_GET_IFACE (self)->get_name (self);
}

void
kp_camera_start (KpCamera *self)
{
  g_return_if_fail (KP_IS_CAMERA (self));

  KP_CAMERA_GET_IFACE (self)->start (self);
}

void
kp_camera_stop (KpCamera *self)
{
  g_return_if_fail (KP_IS_CAMERA (self));

  KP_CAMERA_GET_IFACE (self)->stop (self);
}

gboolean
kp_camera_get_running (KpCamera *self)
{
  g_return_val_if_fail (KP_IS_CAMERA (self), FALSE);

  return KP_CAMERA_GET_IFACE (self)->get_running (self);
}

GBytes *
kp_camera_dup_frame (KpCamera *self, int *width, int *height, int *stride, GError **error)
{
  g_return_val_if_fail (KP_IS_CAMERA (self), NULL);
  g_return_val_if_fail (width != NULL && height != NULL && stride != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return KP_CAMERA_GET_IFACE (self)->dup_frame (self, width, height, stride, error);
}

GBytes *
kp_camera_encode_jpeg (GBytes *rgb, int width, int height, int stride, GError **error)
{
  g_autoptr (GdkPixbuf) frame = NULL;
  g_autoptr (GdkPixbuf) scaled = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *jpeg = NULL;
  gsize jpeg_size = 0;

  g_return_val_if_fail (rgb != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0 && stride >= width * 3, NULL);
  /* The last row may be short of a full stride, as gdk-pixbuf leaves it. */
  g_return_val_if_fail (
      g_bytes_get_size (rgb) >= (gsize) stride * (gsize) (height - 1) + (gsize) width * 3, NULL);

  frame = gdk_pixbuf_new_from_bytes (rgb, GDK_COLORSPACE_RGB, FALSE, 8, width, height, stride);
  if (width > KP_CAMERA_STILL_MAX_WIDTH)
    {
      int scaled_height = MAX (1, height * KP_CAMERA_STILL_MAX_WIDTH / width);

      scaled = gdk_pixbuf_scale_simple (frame, KP_CAMERA_STILL_MAX_WIDTH, scaled_height,
                                        GDK_INTERP_BILINEAR);
    }
  if (!gdk_pixbuf_save_to_buffer (scaled != NULL ? scaled : frame, &jpeg, &jpeg_size, "jpeg",
                                  &local_error, "quality", KP_CAMERA_STILL_JPEG_QUALITY, NULL))
    {
      g_set_error (error, KP_CAMERA_ERROR, KP_CAMERA_ERROR_ENCODE, "JPEG: %s",
                   local_error->message);
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&jpeg), jpeg_size);
}

GBytes *
kp_camera_take_still (KpCamera *self, GError **error)
{
  g_autoptr (GBytes) frame = NULL;
  int width, height, stride;

  g_return_val_if_fail (KP_IS_CAMERA (self), NULL);

  frame = kp_camera_dup_frame (self, &width, &height, &stride, error);
  if (frame == NULL)
    return NULL;
  return kp_camera_encode_jpeg (frame, width, height, stride, error);
}

static void
take_still_in_thread (GTask *task,
                      gpointer source_object,
                      gpointer task_data,
                      GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *jpeg = kp_camera_take_still (KP_CAMERA (source_object), &error);

  if (jpeg == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, jpeg, (GDestroyNotify) g_bytes_unref);
}

void
kp_camera_take_still_async (KpCamera *self,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (KP_IS_CAMERA (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kp_camera_take_still_async);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, take_still_in_thread);
}

GBytes *
kp_camera_take_still_finish (KpCamera *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
