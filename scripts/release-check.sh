#!/usr/bin/env bash
# Builds the release (scripts/release.sh) and checks what it wrote to dist/:
# the .deb packages' fields and contents, lintian, the Windows program's and
# installer's version resources (go test ./cmd/winres), and, for each .deb,
# that it installs with apt on this machine, that the installed
# /usr/bin/deskline starts under Xvfb on a fresh data folder with its window
# named and classed as the desktop entry says (screenshot in artifacts/), and
# that removing the package leaves the data folder.
#   scripts/release-check.sh             build, then check
#   scripts/release-check.sh --no-build  check the dist/ already there
# Installs and removes the deskline package: run it as root or with sudo.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/steps.sh
sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"

version=$(tr -d '[:space:]' < VERSION)
deb40="dist/deskline_${version}_amd64.deb"
deb41="dist/deskline_${version}_amd64_webkit2_41.deb"
exe="dist/Deskline-${version}-windows-amd64.exe"
setup="dist/Deskline-${version}-windows-amd64-setup.exe"

# deb_fields DEB WEBKIT_PACKAGE: name, version, architecture, runtime Depends.
deb_fields() {
  local deb=$1 webkit=$2 depends
  dpkg-deb --info "$deb" >/dev/null || return 1
  [[ $(dpkg-deb --field "$deb" Package) == deskline ]] || { echo "Package is not deskline"; return 1; }
  [[ $(dpkg-deb --field "$deb" Version) == "$version" ]] || { echo "Version is not $version"; return 1; }
  [[ $(dpkg-deb --field "$deb" Architecture) == amd64 ]] || { echo "Architecture is not amd64"; return 1; }
  depends=$(dpkg-deb --field "$deb" Depends)
  echo "Depends: $depends"
  for p in "$webkit" libgtk-3-0 libc6; do
    [[ ",$depends" == *", $p"* || "$depends" == "$p"* ]] || { echo "Depends lacks $p"; return 1; }
  done
  [[ $depends != *-dev* ]] || { echo "Depends names a -dev package"; return 1; }
}

# deb_contents DEB: the program, the desktop entry, the icons, the docs.
deb_contents() {
  local list missing=0
  list=$(dpkg-deb --contents "$1") || return 1
  for f in ./usr/bin/deskline ./usr/share/applications/deskline.desktop \
           ./usr/share/doc/deskline/copyright ./usr/share/doc/deskline/changelog.gz \
           ./usr/share/man/man1/deskline.1.gz; do
    grep -q " $f\$" <<<"$list" || { echo "missing $f"; missing=1; }
  done
  for size in 16 22 24 32 48 64 128 256 512; do
    grep -q " ./usr/share/icons/hicolor/${size}x${size}/apps/deskline.png\$" <<<"$list" ||
      { echo "missing the ${size}x${size} icon"; missing=1; }
  done
  grep -q '^-rwxr-xr-x root/root .* ./usr/bin/deskline$' <<<"$list" || { echo "/usr/bin/deskline is not root-owned 0755"; missing=1; }
  if grep -v ' \./usr/' <<<"$list" | grep -qv ' \./$'; then echo "files outside /usr"; missing=1; fi
  return $missing
}

lintian_check() {
  local out rc=0
  out=$(lintian --fail-on error "$@" 2>&1) || rc=$?
  out=$(grep -v 'running with root privileges' <<<"$out")
  echo "${out:-(no tags)}"
  echo "lintian: $(grep -c '^E:' <<<"$out") errors, $(grep -c '^W:' <<<"$out") warnings"
  return "$rc"
}

nsis_check() {
  # makensis -WX in scripts/release.sh turned any warning into a failed build.
  local kind; kind=$(file -b "$setup")
  echo "$kind"
  [[ $kind == *"Nullsoft Installer"* ]]
}

