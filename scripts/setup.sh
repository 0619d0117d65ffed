#!/usr/bin/env bash
# Installs what Deskline needs to build, run and test on Debian or Ubuntu:
# system packages (only those missing) and the frontend's npm packages.
#   scripts/setup.sh          everything needed to build and run
#   scripts/setup.sh --test   also what the tests and measurements need (Xvfb, Chromium, D-Bus,
#                             ImageMagick, xdotool for scripts/measure-window.sh, PostgreSQL for
#                             the team hub's tests, started by scripts/pg.sh)
#   scripts/setup.sh --release  also what scripts/release.sh and scripts/release-check.sh need
#                             (dpkg-dev, lintian, NSIS, ImageMagick, Xvfb, x11-utils, xdotool, and
#                             WebKitGTK 4.1's development files where Debian has them)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(gcc pkg-config libgtk-3-dev libwebkit2gtk-4.0-dev)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(xvfb xauth chromium dbus imagemagick xdotool fonts-dejavu-core postgresql poppler-utils)
fi
if [[ "${1:-}" == "--release" ]]; then
  packages+=(dpkg-dev lintian nsis imagemagick xvfb xauth x11-utils xdotool fonts-dejavu-core)
  # The webkit2_41 .deb is built where Debian has WebKitGTK 4.1 (Debian 12 and later).
  candidate() { apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2}'; }
  if ! pkg-config --exists webkit2gtk-4.1 2>/dev/null && ! [[ $(candidate libwebkit2gtk-4.1-dev) =~ ^[0-9] ]]; then
    $([[ $(id -u) -ne 0 ]] && echo sudo) apt-get update -qq || true
  fi
  if pkg-config --exists webkit2gtk-4.1 2>/dev/null || [[ $(candidate libwebkit2gtk-4.1-dev) =~ ^[0-9] ]]; then
    packages+=(libwebkit2gtk-4.1-dev)
  fi
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "==> installing system packages: ${missing[*]}"
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v go >/dev/null || { echo "Go is not installed: install Go 1.26 or newer first" >&2; exit 1; }
command -v npm >/dev/null || { echo "Node.js and npm are not installed: install Node.js 20 or newer first" >&2; exit 1; }

if [[ ! -d frontend/node_modules ]] || [[ frontend/package-lock.json -nt frontend/node_modules/.package-lock.json ]]; then
  echo "==> installing frontend packages"
  (cd frontend && npm ci --no-audit --no-fund --loglevel=error)
fi
go mod download
