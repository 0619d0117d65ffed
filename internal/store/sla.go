package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
	"deskline/internal/sla"
)

// OpSLASave replaces the workspace's SLA setup.
const OpSLASave = "sla.save"

// slaTerms is what a ticket runs under: a copy of the matched policy and its
// calendar, taken when the ticket was opened.
type slaTerms struct {
	Policy   sla.Policy   `json:"policy"`
	Calendar sla.Calendar `json:"calendar"`
}

// LocalZone returns the IANA name of this machine's time zone ("UTC" if it
// cannot be told), for the default business calendar.
func LocalZone() string {
	if tz := os.Getenv("TZ"); tz != "" {
		if _, err := time.LoadLocation(tz); err == nil && tz != "Local" {
			return tz
		}
	}
	if target, err := filepath.EvalSymlinks("/etc/localtime"); err == nil {
		if i := strings.Index(target, "zoneinfo/"); i >= 0 {
			name := target[i+len("zoneinfo/"):]
			if _, err := time.LoadLocation(name); err == nil {
				return name
			}
		}
	}
	if b, err := os.ReadFile("/etc/timezone"); err == nil {
		name := strings.TrimSpace(string(b))
		if _, err := time.LoadLocation(name); err == nil && name != "" {
			return name
		}
	}
	return "UTC"
}

// DefaultSLAConfig is the setup of a new workspace: business hours Mon–Fri
// 09:00–18:00 in this machine's zone and the default policy on them.
func DefaultSLAConfig() desk.SLAConfig {
	cal := sla.DefaultCalendar(LocalZone())
	cal.ID, cal.Name = "default", "Business hours"
	p := sla.DefaultPolicy()
	p.ID, p.Name, p.CalendarID = "default", "Default", "default"
	return desk.SLAConfig{Calendars: []sla.Calendar{cal}, Policies: []sla.Policy{}, Default: p}
}

func slaConfig(ctx context.Context, q *dbsqlc.Queries) (desk.SLAConfig, error) {
	body, err := q.GetSLAConfig(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return DefaultSLAConfig(), nil
	}
	if err != nil {
		return desk.SLAConfig{}, err
	}
	var c desk.SLAConfig
	if err := json.Unmarshal([]byte(body), &c); err != nil {
		return desk.SLAConfig{}, fmt.Errorf("decode SLA setup: %w", err)
	}
	if c.Policies == nil {
		c.Policies = []sla.Policy{}
	}
	return c, nil
}

// SLAConfig returns the workspace's SLA setup.
func (s *Store) SLAConfig(ctx context.Context) (desk.SLAConfig, error) {
	return slaConfig(ctx, s.read())
}

// fieldError turns an sla.FieldError into an EINVALID naming its field.
func fieldError(prefix string, err error) error {
	var fe *sla.FieldError
	if errors.As(err, &fe) {
		return desk.Invalid(prefix+fe.Field, "%s", fe.Message)
	}
	return err
}

// SaveSLAConfig replaces the SLA setup (admins only). It applies to tickets
// opened from now on. Returns EINVALID naming the field for a calendar with no
// working time, overlapping or reversed windows, an unknown zone, a target of
// zero or less, a missing or too long name, or a policy on a calendar that
// does not exist.
func (s *Store) SaveSLAConfig(ctx context.Context, actorID string, c desk.SLAConfig) (desk.SLAConfig, error) {
	for i := range c.Calendars {
		if c.Calendars[i].ID == "" {
			c.Calendars[i].ID = newID()
		}
	}
	for i := range c.Policies {
		if c.Policies[i].ID == "" {
			c.Policies[i].ID = newID()
		}
	}
	if c.Default.ID == "" {
		c.Default.ID = newID()
	}
	if err := checkSLAConfig(&c); err != nil {
		return c, err
	}
	_, err := s.mutate(ctx, actorID, func(m *mutation) error {
		if err := m.requireAdmin("change SLA policies"); err != nil {
			return err
		}
		_, err := emit(m, kSLASave, "sla", c)
		return err
	})
	return c, err
}

