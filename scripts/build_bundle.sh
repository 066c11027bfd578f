#!/usr/bin/env bash
# Build the PyInstaller one-folder bundle (dist/relais/), run its own self-test, check its size.
# About two minutes on a small machine; CI runs it on Linux (.ci/run). Run it before a
# release on each target system (PyInstaller does not cross-compile).
set -euo pipefail
cd "$(dirname "$0")/.."
uv run --extra build pyinstaller build.spec --noconfirm --clean --log-level WARN
bundle=dist/relais/relais
[ -x "$bundle" ] || bundle=dist/relais/relais.exe
QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} "$bundle" --self-test
echo "bundle: $(du -sh dist/relais | cut -f1) in dist/relais"
# Issue 14: under 150 MB on Linux (without icu-devtools the full ICU data alone adds 28 MB)
if [ "$(uname)" = Linux ] && [ "$(du -sb dist/relais | cut -f1)" -ge 150000000 ]; then
  echo "bundle: over 150 MB; see README, Packaging (scripts/install_build_tools.sh)" >&2
  exit 1
fi
