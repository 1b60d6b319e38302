/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-ipp-test-helpers.h"

#include "kp-test-helpers.h"

#include <fcntl.h>
#include <gio/gio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <unistd.h>

#define SYSTEM_BUS_SOCKET "/run/dbus/system_bus_socket"
#define SYSTEM_BUS_PID    "/run/dbus/pid"
/* Long enough for the other test program holding it to finish. */
#define LOCK_WAIT_SECONDS 300
#define START_WAIT_USEC   (10 * G_USEC_PER_SEC)

struct _KpTestIppPrinter
{
  GSubprocess *process;
  guint16 port;
  char *uri;
  char *spool_dir;
  char *log_path;
};

/* What kp_test_ipp_services_start() did, so that stopping undoes only that. */
static struct
{
  int lock_fd;
  GPid dbus_pid;
  gboolean started_avahi;
} services = { -1, 0, FALSE };

static gboolean
system_bus_answers (void)
{
  g_autoptr (GDBusConnection) bus = g_dbus_connection_new_for_address_sync (
      "unix:path=" SYSTEM_BUS_SOCKET,
      G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
          | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
      NULL, NULL, NULL);

  if (bus != NULL)
    g_dbus_connection_close_sync (bus, NULL, NULL);
  return bus != NULL;
}

static gboolean
avahi_runs (void)
{
  g_auto (KpTestRun) run = { 0 };
  const char *argv[] = { "avahi-daemon", "--check", NULL };

  kp_test_run_argv (&run, argv);
  return run.status == 0;
}

/* Waits, within bounds, for another test program to finish with the services. */
static void
take_lock (void)
{
  g_autofree char *path = g_build_filename (
      g_file_test ("/run/lock", G_FILE_TEST_IS_DIR) ? "/run/lock" : g_get_tmp_dir (),
      "kernpunt-ipp-tests.lock", NULL);

  services.lock_fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  g_assert_cmpint (services.lock_fd, >=, 0);
  for (guint i = 0; flock (services.lock_fd, LOCK_EX | LOCK_NB) != 0; i++)
    {
      if (i == LOCK_WAIT_SECONDS)
        g_error ("Another test program kept %s for %d s", path, LOCK_WAIT_SECONDS);
      g_usleep (G_USEC_PER_SEC);
    }
}

static void
start_system_bus (void)
{
  g_auto (KpTestRun) run = { 0 };
  const char *argv[] = { "dbus-daemon", "--system", "--fork", "--print-pid", NULL };

  g_assert_cmpint (g_mkdir_with_parents ("/run/dbus", 0755), ==, 0);
  /* The bus does not answer, so a pid file left behind is stale and would stop it starting. */
  unlink (SYSTEM_BUS_PID);
  kp_test_run_argv (&run, argv);
  kp_test_assert_success (&run);
  services.dbus_pid = (GPid) atoi (run.out);
  g_assert_cmpint (services.dbus_pid, >, 0);
}

static void
start_avahi (void)
{
  g_auto (KpTestRun) run = { 0 };
  const char *argv[] = { "avahi-daemon", "--daemonize", NULL };
  gint64 give_up = g_get_monotonic_time () + START_WAIT_USEC;

  kp_test_run_argv (&run, argv);
  g_assert_cmpint (run.status, ==, 0);
  services.started_avahi = TRUE;
  while (!avahi_runs ())
    {
      g_assert_cmpint (g_get_monotonic_time (), <, give_up);
      g_usleep (50 * 1000);
    }
}

gboolean
kp_test_ipp_services_start (const char **why_not)
{
  take_lock ();
  if (system_bus_answers () && avahi_runs ())
    return TRUE;
  if (geteuid () != 0)
    {
      *why_not = "ippeveprinter needs avahi-daemon and the system D-Bus, which are not running; "
                 "only root can start them";
      return FALSE;
    }
  if (!system_bus_answers ())
    start_system_bus ();
  if (!avahi_runs ())
    start_avahi ();
  return TRUE;
}

void
kp_test_ipp_services_stop (void)
{
  if (services.started_avahi)
    {
      g_auto (KpTestRun) run = { 0 };
      const char *argv[] = { "avahi-daemon", "--kill", NULL };

      kp_test_run_argv (&run, argv);
      services.started_avahi = FALSE;
    }
  if (services.dbus_pid > 0)
    {
      kill (services.dbus_pid, SIGTERM);
      services.dbus_pid = 0;
    }
  if (services.lock_fd >= 0)
    close (services.lock_fd);
  services.lock_fd = -1;
}

/* (transfer full) */
static GSocketConnection *
connect_to_printer (KpTestIppPrinter *printer, GError **error)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();

  return g_socket_client_connect_to_host (client, "127.0.0.1", printer->port, NULL, error);
}

static void
wait_until_answering (KpTestIppPrinter *printer)
{
  gint64 give_up = g_get_monotonic_time () + START_WAIT_USEC;

  while (TRUE)
    {
      g_autoptr (GSocketConnection) connection = connect_to_printer (printer, NULL);

      if (connection != NULL)
        return;
      if (g_get_monotonic_time () > give_up)
        {
          g_autofree char *log = kp_test_ipp_printer_dup_log (printer);

          g_error ("ippeveprinter did not start on port %u:\n%s", printer->port, log);
        }
      g_usleep (50 * 1000);
    }
}

