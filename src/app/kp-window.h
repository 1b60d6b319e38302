/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <adwaita.h>

#include "kp-camera.h"
#include "kp-config.h"
#include "kp-events.h"
#include "kp-keyboard-sink.h"
#include "kp-outbox.h"
#include "kp-speaker.h"
#include "kp-speech-mode.h"

G_BEGIN_DECLS

/*
 * The kiosk's one window: full screen, no way out. It owns the session:
 * the pages and their back history, the bar, Help, Read aloud, the
 * language, the on-screen keyboard and the idle wipe. All of it is
 * reachable as "kiosk." widget actions, so a button, a shortcut and a test
 * do the same thing.
 */
#define KP_TYPE_WINDOW (kp_window_get_type ())
G_DECLARE_FINAL_TYPE (KpWindow, kp_window, KP, WINDOW, AdwApplicationWindow)

/* @application is nullable, so tests can make a window without one. */
KpWindow *
kp_window_new (GtkApplication *application, KpConfig *config, KpOutbox *outbox, KpSpeaker *speaker);

/* The session's language, e.g. "nl". */
const char *kp_window_get_language (KpWindow *self);
/* Switches the language and rebuilds every page in it; unknown codes are ignored. */
void kp_window_set_language (KpWindow *self, const char *language);
/*
 * The "large-text" property, also the "kiosk.large-text" action: every
 * capital at least 0.7° high at [screen] viewing-distance-mm (see
 * KpLargeText). Off again when the session ends.
 */
gboolean kp_window_get_large_text (KpWindow *self);
void kp_window_set_large_text (KpWindow *self, gboolean large_text);
/*
 * The name of the page on screen: "home", "follow", a home tile id, or a
 * guide page: "information", "group:ID", "topic:SLUG".
 */
const char *kp_window_get_page_name (KpWindow *self);

/*
 * (transfer none): what a person can read and act on now, in reading
 * order: a notice over the page, or the bar, the page and the keyboard.
 */
GtkWidget *kp_window_get_reading_root (KpWindow *self);
/* (transfer none): the session's eyes-free speech mode */
KpSpeechMode *kp_window_get_speech_mode (KpWindow *self);

/* (nullable) (transfer none): where the window counts what happens, for the pilot */
KpEvents *kp_window_get_events (KpWindow *self);
/*
 * For pages: counts @kind with @detail (see KpEventKind) on the window
 * @widget is in; nothing when it is in none, e.g. a page a test made alone.
 */
void kp_window_record_event_for (GtkWidget *widget, KpEventKind kind, const char *detail);
/*
 * For the web form page: the resident finished the e-form @form_id (its
 * submission went through). Counted once as "form-finished"; a form whose
 * page leaves the screen without this counts as "form-abandoned".
 */
void kp_window_record_e_form_finished_for (GtkWidget *widget, const char *form_id);
/*
 * For a page whose fields are not GTK editables (the web form): while
 * @focused, the on-screen keyboard of the window @widget is in types into
 * @sink and is up; when @sink loses the focus the keyboard goes away,
 * unless it has moved on to another field by then.
 */
void kp_window_show_keyboard_for_sink (GtkWidget *widget, KpKeyboardSink *sink, gboolean focused);
/* The camera for a report's photo; NULL (the default) for none. */
void kp_window_set_camera (KpWindow *self, KpCamera *camera);
/* Volunteer mode closes after this many seconds without a touch (default 120). */
void kp_window_set_volunteer_idle_seconds (KpWindow *self, guint seconds);

G_END_DECLS
