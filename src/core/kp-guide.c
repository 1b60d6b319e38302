/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-guide.h"

#include "kp-guide-private.h"

#include <gio/gio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#define TOPIC_SUFFIX ".topic"
#define GROUPS_FILE  "groups.txt"
#define BOM          "\xEF\xBB\xBF"

struct _KpGuide
{
  GObject parent_instance;

  char *folder;
  char *language;
  GPtrArray *topics;       /* of KpGuideTopic, sorted by slug */
  GHashTable *topic_index; /* slug → KpGuideTopic, borrowed from topics */
  /* id → KpGuideEntry, indexed by KpGuideEntriesKind */
  GHashTable *entries[3];
  GPtrArray *groups;
  KpGuideIndex *index;
};

G_DEFINE_FINAL_TYPE (KpGuide, kp_guide, G_TYPE_OBJECT)

/* Written out: clang-format would put spaces into G_DEFINE_QUARK's name. */
GQuark
kp_guide_error_quark (void)
{
  return g_quark_from_static_string ("kp-guide-error-quark");
}

static const char *const entries_file_names[] = {
  [KP_GUIDE_ENTRIES_PARTNERS] = "partners.txt",
  [KP_GUIDE_ENTRIES_PRODUCTS] = "products.txt",
  [KP_GUIDE_ENTRIES_FORMS] = "forms.txt",
};

/* ---- Lines ---- */

static guint
count_lines_before (const char *start, const char *end)
{
  guint n = 1;

  for (const char *p = start; p < end; p++)
    if (*p == '\n')
      n++;
  return n;
}

/* ---- Key blocks: partners, products, forms and groups ---- */

typedef struct
{
  char *value;
  guint line;
} KeyValue;

static void
key_value_free (KeyValue *key_value)
{
  g_free (key_value->value);
  g_free (key_value);
}

/* One block: key → KeyValue, and the line it starts on. */
typedef struct
{
  GHashTable *values;
  guint line;
} KeyBlock;

static void
key_block_free (KeyBlock *block)
{
  g_hash_table_unref (block->values);
  g_free (block);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KeyBlock, key_block_free)

static KeyBlock *
key_block_new (guint line)
{
  KeyBlock *block = g_new0 (KeyBlock, 1);

  block->values
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) key_value_free);
  block->line = line;
  return block;
}

typedef gboolean (*KnownKeyFunc) (const char *key);

static gboolean
add_key_line (
    KeyBlock *block, const char *line, guint line_number, KnownKeyFunc is_known, GError **error)
{
  const char *colon = strchr (line, ':');
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;
  KeyValue *key_value;

  if (colon == NULL)
    {
      g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_SYNTAX,
                   _ ("Expected “Key: value”, or a blank line between two blocks."));
      return FALSE;
    }
  key = g_strndup (line, colon - line);
  if (!is_known (key))
    {
      g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_SYNTAX, _ ("Unknown key “%s”."), key);
      return FALSE;
    }
  key_value = g_hash_table_lookup (block->values, key);
  if (key_value != NULL)
    {
      g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_SYNTAX, _ ("“%s” is already on line %u."),
                   key, key_value->line);
      return FALSE;
    }

  value = g_strstrip (g_strdup (colon + 1));
  if (*value == '\0')
    {
      g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_MISSING, _ ("“%s” has no value."), key);
      return FALSE;
    }

  key_value = g_new0 (KeyValue, 1);
  key_value->value = g_steal_pointer (&value);
  key_value->line = line_number;
  g_hash_table_insert (block->values, g_steal_pointer (&key), key_value);
  return TRUE;
}

/*
 * Blocks of "Key: value" lines separated by blank lines, with "#" comment
 * lines anywhere. (transfer full): of KeyBlock
 */
