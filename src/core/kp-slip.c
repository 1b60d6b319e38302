/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-slip.h"

#include "kp-qr.h"
#include "kp-reference.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#define POINTS_PER_MM (72.0 / 25.4)
/* Most 80 mm receipt printers print 203 dots per inch. */
#define RECEIPT_DOT_MM (25.4 / 203.0)
/* What phones and the kiosk's barcode reader need, quiet zone included. */
#define QR_MIN_SIDE_MM 25.0

#define TEXT_FONT      "DejaVu Sans"
#define REFERENCE_FONT "DejaVu Sans Mono"

typedef struct
{
  char *label;
  char *value;
  gboolean private; /* a name, phone number or e-mail address */
} SlipLine;

struct _KpSlip
{
  GObject parent_instance;

  char *title;
  char *reference;
  char *municipality;
  char *location;
  GArray *lines;
  GPtrArray *bring_items;
  char *qr_payload;
};

G_DEFINE_FINAL_TYPE (KpSlip, kp_slip, G_TYPE_OBJECT)

/* Written out: clang-format would put spaces into the name given to G_DEFINE_QUARK. */
GQuark
kp_slip_error_quark (void)
{
  return g_quark_from_static_string ("kp-slip-error-quark");
}

/* The measures of one layout; lengths in millimetres, font sizes in points. */
typedef struct
{
  const char *name;
  double page_width;
  double page_height; /* 0: continuous paper, as long as the content */
  double margin;
  double label_column; /* 0: labels above their values, which narrow paper needs */
  double qr_side;      /* the QR code's side with quiet zone, before rounding up */
  double text_size;
} SlipGeometry;

static const SlipGeometry geometries[] = {
  [KP_SLIP_LAYOUT_RECEIPT] = { "receipt", 80, 0, 5, 0, 32, 10 },
  [KP_SLIP_LAYOUT_A4] = { "a4", 210, 297, 20, 55, 45, 14 },
};

/* Where drawing has got to on the current page. */
typedef struct
{
  cairo_t *cr;
  PangoContext *pango;
  const SlipGeometry *geometry;
  double y; /* mm from the top of the page */
} SlipPen;

static void
slip_line_clear (gpointer data)
{
  SlipLine *line = data;

  g_clear_pointer (&line->label, g_free);
  g_clear_pointer (&line->value, g_free);
}

/* Replaces the text in *@field with a copy of @text, which may be NULL. */
static void
replace_text (char **field, const char *text)
{
  g_free (*field);
  *field = g_strdup (text);
}

static double
content_width (const SlipGeometry *geometry)
{
  return geometry->page_width - 2 * geometry->margin;
}

/*
 * The module size rounded up to whole printer dots, so every module is the
 * same number of dots wide on a receipt printer and the code stays sharp.
 */
static double
qr_module_mm (const SlipGeometry *geometry, KpQr *qr)
{
  guint n_modules = kp_qr_get_n_modules_with_quiet_zone (qr);
  double side = MAX (geometry->qr_side, QR_MIN_SIDE_MM);

  return ceil (side / n_modules / RECEIPT_DOT_MM) * RECEIPT_DOT_MM;
}

/*
 * Moves to a new page when a block of @height mm does not fit on this one.
 * Continuous paper has no pages: it grows to fit.
 */
static void
make_room (SlipPen *pen, double height)
{
  const SlipGeometry *geometry = pen->geometry;

  if (geometry->page_height == 0 || pen->y + height <= geometry->page_height - geometry->margin
      || pen->y <= geometry->margin)
    return;
  cairo_show_page (pen->cr);
  pen->y = geometry->margin;
}

/*
 * A paragraph of plain text (never markup: it may hold what a resident
 * typed) that wraps within @width mm, breaking inside a word only when a
 * word alone is too long for the line. (transfer full)
 */
