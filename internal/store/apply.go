package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
)

// Operation payloads.
type (
	workspaceInit struct {
		OrgName string `json:"orgName"`
	}
	userSave struct {
		Name   string `json:"name"`
		Role   string `json:"role"`
		Active bool   `json:"active"`
	}
	catalogSave struct {
		Kind   string `json:"kind"`
		Name   string `json:"name"`
		Active bool   `json:"active"`
	}
	contactSave struct {
		Kind       string `json:"kind"`
		Name       string `json:"name"`
		Mobile     string `json:"mobile"`
		Email      string `json:"email"`
		LeadStatus string `json:"leadStatus"`
	}
	ticketCreate struct {
		Number      int64     `json:"number"`
		ContactID   string    `json:"contactId"`
		Mobile      string    `json:"mobile"`
		SourceID    string    `json:"sourceId"`
		Description string    `json:"description"`
		Priority    string    `json:"priority"`
		SubjectIDs  []string  `json:"subjectIds"`
		AssigneeIDs []string  `json:"assigneeIds"`
		SLA         *slaTerms `json:"sla,omitempty"` // the policy it runs under
	}
	// ticketSet changes one scalar field. From and To are the old and new
	// values in plain words, as the author saw them, for the activity feed.
	ticketSet struct {
		Field string `json:"field"`
		Value string `json:"value"`
		From  string `json:"from"`
		To    string `json:"to"`
		Note  string `json:"note,omitempty"`
		// A move to Resolved carries the resolution summary, a close the
		// customer's confirmation; each is written as a feed entry of its own.
		Resolution        string `json:"resolution,omitempty"`
		CustomerConfirmed bool   `json:"customerConfirmed,omitempty"`
	}
	// setMember adds or removes one member of a ticket's subject or assignee
	// set. A remove names the tags (ids of the adding operations) it observed.
	setMember struct {
		MemberID string   `json:"memberId"`
		Name     string   `json:"name"`
		Tags     []string `json:"tags,omitempty"`
	}
	// attach records a file (already stored by hash) on a ticket.
	attach struct {
		AttachmentID string `json:"attachmentId"`
		Hash         string `json:"hash"`
		Name         string `json:"name"`
		Size         int64  `json:"size"`
		MIME         string `json:"mime"`
	}
	detach struct {
		AttachmentID string `json:"attachmentId"`
		Name         string `json:"name"`
	}
	note struct {
		Body     string   `json:"body"`
		Mentions []string `json:"mentions,omitempty"` // ids of the users @mentioned
		Channel  string   `json:"channel,omitempty"`  // set when the note records a reply to the customer
	}
)

// ticketFields maps a ticketSet field to its column, its stamp column and the
// activity kind it writes. Column names come only from this table.
var ticketFields = map[string]struct{ col, stamp, act string }{
	"status":      {"status", "status_stamp", desk.ActStatus},
	"priority":    {"priority", "priority_stamp", desk.ActPriority},
	"contact":     {"contact_id", "contact_stamp", desk.ActContact},
	"mobile":      {"mobile", "mobile_stamp", desk.ActMobile},
	"source":      {"source_id", "source_stamp", desk.ActSource},
	"description": {"description", "description_stamp", desk.ActDescription},
}

// stamp orders concurrent writes of one field: by HLC, then by installation.
func stamp(op desk.Op) string { return fmt.Sprintf("%016x/%s", op.HLC, op.InstallID) }

// tagOf names one member added by op (a ticket.create adds several members).
func tagOf(op desk.Op, memberID string) string { return op.ID + "/" + memberID }

// apply merges one operation into the read tables and the change log. It is
// idempotent (an operation already in the log is skipped) and its result does
// not depend on the order in which concurrent operations arrive: scalar fields
// are last-writer-wins by stamp, sets are add-wins observed-remove sets, notes
// and activity are append-only.
func apply(ctx context.Context, tx dbsqlc.DBTX, op desk.Op) error {
	q := dbsqlc.New(tx)
	n, err := q.InsertOp(ctx, dbsqlc.InsertOpParams{
		ID: op.ID, InstallID: op.InstallID, Counter: op.Counter, Hlc: op.HLC, ActorID: op.ActorID,
		Kind: op.Kind, EntityID: op.EntityID, Payload: string(op.Payload), CreatedAt: ms(op.CreatedAt),
	})
	if err != nil {
		return fmt.Errorf("log op: %w", err)
	}
	if n == 0 {
		return nil // seen before
	}
	if err := merge(ctx, tx, q, op); err != nil {
		return err
	}
	if err := syncQueueOp(ctx, tx, op); err != nil {
		return err
	}
	return indexOp(ctx, tx, op)
}

