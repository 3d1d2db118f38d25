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
		if d := time.Since(start); d > 2*time.Second {
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
