# Sourced by setup.sh and lock.sh: print a working Python 3.10 (PATH, pyenv, usual places).
find_python310() {
  local candidate
  for candidate in "${EMS_PYTHON310:-}" "$(command -v python3.10 || true)" \
      "$(command -v pyenv >/dev/null && pyenv root)"/versions/3.10*/bin/python3.10 \
      "$HOME"/.pyenv/versions/3.10*/bin/python3.10 /usr/local/bin/python3.10 /usr/bin/python3.10; do
    if [ -n "$candidate" ] && [ -x "$candidate" ] \
        && "$candidate" -c 'import sys, venv; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}
