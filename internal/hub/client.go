package hub

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgxlisten"

	"deskline/internal/desk"
)

// notifyChannel is the channel every push notifies, with the new head
// sequence as its payload (never data: data always comes through Pull).
const notifyChannel = "deskline_ops"

// MaxPushBatch is how many operations one push transaction carries; Push
// splits longer lists.
const MaxPushBatch = 500

// dialer keeps TCP keepalives short, so a dead link (a sleeping laptop, a
// pulled cable) is noticed within about half a minute.
func dialer() *net.Dialer {
	return &net.Dialer{
		Timeout:         10 * time.Second,
		KeepAliveConfig: net.KeepAliveConfig{Enable: true, Idle: 15 * time.Second, Interval: 5 * time.Second, Count: 3},
	}
}

func errorsIsCode(err error, code string) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == code
}

// Client is one installation's connection to the hub, logged in as its own
// login. It is safe for concurrent use.
type Client struct {
	pool     *pgxpool.Pool
	listen   *pgx.ConnConfig
	secrets  []string
	protocol int

	// ReconnectDelay is how long Listen waits before connecting again after
	// the link dropped (default 2 s).
	ReconnectDelay time.Duration
	// OnListenError, when set, hears why Listen lost or could not make its
	// connection (the message holds no secret).
	OnListenError func(error)
}

// Connect logs in to the hub at url (its address: host, port, database and
// TLS settings; user and password in it are ignored) with an installation's
// credentials. Returns ErrUnreachable, ErrBadCredentials, ErrRevoked.
func Connect(ctx context.Context, url string, cred Credentials) (*Client, error) {
	secrets := []string{url, cred.Password}
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, wrap(err, secrets...)
	}
	if cfg.ConnConfig.Password != "" {
		secrets = append(secrets, cfg.ConnConfig.Password)
	}
	cfg.ConnConfig.User = cred.Login
	cfg.ConnConfig.Password = cred.Password
	cfg.ConnConfig.DialFunc = dialer().DialContext
	cfg.ConnConfig.RuntimeParams["application_name"] = "deskline"
	cfg.MaxConns = 2
	cfg.MinConns = 0
	cfg.MaxConnIdleTime = 5 * time.Minute
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, wrap(err, secrets...)
	}
	c := &Client{pool: pool, listen: cfg.ConnConfig.Copy(), secrets: secrets, protocol: Protocol, ReconnectDelay: 2 * time.Second}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, c.wrap(err)
	}
	return c, nil
}

// Close ends the client's connections.
func (c *Client) Close() { c.pool.Close() }

func (c *Client) wrap(err error) error { return wrap(err, c.secrets...) }

// HelloInfo is the hub's answer to hello.
type HelloInfo struct {
	Epoch             string    // changes when the hub is restored from a backup
	MinProtocol       int       // the oldest protocol the hub accepts
	ServerTime        time.Time // the hub's clock
	LastCounter       int64     // the last counter of this installation the hub holds
	HeadSeq           int64     // the hub's newest sequence
	HubInstallID      string    // the installation id of the hub's own operations
	FoundingInstallID string
}

// Hello greets the hub as installation installID. Returns ErrUpdateRequired
// for a protocol the hub no longer accepts, ErrRevoked, ErrWrongInstallation
// when these credentials belong to another installation, ErrNotJoined.
func (c *Client) Hello(ctx context.Context, installID string) (HelloInfo, error) {
	var h HelloInfo
	var ms int64
	err := c.pool.QueryRow(ctx, `SELECT epoch::text, min_protocol, server_ms, last_counter, head_seq,
			hub_install_id, founding_install_id FROM hub.hello($1, $2)`, c.protocol, installID).
		Scan(&h.Epoch, &h.MinProtocol, &ms, &h.LastCounter, &h.HeadSeq, &h.HubInstallID, &h.FoundingInstallID)
	if err != nil {
		return HelloInfo{}, c.wrap(err)
	}
	h.ServerTime = time.UnixMilli(ms).UTC()
	return h, nil
}

