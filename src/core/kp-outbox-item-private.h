/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <sqlite3.h>

#include "kp-outbox-item.h"

G_BEGIN_DECLS

/*
 * The columns kp_outbox_item_new_from_row() reads, in its order, for a
 * query "SELECT " KP_OUTBOX_ITEM_COLUMNS " FROM outbox ...".
 */
#define KP_OUTBOX_ITEM_COLUMNS                                                                     \
  "id, kind, reference, idempotency_key, payload, state, attempts,"                                \
  " (SELECT count(*) FROM outbox_attachment WHERE outbox_id = outbox.id),"                         \
  " created_at, next_attempt_at, delivered_at, last_error, remote_id, remote_status"

/* A snapshot of the row @stmt stands on. (transfer full) */
KpOutboxItem *kp_outbox_item_new_from_row (sqlite3_stmt *stmt);

G_END_DECLS
