/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-date-text.h"

#include <glib/gi18n.h>
#include <stdio.h>

static const char *const weekday_names[] = {
  [G_DATE_MONDAY] = N_ ("Monday"),       [G_DATE_TUESDAY] = N_ ("Tuesday"),
  [G_DATE_WEDNESDAY] = N_ ("Wednesday"), [G_DATE_THURSDAY] = N_ ("Thursday"),
  [G_DATE_FRIDAY] = N_ ("Friday"),       [G_DATE_SATURDAY] = N_ ("Saturday"),
  [G_DATE_SUNDAY] = N_ ("Sunday"),
};

/* "May" is also a verb in English: the context tells translators it is the month. */
static const char *const month_names[] = {
  [G_DATE_JANUARY] = NC_ ("month", "January"),
  [G_DATE_FEBRUARY] = NC_ ("month", "February"),
  [G_DATE_MARCH] = NC_ ("month", "March"),
  [G_DATE_APRIL] = NC_ ("month", "April"),
  [G_DATE_MAY] = NC_ ("month", "May"),
  [G_DATE_JUNE] = NC_ ("month", "June"),
  [G_DATE_JULY] = NC_ ("month", "July"),
  [G_DATE_AUGUST] = NC_ ("month", "August"),
  [G_DATE_SEPTEMBER] = NC_ ("month", "September"),
  [G_DATE_OCTOBER] = NC_ ("month", "October"),
  [G_DATE_NOVEMBER] = NC_ ("month", "November"),
  [G_DATE_DECEMBER] = NC_ ("month", "December"),
};

char *
kp_date_text_format_day (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  /* TRANSLATORS: weekday, day of the month, month: "Tuesday 8 December" */
  return g_strdup_printf (
      _ ("%1$s %2$u %3$s"), _ (weekday_names[g_date_get_weekday (date)]),
      (guint) g_date_get_day (date),
      g_dpgettext2 (GETTEXT_PACKAGE, "month", month_names[g_date_get_month (date)]));
}

char *
kp_date_text_format_weekday (GDateWeekday weekday)
{
  g_return_val_if_fail (g_date_valid_weekday (weekday), NULL);

  return g_strdup (_ (weekday_names[weekday]));
}

char *
kp_date_text_format_month (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  /* TRANSLATORS: a month and its year: "December 2026" */
  return g_strdup_printf (
      _ ("%1$s %2$u"),
      g_dpgettext2 (GETTEXT_PACKAGE, "month", month_names[g_date_get_month (date)]),
      (guint) g_date_get_year (date));
}

char *
kp_date_text_format_time (GDateTime *time)
{
  g_return_val_if_fail (time != NULL, NULL);

  return g_strdup_printf ("%d:%02d", g_date_time_get_hour (time), g_date_time_get_minute (time));
}

char *
kp_date_text_format_day_and_time (GDateTime *time)
{
  GDate date;
  g_autofree char *day = NULL;
  g_autofree char *clock = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (time),
                  (GDateMonth) g_date_time_get_month (time),
                  (GDateYear) g_date_time_get_year (time));
  day = kp_date_text_format_day (&date);
  clock = kp_date_text_format_time (time);
  /* TRANSLATORS: a day and a time: "Tuesday 8 December at 9:10" */
  return g_strdup_printf (_ ("%1$s at %2$s"), day, clock);
}

char *
kp_date_text_to_iso (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u", (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date), (guint) g_date_get_day (date));
}

gboolean
kp_date_text_parse_iso (const char *text, GDate *date)
{
  guint year = 0;
  guint month = 0;
  guint day = 0;
  char end = '\0';

  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3
      || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}
