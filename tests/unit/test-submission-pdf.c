/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-config.h"
#include "kp-pdf-test-helpers.h"
#include "kp-submission-pdf.h"
#include "kp-test-helpers.h"

#include <string.h>

/*
 * The PDF a case worker gets with each zaak: read back as text, every
 * answer the resident gave is on it with its Dutch label, with the kind,
 * the reference, the day it was sent in and the kiosk's location.
 */

#define REFERENCE "KP-7H3Q-9MXC"

/* 14 March 2026, 10:15 UTC: shown on the kiosk's clock. */
#define CREATED_AT (G_GINT64_CONSTANT (1773483300) * G_USEC_PER_SEC)

static const struct
{
  const char *kind;
  const char *payload;
  const char *expected[10]; /* NULL-terminated: what a case worker reads */
} cases[] = {
  { "report",
    "{\"kind\":\"report\",\"version\":1,\"main_category\":\"afval\",\"sub_category\":\"grofvuil\","
    "\"place\":{\"kind\":\"address\",\"street\":\"Lindelaan\",\"house_number\":\"12a\","
    "\"postcode\":\"7461 "
    "AB\",\"town\":\"Lindeveen\",\"latitude\":52.8712,\"longitude\":6.5384},\"photo\":true,"
    "\"keep_informed\":false,\"personal\":{\"description\":\"Bank op de stoep\","
    "\"email\":\"melder@example.nl\",\"phone\":null}}",
    { "Melding openbare ruimte", "Afval: Grof afval op straat", "Lindelaan 12a, 7461 AB Lindeveen",
      "Bank op de stoep", "Beschrijving", "melder@example.nl", "E-mail", NULL } },
  { "found",
    "{\"kind\":\"found\",\"version\":1,\"object\":\"wallet\",\"colour\":\"black\","
    "\"brand\":\"Fossil\",\"custody\":\"handed-in\",\"finder_wants_ownership\":false,"
    "\"personal\":{\"marks\":\"Sticker van een kat\",\"finder_name\":\"Els de Vries\","
    "\"finder_phone\":\"0612345678\"}}",
    { "Gevonden voorwerp", "Portemonnee", "Zwart", "Fossil", "Hier afgegeven",
      "Sticker van een kat", "Els de Vries", "0612345678", "Telefoon", NULL } },
  { "appointment",
    "{\"kind\":\"appointment\",\"version\":1,\"product\":\"Paspoort\","
    "\"location\":\"Stadskantoor, Markt 1\",\"starts_at\":\"2026-12-01T10:30:00+01\","
    "\"appointment_reference\":\"KP-AAAA-BBBB\",\"personal\":{\"name\":\"Jan Smit\","
    "\"email\":null,\"phone\":\"0201234567\"}}",
    { "Afspraak", "Paspoort", "Stadskantoor, Markt 1", "01-12-2026 10:30", "KP-AAAA-BBBB",
      "Jan Smit", "0201234567", NULL } },
  /* An answer the kiosk has no label for still reaches the case worker, under its name. */
  { "lost",
    "{\"kind\":\"lost\",\"version\":1,\"new_question\":\"Nieuw antwoord\"}",
    { "Verloren voorwerp", "new_question", "Nieuw antwoord", NULL } },
};

static char *
render_text (KpConfig *config, const char *dir, const char *kind, const char *payload)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) pdf
      = kp_submission_pdf_render (config, kind, REFERENCE, CREATED_AT, payload, &error);
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  path = kp_test_save_pdf (dir, "submission.pdf", pdf);
  return kp_test_pdf_text (path);
}

static void
test_every_answer_is_on_the_page (void)
{
  g_autoptr (KpConfig) config = kp_config_new_default ();
  g_autofree char *dir = kp_test_make_tmpdir ("submission-pdf-XXXXXX");

  kp_test_set_language ("nl");
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = render_text (config, dir, cases[i].kind, cases[i].payload);

      kp_test_assert_contains (text, REFERENCE);
      kp_test_assert_contains (text, "14-03-2026");
      kp_test_assert_contains (text, kp_config_get_location_name (config));
      for (guint e = 0; cases[i].expected[e] != NULL; e++)
        kp_test_assert_contains (text, cases[i].expected[e]);
      /* What steers the program is no answer. */
      g_assert_null (strstr (text, "version"));
      g_assert_null (strstr (text, "main_category"));
      /* A place reads as an address, not as its coordinates. */
      g_assert_null (strstr (text, "latitude"));
    }
  kp_test_remove_tree (dir);
  g_assert_finalize_object (g_steal_pointer (&config));
}

/* The page is A4, for a case worker's printer and archive. */
static void
test_is_a4 (void)
{
  g_autoptr (KpConfig) config = kp_config_new_default ();
  g_autofree char *dir = kp_test_make_tmpdir ("submission-pdf-XXXXXX");
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) pdf = kp_submission_pdf_render (config, cases[0].kind, REFERENCE, CREATED_AT,
                                                     cases[0].payload, &error);
  g_autofree char *path = NULL;
  double width, height;
  guint n_pages;

  g_assert_no_error (error);
  path = kp_test_save_pdf (dir, "submission.pdf", pdf);
  kp_test_pdf_page_size (path, &width, &height, &n_pages);
  g_assert_cmpfloat_with_epsilon (width, 210, 1);
  g_assert_cmpfloat_with_epsilon (height, 297, 1);
  g_assert_cmpuint (n_pages, ==, 1);
  kp_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/submission-pdf/every-answer", test_every_answer_is_on_the_page);
  g_test_add_func ("/submission-pdf/a4", test_is_a4);
  return g_test_run ();
}
