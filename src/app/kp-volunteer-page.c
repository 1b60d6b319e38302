/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-volunteer-page.h"

#include "kp-found-register.h"
#include "kp-outbox-item.h"
#include "kp-speaker.h"
#include "kp-stats-chart.h"

#include <glib/gi18n.h>

/* The kinds of submission in the outbox, each sent along its [delivery] route. */
static const char *const outbox_kinds[] = { "report", "found", "lost", "callback" };
#define N_OUTBOX_KINDS G_N_ELEMENTS (outbox_kinds)

/* The register is only counted; more than this is shown as "at least". */
#define MAX_FOUND_COUNTED 1000

struct _KpVolunteerPage
{
  AdwBin parent_instance;

  char *volunteer;
  KpConfig *config;
  KpOutbox *outbox;
  KpEvents *events;
  GCancellable *cancellable;
  KpStatsChart *day_chart;
  KpStatsChart *week_chart;
  gboolean counts_loaded;

  GtkLabel *volunteer_label;
  GtkWidget *help_box;
  GtkLabel *printer_label;
  GtkLabel *print_message_label;
  GtkWidget *reprint_button;
  GtkLabel *volume_label;
  GtkWidget *softer_button;
  GtkWidget *louder_button;
  GtkLabel *outbox_label;
  GtkLabel *backend_label;
  GtkLabel *found_label;
  GtkLabel *today_label;
  GtkDrawingArea *day_area;
  GtkDrawingArea *week_area;
};

G_DEFINE_FINAL_TYPE (KpVolunteerPage, kp_volunteer_page, ADW_TYPE_BIN)

/* What a worker thread read; handed to the UI thread whole. */
typedef struct
{
  guint outbox[KP_OUTBOX_N_STATES];
  guint by_kind[N_OUTBOX_KINDS][KP_OUTBOX_N_STATES];
  guint n_found;
  KpStatsChart *day_chart;
  KpStatsChart *week_chart;
} Counts;

static void
counts_free (Counts *counts)
{
  g_clear_object (&counts->day_chart);
  g_clear_object (&counts->week_chart);
  g_free (counts);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Counts, counts_free)

/* Per state, in the words a volunteer uses; the order of KpOutboxState. */
static const char *const outbox_state_words[KP_OUTBOX_N_STATES] = {
  N_ ("Waiting to be sent"),
  N_ ("Being sent"),
  N_ ("Sent"),
  N_ ("Refused: ask the administrator"),
};

