package hub

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"deskline/internal/desk"
)

// Protocol is the sync protocol this build speaks; MinProtocol the oldest a
// hub set up by this build accepts.
const (
	Protocol    = 1
	MinProtocol = 1
)

// Kinds of the operations the hub itself makes.
const (
	KindTicketNumber = "ticket.number" // payload {"number": N}; entity = the ticket
	kindUserSave     = "user.save"
	kindTicketCreate = "ticket.create"
)

// InitOptions say how to set up a hub.
type InitOptions struct {
	// Permissions maps each operation kind to the roles that may make it. The
	// hub's table of them is rewritten from it on every Init.
	Permissions map[string][]string
	// FoundingInstall is the installation id of the desk whose change log
	// becomes the team's; FoundingOps that whole log, in order. Imported only
	// when the hub is new, without role checks; ticket numbers are kept as in
	// the ticket.create payloads. Empty on an upgrade.
	FoundingInstall string
	FoundingOps     []desk.Op
	// FoundingName names the founding installation ("Founding desk" if empty);
	// FoundingUsers (names) may act on it (every user of the log if empty).
	FoundingName  string
	FoundingUsers []string
	// MinProtocol raises the oldest protocol the hub accepts (never lowers it).
	MinProtocol int
}

// InitResult tells what Init did.
type InitResult struct {
	Founded       bool        // the hub was new: the founding desk was imported
	Credentials   Credentials // the founding installation's login (when Founded)
	SchemaVersion int
	Epoch         string
	HubInstallID  string
}

// admin opens the administrator's connection: a superuser, or a role with
// CREATEROLE that may create objects in the database.
func admin(ctx context.Context, url string) (*pgx.Conn, string, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, "", wrap(err, url)
	}
	cfg.DialFunc = dialer().DialContext
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, "", wrap(err, url, cfg.Password)
	}
	return conn, cfg.Password, nil
}

// Init creates the hub in the database of url (creating the database if the
// server has none of that name) or upgrades it: roles, schema and functions,
// the permission table, and on a new hub the founding desk's log. It is
// idempotent. Returns ErrHubNewer for a hub set up by a newer Deskline, and
// ErrInvalid when FoundingInstall names another desk than the hub's founder.
func Init(ctx context.Context, url string, opts InitOptions) (InitResult, error) {
	if err := ensureDatabase(ctx, url); err != nil {
		return InitResult{}, err
	}
	conn, pw, err := admin(ctx, url)
	if err != nil {
		return InitResult{}, err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	res, err := initHub(ctx, conn, opts)
	return res, wrap(err, url, pw, res.Credentials.Password)
}

// ensureDatabase creates the database of url when the server lacks it.
func ensureDatabase(ctx context.Context, url string) error {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return wrap(err, url)
	}
	cfg.DialFunc = dialer().DialContext
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err == nil {
		return conn.Close(ctx)
	}
	if !errorsIsCode(err, "3D000") {
		return wrap(err, url, cfg.Password)
	}
	db := cfg.Database
	cfg.Database = "postgres"
	conn, err = pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return wrap(err, url, cfg.Password)
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, "CREATE DATABASE "+ident(db))
	if errorsIsCode(err, "42P04") { // created meanwhile
		err = nil
	}
	return wrap(err, url, cfg.Password)
}

