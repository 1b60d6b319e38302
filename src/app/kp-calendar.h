/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/*
 * A month as a grid of large day buttons, for a resident choosing a day
 * further ahead: the month and year large on top, buttons to the previous
 * and next month, a column per weekday with its name above it. Only the
 * days the owner marks free can be touched; the others are greyed and
 * skipped by Tab and the arrow keys. It starts at today's month and never
 * goes back before it.
 *
 * Signals: "month-changed" when another month is shown (its free days are
 * then unknown, so none can be touched until the owner marks them), and
 * "day-chosen" (s: the day as "YYYY-MM-DD") when a free day is touched.
 */

#define KP_TYPE_CALENDAR (kp_calendar_get_type ())
G_DECLARE_FINAL_TYPE (KpCalendar, kp_calendar, KP, CALENDAR, AdwBin)

GtkWidget *kp_calendar_new (void);

/* Sets @first to the first day of the month shown. */
void kp_calendar_get_month (KpCalendar *self, GDate *first);
/* Shows the month after (or, not before today's, before) the one shown. */
void kp_calendar_show_next_month (KpCalendar *self);
void kp_calendar_show_previous_month (KpCalendar *self);
/* Marks which days of the month shown are free: @days holds GDate pointers; others are ignored. */
void kp_calendar_set_free_days (KpCalendar *self, GPtrArray *days);

/* The button of day @day (1–31) of the month shown, for tests. (nullable) (transfer none) */
GtkWidget *kp_calendar_get_day_button (KpCalendar *self, guint day);

G_END_DECLS