var kSLASave = defineKind(opKind[desk.SLAConfig]{
	name: OpSLASave, what: "change SLA policies", roles: desk.RolesFor(desk.ActConfigureSLA), entity: checkEntityIs("sla"),
	check: checkSLAConfig,
	merge: func(mc *mergeCtx, _ *desk.SLAConfig) error {
		return mc.q.UpsertSLAConfig(mc.ctx, dbsqlc.UpsertSLAConfigParams{Body: string(mc.op.Payload), Stamp: mc.st})
	},
})

// Limits of an SLA setup.
const (
	maxSLACalendars = 50
	maxSLAPolicies  = 200
)

// checkSLAConfig validates a whole SLA setup, its ids given: at least one
// calendar, each valid and named, each policy valid, named and on one of the
// calendars when it counts business time.
func checkSLAConfig(c *desk.SLAConfig) error {
	if len(c.Calendars) == 0 {
		return desk.Invalid("calendars", "Keep at least one business calendar")
	}
	if len(c.Calendars) > maxSLACalendars {
		return desk.Invalid("calendars", "Too many calendars (%d, at most %d)", len(c.Calendars), maxSLACalendars)
	}
	if len(c.Policies) > maxSLAPolicies {
		return desk.Invalid("policies", "Too many policies (%d, at most %d)", len(c.Policies), maxSLAPolicies)
	}
	ids := map[string]bool{}
	for i := range c.Calendars {
		cal := &c.Calendars[i]
		field := fmt.Sprintf("calendars[%d].", i)
		if err := checkKey(field+"id", cal.ID); err != nil {
			return err
		}
		if strings.TrimSpace(cal.Name) == "" {
			return desk.Invalid(field+"name", "Give the calendar a name")
		}
		if err := cleanNameIn(field+"name", "The calendar's name", &cal.Name); err != nil {
			return err
		}
		if err := cal.Validate(); err != nil {
			return fieldError(field, err)
		}
		ids[cal.ID] = true
	}
	check := func(field string, p *sla.Policy) error {
		if err := checkKey(field+".id", p.ID); err != nil {
			return err
		}
		if strings.TrimSpace(p.Name) == "" {
			return desk.Invalid(field+".name", "Give the policy a name")
		}
		if err := cleanNameIn(field+".name", "The policy's name", &p.Name); err != nil {
			return err
		}
		if err := p.Validate(); err != nil {
			return fieldError(field+".", err)
		}
		if !p.NoSLA && p.Mode == sla.ModeBusiness && !ids[p.CalendarID] {
			return desk.Invalid(field+".calendarId", "Choose one of the business calendars")
		}
		return nil
	}
	for i := range c.Policies {
		if err := check(fmt.Sprintf("policies[%d]", i), &c.Policies[i]); err != nil {
			return err
		}
	}
	if err := check("default", &c.Default); err != nil {
		return err
	}
	if c.Policies == nil {
		c.Policies = []sla.Policy{}
	}
	return nil
}

// check validates the terms a ticket was opened under, as carried by its
// create operation.
func (t *slaTerms) check() error {
	if err := cleanNameIn("sla.policy.name", "The policy's name", &t.Policy.Name); err != nil {
		return err
	}
	if err := t.Policy.Validate(); err != nil {
		return fieldError("sla.policy.", err)
	}
	if t.Policy.NoSLA || t.Policy.Mode != sla.ModeBusiness {
		return nil
	}
	return fieldError("sla.calendar.", t.Calendar.Validate())
}

// termsFor picks the policy a new ticket runs under: the first that matches,
// else the default, with its calendar.
func termsFor(c desk.SLAConfig, f sla.Facts) slaTerms {
	p, ok := sla.Policies(c.Policies).Match(f)
	if !ok {
		p = c.Default
	}
	t := slaTerms{Policy: p}
	for _, cal := range c.Calendars {
		if cal.ID == p.CalendarID {
			t.Calendar = cal
		}
	}
	if t.Calendar.Zone == "" { // calendar time, or a calendar since removed
		t.Calendar = sla.DefaultCalendar("UTC")
	}
	return t
}

