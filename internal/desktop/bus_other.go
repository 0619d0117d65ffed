//go:build !(linux || freebsd || netbsd || openbsd || illumos)

package desktop

import "context"

// probe has nothing to ask: beeep uses no D-Bus on this system.
func probe(context.Context) error { return nil }

func serviceGone(error) bool { return false }
