/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-outbox.h"
#include "kp-pdf-test-helpers.h"
#include "kp-store.h"
#include "kp-test-helpers.h"

#include <glib/gstdio.h>
#include <string.h>

/*
 * `kernpunt-ctl appointment ...` against the embedded agenda in a data
 * folder of the test's own: one slot of one place on Tuesdays, so a
 * second booking of it loses.
 */
static const char agenda[] = "[product digitale-hulp]\n"
                             "name=Hulp met DigiD\n"
                             "[location bibliotheek]\n"
                             "name=Bibliotheek De Linde\n"
                             "address=Dorpsstraat 4, Lindeveen\n"
                             "products=digitale-hulp\n"
                             "slot-minutes=30\n"
                             "capacity=1\n"
                             "tuesday=10:00-11:00\n";

typedef struct
{
  char *dir;
  char *config_path;
  char *tuesday; /* "2026-12-01": a Tuesday at least a week ahead */
  char *next_tuesday;
} Fixture;

static char *
format_date (const GDate *date)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  return g_strdup (text);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *agenda_path = NULL;
  g_autofree char *config = NULL;
  g_autofree char *database = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KpStore) store = NULL;
  GDate date;

  fixture->dir = kp_test_make_tmpdir ("ctl-appointment");
  kp_test_write_file (fixture->dir, "agenda.conf", agenda);
  agenda_path = g_build_filename (fixture->dir, "agenda.conf", NULL);
  config = g_strdup_printf ("[storage]\ndata-dir=%s\n[appointments]\nagenda-file=%s\n",
                            fixture->dir, agenda_path);
  kp_test_write_file (fixture->dir, "kernpunt.conf", config);
  fixture->config_path = g_build_filename (fixture->dir, "kernpunt.conf", NULL);

  /* kernpunt-ctl never makes the database; the kiosk does, at its first start. */
  database = g_build_filename (fixture->dir, "kernpunt.db", NULL);
  store = kp_store_open (database, &error);
  g_assert_no_error (error);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
  g_date_add_days (&date, 7);
  while (g_date_get_weekday (&date) != G_DATE_TUESDAY)
    g_date_add_days (&date, 1);
  fixture->tuesday = format_date (&date);
  g_date_add_days (&date, 7);
  fixture->next_tuesday = format_date (&date);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  kp_test_remove_tree (fixture->dir);
  g_free (fixture->next_tuesday);
  g_free (fixture->tuesday);
  g_free (fixture->config_path);
  g_free (fixture->dir);
}

/* Books the Tuesday's @time as @name, with --json. */
static void
book (Fixture *fixture, KpTestRun *run, const char *time, const char *name, const char *phone)
{
  const char *args[] = { "--config",
                         fixture->config_path,
                         "--json",
                         "appointment",
                         "book",
                         "--product",
                         "digitale-hulp",
                         "--location",
                         "bibliotheek",
                         "--date",
                         fixture->tuesday,
                         "--time",
                         time,
                         "--name",
                         name,
                         phone != NULL ? "--phone" : NULL,
                         phone,
                         NULL };

  kp_test_run_ctl_args (run, args);
}

