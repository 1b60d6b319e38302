/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-web-form-page.h"

#include "kp-clipboard.h"
#include "kp-visible-text.h"
#include "kp-web-allow-list.h"
#include "kp-web-input-method.h"
#include "kp-web-print.h"
#include "kp-window.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <webkit/webkit.h>

#define RESOURCE_PATH "/nl/kernpunt/Kernpunt"
/* A page that does not answer for this long is ended and the form restarted. */
#define UNRESPONSIVE_SECONDS 15
/*
 * How often an open form is asked whether it still answers. WebKit itself
 * only notices a hung page after a key press (2.50), never after a tap.
 */
#define HEARTBEAT_SECONDS 3
#define FILTER_ID         "kernpunt-allow-list"

/* The text sizes Smaller and Bigger step through; the form starts at the first. */
static const double zoom_levels[] = { 1.0, 1.25, 1.5, 1.75, 2.0 };

/*
 * The selection, or else the page's main text, and the page's language:
 * what Read aloud says, in the voice of that language.
 */
static const char read_aloud_script[]
    = "(function () {"
      "  var selected = String(window.getSelection()).trim();"
      "  var main = document.querySelector('main, [role=main]') || document.body;"
      "  return JSON.stringify({ text: selected || (main ? main.innerText : ''),"
      "                          lang: document.documentElement.lang || '' });"
      "})()";

/* Whether a frame of the document, or of its readable frames, shows the address "uri". */
static const char frame_points_at_script[]
    = "var wanted = new URL (uri).href;"
      "function find (doc) {"
      "  for (var frame of doc.querySelectorAll ('iframe, frame')) {"
      "    if (frame.src && new URL (frame.src, doc.baseURI).href === wanted) return true;"
      "    try { if (frame.contentDocument && find (frame.contentDocument)) return true; }"
      "    catch (e) {}"
      "  }"
      "  return false;"
      "}"
      "return find (document);";

typedef enum
{
  NOTICE_REFUSED,
  NOTICE_TLS,
  NOTICE_DOWNLOAD,
  NOTICE_FILE,
  NOTICE_FAILED,
  NOTICE_CRASHED,
  NOTICE_UNSAFE,
} Notice;

typedef enum
{
  QUESTION_NONE,
  QUESTION_SCRIPT, /* an alert, confirm or prompt of the page */
  QUESTION_STOP,   /* "Stop and forget this form?" before Home, or Back out of the form */
} Question;

struct _KpWebFormPage
{
  AdwBin parent_instance;

  KpConfig *config;
  KpSpeaker *speaker;
  char *form_id;
  char *start_url;
  KpWebAllowList *allow_list;
  guint zoom_index;

  /* One form session; all of it is dropped by forget_session(). */
  WebKitWebView *view;
  WebKitNetworkSession *network_session;
  char *session_folder;
  GCancellable *cancellable; /* the filter's compilation, Read aloud's script and its speech */
  WebKitScriptDialog *script_dialog;
  guint heartbeat_source;
  GCancellable *heartbeat;   /* the question to the page in flight, NULL when none */
  guint unresponsive_source; /* when the question in flight has waited too long */
  gboolean missed_while_loading;

  Notice notice;
  Question question;
  const char *stop_action; /* where a confirmed stop goes: "kiosk.home" or "kiosk.back" */

  GtkImage *padlock_image;
  GtkLabel *host_label;
  GtkLabel *security_label;
  GtkStack *stack;
  AdwBin *view_slot;
  AdwStatusPage *notice_page;
  GtkButton *notice_button;
  GtkWidget *question_box;
  GtkLabel *question_label;
  GtkEntry *question_entry;
  GtkButton *question_no;
  GtkButton *question_yes;
};

G_DEFINE_FINAL_TYPE (KpWebFormPage, kp_web_form_page, ADW_TYPE_BIN)

static void start_session (KpWebFormPage *self);

/* Which host a message is about: never the path or query, which carry tokens. */
static void
log_refusal (const char *what, const char *uri)
{
  g_autofree char *host = kp_web_allow_list_dup_loggable (uri);

  g_message ("Web form: refused %s to %s", what, host);
}

static void
remove_folder (const char *path)
{
  g_autoptr (GFile) folder = g_file_new_for_path (path);
  g_autoptr (GFileEnumerator) children = g_file_enumerate_children (
      folder, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
      G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFileInfo *info;
  GFile *child;

  while (children != NULL && g_file_enumerator_iterate (children, &info, &child, NULL, NULL)
         && info != NULL)
    {
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          g_autofree char *child_path = g_file_get_path (child);

          remove_folder (child_path);
        }
      else
        g_file_delete (child, NULL, NULL);
    }
  g_file_delete (folder, NULL, NULL);
}

static void
show_web (KpWebFormPage *self)
{
  gtk_stack_set_visible_child_name (self->stack, "web");
}

static void
show_notice (KpWebFormPage *self, Notice notice)
{
  const char *title = NULL;
  const char *description = NULL;
  const char *button = _ ("Back");

  switch (notice)
    {
      case NOTICE_REFUSED:
        title = _ ("This page cannot be opened here");
        description = _ ("For your safety, this kiosk only opens the pages of the form and of "
                         "DigiD. Go back to the form.");
        break;
      case NOTICE_TLS:
        title = _ ("This page is not safe");
        description = _ ("The page cannot prove who it is, so the kiosk does not open it. Do not "
                         "type anything. Ask a volunteer for help.");
        break;
      case NOTICE_DOWNLOAD:
        title = _ ("Files are not saved here");
        description = _ ("This kiosk does not save files. Ask a volunteer how you can get this "
                         "file another way.");
        break;
      case NOTICE_FILE:
        title = _ ("You cannot add a file here");
        description = _ ("This kiosk cannot send your files. Send the file later from your own "
                         "computer or phone, or bring it to the desk.");
        break;
      case NOTICE_FAILED:
        title = _ ("This page does not open right now");
        description = _ ("Try again later, or ask a volunteer for help.");
        break;
      case NOTICE_CRASHED:
        title = _ ("The form stopped working");
        description = _ ("Nothing was sent. You can start the form again.");
        button = _ ("Start again");
        break;
      case NOTICE_UNSAFE:
        title = _ ("Forms cannot be opened on this kiosk now");
        description = _ ("Ask a volunteer for help.");
        break;
      default:
        g_assert_not_reached ();
    }
  self->notice = notice;
  adw_status_page_set_title (self->notice_page, title);
  adw_status_page_set_description (self->notice_page, description);
  gtk_button_set_label (self->notice_button, button);
  gtk_stack_set_visible_child_name (self->stack, "notice");
}

