/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib-object.h>

#include "kp-address-book.h"
#include "kp-config.h"
#include "kp-form-flow.h"
#include "kp-place.h"

G_BEGIN_DECLS

/*
 * The "where" questions that a report and a found object share: first how
 * to say where (an address, a landmark, or here near this information
 * point), then the street searched as the resident types, the house
 * number, or the landmark. Streets and landmarks come from the content
 * bundle's address table; without one, only "here" is offered.
 *
 * Step ids: "where", "street", "house-number", "landmark".
 */

/* Receives each place the resident settles on; the model copies it. */
typedef void (*KpPlaceStepsFunc) (const KpPlace *place, gpointer user_data);

#define KP_TYPE_PLACE_STEPS (kp_place_steps_get_type ())
G_DECLARE_FINAL_TYPE (KpPlaceSteps, kp_place_steps, KP, PLACE_STEPS, GObject)

/* @book is nullable. (transfer full) */
KpPlaceSteps *kp_place_steps_new (KpConfig *config, KpAddressBook *book);
/* The bundle's address table, or NULL (logged) when it cannot be read. (transfer full) */
KpAddressBook *kp_place_steps_load_address_book (void);

/* Adds the steps to @flow; @question heads the first ("Where is the problem?"). */
void kp_place_steps_add_to (KpPlaceSteps *self,
                            KpFormFlow *flow,
                            const char *question,
                            KpPlaceStepsFunc func,
                            gpointer user_data);
/* (nullable) (transfer none): the place settled on */
const KpPlace *kp_place_steps_get_place (KpPlaceSteps *self);

G_END_DECLS
