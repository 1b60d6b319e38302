/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-config.h"
#include "kp-test-helpers.h"

#include <string.h>

/* Every file needs a data folder; the cases below add what they test. */
#define DATA_DIR_LINE "[storage]\ndata-dir=/var/lib/kernpunt\n"

static char *
write_config_file (const char *contents)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = kp_test_make_tmpdir ("config");
  char *path = g_build_filename (folder, "kernpunt.conf", NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
assert_hours (KpConfig *config, GDateWeekday day, const KpTimeRange *expected, guint n_expected)
{
  guint n_ranges = G_MAXUINT;
  const KpTimeRange *ranges = kp_config_get_opening_hours (config, day, &n_ranges);

  g_assert_cmpuint (n_ranges, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      g_assert_cmpuint (ranges[i].opens, ==, expected[i].opens);
      g_assert_cmpuint (ranges[i].closes, ==, expected[i].closes);
    }
}

static void
test_defaults (void)
{
  KpConfig *config = kp_config_new_default ();
  const char *languages[] = { "nl", "en", NULL };
  const KpTimeRange full_day[] = { { 9 * 60, 17 * 60 } };
  const KpTimeRange with_lunch[] = { { 9 * 60, 12 * 60 + 30 }, { 13 * 60 + 30, 17 * 60 } };
  g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "kernpunt", NULL);
  g_autofree char *database = g_build_filename (data_dir, "kernpunt.db", NULL);
  g_autofree char *database_path = kp_config_dup_database_path (config);

  g_assert_null (kp_config_get_source (config));
  g_assert_true (kp_config_get_demo (config));
  g_assert_cmpstr (kp_config_get_municipality_name (config), ==, "Gemeente Lindeveen");
  g_assert_cmpstr (kp_config_get_location_name (config), ==, "Bibliotheek De Linde, Dorpsstraat 4");
  g_assert_cmpstr (kp_config_get_phone (config), ==, "14 0123");
  g_assert_cmpuint (kp_config_get_idle_seconds (config), ==, 90);
  g_assert_cmpuint (kp_config_get_countdown_seconds (config), ==, 20);
  g_assert_cmpstr (kp_config_get_default_language (config), ==, "nl");
  g_assert_cmpstrv (kp_config_get_languages (config), languages);
  g_assert_cmpstr (kp_config_get_data_dir (config), ==, data_dir);
  g_assert_cmpstr (database_path, ==, database);
  g_assert_cmpfloat (kp_config_get_screen_width_mm (config), ==, 344);
  g_assert_cmpfloat (kp_config_get_min_target_mm (config), ==, 12);
  g_assert_cmpfloat (kp_config_get_viewing_distance_mm (config), ==, 500);
  g_assert_cmpfloat (kp_config_get_screen_lower_edge_mm (config), ==, 900);
  g_assert_cmpfloat (kp_config_get_screen_upper_edge_mm (config), ==, 1080);
  g_assert_null (kp_config_get_speech_output_folder (config));
  g_assert_cmpuint (kp_config_get_speech_volume (config), ==, 100);
  g_assert_null (kp_config_get_speech_log_file (config));
  g_assert_cmpstr (kp_config_get_speech_mode_key (config, "up"), ==, "Up");
  g_assert_cmpstr (kp_config_get_speech_mode_key (config, "action"), ==, "Return");
  g_assert_cmpstr (kp_config_get_speech_mode_key (config, "back"), ==, "Escape");
  g_assert_cmpuint (kp_config_get_speech_mode_idle_factor (config), ==, 2);
  g_assert_cmpstr (kp_config_get_speech_mode_headset (config), ==, "auto");
  assert_hours (config, G_DATE_MONDAY, full_day, 1);
  assert_hours (config, G_DATE_WEDNESDAY, with_lunch, 2);
  assert_hours (config, G_DATE_SUNDAY, NULL, 0);

  g_assert_finalize_object (config);
}

