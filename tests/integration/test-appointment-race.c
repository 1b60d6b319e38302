/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-embedded-agenda.h"
#include "kp-qmatic-backend.h"
#include "kp-qmatic-server.h"
#include "kp-store-private.h"
#include "kp-test-helpers.h"

#include <gio/gio.h>
#include <string.h>

/* Rounds of two bookers against one last place. */
#define N_ROUNDS 50

/*
 * The agenda kp-appointment-booker books in: every day 08:00–20:00 in
 * slots of 5 minutes with one place each.
 */
static const char race_agenda[] = "[product paspoort]\n"
                                  "name=Paspoort\n"
                                  "[location stadhuis]\n"
                                  "name=Stadhuis\n"
                                  "products=paspoort\n"
                                  "slot-minutes=5\n"
                                  "capacity=1\n"
                                  "monday=08:00-20:00\n"
                                  "tuesday=08:00-20:00\n"
                                  "wednesday=08:00-20:00\n"
                                  "thursday=08:00-20:00\n"
                                  "friday=08:00-20:00\n"
                                  "saturday=08:00-20:00\n"
                                  "sunday=08:00-20:00\n";

/* A day ahead, so every slot of it is still to come. */
static void
find_day_ahead (GDate *date, guint days)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
  g_date_add_days (date, days);
}

static char *
format_date (const GDate *date)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  return g_strdup (text);
}

static GSubprocess *
start_booker (const char *database,
              const char *agenda,
              const char *date,
              const char *barrier,
              const char *name,
              const char *other)
{
  g_autofree char *booker = kp_test_program ("KERNPUNT_APPOINTMENT_BOOKER");
  g_autofree char *rounds = g_strdup_printf ("%d", N_ROUNDS);
  g_autoptr (GError) error = NULL;
  GSubprocess *process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, booker, database,
                                           agenda, date, rounds, barrier, name, other, NULL);

  g_assert_no_error (error);
  return process;
}

/* What one booker printed, one line per round. (transfer full) */
static GStrv
finish_booker (GSubprocess *process)
{
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;

  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  return g_strsplit (g_strstrip (out), "\n", -1);
}

static int
query_int (KpStore *store, const char *sql)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (kp_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int (stmt, 0);
}

/* "08:05" for round @round's slot. (transfer full) */
static char *
slot_clock (guint round)
{
  guint minutes = 8 * 60 + 5 * round;

  return g_strdup_printf ("%02u:%02u", minutes / 60, minutes % 60);
}

/*
 * Two processes on one database book the same last place, round after
 * round: each time exactly one wins, and the other is told the place is
 * taken and offered the next slot.
 */
static void
test_two_processes (void)
{
  g_autofree char *dir = kp_test_make_tmpdir ("race");
  g_autofree char *database = g_build_filename (dir, "kernpunt.db", NULL);
  g_autofree char *agenda = g_build_filename (dir, "agenda.conf", NULL);
  g_autofree char *barrier = g_build_filename (dir, "barrier", NULL);
  g_autofree char *date_text = NULL;
  g_autoptr (GSubprocess) first = NULL;
  g_autoptr (GSubprocess) second = NULL;
  g_auto (GStrv) first_lines = NULL;
  g_auto (GStrv) second_lines = NULL;
  g_autoptr (KpStore) store = NULL;
  g_autoptr (GError) error = NULL;
  guint first_wins = 0;
  GDate date;

  find_day_ahead (&date, 3);
  date_text = format_date (&date);
  kp_test_write_file (dir, "agenda.conf", race_agenda);
  g_assert_cmpint (g_mkdir_with_parents (barrier, 0700), ==, 0);

  first = start_booker (database, agenda, date_text, barrier, "a", "b");
  second = start_booker (database, agenda, date_text, barrier, "b", "a");
  first_lines = finish_booker (first);
  second_lines = finish_booker (second);
  g_assert_cmpuint (g_strv_length (first_lines), ==, N_ROUNDS);
  g_assert_cmpuint (g_strv_length (second_lines), ==, N_ROUNDS);

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      g_autofree char *won = g_strdup_printf ("won %u", round);
      g_autofree char *next = slot_clock (round + 1);
      g_autofree char *taken = g_strdup_printf ("taken %u %s", round, next);
      gboolean first_won = g_str_equal (first_lines[round], won);
      const char *loser = first_won ? second_lines[round] : first_lines[round];

      g_assert_true (first_won || g_str_equal (second_lines[round], won));
      g_assert_cmpstr (loser, ==, taken);
      first_wins += first_won;
    }
  g_test_message ("the first process won %u of %d rounds", first_wins, N_ROUNDS);

  /* One booking per slot, as the database holds it. */
  store = kp_store_open (database, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM agenda_bookings"), ==, N_ROUNDS);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT starts_at) FROM agenda_bookings"), ==,
                   N_ROUNDS);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM appointments WHERE state = 'booked'"),
                   ==, N_ROUNDS);

  /* Wrong on purpose: a second row for a taken place, skipping the count, is refused too. */
  g_assert_false (kp_store_exec (store,
                                 "INSERT INTO agenda_bookings (location_id, starts_at, seat,"
                                 "  reference)"
                                 " SELECT location_id, starts_at, seat, 'KP-7H3Q-9MXJ'"
                                 " FROM agenda_bookings LIMIT 1",
                                 &error));
  g_assert_error (error, KP_STORE_ERROR, KP_STORE_ERROR_SQL);
  g_assert_nonnull (strstr (error->message, "UNIQUE"));
  kp_test_remove_tree (dir);
}