static PangoLayout *
make_paragraph (SlipPen *pen,
                const char *text,
                const char *family,
                double size,
                PangoWeight weight,
                PangoAlignment alignment,
                double width)
{
  PangoLayout *layout = pango_layout_new (pen->pango);
  g_autoptr (PangoFontDescription) font = pango_font_description_new ();
  g_autoptr (PangoAttrList) attributes = NULL;

  pango_font_description_set_family (font, family);
  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * POINTS_PER_MM * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, alignment);
  /*
   * A hyphen that pango adds where it breaks a long word would read as part
   * of a name or a reference; a break alone does not.
   */
  attributes = pango_attr_list_new ();
  pango_attr_list_insert (attributes, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (layout, attributes);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
paragraph_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE / POINTS_PER_MM;
}

static void
show_paragraph (SlipPen *pen, PangoLayout *layout, double x)
{
  cairo_move_to (pen->cr, x * POINTS_PER_MM, pen->y * POINTS_PER_MM);
  pango_cairo_show_layout (pen->cr, layout);
}

/* One paragraph across the content width, then @gap mm of space. */
static void
draw_paragraph (SlipPen *pen,
                const char *text,
                const char *family,
                double size,
                PangoWeight weight,
                PangoAlignment alignment,
                double gap)
{
  g_autoptr (PangoLayout) layout
      = make_paragraph (pen, text, family, size, weight, alignment, content_width (pen->geometry));
  double height = paragraph_height (layout);

  make_room (pen, height);
  show_paragraph (pen, layout, pen->geometry->margin);
  pen->y += height + gap;
}

static void
draw_rule (SlipPen *pen)
{
  const SlipGeometry *geometry = pen->geometry;

  make_room (pen, 4);
  pen->y += 2;
  cairo_set_line_width (pen->cr, 0.3 * POINTS_PER_MM);
  cairo_move_to (pen->cr, geometry->margin * POINTS_PER_MM, pen->y * POINTS_PER_MM);
  cairo_line_to (pen->cr, (geometry->page_width - geometry->margin) * POINTS_PER_MM,
                 pen->y * POINTS_PER_MM);
  cairo_stroke (pen->cr);
  pen->y += 2;
}

/*
 * A labelled line: on narrow paper the label stands above its value, on
 * wide paper in a column to its left.
 */
static void
draw_line (SlipPen *pen, const SlipLine *line)
{
  const SlipGeometry *geometry = pen->geometry;
  double size = geometry->text_size;
  double value_x = geometry->margin + geometry->label_column;
  double value_width = content_width (geometry) - geometry->label_column;
  double label_width = geometry->label_column > 0 ? geometry->label_column - 3 : value_width;
  g_autoptr (PangoLayout) label = make_paragraph (pen, line->label, TEXT_FONT, size - 1,
                                                  PANGO_WEIGHT_BOLD, PANGO_ALIGN_LEFT, label_width);
  g_autoptr (PangoLayout) value = make_paragraph (
      pen, line->value, TEXT_FONT, size + 1, PANGO_WEIGHT_NORMAL, PANGO_ALIGN_LEFT, value_width);
  double label_height = paragraph_height (label);
  double value_height = paragraph_height (value);

  if (geometry->label_column > 0)
    {
      make_room (pen, MAX (label_height, value_height));
      show_paragraph (pen, label, geometry->margin);
      show_paragraph (pen, value, value_x);
      pen->y += MAX (label_height, value_height);
    }
  else
    {
      make_room (pen, label_height + value_height);
      show_paragraph (pen, label, geometry->margin);
      pen->y += label_height;
      show_paragraph (pen, value, value_x);
      pen->y += value_height;
    }
  pen->y += size * 0.25;
}

/* "What to bring" and its items, each after a bullet with the text hanging. */
static void
draw_bring_list (SlipPen *pen, KpSlip *self)
{
  const SlipGeometry *geometry = pen->geometry;
  double size = geometry->text_size;
  double indent = size * 0.5;

  if (self->bring_items->len == 0)
    return;

  draw_paragraph (pen, _ ("What to bring"), TEXT_FONT, size + 1, PANGO_WEIGHT_BOLD,
                  PANGO_ALIGN_LEFT, 1);
  for (guint i = 0; i < self->bring_items->len; i++)
    {
      g_autoptr (PangoLayout) bullet = make_paragraph (
          pen, "•", TEXT_FONT, size + 1, PANGO_WEIGHT_NORMAL, PANGO_ALIGN_LEFT, indent);
      g_autoptr (PangoLayout) item = make_paragraph (
          pen, self->bring_items->pdata[i], TEXT_FONT, size + 1, PANGO_WEIGHT_NORMAL,
          PANGO_ALIGN_LEFT, content_width (geometry) - indent);
      double height = paragraph_height (item);

      make_room (pen, height);
      show_paragraph (pen, bullet, geometry->margin);
      show_paragraph (pen, item, geometry->margin + indent);
      pen->y += height + size * 0.1;
    }
  pen->y += size * 0.3;
}