static void
test_file_overrides_key_by_key (void)
{
  g_autoptr (GError) error = NULL;
  KpConfig *config = kp_config_new_from_data ("[session]\n"
                                              "idle-seconds = 5 \n"
                                              "[municipality]\n"
                                              "name=Gemeente Beekdal\n"
                                              "[storage]\n"
                                              "data-dir=/srv/kiosk/data/\n"
                                              "[speech]\n"
                                              "output-folder=/tmp/speech\n"
                                              "volume=140\n"
                                              "log-file=/tmp/speech/said.txt\n"
                                              "[speech-mode]\n"
                                              "key-down=KP_2\n"
                                              "headset=yes\n"
                                              "[screen]\n"
                                              "width-mm=521.5\n"
                                              "[opening-hours]\n"
                                              "sunday=12:00-16:00\n"
                                              "[kiosk]\n"
                                              "demo=false\n",
                                              &error);
  const KpTimeRange sunday[] = { { 12 * 60, 16 * 60 } };

  g_assert_no_error (error);
  g_assert_cmpuint (kp_config_get_idle_seconds (config), ==, 5);
  g_assert_cmpstr (kp_config_get_municipality_name (config), ==, "Gemeente Beekdal");
  g_assert_cmpstr (kp_config_get_data_dir (config), ==, "/srv/kiosk/data");
  g_assert_cmpstr (kp_config_get_speech_output_folder (config), ==, "/tmp/speech");
  g_assert_cmpuint (kp_config_get_speech_volume (config), ==, 140);
  g_assert_cmpstr (kp_config_get_speech_log_file (config), ==, "/tmp/speech/said.txt");
  g_assert_cmpstr (kp_config_get_speech_mode_key (config, "down"), ==, "KP_2");
  g_assert_cmpstr (kp_config_get_speech_mode_key (config, "up"), ==, "Up");
  g_assert_cmpstr (kp_config_get_speech_mode_headset (config), ==, "yes");
  g_assert_cmpfloat (kp_config_get_screen_width_mm (config), ==, 521.5);
  g_assert_false (kp_config_get_demo (config));
  assert_hours (config, G_DATE_SUNDAY, sunday, 1);
  /* What the file does not mention keeps its default. */
  g_assert_cmpuint (kp_config_get_countdown_seconds (config), ==, 20);
  g_assert_cmpstr (kp_config_get_phone (config), ==, "14 0123");
  g_assert_cmpstr (kp_config_get_location_name (config), ==, "Bibliotheek De Linde, Dorpsstraat 4");
  g_assert_cmpfloat (kp_config_get_min_target_mm (config), ==, 12);

  g_assert_finalize_object (config);
}

