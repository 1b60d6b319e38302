/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

G_BEGIN_DECLS

/*
 * Every fuzz target defines this entry, as libFuzzer calls it. In a clang
 * build it is linked with -fsanitize=fuzzer; in any build fuzz-replay.c
 * calls it with the files of a seed corpus, so the harness itself is
 * tested everywhere.
 */
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* @data as a string: input from outside may lack a final NUL or hold one inside. (transfer full) */
char *kp_fuzz_dup_string (const uint8_t *data, size_t size);

G_END_DECLS