static GPtrArray *
read_key_blocks (GBytes *bytes, KnownKeyFunc is_known, guint *error_line, GError **error)
{
  g_autoptr (GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) key_block_free);
  g_auto (GStrv) lines = kp_guide_split_lines (bytes, error_line, error);
  KeyBlock *block = NULL;

  if (lines == NULL)
    return NULL;
  for (guint i = 0; lines[i] != NULL; i++)
    {
      *error_line = i + 1;
      if (lines[i][0] == '#')
        continue;
      if (lines[i][0] == '\0')
        {
          block = NULL;
          continue;
        }
      if (block == NULL)
        {
          block = key_block_new (i + 1);
          g_ptr_array_add (blocks, block);
        }
      if (!add_key_line (block, lines[i], i + 1, is_known, error))
        return NULL;
    }
  return g_steal_pointer (&blocks);
}

/* (nullable) (transfer none) */
static const char *
block_get (KeyBlock *block, const char *key)
{
  KeyValue *key_value = g_hash_table_lookup (block->values, key);

  return key_value != NULL ? key_value->value : NULL;
}

static guint
block_get_line (KeyBlock *block, const char *key)
{
  KeyValue *key_value = g_hash_table_lookup (block->values, key);

  return key_value != NULL ? key_value->line : block->line;
}

/* Checks that @block has every key in @required (NULL-terminated). */
static gboolean
check_block_keys (KeyBlock *block, const char *const *required, guint *error_line, GError **error)
{
  for (guint i = 0; required[i] != NULL; i++)
    if (block_get (block, required[i]) == NULL)
      {
        *error_line = block->line;
        g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_MISSING,
                     _ ("“%s” is missing from the block that starts here."), required[i]);
        return FALSE;
      }
  return TRUE;
}

/* Checks the block's Id, and that no earlier block in @seen (id → line) has it. */
static gboolean
check_block_id (KeyBlock *block, GHashTable *seen, guint *error_line, GError **error)
{
  const char *id = block_get (block, "Id");
  guint earlier = GPOINTER_TO_UINT (g_hash_table_lookup (seen, id));

  *error_line = block_get_line (block, "Id");
  if (!kp_guide_is_valid_id (id))
    {
      g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_VALUE,
                   _ ("“%s” is not an id: use lower-case letters, digits and “-”."), id);
      return FALSE;
    }
  if (earlier != 0)
    {
      g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_DUPLICATE,
                   _ ("The id “%s” is already on line %u."), id, earlier);
      return FALSE;
    }
  g_hash_table_insert (seen, (gpointer) id, GUINT_TO_POINTER (*error_line));
  return TRUE;
}

static const char *const partner_keys[] = { "Id", "Name", "Helps", "Phone", "Address", NULL };
static const char *const item_keys[] = { "Id", "Name", NULL };

static gboolean
is_partner_key (const char *key)
{
  return g_strv_contains (partner_keys, key);
}

static gboolean
is_item_key (const char *key)
{
  return g_strv_contains (item_keys, key);
}

/* "Title-nl", "Title-en", ...: one title per language. */
static gboolean
is_group_key (const char *key)
{
  static const char *const keys[] = { "Id", "Pictogram", "Topics", NULL };
  gsize length = strlen (key);

  if (g_strv_contains (keys, key))
    return TRUE;
  if (!g_str_has_prefix (key, "Title-") || length < 8 || length > 9)
    return FALSE;
  for (gsize i = strlen ("Title-"); i < length; i++)
    if (!g_ascii_islower (key[i]))
      return FALSE;
  return TRUE;
}

static KpGuideEntry *
entry_new_from_block (KeyBlock *block)
{
  KpGuideEntry *entry = g_new0 (KpGuideEntry, 1);

  entry->id = g_strdup (block_get (block, "Id"));
  entry->name = g_strdup (block_get (block, "Name"));
  entry->helps = g_strdup (block_get (block, "Helps"));
  entry->phone = g_strdup (block_get (block, "Phone"));
  entry->address = g_strdup (block_get (block, "Address"));
  entry->line = block_get_line (block, "Id");
  return entry;
}