// merge merges an operation not seen before into the read tables.
func merge(ctx context.Context, tx dbsqlc.DBTX, q *dbsqlc.Queries, op desk.Op) error {
	at := ms(op.CreatedAt)
	st := stamp(op)
	switch op.Kind {
	case OpWorkspaceInit:
		var p workspaceInit
		if err := decode(op, &p); err != nil {
			return err
		}
		return q.UpsertWorkspace(ctx, dbsqlc.UpsertWorkspaceParams{OrgName: p.OrgName, CreatedAt: at, Stamp: st})
	case OpUserSave:
		var p userSave
		if err := decode(op, &p); err != nil {
			return err
		}
		return q.UpsertUser(ctx, dbsqlc.UpsertUserParams{
			ID: op.EntityID, Name: p.Name, Role: p.Role, Active: boolInt(p.Active),
			CreatedAt: at, UpdatedAt: at, Stamp: st,
		})
	case OpCatalogSave:
		var p catalogSave
		if err := decode(op, &p); err != nil {
			return err
		}
		return q.UpsertCatalogItem(ctx, dbsqlc.UpsertCatalogItemParams{
			ID: op.EntityID, Kind: p.Kind, Name: p.Name, Active: boolInt(p.Active),
			CreatedAt: at, UpdatedAt: at, Stamp: st,
		})
	case OpContactSave:
		var p contactSave
		if err := decode(op, &p); err != nil {
			return err
		}
		before, err := q.GetContact(ctx, op.EntityID)
		if err != nil && err != sql.ErrNoRows {
			return err
		}
		if err := q.UpsertContact(ctx, dbsqlc.UpsertContactParams{
			ID: op.EntityID, Kind: p.Kind, Name: p.Name, NameKey: desk.NameKey(p.Name), Mobile: p.Mobile,
			Email: p.Email, LeadStatus: p.LeadStatus, CreatedAt: at, UpdatedAt: at, Stamp: st,
		}); err != nil {
			return err
		}
		after, err := q.GetContact(ctx, op.EntityID)
		if err != nil {
			return err
		}
		if before.Name != after.Name || before.Mobile != after.Mobile {
			return reindexContactTickets(ctx, tx, op.EntityID) // its tickets are found by the new name
		}
		return nil
	case OpSLASave:
		return q.UpsertSLAConfig(ctx, dbsqlc.UpsertSLAConfigParams{Body: string(op.Payload), Stamp: st})
	case OpTicketCreate:
		if err := applyTicketCreate(ctx, q, op, at, st); err != nil {
			return err
		}
		return routeOp(ctx, q, op)
	case OpTicketSet:
		return applyTicketSet(ctx, tx, op, st)
	case OpSubjectAdd, OpSubjectRemove, OpAssigneeAdd, OpAssigneeRemove:
		if err := applySetMember(ctx, q, op); err != nil {
			return err
		}
		return routeOp(ctx, q, op)
	case OpAttach:
		var p attach
		if err := decode(op, &p); err != nil {
			return err
		}
		if err := q.InsertAttachment(ctx, dbsqlc.InsertAttachmentParams{
			ID: p.AttachmentID, TicketID: op.EntityID, Hash: p.Hash, Name: p.Name, Size: p.Size,
			Mime: p.MIME, AddedBy: op.ActorID, AddedAt: at,
		}); err != nil {
			return fmt.Errorf("record attachment: %w", err)
		}
		return ticketActivity(ctx, q, op, entry{kind: desk.ActAttached, to: fmt.Sprintf("%s (%s)", p.Name, humanSize(p.Size))})
	case OpDetach:
		var p detach
		if err := decode(op, &p); err != nil {
			return err
		}
		if err := q.RemoveAttachment(ctx, dbsqlc.RemoveAttachmentParams{RemovedAt: sql.NullInt64{Int64: at, Valid: true}, ID: p.AttachmentID}); err != nil {
			return fmt.Errorf("remove attachment: %w", err)
		}
		return ticketActivity(ctx, q, op, entry{kind: desk.ActDetached, from: p.Name})
	case OpNote:
		var p note
		if err := decode(op, &p); err != nil {
			return err
		}
		if err := ticketActivity(ctx, q, op, entry{kind: desk.ActNote, body: p.Body, value: p.Channel}); err != nil {
			return err
		}
		return routeOp(ctx, q, op)
	case OpViewSave, OpViewDelete:
		return mergeView(ctx, q, op, at, st)
	case OpTemplateSave, OpTemplateDelete:
		return mergeTemplate(ctx, q, op, at, st)
	case OpTaskCreate, OpTaskEdit, OpTaskComplete, OpTaskReopen:
		return mergeTask(ctx, q, op, at, st)
	case OpRuleSave:
		return mergeRule(ctx, q, op, st)
	default:
		return fmt.Errorf("unknown operation kind %q", op.Kind)
	}
}

