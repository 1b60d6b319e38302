/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-found-register.h"

#include "kp-address-book.h"
#include "kp-found-item.h"
#include "kp-place.h"
#include "kp-store-private.h"
#include "kp-submission-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/*
 * Only the members of a found report that describe the object are read;
 * the finder and the marks sit under "personal" and are never selected.
 * The dates are ISO text, so they compare as text.
 */
#define SEARCH_SQL                                                                                 \
  "SELECT reference, json_extract (payload, '$.object'), json_extract (payload, '$.colour'),"      \
  "       json_extract (payload, '$.brand'), json_extract (payload, '$.place'),"                   \
  "       json_extract (payload, '$.found_on')"                                                    \
  " FROM outbox"                                                                                   \
  " WHERE kind = '" KP_FOUND_ITEM_KIND "' AND state <> 'rejected' AND json_valid (payload)"        \
  "   AND (?1 IS NULL OR json_extract (payload, '$.object') = ?1)"                                 \
  "   AND (?2 IS NULL OR json_extract (payload, '$.colour') = ?2)"                                 \
  "   AND (?3 IS NULL OR json_extract (payload, '$.found_on') >= ?3)"                              \
  "   AND (?4 IS NULL OR json_extract (payload, '$.found_on') <= ?4)"                              \
  " ORDER BY json_extract (payload, '$.found_on') DESC, id DESC"

struct _KpFoundRegister
{
  GObject parent_instance;

  KpStore *store;
};

G_DEFINE_FINAL_TYPE (KpFoundRegister, kp_found_register, G_TYPE_OBJECT)

void
kp_found_register_entry_free (KpFoundRegisterEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->reference);
  g_free (entry->object_kind);
  g_free (entry->colour);
  g_free (entry->brand);
  g_free (entry->place);
  g_free (entry->description);
  g_free (entry);
}

static void
bind_optional_text (sqlite3_stmt *stmt, int index, const char *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static void
bind_optional_date (sqlite3_stmt *stmt, int index, const GDate *date)
{
  if (g_date_valid (date))
    sqlite3_bind_text (stmt, index, kp_submission_format_iso_date (date), -1, g_free);
}

static const char *
column_text (sqlite3_stmt *stmt, int column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* "Black wallet or purse, Leder & Co": what a resident reads in the list. (transfer full) */
static char *
describe (const char *object_kind, const char *colour, const char *brand)
{
  const KpFoundItemKind *kind = kp_found_item_lookup_kind (object_kind);
  const KpFoundItemColour *found_colour = kp_found_item_lookup_colour (colour);
  GString *text = g_string_new (kind != NULL ? kp_found_item_kind_get_label (kind) : object_kind);

  if (found_colour != NULL)
    {
      g_autofree char *colour_text
          = g_utf8_strdown (kp_found_item_colour_get_label (found_colour), -1);

      /* TRANSLATORS: between the object and its colour or brand, e.g. "Wallet or purse, black" */
      g_string_append_printf (text, _ (", %s"), colour_text);
    }
  if (brand != NULL)
    g_string_append_printf (text, _ (", %s"), brand);
  return g_string_free (text, FALSE);
}

/* (transfer full) (nullable): NULL for a row whose place cannot be read */
static char *
dup_place_label (const char *place_json)
{
  g_autoptr (JsonNode) node = place_json != NULL ? json_from_string (place_json, NULL) : NULL;
  g_autoptr (KpPlace) place = node != NULL ? kp_place_new_from_json (node) : NULL;

  return place != NULL ? kp_place_dup_label (place) : NULL;
}

/* (transfer full) (nullable): NULL when the row does not fit @place_query */
static KpFoundRegisterEntry *
entry_from_row (sqlite3_stmt *stmt, const char *place_query)
{
  g_autoptr (KpFoundRegisterEntry) entry = g_new0 (KpFoundRegisterEntry, 1);
  g_autofree char *folded_place = NULL;
  const char *found_on = column_text (stmt, 5);

  entry->place = dup_place_label (column_text (stmt, 4));
  if (entry->place == NULL || found_on == NULL || column_text (stmt, 1) == NULL)
    return NULL;
  folded_place = kp_address_book_fold (entry->place);
  if (place_query != NULL && *place_query != '\0' && strstr (folded_place, place_query) == NULL)
    return NULL;

  if (!kp_submission_parse_iso_date (found_on, &entry->found_on))
    return NULL;
  entry->reference = g_strdup (column_text (stmt, 0));
  entry->object_kind = g_strdup (column_text (stmt, 1));
  entry->colour = g_strdup (column_text (stmt, 2));
  entry->brand = g_strdup (column_text (stmt, 3));
  entry->description = describe (entry->object_kind, entry->colour, entry->brand);
  return g_steal_pointer (&entry);
}

static void
kp_found_register_dispose (GObject *object)
{
  KpFoundRegister *self = KP_FOUND_REGISTER (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (kp_found_register_parent_class)->dispose (object);
}

static void
kp_found_register_class_init (KpFoundRegisterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kp_found_register_dispose;
}

static void
kp_found_register_init (KpFoundRegister *self)
{
}

/* (transfer full) */
KpFoundRegister *
kp_found_register_new (KpStore *store)
{
  KpFoundRegister *self;

  g_return_val_if_fail (KP_IS_STORE (store), NULL);

  self = g_object_new (KP_TYPE_FOUND_REGISTER, NULL);
  self->store = g_object_ref (store);
  return self;
}

/* (element-type KpFoundRegisterEntry) (transfer full) */
GPtrArray *
kp_found_register_search (KpFoundRegister *self,
                          const KpFoundRegisterQuery *query,
                          guint max_results,
                          GError **error)
{
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *place_query = NULL;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (KP_IS_FOUND_REGISTER (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (sqlite3_prepare_v2 (kp_store_get_db (self->store), SEARCH_SQL, -1, &stmt, NULL) != SQLITE_OK)
    {
      kp_store_set_error (self->store, error, "search the found objects");
      return NULL;
    }
  bind_optional_text (stmt, 1, query->object_kind);
  bind_optional_text (stmt, 2, query->colour);
  bind_optional_date (stmt, 3, &query->from);
  bind_optional_date (stmt, 4, &query->to);
  place_query = query->place != NULL ? kp_address_book_fold (query->place) : NULL;

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) kp_found_register_entry_free);
  while (entries->len < max_results && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KpFoundRegisterEntry *entry = entry_from_row (stmt, place_query);

      if (entry != NULL)
        g_ptr_array_add (entries, entry);
    }
  if (entries->len < max_results && rc != SQLITE_DONE)
    {
      kp_store_set_error (self->store, error, "search the found objects");
      return NULL;
    }
  return g_steal_pointer (&entries);
}
