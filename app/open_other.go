//go:build !unix

package app

// openNonBlock: opening a file does not block on these systems.
const openNonBlock = 0

// openNoFollow: links are checked for before opening on these systems.
const openNoFollow = 0
