package feed

import "strings"

// SitemapNamespace is the XML namespace of the sitemaps.org 0.9 protocol.
const SitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9"

// XHTMLNamespace is the namespace of the xhtml:link elements that give a
// URL's language versions.
const XHTMLNamespace = "http://www.w3.org/1999/xhtml"

// Sitemap returns a sitemaps.org 0.9 urlset with one url per element of
// urls, in the given order. Empty locations are skipped. The xhtml
// namespace is declared only when some URL has alternates, so that a
// sitemap in one language reads as before.
func Sitemap(urls []SitemapURL) []byte {
	var w xmlWriter
	w.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	xhtml := ""
	for _, u := range urls {
		if len(u.Alternates) > 0 {
			xhtml = ` xmlns:xhtml="` + XHTMLNamespace + `"`
			break
		}
	}
	w.raw(`<urlset xmlns="` + SitemapNamespace + `"` + xhtml + `>` + "\n")
	for _, u := range urls {
		loc := sitemapLoc(u.Loc)
		if loc == "" {
			continue
		}
		w.raw("  <url>\n")
		w.element(2, "loc", loc)
		if !u.LastMod.IsZero() {
			w.element(2, "lastmod", u.LastMod.String())
		}
		for _, a := range u.Alternates {
			if href := sitemapLoc(a.Href); href != "" {
				w.raw(`    <xhtml:link rel="alternate" hreflang="`)
				w.escape(a.Hreflang, true)
				w.raw(`" href="`)
				w.escape(href, true)
				w.raw(`"/>` + "\n")
			}
		}
		w.raw("  </url>\n")
	}
	w.raw("</urlset>\n")
	return []byte(w.b.String())
}

// sitemapLoc returns loc percent-encoded as the sitemap protocol requires
// (RFC 3986; non-ASCII as UTF-8 bytes), before entity escaping.
func sitemapLoc(loc string) string {
	return percentEncode(cleanLine(loc), isURLChar)
}

// Robots returns a robots.txt that allows every crawler everywhere, or,
// with disallowAll (deploy previews), disallows everything. When
// sitemapURL is not empty a Sitemap line points to it.
func Robots(sitemapURL string, disallowAll bool) []byte {
	var b strings.Builder
	b.WriteString("User-agent: *\n")
	if disallowAll {
		b.WriteString("Disallow: /\n")
	} else {
		b.WriteString("Disallow:\n")
	}
	if loc := sitemapLoc(sitemapURL); loc != "" {
		b.WriteString("\nSitemap: " + loc + "\n")
	}
	return []byte(b.String())
}
