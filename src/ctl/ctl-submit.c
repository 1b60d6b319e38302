/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "ctl-submit.h"

#include "ctl-guide.h"
#include "kp-address-book.h"
#include "kp-callback-request.h"
#include "kp-found-item.h"
#include "kp-lost-report.h"
#include "kp-reference.h"
#include "kp-report.h"
#include "kp-submission-status.h"
#include "kp-validate.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

/*
 * The values of the submit flags, filled in by GOption while main.c
 * parses the command line. A process runs one command, so one set is all
 * there is.
 */
static struct
{
  char *category;
  char *street;
  char *house_number;
  char *postcode;
  char *landmark;
  gboolean here;
  char *description;
  char *photo;
  char *email;
  char *phone;
  gboolean consent;
  char *object;
  char *colour;
  char *brand;
  char *marks;
  char *where;
  char *date;
  gboolean kept_by_finder;
  gboolean received;
  gboolean become_owner;
  char *name;
  char *subject;
  char *part_of_day;
} flags;

/* Each flag a kind uses; any other flag given for that kind is a mistake. */
typedef struct
{
  const char *kind;
  const char *const *flags;
} KindFlags;

static const char *const report_flags[] = {
  "category",    "street", "house-number", "postcode", "landmark", "here",
  "description", "photo",  "email",        "phone",    "consent",  NULL,
};
static const char *const found_flags[] = {
  "object",   "colour", "brand", "marks",          "street",   "house-number", "postcode",
  "landmark", "here",   "date",  "kept-by-finder", "received", "become-owner", "name",
  "email",    "phone",  NULL,
};
static const char *const lost_flags[] = {
  "object", "colour", "brand", "description", "where", "date", "name", "email", "phone", NULL,
};
static const char *const callback_flags[] = {
  "subject", "name", "phone", "part-of-day", NULL,
};

static const KindFlags kinds[] = {
  { KP_REPORT_KIND, report_flags },
  { KP_FOUND_ITEM_KIND, found_flags },
  { KP_LOST_REPORT_KIND, lost_flags },
  { KP_CALLBACK_REQUEST_KIND, callback_flags },
};

