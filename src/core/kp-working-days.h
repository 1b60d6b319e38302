/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Working days of a Dutch municipality: Monday to Friday, except the
 * public holidays its staff have off (the list of the CAO Gemeenten):
 * Nieuwjaarsdag, Eerste and Tweede Paasdag, Koningsdag, Bevrijdingsdag
 * (every year, not only in lustrum years: the CAO Gemeenten gives it every
 * year), Hemelvaartsdag, Eerste and Tweede Pinksterdag, Eerste and Tweede
 * Kerstdag. Goede Vrijdag is a working day: it is no general day off in
 * the Netherlands and town halls are open. A promise such as "we call you
 * within 2 working days" is computed with these.
 */

typedef enum
{
  KP_HOLIDAY_NONE,
  KP_HOLIDAY_NEW_YEARS_DAY,  /* Nieuwjaarsdag, 1 January */
  KP_HOLIDAY_EASTER_SUNDAY,  /* Eerste Paasdag */
  KP_HOLIDAY_EASTER_MONDAY,  /* Tweede Paasdag */
  KP_HOLIDAY_KINGS_DAY,      /* Koningsdag: 27 April, or 26 April when the 27th is a Sunday */
  KP_HOLIDAY_LIBERATION_DAY, /* Bevrijdingsdag, 5 May */
  KP_HOLIDAY_ASCENSION_DAY,  /* Hemelvaartsdag: Easter + 39 days */
  KP_HOLIDAY_WHIT_SUNDAY,    /* Eerste Pinksterdag: Easter + 49 days */
  KP_HOLIDAY_WHIT_MONDAY,    /* Tweede Pinksterdag: Easter + 50 days */
  KP_HOLIDAY_CHRISTMAS_DAY,  /* Eerste Kerstdag, 25 December */
  KP_HOLIDAY_BOXING_DAY,     /* Tweede Kerstdag, 26 December */
} KpHoliday;

/* Easter Sunday of @year (1583 to 9999), by the anonymous Gregorian algorithm. */
void kp_working_days_get_easter (guint16 year, GDate *easter);
/* Which public holiday @date is, or KP_HOLIDAY_NONE. */
KpHoliday kp_working_days_get_holiday (const GDate *date);
/* The holiday's name in the current gettext language. (transfer none) */
const char *kp_holiday_get_name (KpHoliday holiday);
gboolean kp_working_days_is_working_day (const GDate *date);
/*
 * The date @n_days working days after @from: @from itself does not count,
 * whether or not it is a working day. With @n_days 0, @from itself. (transfer full)
 */
GDate *kp_working_days_add (const GDate *from, guint n_days);

G_END_DECLS
