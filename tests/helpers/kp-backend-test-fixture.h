/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include "kp-config.h"
#include "kp-delivery-agent.h"
#include "kp-outbox-item.h"
#include "kp-outbox.h"
#include "kp-store.h"

G_BEGIN_DECLS

/*
 * What every test of a case-system backend stands on: its own folder below
 * the test home, a configuration read from text, and the store and outbox
 * in that folder. A test's own Fixture embeds it and adds its server,
 * backend or agent, which it clears before kp_backend_test_fixture_close().
 */
typedef struct
{
  char *dir;
  KpConfig *config;
  KpStore *store;
  KpOutbox *outbox;
} KpBackendTestFixture;

/* Makes the folder from @template ("name-XXXXXX"); the configuration text usually names it. */
void kp_backend_test_fixture_make_dir (KpBackendTestFixture *fixture, const char *template);
/* Reads @key_file as the configuration and opens the store and outbox in the folder. */
void kp_backend_test_fixture_open (KpBackendTestFixture *fixture, const char *key_file);
/* Asserts the outbox, store and configuration are let go of, then removes the folder. */
void kp_backend_test_fixture_close (KpBackendTestFixture *fixture);

/* Submits @payload of @kind with @attachments (nullable); returns the reference. (transfer full) */
char *kp_backend_test_fixture_submit (KpBackendTestFixture *fixture,
                                      const char *kind,
                                      const char *payload,
                                      GPtrArray *attachments);
/* The outbox item of @reference. (transfer full) */
KpOutboxItem *kp_backend_test_fixture_lookup (KpBackendTestFixture *fixture, const char *reference);
/* The same, failing the test with the item's last error when it was not delivered. (transfer full) */
KpOutboxItem *kp_backend_test_fixture_assert_delivered (KpBackendTestFixture *fixture,
                                                        const char *reference);

/* One delivery round of @agent at @now, which must not fail as a whole. */
void kp_test_deliver_due (KpDeliveryAgent *agent, gint64 now);
/*
 * One delivery round of @agent at @now that the server makes fail: the
 * row of @reference waits, with an error that names neither the
 * resident's @personal data nor the @token.
 */
void kp_backend_test_fixture_assert_try_fails (KpBackendTestFixture *fixture,
                                               KpDeliveryAgent *agent,
                                               gint64 now,
                                               const char *reference,
                                               const char *personal,
                                               const char *token);

G_END_DECLS
