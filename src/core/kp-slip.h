/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gio/gio.h>

#include "kp-config.h"

G_BEGIN_DECLS

/*
 * A printed slip: what a resident takes home after booking an appointment
 * or handing in a report. Generic on purpose: the caller fills in the kind,
 * the labelled lines and what to bring, already translated into the
 * session's language; the slip adds its own few fixed words ("Your
 * reference", "What to bring") through gettext when it is rendered, so
 * render it while the session's language is active.
 *
 * Rendered with cairo and pango to PDF, either as an 80 mm receipt whose
 * height fits the content, or on A4. Long texts wrap within the margins. The reference is set large in
 * its groups (KP-7H3Q-9MXC) and the QR code is at least 25 mm wide with its
 * quiet zone, so a phone and the kiosk's barcode reader both read it.
 */

#define KP_SLIP_ERROR (kp_slip_error_quark ())

typedef enum
{
  KP_SLIP_ERROR_RENDER, /* cairo failed; see the message */
} KpSlipError;

typedef enum
{
  KP_SLIP_LAYOUT_RECEIPT, /* 80 mm wide continuous paper; as long as the content */
  KP_SLIP_LAYOUT_A4,      /* A4 portrait; a slip too long for one page goes on */
} KpSlipLayout;

/* "receipt" and "a4", as in the configuration and on the command line. */
const char *kp_slip_layout_to_string (KpSlipLayout layout);
gboolean kp_slip_layout_from_string (const char *text, KpSlipLayout *layout);

#define KP_TYPE_SLIP (kp_slip_get_type ())
G_DECLARE_FINAL_TYPE (KpSlip, kp_slip, KP, SLIP, GObject)

GQuark kp_slip_error_quark (void);

/*
 * @title is the kind of slip as a resident reads it ("Appointment",
 * "Report received"); @reference a short reference such as KP-7H3Q-9MXC.
 * The QR payload starts as the reference alone. (transfer full)
 */
KpSlip *kp_slip_new (const char *title, const char *reference);
/*
 * A slip with this kiosk's municipality and location, and the QR payload
 * made from the configured [slip] qr-url-template. What most callers want.
 * (transfer full)
 */
KpSlip *kp_slip_new_for_kiosk (KpConfig *config, const char *title, const char *reference);

/* Filling it in. Every text is shown as given: pass it translated. */
void kp_slip_set_place (KpSlip *self, const char *municipality, const char *location);
/* A labelled line, shown in the order added: ("When", "Tuesday 4 June, 10:30"). */
void kp_slip_add_line (KpSlip *self, const char *label, const char *value);
/*
 * A line with a resident's name, phone number or e-mail address: printed
 * as any other, but said aloud only where the resident allows it (see
 * kp_slip_dup_spoken_text()).
 */
void kp_slip_add_private_line (KpSlip *self, const char *label, const char *value);
/* One item of the optional "What to bring" list, e.g. "Your passport". */
void kp_slip_add_bring_item (KpSlip *self, const char *item);
void kp_slip_set_qr_payload (KpSlip *self, const char *payload);

/* Queries. (transfer none) */
const char *kp_slip_get_title (KpSlip *self);
const char *kp_slip_get_reference (KpSlip *self);
/* (nullable) */
const char *kp_slip_get_municipality (KpSlip *self);
const char *kp_slip_get_location (KpSlip *self);
const char *kp_slip_get_qr_payload (KpSlip *self);
guint kp_slip_get_n_lines (KpSlip *self);
const char *kp_slip_get_line_label (KpSlip *self, guint index);
const char *kp_slip_get_line_value (KpSlip *self, guint index);
gboolean kp_slip_get_line_is_private (KpSlip *self, guint index);
/* (array zero-terminated=1) the "What to bring" items, possibly empty */
const char *const *kp_slip_get_bring_items (KpSlip *self);

/*
 * Everything printed on the slip, as sentences to be read aloud on the
 * confirmation screen (EN 301 549 5.1.3.16): the place, what it is, each
 * line, what to bring, and the reference spelled in its groups
 * ("K P, 7 H 3 Q, 9 M X C"). With @say_private FALSE, private lines and
 * the reference are named but not said: the loudspeaker is heard by
 * everyone near. In the current gettext language. (transfer full)
 */
char *kp_slip_dup_spoken_text (KpSlip *self, gboolean say_private);

/*
 * The width of one QR module on paper, in millimetres, for @layout. The
 * whole code is (modules + 2 × KP_QR_QUIET_ZONE_MODULES) × this wide.
 * Returns 0 and sets a KP_QR_ERROR when the payload cannot be encoded.
 */
double kp_slip_get_qr_module_mm (KpSlip *self, KpSlipLayout layout, GError **error);

/*
 * Renders the slip as a PDF document in the current gettext language.
 * Fails with a KP_QR_ERROR when the payload cannot be encoded, or
 * KP_SLIP_ERROR_RENDER.
 * CPU only, no I/O: safe to call from any thread, but a kiosk page should
 * still do it off the UI thread for long slips. (transfer full)
 */
GBytes *kp_slip_render_pdf (KpSlip *self, KpSlipLayout layout, GError **error);

/*
 * The slip as a PNG picture at @pixels_per_mm, on white, the way it looks
 * on paper (the first page of an A4 slip): for a kiosk that shows on
 * screen the slip it saved to a folder instead of printing. Same errors as
 * kp_slip_render_pdf(). (transfer full)
 */
GBytes *
kp_slip_render_png (KpSlip *self, KpSlipLayout layout, double pixels_per_mm, GError **error);

G_END_DECLS
