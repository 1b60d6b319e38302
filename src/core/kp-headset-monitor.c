/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-headset-monitor.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

/* The audio server restarts now and then; the watch is taken up again after this. */
#define RESUBSCRIBE_SECONDS 10

typedef enum
{
  SETTING_AUTO,
  SETTING_YES,
  SETTING_NO,
} Setting;

struct _KpHeadsetMonitor
{
  GObject parent_instance;

  Setting setting;
  gboolean plugged;
  /* Cancelled at dispose: every callback below checks it before touching self. */
  GCancellable *cancellable;
  GSubprocess *subscriber;
  GDataInputStream *events;
  gboolean querying;
  gboolean query_again; /* a change came while the last answer was on its way */
  gboolean failure_told;
  guint resubscribe_source;
};

G_DEFINE_FINAL_TYPE (KpHeadsetMonitor, kp_headset_monitor, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_PLUGGED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Written out: clang-format would put spaces into G_DEFINE_QUARK's name. */
GQuark
kp_headset_monitor_error_quark (void)
{
  return g_quark_from_static_string ("kp-headset-monitor-error-quark");
}

static void query (KpHeadsetMonitor *self);
static void subscribe (KpHeadsetMonitor *self);

static void
set_plugged (KpHeadsetMonitor *self, gboolean plugged)
{
  plugged = !!plugged;
  if (self->plugged == plugged)
    return;
  self->plugged = plugged;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLUGGED]);
}

/* Told once: a kiosk without an audio server would otherwise fill the log. */
static void
tell_failure (KpHeadsetMonitor *self, const char *what, const GError *error)
{
  if (self->failure_told)
    return;
  self->failure_told = TRUE;
  g_message ("Headset detection: %s: %s; details stay off the loudspeaker", what, error->message);
}

static gboolean
contains_word (const char *text, const char *word)
{
  g_autofree char *folded = g_ascii_strdown (text, -1);

  return strstr (folded, word) != NULL;
}

/* Port types are "Headphones" and "Headset"; older drivers leave them "Unknown" but name them. */
static gboolean
is_headset_port (JsonObject *port)
{
  const char *type = json_object_get_string_member_with_default (port, "type", "");
  const char *name = json_object_get_string_member_with_default (port, "name", "");

  return g_str_equal (type, "Headphones") || g_str_equal (type, "Headset")
         || contains_word (name, "headphone") || contains_word (name, "headset");
}

static gboolean
sink_has_headset (JsonObject *sink)
{
  JsonNode *ports_node = json_object_get_member (sink, "ports");
  JsonArray *ports = ports_node != NULL && JSON_NODE_HOLDS_ARRAY (ports_node)
                         ? json_node_get_array (ports_node)
                         : NULL;

  for (guint i = 0; ports != NULL && i < json_array_get_length (ports); i++)
    {
      JsonObject *port = json_array_get_object_element (ports, i);

      /* "available" is a jack with a plug in it; "availability unknown" proves nothing. */
      if (port != NULL && is_headset_port (port)
          && g_str_equal (json_object_get_string_member_with_default (port, "availability", ""),
                          "available"))
        return TRUE;
    }
  return FALSE;
}

gboolean
kp_headset_monitor_sinks_have_headset (const char *json, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) parse_error = NULL;
  JsonNode *root;
  JsonArray *sinks;

  g_return_val_if_fail (json != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!json_parser_load_from_data (parser, json, -1, &parse_error))
    {
      g_set_error (error, KP_HEADSET_MONITOR_ERROR, KP_HEADSET_MONITOR_ERROR_PARSE,
                   "pactl did not answer in JSON: %s", parse_error->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, KP_HEADSET_MONITOR_ERROR, KP_HEADSET_MONITOR_ERROR_PARSE,
                           "pactl did not answer with a list of sinks");
      return FALSE;
    }
  sinks = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (sinks); i++)
    {
      JsonNode *sink = json_array_get_element (sinks, i);

      if (!JSON_NODE_HOLDS_OBJECT (sink))
        {
          g_set_error_literal (error, KP_HEADSET_MONITOR_ERROR, KP_HEADSET_MONITOR_ERROR_PARSE,
                               "pactl listed a sink that is not an object");
          return FALSE;
        }
      if (sink_has_headset (json_node_get_object (sink)))
        return TRUE;
    }
  return FALSE;
}

