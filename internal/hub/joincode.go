package hub

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"strings"
)

const (
	lowerAlphabet    = "abcdefghijkmnpqrstuvwxyz23456789" // no l, o, 0, 1: easy to read
	passwordAlphabet = lowerAlphabet + "ABCDEFGHJKLMNPQRSTUVWXYZ"
)

// randomString returns n characters drawn uniformly from alphabet.
func randomString(n int, alphabet string) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[int(randUint32()%uint32(len(alphabet)))]
	}
	return string(b)
}

func randUint32() uint32 {
	var b [4]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("no randomness: " + err.Error())
	}
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

// newPassword returns a random password of about 140 bits.
func newPassword() string { return randomString(25, passwordAlphabet) }

// Credentials are an installation's login to the hub. The hub's address is
// kept apart from them. Printing Credentials never shows the password.
type Credentials struct {
	Login    string `json:"login"`
	Password string `json:"password"`
}

// String shows the login only.
func (c Credentials) String() string { return c.Login + " (password hidden)" }

// GoString shows the login only, so %#v cannot leak the password either.
func (c Credentials) GoString() string {
	return "hub.Credentials{Login: " + fmt.Sprintf("%q", c.Login) + "}"
}

// EncodeJoinCode returns the one-time join code for credentials: the login and
// its password, base64url-encoded, nothing else.
func EncodeJoinCode(c Credentials) string {
	return base64.RawURLEncoding.EncodeToString([]byte(c.Login + ":" + c.Password))
}

// DecodeJoinCode reads a join code (spaces and line breaks around or inside
// it, as a copy from a chat may add, are ignored). Returns ErrBadJoinCode.
func DecodeJoinCode(code string) (Credentials, error) {
	code = strings.Join(strings.Fields(code), "")
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(code, "="))
	login, pw, ok := strings.Cut(string(b), ":")
	if err != nil || !ok || login == "" || pw == "" {
		return Credentials{}, errorf(ErrBadJoinCode, "this is not a Deskline join code; copy the whole code the admin gave you")
	}
	return Credentials{Login: login, Password: pw}, nil
}
