/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "ctl-volunteer.h"

#include "ctl-common.h"
#include "ctl-guide.h"
#include "kp-volunteers.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* Longer than any PIN a person types; a longer line is refused, not cut. */
#define PIN_BUFFER_SIZE 128

typedef struct
{
  char *config_path;
  gboolean json;
  gboolean pin_stdin;
} Flags;

static void
flags_clear (Flags *flags)
{
  g_clear_pointer (&flags->config_path, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Flags, flags_clear)

/* ---- Reading the PIN ---- */

/*
 * One line of standard input without its line end into @pin, echo off
 * when it is a terminal. FALSE at the end of input or on a line too long.
 */
static gboolean
read_pin_line (char pin[PIN_BUFFER_SIZE], gboolean on_terminal)
{
  struct termios saved;
  struct termios quiet;
  gboolean read_one;
  size_t length;

  if (on_terminal && tcgetattr (STDIN_FILENO, &saved) == 0)
    {
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
      read_one = fgets (pin, PIN_BUFFER_SIZE, stdin) != NULL;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      fputc ('\n', stderr);
    }
  else
    read_one = fgets (pin, PIN_BUFFER_SIZE, stdin) != NULL;
  if (!read_one)
    return FALSE;
  length = strcspn (pin, "\r\n");
  if (pin[length] == '\0' && length == PIN_BUFFER_SIZE - 1)
    return FALSE;
  pin[length] = '\0';
  return TRUE;
}

/* On a terminal: asked twice, so a typing error does not lock a volunteer out. */
static int
read_pin (const Flags *flags, char pin[PIN_BUFFER_SIZE], GError **error)
{
  char again[PIN_BUFFER_SIZE];
  gboolean same;

  if (flags->pin_stdin)
    {
      if (!read_pin_line (pin, FALSE))
        return ctl_usage (error, _ ("Give the PIN on one line of standard input."));
      return EXIT_OK;
    }
  if (!isatty (STDIN_FILENO))
    return ctl_usage (error, _ ("Type the PIN on a terminal, or give --pin-stdin."));

  g_printerr ("%s ", _ ("PIN:"));
  if (!read_pin_line (pin, TRUE))
    return ctl_usage (error, _ ("No PIN was typed."));
  g_printerr ("%s ", _ ("The same PIN again:"));
  same = read_pin_line (again, TRUE) && g_str_equal (pin, again);
  memset (again, 0, sizeof again);
  if (!same)
    return ctl_usage (error, _ ("The two PINs are not the same."));
  return EXIT_OK;
}

/* ---- Commands ---- */

/* A wrong name or PIN is a wrong command line; the rest is a failure. */
static int
volunteers_failure (GError **error, GError *volunteers_error)
{
  gboolean wrong_input = volunteers_error->domain == KP_VOLUNTEERS_ERROR
                         && (volunteers_error->code == KP_VOLUNTEERS_ERROR_WEAK_PIN
                             || volunteers_error->code == KP_VOLUNTEERS_ERROR_NAME);

  g_propagate_error (error, volunteers_error);
  return wrong_input ? EXIT_USAGE : EXIT_FAILED;
}

static int
command_add (KpVolunteers *volunteers, const Flags *flags, const char *name, GError **error)
{
  char pin[PIN_BUFFER_SIZE] = { 0 };
  GError *add_error = NULL;
  int status = read_pin (flags, pin, error);
  gboolean added;

  if (status != EXIT_OK)
    return status;
  added = kp_volunteers_add (volunteers, name, pin, &add_error);
  /* The PIN lives no longer than needed. */
  memset (pin, 0, sizeof pin);
  if (!added)
    return volunteers_failure (error, add_error);
  g_print (_ ("Added volunteer “%s”.\n"), name);
  return EXIT_OK;
}

static int
command_remove (KpVolunteers *volunteers, const Flags *flags, const char *name, GError **error)
{
  GError *remove_error = NULL;

  if (!kp_volunteers_remove (volunteers, name, &remove_error))
    return volunteers_failure (error, remove_error);
  g_print (_ ("Removed volunteer “%s”.\n"), name);
  return EXIT_OK;
}

static void
print_list_json (GPtrArray *list)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < list->len; i++)
    {
      const KpVolunteer *volunteer = g_ptr_array_index (list, i);
      g_autofree char *created = g_date_time_format_iso8601 (volunteer->created);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, volunteer->name);
      json_builder_set_member_name (builder, "created");
      json_builder_add_string_value (builder, created);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  ctl_print_json (root);
}

