package devserver

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/iom-cso/archive/generator/output"
)

// TestLanguageNotFound: an address under a language's folder that
// nothing answers gets that language's 404 page, as on Netlify; any
// other, the site's.
func TestLanguageNotFound(t *testing.T) {
	s := New(Options{})
	s.site.Store(newSnapshot(output.Files{
		"index.html":    []byte("<!DOCTYPE html><html><head></head><body>home</body></html>"),
		"404.html":      []byte("<!DOCTYPE html><html><head></head><body>missing</body></html>"),
		"fr/404.html":   []byte("<!DOCTYPE html><html><head></head><body>introuvable</body></html>"),
		"fr/index.html": []byte("<!DOCTYPE html><html><head></head><body>accueil</body></html>"),
	}, "test-1", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)))
	ts := httptest.NewServer(s)
	defer ts.Close()
	for path, want := range map[string]string{"/fr/nowhere/": "introuvable", "/es/nowhere/": "missing", "/nowhere/": "missing", "/fr": "accueil"} {
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !strings.Contains(string(b), want) {
			t.Errorf("GET %s = %d %q, want %s", path, resp.StatusCode, b, want)
		}
	}
}
