/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-pdf-test-helpers.h"
#include "kp-qr.h"
#include "kp-slip.h"
#include "kp-test-helpers.h"

#include <string.h>

#define REFERENCE "KP-7H3Q-9MXC"
/* The receipt's and A4's side margins, as the slip draws them. */
#define RECEIPT_MARGIN_MM 5.0
#define A4_MARGIN_MM      20.0

static char *work_dir;

/* A slip as the appointments page would make it, in one language. */
typedef struct
{
  const char *language;
  const char *title;
  const char *labels[3];
  const char *values[3];
  const char *bring[2];
  /* The slip's own words, from gettext, and the other language's that must not show. */
  const char *own_words[2];
  const char *foreign_words[2];
} SlipCase;

static const SlipCase slip_cases[] = {
  {
      "en",
      "Appointment",
      { "What", "When", "Where" },
      { "Apply for a passport", "Tuesday 4 June, 10:30", "Town hall, desk 3" },
      { "Your old passport", "A passport photo" },
      { "Your reference", "What to bring" },
      { "Uw nummer", "Wat neemt u mee?" },
  },
  {
      "nl",
      "Afspraak",
      { "Wat", "Wanneer", "Waar" },
      { "Paspoort aanvragen", "dinsdag 4 juni, 10:30", "Gemeentehuis, balie 3" },
      { "Uw oude paspoort", "Een pasfoto" },
      { "Uw nummer", "Wat neemt u mee?" },
      { "Your reference", "What to bring" },
  },
};

static KpSlip *
make_slip (const SlipCase *c)
{
  KpSlip *slip = kp_slip_new (c->title, REFERENCE);

  kp_slip_set_place (slip, "Gemeente Lindeveen", "Bibliotheek De Linde");
  for (guint i = 0; i < G_N_ELEMENTS (c->labels); i++)
    kp_slip_add_line (slip, c->labels[i], c->values[i]);
  for (guint i = 0; i < G_N_ELEMENTS (c->bring); i++)
    kp_slip_add_bring_item (slip, c->bring[i]);
  return slip;
}

/* Renders @slip and saves it under a name of its own (transfer full). */
static char *
render_to_file (KpSlip *slip, KpSlipLayout layout, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) pdf = kp_slip_render_pdf (slip, layout, &error);
  g_autofree char *file_name
      = g_strdup_printf ("%s-%s.pdf", name, kp_slip_layout_to_string (layout));

  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  return kp_test_save_pdf (work_dir, file_name, pdf);
}

/* How far from the bottom of the page the lowest ink is, in mm. */
static double
bottom_space_mm (const char *pdf_path)
{
  g_auto (KpTestRaster) raster = { 0 };
  guint y;

  kp_test_pdf_rasterize (pdf_path, 150, &raster);
  for (y = raster.height; y > 0 && !kp_test_raster_row_has_ink (&raster, y - 1); y--)
    ;
  g_assert_cmpuint (y, >, 0);
  return (raster.height - y) / raster.dots_per_mm;
}

static void
test_layout_page_sizes (void)
{
  static const struct
  {
    KpSlipLayout layout;
    double width_mm;
    double height_mm; /* 0: as long as the content */
  } cases[] = {
    { KP_SLIP_LAYOUT_RECEIPT, 80, 0 },
    { KP_SLIP_LAYOUT_A4, 210, 297 },
  };
  g_autoptr (KpSlip) slip = make_slip (&slip_cases[0]);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = render_to_file (slip, cases[i].layout, "size");
      double width, height;
      guint n_pages;

      kp_test_pdf_page_size (path, &width, &height, &n_pages);
      g_assert_cmpuint (n_pages, ==, 1);
      g_assert_cmpfloat_with_epsilon (width, cases[i].width_mm, 0.1);
      if (cases[i].height_mm > 0)
        g_assert_cmpfloat_with_epsilon (height, cases[i].height_mm, 0.1);
    }
  g_assert_finalize_object (g_steal_pointer (&slip));
}

/*
 * A receipt is cut where the content ends: more lines make it longer, and
 * below the QR code and its quiet zone there is just the margin, not
 * metres of blank paper.
 */