static void
test_browse (Fixture *fixture, gconstpointer data)
{
  g_auto (KpTestRun) products = { 0 };
  g_auto (KpTestRun) locations = { 0 };
  g_auto (KpTestRun) dates = { 0 };
  g_auto (KpTestRun) times = { 0 };
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *until = NULL;
  JsonArray *array;

  kp_test_run_ctl (&products, "--config", fixture->config_path, "appointment", "products", NULL);
  kp_test_assert_success (&products);
  g_assert_cmpstr (products.out, ==, "digitale-hulp\tHulp met DigiD\n");

  kp_test_run_ctl (&locations, "-c", fixture->config_path, "--json", "appointment", "locations",
                   "--product", "digitale-hulp", NULL);
  kp_test_assert_success (&locations);
  root = kp_test_parse_json (locations.out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (
      json_object_get_string_member (json_array_get_object_element (array, 0), "address"), ==,
      "Dorpsstraat 4, Lindeveen");

  until = g_strdup (fixture->next_tuesday);
  kp_test_run_ctl (&dates, "--config", fixture->config_path, "appointment", "dates", "--product",
                   "digitale-hulp", "--location", "bibliotheek", "--from", fixture->tuesday, "--to",
                   until, NULL);
  kp_test_assert_success (&dates);
  expected = g_strdup_printf ("%s\n%s\n", fixture->tuesday, fixture->next_tuesday);
  g_assert_cmpstr (dates.out, ==, expected);

  kp_test_run_ctl (&times, "--config", fixture->config_path, "appointment", "times", "--product",
                   "digitale-hulp", "--location", "bibliotheek", "--date", fixture->tuesday, NULL);
  kp_test_assert_success (&times);
  g_assert_cmpstr (times.out, ==, "10:00\n10:30\n");
}

/* Book, show, cancel: what a volunteer does for a resident by telephone. */
static void
test_book_show_cancel (Fixture *fixture, gconstpointer data)
{
  g_auto (KpTestRun) booked = { 0 };
  g_auto (KpTestRun) shown = { 0 };
  g_auto (KpTestRun) cancelled = { 0 };
  g_auto (KpTestRun) times = { 0 };
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *lower = NULL;
  JsonObject *appointment;

  book (fixture, &booked, "10:30", "Fatma Yılmaz", "+31 6 12345678");
  kp_test_assert_success (&booked);
  root = kp_test_parse_json (booked.out);
  appointment = json_node_get_object (root);
  reference = g_strdup (json_object_get_string_member (appointment, "reference"));
  g_assert_cmpstr (json_object_get_string_member (appointment, "state"), ==, "booked");
  g_assert_cmpstr (json_object_get_string_member (appointment, "name"), ==, "Fatma Yılmaz");
  g_assert_cmpstr (json_object_get_string_member (appointment, "phone"), ==, "+31612345678");
  g_assert_cmpstr (json_object_get_string_member (appointment, "time_zone"), ==,
                   "Europe/Amsterdam");
  g_assert_true (
      g_str_has_prefix (json_object_get_string_member (appointment, "start"), fixture->tuesday));
  g_assert_nonnull (strstr (json_object_get_string_member (appointment, "start"), "T10:30:00+0"));
  g_assert_cmpint (json_object_get_int_member (appointment, "duration_minutes"), ==, 30);

  /* As typed from the slip: small letters, spaces. */
  lower = g_ascii_strdown (reference, -1);
  g_strdelimit (lower, "-", ' ');
  kp_test_run_ctl (&shown, "--config", fixture->config_path, "appointment", "show", lower, NULL);
  kp_test_assert_success (&shown);
  kp_test_assert_contains (shown.out, reference);
  kp_test_assert_contains (shown.out, "Bibliotheek De Linde");
  kp_test_assert_contains (shown.out, "10:30, 30 minutes");

  kp_test_run_ctl (&cancelled, "--config", fixture->config_path, "--json", "appointment", "cancel",
                   reference, NULL);
  kp_test_assert_success (&cancelled);
  g_clear_pointer (&root, json_node_unref);
  root = kp_test_parse_json (cancelled.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "state"), ==,
                   "cancelled");
  g_assert_true (json_object_get_null_member (json_node_get_object (root), "name"));

  kp_test_run_ctl (&times, "--config", fixture->config_path, "appointment", "times", "--product",
                   "digitale-hulp", "--location", "bibliotheek", "--date", fixture->tuesday, NULL);
  kp_test_assert_success (&times);
  g_assert_cmpstr (times.out, ==, "10:00\n10:30\n");
}

/* A place that is taken is not offered again; the volunteer is told what is free. */
static void
test_slot_taken (Fixture *fixture, gconstpointer data)
{
  g_auto (KpTestRun) first = { 0 };
  g_auto (KpTestRun) second = { 0 };
  g_autofree char *expected = NULL;

  book (fixture, &first, "10:00", "Jan Jansen", NULL);
  kp_test_assert_success (&first);
  book (fixture, &second, "10:00", "Piet de Vries", NULL);
  g_assert_cmpint (second.status, ==, 2);
  expected = g_strdup_printf ("--time: “10:00” is not a free time on %s; free are: 10:30",
                              fixture->tuesday);
  kp_test_assert_contains (second.err, expected);
  g_assert_cmpstr (second.out, ==, "");
}

