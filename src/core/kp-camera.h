/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KP_CAMERA_ERROR (kp_camera_error_quark ())

typedef enum
{
  KP_CAMERA_ERROR_NOT_FOUND,   /* the device is gone or is no camera */
  KP_CAMERA_ERROR_UNSUPPORTED, /* it offers no picture format we can read */
  KP_CAMERA_ERROR_FAILED,      /* it stopped working while in use */
  KP_CAMERA_ERROR_NO_FRAME,    /* not started, or no picture arrived yet */
  KP_CAMERA_ERROR_ENCODE,      /* the still could not be made into a JPEG */
} KpCameraError;

/* A still is made at most this wide, so it stays well under a report's photo limit. */
#define KP_CAMERA_STILL_MAX_WIDTH    1600
#define KP_CAMERA_STILL_JPEG_QUALITY "85"

/*
 * A camera for a photo with a report. start() begins capturing in the
 * camera's own thread and returns at once; the latest frame can then be
 * fetched from any thread (the preview does it about ten times a
 * second). stop() ends the capture and forgets every frame, so nothing of
 * what the camera saw stays in memory after a session.
 */
#define KP_TYPE_CAMERA (kp_camera_get_type ())
G_DECLARE_INTERFACE (KpCamera, kp_camera, KP, CAMERA, GObject)

struct _KpCameraInterface
{
  GTypeInterface parent_iface;

  const char *(*get_name) (KpCamera *self);
  void (*start) (KpCamera *self);
  void (*stop) (KpCamera *self);
  gboolean (*get_running) (KpCamera *self);
  GBytes *(*dup_frame) (KpCamera *self, int *width, int *height, int *stride, GError **error);
};

GQuark kp_camera_error_quark (void);

/*
 * The first video capture device of this computer, or NULL when there is
 * none: a kiosk without a camera asks for no photo. (transfer full) (nullable)
 */
KpCamera *kp_camera_find_default (void);

/* A name for logs and the volunteer: "USB Camera (/dev/video0)". */
const char *kp_camera_get_name (KpCamera *self);
/* Starting a started camera, or stopping a stopped one, does nothing. */
void kp_camera_start (KpCamera *self);
void kp_camera_stop (KpCamera *self);
gboolean kp_camera_get_running (KpCamera *self);
/*
 * The latest frame as packed 8-bit RGB rows of @stride bytes. Fails with
 * KP_CAMERA_ERROR_NO_FRAME until the first frame has arrived, and with
 * another code when the camera stopped working. (transfer full)
 */
GBytes *kp_camera_dup_frame (KpCamera *self, int *width, int *height, int *stride, GError **error);

/*
 * The latest frame as a JPEG (quality 85), scaled down to at most
 * KP_CAMERA_STILL_MAX_WIDTH pixels wide. (transfer full)
 */
GBytes *kp_camera_take_still (KpCamera *self, GError **error);
/* The same in a worker thread, as encoding takes a moment. */
void kp_camera_take_still_async (KpCamera *self,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data);
GBytes *kp_camera_take_still_finish (KpCamera *self, GAsyncResult *result, GError **error);

/* Packed RGB rows as a JPEG, as kp_camera_take_still() makes them. (transfer full) */
GBytes *kp_camera_encode_jpeg (GBytes *rgb, int width, int height, int stride, GError **error);

G_END_DECLS
