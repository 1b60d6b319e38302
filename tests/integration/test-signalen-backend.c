/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-backend-test-fixture.h"
#include "kp-delivery-agent.h"
#include "kp-outbox-item.h"
#include "kp-outbox.h"
#include "kp-signalen-backend.h"
#include "kp-signalen-server.h"
#include "kp-test-helpers.h"

#include <libsoup/soup.h>

/*
 * KpSignalenBackend against a stateful Signalen server that can be told
 * to fail: every report ends as exactly one signal with its photo, however
 * often delivery fails on the way, and what the kiosk can refuse itself
 * never reaches the server.
 */

#define TOKEN "token-van-de-gateway"
#define PAYLOAD_AT(lat, lon)                                                                       \
  "{\"kind\":\"report\",\"version\":1,\"main_category\":\"afval\","                                \
  "\"sub_category\":\"grofvuil\",\"place\":{\"kind\":\"address\",\"street\":\"Lindelaan\","        \
  "\"house_number\":\"12a\",\"postcode\":\"9411 AB\",\"town\":\"Lindeveen\","                      \
  "\"latitude\":" lat ",\"longitude\":" lon "},\"photo\":true,\"keep_informed\":true,"             \
  "\"personal\":{\"description\":\"Bank op de stoep\",\"email\":\"melder@example.nl\"}}"
#define PAYLOAD       PAYLOAD_AT ("52.8712", "6.5384")
#define PNG_SIGNATURE "\x89PNG\r\n\x1a\n"
#define PNG_LENGTH    8
#define TWENTY_MB     (20 * 1024 * 1024)

typedef struct
{
  KpBackendTestFixture base;
  KpSignalenServer *server;
  KpDeliveryAgent *agent;
} Fixture;

/* A new backend and agent, as kernpunt-syncd makes them when it starts (again). */
static KpDeliveryAgent *
new_agent (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpSignalenBackend) backend
      = kp_signalen_backend_new (fixture->base.store, fixture->base.config, TOKEN, &error);

  g_assert_no_error (error);
  return kp_delivery_agent_new (fixture->base.outbox, KP_BACKEND (backend));
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *key_file = NULL;

  kp_backend_test_fixture_make_dir (&fixture->base, "signalen-XXXXXX");
  fixture->server = kp_signalen_server_new (TOKEN);
  key_file = g_strdup_printf ("[storage]\ndata-dir=%s\n" KP_SIGNALEN_SERVER_KEYS ("1"),
                              fixture->base.dir, kp_signalen_server_get_url (fixture->server));
  kp_backend_test_fixture_open (&fixture->base, key_file);
  fixture->agent = new_agent (fixture);
  kp_delivery_agent_set_retry_delays (fixture->agent, G_TIME_SPAN_SECOND, G_TIME_SPAN_MINUTE);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->agent);
  g_clear_pointer (&fixture->server, kp_signalen_server_free);
  kp_backend_test_fixture_close (&fixture->base);
}

/* @size bytes that start with @signature. (transfer full) */
static KpAttachment *
new_photo (const char *content_type, const char *signature, gsize signature_length, gsize size)
{
  guint8 *data = g_malloc0 (MAX (size, signature_length));
  g_autoptr (GBytes) bytes = NULL;

  memcpy (data, signature, signature_length);
  bytes = g_bytes_new_take (data, MAX (size, signature_length));
  return kp_attachment_new_from_bytes ("foto", content_type, bytes);
}

static char *
submit_with (Fixture *fixture, const char *payload, KpAttachment *photo)
{
  g_autoptr (GPtrArray) attachments = g_ptr_array_new ();

  if (photo != NULL)
    g_ptr_array_add (attachments, photo);
  return kp_backend_test_fixture_submit (&fixture->base, "report", payload, attachments);
}

static char *
submit (Fixture *fixture)
{
  g_autoptr (KpAttachment) photo = new_photo ("image/png", PNG_SIGNATURE, PNG_LENGTH, 2048);

  return submit_with (fixture, PAYLOAD, photo);
}

/* One signal on the server, with its one photo, and its uuid against our reference. */
static void
assert_one_complete_signal (Fixture *fixture, const char *reference)
{
  g_autoptr (KpOutboxItem) item = kp_backend_test_fixture_lookup (&fixture->base, reference);
  const char *uuid = kp_outbox_item_get_remote_id (item);

  g_assert_cmpint (kp_outbox_item_get_state (item), ==, KP_OUTBOX_STATE_DELIVERED);
  g_assert_cmpuint (kp_signalen_server_count_signals (fixture->server), ==, 1);
  g_assert_true (g_uuid_string_is_valid (uuid));
  g_assert_cmpuint (kp_signalen_server_count_attachments (fixture->server, uuid), ==, 1);
  g_assert_cmpstr (kp_outbox_item_get_remote_status (item), ==, "OPEN");
}