func initHub(ctx context.Context, conn *pgx.Conn, opts InitOptions) (InitResult, error) {
	var res InitResult
	for kind, rs := range opts.Permissions {
		for _, r := range rs {
			if !desk.Role(r).Valid() {
				return res, errorf(ErrInvalid, fmt.Sprintf("permissions: %q is no role (kind %s)", r, kind))
			}
		}
	}
	var db string
	if err := conn.QueryRow(ctx, "SELECT current_database()").Scan(&db); err != nil {
		return res, err
	}
	r := rolesFor(db)
	tx, err := conn.Begin(ctx)
	if err != nil {
		return res, err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(7261001)"); err != nil {
		return res, err
	}
	for _, role := range []string{r.owner, r.installation} {
		if err := createRole(ctx, tx, role, "NOLOGIN"); err != nil {
			return res, err
		}
	}
	stmts := []string{
		// The admin acts as the owner while migrating.
		"GRANT " + ident(r.owner) + " TO CURRENT_USER",
		"REVOKE ALL ON DATABASE " + ident(db) + " FROM PUBLIC",
		"GRANT CONNECT, TEMPORARY, CREATE ON DATABASE " + ident(db) + " TO " + ident(r.owner),
		"GRANT CONNECT ON DATABASE " + ident(db) + " TO " + ident(r.installation),
		"REVOKE ALL ON SCHEMA public FROM PUBLIC",
		"CREATE SCHEMA IF NOT EXISTS hub AUTHORIZATION " + ident(r.owner),
		"REVOKE ALL ON SCHEMA hub FROM PUBLIC",
	}
	for _, s := range stmts {
		if _, err := tx.Exec(ctx, s); err != nil {
			return res, err
		}
	}
	if res.SchemaVersion, err = migrate(ctx, tx, r); err != nil {
		return res, err
	}

	var founder string
	err = tx.QueryRow(ctx, "SELECT founding_install_id FROM hub.hub_meta").Scan(&founder)
	switch {
	case err == pgx.ErrNoRows:
		if opts.FoundingInstall == "" {
			return res, errorf(ErrInvalid, "a new hub needs the founding desk's installation id")
		}
		hubID, err := uuid.NewV7()
		if err != nil {
			return res, err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO hub.hub_meta (epoch, hub_install_id, founding_install_id, min_protocol)
			VALUES (gen_random_uuid(), $1, $2, $3)`, hubID.String(), opts.FoundingInstall, max(opts.MinProtocol, MinProtocol)); err != nil {
			return res, err
		}
		if res.Credentials, err = found(ctx, tx, r, opts); err != nil {
			return res, err
		}
		res.Founded = true
	case err != nil:
		return res, err
	case opts.FoundingInstall != "" && opts.FoundingInstall != founder:
		return res, errorf(ErrInvalid, "this hub was founded by another desk ("+founder+"); join it with a join code instead")
	default:
		if _, err := tx.Exec(ctx, "UPDATE hub.hub_meta SET min_protocol = greatest(min_protocol, $1)", opts.MinProtocol); err != nil {
			return res, err
		}
	}
	if err := writePermissions(ctx, tx, opts.Permissions); err != nil {
		return res, err
	}
	if err := tx.QueryRow(ctx, "SELECT epoch::text, hub_install_id FROM hub.hub_meta").Scan(&res.Epoch, &res.HubInstallID); err != nil {
		return res, err
	}
	return res, tx.Commit(ctx)
}

// createRole creates a role unless it exists.
func createRole(ctx context.Context, tx pgx.Tx, name, options string) error {
	var exists bool
	if err := tx.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)", name).Scan(&exists); err != nil {
		return err
	}
	if exists {
		return nil
	}
	_, err := tx.Exec(ctx, "CREATE ROLE "+ident(name)+" "+options)
	return err
}

func writePermissions(ctx context.Context, tx pgx.Tx, perms map[string][]string) error {
	if _, err := tx.Exec(ctx, "DELETE FROM hub.kind_roles"); err != nil {
		return err
	}
	var kinds, rs []string
	for k, roles := range perms {
		for _, r := range roles {
			kinds, rs = append(kinds, k), append(rs, r)
		}
	}
	_, err := tx.Exec(ctx, `INSERT INTO hub.kind_roles (kind, role)
		SELECT DISTINCT k, r FROM unnest($1::text[], $2::text[]) AS x(k, r)`, kinds, rs)
	return err
}

// found imports the founding desk's log and creates its installation.
func found(ctx context.Context, tx pgx.Tx, r roles, opts InitOptions) (Credentials, error) {
	type user struct {
		name, role string
		active     bool
		hlc        int64
		install    string
	}
	users := map[string]*user{}
	numbers := map[string]int64{}
	var lastCounter, maxNumber int64
	rows := make([][]any, 0, len(opts.FoundingOps))
	for i, op := range opts.FoundingOps {
		payload := op.Payload
		if len(payload) == 0 {
			payload = json.RawMessage("null")
		}
		rows = append(rows, []any{int64(i + 1), op.ID, op.InstallID, op.Counter, op.HLC, op.ActorID, op.Kind,
			op.EntityID, string(payload), op.CreatedAt})
		if op.InstallID == opts.FoundingInstall {
			lastCounter = max(lastCounter, op.Counter)
		}
		switch op.Kind {
		case kindUserSave:
			var p struct {
				Name   string `json:"name"`
				Role   string `json:"role"`
				Active bool   `json:"active"`
			}
			if err := json.Unmarshal(payload, &p); err != nil {
				return Credentials{}, errorf(ErrInvalid, fmt.Sprintf("founding op %s: user payload: %v", op.ID, err))
			}
			u := users[op.EntityID]
			if u == nil || op.HLC > u.hlc || (op.HLC == u.hlc && op.InstallID > u.install) {
				users[op.EntityID] = &user{p.Name, p.Role, p.Active, op.HLC, op.InstallID}
			}
		case kindTicketCreate:
			var p struct {
				Number int64 `json:"number"`
			}
			if err := json.Unmarshal(payload, &p); err != nil {
				return Credentials{}, errorf(ErrInvalid, fmt.Sprintf("founding op %s: ticket payload: %v", op.ID, err))
			}
			if p.Number > 0 {
				numbers[op.EntityID] = p.Number
				maxNumber = max(maxNumber, p.Number)
			}
		}
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"hub", "ops"},
		[]string{"seq", "op_id", "install_id", "counter", "hlc", "actor_id", "kind", "entity_id", "payload", "created_at"},
		pgx.CopyFromRows(rows)); err != nil {
		return Credentials{}, fmt.Errorf("import the founding log: %w", err)
	}
	var ids, names, roleNames, installs []string
	var actives []bool
	var hlcs []int64
	for id, u := range users {
		ids, names, roleNames, actives, hlcs, installs = append(ids, id), append(names, u.name),
			append(roleNames, u.role), append(actives, u.active), append(hlcs, u.hlc), append(installs, u.install)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO hub.hub_users (id, name, role, active, hlc, install_id)
		SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[], $5::bigint[], $6::text[])`,
		ids, names, roleNames, actives, hlcs, installs); err != nil {
		return Credentials{}, err
	}
	var tickets []string
	var nums []int64
	for t, n := range numbers {
		tickets, nums = append(tickets, t), append(nums, n)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO hub.ticket_numbers (ticket_id, number)
		SELECT * FROM unnest($1::text[], $2::bigint[]) ON CONFLICT DO NOTHING`, tickets, nums); err != nil {
		return Credentials{}, err
	}
	if _, err := tx.Exec(ctx, `UPDATE hub.number_counter SET last_number = $1`, maxNumber); err != nil {
		return Credentials{}, err
	}
	if _, err := tx.Exec(ctx, `UPDATE hub.seq_counter SET last_seq = $1`, int64(len(rows))); err != nil {
		return Credentials{}, err
	}
	name := opts.FoundingName
	if name == "" {
		name = "Founding desk"
	}
	cred, err := createInstallation(ctx, tx, r, name, opts.FoundingUsers, len(opts.FoundingUsers) == 0)
	if err != nil {
		return Credentials{}, err
	}
	_, err = tx.Exec(ctx, `UPDATE hub.installations SET install_id = $2, joined_at = now(), last_counter = $3
		WHERE login = $1`, cred.Login, opts.FoundingInstall, lastCounter)
	return cred, err
}

// createInstallation makes a login (member of the installation group) with a
// random password and its installations row, and lets the named users (or,
// with allUsers, every user) act on it.
func createInstallation(ctx context.Context, tx pgx.Tx, r roles, name string, userNames []string, allUsers bool) (Credentials, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return Credentials{}, errorf(ErrInvalid, "an installation needs a name")
	}
	var taken bool
	if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM hub.installations WHERE lower(name) = lower($1) AND revoked_at IS NULL)`,
		name).Scan(&taken); err != nil {
		return Credentials{}, err
	}
	if taken {
		return Credentials{}, errorf(ErrInvalid, fmt.Sprintf("an installation named %q exists already", name))
	}
	ids, err := userIDs(ctx, tx, userNames, allUsers)
	if err != nil {
		return Credentials{}, err
	}
	cred := Credentials{Login: r.loginName(), Password: newPassword()}
	if _, err := tx.Exec(ctx, "CREATE ROLE "+ident(cred.Login)+" LOGIN PASSWORD "+literal(cred.Password)+
		" IN ROLE "+ident(r.installation)); err != nil {
		return Credentials{}, err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO hub.installations (login, name) VALUES ($1, $2)`, cred.Login, name); err != nil {
		return Credentials{}, err
	}
	_, err = tx.Exec(ctx, `INSERT INTO hub.installation_users (login, user_id) SELECT $1, unnest($2::text[])`, cred.Login, ids)
	return cred, err
}

// userIDs finds users by name (case does not matter). Returns ErrNotFound
// naming every unknown name, ErrInvalid for a name two users share.
func userIDs(ctx context.Context, tx pgx.Tx, names []string, all bool) ([]string, error) {
	if all {
		rows, _ := tx.Query(ctx, `SELECT id FROM hub.hub_users ORDER BY id`)
		return pgx.CollectRows(rows, pgx.RowTo[string])
	}
	var ids, unknown []string
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		rows, _ := tx.Query(ctx, `SELECT id FROM hub.hub_users WHERE lower(name) = lower($1)`, n)
		found, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return nil, err
		}
		switch len(found) {
		case 0:
			unknown = append(unknown, n)
		case 1:
			ids = append(ids, found[0])
		default:
			return nil, errorf(ErrInvalid, fmt.Sprintf("%d users are named %q; rename one first", len(found), n))
		}
	}
	if len(unknown) > 0 {
		return nil, errorf(ErrNotFound, "the hub knows no user named "+strings.Join(quoteAll(unknown), ", "))
	}
	sort.Strings(ids)
	return ids, nil
}

func quoteAll(s []string) []string {
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = fmt.Sprintf("%q", v)
	}
	return q
}

// adminTx runs fn in one transaction of the administrator's connection.
func adminTx(ctx context.Context, url string, fn func(tx pgx.Tx, r roles) error, secrets ...string) error {
	conn, pw, err := admin(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	secrets = append(secrets, url, pw)
	var db string
	if err := conn.QueryRow(ctx, "SELECT current_database()").Scan(&db); err != nil {
		return wrap(err, secrets...)
	}
	err = pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error { return fn(tx, rolesFor(db)) })
	return wrap(err, secrets...)
}

// Invite creates an installation named name on which the named users may act,
// and returns its one-time join code. Returns ErrNotFound for an unknown user,
// ErrInvalid for a name in use.
func Invite(ctx context.Context, url, name string, userNames []string) (string, error) {
	var cred Credentials
	err := adminTx(ctx, url, func(tx pgx.Tx, r roles) error {
		var err error
		cred, err = createInstallation(ctx, tx, r, name, userNames, false)
		return err
	})
	if err != nil {
		return "", wrap(err, cred.Password)
	}
	return EncodeJoinCode(cred), nil
}

// Revoke ends the installation named name: its login can no longer log in
// and its open sessions are ended. Returns ErrNotFound.
func Revoke(ctx context.Context, url, name string) error {
	var login string
	err := adminTx(ctx, url, func(tx pgx.Tx, r roles) error {
		err := tx.QueryRow(ctx, `UPDATE hub.installations SET revoked_at = now()
			WHERE lower(name) = lower($1) AND revoked_at IS NULL RETURNING login`, strings.TrimSpace(name)).Scan(&login)
		if err == pgx.ErrNoRows {
			return errorf(ErrNotFound, fmt.Sprintf("the hub has no installation named %q", name))
		}
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, "ALTER ROLE "+ident(login)+" NOLOGIN")
		return err
	})
	if err != nil {
		return err
	}
	return adminTx(ctx, url, func(tx pgx.Tx, _ roles) error {
		_, err := tx.Exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
			WHERE usename = $1 AND pid <> pg_backend_pid()`, login)
		return err
	})
}

