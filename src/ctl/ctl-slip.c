/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "ctl-slip.h"

#include "kp-appointment-backend.h"
#include "kp-guide.h"
#include "kp-printer.h"
#include "kp-reference.h"
#include "kp-slip.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

/* The slip's title for each kind of submission; others are shown by a general title. */
static const struct
{
  const char *kind;
  const char *title;
} kind_titles[] = {
  { "report", N_ ("Report received") },
  { "found", N_ ("Found object") },
  { "lost", N_ ("Lost object") },
  { "callback", N_ ("Call-back request") },
};

static const char *
title_for_kind (const char *kind)
{
  for (gsize i = 0; i < G_N_ELEMENTS (kind_titles); i++)
    {
      if (g_str_equal (kind_titles[i].kind, kind))
        return _ (kind_titles[i].title);
    }
  return _ ("Received");
}

static int
set_usage_error (GError **error, const char *message)
{
  g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, message);
  return EXIT_USAGE;
}

static int
set_failed_error (GError **error, GError *cause)
{
  g_propagate_error (error, cause);
  return EXIT_FAILED;
}

static void
print_json_object (JsonBuilder *builder)
{
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = json_to_string (root, TRUE);

  /* JSON is UTF-8 whatever the locale, so it bypasses g_print's conversion. */
  fputs (text, stdout);
  fputc ('\n', stdout);
}

