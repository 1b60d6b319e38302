/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-place-steps.h"

#include <glib/gi18n.h>

#define WHERE_ADDRESS  "address"
#define WHERE_LANDMARK "landmark"
#define WHERE_HERE     "here"
#define MAX_MATCHES    6

struct _KpPlaceSteps
{
  GObject parent_instance;

  KpConfig *config;
  KpAddressBook *book; /* (nullable) */
  KpPlace *place;      /* (nullable) */
  char *street;        /* (nullable): the street chosen, until the house number is known */
  KpPlaceStepsFunc func;
  gpointer user_data;
};

G_DEFINE_FINAL_TYPE (KpPlaceSteps, kp_place_steps, G_TYPE_OBJECT)

static void
settle (KpPlaceSteps *self, KpPlace *place)
{
  g_clear_pointer (&self->place, kp_place_free);
  self->place = place;
  self->func (place, self->user_data);
}

static void
reset_step (KpFormStep *where_step, const char *id)
{
  KpFormFlow *flow = g_object_get_data (G_OBJECT (where_step), "kp-flow");
  KpFormStep *step = kp_form_flow_get_step (flow, id);

  if (step != NULL)
    kp_form_step_reset (step);
}

/* Another way of saying where asks its questions afresh, so no old address lingers. */
static gboolean
commit_where (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpPlaceSteps *self = user_data;

  if (g_strcmp0 (answer, kp_form_step_get_answer (step)) != 0)
    {
      g_clear_pointer (&self->place, kp_place_free);
      reset_step (step, "street");
      reset_step (step, "house-number");
      reset_step (step, "landmark");
    }
  if (g_strcmp0 (answer, WHERE_HERE) == 0)
    settle (self, kp_place_new_here (self->config));
  return TRUE;
}

/* The whole place, once known; else how the resident chose to say it. */
static char *
summarize_where (KpFormStep *step, gpointer user_data)
{
  KpPlaceSteps *self = user_data;

  if (self->place != NULL)
    return kp_place_dup_label (self->place);
  return g_strdup (kp_form_step_lookup_choice_label (step, kp_form_step_get_answer (step)));
}

static gboolean
where_is (KpFormStep *step, const char *where)
{
  KpFormFlow *flow = g_object_get_data (G_OBJECT (step), "kp-flow");
  KpFormStep *where_step = kp_form_flow_get_step (flow, "where");

  return g_strcmp0 (kp_form_step_get_answer (where_step), where) == 0;
}

static gboolean
asks_address (KpFormStep *step, gpointer user_data)
{
  return where_is (step, WHERE_ADDRESS);
}

static gboolean
asks_landmark (KpFormStep *step, gpointer user_data)
{
  return where_is (step, WHERE_LANDMARK);
}

static void
search_streets (KpFormStep *step, const char *query, gpointer user_data)
{
  KpPlaceSteps *self = user_data;
  g_auto (GStrv) streets = NULL;

  kp_form_step_clear_choices (step);
  if (g_utf8_strlen (query, -1) < 2)
    return;
  streets = kp_address_book_search_streets (self->book, query, MAX_MATCHES);
  for (guint i = 0; streets != NULL && streets[i] != NULL; i++)
    kp_form_step_add_choice (step, streets[i], NULL, streets[i], NULL);
}

static gboolean
commit_street (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpPlaceSteps *self = user_data;

  if (g_strcmp0 (answer, self->street) != 0)
    reset_step (step, "house-number");
  g_free (self->street);
  self->street = g_strdup (answer);
  return TRUE;
}

static char *
summarize_street (KpFormStep *step, gpointer user_data)
{
  return g_strdup (kp_form_step_get_answer (step));
}

static gboolean
commit_house_number (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpPlaceSteps *self = user_data;
  KpPlace *place = kp_address_book_find_address (self->book, self->street, answer, error);

  if (place == NULL)
    return FALSE;
  settle (self, place);
  return TRUE;
}

static void
search_landmarks (KpFormStep *step, const char *query, gpointer user_data)
{
  KpPlaceSteps *self = user_data;
  g_autoptr (GPtrArray) landmarks = NULL;

  kp_form_step_clear_choices (step);
  if (g_utf8_strlen (query, -1) < 2)
    return;
  landmarks = kp_address_book_search_landmarks (self->book, query, MAX_MATCHES);
  for (guint i = 0; i < landmarks->len; i++)
    {
      const KpPlace *landmark = g_ptr_array_index (landmarks, i);

      kp_form_step_add_choice (step, kp_place_get_name (landmark), NULL,
                               kp_place_get_name (landmark), kp_place_get_town (landmark));
    }
}

/* The landmark is looked up again by its name: the matches on screen may have changed since. */
static gboolean
commit_landmark (KpFormStep *step, const char *answer, gpointer user_data, GError **error)
{
  KpPlaceSteps *self = user_data;
  g_autoptr (GPtrArray) landmarks
      = kp_address_book_search_landmarks (self->book, answer, MAX_MATCHES);

  for (guint i = 0; i < landmarks->len; i++)
    {
      const KpPlace *landmark = g_ptr_array_index (landmarks, i);

      if (g_strcmp0 (kp_place_get_name (landmark), answer) == 0)
        {
          settle (self, kp_place_copy (landmark));
          return TRUE;
        }
    }
  g_set_error_literal (error, KP_ADDRESS_BOOK_ERROR, KP_ADDRESS_BOOK_ERROR_NOT_FOUND,
                       _ ("We do not know this place. Type its name again and touch it."));
  return FALSE;
}

