package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
)

// Encodings a CSV file is read in.
const (
	UTF8        = "UTF-8"
	UTF8BOM     = "UTF-8 with BOM"
	Windows1252 = "Windows-1252"
)

// ErrFile is a file that cannot be read as a table; its message says why in
// plain words.
type ErrFile struct{ Msg string }

func (e *ErrFile) Error() string { return e.Msg }

func fileErr(format string, args ...any) error { return &ErrFile{Msg: fmt.Sprintf(format, args...)} }

// Table is a table being read: its header row, how it was read, and its rows
// one at a time through Next.
type Table struct {
	Format    string // CSV or XLSX
	Encoding  string // of a CSV file
	Separator string // of a CSV file: "," ";" or "\t"
	Header    []string
	line      int
	next      func() ([]string, error)
	close     func() error
}

// Line is the row number, as a spreadsheet shows it (the header is row 1),
// of the row Next returned last.
func (t *Table) Line() int { return t.line }

// Next returns the next row that is not blank, padded or cut to the header's
// width; io.EOF after the last.
func (t *Table) Next() ([]string, error) {
	for {
		row, err := t.next()
		if err != nil {
			return nil, err
		}
		t.line++
		blank := true
		for i := range row {
			row[i] = strings.TrimSpace(row[i])
			if row[i] != "" {
				blank = false
			}
		}
		if blank {
			continue
		}
		if len(row) < len(t.Header) {
			row = append(row, make([]string, len(t.Header)-len(row))...)
		}
		return row[:len(t.Header)], nil
	}
}

// Close lets go of what the table holds.
func (t *Table) Close() error {
	if t.close != nil {
		return t.close()
	}
	return nil
}

// Read opens data, the content of the file called name, as a table: XLSX
// when the name ends .xlsx, else CSV. A CSV file's encoding (UTF-8 with or
// without a byte order mark, else Windows-1252) and separator (, ; or tab,
// whichever the header row has most of) are found from its content. Returns
// *ErrFile for an empty file, a file without a header row, one that is not
// text in those encodings, or an XLSX file that does not open.
func Read(name string, data []byte) (*Table, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fileErr("The file is empty")
	}
	var t *Table
	var err error
	if strings.EqualFold(filepath.Ext(name), ".xlsx") {
		t, err = readXLSX(data)
	} else {
		t, err = readCSV(data)
	}
	if err != nil {
		return nil, err
	}
	if t.Header, err = t.next(); err == io.EOF {
		t.Close()
		return nil, fileErr("The file is empty")
	} else if err != nil {
		t.Close()
		return nil, err
	}
	t.line = 1
	named := false
	for i := range t.Header {
		t.Header[i] = strings.TrimSpace(t.Header[i])
		if t.Header[i] != "" {
			named = true
		}
	}
	if !named {
		t.Close()
		return nil, fileErr("The first row must name the columns; it is blank")
	}
	return t, nil
}

func readCSV(data []byte) (*Table, error) {
	t := &Table{Format: CSV}
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data, t.Encoding = data[3:], UTF8BOM
		if !utf8.Valid(data) {
			return nil, fileErr("The file says it is UTF-8 but is not: save it again as CSV UTF-8")
		}
	case bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")):
		return nil, fileErr("The file is in UTF-16: save it as CSV UTF-8 (or CSV) and import that")
	case utf8.Valid(data):
		t.Encoding = UTF8
	default:
		t.Encoding = Windows1252
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, fileErr("The file is not text (it holds NUL bytes): choose a CSV or XLSX file")
	}
	if t.Encoding == Windows1252 {
		for _, b := range []byte{0x81, 0x8d, 0x8f, 0x90, 0x9d} { // no character in Windows-1252
			if bytes.IndexByte(data, b) >= 0 {
				return nil, fileErr("The file is neither UTF-8 nor Windows-1252 text: save it again as CSV UTF-8")
			}
		}
	}
	t.Separator = detectSeparator(data)
	var r io.Reader = bytes.NewReader(data)
	if t.Encoding == Windows1252 {
		r = transform.NewReader(r, charmap.Windows1252.NewDecoder())
	}
	cr := csv.NewReader(r)
	cr.Comma, _ = utf8.DecodeRuneInString(t.Separator)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = false
	t.next = func() ([]string, error) {
		row, err := cr.Read()
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, fileErr("Row %d cannot be read as CSV: %v", pe.StartLine, pe.Err)
		}
		return row, err
	}
	return t, nil
}

// detectSeparator returns the separator the first line holds most of,
// outside quotes: "," when it holds none.
func detectSeparator(data []byte) string {
	counts := map[byte]int{}
	quoted := false
	for _, b := range data {
		if b == '"' {
			quoted = !quoted
		}
		if !quoted && (b == '\n' || b == '\r') {
			break
		}
		if !quoted && (b == ',' || b == ';' || b == '\t') {
			counts[b]++
		}
	}
	best := byte(',')
	for _, b := range []byte{';', '\t'} {
		if counts[b] > counts[best] {
			best = b
		}
	}
	return string(best)
}

func readXLSX(data []byte) (*Table, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, fileErr("The file does not open as an Excel workbook (.xlsx): %v", err)
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		f.Close()
		return nil, fileErr("The workbook has no worksheet")
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		f.Close()
		return nil, fileErr("The first worksheet cannot be read: %v", err)
	}
	t := &Table{Format: XLSX}
	t.close = func() error { rows.Close(); return f.Close() }
	t.next = func() ([]string, error) {
		if !rows.Next() {
			if err := rows.Error(); err != nil {
				return nil, err
			}
			return nil, io.EOF
		}
		return rows.Columns(excelize.Options{RawCellValue: true})
	}
	return t, nil
}
