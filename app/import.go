package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"deskline/internal/desk"
	"deskline/internal/sheet"
)

// EventImportProgress carries an ImportProgress while an import writes.
const EventImportProgress = "deskline:import-progress"

// ImportProgress is how many rows of an import are written.
type ImportProgress struct {
	Rows  int `json:"rows"`
	Total int `json:"total"`
}

// ImportField is a field of a customer or lead that a column can fill.
type ImportField struct {
	Key      string `json:"key"`
	Label    string `json:"label"`
	Required bool   `json:"required"`
}

// ImportPreview is what the window shows of a file before importing it: how
// it was read, its columns, its first rows and the columns mapped to fields
// (as last time for this kind, else guessed from the column names).
type ImportPreview struct {
	Path      string            `json:"path"`
	Name      string            `json:"name"`
	Format    string            `json:"format"`
	Encoding  string            `json:"encoding"`
	Separator string            `json:"separator"`
	Columns   []string          `json:"columns"`
	Rows      [][]string        `json:"rows"`
	Fields    []ImportField     `json:"fields"`
	Mapping   map[string]string `json:"mapping"` // field key → column name
}

// ImportRequest is an import to run.
type ImportRequest struct {
	Path       string            `json:"path"`
	Kind       string            `json:"kind"`       // customer or lead
	Mapping    map[string]string `json:"mapping"`    // field key → column name
	Duplicates string            `json:"duplicates"` // skip or update
}

// ImportService imports customers and leads from CSV and XLSX files.
type ImportService struct {
	c *core
	a *App
}

// maxImportBytes is the largest file an import reads.
const maxImportBytes = 200 << 20

// previewRows is how many rows a preview shows.
const previewRows = 5

func importFields(kind string) []ImportField {
	f := []ImportField{{"name", "Name", true}, {"mobile", "Mobile Number", true}, {"email", "Email", false}}
	if kind == string(desk.KindLead) {
		f = append(f, ImportField{"leadStatus", "Lead status", false})
	}
	return f
}

// importGuesses are column names (lower case, without spaces, dashes and
// underscores) taken for each field when no mapping is remembered.
var importGuesses = map[string][]string{
	"name":       {"name", "fullname", "customer", "customername", "lead", "leadname", "contact", "contactname"},
	"mobile":     {"mobile", "mobilenumber", "mobileno", "phone", "phonenumber", "cell", "cellphone", "telephone", "tel", "msisdn"},
	"email":      {"email", "emailaddress", "mail"},
	"leadStatus": {"leadstatus", "status"},
}

func columnKey(s string) string {
	return strings.NewReplacer(" ", "", "-", "", "_", "", ".", "").Replace(strings.ToLower(s))
}

func mappingSetting(kind string) string { return "import_mapping_" + kind }

func checkImportKind(kind string) error {
	if !desk.ContactKind(kind).Valid() {
		return desk.Invalid("kind", "Choose customers or leads")
	}
	return nil
}

// ChooseFile asks for the file to import. Returns "" when the user cancelled.
func (s *ImportService) ChooseFile() (string, error) {
	if err := s.c.need(desk.ActImport); err != nil {
		return "", err
	}
	return s.a.dialogs.OpenFile("Import customers or leads", "Spreadsheet (*.csv;*.xlsx;*.txt)")
}

// mayImport returns the signed-in user, or EFORBIDDEN unless that user may
// import.
func (s *ImportService) mayImport() (string, error) {
	me, err := s.c.allow(desk.ActImport)
	return me.ID, err
}

// open reads the file at path as a table. Returns EINVALID naming "file"
// for a file that cannot be read as one.
func openTable(path string) (*sheet.Table, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, desk.Invalid("file", "Cannot open %s: %v", filepath.Base(path), errors.Unwrap(err))
	}
	if fi.Size() > maxImportBytes {
		return nil, desk.Invalid("file", "The file is too large (%d MB, at most %d MB): split it in parts", fi.Size()>>20, maxImportBytes>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, desk.Invalid("file", "Cannot read %s: %v", filepath.Base(path), err)
	}
	t, err := sheet.Read(path, data)
	var fe *sheet.ErrFile
	if errors.As(err, &fe) {
		return nil, desk.Invalid("file", "%s", fe.Msg)
	}
	return t, err
}

// Preview reads the file at path for an import of kind (customer or lead).
// Returns EINVALID naming "file" for a file that cannot be read as a table.
func (s *ImportService) Preview(path, kind string) (ImportPreview, error) {
	if _, err := s.mayImport(); err != nil {
		return ImportPreview{}, err
	}
	if err := checkImportKind(kind); err != nil {
		return ImportPreview{}, err
	}
	t, err := openTable(path)
	if err != nil {
		return ImportPreview{}, err
	}
	defer t.Close()
	p := ImportPreview{Path: path, Name: filepath.Base(path), Format: t.Format, Encoding: t.Encoding,
		Separator: t.Separator, Columns: t.Header, Rows: [][]string{}, Fields: importFields(kind), Mapping: map[string]string{}}
	for len(p.Rows) < previewRows {
		row, err := t.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return p, fileError(err)
		}
		p.Rows = append(p.Rows, row)
	}
	remembered := map[string]string{}
	if v, err := s.c.store.LocalSetting(bg, mappingSetting(kind)); err == nil && v != "" {
		json.Unmarshal([]byte(v), &remembered)
	}
	for _, f := range p.Fields {
		if col := remembered[f.Key]; col != "" && columnIndex(t.Header, col) >= 0 {
			p.Mapping[f.Key] = col
			continue
		}
		for _, col := range t.Header {
			for _, g := range importGuesses[f.Key] {
				if columnKey(col) == g && p.Mapping[f.Key] == "" {
					p.Mapping[f.Key] = col
				}
			}
		}
	}
	return p, nil
}

