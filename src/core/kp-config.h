/* SPDX-License-Identifier: EUPL-1.2 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KP_CONFIG_DEFAULT_PATH "/etc/kernpunt/kernpunt.conf"

#define KP_CONFIG_ERROR (kp_config_error_quark ())

/*
 * Every error message names the group and key and says what form is
 * expected, e.g. "[session] idle-seconds: expected a whole number of
 * seconds from 5 to 3600, got “abc”".
 */
typedef enum
{
  KP_CONFIG_ERROR_READ,          /* the file cannot be read or is not a key file */
  KP_CONFIG_ERROR_UNKNOWN_KEY,   /* a group or key we do not know: most likely a typo */
  KP_CONFIG_ERROR_MISSING_KEY,   /* a key without which the kiosk cannot work */
  KP_CONFIG_ERROR_INVALID_VALUE, /* a value of the wrong form or out of range */
} KpConfigError;

/* Opening hours of one day, in minutes after midnight. */
typedef struct
{
  guint16 opens;
  guint16 closes;
} KpTimeRange;

#define KP_TYPE_CONFIG (kp_config_get_type ())
G_DECLARE_FINAL_TYPE (KpConfig, kp_config, KP, CONFIG, GObject)

GQuark kp_config_error_quark (void);

/* The embedded demo defaults: a fictional municipality, no network needed. */
KpConfig *kp_config_new_default (void);
/*
 * A file, or its contents, overrides the defaults key by key; it must set
 * [storage] data-dir. Unknown groups and keys are refused as typos.
 * kiosk-image/kernpunt.conf.example documents every key. (transfer full)
 */
KpConfig *kp_config_new_from_file (const char *path, GError **error);
KpConfig *kp_config_new_from_data (const char *data, GError **error);
/*
 * @path, or when NULL the default path if that file exists, else the
 * embedded demo defaults. (transfer full)
 */
KpConfig *kp_config_load (const char *path, GError **error);

/* Where the configuration came from: a file path, or NULL for the defaults. */
const char *kp_config_get_source (KpConfig *self);
gboolean kp_config_get_demo (KpConfig *self);

const char *kp_config_get_municipality_name (KpConfig *self);
const char *kp_config_get_location_name (KpConfig *self);
/* The town the information point is in, and its coordinates, for "here". */
const char *kp_config_get_location_town (KpConfig *self);
double kp_config_get_location_latitude (KpConfig *self);
double kp_config_get_location_longitude (KpConfig *self);

/* [reports] categories: "main/sub" slugs in the order offered; NULL offers all. */
const char *const *kp_config_get_report_categories (KpConfig *self);
/* [found-objects] low-value-euros: a handed-in object below this day value is kept 3 months. */
guint kp_config_get_found_low_value_euros (KpConfig *self);
const char *kp_config_get_phone (KpConfig *self);

/* (array length=n_ranges): empty when closed that day */
const KpTimeRange *kp_config_get_opening_hours (KpConfig *self, GDateWeekday day, guint *n_ranges);
/* "Monday: 9:00 – 17:00" lines in the current gettext language. (transfer full) */
char *kp_config_format_opening_hours (KpConfig *self);

/* [volunteers]: when a volunteer is present, per weekday, in the form of the opening hours. */
const KpTimeRange *
kp_config_get_volunteer_hours (KpConfig *self, GDateWeekday day, guint *n_ranges);
/* TRUE when @when (local time) falls within the volunteer hours. */
gboolean kp_config_is_volunteer_time (KpConfig *self, GDateTime *when);
/* [feedback] min-interval-seconds: between two counted "Did this help?" answers. */
guint kp_config_get_feedback_min_interval_seconds (KpConfig *self);
/* [stats] keep-days: counts older than this many days are dropped. */
guint kp_config_get_stats_keep_days (KpConfig *self);

guint kp_config_get_idle_seconds (KpConfig *self);
guint kp_config_get_countdown_seconds (KpConfig *self);

const char *kp_config_get_default_language (KpConfig *self);
const char *const *kp_config_get_languages (KpConfig *self);

const char *kp_config_get_data_dir (KpConfig *self);
/* data_dir/kernpunt.db (transfer full) */
char *kp_config_dup_database_path (KpConfig *self);

/* The physical screen, so touch targets can be sized in millimetres. */
double kp_config_get_screen_width_mm (KpConfig *self);
double kp_config_get_min_target_mm (KpConfig *self);
/* [screen] viewing-distance-mm: from the resident's eyes to the screen, for large text. */
double kp_config_get_viewing_distance_mm (KpConfig *self);
/*
 * [screen] lower-edge-mm and upper-edge-mm: how high above the floor the
 * visible area starts and ends, so controls can be kept within reach.
 */
