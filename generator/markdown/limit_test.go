package markdown

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestInlineMarkerLimit: shapes on which goldmark's delimiter matching is
// quadratic render quickly just under the limit and are refused above it.
func TestInlineMarkerLimit(t *testing.T) {
	r := New(Options{})
	for _, unit := range []string{"*a_ ", "a**b c* ", "[a](b ", "[", "[a]: b\n", "~~a "} {
		markers := strings.Count(unit, "*") + strings.Count(unit, "_") + strings.Count(unit, "[") + strings.Count(unit, "]") + strings.Count(unit, "~")
		src := strings.Repeat(unit, MaxInlineMarkers/markers)
		start := time.Now()
		if _, err := r.Render([]byte(src)); err != nil {
			t.Errorf("%q just under the limit: %v", unit, err)
		}
		if d := time.Since(start); d > hangTime {
			t.Errorf("%q just under the limit took %v", unit, d)
		}
		_, err := r.Render([]byte(strings.Repeat(unit, 50000)))
		var le *LimitError
		if !errors.As(err, &le) || le.Line != 1 {
			t.Errorf("%q ×50000: err = %v, want a LimitError at line 1", unit, err)
		}
	}
}

// TestTableCellLimit: the cells of all tables of a document count
// together, every row as wide as its header.
func TestTableCellLimit(t *testing.T) {
	oneColumn := func(rows int) string {
		return "| a |\n| - |\n" + strings.Repeat("| x |\n", rows)
	}
	r := New(Options{})
	if _, err := r.Render([]byte(oneColumn(MaxTableCells - 1))); err != nil {
		t.Errorf("a table of %d cells: %v", MaxTableCells, err)
	}
	want := fmt.Sprintf("markdown tables too large (more than %d cells in this record, a row counting as many cells as its table has columns); split the table or the record at line 1", MaxTableCells)
	if _, err := r.Render([]byte(oneColumn(MaxTableCells))); err == nil || err.Error() != want {
		t.Errorf("a table of %d cells: err = %v, want %s", MaxTableCells+1, err, want)
	}
	// Short rows count as wide as the header, and tables add up.
	half := "|" + strings.Repeat(" a |", 10) + "\n|" + strings.Repeat("---|", 10) + "\n" + strings.Repeat("|\n", MaxTableCells/20)
	want = strings.Replace(want, "at line 1", fmt.Sprintf("at line %d", MaxTableCells/20+4), 1)
	if _, err := r.Render([]byte(half + "\n" + half)); err == nil || err.Error() != want {
		t.Errorf("two tables of %d cells: err = %v, want %s", MaxTableCells/2+10, err, want)
	}
	// A rule under a paragraph is a heading, not a table.
	if _, err := r.Render([]byte("Title\n---\n" + strings.Repeat("line\n", 2*MaxTableCells))); err != nil {
		t.Errorf("a heading underlined with ---: %v", err)
	}
}

// TestNestedLinesLimit: lines in lists and quotes count once per level,
// and the error points at the start of the list that passes the limit.
func TestNestedLinesLimit(t *testing.T) {
	r := New(Options{})
	want := fmt.Sprintf("markdown lists and block quotes too long (more than %d lines in them, a line counting once for each list or quote around it); split the record or flatten the lists at line 3", MaxNestedLines)
	tests := []struct {
		name string
		src  string
		ok   bool
	}{
		{"flat list at the limit", "Intro.\n\n" + strings.Repeat("- item\n", MaxNestedLines), true},
		{"flat list past the limit", "Intro.\n\n" + strings.Repeat("- item\n", MaxNestedLines+1), false},
		{"nested list at the limit", "Intro.\n\n- a\n" + strings.Repeat("  - b\n", (MaxNestedLines-1)/2), true},
		{"nested list past the limit", "Intro.\n\n- a\n" + strings.Repeat("  - b\n", (MaxNestedLines-1)/2+1), false},
		{"quote past the limit", "Intro.\n\n" + strings.Repeat("> quoted\n", MaxNestedLines+1), false},
		{"lazy lines in an item", "Intro.\n\n- a\n" + strings.Repeat("lazy\n", MaxNestedLines), false},
		{"indented code is not a list", strings.Repeat("    - code\n", 2*MaxNestedLines), true},
		{"lists between paragraphs", strings.Repeat("- a\n- b\n\nText.\n\n", MaxNestedLines/4), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := r.Render([]byte(tt.src))
			if tt.ok {
				if err != nil {
					t.Error(err)
				}
				return
			}
			if err == nil || err.Error() != want {
				t.Errorf("err = %v, want %s", err, want)
			}
		})
	}
}

