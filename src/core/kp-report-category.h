/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib.h>

#include "kp-config.h"

G_BEGIN_DECLS

/*
 * The categories of a report about public space: a main category and a
 * sub category, with the slugs of Signalen, the system most Dutch
 * municipalities take such reports in, so a later remote backend can pass
 * them on as they are. The labels are our own, short and plain.
 *
 * Every kiosk knows the whole table below; a municipality chooses which
 * sub categories it offers, and in which order, with [reports] categories
 * in its configuration (kiosk-image/kernpunt.conf.example).
 */
typedef struct
{
  const char *slug;      /* Signalen's slug, e.g. "grofvuil" */
  const char *parent;    /* the main category's slug; NULL for a main category */
  const char *label;     /* untranslated: use kp_report_category_get_label() */
  const char *pictogram; /* a name from ui/guide/README.md's pictogram list */
} KpReportCategory;

/* The main category with @slug, or NULL. (transfer none) */
const KpReportCategory *kp_report_category_lookup_main (const char *slug);
/* The sub category @slug of @main_slug, or NULL. (transfer none) */
const KpReportCategory *kp_report_category_lookup (const char *main_slug, const char *slug);
/* The label in the current gettext language. (transfer none) */
const char *kp_report_category_get_label (const KpReportCategory *category);

/*
 * What @config offers (the whole table when it sets nothing), in order.
 * (element-type KpReportCategory) (transfer container)
 */
GPtrArray *kp_report_category_list_main (KpConfig *config);
GPtrArray *kp_report_category_list_sub (KpConfig *config, const char *main_slug);

/*
 * Checks "main/sub" against the table; for the configuration's checks.
 * Sets @main and @sub (transfer none) to the entries.
 */
gboolean kp_report_category_parse_path (const char *path,
                                        const KpReportCategory **main,
                                        const KpReportCategory **sub);

G_END_DECLS
