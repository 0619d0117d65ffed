package app

import (
	"errors"
	"unsafe"

	"golang.org/x/sys/windows"
)

var (
	user32          = windows.NewLazySystemDLL("user32.dll")
	procFindWindowW = user32.NewProc("FindWindowW")
	procSendMessage = user32.NewProc("SendMessageW")
)

const (
	wmCopyData = 0x004A
	// singleInstanceData marks the WM_COPYDATA message Wails' single-instance
	// window takes as a second launch's data.
	singleInstanceData = 1542
)

type copyData struct {
	data uintptr
	size uint32
	ptr  uintptr
}

// handOver finds the running instance's hidden single-instance window (named
// after uniqueID by Wails) and sends it msg.
func handOver(uniqueID, msg string) error {
	id := "wails-app-" + uniqueID
	class, err := windows.UTF16PtrFromString(id + "-sic")
	if err != nil {
		return err
	}
	title, err := windows.UTF16PtrFromString(id + "-siw")
	if err != nil {
		return err
	}
	hwnd, _, _ := procFindWindowW.Call(uintptr(unsafe.Pointer(class)), uintptr(unsafe.Pointer(title)))
	if hwnd == 0 {
		return errors.New("the running Deskline's window was not found")
	}
	text, err := windows.UTF16FromString(msg)
	if err != nil {
		return err
	}
	cd := copyData{data: singleInstanceData, size: uint32(len(text) * 2), ptr: uintptr(unsafe.Pointer(&text[0]))}
	procSendMessage.Call(hwnd, wmCopyData, 0, uintptr(unsafe.Pointer(&cd)))
	return nil
}
