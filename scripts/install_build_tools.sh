#!/usr/bin/env bash
# Tools the bundle's build uses on Debian/Ubuntu (CI): readelf/nm (binutils) for the library
# walk in build.spec, icupkg/genccode (icu-devtools) and a C compiler to rebuild Qt's ICU
# data for the five languages (scripts/slim_icu_data.py). Needs root; skipped when present.
set -euo pipefail
packages=(binutils icu-devtools gcc)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Please install: ${missing[*]}" >&2
  exit 0
fi
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
