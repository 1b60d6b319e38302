/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-outbox.h"
#include "kp-reference.h"
#include "kp-store-private.h"
#include "kp-test-helpers.h"

#include <glib/gstdio.h>

#define PAYLOAD "{\"what\": \"street lamp out\", \"where\": \"Dorpsstraat 12\"}"
#define SECOND  G_TIME_SPAN_SECOND
/* A "now" this far ahead makes every row submitted during the test due, on a slow machine too. */
#define MARGIN      (600 * SECOND)
#define N_CONTENDED 200

typedef struct
{
  char *dir;
  char *path;
  KpStore *store;
  KpOutbox *outbox;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = kp_test_make_tmpdir ("outbox");
  fixture->path = g_build_filename (fixture->dir, "kernpunt.db", NULL);
  fixture->store = kp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->outbox = kp_outbox_new (fixture->store);
  g_assert_true (kp_outbox_get_store (fixture->outbox) == fixture->store);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  g_assert_finalize_object (fixture->outbox);
  g_assert_finalize_object (fixture->store);
  kp_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static char *
submit (KpOutbox *outbox)
{
  g_autoptr (GError) error = NULL;
  char *reference = kp_outbox_submit (outbox, "report", PAYLOAD, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (kp_reference_is_valid (reference));
  return reference;
}

static KpOutboxItem *
lookup (KpOutbox *outbox, const char *reference)
{
  g_autoptr (GError) error = NULL;
  KpOutboxItem *item = kp_outbox_lookup (outbox, reference, &error);

  g_assert_no_error (error);
  return item;
}

static KpOutboxItem *
claim (KpOutbox *outbox, gint64 now)
{
  g_autoptr (GError) error = NULL;
  KpOutboxItem *item = kp_outbox_claim_due (outbox, now, &error);

  g_assert_no_error (error);
  return item;
}

/* Claims the next due row and checks it is the one with @reference. */
static void
assert_claims (KpOutbox *outbox, gint64 now, const char *reference)
{
  g_autoptr (KpOutboxItem) item = claim (outbox, now);

  g_assert_nonnull (item);
  g_assert_cmpstr (kp_outbox_item_get_reference (item), ==, reference);
  g_assert_cmpint (kp_outbox_item_get_state (item), ==, KP_OUTBOX_STATE_DELIVERING);
}

static void
assert_claims_nothing (KpOutbox *outbox, gint64 now)
{
  g_autoptr (KpOutboxItem) item = claim (outbox, now);

  g_assert_null (item);
}

static gint64
query_int (KpStore *store, const char *sql)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (kp_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* Everything the state machine may change in the row of @reference, as one line. */
static char *
describe_row (KpStore *store, const char *reference)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (
      sqlite3_prepare_v2 (kp_store_get_db (store),
                          "SELECT state || '|' || attempts || '|' || next_attempt_at"
                          " || '|' || ifnull (delivered_at, '-') || '|'"
                          " || ifnull (last_error, '-') || '|' || ifnull (remote_id, '-')"
                          " || '|' || ifnull (remote_status, '-')"
                          " FROM outbox WHERE reference = ?1",
                          -1, &stmt, NULL),
      ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, reference, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
test_submit_and_lookup (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpOutboxItem) item = NULL;
  g_autoptr (KpOutboxItem) missing = NULL;
  g_autofree char *reference = NULL;
  gint64 before = g_get_real_time ();
  gint64 after;

  reference = submit (fixture->outbox);
  after = g_get_real_time ();

  item = lookup (fixture->outbox, reference);
  g_assert_cmpstr (kp_outbox_item_get_reference (item), ==, reference);
  g_assert_cmpstr (kp_outbox_item_get_kind (item), ==, "report");
  g_assert_cmpstr (kp_outbox_item_get_payload (item), ==, PAYLOAD);
  g_assert_true (g_uuid_string_is_valid (kp_outbox_item_get_idempotency_key (item)));
  g_assert_cmpint (kp_outbox_item_get_state (item), ==, KP_OUTBOX_STATE_PENDING);
  g_assert_cmpuint (kp_outbox_item_get_attempts (item), ==, 0);
  g_assert_cmpuint (kp_outbox_item_get_n_attachments (item), ==, 0);
  g_assert_cmpint (kp_outbox_item_get_created_at (item), >=, before);
  g_assert_cmpint (kp_outbox_item_get_created_at (item), <=, after);
  g_assert_cmpint (kp_outbox_item_get_next_attempt_at (item), ==,
                   kp_outbox_item_get_created_at (item));
  g_assert_cmpint (kp_outbox_item_get_delivered_at (item), ==, 0);
  g_assert_null (kp_outbox_item_get_last_error (item));
  g_assert_null (kp_outbox_item_get_remote_id (item));
  g_assert_null (kp_outbox_item_get_remote_status (item));
  g_assert_cmpint (kp_outbox_item_get_id (item), >, 0);

  /* The row as the delivery agent's own connection finds it. */
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM outbox WHERE state = 'pending'"
                                              " AND payload LIKE '%street lamp%'"),
                   ==, 1);

  missing = kp_outbox_lookup (fixture->outbox, "KP-7H3Q-9MXJ", &error);
  g_assert_error (error, KP_OUTBOX_ERROR, KP_OUTBOX_ERROR_NOT_FOUND);
  g_assert_null (missing);
  g_assert_nonnull (strstr (error->message, "KP-7H3Q-9MXJ"));
}

static void
test_list (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GPtrArray) empty = NULL;
  g_autoptr (GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  char *references[3];

  empty = kp_outbox_list (fixture->outbox, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty->len, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (references); i++)
    references[i] = submit (fixture->outbox);

  items = kp_outbox_list (fixture->outbox, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, G_N_ELEMENTS (references));
  for (guint i = 0; i < items->len; i++)
    {
      KpOutboxItem *item = g_ptr_array_index (items, i);

      g_assert_cmpstr (kp_outbox_item_get_reference (item), ==, references[i]);
      g_hash_table_add (keys, (gpointer) kp_outbox_item_get_idempotency_key (item));
      g_free (references[i]);
    }
  g_assert_cmpuint (g_hash_table_size (keys), ==, G_N_ELEMENTS (references));
}

static void
test_payload_validation (Fixture *fixture, gconstpointer user_data)
{
  const struct
  {
    const char *kind;
    const char *payload;
    gboolean accepted;
  } cases[] = {
    { "report", "{}", TRUE },
    { "found-item", "{\"photos\": [1, 2], \"nested\": {\"a\": null}}", TRUE },
    { "", "{}", FALSE },
    { NULL, "{}", FALSE },
    { "report", NULL, FALSE },
    { "report", "", FALSE },
    { "report", "[]", FALSE },
    { "report", "42", FALSE },
    { "report", "\"Jansen\"", FALSE },
    { "report", "null", FALSE },
    { "report", "{\"name\": \"Jansen\"", FALSE },
    { "report", "name=Jansen", FALSE },
  };
  guint n_accepted = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *reference = NULL;

      g_test_message ("kind '%s', payload '%s'", cases[i].kind, cases[i].payload);
      reference = kp_outbox_submit (fixture->outbox, cases[i].kind, cases[i].payload, NULL, &error);
      if (cases[i].accepted)
        {
          g_assert_no_error (error);
          g_assert_nonnull (reference);
          n_accepted++;
          continue;
        }
      g_assert_error (error, KP_OUTBOX_ERROR, KP_OUTBOX_ERROR_INVALID_PAYLOAD);
      g_assert_null (reference);
      /* Nothing of what the resident wrote may end up in a message or a log. */
      g_assert_null (strstr (error->message, "Jansen"));
    }
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM outbox"), ==, n_accepted);
}