// TestNestDepth: how many containers the line scan puts around each line.
func TestNestDepth(t *testing.T) {
	tests := []struct {
		src    string
		depths []int
	}{
		{"- a\n  - b\n    - c\n  - d\n- e\n", []int{1, 2, 3, 2, 1}},
		{"- a\n\n  text\n\ntext\n", []int{1, 1, 1, 1, 0}},
		{"> - a\n>   - b\n> - c\n", []int{2, 3, 2}},
		{"- > a\n  > b\n", []int{2, 2}},
		{"1. a\n   1) b\n      * c\n", []int{1, 2, 3}},
		{"- a\nlazy\n- b\n", []int{1, 1, 1}},
		{"- - - -\n* * *\n", []int{0, 0}},
		{"    - code\n- a\n      - code in a\n", []int{0, 1, 1}},
		{"-\tb\n\t- c\n", []int{1, 2}},
		{"- a\n-\n", []int{1, 1}},
	}
	for _, tt := range tests {
		var s lineScan
		var got []int
		for n, line := range strings.Split(strings.TrimSuffix(tt.src, "\n"), "\n") {
			if err := s.line(n+1, []byte(line)); err != nil {
				t.Fatal(err)
			}
			if len(strings.TrimSpace(line)) == 0 {
				got = append(got, len(s.items))
			} else {
				got = append(got, s.lastDepth)
			}
		}
		if !slices.Equal(got, tt.depths) {
			t.Errorf("%q: depths %v, want %v", tt.src, got, tt.depths)
		}
	}
}

func TestHTMLLimit(t *testing.T) {
	for _, tt := range []struct{ n, want int }{
		{0, ExpansionSlack},
		{1000, 20*1000 + 64<<10},
		{416153, 20*416153 + 64<<10},
		{500 << 10, MaxHTMLSize},
		{4 << 20, MaxHTMLSize},
	} {
		if got := htmlLimit(tt.n); got != tt.want {
			t.Errorf("htmlLimit(%d) = %d, want %d", tt.n, got, tt.want)
		}
	}
}

// refDoc is a definition of a 1 KB reference, at line 1, used n times.
func refDoc(n int) (src string, size int) {
	rest := "https://example.org/" + strings.Repeat("a", 500) + " \"" + strings.Repeat("t", 500) + "\""
	var b strings.Builder
	b.WriteString("[ref]: " + rest + "\n\n")
	for i := range n {
		b.WriteString("[ref] ")
		if i%300 == 299 {
			b.WriteString("\n\n") // stay under MaxInlineMarkers
		}
	}
	return b.String(), len(rest)
}

// TestReferenceExpansion: a reference used until the document would
// render to more than its limit is refused at its definition, before
// parsing; one used a little less renders.
func TestReferenceExpansion(t *testing.T) {
	r := New(Options{})
	n := 1
	for {
		src, size := refDoc(n + 1)
		if len(src)+(n+1)*(size+linkRefSize) > htmlLimit(len(src)) {
			break
		}
		n++
	}
	src, _ := refDoc(n)
	res, err := r.Render([]byte(src))
	if err != nil {
		t.Fatalf("used %d times: %v", n, err)
	}
	if l := len(res.HTML); l > htmlLimit(len(src)) {
		t.Errorf("used %d times: %d bytes of HTML, more than the limit %d", n, l, htmlLimit(len(src)))
	}
	src, _ = refDoc(n + 1)
	_, err = r.Render([]byte(src))
	var le *LimitError
	if !errors.As(err, &le) || le.Line != 1 || !strings.HasPrefix(le.What, fmt.Sprintf("link reference [ref] is used %d times: this record would render to about ", n+1)) {
		t.Errorf("used %d times: err = %v, want the reference's error at line 1", n+1, err)
	}
}

// TestReferenceExpansionAfterParsing: a definition whose title runs over
// several lines escapes the count before parsing, not the exact one after.
func TestReferenceExpansionAfterParsing(t *testing.T) {
	var b strings.Builder
	b.WriteString("Intro.\n\n[r]: /u\n  \"" + strings.Repeat("title ", 100) + "\n" + strings.Repeat("title ", 100) + "\"\n\n")
	for range 20 {
		b.WriteString(strings.Repeat("[r] ", 300) + "\n\n")
	}
	src := []byte(b.String())
	if err := checkReferences(src); err != nil {
		t.Fatalf("the count before parsing saw it: %v", err)
	}
	_, err := New(Options{}).Render(src)
	want := "markdown link reference [r] is used 6000 times: this record would render to about 7.0 MB of HTML, more than its limit of 558 KB (20 times its size plus 64 KB); use it less often, or shorten its address and title at line 3"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
}

