/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-delivery-agent.h"
#include "kp-found-item.h"
#include "kp-found-register.h"
#include "kp-local-register.h"
#include "kp-lost-report.h"
#include "kp-test-helpers.h"

#include <string.h>

/* The finder's details and the marks: none of it may ever come out of the register. */
#define FINDER_NAME  "Zorro Zeldzaam"
#define FINDER_PHONE "0687654321"
#define MARKS        "Gravure-ZZ9"

typedef struct
{
  char *dir;
  KpConfig *config;
  KpStore *store;
  KpOutbox *outbox;
  KpFoundRegister *found_register;
  char *wallet;
  char *bike;
  char *keys;
  char *document;
} Fixture;

static void
days_ago (GDate *date, guint days)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  g_date_subtract_days (date, days);
}

/* A found object as the kiosk would submit it. (transfer full) */
static char *
submit_found (Fixture *fixture,
              const char *object,
              const char *colour,
              const char *brand,
              KpPlace *place,
              guint found_days_ago)
{
  g_autoptr (KpFoundItem) item = kp_found_item_new ();
  g_autoptr (GError) error = NULL;
  char *reference;
  GDate date;

  days_ago (&date, found_days_ago);
  kp_found_item_set_object_kind (item, object, &error);
  kp_found_item_set_colour (item, colour, &error);
  kp_found_item_set_brand (item, brand, &error);
  kp_found_item_set_place (item, place);
  kp_found_item_set_found_on (item, &date, &error);
  kp_found_item_set_receipt_confirmed (item, TRUE);
  if (!kp_found_item_is_document (item))
    {
      kp_found_item_set_marks (item, MARKS, &error);
      kp_found_item_set_finder_wants_ownership (item, TRUE, &error);
      kp_found_item_set_finder_name (item, FINDER_NAME, &error);
      kp_found_item_set_finder_phone (item, FINDER_PHONE, &error);
    }
  g_assert_no_error (error);
  reference = kp_submission_submit (KP_SUBMISSION (item), fixture->outbox, &error);
  g_assert_no_error (error);
  return reference;
}

/* A lost report is no found object, whatever it describes. */
static void
submit_lost_wallet (Fixture *fixture)
{
  g_autoptr (KpLostReport) lost = kp_lost_report_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *reference = NULL;
  GDate date;

  days_ago (&date, 1);
  kp_lost_report_set_object_kind (lost, "wallet", &error);
  kp_lost_report_set_colour (lost, "black", &error);
  kp_lost_report_set_lost_on (lost, &date, &error);
  kp_lost_report_set_name (lost, "Els de Vries", &error);
  kp_lost_report_set_phone (lost, "0612345678", &error);
  g_assert_no_error (error);
  reference = kp_submission_submit (KP_SUBMISSION (lost), fixture->outbox, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (KpPlace) park = kp_place_new_landmark ("Park De Linde", "Lindeveen", 52.87, 6.54);
  g_autoptr (KpPlace) street
      = kp_place_new_address ("Dorpsstraat", "4", "9431 AC", "Lindeveen", 52.87, 6.53);
  g_autoptr (KpPlace) station
      = kp_place_new_landmark ("Station Lindeveen", "Lindeveen", 52.866, 6.532);
  g_autoptr (KpPlace) here = NULL;

  fixture->dir = kp_test_make_tmpdir ("found-register");
  path = g_build_filename (fixture->dir, "kernpunt.db", NULL);
  fixture->config = kp_config_new_default ();
  here = kp_place_new_here (fixture->config);
  fixture->store = kp_store_open (path, &error);
  g_assert_no_error (error);
  fixture->outbox = kp_outbox_new (fixture->store);
  fixture->found_register = kp_found_register_new (fixture->store);

  fixture->keys = submit_found (fixture, "keys", NULL, NULL, station, 40);
  fixture->bike = submit_found (fixture, "bike", "blue", "Gazelle", street, 10);
  fixture->wallet = submit_found (fixture, "wallet", "black", "Leder & Co", park, 3);
  fixture->document = submit_found (fixture, "id-document", NULL, NULL, here, 0);
  submit_lost_wallet (fixture);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_assert_finalize_object (fixture->found_register);
  g_assert_finalize_object (fixture->outbox);
  g_assert_finalize_object (fixture->store);
  g_assert_finalize_object (fixture->config);
  kp_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->wallet);
  g_free (fixture->bike);
  g_free (fixture->keys);
  g_free (fixture->document);
}

/* Nothing a resident sees of an entry names the finder or gives away the marks. */
static void
assert_no_finder_details (const KpFoundRegisterEntry *entry)
{
  const char *shown[] = { entry->description, entry->place,       entry->brand,
                          entry->colour,      entry->object_kind, entry->reference };
  const char *secret[] = { FINDER_NAME, FINDER_PHONE, MARKS };

  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    {
      for (guint j = 0; shown[i] != NULL && j < G_N_ELEMENTS (secret); j++)
        g_assert_null (strstr (shown[i], secret[j]));
    }
}

typedef struct
{
  const char *object_kind;
  const char *colour;
  const char *place;
  int from_days_ago;       /* -1: any */
  int to_days_ago;         /* -1: any */
  const char *expected[5]; /* names of fixture references, most recently found first */
} SearchCase;

