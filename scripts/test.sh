#!/usr/bin/env bash
# Sets up and runs every check and test of Deskline. See README.md.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/steps.sh

gofmt_check() {
  local files; files=$(git ls-files '*.go' | grep -v '^db/dbsqlc/' | xargs gofmt -l)
  [[ -z "$files" ]] || { echo "not gofmt'ed:"; echo "$files"; return 1; }
}
bindings_check() {
  go tool wails generate module >/dev/null 2>&1 || { echo "wails generate module failed"; return 1; }
  git diff --exit-code --stat -- frontend/wailsjs && [[ -z "$(git status --porcelain -- frontend/wailsjs)" ]] ||
    { echo "frontend/wailsjs is out of date: run 'go tool wails generate module' and commit it"; return 1; }
}
e2e() { scripts/with-xvfb.sh bash -c 'cd frontend && npx playwright test'; }

must "setup (system and npm packages)" scripts/setup.sh --test

# The team hub's tests need a real PostgreSQL: a throw-away cluster, stopped on
# any exit (scripts/pg.sh runs it as the postgres user when we are root).
pgdir=$(mktemp -d "${TMPDIR:-/tmp}/deskline-pg.XXXXXX")
trap 'scripts/pg.sh stop "$pgdir" >/dev/null 2>&1; rm -rf "$pgdir"' EXIT
pg_start() { DESKLINE_TEST_PGURL=$(scripts/pg.sh start "$pgdir") && export DESKLINE_TEST_PGURL; }
must "PostgreSQL for the hub tests (scripts/pg.sh)" pg_start
must "frontend build (vue-tsc and vite)" bash -c 'cd frontend && npm run build --silent'
step "gofmt" gofmt_check
step "go vet" go vet ./...
step "sqlc generated code is current" go tool sqlc diff
step "wails bindings are current" bindings_check
step "go test (on a private D-Bus session, with a test-owned notification service)" dbus-run-session -- env DESKLINE_REQUIRE_DBUS=1 go test -count=1 ./...
step "fuzz tests, 10 s each (scripts/fuzz.sh)" scripts/fuzz.sh 10s
step "vitest" bash -c 'cd frontend && npx vitest run'
must "dev build" go build -tags dev -o build/bin/deskline-dev .
step "end-to-end (real app under Xvfb, headless Chromium)" e2e
must "production build" go tool wails build -s -m -skipbindings -o deskline -trimpath
step "screenshot of the production window" scripts/screenshot.sh
finish
