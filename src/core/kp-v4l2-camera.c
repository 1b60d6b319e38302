/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-v4l2-camera.h"

#include <errno.h>
#include <fcntl.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

/* Ask for a full-HD picture; the driver answers with the nearest it has. */
#define WANTED_WIDTH    1920
#define WANTED_HEIGHT   1080
#define N_BUFFERS       4
#define POLL_TIMEOUT_MS 200
#define MAX_FORMATS     64
#define MAX_DEVICES     64

/*
 * The messages of these errors go to logs only: the screen says in its
 * own words that the camera does not work.
 */

typedef struct
{
  void *start;
  size_t length;
} MappedBuffer;

/* What the capture thread holds; only that thread touches it. */
typedef struct
{
  int fd;
  guint32 format;
  int width;
  int height;
  int bytes_per_line;
  MappedBuffer buffers[N_BUFFERS];
  guint n_buffers;
} Capture;

struct _KpV4l2Camera
{
  GObject parent_instance;

  char *device;
  char *name;
  GThread *thread;   /* (nullable): while running */
  gint stop_request; /* (atomic) */

  GMutex lock; /* guards what follows, shared with the capture thread */
  GBytes *frame;
  int width;
  int height;
  int stride;
  GError *failure;
};

static void kp_v4l2_camera_iface_init (KpCameraInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KpV4l2Camera,
                               kp_v4l2_camera,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KP_TYPE_CAMERA, kp_v4l2_camera_iface_init))

static int
xioctl (int fd, unsigned long request, void *arg)
{
  int result;

  do
    result = ioctl (fd, request, arg);
  while (result == -1 && errno == EINTR);
  return result;
}

static gboolean
set_errno_error (GError **error, KpCameraError code, const char *what)
{
  int saved = errno;

  g_set_error (error, KP_CAMERA_ERROR, code, "%s: %s", what, g_strerror (saved));
  return FALSE;
}

static guint8
clamp_byte (int value)
{
  return (guint8) CLAMP (value, 0, 255);
}

/* BT.601 in video range (Y 16–235), in integers as the V4L2 documentation gives it. */
static void
yuv_to_rgb (int y, int u, int v, guint8 *rgb)
{
  int c = 298 * (y - 16);
  int d = u - 128;
  int e = v - 128;

  rgb[0] = clamp_byte ((c + 409 * e + 128) >> 8);
  rgb[1] = clamp_byte ((c - 100 * d - 208 * e + 128) >> 8);
  rgb[2] = clamp_byte ((c + 516 * d + 128) >> 8);
}

static gboolean
enumerate_formats (int fd, guint32 *formats, gsize *n_formats)
{
  struct v4l2_fmtdesc description = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };

  *n_formats = 0;
  while (*n_formats < MAX_FORMATS && xioctl (fd, VIDIOC_ENUM_FMT, &description) == 0)
    {
      formats[(*n_formats)++] = description.pixelformat;
      description.index++;
    }
  return *n_formats > 0;
}

static gboolean
negotiate_format (Capture *capture, GError **error)
{
  guint32 offered[MAX_FORMATS];
  gsize n_offered;
  struct v4l2_format format = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };

  if (!enumerate_formats (capture->fd, offered, &n_offered))
    return set_errno_error (error, KP_CAMERA_ERROR_UNSUPPORTED, "no picture formats");
  capture->format = kp_v4l2_camera_choose_format (offered, n_offered);
  if (capture->format == 0)
    {
      g_set_error (error, KP_CAMERA_ERROR, KP_CAMERA_ERROR_UNSUPPORTED,
                   "neither YUYV nor MJPEG among %" G_GSIZE_FORMAT " formats", n_offered);
      return FALSE;
    }
  format.fmt.pix.width = WANTED_WIDTH;
  format.fmt.pix.height = WANTED_HEIGHT;
  format.fmt.pix.pixelformat = capture->format;
  format.fmt.pix.field = V4L2_FIELD_NONE;
  if (xioctl (capture->fd, VIDIOC_S_FMT, &format) == -1)
    return set_errno_error (error, KP_CAMERA_ERROR_UNSUPPORTED, "VIDIOC_S_FMT");
  /* The driver may have chosen another format after all. */
  if (format.fmt.pix.pixelformat != capture->format || format.fmt.pix.width % 2 != 0)
    {
      g_set_error (error, KP_CAMERA_ERROR, KP_CAMERA_ERROR_UNSUPPORTED,
                   "the driver changed the format");
      return FALSE;
    }
  capture->width = (int) format.fmt.pix.width;
  capture->height = (int) format.fmt.pix.height;
  capture->bytes_per_line = (int) MAX (format.fmt.pix.bytesperline, format.fmt.pix.width * 2);
  return TRUE;
}

