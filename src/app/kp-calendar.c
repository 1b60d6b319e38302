/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-calendar.h"

#include "kp-accessible-label.h"
#include "kp-date-text.h"

#include <glib/gi18n.h>

#define DAYS_IN_WEEK     7
#define MAX_DAYS         31
#define MONTH_ARROW_SIZE 32

struct _KpCalendar
{
  AdwBin parent_instance;

  GDate first_month; /* the first day of today's month: no month before it is shown */
  GDate month;       /* the first day of the month shown */

  GtkLabel *month_label;
  GtkGrid *day_grid;
  GtkWidget *day_buttons[MAX_DAYS]; /* (unowned): in the grid; NULL past the month's end */
};

G_DEFINE_FINAL_TYPE (KpCalendar, kp_calendar, ADW_TYPE_BIN)

enum
{
  MONTH_CHANGED,
  DAY_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_day_free (KpCalendar *self, guint day, gboolean free)
{
  GtkWidget *button = self->day_buttons[day - 1];
  GDate date = self->month;
  g_autofree char *day_text = NULL;
  g_autofree char *label = NULL;

  g_date_set_day (&date, (GDateDay) day);
  day_text = kp_date_text_format_day (&date);
  /* TRANSLATORS: what a screen reader says for a day in the calendar: "Tuesday 8 December, free times" */
  label = g_strdup_printf (free ? _ ("%s, free times") : _ ("%s, no free times"), day_text);
  kp_accessible_label_set (button, label);
  /* An insensitive button cannot take the focus, so Tab and the arrows skip closed days. */
  gtk_widget_set_sensitive (button, free);
}

/*
 * A closed day's button cannot be touched, but "clicked" can still be
 * emitted on it (an assistive tool may): it is refused here too.
 */
static void
on_day_clicked (GtkButton *button, KpCalendar *self)
{
  guint day = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "day"));
  GDate date = self->month;
  g_autofree char *iso_day = NULL;

  if (!gtk_widget_get_sensitive (GTK_WIDGET (button)))
    return;
  g_date_set_day (&date, (GDateDay) day);
  iso_day = kp_date_text_to_iso (&date);
  g_signal_emit (self, signals[DAY_CHOSEN], 0, iso_day);
}

/*
 * Not an actionable button: an action would set the button's sensitivity
 * itself, and a closed day must stay insensitive.
 */
static GtkWidget *
new_day_button (KpCalendar *self, guint day)
{
  g_autofree char *number = g_strdup_printf ("%u", day);
  GtkWidget *button = gtk_button_new_with_label (number);

  gtk_widget_add_css_class (button, "calendar-day");
  gtk_widget_set_hexpand (button, TRUE);
  g_object_set_data (G_OBJECT (button), "day", GUINT_TO_POINTER (day));
  g_signal_connect (button, "clicked", G_CALLBACK (on_day_clicked), self);
  return button;
}

static void
add_weekday_headings (KpCalendar *self)
{
  for (int weekday = G_DATE_MONDAY; weekday <= G_DATE_SUNDAY; weekday++)
    {
      g_autofree char *name = kp_date_text_format_weekday ((GDateWeekday) weekday);
      GtkWidget *heading = gtk_label_new (name);

      gtk_widget_add_css_class (heading, "calendar-weekday");
      gtk_grid_attach (self->day_grid, heading, weekday - G_DATE_MONDAY, 0, 1, 1);
    }
}

/* Rebuilds the grid for the month in self->month: every day closed until the owner says. */
static void
show_month (KpCalendar *self)
{
  g_autofree char *title = kp_date_text_format_month (&self->month);
  guint n_days
      = g_date_get_days_in_month (g_date_get_month (&self->month), g_date_get_year (&self->month));
  guint offset = g_date_get_weekday (&self->month) - G_DATE_MONDAY;
  GtkWidget *child;

  gtk_label_set_label (self->month_label, title);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->day_grid))) != NULL)
    gtk_grid_remove (self->day_grid, child);
  memset (self->day_buttons, 0, sizeof self->day_buttons);

  add_weekday_headings (self);
  for (guint day = 1; day <= n_days; day++)
    {
      guint cell = offset + day - 1;

      self->day_buttons[day - 1] = new_day_button (self, day);
      gtk_grid_attach (self->day_grid, self->day_buttons[day - 1], cell % DAYS_IN_WEEK,
                       1 + cell / DAYS_IN_WEEK, 1, 1);
      set_day_free (self, day, FALSE);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.previous",
                                 g_date_compare (&self->month, &self->first_month) > 0);
  g_signal_emit (self, signals[MONTH_CHANGED], 0);
}