double kp_config_get_screen_lower_edge_mm (KpConfig *self);
double kp_config_get_screen_upper_edge_mm (KpConfig *self);

/* (nullable): a folder to write speech to as WAV files instead of the speaker */
const char *kp_config_get_speech_output_folder (KpConfig *self);
/* [speech] volume: the loudness each session starts with, 0–200 (see KpSpeaker's "volume"). */
guint kp_config_get_speech_volume (KpConfig *self);
/* [speech] log-file (nullable): tests only, and only with an output folder; see KpSpeaker. */
const char *kp_config_get_speech_log_file (KpConfig *self);
/*
 * [speech-mode] key-@command: the name of the keypad key ("Up", "KP_8")
 * for @command, one of "up", "down", "action", "help", "back", "louder"
 * and "softer".
 */
const char *kp_config_get_speech_mode_key (KpConfig *self, const char *command);
/* [speech-mode] idle-factor: how many times longer a session may be idle in speech mode. */
guint kp_config_get_speech_mode_idle_factor (KpConfig *self);
/* [speech-mode] headset: "auto", "yes" (always a headset) or "no" (always the loudspeaker). */
const char *kp_config_get_speech_mode_headset (KpConfig *self);

/* [appointments] backend: "embedded" (the local agenda) or "qmatic". */
const char *kp_config_get_appointment_backend (KpConfig *self);
/* (nullable): the embedded agenda's file; NULL for the built-in demo agenda */
const char *kp_config_get_agenda_file (KpConfig *self);
/* [qmatic]: (nullable) unless the backend is "qmatic" */
const char *kp_config_get_qmatic_url (KpConfig *self);
const char *kp_config_get_qmatic_api_key_file (KpConfig *self);
guint kp_config_get_qmatic_timeout_seconds (KpConfig *self);

/*
 * [printer]: at most one of a CUPS queue name and an ipp:// URI; with
 * neither, slips are written as PDF files into the slip folder (demo).
 * (nullable)
 */
const char *kp_config_get_printer_queue (KpConfig *self);
const char *kp_config_get_printer_uri (KpConfig *self);
/* The paper in the printer: "receipt" (80 mm) or "a4"; see kp_slip_layout_from_string(). */
const char *kp_config_get_printer_layout (KpConfig *self);
guint kp_config_get_printer_job_timeout (KpConfig *self);
/* [printer] pdf-folder, or data_dir/slips. (transfer full) */
char *kp_config_dup_slip_folder (KpConfig *self);
/* [slip] qr-url-template: always contains "{reference}". */
const char *kp_config_get_slip_qr_url_template (KpConfig *self);

/* An RSIN (or BSN): nine digits passing the eleven test ("elfproef"), not all zero. */
gboolean kp_config_is_valid_rsin (const char *rsin);
/*
 * [zgw]: the ZGW case system. (nullable) unless a [delivery] route is
 * "zgw"; then every key is set and so is the zaaktype of that kind.
 */
const char *kp_config_get_zgw_zaken_url (KpConfig *self);
const char *kp_config_get_zgw_catalogi_url (KpConfig *self);
const char *kp_config_get_zgw_client_id (KpConfig *self);
const char *kp_config_get_zgw_secret_file (KpConfig *self);
const char *kp_config_get_zgw_rsin (KpConfig *self);
/* A catalogus URL, or its domein (e.g. "ABR") to look up with the RSIN. */
const char *kp_config_get_zgw_catalogus (KpConfig *self);
const char *kp_config_get_zgw_user_representation (KpConfig *self);
guint kp_config_get_zgw_timeout_seconds (KpConfig *self);
/* FALSE where the case system sets the first status itself. */
gboolean kp_config_get_zgw_set_initial_status (KpConfig *self);
/* [zgw] zaaktype-KIND: the zaaktype identificatie for "report", "found", … (nullable) */
const char *kp_config_get_zgw_zaaktype (KpConfig *self, const char *kind);
/*
 * [delivery] KIND: "embedded" or "zgw"; also "signalen" for report, "klantinteracties" for
 * callback. For "appointment", "embedded" keeps a booking only in the kiosk's own store.
 */
const char *kp_config_get_delivery_route (KpConfig *self, const char *kind);
/*
 * [zgw] documenten-url: the Documenten API, optional; without it no documents are sent.
 * When set, document-type names the informatieobjecttype (by omschrijving) of the
 * submission's PDF; photo-type that of a photo, falling back to document-type. (nullable)
 */
