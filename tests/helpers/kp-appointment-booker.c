/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-embedded-agenda.h"

#include <stdio.h>
#include <stdlib.h>

/*
 * kp-appointment-booker DATABASE AGENDA_FILE DATE ROUNDS BARRIER_DIR NAME OTHER
 *
 * One of two bookers racing for the same places of the embedded agenda.
 * In round N both book the slot 08:00 + 5 × N minutes on DATE (Amsterdam
 * time), where the agenda has one place each. Before each round it leaves
 * a file BARRIER_DIR/N.NAME and waits for BARRIER_DIR/N.OTHER, so the two
 * processes start each round together. It prints one line per round:
 * "won N", or "taken N HH:MM" with the next free time it is offered.
 */

#define SLOT_MINUTES 5
#define FIRST_SLOT   (8 * 60)

/* Both processes reach a round within this; longer means the other one died. */
#define BARRIER_TIMEOUT_US (10 * G_USEC_PER_SEC)

static gboolean
wait_for_other (const char *barrier_dir, guint round, const char *name, const char *other)
{
  g_autofree char *own_name = g_strdup_printf ("%u.%s", round, name);
  g_autofree char *other_name = g_strdup_printf ("%u.%s", round, other);
  g_autofree char *own = g_build_filename (barrier_dir, own_name, NULL);
  g_autofree char *theirs = g_build_filename (barrier_dir, other_name, NULL);
  gint64 deadline = g_get_monotonic_time () + BARRIER_TIMEOUT_US;

  if (!g_file_set_contents (own, "", 0, NULL))
    return FALSE;
  while (!g_file_test (theirs, G_FILE_TEST_EXISTS))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_usleep (200);
    }
  return TRUE;
}

static KpAppointment *
new_appointment (GDateTime *start, const char *name)
{
  KpAppointment *appointment = kp_appointment_new ();

  kp_appointment_set_product (appointment, "paspoort", "Paspoort");
  kp_appointment_set_location (appointment, "stadhuis", "Stadhuis", NULL);
  kp_appointment_set_start (appointment, start, 0);
  kp_appointment_set_name (appointment, name, NULL);
  return appointment;
}

/* Books round @round's slot and prints how it went; FALSE on anything but a win or a loss. */
static gboolean
book_round (KpAppointmentBackend *backend,
            GTimeZone *zone,
            const GDate *date,
            guint round,
            const char *name)
{
  guint minutes = FIRST_SLOT + SLOT_MINUTES * round;
  g_autoptr (GDateTime) start
      = g_date_time_new (zone, g_date_get_year (date), g_date_get_month (date),
                         g_date_get_day (date), (int) (minutes / 60), (int) (minutes % 60), 0);
  g_autoptr (KpAppointment) appointment = new_appointment (start, name);
  g_autoptr (GDateTime) next = NULL;
  g_autofree char *next_text = NULL;
  g_autoptr (GError) error = NULL;

  if (kp_appointment_backend_book (backend, appointment, NULL, &error))
    {
      printf ("won %u\n", round);
      return TRUE;
    }
  if (!g_error_matches (error, KP_APPOINTMENT_BACKEND_ERROR,
                        KP_APPOINTMENT_BACKEND_ERROR_SLOT_TAKEN))
    {
      g_printerr ("round %u: %s\n", round, error->message);
      return FALSE;
    }
  g_clear_error (&error);
  next = kp_appointment_backend_find_next_free (backend, "paspoort", "stadhuis", start, NULL,
                                                &error);
  if (next == NULL)
    {
      g_printerr ("round %u: %s\n", round, error->message);
      return FALSE;
    }
  next_text = g_date_time_format (next, "%H:%M");
  printf ("taken %u %s\n", round, next_text);
  return TRUE;
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpStore) store = NULL;
  g_autoptr (KpEmbeddedAgenda) agenda = NULL;
  g_autoptr (GTimeZone) zone = g_time_zone_new_identifier ("Europe/Amsterdam");
  GDate date;
  guint64 rounds;
  unsigned year;
  unsigned month;
  unsigned day;

  if (argc != 8 || !g_ascii_string_to_unsigned (argv[4], 10, 1, 100, &rounds, NULL))
    {
      g_printerr ("Usage: %s DATABASE AGENDA_FILE DATE ROUNDS BARRIER_DIR NAME OTHER\n", argv[0]);
      return 2;
    }
  g_date_clear (&date, 1);
  if (sscanf (argv[3], "%u-%u-%u", &year, &month, &day) == 3
      && g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  if (!g_date_valid (&date))
    {
      g_printerr ("Not a date: %s\n", argv[3]);
      return 2;
    }

  store = kp_store_open (argv[1], &error);
  if (store != NULL)
    agenda = kp_embedded_agenda_new (store, argv[2], &error);
  if (agenda == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  /* Line by line, so the test sees every round even if a later one fails. */
  setvbuf (stdout, NULL, _IOLBF, 0);
  for (guint round = 0; round < rounds; round++)
    {
      if (!wait_for_other (argv[5], round, argv[6], argv[7]))
        {
          g_printerr ("round %u: the other booker did not come\n", round);
          return 1;
        }
      if (!book_round (KP_APPOINTMENT_BACKEND (agenda), zone, &date, round, argv[6]))
        return 1;
    }
  return 0;
}
