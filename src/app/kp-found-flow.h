/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <adwaita.h>

#include "kp-config.h"
#include "kp-outbox.h"
#include "kp-printer.h"

G_BEGIN_DECLS

/*
 * "I found something": what it is (pictograms), its colour, brand and
 * marks, where and when it was found, whether it is handed in here (a
 * volunteer confirms) or kept by the finder, the finder's rights in B1,
 * and the finder's name and contact when they want to become the owner.
 * ID documents and bank cards take their own path: always handed in, no
 * brand, marks or ownership asked. The receipt is printed for the finder,
 * and a label with the reference and QR for the object.
 */
#define KP_TYPE_FOUND_FLOW (kp_found_flow_get_type ())
G_DECLARE_FINAL_TYPE (KpFoundFlow, kp_found_flow, KP, FOUND_FLOW, AdwBin)

GtkWidget *kp_found_flow_new (KpConfig *config, KpOutbox *outbox, KpPrinter *printer);

G_END_DECLS
