/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-config.h"
#include "kp-guide.h"
#include "kp-keyboard.h"
#include "kp-outbox.h"
#include "kp-speaker.h"
#include "kp-store.h"
#include "kp-ui-test-helpers.h"
#include "kp-visible-text.h"
#include "kp-window.h"

#include <glib/gi18n.h>

/*
 * The demo bundle has no "topic:" Next; in the test's copy, voting leads
 * to the passport topic, so that button can be pressed too.
 */
#define LINKED_TOPIC      "stemmen"
#define LINKED_NEXT       "topic:paspoort-id-kaart"
#define SEARCH_TIMEOUT_MS 3000

typedef enum
{
  CONTENT_DEMO,  /* a copy of ui/guide, with LINKED_TOPIC's Next changed */
  CONTENT_EMPTY, /* a folder without a bundle: the guide fails to load */
} Content;

typedef struct
{
  char *speech_dir;
  char *content_dir;
  KpConfig *config;
  KpStore *store;
  KpOutbox *outbox;
  KpSpeaker *speaker;
  KpWindow *window;
  KpGuide *nl; /* what the screen should show, loaded apart from the window */
  KpGuide *en;
} Fixture;

static void
copy_file (const char *from, const char *to)
{
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr (GError) error = NULL;

  g_file_get_contents (from, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, contents, (gssize) length, &error);
  g_assert_no_error (error);
}

static void
link_topic (const char *path)
{
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  g_autofree char *linked = NULL;
  g_autoptr (GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (gsize i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "Next: "))
        {
          g_free (lines[i]);
          lines[i] = g_strdup ("Next: " LINKED_NEXT);
        }
    }
  linked = g_strjoinv ("\n", lines);
  g_file_set_contents (path, linked, -1, &error);
  g_assert_no_error (error);
}

/* A copy of the demo bundle, one folder deep, with one Next pointing at a topic. */
static char *
make_content_copy (void)
{
  g_autofree char *source = kp_test_source_path ("ui", "guide", NULL);
  char *copy = kp_test_make_tmpdir ("guide");
  const char *languages[] = { ".", "nl", "en" };

  for (gsize i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *from_dir = g_build_filename (source, languages[i], NULL);
      g_autofree char *to_dir = g_build_filename (copy, languages[i], NULL);
      g_autoptr (GDir) dir = g_dir_open (from_dir, 0, NULL);
      g_autofree char *linked = NULL;
      const char *name;

      g_assert_nonnull (dir);
      g_assert_cmpint (g_mkdir_with_parents (to_dir, 0755), ==, 0);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *from = g_build_filename (from_dir, name, NULL);
          g_autofree char *to = g_build_filename (to_dir, name, NULL);

          if (g_file_test (from, G_FILE_TEST_IS_REGULAR))
            copy_file (from, to);
        }
      if (i > 0)
        {
          linked = g_build_filename (to_dir, LINKED_TOPIC ".topic", NULL);
          link_topic (linked);
        }
    }
  return copy;
}

static void
fixture_setup (Fixture *fixture, gconstpointer data)
{
  Content content = GPOINTER_TO_INT (data);
  g_autofree char *data_dir = kp_test_make_tmpdir ("data");
  g_autofree char *config_text = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr (GError) error = NULL;

  fixture->speech_dir = kp_test_make_tmpdir ("speech");
  fixture->content_dir
      = content == CONTENT_DEMO ? make_content_copy () : kp_test_make_tmpdir ("empty");
  g_setenv ("KERNPUNT_CONTENT_DIR", fixture->content_dir, TRUE);
  config_text = g_strdup_printf ("[storage]\ndata-dir=%s\n[speech]\noutput-folder=%s\n", data_dir,
                                 fixture->speech_dir);
  fixture->config = kp_config_new_from_data (config_text, &error);
  g_assert_no_error (error);

  db_path = kp_config_dup_database_path (fixture->config);
  fixture->store = kp_store_open (db_path, &error);
  g_assert_no_error (error);
  fixture->outbox = kp_outbox_new (fixture->store);
  fixture->speaker = kp_speaker_new ();
  kp_speaker_set_output_folder (fixture->speaker,
                                kp_config_get_speech_output_folder (fixture->config));

  if (content == CONTENT_DEMO)
    {
      fixture->nl = kp_guide_load (fixture->content_dir, "nl", &error);
      g_assert_no_error (error);
      fixture->en = kp_guide_load (fixture->content_dir, "en", &error);
      g_assert_no_error (error);
    }

  fixture->window = kp_ui_test_open_window (fixture->config, fixture->outbox, fixture->speaker);
}

