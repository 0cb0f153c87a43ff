#!/usr/bin/env bash
# Headless Chromium for the browser test of the embeddable check page (CheckPageBrowserTest):
# Debian's chromium package, installed when missing. Without it that one test is skipped, not failed.
set -uo pipefail
if command -v chromium > /dev/null 2>&1; then exit 0; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "installing chromium (Debian package) for the check page's browser test" >&2
$SUDO apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >&2 \
  || echo "chromium could not be installed: CheckPageBrowserTest will be skipped" >&2
exit 0
