/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-printer.h"

#include "kp-print-result-private.h"

#include <cups/cups.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

/* How long to wait for the printer to take a connection. */
#define CONNECT_TIMEOUT_MS 5000
/* How long one request may go without an answer before the printer counts as gone. */
#define REQUEST_TIMEOUT_USEC (10 * G_USEC_PER_SEC)
/*
 * Requests after the fact (cancelling a job, the state after printing) are
 * tried briefly: a printer that hangs may never answer.
 */
#define BRIEF_REQUEST_USEC (2 * G_USEC_PER_SEC)
/* How often a job is asked after; short, because a resident is waiting. */
#define POLL_INTERVAL_USEC (100 * 1000)

typedef enum
{
  DESTINATION_QUEUE,
  DESTINATION_URI,
  DESTINATION_FOLDER,
} DestinationKind;

struct _KpPrinter
{
  GObject parent_instance;

  DestinationKind kind;
  char *destination;
  KpSlipLayout layout;
  guint job_timeout;
};

G_DEFINE_FINAL_TYPE (KpPrinter, kp_printer, G_TYPE_OBJECT)

/* Written out: clang-format would put spaces into the name given to G_DEFINE_QUARK. */
GQuark
kp_printer_error_quark (void)
{
  return g_quark_from_static_string ("kp-printer-error-quark");
}

/*
 * One conversation with a printer: its destination, the connection, and
 * what lets a blocking libcups call give up (a cancelled print, or a
 * printer that stopped answering).
 */
typedef struct
{
  cups_dest_t *dest;
  unsigned dest_flags;
  http_t *http;
  char resource[1024];
  char *printer_uri;
  GCancellable *cancellable;
  gulong cancelled_id;
  /* libcups polls this while connecting; set when @cancellable fires. */
  int cancel_connect;
  /* When the whole print must be done, and the current request answered (monotonic time). */
  gint64 deadline;
  gint64 request_deadline;
  /* Set while cancelling a job, which must go through even when the print was cancelled. */
  gboolean cleaning_up;
} PrinterLink;

static void
printer_link_close (PrinterLink *link)
{
  g_clear_pointer (&link->http, httpClose);
  if (link->dest != NULL)
    cupsFreeDests (1, g_steal_pointer (&link->dest));
  g_clear_pointer (&link->printer_uri, g_free);
  if (link->cancelled_id != 0)
    g_cancellable_disconnect (link->cancellable, link->cancelled_id);
  link->cancelled_id = 0;
  g_clear_object (&link->cancellable);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PrinterLink, printer_link_close)

static void
on_link_cancelled (GCancellable *cancellable, gpointer user_data)
{
  PrinterLink *link = user_data;

  g_atomic_int_set (&link->cancel_connect, 1);
}

/* libcups asks this while it waits for an answer: 1 to go on waiting. */
static int
keep_waiting (http_t *http, void *user_data)
{
  PrinterLink *link = user_data;

  return (link->cleaning_up || !g_cancellable_is_cancelled (link->cancellable))
         && g_get_monotonic_time () < link->request_deadline;
}

/* A printer that hangs must not hold up a print beyond its deadline. */
static void
begin_request (PrinterLink *link)
{
  link->request_deadline = MIN (g_get_monotonic_time () + REQUEST_TIMEOUT_USEC, link->deadline);
}

/* The printer states that stop a print, and the error each gives. */
static const struct
{
  KpPrinterState state;
  KpPrinterError code;
} state_errors[] = {
  { KP_PRINTER_STATE_MISSING, KP_PRINTER_ERROR_MISSING },
  { KP_PRINTER_STATE_OFFLINE, KP_PRINTER_ERROR_OFFLINE },
  { KP_PRINTER_STATE_NO_PAPER, KP_PRINTER_ERROR_NO_PAPER },
  { KP_PRINTER_STATE_DOOR_OPEN, KP_PRINTER_ERROR_DOOR_OPEN },
};

static gboolean
set_state_error (KpPrinterState state, const char *destination, const char *detail, GError **error)
{
  for (gsize i = 0; i < G_N_ELEMENTS (state_errors); i++)
    {
      if (state_errors[i].state == state)
        {
          /* TRANSLATORS: the first %s is a printer queue or address, the second a state such
           * as “no-paper”, the third more detail */
          g_set_error (error, KP_PRINTER_ERROR, state_errors[i].code, _ ("Printer %s is %s: %s"),
                       destination, kp_printer_state_to_string (state), detail);
          return FALSE;
        }
    }
  g_return_val_if_reached (FALSE);
}