static gboolean
is_valid_language (const char *language)
{
  gsize length = strlen (language);

  if (length < 2 || length > 3)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_islower (language[i]))
      return FALSE;
  return TRUE;
}

static KpGuideGroup *
group_new_from_block (KeyBlock *block, const char *title_key, guint *error_line, GError **error)
{
  g_autoptr (KpGuideGroup) group = g_new0 (KpGuideGroup, 1);

  group->id = g_strdup (block_get (block, "Id"));
  group->pictogram = g_strdup (block_get (block, "Pictogram"));
  group->title = g_strdup (block_get (block, title_key));
  group->line = block_get_line (block, "Id");
  group->topics_line = block_get_line (block, "Topics");
  group->topics = kp_guide_split_list (block_get (block, "Topics"));

  *error_line = group->topics_line;
  if (group->topics == NULL)
    {
      g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_VALUE,
                   _ ("There is an empty item between two commas."));
      return NULL;
    }
  for (guint i = 0; group->topics[i] != NULL; i++)
    if (!kp_guide_is_valid_id (group->topics[i]))
      {
        g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_VALUE,
                     _ ("“%s” is not a slug: use lower-case letters, digits and “-”."),
                     group->topics[i]);
        return NULL;
      }
  *error_line = block_get_line (block, "Pictogram");
  if (!kp_guide_is_valid_id (group->pictogram))
    {
      g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_VALUE,
                   _ ("“%s” is not a valid name: use lower-case letters, digits and “-”."),
                   group->pictogram);
      return NULL;
    }
  return g_steal_pointer (&group);
}

/* ---- Loading ---- */

/* Errors name the file and the line. (transfer full) */
static GPtrArray *
load_entries (const char *folder, KpGuideEntriesKind kind, GError **error)
{
  g_autofree char *path = g_build_filename (folder, entries_file_names[kind], NULL);
  g_autoptr (GBytes) bytes = kp_guide_read_file (path, error);
  GPtrArray *entries;
  guint error_line = 0;

  if (bytes == NULL)
    return NULL;
  entries = kp_guide_parse_entries (bytes, kind, &error_line, error);
  if (entries == NULL)
    kp_guide_prefix_error (error, path, error_line);
  return entries;
}

/* (transfer full) */
static GPtrArray *
load_groups (const char *folder, const char *language, GError **error)
{
  g_autofree char *path = g_build_filename (folder, GROUPS_FILE, NULL);
  g_autoptr (GBytes) bytes = kp_guide_read_file (path, error);
  GPtrArray *groups;
  guint error_line = 0;

  if (bytes == NULL)
    return NULL;
  groups = kp_guide_parse_groups (bytes, language, &error_line, error);
  if (groups == NULL)
    kp_guide_prefix_error (error, path, error_line);
  return groups;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* (transfer full) */
GPtrArray *
kp_guide_list_topic_files (const char *folder, GError **error)
{
  g_autoptr (GError) dir_error = NULL;
  g_autoptr (GDir) dir = g_dir_open (folder, 0, &dir_error);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    {
      g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_READ, "%s", dir_error->message);
      return NULL;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, TOPIC_SUFFIX) && strlen (name) > strlen (TOPIC_SUFFIX))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return g_steal_pointer (&names);
}

static gboolean
load_topics (KpGuide *self, GError **error)
{
  g_autofree char *folder = g_build_filename (self->folder, self->language, NULL);
  g_autoptr (GPtrArray) names = kp_guide_list_topic_files (folder, error);

  if (names == NULL)
    return FALSE;
  if (names->len == 0)
    {
      g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_MISSING,
                   _ ("%s: there are no .topic files."), folder);
      return FALSE;
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autoptr (KpGuideTopic) topic = kp_guide_topic_new_from_file (path, self->language, error);

      if (topic == NULL)
        return FALSE;
      if (!kp_guide_check_slug (topic, path, error))
        {
          kp_guide_prefix_error (error, path,
                                 kp_guide_topic_get_field_line (topic, KP_GUIDE_FIELD_SLUG));
          return FALSE;
        }
      g_hash_table_insert (self->topic_index, (gpointer) kp_guide_topic_get_slug (topic), topic);
      g_ptr_array_add (self->topics, g_steal_pointer (&topic));
    }
  return TRUE;
}