static gboolean
speaker_is_quiet (gpointer user_data)
{
  return !kp_speaker_is_speaking (KP_SPEAKER (user_data));
}

static void
fixture_teardown (Fixture *fixture, gconstpointer data)
{
  kp_ui_test_close_window (fixture->window);
  kp_speaker_stop (fixture->speaker);
  g_assert_true (kp_ui_test_wait_until (speaker_is_quiet, fixture->speaker, 5000));
  /* Let the speaker's last callbacks run before it goes. */
  kp_ui_test_spin (50);
  if (fixture->en != NULL)
    g_assert_finalize_object (fixture->en);
  if (fixture->nl != NULL)
    g_assert_finalize_object (fixture->nl);
  g_assert_finalize_object (fixture->speaker);
  g_assert_finalize_object (fixture->outbox);
  g_assert_finalize_object (fixture->store);
  g_assert_finalize_object (fixture->config);
  kp_test_remove_tree (fixture->content_dir);
  g_free (fixture->content_dir);
  g_free (fixture->speech_dir);
  g_unsetenv ("KERNPUNT_CONTENT_DIR");
}

static GtkWidget *
root (Fixture *fixture)
{
  return GTK_WIDGET (fixture->window);
}

static GtkWidget *
visible_page (Fixture *fixture)
{
  GtkWidget *stack = kp_ui_test_find_first (root (fixture), GTK_TYPE_STACK);

  return gtk_stack_get_visible_child (GTK_STACK (stack));
}

static void
fail_with_screen (Fixture *fixture, const char *what)
{
  g_autofree char *shown = kp_ui_test_shown_text (root (fixture));

  g_error ("%s; the screen shows:\n%s", what, shown);
}

static void
click (GtkWidget *button)
{
  /* What a finger lifted from the button does (activate would wait for a timeout). */
  g_signal_emit_by_name (button, "clicked");
  kp_ui_test_spin (30);
}

/* Presses the shown button with these words, as a finger would. */
static void
press (Fixture *fixture, const char *words)
{
  GtkWidget *button = kp_ui_test_find_button (root (fixture), words);

  if (button == NULL)
    {
      g_autofree char *what = g_strdup_printf ("No button “%s” on screen", words);

      fail_with_screen (fixture, what);
    }
  click (button);
}

/* The shown topic cards, best first. (transfer container) */
static GPtrArray *
find_shown_cards (Fixture *fixture)
{
  g_autoptr (GPtrArray) buttons = kp_ui_test_find_all (visible_page (fixture), GTK_TYPE_BUTTON);
  GPtrArray *cards = g_ptr_array_new ();

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);

      if (gtk_widget_get_mapped (button) && gtk_widget_has_css_class (button, "topic-card"))
        g_ptr_array_add (cards, button);
    }
  return cards;
}

/* Presses the card of the topic @slug, from a group or from results. */
static void
press_card (Fixture *fixture, const char *slug)
{
  g_autoptr (GPtrArray) cards = find_shown_cards (fixture);
  g_autofree char *page_name = g_strconcat ("topic:", slug, NULL);

  for (guint i = 0; i < cards->len; i++)
    {
      if (g_str_equal (gtk_widget_get_name (g_ptr_array_index (cards, i)), slug))
        {
          click (g_ptr_array_index (cards, i));
          g_assert_cmpstr (kp_window_get_page_name (fixture->window), ==, page_name);
          return;
        }
    }
  fail_with_screen (fixture, "No card for the topic");
}

static void
assert_shows (Fixture *fixture, const char *text)
{
  if (!kp_ui_test_shows (root (fixture), text))
    {
      g_autofree char *what = g_strdup_printf ("“%s” is not on screen", text);

      fail_with_screen (fixture, what);
    }
}

static void
assert_not_shows (Fixture *fixture, const char *text)
{
  if (kp_ui_test_shows (root (fixture), text))
    g_error ("“%s” should not be on screen", text);
}

