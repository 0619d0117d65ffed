// Package teamsync keeps a desk in step with its team hub: it pushes the
// desk's own operations, pulls the team's, listens for pushes so that a
// change made on one workstation shows on the others within about a second,
// and carries attachment bytes. The merge stays in the store (one merge, in
// Go); the hub orders, authenticates and numbers.
//
// With the hub out of reach the desk keeps working on its own database; the
// syncer retries with a growing pause and says what is wrong in plain words.
package teamsync

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"time"

	"deskline/internal/attach"
	"deskline/internal/desk"
	"deskline/internal/hub"
	"deskline/internal/store"
)

// Page sizes of one push and one pull, and of the pulls of a desk that is
// catching up (the hub gives at most 5,000 operations a page).
const (
	pushBatch   = 500
	pullPage    = 1000
	catchUpPage = 5000
	// catchUpFrom is how far behind the hub's head (in operations) a desk
	// must be to catch up in bulk (CatchUp).
	catchUpFrom = 20000
)

// Blobs is where attachment bytes live on this desk.
type Blobs interface {
	// Path returns the file of a stored hash; an error when it is not here.
	Path(hash string) (string, error)
	// Put stores a file and returns what it stored.
	Put(ctx context.Context, r io.Reader, originalName string) (attach.Blob, error)
}

// Status is what the sync indicator shows.
type Status struct {
	Online  bool   `json:"online"`  // connected to the hub
	Syncing bool   `json:"syncing"` // a round of push and pull is running
	Problem string `json:"problem"` // the last problem in plain words ("" none)
	// While the desk catches up: the hub sequence reached and the hub's head.
	Pulled int64 `json:"pulled"`
	Head   int64 `json:"head"`
}

// Options configure a Syncer.
type Options struct {
	Store       *store.Store
	URL         string // the hub's address (no user or password)
	Credentials hub.Credentials
	Blobs       Blobs // nil: attachment bytes are not carried
	// Merged hears the operations merged from each pulled page.
	Merged func(ops []desk.Op)
	// Changed hears every change of the status.
	Changed func(Status)
	// Poll is the fallback pull interval, for pushes whose notification was
	// lost (default one minute).
	Poll time.Duration
	// RetryMax caps the pause between attempts to reach the hub (default 30 s).
	RetryMax time.Duration
	Log      *slog.Logger
}

// Syncer runs the sync of one desk. Make it with New, run it with Run.
type Syncer struct {
	o    Options
	kick chan struct{}

	mu     sync.Mutex
	status Status
	client *hub.Client // the live session's connection, nil between sessions
}

// New returns a syncer for the desk and hub of o.
func New(o Options) *Syncer {
	if o.Poll <= 0 {
		o.Poll = time.Minute
	}
	if o.RetryMax <= 0 {
		o.RetryMax = 30 * time.Second
	}
	if o.Log == nil {
		o.Log = slog.Default()
	}
	return &Syncer{o: o, kick: make(chan struct{}, 1)}
}

// Kick asks for a round soon: a local change waits to be pushed, or the hub
// has something new.
func (s *Syncer) Kick() {
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

// Status returns the current status.
func (s *Syncer) Status() Status {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.status
}

func (s *Syncer) update(fn func(st *Status)) {
	s.mu.Lock()
	before := s.status
	fn(&s.status)
	now := s.status
	s.mu.Unlock()
	if now != before && s.o.Changed != nil {
		s.o.Changed(now)
	}
}

// Run syncs until ctx ends: it connects, greets the hub, listens, pushes and
// pulls, and on any failure notes the problem, waits and starts again.
func (s *Syncer) Run(ctx context.Context) {
	pause := time.Second
	for ctx.Err() == nil {
		err := s.session(ctx)
		if ctx.Err() != nil {
			break
		}
		s.fail(err)
		select {
		case <-ctx.Done():
		case <-time.After(pause):
		case <-s.kick:
		}
		pause = min(pause*2, s.o.RetryMax)
		if errors.Is(err, errHealthy) {
			pause = time.Second
		}
	}
	s.update(func(st *Status) { st.Online, st.Syncing = false, false })
}

// errHealthy ends a session that went well until the link dropped.
var errHealthy = errors.New("the connection to the team hub dropped")

func (s *Syncer) fail(err error) {
	msg := Explain(err)
	s.o.Log.Warn("team sync", "err", err)
	s.update(func(st *Status) { st.Online, st.Syncing, st.Problem = false, false, msg })
	if nerr := s.o.Store.NoteSync(context.Background(), time.Now(), msg); nerr != nil {
		s.o.Log.Error("note sync problem", "err", nerr)
	}
}

// Explain says what went wrong with the hub in plain words.
func Explain(err error) string {
	var he *hub.Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &he):
		return he.Error()
	case errors.Is(err, errHealthy):
		return err.Error()
	default:
		var de *desk.Error
		if errors.As(err, &de) {
			return de.Message
		}
		return "Sync stopped: " + err.Error()
	}
}

