/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <adwaita.h>

#include "kp-camera.h"

G_BEGIN_DECLS

/*
 * The answer of a form flow's photo step (a custom step): a live preview
 * of the camera with a big "Take photo" button, then the still with "Use
 * this photo" (which answers the step with KP_PHOTO_INPUT_ANSWER through
 * "flow.choose") and "Take it again".
 *
 * The camera runs only while the preview is on screen: it starts when the
 * input is mapped and stops when it is unmapped (the step is left, the
 * flow ends, the session is wiped) and when a still is taken.
 *
 * Widget actions: "photo.take", "photo.use", "photo.again".
 */
#define KP_PHOTO_INPUT_ANSWER "photo"

#define KP_TYPE_PHOTO_INPUT (kp_photo_input_get_type ())
G_DECLARE_FINAL_TYPE (KpPhotoInput, kp_photo_input, KP, PHOTO_INPUT, AdwBin)

GtkWidget *kp_photo_input_new (KpCamera *camera);

/* The JPEG taken, until it is forgotten. (nullable) (transfer none) */
GBytes *kp_photo_input_get_photo (KpPhotoInput *self);
/* Drops the still and goes back to the preview, e.g. when the step is skipped. */
void kp_photo_input_forget (KpPhotoInput *self);

G_END_DECLS
