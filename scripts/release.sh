#!/usr/bin/env bash
# Writes Deskline's release artifacts to dist/, named after the version in
# VERSION (see README, "Install"):
#   deskline_V_amd64.deb                 Linux x86-64 with WebKitGTK 4.0 (Debian 12, Ubuntu 22.04)
#   deskline_V_amd64_webkit2_41.deb      Linux x86-64 with WebKitGTK 4.1 only (Ubuntu 24.04, Debian 13);
#                                        built where this machine has WebKitGTK 4.1's development files
#   Deskline-V-windows-amd64-setup.exe   the Windows installer (per user, Start menu, uninstall entry)
#   Deskline-V-windows-amd64.exe         the Windows program alone
#   SHA256SUMS
# The Windows program is cross-compiled (CGO_ENABLED=0: the SQLite driver is
# pure Go) with the resources of the committed rsrc_windows_amd64.syso.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --release

version=$(tr -d '[:space:]' < VERSION)
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "VERSION holds '$version', not MAJOR.MINOR.PATCH" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf dist
mkdir -p dist
# Package timestamps and the changelog date come from the last commit, so the
# same commit gives the same packages.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}

echo "==> Deskline $version: building the frontend"
(cd frontend && npm run build --silent) >/dev/null

# The Linux program, as the production build makes it (desktop,production tags, stripped).
build_linux() { # OUT [EXTRA_TAG]
  go build -tags "desktop,production${2:+,$2}" -trimpath -buildmode=pie -ldflags "-s -w" -o "$1" .
}

# deb_depends BINARY prints the runtime packages the binary's libraries come
# from (dpkg-shlibdeps, as Debian's own packages do).
deb_depends() {
  local d="$work/shlibs"
  mkdir -p "$d/debian"
  printf 'Source: deskline\n\nPackage: deskline\nArchitecture: amd64\n' >"$d/debian/control"
  (cd "$d" && dpkg-shlibdeps -O -e"$1" 2>/dev/null) | sed -n 's/^shlibs:Depends=//p'
}

# build_deb BINARY WEBKIT_PACKAGE OUT.deb
build_deb() {
  local bin=$1 webkit=$2 out=$3 root="$work/deb" depends
  rm -rf "$root"
  mkdir -p "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/applications" "$root/usr/share/doc/deskline" "$root/usr/share/man/man1"
  install -m 0755 "$bin" "$root/usr/bin/deskline"
  install -m 0644 build/linux/deskline.desktop "$root/usr/share/applications/deskline.desktop"
  for size in 16 22 24 32 48 64 128 256 512; do
    local dir="$root/usr/share/icons/hicolor/${size}x${size}/apps"
    mkdir -p "$dir"
    convert build/appicon.png -resize "${size}x${size}" -depth 8 -strip "PNG32:$dir/deskline.png"
  done
  install -m 0644 build/linux/copyright "$root/usr/share/doc/deskline/copyright"
  printf 'deskline (%s) unstable; urgency=medium\n\n  * Deskline %s.\n\n -- %s  %s\n' \
    "$version" "$version" "$maintainer" "$(date -u -R -d "@$SOURCE_DATE_EPOCH")" |
    gzip -9n >"$root/usr/share/doc/deskline/changelog.gz"
  sed "s/@VERSION@/$version/" build/linux/deskline.1 | gzip -9n >"$root/usr/share/man/man1/deskline.1.gz"
  find "$root" -type d -exec chmod 0755 {} +
  find "$root/usr/share" -type f -exec chmod 0644 {} +

  depends=$(deb_depends "$root/usr/bin/deskline")
  [[ $depends == *"$webkit"* ]] || { echo "the binary does not link $webkit (depends: $depends)" >&2; exit 1; }
  [[ $depends != *-dev* ]] || { echo "a -dev package in Depends: $depends" >&2; exit 1; }
  cat >"$root/DEBIAN/control" <<CONTROL
Package: deskline
Version: $version
Architecture: amd64
Maintainer: $maintainer
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: $depends
Section: misc
Priority: optional
Description: offline-first desktop help desk
 Deskline is a help desk for support staff at walk-in counters, roaming
 agents and managers. Log a customer's problem in seconds, work the ticket
 through Open, In Progress, Waiting for Customer, Resolved and Closed with
 notes, attachments, several assignees and an SLA clock, and find it again
 by customer, mobile number, subject or status.
 .
 Everything lives in a local SQLite database in the user's data folder
 (~/.local/share/Deskline), which upgrading or removing the package leaves
 in place.
CONTROL
  (cd "$root" && find usr -type f -print0 | sort -z | xargs -0 md5sum) >"$root/DEBIAN/md5sums"
  chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"
  find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
  dpkg-deb --root-owner-group -Zxz --build "$root" "$out" >/dev/null
  echo "built $out"
}
maintainer="Deskline maintainers <maintainers@deskline.example>"

echo "==> Linux x86-64, WebKitGTK 4.0"
build_linux "$work/deskline-webkit40"
build_deb "$work/deskline-webkit40" libwebkit2gtk-4.0-37 "dist/deskline_${version}_amd64.deb"
if pkg-config --exists webkit2gtk-4.1; then
  echo "==> Linux x86-64, WebKitGTK 4.1 (webkit2_41)"
  build_linux "$work/deskline-webkit41" webkit2_41
  build_deb "$work/deskline-webkit41" libwebkit2gtk-4.1-0 "dist/deskline_${version}_amd64_webkit2_41.deb"
else
  echo "==> skipped the webkit2_41 .deb: WebKitGTK 4.1's development files (libwebkit2gtk-4.1-dev) are not installed here"
fi

echo "==> Windows x86-64"
# The committed resources must be the ones VERSION and the icon make now.
go run ./cmd/winres -syso "$work/rsrc.syso" -ico "$work/deskline.ico"
cmp -s "$work/rsrc.syso" rsrc_windows_amd64.syso ||
  { echo "rsrc_windows_amd64.syso is out of date: run 'make generate' and commit it" >&2; exit 1; }
exe="dist/Deskline-${version}-windows-amd64.exe"
GOOS=windows GOARCH=amd64 CGO_ENABLED=0 \
  go build -tags desktop,production -trimpath -ldflags "-s -w -H windowsgui" -o "$exe" .
echo "built $exe"
# Microsoft's WebView2 bootstrapper, as the Wails module ships it, goes into
# the installer, which runs it when the runtime is missing.
nsis_defs=(-DVERSION="$version" -DEXE="$PWD/$exe" -DICON="$work/deskline.ico"
  -DOUTFILE="$PWD/dist/Deskline-${version}-windows-amd64-setup.exe")
wv2="$(go list -m -f '{{.Dir}}' github.com/wailsapp/wails/v2)/internal/webview2runtime/MicrosoftEdgeWebview2Setup.exe"
if [[ -f $wv2 ]]; then
  nsis_defs+=(-DWEBVIEW2_SETUP="$wv2")
else
  echo "note: no WebView2 bootstrapper in the Wails module; the installer will only check for the runtime"
fi
makensis -WX -V2 "${nsis_defs[@]}" build/windows/deskline.nsi
echo "built dist/Deskline-${version}-windows-amd64-setup.exe"

(cd dist && sha256sum -- * >SHA256SUMS)
echo
echo "==> dist/"
ls -l dist | awk 'NR > 1 { printf "%10d  %s\n", $5, $9 }'