// Join makes the desk installID an installation of the hub at url with a
// one-time join code, then changes the login's password to a new random one
// so that the code is useless afterwards. Returns the credentials to keep;
// ErrBadJoinCode, ErrJoinUsed (also for a code whose password was changed),
// ErrRevoked, ErrUnreachable.
func Join(ctx context.Context, url, joinCode, installID string) (Credentials, error) {
	cred, err := DecodeJoinCode(joinCode)
	if err != nil {
		return Credentials{}, err
	}
	next := Credentials{Login: cred.Login, Password: newPassword()}
	secrets := []string{url, cred.Password, next.Password}
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return Credentials{}, wrap(err, secrets...)
	}
	cfg.User, cfg.Password = cred.Login, cred.Password
	cfg.DialFunc = dialer().DialContext
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if errorsIsCode(err, "28P01") {
		return Credentials{}, errorf(ErrJoinUsed, "this join code was already used (or is not valid for this hub); ask the admin for a new one")
	}
	if err != nil {
		return Credentials{}, wrap(err, secrets...)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, `SELECT hub."join"($1)`, installID); err != nil {
		return Credentials{}, wrap(err, secrets...)
	}
	if _, err := conn.Exec(ctx, "ALTER ROLE CURRENT_USER PASSWORD "+literal(next.Password)); err != nil {
		return Credentials{}, wrap(err, secrets...)
	}
	return next, nil
}

// PushStatus is what the hub did with one pushed operation.
type PushStatus string

const (
	Accepted  PushStatus = "accepted"  // stored with a new sequence
	Duplicate PushStatus = "duplicate" // stored before, with Seq
	Rejected  PushStatus = "rejected"  // recorded as rejected, with Reason and Message
)

// Reasons of a rejected operation.
const (
	ReasonActorNotAllowed = "actor_not_allowed" // the user may not act on this installation
	ReasonActorInactive   = "actor_inactive"
	ReasonRoleNotAllowed  = "role_not_allowed" // the user's role may not make this kind
	ReasonUnknownKind     = "unknown_kind"     // the hub does not know the kind (older hub)
	ReasonHubOnly         = "hub_only"         // a kind only the hub makes (ticket.number)
)

// PushResult answers one pushed operation.
type PushResult struct {
	OpID    string
	Status  PushStatus
	Seq     int64  // Accepted, Duplicate
	Reason  string // Rejected: one of the Reason values
	Message string // Rejected: in plain words
}

// wireOp is an operation as push reads it.
type wireOp struct {
	ID        string          `json:"id"`
	InstallID string          `json:"installId"`
	Counter   int64           `json:"counter"`
	HLC       int64           `json:"hlc"`
	ActorID   string          `json:"actorId"`
	Kind      string          `json:"kind"`
	EntityID  string          `json:"entityId"`
	Payload   json.RawMessage `json:"payload"`
	CreatedMs int64           `json:"createdMs"`
}

// Push sends operations of this installation, in counter order, in batches of
// MaxPushBatch, each batch one transaction. Each operation is answered; on an
// error the results of the batches already stored are returned with it.
// Errors: ErrCounterGap (nothing of that batch stored), ErrClockAhead,
// ErrForbidden (an operation of another installation), ErrRevoked,
// ErrUnreachable (then whether the last batch was stored is unknown: push it
// again, it answers duplicate).
func (c *Client) Push(ctx context.Context, ops []desk.Op) ([]PushResult, error) {
	results := make([]PushResult, 0, len(ops))
	for start := 0; start < len(ops); start += MaxPushBatch {
		batch := ops[start:min(start+MaxPushBatch, len(ops))]
		r, err := c.push(ctx, batch)
		if err != nil {
			return results, err
		}
		results = append(results, r...)
	}
	return results, nil
}

func (c *Client) push(ctx context.Context, ops []desk.Op) ([]PushResult, error) {
	wire := make([]wireOp, len(ops))
	for i, op := range ops {
		p := op.Payload
		if len(p) == 0 {
			p = json.RawMessage("null")
		}
		wire[i] = wireOp{op.ID, op.InstallID, op.Counter, op.HLC, op.ActorID, op.Kind, op.EntityID, p, op.CreatedAt.UnixMilli()}
	}
	body, err := json.Marshal(wire)
	if err != nil {
		return nil, errorf(ErrInvalid, "an operation's payload is not JSON: "+err.Error())
	}
	rows, _ := c.pool.Query(ctx, `SELECT op_id, status, seq, reason, message FROM hub.push($1::text::jsonb)`, string(body))
	res, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (PushResult, error) {
		var r PushResult
		var seq *int64
		var reason, msg *string
		err := row.Scan(&r.OpID, &r.Status, &seq, &reason, &msg)
		if seq != nil {
			r.Seq = *seq
		}
		if reason != nil {
			r.Reason = *reason
		}
		if msg != nil {
			r.Message = *msg
		}
		return r, err
	})
	if err != nil {
		return nil, c.wrap(err)
	}
	return res, nil
}

// PulledOp is an operation of the hub's log with its sequence.
type PulledOp struct {
	Seq int64
	desk.Op
}

