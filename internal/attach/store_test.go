package attach

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"deskline/internal/desk"
)

func TestPut(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		s := mustOpen(t, Limits{})
		content := []byte("Customer called about a broken printer.\n")
		b, err := s.Put(ctx, bytes.NewReader(content), `C:\Users\clerk\Desktop\notes.txt`)
		if err != nil {
			t.Fatal(err)
		}
		want := Blob{Hash: sum(content), Size: int64(len(content)), MIME: "text/plain; charset=utf-8", Name: "notes.txt"}
		if b != want {
			t.Fatalf("blob = %+v, want %+v", b, want)
		}
		p := filepath.Join(s.Dir(), b.Hash[:2], b.Hash[2:])
		got, err := os.ReadFile(p)
		if err != nil || !bytes.Equal(got, content) {
			t.Fatalf("stored content = %q, %v", got, err)
		}
		if path, err := s.Path(b.Hash); err != nil || path != p {
			t.Fatalf("Path = %q, %v; want %q", path, err, p)
		}
		if tmp := tmpFiles(t, s); len(tmp) != 0 {
			t.Fatalf("temporary files left: %v", tmp)
		}
	})

	t.Run("Dedupe", func(t *testing.T) {
		s := mustOpen(t, Limits{})
		content := pngBytes(t, 40, 30)
		a, err := s.Put(ctx, bytes.NewReader(content), "id-card.png")
		if err != nil {
			t.Fatal(err)
		}
		b, err := s.Put(ctx, io.MultiReader(bytes.NewReader(content)), "same scan again.png")
		if err != nil {
			t.Fatal(err)
		}
		if a.Hash != b.Hash || a.Size != b.Size {
			t.Fatalf("hashes differ: %s vs %s", a.Hash, b.Hash)
		}
		if b.Name != "same scan again.png" {
			t.Errorf("second name = %q, want its own name", b.Name)
		}
		hashes, _ := s.List()
		if len(hashes) != 1 || hashes[0] != a.Hash {
			t.Fatalf("stored = %v, want exactly [%s]", hashes, a.Hash)
		}
		if tmp := tmpFiles(t, s); len(tmp) != 0 {
			t.Fatalf("temporary files left: %v", tmp)
		}
	})

	t.Run("DedupeConcurrent", func(t *testing.T) {
		s := mustOpen(t, Limits{})
		content := bytes.Repeat([]byte("same line\n"), 50_000)
		var wg sync.WaitGroup
		hashes := make([]string, 8)
		errs := make([]error, 8)
		for i := range hashes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				b, err := s.Put(ctx, bytes.NewReader(content), "log.txt")
				hashes[i], errs[i] = b.Hash, err
			}()
		}
		wg.Wait()
		for i := range hashes {
			if errs[i] != nil || hashes[i] != sum(content) {
				t.Fatalf("put %d: %s, %v", i, hashes[i], errs[i])
			}
		}
		stored, _ := s.List()
		if len(stored) != 1 {
			t.Fatalf("stored = %v, want one file", stored)
		}
		if err := s.Verify(stored[0]); err != nil {
			t.Fatal(err)
		}
		if tmp := tmpFiles(t, s); len(tmp) != 0 {
			t.Fatalf("temporary files left: %v", tmp)
		}
	})

	t.Run("RepairsDamagedCopy", func(t *testing.T) {
		s := mustOpen(t, Limits{})
		content := []byte("original text of the form\n")
		b, err := s.Put(ctx, bytes.NewReader(content), "form.txt")
		if err != nil {
			t.Fatal(err)
		}
		p, _ := s.Path(b.Hash)
		if err := os.WriteFile(p, []byte("damaged"), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Put(ctx, bytes.NewReader(content), "form.txt"); err != nil {
			t.Fatal(err)
		}
		if err := s.Verify(b.Hash); err != nil {
			t.Fatalf("after re-attaching, Verify = %v, want nil", err)
		}
	})

	t.Run("ErrEmpty", func(t *testing.T) {
		s := mustOpen(t, Limits{})
		_, err := s.Put(ctx, strings.NewReader(""), "blank.pdf")
		if !errors.Is(err, ErrEmpty) || err.Error() != "blank.pdf is empty" {
			t.Fatalf("err = %v, want ErrEmpty", err)
		}
		assertEmpty(t, s)
	})
}

// sizedReader claims a size and fails the test if it is ever read.
type sizedReader struct {
	t    *testing.T
	size int64
}

func (r sizedReader) Size() int64 { return r.size }
func (r sizedReader) Read([]byte) (int, error) {
	r.t.Error("a file known to be too large was read")
	return 0, io.EOF
}

