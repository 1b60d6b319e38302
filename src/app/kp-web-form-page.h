/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <adwaita.h>

#include "kp-config.h"
#include "kp-speaker.h"

G_BEGIN_DECLS

/* The window shows a form as the page "web-form:ID". */
#define KP_WEB_FORM_PAGE_PREFIX "web-form:"

/*
 * One municipal e-form in a locked-down web view, below the kiosk's own
 * bar. The view opens only the hosts of [web-forms] allowed-hosts (https),
 * in an ephemeral network session with its own web process and a
 * temporary folder. It is made when the page is made and forgotten whole
 * (view, session, web process, folder) when the resident stops, when the
 * page leaves the screen and when the session ends; showing the page
 * again starts the form afresh. The window's on-screen keyboard types
 * into the page's fields through KpWebInputMethod.
 */
#define KP_TYPE_WEB_FORM_PAGE (kp_web_form_page_get_type ())
G_DECLARE_FINAL_TYPE (KpWebFormPage, kp_web_form_page, KP, WEB_FORM_PAGE, AdwBin)

GtkWidget *kp_web_form_page_new (KpConfig *config,
                                 KpSpeaker *speaker,
                                 const char *form_id,
                                 const char *start_url);

const char *kp_web_form_page_get_form_id (KpWebFormPage *self);
/*
 * Whether a form is open: a web view with its own session. FALSE after
 * the form was forgotten, and when the kiosk refused to make a web view.
 */
gboolean kp_web_form_page_has_session (KpWebFormPage *self);
/*
 * (nullable): the open form's own temporary folder (its content filter,
 * the documents it offered); deleted with the form.
 */
const char *kp_web_form_page_get_session_folder (KpWebFormPage *self);

/*
 * For the kiosk's start, before any thread or web process: removes the
 * WEBKIT_INSPECTOR_* variables, so no remote inspector can be reached.
 */
void kp_web_form_page_clean_environment (void);

G_END_DECLS
