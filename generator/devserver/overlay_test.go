package devserver

import "testing"

// TestCharColumn: html/template counts a layout's columns in bytes; the
// overlay, like every other position, counts characters.
func TestCharColumn(t *testing.T) {
	data := []byte("<p>\n<p title=\"Réunion\">{{nosuch .}}</p>\n")
	for _, tt := range []struct{ line, col, want int }{
		{2, 21, 20}, // "{{" after "é", 2 bytes: byte column 21, character 20
		{2, 1, 1},
		{1, 0, 0},
		{4, 5, 5},   // no such line: unchanged
		{2, 99, 36}, // past the end: after the line
	} {
		if got := charColumn(data, tt.line, tt.col); got != tt.want {
			t.Errorf("charColumn(line %d, col %d) = %d, want %d", tt.line, tt.col, got, tt.want)
		}
	}
}
