package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
)

// Operation kinds of saved views.
const (
	OpViewSave   = "view.save"
	OpViewDelete = "view.delete"
)

// viewSave writes a whole view (last writer wins by stamp).
type viewSave struct {
	OwnerID string            `json:"ownerId"`
	Name    string            `json:"name"`
	Shared  bool              `json:"shared"`
	Pinned  bool              `json:"pinned"`
	Filter  desk.TicketFilter `json:"filter"`
}

var kViewSave = defineKind(opKind[viewSave]{
	name: OpViewSave, what: "save views", roles: everyone,
	check: func(p *viewSave) error {
		if err := cleanLine("name", "Give the view a name", &p.Name, desk.MaxViewName); err != nil {
			return err
		}
		if err := checkUUID("ownerId", p.OwnerID); err != nil {
			return err
		}
		f := p.Filter
		if err := checkFilter(&f); err != nil {
			return err
		}
		f.Offset, f.Limit = 0, 0
		f.CreatedFrom, f.CreatedTo = strings.TrimSpace(f.CreatedFrom), strings.TrimSpace(f.CreatedTo)
		nonNil(&f)
		p.Filter = f
		return nil
	},
	merge: func(mc *mergeCtx, p *viewSave) error {
		filter, err := json.Marshal(p.Filter)
		if err != nil {
			return err
		}
		return mc.q.UpsertSavedView(mc.ctx, dbsqlc.UpsertSavedViewParams{
			ID: mc.op.EntityID, OwnerID: p.OwnerID, Name: p.Name, Shared: boolInt(p.Shared), Pinned: boolInt(p.Pinned),
			Filter: string(filter), CreatedAt: mc.at, UpdatedAt: mc.at, Stamp: mc.st,
		})
	},
})

// kViewDelete deletes a view. It leaves a tombstone that wins over any save,
// whichever arrives first.
var kViewDelete = defineKind(opKind[noPayload]{
	name: OpViewDelete, what: "delete views", roles: everyone, check: checkNothing,
	merge: func(mc *mergeCtx, _ *noPayload) error {
		return mc.q.DeleteSavedView(mc.ctx, dbsqlc.DeleteSavedViewParams{ID: mc.op.EntityID, CreatedAt: mc.at, UpdatedAt: mc.at, Stamp: mc.st})
	},
})

// mayShare reports whether a user of role may make and change shared views
// and templates (desk.ActShare of the permission table).
func mayShare(role string) bool { return desk.Can(desk.Role(role), desk.ActShare) }

