/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <adwaita.h>

#include "kp-e-form.h"

G_BEGIN_DECLS

/*
 * "Before you start", one screen for one form: about how long it takes,
 * what you need, how DigiD logs in (the app and a QR code on the screen,
 * or password and SMS code), that only you type your DigiD password, and
 * for someone without DigiD the way to get it, an appointment or a call
 * back. Its Start button opens the form's web page ("web-form:ID").
 */
#define KP_TYPE_FORM_START_PAGE (kp_form_start_page_get_type ())
G_DECLARE_FINAL_TYPE (KpFormStartPage, kp_form_start_page, KP, FORM_START_PAGE, AdwBin)

/* @form's texts in @language. */
GtkWidget *kp_form_start_page_new (KpEForm *form, const char *language);

G_END_DECLS
