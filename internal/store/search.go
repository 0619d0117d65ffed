package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"deskline/db/dbsqlc"
	"deskline/internal/desk"
)

// The search index (table ticket_search, migration 00005) holds one document
// per ticket, keyed by the ticket's search key. Every document is computed by
// searchDocSQL from the tables, whether one ticket is being rewritten after an
// operation or the whole index is being rebuilt, so the two always agree.

// searchCandidatesSQL finds the newest searchCandidates matching tickets
// (search keys grow with creation: newest first is the index's own order, so
// no sort and no work beyond them) with their bm25 score, weighing a match in
// each column: number, contact, mobile, description, notes. Ranking only the
// newest matches keeps a word that matches most of a million tickets as
// quick as a rare one; the best of the newest are shown.
const searchCandidatesSQL = `SELECT s.rowid, k.ticket_id, bm25(ticket_search, 10.0, 4.0, 4.0, 2.0, 1.0)
	FROM ticket_search s JOIN search_keys k ON k.rowid = s.rowid
	WHERE ticket_search MATCH ?1
	ORDER BY s.rowid DESC LIMIT ?2`

// searchCandidates is how many of the newest matches are ranked.
const searchCandidates = 2000

// mobileParts is an SQL expression giving every ending of four digits or more
// of the mobile number m, space separated: "0771234567 771234567 … 4567".
// Mobile numbers are normalised to 7..15 digits.
func mobileParts(m string) string {
	var b strings.Builder
	b.WriteString(m)
	for k := 1; k <= 11; k++ {
		fmt.Fprintf(&b, " || iif(length(%s) > %d, ' ' || substr(%s, %d), '')", m, k+3, m, k+1)
	}
	return b.String()
}

// searchDocSQL selects the search documents (rowid, number, contact, mobile,
// description, notes) of tickets t; callers append a WHERE clause. Notes are
// the bodies of the ticket's activity (notes, notes given with a status
// change) apart from the creation entry (its body is the description) and
// the SLA clock entries, oldest first.
var searchDocSQL = `SELECT k.rowid, t.number, c.name,
	` + mobileParts("t.mobile") + ` || iif(c.mobile = t.mobile, '', ' ' || ` + mobileParts("c.mobile") + `),
	t.description,
	coalesce((SELECT group_concat(body, char(10)) FROM (
		SELECT a.body FROM activities a
		WHERE a.ticket_id = t.id AND a.body <> '' AND a.kind NOT IN ('` + desk.ActCreated + `', '` + desk.ActSLA + `')
		ORDER BY a.hlc)), '')
FROM tickets t
JOIN contacts c ON c.id = t.contact_id
JOIN search_keys k ON k.ticket_id = t.id`

const insertSearchDoc = `INSERT INTO ticket_search (rowid, number, contact, mobile, description, notes) `

// reindexTicket rewrites the search document of one ticket from the tables.
// apply calls it after every operation that changes what the document holds.
func reindexTicket(ctx context.Context, tx dbsqlc.DBTX, ticketID string) error {
	if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO search_keys (ticket_id) VALUES (?)", ticketID); err != nil {
		return fmt.Errorf("search key: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM ticket_search WHERE rowid = (SELECT rowid FROM search_keys WHERE ticket_id = ?)", ticketID); err != nil {
		return fmt.Errorf("unindex ticket: %w", err)
	}
	if _, err := tx.ExecContext(ctx, insertSearchDoc+searchDocSQL+" WHERE t.id = ?", ticketID); err != nil {
		return fmt.Errorf("index ticket: %w", err)
	}
	return nil
}