static gboolean
load_all_entries (KpGuide *self, GError **error)
{
  g_autofree char *folder = g_build_filename (self->folder, self->language, NULL);

  for (KpGuideEntriesKind kind = 0; kind < G_N_ELEMENTS (self->entries); kind++)
    {
      g_autoptr (GPtrArray) entries = load_entries (folder, kind, error);

      if (entries == NULL)
        return FALSE;
      for (guint i = 0; i < entries->len; i++)
        {
          KpGuideEntry *entry = g_ptr_array_index (entries, i);

          g_hash_table_insert (self->entries[kind], entry->id, entry);
        }
      /* The hash table owns the entries now. */
      g_ptr_array_set_free_func (entries, NULL);
    }
  return TRUE;
}

/* ---- GObject ---- */

static void
kp_guide_finalize (GObject *object)
{
  KpGuide *self = KP_GUIDE (object);

  g_clear_object (&self->index);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  for (gsize i = 0; i < G_N_ELEMENTS (self->entries); i++)
    g_clear_pointer (&self->entries[i], g_hash_table_unref);
  g_clear_pointer (&self->topic_index, g_hash_table_unref);
  g_clear_pointer (&self->topics, g_ptr_array_unref);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->folder, g_free);

  G_OBJECT_CLASS (kp_guide_parent_class)->finalize (object);
}

static void
kp_guide_class_init (KpGuideClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kp_guide_finalize;
}

static void
kp_guide_init (KpGuide *self)
{
  self->topics = g_ptr_array_new_with_free_func (g_object_unref);
  self->topic_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (gsize i = 0; i < G_N_ELEMENTS (self->entries); i++)
    self->entries[i] = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                              (GDestroyNotify) kp_guide_entry_free);
}

/* ---- Private: the parsers ---- */

/* (transfer full) */
GBytes *
kp_guide_read_file (const char *path, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInputStream) stream = NULL;
  g_autoptr (GError) read_error = NULL;
  /* One byte more than allowed tells a file at the limit from a bigger one. */
  g_autofree char *buffer = g_malloc (KP_GUIDE_MAX_FILE_BYTES + 1);
  gsize n_read = 0;

  stream = g_file_read (file, NULL, &read_error);
  if (stream == NULL)
    {
      /* GIO's message names the file already. */
      g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_READ, "%s", read_error->message);
      return NULL;
    }
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, KP_GUIDE_MAX_FILE_BYTES + 1,
                                &n_read, NULL, &read_error))
    {
      g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_READ, "%s: %s", path, read_error->message);
      return NULL;
    }
  if (n_read > KP_GUIDE_MAX_FILE_BYTES)
    {
      g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_READ,
                   _ ("%s: the file is bigger than %d bytes."), path, KP_GUIDE_MAX_FILE_BYTES);
      return NULL;
    }
  return g_bytes_new (buffer, n_read);
}