static void
previous_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  kp_calendar_show_previous_month (KP_CALENDAR (widget));
}

static void
next_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  kp_calendar_show_next_month (KP_CALENDAR (widget));
}

/* The arrow on the side it points to: before "Previous month", after "Next month". */
static GtkWidget *
new_month_button (const char *icon_name,
                  const char *label,
                  const char *action_name,
                  gboolean arrow_first)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *arrow = gtk_image_new_from_icon_name (icon_name);

  gtk_image_set_pixel_size (GTK_IMAGE (arrow), MONTH_ARROW_SIZE);
  gtk_box_append (GTK_BOX (content), gtk_label_new (label));
  if (arrow_first)
    gtk_box_prepend (GTK_BOX (content), arrow);
  else
    gtk_box_append (GTK_BOX (content), arrow);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_add_css_class (button, "calendar-month-button");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  return button;
}

static void
build_widgets (KpCalendar *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 20);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 20);

  self->month_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->month_label), "calendar-month");
  gtk_widget_set_hexpand (GTK_WIDGET (self->month_label), TRUE);
  gtk_box_append (GTK_BOX (header), new_month_button ("go-previous-symbolic", _ ("Previous month"),
                                                      "calendar.previous", TRUE));
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->month_label));
  gtk_box_append (GTK_BOX (header),
                  new_month_button ("go-next-symbolic", _ ("Next month"), "calendar.next", FALSE));

  self->day_grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (self->day_grid, 12);
  gtk_grid_set_column_spacing (self->day_grid, 12);
  gtk_grid_set_column_homogeneous (self->day_grid, TRUE);

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->day_grid));
  adw_bin_set_child (ADW_BIN (self), box);
}

static void
kp_calendar_class_init (KpCalendarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[MONTH_CHANGED] = g_signal_new ("month-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[DAY_CHOSEN] = g_signal_new ("day-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                      NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "calendar.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "calendar.next", NULL, next_action);
  gtk_widget_class_set_css_name (widget_class, "kp-calendar");
}

static void
kp_calendar_init (KpCalendar *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (&self->first_month, 1);
  g_date_set_dmy (&self->first_month, 1, (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
  self->month = self->first_month;
  build_widgets (self);
  show_month (self);
}

GtkWidget *
kp_calendar_new (void)
{
  return g_object_new (KP_TYPE_CALENDAR, NULL);
}

void
kp_calendar_get_month (KpCalendar *self, GDate *first)
{
  g_return_if_fail (KP_IS_CALENDAR (self));
  g_return_if_fail (first != NULL);

  *first = self->month;
}

void
kp_calendar_show_next_month (KpCalendar *self)
{
  g_return_if_fail (KP_IS_CALENDAR (self));

  g_date_add_months (&self->month, 1);
  show_month (self);
}

void
kp_calendar_show_previous_month (KpCalendar *self)
{
  g_return_if_fail (KP_IS_CALENDAR (self));

  /* Before today's month every day is in the past. */
  if (g_date_compare (&self->month, &self->first_month) > 0)
    {
      g_date_subtract_months (&self->month, 1);
      show_month (self);
    }
}

void
kp_calendar_set_free_days (KpCalendar *self, GPtrArray *days)
{
  g_return_if_fail (KP_IS_CALENDAR (self));
  g_return_if_fail (days != NULL);

  for (guint i = 0; i < days->len; i++)
    {
      const GDate *day = g_ptr_array_index (days, i);

      if (g_date_get_month (day) == g_date_get_month (&self->month)
          && g_date_get_year (day) == g_date_get_year (&self->month))
        set_day_free (self, g_date_get_day (day), TRUE);
    }
}

GtkWidget *
kp_calendar_get_day_button (KpCalendar *self, guint day)
{
  g_return_val_if_fail (KP_IS_CALENDAR (self), NULL);

  return day >= 1 && day <= MAX_DAYS ? self->day_buttons[day - 1] : NULL;
}
