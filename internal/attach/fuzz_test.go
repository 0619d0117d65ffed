package attach

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func FuzzCleanName(f *testing.F) {
	for _, s := range []string{"id card.png", `C:\Users\a\scan.pdf`, "../../etc/passwd", "CON.txt", "report.pdf.", " . ", "..",
		"a\u202etxt.exe", "\x00\xff", strings.Repeat("名", 100) + ".pdf", "x." + strings.Repeat("e", 40), "lpt1", "a/b/", `<>:"|?*`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := CleanName(in)
		if got == "" || len(got) > MaxNameBytes || !utf8.ValidString(got) {
			t.Fatalf("CleanName(%q) = %q (%d bytes)", in, got, len(got))
		}
		if strings.ContainsAny(got, `<>:"/\|?*`) || got == "." || got == ".." {
			t.Fatalf("CleanName(%q) = %q: a character or name some system refuses", in, got)
		}
		for _, r := range got {
			if unicode.IsControl(r) || isBidiControl(r) {
				t.Fatalf("CleanName(%q) = %q: holds %U", in, got, r)
			}
		}
		if got != strings.TrimSpace(got) || strings.HasSuffix(got, ".") || isReservedWindowsName(got) {
			t.Fatalf("CleanName(%q) = %q: untrimmed or reserved", in, got)
		}
		if again := CleanName(got); again != got {
			t.Fatalf("not idempotent: %q → %q → %q", in, got, again)
		}
	})
}
