package hub

import (
	"context"
	"errors"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Errors of the hub. Every error a function of this package returns wraps one
// of these (test with errors.Is), carries a message a person understands, and
// never holds a password.
var (
	ErrUpdateRequired    = errors.New("update required")
	ErrCounterGap        = errors.New("counter gap")
	ErrClockAhead        = errors.New("clock ahead")
	ErrRevoked           = errors.New("access revoked")
	ErrForbidden         = errors.New("not allowed")
	ErrJoinUsed          = errors.New("this join code was already used")
	ErrBadJoinCode       = errors.New("not a join code")
	ErrBadCredentials    = errors.New("the hub refused this desk's credentials")
	ErrWrongInstallation = errors.New("credentials of another installation")
	ErrNotJoined         = errors.New("not joined")
	ErrBlobMismatch      = errors.New("file damaged on the way")
	ErrBlobTooLarge      = errors.New("file too large for the hub")
	ErrNotFound          = errors.New("not found")
	ErrNoHub             = errors.New("no Deskline hub at this address")
	ErrHubNewer          = errors.New("the hub was set up by a newer Deskline")
	ErrInvalid           = errors.New("invalid")
	ErrUnreachable       = errors.New("the hub cannot be reached")
)

// Error is an error of the hub: its kind (one of the Err values above), the
// PostgreSQL code when the server answered, and a message with every secret
// taken out.
type Error struct {
	Kind error
	Code string // SQLSTATE, when PostgreSQL answered
	msg  string
}

func (e *Error) Error() string { return e.msg }

// Unwrap returns the kind, so errors.Is(err, ErrCounterGap) works.
func (e *Error) Unwrap() error { return e.Kind }

// Kinds of our own SQLSTATE codes (class DL, see migrations/00001_hub.sql).
var codeKinds = map[string]error{
	"DL001": ErrUpdateRequired,
	"DL002": ErrCounterGap,
	"DL003": ErrClockAhead,
	"DL004": ErrRevoked,
	"DL005": ErrJoinUsed,
	"DL006": ErrWrongInstallation,
	"DL007": ErrBlobMismatch,
	"DL008": ErrBlobTooLarge,
	"DL009": ErrNotJoined,
	"42501": ErrForbidden,      // insufficient_privilege
	"28P01": ErrBadCredentials, // invalid_password
	"28000": ErrRevoked,        // invalid_authorization_specification: a login revoked (NOLOGIN)
	"3D000": ErrNoHub,          // invalid_catalog_name: no such database
	"3F000": ErrNoHub,          // invalid_schema_name
	"42883": ErrNoHub,          // undefined_function
	"42P01": ErrNoHub,          // undefined_table
	"57P01": ErrUnreachable,    // admin_shutdown (a terminated backend)
	"57P02": ErrUnreachable,    // crash_shutdown
	"57P03": ErrUnreachable,    // cannot_connect_now
	"53300": ErrUnreachable,    // too_many_connections
	"40P01": ErrUnreachable,    // deadlock_detected: try again
}

// wrap turns an error of pgx or of the server into an *Error of the right
// kind, with the secrets (passwords, connection strings) replaced. Context
// cancellation passes through as it is.
func wrap(err error, secrets ...string) error {
	if err == nil {
		return nil
	}
	var he *Error
	if errors.As(err, &he) {
		return &Error{Kind: he.Kind, Code: he.Code, msg: scrub(he.msg, secrets)}
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return &Error{Kind: ErrNotFound, msg: "not found"}
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		kind, ok := codeKinds[pe.Code]
		switch {
		case ok:
		case strings.HasPrefix(pe.Code, "08"): // connection exceptions
			kind = ErrUnreachable
		default:
			kind = ErrInvalid
		}
		msg := pe.Message
		switch kind {
		case ErrBadCredentials:
			msg = ErrBadCredentials.Error() + " (wrong login or password)"
		case ErrRevoked:
			if pe.Code == "28000" {
				msg = "the hub does not let this desk log in (its access was revoked, or the server refuses it from here)"
			}
		case ErrNoHub:
			msg = ErrNoHub.Error() + " (" + pe.Message + "); the admin sets it up with: deskline hub init"
		case ErrUnreachable:
			msg = ErrUnreachable.Error() + ": " + pe.Message
		}
		return &Error{Kind: kind, Code: pe.Code, msg: scrub(msg, secrets)}
	}
	return &Error{Kind: ErrUnreachable, msg: scrub(ErrUnreachable.Error()+": "+err.Error(), secrets)}
}

// errorf makes an *Error of a kind with a message.
func errorf(kind error, msg string) error { return &Error{Kind: kind, msg: msg} }

// scrub replaces every secret in s.
func scrub(s string, secrets []string) string {
	for _, sec := range secrets {
		if len(sec) >= 4 {
			s = strings.ReplaceAll(s, sec, "********")
		}
	}
	return s
}