static JsonObject *
get_object (JsonObject *object, const char *name)
{
  return json_object_get_object_member (object, name);
}

static void
test_delivers_signal_and_photo (Fixture *fixture, gconstpointer data)
{
  g_autofree char *reference = submit (fixture);
  g_autofree char *body = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (KpOutboxItem) item = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KpSignalenBackend) backend = NULL;
  g_autofree char *state = NULL;
  g_autofree char *closed = NULL;
  JsonObject *signal, *location, *address, *reporter;
  JsonArray *coordinates;

  kp_test_deliver_due (fixture->agent, g_get_real_time ());
  assert_one_complete_signal (fixture, reference);

  /* The bytes on the wire: every member the spec requires, and the ones we promise. */
  body = kp_signalen_server_dup_last_signal (fixture->server);
  root = kp_test_parse_json (body);
  signal = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (signal, "text"), ==, "Bank op de stoep");
  g_assert_true (
      g_str_has_prefix (json_object_get_string_member (signal, "incident_date_start"), "20"));
  location = get_object (signal, "location");
  g_assert_cmpstr (json_object_get_string_member (get_object (location, "geometrie"), "type"), ==,
                   "Point");
  coordinates = json_object_get_array_member (get_object (location, "geometrie"), "coordinates");
  g_assert_cmpfloat_with_epsilon (json_array_get_double_element (coordinates, 0), 6.5384, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_array_get_double_element (coordinates, 1), 52.8712, 1e-9);
  address = get_object (location, "address");
  g_assert_cmpstr (json_object_get_string_member (address, "openbare_ruimte"), ==, "Lindelaan");
  g_assert_cmpint (json_object_get_int_member (address, "huisnummer"), ==, 12);
  g_assert_cmpstr (json_object_get_string_member (address, "huisletter"), ==, "a");
  g_assert_cmpstr (json_object_get_string_member (address, "woonplaats"), ==, "Lindeveen");
  g_assert_cmpstr (json_object_get_string_member (get_object (signal, "category"), "sub_category"),
                   ==, KP_SIGNALEN_SERVER_CATEGORY_BASE "afval/sub_categories/grofvuil");
  reporter = get_object (signal, "reporter");
  g_assert_cmpstr (json_object_get_string_member (reporter, "email"), ==, "melder@example.nl");
  g_assert_false (json_object_get_boolean_member (reporter, "sharing_allowed"));
  kp_test_assert_contains (json_object_get_string_member (signal, "text_extra"), reference);

  /* Status for the resident, as the case worker changes it. */
  item = kp_backend_test_fixture_lookup (&fixture->base, reference);
  backend = kp_signalen_backend_new (fixture->base.store, fixture->base.config, TOKEN, &error);
  g_assert_no_error (error);
  state = kp_signalen_backend_fetch_state (backend, kp_outbox_item_get_remote_id (item), NULL,
                                           &error);
  g_assert_no_error (error);
  g_assert_cmpstr (state, ==, "OPEN");
  kp_signalen_server_set_state (fixture->server, kp_outbox_item_get_remote_id (item), "CLOSED");
  closed = kp_signalen_backend_fetch_state (backend, kp_outbox_item_get_remote_id (item), NULL,
                                            &error);
  g_assert_no_error (error);
  g_assert_cmpstr (closed, ==, "CLOSED");
  g_assert_finalize_object (g_steal_pointer (&backend));
}

/* A report without consent names no reporter at all. */
static void
test_no_reporter_without_consent (Fixture *fixture, gconstpointer data)
{
  static const char payload[]
      = "{\"kind\":\"report\",\"version\":1,\"main_category\":\"afval\","
        "\"sub_category\":\"grofvuil\",\"place\":{\"kind\":\"here\",\"latitude\":52.9,"
        "\"longitude\":6.6},\"photo\":false,\"keep_informed\":false,"
        "\"personal\":{\"description\":\"Lantaarn kapot\"}}";
  g_autofree char *reference = submit_with (fixture, payload, NULL);
  g_autofree char *body = NULL;
  g_autoptr (JsonNode) root = NULL;

  kp_test_deliver_due (fixture->agent, g_get_real_time ());
  body = kp_signalen_server_dup_last_signal (fixture->server);
  root = kp_test_parse_json (body);
  g_assert_false (json_object_has_member (json_node_get_object (root), "reporter"));
  g_assert_false (
      json_object_has_member (get_object (json_node_get_object (root), "location"), "address"));
}

