#!/usr/bin/env bash
# Build the PyInstaller one-folder bundle (dist/relais/) and run its own self-test.
# Several minutes on a small machine, so CI does not run it: run it before a release,
# on each target system (PyInstaller does not cross-compile).
set -euo pipefail
cd "$(dirname "$0")/.."
uv run --extra build pyinstaller build.spec --noconfirm --clean --log-level WARN
bundle=dist/relais/relais
[ -x "$bundle" ] || bundle=dist/relais/relais.exe
QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} "$bundle" --self-test
echo "bundle: $(du -sh dist/relais | cut -f1) in dist/relais"
