package seed

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/google/uuid"

	"deskline/internal/desk"
	"deskline/internal/store"
)

// BulkThreshold is the size from which Run writes rows straight into the
// tables (Bulk) instead of through the mutation path.
const BulkThreshold = 5000

// bulkAgents is the team of a large desk.
var bulkAgents = []string{"Maya Manager", "Sam Support", "Ravi Support", "Lena Sales", "Ada Okafor", "Ben Costa", "Chloe Varga",
	"Dev Patel", "Eva Novak", "Finn Jensen", "Gita Rahman", "Hugo Silva", "Iris Tanaka", "Jonas Kato", "Kira Lopez", "Leo Banda",
	"Mina Haddad", "Nico Evans", "Olga Wong", "Pablo Quispe", "Rita Zulu", "Sven Diallo", "Tomas Gupta", "Una Yilmaz"}

// batch writes rows of one table many at a time: a prepared INSERT of
// batchRows rows, and one of a single row for what is left at the end.
type batch struct {
	ctx        context.Context
	many, one  *sql.Stmt
	cols, rows int
	args       []any
}

const batchRows = 64

func newBatch(ctx context.Context, tx *sql.Tx, insert string, cols int) (*batch, error) {
	tuple := "(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")"
	one, err := tx.PrepareContext(ctx, insert+" VALUES "+tuple)
	if err != nil {
		return nil, err
	}
	many, err := tx.PrepareContext(ctx, insert+" VALUES "+strings.TrimSuffix(strings.Repeat(tuple+", ", batchRows), ", "))
	if err != nil {
		return nil, err
	}
	return &batch{ctx: ctx, one: one, many: many, cols: cols}, nil
}

func (b *batch) add(args ...any) error {
	b.args = append(b.args, args...)
	if b.rows++; b.rows == batchRows {
		if _, err := b.many.ExecContext(b.ctx, b.args...); err != nil {
			return err
		}
		b.args, b.rows = b.args[:0], 0
	}
	return nil
}

func (b *batch) flush() error {
	for i := 0; i < b.rows; i++ {
		if _, err := b.one.ExecContext(b.ctx, b.args[i*b.cols:(i+1)*b.cols]...); err != nil {
			return err
		}
	}
	b.args, b.rows = b.args[:0], 0
	return nil
}

// weighted picks an index by weight.
type weighted []int

func (w weighted) pick(r *rand.Rand) int {
	total := 0
	for _, x := range w {
		total += x
	}
	n := r.IntN(total)
	for i, x := range w {
		if n < x {
			return i
		}
		n -= x
	}
	return len(w) - 1
}

// progressBar draws "label [#####-----] done/total" on one line of w.
type progressBar struct {
	w         io.Writer
	label     string
	total     int
	lastShown int
	started   time.Time
}

func (p *progressBar) show(done int) {
	if p.w == nil || (done != p.total && done-p.lastShown < max(1, p.total/200)) {
		return
	}
	p.lastShown = done
	const width = 30
	fill := width * done / max(1, p.total)
	fmt.Fprintf(p.w, "\r%-12s [%s%s] %d/%d %s", p.label, strings.Repeat("#", fill), strings.Repeat("-", width-fill), done, p.total,
		time.Since(p.started).Round(time.Second))
	if done == p.total {
		fmt.Fprintln(p.w)
	}
}