static void
screenshot (Fixture *fixture, const char *name)
{
  kp_ui_test_screenshot (root (fixture), name);
}

static GtkEditable *
find_search_entry (Fixture *fixture)
{
  GtkWidget *entry = kp_ui_test_find_first (visible_page (fixture), GTK_TYPE_ENTRY);

  g_assert_nonnull (entry);
  return GTK_EDITABLE (entry);
}

static gboolean
keyboard_types_into_target (gpointer user_data)
{
  Fixture *fixture = user_data;
  GtkWidget *keyboard = kp_ui_test_find_first (root (fixture), KP_TYPE_KEYBOARD);

  return gtk_revealer_get_child_revealed (GTK_REVEALER (gtk_widget_get_parent (keyboard)))
         && kp_keyboard_get_target (KP_KEYBOARD (keyboard)) == find_search_entry (fixture);
}

static gboolean
keyboard_is_down (gpointer user_data)
{
  Fixture *fixture = user_data;
  GtkWidget *keyboard = kp_ui_test_find_first (root (fixture), KP_TYPE_KEYBOARD);

  return !gtk_revealer_get_child_revealed (GTK_REVEALER (gtk_widget_get_parent (keyboard)));
}

static GtkEditable *
open_guide (Fixture *fixture)
{
  GtkWidget *tile
      = kp_ui_test_find_button (root (fixture), g_dgettext (GETTEXT_PACKAGE, "Find information"));

  /* A touch focuses the tile first; the page must still put the focus in its entry. */
  g_assert_nonnull (tile);
  gtk_widget_grab_focus (tile);
  click (tile);
  g_assert_cmpstr (kp_window_get_page_name (fixture->window), ==, "information");
  /* The search entry waits with the keyboard up, so a resident can type at once. */
  g_assert_true (kp_ui_test_wait_until (keyboard_types_into_target, fixture, 2000));
  return find_search_entry (fixture);
}

static GtkWidget *
find_key (Fixture *fixture, const char *name)
{
  GtkWidget *keyboard = kp_ui_test_find_first (root (fixture), KP_TYPE_KEYBOARD);
  g_autoptr (GPtrArray) buttons = kp_ui_test_find_all (keyboard, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);

      if (gtk_widget_get_mapped (button)
          && (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), name) == 0
              || g_strcmp0 (gtk_widget_get_name (button), name) == 0))
        return button;
    }
  return NULL;
}

/* Types small letters and spaces on the on-screen keyboard, one key at a time. */
static void
type_on_keyboard (Fixture *fixture, const char *text)
{
  for (const char *c = text; *c != '\0'; c++)
    {
      char letter[2] = { *c, '\0' };
      GtkWidget *key = find_key (fixture, *c == ' ' ? "kp-key-space" : letter);

      g_assert_nonnull (key);
      g_signal_emit_by_name (key, "clicked");
    }
}

typedef struct
{
  Fixture *fixture;
  const char *no_result_text;
} SearchWait;

static gboolean
results_are_shown (gpointer user_data)
{
  SearchWait *wait = user_data;
  g_autoptr (GPtrArray) cards = find_shown_cards (wait->fixture);

  return cards->len > 0 || kp_ui_test_shows (root (wait->fixture), wait->no_result_text);
}

static gboolean
results_are_gone (gpointer user_data)
{
  return !results_are_shown (user_data);
}

/* Types @query and waits for what the search shows: cards, or the no-result message. */
static void
search (Fixture *fixture, const char *query)
{
  SearchWait wait
      = { fixture, g_dgettext (GETTEXT_PACKAGE, "We found nothing for this. Try other words, "
                                                "or choose a theme below.") };
  GtkEditable *entry = find_search_entry (fixture);

  /* A touch on the entry brings the keyboard back up. */
  gtk_widget_grab_focus (GTK_WIDGET (entry));
  g_assert_true (kp_ui_test_wait_until (keyboard_types_into_target, fixture, 2000));
  /* An empty entry clears the last search's answer, so the next one is really new. */
  gtk_editable_set_text (entry, "");
  g_assert_true (kp_ui_test_wait_until (results_are_gone, &wait, SEARCH_TIMEOUT_MS));
  type_on_keyboard (fixture, query);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, query);
  if (!kp_ui_test_wait_until (results_are_shown, &wait, SEARCH_TIMEOUT_MS))
    fail_with_screen (fixture, "The search shows nothing");
}

