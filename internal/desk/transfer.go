package desk

// Duplicate handling of an import: a row whose mobile number is already a
// customer's or lead's is skipped, or updates that record.
const (
	DuplicateSkip   = "skip"
	DuplicateUpdate = "update"
)

// ImportRow is one row of an import as a contact form, with the row number
// it has in the file (the header is row 1).
type ImportRow struct {
	Line    int
	Contact ContactInput
}

// RowError is what is wrong with one row of an import.
type RowError struct {
	Row     int    `json:"row"`
	Field   string `json:"field"`
	Message string `json:"message"`
}

// ImportResult says what an import did: with Errors, nothing was written.
type ImportResult struct {
	Created int        `json:"created"`
	Updated int        `json:"updated"`
	Skipped int        `json:"skipped"`
	Errors  []RowError `json:"errors"`
}
