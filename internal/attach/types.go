package attach

import (
	"bytes"
	"fmt"
	"mime"
	"path"
	"strings"

	"github.com/gabriel-vasile/mimetype"
)

// DefaultMaxBytes is the default size limit per file: 25 MB.
const DefaultMaxBytes int64 = 25 << 20

// Limits are the admin's rules for what may be attached.
type Limits struct {
	// MaxBytes is the largest file accepted, in bytes; 0 means DefaultMaxBytes.
	MaxBytes int64
	// Allowed lists the accepted content types as MIME types
	// ("application/pdf") or families ("image/*"); nil means DefaultAllowed().
	// Matching is by sniffed content, never by the name. Executables, scripts,
	// web pages and SVG drawings are refused even if listed here, because
	// opening them can run code.
	Allowed []string
}

// Office document types accepted by default.
var officeTypes = []string{
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document",   // docx
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",         // xlsx
	"application/vnd.openxmlformats-officedocument.presentationml.presentation", // pptx
	"application/msword",                              // doc
	"application/vnd.ms-excel",                        // xls
	"application/vnd.ms-powerpoint",                   // ppt
	"application/vnd.oasis.opendocument.text",         // odt
	"application/vnd.oasis.opendocument.spreadsheet",  // ods
	"application/vnd.oasis.opendocument.presentation", // odp
}

// DefaultAllowed returns the default allow-list: images (PNG, JPEG, GIF,
// WebP, BMP, TIFF, HEIC/HEIF), PDF, plain text, CSV (and TSV) and Office
// documents (docx, xlsx, pptx, doc, xls, ppt, odt, ods, odp).
func DefaultAllowed() []string {
	l := []string{
		"image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp",
		"image/tiff", "image/heic", "image/heif",
		"application/pdf",
		"text/plain",
		"text/csv", "text/tab-separated-values",
	}
	return append(l, officeTypes...)
}

// withDefaults fills the zero values of l.
func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	if l.Allowed == nil {
		l.Allowed = DefaultAllowed()
	}
	norm := make([]string, 0, len(l.Allowed))
	for _, a := range l.Allowed {
		if a = strings.ToLower(strings.TrimSpace(a)); a != "" {
			norm = append(norm, a)
		}
	}
	l.Allowed = norm
	return l
}

// allows reports whether the sniffed type is on the allow-list. Only the type
// itself (and its aliases) is compared, never its parents: a shell script's
// parent is text/plain and a zip's children are Office documents.
func (l Limits) allows(m *mimetype.MIME) bool {
	base := baseType(m.String())
	for _, a := range l.Allowed {
		if fam, ok := strings.CutSuffix(a, "/*"); ok {
			if strings.HasPrefix(base, fam+"/") {
				return true
			}
			continue
		}
		if m.Is(a) {
			return true
		}
	}
	return false
}

// describeAllowed says in words what the allow-list accepts, e.g. "images,
// PDF, text, CSV and Office documents".
func (l Limits) describeAllowed() string {
	var groups []string
	add := func(g string) {
		for _, have := range groups {
			if have == g {
				return
			}
		}
		groups = append(groups, g)
	}
	var rest []string
	for _, a := range l.Allowed {
		switch {
		case strings.HasPrefix(a, "image/"):
			add("images")
		case a == "application/pdf":
			add("PDF")
		case a == "text/plain":
			add("text")
		case a == "text/csv" || a == "text/tab-separated-values":
			add("CSV")
		case isOffice(a):
			add("Office documents")
		default:
			rest = append(rest, a)
		}
	}
	order := map[string]int{"images": 0, "PDF": 1, "text": 2, "CSV": 3, "Office documents": 4}
	sorted := make([]string, len(order))
	for _, g := range groups {
		sorted[order[g]] = g
	}
	out := make([]string, 0, len(groups)+len(rest))
	for _, g := range sorted {
		if g != "" {
			out = append(out, g)
		}
	}
	for _, a := range rest {
		if fam, ok := strings.CutSuffix(a, "/*"); ok {
			out = append(out, fam+" files")
		} else if m := mimetype.Lookup(a); m != nil && m.Extension() != "" {
			out = append(out, strings.ToUpper(strings.TrimPrefix(m.Extension(), "."))+" files")
		} else {
			out = append(out, a)
		}
	}
	if len(out) == 0 {
		return "nothing (no file types are allowed)"
	}
	return joinAnd(out)
}

