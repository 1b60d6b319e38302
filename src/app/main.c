/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-application.h"
#include "kp-web-form-page.h"

int
main (int argc, char *argv[])
{
  g_autoptr (KpApplication) application = NULL;

  kp_application_setup_locale ();
  /* No way out for a visitor: GTK_DEBUG=interactive would open the inspector. */
  g_unsetenv ("GTK_DEBUG");
  /* Before any thread or web process starts: no remote inspector for a page with a DigiD password. */
  kp_web_form_page_clean_environment ();

  application = kp_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
