/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-receipt-page.h"

#include "kp-qr.h"
#include "kp-speech-mode.h"

#include <glib/gi18n.h>

/* The QR code on screen: about 11 cm on a kiosk's 24" screen, easy for any phone. */
#define QR_SIDE_PX 440
/* A picture of the slip in demo mode, as wide as an 80 mm slip held at reading distance. */
#define SLIP_PIXELS_PER_MM 5.0

struct _KpReceiptPage
{
  AdwBin parent_instance;

  KpPrinter *printer;
  KpSlip *slip;
  char *heading;
  GBytes *pdf; /* kept after the first print, so a reprint is the same slip */
  GdkTexture *qr_texture;
  GCancellable *cancellable;
  KpReceiptPrintState print_state;

  GtkLabel *heading_label;
  GtkGrid *lines_grid;
  GtkLabel *reference_label;
  GtkSpinner *print_spinner;
  GtkLabel *print_label;
  GtkWidget *reprint_button;
  GtkPicture *qr_picture;
  GtkPicture *slip_picture;
};

G_DEFINE_FINAL_TYPE (KpReceiptPage, kp_receipt_page, ADW_TYPE_BIN)

G_DEFINE_ENUM_TYPE (KpReceiptPrintState,
                    kp_receipt_print_state,
                    G_DEFINE_ENUM_VALUE (KP_RECEIPT_PRINT_PRINTING, "printing"),
                    G_DEFINE_ENUM_VALUE (KP_RECEIPT_PRINT_PRINTED, "printed"),
                    G_DEFINE_ENUM_VALUE (KP_RECEIPT_PRINT_SHOWN, "shown"),
                    G_DEFINE_ENUM_VALUE (KP_RECEIPT_PRINT_FAILED, "failed"))

enum
{
  PROP_0,
  PROP_PRINTER,
  PROP_SLIP,
  PROP_HEADING,
  PROP_PRINT_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What one print needs in its thread, and what it brings back besides the result. */
typedef struct
{
  KpPrinter *printer;
  KpSlip *slip;
  GBytes *pdf; /* in: the kept slip, or NULL to render it; out: the slip printed */
  GBytes *png; /* out, demo mode: the slip as a picture */
} PrintJob;

static void
print_job_free (gpointer data)
{
  PrintJob *job = data;

  g_clear_object (&job->printer);
  g_clear_object (&job->slip);
  g_clear_pointer (&job->pdf, g_bytes_unref);
  g_clear_pointer (&job->png, g_bytes_unref);
  g_free (job);
}

/* (transfer full) */
static GdkTexture *
draw_qr_texture (KpSlip *slip, GError **error)
{
  g_autoptr (KpQr) qr = kp_qr_new (kp_slip_get_qr_payload (slip), error);
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr (GBytes) pixels = NULL;
  guint module_px;
  int side;
  GdkTexture *texture;

  if (qr == NULL)
    return NULL;

  /* Whole pixels per module keep every edge sharp for a camera. */
  module_px = MAX (1, QR_SIDE_PX / kp_qr_get_n_modules_with_quiet_zone (qr));
  side = (int) (module_px * kp_qr_get_n_modules_with_quiet_zone (qr));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, side, side);
  cr = cairo_create (surface);
  kp_qr_draw (qr, cr, 0, 0, module_px);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  pixels = g_bytes_new (cairo_image_surface_get_data (surface),
                        (gsize) cairo_image_surface_get_stride (surface) * side);
  texture = gdk_memory_texture_new (side, side, GDK_MEMORY_DEFAULT, pixels,
                                    cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  return texture;
}

static void
add_slip_lines (KpReceiptPage *self)
{
  for (guint i = 0; i < kp_slip_get_n_lines (self->slip); i++)
    {
      GtkWidget *label = gtk_label_new (kp_slip_get_line_label (self->slip, i));
      GtkWidget *value = gtk_label_new (kp_slip_get_line_value (self->slip, i));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_yalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "receipt-line-label");
      gtk_label_set_xalign (GTK_LABEL (value), 0);
      gtk_label_set_wrap (GTK_LABEL (value), TRUE);
      gtk_widget_set_hexpand (value, TRUE);
      gtk_widget_add_css_class (value, "receipt-line-value");
      if (kp_slip_get_line_is_private (self->slip, i))
        kp_speech_mode_mark_private (value);
      gtk_grid_attach (self->lines_grid, label, 0, (int) i, 1, 1);
      gtk_grid_attach (self->lines_grid, value, 1, (int) i, 1, 1);
    }
}

