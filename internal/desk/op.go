package desk

import (
	"encoding/json"
	"sync"
	"time"
)

// Op is one change to shared data, as recorded in the change log. Every change
// is made of operations, applied by the one mutation path; operations pulled
// from the team hub go through the same merge.
type Op struct {
	ID        string          `json:"id"`        // UUIDv7
	InstallID string          `json:"installId"` // the installation that made it
	Counter   int64           `json:"counter"`   // per-installation sequence, from 1
	HLC       int64           `json:"hlc"`       // hybrid logical clock: wall_ms<<16 | counter
	ActorID   string          `json:"actorId"`   // the user who made it
	Kind      string          `json:"kind"`
	EntityID  string          `json:"entityId"` // the row it concerns
	Payload   json.RawMessage `json:"payload"`
	CreatedAt time.Time       `json:"createdAt"`
}

// Clock tells the time. Tests inject a fixed or stepping clock.
type Clock interface {
	Now() time.Time
}

// SystemClock is the real clock.
type SystemClock struct{}

// Now returns the current time.
func (SystemClock) Now() time.Time { return time.Now() }

// ManualClock is a clock set by hand: each read returns the time last set plus
// one millisecond more than the read before, so operations stamped from it keep
// distinct, increasing times. Unset, it reads the real time. The seed uses it to
// date generated history, and tests to step through time.
type ManualClock struct {
	mu sync.Mutex
	t  time.Time
}

// NewManualClock returns a ManualClock set to t.
func NewManualClock(t time.Time) *ManualClock { return &ManualClock{t: t} }

// Now returns the time last set, a millisecond later than the previous read.
func (c *ManualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.t.IsZero() {
		return time.Now()
	}
	c.t = c.t.Add(time.Millisecond)
	return c.t
}

// Set moves the clock to t.
func (c *ManualClock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// PulledOp is an operation pulled from the team hub with its place in the
// hub's log.
type PulledOp struct {
	Seq int64
	Op  Op
}

// TeamState is what a workstation knows of its team hub.
type TeamState struct {
	Joined      bool   `json:"joined"`
	URL         string `json:"url"` // without credentials
	InstallID   string `json:"installId"`
	Epoch       string `json:"epoch"`
	Cursor      int64  `json:"cursor"`      // the last hub sequence applied here
	Acked       int64  `json:"acked"`       // the last of our operations the hub holds
	Pending     int64  `json:"pending"`     // our operations not yet pushed
	Rejected    int64  `json:"rejected"`    // operations refused, by the hub or here
	LastSync    string `json:"lastSync"`    // when a sync round last went well, RFC 3339 ("" never)
	LastProblem string `json:"lastProblem"` // the last problem in plain words ("" none)
}

// SyncRejection is an operation refused by the hub (ByHub) or by this
// workstation when it was pulled, and why.
type SyncRejection struct {
	OpID     string `json:"opId"`
	Kind     string `json:"kind"`
	EntityID string `json:"entityId"`
	ByHub    bool   `json:"byHub"`
	Reason   string `json:"reason"`
	At       string `json:"at"`
}

// TeamStatus is what the sync indicator and the Team screen show.
type TeamStatus struct {
	Joined    bool   `json:"joined"`
	URL       string `json:"url"`
	Online    bool   `json:"online"`    // connected to the hub now
	Syncing   bool   `json:"syncing"`   // a round of push and pull is running
	Pending   int64  `json:"pending"`   // changes made here not yet on the hub
	Rejected  int64  `json:"rejected"`  // changes refused, by the hub or here
	LastSync  string `json:"lastSync"`  // RFC 3339, "" never
	Problem   string `json:"problem"`   // the last problem in plain words, "" none
	Pulled    int64  `json:"pulled"`    // while catching up: the hub position reached …
	Head      int64  `json:"head"`      // … of the hub's newest
	InstallID string `json:"installId"` // this workstation's installation id
	CanManage bool   `json:"canManage"` // the signed-in user may join and leave (an admin, or anyone on an empty desk)
}