const char *kp_config_get_zgw_documenten_url (KpConfig *self);
const char *kp_config_get_zgw_document_type (KpConfig *self);
const char *kp_config_get_zgw_photo_type (KpConfig *self);
/* [zgw] numbering: TRUE for "reserve" (Open Zaak's /zaaknummer_reserveren), FALSE for "reference". */
gboolean kp_config_get_zgw_reserves_numbers (KpConfig *self);

/* A rectangle in WGS 84 degrees. */
typedef struct
{
  double min_longitude;
  double min_latitude;
  double max_longitude;
  double max_latitude;
} KpBoundingBox;

/*
 * [signalen]: the MOR system. (nullable) unless [delivery] report is
 * "signalen"; then url, category-base-url and bounding-box are set.
 * token-file is optional: the public endpoint needs no token.
 */
const char *kp_config_get_signalen_url (KpConfig *self);
const char *kp_config_get_signalen_token_file (KpConfig *self);
/* ".../signals/v1/public/terms/categories/": main and sub slugs follow. */
const char *kp_config_get_signalen_category_base_url (KpConfig *self);
/* FALSE when no bounding-box is set. */
gboolean kp_config_get_signalen_bounding_box (KpConfig *self, KpBoundingBox *box);
guint kp_config_get_signalen_timeout_seconds (KpConfig *self);
/*
 * [klantinteracties]: the customer-contact system (Open Klant). (nullable)
 * unless [delivery] callback is "klantinteracties"; then url, token-file
 * and actor (a uuid or its URL) are set.
 */
const char *kp_config_get_klantinteracties_url (KpConfig *self);
const char *kp_config_get_klantinteracties_token_file (KpConfig *self);
const char *kp_config_get_klantinteracties_actor (KpConfig *self);
const char *kp_config_get_klantinteracties_kanaal (KpConfig *self);
guint kp_config_get_klantinteracties_timeout_seconds (KpConfig *self);

/*
 * The e-forms of the [form:ID] groups, in file order; see
 * KpEFormCatalogue, which adds those refreshed from Open Formulieren.
 * (element-type KpEForm) (transfer none)
 */
GPtrArray *kp_config_get_e_forms (KpConfig *self);
/*
 * [open-formulieren]: (nullable) url, Open Formulieren's root (the API is
 * url/api/v2/, a form url/SLUG/), and token-file, the API token that only
 * kernpunt-syncd reads; kernpunt-syncd refreshes the forms every
 * refresh-minutes.
 */
const char *kp_config_get_open_formulieren_url (KpConfig *self);
const char *kp_config_get_open_formulieren_token_file (KpConfig *self);
guint kp_config_get_open_formulieren_refresh_minutes (KpConfig *self);
guint kp_config_get_open_formulieren_timeout_seconds (KpConfig *self);

/*
 * [GROUP] ca-file, else [network] ca-file: the certificate authorities
 * (a PEM file) to trust, instead of the system's, for the remote system of
 * @group ("zgw", "signalen", "klantinteracties", "qmatic"). (nullable)
 */
const char *kp_config_get_ca_file (KpConfig *self, const char *group);
/* [network] proxy: "http://host:port" for every remote system, or NULL for none. */
const char *kp_config_get_network_proxy (KpConfig *self);

/*
 * [case-status] WORD: the B1 text for a case system's status word (a ZGW
 * statustype omschrijving, a Signalen state, an internetaak status) in
 * the session's language, or NULL when the file gives none. (transfer full)
 */
char *kp_config_dup_case_status_text (KpConfig *self, const char *status);
/* [status-refresh] days: kernpunt-syncd refreshes statuses of cases delivered this recently. */
guint kp_config_get_status_refresh_days (KpConfig *self);

/*
 * [web-forms]: the web view for municipal e-forms. allowed-hosts: exact
 * host names it may open, https only (none by default). With
 * allow-loopback-http (a test switch) plain http is allowed to loopback
 * hosts on that list. idle-seconds: the idle time while a form is open,
 * at most 900. memory-limit-mb: the cap on the web process's memory.
 */
const char *const *kp_config_get_web_forms_allowed_hosts (KpConfig *self);
gboolean kp_config_get_web_forms_allow_loopback_http (KpConfig *self);
guint kp_config_get_web_forms_idle_seconds (KpConfig *self);
guint kp_config_get_web_forms_memory_limit_mb (KpConfig *self);

G_END_DECLS