static void
set_print_state (KpReceiptPage *self, KpReceiptPrintState state, const char *message)
{
  gboolean printing = state == KP_RECEIPT_PRINT_PRINTING;

  gtk_label_set_label (self->print_label, message);
  gtk_spinner_set_spinning (self->print_spinner, printing);
  gtk_widget_set_visible (GTK_WIDGET (self->print_spinner), printing);
  gtk_widget_set_visible (self->reprint_button, state == KP_RECEIPT_PRINT_FAILED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "receipt.reprint", !printing);

  if (self->print_state == state)
    return;
  self->print_state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRINT_STATE]);
}

/*
 * The window's Help signal names the printer's state for the volunteer;
 * "ready" after a good print clears a problem shown before.
 */
static void
report_printer_state (KpReceiptPage *self, KpPrinterState state)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "kiosk.printer-problem", "s",
                              kp_printer_state_to_string (state));
}

static void
show_slip_picture (KpReceiptPage *self, GBytes *png)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkTexture) texture = gdk_texture_new_from_bytes (png, &error);

  if (texture == NULL)
    {
      g_message ("The picture of the slip cannot be shown: %s", error->message);
      return;
    }
  gtk_picture_set_paintable (self->slip_picture, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (GTK_WIDGET (self->slip_picture), TRUE);
}

