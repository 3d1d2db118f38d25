package generator

import (
	"bytes"
	"path"
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
// (localizeLinks). A relative link or image is first resolved against
// the original's address, since the files beside an original are not
// copied under the language's folder. Links to files (attachments,
// feeds), to #fragments of the page itself and to other sites are left
// as they are, and so is a link already under a language's folder.

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

// linkAttrRE finds the links and images of rendered Markdown, whose
// attributes are always double-quoted.
var linkAttrRE = regexp.MustCompile(`(href|src)="([^"]*)"`)

// schemeRE matches a URL with a scheme (https:, mailto:).
var schemeRE = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)

// localizeLinks rewrites the links of a translation's body for its page
// in m's language, whose original is at base (a URL of the default
// language): see the comment at the top of this file. A relative link
// or image is resolved against the original's address first, since the
// files beside an original (attachments, images) are not copied under
// the language's folder.
func (m *site) localizeLinks(html []byte, base string) []byte {
	if m.isDefault() {
		return html
	}
	return linkAttrRE.ReplaceAllFunc(html, func(b []byte) []byte {
		sub := linkAttrRE.FindSubmatch(b)
		attr, u := string(sub[1]), string(sub[2])
		if u == "" || u[0] == '#' || strings.HasPrefix(u, "//") || schemeRE.MatchString(u) {
			return b
		}
		p, rest := u, ""
		if i := strings.IndexAny(u, "?#"); i >= 0 {
			p, rest = u[:i], u[i:]
		}
		if !strings.HasPrefix(p, "/") {
			dir := base[:strings.LastIndexByte(base, '/')+1]
			joined := path.Join(dir, p)
			if (p == "" || strings.HasSuffix(p, "/") || path.Base(p) == "." || path.Base(p) == "..") && joined != "/" {
				joined += "/"
			}
			p = joined
		}
		inLang := false
		for _, lang := range m.site.OtherLanguages() {
			if p == "/"+lang || strings.HasPrefix(p, "/"+lang+"/") {
				inLang = true
			}
		}
		if attr == "href" && !inLang && m.langPages[m.lang][p] {
			p = m.url(p)
		}
		return []byte(attr + `="` + p + rest + `"`)
	})
}

// pageSet lists the pages each language publishes, by their path in
// the default language (/about/, /years/2013/), for localizeLinks,
// alternates and the language switcher.
func (m *site) pageSet() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for _, lang := range m.site.Languages {
		out[lang] = map[string]bool{}
	}
	for _, r := range m.routes {
		if r.kind != routePage || r.draft && !m.cfg.Drafts {
			continue
		}
		if r.lang == "" {
			out[m.site.Language][r.url] = true
		} else {
			out[r.lang][strings.TrimPrefix(r.url, "/"+r.lang)] = true
		}
	}
	return out
}

// versions returns the languages the page at p (its path in the default
// language) exists in, in site.yaml's order.
func (m *site) versions(p string) []*site {
	var out []*site
	for _, l := range m.langs {
		if m.langPages[l.lang][p] {
			out = append(out, l)
		}
	}
	return out
}

// tieLanguages sets what ties the page d at url (in m's language) to
// its other languages: hreflang alternates, og:locale:alternate and the
// language switcher (see PageData). A site in one language has none.
func (m *site) tieLanguages(d *PageData, url string) {
	if len(m.langs) < 2 {
		return
	}
	p := strings.TrimPrefix(url, m.prefix)
	var vs []*site
	if d.Layout != "404" {
		vs = m.versions(p)
	}
	for _, l := range vs {
		d.Alternates = append(d.Alternates, Alternate{Hreflang: l.lang, URL: l.theme.Abs(l.url(p))})
		if l != m {
			d.OGAlternates = append(d.OGAlternates, l.t("og_locale"))
		}
	}
	if len(vs) > 0 && vs[0] == m.langs[0] {
		d.Alternates = append(d.Alternates, Alternate{Hreflang: "x-default", URL: m.langs[0].theme.Abs(p)})
	}
	if len(vs) > 1 {
		for _, l := range vs {
			d.Languages = append(d.Languages, LangLink{Lang: l.lang, Name: l.t("lang_self"), URL: l.url(p), Current: l == m})
		}
		return
	}
	// A page in its own language only: the other languages' homes.
	for _, l := range m.langs {
		u := l.url(homeURL())
		if l == m {
			u = url
		}
		d.Languages = append(d.Languages, LangLink{Lang: l.lang, Name: l.t("lang_self"), URL: u, Current: l == m})
	}
}

// bodyHTML is the HTML of a rendered body on m's page whose original is
// at base: a translation's (translated) with its links localized.
func (m *site) bodyHTML(r *markdown.Result, translated bool, base string) []byte {
	if r == nil {
		return nil
	}
	if translated {
		return m.localizeLinks([]byte(r.HTML), base)
	}
	return []byte(r.HTML)
}

