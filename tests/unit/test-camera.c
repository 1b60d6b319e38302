/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-camera.h"
#include "kp-config.h"
#include "kp-report.h"
#include "kp-test-camera.h"
#include "kp-test-helpers.h"
#include "kp-v4l2-camera.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <linux/videodev2.h>

/*
 * The V4L2 capture itself needs a /dev/video* device, which CI machines do
 * not have; its pure parts (the format choice, the converters) are tested
 * here, and the still and the photo step run on KpTestCamera.
 */

#define FIRST_FRAME_TIMEOUT_MS 2000

typedef struct
{
  guint8 y0, u, y1, v;
  guint8 rgb0[3];
  guint8 rgb1[3];
} YuyvCase;

/* Worked out by hand with the BT.601 video-range formulas of kp-v4l2-camera.c. */
static const YuyvCase yuyv_cases[] = {
  { 16, 128, 16, 128, { 0, 0, 0 }, { 0, 0, 0 } },               /* black */
  { 235, 128, 235, 128, { 255, 255, 255 }, { 255, 255, 255 } }, /* white */
  { 126, 128, 16, 128, { 128, 128, 128 }, { 0, 0, 0 } },        /* grey, black */
  { 81, 90, 81, 240, { 255, 0, 0 }, { 255, 0, 0 } },            /* red */
  { 145, 54, 145, 34, { 0, 255, 1 }, { 0, 255, 1 } },           /* green */
  { 41, 240, 41, 110, { 0, 0, 255 }, { 0, 0, 255 } },           /* blue */
  { 0, 128, 255, 128, { 0, 0, 0 }, { 255, 255, 255 } },         /* out of range: clamped */
};

static void
test_yuyv_to_rgb (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (yuyv_cases); i++)
    {
      const YuyvCase *c = &yuyv_cases[i];
      const guint8 yuyv[4] = { c->y0, c->u, c->y1, c->v };
      guint8 rgb[6] = { 0 };

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      kp_v4l2_camera_yuyv_to_rgb (yuyv, 4, 2, 1, rgb, 6);
      g_assert_cmpmem (rgb, 3, c->rgb0, 3);
      g_assert_cmpmem (rgb + 3, 3, c->rgb1, 3);
    }
}

/* Rows padded past their pixels, as drivers do: the padding is skipped, not read as pixels. */
static void
test_yuyv_strides (void)
{
  const guint8 yuyv[2 * 8]
      = { 235, 128, 235, 128, 99, 99, 99, 99, 16, 128, 16, 128, 99, 99, 99, 99 };
  const guint8 expected[2 * 9]
      = { 255, 255, 255, 255, 255, 255, 7, 7, 7, 0, 0, 0, 0, 0, 0, 7, 7, 7 };
  guint8 rgb[2 * 9];

  memset (rgb, 7, sizeof rgb);
  kp_v4l2_camera_yuyv_to_rgb (yuyv, 8, 2, 2, rgb, 9);
  g_assert_cmpmem (rgb, sizeof rgb, expected, sizeof expected);
}

