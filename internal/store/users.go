package store

import (
	"context"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
)

// OpUserSave creates or changes a user (last writer wins).
const OpUserSave = "user.save"

type userSave struct {
	Name   string `json:"name"`
	Role   string `json:"role"`
	Active bool   `json:"active"`
}

var kUserSave = defineKind(opKind[userSave]{
	name: OpUserSave, what: "manage users", roles: desk.RolesFor(desk.ActManageUsers),
	check: func(p *userSave) error {
		if !desk.Role(p.Role).Valid() {
			return desk.Invalid("role", "Choose a role")
		}
		return cleanNameIn("name", "Name", &p.Name)
	},
	merge: func(mc *mergeCtx, p *userSave) error {
		return mc.q.UpsertUser(mc.ctx, dbsqlc.UpsertUserParams{
			ID: mc.op.EntityID, Name: p.Name, Role: p.Role, Active: boolInt(p.Active),
			CreatedAt: mc.at, UpdatedAt: mc.at, Stamp: mc.st,
		})
	},
})

func userFromRow(u dbsqlc.User) desk.User {
	return desk.User{ID: u.ID, Name: u.Name, Role: desk.Role(u.Role), Active: u.Active == 1}
}

// ListUsers returns every user, active ones first.
func (s *Store) ListUsers(ctx context.Context) ([]desk.User, error) {
	rows, err := s.read().ListUsers(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]desk.User, len(rows))
	for i, r := range rows {
		out[i] = userFromRow(r)
	}
	return out, nil
}

// SaveUser creates (empty ID) or edits a user. Only an admin may. Returns
// EINVALID for a bad name or role, ENOTFOUND for an unknown id, and ECONFLICT
// when the change would leave the workspace without an active admin.
func (s *Store) SaveUser(ctx context.Context, actorID string, in desk.UserInput) (desk.User, error) {
	name, err := desk.CleanName("name", "Name", in.Name)
	if err != nil {
		return desk.User{}, err
	}
	if !desk.Role(in.Role).Valid() {
		return desk.User{}, desk.Invalid("role", "Choose a role")
	}
	u := desk.User{ID: in.ID, Name: name, Role: desk.Role(in.Role), Active: in.Active}
	_, err = s.mutate(ctx, actorID, func(m *mutation) error {
		if err := m.requireAdmin("manage users"); err != nil {
			return err
		}
		if u.ID == "" {
			u.ID = newID()
			u.Active = true
		} else {
			old, err := m.q.GetUser(ctx, u.ID)
			if err != nil {
				return notFound(err, "user")
			}
			if desk.Role(old.Role) == desk.RoleAdmin && old.Active == 1 && (u.Role != desk.RoleAdmin || !u.Active) {
				n, err := m.q.CountActiveAdmins(ctx)
				if err != nil {
					return err
				}
				if n <= 1 {
					return desk.Errorf(desk.ECONFLICT, "%s is the only active admin; make someone else admin first", old.Name)
				}
			}
		}
		_, err := emit(m, kUserSave, u.ID, userSave{Name: u.Name, Role: string(u.Role), Active: u.Active})
		return err
	})
	return u, err
}

// User returns one user. Returns ENOTFOUND for an unknown id.
func (s *Store) User(ctx context.Context, id string) (desk.User, error) {
	u, err := s.read().GetUser(ctx, id)
	if err != nil {
		return desk.User{}, notFound(err, "user")
	}
	return userFromRow(u), nil
}
