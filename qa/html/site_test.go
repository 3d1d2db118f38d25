package html

import (
	"net/http"
	"strings"
	"testing"

	"github.com/iom-cso/archive/internal/qasite"
)

// TestCheckedPagesExist: every page the browser checks visit answers with
// its status and netlify.toml's headers.
func TestCheckedPagesExist(t *testing.T) {
	s := qasite.Shipped(t)
	for _, p := range s.CheckedPages() {
		resp, err := http.Get(s.URL(p.Path))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != p.Status {
			t.Errorf("GET %s: status %d, want %d", p.Path, resp.StatusCode, p.Status)
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
			t.Errorf("GET %s: Content-Security-Policy %q, want netlify.toml's", p.Path, csp)
		}
	}
}