static void
write_file (const char *path, const char *contents)
{
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
assert_loads (const KpAttachment *attachment, GBytes *expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) loaded = kp_attachment_load (attachment, &error);

  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (loaded, expected));
}

static void
assert_load_fails (const KpAttachment *attachment, int code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) loaded = kp_attachment_load (attachment, &error);

  g_assert_error (error, KP_ATTACHMENT_ERROR, code);
  g_assert_null (loaded);
}

static void
assert_attachment (const KpAttachment *attachment,
                   const char *name,
                   const char *content_type,
                   GBytes *contents,
                   const char *path)
{
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, contents);

  g_assert_cmpstr (kp_attachment_get_name (attachment), ==, name);
  g_assert_cmpstr (kp_attachment_get_content_type (attachment), ==, content_type);
  g_assert_cmpuint (kp_attachment_get_size (attachment), ==, g_bytes_get_size (contents));
  g_assert_cmpstr (kp_attachment_get_sha256 (attachment), ==, sha256);
  g_assert_cmpstr (kp_attachment_get_path (attachment), ==, path);
  g_assert_true ((kp_attachment_get_data (attachment) == NULL) == (path != NULL));
  assert_loads (attachment, contents);
}

static void
test_attachments (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *file_path = g_build_filename (fixture->dir, "letter.pdf", NULL);
  g_autoptr (GBytes) photo = g_bytes_new_static ("\xff\xd8\xff\xe0 not really a JPEG", 22);
  g_autoptr (GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr (GBytes) letter = g_bytes_new_static ("%PDF-1.4 a letter", 17);
  g_autoptr (GPtrArray) submitted
      = g_ptr_array_new_with_free_func ((GDestroyNotify) kp_attachment_free);
  g_autoptr (GPtrArray) stored = NULL;
  g_autoptr (GPtrArray) missing = NULL;
  g_autoptr (KpOutboxItem) item = NULL;
  g_autoptr (KpAttachment) copy = NULL;
  g_autofree char *reference = NULL;
  KpAttachment *from_file;

  write_file (file_path, "%PDF-1.4 a letter");
  g_ptr_array_add (submitted, kp_attachment_new_from_bytes ("photo.jpg", "image/jpeg", photo));
  g_ptr_array_add (submitted, kp_attachment_new_from_bytes ("empty.txt", "text/plain", empty));
  from_file = kp_attachment_new_from_file ("letter.pdf", "application/pdf", file_path, &error);
  g_assert_no_error (error);
  g_ptr_array_add (submitted, from_file);
  assert_attachment (from_file, "letter.pdf", "application/pdf", letter, file_path);

  reference = kp_outbox_submit (fixture->outbox, "report", PAYLOAD, submitted, &error);
  g_assert_no_error (error);
  item = lookup (fixture->outbox, reference);
  g_assert_cmpuint (kp_outbox_item_get_n_attachments (item), ==, 3);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM outbox_attachment"
                                              " WHERE data IS NOT NULL AND path IS NULL"),
                   ==, 2);

  stored = kp_outbox_get_attachments (fixture->outbox, reference, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 3);
  assert_attachment (g_ptr_array_index (stored, 0), "photo.jpg", "image/jpeg", photo, NULL);
  assert_attachment (g_ptr_array_index (stored, 1), "empty.txt", "text/plain", empty, NULL);
  assert_attachment (g_ptr_array_index (stored, 2), "letter.pdf", "application/pdf", letter,
                     file_path);
  copy = kp_attachment_copy (g_ptr_array_index (stored, 0));
  assert_attachment (copy, "photo.jpg", "image/jpeg", photo, NULL);

  /* The file changed after submission, then it disappeared. */
  write_file (file_path, "%PDF-1.4 another letter");
  assert_load_fails (g_ptr_array_index (stored, 2), KP_ATTACHMENT_ERROR_CHANGED);
  assert_load_fails (from_file, KP_ATTACHMENT_ERROR_CHANGED);
  write_file (file_path, "%PDF-1.4 a letteR");
  assert_load_fails (g_ptr_array_index (stored, 2), KP_ATTACHMENT_ERROR_CHANGED);
  g_assert_cmpint (g_unlink (file_path), ==, 0);
  assert_load_fails (g_ptr_array_index (stored, 2), KP_ATTACHMENT_ERROR_UNREADABLE);

  missing = kp_outbox_get_attachments (fixture->outbox, "KP-7H3Q-9MXJ", &error);
  g_assert_error (error, KP_OUTBOX_ERROR, KP_OUTBOX_ERROR_NOT_FOUND);
  g_assert_null (missing);
}

