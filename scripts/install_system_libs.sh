#!/usr/bin/env bash
# System libraries PySide6 needs on a bare Debian/Ubuntu machine (CI, servers, containers):
# offscreen rendering (EGL, fontconfig), a real X11 window (xcb) and printing (CUPS: the
# self-test loads Qt's print plugin, which the bundle takes from the system).
# Desktop Linux, Windows and macOS already have them. Needs root; skipped when all present.
set -euo pipefail
packages=(libegl1 libgl1 libfontconfig1 libxkbcommon0 libdbus-1-3 libglib2.0-0
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
  libcups2)
. "$(dirname "$0")/apt_missing.sh"
install_missing "${packages[@]}"