/* Each way the server can fail leaves the row waiting, and the next try delivers it once. */
static void
test_failures_then_exactly_once (Fixture *fixture, gconstpointer data)
{
  const KpSignalenServerBehaviour failures[] = {
    KP_SIGNALEN_SERVER_FAILING,           KP_SIGNALEN_SERVER_SLOW,
    KP_SIGNALEN_SERVER_MALFORMED,         KP_SIGNALEN_SERVER_TOKEN_REJECTED,
    KP_SIGNALEN_SERVER_FAIL_AFTER_SIGNAL,
  };
  g_autofree char *reference = submit (fixture);
  gint64 now = g_get_real_time ();

  for (gsize i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      kp_signalen_server_set_behaviour (fixture->server, failures[i], 3000);
      now += G_TIME_SPAN_HOUR;
      kp_backend_test_fixture_assert_try_fails (&fixture->base, fixture->agent, now, reference,
                                                "melder@", TOKEN);
    }
  kp_signalen_server_set_behaviour (fixture->server, KP_SIGNALEN_SERVER_NORMAL, 0);
  kp_test_deliver_due (fixture->agent, now + G_TIME_SPAN_HOUR);
  assert_one_complete_signal (fixture, reference);
}

/*
 * kernpunt-syncd dies after the signal was made and booked but before its
 * photo went: the new process sends the photo to that signal, and makes
 * no second one.
 */
static void
test_restart_after_signal_makes_no_second (Fixture *fixture, gconstpointer data)
{
  g_autofree char *reference = submit (fixture);
  gint64 now = g_get_real_time ();

  kp_signalen_server_set_behaviour (fixture->server, KP_SIGNALEN_SERVER_FAIL_AFTER_SIGNAL, 0);
  kp_test_deliver_due (fixture->agent, now);
  g_assert_cmpuint (kp_signalen_server_count_signals (fixture->server), ==, 1);

  kp_signalen_server_set_behaviour (fixture->server, KP_SIGNALEN_SERVER_NORMAL, 0);
  g_clear_object (&fixture->agent);
  fixture->agent = new_agent (fixture);
  kp_test_deliver_due (fixture->agent, now + G_TIME_SPAN_HOUR);
  assert_one_complete_signal (fixture, reference);
}

static void
assert_rejected_without_request (Fixture *fixture, const char *reference)
{
  g_autoptr (KpOutboxItem) item = kp_backend_test_fixture_lookup (&fixture->base, reference);

  g_assert_cmpint (kp_outbox_item_get_state (item), ==, KP_OUTBOX_STATE_REJECTED);
  g_assert_cmpuint (kp_signalen_server_count_requests (fixture->server), ==, 0);
}

/*
 * The window the public API leaves open (see kp-signalen-backend.h): a
 * server that makes the signal after we stopped waiting for its answer.
 * The retry cannot know, and a second signal is made. This test keeps the
 * limitation visible; it must change when Signalen gets a lookup.
 */
static void
test_late_answer_window (Fixture *fixture, gconstpointer data)
{
  g_autofree char *reference = submit (fixture);
  gint64 now = g_get_real_time ();

  kp_signalen_server_set_behaviour (fixture->server, KP_SIGNALEN_SERVER_LATE, 1500);
  kp_test_deliver_due (fixture->agent, now);
  kp_signalen_server_set_behaviour (fixture->server, KP_SIGNALEN_SERVER_NORMAL, 0);
  kp_test_deliver_due (fixture->agent, now + G_TIME_SPAN_HOUR);
  g_assert_cmpuint (kp_signalen_server_count_signals (fixture->server), ==, 2);
}

/* A place in another municipality (Amsterdam) is refused for good, and nothing is sent. */
static void
test_outside_bounding_box_refused (Fixture *fixture, gconstpointer data)
{
  g_autoptr (KpAttachment) photo = new_photo ("image/png", PNG_SIGNATURE, PNG_LENGTH, 64);
  g_autofree char *reference = submit_with (fixture, PAYLOAD_AT ("52.3731", "4.8922"), photo);

  kp_test_deliver_due (fixture->agent, g_get_real_time ());
  assert_rejected_without_request (fixture, reference);
}

