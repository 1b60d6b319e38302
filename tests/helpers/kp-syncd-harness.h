/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include "kp-attachment.h"
#include "kp-config.h"
#include "kp-delivery-agent.h"
#include "kp-outbox-item.h"
#include "kp-outbox.h"
#include "kp-store.h"

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * What the tests of kernpunt-syncd against a stand-in case system share: a
 * data folder below the test's HOME with a configuration and a database,
 * submissions written to the outbox as the kiosk writes them, and
 * kernpunt-syncd started, stopped and killed at random moments. The
 * references of what was submitted are kept, so a test can check each one
 * on the server afterwards.
 */
typedef struct _KpSyncdHarness KpSyncdHarness;

/* A fresh data folder named after @prefix, with an empty outbox. */
KpSyncdHarness *kp_syncd_harness_new (const char *prefix);
void kp_syncd_harness_free (KpSyncdHarness *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KpSyncdHarness, kp_syncd_harness_free)

/* (transfer none) */
KpStore *kp_syncd_harness_get_store (KpSyncdHarness *self);
KpOutbox *kp_syncd_harness_get_outbox (KpSyncdHarness *self);
/* The references submitted so far, oldest first. (element-type utf8) (transfer none) */
GPtrArray *kp_syncd_harness_get_references (KpSyncdHarness *self);

/* (Re)writes the configuration: [storage] data-dir=<the folder>, then @sections. */
void kp_syncd_harness_write_config (KpSyncdHarness *self, const char *sections);
/* The configuration as written, as kernpunt-syncd reads it. (transfer full) */
KpConfig *kp_syncd_harness_load_config (KpSyncdHarness *self);
/* Writes @contents to the root-only file @name in the folder; returns its path. (transfer full) */
char *kp_syncd_harness_write_secret (KpSyncdHarness *self, const char *name, const char *contents);

/* Writes a submission as the kiosk does; returns its reference. (transfer none) */
const char *kp_syncd_harness_submit (KpSyncdHarness *self,
                                     const char *kind,
                                     const char *payload,
                                     GPtrArray *attachments);
/* A photo as the kiosk's camera leaves it: a small PNG named "foto". (transfer full) */
KpAttachment *kp_syncd_harness_new_photo (void);
guint kp_syncd_harness_count (KpSyncdHarness *self, KpOutboxState state);
/* (transfer full) */
KpOutboxItem *kp_syncd_harness_lookup (KpSyncdHarness *self, const char *reference);
/* Makes every submission that waits due now, as when its back-off has passed. */
void kp_syncd_harness_make_all_due (KpSyncdHarness *self);

/* kernpunt-syncd --config <ours> and @first_option…, up to NULL (which may be the first). (transfer full) */
GSubprocess *kp_syncd_harness_spawn (KpSyncdHarness *self,
                                     GSubprocessFlags flags,
                                     const char *first_option,
                                     ...);
/*
 * kernpunt-syncd as the service runs it, its output silenced, looking for
 * work every @poll_seconds (nullable: its default). (transfer full)
 */
GSubprocess *kp_syncd_harness_start (KpSyncdHarness *self, const char *poll_seconds);
/* One run with --once: delivers everything due and must exit 0. */
void kp_syncd_harness_run_once (KpSyncdHarness *self);
/*
 * Waits at most @seconds until @n_delivered submissions are delivered,
 * looking every few milliseconds, so a caller can still stop kernpunt-syncd
 * in the middle of its work. Returns how many are delivered.
 */
guint kp_syncd_harness_wait_for_delivered (KpSyncdHarness *self, guint n_delivered, guint seconds);
/* Stops @syncd with SIGTERM; it must exit 0 within a few seconds. */
void kp_syncd_harness_stop (GSubprocess *syncd);

/* Called between the kills; @user_data as given to kp_syncd_harness_kill_repeatedly(). */
typedef void (*KpSyncdHarnessFunc) (KpSyncdHarness *self, gpointer user_data);

/*
 * Starts kernpunt-syncd @n_kills times and kills it with SIGKILL after a
 * random moment. Before a run that would find nothing to do, @submit_more
 * adds submissions, so every kill can land in a delivery; after each kill
 * @after_kill looks at what the kill left behind. Kills land in the later
 * half of a window that starts at a few milliseconds, grows by a quarter
 * whenever a run finished no row (a slow start, as under ASan, or a row of
 * many steps) and shrinks a little when a run finished them all: doubling
 * could jump past a whole batch in one run. Fails the test unless some
 * kills landed in the middle of a row.
 */
void kp_syncd_harness_kill_repeatedly (KpSyncdHarness *self,
                                       guint n_kills,
                                       KpSyncdHarnessFunc submit_more,
                                       KpSyncdHarnessFunc after_kill,
                                       gpointer user_data);

/*
 * Time for an outage of minutes or hours in a test that takes seconds: a
 * KpBackendRouter given kp_syncd_harness_simulated_clock() as its clock
 * and an agent driven by kp_syncd_harness_run_passes_until() see back-off
 * and cool-down pass as they would in real time; only the work is real.
 */
gint64 kp_syncd_harness_simulated_clock (void);
void kp_syncd_harness_set_simulated_time (gint64 now);
/*
 * Runs every pass of @agent that is due until @until on the simulated
 * clock, moving the clock on to each next due time, and stops early when
 * nothing waits any more. Returns the number of passes.
 */
guint kp_syncd_harness_run_passes_until (KpDeliveryAgent *agent, KpOutbox *outbox, gint64 until);

G_END_DECLS
