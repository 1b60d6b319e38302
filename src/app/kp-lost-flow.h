/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <adwaita.h>

#include "kp-config.h"
#include "kp-outbox.h"
#include "kp-printer.h"

G_BEGIN_DECLS

/*
 * "I lost something": what, its colour and since when; then the register
 * of found objects is searched (descriptions only, never the finder) and
 * its matches shown. When none is the resident's, the flow goes on to a
 * lost report with a name and a way to reach them.
 */
#define KP_TYPE_LOST_FLOW (kp_lost_flow_get_type ())
G_DECLARE_FINAL_TYPE (KpLostFlow, kp_lost_flow, KP, LOST_FLOW, AdwBin)

GtkWidget *kp_lost_flow_new (KpConfig *config, KpOutbox *outbox, KpPrinter *printer);

G_END_DECLS