func TestSizeLimit(t *testing.T) {
	ctx := context.Background()
	const limit = 100_000

	t.Run("ExactlyAtLimit", func(t *testing.T) {
		s := mustOpen(t, Limits{MaxBytes: limit})
		content := bytes.Repeat([]byte("x"), limit)
		// Hide the size so the copy itself enforces the limit.
		b, err := s.Put(ctx, io.MultiReader(bytes.NewReader(content)), "big.txt")
		if err != nil {
			t.Fatal(err)
		}
		if b.Size != limit {
			t.Fatalf("size = %d, want %d", b.Size, limit)
		}
	})

	t.Run("OneByteOver", func(t *testing.T) {
		s := mustOpen(t, Limits{MaxBytes: limit})
		content := bytes.Repeat([]byte("x"), limit+1)
		for _, r := range []io.Reader{bytes.NewReader(content), io.MultiReader(bytes.NewReader(content))} {
			_, err := s.Put(ctx, r, "big.txt")
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("err = %v, want ErrTooLarge", err)
			}
			if desk.ErrorCode(err) != desk.EINVALID || desk.ErrorField(err) != "file" {
				t.Errorf("code/field = %s/%s", desk.ErrorCode(err), desk.ErrorField(err))
			}
			if got, want := desk.ErrorMessage(err), "big.txt is over 97.7 KB; the limit is 97.7 KB"; got != want {
				t.Errorf("message = %q, want %q", got, want)
			}
		}
		assertEmpty(t, s)
	})

	t.Run("StopsCopyingOnceOver", func(t *testing.T) {
		s := mustOpen(t, Limits{MaxBytes: limit})
		r := &streamReader{n: -1}
		_, err := s.Put(ctx, r, "endless.txt")
		if !errors.Is(err, ErrTooLarge) {
			t.Fatalf("err = %v, want ErrTooLarge", err)
		}
		// io.Copy reads in 32 KB blocks; the limit reader never asks for
		// more than one byte past the limit.
		if r.read > limit+1 {
			t.Errorf("read %d bytes of an endless file, want at most %d", r.read, limit+1)
		}
		assertEmpty(t, s)
	})

	t.Run("KnownSizeRefusedBeforeReading", func(t *testing.T) {
		s := mustOpen(t, Limits{})
		_, err := s.Put(ctx, sizedReader{t, 32_715_571}, "scan.pdf")
		if got, want := desk.ErrorMessage(err), "scan.pdf is 31.2 MB; the limit is 25 MB"; got != want {
			t.Fatalf("message = %q, want %q", got, want)
		}
		assertEmpty(t, s)
	})

	t.Run("File", func(t *testing.T) {
		s := mustOpen(t, Limits{MaxBytes: limit})
		p := filepath.Join(t.TempDir(), "huge.txt")
		if err := os.WriteFile(p, bytes.Repeat([]byte("y"), 2*limit), 0o600); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		_, err = s.Put(ctx, f, p)
		if got, want := desk.ErrorMessage(err), "huge.txt is 195.3 KB; the limit is 97.7 KB"; got != want {
			t.Fatalf("message = %q, want %q", got, want)
		}
	})
}

