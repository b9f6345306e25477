#!/usr/bin/env bash
# Re-resolve requirements/<env>.in into the pinned requirements/<env>.txt, in throw-away venvs.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${EMS_PYTHON310:-$(command -v python3.10 || ls "$HOME"/.pyenv/versions/3.10*/bin/python3.10 | head -n1)}
for name in rasa app; do
  tmp=$(mktemp -d)
  "$PYTHON" -m venv "$tmp"
  "$tmp/bin/python" -m pip install --quiet --upgrade pip wheel
  "$tmp/bin/python" -m pip install --quiet --requirement "requirements/$name.in"
  { echo "# Locked by 'make lock' from requirements/$name.in on Python 3.10. Do not edit by hand."
    "$tmp/bin/python" -m pip freeze --exclude-editable; } >"requirements/$name.txt"
  rm -rf "$tmp"
  echo "requirements/$name.txt updated"
done