static void
test_receipt_fits_content (void)
{
  g_autoptr (KpSlip) short_slip = make_slip (&slip_cases[0]);
  g_autoptr (KpSlip) long_slip = make_slip (&slip_cases[0]);
  g_autoptr (GError) error = NULL;
  g_autofree char *short_path = NULL;
  g_autofree char *long_path = NULL;
  double quiet_zone_mm = KP_QR_QUIET_ZONE_MODULES
                         * kp_slip_get_qr_module_mm (short_slip, KP_SLIP_LAYOUT_RECEIPT, &error);
  double width, short_height, long_height;
  guint n_pages;

  g_assert_no_error (error);
  for (guint i = 0; i < 10; i++)
    kp_slip_add_line (long_slip, "Note", "One more line to make the slip longer");
  short_path = render_to_file (short_slip, KP_SLIP_LAYOUT_RECEIPT, "short");
  long_path = render_to_file (long_slip, KP_SLIP_LAYOUT_RECEIPT, "long");

  kp_test_pdf_page_size (short_path, &width, &short_height, &n_pages);
  kp_test_pdf_page_size (long_path, &width, &long_height, &n_pages);
  g_test_message ("receipt heights: %.1f mm and %.1f mm", short_height, long_height);
  g_assert_cmpfloat (short_height, >, 100);
  g_assert_cmpfloat (long_height, >, short_height + 10 * 5);
  for (guint i = 0; i < 2; i++)
    {
      double space = bottom_space_mm (i == 0 ? short_path : long_path);

      g_assert_cmpfloat (space, >=, RECEIPT_MARGIN_MM + quiet_zone_mm - 0.5);
      g_assert_cmpfloat (space, <=, RECEIPT_MARGIN_MM + quiet_zone_mm + 1);
    }
  g_assert_finalize_object (g_steal_pointer (&short_slip));
  g_assert_finalize_object (g_steal_pointer (&long_slip));
}

/* A slip too long for one A4 page goes on to the next, losing nothing. */
static void
test_a4_continues (void)
{
  g_autoptr (KpSlip) slip = make_slip (&slip_cases[0]);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  double width, height;
  guint n_pages;

  for (guint i = 1; i <= 40; i++)
    {
      g_autofree char *value = g_strdup_printf ("Line %u of a long slip", i);

      kp_slip_add_line (slip, "Note", value);
    }
  path = render_to_file (slip, KP_SLIP_LAYOUT_A4, "long-a4");
  kp_test_pdf_page_size (path, &width, &height, &n_pages);
  g_assert_cmpuint (n_pages, >=, 2);
  g_assert_cmpfloat_with_epsilon (height, 297, 0.1);
  text = kp_test_pdf_text (path);
  kp_test_assert_contains (text, "Line 1 of a long slip");
  kp_test_assert_contains (text, "Line 40 of a long slip");
  kp_test_assert_contains (text, REFERENCE);
  g_assert_finalize_object (g_steal_pointer (&slip));
}

/* The text a person reads, in the session's language, on both layouts. */
static void
test_text_in_language (gconstpointer data)
{
  const SlipCase *c = data;
  g_autoptr (KpSlip) slip = make_slip (c);

  kp_test_set_language (c->language);
  for (KpSlipLayout layout = KP_SLIP_LAYOUT_RECEIPT; layout <= KP_SLIP_LAYOUT_A4; layout++)
    {
      g_autofree char *path = render_to_file (slip, layout, c->language);
      g_autofree char *text = kp_test_pdf_text (path);

      kp_test_assert_contains (text, REFERENCE);
      kp_test_assert_contains (text, c->title);
      kp_test_assert_contains (text, "Gemeente Lindeveen");
      kp_test_assert_contains (text, "Bibliotheek De Linde");
      for (guint i = 0; i < G_N_ELEMENTS (c->labels); i++)
        {
          kp_test_assert_contains (text, c->labels[i]);
          kp_test_assert_contains (text, c->values[i]);
        }
      for (guint i = 0; i < G_N_ELEMENTS (c->bring); i++)
        kp_test_assert_contains (text, c->bring[i]);
      for (guint i = 0; i < G_N_ELEMENTS (c->own_words); i++)
        {
          kp_test_assert_contains (text, c->own_words[i]);
          g_assert_null (strstr (text, c->foreign_words[i]));
        }
    }
  kp_test_set_language ("en");
  g_assert_finalize_object (g_steal_pointer (&slip));
}

/*
 * What the confirmation screen says holds every word the slip prints
 * (EN 301 549 5.1.3.16), the reference spelled in its groups.
 */
static void
test_spoken_holds_printed (gconstpointer data)
{
  const SlipCase *c = data;
  g_autoptr (KpSlip) slip = make_slip (c);
  g_autofree char *spoken = NULL;
  g_autofree char *path = NULL;
  g_autofree char *unsaid = NULL;

  kp_test_set_language (c->language);
  spoken = kp_slip_dup_spoken_text (slip, TRUE);
  path = render_to_file (slip, KP_SLIP_LAYOUT_A4, "spoken");
  unsaid = kp_test_find_unsaid_word (path, spoken, REFERENCE);
  if (unsaid != NULL)
    g_error ("“%s” is printed but not in “%s”", unsaid, spoken);
  kp_test_assert_contains (spoken, "K P, 7 H 3 Q, 9 M X C");
  kp_test_set_language ("en");
}

