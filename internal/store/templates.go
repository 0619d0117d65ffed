package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
)

// Operation kinds of templates.
const (
	OpTemplateSave   = "template.save"
	OpTemplateDelete = "template.delete"
)

// templateSave writes a whole template (last writer wins by stamp).
type templateSave struct {
	OwnerID string `json:"ownerId"`
	Name    string `json:"name"`
	Body    string `json:"body"`
	Shared  bool   `json:"shared"`
}

var kTemplateSave = defineKind(opKind[templateSave]{
	name: OpTemplateSave, what: "save templates", roles: everyone,
	check: func(p *templateSave) error {
		if err := cleanLine("name", "Give the template a name", &p.Name, desk.MaxTemplateName); err != nil {
			return err
		}
		if err := checkUUID("ownerId", p.OwnerID); err != nil {
			return err
		}
		return cleanTextIn("body", "The text", &p.Body, true)
	},
	merge: func(mc *mergeCtx, p *templateSave) error {
		return mc.q.UpsertTemplate(mc.ctx, dbsqlc.UpsertTemplateParams{
			ID: mc.op.EntityID, OwnerID: p.OwnerID, Name: p.Name, Body: p.Body, Shared: boolInt(p.Shared),
			CreatedAt: mc.at, UpdatedAt: mc.at, Stamp: mc.st,
		})
	},
})

// kTemplateDelete deletes a template. It leaves a tombstone that wins over
// any save, whichever arrives first.
var kTemplateDelete = defineKind(opKind[noPayload]{
	name: OpTemplateDelete, what: "delete templates", roles: everyone, check: checkNothing,
	merge: func(mc *mergeCtx, _ *noPayload) error {
		return mc.q.DeleteTemplate(mc.ctx, dbsqlc.DeleteTemplateParams{ID: mc.op.EntityID, CreatedAt: mc.at, UpdatedAt: mc.at, Stamp: mc.st})
	},
})

// ListTemplates returns the templates userID may use (their own and the
// shared ones), by name.
func (s *Store) ListTemplates(ctx context.Context, userID string) ([]desk.Template, error) {
	out := []desk.Template{}
	err := s.readTx(ctx, func(q *dbsqlc.Queries, _ *sql.Tx) error {
		role := ""
		if u, err := q.GetUser(ctx, userID); err == nil {
			role = u.Role
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		rows, err := q.ListTemplatesFor(ctx, userID)
		if err != nil {
			return fmt.Errorf("list templates: %w", err)
		}
		names := map[string]string{}
		for _, r := range rows {
			if _, ok := names[r.OwnerID]; !ok {
				if u, err := q.GetUser(ctx, r.OwnerID); err == nil {
					names[r.OwnerID] = u.Name
				}
			}
			out = append(out, desk.Template{
				ID: r.ID, Name: r.Name, Body: r.Body, Shared: r.Shared == 1,
				Owner:   desk.UserRef{ID: r.OwnerID, Name: names[r.OwnerID]},
				CanEdit: mayShare(role) || (r.Shared == 0 && r.OwnerID == userID), UpdatedAt: rfc3339(r.UpdatedAt),
			})
		}
		return nil
	})
	return out, err
}

// visibleTemplate loads a template userID may see. Returns ENOTFOUND for a
// deleted one or another user's personal one.
func visibleTemplate(ctx context.Context, q *dbsqlc.Queries, userID, id string) (dbsqlc.Template, error) {
	t, err := q.GetTemplate(ctx, id)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && (t.Deleted == 1 || (t.Shared == 0 && t.OwnerID != userID))) {
		return t, desk.NotFound("template")
	}
	return t, err
}

