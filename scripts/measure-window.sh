#!/usr/bin/env bash
# Measures the production window on a data folder (the million-ticket desk of
# the benchmarks, or any): cold start to the queue's first page painted, and
# the app's memory after scrolling the queue through 10,000 rows. Not part of
# make test (it needs a big desk and minutes).
#
#   scripts/measure-window.sh DATA_DIR [BIN]
#
# BIN defaults to build/bin/deskline, the production build:
#   go tool wails build -s -m -skipbindings -o deskline -trimpath
# Needs Xvfb, imagemagick (import, compare) and xdotool.
#
# How (the frontend has no mark for this that a script can read, so it is
# seen from outside): the window is captured as often as imagemagick can (every 0.2 s to
# 1 s on a loaded machine) from launch; the queue has painted when a capture
# differs from the settled window (captured after 10 s of quiet) in under 2 %
# of the pixels of the queue's rows (relative times and the scroll bar may
# still change; a toast or the bell elsewhere is not the queue). Start
# time is the first such capture, so it includes up to one capture interval.
# The first capture that counted and the settled one are kept in artifacts/.
# Then the keyboard walks the cursor about 10,000 rows down All tickets with
# Page Down (the grid loads pages of 50 on demand as they come into view); resident memory (RSS)
# is read from /proc for the Go process and for the WebKit processes it
# started.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:?usage: scripts/measure-window.sh DATA_DIR [BIN]}
bin=${2:-build/bin/deskline}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

scripts/with-xvfb.sh bash -c '
  set -euo pipefail
  bin=$1 data=$2 out=$3
  rss() { # kB of the app and every process below it
    local total=0 p
    for p in $1 $(pgrep -P "$1" || true) $(for c in $(pgrep -P "$1" || true); do pgrep -P "$c" || true; done); do
      [[ -r /proc/$p/status ]] || continue
      total=$(( total + $(awk "/^VmRSS/ {print \$2}" /proc/$p/status) ))
    done
    echo "$total"
  }
  start=$(date +%s%N)
  "$bin" --data-dir "$data" >"$out/app.log" 2>&1 &
  app=$!
  i=0
  while (( $(date +%s%N) - start < 20000000000 )); do
    t=$(( ($(date +%s%N) - start) / 1000000 ))
    import -window root "$out/f$(printf %04d $i)-$t.png" 2>/dev/null || true
    i=$((i + 1))
  done
  sleep 10
  import -window root "$out/settled.png"
  first="" drawn=""
  timeline=""
  for f in "$out"/f*.png; do
    # The rows of the queue only: a toast or the bell may still change elsewhere.
    d=$(compare -metric AE -fuzz 3% "$f[1000x600+250+130]" "$out/settled.png[1000x600+250+130]" null: 2>&1 || true)
    t=${f##*-}; t=${t%.png}
    timeline+=" ${t}ms:${d%% *}"
    [[ -z "$first" ]] && cp "$f" "$out/before.png"
    if [[ -z "$first" && "${d%% *}" =~ ^[0-9]+$ ]] && (( ${d%% *} < 12000 )); then
      first=$t
    fi
    if [[ -z "$drawn" && "${d%% *}" =~ ^[0-9]+$ ]] && (( ${d%% *} < 300000 )); then
      drawn=$t
    fi
  done
  echo "frames (time since launch: pixels differing from the settled window):$timeline" | fold -w 160
  echo "cold start to the rows area drawn (under half its pixels from the settled window): ${drawn:-not within 20 s} ms"
  echo "cold start to the rows area settled (within 2 %, web fonts swapped in): ${first:-not within 20 s} ms"
  mkdir -p artifacts
  cp "$out/settled.png" artifacts/window-settled.png
  [[ -e "$out/before.png" ]] && cp "$out/before.png" artifacts/window-before-painted.png
  echo "RSS after start: $(( $(rss $app) / 1024 )) MB (Go process and its WebKit processes)"
  echo "RSS of the Go process alone: $(( $(awk "/^VmRSS/ {print \$2}" /proc/$app/status) / 1024 )) MB"
  # Walk the whole queue (All tickets, from the command palette) 10,000 rows
  # down with the keyboard: the grid keeps the cursor row in view and loads
  # pages of 50 as they come into view. Keys go to the window under the
  # pointer (no window manager).
  xdotool mousemove --sync 700 450
  xdotool key ctrl+k; sleep 1
  xdotool type --delay 60 "show all tickets"; sleep 1
  xdotool key Return; sleep 3
  # Page Down moves a screenful (13 rows at this size): 900 presses are
  # over 10,000 rows; "Row N of M" in the footer of the capture says where
  # the walk ended (X drops keys that come faster than the window takes them).
  walk_start=$(date +%s%N)
  for round in $(seq 9); do
    xdotool key --delay 25 --repeat 100 Next
  done
  walk_ms=$(( ($(date +%s%N) - walk_start) / 1000000 ))
  sleep 3
  import -window root "$out/scrolled.png"
  cp "$out/scrolled.png" artifacts/window-scrolled.png
  echo "walked down All tickets with Page Down in ${walk_ms} ms (the footer of artifacts/window-scrolled.png gives the row reached)"
  echo "RSS after the walk: $(( $(rss $app) / 1024 )) MB (Go process and its WebKit processes)"
  echo "RSS of the Go process alone: $(( $(awk "/^VmRSS/ {print \$2}" /proc/$app/status) / 1024 )) MB"
  kill $app; wait $app 2>/dev/null || true
' _ "$bin" "$data" "$out"
