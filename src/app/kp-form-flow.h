/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <adwaita.h>

#include "kp-form-step.h"

G_BEGIN_DECLS

/*
 * The one form flow for every kind of submission (a report, a found or
 * lost object, a call-back request, an appointment): one question per
 * screen with "Step 2 of 6" and a bar; Back and Next inside the flow; Skip
 * on optional steps; steps that appear only when an earlier answer asks
 * for them; a check screen listing every answer with a Change button that
 * goes to that step and comes back; and a Send button whose work the
 * owner does asynchronously, while the flow says "Sending…". When sending
 * fails, the B1 message shows on the check screen and every answer stays.
 *
 * The owner adds its steps, sets a send function and puts the flow in a
 * page. Validation messages come from the steps' commit functions (the
 * core validators' GError messages are B1 already); they appear next to
 * the field, so Read aloud reads them too.
 *
 * Widget actions: "flow.next", "flow.back" (the first step's Back leaves
 * the flow through "kiosk.back"), "flow.skip", "flow.choose" (s: a
 * choice's id), "flow.change" (s: a step's id), "flow.send".
 */

/* Screen names of kp_form_flow_get_screen() that are not a step's id. */
#define KP_FORM_FLOW_SCREEN_CHECK   "check"
#define KP_FORM_FLOW_SCREEN_SENDING "sending"
#define KP_FORM_FLOW_SCREEN_RECEIPT "receipt"

#define KP_TYPE_FORM_FLOW (kp_form_flow_get_type ())
G_DECLARE_FINAL_TYPE (KpFormFlow, kp_form_flow, KP, FORM_FLOW, AdwBin)

/*
 * Does the owner's sending work. Complete @task with
 * g_task_return_pointer (task, g_object_ref_sink (receipt), g_object_unref)
 * where receipt is the widget to show last (e.g. a KpReceiptPage), or with
 * g_task_return_error() and a B1 message. @task carries the flow's
 * cancellable, cancelled when the flow goes away (the session ended).
 */
typedef void (*KpFormFlowSendFunc) (KpFormFlow *flow, GTask *task, gpointer user_data);

/* @title heads every screen of the flow: "Report a problem outside". */
GtkWidget *kp_form_flow_new (const char *title);

/*
 * Steps are asked in the order they are added; their ids must differ from
 * each other and from the KP_FORM_FLOW_SCREEN_* names. Returns @step.
 * (transfer full) for @step
 */
KpFormStep *kp_form_flow_add_step (KpFormFlow *self, KpFormStep *step);
/* (nullable) (transfer none) */
KpFormStep *kp_form_flow_get_step (KpFormFlow *self, const char *id);

/* @send_label is the last button's word: "Send", "Book". */
void kp_form_flow_set_send_func (KpFormFlow *self,
                                 const char *send_label,
                                 KpFormFlowSendFunc func,
                                 gpointer user_data,
                                 GDestroyNotify destroy);
/* A sentence above the answers on the check screen, e.g. what happens after sending. */
void kp_form_flow_set_check_note (KpFormFlow *self, const char *note);

/* Shows the first step that is asked; the flow does this itself when first shown. */
void kp_form_flow_start (KpFormFlow *self);
/*
 * What is on screen: a step's id, or one of KP_FORM_FLOW_SCREEN_*; NULL
 * before the start.
 */
const char *kp_form_flow_get_screen (KpFormFlow *self);
/* The entry (or text view) of the step on screen, for the keyboard and for tests. (nullable) (transfer none) */
GtkWidget *kp_form_flow_get_input (KpFormFlow *self);
/* The message next to the field, or of a failed send; NULL when there is none. */
const char *kp_form_flow_get_error (KpFormFlow *self);

G_END_DECLS