/* Blocking: renders once, prints (or saves), and in demo mode draws the picture too. */
static void
print_in_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  PrintJob *job = task_data;
  KpSlipLayout layout = kp_printer_get_layout (job->printer);
  g_autoptr (GError) error = NULL;
  KpPrintResult *result;

  if (job->pdf == NULL)
    job->pdf = kp_slip_render_pdf (job->slip, layout, &error);
  if (job->pdf == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* The reference names the job on the printer's queue: never a resident's name. */
  result = kp_printer_print (job->printer, job->pdf, kp_slip_get_reference (job->slip), cancellable,
                             &error);
  if (result == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (kp_print_result_get_outcome (result) == KP_PRINT_OUTCOME_SAVED)
    job->png = kp_slip_render_png (job->slip, layout, SLIP_PIXELS_PER_MM, NULL);
  g_task_return_pointer (task, result, g_object_unref);
}

static void
show_print_failure (KpReceiptPage *self, const GError *error)
{
  g_message ("The slip was not printed: %s", error->message);
  set_print_state (self, KP_RECEIPT_PRINT_FAILED,
                   _ ("The printer is not working. Take a photo of the code, or ask a volunteer."));
  /* A refused or timed-out job leaves the printer "ready", yet it did not print. */
  if (error->domain == KP_PRINTER_ERROR)
    report_printer_state (self, kp_printer_error_get_state (error) == KP_PRINTER_STATE_READY
                                    ? KP_PRINTER_STATE_OFFLINE
                                    : kp_printer_error_get_state (error));
}

static void
on_print_done (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpPrintResult) print_result = g_task_propagate_pointer (G_TASK (result), &error);
  PrintJob *job = g_task_get_task_data (G_TASK (result));
  KpReceiptPage *self;

  /* Cancelled means the page is gone (the session ended): touch nothing. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = KP_RECEIPT_PAGE (user_data);
  if (self->pdf == NULL && job->pdf != NULL)
    self->pdf = g_bytes_ref (job->pdf);
  if (print_result == NULL)
    {
      show_print_failure (self, error);
      return;
    }

  if (kp_print_result_get_outcome (print_result) == KP_PRINT_OUTCOME_SAVED)
    {
      set_print_state (
          self, KP_RECEIPT_PRINT_SHOWN,
          _ ("There is no printer here. This is your slip. Take a photo of the code."));
      if (job->png != NULL)
        show_slip_picture (self, job->png);
      return;
    }
  set_print_state (self, KP_RECEIPT_PRINT_PRINTED, _ ("Take your slip from the printer."));
  report_printer_state (self, kp_print_result_get_printer_state (print_result));
}

static void
start_printing (KpReceiptPage *self)
{
  g_autoptr (GTask) task = NULL;
  PrintJob *job = g_new0 (PrintJob, 1);

  job->printer = g_object_ref (self->printer);
  job->slip = g_object_ref (self->slip);
  job->pdf = self->pdf != NULL ? g_bytes_ref (self->pdf) : NULL;

  set_print_state (self, KP_RECEIPT_PRINT_PRINTING, _ ("Your slip is printing…"));
  task = g_task_new (self->printer, self->cancellable, on_print_done, self);
  g_task_set_source_tag (task, start_printing);
  g_task_set_task_data (task, job, print_job_free);
  g_task_run_in_thread (task, print_in_thread);
}

static void
reprint (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  start_printing (KP_RECEIPT_PAGE (widget));
}

static void
kp_receipt_page_constructed (GObject *object)
{
  KpReceiptPage *self = KP_RECEIPT_PAGE (object);
  g_autoptr (GError) error = NULL;

  G_OBJECT_CLASS (kp_receipt_page_parent_class)->constructed (object);

  gtk_label_set_label (self->heading_label, self->heading);
  gtk_label_set_label (self->reference_label, kp_slip_get_reference (self->slip));
  kp_speech_mode_mark_private (GTK_WIDGET (self->reference_label));
  add_slip_lines (self);

  self->qr_texture = draw_qr_texture (self->slip, &error);
  if (self->qr_texture != NULL)
    gtk_picture_set_paintable (self->qr_picture, GDK_PAINTABLE (self->qr_texture));
  else
    g_message ("The QR code cannot be drawn: %s", error->message);

  start_printing (self);
}

static void
kp_receipt_page_dispose (GObject *object)
{
  KpReceiptPage *self = KP_RECEIPT_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->qr_texture);
  g_clear_pointer (&self->pdf, g_bytes_unref);
  g_clear_pointer (&self->heading, g_free);
  g_clear_object (&self->slip);
  g_clear_object (&self->printer);

  G_OBJECT_CLASS (kp_receipt_page_parent_class)->dispose (object);
}

static void
kp_receipt_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KpReceiptPage *self = KP_RECEIPT_PAGE (object);

  switch (prop_id)
    {
      case PROP_PRINT_STATE:
        g_value_set_enum (value, self->print_state);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kp_receipt_page_set_property (GObject *object,
                              guint prop_id,
                              const GValue *value,
                              GParamSpec *pspec)
{
  KpReceiptPage *self = KP_RECEIPT_PAGE (object);

  switch (prop_id)
    {
      case PROP_PRINTER:
        self->printer = g_value_dup_object (value);
        break;
      case PROP_SLIP:
        self->slip = g_value_dup_object (value);
        break;
      case PROP_HEADING:
        self->heading = g_value_dup_string (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kp_receipt_page_class_init (KpReceiptPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kp_receipt_page_constructed;
  object_class->dispose = kp_receipt_page_dispose;
  object_class->get_property = kp_receipt_page_get_property;
  object_class->set_property = kp_receipt_page_set_property;

  properties[PROP_PRINTER]
      = g_param_spec_object ("printer", NULL, NULL, KP_TYPE_PRINTER,
                             G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SLIP]
      = g_param_spec_object ("slip", NULL, NULL, KP_TYPE_SLIP,
                             G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HEADING]
      = g_param_spec_string ("heading", NULL, NULL, NULL,
                             G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRINT_STATE] = g_param_spec_enum (
      "print-state", NULL, NULL, KP_TYPE_RECEIPT_PRINT_STATE, KP_RECEIPT_PRINT_PRINTING,
      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/nl/kernpunt/Kernpunt/kp-receipt-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KpReceiptPage, heading_label);
  gtk_widget_class_bind_template_child (widget_class, KpReceiptPage, lines_grid);
  gtk_widget_class_bind_template_child (widget_class, KpReceiptPage, reference_label);
  gtk_widget_class_bind_template_child (widget_class, KpReceiptPage, print_spinner);
  gtk_widget_class_bind_template_child (widget_class, KpReceiptPage, print_label);
  gtk_widget_class_bind_template_child (widget_class, KpReceiptPage, reprint_button);
  gtk_widget_class_bind_template_child (widget_class, KpReceiptPage, qr_picture);
  gtk_widget_class_bind_template_child (widget_class, KpReceiptPage, slip_picture);

  gtk_widget_class_install_action (widget_class, "receipt.reprint", NULL, reprint);
}

static void
kp_receipt_page_init (KpReceiptPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
kp_receipt_page_new (KpPrinter *printer, KpSlip *slip, const char *heading)
{
  g_return_val_if_fail (KP_IS_PRINTER (printer), NULL);
  g_return_val_if_fail (KP_IS_SLIP (slip), NULL);
  g_return_val_if_fail (heading != NULL, NULL);

  return g_object_new (KP_TYPE_RECEIPT_PAGE, "printer", printer, "slip", slip, "heading", heading,
                       NULL);
}

KpSlip *
kp_receipt_page_get_slip (KpReceiptPage *self)
{
  g_return_val_if_fail (KP_IS_RECEIPT_PAGE (self), NULL);

  return self->slip;
}

KpReceiptPrintState
kp_receipt_page_get_print_state (KpReceiptPage *self)
{
  g_return_val_if_fail (KP_IS_RECEIPT_PAGE (self), KP_RECEIPT_PRINT_FAILED);

  return self->print_state;
}

GdkTexture *
kp_receipt_page_get_qr_texture (KpReceiptPage *self)
{
  g_return_val_if_fail (KP_IS_RECEIPT_PAGE (self), NULL);

  return self->qr_texture;
}
