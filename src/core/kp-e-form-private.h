/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include "kp-e-form.h"

G_BEGIN_DECLS

/*
 * For the catalogue, which stores refreshed forms: every text of a form,
 * language → text, with "" for the untranslated one. (transfer none)
 */
GHashTable *kp_e_form_get_titles (KpEForm *self);
GHashTable *kp_e_form_get_needs_texts (KpEForm *self);

G_END_DECLS