static void
update_address (KpWebFormPage *self)
{
  const char *uri = self->view != NULL ? webkit_web_view_get_uri (self->view) : NULL;
  g_autofree char *host = kp_web_allow_list_dup_loggable (uri);
  GTlsCertificateFlags errors = 0;
  gboolean secure = self->view != NULL && webkit_web_view_get_tls_info (self->view, NULL, &errors)
                    && errors == 0;
  gboolean known = !g_str_equal (host, "-");

  gtk_label_set_label (self->host_label, known ? host : "");
  gtk_label_set_label (self->security_label, !known   ? ""
                                             : secure ? _ ("Safe connection")
                                                      : _ ("Not a safe connection"));
  gtk_image_set_from_icon_name (self->padlock_image,
                                secure ? "channel-secure-symbolic" : "channel-insecure-symbolic");
  gtk_widget_set_visible (GTK_WIDGET (self->padlock_image), known);
}

static void
apply_zoom (KpWebFormPage *self)
{
  if (self->view != NULL)
    webkit_web_view_set_zoom_level (self->view, zoom_levels[self->zoom_index]);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "web-form.zoom-out", self->zoom_index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "web-form.zoom-in",
                                 self->zoom_index + 1 < G_N_ELEMENTS (zoom_levels));
}

static void
hide_question (KpWebFormPage *self)
{
  self->question = QUESTION_NONE;
  gtk_widget_set_visible (self->question_box, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->question_entry), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->question_entry), "");
}

/* @no: NULL for a question with one answer, such as an alert. */
static void
ask (KpWebFormPage *self, Question question, const char *text, const char *yes, const char *no)
{
  self->question = question;
  gtk_label_set_label (self->question_label, text);
  gtk_button_set_label (self->question_yes, yes);
  gtk_button_set_label (self->question_no, no != NULL ? no : "");
  gtk_widget_set_visible (GTK_WIDGET (self->question_no), no != NULL);
  gtk_widget_set_visible (self->question_box, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->question_yes));
}

static void
close_script_dialog (KpWebFormPage *self)
{
  if (self->script_dialog == NULL)
    return;
  webkit_script_dialog_close (self->script_dialog);
  g_clear_pointer (&self->script_dialog, webkit_script_dialog_unref);
}

/* A page's field has the focus, or has it no more: the window's keyboard types there, or goes. */
static void
on_input_method_changed (WebKitInputMethodContext *input_method,
                         GParamSpec *pspec,
                         KpWebFormPage *self)
{
  kp_window_show_keyboard_for_sink (
      GTK_WIDGET (self), KP_KEYBOARD_SINK (input_method),
      kp_web_input_method_get_active (KP_WEB_INPUT_METHOD (input_method)));
}

/* The on-screen keyboard types into the page through an input method of the kiosk's own. */
static void
connect_keyboard (KpWebFormPage *self)
{
  g_autoptr (KpWebInputMethod) input_method = kp_web_input_method_new (self->view);

  g_signal_connect (input_method, "notify::active", G_CALLBACK (on_input_method_changed), self);
  g_signal_connect (input_method, "notify::input-purpose", G_CALLBACK (on_input_method_changed),
                    self);
  webkit_web_view_set_input_method_context (self->view, WEBKIT_INPUT_METHOD_CONTEXT (input_method));
}

static void
put_keyboard_away (KpWebFormPage *self)
{
  WebKitInputMethodContext *input_method = webkit_web_view_get_input_method_context (self->view);

  g_signal_handlers_disconnect_by_data (input_method, self);
  kp_window_show_keyboard_for_sink (GTK_WIDGET (self), KP_KEYBOARD_SINK (input_method), FALSE);
}

/* The page is no longer asked whether it answers, and an unanswered question is forgotten. */
static void
stop_heartbeat_question (KpWebFormPage *self)
{
  g_cancellable_cancel (self->heartbeat);
  g_clear_object (&self->heartbeat);
  g_clear_handle_id (&self->unresponsive_source, g_source_remove);
  self->missed_while_loading = FALSE;
}

static void
stop_heartbeat (KpWebFormPage *self)
{
  stop_heartbeat_question (self);
  g_clear_handle_id (&self->heartbeat_source, g_source_remove);
}

/*
 * WebKit offers the page's selected text to every program on the display
 * (the primary selection). A resident's words stay in their form: the
 * offer is taken back at once. A GTK text field of the kiosk's own (a
 * page's prompt) keeps its selection, which it would lose with the offer.
 */
static void
on_primary_changed (GdkClipboard *primary, KpWebFormPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !GTK_IS_TEXT (focus))
    kp_clipboard_forget_primary (gdk_clipboard_get_display (primary));
}

static GdkClipboard *
get_primary (KpWebFormPage *self)
{
  return gdk_display_get_primary_clipboard (gtk_widget_get_display (GTK_WIDGET (self)));
}

