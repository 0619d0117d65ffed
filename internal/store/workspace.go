package store

import (
	"context"
	"database/sql"
	"errors"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
)

// Operation kinds of the workspace.
const OpWorkspaceInit = "workspace.init"

// workspaceInit names the organisation when its desk is first set up.
type workspaceInit struct {
	OrgName string `json:"orgName"`
}

var kWorkspaceInit = defineKind(opKind[workspaceInit]{
	name: OpWorkspaceInit, what: "set up the workspace", roles: desk.RolesFor(desk.ActManageUsers), entity: checkEntityIs("workspace"),
	check: func(p *workspaceInit) error { return cleanNameIn("orgName", "Organisation name", &p.OrgName) },
	merge: func(mc *mergeCtx, p *workspaceInit) error {
		return mc.q.UpsertWorkspace(mc.ctx, dbsqlc.UpsertWorkspaceParams{OrgName: p.OrgName, CreatedAt: mc.at, Stamp: mc.st})
	},
})

// State returns whether a workspace exists and where its data is. Who is
// signed in is the app's to say: the session lives in memory, not here.
func (s *Store) State(ctx context.Context) (desk.AppState, error) {
	st := desk.AppState{DataDir: s.path}
	ws, err := s.read().GetWorkspace(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return st, nil
	}
	if err != nil {
		return st, err
	}
	st.Initialized = true
	st.OrgName = ws.OrgName
	return st, nil
}

// InitWorkspace creates the workspace with its first user, an admin, seeds the
// default subjects and sources, and records that user as the last one signed
// in here (preselected on the sign-in screen). Returns ECONFLICT
// when a workspace already exists and EINVALID for a missing or too long name.
func (s *Store) InitWorkspace(ctx context.Context, orgName, adminName string) (desk.User, error) {
	org, err := desk.CleanName("orgName", "Organisation name", orgName)
	if err != nil {
		return desk.User{}, err
	}
	name, err := desk.CleanName("adminName", "Your name", adminName)
	if err != nil {
		return desk.User{}, err
	}
	admin := desk.User{ID: newID(), Name: name, Role: desk.RoleAdmin, Active: true}
	_, err = s.mutate(ctx, admin.ID, func(m *mutation) error {
		if _, err := m.q.GetWorkspace(ctx); err == nil {
			return desk.Errorf(desk.ECONFLICT, "this data folder already has a workspace")
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		m.bootstrap = true // the admin it makes holds no role yet
		if _, err := emit(m, kWorkspaceInit, "workspace", workspaceInit{OrgName: org}); err != nil {
			return err
		}
		if _, err := emit(m, kUserSave, admin.ID, userSave{Name: admin.Name, Role: string(admin.Role), Active: true}); err != nil {
			return err
		}
		for _, seed := range []struct {
			kind  string
			names []string
		}{{desk.CatalogSubject, desk.DefaultSubjects}, {desk.CatalogSource, desk.DefaultSources}} {
			for _, n := range seed.names {
				if _, err := emit(m, kCatalogSave, newID(), catalogSave{Kind: seed.kind, Name: n, Active: true}); err != nil {
					return err
				}
			}
		}
		return m.q.PutSetting(ctx, dbsqlc.PutSettingParams{Key: SettingLastUser, Value: admin.ID})
	})
	return admin, err
}

// actor loads the user making a change. Returns EFORBIDDEN when nobody is
// signed in or the user is deactivated.
func (m *mutation) actor() (dbsqlc.User, error) {
	if m.user != nil {
		return *m.user, nil
	}
	u, err := m.q.GetUser(m.ctx, m.actorID)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && u.Active == 0) {
		return u, desk.Errorf(desk.EFORBIDDEN, "Sign in first")
	}
	if err == nil {
		m.user = &u
	}
	return u, err
}

// requireAdmin returns EFORBIDDEN unless the actor is an active admin.
func (m *mutation) requireAdmin(what string) error {
	u, err := m.actor()
	if err != nil {
		return err
	}
	if desk.Role(u.Role) != desk.RoleAdmin {
		return desk.Errorf(desk.EFORBIDDEN, "only an admin can %s", what)
	}
	return nil
}
