#!/usr/bin/env bash
# Makes sure Debian's Chromium and its ChromeDriver are installed (the browser tests drive them headless; Selenium
# never downloads a driver). Idempotent. Set TAWASUL_CHROMIUM / TAWASUL_CHROMEDRIVER to use other binaries.
set -euo pipefail
CHROMIUM=${TAWASUL_CHROMIUM:-/usr/bin/chromium}
DRIVER=${TAWASUL_CHROMEDRIVER:-/usr/bin/chromedriver}
if [ -x "$CHROMIUM" ] && [ -x "$DRIVER" ]; then exit 0; fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "[browser] installing chromium and chromium-driver (apt-get)" >&2
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
[ -x "$CHROMIUM" ] && [ -x "$DRIVER" ] || { echo "[browser] $CHROMIUM or $DRIVER missing after install" >&2; exit 1; }
