/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-working-days.h"

#include <glib/gi18n-lib.h>

/* Days from Easter Sunday to the holidays that move with it. */
#define EASTER_MONDAY_OFFSET 1
#define ASCENSION_DAY_OFFSET 39
#define WHIT_SUNDAY_OFFSET   49
#define WHIT_MONDAY_OFFSET   50

/*
 * The anonymous Gregorian algorithm (Meeus/Jones/Butcher): plain integer
 * arithmetic that gives the date of Easter Sunday for any Gregorian year.
 */
void
kp_working_days_get_easter (guint16 year, GDate *easter)
{
  int y = year;
  int a = y % 19;
  int b = y / 100;
  int c = y % 100;
  int d = b / 4;
  int e = b % 4;
  int f = (b + 8) / 25;
  int g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4;
  int k = c % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31;
  int day = (h + l - 7 * m + 114) % 31 + 1;

  g_return_if_fail (year >= 1583);
  g_return_if_fail (easter != NULL);

  g_date_clear (easter, 1);
  g_date_set_dmy (easter, (GDateDay) day, (GDateMonth) month, year);
}

static KpHoliday
get_fixed_holiday (const GDate *date)
{
  GDateDay day = g_date_get_day (date);
  GDateMonth month = g_date_get_month (date);

  if (month == G_DATE_JANUARY && day == 1)
    return KP_HOLIDAY_NEW_YEARS_DAY;
  /* Koningsdag moves to Saturday the 26th when the 27th is a Sunday. */
  if (month == G_DATE_APRIL && day == 27 && g_date_get_weekday (date) != G_DATE_SUNDAY)
    return KP_HOLIDAY_KINGS_DAY;
  if (month == G_DATE_APRIL && day == 26 && g_date_get_weekday (date) == G_DATE_SATURDAY)
    return KP_HOLIDAY_KINGS_DAY;
  if (month == G_DATE_MAY && day == 5)
    return KP_HOLIDAY_LIBERATION_DAY;
  if (month == G_DATE_DECEMBER && day == 25)
    return KP_HOLIDAY_CHRISTMAS_DAY;
  if (month == G_DATE_DECEMBER && day == 26)
    return KP_HOLIDAY_BOXING_DAY;
  return KP_HOLIDAY_NONE;
}

static KpHoliday
get_easter_holiday (const GDate *date)
{
  GDate easter;
  int offset;

  kp_working_days_get_easter (g_date_get_year (date), &easter);
  offset = g_date_days_between (&easter, date);
  switch (offset)
    {
      case 0:
        return KP_HOLIDAY_EASTER_SUNDAY;
      case EASTER_MONDAY_OFFSET:
        return KP_HOLIDAY_EASTER_MONDAY;
      case ASCENSION_DAY_OFFSET:
        return KP_HOLIDAY_ASCENSION_DAY;
      case WHIT_SUNDAY_OFFSET:
        return KP_HOLIDAY_WHIT_SUNDAY;
      case WHIT_MONDAY_OFFSET:
        return KP_HOLIDAY_WHIT_MONDAY;
      default:
        return KP_HOLIDAY_NONE;
    }
}

KpHoliday
kp_working_days_get_holiday (const GDate *date)
{
  KpHoliday holiday;

  g_return_val_if_fail (date != NULL && g_date_valid (date), KP_HOLIDAY_NONE);
  g_return_val_if_fail (g_date_get_year (date) >= 1583, KP_HOLIDAY_NONE);

  holiday = get_fixed_holiday (date);
  return holiday != KP_HOLIDAY_NONE ? holiday : get_easter_holiday (date);
}

/* (transfer none) */
const char *
kp_holiday_get_name (KpHoliday holiday)
{
  switch (holiday)
    {
      case KP_HOLIDAY_NONE:
        return NULL;
      case KP_HOLIDAY_NEW_YEARS_DAY:
        return _ ("New Year's Day");
      case KP_HOLIDAY_EASTER_SUNDAY:
        return _ ("Easter Sunday");
      case KP_HOLIDAY_EASTER_MONDAY:
        return _ ("Easter Monday");
      case KP_HOLIDAY_KINGS_DAY:
        return _ ("King's Day");
      case KP_HOLIDAY_LIBERATION_DAY:
        return _ ("Liberation Day");
      case KP_HOLIDAY_ASCENSION_DAY:
        return _ ("Ascension Day");
      case KP_HOLIDAY_WHIT_SUNDAY:
        return _ ("Whit Sunday");
      case KP_HOLIDAY_WHIT_MONDAY:
        return _ ("Whit Monday");
      case KP_HOLIDAY_CHRISTMAS_DAY:
        return _ ("Christmas Day");
      case KP_HOLIDAY_BOXING_DAY:
        return _ ("Boxing Day");
      default:
        g_return_val_if_reached (NULL);
    }
}

gboolean
kp_working_days_is_working_day (const GDate *date)
{
  GDateWeekday weekday;

  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  weekday = g_date_get_weekday (date);
  return weekday != G_DATE_SATURDAY && weekday != G_DATE_SUNDAY
         && kp_working_days_get_holiday (date) == KP_HOLIDAY_NONE;
}

/* (transfer full): free with g_date_free() */
GDate *
kp_working_days_add (const GDate *from, guint n_days)
{
  GDate *date;

  g_return_val_if_fail (from != NULL && g_date_valid (from), NULL);

  date = g_date_copy (from);
  while (n_days > 0)
    {
      g_date_add_days (date, 1);
      if (kp_working_days_is_working_day (date))
        n_days--;
    }
  return date;
}
