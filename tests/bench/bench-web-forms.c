/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-forms-page.h"
#include "kp-outbox.h"
#include "kp-speaker.h"
#include "kp-store.h"
#include "kp-test-http-server.h"
#include "kp-topic.h"
#include "kp-ui-test-helpers.h"
#include "kp-web-test-helpers.h"

#include <unistd.h>

/*
 * What a web form costs a kiosk, in the real window on a virtual screen
 * with a local form site:
 * - the time from tapping Start on a form's "Before you start" to the
 *   form's page loaded (WebKit's load-changed FINISHED) and to the first
 *   frame the window paints after it;
 * - the kiosk's memory (PSS) at home and with a form open, and of its
 *   WebKit processes;
 * - the same after 1, 10 and 50 form sessions, opened and ended as
 *   residents do (Done), each of which must leave no web process behind.
 * Prints figures; asserts nothing about them.
 *   meson test -C BUILD --benchmark web-forms
 */

#define SESSIONS       50
#define TIMED_SESSIONS 20
#define WAIT_MS        20000

static const guint report_after[] = { 1, 10, 50 };

typedef struct
{
  gint64 started;
  gint64 finished; /* load-changed FINISHED */
  gint64 painted;  /* the first frame painted after it */
} Timing;

static void
serve_form (SoupServer *server,
            SoupServerMessage *message,
            const char *path,
            GHashTable *query,
            gpointer user_data)
{
  static const char page[]
      = "<html lang=\"nl\"><body><main><h1>Parkeervergunning aanvragen</h1>"
        "<form method=post action=\"/submit\"><label>Kenteken <input name=plate></label>"
        "<label>E-mail <input type=email name=mail></label><button>Versturen</button></form>"
        "</main></body></html>";

  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC, page, strlen (page));
}

static KpConfig *
make_config (KpTestHttpServer *site)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data_dir = kp_test_make_tmpdir ("data");
  g_autofree char *text = g_strdup_printf (
      "[storage]\ndata-dir=%s\n[web-forms]\nallowed-hosts=127.0.0.1\nallow-loopback-http=true\n"
      "[form:parking]\ntitle=Parkeervergunning aanvragen\nstart-url=%s/form\ndigid=true\n"
      "minutes=10\n",
      data_dir, kp_test_http_server_get_base (site));
  KpConfig *config = kp_config_new_from_data (text, &error);

  g_assert_no_error (error);
  return config;
}

static void
on_after_paint (GdkFrameClock *clock, Timing *timing)
{
  if (timing->finished != 0 && timing->painted == 0)
    timing->painted = g_get_monotonic_time ();
}

static void
on_load_changed (WebKitWebView *view, WebKitLoadEvent event, Timing *timing)
{
  if (event == WEBKIT_LOAD_FINISHED && timing->finished == 0)
    {
      timing->finished = g_get_monotonic_time ();
      gtk_widget_queue_draw (GTK_WIDGET (view));
    }
}

static gboolean
is_painted (gpointer user_data)
{
  return ((Timing *) user_data)->painted != 0;
}

static gboolean
no_web_process_left (gpointer user_data)
{
  g_autoptr (GArray) web_processes = kp_web_test_find_descendants ("WebKitWebProces");

  return web_processes->len == 0;
}

typedef struct
{
  guint64 pss_kib;
  guint64 private_kib;
} Memory;

/* This process, and its WebKit processes together. */
static void
measure (Memory *kiosk, Memory *webkit)
{
  g_autoptr (GArray) webkit_pids = kp_web_test_find_descendants ("WebKit");

  kp_web_test_memory_kib (getpid (), &kiosk->pss_kib, &kiosk->private_kib);
  *webkit = (Memory){ 0 };
  for (guint i = 0; i < webkit_pids->len; i++)
    {
      Memory one;

      kp_web_test_memory_kib (g_array_index (webkit_pids, int, i), &one.pss_kib, &one.private_kib);
      webkit->pss_kib += one.pss_kib;
      webkit->private_kib += one.private_kib;
    }
}

static void
print_memory (const char *when)
{
  Memory kiosk;
  Memory webkit;

  measure (&kiosk, &webkit);
  g_print ("  %-30s kiosk PSS %6.1f MiB (private %6.1f)   WebKit processes PSS %6.1f MiB "
           "(private %6.1f)   together PSS %6.1f MiB\n",
           when, kiosk.pss_kib / 1024.0, kiosk.private_kib / 1024.0, webkit.pss_kib / 1024.0,
           webkit.private_kib / 1024.0, (kiosk.pss_kib + webkit.pss_kib) / 1024.0);
}

