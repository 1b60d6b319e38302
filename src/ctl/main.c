/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "ctl-appointment.h"
#include "ctl-forms.h"
#include "ctl-guide.h"
#include "ctl-outbox.h"
#include "ctl-slip.h"
#include "ctl-stats.h"
#include "ctl-submit.h"
#include "ctl-volunteer.h"
#include "kp-config.h"
#include "kp-local-register.h"
#include "kp-outbox.h"
#include "kp-reference.h"
#include "kp-store.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>

/*
 * kernpunt-ctl: what volunteers and admins ask of a kiosk from a terminal.
 * Every command prints aligned text for people, or with --json a stable
 * document for scripts. Exit status: 0 done, 1 the command failed,
 * 2 the command line was wrong.
 */

typedef struct
{
  KpConfig *config;
  KpStore *store;
  KpOutbox *outbox;
  KpLocalRegister *local_register;
  gboolean json;
} KpCtl;

typedef int (*KpCtlCommand) (KpCtl *ctl, const char *argument);

/* ---- Output ---- */

/* What the human output shows for a missing value. */
#define NONE "—"

static void
print_json (JsonNode *root)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  /* JSON is UTF-8 whatever the locale, so it bypasses g_print's conversion. */
  fputs (text, stdout);
  fputc ('\n', stdout);
}

/* Pads by characters, not bytes, so columns with “é” or “—” stay aligned. */
static void
print_padded (const char *text, guint width)
{
  g_print ("%s", text);
  for (glong n = g_utf8_strlen (text, -1); n < (glong) width; n++)
    g_print (" ");
}

/*
 * Prints @rows (each a NULL-terminated array of @n_columns strings) in
 * columns two spaces apart. The last column is not padded, so long values
 * such as errors do not leave trailing spaces.
 */
static void
print_columns (GPtrArray *rows, guint n_columns)
{
  g_autofree guint *widths = g_new0 (guint, n_columns);

  for (guint r = 0; r < rows->len; r++)
    {
      const char *const *row = g_ptr_array_index (rows, r);

      for (guint c = 0; c < n_columns; c++)
        widths[c] = MAX (widths[c], (guint) g_utf8_strlen (row[c], -1));
    }

  for (guint r = 0; r < rows->len; r++)
    {
      const char *const *row = g_ptr_array_index (rows, r);

      for (guint c = 0; c + 1 < n_columns; c++)
        {
          print_padded (row[c], widths[c]);
          g_print ("  ");
        }
      g_print ("%s\n", row[n_columns - 1]);
    }
}

/* A GPtrArray of rows for print_columns(), each row owned by the array. */
static GPtrArray *
new_rows (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
}

static void add_row (GPtrArray *rows, const char *first, ...) G_GNUC_NULL_TERMINATED;

static void
add_row (GPtrArray *rows, const char *first, ...)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  va_list args;

  va_start (args, first);
  for (const char *cell = first; cell != NULL; cell = va_arg (args, const char *))
    g_strv_builder_add (builder, cell);
  va_end (args);
  g_ptr_array_add (rows, g_strv_builder_end (builder));
}

/* Local time to the minute, as a volunteer reads a clock; NONE when unset. */
static char *
format_time (gint64 usec)
{
  g_autoptr (GDateTime) when = NULL;

  if (usec <= 0)
    return g_strdup (NONE);
  when = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);
  return g_date_time_format (when, "%Y-%m-%d %H:%M");
}

/* ---- JSON values ---- */

/* UTC with a "Z", so scripts on any machine read the same instant. */
static void
add_time_member (JsonBuilder *builder, const char *name, gint64 usec)
{
  g_autoptr (GDateTime) when = NULL;
  g_autofree char *text = NULL;

  json_builder_set_member_name (builder, name);
  if (usec <= 0)
    {
      json_builder_add_null_value (builder);
      return;
    }
  when = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  text = g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");
  json_builder_add_string_value (builder, text);
}

