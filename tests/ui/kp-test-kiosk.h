/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include "kp-config.h"
#include "kp-outbox.h"
#include "kp-speaker.h"
#include "kp-speech-mode.h"
#include "kp-store.h"
#include "kp-ui-test-helpers.h"
#include "kp-window.h"

G_BEGIN_DECLS

/*
 * A kiosk walked without sight: a window whose speaker writes what it
 * would say to a log, and a keypad pressed key by key. The walks of the
 * eyes-free tests share these; each counts the presses a resident needs.
 */

#define KP_TEST_KIOSK_WAIT_MS 10000
/* Longer than speech mode waits after Action or Back before it says where that led. */
#define KP_TEST_KIOSK_SETTLE_MS 400
/* No screen needs more presses than this to reach one element. */
#define KP_TEST_KIOSK_MAX_STEPS 200

/*
 * The keypad of this kiosk types the number pad's keys, as many USB
 * keypads do; the walks press those, so the [speech-mode] mapping is used.
 */
#define KP_TEST_KIOSK_KEYPAD_CONFIG                                                                \
  "[speech-mode]\nkey-up=KP_8\nkey-down=KP_2\nkey-action=KP_5\nkey-help=KP_0\nkey-back=KP_"        \
  "Decimal\nheadset=no\n"
#define KP_TEST_KIOSK_KEY_UP     GDK_KEY_KP_8
#define KP_TEST_KIOSK_KEY_DOWN   GDK_KEY_KP_2
#define KP_TEST_KIOSK_KEY_ACTION GDK_KEY_KP_5
#define KP_TEST_KIOSK_KEY_HELP   GDK_KEY_KP_0
#define KP_TEST_KIOSK_KEY_BACK   GDK_KEY_KP_Decimal

typedef struct
{
  char *speech_dir;
  char *log_path;
  KpConfig *config;
  KpStore *store;
  KpOutbox *outbox;
  KpSpeaker *speaker;
  KpWindow *window;
  guint presses;      /* needed to get through the flow */
  guint tour_presses; /* spent hearing every element of every screen */
} KpTestKiosk;

/* A g_test_add() fixture; @data is extra config text, or NULL. */
void kp_test_kiosk_setup (KpTestKiosk *kiosk, gconstpointer data);
void kp_test_kiosk_teardown (KpTestKiosk *kiosk, gconstpointer data);
/* A KpUiTestCondition: the KpSpeaker @user_data says nothing now. */
gboolean kp_test_kiosk_speaker_is_quiet (gpointer user_data);

/* (transfer none) */
KpSpeechMode *kp_test_kiosk_speech_mode (KpTestKiosk *kiosk);
/* What speech mode walks through on the screen now. (transfer container) */
GPtrArray *kp_test_kiosk_list_screen (KpTestKiosk *kiosk);
/* Every line the speaker logged, oldest first. (transfer full) */
GStrv kp_test_kiosk_read_log (KpTestKiosk *kiosk);
/* The last line the speaker logged, "" before any. (transfer full) */
char *kp_test_kiosk_last_said (KpTestKiosk *kiosk);

/* One keypad key pressed and let go, as a finger does; counted. */
void kp_test_kiosk_tap (KpTestKiosk *kiosk, guint keyval);
/*
 * The sentence for @element has its words, and is what the speaker was
 * given last; on the loudspeaker, personal details are named, not read,
 * or the resident is asked first whether they may be.
 */
void kp_test_kiosk_assert_spoken (KpTestKiosk *kiosk, GtkWidget *element);
/* As above, and the element has the focus where it can take it, and wears the ring. */
void kp_test_kiosk_assert_spoken_and_focused (KpTestKiosk *kiosk, GtkWidget *current);
/*
 * Once round the screen with Down: every element is reached, focused
 * when it can be, and spoken with its words. Counted apart, in tour_presses.
 */
void kp_test_kiosk_tour_screen (KpTestKiosk *kiosk);

/* Finds an element on the screen by @words, or by what it is. */
typedef gboolean (*KpTestKioskMatch) (GtkWidget *element, const char *words);
/* An interactive element whose label is @words. */
gboolean kp_test_kiosk_label_is (GtkWidget *element, const char *words);
/* An interactive element whose label starts with @words (a guide card adds its summary). */
gboolean kp_test_kiosk_label_starts_with (GtkWidget *element, const char *words);
/* Any text field; @words only names it in messages. */
gboolean kp_test_kiosk_is_text_field (GtkWidget *element, const char *words);
/* A button of the page, not of the bar above it. */
gboolean kp_test_kiosk_is_page_button (GtkWidget *element, const char *words);
/* The index in @elements of the first that @match finds, or -1. */
int kp_test_kiosk_find_element (GPtrArray *elements, KpTestKioskMatch match, const char *words);

/* Up or Down, whichever is shorter, until speech mode is on what @match finds. */
void kp_test_kiosk_walk_to (KpTestKiosk *kiosk, KpTestKioskMatch match, const char *words);
/* Walks to the interactive element labelled @words and presses Action. */
void kp_test_kiosk_choose (KpTestKiosk *kiosk, const char *words);
/* The same for @words in the kiosk's language. */
void kp_test_kiosk_choose_tr (KpTestKiosk *kiosk, const char *words);
/* Types lower-case @text on the on-screen keyboard with the keypad alone. */
void kp_test_kiosk_type_text (KpTestKiosk *kiosk, const char *text);
/* Hears the screen whole, then chooses @words (translated). */
void kp_test_kiosk_tour_and_choose (KpTestKiosk *kiosk, const char *words);
/* Hears the step whole, types @text into its field, then Next. */
void kp_test_kiosk_answer (KpTestKiosk *kiosk, const char *text);
/* The first key turns speech mode on and says how it works. */
void kp_test_kiosk_start_speech_mode (KpTestKiosk *kiosk);
/* Waits for the page named @page, failing the test after KP_TEST_KIOSK_WAIT_MS. */
void kp_test_kiosk_wait_for_page (KpTestKiosk *kiosk, const char *page);
/* @details was in no sentence said so far, not even in part of one. */
void kp_test_kiosk_assert_never_said (KpTestKiosk *kiosk, const char *details);
/* Prints, as a TAP comment, how many presses @flow took. */
void kp_test_kiosk_report_presses (KpTestKiosk *kiosk, const char *flow);
/* The one submission of @kind, once its receipt is on screen. (transfer full) */
KpOutboxItem *kp_test_kiosk_wait_for_receipt (KpTestKiosk *kiosk, const char *kind);

/* Each page the window can open by name, at its first screen. (transfer full) */
GPtrArray *kp_test_kiosk_list_page_names (void);
/*
 * The first problem of the screen now, or NULL: an interactive element
 * without words, out of the focus order, or said otherwise than a screen
 * reader would say it; or nothing to act on at all. (nullable) (transfer full)
 */
char *kp_test_kiosk_lint_screen (KpTestKiosk *kiosk);

G_END_DECLS
