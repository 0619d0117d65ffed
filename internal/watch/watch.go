// Package watch watches the scan inbox: one folder where scanners, phones and
// browsers drop files. It offers each file once it has stopped growing, skips
// temporary and hidden files, survives the folder being deleted and created
// again, and reports its own trouble instead of going quiet.
//
// It is the only package that imports fsnotify. fsnotify gives prompt
// notice; a periodic rescan of the folder backs it up (a full event queue,
// a network share that sends no events, or a system out of watches then
// only make the inbox slower, never blind).
package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/fsnotify/fsnotify"

	"deskline/internal/desk"
)

// Defaults for Options.
const (
	DefaultSettle = 500 * time.Millisecond
	DefaultPoll   = time.Second
)

// Event says a file in the inbox is ready: it has not changed for
// Options.Settle and no process has it open for writing (where the system
// can tell: Linux and Windows). A file is reported once per appearance; it is reported
// again if it is removed (or moved out) and comes back, or if it changes
// after being reported.
type Event struct {
	Path    string    // absolute path of the file
	Name    string    // its name in the inbox folder
	Size    int64     // bytes
	ModTime time.Time // last modification, as the file system says
}

// State says whether the watcher can see its folder.
type State int

// States reported to Options.OnState.
const (
	// Watching: the folder exists and is being watched.
	Watching State = iota + 1
	// Waiting: the folder is missing (or not a folder); the watcher checks
	// every Options.Poll for it to come back.
	Waiting
)

// String returns "watching" or "waiting".
func (s State) String() string {
	switch s {
	case Watching:
		return "watching"
	case Waiting:
		return "waiting"
	}
	return fmt.Sprintf("State(%d)", int(s))
}

// Options tune a Watcher. Zero values take the defaults.
type Options struct {
	// Settle is how long a file's size and modification time must stay the
	// same before it is offered. Default 500 ms.
	Settle time.Duration
	// Poll is how often the folder is rescanned (a safety net under
	// fsnotify) and, while it is missing, checked for its return. Default 1 s.
	Poll time.Duration
	// OnState, if set, is called from Run's goroutine when the state
	// changes (first with Watching or Waiting when Run starts). It must not
	// block; the UI uses it to clear a "folder missing" notice.
	OnState func(State)
	// Busy, if set, replaces the check that a settled file is not still
	// open for writing by some process (on Linux and Windows; elsewhere
	// the settle time alone decides). Tests use it.
	Busy func(path string, info fs.FileInfo) bool
}

func (o Options) busy(path string, info fs.FileInfo) bool {
	if o.Busy != nil {
		return o.Busy(path, info)
	}
	return openForWriting(path, info)
}

// Watcher watches one inbox folder. Create it with New, start it with Run,
// and read both Events and Errors until Run returns (Run blocks while a
// value waits to be read; both channels are closed when it returns).
type Watcher struct {
	// Events delivers each file once it is ready.
	Events <-chan Event
	// Errors delivers every problem the watcher meets, each an *Error with
	// a plain message. The watcher keeps going after each one.
	Errors <-chan error

	dir     string
	opts    Options
	events  chan Event
	errs    chan error
	started atomic.Bool
}

// New returns a watcher for dir (made absolute). It does not touch the
// folder: Run creates it if it is missing.
func New(dir string, opts Options) (*Watcher, error) {
	if strings.TrimSpace(dir) == "" {
		return nil, desk.Invalid("folder", "choose a folder for the inbox")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("watch: %s: %w", dir, err)
	}
	if opts.Settle <= 0 {
		opts.Settle = DefaultSettle
	}
	if opts.Poll <= 0 {
		opts.Poll = DefaultPoll
	}
	opts.Poll = max(opts.Poll, 10*time.Millisecond)
	w := &Watcher{
		dir:    filepath.Clean(abs),
		opts:   opts,
		events: make(chan Event, 64),
		errs:   make(chan error, 8),
	}
	w.Events, w.Errors = w.events, w.errs
	return w, nil
}

// Dir returns the watched folder's absolute path.
func (w *Watcher) Dir() string { return w.dir }

