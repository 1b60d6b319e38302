/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/*
 * What the forms tile opens in speech mode, instead of the forms list: the
 * municipality's web forms need sight, which speech mode cannot give, so
 * the page says so and offers an appointment (a volunteer fills the form
 * in with the resident) or a call back instead.
 */
#define KP_TYPE_FORMS_SPEECH_PAGE (kp_forms_speech_page_get_type ())
G_DECLARE_FINAL_TYPE (KpFormsSpeechPage, kp_forms_speech_page, KP, FORMS_SPEECH_PAGE, AdwBin)

GtkWidget *kp_forms_speech_page_new (void);

G_END_DECLS