/* ---- Two requests at once to the remote test server ---- */

#define N_REMOTE_ROUNDS 20

typedef struct
{
  KpAppointmentBackend *backend;
  GDateTime *start;
  /* Both threads wait here, so their requests leave together. */
  GMutex *lock;
  GCond *cond;
  guint *n_ready;
  gboolean won;
  GError *error;
} Booker;

static gpointer
book_when_both_ready (gpointer data)
{
  Booker *booker = data;
  g_autoptr (KpAppointment) appointment = kp_appointment_new ();

  kp_appointment_set_product (appointment, "svc", "Paspoort");
  kp_appointment_set_location (appointment, "branch", "Stadskantoor", NULL);
  kp_appointment_set_start (appointment, booker->start, 10);
  kp_appointment_set_name (appointment, "Jan Jansen", NULL);

  g_mutex_lock (booker->lock);
  (*booker->n_ready)++;
  g_cond_broadcast (booker->cond);
  while (*booker->n_ready < 2)
    g_cond_wait (booker->cond, booker->lock);
  g_mutex_unlock (booker->lock);

  booker->won = kp_appointment_backend_book (booker->backend, appointment, NULL, &booker->error);
  return NULL;
}

/* "09:00 09:05 ..." for @n slots of 5 minutes. (transfer full) */
static char *
remote_times (guint n)
{
  g_autoptr (GString) times = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (times, "%s%02u:%02u", i > 0 ? " " : "", 9 + i * 5 / 60, i * 5 % 60);
  return g_string_free (g_steal_pointer (&times), FALSE);
}

/*
 * Two kiosk threads share one Qmatic client and book the same last place
 * at the same moment: Qmatic gives it to one and answers 409 to the other.
 */
static void
test_two_remote_requests (void)
{
  static const char *const services[] = { "svc", NULL };
  g_autofree char *dir = kp_test_make_tmpdir ("race");
  g_autofree char *database = g_build_filename (dir, "kernpunt.db", NULL);
  g_autofree char *times = remote_times (N_REMOTE_ROUNDS);
  g_autofree char *date_text = NULL;
  g_autoptr (KpQmaticServer) server = kp_qmatic_server_new ("race-key");
  g_autoptr (GTimeZone) zone = g_time_zone_new_identifier ("Europe/Amsterdam");
  g_autoptr (GError) error = NULL;
  KpStore *store;
  KpQmaticBackend *qmatic;
  GDate date;

  find_day_ahead (&date, 3);
  date_text = format_date (&date);
  kp_qmatic_server_add_service (server, "svc", "Paspoort", 10, TRUE);
  kp_qmatic_server_add_branch (server, "branch", "Stadskantoor", "Europe/Amsterdam", "Markt 1",
                               "Lindeveen", services);
  kp_qmatic_server_add_times (server, "branch", "svc", date_text, times, 1);
  store = kp_store_open (database, &error);
  g_assert_no_error (error);
  qmatic = kp_qmatic_backend_new (store, kp_qmatic_server_get_url (server), "race-key", 5, &error);
  g_assert_no_error (error);

  for (guint round = 0; round < N_REMOTE_ROUNDS; round++)
    {
      g_autoptr (GDateTime) start = g_date_time_new (
          zone, g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date),
          9 + (int) (round * 5 / 60), (int) (round * 5 % 60), 0);
      GMutex lock;
      GCond cond;
      guint n_ready = 0;
      Booker bookers[2];
      GThread *threads[2];
      Booker *loser;

      g_mutex_init (&lock);
      g_cond_init (&cond);
      for (int i = 0; i < 2; i++)
        {
          bookers[i] = (Booker){ KP_APPOINTMENT_BACKEND (qmatic), start, &lock, &cond, &n_ready };
          threads[i] = g_thread_new ("booker", book_when_both_ready, &bookers[i]);
        }
      for (int i = 0; i < 2; i++)
        g_thread_join (threads[i]);
      g_mutex_clear (&lock);
      g_cond_clear (&cond);

      g_assert_true (bookers[0].won != bookers[1].won);
      loser = bookers[0].won ? &bookers[1] : &bookers[0];
      g_assert_error (loser->error, KP_APPOINTMENT_BACKEND_ERROR,
                      KP_APPOINTMENT_BACKEND_ERROR_SLOT_TAKEN);
      g_clear_error (&loser->error);
    }

  g_assert_cmpuint (kp_qmatic_server_count_appointments (server), ==, N_REMOTE_ROUNDS);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM appointments"), ==, N_REMOTE_ROUNDS);
  g_assert_finalize_object (qmatic);
  g_assert_finalize_object (store);
  kp_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);
  home = kp_test_init_home ();

  g_test_add_func ("/appointment-race/two-processes", test_two_processes);
  g_test_add_func ("/appointment-race/two-remote-requests", test_two_remote_requests);

  result = g_test_run ();
  kp_test_remove_tree (home);
  return result;
}