static void
assert_first_result (Fixture *fixture, const char *query, const char *slug)
{
  g_autoptr (GPtrArray) cards = NULL;

  search (fixture, query);
  cards = find_shown_cards (fixture);
  if (cards->len == 0)
    fail_with_screen (fixture, "The search found nothing");
  g_assert_cmpstr (gtk_widget_get_name (g_ptr_array_index (cards, 0)), ==, slug);
  /* The best three first; the others wait behind "More results". */
  g_assert_cmpuint (cards->len, <=, 3);
}

static void
assert_groups_shown (Fixture *fixture, KpGuide *guide)
{
  GPtrArray *groups = kp_guide_get_groups (guide);

  g_assert_cmpuint (groups->len, ==, 5);
  for (guint i = 0; i < groups->len; i++)
    {
      const KpGuideGroup *group = g_ptr_array_index (groups, i);

      g_assert_nonnull (kp_ui_test_find_button (root (fixture), group->title));
    }
}

static void
test_browse_groups (Fixture *fixture, gconstpointer data)
{
  GPtrArray *groups = kp_guide_get_groups (fixture->nl);

  open_guide (fixture);
  assert_shows (fixture, g_dgettext (GETTEXT_PACKAGE, "Type your question"));
  assert_groups_shown (fixture, fixture->nl);
  assert_not_shows (fixture,
                    g_dgettext (GETTEXT_PACKAGE, "This is not ready yet. It will come soon."));

  for (guint i = 0; i < groups->len; i++)
    {
      const KpGuideGroup *group = g_ptr_array_index (groups, i);
      g_autofree char *page_name = g_strconcat ("group:", group->id, NULL);
      g_autoptr (GPtrArray) cards = NULL;

      press (fixture, group->title);
      g_assert_cmpstr (kp_window_get_page_name (fixture->window), ==, page_name);
      assert_shows (fixture, group->title);
      if (i == 0)
        screenshot (fixture, "guide-group-nl");
      cards = find_shown_cards (fixture);
      g_assert_cmpuint (cards->len, ==, g_strv_length (group->topics));
      for (guint j = 0; group->topics[j] != NULL; j++)
        {
          KpGuideTopic *topic = kp_guide_lookup_topic (fixture->nl, group->topics[j]);

          g_assert_cmpstr (gtk_widget_get_name (g_ptr_array_index (cards, j)), ==,
                           group->topics[j]);
          assert_shows (fixture, kp_guide_topic_get_title (topic));
          assert_shows (fixture, kp_guide_topic_get_summary (topic));
        }
      press (fixture, g_dgettext (GETTEXT_PACKAGE, "Back"));
      g_assert_cmpstr (kp_window_get_page_name (fixture->window), ==, "information");
    }
}

static void
assert_topic_shown (Fixture *fixture, KpGuide *guide, const char *slug)
{
  KpGuideTopic *topic = kp_guide_lookup_topic (guide, slug);
  GPtrArray *sections = kp_guide_topic_get_sections (topic);
  g_autofree char *hours = kp_config_format_opening_hours (fixture->config);
  g_auto (GStrv) hour_lines = g_strsplit (hours, "\n", -1);
  g_autofree char *next_name = kp_guide_dup_next_name (guide, topic);

  assert_shows (fixture, kp_guide_topic_get_title (topic));
  assert_shows (fixture, kp_guide_topic_get_summary (topic));
  for (guint i = 0; i < sections->len; i++)
    {
      const KpGuideSection *section = g_ptr_array_index (sections, i);
      const KpGuideBlock *first = g_ptr_array_index (section->blocks, 0);

      assert_shows (fixture, kp_guide_section_kind_get_heading (section->kind));
      assert_shows (fixture, first->text);
    }
  assert_shows (fixture, kp_config_get_location_name (fixture->config));
  assert_shows (fixture, kp_config_get_phone (fixture->config));
  for (gsize i = 0; hour_lines[i] != NULL; i++)
    assert_shows (fixture, hour_lines[i]);
  /* One big button for the next step, named by the guide. */
  g_assert_nonnull (kp_ui_test_find_button (root (fixture), next_name));
}