static const GOptionEntry entries[] = {
  { "category", 0, 0, G_OPTION_ARG_STRING, &flags.category,
    N_ ("report: the category, as MAIN/SUB (e.g. afval/grofvuil)"), N_ ("MAIN/SUB") },
  { "street", 0, 0, G_OPTION_ARG_STRING, &flags.street,
    N_ ("report, found: the street of the place, with --house-number"), N_ ("NAME") },
  { "house-number", 0, 0, G_OPTION_ARG_STRING, &flags.house_number,
    N_ ("report, found: the house number, e.g. 12a"), N_ ("NUMBER") },
  { "postcode", 0, 0, G_OPTION_ARG_STRING, &flags.postcode,
    N_ ("report, found: the postcode of the place, with --house-number"), N_ ("POSTCODE") },
  { "landmark", 0, 0, G_OPTION_ARG_STRING, &flags.landmark,
    N_ ("report, found: a landmark from the address table"), N_ ("NAME") },
  { "here", 0, 0, G_OPTION_ARG_NONE, &flags.here, N_ ("report, found: near this information point"),
    NULL },
  { "description", 0, 0, G_OPTION_ARG_STRING, &flags.description,
    N_ ("report, lost: what is wrong, or what the object looks like"), N_ ("TEXT") },
  { "photo", 0, 0, G_OPTION_ARG_FILENAME, &flags.photo, N_ ("report: a PNG or JPEG photo"),
    N_ ("FILE") },
  { "email", 0, 0, G_OPTION_ARG_STRING, &flags.email, N_ ("report, found, lost: an e-mail address"),
    N_ ("ADDRESS") },
  { "phone", 0, 0, G_OPTION_ARG_STRING, &flags.phone,
    N_ ("report, found, lost, callback: a phone number"), N_ ("NUMBER") },
  { "consent", 0, 0, G_OPTION_ARG_NONE, &flags.consent,
    N_ ("report: the resident agrees that their contact details are kept"), NULL },
  { "object", 0, 0, G_OPTION_ARG_STRING, &flags.object,
    N_ ("found, lost: keys, wallet, phone, bike, bag, jewellery, id-document or other"),
    N_ ("KIND") },
  { "colour", 0, 0, G_OPTION_ARG_STRING, &flags.colour,
    N_ ("found, lost: black, white, grey, brown, red, orange, yellow, green, blue, purple, pink, "
        "silver, gold or multi"),
    N_ ("COLOUR") },
  { "brand", 0, 0, G_OPTION_ARG_STRING, &flags.brand, N_ ("found, lost: the brand"), N_ ("TEXT") },
  { "marks", 0, 0, G_OPTION_ARG_STRING, &flags.marks, N_ ("found: special marks"), N_ ("TEXT") },
  { "where", 0, 0, G_OPTION_ARG_STRING, &flags.where, N_ ("lost: where it was lost, in words"),
    N_ ("TEXT") },
  { "date", 0, 0, G_OPTION_ARG_STRING, &flags.date, N_ ("found, lost: the day, as YYYY-MM-DD"),
    N_ ("DATE") },
  { "kept-by-finder", 0, 0, G_OPTION_ARG_NONE, &flags.kept_by_finder,
    N_ ("found: the finder keeps the object (default: handed in here)"), NULL },
  { "received", 0, 0, G_OPTION_ARG_NONE, &flags.received,
    N_ ("found: a volunteer confirms the object was handed in"), NULL },
  { "become-owner", 0, 0, G_OPTION_ARG_NONE, &flags.become_owner,
    N_ ("found: the finder wants to become the owner if nobody asks for it"), NULL },
  { "name", 0, 0, G_OPTION_ARG_STRING, &flags.name, N_ ("found, lost, callback: a person's name"),
    N_ ("NAME") },
  { "subject", 0, 0, G_OPTION_ARG_STRING, &flags.subject, N_ ("callback: what the call is about"),
    N_ ("TEXT") },
  { "part-of-day", 0, 0, G_OPTION_ARG_STRING, &flags.part_of_day,
    N_ ("callback: any, morning or afternoon"), N_ ("PART") },
  { NULL },
};

/* ---- Flags ---- */

static gboolean
flag_is_set (const GOptionEntry *entry)
{
  if (entry->arg == G_OPTION_ARG_NONE)
    return *(gboolean *) entry->arg_data;
  return *(char **) entry->arg_data != NULL;
}

GOptionGroup *
ctl_submit_get_option_group (void)
{
  GOptionGroup *group = g_option_group_new (
      "submit", _ ("Fields of kernpunt-ctl submit report|found|lost|callback:"),
      _ ("Show the fields of a submission"), NULL, NULL);

  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  return group;
}

gboolean
ctl_submit_has_flags (void)
{
  for (guint i = 0; entries[i].long_name != NULL; i++)
    {
      if (flag_is_set (&entries[i]))
        return TRUE;
    }
  return FALSE;
}

static gboolean
set_flag_error (GError **error, const char *flag, const char *message)
{
  /* TRANSLATORS: a command line flag and what is wrong with its value */
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _ ("--%s: %s"), flag, message);
  return FALSE;
}

/* @local_error came from checking @flag's value: name the flag in front of it. */
static gboolean
take_flag_error (GError **error, const char *flag, GError *local_error)
{
  set_flag_error (error, flag, local_error->message);
  g_error_free (local_error);
  return FALSE;
}

static const KindFlags *
find_kind (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if (g_str_equal (kinds[i].kind, kind))
        return &kinds[i];
    }
  return NULL;
}

