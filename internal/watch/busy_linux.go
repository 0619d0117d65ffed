package watch

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// openForWriting reports whether some process has the file open for
// writing, as far as /proc shows this user's processes: each open file of
// each process that names the same file, and the access mode of that open.
func openForWriting(path string, info fs.FileInfo) bool {
	procs, err := os.ReadDir("/proc")
	if err != nil {
		return false
	}
	base := filepath.Base(path)
	for _, p := range procs {
		if _, err := strconv.Atoi(p.Name()); err != nil {
			continue
		}
		fdDir := filepath.Join("/proc", p.Name(), "fd")
		fds, err := os.ReadDir(fdDir)
		if err != nil {
			continue // gone, or another user's
		}
		for _, fd := range fds {
			link, err := os.Readlink(filepath.Join(fdDir, fd.Name()))
			if err != nil || filepath.Base(link) != base {
				continue
			}
			st, err := os.Stat(filepath.Join(fdDir, fd.Name()))
			if err != nil || !os.SameFile(st, info) {
				continue
			}
			if writeMode(filepath.Join("/proc", p.Name(), "fdinfo", fd.Name())) {
				return true
			}
		}
	}
	return false
}

// writeMode reads an fdinfo file's flags (octal) and reports whether the
// file was opened write-only or read-write.
func writeMode(fdinfo string) bool {
	b, err := os.ReadFile(fdinfo)
	if err != nil {
		return false
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "flags:"); ok {
			flags, err := strconv.ParseUint(strings.TrimSpace(v), 8, 64)
			return err == nil && flags&3 != 0 // O_WRONLY or O_RDWR
		}
	}
	return false
}