static void
test_bad_files_are_refused (void)
{
  const struct
  {
    const char *data;
    KpConfigError code;
    const char *message;
  } cases[] = {
    { "[session]\nidle-seconds=abc\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[session] idle-seconds: expected a whole number of seconds from 5 to 3600, got “abc”" },
    { "[session]\nidle-seconds=4\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[session] idle-seconds: expected a whole number of seconds from 5 to 3600, got “4”" },
    { "[session]\nidle-seconds=3601\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[session] idle-seconds: expected a whole number of seconds from 5 to 3600, got “3601”" },
    { "[session]\nidle-seconds=-10\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[session] idle-seconds: expected a whole number of seconds from 5 to 3600, got “-10”" },
    { "[session]\ncountdown-seconds=2\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[session] countdown-seconds: expected a whole number of seconds from 3 to 300, got “2”" },
    { "[session]\ncountdown-seconds=12.5\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[session] countdown-seconds: expected a whole number of seconds from 3 to 300, got “12.5”" },
    { "[screen]\nwidth-mm=49\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[screen] width-mm: expected a number of millimetres from 50 to 3000, got “49”" },
    { "[screen]\nwidth-mm=344mm\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[screen] width-mm: expected a number of millimetres from 50 to 3000, got “344mm”" },
    { "[screen]\nwidth-mm=nan\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[screen] width-mm: expected a number of millimetres from 50 to 3000, got “nan”" },
    { "[screen]\nmin-target-mm=51\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[screen] min-target-mm: expected a number of millimetres from 5 to 50, got “51”" },
    { "[screen]\nviewing-distance-mm=150\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[screen] viewing-distance-mm: expected a number of millimetres from 200 to 2000, got "
      "“150”" },
    { "[screen]\nlower-edge-mm=1200\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[screen] upper-edge-mm: expected more than lower-edge-mm, got 1080 and 1200" },
    { "[languages]\navailable=nl;fr\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[languages] available: expected a list of different languages from nl, en, separated by "
      "“;”, got “nl;fr”" },
    { "[languages]\navailable=nl;nl\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[languages] available: expected a list of different languages from nl, en, separated by "
      "“;”, got “nl;nl”" },
    { "[languages]\navailable=\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[languages] available: expected a list of different languages from nl, en, separated by "
      "“;”, got “”" },
    { "[languages]\ndefault=de\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[languages] default: expected one of the languages nl, en, got “de”" },
    { "[languages]\ndefault=en\navailable=nl\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[languages] default: expected one of the languages in [languages] available, got “en”" },
    { "[languages]\navailable=en\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[languages] default: expected one of the languages in [languages] available, got “nl”" },
    { "[opening-hours]\nmonday=9-17\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[opening-hours] monday: expected opening times like “09:00-17:00” or “09:00-12:30, "
      "13:30-17:00”, or “closed”, got “9-17”" },
    { "[opening-hours]\ntuesday=17:00-09:00\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[opening-hours] tuesday: expected opening times like “09:00-17:00” or “09:00-12:30, "
      "13:30-17:00”, or “closed”, got “17:00-09:00”" },
    { "[opening-hours]\nfriday=09:00-25:00\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[opening-hours] friday: expected opening times like “09:00-17:00” or “09:00-12:30, "
      "13:30-17:00”, or “closed”, got “09:00-25:00”" },
    { "[opening-hours]\nfriday=09:60-12:00\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[opening-hours] friday: expected opening times like “09:00-17:00” or “09:00-12:30, "
      "13:30-17:00”, or “closed”, got “09:60-12:00”" },
    { "[opening-hours]\nsaturday=\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[opening-hours] saturday: expected opening times like “09:00-17:00” or “09:00-12:30, "
      "13:30-17:00”, or “closed”, got “”" },
    { "[opening-hours]\nsunday=09:00-12:00,\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[opening-hours] sunday: expected opening times like “09:00-17:00” or “09:00-12:30, "
      "13:30-17:00”, or “closed”, got “09:00-12:00,”" },
    { "[opening-hours]\nwednesday=13:30-17:00, 09:00-12:30\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[opening-hours] wednesday: expected opening times in the order of the day, not "
      "overlapping, got “13:30-17:00, 09:00-12:30”" },
    { "[opening-hours]\nthursday=09:00-13:00, 12:30-17:00\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[opening-hours] thursday: expected opening times in the order of the day, not "
      "overlapping, got “09:00-13:00, 12:30-17:00”" },
    { "[municipality]\nname=  \n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[municipality] name: expected a text that is not empty, got “”" },
    { "[municipality]\nphone=call us\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[municipality] phone: expected a phone number of digits, spaces and “+-()”, like “14 "
      "0123”, got “call us”" },
    { "[kiosk]\ndemo=yes\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[kiosk] demo: expected “true” or “false”, got “yes”" },
    { "[speech]\noutput-folder=speech\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[speech] output-folder: expected an absolute folder path, got “speech”" },
    { "[speech]\nlog-file=/tmp/said.txt\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[speech] log-file: only for tests; it needs [speech] output-folder" },
    { "[speech]\noutput-folder=/tmp/speech\nlog-file=said.txt\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[speech] log-file: expected an absolute file path, got “said.txt”" },
    { "[speech-mode]\nkey-up=Arrow up\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[speech-mode] key-up: expected a key name like “Up”, “KP_8” or “F1”, got “Arrow up”" },
    { "[speech-mode]\nidle-factor=0\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[speech-mode] idle-factor: expected a whole number from 1 to 4, got “0”" },
    { "[speech-mode]\nheadset=maybe\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[speech-mode] headset: expected “auto”, “yes” or “no”, got “maybe”" },
    { "[printer]\nqueue=Bon printer\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[printer] queue: expected a CUPS queue name without spaces, “/” or “#”, got “Bon printer”" },
    { "[printer]\nqueue=\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[printer] queue: expected a CUPS queue name without spaces, “/” or “#”, got “”" },
    { "[printer]\nuri=http://192.0.2.7/ipp/print\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[printer] uri: expected a printer address like “ipp://192.0.2.7/ipp/print”, "
      "got “http://192.0.2.7/ipp/print”" },
    { "[printer]\nuri=ipp:///ipp/print\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[printer] uri: expected a printer address like “ipp://192.0.2.7/ipp/print”, "
      "got “ipp:///ipp/print”" },
    { "[printer]\nqueue=Bon\nuri=ipp://192.0.2.7/ipp/print\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[printer] queue and uri: expected one of them, not both" },
    { "[printer]\nlayout=A4\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[printer] layout: expected “receipt” or “a4”, got “A4”" },
    { "[web-forms]\nallowed-hosts=forms.lindeveen.example;https://digid.nl\n",
      KP_CONFIG_ERROR_INVALID_VALUE,
      "[web-forms] allowed-hosts: expected host names like “digid.nl”, separated by “;”, "
      "got “forms.lindeveen.example;https://digid.nl”" },
    { "[web-forms]\nidle-seconds=901\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[web-forms] idle-seconds: expected a whole number of seconds from 5 to 900, got “901”" },
    { "[web-forms]\nallow-loopback-http=yes\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[web-forms] allow-loopback-http: expected “true” or “false”, got “yes”" },
    { "[web-forms]\nmemory-limit-mb=100\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[web-forms] memory-limit-mb: expected a whole number of megabytes from 256 to 8192, "
      "got “100”" },
    { "[printer]\npdf-folder=slips\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[printer] pdf-folder: expected an absolute folder path, got “slips”" },
    { "[printer]\njob-timeout-seconds=4\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[printer] job-timeout-seconds: expected a whole number of seconds from 5 to 600, got “4”" },
    { "[slip]\nqr-url-template=https://lindeveen.nl/status\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[slip] qr-url-template: expected a text with “{reference}” in it, like "
      "“https://example.nl/status/{reference}”, got “https://lindeveen.nl/status”" },
    { "[delivery]\nfound=signalen\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[delivery] found: expected “embedded” or “zgw”, got “signalen”" },
    { "[delivery]\nreport=klantinteracties\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[delivery] report: expected “embedded”, “zgw” or “signalen”, got “klantinteracties”" },
    { "[delivery]\ncallback=signalen\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[delivery] callback: expected “embedded”, “zgw” or “klantinteracties”, got “signalen”" },
    { "[delivery]\nreport=signalen\n", KP_CONFIG_ERROR_MISSING_KEY,
      "[signalen] url: missing; [delivery] report is “signalen”" },
    { "[delivery]\nreport=signalen\n[signalen]\nurl=https://meldingen.lindeveen.example/\n"
      "category-base-url=https://meldingen.lindeveen.example/signals/v1/public/terms/categories/\n",
      KP_CONFIG_ERROR_MISSING_KEY,
      "[signalen] bounding-box: missing; [delivery] report is “signalen”" },
    { "[signalen]\nbounding-box=6.7,52.8,6.4,53.0\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[signalen] bounding-box: expected four numbers “min-lon,min-lat,max-lon,max-lat”, like "
      "“6.4,52.8,6.7,53.0”, got “6.7,52.8,6.4,53.0”" },
    { "[signalen]\nbounding-box=6.4,52.8,6.7\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[signalen] bounding-box: expected four numbers “min-lon,min-lat,max-lon,max-lat”, like "
      "“6.4,52.8,6.7,53.0”, got “6.4,52.8,6.7”" },
    { "[signalen]\ntoken-file=token\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[signalen] token-file: expected an absolute file path, got “token”" },
    { "[signalen]\ntimeout-seconds=0\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[signalen] timeout-seconds: expected a whole number of seconds from 1 to 300, got “0”" },
    { "[delivery]\ncallback=klantinteracties\n[klantinteracties]\n"
      "url=https://klanten.lindeveen.example/klantinteracties/api/v1/\n"
      "token-file=/etc/kernpunt/secrets/open-klant\n",
      KP_CONFIG_ERROR_MISSING_KEY,
      "[klantinteracties] actor: missing; [delivery] callback is “klantinteracties”" },
    { "[klantinteracties]\nurl=klanten.lindeveen.example\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[klantinteracties] url: expected an address like “https://zaken.example.nl/api/v1/”, "
      "got “klanten.lindeveen.example”" },
    { "[klantinteracties]\nkanaal= \n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[klantinteracties] kanaal: expected a text that is not empty, got “”" },
    { "[network]\nproxy=socks5://127.0.0.1:1080\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[network] proxy: expected an address like “http://proxy.example.nl:8080”, or nothing, "
      "got “socks5://127.0.0.1:1080”" },
    { "[network]\nproxy=http://proxy.lindeveen.example\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[network] proxy: expected an address like “http://proxy.example.nl:8080”, or nothing, "
      "got “http://proxy.lindeveen.example”" },
    { "[zgw]\nca-file=ca.pem\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[zgw] ca-file: expected an absolute file path, got “ca.pem”" },
    { "[zgw]\nrsin=123456789\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[zgw] rsin: expected an RSIN of nine digits that passes the eleven test, got “123456789”" },
    { "[zgw]\nzaken-url=zaken.lindeveen.nl\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[zgw] zaken-url: expected an address like “https://zaken.example.nl/api/v1/”, "
      "got “zaken.lindeveen.nl”" },
    { "[delivery]\nreport=zgw\n", KP_CONFIG_ERROR_MISSING_KEY,
      "[zgw] zaken-url: missing; [delivery] report is “zgw”" },
    { "[zgw]\nnumbering=own\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[zgw] numbering: expected “reference” or “reserve”, got “own”" },
    { "[zgw]\ndocumenten-url=https://zaken.lindeveen.nl/documenten/api/v1/\n",
      KP_CONFIG_ERROR_MISSING_KEY, "[zgw] document-type: missing; [zgw] documenten-url is set" },
    { "[zgw]\ndocumenten-url=documenten\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[zgw] documenten-url: expected an address like “https://zaken.example.nl/api/v1/”, "
      "got “documenten”" },
    { "[delivery]\nappointment=signalen\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[delivery] appointment: expected “embedded” or “zgw”, got “signalen”" },
    { "[delivery]\nappointment=zgw\n", KP_CONFIG_ERROR_MISSING_KEY,
      "[zgw] zaken-url: missing; [delivery] appointment is “zgw”" },
    { "[location]\nlatitude=95\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[location] latitude: expected decimal degrees from -90 to 90, like “52.8712”, got “95”" },
    { "[location]\nlongitude=6,53\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[location] longitude: expected decimal degrees from -180 to 180, like “52.8712”, "
      "got “6,53”" },
    { "[location]\ntown= \n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[location] town: expected a text that is not empty, got “”" },
    { "[reports]\ncategories=afval/hondenpoep\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[reports] categories: expected different categories like “afval/grofvuil”, separated by "
      "“;”, from the list in kernpunt.conf.example, got “afval/hondenpoep”" },
    { "[reports]\ncategories=afval/grofvuil; afval/grofvuil\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[reports] categories: expected different categories like “afval/grofvuil”, separated by "
      "“;”, from the list in kernpunt.conf.example, got “afval/grofvuil; afval/grofvuil”" },
    { "[reports]\ncategories=\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[reports] categories: expected at least one category, got “”" },
    { "[found-objects]\nlow-value-euros=0\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[found-objects] low-value-euros: expected a whole number of euros from 1 to 100000, "
      "got “0”" },
    { "[appointments]\nbackend=jcc\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[appointments] backend: expected “embedded” or “qmatic”, got “jcc”" },
    { "[appointments]\nagenda-file=agenda.conf\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[appointments] agenda-file: expected an absolute file path, got “agenda.conf”" },
    { "[qmatic]\nurl=ftp://agenda.example.nl/\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[qmatic] url: expected an address like "
      "“https://agenda.example.nl/calendar-backend/public/api/”, got “ftp://agenda.example.nl/”" },
    { "[qmatic]\ntimeout-seconds=0\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[qmatic] timeout-seconds: expected a whole number of seconds from 1 to 120, got “0”" },
    { "[appointments]\nbackend=qmatic\n", KP_CONFIG_ERROR_MISSING_KEY,
      "[qmatic] url: missing; [appointments] backend is “qmatic”" },
    { "[appointments]\nbackend=qmatic\n[qmatic]\nurl=https://agenda.example.nl/api/\n",
      KP_CONFIG_ERROR_MISSING_KEY,
      "[qmatic] api-key-file: missing; [appointments] backend is “qmatic”" },
    { "[volunteers]\nmonday=10-16\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[volunteers] monday: expected opening times like “09:00-17:00” or “09:00-12:30, "
      "13:30-17:00”, or “closed”, got “10-16”" },
    { "[feedback]\nmin-interval-seconds=3601\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[feedback] min-interval-seconds: expected a whole number of seconds from 0 to 3600, "
      "got “3601”" },
    { "[speech]\nvolume=201\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[speech] volume: expected a whole number from 0 to 200, got “201”" },
    { "[stats]\nkeep-days=0\n", KP_CONFIG_ERROR_INVALID_VALUE,
      "[stats] keep-days: expected a whole number of days from 1 to 3660, got “0”" },
    { "[session]\nidle-second=60\n", KP_CONFIG_ERROR_UNKNOWN_KEY,
      "[session] idle-second: unknown key; check the spelling" },
    { "[sesion]\nidle-seconds=60\n", KP_CONFIG_ERROR_UNKNOWN_KEY,
      "[sesion]: unknown group; check the spelling" },
    { "[location]\nname[nl]=Bibliotheek\n", KP_CONFIG_ERROR_UNKNOWN_KEY,
      "[location] name[nl]: unknown key; check the spelling" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *data = g_strconcat (DATA_DIR_LINE, cases[i].data, NULL);
      g_autoptr (KpConfig) config = kp_config_new_from_data (data, &error);
      g_autofree char *escaped = g_strescape (cases[i].data, "“”");

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, escaped);
      g_assert_null (config);
      g_assert_error (error, KP_CONFIG_ERROR, (int) cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_good_values_are_accepted (void)
{
  const struct
  {
    const char *value;
    KpTimeRange first;
    guint n_ranges;
  } cases[] = {
    { "closed", { 0, 0 }, 0 },
    { " Closed ", { 0, 0 }, 0 },
    { "9:00-17:00", { 9 * 60, 17 * 60 }, 1 },
    { "00:00-24:00", { 0, 24 * 60 }, 1 },
    { "08:15 - 12:00 , 12:00 - 16:45", { 8 * 60 + 15, 12 * 60 }, 2 },
    { "07:00-08:00, 09:00-10:00, 19:00-21:30", { 7 * 60, 8 * 60 }, 3 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *data
          = g_strdup_printf (DATA_DIR_LINE "[opening-hours]\nmonday=%s\n", cases[i].value);
      g_autoptr (KpConfig) config = kp_config_new_from_data (data, &error);
      const KpTimeRange *ranges;
      guint n_ranges;

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, cases[i].value);
      g_assert_no_error (error);
      ranges = kp_config_get_opening_hours (config, G_DATE_MONDAY, &n_ranges);
      g_assert_cmpuint (n_ranges, ==, cases[i].n_ranges);
      if (n_ranges > 0)
        {
          g_assert_cmpuint (ranges[0].opens, ==, cases[i].first.opens);
          g_assert_cmpuint (ranges[0].closes, ==, cases[i].first.closes);
        }
    }
}

static void
test_data_dir_is_required_in_a_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpConfig) config = kp_config_new_from_data ("[session]\nidle-seconds=60\n", &error);

  g_assert_null (config);
  g_assert_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_MISSING_KEY);
  g_assert_cmpstr (error->message, ==,
                   "[storage] data-dir: missing; expected an absolute folder path");
  g_clear_error (&error);

  config = kp_config_new_from_data ("[storage]\ndata-dir=data\n", &error);
  g_assert_null (config);
  g_assert_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==,
                   "[storage] data-dir: expected an absolute folder path, got “data”");
}