/* (Re)connects to the link's destination; FALSE when the printer cannot be reached. */
static gboolean
printer_link_connect (PrinterLink *link)
{
  int connect_ms
      = (int) CLAMP ((link->deadline - g_get_monotonic_time ()) / 1000, 1, CONNECT_TIMEOUT_MS);

  g_clear_pointer (&link->http, httpClose);
  link->http = cupsConnectDest (link->dest, link->dest_flags, connect_ms, &link->cancel_connect,
                                link->resource, sizeof link->resource, NULL, NULL);
  if (link->http == NULL)
    return FALSE;
  httpSetTimeout (link->http, 0.25, keep_waiting, link);
  return TRUE;
}

/*
 * Connects to the printer of @self, for a conversation that must be over
 * by @deadline (monotonic time); a printer that is not there is MISSING.
 */
static gboolean
printer_link_open (
    KpPrinter *self, PrinterLink *link, gint64 deadline, GCancellable *cancellable, GError **error)
{
  const char *uri;

  link->deadline = deadline;
  if (cancellable != NULL)
    {
      link->cancellable = g_object_ref (cancellable);
      link->cancelled_id
          = g_cancellable_connect (cancellable, G_CALLBACK (on_link_cancelled), link, NULL);
    }

  if (self->kind == DESTINATION_QUEUE)
    link->dest = cupsGetNamedDest (CUPS_HTTP_DEFAULT, self->destination, NULL);
  else
    {
      /* Straight to the printer's own IPP service, no cupsd in between. */
      link->dest = cupsGetDestWithURI (NULL, self->destination);
      link->dest_flags = CUPS_DEST_FLAGS_DEVICE;
    }
  if (link->dest != NULL)
    printer_link_connect (link);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (link->http == NULL)
    return set_state_error (KP_PRINTER_STATE_MISSING, self->destination, cupsLastErrorString (),
                            error);

  uri = cupsGetOption ("printer-uri-supported", link->dest->num_options, link->dest->options);
  link->printer_uri = g_strdup (uri != NULL ? uri : self->destination);
  return TRUE;
}

/* A request about the printer or one of its jobs, as libcups wants it. (transfer full) */
static ipp_t *
new_request (PrinterLink *link, ipp_op_t operation)
{
  ipp_t *request = ippNewRequest (operation);

  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, link->printer_uri);
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL,
                cupsUser ());
  return request;
}

/* Sends @request (consumed); NULL when it failed, cupsLastErrorString() says why. */
static ipp_t *
send_request (PrinterLink *link, ipp_t *request)
{
  ipp_t *response;

  begin_request (link);
  response = cupsDoRequest (link->http, request, link->resource);
  if (response != NULL && ippGetStatusCode (response) > IPP_STATUS_OK_EVENTS_COMPLETE)
    g_clear_pointer (&response, ippDelete);
  return response;
}

/* The printer's state; one that does not answer is MISSING. */
static KpPrinterState
printer_link_query_state (PrinterLink *link)
{
  static const char *const wanted[]
      = { "printer-state", "printer-state-reasons", "printer-is-accepting-jobs" };
  ipp_t *request = new_request (link, IPP_OP_GET_PRINTER_ATTRIBUTES);
  ipp_t *response;
  ipp_attribute_t *reasons;
  ipp_attribute_t *accepting;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) reason_list = NULL;
  KpPrinterState state;

  ippAddStrings (request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                 G_N_ELEMENTS (wanted), NULL, wanted);
  response = send_request (link, request);
  if (response == NULL)
    return KP_PRINTER_STATE_MISSING;

  reasons = ippFindAttribute (response, "printer-state-reasons", IPP_TAG_KEYWORD);
  for (int i = 0; reasons != NULL && i < ippGetCount (reasons); i++)
    g_strv_builder_add (builder, ippGetString (reasons, i, NULL));
  reason_list = g_strv_builder_end (builder);
  state = kp_printer_state_from_ipp (
      ippGetInteger (ippFindAttribute (response, "printer-state", IPP_TAG_ENUM), 0),
      (const char *const *) reason_list);
  /* A printer that refuses jobs will not print a slip, whatever its state says. */
  accepting = ippFindAttribute (response, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN);
  if (state == KP_PRINTER_STATE_READY && accepting != NULL && !ippGetBoolean (accepting, 0))
    state = KP_PRINTER_STATE_OFFLINE;
  ippDelete (response);
  return state;
}