static GtkWidget *
find_partner_card (Fixture *fixture, const char *id)
{
  g_autoptr (GPtrArray) boxes = kp_ui_test_find_all (visible_page (fixture), GTK_TYPE_BOX);
  g_autofree char *card_name = g_strconcat ("partner-", id, NULL);

  for (guint i = 0; i < boxes->len; i++)
    {
      if (g_str_equal (gtk_widget_get_name (g_ptr_array_index (boxes, i)), card_name))
        return g_ptr_array_index (boxes, i);
    }
  return NULL;
}

static void
assert_partner_shown (Fixture *fixture, const KpGuideEntry *partner)
{
  g_assert_nonnull (find_partner_card (fixture, partner->id));
  assert_shows (fixture, partner->name);
  assert_shows (fixture, partner->helps);
  assert_shows (fixture, partner->phone);
  assert_shows (fixture, partner->address);
}

/* partner:… brings that partner's card into view and marks it, even one the topic does not list. */
static void
assert_next_shows_partner (Fixture *fixture, KpGuideTopic *topic)
{
  const KpGuideEntry *partner
      = kp_guide_lookup_partner (fixture->nl, kp_guide_topic_get_next_target (topic));
  g_autofree char *next_name = kp_guide_dup_next_name (fixture->nl, topic);
  GtkWidget *scroller = kp_ui_test_find_first (visible_page (fixture), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  GtkWidget *card;
  graphene_point_t top;

  g_assert_false (g_strv_contains (kp_guide_topic_get_partners (topic), partner->id));
  assert_partner_shown (fixture, partner);
  card = find_partner_card (fixture, partner->id);
  g_assert_false (gtk_widget_has_css_class (card, "highlighted"));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);

  press (fixture, next_name);
  kp_ui_test_spin (100);
  screenshot (fixture, "guide-topic-partner-nl");
  g_assert_cmpstr (kp_window_get_page_name (fixture->window), ==, "topic:geldzorgen");
  g_assert_true (gtk_widget_has_css_class (card, "highlighted"));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
  /* The whole card is in what the resident sees. */
  g_assert_true (gtk_widget_compute_point (card, scroller, &GRAPHENE_POINT_INIT (0, 0), &top));
  g_assert_cmpfloat (top.y, >=, 0);
  g_assert_cmpfloat (top.y + gtk_widget_get_height (card), <=, gtk_widget_get_height (scroller));
}

static void
test_topic_page (Fixture *fixture, gconstpointer data)
{
  const KpGuideGroup *papers = g_ptr_array_index (kp_guide_get_groups (fixture->nl), 0);
  KpGuideTopic *passport = kp_guide_lookup_topic (fixture->nl, "paspoort-id-kaart");
  KpGuideTopic *money = kp_guide_lookup_topic (fixture->nl, "geldzorgen");
  const char *const *partners = kp_guide_topic_get_partners (money);
  g_autofree char *passport_next = kp_guide_dup_next_name (fixture->nl, passport);
  g_autofree char *linked_next
      = kp_guide_dup_next_name (fixture->nl, kp_guide_lookup_topic (fixture->nl, LINKED_TOPIC));

  open_guide (fixture);
  press (fixture, papers->title);
  press_card (fixture, "paspoort-id-kaart");
  assert_topic_shown (fixture, fixture->nl, "paspoort-id-kaart");

  /* appointment:… opens the booking flow for that product, and Back returns to the topic. */
  press (fixture, passport_next);
  g_assert_true (g_str_has_prefix (kp_window_get_page_name (fixture->window), "appointment:"));
  g_assert_cmpstr (kp_window_get_page_name (fixture->window) + strlen ("appointment:"), ==,
                   kp_guide_topic_get_next_target (passport));
  assert_shows (fixture, g_dgettext (GETTEXT_PACKAGE, "Make an appointment"));
  press (fixture, g_dgettext (GETTEXT_PACKAGE, "Back"));
  g_assert_cmpstr (kp_window_get_page_name (fixture->window), ==, "topic:paspoort-id-kaart");

  /* topic:… opens that topic; its button carries the topic's title. */
  press (fixture, g_dgettext (GETTEXT_PACKAGE, "Back"));
  press_card (fixture, LINKED_TOPIC);
  g_assert_cmpstr (linked_next, ==, kp_guide_topic_get_title (passport));
  press (fixture, linked_next);
  g_assert_cmpstr (kp_window_get_page_name (fixture->window), ==, LINKED_NEXT);

  gtk_widget_activate_action (root (fixture), "kiosk.open", "s", "topic:geldzorgen");
  kp_ui_test_spin (100);
  assert_topic_shown (fixture, fixture->nl, "geldzorgen");
  for (gsize i = 0; partners[i] != NULL; i++)
    assert_partner_shown (fixture, kp_guide_lookup_partner (fixture->nl, partners[i]));
  assert_next_shows_partner (fixture, money);
}