static void
test_attachment_from_missing_file (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "gone.jpg", NULL);
  g_autoptr (KpAttachment) attachment = NULL;

  attachment = kp_attachment_new_from_file ("gone.jpg", "image/jpeg", path, &error);
  g_assert_error (error, KP_ATTACHMENT_ERROR, KP_ATTACHMENT_ERROR_UNREADABLE);
  g_assert_null (attachment);
}

typedef enum
{
  ACTION_CLAIM,
  ACTION_DELIVER,
  ACTION_RETRY,
  ACTION_REJECT,
  ACTION_RECOVER,
} Action;

static const char *const action_names[] = { "claim", "deliver", "retry", "reject", "recover" };

/* A fresh outbox with one row in @state; returns its reference. */
static char *
submit_in_state (KpOutbox *outbox, KpOutboxState state, gint64 now)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *reference = submit (outbox);

  if (state == KP_OUTBOX_STATE_PENDING)
    return g_steal_pointer (&reference);
  assert_claims (outbox, now, reference);
  if (state == KP_OUTBOX_STATE_DELIVERED)
    kp_outbox_mark_delivered (outbox, reference, "ZAAK-1", "received", now, &error);
  else if (state == KP_OUTBOX_STATE_REJECTED)
    kp_outbox_mark_rejected (outbox, reference, "first refusal", &error);
  g_assert_no_error (error);
  return g_steal_pointer (&reference);
}

