/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-callback-request.h"
#include "kp-config.h"
#include "kp-date-text.h"
#include "kp-delivery-agent.h"
#include "kp-form-flow.h"
#include "kp-found-item.h"
#include "kp-keyboard.h"
#include "kp-local-register.h"
#include "kp-outbox.h"
#include "kp-receipt-page.h"
#include "kp-reference.h"
#include "kp-speaker.h"
#include "kp-store.h"
#include "kp-test-camera.h"
#include "kp-ui-test-helpers.h"
#include "kp-window.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>

#define WAIT_MS       10000
#define N_TIMED_SENDS 20
/* What the slip's QR code holds: the status link with the reference in it. */
#define STATUS_URL "https://lindeveen.example/status/"

typedef struct
{
  char *slip_dir;
  KpConfig *config;
  KpStore *store;
  KpOutbox *outbox;
  KpSpeaker *speaker;
  KpWindow *window;
} Kiosk;

static void
kiosk_setup (Kiosk *kiosk, gconstpointer data)
{
  g_autofree char *data_dir = kp_test_make_tmpdir ("data");
  g_autofree char *speech_dir = kp_test_make_tmpdir ("speech");
  g_autofree char *config_text = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr (GError) error = NULL;

  kiosk->slip_dir = kp_test_make_tmpdir ("slips");
  config_text = g_strdup_printf ("[storage]\ndata-dir=%s\n[speech]\noutput-folder=%s\n"
                                 "[session]\nidle-seconds=3600\n[printer]\npdf-folder=%s\n"
                                 "[slip]\nqr-url-template=" STATUS_URL "{reference}\n",
                                 data_dir, speech_dir, kiosk->slip_dir);
  kiosk->config = kp_config_new_from_data (config_text, &error);
  g_assert_no_error (error);

  db_path = kp_config_dup_database_path (kiosk->config);
  kiosk->store = kp_store_open (db_path, &error);
  g_assert_no_error (error);
  kiosk->outbox = kp_outbox_new (kiosk->store);
  kiosk->speaker = kp_speaker_new ();
  kp_speaker_set_output_folder (kiosk->speaker, speech_dir);

  kiosk->window = kp_ui_test_open_window (kiosk->config, kiosk->outbox, kiosk->speaker);
}

static void
kiosk_teardown (Kiosk *kiosk, gconstpointer data)
{
  kp_ui_test_close_window (kiosk->window);
  g_assert_finalize_object (kiosk->speaker);
  g_assert_finalize_object (kiosk->outbox);
  g_assert_finalize_object (kiosk->store);
  g_assert_finalize_object (kiosk->config);
  g_free (kiosk->slip_dir);
}

static GtkWidget *
root (Kiosk *kiosk)
{
  return GTK_WIDGET (kiosk->window);
}

static void
press (Kiosk *kiosk, const char *words)
{
  kp_ui_test_press (root (kiosk), kp_ui_test_tr (words));
}

static void
press_key (Kiosk *kiosk, const char *name)
{
  GtkWidget *key = kp_ui_test_find_key (root (kiosk), name);

  g_assert_nonnull (key);
  g_signal_emit_by_name (key, "clicked");
  kp_ui_test_spin (20);
}

static void
assert_shows (Kiosk *kiosk, const char *text)
{
  kp_ui_test_wait_for_text (root (kiosk), text, WAIT_MS);
}

static void
screenshot (Kiosk *kiosk, const char *name)
{
  kp_ui_test_screenshot (root (kiosk), name);
}

/* (transfer none) the flow on screen */
static KpFormFlow *
shown_flow (Kiosk *kiosk)
{
  GtkStack *stack = GTK_STACK (kp_ui_test_find_first (root (kiosk), GTK_TYPE_STACK));
  GtkWidget *flow = kp_ui_test_find_first (gtk_stack_get_visible_child (stack), KP_TYPE_FORM_FLOW);

  g_assert_nonnull (flow);
  return KP_FORM_FLOW (flow);
}

static gboolean
keyboard_is_up (gpointer user_data)
{
  Kiosk *kiosk = user_data;
  GtkWidget *keyboard = kp_ui_test_find_first (root (kiosk), KP_TYPE_KEYBOARD);
  GtkWidget *input = kp_form_flow_get_input (shown_flow (kiosk));

  return input != NULL && gtk_widget_get_mapped (keyboard)
         && kp_keyboard_get_target (KP_KEYBOARD (keyboard)) == GTK_EDITABLE (input)
         && gtk_revealer_get_child_revealed (GTK_REVEALER (gtk_widget_get_parent (keyboard)));
}

/* Types on the on-screen keyboard once it has come up, as a person waits for it. */
static void
type (Kiosk *kiosk, const char *text)
{
  g_assert_true (kp_ui_test_wait_until (keyboard_is_up, kiosk, WAIT_MS));
  kp_ui_test_type_on_keyboard (root (kiosk), text);
}

