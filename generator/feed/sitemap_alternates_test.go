package feed

import (
	"encoding/xml"
	"strings"
	"testing"
)

// TestSitemapAlternates: a URL's language versions are written as
// xhtml:link elements, with the namespace declared; a sitemap without
// alternates does not declare it.
func TestSitemapAlternates(t *testing.T) {
	out := string(Sitemap([]SitemapURL{{Loc: "https://a.example/x/", Alternates: []SitemapAlternate{
		{Hreflang: "en", Href: "https://a.example/x/"}, {Hreflang: "fr", Href: "https://a.example/fr/x/"}, {Hreflang: "x-default", Href: "https://a.example/x/"}}}}))
	for _, want := range []string{`xmlns:xhtml="http://www.w3.org/1999/xhtml"`, `<xhtml:link rel="alternate" hreflang="fr" href="https://a.example/fr/x/"/>`, `hreflang="x-default"`} {
		if !strings.Contains(out, want) {
			t.Errorf("sitemap lacks %s:\n%s", want, out)
		}
	}
	if err := xml.Unmarshal([]byte(out), new(struct{})); err != nil {
		t.Errorf("not well-formed: %v", err)
	}
	if plain := string(Sitemap([]SitemapURL{{Loc: "https://a.example/x/"}})); strings.Contains(plain, "xhtml") {
		t.Errorf("a sitemap without alternates declares xhtml:\n%s", plain)
	}
}
