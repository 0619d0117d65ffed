// Package hub is the team hub's PostgreSQL side: the only importer of pgx.
//
// The hub is a PostgreSQL database (13 or newer) holding an ordered,
// authenticated, append-only log of operations. No server program of ours
// runs: the schema and SECURITY DEFINER functions are the migrations in
// migrations/, applied in order by Init (forward-only, versions in
// hub.schema_version).
//
// Roles are cluster-wide, so each hub's are named after its database <db>:
// <db>_owner (NOLOGIN) owns the schema hub, its tables and functions;
// <db>_installation (NOLOGIN) may only execute the sync functions; each
// installation logs in as <db>_i_<random>, a member of that group. Logins read
// no table (SQLSTATE 42501). The functions know the installation from
// session_user, never from what a client claims.
//
// An installation's sync loop, in order:
//
//	c, err := hub.Connect(ctx, url, cred)        // cred from CredentialStore.Load, or hub.Join
//	info, err := c.Hello(ctx, installID)         // epoch, the hub's last counter of ours, head
//	go c.Listen(ctx, func(head int64) { … })     // called once LISTEN is in place (and on every
//	                                             // reconnect) with the head, then per push
//	res, err := c.Push(ctx, pending)             // accepted / duplicate / rejected per op
//	page, err := c.Pull(ctx, cursor, 500)        // ops after cursor, in sequence order
//	won, err := c.ClaimAlert(ctx, ticket, alert) // true for the team's first claim of an
//	                                             // SLA alert (hub.claim_alert)
//
// Errors wrap the Err values of errors.go (errors.Is) and never hold a
// password. Our own SQLSTATEs: DL001 update required, DL002 counter gap,
// DL003 clock ahead, DL004 revoked, DL005 join code used, DL006 wrong
// installation, DL007 blob hash mismatch, DL008 blob too large, DL009 not
// joined.
package hub