/*
 * "Your reference", the reference in large type and the QR code, kept
 * together on one page: they are what a resident shows when they return.
 */
static void
draw_reference (SlipPen *pen, KpSlip *self, KpQr *qr)
{
  const SlipGeometry *geometry = pen->geometry;
  double size = geometry->text_size;
  double width = content_width (geometry);
  double module = qr_module_mm (geometry, qr);
  double side = kp_qr_get_n_modules_with_quiet_zone (qr) * module;
  double gap = size * 0.2;
  g_autoptr (PangoLayout) label = make_paragraph (pen, _ ("Your reference"), TEXT_FONT, size,
                                                  PANGO_WEIGHT_NORMAL, PANGO_ALIGN_CENTER, width);
  g_autoptr (PangoLayout) reference
      = make_paragraph (pen, self->reference, REFERENCE_FONT, size * 2.2, PANGO_WEIGHT_BOLD,
                        PANGO_ALIGN_CENTER, width);

  make_room (pen, paragraph_height (label) + paragraph_height (reference) + gap + side);
  show_paragraph (pen, label, geometry->margin);
  pen->y += paragraph_height (label);
  show_paragraph (pen, reference, geometry->margin);
  pen->y += paragraph_height (reference) + gap;
  kp_qr_draw (qr, pen->cr, (geometry->page_width - side) / 2 * POINTS_PER_MM,
              pen->y * POINTS_PER_MM, module * POINTS_PER_MM);
  pen->y += side;
}

/*
 * Draws the whole slip from the top of the first page and returns where
 * the content ends, in mm, so continuous paper can be cut to fit.
 */
static double
draw_slip (KpSlip *self, KpQr *qr, cairo_t *cr, const SlipGeometry *geometry)
{
  /* Pango 1.50 has no g_autoptr for PangoContext; it is released below. */
  PangoContext *pango = pango_cairo_create_context (cr);
  cairo_font_options_t *options = cairo_font_options_create ();
  SlipPen pen = { cr, pango, geometry, geometry->margin };
  double size = geometry->text_size;

  /* Points as units, and outlines that do not depend on a screen's hinting. */
  pango_cairo_context_set_resolution (pango, 72);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango, options);
  cairo_font_options_destroy (options);
  cairo_set_source_rgb (cr, 0, 0, 0);

  if (self->municipality != NULL)
    draw_paragraph (&pen, self->municipality, TEXT_FONT, size + 2, PANGO_WEIGHT_BOLD,
                    PANGO_ALIGN_CENTER, 0.5);
  if (self->location != NULL)
    draw_paragraph (&pen, self->location, TEXT_FONT, size, PANGO_WEIGHT_NORMAL, PANGO_ALIGN_CENTER,
                    0);
  draw_rule (&pen);
  draw_paragraph (&pen, self->title, TEXT_FONT, size * 1.6, PANGO_WEIGHT_BOLD, PANGO_ALIGN_LEFT,
                  size * 0.4);
  for (guint i = 0; i < self->lines->len; i++)
    draw_line (&pen, &g_array_index (self->lines, SlipLine, i));
  draw_bring_list (&pen, self);
  draw_rule (&pen);
  draw_reference (&pen, self, qr);
  g_object_unref (pango);
  return pen.y + geometry->margin;
}