static void
read_counts (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  KpVolunteerPage *self = source_object;
  g_autoptr (Counts) counts = g_new0 (Counts, 1);
  g_autoptr (KpFoundRegister) found = kp_found_register_new (kp_outbox_get_store (self->outbox));
  KpFoundRegisterQuery everything = { 0 };
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  GDate today;
  GError *error = NULL;

  if (!kp_outbox_count_by_state (self->outbox, counts->outbox, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  for (gsize kind = 0; kind < N_OUTBOX_KINDS; kind++)
    if (!kp_outbox_count_by_kind_and_state (self->outbox, outbox_kinds[kind], counts->by_kind[kind],
                                            &error))
      {
        g_task_return_error (task, error);
        return;
      }
  entries = kp_found_register_search (found, &everything, MAX_FOUND_COUNTED, &error);
  if (entries == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  counts->n_found = entries->len;
  if (self->events != NULL)
    {
      g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (now),
                      (GDateMonth) g_date_time_get_month (now),
                      (GDateYear) g_date_time_get_year (now));
      counts->day_chart = kp_stats_chart_new_day (self->events, &today, &error);
      if (counts->day_chart != NULL)
        counts->week_chart = kp_stats_chart_new_week (self->events, &today, &error);
      if (error != NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  g_task_return_pointer (task, g_steal_pointer (&counts), (GDestroyNotify) counts_free);
}

static void
show_outbox_counts (KpVolunteerPage *self, const guint outbox[KP_OUTBOX_N_STATES])
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint state = 0; state < KP_OUTBOX_N_STATES; state++)
    g_string_append_printf (text, "%s%s: %u", state > 0 ? "\n" : "", _ (outbox_state_words[state]),
                            outbox[state]);
  gtk_label_set_label (self->outbox_label, text->str);
}

/* A [delivery] route as a volunteer knows it; Signalen and Klantinteracties are names. */
static const char *
describe_route (const char *route)
{
  if (g_str_equal (route, "embedded"))
    return _ ("The kiosk's own register");
  if (g_str_equal (route, "zgw"))
    return _ ("Case system (ZGW)");
  if (g_str_equal (route, "signalen"))
    return "Signalen";
  return "Klantinteracties";
}

/* One line per backend: the kinds that share a route are added up. Counts only, no contents. */
static void
show_backend_counts (KpVolunteerPage *self, const Counts *counts)
{
  const char *routes[N_OUTBOX_KINDS];
  guint sums[N_OUTBOX_KINDS][KP_OUTBOX_N_STATES] = { { 0 } };
  guint n_routes = 0;
  g_autoptr (GString) text = g_string_new (NULL);

  for (gsize kind = 0; kind < N_OUTBOX_KINDS; kind++)
    {
      const char *route = kp_config_get_delivery_route (self->config, outbox_kinds[kind]);
      guint r = 0;

      while (r < n_routes && !g_str_equal (routes[r], route))
        r++;
      if (r == n_routes)
        routes[n_routes++] = route;
      for (guint state = 0; state < KP_OUTBOX_N_STATES; state++)
        sums[r][state] += counts->by_kind[kind][state];
    }
  for (guint r = 0; r < n_routes; r++)
    {
      if (r > 0)
        g_string_append_c (text, '\n');
      /* TRANSLATORS: %s is where messages go, e.g. "Case system (ZGW)"; then four counts */
      g_string_append_printf (text, _ ("%s: %u waiting, %u being sent, %u sent, %u refused"),
                              describe_route (routes[r]), sums[r][KP_OUTBOX_STATE_PENDING],
                              sums[r][KP_OUTBOX_STATE_DELIVERING],
                              sums[r][KP_OUTBOX_STATE_DELIVERED],
                              sums[r][KP_OUTBOX_STATE_REJECTED]);
    }
  gtk_label_set_label (self->backend_label, text->str);
}

static guint
sum_bars (KpStatsChart *chart)
{
  guint sum = 0;

  for (guint bar = 0; bar < kp_stats_chart_get_n_bars (chart); bar++)
    sum += kp_stats_chart_get_value (chart, bar);
  return sum;
}

static void
on_counts_read (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (Counts) counts = g_task_propagate_pointer (G_TASK (result), &error);
  KpVolunteerPage *self;
  g_autofree char *found = NULL;
  g_autofree char *today = NULL;

  if (counts == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("The volunteer screen cannot read the counts: %s", error->message);
      return;
    }
  self = KP_VOLUNTEER_PAGE (source_object);
  show_outbox_counts (self, counts->outbox);
  show_backend_counts (self, counts);
  found = g_strdup_printf (_ ("Found objects handed in: %u"), counts->n_found);
  gtk_label_set_label (self->found_label, found);
  if (counts->day_chart != NULL)
    {
      self->day_chart = g_steal_pointer (&counts->day_chart);
      self->week_chart = g_steal_pointer (&counts->week_chart);
      today = g_strdup_printf (_ ("Visitors today: %u"), sum_bars (self->day_chart));
      gtk_label_set_label (self->today_label, today);
      gtk_widget_queue_draw (GTK_WIDGET (self->day_area));
      gtk_widget_queue_draw (GTK_WIDGET (self->week_area));
    }
  self->counts_loaded = TRUE;
}

static void
draw_chart (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  KpStatsChart **chart = user_data;

  if (*chart != NULL)
    kp_stats_chart_draw (*chart, cr, width, height);
}

static void
start (KpVolunteerPage *self)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *who = NULL;

  /* TRANSLATORS: %s is the volunteer's own name, as added with kernpunt-ctl */
  who = g_strdup_printf (_ ("Volunteer mode: %s"), self->volunteer);
  gtk_label_set_label (self->volunteer_label, who);
  gtk_drawing_area_set_draw_func (self->day_area, draw_chart, &self->day_chart, NULL);
  gtk_drawing_area_set_draw_func (self->week_area, draw_chart, &self->week_chart, NULL);

  task = g_task_new (self, self->cancellable, on_counts_read, NULL);
  g_task_set_source_tag (task, start);
  g_task_run_in_thread (task, read_counts);
}

static void
kp_volunteer_page_dispose (GObject *object)
{
  KpVolunteerPage *self = KP_VOLUNTEER_PAGE (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (kp_volunteer_page_parent_class)->dispose (object);
}

static void
kp_volunteer_page_finalize (GObject *object)
{
  KpVolunteerPage *self = KP_VOLUNTEER_PAGE (object);

  g_clear_object (&self->week_chart);
  g_clear_object (&self->day_chart);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->events);
  g_clear_object (&self->outbox);
  g_clear_object (&self->config);
  g_clear_pointer (&self->volunteer, g_free);

  G_OBJECT_CLASS (kp_volunteer_page_parent_class)->finalize (object);
}

static void
kp_volunteer_page_class_init (KpVolunteerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kp_volunteer_page_dispose;
  object_class->finalize = kp_volunteer_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/nl/kernpunt/Kernpunt/kp-volunteer-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KpVolunteerPage, volunteer_label);
  gtk_widget_class_bind_template_child (widget_class, KpVolunteerPage, help_box);
  gtk_widget_class_bind_template_child (widget_class, KpVolunteerPage, printer_label);
  gtk_widget_class_bind_template_child (widget_class, KpVolunteerPage, print_message_label);
  gtk_widget_class_bind_template_child (widget_class, KpVolunteerPage, reprint_button);
  gtk_widget_class_bind_template_child (widget_class, KpVolunteerPage, volume_label);
  gtk_widget_class_bind_template_child (widget_class, KpVolunteerPage, softer_button);
  gtk_widget_class_bind_template_child (widget_class, KpVolunteerPage, louder_button);
  gtk_widget_class_bind_template_child (widget_class, KpVolunteerPage, outbox_label);
  gtk_widget_class_bind_template_child (widget_class, KpVolunteerPage, backend_label);
  gtk_widget_class_bind_template_child (widget_class, KpVolunteerPage, found_label);
  gtk_widget_class_bind_template_child (widget_class, KpVolunteerPage, today_label);
  gtk_widget_class_bind_template_child (widget_class, KpVolunteerPage, day_area);
  gtk_widget_class_bind_template_child (widget_class, KpVolunteerPage, week_area);
}