// session is one connection's life: hello, then rounds until the link fails.
func (s *Syncer) session(ctx context.Context) error {
	c, err := hub.Connect(ctx, s.o.URL, s.o.Credentials)
	if err != nil {
		return err
	}
	defer c.Close()
	if err := s.Greet(ctx, c); err != nil {
		return err
	}
	s.mu.Lock()
	s.client = c
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.client = nil
		s.mu.Unlock()
	}()
	lctx, stop := context.WithCancel(ctx)
	defer stop()
	listenErr := make(chan error, 1)
	c.OnListenError = func(err error) {
		select {
		case listenErr <- err:
		default:
		}
	}
	go c.Listen(lctx, func(head int64) {
		s.update(func(st *Status) { st.Head = max(st.Head, head) })
		s.Kick()
	})
	s.update(func(st *Status) { st.Online, st.Problem = true, "" })
	poll := time.NewTicker(s.o.Poll)
	defer poll.Stop()
	for {
		if err := s.Round(ctx, c); err != nil {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-s.kick:
		case <-poll.C:
		case err := <-listenErr:
			// The listening connection dropped: a round tells whether the
			// hub is still there (the listener reconnects by itself).
			if err := s.Round(ctx, c); err != nil {
				return err
			}
			s.o.Log.Info("team hub listener reconnecting", "err", err)
		}
	}
}

// ErrOffline answers a question for the hub asked while the desk is not
// connected to it.
var ErrOffline = errors.New("the team hub is not connected")

// claimWait bounds how long an alert waits for the hub's answer before the
// desk raises it itself.
const claimWait = 2 * time.Second

// ClaimAlert asks the hub whether this desk is the first of the team to
// raise an alert (an SLA warning or breach for one person, keyed the same on
// every desk). Offline it answers ErrOffline: the desk raises the alert
// itself, and the person may see it on a second desk too.
func (s *Syncer) ClaimAlert(ctx context.Context, ticketID, alertID string) (bool, error) {
	s.mu.Lock()
	c := s.client
	s.mu.Unlock()
	if c == nil {
		return false, ErrOffline
	}
	ctx, cancel := context.WithTimeout(ctx, claimWait)
	defer cancel()
	return c.ClaimAlert(ctx, ticketID, alertID)
}

// Greet says hello and lines the desk up with what the hub holds: a hub
// restored from a backup (a new epoch) gets our operations it lacks again and
// is read from the start.
func (s *Syncer) Greet(ctx context.Context, c *hub.Client) error {
	st, err := s.o.Store.TeamState(ctx)
	if err != nil {
		return err
	}
	info, err := c.Hello(ctx, s.o.Store.InstallID())
	if err != nil {
		return err
	}
	s.update(func(st *Status) { st.Head = info.HeadSeq })
	if info.Epoch != st.Epoch {
		s.o.Log.Info("the team hub has a new epoch: sending again what it lacks", "epoch", info.Epoch)
		return s.o.Store.NewHubEpoch(ctx, info.Epoch, info.LastCounter)
	}
	if info.LastCounter != st.Acked {
		return s.o.Store.SetHubAcked(ctx, info.LastCounter)
	}
	return nil
}

// Round pushes what is pending, then pulls what is new.
func (s *Syncer) Round(ctx context.Context, c *hub.Client) error {
	s.update(func(st *Status) { st.Syncing = true })
	defer s.update(func(st *Status) { st.Syncing = false })
	if err := s.push(ctx, c); err != nil {
		return err
	}
	if err := s.pull(ctx, c); err != nil {
		return err
	}
	return s.o.Store.NoteSync(ctx, time.Now(), "")
}

func (s *Syncer) push(ctx context.Context, c *hub.Client) error {
	for {
		ops, err := s.o.Store.PendingOps(ctx, pushBatch)
		if err != nil || len(ops) == 0 {
			return err
		}
		if err := s.sendBlobs(ctx, c, ops); err != nil {
			return err
		}
		res, pushErr := c.Push(ctx, ops)
		// Every result, accepted, duplicate or rejected, moves the counter
		// the hub holds: a refused op never blocks the ones after it.
		byID := make(map[string]desk.Op, len(ops))
		for _, op := range ops {
			byID[op.ID] = op
		}
		var upTo int64
		var rejected []store.Rejection
		for _, r := range res {
			op := byID[r.OpID]
			upTo = max(upTo, op.Counter)
			if r.Status == hub.Rejected {
				rejected = append(rejected, store.Rejection{Op: op, Reason: r.Message})
			}
		}
		if upTo > 0 {
			if err := s.o.Store.AckPushed(ctx, upTo, rejected); err != nil {
				return err
			}
		}
		if pushErr != nil {
			return pushErr
		}
	}
}

