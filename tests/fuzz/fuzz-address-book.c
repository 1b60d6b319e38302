/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-address-book.h"
#include "kp-fuzz.h"

/*
 * The municipality's address file, then searches in what it held: a file
 * that is read must also be searchable without trouble.
 */
int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (KpAddressBook) book = kp_address_book_new_from_bytes (bytes, &error);
  g_autofree char *query = NULL;
  g_auto (GStrv) streets = NULL;
  g_autoptr (GPtrArray) landmarks = NULL;

  if (book == NULL)
    {
      g_assert_true (error != NULL && error->domain == KP_ADDRESS_BOOK_ERROR);
      return 0;
    }
  /* The first bytes of the file, as a resident might type them. */
  query = kp_fuzz_dup_string (data, MIN (size, 12));
  streets = kp_address_book_search_streets (book, query, 5);
  landmarks = kp_address_book_search_landmarks (book, query, 5);
  for (guint i = 0; streets[i] != NULL; i++)
    {
      g_autoptr (KpPlace) place = kp_address_book_find_address (book, streets[i], "1", NULL);

      if (place != NULL)
        g_free (kp_place_dup_label (place));
    }
  return 0;
}
