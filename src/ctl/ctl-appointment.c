/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "ctl-appointment.h"

#include "ctl-common.h"
#include "ctl-guide.h"
#include "kp-appointment-backend.h"
#include "kp-appointment-case.h"
#include "kp-reference.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

/* What `dates` lists without --to: about a month, as the kiosk's first screen of days. */
#define DEFAULT_DAYS 30

typedef struct
{
  char *config_path;
  gboolean json;
  char *product;
  char *location;
  char *date;
  char *from;
  char *to;
  char *time;
  char *name;
  char *email;
  char *phone;
} Flags;

static void
flags_clear (Flags *flags)
{
  g_clear_pointer (&flags->config_path, g_free);
  g_clear_pointer (&flags->product, g_free);
  g_clear_pointer (&flags->location, g_free);
  g_clear_pointer (&flags->date, g_free);
  g_clear_pointer (&flags->from, g_free);
  g_clear_pointer (&flags->to, g_free);
  g_clear_pointer (&flags->time, g_free);
  g_clear_pointer (&flags->name, g_free);
  g_clear_pointer (&flags->email, g_free);
  g_clear_pointer (&flags->phone, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Flags, flags_clear)

/* What every command works with. */
typedef struct
{
  const Flags *flags;
  KpAppointmentBackend *backend;
  KpConfig *config;
  KpOutbox *outbox; /* where a booking goes on to the case system, if configured */
} Ctl;

typedef int (*Command) (Ctl *ctl, const char *argument, GError **error);

/* ---- Output ---- */

static int
print_builder (JsonBuilder *builder)
{
  g_autoptr (JsonNode) root = json_builder_get_root (builder);

  ctl_print_json (root);
  return EXIT_OK;
}

static void
add_string_member (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* "2026-12-01" (transfer full) */
static char *
format_date (const GDate *date)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  return g_strdup (text);
}

/* ISO 8601 with the location's offset, so scripts read the right instant and the clock time. */
static char *
format_instant (GDateTime *time)
{
  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z");
}

/* ---- Checking the command line ---- */

/* "--name: <what is wrong>": the flag a volunteer has to fix. */
static int
usage_for_flag (GError **error, const char *flag, const char *message)
{
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--%s: %s", flag, message);
  return EXIT_USAGE;
}

static int
require_flag (GError **error, const char *flag, const char *value)
{
  if (value != NULL && *value != '\0')
    return EXIT_OK;
  return usage_for_flag (error, flag, _ ("missing"));
}

static void
set_today (GDate *date)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
}

/* A reference that is unknown or already cancelled is a fact, not a wrong command line. */
static int
failure (GError **error, GError *backend_error)
{
  g_propagate_error (error, g_error_copy (backend_error));
  return EXIT_FAILED;
}

/*
 * A backend error as an exit status: a product, location or time the
 * backend does not have is a wrong command line; the rest is a failure.
 */
static int
backend_failure (GError **error, GError *backend_error)
{
  gboolean wrong_input = g_error_matches (backend_error, KP_APPOINTMENT_BACKEND_ERROR,
                                          KP_APPOINTMENT_BACKEND_ERROR_NOT_FOUND)
                         || g_error_matches (backend_error, KP_APPOINTMENT_BACKEND_ERROR,
                                             KP_APPOINTMENT_BACKEND_ERROR_INVALID);

  g_propagate_error (error, g_error_copy (backend_error));
  return wrong_input ? EXIT_USAGE : EXIT_FAILED;
}

/* ---- products, locations ---- */

static int
command_products (Ctl *ctl, const char *argument, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GPtrArray) products
      = kp_appointment_backend_list_products (ctl->backend, NULL, &local_error);
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  if (products == NULL)
    return backend_failure (error, local_error);
  if (!ctl->flags->json)
    {
      for (guint i = 0; i < products->len; i++)
        {
          KpAppointmentProduct *product = g_ptr_array_index (products, i);

          g_print ("%s\t%s\n", product->id, product->name);
        }
      return EXIT_OK;
    }

  json_builder_begin_array (builder);
  for (guint i = 0; i < products->len; i++)
    {
      KpAppointmentProduct *product = g_ptr_array_index (products, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "id", product->id);
      add_string_member (builder, "name", product->name);
      json_builder_set_member_name (builder, "duration_minutes");
      json_builder_add_int_value (builder, product->duration_minutes);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return print_builder (builder);
}