static void
test_load_from_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path
      = write_config_file (DATA_DIR_LINE "[location]\nname=Wijkcentrum De Brug\n");
  KpConfig *config = kp_config_load (path, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (kp_config_get_source (config), ==, path);
  g_assert_cmpstr (kp_config_get_location_name (config), ==, "Wijkcentrum De Brug");
  g_assert_cmpstr (kp_config_get_data_dir (config), ==, "/var/lib/kernpunt");
  g_assert_finalize_object (config);
}

static void
test_unreadable_files_are_refused (void)
{
  g_autofree char *folder = kp_test_make_tmpdir ("config");
  g_autofree char *missing = g_build_filename (folder, "missing.conf", NULL);
  g_autofree char *garbage = write_config_file ("this is not a key file\n");
  const char *paths[] = { missing, garbage, folder };

  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (KpConfig) config = kp_config_load (paths[i], &error);
      g_autofree char *start = g_strdup_printf ("Cannot read configuration file %s: ", paths[i]);

      g_assert_null (config);
      g_assert_error (error, KP_CONFIG_ERROR, KP_CONFIG_ERROR_READ);
      g_assert_true (g_str_has_prefix (error->message, start));
    }
}

/* Without a path, a kiosk without a configuration file runs the demo. */
static void
test_load_without_path (void)
{
  g_autoptr (GError) error = NULL;
  KpConfig *config;

  if (g_file_test (KP_CONFIG_DEFAULT_PATH, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("this machine has a configuration file of its own");
      return;
    }
  config = kp_config_load (NULL, &error);
  g_assert_no_error (error);
  g_assert_null (kp_config_get_source (config));
  g_assert_true (kp_config_get_demo (config));
  g_assert_cmpstr (kp_config_get_municipality_name (config), ==, "Gemeente Lindeveen");
  g_assert_finalize_object (config);
}

/*
 * The example documents every key with its default, so apart from the
 * data folder that a file must name it says exactly what the defaults say.
 */
static void
test_example_file_loads_and_matches_the_defaults (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = kp_test_source_path ("kiosk-image", "kernpunt.conf.example", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (KpConfig) defaults = kp_config_new_default ();
  g_autoptr (KpConfig) example = kp_config_new_from_file (path, &error);
  g_autofree char *example_hours = NULL;
  g_autofree char *default_hours = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (kp_config_get_data_dir (example), ==, "/var/lib/kernpunt");
  g_assert_cmpstr (kp_config_get_municipality_name (example), ==,
                   kp_config_get_municipality_name (defaults));
  g_assert_cmpstr (kp_config_get_phone (example), ==, kp_config_get_phone (defaults));
  g_assert_cmpstr (kp_config_get_location_name (example), ==,
                   kp_config_get_location_name (defaults));
  example_hours = kp_config_format_opening_hours (example);
  default_hours = kp_config_format_opening_hours (defaults);
  g_assert_cmpstr (example_hours, ==, default_hours);
  g_assert_cmpuint (kp_config_get_idle_seconds (example), ==,
                    kp_config_get_idle_seconds (defaults));
  g_assert_cmpuint (kp_config_get_countdown_seconds (example), ==,
                    kp_config_get_countdown_seconds (defaults));
  g_assert_cmpstr (kp_config_get_default_language (example), ==,
                   kp_config_get_default_language (defaults));
  g_assert_cmpstrv (kp_config_get_languages (example), kp_config_get_languages (defaults));
  g_assert_cmpfloat (kp_config_get_screen_width_mm (example), ==,
                     kp_config_get_screen_width_mm (defaults));
  g_assert_cmpfloat (kp_config_get_min_target_mm (example), ==,
                     kp_config_get_min_target_mm (defaults));
  g_assert_cmpfloat (kp_config_get_viewing_distance_mm (example), ==,
                     kp_config_get_viewing_distance_mm (defaults));
  g_assert_cmpfloat (kp_config_get_screen_lower_edge_mm (example), ==,
                     kp_config_get_screen_lower_edge_mm (defaults));
  g_assert_cmpfloat (kp_config_get_screen_upper_edge_mm (example), ==,
                     kp_config_get_screen_upper_edge_mm (defaults));
  g_assert_null (kp_config_get_speech_output_folder (example));
  g_assert_true (kp_config_get_demo (example));
  g_assert_null (kp_config_get_printer_queue (example));
  g_assert_null (kp_config_get_printer_uri (example));
  g_assert_cmpstr (kp_config_get_printer_layout (example), ==,
                   kp_config_get_printer_layout (defaults));
  g_assert_cmpuint (kp_config_get_printer_job_timeout (example), ==,
                    kp_config_get_printer_job_timeout (defaults));
  g_assert_cmpstr (kp_config_get_slip_qr_url_template (example), ==,
                   kp_config_get_slip_qr_url_template (defaults));
  g_assert_cmpstr (kp_config_get_appointment_backend (example), ==, "embedded");
  g_assert_cmpstr (kp_config_get_appointment_backend (defaults), ==, "embedded");
  g_assert_null (kp_config_get_agenda_file (example));
  g_assert_null (kp_config_get_qmatic_url (example));
  g_assert_null (kp_config_get_qmatic_api_key_file (example));
  g_assert_cmpuint (kp_config_get_qmatic_timeout_seconds (example), ==,
                    kp_config_get_qmatic_timeout_seconds (defaults));
  g_assert_cmpstr (kp_config_get_location_town (example), ==,
                   kp_config_get_location_town (defaults));
  g_assert_cmpfloat (kp_config_get_location_latitude (example), ==,
                     kp_config_get_location_latitude (defaults));
  g_assert_cmpfloat (kp_config_get_location_longitude (example), ==,
                     kp_config_get_location_longitude (defaults));
  g_assert_null (kp_config_get_report_categories (example));
  g_assert_null (kp_config_get_report_categories (defaults));
  g_assert_cmpuint (kp_config_get_found_low_value_euros (example), ==, 450);
  g_assert_cmpuint (kp_config_get_found_low_value_euros (defaults), ==, 450);

  /* The one optional key is there to read, commented out. */
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "\n# output-folder = "));
}

