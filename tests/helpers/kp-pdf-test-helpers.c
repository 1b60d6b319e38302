/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-pdf-test-helpers.h"

#include "kp-reference.h"
#include "kp-test-helpers.h"

#include <stdio.h>
#include <string.h>

#define POINTS_PER_MM (72.0 / 25.4)
/* Grey below this is ink; antialiased edges are half-tones. */
#define INK_THRESHOLD 128

char *
kp_test_save_pdf (const char *dir, const char *name, GBytes *pdf)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (pdf, &size);

  g_file_set_contents (path, data, (gssize) size, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

void
kp_test_pdf_page_size (const char *pdf_path, double *width_mm, double *height_mm, guint *n_pages)
{
  g_auto (KpTestRun) run = { 0 };
  const char *argv[] = { "pdfinfo", pdf_path, NULL };
  const char *size_line;
  const char *pages_line;
  double width = 0, height = 0;

  kp_test_run_argv (&run, argv);
  kp_test_assert_success (&run);
  size_line = strstr (run.out, "Page size:");
  pages_line = strstr (run.out, "Pages:");
  g_assert_nonnull (size_line);
  g_assert_nonnull (pages_line);
  g_assert_cmpint (sscanf (size_line, "Page size: %lf x %lf pts", &width, &height), ==, 2);
  g_assert_cmpint (sscanf (pages_line, "Pages: %u", n_pages), ==, 1);
  *width_mm = width / POINTS_PER_MM;
  *height_mm = height / POINTS_PER_MM;
}

char *
kp_test_pdf_text (const char *pdf_path)
{
  g_auto (KpTestRun) run = { 0 };
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf_path, "-", NULL };

  kp_test_run_argv (&run, argv);
  kp_test_assert_success (&run);
  return g_steal_pointer (&run.out);
}

/* "June," and "(desk" are the words "June" and "desk". (transfer full) */
static char *
strip_punctuation (const char *word)
{
  const char *start = word;
  const char *end = word + strlen (word);

  while (start < end && g_unichar_ispunct (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start && g_unichar_ispunct (g_utf8_get_char (g_utf8_prev_char (end))))
    end = g_utf8_prev_char (end);
  return g_strndup (start, end - start);
}

char *
kp_test_find_unsaid_word (const char *pdf_path, const char *spoken, const char *reference)
{
  g_autofree char *printed = kp_test_pdf_text (pdf_path);
  g_auto (GStrv) words = g_strsplit_set (printed, " \t\n\f", -1);
  g_autofree char *spelled = kp_reference_spell (reference);

  if (strstr (printed, reference) != NULL && strstr (spoken, spelled) == NULL)
    return g_strdup (reference);
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *word = strip_punctuation (words[i]);

      if (*word == '\0' || g_str_equal (word, reference))
        continue;
      if (strstr (spoken, word) == NULL)
        return g_steal_pointer (&word);
    }
  return NULL;
}

/* pdftoppm's first page of @pdf_path at @dpi, as @format ("png", "gray"). (transfer full) */
static char *
render_first_page (const char *pdf_path, guint dpi, const char *format, const char *extension)
{
  g_autofree char *base = g_strdup_printf ("%s-%u-%s", pdf_path, dpi, format);
  g_autofree char *resolution = g_strdup_printf ("%u", dpi);
  g_autofree char *option = g_strdup_printf ("-%s", format);
  g_auto (KpTestRun) run = { 0 };
  const char *argv[]
      = { "pdftoppm", "-r", resolution, option, "-singlefile", "-f", "1", pdf_path, base, NULL };

  kp_test_run_argv (&run, argv);
  kp_test_assert_success (&run);
  return g_strconcat (base, extension, NULL);
}

char *
kp_test_pdf_decode_qr (const char *pdf_path)
{
  g_autofree char *png = render_first_page (pdf_path, 300, "png", ".png");
  g_auto (KpTestRun) run = { 0 };
  const char *argv[] = { "zbarimg", "--nodbus", "--raw", "-q", png, NULL };

  kp_test_run_argv (&run, argv);
  /* zbarimg exits with 4 when it finds no code at all. */
  if (run.status != 4)
    kp_test_assert_success (&run);
  return g_steal_pointer (&run.out);
}

void
kp_test_raster_clear (KpTestRaster *raster)
{
  g_clear_pointer (&raster->pixels, g_free);
}

void
kp_test_pdf_rasterize (const char *pdf_path, guint dpi, KpTestRaster *raster)
{
  g_autofree char *pgm = render_first_page (pdf_path, dpi, "gray", ".pgm");
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  gsize length;
  guint max_value;
  int header_length = 0;

  g_file_get_contents (pgm, &contents, &length, &error);
  g_assert_no_error (error);
  /* pdftoppm writes a binary PGM: "P5\n<width> <height>\n255\n" and the bytes. */
  g_assert_cmpint (sscanf (contents, "P5 %u %u %u%n", &raster->width, &raster->height, &max_value,
                           &header_length),
                   ==, 3);
  g_assert_cmpuint (max_value, ==, 255);
  header_length++;
  g_assert_cmpuint (length - (gsize) header_length, ==, (gsize) raster->width * raster->height);
  raster->pixels = g_memdup2 (contents + header_length, length - (gsize) header_length);
  raster->dots_per_mm = dpi / 25.4;
}

gboolean
kp_test_raster_is_dark (const KpTestRaster *raster, guint x, guint y)
{
  g_assert_cmpuint (x, <, raster->width);
  g_assert_cmpuint (y, <, raster->height);
  return raster->pixels[(gsize) y * raster->width + x] < INK_THRESHOLD;
}

gboolean
kp_test_raster_row_has_ink (const KpTestRaster *raster, guint y)
{
  for (guint x = 0; x < raster->width; x++)
    {
      if (kp_test_raster_is_dark (raster, x, y))
        return TRUE;
    }
  return FALSE;
}

gboolean
kp_test_raster_ink_box (const KpTestRaster *raster,
                        guint top,
                        guint bottom,
                        guint *left,
                        guint *right,
                        guint *ink_top,
                        guint *ink_bottom)
{
  gboolean found = FALSE;

  *left = raster->width;
  *right = 0;
  *ink_top = bottom;
  *ink_bottom = top;
  for (guint y = top; y < bottom; y++)
    {
      for (guint x = 0; x < raster->width; x++)
        {
          if (!kp_test_raster_is_dark (raster, x, y))
            continue;
          found = TRUE;
          *left = MIN (*left, x);
          *right = MAX (*right, x + 1);
          *ink_top = MIN (*ink_top, y);
          *ink_bottom = MAX (*ink_bottom, y + 1);
        }
    }
  return found;
}