/* (transfer full) */
GStrv
kp_guide_split_lines (GBytes *bytes, guint *error_line, GError **error)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  /* An empty GBytes may hold NULL, and NULL + 0 is undefined in C. */
  const char *end = size > 0 ? data + size : data;
  const char *invalid = NULL;
  g_autoptr (GStrvBuilder) lines = g_strv_builder_new ();
  guint line_number = 1;

  *error_line = 1;
  if (size == 0)
    {
      g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_MISSING, _ ("The file is empty."));
      return NULL;
    }
  if (!g_utf8_validate_len (data, size, &invalid))
    {
      *error_line = count_lines_before (data, invalid);
      g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_ENCODING,
                   _ ("This line is not valid UTF-8. Save the file as UTF-8."));
      return NULL;
    }
  /* Editors on Windows may start a UTF-8 file with a byte order mark. */
  if (size >= strlen (BOM) && memcmp (data, BOM, strlen (BOM)) == 0)
    data += strlen (BOM);

  for (const char *start = data; start < end; line_number++)
    {
      const char *newline = memchr (start, '\n', end - start);
      const char *stop = newline != NULL ? newline : end;
      gsize length = stop - start;

      if (length > 0 && start[length - 1] == '\r')
        length--;
      if (length > KP_GUIDE_MAX_LINE_BYTES)
        {
          *error_line = line_number;
          g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_SYNTAX,
                       _ ("This line is longer than %d bytes."), KP_GUIDE_MAX_LINE_BYTES);
          return NULL;
        }
      g_autofree char *line = g_strndup (start, length);

      g_strv_builder_add (lines, line);
      start = stop + 1;
    }
  *error_line = 0;
  return g_strv_builder_end (lines);
}

gboolean
kp_guide_is_valid_id (const char *id)
{
  gboolean after_dash = TRUE;

  if (id == NULL || *id == '\0')
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    {
      if (*p == '-' && after_dash)
        return FALSE;
      if (*p != '-' && !g_ascii_islower (*p) && !g_ascii_isdigit (*p))
        return FALSE;
      after_dash = *p == '-';
    }
  return !after_dash;
}

/* (transfer full) */
GStrv
kp_guide_split_list (const char *value)
{
  g_auto (GStrv) items = g_strsplit (value, ",", -1);

  for (guint i = 0; items[i] != NULL; i++)
    if (*g_strstrip (items[i]) == '\0')
      return NULL;
  return g_steal_pointer (&items);
}

void
kp_guide_prefix_error (GError **error, const char *path, guint line)
{
  if (line > 0)
    g_prefix_error (error, "%s:%u: ", path, line);
  else
    g_prefix_error (error, "%s: ", path);
}

const char *
kp_guide_entries_file_name (KpGuideEntriesKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (entries_file_names), NULL);

  return entries_file_names[kind];
}

gboolean
kp_guide_check_slug (KpGuideTopic *topic, const char *path, GError **error)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *expected = g_str_has_suffix (name, TOPIC_SUFFIX)
                                  ? g_strndup (name, strlen (name) - strlen (TOPIC_SUFFIX))
                                  : g_strdup (name);

  if (g_strcmp0 (kp_guide_topic_get_slug (topic), expected) == 0)
    return TRUE;
  g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_VALUE,
               _ ("The slug “%s” must be the file name without “.topic”: “%s”."),
               kp_guide_topic_get_slug (topic), expected);
  return FALSE;
}

/* (transfer full) */
GPtrArray *
kp_guide_parse_entries (GBytes *bytes, KpGuideEntriesKind kind, guint *error_line, GError **error)
{
  gboolean partners = kind == KP_GUIDE_ENTRIES_PARTNERS;
  g_autoptr (GPtrArray) blocks
      = read_key_blocks (bytes, partners ? is_partner_key : is_item_key, error_line, error);
  g_autoptr (GPtrArray) entries
      = g_ptr_array_new_with_free_func ((GDestroyNotify) kp_guide_entry_free);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (blocks == NULL)
    return NULL;
  for (guint i = 0; i < blocks->len; i++)
    {
      KeyBlock *block = g_ptr_array_index (blocks, i);

      if (!check_block_keys (block, partners ? partner_keys : item_keys, error_line, error)
          || !check_block_id (block, seen, error_line, error))
        return NULL;
      g_ptr_array_add (entries, entry_new_from_block (block));
    }
  *error_line = 0;
  return g_steal_pointer (&entries);
}

