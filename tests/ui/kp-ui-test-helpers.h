/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gtk/gtk.h>

#include "kp-config.h"
#include "kp-test-helpers.h"
#include "kp-window.h"

G_BEGIN_DECLS

/*
 * For tests that show real widgets on the virtual screen: what a person
 * would see (mapped labels), what they would press (buttons by their
 * words), and pictures of the screen.
 */

/* g_test_init, libadwaita and the kiosk's gettext set-up, after kp_test_init_home(). */
void kp_ui_test_init (int *argc, char ***argv);

typedef gboolean (*KpUiTestCondition) (gpointer user_data);

/* Runs the main loop until @condition holds or @timeout_ms passes; returns the condition. */
gboolean kp_ui_test_wait_until (KpUiTestCondition condition, gpointer user_data, guint timeout_ms);
/* Runs the main loop for @ms, so layout, timers and threads can finish. */
void kp_ui_test_spin (guint ms);
/* Where an asynchronous call that gives text leaves it, and that it has. */
typedef struct
{
  gboolean done;
  char *text;
} KpUiTestTextResult;
/* Runs the main loop until @result is done or @timeout_ms passes; returns whether it is done. */
gboolean kp_ui_test_wait_for_result (KpUiTestTextResult *result, guint timeout_ms);
/* (nullable): the text @clipboard offers, as a pasting program reads it; NULL for none. (transfer full) */
char *kp_ui_test_read_clipboard_text (GdkClipboard *clipboard);

/* The text of every label a person can see below @root, one per line. (transfer full) */
char *kp_ui_test_shown_text (GtkWidget *root);
/* Whether a label a person can see below @root contains @text. */
gboolean kp_ui_test_shows (GtkWidget *root, const char *text);

/* (nullable) (transfer none): a shown button whose label reads @label */
GtkWidget *kp_ui_test_find_button (GtkWidget *root, const char *label);
/* Every widget of @type below @root, mapped or not. (transfer container) */
GPtrArray *kp_ui_test_find_all (GtkWidget *root, GType type);
/* (nullable) (transfer none): the first widget of @type below @root */
GtkWidget *kp_ui_test_find_first (GtkWidget *root, GType type);
/* (nullable) (transfer none): the first widget below @root with @css_class */
GtkWidget *kp_ui_test_find_with_css_class (GtkWidget *root, const char *css_class);
/* The words of a button's visible labels, "" when it has none. (transfer full) */
char *kp_ui_test_button_words (GtkWidget *button);

/* The smallest a touch target may be on @root's monitor: @config's min-target-mm in pixels. */
int kp_ui_test_min_target_px (GtkWidget *root, KpConfig *config);
/*
 * Fails the test unless every shown button below @root has words (or an
 * accessible label), is at least @config's min-target-mm on this monitor
 * in both directions, and can be reached with Tab; and every shown entry
 * has an accessible label. @where names the screen in the message.
 */
void kp_ui_test_assert_usable (GtkWidget *root, KpConfig *config, const char *where);

/* Saves what @widget shows as $KERNPUNT_SCREENSHOT_DIR/@name.png and returns the path. */
char *kp_ui_test_save_screenshot (GtkWidget *widget, const char *name);
/* Lets @root settle, then saves it as above and checks the picture is there. */
void kp_ui_test_screenshot (GtkWidget *root, const char *name);

/*
 * A kiosk window on the virtual screen, shown and mapped. The caller holds
 * a reference, to check with g_assert_finalize_object() that nothing leaks.
 * (transfer full)
 */
KpWindow *kp_ui_test_open_window (KpConfig *config, KpOutbox *outbox, KpSpeaker *speaker);
/* Closes @window, lets its pages' cancelled work end, and checks the window is freed. */
void kp_ui_test_close_window (KpWindow *window);

/*
 * Presses the shown button with exactly these words, as a finger would;
 * fails the test, showing the screen's text, when there is none.
 */
void kp_ui_test_press (GtkWidget *root, const char *words);
/* Waits up to @timeout_ms for @text to be shown; fails the test with the screen's text if not. */
void kp_ui_test_wait_for_text (GtkWidget *root, const char *text, guint timeout_ms);
/* (nullable) (transfer none): the shown on-screen key with this label or widget name */
GtkWidget *kp_ui_test_find_key (GtkWidget *root, const char *label);
/*
 * Types @text (letters, digits, and the keys' own symbols) on the shown
 * on-screen keyboard, switching between letters and digits as a person would.
 */
void kp_ui_test_type_on_keyboard (GtkWidget *root, const char *text);
/*
 * A real key from the virtual screen's keyboard (xdotool's name for it:
 * "Return", "F1", "Down"), through the window's own key handling, as a
 * keyboard, a keypad or a scanner sends it.
 */
void kp_ui_test_send_key (const char *key);
/* @text typed on the virtual screen's keyboard, 5 ms a key, as a barcode scanner types. */
void kp_ui_test_send_text (const char *text);

/* @text in the current language, as the kiosk shows it. */
const char *kp_ui_test_tr (const char *text) G_GNUC_FORMAT (1);
/*
 * Today's stored count of @measure = @value (see KpEventCount), after
 * writing what @window counted so far.
 */
guint kp_ui_test_count_today (KpWindow *window, const char *measure, const char *value);

G_END_DECLS