/*
 * On the loudspeaker, a private line and the reference are named, not
 * said; the comparison with the paper notices what is missing.
 */
static void
test_spoken_keeps_private_lines (void)
{
  g_autoptr (KpSlip) slip = kp_slip_new ("Call-back request", REFERENCE);
  g_autofree char *spoken = NULL;
  g_autofree char *path = NULL;
  g_autofree char *unsaid = NULL;

  kp_test_set_language ("en");
  kp_slip_add_line (slip, "About", "rent allowance");
  kp_slip_add_private_line (slip, "Phone", "0612345678");
  g_assert_false (kp_slip_get_line_is_private (slip, 0));
  g_assert_true (kp_slip_get_line_is_private (slip, 1));
  spoken = kp_slip_dup_spoken_text (slip, FALSE);
  kp_test_assert_contains (spoken, "About: rent allowance.");
  kp_test_assert_contains (spoken, "Phone: not said on the loudspeaker.");
  kp_test_assert_contains (spoken, "Your reference: not said on the loudspeaker.");
  g_assert_null (strstr (spoken, "0612345678"));
  g_assert_null (strstr (spoken, "7 H 3 Q"));
  path = render_to_file (slip, KP_SLIP_LAYOUT_A4, "private");
  unsaid = kp_test_find_unsaid_word (path, spoken, REFERENCE);
  g_assert_nonnull (unsaid);
}

/* Without anything to bring, there is no empty "What to bring" heading. */
static void
test_no_bring_list (void)
{
  g_autoptr (KpSlip) slip = kp_slip_new ("Report received", REFERENCE);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  kp_test_set_language ("en");
  kp_slip_add_line (slip, "What", "Broken street light");
  path = render_to_file (slip, KP_SLIP_LAYOUT_RECEIPT, "no-bring");
  text = kp_test_pdf_text (path);
  kp_test_assert_contains (text, "Broken street light");
  g_assert_null (strstr (text, "What to bring"));
  g_assert_cmpstr (kp_slip_get_bring_items (slip)[0], ==, NULL);
  g_assert_finalize_object (g_steal_pointer (&slip));
}

/*
 * A name far longer than a line, with and without spaces, wraps: there is
 * no ink in the side margins, and the whole name is still there.
 */
static void
test_long_text_wraps (void)
{
  static const char *const names[] = {
    "Wilhelmina Jacoba Maria Theodora van Oranje-Nassau tot Lindeveen en Omstreken",
    "Jacobadochterschapsvereniging-Lindeveensestraatwegbewonersbelangencommissie",
  };
  static const struct
  {
    KpSlipLayout layout;
    double margin_mm;
  } layouts[] = {
    { KP_SLIP_LAYOUT_RECEIPT, RECEIPT_MARGIN_MM },
    { KP_SLIP_LAYOUT_A4, A4_MARGIN_MM },
  };
  g_autoptr (KpSlip) slip = kp_slip_new ("Appointment", REFERENCE);

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    kp_slip_add_line (slip, "Name", names[i]);
  for (gsize l = 0; l < G_N_ELEMENTS (layouts); l++)
    {
      g_autofree char *path = render_to_file (slip, layouts[l].layout, "long-name");
      g_autofree char *text = kp_test_pdf_text (path);
      g_auto (KpTestRaster) raster = { 0 };
      guint left, right, top, bottom;
      double tolerance_mm = 0.5;

      /* pdftotext joins a word broken after a hyphen and drops the hyphen; so do we. */
      for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_auto (GStrv) text_words = g_strsplit_set (text, " \n-", -1);
          g_auto (GStrv) name_words = g_strsplit_set (names[i], " -", -1);
          g_autofree char *joined_text = g_strjoinv ("", text_words);
          g_autofree char *joined_name = g_strjoinv ("", name_words);

          kp_test_assert_contains (joined_text, joined_name);
        }
      kp_test_pdf_rasterize (path, 150, &raster);
      g_assert_true (
          kp_test_raster_ink_box (&raster, 0, raster.height, &left, &right, &top, &bottom));
      g_assert_cmpfloat (left / raster.dots_per_mm, >=, layouts[l].margin_mm - tolerance_mm);
      g_assert_cmpfloat ((raster.width - right) / raster.dots_per_mm, >=,
                         layouts[l].margin_mm - tolerance_mm);
    }
  g_assert_finalize_object (g_steal_pointer (&slip));
}