static int
command_locations (Ctl *ctl, const char *argument, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GPtrArray) locations = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  if (require_flag (error, "product", ctl->flags->product) != EXIT_OK)
    return EXIT_USAGE;
  locations = kp_appointment_backend_list_locations (ctl->backend, ctl->flags->product, NULL,
                                                     &local_error);
  if (locations == NULL)
    return backend_failure (error, local_error);
  if (!ctl->flags->json)
    {
      for (guint i = 0; i < locations->len; i++)
        {
          KpAppointmentLocation *location = g_ptr_array_index (locations, i);

          g_print ("%s\t%s\t%s\n", location->id, location->name,
                   location->address != NULL ? location->address : "");
        }
      return EXIT_OK;
    }

  json_builder_begin_array (builder);
  for (guint i = 0; i < locations->len; i++)
    {
      KpAppointmentLocation *location = g_ptr_array_index (locations, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "id", location->id);
      add_string_member (builder, "name", location->name);
      add_string_member (builder, "address", location->address);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return print_builder (builder);
}

/* ---- dates, times ---- */

static int
require_product_and_location (Ctl *ctl, GError **error)
{
  if (require_flag (error, "product", ctl->flags->product) != EXIT_OK
      || require_flag (error, "location", ctl->flags->location) != EXIT_OK)
    return EXIT_USAGE;
  return EXIT_OK;
}

/* --from (default today) and --to (default DEFAULT_DAYS later). */
static int
parse_range (const Flags *flags, GDate *from, GDate *to, GError **error)
{
  if (flags->from != NULL)
    {
      if (ctl_parse_day ("from", flags->from, from, error) != EXIT_OK)
        return EXIT_USAGE;
    }
  else
    set_today (from);
  if (flags->to != NULL)
    return ctl_parse_day ("to", flags->to, to, error);
  *to = *from;
  g_date_add_days (to, DEFAULT_DAYS);
  return EXIT_OK;
}

static int
command_dates (Ctl *ctl, const char *argument, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GPtrArray) dates = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  GDate from;
  GDate to;

  if (require_product_and_location (ctl, error) != EXIT_OK
      || parse_range (ctl->flags, &from, &to, error) != EXIT_OK)
    return EXIT_USAGE;
  dates = kp_appointment_backend_list_dates (ctl->backend, ctl->flags->product,
                                             ctl->flags->location, &from, &to, NULL, &local_error);
  if (dates == NULL)
    return backend_failure (error, local_error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < dates->len; i++)
    {
      g_autofree char *date = format_date (g_ptr_array_index (dates, i));

      if (ctl->flags->json)
        json_builder_add_string_value (builder, date);
      else
        g_print ("%s\n", date);
    }
  json_builder_end_array (builder);
  return ctl->flags->json ? print_builder (builder) : EXIT_OK;
}

/* The free times on --date. (transfer full) */
static GPtrArray *
list_times_on_date_flag (Ctl *ctl, int *status, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  GPtrArray *times;
  GDate date;

  *status = require_product_and_location (ctl, error);
  if (*status == EXIT_OK)
    *status = require_flag (error, "date", ctl->flags->date);
  if (*status == EXIT_OK)
    *status = ctl_parse_day ("date", ctl->flags->date, &date, error);
  if (*status != EXIT_OK)
    return NULL;
  times = kp_appointment_backend_list_times (ctl->backend, ctl->flags->product,
                                             ctl->flags->location, &date, NULL, &local_error);
  if (times == NULL)
    *status = backend_failure (error, local_error);
  return times;
}

