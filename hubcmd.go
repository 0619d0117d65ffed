package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"deskline/internal/desk"
	"deskline/internal/hub"
	"deskline/internal/paths"
	"deskline/internal/store"
)

// envHubURL may hold the hub's admin URL, so its password need not be typed
// on a command line.
const envHubURL = "DESKLINE_HUB_URL"

const hubUsage = `usage: deskline hub COMMAND [flags]

Sets up and manages the team hub, a PostgreSQL database the desks sync through.
The admin URL (postgres://admin:PASSWORD@host:5432/deskline?sslmode=verify-full&sslrootcert=ca.pem)
comes from --url or from ` + envHubURL + `.

  init      --url URL [--data-dir DIR] [--name NAME] [--users "A,B"]
            make this desk's change log the team's (or upgrade an existing hub)
  status    --url URL                      installations, last contact, head, epoch
  invite    --url URL --name N --users "A,B"   prints a one-time join code
  revoke    --url URL --name N             the installation can no longer sync
  users     --url URL --name N --users "A,B"   who may work on an installation
  restored  --url URL                      after restoring the hub from a backup
`

// runHub runs `deskline hub …`.
func runHub(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, hubUsage)
		return nil
	}
	cmd, args := args[0], args[1:]
	fs := flag.NewFlagSet("deskline hub "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	hubURL := fs.String("url", os.Getenv(envHubURL), "the hub's admin URL (or set "+envHubURL+")")
	var dataDir, name, users *string
	switch cmd {
	case "init":
		dataDir = fs.String("data-dir", "", "the founding desk's data folder (default: this user's)")
		name = fs.String("name", "Founding desk", "name of this desk's installation")
		users = fs.String("users", "", "comma-separated users who may work on this desk (default: every user)")
	case "invite", "users":
		name = fs.String("name", "", "the installation's name, e.g. \"Counter 2\"")
		users = fs.String("users", "", "comma-separated names of the users who may work on it")
	case "revoke":
		name = fs.String("name", "", "the installation's name")
	case "status", "restored":
	default:
		fmt.Fprint(stderr, hubUsage)
		return fmt.Errorf("unknown hub command %q", cmd)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if *hubURL == "" {
		return errors.New("the hub's URL is missing: give --url or set " + envHubURL)
	}
	if name != nil && cmd != "init" && strings.TrimSpace(*name) == "" {
		return errors.New("--name is missing: which installation?")
	}
	ctx := context.Background()
	switch cmd {
	case "init":
		return hubInit(ctx, stdout, *hubURL, *dataDir, *name, splitNames(*users))
	case "status":
		return hubStatus(ctx, stdout, *hubURL)
	case "invite":
		code, err := hub.Invite(ctx, *hubURL, *name, splitNames(*users))
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Installation %q is invited. Its one-time join code:\n\n  %s\n\n"+
			"Give it to that desk with the hub's address (%s); the code stops working once used.\n",
			*name, code, installAddress(*hubURL))
		return nil
	case "revoke":
		if err := hub.Revoke(ctx, *hubURL, *name); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Installation %q can no longer sync. Its data stays in the hub's log.\n", *name)
		return nil
	case "users":
		if err := hub.SetUsers(ctx, *hubURL, *name, splitNames(*users)); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Users of %q: %s\n", *name, strings.Join(splitNames(*users), ", "))
		return nil
	case "restored":
		epoch, err := hub.NewEpoch(ctx, *hubURL)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "The hub has a new epoch (%s). Each desk re-sends at its next sync what the backup lacks.\n", epoch)
		return nil
	}
	return nil
}

// hubInit makes the desk of dataDir the team's founding desk: its whole
// change log becomes the hub's, and its credentials are kept for it.
func hubInit(ctx context.Context, stdout io.Writer, hubURL, dataDir, name string, users []string) error {
	dir, err := paths.DataDir(dataDir)
	if err != nil {
		return err
	}
	release, err := paths.Lock(dir)
	if errors.Is(err, paths.ErrLocked) {
		return fmt.Errorf("%w (%s): close Deskline on this desk first", err, dir)
	}
	if err != nil {
		return err
	}
	defer release()
	st, err := store.Open(ctx, paths.DatabaseFile(dir))
	if err != nil {
		return err
	}
	defer st.Close()
	var ops []desk.Op
	for after := int64(0); ; {
		page, last, err := st.ListOps(ctx, after, 5000)
		if err != nil {
			return fmt.Errorf("read this desk's change log: %w", err)
		}
		if len(page) == 0 {
			break
		}
		ops = append(ops, page...)
		after = last
	}
	res, err := hub.Init(ctx, hubURL, hub.InitOptions{
		Permissions:     store.OpPermissions(),
		FoundingInstall: st.InstallID(),
		FoundingOps:     ops,
		FoundingName:    name,
		FoundingUsers:   users,
	})
	if err != nil {
		return err
	}
	if !res.Founded {
		fmt.Fprintf(stdout, "The hub is up to date (schema %d, epoch %s); its permissions were rewritten.\n", res.SchemaVersion, res.Epoch)
		return nil
	}
	where, err := hub.NewCredentialStore(dir).Save(res.Credentials)
	if err != nil {
		return err
	}
	var acked int64 // the hub holds the whole log of this desk
	for _, op := range ops {
		if op.InstallID == st.InstallID() {
			acked = max(acked, op.Counter)
		}
	}
	if err := st.JoinTeam(ctx, installAddress(hubURL), res.HubInstallID, res.Epoch, acked); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "The hub is set up with this desk's %d operations (installation %q).\n"+
		"Its credentials are kept in %s.\nDesks connect to %s; invite them with: deskline hub invite --name NAME --users \"A,B\"\n",
		len(ops), name, where, installAddress(hubURL))
	return nil
}

func hubStatus(ctx context.Context, stdout io.Writer, hubURL string) error {
	st, err := hub.Status(ctx, hubURL)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Epoch %s, %d operations, schema %d, protocol %d or newer, %d rejected\n\n",
		st.Epoch, st.HeadSeq, st.SchemaVersion, st.MinProtocol, st.Rejected)
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "INSTALLATION\tSTATE\tLAST CONTACT\tOPERATIONS\tREJECTED\tUSERS")
	for _, i := range st.Installations {
		state := "joined"
		switch {
		case i.Revoked:
			state = "revoked"
		case !i.Joined:
			state = "join code not used yet"
		}
		seen := "never"
		if i.LastSeenAt != nil {
			seen = i.LastSeenAt.Local().Format(time.DateTime)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s\n", i.Name, state, seen, i.Accepted, i.Rejected, strings.Join(i.Users, ", "))
	}
	return tw.Flush()
}

// installAddress is the admin URL without its user and password: what a
// desk is given.
func installAddress(hubURL string) string {
	u, err := url.Parse(hubURL)
	if err != nil || u.Scheme == "" {
		return "(the hub's address)"
	}
	u.User = nil
	return u.String()
}

func splitNames(s string) []string {
	var out []string
	for _, n := range strings.Split(s, ",") {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}