static void
on_listed (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  GSubprocess *process = G_SUBPROCESS (source_object);
  g_autoptr (GError) error = NULL;
  g_autofree char *output = NULL;
  KpHeadsetMonitor *self;
  gboolean plugged;

  if (!g_subprocess_communicate_utf8_finish (process, result, &output, NULL, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = KP_HEADSET_MONITOR (user_data);
  self->querying = FALSE;
  if (error == NULL && !g_subprocess_get_successful (process))
    g_set_error_literal (&error, KP_HEADSET_MONITOR_ERROR, KP_HEADSET_MONITOR_ERROR_PARSE,
                         "pactl could not list the sinks");
  plugged = error == NULL && kp_headset_monitor_sinks_have_headset (output, &error);
  if (error != NULL)
    tell_failure (self, "cannot read the sinks", error);
  set_plugged (self, plugged);
  if (self->query_again)
    {
      self->query_again = FALSE;
      query (self);
    }
}

/* One question at a time; changes that come meanwhile ask once more afterwards. */
static void
query (KpHeadsetMonitor *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) process = NULL;

  if (self->querying)
    {
      self->query_again = TRUE;
      return;
    }
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                              &error, "pactl", "--format=json", "list", "sinks", NULL);
  if (process == NULL)
    {
      tell_failure (self, "cannot start pactl", error);
      return;
    }
  self->querying = TRUE;
  g_subprocess_communicate_utf8_async (process, NULL, self->cancellable, on_listed, self);
}

static gboolean
on_resubscribe (gpointer user_data)
{
  KpHeadsetMonitor *self = user_data;

  self->resubscribe_source = 0;
  query (self);
  subscribe (self);
  return G_SOURCE_REMOVE;
}

static void
stop_subscriber (KpHeadsetMonitor *self)
{
  if (self->subscriber != NULL)
    g_subprocess_force_exit (self->subscriber);
  g_clear_object (&self->events);
  g_clear_object (&self->subscriber);
}

static void read_next_event (KpHeadsetMonitor *self);

/* "Event 'change' on sink #0", "Event 'new' on card #2": a jack may have changed. */
static void
on_event_line (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (
      G_DATA_INPUT_STREAM (source_object), result, NULL, &error);
  KpHeadsetMonitor *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = KP_HEADSET_MONITOR (user_data);
  if (line == NULL)
    {
      /* The server went away (or never was): try again later, quietly. */
      if (error != NULL)
        tell_failure (self, "the watch on the audio server stopped", error);
      stop_subscriber (self);
      self->resubscribe_source = g_timeout_add_seconds (RESUBSCRIBE_SECONDS, on_resubscribe, self);
      return;
    }
  if (strstr (line, " sink ") != NULL || strstr (line, " card ") != NULL)
    query (self);
  read_next_event (self);
}

static void
read_next_event (KpHeadsetMonitor *self)
{
  g_data_input_stream_read_line_async (self->events, G_PRIORITY_DEFAULT, self->cancellable,
                                       on_event_line, self);
}

static void
subscribe (KpHeadsetMonitor *self)
{
  g_autoptr (GError) error = NULL;

  self->subscriber
      = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                          &error, "pactl", "subscribe", NULL);
  if (self->subscriber == NULL)
    {
      /* Without pactl there is nothing to wait for: no second try. */
      tell_failure (self, "cannot start pactl", error);
      return;
    }
  self->events = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->subscriber));
  read_next_event (self);
}

static void
kp_headset_monitor_dispose (GObject *object)
{
  KpHeadsetMonitor *self = KP_HEADSET_MONITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->resubscribe_source, g_source_remove);
  stop_subscriber (self);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kp_headset_monitor_parent_class)->dispose (object);
}

static void
kp_headset_monitor_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KpHeadsetMonitor *self = KP_HEADSET_MONITOR (object);

  switch (prop_id)
    {
      case PROP_PLUGGED:
        g_value_set_boolean (value, self->plugged);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kp_headset_monitor_class_init (KpHeadsetMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kp_headset_monitor_dispose;
  object_class->get_property = kp_headset_monitor_get_property;

  properties[PROP_PLUGGED]
      = g_param_spec_boolean ("plugged", NULL, NULL, FALSE,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kp_headset_monitor_init (KpHeadsetMonitor *self)
{
  self->cancellable = g_cancellable_new ();
}

/* (transfer full) */
KpHeadsetMonitor *
kp_headset_monitor_new (const char *setting)
{
  KpHeadsetMonitor *self;

  g_return_val_if_fail (setting != NULL, NULL);

  self = g_object_new (KP_TYPE_HEADSET_MONITOR, NULL);
  if (g_str_equal (setting, "yes"))
    self->setting = SETTING_YES;
  else if (g_str_equal (setting, "no"))
    self->setting = SETTING_NO;
  else
    self->setting = SETTING_AUTO;
  self->plugged = self->setting == SETTING_YES;
  if (self->setting == SETTING_AUTO)
    {
      query (self);
      subscribe (self);
    }
  return self;
}

gboolean
kp_headset_monitor_get_plugged (KpHeadsetMonitor *self)
{
  g_return_val_if_fail (KP_IS_HEADSET_MONITOR (self), FALSE);

  return self->plugged;
}