static int
command_times (Ctl *ctl, const char *argument, GError **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  int status;
  g_autoptr (GPtrArray) times = list_times_on_date_flag (ctl, &status, error);

  if (times == NULL)
    return status;
  json_builder_begin_array (builder);
  for (guint i = 0; i < times->len; i++)
    {
      GDateTime *time = g_ptr_array_index (times, i);
      g_autofree char *instant = format_instant (time);
      g_autofree char *clock = g_date_time_format (time, "%H:%M");

      if (ctl->flags->json)
        json_builder_add_string_value (builder, instant);
      else
        g_print ("%s\n", clock);
    }
  json_builder_end_array (builder);
  return ctl->flags->json ? print_builder (builder) : EXIT_OK;
}

/* ---- book, show, cancel ---- */

static void
add_appointment_members (JsonBuilder *builder, KpAppointment *appointment)
{
  GDateTime *start = kp_appointment_get_start (appointment);
  g_autofree char *instant = format_instant (start);

  add_string_member (builder, "reference", kp_appointment_get_reference (appointment));
  add_string_member (builder, "state",
                     kp_appointment_state_to_string (kp_appointment_get_state (appointment)));
  add_string_member (builder, "backend", kp_appointment_get_backend_name (appointment));
  add_string_member (builder, "remote_id", kp_appointment_get_remote_id (appointment));
  add_string_member (builder, "product_id", kp_appointment_get_product_id (appointment));
  add_string_member (builder, "product_name", kp_appointment_get_product_name (appointment));
  add_string_member (builder, "location_id", kp_appointment_get_location_id (appointment));
  add_string_member (builder, "location_name", kp_appointment_get_location_name (appointment));
  add_string_member (builder, "location_address",
                     kp_appointment_get_location_address (appointment));
  add_string_member (builder, "start", instant);
  add_string_member (builder, "time_zone",
                     g_time_zone_get_identifier (g_date_time_get_timezone (start)));
  json_builder_set_member_name (builder, "duration_minutes");
  json_builder_add_int_value (builder, kp_appointment_get_duration_minutes (appointment));
  add_string_member (builder, "name", kp_appointment_get_name (appointment));
  add_string_member (builder, "email", kp_appointment_get_email (appointment));
  add_string_member (builder, "phone", kp_appointment_get_phone (appointment));
}

static void
print_field (const char *label, const char *value)
{
  if (value != NULL)
    g_print ("%-10s %s\n", label, value);
}

static int
print_appointment (Ctl *ctl, KpAppointment *appointment)
{
  g_autoptr (JsonBuilder) builder = NULL;
  g_autofree char *when = NULL;
  g_autofree char *minutes = NULL;

  if (ctl->flags->json)
    {
      builder = json_builder_new ();
      json_builder_begin_object (builder);
      add_appointment_members (builder, appointment);
      json_builder_end_object (builder);
      return print_builder (builder);
    }

  when = g_date_time_format (kp_appointment_get_start (appointment), "%Y-%m-%d %H:%M");
  if (kp_appointment_get_duration_minutes (appointment) > 0)
    minutes = g_strdup_printf (_ ("%s, %u minutes"), when,
                               kp_appointment_get_duration_minutes (appointment));
  print_field (_ ("Reference:"), kp_appointment_get_reference (appointment));
  print_field (_ ("State:"),
               kp_appointment_state_to_string (kp_appointment_get_state (appointment)));
  print_field (_ ("What:"), kp_appointment_get_product_name (appointment));
  print_field (_ ("Where:"), kp_appointment_get_location_name (appointment));
  print_field ("", kp_appointment_get_location_address (appointment));
  print_field (_ ("When:"), minutes != NULL ? minutes : when);
  print_field (_ ("Name:"), kp_appointment_get_name (appointment));
  print_field (_ ("E-mail:"), kp_appointment_get_email (appointment));
  print_field (_ ("Phone:"), kp_appointment_get_phone (appointment));
  print_field (_ ("Booked in:"), kp_appointment_get_backend_name (appointment));
  print_field (_ ("Its id:"), kp_appointment_get_remote_id (appointment));
  return EXIT_OK;
}

