/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-countdown.h"
#include "kp-forms-page.h"
#include "kp-keyboard.h"
#include "kp-outbox.h"
#include "kp-store.h"
#include "kp-test-http-server.h"
#include "kp-test-kiosk.h"
#include "kp-topic.h"
#include "kp-ui-test-helpers.h"
#include "kp-web-form-page.h"
#include "kp-web-test-helpers.h"

#include <signal.h>
#include <webkit/webkit.h>

/*
 * The web form page against a local test site: "inside" is 127.0.0.1 and
 * localhost (on the allow-list, plain http through the loopback test
 * switch), "outside" is a server on 127.0.0.2 that must never be reached.
 * A second inside port speaks https with a certificate nobody trusts.
 */

#define WAIT_MS 10000
/* The kernel's name for WebKit's web process (it keeps 15 characters). */
#define WEB_PROCESS "WebKitWebProces"
/* How long a page that should stay put gets to try to leave. */
#define SETTLE_MS 1200

/* Self-signed for localhost and 127.0.0.1: trusted by no one, unless a test says so for one host. */
static const char certificate_pem[]
    = "-----BEGIN CERTIFICATE-----\n"
      "MIIBmzCCAUGgAwIBAgIUY0q1NpymV52QcLIUNPxiVWaUu0gwCgYIKoZIzj0EAwIw\n"
      "FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyNzE3NDIyMloYDzIxMjYxMTAz\n"
      "MTc0MjIyWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO\n"
      "PQMBBwNCAASEW0OZaRyH9F4oGN2toTP/OD1ykQfTjBVOVc9UG7gqwpUZ5Vd/HQis\n"
      "qVCJi10Tnsrpfdui4PjFjdCCS6MoWgcRo28wbTAdBgNVHQ4EFgQUv8sj/IXiqZGH\n"
      "Eo8tm4G2cdy7zLswHwYDVR0jBBgwFoAUv8sj/IXiqZGHEo8tm4G2cdy7zLswDwYD\n"
      "VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI\n"
      "zj0EAwIDSAAwRQIgIRli3okW1I+lak4UmcYSk8IpP+Qofh7SSq/yEk80sH0CIQCJ\n"
      "ipwXw/NaWsvb7vHOnX+foe5nDl3wbRA31tLFk4Tz3A==\n"
      "-----END CERTIFICATE-----\n"
      "-----BEGIN PRIVATE KEY-----\n"
      "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgDQyg/SqimUxdx/cE\n"
      "vP+O0sklc7bA8Q/bdKrML5yOuLKhRANCAASEW0OZaRyH9F4oGN2toTP/OD1ykQfT\n"
      "jBVOVc9UG7gqwpUZ5Vd/HQisqVCJi10Tnsrpfdui4PjFjdCCS6MoWgcR\n"
      "-----END PRIVATE KEY-----\n";

#define FORM_BODY                                                                                  \
  "<html lang=\"en\"><body><main><h1>Apply for a parking permit</h1>"                              \
  "<p>Fill in your licence plate.</p><input id=\"plate\" "                                         \
  "aria-label=\"plate\"></main></body></html>"

/* The test site's pages; "OUT" in a page is the outside server's base address. */
static const struct
{
  const char *path;
  const char *body;
} pages[] = {
  { "/form", FORM_BODY },
  { "/start", FORM_BODY },
  { "/link", "<a id=a href=\"OUT/link\">x</a><script>a.click()</script>" },
  { "/meta", "<meta http-equiv=\"refresh\" content=\"0;url=OUT/meta\">" },
  { "/post", "<form id=f method=post action=\"OUT/post\"><input name=q value=1></form>"
             "<script>f.submit()</script>" },
  { "/script", "<script>location.href = 'OUT/script'</script>" },
  { "/open", "<script>window.open('OUT/open')</script>" },
  { "/blank", "<a id=a target=_blank href=\"OUT/blank\">x</a><script>a.click()</script>" },
  { "/blank-inside", "<a id=a target=_blank href=\"/form\">x</a><script>a.click()</script>" },
  { "/iframe", "<p>A page with a frame</p><iframe src=\"OUT/iframe\"></iframe>" },
  { "/data", "<script>location.href = 'data:text/html,<h1>elsewhere</h1>'</script>" },
  { "/blob", "<script>location.href = URL.createObjectURL(new Blob(['<h1>elsewhere</h1>'], "
             "{ type: 'text/html' }))</script>" },
  { "/file", "<script>location.href = 'file:///etc/hostname'</script>" },
  { "/javascript",
    "<a id=a href=\"javascript:location.href='OUT/javascript'\">x</a><script>a.click()</script>" },
  { "/exe", "<script>location.href = '/files/setup.exe'</script>" },
  { "/zip", "<a id=a download href=\"/files/forms.zip\">x</a><script>a.click()</script>" },
  { "/pdf", "<script>location.href = '/files/report.pdf'</script>" },
  { "/geolocation",
    "<script>navigator.geolocation.getCurrentPosition(() => document.title = 'granted', "
    "() => document.title = 'refused')</script>" },
  { "/notification",
    "<script>try { Notification.requestPermission().then(p => document.title = "
    "p == 'granted' ? 'granted' : 'refused') } catch (e) { document.title = 'refused' }</script>" },
  { "/camera",
    "<script>(navigator.mediaDevices ? navigator.mediaDevices.getUserMedia({ video: true }) : "
    "Promise.reject()).then(() => document.title = 'granted', () => document.title = "
    "'refused')</script>" },
  { "/clipboard",
    "<script>(navigator.clipboard ? navigator.clipboard.readText() : Promise.reject()).then("
    "() => document.title = 'granted', () => document.title = 'refused')</script>" },
  { "/file-input", "<input type=file id=f><script>f.click()</script>" },
  { "/tap-file", "<label style=\"position:fixed;inset:0\">Add a photo <input type=file></label>" },
  { "/tap-popup", "<button style=\"position:fixed;inset:0\" onclick=\"window.open('/form')\">"
                  "Open</button>" },
  { "/tap-popup-outside", "<button style=\"position:fixed;inset:0\" "
                          "onclick=\"window.open('OUT/popup')\">Open</button>" },
  { "/print", "<p>Print me</p><script>window.print()</script>" },
  { "/fullscreen",
    "<p>Full screen</p><script>var e = document.documentElement; (e.requestFullscreen || "
    "e.webkitRequestFullscreen || function () {}).call(e)</script>" },
  { "/alert", "<script>alert('Your form ends in 5 minutes')</script>" },
  { "/fields",
    "<style>input { display: block; width: 90%; height: 120px; margin: 20px; font-size: 40px }"
    "</style><form method=post action=/form><input id=email type=email aria-label=e-mail>"
    "<input id=number type=number aria-label=number>"
    "<input id=password type=password aria-label=password></form>" },
  { "/beforeunload", "<script>onbeforeunload = e => { e.preventDefault(); return 'Stay here' };"
                     "setTimeout(() => location.href = '/form', 300)</script>" },
  { "/context-menu", "<p style=\"font-size:80px\">Hold here</p>"
                     "<script>oncontextmenu = () => document.title = 'menu asked'</script>" },
  { "/read", "<html lang=\"en\"><body><nav>Skip to content</nav><main><h1>Parking permit</h1>"
             "<p>Fill in your licence plate.</p></main></body></html>" },
  { "/lees", "<html><body><main><p>Vul uw kenteken in.</p></main></body></html>" },
};

typedef enum
{
  EXPECT_REFUSED,   /* "This page cannot be opened here" */
  EXPECT_DOWNLOAD,  /* "Files are not saved here" */
  EXPECT_NOT_A_PDF, /* "This file cannot be opened here": a download that only claims to be a PDF */
  EXPECT_FILE,      /* "You cannot add a file here" */
  EXPECT_TLS,       /* "This page is not safe" */
  EXPECT_DENIED,    /* the page's own report: its request was refused */
  EXPECT_STAYS,     /* still on the same page, nothing over it */
  EXPECT_LANDS_FORM, /* went on to /form, inside */
  EXPECT_QUESTION,   /* the page's alert, in the kiosk's style over the page */
  EXPECT_PRINTED,    /* the kiosk's own print path took it: no dialog, a PDF in its folder */
  EXPECT_NOTHING,    /* nothing happens: no notice, no dialog, no window */
  EXPECT_NO_MENU,    /* the page saw the right-click, and no menu opened */
} Expect;