static cairo_status_t
append_to_byte_array (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
discard (void *closure, const unsigned char *data, unsigned int length)
{
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
check_cairo (cairo_status_t status, GError **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  /* TRANSLATORS: %s is cairo's reason, in English */
  g_set_error (error, KP_SLIP_ERROR, KP_SLIP_ERROR_RENDER, _ ("The slip could not be drawn: %s"),
               cairo_status_to_string (status));
  return FALSE;
}

/*
 * Draws the slip onto a PDF of @height mm (or, for continuous paper when 0,
 * as long as the content) written through @write. Returns the content's
 * height in mm, or 0 with @error set.
 */
static double
render_to_stream (KpSlip *self,
                  KpQr *qr,
                  const SlipGeometry *geometry,
                  double height,
                  cairo_write_func_t write,
                  gpointer closure,
                  GError **error)
{
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (
      write, closure, geometry->page_width * POINTS_PER_MM, height * POINTS_PER_MM);
  cairo_t *cr = cairo_create (surface);
  double content_height;
  cairo_status_t status;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Kernpunt");
  content_height = draw_slip (self, qr, cr, geometry);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return check_cairo (status, error) ? content_height : 0;
}

static void
kp_slip_finalize (GObject *object)
{
  KpSlip *self = KP_SLIP (object);

  g_clear_pointer (&self->qr_payload, g_free);
  g_clear_pointer (&self->bring_items, g_ptr_array_unref);
  g_clear_pointer (&self->lines, g_array_unref);
  g_clear_pointer (&self->location, g_free);
  g_clear_pointer (&self->municipality, g_free);
  g_clear_pointer (&self->reference, g_free);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (kp_slip_parent_class)->finalize (object);
}

static void
kp_slip_class_init (KpSlipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kp_slip_finalize;
}

static void
kp_slip_init (KpSlip *self)
{
  self->lines = g_array_new (FALSE, FALSE, sizeof (SlipLine));
  g_array_set_clear_func (self->lines, slip_line_clear);
  /* Room for one, so pdata is a NULL-terminated array even while empty. */
  self->bring_items = g_ptr_array_new_null_terminated (1, g_free, TRUE);
}

const char *
kp_slip_layout_to_string (KpSlipLayout layout)
{
  g_return_val_if_fail (layout < G_N_ELEMENTS (geometries), NULL);

  return geometries[layout].name;
}

gboolean
kp_slip_layout_from_string (const char *text, KpSlipLayout *layout)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (layout != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (geometries); i++)
    {
      if (g_str_equal (text, geometries[i].name))
        {
          *layout = (KpSlipLayout) i;
          return TRUE;
        }
    }
  return FALSE;
}

KpSlip *
kp_slip_new (const char *title, const char *reference)
{
  KpSlip *self;

  g_return_val_if_fail (title != NULL && *title != '\0', NULL);
  g_return_val_if_fail (reference != NULL && *reference != '\0', NULL);

  self = g_object_new (KP_TYPE_SLIP, NULL);
  self->title = g_strdup (title);
  self->reference = g_strdup (reference);
  self->qr_payload = g_strdup (reference);
  return self;
}

KpSlip *
kp_slip_new_for_kiosk (KpConfig *config, const char *title, const char *reference)
{
  KpSlip *self;

  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);

  self = kp_slip_new (title, reference);
  if (self == NULL)
    return NULL;
  kp_slip_set_place (self, kp_config_get_municipality_name (config),
                     kp_config_get_location_name (config));
  g_free (self->qr_payload);
  self->qr_payload = kp_qr_expand_template (kp_config_get_slip_qr_url_template (config), reference);
  return self;
}

void
kp_slip_set_place (KpSlip *self, const char *municipality, const char *location)
{
  g_return_if_fail (KP_IS_SLIP (self));

  replace_text (&self->municipality, municipality);
  replace_text (&self->location, location);
}

static void
append_line (KpSlip *self, const char *label, const char *value, gboolean private)
{
  SlipLine line = { g_strdup (label), g_strdup (value), private };

  g_array_append_val (self->lines, line);
}

void
kp_slip_add_line (KpSlip *self, const char *label, const char *value)
{
  g_return_if_fail (KP_IS_SLIP (self));
  g_return_if_fail (label != NULL);
  g_return_if_fail (value != NULL);

  append_line (self, label, value, FALSE);
}