func applyTicketCreate(ctx context.Context, q *dbsqlc.Queries, op desk.Op, at int64, st string) error {
	var p ticketCreate
	if err := decode(op, &p); err != nil {
		return err
	}
	err := q.InsertTicket(ctx, dbsqlc.InsertTicketParams{
		ID: op.EntityID, Number: p.Number, ContactID: p.ContactID, Mobile: p.Mobile,
		SourceID: nullString(p.SourceID), Description: p.Description,
		Status: string(desk.StatusOpen), Priority: p.Priority,
		CreatedBy: op.ActorID, CreatedAt: at, Stamp: st,
	})
	if err != nil {
		return fmt.Errorf("insert ticket: %w", err)
	}
	if p.SLA != nil {
		terms, err := json.Marshal(p.SLA)
		if err != nil {
			return err
		}
		if err := q.SetTicketSLATerms(ctx, dbsqlc.SetTicketSLATermsParams{SlaTerms: string(terms), ID: op.EntityID}); err != nil {
			return err
		}
	}
	for _, id := range p.SubjectIDs {
		if err := q.InsertTicketSubject(ctx, dbsqlc.InsertTicketSubjectParams{Tag: tagOf(op, id), TicketID: op.EntityID, SubjectID: id}); err != nil {
			return fmt.Errorf("add subject: %w", err)
		}
	}
	for _, id := range p.AssigneeIDs {
		if err := q.InsertTicketAssignee(ctx, dbsqlc.InsertTicketAssigneeParams{Tag: tagOf(op, id), TicketID: op.EntityID, UserID: id}); err != nil {
			return fmt.Errorf("add assignee: %w", err)
		}
	}
	return ticketActivity(ctx, q, op, entry{kind: desk.ActCreated, body: p.Description, value: p.Priority})
}

func applyTicketSet(ctx context.Context, tx dbsqlc.DBTX, op desk.Op, st string) error {
	var p ticketSet
	if err := decode(op, &p); err != nil {
		return err
	}
	f, ok := ticketFields[p.Field]
	if !ok {
		return fmt.Errorf("unknown ticket field %q", p.Field)
	}
	var value any = p.Value
	if p.Field == "source" {
		value = nullString(p.Value)
	}
	// Last writer wins: the write lands only if its stamp is newer.
	query := fmt.Sprintf("UPDATE tickets SET %s = ?1, %s = ?2 WHERE id = ?3 AND %s < ?2", f.col, f.stamp, f.stamp)
	if _, err := tx.ExecContext(ctx, query, value, st, op.EntityID); err != nil {
		return fmt.Errorf("set %s: %w", p.Field, err)
	}
	e := entry{kind: f.act, body: p.Note, from: p.From, to: p.To}
	if p.Field == "status" || p.Field == "priority" {
		e.value = p.Value
	}
	if err := ticketActivity(ctx, dbsqlc.New(tx), op, e); err != nil {
		return err
	}
	return sopEntries(ctx, tx, op, p)
}

func applySetMember(ctx context.Context, q *dbsqlc.Queries, op desk.Op) error {
	var p setMember
	if err := decode(op, &p); err != nil {
		return err
	}
	var act string
	var err error
	switch op.Kind {
	case OpSubjectAdd:
		act = desk.ActSubjectAdded
		err = q.InsertTicketSubject(ctx, dbsqlc.InsertTicketSubjectParams{Tag: tagOf(op, p.MemberID), TicketID: op.EntityID, SubjectID: p.MemberID})
	case OpAssigneeAdd:
		act = desk.ActAssigneeAdded
		err = q.InsertTicketAssignee(ctx, dbsqlc.InsertTicketAssigneeParams{Tag: tagOf(op, p.MemberID), TicketID: op.EntityID, UserID: p.MemberID})
	case OpSubjectRemove, OpAssigneeRemove:
		act = desk.ActSubjectRemoved
		del := q.DeleteTicketSubjectTag
		if op.Kind == OpAssigneeRemove {
			act, del = desk.ActAssigneeRemoved, q.DeleteTicketAssigneeTag
		}
		for _, tag := range p.Tags {
			if err = q.InsertTombstone(ctx, tag); err != nil {
				break
			}
			if err = del(ctx, tag); err != nil {
				break
			}
		}
	}
	if err != nil {
		return fmt.Errorf("%s: %w", op.Kind, err)
	}
	return ticketActivity(ctx, q, op, entry{kind: act, to: p.Name})
}

// entry is one feed entry: its kind, a note's text, the old and new values in
// plain words, and the raw value set (status or priority code, note channel).
type entry struct{ kind, body, from, to, value string }

// ticketActivity writes the feed entry of a ticket operation and moves the
// ticket's last-update time.
func ticketActivity(ctx context.Context, q *dbsqlc.Queries, op desk.Op, e entry) error {
	if err := q.InsertActivity(ctx, dbsqlc.InsertActivityParams{
		ID: op.ID, TicketID: op.EntityID, ActorID: op.ActorID, Kind: e.kind, Body: e.body,
		FromValue: e.from, ToValue: e.to, Value: e.value, CreatedAt: ms(op.CreatedAt), Hlc: op.HLC,
	}); err != nil {
		return fmt.Errorf("write activity: %w", err)
	}
	if err := q.TouchTicket(ctx, dbsqlc.TouchTicketParams{At: ms(op.CreatedAt), ID: op.EntityID}); err != nil {
		return err
	}
	return refreshSLA(ctx, q, op)
}

func decode(op desk.Op, v any) error {
	if err := json.Unmarshal(op.Payload, v); err != nil {
		return fmt.Errorf("decode %s payload: %w", op.Kind, err)
	}
	return nil
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func nullString(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }
