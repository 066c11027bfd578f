"""Before Qt starts a window: is there a screen to show it on?

Without a display Qt aborts with a message about ``libxcb-cursor0`` and platform plugins,
which sends people looking for a missing library. Say the real reason instead, in the
person's language, and point to what does work without a screen (the command line).
"""

from __future__ import annotations

import ctypes.util
import os
import sys
from collections.abc import Mapping

# Libraries Qt's X11 plugin needs that bare Linux machines often lack
# (scripts/install_system_libs.sh installs them).
X11_LIBRARIES = ("xcb-cursor", "xkbcommon-x11")


def display_problem(environ: Mapping[str, str] | None = None,
                    platform: str = sys.platform) -> str | None:
    """The message key that explains why no window can open here, or None when one can."""
    env: Mapping[str, str] = os.environ if environ is None else environ
    if not platform.startswith("linux") or env.get("QT_QPA_PLATFORM"):
        return None  # Windows and macOS always have a screen; an explicit platform is a choice
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        return "app.no_display"
    if not env.get("WAYLAND_DISPLAY") and any(
            ctypes.util.find_library(name) is None for name in X11_LIBRARIES):
        return "app.missing_system_libraries"
    return None