void
kp_slip_add_private_line (KpSlip *self, const char *label, const char *value)
{
  g_return_if_fail (KP_IS_SLIP (self));
  g_return_if_fail (label != NULL);
  g_return_if_fail (value != NULL);

  append_line (self, label, value, TRUE);
}

void
kp_slip_add_bring_item (KpSlip *self, const char *item)
{
  g_return_if_fail (KP_IS_SLIP (self));
  g_return_if_fail (item != NULL);

  g_ptr_array_add (self->bring_items, g_strdup (item));
}

void
kp_slip_set_qr_payload (KpSlip *self, const char *payload)
{
  g_return_if_fail (KP_IS_SLIP (self));
  g_return_if_fail (payload != NULL && *payload != '\0');

  replace_text (&self->qr_payload, payload);
}

const char *
kp_slip_get_title (KpSlip *self)
{
  g_return_val_if_fail (KP_IS_SLIP (self), NULL);

  return self->title;
}

const char *
kp_slip_get_reference (KpSlip *self)
{
  g_return_val_if_fail (KP_IS_SLIP (self), NULL);

  return self->reference;
}

const char *
kp_slip_get_municipality (KpSlip *self)
{
  g_return_val_if_fail (KP_IS_SLIP (self), NULL);

  return self->municipality;
}

const char *
kp_slip_get_location (KpSlip *self)
{
  g_return_val_if_fail (KP_IS_SLIP (self), NULL);

  return self->location;
}

const char *
kp_slip_get_qr_payload (KpSlip *self)
{
  g_return_val_if_fail (KP_IS_SLIP (self), NULL);

  return self->qr_payload;
}

guint
kp_slip_get_n_lines (KpSlip *self)
{
  g_return_val_if_fail (KP_IS_SLIP (self), 0);

  return self->lines->len;
}

const char *
kp_slip_get_line_label (KpSlip *self, guint index)
{
  g_return_val_if_fail (KP_IS_SLIP (self), NULL);
  g_return_val_if_fail (index < self->lines->len, NULL);

  return g_array_index (self->lines, SlipLine, index).label;
}

const char *
kp_slip_get_line_value (KpSlip *self, guint index)
{
  g_return_val_if_fail (KP_IS_SLIP (self), NULL);
  g_return_val_if_fail (index < self->lines->len, NULL);

  return g_array_index (self->lines, SlipLine, index).value;
}

gboolean
kp_slip_get_line_is_private (KpSlip *self, guint index)
{
  g_return_val_if_fail (KP_IS_SLIP (self), FALSE);
  g_return_val_if_fail (index < self->lines->len, FALSE);

  return g_array_index (self->lines, SlipLine, index).private;
}

const char *const *
kp_slip_get_bring_items (KpSlip *self)
{
  g_return_val_if_fail (KP_IS_SLIP (self), NULL);

  return (const char *const *) self->bring_items->pdata;
}

/*
 * Ends a sentence after @text, unless it ends with its own ("Where is
 * it?"). The address under a place's name is printed on a line of its
 * own; spoken, a comma's pause will do.
 */
static void
append_sentence (GString *spoken, const char *text)
{
  g_auto (GStrv) printed_lines = g_strsplit (text, "\n", -1);
  g_autofree char *flat = g_strstrip (g_strjoinv (", ", printed_lines));
  gsize length = strlen (flat);

  if (length == 0)
    return;
  if (spoken->len > 0)
    g_string_append_c (spoken, ' ');
  g_string_append (spoken, flat);
  if (!g_ascii_ispunct (flat[length - 1]))
    g_string_append_c (spoken, '.');
}

/* "Phone: 0612345678", or only "Phone: not said on the loudspeaker". */
static void
append_labelled (GString *spoken, const char *label, const char *value, gboolean say)
{
  g_autofree char *sentence = NULL;

  /* TRANSLATORS: a slip's line read aloud: "When: Tuesday 8 December, ten past nine" */
  sentence = say ? g_strdup_printf (_ ("%s: %s"), label, value)
                 /* TRANSLATORS: read aloud instead of a name, phone number or reference */
                 : g_strdup_printf (_ ("%s: not said on the loudspeaker"), label);
  append_sentence (spoken, sentence);
}

