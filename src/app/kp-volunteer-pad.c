/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-volunteer-pad.h"

#include "kp-speech-mode.h"

#include <glib/gi18n.h>
#include <string.h>

/* Longer PINs than this are not made by kernpunt-ctl; more keys are ignored. */
#define MAX_DIGITS  12
#define PAD_COLUMNS 3

struct _KpVolunteerPad
{
  AdwBin parent_instance;

  char digits[MAX_DIGITS + 1];
  guint n_digits;
  gboolean locked;

  GtkLabel *dots_label;
  GtkLabel *message_label;
  GtkGrid *key_grid;
};

G_DEFINE_FINAL_TYPE (KpVolunteerPad, kp_volunteer_pad, ADW_TYPE_BIN)

enum
{
  SIGNAL_SUBMITTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The digits are wiped so a PIN does not linger in memory longer than needed. */
static void
forget_digits (KpVolunteerPad *self)
{
  explicit_bzero (self->digits, sizeof self->digits);
  self->n_digits = 0;
}

static void
update_dots (KpVolunteerPad *self)
{
  g_autoptr (GString) dots = g_string_new (NULL);

  for (guint i = 0; i < self->n_digits; i++)
    g_string_append (dots, "●");
  gtk_label_set_label (self->dots_label, dots->str);
}

static void
set_message (KpVolunteerPad *self, const char *message)
{
  gtk_label_set_label (self->message_label, message);
}

/* A refusal is shown, and in speech mode said with what it is about (EN 301 549 5.1.3.15). */
static void
show_problem (KpVolunteerPad *self, const char *message)
{
  set_message (self, message);
  /* TRANSLATORS: what speech mode names the PIN pad in an error: Check “Volunteer PIN”: … */
  kp_speech_mode_announce_error (GTK_WIDGET (self), _ ("Volunteer PIN"), message);
}

static GtkWidget *
create_key (const char *label, const char *action, const char *digit)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_add_css_class (button, "pad-key");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (digit != NULL)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", digit);
  return button;
}

/* The layout of a phone: 1 2 3 on top, erase 0 OK at the bottom. */
static void
fill_keys (KpVolunteerPad *self)
{
  static const char *const digits[] = { "1", "2", "3", "4", "5", "6", "7", "8", "9" };
  GtkWidget *ok;

  for (guint i = 0; i < G_N_ELEMENTS (digits); i++)
    gtk_grid_attach (self->key_grid, create_key (digits[i], "pad.digit", digits[i]),
                     (int) (i % PAD_COLUMNS), (int) (i / PAD_COLUMNS), 1, 1);
  gtk_grid_attach (self->key_grid, create_key (_ ("Erase"), "pad.erase", NULL), 0, 3, 1, 1);
  gtk_grid_attach (self->key_grid, create_key ("0", "pad.digit", "0"), 1, 3, 1, 1);
  ok = create_key (_ ("OK"), "pad.ok", NULL);
  gtk_widget_add_css_class (ok, "suggested-action");
  gtk_grid_attach (self->key_grid, ok, 2, 3, 1, 1);
}

static void
digit_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpVolunteerPad *self = KP_VOLUNTEER_PAD (widget);
  const char *digit = g_variant_get_string (parameter, NULL);

  if (self->locked || self->n_digits == MAX_DIGITS || !g_ascii_isdigit (digit[0]))
    return;
  self->digits[self->n_digits++] = digit[0];
  set_message (self, "");
  update_dots (self);
}

static void
erase_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpVolunteerPad *self = KP_VOLUNTEER_PAD (widget);

  if (self->n_digits == 0)
    return;
  self->digits[--self->n_digits] = '\0';
  update_dots (self);
}

static void
ok_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KpVolunteerPad *self = KP_VOLUNTEER_PAD (widget);

  if (self->locked || self->n_digits == 0)
    return;
  g_signal_emit (self, signals[SIGNAL_SUBMITTED], 0, self->digits);
  forget_digits (self);
  update_dots (self);
}

static void
kp_volunteer_pad_finalize (GObject *object)
{
  forget_digits (KP_VOLUNTEER_PAD (object));

  G_OBJECT_CLASS (kp_volunteer_pad_parent_class)->finalize (object);
}

static void
kp_volunteer_pad_class_init (KpVolunteerPadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = kp_volunteer_pad_finalize;

  signals[SIGNAL_SUBMITTED]
      = g_signal_new ("submitted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/nl/kernpunt/Kernpunt/kp-volunteer-pad.ui");
  gtk_widget_class_bind_template_child (widget_class, KpVolunteerPad, dots_label);
  gtk_widget_class_bind_template_child (widget_class, KpVolunteerPad, message_label);
  gtk_widget_class_bind_template_child (widget_class, KpVolunteerPad, key_grid);

  gtk_widget_class_install_action (widget_class, "pad.digit", "s", digit_action);
  gtk_widget_class_install_action (widget_class, "pad.erase", NULL, erase_action);
  gtk_widget_class_install_action (widget_class, "pad.ok", NULL, ok_action);
}

static void
kp_volunteer_pad_init (KpVolunteerPad *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_keys (self);
}

GtkWidget *
kp_volunteer_pad_new (void)
{
  return g_object_new (KP_TYPE_VOLUNTEER_PAD, NULL);
}

guint
kp_volunteer_pad_get_n_digits (KpVolunteerPad *self)
{
  g_return_val_if_fail (KP_IS_VOLUNTEER_PAD (self), 0);

  return self->n_digits;
}

void
kp_volunteer_pad_show_refused (KpVolunteerPad *self, guint attempts_left)
{
  g_autofree char *message = NULL;

  g_return_if_fail (KP_IS_VOLUNTEER_PAD (self));

  message = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "This PIN is not right. You can try %u more time.",
                   "This PIN is not right. You can try %u more times.", attempts_left),
      attempts_left);
  show_problem (self, message);
}

void
kp_volunteer_pad_set_locked_seconds (KpVolunteerPad *self, guint seconds_left)
{
  guint minutes_left = (seconds_left + 59) / 60;
  gboolean was_locked;
  g_autofree char *message = NULL;

  g_return_if_fail (KP_IS_VOLUNTEER_PAD (self));

  was_locked = self->locked;
  self->locked = seconds_left > 0;
  forget_digits (self);
  update_dots (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->key_grid), !self->locked);
  if (!self->locked)
    {
      set_message (self, "");
      return;
    }
  message = g_strdup_printf (
      g_dngettext (
          GETTEXT_PACKAGE, "Too many wrong PINs. The pad is locked. Try again in %u minute.",
          "Too many wrong PINs. The pad is locked. Try again in %u minutes.", minutes_left),
      minutes_left);
  /* The lock counts down each second; it is said once, as it comes. */
  if (was_locked)
    set_message (self, message);
  else
    show_problem (self, message);
}

gboolean
kp_volunteer_pad_get_locked (KpVolunteerPad *self)
{
  g_return_val_if_fail (KP_IS_VOLUNTEER_PAD (self), FALSE);

  return self->locked;
}
