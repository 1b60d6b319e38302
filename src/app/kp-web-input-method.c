/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-web-input-method.h"

/*
 * Enter in a field does what a physical Enter does there: a form with a
 * submit button is sent the way the page would send it.
 */
static const char submit_script[]
    = "var field = document.activeElement;"
      "if (field && field.form && field.tagName === 'INPUT') field.form.requestSubmit ();";

struct _KpWebInputMethod
{
  WebKitInputMethodContext parent_instance;

  WebKitWebView *view; /* weak */
  gboolean active;
};

static void kp_web_input_method_sink_init (KpKeyboardSinkInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KpWebInputMethod,
                               kp_web_input_method,
                               WEBKIT_TYPE_INPUT_METHOD_CONTEXT,
                               G_IMPLEMENT_INTERFACE (KP_TYPE_KEYBOARD_SINK,
                                                      kp_web_input_method_sink_init))

enum
{
  PROP_0,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_active (KpWebInputMethod *self, gboolean active)
{
  if (self->active == active)
    return;

  self->active = active;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

static GtkInputPurpose
get_input_purpose (KpKeyboardSink *sink)
{
  switch (webkit_input_method_context_get_input_purpose (WEBKIT_INPUT_METHOD_CONTEXT (sink)))
    {
      case WEBKIT_INPUT_PURPOSE_DIGITS:
        return GTK_INPUT_PURPOSE_DIGITS;
      case WEBKIT_INPUT_PURPOSE_NUMBER:
        return GTK_INPUT_PURPOSE_NUMBER;
      case WEBKIT_INPUT_PURPOSE_PHONE:
        return GTK_INPUT_PURPOSE_PHONE;
      case WEBKIT_INPUT_PURPOSE_URL:
        return GTK_INPUT_PURPOSE_URL;
      case WEBKIT_INPUT_PURPOSE_EMAIL:
        return GTK_INPUT_PURPOSE_EMAIL;
      case WEBKIT_INPUT_PURPOSE_PASSWORD:
        return GTK_INPUT_PURPOSE_PASSWORD;
      case WEBKIT_INPUT_PURPOSE_FREE_FORM:
      default:
        return GTK_INPUT_PURPOSE_FREE_FORM;
    }
}

static void
commit (KpKeyboardSink *sink, const char *text)
{
  g_signal_emit_by_name (sink, "committed", text);
}

/*
 * The page's own Backspace, run where the text is: "delete-surrounding"
 * would count from where WebKit last saw the cursor, which lags behind
 * keys typed a moment before.
 */
static void
delete_before_cursor (KpKeyboardSink *sink)
{
  KpWebInputMethod *self = KP_WEB_INPUT_METHOD (sink);

  if (self->view != NULL)
    webkit_web_view_execute_editing_command (self->view, "DeleteBackward");
}

static void
activate (KpKeyboardSink *sink)
{
  KpWebInputMethod *self = KP_WEB_INPUT_METHOD (sink);

  if (self->view != NULL)
    webkit_web_view_evaluate_javascript (self->view, submit_script, -1, KP_WEB_SCRIPT_WORLD, NULL,
                                         NULL, NULL, NULL);
}

static void
notify_focus_in (WebKitInputMethodContext *context)
{
  set_active (KP_WEB_INPUT_METHOD (context), TRUE);
}

static void
notify_focus_out (WebKitInputMethodContext *context)
{
  set_active (KP_WEB_INPUT_METHOD (context), FALSE);
}

/* Nothing is composed: every key is committed at once, so no text waits here. */
static void
get_preedit (WebKitInputMethodContext *context, char **text, GList **underlines, guint *cursor)
{
  if (text != NULL)
    *text = g_strdup ("");
  if (underlines != NULL)
    *underlines = NULL;
  if (cursor != NULL)
    *cursor = 0;
}

/* A physical key is the page's: this input method has nothing to add to it. */
static gboolean
filter_key_event (WebKitInputMethodContext *context, GdkEvent *key_event)
{
  return FALSE;
}

/* The keyboard has no state of its own to reset, and needs no caret position or text around it. */
static void
ignore (WebKitInputMethodContext *context)
{
}

static void
ignore_cursor_area (WebKitInputMethodContext *context, int x, int y, int width, int height)
{
}

static void
ignore_surrounding (WebKitInputMethodContext *context,
                    const char *text,
                    guint length,
                    guint cursor_index,
                    guint selection_index)
{
}

static void
ignore_enable_preedit (WebKitInputMethodContext *context, gboolean enabled)
{
}

static void
kp_web_input_method_dispose (GObject *object)
{
  KpWebInputMethod *self = KP_WEB_INPUT_METHOD (object);

  g_clear_weak_pointer (&self->view);

  G_OBJECT_CLASS (kp_web_input_method_parent_class)->dispose (object);
}

static void
kp_web_input_method_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KpWebInputMethod *self = KP_WEB_INPUT_METHOD (object);

  switch (prop_id)
    {
      case PROP_ACTIVE:
        g_value_set_boolean (value, self->active);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kp_web_input_method_sink_init (KpKeyboardSinkInterface *iface)
{
  iface->get_input_purpose = get_input_purpose;
  iface->commit = commit;
  iface->delete_before_cursor = delete_before_cursor;
  iface->activate = activate;
}

static void
kp_web_input_method_class_init (KpWebInputMethodClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  WebKitInputMethodContextClass *context_class = WEBKIT_INPUT_METHOD_CONTEXT_CLASS (klass);

  object_class->dispose = kp_web_input_method_dispose;
  object_class->get_property = kp_web_input_method_get_property;

  context_class->notify_focus_in = notify_focus_in;
  context_class->notify_focus_out = notify_focus_out;
  context_class->get_preedit = get_preedit;
  context_class->filter_key_event = filter_key_event;
  context_class->reset = ignore;
  context_class->notify_cursor_area = ignore_cursor_area;
  context_class->notify_surrounding = ignore_surrounding;
  context_class->set_enable_preedit = ignore_enable_preedit;

  /* TRUE while a text field of the page has the focus. */
  properties[PROP_ACTIVE]
      = g_param_spec_boolean ("active", NULL, NULL, FALSE,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kp_web_input_method_init (KpWebInputMethod *self)
{
}

KpWebInputMethod *
kp_web_input_method_new (WebKitWebView *view)
{
  KpWebInputMethod *self;

  g_return_val_if_fail (WEBKIT_IS_WEB_VIEW (view), NULL);

  self = g_object_new (KP_TYPE_WEB_INPUT_METHOD, NULL);
  g_set_weak_pointer (&self->view, view);
  return self;
}

gboolean
kp_web_input_method_get_active (KpWebInputMethod *self)
{
  g_return_val_if_fail (KP_IS_WEB_INPUT_METHOD (self), FALSE);

  return self->active;
}