// reindexContactTickets rewrites the search documents of every ticket of a
// contact (after its name or mobile number changed).
func reindexContactTickets(ctx context.Context, tx dbsqlc.DBTX, contactID string) error {
	if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO search_keys (ticket_id) SELECT id FROM tickets WHERE contact_id = ?", contactID); err != nil {
		return fmt.Errorf("search keys: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM ticket_search WHERE rowid IN (
		SELECT k.rowid FROM tickets t JOIN search_keys k ON k.ticket_id = t.id WHERE t.contact_id = ?)`, contactID); err != nil {
		return fmt.Errorf("unindex tickets: %w", err)
	}
	if _, err := tx.ExecContext(ctx, insertSearchDoc+searchDocSQL+" WHERE t.contact_id = ?", contactID); err != nil {
		return fmt.Errorf("index tickets: %w", err)
	}
	return nil
}

// searchRelevant reports whether a ticket's feed entry of kind with body
// changes its search document: it is a note (any entry with a body) or a
// change of a searched field.
func searchRelevant(kind, body string) bool {
	switch kind {
	case desk.ActSLA:
		return false
	case desk.ActCreated, desk.ActContact, desk.ActMobile, desk.ActDescription:
		return true
	}
	return body != ""
}

// RebuildSearchIndex rewrites the whole search index from the tables, in one
// transaction. Use it after loading rows without the mutation path (the
// benchmark seed) or to repair an index; operations keep it up to date
// otherwise.
func (s *Store) RebuildSearchIndex(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.inTx(ctx, func(tx *sql.Tx, _ *dbsqlc.Queries) error { return rebuildSearch(ctx, tx) })
}

func rebuildSearch(ctx context.Context, tx *sql.Tx) error {
	for _, stmt := range []string{
		"DELETE FROM ticket_search",
		"DELETE FROM search_keys WHERE ticket_id NOT IN (SELECT id FROM tickets)",
		"INSERT OR IGNORE INTO search_keys (ticket_id) SELECT id FROM tickets ORDER BY created_at, id",
		// No merging of index segments while loading; one merge at the end.
		"INSERT INTO ticket_search (ticket_search, rank) VALUES ('automerge', 0)",
		"INSERT INTO ticket_search (ticket_search, rank) VALUES ('crisismerge', 64)",
		insertSearchDoc + searchDocSQL + " ORDER BY k.rowid",
		"INSERT INTO ticket_search (ticket_search) VALUES ('optimize')",
		"INSERT INTO ticket_search (ticket_search, rank) VALUES ('automerge', 4)",
		"INSERT INTO ticket_search (ticket_search, rank) VALUES ('crisismerge', 16)",
	} {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("rebuild search index: %w", err)
		}
	}
	return nil
}

// ensureSearchIndex builds the search index when there are tickets but no
// index: a database from before search (migration 00005 adds it empty) or
// rows loaded without it.
func (s *Store) ensureSearchIndex(ctx context.Context) error {
	var missing bool
	err := s.w.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM tickets) AND NOT EXISTS (SELECT 1 FROM search_keys)`).Scan(&missing)
	if err != nil {
		return fmt.Errorf("check the search index: %w", err)
	}
	if !missing {
		return nil
	}
	return s.RebuildSearchIndex(ctx)
}

// Search limits.
const (
	searchDefaultLimit = 20
	searchMaxLimit     = 50
	searchMaxTerms     = 8
	searchMaxTermLen   = 64
)

// searchTerms splits what the user typed into words the way the index's
// tokenizer does (runs of letters, digits and combining marks; everything
// else separates). It keeps the first searchMaxTerms words and reports
// whether any were left off.
func searchTerms(text string) ([]string, bool) {
	words := strings.FieldsFunc(joinDigitGroups(text), func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.M, r))
	})
	cut := len(words) > searchMaxTerms
	if cut {
		words = words[:searchMaxTerms]
	}
	for i, w := range words {
		if utf8.RuneCountInString(w) > searchMaxTermLen {
			words[i] = string([]rune(w)[:searchMaxTermLen])
		}
	}
	return words, cut
}

// joinDigitGroups writes a number typed in groups ("0771 234-567") as one
// word, the way mobile numbers are stored.
func joinDigitGroups(text string) string {
	rs := []rune(text)
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		b.WriteRune(rs[i])
		if rs[i] < '0' || rs[i] > '9' {
			continue
		}
		j := i + 1
		for j < len(rs) && strings.ContainsRune(" -.()", rs[j]) {
			j++
		}
		if j > i+1 && j < len(rs) && rs[j] >= '0' && rs[j] <= '9' {
			i = j - 1
		}
	}
	return b.String()
}

// matchQuery turns what the user typed into an FTS5 query that cannot be a
// syntax error: every word becomes a quoted string (so quotes, *, NEAR,
// AND/OR/NOT, -, parentheses and column filters mean nothing), all words must
// match, and the last word also matches as a prefix while the user is still
// typing it (when it has two letters or more, or follows other words).
// It returns "" when the text holds no word.
func matchQuery(text string) string {
	terms, cut := searchTerms(text)
	if len(terms) == 0 {
		return ""
	}
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = `"` + strings.ReplaceAll(t, `"`, `""`) + `"`
	}
	last := terms[len(terms)-1]
	typing := !cut && !strings.HasSuffix(text, " ")
	if typing && (utf8.RuneCountInString(last) >= 2 || len(terms) > 1) {
		parts[len(parts)-1] += "*"
	}
	return strings.Join(parts, " ")
}

