package desk

// MarkStart and MarkEnd surround the matched words in a search snippet. They
// are control characters that never appear in text people type; the frontend
// turns the marked runs into highlighted text.
const (
	MarkStart = "\x02"
	MarkEnd   = "\x03"
)

// SearchHit is one ticket found by search: the ticket, a snippet of its
// description or notes, its contact's name and its mobile number, with the
// matched words (digits in the mobile number) marked by MarkStart and MarkEnd.
type SearchHit struct {
	Ticket  TicketSummary `json:"ticket"`
	Snippet string        `json:"snippet"`
	Contact string        `json:"contact"`
	Mobile  string        `json:"mobile"`
}

// SavedView is a named combination of the queue's quick filters and sort.
// A personal view belongs to its owner; a shared view is offered to everyone
// and made and changed only by managers and admins. Pinned views show in the
// sidebar. Count is how many tickets a pinned view shows the current user
// now (-1 for a view not pinned: it is not counted).
type SavedView struct {
	ID        string       `json:"id"`
	Name      string       `json:"name"`
	Shared    bool         `json:"shared"`
	Pinned    bool         `json:"pinned"`
	Filter    TicketFilter `json:"filter"`
	Owner     UserRef      `json:"owner"`
	CanEdit   bool         `json:"canEdit"` // the current user may rename, change or delete it
	Count     int          `json:"count"`
	UpdatedAt string       `json:"updatedAt"`
}

// ViewInput saves a view: an empty ID makes a new one. The filter's offset and
// limit are not kept.
type ViewInput struct {
	ID     string       `json:"id"`
	Name   string       `json:"name"`
	Shared bool         `json:"shared"`
	Pinned bool         `json:"pinned"`
	Filter TicketFilter `json:"filter"`
}

// MaxViewName is the longest name a saved view may have.
const MaxViewName = 60
