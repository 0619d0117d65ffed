package teamsync

import (
	"context"

	"deskline/internal/desk"
	"deskline/internal/hub"
	"deskline/internal/store"
)

// Join makes the desk of st an installation of the hub at url with a
// one-time join code and records the hub on the desk. Only an empty desk
// joins someone's hub: one with tickets and people of its own would have to
// be merged into the team's, which Deskline does not do (ECONFLICT). The
// credentials returned are to be kept (CredentialStore).
func Join(ctx context.Context, st *store.Store, url, code string) (hub.Credentials, error) {
	empty, err := st.DeskIsEmpty(ctx)
	if err != nil {
		return hub.Credentials{}, err
	}
	if !empty {
		return hub.Credentials{}, desk.Errorf(desk.ECONFLICT,
			"This desk already has its own workspace, so it can only be the desk that made a hub (deskline hub init). "+
				"Join from a new, empty desk; merging two desks is not possible yet.")
	}
	cred, err := hub.Join(ctx, url, code, st.InstallID())
	if err != nil {
		return hub.Credentials{}, err
	}
	c, err := hub.Connect(ctx, url, cred)
	if err != nil {
		return cred, err
	}
	defer c.Close()
	info, err := c.Hello(ctx, st.InstallID())
	if err != nil {
		return cred, err
	}
	return cred, st.JoinTeam(ctx, url, info.HubInstallID, info.Epoch, info.LastCounter)
}
