package sheet_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"deskline/internal/sheet"
)

func readAll(t *testing.T, name string, data []byte) (*sheet.Table, [][]string) {
	t.Helper()
	tab, err := sheet.Read(name, data)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	defer tab.Close()
	var rows [][]string
	for {
		r, err := tab.Next()
		if err == io.EOF {
			return tab, rows
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		rows = append(rows, r)
	}
}

func TestGuard(t *testing.T) {
	for in, want := range map[string]string{
		"=1+2": "'=1+2", "+44 20": "'+44 20", "-3": "'-3", "@SUM(A1)": "'@SUM(A1)",
		"\tx": "'\tx", "\rx": "'\rx", "'x": "''x", "plain": "plain", "": "", "a=b": "a=b",
	} {
		if got := sheet.Guard(in); got != want {
			t.Errorf("Guard(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCSVFormulaStaysText(t *testing.T) {
	var buf bytes.Buffer
	w := sheet.NewCSVWriter(&buf)
	w.Write([]string{"Name", "Note"})
	w.Write([]string{"Asha", `=HYPERLINK("http://x","y")`})
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	out := buf.Bytes()
	if !bytes.HasPrefix(out, []byte("\ufeff")) {
		t.Fatalf("no byte order mark: %q", out[:8])
	}
	recs, err := csv.NewReader(bytes.NewReader(out[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := recs[1][1]; !strings.HasPrefix(got, "'=") {
		t.Fatalf("formula cell written as %q, want it to start with an apostrophe", got)
	}
}

func TestXLSXReadsBack(t *testing.T) {
	var buf bytes.Buffer
	w, err := sheet.NewWriter(sheet.XLSX, &buf)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"Number", "Name", "Note"}, {"12", "Zoë Müller", "=1+1"}, {"13", "Ravi", "-5"}}
	for _, r := range want {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if formula, _ := f.GetCellFormula("Sheet1", "C2"); formula != "" {
		t.Fatalf("C2 holds the formula %q; want text", formula)
	}
	if v, _ := f.GetCellValue("Sheet1", "C2"); v != "=1+1" {
		t.Fatalf("C2 = %q", v)
	}
	f.Close()
	tab, rows := readAll(t, "x.xlsx", buf.Bytes())
	if !reflect.DeepEqual(tab.Header, want[0]) || !reflect.DeepEqual(rows, want[1:]) {
		t.Fatalf("read back %v %v, want %v", tab.Header, rows, want)
	}
}

func TestReadEncodingsAndSeparators(t *testing.T) {
	want := [][]string{{"José", "0712 345 678"}, {"Zoë", "0799 111 222"}}
	cp1252 := []byte("Name;Mobile\r\nJos\xe9;0712 345 678\r\nZo\xeb;0799 111 222\r\n")
	for _, tc := range []struct {
		name, file, enc, sep string
		data                 []byte
	}{
		{"utf8 comma", "a.csv", sheet.UTF8, ",", []byte("Name,Mobile\nJosé,0712 345 678\nZoë,0799 111 222\n")},
		{"utf8 bom semicolon", "a.csv", sheet.UTF8BOM, ";", []byte("\ufeffName;Mobile\nJosé;0712 345 678\n\nZoë;0799 111 222")},
		{"windows-1252", "a.CSV", sheet.Windows1252, ";", cp1252},
		{"tab quoted", "a.txt", sheet.UTF8, "\t", []byte("\"Name\"\t\"Mobile\"\n\"José\"\t0712 345 678\nZoë\t\"0799 111 222\"\n")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tab, rows := readAll(t, tc.file, tc.data)
			if tab.Encoding != tc.enc || tab.Separator != tc.sep {
				t.Fatalf("read as %s %q, want %s %q", tab.Encoding, tab.Separator, tc.enc, tc.sep)
			}
			if !reflect.DeepEqual(tab.Header, []string{"Name", "Mobile"}) || !reflect.DeepEqual(rows, want) {
				t.Fatalf("got %q %q", tab.Header, rows)
			}
		})
	}
}

func TestReadRefuses(t *testing.T) {
	for name, data := range map[string][]byte{
		"empty":       {},
		"blank lines": []byte("\n \r\n"),
		"nul bytes":   []byte("Name,Mobile\nA\x00B,1234567\n"),
		"utf16":       []byte("\xff\xfeN\x00a\x00"),
		"bad bom":     []byte("\xef\xbb\xbfName\xe9\n"),
		"undefined":   []byte("Name\n\x81\x8d\n"),
		"not xlsx":    []byte("this is no zip"),
	} {
		file := "f.csv"
		if name == "not xlsx" {
			file = "f.xlsx"
		}
		_, err := sheet.Read(file, data)
		var fe *sheet.ErrFile
		if !errors.As(err, &fe) {
			t.Errorf("%s: err = %v, want *ErrFile", name, err)
		}
	}
}

func TestReadPadsShortRows(t *testing.T) {
	tab, rows := readAll(t, "a.csv", []byte("A,B,C\n1\n2,3,4,5\n"))
	if !reflect.DeepEqual(rows, [][]string{{"1", "", ""}, {"2", "3", "4"}}) {
		t.Fatalf("rows %q", rows)
	}
	if tab.Line() != 3 {
		t.Fatalf("line %d, want 3", tab.Line())
	}
}