// TestFootnoteRefSize: every reference to a footnote adds at least
// footnoteRefSize bytes, so the estimate never overstates.
func TestFootnoteRefSize(t *testing.T) {
	r := New(Options{})
	html := func(refs int) int {
		res, err := r.Render([]byte("Text" + strings.Repeat(" [^1]", refs) + ".\n\n[^1]: The note.\n"))
		if err != nil {
			t.Fatal(err)
		}
		return len(res.HTML)
	}
	for _, n := range []int{2, 10, 100} {
		if added := (html(n) - html(1)) / (n - 1); added < footnoteRefSize {
			t.Errorf("%d references add %d bytes each, less than %d", n, added, footnoteRefSize)
		}
	}
}

// TestHTMLWriterLimit: once a write would pass the limit, it and every
// later write fail, and nothing more is kept.
func TestHTMLWriterLimit(t *testing.T) {
	w := &htmlWriter{limit: 10}
	if _, err := w.WriteString("12345"); err != nil {
		t.Fatal(err)
	}
	if err := w.WriteByte('6'); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte("7890")); err != nil {
		t.Fatal(err)
	}
	if _, err := w.WriteRune('é'); err != errHTMLLimit {
		t.Errorf("past the limit: err = %v", err)
	}
	if err := w.WriteByte('x'); err != errHTMLLimit || w.Flush() != errHTMLLimit {
		t.Errorf("after the limit: err = %v", err)
	}
	if got := w.buf.String(); got != "1234567890" {
		t.Errorf("kept %q", got)
	}
}

// TestRenderedSizeLimit: a document whose HTML passes its limit while
// rendering (here a table of short rows padded to 100 columns) is refused
// at the top-level block where it does; one row less renders.
func TestRenderedSizeLimit(t *testing.T) {
	doc := func(rows int) []byte {
		return []byte("Intro.\n\n|" + strings.Repeat(" a |", 100) + "\n|" + strings.Repeat("-|", 100) + "\n" + strings.Repeat("|\n", rows) + "\nAfter.\n")
	}
	r := New(Options{})
	rows := 0
	var last *Result
	for ; ; rows++ {
		res, err := r.Render(doc(rows))
		if err != nil {
			var le *LimitError
			if !errors.As(err, &le) || le.Line != 3 || !strings.HasPrefix(le.What, "this record would render to more than its limit of ") {
				t.Fatalf("%d rows: err = %v, want the HTML limit at line 3", rows, err)
			}
			break
		}
		last = res
	}
	if rows == 0 {
		t.Fatal("no table rendered")
	}
	const row = len("<tr>\n") + 100*len("<td></td>\n") + len("</tr>\n")
	if limit := htmlLimit(len(doc(rows))); len(last.HTML)+row <= limit {
		t.Errorf("%d rows refused, but %d bytes of HTML and a row of %d fit the limit %d", rows, len(last.HTML), row, limit)
	}
}

// TestHonestReferences: a record that cites the same long addresses over
// and over, in prose and in a table, renders well within the limit.
func TestHonestReferences(t *testing.T) {
	var b strings.Builder
	for i := range 40 {
		fmt.Fprintf(&b, "Paragraph %d cites the [report][r%d] of the consultation, and [the one before][r%d], with a sentence or two about them.\n\n", i, i%20, (i+1)%20)
	}
	b.WriteString("| Year | Report | Annex |\n|---|---|---|\n")
	for i := range 100 {
		fmt.Fprintf(&b, "| %d | [PDF][r%d] | [PDF][r%d] |\n", 2000+i, i%20, (i+7)%20)
	}
	b.WriteString("\n")
	for i := range 20 {
		fmt.Fprintf(&b, "[r%d]: https://www.iom.int/sites/g/files/tmzbdl486/files/documents/2024-%02d/consultation-report-civil-society-annex-%d.pdf \"Report of the consultation, annex %d\"\n", i, i%12+1, i, i)
	}
	src := []byte(b.String())
	res, err := New(Options{}).Render(src)
	if err != nil {
		t.Fatal(err)
	}
	ratio := float64(len(res.HTML)) / float64(len(src))
	t.Logf("%d bytes render to %d (%.1f times)", len(src), len(res.HTML), ratio)
	if ratio > MaxExpansion/2 {
		t.Errorf("an honest record renders to %.1f times its size, too close to the limit of %d", ratio, MaxExpansion)
	}
}

// hangTime tells a hang (the quadratic or exponential shapes the limits
// exist for, hours at these sizes) from a slow machine: a normal render of
// these inputs takes milliseconds, and a minute holds on a two-core machine
// loaded fifteen times over, where 10 s did not for every wall-clock bound
// of the suite.
const hangTime = time.Minute