static void
assert_screen (Kiosk *kiosk, const char *screen)
{
  if (g_strcmp0 (kp_form_flow_get_screen (shown_flow (kiosk)), screen) != 0)
    {
      g_autofree char *shown = kp_ui_test_shown_text (root (kiosk));

      g_error ("Screen “%s” expected, not “%s”; the screen shows:\n%s", screen,
               kp_form_flow_get_screen (shown_flow (kiosk)), shown);
    }
}

/* The entry of the step on screen holds the caret, so the keys type into it. */
static const char *
input_text (Kiosk *kiosk)
{
  GtkWidget *input = kp_form_flow_get_input (shown_flow (kiosk));

  g_assert_nonnull (input);
  return gtk_editable_get_text (GTK_EDITABLE (input));
}

/*
 * The B1 message is shown right under the field, is what Read aloud would
 * read, and is more than a bare "invalid"; what was typed stays.
 */
static void
assert_field_error (Kiosk *kiosk, const char *kept_text)
{
  KpFormFlow *flow = shown_flow (kiosk);
  const char *message = kp_form_flow_get_error (flow);
  GtkWidget *input = kp_form_flow_get_input (flow);

  g_assert_nonnull (message);
  g_assert_cmpuint (g_utf8_strlen (message, -1), >, 20);
  g_assert_null (strstr (message, "nvalid"));
  assert_shows (kiosk, message);
  g_assert_true (gtk_widget_has_css_class (input, "error"));
  g_assert_cmpstr (input_text (kiosk), ==, kept_text);
}

static void
erase_input (Kiosk *kiosk)
{
  for (guint n = g_utf8_strlen (input_text (kiosk), -1); n > 0; n--)
    press_key (kiosk, "kp-key-backspace");
  g_assert_cmpstr (input_text (kiosk), ==, "");
}

static GtkWidget *
find_change_button (Kiosk *kiosk, const char *step_id)
{
  g_autoptr (GPtrArray) buttons = kp_ui_test_find_all (root (kiosk), GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));

      if (gtk_widget_get_mapped (button)
          && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), "flow.change")
                 == 0
          && g_str_equal (g_variant_get_string (target, NULL), step_id))
        return button;
    }
  g_error ("No Change button for “%s” on screen", step_id);
  return NULL;
}

static gboolean
receipt_is_shown (gpointer user_data)
{
  Kiosk *kiosk = user_data;

  return g_strcmp0 (kp_form_flow_get_screen (shown_flow (kiosk)), KP_FORM_FLOW_SCREEN_RECEIPT) == 0;
}

/* Sends, waits for the receipt and returns how long that took, in microseconds. */
static gint64
send_and_wait (Kiosk *kiosk, const char *send_words)
{
  gint64 start = g_get_monotonic_time ();

  press (kiosk, send_words);
  g_assert_true (kp_ui_test_wait_until (receipt_is_shown, kiosk, WAIT_MS));
  return g_get_monotonic_time () - start;
}

/* (transfer full): the one outbox row, which must be of @kind and its reference on the receipt */
static KpOutboxItem *
assert_submitted (Kiosk *kiosk, const char *kind)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = kp_outbox_list (kiosk->outbox, &error);
  KpOutboxItem *item;
  GtkWidget *receipt;

  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
  item = g_object_ref (g_ptr_array_index (items, 0));
  g_assert_cmpstr (kp_outbox_item_get_kind (item), ==, kind);

  receipt = kp_ui_test_find_first (GTK_WIDGET (shown_flow (kiosk)), KP_TYPE_RECEIPT_PAGE);
  g_assert_nonnull (receipt);
  g_assert_cmpstr (kp_slip_get_reference (kp_receipt_page_get_slip (KP_RECEIPT_PAGE (receipt))), ==,
                   kp_outbox_item_get_reference (item));
  assert_shows (kiosk, kp_outbox_item_get_reference (item));
  return item;
}

static void
assert_payload_has (KpOutboxItem *item, const char *text)
{
  kp_test_assert_contains (kp_outbox_item_get_payload (item), text);
}

/* How far along a resident sees they are. */
typedef struct
{
  guint step;
  double fraction;
} Progress;

/*
 * One step further: the words say its number and no total, as answers open
 * steps and a total would jump ("Step 4 of 7" after "Step 1 of 5"); the bar
 * never moves back while going forward.
 */
static void
assert_next_step (Kiosk *kiosk, Progress *progress)
{
  GtkWidget *flow = GTK_WIDGET (shown_flow (kiosk));
  GtkWidget *label = kp_ui_test_find_with_css_class (flow, "flow-progress-label");
  GtkWidget *bar = kp_ui_test_find_first (flow, GTK_TYPE_PROGRESS_BAR);
  g_autofree char *expected = NULL;
  double fraction;

  progress->step++;
  expected = g_strdup_printf (kp_ui_test_tr ("Step %u"), progress->step);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, expected);
  fraction = gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar));
  g_assert_cmpfloat (fraction, >=, progress->fraction);
  g_assert_cmpfloat (fraction, <, 1.0);
  progress->fraction = fraction;
}

