/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-appointment-backend.h"
#include "kp-booking-flow.h"
#include "kp-calendar.h"
#include "kp-config.h"
#include "kp-date-text.h"
#include "kp-form-flow.h"
#include "kp-outbox.h"
#include "kp-receipt-page.h"
#include "kp-speaker.h"
#include "kp-store.h"
#include "kp-ui-test-helpers.h"
#include "kp-window.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#define WAIT_MS          10000
#define DEMO_PRODUCT     "paspoort"
#define DEMO_LOCATION    "gemeentehuis"
#define TYPED_NAME       "jan de vries"
#define N_TIMED_BOOKINGS 5

typedef struct
{
  char *slip_dir;
  KpConfig *config;
  KpStore *store;
  KpOutbox *outbox;
  KpSpeaker *speaker;
  KpWindow *window;
  KpAppointmentBackend *backend; /* a second booker on the same database */
} Kiosk;

/* A port nobody listens on: bound by the OS, then closed again. */
static guint
closed_port (void)
{
  g_autoptr (GSocket) socket
      = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;

  g_assert_nonnull (socket);
  g_assert_true (g_socket_bind (socket, address, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  g_socket_close (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* What a test's kiosk has instead of the demo set-up, as flags in the test's data. */
enum
{
  PRINTER_UNREACHABLE = 1 << 0, /* a printer at an ipp:// address where nothing answers */
  AGENDA_UNREACHABLE = 1 << 1,  /* a Qmatic agenda where nothing answers */
  LOCAL_AGENDA = 1 << 2,        /* and the information point's own agenda, with passports */
};

static const char local_agenda[] = "[product " DEMO_PRODUCT "]\n"
                                   "name=Paspoort of ID-kaart\n"
                                   "[location infopunt]\n"
                                   "name=Informatiepunt De Linde\n"
                                   "products=" DEMO_PRODUCT "\n"
                                   "monday=09:00-17:00\ntuesday=09:00-17:00\n"
                                   "wednesday=09:00-17:00\nthursday=09:00-17:00\n"
                                   "friday=09:00-17:00\nsaturday=09:00-17:00\n"
                                   "sunday=09:00-17:00\n";

/* The [appointments] and [qmatic] lines for @flags; "" for the demo agenda. (transfer full) */
static char *
agenda_lines (const char *data_dir, int flags)
{
  g_autofree char *agenda_file = g_build_filename (data_dir, "agenda.conf", NULL);
  g_autofree char *key_file = g_build_filename (data_dir, "qmatic.key", NULL);

  if (!(flags & AGENDA_UNREACHABLE))
    return g_strdup ("");
  kp_test_write_file (data_dir, "qmatic.key", "not-a-real-key\n");
  g_assert_cmpint (g_chmod (key_file, 0600), ==, 0);
  kp_test_write_file (data_dir, "agenda.conf", local_agenda);
  return g_strdup_printf ("[appointments]\nbackend=qmatic\n%s%s\n"
                          "[qmatic]\nurl=http://127.0.0.1:%u/api/\napi-key-file=%s\n"
                          "timeout-seconds=2\n",
                          flags & LOCAL_AGENDA ? "agenda-file=" : "",
                          flags & LOCAL_AGENDA ? agenda_file : "", closed_port (), key_file);
}

/* @data: the flags above; 0 for the demo set-up. */
static void
kiosk_setup (Kiosk *kiosk, gconstpointer data)
{
  g_autofree char *data_dir = kp_test_make_tmpdir ("data");
  g_autofree char *speech_dir = kp_test_make_tmpdir ("speech");
  g_autofree char *printer = NULL;
  g_autofree char *agenda = agenda_lines (data_dir, GPOINTER_TO_INT (data));
  g_autofree char *config_text = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr (GError) error = NULL;

  kiosk->slip_dir = kp_test_make_tmpdir ("slips");
  printer = GPOINTER_TO_INT (data) & PRINTER_UNREACHABLE
                ? g_strdup_printf ("uri=ipp://127.0.0.1:%u/ipp/print\njob-timeout-seconds=5\n",
                                   closed_port ())
                : g_strdup_printf ("pdf-folder=%s\n", kiosk->slip_dir);
  config_text = g_strdup_printf ("[storage]\ndata-dir=%s\n[speech]\noutput-folder=%s\n"
                                 "[session]\nidle-seconds=3600\n[printer]\n%s%s",
                                 data_dir, speech_dir, printer, agenda);
  kiosk->config = kp_config_new_from_data (config_text, &error);
  g_assert_no_error (error);

  db_path = kp_config_dup_database_path (kiosk->config);
  kiosk->store = kp_store_open (db_path, &error);
  g_assert_no_error (error);
  kiosk->outbox = kp_outbox_new (kiosk->store);
  kiosk->speaker = kp_speaker_new ();
  kp_speaker_set_output_folder (kiosk->speaker, speech_dir);
  kiosk->backend = kp_appointment_backend_new_for_config (kiosk->config, kiosk->store, &error);
  g_assert_no_error (error);

  kiosk->window = kp_ui_test_open_window (kiosk->config, kiosk->outbox, kiosk->speaker);
}

static void
kiosk_teardown (Kiosk *kiosk, gconstpointer data)
{
  kp_ui_test_close_window (kiosk->window);
  g_assert_finalize_object (kiosk->backend);
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
screenshot (Kiosk *kiosk, const char *name)
{
  kp_ui_test_screenshot (root (kiosk), name);
}

/* (transfer none) the page on screen */
static GtkWidget *
visible_page (Kiosk *kiosk)
{
  GtkStack *stack = GTK_STACK (kp_ui_test_find_first (root (kiosk), GTK_TYPE_STACK));

  return gtk_stack_get_visible_child (stack);
}

typedef struct
{
  Kiosk *kiosk;
  const char *words;
} ButtonWait;

/* (nullable) a shown button whose words start with @words: a choice with its detail below */
static GtkWidget *
find_choice (Kiosk *kiosk, const char *words)
{
  g_autoptr (GPtrArray) buttons = kp_ui_test_find_all (visible_page (kiosk), GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);
      g_autofree char *button_words = kp_ui_test_button_words (button);

      if (gtk_widget_get_mapped (button) && g_str_has_prefix (button_words, words))
        return button;
    }
  return NULL;
}

static gboolean
choice_is_shown (gpointer user_data)
{
  ButtonWait *wait = user_data;

  return find_choice (wait->kiosk, wait->words) != NULL;
}

/* Choices come from the agenda in a thread: wait for the button, then touch it. */
static void
choose (Kiosk *kiosk, const char *words)
{
  ButtonWait wait = { kiosk, words };

  if (!kp_ui_test_wait_until (choice_is_shown, &wait, WAIT_MS))
    {
      g_autofree char *shown = kp_ui_test_shown_text (root (kiosk));

      g_error ("No choice “%s”; the screen shows:\n%s", words, shown);
    }
  g_signal_emit_by_name (find_choice (kiosk, words), "clicked");
  kp_ui_test_spin (30);
}

static void
set_today (GDate *today)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (today, 1);
  g_date_set_dmy (today, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
}

/* The free days from @first to @last, as the agenda has them. (transfer full) */
static GPtrArray *
list_free_days (Kiosk *kiosk, const GDate *first, const GDate *last)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *days = kp_appointment_backend_list_dates (kiosk->backend, DEMO_PRODUCT, DEMO_LOCATION,
                                                       first, last, NULL, &error);

  g_assert_no_error (error);
  return days;
}

/* The free times on @day, as the agenda has them. (transfer full) */
static GPtrArray *
list_free_times (Kiosk *kiosk, const GDate *day)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *times = kp_appointment_backend_list_times (kiosk->backend, DEMO_PRODUCT, DEMO_LOCATION,
                                                        day, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (times->len, >, 0);
  return times;
}

/* What the agenda offers, asked the way the flow asks it. */
static GDateTime *
first_free_time (Kiosk *kiosk, GDate *day)
{
  GDate today;
  GDate last;
  g_autoptr (GPtrArray) days = NULL;
  g_autoptr (GPtrArray) times = NULL;

  set_today (&today);
  last = today;
  g_date_add_days (&last, 60);
  days = list_free_days (kiosk, &today, &last);
  g_assert_cmpuint (days->len, >, 0);
  *day = *(GDate *) g_ptr_array_index (days, 0);
  times = list_free_times (kiosk, day);
  return g_date_time_ref (g_ptr_array_index (times, 0));
}

/* From the name question to the check screen. */
static void
fill_in_name_and_contact (Kiosk *kiosk)
{
  GtkWidget *entry;

  /* The name, typed on the on-screen keyboard; the keyboard comes up with the entry. */
  kp_ui_test_wait_for_text (root (kiosk), kp_ui_test_tr ("What is your name?"), WAIT_MS);
  entry = kp_ui_test_find_first (visible_page (kiosk), GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  gtk_widget_grab_focus (entry);
  kp_ui_test_spin (100);
  kp_ui_test_type_on_keyboard (root (kiosk), TYPED_NAME);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, TYPED_NAME);
  kp_ui_test_press (root (kiosk), kp_ui_test_tr ("Next"));

  /* E-mail or phone is optional, and says why it is asked. */
  kp_ui_test_wait_for_text (
      root (kiosk),
      kp_ui_test_tr ("You do not have to fill this in. We only use it to tell you if your "
                     "appointment changes. We delete it after your appointment."),
      WAIT_MS);
  kp_ui_test_press (root (kiosk), kp_ui_test_tr ("Skip this question"));
  kp_ui_test_wait_for_text (root (kiosk), kp_ui_test_tr ("Check your answers"), WAIT_MS);
}

/* From the home screen to the check screen, touching and typing as a resident does. */
static void
fill_in_booking (
    Kiosk *kiosk, GDateTime *start, const GDate *day, gboolean screenshots, const char *product)
{
  g_autofree char *day_label = kp_date_text_format_day (day);
  g_autofree char *time_label = kp_date_text_format_time (start);

  kp_ui_test_press (root (kiosk), kp_ui_test_tr ("Make an appointment"));
  g_assert_cmpstr (kp_window_get_page_name (kiosk->window), ==, "appointment");
  choose (kiosk, product);
  choose (kiosk, "Gemeentehuis Lindeveen");
  kp_ui_test_wait_for_text (root (kiosk), day_label, WAIT_MS);
  if (screenshots)
    {
      screenshot (kiosk, "booking-date-nl");
      kp_ui_test_assert_usable (root (kiosk), kiosk->config, "date");
    }
  choose (kiosk, day_label);
  choose (kiosk, time_label);
  fill_in_name_and_contact (kiosk);
}

static KpReceiptPage *
wait_for_receipt (Kiosk *kiosk)
{
  GtkWidget *receipt;

  kp_ui_test_wait_for_text (root (kiosk), kp_ui_test_tr ("Your appointment is booked"), WAIT_MS);
  receipt = kp_ui_test_find_first (visible_page (kiosk), KP_TYPE_RECEIPT_PAGE);
  g_assert_nonnull (receipt);
  return KP_RECEIPT_PAGE (receipt);
}

static gboolean
print_is_over (gpointer user_data)
{
  return kp_receipt_page_get_print_state (KP_RECEIPT_PAGE (user_data)) != KP_RECEIPT_PRINT_PRINTING;
}

/* The stored appointment with this reference, as the agenda knows it now. (transfer full) */
static KpAppointment *
look_up (Kiosk *kiosk, const char *reference)
{
  g_autoptr (GError) error = NULL;
  KpAppointment *appointment
      = kp_appointment_backend_lookup (kiosk->backend, reference, NULL, &error);

  g_assert_no_error (error);
  return appointment;
}

static char *
run_capture (const char *const *argv)
{
  g_auto (KpTestRun) run = { 0 };

  kp_test_run_argv (&run, argv);
  g_assert_cmpint (run.status, ==, 0);
  return g_steal_pointer (&run.out);
}

/* The one PDF in the demo folder, as text (poppler's pdftotext). */
static char *
slip_text (Kiosk *kiosk)
{
  g_autoptr (GDir) dir = g_dir_open (kiosk->slip_dir, 0, NULL);
  const char *name;
  g_autofree char *pdf = NULL;
  guint n_pdfs = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (!g_str_has_suffix (name, ".pdf"))
        continue;
      n_pdfs++;
      g_free (pdf);
      pdf = g_build_filename (kiosk->slip_dir, name, NULL);
    }
  g_assert_cmpuint (n_pdfs, ==, 1);
  {
    const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };

    return run_capture (argv);
  }
}

/* The QR exactly as on screen, read back by zbarimg. */
static char *
decode_screen_qr (KpReceiptPage *receipt)
{
  g_autofree char *dir = kp_test_make_tmpdir ("qr");
  g_autofree char *png = g_build_filename (dir, "qr.png", NULL);
  const char *argv[] = { "zbarimg", "--quiet", "--raw", png, NULL };
  char *decoded;

  g_assert_nonnull (kp_receipt_page_get_qr_texture (receipt));
  g_assert_true (gdk_texture_save_to_png (kp_receipt_page_get_qr_texture (receipt), png));
  decoded = run_capture (argv);
  return g_strchomp (decoded);
}

static void
test_book_end_to_end (Kiosk *kiosk, gconstpointer data)
{
  GDate day;
  g_autoptr (GDateTime) start = first_free_time (kiosk, &day);
  g_autofree char *day_label = kp_date_text_format_day (&day);
  g_autofree char *time_label = kp_date_text_format_time (start);
  g_autoptr (KpAppointment) stored = NULL;
  g_autofree char *text = NULL;
  g_autofree char *decoded = NULL;
  KpReceiptPage *receipt;
  const char *reference;
  gint64 confirmed;

  fill_in_booking (kiosk, start, &day, TRUE, "Paspoort of ID-kaart");
  /* The check screen has every answer, each with Change. */
  kp_ui_test_wait_for_text (root (kiosk), "Paspoort of ID-kaart", WAIT_MS);
  kp_ui_test_wait_for_text (root (kiosk), day_label, WAIT_MS);
  kp_ui_test_wait_for_text (root (kiosk), time_label, WAIT_MS);
  g_assert_true (kp_ui_test_shows (root (kiosk), TYPED_NAME));
  screenshot (kiosk, "booking-check-nl");
  kp_ui_test_assert_usable (root (kiosk), kiosk->config, "check");

  confirmed = g_get_monotonic_time ();
  kp_ui_test_press (root (kiosk), kp_ui_test_tr ("Book"));
  receipt = wait_for_receipt (kiosk);
  reference = kp_slip_get_reference (kp_receipt_page_get_slip (receipt));
  kp_ui_test_wait_for_text (root (kiosk), reference, WAIT_MS);
  g_assert_cmpuint (kp_ui_test_count_today (kiosk->window, "submission", "appointment"), ==, 1);
  g_test_message ("confirm → receipt on screen: %.0f ms",
                  (g_get_monotonic_time () - confirmed) / 1000.0);

  /* Stored, for this time, with the resident's name. */
  stored = look_up (kiosk, reference);
  g_assert_cmpint (kp_appointment_get_state (stored), ==, KP_APPOINTMENT_STATE_BOOKED);
  g_assert_true (g_date_time_equal (kp_appointment_get_start (stored), start));
  g_assert_cmpstr (kp_appointment_get_product_id (stored), ==, DEMO_PRODUCT);

  /* Demo mode: the slip is in the folder and shown on screen. */
  g_assert_true (kp_ui_test_wait_until (print_is_over, receipt, WAIT_MS));
  g_assert_cmpint (kp_receipt_page_get_print_state (receipt), ==, KP_RECEIPT_PRINT_SHOWN);
  kp_ui_test_wait_for_text (
      root (kiosk),
      kp_ui_test_tr ("There is no printer here. This is your slip. Take a photo of the code."),
      WAIT_MS);
  text = slip_text (kiosk);
  kp_test_assert_contains (text, "Paspoort of ID-kaart");
  kp_test_assert_contains (text, day_label);
  kp_test_assert_contains (text, time_label);
  kp_test_assert_contains (text, "Gemeentehuis Lindeveen");
  kp_test_assert_contains (text, "Markt 1, Lindeveen");
  kp_test_assert_contains (text, reference);
  /* What to bring, from the passport topic of the guide. */
  kp_test_assert_contains (text, kp_ui_test_tr ("What to bring"));

  decoded = decode_screen_qr (receipt);
  g_assert_cmpstr (decoded, ==, reference);
  screenshot (kiosk, "booking-confirmation-nl");
  kp_ui_test_assert_usable (root (kiosk), kiosk->config, "confirmation");
}

/* The free days of @first's month from @first on. (transfer full) */
static GPtrArray *
free_days_in_month (Kiosk *kiosk, const GDate *first)
{
  GDate last = *first;

  g_date_set_day (&last,
                  g_date_get_days_in_month (g_date_get_month (first), g_date_get_year (first)));
  return list_free_days (kiosk, first, &last);
}

static gboolean
is_in (GPtrArray *days, const GDate *day)
{
  for (guint i = 0; i < days->len; i++)
    {
      if (g_date_compare (g_ptr_array_index (days, i), day) == 0)
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  KpCalendar *calendar;
  guint day;
} DayWait;

static gboolean
day_is_open (gpointer user_data)
{
  DayWait *wait = user_data;

  return gtk_widget_get_sensitive (kp_calendar_get_day_button (wait->calendar, wait->day));
}

/*
 * The calendar's month after its free days came in: exactly the agenda's
 * free days can be touched, and each day's label says whether it is free.
 */
static void
assert_month_shown (Kiosk *kiosk, KpCalendar *calendar, const GDate *from)
{
  g_autoptr (GPtrArray) free_days = free_days_in_month (kiosk, from);
  g_autofree char *title = kp_date_text_format_month (from);
  GDate day = *from;
  guint n_days = g_date_get_days_in_month (g_date_get_month (from), g_date_get_year (from));

  kp_ui_test_wait_for_text (root (kiosk), title, WAIT_MS);
  if (free_days->len > 0)
    {
      DayWait wait = { calendar, g_date_get_day (g_ptr_array_index (free_days, 0)) };

      g_assert_true (kp_ui_test_wait_until (day_is_open, &wait, WAIT_MS));
    }
  for (guint d = 1; d <= n_days; d++)
    {
      GtkWidget *button = kp_calendar_get_day_button (calendar, d);
      g_autofree char *day_text = NULL;
      g_autofree char *label = NULL;
      gboolean free;

      g_date_set_day (&day, (GDateDay) d);
      free = is_in (free_days, &day);
      day_text = kp_date_text_format_day (&day);
      label = g_strdup_printf (
          free ? kp_ui_test_tr ("%s, free times") : kp_ui_test_tr ("%s, no free times"), day_text);
      g_assert_cmpint (gtk_widget_get_sensitive (button), ==, free);
      gtk_test_accessible_assert_property (button, GTK_ACCESSIBLE_PROPERTY_LABEL, label);
    }
}

/* The first Sunday of the month shown: the town hall is closed on Sundays. */
static GtkWidget *
first_sunday (KpCalendar *calendar)
{
  GDate day;

  kp_calendar_get_month (calendar, &day);
  while (g_date_get_weekday (&day) != G_DATE_SUNDAY)
    g_date_add_days (&day, 1);
  return kp_calendar_get_day_button (calendar, g_date_get_day (&day));
}

/* "Another day": a month to page through, a free day next month, its times, booked. */
static void
test_later_day_in_calendar (Kiosk *kiosk, gconstpointer data)
{
  GDate today;
  GDate next_month;
  g_autoptr (GPtrArray) next_free = NULL;
  g_autoptr (GPtrArray) times = NULL;
  g_autoptr (KpAppointment) stored = NULL;
  g_autofree char *day_label = NULL;
  g_autofree char *first_time = NULL;
  g_autofree char *last_time = NULL;
  const GDate *chosen;
  GtkWidget *flow;
  GtkWidget *sunday;
  GtkWidget *day_button;
  KpCalendar *calendar;
  KpReceiptPage *receipt;

  set_today (&today);
  next_month = today;
  g_date_set_day (&next_month, 1);
  g_date_add_months (&next_month, 1);
  next_free = free_days_in_month (kiosk, &next_month);
  g_assert_cmpuint (next_free->len, >, 0);
  chosen = g_ptr_array_index (next_free, 0);
  day_label = kp_date_text_format_day (chosen);
  times = list_free_times (kiosk, chosen);
  first_time = kp_date_text_format_time (g_ptr_array_index (times, 0));
  last_time = kp_date_text_format_time (g_ptr_array_index (times, times->len - 1));

  kp_ui_test_press (root (kiosk), kp_ui_test_tr ("Make an appointment"));
  choose (kiosk, "Paspoort of ID-kaart");
  choose (kiosk, "Gemeentehuis Lindeveen");
  choose (kiosk, kp_ui_test_tr ("Another day"));
  flow = kp_ui_test_find_first (visible_page (kiosk), KP_TYPE_FORM_FLOW);
  calendar = KP_CALENDAR (kp_ui_test_find_first (visible_page (kiosk), KP_TYPE_CALENDAR));
  g_assert_nonnull (calendar);

  /* Today's month first, with no way back to the past. */
  assert_month_shown (kiosk, calendar, &today);
  g_assert_false (gtk_widget_get_sensitive (find_choice (kiosk, kp_ui_test_tr ("Previous month"))));

  kp_ui_test_press (root (kiosk), kp_ui_test_tr ("Next month"));
  assert_month_shown (kiosk, calendar, &next_month);
  screenshot (kiosk, "booking-calendar-nl");
  kp_ui_test_assert_usable (root (kiosk), kiosk->config, "calendar");

  /* A closed day takes no focus, and touching it anyway chooses nothing. */
  sunday = first_sunday (calendar);
  g_assert_false (gtk_widget_grab_focus (sunday));
  g_signal_emit_by_name (sunday, "clicked");
  kp_ui_test_spin (30);
  g_assert_cmpstr (kp_form_flow_get_screen (KP_FORM_FLOW (flow)), ==, "later-date");

  /* A free day, chosen with the keyboard: focus, then Enter. */
  day_button = kp_calendar_get_day_button (calendar, g_date_get_day (chosen));
  g_assert_true (gtk_widget_grab_focus (day_button));
  gtk_widget_activate (day_button);
  kp_ui_test_wait_for_text (root (kiosk), kp_ui_test_tr ("Which time suits you?"), WAIT_MS);
  kp_ui_test_wait_for_text (root (kiosk), last_time, WAIT_MS);
  choose (kiosk, first_time);
  fill_in_name_and_contact (kiosk);
  kp_ui_test_wait_for_text (root (kiosk), day_label, WAIT_MS);

  kp_ui_test_press (root (kiosk), kp_ui_test_tr ("Book"));
  receipt = wait_for_receipt (kiosk);
  stored = look_up (kiosk, kp_slip_get_reference (kp_receipt_page_get_slip (receipt)));
  g_assert_true (
      g_date_time_equal (kp_appointment_get_start (stored), g_ptr_array_index (times, 0)));
}

/* Fills the slot of @start to its capacity, as other kiosks booking at the same moment would. */
static void
fill_slot (Kiosk *kiosk, GDateTime *start)
{
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr (KpAppointment) other = kp_appointment_new ();
      g_autoptr (GError) error = NULL;

      kp_appointment_set_product (other, DEMO_PRODUCT, "Paspoort of ID-kaart");
      kp_appointment_set_location (other, DEMO_LOCATION, "Gemeentehuis Lindeveen", NULL);
      kp_appointment_set_start (other, start, 15);
      g_assert_true (kp_appointment_set_name (other, "Another Booker", NULL));
      if (!kp_appointment_backend_book (kiosk->backend, other, NULL, &error))
        {
          g_assert_error (error, KP_APPOINTMENT_BACKEND_ERROR,
                          KP_APPOINTMENT_BACKEND_ERROR_SLOT_TAKEN);
          return;
        }
    }
  g_assert_not_reached ();
}

static void
test_slot_taken (Kiosk *kiosk, gconstpointer data)
{
  GDate day;
  g_autoptr (GDateTime) start = first_free_time (kiosk, &day);
  g_autoptr (GDateTime) next = NULL;
  g_autofree char *next_text = NULL;
  g_autofree char *taken = NULL;
  g_autoptr (KpAppointment) stored = NULL;
  KpReceiptPage *receipt;
  KpFormFlow *flow;

  fill_in_booking (kiosk, start, &day, FALSE, "Paspoort of ID-kaart");
  fill_slot (kiosk, start);
  next = kp_appointment_backend_find_next_free (kiosk->backend, DEMO_PRODUCT, DEMO_LOCATION, start,
                                                NULL, NULL);
  g_assert_nonnull (next);
  next_text = kp_date_text_format_day_and_time (next);

  kp_ui_test_press (root (kiosk), kp_ui_test_tr ("Book"));
  kp_ui_test_wait_for_text (root (kiosk), next_text, WAIT_MS);
  flow = KP_FORM_FLOW (kp_ui_test_find_first (visible_page (kiosk), KP_TYPE_FORM_FLOW));
  taken = g_strdup_printf (
      kp_ui_test_tr ("Someone else just took this time. The next free time is %s. Touch "
                     "Book to take it, or choose another time."),
      next_text);
  g_assert_cmpstr (kp_form_flow_get_error (flow), ==, taken);

  /* Book again takes the offered time. */
  kp_ui_test_press (root (kiosk), kp_ui_test_tr ("Book"));
  receipt = wait_for_receipt (kiosk);
  stored = look_up (kiosk, kp_slip_get_reference (kp_receipt_page_get_slip (receipt)));
  g_assert_true (g_date_time_equal (kp_appointment_get_start (stored), next));
}

/* (transfer full) an appointment booked as another kiosk would, for the follow page */
static KpAppointment *
book_directly (Kiosk *kiosk)
{
  GDate day;
  g_autoptr (GDateTime) start = first_free_time (kiosk, &day);
  g_autoptr (KpAppointment) appointment = kp_appointment_new ();
  g_autoptr (GError) error = NULL;

  kp_appointment_set_product (appointment, DEMO_PRODUCT, "Paspoort of ID-kaart");
  kp_appointment_set_location (appointment, DEMO_LOCATION, "Gemeentehuis Lindeveen", NULL);
  kp_appointment_set_start (appointment, start, 15);
  g_assert_true (kp_appointment_set_name (appointment, "Jan de Vries", NULL));
  g_assert_true (kp_appointment_backend_book (kiosk->backend, appointment, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&appointment);
}

/* Typed on the keys, then Enter, as a barcode reader does with the slip's QR. */
static void
enter_reference (Kiosk *kiosk, const char *reference)
{
  GtkWidget *entry = kp_ui_test_find_first (visible_page (kiosk), GTK_TYPE_ENTRY);

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_widget_grab_focus (entry);
  kp_ui_test_spin (100);
  kp_ui_test_type_on_keyboard (root (kiosk), reference);
  g_signal_emit_by_name (kp_ui_test_find_key (root (kiosk), "kp-key-enter"), "clicked");
}

static void
test_view_and_cancel (Kiosk *kiosk, gconstpointer data)
{
  g_autoptr (KpAppointment) booked = book_directly (kiosk);
  g_autoptr (KpAppointment) stored = NULL;
  const char *reference = kp_appointment_get_reference (booked);
  g_autofree char *when = kp_date_text_format_day_and_time (kp_appointment_get_start (booked));

  kp_ui_test_press (root (kiosk), kp_ui_test_tr ("Follow your report"));
  enter_reference (kiosk, reference);
  kp_ui_test_wait_for_text (root (kiosk), kp_ui_test_tr ("You have an appointment."), WAIT_MS);
  kp_ui_test_wait_for_text (root (kiosk), when, WAIT_MS);
  kp_ui_test_wait_for_text (root (kiosk), "Gemeentehuis Lindeveen", WAIT_MS);

  /* "Are you sure?" first; No keeps it. */
  kp_ui_test_press (root (kiosk), kp_ui_test_tr ("Cancel this appointment"));
  kp_ui_test_wait_for_text (root (kiosk), kp_ui_test_tr ("Yes, cancel it"), WAIT_MS);
  kp_ui_test_press (root (kiosk), kp_ui_test_tr ("No, keep it"));
  stored = look_up (kiosk, reference);
  g_assert_cmpint (kp_appointment_get_state (stored), ==, KP_APPOINTMENT_STATE_BOOKED);
  g_clear_object (&stored);

  kp_ui_test_press (root (kiosk), kp_ui_test_tr ("Cancel this appointment"));
  kp_ui_test_press (root (kiosk), kp_ui_test_tr ("Yes, cancel it"));
  kp_ui_test_wait_for_text (root (kiosk), kp_ui_test_tr ("Your appointment is cancelled."),
                            WAIT_MS);
  stored = look_up (kiosk, reference);
  g_assert_cmpint (kp_appointment_get_state (stored), ==, KP_APPOINTMENT_STATE_CANCELLED);

  /* Looked up again, it says so, and cannot be cancelled twice. */
  enter_reference (kiosk, reference);
  kp_ui_test_wait_for_text (root (kiosk), kp_ui_test_tr ("This appointment is cancelled."),
                            WAIT_MS);
  g_assert_null (kp_ui_test_find_button (root (kiosk), kp_ui_test_tr ("Cancel this appointment")));
}

static void
count_change (guint *n_changes)
{
  (*n_changes)++;
}

static void
test_printer_failure (Kiosk *kiosk, gconstpointer data)
{
  GDate day;
  g_autoptr (GDateTime) start = first_free_time (kiosk, &day);
  g_autofree char *decoded = NULL;
  KpReceiptPage *receipt;
  const char *reference;
  guint n_changes = 0;

  fill_in_booking (kiosk, start, &day, FALSE, "Paspoort of ID-kaart");
  kp_ui_test_press (root (kiosk), kp_ui_test_tr ("Book"));
  receipt = wait_for_receipt (kiosk);
  reference = kp_slip_get_reference (kp_receipt_page_get_slip (receipt));
  g_assert_true (kp_ui_test_wait_until (print_is_over, receipt, WAIT_MS));
  g_assert_cmpint (kp_receipt_page_get_print_state (receipt), ==, KP_RECEIPT_PRINT_FAILED);
  kp_ui_test_wait_for_text (
      root (kiosk),
      kp_ui_test_tr ("The printer is not working. Take a photo of the code, or ask a volunteer."),
      WAIT_MS);
  g_assert_true (kp_ui_test_shows (root (kiosk), reference));
  decoded = decode_screen_qr (receipt);
  g_assert_cmpstr (decoded, ==, reference);

  /* Nothing lost: Print again tries the same slip once more, and fails the same way. */
  g_signal_connect_swapped (receipt, "notify::print-state", G_CALLBACK (count_change), &n_changes);
  kp_ui_test_press (root (kiosk), kp_ui_test_tr ("Print again"));
  g_assert_true (kp_ui_test_wait_until (print_is_over, receipt, WAIT_MS));
  /* To "printing" and back to "failed". */
  g_assert_cmpuint (n_changes, ==, 2);
  g_assert_cmpint (kp_receipt_page_get_print_state (receipt), ==, KP_RECEIPT_PRINT_FAILED);
  screenshot (kiosk, "booking-printer-failed-nl");

  /* The volunteer who comes for Help sees what is wrong. */
  kp_ui_test_press (root (kiosk), kp_ui_test_tr ("Help"));
  kp_ui_test_wait_for_text (root (kiosk), kp_ui_test_tr ("The printer cannot be found."), WAIT_MS);
  /* The volunteer's problem stays for the next visitor's Help too, until a print works. */
  kp_ui_test_press (root (kiosk), kp_ui_test_tr ("Done"));
  kp_ui_test_press (root (kiosk), kp_ui_test_tr ("Help"));
  kp_ui_test_wait_for_text (root (kiosk), kp_ui_test_tr ("The printer cannot be found."), WAIT_MS);
}

/* A guidance topic's "make an appointment for" goes straight to the location question. */
static void
test_from_guide_topic (Kiosk *kiosk, gconstpointer data)
{
  gtk_widget_activate_action (root (kiosk), "kiosk.open", "s", "appointment:" DEMO_PRODUCT);
  kp_ui_test_spin (100);
  choose (kiosk, "Gemeentehuis Lindeveen");
  g_assert_cmpstr (kp_appointment_get_product_id (kp_booking_flow_get_appointment (KP_BOOKING_FLOW (
                       kp_ui_test_find_first (visible_page (kiosk), KP_TYPE_BOOKING_FLOW)))),
                   ==, DEMO_PRODUCT);
  /* The product question was never asked. */
  g_assert_null (find_choice (kiosk, "Rijbewijs"));
  g_assert_false (kp_ui_test_shows (root (kiosk), kp_ui_test_tr ("What is your appointment for?")));
}

/*
 * In an English session the agenda's Dutch product names give way to the
 * guide's English ones, on the buttons, the check screen and the slip
 * (a product the guide lacks keeps the agenda's name: see test-appointment).
 */
static void
test_product_names_in_english (Kiosk *kiosk, gconstpointer data)
{
  GDate day;
  g_autoptr (GDateTime) start = first_free_time (kiosk, &day);
  g_autofree char *text = NULL;

  kp_window_set_language (kiosk->window, "en");
  kp_ui_test_spin (50);
  fill_in_booking (kiosk, start, &day, FALSE, "Passport or ID card");
  g_assert_null (find_choice (kiosk, "Paspoort of ID-kaart"));
  kp_ui_test_wait_for_text (root (kiosk), "Passport or ID card", WAIT_MS);
  g_assert_false (kp_ui_test_shows (root (kiosk), "Paspoort of ID-kaart"));
  kp_ui_test_press (root (kiosk), kp_ui_test_tr ("Book"));
  wait_for_receipt (kiosk);
  g_assert_true (kp_ui_test_wait_until (
      print_is_over, kp_ui_test_find_first (visible_page (kiosk), KP_TYPE_RECEIPT_PAGE), WAIT_MS));
  text = slip_text (kiosk);
  kp_test_assert_contains (text, "Passport or ID card");
  kp_test_assert_contains (text, "passport photo");
}

/* The screen of the booking flow on screen: a step's id, or "check". */
static const char *
flow_screen (Kiosk *kiosk)
{
  GtkWidget *flow = kp_ui_test_find_first (visible_page (kiosk), KP_TYPE_FORM_FLOW);

  g_assert_nonnull (flow);
  return kp_form_flow_get_screen (KP_FORM_FLOW (flow));
}

/*
 * The agenda does not answer: the resident can try again, ask to be called
 * back, or book at the information point itself, which has passports.
 */
static void
test_agenda_unreachable (Kiosk *kiosk, gconstpointer data)
{
  const char *no_answer
      = kp_ui_test_tr ("The agenda does not answer right now. Choose what you want to do.");

  gtk_widget_activate_action (root (kiosk), "kiosk.open", "s", "appointment:" DEMO_PRODUCT);
  kp_ui_test_wait_for_text (root (kiosk), no_answer, WAIT_MS);
  g_assert_cmpstr (flow_screen (kiosk), ==, "location");
  screenshot (kiosk, "booking-unavailable-nl");
  kp_ui_test_assert_usable (root (kiosk), kiosk->config, "agenda unreachable");

  /* Try again asks the agenda again; it still does not answer, so the ways on come back. */
  choose (kiosk, kp_ui_test_tr ("Try again"));
  g_assert_cmpstr (flow_screen (kiosk), ==, "location");
  kp_ui_test_wait_for_text (root (kiosk), no_answer, WAIT_MS);
  g_assert_nonnull (find_choice (kiosk, kp_ui_test_tr ("Try again")));

  /* A call back is the kiosk's call-back form; Back returns here. */
  choose (kiosk, kp_ui_test_tr ("Ask us to call you back"));
  g_assert_cmpstr (kp_window_get_page_name (kiosk->window), ==, "callback");
  gtk_widget_activate_action (root (kiosk), "kiosk.back", NULL);
  kp_ui_test_spin (50);
  g_assert_cmpstr (kp_window_get_page_name (kiosk->window), ==, "appointment:" DEMO_PRODUCT);

  /* The information point's own agenda has passports: its place, then its days. */
  choose (kiosk, kp_ui_test_tr ("Book at this information point"));
  choose (kiosk, "Informatiepunt De Linde");
  kp_ui_test_wait_for_text (root (kiosk), kp_ui_test_tr ("Which day suits you?"), WAIT_MS);
  g_assert_cmpstr (flow_screen (kiosk), ==, "date");
  g_assert_false (kp_ui_test_shows (root (kiosk), no_answer));
}

/* Without an agenda of its own, the kiosk offers no place to book instead; the rest stays. */
static void
test_agenda_unreachable_no_local (Kiosk *kiosk, gconstpointer data)
{
  kp_ui_test_press (root (kiosk), kp_ui_test_tr ("Make an appointment"));
  kp_ui_test_wait_for_text (
      root (kiosk),
      kp_ui_test_tr ("The agenda does not answer right now. Choose what you want to do."), WAIT_MS);
  g_assert_cmpstr (flow_screen (kiosk), ==, "product");
  g_assert_nonnull (find_choice (kiosk, kp_ui_test_tr ("Try again")));
  g_assert_nonnull (find_choice (kiosk, kp_ui_test_tr ("Ask us to call you back")));
  g_assert_null (find_choice (kiosk, kp_ui_test_tr ("Book at this information point")));
}

int
main (int argc, char *argv[])
{
  g_autofree char *home = kp_test_init_home ();

  kp_ui_test_init (&argc, &argv);

  g_test_add ("/booking/end-to-end", Kiosk, GINT_TO_POINTER (FALSE), kiosk_setup,
              test_book_end_to_end, kiosk_teardown);
  g_test_add ("/booking/later-day-in-calendar", Kiosk, GINT_TO_POINTER (FALSE), kiosk_setup,
              test_later_day_in_calendar, kiosk_teardown);
  g_test_add ("/booking/slot-taken", Kiosk, GINT_TO_POINTER (FALSE), kiosk_setup, test_slot_taken,
              kiosk_teardown);
  g_test_add ("/booking/from-guide-topic", Kiosk, GINT_TO_POINTER (FALSE), kiosk_setup,
              test_from_guide_topic, kiosk_teardown);
  g_test_add ("/booking/view-and-cancel", Kiosk, GINT_TO_POINTER (FALSE), kiosk_setup,
              test_view_and_cancel, kiosk_teardown);
  g_test_add ("/booking/printer-failure", Kiosk, GINT_TO_POINTER (PRINTER_UNREACHABLE), kiosk_setup,
              test_printer_failure, kiosk_teardown);
  g_test_add ("/booking/product-names-in-english", Kiosk, NULL, kiosk_setup,
              test_product_names_in_english, kiosk_teardown);
  g_test_add ("/booking/agenda-unreachable", Kiosk,
              GINT_TO_POINTER (AGENDA_UNREACHABLE | LOCAL_AGENDA), kiosk_setup,
              test_agenda_unreachable, kiosk_teardown);
  g_test_add ("/booking/agenda-unreachable-no-local", Kiosk, GINT_TO_POINTER (AGENDA_UNREACHABLE),
              kiosk_setup, test_agenda_unreachable_no_local, kiosk_teardown);
  return g_test_run ();
}