// SetUsers replaces the users who may act on the installation named name.
// Returns ErrNotFound for an unknown installation or user.
func SetUsers(ctx context.Context, url, name string, userNames []string) error {
	return adminTx(ctx, url, func(tx pgx.Tx, r roles) error {
		var login string
		err := tx.QueryRow(ctx, `SELECT login FROM hub.installations WHERE lower(name) = lower($1) AND revoked_at IS NULL`,
			strings.TrimSpace(name)).Scan(&login)
		if err == pgx.ErrNoRows {
			return errorf(ErrNotFound, fmt.Sprintf("the hub has no installation named %q", name))
		}
		if err != nil {
			return err
		}
		ids, err := userIDs(ctx, tx, userNames, false)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM hub.installation_users WHERE login = $1`, login); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO hub.installation_users (login, user_id) SELECT $1, unnest($2::text[])`, login, ids)
		return err
	})
}

// NewEpoch gives the hub a new epoch: run it after restoring the hub from a
// backup, so every installation notices at its next hello, re-pushes what the
// hub lost and catches up. Returns the new epoch.
func NewEpoch(ctx context.Context, url string) (string, error) {
	var epoch string
	err := adminTx(ctx, url, func(tx pgx.Tx, _ roles) error {
		return tx.QueryRow(ctx, `UPDATE hub.hub_meta SET epoch = gen_random_uuid() RETURNING epoch::text`).Scan(&epoch)
	})
	return epoch, err
}