/* From the home tile to the where step, with "Container is full" chosen. */
static void
start_mor_report (Kiosk *kiosk, Progress *progress, gboolean take_screenshot)
{
  press (kiosk, "Report a problem outside");
  g_assert_cmpstr (kp_window_get_page_name (kiosk->window), ==, "report-outside");
  assert_screen (kiosk, "category");
  assert_next_step (kiosk, progress);
  if (take_screenshot)
    screenshot (kiosk, "report-category-nl");
  press (kiosk, "Waste");
  assert_screen (kiosk, "subcategory");
  assert_next_step (kiosk, progress);
  press (kiosk, "Container is full");
  assert_screen (kiosk, "where");
  assert_next_step (kiosk, progress);
}

static void
test_mor_report (Kiosk *kiosk, gconstpointer data)
{
  g_autoptr (KpOutboxItem) item = NULL;
  Progress progress = { 0 };
  GtkWidget *change;

  start_mor_report (kiosk, &progress, TRUE);
  press (kiosk, "At an address: street and house number");
  assert_screen (kiosk, "street");
  assert_next_step (kiosk, &progress);
  type (kiosk, "lindel");
  assert_shows (kiosk, "Lindelaan");
  screenshot (kiosk, "report-location-nl");
  press (kiosk, "Lindelaan");

  /* A house number the street does not have: told next to the field, the number kept. */
  assert_screen (kiosk, "house-number");
  assert_next_step (kiosk, &progress);
  type (kiosk, "999");
  press (kiosk, "Next");
  assert_screen (kiosk, "house-number");
  assert_field_error (kiosk, "999");
  erase_input (kiosk);
  type (kiosk, "12");
  press (kiosk, "Next");

  /* Too short a description: the limit is explained, the words kept. */
  assert_screen (kiosk, "description");
  assert_next_step (kiosk, &progress);
  type (kiosk, "vol");
  press (kiosk, "Next");
  assert_field_error (kiosk, "vol");
  type (kiosk, " en het stinkt");
  press (kiosk, "Next");

  assert_screen (kiosk, "keep-informed");
  assert_next_step (kiosk, &progress);
  press (kiosk, "Yes, keep me informed");
  assert_screen (kiosk, "email");
  assert_next_step (kiosk, &progress);
  type (kiosk, "jan@example.nl");
  press (kiosk, "Next");
  assert_screen (kiosk, "phone");
  assert_next_step (kiosk, &progress);
  press (kiosk, "Skip this question");
  assert_screen (kiosk, "consent");
  assert_next_step (kiosk, &progress);
  press (kiosk, "Yes, that is fine");

  /* Every answer on the check screen; Change goes to the step and comes back. */
  assert_screen (kiosk, KP_FORM_FLOW_SCREEN_CHECK);
  assert_shows (kiosk, kp_ui_test_tr ("Last step: check and send"));
  assert_shows (kiosk, kp_ui_test_tr ("Container is full"));
  assert_shows (kiosk, "Lindelaan 12");
  assert_shows (kiosk, "vol en het stinkt");
  assert_shows (kiosk, "jan@example.nl");
  change = find_change_button (kiosk, "description");
  g_signal_emit_by_name (change, "clicked");
  kp_ui_test_spin (30);
  assert_screen (kiosk, "description");
  g_assert_cmpstr (input_text (kiosk), ==, "vol en het stinkt");
  type (kiosk, " erg");
  press (kiosk, "Next");
  assert_screen (kiosk, KP_FORM_FLOW_SCREEN_CHECK);
  assert_shows (kiosk, "vol en het stinkt erg");
  kp_ui_test_assert_usable (root (kiosk), kiosk->config, "the check screen");
  screenshot (kiosk, "report-check-nl");

  send_and_wait (kiosk, "Send report");
  item = assert_submitted (kiosk, "report");
  assert_payload_has (item, "\"container-is-vol\"");
  assert_payload_has (item, "Lindelaan");
  assert_payload_has (item, "vol en het stinkt erg");
  assert_payload_has (item, "jan@example.nl");
  screenshot (kiosk, "report-receipt-nl");
}

/* From the home tile past the description, near this information point. */
static void
describe_container_nearby (Kiosk *kiosk)
{
  Progress progress = { 0 };

  start_mor_report (kiosk, &progress, FALSE);
  press (kiosk, "Here, near this information point");
  type (kiosk, "de container is vol");
  press (kiosk, "Next");
}

static gboolean
preview_is_live (gpointer user_data)
{
  GtkWidget *picture = kp_ui_test_find_with_css_class (user_data, "photo-preview");

  return picture != NULL && gtk_picture_get_paintable (GTK_PICTURE (picture)) != NULL
         && kp_ui_test_find_button (user_data, kp_ui_test_tr ("Take photo")) != NULL
         && gtk_widget_get_sensitive (
             kp_ui_test_find_button (user_data, kp_ui_test_tr ("Take photo")));
}

