/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include "kp-camera.h"

G_BEGIN_DECLS

/*
 * A KpCamera for tests and screenshots: in its own thread, about 30 times
 * a second, it draws eight coloured bars (white, yellow, cyan, green,
 * magenta, red, blue, black from left to right) over the top seven eighths
 * and the frame's number as sixteen white (1) or black (0) cells, lowest
 * bit first, in the bottom eighth.
 */
#define KP_TYPE_TEST_CAMERA (kp_test_camera_get_type ())
G_DECLARE_FINAL_TYPE (KpTestCamera, kp_test_camera, KP, TEST_CAMERA, GObject)

#define KP_TEST_CAMERA_N_BARS 8

/* @width is a multiple of 16. (transfer full) */
KpTestCamera *kp_test_camera_new (int width, int height);
/* How many frames it drew since it was made. */
guint kp_test_camera_get_n_frames (KpTestCamera *self);

/*
 * Whether a picture (of @n_channels 8-bit channels per pixel, any size)
 * shows the bars, each within a JPEG's error of its colour; when not,
 * @why says which bar is off. (transfer full) for @why
 */
gboolean kp_test_camera_shows_bars (
    const guint8 *pixels, int width, int height, int stride, int n_channels, char **why);
/* The frame number drawn in a picture as above. */
guint kp_test_camera_read_frame_number (
    const guint8 *pixels, int width, int height, int stride, int n_channels);

G_END_DECLS