static gboolean
check_flags_fit (const KindFlags *kind, GError **error)
{
  for (guint i = 0; entries[i].long_name != NULL; i++)
    {
      if (flag_is_set (&entries[i]) && !g_strv_contains (kind->flags, entries[i].long_name))
        {
          g_autofree char *message = g_strdup_printf (_ ("not a field of “submit %s”"), kind->kind);

          return set_flag_error (error, entries[i].long_name, message);
        }
    }
  return TRUE;
}

/* ---- Places and dates ---- */

/* The flags that name a place, for a message about them all (the first "--" comes with it). */
#define PLACE_FLAGS "street, --postcode, --landmark or --here"

static KpAddressBook *
load_address_book (GError **error)
{
  g_autofree char *path = kp_address_book_dup_default_path ();

  return kp_address_book_new_from_file (path, error);
}

/* A landmark whose name is what was typed, case and accents ignored. (transfer full) */
static KpPlace *
find_landmark (KpAddressBook *book, const char *name, GError **error)
{
  g_autoptr (GPtrArray) found = kp_address_book_search_landmarks (book, name, 5);
  g_autofree char *wanted = kp_address_book_fold (name);
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  g_auto (GStrv) suggestions = NULL;
  g_autofree char *list = NULL;
  g_autofree char *message = NULL;

  for (guint i = 0; i < found->len; i++)
    {
      const KpPlace *place = g_ptr_array_index (found, i);
      g_autofree char *folded = kp_address_book_fold (kp_place_get_name (place));

      if (g_str_equal (folded, wanted))
        return kp_place_copy (place);
      g_strv_builder_add (names, kp_place_get_name (place));
    }
  suggestions = g_strv_builder_end (names);
  list = g_strjoinv (", ", suggestions);
  message = suggestions[0] != NULL
                ? g_strdup_printf (_ ("expected a landmark of the address table, such as %s"), list)
                : g_strdup (_ ("expected a landmark of the address table"));
  set_flag_error (error, "landmark", message);
  return NULL;
}

/* "--street: We cannot find this street. ... Did you mean: Dorpsstraat?" */
static void
suggest_streets (KpAddressBook *book, GError *local_error, GError **error)
{
  g_auto (GStrv) streets = kp_address_book_search_streets (book, flags.street, 3);
  g_autofree char *list = g_strjoinv (", ", streets);
  g_autofree char *message
      = streets[0] != NULL
            /* TRANSLATORS: a message, then street names from the address table */
            ? g_strdup_printf (_ ("%s Did you mean: %s?"), local_error->message, list)
            : g_strdup (local_error->message);

  set_flag_error (error, "street", message);
  g_error_free (local_error);
}

/* The postcode's own form first, so a message about it names --postcode. */
static gboolean
check_postcode (GError **error)
{
  GError *local_error = NULL;
  g_autofree char *postcode = kp_validate_postcode (flags.postcode, &local_error);

  return postcode != NULL || take_flag_error (error, "postcode", local_error);
}

static KpPlace *
find_address (KpAddressBook *book, GError **error)
{
  GError *local_error = NULL;
  KpPlace *place;

  if (flags.house_number == NULL)
    {
      set_flag_error (error, "house-number",
                      _ ("expected a house number with the street or postcode"));
      return NULL;
    }
  if (flags.street != NULL)
    place = kp_address_book_find_address (book, flags.street, flags.house_number, &local_error);
  else if (!check_postcode (error))
    return NULL;
  else
    place = kp_address_book_find_postcode (book, flags.postcode, flags.house_number, &local_error);
  if (place != NULL)
    return place;
  /* A house number of the wrong form, or one the street does not have. */
  if (local_error->domain == KP_VALIDATE_ERROR
      || g_error_matches (local_error, KP_ADDRESS_BOOK_ERROR, KP_ADDRESS_BOOK_ERROR_HOUSE_NUMBER))
    take_flag_error (error, "house-number", local_error);
  else if (flags.street != NULL)
    suggest_streets (book, local_error, error);
  else
    take_flag_error (error, "postcode", local_error);
  return NULL;
}