/* Where slips go and what their QR code holds; one line a case. */
static void
test_printer_settings (void)
{
  g_autofree char *data_slips = g_build_filename ("/var/lib/kernpunt", "slips", NULL);
  const struct
  {
    const char *data;
    const char *queue;
    const char *uri;
    const char *layout;
    const char *folder;
    guint timeout;
    const char *qr_template;
  } cases[] = {
    { "", NULL, NULL, "receipt", data_slips, 60, "{reference}" },
    { "[printer]\nqueue=Bonprinter\n", "Bonprinter", NULL, "receipt", data_slips, 60,
      "{reference}" },
    { "[printer]\nuri=ipps://printer.lindeveen.local:631/ipp/print\nlayout=a4\n", NULL,
      "ipps://printer.lindeveen.local:631/ipp/print", "a4", data_slips, 60, "{reference}" },
    { "[printer]\npdf-folder=/srv/slips/\njob-timeout-seconds=600\n", NULL, NULL, "receipt",
      "/srv/slips", 600, "{reference}" },
    { "[slip]\nqr-url-template=https://lindeveen.nl/status?ref={reference}\n", NULL, NULL,
      "receipt", data_slips, 60, "https://lindeveen.nl/status?ref={reference}" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *data = g_strconcat (DATA_DIR_LINE, cases[i].data, NULL);
      g_autoptr (KpConfig) config = kp_config_new_from_data (data, &error);
      g_autofree char *folder = NULL;

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, cases[i].data);
      g_assert_no_error (error);
      folder = kp_config_dup_slip_folder (config);
      g_assert_cmpstr (kp_config_get_printer_queue (config), ==, cases[i].queue);
      g_assert_cmpstr (kp_config_get_printer_uri (config), ==, cases[i].uri);
      g_assert_cmpstr (kp_config_get_printer_layout (config), ==, cases[i].layout);
      g_assert_cmpstr (folder, ==, cases[i].folder);
      g_assert_cmpuint (kp_config_get_printer_job_timeout (config), ==, cases[i].timeout);
      g_assert_cmpstr (kp_config_get_slip_qr_url_template (config), ==, cases[i].qr_template);
    }
}

