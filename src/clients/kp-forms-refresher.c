/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-forms-refresher.h"

#include "kp-config-private.h"
#include "kp-e-form-catalogue.h"
#include "kp-open-forms-client.h"
#include "kp-store.h"

struct _KpFormsRefresher
{
  GObject parent_instance;

  KpOpenFormsClient *client;
  KpStore *store;
  KpEFormCatalogue *catalogue;
  guint interval_seconds;
  GCancellable *cancellable; /* while started */
  guint wake_id;
};

G_DEFINE_FINAL_TYPE (KpFormsRefresher, kp_forms_refresher, G_TYPE_OBJECT)

static void start_refresh (KpFormsRefresher *self);

static guint
count_shown (GPtrArray *forms)
{
  guint n_shown = 0;

  for (guint i = 0; i < forms->len; i++)
    n_shown += kp_e_form_is_shown (g_ptr_array_index (forms, i)) ? 1 : 0;
  return n_shown;
}

static void
refresh_in_thread (GTask *task,
                   gpointer source_object,
                   gpointer task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;

  if (kp_forms_refresher_refresh (KP_FORMS_REFRESHER (source_object), cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static gboolean
on_wake (gpointer user_data)
{
  KpFormsRefresher *self = user_data;

  self->wake_id = 0;
  start_refresh (self);
  return G_SOURCE_REMOVE;
}

/* The failure is stored and logged already; the next round may go better. */
static void
on_refreshed (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  KpFormsRefresher *self = KP_FORMS_REFRESHER (source_object);
  g_autoptr (GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  self->wake_id = g_timeout_add_seconds (self->interval_seconds, on_wake, self);
}

static void
start_refresh (KpFormsRefresher *self)
{
  g_autoptr (GTask) task = g_task_new (self, self->cancellable, on_refreshed, NULL);

  g_task_set_source_tag (task, start_refresh);
  g_task_run_in_thread (task, refresh_in_thread);
}

static void
kp_forms_refresher_dispose (GObject *object)
{
  KpFormsRefresher *self = KP_FORMS_REFRESHER (object);

  g_clear_handle_id (&self->wake_id, g_source_remove);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kp_forms_refresher_parent_class)->dispose (object);
}

static void
kp_forms_refresher_finalize (GObject *object)
{
  KpFormsRefresher *self = KP_FORMS_REFRESHER (object);

  g_clear_object (&self->catalogue);
  g_clear_object (&self->store);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (kp_forms_refresher_parent_class)->finalize (object);
}

static void
kp_forms_refresher_class_init (KpFormsRefresherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kp_forms_refresher_dispose;
  object_class->finalize = kp_forms_refresher_finalize;
}

static void
kp_forms_refresher_init (KpFormsRefresher *self)
{
}

/* (transfer full) */
KpFormsRefresher *
kp_forms_refresher_new (KpConfig *config, GError **error)
{
  g_autoptr (KpFormsRefresher) self = NULL;
  g_autofree char *token = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);
  g_return_val_if_fail (kp_config_get_open_formulieren_url (config) != NULL, NULL);

  token = kp_config_read_secret_file ("open-formulieren", "token-file",
                                      kp_config_get_open_formulieren_token_file (config), error);
  if (token == NULL)
    return NULL;
  self = g_object_new (KP_TYPE_FORMS_REFRESHER, NULL);
  self->interval_seconds = kp_config_get_open_formulieren_refresh_minutes (config) * 60;
  self->client = kp_open_forms_client_new (config, token, error);
  if (self->client == NULL)
    return NULL;
  path = kp_config_dup_database_path (config);
  self->store = kp_store_open (path, error);
  if (self->store == NULL)
    return NULL;
  self->catalogue = kp_e_form_catalogue_new (config, self->store);
  return g_steal_pointer (&self);
}

gboolean
kp_forms_refresher_refresh (KpFormsRefresher *self, GCancellable *cancellable, GError **error)
{
  g_autoptr (GPtrArray) forms = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GError) store_error = NULL;

  g_return_val_if_fail (KP_IS_FORMS_REFRESHER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  forms = kp_open_forms_client_fetch (self->client, cancellable, &local_error);
  if (forms != NULL)
    {
      if (!kp_e_form_catalogue_store_refreshed (self->catalogue, forms, g_get_real_time (), error))
        return FALSE;
      g_message ("Refreshed the e-forms from Open Formulieren: %u shown of %u", count_shown (forms),
                 forms->len);
      return TRUE;
    }
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_message ("The e-forms were not refreshed; the last list stays: %s", local_error->message);
  if (!kp_e_form_catalogue_store_refresh_failure (self->catalogue, local_error->message,
                                                  g_get_real_time (), &store_error))
    g_message ("The failed refresh cannot be noted: %s", store_error->message);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

void
kp_forms_refresher_start (KpFormsRefresher *self, GCancellable *cancellable)
{
  g_return_if_fail (KP_IS_FORMS_REFRESHER (self));
  g_return_if_fail (G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (self->cancellable == NULL);

  self->cancellable = g_object_ref (cancellable);
  start_refresh (self);
}