/* The free time on --date whose clock reads --time ("09:30"). (transfer full) */
static GDateTime *
find_time_flag (Ctl *ctl, int *status, GError **error)
{
  g_autoptr (GPtrArray) times = NULL;
  g_autoptr (GString) free_times = g_string_new (NULL);

  *status = require_flag (error, "time", ctl->flags->time);
  if (*status != EXIT_OK)
    return NULL;
  times = list_times_on_date_flag (ctl, status, error);
  if (times == NULL)
    return NULL;
  for (guint i = 0; i < times->len; i++)
    {
      GDateTime *time = g_ptr_array_index (times, i);
      g_autofree char *clock = g_date_time_format (time, "%H:%M");

      if (g_str_equal (clock, ctl->flags->time))
        return g_date_time_ref (time);
      g_string_append_printf (free_times, "%s%s", i > 0 ? ", " : "", clock);
    }
  {
    g_autofree char *message
        = times->len > 0 ? g_strdup_printf (_ ("“%s” is not a free time on %s; free are: %s"),
                                            ctl->flags->time, ctl->flags->date, free_times->str)
                         : g_strdup_printf (_ ("there is no free time on %s"), ctl->flags->date);

    *status = usage_for_flag (error, "time", message);
  }
  return NULL;
}

/* Looks up the product's and location's names, which the slip shows. */
static int
set_product_and_location (Ctl *ctl, KpAppointment *appointment, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GPtrArray) products
      = kp_appointment_backend_list_products (ctl->backend, NULL, &local_error);
  g_autoptr (GPtrArray) locations = NULL;

  if (products == NULL)
    return backend_failure (error, local_error);
  for (guint i = 0; i < products->len; i++)
    {
      KpAppointmentProduct *product = g_ptr_array_index (products, i);

      if (g_str_equal (product->id, ctl->flags->product))
        kp_appointment_set_product (appointment, product->id, product->name);
    }
  if (kp_appointment_get_product_id (appointment) == NULL)
    return usage_for_flag (error, "product", _ ("no such product; see “appointment products”"));

  locations = kp_appointment_backend_list_locations (ctl->backend, ctl->flags->product, NULL,
                                                     &local_error);
  if (locations == NULL)
    return backend_failure (error, local_error);
  for (guint i = 0; i < locations->len; i++)
    {
      KpAppointmentLocation *location = g_ptr_array_index (locations, i);

      if (g_str_equal (location->id, ctl->flags->location))
        kp_appointment_set_location (appointment, location->id, location->name, location->address);
    }
  if (kp_appointment_get_location_id (appointment) == NULL)
    return usage_for_flag (error, "location",
                           _ ("this product is not offered there; see “appointment locations”"));
  return EXIT_OK;
}

/* The resident's fields, checked as the kiosk checks them. */
static int
set_contact (Ctl *ctl, KpAppointment *appointment, GError **error)
{
  g_autoptr (GError) invalid = NULL;

  if (!kp_appointment_set_name (appointment, ctl->flags->name, &invalid))
    return usage_for_flag (error, "name", invalid->message);
  if (!kp_appointment_set_email (appointment, ctl->flags->email, &invalid))
    return usage_for_flag (error, "email", invalid->message);
  if (!kp_appointment_set_phone (appointment, ctl->flags->phone, &invalid))
    return usage_for_flag (error, "phone", invalid->message);
  return EXIT_OK;
}

/* Lost the race: says so, with the next free time, as the kiosk offers it. */
static int
report_slot_taken (Ctl *ctl, KpAppointment *appointment, GError *taken, GError **error)
{
  g_autoptr (GDateTime) next = kp_appointment_backend_find_next_free (
      ctl->backend, kp_appointment_get_product_id (appointment),
      kp_appointment_get_location_id (appointment), kp_appointment_get_start (appointment), NULL,
      NULL);
  g_autofree char *when = next != NULL ? g_date_time_format (next, "%Y-%m-%d %H:%M") : NULL;

  if (when != NULL)
    g_set_error (error, KP_APPOINTMENT_BACKEND_ERROR, KP_APPOINTMENT_BACKEND_ERROR_SLOT_TAKEN,
                 _ ("%s. The next free time is %s."), taken->message, when);
  else
    g_propagate_error (error, g_error_copy (taken));
  return EXIT_FAILED;
}