/*
 * Everything of the form goes: the page's process is killed (so a
 * beforeunload handler cannot hold it), the view and its ephemeral
 * session with it, the folder it wrote in, and what was copied from it.
 */
static void
drop_session (KpWebFormPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->speaker != NULL)
    kp_speaker_stop (self->speaker);
  close_script_dialog (self);
  stop_heartbeat (self);
  if (self->view != NULL)
    {
      put_keyboard_away (self);
      g_signal_handlers_disconnect_by_data (self->view, self);
      webkit_web_view_terminate_web_process (self->view);
      self->view = NULL;
      adw_bin_set_child (self->view_slot, NULL);
      g_signal_handlers_disconnect_by_func (get_primary (self), on_primary_changed, self);
      kp_clipboard_forget_all (gtk_widget_get_display (GTK_WIDGET (self)));
    }
  if (self->network_session != NULL)
    g_signal_handlers_disconnect_by_data (self->network_session, self);
  g_clear_object (&self->network_session);
  if (self->session_folder != NULL)
    remove_folder (self->session_folder);
  g_clear_pointer (&self->session_folder, g_free);
}

/* The same, and the bar and page show no trace of it. */
static void
forget_session (KpWebFormPage *self)
{
  drop_session (self);
  hide_question (self);
  update_address (self);
  show_web (self);
}

static void
restart_session (KpWebFormPage *self)
{
  forget_session (self);
  start_session (self);
}

/* Back or Home out of the form, after the resident said yes. */
static void
leave (KpWebFormPage *self, const char *action)
{
  forget_session (self);
  gtk_widget_activate_action (GTK_WIDGET (self), action, NULL);
}

static void
ask_stop (KpWebFormPage *self, const char *action)
{
  self->stop_action = action;
  ask (self, QUESTION_STOP, _ ("Stop and forget this form?"), _ ("Yes, stop"), _ ("No, go on"));
}

/* Out of the page by @action: asked first while a form is open, as that forgets what was typed. */
static void
stop_form (KpWebFormPage *self, const char *action)
{
  if (self->view != NULL)
    ask_stop (self, action);
  else
    leave (self, action);
}