/* Documents go out only with a Documenten API; a photo takes the document's type unless told. */
static void
test_zgw_document_settings (void)
{
  const struct
  {
    const char *data;
    const char *documenten_url;
    const char *document_type;
    const char *photo_type;
    gboolean reserves;
  } cases[] = {
    { "", NULL, NULL, NULL, FALSE },
    { "[zgw]\ndocumenten-url=https://zaken.lindeveen.nl/documenten/api/v1/\n"
      "document-type=Melding\nnumbering=reserve\n",
      "https://zaken.lindeveen.nl/documenten/api/v1/", "Melding", "Melding", TRUE },
    { "[zgw]\ndocumenten-url=https://zaken.lindeveen.nl/documenten/api/v1/\n"
      "document-type=Melding\nphoto-type=Foto\nnumbering=reference\n",
      "https://zaken.lindeveen.nl/documenten/api/v1/", "Melding", "Foto", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *data = g_strconcat (DATA_DIR_LINE, cases[i].data, NULL);
      g_autoptr (KpConfig) config = kp_config_new_from_data (data, &error);

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, cases[i].data);
      g_assert_no_error (error);
      g_assert_cmpstr (kp_config_get_zgw_documenten_url (config), ==, cases[i].documenten_url);
      g_assert_cmpstr (kp_config_get_zgw_document_type (config), ==, cases[i].document_type);
      g_assert_cmpstr (kp_config_get_zgw_photo_type (config), ==, cases[i].photo_type);
      g_assert_cmpint (kp_config_get_zgw_reserves_numbers (config), ==, cases[i].reserves);
      g_assert_cmpstr (kp_config_get_delivery_route (config, "appointment"), ==, "embedded");
    }
}

