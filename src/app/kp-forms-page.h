/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <adwaita.h>

#include "kp-config.h"
#include "kp-e-form-catalogue.h"

G_BEGIN_DECLS

/* The window shows a form's "Before you start" as the page "form-start:ID". */
#define KP_FORMS_PAGE_START_PREFIX "form-start:"

/*
 * The "Form with DigiD" tile: the municipality's e-forms as large tiles
 * (pictogram, title, whether it needs DigiD, about how long), each
 * opening its "Before you start" page. Without forms it says so plainly
 * and offers a call back, an appointment, the phone and the opening hours.
 */
#define KP_TYPE_FORMS_PAGE (kp_forms_page_get_type ())
G_DECLARE_FINAL_TYPE (KpFormsPage, kp_forms_page, KP, FORMS_PAGE, AdwBin)

/* The shown forms of @catalogue as it is now, their texts in @language. */
GtkWidget *kp_forms_page_new (KpConfig *config, KpEFormCatalogue *catalogue, const char *language);

/* "You need DigiD. About 10 minutes.": what a tile says below the title. (transfer full) */
char *kp_forms_page_dup_form_summary (KpEForm *form);

G_END_DECLS
