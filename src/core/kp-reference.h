/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Short human references such as "KP-7H3Q-9MXC": the prefix, seven random
 * characters and one check character, in groups of four. The alphabet has
 * no 0/O, 1/I/L, so a reference read aloud or copied from a slip cannot be
 * confused, and the check character catches every single-character typo and
 * every swap of two neighbours.
 */

#define KP_REFERENCE_ERROR (kp_reference_error_quark ())

typedef enum
{
  KP_REFERENCE_ERROR_FORMAT, /* not shaped like a reference at all */
  KP_REFERENCE_ERROR_CHECK,  /* shaped right, but the check character disagrees: a typo */
} KpReferenceError;

GQuark kp_reference_error_quark (void);

const char *kp_reference_get_alphabet (void);
char *kp_reference_generate (void);
char *kp_reference_normalize (const char *input, GError **error);
gboolean kp_reference_is_valid (const char *reference);
/*
 * What a barcode reader typed from a slip's QR code: the reference alone,
 * or @url_template (the configured [slip] qr-url-template, NULL for none)
 * with the reference in place of "{reference}", e.g.
 * "https://lindeveen.example/status/KP-7H3Q-9MXC". Normalised as
 * kp_reference_normalize() does, with its errors. (transfer full)
 */
char *kp_reference_from_scan (const char *scanned, const char *url_template, GError **error);
/*
 * @reference as it is read aloud, one character at a time in its groups:
 * "KP-7H3Q-9MXC" becomes "K P, 7 H 3 Q, 9 M X C", so a speech engine
 * spells it instead of guessing a word. (transfer full)
 */
char *kp_reference_spell (const char *reference);

G_END_DECLS