/* No host is allowed until a municipality lists its own; the switch for http is off. */
static void
test_web_forms_settings (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KpConfig) defaults = kp_config_new_default ();
  g_autoptr (KpConfig) config = kp_config_new_from_data (
      DATA_DIR_LINE "[web-forms]\nallowed-hosts=formulieren.lindeveen.example; digid.nl\n"
                    "allow-loopback-http=true\nidle-seconds=900\nmemory-limit-mb=512\n",
      &error);
  const char *const expected[] = { "formulieren.lindeveen.example", "digid.nl", NULL };

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length ((GStrv) kp_config_get_web_forms_allowed_hosts (defaults)), ==,
                    0);
  g_assert_false (kp_config_get_web_forms_allow_loopback_http (defaults));
  g_assert_cmpuint (kp_config_get_web_forms_idle_seconds (defaults), ==, 600);
  g_assert_cmpuint (kp_config_get_web_forms_memory_limit_mb (defaults), ==, 1024);
  g_assert_cmpstrv (kp_config_get_web_forms_allowed_hosts (config), expected);
  g_assert_true (kp_config_get_web_forms_allow_loopback_http (config));
  g_assert_cmpuint (kp_config_get_web_forms_idle_seconds (config), ==, 900);
  g_assert_cmpuint (kp_config_get_web_forms_memory_limit_mb (config), ==, 512);
}

