#!/usr/bin/env bash
# Starts the production build on demo data under Xvfb, captures its window to
# artifacts/deskline-window.png and checks the picture is not blank.
set -euo pipefail
cd "$(dirname "$0")/.."
out=artifacts/deskline-window.png
mkdir -p artifacts
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
build/bin/deskline seed --data-dir "$data" --tickets 150 --seed 42 2>/dev/null

# A blank or single-colour capture has (almost) no spread of values. The
# window is captured every 2 s until it has painted (at most about 60 s, for a
# loaded machine), then once more a moment later so the screen has settled (a
# desk opens on its sign-in screen: the demo users, none with a PIN yet).
scripts/with-xvfb.sh bash -c '
  build/bin/deskline --data-dir "$1" >artifacts/deskline-window.log 2>&1 &
  app=$!
  for _ in $(seq 30); do
    sleep 2
    import -window root "$2"
    s=$(convert "$2" -colorspace Gray -format "%[fx:standard_deviation]" info:)
    awk -v s="$s" "BEGIN { exit !(s > 0.05) }" && { sleep 3; import -window root "$2"; break; }
  done
  kill $app; wait $app 2>/dev/null || true
' _ "$data" "$out"

spread=$(convert "$out" -colorspace Gray -format '%[fx:standard_deviation]' info:)
colours=$(convert "$out" -format '%k' info:)
echo "screenshot $out: grey spread $spread, $colours colours"
awk -v s="$spread" -v c="$colours" 'BEGIN { exit !(s > 0.05 && c > 64) }' || {
  echo "the screenshot looks blank" >&2; exit 1; }