static KpFormStep *
add_step (KpFormFlow *flow, KpFormStep *step)
{
  g_object_set_data (G_OBJECT (step), "kp-flow", flow);
  return kp_form_flow_add_step (flow, step);
}

static void
kp_place_steps_finalize (GObject *object)
{
  KpPlaceSteps *self = KP_PLACE_STEPS (object);

  g_clear_pointer (&self->street, g_free);
  g_clear_pointer (&self->place, kp_place_free);
  g_clear_object (&self->book);
  g_clear_object (&self->config);

  G_OBJECT_CLASS (kp_place_steps_parent_class)->finalize (object);
}

static void
kp_place_steps_class_init (KpPlaceStepsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kp_place_steps_finalize;
}

static void
kp_place_steps_init (KpPlaceSteps *self)
{
}

KpPlaceSteps *
kp_place_steps_new (KpConfig *config, KpAddressBook *book)
{
  KpPlaceSteps *self;

  g_return_val_if_fail (KP_IS_CONFIG (config), NULL);
  g_return_val_if_fail (book == NULL || KP_IS_ADDRESS_BOOK (book), NULL);

  self = g_object_new (KP_TYPE_PLACE_STEPS, NULL);
  self->config = g_object_ref (config);
  self->book = book != NULL ? g_object_ref (book) : NULL;
  return self;
}

KpAddressBook *
kp_place_steps_load_address_book (void)
{
  g_autofree char *path = kp_address_book_dup_default_path ();
  g_autoptr (GError) error = NULL;
  KpAddressBook *book = kp_address_book_new_from_file (path, &error);

  /* A kiosk without its address table still takes reports "here". */
  if (book == NULL)
    g_message ("The address table is not available: %s", error->message);
  return book;
}

void
kp_place_steps_add_to (KpPlaceSteps *self,
                       KpFormFlow *flow,
                       const char *question,
                       KpPlaceStepsFunc func,
                       gpointer user_data)
{
  KpFormStep *step;

  g_return_if_fail (KP_IS_PLACE_STEPS (self));
  g_return_if_fail (KP_IS_FORM_FLOW (flow));
  g_return_if_fail (question != NULL && func != NULL);

  self->func = func;
  self->user_data = user_data;

  step = add_step (flow, kp_form_step_new_choices ("where", question));
  kp_form_step_set_summary_label (step, _ ("Where"));
  if (self->book != NULL)
    {
      kp_form_step_add_choice (step, WHERE_ADDRESS, "kp-pictogram-house",
                               _ ("At an address: street and house number"), NULL);
      kp_form_step_add_choice (step, WHERE_LANDMARK, "kp-pictogram-landmark",
                               _ ("Near a well-known place, such as a park or a square"), NULL);
    }
  kp_form_step_add_choice (step, WHERE_HERE, "kp-pictogram-here",
                           _ ("Here, near this information point"), NULL);
  kp_form_step_set_commit_func (step, commit_where, g_object_ref (self), g_object_unref);
  kp_form_step_set_summary_func (step, summarize_where, g_object_ref (self), g_object_unref);
  if (self->book == NULL)
    return;

  step = add_step (flow,
                   kp_form_step_new_search ("street", _ ("What is the name of the street?"),
                                            search_streets, g_object_ref (self), g_object_unref));
  kp_form_step_set_explanation (step, _ ("Type the first letters. Then touch the right street."));
  kp_form_step_set_summary_label (step, _ ("Street"));
  kp_form_step_set_condition_func (step, asks_address, NULL, NULL);
  kp_form_step_set_commit_func (step, commit_street, g_object_ref (self), g_object_unref);
  kp_form_step_set_summary_func (step, summarize_street, NULL, NULL);

  step = add_step (flow, kp_form_step_new_entry ("house-number", _ ("What is the house number?"),
                                                 GTK_INPUT_PURPOSE_FREE_FORM));
  kp_form_step_set_explanation (step, _ ("Type the number of the nearest house. For example 12 "
                                         "or 12a."));
  kp_form_step_set_summary_label (step, _ ("House number"));
  kp_form_step_set_condition_func (step, asks_address, NULL, NULL);
  kp_form_step_set_commit_func (step, commit_house_number, g_object_ref (self), g_object_unref);

  step = add_step (flow,
                   kp_form_step_new_search ("landmark", _ ("What is the name of the place?"),
                                            search_landmarks, g_object_ref (self), g_object_unref));
  kp_form_step_set_explanation (step, _ ("For example the name of a park, a square or a school. "
                                         "Type the first letters. Then touch the right place."));
  kp_form_step_set_summary_label (step, _ ("Place"));
  kp_form_step_set_condition_func (step, asks_landmark, NULL, NULL);
  kp_form_step_set_commit_func (step, commit_landmark, g_object_ref (self), g_object_unref);
}

const KpPlace *
kp_place_steps_get_place (KpPlaceSteps *self)
{
  g_return_val_if_fail (KP_IS_PLACE_STEPS (self), NULL);

  return self->place;
}
