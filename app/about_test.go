package app

import "testing"

func TestAbout(t *testing.T) {
	a := New(nil, &fakeEmitter{}, nil)
	a.SetAbout("1.2.3", "/home/clerk/.local/share/Deskline")
	got, err := a.About.About()
	if err != nil {
		t.Fatal(err)
	}
	want := About{Name: "Deskline", Version: "1.2.3", DataDir: "/home/clerk/.local/share/Deskline"}
	if got != want {
		t.Fatalf("About() = %+v, want %+v", got, want)
	}
}