static guint
count_place_flags (void)
{
  return (flags.street != NULL) + (flags.postcode != NULL) + (flags.landmark != NULL)
         + (flags.here ? 1 : 0);
}

/*
 * The place named by --street or --postcode with --house-number, by
 * --landmark, or by --here; NULL without an error when none is given.
 */
static gboolean
resolve_place (KpConfig *config, KpPlace **place, GError **error)
{
  g_autoptr (KpAddressBook) book = NULL;

  *place = NULL;
  if (count_place_flags () > 1)
    return set_flag_error (error, PLACE_FLAGS, _ ("give one place, not more"));
  if (flags.here)
    *place = kp_place_new_here (config);
  if (count_place_flags () == 0 || flags.here)
    return TRUE;

  book = load_address_book (error);
  if (book == NULL)
    return FALSE;
  *place = flags.landmark != NULL ? find_landmark (book, flags.landmark, error)
                                  : find_address (book, error);
  return *place != NULL;
}

/* --date, as YYYY-MM-DD; @date stays invalid when the flag is not given. */
static gboolean
parse_date_flag (GDate *date, GError **error)
{
  g_autoptr (GTimeZone) local = g_time_zone_new_local ();
  g_autoptr (GDateTime) noon = NULL;
  g_autofree char *text = NULL;

  g_date_clear (date, 1);
  if (flags.date == NULL)
    return TRUE;
  text = g_strconcat (flags.date, "T12:00:00", NULL);
  noon = g_date_time_new_from_iso8601 (text, local);
  if (noon == NULL)
    return set_flag_error (error, "date", _ ("expected a day as YYYY-MM-DD, e.g. 2026-11-27"));
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (noon),
                  (GDateMonth) g_date_time_get_month (noon),
                  (GDateYear) g_date_time_get_year (noon));
  return TRUE;
}

/* ---- Filling in the models ---- */

/*
 * Calls @setter with @value when the flag was given; the model's message
 * for a wrong value is put behind the flag's name.
 */
#define SET_TEXT(model, setter, flag, value, error)                                                \
  ({                                                                                               \
    GError *flag_error = NULL;                                                                     \
    (value) == NULL || setter (model, value, &flag_error)                                          \
        || take_flag_error (error, flag, flag_error);                                              \
  })

static gboolean
read_photo (KpReport *report, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  GError *local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (flags.photo == NULL)
    return TRUE;
  if (!g_file_get_contents (flags.photo, &contents, &length, &local_error))
    return take_flag_error (error, "photo", local_error);
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  if (!kp_report_set_photo (report, bytes, &local_error))
    return take_flag_error (error, "photo", local_error);
  return TRUE;
}

static gboolean
set_category (KpReport *report, GError **error)
{
  g_auto (GStrv) slugs = NULL;
  GError *local_error = NULL;

  if (flags.category == NULL)
    return TRUE;
  slugs = g_strsplit (flags.category, "/", 2);
  if (g_strv_length (slugs) != 2)
    return set_flag_error (error, "category", _ ("expected MAIN/SUB, e.g. afval/grofvuil"));
  if (!kp_report_set_category (report, slugs[0], slugs[1], &local_error))
    return take_flag_error (error, "category", local_error);
  return TRUE;
}

static gboolean
fill_report (KpReport *report, KpConfig *config, GError **error)
{
  g_autoptr (KpPlace) place = NULL;

  if (!set_category (report, error) || !resolve_place (config, &place, error))
    return FALSE;
  if (place != NULL)
    kp_report_set_place (report, place);
  kp_report_set_consent (report, flags.consent);
  return SET_TEXT (report, kp_report_set_description, "description", flags.description, error)
         && read_photo (report, error)
         && SET_TEXT (report, kp_report_set_email, "email", flags.email, error)
         && SET_TEXT (report, kp_report_set_phone, "phone", flags.phone, error);
}