static void
take_photo (Kiosk *kiosk)
{
  g_assert_true (kp_ui_test_wait_until (preview_is_live, root (kiosk), WAIT_MS));
  press (kiosk, "Take photo");
  assert_shows (kiosk, kp_ui_test_tr ("Use this photo"));
}

/* The photo in the outbox row is a JPEG that shows what the camera saw. */
static void
assert_photo_shows_bars (Kiosk *kiosk, KpOutboxItem *item)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) attachments
      = kp_outbox_get_attachments (kiosk->outbox, kp_outbox_item_get_reference (item), &error);
  g_autoptr (GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type ("jpeg", NULL);
  g_autoptr (GBytes) jpeg = NULL;
  g_autofree char *why = NULL;
  GdkPixbuf *picture;
  const KpAttachment *photo;

  g_assert_no_error (error);
  g_assert_cmpuint (attachments->len, ==, 1);
  photo = g_ptr_array_index (attachments, 0);
  g_assert_cmpstr (kp_attachment_get_content_type (photo), ==, "image/jpeg");
  jpeg = kp_attachment_load (photo, &error);
  g_assert_no_error (error);
  g_assert_true (gdk_pixbuf_loader_write_bytes (loader, jpeg, &error));
  g_assert_true (gdk_pixbuf_loader_close (loader, &error));
  picture = gdk_pixbuf_loader_get_pixbuf (loader);
  g_assert_cmpint (gdk_pixbuf_get_width (picture), ==, KP_CAMERA_STILL_MAX_WIDTH);
  if (!kp_test_camera_shows_bars (gdk_pixbuf_read_pixels (picture), gdk_pixbuf_get_width (picture),
                                  gdk_pixbuf_get_height (picture),
                                  gdk_pixbuf_get_rowstride (picture),
                                  gdk_pixbuf_get_n_channels (picture), &why))
    g_error ("The photo sent does not show the camera's picture: %s", why);
}

/*
 * With a camera: the photo step after the description, the live preview,
 * a photo taken, taken again and used; the camera off once the step is
 * left; "Photo: Yes" on the check screen and the JPEG in the outbox.
 */
static void
test_mor_photo (Kiosk *kiosk, gconstpointer data)
{
  g_autoptr (KpTestCamera) camera = kp_test_camera_new (1920, 1080);
  g_autoptr (KpOutboxItem) item = NULL;

  kp_window_set_camera (kiosk->window, KP_CAMERA (camera));
  describe_container_nearby (kiosk);
  assert_screen (kiosk, "photo");
  assert_shows (kiosk, kp_ui_test_tr ("Do you want to add a photo?"));
  /* Where the photo goes, and what to keep out of it. */
  assert_shows (kiosk, kp_ui_test_tr ("The photo goes to the municipality with your report. Take a "
                                      "photo of the problem. Try to keep people's faces and number "
                                      "plates out of the photo."));
  g_assert_true (kp_camera_get_running (KP_CAMERA (camera)));
  take_photo (kiosk);
  /* The still is all that is needed: the camera is off while the resident looks at it. */
  g_assert_false (kp_camera_get_running (KP_CAMERA (camera)));
  press (kiosk, "Take it again");
  g_assert_true (kp_camera_get_running (KP_CAMERA (camera)));
  g_assert_true (kp_ui_test_wait_until (preview_is_live, root (kiosk), WAIT_MS));
  kp_ui_test_assert_usable (root (kiosk), kiosk->config, "the photo step");
  screenshot (kiosk, "report-photo-nl");
  take_photo (kiosk);
  press (kiosk, "Use this photo");

  assert_screen (kiosk, "keep-informed");
  g_assert_false (kp_camera_get_running (KP_CAMERA (camera)));
  press (kiosk, "No, that is not needed");
  assert_screen (kiosk, KP_FORM_FLOW_SCREEN_CHECK);
  assert_shows (kiosk, kp_ui_test_tr ("Photo"));
  assert_shows (kiosk, kp_ui_test_tr ("Yes"));
  send_and_wait (kiosk, "Send report");
  item = assert_submitted (kiosk, "report");
  g_assert_cmpuint (kp_outbox_item_get_n_attachments (item), ==, 1);
  assert_photo_shows_bars (kiosk, item);
  g_assert_false (kp_camera_get_running (KP_CAMERA (camera)));
}

/* Skipped, the photo taken before is not sent; Done on the step turns the camera off. */
static void
test_mor_photo_skipped (Kiosk *kiosk, gconstpointer data)
{
  g_autoptr (KpTestCamera) camera = kp_test_camera_new (640, 480);
  g_autoptr (KpOutboxItem) item = NULL;

  kp_window_set_camera (kiosk->window, KP_CAMERA (camera));
  describe_container_nearby (kiosk);
  take_photo (kiosk);
  press (kiosk, "Skip this question");
  assert_screen (kiosk, "keep-informed");
  press (kiosk, "No, that is not needed");
  assert_shows (kiosk, kp_ui_test_tr ("No"));
  send_and_wait (kiosk, "Send report");
  item = assert_submitted (kiosk, "report");
  g_assert_cmpuint (kp_outbox_item_get_n_attachments (item), ==, 0);

  press (kiosk, "Done");
  describe_container_nearby (kiosk);
  assert_screen (kiosk, "photo");
  g_assert_true (kp_camera_get_running (KP_CAMERA (camera)));
  press (kiosk, "Done");
  g_assert_cmpstr (kp_window_get_page_name (kiosk->window), ==, "home");
  g_assert_false (kp_camera_get_running (KP_CAMERA (camera)));
}

