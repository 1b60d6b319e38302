/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-ipp-test-helpers.h"
#include "kp-printer.h"
#include "kp-slip.h"
#include "kp-test-helpers.h"

/*
 * How long a resident waits for the slip: from "print" to the job accepted
 * by a real IPP printer (ippeveprinter), with and without rendering the
 * slip first, and how large the slip's PDF is in each layout. Prints
 * figures; asserts nothing about them.
 *   meson test -C BUILD --benchmark print
 */

#define ROUNDS 20

static int
compare_times (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
print_figures (const char *what, GArray *samples)
{
  g_array_sort (samples, compare_times);
  g_print ("  %-40s median %7.2f ms   min %7.2f ms   max %7.2f ms   (%u prints)\n", what,
           g_array_index (samples, gint64, samples->len / 2) / 1000.0,
           g_array_index (samples, gint64, 0) / 1000.0,
           g_array_index (samples, gint64, samples->len - 1) / 1000.0, samples->len);
}

/* A slip like the appointment slip a resident takes home. (transfer full) */
static KpSlip *
make_slip (KpConfig *config)
{
  KpSlip *slip = kp_slip_new_for_kiosk (config, "Afspraak", "KP-7H3Q-9MXC");

  kp_slip_add_line (slip, "Wat", "Paspoort aanvragen");
  kp_slip_add_line (slip, "Wanneer", "dinsdag 4 juni 2024, 10:30");
  kp_slip_add_line (slip, "Waar", "Gemeentehuis Lindeveen, Marktplein 1, balie 3");
  kp_slip_add_bring_item (slip, "Uw oude paspoort");
  kp_slip_add_bring_item (slip, "Een pasfoto die niet ouder is dan 6 maanden");
  return slip;
}

static GBytes *
render (KpSlip *slip, KpSlipLayout layout)
{
  g_autoptr (GError) error = NULL;
  GBytes *pdf = kp_slip_render_pdf (slip, layout, &error);

  if (pdf == NULL)
    g_error ("rendering: %s", error->message);
  return pdf;
}

/* Prints @pdf and returns how long until the printer accepted it. */
static gint64
time_print (KpPrinter *printer, GBytes *pdf)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpPrintResult) result = kp_printer_print (printer, pdf, "KP-7H3Q-9MXC", NULL, &error);

  if (result == NULL)
    g_error ("printing: %s", error->message);
  return kp_print_result_get_accepted_usec (result);
}

int
main (int argc, char *argv[])
{
  g_autofree char *home = kp_test_init_home ();
  g_autofree char *spool = kp_test_make_tmpdir ("spool");
  g_autoptr (KpConfig) config = kp_config_new_default ();
  g_autoptr (KpSlip) slip = make_slip (config);
  g_autoptr (GArray) accepted = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) confirm_to_accepted = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (KpTestIppPrinter) ipp = NULL;
  g_autoptr (KpPrinter) printer = NULL;
  const char *why_not = NULL;

  g_print ("Slip PDF size:\n");
  for (KpSlipLayout layout = KP_SLIP_LAYOUT_RECEIPT; layout <= KP_SLIP_LAYOUT_A4; layout++)
    {
      g_autoptr (GBytes) pdf = render (slip, layout);

      g_print ("  %-8s %7zu bytes\n", kp_slip_layout_to_string (layout), g_bytes_get_size (pdf));
    }

  if (!kp_test_ipp_services_start (&why_not))
    {
      g_print ("No printing figures: %s\n", why_not);
      return 0;
    }
  ipp = kp_test_ipp_printer_start (spool, "/bin/true");
  printer = kp_printer_new_for_uri (kp_test_ipp_printer_get_uri (ipp));

  for (guint round = 0; round < ROUNDS; round++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr (GBytes) pdf = render (slip, KP_SLIP_LAYOUT_RECEIPT);
      gint64 rendering = g_get_monotonic_time () - start;
      gint64 printing = time_print (printer, pdf);
      gint64 total = rendering + printing;

      g_array_append_val (accepted, printing);
      g_array_append_val (confirm_to_accepted, total);
    }
  g_print ("Printing an 80 mm receipt slip to ippeveprinter (IPP, no cupsd):\n");
  print_figures ("print to job accepted", accepted);
  print_figures ("render + print to job accepted", confirm_to_accepted);

  g_clear_pointer (&ipp, kp_test_ipp_printer_free);
  kp_test_ipp_services_stop ();
  kp_test_remove_tree (home);
  return 0;
}