/* json-glib writes a NULL string as null, which is what the keys promise. */
static void
add_string_member (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_int_member (JsonBuilder *builder, const char *name, gint64 value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/* The members that `outbox list` and `outbox show` share, in a fixed order. */
static void
add_item_members (JsonBuilder *builder, KpOutboxItem *item)
{
  add_string_member (builder, "reference", kp_outbox_item_get_reference (item));
  add_string_member (builder, "kind", kp_outbox_item_get_kind (item));
  add_string_member (builder, "state", kp_outbox_state_to_string (kp_outbox_item_get_state (item)));
  add_int_member (builder, "attempts", kp_outbox_item_get_attempts (item));
  add_int_member (builder, "attachment_count", kp_outbox_item_get_n_attachments (item));
  add_time_member (builder, "created_at", kp_outbox_item_get_created_at (item));
  add_time_member (builder, "next_attempt_at", kp_outbox_item_get_next_attempt_at (item));
  add_time_member (builder, "delivered_at", kp_outbox_item_get_delivered_at (item));
  add_string_member (builder, "remote_id", kp_outbox_item_get_remote_id (item));
  add_string_member (builder, "remote_status", kp_outbox_item_get_remote_status (item));
  add_string_member (builder, "last_error", kp_outbox_item_get_last_error (item));
}

/* ---- Commands ---- */

static void
print_error (const char *message)
{
  g_printerr ("kernpunt-ctl: %s\n", message);
}

/* Rows still to be delivered: "delivering" is a pending row with an attempt under way. */
static gboolean
is_waiting (KpOutboxItem *item)
{
  KpOutboxState state = kp_outbox_item_get_state (item);

  return state == KP_OUTBOX_STATE_PENDING || state == KP_OUTBOX_STATE_DELIVERING;
}

/* The age in seconds of the oldest row still waiting for delivery, or -1 when none is. */
static gint64
oldest_waiting_age (GPtrArray *items, gint64 now)
{
  gint64 oldest = -1;

  for (guint i = 0; i < items->len; i++)
    {
      KpOutboxItem *item = g_ptr_array_index (items, i);
      gint64 created = kp_outbox_item_get_created_at (item);

      if (is_waiting (item) && (oldest < 0 || created < oldest))
        oldest = created;
    }
  return oldest < 0 ? -1 : MAX (now - oldest, 0) / G_USEC_PER_SEC;
}

static void
print_status_json (KpCtl *ctl, const guint counts[KP_OUTBOX_N_STATES], gint64 age, guint n_cases)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  add_string_member (builder, "config_source", kp_config_get_source (ctl->config));
  add_string_member (builder, "database", kp_store_get_path (ctl->store));
  add_int_member (builder, "schema_version", kp_store_get_schema_version (ctl->store));
  json_builder_set_member_name (builder, "outbox");
  json_builder_begin_object (builder);
  for (KpOutboxState state = 0; state < KP_OUTBOX_N_STATES; state++)
    add_int_member (builder, kp_outbox_state_to_string (state), counts[state]);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "oldest_pending_age_seconds");
  if (age < 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, age);
  add_int_member (builder, "cases", n_cases);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  print_json (root);
}

static void
print_status_text (KpCtl *ctl, const guint counts[KP_OUTBOX_N_STATES], gint64 age, guint n_cases)
{
  g_autoptr (GPtrArray) rows = new_rows ();
  const char *source = kp_config_get_source (ctl->config);
  g_autofree char *schema = g_strdup_printf ("%d", kp_store_get_schema_version (ctl->store));
  g_autofree char *outbox
      = g_strdup_printf (_ ("%u pending, %u being delivered, %u delivered, %u rejected"),
                         counts[KP_OUTBOX_STATE_PENDING], counts[KP_OUTBOX_STATE_DELIVERING],
                         counts[KP_OUTBOX_STATE_DELIVERED], counts[KP_OUTBOX_STATE_REJECTED]);
  g_autofree char *oldest = age < 0 ? g_strdup (NONE) : ctl_format_age (age);
  g_autofree char *cases = g_strdup_printf ("%u", n_cases);

  add_row (rows, _ ("Configuration:"), source != NULL ? source : _ ("built-in demo settings"),
           NULL);
  add_row (rows, _ ("Database:"), kp_store_get_path (ctl->store), NULL);
  add_row (rows, _ ("Schema version:"), schema, NULL);
  add_row (rows, _ ("Outbox:"), outbox, NULL);
  add_row (rows, _ ("Oldest waiting:"), oldest, NULL);
  add_row (rows, _ ("Cases:"), cases, NULL);
  print_columns (rows, 2);
}