/* (transfer full) */
char *
kp_slip_dup_spoken_text (KpSlip *self, gboolean say_private)
{
  GString *spoken = g_string_new (NULL);
  g_autofree char *spelled = NULL;

  g_return_val_if_fail (KP_IS_SLIP (self), NULL);

  append_sentence (spoken, self->title);
  for (guint i = 0; i < self->lines->len; i++)
    {
      const SlipLine *line = &g_array_index (self->lines, SlipLine, i);

      append_labelled (spoken, line->label, line->value, say_private || !line->private);
    }
  if (self->bring_items->len > 0)
    {
      g_autofree char *items = g_strjoinv (", ", (char **) self->bring_items->pdata);

      append_labelled (spoken, _ ("What to bring"), items, TRUE);
    }
  spelled = kp_reference_spell (self->reference);
  append_labelled (spoken, _ ("Your reference"), spelled, say_private);
  if (self->municipality != NULL)
    append_sentence (spoken, self->municipality);
  if (self->location != NULL)
    append_sentence (spoken, self->location);
  return g_string_free (spoken, FALSE);
}

double
kp_slip_get_qr_module_mm (KpSlip *self, KpSlipLayout layout, GError **error)
{
  g_autoptr (KpQr) qr = NULL;

  g_return_val_if_fail (KP_IS_SLIP (self), 0);
  g_return_val_if_fail (layout < G_N_ELEMENTS (geometries), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  qr = kp_qr_new (self->qr_payload, error);
  if (qr == NULL)
    return 0;
  return qr_module_mm (&geometries[layout], qr);
}

/*
 * Continuous paper is drawn twice: once into nothing to learn how long the
 * content is, then onto a page of exactly that length.
 */
GBytes *
kp_slip_render_pdf (KpSlip *self, KpSlipLayout layout, GError **error)
{
  const SlipGeometry *geometry;
  g_autoptr (KpQr) qr = NULL;
  g_autoptr (GByteArray) pdf = g_byte_array_new ();
  double height;

  g_return_val_if_fail (KP_IS_SLIP (self), NULL);
  g_return_val_if_fail (layout < G_N_ELEMENTS (geometries), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  geometry = &geometries[layout];
  qr = kp_qr_new (self->qr_payload, error);
  if (qr == NULL)
    return NULL;

  height = geometry->page_height;
  if (height == 0)
    {
      height = render_to_stream (self, qr, geometry, geometry->margin * 2, discard, NULL, error);
      if (height == 0)
        return NULL;
    }
  if (render_to_stream (self, qr, geometry, height, append_to_byte_array, pdf, error) == 0)
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&pdf));
}

/* A picture of paper: the height is learnt as for the PDF, then drawn once in pixels. */
GBytes *
kp_slip_render_png (KpSlip *self, KpSlipLayout layout, double pixels_per_mm, GError **error)
{
  const SlipGeometry *geometry;
  g_autoptr (KpQr) qr = NULL;
  g_autoptr (GByteArray) png = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  double height;

  g_return_val_if_fail (KP_IS_SLIP (self), NULL);
  g_return_val_if_fail (layout < G_N_ELEMENTS (geometries), NULL);
  g_return_val_if_fail (pixels_per_mm > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  geometry = &geometries[layout];
  qr = kp_qr_new (self->qr_payload, error);
  if (qr == NULL)
    return NULL;
  height = geometry->page_height;
  if (height == 0)
    {
      height = render_to_stream (self, qr, geometry, geometry->margin * 2, discard, NULL, error);
      if (height == 0)
        return NULL;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                        (int) ceil (geometry->page_width * pixels_per_mm),
                                        (int) ceil (height * pixels_per_mm));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, pixels_per_mm / POINTS_PER_MM, pixels_per_mm / POINTS_PER_MM);
  draw_slip (self, qr, cr, geometry);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, append_to_byte_array, png);
  cairo_surface_destroy (surface);
  if (!check_cairo (status, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}
