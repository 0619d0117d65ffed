package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
)

// route derives the notifications of one merged operation. It runs inside
// apply, so operations pulled from elsewhere notify here just like local ones;
// nobody is notified of their own change.
func route(ctx context.Context, q *dbsqlc.Queries, op desk.Op, kind string, recipients []string, body string) error {
	if len(recipients) == 0 {
		return nil
	}
	title, customer, err := ticketTitle(ctx, q, op.EntityID)
	if err != nil {
		return err
	}
	actor := "Someone"
	if u, err := q.GetUser(ctx, op.ActorID); err == nil {
		actor = u.Name
	}
	text := strings.NewReplacer("{actor}", actor, "{customer}", customer).Replace(body)
	seen := map[string]bool{}
	for _, r := range recipients {
		if r == op.ActorID || seen[r] {
			continue
		}
		seen[r] = true
		if err := q.InsertNotification(ctx, dbsqlc.InsertNotificationParams{
			ID: op.ID + "/" + kind + "/" + r, RecipientID: r, Kind: kind,
			TicketID: nullString(op.EntityID), ActorID: nullString(op.ActorID),
			Title: title, Body: text, CreatedAt: ms(op.CreatedAt),
		}); err != nil {
			return fmt.Errorf("store notification: %w", err)
		}
	}
	return nil
}

// ticketTitle names a ticket for a notification: "#1042 Complaint, Account
// Issue", and returns its customer's name.
func ticketTitle(ctx context.Context, q *dbsqlc.Queries, ticketID string) (title, customer string, err error) {
	t, err := q.GetTicket(ctx, ticketID)
	if err != nil {
		return "", "", fmt.Errorf("ticket for notification: %w", err)
	}
	subjects, err := q.ListSubjectsOfTickets(ctx, []string{ticketID})
	if err != nil {
		return "", "", err
	}
	names := make([]string, len(subjects))
	for i, s := range subjects {
		names[i] = s.Name
	}
	return strings.TrimSpace(fmt.Sprintf("#%d %s", t.Number, strings.Join(names, ", "))), t.ContactName, nil
}

// managersWanting lists the managers and admins who asked to hear of kind.
func managersWanting(ctx context.Context, q *dbsqlc.Queries, kind string) ([]string, error) {
	return q.ListUsersWantingNotice(ctx, kind)
}

// Notification texts of ticket operations.
const (
	assignedText = "{actor} assigned it to you — {customer}"
)

// routeCreate routes a new ticket's notifications: to its assignees, and to
// the managers who want every new ticket.
func routeCreate(mc *mergeCtx, p *ticketCreate) error {
	if mc.quiet {
		return nil
	}
	if err := route(mc.ctx, mc.q, mc.op, desk.NoteAssigned, p.AssigneeIDs, assignedText); err != nil {
		return err
	}
	managers, err := managersWanting(mc.ctx, mc.q, desk.NoteNewTicket)
	if err != nil {
		return err
	}
	return route(mc.ctx, mc.q, mc.op, desk.NoteNewTicket, managers, "New ticket for {customer}, logged by {actor}")
}

// routeAssigned tells a user a ticket was assigned to them.
func routeAssigned(mc *mergeCtx, p *setMember) error {
	if mc.quiet {
		return nil
	}
	return route(mc.ctx, mc.q, mc.op, desk.NoteAssigned, []string{p.MemberID}, assignedText)
}

// routeUnassigned tells the managers who want it that a ticket lost its last
// assignee.
func routeUnassigned(mc *mergeCtx, _ *setMember) error {
	if mc.quiet {
		return nil
	}
	n, err := mc.q.CountTicketAssignees(mc.ctx, mc.op.EntityID)
	if err != nil || n > 0 {
		return err
	}
	managers, err := managersWanting(mc.ctx, mc.q, desk.NoteUnassigned)
	if err != nil {
		return err
	}
	return route(mc.ctx, mc.q, mc.op, desk.NoteUnassigned, managers, "{actor} took the last assignee off; nobody is working it — {customer}")
}

// routeMentions tells the users @mentioned in a note.
func routeMentions(mc *mergeCtx, p *note) error {
	if mc.quiet {
		return nil
	}
	return route(mc.ctx, mc.q, mc.op, desk.NoteMention, p.Mentions, "{actor} mentioned you: "+excerpt(p.Body, 140))
}

func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// findMentions returns the ids of the active users @mentioned in body: an "@"
// followed by a user's name (any case), not followed by a letter or digit.
// The longest name wins where one name starts another.
func findMentions(body string, users []dbsqlc.User) []string {
	if !strings.Contains(body, "@") {
		return nil
	}
	sort.SliceStable(users, func(i, j int) bool { return len(users[i].Name) > len(users[j].Name) })
	lower := strings.ToLower(body)
	var ids []string
	seen := map[string]bool{}
	for i := 0; i < len(lower); i++ {
		if lower[i] != '@' {
			continue
		}
		rest := lower[i+1:]
		for _, u := range users {
			name := strings.ToLower(u.Name)
			if u.Active == 0 || !strings.HasPrefix(rest, name) {
				continue
			}
			if next, _ := utf8.DecodeRuneInString(rest[len(name):]); next != utf8.RuneError && (unicode.IsLetter(next) || unicode.IsDigit(next)) {
				continue
			}
			if !seen[u.ID] {
				seen[u.ID] = true
				ids = append(ids, u.ID)
			}
			break
		}
	}
	return ids
}

func notificationFromRow(n dbsqlc.ListNotificationsRow) desk.Notification {
	return desk.Notification{
		ID: n.ID, Kind: n.Kind, TicketID: n.TicketID.String, TicketNumber: n.TicketNumber,
		Title: n.Title, Body: n.Body, CreatedAt: rfc3339(n.CreatedAt), Read: n.ReadAt.Valid,
	}
}