static void
kp_volunteer_page_init (KpVolunteerPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
kp_volunteer_page_new (const char *volunteer, KpConfig *config, KpOutbox *outbox, KpEvents *events)
{
  KpVolunteerPage *self;

  g_return_val_if_fail (volunteer != NULL, NULL);
  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);
  g_return_val_if_fail (KP_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (events == NULL || KP_IS_EVENTS (events), NULL);

  self = g_object_new (KP_TYPE_VOLUNTEER_PAGE, NULL);
  self->volunteer = g_strdup (volunteer);
  self->config = g_object_ref (config);
  self->outbox = g_object_ref (outbox);
  self->events = events != NULL ? g_object_ref (events) : NULL;
  start (self);
  return GTK_WIDGET (self);
}

void
kp_volunteer_page_set_printer_state (KpVolunteerPage *self, KpPrinterState state)
{
  g_return_if_fail (KP_IS_VOLUNTEER_PAGE (self));

  gtk_label_set_label (self->printer_label, kp_printer_state_describe (state));
  if (kp_printer_state_can_print (state))
    gtk_widget_remove_css_class (GTK_WIDGET (self->printer_label), "not-ready");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->printer_label), "not-ready");
}

void
kp_volunteer_page_set_help_waiting (KpVolunteerPage *self, gboolean waiting)
{
  g_return_if_fail (KP_IS_VOLUNTEER_PAGE (self));

  gtk_widget_set_visible (self->help_box, waiting);
}

void
kp_volunteer_page_set_can_reprint (KpVolunteerPage *self, gboolean can_reprint)
{
  g_return_if_fail (KP_IS_VOLUNTEER_PAGE (self));

  gtk_widget_set_sensitive (self->reprint_button, can_reprint);
}

void
kp_volunteer_page_set_print_message (KpVolunteerPage *self, const char *message)
{
  g_return_if_fail (KP_IS_VOLUNTEER_PAGE (self));

  gtk_label_set_label (self->print_message_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->print_message_label),
                          message != NULL && *message != '\0');
}

void
kp_volunteer_page_set_volume (KpVolunteerPage *self, guint volume)
{
  g_autofree char *text = NULL;

  g_return_if_fail (KP_IS_VOLUNTEER_PAGE (self));

  /* TRANSLATORS: %u%% is the loudness of reading aloud, e.g. "100%" (normal) up to "200%" */
  text = g_strdup_printf (_ ("Read-aloud volume: %u%%"), volume);
  gtk_label_set_label (self->volume_label, text);
  gtk_widget_set_sensitive (self->softer_button, volume > 0);
  gtk_widget_set_sensitive (self->louder_button, volume < KP_SPEAKER_MAX_VOLUME);
}

gboolean
kp_volunteer_page_get_counts_loaded (KpVolunteerPage *self)
{
  g_return_val_if_fail (KP_IS_VOLUNTEER_PAGE (self), FALSE);

  return self->counts_loaded;
}