static gboolean
set_found_custody (KpFoundItem *item, GError **error)
{
  GError *local_error = NULL;

  if (!kp_found_item_set_custody (
          item, flags.kept_by_finder ? KP_FOUND_ITEM_KEPT_BY_FINDER : KP_FOUND_ITEM_HANDED_IN,
          &local_error))
    return take_flag_error (error, "kept-by-finder", local_error);
  kp_found_item_set_receipt_confirmed (item, flags.received);
  if (!kp_found_item_set_finder_wants_ownership (item, flags.become_owner, &local_error))
    return take_flag_error (error, "become-owner", local_error);
  return TRUE;
}

static gboolean
set_found_date (KpFoundItem *item, GError **error)
{
  GError *local_error = NULL;
  GDate date;

  if (!parse_date_flag (&date, error))
    return FALSE;
  if (g_date_valid (&date) && !kp_found_item_set_found_on (item, &date, &local_error))
    return take_flag_error (error, "date", local_error);
  return TRUE;
}

static gboolean
fill_found (KpFoundItem *item, KpConfig *config, GError **error)
{
  g_autoptr (KpPlace) place = NULL;

  if (!SET_TEXT (item, kp_found_item_set_object_kind, "object", flags.object, error)
      || !resolve_place (config, &place, error))
    return FALSE;
  if (place != NULL)
    kp_found_item_set_place (item, place);
  return SET_TEXT (item, kp_found_item_set_colour, "colour", flags.colour, error)
         && SET_TEXT (item, kp_found_item_set_brand, "brand", flags.brand, error)
         && SET_TEXT (item, kp_found_item_set_marks, "marks", flags.marks, error)
         && set_found_date (item, error) && set_found_custody (item, error)
         && SET_TEXT (item, kp_found_item_set_finder_name, "name", flags.name, error)
         && SET_TEXT (item, kp_found_item_set_finder_email, "email", flags.email, error)
         && SET_TEXT (item, kp_found_item_set_finder_phone, "phone", flags.phone, error);
}

static gboolean
set_lost_date (KpLostReport *report, GError **error)
{
  GError *local_error = NULL;
  GDate date;

  if (!parse_date_flag (&date, error))
    return FALSE;
  if (g_date_valid (&date) && !kp_lost_report_set_lost_on (report, &date, &local_error))
    return take_flag_error (error, "date", local_error);
  return TRUE;
}

static gboolean
fill_lost (KpLostReport *report, GError **error)
{
  return SET_TEXT (report, kp_lost_report_set_object_kind, "object", flags.object, error)
         && SET_TEXT (report, kp_lost_report_set_colour, "colour", flags.colour, error)
         && SET_TEXT (report, kp_lost_report_set_brand, "brand", flags.brand, error)
         && SET_TEXT (report, kp_lost_report_set_description, "description", flags.description,
                      error)
         && SET_TEXT (report, kp_lost_report_set_place, "where", flags.where, error)
         && set_lost_date (report, error)
         && SET_TEXT (report, kp_lost_report_set_name, "name", flags.name, error)
         && SET_TEXT (report, kp_lost_report_set_email, "email", flags.email, error)
         && SET_TEXT (report, kp_lost_report_set_phone, "phone", flags.phone, error);
}

static gboolean
fill_callback (KpCallbackRequest *request, GError **error)
{
  KpPartOfDay part = KP_PART_OF_DAY_ANY;

  if (flags.part_of_day != NULL && !kp_part_of_day_from_string (flags.part_of_day, &part))
    return set_flag_error (error, "part-of-day", _ ("expected any, morning or afternoon"));
  kp_callback_request_set_part_of_day (request, part);
  return SET_TEXT (request, kp_callback_request_set_subject, "subject", flags.subject, error)
         && SET_TEXT (request, kp_callback_request_set_name, "name", flags.name, error)
         && SET_TEXT (request, kp_callback_request_set_phone, "phone", flags.phone, error);
}

