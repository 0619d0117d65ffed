// Package sheet reads and writes tables of text as CSV and XLSX files: the
// exports of the queue and the imports of customers and leads.
//
// Writers stream: a row is written as it comes and nothing holds the whole
// table. A cell that a spreadsheet would take for a formula is written so
// that it stays text (Guard).
package sheet

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The formats a table is written in and read from.
const (
	CSV  = "csv"
	XLSX = "xlsx"
)

// Writer writes a table one row at a time. Close finishes the file; a table
// not closed is not whole.
type Writer interface {
	Write(cells []string) error
	Close() error
}

// Guard returns a CSV cell as text a spreadsheet will not run: a cell that
// starts with = + - @ (or a tab or carriage return, which some spreadsheets
// skip before looking, or an apostrophe, so that one is not lost) gets a
// leading apostrophe, which spreadsheets show as the mark of text.
func Guard(s string) string {
	if s != "" && strings.IndexByte("=+-@\t\r'", s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// NewWriter returns a writer of format (CSV or XLSX) onto w.
func NewWriter(format string, w io.Writer) (Writer, error) {
	switch format {
	case CSV:
		return NewCSVWriter(w), nil
	case XLSX:
		return NewXLSXWriter(w, "Sheet1")
	}
	return nil, fmt.Errorf("sheet: unknown format %q", format)
}

type csvWriter struct {
	buf *bufio.Writer
	cw  *csv.Writer
	row []string
}

// NewCSVWriter writes UTF-8 CSV with a byte order mark (so spreadsheets read
// the accents right), comma-separated, each cell guarded.
func NewCSVWriter(w io.Writer) Writer {
	buf := bufio.NewWriterSize(w, 64<<10)
	buf.WriteString("\ufeff")
	cw := csv.NewWriter(buf)
	cw.UseCRLF = true
	return &csvWriter{buf: buf, cw: cw}
}

func (c *csvWriter) Write(cells []string) error {
	c.row = c.row[:0]
	for _, s := range cells {
		c.row = append(c.row, Guard(s))
	}
	return c.cw.Write(c.row)
}

func (c *csvWriter) Close() error {
	c.cw.Flush()
	if err := c.cw.Error(); err != nil {
		return err
	}
	return c.buf.Flush()
}

type xlsxWriter struct {
	f   *excelize.File
	sw  *excelize.StreamWriter
	w   io.Writer
	n   int
	row []any
}

// NewXLSXWriter writes one worksheet named sheet through excelize's stream
// writer, which keeps rows on disk rather than in memory. Every cell is a
// text cell, so a value starting with = is shown, never calculated.
func NewXLSXWriter(w io.Writer, sheet string) (Writer, error) {
	f := excelize.NewFile()
	if sheet != "Sheet1" {
		if err := f.SetSheetName("Sheet1", sheet); err != nil {
			return nil, err
		}
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		f.Close()
		return nil, err
	}
	return &xlsxWriter{f: f, sw: sw, w: w}, nil
}

// maxXLSXRows is the most rows a worksheet holds.
const maxXLSXRows = excelize.TotalRows

func (x *xlsxWriter) Write(cells []string) error {
	if x.n == maxXLSXRows {
		return fmt.Errorf("a worksheet holds at most %d rows: export to CSV instead", maxXLSXRows)
	}
	x.n++
	x.row = x.row[:0]
	for _, s := range cells {
		x.row = append(x.row, s)
	}
	cell, err := excelize.CoordinatesToCellName(1, x.n)
	if err != nil {
		return err
	}
	return x.sw.SetRow(cell, x.row)
}

func (x *xlsxWriter) Close() error {
	defer x.f.Close()
	if err := x.sw.Flush(); err != nil {
		return err
	}
	_, err := x.f.WriteTo(x.w)
	return err
}
