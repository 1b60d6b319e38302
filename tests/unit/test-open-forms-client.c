/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-e-form.h"
#include "kp-open-forms-client.h"
#include "kp-test-helpers.h"

#define ROOT "https://open-formulieren.lindeveen.nl/"

/* (transfer full) */
static GPtrArray *
parse (const char *json, GError **error)
{
  g_autoptr (JsonNode) root = kp_test_parse_json (json);

  return kp_open_forms_client_parse_forms (ROOT, root, error);
}

/*
 * One form a line: what Open Formulieren says about it, and whether a
 * resident sees it (or why not) and whether it says "needs DigiD".
 */
static void
test_hidden_rules (void)
{
  const struct
  {
    const char *form;
    const char *hidden; /* NULL: shown */
    gboolean needs_digid;
  } cases[] = {
    { "{\"slug\":\"afval\",\"name\":\"Afval\",\"active\":true,\"maintenanceMode\":false,"
      "\"submissionAllowed\":\"yes\",\"loginRequired\":true}",
      NULL, TRUE },
    { "{\"slug\":\"afval\",\"name\":\"Afval\",\"loginRequired\":false}", NULL, FALSE },
    { "{\"slug\":\"afval\",\"name\":\"Afval\",\"active\":false}", "inactive", FALSE },
    { "{\"slug\":\"afval\",\"name\":\"Afval\",\"maintenanceMode\":true,\"loginRequired\":true}",
      "maintenance", TRUE },
    { "{\"slug\":\"afval\",\"name\":\"Afval\",\"submissionAllowed\":\"no_with_overview\"}",
      "not-accepting", FALSE },
    { "{\"slug\":\"afval\",\"name\":\"Afval\",\"submissionAllowed\":\"no_without_overview\"}",
      "not-accepting", FALSE },
    { "{\"slug\":\"afval\",\"name\":\"Afval\",\"submissionLimitReached\":true}", "limit-reached",
      FALSE },
    { "{\"slug\":\"afval\",\"name\":\"\"}", "unusable", FALSE },
    { "{\"name\":\"Afval\"}", "unusable", FALSE },
    /* Inactive and in maintenance: the first reason is the one that counts. */
    { "{\"slug\":\"afval\",\"name\":\"Afval\",\"active\":false,\"maintenanceMode\":true}",
      "inactive", FALSE },
    /* A value of the wrong kind is not taken as true. */
    { "{\"slug\":\"afval\",\"name\":\"Afval\",\"maintenanceMode\":\"true\",\"loginRequired\":1}",
      NULL, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *json = g_strdup_printf ("[%s]", cases[i].form);
      g_autoptr (GPtrArray) forms = parse (json, &error);
      KpEForm *form;

      g_assert_no_error (error);
      g_assert_cmpuint (forms->len, ==, 1);
      form = g_ptr_array_index (forms, 0);
      g_assert_cmpstr (kp_e_form_visibility_to_code (kp_e_form_get_visibility (form)), ==,
                       cases[i].hidden);
      g_assert_cmpint (kp_e_form_get_needs_digid (form), ==, cases[i].needs_digid);
      g_assert_cmpint (kp_e_form_get_source (form), ==, KP_E_FORM_SOURCE_OPEN_FORMULIEREN);
    }
}

/* The id names a page and a count; the start address keeps the slug as Open Formulieren has it. */
static void
test_ids_titles_and_addresses (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) forms
      = parse ("[{\"slug\":\"Melding-WMO\",\"name\":\"Wmo-melding\",\"translations\":"
               "{\"nl\":{\"name\":\"\"},\"en\":{\"name\":\"Ask for help (Wmo)\"}}},"
               "{\"slug\":\"é\",\"name\":\"Vreemd\"},"
               "\"not a form\","
               "{\"slug\":\"afval\",\"name\":\"Afval\"},"
               "{\"slug\":\"Afval\",\"name\":\"Afval (oud)\"}]",
               &error);
  KpEForm *wmo;
  KpEForm *odd;

  g_assert_no_error (error);
  /* The string in the list is left out; the others are kept in order. */
  g_assert_cmpuint (forms->len, ==, 4);
  wmo = g_ptr_array_index (forms, 0);
  g_assert_cmpstr (kp_e_form_get_id (wmo), ==, "melding-wmo");
  g_assert_cmpstr (kp_e_form_get_start_url (wmo), ==, ROOT "Melding-WMO/");
  g_assert_cmpstr (kp_e_form_get_title (wmo, "en"), ==, "Ask for help (Wmo)");
  /* An empty translation falls back to the name. */
  g_assert_cmpstr (kp_e_form_get_title (wmo, "nl"), ==, "Wmo-melding");
  g_assert_cmpstr (kp_e_form_get_icon (wmo), ==, KP_E_FORM_DEFAULT_ICON);

  odd = g_ptr_array_index (forms, 1);
  g_assert_true (kp_e_form_is_valid_id (kp_e_form_get_id (odd)));
  g_assert_cmpstr (kp_e_form_get_start_url (odd), ==, ROOT "%C3%A9/");
  g_assert_cmpstr (kp_e_form_get_id (g_ptr_array_index (forms, 2)), ==, "afval");
  /* Two slugs that differ only in case get two ids, so both can be stored. */
  g_assert_cmpstr (kp_e_form_get_id (g_ptr_array_index (forms, 3)), ==, "form-4");
  g_assert_cmpstr (kp_e_form_get_start_url (g_ptr_array_index (forms, 3)), ==, ROOT "Afval/");
}

/* Anything but the list the API sends is refused, so the last good list stays. */
static void
test_not_a_list (void)
{
  const char *answers[] = { "{\"results\":[]}", "\"forms\"", "null" };

  for (gsize i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) forms = parse (answers[i], &error);

      g_assert_null (forms);
      g_assert_error (error, KP_OPEN_FORMS_CLIENT_ERROR, KP_OPEN_FORMS_CLIENT_ERROR_BAD_ANSWER);
    }
}

int
main (int argc, char *argv[])
{
  g_autofree char *home = kp_test_init_home ();

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/open-forms-client/hidden-rules", test_hidden_rules);
  g_test_add_func ("/open-forms-client/ids-titles-and-addresses", test_ids_titles_and_addresses);
  g_test_add_func ("/open-forms-client/not-a-list", test_not_a_list);

  return g_test_run ();
}