/* Without a camera there is no photo step: the description leads to the contact question. */
static void
test_mor_no_camera (Kiosk *kiosk, gconstpointer data)
{
  describe_container_nearby (kiosk);
  assert_screen (kiosk, "keep-informed");
  g_assert_null (kp_ui_test_find_with_css_class (root (kiosk), "photo-preview"));
}

/* Done in the middle of a report: the next visitor finds nothing of it. */
static void
test_session_wipe (Kiosk *kiosk, gconstpointer data)
{
  Progress progress = { 0 };

  start_mor_report (kiosk, &progress, FALSE);
  press (kiosk, "At an address: street and house number");
  type (kiosk, "lindel");
  press (kiosk, "Done");
  g_assert_cmpstr (kp_window_get_page_name (kiosk->window), ==, "home");

  press (kiosk, "Report a problem outside");
  assert_screen (kiosk, "category");
  g_assert_false (kp_ui_test_shows (root (kiosk), "Lindelaan"));
  press (kiosk, "Waste");
  press (kiosk, "Container is full");
  press (kiosk, "At an address: street and house number");
  g_assert_cmpstr (input_text (kiosk), ==, "");
}

static guint
count_files (const char *folder)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

typedef struct
{
  const char *folder;
  guint n;
} FilesWait;

static gboolean
files_written (gpointer user_data)
{
  FilesWait *wait = user_data;

  return count_files (wait->folder) >= wait->n;
}

static void
open_found_flow (Kiosk *kiosk)
{
  press (kiosk, "Found or lost something");
  press (kiosk, "I found something");
  g_assert_cmpstr (kp_window_get_page_name (kiosk->window), ==, "found");
  assert_screen (kiosk, "object");
}

static void
test_found_object (Kiosk *kiosk, gconstpointer data)
{
  g_autoptr (KpOutboxItem) item = NULL;
  FilesWait wait = { kiosk->slip_dir, 2 };

  open_found_flow (kiosk);
  press (kiosk, "Wallet or purse");
  press (kiosk, "Black");
  assert_screen (kiosk, "brand");
  type (kiosk, "leder");
  press (kiosk, "Next");
  assert_screen (kiosk, "marks");
  press (kiosk, "Skip this question");
  press (kiosk, "Here, near this information point");
  press (kiosk, "Today");
  press (kiosk, "Yes, I give it to the volunteer here");

  /* Nothing is reported as handed in before a volunteer holds it. */
  assert_screen (kiosk, "handed-in");
  press (kiosk, "No, not yet");
  assert_screen (kiosk, "handed-in");
  g_assert_nonnull (kp_form_flow_get_error (shown_flow (kiosk)));
  assert_shows (kiosk, kp_form_flow_get_error (shown_flow (kiosk)));
  press (kiosk, "Yes, I have it");

  assert_screen (kiosk, "ownership");
  press (kiosk, "No, I do not want it");
  assert_screen (kiosk, KP_FORM_FLOW_SCREEN_CHECK);
  assert_shows (kiosk, kp_ui_test_tr ("Wallet or purse"));
  assert_shows (kiosk, "leder");
  kp_ui_test_assert_usable (root (kiosk), kiosk->config, "the found check screen");
  screenshot (kiosk, "found-check-nl");

  send_and_wait (kiosk, "Send report");
  item = assert_submitted (kiosk, "found");
  g_assert_cmpuint (kp_ui_test_count_today (kiosk->window, "submission", "found"), ==, 1);
  assert_payload_has (item, "\"wallet\"");
  assert_payload_has (item, "\"black\"");
  assert_payload_has (item, "leder");
  /* The finder's receipt and the object's label. */
  g_assert_true (kp_ui_test_wait_until (files_written, &wait, WAIT_MS));
  screenshot (kiosk, "found-receipt-nl");
}

/* An ID card is always handed in; nothing from it is asked. */
static void
test_found_document (Kiosk *kiosk, gconstpointer data)
{
  g_autoptr (KpOutboxItem) item = NULL;

  open_found_flow (kiosk);
  press (kiosk, "ID document or bank card");
  press (kiosk, "Blue");
  assert_screen (kiosk, "where");
  press (kiosk, "Here, near this information point");
  press (kiosk, "Yesterday");
  assert_screen (kiosk, "handed-in");
  press (kiosk, "Yes, I have it");
  assert_screen (kiosk, KP_FORM_FLOW_SCREEN_CHECK);
  g_assert_false (kp_ui_test_shows (root (kiosk), kp_ui_test_tr ("Brand")));
  g_assert_false (kp_ui_test_shows (root (kiosk), kp_ui_test_tr ("You want to become the owner")));

  send_and_wait (kiosk, "Send report");
  item = assert_submitted (kiosk, "found");
  assert_payload_has (item, "\"id-document\"");
}

