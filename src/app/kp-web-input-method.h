/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <webkit/webkit.h>

#include "kp-keyboard-sink.h"

G_BEGIN_DECLS

/* The kiosk's own scripts in a page run in this world, apart from the page's, which cannot reach them. */
#define KP_WEB_SCRIPT_WORLD "kernpunt"

/*
 * The input method of a web form's view: how the kiosk's on-screen
 * keyboard types into a page. WebKit tells it when a text field of the
 * page gets or loses the focus and what the field wants (e-mail, digits,
 * a phone number, a password); it is a KpKeyboardSink, so the keyboard's
 * keys become text committed into that field. It never composes
 * (no preedit) and keeps nothing of what was typed.
 *
 * "active" is TRUE while a field of the page has the focus: the page
 * shows the keyboard for it, and puts it away when it turns FALSE.
 * Physical keys pass through to the page untouched.
 */
#define KP_TYPE_WEB_INPUT_METHOD (kp_web_input_method_get_type ())
G_DECLARE_FINAL_TYPE (
    KpWebInputMethod, kp_web_input_method, KP, WEB_INPUT_METHOD, WebKitInputMethodContext)

/* For @view, which Enter submits the form of; held weakly. (transfer full) */
KpWebInputMethod *kp_web_input_method_new (WebKitWebView *view);

gboolean kp_web_input_method_get_active (KpWebInputMethod *self);

G_END_DECLS