static int
command_status (KpCtl *ctl, const char *argument)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GPtrArray) cases = NULL;
  guint counts[KP_OUTBOX_N_STATES] = { 0 };
  gint64 age;

  if (!kp_outbox_count_by_state (ctl->outbox, counts, &error)
      || (items = kp_outbox_list (ctl->outbox, &error)) == NULL
      || (cases = kp_local_register_list_cases (ctl->local_register, &error)) == NULL)
    {
      print_error (error->message);
      return EXIT_FAILED;
    }

  age = oldest_waiting_age (items, g_get_real_time ());
  if (ctl->json)
    print_status_json (ctl, counts, age, cases->len);
  else
    print_status_text (ctl, counts, age, cases->len);
  return EXIT_OK;
}

static void
print_outbox_list_json (GPtrArray *items)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    {
      json_builder_begin_object (builder);
      add_item_members (builder, g_ptr_array_index (items, i));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  print_json (root);
}

static void
print_outbox_list_text (GPtrArray *items)
{
  g_autoptr (GPtrArray) rows = new_rows ();

  if (items->len == 0)
    {
      g_print ("%s\n", _ ("The outbox is empty."));
      return;
    }

  add_row (rows, _ ("Reference"), _ ("Kind"), _ ("State"), _ ("Tries"), _ ("Submitted"),
           _ ("Next try"), _ ("Case"), NULL);
  for (guint i = 0; i < items->len; i++)
    {
      KpOutboxItem *item = g_ptr_array_index (items, i);
      g_autofree char *tries = g_strdup_printf ("%u", kp_outbox_item_get_attempts (item));
      g_autofree char *created = format_time (kp_outbox_item_get_created_at (item));
      g_autofree char *next = is_waiting (item)
                                  ? format_time (kp_outbox_item_get_next_attempt_at (item))
                                  : g_strdup (NONE);
      const char *remote_id = kp_outbox_item_get_remote_id (item);

      add_row (rows, kp_outbox_item_get_reference (item), kp_outbox_item_get_kind (item),
               kp_outbox_state_to_string (kp_outbox_item_get_state (item)), tries, created, next,
               remote_id != NULL ? remote_id : NONE, NULL);
    }
  print_columns (rows, 7);
}

static int
command_outbox_list (KpCtl *ctl, const char *argument)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = kp_outbox_list (ctl->outbox, &error);

  if (items == NULL)
    {
      print_error (error->message);
      return EXIT_FAILED;
    }

  if (ctl->json)
    print_outbox_list_json (items);
  else
    print_outbox_list_text (items);
  return EXIT_OK;
}

/*
 * The outbox only accepts a JSON object, so the payload is shown as one.
 * Should a row have been damaged by hand, its text is shown as it is.
 * (transfer full)
 */
static JsonNode *
parse_payload (KpOutboxItem *item)
{
  const char *text = kp_outbox_item_get_payload (item);
  JsonNode *payload = json_from_string (text, NULL);

  if (payload == NULL)
    {
      payload = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (payload, text);
    }
  return payload;
}

static void
add_attachment_members (JsonBuilder *builder, const KpAttachment *attachment)
{
  add_string_member (builder, "name", kp_attachment_get_name (attachment));
  add_string_member (builder, "content_type", kp_attachment_get_content_type (attachment));
  add_int_member (builder, "size", kp_attachment_get_size (attachment));
  add_string_member (builder, "sha256", kp_attachment_get_sha256 (attachment));
  add_string_member (builder, "path", kp_attachment_get_path (attachment));
}