static gboolean
map_buffers (Capture *capture, GError **error)
{
  struct v4l2_requestbuffers request = {
    .count = N_BUFFERS,
    .type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
    .memory = V4L2_MEMORY_MMAP,
  };

  if (xioctl (capture->fd, VIDIOC_REQBUFS, &request) == -1 || request.count == 0)
    return set_errno_error (error, KP_CAMERA_ERROR_UNSUPPORTED, "VIDIOC_REQBUFS");
  for (guint i = 0; i < MIN (request.count, N_BUFFERS); i++)
    {
      struct v4l2_buffer buffer = {
        .type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
        .memory = V4L2_MEMORY_MMAP,
        .index = i,
      };
      void *start;

      if (xioctl (capture->fd, VIDIOC_QUERYBUF, &buffer) == -1)
        return set_errno_error (error, KP_CAMERA_ERROR_FAILED, "VIDIOC_QUERYBUF");
      start = mmap (NULL, buffer.length, PROT_READ | PROT_WRITE, MAP_SHARED, capture->fd,
                    buffer.m.offset);
      if (start == MAP_FAILED)
        return set_errno_error (error, KP_CAMERA_ERROR_FAILED, "mmap");
      capture->buffers[i] = (MappedBuffer){ start, buffer.length };
      capture->n_buffers = i + 1;
      if (xioctl (capture->fd, VIDIOC_QBUF, &buffer) == -1)
        return set_errno_error (error, KP_CAMERA_ERROR_FAILED, "VIDIOC_QBUF");
    }
  return TRUE;
}

static gboolean
open_capture (KpV4l2Camera *self, Capture *capture, GError **error)
{
  enum v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;

  capture->fd = open (self->device, O_RDWR | O_NONBLOCK | O_CLOEXEC);
  if (capture->fd == -1)
    return set_errno_error (error, KP_CAMERA_ERROR_NOT_FOUND, "open");
  if (!negotiate_format (capture, error) || !map_buffers (capture, error))
    return FALSE;
  if (xioctl (capture->fd, VIDIOC_STREAMON, &type) == -1)
    return set_errno_error (error, KP_CAMERA_ERROR_FAILED, "VIDIOC_STREAMON");
  return TRUE;
}

static void
close_capture (Capture *capture)
{
  enum v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;

  if (capture->fd == -1)
    return;
  xioctl (capture->fd, VIDIOC_STREAMOFF, &type);
  for (guint i = 0; i < capture->n_buffers; i++)
    munmap (capture->buffers[i].start, capture->buffers[i].length);
  close (capture->fd);
  capture->fd = -1;
}

static void
publish_frame (KpV4l2Camera *self, GBytes *rgb, int width, int height, int stride)
{
  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->frame, g_bytes_unref);
  self->frame = g_bytes_ref (rgb);
  self->width = width;
  self->height = height;
  self->stride = stride;
  g_mutex_unlock (&self->lock);
}

static gboolean
convert_frame (KpV4l2Camera *self, Capture *capture, const guint8 *data, gsize used)
{
  g_autoptr (GBytes) rgb = NULL;
  g_autoptr (GError) error = NULL;
  int width, height, stride;

  if (capture->format == V4L2_PIX_FMT_MJPEG)
    {
      /* A damaged frame now and then is normal for MJPEG cameras: the next one will do. */
      rgb = kp_v4l2_camera_mjpeg_to_rgb (data, used, &width, &height, &stride, &error);
      if (rgb == NULL)
        return FALSE;
    }
  else
    {
      guint8 *pixels;

      if (used < (gsize) capture->bytes_per_line * (gsize) capture->height)
        return FALSE;
      width = capture->width;
      height = capture->height;
      stride = width * 3;
      pixels = g_malloc ((gsize) stride * (gsize) height);
      kp_v4l2_camera_yuyv_to_rgb (data, capture->bytes_per_line, width, height, pixels, stride);
      rgb = g_bytes_new_take (pixels, (gsize) stride * (gsize) height);
    }
  publish_frame (self, rgb, width, height, stride);
  return TRUE;
}

static gboolean
capture_one (KpV4l2Camera *self, Capture *capture, GError **error)
{
  struct v4l2_buffer buffer = {
    .type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
    .memory = V4L2_MEMORY_MMAP,
  };

  if (xioctl (capture->fd, VIDIOC_DQBUF, &buffer) == -1)
    return errno == EAGAIN || set_errno_error (error, KP_CAMERA_ERROR_FAILED, "VIDIOC_DQBUF");
  if (buffer.index < capture->n_buffers)
    convert_frame (self, capture, capture->buffers[buffer.index].start,
                   MIN (buffer.bytesused, capture->buffers[buffer.index].length));
  if (xioctl (capture->fd, VIDIOC_QBUF, &buffer) == -1)
    return set_errno_error (error, KP_CAMERA_ERROR_FAILED, "VIDIOC_QBUF");
  return TRUE;
}

