/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib.h>

#include "kp-config.h"

G_BEGIN_DECLS

/*
 * What a case system's status word means for a resident, in B1 and in the
 * session's language: a ZGW statustype's omschrijving ("Afgehandeld"), a
 * Signalen state ("OPEN", "o", "reaction requested") or an internetaak's
 * status ("te_verwerken"). The municipality's [case-status] texts come
 * first; then built-in ones for the words Signalen and Klantinteracties
 * define and the common ZGW ones; any other word gets a general sentence,
 * never the case worker's word alone.
 */

/*
 * (transfer full): never NULL. @is_known (optional) is set FALSE when the
 * sentence is the general one, so a screen can add the case system's own
 * text beside it.
 */
char *kp_case_status_text_dup (KpConfig *config, const char *status, gboolean *is_known);

G_END_DECLS
