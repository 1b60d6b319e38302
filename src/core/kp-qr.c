/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-qr.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <qrencode.h>
#include <string.h>

struct _KpQr
{
  GObject parent_instance;

  QRcode *code;
};

G_DEFINE_FINAL_TYPE (KpQr, kp_qr, G_TYPE_OBJECT)

/* Written out: clang-format would put spaces into the name given to G_DEFINE_QUARK. */
GQuark
kp_qr_error_quark (void)
{
  return g_quark_from_static_string ("kp-qr-error-quark");
}

static void
kp_qr_finalize (GObject *object)
{
  KpQr *self = KP_QR (object);

  g_clear_pointer (&self->code, QRcode_free);

  G_OBJECT_CLASS (kp_qr_parent_class)->finalize (object);
}

static void
kp_qr_class_init (KpQrClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kp_qr_finalize;
}

static void
kp_qr_init (KpQr *self)
{
}

char *
kp_qr_expand_template (const char *url_template, const char *reference)
{
  g_autoptr (GString) payload = NULL;

  g_return_val_if_fail (reference != NULL, NULL);

  if (url_template == NULL)
    return g_strdup (reference);
  payload = g_string_new (url_template);
  g_string_replace (payload, "{reference}", reference, 0);
  return g_string_free (g_steal_pointer (&payload), FALSE);
}

KpQr *
kp_qr_new (const char *payload, GError **error)
{
  g_autoptr (KpQr) self = NULL;
  QRcode *code;

  g_return_val_if_fail (payload != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /*
   * Level M survives a crease or a smudge on a paper slip (15 % of the
   * code), while keeping the modules large enough on an 80 mm receipt.
   */
  code = *payload != '\0' ? QRcode_encodeString (payload, 0, QR_ECLEVEL_M, QR_MODE_8, 1) : NULL;
  if (code == NULL)
    {
      int saved_errno = *payload != '\0' ? errno : EINVAL;

      /* TRANSLATORS: %zu is a number of bytes, the %s the reason */
      g_set_error (error, KP_QR_ERROR, KP_QR_ERROR_ENCODE,
                   _ ("A QR code cannot hold these %zu bytes: %s"), strlen (payload),
                   g_strerror (saved_errno));
      return NULL;
    }
  self = g_object_new (KP_TYPE_QR, NULL);
  self->code = code;
  return g_steal_pointer (&self);
}

guint
kp_qr_get_n_modules (KpQr *self)
{
  g_return_val_if_fail (KP_IS_QR (self), 0);

  return (guint) self->code->width;
}

guint
kp_qr_get_n_modules_with_quiet_zone (KpQr *self)
{
  g_return_val_if_fail (KP_IS_QR (self), 0);

  return (guint) self->code->width + 2 * KP_QR_QUIET_ZONE_MODULES;
}

gboolean
kp_qr_is_dark (KpQr *self, guint x, guint y)
{
  guint width;

  g_return_val_if_fail (KP_IS_QR (self), FALSE);
  width = (guint) self->code->width;
  g_return_val_if_fail (x < width && y < width, FALSE);

  /* libqrencode keeps flags in the other bits; bit 0 is the colour. */
  return (self->code->data[y * width + x] & 1) != 0;
}

void
kp_qr_draw (KpQr *self, cairo_t *cr, double x, double y, double module_size)
{
  guint width;
  double side;

  g_return_if_fail (KP_IS_QR (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (module_size > 0);

  width = (guint) self->code->width;
  side = kp_qr_get_n_modules_with_quiet_zone (self) * module_size;

  cairo_save (cr);
  /* The quiet zone is painted, not assumed: the paper may be coloured. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, side, side);
  cairo_fill (cr);

  /*
   * One path of all dark modules, filled at once with antialiasing off, so
   * neighbouring modules meet without hairline seams a scanner may trip on.
   */
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  for (guint row = 0; row < width; row++)
    {
      for (guint column = 0; column < width; column++)
        {
          if (kp_qr_is_dark (self, column, row))
            cairo_rectangle (cr, x + (column + KP_QR_QUIET_ZONE_MODULES) * module_size,
                             y + (row + KP_QR_QUIET_ZONE_MODULES) * module_size, module_size,
                             module_size);
        }
    }
  cairo_fill (cr);
  cairo_restore (cr);
}