// Pull returns up to max operations of the hub's log after sequence after, in
// sequence order (the hub caps max at 5,000). The installation's own
// operations come back too.
func (c *Client) Pull(ctx context.Context, after int64, max int) ([]PulledOp, error) {
	rows, _ := c.pool.Query(ctx, `SELECT seq, op_id, install_id, counter, hlc, actor_id, kind, entity_id, payload::text, created_ms
		FROM hub.pull($1, $2)`, after, max)
	ops, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (PulledOp, error) {
		var p PulledOp
		var payload string
		var ms int64
		err := row.Scan(&p.Seq, &p.ID, &p.InstallID, &p.Counter, &p.HLC, &p.ActorID, &p.Kind, &p.EntityID, &payload, &ms)
		p.Payload = json.RawMessage(payload)
		p.CreatedAt = time.UnixMilli(ms).UTC()
		return p, err
	})
	if err != nil {
		return nil, c.wrap(err)
	}
	return ops, nil
}

// PutBlob stores an attachment's bytes under their SHA-256 (hex). Storing
// the same bytes again is harmless. Returns ErrBlobMismatch when the bytes
// do not hash to hash, ErrBlobTooLarge over 25 MB.
func (c *Client) PutBlob(ctx context.Context, hash string, data []byte) error {
	_, err := c.pool.Exec(ctx, `SELECT hub.put_blob($1, $2)`, hash, data)
	return c.wrap(err)
}

// GetBlob returns an attachment's bytes. Returns ErrNotFound.
func (c *Client) GetBlob(ctx context.Context, hash string) ([]byte, error) {
	var b []byte
	if err := c.pool.QueryRow(ctx, `SELECT hub.get_blob($1)`, hash).Scan(&b); err != nil {
		return nil, c.wrap(err)
	}
	if b == nil {
		return nil, errorf(ErrNotFound, "the hub does not have this file (yet)")
	}
	return b, nil
}

// HasBlobs returns which of hashes the hub holds.
func (c *Client) HasBlobs(ctx context.Context, hashes []string) (map[string]bool, error) {
	var have []string
	if err := c.pool.QueryRow(ctx, `SELECT hub.has_blobs($1)`, hashes).Scan(&have); err != nil {
		return nil, c.wrap(err)
	}
	m := make(map[string]bool, len(have))
	for _, h := range have {
		m[h] = true
	}
	return m, nil
}

// ClaimAlert claims an alert (an SLA warning or breach of a ticket, keyed the
// same on every desk) for this installation: true for the first claim in the
// team, false when another installation (or this one) claimed it before.
func (c *Client) ClaimAlert(ctx context.Context, ticketID, alert string) (bool, error) {
	var won bool
	if err := c.pool.QueryRow(ctx, `SELECT hub.claim_alert($1, $2)`, ticketID, alert).Scan(&won); err != nil {
		return false, c.wrap(err)
	}
	return won, nil
}

// Listen keeps one connection of its own that LISTENs for pushes, until ctx
// ends. Each time that connection is ready — at the start and after every
// reconnect — onNotify is called with the hub's head sequence, after LISTEN is
// in place: the caller pulls the backlog then, and misses nothing pushed
// meanwhile. After that onNotify is called with the head sequence of every
// push. Notifications sent while the link was down are lost by design; the
// call on reconnect covers them. onNotify runs on the listening goroutine:
// keep it short (signal a puller). Returns ctx's error.
func (c *Client) Listen(ctx context.Context, onNotify func(seq int64)) error {
	l := &pgxlisten.Listener{
		Connect: func(ctx context.Context) (*pgx.Conn, error) {
			conn, err := pgx.ConnectConfig(ctx, c.listen)
			return conn, c.wrap(err)
		},
		LogError: func(_ context.Context, err error) {
			if c.OnListenError != nil && ctx.Err() == nil {
				c.OnListenError(c.wrap(err))
			}
		},
		ReconnectDelay: c.ReconnectDelay,
	}
	l.Handle(notifyChannel, listenHandler(onNotify))
	return l.Listen(ctx)
}

// listenHandler turns notifications and the backlog call into onNotify.
type listenHandler func(seq int64)

func (h listenHandler) HandleNotification(_ context.Context, n *pgconn.Notification, _ *pgx.Conn) error {
	seq, err := strconv.ParseInt(n.Payload, 10, 64)
	if err != nil {
		return errorf(ErrInvalid, "notification without a sequence: "+n.Payload)
	}
	h(seq)
	return nil
}

func (h listenHandler) HandleBacklog(ctx context.Context, _ string, conn *pgx.Conn) error {
	var head int64
	if err := conn.QueryRow(ctx, `SELECT hub.head()`).Scan(&head); err != nil {
		// Without the head the caller could miss pushes: drop the connection
		// so the listener reconnects and tries again.
		conn.Close(ctx)
		return err
	}
	h(head)
	return nil
}
