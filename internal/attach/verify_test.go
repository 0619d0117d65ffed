package attach

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"deskline/internal/desk"
)

func TestVerify(t *testing.T) {
	ctx := context.Background()

	put := func(t *testing.T, s *Store, content string) Blob {
		t.Helper()
		b, err := s.Put(ctx, strings.NewReader(content), "form.txt")
		if err != nil {
			t.Fatal(err)
		}
		return b
	}

	t.Run("OK", func(t *testing.T) {
		s := mustOpen(t, Limits{})
		b := put(t, s, "signed form\n")
		if err := s.Verify(b.Hash); err != nil {
			t.Fatal(err)
		}
		rc, err := s.Open(b.Hash)
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		got, err := io.ReadAll(rc)
		if err != nil || string(got) != "signed form\n" {
			t.Fatalf("Open read %q, %v", got, err)
		}
	})

	t.Run("ErrAltered", func(t *testing.T) {
		s := mustOpen(t, Limits{})
		b := put(t, s, "signed form\n")
		p, _ := s.Path(b.Hash)
		data, _ := os.ReadFile(p)
		data[3] ^= 0x01 // one bit of one byte
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		err := s.Verify(b.Hash)
		if !errors.Is(err, ErrAltered) {
			t.Fatalf("Verify = %v, want ErrAltered", err)
		}
		if desk.ErrorCode(err) != desk.ECONFLICT {
			t.Errorf("code = %s, want conflict", desk.ErrorCode(err))
		}
		want := "the stored file for this attachment has been changed or damaged since it was attached (" + b.Hash[:12] + "…)"
		if got := desk.ErrorMessage(err); got != want {
			t.Errorf("message = %q, want %q", got, want)
		}
		// Reading it through Open reports the same at the end, not io.EOF.
		rc, err := s.Open(b.Hash)
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		if _, err := io.ReadAll(rc); !errors.Is(err, ErrAltered) {
			t.Fatalf("ReadAll = %v, want ErrAltered", err)
		}
	})

	t.Run("ErrMissing", func(t *testing.T) {
		s := mustOpen(t, Limits{})
		b := put(t, s, "signed form\n")
		p, _ := s.Path(b.Hash)
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
		for name, err := range map[string]error{
			"Verify": s.Verify(b.Hash),
			"Open":   func() error { _, err := s.Open(b.Hash); return err }(),
			"Path":   func() error { _, err := s.Path(b.Hash); return err }(),
		} {
			if !errors.Is(err, ErrMissing) || errors.Is(err, ErrAltered) {
				t.Errorf("%s = %v, want ErrMissing", name, err)
			}
			if desk.ErrorCode(err) != desk.ENOTFOUND {
				t.Errorf("%s code = %s, want not_found", name, desk.ErrorCode(err))
			}
			if got, want := desk.ErrorMessage(err), "the stored file for this attachment is missing ("+b.Hash[:12]+"…)"; got != want {
				t.Errorf("%s message = %q, want %q", name, got, want)
			}
		}
	})

	t.Run("ErrBadHash", func(t *testing.T) {
		s := mustOpen(t, Limits{})
		for _, h := range []string{"", "../../../etc/passwd", strings.Repeat("A", 64), strings.Repeat("a", 63)} {
			if err := s.Verify(h); !errors.Is(err, ErrBadHash) || desk.ErrorCode(err) != desk.EINVALID {
				t.Errorf("Verify(%q) = %v, want ErrBadHash", h, err)
			}
		}
	})
}

func TestVerifyAll(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t, Limits{})
	var hashes []string
	for _, c := range []string{"good\n", "altered\n", "missing\n", "also good\n"} {
		b, err := s.Put(ctx, strings.NewReader(c), "f.txt")
		if err != nil {
			t.Fatal(err)
		}
		hashes = append(hashes, b.Hash)
	}
	altered, _ := s.Path(hashes[1])
	if err := os.WriteFile(altered, []byte("Altered\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	missing, _ := s.Path(hashes[2])
	if err := os.Remove(missing); err != nil {
		t.Fatal(err)
	}

	var calls [][2]int
	list := append(hashes, hashes[0]) // a file two tickets refer to is checked once
	problems := s.VerifyAll(ctx, list, func(done, total int) { calls = append(calls, [2]int{done, total}) })
	if len(problems) != 2 {
		t.Fatalf("problems = %+v, want 2", problems)
	}
	if problems[0].Hash != hashes[1] || !errors.Is(problems[0].Err, ErrAltered) {
		t.Errorf("problem 0 = %+v, want altered %s", problems[0], hashes[1])
	}
	if problems[1].Hash != hashes[2] || !errors.Is(problems[1].Err, ErrMissing) {
		t.Errorf("problem 1 = %+v, want missing %s", problems[1], hashes[2])
	}
	wantCalls := [][2]int{{0, 4}, {1, 4}, {2, 4}, {3, 4}, {4, 4}}
	if len(calls) != len(wantCalls) {
		t.Fatalf("progress calls = %v, want %v", calls, wantCalls)
	}
	for i := range calls {
		if calls[i] != wantCalls[i] {
			t.Fatalf("progress calls = %v, want %v", calls, wantCalls)
		}
	}

	t.Run("Canceled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(ctx)
		n := 0
		s.VerifyAll(ctx, hashes, func(done, total int) {
			n = done
			if done == 1 {
				cancel()
			}
		})
		if n != 1 || ctx.Err() == nil {
			t.Fatalf("stopped after %d files, want 1", n)
		}
	})

	t.Run("NilProgress", func(t *testing.T) {
		if p := s.VerifyAll(ctx, hashes[:1], nil); len(p) != 0 {
			t.Fatalf("problems = %+v", p)
		}
	})
}

func TestOpenReadsEverything(t *testing.T) {
	s := mustOpen(t, Limits{})
	content := bytes.Repeat([]byte("0123456789\n"), 100_000)
	b, err := s.Put(context.Background(), bytes.NewReader(content), "big.txt")
	if err != nil {
		t.Fatal(err)
	}
	rc, err := s.Open(b.Hash)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	var out bytes.Buffer
	if _, err := io.Copy(&out, rc); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), content) {
		t.Fatal("content differs")
	}
}