/* The escape matrix: one attempt per row, a new case is one line. */
static const struct
{
  const char *path; /* on the inside site; "tls:" + path on the untrusted https port */
  Expect expect;
  /* A real click in the middle of the page, xdotool's button: "1" a tap, "3" a right-click. */
  const char *click;
} escapes[] = {
  { "/link", EXPECT_REFUSED },
  { "/redirect", EXPECT_REFUSED },
  { "/meta", EXPECT_REFUSED },
  { "/post", EXPECT_REFUSED },
  { "/script", EXPECT_REFUSED },
  { "/open", EXPECT_STAYS }, /* no tap: dropped, as a pop-up blocker would */
  { "/blank", EXPECT_REFUSED },
  { "/blank-inside", EXPECT_LANDS_FORM },
  { "/iframe", EXPECT_STAYS }, /* the frame is blocked without a word; the form stays */
  { "/data", EXPECT_REFUSED },
  { "/blob", EXPECT_REFUSED },
  { "/file", EXPECT_STAYS }, /* WebKit itself never lets a web page open a file: address */
  { "/javascript", EXPECT_REFUSED },
  { "/exe", EXPECT_DOWNLOAD },
  { "/zip", EXPECT_DOWNLOAD },
  { "/pdf", EXPECT_NOT_A_PDF },
  { "/geolocation", EXPECT_DENIED },
  { "/notification", EXPECT_DENIED },
  { "/camera", EXPECT_DENIED },
  { "/clipboard", EXPECT_DENIED },
  { "/file-input", EXPECT_STAYS }, /* without a real tap WebKit opens nothing */
  { "/tap-file", EXPECT_FILE, "1" },
  { "/tap-popup-outside", EXPECT_REFUSED, "1" }, /* a tap that finds nothing must say why */
  { "/tap-popup", EXPECT_LANDS_FORM, "1" },      /* an allowed pop-up opens in the same view */
  { "/auth", EXPECT_NOTHING }, /* cancelled: no password box, the form stays where it was */
  { "/fullscreen", EXPECT_STAYS },
  { "/alert", EXPECT_QUESTION },
  { "/beforeunload", EXPECT_LANDS_FORM },
  { "tls:/form", EXPECT_TLS },
  { "/print", EXPECT_PRINTED }, /* no printer configured: the kiosk's PDF folder */
  { "/context-menu", EXPECT_NO_MENU, "3" },
};

/* Shortcuts sent to the window, as a keyboard would: none may leave the form. */
static const struct
{
  const char *keys; /* xdotool's names */
  const char *path; /* where the view is afterwards */
} shortcuts[] = {
  { "ctrl+l", "/form" }, { "ctrl+o", "/form" },    { "ctrl+s", "/form" },
  { "ctrl+p", "/form" }, { "ctrl+n", "/form" },    { "ctrl+t", "/form" },
  { "ctrl+w", "/form" }, { "ctrl+q", "/form" },    { "F5", "/form" },
  { "F11", "/form" },    { "F12", "/form" },       { "ctrl+shift+i", "/form" },
  { "alt+F4", "/form" }, { "alt+Left", "/start" }, /* the kiosk's Back, within the form */
};

/* Every message this test process logged, one a line: nothing a resident typed may be in it. */
static GString *logged;

static GLogWriterOutput
record_log (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
        g_string_append_printf (logged, "%s\n", (const char *) fields[i].value);
    }
  return g_log_writer_default (level, fields, n_fields, user_data);
}

typedef struct
{
  const char *home;
  char *outside_base;
  gint outside_hits;
  gint cached_hits;
  gint cookies_seen;   /* requests for /recall that carried a cookie */
  gint https_requests; /* requests that came through a TLS handshake */
  SoupServer *outside;
  KpTestHttpServer *site;
  KpTestHttpServer *tls_site;
  GTlsCertificate *certificate;
  KpConfig *config;
  KpSpeaker *speaker;
  GtkWindow *window;
  KpWebFormPage *page;
  /* The kiosk tests: the real window, with the form as one of its tiles. */
  KpStore *store;
  KpOutbox *outbox;
  KpWindow *kiosk;
} Fixture;

static void
respond_html (SoupServerMessage *message, guint status, const char *html)
{
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "text/html", SOUP_MEMORY_COPY, html, strlen (html));
}

static void
respond_file (SoupServerMessage *message, const char *mime_type, const char *name)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  g_autofree char *disposition = g_strdup_printf ("attachment; filename=\"%s\"", name);

  if (!g_str_has_suffix (name, ".pdf"))
    soup_message_headers_replace (headers, "Content-Disposition", disposition);
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, mime_type, SOUP_MEMORY_STATIC, "MZ-not-a-program", 16);
}

static const char remember_page[]
    = "<script>"
      "document.cookie = 'script=kept; max-age=3600';"
      "localStorage.setItem('local', 'kept');"
      "sessionStorage.setItem('session', 'kept');"
      "var open = indexedDB.open('kept', 1);"
      "open.onupgradeneeded = () => open.result.createObjectStore('s');"
      "open.onsuccess = () => Promise.all(["
      "  navigator.serviceWorker.register('/sw.js').then(r => navigator.serviceWorker.ready),"
      "  caches.open('kept').then(c => c.put('/cached-by-script', new Response('kept'))),"
      "  fetch('/cached')"
      "]).then(() => document.title = 'stored', e => document.title = 'failed ' + e);"
      "</script>";

/* What the page can still find, as a title the test reads: "cookie,local,…". */
static const char recall_page[]
    = "<script>"
      "var found = [];"
      "if (document.cookie.indexOf('kept') >= 0) found.push('cookie');"
      "if (localStorage.getItem('local')) found.push('local');"
      "if (sessionStorage.getItem('session')) found.push('session');"
      "Promise.all(["
      "  indexedDB.databases().then(d => { if (d.length) found.push('indexeddb') }),"
      "  navigator.serviceWorker.getRegistrations().then(r => { if (r.length) "
      "found.push('service-worker') }),"
      "  caches.keys().then(k => { if (k.length) found.push('cache-storage') }),"
      "  fetch('/cached')"
      "]).then(() => document.title = 'recalled:' + found.sort().join(','), e => document.title = "
      "'failed ' + e);"
      "</script>";

static void
serve_special (Fixture *fixture, SoupServerMessage *message, const char *path)
{
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (message);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);

  if (g_str_equal (path, "/redirect"))
    {
      g_autofree char *target = g_strconcat (fixture->outside_base, "/redirect", NULL);

      soup_server_message_set_redirect (message, 302, target);
    }
  else if (g_str_equal (path, "/auth"))
    {
      soup_message_headers_replace (headers, "WWW-Authenticate", "Basic realm=\"staff\"");
      respond_html (message, 401, "<p>Locked</p>");
    }
  else if (g_str_equal (path, "/files/setup.exe"))
    respond_file (message, "application/x-msdownload", "setup.exe");
  else if (g_str_equal (path, "/files/forms.zip"))
    respond_file (message, "application/zip", "forms.zip");
  else if (g_str_equal (path, "/files/report.pdf"))
    respond_file (message, "application/pdf", "report.pdf");
  else if (g_str_equal (path, "/remember"))
    {
      soup_message_headers_replace (headers, "Set-Cookie", "server=kept; Max-Age=3600; Path=/");
      respond_html (message, 200, remember_page);
    }
  else if (g_str_equal (path, "/recall"))
    {
      if (soup_message_headers_get_one (request_headers, "Cookie") != NULL)
        g_atomic_int_inc (&fixture->cookies_seen);
      respond_html (message, 200, recall_page);
    }
  else if (g_str_equal (path, "/cached"))
    {
      g_atomic_int_inc (&fixture->cached_hits);
      soup_message_headers_replace (headers, "Cache-Control", "max-age=3600");
      respond_html (message, 200, "kept");
    }
  else if (g_str_equal (path, "/sw.js"))
    {
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "text/javascript", SOUP_MEMORY_STATIC,
                                        "self.onfetch = () => {};", 24);
    }
  else
    respond_html (message, 404, "<p>Not here</p>");
}

/* Runs in the site's own thread; reads only what the fixture set before it started. */
static void
serve_site (SoupServer *server,
            SoupServerMessage *message,
            const char *path,
            GHashTable *query,
            gpointer user_data)
{
  Fixture *fixture = user_data;

  if (g_str_equal (g_uri_get_scheme (soup_server_message_get_uri (message)), "https"))
    g_atomic_int_inc (&fixture->https_requests);
  for (gsize i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      if (g_str_equal (path, pages[i].path))
        {
          g_auto (GStrv) parts = g_strsplit (pages[i].body, "OUT", -1);
          g_autofree char *html = g_strjoinv (fixture->outside_base, parts);

          respond_html (message, 200, html);
          return;
        }
    }
  serve_special (fixture, message, path);
}

static void
serve_outside (SoupServer *server,
               SoupServerMessage *message,
               const char *path,
               GHashTable *query,
               gpointer user_data)
{
  Fixture *fixture = user_data;

  g_atomic_int_inc (&fixture->outside_hits);
  respond_html (message, 200, "<h1>You left the kiosk's forms</h1>");
}

/* The outside host: a second loopback address, on this thread's main loop. */
static void
start_outside (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GInetAddress) address = g_inet_address_new_from_string ("127.0.0.2");
  g_autoptr (GSocketAddress) any_port = g_inet_socket_address_new (address, 0);
  g_autoptr (GSList) uris = NULL;

  fixture->outside = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->outside, NULL, serve_outside, fixture, NULL);
  g_assert_true (soup_server_listen (fixture->outside, any_port, 0, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->outside);
  fixture->outside_base = g_strdup_printf ("http://127.0.0.2:%d", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
}

/* @extra: more configuration, such as a form and its times. */
static KpConfig *
make_config (const char *extra)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data_dir = kp_test_make_tmpdir ("data");
  g_autofree char *text = g_strdup_printf ("[storage]\ndata-dir=%s\n"
                                           "[web-forms]\nallowed-hosts=127.0.0.1;localhost\n"
                                           "allow-loopback-http=true\n%s",
                                           data_dir, extra);
  KpConfig *config = kp_config_new_from_data (text, &error);

  g_assert_no_error (error);
  return config;
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->home = data;
  start_outside (fixture);
  fixture->certificate = g_tls_certificate_new_from_pem (certificate_pem, -1, &error);
  g_assert_no_error (error);
  fixture->site = kp_test_http_server_start (serve_site, fixture);
  fixture->tls_site = kp_test_http_server_start_tls (serve_site, fixture, fixture->certificate);
  fixture->config = make_config ("");
  fixture->speaker = kp_speaker_new ();
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  if (fixture->window != NULL)
    {
      gtk_window_destroy (fixture->window);
      kp_ui_test_spin (200);
      g_assert_finalize_object (fixture->page);
    }
  g_clear_object (&fixture->speaker);
  g_clear_object (&fixture->config);
  kp_test_http_server_stop (fixture->tls_site);
  kp_test_http_server_stop (fixture->site);
  g_clear_object (&fixture->certificate);
  soup_server_disconnect (fixture->outside);
  g_clear_object (&fixture->outside);
  g_clear_pointer (&fixture->outside_base, g_free);
}

