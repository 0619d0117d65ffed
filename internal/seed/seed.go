// Package seed fills a data folder with realistic demo data: users, customers
// and leads, and tickets worked through their statuses with notes, all made
// through the store's mutation path.
package seed

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"deskline/internal/desk"
	"deskline/internal/store"
)

// Options says how much to make.
type Options struct {
	Clock    *desk.ManualClock // the store's clock, if it was opened with one: history is dated over two years
	Now      time.Time         // the end of the two years (default: the real time)
	Tickets  int
	Contacts int    // customers and leads; default: half the tickets, at least 20
	Seed     uint64 // random seed, for repeatable data
	Progress io.Writer
	Files    []desk.StoredFile // stored files a bulk seed's attachment rows point at
}

var (
	firstNames = []string{"Amina", "Bilal", "Chen", "Dana", "Elif", "Farah", "Gabriel", "Hana", "Ivan", "Joy", "Kwame", "Lina", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Samir", "Tariq", "Uma", "Victor", "Wen", "Yusuf", "Zara"}
	lastNames  = []string{"Abebe", "Banda", "Costa", "Diallo", "Evans", "Fernandes", "Gupta", "Haddad", "Ibrahim", "Jensen", "Kato", "Lopez", "Mensah", "Novak", "Okafor", "Patel", "Quispe", "Rahman", "Silva", "Tanaka", "Usman", "Varga", "Wong", "Yilmaz", "Zulu"}
	agents     = []struct {
		name string
		role desk.Role
	}{{"Maya Manager", desk.RoleManager}, {"Sam Support", desk.RoleSupport}, {"Ravi Support", desk.RoleSupport}, {"Lena Sales", desk.RoleSales}}
	problems = []string{
		"Card blocked after three wrong PIN attempts",
		"Needs a stamped copy of the last six months' statement",
		"App shows an error when logging in on a new phone",
		"Asks about opening hours on public holidays",
		"Charged twice for the same purchase",
		"Wants to update the address on the account",
		"Online transfer stuck as pending since yesterday",
		"Requests a balance confirmation letter for a visa",
		"Complains about waiting time at the counter",
		"Forgot the answer to the security question",
	}
	notes = []string{
		"Called the customer, will send the form by WhatsApp.",
		"Customer visited the branch with ID; copy taken.",
		"Escalated to the back office.",
		"Customer confirmed it works now.",
		"Waiting for the signed form.",
	}
)

// Run makes the demo data in st. A workspace is created when there is none.
// From BulkThreshold tickets on, an empty store is filled by Bulk.
func Run(ctx context.Context, st *store.Store, o Options) error {
	if o.Tickets >= BulkThreshold {
		return Bulk(ctx, st, o)
	}
	r := rand.New(rand.NewPCG(o.Seed, o.Seed^0x5eed))
	state, err := st.State(ctx)
	if err != nil {
		return err
	}
	var adminID string
	if !state.Initialized {
		admin, err := st.InitWorkspace(ctx, "Riverside Branch", "Dana Desk")
		if err != nil {
			return err
		}
		adminID = admin.ID
	} else if last, err := st.LocalSetting(ctx, store.SettingLastUser); err != nil {
		return err
	} else if last != "" {
		adminID = last
	} else {
		return desk.Errorf(desk.ECONFLICT, "the workspace has no signed-in user to seed as")
	}
	users := []string{adminID}
	for _, a := range agents {
		u, err := st.SaveUser(ctx, adminID, desk.UserInput{Name: a.name, Role: string(a.role)})
		if err != nil {
			return err
		}
		users = append(users, u.ID)
	}
	subjects, err := st.ListCatalog(ctx, desk.CatalogSubject, false)
	if err != nil {
		return err
	}
	sources, err := st.ListCatalog(ctx, desk.CatalogSource, false)
	if err != nil {
		return err
	}
	if len(subjects) == 0 {
		return desk.Errorf(desk.ECONFLICT, "no active subjects to seed tickets with")
	}
	nContacts := o.Contacts
	if nContacts <= 0 {
		nContacts = max(20, o.Tickets/2)
	}
	contacts := make([]desk.Contact, 0, nContacts)
	for i := 0; i < nContacts; i++ {
		kind := desk.KindCustomer
		if r.IntN(4) == 0 {
			kind = desk.KindLead
		}
		c, err := st.SaveContact(ctx, adminID, desk.ContactInput{
			Kind:   string(kind),
			Name:   firstNames[r.IntN(len(firstNames))] + " " + lastNames[r.IntN(len(lastNames))],
			Mobile: fmt.Sprintf("07%02d %03d %03d", r.IntN(100), r.IntN(1000), r.IntN(1000)),
			// Random numbers may meet, as duplicates do at a real desk.
			AllowDuplicate: true,
		})
		if err != nil {
			return err
		}
		contacts = append(contacts, c)
	}
	now := o.Now
	if now.IsZero() {
		now = time.Now()
	}
	span := int64(2 * 365 * 24 * time.Hour)
	flow := []desk.Status{desk.StatusInProgress, desk.StatusWaiting, desk.StatusResolved, desk.StatusClosed}
	priorities := []desk.Priority{desk.PriorityLow, desk.PriorityMedium, desk.PriorityMedium, desk.PriorityHigh, desk.PriorityUrgent}
	for i := 0; i < o.Tickets; i++ {
		// Tickets arrive in time order over the two years; each is worked over
		// the next minutes to days.
		at := now.Add(-time.Duration(span - span*int64(i)/int64(max(o.Tickets, 1))))
		step := func() {
			if o.Clock != nil {
				at = at.Add(time.Duration(r.IntN(int(36 * time.Hour))))
				if at.After(now) {
					at = now
				}
				o.Clock.Set(at)
			}
		}
		if o.Clock != nil {
			o.Clock.Set(at)
		}
		c := contacts[r.IntN(len(contacts))]
		in := desk.NewTicket{
			ContactID: c.ID, Mobile: c.Mobile, Description: problems[r.IntN(len(problems))],
			Priority: string(priorities[r.IntN(len(priorities))]),
		}
		for _, j := range r.Perm(len(subjects))[:1+r.IntN(min(3, len(subjects)))] {
			in.SubjectIDs = append(in.SubjectIDs, subjects[j].ID)
		}
		if len(sources) > 0 {
			in.SourceID = sources[r.IntN(len(sources))].ID
		}
		creator := users[r.IntN(len(users))]
		id, err := st.CreateTicket(ctx, creator, in)
		if err != nil {
			return err
		}
		if r.IntN(3) == 0 {
			if err := st.AddAssignees(ctx, creator, id, []string{users[r.IntN(len(users))]}); err != nil {
				return err
			}
		}
		for _, s := range flow[:r.IntN(len(flow)+1)] {
			step()
			// The resolving SOP: a resolution summary, and the customer's confirmation to close.
			ch := desk.StatusChange{Status: string(s), CustomerConfirmed: s == desk.StatusClosed}
			if s == desk.StatusResolved {
				ch.Resolution = "Resolved with the customer"
			}
			if err := st.ChangeStatus(ctx, creator, id, ch); err != nil {
				return err
			}
		}
		if r.IntN(2) == 0 {
			step()
			channel := ""
			if r.IntN(2) == 0 {
				channel = desk.NoteChannels[r.IntN(len(desk.NoteChannels))].Value
			}
			if err := st.AddNote(ctx, creator, id, notes[r.IntN(len(notes))], channel); err != nil {
				return err
			}
		}
		if o.Progress != nil && (i+1)%100 == 0 {
			fmt.Fprintf(o.Progress, "\r%d/%d tickets", i+1, o.Tickets)
		}
	}
	if o.Progress != nil {
		fmt.Fprintf(o.Progress, "\r%d/%d tickets\n", o.Tickets, o.Tickets)
	}
	return nil
}