// slaTicket rebuilds a ticket's SLA history from its feed entries.
func slaTicket(created int64, rows []dbsqlc.ListSLAHistoryRow) sla.Ticket {
	t := sla.Ticket{Created: time.UnixMilli(created).UTC(), Priority: sla.PriorityMedium}
	status := sla.StatusOpen
	for _, r := range rows {
		at := time.UnixMilli(r.CreatedAt).UTC()
		switch r.Kind {
		case desk.ActCreated:
			t.Priority = sla.Priority(r.Value)
		case desk.ActStatus:
			to := sla.Status(r.Value)
			t.Events = append(t.Events, sla.StatusChange(at, status, to))
			status = to
		case desk.ActPriority:
			t.Events = append(t.Events, sla.PriorityChange(at, sla.Priority(r.Value)))
		case desk.ActNote:
			t.Events = append(t.Events, sla.Response(at))
		}
	}
	return t
}

// evaluate computes a ticket's clocks at now; ok is false when it runs under
// no SLA (or was opened before SLAs existed).
func evaluate(terms string, created int64, rows []dbsqlc.ListSLAHistoryRow, now time.Time) (sla.Result, slaTerms, bool, error) {
	var t slaTerms
	if terms == "" {
		return sla.Result{}, t, false, nil
	}
	if err := json.Unmarshal([]byte(terms), &t); err != nil {
		return sla.Result{}, t, false, fmt.Errorf("decode SLA terms: %w", err)
	}
	if t.Policy.NoSLA {
		return sla.Result{}, t, false, nil
	}
	r, err := sla.Evaluate(slaTicket(created, rows), t.Policy, t.Calendar, now)
	return r, t, err == nil, err
}

// noDue is the next-due moment of a ticket with no running clock: last in
// the "next due" order, never "breached".
const noDue = math.MaxInt64

func nullTime(t time.Time, ok bool) sql.NullInt64 {
	return sql.NullInt64{Int64: t.UnixMilli(), Valid: ok}
}

var clockLabels = map[sla.ClockKind]string{sla.ClockFirstResponse: "First response", sla.ClockResolution: "Resolution"}

// refreshSLA recomputes a ticket's stored next-due, next-warning and
// next-alert moments after an operation, and writes a feed entry when the
// operation met a clock.
func refreshSLA(ctx context.Context, q *dbsqlc.Queries, op desk.Op) error {
	t, err := q.GetTicketSLA(ctx, op.EntityID)
	if err != nil {
		return fmt.Errorf("ticket SLA: %w", err)
	}
	rows, err := q.ListSLAHistory(ctx, []string{op.EntityID})
	if err != nil {
		return err
	}
	r, _, ok, err := evaluate(t.SlaTerms, t.CreatedAt, rows, op.CreatedAt)
	if err != nil {
		return err
	}
	if !ok {
		return q.SetTicketSLANext(ctx, dbsqlc.SetTicketSLANextParams{SlaNextDue: noDue, ID: op.EntityID})
	}
	due, dueOK := r.NextDue()
	warn, warnOK := r.NextWarning()
	alert, alertOK := r.NextAlert()
	nextDue := int64(noDue)
	if dueOK {
		nextDue = due.UnixMilli()
	}
	if err := q.SetTicketSLANext(ctx, dbsqlc.SetTicketSLANextParams{
		SlaNextDue: nextDue, SlaNextWarn: nullTime(warn, warnOK), SlaNextAlert: nullTime(alert, alertOK), ID: op.EntityID,
	}); err != nil {
		return err
	}
	if len(rows) > 0 && rows[len(rows)-1].Hlc > op.HLC {
		// An operation older than the ticket's latest (pulled from another
		// workstation): the feed's "clock met" lines are worked out again from
		// the whole history, so they end up the same whatever the order the
		// operations arrived in.
		return reconcileSLALines(ctx, q, op.EntityID, t.SlaTerms, t.CreatedAt, rows)
	}
	if len(rows) > 0 && rows[len(rows)-1].ID == op.ID {
		return insertSLALines(ctx, q, r, rows[len(rows)-1])
	}
	return nil
}