static void
test_format_opening_hours (void)
{
  g_autoptr (GError) error = NULL;
  KpConfig *config = kp_config_new_from_data (DATA_DIR_LINE "[opening-hours]\n"
                                                            "monday=08:30-17:00\n"
                                                            "tuesday=closed\n"
                                                            "thursday=09:00-12:30,13:30-20:00\n"
                                                            "sunday=12:00-16:05\n",
                                              &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = kp_config_format_opening_hours (config);
  g_assert_cmpstr (text, ==,
                   "Monday: 8:30 – 17:00\n"
                   "Tuesday: closed\n"
                   "Wednesday: 9:00 – 12:30, 13:30 – 17:00\n"
                   "Thursday: 9:00 – 12:30, 13:30 – 20:00\n"
                   "Friday: 9:00 – 17:00\n"
                   "Saturday: 10:00 – 13:00\n"
                   "Sunday: 12:00 – 16:05");
  g_assert_finalize_object (config);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = kp_test_init_home ();
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/config/defaults", test_defaults);
  g_test_add_func ("/config/file-overrides-key-by-key", test_file_overrides_key_by_key);
  g_test_add_func ("/config/bad-files-are-refused", test_bad_files_are_refused);
  g_test_add_func ("/config/good-values-are-accepted", test_good_values_are_accepted);
  g_test_add_func ("/config/data-dir-is-required-in-a-file", test_data_dir_is_required_in_a_file);
  g_test_add_func ("/config/load-from-file", test_load_from_file);
  g_test_add_func ("/config/unreadable-files-are-refused", test_unreadable_files_are_refused);
  g_test_add_func ("/config/load-without-path", test_load_without_path);
  g_test_add_func ("/config/example-file-loads-and-matches-the-defaults",
                   test_example_file_loads_and_matches_the_defaults);
  g_test_add_func ("/config/format-opening-hours", test_format_opening_hours);
  g_test_add_func ("/config/printer-settings", test_printer_settings);
  g_test_add_func ("/config/zgw-document-settings", test_zgw_document_settings);
  g_test_add_func ("/config/web-forms-settings", test_web_forms_settings);

  status = g_test_run ();
  kp_test_remove_tree (home);
  return status;
}
