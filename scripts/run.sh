#!/usr/bin/env bash
# Sets up, builds and starts Deskline on the default data folder.
# Extra arguments go to the app, e.g. scripts/run.sh --data-dir /tmp/desk
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
if [[ "$(uname)" == "Linux" && -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  cat >&2 <<'MSG'
Deskline is built (build/bin/deskline) but this machine has no graphical display
(DISPLAY and WAYLAND_DISPLAY are empty). Start it from a desktop session, or give
it a virtual display:
    sudo apt-get install -y xvfb
    Xvfb :99 & DISPLAY=:99 build/bin/deskline
MSG
  exit 1
fi
exec build/bin/deskline "$@"
