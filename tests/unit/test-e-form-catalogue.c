/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-config.h"
#include "kp-e-form-catalogue.h"
#include "kp-store.h"
#include "kp-test-helpers.h"

#include <locale.h>

#define WASTE_FORM                                                                                 \
  "[form:grofvuil]\n"                                                                              \
  "title=Grofvuil laten ophalen\n"                                                                 \
  "title[en]=Have bulky waste collected\n"                                                         \
  "start-url=https://formulieren.lindeveen.nl/grofvuil/\n"                                         \
  "needs=Uw DigiD en het adres.\n"                                                                 \
  "needs[en]=Your DigiD and the address.\n"                                                        \
  "icon=bulky-waste\n"                                                                             \
  "minutes=10\n"                                                                                   \
  "digid=true\n"

static KpConfig *
new_config (const char *forms, GError **error)
{
  g_autofree char *data_dir = kp_test_make_tmpdir ("data");
  g_autofree char *text = g_strdup_printf ("[storage]\ndata-dir=%s\n%s", data_dir, forms);

  return kp_config_new_from_data (text, error);
}

/* (transfer full) */
static KpStore *
open_store (KpConfig *config)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = kp_config_dup_database_path (config);
  KpStore *store = kp_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

/* What an administrator writes is what the resident reads, per language, in file order. */
static void
test_config_forms (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpConfig) config
      = new_config (WASTE_FORM "[form:verhuizing]\n"
                               "title=Verhuizing doorgeven\n"
                               "start-url=http://127.0.0.1:8080/verhuizing\n",
                    &error);
  GPtrArray *forms;
  KpEForm *waste;
  KpEForm *moving;

  g_assert_no_error (error);
  forms = kp_config_get_e_forms (config);
  g_assert_cmpuint (forms->len, ==, 2);
  waste = g_ptr_array_index (forms, 0);
  moving = g_ptr_array_index (forms, 1);

  g_assert_cmpstr (kp_e_form_get_id (waste), ==, "grofvuil");
  g_assert_cmpstr (kp_e_form_get_title (waste, "nl"), ==, "Grofvuil laten ophalen");
  g_assert_cmpstr (kp_e_form_get_title (waste, "en"), ==, "Have bulky waste collected");
  g_assert_cmpstr (kp_e_form_get_needs (waste, "nl"), ==, "Uw DigiD en het adres.");
  g_assert_cmpstr (kp_e_form_get_needs (waste, "en"), ==, "Your DigiD and the address.");
  g_assert_cmpstr (kp_e_form_get_start_url (waste), ==,
                   "https://formulieren.lindeveen.nl/grofvuil/");
  g_assert_cmpstr (kp_e_form_get_icon (waste), ==, "bulky-waste");
  g_assert_cmpuint (kp_e_form_get_minutes (waste), ==, 10);
  g_assert_true (kp_e_form_get_needs_digid (waste));
  g_assert_true (kp_e_form_is_shown (waste));
  g_assert_cmpint (kp_e_form_get_source (waste), ==, KP_E_FORM_SOURCE_CONFIG);

  /* What is left out has its plain default; English falls back to the only title. */
  g_assert_cmpstr (kp_e_form_get_title (moving, "en"), ==, "Verhuizing doorgeven");
  g_assert_null (kp_e_form_get_needs (moving, "nl"));
  g_assert_cmpstr (kp_e_form_get_icon (moving), ==, KP_E_FORM_DEFAULT_ICON);
  g_assert_cmpuint (kp_e_form_get_minutes (moving), ==, 0);
  g_assert_false (kp_e_form_get_needs_digid (moving));

  /* The demo has none: its forms page says so and offers other ways. */
  {
    g_autoptr (KpConfig) defaults = kp_config_new_default ();

    g_assert_cmpuint (kp_config_get_e_forms (defaults)->len, ==, 0);
  }
}