static void
test_search_both_languages (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) cards = NULL;

  open_guide (fixture);
  /* A typo on purpose: residents type as they speak. */
  assert_first_result (fixture, "paspoord verlopen", "paspoort-id-kaart");
  assert_groups_shown (fixture, fixture->nl);
  /* Enter puts the keyboard away, so the results and the themes are in view. */
  g_signal_emit_by_name (find_key (fixture, "kp-key-enter"), "clicked");
  g_assert_true (kp_ui_test_wait_until (keyboard_is_down, fixture, 2000));
  g_assert_cmpstr (gtk_editable_get_text (find_search_entry (fixture)), ==, "paspoord verlopen");
  screenshot (fixture, "guide-search-nl");

  press (fixture, g_dgettext (GETTEXT_PACKAGE, "More results"));
  cards = find_shown_cards (fixture);
  g_assert_cmpuint (cards->len, >, 3);
  g_assert_null (
      kp_ui_test_find_button (root (fixture), g_dgettext (GETTEXT_PACKAGE, "More results")));

  press_card (fixture, "paspoort-id-kaart");
  assert_topic_shown (fixture, fixture->nl, "paspoort-id-kaart");
  screenshot (fixture, "guide-topic-nl");

  press (fixture, g_dgettext (GETTEXT_PACKAGE, "Home"));
  press (fixture, "English");
  g_assert_cmpstr (kp_window_get_language (fixture->window), ==, "en");
  open_guide (fixture);
  assert_groups_shown (fixture, fixture->en);
  assert_first_result (fixture, "passport expired", "paspoort-id-kaart");
  press_card (fixture, "paspoort-id-kaart");
  assert_topic_shown (fixture, fixture->en, "paspoort-id-kaart");
  assert_shows (fixture, "What to do");
  assert_shows (fixture, "We are open:");
  screenshot (fixture, "guide-topic-en");
}

static void
test_no_result (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) cards = NULL;

  open_guide (fixture);
  search (fixture, "xqzwv plorkt");
  cards = find_shown_cards (fixture);
  g_assert_cmpuint (cards->len, ==, 0);
  g_signal_emit_by_name (find_key (fixture, "kp-key-enter"), "clicked");
  g_assert_true (kp_ui_test_wait_until (keyboard_is_down, fixture, 2000));
  assert_shows (fixture, g_dgettext (GETTEXT_PACKAGE, "We found nothing for this. Try other "
                                                      "words, or choose a theme below."));
  assert_groups_shown (fixture, fixture->nl);
  g_assert_nonnull (
      kp_ui_test_find_button (root (fixture), g_dgettext (GETTEXT_PACKAGE, "Ask a volunteer")));
  screenshot (fixture, "guide-no-result-nl");

  /* Typing on clears the message as soon as something is found. */
  assert_first_result (fixture, "afval", "afval");
  assert_not_shows (fixture, g_dgettext (GETTEXT_PACKAGE, "We found nothing for this. Try "
                                                          "other words, or choose a theme below."));

  search (fixture, "xqzwv plorkt");
  press (fixture, g_dgettext (GETTEXT_PACKAGE, "Call me back"));
  g_assert_cmpstr (kp_window_get_page_name (fixture->window), ==, "callback");
}

/*
 * A search without result lands in the pilot's counts as its dictionary
 * words only, once searched in three sessions; a name never.
 */