/* A printer left running by a test that crashed would hold its port and spool. */
static void
die_with_test (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

KpTestIppPrinter *
kp_test_ipp_printer_start (const char *spool_dir, const char *command)
{
  static guint counter;
  g_autoptr (GSubprocessLauncher) launcher
      = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  KpTestIppPrinter *printer = g_new0 (KpTestIppPrinter, 1);

  printer->port = kp_test_pick_free_port ();
  printer->uri = g_strdup_printf ("ipp://127.0.0.1:%u/ipp/print", printer->port);
  printer->spool_dir = g_strdup (spool_dir);
  printer->log_path = g_strdup_printf ("%s.log", spool_dir);
  g_assert_cmpint (g_mkdir_with_parents (spool_dir, 0700), ==, 0);

  g_ptr_array_add (argv, g_strdup ("ippeveprinter"));
  g_ptr_array_add (argv, g_strdup ("-p"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", printer->port));
  g_ptr_array_add (argv, g_strdup ("-d"));
  g_ptr_array_add (argv, g_strdup (spool_dir));
  g_ptr_array_add (argv, g_strdup ("-k"));
  g_ptr_array_add (argv, g_strdup ("-f"));
  g_ptr_array_add (argv, g_strdup ("application/pdf,image/pwg-raster"));
  if (command != NULL)
    {
      g_ptr_array_add (argv, g_strdup ("-c"));
      g_ptr_array_add (argv, g_strdup (command));
    }
  /* A name of its own, so avahi sees no clash with another test's printer. */
  g_ptr_array_add (argv, g_strdup_printf ("KernpuntTest-%d-%u", (int) getpid (), ++counter));
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_set_stdout_file_path (launcher, printer->log_path);
  g_subprocess_launcher_set_child_setup (launcher, die_with_test, NULL, NULL);
  printer->process
      = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  wait_until_answering (printer);
  return printer;
}

const char *
kp_test_ipp_printer_get_uri (KpTestIppPrinter *printer)
{
  return printer->uri;
}

void
kp_test_ipp_printer_empty_trays (KpTestIppPrinter *printer)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocketConnection) connection = connect_to_printer (printer, &error);
  g_autofree char *request
      = g_strdup_printf ("GET /media?size1=na_letter_8.5x11in&type1=stationery&level1=0"
                         "&size3=na_number-10_4.125x9.5in&type3=envelope&level3=0 HTTP/1.1\r\n"
                         "Host: 127.0.0.1:%u\r\nConnection: close\r\n\r\n",
                         printer->port);
  GOutputStream *output;
  g_autoptr (GDataInputStream) input = NULL;
  g_autofree char *status_line = NULL;

  g_assert_no_error (error);
  output = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_output_stream_write_all (output, request, strlen (request), NULL, NULL, &error);
  g_assert_no_error (error);
  input = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  status_line = g_data_input_stream_read_line (input, NULL, NULL, &error);
  g_assert_no_error (error);
  kp_test_assert_contains (status_line, " 200 ");
}

void
kp_test_ipp_printer_freeze (KpTestIppPrinter *printer)
{
  g_subprocess_send_signal (printer->process, SIGSTOP);
}

void
kp_test_ipp_printer_kill (KpTestIppPrinter *printer)
{
  g_autoptr (GError) error = NULL;

  if (printer->process == NULL)
    return;
  g_subprocess_force_exit (printer->process);
  g_subprocess_wait (printer->process, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&printer->process);
}

char *
kp_test_ipp_printer_dup_log (KpTestIppPrinter *printer)
{
  char *log = NULL;

  if (!g_file_get_contents (printer->log_path, &log, NULL, NULL))
    return g_strdup ("");
  return log;
}

static int
compare_job_numbers (gconstpointer a, gconstpointer b)
{
  const char *path_a = *(const char *const *) a;
  const char *path_b = *(const char *const *) b;
  g_autofree char *name_a = g_path_get_basename (path_a);
  g_autofree char *name_b = g_path_get_basename (path_b);

  return atoi (name_a) - atoi (name_b);
}

GPtrArray *
kp_test_ipp_printer_list_documents (KpTestIppPrinter *printer)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = g_dir_open (printer->spool_dir, 0, &error);
  GPtrArray *documents = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_suffix (name, ".pdf"))
        g_ptr_array_add (documents, g_build_filename (printer->spool_dir, name, NULL));
    }
  g_ptr_array_sort (documents, compare_job_numbers);
  return documents;
}

void
kp_test_ipp_printer_free (KpTestIppPrinter *printer)
{
  if (printer->process != NULL)
    {
      /* A frozen printer must be woken to be ended. */
      g_subprocess_send_signal (printer->process, SIGCONT);
      kp_test_ipp_printer_kill (printer);
    }
  g_free (printer->log_path);
  g_free (printer->spool_dir);
  g_free (printer->uri);
  g_free (printer);
}