/* A mistake in a form group names the group, the key and the value, like every config error. */
static void
test_bad_config_forms (void)
{
  const struct
  {
    const char *forms;
    KpConfigError code;
    const char *message;
  } cases[] = {
    { "[form:Grofvuil]\ntitle=G\nstart-url=https://f.example.nl/\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[form:Grofvuil]: expected a form id of lower-case letters, digits, “-” and “_”" },
    { "[form:]\ntitle=G\nstart-url=https://f.example.nl/\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[form:]: expected a form id of lower-case letters, digits, “-” and “_”" },
    { "[form:g]\nstart-url=https://f.example.nl/\n", KP_CONFIG_ERROR_MISSING_KEY,
      "[form:g] title: missing" },
    { "[form:g]\ntitle=G\n", KP_CONFIG_ERROR_MISSING_KEY, "[form:g] start-url: missing" },
    { "[form:g]\ntitle=G\nstart-url=http://formulieren.example.nl/g\n",
      KP_CONFIG_ERROR_INVALID_VALUE,
      "[form:g] start-url: expected an https address like "
      "“https://formulieren.example.nl/afval/”, got “http://formulieren.example.nl/g”" },
    { "[form:g]\ntitle=G\nstart-url=formulieren\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[form:g] start-url: expected an https address like "
      "“https://formulieren.example.nl/afval/”, got “formulieren”" },
    { "[form:g]\ntitle= \nstart-url=https://f.example.nl/\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[form:g] title: expected a text that is not empty, got “”" },
    { "[form:g]\ntitle=G\nstart-url=https://f.example.nl/\nminutes=0\n",
      KP_CONFIG_ERROR_INVALID_VALUE,
      "[form:g] minutes: expected a whole number of minutes from 1 to 240, got “0”" },
    { "[form:g]\ntitle=G\nstart-url=https://f.example.nl/\nminutes=half an hour\n",
      KP_CONFIG_ERROR_INVALID_VALUE,
      "[form:g] minutes: expected a whole number of minutes from 1 to 240, got “half an hour”" },
    { "[form:g]\ntitle=G\nstart-url=https://f.example.nl/\ndigid=yes\n",
      KP_CONFIG_ERROR_INVALID_VALUE, "[form:g] digid: expected “true” or “false”, got “yes”" },
    { "[form:g]\ntitle=G\nstart-url=https://f.example.nl/\nicon=Bin.png\n",
      KP_CONFIG_ERROR_INVALID_VALUE,
      "[form:g] icon: expected a pictogram name like “document”, from ui/guide/README.md, got "
      "“Bin.png”" },
    { "[form:g]\ntitle=G\nstart-url=https://f.example.nl/\ntitle[fr]=Déchets\n",
      KP_CONFIG_ERROR_UNKNOWN_KEY, "[form:g] title[fr]: unknown key; check the spelling" },
    { "[form:g]\ntitle=G\nstart-url=https://f.example.nl/\nicon[nl]=bin\n",
      KP_CONFIG_ERROR_UNKNOWN_KEY, "[form:g] icon[nl]: unknown key; check the spelling" },
    { "[form:g]\ntitle=G\nstart-url=https://f.example.nl/\nurl=https://f.example.nl/\n",
      KP_CONFIG_ERROR_UNKNOWN_KEY, "[form:g] url: unknown key; check the spelling" },
    { "[forms:g]\ntitle=G\n", KP_CONFIG_ERROR_UNKNOWN_KEY,
      "[forms:g]: unknown group; check the spelling" },
    { "[open-formulieren]\nurl=formulieren.example.nl\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[open-formulieren] url: expected an address like “https://zaken.example.nl/api/v1/”, got "
      "“formulieren.example.nl”" },
    { "[open-formulieren]\nrefresh-minutes=0\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[open-formulieren] refresh-minutes: expected a whole number of minutes from 1 to 1440, got "
      "“0”" },
    { "[open-formulieren]\ntoken-file=token\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[open-formulieren] token-file: expected an absolute file path, got “token”" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (KpConfig) config = new_config (cases[i].forms, &error);

      g_assert_null (config);
      g_assert_error (error, KP_CONFIG_ERROR, (gint) cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* (transfer full) */
static KpEForm *
new_refreshed_form (const char *id, const char *title, KpEFormVisibility visibility)
{
  g_autofree char *url = g_strdup_printf ("https://open-formulieren.lindeveen.nl/%s/", id);
  KpEForm *form = kp_e_form_new (KP_E_FORM_SOURCE_OPEN_FORMULIEREN, id, url);

  kp_e_form_set_title (form, NULL, title);
  kp_e_form_set_visibility (form, visibility);
  return form;
}

static GStrv
dup_shown_ids (KpEFormCatalogue *catalogue)
{
  g_autoptr (GPtrArray) shown = kp_e_form_catalogue_dup_shown (catalogue);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < shown->len; i++)
    g_strv_builder_add (builder, kp_e_form_get_id (g_ptr_array_index (shown, i)));
  return g_strv_builder_end (builder);
}

/*
 * What kernpunt-syncd stores, the kiosk reads back without network:
 * configured forms first, refreshed ones after, hidden ones kept with
 * their reason; a failed refresh keeps the last list.
 */
static void
test_refreshed_forms_round_trip (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpConfig) config = new_config (WASTE_FORM, &error);
  g_autoptr (KpStore) store = open_store (config);
  g_autoptr (KpEFormCatalogue) writer = kp_e_form_catalogue_new (config, store);
  g_autoptr (KpEFormCatalogue) reader = kp_e_form_catalogue_new (config, store);
  g_autoptr (GPtrArray) forms = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto (GStrv) shown_ids = NULL;
  const char *const expected_ids[] = { "grofvuil", "parkeervergunning", NULL };
  KpEForm *parking;
  KpEForm *form;

  g_assert_no_error (error);
  /* Before any refresh: only the configured form, and "never refreshed". */
  g_assert_true (kp_e_form_catalogue_load (reader, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kp_e_form_catalogue_get_forms (reader)->len, ==, 1);
  g_assert_cmpint (kp_e_form_catalogue_get_refreshed_at (reader), ==, 0);

  form = new_refreshed_form ("parkeervergunning", "Parkeervergunning aanvragen", KP_E_FORM_SHOWN);
  kp_e_form_set_title (form, "en", "Apply for a parking permit");
  kp_e_form_set_needs_digid (form, TRUE);
  g_ptr_array_add (forms, form);
  g_ptr_array_add (
      forms, new_refreshed_form ("kapvergunning", "Kapvergunning", KP_E_FORM_HIDDEN_MAINTENANCE));
  /* The administrator's own form of that id wins. */
  g_ptr_array_add (forms,
                   new_refreshed_form ("grofvuil", "Grofvuil (Open Formulieren)", KP_E_FORM_SHOWN));
  g_assert_true (kp_e_form_catalogue_store_refreshed (writer, forms, 1000, &error));
  g_assert_no_error (error);

  g_assert_true (kp_e_form_catalogue_load (reader, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kp_e_form_catalogue_get_forms (reader)->len, ==, 4);
  shown_ids = dup_shown_ids (reader);
  g_assert_cmpstrv (shown_ids, expected_ids);
  g_assert_cmpint (kp_e_form_catalogue_get_refreshed_at (reader), ==, 1000);
  g_assert_null (kp_e_form_catalogue_get_refresh_error (reader));
  parking = kp_e_form_catalogue_lookup_shown (reader, "parkeervergunning");
  g_assert_nonnull (parking);
  g_assert_cmpstr (kp_e_form_get_title (parking, "en"), ==, "Apply for a parking permit");
  g_assert_cmpstr (kp_e_form_get_title (parking, "nl"), ==, "Parkeervergunning aanvragen");
  g_assert_true (kp_e_form_get_needs_digid (parking));
  g_assert_cmpint (kp_e_form_get_source (parking), ==, KP_E_FORM_SOURCE_OPEN_FORMULIEREN);
  g_assert_null (kp_e_form_catalogue_lookup_shown (reader, "kapvergunning"));
  form = g_ptr_array_index (kp_e_form_catalogue_get_forms (reader), 2);
  g_assert_cmpstr (kp_e_form_visibility_to_code (kp_e_form_get_visibility (form)), ==,
                   "maintenance");
  form = g_ptr_array_index (kp_e_form_catalogue_get_forms (reader), 3);
  g_assert_cmpstr (kp_e_form_visibility_to_code (kp_e_form_get_visibility (form)), ==, "same-id");
  g_assert_cmpstr (
      kp_e_form_get_title (kp_e_form_catalogue_lookup_shown (reader, "grofvuil"), "nl"), ==,
      "Grofvuil laten ophalen");

  /* Open Formulieren down: the list stays, the failure is there to see. */
  g_assert_true (kp_e_form_catalogue_store_refresh_failure (writer, "HTTP 503", 2000, &error));
  g_assert_no_error (error);
  g_assert_true (kp_e_form_catalogue_load (reader, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kp_e_form_catalogue_get_forms (reader)->len, ==, 4);
  g_assert_cmpint (kp_e_form_catalogue_get_refreshed_at (reader), ==, 1000);
  g_assert_cmpstr (kp_e_form_catalogue_get_refresh_error (reader), ==, "HTTP 503");

  /* The next success clears it; an empty list is a list too. */
  g_ptr_array_set_size (forms, 0);
  g_assert_true (kp_e_form_catalogue_store_refreshed (writer, forms, 3000, &error));
  g_assert_true (kp_e_form_catalogue_load (reader, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kp_e_form_catalogue_get_forms (reader)->len, ==, 1);
  g_assert_null (kp_e_form_catalogue_get_refresh_error (reader));
  g_assert_cmpint (kp_e_form_catalogue_get_refreshed_at (reader), ==, 3000);
}

static void
on_loaded (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* The kiosk reads in a worker thread; the catalogue changes only when it finishes. */
static void
test_load_async (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpConfig) config = new_config ("", &error);
  g_autoptr (KpStore) store = open_store (config);
  g_autoptr (KpEFormCatalogue) catalogue = kp_e_form_catalogue_new (config, store);
  g_autoptr (GPtrArray) forms = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GAsyncResult) result = NULL;

  g_ptr_array_add (forms, new_refreshed_form ("afval", "Afval", KP_E_FORM_SHOWN));
  g_assert_true (kp_e_form_catalogue_store_refreshed (catalogue, forms, 1, &error));
  g_assert_no_error (error);

  kp_e_form_catalogue_load_async (catalogue, NULL, on_loaded, &result);
  for (guint i = 0; i < 500 && result == NULL; i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (result);
  g_assert_cmpuint (kp_e_form_catalogue_get_forms (catalogue)->len, ==, 0);
  g_assert_true (kp_e_form_catalogue_load_finish (catalogue, result, &error));
  g_assert_no_error (error);
  g_assert_nonnull (kp_e_form_catalogue_lookup_shown (catalogue, "afval"));
}

static void
test_valid_ids (void)
{
  const struct
  {
    const char *id;
    gboolean valid;
  } cases[] = {
    { "grofvuil", TRUE }, { "wmo_melding-2", TRUE }, { "9", TRUE },
    { "", FALSE },        { "-afval", FALSE },       { "_afval", FALSE },
    { "Afval", FALSE },   { "afval/grof", FALSE },   { "afval vuil", FALSE },
    { "ä", FALSE },
  };
  g_autofree char *longest = g_strnfill (64, 'a');
  g_autofree char *too_long = g_strnfill (65, 'a');

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (kp_e_form_is_valid_id (cases[i].id), ==, cases[i].valid);
  g_assert_true (kp_e_form_is_valid_id (longest));
  g_assert_false (kp_e_form_is_valid_id (too_long));
}

int
main (int argc, char *argv[])
{
  g_autofree char *home = kp_test_init_home ();

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/e-form-catalogue/config-forms", test_config_forms);
  g_test_add_func ("/e-form-catalogue/bad-config-forms", test_bad_config_forms);
  g_test_add_func ("/e-form-catalogue/refreshed-forms-round-trip", test_refreshed_forms_round_trip);
  g_test_add_func ("/e-form-catalogue/load-async", test_load_async);
  g_test_add_func ("/e-form-catalogue/valid-ids", test_valid_ids);

  return g_test_run ();
}
