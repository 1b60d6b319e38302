/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include "kp-guide.h"

G_BEGIN_DECLS

/*
 * The parsers behind KpGuide, for the content linter: instead of a message
 * that starts with "FILE:LINE: ", they give the bare message and the line
 * (0 when the problem is the file as a whole), so the linter can print
 * "FILE:LINE: rule: message" and go on with the next file.
 */

/* Bigger files or lines are not something an editor wrote: refuse them unread. */
#define KP_GUIDE_MAX_FILE_BYTES (1024 * 1024)
#define KP_GUIDE_MAX_LINE_BYTES 4096

typedef enum
{
  KP_GUIDE_ENTRIES_PARTNERS,
  KP_GUIDE_ENTRIES_PRODUCTS,
  KP_GUIDE_ENTRIES_FORMS,
} KpGuideEntriesKind;

/* The file's bytes, refusing files over KP_GUIDE_MAX_FILE_BYTES. (transfer full) */
GBytes *kp_guide_read_file (const char *path, GError **error);

/*
 * The lines of @bytes, after checking it is UTF-8, not empty and has no
 * line over KP_GUIDE_MAX_LINE_BYTES. A "\r" before "\n" is dropped. (transfer full)
 */
GStrv kp_guide_split_lines (GBytes *bytes, guint *error_line, GError **error);

/* Lower-case letters and digits in words joined by "-": slugs and ids. */
gboolean kp_guide_is_valid_id (const char *id);

/* The comma-separated items of @value, trimmed, or NULL when one is empty. (transfer full) */
GStrv kp_guide_split_list (const char *value);

/* (transfer full) */
KpGuideTopic *
kp_guide_topic_parse (GBytes *bytes, const char *language, guint *error_line, GError **error);

/* The names of the .topic files in @folder, sorted. (transfer full) */
GPtrArray *kp_guide_list_topic_files (const char *folder, GError **error);

/* Checks that the topic's slug is @path's file name without ".topic". */
gboolean kp_guide_check_slug (KpGuideTopic *topic, const char *path, GError **error);

/* (transfer full): of KpGuideEntry, in file order */
GPtrArray *
kp_guide_parse_entries (GBytes *bytes, KpGuideEntriesKind kind, guint *error_line, GError **error);

/* (transfer full): of KpGuideGroup, in file order, titled in @language */
GPtrArray *
kp_guide_parse_groups (GBytes *bytes, const char *language, guint *error_line, GError **error);

/* The file name of each kind of entries: "partners.txt", ... */
const char *kp_guide_entries_file_name (KpGuideEntriesKind kind);

/* Prefixes @error's message with "@path:@line: ", or "@path: " when @line is 0. */
void kp_guide_prefix_error (GError **error, const char *path, guint line);

G_END_DECLS
