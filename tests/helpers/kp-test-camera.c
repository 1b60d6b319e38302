/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-test-camera.h"

#include <stdlib.h>

#define FRAME_INTERVAL_US (G_USEC_PER_SEC / 30)
#define N_COUNTER_CELLS   16
/* JPEG at quality 85 and a downscale blur the edges: colours are sampled mid-bar, loosely. */
#define COLOUR_TOLERANCE 48

static const guint8 bar_colours[KP_TEST_CAMERA_N_BARS][3] = {
  { 255, 255, 255 }, { 255, 255, 0 }, { 0, 255, 255 }, { 0, 255, 0 },
  { 255, 0, 255 },   { 255, 0, 0 },   { 0, 0, 255 },   { 0, 0, 0 },
};

struct _KpTestCamera
{
  GObject parent_instance;

  int width;
  int height;
  GThread *thread;   /* (nullable): while running */
  gint stop_request; /* (atomic) */
  guint n_frames;    /* (atomic) */

  GMutex lock; /* guards frame */
  GBytes *frame;
};

static void kp_test_camera_iface_init (KpCameraInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KpTestCamera,
                               kp_test_camera,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KP_TYPE_CAMERA, kp_test_camera_iface_init))

static void
fill (guint8 *pixel, const guint8 *colour)
{
  pixel[0] = colour[0];
  pixel[1] = colour[1];
  pixel[2] = colour[2];
}

static GBytes *
draw_frame (KpTestCamera *self, guint number)
{
  static const guint8 white[3] = { 255, 255, 255 };
  static const guint8 black[3] = { 0, 0, 0 };
  int stride = self->width * 3;
  int bars_height = self->height * 7 / 8;
  guint8 *pixels = g_malloc ((gsize) stride * (gsize) self->height);

  for (int y = 0; y < self->height; y++)
    for (int x = 0; x < self->width; x++)
      {
        guint8 *pixel = pixels + (gsize) y * (gsize) stride + (gsize) x * 3;

        if (y < bars_height)
          fill (pixel, bar_colours[x * KP_TEST_CAMERA_N_BARS / self->width]);
        else
          fill (pixel, (number >> (x * N_COUNTER_CELLS / self->width)) & 1 ? white : black);
      }
  return g_bytes_new_take (pixels, (gsize) stride * (gsize) self->height);
}

static gpointer
draw_thread (gpointer data)
{
  KpTestCamera *self = data;

  while (!g_atomic_int_get (&self->stop_request))
    {
      g_autoptr (GBytes) frame = draw_frame (self, (guint) g_atomic_int_get (&self->n_frames));

      g_mutex_lock (&self->lock);
      g_clear_pointer (&self->frame, g_bytes_unref);
      self->frame = g_steal_pointer (&frame);
      g_mutex_unlock (&self->lock);
      g_atomic_int_inc (&self->n_frames);
      g_usleep (FRAME_INTERVAL_US);
    }
  return NULL;
}

static const char *
kp_test_camera_get_name (KpCamera *camera)
{
  return "Test camera";
}

static void
kp_test_camera_start (KpCamera *camera)
{
  KpTestCamera *self = KP_TEST_CAMERA (camera);

  if (self->thread != NULL)
    return;
  g_atomic_int_set (&self->stop_request, FALSE);
  self->thread = g_thread_new ("kp-test-camera", draw_thread, self);
}

static void
kp_test_camera_stop (KpCamera *camera)
{
  KpTestCamera *self = KP_TEST_CAMERA (camera);

  if (self->thread == NULL)
    return;
  g_atomic_int_set (&self->stop_request, TRUE);
  g_clear_pointer (&self->thread, g_thread_join);
  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->frame, g_bytes_unref);
  g_mutex_unlock (&self->lock);
}

static gboolean
kp_test_camera_get_running (KpCamera *camera)
{
  return KP_TEST_CAMERA (camera)->thread != NULL;
}

