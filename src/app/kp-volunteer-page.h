/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <adwaita.h>

#include "kp-config.h"
#include "kp-events.h"
#include "kp-outbox.h"
#include "kp-printer-state.h"

G_BEGIN_DECLS

/*
 * The volunteer screen: the printer in plain words, counts of the outbox
 * and of found objects, a waiting help call, and today's and this week's
 * sessions as bar charts. Counts only: nothing a resident typed, no
 * reference, no name. The counts are read off the UI thread.
 *
 * The buttons are the window's "kiosk.volunteer-*" and
 * "kiosk.help-acknowledge" actions, so the window audits every one.
 */
#define KP_TYPE_VOLUNTEER_PAGE (kp_volunteer_page_get_type ())
G_DECLARE_FINAL_TYPE (KpVolunteerPage, kp_volunteer_page, KP, VOLUNTEER_PAGE, AdwBin)

/* @events is nullable: without it there are no charts. */
GtkWidget *
kp_volunteer_page_new (const char *volunteer, KpConfig *config, KpOutbox *outbox, KpEvents *events);

void kp_volunteer_page_set_printer_state (KpVolunteerPage *self, KpPrinterState state);
/* Whether a resident's help call waits for "I am coming". */
void kp_volunteer_page_set_help_waiting (KpVolunteerPage *self, gboolean waiting);
/* Whether this session has a slip to print again. */
void kp_volunteer_page_set_can_reprint (KpVolunteerPage *self, gboolean can_reprint);
/* A line under the printer: "Test print sent", "The slip is printing again", … */
void kp_volunteer_page_set_print_message (KpVolunteerPage *self, const char *message);
/* The read-aloud volume, 0–KP_SPEAKER_MAX_VOLUME; Softer and Louder stop at the ends. */
void kp_volunteer_page_set_volume (KpVolunteerPage *self, guint volume);
/* Whether the counts and charts have been read. */
gboolean kp_volunteer_page_get_counts_loaded (KpVolunteerPage *self);

G_END_DECLS
