/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gio/gio.h>

#include "kp-config.h"
#include "kp-e-form.h"
#include "kp-store.h"

G_BEGIN_DECLS

/*
 * The e-forms a resident can fill in on the kiosk: first those of the
 * configuration's [form:ID] groups, in file order, then those that
 * kernpunt-syncd last refreshed from Open Formulieren into the database,
 * so the kiosk reads them without the network (and never sees the API
 * token). Hidden forms are kept, with the reason, for kernpunt-ctl.
 */
#define KP_TYPE_E_FORM_CATALOGUE (kp_e_form_catalogue_get_type ())
G_DECLARE_FINAL_TYPE (KpEFormCatalogue, kp_e_form_catalogue, KP, E_FORM_CATALOGUE, GObject)

/* @store (nullable): without one, only the configured forms. (transfer full) */
KpEFormCatalogue *kp_e_form_catalogue_new (KpConfig *config, KpStore *store);

/* Reads the refreshed forms from the store. Blocking. */
gboolean kp_e_form_catalogue_load (KpEFormCatalogue *self, GError **error);
/* The same in a worker thread, for the UI. */
void kp_e_form_catalogue_load_async (KpEFormCatalogue *self,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data);
gboolean
kp_e_form_catalogue_load_finish (KpEFormCatalogue *self, GAsyncResult *result, GError **error);

/* Every form, shown and hidden, as loaded. (element-type KpEForm) (transfer none) */
GPtrArray *kp_e_form_catalogue_get_forms (KpEFormCatalogue *self);
/* The forms a resident may open, in order. (element-type KpEForm) (transfer container) */
GPtrArray *kp_e_form_catalogue_dup_shown (KpEFormCatalogue *self);
/* (nullable) (transfer none): the shown form with @id */
KpEForm *kp_e_form_catalogue_lookup_shown (KpEFormCatalogue *self, const char *id);

/*
 * When the refreshed forms were last fetched (g_get_real_time), or 0 if
 * never; and, when a refresh failed since, what went wrong (nullable).
 */
gint64 kp_e_form_catalogue_get_refreshed_at (KpEFormCatalogue *self);
const char *kp_e_form_catalogue_get_refresh_error (KpEFormCatalogue *self);

/*
 * For kernpunt-syncd: replaces the refreshed forms with @forms (element-type
 * KpEForm), in one transaction, as fetched at @now.
 */
gboolean kp_e_form_catalogue_store_refreshed (KpEFormCatalogue *self,
                                              GPtrArray *forms,
                                              gint64 now,
                                              GError **error);
/* A refresh failed at @now with @message (no token, no personal data); the last list stays. */
gboolean kp_e_form_catalogue_store_refresh_failure (KpEFormCatalogue *self,
                                                    const char *message,
                                                    gint64 now,
                                                    GError **error);

G_END_DECLS