static void
print_outbox_show_json (KpOutboxItem *item, GPtrArray *attachments)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  add_item_members (builder, item);
  add_string_member (builder, "idempotency_key", kp_outbox_item_get_idempotency_key (item));
  json_builder_set_member_name (builder, "payload");
  json_builder_add_value (builder, parse_payload (item));
  json_builder_set_member_name (builder, "attachments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < attachments->len; i++)
    {
      json_builder_begin_object (builder);
      add_attachment_members (builder, g_ptr_array_index (attachments, i));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  print_json (root);
}

static void
print_item_fields (KpOutboxItem *item)
{
  g_autoptr (GPtrArray) rows = new_rows ();
  g_autofree char *tries = g_strdup_printf ("%u", kp_outbox_item_get_attempts (item));
  g_autofree char *created = format_time (kp_outbox_item_get_created_at (item));
  g_autofree char *next = is_waiting (item)
                              ? format_time (kp_outbox_item_get_next_attempt_at (item))
                              : g_strdup (NONE);
  g_autofree char *delivered = format_time (kp_outbox_item_get_delivered_at (item));
  const char *remote_id = kp_outbox_item_get_remote_id (item);
  const char *remote_status = kp_outbox_item_get_remote_status (item);
  const char *last_error = kp_outbox_item_get_last_error (item);

  add_row (rows, _ ("Reference:"), kp_outbox_item_get_reference (item), NULL);
  add_row (rows, _ ("Kind:"), kp_outbox_item_get_kind (item), NULL);
  add_row (rows, _ ("State:"), kp_outbox_state_to_string (kp_outbox_item_get_state (item)), NULL);
  add_row (rows, _ ("Tries:"), tries, NULL);
  add_row (rows, _ ("Submitted:"), created, NULL);
  add_row (rows, _ ("Next try:"), next, NULL);
  add_row (rows, _ ("Delivered:"), delivered, NULL);
  add_row (rows, _ ("Case:"), remote_id != NULL ? remote_id : NONE, NULL);
  add_row (rows, _ ("Case status:"), remote_status != NULL ? remote_status : NONE, NULL);
  add_row (rows, _ ("Last error:"), last_error != NULL ? last_error : NONE, NULL);
  add_row (rows, _ ("Idempotency key:"), kp_outbox_item_get_idempotency_key (item), NULL);
  print_columns (rows, 2);
}

static void
print_attachments_text (GPtrArray *attachments)
{
  g_autoptr (GPtrArray) rows = new_rows ();

  if (attachments->len == 0)
    {
      g_print ("%s\n", _ ("No attachments."));
      return;
    }

  add_row (rows, _ ("Name"), _ ("Type"), _ ("Size"), _ ("SHA-256"), NULL);
  for (guint i = 0; i < attachments->len; i++)
    {
      const KpAttachment *attachment = g_ptr_array_index (attachments, i);
      g_autofree char *size = g_format_size (kp_attachment_get_size (attachment));

      add_row (rows, kp_attachment_get_name (attachment),
               kp_attachment_get_content_type (attachment), size,
               kp_attachment_get_sha256 (attachment), NULL);
    }
  print_columns (rows, 4);
}

/* The payload as the resident entered it, indented, for the admin of this kiosk only. */
static void
print_payload_text (KpOutboxItem *item)
{
  g_autoptr (JsonNode) payload = parse_payload (item);
  g_autofree char *text = json_to_string (payload, TRUE);

  g_print ("%s\n", text);
}

static void
print_outbox_show_text (KpOutboxItem *item, GPtrArray *attachments)
{
  print_item_fields (item);
  g_print ("\n%s\n", _ ("Payload:"));
  print_payload_text (item);
  g_print ("\n%s\n", _ ("Attachments:"));
  print_attachments_text (attachments);
}

static int
command_outbox_show (KpCtl *ctl, const char *argument)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpOutboxItem) item = NULL;
  g_autoptr (GPtrArray) attachments = NULL;
  g_autofree char *reference = kp_reference_normalize (argument, &error);

  if (reference == NULL)
    {
      g_autofree char *message
          = g_strdup_printf (_ ("“%s” is not a valid reference. %s"), argument, error->message);

      print_error (message);
      return EXIT_FAILED;
    }

  item = kp_outbox_lookup (ctl->outbox, reference, &error);
  if (item != NULL)
    attachments = kp_outbox_get_attachments (ctl->outbox, reference, &error);
  if (attachments == NULL)
    {
      print_error (error->message);
      return EXIT_FAILED;
    }

  if (ctl->json)
    print_outbox_show_json (item, attachments);
  else
    print_outbox_show_text (item, attachments);
  return EXIT_OK;
}

