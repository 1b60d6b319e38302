/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The "Found or lost something" tile's page: two large choices, found or lost. */
#define KP_TYPE_FOUND_LOST_PAGE (kp_found_lost_page_get_type ())
G_DECLARE_FINAL_TYPE (KpFoundLostPage, kp_found_lost_page, KP, FOUND_LOST_PAGE, AdwBin)

/* The pages the choices open: "found" and "lost". */
#define KP_FOUND_LOST_PAGE_FOUND "found"
#define KP_FOUND_LOST_PAGE_LOST  "lost"

GtkWidget *kp_found_lost_page_new (void);

G_END_DECLS