// Bulk fills an empty store with a large desk: 25 users, o.Contacts customers
// and leads (default a fifth of the tickets), o.Tickets tickets over the two
// years before o.Now with the statuses, subjects, sources, priorities and
// assignees of a real desk, about five feed entries per ticket, attachment
// rows pointing at files (o.Files, already stored) and follow-up tasks. The
// users and the workspace go through the mutation path; the rest is written
// straight into the tables by store.BulkLoad, which then builds the indexes
// and derived tables.
func Bulk(ctx context.Context, st *store.Store, o Options) error {
	r := rand.New(rand.NewPCG(o.Seed, o.Seed^0x5eed))
	state, err := st.State(ctx)
	if err != nil {
		return err
	}
	if state.Initialized {
		return desk.Errorf(desk.ECONFLICT, "a bulk seed needs an empty data folder")
	}
	now := o.Now
	if now.IsZero() {
		now = time.Now()
	}
	admin, err := st.InitWorkspace(ctx, "Riverside Branch", "Dana Desk")
	if err != nil {
		return err
	}
	users := []string{admin.ID}
	for i, name := range bulkAgents {
		role := desk.RoleSupport
		if i == 0 {
			role = desk.RoleManager
		} else if strings.HasSuffix(name, "Sales") {
			role = desk.RoleSales
		}
		u, err := st.SaveUser(ctx, admin.ID, desk.UserInput{Name: name, Role: string(role)})
		if err != nil {
			return err
		}
		users = append(users, u.ID)
	}
	userWeights := make(weighted, len(users)) // some people carry more of the desk
	for i := range userWeights {
		userWeights[i] = 4 + (len(users)-i)%7
	}
	subjects, err := st.ListCatalog(ctx, desk.CatalogSubject, false)
	if err != nil {
		return err
	}
	sources, err := st.ListCatalog(ctx, desk.CatalogSource, false)
	if err != nil {
		return err
	}
	if len(subjects) == 0 || len(sources) == 0 {
		return desk.Errorf(desk.ECONFLICT, "no active subjects or sources to seed tickets with")
	}
	subjectWeights := make(weighted, len(subjects))
	for i := range subjectWeights {
		subjectWeights[i] = 2 + 12/(i+1)
	}
	sourceWeights := make(weighted, len(sources))
	for i := range sourceWeights {
		sourceWeights[i] = 1 + 8/(i+1)
	}
	cfg, err := st.SLAConfig(ctx)
	if err != nil {
		return err
	}
	nContacts := o.Contacts
	if nContacts <= 0 {
		nContacts = max(20, o.Tickets/5)
	}
	userNames := map[string]string{admin.ID: admin.Name}
	us, _ := st.ListUsers(ctx)
	for _, u := range us {
		userNames[u.ID] = u.Name
	}

	load := func(tx *sql.Tx) error {
		insContact, err := newBatch(ctx, tx, `INSERT INTO contacts (id, kind, name, name_key, mobile, email, lead_status, created_at, updated_at, stamp)`, 10)
		if err != nil {
			return err
		}
		insTicket, err := newBatch(ctx, tx, `INSERT INTO tickets (id, number, contact_id, mobile, source_id, description, status, priority, created_by, created_at, updated_at,
			status_stamp, priority_stamp, contact_stamp, mobile_stamp, source_stamp, description_stamp, sla_terms)`, 18)
		if err != nil {
			return err
		}
		insSubject, err := newBatch(ctx, tx, `INSERT INTO ticket_subjects (tag, ticket_id, subject_id)`, 3)
		if err != nil {
			return err
		}
		insAssignee, err := newBatch(ctx, tx, `INSERT INTO ticket_assignees (tag, ticket_id, user_id)`, 3)
		if err != nil {
			return err
		}
		insActivity, err := newBatch(ctx, tx, `INSERT INTO activities (id, ticket_id, actor_id, kind, body, from_value, to_value, value, created_at, hlc)`, 10)
		if err != nil {
			return err
		}
		insAttachment, err := newBatch(ctx, tx, `INSERT INTO attachments (id, ticket_id, hash, name, size, mime, added_by, added_at)`, 8)
		if err != nil {
			return err
		}
		insTask, err := newBatch(ctx, tx, `INSERT INTO tasks (id, ticket_id, title, notes, due_at, assignee_id, created_by, created_at, updated_at, edit_stamp, done_at, done_by, done_stamp)`, 13)
		if err != nil {
			return err
		}

		span := 2 * 365 * 24 * time.Hour
		start := now.Add(-span)
		type contact struct{ id, mobile, kind string }
		contacts := make([]contact, nContacts)
		bar := &progressBar{w: o.Progress, label: "contacts", total: nContacts, started: time.Now()}
		for i := range contacts {
			kind := desk.KindCustomer
			lead := ""
			if r.IntN(4) == 0 {
				kind, lead = desk.KindLead, []string{"new", "contacted", "qualified", "lost"}[r.IntN(4)]
			}
			name := firstNames[r.IntN(len(firstNames))] + " " + lastNames[r.IntN(len(lastNames))]
			mobile := fmt.Sprintf("07%08d", r.IntN(100000000))
			at := start.Add(time.Duration(r.Int64N(int64(span)))).UnixMilli()
			c := contact{id: uuid.Must(uuid.NewV7()).String(), mobile: mobile, kind: string(kind)}
			contacts[i] = c
			if err := insContact.add(c.id, c.kind, name, desk.NameKey(name), mobile, "", lead, at, at, st.Stamp(at<<16)); err != nil {
				return fmt.Errorf("contact: %w", err)
			}
			bar.show(i + 1)
		}

		if err := insContact.flush(); err != nil {
			return err
		}
		terms := map[string]string{}
		statusLabel := func(s desk.Status) string { return s.Label() }
		bar = &progressBar{w: o.Progress, label: "tickets", total: o.Tickets, started: time.Now()}
		priorityW := weighted{20, 50, 22, 8}
		priorities := []desk.Priority{desk.PriorityLow, desk.PriorityMedium, desk.PriorityHigh, desk.PriorityUrgent}
		var feed [][]any
		for i := 0; i < o.Tickets; i++ {
			created := start.Add(span / time.Duration(max(1, o.Tickets)) * time.Duration(i)).Add(time.Duration(r.IntN(60_000)) * time.Millisecond)
			age := now.Sub(created)
			// Where the ticket got to: almost everything older than a month
			// is closed (a few stragglers are not), most of the last month is
			// resolved or closed, the last two weeks are spread over the flow.
			var final desk.Status
			switch n := r.IntN(1000); {
			case age > 30*24*time.Hour && n < 995, age > 14*24*time.Hour && n < 900:
				final = desk.StatusClosed
			case age > 14*24*time.Hour:
				final = []desk.Status{desk.StatusResolved, desk.StatusWaiting, desk.StatusInProgress, desk.StatusOpen}[n%4]
			default:
				final = []desk.Status{desk.StatusOpen, desk.StatusOpen, desk.StatusInProgress, desk.StatusInProgress, desk.StatusWaiting, desk.StatusResolved, desk.StatusClosed}[n%7]
			}
			id := uuid.Must(uuid.NewV7()).String()
			c := contacts[r.IntN(len(contacts))]
			creator := users[userWeights.pick(r)]
			prio := priorities[priorityW.pick(r)]
			source := sources[sourceWeights.pick(r)].ID
			var subj []string
			nSubj := []int{1, 1, 1, 1, 1, 1, 2, 2, 2, 3}[r.IntN(10)]
			for len(subj) < min(nSubj, len(subjects)) {
				sid := subjects[subjectWeights.pick(r)].ID
				if !contains(subj, sid) {
					subj = append(subj, sid)
				}
			}
			key := string(prio) + "|" + strings.Join(subj, ",") + "|" + source + "|" + c.kind
			t, ok := terms[key]
			if !ok {
				if t, err = store.SLATerms(cfg, string(prio), subj, source, c.kind); err != nil {
					return err
				}
				terms[key] = t
			}
			assignees := []string{creator}
			switch n := r.IntN(50); {
			case n == 0:
				assignees = nil
			case n < 10:
				if other := users[userWeights.pick(r)]; other != creator {
					assignees = append(assignees, other)
				}
			}
			desc := problems[r.IntN(len(problems))]
			hlc := created.UnixMilli() << 16
			seq := int64(0)
			feed = feed[:0] // written after the ticket row they refer to
			act := func(at time.Time, actor, kind, body, from, to, value string) error {
				seq++
				feed = append(feed, []any{uuid.Must(uuid.NewV7()).String(), id, actor, kind, body, from, to, value, at.UnixMilli(), at.UnixMilli()<<16 + seq})
				return nil
			}
			if err := act(created, creator, desk.ActCreated, desc, "", "", string(prio)); err != nil {
				return fmt.Errorf("activity: %w", err)
			}
			// The path to the final status, each step minutes to days later.
			at := created
			next := func() time.Time {
				limit := now.Sub(at)
				if limit <= time.Minute {
					return at
				}
				d := time.Duration(r.Int64N(int64(min(limit, 36*time.Hour))))
				at = at.Add(d)
				return at
			}
			path := map[desk.Status][]desk.Status{
				desk.StatusOpen:       nil,
				desk.StatusInProgress: {desk.StatusInProgress},
				desk.StatusWaiting:    {desk.StatusInProgress, desk.StatusWaiting},
				desk.StatusResolved:   {desk.StatusInProgress, desk.StatusResolved},
				desk.StatusClosed:     {desk.StatusInProgress, desk.StatusResolved, desk.StatusClosed},
			}[final]
			from := desk.StatusOpen
			worker := creator
			if len(assignees) > 0 {
				worker = assignees[len(assignees)-1]
			}
			if len(assignees) > 1 {
				if err := act(created, creator, desk.ActAssigneeAdded, "", "", userNames[assignees[1]], ""); err != nil {
					return err
				}
			}
			if r.IntN(10) < 7 { // most tickets get a reply to the customer
				ch := desk.NoteChannels[r.IntN(len(desk.NoteChannels))].Value
				if err := act(next(), worker, desk.ActNote, notes[r.IntN(len(notes))], "", "", ch); err != nil {
					return err
				}
			}
			for _, s := range path {
				if err := act(next(), worker, desk.ActStatus, "", statusLabel(from), statusLabel(s), string(s)); err != nil {
					return err
				}
				if s == desk.StatusResolved {
					if err := act(at, worker, desk.ActResolution, "Resolved at the counter; customer informed.", "", "", ""); err != nil {
						return err
					}
				}
				from = s
			}
			if r.IntN(3) == 0 {
				if err := act(next(), worker, desk.ActNote, notes[r.IntN(len(notes))], "", "", ""); err != nil {
					return err
				}
			}
			updated := at
			stp := st.Stamp(hlc)
			if err := insTicket.add(id, i+1, c.id, c.mobile, source, desc, string(final), string(prio), creator,
				created.UnixMilli(), updated.UnixMilli(), stp, stp, stp, stp, stp, stp, t); err != nil {
				return fmt.Errorf("ticket: %w", err)
			}
			for _, a := range feed {
				if err := insActivity.add(a...); err != nil {
					return fmt.Errorf("activity: %w", err)
				}
			}
			for _, sid := range subj {
				if err := insSubject.add(id+"/"+sid, id, sid); err != nil {
					return fmt.Errorf("ticket subject: %w", err)
				}
			}
			for _, uid := range assignees {
				if err := insAssignee.add(id+"/"+uid, id, uid); err != nil {
					return fmt.Errorf("ticket assignee: %w", err)
				}
			}
			if len(o.Files) > 0 && r.IntN(10) == 0 {
				f := o.Files[r.IntN(len(o.Files))]
				if err := insAttachment.add(uuid.Must(uuid.NewV7()).String(), id, f.Hash, f.Name, f.Size, f.MIME, worker, created.UnixMilli()); err != nil {
					return fmt.Errorf("attachment: %w", err)
				}
			}
			if r.IntN(8) == 0 {
				due := created.Add(time.Duration(1+r.IntN(72)) * time.Hour)
				var doneAt, doneBy any
				doneStamp := ""
				if final == desk.StatusClosed || final == desk.StatusResolved || due.Before(now.Add(-48*time.Hour)) {
					doneAt, doneBy, doneStamp = due.UnixMilli(), worker, stp
				}
				if err := insTask.add(uuid.Must(uuid.NewV7()).String(), id, "Call the customer back", "", due.UnixMilli(),
					worker, creator, created.UnixMilli(), created.UnixMilli(), stp, doneAt, doneBy, doneStamp); err != nil {
					return fmt.Errorf("task: %w", err)
				}
			}
			bar.show(i + 1)
		}
		// What is left, parents first.
		for _, b := range []*batch{insContact, insTicket, insSubject, insAssignee, insActivity, insAttachment, insTask} {
			if err := b.flush(); err != nil {
				return err
			}
		}
		return nil
	}
	stepStarted := time.Now()
	last := ""
	step := func(name string) {
		if o.Progress != nil && last != "" && last != "rows" {
			fmt.Fprintf(o.Progress, "%-12s done in %s\n", last, time.Since(stepStarted).Round(100*time.Millisecond))
		}
		last, stepStarted = name, time.Now()
	}
	if err := st.BulkLoad(ctx, load, step); err != nil {
		return err
	}
	step("")
	return nil
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
