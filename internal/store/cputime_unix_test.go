//go:build unix

package store_test

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time this process has used so far (user and system):
// on a shared, loaded machine, operations per CPU second say more about the
// code than operations per second of wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