static void
print_cases_json (GPtrArray *cases)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < cases->len; i++)
    {
      KpCase *kase = g_ptr_array_index (cases, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "case_id", kp_case_get_case_id (kase));
      add_string_member (builder, "reference", kp_case_get_reference (kase));
      add_string_member (builder, "kind", kp_case_get_kind (kase));
      add_string_member (builder, "status", kp_case_get_status (kase));
      add_time_member (builder, "received_at", kp_case_get_received_at (kase));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  print_json (root);
}

static void
print_cases_text (GPtrArray *cases)
{
  g_autoptr (GPtrArray) rows = new_rows ();

  if (cases->len == 0)
    {
      g_print ("%s\n", _ ("The case register is empty."));
      return;
    }

  add_row (rows, _ ("Case"), _ ("Reference"), _ ("Kind"), _ ("Status"), _ ("Received"), NULL);
  for (guint i = 0; i < cases->len; i++)
    {
      KpCase *kase = g_ptr_array_index (cases, i);
      g_autofree char *received = format_time (kp_case_get_received_at (kase));

      add_row (rows, kp_case_get_case_id (kase), kp_case_get_reference (kase),
               kp_case_get_kind (kase), kp_case_get_status (kase), received, NULL);
    }
  print_columns (rows, 5);
}

static int
command_cases_list (KpCtl *ctl, const char *argument)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) cases = kp_local_register_list_cases (ctl->local_register, &error);

  if (cases == NULL)
    {
      print_error (error->message);
      return EXIT_FAILED;
    }

  if (ctl->json)
    print_cases_json (cases);
  else
    print_cases_text (cases);
  return EXIT_OK;
}

static int
command_submit (KpCtl *ctl, const char *argument)
{
  g_autoptr (GError) error = NULL;
  int status = ctl_submit (ctl->config, ctl->outbox, ctl->json, argument, &error);

  if (error != NULL)
    print_error (error->message);
  return status;
}

static int
command_outbox_summary (KpCtl *ctl, const char *argument)
{
  g_autoptr (GError) error = NULL;
  int status = ctl_outbox_summary (ctl->config, ctl->outbox, ctl->json, &error);

  if (error != NULL)
    print_error (error->message);
  return status;
}

static int
command_outbox_retry (KpCtl *ctl, const char *argument)
{
  g_autoptr (GError) error = NULL;
  int status = ctl_outbox_retry (ctl->outbox, ctl->json, argument, &error);

  if (error != NULL)
    print_error (error->message);
  return status;
}

static int
command_submission_status (KpCtl *ctl, const char *argument)
{
  g_autoptr (GError) error = NULL;
  int status = ctl_submit_status (ctl->config, ctl->outbox, ctl->local_register, ctl->json,
                                  argument, &error);

  if (error != NULL)
    print_error (error->message);
  return status;
}

/* ---- Command line ---- */