/* A black wallet handed in earlier, straight through the core. */
static char *
submit_found_wallet (Kiosk *kiosk)
{
  g_autoptr (KpFoundItem) found = kp_found_item_new ();
  g_autoptr (KpPlace) here = kp_place_new_here (kiosk->config);
  g_autoptr (GDate) today = g_date_new ();
  g_autoptr (GError) error = NULL;
  char *reference;

  g_date_set_time_t (today, time (NULL));
  g_assert_true (kp_found_item_set_object_kind (found, "wallet", &error));
  g_assert_true (kp_found_item_set_colour (found, "black", &error));
  kp_found_item_set_place (found, here);
  g_assert_true (kp_found_item_set_found_on (found, today, &error));
  g_assert_true (kp_found_item_set_custody (found, KP_FOUND_ITEM_HANDED_IN, &error));
  kp_found_item_set_receipt_confirmed (found, TRUE);
  reference = kp_submission_submit (KP_SUBMISSION (found), kiosk->outbox, &error);
  g_assert_no_error (error);
  return reference;
}

typedef struct
{
  Kiosk *kiosk;
  const char *text;
} TextWait;

static gboolean
text_shown (gpointer user_data)
{
  TextWait *wait = user_data;

  return kp_ui_test_shows (root (wait->kiosk), wait->text);
}

static void
test_lost_object (Kiosk *kiosk, gconstpointer data)
{
  g_autofree char *found_reference = submit_found_wallet (kiosk);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = NULL;
  TextWait wait = { kiosk, NULL };
  KpOutboxItem *lost = NULL;

  press (kiosk, "Found or lost something");
  press (kiosk, "I lost something");
  g_assert_cmpstr (kp_window_get_page_name (kiosk->window), ==, "lost");
  press (kiosk, "Wallet or purse");
  press (kiosk, "Black");
  press (kiosk, "Yesterday");

  /* The wallet found today is offered; touching it says where to go, with its number. */
  assert_screen (kiosk, "matches");
  wait.text = kp_ui_test_tr ("None of these is mine");
  g_assert_true (kp_ui_test_wait_until (text_shown, &wait, WAIT_MS));
  g_assert_cmpuint (
      kp_form_step_get_n_choices (kp_form_flow_get_step (shown_flow (kiosk), "matches")), ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (shown_flow (kiosk)), "flow.choose", "s", found_reference);
  assert_shows (kiosk, found_reference);
  assert_screen (kiosk, "matches");

  press (kiosk, "None of these is mine");
  assert_screen (kiosk, "place");
  type (kiosk, "in de bus");
  press (kiosk, "Next");
  press (kiosk, "Skip this question");
  assert_screen (kiosk, "name");
  type (kiosk, "jan de vries");
  press (kiosk, "Next");
  press (kiosk, "Skip this question");
  assert_screen (kiosk, "phone");
  type (kiosk, "0612345678");
  press (kiosk, "Next");
  assert_screen (kiosk, KP_FORM_FLOW_SCREEN_CHECK);

  send_and_wait (kiosk, "Send report");
  items = kp_outbox_list (kiosk->outbox, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);
  for (guint i = 0; i < items->len; i++)
    {
      KpOutboxItem *item = g_ptr_array_index (items, i);

      if (g_str_equal (kp_outbox_item_get_kind (item), "lost"))
        lost = item;
    }
  g_assert_nonnull (lost);
  assert_shows (kiosk, kp_outbox_item_get_reference (lost));
  assert_payload_has (lost, "in de bus");
  assert_payload_has (lost, "0612345678");
}

static void
test_callback (Kiosk *kiosk, gconstpointer data)
{
  g_autoptr (KpCallbackRequest) request = kp_callback_request_new (NULL);
  g_autofree char *promise = kp_callback_request_dup_promise (request);
  g_autoptr (KpOutboxItem) item = NULL;

  press (kiosk, "Call me back");
  g_assert_cmpstr (kp_window_get_page_name (kiosk->window), ==, "callback");
  assert_screen (kiosk, "subject");
  type (kiosk, "mijn huurtoeslag");
  press (kiosk, "Next");
  type (kiosk, "jan de vries");
  press (kiosk, "Next");

  /* Too short for a phone number: said next to the field, the digits kept. */
  assert_screen (kiosk, "phone");
  type (kiosk, "0612");
  press (kiosk, "Next");
  assert_field_error (kiosk, "0612");
  type (kiosk, "345678");
  press (kiosk, "Next");

  assert_screen (kiosk, "part-of-day");
  kp_ui_test_press (root (kiosk), kp_part_of_day_get_label (KP_PART_OF_DAY_MORNING));
  assert_screen (kiosk, KP_FORM_FLOW_SCREEN_CHECK);
  /* The promise with its real date, before and after sending. */
  assert_shows (kiosk, promise);

  send_and_wait (kiosk, "Send request");
  item = assert_submitted (kiosk, "callback");
  g_assert_cmpuint (kp_ui_test_count_today (kiosk->window, "submission", "callback"), ==, 1);
  assert_payload_has (item, "mijn huurtoeslag");
  assert_payload_has (item, "0612345678");
  assert_payload_has (item, "morning");
  assert_shows (kiosk, promise);
}

