// Package text holds the rules every piece of text typed into Deskline
// follows, whichever package checks it: which characters a name or number
// may not hold, and how much of an input an error message may quote.
package text

import (
	"strings"
	"unicode/utf8"
)

// ExcerptLen is how much of an input an error message quotes, at most.
const ExcerptLen = 40

// Excerpt returns s as an error message may quote it: without control or
// direction-changing characters and at most ExcerptLen characters, with "…"
// when cut.
func Excerpt(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		if IsControl(r) {
			continue
		}
		if n == ExcerptLen {
			b.WriteString("…")
			break
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// IsControl reports the characters no name or number may hold: C0 and C1
// controls (tab and newline included), DEL, the bidirectional embedding,
// override and isolate marks (U+202A–U+202E, U+2066–U+2069) that reorder how
// the text around them is shown, and bytes that are not UTF-8.
func IsControl(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == utf8.RuneError:
		return true
	}
	return false
}

// HasControl reports whether s holds a character IsControl refuses.
func HasControl(s string) bool {
	return strings.IndexFunc(s, IsControl) >= 0
}

// StripMultiline returns a multi-line text without the characters IsControl
// refuses, except tab and newline; a carriage return before a newline is
// dropped and any other becomes a newline.
func StripMultiline(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return r != '\t' && r != '\n' && IsControl(r) }) < 0 {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\r':
			b.WriteByte('\n')
		case r == '\t' || r == '\n' || !IsControl(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}