// Run creates the folder if it is missing, reports the files already in it
// and then each new one, until ctx is done. It returns nil when ctx ends, or
// an error if called a second time. Trouble along the way (the folder
// removed, a file that cannot be read) goes to Errors, not to the return
// value.
func (w *Watcher) Run(ctx context.Context) error {
	if !w.started.CompareAndSwap(false, true) {
		return errors.New("watch: Run called twice")
	}
	defer close(w.errs)
	defer close(w.events)

	r := &runner{
		w:        w,
		ctx:      ctx,
		pending:  make(map[string]*pendingFile),
		reported: make(map[string]fs.FileInfo),
		errKeys:  make(map[string]bool),
	}
	defer r.disarm()
	r.start()

	poll := time.NewTicker(w.opts.Poll)
	defer poll.Stop()
	step := max(w.opts.Settle/4, 5*time.Millisecond)
	var settle <-chan time.Time
	for ctx.Err() == nil {
		if len(r.pending) > 0 && settle == nil {
			settle = time.After(step)
		}
		var fsEvents <-chan fsnotify.Event
		var fsErrors <-chan error
		if r.fsw != nil {
			fsEvents, fsErrors = r.fsw.Events, r.fsw.Errors
		}
		select {
		case <-ctx.Done():
		case ev, ok := <-fsEvents:
			if !ok {
				r.stopFsnotify()
				continue
			}
			r.handle(ev)
		case err, ok := <-fsErrors:
			if !ok {
				r.stopFsnotify()
				continue
			}
			r.fsnotifyError(err)
		case <-poll.C:
			r.poll()
		case <-settle:
			settle = nil
			r.settle()
		}
	}
	return nil
}

// pendingFile is a file seen but not yet settled.
type pendingFile struct {
	info  fs.FileInfo
	since time.Time // when info was last seen to change
}

// runner is the state of one Run; only Run's goroutine touches it.
type runner struct {
	w   *Watcher
	ctx context.Context

	armed   bool        // the folder is there and being followed
	dirInfo fs.FileInfo // the folder as it was when armed
	fsw     *fsnotify.Watcher

	pending  map[string]*pendingFile
	reported map[string]fs.FileInfo // what was offered, by name
	errKeys  map[string]bool        // problems already reported, to say each once
	state    State
}

// start creates the folder if missing and arms the watcher.
func (r *runner) start() {
	if _, err := os.Stat(r.w.dir); errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(r.w.dir, 0o700); err != nil {
			r.report("gone:create", newError(ErrFolderGone, r.w.dir, "", err,
				"the inbox folder %s cannot be created (%s); waiting for it to appear", r.w.dir, causeText(err)))
		}
	}
	r.arm()
}

// arm starts following the folder if it is there.
func (r *runner) arm() {
	info, err := os.Stat(r.w.dir)
	if err != nil || !info.IsDir() {
		r.reportGone(err, info)
		return
	}
	r.armed, r.dirInfo = true, info
	r.startFsnotify()
	// The folder may have been swapped while the watch was being set up.
	if again, err := os.Stat(r.w.dir); err != nil || !os.SameFile(info, again) {
		r.lose()
		return
	}
	for _, k := range goneKeys {
		delete(r.errKeys, k)
	}
	r.setState(Watching)
	r.scan()
}

// startFsnotify sets up fsnotify on the folder. If that fails, the periodic
// rescan keeps the inbox working, only slower; it is retried at each poll.
func (r *runner) startFsnotify() {
	if r.fsw != nil {
		return
	}
	fsw, err := fsnotify.NewWatcher()
	if err == nil {
		if err = fsw.Add(r.w.dir); err != nil {
			fsw.Close()
		}
	}
	if err != nil {
		r.report("fsnotify", newError(ErrWatch, r.w.dir, "", err,
			"cannot watch the inbox folder %s for changes (%s); checking it every %s instead",
			r.w.dir, causeText(err), r.w.opts.Poll))
		return
	}
	delete(r.errKeys, "fsnotify")
	r.fsw = fsw
}

