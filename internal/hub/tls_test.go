package hub

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"deskline/internal/hub/hubtest"
)

// testCA is a certificate authority made for one test.
type testCA struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
	pem  []byte
}

func newCA(t *testing.T, name string) *testCA {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: name},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		IsCA:                  true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return &testCA{cert: cert, key: key, pem: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})}
}

// serverCert issues a certificate for 127.0.0.1 and localhost.
func (ca *testCA) serverCert(t *testing.T) (certPEM, keyPEM []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2),
		Subject:      pkix.Name{CommonName: "deskline hub"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:     []string{"localhost"},
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		t.Fatal(err)
	}
	kb, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb})
}

func TestTLSVerifyFull(t *testing.T) {
	ca, other := newCA(t, "Deskline test CA"), newCA(t, "Someone else's CA")
	cert, key := ca.serverCert(t)
	cluster := hubtest.StartCluster(t, hubtest.ClusterOptions{
		Conf:  []string{"ssl = on", "ssl_cert_file = 'server.crt'", "ssl_key_file = 'server.key'"},
		Files: map[string][]byte{"server.crt": cert, "server.key": key},
		// TLS only: a plain connection finds no entry.
		HBA: "local all all trust\nhostssl all postgres 127.0.0.1/32 trust\nhostssl all all 127.0.0.1/32 scram-sha-256\n",
	})
	dir := t.TempDir()
	rightCA, wrongCA := filepath.Join(dir, "ca.pem"), filepath.Join(dir, "other.pem")
	if err := os.WriteFile(rightCA, ca.pem, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(wrongCA, other.pem, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	verify := "sslmode=verify-full&sslrootcert=" + rightCA
	admin := cluster.URL("deskline_tls", verify)
	f := newMaker()
	res, err := Init(ctx, admin, InitOptions{
		Permissions: testPermissions, FoundingInstall: f.install,
		FoundingOps: nil,
	})
	if err != nil {
		t.Fatalf("Init over verify-full TLS (creating the database): %v", err)
	}
	addr := hubtest.WithoutUser(t, admin)
	c, err := Connect(ctx, addr, res.Credentials)
	if err != nil {
		t.Fatalf("Connect verify-full: %v", err)
	}
	defer c.Close()
	if _, err := c.Hello(ctx, f.install); err != nil {
		t.Fatalf("Hello over TLS: %v", err)
	}
	var ssl bool
	if err := c.pool.QueryRow(ctx, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").Scan(&ssl); err != nil || !ssl {
		t.Fatalf("connection not encrypted: %v, %v", ssl, err)
	}

	_, err = Connect(ctx, strings.Replace(addr, rightCA, wrongCA, 1), res.Credentials)
	wantErr(t, err, ErrUnreachable)
	if !strings.Contains(err.Error(), "certificate") || strings.Contains(err.Error(), res.Credentials.Password) {
		t.Fatalf("error against a wrong CA: %v", err)
	}
	// Without TLS the server has no entry for the login.
	_, err = Connect(ctx, strings.Replace(addr, "sslmode=verify-full", "sslmode=disable", 1), res.Credentials)
	if err == nil {
		t.Fatal("a plain connection was let in")
	}
}
