/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-outbox.h"

#include <stdio.h>
#include <string.h>

/*
 * kp-outbox-writer DATABASE
 *
 * Submits to the outbox as fast as it can, for ever, and prints each
 * reference on its own line once kp_outbox_submit() returned it: a line on
 * stdout is a promise that the row is on disk. test-outbox-crash kills
 * this program at random moments and holds it to that promise.
 */

static char *
submit_one (KpOutbox *outbox, guint64 serial, GError **error)
{
  g_autoptr (GPtrArray) attachments
      = g_ptr_array_new_with_free_func ((GDestroyNotify) kp_attachment_free);
  g_autofree char *payload = g_strdup_printf ("{\"serial\": %" G_GUINT64_FORMAT "}", serial);
  g_autoptr (GBytes) photo = g_bytes_new (payload, strlen (payload));

  /* An attachment in every submission, so a torn transaction would show as a row without one. */
  g_ptr_array_add (attachments, kp_attachment_new_from_bytes ("photo.jpg", "image/jpeg", photo));
  return kp_outbox_submit (outbox, "crash-test", payload, attachments, error);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpStore) store = NULL;
  g_autoptr (KpOutbox) outbox = NULL;

  if (argc != 2)
    {
      g_printerr ("Usage: %s DATABASE\n", argv[0]);
      return 2;
    }

  store = kp_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  outbox = kp_outbox_new (store);

  for (guint64 serial = 0;; serial++)
    {
      g_autofree char *reference = submit_one (outbox, serial, &error);

      if (reference == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      printf ("%s\n", reference);
      fflush (stdout);
    }
}
