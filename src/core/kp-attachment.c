/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-attachment-private.h"

#include <glib/gi18n-lib.h>

struct _KpAttachment
{
  char *name;
  char *content_type;
  GBytes *data;
  char *path;
  gsize size;
  char *sha256;
};

G_DEFINE_BOXED_TYPE (KpAttachment, kp_attachment, kp_attachment_copy, kp_attachment_free)

/* Written out: clang-format would put spaces into the name given to G_DEFINE_QUARK. */
GQuark
kp_attachment_error_quark (void)
{
  return g_quark_from_static_string ("kp-attachment-error-quark");
}

/*
 * The kiosk names the files it keeps (in its data folder), so the path in
 * GIO's message carries nothing about the resident.
 */
static GBytes *
read_file (const char *path, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) local_error = NULL;
  GBytes *bytes = g_file_load_bytes (file, NULL, NULL, &local_error);

  if (bytes == NULL)
    g_set_error (error, KP_ATTACHMENT_ERROR, KP_ATTACHMENT_ERROR_UNREADABLE,
                 _ ("Cannot read an attachment: %s"), local_error->message);
  return bytes;
}

/* (transfer full) */
KpAttachment *
kp_attachment_new_stored (const char *name,
                          const char *content_type,
                          GBytes *data,
                          const char *path,
                          gsize size,
                          const char *sha256)
{
  KpAttachment *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (content_type != NULL, NULL);
  g_return_val_if_fail ((data == NULL) != (path == NULL), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  self = g_new0 (KpAttachment, 1);
  self->name = g_strdup (name);
  self->content_type = g_strdup (content_type);
  self->data = data != NULL ? g_bytes_ref (data) : NULL;
  self->path = g_strdup (path);
  self->size = size;
  self->sha256 = g_strdup (sha256);
  return self;
}

/* Kept in the database as bytes. (transfer full) */
KpAttachment *
kp_attachment_new_from_bytes (const char *name, const char *content_type, GBytes *data)
{
  g_autofree char *sha256 = NULL;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (content_type != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);
  return kp_attachment_new_stored (name, content_type, data, NULL, g_bytes_get_size (data), sha256);
}

/*
 * Kept as the file at @path, which must stay where it is until delivery.
 * Its checksum is taken now. (transfer full)
 */
KpAttachment *
kp_attachment_new_from_file (const char *name,
                             const char *content_type,
                             const char *path,
                             GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *sha256 = NULL;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (content_type != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = read_file (path, error);
  if (bytes == NULL)
    return NULL;
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  return kp_attachment_new_stored (name, content_type, NULL, path, g_bytes_get_size (bytes),
                                   sha256);
}

/* (transfer full) */
KpAttachment *
kp_attachment_copy (const KpAttachment *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return kp_attachment_new_stored (self->name, self->content_type, self->data, self->path,
                                   self->size, self->sha256);
}

void
kp_attachment_free (KpAttachment *self)
{
  if (self == NULL)
    return;

  g_free (self->sha256);
  g_free (self->path);
  g_clear_pointer (&self->data, g_bytes_unref);
  g_free (self->content_type);
  g_free (self->name);
  g_free (self);
}

const char *
kp_attachment_get_name (const KpAttachment *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->name;
}

const char *
kp_attachment_get_content_type (const KpAttachment *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->content_type;
}

/* (transfer none) (nullable) */
GBytes *
kp_attachment_get_data (const KpAttachment *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->data;
}

/* (nullable) */
const char *
kp_attachment_get_path (const KpAttachment *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->path;
}

gsize
kp_attachment_get_size (const KpAttachment *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->size;
}

/* Lower-case hexadecimal. */
const char *
kp_attachment_get_sha256 (const KpAttachment *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->sha256;
}

/*
 * The bytes as they were at submission: KP_ATTACHMENT_ERROR_CHANGED when
 * they no longer match the checksum (a file edited or replaced since, or a
 * damaged row), so nothing but what the resident handed in is delivered.
 * (transfer full)
 */
GBytes *
kp_attachment_load (const KpAttachment *self, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *sha256 = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = self->data != NULL ? g_bytes_ref (self->data) : read_file (self->path, error);
  if (bytes == NULL)
    return NULL;

  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (g_bytes_get_size (bytes) != self->size || g_strcmp0 (sha256, self->sha256) != 0)
    {
      g_set_error_literal (error, KP_ATTACHMENT_ERROR, KP_ATTACHMENT_ERROR_CHANGED,
                           _ ("An attachment changed after it was submitted."));
      return NULL;
    }
  return g_steal_pointer (&bytes);
}