static char *
site_url (Fixture *fixture, const char *path)
{
  if (g_str_has_prefix (path, "tls:"))
    return g_strconcat (kp_test_http_server_get_base (fixture->tls_site), path + 4, NULL);
  return g_strconcat (kp_test_http_server_get_base (fixture->site), path, NULL);
}

static WebKitWebView *
find_view (Fixture *fixture)
{
  return kp_web_test_find_view (GTK_WIDGET (fixture->page));
}

static void
wait_until_at (Fixture *fixture, const char *path)
{
  kp_web_test_wait_until_at (GTK_WIDGET (fixture->page), path, WAIT_MS);
}

/* A kiosk-sized full-screen window with the form, loaded at @path. */
static void
open_form (Fixture *fixture, const char *path)
{
  g_autofree char *url = site_url (fixture, path);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1920, 1080);
  gtk_window_fullscreen (fixture->window);
  fixture->page = KP_WEB_FORM_PAGE (
      g_object_ref (kp_web_form_page_new (fixture->config, fixture->speaker, "parking", url)));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);
  wait_until_at (fixture, path);
}

static void
load (Fixture *fixture, const char *path)
{
  g_autofree char *url = site_url (fixture, path);

  webkit_web_view_load_uri (find_view (fixture), url);
}

static const char *
document_title (Fixture *fixture)
{
  WebKitWebView *view = find_view (fixture);

  return view != NULL ? webkit_web_view_get_title (view) : NULL;
}

static gboolean
title_starts_with (gpointer user_data)
{
  gpointer *args = user_data;

  return g_str_has_prefix (document_title (args[0]) != NULL ? document_title (args[0]) : "",
                           args[1]);
}

static void
wait_for_title (Fixture *fixture, const char *prefix)
{
  gpointer args[] = { fixture, (gpointer) prefix };

  if (!kp_ui_test_wait_until (title_starts_with, args, WAIT_MS))
    g_error ("The page's title is “%s”, not “%s…”", document_title (fixture), prefix);
}

static guint
count_toplevels (void)
{
  return g_list_model_get_n_items (gtk_window_get_toplevels ());
}

/* Every file below @folder, one path a line, sorted. (transfer full) */
static void
list_files (const char *folder, GPtrArray *paths)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR | G_FILE_TEST_IS_SYMLINK)
          && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        list_files (path, paths);
      else
        g_ptr_array_add (paths, g_steal_pointer (&path));
    }
}

/*
 * GTK's list of recent files, which its print-to-file writes even when
 * recent files are switched off: harmless while it names no file.
 */
static gboolean
is_empty_recent_list (const char *path)
{
  g_autofree char *contents = NULL;

  return g_str_has_suffix (path, "/recently-used.xbel")
         && g_file_get_contents (path, &contents, NULL, NULL)
         && strstr (contents, "<bookmark ") == NULL;
}

/*
 * Files that hold nothing of a visitor: WebKit's sandbox writes one
 * bwrapinfo.json per process it starts, the accessibility bus has its
 * sockets, GStreamer lists its plugins once when WebKit first asks which
 * file types it can show, and an empty list of recent files. On a kiosk
 * they are on tmpfs (kernpunt-kiosk.service).
 */
static gboolean
is_bookkeeping (const char *path)
{
  const char *const parts[]
      = { "/.cache/.flatpak/", "/.cache/at-spi/", "/.cache/webkitgtk/", "/.cache/gstreamer-1.0/" };

  for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (strstr (path, parts[i]) != NULL)
        return TRUE;
    }
  return is_empty_recent_list (path);
}

static int
compare_paths (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static char *
dup_file_list (const char *folder)
{
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  list_files (folder, paths);
  for (guint i = paths->len; i > 0; i--)
    {
      if (is_bookkeeping (g_ptr_array_index (paths, i - 1)))
        g_ptr_array_remove_index (paths, i - 1);
    }
  g_ptr_array_sort (paths, compare_paths);
  g_ptr_array_add (paths, NULL);
  return g_strjoinv ("\n", (char **) paths->pdata);
}

/* Whether a popover (a menu, a list to pick from) is open below @root. */
static gboolean
shows_popover (GtkWidget *root)
{
  g_autoptr (GPtrArray) popovers = kp_ui_test_find_all (root, GTK_TYPE_POPOVER);

  for (guint i = 0; i < popovers->len; i++)
    {
      if (gtk_widget_get_mapped (g_ptr_array_index (popovers, i)))
        return TRUE;
    }
  return FALSE;
}

/*
 * What every row asserts besides its own outcome: nothing reached outside,
 * no window, no menu, full screen.
 */
static void
assert_still_contained (Fixture *fixture, const char *row)
{
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (fixture->page)));

  g_test_message ("row %s: outside hits %d", row, g_atomic_int_get (&fixture->outside_hits));
  g_assert_cmpint (g_atomic_int_get (&fixture->outside_hits), ==, 0);
  g_assert_cmpuint (count_toplevels (), ==, 1);
  g_assert_false (shows_popover (GTK_WIDGET (window)));
  /* Without a window manager on the virtual screen, full screen shows as the screen's width. */
  g_assert_true (gtk_window_is_fullscreen (window)
                 || gtk_widget_get_width (GTK_WIDGET (window)) >= 1900);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->page)));
}

static const char *
expected_notice (Expect expect)
{
  switch (expect)
    {
      case EXPECT_REFUSED:
        return kp_ui_test_tr ("This page cannot be opened here");
      case EXPECT_DOWNLOAD:
        return kp_ui_test_tr ("Files are not saved here");
      case EXPECT_NOT_A_PDF:
        return kp_ui_test_tr ("This file cannot be opened here");
      case EXPECT_FILE:
        return kp_ui_test_tr ("You cannot add a file here");
      case EXPECT_TLS:
        return kp_ui_test_tr ("This page is not safe");
      default:
        return NULL;
    }
}

/* The notice of a page that failed to load for another reason than the kiosk's rules. */
static const char *
failed_notice (void)
{
  return kp_ui_test_tr ("This page does not open right now");
}

static gboolean
tls_refusal_shown (gpointer user_data)
{
  Fixture *fixture = user_data;

  return kp_ui_test_shows (GTK_WIDGET (fixture->page), expected_notice (EXPECT_TLS))
         || kp_ui_test_shows (GTK_WIDGET (fixture->page), failed_notice ());
}

/*
 * A certificate nobody trusts: WebKit 2.50 mostly reports it as such
 * ("This page is not safe"), but now and then as a cancelled load ("This
 * page does not open right now"). Either way the kiosk refuses it with no
 * way past, and what matters most is checked too: no request went
 * through the handshake, so nothing a resident typed could reach it.
 */
static void
wait_for_tls_refusal (Fixture *fixture)
{
  if (!kp_ui_test_wait_until (tls_refusal_shown, fixture, WAIT_MS))
    {
      g_autofree char *shown = kp_ui_test_shown_text (GTK_WIDGET (fixture->page));

      g_error ("The untrusted certificate was not refused; the screen shows:\n%s", shown);
    }
  g_test_message ("certificate refused as %s",
                  kp_ui_test_shows (GTK_WIDGET (fixture->page), expected_notice (EXPECT_TLS))
                      ? "not safe"
                      : "not opened");
  g_assert_cmpint (g_atomic_int_get (&fixture->https_requests), ==, 0);
}

static gboolean
any_notice_shown (Fixture *fixture)
{
  const Expect notices[]
      = { EXPECT_REFUSED, EXPECT_DOWNLOAD, EXPECT_NOT_A_PDF, EXPECT_FILE, EXPECT_TLS };

  for (gsize i = 0; i < G_N_ELEMENTS (notices); i++)
    {
      if (kp_ui_test_shows (GTK_WIDGET (fixture->page), expected_notice (notices[i])))
        return TRUE;
    }
  return kp_ui_test_shows (GTK_WIDGET (fixture->page), failed_notice ());
}

