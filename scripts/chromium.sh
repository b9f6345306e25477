#!/usr/bin/env bash
# Headless Chromium for the browser tests (tests/browser): Debian's `chromium` package, driven by
# Playwright through its executable path. Playwright never downloads a browser of its own.
# Installs the package when it is missing and we are root; otherwise says how. Never fails the
# run: the browser tests themselves fail with the same advice when Chromium is still missing.
set -uo pipefail
cd "$(dirname "$0")/.."
CHROMIUM=/usr/bin/chromium
# The emoji font: the assistant's 👍/👎 buttons are drawn in the screenshots, not as empty boxes.
EMOJI_FONT=/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf
[ -x "$CHROMIUM" ] && [ -f "$EMOJI_FONT" ] && exit 0
log=var/log/setup-chromium.log
mkdir -p var/log
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests (one time, about a minute; log: $log) …"
  packages=(chromium fonts-noto-color-emoji)
  if { apt-get install -y "${packages[@]}" \
       || { apt-get update && apt-get install -y "${packages[@]}"; }; } >"$log" 2>&1; then
    exit 0
  fi
  echo "warning: apt-get install chromium failed; last lines of $log:" >&2
  tail -n 10 "$log" >&2
else
  [ -x "$CHROMIUM" ] && exit 0  # only the emoji font is missing: screenshots show boxes, tests pass
  echo "warning: $CHROMIUM is missing, so the browser tests (tests/browser) will fail." >&2
  echo "         Install it as root: apt-get install chromium fonts-noto-color-emoji" >&2
fi
exit 0
