#!/usr/bin/env bash
# Tools the bundle's build uses on Debian/Ubuntu (CI): readelf/nm (binutils) for the library
# walk in build.spec, icupkg/genccode (icu-devtools) and a C compiler to rebuild Qt's ICU
# data for the five languages (scripts/slim_icu_data.py). Needs root; skipped when present.
set -euo pipefail
packages=(binutils icu-devtools gcc)
. "$(dirname "$0")/apt_missing.sh"
install_missing "${packages[@]}"