/* A short report, sent; the receipt is on screen. (transfer full): its outbox row */
static KpOutboxItem *
send_short_report (Kiosk *kiosk)
{
  describe_container_nearby (kiosk);
  press (kiosk, "No, that is not needed");
  assert_screen (kiosk, KP_FORM_FLOW_SCREEN_CHECK);
  send_and_wait (kiosk, "Send report");
  return assert_submitted (kiosk, "report");
}

/* kernpunt-syncd's part: the report becomes a case in the embedded register. */
static void
deliver_to_register (Kiosk *kiosk, KpLocalRegister *local_register)
{
  g_autoptr (KpDeliveryAgent) agent
      = kp_delivery_agent_new (kiosk->outbox, KP_BACKEND (local_register));
  g_autoptr (GError) error = NULL;
  guint n_handled = 0;

  g_assert_true (
      kp_delivery_agent_deliver_due (agent, g_get_real_time (), NULL, &n_handled, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_handled, ==, 1);
}

static GtkWidget *
follow_entry (Kiosk *kiosk)
{
  GtkStack *stack = GTK_STACK (kp_ui_test_find_first (root (kiosk), GTK_TYPE_STACK));
  GtkWidget *entry = kp_ui_test_find_first (gtk_stack_get_visible_child (stack), GTK_TYPE_ENTRY);

  g_assert_nonnull (entry);
  return entry;
}

/* Typed on the on-screen keys and Enter, as a resident with the slip in hand does. */
static void
type_reference (Kiosk *kiosk, const char *reference)
{
  GtkWidget *entry = follow_entry (kiosk);

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_widget_grab_focus (entry);
  kp_ui_test_spin (100);
  kp_ui_test_type_on_keyboard (root (kiosk), reference);
  press_key (kiosk, "kp-key-enter");
}

/*
 * A barcode reader is a keyboard: it types what the QR code holds into the
 * entry with the caret, in one burst, and ends with Enter.
 */
static void
scan (Kiosk *kiosk, const char *code)
{
  GtkWidget *entry = follow_entry (kiosk);
  int position = 0;

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_editable_insert_text (GTK_EDITABLE (entry), code, -1, &position);
  g_signal_emit_by_name (entry, "activate");
}

/* The history's steps as shown, one line per label, top to bottom. (transfer full) */
static char *
dup_shown_history (Kiosk *kiosk)
{
  g_autoptr (GPtrArray) boxes = kp_ui_test_find_all (root (kiosk), GTK_TYPE_BOX);
  GString *shown = g_string_new (NULL);

  for (guint i = 0; i < boxes->len; i++)
    {
      GtkWidget *box = g_ptr_array_index (boxes, i);
      g_autofree char *text = NULL;

      if (!gtk_widget_has_css_class (box, "status-step"))
        continue;
      text = kp_ui_test_shown_text (box);
      g_string_append (shown, text);
    }
  return g_string_free (shown, FALSE);
}

static void
assert_history (Kiosk *kiosk, const char *expected)
{
  g_autofree char *shown = dup_shown_history (kiosk);

  g_assert_cmpstr (shown, ==, expected);
}

/*
 * Coming back with the slip: the report's way through the municipality,
 * each step with its day in words, oldest first, whether the reference is
 * typed or the slip's QR code (the status link) is scanned. One wrong
 * character is caught by the check character.
 */
static void
test_follow_history (Kiosk *kiosk, gconstpointer data)
{
  g_autoptr (KpLocalRegister) local_register = kp_local_register_new (kiosk->store);
  g_autoptr (KpOutboxItem) item = send_short_report (kiosk);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GError) error = NULL;
  const char *reference = kp_outbox_item_get_reference (item);
  g_autofree char *url = g_strconcat (STATUS_URL, reference, NULL);
  g_autofree char *typo = g_strdup (reference);
  g_autofree char *today = NULL;
  g_autofree char *waiting = NULL;
  g_autofree char *received = NULL;
  g_autofree char *expected = NULL;
  const char *alphabet = kp_reference_get_alphabet ();
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
  today = kp_date_text_format_day (&day);
  waiting = g_strdup_printf (
      "%s\n%s\n", today,
      kp_ui_test_tr ("Saved at the information point. It goes to the municipality soon."));
  press (kiosk, "Done");
  press (kiosk, "Follow your report");

  /* Not sent yet: one step. */
  type_reference (kiosk, reference);
  assert_shows (
      kiosk, kp_ui_test_tr ("Saved at the information point. It goes to the municipality soon."));
  assert_shows (kiosk, kp_ui_test_tr ("What happened so far"));
  assert_history (kiosk, waiting);

  /* Delivered, then worked on and finished by the municipality. */
  deliver_to_register (kiosk, local_register);
  type_reference (kiosk, reference);
  assert_shows (kiosk, kp_ui_test_tr ("The municipality has received it."));
  /* Sent: the first step no longer says that it goes soon. */
  received = g_strdup_printf ("%s\n%s\n%s\n%s\n", today,
                              kp_ui_test_tr ("Saved at the information point."), today,
                              kp_ui_test_tr ("The municipality has received it."));
  assert_history (kiosk, received);
  g_assert_true (
      kp_local_register_set_status (local_register, reference, KP_CASE_STATUS_IN_PROGRESS, &error));
  g_assert_true (
      kp_local_register_set_status (local_register, reference, KP_CASE_STATUS_DONE, &error));
  g_assert_no_error (error);

  /* The slip's QR code, scanned: the status link works as the reference does. */
  scan (kiosk, url);
  assert_shows (kiosk, kp_ui_test_tr ("The municipality has finished it."));
  expected = g_strdup_printf ("%s%s\n%s\n%s\n%s\n", received, today,
                              kp_ui_test_tr ("The municipality is working on it."), today,
                              kp_ui_test_tr ("The municipality has finished it."));
  assert_history (kiosk, expected);
  /* The entry then shows the number as printed on the slip, not the long link. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (follow_entry (kiosk))), ==, reference);
  kp_ui_test_assert_usable (root (kiosk), kiosk->config, "the follow page with a history");
  screenshot (kiosk, "follow-history-nl");

  /* One character wrong: the typo message, and no history of another report. */
  typo[3] = alphabet[(strchr (alphabet, typo[3]) - alphabet + 1) % strlen (alphabet)];
  type_reference (kiosk, typo);
  assert_shows (kiosk, kp_ui_test_tr ("This number has a typo. Check it and try again."));
  assert_history (kiosk, "");
}