// slaLine is a "clock met" feed line, keyed by the event that stopped the clock.
type slaLine = dbsqlc.InsertActivityParams

// slaLines returns the "clock met" lines of the clocks that event stopped.
func slaLines(r sla.Result, event dbsqlc.ListSLAHistoryRow) []slaLine {
	var out []slaLine
	for _, c := range []sla.Clock{r.FirstResponse, r.Resolution} {
		if (c.State == sla.StateMet || c.State == sla.StateMetLate) && c.StoppedAt.UnixMilli() == event.CreatedAt {
			what := "met"
			if c.State == sla.StateMetLate {
				what = "met late"
			}
			out = append(out, slaLine{
				ID: event.ID + "/sla/" + string(c.Kind), TicketID: event.TicketID, ActorID: event.ActorID, Kind: desk.ActSLA,
				Body:    fmt.Sprintf("%s after %s (target %s)", clockLabels[c.Kind], span(c.Elapsed), span(c.Target)),
				ToValue: clockLabels[c.Kind] + " " + what, CreatedAt: event.CreatedAt, Hlc: event.Hlc,
			})
		}
	}
	return out
}

func insertSLALines(ctx context.Context, q *dbsqlc.Queries, r sla.Result, event dbsqlc.ListSLAHistoryRow) error {
	for _, l := range slaLines(r, event) {
		if err := q.InsertActivity(ctx, l); err != nil {
			return err
		}
	}
	return nil
}

// reconcileSLALines makes a ticket's "clock met" lines those its history
// gives, event by event: the lines each event wrote when the events arrive in
// order.
func reconcileSLALines(ctx context.Context, q *dbsqlc.Queries, ticketID, terms string, created int64, rows []dbsqlc.ListSLAHistoryRow) error {
	want := map[string]slaLine{}
	for i, e := range rows {
		r, _, ok, err := evaluate(terms, created, rows[:i+1], time.UnixMilli(e.CreatedAt))
		if err != nil || !ok {
			return err
		}
		for _, l := range slaLines(r, e) {
			want[l.ID] = l
		}
	}
	have, err := q.ListSLALineIDs(ctx, ticketID)
	if err != nil {
		return err
	}
	for _, h := range have {
		if l, ok := want[h.ID]; ok && l.Body == h.Body && l.ToValue == h.ToValue {
			delete(want, h.ID) // already as it should be
		} else if err := q.DeleteActivity(ctx, h.ID); err != nil {
			return err
		}
	}
	for _, l := range want {
		if err := q.InsertActivity(ctx, l); err != nil {
			return err
		}
	}
	return nil
}

// span formats a duration the way people say it: "45 min", "3 h 20 min", "2 d 4 h".
func span(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	m := int64(d.Round(time.Minute) / time.Minute)
	switch {
	case m < 60:
		return fmt.Sprintf("%d min", m)
	case m < 24*60:
		if m%60 == 0 {
			return fmt.Sprintf("%d h", m/60)
		}
		return fmt.Sprintf("%d h %d min", m/60, m%60)
	default:
		days, h := m/(24*60), (m%(24*60))/60
		if h == 0 {
			return fmt.Sprintf("%d d", days)
		}
		return fmt.Sprintf("%d d %d h", days, h)
	}
}

func secs(d time.Duration) int64 { return int64(d.Round(time.Second) / time.Second) }

func badgeOf(r sla.Result) *desk.SLABadge {
	b := r.Badge()
	if b.State == sla.BadgeNone {
		return nil
	}
	out := &desk.SLABadge{Clock: string(b.Clock), State: string(b.State), Business: r.Mode == sla.ModeBusiness,
		LeftSeconds: secs(b.Left), OverdueSeconds: secs(b.Overdue)}
	if !b.Due.IsZero() {
		out.Due = b.Due.UTC().Format(time.RFC3339)
	}
	if !b.ResumeDue.IsZero() {
		out.ResumeDue = b.ResumeDue.UTC().Format(time.RFC3339)
	}
	return out
}

