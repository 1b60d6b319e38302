/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-appointment-case.h"

#include "kp-submission-private.h"

static char *
dup_location_text (KpAppointment *appointment)
{
  const char *address = kp_appointment_get_location_address (appointment);

  if (address == NULL)
    return g_strdup (kp_appointment_get_location_name (appointment));
  return g_strconcat (kp_appointment_get_location_name (appointment), ", ", address, NULL);
}

/* The payload: nothing personal outside "personal", so it can be erased after delivery. */
static char *
dup_payload (KpAppointment *appointment)
{
  g_autoptr (JsonBuilder) builder = kp_submission_begin_payload (KP_APPOINTMENT_CASE_KIND);
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *location = dup_location_text (appointment);
  g_autofree char *starts_at = g_date_time_format_iso8601 (kp_appointment_get_start (appointment));

  kp_submission_add_string (builder, "product", kp_appointment_get_product_name (appointment));
  kp_submission_add_string (builder, "location", location);
  kp_submission_add_string (builder, "starts_at", starts_at);
  kp_submission_add_string (builder, "appointment_reference",
                            kp_appointment_get_reference (appointment));
  json_builder_set_member_name (builder, KP_SUBMISSION_PERSONAL_MEMBER);
  json_builder_begin_object (builder);
  kp_submission_add_string (builder, "name", kp_appointment_get_name (appointment));
  kp_submission_add_string (builder, "email", kp_appointment_get_email (appointment));
  kp_submission_add_string (builder, "phone", kp_appointment_get_phone (appointment));
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

gboolean
kp_appointment_case_submit (KpAppointment *appointment,
                            KpConfig *config,
                            KpOutbox *outbox,
                            GError **error)
{
  g_autofree char *payload = NULL;
  g_autofree char *reference = NULL;

  g_return_val_if_fail (KP_IS_APPOINTMENT (appointment), FALSE);
  g_return_val_if_fail (KP_IS_CONFIG (config), FALSE);
  g_return_val_if_fail (KP_IS_OUTBOX (outbox), FALSE);
  g_return_val_if_fail (kp_appointment_get_state (appointment) == KP_APPOINTMENT_STATE_BOOKED,
                        FALSE);

  if (!g_str_equal (kp_config_get_delivery_route (config, KP_APPOINTMENT_CASE_KIND), "zgw"))
    return TRUE;
  payload = dup_payload (appointment);
  reference = kp_outbox_submit (outbox, KP_APPOINTMENT_CASE_KIND, payload, NULL, error);
  return reference != NULL;
}