/* Each wrong field: exit status 2, a message naming the flag, and nothing booked. */
static void
test_bad_input (Fixture *fixture, gconstpointer data)
{
  const struct
  {
    const char *name;
    const char *phone;
    const char *time;
    const char *flag;
  } cases[] = {
    { "Jan2 Jansen", NULL, "10:00", "--name: A name can only have letters" },
    { "", NULL, "10:00", "--name: Please fill in your name." },
    { "Jan Jansen", "0612", "10:00", "--phone: This phone number is not complete." },
    { "Jan Jansen", NULL, "10:15", "--time: “10:15” is not a free time" },
    { "Jan Jansen", NULL, "tien uur", "--time:" },
  };
  g_auto (KpTestRun) times = { 0 };
  g_auto (KpTestRun) no_product = { 0 };
  g_auto (KpTestRun) bad_date = { 0 };
  g_auto (KpTestRun) bad_reference = { 0 };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (KpTestRun) run = { 0 };

      book (fixture, &run, cases[i].time, cases[i].name, cases[i].phone);
      g_assert_cmpint (run.status, ==, 2);
      kp_test_assert_contains (run.err, cases[i].flag);
      g_assert_cmpstr (run.out, ==, "");
    }

  kp_test_run_ctl (&no_product, "--config", fixture->config_path, "appointment", "locations", NULL);
  g_assert_cmpint (no_product.status, ==, 2);
  kp_test_assert_contains (no_product.err, "--product: missing");

  kp_test_run_ctl (&bad_date, "--config", fixture->config_path, "appointment", "times", "--product",
                   "digitale-hulp", "--location", "bibliotheek", "--date", "1-12-2026", NULL);
  g_assert_cmpint (bad_date.status, ==, 2);
  kp_test_assert_contains (bad_date.err, "--date: expected a day like 2026-12-01, got “1-12-2026”");

  kp_test_run_ctl (&bad_reference, "--config", fixture->config_path, "appointment", "show",
                   "KP-1234", NULL);
  g_assert_cmpint (bad_reference.status, ==, 2);
  kp_test_assert_contains (bad_reference.err, "is not a reference");

  /* Nothing was booked by any of them. */
  kp_test_run_ctl (&times, "--config", fixture->config_path, "appointment", "times", "--product",
                   "digitale-hulp", "--location", "bibliotheek", "--date", fixture->tuesday, NULL);
  kp_test_assert_success (&times);
  g_assert_cmpstr (times.out, ==, "10:00\n10:30\n");
}

/* A reference that was never booked here: not found, and the command failed. */
static void
test_unknown_reference (Fixture *fixture, gconstpointer data)
{
  g_auto (KpTestRun) run = { 0 };

  kp_test_run_ctl (&run, "--config", fixture->config_path, "appointment", "cancel", "KP-7H3Q-9MXJ",
                   NULL);
  g_assert_cmpint (run.status, ==, 1);
  kp_test_assert_contains (run.err, "KP-7H3Q-9MXJ");
}

/* The first element of the JSON array that kernpunt-ctl printed. (transfer full) */
static char *
first_of_array (const char *json)
{
  g_autoptr (JsonNode) root = kp_test_parse_json (json);
  JsonArray *array = json_node_get_array (root);

  g_assert_cmpuint (json_array_get_length (array), >, 0);
  return g_strdup (json_array_get_string_element (array, 0));
}