/* @files with the PDF a print without a printer leaves in the kiosk's folder. (transfer full) */
static char *
add_printed_file (Fixture *fixture, char *files)
{
  g_autofree char *folder = kp_config_dup_slip_folder (fixture->config);
  g_autofree char *printed = dup_file_list (folder);
  g_autofree char *listed = g_strconcat (files, "\n", printed, NULL);
  g_auto (GStrv) lines = g_strsplit (listed, "\n", -1);
  g_autoptr (GPtrArray) paths = g_ptr_array_new ();

  g_free (files);
  g_assert_true (g_str_has_suffix (printed, ".pdf") && strchr (printed, '\n') == NULL);
  for (gsize i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      g_ptr_array_add (paths, lines[i]);
  g_ptr_array_sort (paths, compare_paths);
  g_ptr_array_add (paths, NULL);
  return g_strjoinv ("\n", (char **) paths->pdata);
}

/* A print without a printer: the kiosk's print path has put a PDF in its folder. */
static gboolean
has_printed_file (gpointer user_data)
{
  Fixture *fixture = user_data;
  g_autofree char *folder = kp_config_dup_slip_folder (fixture->config);
  g_autofree char *printed = dup_file_list (folder);

  return g_str_has_suffix (printed, ".pdf");
}

/* Moves the virtual screen's pointer to @x, @y (screen pixels) and runs xdotool's @action there. */
static void
xdotool_at (double x, double y, const char *action, const char *argument)
{
  g_autofree char *x_text = g_strdup_printf ("%d", (int) x);
  g_autofree char *y_text = g_strdup_printf ("%d", (int) y);
  const char *argv[] = { "xdotool", "mousemove", x_text, y_text, action, argument, NULL };
  g_auto (KpTestRun) run = { 0 };

  kp_test_run_argv (&run, argv);
  g_assert_cmpint (run.status, ==, 0);
  kp_ui_test_spin (400);
}

/* xdotool's @action with the pointer over the middle of the form. */
static void
run_xdotool (const char *action, const char *argument)
{
  xdotool_at (960, 700, action, argument);
}

static void
run_escape (Fixture *fixture, const char *path, Expect expect, const char *click)
{
  const char *notice = expected_notice (expect);
  const char *page_path = g_str_has_prefix (path, "tls:") ? path + 4 : path;
  g_autofree char *files_before = dup_file_list (fixture->home);
  g_autofree char *files_after = NULL;

  g_test_message ("escape %s", path);
  load (fixture, path);
  if (click != NULL)
    {
      wait_until_at (fixture, page_path);
      run_xdotool ("click", click);
    }
  if (expect == EXPECT_TLS)
    wait_for_tls_refusal (fixture);
  else if (notice != NULL)
    kp_ui_test_wait_for_text (GTK_WIDGET (fixture->page), notice, WAIT_MS);
  else if (expect == EXPECT_DENIED)
    wait_for_title (fixture, "refused");
  else if (expect == EXPECT_LANDS_FORM)
    wait_until_at (fixture, "/form");
  else if (expect == EXPECT_QUESTION)
    kp_ui_test_wait_for_text (GTK_WIDGET (fixture->page), "Your form ends in 5 minutes", WAIT_MS);
  else if (expect == EXPECT_PRINTED)
    g_assert_true (kp_ui_test_wait_until (has_printed_file, fixture, WAIT_MS));
  else if (expect == EXPECT_NO_MENU)
    wait_for_title (fixture, "menu asked");
  else if (expect != EXPECT_NOTHING)
    wait_until_at (fixture, page_path);
  kp_ui_test_spin (SETTLE_MS);
  if (expect == EXPECT_NOTHING)
    g_assert_false (any_notice_shown (fixture));

  if (expect == EXPECT_STAYS || expect == EXPECT_DENIED || expect == EXPECT_NO_MENU)
    {
      g_assert_true (g_str_has_suffix (webkit_web_view_get_uri (find_view (fixture)), page_path));
      g_assert_false (any_notice_shown (fixture));
    }
  if (expect == EXPECT_DENIED)
    g_assert_cmpstr (document_title (fixture), ==, "refused");
  assert_still_contained (fixture, path);

  /* The kiosk's Back (or OK) closes what it showed; the form is still there behind it. */
  if (notice != NULL)
    kp_ui_test_press (GTK_WIDGET (fixture->page),
                      kp_ui_test_tr (expect == EXPECT_NOT_A_PDF ? "Close" : "Back"));
  if (expect == EXPECT_QUESTION)
    kp_ui_test_press (GTK_WIDGET (fixture->page), kp_ui_test_tr ("OK"));
  if (expect == EXPECT_PRINTED)
    kp_ui_test_press (GTK_WIDGET (fixture->page), kp_ui_test_tr ("Close"));
  g_assert_false (any_notice_shown (fixture));

  /*
   * Nothing was downloaded or left behind, anywhere the kiosk can write;
   * a print without a printer is the one PDF in the kiosk's own folder.
   */
  if (expect == EXPECT_PRINTED)
    files_before = add_printed_file (fixture, g_steal_pointer (&files_before));
  files_after = dup_file_list (fixture->home);
  g_assert_cmpstr (files_after, ==, files_before);
}

static void
test_escape_matrix (Fixture *fixture, gconstpointer data)
{
  open_form (fixture, "/form");
  for (gsize i = 0; i < G_N_ELEMENTS (escapes); i++)
    run_escape (fixture, escapes[i].path, escapes[i].expect, escapes[i].click);

  /* The check bites: the same kind of link to an inside page is followed. */
  load (fixture, "/blank-inside");
  wait_until_at (fixture, "/form");
}

static void
test_blocked_screenshot (Fixture *fixture, gconstpointer data)
{
  open_form (fixture, "/form");
  load (fixture, "/link");
  kp_ui_test_wait_for_text (GTK_WIDGET (fixture->page),
                            kp_ui_test_tr ("This page cannot be opened here"), WAIT_MS);
  kp_ui_test_screenshot (GTK_WIDGET (fixture->window), "web-form-blocked");
  g_assert_cmpint (g_atomic_int_get (&fixture->outside_hits), ==, 0);
}

/*
 * The bar names the host, and says a connection is safe only when its
 * certificate is: plain http is not, and neither is https with a
 * certificate the kiosk was told to let through (only a test can do that).
 * A trusted certificate cannot be made on a test machine, so the safe
 * padlock itself is not shown here.
 */
static void
test_address_bar (Fixture *fixture, gconstpointer data)
{
  g_autofree char *url
      = g_strdup_printf ("https://localhost:%s/form",
                         strrchr (kp_test_http_server_get_base (fixture->tls_site), ':') + 1);

  open_form (fixture, "/form");
  g_assert_true (kp_ui_test_shows (GTK_WIDGET (fixture->page), "127.0.0.1"));
  g_assert_true (
      kp_ui_test_shows (GTK_WIDGET (fixture->page), kp_ui_test_tr ("Not a safe connection")));
  kp_ui_test_spin (500);
  kp_ui_test_screenshot (GTK_WIDGET (fixture->window), "web-form");

  webkit_network_session_allow_tls_certificate_for_host (
      webkit_web_view_get_network_session (find_view (fixture)), fixture->certificate, "localhost");
  webkit_web_view_load_uri (find_view (fixture), url);
  kp_ui_test_wait_for_text (GTK_WIDGET (fixture->page), "localhost", WAIT_MS);
  /* The matrix's count of requests through a handshake sees this one. */
  g_assert_cmpint (g_atomic_int_get (&fixture->https_requests), >=, 1);
  g_assert_true (
      kp_ui_test_shows (GTK_WIDGET (fixture->page), kp_ui_test_tr ("Not a safe connection")));
  g_assert_false (kp_ui_test_shows (GTK_WIDGET (fixture->page), kp_ui_test_tr ("Safe connection")));
}

/* Press @keys on the virtual screen's keyboard, and give the page time to act on them. */
static void
send_keys (const char *keys)
{
  kp_ui_test_send_key (keys);
  kp_ui_test_spin (400);
}

static void
test_shortcuts (Fixture *fixture, gconstpointer data)
{
  WebKitWebView *view;

  open_form (fixture, "/start");
  load (fixture, "/form");
  wait_until_at (fixture, "/form");
  view = find_view (fixture);
  webkit_web_view_evaluate_javascript (view, "document.getElementById('plate').focus()", -1, NULL,
                                       NULL, NULL, NULL, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  kp_ui_test_spin (300);

  /* The keys reach the page: a letter is typed into its field. */
  send_keys ("x");
  webkit_web_view_evaluate_javascript (view,
                                       "document.title = document.getElementById('plate').value",
                                       -1, NULL, NULL, NULL, NULL, NULL);
  wait_for_title (fixture, "x");

  for (gsize i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    {
      g_test_message ("shortcut %s", shortcuts[i].keys);
      send_keys (shortcuts[i].keys);
      wait_until_at (fixture, shortcuts[i].path);
      assert_still_contained (fixture, shortcuts[i].keys);
      g_assert_false (any_notice_shown (fixture));
    }
}

static gboolean
no_web_process_left (gpointer user_data)
{
  g_autoptr (GArray) processes = kp_web_test_find_descendants (WEB_PROCESS);

  return processes->len == 0;
}

static char *
recall (Fixture *fixture)
{
  gpointer args[] = { fixture, "recalled:" };

  load (fixture, "/recall");
  g_assert_true (kp_ui_test_wait_until (title_starts_with, args, WAIT_MS));
  return g_strdup (document_title (fixture) + strlen ("recalled:"));
}

/*
 * What one visitor's form stored, the next visitor's form cannot find:
 * cookies, storage, IndexedDB, a service worker, Cache Storage, the HTTP
 * cache; and no file of it stays in the kiosk's HOME, XDG or temporary folders.
 */
static void
test_forgetting (Fixture *fixture, gconstpointer data)
{
  g_autofree char *files_before = dup_file_list (fixture->home);
  g_autofree char *files_after = NULL;
  g_autofree char *session_folder = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gint cached_before;

  open_form (fixture, "/form");
  /* The check bites: a session has a folder of its own while it lasts. */
  session_folder = g_strdup (kp_web_form_page_get_session_folder (fixture->page));
  g_assert_true (g_file_test (session_folder, G_FILE_TEST_IS_DIR));
  load (fixture, "/remember");
  wait_for_title (fixture, "stored");
  first = recall (fixture);
  /* The check bites: within one session all of it is found, and /cached came from the cache. */
  g_assert_cmpstr (first, ==, "cache-storage,cookie,indexeddb,local,service-worker,session");
  g_assert_cmpint (g_atomic_int_get (&fixture->cookies_seen), ==, 1);
  cached_before = g_atomic_int_get (&fixture->cached_hits);

  /* The resident stops: Home, "Stop and forget this form?", yes. */
  kp_ui_test_press (GTK_WIDGET (fixture->page), kp_ui_test_tr ("Home"));
  kp_ui_test_wait_for_text (GTK_WIDGET (fixture->page),
                            kp_ui_test_tr ("Stop and forget this form?"), WAIT_MS);
  kp_ui_test_press (GTK_WIDGET (fixture->page), kp_ui_test_tr ("Yes, stop"));
  g_assert_false (kp_web_form_page_has_session (fixture->page));
  g_assert_null (find_view (fixture));
  g_assert_true (kp_ui_test_wait_until (no_web_process_left, NULL, WAIT_MS));
  g_assert_null (kp_web_form_page_get_session_folder (fixture->page));
  g_assert_false (g_file_test (session_folder, G_FILE_TEST_EXISTS));

  /* The next visitor opens the form again: a new session. */
  gtk_widget_set_visible (GTK_WIDGET (fixture->page), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (fixture->page), TRUE);
  g_assert_true (kp_web_form_page_has_session (fixture->page));
  wait_until_at (fixture, "/form");
  second = recall (fixture);
  g_assert_cmpstr (second, ==, "");
  g_assert_cmpint (g_atomic_int_get (&fixture->cookies_seen), ==, 1);
  g_assert_cmpint (g_atomic_int_get (&fixture->cached_hits), ==, cached_before + 1);

  gtk_window_destroy (fixture->window);
  fixture->window = NULL;
  kp_ui_test_spin (500);
  g_assert_finalize_object (fixture->page);
  files_after = dup_file_list (fixture->home);
  g_test_message ("files before:\n%s\nfiles after:\n%s", files_before, files_after);
  g_assert_cmpstr (files_after, ==, files_before);
}

/* A sandbox switched off through the environment: the kiosk makes no web view at all. */
static void
test_refuses_without_sandbox (Fixture *fixture, gconstpointer data)
{
  g_autofree char *url = site_url (fixture, "/form");
  GtkWidget *page;

  g_setenv ("WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS", "1", TRUE);
  page = g_object_ref_sink (kp_web_form_page_new (fixture->config, fixture->speaker, "x", url));
  g_unsetenv ("WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS");

  g_assert_false (kp_web_form_page_has_session (KP_WEB_FORM_PAGE (page)));
  g_assert_null (kp_ui_test_find_first (page, WEBKIT_TYPE_WEB_VIEW));
  g_assert_finalize_object (page);
}

/*
 * The UI tests draw without GL (GDK_DEBUG=gl-disable), and WebKit says so
 * once per process, as a warning, when its first view is made: that one
 * is let through here; every later warning stays fatal.
 */
static void
expect_no_gl (void)
{
  GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK);

  g_autoptr (WebKitNetworkSession) session = webkit_network_session_new_ephemeral ();

  g_object_unref (
      g_object_ref_sink (g_object_new (WEBKIT_TYPE_WEB_VIEW, "network-session", session, NULL)));
  g_log_set_always_fatal (fatal);
}

/*
 * The inspector variables were cleared at the start (as main.c does for
 * the kiosk), so the page's process never sees them; a variable the test
 * set itself does reach it, which shows the check can see one.
 */
static void
test_no_inspector (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GArray) processes = NULL;

  open_form (fixture, "/form");
  processes = kp_web_test_find_descendants (WEB_PROCESS);
  g_assert_cmpuint (processes->len, >=, 1);
  for (guint i = 0; i < processes->len; i++)
    {
      g_autofree char *path
          = g_strdup_printf ("/proc/%d/environ", g_array_index (processes, GPid, i));
      g_autofree char *environ_block = NULL;
      gsize length = 0;
      gboolean marker_seen = FALSE;

      g_assert_true (g_file_get_contents (path, &environ_block, &length, NULL));
      for (const char *line = environ_block; line < environ_block + length;
           line += strlen (line) + 1)
        {
          g_assert_false (g_str_has_prefix (line, "WEBKIT_INSPECTOR_"));
          marker_seen = marker_seen || g_str_equal (line, "KERNPUNT_TEST_MARKER=seen");
        }
      g_assert_true (marker_seen);
    }
}

/* Short, so a test sees the countdown and the end of a session. */
#define KIOSK_IDLE_SECONDS      5
#define KIOSK_COUNTDOWN_SECONDS 3

static void
kiosk_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *database = NULL;
  g_autofree char *extra = NULL;

  fixture_set_up (fixture, data);
  extra = g_strdup_printf ("idle-seconds=%d\n[session]\ncountdown-seconds=%d\n"
                           "[form:parking]\ntitle=Parkeervergunning aanvragen\n"
                           "title[en]=Apply for a parking permit\nstart-url=%s/form\nicon=bin\n"
                           "minutes=10\ndigid=true\n",
                           KIOSK_IDLE_SECONDS, KIOSK_COUNTDOWN_SECONDS,
                           kp_test_http_server_get_base (fixture->site));
  g_clear_object (&fixture->config);
  fixture->config = make_config (extra);
  database = kp_config_dup_database_path (fixture->config);
  fixture->store = kp_store_open (database, &error);
  g_assert_no_error (error);
  fixture->outbox = kp_outbox_new (fixture->store);
  fixture->kiosk = kp_ui_test_open_window (fixture->config, fixture->outbox, fixture->speaker);
}