// fillSLA computes the SLA badges of the given tickets at now: one query for
// their terms, one for their histories; tickets that share terms (most do)
// decode them once.
func fillSLA(ctx context.Context, q *dbsqlc.Queries, ts []desk.TicketSummary, now time.Time) error {
	if len(ts) == 0 {
		return nil
	}
	ids := make([]string, len(ts))
	for i := range ts {
		ids[i] = ts[i].ID
	}
	terms, err := q.ListTicketsSLATerms(ctx, ids)
	if err != nil {
		return err
	}
	byID := make(map[string]dbsqlc.ListTicketsSLATermsRow, len(terms))
	for _, t := range terms {
		byID[t.ID] = t
	}
	hist, err := q.ListSLAHistory(ctx, ids)
	if err != nil {
		return err
	}
	byTicket := map[string][]dbsqlc.ListSLAHistoryRow{}
	for _, h := range hist {
		byTicket[h.TicketID] = append(byTicket[h.TicketID], h)
	}
	decoded := map[string]*slaTerms{}
	for i := range ts {
		t := byID[ts[i].ID]
		if t.SlaTerms == "" {
			continue
		}
		st, ok := decoded[t.SlaTerms]
		if !ok {
			st = new(slaTerms)
			if err := json.Unmarshal([]byte(t.SlaTerms), st); err != nil {
				return fmt.Errorf("decode SLA terms: %w", err)
			}
			decoded[t.SlaTerms] = st
		}
		if st.Policy.NoSLA {
			continue
		}
		r, err := sla.Evaluate(slaTicket(t.CreatedAt, byTicket[ts[i].ID]), st.Policy, st.Calendar, now)
		if err != nil {
			return err
		}
		ts[i].SLA = badgeOf(r)
	}
	return nil
}

