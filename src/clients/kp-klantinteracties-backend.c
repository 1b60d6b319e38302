/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-klantinteracties-backend.h"

#include "kp-delivery-steps.h"
#include "kp-http-json.h"
#include "kp-http-session.h"
#include "kp-submission.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#define SERVICE "Klantinteracties"
/* What the contact-centre team is asked to do. */
#define GEVRAAGDE_HANDELING "Terugbellen"
/* ISO 639-2/B: the resident spoke Dutch or English at the kiosk; the call is in Dutch. */
#define TAAL "nld"

struct _KpKlantinteractiesBackend
{
  GObject parent_instance;

  KpStore *store;
  KpConfig *config;
  char *url; /* the API root, ending in "/" */
  char *actor_uuid;
  char *authorization;
  SoupSession *session;
};

static void kp_klantinteracties_backend_backend_init (KpBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KpKlantinteractiesBackend,
                               kp_klantinteracties_backend,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KP_TYPE_BACKEND,
                                                      kp_klantinteracties_backend_backend_init))

static gboolean
set_refused (GError **error, const char *detail)
{
  /* TRANSLATORS: "Klantinteracties: <why the request cannot go there>" */
  g_set_error (error, KP_BACKEND_ERROR, KP_BACKEND_ERROR_PERMANENT, _ ("Klantinteracties: %s"),
               detail);
  return FALSE;
}

static JsonObject *
get_object (JsonObject *object, const char *name)
{
  JsonNode *member = object != NULL ? json_object_get_member (object, name) : NULL;

  return member != NULL && JSON_NODE_HOLDS_OBJECT (member) ? json_node_get_object (member) : NULL;
}

/* ---- The payload ---- */

/*
 * The phone number as the API takes it (digitaleadressen: 0612345678,
 * +31612345678 or 0031612345678): spaces, dashes, dots and brackets that
 * residents type are left out. NULL when it still does not fit.
 * (transfer full)
 */
static char *
dup_phone (const char *typed)
{
  g_autoptr (GString) phone = g_string_new (NULL);
  g_autoptr (GRegex) allowed = NULL;

  for (const char *c = typed; c != NULL && *c != '\0'; c++)
    {
      if (strchr (" -.()", *c) == NULL)
        g_string_append_c (phone, *c);
    }
  allowed = g_regex_new ("^(0[1-9][0-9]{8}|\\+[0-9]{9,15}|00[0-9]{7,13})$", 0, 0, NULL);
  return g_regex_match (allowed, phone->str, 0, NULL)
             ? g_string_free (g_steal_pointer (&phone), FALSE)
             : NULL;
}

typedef struct
{
  const char *reference;
  const char *subject; /* the resident's words */
  const char *name;
  char *phone;
  const char *promised_on; /* "2026-03-17" */
} Callback;

