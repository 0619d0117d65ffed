package main

import (
	"io"
	"regexp"
	"testing"
)

func TestVersion(t *testing.T) {
	if v := version(); !regexp.MustCompile(`^\d+\.\d+\.\d+$`).MatchString(v) {
		t.Fatalf("VERSION holds %q, want MAJOR.MINOR.PATCH (the Windows version resource and the .deb need that form)", v)
	}
	c, err := parseFlags([]string{"--version"}, io.Discard)
	if err != nil || !c.showVersion {
		t.Fatalf("parseFlags(--version) = %+v, %v", c, err)
	}
}
