package main

import (
	_ "embed"
	"strings"
)

// The release version lives in the VERSION file alone: the binary embeds it
// (deskline --version, the About dialog), scripts/release.sh names the
// artifacts and fills the installers' metadata from it, and cmd/winres writes
// it into the Windows version resource.
//
//go:embed VERSION
var versionFile string

// version is the release version, e.g. "0.1.0".
func version() string { return strings.TrimSpace(versionFile) }
