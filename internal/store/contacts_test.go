package store_test

import (
	"context"
	"strings"
	"testing"

	"deskline/internal/desk"
)

func TestContacts(t *testing.T) {
	ctx := context.Background()
	f := mustWorkspace(t, MustOpen(t))
	s := f.s
	save := func(in desk.ContactInput) desk.Contact {
		t.Helper()
		c, err := s.SaveContact(ctx, f.admin.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	maria := save(desk.ContactInput{Kind: "customer", Name: "Maria Gonzalez", Mobile: "+34 612-345-678", Email: "maria@example.org"})
	mark := save(desk.ContactInput{Kind: "lead", Name: "Mark Otieno", Mobile: "0722 555 0101"})
	if maria.Mobile != "34612345678" || mark.LeadStatus != "new" {
		t.Fatalf("saved = %+v %+v", maria, mark)
	}

	names := func(cs []desk.Contact) string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Name)
		}
		return strings.Join(out, ",")
	}
	for _, tc := range []struct{ name, kind, text, want string }{
		{"NamePrefix", "", "mar", "Maria Gonzalez,Mark Otieno"},
		{"NamePrefixCase", "", "MARIA", "Maria Gonzalez"},
		{"NameInside", "", "gonz", "Maria Gonzalez"},
		{"MobilePrefix", "", "+34 612", "Maria Gonzalez"},
		{"MobilePartial", "", "5550", "Mark Otieno"},
		{"KindLead", "lead", "mar", "Mark Otieno"},
		{"KindCustomer", "customer", "0722", ""},
		{"NoMatch", "", "zzz", ""},
		{"LikeCharsAreLiteral", "", "%", ""},
	} {
		t.Run("Search"+tc.name, func(t *testing.T) {
			got, err := s.SearchContacts(ctx, tc.kind, tc.text, 10)
			if err != nil {
				t.Fatal(err)
			}
			if names(got) != tc.want {
				t.Fatalf("search %q = %q, want %q", tc.text, names(got), tc.want)
			}
		})
	}

	t.Run("Edit", func(t *testing.T) {
		c := save(desk.ContactInput{ID: mark.ID, Kind: "lead", Name: "Mark Otieno", Mobile: "0722 555 0101", LeadStatus: "qualified"})
		if c.LeadStatus != "qualified" || c.ID != mark.ID {
			t.Fatalf("edited = %+v", c)
		}
	})

	t.Run("ConvertKeepsTickets", func(t *testing.T) {
		id, err := s.CreateTicket(ctx, f.admin.ID, desk.NewTicket{SubjectIDs: []string{f.subjects["General Inquiry"]}, ContactID: mark.ID, Mobile: mark.Mobile})
		if err != nil {
			t.Fatal(err)
		}
		c, err := s.ConvertToCustomer(ctx, f.admin.ID, mark.ID)
		if err != nil {
			t.Fatal(err)
		}
		if c.Kind != desk.KindCustomer || c.LeadStatus != "" {
			t.Fatalf("converted = %+v", c)
		}
		d, err := s.GetContact(ctx, mark.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Tickets) != 1 || d.Tickets[0].ID != id || d.Tickets[0].ContactKind != desk.KindCustomer {
			t.Fatalf("history after convert = %+v", d.Tickets)
		}
		_, err = s.ConvertToCustomer(ctx, f.admin.ID, mark.ID)
		wantCode(t, err, desk.ECONFLICT, "")
	})

	t.Run("ErrInput", func(t *testing.T) {
		for _, tc := range []struct {
			in    desk.ContactInput
			field string
		}{
			{desk.ContactInput{Kind: "vip", Name: "X", Mobile: "0771234567"}, "kind"},
			{desk.ContactInput{Kind: "customer", Name: " ", Mobile: "0771234567"}, "name"},
			{desk.ContactInput{Kind: "customer", Name: strings.Repeat("n", desk.MaxNameLen+1), Mobile: "0771234567"}, "name"},
			{desk.ContactInput{Kind: "customer", Name: "X", Mobile: "12345"}, "mobile"},
			{desk.ContactInput{Kind: "customer", Name: "X", Mobile: "0771234567", Email: "not-an-email"}, "email"},
			{desk.ContactInput{Kind: "lead", Name: "X", Mobile: "0771234567", LeadStatus: "hot"}, "leadStatus"},
		} {
			_, err := s.SaveContact(ctx, f.admin.ID, tc.in)
			wantCode(t, err, desk.EINVALID, tc.field)
		}
		_, err := s.SaveContact(ctx, f.admin.ID, desk.ContactInput{ID: "missing", Kind: "customer", Name: "X", Mobile: "0771234567"})
		wantCode(t, err, desk.ENOTFOUND, "")
	})
}

func TestCatalogAndUsers(t *testing.T) {
	ctx := context.Background()
	f := mustWorkspace(t, MustOpen(t))
	s := f.s
	sales, err := s.SaveUser(ctx, f.admin.ID, desk.UserInput{Name: "Sam Sales", Role: "sales"})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("AddRenameDeactivate", func(t *testing.T) {
		c, err := s.SaveCatalog(ctx, f.admin.ID, desk.CatalogSubject, desk.CatalogInput{Name: "Card Replacement"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveCatalog(ctx, f.admin.ID, desk.CatalogSubject, desk.CatalogInput{ID: c.ID, Name: "Card Replacements", Active: false}); err != nil {
			t.Fatal(err)
		}
		active, _ := s.ListCatalog(ctx, desk.CatalogSubject, false)
		all, _ := s.ListCatalog(ctx, desk.CatalogSubject, true)
		if len(active) != 5 || len(all) != 6 {
			t.Fatalf("active %d all %d", len(active), len(all))
		}
		if all[1].Name != "Card Replacements" || all[1].Active {
			t.Fatalf("renamed = %+v", all[1])
		}
	})
	t.Run("ErrDuplicateName", func(t *testing.T) {
		_, err := s.SaveCatalog(ctx, f.admin.ID, desk.CatalogSubject, desk.CatalogInput{Name: "complaint"})
		wantCode(t, err, desk.ECONFLICT, "name")
		// The same name as a source is fine: the lists are separate.
		if _, err := s.SaveCatalog(ctx, f.admin.ID, desk.CatalogSource, desk.CatalogInput{Name: "Complaint"}); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("ErrNotAdmin", func(t *testing.T) {
		_, err := s.SaveCatalog(ctx, sales.ID, desk.CatalogSubject, desk.CatalogInput{Name: "Sales Lead"})
		wantCode(t, err, desk.EFORBIDDEN, "")
		_, err = s.SaveUser(ctx, sales.ID, desk.UserInput{Name: "Eve", Role: "admin"})
		wantCode(t, err, desk.EFORBIDDEN, "")
	})
	t.Run("ErrLastAdmin", func(t *testing.T) {
		_, err := s.SaveUser(ctx, f.admin.ID, desk.UserInput{ID: f.admin.ID, Name: "Asha Admin", Role: "manager", Active: true})
		wantCode(t, err, desk.ECONFLICT, "")
	})
	t.Run("Deactivated", func(t *testing.T) {
		if _, err := s.SaveUser(ctx, f.admin.ID, desk.UserInput{ID: sales.ID, Name: "Sam Sales", Role: "sales", Active: false}); err != nil {
			t.Fatal(err)
		}
		_, err := s.CreateTicket(ctx, sales.ID, desk.NewTicket{SubjectIDs: []string{f.subjects["Complaint"]}, ContactID: f.customer.ID, Mobile: "0771234567"})
		wantCode(t, err, desk.EFORBIDDEN, "")
	})
}