// ListNotifications returns userID's notification center, newest first.
func (s *Store) ListNotifications(ctx context.Context, userID string, limit int) (desk.NotificationList, error) {
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	out := desk.NotificationList{Items: []desk.Notification{}}
	err := s.readTx(ctx, func(q *dbsqlc.Queries, _ *sql.Tx) error {
		rows, err := q.ListNotifications(ctx, dbsqlc.ListNotificationsParams{RecipientID: userID, Limit: int64(limit)})
		if err != nil {
			return err
		}
		for _, r := range rows {
			out.Items = append(out.Items, notificationFromRow(r))
		}
		n, err := q.CountUnreadNotifications(ctx, userID)
		out.Unread = int(n)
		return err
	})
	return out, err
}

// MarkNotificationsRead marks one of userID's notifications (or all, when id
// is "") as read. Returns ENOTFOUND for an id that is not userID's unread one.
func (s *Store) MarkNotificationsRead(ctx context.Context, userID, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := ms(s.clock.Now())
	return s.inTx(ctx, func(_ *sql.Tx, q *dbsqlc.Queries) error {
		if id == "" {
			_, err := q.MarkAllNotificationsRead(ctx, dbsqlc.MarkAllNotificationsReadParams{ReadAt: sql.NullInt64{Int64: now, Valid: true}, RecipientID: userID})
			return err
		}
		n, err := q.MarkNotificationRead(ctx, dbsqlc.MarkNotificationReadParams{ReadAt: sql.NullInt64{Int64: now, Valid: true}, ID: id, RecipientID: userID})
		if err == nil && n == 0 {
			return desk.NotFound("unread notification")
		}
		return err
	})
}

// TakeUndelivered returns userID's notifications not yet considered for the
// desktop, oldest first, and marks them delivered in the same transaction, so
// each is offered to the desktop at most once.
func (s *Store) TakeUndelivered(ctx context.Context, userID string) ([]desk.Notification, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []desk.Notification
	now := ms(s.clock.Now())
	err := s.inTx(ctx, func(_ *sql.Tx, q *dbsqlc.Queries) error {
		rows, err := q.ListUndeliveredNotifications(ctx, userID)
		if err != nil {
			return err
		}
		for _, n := range rows {
			if err := q.MarkNotificationDelivered(ctx, dbsqlc.MarkNotificationDeliveredParams{DeliveredAt: sql.NullInt64{Int64: now, Valid: true}, ID: n.ID}); err != nil {
				return err
			}
			out = append(out, desk.Notification{ID: n.ID, Kind: n.Kind, TicketID: n.TicketID.String, Title: n.Title, Body: n.Body, CreatedAt: rfc3339(n.CreatedAt), Read: n.ReadAt.Valid})
		}
		return nil
	})
	return out, err
}

// NotificationPrefs returns userID's preferences (the defaults if never saved).
func (s *Store) NotificationPrefs(ctx context.Context, userID string) (desk.NotificationPrefs, error) {
	p, err := s.read().GetNotificationPrefs(ctx, userID)
	if errors.Is(err, sql.ErrNoRows) {
		return desk.DefaultNotificationPrefs(), nil
	}
	if err != nil {
		return desk.NotificationPrefs{}, err
	}
	kinds := []string{}
	if p.DesktopKinds != "" {
		kinds = strings.Split(p.DesktopKinds, ",")
	}
	return desk.NotificationPrefs{
		DesktopKinds: kinds, DNDEnabled: p.DndEnabled == 1, DNDStart: p.DndStart, DNDEnd: p.DndEnd,
		NewTickets: p.NewTickets == 1, Unassigned: p.Unassigned == 1,
	}, nil
}

var hhmm = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)

// SaveNotificationPrefs stores userID's preferences. Returns EINVALID for an
// unknown kind or a time that is not HH:MM, and EFORBIDDEN when someone other
// than a manager or admin asks for every new or unassigned ticket.
func (s *Store) SaveNotificationPrefs(ctx context.Context, userID string, p desk.NotificationPrefs) error {
	for _, k := range p.DesktopKinds {
		if !desk.ValidNotificationKind(k) {
			return desk.Invalid("desktopKinds", "Unknown notification kind %q", k)
		}
	}
	if !hhmm.MatchString(p.DNDStart) {
		return desk.Invalid("dndStart", "Give the start of quiet hours as HH:MM, e.g. 20:00")
	}
	if !hhmm.MatchString(p.DNDEnd) {
		return desk.Invalid("dndEnd", "Give the end of quiet hours as HH:MM, e.g. 08:00")
	}
	if p.DNDEnabled && p.DNDStart == p.DNDEnd {
		return desk.Invalid("dndEnd", "Quiet hours must end at another time than they start")
	}
	u, err := s.read().GetUser(ctx, userID)
	if err != nil {
		return notFound(err, "user")
	}
	if (p.NewTickets || p.Unassigned) && desk.Role(u.Role) != desk.RoleManager && desk.Role(u.Role) != desk.RoleAdmin {
		return desk.Errorf(desk.EFORBIDDEN, "only managers and admins can follow every new or unassigned ticket")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.inTx(ctx, func(_ *sql.Tx, q *dbsqlc.Queries) error {
		return q.UpsertNotificationPrefs(ctx, dbsqlc.UpsertNotificationPrefsParams{
			UserID: userID, DesktopKinds: strings.Join(p.DesktopKinds, ","), DndEnabled: boolInt(p.DNDEnabled),
			DndStart: p.DNDStart, DndEnd: p.DNDEnd, NewTickets: boolInt(p.NewTickets), Unassigned: boolInt(p.Unassigned),
		})
	})
}