func TestSniff(t *testing.T) {
	ctx := context.Background()
	const allowed = "allowed: images, PDF, text, CSV and Office documents"
	pdf := []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
	tests := []struct {
		name     string
		file     string
		content  []byte
		wantMIME string // accepted with this type…
		wantMsg  string // …or refused with this message
	}{
		{name: "PNGNamedTxt", file: "photo.txt", content: pngBytes(t, 8, 8), wantMIME: "image/png"},
		{name: "JPEG", file: "IMG_0001.JPG", content: jpegBytes(t, 8, 8), wantMIME: "image/jpeg"},
		{name: "GIF", file: "anim.gif", content: gifBytes(t, 8, 8), wantMIME: "image/gif"},
		{name: "PDF", file: "scan", content: pdf, wantMIME: "application/pdf"},
		{name: "Text", file: "notes.txt", content: []byte("line one\nline two\n"), wantMIME: "text/plain; charset=utf-8"},
		{name: "CSV", file: "export.dat", content: []byte("name,mobile\nAna,0712\nBen,0713\n"), wantMIME: "text/csv"},
		{name: "Docx", file: "letter.docx", content: minimalDocx(t), wantMIME: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{name: "Xlsx", file: "prices.xlsx", content: minimalXlsx(t), wantMIME: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
		{name: "DocxUnusualOrder", file: "letter.docx", content: zipBytes(t,
			zipEntry{name: "docMeta/info.xml", body: "<x/>"},
			zipEntry{name: "[Content_Types].xml", body: contentTypes},
			zipEntry{name: "word/document.xml", body: "<w:document/>"},
		), wantMIME: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{name: "Odt", file: "letter.odt", content: zipBytes(t,
			zipEntry{name: "mimetype", body: "application/vnd.oasis.opendocument.text", store: true},
			zipEntry{name: "content.xml", body: "<office:document-content/>"},
		), wantMIME: "application/vnd.oasis.opendocument.text"},

		{name: "ELFNamedPDF", file: "scan.pdf", content: elfHeader(), wantMsg: "scan.pdf is a Linux program; " + allowed},
		{name: "PENamedPDF", file: "invoice.pdf", content: peHeader(), wantMsg: "invoice.pdf is a Windows program; " + allowed},
		{name: "PENamedExe", file: "photo.exe", content: peHeader(), wantMsg: "photo.exe is a Windows program; " + allowed},
		{name: "PNGNamedExe", file: "photo.exe", content: pngBytes(t, 8, 8), wantMsg: "photo.exe is a Windows program; " + allowed},
		{name: "ShellNamedTxt", file: "readme.txt", content: []byte("#!/bin/sh\nrm -rf ~\n"), wantMsg: "readme.txt is a shell script; " + allowed},
		{name: "AnyShebangNamedTxt", file: "readme.txt", content: []byte("#!/opt/bin/tool --run\nx\n"), wantMsg: "readme.txt is a script; " + allowed},
		{name: "PythonNamedTxt", file: "notes.txt", content: []byte("#!/usr/bin/env python3\nimport os\n"), wantMsg: "notes.txt is a Python script; " + allowed},
		{name: "BatchNamedTxt", file: "notes.txt", content: []byte("@ECHO OFF\r\ndel /q C:\\*\r\n"), wantMsg: "notes.txt is a Windows batch script; " + allowed},
		{name: "BatchByName", file: "fix.bat", content: []byte("del /q C:\\*\r\n"), wantMsg: "fix.bat is a Windows batch script; " + allowed},
		{name: "PowerShellByName", file: "fix.PS1", content: []byte("Get-ChildItem | Remove-Item\n"), wantMsg: "fix.PS1 is a PowerShell script; " + allowed},
		{name: "HTML", file: "page.txt", content: []byte("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"), wantMsg: "page.txt is a web page (it may carry scripts); " + allowed},
		{name: "SVG", file: "logo.png", content: []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), wantMsg: "logo.png is an SVG drawing (it may carry scripts); " + allowed},
		{name: "Zip", file: "photos.zip", content: zipBytes(t, zipEntry{name: "a.txt", body: "hi"}), wantMsg: "photos.zip is a ZIP archive; " + allowed},
		{name: "ZipNamedDocx", file: "letter.docx", content: zipBytes(t, zipEntry{name: "run.exe", body: "MZ"}), wantMsg: "letter.docx is a ZIP archive; " + allowed},
		{name: "DocxWithMacros", file: "letter.docx", content: zipBytes(t,
			zipEntry{name: "[Content_Types].xml", body: contentTypes},
			zipEntry{name: "word/document.xml", body: "<w:document/>"},
			zipEntry{name: "word/vbaProject.bin", body: "\xd0\xcf\x11\xe0"},
		), wantMsg: "letter.docx is an Office document with macros; " + allowed},
		{name: "DamagedDocx", file: "letter.docx", content: minimalDocx(t)[:len(minimalDocx(t))-30], wantMsg: "letter.docx is a damaged Office document; " + allowed},
		{name: "Unknown", file: "blob.bin", content: []byte{0, 1, 2, 3, 0xfe, 0xff, 0, 0, 9}, wantMsg: "blob.bin is a file of unknown type; " + allowed},
		{name: "JSON", file: "data.json", content: []byte(`{"a": [1, 2, 3]}`), wantMsg: "data.json is a .json file (application/json); " + allowed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustOpen(t, Limits{})
			b, err := s.Put(ctx, bytes.NewReader(tt.content), tt.file)
			if tt.wantMsg == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if b.MIME != tt.wantMIME {
					t.Fatalf("MIME = %q, want %q", b.MIME, tt.wantMIME)
				}
				return
			}
			if !errors.Is(err, ErrNotAllowed) {
				t.Fatalf("err = %v (MIME %q), want ErrNotAllowed", err, b.MIME)
			}
			if desk.ErrorCode(err) != desk.EINVALID || desk.ErrorField(err) != "file" {
				t.Errorf("code/field = %s/%s", desk.ErrorCode(err), desk.ErrorField(err))
			}
			if got := desk.ErrorMessage(err); got != tt.wantMsg {
				t.Errorf("message = %q\n             want %q", got, tt.wantMsg)
			}
			var ae *Error
			if !errors.As(err, &ae) || ae.Name != CleanName(tt.file) {
				t.Errorf("*Error name = %+v", ae)
			}
			assertEmpty(t, s)
		})
	}
}

