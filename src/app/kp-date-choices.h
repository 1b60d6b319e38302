/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include "kp-form-step.h"

G_BEGIN_DECLS

/*
 * "When?" as a resident answers it: a choice among the last seven days by
 * name ("Today", "Yesterday", "Monday 24 November") or "Earlier", and
 * then, for earlier, a date typed as day-month-year. Shared by the found
 * and lost flows.
 */
#define KP_DATE_CHOICES_EARLIER "earlier"

/* Adds the seven days and "Earlier" to @step; each day's id is its ISO date. */
void kp_date_choices_add (KpFormStep *step);
/*
 * Reads an answer of the choice step (an ISO date) or of the typed step
 * ("15-11-2025"). FALSE with a B1 KP_SUBMISSION_ERROR when it is no date.
 */
gboolean kp_date_choices_parse (const char *answer, GDate *date, GError **error);

G_END_DECLS
