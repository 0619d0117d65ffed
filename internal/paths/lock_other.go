//go:build !unix && !windows

package paths

// Lock is a no-op where neither flock nor LockFileEx is available; there the
// Wails single-instance lock alone keeps a second window off the same data
// folder.
func Lock(dataDir string) (release func(), err error) { return func() {}, nil }
