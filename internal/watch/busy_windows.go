package watch

import (
	"errors"
	"io/fs"
	"syscall"
)

// errorSharingViolation is what Windows says when another program holds the
// file open in a way that forbids sharing it.
const errorSharingViolation syscall.Errno = 32

// openForWriting reports whether another program holds the file open: an
// open that shares nothing fails while any writer (scanner drivers open
// without sharing writes) has it.
func openForWriting(path string, _ fs.FileInfo) bool {
	p, err := syscall.UTF16PtrFromString(path)
	if err != nil {
		return false
	}
	h, err := syscall.CreateFile(p, syscall.GENERIC_READ, 0, nil, syscall.OPEN_EXISTING, syscall.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		return errors.Is(err, errorSharingViolation)
	}
	syscall.CloseHandle(h)
	return false
}
