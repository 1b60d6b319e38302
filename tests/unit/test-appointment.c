/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-appointment.h"
#include "kp-reference.h"
#include "kp-test-helpers.h"
#include "kp-validate.h"

/* A new appointment is empty but for its reference, which the slip will carry. */
static void
test_new (void)
{
  KpAppointment *appointment = kp_appointment_new ();
  KpAppointment *other = kp_appointment_new ();

  g_assert_true (kp_reference_is_valid (kp_appointment_get_reference (appointment)));
  g_assert_cmpstr (kp_appointment_get_reference (appointment), !=,
                   kp_appointment_get_reference (other));
  g_assert_cmpint (kp_appointment_get_state (appointment), ==, KP_APPOINTMENT_STATE_NEW);
  g_assert_cmpstr (kp_appointment_state_to_string (KP_APPOINTMENT_STATE_NEW), ==, "new");
  g_assert_cmpstr (kp_appointment_state_to_string (KP_APPOINTMENT_STATE_BOOKED), ==, "booked");
  g_assert_cmpstr (kp_appointment_state_to_string (KP_APPOINTMENT_STATE_CANCELLED), ==,
                   "cancelled");
  g_assert_null (kp_appointment_get_start (appointment));
  g_assert_null (kp_appointment_get_remote_id (appointment));
  g_assert_null (kp_appointment_get_backend_name (appointment));
  g_assert_false (kp_appointment_is_complete (appointment));

  g_assert_finalize_object (other);
  g_assert_finalize_object (appointment);
}

/* Complete once what, where, when and who are known; e-mail and phone are optional. */
static void
test_complete (void)
{
  g_autoptr (KpAppointment) appointment = kp_appointment_new ();
  g_autoptr (GDateTime) start = g_date_time_new_utc (2030, 3, 4, 9, 30, 0);
  g_autoptr (GError) error = NULL;

  kp_appointment_set_product (appointment, "paspoort", "Paspoort of ID-kaart");
  kp_appointment_set_location (appointment, "gemeentehuis", "Gemeentehuis", "Markt 1");
  kp_appointment_set_start (appointment, start, 15);
  g_assert_false (kp_appointment_is_complete (appointment));
  g_assert_true (kp_appointment_set_name (appointment, " Jan  Jansen ", &error));
  g_assert_no_error (error);
  g_assert_true (kp_appointment_is_complete (appointment));

  g_assert_cmpstr (kp_appointment_get_name (appointment), ==, "Jan Jansen");
  g_assert_cmpstr (kp_appointment_get_product_name (appointment), ==, "Paspoort of ID-kaart");
  g_assert_cmpstr (kp_appointment_get_location_address (appointment), ==, "Markt 1");
  g_assert_true (kp_appointment_get_start (appointment) == start);
  g_assert_cmpuint (kp_appointment_get_duration_minutes (appointment), ==, 15);
}

/*
 * A refused value leaves the field as it was and says why in B1; an empty
 * optional field clears it; the name cannot be cleared.
 */
