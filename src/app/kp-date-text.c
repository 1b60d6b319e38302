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

/* Up to 29: the minutes before or after the hour, or the hours of a twelve-hour clock. */
static const char *const number_words[] = {
  NULL,
  NC_ ("spoken time", "one"),
  NC_ ("spoken time", "two"),
  NC_ ("spoken time", "three"),
  NC_ ("spoken time", "four"),
  NC_ ("spoken time", "five"),
  NC_ ("spoken time", "six"),
  NC_ ("spoken time", "seven"),
  NC_ ("spoken time", "eight"),
  NC_ ("spoken time", "nine"),
  NC_ ("spoken time", "ten"),
  NC_ ("spoken time", "eleven"),
  NC_ ("spoken time", "twelve"),
  NC_ ("spoken time", "thirteen"),
  NC_ ("spoken time", "fourteen"),
  NC_ ("spoken time", "fifteen"),
  NC_ ("spoken time", "sixteen"),
  NC_ ("spoken time", "seventeen"),
  NC_ ("spoken time", "eighteen"),
  NC_ ("spoken time", "nineteen"),
  NC_ ("spoken time", "twenty"),
  NC_ ("spoken time", "twenty-one"),
  NC_ ("spoken time", "twenty-two"),
  NC_ ("spoken time", "twenty-three"),
  NC_ ("spoken time", "twenty-four"),
  NC_ ("spoken time", "twenty-five"),
  NC_ ("spoken time", "twenty-six"),
  NC_ ("spoken time", "twenty-seven"),
  NC_ ("spoken time", "twenty-eight"),
  NC_ ("spoken time", "twenty-nine"),
};

static const char *
number_word (int number)
{
  return g_dpgettext2 (GETTEXT_PACKAGE, "spoken time", number_words[number]);
}

/* 0–23 on the twelve-hour clock people speak: 0 and 12 are "twelve". */
static const char *
hour_word (int hour)
{
  return number_word (hour % 12 == 0 ? 12 : hour % 12);
}

/* "ten past nine", "twenty-five to ten": the English way, from the whole hour. */
static char *
say_past_to (int hour, int minute)
{
  if (minute == 0)
    /* TRANSLATORS: a time said aloud: "nine o'clock" */
    return g_strdup_printf (_ ("%s o'clock"), hour_word (hour));
  if (minute == 15)
    /* TRANSLATORS: a time said aloud: "quarter past nine" */
    return g_strdup_printf (_ ("quarter past %s"), hour_word (hour));
  if (minute == 30)
    /* TRANSLATORS: a time said aloud, counted from the hour before: "half past nine" */
    return g_strdup_printf (_ ("half past %s"), hour_word (hour));
  if (minute == 45)
    /* TRANSLATORS: a time said aloud: "quarter to ten" */
    return g_strdup_printf (_ ("quarter to %s"), hour_word (hour + 1));
  if (minute < 30)
    /* TRANSLATORS: a time said aloud: minutes, then the hour: "ten past nine" */
    return g_strdup_printf (_ ("%1$s past %2$s"), number_word (minute), hour_word (hour));
  /* TRANSLATORS: a time said aloud: minutes, then the next hour: "twenty to ten" */
  return g_strdup_printf (_ ("%1$s to %2$s"), number_word (60 - minute), hour_word (hour + 1));
}

/*
 * "tien over negen", "tien voor half tien": the Dutch way, where the
 * twenty minutes around the half hour count from the half hour, which
 * belongs to the next hour.
 */
static char *
say_around_half (int hour, int minute)
{
  if (minute <= 15 || minute >= 45)
    return say_past_to (hour, minute);
  if (minute == 30)
    /*
     * TRANSLATORS: only for languages that count from the half hour (see
     * "spoken time style"): 9:30 is "half tien"
     */
    return g_strdup_printf (_ ("half %s"), hour_word (hour + 1));
  if (minute < 30)
    /* TRANSLATORS: only where counted from the half hour: 9:20 is "tien voor half tien" */
    return g_strdup_printf (_ ("%1$s to half %2$s"), number_word (30 - minute),
                            hour_word (hour + 1));
  /* TRANSLATORS: only where counted from the half hour: 9:40 is "tien over half tien" */
  return g_strdup_printf (_ ("%1$s past half %2$s"), number_word (minute - 30),
                          hour_word (hour + 1));
}

char *
kp_date_text_format_spoken_time (GDateTime *time)
{
  /*
   * TRANSLATORS: how a language says the time: "past-to" counts from the
   * whole hour ("twenty past nine"), "half" from the half hour for the
   * minutes around it, as Dutch does ("tien voor half tien"). Translate
   * as one of these two words, untranslated.
   */
  const char *style = C_ ("spoken time style", "past-to");

  g_return_val_if_fail (time != NULL, NULL);

  if (g_str_equal (style, "half"))
    return say_around_half (g_date_time_get_hour (time), g_date_time_get_minute (time));
  return say_past_to (g_date_time_get_hour (time), g_date_time_get_minute (time));
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
