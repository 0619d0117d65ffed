//go:build !linux && !windows

package app

import "errors"

// handOver: the single-instance message is sent by Wails itself here.
func handOver(string, string) error {
	return errors.New("not supported on this system")
}
