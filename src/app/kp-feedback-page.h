/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/*
 * "Did this help?", asked after a resident touched Done: four large
 * smileys (no neutral one), then one optional follow-up with pictograms.
 * No free text anywhere. The page only asks; the window records.
 *
 * Signals: "answered" (int, a KpSatisfaction) and "followed-up" (int, a
 * KpFollowUp). "kiosk.feedback-close" ends the question.
 */
#define KP_TYPE_FEEDBACK_PAGE (kp_feedback_page_get_type ())
G_DECLARE_FINAL_TYPE (KpFeedbackPage, kp_feedback_page, KP, FEEDBACK_PAGE, AdwBin)

#define KP_FEEDBACK_SCREEN_SMILEYS   "smileys"
#define KP_FEEDBACK_SCREEN_FOLLOW_UP "follow-up"

GtkWidget *kp_feedback_page_new (void);
/* KP_FEEDBACK_SCREEN_SMILEYS, then KP_FEEDBACK_SCREEN_FOLLOW_UP once a smiley was touched. */
const char *kp_feedback_page_get_screen (KpFeedbackPage *self);

G_END_DECLS