static void
on_filter_saved (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KpWebFormPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (WebKitUserContentFilter) filter = webkit_user_content_filter_store_save_finish (
      WEBKIT_USER_CONTENT_FILTER_STORE (source_object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->view == NULL)
    return;
  /* Without the second guard the form is not opened at all. */
  if (filter == NULL)
    {
      g_message ("Web form: the allow-list filter cannot be made: %s", error->message);
      show_notice (self, NOTICE_FAILED);
      return;
    }
  webkit_user_content_manager_add_filter (webkit_web_view_get_user_content_manager (self->view),
                                          filter);
  webkit_web_view_load_uri (self->view, self->start_url);
}

/* Every subresource and frame not from a listed host is blocked inside WebKit itself. */
static void
compile_content_filter (KpWebFormPage *self)
{
  g_autofree char *store_path = g_build_filename (self->session_folder, "filters", NULL);
  g_autoptr (WebKitUserContentFilterStore) store
      = webkit_user_content_filter_store_new (store_path);
  g_autofree char *rules = kp_web_allow_list_dup_content_rules (self->allow_list);
  g_autoptr (GBytes) source = g_bytes_new_take (g_steal_pointer (&rules), strlen (rules));

  webkit_user_content_filter_store_save (store, FILTER_ID, source, self->cancellable,
                                         on_filter_saved, g_object_ref (self));
}

static void
on_frame_checked (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KpWebFormPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JSCValue) value = webkit_web_view_call_async_javascript_function_finish (
      WEBKIT_WEB_VIEW (source_object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->view == NULL)
    return;
  if (value == NULL || !jsc_value_is_boolean (value) || !jsc_value_to_boolean (value))
    show_notice (self, NOTICE_REFUSED);
}

/*
 * WebKit asks the same question for the page and for a frame in it, and
 * does not say which (2.50). A refused address that a frame of the page
 * points at was that frame's: the content filter blocks it, and the
 * resident stays on the form, with no notice on every load of a page that
 * embeds a third party. Any other refused navigation was the page's own
 * and gets the notice. Asked in a script world of the kiosk's, which the
 * page's own scripts cannot change.
 */
static void
notice_unless_frame (KpWebFormPage *self, const char *uri)
{
  g_auto (GVariantDict) arguments = G_VARIANT_DICT_INIT (NULL);

  g_variant_dict_insert (&arguments, "uri", "s", uri);
  webkit_web_view_call_async_javascript_function (
      self->view, frame_points_at_script, -1, g_variant_dict_end (&arguments), KP_WEB_SCRIPT_WORLD,
      NULL, self->cancellable, on_frame_checked, g_object_ref (self));
}

static void
decide_navigation (KpWebFormPage *self, WebKitPolicyDecision *decision, gboolean new_window)
{
  WebKitNavigationAction *action = webkit_navigation_policy_decision_get_navigation_action (
      WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  WebKitURIRequest *request = webkit_navigation_action_get_request (action);
  const char *uri = webkit_uri_request_get_uri (request);

  if (!kp_web_verdict_is_allowed (kp_web_allow_list_check (self->allow_list, uri)))
    {
      log_refusal (new_window ? "a new window" : "a navigation", uri);
      webkit_policy_decision_ignore (decision);
      if (new_window)
        show_notice (self, NOTICE_REFUSED);
      else
        notice_unless_frame (self, uri);
      return;
    }
  if (!new_window)
    {
      webkit_policy_decision_use (decision);
      return;
    }
  /* An allowed pop-up or target=_blank opens here: the kiosk has one view. */
  webkit_policy_decision_ignore (decision);
  webkit_web_view_load_request (self->view, request);
}

static gboolean
is_attachment (WebKitURIResponse *response)
{
  SoupMessageHeaders *headers = webkit_uri_response_get_http_headers (response);
  const char *disposition
      = headers != NULL ? soup_message_headers_get_one (headers, "Content-Disposition") : NULL;

  return disposition != NULL && g_ascii_strncasecmp (disposition, "attachment", 10) == 0;
}

/*
 * Anything the view would save instead of show is refused here. A PDF the
 * form offers (the submission report) never gets this far: KpWebPrint,
 * connected first, takes it into the session's folder.
 */
static void
decide_response (KpWebFormPage *self, WebKitPolicyDecision *decision)
{
  WebKitResponsePolicyDecision *response_decision = WEBKIT_RESPONSE_POLICY_DECISION (decision);
  WebKitURIResponse *response = webkit_response_policy_decision_get_response (response_decision);
  const char *mime_type = webkit_uri_response_get_mime_type (response);

  if (webkit_response_policy_decision_is_mime_type_supported (response_decision)
      && !is_attachment (response) && g_strcmp0 (mime_type, "application/pdf") != 0)
    {
      webkit_policy_decision_use (decision);
      return;
    }
  log_refusal ("a download", webkit_uri_response_get_uri (response));
  webkit_policy_decision_ignore (decision);
  if (webkit_response_policy_decision_is_main_frame_main_resource (response_decision))
    show_notice (self, NOTICE_DOWNLOAD);
}

static gboolean
on_decide_policy (WebKitWebView *view,
                  WebKitPolicyDecision *decision,
                  WebKitPolicyDecisionType type,
                  KpWebFormPage *self)
{
  switch (type)
    {
      case WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION:
        decide_navigation (self, decision, FALSE);
        break;
      case WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION:
        decide_navigation (self, decision, TRUE);
        break;
      case WEBKIT_POLICY_DECISION_TYPE_RESPONSE:
        decide_response (self, decision);
        break;
      default:
        webkit_policy_decision_ignore (decision);
        break;
    }
  return TRUE;
}

/*
 * Never a second view. window.open() comes here without a new-window
 * decision. One the resident did not tap for is dropped, as a browser's
 * pop-up blocker would. After a tap, an allowed address is loaded in this
 * view, and any other is refused with the notice, so the tap is answered.
 */
static GtkWidget *
on_create (WebKitWebView *view, WebKitNavigationAction *action, KpWebFormPage *self)
{
  WebKitURIRequest *request = webkit_navigation_action_get_request (action);
  const char *uri = webkit_uri_request_get_uri (request);

  if (!webkit_navigation_action_is_user_gesture (action))
    log_refusal ("a pop-up without a tap", uri);
  else if (kp_web_verdict_is_allowed (kp_web_allow_list_check (self->allow_list, uri)))
    webkit_web_view_load_request (view, request);
  else
    {
      log_refusal ("a new window", uri);
      show_notice (self, NOTICE_REFUSED);
    }
  return NULL;
}

static void
on_download_started (WebKitNetworkSession *session, WebKitDownload *download, KpWebFormPage *self)
{
  log_refusal ("a download", webkit_uri_request_get_uri (webkit_download_get_request (download)));
  webkit_download_cancel (download);
  show_notice (self, NOTICE_DOWNLOAD);
}

static void
on_load_changed (WebKitWebView *view, WebKitLoadEvent event, KpWebFormPage *self)
{
  if (event != WEBKIT_LOAD_COMMITTED)
    return;
  update_address (self);
  /* A new document, maybe in a new process: a question to the old one is moot. */
  stop_heartbeat_question (self);
}

static gboolean
on_load_failed (
    WebKitWebView *view, WebKitLoadEvent event, const char *uri, GError *error, KpWebFormPage *self)
{
  /* Stopped on purpose: a refused navigation, a refused download, a newer load. */
  if (g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_CANCELLED)
      || g_error_matches (error, WEBKIT_POLICY_ERROR,
                          WEBKIT_POLICY_ERROR_FRAME_LOAD_INTERRUPTED_BY_POLICY_CHANGE))
    return TRUE;
  log_refusal ("a page that failed to load", uri);
  show_notice (self, NOTICE_FAILED);
  return TRUE;
}

/* No way past a certificate error: the kiosk never trusts one. */
static gboolean
on_load_failed_with_tls_errors (WebKitWebView *view,
                                const char *uri,
                                GTlsCertificate *certificate,
                                GTlsCertificateFlags errors,
                                KpWebFormPage *self)
{
  log_refusal ("a page with a certificate error", uri);
  show_notice (self, NOTICE_TLS);
  return TRUE;
}

static void
on_web_process_terminated (WebKitWebView *view,
                           WebKitWebProcessTerminationReason reason,
                           KpWebFormPage *self)
{
  g_message ("Web form: the page's process ended (%s)",
             reason == WEBKIT_WEB_PROCESS_EXCEEDED_MEMORY_LIMIT ? "memory limit" : "crash");
  stop_heartbeat (self);
  show_notice (self, NOTICE_CRASHED);
}

/*
 * A page busy loading may be slow for a while without being hung: it gets
 * the time twice. A page that has loaded gets it once.
 */
static gboolean
on_unresponsive_too_long (gpointer user_data)
{
  KpWebFormPage *self = user_data;
  g_autofree char *host = NULL;

  if (webkit_web_view_is_loading (self->view) && !self->missed_while_loading)
    {
      self->missed_while_loading = TRUE;
      return G_SOURCE_CONTINUE;
    }
  self->unresponsive_source = 0;
  host = kp_web_allow_list_dup_loggable (webkit_web_view_get_uri (self->view));
  g_message ("Web form: the page on %s did not answer for %d seconds", host, UNRESPONSIVE_SECONDS);
  stop_heartbeat (self);
  g_signal_handlers_disconnect_by_func (self->view, on_web_process_terminated, self);
  webkit_web_view_terminate_web_process (self->view);
  show_notice (self, NOTICE_CRASHED);
  return G_SOURCE_REMOVE;
}

/* Any answer, even an error, came from a page that is not hung. */
static void
on_heartbeat_answered (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KpWebFormPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JSCValue) value = webkit_web_view_evaluate_javascript_finish (
      WEBKIT_WEB_VIEW (source_object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  stop_heartbeat_question (self);
}

/*
 * A trivial script in the kiosk's own script world, which the page cannot
 * change; one question at a time. Not asked while the page waits for the
 * resident (its alert is shown: the page is stopped on purpose), before
 * it has an address, or while nobody sees it.
 */
static void
ask_heartbeat (KpWebFormPage *self)
{
  if (self->view == NULL || self->heartbeat != NULL || self->script_dialog != NULL
      || webkit_web_view_get_uri (self->view) == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  self->heartbeat = g_cancellable_new ();
  webkit_web_view_evaluate_javascript (self->view, "true", -1, KP_WEB_SCRIPT_WORLD, NULL,
                                       self->heartbeat, on_heartbeat_answered, g_object_ref (self));
  self->unresponsive_source
      = g_timeout_add_seconds (UNRESPONSIVE_SECONDS, on_unresponsive_too_long, self);
}

static gboolean
on_heartbeat_tick (gpointer user_data)
{
  ask_heartbeat (user_data);
  return G_SOURCE_CONTINUE;
}

static void
start_heartbeat (KpWebFormPage *self)
{
  self->heartbeat_source = g_timeout_add_seconds (HEARTBEAT_SECONDS, on_heartbeat_tick, self);
}

/* A tap in the page is answered at once by a page that works: asked right away. */
static void
on_page_tapped (GtkGestureClick *gesture, int n_press, double x, double y, KpWebFormPage *self)
{
  ask_heartbeat (self);
}

static gboolean
on_permission_request (WebKitWebView *view, WebKitPermissionRequest *request, KpWebFormPage *self)
{
  webkit_permission_request_deny (request);
  return TRUE;
}

/* A password the kiosk would have to type for the resident: never. */
static gboolean
on_authenticate (WebKitWebView *view, WebKitAuthenticationRequest *request, KpWebFormPage *self)
{
  webkit_authentication_request_cancel (request);
  return TRUE;
}

static gboolean
on_run_file_chooser (WebKitWebView *view, WebKitFileChooserRequest *request, KpWebFormPage *self)
{
  webkit_file_chooser_request_cancel (request);
  show_notice (self, NOTICE_FILE);
  return TRUE;
}

static gboolean
on_run_color_chooser (WebKitWebView *view, WebKitColorChooserRequest *request, KpWebFormPage *self)
{
  webkit_color_chooser_request_cancel (request);
  return TRUE;
}

/* Nothing the kiosk does not offer itself: no menu, no full screen, no system notifications. */
static gboolean
refuse (KpWebFormPage *self)
{
  return TRUE;
}

/*
 * window.print() and print buttons: KpWebPrint, connected first, prints
 * them through the kiosk's own path. Whatever reaches this handler is
 * refused, so no print dialog, a window of its own, is ever opened.
 */
static gboolean
on_print (WebKitWebView *view, WebKitPrintOperation *operation, KpWebFormPage *self)
{
  g_message ("Web form: refused printing");
  return TRUE;
}

/*
 * A page's alert, confirm and prompt are shown over the page in the
 * kiosk's style and answered later. "Leave this page?" of a beforeunload
 * handler is always answered yes: a page cannot keep a resident in it.
 */
static gboolean
on_script_dialog (WebKitWebView *view, WebKitScriptDialog *dialog, KpWebFormPage *self)
{
  WebKitScriptDialogType type = webkit_script_dialog_get_dialog_type (dialog);
  const char *message = webkit_script_dialog_get_message (dialog);

  if (type == WEBKIT_SCRIPT_DIALOG_BEFORE_UNLOAD_CONFIRM)
    {
      webkit_script_dialog_confirm_set_confirmed (dialog, TRUE);
      return TRUE;
    }
  close_script_dialog (self);
  /* The page waits for the resident now, as it should: that is not a hang. */
  stop_heartbeat_question (self);
  self->script_dialog = webkit_script_dialog_ref (dialog);
  ask (self, QUESTION_SCRIPT, message, _ ("OK"),
       type == WEBKIT_SCRIPT_DIALOG_ALERT ? NULL : _ ("Cancel"));
  if (type == WEBKIT_SCRIPT_DIALOG_PROMPT)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->question_entry),
                             webkit_script_dialog_prompt_get_default_text (dialog));
      gtk_widget_set_visible (GTK_WIDGET (self->question_entry), TRUE);
    }
  return TRUE;
}

