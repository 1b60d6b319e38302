/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include "ctl-guide.h"
#include "kp-config.h"
#include "kp-outbox.h"

G_BEGIN_DECLS

/* What the slip and printer commands work with; main.c opens the configuration and outbox. */
typedef struct
{
  KpConfig *config;
  KpOutbox *outbox;
  const char *layout; /* NULL: the configured printer's paper */
  const char *out;    /* where `slip render` writes the PDF */
  gboolean json;
  /* An appointment's slip lists what to bring from the guidance: */
  const char *content_folder; /* NULL: kp_guide_dup_default_folder () */
  const char *language;       /* NULL: the kiosk's first language */
} KpCtlSlipOptions;

/*
 * A slip or printer command. It returns an exit status (see ctl-guide.h)
 * and sets @error with EXIT_USAGE (what is wrong with the command line) and
 * EXIT_FAILED (why the command could not run).
 */
typedef int (*KpCtlSlipCommand) (const KpCtlSlipOptions *options,
                                 const char *argument,
                                 GError **error);

/*
 * `slip render REF --layout receipt|a4 --out FILE.pdf`: the slip of an
 * outbox row, or of an appointment booked at this kiosk.
 */
int ctl_slip_render (const KpCtlSlipOptions *options, const char *reference, GError **error);
/* `printer status [--json]`: the configured printer's state in words. */
int ctl_printer_status (const KpCtlSlipOptions *options, const char *argument, GError **error);

G_END_DECLS
