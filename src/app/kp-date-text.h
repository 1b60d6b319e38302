/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Dates and times as a resident reads and hears them, in the session's
 * language: "Tuesday 8 December", "9:10". The names come from gettext, not
 * from the C locale, because the kiosk switches language per session.
 * (transfer full)
 */
char *kp_date_text_format_day (const GDate *date);
char *kp_date_text_format_time (GDateTime *time);
/* "Tuesday", for a calendar's column */
char *kp_date_text_format_weekday (GDateWeekday weekday);
/* "December 2026", for a calendar's heading */
char *kp_date_text_format_month (const GDate *date);
/*
 * A time as it is said aloud, for speech mode: "ten past nine",
 * "quarter to ten"; in Dutch "tien over negen", "tien voor half tien".
 * Hours on the twelve-hour clock, as people say them. (transfer full)
 */
char *kp_date_text_format_spoken_time (GDateTime *time);
/* "Tuesday 8 December at 9:10" */
char *kp_date_text_format_day_and_time (GDateTime *time);

/* A GDate as "YYYY-MM-DD", and back; parsing fails for anything else. */
char *kp_date_text_to_iso (const GDate *date);
gboolean kp_date_text_parse_iso (const char *text, GDate *date);

G_END_DECLS
