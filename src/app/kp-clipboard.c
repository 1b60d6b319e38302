/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "kp-clipboard.h"

static void
forget (GdkClipboard *clipboard)
{
  if (gdk_clipboard_is_local (clipboard) && gdk_clipboard_get_content (clipboard) != NULL)
    gdk_clipboard_set_content (clipboard, NULL);
}

void
kp_clipboard_forget_primary (GdkDisplay *display)
{
  g_return_if_fail (GDK_IS_DISPLAY (display));

  forget (gdk_display_get_primary_clipboard (display));
}

void
kp_clipboard_forget_all (GdkDisplay *display)
{
  g_return_if_fail (GDK_IS_DISPLAY (display));

  forget (gdk_display_get_clipboard (display));
  forget (gdk_display_get_primary_clipboard (display));
}