static void
kiosk_tear_down (Fixture *fixture, gconstpointer data)
{
  fixture->page = NULL;
  kp_ui_test_close_window (fixture->kiosk);
  kp_speaker_stop (fixture->speaker);
  g_assert_finalize_object (fixture->outbox);
  g_assert_finalize_object (fixture->store);
  fixture_tear_down (fixture, data);
}

/* As a resident gets there: the forms tile, the form's tile, "Before you start", Start. */
static void
tap_form_tile (Fixture *fixture)
{
  GtkWidget *root = GTK_WIDGET (fixture->kiosk);
  KpEForm *form = g_ptr_array_index (kp_config_get_e_forms (fixture->config), 0);
  g_autofree char *summary = kp_forms_page_dup_form_summary (form);
  g_autofree char *tile = g_strconcat (
      kp_e_form_get_title (form, kp_window_get_language (fixture->kiosk)), " ", summary, NULL);

  kp_ui_test_press (root, kp_ui_test_tr (kp_topic_lookup ("digid-form")->label));
  kp_ui_test_press (root, tile);
  kp_ui_test_press (root, kp_ui_test_tr ("Start the form"));
  g_assert_cmpstr (kp_window_get_page_name (fixture->kiosk), ==, KP_WEB_FORM_PAGE_PREFIX "parking");
  fixture->page = KP_WEB_FORM_PAGE (kp_ui_test_find_first (root, KP_TYPE_WEB_FORM_PAGE));
  wait_until_at (fixture, "/form");
}

/*
 * In the kiosk's window the form has its own bar in place of the kiosk's:
 * Back, Home, the host with its padlock, text size, Read aloud, Help and
 * Done, every one a finger's size; and so has the notice of a refused page.
 */
static void
test_in_kiosk (Fixture *fixture, gconstpointer data)
{
  GtkWidget *root = GTK_WIDGET (fixture->kiosk);

  int minimum_width;

  tap_form_tile (fixture);
  kp_ui_test_wait_for_text (root, "127.0.0.1", WAIT_MS);
  /* The bar fits across the kiosk's screen: nothing is cut off at its right edge. */
  gtk_widget_measure (root, GTK_ORIENTATION_HORIZONTAL, -1, &minimum_width, NULL, NULL, NULL);
  g_assert_cmpint (minimum_width, <=, 1920);
  g_assert_true (kp_ui_test_shows (root, kp_ui_test_tr ("Not a safe connection")));
  g_assert_true (kp_ui_test_shows (root, kp_ui_test_tr ("Help")));
  kp_ui_test_assert_usable (root, fixture->config, "web form");
  kp_ui_test_screenshot (root, "web-form-kiosk");

  load (fixture, "/link");
  kp_ui_test_wait_for_text (root, kp_ui_test_tr ("This page cannot be opened here"), WAIT_MS);
  kp_ui_test_assert_usable (root, fixture->config, "refused page");
  kp_ui_test_screenshot (root, "web-form-kiosk-blocked");
  assert_still_contained (fixture, "/link in the kiosk");
}

static gboolean
countdown_is_shown (gpointer user_data)
{
  Fixture *fixture = user_data;
  GtkWidget *countdown = kp_ui_test_find_first (GTK_WIDGET (fixture->kiosk), KP_TYPE_COUNTDOWN);

  return countdown != NULL && gtk_widget_get_mapped (countdown);
}

static gboolean
session_has_ended (gpointer user_data)
{
  Fixture *fixture = user_data;

  return g_strcmp0 (kp_window_get_page_name (fixture->kiosk), "home") == 0;
}

