/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gtk/gtk.h>

#include "kp-config.h"
#include "kp-speaker.h"

G_BEGIN_DECLS

/*
 * Eyes-free use (EN 301 549 5.1): a resident who cannot see the screen
 * walks it with a keypad of five keys — Up, Down, Action, Help, Back — or
 * the arrow keys, Enter, Escape and F1 of any keyboard. The first such key
 * turns speech mode on for the rest of the session. In a text field the
 * arrows, Enter and Escape stay the field's until speech mode is on (a
 * scanner types a number and Enter), and in a web page always the
 * page's; F1 and the keypad work everywhere. Up and Down then move
 * through every element of the screen in reading order and say what it
 * is ("Button: Make an appointment"); the keyboard focus follows, with a
 * thick outline. Action activates, Back goes back, Help says where you
 * are and, pressed again, what you can do; Help held for a second repeats
 * the last sentence. A key or a touch stops the sentence being said.
 * Plugging in a headset turns it on as well (see KpHeadsetMonitor). The
 * volume keys (and [speech-mode] key-louder, key-softer) change the
 * volume in steps, with or without speech mode. On a receipt, the whole
 * slip is said: what, when, where, what to bring and the reference.
 *
 * The window makes one and tells it when the session ends.
 */
#define KP_TYPE_SPEECH_MODE (kp_speech_mode_get_type ())
G_DECLARE_FINAL_TYPE (KpSpeechMode, kp_speech_mode, KP, SPEECH_MODE, GObject)

/*
 * Listens to @window's keys and touches; @window must be a KpWindow and
 * outlive the speech mode. (transfer full)
 */
KpSpeechMode *kp_speech_mode_new (GtkWidget *window, KpConfig *config, KpSpeaker *speaker);

/* The "active" property: whether the session is in speech mode. */
gboolean kp_speech_mode_get_active (KpSpeechMode *self);
/* Turning it on says how it works; off (at the end of a session) is silent. */
void kp_speech_mode_set_active (KpSpeechMode *self, gboolean active);
/* (nullable) (transfer none): the element last spoken */
GtkWidget *kp_speech_mode_get_current (KpSpeechMode *self);
/* The last sentence said in speech mode, "" before the first. (transfer none) */
const char *kp_speech_mode_get_last_sentence (KpSpeechMode *self);
/*
 * Whether "Say your details out loud?" waits for an answer: asked, once a
 * session, when a name, phone number, e-mail address or reference is
 * first to be said and no headset is plugged in. Action answers yes,
 * Back no; Up and Down go on, which is no as well. Shown on screen too.
 */
gboolean kp_speech_mode_get_asking (KpSpeechMode *self);

/*
 * What the key controller calls: a key went down or up. Returns TRUE when
 * speech mode used the key; FALSE for a key left to the focused text field
 * or web page (see above). Public so a test can press the keypad without
 * a real keyboard.
 */
gboolean kp_speech_mode_key_pressed (KpSpeechMode *self, guint keyval, GdkModifierType state);
void kp_speech_mode_key_released (KpSpeechMode *self, guint keyval);

/*
 * For a page: @message, an error about the field or question @name, has
 * just appeared. Said at once when the window @widget is in is in speech
 * mode ("Check “What is your name?”: Use at least 2 letters."); nothing
 * otherwise.
 */
void kp_speech_mode_announce_error (GtkWidget *widget, const char *name, const char *message);
/*
 * For a page: @region, the answer the resident waited for, has just
 * appeared. Said at once, whole, when the window is in speech mode, each
 * element as Down would say it (personal details only as Down would), and
 * the walk goes on from its first element; nothing otherwise.
 */
void kp_speech_mode_announce (GtkWidget *region);

/*
 * Marks @widget, a field or a label, as showing personal details: a name,
 * phone number, e-mail address or reference. Speech mode says them only
 * into a headset, never on the loudspeaker. Fields whose input purpose is
 * a name, phone number, e-mail address, PIN or password need no mark.
 */
void kp_speech_mode_mark_private (GtkWidget *widget);
/* Whether a field of @purpose holds personal details. */
gboolean kp_speech_mode_purpose_is_private (GtkInputPurpose purpose);

/*
 * Every element speech mode walks through below @root, in reading order:
 * mapped labels with text, and mapped, sensitive interactive widgets
 * (buttons, tick boxes, entries); the on-screen keyboard's keys come right
 * after the entry they type into. (transfer container)
 */
GPtrArray *kp_speech_mode_list_elements (GtkWidget *root);
/* Whether speech mode treats @widget as something to act on, not only to read. */
gboolean kp_speech_mode_is_interactive (GtkWidget *widget);
/*
 * What speech mode says for @element: "Button: Make an appointment",
 * "Tick box, ticked: Keep me informed", "Text field: Postcode, empty".
 * Masked fields say only "dot" per character; with @say_details FALSE,
 * names, phone numbers, e-mail addresses and references are not said.
 * (transfer full)
 */
char *kp_speech_mode_describe (GtkWidget *element, gboolean say_details);

G_END_DECLS
