/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gtk/gtk.h>

#include "kp-keyboard-sink.h"

G_BEGIN_DECLS

typedef enum
{
  KP_KEYBOARD_LAYOUT_LETTERS, /* Dutch QWERTY */
  KP_KEYBOARD_LAYOUT_NUMBERS, /* postcodes, house numbers, phone numbers */
  KP_KEYBOARD_LAYOUT_EMAIL,   /* letters with @, . and .nl */
} KpKeyboardLayout;

#define KP_TYPE_KEYBOARD_LAYOUT (kp_keyboard_layout_get_type ())
GType kp_keyboard_layout_get_type (void);

/*
 * The on-screen keyboard. Kiosks have no physical keyboard and the cage
 * compositor offers none, so the app brings its own. Its keys never take
 * the focus: they type into the target editable, which keeps it.
 *
 * Properties: "target", "layout", "key-height" (pixels; the shell sets it
 * from the screen's size so every key is at least 12 mm high), and the
 * one-shot latches "shift" and "accents".
 */
#define KP_TYPE_KEYBOARD (kp_keyboard_get_type ())
G_DECLARE_FINAL_TYPE (KpKeyboard, kp_keyboard, KP, KEYBOARD, GtkWidget)

GtkWidget *kp_keyboard_new (void);
/* (nullable): the editable that keys type into; also picks the layout from its input purpose */
void kp_keyboard_set_target (KpKeyboard *self, GtkEditable *target);
GtkEditable *kp_keyboard_get_target (KpKeyboard *self);
/*
 * (nullable): a web page's field that keys type into instead of an
 * editable (setting one clears the other); also picks the layout.
 */
void kp_keyboard_set_sink (KpKeyboard *self, KpKeyboardSink *sink);
KpKeyboardSink *kp_keyboard_get_sink (KpKeyboard *self);
void kp_keyboard_set_layout (KpKeyboard *self, KpKeyboardLayout layout);
KpKeyboardLayout kp_keyboard_get_layout (KpKeyboard *self);
/* The height of every key in pixels; the shell computes it from the screen's millimetres. */
void kp_keyboard_set_key_height (KpKeyboard *self, int key_height);
int kp_keyboard_get_key_height (KpKeyboard *self);
/* Large text: the function keys show their signs without their names, so the keys fit across. */
void kp_keyboard_set_large_text (KpKeyboard *self, gboolean large_text);
gboolean kp_keyboard_get_large_text (KpKeyboard *self);

G_END_DECLS
