/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-test-helpers.h"
#include "kp-working-days.h"

static void
set_date (GDate *date, guint year, GDateMonth month, guint day)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, month, (GDateYear) year);
}

/* Known dates of Easter Sunday, including the earliest and latest there can be. */
static void
test_easter (void)
{
  const struct
  {
    guint year;
    GDateMonth month;
    guint day;
  } cases[] = {
    { 1818, G_DATE_MARCH, 22 }, { 1943, G_DATE_APRIL, 25 }, { 2000, G_DATE_APRIL, 23 },
    { 2019, G_DATE_APRIL, 21 }, { 2024, G_DATE_MARCH, 31 }, { 2025, G_DATE_APRIL, 20 },
    { 2026, G_DATE_APRIL, 5 },  { 2027, G_DATE_MARCH, 28 }, { 2028, G_DATE_APRIL, 16 },
    { 2038, G_DATE_APRIL, 25 }, { 2285, G_DATE_MARCH, 22 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate easter;
      GDate expected;

      kp_working_days_get_easter (cases[i].year, &easter);
      set_date (&expected, cases[i].year, cases[i].month, cases[i].day);
      g_test_message ("Easter %u", cases[i].year);
      g_assert_cmpint (g_date_compare (&easter, &expected), ==, 0);
      g_assert_cmpint (g_date_get_weekday (&easter), ==, G_DATE_SUNDAY);
    }
}

typedef struct
{
  GDateMonth month;
  guint day;
  KpHoliday holiday;
} HolidayDate;

/*
 * Every public holiday of @year that @holidays lists, and no other day of
 * the year, is one; every weekday that is not one is a working day.
 * Returns the number of working days.
 */
static guint
check_year (guint year, const HolidayDate *holidays, gsize n_holidays)
{
  GDate date;
  guint n_working = 0;

  for (set_date (&date, year, G_DATE_JANUARY, 1); g_date_get_year (&date) == year;
       g_date_add_days (&date, 1))
    {
      KpHoliday expected = KP_HOLIDAY_NONE;
      GDateWeekday weekday = g_date_get_weekday (&date);

      for (gsize i = 0; i < n_holidays; i++)
        {
          if (holidays[i].month == g_date_get_month (&date)
              && holidays[i].day == g_date_get_day (&date))
            expected = holidays[i].holiday;
        }
      g_test_message ("%u-%02d-%02u", year, g_date_get_month (&date), g_date_get_day (&date));
      g_assert_cmpint (kp_working_days_get_holiday (&date), ==, expected);
      g_assert_cmpint (kp_working_days_is_working_day (&date), ==,
                       expected == KP_HOLIDAY_NONE && weekday != G_DATE_SATURDAY
                           && weekday != G_DATE_SUNDAY);
      if (expected != KP_HOLIDAY_NONE)
        g_assert_nonnull (kp_holiday_get_name (expected));
      n_working += kp_working_days_is_working_day (&date) ? 1 : 0;
    }
  return n_working;
}

static void
test_year_2026 (void)
{
  /* Good Friday (3 April) is not among them: town halls are open. */
  const HolidayDate holidays[] = {
    { G_DATE_JANUARY, 1, KP_HOLIDAY_NEW_YEARS_DAY },
    { G_DATE_APRIL, 5, KP_HOLIDAY_EASTER_SUNDAY },
    { G_DATE_APRIL, 6, KP_HOLIDAY_EASTER_MONDAY },
    { G_DATE_APRIL, 27, KP_HOLIDAY_KINGS_DAY },
    { G_DATE_MAY, 5, KP_HOLIDAY_LIBERATION_DAY },
    { G_DATE_MAY, 14, KP_HOLIDAY_ASCENSION_DAY },
    { G_DATE_MAY, 24, KP_HOLIDAY_WHIT_SUNDAY },
    { G_DATE_MAY, 25, KP_HOLIDAY_WHIT_MONDAY },
    { G_DATE_DECEMBER, 25, KP_HOLIDAY_CHRISTMAS_DAY },
    { G_DATE_DECEMBER, 26, KP_HOLIDAY_BOXING_DAY },
  };

  /* 261 weekdays, of which seven are holidays (26 December is a Saturday). */
  g_assert_cmpuint (check_year (2026, holidays, G_N_ELEMENTS (holidays)), ==, 254);
}

static void
test_year_2025 (void)
{
  /* 27 April 2025 is a Sunday, so King's Day is on Saturday the 26th. */
  const HolidayDate holidays[] = {
    { G_DATE_JANUARY, 1, KP_HOLIDAY_NEW_YEARS_DAY },
    { G_DATE_APRIL, 20, KP_HOLIDAY_EASTER_SUNDAY },
    { G_DATE_APRIL, 21, KP_HOLIDAY_EASTER_MONDAY },
    { G_DATE_APRIL, 26, KP_HOLIDAY_KINGS_DAY },
    { G_DATE_MAY, 5, KP_HOLIDAY_LIBERATION_DAY },
    { G_DATE_MAY, 29, KP_HOLIDAY_ASCENSION_DAY },
    { G_DATE_JUNE, 8, KP_HOLIDAY_WHIT_SUNDAY },
    { G_DATE_JUNE, 9, KP_HOLIDAY_WHIT_MONDAY },
    { G_DATE_DECEMBER, 25, KP_HOLIDAY_CHRISTMAS_DAY },
    { G_DATE_DECEMBER, 26, KP_HOLIDAY_BOXING_DAY },
  };

  /* 261 weekdays; 1 Jan, 21 Apr, 5 May, 29 May, 9 Jun, 25 and 26 Dec fall on one. */
  g_assert_cmpuint (check_year (2025, holidays, G_N_ELEMENTS (holidays)), ==, 254);
}

static void
test_add (void)
{
  const struct
  {
    guint from[3];
    guint n_days;
    guint expected[3];
    const char *why;
  } cases[] = {
    { { 2026, 11, 27 }, 2, { 2026, 12, 1 }, "Friday: over the weekend" },
    { { 2026, 11, 28 }, 2, { 2026, 12, 1 }, "Saturday: the day itself does not count" },
    { { 2026, 11, 24 }, 2, { 2026, 11, 26 }, "Tuesday: an ordinary week" },
    { { 2026, 4, 2 }, 2, { 2026, 4, 7 }, "Good Friday works, Easter Monday does not" },
    { { 2026, 4, 24 }, 2, { 2026, 4, 29 }, "over the weekend and King's Day" },
    { { 2026, 5, 4 }, 1, { 2026, 5, 6 }, "over Liberation Day" },
    { { 2026, 5, 13 }, 2, { 2026, 5, 18 }, "over Ascension Day and the weekend" },
    { { 2026, 5, 22 }, 2, { 2026, 5, 27 }, "over Whitsun" },
    { { 2026, 12, 23 }, 2, { 2026, 12, 28 }, "over Christmas" },
    { { 2026, 12, 31 }, 2, { 2027, 1, 5 }, "over New Year's Day and the weekend" },
    { { 2026, 11, 27 }, 0, { 2026, 11, 27 }, "no days at all" },
    { { 2026, 11, 27 }, 10, { 2026, 12, 11 }, "two weeks" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GDate) result = NULL;
      GDate from;
      GDate expected;

      set_date (&from, cases[i].from[0], cases[i].from[1], cases[i].from[2]);
      set_date (&expected, cases[i].expected[0], cases[i].expected[1], cases[i].expected[2]);
      result = kp_working_days_add (&from, cases[i].n_days);
      g_test_message ("%s", cases[i].why);
      g_assert_cmpint (g_date_compare (result, &expected), ==, 0);
    }
}

/*
 * From every day of a year, two working days later is a working day with
 * exactly two working days after the start up to and including it.
 */
static void
test_add_across_year (void)
{
  GDate date;

  for (set_date (&date, 2026, G_DATE_JANUARY, 1); g_date_get_year (&date) == 2026;
       g_date_add_days (&date, 1))
    {
      g_autoptr (GDate) promised = kp_working_days_add (&date, 2);
      GDate day = date;
      guint n_working = 0;

      g_assert_true (kp_working_days_is_working_day (promised));
      g_assert_cmpint (g_date_days_between (&date, promised), <=, 6);
      while (g_date_compare (&day, promised) < 0)
        {
          g_date_add_days (&day, 1);
          n_working += kp_working_days_is_working_day (&day) ? 1 : 0;
        }
      g_assert_cmpuint (n_working, ==, 2);
    }
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();
  int result;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/working-days/easter", test_easter);
  g_test_add_func ("/working-days/year-2026", test_year_2026);
  g_test_add_func ("/working-days/year-2025", test_year_2025);
  g_test_add_func ("/working-days/add", test_add);
  g_test_add_func ("/working-days/add-across-year", test_add_across_year);

  result = g_test_run ();
  kp_test_remove_tree (home);
  return result;
}
