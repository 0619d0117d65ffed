package attach

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCleanName(t *testing.T) {
	long := strings.Repeat("é", 150) // 300 bytes
	tests := []struct {
		in, want string
	}{
		{"scan.pdf", "scan.pdf"},
		{"1042 id-card.pdf", "1042 id-card.pdf"},
		{"/home/clerk/Downloads/scan.pdf", "scan.pdf"},
		{`C:\Users\clerk\Desktop\form.docx`, "form.docx"},
		{`..\..\windows\system32\evil.txt`, "evil.txt"},
		{"../../etc/passwd", "passwd"},
		{"folder/", "folder"},
		{`what?<is>:this|"*.txt`, "whatisthis.txt"},
		{"tab\there\nnew\x00line\x7f.txt", "tabherenewline.txt"},
		{"photo\u202egpj.exe", "photogpj.exe"}, // right-to-left override removed
		{"report.pdf. . ", "report.pdf"},
		{"  spaced out  .txt  ", "spaced out  .txt"},
		{"CON", "_CON"},
		{"con.txt", "_con.txt"},
		{"Nul .tar.gz", "_Nul .tar.gz"},
		{"COM1.docx", "_COM1.docx"},
		{"lpt9", "_lpt9"},
		{"COM10.txt", "COM10.txt"},
		{"CONSOLE.txt", "CONSOLE.txt"},
		{"", "attachment"},
		{"   ", "attachment"},
		{"...", "attachment"},
		{"..", "attachment"},
		{"/", "attachment"},
		{`\\server\share\`, "share"},
		{"<>:\"|?*", "attachment"},
		{"bad\xffutf8.txt", "badutf8.txt"},
		{"Ünïcödé 文件.pdf", "Ünïcödé 文件.pdf"},
		{".env", ".env"},
	}
	for _, tt := range tests {
		if got := CleanName(tt.in); got != tt.want {
			t.Errorf("CleanName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}

	t.Run("LongKeepsExtension", func(t *testing.T) {
		got := CleanName(long + ".pdf")
		if len(got) > MaxNameBytes || !strings.HasSuffix(got, ".pdf") || !utf8.ValidString(got) {
			t.Fatalf("CleanName(long.pdf) = %q (%d bytes)", got, len(got))
		}
		if len(got) < MaxNameBytes-1 { // é is 2 bytes: at most one byte short
			t.Fatalf("shortened too much: %d bytes", len(got))
		}
	})

	t.Run("LongWithoutExtension", func(t *testing.T) {
		got := CleanName(long)
		if len(got) > MaxNameBytes || !utf8.ValidString(got) || !strings.HasPrefix(long, got) {
			t.Fatalf("CleanName(long) = %q (%d bytes)", got, len(got))
		}
	})

	t.Run("LongExtensionIsNotKept", func(t *testing.T) {
		got := CleanName("a." + strings.Repeat("x", 250))
		if len(got) != MaxNameBytes {
			t.Fatalf("len = %d, want %d", len(got), MaxNameBytes)
		}
	})
}