/* Polls with a timeout, so a stop request is seen within POLL_TIMEOUT_MS. */
static gboolean
run_capture (KpV4l2Camera *self, Capture *capture, GError **error)
{
  while (!g_atomic_int_get (&self->stop_request))
    {
      struct pollfd ready = { .fd = capture->fd, .events = POLLIN };
      int n = poll (&ready, 1, POLL_TIMEOUT_MS);

      if (n == -1 && errno != EINTR)
        return set_errno_error (error, KP_CAMERA_ERROR_FAILED, "poll");
      if (n > 0 && !capture_one (self, capture, error))
        return FALSE;
    }
  return TRUE;
}

static gpointer
capture_thread (gpointer data)
{
  KpV4l2Camera *self = data;
  Capture capture = { .fd = -1 };
  g_autoptr (GError) error = NULL;

  if (!open_capture (self, &capture, &error) || !run_capture (self, &capture, &error))
    {
      g_message ("The camera %s stopped: %s", self->name, error->message);
      g_mutex_lock (&self->lock);
      g_clear_error (&self->failure);
      self->failure = g_steal_pointer (&error);
      g_mutex_unlock (&self->lock);
    }
  close_capture (&capture);
  return NULL;
}

static const char *
kp_v4l2_camera_get_name (KpCamera *camera)
{
  return KP_V4L2_CAMERA (camera)->name;
}

static void
kp_v4l2_camera_start (KpCamera *camera)
{
  KpV4l2Camera *self = KP_V4L2_CAMERA (camera);

  if (self->thread != NULL)
    return;
  g_mutex_lock (&self->lock);
  g_clear_error (&self->failure);
  g_mutex_unlock (&self->lock);
  g_atomic_int_set (&self->stop_request, FALSE);
  self->thread = g_thread_new ("kp-camera", capture_thread, self);
}

/* Waits at most POLL_TIMEOUT_MS for the thread, then forgets every frame. */
static void
kp_v4l2_camera_stop (KpCamera *camera)
{
  KpV4l2Camera *self = KP_V4L2_CAMERA (camera);

  if (self->thread == NULL)
    return;
  g_atomic_int_set (&self->stop_request, TRUE);
  g_clear_pointer (&self->thread, g_thread_join);
  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->frame, g_bytes_unref);
  g_clear_error (&self->failure);
  g_mutex_unlock (&self->lock);
}

static gboolean
kp_v4l2_camera_get_running (KpCamera *camera)
{
  return KP_V4L2_CAMERA (camera)->thread != NULL;
}

static GBytes *
kp_v4l2_camera_dup_frame (KpCamera *camera, int *width, int *height, int *stride, GError **error)
{
  KpV4l2Camera *self = KP_V4L2_CAMERA (camera);
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  if (self->failure != NULL)
    {
      g_propagate_error (error, g_error_copy (self->failure));
      return NULL;
    }
  if (self->frame == NULL)
    {
      g_set_error_literal (error, KP_CAMERA_ERROR, KP_CAMERA_ERROR_NO_FRAME, "no frame yet");
      return NULL;
    }
  *width = self->width;
  *height = self->height;
  *stride = self->stride;
  return g_bytes_ref (self->frame);
}

static void
kp_v4l2_camera_iface_init (KpCameraInterface *iface)
{
  iface->get_name = kp_v4l2_camera_get_name;
  iface->start = kp_v4l2_camera_start;
  iface->stop = kp_v4l2_camera_stop;
  iface->get_running = kp_v4l2_camera_get_running;
  iface->dup_frame = kp_v4l2_camera_dup_frame;
}

static void
kp_v4l2_camera_dispose (GObject *object)
{
  kp_v4l2_camera_stop (KP_CAMERA (object));

  G_OBJECT_CLASS (kp_v4l2_camera_parent_class)->dispose (object);
}

static void
kp_v4l2_camera_finalize (GObject *object)
{
  KpV4l2Camera *self = KP_V4L2_CAMERA (object);

  g_mutex_clear (&self->lock);
  g_free (self->name);
  g_free (self->device);

  G_OBJECT_CLASS (kp_v4l2_camera_parent_class)->finalize (object);
}

static void
kp_v4l2_camera_class_init (KpV4l2CameraClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kp_v4l2_camera_dispose;
  object_class->finalize = kp_v4l2_camera_finalize;
}

static void
kp_v4l2_camera_init (KpV4l2Camera *self)
{
  g_mutex_init (&self->lock);
}

