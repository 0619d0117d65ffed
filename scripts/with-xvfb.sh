#!/usr/bin/env bash
# Runs a command with a private virtual display (Xvfb) and a private D-Bus
# session, both gone when the command ends:  scripts/with-xvfb.sh CMD ARGS...
set -euo pipefail
for n in $(seq 90 140); do
  [[ -e /tmp/.X11-unix/X$n || -e /tmp/.X$n-lock ]] || { display=":$n"; break; }
done
[[ -n "${display:-}" ]] || { echo "no free X display number" >&2; exit 1; }
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
for _ in $(seq 50); do [[ -e /tmp/.X11-unix/X${display#:} ]] && break; sleep 0.1; done
export DISPLAY="$display"
dbus-run-session -- "$@"