static int
compare_gint64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* The time from Send on the check screen to the receipt on screen, median of 20. */
static void
test_send_time (Kiosk *kiosk, gconstpointer data)
{
  gint64 times[N_TIMED_SENDS];

  for (guint i = 0; i < N_TIMED_SENDS; i++)
    {
      Progress progress = { 0 };

      start_mor_report (kiosk, &progress, FALSE);
      press (kiosk, "Here, near this information point");
      type (kiosk, "de container is vol");
      press (kiosk, "Next");
      press (kiosk, "No, that is not needed");
      assert_screen (kiosk, KP_FORM_FLOW_SCREEN_CHECK);
      times[i] = send_and_wait (kiosk, "Send report");
      press (kiosk, "Done");
    }
  qsort (times, N_TIMED_SENDS, sizeof times[0], compare_gint64);
  g_test_message ("send-to-receipt: median %.1f ms, min %.1f ms, max %.1f ms over %d reports",
                  (times[N_TIMED_SENDS / 2 - 1] + times[N_TIMED_SENDS / 2]) / 2000.0,
                  times[0] / 1000.0, times[N_TIMED_SENDS - 1] / 1000.0, N_TIMED_SENDS);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();

  kp_ui_test_init (&argc, &argv);

  g_test_add ("/report-flows/mor", Kiosk, NULL, kiosk_setup, test_mor_report, kiosk_teardown);
  g_test_add ("/report-flows/mor-photo", Kiosk, NULL, kiosk_setup, test_mor_photo, kiosk_teardown);
  g_test_add ("/report-flows/mor-photo-skipped", Kiosk, NULL, kiosk_setup, test_mor_photo_skipped,
              kiosk_teardown);
  g_test_add ("/report-flows/mor-no-camera", Kiosk, NULL, kiosk_setup, test_mor_no_camera,
              kiosk_teardown);
  g_test_add ("/report-flows/session-wipe", Kiosk, NULL, kiosk_setup, test_session_wipe,
              kiosk_teardown);
  g_test_add ("/report-flows/found", Kiosk, NULL, kiosk_setup, test_found_object, kiosk_teardown);
  g_test_add ("/report-flows/found-document", Kiosk, NULL, kiosk_setup, test_found_document,
              kiosk_teardown);
  g_test_add ("/report-flows/lost", Kiosk, NULL, kiosk_setup, test_lost_object, kiosk_teardown);
  g_test_add ("/report-flows/callback", Kiosk, NULL, kiosk_setup, test_callback, kiosk_teardown);
  g_test_add ("/report-flows/follow-history", Kiosk, NULL, kiosk_setup, test_follow_history,
              kiosk_teardown);
  g_test_add ("/report-flows/send-time", Kiosk, NULL, kiosk_setup, test_send_time, kiosk_teardown);
  return g_test_run ();
}