/*
 * The job's state, or 0 when the printer did not answer. A job the
 * printer no longer knows has left its history: it was done.
 */
static ipp_jstate_t
printer_link_query_job (PrinterLink *link, int job_id)
{
  static const char *const wanted[] = { "job-state" };
  ipp_t *request = new_request (link, IPP_OP_GET_JOB_ATTRIBUTES);
  ipp_t *response;
  ipp_jstate_t state;

  ippAddInteger (request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  ippAddStrings (request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                 G_N_ELEMENTS (wanted), NULL, wanted);
  response = send_request (link, request);
  if (response == NULL)
    return cupsLastError () == IPP_STATUS_ERROR_NOT_FOUND ? IPP_JSTATE_COMPLETED : 0;
  state = ippGetInteger (ippFindAttribute (response, "job-state", IPP_TAG_ENUM), 0);
  ippDelete (response);
  return state;
}

/*
 * Cancels a job that will not finish in time, so a slip with a resident's
 * details does not come out of the printer after they have gone. Best
 * effort: the printer may be gone already.
 */
static void
printer_link_cancel_job (PrinterLink *link, int job_id)
{
  link->cleaning_up = TRUE;
  link->request_deadline = g_get_monotonic_time () + BRIEF_REQUEST_USEC;
  cupsCancelDestJob (link->http, link->dest, job_id);
  link->cleaning_up = FALSE;
}

/*
 * A printer still busy with the slip before this one (an IPP printer takes
 * one job at a time) is waited for, until the deadline.
 */
static ipp_status_t
create_job (PrinterLink *link, cups_dinfo_t *info, const char *name, int *job_id)
{
  ipp_status_t status;

  while ((status = cupsCreateDestJob (link->http, link->dest, info, job_id, name, 0, NULL))
             == IPP_STATUS_ERROR_BUSY
         && g_get_monotonic_time () < link->deadline
         && !g_cancellable_is_cancelled (link->cancellable))
    {
      g_usleep (POLL_INTERVAL_USEC);
      /* ippeveprinter, at least, leaves the connection unusable after saying it is busy. */
      if (!printer_link_connect (link))
        return cupsLastError ();
      begin_request (link);
    }
  return status;
}

/* Sends the PDF as one job and returns its id, or 0: cupsLastErrorString() says why. */
static int
printer_link_submit (PrinterLink *link, GBytes *pdf, const char *name)
{
  cups_dinfo_t *info;
  int job_id = 0;
  gsize size;
  const char *data = g_bytes_get_data (pdf, &size);
  gboolean sent;

  begin_request (link);
  info = cupsCopyDestInfo (link->http, link->dest);
  if (info == NULL)
    return 0;
  sent = create_job (link, info, name, &job_id) <= IPP_STATUS_OK_EVENTS_COMPLETE
         && cupsStartDestDocument (link->http, link->dest, info, job_id, name, CUPS_FORMAT_PDF, 0,
                                   NULL, 1)
                == HTTP_STATUS_CONTINUE
         && cupsWriteRequestData (link->http, data, size) == HTTP_STATUS_CONTINUE
         && cupsFinishDestDocument (link->http, link->dest, info) <= IPP_STATUS_OK_EVENTS_COMPLETE;
  cupsFreeDestInfo (info);
  if (!sent && job_id > 0)
    printer_link_cancel_job (link, job_id);
  return sent ? job_id : 0;
}

static gboolean
set_job_failed_error (const char *destination, int job_id, const char *detail, GError **error)
{
  /* TRANSLATORS: the first %s is a printer queue or address, %d a job number, the last %s
   * the reason */
  g_set_error (error, KP_PRINTER_ERROR, KP_PRINTER_ERROR_JOB_FAILED,
               _ ("Printer %s did not print job %d: %s"), destination, job_id, detail);
  return FALSE;
}

static gboolean
set_timeout_error (const char *destination, GError **error)
{
  /* TRANSLATORS: %s is a printer queue or address */
  g_set_error (error, KP_PRINTER_ERROR, KP_PRINTER_ERROR_TIMEOUT,
               _ ("Printer %s did not print the slip in time; the job was cancelled"), destination);
  return FALSE;
}

/* Whether the printer is holding the job back rather than working on it. */
static gboolean
job_is_waiting (ipp_jstate_t state)
{
  return state == IPP_JSTATE_PENDING || state == IPP_JSTATE_HELD || state == IPP_JSTATE_STOPPED;
}

/*
 * Asks after the job until it is completed. A job the printer holds back
 * because it has a problem, or that outlives the link's deadline, is
 * cancelled.
 */
static gboolean
printer_link_follow_job (PrinterLink *link, const char *destination, int job_id, GError **error)
{
  while (TRUE)
    {
      ipp_jstate_t state = printer_link_query_job (link, job_id);
      gboolean late = g_get_monotonic_time () >= link->deadline;
      KpPrinterState printer_state;

      if (state == IPP_JSTATE_COMPLETED)
        return TRUE;
      if (state == IPP_JSTATE_CANCELED || state == IPP_JSTATE_ABORTED)
        return set_job_failed_error (destination, job_id, ippEnumString ("job-state", (int) state),
                                     error);
      if (g_cancellable_set_error_if_cancelled (link->cancellable, error))
        {
          printer_link_cancel_job (link, job_id);
          return FALSE;
        }
      /* No answer before the deadline: the printer has gone away. */
      if (state == 0 && !late)
        return set_state_error (KP_PRINTER_STATE_MISSING, destination, cupsLastErrorString (),
                                error);
      printer_state
          = job_is_waiting (state) ? printer_link_query_state (link) : KP_PRINTER_STATE_READY;
      if (!kp_printer_state_can_print (printer_state) && !late)
        {
          printer_link_cancel_job (link, job_id);
          return set_state_error (printer_state, destination, _ ("the job was cancelled"), error);
        }
      if (late)
        {
          printer_link_cancel_job (link, job_id);
          return set_timeout_error (destination, error);
        }
      g_usleep (POLL_INTERVAL_USEC);
    }
}

/*
 * A file name from the document name: letters, digits and "-" stay, so a
 * reference like KP-7H3Q-9MXC gives KP-7H3Q-9MXC.pdf. (transfer full)
 */
static char *
dup_file_name (const char *document_name)
{
  g_autoptr (GString) name = g_string_new (NULL);

  for (const char *c = document_name; *c != '\0'; c++)
    g_string_append_c (name, g_ascii_isalnum (*c) || *c == '-' ? *c : '_');
  if (name->len == 0)
    g_string_append (name, "slip");
  g_string_append (name, ".pdf");
  return g_string_free (g_steal_pointer (&name), FALSE);
}

/* Demo mode: the slip as a PDF file in the folder, readable only by the kiosk's user. */
static KpPrintResult *
save_to_folder (KpPrinter *self, GBytes *pdf, const char *document_name, GError **error)
{
  g_autofree char *file_name = dup_file_name (document_name);
  g_autofree char *path = g_build_filename (self->destination, file_name, NULL);
  g_autoptr (GError) local_error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (pdf, &size);

  if (g_mkdir_with_parents (self->destination, 0700) != 0)
    g_set_error_literal (&local_error, G_FILE_ERROR, g_file_error_from_errno (errno),
                         g_strerror (errno));
  else
    g_file_set_contents_full (path, data, (gssize) size, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                              &local_error);
  if (local_error != NULL)
    {
      /* TRANSLATORS: the first %s is a folder, the second the reason */
      g_set_error (error, KP_PRINTER_ERROR, KP_PRINTER_ERROR_SAVE,
                   _ ("The slip could not be saved in %s: %s"), self->destination,
                   local_error->message);
      return NULL;
    }
  return kp_print_result_new (KP_PRINT_OUTCOME_SAVED, 0, path, KP_PRINTER_STATE_NONE, 0);
}

static KpPrinter *
kp_printer_new (DestinationKind kind, const char *destination)
{
  KpPrinter *self = g_object_new (KP_TYPE_PRINTER, NULL);

  self->kind = kind;
  self->destination = g_strdup (destination);
  return self;
}

/* What a print in a thread needs, owned by its GTask. */
typedef struct
{
  GBytes *pdf;
  char *document_name;
} PrintRequest;

static void
print_request_free (gpointer data)
{
  PrintRequest *request = data;

  g_clear_pointer (&request->document_name, g_free);
  g_clear_pointer (&request->pdf, g_bytes_unref);
  g_free (request);
}

static void
print_in_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  PrintRequest *request = task_data;
  GError *error = NULL;
  KpPrintResult *result
      = kp_printer_print (source_object, request->pdf, request->document_name, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, g_object_unref);
}