/* The countdown lies over the form: a touch in the middle of the page lands on it. */
static void
assert_countdown_covers_form (Fixture *fixture)
{
  GtkWidget *root = GTK_WIDGET (fixture->kiosk);
  GtkWidget *countdown = kp_ui_test_find_first (root, KP_TYPE_COUNTDOWN);
  GtkWidget *view = GTK_WIDGET (find_view (fixture));
  graphene_point_t middle;
  GtkWidget *touched;

  g_assert_true (gtk_widget_compute_point (
      view, root,
      &GRAPHENE_POINT_INIT (gtk_widget_get_width (view) / 2.0, gtk_widget_get_height (view) / 2.0),
      &middle));
  touched = gtk_widget_pick (root, middle.x, middle.y, GTK_PICK_DEFAULT);
  g_assert_nonnull (touched);
  g_assert_true (touched == countdown || gtk_widget_is_ancestor (touched, countdown));
}

/*
 * Taps, typing and scrolling in the page keep the session: each comes
 * after most of the form's idle time, and the countdown stays away. Then
 * nothing: the countdown covers the form, and at its end the form, its
 * session and its web process are gone.
 */
static void
test_idle_in_kiosk (Fixture *fixture, gconstpointer data)
{
  const struct
  {
    const char *action;
    const char *argument;
  } inputs[] = { { "click", "1" }, { "key", "x" }, { "click", "5" } }; /* tap, type, scroll */
  GtkWidget *root = GTK_WIDGET (fixture->kiosk);

  tap_form_tile (fixture);
  g_assert_false (no_web_process_left (NULL));
  for (gsize i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_test_message ("input: %s %s", inputs[i].action, inputs[i].argument);
      kp_ui_test_spin (3000);
      run_xdotool (inputs[i].action, inputs[i].argument);
      kp_ui_test_spin (2600);
      /* Six seconds since the last input but this one: only this one kept the session. */
      g_assert_false (countdown_is_shown (fixture));
      g_assert_cmpstr (kp_window_get_page_name (fixture->kiosk), ==,
                       KP_WEB_FORM_PAGE_PREFIX "parking");
    }

  g_assert_true (kp_ui_test_wait_until (countdown_is_shown, fixture, WAIT_MS));
  assert_countdown_covers_form (fixture);
  g_assert_true (kp_ui_test_wait_until (session_has_ended, fixture, WAIT_MS));
  fixture->page = NULL;
  g_assert_null (kp_ui_test_find_first (root, KP_TYPE_WEB_FORM_PAGE));
  g_assert_null (kp_ui_test_find_first (root, WEBKIT_TYPE_WEB_VIEW));
  g_assert_true (kp_ui_test_wait_until (no_web_process_left, NULL, WAIT_MS));
}

/* What @script gives in the page, as a string. (transfer full) */
static char *
run_script (Fixture *fixture, const char *script)
{
  return kp_web_test_run_script (GTK_WIDGET (fixture->page), script, WAIT_MS);
}

/* A page field and the value a test waits for in it. */
typedef struct
{
  Fixture *fixture;
  const char *id;
  const char *value;
} FieldValue;

static gboolean
field_has_value (gpointer user_data)
{
  const FieldValue *wanted = user_data;
  g_autofree char *script = g_strdup_printf ("document.getElementById ('%s').value", wanted->id);
  g_autofree char *value = run_script (wanted->fixture, script);

  return g_strcmp0 (value, wanted->value) == 0;
}

/* A finger on the page's field @id: a real click in its middle on the virtual screen. */
static void
tap_field (Fixture *fixture, const char *id)
{
  g_autofree char *script = g_strdup_printf (
      "var r = document.getElementById ('%s').getBoundingClientRect ();"
      "Math.round (r.left + r.width / 2) + ' ' + Math.round (r.top + r.height / 2)",
      id);
  g_autofree char *middle = run_script (fixture, script);
  g_auto (GStrv) xy = g_strsplit (middle, " ", 2);
  graphene_point_t point;

  g_assert_true (
      gtk_widget_compute_point (GTK_WIDGET (find_view (fixture)), GTK_WIDGET (fixture->kiosk),
                                &GRAPHENE_POINT_INIT (atof (xy[0]), atof (xy[1])), &point));
  xdotool_at (point.x, point.y, "click", "1");
}

static KpKeyboard *
find_keyboard (Fixture *fixture)
{
  return KP_KEYBOARD (kp_ui_test_find_with_css_class (GTK_WIDGET (fixture->kiosk), "kp-keyboard"));
}

static gboolean
keyboard_is_up (gpointer user_data)
{
  GtkWidget *keyboard = GTK_WIDGET (find_keyboard (user_data));

  return gtk_revealer_get_child_revealed (GTK_REVEALER (gtk_widget_get_parent (keyboard)))
         && gtk_widget_get_mapped (keyboard);
}

static gboolean
keyboard_is_away (gpointer user_data)
{
  GtkWidget *keyboard = GTK_WIDGET (find_keyboard (user_data));

  return !gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_parent (keyboard)));
}

/* The pixels of @key in @picture, a picture of the whole kiosk window. (transfer full) */
static GBytes *
dup_key_pixels (Fixture *fixture, GdkTexture *picture, GtkWidget *key)
{
  graphene_rect_t bounds;
  int width = gdk_texture_get_width (picture);
  g_autofree guchar *pixels = g_malloc (4 * width * gdk_texture_get_height (picture));
  GByteArray *key_pixels = g_byte_array_new ();

  g_assert_true (gtk_widget_compute_bounds (key, GTK_WIDGET (fixture->kiosk), &bounds));
  gdk_texture_download (picture, pixels, 4 * width);
  for (int y = (int) bounds.origin.y; y < (int) (bounds.origin.y + bounds.size.height); y++)
    g_byte_array_append (key_pixels, pixels + 4 * (y * width + (int) bounds.origin.x),
                         4 * (int) bounds.size.width);
  return g_byte_array_free_to_bytes (key_pixels);
}

static GdkTexture *
take_picture (Fixture *fixture, const char *name)
{
  g_autofree char *path = kp_ui_test_save_screenshot (GTK_WIDGET (fixture->kiosk), name);
  g_autoptr (GError) error = NULL;
  GdkTexture *picture = gdk_texture_new_from_filename (path, &error);

  g_assert_no_error (error);
  return picture;
}

/* xdotool's @action of the first pointer button, with the pointer on the middle of @widget. */
static void
xdotool_on (GtkWidget *widget, GtkWidget *root, const char *action)
{
  graphene_point_t middle;

  g_assert_true (
      gtk_widget_compute_point (widget, root,
                                &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                      gtk_widget_get_height (widget) / 2.0),
                                &middle));
  xdotool_at (middle.x, middle.y, action, "1");
}

/*
 * Holds the on-screen key @label down with the pointer and takes a
 * picture (saved as @picture_name), lets go (which types it), and says
 * whether the key looked any different while it was held down.
 */
static gboolean
pressed_key_shows (Fixture *fixture, const char *label, const char *picture_name)
{
  GtkWidget *root = GTK_WIDGET (fixture->kiosk);
  GtkWidget *key = kp_ui_test_find_key (root, label);
  g_autoptr (GdkTexture) held = NULL;
  g_autoptr (GdkTexture) released = NULL;
  g_autoptr (GBytes) held_pixels = NULL;
  g_autoptr (GBytes) released_pixels = NULL;

  g_assert_nonnull (key);
  xdotool_on (key, root, "mousedown");
  held = take_picture (fixture, picture_name);
  xdotool_on (key, root, "mouseup");
  released = take_picture (fixture, "web-form-keyboard-released");
  held_pixels = dup_key_pixels (fixture, held, key);
  released_pixels = dup_key_pixels (fixture, released, key);
  return !g_bytes_equal (held_pixels, released_pixels);
}

/*
 * The on-screen keyboard types into the page's fields through the
 * kiosk's input method: a tap in a field brings it up with the layout the
 * field wants, keys put their text in the field, and a tap elsewhere puts
 * it away. In the password field a pressed key looks like any other (in
 * the e-mail field it does not, so the check can see a pressed key), and
 * no label anywhere on screen holds what was typed.
 */
static void
test_keyboard_in_page (Fixture *fixture, gconstpointer data)
{
  GtkWidget *root = GTK_WIDGET (fixture->kiosk);
  g_autofree char *values = NULL;
  g_autofree char *shown = NULL;

  tap_form_tile (fixture);
  load (fixture, "/fields");
  wait_until_at (fixture, "/fields");
  g_assert_true (keyboard_is_away (fixture));

  tap_field (fixture, "email");
  g_assert_true (kp_ui_test_wait_until (keyboard_is_up, fixture, WAIT_MS));
  g_assert_cmpint (kp_keyboard_get_layout (find_keyboard (fixture)), ==, KP_KEYBOARD_LAYOUT_EMAIL);
  kp_ui_test_type_on_keyboard (root, "ann@example.n");
  g_assert_true (pressed_key_shows (fixture, "l", "web-form-keyboard-email"));

  tap_field (fixture, "number");
  g_assert_true (kp_ui_test_wait_until (keyboard_is_up, fixture, WAIT_MS));
  g_assert_cmpint (kp_keyboard_get_layout (find_keyboard (fixture)), ==,
                   KP_KEYBOARD_LAYOUT_NUMBERS);
  kp_ui_test_type_on_keyboard (root, "1234");
  /*
   * Typed text and Backspace reach the page by different ways (the input
   * method and an editing command), so a test that taps faster than any
   * finger waits, as a resident would, until the page has the last key.
   */
  g_assert_true (kp_ui_test_wait_until (
      field_has_value, &(FieldValue){ .fixture = fixture, .id = "number", .value = "1234" },
      WAIT_MS));
  gtk_widget_activate_action (GTK_WIDGET (find_keyboard (fixture)), "keyboard.backspace", NULL);
  kp_ui_test_type_on_keyboard (root, "5");

  tap_field (fixture, "password");
  g_assert_true (kp_ui_test_wait_until (keyboard_is_up, fixture, WAIT_MS));
  g_assert_cmpint (kp_keyboard_get_layout (find_keyboard (fixture)), ==,
                   KP_KEYBOARD_LAYOUT_LETTERS);
  kp_ui_test_type_on_keyboard (root, "gehei");
  g_assert_false (pressed_key_shows (fixture, "m", "web-form-keyboard-password"));
  shown = kp_ui_test_shown_text (root);
  g_assert_null (strstr (shown, "geheim"));
  /* Nothing typed was logged; the log does hold what WebKit said at the start. */
  g_assert_nonnull (strstr (logged->str, "hardware acceleration"));
  g_assert_null (strstr (logged->str, "gehei"));
  g_assert_null (strstr (logged->str, "example.nl"));

  values = run_script (fixture, "[email.value, number.value, password.value].join (' ')");
  g_assert_cmpstr (values, ==, "ann@example.nl 1235 geheim");

  /* A tap beside the fields: no field has the focus, and the keyboard goes. */
  run_xdotool ("click", "1");
  g_assert_true (kp_ui_test_wait_until (keyboard_is_away, fixture, WAIT_MS));

  /* Enter sends the form, as a physical Enter would; the next page has no field in focus. */
  tap_field (fixture, "password");
  g_assert_true (kp_ui_test_wait_until (keyboard_is_up, fixture, WAIT_MS));
  g_signal_emit_by_name (kp_ui_test_find_key (root, "kp-key-enter"), "clicked");
  wait_until_at (fixture, "/form");
  g_assert_true (kp_ui_test_wait_until (keyboard_is_away, fixture, WAIT_MS));
}

