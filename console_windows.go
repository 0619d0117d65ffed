//go:build windows

package main

import (
	"os"
	"syscall"
)

// attachConsole lets `Deskline.exe --version` print in the terminal it was
// started from: a Windows GUI program gets no console of its own, so its
// standard output goes nowhere unless it was redirected.
func attachConsole() {
	if _, err := os.Stdout.Stat(); err == nil {
		return // redirected to a file or pipe: already fine
	}
	const attachParentProcess = ^uintptr(0) // ATTACH_PARENT_PROCESS, (DWORD)-1
	if r, _, _ := syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole").Call(attachParentProcess); r == 0 {
		return
	}
	if f, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
		os.Stdout, os.Stderr = f, f
	}
}
