// Package hubtest gives tests of the team hub a real PostgreSQL: a fresh
// database on the test cluster (scripts/pg.sh, DESKLINE_TEST_PGURL), a cluster
// of their own when they need other server settings, and a TCP proxy that can
// cut the link.
package hubtest

import (
	"context"
	"crypto/rand"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvURL names the variable holding the test cluster's superuser URL.
const EnvURL = "DESKLINE_TEST_PGURL"

// ClusterURL returns the test cluster's superuser URL. Without one the test
// is skipped on a developer's machine and fails under CI=true, so a missing
// PostgreSQL can never turn into tests that ran nothing.
func ClusterURL(tb testing.TB) string {
	tb.Helper()
	u := os.Getenv(EnvURL)
	if u == "" {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("%s is not set: scripts/test.sh starts PostgreSQL with scripts/pg.sh and sets it", EnvURL)
		}
		tb.Skipf("%s is not set (start one: export %s=$(scripts/pg.sh start /tmp/deskline-pg))", EnvURL, EnvURL)
	}
	return u
}

// MustDB creates a database of its own for the test and returns its
// superuser URL. The database, and every role named after it, is dropped when
// the test ends.
func MustDB(tb testing.TB) string {
	tb.Helper()
	base := ClusterURL(tb)
	name := "hubt_" + strings.ToLower(rand.Text()[:10])
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		tb.Fatalf("connect to the test cluster: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		tb.Fatalf("create database: %v", err)
	}
	tb.Cleanup(func() { dropDB(tb, base, name) })
	return WithDatabase(tb, base, name)
}

// WithDatabase returns u pointing at database db.
func WithDatabase(tb testing.TB, u, db string) string {
	tb.Helper()
	p, err := url.Parse(u)
	if err != nil {
		tb.Fatalf("parse URL: %v", err)
	}
	p.Path = "/" + db
	return p.String()
}

func dropDB(tb testing.TB, base, name string) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		tb.Errorf("drop test database: %v", err)
		return
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
		tb.Errorf("drop test database: %v", err)
		return
	}
	rows, _ := conn.Query(ctx, `SELECT rolname FROM pg_roles WHERE starts_with(rolname, $1)`, name+"_")
	roles, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		tb.Errorf("list test roles: %v", err)
		return
	}
	for _, r := range roles {
		if _, err := conn.Exec(ctx, "DROP ROLE IF EXISTS "+pgx.Identifier{r}.Sanitize()); err != nil {
			tb.Errorf("drop role %s: %v", r, err)
		}
	}
}

// Exec runs statements on u, failing the test on an error.
func Exec(tb testing.TB, u string, sql string, args ...any) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		tb.Fatalf("connect: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql, args...); err != nil {
		tb.Fatalf("exec %q: %v", sql, err)
	}
}

// Int returns the number a query answers on u.
func Int(tb testing.TB, u string, sql string, args ...any) int64 {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		tb.Fatalf("connect: %v", err)
	}
	defer conn.Close(ctx)
	var n int64
	if err := conn.QueryRow(ctx, sql, args...).Scan(&n); err != nil {
		tb.Fatalf("query %q: %v", sql, err)
	}
	return n
}

// HostPort returns the host:port of u.
func HostPort(tb testing.TB, u string) string {
	tb.Helper()
	p, err := url.Parse(u)
	if err != nil {
		tb.Fatalf("parse URL: %v", err)
	}
	return p.Host
}

// WithHostPort returns u pointing at hostport.
func WithHostPort(tb testing.TB, u, hostport string) string {
	tb.Helper()
	p, err := url.Parse(u)
	if err != nil {
		tb.Fatalf("parse URL: %v", err)
	}
	p.Host = hostport
	return p.String()
}

// WithoutUser returns u without its user and password: the address an
// installation is given.
func WithoutUser(tb testing.TB, u string) string {
	tb.Helper()
	p, err := url.Parse(u)
	if err != nil {
		tb.Fatalf("parse URL: %v", err)
	}
	p.User = nil
	return p.String()
}

// WithQuery returns u with query parameters set.
func WithQuery(tb testing.TB, u string, kv ...string) string {
	tb.Helper()
	p, err := url.Parse(u)
	if err != nil {
		tb.Fatalf("parse URL: %v", err)
	}
	q := p.Query()
	for i := 0; i+1 < len(kv); i += 2 {
		q.Set(kv[i], kv[i+1])
	}
	p.RawQuery = q.Encode()
	return p.String()
}
