/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-zgw-backend.h"

#include "kp-appointment-case.h"
#include "kp-delivery-steps.h"
#include "kp-http-json.h"
#include "kp-store-private.h"
#include "kp-submission-pdf.h"

#include <json-glib/json-glib.h>

#include <glib/gi18n-lib.h>

/* The source named with our reference in a zaak's kenmerken (at most 40 characters). */
#define KENMERK_BRON "Kernpunt"
/*
 * Steps kept in delivery_steps beside zgw_deliveries: the reserved number,
 * and per document N (1 is the submission's PDF, 2… its photos) the
 * document's URL and that of its link to the zaak.
 */
#define STEP_ZAAKNUMMER    "zgw-zaaknummer"
#define STEP_DOCUMENT      "zgw-document-%u"
#define STEP_DOCUMENT_LINK "zgw-document-link-%u"
#define PDF_CONTENT_TYPE   "application/pdf"

struct _KpZgwBackend
{
  GObject parent_instance;

  KpStore *store;
  KpZgwClient *client;
  KpConfig *config;
  /* [zgw] catalogus as a URL, looked up once when it is given as a domain. */
  char *catalogus_url;
  /* Without a Documenten API zaken go without documents: said once in the log. */
  gboolean told_no_documents;
};

static void kp_zgw_backend_backend_init (KpBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KpZgwBackend,
                               kp_zgw_backend,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KP_TYPE_BACKEND, kp_zgw_backend_backend_init))

/*
 * How each kind of submission reads as a zaak: which payload members give
 * the short description, the explanation and the resident's contact.
 * Members under "personal" are marked so; the case system is where they go.
 */
typedef struct
{
  const char *kind;
  const char *omschrijving; /* followed by ": " and the subject */
  const char *subject;
  const char *toelichting; /* in "personal" */
  const char *name;        /* in "personal" */
  const char *email;       /* in "personal" */
  const char *phone;       /* in "personal" */
  gboolean has_point;      /* a report about public space (MOR) has a place on the map */
} KindMapping;

/* TRANSLATORS: a case's short description for the case worker, followed by ": <subject>" */
static const KindMapping kind_mappings[] = {
  { "report", N_ ("Report about public space"), "sub_category", "description", NULL, "email",
    "phone", TRUE },
  { "found", N_ ("Found object"), "object", "marks", "finder_name", "finder_email", "finder_phone",
    FALSE },
  { "lost", N_ ("Lost object"), "object", "description", "name", "email", "phone", FALSE },
  { "callback", N_ ("Call-back request, call back by"), "call_before_end_of", "subject", "name",
    NULL, "phone", FALSE },
  { KP_APPOINTMENT_CASE_KIND, N_ ("Appointment"), "product", NULL, "name", "email", "phone",
    FALSE },
};

/* What earlier attempts finished, as kept in zgw_deliveries. */
typedef struct
{
  char *identificatie;
  char *zaak_url;
  char *rol_url;
  char *status_url;
  char *status_omschrijving;
} Progress;

static void
progress_clear (Progress *progress)
{
  g_clear_pointer (&progress->identificatie, g_free);
  g_clear_pointer (&progress->zaak_url, g_free);
  g_clear_pointer (&progress->rol_url, g_free);
  g_clear_pointer (&progress->status_url, g_free);
  g_clear_pointer (&progress->status_omschrijving, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Progress, progress_clear)

static const KindMapping *
find_kind_mapping (const char *kind)
{
  for (gsize i = 0; i < G_N_ELEMENTS (kind_mappings); i++)
    {
      if (g_str_equal (kind_mappings[i].kind, kind))
        return &kind_mappings[i];
    }
  return NULL;
}

/* ---- Bookkeeping ---- */

static char *
dup_column (sqlite3_stmt *stmt, int column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* Loads the progress of @reference, starting it (with its identificatie) the first time. */
static gboolean
load_progress (KpZgwBackend *self, const char *reference, Progress *progress, GError **error)
{
  sqlite3 *db = kp_store_get_db (self->store);
  g_autoptr (sqlite3_stmt) insert = NULL;
  g_autoptr (sqlite3_stmt) select = NULL;
  g_autofree char *identificatie = kp_zgw_backend_dup_identificatie (reference);

  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO zgw_deliveries (reference, identificatie) VALUES (?1, ?2)"
                          " ON CONFLICT (reference) DO NOTHING",
                          -1, &insert, NULL)
          != SQLITE_OK
      || sqlite3_bind_text (insert, 1, reference, -1, SQLITE_STATIC) != SQLITE_OK
      || sqlite3_bind_text (insert, 2, identificatie, -1, SQLITE_STATIC) != SQLITE_OK
      || sqlite3_step (insert) != SQLITE_DONE
      || sqlite3_prepare_v2 (db,
                             "SELECT identificatie, zaak_url, rol_url, status_url,"
                             " status_omschrijving FROM zgw_deliveries WHERE reference = ?1",
                             -1, &select, NULL)
             != SQLITE_OK
      || sqlite3_bind_text (select, 1, reference, -1, SQLITE_STATIC) != SQLITE_OK
      || sqlite3_step (select) != SQLITE_ROW)
    {
      kp_store_set_error (self->store, error, "zgw_deliveries");
      return FALSE;
    }
  progress->identificatie = dup_column (select, 0);
  progress->zaak_url = dup_column (select, 1);
  progress->rol_url = dup_column (select, 2);
  progress->status_url = dup_column (select, 3);
  progress->status_omschrijving = dup_column (select, 4);
  return TRUE;
}

