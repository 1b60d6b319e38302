/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * What a printer is like, as a volunteer needs to know it: a few plain
 * states made from IPP's printer-state and printer-state-reasons.
 */
typedef enum
{
  KP_PRINTER_STATE_READY,     /* idle or printing */
  KP_PRINTER_STATE_PAPER_LOW, /* still prints, but paper should be added soon */
  KP_PRINTER_STATE_NO_PAPER,
  KP_PRINTER_STATE_DOOR_OPEN, /* a door or cover is open */
  KP_PRINTER_STATE_OFFLINE,   /* answers, but is stopped, offline or jammed */
  KP_PRINTER_STATE_MISSING,   /* cannot be reached, or no such queue */
  KP_PRINTER_STATE_NONE,      /* demo mode: no printer configured, slips go to a folder */
} KpPrinterState;

/* "ready", "paper-low", "no-paper", "door-open", "offline", "missing", "none" */
const char *kp_printer_state_to_string (KpPrinterState state);
/* B1 words for a resident or volunteer, in the current gettext language. */
const char *kp_printer_state_describe (KpPrinterState state);
/* Whether a slip can be printed in this state: ready, paper-low, or none (a folder). */
gboolean kp_printer_state_can_print (KpPrinterState state);

/*
 * The state for IPP's printer-state (3 idle, 4 processing, 5 stopped) and
 * printer-state-reasons keywords such as "media-empty-report" or
 * "door-open-error". A problem that stops printing outweighs a warning.
 * (array zero-terminated=1) @reasons may be NULL.
 */
KpPrinterState kp_printer_state_from_ipp (int printer_state, const char *const *reasons);

G_END_DECLS
