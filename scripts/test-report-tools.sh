#!/usr/bin/env bash
# What the credit report's tests need (ReportHttpTest): a TrueType CJK font for the PDF
# (fonts-wqy-zenhei) and poppler-utils (pdftotext, pdftoppm) to read the PDF back. Debian
# packages, installed when missing; without apt (or without rights) the test that needs them is
# skipped, not failed.
set -uo pipefail
need=()
if ! ls /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc > /dev/null 2>&1; then need+=(fonts-wqy-zenhei); fi
if ! command -v pdftoppm > /dev/null 2>&1; then need+=(poppler-utils); fi
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if ! command -v apt-get > /dev/null 2>&1; then
  echo "no apt-get: install ${need[*]} yourself, or the report's PDF test will be skipped" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "installing ${need[*]} (Debian packages) for the credit report's tests" >&2
$SUDO apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >&2 \
  || echo "${need[*]} could not be installed: the report's PDF test will be skipped" >&2
exit 0
