//go:build unix

package app

import "syscall"

// openNonBlock keeps opening a pipe or device from blocking.
const openNonBlock = syscall.O_NONBLOCK

// openNoFollow refuses a link as the last element of a path.
const openNoFollow = syscall.O_NOFOLLOW
