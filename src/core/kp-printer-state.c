/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-printer-state.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* IPP's printer-state values (RFC 8011, 5.4.11). */
#define IPP_PRINTER_STOPPED 5

static const struct
{
  const char *name;
  const char *description;
  /* Which state wins when the reasons point several ways: what stops printing first. */
  int weight;
} states[] = {
  [KP_PRINTER_STATE_READY] = { "ready", N_ ("The printer is ready."), 0 },
  [KP_PRINTER_STATE_PAPER_LOW] = { "paper-low", N_ ("The printer is almost out of paper."), 1 },
  [KP_PRINTER_STATE_NO_PAPER] = { "no-paper", N_ ("The printer has no paper."), 4 },
  [KP_PRINTER_STATE_DOOR_OPEN] = { "door-open", N_ ("A door of the printer is open."), 5 },
  [KP_PRINTER_STATE_OFFLINE] = { "offline", N_ ("The printer is not working."), 3 },
  [KP_PRINTER_STATE_MISSING] = { "missing", N_ ("The printer cannot be found."), 6 },
  [KP_PRINTER_STATE_NONE] = { "none", N_ ("There is no printer. Slips are saved as files."), 0 },
};

/*
 * printer-state-reasons keywords and what they mean here. A keyword may
 * carry a severity suffix ("-report", "-warning", "-error"); the suffix is
 * ignored, because a printer that reports it is out of paper will not
 * print a slip, whatever the severity it gives it.
 */
static const struct
{
  const char *keyword;
  KpPrinterState state;
} reasons_table[] = {
  { "media-empty", KP_PRINTER_STATE_NO_PAPER },     { "media-needed", KP_PRINTER_STATE_NO_PAPER },
  { "door-open", KP_PRINTER_STATE_DOOR_OPEN },      { "cover-open", KP_PRINTER_STATE_DOOR_OPEN },
  { "interlock-open", KP_PRINTER_STATE_DOOR_OPEN }, { "media-jam", KP_PRINTER_STATE_OFFLINE },
  { "offline", KP_PRINTER_STATE_OFFLINE },          { "shutdown", KP_PRINTER_STATE_OFFLINE },
  { "paused", KP_PRINTER_STATE_OFFLINE },           { "stopped", KP_PRINTER_STATE_OFFLINE },
  { "media-low", KP_PRINTER_STATE_PAPER_LOW },
};

const char *
kp_printer_state_to_string (KpPrinterState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (states), NULL);

  return states[state].name;
}

const char *
kp_printer_state_describe (KpPrinterState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (states), NULL);

  return _ (states[state].description);
}

gboolean
kp_printer_state_can_print (KpPrinterState state)
{
  return state == KP_PRINTER_STATE_READY || state == KP_PRINTER_STATE_PAPER_LOW
         || state == KP_PRINTER_STATE_NONE;
}

/* Whether @reason is @keyword, alone or with a "-report"-like suffix. */
static gboolean
reason_is (const char *reason, const char *keyword)
{
  gsize length = strlen (keyword);

  if (strncmp (reason, keyword, length) != 0)
    return FALSE;
  return reason[length] == '\0' || g_str_equal (reason + length, "-report")
         || g_str_equal (reason + length, "-warning") || g_str_equal (reason + length, "-error");
}

static KpPrinterState
state_of_reason (const char *reason)
{
  for (gsize i = 0; i < G_N_ELEMENTS (reasons_table); i++)
    {
      if (reason_is (reason, reasons_table[i].keyword))
        return reasons_table[i].state;
    }
  return KP_PRINTER_STATE_READY;
}

static KpPrinterState
weightiest (KpPrinterState a, KpPrinterState b)
{
  return states[b].weight > states[a].weight ? b : a;
}

KpPrinterState
kp_printer_state_from_ipp (int printer_state, const char *const *reasons)
{
  KpPrinterState state = KP_PRINTER_STATE_READY;

  for (gsize i = 0; reasons != NULL && reasons[i] != NULL; i++)
    state = weightiest (state, state_of_reason (reasons[i]));
  /* A stopped printer that gives no reason we know is still not printing. */
  if (printer_state == IPP_PRINTER_STOPPED)
    state = weightiest (state, KP_PRINTER_STATE_OFFLINE);
  return state;
}