/*
 * A stopped web process: the page's heartbeat asks within a few seconds
 * and waits its 15 seconds for the answer; with room to spare.
 */
#define UNRESPONSIVE_WAIT_MS 30000

static void
signal_processes (GArray *processes, int signal_number)
{
  for (guint i = 0; i < processes->len; i++)
    kill (g_array_index (processes, int, i), signal_number);
}

/* Whether none of @user_data (a GArray of process ids) is among the test's descendants. */
static gboolean
processes_are_gone (gpointer user_data)
{
  GArray *processes = user_data;
  g_autoptr (GArray) now = kp_web_test_find_descendants (WEB_PROCESS);

  for (guint i = 0; i < processes->len; i++)
    {
      for (guint j = 0; j < now->len; j++)
        {
          if (g_array_index (processes, int, i) == g_array_index (now, int, j))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
stopped_working_shown (gpointer user_data)
{
  Fixture *fixture = user_data;

  return kp_ui_test_shows (GTK_WIDGET (fixture->page), kp_ui_test_tr ("The form stopped working"));
}

/* A cookie in the open form, and the check that it is there. */
static void
set_cookie (Fixture *fixture)
{
  g_autofree char *cookie
      = run_script (fixture, "document.cookie = 'visitor=kept'; document.cookie");

  g_assert_cmpstr (cookie, ==, "visitor=kept");
}

/*
 * The form that stopped working is shown as such, and Start again opens
 * it afresh: a new session (folder, web process), without the old cookie.
 */
static void
assert_starts_again (Fixture *fixture, GArray *old_processes, const char *old_folder)
{
  g_autofree char *cookie = NULL;

  g_assert_true (stopped_working_shown (fixture));
  assert_still_contained (fixture, "web process gone");
  kp_ui_test_press (GTK_WIDGET (fixture->page), kp_ui_test_tr ("Start again"));
  wait_until_at (fixture, "/form");
  cookie = run_script (fixture, "document.cookie");
  g_assert_cmpstr (cookie, ==, "");
  g_assert_cmpstr (kp_web_form_page_get_session_folder (fixture->page), !=, old_folder);
  g_assert_false (g_file_test (old_folder, G_FILE_TEST_EXISTS));
  g_assert_true (processes_are_gone (old_processes));
  g_assert_false (no_web_process_left (NULL));
  assert_still_contained (fixture, "started again");
}

/* The form's web process crashes (killed here): the B1 notice, and a clean start. */
static void
test_crashed_web_process (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GArray) processes = NULL;
  g_autofree char *old_folder = NULL;

  open_form (fixture, "/form");
  set_cookie (fixture);
  old_folder = g_strdup (kp_web_form_page_get_session_folder (fixture->page));
  processes = kp_web_test_find_descendants (WEB_PROCESS);
  g_assert_cmpuint (processes->len, >=, 1);

  signal_processes (processes, SIGKILL);
  kp_ui_test_wait_for_text (GTK_WIDGET (fixture->page), kp_ui_test_tr ("The form stopped working"),
                            WAIT_MS);
  assert_starts_again (fixture, processes, old_folder);
}

/*
 * The form's web process hangs (stopped here) on a touch-only kiosk: a
 * tap it cannot answer, no key, and not at once but within the page's time
 * for it, the same notice; the hung process is gone. Nothing stopped is
 * left behind, pass or fail.
 */
static void
test_hung_web_process (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GArray) processes = NULL;
  g_autofree char *old_folder = NULL;
  gboolean noticed_at_once;
  gboolean noticed;
  gboolean gone;

  open_form (fixture, "/form");
  set_cookie (fixture);
  old_folder = g_strdup (kp_web_form_page_get_session_folder (fixture->page));
  processes = kp_web_test_find_descendants (WEB_PROCESS);
  g_assert_cmpuint (processes->len, >=, 1);

  signal_processes (processes, SIGSTOP);
  run_xdotool ("click", "1");
  /* A page that is slow for a moment does not lose the resident's form. */
  kp_ui_test_spin (5000);
  noticed_at_once = stopped_working_shown (fixture);
  noticed = kp_ui_test_wait_until (stopped_working_shown, fixture, UNRESPONSIVE_WAIT_MS);
  gone = kp_ui_test_wait_until (processes_are_gone, processes, WAIT_MS);
  if (!gone)
    {
      signal_processes (processes, SIGKILL);
      signal_processes (processes, SIGCONT);
    }
  g_assert_false (noticed_at_once);
  g_assert_true (noticed);
  g_assert_true (gone);
  assert_starts_again (fixture, processes, old_folder);
}

/* A loaded page that stopped answering is noticed in its 15 seconds and one heartbeat. */
#define HANG_NOTICED_MS 20000

/*
 * A page's alert stops the page until the resident answers, as it should:
 * that is not a hang, however long they take.
 */
static void
test_alert_is_not_a_hang (Fixture *fixture, gconstpointer data)
{
  g_autofree char *answer = NULL;

  open_form (fixture, "/form");
  g_free (
      run_script (fixture, "setTimeout (() => alert ('Your form ends in 5 minutes'), 0); 'set'"));
  kp_ui_test_wait_for_text (GTK_WIDGET (fixture->page), "Your form ends in 5 minutes", WAIT_MS);
  kp_ui_test_spin (HANG_NOTICED_MS);
  g_assert_false (stopped_working_shown (fixture));
  kp_ui_test_press (GTK_WIDGET (fixture->page), kp_ui_test_tr ("OK"));
  answer = run_script (fixture, "document.location.pathname");
  g_assert_cmpstr (answer, ==, "/form");
}

/* Every line the speaker logged, oldest first. (transfer full) */
static GStrv
read_said (Fixture *fixture)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents (kp_speaker_get_log_file (fixture->speaker), &text, NULL, NULL))
    return g_new0 (char *, 1);
  return g_strsplit (g_strchomp (text), "\n", -1);
}

static gboolean
has_said (gpointer user_data)
{
  gpointer *args = user_data;
  g_auto (GStrv) said = read_said (args[0]);

  return g_strv_length (said) >= GPOINTER_TO_UINT (args[1]);
}

/* The @n-th thing the speaker said (counting from 1), once the whole of it is written. */
static char *
wait_for_said (Fixture *fixture, guint n)
{
  gpointer args[] = { fixture, GUINT_TO_POINTER (n) };
  g_auto (GStrv) said = NULL;

  g_assert_true (kp_ui_test_wait_until (has_said, args, WAIT_MS));
  g_assert_true (kp_ui_test_wait_until (kp_test_kiosk_speaker_is_quiet, fixture->speaker, WAIT_MS));
  said = read_said (fixture);
  g_assert_cmpuint (g_strv_length (said), ==, n);
  return g_strdup (said[n - 1]);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GMappedFile) file = g_mapped_file_new (path, FALSE, &error);

  g_assert_no_error (error);
  return g_mapped_file_get_bytes (file);
}

/* The sound of the @n-th thing said, as test mode wrote it. (transfer full) */
static GBytes *
dup_said_sound (Fixture *fixture, guint n)
{
  g_autofree char *name = g_strdup_printf ("speech-%u.wav", n);
  g_autofree char *path
      = g_build_filename (kp_speaker_get_output_folder (fixture->speaker), name, NULL);

  return read_bytes (path);
}

static void
on_reference_spoken (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  char **wav_path = user_data;
  g_autoptr (GError) error = NULL;

  *wav_path = kp_speaker_speak_finish (KP_SPEAKER (source_object), result, &error);
  g_assert_no_error (error);
}

static gboolean
is_set (gpointer user_data)
{
  return *(char **) user_data != NULL;
}

