// Package notify decides which of a user's new notifications reach the
// desktop, and how: one at a time, or one summary when several arrive
// together or while the app was closed. The desktop itself sits behind the
// Notifier interface (the beeep adapter in package desktop).
package notify

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"deskline/internal/desk"
)

// Notifier shows a native desktop notification.
type Notifier interface {
	Notify(title, body string) error
}

// Source is where notifications come from (the store).
type Source interface {
	// TakeUndelivered returns the user's notifications not yet offered to the
	// desktop, oldest first, and marks them offered.
	TakeUndelivered(ctx context.Context, userID string) ([]desk.Notification, error)
	NotificationPrefs(ctx context.Context, userID string) (desk.NotificationPrefs, error)
}

// Claimer decides which workstation of a team raises an SLA warning or
// breach: every desk works the alert out, and only the one whose claim the
// team hub accepts first shows it on the desktop.
type Claimer interface {
	// ClaimAlert returns true when this desk is to raise the alert (the
	// first claim, or a desk not in a team) and false when another
	// workstation raised it already. An error (the hub out of reach) means
	// no answer: the desk raises the alert itself.
	ClaimAlert(ctx context.Context, ticketID, alertID string) (bool, error)
}

// Deliverer offers new notifications to the desktop. It is safe for
// concurrent use; deliveries are serialised.
type Deliverer struct {
	src      Source
	notifier Notifier
	clock    desk.Clock
	zone     *time.Location
	log      *slog.Logger
	claimer  Claimer

	mu         sync.Mutex
	loggedDown bool
}

// New returns a Deliverer. notifier may be nil (no desktop at all); zone is
// the zone of the quiet hours (nil: the machine's).
func New(src Source, notifier Notifier, clock desk.Clock, zone *time.Location, log *slog.Logger) *Deliverer {
	if zone == nil {
		zone = time.Local
	}
	if log == nil {
		log = slog.Default()
	}
	return &Deliverer{src: src, notifier: notifier, clock: clock, zone: zone, log: log}
}

// SetClaimer makes SLA warnings and breaches reach the desktop only when c
// lets this desk raise them (nil: always).
func (d *Deliverer) SetClaimer(c Claimer) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.claimer = c
}

// claimed reports whether this desk raises n: any notification but an SLA
// warning or breach, and those the claimer gives this desk (or cannot
// answer for: offline, the desk raises its own).
func (d *Deliverer) claimed(ctx context.Context, n desk.Notification) bool {
	if d.claimer == nil || (n.Kind != desk.NoteSLAWarning && n.Kind != desk.NoteSLABreach) {
		return true
	}
	won, err := d.claimer.ClaimAlert(ctx, n.TicketID, n.ID)
	if err != nil {
		d.log.Info("SLA alert raised here: the team hub could not say whether another desk raised it", "alert", n.ID, "err", err)
		return true
	}
	return won
}

// Deliver offers userID's new notifications to the desktop and returns what
// was shown (title and body; empty when nothing was). Kinds the user keeps
// in-app and anything arriving in quiet hours are not shown, but stay in the
// notification center like every other. An SLA warning or breach another
// workstation of the team raised first is not shown again here (SetClaimer).
func (d *Deliverer) Deliver(ctx context.Context, userID string) (title, body string, err error) {
	if userID == "" {
		return "", "", nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	items, err := d.src.TakeUndelivered(ctx, userID)
	if err != nil || len(items) == 0 {
		return "", "", err
	}
	prefs, err := d.src.NotificationPrefs(ctx, userID)
	if err != nil {
		return "", "", err
	}
	if prefs.DNDEnabled && inQuietHours(d.clock.Now().In(d.zone), prefs.DNDStart, prefs.DNDEnd) {
		return "", "", nil
	}
	wanted := map[string]bool{}
	for _, k := range prefs.DesktopKinds {
		wanted[k] = true
	}
	var show []desk.Notification
	for _, n := range items {
		if wanted[n.Kind] && d.claimed(ctx, n) {
			show = append(show, n)
		}
	}
	if len(show) == 0 {
		return "", "", nil
	}
	title, body = Summarise(show)
	if d.notifier == nil {
		return "", "", nil
	}
	if err := d.notifier.Notify(title, body); err != nil {
		if !d.loggedDown {
			d.loggedDown = true
			d.log.Warn("desktop notifications are unavailable; they stay in the notification center", "err", err)
		}
		return "", "", nil
	}
	return title, body, nil
}

// Summarise turns notifications into one desktop notification: the
// notification itself when there is one, else a count ("5 tickets assigned to
// you") with the first few titles.
func Summarise(ns []desk.Notification) (title, body string) {
	if len(ns) == 1 {
		return ns[0].Title, ns[0].Body
	}
	sameKind := true
	for _, n := range ns[1:] {
		sameKind = sameKind && n.Kind == ns[0].Kind
	}
	title = fmt.Sprintf("%d new notifications", len(ns))
	if sameKind {
		switch ns[0].Kind {
		case desk.NoteAssigned:
			title = fmt.Sprintf("%d tickets assigned to you", len(ns))
		case desk.NoteMention:
			title = fmt.Sprintf("%d mentions of you in notes", len(ns))
		case desk.NoteNewTicket:
			title = fmt.Sprintf("%d new tickets", len(ns))
		}
	}
	const shown = 3
	var lines []string
	for i, n := range ns {
		if i == shown {
			lines = append(lines, fmt.Sprintf("and %d more", len(ns)-shown))
			break
		}
		lines = append(lines, n.Title)
	}
	return title, strings.Join(lines, "\n")
}

// inQuietHours reports whether the wall-clock time of now falls in [start,
// end), a window that may span midnight ("20:00"–"08:00").
func inQuietHours(now time.Time, start, end string) bool {
	s, ok1 := minutes(start)
	e, ok2 := minutes(end)
	if !ok1 || !ok2 || s == e {
		return false
	}
	m := now.Hour()*60 + now.Minute()
	if s < e {
		return m >= s && m < e
	}
	return m >= s || m < e
}

func minutes(hhmm string) (int, bool) {
	t, err := time.Parse("15:04", hhmm)
	if err != nil {
		return 0, false
	}
	return t.Hour()*60 + t.Minute(), true
}