func isOffice(m string) bool {
	for _, o := range officeTypes {
		if o == m {
			return true
		}
	}
	return false
}

func joinAnd(items []string) string {
	if len(items) == 1 {
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// baseType strips MIME parameters: "text/plain; charset=utf-8" → "text/plain".
func baseType(m string) string {
	if t, _, err := mime.ParseMediaType(m); err == nil {
		return t
	}
	return m
}

// denied describes content that is refused whatever the allow-list says,
// because opening it can run code. The key is a MIME type as mimetype reports
// it (aliases are matched too).
var denied = []struct {
	mime string
	what string
}{
	{"application/vnd.microsoft.portable-executable", "a Windows program"},
	{"application/x-ms-installer", "a Windows installer"},
	{"application/x-ms-shortcut", "a Windows shortcut"},
	{"application/vnd.ms-cab-compressed", "a Windows installer cabinet"},
	{"application/x-installshield", "a Windows installer cabinet"},
	{"application/vnd.ms-htmlhelp", "a Windows help file (it can run programs)"},
	{"application/x-elf", "a Linux program"},
	{"application/x-executable", "a Linux program"},
	{"application/x-sharedlib", "a Linux program library"},
	{"application/x-object", "a compiled program file"},
	{"application/x-coredump", "a program memory dump"},
	{"application/x-mach-binary", "a Mac program"},
	{"application/java-archive", "a Java program"},
	{"application/x-java-applet", "a Java program"},
	{"application/vnd.android.package-archive", "an Android app"},
	{"application/x-chrome-extension", "a browser extension"},
	{"application/wasm", "a WebAssembly program"},
	{"application/vnd.debian.binary-package", "a software package"},
	{"application/x-rpm", "a software package"},
	{"application/x-bytecode.python", "a compiled Python program"},
	{"application/x-shockwave-flash", "a Flash program"},
	{"text/x-shellscript", "a shell script"},
	{"text/x-python", "a Python script"},
	{"text/javascript", "a JavaScript program"},
	{"text/x-php", "a PHP script"},
	{"text/x-perl", "a Perl script"},
	{"text/x-ruby", "a Ruby script"},
	{"text/x-lua", "a Lua script"},
	{"text/x-tcl", "a Tcl script"},
	{"text/html", "a web page (it may carry scripts)"},
	{"application/xhtml+xml", "a web page (it may carry scripts)"},
	{"image/svg+xml", "an SVG drawing (it may carry scripts)"},
}

// deniedByContent returns why m is always refused, or "".
func deniedByContent(m *mimetype.MIME) string {
	for _, d := range denied {
		if m.Is(d.mime) {
			return d.what
		}
	}
	return ""
}

// deniedExt lists name extensions that make a system run the file when it is
// opened with its default program. A file with such a name is refused whatever
// its content, because the name is kept for "Open" and "Save As".
var deniedExt = map[string]string{
	".exe": "a Windows program", ".com": "a Windows program", ".scr": "a Windows program",
	".pif": "a Windows program", ".cpl": "a Windows program", ".msc": "a Windows program",
	".dll": "a Windows program library", ".sys": "a Windows driver",
	".msi": "a Windows installer", ".msp": "a Windows installer", ".mst": "a Windows installer",
	".msix": "a Windows installer", ".appx": "a Windows installer", ".appinstaller": "a Windows installer",
	".application": "a Windows installer", ".gadget": "a Windows program",
	".bat": "a Windows batch script", ".cmd": "a Windows batch script",
	".ps1": "a PowerShell script", ".psm1": "a PowerShell script", ".psd1": "a PowerShell script",
	".ps1xml": "a PowerShell script", ".psc1": "a PowerShell script",
	".vbs": "a VBScript program", ".vbe": "a VBScript program", ".vb": "a VBScript program",
	".js": "a JavaScript program", ".jse": "a JavaScript program", ".mjs": "a JavaScript program",
	".wsf": "a Windows script", ".wsh": "a Windows script", ".ws": "a Windows script",
	".sct": "a Windows script", ".hta": "a Windows script", ".inf": "a Windows setup script",
	".reg": "a Windows registry file", ".scf": "a Windows shell command file",
	".lnk": "a Windows shortcut", ".url": "an internet shortcut", ".website": "an internet shortcut",
	".jar": "a Java program", ".jnlp": "a Java program",
	".sh": "a shell script", ".bash": "a shell script", ".zsh": "a shell script",
	".csh": "a shell script", ".ksh": "a shell script", ".fish": "a shell script",
	".command": "a Mac shell script", ".tool": "a Mac shell script",
	".app": "a Mac program", ".pkg": "a Mac installer", ".dmg": "a Mac disk image",
	".workflow": "a Mac automation", ".scpt": "a Mac script", ".applescript": "a Mac script",
	".desktop": "a Linux launcher", ".appimage": "a Linux program", ".run": "a Linux installer",
	".deb": "a software package", ".rpm": "a software package", ".snap": "a software package",
	".flatpak": "a software package", ".apk": "an Android app",
	".py": "a Python script", ".pyw": "a Python script", ".pyc": "a compiled Python program",
	".pl": "a Perl script", ".rb": "a Ruby script", ".php": "a PHP script", ".lua": "a Lua script",
	".html": "a web page (it may carry scripts)", ".htm": "a web page (it may carry scripts)",
	".xhtml": "a web page (it may carry scripts)", ".mht": "a web page (it may carry scripts)",
	".mhtml": "a web page (it may carry scripts)", ".svg": "an SVG drawing (it may carry scripts)",
	".svgz": "an SVG drawing (it may carry scripts)",
	".docm": "an Office document with macros", ".dotm": "an Office document with macros",
	".xlsm": "an Office document with macros", ".xltm": "an Office document with macros",
	".xlam": "an Office add-in", ".pptm": "an Office document with macros",
	".potm": "an Office document with macros", ".ppam": "an Office add-in",
	".iso": "a disk image", ".img": "a disk image", ".vhd": "a disk image", ".vhdx": "a disk image",
}

// deniedByName returns why a file with this name is refused, or "".
func deniedByName(name string) string {
	return deniedExt[strings.ToLower(path.Ext(name))]
}

// deniedByText catches scripts mimetype reports as plain text: any "#!"
// interpreter line, Windows batch files and registry files, internet
// shortcuts and Linux launchers.
func deniedByText(head []byte) string {
	t := bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	t = bytes.TrimLeft(t, " \t\r\n")
	lower := bytes.ToLower(firstLine(t))
	switch {
	case bytes.HasPrefix(t, []byte("#!")):
		return "a script"
	case bytes.HasPrefix(lower, []byte("@echo")), bytes.HasPrefix(lower, []byte("echo off")):
		return "a Windows batch script"
	case bytes.HasPrefix(lower, []byte("windows registry editor")), bytes.HasPrefix(lower, []byte("regedit4")):
		return "a Windows registry file"
	case bytes.HasPrefix(lower, []byte("[internetshortcut]")):
		return "an internet shortcut"
	case bytes.HasPrefix(lower, []byte("[desktop entry]")):
		return "a Linux launcher"
	case bytes.HasPrefix(lower, []byte("<?php")):
		return "a PHP script"
	}
	return ""
}

func firstLine(b []byte) []byte {
	if i := bytes.IndexAny(b, "\r\n"); i >= 0 {
		return b[:i]
	}
	return b
}

// describe names a refused type in words: "a ZIP archive", "an audio file",
// "a .json file (application/json)".
func describe(m *mimetype.MIME) string {
	base := baseType(m.String())
	switch {
	case m.Is("application/zip"):
		return "a ZIP archive"
	case m.Is("application/x-7z-compressed"):
		return "a 7-Zip archive"
	case m.Is("application/vnd.rar"):
		return "a RAR archive"
	case m.Is("application/gzip"), m.Is("application/x-bzip2"), m.Is("application/x-xz"),
		m.Is("application/zstd"), m.Is("application/x-tar"), m.Is("application/lzip"),
		m.Is("application/x-cpio"), m.Is("application/x-archive"), m.Is("application/x-xar"):
		return "a compressed archive"
	case m.Is("application/octet-stream"):
		return "a file of unknown type"
	case strings.HasPrefix(base, "audio/"):
		return "an audio file"
	case strings.HasPrefix(base, "video/"):
		return "a video"
	case strings.HasPrefix(base, "font/"):
		return "a font"
	case strings.HasPrefix(base, "image/"):
		return fmt.Sprintf("an image of a kind not accepted (%s)", base)
	}
	if ext := m.Extension(); ext != "" {
		return fmt.Sprintf("a %s file (%s)", ext, base)
	}
	return fmt.Sprintf("a file of type %s", base)
}