static void
callback_clear (Callback *callback)
{
  g_clear_pointer (&callback->phone, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Callback, callback_clear)

static gboolean
read_callback (KpOutboxItem *item, JsonParser *parser, Callback *callback, GError **error)
{
  JsonNode *root;
  JsonObject *payload, *personal;

  if (!g_str_equal (kp_outbox_item_get_kind (item), "callback"))
    return set_refused (error, _ ("only call-back requests go to Klantinteracties"));
  if (!json_parser_load_from_data (parser, kp_outbox_item_get_payload (item), -1, NULL)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return set_refused (error, _ ("the submission is not a JSON object"));
  payload = json_node_get_object (root);
  personal = get_object (payload, KP_SUBMISSION_PERSONAL_MEMBER);
  callback->reference = kp_outbox_item_get_reference (item);
  callback->subject = kp_http_json_get_text (personal, "subject");
  callback->name = kp_http_json_get_text (personal, "name");
  callback->promised_on = kp_http_json_get_text (payload, "call_before_end_of");
  callback->phone = dup_phone (kp_http_json_get_text (personal, "phone"));
  if (callback->subject == NULL || callback->promised_on == NULL)
    return set_refused (error, _ ("the call-back request has no subject or no date"));
  if (callback->phone == NULL)
    return set_refused (error, _ ("the phone number is not one the API takes"));
  return TRUE;
}

/* ---- Requests ---- */

/* Whether @object carries the uuid every object of this API has. */
static gboolean
has_uuid (JsonObject *object)
{
  const char *uuid = kp_http_json_get_text (object, "uuid");

  return uuid != NULL && g_uuid_string_is_valid (uuid);
}

/* POST @resource: the new object, with its uuid. (transfer full) */
static JsonObject *
post (KpKlantinteractiesBackend *self,
      const char *resource,
      JsonBuilder *builder,
      GCancellable *cancellable,
      GError **error)
{
  KpHttpRequest request = { SERVICE, "POST", resource };
  g_autofree char *url = g_strconcat (self->url, resource, NULL);
  g_autoptr (JsonNode) body = json_builder_get_root (builder);
  g_autoptr (SoupMessage) message
      = kp_http_json_new_message (&request, url, body, self->authorization, error);
  g_autoptr (JsonObject) answer = NULL;

  if (message == NULL
      || (answer = kp_http_json_send (self->session, &request, message, cancellable, error))
             == NULL)
    return NULL;
  if (!has_uuid (answer))
    {
      g_set_error (error, KP_BACKEND_ERROR, KP_BACKEND_ERROR_TEMPORARY,
                   _ ("Klantinteracties POST %s: the answer has no uuid"), resource);
      return NULL;
    }
  return g_steal_pointer (&answer);
}

/*
 * GET @resource?@name=@value: the first result, with its uuid, or NULL with
 * no error. (transfer full)
 */
static JsonObject *
find (KpKlantinteractiesBackend *self,
      const char *resource,
      const char *name,
      const char *value,
      GCancellable *cancellable,
      GError **error)
{
  KpHttpRequest request = { SERVICE, "GET", resource };
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);
  g_autofree char *url = g_strconcat (self->url, resource, "?", name, "=", escaped, NULL);
  g_autoptr (SoupMessage) message
      = kp_http_json_new_message (&request, url, NULL, self->authorization, error);
  g_autoptr (JsonObject) answer = NULL;
  JsonNode *results;
  JsonArray *array;
  JsonObject *first;

  if (message == NULL
      || (answer = kp_http_json_send (self->session, &request, message, cancellable, error))
             == NULL)
    return NULL;
  results = json_object_get_member (answer, "results");
  if (results == NULL || !JSON_NODE_HOLDS_ARRAY (results))
    {
      g_set_error (error, KP_BACKEND_ERROR, KP_BACKEND_ERROR_TEMPORARY,
                   _ ("Klantinteracties GET %s: the answer has no results"), resource);
      return NULL;
    }
  array = json_node_get_array (results);
  if (json_array_get_length (array) == 0
      || !JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, 0)))
    return NULL;
  first = json_array_get_object_element (array, 0);
  return has_uuid (first) ? json_object_ref (first) : NULL;
}

/* How one step is found again after a crash: GET @resource?@name=@value. */
typedef struct
{
  const char *step;
  const char *resource;
  const char *name;
  const char *value;
  /* (nullable) a member of the object to keep as well, as the step "STEP-MEMBER" */
  const char *keep;
} Step;

/*
 * @step's member to keep, when @object has it. Kept before the step's
 * uuid: once the uuid is stored, no retry reads the object again.
 */
static gboolean
keep_member (KpKlantinteractiesBackend *self,
             const char *reference,
             const Step *step,
             JsonObject *object,
             GError **error)
{
  const char *value = step->keep != NULL ? kp_http_json_get_text (object, step->keep) : NULL;
  g_autofree char *name = NULL;

  if (value == NULL)
    return TRUE;
  name = g_strconcat (step->step, "-", step->keep, NULL);
  return kp_delivery_steps_save (self->store, reference, name, value, error);
}

/*
 * The uuid of @step's object: stored by an earlier attempt, found on the
 * server (when @look is TRUE: something may have been made before a
 * crash), or made now from @builder (then @created is set). Stored before
 * it is returned. (transfer full)
 */
