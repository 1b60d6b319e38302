/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "ctl-forms.h"

#include "ctl-common.h"
#include "ctl-guide.h"
#include "kp-e-form-catalogue.h"

#include <glib/gi18n.h>

typedef struct
{
  char *config_path;
  gboolean json;
} Flags;

static void
flags_clear (Flags *flags)
{
  g_clear_pointer (&flags->config_path, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Flags, flags_clear)

static const char *
describe_source (KpEFormSource source)
{
  return source == KP_E_FORM_SOURCE_CONFIG ? "config" : "open-formulieren";
}

/* Why an admin does not see a form on the kiosk, in words. */
static const char *
describe_visibility (KpEFormVisibility visibility)
{
  switch (visibility)
    {
      case KP_E_FORM_HIDDEN_INACTIVE:
        return _ ("not active in Open Formulieren");
      case KP_E_FORM_HIDDEN_MAINTENANCE:
        return _ ("in maintenance mode");
      case KP_E_FORM_HIDDEN_NOT_ACCEPTING:
        return _ ("does not accept submissions");
      case KP_E_FORM_HIDDEN_LIMIT_REACHED:
        return _ ("has reached its submission limit");
      case KP_E_FORM_HIDDEN_UNUSABLE:
        return _ ("has no name or no slug");
      case KP_E_FORM_HIDDEN_SAME_ID:
        return _ ("a configured form has the same id");
      case KP_E_FORM_SHOWN:
      default:
        return _ ("shown");
    }
}

/* "2026-12-01T09:30:00Z", or NULL for 0 (never). (transfer full) */
static char *
format_time (gint64 usec)
{
  g_autoptr (GDateTime) when
      = usec > 0 ? g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC) : NULL;

  return when != NULL ? g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

static void
add_nullable_string (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_refresh_json (JsonBuilder *builder, KpConfig *config, KpEFormCatalogue *catalogue)
{
  g_autofree char *refreshed = format_time (kp_e_form_catalogue_get_refreshed_at (catalogue));
  const char *url = kp_config_get_open_formulieren_url (config);
  const char *error = kp_e_form_catalogue_get_refresh_error (catalogue);

  json_builder_set_member_name (builder, "open_formulieren");
  json_builder_begin_object (builder);
  add_nullable_string (builder, "url", url);
  add_nullable_string (builder, "refreshed_at", refreshed);
  add_nullable_string (builder, "error", error);
  json_builder_end_object (builder);
}

static void
add_form_json (JsonBuilder *builder, KpEForm *form)
{
  const char *hidden = kp_e_form_visibility_to_code (kp_e_form_get_visibility (form));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, kp_e_form_get_id (form));
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, describe_source (kp_e_form_get_source (form)));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, kp_e_form_get_title (form, NULL));
  json_builder_set_member_name (builder, "start_url");
  json_builder_add_string_value (builder, kp_e_form_get_start_url (form));
  json_builder_set_member_name (builder, "needs_digid");
  json_builder_add_boolean_value (builder, kp_e_form_get_needs_digid (form));
  json_builder_set_member_name (builder, "minutes");
  json_builder_add_int_value (builder, kp_e_form_get_minutes (form));
  json_builder_set_member_name (builder, "icon");
  json_builder_add_string_value (builder, kp_e_form_get_icon (form));
  json_builder_set_member_name (builder, "shown");
  json_builder_add_boolean_value (builder, hidden == NULL);
  add_nullable_string (builder, "hidden", hidden);
  json_builder_end_object (builder);
}

static void
print_json (KpConfig *config, KpEFormCatalogue *catalogue)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  GPtrArray *forms = kp_e_form_catalogue_get_forms (catalogue);

  json_builder_begin_object (builder);
  add_refresh_json (builder, config, catalogue);
  json_builder_set_member_name (builder, "forms");
  json_builder_begin_array (builder);
  for (guint i = 0; i < forms->len; i++)
    add_form_json (builder, g_ptr_array_index (forms, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  ctl_print_json (root);
}

static void
print_refresh_text (KpConfig *config, KpEFormCatalogue *catalogue)
{
  g_autofree char *refreshed = format_time (kp_e_form_catalogue_get_refreshed_at (catalogue));
  const char *error = kp_e_form_catalogue_get_refresh_error (catalogue);

  if (kp_config_get_open_formulieren_url (config) == NULL)
    g_print ("%s\n", _ ("Open Formulieren: not configured"));
  else if (refreshed != NULL)
    /* TRANSLATORS: %s is a time like 2026-12-01T09:30:00Z */
    g_print (_ ("Open Formulieren: refreshed %s\n"), refreshed);
  else
    g_print ("%s\n", _ ("Open Formulieren: never refreshed"));
  if (error != NULL)
    /* TRANSLATORS: %s is what went wrong, e.g. "HTTP 401: the token was refused" */
    g_print (_ ("The last refresh failed, so the list below is older: %s\n"), error);
}

static void
print_text (KpConfig *config, KpEFormCatalogue *catalogue)
{
  GPtrArray *forms = kp_e_form_catalogue_get_forms (catalogue);

  print_refresh_text (config, catalogue);
  if (forms->len == 0)
    {
      g_print ("%s\n", _ ("No forms: the kiosk shows the phone number and other ways instead."));
      return;
    }
  for (guint i = 0; i < forms->len; i++)
    {
      KpEForm *form = g_ptr_array_index (forms, i);

      g_print ("%-24s %-16s %-5s %s — %s\n", kp_e_form_get_id (form),
               describe_source (kp_e_form_get_source (form)),
               kp_e_form_get_needs_digid (form) ? "DigiD" : "", kp_e_form_get_title (form, NULL),
               describe_visibility (kp_e_form_get_visibility (form)));
    }
}

gboolean
ctl_forms_is_command (int argc, char **argv)
{
  return ctl_first_word_is (argc, argv, "forms");
}

static GOptionContext *
new_option_context (Flags *flags)
{
  const GOptionEntry entries[] = {
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &flags->config_path,
      N_ ("Read the configuration from FILE"), N_ ("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &flags->json, N_ ("Print JSON for scripts instead of text"),
      NULL },
    { NULL },
  };
  GOptionContext *context = g_option_context_new (_ ("forms list"));

  g_option_context_set_summary (
      context, _ ("The e-forms this kiosk offers, from its configuration and Open Formulieren,\n"
                  "with the hidden ones and why."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

int
ctl_forms_main (int argc, char **argv)
{
  g_auto (Flags) flags = { 0 };
  g_autoptr (GOptionContext) context = new_option_context (&flags);
  g_autoptr (GError) error = NULL;
  g_autoptr (KpConfig) config = NULL;
  g_autoptr (KpStore) store = NULL;
  g_autoptr (KpEFormCatalogue) catalogue = NULL;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ctl_report (context, EXIT_USAGE, error);
  if (argc != 3 || !g_str_equal (argv[2], "list"))
    {
      ctl_usage (&error, _ ("Say “forms list”."));
      return ctl_report (context, EXIT_USAGE, error);
    }

  store = ctl_open_store (flags.config_path, &config, &error);
  if (store == NULL)
    return ctl_report (context, EXIT_FAILED, error);
  catalogue = kp_e_form_catalogue_new (config, store);
  if (!kp_e_form_catalogue_load (catalogue, &error))
    return ctl_report (context, EXIT_FAILED, error);
  if (flags.json)
    print_json (config, catalogue);
  else
    print_text (config, catalogue);
  return EXIT_OK;
}