// sendBlobs puts the bytes of the files that ops attach on the hub, before
// the ops that refer to them. A file not on this desk is skipped: a missing
// blob never blocks sync.
func (s *Syncer) sendBlobs(ctx context.Context, c *hub.Client, ops []desk.Op) error {
	if s.o.Blobs == nil {
		return nil
	}
	var hashes []string
	for _, op := range ops {
		if h := attachedHash(op); h != "" {
			hashes = append(hashes, h)
		}
	}
	if len(hashes) == 0 {
		return nil
	}
	have, err := c.HasBlobs(ctx, hashes)
	if err != nil {
		return err
	}
	for _, h := range hashes {
		if have[h] {
			continue
		}
		path, err := s.o.Blobs.Path(h)
		if err != nil {
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			s.o.Log.Warn("attachment not sent", "hash", h, "err", err)
			continue
		}
		if err := c.PutBlob(ctx, h, data); err != nil {
			return err
		}
		have[h] = true
	}
	return nil
}

// attachedHash returns the file hash of a ticket.attach op, else "".
func attachedHash(op desk.Op) string {
	if op.Kind != store.OpAttach {
		return ""
	}
	var p struct {
		Hash string `json:"hash"`
	}
	if json.Unmarshal(op.Payload, &p) != nil {
		return ""
	}
	return p.Hash
}

// fetched is one page the hub answered, or why it did not.
type fetched struct {
	page []hub.PulledOp
	err  error
}

func (s *Syncer) pull(ctx context.Context, c *hub.Client) error {
	st, err := s.o.Store.TeamState(ctx)
	if err != nil {
		return err
	}
	fetch := func(after int64, size int) <-chan fetched {
		ch := make(chan fetched, 1)
		go func() {
			page, err := c.Pull(ctx, after, size)
			ch <- fetched{page, err}
		}()
		return ch
	}
	// A desk far behind (a new one joining) catches up without keeping the
	// queue and search up to date page by page; they are rebuilt once at the
	// end (and at the end of a later round, if this one stops half way).
	apply := s.o.Store.ApplyPulled
	if s.Status().Head-st.Cursor > catchUpFrom {
		apply = s.o.Store.CatchUp
	}
	size := pullPage
	next := fetch(st.Cursor, size)
	for {
		f := <-next
		if f.err != nil {
			return f.err
		}
		page := f.page
		if len(page) == 0 {
			return s.o.Store.FinishCatchUp(ctx)
		}
		full := len(page) >= size
		last := page[len(page)-1].Seq
		if full {
			// More waits: a desk catching up takes larger pages, and the
			// next one travels while this one is applied.
			size = catchUpPage
			next = fetch(last, size)
		}
		pulled := make([]desk.PulledOp, len(page))
		for i, p := range page {
			pulled[i] = desk.PulledOp{Seq: p.Seq, Op: p.Op}
		}
		merged, err := apply(ctx, pulled)
		if err != nil {
			if full {
				<-next
			}
			return err
		}
		s.update(func(st *Status) { st.Pulled, st.Head = last, max(st.Head, last) })
		s.fetchBlobs(ctx, c, merged)
		if len(merged) > 0 && s.o.Merged != nil {
			s.o.Merged(merged)
		}
		if !full {
			return s.o.Store.FinishCatchUp(ctx)
		}
	}
}

// fetchBlobs brings the files of pulled attach ops that are not here yet.
// One the hub lacks (its desk has not sent it yet) comes on a later round's
// attach or stays missing; it never stops the sync.
func (s *Syncer) fetchBlobs(ctx context.Context, c *hub.Client, ops []desk.Op) {
	if s.o.Blobs == nil {
		return
	}
	for _, op := range ops {
		h := attachedHash(op)
		if h == "" {
			continue
		}
		if _, err := s.o.Blobs.Path(h); err == nil {
			continue
		}
		data, err := c.GetBlob(ctx, h)
		if err != nil {
			s.o.Log.Info("attachment not on the hub yet", "hash", h, "err", err)
			continue
		}
		b, err := s.o.Blobs.Put(ctx, bytes.NewReader(data), "attachment")
		if err == nil && b.Hash != h {
			err = fmt.Errorf("the hub's file hashes to %s", b.Hash)
		}
		if err != nil {
			s.o.Log.Warn("attachment from the hub not stored", "hash", h, "err", err)
		}
	}
}