/* The sound of @text in the voice of @language, from a speaker of the test's own. (transfer full) */
static GBytes *
dup_reference_sound (const char *text, const char *language)
{
  g_autoptr (KpSpeaker) speaker = kp_speaker_new ();
  g_autofree char *folder = kp_test_make_tmpdir ("reference-speech");
  g_autofree char *wav_path = NULL;

  kp_speaker_set_output_folder (speaker, folder);
  kp_speaker_speak_async (speaker, text, language, NULL, on_reference_spoken, &wav_path);
  g_assert_true (kp_ui_test_wait_until (is_set, &wav_path, WAIT_MS));
  return read_bytes (wav_path);
}

/* Whether the @n-th thing said was @text in @language's voice. */
static gboolean
was_said_in (Fixture *fixture, guint n, const char *text, const char *language)
{
  g_autoptr (GBytes) said = dup_said_sound (fixture, n);
  g_autoptr (GBytes) reference = dup_reference_sound (text, language);

  return g_bytes_equal (said, reference);
}

/*
 * Read aloud in a Dutch kiosk: the selection when there is one, else the
 * page's main text (not its menu); in the page's language: an English
 * page in the English voice, a page that names no language in Dutch.
 */
static void
test_read_aloud (Fixture *fixture, gconstpointer data)
{
  g_autofree char *speech_dir = kp_test_make_tmpdir ("speech");
  g_autofree char *log_path = g_build_filename (speech_dir, "said.txt", NULL);
  g_autofree char *selected = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;

  g_assert_cmpstr (kp_config_get_default_language (fixture->config), ==, "nl");
  kp_speaker_set_output_folder (fixture->speaker, speech_dir);
  kp_speaker_set_log_file (fixture->speaker, log_path);
  open_form (fixture, "/read");

  selected = run_script (fixture, "getSelection ().selectAllChildren (document.querySelector "
                                  "('h1')); String (getSelection ())");
  g_assert_cmpstr (selected, ==, "Parking permit");
  kp_ui_test_press (GTK_WIDGET (fixture->page), kp_ui_test_tr ("Read aloud"));
  first = wait_for_said (fixture, 1);
  g_assert_cmpstr (first, ==, "Parking permit");
  g_assert_true (was_said_in (fixture, 1, "Parking permit", "en"));
  /* The check bites: the Dutch voice sounds different. */
  g_assert_false (was_said_in (fixture, 1, "Parking permit", "nl"));

  g_free (run_script (fixture, "getSelection ().removeAllRanges (); ''"));
  kp_ui_test_press (GTK_WIDGET (fixture->page), kp_ui_test_tr ("Read aloud"));
  second = wait_for_said (fixture, 2);
  g_assert_true (g_str_has_prefix (second, "Parking permit"));
  g_assert_nonnull (strstr (second, "Fill in your licence plate."));
  g_assert_null (strstr (second, "Skip to content"));

  load (fixture, "/lees");
  wait_until_at (fixture, "/lees");
  kp_ui_test_press (GTK_WIDGET (fixture->page), kp_ui_test_tr ("Read aloud"));
  third = wait_for_said (fixture, 3);
  g_assert_cmpstr (third, ==, "Vul uw kenteken in.");
  g_assert_true (was_said_in (fixture, 3, "Vul uw kenteken in.", "nl"));
}

/*
 * window.print() in a Dutch session, where GTK names its file printer
 * "Afdrukken naar bestand": the matrix's row, to a PDF, nothing else opens.
 */
static void
test_print_in_dutch (Fixture *fixture, gconstpointer data)
{
  kp_test_set_language ("nl");
  /* The check bites: GTK's own words are Dutch here. */
  g_assert_cmpstr (g_dgettext ("gtk40", "Print to File"), !=, "Print to File");
  open_form (fixture, "/form");
  run_escape (fixture, "/print", EXPECT_PRINTED, NULL);
  kp_test_set_language ("en");
}

/* How often the primary selection held text from this process, seen before the page's own handler. */
static void
count_primary_offers (GdkClipboard *primary, guint *offers)
{
  if (gdk_clipboard_get_content (primary) != NULL)
    (*offers)++;
}

static gboolean
primary_is_empty (gpointer user_data)
{
  return gdk_clipboard_get_content (GDK_CLIPBOARD (user_data)) == NULL;
}

static gboolean
clipboard_holds_text (gpointer user_data)
{
  return gdk_clipboard_get_content (GDK_CLIPBOARD (user_data)) != NULL;
}

/*
 * Text the resident selects in the form is not offered to other programs
 * (WebKit puts it on the primary selection; the kiosk takes it back), and
 * what they copy within the form is pasteable there but gone with the form.
 */
static void
test_selection_stays_in_form (Fixture *fixture, gconstpointer data)
{
  GdkDisplay *display = gdk_display_get_default ();
  GdkClipboard *primary = gdk_display_get_primary_clipboard (display);
  GdkClipboard *clipboard = gdk_display_get_clipboard (display);
  g_autofree char *selected = NULL;
  g_autofree char *copied = NULL;
  guint offers = 0;

  g_signal_connect (primary, "changed", G_CALLBACK (count_primary_offers), &offers);
  open_form (fixture, "/read");
  selected = run_script (fixture, "getSelection ().selectAllChildren (document.querySelector "
                                  "('h1')); String (getSelection ())");
  g_assert_cmpstr (selected, ==, "Parking permit");
  kp_ui_test_spin (1000);
  g_signal_handlers_disconnect_by_func (primary, count_primary_offers, &offers);
  /* The check bites: WebKit did offer the selection. */
  g_assert_cmpuint (offers, >=, 1);
  g_assert_true (kp_ui_test_wait_until (primary_is_empty, primary, WAIT_MS));

  webkit_web_view_execute_editing_command (find_view (fixture), WEBKIT_EDITING_COMMAND_COPY);
  g_assert_true (kp_ui_test_wait_until (clipboard_holds_text, clipboard, WAIT_MS));
  copied = kp_ui_test_read_clipboard_text (clipboard);
  g_assert_cmpstr (copied, ==, "Parking permit");

  kp_ui_test_press (GTK_WIDGET (fixture->page), kp_ui_test_tr ("Home"));
  kp_ui_test_wait_for_text (GTK_WIDGET (fixture->page),
                            kp_ui_test_tr ("Stop and forget this form?"), WAIT_MS);
  kp_ui_test_press (GTK_WIDGET (fixture->page), kp_ui_test_tr ("Yes, stop"));
  g_assert_null (gdk_clipboard_get_content (clipboard));
  g_assert_null (gdk_clipboard_get_content (primary));
}

static void
add_test (const char *path, void (*func) (Fixture *, gconstpointer), const char *home)
{
  g_test_add (path, Fixture, home, fixture_set_up, func, fixture_tear_down);
}

static void
add_kiosk_test (const char *path, void (*func) (Fixture *, gconstpointer), const char *home)
{
  g_test_add (path, Fixture, home, kiosk_set_up, func, kiosk_tear_down);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = NULL;
  g_autofree char *tmp = NULL;
  int result;

  /* The test site is a SoupServer: its known leaks need whole stacks to match tests/lsan.supp. */
  kp_test_servers_need_whole_stacks ();
  logged = g_string_new (NULL);
  g_log_set_writer_func (record_log, NULL, NULL);
  home = kp_test_init_home ();
  tmp = g_build_filename (home, "tmp", NULL);

  /* The kiosk's temporary folder below HOME, so one listing covers every place it may write. */
  g_assert_cmpint (g_mkdir_with_parents (tmp, 0700), ==, 0);
  g_setenv ("TMPDIR", tmp, TRUE);
  g_setenv ("WEBKIT_INSPECTOR_SERVER", "127.0.0.1:9", TRUE);
  g_setenv ("WEBKIT_INSPECTOR_HTTP_SERVER", "127.0.0.1:9", TRUE);
  g_setenv ("KERNPUNT_TEST_MARKER", "seen", TRUE);
  kp_web_form_page_clean_environment ();
  g_assert_null (g_getenv ("WEBKIT_INSPECTOR_SERVER"));
  g_assert_null (g_getenv ("WEBKIT_INSPECTOR_HTTP_SERVER"));
  g_assert_cmpstr (g_getenv ("KERNPUNT_TEST_MARKER"), ==, "seen");
  kp_ui_test_init (&argc, &argv);
  expect_no_gl ();

  add_test ("/web-form/shortcuts", test_shortcuts, home);
  add_test ("/web-form/forgetting", test_forgetting, home);
  add_test ("/web-form/selection-stays-in-form", test_selection_stays_in_form, home);
  add_test ("/web-form/address-bar", test_address_bar, home);
  add_test ("/web-form/blocked-screenshot", test_blocked_screenshot, home);
  add_test ("/web-form/refuses-without-sandbox", test_refuses_without_sandbox, home);
  add_test ("/web-form/no-inspector", test_no_inspector, home);
  add_kiosk_test ("/web-form/in-kiosk", test_in_kiosk, home);
  add_kiosk_test ("/web-form/idle-in-kiosk", test_idle_in_kiosk, home);
  add_kiosk_test ("/web-form/keyboard-in-page", test_keyboard_in_page, home);
  add_test ("/web-form/escape-matrix", test_escape_matrix, home);
  add_test ("/web-form/print-in-dutch", test_print_in_dutch, home);
  add_test ("/web-form/read-aloud", test_read_aloud, home);
  add_test ("/web-form/crashed-web-process", test_crashed_web_process, home);
  add_test ("/web-form/hung-web-process", test_hung_web_process, home);
  add_test ("/web-form/alert-is-not-a-hang", test_alert_is_not_a_hang, home);

  result = g_test_run ();
  kp_test_remove_tree (home);
  return result;
}