func (r *runner) stopFsnotify() {
	if r.fsw != nil {
		r.fsw.Close()
		r.fsw = nil
	}
}

// disarm stops following the folder and forgets its files.
func (r *runner) disarm() {
	r.stopFsnotify()
	r.armed, r.dirInfo = false, nil
	clear(r.pending)
	clear(r.reported)
}

// lose handles the folder going away (or being replaced by another).
func (r *runner) lose() {
	r.disarm()
	info, err := os.Stat(r.w.dir)
	if err == nil && info.IsDir() {
		// Deleted and created again before we looked: follow the new one.
		r.arm()
		return
	}
	r.reportGone(err, info)
}

// goneKeys are the report keys of the folder's absence, cleared when it is back.
var goneKeys = []string{"gone:file", "gone:removed", "gone:unreachable", "gone:create"}

// reportGone says (once) that the folder is missing, and waits for it.
func (r *runner) reportGone(err error, info fs.FileInfo) {
	r.setState(Waiting)
	d := r.w.dir
	switch {
	case err == nil && !info.IsDir():
		r.report("gone:file", newError(ErrFolderGone, d, "", nil,
			"the inbox folder %s is a file, not a folder; waiting for a folder there", d))
	case err == nil || errors.Is(err, fs.ErrNotExist):
		r.report("gone:removed", newError(ErrFolderGone, d, "", err,
			"the inbox folder %s was removed; waiting for it to come back", d))
	default:
		r.report("gone:unreachable", newError(ErrFolderGone, d, "", err,
			"the inbox folder %s cannot be reached (%s); waiting for it to come back", d, causeText(err)))
	}
}

// check reports whether the armed folder is still the one being watched,
// handling its loss if not.
func (r *runner) check() bool {
	info, err := os.Stat(r.w.dir)
	if err == nil && info.IsDir() && os.SameFile(info, r.dirInfo) &&
		(r.fsw == nil || len(r.fsw.WatchList()) > 0) {
		return true
	}
	r.lose()
	return false
}

// poll runs every Options.Poll: look for the folder's return, or rescan it.
func (r *runner) poll() {
	if !r.armed {
		r.arm()
		return
	}
	if r.check() {
		r.startFsnotify()
		r.scan()
	}
}

// scan lists the folder, observing every file in it and forgetting the ones
// that are gone.
func (r *runner) scan() {
	entries, err := os.ReadDir(r.w.dir)
	if err != nil {
		if !r.check() || errors.Is(err, fs.ErrNotExist) {
			return
		}
		r.report("scan", newError(ErrRead, r.w.dir, "", err,
			"cannot read the inbox folder %s (%s)", r.w.dir, causeText(err)))
		return
	}
	delete(r.errKeys, "scan")
	present := make(map[string]bool, len(entries))
	for _, e := range entries {
		name := e.Name()
		if Ignore(name) || e.IsDir() {
			continue
		}
		present[name] = true
		r.observe(name)
	}
	for name := range r.pending {
		if !present[name] {
			r.forget(name)
		}
	}
	for name := range r.reported {
		if !present[name] {
			r.forget(name)
		}
	}
}

// handle reacts to one fsnotify event.
func (r *runner) handle(ev fsnotify.Event) {
	name := filepath.Clean(ev.Name)
	if name == r.w.dir {
		switch {
		case !r.armed:
		case ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename):
			// The watch is gone with the folder, even if a new folder
			// already stands there (perhaps with the same inode number).
			r.lose()
		default:
			r.check()
		}
		return
	}
	if filepath.Dir(name) != r.w.dir {
		return
	}
	base := filepath.Base(name)
	if Ignore(base) {
		return
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		// Gone (perhaps already back, as a new appearance).
		r.forget(base)
	}
	r.observe(base)
}

