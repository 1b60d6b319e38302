/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include "kp-e-form-catalogue.h"

G_BEGIN_DECLS

/*
 * For KpConfig: the [form:ID] groups of @file, in file order. Errors read
 * like the configuration's own ("[form:afval] minutes: expected …, got
 * “…”"). @languages: the codes "title[LANG]" may name.
 * (element-type KpEForm) (transfer full)
 */
GPtrArray *
kp_e_form_catalogue_parse_config (GKeyFile *file, const char *const *languages, GError **error);

/* Whether @group is a [form:ID] group, which the catalogue reads. */
gboolean kp_e_form_catalogue_is_config_group (const char *group);

G_END_DECLS
