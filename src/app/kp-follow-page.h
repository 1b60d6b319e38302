/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <adwaita.h>

#include "kp-config.h"
#include "kp-outbox.h"

G_BEGIN_DECLS

/*
 * "Follow your report": the resident types the reference from their slip
 * and sees in plain words where their report is, from the local outbox.
 */
#define KP_TYPE_FOLLOW_PAGE (kp_follow_page_get_type ())
G_DECLARE_FINAL_TYPE (KpFollowPage, kp_follow_page, KP, FOLLOW_PAGE, AdwBin)

GtkWidget *kp_follow_page_new (KpConfig *config, KpOutbox *outbox);

G_END_DECLS