/* (transfer full) */
GPtrArray *
kp_guide_parse_groups (GBytes *bytes, const char *language, guint *error_line, GError **error)
{
  g_autofree char *title_key = g_strconcat ("Title-", language, NULL);
  const char *const required[] = { "Id", "Pictogram", title_key, "Topics", NULL };
  g_autoptr (GPtrArray) blocks = read_key_blocks (bytes, is_group_key, error_line, error);
  g_autoptr (GPtrArray) groups
      = g_ptr_array_new_with_free_func ((GDestroyNotify) kp_guide_group_free);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (blocks == NULL)
    return NULL;
  for (guint i = 0; i < blocks->len; i++)
    {
      KeyBlock *block = g_ptr_array_index (blocks, i);
      KpGuideGroup *group;

      if (!check_block_keys (block, required, error_line, error)
          || !check_block_id (block, seen, error_line, error))
        return NULL;
      group = group_new_from_block (block, title_key, error_line, error);
      if (group == NULL)
        return NULL;
      g_ptr_array_add (groups, group);
    }
  *error_line = 0;
  return g_steal_pointer (&groups);
}

/* ---- Public ---- */

/* (transfer full) */
char *
kp_guide_dup_default_folder (void)
{
  const char *folder = g_getenv ("KERNPUNT_CONTENT_DIR");

  if (folder != NULL && *folder != '\0')
    return g_strdup (folder);
  return g_build_filename (PKGDATADIR, "guide", NULL);
}