/* Keeps one finished step; @column is one of our own column names, never input. */
static gboolean
save_step (KpZgwBackend *self,
           const char *reference,
           const char *column,
           const char *url,
           const char *omschrijving,
           GError **error)
{
  g_autofree char *sql
      = g_strdup_printf ("UPDATE zgw_deliveries SET %s = ?2,"
                         " status_omschrijving = coalesce (?3, status_omschrijving)"
                         " WHERE reference = ?1",
                         column);
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (kp_store_get_db (self->store), sql, -1, &stmt, NULL) != SQLITE_OK
      || sqlite3_bind_text (stmt, 1, reference, -1, SQLITE_STATIC) != SQLITE_OK
      || sqlite3_bind_text (stmt, 2, url, -1, SQLITE_STATIC) != SQLITE_OK
      || sqlite3_bind_text (stmt, 3, omschrijving, -1, SQLITE_STATIC) != SQLITE_OK
      || sqlite3_step (stmt) != SQLITE_DONE)
    {
      kp_store_set_error (self->store, error, "zgw_deliveries");
      return FALSE;
    }
  return TRUE;
}

/* ---- The steps ---- */

static gboolean
set_config_error (GError **error, const char *what)
{
  /* TRANSLATORS: "ZGW: <what is wrong in the configuration>" */
  g_set_error (error, KP_BACKEND_ERROR, KP_BACKEND_ERROR_TEMPORARY, _ ("ZGW: %s"), what);
  return FALSE;
}

static const char *
get_catalogus_url (KpZgwBackend *self, GCancellable *cancellable, GError **error)
{
  const char *catalogus = kp_config_get_zgw_catalogus (self->config);

  if (g_str_has_prefix (catalogus, "http://") || g_str_has_prefix (catalogus, "https://"))
    return catalogus;
  if (self->catalogus_url == NULL)
    self->catalogus_url = kp_zgw_client_find_catalogus (
        self->client, catalogus, kp_config_get_zgw_rsin (self->config), cancellable, error);
  return self->catalogus_url;
}

static const KpZgwZaaktype *
resolve_zaaktype (KpZgwBackend *self, const char *kind, GCancellable *cancellable, GError **error)
{
  const char *identificatie = kp_config_get_zgw_zaaktype (self->config, kind);
  const char *catalogus;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDate) today = g_date_new_dmy ((GDateDay) g_date_time_get_day_of_month (now),
                                            (GDateMonth) g_date_time_get_month (now),
                                            (GDateYear) g_date_time_get_year (now));

  if (identificatie == NULL)
    {
      set_config_error (error, _ ("no zaaktype for this kind of submission; check [zgw]"));
      return NULL;
    }
  catalogus = get_catalogus_url (self, cancellable, error);
  if (catalogus == NULL)
    return NULL;
  return kp_zgw_client_resolve_zaaktype (self->client, catalogus, identificatie, today, cancellable,
                                         error);
}