/* Returns whether the action did something; sets @error when it was refused. */
static gboolean
run_action (KpOutbox *outbox, Action action, const char *reference, gint64 now, GError **error)
{
  g_autoptr (KpOutboxItem) claimed = NULL;

  switch (action)
    {
      case ACTION_CLAIM:
        claimed = kp_outbox_claim_due (outbox, now, error);
        return claimed != NULL;
      case ACTION_DELIVER:
        return kp_outbox_mark_delivered (outbox, reference, "ZAAK-2", "in progress", now, error);
      case ACTION_RETRY:
        return kp_outbox_mark_retry (outbox, reference, "timeout", now + 60 * SECOND, error);
      case ACTION_REJECT:
        return kp_outbox_mark_rejected (outbox, reference, "refused", error);
      case ACTION_RECOVER:
        return kp_outbox_recover_interrupted (outbox, error) > 0;
      default:
        g_assert_not_reached ();
    }
}

/* What the action leaves in the row besides its state, when it did something. */
static void
assert_action_details (KpOutboxItem *item, Action action, gint64 now)
{
  switch (action)
    {
      case ACTION_CLAIM:
        g_assert_cmpuint (kp_outbox_item_get_attempts (item), ==, 1);
        break;
      case ACTION_DELIVER:
        g_assert_cmpstr (kp_outbox_item_get_remote_id (item), ==, "ZAAK-2");
        g_assert_cmpstr (kp_outbox_item_get_remote_status (item), ==, "in progress");
        g_assert_cmpint (kp_outbox_item_get_delivered_at (item), ==, now);
        break;
      case ACTION_RETRY:
        g_assert_cmpstr (kp_outbox_item_get_last_error (item), ==, "timeout");
        g_assert_cmpint (kp_outbox_item_get_next_attempt_at (item), ==, now + 60 * SECOND);
        break;
      case ACTION_REJECT:
        g_assert_cmpstr (kp_outbox_item_get_last_error (item), ==, "refused");
        break;
      case ACTION_RECOVER:
        g_assert_cmpuint (kp_outbox_item_get_attempts (item), ==, 1);
        break;
      default:
        g_assert_not_reached ();
    }
}

