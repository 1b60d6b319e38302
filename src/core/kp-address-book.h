/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gio/gio.h>

#include "kp-place.h"

G_BEGIN_DECLS

/*
 * The local address table of the municipality: streets with their house
 * number ranges and postcodes, and landmarks, each with coordinates. Read
 * from "addresses.txt" in the content bundle (its format is described at
 * the top of ui/guide/addresses.txt), so the kiosk finds a street without
 * a network. The file comes from outside: every problem is an error that
 * names the line, never a crash.
 */

#define KP_ADDRESS_BOOK_ERROR (kp_address_book_error_quark ())

typedef enum
{
  KP_ADDRESS_BOOK_ERROR_READ,      /* the file cannot be read, is too big or not UTF-8 */
  KP_ADDRESS_BOOK_ERROR_SYNTAX,    /* a line that does not fit the format; the message names it */
  KP_ADDRESS_BOOK_ERROR_NOT_FOUND, /* no such street, postcode or landmark */
  KP_ADDRESS_BOOK_ERROR_HOUSE_NUMBER, /* the street or postcode exists, the house number does not */
} KpAddressBookError;

#define KP_TYPE_ADDRESS_BOOK (kp_address_book_get_type ())
G_DECLARE_FINAL_TYPE (KpAddressBook, kp_address_book, KP, ADDRESS_BOOK, GObject)

GQuark kp_address_book_error_quark (void);

/* The bundle's file: kp_guide_dup_default_folder()/addresses.txt. (transfer full) */
char *kp_address_book_dup_default_path (void);
/* (transfer full) */
KpAddressBook *kp_address_book_new_from_file (const char *path, GError **error);
KpAddressBook *kp_address_book_new_from_bytes (GBytes *bytes, GError **error);

/*
 * @text for comparing names: lower case, without accents, anything but
 * letters and digits made one space, trimmed. (transfer full)
 */
char *kp_address_book_fold (const char *text);

/* How many street ranges and landmarks the file held. */
guint kp_address_book_get_n_streets (KpAddressBook *self);
guint kp_address_book_get_n_landmarks (KpAddressBook *self);

/*
 * Street names for what a resident typed: those starting with @text first,
 * then those within one or two typos, best first, each name once, ignoring
 * case and accents. At most @max_results. (transfer full)
 */
GStrv kp_address_book_search_streets (KpAddressBook *self, const char *text, guint max_results);
/* Landmarks found the same way, by any word of their name. (element-type KpPlace) (transfer full) */
GPtrArray *
kp_address_book_search_landmarks (KpAddressBook *self, const char *text, guint max_results);

/*
 * The address at @street (a name as kp_address_book_search_streets() gives
 * it, case and accents ignored) and @house_number (validated with
 * kp_validate_house_number()). NOT_FOUND, or HOUSE_NUMBER with the numbers
 * the street has, in B1. (transfer full)
 */
KpPlace *kp_address_book_find_address (KpAddressBook *self,
                                       const char *street,
                                       const char *house_number,
                                       GError **error);
/* The same by postcode ("1234 AB", "1234ab") and house number. (transfer full) */
KpPlace *kp_address_book_find_postcode (KpAddressBook *self,
                                        const char *postcode,
                                        const char *house_number,
                                        GError **error);

G_END_DECLS