static gboolean
is_reported (guint session)
{
  for (gsize i = 0; i < G_N_ELEMENTS (report_after); i++)
    {
      if (report_after[i] == session)
        return TRUE;
    }
  return FALSE;
}

/* One resident: the form's tile, Start, the form's page; then Done. */
static void
run_session (KpWindow *window, KpConfig *config, guint session, Timing *timing)
{
  GtkWidget *root = GTK_WIDGET (window);
  KpEForm *form = g_ptr_array_index (kp_config_get_e_forms (config), 0);
  g_autofree char *summary = kp_forms_page_dup_form_summary (form);
  g_autofree char *tile = g_strconcat (kp_e_form_get_title (form, kp_window_get_language (window)),
                                       " ", summary, NULL);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (root);
  gulong paint_id;

  kp_ui_test_press (root, kp_ui_test_tr (kp_topic_lookup ("digid-form")->label));
  kp_ui_test_press (root, tile);
  kp_ui_test_spin (100);

  paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), timing);
  timing->started = g_get_monotonic_time ();
  kp_ui_test_press (root, kp_ui_test_tr ("Start the form"));
  g_signal_connect (kp_web_test_find_view (root), "load-changed", G_CALLBACK (on_load_changed),
                    timing);
  if (!kp_ui_test_wait_until (is_painted, timing, WAIT_MS))
    g_error ("Session %u: the form was not shown", session);
  g_signal_handler_disconnect (clock, paint_id);
  g_signal_handlers_disconnect_by_data (kp_web_test_find_view (root), timing);

  if (is_reported (session))
    {
      g_autofree char *when = g_strdup_printf ("session %u, form open:", session);

      kp_ui_test_spin (500);
      print_memory (when);
    }
  kp_ui_test_press (root, kp_ui_test_tr ("Done"));
  if (!kp_ui_test_wait_until (no_web_process_left, NULL, WAIT_MS))
    g_error ("Session %u: a web process was left after the session ended", session);
  if (is_reported (session))
    {
      g_autofree char *when
          = g_strdup_printf ("after %u session%s:", session, session == 1 ? "" : "s");

      kp_ui_test_spin (500);
      print_memory (when);
    }
}

static int
compare_times (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
print_times (const char *what, GArray *samples)
{
  g_array_sort (samples, compare_times);
  g_print ("  %-48s median %7.1f ms   min %7.1f ms   max %7.1f ms   (%u sessions)\n", what,
           g_array_index (samples, gint64, samples->len / 2) / 1000.0,
           g_array_index (samples, gint64, 0) / 1000.0,
           g_array_index (samples, gint64, samples->len - 1) / 1000.0, samples->len);
}

int
main (int argc, char *argv[])
{
  g_autofree char *tmp = NULL;
  g_autofree char *home = kp_web_test_init_home (&tmp);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) to_loaded = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) to_painted = g_array_new (FALSE, FALSE, sizeof (gint64));
  KpTestHttpServer *site;
  KpConfig *config;
  KpStore *store;
  KpOutbox *outbox;
  KpSpeaker *speaker;
  KpWindow *window;
  g_autofree char *db_path = NULL;

  /* No GL on the virtual screen; without this WebKit tries it anyway and warns. */
  g_setenv ("WEBKIT_DISABLE_COMPOSITING_MODE", "1", TRUE);
  kp_ui_test_init (&argc, &argv);
  site = kp_test_http_server_start (serve_form, NULL);
  config = make_config (site);
  db_path = kp_config_dup_database_path (config);
  store = kp_store_open (db_path, &error);
  g_assert_no_error (error);
  outbox = kp_outbox_new (store);
  speaker = kp_speaker_new ();
  window = kp_ui_test_open_window (config, outbox, speaker);

  g_print ("Web forms: a local form page in the kiosk window (Xvfb, no GL)\n");
  kp_ui_test_spin (1000);
  print_memory ("at home, before any form:");
  for (guint session = 1; session <= SESSIONS; session++)
    {
      Timing timing = { 0 };
      gint64 loaded;
      gint64 painted;

      run_session (window, config, session, &timing);
      loaded = timing.finished - timing.started;
      painted = timing.painted - timing.started;
      if (session <= TIMED_SESSIONS)
        {
          g_array_append_val (to_loaded, loaded);
          g_array_append_val (to_painted, painted);
        }
    }
  print_times ("Start tapped -> form page loaded (FINISHED)", to_loaded);
  print_times ("Start tapped -> first frame after loading", to_painted);

  kp_ui_test_close_window (window);
  g_object_unref (speaker);
  g_object_unref (outbox);
  g_object_unref (store);
  g_object_unref (config);
  kp_test_http_server_stop (site);
  kp_test_remove_tree (tmp);
  return 0;
}