// ticketNumberOf reads "123" or "#123" as a ticket number, and "P-3" as
// the provisional number -3.
func ticketNumberOf(text string) (int64, bool) {
	t := strings.TrimPrefix(strings.TrimSpace(text), "#")
	if p, ok := strings.CutPrefix(strings.ToUpper(t), "P-"); ok {
		n, isNumber := ticketNumberOf(p)
		return -n, isNumber
	}
	if t == "" || len(t) > 18 {
		return 0, false
	}
	for _, r := range t {
		if r < '0' || r > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	return n, err == nil && n > 0
}

// SearchTickets finds up to limit tickets (default 20, at most 50) whose
// number, customer or lead name, mobile number, description or notes match
// text, best match first (ranked among the newest searchCandidates matches).
// A ticket whose number is exactly the text ("123" or "#123") comes first.
// Each hit carries a snippet of the description or notes, the contact's name
// and the mobile number with the matched words between desk.MarkStart and
// desk.MarkEnd. Any text is accepted: words are matched literally, and text
// without a word finds nothing.
func (s *Store) SearchTickets(ctx context.Context, text string, limit int) ([]desk.SearchHit, error) {
	if limit <= 0 {
		limit = searchDefaultLimit
	}
	limit = min(limit, searchMaxLimit)
	hits := []desk.SearchHit{}
	match := matchQuery(text)
	number, isNumber := ticketNumberOf(text)
	if match == "" {
		return hits, nil
	}
	err := s.readTx(ctx, func(q *dbsqlc.Queries, tx *sql.Tx) error {
		var ids []string
		byID := map[string]*desk.SearchHit{}
		add := func(id string) *desk.SearchHit {
			if h, ok := byID[id]; ok {
				return h
			}
			ids = append(ids, id)
			h := &desk.SearchHit{}
			byID[id] = h
			return h
		}
		if isNumber {
			id, err := q.GetTicketIDByNumber(ctx, number)
			if err == nil {
				add(id)
			} else if err != sql.ErrNoRows {
				return err
			}
		}
		rows, err := tx.QueryContext(ctx, searchCandidatesSQL, match, searchCandidates)
		if err != nil {
			return fmt.Errorf("search: %w", err)
		}
		type candidate struct {
			rowid int64
			id    string
			score float64
		}
		// Rank first (below), then cut snippets for the few rows shown.
		var found []candidate
		for rows.Next() {
			var c candidate
			if err := rows.Scan(&c.rowid, &c.id, &c.score); err != nil {
				rows.Close()
				return err
			}
			found = append(found, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("search: %w", err)
		}
		// bm25 is better the lower it is; among equals the newer ticket wins.
		sort.SliceStable(found, func(i, j int) bool { return found[i].score < found[j].score })
		for _, c := range found {
			add(c.id)
		}
		if len(ids) > limit {
			ids = ids[:limit]
		}
		// Snippets for the rows shown only, marked here from the stored text:
		// a lookup by key, no second evaluation of the match.
		words := newWordMatcher(text)
		for _, id := range ids {
			h := byID[id]
			var contact, description, notes string
			err := tx.QueryRowContext(ctx, `SELECT s.contact, s.description, s.notes
				FROM search_keys k JOIN ticket_search s ON s.rowid = k.rowid WHERE k.ticket_id = ?`, id).
				Scan(&contact, &description, &notes)
			if err == sql.ErrNoRows {
				continue // not indexed (yet): the summary's name stands in
			}
			if err != nil {
				return fmt.Errorf("search snippet: %w", err)
			}
			h.Contact, _ = words.mark(contact)
			var ok bool
			if h.Snippet, ok = words.snippet(notes); !ok {
				h.Snippet, _ = words.snippet(description)
			}
		}
		summaries, err := summariesByID(ctx, q, tx, ids)
		if err != nil {
			return err
		}
		for _, id := range ids {
			t, ok := summaries[id]
			if !ok {
				continue
			}
			h := byID[id]
			h.Ticket = t
			if h.Contact == "" {
				h.Contact = t.ContactName
			}
			h.Mobile = markDigits(t.Mobile, text)
			hits = append(hits, *h)
		}
		return nil
	})
	return hits, err
}

// summariesByID loads the summaries (with subjects and assignees) of the
// given tickets.
func summariesByID(ctx context.Context, q *dbsqlc.Queries, tx *sql.Tx, ids []string) (map[string]desk.TicketSummary, error) {
	out := map[string]desk.TicketSummary{}
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := tx.QueryContext(ctx, "SELECT "+ticketColumns+" "+ticketJoins+
		" WHERE t.id IN ("+strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")+")", args...)
	if err != nil {
		return nil, fmt.Errorf("search tickets: %w", err)
	}
	defer rows.Close()
	var list []desk.TicketSummary
	for rows.Next() {
		t, err := scanSummary(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, t)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := fillSets(ctx, q, list); err != nil {
		return nil, err
	}
	for _, t := range list {
		out[t.ID] = t
	}
	return out, nil
}

// indexOp keeps the search index in step with an operation just merged: when
// it wrote a ticket feed entry that changes the ticket's search document (a
// note, a new ticket, a new description, contact or mobile), the document is
// rewritten. A contact's rename is handled where it is merged.
func indexOp(ctx context.Context, tx dbsqlc.DBTX, op desk.Op) error {
	var ticketID, kind, body string
	err := tx.QueryRowContext(ctx, "SELECT ticket_id, kind, body FROM activities WHERE id = ?", op.ID).Scan(&ticketID, &kind, &body)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	if !searchRelevant(kind, body) {
		return nil
	}
	return reindexTicket(ctx, tx, ticketID)
}

// wordMatcher marks the words of a text that the search matched, the way
// the index compares them: case and diacritics ignored, the last word of the
// query as a prefix while it is being typed. It works on the few rows shown,
// so the full-text match is evaluated once per search.
type wordMatcher struct {
	exact  map[string]bool
	prefix string
}

func newWordMatcher(text string) wordMatcher {
	m := wordMatcher{exact: map[string]bool{}}
	terms, _ := searchTerms(text)
	query := matchQuery(text)
	for i, t := range terms {
		if i == len(terms)-1 && strings.HasSuffix(query, "*") {
			m.prefix = foldWord(t)
		} else {
			m.exact[foldWord(t)] = true
		}
	}
	return m
}

// foldWord lowercases a word and drops its diacritics.
func foldWord(w string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(w)) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (m wordMatcher) matches(word string) bool {
	f := foldWord(word)
	return m.exact[f] || (m.prefix != "" && strings.HasPrefix(f, m.prefix))
}

// wordSpan is one word of a text: its byte range and whether it matched.
type wordSpan struct {
	start, end int
	hit        bool
}

func (m wordMatcher) words(text string) []wordSpan {
	var out []wordSpan
	start := -1
	for i, r := range text {
		inWord := unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.M, r)
		if inWord && start < 0 {
			start = i
		} else if !inWord && start >= 0 {
			out = append(out, wordSpan{start: start, end: i, hit: m.matches(text[start:i])})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, wordSpan{start: start, end: len(text), hit: m.matches(text[start:])})
	}
	return out
}

// markRange writes text[from:to] with its matched words marked.
func markRange(b *strings.Builder, text string, ws []wordSpan, from, to int) {
	at := from
	for _, w := range ws {
		if !w.hit || w.start < from || w.end > to {
			continue
		}
		b.WriteString(text[at:w.start])
		b.WriteString(desk.MarkStart)
		b.WriteString(text[w.start:w.end])
		b.WriteString(desk.MarkEnd)
		at = w.end
	}
	b.WriteString(text[at:to])
}

// mark returns text with its matched words marked, and whether any matched.
func (m wordMatcher) mark(text string) (string, bool) {
	ws := m.words(text)
	var b strings.Builder
	markRange(&b, text, ws, 0, len(text))
	return b.String(), strings.Contains(b.String(), desk.MarkStart)
}

// snippetWords is how many words a snippet shows.
const snippetWords = 16

// snippet cuts up to snippetWords words of text around its first matched
// word, marked, with "…" where text was cut; without a match it is the start
// of the text. It reports whether a word matched.
func (m wordMatcher) snippet(text string) (string, bool) {
	ws := m.words(text)
	if len(ws) == 0 {
		return "", false
	}
	first := -1
	for i, w := range ws {
		if w.hit {
			first = i
			break
		}
	}
	lo := max(0, first-3)
	hi := min(len(ws), lo+snippetWords)
	lo = max(0, min(lo, hi-snippetWords))
	from, to := ws[lo].start, ws[hi-1].end
	if lo == 0 {
		from = 0
	}
	if hi == len(ws) {
		to = len(text)
	}
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	markRange(&b, text, ws, from, to)
	if to < len(text) {
		b.WriteString("…")
	}
	return strings.Join(strings.Fields(b.String()), " "), first >= 0
}

// markDigits marks in a mobile number the first place where a number the
// user typed (four digits or more, typed in groups or not) appears in it.
func markDigits(mobile, text string) string {
	terms, _ := searchTerms(text)
	for _, t := range terms {
		if len(t) < 4 || strings.Trim(t, "0123456789") != "" {
			continue
		}
		if i := strings.Index(mobile, t); i >= 0 {
			return mobile[:i] + desk.MarkStart + t + desk.MarkEnd + mobile[i+len(t):]
		}
	}
	return mobile
}
