/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KP_APPLICATION_ID "nl.kernpunt.Kernpunt"

/*
 * The kiosk process: reads the configuration (--config FILE), opens the
 * store and the speaker, and shows one KpWindow. A bad configuration or a
 * store that cannot be opened is reported and the program exits 1, rather
 * than showing residents a kiosk that cannot keep what they give it.
 */
#define KP_TYPE_APPLICATION (kp_application_get_type ())
G_DECLARE_FINAL_TYPE (KpApplication, kp_application, KP, APPLICATION, AdwApplication)

/*
 * The C library's locale and our gettext domain. gettext ignores LANGUAGE
 * in the plain "C" locale, so that becomes C.UTF-8; translations come from
 * $KERNPUNT_LOCALEDIR when set (a build tree), else the installed ones.
 */
void kp_application_setup_locale (void);

KpApplication *kp_application_new (void);

G_END_DECLS