// TranslationStatus is how far the published records are translated
// into one of the site's other languages, as check sums it up ("fr: 18
// of 19 records translated") rather than with a warning per record: a
// record without a translation is published in every language as it is
// written, which is no mistake.
type TranslationStatus struct {
	Lang       string
	Translated int // records with a translation into Lang
	Records    int // published records
	// Untranslated are the files of the records without one, in the
	// order of the archive, as messages name them (content/...).
	Untranslated []string
	// OrgsTranslated and Organizations are the same for the directory
	// of organizations (0 and 0 for a site without one), and
	// UntranslatedOrgs the files of the organizations without a
	// translation into Lang, in the directory's order.
	OrgsTranslated, Organizations int
	UntranslatedOrgs              []string
}

// translationStatus sums up the translations of the records build would
// publish (no drafts), language by language.
func translationStatus(m *site) []TranslationStatus {
	var out []TranslationStatus
	for _, lang := range m.site.OtherLanguages() {
		st := TranslationStatus{Lang: lang}
		for _, e := range m.arch.Events {
			if e.Draft {
				continue
			}
			st.Records++
			if e.Translations[lang] != nil {
				st.Translated++
			} else {
				st.Untranslated = append(st.Untranslated, path.Join(m.dir, e.Path))
			}
		}
		untranslated := m.arch.UntranslatedOrganizations(lang)
		st.Organizations, st.OrgsTranslated = len(m.arch.Organizations), len(m.arch.Organizations)-len(untranslated)
		for _, o := range untranslated {
			st.UntranslatedOrgs = append(st.UntranslatedOrgs, path.Join(m.dir, o.Path))
		}
		out = append(out, st)
	}
	return out
}

// translations runs the checks of the records' translations: the
// placeholders archive new --translate leaves ("TODO: translate: …"),
// an error in the translation of a published record as in the record
// itself, and translations made from an earlier text of their original
// (a warning at translation_of:).
func (c *checker) translations() {
	for _, e := range c.m.arch.Events {
		for _, lang := range c.m.site.OtherLanguages() {
			t := e.Translations[lang]
			if t == nil {
				continue
			}
			fields := []textField{{"title", t.Title, t.Pos["title"]}, {"summary", t.Summary, t.Pos["summary"]}, {"location", t.Location, t.Pos["location"]}}
			for _, d := range t.Documents {
				fields = append(fields, textField{"a document's title", d.Title, content.Position{Line: d.Line, Col: d.Col}})
			}
			for _, f := range untranslated(t, fields) {
				if e.Draft {
					c.warn(t.Path, f.pos, "%s still holds the placeholder written by archive new; translate it before the record's draft: true is removed", f.key)
				} else {
					c.add(content.SeverityError, t.Path, f.pos.Line, f.pos.Col, "%s still holds the placeholder written by archive new: translate it, or delete this file until the translation is ready (the record is published in its own language meanwhile)", f.key)
				}
			}
		}
	}
	c.orgTranslations()
	c.problems = append(c.problems, c.m.stale...)
}

// orgTranslations holds the organizations' translations to the rule of
// the records': a placeholder archive new --translate left is an error
// (an organization is never a draft).
func (c *checker) orgTranslations() {
	for _, o := range c.m.arch.Organizations {
		for _, lang := range c.m.site.OtherLanguages() {
			t := o.Translations[lang]
			if t == nil {
				continue
			}
			fields := []textField{{"name", t.Title, t.Pos["name"]}, {"short_name", t.ShortName, t.Pos["short_name"]}, {"summary", t.Summary, t.Pos["summary"]}}
			for _, f := range untranslated(t, fields) {
				c.add(content.SeverityError, t.Path, f.pos.Line, f.pos.Col, "%s still holds the placeholder written by archive new: translate it, or delete this file until the translation is ready (the organization is shown in its own language meanwhile)", f.key)
			}
		}
	}
}

// textField is one translatable text of a translation, where it is.
type textField struct {
	key, value string
	pos        content.Position
}

// untranslated returns those of fields, and of t's body, that still hold
// the placeholder archive new --translate writes (in the body, the line it
// puts above the text).
func untranslated(t *content.Translation, fields []textField) []textField {
	if i := bytes.Index(t.Body, []byte("<!-- "+Placeholder)); i >= 0 {
		fields = append(fields, textField{"the text", Placeholder, content.Position{Line: t.BodyLine + bytes.Count(t.Body[:i], []byte("\n")), Col: 1}})
	}
	var out []textField
	for _, f := range fields {
		if strings.HasPrefix(f.value, Placeholder) {
			out = append(out, f)
		}
	}
	return out
}
