package attach

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// streamReader yields n bytes of text (forever if n < 0), then returns what
// end returns: a failing disk, a stall, or io.EOF when end is nil.
type streamReader struct {
	n    int64
	end  func() error
	read int64 // bytes handed out so far
}

func (r *streamReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		if r.end == nil {
			return 0, io.EOF
		}
		return 0, r.end()
	}
	k := len(p)
	if r.n > 0 {
		k = int(min(int64(k), r.n))
		r.n -= int64(k)
	}
	for i := range p[:k] {
		p[i] = 'z'
	}
	r.read += int64(k)
	return k, nil
}

func TestCrashSafety(t *testing.T) {
	ctx := context.Background()
	content := bytes.Repeat([]byte("scanned page line\n"), 100_000) // 1.8 MB
	half := int64(len(content) / 2)

	t.Run("CopyInterruptedHalfWay", func(t *testing.T) {
		s := mustOpen(t, Limits{})
		var seenTemp []string
		var seenSize int64
		s.copy = func(dst io.Writer, src io.Reader) (int64, error) {
			n, err := io.CopyN(dst, src, half)
			if err != nil {
				return n, err
			}
			// Half the file is in the temporary file, none under a final name.
			seenTemp = tmpFiles(t, s)
			if len(seenTemp) == 1 {
				info, _ := os.Stat(filepath.Join(s.Dir(), tmpDirName, seenTemp[0]))
				seenSize = info.Size()
			}
			return n, errors.New("disk unplugged")
		}
		_, err := s.Put(ctx, bytes.NewReader(content), "scan.txt")
		if err == nil || !strings.Contains(err.Error(), "disk unplugged") {
			t.Fatalf("err = %v, want the copy's failure", err)
		}
		if len(seenTemp) != 1 || !strings.HasSuffix(seenTemp[0], ".partial") || seenSize != half {
			t.Fatalf("half-way: temp files %v of %d bytes, want one .partial of %d", seenTemp, seenSize, half)
		}
		assertEmpty(t, s)
	})

	t.Run("ReaderFailsHalfWay", func(t *testing.T) {
		s := mustOpen(t, Limits{})
		_, err := s.Put(ctx, &streamReader{n: half, end: func() error { return io.ErrUnexpectedEOF }}, "scan.txt")
		if !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Fatalf("err = %v, want the reader's error", err)
		}
		assertEmpty(t, s)
	})

	t.Run("CanceledHalfWay", func(t *testing.T) {
		s := mustOpen(t, Limits{})
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		s.copy = func(dst io.Writer, src io.Reader) (int64, error) {
			n, err := io.CopyN(dst, src, half)
			if err != nil {
				return n, err
			}
			cancel()
			m, err := io.Copy(dst, src)
			return n + m, err
		}
		_, err := s.Put(ctx, bytes.NewReader(content), "scan.txt")
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		assertEmpty(t, s)
	})

	t.Run("RenameFails", func(t *testing.T) {
		s := mustOpen(t, Limits{})
		// A file where the hash's folder should be makes the final step fail.
		h := sum(content)
		if err := os.WriteFile(filepath.Join(s.Dir(), h[:2]), nil, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Put(ctx, bytes.NewReader(content), "scan.txt"); err == nil {
			t.Fatal("Put succeeded, want an error")
		}
		if tmp := tmpFiles(t, s); len(tmp) != 0 {
			t.Fatalf("temporary files left: %v", tmp)
		}
		if _, err := s.Path(h); err == nil {
			t.Fatal("a file exists under the final name")
		}
	})

	t.Run("ProcessKilledHalfWay", func(t *testing.T) {
		if testing.Short() {
			t.Skip("starts a subprocess")
		}
		dir := filepath.Join(t.TempDir(), "attachments")
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashHelperProcess$")
		cmd.Env = append(os.Environ(), "ATTACH_CRASH_DIR="+dir)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Wait until the child has written half the file, then kill it hard.
		deadline := time.Now().Add(20 * time.Second)
		var partial string
		for partial == "" {
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("the child never wrote half the file; output:\n%s", out.String())
			}
			entries, _ := os.ReadDir(filepath.Join(dir, tmpDirName))
			for _, e := range entries {
				if info, err := e.Info(); err == nil && info.Size() >= crashHalf {
					partial = e.Name()
				}
			}
			time.Sleep(10 * time.Millisecond)
		}
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()

		// After the crash: nothing under a final name, the partial copy under
		// its temporary name only.
		s, err := Open(dir, Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if hashes, _ := s.List(); len(hashes) != 0 {
			t.Fatalf("stored after crash: %v", hashes)
		}
		if tmp := tmpFiles(t, s); len(tmp) != 1 || tmp[0] != partial {
			t.Fatalf("temp files after crash = %v, want [%s] (too recent to sweep)", tmp, partial)
		}
		// Once old enough, the next Open sweeps it away.
		old := time.Now().Add(-2 * staleTempAge)
		if err := os.Chtimes(filepath.Join(dir, tmpDirName, partial), old, old); err != nil {
			t.Fatal(err)
		}
		s, err = Open(dir, Limits{})
		if err != nil {
			t.Fatal(err)
		}
		assertEmpty(t, s)
	})
}

const crashHalf = 1 << 20

// TestCrashHelperProcess is the child of ProcessKilledHalfWay: it starts a
// Put that stalls after half the file and waits to be killed.
func TestCrashHelperProcess(t *testing.T) {
	dir := os.Getenv("ATTACH_CRASH_DIR")
	if dir == "" {
		t.Skip("helper process for TestCrashSafety/ProcessKilledHalfWay")
	}
	s, err := Open(dir, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Put(context.Background(), &streamReader{n: crashHalf, end: func() error { time.Sleep(time.Hour); return nil }}, "scan.txt")
	t.Fatalf("Put returned %v; it should have been killed", err)
}