static void
test_choose_format (void)
{
  static const guint32 yuyv_and_mjpeg[] = { V4L2_PIX_FMT_MJPEG, V4L2_PIX_FMT_YUYV };
  static const guint32 mjpeg_only[] = { V4L2_PIX_FMT_H264, V4L2_PIX_FMT_MJPEG };
  static const guint32 neither[] = { V4L2_PIX_FMT_H264, V4L2_PIX_FMT_NV12 };
  static const struct
  {
    const guint32 *offered;
    gsize n_offered;
    guint32 expected;
  } cases[] = {
    { yuyv_and_mjpeg, G_N_ELEMENTS (yuyv_and_mjpeg), V4L2_PIX_FMT_YUYV },
    { mjpeg_only, G_N_ELEMENTS (mjpeg_only), V4L2_PIX_FMT_MJPEG },
    { neither, G_N_ELEMENTS (neither), 0 },
    { NULL, 0, 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmphex (kp_v4l2_camera_choose_format (cases[i].offered, cases[i].n_offered), ==,
                     cases[i].expected);
}

static gboolean
has_frame (KpCamera *camera)
{
  gint64 deadline = g_get_monotonic_time () + FIRST_FRAME_TIMEOUT_MS * 1000;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr (GBytes) frame = NULL;
      int width, height, stride;

      frame = kp_camera_dup_frame (camera, &width, &height, &stride, NULL);
      if (frame != NULL)
        return TRUE;
      g_usleep (10000);
    }
  return FALSE;
}

/* (transfer full) */
static GdkPixbuf *
decode_jpeg (GBytes *jpeg)
{
  g_autoptr (GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type ("jpeg", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (loader);
  g_assert_true (gdk_pixbuf_loader_write_bytes (loader, jpeg, &error));
  g_assert_true (gdk_pixbuf_loader_close (loader, &error));
  g_assert_no_error (error);
  return g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
}

static void
assert_shows_bars (GdkPixbuf *picture)
{
  g_autofree char *why = NULL;

  if (!kp_test_camera_shows_bars (gdk_pixbuf_read_pixels (picture), gdk_pixbuf_get_width (picture),
                                  gdk_pixbuf_get_height (picture),
                                  gdk_pixbuf_get_rowstride (picture),
                                  gdk_pixbuf_get_n_channels (picture), &why))
    g_error ("The picture does not show the test pattern: %s", why);
}

static void
test_still (void)
{
  static const struct
  {
    int camera_width, camera_height;
    int still_width, still_height;
  } cases[] = {
    { 640, 480, 640, 480 },
    { 1600, 1200, 1600, 1200 },
    { 1920, 1080, 1600, 900 },
    { 3840, 2160, 1600, 900 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (KpTestCamera) camera
          = kp_test_camera_new (cases[i].camera_width, cases[i].camera_height);
      g_autoptr (KpConfig) config = kp_config_new_default ();
      g_autoptr (KpReport) report = kp_report_new (config);
      g_autoptr (GBytes) jpeg = NULL;
      g_autoptr (GdkPixbuf) picture = NULL;
      g_autoptr (GError) error = NULL;

      g_test_message ("%dx%d", cases[i].camera_width, cases[i].camera_height);
      kp_camera_start (KP_CAMERA (camera));
      g_assert_true (has_frame (KP_CAMERA (camera)));
      jpeg = kp_camera_take_still (KP_CAMERA (camera), &error);
      g_assert_no_error (error);
      kp_camera_stop (KP_CAMERA (camera));

      picture = decode_jpeg (jpeg);
      g_assert_cmpint (gdk_pixbuf_get_width (picture), ==, cases[i].still_width);
      g_assert_cmpint (gdk_pixbuf_get_height (picture), ==, cases[i].still_height);
      assert_shows_bars (picture);
      /* Well under the report's limit, and taken by it as a JPEG photo. */
      g_assert_cmpuint (g_bytes_get_size (jpeg), <, KP_REPORT_PHOTO_MAX_BYTES / 4);
      g_assert_true (kp_report_set_photo (report, jpeg, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (kp_attachment_get_content_type (kp_report_get_photo (report)), ==,
                       "image/jpeg");
      g_clear_object (&report);
      g_assert_finalize_object (g_steal_pointer (&camera));
    }
}

/* No still without a frame: before the start, and after the stop, which forgets the frames. */
static void
test_no_frame_no_still (void)
{
  g_autoptr (KpTestCamera) camera = kp_test_camera_new (320, 240);
  g_autoptr (GBytes) jpeg = NULL;
  g_autoptr (GError) error = NULL;
  guint n_frames;

  jpeg = kp_camera_take_still (KP_CAMERA (camera), &error);
  g_assert_error (error, KP_CAMERA_ERROR, KP_CAMERA_ERROR_NO_FRAME);
  g_assert_null (jpeg);
  g_clear_error (&error);

  kp_camera_start (KP_CAMERA (camera));
  g_assert_true (kp_camera_get_running (KP_CAMERA (camera)));
  g_assert_true (has_frame (KP_CAMERA (camera)));
  kp_camera_stop (KP_CAMERA (camera));
  g_assert_false (kp_camera_get_running (KP_CAMERA (camera)));
  n_frames = kp_test_camera_get_n_frames (camera);
  g_assert_cmpuint (n_frames, >, 0);

  jpeg = kp_camera_take_still (KP_CAMERA (camera), &error);
  g_assert_error (error, KP_CAMERA_ERROR, KP_CAMERA_ERROR_NO_FRAME);
  g_assert_null (jpeg);
  /* Stopped means stopped: no more frames are drawn. */
  g_usleep (100000);
  g_assert_cmpuint (kp_test_camera_get_n_frames (camera), ==, n_frames);
  g_assert_finalize_object (g_steal_pointer (&camera));
}

/* An MJPEG frame is a JPEG: the one the still makes decodes to the same bars. */
static void
test_mjpeg_to_rgb (void)
{
  g_autoptr (KpTestCamera) camera = kp_test_camera_new (640, 480);
  g_autoptr (GBytes) jpeg = NULL;
  g_autoptr (GBytes) rgb = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *why = NULL;
  const guint8 *data;
  gsize size;
  int width, height, stride;

  kp_camera_start (KP_CAMERA (camera));
  g_assert_true (has_frame (KP_CAMERA (camera)));
  jpeg = kp_camera_take_still (KP_CAMERA (camera), &error);
  g_assert_no_error (error);
  kp_camera_stop (KP_CAMERA (camera));

  data = g_bytes_get_data (jpeg, &size);
  rgb = kp_v4l2_camera_mjpeg_to_rgb (data, size, &width, &height, &stride, &error);
  g_assert_no_error (error);
  g_assert_cmpint (width, ==, 640);
  g_assert_cmpint (height, ==, 480);
  g_assert_true (
      kp_test_camera_shows_bars (g_bytes_get_data (rgb, NULL), width, height, stride, 3, &why));

  /* A frame cut off after its header is refused, not shown half. */
  g_clear_pointer (&rgb, g_bytes_unref);
  rgb = kp_v4l2_camera_mjpeg_to_rgb (data, 100, &width, &height, &stride, &error);
  g_assert_error (error, KP_CAMERA_ERROR, KP_CAMERA_ERROR_FAILED);
  g_assert_null (rgb);
}

/* The JPEG of a frame shows its number: frames are really new, not one picture over again. */
static void
test_frames_move_on (void)
{
  g_autoptr (KpTestCamera) camera = kp_test_camera_new (320, 240);
  guint seen[2];

  kp_camera_start (KP_CAMERA (camera));
  for (guint i = 0; i < G_N_ELEMENTS (seen); i++)
    {
      g_autoptr (GBytes) jpeg = NULL;
      g_autoptr (GdkPixbuf) picture = NULL;
      g_autoptr (GError) error = NULL;

      g_assert_true (has_frame (KP_CAMERA (camera)));
      jpeg = kp_camera_take_still (KP_CAMERA (camera), &error);
      g_assert_no_error (error);
      picture = decode_jpeg (jpeg);
      seen[i] = kp_test_camera_read_frame_number (
          gdk_pixbuf_read_pixels (picture), gdk_pixbuf_get_width (picture),
          gdk_pixbuf_get_height (picture), gdk_pixbuf_get_rowstride (picture),
          gdk_pixbuf_get_n_channels (picture));
      g_usleep (200000);
    }
  kp_camera_stop (KP_CAMERA (camera));
  g_assert_cmpuint (seen[1], >, seen[0]);
  g_assert_cmpuint (seen[1], <, kp_test_camera_get_n_frames (camera));
}

/* Something that is no camera is refused, with our error domain. */
static void
test_v4l2_not_a_camera (void)
{
  static const char *const devices[] = { "/dev/null", "/nonexistent/video0" };

  for (gsize i = 0; i < G_N_ELEMENTS (devices); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (KpV4l2Camera) camera = kp_v4l2_camera_new (devices[i], &error);

      g_assert_error (error, KP_CAMERA_ERROR, KP_CAMERA_ERROR_NOT_FOUND);
      g_assert_null (camera);
    }
}

int
main (int argc, char **argv)
{
  g_autofree char *home = NULL;

  g_test_init (&argc, &argv, NULL);
  home = kp_test_init_home ();

  g_test_add_func ("/camera/yuyv-to-rgb", test_yuyv_to_rgb);
  g_test_add_func ("/camera/yuyv-strides", test_yuyv_strides);
  g_test_add_func ("/camera/choose-format", test_choose_format);
  g_test_add_func ("/camera/still", test_still);
  g_test_add_func ("/camera/no-frame-no-still", test_no_frame_no_still);
  g_test_add_func ("/camera/mjpeg-to-rgb", test_mjpeg_to_rgb);
  g_test_add_func ("/camera/frames-move-on", test_frames_move_on);
  g_test_add_func ("/camera/v4l2-not-a-camera", test_v4l2_not_a_camera);
  return g_test_run ();
}