/* Books the demo agenda's first free passport time with ctl; returns its reference. */
static char *
book_first_passport_time (const char *config_path, GDateTime **start)
{
  g_auto (KpTestRun) dates = { 0 };
  g_auto (KpTestRun) times = { 0 };
  g_auto (KpTestRun) booked = { 0 };
  g_autofree char *day = NULL;
  g_autofree char *instant = NULL;
  g_autofree char *clock = NULL;
  g_autoptr (JsonNode) root = NULL;
  JsonObject *appointment;

  kp_test_run_ctl (&dates, "--config", config_path, "--json", "appointment", "dates", "--product",
                   "paspoort", "--location", "gemeentehuis", NULL);
  kp_test_assert_success (&dates);
  day = first_of_array (dates.out);
  kp_test_run_ctl (&times, "--config", config_path, "--json", "appointment", "times", "--product",
                   "paspoort", "--location", "gemeentehuis", "--date", day, NULL);
  kp_test_assert_success (&times);
  instant = first_of_array (times.out);
  clock = g_strndup (instant + strlen ("2026-12-01T"), strlen ("09:00"));
  kp_test_run_ctl (&booked, "--config", config_path, "--json", "appointment", "book", "--product",
                   "paspoort", "--location", "gemeentehuis", "--date", day, "--time", clock,
                   "--name", "Fatma Yılmaz", NULL);
  kp_test_assert_success (&booked);
  root = kp_test_parse_json (booked.out);
  appointment = json_node_get_object (root);
  *start
      = g_date_time_new_from_iso8601 (json_object_get_string_member (appointment, "start"), NULL);
  g_assert_nonnull (*start);
  return g_strdup (json_object_get_string_member (appointment, "reference"));
}

/*
 * `slip render` for an appointment booked with ctl: the slip a volunteer
 * prints again for a resident, with what to bring from the guidance in
 * the kiosk's language or in --lang. A cancelled one has no slip.
 */