static char *
run_step (KpKlantinteractiesBackend *self,
          const char *reference,
          const Step *step,
          JsonBuilder *builder,
          gboolean look,
          gboolean *created,
          GCancellable *cancellable,
          GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (JsonObject) object = NULL;
  g_autofree char *uuid
      = kp_delivery_steps_lookup (self->store, reference, step->step, &local_error);

  if (uuid == NULL && local_error == NULL && look)
    object = find (self, step->resource, step->name, step->value, cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (uuid == NULL && object == NULL)
    {
      object = post (self, step->resource, builder, cancellable, error);
      if (object == NULL)
        return NULL;
      *created = TRUE;
    }
  if (object != NULL)
    {
      uuid = g_strdup (kp_http_json_get_text (object, "uuid"));
      if (!keep_member (self, reference, step, object, error))
        return NULL;
    }
  if (!kp_delivery_steps_save (self->store, reference, step->step, uuid, error))
    return NULL;
  return g_steal_pointer (&uuid);
}

static void
add_string (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* {"uuid": @uuid}, as every foreign key in this API is written. */
static void
add_reference (JsonBuilder *builder, const char *name, const char *uuid)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  add_string (builder, "uuid", uuid);
  json_builder_end_object (builder);
}

static JsonBuilder *
build_klantcontact (KpKlantinteractiesBackend *self,
                    KpOutboxItem *item,
                    const Callback *callback,
                    const char *referentienummer)
{
  JsonBuilder *builder = json_builder_new ();
  g_autoptr (GDateTime) created
      = g_date_time_new_from_unix_utc (kp_outbox_item_get_created_at (item) / G_USEC_PER_SEC);
  g_autofree char *when = g_date_time_format (created, "%Y-%m-%dT%H:%M:%SZ");

  json_builder_begin_object (builder);
  add_string (builder, "kanaal", kp_config_get_klantinteracties_kanaal (self->config));
  /* TRANSLATORS: a klantcontact's subject for the contact centre */
  add_string (builder, "onderwerp", _ ("Call-back request from the information point"));
  add_string (builder, "inhoud", callback->subject);
  add_string (builder, "referentienummer", referentienummer);
  add_string (builder, "taal", TAAL);
  json_builder_set_member_name (builder, "vertrouwelijk");
  json_builder_add_boolean_value (builder, FALSE);
  add_string (builder, "plaatsgevondenOp", when);
  json_builder_set_member_name (builder, "metadata");
  json_builder_begin_object (builder);
  add_string (builder, "kernpuntReferentie", callback->reference);
  add_string (builder, "locatie", kp_config_get_location_name (self->config));
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return builder;
}

static JsonBuilder *
build_betrokkene (const char *klantcontact, const Callback *callback)
{
  JsonBuilder *builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_reference (builder, "hadKlantcontact", klantcontact);
  json_builder_set_member_name (builder, "wasPartij");
  json_builder_add_null_value (builder);
  add_string (builder, "rol", "klant");
  json_builder_set_member_name (builder, "initiator");
  json_builder_add_boolean_value (builder, TRUE);
  if (callback->name != NULL)
    {
      /* The name as the resident typed it; the API splits names, the kiosk does not. */
      json_builder_set_member_name (builder, "contactnaam");
      json_builder_begin_object (builder);
      add_string (builder, "achternaam", callback->name);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  return builder;
}

/*
 * The betrokkene by uuid and url. Open Klant reads only the uuid, but the
 * document lists the (readOnly) url as required in every …ForeignKey, and
 * where the reference may be null a validator that follows the document
 * to the letter asks for it (Prism does: test-klantinteracties-contract).
 */
static void
add_betrokkene (KpKlantinteractiesBackend *self, JsonBuilder *builder, const char *betrokkene)
{
  g_autofree char *url = g_strconcat (self->url, "betrokkenen/", betrokkene, NULL);

  json_builder_set_member_name (builder, "verstrektDoorBetrokkene");
  json_builder_begin_object (builder);
  add_string (builder, "uuid", betrokkene);
  add_string (builder, "url", url);
  json_builder_end_object (builder);
}

static JsonBuilder *
build_digitaal_adres (KpKlantinteractiesBackend *self,
                      const char *betrokkene,
                      const Callback *callback)
{
  JsonBuilder *builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_betrokkene (self, builder, betrokkene);
  json_builder_set_member_name (builder, "verstrektDoorPartij");
  json_builder_add_null_value (builder);
  add_string (builder, "adres", callback->phone);
  add_string (builder, "soortDigitaalAdres", "telefoonnummer");
  add_string (builder, "referentie", callback->reference);
  json_builder_end_object (builder);
  return builder;
}

static JsonBuilder *
build_internetaak (KpKlantinteractiesBackend *self,
                   const char *klantcontact,
                   const Callback *callback)
{
  JsonBuilder *builder = json_builder_new ();
  /* TRANSLATORS: for the contact centre; %s is a date like 2026-03-17 */
  g_autofree char *toelichting = g_strdup_printf (
      _ ("We promised to call back at the latest on %s."), callback->promised_on);

  json_builder_begin_object (builder);
  add_reference (builder, "aanleidinggevendKlantcontact", klantcontact);
  add_string (builder, "gevraagdeHandeling", GEVRAAGDE_HANDELING);
  json_builder_set_member_name (builder, "toegewezenAanActoren");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  add_string (builder, "uuid", self->actor_uuid);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  add_string (builder, "toelichting", toelichting);
  add_string (builder, "status", "te_verwerken");
  json_builder_end_object (builder);
  return builder;
}

/* ---- KpBackend ---- */

static const char *
kp_klantinteracties_backend_get_name (KpBackend *backend)
{
  return "klantinteracties";
}

static gboolean
kp_klantinteracties_backend_deliver (KpBackend *backend,
                                     KpOutboxItem *item,
                                     GPtrArray *attachments,
                                     char **remote_id,
                                     char **remote_status,
                                     GCancellable *cancellable,
                                     GError **error)
{
  KpKlantinteractiesBackend *self = KP_KLANTINTERACTIES_BACKEND (backend);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_auto (Callback) callback = { 0 };
  g_autofree char *referentienummer = NULL;
  g_autofree char *klantcontact = NULL;
  g_autofree char *betrokkene = NULL;
  g_autofree char *adres = NULL;
  g_autofree char *internetaak = NULL;
  g_autoptr (JsonBuilder) body = NULL;
  g_autoptr (JsonBuilder) betrokkene_body = NULL;
  g_autoptr (JsonBuilder) adres_body = NULL;
  g_autoptr (JsonBuilder) internetaak_body = NULL;
  /* A klantcontact made a moment ago has nothing below it yet: only a retry needs to ask. */
  gboolean fresh = FALSE;
  gboolean created = FALSE;

  /* Everything the kiosk can check is checked before the first request. */
  if (!read_callback (item, parser, &callback, error))
    return FALSE;
  referentienummer = kp_klantinteracties_backend_dup_referentienummer (callback.reference);
  body = build_klantcontact (self, item, &callback, referentienummer);
  klantcontact
      = run_step (self, callback.reference,
                  &(Step){ "klantcontact", "klantcontacten", "referentienummer", referentienummer,
                           /* Open Klant's own number for it, which people can read out. */
                           "nummer" },
                  body, TRUE, &fresh, cancellable, error);
  if (klantcontact == NULL)
    return FALSE;

  betrokkene_body = build_betrokkene (klantcontact, &callback);
  betrokkene
      = run_step (self, callback.reference,
                  &(Step){ "betrokkene", "betrokkenen", "hadKlantcontact__uuid", klantcontact },
                  betrokkene_body, !fresh, &created, cancellable, error);
  if (betrokkene == NULL)
    return FALSE;
  adres_body = build_digitaal_adres (self, betrokkene, &callback);
  adres
      = run_step (self, callback.reference,
                  &(Step){ "digitaal-adres", "digitaleadressen", "referentie", callback.reference },
                  adres_body, !fresh, &created, cancellable, error);
  if (adres == NULL)
    return FALSE;
  internetaak_body = build_internetaak (self, klantcontact, &callback);
  internetaak = run_step (
      self, callback.reference,
      &(Step){ "internetaak", "internetaken", "aanleidinggevendKlantcontact__uuid", klantcontact },
      internetaak_body, !fresh, &created, cancellable, error);
  if (internetaak == NULL)
    return FALSE;

  *remote_id = g_steal_pointer (&internetaak);
  *remote_status = g_strdup ("te_verwerken");
  return TRUE;
}

static void
kp_klantinteracties_backend_backend_init (KpBackendInterface *iface)
{
  iface->get_name = kp_klantinteracties_backend_get_name;
  iface->deliver = kp_klantinteracties_backend_deliver;
}

/* ---- GObject ---- */

static void
kp_klantinteracties_backend_finalize (GObject *object)
{
  KpKlantinteractiesBackend *self = KP_KLANTINTERACTIES_BACKEND (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->authorization, g_free);
  g_clear_pointer (&self->actor_uuid, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_object (&self->config);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kp_klantinteracties_backend_parent_class)->finalize (object);
}

static void
kp_klantinteracties_backend_class_init (KpKlantinteractiesBackendClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kp_klantinteracties_backend_finalize;
}

static void
kp_klantinteracties_backend_init (KpKlantinteractiesBackend *self)
{
}

/* ---- Public ---- */

/* The uuid in "…/actoren/<uuid>" or "<uuid>", or NULL. (transfer full) */
static char *
dup_actor_uuid (const char *actor)
{
  g_autofree char *trimmed = g_strdup (actor);
  const char *slash;

  while (g_str_has_suffix (trimmed, "/"))
    trimmed[strlen (trimmed) - 1] = '\0';
  slash = strrchr (trimmed, '/');
  return g_uuid_string_is_valid (slash != NULL ? slash + 1 : trimmed)
             ? g_strdup (slash != NULL ? slash + 1 : trimmed)
             : NULL;
}

/* (transfer full) */
KpKlantinteractiesBackend *
kp_klantinteracties_backend_new (KpStore *store,
                                 KpConfig *config,
                                 const char *token,
                                 GError **error)
{
  g_autoptr (KpKlantinteractiesBackend) self = NULL;
  const char *url;
  const char *actor;

  g_return_val_if_fail (KP_IS_STORE (store), NULL);
  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);
  g_return_val_if_fail (token != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  url = kp_config_get_klantinteracties_url (config);
  actor = kp_config_get_klantinteracties_actor (config);
  if (url == NULL || !kp_http_json_is_http_url (url))
    {
      set_refused (error, _ ("[klantinteracties] url must be an http(s) address"));
      return NULL;
    }
  self = g_object_new (KP_TYPE_KLANTINTERACTIES_BACKEND, NULL);
  self->actor_uuid = actor != NULL ? dup_actor_uuid (actor) : NULL;
  if (self->actor_uuid == NULL)
    {
      set_refused (error, _ ("[klantinteracties] actor must be a uuid or a URL ending in one"));
      return NULL;
    }
  self->store = g_object_ref (store);
  self->config = g_object_ref (config);
  self->url = kp_http_json_dup_with_slash (url);
  self->authorization = g_strconcat ("Token ", token, NULL);
  /* Set up here, before any worker thread sends on it, as libsoup requires. */
  self->session = kp_http_session_new (
      config, "klantinteracties", kp_config_get_klantinteracties_timeout_seconds (config), error);
  if (self->session == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

/* (transfer full) */
char *
kp_klantinteracties_backend_fetch_status (KpKlantinteractiesBackend *self,
                                          const char *uuid,
                                          GCancellable *cancellable,
                                          GError **error)
{
  KpHttpRequest request = { SERVICE, "GET", "internetaken" };
  g_autofree char *url = NULL;
  g_autoptr (SoupMessage) message = NULL;
  g_autoptr (JsonObject) answer = NULL;
  const char *status;

  g_return_val_if_fail (KP_IS_KLANTINTERACTIES_BACKEND (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  /* Only a uuid goes into the path, never text that could change the request. */
  if (!g_uuid_string_is_valid (uuid))
    {
      set_refused (error, _ ("not an internetaak uuid"));
      return NULL;
    }
  url = g_strconcat (self->url, "internetaken/", uuid, NULL);
  message = kp_http_json_new_message (&request, url, NULL, self->authorization, error);
  if (message == NULL
      || (answer = kp_http_json_send (self->session, &request, message, cancellable, error))
             == NULL)
    return NULL;
  status = kp_http_json_get_text (answer, "status");
  if (status == NULL)
    {
      g_set_error (error, KP_BACKEND_ERROR, KP_BACKEND_ERROR_TEMPORARY,
                   _ ("Klantinteracties GET internetaken: the answer has no status"));
      return NULL;
    }
  return g_strdup (status);
}

/* (transfer full) */
char *
kp_klantinteracties_backend_dup_referentienummer (const char *reference)
{
  GString *number;

  g_return_val_if_fail (reference != NULL, NULL);

  /* "KP-7H3Q-9MXC" → "KP7H3Q9MXC": unique as our references are, and ten characters. */
  number = g_string_new (NULL);
  for (const char *c = reference; *c != '\0'; c++)
    {
      if (*c != '-')
        g_string_append_c (number, *c);
    }
  return g_string_free (number, FALSE);
}