static const struct
{
  const char *group; /* NULL for a command of one word */
  const char *name;
  gboolean takes_argument;
  KpCtlCommand run;
  KpCtlGuideCommand run_guide; /* instead of run: works on the guidance, not the database */
  KpCtlSlipCommand run_slip;   /* instead of run: slips and the printer */
} commands[] = {
  { NULL, "status", FALSE, command_status },
  { "outbox", "list", FALSE, command_outbox_list },
  { "outbox", "show", TRUE, command_outbox_show },
  { NULL, "outbox", FALSE, command_outbox_summary },
  { "outbox", "retry", TRUE, command_outbox_retry },
  { "cases", "list", FALSE, command_cases_list },
  { NULL, "submit", TRUE, command_submit },
  { NULL, "status", TRUE, command_submission_status },
  { "guide", "list", FALSE, NULL, ctl_guide_list },
  { "guide", "search", TRUE, NULL, ctl_guide_search },
  { "guide", "show", TRUE, NULL, ctl_guide_show },
  { "content", "lint", TRUE, NULL, ctl_content_lint },
  { "slip", "render", TRUE, NULL, NULL, ctl_slip_render },
  { "printer", "status", FALSE, NULL, NULL, ctl_printer_status },
};

/*
 * The command that @words (what is left of the command line after the
 * options) name, with its argument, or -1 when they name none or give the
 * wrong number of arguments.
 */
static int
find_command (char **words, const char **argument)
{
  guint n_words = g_strv_length (words);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      guint n_names = commands[i].group != NULL ? 2 : 1;
      guint n_expected = n_names + (commands[i].takes_argument ? 1 : 0);

      if (n_words != n_expected)
        continue;
      if (commands[i].group != NULL && g_strcmp0 (words[0], commands[i].group) != 0)
        continue;
      if (g_strcmp0 (words[n_names - 1], commands[i].name) != 0)
        continue;

      *argument = commands[i].takes_argument ? words[n_names] : NULL;
      return i;
    }
  return -1;
}

static int
usage_error (GOptionContext *context, const char *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  g_printerr ("kernpunt-ctl: %s\n\n%s", message, help);
  return EXIT_USAGE;
}

/*
 * Refuses to create a database: an admin running this as another user
 * would leave a file the kiosk cannot write.
 */
static gboolean
open_ctl (KpCtl *ctl, const char *config_path, GError **error)
{
  g_autofree char *path = NULL;

  ctl->config = kp_config_load (config_path, error);
  if (ctl->config == NULL)
    return FALSE;

  path = kp_config_dup_database_path (ctl->config);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   _ ("There is no database at “%s” yet. Start the kiosk once to make it."), path);
      return FALSE;
    }

  ctl->store = kp_store_open (path, error);
  if (ctl->store == NULL)
    return FALSE;
  ctl->outbox = kp_outbox_new (ctl->store);
  ctl->local_register = kp_local_register_new (ctl->store);
  return TRUE;
}

static int
run_slip_command (GOptionContext *context,
                  KpCtlSlipCommand run,
                  const KpCtlSlipOptions *options,
                  const char *argument)
{
  g_autoptr (GError) error = NULL;
  int status = run (options, argument, &error);

  if (status == EXIT_USAGE)
    return usage_error (context, error->message);
  if (error != NULL)
    print_error (error->message);
  return status;
}

static int
run_guide_command (GOptionContext *context,
                   KpCtlGuideCommand run,
                   const KpCtlGuideOptions *options,
                   const char *argument)
{
  g_autoptr (GError) error = NULL;
  int status = run (options, argument, &error);

  if (status == EXIT_USAGE)
    return usage_error (context, error->message);
  if (error != NULL)
    print_error (error->message);
  return status;
}

static void
close_ctl (KpCtl *ctl)
{
  g_clear_object (&ctl->local_register);
  g_clear_object (&ctl->outbox);
  g_clear_object (&ctl->store);
  g_clear_object (&ctl->config);
}