/* The object member @name of @object, or NULL. (transfer none) */
static JsonObject *
get_object (JsonObject *object, const char *name)
{
  JsonNode *member = json_object_get_member (object, name);

  return member != NULL && JSON_NODE_HOLDS_OBJECT (member) ? json_node_get_object (member) : NULL;
}

/* A member of @object as text, or NULL when it is absent or empty, or the mapping has no @name. */
static const char *
get_text (JsonObject *object, const char *name)
{
  return name != NULL ? kp_http_json_get_text (object, name) : NULL;
}

static void
set_point (KpZgwNewZaak *zaak, JsonObject *payload)
{
  JsonObject *place = get_object (payload, "place");

  if (place == NULL || !json_object_has_member (place, "latitude")
      || !json_object_has_member (place, "longitude"))
    return;
  zaak->has_point = TRUE;
  zaak->latitude = json_object_get_double_member (place, "latitude");
  zaak->longitude = json_object_get_double_member (place, "longitude");
}

static char *
dup_startdatum (KpOutboxItem *item)
{
  g_autoptr (GDateTime) created
      = g_date_time_new_from_unix_local (kp_outbox_item_get_created_at (item) / G_USEC_PER_SEC);

  return g_date_time_format (created, "%Y-%m-%d");
}

/*
 * Whether asking for an object made earlier settles the step: it found
 * @url, or it failed and @error says why. Otherwise the object is made now.
 */
static gboolean
lookup_settles (const char *url, GError **lookup_error, GError **error)
{
  if (*lookup_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (lookup_error));
      return TRUE;
    }
  return url != NULL;
}

/* The zaak made earlier (found by identificatie) or now: its URL. (transfer full) */
static char *
find_or_create_zaak (KpZgwBackend *self,
                     KpOutboxItem *item,
                     const KindMapping *mapping,
                     JsonObject *payload,
                     const char *identificatie,
                     const char *zaaktype_url,
                     gboolean *created,
                     GCancellable *cancellable,
                     GError **error)
{
  JsonObject *personal = get_object (payload, "personal");
  g_autoptr (GError) local_error = NULL;
  g_autofree char *url
      = kp_zgw_client_find_zaak (self->client, identificatie, kp_config_get_zgw_rsin (self->config),
                                 cancellable, &local_error);
  g_autofree char *startdatum = NULL;
  g_autofree char *omschrijving = NULL;
  const char *subject = get_text (payload, mapping->subject);
  KpZgwNewZaak zaak = { 0 };

  if (lookup_settles (url, &local_error, error))
    return g_steal_pointer (&url);

  startdatum = dup_startdatum (item);
  omschrijving
      = g_strconcat (_ (mapping->omschrijving), ": ", subject != NULL ? subject : "-", NULL);
  zaak.identificatie = identificatie;
  zaak.bronorganisatie = kp_config_get_zgw_rsin (self->config);
  zaak.zaaktype = zaaktype_url;
  zaak.startdatum = startdatum;
  zaak.omschrijving = omschrijving;
  zaak.toelichting = get_text (personal, mapping->toelichting);
  zaak.kenmerk = kp_outbox_item_get_reference (item);
  zaak.kenmerk_bron = KENMERK_BRON;
  if (mapping->has_point)
    set_point (&zaak, payload);
  url = kp_zgw_client_create_zaak (self->client, &zaak, cancellable, error);
  *created = url != NULL;
  return g_steal_pointer (&url);
}

static char *
find_or_create_rol (KpZgwBackend *self,
                    const KindMapping *mapping,
                    JsonObject *payload,
                    const char *zaak_url,
                    const char *roltype_url,
                    gboolean zaak_is_new,
                    GCancellable *cancellable,
                    GError **error)
{
  JsonObject *personal = get_object (payload, "personal");
  g_autoptr (GError) local_error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *toelichting = NULL;
  KpZgwContact contact = {
    .name = get_text (personal, mapping->name),
    .email = get_text (personal, mapping->email),
    .phone = get_text (personal, mapping->phone),
  };

  /* A zaak made a moment ago has no rol yet: only a retry needs to ask. */
  if (!zaak_is_new)
    url = kp_zgw_client_find_rol (self->client, zaak_url, roltype_url, cancellable, &local_error);
  if (lookup_settles (url, &local_error, error))
    return g_steal_pointer (&url);
  /* TRANSLATORS: a rol's explanation for the case worker; %s is the kiosk's location */
  toelichting = g_strdup_printf (_ ("Sent in at the information point %s"),
                                 kp_config_get_location_name (self->config));
  return kp_zgw_client_create_rol (self->client, zaak_url, roltype_url, toelichting, &contact,
                                   cancellable, error);
}

