/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/*
 * A SoupServer on 127.0.0.1 and a port the system picks, running in a
 * thread of its own so a test can make blocking requests to it. The
 * stand-in servers of the case systems build on it.
 */
typedef struct _KpTestHttpServer KpTestHttpServer;

/* Starts serving every path with @callback; returns once it listens. */
KpTestHttpServer *kp_test_http_server_start (SoupServerCallback callback, gpointer user_data);
/* Stops serving and waits for the thread. */
void kp_test_http_server_stop (KpTestHttpServer *self);
/* "http://127.0.0.1:PORT" (transfer none) */
const char *kp_test_http_server_get_base (KpTestHttpServer *self);

G_END_DECLS