# window_check DATA_HOME SHOT: starts /usr/bin/deskline on a virtual display
# (run under scripts/with-xvfb.sh), finds its window, checks title and class,
# waits for it to paint and captures the screen.
window_check() {
  local data_home=$1 shot=$2 log=${2%.png}.log wid class
  XDG_DATA_HOME=$data_home /usr/bin/deskline >"$log" 2>&1 &
  local app=$!
  wid=$(timeout 60 xdotool search --sync --onlyvisible --name '^Deskline$' | head -1)
  [[ -n $wid ]] || { echo "no window titled Deskline within 60 s"; cat "$log"; kill $app; return 1; }
  class=$(xprop -id "$wid" WM_CLASS)
  echo "window $wid: title Deskline, $class"
  local want; want=$(sed -n 's/^StartupWMClass=//p' build/linux/deskline.desktop)
  [[ $class == *"\"$want\"" ]] || { echo "WM_CLASS does not end with \"$want\" (the desktop entry's StartupWMClass)"; kill $app; return 1; }
  for _ in $(seq 30); do
    sleep 2
    import -window root "$shot"
    awk -v s="$(convert "$shot" -colorspace Gray -format '%[fx:standard_deviation]' info:)" 'BEGIN { exit !(s > 0.05) }' &&
      { sleep 3; import -window root "$shot"; break; }
  done
  kill $app; wait $app 2>/dev/null
  local colours; colours=$(convert "$shot" -format '%k' info:)
  echo "screenshot $shot: $colours colours"
  ((colours > 64)) || { echo "the screenshot looks blank"; return 1; }
}

# install_check DEB NAME: apt install, --version, start on a fresh data folder, remove.
install_check() {
  local deb=$1 shot="artifacts/deskline-installed-$2.png" home ok=0
  mkdir -p artifacts
  if dpkg-query -W -f='${Status}' deskline 2>/dev/null | grep -q 'install ok'; then
    echo "deskline is installed already: removing it first"
    $sudo apt-get remove -y -qq deskline >/dev/null || return 1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt install -y -qq "./$deb" 2>&1 | grep -v 'stable CLI interface' | tail -2
  [[ $(dpkg-query -W -f='${Version}' deskline 2>/dev/null) == "$version" ]] || { echo "apt did not install deskline $version"; return 1; }
  local said; said=$(/usr/bin/deskline --version)
  echo "/usr/bin/deskline --version: $said"
  [[ $said == "Deskline $version" ]] || ok=1
  home=$(mktemp -d)
  scripts/with-xvfb.sh bash -c "$(declare -f window_check); window_check \"\$@\"" _ "$home" "$shot" || ok=1
  [[ -f $home/Deskline/deskline.db ]] || { echo "no database in the fresh data folder $home/Deskline"; ok=1; }
  $sudo apt-get remove -y -qq deskline >/dev/null || ok=1
  [[ ! -e /usr/bin/deskline ]] || { echo "/usr/bin/deskline is still there after removal"; ok=1; }
  [[ -f $home/Deskline/deskline.db ]] && echo "removed the package; the data folder $home/Deskline is still there" ||
    { echo "removing the package took the data folder"; ok=1; }
  rm -rf "$home"
  return $ok
}

if [[ "${1:-}" != "--no-build" ]]; then
  must "release build (scripts/release.sh)" scripts/release.sh
fi
must "the artifacts are in dist/" ls -l "$deb40" "$exe" "$setup"
step "$deb40: dpkg-deb --info" deb_fields "$deb40" libwebkit2gtk-4.0-37
step "$deb40: dpkg-deb --contents" deb_contents "$deb40"
if [[ -f $deb41 ]]; then
  step "$deb41: dpkg-deb --info" deb_fields "$deb41" libwebkit2gtk-4.1-0
  step "$deb41: dpkg-deb --contents" deb_contents "$deb41"
fi
step "lintian (no errors)" lintian_check dist/*.deb
step "the NSIS installer (built with makensis -WX)" nsis_check
step "Deskline.exe and the installer: PE and version resources (go test ./cmd/winres)" \
  env DESKLINE_EXE="$PWD/$exe" DESKLINE_SETUP="$PWD/$setup" go test -count=1 ./cmd/winres
step "$deb40: apt install, start on a fresh data folder, remove" install_check "$deb40" webkit40
if [[ -f $deb41 ]]; then
  step "$deb41: apt install, start on a fresh data folder, remove" install_check "$deb41" webkit41
fi
finish