static void
answer_script_dialog (KpWebFormPage *self, gboolean yes)
{
  WebKitScriptDialogType type = webkit_script_dialog_get_dialog_type (self->script_dialog);

  if (type == WEBKIT_SCRIPT_DIALOG_CONFIRM)
    webkit_script_dialog_confirm_set_confirmed (self->script_dialog, yes);
  else if (type == WEBKIT_SCRIPT_DIALOG_PROMPT)
    webkit_script_dialog_prompt_set_text (
        self->script_dialog,
        yes ? gtk_editable_get_text (GTK_EDITABLE (self->question_entry)) : NULL);
  close_script_dialog (self);
}

/* A kiosk's screen has GL; where GTK has none (a virtual screen), WebKit draws in software. */
static WebKitHardwareAccelerationPolicy
pick_acceleration (void)
{
  g_autoptr (GError) error = NULL;

  return gdk_display_prepare_gl (gdk_display_get_default (), &error)
             ? WEBKIT_HARDWARE_ACCELERATION_POLICY_ALWAYS
             : WEBKIT_HARDWARE_ACCELERATION_POLICY_NEVER;
}

/*
 * Scripts may open windows: create() never makes one, and every new-window
 * action goes through the allow-list into this same view.
 */
static WebKitSettings *
create_settings (void)
{
  return webkit_settings_new_with_settings (
      "hardware-acceleration-policy", pick_acceleration (), "enable-developer-extras", FALSE,
      "enable-fullscreen", FALSE, "javascript-can-open-windows-automatically", TRUE,
      "javascript-can-access-clipboard", FALSE, "allow-file-access-from-file-urls", FALSE,
      "allow-universal-access-from-file-urls", FALSE, "allow-top-navigation-to-data-urls", FALSE,
      "allow-modal-dialogs", FALSE, "enable-back-forward-navigation-gestures", FALSE,
      "enable-page-cache", FALSE, "enable-media-stream", FALSE, "enable-webrtc", FALSE,
      "enable-mock-capture-devices", FALSE, "media-playback-requires-user-gesture", TRUE, NULL);
}

