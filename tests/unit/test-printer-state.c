/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-printer-state.h"
#include "kp-printer.h"
#include "kp-test-helpers.h"

/* IPP's printer-state values. */
#define IDLE       3
#define PROCESSING 4
#define STOPPED    5

/* What a printer reports, and the state a volunteer is told. */
static void
test_state_from_ipp (void)
{
  static const struct
  {
    int printer_state;
    const char *reasons[3];
    KpPrinterState expected;
  } cases[] = {
    { IDLE, { "none" }, KP_PRINTER_STATE_READY },
    { PROCESSING, { NULL }, KP_PRINTER_STATE_READY },
    { IDLE, { "media-empty-report" }, KP_PRINTER_STATE_NO_PAPER },
    { STOPPED, { "media-empty-error" }, KP_PRINTER_STATE_NO_PAPER },
    { STOPPED, { "media-needed" }, KP_PRINTER_STATE_NO_PAPER },
    { IDLE, { "media-low-warning" }, KP_PRINTER_STATE_PAPER_LOW },
    { STOPPED, { "door-open-error" }, KP_PRINTER_STATE_DOOR_OPEN },
    { STOPPED, { "cover-open" }, KP_PRINTER_STATE_DOOR_OPEN },
    { STOPPED, { "media-jam-error" }, KP_PRINTER_STATE_OFFLINE },
    { STOPPED, { "paused" }, KP_PRINTER_STATE_OFFLINE },
    { IDLE, { "offline-report" }, KP_PRINTER_STATE_OFFLINE },
    { STOPPED, { "none" }, KP_PRINTER_STATE_OFFLINE },
    { STOPPED, { "toner-low-warning" }, KP_PRINTER_STATE_OFFLINE },
    /* A problem that stops printing outweighs a warning, and an open door outweighs all. */
    { IDLE, { "media-low-warning", "media-empty-report" }, KP_PRINTER_STATE_NO_PAPER },
    { STOPPED, { "media-empty-error", "door-open-error" }, KP_PRINTER_STATE_DOOR_OPEN },
    { IDLE, { "media-low-report", "offline-report" }, KP_PRINTER_STATE_OFFLINE },
    /* Only whole keywords count: these are not "media-empty" or "offline". */
    { IDLE, { "media-empty-soon" }, KP_PRINTER_STATE_READY },
    { IDLE, { "offline-something" }, KP_PRINTER_STATE_READY },
    { IDLE, { "toner-low-warning" }, KP_PRINTER_STATE_READY },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      KpPrinterState state = kp_printer_state_from_ipp (cases[i].printer_state, cases[i].reasons);

      g_test_message ("case %zu: %s", i, cases[i].reasons[0]);
      g_assert_cmpstr (kp_printer_state_to_string (state), ==,
                       kp_printer_state_to_string (cases[i].expected));
    }
  g_assert_cmpint (kp_printer_state_from_ipp (IDLE, NULL), ==, KP_PRINTER_STATE_READY);
}

/* The words a resident or volunteer reads, in both languages, and what may print. */
static void
test_state_words (void)
{
  static const struct
  {
    KpPrinterState state;
    const char *name;
    const char *english;
    const char *dutch;
    gboolean can_print;
  } cases[] = {
    { KP_PRINTER_STATE_READY, "ready", "The printer is ready.", "De printer is klaar.", TRUE },
    { KP_PRINTER_STATE_PAPER_LOW, "paper-low", "The printer is almost out of paper.",
      "Het papier in de printer is bijna op.", TRUE },
    { KP_PRINTER_STATE_NO_PAPER, "no-paper", "The printer has no paper.",
      "Het papier in de printer is op.", FALSE },
    { KP_PRINTER_STATE_DOOR_OPEN, "door-open", "A door of the printer is open.",
      "Er staat een klepje van de printer open.", FALSE },
    { KP_PRINTER_STATE_OFFLINE, "offline", "The printer is not working.", "De printer werkt niet.",
      FALSE },
    { KP_PRINTER_STATE_MISSING, "missing", "The printer cannot be found.",
      "De printer is niet te vinden.", FALSE },
    { KP_PRINTER_STATE_NONE, "none", "There is no printer. Slips are saved as files.",
      "Er is geen printer. Bonnen worden als bestand bewaard.", TRUE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpstr (kp_printer_state_to_string (cases[i].state), ==, cases[i].name);
      g_assert_cmpint (kp_printer_state_can_print (cases[i].state), ==, cases[i].can_print);
      kp_test_set_language ("en");
      g_assert_cmpstr (kp_printer_state_describe (cases[i].state), ==, cases[i].english);
      kp_test_set_language ("nl");
      g_assert_cmpstr (kp_printer_state_describe (cases[i].state), ==, cases[i].dutch);
    }
  kp_test_set_language ("en");
}

/* Errors name the state they come from, so the help signal can show it. */
static void
test_error_states (void)
{
  static const struct
  {
    KpPrinterError code;
    KpPrinterState state;
    const char *english;
  } cases[] = {
    { KP_PRINTER_ERROR_MISSING, KP_PRINTER_STATE_MISSING, "The printer cannot be found." },
    { KP_PRINTER_ERROR_OFFLINE, KP_PRINTER_STATE_OFFLINE, "The printer is not working." },
    { KP_PRINTER_ERROR_NO_PAPER, KP_PRINTER_STATE_NO_PAPER, "The printer has no paper." },
    { KP_PRINTER_ERROR_DOOR_OPEN, KP_PRINTER_STATE_DOOR_OPEN, "A door of the printer is open." },
    { KP_PRINTER_ERROR_JOB_FAILED, KP_PRINTER_STATE_READY,
      "The printer could not print your slip." },
    { KP_PRINTER_ERROR_TIMEOUT, KP_PRINTER_STATE_READY,
      "The printer took too long. Your slip was not printed." },
    { KP_PRINTER_ERROR_SAVE, KP_PRINTER_STATE_READY, "The slip could not be saved." },
  };
  g_autoptr (GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "x");

  kp_test_set_language ("en");
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = g_error_new_literal (KP_PRINTER_ERROR, cases[i].code, "x");

      g_assert_cmpint (kp_printer_error_get_state (error), ==, cases[i].state);
      g_assert_cmpstr (kp_printer_error_describe (error), ==, cases[i].english);
    }
  g_assert_cmpint (kp_printer_error_get_state (cancelled), ==, KP_PRINTER_STATE_READY);
  g_assert_cmpstr (kp_printer_error_describe (cancelled), ==,
                   "The printer could not print your slip.");
}

int
main (int argc, char *argv[])
{
  g_autofree char *home = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  home = kp_test_init_home ();

  g_test_add_func ("/printer-state/from-ipp", test_state_from_ipp);
  g_test_add_func ("/printer-state/words", test_state_words);
  g_test_add_func ("/printer-state/errors", test_error_states);

  status = g_test_run ();
  kp_test_remove_tree (home);
  return status;
}
