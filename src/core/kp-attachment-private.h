/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include "kp-attachment.h"

G_BEGIN_DECLS

/*
 * For the outbox, which rebuilds an attachment from its row: the size and
 * checksum are the ones taken at submission, not computed again, so that
 * kp_attachment_load() notices a file that changed since. Exactly one of
 * @data and @path is set.
 */
KpAttachment *kp_attachment_new_stored (const char *name,
                                        const char *content_type,
                                        GBytes *data,
                                        const char *path,
                                        gsize size,
                                        const char *sha256);

G_END_DECLS
