//go:build linux || windows

package watch

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// A scanner that pauses longer than the settle time between two pages,
// keeping the file open, has its file offered only once it is complete.
func TestWriterPausingMidFileNotOffered(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the writer is a shell")
	}
	dir := t.TempDir()
	h := startWatcher(t, dir, Options{Settle: DefaultSettle}, Watching)
	// A real writer, in another process: one page, a 2 s pause with the
	// file still open, the second page.
	cmd := exec.Command("sh", "-c", `printf 'page one\n'; sleep 2; printf 'page two\n'`)
	out, err := createFile(filepath.Join(dir, "scan.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout = out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	out.Close() // only the writer holds it now
	started := time.Now()
	ev := h.next()
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	if ev.Name != "scan.pdf" || ev.Size != int64(len("page one\npage two\n")) {
		t.Fatalf("offered %+v after %v, want the whole file (18 bytes)", ev, time.Since(started))
	}
	h.none(DefaultSettle)
}

// While a file is open for writing it is not offered, however long it
// stays unchanged; once closed it is.
func TestFileOpenForWritingWaits(t *testing.T) {
	dir := t.TempDir()
	h := startWatcher(t, dir, Options{}, Watching)
	f, err := createFile(filepath.Join(dir, "held.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("%PDF-1.7 first page")
	h.none(5 * testSettle)
	f.Close()
	if ev := h.next(); ev.Name != "held.pdf" || ev.Size != 19 {
		t.Fatalf("event = %+v", ev)
	}
}

func createFile(p string) (*os.File, error) { return os.Create(p) }
