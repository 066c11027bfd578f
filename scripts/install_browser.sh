#!/usr/bin/env bash
# The machine's Chromium for the coordinator page's browser test
# (tests/central/coordinator_page/test_browser.py). Needs root and apt-get; without them the
# test is skipped and says why. Skipped when Chromium is there already.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Chromium is missing: the coordinator page's browser test will be skipped" >&2
  exit 0
fi
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