func fileError(err error) error {
	var fe *sheet.ErrFile
	if errors.As(err, &fe) {
		return desk.Invalid("file", "%s", fe.Msg)
	}
	return err
}

func columnIndex(header []string, name string) int {
	for i, h := range header {
		if h == name {
			return i
		}
	}
	return -1
}

// Run imports the file of req: every row is checked before anything is
// written, and the result lists the wrong rows (nothing written) or says how
// many records were created, updated and skipped. The mapping is remembered
// for the next import of the same kind. Progress comes as
// EventImportProgress events. Returns EFORBIDDEN for a user who may not
// import, and EINVALID for a file that cannot be read, a required field left
// without a column or a column the file does not have.
func (s *ImportService) Run(req ImportRequest) (desk.ImportResult, error) {
	me, err := s.mayImport()
	if err != nil {
		return desk.ImportResult{}, err
	}
	if err := checkImportKind(req.Kind); err != nil {
		return desk.ImportResult{}, err
	}
	t, err := openTable(req.Path)
	if err != nil {
		return desk.ImportResult{}, err
	}
	defer t.Close()
	fields := importFields(req.Kind)
	cols := make(map[string]int, len(fields))
	for _, f := range fields {
		name := req.Mapping[f.Key]
		if name == "" {
			if f.Required {
				return desk.ImportResult{}, desk.Invalid("mapping."+f.Key, "Choose the column that holds %s", f.Label)
			}
			continue
		}
		i := columnIndex(t.Header, name)
		if i < 0 {
			return desk.ImportResult{}, desk.Invalid("mapping."+f.Key, "The file has no column %q", name)
		}
		cols[f.Key] = i
	}
	cell := func(row []string, key string) string {
		if i, ok := cols[key]; ok {
			return row[i]
		}
		return ""
	}
	var rows []desk.ImportRow
	for {
		row, err := t.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return desk.ImportResult{}, fileError(err)
		}
		rows = append(rows, desk.ImportRow{Line: t.Line(), Contact: desk.ContactInput{
			Kind: req.Kind, Name: cell(row, "name"), Mobile: cell(row, "mobile"), Email: cell(row, "email"),
			LeadStatus: strings.ToLower(cell(row, "leadStatus")),
		}})
	}
	if len(rows) == 0 {
		return desk.ImportResult{}, desk.Invalid("file", "The file has no rows below its column names")
	}
	if b, err := json.Marshal(req.Mapping); err == nil {
		if err := s.c.store.SetLocalSetting(bg, mappingSetting(req.Kind), string(b)); err != nil {
			return desk.ImportResult{}, err
		}
	}
	last := time.Now()
	res, err := s.c.store.ImportContacts(bg, me, rows, req.Duplicates, func(done int) {
		if done == len(rows) || time.Since(last) >= progressEvery {
			last = time.Now()
			s.c.emitter.Emit(EventImportProgress, ImportProgress{Rows: done, Total: len(rows)})
		}
	})
	if err == nil && len(res.Errors) == 0 {
		s.c.changed(nil, TopicContacts)
	}
	return res, err
}

// SaveErrors asks where to save the row errors of an import and writes them
// there as CSV. Returns the path saved to ("" if the user cancelled).
func (s *ImportService) SaveErrors(errs []desk.RowError) (string, error) {
	if err := s.c.need(desk.ActImport); err != nil {
		return "", err
	}
	dst, err := s.a.dialogs.SaveFile("Save the rows to fix", "Import errors "+time.Now().Format("2006-01-02 1504")+".csv", "CSV file (*.csv)")
	if err != nil || dst == "" {
		return "", err
	}
	if filepath.Ext(dst) == "" {
		dst += ".csv"
	}
	return dst, writeRowErrors(dst, errs)
}

func writeRowErrors(dst string, errs []desk.RowError) error {
	f, err := os.Create(dst)
	if err != nil {
		return desk.Errorf(desk.EUNAVAILABLE, "cannot write %s: %v", dst, err)
	}
	w := sheet.NewCSVWriter(f)
	w.Write([]string{"Row", "Field", "What is wrong"})
	for _, e := range errs {
		if err := w.Write([]string{strconv.Itoa(e.Row), e.Field, e.Message}); err != nil {
			f.Close()
			return err
		}
	}
	if err := w.Close(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", dst, err)
	}
	return f.Close()
}
