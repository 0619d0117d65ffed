// Package secret hashes and checks the PINs and passwords people sign in
// with: argon2id, a random salt per hash, the parameters stored with the hash
// so that they can be raised later without breaking old hashes, and a
// constant-time comparison.
package secret

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Parameters of new hashes: 46 MiB of memory, one pass, one lane (a shared
// desktop verifies one sign-in at a time).
const (
	memoryKiB = 46 * 1024
	passes    = 1
	lanes     = 1
	saltLen   = 16
	keyLen    = 32
)

// ErrMalformed is returned for a stored hash that cannot be read.
var ErrMalformed = errors.New("secret: malformed hash")

// Hash returns the encoded argon2id hash of secret with a fresh random salt:
// "argon2id$v=19$m=47104,t=1,p=1$<salt>$<key>" (base64, no padding).
func Hash(secret string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("secret: salt: %w", err)
	}
	key := argon2.IDKey([]byte(secret), salt, passes, memoryKiB, lanes, keyLen)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, memoryKiB, passes, lanes, enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// Verify reports whether secret matches the encoded hash, using the
// parameters stored in it. Returns ErrMalformed for a hash it cannot read.
func Verify(encoded, secret string) (bool, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 5 || parts[0] != "argon2id" {
		return false, ErrMalformed
	}
	var version int
	if _, err := fmt.Sscanf(parts[1], "v=%d", &version); err != nil || version != argon2.Version {
		return false, ErrMalformed
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[2], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false, ErrMalformed
	}
	// Refuse parameters no hash of ours carries (a hash from elsewhere must
	// not make a sign-in take minutes or gigabytes).
	if m < 8*1024 || m > 1024*1024 || t < 1 || t > 10 || p < 1 || p > 16 {
		return false, ErrMalformed
	}
	enc := base64.RawStdEncoding
	salt, err := enc.DecodeString(parts[3])
	if err != nil || len(salt) < 8 {
		return false, ErrMalformed
	}
	want, err := enc.DecodeString(parts[4])
	if err != nil || len(want) < 16 || len(want) > 64 {
		return false, ErrMalformed
	}
	got := argon2.IDKey([]byte(secret), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}