typedef struct
{
  KpSlipLayout layout;
  const char *url_template; /* NULL: the default, the reference alone */
  const char *payload;
} QrCase;

static const QrCase qr_cases[] = {
  { KP_SLIP_LAYOUT_RECEIPT, NULL, REFERENCE },
  { KP_SLIP_LAYOUT_A4, NULL, REFERENCE },
  { KP_SLIP_LAYOUT_RECEIPT, "https://www.lindeveen.nl/afspraak?ref={reference}",
    "https://www.lindeveen.nl/afspraak?ref=" REFERENCE },
  { KP_SLIP_LAYOUT_A4, "https://www.lindeveen.nl/afspraak?ref={reference}",
    "https://www.lindeveen.nl/afspraak?ref=" REFERENCE },
};

/* Whether the pixels in the box from @x0,@y0 to @x1,@y1 (exclusive) are all paper. */
static gboolean
raster_box_is_blank (const KpTestRaster *raster, double x0, double y0, double x1, double y1)
{
  for (guint y = (guint) MAX (y0, 0); y < (guint) MIN (y1, raster->height); y++)
    {
      for (guint x = (guint) MAX (x0, 0); x < (guint) MIN (x1, raster->width); x++)
        {
          if (kp_test_raster_is_dark (raster, x, y))
            return FALSE;
        }
    }
  return TRUE;
}

/*
 * The QR code is the lowest thing on the slip. Measured in the pixels: the
 * symbol is as wide as the slip says, with its quiet zone at least 25 mm,
 * and the quiet zone around it is blank.
 */
static void
assert_qr_size (const char *path, KpSlip *slip, KpSlipLayout layout)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpQr) qr = kp_qr_new (kp_slip_get_qr_payload (slip), &error);
  double module_mm = kp_slip_get_qr_module_mm (slip, layout, &error);
  g_auto (KpTestRaster) raster = { 0 };
  guint qr_bottom, qr_top, left, right, top, bottom;
  double module_px, symbol_mm, quiet_px;

  g_assert_no_error (error);
  g_assert_cmpfloat (kp_qr_get_n_modules_with_quiet_zone (qr) * module_mm, >=, 25.0);

  kp_test_pdf_rasterize (path, 300, &raster);
  for (qr_bottom = raster.height; !kp_test_raster_row_has_ink (&raster, qr_bottom - 1); qr_bottom--)
    ;
  /* Every row of a QR symbol has ink (finder and timing patterns). */
  for (qr_top = qr_bottom; qr_top > 0 && kp_test_raster_row_has_ink (&raster, qr_top - 1); qr_top--)
    ;
  g_assert_true (kp_test_raster_ink_box (&raster, qr_top, qr_bottom, &left, &right, &top, &bottom));

  symbol_mm = (right - left) / raster.dots_per_mm;
  g_test_message ("QR %s: %u modules of %.3f mm, symbol %.2f mm, with quiet zone %.2f mm",
                  kp_slip_layout_to_string (layout), kp_qr_get_n_modules (qr), module_mm, symbol_mm,
                  kp_qr_get_n_modules_with_quiet_zone (qr) * module_mm);
  g_assert_cmpfloat_with_epsilon (symbol_mm, kp_qr_get_n_modules (qr) * module_mm, 0.2);
  g_assert_cmpfloat_with_epsilon ((bottom - top) / raster.dots_per_mm, symbol_mm, 0.2);

  module_px = module_mm * raster.dots_per_mm;
  quiet_px = KP_QR_QUIET_ZONE_MODULES * module_px;
  g_assert_true (raster_box_is_blank (&raster, left - quiet_px, top - quiet_px, left, bottom));
  g_assert_true (raster_box_is_blank (&raster, right, top - quiet_px, right + quiet_px, bottom));
  g_assert_true (
      raster_box_is_blank (&raster, left - quiet_px, top - quiet_px, right + quiet_px, top));
  g_assert_cmpfloat (raster.height - bottom, >=, quiet_px);
}

