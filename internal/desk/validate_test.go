package desk_test

import (
	"strings"
	"testing"

	"deskline/internal/desk"
)

func TestNormalizeMobile(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"+44 7700 900123", "447700900123", true},
		{"0771-234-567", "0771234567", true},
		{"(020) 7946.0018", "02079460018", true},
		{"1234567", "1234567", true},                 // 7 digits: shortest allowed
		{"123456789012345", "123456789012345", true}, // 15: longest
		{"123456", "", false},
		{"1234567890123456", "", false},
		{"", "", false},
		{"++44 7700 900123", "", false},
		{"0771 ABC 567", "", false},
		{"44+7700900123", "", false},
	} {
		got, err := desk.NormalizeMobile("mobile", tc.in)
		if tc.ok && (err != nil || got != tc.want) {
			t.Errorf("NormalizeMobile(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
		if !tc.ok && (desk.ErrorCode(err) != desk.EINVALID || desk.ErrorField(err) != "mobile") {
			t.Errorf("NormalizeMobile(%q) = %q, %v; want an invalid-mobile error", tc.in, got, err)
		}
	}
}

func TestCleanNameAndText(t *testing.T) {
	if got, err := desk.CleanName("name", "Name", "  Carla   da  Silva "); err != nil || got != "Carla da Silva" {
		t.Fatalf("CleanName = %q, %v", got, err)
	}
	if _, err := desk.CleanName("name", "Name", strings.Repeat("ñ", desk.MaxNameLen)); err != nil {
		t.Fatalf("a name of exactly the limit (in characters, not bytes) was refused: %v", err)
	}
	_, err := desk.CleanName("name", "Name", strings.Repeat("ñ", desk.MaxNameLen+1))
	if desk.ErrorField(err) != "name" || !strings.Contains(desk.ErrorMessage(err), "at most 200") {
		t.Fatalf("over-long name: %v", err)
	}
	if _, err := desk.CleanText("note", "Note", " ", true); desk.ErrorField(err) != "note" {
		t.Fatalf("empty required text: %v", err)
	}
	if got, err := desk.CleanText("description", "Description", "", false); err != nil || got != "" {
		t.Fatalf("empty optional text: %q %v", got, err)
	}
}

func TestCleanEmail(t *testing.T) {
	for in, ok := range map[string]bool{"": true, "a@b.org": true, "Carla <a@b.org>": false, "nope": false, "a@": false} {
		_, err := desk.CleanEmail("email", in)
		if (err == nil) != ok {
			t.Errorf("CleanEmail(%q) err = %v, want ok=%v", in, err, ok)
		}
	}
}

func TestVocab(t *testing.T) {
	v := desk.Vocab()
	if len(v.Statuses) != 5 || v.Statuses[2].Label != "Waiting for Customer" {
		t.Fatalf("statuses = %+v", v.Statuses)
	}
	v.Statuses[0].Label = "changed"
	if desk.StatusOpen.Label() != "Open" {
		t.Fatal("Vocab returned shared slices")
	}
	if !desk.Priority("urgent").Valid() || desk.Priority("asap").Valid() {
		t.Fatal("priority validity")
	}
}
