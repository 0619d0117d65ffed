package store

import (
	"context"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
)

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
		_, err := m.emit(OpUserSave, u.ID, userSave{Name: u.Name, Role: string(u.Role), Active: u.Active})
		return err
	})
	return u, err
}
