package main

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"

	"deskline/internal/hub"
	"deskline/internal/hub/hubtest"
	"deskline/internal/paths"
	"deskline/internal/seed"
	"deskline/internal/store"
)

func TestHubCommands(t *testing.T) {
	keyring.MockInit() // never the real keyring of the machine running the tests
	hubURL := hubtest.MustDB(t)
	ctx := context.Background()

	// A desk with some history becomes the founding desk.
	dir := t.TempDir()
	st, err := store.Open(ctx, paths.DatabaseFile(dir))
	if err != nil {
		t.Fatal(err)
	}
	if err := seed.Run(ctx, st, seed.Options{Tickets: 5, Contacts: 3, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	installID := st.InstallID()
	users, err := st.ListUsers(ctx)
	if err != nil || len(users) < 2 {
		t.Fatalf("seeded users: %v, %v", users, err)
	}
	logged, _, err := st.ListOps(ctx, 0, 100000)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()

	run := func(args ...string) string {
		t.Helper()
		var out, errs bytes.Buffer
		if err := runHub(args, &out, &errs); err != nil {
			t.Fatalf("deskline hub %s: %v\n%s", strings.Join(args, " "), err, errs.String())
		}
		return out.String()
	}
	out := run("init", "--url", hubURL, "--data-dir", dir, "--name", "Front counter")
	if !strings.Contains(out, "set up with this desk's") {
		t.Fatalf("init said: %s", out)
	}
	cred, err := hub.NewCredentialStore(dir).Load()
	if err != nil {
		t.Fatalf("founding credentials were not kept: %v", err)
	}
	addr := hubtest.WithoutUser(t, hubURL)
	c, err := hub.Connect(ctx, addr, cred)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	hello, err := c.Hello(ctx, installID)
	if err != nil {
		t.Fatal(err)
	}
	if hello.HeadSeq != int64(len(logged)) || hello.FoundingInstallID != installID {
		t.Fatalf("hello %+v; the desk logged %d ops", hello, len(logged))
	}
	if out := run("init", "--url", hubURL, "--data-dir", dir); !strings.Contains(out, "up to date") {
		t.Fatalf("second init said: %s", out)
	}

	out = run("invite", "--url", hubURL, "--name", "Counter 2", "--users", users[0].Name+", "+users[1].Name)
	code := regexp.MustCompile(`(?m)^  (\S+)$`).FindStringSubmatch(out)
	if code == nil {
		t.Fatalf("invite printed no code: %s", out)
	}
	if _, err := hub.Join(ctx, addr, code[1], "0193b000-0000-7000-8000-000000000002"); err != nil {
		t.Fatalf("joining with the printed code: %v", err)
	}
	run("users", "--url", hubURL, "--name", "Counter 2", "--users", users[1].Name)
	out = run("status", "--url", hubURL)
	if !strings.Contains(out, "Front counter") || !strings.Contains(out, "Counter 2") || !strings.Contains(out, users[1].Name) {
		t.Fatalf("status: %s", out)
	}
	run("revoke", "--url", hubURL, "--name", "Counter 2")
	if out := run("status", "--url", hubURL); !strings.Contains(out, "revoked") {
		t.Fatalf("status after revoke: %s", out)
	}
	if out := run("restored", "--url", hubURL); !strings.Contains(out, "new epoch") {
		t.Fatalf("restored said: %s", out)
	}
	var out2, errs bytes.Buffer
	if err := runHub([]string{"invite", "--url", hubURL}, &out2, &errs); err == nil {
		t.Fatal("invite without --name succeeded")
	}
}
