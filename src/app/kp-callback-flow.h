/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <adwaita.h>

#include "kp-config.h"
#include "kp-outbox.h"
#include "kp-printer.h"

G_BEGIN_DECLS

/*
 * "Call me back": what about, the resident's name and phone number, and
 * the part of the day that suits them. The check screen and the receipt
 * give the promise with its real date: "we call you within 2 working days".
 */
#define KP_TYPE_CALLBACK_FLOW (kp_callback_flow_get_type ())
G_DECLARE_FINAL_TYPE (KpCallbackFlow, kp_callback_flow, KP, CALLBACK_FLOW, AdwBin)

GtkWidget *kp_callback_flow_new (KpConfig *config, KpOutbox *outbox, KpPrinter *printer);

G_END_DECLS
