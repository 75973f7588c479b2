#!/usr/bin/env bash
# One entry point for developers and CI.
#   bash scripts/dev.sh run    set everything up, then start the dashboard on geodata/
#   bash scripts/dev.sh test   set everything up (incl. Chromium, PostgreSQL, nginx), then lint and run every test
#   bash scripts/dev.sh serve N [--port P]   set up (incl. nginx), then N Streamlit processes behind nginx on port P
#   bash scripts/dev.sh setup  only set up what run and serve need (for a container image, say)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV="$ROOT/.venv"
PY="$VENV/bin/python"

say() { printf '==> %s\n' "$*"; }

setup_python() {
  if [ ! -x "$PY" ]; then
    say "creating .venv"
    python3 -m venv "$VENV"
  fi
  local stamp="$VENV/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
  if [ ! -f "$stamp" ]; then
    say "installing Python packages"
    "$PY" -m pip install --quiet --upgrade pip
    "$PY" -m pip install --quiet -e '.[dev]'
    rm -f "$VENV"/.installed-*
    touch "$stamp"
  fi
}

setup_assets() {
  local stamp="node_modules/.installed-$(sha256sum package-lock.json | cut -c1-16)"
  if [ ! -f "$stamp" ]; then
    say "installing browser assets from npm"
    npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
    touch "$stamp"
  fi
  # Served by Streamlit at /app/static/vendor/... (see .streamlit/config.toml).
  mkdir -p static/vendor/leaflet
  cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css static/vendor/leaflet/
  cp -r node_modules/leaflet/dist/images static/vendor/leaflet/
}

apt_install() {  # apt_install WHY PACKAGE...: Debian packages (with sudo when not root)
  local why=$1
  shift
  say "installing $* from Debian ($why)"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

setup_browser() {
  if [ -x /usr/lib/chromium/chromium ] || [ -x /usr/bin/chromium ]; then
    return
  fi
  apt_install "browser tests" chromium fonts-dejavu-core
}

setup_postgres() {  # only the tests of the PostgreSQL store need it; they start a private server
  if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    return
  fi
  apt_install "store tests" postgresql
}

setup_nginx() {  # `serve` puts nginx in front of the Streamlit processes; its tests need it too
  if [ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1; then
    return
  fi
  apt_install "serve N" nginx
}

case "${1:-}" in
  run)
    setup_python
    setup_assets
    say "starting the dashboard on http://localhost:8501"
    # no proxy in front: uvicorn must not believe a visitor's X-Forwarded-For (README,
    # "Running for many visitors"); set FORWARDED_ALLOW_IPS to your own proxy's address
    FORWARDED_ALLOW_IPS="${FORWARDED_ALLOW_IPS-}" exec "$PY" -m streamlit run app.py
    ;;
  setup)
    setup_python
    setup_assets
    setup_nginx
    ;;
  serve)
    shift
    setup_python
    setup_assets
    setup_nginx
    exec "$PY" -m dashboard.serve "$@"
    ;;
  test)
    setup_python
    setup_assets
    setup_browser
    setup_postgres
    setup_nginx
    say "ruff check"
    "$VENV/bin/ruff" check .
    say "ruff format --check"
    "$VENV/bin/ruff" format --check .
    say "lint-imports (the layers of README's Architecture)"
    "$VENV/bin/lint-imports"
    say "pytest"
    exec "$PY" -m pytest
    ;;
  *)
    echo "usage: bash scripts/dev.sh run | test | serve N [--port P] [--address A] | setup" >&2
    exit 2
    ;;
esac
