/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-forms-speech-page.h"

#include "kp-choice-tile.h"

#include <glib/gi18n.h>

struct _KpFormsSpeechPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (KpFormsSpeechPage, kp_forms_speech_page, ADW_TYPE_BIN)

static GtkWidget *
new_text (const char *text, const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

/* A large button that opens @page, the way the other pages' choices do. */
static GtkWidget *
new_choice (const char *page, const char *label)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), TRUE);
  kp_choice_tile_open_page (button, page);
  return button;
}

static void
kp_forms_speech_page_class_init (KpFormsSpeechPageClass *klass)
{
}

static void
kp_forms_speech_page_init (KpFormsSpeechPage *self)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 32);
  GtkWidget *choices = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 32);

  gtk_widget_add_css_class (page, "page");
  gtk_box_append (GTK_BOX (page),
                  new_text (_ ("The municipality's forms need you to see the screen"), "title-1"));
  gtk_box_append (GTK_BOX (page),
                  new_text (_ ("These forms are on the municipality's website. The kiosk cannot "
                               "read them aloud. We can help you in another way."),
                            "body-large"));
  gtk_box_append (GTK_BOX (page),
                  new_text (_ ("Make an appointment: a volunteer fills in the form with you. Or "
                               "ask us to call you back."),
                            "body-large"));
  gtk_box_set_homogeneous (GTK_BOX (choices), TRUE);
  gtk_box_append (GTK_BOX (choices), new_choice ("appointment", _ ("Make an appointment")));
  gtk_box_append (GTK_BOX (choices), new_choice ("callback", _ ("Call me back")));
  gtk_box_append (GTK_BOX (page), choices);
  adw_bin_set_child (ADW_BIN (self), page);
}

GtkWidget *
kp_forms_speech_page_new (void)
{
  return g_object_new (KP_TYPE_FORMS_SPEECH_PAGE, NULL);
}