static char *
find_or_create_status (KpZgwBackend *self,
                       KpOutboxItem *item,
                       const char *zaak_url,
                       const char *statustype_url,
                       gboolean zaak_is_new,
                       GCancellable *cancellable,
                       GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *url = NULL;
  g_autoptr (GDateTime) created = NULL;

  if (!zaak_is_new)
    url = kp_zgw_client_find_status (self->client, zaak_url, statustype_url, cancellable,
                                     &local_error);
  if (lookup_settles (url, &local_error, error))
    return g_steal_pointer (&url);
  created = g_date_time_new_from_unix_utc (kp_outbox_item_get_created_at (item) / G_USEC_PER_SEC);
  return kp_zgw_client_create_status (self->client, zaak_url, statustype_url, created, cancellable,
                                      error);
}

static JsonObject *
parse_payload (KpOutboxItem *item, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, kp_outbox_item_get_payload (item), -1, NULL)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, KP_BACKEND_ERROR, KP_BACKEND_ERROR_PERMANENT,
                   _ ("ZGW: the submission is not a JSON object"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

/* The rol and, when we set it, the status: the steps after the zaak. */
static gboolean
finish_zaak (KpZgwBackend *self,
             KpOutboxItem *item,
             const KindMapping *mapping,
             JsonObject *payload,
             const KpZgwZaaktype *zaaktype,
             Progress *progress,
             gboolean zaak_is_new,
             GCancellable *cancellable,
             GError **error)
{
  const char *reference = kp_outbox_item_get_reference (item);
  const KpZgwType *initiator = kp_zgw_zaaktype_find_roltype (zaaktype, "initiator");
  const KpZgwType *initial = kp_zgw_zaaktype_get_initial_statustype (zaaktype);

  if (progress->rol_url == NULL)
    {
      if (initiator == NULL)
        return set_config_error (error, _ ("the zaaktype has no roltype “initiator”"));
      progress->rol_url = find_or_create_rol (self, mapping, payload, progress->zaak_url,
                                              initiator->url, zaak_is_new, cancellable, error);
      if (progress->rol_url == NULL
          || !save_step (self, reference, "rol_url", progress->rol_url, NULL, error))
        return FALSE;
    }
  if (progress->status_url == NULL && kp_config_get_zgw_set_initial_status (self->config))
    {
      if (initial == NULL)
        return set_config_error (error, _ ("the zaaktype has no statustypen"));
      progress->status_url = find_or_create_status (self, item, progress->zaak_url, initial->url,
                                                    zaak_is_new, cancellable, error);
      if (progress->status_url == NULL
          || !save_step (self, reference, "status_url", progress->status_url, initial->omschrijving,
                         error))
        return FALSE;
      g_free (progress->status_omschrijving);
      progress->status_omschrijving = g_strdup (initial->omschrijving);
    }
  return TRUE;
}

/* A step of @reference kept in delivery_steps, or NULL; FALSE only when the store fails. */
static gboolean
lookup_step (
    KpZgwBackend *self, const char *reference, const char *step, char **value, GError **error)
{
  g_autoptr (GError) local_error = NULL;

  *value = kp_delivery_steps_lookup (self->store, reference, step, &local_error);
  if (local_error == NULL)
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* ---- Reserved numbers ---- */

/*
 * With [zgw] numbering=reserve, the zaak's identificatie is a number the
 * case system reserved for this submission. It is kept as a step before
 * the zaak is made, so a crash in between never reserves a second one.
 */
static gboolean
use_reserved_number (KpZgwBackend *self,
                     const char *reference,
                     Progress *progress,
                     GCancellable *cancellable,
                     GError **error)
{
  g_autofree char *number = NULL;

  if (!lookup_step (self, reference, STEP_ZAAKNUMMER, &number, error))
    return FALSE;
  if (number == NULL)
    {
      number = kp_zgw_client_reserve_zaaknummer (
          self->client, kp_config_get_zgw_rsin (self->config), cancellable, error);
      if (number == NULL
          || !kp_delivery_steps_save (self->store, reference, STEP_ZAAKNUMMER, number, error))
        return FALSE;
    }
  /* zgw_deliveries names the zaak by it too, for whoever looks the zaak up later. */
  if (g_strcmp0 (progress->identificatie, number) != 0
      && !save_step (self, reference, "identificatie", number, NULL, error))
    return FALSE;
  g_free (progress->identificatie);
  progress->identificatie = g_steal_pointer (&number);
  return TRUE;
}

/* ---- Documents ---- */

/* One document of a zaak: the submission's PDF (number 1) or a photo (2, 3, …). */
typedef struct
{
  guint number;
  const KpZgwType *type;
  char *titel;
  char *bestandsnaam;
  const char *formaat;
  const KpAttachment *photo; /* NULL for the PDF */
} Document;

static void
document_clear (Document *document)
{
  g_clear_pointer (&document->titel, g_free);
  g_clear_pointer (&document->bestandsnaam, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Document, document_clear)

/* The document's bytes, made now: the PDF is drawn in memory and never kept. (transfer full) */
static GBytes *
load_document (KpZgwBackend *self, KpOutboxItem *item, const Document *document, GError **error)
{
  g_autoptr (GError) render_error = NULL;
  GBytes *pdf;

  if (document->photo != NULL)
    return kp_attachment_load (document->photo, error);
  pdf = kp_submission_pdf_render (
      self->config, kp_outbox_item_get_kind (item), kp_outbox_item_get_reference (item),
      kp_outbox_item_get_created_at (item), kp_outbox_item_get_payload (item), &render_error);
  if (pdf == NULL)
    /* TRANSLATORS: %s is cairo's reason, in English */
    g_set_error (error, KP_BACKEND_ERROR, KP_BACKEND_ERROR_TEMPORARY,
                 _ ("ZGW: the submission's PDF could not be made: %s"), render_error->message);
  return pdf;
}

/* The document made earlier (kept, or found by identificatie) or now: its URL. (transfer full) */
static char *
find_or_create_document (KpZgwBackend *self,
                         KpOutboxItem *item,
                         const Document *document,
                         gboolean may_exist,
                         gboolean *created,
                         GCancellable *cancellable,
                         GError **error)
{
  const char *reference = kp_outbox_item_get_reference (item);
  const char *rsin = kp_config_get_zgw_rsin (self->config);
  g_autofree char *identificatie = g_strdup_printf ("%s-%u", reference, document->number);
  g_autoptr (GError) local_error = NULL;
  g_autofree char *url = NULL;
  g_autoptr (GBytes) inhoud = NULL;
  g_autofree char *creatiedatum = NULL;
  KpZgwNewDocument request = { 0 };

  if (may_exist)
    url = kp_zgw_client_find_document (self->client, identificatie, rsin, cancellable,
                                       &local_error);
  if (lookup_settles (url, &local_error, error))
    return g_steal_pointer (&url);
  inhoud = load_document (self, item, document, error);
  if (inhoud == NULL)
    return NULL;
  creatiedatum = dup_startdatum (item);
  request.identificatie = identificatie;
  request.bronorganisatie = rsin;
  request.creatiedatum = creatiedatum;
  request.titel = document->titel;
  request.auteur = kp_config_get_zgw_user_representation (self->config);
  request.formaat = document->formaat;
  request.bestandsnaam = document->bestandsnaam;
  request.vertrouwelijkheidaanduiding = *document->type->vertrouwelijkheidaanduiding != '\0'
                                            ? document->type->vertrouwelijkheidaanduiding
                                            : NULL;
  request.informatieobjecttype = document->type->url;
  request.inhoud = inhoud;
  url = kp_zgw_client_create_document (self->client, &request, cancellable, error);
  *created = url != NULL;
  return g_steal_pointer (&url);
}

/*
 * The document and its link to the zaak, each skipped when an earlier
 * attempt finished it, and asked for first when an earlier attempt may
 * have made it without our knowing (a crash between the server's answer
 * and our bookkeeping).
 */
static gboolean
send_document (KpZgwBackend *self,
               KpOutboxItem *item,
               const Document *document,
               const char *zaak_url,
               gboolean zaak_is_new,
               GCancellable *cancellable,
               GError **error)
{
  const char *reference = kp_outbox_item_get_reference (item);
  g_autofree char *document_step = g_strdup_printf (STEP_DOCUMENT, document->number);
  g_autofree char *link_step = g_strdup_printf (STEP_DOCUMENT_LINK, document->number);
  g_autofree char *document_url = NULL;
  g_autofree char *link_url = NULL;
  g_autoptr (GError) local_error = NULL;
  gboolean document_is_new = FALSE;

  if (!lookup_step (self, reference, link_step, &link_url, error))
    return FALSE;
  if (link_url != NULL)
    return TRUE;
  if (!lookup_step (self, reference, document_step, &document_url, error))
    return FALSE;
  if (document_url == NULL)
    {
      document_url = find_or_create_document (self, item, document, !zaak_is_new, &document_is_new,
                                              cancellable, error);
      if (document_url == NULL
          || !kp_delivery_steps_save (self->store, reference, document_step, document_url, error))
        return FALSE;
    }
  /* A document made a moment ago has no link yet: only a retry needs to ask. */
  if (!document_is_new)
    link_url = kp_zgw_client_find_zaakinformatieobject (self->client, zaak_url, document_url,
                                                        cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (link_url == NULL)
    link_url = kp_zgw_client_create_zaakinformatieobject (self->client, zaak_url, document_url,
                                                          document->titel, cancellable, error);
  return link_url != NULL
         && kp_delivery_steps_save (self->store, reference, link_step, link_url, error);
}

/* The zaaktype's informatieobjecttype with @omschrijving, or a configuration error. */
static const KpZgwType *
find_document_type (const KpZgwZaaktype *zaaktype, const char *omschrijving, GError **error)
{
  const KpZgwType *type = kp_zgw_zaaktype_find_informatieobjecttype (zaaktype, omschrijving);

  if (type == NULL)
    {
      /* TRANSLATORS: %s is an informatieobjecttype's omschrijving, e.g. “Melding” */
      g_autofree char *what = g_strdup_printf (
          _ ("the zaaktype has no informatieobjecttype “%s”; check [zgw] document-type and "
             "photo-type"),
          omschrijving);

      set_config_error (error, what);
    }
  return type;
}

/*
 * The submission as a PDF, and each photo, as documents linked to the
 * zaak: only when a Documenten API is configured.
 */
static gboolean
send_documents (KpZgwBackend *self,
                KpOutboxItem *item,
                GPtrArray *attachments,
                const KpZgwZaaktype *zaaktype,
                const char *zaak_url,
                gboolean zaak_is_new,
                GCancellable *cancellable,
                GError **error)
{
  const char *reference = kp_outbox_item_get_reference (item);
  g_auto (Document) pdf = { 0 };

  if (!kp_zgw_client_has_documenten (self->client))
    {
      if (!self->told_no_documents)
        g_message ("ZGW: no [zgw] documenten-url, so zaken get no documents");
      self->told_no_documents = TRUE;
      return TRUE;
    }
  pdf.number = 1;
  pdf.type = find_document_type (zaaktype, kp_config_get_zgw_document_type (self->config), error);
  if (pdf.type == NULL)
    return FALSE;
  /* The kind as on the PDF, then our reference: "Found object KP-7H3Q-9MXC". */
  pdf.titel = g_strconcat (kp_submission_pdf_get_kind_title (kp_outbox_item_get_kind (item)), " ",
                           reference, NULL);
  pdf.bestandsnaam = g_strconcat (reference, ".pdf", NULL);
  pdf.formaat = PDF_CONTENT_TYPE;
  if (!send_document (self, item, &pdf, zaak_url, zaak_is_new, cancellable, error))
    return FALSE;

  for (guint i = 0; attachments != NULL && i < attachments->len; i++)
    {
      const KpAttachment *attachment = g_ptr_array_index (attachments, i);
      g_auto (Document) photo = { 0 };

      photo.number = i + 2;
      photo.type
          = find_document_type (zaaktype, kp_config_get_zgw_photo_type (self->config), error);
      if (photo.type == NULL)
        return FALSE;
      /* TRANSLATORS: a photo's title for the case worker: "Photo with KP-7H3Q-9MXC" */
      photo.titel = g_strdup_printf (_ ("Photo with %s"), reference);
      photo.bestandsnaam = g_strconcat (reference, "-", kp_attachment_get_name (attachment), NULL);
      photo.formaat = kp_attachment_get_content_type (attachment);
      photo.photo = attachment;
      if (!send_document (self, item, &photo, zaak_url, zaak_is_new, cancellable, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- KpBackend ---- */

static const char *
kp_zgw_backend_get_name (KpBackend *backend)
{
  return "zgw";
}

static gboolean
kp_zgw_backend_deliver (KpBackend *backend,
                        KpOutboxItem *item,
                        GPtrArray *attachments,
                        char **remote_id,
                        char **remote_status,
                        GCancellable *cancellable,
                        GError **error)
{
  KpZgwBackend *self = KP_ZGW_BACKEND (backend);
  const char *reference = kp_outbox_item_get_reference (item);
  const KindMapping *mapping = find_kind_mapping (kp_outbox_item_get_kind (item));
  g_autoptr (JsonObject) payload = NULL;
  g_auto (Progress) progress = { 0 };
  const KpZgwZaaktype *zaaktype;
  /* Asked for and not found, so made now: nothing hangs below it yet. */
  gboolean zaak_is_new = FALSE;

  if (mapping == NULL)
    {
      g_set_error (error, KP_BACKEND_ERROR, KP_BACKEND_ERROR_PERMANENT,
                   _ ("ZGW: no zaak for a submission of kind “%s”"),
                   kp_outbox_item_get_kind (item));
      return FALSE;
    }
  payload = parse_payload (item, error);
  if (payload == NULL || !load_progress (self, reference, &progress, error))
    return FALSE;
  zaaktype = resolve_zaaktype (self, mapping->kind, cancellable, error);
  if (zaaktype == NULL)
    return FALSE;

  if (progress.zaak_url == NULL)
    {
      if (kp_config_get_zgw_reserves_numbers (self->config)
          && !use_reserved_number (self, reference, &progress, cancellable, error))
        return FALSE;
      progress.zaak_url = find_or_create_zaak (self, item, mapping, payload, progress.identificatie,
                                               zaaktype->url, &zaak_is_new, cancellable, error);
      if (progress.zaak_url == NULL
          || !save_step (self, reference, "zaak_url", progress.zaak_url, NULL, error))
        return FALSE;
    }
  if (!finish_zaak (self, item, mapping, payload, zaaktype, &progress, zaak_is_new, cancellable,
                    error)
      || !send_documents (self, item, attachments, zaaktype, progress.zaak_url, zaak_is_new,
                          cancellable, error))
    return FALSE;

  *remote_id = g_strdup (progress.zaak_url);
  *remote_status = g_strdup (progress.status_omschrijving);
  return TRUE;
}

static void
kp_zgw_backend_backend_init (KpBackendInterface *iface)
{
  iface->get_name = kp_zgw_backend_get_name;
  iface->deliver = kp_zgw_backend_deliver;
}

/* ---- GObject ---- */

static void
kp_zgw_backend_finalize (GObject *object)
{
  KpZgwBackend *self = KP_ZGW_BACKEND (object);

  g_free (self->catalogus_url);
  g_clear_object (&self->config);
  g_clear_object (&self->client);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kp_zgw_backend_parent_class)->finalize (object);
}

static void
kp_zgw_backend_class_init (KpZgwBackendClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kp_zgw_backend_finalize;
}

static void
kp_zgw_backend_init (KpZgwBackend *self)
{
}

/* (transfer full) */
KpZgwBackend *
kp_zgw_backend_new (KpStore *store, KpZgwClient *client, KpConfig *config)
{
  KpZgwBackend *self;

  g_return_val_if_fail (KP_IS_STORE (store), NULL);
  g_return_val_if_fail (KP_IS_ZGW_CLIENT (client), NULL);
  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);

  self = g_object_new (KP_TYPE_ZGW_BACKEND, NULL);
  self->store = g_object_ref (store);
  self->client = g_object_ref (client);
  self->config = g_object_ref (config);
  return self;
}

/* (transfer full) */
char *
kp_zgw_backend_dup_identificatie (const char *reference)
{
  g_return_val_if_fail (reference != NULL, NULL);

  /* Our references are unique and short enough (identificatie takes 40 characters). */
  return g_strdup (reference);
}

/* (transfer none) */
KpZgwClient *
kp_zgw_backend_get_client (KpZgwBackend *self)
{
  g_return_val_if_fail (KP_IS_ZGW_BACKEND (self), NULL);

  return self->client;
}