#define REFUSED (KP_OUTBOX_ERROR_INVALID_TRANSITION)
#define DONE    (-1) /* the action did what it says */
#define IDLE    (-2) /* nothing to do, and no error: claim or recover found no row */

static void
test_state_machine (void)
{
  const struct
  {
    KpOutboxState from;
    Action action;
    int outcome;
    KpOutboxState to;
  } cases[] = {
    { KP_OUTBOX_STATE_PENDING, ACTION_CLAIM, DONE, KP_OUTBOX_STATE_DELIVERING },
    { KP_OUTBOX_STATE_PENDING, ACTION_DELIVER, REFUSED, KP_OUTBOX_STATE_PENDING },
    { KP_OUTBOX_STATE_PENDING, ACTION_RETRY, REFUSED, KP_OUTBOX_STATE_PENDING },
    { KP_OUTBOX_STATE_PENDING, ACTION_REJECT, REFUSED, KP_OUTBOX_STATE_PENDING },
    { KP_OUTBOX_STATE_PENDING, ACTION_RECOVER, IDLE, KP_OUTBOX_STATE_PENDING },
    { KP_OUTBOX_STATE_DELIVERING, ACTION_CLAIM, IDLE, KP_OUTBOX_STATE_DELIVERING },
    { KP_OUTBOX_STATE_DELIVERING, ACTION_DELIVER, DONE, KP_OUTBOX_STATE_DELIVERED },
    { KP_OUTBOX_STATE_DELIVERING, ACTION_RETRY, DONE, KP_OUTBOX_STATE_PENDING },
    { KP_OUTBOX_STATE_DELIVERING, ACTION_REJECT, DONE, KP_OUTBOX_STATE_REJECTED },
    { KP_OUTBOX_STATE_DELIVERING, ACTION_RECOVER, DONE, KP_OUTBOX_STATE_PENDING },
    { KP_OUTBOX_STATE_DELIVERED, ACTION_CLAIM, IDLE, KP_OUTBOX_STATE_DELIVERED },
    { KP_OUTBOX_STATE_DELIVERED, ACTION_DELIVER, REFUSED, KP_OUTBOX_STATE_DELIVERED },
    { KP_OUTBOX_STATE_DELIVERED, ACTION_RETRY, REFUSED, KP_OUTBOX_STATE_DELIVERED },
    { KP_OUTBOX_STATE_DELIVERED, ACTION_REJECT, REFUSED, KP_OUTBOX_STATE_DELIVERED },
    { KP_OUTBOX_STATE_DELIVERED, ACTION_RECOVER, IDLE, KP_OUTBOX_STATE_DELIVERED },
    { KP_OUTBOX_STATE_REJECTED, ACTION_CLAIM, IDLE, KP_OUTBOX_STATE_REJECTED },
    { KP_OUTBOX_STATE_REJECTED, ACTION_DELIVER, REFUSED, KP_OUTBOX_STATE_REJECTED },
    { KP_OUTBOX_STATE_REJECTED, ACTION_RETRY, REFUSED, KP_OUTBOX_STATE_REJECTED },
    { KP_OUTBOX_STATE_REJECTED, ACTION_REJECT, REFUSED, KP_OUTBOX_STATE_REJECTED },
    { KP_OUTBOX_STATE_REJECTED, ACTION_RECOVER, IDLE, KP_OUTBOX_STATE_REJECTED },
  };
  gint64 now = g_get_real_time () + MARGIN;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Fixture fixture;
      g_autoptr (GError) error = NULL;
      g_autoptr (KpOutboxItem) item = NULL;
      g_autofree char *reference = NULL;
      g_autofree char *row_before = NULL;
      g_autofree char *row_after = NULL;
      gboolean acted;

      g_test_message ("%s, %s", kp_outbox_state_to_string (cases[i].from),
                      action_names[cases[i].action]);
      fixture_set_up (&fixture, NULL);
      reference = submit_in_state (fixture.outbox, cases[i].from, now);
      row_before = describe_row (fixture.store, reference);

      acted = run_action (fixture.outbox, cases[i].action, reference, now, &error);

      item = lookup (fixture.outbox, reference);
      g_assert_cmpint (kp_outbox_item_get_state (item), ==, cases[i].to);
      row_after = describe_row (fixture.store, reference);
      if (cases[i].outcome == DONE)
        {
          g_assert_no_error (error);
          g_assert_true (acted);
          assert_action_details (item, cases[i].action, now);
        }
      else
        {
          if (cases[i].outcome == IDLE)
            g_assert_no_error (error);
          else
            g_assert_error (error, KP_OUTBOX_ERROR, cases[i].outcome);
          g_assert_false (acted);
          g_assert_cmpstr (row_after, ==, row_before);
        }
      g_clear_object (&item);
      fixture_tear_down (&fixture, NULL);
    }
}

