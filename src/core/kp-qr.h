/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

G_BEGIN_DECLS

/*
 * A QR code (libqrencode, error correction level M) and how to draw it with
 * cairo as plain rectangles, with the four-module quiet zone the standard
 * asks for so scanners find the code's edge.
 */

#define KP_QR_QUIET_ZONE_MODULES 4

#define KP_QR_ERROR (kp_qr_error_quark ())

typedef enum
{
  KP_QR_ERROR_ENCODE, /* empty, or too long for a QR code */
} KpQrError;

#define KP_TYPE_QR (kp_qr_get_type ())
G_DECLARE_FINAL_TYPE (KpQr, kp_qr, KP, QR, GObject)

GQuark kp_qr_error_quark (void);

/*
 * The payload for a slip's QR code: @url_template with every "{reference}"
 * replaced by @reference. A NULL template means the reference alone.
 * (transfer full)
 */
char *kp_qr_expand_template (const char *url_template, const char *reference);

/* (transfer full) */
KpQr *kp_qr_new (const char *payload, GError **error);

/* Modules per side of the symbol itself, without the quiet zone. */
guint kp_qr_get_n_modules (KpQr *self);
/* Modules per side including the quiet zone on both sides. */
guint kp_qr_get_n_modules_with_quiet_zone (KpQr *self);
gboolean kp_qr_is_dark (KpQr *self, guint x, guint y);

/*
 * Draws the code with its quiet zone (white) at @x, @y in user units, each
 * module @module_size units wide. Dark modules are filled black.
 */
void kp_qr_draw (KpQr *self, cairo_t *cr, double x, double y, double module_size);

G_END_DECLS