static int
command_book (Ctl *ctl, const char *argument, GError **error)
{
  g_autoptr (KpAppointment) appointment = kp_appointment_new ();
  g_autoptr (GDateTime) start = NULL;
  g_autoptr (GError) local_error = NULL;
  int status;

  /* The resident's fields first: they need no backend. */
  if ((status = set_contact (ctl, appointment, error)) != EXIT_OK
      || (status = require_product_and_location (ctl, error)) != EXIT_OK
      || (status = set_product_and_location (ctl, appointment, error)) != EXIT_OK)
    return status;
  start = find_time_flag (ctl, &status, error);
  if (start == NULL)
    return status;
  kp_appointment_set_start (appointment, start, 0);

  if (!kp_appointment_backend_book (ctl->backend, appointment, NULL, &local_error))
    {
      if (g_error_matches (local_error, KP_APPOINTMENT_BACKEND_ERROR,
                           KP_APPOINTMENT_BACKEND_ERROR_SLOT_TAKEN))
        return report_slot_taken (ctl, appointment, local_error, error);
      return backend_failure (error, local_error);
    }
  /* The appointment stands either way: say so, and that the case system did not get it. */
  if (!kp_appointment_case_submit (appointment, ctl->config, ctl->outbox, &local_error))
    g_printerr (_ ("kernpunt-ctl: the appointment is booked, but not registered as a case: %s\n"),
                local_error->message);
  return print_appointment (ctl, appointment);
}

/* The appointment of the typed reference, as the backend knows it now. (transfer full) */
static KpAppointment *
lookup_reference (Ctl *ctl, const char *typed, int *status, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *reference = kp_reference_normalize (typed, &local_error);
  KpAppointment *appointment;

  if (reference == NULL)
    {
      g_autofree char *message = g_strdup_printf (
          _ ("“%s” is not a reference like KP-7H3Q-9MXJ: %s"), typed, local_error->message);

      *status = ctl_usage (error, message);
      return NULL;
    }
  appointment = kp_appointment_backend_lookup (ctl->backend, reference, NULL, &local_error);
  if (appointment == NULL)
    *status = failure (error, local_error);
  return appointment;
}

static int
command_show (Ctl *ctl, const char *argument, GError **error)
{
  int status = EXIT_OK;
  g_autoptr (KpAppointment) appointment = lookup_reference (ctl, argument, &status, error);

  if (appointment == NULL)
    return status;
  return print_appointment (ctl, appointment);
}

static int
command_cancel (Ctl *ctl, const char *argument, GError **error)
{
  int status = EXIT_OK;
  g_autoptr (KpAppointment) appointment = lookup_reference (ctl, argument, &status, error);
  g_autoptr (GError) local_error = NULL;

  if (appointment == NULL)
    return status;
  if (!kp_appointment_backend_cancel (ctl->backend, appointment, NULL, &local_error))
    return failure (error, local_error);
  return print_appointment (ctl, appointment);
}

/* ---- Command line ---- */

static const struct
{
  const char *name;
  gboolean takes_reference;
  Command run;
} commands[] = {
  { "products", FALSE, command_products }, { "locations", FALSE, command_locations },
  { "dates", FALSE, command_dates },       { "times", FALSE, command_times },
  { "book", FALSE, command_book },         { "cancel", TRUE, command_cancel },
  { "show", TRUE, command_show },
};

static int
find_command (char **words)
{
  guint n_words = g_strv_length (words);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (n_words == (commands[i].takes_reference ? 3u : 2u)
          && g_str_equal (words[1], commands[i].name))
        return (int) i;
    }
  return -1;
}

/*
 * The first word that is neither an option nor the value of --config/-c,
 * so "kernpunt-ctl --json -c FILE appointment show REF" is found too.
 */
gboolean
ctl_appointment_is_command (int argc, char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--config") || g_str_equal (argv[i], "-c"))
        i++;
      else if (argv[i][0] != '-')
        return g_str_equal (argv[i], "appointment");
    }
  return FALSE;
}

