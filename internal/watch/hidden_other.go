//go:build !windows

package watch

import "io/fs"

// hiddenAttr reports files the system marks hidden; outside Windows only the
// leading dot does, which Ignore already covers.
func hiddenAttr(fs.FileInfo) bool { return false }