/* What a phone reads from the printed slip: exactly the payload. */
static void
test_qr_code (gconstpointer data)
{
  const QrCase *c = data;
  g_autoptr (KpConfig) config = NULL;
  g_autoptr (KpSlip) slip = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *decoded = NULL;
  g_autofree char *expected = g_strconcat (c->payload, "\n", NULL);

  if (c->url_template != NULL)
    {
      g_autofree char *file = g_strdup_printf ("[storage]\ndata-dir=%s\n"
                                               "[slip]\nqr-url-template=%s\n",
                                               work_dir, c->url_template);

      config = kp_config_new_from_data (file, &error);
      g_assert_no_error (error);
    }
  else
    config = kp_config_new_default ();

  slip = kp_slip_new_for_kiosk (config, "Appointment", REFERENCE);
  kp_slip_add_line (slip, "When", "Tuesday 4 June, 10:30");
  g_assert_cmpstr (kp_slip_get_qr_payload (slip), ==, c->payload);
  g_assert_cmpstr (kp_slip_get_municipality (slip), ==, kp_config_get_municipality_name (config));
  path = render_to_file (slip, c->layout, "qr");

  decoded = kp_test_pdf_decode_qr (path);
  g_assert_cmpstr (decoded, ==, expected);
  assert_qr_size (path, slip, c->layout);
  g_assert_finalize_object (g_steal_pointer (&slip));
}

static void
test_qr_expand_template (void)
{
  static const struct
  {
    const char *url_template;
    const char *expected;
  } cases[] = {
    { NULL, REFERENCE },
    { "{reference}", REFERENCE },
    { "https://lindeveen.nl/s/{reference}", "https://lindeveen.nl/s/" REFERENCE },
    { "{reference}/{reference}", REFERENCE "/" REFERENCE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *payload = kp_qr_expand_template (cases[i].url_template, REFERENCE);

      g_assert_cmpstr (payload, ==, cases[i].expected);
    }
}

/* More than a QR code can hold is refused, not cut short. */
static void
test_qr_too_long_refused (void)
{
  g_autoptr (KpSlip) slip = kp_slip_new ("Appointment", REFERENCE);
  g_autofree char *payload = g_strnfill (8000, 'x');
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) pdf = NULL;

  kp_slip_set_qr_payload (slip, payload);
  pdf = kp_slip_render_pdf (slip, KP_SLIP_LAYOUT_RECEIPT, &error);
  g_assert_error (error, KP_QR_ERROR, KP_QR_ERROR_ENCODE);
  g_assert_null (pdf);
  g_assert_finalize_object (g_steal_pointer (&slip));
}

static void
test_layout_names (void)
{
  static const struct
  {
    const char *text;
    gboolean valid;
    KpSlipLayout layout;
  } cases[] = {
    { "receipt", TRUE, KP_SLIP_LAYOUT_RECEIPT },
    { "a4", TRUE, KP_SLIP_LAYOUT_A4 },
    { "A4", FALSE, 0 },
    { "letter", FALSE, 0 },
    { "", FALSE, 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      KpSlipLayout layout = 99;

      g_assert_cmpint (kp_slip_layout_from_string (cases[i].text, &layout), ==, cases[i].valid);
      if (cases[i].valid)
        {
          g_assert_cmpint (layout, ==, cases[i].layout);
          g_assert_cmpstr (kp_slip_layout_to_string (layout), ==, cases[i].text);
        }
    }
}

int
main (int argc, char *argv[])
{
  g_autofree char *home = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  home = kp_test_init_home ();
  work_dir = kp_test_make_tmpdir ("slips");

  g_test_add_func ("/slip/layout/names", test_layout_names);
  g_test_add_func ("/slip/layout/page-sizes", test_layout_page_sizes);
  g_test_add_func ("/slip/receipt/fits-content", test_receipt_fits_content);
  g_test_add_func ("/slip/a4/continues-on-more-pages", test_a4_continues);
  for (gsize i = 0; i < G_N_ELEMENTS (slip_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/slip/text/%s", slip_cases[i].language);

      g_test_add_data_func (path, &slip_cases[i], test_text_in_language);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (slip_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/slip/spoken/%s", slip_cases[i].language);

      g_test_add_data_func (path, &slip_cases[i], test_spoken_holds_printed);
    }
  g_test_add_func ("/slip/spoken/private-lines", test_spoken_keeps_private_lines);
  g_test_add_func ("/slip/text/no-bring-list", test_no_bring_list);
  g_test_add_func ("/slip/text/long-name-wraps", test_long_text_wraps);
  g_test_add_func ("/slip/qr/expand-template", test_qr_expand_template);
  for (gsize i = 0; i < G_N_ELEMENTS (qr_cases); i++)
    {
      g_autofree char *path
          = g_strdup_printf ("/slip/qr/%s/%s", kp_slip_layout_to_string (qr_cases[i].layout),
                             qr_cases[i].url_template != NULL ? "url-template" : "reference");

      g_test_add_data_func (path, &qr_cases[i], test_qr_code);
    }
  g_test_add_func ("/slip/qr/too-long-refused", test_qr_too_long_refused);

  status = g_test_run ();
  kp_test_remove_tree (home);
  g_free (work_dir);
  return status;
}