static void
query_state_in_thread (GTask *task,
                       gpointer source_object,
                       gpointer task_data,
                       GCancellable *cancellable)
{
  g_task_return_int (task, kp_printer_query_state (source_object, cancellable));
}

static void
kp_printer_finalize (GObject *object)
{
  KpPrinter *self = KP_PRINTER (object);

  g_clear_pointer (&self->destination, g_free);

  G_OBJECT_CLASS (kp_printer_parent_class)->finalize (object);
}

static void
kp_printer_class_init (KpPrinterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kp_printer_finalize;
}

static void
kp_printer_init (KpPrinter *self)
{
  self->layout = KP_SLIP_LAYOUT_RECEIPT;
  self->job_timeout = KP_PRINTER_DEFAULT_JOB_TIMEOUT_SECONDS;
}

KpPrinterState
kp_printer_error_get_state (const GError *error)
{
  g_return_val_if_fail (error != NULL, KP_PRINTER_STATE_READY);

  for (gsize i = 0; i < G_N_ELEMENTS (state_errors); i++)
    {
      if (g_error_matches (error, KP_PRINTER_ERROR, (int) state_errors[i].code))
        return state_errors[i].state;
    }
  return KP_PRINTER_STATE_READY;
}

const char *
kp_printer_error_describe (const GError *error)
{
  KpPrinterState state;

  g_return_val_if_fail (error != NULL, NULL);

  state = kp_printer_error_get_state (error);
  if (state != KP_PRINTER_STATE_READY)
    return kp_printer_state_describe (state);
  if (g_error_matches (error, KP_PRINTER_ERROR, KP_PRINTER_ERROR_TIMEOUT))
    return _ ("The printer took too long. Your slip was not printed.");
  if (g_error_matches (error, KP_PRINTER_ERROR, KP_PRINTER_ERROR_SAVE))
    return _ ("The slip could not be saved.");
  return _ ("The printer could not print your slip.");
}

