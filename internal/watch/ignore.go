package watch

import (
	"io/fs"
	"strings"
)

// ignoredSuffixes mark files still being written by a browser, an editor or
// a sync tool.
var ignoredSuffixes = []string{".tmp", ".temp", ".part", ".partial", ".crdownload", ".download", ".swp", ".swx", "~"}

// ignoredNames are system files that are not documents.
var ignoredNames = []string{"thumbs.db", "desktop.ini", "ehthumbs.db"}

// Ignore reports whether a file name in the inbox is never offered:
// hidden files (a leading dot, which covers ".#lock" and ".DS_Store"),
// Office lock files ("~$report.docx"), temporary and partial downloads
// ("*.tmp", "*.part", "*.crdownload", "*.download"), editor swap and backup
// files ("*.swp", "name~") and Windows' Thumbs.db and desktop.ini.
func Ignore(name string) bool {
	if name == "" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") {
		return true
	}
	lower := strings.ToLower(name)
	for _, s := range ignoredSuffixes {
		if strings.HasSuffix(lower, s) {
			return true
		}
	}
	for _, n := range ignoredNames {
		if lower == n {
			return true
		}
	}
	return false
}

// skip reports whether an entry found in the inbox is not offered: ignored
// names, anything but a regular file (folders, links, devices) and files the
// system marks hidden.
func skip(name string, info fs.FileInfo) bool {
	return Ignore(name) || !info.Mode().IsRegular() || hiddenAttr(info)
}
