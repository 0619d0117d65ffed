package hubtest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// Cluster is a PostgreSQL cluster of a test's own, for server settings the
// shared test cluster does not have (TLS, say). PostgreSQL refuses to run as
// root: as root it runs as the postgres user.
type Cluster struct {
	Dir  string // holds data/, the socket and the log
	Port int
	bin  string
}

// ClusterOptions set up a cluster.
type ClusterOptions struct {
	Conf  []string          // lines appended to postgresql.conf
	HBA   string            // pg_hba.conf (default: trust for postgres, passwords for the rest, on 127.0.0.1)
	Files map[string][]byte // files written into the data folder (certificates, keys), mode 0600
}

// StartCluster initialises and starts a cluster, stopped and removed when the
// test ends. Skips (fails under CI=true) when PostgreSQL is not installed.
func StartCluster(tb testing.TB, o ClusterOptions) *Cluster {
	tb.Helper()
	bin := binDir()
	if bin == "" {
		if os.Getenv("CI") == "true" {
			tb.Fatal("PostgreSQL is not installed (no initdb): scripts/setup.sh --test installs it")
		}
		tb.Skip("PostgreSQL is not installed (no initdb)")
	}
	dir, err := os.MkdirTemp("", "deskline-pg-")
	if err != nil {
		tb.Fatal(err)
	}
	c := &Cluster{Dir: dir, bin: bin}
	tb.Cleanup(func() {
		c.Stop(tb, "immediate")
		os.RemoveAll(dir)
	})
	if err := os.Chmod(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	c.chown(tb, dir)
	data := filepath.Join(dir, "data")
	c.run(tb, "initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8")
	hba := o.HBA
	if hba == "" {
		hba = "local all all trust\nhost all postgres 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 scram-sha-256\n"
	}
	files := map[string][]byte{"pg_hba.conf": []byte(hba)}
	for name, b := range o.Files {
		files[name] = b
	}
	conf, err := os.OpenFile(filepath.Join(data, "postgresql.conf"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		tb.Fatal(err)
	}
	fmt.Fprintln(conf, strings.Join(append([]string{"fsync = off"}, o.Conf...), "\n"))
	conf.Close()
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		p := filepath.Join(data, n)
		if err := os.WriteFile(p, files[n], 0o600); err != nil {
			tb.Fatal(err)
		}
		if err := os.Chmod(p, 0o600); err != nil {
			tb.Fatal(err)
		}
		c.chown(tb, p)
	}
	c.Port = freePort(tb)
	c.Start(tb)
	return c
}

// Start starts the cluster (again, after Stop) on its port.
func (c *Cluster) Start(tb testing.TB) {
	tb.Helper()
	c.run(tb, "pg_ctl", "-D", filepath.Join(c.Dir, "data"), "-l", filepath.Join(c.Dir, "server.log"), "-w", "-t", "60",
		"-o", fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1", c.Port, c.Dir), "start")
}

// URL returns the superuser URL of database db with extra query parameters.
func (c *Cluster) URL(db, query string) string {
	u := fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s", c.Port, db)
	if query != "" {
		u += "?" + query
	}
	return u
}

// Stop stops the cluster: mode "fast", or "immediate" (a crash).
func (c *Cluster) Stop(tb testing.TB, mode string) {
	data := filepath.Join(c.Dir, "data")
	if _, err := os.Stat(filepath.Join(data, "postmaster.pid")); err != nil {
		return
	}
	cmd := c.command("pg_ctl", "-D", data, "-m", mode, "-w", "stop")
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Logf("pg_ctl stop: %v: %s", err, out)
	}
}

func (c *Cluster) command(name string, args ...string) *exec.Cmd {
	bin := filepath.Join(c.bin, name)
	if os.Geteuid() == 0 {
		return exec.Command("runuser", append([]string{"-u", "postgres", "--", bin}, args...)...)
	}
	return exec.Command(bin, args...)
}

func (c *Cluster) run(tb testing.TB, name string, args ...string) {
	tb.Helper()
	if out, err := c.command(name, args...).CombinedOutput(); err != nil {
		log, _ := os.ReadFile(filepath.Join(c.Dir, "server.log"))
		tb.Fatalf("%s: %v\n%s\n%s", name, err, out, log)
	}
}

// chown gives a path to the postgres user when running as root.
func (c *Cluster) chown(tb testing.TB, path string) {
	tb.Helper()
	if os.Geteuid() != 0 {
		return
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		tb.Fatalf("no postgres user: %v", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := os.Chown(path, uid, gid); err != nil {
		tb.Fatal(err)
	}
}

// binDir finds PostgreSQL's programs: DESKLINE_PG_BINDIR, pg_config, or
// Debian's newest /usr/lib/postgresql/N/bin.
func binDir() string {
	if d := os.Getenv("DESKLINE_PG_BINDIR"); d != "" {
		return d
	}
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		d := strings.TrimSpace(string(out))
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return versionOf(dirs[i]) < versionOf(dirs[j]) })
	for i := len(dirs) - 1; i >= 0; i-- {
		if _, err := os.Stat(filepath.Join(dirs[i], "initdb")); err == nil {
			return dirs[i]
		}
	}
	return ""
}

func versionOf(dir string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(dir)))
	return v
}

func freePort(tb testing.TB) int {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}