func TestLimits(t *testing.T) {
	ctx := context.Background()

	t.Run("Describe", func(t *testing.T) {
		tests := []struct {
			allowed []string
			want    string
		}{
			{nil, "images, PDF, text, CSV and Office documents"},
			{[]string{"application/pdf"}, "PDF"},
			{[]string{"application/json", "application/pdf", "image/png"}, "images, PDF and JSON files"},
			{[]string{}, "nothing (no file types are allowed)"},
		}
		for _, tt := range tests {
			if got := (Limits{Allowed: tt.allowed}).withDefaults().describeAllowed(); got != tt.want {
				t.Errorf("%v: %q, want %q", tt.allowed, got, tt.want)
			}
		}
	})

	t.Run("SetLimits", func(t *testing.T) {
		s := mustOpen(t, Limits{})
		if got := s.Limits(); got.MaxBytes != DefaultMaxBytes || len(got.Allowed) != len(DefaultAllowed()) {
			t.Fatalf("defaults = %+v", got)
		}
		s.SetLimits(Limits{MaxBytes: 10, Allowed: []string{"application/pdf"}})
		_, err := s.Put(ctx, strings.NewReader("eleven byte"), "a.pdf")
		if got, want := desk.ErrorMessage(err), "a.pdf is 11 bytes; the limit is 10 bytes"; got != want {
			t.Errorf("message = %q, want %q", got, want)
		}
		_, err = s.Put(ctx, strings.NewReader("short"), "a.txt")
		if got, want := desk.ErrorMessage(err), "a.txt is a .txt file (text/plain); allowed: PDF"; got != want {
			t.Errorf("message = %q, want %q", got, want)
		}
		l := s.Limits()
		l.Allowed[0] = "text/plain" // a copy: the store is not changed
		if s.Limits().Allowed[0] != "application/pdf" {
			t.Error("Limits returned the store's own slice")
		}
	})

	t.Run("CustomList", func(t *testing.T) {
		s := mustOpen(t, Limits{Allowed: []string{"image/*", "application/json"}})
		if _, err := s.Put(ctx, strings.NewReader(`{"ok": true}`), "a.json"); err != nil {
			t.Fatalf("json refused: %v", err)
		}
		if _, err := s.Put(ctx, bytes.NewReader(pngBytes(t, 4, 4)), "a.png"); err != nil {
			t.Fatalf("png refused: %v", err)
		}
		_, err := s.Put(ctx, strings.NewReader("plain words"), "a.txt")
		if got, want := desk.ErrorMessage(err), "a.txt is a .txt file (text/plain); allowed: images and JSON files"; got != want {
			t.Errorf("message = %q, want %q", got, want)
		}
		// "image/*" does not let SVG (which can carry scripts) in.
		_, err = s.Put(ctx, strings.NewReader(`<svg xmlns="http://www.w3.org/2000/svg"></svg>`), "a.svg")
		if !errors.Is(err, ErrNotAllowed) {
			t.Errorf("svg: err = %v, want ErrNotAllowed", err)
		}
	})
}

func TestFormatSize(t *testing.T) {
	tests := map[int64]string{
		0: "0 bytes", 1: "1 byte", 812: "812 bytes", 1024: "1 KB", 14848: "14.5 KB",
		25 << 20: "25 MB", 32_715_571: "31.2 MB", 3 << 30: "3 GB",
	}
	for n, want := range tests {
		if got := FormatSize(n); got != want {
			t.Errorf("FormatSize(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestRemoveAndList(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t, Limits{})
	a, _ := s.Put(ctx, strings.NewReader("first\n"), "a.txt")
	b, _ := s.Put(ctx, strings.NewReader("second\n"), "b.txt")
	got, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{a.Hash, b.Hash}
	if want[0] > want[1] {
		want[0], want[1] = want[1], want[0]
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("List = %v, want %v", got, want)
	}
	if err := s.Remove(a.Hash); err != nil {
		t.Fatal(err)
	}
	if err := s.Remove(a.Hash); err != nil {
		t.Fatalf("second Remove = %v, want nil", err)
	}
	if err := s.Verify(a.Hash); !errors.Is(err, ErrMissing) {
		t.Fatalf("Verify after Remove = %v, want ErrMissing", err)
	}
	if got, _ := s.List(); len(got) != 1 || got[0] != b.Hash {
		t.Fatalf("List = %v, want [%s]", got, b.Hash)
	}
	if err := s.Remove("../../etc/passwd"); !errors.Is(err, ErrBadHash) || desk.ErrorField(err) != "hash" {
		t.Fatalf("Remove(bad) = %v, want ErrBadHash", err)
	}
}
