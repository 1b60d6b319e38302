/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-keyboard-sink.h"

G_DEFINE_INTERFACE (KpKeyboardSink, kp_keyboard_sink, G_TYPE_OBJECT)

static void
kp_keyboard_sink_default_init (KpKeyboardSinkInterface *iface)
{
}

GtkInputPurpose
kp_keyboard_sink_get_input_purpose (KpKeyboardSink *self)
{
  g_return_val_if_fail (KP_IS_KEYBOARD_SINK (self), GTK_INPUT_PURPOSE_FREE_FORM);

  return KP_KEYBOARD_SINK_GET_IFACE (self)->get_input_purpose (self);
}

void
kp_keyboard_sink_commit (KpKeyboardSink *self, const char *text)
{
  g_return_if_fail (KP_IS_KEYBOARD_SINK (self));
  g_return_if_fail (text != NULL);

  KP_KEYBOARD_SINK_GET_IFACE (self)->commit (self, text);
}

void
kp_keyboard_sink_delete_before_cursor (KpKeyboardSink *self)
{
  g_return_if_fail (KP_IS_KEYBOARD_SINK (self));

  KP_KEYBOARD_SINK_GET_IFACE (self)->delete_before_cursor (self);
}

void
kp_keyboard_sink_activate (KpKeyboardSink *self)
{
  g_return_if_fail (KP_IS_KEYBOARD_SINK (self));

  KP_KEYBOARD_SINK_GET_IFACE (self)->activate (self);
}
