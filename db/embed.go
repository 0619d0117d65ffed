// Package db holds the schema migrations, the sqlc queries and the generated
// query code (package dbsqlc).
package db

import "embed"

// Migrations are the goose SQL migrations, numbered and forward-only.
//
//go:embed migrations/*.sql
var Migrations embed.FS
