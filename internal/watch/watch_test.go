package watch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"deskline/internal/desk"
)

// Short timings keep each test well under a second or two; the timeouts
// below are generous and never part of what is asserted.
const (
	testSettle = 100 * time.Millisecond
	testPoll   = 50 * time.Millisecond
	timeout    = 10 * time.Second
)

type harness struct {
	t      *testing.T
	w      *Watcher
	dir    string
	errs   chan error
	states chan State
}

// startWatcher runs a watcher on dir until the test ends and waits until it
// is watching (or waiting, if wantState says so).
func startWatcher(t *testing.T, dir string, opts Options, wantState State) *harness {
	t.Helper()
	h := &harness{t: t, dir: dir, errs: make(chan error, 100), states: make(chan State, 100)}
	if opts.Settle == 0 {
		opts.Settle = testSettle
	}
	if opts.Poll == 0 {
		opts.Poll = testPoll
	}
	opts.OnState = func(s State) { h.states <- s }
	w, err := New(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	h.w = w
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	// Errors must be drained or Run would block on them.
	drained := make(chan struct{})
	go func() {
		defer close(drained)
		for err := range w.Errors {
			h.errs <- err
		}
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run = %v", err)
			}
		case <-time.After(timeout):
			t.Error("Run did not return after cancel")
		}
		<-drained
	})
	h.waitState(wantState)
	return h
}

func (h *harness) waitState(want State) {
	h.t.Helper()
	deadline := time.After(timeout)
	for {
		select {
		case s := <-h.states:
			if s == want {
				return
			}
		case <-deadline:
			h.t.Fatalf("state never became %s", want)
		}
	}
}

// next returns the next event, failing after the timeout.
func (h *harness) next() Event {
	h.t.Helper()
	select {
	case ev, ok := <-h.w.Events:
		if !ok {
			h.t.Fatal("Events closed")
		}
		return ev
	case <-time.After(timeout):
		h.t.Fatal("no event")
	}
	return Event{}
}

// none fails if an event arrives within d.
func (h *harness) none(d time.Duration) {
	h.t.Helper()
	select {
	case ev := <-h.w.Events:
		h.t.Fatalf("unexpected event %+v", ev)
	case <-time.After(d):
	}
}

// nextError returns the next reported problem.
func (h *harness) nextError() error {
	h.t.Helper()
	select {
	case err := <-h.errs:
		return err
	case <-time.After(timeout):
		h.t.Fatal("no error reported")
	}
	return nil
}

// drop writes a file into the inbox and waits for it to be reported, with
// its size.
func (h *harness) drop(name, content string) {
	h.t.Helper()
	write(h.t, filepath.Join(h.dir, name), content)
	if ev := h.next(); ev.Name != name || ev.Size != int64(len(content)) {
		h.t.Fatalf("event = %+v, want %s of %d bytes", ev, name, len(content))
	}
}

func write(t *testing.T, path string, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestInitialScan(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "scan 1.pdf"), "%PDF-1.4 one")
	write(t, filepath.Join(dir, "1042 id-card.jpg"), "jpeg bytes")
	write(t, filepath.Join(dir, ".hidden"), "x")
	write(t, filepath.Join(dir, "upload.tmp"), "x")
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o700); err != nil {
		t.Fatal(err)
	}

	h := startWatcher(t, dir, Options{}, Watching)
	got := map[string]Event{}
	for range 2 {
		ev := h.next()
		got[ev.Name] = ev
	}
	for name, size := range map[string]int64{"scan 1.pdf": 12, "1042 id-card.jpg": 10} {
		ev, ok := got[name]
		if !ok {
			t.Fatalf("%s not reported; got %v", name, got)
		}
		info, _ := os.Stat(filepath.Join(dir, name))
		if ev.Size != size || ev.Path != filepath.Join(dir, name) || !ev.ModTime.Equal(info.ModTime()) {
			t.Errorf("event %+v, want size %d and the file's path and modtime", ev, size)
		}
	}
	h.none(3 * testSettle)
}

