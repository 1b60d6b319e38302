/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-application.h"

#include "kp-config.h"
#include "kp-outbox.h"
#include "kp-speaker.h"
#include "kp-store.h"
#include "kp-window.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <locale.h>

struct _KpApplication
{
  AdwApplication parent_instance;

  KpConfig *config;
  KpStore *store;
  KpOutbox *outbox;
  KpSpeaker *speaker;
};

G_DEFINE_FINAL_TYPE (KpApplication, kp_application, ADW_TYPE_APPLICATION)

static gboolean
open_store (KpApplication *self, GError **error)
{
  g_autofree char *path = kp_config_dup_database_path (self->config);

  if (g_mkdir_with_parents (kp_config_get_data_dir (self->config), 0750) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "Cannot create the data folder %s: %s", kp_config_get_data_dir (self->config),
                   g_strerror (saved_errno));
      return FALSE;
    }
  self->store = kp_store_open (path, error);
  if (self->store == NULL)
    return FALSE;
  self->outbox = kp_outbox_new (self->store);
  return TRUE;
}

/* Runs before the application registers, so a bad start ends with exit code 1. */
static int
kp_application_handle_local_options (GApplication *application, GVariantDict *options)
{
  KpApplication *self = KP_APPLICATION (application);
  const char *config_path = NULL;
  g_autoptr (GError) error = NULL;

  g_variant_dict_lookup (options, "config", "^&ay", &config_path);

  self->config = kp_config_load (config_path, &error);
  if (self->config == NULL || !open_store (self, &error))
    {
      g_printerr ("kernpunt: %s\n", error->message);
      return 1;
    }

  self->speaker = kp_speaker_new ();
  kp_speaker_set_output_folder (self->speaker, kp_config_get_speech_output_folder (self->config));
  kp_speaker_set_log_file (self->speaker, kp_config_get_speech_log_file (self->config));
  return -1;
}

static void
kp_application_activate (GApplication *application)
{
  KpApplication *self = KP_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      g_autoptr (KpCamera) camera = kp_camera_find_default ();

      window = GTK_WINDOW (
          kp_window_new (GTK_APPLICATION (self), self->config, self->outbox, self->speaker));
      kp_window_set_camera (KP_WINDOW (window), camera);
    }
  gtk_window_present (window);
}

static void
kp_application_dispose (GObject *object)
{
  KpApplication *self = KP_APPLICATION (object);

  g_clear_object (&self->speaker);
  g_clear_object (&self->outbox);
  g_clear_object (&self->store);
  g_clear_object (&self->config);

  G_OBJECT_CLASS (kp_application_parent_class)->dispose (object);
}

static void
kp_application_class_init (KpApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = kp_application_dispose;
  application_class->handle_local_options = kp_application_handle_local_options;
  application_class->activate = kp_application_activate;
}

static void
kp_application_init (KpApplication *self)
{
  const GOptionEntry entries[] = {
    { "config", 'c', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
      N_ ("Read the settings from FILE"), N_ ("FILE") },
    { NULL },
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  /*
   * KpWindow loads its own style and icons (tests make windows without an
   * application); the automatic copies would only load them twice.
   */
  g_application_set_resource_base_path (G_APPLICATION (self), NULL);
}

void
kp_application_setup_locale (void)
{
  const char *locale = setlocale (LC_ALL, "");
  const char *localedir = g_getenv ("KERNPUNT_LOCALEDIR");

  if (locale == NULL || g_str_equal (locale, "C"))
    setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

KpApplication *
kp_application_new (void)
{
  return g_object_new (KP_TYPE_APPLICATION, "application-id", KP_APPLICATION_ID, "flags",
                       G_APPLICATION_NON_UNIQUE, NULL);
}