// SaveTemplate makes or changes a template for actorID and returns it with
// the warnings of its body (unknown variables, malformed braces), which do not
// stop it being saved. Returns EINVALID on name (missing, too long, already
// used by a template the user can see) or body (missing, too long), ENOTFOUND
// for an id that is not a template actorID can see, and EFORBIDDEN when
// someone other than a manager or admin makes, changes or unshares a shared
// template.
func (s *Store) SaveTemplate(ctx context.Context, actorID string, in desk.TemplateInput) (desk.Template, []desk.TemplateWarning, error) {
	p := templateSave{OwnerID: actorID, Name: in.Name, Body: in.Body, Shared: in.Shared}
	if err := kTemplateSave.check(&p); err != nil {
		return desk.Template{}, nil, err
	}
	id := in.ID
	_, err := s.mutate(ctx, actorID, func(m *mutation) error {
		u, err := m.actor()
		if err != nil {
			return err
		}
		if id != "" {
			old, err := visibleTemplate(ctx, m.q, actorID, id)
			if err != nil {
				return err
			}
			if old.Shared == 1 && !mayShare(u.Role) {
				return desk.Errorf(desk.EFORBIDDEN, "only managers and admins can change a shared template")
			}
			p.OwnerID = old.OwnerID
		} else {
			id = newID()
		}
		if in.Shared && !mayShare(u.Role) {
			return desk.Errorf(desk.EFORBIDDEN, "only managers and admins can make shared templates")
		}
		visible, err := m.q.ListTemplatesFor(ctx, actorID)
		if err != nil {
			return err
		}
		for _, t := range visible {
			if t.ID != id && strings.EqualFold(t.Name, p.Name) {
				return desk.Invalid("name", "There is already a template named %s", t.Name)
			}
		}
		_, err = emit(m, kTemplateSave, id, p)
		return err
	})
	if err != nil {
		return desk.Template{}, nil, err
	}
	list, err := s.ListTemplates(ctx, actorID)
	if err != nil {
		return desk.Template{}, nil, err
	}
	for _, t := range list {
		if t.ID == id {
			return t, desk.CheckTemplate(t.Body), nil
		}
	}
	return desk.Template{}, nil, desk.NotFound("template")
}

// DeleteTemplate deletes a template. Returns ENOTFOUND for an id that is not
// a template actorID can see and EFORBIDDEN when someone other than a manager
// or admin deletes a shared one.
func (s *Store) DeleteTemplate(ctx context.Context, actorID, id string) error {
	_, err := s.mutate(ctx, actorID, func(m *mutation) error {
		u, err := m.actor()
		if err != nil {
			return err
		}
		old, err := visibleTemplate(ctx, m.q, actorID, id)
		if err != nil {
			return err
		}
		if old.Shared == 1 && !mayShare(u.Role) {
			return desk.Errorf(desk.EFORBIDDEN, "only managers and admins can delete a shared template")
		}
		_, err = emit(m, kTemplateDelete, id, noPayload{})
		return err
	})
	return err
}

// RenderTemplate fills a template the user may see for a ticket, as userID
// (the agent). Unknown variables stay in the text, marked, and are listed in
// the warnings. Returns ENOTFOUND for an unknown template or ticket.
func (s *Store) RenderTemplate(ctx context.Context, userID, templateID, ticketID string) (desk.RenderedTemplate, error) {
	var out desk.RenderedTemplate
	err := s.readTx(ctx, func(q *dbsqlc.Queries, _ *sql.Tx) error {
		tpl, err := visibleTemplate(ctx, q, userID, templateID)
		if err != nil {
			return err
		}
		t, err := q.GetTicket(ctx, ticketID)
		if err != nil {
			return notFound(err, "ticket")
		}
		subjects, err := q.ListSubjectsOfTickets(ctx, []string{ticketID})
		if err != nil {
			return err
		}
		names := make([]string, len(subjects))
		for i, sub := range subjects {
			names[i] = sub.Name
		}
		agent := ""
		if u, err := q.GetUser(ctx, userID); err == nil {
			agent = u.Name
		}
		out = desk.RenderTemplate(tpl.Body, map[string]string{
			"customer.name":   t.ContactName,
			"customer.mobile": t.Mobile,
			"ticket.number":   desk.TicketLabel(t.Number),
			"ticket.subjects": strings.Join(names, ", "),
			"ticket.status":   desk.Status(t.Status).Label(),
			"agent.name":      agent,
		})
		return nil
	})
	return out, err
}