/* Its own web process, capped in memory, with the kiosk's language first. (transfer full) */
static WebKitWebContext *
create_web_context (KpWebFormPage *self)
{
  g_autoptr (WebKitMemoryPressureSettings) memory = webkit_memory_pressure_settings_new ();
  const char *languages[] = { kp_config_get_default_language (self->config), NULL };
  WebKitWebContext *context;

  webkit_memory_pressure_settings_set_memory_limit (
      memory, kp_config_get_web_forms_memory_limit_mb (self->config));
  context = g_object_new (WEBKIT_TYPE_WEB_CONTEXT, "memory-pressure-settings", memory, NULL);
  webkit_web_context_set_cache_model (context, WEBKIT_CACHE_MODEL_DOCUMENT_VIEWER);
  webkit_web_context_set_preferred_languages (context, languages);
  return context;
}

static void
connect_view (KpWebFormPage *self)
{
  g_signal_connect (self->view, "decide-policy", G_CALLBACK (on_decide_policy), self);
  g_signal_connect (self->view, "create", G_CALLBACK (on_create), self);
  g_signal_connect (self->view, "load-changed", G_CALLBACK (on_load_changed), self);
  g_signal_connect (self->view, "load-failed", G_CALLBACK (on_load_failed), self);
  g_signal_connect (self->view, "load-failed-with-tls-errors",
                    G_CALLBACK (on_load_failed_with_tls_errors), self);
  g_signal_connect (self->view, "web-process-terminated", G_CALLBACK (on_web_process_terminated),
                    self);
  g_signal_connect (self->view, "permission-request", G_CALLBACK (on_permission_request), self);
  g_signal_connect (self->view, "authenticate", G_CALLBACK (on_authenticate), self);
  g_signal_connect (self->view, "run-file-chooser", G_CALLBACK (on_run_file_chooser), self);
  g_signal_connect (self->view, "run-color-chooser", G_CALLBACK (on_run_color_chooser), self);
  g_signal_connect_swapped (self->view, "context-menu", G_CALLBACK (refuse), self);
  g_signal_connect_swapped (self->view, "enter-fullscreen", G_CALLBACK (refuse), self);
  g_signal_connect_swapped (self->view, "show-notification", G_CALLBACK (refuse), self);
  g_signal_connect (self->view, "print", G_CALLBACK (on_print), self);
  g_signal_connect (self->view, "script-dialog", G_CALLBACK (on_script_dialog), self);
}

/*
 * A web view made insecure on purpose (its sandbox switched off through
 * the environment) is never made: a resident types their DigiD here.
 */
static gboolean
is_environment_safe (void)
{
  return g_getenv ("WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS") == NULL;
}

static void
start_session (KpWebFormPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WebKitWebContext) context = NULL;
  g_autoptr (WebKitSettings) settings = NULL;
  g_autoptr (WebKitUserContentManager) content_manager = NULL;

  if (!is_environment_safe ())
    {
      g_message ("Web form: not opened, the web view's sandbox is switched off");
      show_notice (self, NOTICE_UNSAFE);
      return;
    }
  self->session_folder = g_dir_make_tmp ("kernpunt-form-XXXXXX", &error);
  if (self->session_folder == NULL)
    {
      g_message ("Web form: no temporary folder: %s", error->message);
      show_notice (self, NOTICE_FAILED);
      return;
    }
  self->cancellable = g_cancellable_new ();
  self->network_session = webkit_network_session_new_ephemeral ();
  webkit_network_session_set_tls_errors_policy (self->network_session,
                                                WEBKIT_TLS_ERRORS_POLICY_FAIL);

  context = create_web_context (self);
  settings = create_settings ();
  content_manager = webkit_user_content_manager_new ();
  self->view = g_object_new (WEBKIT_TYPE_WEB_VIEW, "web-context", context, "network-session",
                             self->network_session, "settings", settings, "user-content-manager",
                             content_manager, NULL);
  /*
   * Printing and the form's PDF (KpWebPrint) wrap the view. Made before this
   * page's handlers, so it sees print, PDF responses and its download first.
   */
  adw_bin_set_child (self->view_slot, kp_web_print_new (self->view, self->config,
                                                        self->session_folder, self->form_id));
  g_signal_connect (self->network_session, "download-started", G_CALLBACK (on_download_started),
                    self);
  connect_view (self);
  connect_keyboard (self);
  g_signal_connect (get_primary (self), "changed", G_CALLBACK (on_primary_changed), self);
  start_heartbeat (self);
  apply_zoom (self);
  show_web (self);
  compile_content_filter (self);
}

static void
on_spoken (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *wav = kp_speaker_speak_finish (KP_SPEAKER (source_object), result, &error);

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not read aloud: %s", error->message);
}

