package app

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"deskline/internal/desk"
)

// importApp is an app with a workspace whose admin is signed in.
func importApp(t testing.TB) *App {
	t.Helper()
	a, _ := mustApp(t)
	if _, err := a.Setup.Initialize("Acme", "Asha Admin", testPIN); err != nil {
		t.Fatal(err)
	}
	return a
}

func writeFile(t testing.TB, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func contactsNamed(t testing.TB, a *App, kind string) map[string]desk.Contact {
	t.Helper()
	list, err := a.Contacts.Search(kind, "", 100)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]desk.Contact{}
	for _, c := range list {
		out[c.Name] = c
	}
	return out
}

var nameMobile = map[string]string{"name": "Name", "mobile": "Mobile"}

func runImport(t testing.TB, a *App, path, kind, dup string, mapping map[string]string) desk.ImportResult {
	t.Helper()
	res, err := a.Imports.Run(ImportRequest{Path: path, Kind: kind, Mapping: mapping, Duplicates: dup})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestImportPreviewGuessesAndRemembersTheMapping(t *testing.T) {
	a := importApp(t)
	p := writeFile(t, "people.csv", []byte("\ufeffFull name;Phone number;E-mail;Notes\nJosé Díaz;0712 345 678;jose@example.org;=cmd\nZoë;0799 111 222;;x\n"))
	pv, err := a.Imports.Preview(p, "customer")
	if err != nil {
		t.Fatal(err)
	}
	if pv.Encoding != "UTF-8 with BOM" || pv.Separator != ";" || len(pv.Rows) != 2 || pv.Rows[0][0] != "José Díaz" {
		t.Fatalf("preview %+v", pv)
	}
	if pv.Mapping["name"] != "Full name" || pv.Mapping["mobile"] != "Phone number" || pv.Mapping["email"] != "E-mail" {
		t.Fatalf("guessed mapping %v", pv.Mapping)
	}
	mapping := map[string]string{"name": "Notes", "mobile": "Phone number"} // an odd choice, to see it kept
	if res := runImport(t, a, p, "customer", desk.DuplicateSkip, mapping); res.Created != 2 {
		t.Fatalf("result %+v", res)
	}
	pv, err = a.Imports.Preview(p, "customer")
	if err != nil {
		t.Fatal(err)
	}
	if pv.Mapping["name"] != "Notes" || pv.Mapping["email"] != "E-mail" {
		t.Fatalf("remembered mapping %v", pv.Mapping)
	}
}

func TestImportWindows1252AndSemicolons(t *testing.T) {
	a := importApp(t)
	p := writeFile(t, "leads.csv", []byte("Name;Mobile;Lead status\r\nJos\xe9 M\xfcller;0712 345 678;Contacted\r\n"))
	res := runImport(t, a, p, "lead", desk.DuplicateSkip, map[string]string{"name": "Name", "mobile": "Mobile", "leadStatus": "Lead status"})
	if res.Created != 1 || len(res.Errors) != 0 {
		t.Fatalf("result %+v", res)
	}
	c, ok := contactsNamed(t, a, "lead")["José Müller"]
	if !ok || c.Mobile != "0712345678" || c.LeadStatus != "contacted" {
		t.Fatalf("leads %v", contactsNamed(t, a, "lead"))
	}
}

func TestImportBadEncoding(t *testing.T) {
	a := importApp(t)
	for name, data := range map[string][]byte{
		"utf16.csv":  []byte("\xff\xfeN\x00a\x00m\x00e\x00"),
		"binary.csv": []byte("Name,Mobile\n\x00\x01\x02,1234567\n"),
		"fake.xlsx":  []byte("Name,Mobile\nA,1234567\n"),
	} {
		_, err := a.Imports.Preview(writeFile(t, name, data), "customer")
		if desk.ErrorCode(err) != desk.EINVALID || desk.ErrorField(err) != "file" {
			t.Errorf("%s: %v, want invalid file", name, err)
		}
	}
}

func TestImportEmptyFile(t *testing.T) {
	a := importApp(t)
	for _, data := range []string{"", "\n\n", "Name,Mobile\n", "Name,Mobile\n,\n"} {
		_, err := a.Imports.Run(ImportRequest{Path: writeFile(t, "e.csv", []byte(data)), Kind: "customer", Mapping: nameMobile, Duplicates: desk.DuplicateSkip})
		if desk.ErrorCode(err) != desk.EINVALID || desk.ErrorField(err) != "file" {
			t.Errorf("%q: %v, want invalid file", data, err)
		}
	}
}

func TestImportMissingColumns(t *testing.T) {
	a := importApp(t)
	p := writeFile(t, "c.csv", []byte("Name,Email\nAsha,a@example.org\n"))
	_, err := a.Imports.Run(ImportRequest{Path: p, Kind: "customer", Mapping: map[string]string{"name": "Name"}, Duplicates: desk.DuplicateSkip})
	wantErr(t, err, desk.EINVALID, "mapping.mobile")
	_, err = a.Imports.Run(ImportRequest{Path: p, Kind: "customer", Mapping: nameMobile, Duplicates: desk.DuplicateSkip})
	wantErr(t, err, desk.EINVALID, "mapping.mobile")
	if n := len(contactsNamed(t, a, "")); n != 0 {
		t.Fatalf("%d contacts written", n)
	}
}

func wantErr(t testing.TB, err error, code, field string) {
	t.Helper()
	if desk.ErrorCode(err) != code || desk.ErrorField(err) != field {
		t.Fatalf("err = %v, want %s on %s", err, code, field)
	}
}

func TestImportRowErrorsWriteNothing(t *testing.T) {
	a := importApp(t)
	p := writeFile(t, "c.csv", []byte("Name,Mobile\nAsha,0712 345 678\n,0712 000 111\nBen,12ab\nCara,0799 111 222\n"))
	res := runImport(t, a, p, "customer", desk.DuplicateSkip, nameMobile)
	got := fmt.Sprint(res.Errors)
	if len(res.Errors) != 2 || res.Errors[0].Row != 3 || res.Errors[0].Field != "name" || res.Errors[1].Row != 4 || res.Errors[1].Field != "mobile" {
		t.Fatalf("errors %s", got)
	}
	if res.Created != 0 || len(contactsNamed(t, a, "")) != 0 {
		t.Fatalf("wrote %+v", res)
	}
	out := filepath.Join(t.TempDir(), "errors.csv")
	a.dialogs = fakeDialogs{save: out}
	if saved, err := a.Imports.SaveErrors(res.Errors); err != nil || saved != out {
		t.Fatalf("SaveErrors = %q, %v", saved, err)
	}
	b, _ := os.ReadFile(out)
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
	if err != nil || len(recs) != 3 || recs[1][0] != "3" || recs[2][0] != "4" || recs[2][2] == "" {
		t.Fatalf("errors file %q (%v)", recs, err)
	}
}

func TestImportDuplicateMobiles(t *testing.T) {
	a := importApp(t)
	t.Run("InTheFile", func(t *testing.T) {
		p := writeFile(t, "c.csv", []byte("Name,Mobile\nAsha,0712 345 678\nAsha Again,+0712-345-678\n"))
		res := runImport(t, a, p, "customer", desk.DuplicateSkip, nameMobile)
		if len(res.Errors) != 1 || res.Errors[0].Row != 3 || !strings.Contains(res.Errors[0].Message, "row 2") {
			t.Fatalf("errors %+v", res.Errors)
		}
		if len(contactsNamed(t, a, "")) != 0 {
			t.Fatal("rows written")
		}
	})
	if _, err := a.Contacts.Save(desk.ContactInput{Kind: "customer", Name: "Old Name", Mobile: "0712 345 678", Email: "old@example.org"}); err != nil {
		t.Fatal(err)
	}
	p := writeFile(t, "c.csv", []byte("Name,Mobile\nNew Name,(0712) 345-678\nFresh,0799 111 222\n"))
	t.Run("Skip", func(t *testing.T) {
		res := runImport(t, a, p, "customer", desk.DuplicateSkip, nameMobile)
		if res.Created != 1 || res.Skipped != 1 || res.Updated != 0 {
			t.Fatalf("result %+v", res)
		}
		if _, ok := contactsNamed(t, a, "customer")["Old Name"]; !ok {
			t.Fatal("skipped record changed")
		}
	})
	t.Run("Update", func(t *testing.T) {
		res := runImport(t, a, p, "lead", desk.DuplicateUpdate, nameMobile)
		if res.Created != 0 || res.Updated != 2 {
			t.Fatalf("result %+v", res)
		}
		c, ok := contactsNamed(t, a, "customer")["New Name"]
		if !ok || c.Email != "old@example.org" || c.Kind != desk.KindCustomer {
			t.Fatalf("updated record %+v (kind and email are kept)", c)
		}
		if n := len(contactsNamed(t, a, "")); n != 2 {
			t.Fatalf("%d contacts, want 2", n)
		}
	})
}

func TestImportForbiddenToSupport(t *testing.T) {
	a := importApp(t)
	u, err := a.Users.Save(desk.UserInput{Name: "Sam Support", Role: "support", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := signInAs(t, a, u.ID); err != nil {
		t.Fatal(err)
	}
	p := writeFile(t, "c.csv", []byte("Name,Mobile\nAsha,0712 345 678\n"))
	_, err = a.Imports.Run(ImportRequest{Path: p, Kind: "customer", Mapping: nameMobile, Duplicates: desk.DuplicateSkip})
	if desk.ErrorCode(err) != desk.EFORBIDDEN {
		t.Fatalf("err = %v, want forbidden", err)
	}
}

// TestImport50MBFile imports a 50 MB file: 20,000 customers whose rows carry
// a long notes column the mapping leaves out.
func TestImport50MBFile(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 50 MB file")
	}
	a := importApp(t)
	var buf bytes.Buffer
	buf.WriteString("Name,Mobile,Notes\n")
	notes := strings.Repeat("long note ", 262)
	n := 0
	for buf.Len() < 50<<20 {
		n++
		fmt.Fprintf(&buf, "Customer %d,07%08d,%s\n", n, n, notes)
	}
	p := writeFile(t, "big.csv", buf.Bytes())
	res := runImport(t, a, p, "customer", desk.DuplicateSkip, nameMobile)
	if res.Created != n || len(res.Errors) != 0 {
		t.Fatalf("created %d of %d (%d errors)", res.Created, n, len(res.Errors))
	}
	list, err := a.Contacts.Search("customer", fmt.Sprintf("07%08d", n), 5)
	if err != nil || len(list) != 1 || list[0].Name != fmt.Sprintf("Customer %d", n) {
		t.Fatalf("last row: %+v %v", list, err)
	}
}
