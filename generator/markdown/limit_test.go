package markdown

import (
	"errors"
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