// ListViews returns the views userID may use (their own and the shared ones),
// by name; each pinned one with the number of tickets it shows userID now
// (the others -1: counting is a queue query, done only for the sidebar).
func (s *Store) ListViews(ctx context.Context, userID string) ([]desk.SavedView, error) {
	out := []desk.SavedView{}
	now := s.clock.Now().UnixMilli()
	err := s.readTx(ctx, func(q *dbsqlc.Queries, tx *sql.Tx) error {
		role := ""
		if u, err := q.GetUser(ctx, userID); err == nil {
			role = u.Role
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		rows, err := q.ListSavedViewsFor(ctx, userID)
		if err != nil {
			return fmt.Errorf("list views: %w", err)
		}
		names := map[string]string{}
		for _, r := range rows {
			v, err := viewFromRow(r)
			if err != nil {
				return err
			}
			v.CanEdit = mayShare(role) || (!v.Shared && r.OwnerID == userID)
			if _, ok := names[r.OwnerID]; !ok {
				if u, err := q.GetUser(ctx, r.OwnerID); err == nil {
					names[r.OwnerID] = u.Name
				}
			}
			v.Owner.Name = names[r.OwnerID]
			f := v.Filter
			v.Count = -1
			if v.Pinned && checkFilter(&f) == nil {
				n, err := countQueue(ctx, tx, f, userID, f.View, now)
				if err != nil {
					return fmt.Errorf("count view %s: %w", v.Name, err)
				}
				v.Count = n
			}
			out = append(out, v)
		}
		return nil
	})
	return out, err
}

func viewFromRow(r dbsqlc.SavedView) (desk.SavedView, error) {
	v := desk.SavedView{
		ID: r.ID, Name: r.Name, Shared: r.Shared == 1, Pinned: r.Pinned == 1,
		Owner: desk.UserRef{ID: r.OwnerID}, UpdatedAt: rfc3339(r.UpdatedAt),
	}
	if err := json.Unmarshal([]byte(r.Filter), &v.Filter); err != nil {
		return v, fmt.Errorf("view %s filter: %w", r.ID, err)
	}
	nonNil(&v.Filter)
	return v, nil
}

// nonNil gives a filter's lists as empty rather than null.
func nonNil(f *desk.TicketFilter) {
	for _, l := range []*[]string{&f.Statuses, &f.AssigneeIDs, &f.SubjectIDs, &f.SourceIDs, &f.Priorities} {
		if *l == nil {
			*l = []string{}
		}
	}
}

// SaveView makes or changes a saved view for actorID and returns it as they
// see it. Returns EINVALID on name for a missing, too long or already used
// name, EINVALID naming the filter field for a bad filter (an unknown status,
// a bad date), ENOTFOUND for an id that is not a view actorID can see, and
// EFORBIDDEN when someone other than a manager or admin makes, changes or
// unshares a shared view.
func (s *Store) SaveView(ctx context.Context, actorID string, in desk.ViewInput) (desk.SavedView, error) {
	p := viewSave{OwnerID: actorID, Name: in.Name, Shared: in.Shared, Pinned: in.Pinned, Filter: in.Filter}
	if err := kViewSave.check(&p); err != nil {
		return desk.SavedView{}, err
	}
	id := in.ID
	_, err := s.mutate(ctx, actorID, func(m *mutation) error {
		u, err := m.actor()
		if err != nil {
			return err
		}
		if id != "" {
			old, err := m.visibleView(id, u, "change")
			if err != nil {
				return err
			}
			p.OwnerID = old.OwnerID
		} else {
			id = newID()
		}
		if in.Shared && !mayShare(u.Role) {
			return desk.Errorf(desk.EFORBIDDEN, "only managers and admins can share a view")
		}
		visible, err := m.q.ListSavedViewsFor(ctx, actorID)
		if err != nil {
			return err
		}
		for _, v := range visible {
			if v.ID != id && strings.EqualFold(v.Name, p.Name) {
				return desk.Invalid("name", "There is already a view named %s", v.Name)
			}
		}
		_, err = emit(m, kViewSave, id, p)
		return err
	})
	if err != nil {
		return desk.SavedView{}, err
	}
	views, err := s.ListViews(ctx, actorID)
	if err != nil {
		return desk.SavedView{}, err
	}
	for _, v := range views {
		if v.ID == id {
			return v, nil
		}
	}
	return desk.SavedView{}, desk.NotFound("view")
}

// visibleView loads view id for user u to change (verb) it. Returns
// ENOTFOUND unless it is u's own or a shared view, and EFORBIDDEN for a
// shared view when u is not a manager or admin.
func (m *mutation) visibleView(id string, u dbsqlc.User, verb string) (dbsqlc.SavedView, error) {
	v, err := m.q.GetSavedView(m.ctx, id)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && (v.Deleted == 1 || (v.Shared == 0 && v.OwnerID != u.ID))) {
		return v, desk.NotFound("view")
	}
	if err != nil {
		return v, err
	}
	if v.Shared == 1 && !mayShare(u.Role) {
		return v, desk.Errorf(desk.EFORBIDDEN, "only managers and admins can %s a shared view", verb)
	}
	return v, nil
}

// DeleteView deletes a saved view. Returns ENOTFOUND for an id that is not a
// view actorID can see and EFORBIDDEN when someone other than a manager or
// admin deletes a shared view.
func (s *Store) DeleteView(ctx context.Context, actorID, id string) error {
	_, err := s.mutate(ctx, actorID, func(m *mutation) error {
		u, err := m.actor()
		if err != nil {
			return err
		}
		if _, err := m.visibleView(id, u, "delete"); err != nil {
			return err
		}
		_, err = emit(m, kViewDelete, id, noPayload{})
		return err
	})
	return err
}
