/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-date-choices.h"

#include "kp-date-text.h"
#include "kp-submission.h"

#include <glib/gi18n.h>
#include <stdio.h>

#define RECENT_DAYS 7

void
kp_date_choices_add (KpFormStep *step)
{
  g_return_if_fail (KP_IS_FORM_STEP (step));

  for (guint days_ago = 0; days_ago < RECENT_DAYS; days_ago++)
    {
      g_autoptr (GDate) date = g_date_new ();
      g_autofree char *id = NULL;
      g_autofree char *label = NULL;

      g_date_set_time_t (date, time (NULL));
      g_date_subtract_days (date, days_ago);
      id = kp_date_text_to_iso (date);
      label = kp_date_text_format_day (date);
      if (days_ago == 0)
        kp_form_step_add_choice (step, id, NULL, _ ("Today"), label);
      else if (days_ago == 1)
        kp_form_step_add_choice (step, id, NULL, _ ("Yesterday"), label);
      else
        kp_form_step_add_choice (step, id, NULL, label, NULL);
    }
  kp_form_step_add_choice (step, KP_DATE_CHOICES_EARLIER, NULL, _ ("Earlier"), NULL);
}

/* Typed as a person writes a date in Dutch: day, month, year. */
gboolean
kp_date_choices_parse (const char *answer, GDate *date, GError **error)
{
  guint day = 0, month = 0, year = 0;
  char rest = '\0';

  g_return_val_if_fail (date != NULL, FALSE);

  if (answer != NULL && kp_date_text_parse_iso (answer, date))
    return TRUE;
  if (answer != NULL && sscanf (answer, " %u-%u-%u %c", &day, &month, &year, &rest) == 3
      && year >= 1000 && year <= 9999 && g_date_valid_dmy (day, month, year))
    {
      g_date_set_dmy (date, day, month, year);
      return TRUE;
    }
  g_set_error_literal (error, KP_SUBMISSION_ERROR, KP_SUBMISSION_ERROR_INVALID,
                       _ ("Type the date as day-month-year, for example 15-11-2025."));
  return FALSE;
}