/* The page's language when the kiosk has a voice for it, else the kiosk's own. */
static const char *
pick_voice (KpWebFormPage *self, const char *page_language)
{
  const char *const *languages = kp_config_get_languages (self->config);

  for (gsize i = 0; languages[i] != NULL; i++)
    {
      if (g_ascii_strncasecmp (page_language, languages[i], strlen (languages[i])) == 0)
        return languages[i];
    }
  return kp_config_get_default_language (self->config);
}

static void
speak (KpWebFormPage *self, const char *text, const char *language)
{
  if (text == NULL || *text == '\0')
    return;
  kp_speaker_speak_async (self->speaker, text, language, self->cancellable, on_spoken, NULL);
}

static void
on_page_text (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KpWebFormPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JSCValue) value = webkit_web_view_evaluate_javascript_finish (
      WEBKIT_WEB_VIEW (source_object), result, &error);
  g_autofree char *json = value != NULL ? jsc_value_to_string (value) : NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *object;

  if (json == NULL || self->cancellable == NULL
      || !json_parser_load_from_data (parser, json, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  object = json_node_get_object (json_parser_get_root (parser));
  speak (self, json_object_get_string_member_with_default (object, "text", NULL),
         pick_voice (self, json_object_get_string_member_with_default (object, "lang", "")));
}

static void
read_aloud_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpWebFormPage *self = KP_WEB_FORM_PAGE (widget);
  g_autofree char *shown = NULL;

  if (self->cancellable == NULL)
    return;
  /* A notice or question of the kiosk is read as the kiosk's own words. */
  if (gtk_widget_get_visible (self->question_box)
      || g_str_equal (gtk_stack_get_visible_child_name (self->stack), "notice"))
    {
      shown = kp_visible_text_collect (gtk_widget_get_visible (self->question_box)
                                           ? self->question_box
                                           : GTK_WIDGET (self->notice_page));
      speak (self, shown, kp_config_get_default_language (self->config));
      return;
    }
  webkit_web_view_evaluate_javascript (self->view, read_aloud_script, -1, NULL, NULL,
                                       self->cancellable, on_page_text, g_object_ref (self));
}

static gboolean
is_showing_page (KpWebFormPage *self)
{
  return self->view != NULL && g_str_equal (gtk_stack_get_visible_child_name (self->stack), "web");
}

/*
 * Back first closes what is over the page, then goes back within the
 * form; out of the form it asks first, because that forgets what was typed.
 */
static void
back_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpWebFormPage *self = KP_WEB_FORM_PAGE (widget);

  if (self->question == QUESTION_STOP)
    hide_question (self);
  else if (self->view != NULL && !is_showing_page (self) && self->notice != NOTICE_CRASHED
           && webkit_web_view_get_uri (self->view) != NULL)
    show_web (self);
  else if (is_showing_page (self) && webkit_web_view_can_go_back (self->view))
    webkit_web_view_go_back (self->view);
  else
    stop_form (self, "kiosk.back");
}

static void
home_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  stop_form (KP_WEB_FORM_PAGE (widget), "kiosk.home");
}

static void
zoom_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpWebFormPage *self = KP_WEB_FORM_PAGE (widget);

  if (g_str_equal (action_name, "web-form.zoom-in"))
    self->zoom_index = MIN (self->zoom_index + 1, G_N_ELEMENTS (zoom_levels) - 1);
  else if (self->zoom_index > 0)
    self->zoom_index--;
  apply_zoom (self);
}

static void
notice_button_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpWebFormPage *self = KP_WEB_FORM_PAGE (widget);

  if (self->notice == NOTICE_CRASHED)
    restart_session (self);
  else
    back_action (widget, "web-form.back", NULL);
}

static void
question_answer_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpWebFormPage *self = KP_WEB_FORM_PAGE (widget);
  gboolean yes = g_str_equal (action_name, "web-form.question-yes");
  Question question = self->question;

  if (question == QUESTION_SCRIPT && self->script_dialog != NULL)
    answer_script_dialog (self, yes);
  hide_question (self);
  if (question == QUESTION_STOP && yes)
    leave (self, self->stop_action);
}

/*
 * Browser and GTK shortcuts that could open, save, print, inspect or close
 * something: swallowed before the page or GTK sees them. The kiosk's own
 * (Alt+Left, Alt+Home, F1) do what its bar does.
 */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint keyval,
                guint keycode,
                GdkModifierType state,
                KpWebFormPage *self)
{
  GdkModifierType modifiers = state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK);
  guint key = gdk_keyval_to_lower (keyval);
  const char *refused_with_control = "lostpnwqrug";

  if (modifiers == GDK_ALT_MASK && key == GDK_KEY_Left)
    return gtk_widget_activate_action (GTK_WIDGET (self), "web-form.back", NULL);
  if (modifiers == GDK_ALT_MASK && key == GDK_KEY_Home)
    return gtk_widget_activate_action (GTK_WIDGET (self), "web-form.home", NULL);
  if (modifiers == 0 && key == GDK_KEY_F1)
    return gtk_widget_activate_action (GTK_WIDGET (self), "kiosk.help", NULL);
  if ((modifiers & GDK_CONTROL_MASK) && key < 0x80 && strchr (refused_with_control, (int) key))
    return TRUE;
  if ((modifiers == (GDK_CONTROL_MASK | GDK_SHIFT_MASK))
      && (key == GDK_KEY_i || key == GDK_KEY_j || key == GDK_KEY_c))
    return TRUE;
  if ((modifiers & GDK_ALT_MASK) && (key == GDK_KEY_F4 || key == GDK_KEY_Right))
    return TRUE;
  return key == GDK_KEY_F5 || key == GDK_KEY_F7 || key == GDK_KEY_F11 || key == GDK_KEY_F12;
}