KpV4l2Camera *
kp_v4l2_camera_new (const char *device, GError **error)
{
  struct v4l2_capability capability = { 0 };
  g_autoptr (KpV4l2Camera) self = NULL;
  int fd;
  guint32 caps;

  g_return_val_if_fail (device != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  fd = open (device, O_RDWR | O_NONBLOCK | O_CLOEXEC);
  if (fd == -1)
    return (set_errno_error (error, KP_CAMERA_ERROR_NOT_FOUND, device), NULL);
  if (xioctl (fd, VIDIOC_QUERYCAP, &capability) == -1)
    {
      set_errno_error (error, KP_CAMERA_ERROR_NOT_FOUND, device);
      close (fd);
      return NULL;
    }
  close (fd);
  /* A device with several functions says what this node does in device_caps. */
  caps = (capability.capabilities & V4L2_CAP_DEVICE_CAPS) ? capability.device_caps
                                                          : capability.capabilities;
  if (!(caps & V4L2_CAP_VIDEO_CAPTURE) || !(caps & V4L2_CAP_STREAMING))
    {
      g_set_error (error, KP_CAMERA_ERROR, KP_CAMERA_ERROR_NOT_FOUND, "%s does not capture video",
                   device);
      return NULL;
    }
  self = g_object_new (KP_TYPE_V4L2_CAMERA, NULL);
  self->device = g_strdup (device);
  self->name = g_strdup_printf ("%.32s (%s)", (const char *) capability.card, device);
  return g_steal_pointer (&self);
}

KpV4l2Camera *
kp_v4l2_camera_find_first (void)
{
  for (int number = 0; number < MAX_DEVICES; number++)
    {
      g_autofree char *device = g_strdup_printf ("/dev/video%d", number);
      KpV4l2Camera *camera;

      if (!g_file_test (device, G_FILE_TEST_EXISTS))
        continue;
      camera = kp_v4l2_camera_new (device, NULL);
      if (camera != NULL)
        return camera;
    }
  return NULL;
}

/* YUYV is cheap to convert and never damaged; MJPEG is what many USB cameras offer at full size. */
guint32
kp_v4l2_camera_choose_format (const guint32 *offered, gsize n_offered)
{
  static const guint32 preferred[] = { V4L2_PIX_FMT_YUYV, V4L2_PIX_FMT_MJPEG };

  for (gsize p = 0; p < G_N_ELEMENTS (preferred); p++)
    for (gsize i = 0; i < n_offered; i++)
      if (offered[i] == preferred[p])
        return preferred[p];
  return 0;
}

void
kp_v4l2_camera_yuyv_to_rgb (
    const guint8 *yuyv, int yuyv_stride, int width, int height, guint8 *rgb, int rgb_stride)
{
  g_return_if_fail (width % 2 == 0);

  for (int row = 0; row < height; row++)
    {
      const guint8 *in = yuyv + (gsize) row * (gsize) yuyv_stride;
      guint8 *out = rgb + (gsize) row * (gsize) rgb_stride;

      /* Two pixels share one U and one V: Y0 U Y1 V. */
      for (int x = 0; x < width; x += 2, in += 4, out += 6)
        {
          yuv_to_rgb (in[0], in[1], in[3], out);
          yuv_to_rgb (in[2], in[1], in[3], out + 3);
        }
    }
}

GBytes *
kp_v4l2_camera_mjpeg_to_rgb (
    const guint8 *data, gsize size, int *width, int *height, int *stride, GError **error)
{
  g_autoptr (GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type ("jpeg", NULL);
  g_autoptr (GError) local_error = NULL;
  GdkPixbuf *pixbuf;

  gboolean written;

  if (loader == NULL)
    {
      g_set_error (error, KP_CAMERA_ERROR, KP_CAMERA_ERROR_UNSUPPORTED, "no JPEG loader");
      return NULL;
    }
  /* The loader is closed even after a failed write, as gdk-pixbuf asks. */
  written = gdk_pixbuf_loader_write (loader, data, size, &local_error);
  if (!gdk_pixbuf_loader_close (loader, written ? &local_error : NULL) || !written)
    {
      g_set_error (error, KP_CAMERA_ERROR, KP_CAMERA_ERROR_FAILED, "a damaged MJPEG frame");
      return NULL;
    }
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL || gdk_pixbuf_get_has_alpha (pixbuf)
      || gdk_pixbuf_get_n_channels (pixbuf) != 3)
    {
      g_set_error (error, KP_CAMERA_ERROR, KP_CAMERA_ERROR_FAILED, "an MJPEG frame of no RGB");
      return NULL;
    }
  *width = gdk_pixbuf_get_width (pixbuf);
  *height = gdk_pixbuf_get_height (pixbuf);
  *stride = gdk_pixbuf_get_rowstride (pixbuf);
  return gdk_pixbuf_read_pixel_bytes (pixbuf);
}
