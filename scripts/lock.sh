#!/usr/bin/env bash
# Re-resolve requirements/<env>.in into the pinned requirements/<env>.txt, in throw-away venvs.
# Only environments whose .in file changed since its last lock are re-resolved (FORCE=1: all):
# re-locking the rasa env changes the model's training hash and so costs a retraining.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/python310.sh
source scripts/python310.sh
PYTHON=$(find_python310) || { echo "error: Python 3.10 not found (set EMS_PYTHON310)" >&2; exit 1; }
hashes=requirements/locked-from.sha256
touch "$hashes"
for name in rasa app; do
  current=$(sha256sum "requirements/$name.in" | cut -d' ' -f1)
  if [[ "${FORCE:-0}" != 1 ]] && grep -qx "$current  requirements/$name.in" "$hashes"; then
    echo "requirements/$name.txt is up to date with requirements/$name.in"
    continue
  fi
  tmp=$(mktemp -d)
  "$PYTHON" -m venv "$tmp"
  "$tmp/bin/python" -m pip install --quiet --upgrade pip wheel
  "$tmp/bin/python" -m pip install --quiet --requirement "requirements/$name.in"
  { echo "# Locked by 'make lock' from requirements/$name.in on Python 3.10. Do not edit by hand."
    "$tmp/bin/python" -m pip freeze --exclude-editable; } >"requirements/$name.txt"
  rm -rf "$tmp"
  grep -v "  requirements/$name.in\$" "$hashes" >"$hashes.new" || true
  echo "$current  requirements/$name.in" >>"$hashes.new"
  mv "$hashes.new" "$hashes"
  echo "requirements/$name.txt updated"
done