static GOptionContext *
new_option_context (Flags *flags)
{
  const GOptionEntry entries[] = {
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &flags->config_path,
      N_ ("Read the configuration from FILE"), N_ ("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &flags->json, N_ ("Print JSON for scripts instead of text"),
      NULL },
    { "product", 0, 0, G_OPTION_ARG_STRING, &flags->product, N_ ("The product, by its id"),
      N_ ("ID") },
    { "location", 0, 0, G_OPTION_ARG_STRING, &flags->location, N_ ("The location, by its id"),
      N_ ("ID") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &flags->from, N_ ("dates: the first day (default: today)"),
      N_ ("DAY") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &flags->to,
      N_ ("dates: the last day (default: 30 days after --from)"), N_ ("DAY") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &flags->date, N_ ("times, book: the day, as 2026-12-01"),
      N_ ("DAY") },
    { "time", 0, 0, G_OPTION_ARG_STRING, &flags->time, N_ ("book: the time, as 09:30"),
      N_ ("TIME") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &flags->name, N_ ("book: the resident's name"),
      N_ ("NAME") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &flags->email,
      N_ ("book: the resident's e-mail address (optional)"), N_ ("ADDRESS") },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &flags->phone,
      N_ ("book: the resident's phone number (optional)"), N_ ("NUMBER") },
    { NULL },
  };
  GOptionContext *context = g_option_context_new (_ ("appointment COMMAND"));

  g_option_context_set_summary (
      context,
      _ ("Books, shows and cancels appointments in the configured agenda.\n"
         "\n"
         "Commands:\n"
         "  products                             What can be booked\n"
         "  locations --product ID               Where a product can be booked\n"
         "  dates --product ID --location ID     The days with a free time (--from, --to)\n"
         "  times ... --date DAY                 The free times on a day\n"
         "  book ... --date DAY --time TIME --name NAME [--email ADDRESS] [--phone NUMBER]\n"
         "  show REF                             An appointment, as the agenda has it now\n"
         "  cancel REF                           Cancels an appointment; its place is free again"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

static int
report (GOptionContext *context, int status, GError *error)
{
  g_autofree char *help = NULL;

  if (error == NULL)
    return status;
  /* Help for a command line that is wrong as such, not for a wrong field value. */
  if (status == EXIT_USAGE
      && g_error_matches (error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION))
    help = g_option_context_get_help (context, TRUE, NULL);
  g_printerr ("kernpunt-ctl: %s\n%s%s", error->message, help != NULL ? "\n" : "",
              help != NULL ? help : "");
  return status;
}

/* Like kernpunt-ctl's other commands, never creates the database. (transfer full) */
static KpAppointmentBackend *
open_backend (const Flags *flags, KpConfig **config, KpStore **store, GError **error)
{
  *store = ctl_open_store (flags->config_path, config, error);
  if (*store == NULL)
    return NULL;
  return kp_appointment_backend_new_for_config (*config, *store, error);
}

int
ctl_appointment_main (int argc, char **argv)
{
  g_auto (Flags) flags = { 0 };
  g_autoptr (GOptionContext) context = new_option_context (&flags);
  g_autoptr (GError) error = NULL;
  g_autoptr (KpStore) store = NULL;
  g_autoptr (KpConfig) config = NULL;
  g_autoptr (KpOutbox) outbox = NULL;
  g_autoptr (KpAppointmentBackend) backend = NULL;
  Ctl ctl = { &flags, NULL, NULL, NULL };
  int command;
  int status;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return report (context, EXIT_USAGE, error);
  command = find_command (argv + 1);
  if (command < 0)
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION,
                           _ ("Unknown command, or the wrong number of arguments."));
      return report (context, EXIT_USAGE, error);
    }

  backend = open_backend (&flags, &config, &store, &error);
  if (backend == NULL)
    return report (context, EXIT_FAILED, error);
  outbox = kp_outbox_new (store);
  ctl.backend = backend;
  ctl.config = config;
  ctl.outbox = outbox;
  status = commands[command].run (&ctl, commands[command].takes_reference ? argv[3] : NULL, &error);
  return report (context, status, error);
}
