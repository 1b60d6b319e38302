/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "ctl-outbox.h"

#include "ctl-common.h"
#include "ctl-guide.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

/* What `outbox` shows for one delivery route. */
typedef struct
{
  const char *route; /* owned by the configuration */
  guint waiting;     /* pending or being delivered */
  guint rejected;
  gint64 oldest_created; /* of the waiting rows; 0 when none waits */
  const char *last_error;
  gint64 last_error_at; /* the next attempt booked with it: later means more recent */
} RouteSummary;

static RouteSummary *
find_summary (GArray *summaries, const char *route)
{
  RouteSummary fresh = { .route = route };

  for (guint i = 0; i < summaries->len; i++)
    {
      RouteSummary *summary = &g_array_index (summaries, RouteSummary, i);

      if (g_str_equal (summary->route, route))
        return summary;
    }
  g_array_append_val (summaries, fresh);
  return &g_array_index (summaries, RouteSummary, summaries->len - 1);
}

/*
 * A row counts for the route its kind has now, as kernpunt-syncd will
 * deliver it there, whatever the route was when it was written.
 */
static void
add_item (KpConfig *config, GArray *summaries, KpOutboxItem *item)
{
  RouteSummary *summary = find_summary (
      summaries, kp_config_get_delivery_route (config, kp_outbox_item_get_kind (item)));
  KpOutboxState state = kp_outbox_item_get_state (item);
  gint64 created = kp_outbox_item_get_created_at (item);
  gint64 tried = kp_outbox_item_get_next_attempt_at (item);

  if (state == KP_OUTBOX_STATE_DELIVERED)
    return;
  if (state == KP_OUTBOX_STATE_REJECTED)
    summary->rejected++;
  else
    {
      summary->waiting++;
      if (summary->oldest_created == 0 || created < summary->oldest_created)
        summary->oldest_created = created;
    }
  if (kp_outbox_item_get_last_error (item) != NULL && tried >= summary->last_error_at)
    {
      summary->last_error = kp_outbox_item_get_last_error (item);
      summary->last_error_at = tried;
    }
}

static gint64
age_seconds (const RouteSummary *summary, gint64 now)
{
  if (summary->oldest_created == 0)
    return -1;
  return MAX (now - summary->oldest_created, 0) / G_USEC_PER_SEC;
}

/* Prints what @builder holds. */
static void
print_built_json (JsonBuilder *builder)
{
  g_autoptr (JsonNode) root = json_builder_get_root (builder);

  ctl_print_json (root);
}

static void
print_summaries_json (GArray *summaries, gint64 now)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "routes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < summaries->len; i++)
    {
      const RouteSummary *summary = &g_array_index (summaries, RouteSummary, i);
      gint64 age = age_seconds (summary, now);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "route");
      json_builder_add_string_value (builder, summary->route);
      json_builder_set_member_name (builder, "waiting");
      json_builder_add_int_value (builder, summary->waiting);
      json_builder_set_member_name (builder, "rejected");
      json_builder_add_int_value (builder, summary->rejected);
      json_builder_set_member_name (builder, "oldest_waiting_age_seconds");
      if (age < 0)
        json_builder_add_null_value (builder);
      else
        json_builder_add_int_value (builder, age);
      json_builder_set_member_name (builder, "last_error");
      json_builder_add_string_value (builder, summary->last_error);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  print_built_json (builder);
}

/* One block per route, as `status` prints: a label, then its value. */
static void
print_summaries_text (GArray *summaries, gint64 now)
{
  if (summaries->len == 0)
    {
      g_print ("%s\n", _ ("Nothing is waiting in the outbox."));
      return;
    }
  for (guint i = 0; i < summaries->len; i++)
    {
      const RouteSummary *summary = &g_array_index (summaries, RouteSummary, i);
      gint64 seconds = age_seconds (summary, now);
      g_autofree char *age = seconds < 0 ? g_strdup ("—") : ctl_format_age (seconds);

      /* TRANSLATORS: a delivery route: "embedded", "zgw", "signalen", … */
      g_print (_ ("Route %s\n"), summary->route);
      g_print ("  %-16s %u\n", _ ("Waiting:"), summary->waiting);
      g_print ("  %-16s %s\n", _ ("Oldest waiting:"), age);
      g_print ("  %-16s %u\n", _ ("Refused:"), summary->rejected);
      g_print ("  %-16s %s\n", _ ("Last error:"),
               summary->last_error != NULL ? summary->last_error : "—");
    }
}

int
ctl_outbox_summary (KpConfig *config, KpOutbox *outbox, gboolean json, GError **error)
{
  g_autoptr (GPtrArray) items = kp_outbox_list (outbox, error);
  g_autoptr (GArray) summaries = g_array_new (FALSE, TRUE, sizeof (RouteSummary));
  gint64 now = g_get_real_time ();

  if (items == NULL)
    return EXIT_FAILED;
  for (guint i = 0; i < items->len; i++)
    add_item (config, summaries, g_ptr_array_index (items, i));
  /* Routes with nothing left to do say nothing an admin needs. */
  for (guint i = summaries->len; i > 0; i--)
    {
      const RouteSummary *summary = &g_array_index (summaries, RouteSummary, i - 1);

      if (summary->waiting == 0 && summary->rejected == 0)
        g_array_remove_index (summaries, i - 1);
    }

  if (json)
    print_summaries_json (summaries, now);
  else
    print_summaries_text (summaries, now);
  return EXIT_OK;
}

int
ctl_outbox_retry (KpOutbox *outbox, gboolean json, const char *reference, GError **error)
{
  g_autoptr (JsonBuilder) builder = NULL;

  if (!kp_outbox_retry_now (outbox, reference, g_get_real_time (), error))
    return EXIT_FAILED;
  if (!json)
    {
      g_print (_ ("%s will be sent again at the next delivery round.\n"), reference);
      return EXIT_OK;
    }
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "reference");
  json_builder_add_string_value (builder, reference);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, kp_outbox_state_to_string (KP_OUTBOX_STATE_PENDING));
  json_builder_end_object (builder);
  print_built_json (builder);
  return EXIT_OK;
}

char *
ctl_format_age (gint64 seconds)
{
  if (seconds < 60)
    return g_strdup_printf (_ ("%d s"), (int) seconds);
  if (seconds < 60 * 60)
    return g_strdup_printf (_ ("%d min"), (int) (seconds / 60));
  if (seconds < 24 * 60 * 60)
    return g_strdup_printf (_ ("%d h %d min"), (int) (seconds / 3600), (int) (seconds % 3600 / 60));
  return g_strdup_printf (_ ("%d d %d h"), (int) (seconds / 86400), (int) (seconds % 86400 / 3600));
}
