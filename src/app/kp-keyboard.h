/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  KP_KEYBOARD_LAYOUT_LETTERS, /* Dutch QWERTY */
  KP_KEYBOARD_LAYOUT_NUMBERS, /* postcodes, house numbers, phone numbers */
  KP_KEYBOARD_LAYOUT_EMAIL,   /* letters with @, . and .nl */
} KpKeyboardLayout;

/*
 * The on-screen keyboard. Kiosks have no physical keyboard and the cage
 * compositor offers none, so the app brings its own. Its keys never take
 * the focus: they type into the target editable, which keeps it.
 */
#define KP_TYPE_KEYBOARD (kp_keyboard_get_type ())
G_DECLARE_FINAL_TYPE (KpKeyboard, kp_keyboard, KP, KEYBOARD, GtkWidget)

GtkWidget *kp_keyboard_new (void);
/* (nullable): the editable that keys type into; also picks the layout from its input purpose */
void kp_keyboard_set_target (KpKeyboard *self, GtkEditable *target);
GtkEditable *kp_keyboard_get_target (KpKeyboard *self);
void kp_keyboard_set_layout (KpKeyboard *self, KpKeyboardLayout layout);
KpKeyboardLayout kp_keyboard_get_layout (KpKeyboard *self);

G_END_DECLS
