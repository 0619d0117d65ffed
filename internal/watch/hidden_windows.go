//go:build windows

package watch

import (
	"io/fs"
	"syscall"
)

// hiddenAttr reports files Windows marks hidden or system.
func hiddenAttr(info fs.FileInfo) bool {
	d, ok := info.Sys().(*syscall.Win32FileAttributeData)
	if !ok {
		return false
	}
	return d.FileAttributes&(syscall.FILE_ATTRIBUTE_HIDDEN|syscall.FILE_ATTRIBUTE_SYSTEM) != 0
}