static void
test_slip_render (Fixture *fixture, gconstpointer data)
{
  const struct
  {
    const char *language; /* NULL: the kiosk's first language, Dutch */
    const char *layout;
    const char *product;
    const char *bring_item;
  } cases[] = {
    { NULL, "a4", "Paspoort of ID-kaart", "Een pasfoto van minder dan zes maanden oud." },
    { "en", "a4", "Passport or ID card", "A passport photo less than six months old." },
    { "en", "receipt", "Passport", "passport photo" },
  };
  g_autofree char *config = g_strdup_printf ("[storage]\ndata-dir=%s\n", fixture->dir);
  g_autofree char *config_path = NULL;
  g_autofree char *out = g_build_filename (fixture->dir, "slip.pdf", NULL);
  g_autoptr (GDateTime) start = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *day = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *qr = NULL;
  g_auto (KpTestRun) cancelled = { 0 };
  g_auto (KpTestRun) refused = { 0 };

  /* No agenda file: the built-in demo agenda, whose products the guide knows. */
  kp_test_write_file (fixture->dir, "demo.conf", config);
  config_path = g_build_filename (fixture->dir, "demo.conf", NULL);
  reference = book_first_passport_time (config_path, &start);
  day = g_date_time_format (start, "%A %-d %B %Y");
  clock = g_date_time_format (start, "%H:%M");
  qr = g_strconcat (reference, "\n", NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *args[] = { "--config",
                             config_path,
                             "slip",
                             "render",
                             reference,
                             "--out",
                             out,
                             "--layout",
                             cases[i].layout,
                             cases[i].language != NULL ? "--lang" : NULL,
                             cases[i].language,
                             NULL };
      g_auto (KpTestRun) run = { 0 };
      g_autofree char *text = NULL;
      g_autofree char *decoded = NULL;

      kp_test_run_ctl_args (&run, args);
      kp_test_assert_success (&run);
      text = kp_test_pdf_text (out);
      kp_test_assert_contains (text, cases[i].product);
      kp_test_assert_contains (text, cases[i].bring_item);
      kp_test_assert_contains (text, reference);
      kp_test_assert_contains (text, clock);
      kp_test_assert_contains (text, "Gemeentehuis Lindeveen");
      if (g_str_equal (cases[i].layout, "a4"))
        {
          kp_test_assert_contains (text, day);
          kp_test_assert_contains (text, "Markt 1, Lindeveen");
        }
      decoded = kp_test_pdf_decode_qr (out);
      g_assert_cmpstr (decoded, ==, qr);
    }

  /* Cancelled: the place is free again, and no slip says otherwise. */
  kp_test_run_ctl (&cancelled, "--config", config_path, "appointment", "cancel", reference, NULL);
  kp_test_assert_success (&cancelled);
  g_assert_cmpint (g_remove (out), ==, 0);
  kp_test_run_ctl (&refused, "--config", config_path, "slip", "render", reference, "--out", out,
                   NULL);
  g_assert_cmpint (refused.status, ==, 1);
  kp_test_assert_contains (refused.err, "cancelled");
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

/*
 * With [delivery] appointment=zgw, a booking also goes into the outbox as
 * a case for kernpunt-syncd, with what, where, when and who; without it
 * (the other tests) nothing is written there.
 */
static void
test_book_registers_case (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *agenda_path = g_build_filename (fixture->dir, "agenda.conf", NULL);
  g_autofree char *config = g_strdup_printf (
      "[storage]\ndata-dir=%s\n[appointments]\nagenda-file=%s\n"
      "[zgw]\nzaken-url=https://zaken.lindeveen.example/zaken/api/v1/\n"
      "catalogi-url=https://zaken.lindeveen.example/catalogi/api/v1/\nclient-id=kernpunt\n"
      "secret-file=/etc/kernpunt/zgw-secret\nrsin=002564440\ncatalogus=LNDV\n"
      "user-representation=Kiosk\nzaaktype-appointment=AFSPRAAK\n"
      "[delivery]\nappointment=zgw\n",
      fixture->dir, agenda_path);
  g_autofree char *database = g_build_filename (fixture->dir, "kernpunt.db", NULL);
  g_auto (KpTestRun) booked = { 0 };
  g_autoptr (JsonNode) answer = NULL;
  g_autoptr (JsonNode) payload = NULL;
  g_autoptr (KpStore) store = NULL;
  g_autoptr (KpOutbox) outbox = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  KpOutboxItem *row;
  JsonObject *object;

  kp_test_write_file (fixture->dir, "kernpunt.conf", config);
  book (fixture, &booked, "10:30", "Fatma Yılmaz", "+31 6 12345678");
  kp_test_assert_success (&booked);
  answer = kp_test_parse_json (booked.out);

  store = kp_store_open (database, &error);
  g_assert_no_error (error);
  outbox = kp_outbox_new (store);
  rows = kp_outbox_list (outbox, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (kp_outbox_item_get_kind (row), ==, "appointment");
  payload = kp_test_parse_json (kp_outbox_item_get_payload (row));
  object = json_node_get_object (payload);
  g_assert_cmpstr (json_object_get_string_member (object, "product"), ==, "Hulp met DigiD");
  kp_test_assert_contains (json_object_get_string_member (object, "location"), "Dorpsstraat 4");
  kp_test_assert_contains (json_object_get_string_member (object, "starts_at"), fixture->tuesday);
  g_assert_cmpstr (json_object_get_string_member (object, "appointment_reference"), ==,
                   json_object_get_string_member (json_node_get_object (answer), "reference"));
  g_assert_cmpstr (
      json_object_get_string_member (json_object_get_object_member (object, "personal"), "name"),
      ==, "Fatma Yılmaz");
}

int
main (int argc, char **argv)
{
  g_autofree char *home = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);
  home = kp_test_init_home ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ctl-appointment/browse", test_browse);
  ADD ("/ctl-appointment/book-show-cancel", test_book_show_cancel);
  ADD ("/ctl-appointment/slot-taken", test_slot_taken);
  ADD ("/ctl-appointment/bad-input", test_bad_input);
  ADD ("/ctl-appointment/unknown-reference", test_unknown_reference);
  ADD ("/ctl-appointment/slip-render", test_slip_render);
  ADD ("/ctl-appointment/book-registers-case", test_book_registers_case);
#undef ADD

  result = g_test_run ();
  kp_test_remove_tree (home);
  return result;
}
