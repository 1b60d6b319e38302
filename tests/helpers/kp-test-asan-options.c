/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-test-helpers.h"

/*
 * libsoup 3.2's server leaks every socket it accepts and its listener's
 * address (tests/lsan.supp names them). Those suppressions only match with
 * whole stacks, which GLib's frames give only with ASan's slow unwinder.
 * The slow unwinder costs time at every malloc, so only the test programs
 * that run a server ask for it: linking this file in is what asks.
 */
#ifdef __SANITIZE_ADDRESS__
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}
#endif

void
kp_test_servers_need_whole_stacks (void)
{
}
