/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * Somewhere the on-screen keyboard types that is not a GTK editable: a
 * field in a web page. The keyboard hands it what a key means; the sink
 * says what kind of text it wants, so the keyboard can pick its layout
 * and know when a key must not be shown pressed (a password).
 */
#define KP_TYPE_KEYBOARD_SINK (kp_keyboard_sink_get_type ())
G_DECLARE_INTERFACE (KpKeyboardSink, kp_keyboard_sink, KP, KEYBOARD_SINK, GObject)

struct _KpKeyboardSinkInterface
{
  GTypeInterface parent_iface;

  GtkInputPurpose (*get_input_purpose) (KpKeyboardSink *self);
  void (*commit) (KpKeyboardSink *self, const char *text);
  void (*delete_before_cursor) (KpKeyboardSink *self);
  void (*activate) (KpKeyboardSink *self);
};

GtkInputPurpose kp_keyboard_sink_get_input_purpose (KpKeyboardSink *self);
/* Types @text where the cursor is, in place of a selection. */
void kp_keyboard_sink_commit (KpKeyboardSink *self, const char *text);
/* Backspace: the character before the cursor, or the selection. */
void kp_keyboard_sink_delete_before_cursor (KpKeyboardSink *self);
/* Enter: what a physical Enter key does in the field. */
void kp_keyboard_sink_activate (KpKeyboardSink *self);

G_END_DECLS