static const char *
reference_of (Fixture *fixture, const char *name)
{
  if (g_str_equal (name, "wallet"))
    return fixture->wallet;
  if (g_str_equal (name, "bike"))
    return fixture->bike;
  if (g_str_equal (name, "keys"))
    return fixture->keys;
  return fixture->document;
}

static void
check_search (Fixture *fixture, const SearchCase *search)
{
  KpFoundRegisterQuery query = { search->object_kind, search->colour, search->place };
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) error = NULL;
  guint n_expected = 0;

  if (search->from_days_ago >= 0)
    days_ago (&query.from, (guint) search->from_days_ago);
  if (search->to_days_ago >= 0)
    days_ago (&query.to, (guint) search->to_days_ago);
  entries = kp_found_register_search (fixture->found_register, &query, 10, &error);
  g_assert_no_error (error);
  while (search->expected[n_expected] != NULL)
    n_expected++;
  g_assert_cmpuint (entries->len, ==, n_expected);
  for (guint i = 0; i < entries->len; i++)
    {
      KpFoundRegisterEntry *entry = g_ptr_array_index (entries, i);

      g_assert_cmpstr (entry->reference, ==, reference_of (fixture, search->expected[i]));
      assert_no_finder_details (entry);
    }
}

static void
test_search (Fixture *fixture, gconstpointer data)
{
  const SearchCase cases[] = {
    { NULL, NULL, NULL, -1, -1, { "document", "wallet", "bike", "keys" } },
    { "wallet", NULL, NULL, -1, -1, { "wallet" } },
    { "bike", "blue", NULL, -1, -1, { "bike" } },
    { "bike", "black", NULL, -1, -1, { NULL } },
    { NULL, "black", NULL, -1, -1, { "wallet" } },
    { NULL, NULL, "park", -1, -1, { "wallet" } },
    { NULL,
      NULL,
      "DORPSSTRAAT",
      -1,
      -1,
      { "document", "bike" } }, /* the kiosk is at Dorpsstraat 4 */
    { NULL, NULL, "9431 ac", -1, -1, { "bike" } },
    { NULL, NULL, "station", -1, -1, { "keys" } },
    { NULL, NULL, "nergens", -1, -1, { NULL } },
    { NULL, NULL, NULL, 5, -1, { "document", "wallet" } },
    { NULL, NULL, NULL, -1, 20, { "keys" } },
    { NULL, NULL, NULL, 12, 2, { "wallet", "bike" } },
    { "'; DROP TABLE outbox; --", NULL, NULL, -1, -1, { NULL } },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %" G_GSIZE_FORMAT, i);
      check_search (fixture, &cases[i]);
    }
}

/* What a resident reads: the object in words, where and when; never who found it. */
static void
test_entry_text (Fixture *fixture, gconstpointer data)
{
  KpFoundRegisterQuery query = { "wallet" };
  g_autoptr (GPtrArray) entries = NULL;
  KpFoundRegisterEntry *entry;
  GDate expected;

  entries = kp_found_register_search (fixture->found_register, &query, 10, NULL);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->description, ==, "Wallet or purse, black, Leder & Co");
  g_assert_cmpstr (entry->place, ==, "Park De Linde, Lindeveen");
  g_assert_cmpstr (entry->colour, ==, "black");
  days_ago (&expected, 3);
  g_assert_cmpint (g_date_compare (&entry->found_on, &expected), ==, 0);
}

static void
test_max_results (Fixture *fixture, gconstpointer data)
{
  KpFoundRegisterQuery query = { NULL };
  g_autoptr (GPtrArray) entries
      = kp_found_register_search (fixture->found_register, &query, 2, NULL);

  g_assert_cmpuint (entries->len, ==, 2);
}

/* Once delivered the finder's details are erased, but the object is still listed. */
static void
test_listed_after_delivery (Fixture *fixture, gconstpointer data)
{
  g_autoptr (KpLocalRegister) local_register = kp_local_register_new (fixture->store);
  g_autoptr (KpDeliveryAgent) agent
      = kp_delivery_agent_new (fixture->outbox, KP_BACKEND (local_register));
  KpFoundRegisterQuery query = { NULL };
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (kp_delivery_agent_deliver_due (agent, g_get_real_time (), NULL, NULL, &error));
  g_assert_no_error (error);
  entries = kp_found_register_search (fixture->found_register, &query, 10, &error);
  g_assert_cmpuint (entries->len, ==, 4);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();
  int result;

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/found-register/search", Fixture, NULL, fixture_set_up, test_search,
              fixture_tear_down);
  g_test_add ("/found-register/entry-text", Fixture, NULL, fixture_set_up, test_entry_text,
              fixture_tear_down);
  g_test_add ("/found-register/max-results", Fixture, NULL, fixture_set_up, test_max_results,
              fixture_tear_down);
  g_test_add ("/found-register/listed-after-delivery", Fixture, NULL, fixture_set_up,
              test_listed_after_delivery, fixture_tear_down);

  result = g_test_run ();
  kp_test_remove_tree (home);
  return result;
}
