#!/usr/bin/env bash
# Builds the frontend and the production app into build/bin/deskline.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "==> building the frontend"
(cd frontend && npm run build --silent)
echo "==> building the app"
go tool wails build -s -m -skipbindings -o deskline -trimpath >/dev/null
echo "built build/bin/deskline"
