/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-callback-request.h"
#include "kp-delivery-agent.h"
#include "kp-found-item.h"
#include "kp-local-register.h"
#include "kp-lost-report.h"
#include "kp-report.h"
#include "kp-store-private.h"
#include "kp-test-helpers.h"
#include "kp-validate.h"

#include <string.h>

/* A code for "accepted": the case gives what the payload holds instead of an error. */
#define OK -1

typedef struct
{
  char *dir;
  KpConfig *config;
  KpStore *store;
  KpOutbox *outbox;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = kp_test_make_tmpdir ("submission");
  path = g_build_filename (fixture->dir, "kernpunt.db", NULL);
  fixture->config = kp_config_new_default ();
  fixture->store = kp_store_open (path, &error);
  g_assert_no_error (error);
  fixture->outbox = kp_outbox_new (fixture->store);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_assert_finalize_object (fixture->outbox);
  g_assert_finalize_object (fixture->store);
  g_assert_finalize_object (fixture->config);
  kp_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static KpPlace *
new_park (void)
{
  return kp_place_new_landmark ("Park De Linde", "Lindeveen", 52.8735, 6.5425);
}

static void
get_today (GDate *today)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (today, 1);
  g_date_set_dmy (today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

/* ---- Complete submissions of each kind, for one field to be changed ---- */

static KpSubmission *
new_report (Fixture *fixture)
{
  g_autoptr (KpReport) report = kp_report_new (fixture->config);
  g_autoptr (KpPlace) park = new_park ();
  g_autoptr (GError) error = NULL;

  kp_report_set_category (report, "afval", "grofvuil", &error);
  g_assert_no_error (error);
  kp_report_set_place (report, park);
  kp_report_set_description (report, "Er ligt een oude bank op de stoep.", &error);
  g_assert_no_error (error);
  kp_report_set_consent (report, TRUE);
  return KP_SUBMISSION (g_steal_pointer (&report));
}

static KpSubmission *
new_found (Fixture *fixture)
{
  g_autoptr (KpFoundItem) item = kp_found_item_new ();
  g_autoptr (KpPlace) park = new_park ();
  g_autoptr (GError) error = NULL;
  GDate today;

  get_today (&today);
  kp_found_item_set_object_kind (item, "wallet", &error);
  g_assert_no_error (error);
  kp_found_item_set_place (item, park);
  kp_found_item_set_found_on (item, &today, &error);
  g_assert_no_error (error);
  kp_found_item_set_receipt_confirmed (item, TRUE);
  kp_found_item_set_finder_wants_ownership (item, TRUE, &error);
  kp_found_item_set_finder_name (item, "Jan Jansen", &error);
  kp_found_item_set_finder_phone (item, "0612345678", &error);
  g_assert_no_error (error);
  return KP_SUBMISSION (g_steal_pointer (&item));
}

static KpSubmission *
new_lost (Fixture *fixture)
{
  g_autoptr (KpLostReport) report = kp_lost_report_new ();
  g_autoptr (GError) error = NULL;
  GDate today;

  get_today (&today);
  kp_lost_report_set_object_kind (report, "keys", &error);
  kp_lost_report_set_lost_on (report, &today, &error);
  kp_lost_report_set_name (report, "Els de Vries", &error);
  kp_lost_report_set_phone (report, "0612345678", &error);
  g_assert_no_error (error);
  return KP_SUBMISSION (g_steal_pointer (&report));
}

static KpSubmission *
new_callback (Fixture *fixture)
{
  g_autoptr (KpCallbackRequest) request = kp_callback_request_new (NULL);
  g_autoptr (GError) error = NULL;

  kp_callback_request_set_subject (request, "Een vraag over de WOZ", &error);
  kp_callback_request_set_name (request, "Ali Yılmaz", &error);
  kp_callback_request_set_phone (request, "0612345678", &error);
  g_assert_no_error (error);
  return KP_SUBMISSION (g_steal_pointer (&request));
}

/* ---- Setters by field ---- */

typedef gboolean (*FieldSetter) (KpSubmission *submission, const char *value, GError **error);

static gboolean
set_report_category (KpSubmission *submission, const char *value, GError **error)
{
  g_auto (GStrv) slugs = g_strsplit (value, "/", 2);

  return kp_report_set_category (KP_REPORT (submission), slugs[0], slugs[1], error);
}

#define WRAP(name, type, setter)                                                                   \
  static gboolean name (KpSubmission *submission, const char *value, GError **error)               \
  {                                                                                                \
    return setter (type (submission), value, error);                                               \
  }

WRAP (set_report_description, KP_REPORT, kp_report_set_description)
WRAP (set_report_email, KP_REPORT, kp_report_set_email)
WRAP (set_report_phone, KP_REPORT, kp_report_set_phone)
WRAP (set_found_object, KP_FOUND_ITEM, kp_found_item_set_object_kind)
WRAP (set_found_colour, KP_FOUND_ITEM, kp_found_item_set_colour)
WRAP (set_found_brand, KP_FOUND_ITEM, kp_found_item_set_brand)
WRAP (set_found_marks, KP_FOUND_ITEM, kp_found_item_set_marks)
WRAP (set_found_finder_name, KP_FOUND_ITEM, kp_found_item_set_finder_name)
WRAP (set_found_finder_email, KP_FOUND_ITEM, kp_found_item_set_finder_email)
WRAP (set_found_finder_phone, KP_FOUND_ITEM, kp_found_item_set_finder_phone)
WRAP (set_lost_object, KP_LOST_REPORT, kp_lost_report_set_object_kind)
WRAP (set_lost_colour, KP_LOST_REPORT, kp_lost_report_set_colour)
WRAP (set_lost_brand, KP_LOST_REPORT, kp_lost_report_set_brand)
WRAP (set_lost_description, KP_LOST_REPORT, kp_lost_report_set_description)
WRAP (set_lost_place, KP_LOST_REPORT, kp_lost_report_set_place)
WRAP (set_lost_name, KP_LOST_REPORT, kp_lost_report_set_name)
WRAP (set_lost_email, KP_LOST_REPORT, kp_lost_report_set_email)
WRAP (set_lost_phone, KP_LOST_REPORT, kp_lost_report_set_phone)
WRAP (set_callback_subject, KP_CALLBACK_REQUEST, kp_callback_request_set_subject)
WRAP (set_callback_name, KP_CALLBACK_REQUEST, kp_callback_request_set_name)
WRAP (set_callback_phone, KP_CALLBACK_REQUEST, kp_callback_request_set_phone)

/* Where each field lands in the payload. */
static const struct
{
  const char *name; /* "kind.field" as in the cases below */
  KpSubmission *(*new_complete) (Fixture *fixture);
  FieldSetter set;
  const char *path;
} fields[] = {
  { "report.category", new_report, set_report_category, "sub_category" },
  { "report.description", new_report, set_report_description, "personal.description" },
  { "report.email", new_report, set_report_email, "personal.email" },
  { "report.phone", new_report, set_report_phone, "personal.phone" },
  { "found.object", new_found, set_found_object, "object" },
  { "found.colour", new_found, set_found_colour, "colour" },
  { "found.brand", new_found, set_found_brand, "brand" },
  { "found.marks", new_found, set_found_marks, "personal.marks" },
  { "found.finder-name", new_found, set_found_finder_name, "personal.finder_name" },
  { "found.finder-email", new_found, set_found_finder_email, "personal.finder_email" },
  { "found.finder-phone", new_found, set_found_finder_phone, "personal.finder_phone" },
  { "lost.object", new_lost, set_lost_object, "object" },
  { "lost.colour", new_lost, set_lost_colour, "colour" },
  { "lost.brand", new_lost, set_lost_brand, "brand" },
  { "lost.description", new_lost, set_lost_description, "personal.description" },
  { "lost.place", new_lost, set_lost_place, "personal.place" },
  { "lost.name", new_lost, set_lost_name, "personal.name" },
  { "lost.email", new_lost, set_lost_email, "personal.email" },
  { "lost.phone", new_lost, set_lost_phone, "personal.phone" },
  { "callback.subject", new_callback, set_callback_subject, "personal.subject" },
  { "callback.name", new_callback, set_callback_name, "personal.name" },
  { "callback.phone", new_callback, set_callback_phone, "personal.phone" },
};

/* ---- Reading back what was stored ---- */

/* The string at @path ("personal.email") of the stored payload, or NULL for null. (transfer full) */
static char *
dup_stored (Fixture *fixture, const char *reference, const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpOutboxItem) item = kp_outbox_lookup (fixture->outbox, reference, &error);
  g_autoptr (JsonNode) root = NULL;
  g_auto (GStrv) steps = g_strsplit (path, ".", -1);
  JsonNode *node;

  g_assert_no_error (error);
  root = kp_test_parse_json (kp_outbox_item_get_payload (item));
  node = root;
  for (guint i = 0; steps[i] != NULL; i++)
    {
      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      node = json_object_get_member (json_node_get_object (node), steps[i]);
      g_assert_nonnull (node);
    }
  if (JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return g_strdup (json_node_get_string (node));
}

typedef struct
{
  const char *field;
  const char *input;
  int code;           /* OK, or the error code */
  const char *stored; /* what the payload holds when OK; NULL: null (an optional answer left out) */
} FieldCase;

/*
 * Sets the field on an otherwise complete submission. A refusal must
 * explain itself and leave the submission complete and as it was; an
 * answer taken must reach the outbox exactly as the case says.
 */
static void
check_field_case (Fixture *fixture, const FieldCase *field_case)
{
  g_autoptr (KpSubmission) submission = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *stored = NULL;
  gsize f = 0;

  while (!g_str_equal (fields[f].name, field_case->field))
    f++;
  submission = fields[f].new_complete (fixture);
  before = kp_submission_dup_payload (submission);

  if (fields[f].set (submission, field_case->input, &error))
    {
      g_assert_cmpint (field_case->code, ==, OK);
      g_assert_no_error (error);
      reference = kp_submission_submit (submission, fixture->outbox, &error);
      g_assert_no_error (error);
      stored = dup_stored (fixture, reference, fields[f].path);
      g_assert_cmpstr (stored, ==, field_case->stored);
      return;
    }

  g_assert_cmpint (field_case->code, !=, OK);
  g_assert_nonnull (error);
  g_assert_cmpint (error->code, ==, field_case->code);
  /* A sentence for the resident that does not echo what was typed. */
  g_assert_true (g_str_has_suffix (error->message, ".") || g_str_has_suffix (error->message, "?"));
  if (field_case->input != NULL && strlen (field_case->input) > 3)
    g_assert_null (strstr (error->message, field_case->input));
  after = kp_submission_dup_payload (submission);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (kp_submission_validate (submission, NULL, NULL));
}

/*
 * The start of @input, escaped, for the test log: TAP wants one line of
 * valid UTF-8, and some inputs are neither short nor valid. (transfer full)
 */
static char *
describe_input (const char *input)
{
  g_autofree char *start = NULL;
  g_autofree char *escaped = NULL;

  if (input == NULL)
    return g_strdup ("NULL");
  start = g_strndup (input, 40);
  escaped = g_strescape (start, NULL);
  return g_strdup_printf ("“%s” (%" G_GSIZE_FORMAT " bytes)", escaped, strlen (input));
}

static void
check_field_cases (Fixture *fixture, const FieldCase *cases, gsize n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autofree char *input = describe_input (cases[i].input);

      g_test_message ("%s = %s", cases[i].field, input);
      check_field_case (fixture, &cases[i]);
    }
}

/* @text @times over. (transfer full) */
static char *
repeat (const char *text, guint times)
{
  g_autoptr (GString) repeated = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (repeated, text);
  return g_string_free (g_steal_pointer (&repeated), FALSE);
}

#define EMPTY      KP_VALIDATE_ERROR_EMPTY
#define TOO_SHORT  KP_VALIDATE_ERROR_TOO_SHORT
#define TOO_LONG   KP_VALIDATE_ERROR_TOO_LONG
#define CHARACTERS KP_VALIDATE_ERROR_CHARACTERS
#define FORMAT     KP_VALIDATE_ERROR_FORMAT
#define INVALID    KP_SUBMISSION_ERROR_INVALID

/* The free texts: taken exactly as given, whatever script, sign or look-alike they hold. */
static void
test_free_text_fields (Fixture *fixture, gconstpointer data)
{
  g_autofree char *longest = repeat ("ab", KP_REPORT_DESCRIPTION_MAX / 2);
  g_autofree char *too_long = repeat ("ab", KP_REPORT_DESCRIPTION_MAX / 2 + 1);
  g_autofree char *brand_too_long = repeat ("x", KP_FOUND_ITEM_BRAND_MAX + 1);
  g_autofree char *marks_too_long = repeat ("m", KP_FOUND_ITEM_MARKS_MAX + 1);
  g_autofree char *huge = repeat ("Heel lang. ", 100000);
  const FieldCase cases[] = {
    { "report.description", "Er ligt een oude bank op de stoep.", OK,
      "Er ligt een oude bank op de stoep." },
    { "report.description", "  Twee spaties ervoor en erna.  ", OK,
      "  Twee spaties ervoor en erna.  " },
    { "report.description", "Regel een.\nRegel twee.", OK, "Regel een.\nRegel twee." },
    { "report.description", "Kapotte lamp 💡 bij de school 🏫", OK,
      "Kapotte lamp 💡 bij de school 🏫" },
    { "report.description", "المصباح في الشارع مكسور منذ أسبوع", OK,
      "المصباح في الشارع مكسور منذ أسبوع" },
    { "report.description", "'); DROP TABLE outbox; --", OK, "'); DROP TABLE outbox; --" },
    { "report.description", "<script>alert('x')</script> & <b>vet</b>", OK,
      "<script>alert('x')</script> & <b>vet</b>" },
    { "report.description", "{\"personal\": null} %s %n", OK, "{\"personal\": null} %s %n" },
    { "report.description", longest, OK, longest },
    { "report.description", too_long, TOO_LONG },
    { "report.description", huge, TOO_LONG },
    { "report.description", "Kapot", TOO_SHORT },
    { "report.description", "", EMPTY },
    { "report.description", "   \t  ", EMPTY },
    { "report.description", NULL, EMPTY },
    { "report.description", "Lamp\x1b[2J is kapot gegaan", CHARACTERS },
    { "report.description", "Lamp is kapot\x01 gegaan", CHARACTERS },
    { "report.description", "Lamp is \xc3\x28 kapot", CHARACTERS },
    { "found.brand", "Leder & Co", OK, "Leder & Co" },
    { "found.brand", "Gazelle 🚲", OK, "Gazelle 🚲" },
    { "found.brand", "<i>Gucci</i>", OK, "<i>Gucci</i>" },
    { "found.brand", "   ", OK, NULL },
    { "found.brand", "", OK, NULL },
    { "found.brand", "Twee\nregels", CHARACTERS },
    { "found.brand", brand_too_long, TOO_LONG },
    { "found.marks", "Sticker van FC Lindeveen op de achterkant", OK,
      "Sticker van FC Lindeveen op de achterkant" },
    { "found.marks", "نقش على الجانب", OK, "نقش على الجانب" },
    { "found.marks", "kras\nen deuk", OK, "kras\nen deuk" },
    { "found.marks", marks_too_long, TOO_LONG },
    { "found.marks", "kras\x7f", CHARACTERS },
    { "lost.description", "Bos met 3 sleutels en een rode hanger", OK,
      "Bos met 3 sleutels en een rode hanger" },
    { "lost.description", "  ", OK, NULL },
    { "lost.place", "In bus 12 naar de markt", OK, "In bus 12 naar de markt" },
    { "lost.place", "Bij de bakker\nof de slager", CHARACTERS },
    { "lost.brand", "' OR 1=1 --", OK, "' OR 1=1 --" },
    { "callback.subject", "Vraag over mijn WOZ-beschikking", OK,
      "Vraag over mijn WOZ-beschikking" },
    { "callback.subject", "Hulp nodig 🙏", OK, "Hulp nodig 🙏" },
    { "callback.subject", "ok", TOO_SHORT },
    { "callback.subject", " ", EMPTY },
    { "callback.subject", too_long, TOO_LONG },
  };

  check_field_cases (fixture, cases, G_N_ELEMENTS (cases));
}

/* Names, e-mail addresses and phone numbers: kp-validate's checks, through every model. */
static void
test_contact_fields (Fixture *fixture, gconstpointer data)
{
  g_autofree char *long_name = repeat ("a", KP_VALIDATE_NAME_MAX_CHARS + 1);
  const FieldCase cases[] = {
    { "report.email", "Piet@Example.NL", OK, "Piet@example.nl" },
    { "report.email", "  ", OK, NULL },
    { "report.email", "piet@", FORMAT },
    { "report.email", "piet @example.nl", CHARACTERS },
    { "report.email", "<piet@example.nl>", FORMAT },
    { "report.phone", "06-12 34 56 78", OK, "0612345678" },
    { "report.phone", "+44 20 7946 0958", OK, "+442079460958" },
    { "report.phone", "0612", FORMAT },
    { "report.phone", "06 1234 abcd", CHARACTERS },
    { "found.finder-name", "José van den Berg-Öztürk", OK, "José van den Berg-Öztürk" },
    { "found.finder-name", "محمد العلي", OK, "محمد العلي" },
    { "found.finder-email", "jan@example.nl", OK, "jan@example.nl" },
    { "found.finder-phone", "+31 (0)6 12345678", OK, "+31612345678" },
    { "found.finder-name", "Jan 😀", CHARACTERS },
    { "found.finder-name", "Robert'); DROP TABLE outbox;--", CHARACTERS },
    { "found.finder-name", "<b>Jan</b>", CHARACTERS },
    { "found.finder-name", long_name, TOO_LONG },
    { "lost.name", "Els de Vries", OK, "Els de Vries" },
    { "lost.name", "   ", EMPTY },
    { "lost.name", "Els\x1b de Vries", CHARACTERS },
    { "lost.email", "els@example.nl", OK, "els@example.nl" },
    { "lost.phone", "0031 6 12345678", OK, "+31612345678" },
    { "callback.name", "Ali Yılmaz", OK, "Ali Yılmaz" },
    { "callback.name", "", EMPTY },
    { "callback.phone", "010 123 4567", OK, "0101234567" },
    { "callback.phone", "", EMPTY },
    { "callback.phone", "+0612345678", FORMAT },
  };

  check_field_cases (fixture, cases, G_N_ELEMENTS (cases));
}

/* Answers chosen from a list: only what the list holds. */
static void
test_choice_fields (Fixture *fixture, gconstpointer data)
{
  const FieldCase cases[] = {
    { "report.category", "afval/container-is-vol", OK, "container-is-vol" },
    { "report.category", "overlast-van-dieren/ratten", OK, "ratten" },
    { "report.category", "afval/ratten", INVALID },
    { "report.category", "afval/", INVALID },
    { "report.category", "AFVAL/grofvuil", INVALID },
    { "found.object", "bike", OK, "bike" },
    { "found.object", "car", INVALID },
    { "found.colour", "blue", OK, "blue" },
    { "found.colour", "Blue", INVALID },
    { "found.colour", "'; --", INVALID },
    { "lost.object", "jewellery", OK, "jewellery" },
    { "lost.object", "", INVALID },
    { "lost.colour", "multi", OK, "multi" },
  };

  check_field_cases (fixture, cases, G_N_ELEMENTS (cases));
}

/* Each required answer left out is named, first things first, with a B1 sentence. */
static void
test_missing_answers (Fixture *fixture, gconstpointer data)
{
  g_autoptr (KpReport) report = kp_report_new (fixture->config);
  g_autoptr (KpPlace) park = new_park ();
  g_autoptr (GError) error = NULL;
  const char *field = NULL;

  g_assert_false (kp_submission_validate (KP_SUBMISSION (report), &field, &error));
  g_assert_error (error, KP_SUBMISSION_ERROR, KP_SUBMISSION_ERROR_MISSING);
  g_assert_cmpstr (field, ==, KP_REPORT_FIELD_CATEGORY);
  g_clear_error (&error);

  kp_report_set_category (report, "afval", "grofvuil", NULL);
  g_assert_false (kp_submission_validate (KP_SUBMISSION (report), &field, &error));
  g_assert_cmpstr (field, ==, KP_REPORT_FIELD_PLACE);
  g_clear_error (&error);

  kp_report_set_place (report, park);
  g_assert_false (kp_submission_validate (KP_SUBMISSION (report), &field, &error));
  g_assert_cmpstr (field, ==, KP_REPORT_FIELD_DESCRIPTION);
  g_clear_error (&error);

  kp_report_set_description (report, "Er ligt een oude bank op de stoep.", NULL);
  kp_report_set_email (report, "piet@example.nl", NULL);
  g_assert_false (kp_submission_validate (KP_SUBMISSION (report), &field, &error));
  g_assert_cmpstr (field, ==, KP_REPORT_FIELD_CONSENT);
  g_clear_error (&error);

  /* Nothing reaches the outbox while an answer is missing. */
  g_assert_null (kp_submission_submit (KP_SUBMISSION (report), fixture->outbox, &error));
  g_assert_error (error, KP_SUBMISSION_ERROR, KP_SUBMISSION_ERROR_MISSING);
  g_clear_error (&error);
  {
    g_autoptr (GPtrArray) items = kp_outbox_list (fixture->outbox, &error);

    g_assert_cmpuint (items->len, ==, 0);
  }

  kp_report_set_consent (report, TRUE);
  g_assert_true (kp_submission_validate (KP_SUBMISSION (report), &field, &error));
  g_assert_no_error (error);
}

static void
test_found_missing_answers (Fixture *fixture, gconstpointer data)
{
  g_autoptr (KpFoundItem) item = kp_found_item_new ();
  g_autoptr (KpPlace) park = new_park ();
  g_autoptr (GError) error = NULL;
  const char *field = NULL;
  GDate today;

  get_today (&today);
  g_assert_false (kp_submission_validate (KP_SUBMISSION (item), &field, NULL));
  g_assert_cmpstr (field, ==, KP_FOUND_ITEM_FIELD_OBJECT);
  kp_found_item_set_object_kind (item, "phone", NULL);
  g_assert_false (kp_submission_validate (KP_SUBMISSION (item), &field, NULL));
  g_assert_cmpstr (field, ==, KP_FOUND_ITEM_FIELD_PLACE);
  kp_found_item_set_place (item, park);
  g_assert_false (kp_submission_validate (KP_SUBMISSION (item), &field, NULL));
  g_assert_cmpstr (field, ==, KP_FOUND_ITEM_FIELD_DATE);
  kp_found_item_set_found_on (item, &today, NULL);
  /* Handed in (the default) needs a volunteer's confirmation. */
  g_assert_false (kp_submission_validate (KP_SUBMISSION (item), &field, NULL));
  g_assert_cmpstr (field, ==, KP_FOUND_ITEM_FIELD_RECEIPT);
  kp_found_item_set_receipt_confirmed (item, TRUE);
  kp_found_item_set_finder_wants_ownership (item, TRUE, NULL);
  g_assert_false (kp_submission_validate (KP_SUBMISSION (item), &field, NULL));
  g_assert_cmpstr (field, ==, KP_FOUND_ITEM_FIELD_FINDER_NAME);
  kp_found_item_set_finder_name (item, "Jan Jansen", NULL);
  g_assert_false (kp_submission_validate (KP_SUBMISSION (item), &field, &error));
  g_assert_cmpstr (field, ==, KP_FOUND_ITEM_FIELD_FINDER_PHONE);
  g_assert_error (error, KP_SUBMISSION_ERROR, KP_SUBMISSION_ERROR_MISSING);
  kp_found_item_set_finder_email (item, "jan@example.nl", NULL);
  g_assert_true (kp_submission_validate (KP_SUBMISSION (item), &field, NULL));
}

/* Documents and bank cards: handed in, nobody's property, nothing typed from them. */
static void
test_found_document (Fixture *fixture, gconstpointer data)
{
  g_autoptr (KpSubmission) submission = new_found (fixture);
  KpFoundItem *item = KP_FOUND_ITEM (submission);
  g_autoptr (GError) error = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *stored_name = NULL;
  g_autofree char *stored_custody = NULL;

  g_assert_true (kp_found_item_set_brand (item, "Leder & Co", NULL));
  g_assert_true (kp_found_item_set_marks (item, "Naam erin gegraveerd", NULL));
  g_assert_true (kp_found_item_set_custody (item, KP_FOUND_ITEM_KEPT_BY_FINDER, NULL));

  /* Choosing the document takes away everything it may not have. */
  g_assert_true (kp_found_item_set_object_kind (item, "id-document", &error));
  g_assert_true (kp_found_item_is_document (item));
  g_assert_null (kp_found_item_get_brand (item));
  g_assert_null (kp_found_item_get_marks (item));
  g_assert_null (kp_found_item_get_finder_name (item));
  g_assert_false (kp_found_item_get_finder_wants_ownership (item));
  g_assert_cmpint (kp_found_item_get_custody (item), ==, KP_FOUND_ITEM_HANDED_IN);
  g_assert_false (kp_found_item_get_receipt_confirmed (item));

  g_assert_false (kp_found_item_set_brand (item, "Rijksoverheid", &error));
  g_assert_error (error, KP_SUBMISSION_ERROR, KP_SUBMISSION_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (kp_found_item_set_marks (item, "J. Jansen, NL1234567", &error));
  g_assert_error (error, KP_SUBMISSION_ERROR, KP_SUBMISSION_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (kp_found_item_set_custody (item, KP_FOUND_ITEM_KEPT_BY_FINDER, &error));
  g_assert_error (error, KP_SUBMISSION_ERROR, KP_SUBMISSION_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (kp_found_item_set_finder_wants_ownership (item, TRUE, &error));
  g_assert_error (error, KP_SUBMISSION_ERROR, KP_SUBMISSION_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  /* Without the wish to own it, the finder's details are not asked for. */
  g_assert_false (kp_found_item_set_finder_name (item, "Jan Jansen", &error));
  g_assert_error (error, KP_SUBMISSION_ERROR, KP_SUBMISSION_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  kp_found_item_set_receipt_confirmed (item, TRUE);
  reference = kp_submission_submit (submission, fixture->outbox, &error);
  g_assert_no_error (error);
  stored_name = dup_stored (fixture, reference, "personal.finder_name");
  g_assert_null (stored_name);
  stored_custody = dup_stored (fixture, reference, "custody");
  g_assert_cmpstr (stored_custody, ==, "handed-in");
}

static void
test_found_dates (Fixture *fixture, gconstpointer data)
{
  g_autoptr (KpFoundItem) item = kp_found_item_new ();
  g_autoptr (KpLostReport) lost = kp_lost_report_new ();
  const struct
  {
    int days_ago;
    gboolean accepted;
  } cases[] = { { 0, TRUE }, { 30, TRUE }, { 365, TRUE }, { 366, FALSE }, { -1, FALSE } };
  GDate today;

  get_today (&today);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) found_error = NULL;
      g_autoptr (GError) lost_error = NULL;
      GDate date = today;

      if (cases[i].days_ago >= 0)
        g_date_subtract_days (&date, (guint) cases[i].days_ago);
      else
        g_date_add_days (&date, 1);
      g_assert_cmpint (kp_found_item_set_found_on (item, &date, &found_error), ==,
                       cases[i].accepted);
      g_assert_cmpint (kp_lost_report_set_lost_on (lost, &date, &lost_error), ==,
                       cases[i].accepted);
      if (!cases[i].accepted)
        {
          g_assert_error (found_error, KP_VALIDATE_ERROR, KP_VALIDATE_ERROR_DATE);
          g_assert_error (lost_error, KP_VALIDATE_ERROR, KP_VALIDATE_ERROR_DATE);
        }
    }
}

static GBytes *
make_image (const char *magic, gsize magic_length, gsize size)
{
  guint8 *data = g_malloc0 (size);

  memcpy (data, magic, magic_length);
  return g_bytes_new_take (data, size);
}

static void
test_report_photo (Fixture *fixture, gconstpointer data)
{
  g_autoptr (KpSubmission) submission = new_report (fixture);
  KpReport *report = KP_REPORT (submission);
  g_autoptr (GBytes) png = make_image ("\x89PNG\r\n\x1a\n", 8, 2048);
  g_autoptr (GBytes) jpeg = make_image ("\xff\xd8\xff\xe0", 4, 4096);
  g_autoptr (GBytes) gif = make_image ("GIF89a", 6, 1024);
  g_autoptr (GBytes) too_big = make_image ("\xff\xd8\xff\xe0", 4, KP_REPORT_PHOTO_MAX_BYTES + 1);
  g_autoptr (GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr (GPtrArray) attachments = NULL;
  g_autoptr (GBytes) stored = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *reference = NULL;

  g_assert_true (kp_report_set_photo (report, png, &error));
  g_assert_cmpstr (kp_attachment_get_content_type (kp_report_get_photo (report)), ==, "image/png");
  g_assert_false (kp_report_set_photo (report, gif, &error));
  g_assert_error (error, KP_SUBMISSION_ERROR, KP_SUBMISSION_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (kp_report_set_photo (report, too_big, &error));
  g_assert_error (error, KP_SUBMISSION_ERROR, KP_SUBMISSION_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (kp_report_set_photo (report, empty, &error));
  g_clear_error (&error);
  /* A refused photo leaves the one before. */
  g_assert_cmpstr (kp_attachment_get_content_type (kp_report_get_photo (report)), ==, "image/png");
  g_assert_true (kp_report_set_photo (report, NULL, &error));
  g_assert_null (kp_report_get_photo (report));

  g_assert_true (kp_report_set_photo (report, jpeg, &error));
  reference = kp_submission_submit (submission, fixture->outbox, &error);
  g_assert_no_error (error);
  attachments = kp_outbox_get_attachments (fixture->outbox, reference, &error);
  g_assert_cmpuint (attachments->len, ==, 1);
  g_assert_cmpstr (kp_attachment_get_content_type (g_ptr_array_index (attachments, 0)), ==,
                   "image/jpeg");
  stored = kp_attachment_load (g_ptr_array_index (attachments, 0), &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (stored, jpeg));
}

/* A municipality offers some categories, in its own order; others are refused. */
static void
test_report_categories (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpConfig) config = kp_config_new_from_data (
      "[storage]\ndata-dir=/tmp\n[reports]\ncategories=overig/overig; afval/grofvuil;"
      " afval/hondenpoep\n",
      &error);
  g_autoptr (KpConfig) config_ok = NULL;
  g_autoptr (GPtrArray) mains = NULL;
  g_autoptr (GPtrArray) subs = NULL;
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (KpReport) report = NULL;

  /* hondenpoep is no sub category of afval: the file is refused with the key named. */
  g_assert_null (config);
  g_assert_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "[reports] categories"));
  g_clear_error (&error);

  config_ok = kp_config_new_from_data (
      "[storage]\ndata-dir=/tmp\n[reports]\ncategories=overig/overig; afval/grofvuil;"
      " afval/prullenbak-is-vol\n",
      &error);
  g_assert_no_error (error);
  mains = kp_report_category_list_main (config_ok);
  g_assert_cmpuint (mains->len, ==, 2);
  g_assert_cmpstr (((KpReportCategory *) g_ptr_array_index (mains, 0))->slug, ==, "overig");
  g_assert_cmpstr (((KpReportCategory *) g_ptr_array_index (mains, 1))->slug, ==, "afval");
  subs = kp_report_category_list_sub (config_ok, "afval");
  g_assert_cmpuint (subs->len, ==, 2);
  g_assert_cmpstr (kp_report_category_get_label (g_ptr_array_index (subs, 1)), ==,
                   "Litter bin is full");

  report = kp_report_new (config_ok);
  g_assert_true (kp_report_set_category (report, "afval", "grofvuil", &error));
  g_assert_false (kp_report_set_category (report, "openbaar-groen-en-water", "boom", &error));
  g_assert_error (error, KP_SUBMISSION_ERROR, KP_SUBMISSION_ERROR_INVALID);
  g_assert_cmpstr (kp_report_get_sub_category (report)->slug, ==, "grofvuil");

  /* Without the key, every Signalen category the issue lists is offered. */
  all = kp_report_category_list_main (fixture->config);
  g_assert_cmpuint (all->len, ==, 6);
}

static void
test_callback_promise (Fixture *fixture, gconstpointer data)
{
  g_autoptr (KpCallbackRequest) request = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *promise = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *stored = NULL;
  GDate friday;

  g_date_clear (&friday, 1);
  g_date_set_dmy (&friday, 27, G_DATE_NOVEMBER, 2026);
  request = kp_callback_request_new (&friday);
  g_assert_cmpint (g_date_get_day (kp_callback_request_get_promised_date (request)), ==, 1);
  g_assert_cmpint (g_date_get_month (kp_callback_request_get_promised_date (request)), ==,
                   G_DATE_DECEMBER);
  promise = kp_callback_request_dup_promise (request);
  g_assert_cmpstr (promise, ==,
                   "We call you within 2 working days: at the latest on Tuesday 1 December 2026.");

  kp_callback_request_set_subject (request, "Vraag over de WOZ", NULL);
  kp_callback_request_set_name (request, "Ali Yılmaz", NULL);
  kp_callback_request_set_phone (request, "0612345678", NULL);
  kp_callback_request_set_part_of_day (request, KP_PART_OF_DAY_AFTERNOON);
  reference = kp_submission_submit (KP_SUBMISSION (request), fixture->outbox, &error);
  g_assert_no_error (error);
  stored = dup_stored (fixture, reference, "call_before_end_of");
  g_assert_cmpstr (stored, ==, "2026-12-01");
  g_free (stored);
  stored = dup_stored (fixture, reference, "part_of_day");
  g_assert_cmpstr (stored, ==, "afternoon");
}

/* The check screen's answers: every question once, in order, with what was answered. */
static void
test_lines (Fixture *fixture, gconstpointer data)
{
  g_autoptr (KpSubmission) report = new_report (fixture);
  g_autoptr (GPtrArray) lines = NULL;
  const struct
  {
    const char *field;
    const char *label;
    const char *value;
  } expected[] = {
    { KP_REPORT_FIELD_CATEGORY, "What", "Waste: Large waste on the street" },
    { KP_REPORT_FIELD_PLACE, "Where", "Park De Linde, Lindeveen" },
    { KP_REPORT_FIELD_DESCRIPTION, "Description", "Er ligt een oude bank op de stoep." },
    { KP_REPORT_FIELD_PHOTO, "Photo", NULL },
    { KP_REPORT_FIELD_EMAIL, "E-mail", "piet@example.nl" },
    { KP_REPORT_FIELD_PHONE, "Phone", NULL },
    { KP_REPORT_FIELD_CONSENT, "Keep me informed", "Yes" },
  };

  kp_report_set_email (KP_REPORT (report), "piet@example.nl", NULL);
  lines = kp_submission_dup_lines (report);
  g_assert_cmpuint (lines->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < lines->len; i++)
    {
      KpSubmissionLine *line = g_ptr_array_index (lines, i);

      g_assert_cmpstr (line->field, ==, expected[i].field);
      g_assert_cmpstr (line->label, ==, expected[i].label);
      g_assert_cmpstr (line->value, ==, expected[i].value);
    }
}

static void
on_submitted (GObject *source, GAsyncResult *result, gpointer user_data)
{
  char **reference = user_data;
  g_autoptr (GError) error = NULL;

  *reference = kp_submission_submit_finish (KP_SUBMISSION (source), result, &error);
  g_assert_no_error (error);
}

/* The kiosk submits off the UI thread; the row is there when the answer comes. */
static void
test_submit_async (Fixture *fixture, gconstpointer data)
{
  g_autoptr (KpSubmission) lost = new_lost (fixture);
  g_autoptr (KpOutboxItem) item = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *reference = NULL;
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  kp_submission_submit_async (lost, fixture->outbox, NULL, on_submitted, &reference);
  while (reference == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (reference);
  item = kp_outbox_lookup (fixture->outbox, reference, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kp_outbox_item_get_kind (item), ==, KP_LOST_REPORT_KIND);
}

/* Personal values that appear nowhere else, so finding one in the file means it stayed. */
static const char *const personal_values[] = {
  "Omschrijving-XQ1 van de melding",
  "privacy.test@example.nl",
  "0687654321",
  "Zorro Zeldzaam",
  "Gravure-ZZ9",
  "Bushalte-QW7",
  "Onderwerp-KL5",
  "Ogenblik Onvindbaar",
};

static void
submit_personal_values (Fixture *fixture, GPtrArray *references)
{
  g_autoptr (KpSubmission) report = new_report (fixture);
  g_autoptr (KpSubmission) found = new_found (fixture);
  g_autoptr (KpSubmission) lost = new_lost (fixture);
  g_autoptr (KpSubmission) callback = new_callback (fixture);
  KpSubmission *all[] = { report, found, lost, callback };
  g_autoptr (GError) error = NULL;

  kp_report_set_category (KP_REPORT (report), "afval", "container-is-vol", &error);
  kp_report_set_description (KP_REPORT (report), personal_values[0], &error);
  kp_report_set_email (KP_REPORT (report), personal_values[1], &error);
  kp_report_set_phone (KP_REPORT (report), personal_values[2], &error);
  kp_found_item_set_finder_name (KP_FOUND_ITEM (found), personal_values[3], &error);
  kp_found_item_set_marks (KP_FOUND_ITEM (found), personal_values[4], &error);
  kp_lost_report_set_place (KP_LOST_REPORT (lost), personal_values[5], &error);
  kp_callback_request_set_subject (KP_CALLBACK_REQUEST (callback), personal_values[6], &error);
  kp_callback_request_set_name (KP_CALLBACK_REQUEST (callback), personal_values[7], &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      char *reference = kp_submission_submit (all[i], fixture->outbox, &error);

      g_assert_no_error (error);
      g_ptr_array_add (references, reference);
    }
}

/* The database file and its write-ahead log, after folding the log into the file. */
static GBytes *
read_database_bytes (Fixture *fixture)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  const char *suffixes[] = { "", "-wal" };

  g_assert_cmpint (sqlite3_exec (kp_store_get_db (fixture->store),
                                 "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (kp_store_get_path (fixture->store), suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (path, &contents, &length, NULL))
        g_byte_array_append (bytes, (const guint8 *) contents, length);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

static gboolean
bytes_contain (GBytes *bytes, const char *text)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  gsize length = strlen (text);

  for (gsize at = 0; at + length <= size; at++)
    {
      if (memcmp (data + at, text, length) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
deliver_all (Fixture *fixture)
{
  g_autoptr (KpLocalRegister) local_register = kp_local_register_new (fixture->store);
  g_autoptr (KpDeliveryAgent) agent
      = kp_delivery_agent_new (fixture->outbox, KP_BACKEND (local_register));
  g_autoptr (GError) error = NULL;
  guint n_handled = 0;

  g_assert_true (
      kp_delivery_agent_deliver_due (agent, g_get_real_time (), NULL, &n_handled, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_handled, ==, 4);
}

/*
 * After delivery the personal values are gone from the file's bytes: not
 * in the outbox, not in the embedded case register, not in freed space.
 * The same run without secure_delete shows the check would see them.
 */
static void
test_privacy_erase (Fixture *fixture, gconstpointer data)
{
  gboolean secure_delete = GPOINTER_TO_INT (data);
  g_autoptr (GPtrArray) references = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;

  if (!secure_delete)
    g_assert_cmpint (sqlite3_exec (kp_store_get_db (fixture->store), "PRAGMA secure_delete = OFF",
                                   NULL, NULL, NULL),
                     ==, SQLITE_OK);
  submit_personal_values (fixture, references);
  before = read_database_bytes (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (personal_values); i++)
    g_assert_true (bytes_contain (before, personal_values[i]));

  deliver_all (fixture);
  after = read_database_bytes (fixture);
  for (guint i = 0; i < references->len; i++)
    {
      g_autoptr (KpOutboxItem) item
          = kp_outbox_lookup (fixture->outbox, g_ptr_array_index (references, i), NULL);

      g_assert_cmpint (kp_outbox_item_get_state (item), ==, KP_OUTBOX_STATE_DELIVERED);
      g_assert_null (strstr (kp_outbox_item_get_payload (item), "personal"));
      g_assert_true (bytes_contain (after, g_ptr_array_index (references, i)));
    }
  g_assert_true (bytes_contain (after, "container-is-vol"));

  if (!secure_delete)
    {
      gboolean any_left = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (personal_values); i++)
        any_left = any_left || bytes_contain (after, personal_values[i]);
      g_assert_true (any_left);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (personal_values); i++)
    {
      g_test_message ("looking for “%s”", personal_values[i]);
      g_assert_false (bytes_contain (after, personal_values[i]));
    }
}

static void
test_payload_without_personal (void)
{
  const struct
  {
    const char *payload;
    const char *expected;
  } cases[] = {
    { "{\"kind\":\"lost\",\"personal\":{\"name\":\"Els\"},\"object\":\"keys\"}",
      "{\"kind\":\"lost\",\"object\":\"keys\"}" },
    { "{\"kind\": \"lost\",  \"object\": \"keys\"}",
      "{\"kind\": \"lost\",  \"object\": \"keys\"}" },
    { "{\"personal\":null}", "{}" },
    { "[1,2]", "{}" },
    { "not json", "{}" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *erased = kp_submission_payload_without_personal (cases[i].payload);

      g_assert_cmpstr (erased, ==, cases[i].expected);
    }
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();
  int result;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/submission/free-text-fields", test_free_text_fields);
  ADD ("/submission/contact-fields", test_contact_fields);
  ADD ("/submission/choice-fields", test_choice_fields);
  ADD ("/submission/missing-answers", test_missing_answers);
  ADD ("/submission/found-missing-answers", test_found_missing_answers);
  ADD ("/submission/found-document", test_found_document);
  ADD ("/submission/found-dates", test_found_dates);
  ADD ("/submission/report-photo", test_report_photo);
  ADD ("/submission/report-categories", test_report_categories);
  ADD ("/submission/callback-promise", test_callback_promise);
  ADD ("/submission/lines", test_lines);
  ADD ("/submission/submit-async", test_submit_async);
#undef ADD
  g_test_add ("/submission/privacy-erase", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up,
              test_privacy_erase, fixture_tear_down);
  g_test_add ("/submission/privacy-erase-bites", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up,
              test_privacy_erase, fixture_tear_down);
  g_test_add_func ("/submission/payload-without-personal", test_payload_without_personal);

  result = g_test_run ();
  kp_test_remove_tree (home);
  return result;
}
