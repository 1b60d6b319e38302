/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <adwaita.h>

#include "kp-camera.h"
#include "kp-config.h"
#include "kp-outbox.h"
#include "kp-printer.h"

G_BEGIN_DECLS

/*
 * "Report a problem outside" (a MOR report): the kind of problem by
 * pictograms, main then sub category; where; a description; a photo when
 * the kiosk has a camera (@camera, nullable; skipping is fine); and, when the
 * resident wants to hear back, an e-mail address or phone number with
 * their consent. Sent through the outbox; the receipt shows the reference.
 */
#define KP_TYPE_REPORT_FLOW (kp_report_flow_get_type ())
G_DECLARE_FINAL_TYPE (KpReportFlow, kp_report_flow, KP, REPORT_FLOW, AdwBin)

GtkWidget *
kp_report_flow_new (KpConfig *config, KpOutbox *outbox, KpPrinter *printer, KpCamera *camera);

G_END_DECLS