static void
test_no_result_counted (Fixture *fixture, gconstpointer data)
{
  for (guint session = 1; session <= 3; session++)
    {
      g_autoptr (GPtrArray) cards = NULL;

      open_guide (fixture);
      search (fixture, "paraplu smeenge");
      cards = find_shown_cards (fixture);
      g_assert_cmpuint (cards->len, ==, 0);
      press (fixture, g_dgettext (GETTEXT_PACKAGE, "Done"));
      g_assert_cmpuint (kp_ui_test_count_today (fixture->window, "search-word", "paraplu"), ==,
                        session < 3 ? 0 : 3);
    }
  g_assert_cmpuint (kp_ui_test_count_today (fixture->window, "search-word", "smeenge"), ==, 0);
}

static GPtrArray *
list_wav_files (const char *folder)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_suffix (name, ".wav"))
        g_ptr_array_add (files, g_build_filename (folder, name, NULL));
    }
  g_ptr_array_sort (files, (GCompareFunc) g_strcmp0);
  return files;
}

/* Seconds of sound in a WAV of 16-bit PCM: its bytes after the header over its byte rate. */
static double
wav_seconds (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint32 byte_rate;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 44);
  g_assert_cmpmem (contents, 4, "RIFF", 4);
  g_assert_cmpmem (contents + 8, 4, "WAVE", 4);
  memcpy (&byte_rate, contents + 28, sizeof byte_rate);
  byte_rate = GUINT32_FROM_LE (byte_rate);
  g_assert_cmpuint (byte_rate, >, 0);
  return (double) (length - 44) / byte_rate;
}

typedef struct
{
  KpSpeaker *speaker;
  char *wav_path;
  gboolean done;
} Utterance;

static void
on_spoken (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  Utterance *utterance = user_data;
  g_autoptr (GError) error = NULL;

  utterance->wav_path = kp_speaker_speak_finish (KP_SPEAKER (source_object), result, &error);
  g_assert_no_error (error);
  utterance->done = TRUE;
}

static gboolean
utterance_done (gpointer user_data)
{
  return ((Utterance *) user_data)->done;
}

/* How long the speaker takes to say @text in @language. */
static double
speak_seconds (Fixture *fixture, const char *text, const char *language)
{
  Utterance utterance = { fixture->speaker, NULL, FALSE };
  double seconds;

  kp_speaker_speak_async (fixture->speaker, text, language, NULL, on_spoken, &utterance);
  g_assert_true (kp_ui_test_wait_until (utterance_done, &utterance, 30000));
  seconds = wav_seconds (utterance.wav_path);
  g_free (utterance.wav_path);
  return seconds;
}

typedef struct
{
  Fixture *fixture;
  guint n_files;
} SpeechWait;

static gboolean
speech_written (gpointer user_data)
{
  SpeechWait *wait = user_data;
  g_autoptr (GPtrArray) files = list_wav_files (wait->fixture->speech_dir);

  return files->len >= wait->n_files && !kp_speaker_is_speaking (wait->fixture->speaker);
}

/* Read aloud says the whole topic, also what is scrolled out of view, in the session's language. */
static void
test_read_aloud (Fixture *fixture, gconstpointer data)
{
  KpGuideTopic *topic = kp_guide_lookup_topic (fixture->en, "paspoort-id-kaart");
  g_autofree char *topic_text = kp_guide_topic_dup_text (topic);
  SpeechWait wait = { fixture, 1 };
  g_autoptr (GPtrArray) files = NULL;
  g_autofree char *page_text = NULL;
  double read_seconds;
  double title_seconds;
  double topic_seconds;

  press (fixture, "English");
  gtk_widget_activate_action (root (fixture), "kiosk.open", "s", "topic:paspoort-id-kaart");
  kp_ui_test_spin (100);
  page_text = kp_visible_text_collect (visible_page (fixture));
  g_assert_nonnull (strstr (page_text, "Where"));
  g_assert_nonnull (strstr (page_text, kp_config_get_phone (fixture->config)));

  press (fixture, "Read aloud");
  g_assert_true (kp_ui_test_wait_until (speech_written, &wait, 60000));
  files = list_wav_files (fixture->speech_dir);
  g_assert_cmpuint (files->len, ==, 1);
  read_seconds = wav_seconds (g_ptr_array_index (files, 0));

  title_seconds = speak_seconds (fixture, kp_guide_topic_get_title (topic), "en");
  topic_seconds = speak_seconds (fixture, topic_text, "en");
  g_test_message ("read aloud %.1f s, topic text %.1f s, title %.1f s", read_seconds, topic_seconds,
                  title_seconds);
  g_assert_cmpfloat (read_seconds, >, 5 * title_seconds);
  /* The page says the topic and more: where the kiosk is, when the municipality is open. */
  g_assert_cmpfloat (read_seconds, >=, 0.9 * topic_seconds);
}

