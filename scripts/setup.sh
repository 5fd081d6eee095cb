#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine: Debian's Chromium (browser tests
# drive /usr/bin/chromium; test tools cannot download their own browser here), CJK fonts (so
# Chinese text renders in screenshots and PNG exports), poppler-utils (the report's PDF is read
# back), and the npm packages from the lockfile.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need_apt+=(fonts-noto-cjk)
# pdftotext and pdftoppm: the report's printed PDF is read back (tests/e2e/report.spec.ts).
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
if [ ${#need_apt[@]} -gt 0 ]; then
	SUDO=""
	if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
	echo "setup: installing Debian packages: ${need_apt[*]}"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
/usr/bin/chromium --version

echo "setup: npm ci"
npm ci --no-audit --no-fund