static void
test_transition_of_unknown_row (Fixture *fixture, gconstpointer user_data)
{
  gint64 now = g_get_real_time ();

  for (Action action = ACTION_DELIVER; action <= ACTION_REJECT; action++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (run_action (fixture->outbox, action, "KP-7H3Q-9MXJ", now, &error));
      g_assert_error (error, KP_OUTBOX_ERROR, KP_OUTBOX_ERROR_NOT_FOUND);
    }
}

static void
test_claim_order_and_due_time (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpOutboxItem) first = NULL;
  g_autoptr (KpOutboxItem) again = NULL;
  g_autofree char *a = submit (fixture->outbox);
  g_autofree char *b = submit (fixture->outbox);
  g_autofree char *c = submit (fixture->outbox);
  gint64 now;
  gint64 later;

  first = lookup (fixture->outbox, a);
  now = kp_outbox_item_get_created_at (first);
  later = now + 600 * SECOND;

  /* Nothing is due before it was submitted. */
  assert_claims_nothing (fixture->outbox, now - 1);

  /* Oldest first; a row put off for later waits its turn and keeps its place after that. */
  assert_claims (fixture->outbox, later, a);
  g_assert_true (kp_outbox_mark_retry (fixture->outbox, a, "timeout", later, &error));
  g_assert_no_error (error);
  assert_claims (fixture->outbox, later - 1, b);
  assert_claims (fixture->outbox, later - 1, c);
  assert_claims_nothing (fixture->outbox, later - 1);
  assert_claims (fixture->outbox, later, a);

  again = lookup (fixture->outbox, a);
  g_assert_cmpuint (kp_outbox_item_get_attempts (again), ==, 2);
  g_assert_cmpstr (kp_outbox_item_get_last_error (again), ==, "timeout");
  assert_claims_nothing (fixture->outbox, G_MAXINT64);
}

