package hub

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the embedded migrations in version order. Each file is
// named NNNNN_what.sql; versions are forward-only.
func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("migration file %q is not named NNNNN_what.sql", e.Name())
		}
		body, err := migrationFiles.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(body)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms, nil
}

// SchemaVersion is the hub schema this build writes.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

// roles names the PostgreSQL roles of one hub database. Roles are cluster-wide,
// so each name starts with a prefix made from the database name.
type roles struct {
	prefix       string
	owner        string // NOLOGIN: owns the schema, tables and functions
	installation string // NOLOGIN group: may execute the sync functions
}

func rolesFor(database string) roles {
	p := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '_':
			return r
		case r >= 'A' && r <= 'Z':
			return r + ('a' - 'A')
		}
		return '_'
	}, database)
	if len(p) > 36 || p != strings.ToLower(database) {
		// Long or unusual names: keep a readable head and make it unique.
		sum := sha256.Sum256([]byte(database))
		p = p[:min(len(p), 27)] + "_" + hex.EncodeToString(sum[:4])
	}
	return roles{prefix: p, owner: p + "_owner", installation: p + "_installation"}
}

// loginName is the login of a new installation.
func (r roles) loginName() string { return r.prefix + "_i_" + randomString(8, lowerAlphabet) }

func ident(s string) string { return pgx.Identifier{s}.Sanitize() }

func literal(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// migrate applies the migrations the hub lacks, as the owner role, inside tx.
// It returns the schema version reached, or ErrHubNewer.
func migrate(ctx context.Context, tx pgx.Tx, r roles) (int, error) {
	ms, err := migrations()
	if err != nil {
		return 0, err
	}
	if _, err := tx.Exec(ctx, "SET LOCAL ROLE "+ident(r.owner)); err != nil {
		return 0, err
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS hub.schema_version (
		version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return 0, err
	}
	if _, err := tx.Exec(ctx, `REVOKE ALL ON hub.schema_version FROM PUBLIC`); err != nil {
		return 0, err
	}
	var have int
	if err := tx.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM hub.schema_version`).Scan(&have); err != nil {
		return 0, err
	}
	last := 0
	if len(ms) > 0 {
		last = ms[len(ms)-1].version
	}
	if have > last {
		return have, errorf(ErrHubNewer, fmt.Sprintf("%s (hub schema %d, this copy knows up to %d): use the newer Deskline to manage it", ErrHubNewer, have, last))
	}
	repl := strings.NewReplacer("{{owner}}", ident(r.owner), "{{installation}}", ident(r.installation))
	for _, m := range ms {
		if m.version <= have {
			continue
		}
		if _, err := tx.Exec(ctx, repl.Replace(m.sql)); err != nil {
			return have, fmt.Errorf("hub migration %s: %w", m.name, err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO hub.schema_version (version, name) VALUES ($1, $2)`, m.version, m.name); err != nil {
			return have, err
		}
		have = m.version
	}
	if _, err := tx.Exec(ctx, "RESET ROLE"); err != nil {
		return have, err
	}
	return have, nil
}