/* The model for @kind, filled in from the flags. (transfer full) */
static KpSubmission *
build_submission (KpConfig *config, const char *kind, GError **error)
{
  if (g_str_equal (kind, KP_REPORT_KIND))
    {
      g_autoptr (KpReport) report = kp_report_new (config);

      return fill_report (report, config, error) ? KP_SUBMISSION (g_steal_pointer (&report)) : NULL;
    }
  if (g_str_equal (kind, KP_FOUND_ITEM_KIND))
    {
      g_autoptr (KpFoundItem) item = kp_found_item_new ();

      return fill_found (item, config, error) ? KP_SUBMISSION (g_steal_pointer (&item)) : NULL;
    }
  if (g_str_equal (kind, KP_LOST_REPORT_KIND))
    {
      g_autoptr (KpLostReport) report = kp_lost_report_new ();

      return fill_lost (report, error) ? KP_SUBMISSION (g_steal_pointer (&report)) : NULL;
    }
  if (g_str_equal (kind, KP_CALLBACK_REQUEST_KIND))
    {
      g_autoptr (KpCallbackRequest) request = kp_callback_request_new (NULL);

      return fill_callback (request, error) ? KP_SUBMISSION (g_steal_pointer (&request)) : NULL;
    }
  g_return_val_if_reached (NULL);
}

/*
 * The flag that answers the model's field @field, for a message about a
 * missing answer. Field ids and flag names are the same words, except
 * where several flags answer one field.
 */
static const char *
flag_for_field (const char *kind, const char *field)
{
  static const struct
  {
    const char *kind;
    const char *field;
    const char *flag;
  } renamed[] = {
    { KP_FOUND_ITEM_KIND, KP_FOUND_ITEM_FIELD_FINDER_NAME, "name" },
    { KP_FOUND_ITEM_KIND, KP_FOUND_ITEM_FIELD_FINDER_EMAIL, "email" },
    { KP_FOUND_ITEM_KIND, KP_FOUND_ITEM_FIELD_FINDER_PHONE, "phone" },
    { KP_FOUND_ITEM_KIND, KP_FOUND_ITEM_FIELD_RECEIPT, "received" },
    { KP_FOUND_ITEM_KIND, KP_FOUND_ITEM_FIELD_PLACE, PLACE_FLAGS },
    { KP_REPORT_KIND, KP_REPORT_FIELD_PLACE, PLACE_FLAGS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (renamed); i++)
    {
      if (g_str_equal (renamed[i].kind, kind) && g_str_equal (renamed[i].field, field))
        return renamed[i].flag;
    }
  return field;
}

/* ---- Output ---- */

static void
print_json (JsonBuilder *builder)
{
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = json_to_string (root, TRUE);

  /* JSON is UTF-8 whatever the locale, so it bypasses g_print's conversion. */
  fputs (text, stdout);
  fputc ('\n', stdout);
}

static void
add_string (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
print_submitted_json (KpSubmission *submission, const char *reference)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (GPtrArray) lines = kp_submission_dup_lines (submission);

  json_builder_begin_object (builder);
  add_string (builder, "reference", reference);
  add_string (builder, "kind", kp_submission_get_kind (submission));
  json_builder_set_member_name (builder, "lines");
  json_builder_begin_array (builder);
  for (guint i = 0; i < lines->len; i++)
    {
      KpSubmissionLine *line = g_ptr_array_index (lines, i);

      json_builder_begin_object (builder);
      add_string (builder, "field", line->field);
      add_string (builder, "label", line->label);
      add_string (builder, "value", line->value);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (KP_IS_CALLBACK_REQUEST (submission))
    {
      g_autofree char *promise = kp_callback_request_dup_promise (KP_CALLBACK_REQUEST (submission));

      add_string (builder, "promise", promise);
    }
  json_builder_end_object (builder);
  print_json (builder);
}

int
ctl_submit (KpConfig *config, KpOutbox *outbox, gboolean json, const char *kind, GError **error)
{
  g_autoptr (KpSubmission) submission = NULL;
  g_autofree char *reference = NULL;
  const KindFlags *kind_flags = find_kind (kind);
  const char *field = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (KP_IS_CONFIG (config), EXIT_FAILED);
  g_return_val_if_fail (KP_IS_OUTBOX (outbox), EXIT_FAILED);

  if (kind_flags == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("Unknown kind “%s”: expected report, found, lost or callback."), kind);
      return EXIT_USAGE;
    }
  if (!check_flags_fit (kind_flags, error))
    return EXIT_USAGE;
  submission = build_submission (config, kind, error);
  if (submission == NULL)
    return EXIT_USAGE;
  if (!kp_submission_validate (submission, &field, &local_error))
    {
      take_flag_error (error, flag_for_field (kind, field), local_error);
      return EXIT_USAGE;
    }

  reference = kp_submission_submit (submission, outbox, error);
  if (reference == NULL)
    return EXIT_FAILED;
  if (json)
    print_submitted_json (submission, reference);
  else
    g_print ("%s\n", reference);
  return EXIT_OK;
}

/* ---- Status ---- */

/* Local time to the minute, or "—" when the time is not known. (transfer full) */
static char *
format_time (gint64 usec)
{
  g_autoptr (GDateTime) when = NULL;

  if (usec <= 0)
    return g_strdup ("—");
  when = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);
  return g_date_time_format (when, "%Y-%m-%d %H:%M");
}

