/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Looking at a PDF the way a person (or a phone) would: its page size, its
 * text, its pixels and the QR codes on it, through poppler-utils and zbar.
 */

/* Writes @pdf to @dir/@name and returns the path (transfer full). */
char *kp_test_save_pdf (const char *dir, const char *name, GBytes *pdf);
/* The first page's size in millimetres and the number of pages, from pdfinfo. */
void
kp_test_pdf_page_size (const char *pdf_path, double *width_mm, double *height_mm, guint *n_pages);
/* The text of every page, from pdftotext (transfer full). */
char *kp_test_pdf_text (const char *pdf_path);
/*
 * (nullable) (transfer full): the first word printed in @pdf_path that
 * @spoken does not say, or NULL when it says them all. The slip prints its
 * @reference whole ("KP-7H3Q-9MXC"); speech spells it in its groups
 * ("K P, 7 H 3 Q, 9 M X C"), which is what is looked for. Bullets and the
 * punctuation around a word are not words.
 */
char *kp_test_find_unsaid_word (const char *pdf_path, const char *spoken, const char *reference);

/*
 * What zbarimg reads from the first page rasterised at 300 dpi: one line per
 * code found, or "" when it finds none (transfer full).
 */
char *kp_test_pdf_decode_qr (const char *pdf_path);

/* The first page in 8-bit grey: 0 is black, 255 white. */
typedef struct
{
  guint width;
  guint height;
  double dots_per_mm;
  guint8 *pixels;
} KpTestRaster;

void kp_test_raster_clear (KpTestRaster *raster);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KpTestRaster, kp_test_raster_clear)

void kp_test_pdf_rasterize (const char *pdf_path, guint dpi, KpTestRaster *raster);
/* Whether a pixel, or any pixel of a row, is ink rather than paper. */
gboolean kp_test_raster_is_dark (const KpTestRaster *raster, guint x, guint y);
gboolean kp_test_raster_row_has_ink (const KpTestRaster *raster, guint y);
/*
 * The smallest box around the ink in the rows from @top to @bottom
 * (exclusive), in pixels; FALSE when those rows are blank.
 */
gboolean kp_test_raster_ink_box (const KpTestRaster *raster,
                                 guint top,
                                 guint bottom,
                                 guint *left,
                                 guint *right,
                                 guint *ink_top,
                                 guint *ink_bottom);

G_END_DECLS
