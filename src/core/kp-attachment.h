/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * A file that travels with a submission (a photo, a PDF). Small ones are
 * kept as bytes in the database, large ones as a file in the data folder;
 * either way with a SHA-256 checksum that is checked before delivery.
 */
typedef struct _KpAttachment KpAttachment;

#define KP_ATTACHMENT_ERROR (kp_attachment_error_quark ())

typedef enum
{
  KP_ATTACHMENT_ERROR_UNREADABLE, /* the file is gone or cannot be read */
  KP_ATTACHMENT_ERROR_CHANGED,    /* the bytes no longer match the checksum taken at submission */
} KpAttachmentError;

GQuark kp_attachment_error_quark (void);

#define KP_TYPE_ATTACHMENT (kp_attachment_get_type ())
GType kp_attachment_get_type (void) G_GNUC_CONST;

KpAttachment *
kp_attachment_new_from_bytes (const char *name, const char *content_type, GBytes *data);
KpAttachment *kp_attachment_new_from_file (const char *name,
                                           const char *content_type,
                                           const char *path,
                                           GError **error);
KpAttachment *kp_attachment_copy (const KpAttachment *self);
void kp_attachment_free (KpAttachment *self);

const char *kp_attachment_get_name (const KpAttachment *self);
const char *kp_attachment_get_content_type (const KpAttachment *self);
/* (nullable): set for attachments kept as bytes */
GBytes *kp_attachment_get_data (const KpAttachment *self);
/* (nullable): set for attachments kept as a file */
const char *kp_attachment_get_path (const KpAttachment *self);
gsize kp_attachment_get_size (const KpAttachment *self);
const char *kp_attachment_get_sha256 (const KpAttachment *self);
/* Reads the bytes (from memory or file) and compares the checksum. */
GBytes *kp_attachment_load (const KpAttachment *self, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KpAttachment, kp_attachment_free)

G_END_DECLS