/* (transfer full) */
KpGuide *
kp_guide_load (const char *folder, const char *language, GError **error)
{
  g_autoptr (KpGuide) self = NULL;

  g_return_val_if_fail (folder != NULL, NULL);
  g_return_val_if_fail (language != NULL, NULL);

  if (!is_valid_language (language))
    {
      g_set_error (error, KP_GUIDE_ERROR, KP_GUIDE_ERROR_VALUE,
                   _ ("“%s” is not a language code such as “nl”."), language);
      return NULL;
    }

  self = g_object_new (KP_TYPE_GUIDE, NULL);
  self->folder = g_strdup (folder);
  self->language = g_strdup (language);
  if (!load_topics (self, error) || !load_all_entries (self, error))
    return NULL;
  self->groups = load_groups (folder, language, error);
  if (self->groups == NULL)
    return NULL;
  self->index = kp_guide_index_new (language, self->topics, error);
  if (self->index == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

const char *
kp_guide_get_folder (KpGuide *self)
{
  g_return_val_if_fail (KP_IS_GUIDE (self), NULL);

  return self->folder;
}

const char *
kp_guide_get_language (KpGuide *self)
{
  g_return_val_if_fail (KP_IS_GUIDE (self), NULL);

  return self->language;
}

GPtrArray *
kp_guide_get_topics (KpGuide *self)
{
  g_return_val_if_fail (KP_IS_GUIDE (self), NULL);

  return self->topics;
}

KpGuideTopic *
kp_guide_lookup_topic (KpGuide *self, const char *slug)
{
  g_return_val_if_fail (KP_IS_GUIDE (self), NULL);
  g_return_val_if_fail (slug != NULL, NULL);

  return g_hash_table_lookup (self->topic_index, slug);
}

const KpGuideEntry *
kp_guide_lookup_partner (KpGuide *self, const char *id)
{
  g_return_val_if_fail (KP_IS_GUIDE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->entries[KP_GUIDE_ENTRIES_PARTNERS], id);
}

const KpGuideEntry *
kp_guide_lookup_product (KpGuide *self, const char *id)
{
  g_return_val_if_fail (KP_IS_GUIDE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->entries[KP_GUIDE_ENTRIES_PRODUCTS], id);
}

const KpGuideEntry *
kp_guide_lookup_form (KpGuide *self, const char *id)
{
  g_return_val_if_fail (KP_IS_GUIDE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->entries[KP_GUIDE_ENTRIES_FORMS], id);
}

/* (transfer none) */
const char *
kp_guide_name_product (KpGuide *self, const char *id, const char *fallback)
{
  const KpGuideEntry *entry;

  g_return_val_if_fail (KP_IS_GUIDE (self), fallback);
  g_return_val_if_fail (id != NULL, fallback);

  entry = kp_guide_lookup_product (self, id);
  return entry != NULL ? entry->name : fallback;
}

/* Topics are sorted by slug, so the same product always finds the same topic. */
KpGuideTopic *
kp_guide_lookup_appointment_topic (KpGuide *self, const char *product_id)
{
  g_return_val_if_fail (KP_IS_GUIDE (self), NULL);
  g_return_val_if_fail (product_id != NULL, NULL);

  for (guint i = 0; i < self->topics->len; i++)
    {
      KpGuideTopic *topic = g_ptr_array_index (self->topics, i);

      if (kp_guide_topic_get_next_kind (topic) == KP_GUIDE_NEXT_APPOINTMENT
          && g_strcmp0 (kp_guide_topic_get_next_target (topic), product_id) == 0)
        return topic;
    }
  return NULL;
}

GPtrArray *
kp_guide_get_groups (KpGuide *self)
{
  g_return_val_if_fail (KP_IS_GUIDE (self), NULL);

  return self->groups;
}

KpGuideIndex *
kp_guide_get_index (KpGuide *self)
{
  g_return_val_if_fail (KP_IS_GUIDE (self), NULL);

  return self->index;
}

/* (nullable) (transfer none): the name the bundle gives the Next target */
static const char *
lookup_next_name (KpGuide *self, KpGuideNextKind kind, const char *target)
{
  const KpGuideEntry *entry = NULL;
  KpGuideTopic *topic;

  switch (kind)
    {
      case KP_GUIDE_NEXT_APPOINTMENT:
        entry = kp_guide_lookup_product (self, target);
        break;
      case KP_GUIDE_NEXT_FORM:
        entry = kp_guide_lookup_form (self, target);
        break;
      case KP_GUIDE_NEXT_PARTNER:
        entry = kp_guide_lookup_partner (self, target);
        break;
      case KP_GUIDE_NEXT_TOPIC:
        topic = kp_guide_lookup_topic (self, target);
        return topic != NULL ? kp_guide_topic_get_title (topic) : NULL;
      case KP_GUIDE_NEXT_REPORT:
        if (g_strcmp0 (target, "mor") == 0)
          return _ ("Report a problem in a public space");
        if (g_strcmp0 (target, "found") == 0)
          return _ ("Report something you found");
        return _ ("Report something you lost");
      case KP_GUIDE_NEXT_CALLBACK:
        return _ ("Ask to be called back");
    }
  return entry != NULL ? entry->name : NULL;
}

/* (transfer full) */
char *
kp_guide_dup_next_name (KpGuide *self, KpGuideTopic *topic)
{
  KpGuideNextKind kind;
  const char *target;
  const char *name;

  g_return_val_if_fail (KP_IS_GUIDE (self), NULL);
  g_return_val_if_fail (KP_IS_GUIDE_TOPIC (topic), NULL);

  kind = kp_guide_topic_get_next_kind (topic);
  target = kp_guide_topic_get_next_target (topic);
  name = lookup_next_name (self, kind, target);
  if (name != NULL)
    return g_strdup (name);
  return g_strdup_printf ("%s:%s", kp_guide_next_kind_to_string (kind), target);
}

void
kp_guide_entry_free (KpGuideEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->address);
  g_free (entry->phone);
  g_free (entry->helps);
  g_free (entry->name);
  g_free (entry->id);
  g_free (entry);
}

void
kp_guide_group_free (KpGuideGroup *group)
{
  if (group == NULL)
    return;
  g_strfreev (group->topics);
  g_free (group->title);
  g_free (group->pictogram);
  g_free (group->id);
  g_free (group);
}