/* Shown again after it was forgotten (Home, then the same form): a fresh start. */
static void
kp_web_form_page_map (GtkWidget *widget)
{
  KpWebFormPage *self = KP_WEB_FORM_PAGE (widget);

  GTK_WIDGET_CLASS (kp_web_form_page_parent_class)->map (widget);

  if (self->view == NULL && self->notice != NOTICE_UNSAFE)
    start_session (self);
}

/* A form left on a page nobody sees is a form the next visitor could find. */
static void
kp_web_form_page_unmap (GtkWidget *widget)
{
  forget_session (KP_WEB_FORM_PAGE (widget));

  GTK_WIDGET_CLASS (kp_web_form_page_parent_class)->unmap (widget);
}

static void
kp_web_form_page_dispose (GObject *object)
{
  KpWebFormPage *self = KP_WEB_FORM_PAGE (object);

  drop_session (self);

  G_OBJECT_CLASS (kp_web_form_page_parent_class)->dispose (object);
}

static void
kp_web_form_page_finalize (GObject *object)
{
  KpWebFormPage *self = KP_WEB_FORM_PAGE (object);

  g_clear_object (&self->allow_list);
  g_clear_pointer (&self->start_url, g_free);
  g_clear_pointer (&self->form_id, g_free);
  g_clear_object (&self->speaker);
  g_clear_object (&self->config);

  G_OBJECT_CLASS (kp_web_form_page_parent_class)->finalize (object);
}

static void
kp_web_form_page_class_init (KpWebFormPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kp_web_form_page_dispose;
  object_class->finalize = kp_web_form_page_finalize;
  widget_class->map = kp_web_form_page_map;
  widget_class->unmap = kp_web_form_page_unmap;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/kp-web-form-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KpWebFormPage, padlock_image);
  gtk_widget_class_bind_template_child (widget_class, KpWebFormPage, host_label);
  gtk_widget_class_bind_template_child (widget_class, KpWebFormPage, security_label);
  gtk_widget_class_bind_template_child (widget_class, KpWebFormPage, stack);
  gtk_widget_class_bind_template_child (widget_class, KpWebFormPage, view_slot);
  gtk_widget_class_bind_template_child (widget_class, KpWebFormPage, notice_page);
  gtk_widget_class_bind_template_child (widget_class, KpWebFormPage, notice_button);
  gtk_widget_class_bind_template_child (widget_class, KpWebFormPage, question_box);
  gtk_widget_class_bind_template_child (widget_class, KpWebFormPage, question_label);
  gtk_widget_class_bind_template_child (widget_class, KpWebFormPage, question_entry);
  gtk_widget_class_bind_template_child (widget_class, KpWebFormPage, question_no);
  gtk_widget_class_bind_template_child (widget_class, KpWebFormPage, question_yes);

  gtk_widget_class_install_action (widget_class, "web-form.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "web-form.home", NULL, home_action);
  gtk_widget_class_install_action (widget_class, "web-form.read-aloud", NULL, read_aloud_action);
  gtk_widget_class_install_action (widget_class, "web-form.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "web-form.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "web-form.notice-button", NULL,
                                   notice_button_action);
  gtk_widget_class_install_action (widget_class, "web-form.question-yes", NULL,
                                   question_answer_action);
  gtk_widget_class_install_action (widget_class, "web-form.question-no", NULL,
                                   question_answer_action);
}

static void
kp_web_form_page_init (KpWebFormPage *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkGesture *taps = gtk_gesture_click_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Seen before the page gets it, and left to the page: never claimed. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (taps), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (taps), GTK_PHASE_CAPTURE);
  g_signal_connect (taps, "pressed", G_CALLBACK (on_page_tapped), self);
  gtk_widget_add_controller (GTK_WIDGET (self->view_slot), GTK_EVENT_CONTROLLER (taps));

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

GtkWidget *
kp_web_form_page_new (KpConfig *config,
                      KpSpeaker *speaker,
                      const char *form_id,
                      const char *start_url)
{
  KpWebFormPage *self;

  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);
  g_return_val_if_fail (KP_IS_SPEAKER (speaker), NULL);
  g_return_val_if_fail (form_id != NULL, NULL);
  g_return_val_if_fail (start_url != NULL, NULL);

  self = g_object_new (KP_TYPE_WEB_FORM_PAGE, NULL);
  self->config = g_object_ref (config);
  self->speaker = g_object_ref (speaker);
  self->form_id = g_strdup (form_id);
  self->start_url = g_strdup (start_url);
  self->allow_list = kp_web_allow_list_new (kp_config_get_web_forms_allowed_hosts (config),
                                            kp_config_get_web_forms_allow_loopback_http (config));
  update_address (self);
  start_session (self);
  return GTK_WIDGET (self);
}

const char *
kp_web_form_page_get_form_id (KpWebFormPage *self)
{
  g_return_val_if_fail (KP_IS_WEB_FORM_PAGE (self), NULL);

  return self->form_id;
}

gboolean
kp_web_form_page_has_session (KpWebFormPage *self)
{
  g_return_val_if_fail (KP_IS_WEB_FORM_PAGE (self), FALSE);

  return self->view != NULL;
}

const char *
kp_web_form_page_get_session_folder (KpWebFormPage *self)
{
  g_return_val_if_fail (KP_IS_WEB_FORM_PAGE (self), NULL);

  return self->session_folder;
}

void
kp_web_form_page_clean_environment (void)
{
  g_auto (GStrv) environment = g_get_environ ();

  for (gsize i = 0; environment[i] != NULL; i++)
    {
      if (g_str_has_prefix (environment[i], "WEBKIT_INSPECTOR_"))
        {
          g_autofree char *name = g_strndup (environment[i], strcspn (environment[i], "="));

          g_unsetenv (name);
        }
    }
}