static void
add_string_member (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* The layout from --layout, else the printer's paper. */
static gboolean
choose_layout (const KpCtlSlipOptions *options, KpSlipLayout *layout)
{
  if (options->layout != NULL)
    return kp_slip_layout_from_string (options->layout, layout);
  return kp_slip_layout_from_string (kp_config_get_printer_layout (options->config), layout);
}

/* The slip for an outbox row: what it is, when it was received, its reference. (transfer full) */
static KpSlip *
new_slip_for_item (KpConfig *config, KpOutboxItem *item)
{
  g_autoptr (GDateTime) created
      = g_date_time_new_from_unix_local (kp_outbox_item_get_created_at (item) / G_USEC_PER_SEC);
  g_autofree char *when = g_date_time_format (created, "%d-%m-%Y %H:%M");
  KpSlip *slip = kp_slip_new_for_kiosk (config, title_for_kind (kp_outbox_item_get_kind (item)),
                                        kp_outbox_item_get_reference (item));

  kp_slip_add_line (slip, _ ("Received"), when);
  return slip;
}

/* An appointment booked at this kiosk, as the configured backend knows it now. (transfer full) */
static KpAppointment *
lookup_appointment (const KpCtlSlipOptions *options, const char *reference, GError **error)
{
  g_autoptr (KpAppointmentBackend) backend = kp_appointment_backend_new_for_config (
      options->config, kp_outbox_get_store (options->outbox), error);

  if (backend == NULL)
    return NULL;
  return kp_appointment_backend_lookup (backend, reference, NULL, error);
}

/*
 * The slip of a booked appointment with what to bring, in the guidance of
 * --lang or else the kiosk's first language. (transfer full)
 */
static KpSlip *
new_slip_for_appointment (const KpCtlSlipOptions *options,
                          KpAppointment *appointment,
                          GError **error)
{
  g_autofree char *folder = options->content_folder != NULL ? g_strdup (options->content_folder)
                                                            : kp_guide_dup_default_folder ();
  const char *language = options->language != NULL
                             ? options->language
                             : kp_config_get_default_language (options->config);
  g_autoptr (KpGuide) guide = NULL;

  if (kp_appointment_get_state (appointment) != KP_APPOINTMENT_STATE_BOOKED)
    {
      g_set_error (error, KP_APPOINTMENT_BACKEND_ERROR, KP_APPOINTMENT_BACKEND_ERROR_INVALID,
                   _ ("Appointment %s is cancelled, so it has no slip."),
                   kp_appointment_get_reference (appointment));
      return NULL;
    }
  guide = kp_guide_load (folder, language, error);
  if (guide == NULL)
    return NULL;
  return kp_appointment_new_slip (appointment, options->config, guide);
}

/* The slip of @reference: an outbox row's, else an appointment's. (transfer full) */
static KpSlip *
new_slip_for_reference (const KpCtlSlipOptions *options, const char *reference, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (KpOutboxItem) item = kp_outbox_lookup (options->outbox, reference, &local_error);
  g_autoptr (KpAppointment) appointment = NULL;

  if (item != NULL)
    return new_slip_for_item (options->config, item);
  if (!g_error_matches (local_error, KP_OUTBOX_ERROR, KP_OUTBOX_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  g_clear_error (&local_error);
  appointment = lookup_appointment (options, reference, &local_error);
  if (appointment != NULL)
    return new_slip_for_appointment (options, appointment, error);
  if (g_error_matches (local_error, KP_APPOINTMENT_BACKEND_ERROR,
                       KP_APPOINTMENT_BACKEND_ERROR_NOT_FOUND))
    g_set_error (error, KP_OUTBOX_ERROR, KP_OUTBOX_ERROR_NOT_FOUND,
                 _ ("No submission or appointment has the reference %s."), reference);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

static void
print_render_result (const KpCtlSlipOptions *options, KpSlip *slip, KpSlipLayout layout, gsize size)
{
  g_autoptr (JsonBuilder) builder = NULL;

  if (!options->json)
    {
      /* TRANSLATORS: the first %s is a reference, the second a file, %zu a number of bytes */
      g_print (_ ("Slip %s written to %s (%zu bytes).\n"), kp_slip_get_reference (slip),
               options->out, size);
      return;
    }
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_string_member (builder, "reference", kp_slip_get_reference (slip));
  add_string_member (builder, "layout", kp_slip_layout_to_string (layout));
  add_string_member (builder, "path", options->out);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, (gint64) size);
  add_string_member (builder, "qr_payload", kp_slip_get_qr_payload (slip));
  json_builder_end_object (builder);
  print_json_object (builder);
}

int
ctl_slip_render (const KpCtlSlipOptions *options, const char *argument, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *reference = NULL;
  g_autoptr (KpSlip) slip = NULL;
  g_autoptr (GBytes) pdf = NULL;
  KpSlipLayout layout;

  if (!choose_layout (options, &layout))
    return set_usage_error (error, _ ("--layout: expected “receipt” or “a4”."));
  if (options->out == NULL)
    return set_usage_error (error, _ ("Say where to write the slip with --out FILE.pdf."));

  reference = kp_reference_normalize (argument, &local_error);
  if (reference == NULL)
    {
      g_set_error (error, KP_REFERENCE_ERROR, local_error->code,
                   _ ("“%s” is not a valid reference. %s"), argument, local_error->message);
      return EXIT_FAILED;
    }
  slip = new_slip_for_reference (options, reference, &local_error);
  if (slip == NULL)
    return set_failed_error (error, g_steal_pointer (&local_error));

  pdf = kp_slip_render_pdf (slip, layout, &local_error);
  if (pdf == NULL
      || !g_file_set_contents (options->out, g_bytes_get_data (pdf, NULL),
                               (gssize) g_bytes_get_size (pdf), &local_error))
    return set_failed_error (error, g_steal_pointer (&local_error));

  print_render_result (options, slip, layout, g_bytes_get_size (pdf));
  return EXIT_OK;
}

/* What the printer is: a CUPS queue, an IPP address, or a folder in demo mode. */
static const char *
destination_kind (KpConfig *config)
{
  if (kp_config_get_printer_queue (config) != NULL)
    return "queue";
  if (kp_config_get_printer_uri (config) != NULL)
    return "uri";
  return "folder";
}

static void
print_status_json (KpPrinter *printer, const char *kind, KpPrinterState state)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string_member (builder, "destination", kp_printer_get_destination (printer));
  add_string_member (builder, "destination_kind", kind);
  add_string_member (builder, "layout", kp_slip_layout_to_string (kp_printer_get_layout (printer)));
  add_string_member (builder, "state", kp_printer_state_to_string (state));
  add_string_member (builder, "description", kp_printer_state_describe (state));
  json_builder_set_member_name (builder, "can_print");
  json_builder_add_boolean_value (builder, kp_printer_state_can_print (state));
  json_builder_end_object (builder);
  print_json_object (builder);
}

static void
print_status_text (KpPrinter *printer, KpPrinterState state)
{
  g_print ("%s %s\n", _ ("Printer:"), kp_printer_get_destination (printer));
  g_print ("%s %s\n", _ ("Paper:"), kp_slip_layout_to_string (kp_printer_get_layout (printer)));
  g_print ("%s %s — %s\n", _ ("State:"), kp_printer_state_to_string (state),
           kp_printer_state_describe (state));
}

int
ctl_printer_status (const KpCtlSlipOptions *options, const char *argument, GError **error)
{
  g_autoptr (KpPrinter) printer = kp_printer_new_from_config (options->config);
  KpPrinterState state = kp_printer_query_state (printer, NULL);

  if (options->json)
    print_status_json (printer, destination_kind (options->config), state);
  else
    print_status_text (printer, state);
  return EXIT_OK;
}