static void
test_recover_interrupted (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *a = submit (fixture->outbox);
  g_autofree char *b = submit (fixture->outbox);
  g_autofree char *c = submit (fixture->outbox);
  gint64 now = g_get_real_time () + MARGIN;
  guint counts[KP_OUTBOX_N_STATES];

  assert_claims (fixture->outbox, now, a);
  assert_claims (fixture->outbox, now, b);
  g_assert_cmpuint (kp_outbox_recover_interrupted (fixture->outbox, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_true (kp_outbox_count_by_state (fixture->outbox, counts, &error));
  g_assert_cmpuint (counts[KP_OUTBOX_STATE_PENDING], ==, 3);
  g_assert_cmpuint (counts[KP_OUTBOX_STATE_DELIVERING], ==, 0);
  g_assert_cmpint (query_int (fixture->store, "SELECT sum (attempts) FROM outbox"), ==, 2);

  /* Recovered rows are due at once, in their old order. */
  assert_claims (fixture->outbox, now, a);
  g_assert_cmpuint (kp_outbox_recover_interrupted (fixture->outbox, &error), ==, 1);
  g_assert_cmpuint (kp_outbox_recover_interrupted (fixture->outbox, &error), ==, 0);
  g_assert_no_error (error);
}

static void
assert_counts (KpOutbox *outbox, guint pending, guint delivering, guint delivered, guint rejected)
{
  g_autoptr (GError) error = NULL;
  guint counts[KP_OUTBOX_N_STATES];

  g_assert_true (kp_outbox_count_by_state (outbox, counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts[KP_OUTBOX_STATE_PENDING], ==, pending);
  g_assert_cmpuint (counts[KP_OUTBOX_STATE_DELIVERING], ==, delivering);
  g_assert_cmpuint (counts[KP_OUTBOX_STATE_DELIVERED], ==, delivered);
  g_assert_cmpuint (counts[KP_OUTBOX_STATE_REJECTED], ==, rejected);
}

/* Counted per kind, for the volunteer's view per backend; other kinds never mixed in. */
static void
test_counts_by_kind (Fixture *fixture, gconstpointer user_data)
{
  const struct
  {
    const char *kind;
    guint pending;
    guint delivering;
  } cases[] = {
    { "report", 1, 1 },
    { "callback", 1, 0 },
    { "found", 0, 0 },
    /* A kind that does not exist counts nothing, rather than everything. */
    { "reports", 0, 0 },
  };
  g_autofree char *first = submit (fixture->outbox);
  g_autofree char *second = submit (fixture->outbox);
  g_autofree char *callback = NULL;
  g_autoptr (GError) error = NULL;

  callback = kp_outbox_submit (fixture->outbox, "callback", PAYLOAD, NULL, &error);
  g_assert_no_error (error);
  assert_claims (fixture->outbox, g_get_real_time () + MARGIN, first);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint counts[KP_OUTBOX_N_STATES];

      g_assert_true (
          kp_outbox_count_by_kind_and_state (fixture->outbox, cases[i].kind, counts, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (counts[KP_OUTBOX_STATE_PENDING], ==, cases[i].pending);
      g_assert_cmpuint (counts[KP_OUTBOX_STATE_DELIVERING], ==, cases[i].delivering);
      g_assert_cmpuint (counts[KP_OUTBOX_STATE_DELIVERED], ==, 0);
      g_assert_cmpuint (counts[KP_OUTBOX_STATE_REJECTED], ==, 0);
    }
  /* All kinds together, as before. */
  assert_counts (fixture->outbox, 2, 1, 0, 0);
}

static gint64
next_due (KpOutbox *outbox)
{
  g_autoptr (GError) error = NULL;
  gint64 due = kp_outbox_get_next_due (outbox, &error);

  g_assert_no_error (error);
  return due;
}

static void
test_counts_and_next_due (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpOutboxItem) last = NULL;
  gint64 now = g_get_real_time () + MARGIN;
  char *references[5];

  assert_counts (fixture->outbox, 0, 0, 0, 0);
  g_assert_cmpint (next_due (fixture->outbox), ==, -1);

  for (guint i = 0; i < G_N_ELEMENTS (references); i++)
    references[i] = submit (fixture->outbox);
  last = lookup (fixture->outbox, references[4]);

  assert_claims (fixture->outbox, now, references[0]);
  g_assert_true (
      kp_outbox_mark_delivered (fixture->outbox, references[0], "Z-1", "received", now, &error));
  assert_claims (fixture->outbox, now, references[1]);
  g_assert_true (kp_outbox_mark_rejected (fixture->outbox, references[1], "refused", &error));
  assert_claims (fixture->outbox, now, references[2]);
  g_assert_true (kp_outbox_mark_retry (fixture->outbox, references[2], "timeout",
                                       now + 3600 * SECOND, &error));
  assert_claims (fixture->outbox, now, references[3]);
  g_assert_no_error (error);

  assert_counts (fixture->outbox, 2, 1, 1, 1);
  /* The row never tried is due since it was submitted; the retried one only in an hour. */
  g_assert_cmpint (next_due (fixture->outbox), ==, kp_outbox_item_get_created_at (last));
  assert_claims (fixture->outbox, now, references[4]);
  g_assert_cmpint (next_due (fixture->outbox), ==, now + 3600 * SECOND);

  for (guint i = 0; i < G_N_ELEMENTS (references); i++)
    g_free (references[i]);
}

/* Two agents submitting at the same moment draw the same reference: the second draws again. */
static void
test_reference_collision (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *replayed = NULL;

  g_random_set_seed (31);
  first = submit (fixture->outbox);
  g_random_set_seed (31);
  replayed = kp_reference_generate ();
  g_assert_cmpstr (replayed, ==, first);

  g_random_set_seed (31);
  second = submit (fixture->outbox);
  g_assert_cmpstr (second, !=, first);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM outbox"), ==, 2);
}

typedef struct
{
  KpOutbox *outbox;
  GPtrArray *claimed;
} Claimer;

static gpointer
claim_until_empty (gpointer data)
{
  Claimer *claimer = data;
  gint64 now = g_get_real_time () + MARGIN;

  /* Bounded: there are only N_CONTENDED rows to claim. */
  for (int i = 0; i <= N_CONTENDED; i++)
    {
      g_autoptr (KpOutboxItem) item = claim (claimer->outbox, now);

      if (item == NULL)
        break;
      g_ptr_array_add (claimer->claimed, g_strdup (kp_outbox_item_get_reference (item)));
    }
  return NULL;
}

static void
test_two_connections_claim_once (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  KpStore *other_store = kp_store_open (fixture->path, &error);
  KpOutbox *other = kp_outbox_new (other_store);
  Claimer claimers[] = {
    { fixture->outbox, g_ptr_array_new_with_free_func (g_free) },
    { other, g_ptr_array_new_with_free_func (g_free) },
  };
  GThread *threads[G_N_ELEMENTS (claimers)];

  g_assert_no_error (error);
  for (int i = 0; i < N_CONTENDED; i++)
    g_free (submit (i % 2 == 0 ? fixture->outbox : other));

  for (gsize i = 0; i < G_N_ELEMENTS (claimers); i++)
    threads[i] = g_thread_new ("claimer", claim_until_empty, &claimers[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (claimers); i++)
    {
      g_thread_join (threads[i]);
      g_test_message ("claimer %" G_GSIZE_FORMAT " claimed %u rows", i, claimers[i].claimed->len);
      for (guint j = 0; j < claimers[i].claimed->len; j++)
        g_assert_true (g_hash_table_add (seen, g_ptr_array_index (claimers[i].claimed, j)));
    }

  g_assert_cmpuint (g_hash_table_size (seen), ==, N_CONTENDED);
  assert_counts (fixture->outbox, 0, N_CONTENDED, 0, 0);
  g_assert_cmpint (query_int (fixture->store, "SELECT max (attempts) FROM outbox"), ==, 1);

  g_clear_pointer (&seen, g_hash_table_unref);
  for (gsize i = 0; i < G_N_ELEMENTS (claimers); i++)
    g_ptr_array_unref (claimers[i].claimed);
  g_assert_finalize_object (other);
  g_assert_finalize_object (other_store);
}

static void
add_test (const char *path, void (*test) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, test, fixture_tear_down);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);
  home = kp_test_init_home ();

  add_test ("/outbox/submit-and-lookup", test_submit_and_lookup);
  add_test ("/outbox/list", test_list);
  add_test ("/outbox/payload-validation", test_payload_validation);
  add_test ("/outbox/attachments", test_attachments);
  add_test ("/outbox/attachment-from-missing-file", test_attachment_from_missing_file);
  g_test_add_func ("/outbox/state-machine", test_state_machine);
  add_test ("/outbox/transition-of-unknown-row", test_transition_of_unknown_row);
  add_test ("/outbox/claim-order-and-due-time", test_claim_order_and_due_time);
  add_test ("/outbox/recover-interrupted", test_recover_interrupted);
  add_test ("/outbox/counts-and-next-due", test_counts_and_next_due);
  add_test ("/outbox/counts-by-kind", test_counts_by_kind);
  add_test ("/outbox/reference-collision", test_reference_collision);
  add_test ("/outbox/two-connections-claim-once", test_two_connections_claim_once);

  result = g_test_run ();
  kp_test_remove_tree (home);
  return result;
}