/* "2026-03-14T09:30:00Z", or NULL for never. (transfer full) */
static char *
dup_iso_time (gint64 usec)
{
  g_autoptr (GDateTime) when = NULL;

  if (usec <= 0)
    return NULL;
  when = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  return g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");
}

static void
add_case_system_json (JsonBuilder *builder, const KpCaseStatus *known)
{
  g_autofree char *checked_at = dup_iso_time (known->checked_at);
  g_autofree char *error_at = dup_iso_time (known->error_at);

  json_builder_set_member_name (builder, "case_system");
  json_builder_begin_object (builder);
  add_string (builder, "backend", known->backend);
  add_string (builder, "status", known->status);
  add_string (builder, "status_text", known->status_text);
  add_string (builder, "checked_at", checked_at);
  add_string (builder, "last_error_class", known->error_class);
  add_string (builder, "last_error_at", error_at);
  json_builder_end_object (builder);
}

static void
print_status_json (KpSubmissionStatus *status, const KpCaseStatus *known)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  GPtrArray *history = kp_submission_status_get_history (status);

  json_builder_begin_object (builder);
  add_string (builder, "reference", kp_submission_status_get_reference (status));
  add_string (builder, "kind", kp_submission_status_get_kind (status));
  add_string (builder, "case_id", kp_submission_status_get_case_id (status));
  add_string (builder, "status", kp_submission_status_get_status (status));
  add_string (builder, "text", kp_submission_status_get_text (status));
  json_builder_set_member_name (builder, "history");
  json_builder_begin_array (builder);
  for (guint i = 0; i < history->len; i++)
    {
      KpStatusStep *step = g_ptr_array_index (history, i);
      g_autoptr (GDateTime) when = g_date_time_new_from_unix_utc (step->at / G_USEC_PER_SEC);
      g_autofree char *at = g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");

      json_builder_begin_object (builder);
      add_string (builder, "at", step->at > 0 ? at : NULL);
      add_string (builder, "status", step->status);
      add_string (builder, "text", step->text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (known != NULL)
    add_case_system_json (builder, known);
  json_builder_end_object (builder);
  print_json (builder);
}

/* "Label:" padded to @width characters, so the values line up whatever the language. */
static void
print_field (const char *label, guint width, const char *value)
{
  g_print ("%s", label);
  for (glong n = g_utf8_strlen (label, -1); n < (glong) width + 2; n++)
    g_print (" ");
  g_print ("%s\n", value);
}

static void
print_status_text (KpSubmissionStatus *status, const KpCaseStatus *known)
{
  GPtrArray *history = kp_submission_status_get_history (status);
  const char *case_id = kp_submission_status_get_case_id (status);
  const char *labels[] = { _ ("Reference:"),   _ ("Case:"),        _ ("Status:"),
                           _ ("Case system:"), _ ("Last answer:"), _ ("Last failure:") };
  guint width = 0;

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    width = MAX (width, (guint) g_utf8_strlen (labels[i], -1));
  print_field (labels[0], width, kp_submission_status_get_reference (status));
  print_field (labels[1], width, case_id != NULL ? case_id : "—");
  print_field (labels[2], width, kp_submission_status_get_text (status));
  if (known != NULL)
    {
      g_autofree char *checked_at = format_time (known->checked_at);
      g_autofree char *error_at = format_time (known->error_at);
      /* TRANSLATORS: "<time> (<why>)": when kernpunt-syncd last failed to ask the case system */
      g_autofree char *failure = g_strdup_printf (_ ("%s (%s)"), error_at, known->error_class);

      print_field (labels[3], width, known->backend);
      print_field (labels[4], width, checked_at);
      if (known->error_class != NULL && known->error_at > known->checked_at)
        print_field (labels[5], width, failure);
    }
  g_print ("\n");
  for (guint i = 0; i < history->len; i++)
    {
      KpStatusStep *step = g_ptr_array_index (history, i);
      g_autofree char *at = format_time (step->at);

      g_print ("%s  %s\n", at, step->text);
    }
}

/*
 * What kernpunt-syncd last heard from the case system, as the kiosk's
 * status screen reads it. kernpunt-ctl does not ask the case system
 * itself: it runs for volunteers too, who may not read the secrets, and
 * one way of asking keeps what the screen and the command say the same.
 */
static gboolean
read_case_status (KpConfig *config,
                  KpOutbox *outbox,
                  KpSubmissionStatus *status,
                  KpCaseStatus **known,
                  GError **error)
{
  g_autoptr (KpStatusRequests) requests = NULL;
  g_autoptr (GError) local_error = NULL;

  *known = NULL;
  if (kp_submission_status_get_backend (status) == NULL)
    return TRUE;
  requests = kp_status_requests_new (kp_outbox_get_store (outbox));
  *known = kp_status_requests_lookup (requests, kp_submission_status_get_reference (status),
                                      &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (*known != NULL)
    kp_submission_status_add_case_status (status, config, *known);
  return TRUE;
}

int
ctl_submit_status (KpConfig *config,
                   KpOutbox *outbox,
                   KpLocalRegister *local_register,
                   gboolean json,
                   const char *typed_reference,
                   GError **error)
{
  g_autoptr (KpSubmissionStatus) status = NULL;
  g_autoptr (KpCaseStatus) known = NULL;
  g_autofree char *reference = NULL;
  GError *local_error = NULL;

  reference = kp_reference_from_scan (typed_reference, kp_config_get_slip_qr_url_template (config),
                                      &local_error);
  if (reference != NULL)
    status = kp_submission_status_lookup (outbox, local_register, reference, &local_error);
  if (status == NULL)
    {
      if (local_error->domain == KP_REFERENCE_ERROR)
        g_set_error (error, local_error->domain, local_error->code,
                     _ ("“%s” is not a valid reference. %s"), typed_reference,
                     local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      g_clear_error (&local_error);
      return EXIT_FAILED;
    }
  if (!read_case_status (config, outbox, status, &known, error))
    return EXIT_FAILED;
  if (json)
    print_status_json (status, known);
  else
    print_status_text (status, known);
  return EXIT_OK;
}