KpPrinter *
kp_printer_new_from_config (KpConfig *config)
{
  KpPrinter *self;
  KpSlipLayout layout = KP_SLIP_LAYOUT_RECEIPT;

  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);

  if (kp_config_get_printer_queue (config) != NULL)
    self = kp_printer_new_for_queue (kp_config_get_printer_queue (config));
  else if (kp_config_get_printer_uri (config) != NULL)
    self = kp_printer_new_for_uri (kp_config_get_printer_uri (config));
  else
    {
      g_autofree char *folder = kp_config_dup_slip_folder (config);

      self = kp_printer_new_for_folder (folder);
    }
  /* The configuration has checked the layout's name already. */
  kp_slip_layout_from_string (kp_config_get_printer_layout (config), &layout);
  self->layout = layout;
  self->job_timeout = kp_config_get_printer_job_timeout (config);
  return self;
}

KpPrinter *
kp_printer_new_for_queue (const char *queue)
{
  g_return_val_if_fail (queue != NULL && *queue != '\0', NULL);

  return kp_printer_new (DESTINATION_QUEUE, queue);
}

KpPrinter *
kp_printer_new_for_uri (const char *uri)
{
  g_return_val_if_fail (uri != NULL && *uri != '\0', NULL);

  return kp_printer_new (DESTINATION_URI, uri);
}

KpPrinter *
kp_printer_new_for_folder (const char *folder)
{
  g_return_val_if_fail (folder != NULL && g_path_is_absolute (folder), NULL);

  return kp_printer_new (DESTINATION_FOLDER, folder);
}

KpSlipLayout
kp_printer_get_layout (KpPrinter *self)
{
  g_return_val_if_fail (KP_IS_PRINTER (self), KP_SLIP_LAYOUT_RECEIPT);

  return self->layout;
}

void
kp_printer_set_layout (KpPrinter *self, KpSlipLayout layout)
{
  g_return_if_fail (KP_IS_PRINTER (self));

  self->layout = layout;
}

