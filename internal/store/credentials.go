package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"unicode/utf8"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
	"deskline/internal/secret"
)

// OpUserCredential sets what a user signs in with (last writer wins). Its
// payload carries the hash only, never the PIN or password.
const OpUserCredential = "user.credential"

// Kinds of credential.
const (
	CredentialPIN      = "pin"
	CredentialPassword = "password"
)

// Limits of PINs and passwords.
const (
	MinPINLen      = 4
	MaxPINLen      = 12
	MinPasswordLen = 8
	MaxPasswordLen = 128
)

type userCredential struct {
	Kind string `json:"kind"`
	Hash string `json:"hash"`
}

var kUserCredential = defineKind(opKind[userCredential]{
	// Every role may set its own; only a role that manages users may set
	// another's (checked here for changes made on this desk and in the merge
	// for changes pulled from the team hub).
	name: OpUserCredential, what: "set a PIN", roles: everyone,
	check: func(p *userCredential) error {
		if p.Kind != CredentialPIN && p.Kind != CredentialPassword {
			return desk.Invalid("kind", "Choose a PIN or a password")
		}
		if !strings.HasPrefix(p.Hash, "argon2id$") || len(p.Hash) > 200 {
			return desk.Invalid("hash", "The PIN's hash is not readable")
		}
		return nil
	},
	merge: func(mc *mergeCtx, p *userCredential) error {
		if mc.op.ActorID != mc.op.EntityID {
			actor, err := mc.q.GetUser(mc.ctx, mc.op.ActorID)
			if err != nil {
				return notFound(err, "user")
			}
			if !desk.Can(desk.Role(actor.Role), desk.ActManageUsers) {
				return desk.Errorf(desk.EFORBIDDEN, "only an admin can set another user's PIN")
			}
		}
		if _, err := mc.q.GetUser(mc.ctx, mc.op.EntityID); err != nil {
			return notFound(err, "user")
		}
		return mc.q.UpsertUserCredential(mc.ctx, dbsqlc.UpsertUserCredentialParams{
			UserID: mc.op.EntityID, Kind: p.Kind, Hash: p.Hash, UpdatedAt: mc.at, Stamp: mc.st,
		})
	},
})

// CheckSecret checks a PIN or password as typed. Returns EINVALID on field
// "pin" for a PIN that is not 4 to 12 digits or a password shorter than 8 or
// longer than 128 characters.
func CheckSecret(kind, s string) error {
	switch kind {
	case CredentialPIN:
		if len(s) < MinPINLen || len(s) > MaxPINLen || strings.Trim(s, "0123456789") != "" {
			return desk.Invalid("pin", "A PIN is %d to %d digits", MinPINLen, MaxPINLen)
		}
	case CredentialPassword:
		n := utf8.RuneCountInString(s)
		if n < MinPasswordLen || n > MaxPasswordLen {
			return desk.Invalid("pin", "A password is %d to %d characters", MinPasswordLen, MaxPasswordLen)
		}
	default:
		return desk.Invalid("kind", "Choose a PIN or a password")
	}
	return nil
}

// SetCredential sets the PIN or password userID signs in with, as actorID.
// A user may set their own; only an admin may set another's. Returns
// EINVALID for a bad PIN or password, ENOTFOUND for an unknown user and
// EFORBIDDEN for someone else's PIN set by a non-admin.
func (s *Store) SetCredential(ctx context.Context, actorID, userID, kind, plain string) error {
	if err := CheckSecret(kind, plain); err != nil {
		return err
	}
	// Hash outside the write lock: it is slow on purpose.
	hash, err := secret.Hash(plain)
	if err != nil {
		return err
	}
	_, err = s.mutate(ctx, actorID, func(m *mutation) error {
		if _, err := m.q.GetUser(ctx, userID); err != nil {
			return notFound(err, "user")
		}
		if actorID != userID {
			u, err := m.actor()
			if err != nil {
				return err
			}
			if !desk.Can(desk.Role(u.Role), desk.ActManageUsers) {
				return desk.Errorf(desk.EFORBIDDEN, "only an admin can set another user's PIN")
			}
		}
		_, err := emit(m, kUserCredential, userID, userCredential{Kind: kind, Hash: hash})
		return err
	})
	return err
}

// CredentialKind returns how userID signs in ("pin" or "password"), or ""
// when they have no credential yet.
func (s *Store) CredentialKind(ctx context.Context, userID string) (string, error) {
	c, err := s.read().GetUserCredential(ctx, userID)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return c.Kind, err
}

// VerifyCredential reports whether plain is userID's PIN or password.
// Returns ENOTFOUND when the user has none.
func (s *Store) VerifyCredential(ctx context.Context, userID, plain string) (bool, error) {
	c, err := s.read().GetUserCredential(ctx, userID)
	if err != nil {
		return false, notFound(err, "PIN")
	}
	return secret.Verify(c.Hash, plain)
}

// UsersWithCredential returns the ids of the users who have a PIN or password.
func (s *Store) UsersWithCredential(ctx context.Context) (map[string]bool, error) {
	ids, err := s.read().ListCredentialUserIDs(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}
