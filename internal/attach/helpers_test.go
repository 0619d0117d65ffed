package attach

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// mustOpen opens a store in a fresh temporary folder.
func mustOpen(tb testing.TB, limits Limits) *Store {
	tb.Helper()
	s, err := Open(filepath.Join(tb.TempDir(), "attachments"), limits)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// tmpFiles lists what is in the store's temporary folder.
func tmpFiles(tb testing.TB, s *Store) []string {
	tb.Helper()
	entries, err := os.ReadDir(filepath.Join(s.Dir(), tmpDirName))
	if err != nil {
		tb.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// assertEmpty fails unless the store holds no file and no temporary file.
func assertEmpty(tb testing.TB, s *Store) {
	tb.Helper()
	hashes, err := s.List()
	if err != nil {
		tb.Fatal(err)
	}
	if len(hashes) != 0 {
		tb.Errorf("stored files = %v, want none", hashes)
	}
	if tmp := tmpFiles(tb, s); len(tmp) != 0 {
		tb.Errorf("temporary files left: %v", tmp)
	}
}

func gradient(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.SetNRGBA(x, y, color.NRGBA{R: uint8(x), G: uint8(y), B: 128, A: 255})
		}
	}
	return img
}

func pngBytes(tb testing.TB, w, h int) []byte {
	tb.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, gradient(w, h)); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func jpegBytes(tb testing.TB, w, h int) []byte {
	tb.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, gradient(w, h), nil); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func gifBytes(tb testing.TB, w, h int) []byte {
	tb.Helper()
	var b bytes.Buffer
	if err := gif.Encode(&b, gradient(w, h), nil); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// withExifOrientation inserts an APP1 EXIF segment carrying the orientation
// tag right after the JPEG's SOI marker.
func withExifOrientation(jpg []byte, o uint16) []byte {
	tiff := []byte{'M', 'M', 0, 42, 0, 0, 0, 8, // big-endian header, IFD0 at 8
		0, 1, // one entry
		0x01, 0x12, 0, 3, 0, 0, 0, 1, byte(o >> 8), byte(o), 0, 0, // orientation, SHORT, 1
		0, 0, 0, 0} // no next IFD
	payload := append([]byte("Exif\x00\x00"), tiff...)
	n := len(payload) + 2
	seg := append([]byte{0xFF, 0xE1, byte(n >> 8), byte(n)}, payload...)
	out := append([]byte{}, jpg[:2]...)
	out = append(out, seg...)
	return append(out, jpg[2:]...)
}

type zipEntry struct {
	name, body string
	store      bool // no compression (ODF's "mimetype" entry must be stored)
}

func zipBytes(tb testing.TB, entries ...zipEntry) []byte {
	tb.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, e := range entries {
		method := zip.Deflate
		if e.store {
			method = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: method})
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := w.Write([]byte(e.body)); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`

const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>`

// minimalDocx is the smallest zip Word's layout: content types, rels and the
// main document.
func minimalDocx(tb testing.TB) []byte {
	return zipBytes(tb,
		zipEntry{name: "[Content_Types].xml", body: contentTypes},
		zipEntry{name: "_rels/.rels", body: rels},
		zipEntry{name: "word/document.xml", body: `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Hello</w:t></w:r></w:p></w:body></w:document>`},
	)
}

func minimalXlsx(tb testing.TB) []byte {
	return zipBytes(tb,
		zipEntry{name: "[Content_Types].xml", body: contentTypes},
		zipEntry{name: "_rels/.rels", body: rels},
		zipEntry{name: "xl/workbook.xml", body: `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>`},
	)
}

// elfHeader is the start of a 64-bit Linux executable.
func elfHeader() []byte {
	b := make([]byte, 64)
	copy(b, []byte{0x7F, 'E', 'L', 'F', 2, 1, 1, 0})
	b[16] = 2 // ET_EXEC
	b[18] = 0x3E
	return append(b, bytes.Repeat([]byte{0}, 512)...)
}

// peHeader is the start of a Windows program ("MZ", DOS stub, "PE\0\0").
func peHeader() []byte {
	b := make([]byte, 512)
	copy(b, "MZ")
	b[0x3C] = 0x80
	copy(b[0x80:], "PE\x00\x00")
	return b
}
