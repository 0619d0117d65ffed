package text

import (
	"strings"
	"testing"
)

func TestExcerpt(t *testing.T) {
	for in, want := range map[string]string{
		"abc\x00\u202edef":       "abcdef",
		strings.Repeat("é", 100): strings.Repeat("é", ExcerptLen) + "…",
		strings.Repeat("a", 40):  strings.Repeat("a", 40),
		"":                       "",
	} {
		if got := Excerpt(in); got != want {
			t.Errorf("Excerpt(%.20q) = %q, want %q", in, got, want)
		}
	}
}

func TestStripMultiline(t *testing.T) {
	for in, want := range map[string]string{
		"a\r\nb\rc":                "a\nb\nc",
		"tab\tand\nline":           "tab\tand\nline",
		"nul\x00 bidi\u202e\u2066": "nul bidi",
		"bell\a esc\x1b c1\u0085":  "bell esc c1",
		"bad\xffutf8":              "badutf8",
	} {
		if got := StripMultiline(in); got != want {
			t.Errorf("StripMultiline(%q) = %q, want %q", in, got, want)
		}
	}
}