// Report is the hub as an admin sees it.
type Report struct {
	Epoch             string
	HeadSeq           int64
	SchemaVersion     int
	MinProtocol       int
	HubInstallID      string
	FoundingInstallID string
	Rejected          int64 // rejected operations, all installations
	Installations     []InstallationStatus
}

// InstallationStatus is one installation as an admin sees it.
type InstallationStatus struct {
	Name        string
	Login       string
	InstallID   string // empty until joined
	Joined      bool   // false: the join code is still pending
	Revoked     bool
	CreatedAt   time.Time
	LastSeenAt  *time.Time // last contact, nil if never
	LastCounter int64
	Protocol    int
	Users       []string // names of the users who may act on it
	Accepted    int64    // operations of it the hub holds
	Rejected    int64    // operations of it the hub rejected
}

// Status reads the hub's state. Returns ErrNoHub when url holds no hub.
func Status(ctx context.Context, url string) (Report, error) {
	var st Report
	err := adminTx(ctx, url, func(tx pgx.Tx, _ roles) error {
		if err := tx.QueryRow(ctx, `SELECT m.epoch::text, s.last_seq, m.min_protocol, m.hub_install_id, m.founding_install_id,
				(SELECT max(version) FROM hub.schema_version), (SELECT count(*) FROM hub.rejected_ops)
			FROM hub.hub_meta m, hub.seq_counter s`).Scan(&st.Epoch, &st.HeadSeq, &st.MinProtocol, &st.HubInstallID,
			&st.FoundingInstallID, &st.SchemaVersion, &st.Rejected); err != nil {
			return err
		}
		rows, _ := tx.Query(ctx, `SELECT i.name, i.login, coalesce(i.install_id, ''), i.joined_at IS NOT NULL,
				i.revoked_at IS NOT NULL, i.created_at, i.last_seen_at, i.last_counter, coalesce(i.protocol, 0),
				coalesce((SELECT array_agg(u.name ORDER BY u.name) FROM hub.installation_users iu
				          JOIN hub.hub_users u ON u.id = iu.user_id WHERE iu.login = i.login), '{}'),
				(SELECT count(*) FROM hub.ops o WHERE o.install_id = i.install_id),
				(SELECT count(*) FROM hub.rejected_ops o WHERE o.install_id = i.install_id)
			FROM hub.installations i ORDER BY i.created_at, i.name`)
		var err error
		st.Installations, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (InstallationStatus, error) {
			var s InstallationStatus
			err := row.Scan(&s.Name, &s.Login, &s.InstallID, &s.Joined, &s.Revoked, &s.CreatedAt, &s.LastSeenAt,
				&s.LastCounter, &s.Protocol, &s.Users, &s.Accepted, &s.Rejected)
			return s, err
		})
		return err
	})
	return st, err
}
