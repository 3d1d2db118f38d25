package generator

import (
	"regexp"
	"strings"

	"github.com/iom-cso/archive/generator/content"
	"github.com/iom-cso/archive/generator/markdown"
	"github.com/iom-cso/archive/generator/theme"
)

// A site in several languages (site.yaml's languages:) is rendered once
// per language, by the same code: the model of each other language is a
// shallow copy of the default language's (inLanguage) with its own theme
// (its i18n file), its own views (names, titles and URLs in that
// language) and its own list digests. The default language's pages are
// at the site's root, every other language's under /<code>/, with the
// same path segments and slugs (url).
//
// Every language has every list, the search index, the feed, the
// calendar and the 404 page. A record or page is published in a language
// only when it has a translation into it: lists, feed and calendar of a
// language show a record without one under its original title and
// summary, marked with the original's language, and link to the
// original's page.
//
// Links inside a translation's body that point at a page of the site
// (a site path such as /about/ or /years/2013/) are rewritten to that
// page in the translation's language when it exists there (/fr/about/):
// a translator copies the original's links and gets the page in the
// reader's language whenever there is one, the original otherwise
// (localizeLinks). Links to files (attachments, feeds) and to other
// sites are left as they are, and so is a link already under a
// language's folder.

// inLanguage returns the model of the site in lang, one of the other
// languages: it shares everything load read with m and holds its own
// theme and views. It holds no Markdown bodies: render takes them from m.
func (m *site) inLanguage(lang string, t *theme.Theme) *site {
	l := *m
	l.lang, l.prefix, l.theme = lang, "/"+lang, t
	l.md = nil
	l.makeViews()
	l.listedSums()
	return &l
}

// url returns the site path u (a URL of routes.go, in the default
// language) in m's language.
func (m *site) url(u string) string { return m.prefix + u }

// isDefault reports whether m is the site in its default language.
func (m *site) isDefault() bool { return m.prefix == "" }

// translation returns e's translation into m's language; nil in the
// default language or when e has none.
func (m *site) translation(e *content.Event) *content.Translation {
	if m.isDefault() {
		return nil
	}
	return e.Translations[m.lang]
}

// pageTranslation is translation for a plain page or the home page.
func (m *site) pageTranslation(p *content.Page) *content.Translation {
	if m.isDefault() {
		return nil
	}
	return p.Translations[m.lang]
}

// published reports whether e has a page in m's language.
func (m *site) published(e *content.Event) bool {
	return m.isDefault() || m.translation(e) != nil
}

// eventURL is the page of e that m's lists link to: e's own in m's
// language, or the original's when e has no translation.
func (m *site) eventURL(e *content.Event) string {
	if m.published(e) {
		return m.url(eventURL(e))
	}
	return eventURL(e)
}

// pageURL is eventURL for a plain page.
func (m *site) pageURL(p *content.Page) string {
	if m.isDefault() || m.pageTranslation(p) != nil {
		return m.url(pageURL(p))
	}
	return pageURL(p)
}

// siteLinkRE finds the site paths of links in rendered Markdown: an
// href that starts with a single "/".
var siteLinkRE = regexp.MustCompile(`href="(/[^/"][^"]*|/)"`)

// localizeLinks rewrites the links of a translation's body to pages
// that exist in m's language (see the comment at the top of this file).
// The HTML is the Markdown renderer's, whose attributes are always
// double-quoted.
func (m *site) localizeLinks(html []byte) []byte {
	if m.isDefault() || !strings.Contains(string(html), `href="/`) {
		return html
	}
	return siteLinkRE.ReplaceAllFunc(html, func(b []byte) []byte {
		u := string(b[len(`href="`) : len(b)-1])
		p, rest := u, ""
		if i := strings.IndexAny(u, "?#"); i >= 0 {
			p, rest = u[:i], u[i:]
		}
		for _, lang := range m.site.OtherLanguages() {
			if p == "/"+lang || strings.HasPrefix(p, "/"+lang+"/") {
				return b // already in a language
			}
		}
		if !m.langPages[m.lang][p] {
			return b
		}
		return []byte(`href="` + m.url(p) + rest + `"`)
	})
}

// pageSet lists the pages each other language publishes, by their path
// in the default language (/about/, /years/2013/), for localizeLinks and
// the language switcher.
func (m *site) pageSet() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for _, lang := range m.site.OtherLanguages() {
		set := map[string]bool{}
		for _, r := range m.routes {
			if r.kind == routePage && r.lang == lang && (!r.draft || m.cfg.Drafts) {
				set[strings.TrimPrefix(r.url, "/"+lang)] = true
			}
		}
		out[lang] = set
	}
	return out
}

// bodyHTML is the HTML of a rendered body in m's language, or "" for none.
func (m *site) bodyHTML(r *markdown.Result, translated bool) []byte {
	if r == nil {
		return nil
	}
	if translated {
		return m.localizeLinks([]byte(r.HTML))
	}
	return []byte(r.HTML)
}