// ticketSLA is the ticket screen's SLA panel.
func ticketSLA(ctx context.Context, q *dbsqlc.Queries, id string, now time.Time) (*desk.TicketSLA, error) {
	t, err := q.GetTicketSLA(ctx, id)
	if err != nil {
		return nil, err
	}
	rows, err := q.ListSLAHistory(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	r, terms, ok, err := evaluate(t.SlaTerms, t.CreatedAt, rows, now)
	if err != nil {
		return nil, err
	}
	if t.SlaTerms == "" {
		return nil, nil
	}
	out := &desk.TicketSLA{PolicyName: terms.Policy.Name, Mode: string(terms.Policy.Mode), NoSLA: !ok, Clocks: []desk.SLAClock{}}
	if !ok {
		return out, nil
	}
	for _, c := range []sla.Clock{r.FirstResponse, r.Resolution} {
		sc := desk.SLAClock{
			Kind: string(c.Kind), Label: clockLabels[c.Kind], State: string(c.State), Warning: c.Warning,
			TargetSeconds: secs(c.Target), ElapsedSeconds: secs(c.Elapsed), PausedSeconds: secs(c.Paused),
			LeftSeconds: secs(c.Left), OverdueSeconds: secs(c.Overdue),
		}
		if !c.Due.IsZero() {
			sc.Due = c.Due.UTC().Format(time.RFC3339)
		}
		if !c.ResumeDue.IsZero() {
			sc.ResumeDue = c.ResumeDue.UTC().Format(time.RFC3339)
		}
		out.Clocks = append(out.Clocks, sc)
	}
	return out, nil
}

// RaiseSLAAlerts raises the SLA warnings and breaches that are due at now,
// each once per clock per ticket: a notification to the ticket's assignees
// and the managers, and for a breach a line in the ticket's feed. It returns
// how many were raised and when the next one falls due (zero when none is
// pending), so the caller can sleep until then.
func (s *Store) RaiseSLAAlerts(ctx context.Context, now time.Time) (int, time.Time, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	raised := 0
	var next time.Time
	err := s.inTx(ctx, func(_ *sql.Tx, q *dbsqlc.Queries) error {
		due, err := q.ListTicketsDueForAlert(ctx, sql.NullInt64{Int64: now.UnixMilli(), Valid: true})
		if err != nil {
			return err
		}
		managers, err := q.ListActiveManagerIDs(ctx)
		if err != nil {
			return err
		}
		for _, t := range due {
			rows, err := q.ListSLAHistory(ctx, []string{t.ID})
			if err != nil {
				return err
			}
			r, _, ok, err := evaluate(t.SlaTerms, t.CreatedAt, rows, now)
			if err != nil {
				return err
			}
			if ok {
				n, err := raiseClockAlerts(ctx, q, t.ID, r, managers, now)
				if err != nil {
					return err
				}
				raised += n
			}
			at, more := r.NextAlert()
			if err := q.SetTicketSLANextAlert(ctx, dbsqlc.SetTicketSLANextAlertParams{SlaNextAlert: nullTime(at, ok && more), ID: t.ID}); err != nil {
				return err
			}
		}
		n, err := q.NextSLAAlert(ctx)
		if err == nil && n > 0 {
			next = time.UnixMilli(n)
		}
		return err
	})
	return raised, next, err
}

func raiseClockAlerts(ctx context.Context, q *dbsqlc.Queries, ticketID string, r sla.Result, managers []string, now time.Time) (int, error) {
	raised := 0
	for _, c := range []sla.Clock{r.FirstResponse, r.Resolution} {
		kind, note := "", ""
		switch {
		case c.State == sla.StateBreached:
			kind, note = "breach", desk.NoteSLABreach
		case c.State == sla.StateRunning && c.Warning:
			kind, note = "warning", desk.NoteSLAWarning
		default:
			continue
		}
		n, err := q.InsertSLAAlert(ctx, dbsqlc.InsertSLAAlertParams{TicketID: ticketID, Clock: string(c.Kind), Kind: kind, RaisedAt: now.UnixMilli()})
		if err != nil || n == 0 {
			if err != nil {
				return raised, err
			}
			continue
		}
		raised++
		title, customer, err := ticketTitle(ctx, q, ticketID)
		if err != nil {
			return raised, err
		}
		label := clockLabels[c.Kind]
		body := fmt.Sprintf("%s due in %s — %s", label, span(c.Left), customer)
		if kind == "breach" {
			body = fmt.Sprintf("%s breached — %s", label, customer)
			t, err := q.GetTicket(ctx, ticketID)
			if err != nil {
				return raised, err
			}
			// A line in the feed; its id is the same on every workstation.
			if err := q.InsertActivity(ctx, dbsqlc.InsertActivityParams{
				ID: ticketID + "/sla-breach/" + string(c.Kind), TicketID: ticketID, ActorID: t.CreatedBy, Kind: desk.ActSLA,
				Body: fmt.Sprintf("%s target of %s passed", label, span(c.Target)), ToValue: label + " breached",
				CreatedAt: c.Due.UnixMilli(), Hlc: c.Due.UnixMilli() << 16,
			}); err != nil {
				return raised, err
			}
		}
		recipients, err := q.ListTicketAssigneeIDs(ctx, ticketID)
		if err != nil {
			return raised, err
		}
		seen := map[string]bool{}
		for _, u := range append(recipients, managers...) {
			if seen[u] {
				continue
			}
			seen[u] = true
			if err := q.InsertNotification(ctx, dbsqlc.InsertNotificationParams{
				ID: ticketID + "/" + note + "/" + string(c.Kind) + "/" + u, RecipientID: u, Kind: note,
				TicketID: nullString(ticketID), Title: title, Body: body, CreatedAt: now.UnixMilli(),
			}); err != nil {
				return raised, err
			}
		}
	}
	return raised, nil
}