static void
test_contact_fields (void)
{
  g_autoptr (KpAppointment) appointment = kp_appointment_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (kp_appointment_set_name (appointment, "Zoë", &error));
  g_assert_true (kp_appointment_set_email (appointment, "Zoe@Example.NL", &error));
  g_assert_true (kp_appointment_set_phone (appointment, "06-12345678", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kp_appointment_get_email (appointment), ==, "Zoe@example.nl");
  g_assert_cmpstr (kp_appointment_get_phone (appointment), ==, "0612345678");

  g_assert_false (kp_appointment_set_name (appointment, "   ", &error));
  g_assert_error (error, KP_VALIDATE_ERROR, KP_VALIDATE_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_false (kp_appointment_set_email (appointment, "zoe@", &error));
  g_assert_error (error, KP_VALIDATE_ERROR, KP_VALIDATE_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_false (kp_appointment_set_phone (appointment, "0612", &error));
  g_assert_error (error, KP_VALIDATE_ERROR, KP_VALIDATE_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_cmpstr (kp_appointment_get_name (appointment), ==, "Zoë");
  g_assert_cmpstr (kp_appointment_get_email (appointment), ==, "Zoe@example.nl");
  g_assert_cmpstr (kp_appointment_get_phone (appointment), ==, "0612345678");

  g_assert_true (kp_appointment_set_email (appointment, " ", &error));
  g_assert_true (kp_appointment_set_phone (appointment, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (kp_appointment_get_email (appointment));
  g_assert_null (kp_appointment_get_phone (appointment));

  /* When the session ends, nothing of the person is left in memory. */
  kp_appointment_set_phone (appointment, "0612345678", NULL);
  kp_appointment_forget_contact (appointment);
  g_assert_null (kp_appointment_get_name (appointment));
  g_assert_null (kp_appointment_get_phone (appointment));
  g_assert_false (kp_appointment_is_complete (appointment));
}

/* The slip says what, when (on the location's clock) and where, with the reference. */
static void
test_slip (void)
{
  g_autoptr (KpAppointment) appointment = kp_appointment_new ();
  g_autoptr (GTimeZone) amsterdam = g_time_zone_new_identifier ("Europe/Amsterdam");
  g_autoptr (GDateTime) start_utc = g_date_time_new_utc (2026, 12, 1, 9, 30, 0);
  g_autoptr (GDateTime) start = g_date_time_to_timezone (start_utc, amsterdam);
  g_autoptr (KpConfig) config = kp_config_new_default ();
  g_autoptr (KpSlip) slip = NULL;
  g_autofree char *when = NULL;

  kp_appointment_set_product (appointment, "paspoort", "Paspoort of ID-kaart");
  kp_appointment_set_location (appointment, "gemeentehuis", "Gemeentehuis Lindeveen",
                               "Markt 1, Lindeveen");
  kp_appointment_set_start (appointment, start, 15);
  when = kp_appointment_format_start (appointment);
  g_assert_cmpstr (when, ==, "Tuesday 1 December 2026 at 10:30");

  slip = kp_appointment_new_slip (appointment, config, NULL);
  g_assert_cmpstr (kp_slip_get_title (slip), ==, "Appointment");
  g_assert_cmpstr (kp_slip_get_reference (slip), ==, kp_appointment_get_reference (appointment));
  g_assert_cmpstr (kp_slip_get_qr_payload (slip), ==, kp_appointment_get_reference (appointment));
  g_assert_cmpuint (kp_slip_get_n_lines (slip), ==, 3);
  g_assert_cmpstr (kp_slip_get_line_label (slip, 0), ==, "What");
  g_assert_cmpstr (kp_slip_get_line_value (slip, 0), ==, "Paspoort of ID-kaart");
  g_assert_cmpstr (kp_slip_get_line_label (slip, 1), ==, "When");
  g_assert_cmpstr (kp_slip_get_line_value (slip, 1), ==, when);
  g_assert_cmpstr (kp_slip_get_line_label (slip, 2), ==, "Where");
  g_assert_cmpstr (kp_slip_get_line_value (slip, 2), ==,
                   "Gemeentehuis Lindeveen\nMarkt 1, Lindeveen");
}

/*
 * With the English guide: the product by its English name from products.txt
 * and what to bring from its topic; a product the guide does not know keeps
 * the agenda's name and gets no list.
 */
static void
test_slip_in_guide_language (void)
{
  const struct
  {
    const char *product_id;
    const char *agenda_name;
    const char *shown_name;
    const char *first_bring_item; /* NULL: no list */
  } cases[] = {
    { "paspoort", "Paspoort of ID-kaart", "Passport or ID card",
      "A passport photo less than six months old." },
    { "digitale-hulp", "Hulp met DigiD", "Hulp met DigiD", NULL },
  };
  g_autofree char *folder = kp_guide_dup_default_folder ();
  g_autoptr (GError) error = NULL;
  g_autoptr (KpGuide) guide = kp_guide_load (folder, "en", &error);
  g_autoptr (KpConfig) config = kp_config_new_default ();
  g_autoptr (GDateTime) start = g_date_time_new_utc (2026, 12, 1, 9, 30, 0);

  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (KpAppointment) appointment = kp_appointment_new ();
      g_autoptr (KpSlip) slip = NULL;
      const char *const *bring;

      kp_appointment_set_product (appointment, cases[i].product_id, cases[i].agenda_name);
      kp_appointment_set_location (appointment, "gemeentehuis", "Gemeentehuis Lindeveen", NULL);
      kp_appointment_set_start (appointment, start, 15);
      slip = kp_appointment_new_slip (appointment, config, guide);
      g_assert_cmpstr (kp_slip_get_line_value (slip, 0), ==, cases[i].shown_name);
      bring = kp_slip_get_bring_items (slip);
      g_assert_cmpstr (bring[0], ==, cases[i].first_bring_item);
    }
}

int
main (int argc, char **argv)
{
  g_autofree char *home = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);
  home = kp_test_init_home ();

  g_test_add_func ("/appointment/new", test_new);
  g_test_add_func ("/appointment/complete", test_complete);
  g_test_add_func ("/appointment/contact-fields", test_contact_fields);
  g_test_add_func ("/appointment/slip", test_slip);
  g_test_add_func ("/appointment/slip-in-guide-language", test_slip_in_guide_language);

  result = g_test_run ();
  kp_test_remove_tree (home);
  return result;
}