// fsnotifyError reports a problem fsnotify met and rescans, since events
// may have been lost.
func (r *runner) fsnotifyError(err error) {
	if errors.Is(err, fsnotify.ErrEventOverflow) {
		r.report("", newError(ErrWatch, r.w.dir, "", err,
			"the inbox watcher missed some changes (too many at once); it looked through the folder again"))
	} else {
		r.report("", newError(ErrWatch, r.w.dir, "", err,
			"the inbox watcher met a problem (%s); it looked through the folder again", causeText(err)))
	}
	r.scan()
}

// observe looks at one file and starts (or restarts) its settle time if it
// is new or has changed since it was offered.
func (r *runner) observe(name string) {
	info, ok := r.stat(name)
	if !ok {
		return
	}
	if rep, ok := r.reported[name]; ok && sameState(rep, info) {
		delete(r.pending, name)
		return
	}
	if p, ok := r.pending[name]; ok {
		if !sameState(p.info, info) {
			p.info, p.since = info, time.Now()
		}
		return
	}
	r.pending[name] = &pendingFile{info: info, since: time.Now()}
}

// stat returns a file's current state, or false (forgetting it) if it is
// gone or not something to offer.
func (r *runner) stat(name string) (fs.FileInfo, bool) {
	info, err := os.Lstat(filepath.Join(r.w.dir, name))
	if err != nil {
		r.forget(name)
		// A file that vanished is no trouble, nor is one whose folder
		// vanished ("not a directory"): check handles the folder.
		if !errors.Is(err, fs.ErrNotExist) && r.armed && r.check() {
			r.report("file:"+name, newError(ErrRead, r.w.dir, name, err,
				"cannot read %s in the inbox (%s)", name, causeText(err)))
		}
		return nil, false
	}
	if skip(name, info) {
		r.forget(name)
		return nil, false
	}
	return info, true
}

// forget drops everything known about a file: if it shows up again, it is
// a new appearance.
func (r *runner) forget(name string) {
	delete(r.pending, name)
	delete(r.reported, name)
	delete(r.errKeys, "file:"+name)
}

// settle offers the pending files that have not changed for Settle, oldest
// first.
func (r *runner) settle() {
	names := make([]string, 0, len(r.pending))
	for name := range r.pending {
		names = append(names, name)
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := r.pending[names[i]], r.pending[names[j]]
		if !a.since.Equal(b.since) {
			return a.since.Before(b.since)
		}
		return names[i] < names[j]
	})
	now := time.Now()
	for _, name := range names {
		p, ok := r.pending[name]
		if !ok {
			continue // forgotten meanwhile (the folder went away)
		}
		info, ok := r.stat(name)
		if !ok {
			continue
		}
		if !sameState(p.info, info) {
			p.info, p.since = info, now
			continue
		}
		if now.Sub(p.since) < r.w.opts.Settle {
			continue
		}
		if r.w.opts.busy(filepath.Join(r.w.dir, name), info) {
			// Still open for writing (a scanner between pages): wait a
			// whole settle time more.
			p.since = now
			continue
		}
		delete(r.pending, name)
		if rep, ok := r.reported[name]; ok && sameState(rep, info) {
			continue // changed and changed back
		}
		r.reported[name] = info
		ev := Event{
			Path:    filepath.Join(r.w.dir, name),
			Name:    name,
			Size:    info.Size(),
			ModTime: info.ModTime(),
		}
		select {
		case r.w.events <- ev:
		case <-r.ctx.Done():
			return
		}
	}
}

// sameState reports whether two looks at a file show the same file, with the
// same size and modification time.
func sameState(a, b fs.FileInfo) bool {
	return os.SameFile(a, b) && a.Size() == b.Size() && a.ModTime().Equal(b.ModTime())
}

func (r *runner) setState(s State) {
	if r.state == s {
		return
	}
	r.state = s
	if r.w.opts.OnState != nil {
		r.w.opts.OnState(s)
	}
}

// report sends a problem to Errors. A non-empty key says it once until the
// key is cleared (the problem went away).
func (r *runner) report(key string, err *Error) {
	if key != "" {
		if r.errKeys[key] {
			return
		}
		r.errKeys[key] = true
	}
	select {
	case r.w.errs <- err:
	case <-r.ctx.Done():
	}
}