static gboolean
entry_text_is_nowhere (gpointer user_data)
{
  g_autoptr (GPtrArray) entries = kp_ui_test_find_all (GTK_WIDGET (user_data), GTK_TYPE_ENTRY);

  for (guint i = 0; i < entries->len; i++)
    {
      if (*gtk_editable_get_text (GTK_EDITABLE (g_ptr_array_index (entries, i))) != '\0')
        return FALSE;
    }
  return TRUE;
}

static void
test_done_clears (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) cards = NULL;

  open_guide (fixture);
  assert_first_result (fixture, "paspoort", "paspoort-id-kaart");
  press (fixture, g_dgettext (GETTEXT_PACKAGE, "Done"));
  g_assert_cmpstr (kp_window_get_page_name (fixture->window), ==, "home");
  g_assert_true (entry_text_is_nowhere (fixture->window));

  /* The next visitor finds an empty search and no results of the last one. */
  open_guide (fixture);
  g_assert_cmpstr (gtk_editable_get_text (find_search_entry (fixture)), ==, "");
  kp_ui_test_spin (300);
  cards = find_shown_cards (fixture);
  g_assert_cmpuint (cards->len, ==, 0);
}

static void
test_touch_targets (Fixture *fixture, gconstpointer data)
{
  const KpGuideGroup *group = g_ptr_array_index (kp_guide_get_groups (fixture->nl), 0);

  open_guide (fixture);
  kp_ui_test_assert_usable (root (fixture), fixture->config, "guide, keyboard up");
  search (fixture, "paspoort");
  kp_ui_test_assert_usable (root (fixture), fixture->config, "guide with results");
  search (fixture, "xqzwv");
  kp_ui_test_assert_usable (root (fixture), fixture->config, "guide without results");
  press (fixture, group->title);
  kp_ui_test_assert_usable (root (fixture), fixture->config, "group");
  press_card (fixture, group->topics[0]);
  kp_ui_test_assert_usable (root (fixture), fixture->config, "topic");
}

/* A broken bundle never stops the kiosk: the tile says it is not ready, with the phone number. */
static void
test_broken_content (Fixture *fixture, gconstpointer data)
{
  press (fixture, g_dgettext (GETTEXT_PACKAGE, "Find information"));
  g_assert_cmpstr (kp_window_get_page_name (fixture->window), ==, "information");
  assert_shows (fixture, g_dgettext (GETTEXT_PACKAGE, "This is not ready yet. It will come soon."));
  assert_shows (fixture, kp_config_get_phone (fixture->config));
  g_assert_null (kp_ui_test_find_first (visible_page (fixture), GTK_TYPE_ENTRY));
}

static void
add_guide_test (const char *path, Content content, void (*test) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, GINT_TO_POINTER (content), fixture_setup, test, fixture_teardown);
}

int
main (int argc, char *argv[])
{
  g_autofree char *home = kp_test_init_home ();

  kp_ui_test_init (&argc, &argv);

  add_guide_test ("/guide/browse-groups", CONTENT_DEMO, test_browse_groups);
  add_guide_test ("/guide/topic-page", CONTENT_DEMO, test_topic_page);
  add_guide_test ("/guide/no-result-counted", CONTENT_DEMO, test_no_result_counted);
  add_guide_test ("/guide/search-both-languages", CONTENT_DEMO, test_search_both_languages);
  add_guide_test ("/guide/no-result", CONTENT_DEMO, test_no_result);
  add_guide_test ("/guide/read-aloud", CONTENT_DEMO, test_read_aloud);
  add_guide_test ("/guide/done-clears", CONTENT_DEMO, test_done_clears);
  add_guide_test ("/guide/touch-targets", CONTENT_DEMO, test_touch_targets);
  add_guide_test ("/guide/broken-content", CONTENT_EMPTY, test_broken_content);

  return g_test_run ();
}
