package desk

// MarkStart and MarkEnd surround the matched words in a search snippet. They
// are control characters that never appear in text people type; the frontend
// turns the marked runs into highlighted text.
const (
	MarkStart = "\x02"
	MarkEnd   = "\x03"
)

// SearchHit is one ticket found by search: the ticket, a snippet of its
// description or notes and its contact's name, with the matched words marked
// by MarkStart and MarkEnd.
type SearchHit struct {
	Ticket  TicketSummary `json:"ticket"`
	Snippet string        `json:"snippet"`
	Contact string        `json:"contact"`
}
