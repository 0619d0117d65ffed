package attach

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxNameBytes is the longest name CleanName returns, in bytes.
const MaxNameBytes = 200

// fallbackName is what CleanName returns when nothing usable is left.
const fallbackName = "attachment"

// maxExtBytes is the longest suffix (dot included) kept as an extension when
// a long name is shortened.
const maxExtBytes = 16

// CleanName turns a name given by the user's system (or a browser drop, or a
// phone) into one that is safe to show and to save on Windows, macOS and
// Linux:
//   - only the last path element is kept (both / and \ separate parts);
//   - invalid UTF-8, control characters, bidirectional-override characters
//     (which can disguise "exe" as "txt") and the characters some system
//     refuses (< > : " / \ | ? * and NUL) are removed;
//   - leading and trailing spaces and trailing dots are trimmed;
//   - reserved Windows device names (CON, PRN, AUX, NUL, COM0–9, LPT0–9, with
//     or without an extension) get a leading underscore;
//   - the result is at most MaxNameBytes bytes, shortened before the
//     extension so that "….pdf" stays a PDF;
//   - "attachment" is returned when nothing is left.
func CleanName(name string) string {
	name = strings.ReplaceAll(name, `\`, "/")
	name = strings.TrimRight(name, "/ ")
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	name = strings.ToValidUTF8(name, "")
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || isBidiControl(r) || strings.ContainsRune(`<>:"/\|?*`, r) {
			return -1
		}
		return r
	}, name)
	name = trimName(name)
	if name == "." || name == ".." {
		name = ""
	}
	name = shorten(name, MaxNameBytes)
	if isReservedWindowsName(name) {
		name = shorten("_"+name, MaxNameBytes)
	}
	if name == "" {
		return fallbackName
	}
	return name
}

// trimName removes leading and trailing white space and trailing dots
// (Windows silently drops them, so "report.pdf." would become another name).
func trimName(name string) string {
	for {
		t := strings.TrimFunc(name, unicode.IsSpace)
		t = strings.TrimRight(t, ".")
		if t == name {
			return name
		}
		name = t
	}
}

// shorten cuts name to at most limit bytes on a rune boundary, keeping a
// short extension intact.
func shorten(name string, limit int) string {
	if len(name) <= limit {
		return name
	}
	stem, ext := name, ""
	if i := strings.LastIndexByte(name, '.'); i > 0 && len(name)-i <= maxExtBytes {
		stem, ext = name[:i], name[i:]
	}
	stem = truncateUTF8(stem, limit-len(ext))
	return trimName(stem) + ext
}

// truncateUTF8 returns the longest prefix of s of at most n bytes that does
// not split a rune.
func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// isBidiControl reports the invisible characters that reorder text, used to
// make "photo‮gpj.exe" look like "photoexe.jpg".
func isBidiControl(r rune) bool {
	switch {
	case r == 0x061C, r == 0x200E, r == 0x200F:
		return true
	case r >= 0x202A && r <= 0x202E:
		return true
	case r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// isReservedWindowsName reports names Windows treats as devices: the part
// before the first dot, with trailing spaces removed, is CON, PRN, AUX, NUL,
// COM0–9 or LPT0–9 (superscript digits included), in any case.
func isReservedWindowsName(name string) bool {
	stem := name
	if i := strings.IndexByte(stem, '.'); i >= 0 {
		stem = stem[:i]
	}
	stem = strings.ToUpper(strings.TrimRight(stem, " "))
	switch stem {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return true
	}
	r := []rune(stem)
	if len(r) == 4 && (string(r[:3]) == "COM" || string(r[:3]) == "LPT") {
		d := r[3]
		return (d >= '0' && d <= '9') || d == '¹' || d == '²' || d == '³'
	}
	return false
}