int
main (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *content_folder = NULL;
  g_autofree char *language = NULL;
  g_autofree char *layout = NULL;
  g_autofree char *out_path = NULL;
  const char *argument = NULL;
  KpCtl ctl = { 0 };
  int command;
  int status;
  const GOptionEntry entries[] = {
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config_path,
      N_ ("Read the configuration from FILE"), N_ ("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &ctl.json, N_ ("Print JSON for scripts instead of text"),
      NULL },
    { "content", 0, 0, G_OPTION_ARG_FILENAME, &content_folder,
      N_ ("Read the guidance from DIR instead of the installed one"), N_ ("DIR") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &language, N_ ("The guidance in LANG: nl or en"),
      N_ ("LANG") },
    { "layout", 0, 0, G_OPTION_ARG_STRING, &layout, N_ ("The slip's paper: receipt or a4"),
      N_ ("LAYOUT") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_path, N_ ("Write the slip to FILE"), N_ ("FILE") },
    { NULL },
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Appointments parse their own flags: see ctl-appointment.h. */
  if (ctl_appointment_is_command (argc, argv))
    return ctl_appointment_main (argc, argv);
  if (ctl_volunteer_is_command (argc, argv))
    return ctl_volunteer_main (argc, argv);
  if (ctl_stats_is_command (argc, argv))
    return ctl_stats_main (argc, argv);
  if (ctl_forms_is_command (argc, argv))
    return ctl_forms_main (argc, argv);

  context = g_option_context_new (_ ("COMMAND"));
  g_option_context_set_summary (
      context, _ ("Looks into this kiosk's outbox, case register and guidance.\n"
                  "\n"
                  "Commands:\n"
                  "  status            The database, the outbox and the case register at a glance\n"
                  "  outbox list       Every submission in the outbox\n"
                  "  outbox show REF   One submission: its data, its attachments, its delivery\n"
                  "  outbox            Per route: what waits, since when, the last error\n"
                  "  outbox retry REF  Tries a waiting or refused submission again next round\n"
                  "  cases list        The cases in the embedded case register\n"
                  "  appointment ...   Appointments: see “kernpunt-ctl appointment --help”\n"
                  "  submit KIND       Submits a report, found, lost or callback (--help-submit)\n"
                  "  status REF        A submission's status and history, as a resident sees it\n"
                  "  guide list        Every topic of the guidance\n"
                  "  guide search TEXT The topics a resident finds with TEXT, best first\n"
                  "  guide show SLUG   One topic, the way the kiosk shows it\n"
                  "  content lint DIR  Checks a guidance bundle: format, links and B1 Dutch\n"
                  "  slip render REF   Writes the slip of a submission or appointment as PDF\n"
                  "                    (--layout, --out; --lang, --content for what to bring)\n"
                  "  printer status    The printer's state in words\n"
                  "  volunteer ...     Volunteers and their PINs: see “volunteer --help”\n"
                  "  stats ...         The pilot's anonymous counts: see “stats --help”\n"
                  "  forms list        The e-forms the kiosk offers, and the hidden ones"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_group (context, ctl_submit_get_option_group ());

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc < 2)
    return usage_error (context, _ ("Say which command to run."));
  command = find_command (argv + 1, &argument);
  if (command < 0)
    return usage_error (context, _ ("Unknown command, or the wrong number of arguments."));
  if (commands[command].run != command_submit && ctl_submit_has_flags ())
    return usage_error (context, _ ("The fields of a submission only go with “submit”."));
  if (commands[command].run_guide != NULL)
    {
      KpCtlGuideOptions guide = { content_folder, language, ctl.json };

      return run_guide_command (context, commands[command].run_guide, &guide, argument);
    }

  if (!open_ctl (&ctl, config_path, &error))
    {
      print_error (error->message);
      close_ctl (&ctl);
      return EXIT_FAILED;
    }
  if (commands[command].run_slip != NULL)
    {
      KpCtlSlipOptions slip
          = { ctl.config, ctl.outbox, layout, out_path, ctl.json, content_folder, language };

      status = run_slip_command (context, commands[command].run_slip, &slip, argument);
    }
  else
    status = commands[command].run (&ctl, argument);
  close_ctl (&ctl);
  return status;
}