static void
print_list_text (GPtrArray *list)
{
  if (list->len == 0)
    {
      g_print ("%s\n", _ ("No volunteers yet."));
      return;
    }
  for (guint i = 0; i < list->len; i++)
    {
      const KpVolunteer *volunteer = g_ptr_array_index (list, i);
      g_autoptr (GDateTime) local = g_date_time_to_local (volunteer->created);
      g_autofree char *created = g_date_time_format (local, "%Y-%m-%d %H:%M");

      g_print ("%s  %s\n", created, volunteer->name);
    }
}

static int
command_list (KpVolunteers *volunteers, const Flags *flags, const char *name, GError **error)
{
  g_autoptr (GPtrArray) list = kp_volunteers_list (volunteers, error);

  if (list == NULL)
    return EXIT_FAILED;
  if (flags->json)
    print_list_json (list);
  else
    print_list_text (list);
  return EXIT_OK;
}

typedef int (*Command) (KpVolunteers *volunteers,
                        const Flags *flags,
                        const char *name,
                        GError **error);

static const struct
{
  const char *name;
  gboolean takes_name;
  Command run;
} commands[] = {
  { "add", TRUE, command_add },
  { "remove", TRUE, command_remove },
  { "list", FALSE, command_list },
};

/* The command of "volunteer WORD [NAME]", or -1. */
static int
find_command (char **words)
{
  guint n_words = g_strv_length (words);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (n_words == (commands[i].takes_name ? 3u : 2u) && g_str_equal (words[1], commands[i].name))
        return (int) i;
    }
  return -1;
}

/* Flags that only go with one command are a wrong command line elsewhere. */
static int
check_flags (const Flags *flags, int command, GError **error)
{
  if (flags->pin_stdin && commands[command].run != command_add)
    return ctl_usage (error, _ ("--pin-stdin only goes with “volunteer add”."));
  if (flags->json && commands[command].run != command_list)
    return ctl_usage (error, _ ("--json only goes with “volunteer list”."));
  return EXIT_OK;
}

gboolean
ctl_volunteer_is_command (int argc, char **argv)
{
  return ctl_first_word_is (argc, argv, "volunteer");
}

static GOptionContext *
new_option_context (Flags *flags)
{
  const GOptionEntry entries[] = {
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &flags->config_path,
      N_ ("Read the configuration from FILE"), N_ ("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &flags->json, N_ ("list: print JSON for scripts"), NULL },
    { "pin-stdin", 0, 0, G_OPTION_ARG_NONE, &flags->pin_stdin,
      N_ ("add: read the PIN from one line of standard input"), NULL },
    { NULL },
  };
  GOptionContext *context = g_option_context_new (_ ("volunteer COMMAND"));

  g_option_context_set_summary (
      context, _ ("Who may open volunteer mode on this kiosk.\n"
                  "\n"
                  "Commands:\n"
                  "  add NAME      Adds a volunteer; asks for a PIN of at least 5 digits\n"
                  "  remove NAME   Removes a volunteer\n"
                  "  list          The volunteers and when they were added"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

int
ctl_volunteer_main (int argc, char **argv)
{
  g_auto (Flags) flags = { 0 };
  g_autoptr (GOptionContext) context = new_option_context (&flags);
  g_autoptr (GError) error = NULL;
  g_autoptr (KpConfig) config = NULL;
  g_autoptr (KpStore) store = NULL;
  g_autoptr (KpVolunteers) volunteers = NULL;
  int command;
  int status;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ctl_report (context, EXIT_USAGE, error);
  command = find_command (argv + 1);
  if (command < 0)
    {
      ctl_usage (&error, _ ("Unknown command, or the wrong number of arguments."));
      return ctl_report (context, EXIT_USAGE, error);
    }
  status = check_flags (&flags, command, &error);
  if (status != EXIT_OK)
    return ctl_report (context, status, error);

  store = ctl_open_store (flags.config_path, &config, &error);
  if (store == NULL)
    return ctl_report (context, EXIT_FAILED, error);
  volunteers = kp_volunteers_new (store);
  status = commands[command].run (volunteers, &flags, argv[3], &error);
  return ctl_report (context, status, error);
}
