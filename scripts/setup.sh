#!/usr/bin/env bash
# Set up both Python 3.10 environments and the widget's npm packages from the lock files,
# only when they changed.
#   .venv/rasa           rasa==3.6.21 (train, serve, test conversations)
#   .venv/app            rasa-sdk, SQLAlchemy 2, aiohttp, pydantic 2 … (bot/, actions/, tests)
#   widget/node_modules  socket.io-client (served to browsers), axe-core (browser tests)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var/log

# shellcheck source=scripts/python310.sh
source scripts/python310.sh

if ! PYTHON=$(find_python310); then
  cat >&2 <<'MSG'
error: Python 3.10 was not found, and Rasa 3.6 runs only on Python 3.8–3.10.
Install it, then run this command again, for example:
  with pyenv:        pyenv install 3.10.13
  on Debian/Ubuntu:  sudo apt-get install python3.10 python3.10-venv
Or point EMS_PYTHON310 at a python3.10 executable.
MSG
  exit 1
fi

# setup_env NAME: (re)install .venv/NAME when requirements/NAME.txt or Python changed.
setup_env() {
  local name=$1 venv=.venv/$1 lock=requirements/$1.txt log=var/log/setup-$1.log
  local want
  want="$(sha256sum "$lock" | cut -c1-64) $("$PYTHON" -V 2>&1)"
  if [ -f "$venv/.installed" ] && [ "$(cat "$venv/.installed")" = "$want" ]; then
    return 0
  fi
  echo "Setting up the $name environment (one time, a few minutes; log: $log) …"
  rm -rf "$venv"
  if ! { "$PYTHON" -m venv "$venv" \
         && "$venv/bin/python" -m pip install --quiet --upgrade pip wheel \
         && "$venv/bin/python" -m pip install --quiet --requirement "$lock"; } >"$log" 2>&1; then
    echo "error: installing the $name environment failed; last lines of $log:" >&2
    grep -v '^WARNING: Location' "$log" | tail -n 15 >&2
    return 1
  fi
  echo "$want" >"$venv/.installed"
}

# setup_widget: (re)install widget/node_modules when widget/package-lock.json or Node changed.
setup_widget() {
  local lock=widget/package-lock.json stamp=widget/node_modules/.installed log=var/log/setup-widget.log
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    cat >&2 <<'MSG'
error: Node.js and npm were not found. The website chat widget installs its packages
(socket.io-client, axe-core) from npm with them. Install Node.js 18 or newer, then run this
command again, for example:
  on Debian/Ubuntu:  sudo apt-get install nodejs npm
  with nvm:          nvm install 20
MSG
    return 1
  fi
  local want
  want="$(sha256sum "$lock" | cut -c1-64) node $(node -v)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  echo "Installing the widget's npm packages (log: $log) …"
  if ! (cd widget && npm ci --no-audit --no-fund) >"$log" 2>&1; then
    echo "error: npm ci in widget/ failed; last lines of $log:" >&2
    tail -n 15 "$log" >&2
    return 1
  fi
  echo "$want" >"$stamp"
}

started=$(date +%s)
# All at once: downloads and unpacking overlap on two cores.
setup_env rasa & rasa_pid=$!
setup_env app & app_pid=$!
setup_widget & widget_pid=$!
status=0
wait $rasa_pid || status=1
wait $app_pid || status=1
wait $widget_pid || status=1
[ $status -eq 0 ] || exit 1
elapsed=$(( $(date +%s) - started ))
[ $elapsed -lt 2 ] || echo "Environments ready in ${elapsed} s."