/* What Signalen takes as a photo, checked on the kiosk by the bytes, not the name. */
static void
test_photo_checks (Fixture *fixture, gconstpointer data)
{
  static const struct
  {
    const char *content_type;
    const char *signature;
    gsize signature_length;
    gsize size;
    gboolean accepted;
  } cases[] = {
    { "image/png", PNG_SIGNATURE, PNG_LENGTH, 1024, TRUE },
    { "image/jpeg", "\xff\xd8\xff\xe0", 4, 1024, TRUE },
    { "image/gif", "GIF89a", 6, 1024, TRUE },
    { "image/png", PNG_SIGNATURE, PNG_LENGTH, TWENTY_MB, TRUE },
    { "image/png", PNG_SIGNATURE, PNG_LENGTH, TWENTY_MB + 1, FALSE },
    { "image/png", "<html>", 6, 1024, FALSE },
    { "image/webp", "RIFF\0\0\0\0WEBP", 12, 1024, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (KpAttachment) photo = new_photo (cases[i].content_type, cases[i].signature,
                                                  cases[i].signature_length, cases[i].size);
      g_autoptr (GError) error = NULL;
      gboolean accepted = kp_signalen_backend_check_photo (photo, &error);

      g_test_message ("case %zu", i);
      g_assert_cmpint (accepted, ==, cases[i].accepted);
      if (!accepted)
        g_assert_error (error, KP_BACKEND_ERROR, KP_BACKEND_ERROR_PERMANENT);
    }
}

/* A report whose photo Signalen would not take is refused before the signal is made. */
static void
test_bad_photo_refused_before_signal (Fixture *fixture, gconstpointer data)
{
  g_autoptr (KpAttachment) page = new_photo ("image/png", "<html>", 6, 64);
  g_autofree char *reference = submit_with (fixture, PAYLOAD, page);

  kp_test_deliver_due (fixture->agent, g_get_real_time ());
  assert_rejected_without_request (fixture, reference);
}

/* The server's checks bite: a signal without a location is refused. */
static void
test_server_refuses_signal_without_location (Fixture *fixture, gconstpointer data)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (kp_signalen_server_get_url (fixture->server),
                                      "signals/v1/public/signals/", NULL);
  g_autoptr (SoupMessage) message = soup_message_new ("POST", url);
  g_autoptr (GBytes) body = g_bytes_new_static (
      "{\"text\":\"Bank\",\"incident_date_start\":\"2026-01-05T10:00:00+01:00\"}", 65);
  g_autoptr (GBytes) answer = NULL;
  g_autoptr (GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                "Bearer " TOKEN);
  soup_message_set_request_body_from_bytes (message, "application/json", body);
  answer = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, SOUP_STATUS_BAD_REQUEST);
  g_assert_cmpuint (kp_signalen_server_count_signals (fixture->server), ==, 0);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = NULL;

  g_test_init (&argc, &argv, NULL);
  home = kp_test_init_home ();
  g_test_add ("/signalen-backend/delivers", Fixture, NULL, fixture_set_up,
              test_delivers_signal_and_photo, fixture_tear_down);
  g_test_add ("/signalen-backend/no-reporter-without-consent", Fixture, NULL, fixture_set_up,
              test_no_reporter_without_consent, fixture_tear_down);
  g_test_add ("/signalen-backend/failures-then-once", Fixture, NULL, fixture_set_up,
              test_failures_then_exactly_once, fixture_tear_down);
  g_test_add ("/signalen-backend/restart-after-signal", Fixture, NULL, fixture_set_up,
              test_restart_after_signal_makes_no_second, fixture_tear_down);
  g_test_add ("/signalen-backend/late-answer-window", Fixture, NULL, fixture_set_up,
              test_late_answer_window, fixture_tear_down);
  g_test_add ("/signalen-backend/outside-bounding-box", Fixture, NULL, fixture_set_up,
              test_outside_bounding_box_refused, fixture_tear_down);
  g_test_add ("/signalen-backend/photo-checks", Fixture, NULL, fixture_set_up, test_photo_checks,
              fixture_tear_down);
  g_test_add ("/signalen-backend/bad-photo-refused", Fixture, NULL, fixture_set_up,
              test_bad_photo_refused_before_signal, fixture_tear_down);
  g_test_add ("/signalen-backend/server-check-bites", Fixture, NULL, fixture_set_up,
              test_server_refuses_signal_without_location, fixture_tear_down);
  return g_test_run ();
}