static GBytes *
kp_test_camera_dup_frame (KpCamera *camera, int *width, int *height, int *stride, GError **error)
{
  KpTestCamera *self = KP_TEST_CAMERA (camera);
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  if (self->frame == NULL)
    {
      g_set_error_literal (error, KP_CAMERA_ERROR, KP_CAMERA_ERROR_NO_FRAME, "no frame yet");
      return NULL;
    }
  *width = self->width;
  *height = self->height;
  *stride = self->width * 3;
  return g_bytes_ref (self->frame);
}

static void
kp_test_camera_iface_init (KpCameraInterface *iface)
{
  iface->get_name = kp_test_camera_get_name;
  iface->start = kp_test_camera_start;
  iface->stop = kp_test_camera_stop;
  iface->get_running = kp_test_camera_get_running;
  iface->dup_frame = kp_test_camera_dup_frame;
}

static void
kp_test_camera_dispose (GObject *object)
{
  kp_test_camera_stop (KP_CAMERA (object));

  G_OBJECT_CLASS (kp_test_camera_parent_class)->dispose (object);
}

static void
kp_test_camera_finalize (GObject *object)
{
  g_mutex_clear (&KP_TEST_CAMERA (object)->lock);

  G_OBJECT_CLASS (kp_test_camera_parent_class)->finalize (object);
}

static void
kp_test_camera_class_init (KpTestCameraClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kp_test_camera_dispose;
  object_class->finalize = kp_test_camera_finalize;
}

static void
kp_test_camera_init (KpTestCamera *self)
{
  g_mutex_init (&self->lock);
}

KpTestCamera *
kp_test_camera_new (int width, int height)
{
  KpTestCamera *self;

  g_return_val_if_fail (width > 0 && width % N_COUNTER_CELLS == 0 && height >= 8, NULL);

  self = g_object_new (KP_TYPE_TEST_CAMERA, NULL);
  self->width = width;
  self->height = height;
  return self;
}

guint
kp_test_camera_get_n_frames (KpTestCamera *self)
{
  g_return_val_if_fail (KP_IS_TEST_CAMERA (self), 0);

  return (guint) g_atomic_int_get (&self->n_frames);
}

static const guint8 *
pixel_at (const guint8 *pixels, int stride, int n_channels, int x, int y)
{
  return pixels + (gsize) y * (gsize) stride + (gsize) x * (gsize) n_channels;
}

gboolean
kp_test_camera_shows_bars (
    const guint8 *pixels, int width, int height, int stride, int n_channels, char **why)
{
  int y = height * 7 / 16;

  for (int bar = 0; bar < KP_TEST_CAMERA_N_BARS; bar++)
    {
      int x = (2 * bar + 1) * width / (2 * KP_TEST_CAMERA_N_BARS);
      const guint8 *pixel = pixel_at (pixels, stride, n_channels, x, y);

      for (int c = 0; c < 3; c++)
        if (abs (pixel[c] - bar_colours[bar][c]) > COLOUR_TOLERANCE)
          {
            *why = g_strdup_printf ("bar %d at (%d, %d) is #%02x%02x%02x, not #%02x%02x%02x", bar,
                                    x, y, pixel[0], pixel[1], pixel[2], bar_colours[bar][0],
                                    bar_colours[bar][1], bar_colours[bar][2]);
            return FALSE;
          }
    }
  *why = NULL;
  return TRUE;
}

guint
kp_test_camera_read_frame_number (
    const guint8 *pixels, int width, int height, int stride, int n_channels)
{
  int y = height * 15 / 16;
  guint number = 0;

  for (int cell = 0; cell < N_COUNTER_CELLS; cell++)
    {
      int x = (2 * cell + 1) * width / (2 * N_COUNTER_CELLS);

      if (pixel_at (pixels, stride, n_channels, x, y)[1] > 128)
        number |= 1u << cell;
    }
  return number;
}