guint
kp_printer_get_job_timeout (KpPrinter *self)
{
  g_return_val_if_fail (KP_IS_PRINTER (self), 0);

  return self->job_timeout;
}

void
kp_printer_set_job_timeout (KpPrinter *self, guint seconds)
{
  g_return_if_fail (KP_IS_PRINTER (self));
  g_return_if_fail (seconds > 0);

  self->job_timeout = seconds;
}

const char *
kp_printer_get_destination (KpPrinter *self)
{
  g_return_val_if_fail (KP_IS_PRINTER (self), NULL);

  return self->destination;
}

gboolean
kp_printer_is_demo (KpPrinter *self)
{
  g_return_val_if_fail (KP_IS_PRINTER (self), FALSE);

  return self->kind == DESTINATION_FOLDER;
}

KpPrinterState
kp_printer_query_state (KpPrinter *self, GCancellable *cancellable)
{
  g_auto (PrinterLink) link = { 0 };

  g_return_val_if_fail (KP_IS_PRINTER (self), KP_PRINTER_STATE_MISSING);

  if (self->kind == DESTINATION_FOLDER)
    return KP_PRINTER_STATE_NONE;
  if (!printer_link_open (self, &link, g_get_monotonic_time () + REQUEST_TIMEOUT_USEC, cancellable,
                          NULL))
    return KP_PRINTER_STATE_MISSING;
  return printer_link_query_state (&link);
}

void
kp_printer_query_state_async (KpPrinter *self,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (KP_IS_PRINTER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kp_printer_query_state_async);
  g_task_run_in_thread (task, query_state_in_thread);
}

KpPrinterState
kp_printer_query_state_finish (KpPrinter *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), KP_PRINTER_STATE_MISSING);

  return (KpPrinterState) g_task_propagate_int (G_TASK (result), error);
}

/*
 * The printer is asked how it is before the job is sent: a printer without
 * paper may take the job and print it much later, when the resident has
 * gone home.
 */
KpPrintResult *
kp_printer_print (KpPrinter *self,
                  GBytes *pdf,
                  const char *document_name,
                  GCancellable *cancellable,
                  GError **error)
{
  g_auto (PrinterLink) link = { 0 };
  gint64 start = g_get_monotonic_time ();
  gint64 deadline;
  gint64 accepted_usec;
  KpPrinterState state;
  int job_id;

  g_return_val_if_fail (KP_IS_PRINTER (self), NULL);
  g_return_val_if_fail (pdf != NULL, NULL);
  g_return_val_if_fail (document_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->kind == DESTINATION_FOLDER)
    return save_to_folder (self, pdf, document_name, error);

  deadline = start + (gint64) self->job_timeout * G_USEC_PER_SEC;
  if (!printer_link_open (self, &link, deadline, cancellable, error))
    return NULL;
  state = printer_link_query_state (&link);
  if (!kp_printer_state_can_print (state))
    {
      set_state_error (state, self->destination, _ ("nothing was sent"), error);
      return NULL;
    }

  job_id = printer_link_submit (&link, pdf, document_name);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (job_id == 0 && g_get_monotonic_time () >= deadline)
    {
      set_timeout_error (self->destination, error);
      return NULL;
    }
  if (job_id == 0)
    {
      set_job_failed_error (self->destination, 0, cupsLastErrorString (), error);
      return NULL;
    }
  accepted_usec = g_get_monotonic_time () - start;

  if (!printer_link_follow_job (&link, self->destination, job_id, error))
    return NULL;
  link.deadline = g_get_monotonic_time () + BRIEF_REQUEST_USEC;
  state = printer_link_query_state (&link);
  return kp_print_result_new (KP_PRINT_OUTCOME_PRINTED, job_id, NULL, state, accepted_usec);
}

void
kp_printer_print_async (KpPrinter *self,
                        GBytes *pdf,
                        const char *document_name,
                        GCancellable *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  PrintRequest *request;

  g_return_if_fail (KP_IS_PRINTER (self));
  g_return_if_fail (pdf != NULL);
  g_return_if_fail (document_name != NULL);

  request = g_new0 (PrintRequest, 1);
  request->pdf = g_bytes_ref (pdf);
  request->document_name = g_strdup (document_name);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kp_printer_print_async);
  g_task_set_task_data (task, request, print_request_free);
  g_task_run_in_thread (task, print_in_thread);
}

KpPrintResult *
kp_printer_print_finish (KpPrinter *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