func TestDebounce(t *testing.T) {
	const settle = 300 * time.Millisecond
	dir := t.TempDir()
	h := startWatcher(t, dir, Options{Settle: settle}, Watching)

	f, err := os.Create(filepath.Join(dir, "scan.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	chunk := bytes.Repeat([]byte("page"), 4096)
	for i := range 6 {
		if _, err := f.Write(chunk); err != nil {
			t.Fatal(err)
		}
		// Pauses well under Settle: the scanner is still writing.
		time.Sleep(settle / 10)
		select {
		case ev := <-h.w.Events:
			t.Fatalf("reported after chunk %d of 6, while still growing: %+v", i+1, ev)
		default:
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	ev := h.next()
	if ev.Name != "scan.pdf" || ev.Size != int64(6*len(chunk)) {
		t.Fatalf("event = %+v, want scan.pdf with its final size %d", ev, 6*len(chunk))
	}
	h.none(3 * settle)
}

func TestIgnore(t *testing.T) {
	tests := map[string]bool{
		"scan.pdf": false, "1042 id-card.JPG": false, "notes": false, "a.tmp.pdf": false,
		".hidden": true, ".DS_Store": true, ".#report.docx": true, "~$report.docx": true,
		"upload.tmp": true, "UPLOAD.TMP": true, "movie.part": true, "file.pdf.crdownload": true,
		"file.pdf.download": true, "report.docx.swp": true, "notes.txt~": true,
		"Thumbs.db": true, "desktop.ini": true, "": true,
	}
	for name, want := range tests {
		if got := Ignore(name); got != want {
			t.Errorf("Ignore(%q) = %v, want %v", name, got, want)
		}
	}

	t.Run("InFolder", func(t *testing.T) {
		dir := t.TempDir()
		h := startWatcher(t, dir, Options{}, Watching)
		for _, name := range []string{".hidden", "~$letter.docx", "a.tmp", "b.part", "c.crdownload", "d.download", ".#lock", "e.swp", "Thumbs.db"} {
			write(t, filepath.Join(dir, name), "ignored")
		}
		if err := os.Mkdir(filepath.Join(dir, "a folder"), 0o700); err != nil {
			t.Fatal(err)
		}
		target := filepath.Join(t.TempDir(), "elsewhere.pdf")
		write(t, target, "outside")
		if err := os.Symlink(target, filepath.Join(dir, "link.pdf")); err != nil {
			t.Fatal(err)
		}
		h.drop("real.pdf", "real")
		h.none(3 * testSettle)
	})

	t.Run("RenamedFromTemporary", func(t *testing.T) {
		// A browser downloads to "x.crdownload" and renames it when done.
		dir := t.TempDir()
		h := startWatcher(t, dir, Options{}, Watching)
		tmp := filepath.Join(dir, "invoice.pdf.crdownload")
		write(t, tmp, "downloaded")
		time.Sleep(2 * testSettle)
		if err := os.Rename(tmp, filepath.Join(dir, "invoice.pdf")); err != nil {
			t.Fatal(err)
		}
		if ev := h.next(); ev.Name != "invoice.pdf" || ev.Size != 10 {
			t.Fatalf("event = %+v, want invoice.pdf", ev)
		}
		h.none(3 * testSettle)
	})
}

func TestRemovedBeforeSettle(t *testing.T) {
	const settle = 400 * time.Millisecond
	dir := t.TempDir()
	h := startWatcher(t, dir, Options{Settle: settle}, Watching)
	gone := filepath.Join(dir, "gone.pdf")
	write(t, gone, "short-lived")
	time.Sleep(settle / 8)
	if err := os.Remove(gone); err != nil {
		t.Fatal(err)
	}
	h.drop("marker.pdf", "stays")
	h.none(2 * settle)
}

func TestReportedOncePerAppearance(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	h := startWatcher(t, dir, Options{}, Watching)
	p := filepath.Join(dir, "form.pdf")
	write(t, p, "signed")
	if ev := h.next(); ev.Name != "form.pdf" {
		t.Fatalf("event = %+v", ev)
	}

	// Attribute changes and rescans do not report it again.
	if err := os.Chmod(p, 0o644); err != nil {
		t.Fatal(err)
	}
	h.none(3*testSettle + 2*testPoll)

	// Moved out and dropped in again: a new appearance.
	out := filepath.Join(outside, "form.pdf")
	if err := os.Rename(p, out); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * testPoll)
	if err := os.Rename(out, p); err != nil {
		t.Fatal(err)
	}
	if ev := h.next(); ev.Name != "form.pdf" {
		t.Fatalf("event = %+v, want form.pdf again", ev)
	}
	h.none(3 * testSettle)

	// Changed after it was reported: offered again with its new size.
	f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(" and stamped")
	f.Close()
	if ev := h.next(); ev.Name != "form.pdf" || ev.Size != int64(len("signed and stamped")) {
		t.Fatalf("event = %+v, want form.pdf with its new size", ev)
	}
	h.none(3 * testSettle)
}

func TestFolderRemovedAndCreatedAgain(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Deskline Inbox")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	h := startWatcher(t, dir, Options{}, Watching)
	h.drop("first.pdf", "1")

	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	err := h.nextError()
	if !errors.Is(err, ErrFolderGone) || desk.ErrorCode(err) != desk.EUNAVAILABLE {
		t.Fatalf("error = %v, want ErrFolderGone", err)
	}
	if want := "the inbox folder " + dir + " was removed; waiting for it to come back"; err.Error() != want {
		t.Errorf("message = %q, want %q", err.Error(), want)
	}
	h.waitState(Waiting)
	h.none(3 * testPoll) // said once, not at every poll
	select {
	case err := <-h.errs:
		t.Fatalf("second error while waiting: %v", err)
	default:
	}

	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	h.waitState(Watching)
	h.drop("second.pdf", "22")
	h.none(3 * testSettle)

	t.Run("CreatedAgainWithFiles", func(t *testing.T) {
		// Removed and back (with a file in it) faster than a poll.
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		h.drop("third.pdf", "333")
		h.none(3 * testSettle)
	})

	t.Run("MovedAway", func(t *testing.T) {
		// Deleting in a file manager moves the folder to the trash.
		trash := filepath.Join(t.TempDir(), "Trash")
		if err := os.Rename(dir, trash); err != nil {
			t.Fatal(err)
		}
		if err := h.nextError(); !errors.Is(err, ErrFolderGone) {
			t.Fatalf("error = %v, want ErrFolderGone", err)
		}
		write(t, filepath.Join(trash, "in the trash.pdf"), "x")
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		h.drop("fourth.pdf", "4444")
		h.none(3 * testSettle)
	})

	t.Run("ReplacedByAFile", func(t *testing.T) {
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		write(t, dir, "not a folder")
		// It may first say the folder was removed.
		for {
			err := h.nextError()
			if !errors.Is(err, ErrFolderGone) {
				t.Fatalf("error = %v, want ErrFolderGone", err)
			}
			if strings.Contains(err.Error(), "is a file, not a folder") {
				break
			}
		}
		os.Remove(dir)
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		h.drop("fifth.pdf", "55555")
	})
}

func TestFolderMissingAtStart(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "home", "Deskline Inbox")
	h := startWatcher(t, dir, Options{}, Watching)
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		t.Fatalf("folder not created: %v", err)
	}
	h.drop("scan.pdf", "x")
}

func TestBurst(t *testing.T) {
	const n = 100
	dir := t.TempDir()
	h := startWatcher(t, dir, Options{}, Watching)
	want := map[string]int64{}
	for i := range n {
		name := fmt.Sprintf("scan %03d.pdf", i)
		content := strings.Repeat("x", 1+i*37)
		write(t, filepath.Join(dir, name), content)
		want[name] = int64(len(content))
	}
	got := map[string]int{}
	for range n {
		ev := h.next()
		got[ev.Name]++
		if ev.Size != want[ev.Name] {
			t.Errorf("%s: size %d, want %d", ev.Name, ev.Size, want[ev.Name])
		}
	}
	// Nothing more, even after several rescans.
	h.none(3*testSettle + 3*testPoll)
	var missing, twice []string
	for name := range want {
		switch got[name] {
		case 0:
			missing = append(missing, name)
		case 1:
		default:
			twice = append(twice, name)
		}
	}
	sort.Strings(missing)
	if len(got) != n || len(missing) > 0 || len(twice) > 0 {
		t.Fatalf("%d distinct files reported; missing %v; twice %v", len(got), missing, twice)
	}
}

func TestRun(t *testing.T) {
	t.Run("ChannelsClosedOnCancel", func(t *testing.T) {
		w, err := New(t.TempDir(), Options{Settle: testSettle, Poll: testPoll})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- w.Run(ctx) }()
		cancel()
		if err := <-done; err != nil {
			t.Fatalf("Run = %v", err)
		}
		if _, ok := <-w.Events; ok {
			t.Error("Events not closed")
		}
		if _, ok := <-w.Errors; ok {
			t.Error("Errors not closed")
		}
		if err := w.Run(context.Background()); err == nil {
			t.Error("second Run succeeded")
		}
	})

	t.Run("NoFolder", func(t *testing.T) {
		_, err := New("  ", Options{})
		if desk.ErrorCode(err) != desk.EINVALID {
			t.Fatalf("New(blank) = %v, want invalid", err)
		}
	})
}
