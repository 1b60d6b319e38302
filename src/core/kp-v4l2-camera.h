/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include "kp-camera.h"

G_BEGIN_DECLS

/*
 * A KpCamera on a Linux video device, through V4L2 directly: YUYV frames
 * (converted here) or, when the device offers no YUYV, MJPEG frames
 * (decoded by gdk-pixbuf), captured by mmap streaming in a thread.
 *
 * CI machines have no /dev/video*, so only the pure parts below are
 * tested there: the choice of format and the converters.
 */
#define KP_TYPE_V4L2_CAMERA (kp_v4l2_camera_get_type ())
G_DECLARE_FINAL_TYPE (KpV4l2Camera, kp_v4l2_camera, KP, V4L2_CAMERA, GObject)

/* @device is a path such as /dev/video0 that must capture video. (transfer full) */
KpV4l2Camera *kp_v4l2_camera_new (const char *device, GError **error);
/* The first /dev/video* (in number order) that captures video. (transfer full) (nullable) */
KpV4l2Camera *kp_v4l2_camera_find_first (void);

/* Of the V4L2 pixel formats a device offers, the one to use; 0 when none will do. */
guint32 kp_v4l2_camera_choose_format (const guint32 *offered, gsize n_offered);
/* YUYV (BT.601, video range) to packed RGB; @width is even. */
void kp_v4l2_camera_yuyv_to_rgb (
    const guint8 *yuyv, int yuyv_stride, int width, int height, guint8 *rgb, int rgb_stride);
/* One MJPEG frame to packed RGB rows. (transfer full) */
GBytes *kp_v4l2_camera_mjpeg_to_rgb (
    const guint8 *data, gsize size, int *width, int *height, int *stride, GError **error);

G_END_DECLS
